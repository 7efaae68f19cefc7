/* mp-store-checkin.c: check-in at the door, and undo
 *
 * One scan is one short write transaction: the registration is looked
 * up, every kind of bad scan is an outcome (not an error), and only a
 * new check-in writes (the check-in row and its audit entry; the
 * database's triggers keep the registration's current check-in and the
 * event's counts). The result carries the event's counts after it, one
 * row read in the same transaction.
 */
#define G_LOG_DOMAIN "mp-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-attendee-private.h"
#include "mp-desk.h"
#include "mp-store-private.h"
#include "mp-ticket.h"
#include "mp-time.h"

/* A ticket for another event: which one, and when (its title and date
 * are no one's personal data; the person it was made for is none of
 * this door's business). */
static MpCheckInResult *
wrong_event (MpStore  *self,
             gint64    other_event_id,
             GError  **error)
{
  MpCheckInResult *result = mp_check_in_result_new (MP_CHECK_IN_WRONG_EVENT, NULL, 0, 0, NULL);
  int rc;
  _MP_STORE_PREPARE ("SELECT title, starts_at FROM event WHERE id = ?");

  sqlite3_bind_int64 (stmt, 1, other_event_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    mp_check_in_result_set_other_event (result, _mp_column_text (stmt, 0), sqlite3_column_int64 (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_object_unref (result);
      _mp_store_fail (self, rc, error);
      return NULL;
    }
  return result;
}

static MpCheckInResult *
check_in_locked (MpStore     *self,
                 gint64       event_id,
                 const char  *token,
                 gint64       registration_id,
                 const char  *desk,
                 gboolean     admit_anyway,
                 GError     **error)
{
  g_autoptr(MpAttendee) attendee = NULL;
  g_autofree char *uuid = NULL;
  gint64 reg_id = 0, reg_event = 0, now;
  MpRegistrationStatus status;
  MpCheckInException exception = MP_CHECK_IN_EXCEPTION_NONE;
  gboolean erased = FALSE;
  int rc;

  {
    _MP_STORE_PREPARE ("SELECT r.id, r.event_id, p.erased_at IS NOT NULL"
                       " FROM registration r JOIN person p ON p.id = r.person_id"
                       " WHERE (r.token = ?1 OR r.id = ?2) AND " MP_STORE_SETTLED ("r"));

    if (token != NULL)
      sqlite3_bind_text (stmt, 1, token, -1, SQLITE_TRANSIENT);
    else
      sqlite3_bind_int64 (stmt, 2, registration_id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        reg_id = sqlite3_column_int64 (stmt, 0);
        reg_event = sqlite3_column_int64 (stmt, 1);
        erased = sqlite3_column_int (stmt, 2);
      }
    sqlite3_reset (stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
      {
        _mp_store_fail (self, rc, error);
        return NULL;
      }
  }

  if (reg_id == 0 || (token == NULL && reg_event != event_id))
    return mp_check_in_result_new (token != NULL ? MP_CHECK_IN_WRONG_EVENT : MP_CHECK_IN_NOT_A_TICKET,
                                   NULL, 0, 0, NULL);
  if (reg_event != event_id)
    return wrong_event (self, reg_event, error);

  /* An erased person's ticket admits no one: whoever shows it, it is
   * not theirs to use any more (and there is no name to greet). */
  if (erased)
    return mp_check_in_result_new (MP_CHECK_IN_NOT_VALID, NULL, 0, 0, NULL);

  /* with its current check-in (registration.checkin_id) */
  attendee = mp_store_get_attendee (self, reg_id, error);
  if (attendee == NULL)
    return NULL;

  /* In already (by exception too): whatever their status says now. */
  if (attendee->checkin_id != 0)
    return mp_check_in_result_new (MP_CHECK_IN_ALREADY, attendee, attendee->checkin_id,
                                   attendee->checked_in_at, attendee->checkin_desk);
  status = attendee->status;

  /* Refused at the door, unless a person at the desk lets them in on
   * purpose: then the check-in says so, and why. */
  if (status == MP_REGISTRATION_STATUS_CANCELLED && !admit_anyway)
    return mp_check_in_result_new (MP_CHECK_IN_CANCELLED, attendee, 0, 0, NULL);
  if (status == MP_REGISTRATION_STATUS_WAITLISTED && !admit_anyway)
    return mp_check_in_result_new (MP_CHECK_IN_WAITLISTED, attendee, 0, 0, NULL);
  if (status == MP_REGISTRATION_STATUS_CANCELLED)
    exception = MP_CHECK_IN_EXCEPTION_CANCELLED;
  else if (status == MP_REGISTRATION_STATUS_WAITLISTED)
    exception = MP_CHECK_IN_EXCEPTION_WAITLISTED;

  uuid = _mp_uuid_new ();
  now = mp_time_now ();

  {
    _MP_STORE_PREPARE ("INSERT INTO checkin (uuid, registration_id, desk, at, exception) VALUES (?, ?, ?, ?, ?)");

    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 2, reg_id);
    sqlite3_bind_text (stmt, 3, desk, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 4, now);
    if (exception != MP_CHECK_IN_EXCEPTION_NONE)
      sqlite3_bind_text (stmt, 5, mp_check_in_exception_to_string (exception), -1, SQLITE_STATIC);
    else
      sqlite3_bind_null (stmt, 5);
    if (!_mp_database_step_done (self->database, stmt, error))
      return NULL;
  }

  {
    gint64 checkin_id = sqlite3_last_insert_rowid (_mp_database_get_handle (self->database));
    g_autofree char *detail = exception != MP_CHECK_IN_EXCEPTION_NONE
                              ? g_strconcat ("exception=", mp_check_in_exception_to_string (exception), NULL)
                              : NULL;
    MpAttendee *a = attendee;
    MpCheckInResult *result;

    if (!_mp_store_audit (self, now, "check-in", attendee->uuid, desk, detail, error))
      return NULL;

    a->checkin_id = checkin_id;
    a->checked_in_at = now;
    g_free (a->checkin_desk);
    a->checkin_desk = g_strdup (desk);
    a->checkin_exception = exception;

    result = mp_check_in_result_new (MP_CHECK_IN_CHECKED_IN, attendee, checkin_id, now, desk);
    mp_check_in_result_set_exception (result, exception);
    return result;
  }
}

/* Gives @result the event's counts as they are now; in the scan's own
 * transaction, one row (a failure only leaves them out). */
static void
attach_counts (MpStore          *self,
               MpCheckInResult  *result,
               gint64            event_id)
{
  g_autoptr(GError) error = NULL;
  MpEventCounts counts;

  if (mp_store_get_counts (self, event_id, &counts, &error))
    mp_check_in_result_set_counts (result, &counts);
  else
    g_debug ("Counts after a scan: %s", error->message);
}

static MpCheckInResult *
check_in (MpStore     *self,
          gint64       event_id,
          const char  *token,
          gint64       registration_id,
          const char  *desk,
          gboolean     admit_anyway,
          GError     **error)
{
  g_autoptr(MpCheckInResult) result = NULL;
  g_autofree char *desk_name = mp_desk_name_check (desk, MP_DESK_KIND_DESK, error);

  if (desk_name == NULL || !_mp_database_begin (self->database, error))
    return NULL;

  result = check_in_locked (self, event_id, token, registration_id, desk_name, admit_anyway, error);
  if (result == NULL)
    {
      _mp_database_rollback (self->database);
      return NULL;
    }

  /* the counts this check-in left, before anyone else can write */
  attach_counts (self, result, event_id);

  if (mp_check_in_result_get_outcome (result) != MP_CHECK_IN_CHECKED_IN)
    /* nothing was written */
    _mp_database_rollback (self->database);
  /* Only now, with the commit on disk, is the check-in confirmed. */
  else if (!_mp_database_commit (self->database, error))
    {
      _mp_database_rollback (self->database);
      return NULL;
    }

  return g_steal_pointer (&result);
}

static MpCheckInResult *
check_in_text (MpStore     *self,
               gint64       event_id,
               const char  *scanned_text,
               const char  *desk,
               gboolean     admit_anyway,
               GError     **error)
{
  g_autofree char *token = NULL;

  token = mp_ticket_parse (scanned_text, -1);
  if (token == NULL)
    {
      MpCheckInResult *result = mp_check_in_result_new (MP_CHECK_IN_NOT_A_TICKET, NULL, 0, 0, NULL);

      attach_counts (self, result, event_id);
      return result;
    }

  return check_in (self, event_id, token, 0, desk, admit_anyway, error);
}

MpCheckInResult *
mp_store_check_in (MpStore     *self,
                   gint64       event_id,
                   const char  *scanned_text,
                   const char  *desk,
                   GError     **error)
{
  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  return check_in_text (self, event_id, scanned_text, desk, FALSE, error);
}

MpCheckInResult *
mp_store_check_in_registration (MpStore     *self,
                                gint64       event_id,
                                gint64       registration_id,
                                const char  *desk,
                                GError     **error)
{
  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  return check_in (self, event_id, NULL, registration_id, desk, FALSE, error);
}

MpCheckInResult *
mp_store_admit_anyway (MpStore     *self,
                       gint64       event_id,
                       const char  *scanned_text,
                       const char  *desk,
                       GError     **error)
{
  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  return check_in_text (self, event_id, scanned_text, desk, TRUE, error);
}

MpCheckInResult *
mp_store_admit_registration_anyway (MpStore     *self,
                                    gint64       event_id,
                                    gint64       registration_id,
                                    const char  *desk,
                                    GError     **error)
{
  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  return check_in (self, event_id, NULL, registration_id, desk, TRUE, error);
}

gboolean
mp_store_undo_check_in (MpStore     *self,
                        gint64       checkin_id,
                        const char  *desk,
                        GError     **error)
{
  return mp_store_undo_check_in_full (self, checkin_id, desk, NULL, error);
}

gboolean
mp_store_undo_check_in_full (MpStore        *self,
                             gint64          checkin_id,
                             const char     *desk,
                             MpEventCounts  *out_counts,
                             GError        **error)
{
  g_autofree char *uuid = _mp_uuid_new ();
  g_autofree char *reg_uuid = NULL;
  g_autofree char *desk_name = mp_desk_name_check (desk, MP_DESK_KIND_DESK, error);
  gint64 registration_id = 0, event_id = 0, now = mp_time_now ();
  gboolean undoable = FALSE;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  if (desk_name == NULL || !_mp_database_begin (self->database, error))
    return FALSE;

  {
    sqlite3_stmt *stmt = _mp_database_prepare_cached (self->database,
                                                      "SELECT c.registration_id, r.uuid, " MP_STORE_CHECKIN_STANDS ("c") ", r.event_id"
                                                      " FROM checkin c JOIN registration r ON r.id = c.registration_id"
                                                      " WHERE c.id = ?",
                                                      error);
    if (stmt == NULL)
      goto failed;
    sqlite3_bind_int64 (stmt, 1, checkin_id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        registration_id = sqlite3_column_int64 (stmt, 0);
        reg_uuid = g_strdup (_mp_column_text (stmt, 1));
        undoable = sqlite3_column_int (stmt, 2);
        event_id = sqlite3_column_int64 (stmt, 3);
      }
    sqlite3_reset (stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
      {
        _mp_store_fail (self, rc, error);
        goto failed;
      }
  }

  if (registration_id == 0)
    {
      _mp_store_not_found (error, _("That check-in does not exist."));
      goto failed;
    }
  if (!undoable)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID, _("That check-in was already undone."));
      goto failed;
    }

  {
    /* The registration's current check-in and the event's counts follow
     * by themselves: arrived no more, unless another of its check-ins
     * still stands. */
    sqlite3_stmt *stmt = _mp_database_prepare_cached (self->database,
                                                      "INSERT INTO checkin (uuid, registration_id, desk, at, undoes)"
                                                      " VALUES (?, ?, ?, ?, ?)",
                                                      error);
    if (stmt == NULL)
      goto failed;
    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 2, registration_id);
    sqlite3_bind_text (stmt, 3, desk_name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 4, now);
    sqlite3_bind_int64 (stmt, 5, checkin_id);
    if (!_mp_database_step_done (self->database, stmt, error))
      goto failed;
  }

  if (!_mp_store_audit (self, now, "undo-check-in", reg_uuid, desk_name, NULL, error))
    goto failed;

  if (out_counts != NULL && !mp_store_get_counts (self, event_id, out_counts, NULL))
    memset (out_counts, 0, sizeof *out_counts);

  if (!_mp_database_commit (self->database, error))
    goto failed;

  return TRUE;

failed:
  _mp_database_rollback (self->database);
  return FALSE;
}
