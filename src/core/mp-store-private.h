#pragma once

#include "mp-attendee-index.h"
#include "mp-store.h"

G_BEGIN_DECLS

/* Records a consent of @kind ("followup", "photo") when @answer is yes
 * and the person has no active one; inside the caller's transaction.
 * *@out_recorded tells whether a row was added. */
gboolean  _mp_store_record_consent (MpStore         *self,
                                    gint64           person_id,
                                    gint64           registration_id,
                                    const char      *kind,
                                    MpConsentAnswer  answer,
                                    const char      *source,
                                    gboolean        *out_recorded,
                                    GError         **error);

G_END_DECLS
