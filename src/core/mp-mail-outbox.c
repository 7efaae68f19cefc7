#define G_LOG_DOMAIN "mp-mail-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-attendee.h"
#include "mp-database-private.h"
#include "mp-mail-outbox-private.h"
#include "mp-store-private.h"
#include "mp-text.h"
#include "mp-time.h"

const char *
mp_ticket_mail_status_to_string (MpTicketMailStatus status)
{
  switch (status)
    {
    case MP_TICKET_MAIL_SENT:            return "sent";
    case MP_TICKET_MAIL_UNCONFIRMED:     return "unconfirmed";
    case MP_TICKET_MAIL_ADDRESS_CHANGED: return "address-changed";
    case MP_TICKET_MAIL_NO_ADDRESS:      return "no-address";
    case MP_TICKET_MAIL_NOT_ADMITTED:    return "not-admitted";
    case MP_TICKET_MAIL_TO_SEND:
    default:                             return "to-send";
    }
}

void
mp_ticket_mail_entry_free (MpTicketMailEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_free (entry->address);
  g_free (entry->sent_address);
  g_free (entry->reply);
  g_free (entry->last_failure);
  g_free (entry);
}

/* Per registration: the person and their address now; the last message
 * that was sent or may have been (d); whether one went to the address
 * they have now (MP_OUTBOX_TICKET_MAIL); the last message of all (l),
 * for its failure. */
#define LIST_SQL \
  "SELECT r.id, r.person_id, p.name, coalesce (p.email, ''), r.status, p.erased_at IS NOT NULL," \
  "  d.state, d.address, coalesce (d.done_at, d.attempted_at), d.reply," \
  "  " MP_OUTBOX_TICKET_MAIL ("r.id", "p.email") "," \
  "  l.state, l.reason" \
  " FROM registration r JOIN person p ON p.id = r.person_id" \
  " LEFT JOIN outbox d ON d.id = (SELECT max (id) FROM outbox WHERE registration_id = r.id" \
  "   AND kind = 'ticket' AND (state = 'sent' OR state = 'unconfirmed'))" \
  " LEFT JOIN outbox l ON l.id = (SELECT max (id) FROM outbox WHERE registration_id = r.id AND kind = 'ticket')" \
  " WHERE r.event_id = ? AND " MP_STORE_SETTLED ("r") \
  " ORDER BY r.id"

GPtrArray *
mp_ticket_mail_list_event (MpStore  *store,
                           gint64    event_id,
                           GError  **error)
{
  MpDatabase *db;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_ticket_mail_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  db = mp_store_get_database (store);
  stmt = _mp_database_prepare_cached (db, LIST_SQL, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MpTicketMailEntry *entry = g_new0 (MpTicketMailEntry, 1);
      gboolean registered = g_str_equal (_mp_column_text (stmt, 4), "registered");
      gboolean erased = sqlite3_column_int (stmt, 5);
      gboolean delivered = sqlite3_column_type (stmt, 6) != SQLITE_NULL;

      entry->registration_id = sqlite3_column_int64 (stmt, 0);
      entry->person_id = sqlite3_column_int64 (stmt, 1);
      entry->name = g_strdup (_mp_column_text (stmt, 2));
      entry->address = g_strdup (_mp_column_text (stmt, 3));
      entry->sent_address = g_strdup (_mp_column_text (stmt, 7));
      entry->sent_at = sqlite3_column_int64 (stmt, 8);
      entry->reply = g_strdup (_mp_column_text (stmt, 9));
      entry->last_failure = g_strdup (g_str_equal (_mp_column_text (stmt, 11), "failed")
                                      ? _mp_column_text (stmt, 12) : "");

      if (!registered)
        entry->status = MP_TICKET_MAIL_NOT_ADMITTED;
      else if (erased || !mp_text_email_is_valid (entry->address))
        entry->status = MP_TICKET_MAIL_NO_ADDRESS;
      else if (sqlite3_column_int (stmt, 10) == MP_ATTENDEE_TICKET_MAIL_SENT)
        entry->status = MP_TICKET_MAIL_SENT;
      else if (sqlite3_column_int (stmt, 10) == MP_ATTENDEE_TICKET_MAIL_UNCONFIRMED)
        entry->status = MP_TICKET_MAIL_UNCONFIRMED;
      else if (delivered)
        entry->status = MP_TICKET_MAIL_ADDRESS_CHANGED;
      else
        entry->status = MP_TICKET_MAIL_TO_SEND;

      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _mp_database_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

void
mp_ticket_mail_count (GPtrArray          *entries,
                      MpTicketMailCounts *counts)
{
  memset (counts, 0, sizeof *counts);

  for (guint i = 0; i < entries->len; i++)
    {
      MpTicketMailEntry *entry = g_ptr_array_index (entries, i);

      switch (entry->status)
        {
        case MP_TICKET_MAIL_TO_SEND:
          counts->to_send++;
          if (entry->last_failure[0] != '\0')
            counts->failed_before++;
          break;
        case MP_TICKET_MAIL_SENT:            counts->sent++; break;
        case MP_TICKET_MAIL_UNCONFIRMED:     counts->unconfirmed++; break;
        case MP_TICKET_MAIL_ADDRESS_CHANGED: counts->address_changed++; break;
        case MP_TICKET_MAIL_NO_ADDRESS:      counts->no_address++; break;
        case MP_TICKET_MAIL_NOT_ADMITTED:    counts->not_admitted++; break;
        default:                             break;
        }
    }
}

/* Changes */

gboolean
_mp_outbox_recover (MpDatabase  *db,
                    GError     **error)
{
  return _mp_database_exec (db, "UPDATE outbox SET state = 'queued' WHERE state = 'sending'", error);
}

gboolean
_mp_outbox_queue (MpDatabase  *db,
                  gint64       event_id,
                  GArray      *registration_ids,
                  GPtrArray   *addresses,
                  GArray      *out_ids,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 now = mp_time_now ();

  g_return_val_if_fail (registration_ids->len == addresses->len, FALSE);

  if (!_mp_database_begin (db, error))
    return FALSE;

  /* What an earlier, stopped run left queued is queued again (or not)
   * by what is true now. */
  stmt = _mp_database_prepare_cached (db,
                                      "DELETE FROM outbox WHERE state = 'queued'"
                                      " AND registration_id IN (SELECT id FROM registration WHERE event_id = ?)",
                                      error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, event_id);
  if (!_mp_database_step_done (db, stmt, error))
    goto failed;

  for (guint i = 0; i < registration_ids->len; i++)
    {
      gint64 id;

      stmt = _mp_database_prepare_cached (db,
                                          "INSERT INTO outbox (registration_id, kind, state, address, queued_at)"
                                          " VALUES (?, 'ticket', 'queued', ?, ?)",
                                          error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, g_array_index (registration_ids, gint64, i));
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (addresses, i), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, now);
      if (!_mp_database_step_done (db, stmt, error))
        goto failed;
      id = sqlite3_last_insert_rowid (_mp_database_get_handle (db));
      g_array_append_val (out_ids, id);
    }

  if (!_mp_database_commit (db, error))
    goto failed;
  return TRUE;

failed:
  _mp_database_rollback (db);
  g_array_set_size (out_ids, 0);
  return FALSE;
}

gboolean
_mp_outbox_claim (MpDatabase  *db,
                  gint64       outbox_id,
                  const char  *address,
                  const char  *message_id,
                  gint64       now,
                  gboolean    *out_claimed,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  *out_claimed = FALSE;
  if (!_mp_database_begin (db, error))
    return FALSE;

  stmt = _mp_database_prepare_cached (db,
                                      "UPDATE outbox SET state = 'sending', message_id = ?2, attempted_at = ?3,"
                                      " tries = tries + 1"
                                      " WHERE id = ?1 AND state = 'queued' AND address = ?4"
                                      "  AND EXISTS (SELECT 1 FROM registration r JOIN person p ON p.id = r.person_id"
                                      "   WHERE r.id = outbox.registration_id AND r.status = 'registered'"
                                      "    AND p.erased_at IS NULL AND p.email = ?4)",
                                      error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, outbox_id);
  sqlite3_bind_text (stmt, 2, message_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_text (stmt, 4, address, -1, SQLITE_TRANSIENT);
  if (!_mp_database_step_done (db, stmt, error))
    goto failed;
  *out_claimed = sqlite3_changes (_mp_database_get_handle (db)) > 0;

  if (!*out_claimed)
    {
      /* cancelled, erased or a new address since it was queued: the
       * next send decides again */
      stmt = _mp_database_prepare_cached (db, "DELETE FROM outbox WHERE id = ? AND state = 'queued'", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, outbox_id);
      if (!_mp_database_step_done (db, stmt, error))
        goto failed;
    }

  if (!_mp_database_commit (db, error))
    goto failed;
  return TRUE;

failed:
  _mp_database_rollback (db);
  *out_claimed = FALSE;
  return FALSE;
}

gboolean
_mp_outbox_mark_unconfirmed (MpDatabase  *db,
                             gint64       outbox_id,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  /* One statement outside a transaction: SQLite commits it (durably,
   * synchronous=FULL) before this returns. */
  g_return_val_if_fail (!_mp_database_in_transaction (db), FALSE);

  stmt = _mp_database_prepare_cached (db,
                                      "UPDATE outbox SET state = 'unconfirmed' WHERE id = ? AND state = 'sending'",
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, outbox_id);
  if (!_mp_database_step_done (db, stmt, error))
    return FALSE;

  if (sqlite3_changes (_mp_database_get_handle (db)) == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_FAILED,
                           _("The outbox changed while a message was being sent. It was stopped before its end."));
      return FALSE;
    }

  return TRUE;
}

gboolean
_mp_outbox_finish (MpDatabase  *db,
                   gint64       outbox_id,
                   const char  *state,
                   gint64       now,
                   const char  *reply,
                   const char  *reason,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean done = g_str_equal (state, "sent") || g_str_equal (state, "failed");

  g_return_val_if_fail (!_mp_database_in_transaction (db), FALSE);

  stmt = _mp_database_prepare_cached (db,
                                      "UPDATE outbox SET state = ?2, done_at = ?3, reply = ?4, reason = ?5"
                                      " WHERE id = ?1",
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, outbox_id);
  sqlite3_bind_text (stmt, 2, state, -1, SQLITE_STATIC);
  if (done)
    sqlite3_bind_int64 (stmt, 3, now);
  _mp_bind_text_or_null (stmt, 4, reply);
  _mp_bind_text_or_null (stmt, 5, reason);
  return _mp_database_step_done (db, stmt, error);
}

/* One registration's last message */

void
mp_ticket_mail_last_free (MpTicketMailLast *last)
{
  if (last == NULL)
    return;
  g_free (last->state);
  g_free (last->address);
  g_free (last->reply);
  g_free (last->reason);
  g_free (last);
}

MpTicketMailLast *
mp_ticket_mail_get_last (MpStore  *store,
                         gint64    registration_id,
                         GError  **error)
{
  MpDatabase *db;
  g_autoptr(MpTicketMailLast) last = g_new0 (MpTicketMailLast, 1);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  db = mp_store_get_database (store);
  stmt = _mp_database_prepare_cached (db,
                                      "SELECT state, address, coalesce (done_at, attempted_at, 0), reply, reason"
                                      " FROM outbox WHERE registration_id = ? AND kind = 'ticket'"
                                      " ORDER BY id DESC LIMIT 1",
                                      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, registration_id);
  rc = sqlite3_step (stmt);
  last->state = g_strdup (rc == SQLITE_ROW ? _mp_column_text (stmt, 0) : "");
  last->address = g_strdup (rc == SQLITE_ROW ? _mp_column_text (stmt, 1) : "");
  last->at = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 2) : 0;
  last->reply = g_strdup (rc == SQLITE_ROW ? _mp_column_text (stmt, 3) : "");
  last->reason = g_strdup (rc == SQLITE_ROW ? _mp_column_text (stmt, 4) : "");
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _mp_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&last);
}
