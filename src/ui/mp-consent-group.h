/* mp-consent-group.h: a person's consents, shown and changed as acts
 *
 * One row per consent (follow-up after the event, photos) with what is
 * in force and since when, a switch that gives or withdraws it now (an
 * act with its time, as mp_store_give_consent () and
 * mp_store_withdraw_consent () record it), and the history below it:
 * given when and how, withdrawn when, and a "yes" that was read again
 * but did not give it again, with why. Used by the registration editor.
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_CONSENT_GROUP (mp_consent_group_get_type ())

G_DECLARE_FINAL_TYPE (MpConsentGroup, mp_consent_group, MP, CONSENT_GROUP, AdwPreferencesGroup)

GtkWidget *mp_consent_group_new      (MpStore        *store,
                                      gint64          person_id);
/* Whose consents (in a template: set after it is built). */
void       mp_consent_group_set_person (MpConsentGroup *self,
                                        MpStore        *store,
                                        gint64          person_id);
/* Reads the history again. */
void       mp_consent_group_reload   (MpConsentGroup *self);
/* For tests: "consent.KIND=given|withdrawn|none", the number of acts,
 * and where the switch is in its window ("x,y"), to be clicked. */
void       mp_consent_group_describe (MpConsentGroup *self,
                                      GString        *out);

/* Signals:
 *   void changed (MpConsentGroup *self)  a consent was given or withdrawn */

G_END_DECLS
