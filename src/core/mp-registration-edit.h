/* mp-registration-edit.h: changing a registration after the fact, and
 * the check-in history of one
 *
 * Part of MpStore (the functions take the store), kept apart from
 * mp-store.c so that the organiser's editing is in one place.
 */
#pragma once

#include "mp-store.h"

G_BEGIN_DECLS

/* Sets the person's name, e-mail, phone, organisation and sector and the
 * registration's status, answers (dietary, accessibility,
 * interpreter) and the organiser's note to what @input says, in one transaction. Empty strings
 * clear a field; the name must stay. Consents are not changed here:
 * they have their own history. Fails with MP_ERROR_INVALID (no name,
 * not an e-mail address, unknown sector), MP_ERROR_EXISTS (another
 * person has that e-mail address) or MP_ERROR_NOT_FOUND. */
gboolean   mp_store_update_registration   (MpStore                   *self,
                                           gint64                     registration_id,
                                           const MpRegistrationInput *input,
                                           GError                   **error);

/* One line of a registration's check-in history. */
typedef struct
{
  gint64    checkin_id;
  gint64    at;          /* UTC seconds */
  char     *desk;
  gboolean  is_undo;     /* an undo of the check-in @undoes */
  gint64    undoes;
  MpCheckInException exception;   /* let in anyway by a desk, and why */
} MpCheckInRecord;

void       mp_check_in_record_free        (MpCheckInRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpCheckInRecord, mp_check_in_record_free)

/* Every check-in and undo of the registration, oldest first. */
GPtrArray *mp_store_list_check_in_history (MpStore  *self,
                                           gint64    registration_id,
                                           GError  **error);

G_END_DECLS
