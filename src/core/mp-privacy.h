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

/* One act of a person's consent history: a consent given (and perhaps
 * withdrawn since), or a "yes" that did NOT give it again after a
 * withdrawal (@not_granted says why; such a record is never active). */
typedef struct
{
  gint64         consent_id;
  MpConsentKind  kind;
  gint64         given_at;      /* when it was recorded (UTC seconds) */
  gint64         answered_at;   /* when the person answered, if known; else 0 */
  gint64         withdrawn_at;  /* 0 while it stands */
  char          *source;        /* how: "manual", "desk", "kiosk", "import" */
  char          *not_granted;   /* NULL, "answer-not-later" or "answer-undated" */
  char          *event_title;   /* the event it came with, or NULL */
} MpConsentRecord;

void        mp_consent_record_free       (MpConsentRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpConsentRecord, mp_consent_record_free)

/* Whether @record is the consent in force. */
gboolean    mp_consent_record_is_active  (const MpConsentRecord *record);
/* Why a "yes" did not give the consent again, in words a person reads
 * (for @record->not_granted); NULL when it did. */
const char *mp_consent_record_get_not_granted_reason (const MpConsentRecord *record);

/* Every consent act of @person_id of both kinds, oldest first. An
 * erased person has none. MP_ERROR_NOT_FOUND when there is no such
 * person. */
GPtrArray  *mp_store_list_consents       (MpStore       *self,
                                          gint64         person_id,
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
