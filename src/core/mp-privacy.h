/* mp-privacy.h: a person's rights over their data (GDPR)
 *
 * Consents are withdrawn, not deleted, and given again as new rows, so
 * their history stays. An access request gets everything stored about
 * one person, and nothing about anyone else.
 */
#pragma once

#include <glib-object.h>

#include "mp-store.h"

G_BEGIN_DECLS

typedef enum
{
  MP_CONSENT_KIND_FOLLOWUP,
  MP_CONSENT_KIND_PHOTO,
} MpConsentKind;

const char *mp_consent_kind_to_string    (MpConsentKind  kind);
gboolean    mp_consent_kind_from_string  (const char    *text,
                                          MpConsentKind *out);

/* Records a new consent given now (@source: "manual", "desk" …) unless
 * one of that kind is active already. */
gboolean    mp_store_give_consent        (MpStore       *self,
                                          gint64         person_id,
                                          MpConsentKind  kind,
                                          const char    *source,
                                          GError       **error);
/* Marks the person's active consent of @kind withdrawn now, and writes
 * that to the audit log (by the person's uuid, never a name).
 * MP_ERROR_NOT_FOUND when there is no such person or no active consent. */
gboolean    mp_store_withdraw_consent    (MpStore       *self,
                                          gint64         person_id,
                                          MpConsentKind  kind,
                                          GError       **error);

/* Everything stored about one person, as pretty-printed JSON: the
 * person, their organisation and sector, every registration (event,
 * status, source, answers, ticket, check-ins), every consent with
 * when it was given and withdrawn, and every ticket e-mail (address,
 * state, when, the server's answer). Times are ISO 8601 in local time. */
char       *mp_store_export_person_json  (MpStore       *self,
                                          gint64         person_id,
                                          GError       **error);

G_END_DECLS
