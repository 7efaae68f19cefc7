/* mp-hub-merge.c: one person registered twice for one event, at two
 * desks that could not reach each other
 *
 * A person both desks know (the same UUID) is registered for the same
 * event at desk A and at desk B while they are apart: two registrations
 * with two UUIDs, and every computer holds one registration per person
 * and event. When the second reaches a computer that has the first, the
 * earlier one stays (by created_at, a tie by the smaller UUID: the same
 * rule on every computer, whichever it sees first), and the other's key
 * becomes an alias of it (hub_alias): the loser's check-ins and consents,
 * from any desk, land on the registration that stays, so the person is
 * admitted once (twice, flagged, if both desks admitted them) and
 * nothing is lost. The hub keeps both rows as they were sent: a computer
 * that joins later applies the same rule to them.
 *
 * What does not follow: the ticket of the registration that lost no
 * longer opens the door on computers that merged (it answers "not a
 * ticket for this event", and the desk finds the person by name).
 */
#define G_LOG_DOMAIN "mp-hub"

#include "config.h"

#include "mp-hub-private.h"

static gboolean
add_alias (MpDatabase  *db,
           const char  *key,
           const char  *target,
           GError     **error)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db,
                                                    "INSERT INTO hub_alias (tbl, key, target) VALUES ('registration', ?1, ?2)"
                                                    " ON CONFLICT (tbl, key) DO UPDATE SET target = excluded.target",
                                                    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, target, -1, SQLITE_TRANSIENT);
  if (!_mp_database_step_done (db, stmt, error))
    return FALSE;

  /* what named the loser names the winner now */
  stmt = _mp_database_prepare_cached (db, "UPDATE hub_alias SET target = ?2 WHERE tbl = 'registration' AND target = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, target, -1, SQLITE_TRANSIENT);
  return _mp_database_step_done (db, stmt, error);
}

gboolean
_mp_hub_merge_registration (MpDatabase  *db,
                            const char  *key,
                            gint64       event_id,
                            gint64       person_id,
                            gint64       created_at,
                            MpHubMerge  *out_merge,
                            GError     **error)
{
  g_autofree char *local_key = NULL;
  gint64 local_id = 0, local_created_at = 0;
  sqlite3_stmt *stmt;
  int rc;

  *out_merge = MP_HUB_MERGE_NONE;

  stmt = _mp_database_prepare_cached (db,
                                      "SELECT id, uuid, created_at FROM registration"
                                      " WHERE event_id = ? AND person_id = ? AND uuid <> ?",
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, person_id);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      local_id = sqlite3_column_int64 (stmt, 0);
      local_key = g_strdup (_mp_column_text (stmt, 1));
      local_created_at = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _mp_database_set_error (db, rc, error);
  if (local_key == NULL)
    return TRUE;                /* another conflict: not ours */

  if (local_created_at < created_at ||
      (local_created_at == created_at && strcmp (local_key, key) < 0))
    {
      /* the one here stays; the hub's names it from now on */
      *out_merge = MP_HUB_MERGE_LOCAL_STAYS;
      g_debug ("registration %s merged into %s (earlier)", key, local_key);
      return add_alias (db, key, local_key, error);
    }

  /* The hub's is earlier: the row here becomes it (its id stays, so its
   * check-ins and consents follow), and its old key names it. The old
   * key's changes are not pushed any more: the hub has it as it was, or
   * never had it, and a tombstone would cut the others' check-ins off
   * it. */
  stmt = _mp_database_prepare_cached (db, "UPDATE registration SET uuid = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, local_id);
  if (!_mp_database_step_done (db, stmt, error))
    return FALSE;
  stmt = _mp_database_prepare_cached (db, "DELETE FROM hub_change WHERE tbl = 'registration' AND key = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, local_key, -1, SQLITE_TRANSIENT);
  if (!_mp_database_step_done (db, stmt, error))
    return FALSE;
  *out_merge = MP_HUB_MERGE_HUB_STAYS;
  g_debug ("registration %s merged into %s (earlier)", local_key, key);
  return add_alias (db, local_key, key, error);
}
