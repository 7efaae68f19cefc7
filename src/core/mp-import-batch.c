/* mp-import-batch.c: a large import in short transactions, all or
 * nothing (see mp-import-batch-private.h) */
#define G_LOG_DOMAIN "mp-store"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mp-hub-private.h"
#include "mp-import-batch-private.h"
#include "mp-time.h"

/* Rows removed per transaction when a batch is rolled back: each
 * transaction stays short, whatever the batch's size. */
#define ROLL_BACK_ROWS 5000

static char *
read_boot_id (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &text, NULL, NULL))
    return g_strdup ("-");
  return g_strstrip (g_steal_pointer (&text));
}

/* The process's start time in clock ticks since the boot (field 22 of
 * /proc/PID/stat), or 0 when it cannot be read. */
static guint64
start_time_of (guint64 pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%" G_GUINT64_FORMAT "/stat", pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  /* after the command's name, which may hold spaces and parentheses */
  after = strrchr (text, ')');
  if (after == NULL)
    return 0;
  fields = g_strsplit (after + 1, " ", 0);
  /* fields[0] is empty (the space), fields[1] the state (field 3) */
  if (g_strv_length (fields) < 21)
    return 0;
  return g_ascii_strtoull (fields[20], NULL, 10);
}

char *
_mp_import_batch_owner (void)
{
  g_autofree char *boot = read_boot_id ();
  guint64 pid = getpid ();

  return g_strdup_printf ("%s %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, boot, pid, start_time_of (pid));
}

gboolean
_mp_import_batch_owner_alive (const char *owner)
{
  g_auto(GStrv) parts = g_strsplit (owner != NULL ? owner : "", " ", 3);
  g_autofree char *boot = read_boot_id ();
  guint64 pid, started;

  if (g_strv_length (parts) != 3 || strcmp (parts[0], boot) != 0)
    return FALSE;
  pid = g_ascii_strtoull (parts[1], NULL, 10);
  started = g_ascii_strtoull (parts[2], NULL, 10);
  if (pid == 0 || pid > G_MAXINT)
    return FALSE;
  if (pid == (guint64) getpid ())
    return TRUE;
  if (started != 0)
    return start_time_of (pid) == started;
  /* no /proc: only whether a process of that number runs */
  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
}

gboolean
_mp_import_batch_add (MpDatabase  *db,
                      gint64       event_id,
                      gint64      *out_batch,
                      GError     **error)
{
  g_autofree char *owner = _mp_import_batch_owner ();
  sqlite3_stmt *stmt;
  int rc;

  /* one import into an event at a time */
  stmt = _mp_database_prepare_cached (db, "SELECT owner FROM import_batch WHERE event_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (_mp_import_batch_owner_alive (_mp_column_text (stmt, 0)))
      {
        sqlite3_reset (stmt);
        g_set_error_literal (error, MP_ERROR, MP_ERROR_BUSY,
                             _("Another import into this event is under way. Wait until it is done, "
                               "then import again."));
        return FALSE;
      }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _mp_database_set_error (db, rc, error);

  stmt = _mp_database_prepare_cached (db,
                                      "INSERT INTO import_batch (event_id, owner, started_at, first_person,"
                                      " first_registration, first_consent, first_organisation)"
                                      " VALUES (?1, ?2, ?3,"
                                      "  (SELECT coalesce (max (id), 0) + 1 FROM person),"
                                      "  (SELECT coalesce (max (id), 0) + 1 FROM registration),"
                                      "  (SELECT coalesce (max (id), 0) + 1 FROM consent),"
                                      "  (SELECT coalesce (max (id), 0) + 1 FROM organisation))",
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_text (stmt, 2, owner, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, mp_time_now ());
  if (!_mp_database_step_done (db, stmt, error))
    return FALSE;

  *out_batch = sqlite3_last_insert_rowid (_mp_database_get_handle (db));
  return TRUE;
}

gboolean
_mp_import_batch_mark (MpDatabase  *db,
                       gint64       batch,
                       GError     **error)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db, "UPDATE hub_state SET importing = ?", error);

  if (stmt == NULL)
    return FALSE;
  if (batch != 0)
    sqlite3_bind_int64 (stmt, 1, batch);
  else
    sqlite3_bind_null (stmt, 1);
  return _mp_database_step_done (db, stmt, error);
}

gboolean
_mp_import_batch_add_totals (MpDatabase  *db,
                             gint64       batch,
                             guint        registered,
                             guint        waitlisted,
                             guint        cancelled,
                             GError     **error)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db,
                                                    "UPDATE import_batch SET registered = registered + ?2,"
                                                    " waitlisted = waitlisted + ?3, cancelled = cancelled + ?4"
                                                    " WHERE id = ?1",
                                                    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch);
  sqlite3_bind_int64 (stmt, 2, registered);
  sqlite3_bind_int64 (stmt, 3, waitlisted);
  sqlite3_bind_int64 (stmt, 4, cancelled);
  if (!_mp_database_step_done (db, stmt, error))
    return FALSE;

  /* gone: the event was deleted meanwhile (its batch with it) */
  if (sqlite3_changes (_mp_database_get_handle (db)) == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_NOT_FOUND,
                           _("The event was deleted while the file was being imported; nothing was imported."));
      return FALSE;
    }
  return TRUE;
}

gboolean
_mp_import_batch_journal (MpDatabase  *db,
                          gint64       batch,
                          gint64       person_id,
                          const char  *email,
                          const char  *phone,
                          gint64       organisation_id,
                          gint64       sector_id,
                          GError     **error)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db,
                                                    "INSERT INTO import_completed (batch, person_id, email, phone,"
                                                    " organisation_id, sector_id) VALUES (?, ?, ?, ?, ?, ?)",
                                                    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch);
  sqlite3_bind_int64 (stmt, 2, person_id);
  _mp_bind_text_or_null (stmt, 3, email);
  _mp_bind_text_or_null (stmt, 4, phone);
  if (organisation_id != 0)
    sqlite3_bind_int64 (stmt, 5, organisation_id);
  else
    sqlite3_bind_null (stmt, 5);
  if (sector_id != 0)
    sqlite3_bind_int64 (stmt, 6, sector_id);
  else
    sqlite3_bind_null (stmt, 6);
  return _mp_database_step_done (db, stmt, error);
}

gboolean
_mp_import_batch_finish (MpDatabase  *db,
                         gint64       batch,
                         GError     **error)
{
  /* Its registrations are counted from now on (none of them has a
   * check-in: nobody could see them), and everyone sees them. */
  return _mp_database_exec_int64s (db,
                                   "UPDATE event_counts SET registered = event_counts.registered + b.registered,"
                                   " waitlisted = event_counts.waitlisted + b.waitlisted,"
                                   " cancelled = event_counts.cancelled + b.cancelled"
                                   " FROM import_batch b WHERE b.id = ?1 AND event_counts.event_id = b.event_id",
                                   batch, 0, error) &&
         _mp_database_exec_int64s (db, "DELETE FROM import_batch WHERE id = ?", batch, 0, error);
}


/* Rolling back */

/* Runs @sql (?1 the batch, ?2 its first id of the table), then @then
 * (if not NULL), until the last of them changes nothing, each run a
 * transaction of its own that the hub's capture triggers do not log. */
static gboolean
in_short_transactions (MpDatabase  *db,
                       const char  *sql,
                       const char  *then,
                       gint64       batch,
                       gint64       first,
                       GError     **error)
{
  while (TRUE)
    {
      int changes;

      if (!_mp_database_begin (db, error))
        return FALSE;
      if (!_mp_database_exec (db, "UPDATE hub_state SET applying = 1", error) ||
          !_mp_database_exec_int64s (db, sql, batch, first, error) ||
          (then != NULL && !_mp_database_exec_int64s (db, then, batch, first, error)))
        goto failed;
      changes = sqlite3_changes (_mp_database_get_handle (db));
      if (!_mp_database_exec (db, "UPDATE hub_state SET applying = 0", error) ||
          !_mp_database_commit (db, error))
        goto failed;
      if (changes == 0)
        return TRUE;
    }

failed:
  _mp_database_rollback (db);
  return FALSE;
}

gboolean
_mp_import_batch_roll_back (MpDatabase  *db,
                            gint64       batch,
                            GError     **error)
{
  gint64 first_person = 0, first_registration = 0, first_consent = 0, first_organisation = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (!_mp_database_in_transaction (db), FALSE);

  stmt = _mp_database_prepare_cached (db,
                                      "SELECT first_person, first_registration, first_consent, first_organisation"
                                      " FROM import_batch WHERE id = ?",
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      first_person = sqlite3_column_int64 (stmt, 0);
      first_registration = sqlite3_column_int64 (stmt, 1);
      first_consent = sqlite3_column_int64 (stmt, 2);
      first_organisation = sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _mp_database_set_error (db, rc, error);
  /* (no row: its event was deleted and took it along; look everywhere) */

  g_debug ("Rolling back import batch %" G_GINT64_FORMAT, batch);

  /* Consents first (a registration's deletion would only unlink them),
   * then registrations; their check-ins, outbox rows … go by the
   * cascade, but an unfinished batch has none: nobody saw it. */
  if (!in_short_transactions (db,
                              "DELETE FROM consent WHERE id IN (SELECT id FROM consent"
                              " WHERE id >= ?2 AND batch = ?1 LIMIT " G_STRINGIFY (ROLL_BACK_ROWS) ")",
                              NULL, batch, first_consent, error) ||
      !in_short_transactions (db,
                              "DELETE FROM registration WHERE id IN (SELECT id FROM registration"
                              " WHERE id >= ?2 AND batch = ?1 LIMIT " G_STRINGIFY (ROLL_BACK_ROWS) ")",
                              NULL, batch, first_registration, error))
    return FALSE;

  /* What it gave people known before goes, unless it was changed since. */
  if (!in_short_transactions (db,
                              "UPDATE person SET"
                              " email = CASE WHEN j.email IS NOT NULL AND person.email IS j.email THEN NULL ELSE person.email END,"
                              " email_key = CASE WHEN j.email IS NOT NULL AND person.email IS j.email THEN NULL ELSE person.email_key END,"
                              " phone = CASE WHEN j.phone IS NOT NULL AND person.phone IS j.phone THEN NULL ELSE person.phone END,"
                              " organisation_id = CASE WHEN j.organisation_id IS NOT NULL AND person.organisation_id IS j.organisation_id"
                              "   THEN NULL ELSE person.organisation_id END,"
                              " sector_id = CASE WHEN j.sector_id IS NOT NULL AND person.sector_id IS j.sector_id"
                              "   THEN NULL ELSE person.sector_id END"
                              " FROM import_completed j WHERE j.rowid IN (SELECT rowid FROM import_completed"
                              "  WHERE batch = ?1 LIMIT " G_STRINGIFY (ROLL_BACK_ROWS) ") AND person.id = j.person_id",
                              "DELETE FROM import_completed WHERE rowid IN (SELECT rowid FROM import_completed"
                              " WHERE batch = ?1 LIMIT " G_STRINGIFY (ROLL_BACK_ROWS) ")",
                              batch, 0, error))
    return FALSE;

  /* People and organisations it made, unless someone else has come to
   * use them meanwhile (a walk-in with the same address). */
  if (!in_short_transactions (db,
                              "DELETE FROM person WHERE id IN (SELECT p.id FROM person p"
                              " WHERE p.id >= ?2 AND p.batch = ?1"
                              "  AND NOT EXISTS (SELECT 1 FROM registration r WHERE r.person_id = p.id)"
                              " LIMIT " G_STRINGIFY (ROLL_BACK_ROWS) ")",
                              NULL, batch, first_person, error) ||
      !in_short_transactions (db,
                              "DELETE FROM organisation WHERE id IN (SELECT id FROM organisation"
                              " WHERE id >= ?2 AND batch = ?1"
                              "  AND id NOT IN (SELECT organisation_id FROM person WHERE organisation_id IS NOT NULL)"
                              " LIMIT " G_STRINGIFY (ROLL_BACK_ROWS) ")",
                              NULL, batch, first_organisation, error))
    return FALSE;

  /* Last, in one short transaction: the hub never gets what went, and
   * gets what stayed; then the batch is gone. */
  if (!_mp_database_begin (db, error))
    return FALSE;
  if (!_mp_hub_release_batch (db, batch, error) ||
      !_mp_database_exec_int64s (db, "DELETE FROM import_batch WHERE id = ?", batch, 0, error) ||
      !_mp_database_commit (db, error))
    {
      _mp_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}

gboolean
_mp_import_batch_forget (MpDatabase  *db,
                         gint64       batch,
                         GError     **error)
{
  return in_short_transactions (db,
                                "DELETE FROM import_completed WHERE rowid IN (SELECT rowid FROM import_completed"
                                " WHERE batch = ?1 LIMIT " G_STRINGIFY (ROLL_BACK_ROWS) ")",
                                NULL, batch, 0, error);
}

gboolean
_mp_import_batch_recover (MpDatabase  *db,
                          GError     **error)
{
  g_autoptr(GArray) dead = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 leftovers = 0;
  int rc;

  stmt = _mp_database_prepare_cached (db, "SELECT id, owner FROM import_batch ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!_mp_import_batch_owner_alive (_mp_column_text (stmt, 1)))
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);

        g_array_append_val (dead, id);
      }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _mp_database_set_error (db, rc, error);

  for (guint i = 0; i < dead->len; i++)
    if (!_mp_import_batch_roll_back (db, g_array_index (dead, gint64, i), error))
      return FALSE;

  /* A finished batch's journal is of no more use. */
  stmt = _mp_database_prepare_cached (db, "SELECT EXISTS (SELECT 1 FROM import_completed"
                                          " WHERE batch NOT IN (SELECT id FROM import_batch))", error);
  if (stmt == NULL || !_mp_database_step_int64 (db, stmt, &leftovers, error))
    return FALSE;
  if (leftovers > 0)
    return in_short_transactions (db,
                                  "DELETE FROM import_completed WHERE rowid IN (SELECT rowid FROM import_completed"
                                  " WHERE batch NOT IN (SELECT id FROM import_batch)"
                                  " LIMIT " G_STRINGIFY (ROLL_BACK_ROWS) ")",
                                  NULL, 0, 0, error);
  return TRUE;
}
