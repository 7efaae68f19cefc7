/* mp-hub-sync.c: one round with the hub (push, then pull), the session
 * it runs in, and the link's state (`hub status`)
 *
 * Push: the local change log (hub_change, filled by the triggers) is read
 * in order of its local sequence — never by clock — and each changed row
 * is sent as it is now (or as a tombstone) in one hub transaction that
 * takes the push lock, so hub_seq follows commit order. The hub keeps
 * the newer of two versions of a row by device time (check-ins: the
 * first, they never change); a version it refuses is fetched back and
 * applied here. Only then are the pushed log entries deleted, in the same
 * local transaction: a desk killed in between pushes again, which
 * changes nothing on the hub.
 *
 * The pull is in mp-hub-pull.c, joining and leaving in mp-hub-join.c.
 */
#define G_LOG_DOMAIN "mp-hub"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mp-hub-session-private.h"
#include "mp-time.h"

#define PUSH_BATCH 1000
#define PUSH_LOCK  "7366"

void
mp_hub_status_clear (MpHubStatus *status)
{
  g_clear_pointer (&status->conninfo, g_free);
  g_clear_pointer (&status->hub_id, g_free);
  g_clear_pointer (&status->desk, g_free);
  g_clear_pointer (&status->desk_id, g_free);
  g_clear_pointer (&status->events, g_free);
  g_clear_pointer (&status->last_error, g_free);
}

/* A PostgreSQL text[] literal of @items. */
char *
_mp_hub_pg_text_array (GPtrArray *items)
{
  GString *out = g_string_new ("{");

  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '"');
      for (const char *p = items->pdata[i]; *p; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

gint64
_mp_hub_count_waiting (MpDatabase *db)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db, "SELECT count (*) FROM hub_change", NULL);
  gint64 n = 0;

  if (stmt != NULL)
    _mp_database_step_int64 (db, stmt, &n, NULL);
  return n;
}

void
_mp_hub_record_state (MpDatabase *db,
                      gboolean    online,
                      const char *error_message)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db,
                                                    "UPDATE hub_state SET online = ?1,"
                                                    " offline_since = CASE WHEN ?1 THEN NULL ELSE coalesce (offline_since, ?2) END,"
                                                    " last_sync_at = CASE WHEN ?1 THEN ?2 ELSE last_sync_at END,"
                                                    " last_error = ?3",
                                                    NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_int (stmt, 1, online);
  sqlite3_bind_int64 (stmt, 2, mp_time_now ());
  _mp_bind_text_or_null (stmt, 3, error_message);
  if (!_mp_database_step_done (db, stmt, NULL))
    g_debug ("the hub's state could not be recorded");
}

gboolean
_mp_hub_not_linked (GError **error)
{
  g_set_error_literal (error, MP_ERROR, MP_ERROR_NOT_FOUND,
                       _("This database is not linked to a hub. Link it with “moteplass-cli hub join”."));
  return FALSE;
}

gboolean
mp_hub_get_status (MpDatabase   *db,
                   MpHubStatus  *status,
                   GError      **error)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db,
                                                    "SELECT conninfo, hub_id, desk, desk_id, events, last_seen,"
                                                    " last_sync_at, online, offline_since, skipped, last_error"
                                                    " FROM hub_state",
                                                    error);
  int rc;

  memset (status, 0, sizeof *status);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    {
      status->linked = TRUE;
      status->conninfo = mp_hub_conninfo_for_display ((const char *) sqlite3_column_text (stmt, 0));
      status->hub_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      status->desk = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      status->desk_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      status->events = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      status->last_seen = sqlite3_column_int64 (stmt, 5);
      status->last_sync_at = sqlite3_column_int64 (stmt, 6);
      status->online = sqlite3_column_int (stmt, 7);
      status->offline_since = sqlite3_column_int64 (stmt, 8);
      status->skipped = sqlite3_column_int64 (stmt, 9);
      status->last_error = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _mp_database_set_error (db, rc, error);
  if (status->linked)
    status->waiting = _mp_hub_count_waiting (db);
  return TRUE;
}

void
_mp_hub_session_free (MpHubSession *session)
{
  if (session == NULL)
    return;
  if (session->conn != NULL)
    PQfinish (session->conn);
  g_free (session->desk_id);
  g_free (session->events);
  g_object_unref (session->db);
  g_free (session);
}

PGconn *
_mp_hub_session_get_conn (MpHubSession *session)
{
  return session->conn;
}

const char *
_mp_hub_session_get_desk_id (MpHubSession *session)
{
  return session->desk_id;
}

MpHubSession *
_mp_hub_session_open (MpDatabase  *db,
                      gboolean     listen,
                      GError     **error)
{
  g_autoptr(MpHubSession) session = g_new0 (MpHubSession, 1);
  g_autofree char *conninfo = NULL;
  g_autofree char *hub_id = NULL;
  g_autofree char *found_hub_id = NULL;
  g_autofree char *desk = NULL;
  sqlite3_stmt *stmt;
  int rc;

  session->db = g_object_ref (db);

  stmt = _mp_database_prepare_cached (db, "SELECT conninfo, hub_id, desk, desk_id, events, last_seen FROM hub_state", error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    {
      conninfo = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      hub_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      desk = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      session->desk_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        session->events = g_strdup_printf ("{%s}", sqlite3_column_text (stmt, 4));
      session->last_seen = sqlite3_column_int64 (stmt, 5);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _mp_database_set_error (db, rc, error);
      return NULL;
    }
  if (hub_id == NULL)
    {
      _mp_hub_not_linked (error);
      return NULL;
    }
  if (session->desk_id == NULL || !g_uuid_string_is_valid (session->desk_id))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_CORRUPT,
                           _("This database’s link to its hub is damaged. Leave the hub (“hub leave --force”) and join it again."));
      return NULL;
    }

  /* triggers from an older description are made again */
  if (!_mp_hub_install_capture (db, error))
    return NULL;

  session->conn = _mp_hub_pg_connect (conninfo, error);
  if (session->conn == NULL)
    return NULL;
  if (!_mp_hub_pg_check_schema (session->conn, &found_hub_id, error))
    return NULL;
  if (g_strcmp0 (found_hub_id, hub_id) != 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_EXISTS,
                   _("The database at this address is another hub than the one this desk joined (hub %s, not %s). Nothing was exchanged."),
                   found_hub_id, hub_id);
      return NULL;
    }

  {
    const char *values[] = { session->desk_id, desk != NULL ? desk : "" };
    PGresult *result = PQexecParams (session->conn,
                                     "INSERT INTO moteplass.desk (id, name) VALUES ($1, $2)"
                                     " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, last_seen_at = now ()",
                                     2, NULL, values, NULL, NULL, 0);
    gboolean ok = PQresultStatus (result) == PGRES_COMMAND_OK;

    if (!ok)
      _mp_hub_pg_error (session->conn, result, error);
    PQclear (result);
    if (!ok)
      return NULL;
  }

  if (listen && !_mp_hub_pg_exec (session->conn, "LISTEN moteplass_changes", error))
    return NULL;

  return g_steal_pointer (&session);
}

typedef struct
{
  const MpHubTable *table;
  char             *key;
  gint64            at;
} Change;

static void
change_free (gpointer data)
{
  Change *c = data;

  g_free (c->key);
  g_free (c);
}

static gboolean
push_batch (MpHubSession  *session,
            guint         *out_pushed,
            gboolean      *out_more,
            GError       **error)
{
  MpDatabase *db = session->db;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (change_free);
  g_autoptr(GHashTable) by_row = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) accepted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *append_only = NULL;
  gint64 max_seq = 0;
  g_autofree char *held = NULL;
  guint n_entries = 0;
  gboolean erased = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  *out_more = FALSE;

  if (!_mp_database_begin_read (db, error))
    return FALSE;

  /* The changes of an import batch still being written wait
   * (mp-import-batch-private.h): the hub gets the whole file or none of
   * it. Which batches those were is kept, so that only what was read is
   * deleted below, whenever they finish. */
  stmt = _mp_database_prepare_cached (db, "SELECT json_group_array (id) FROM import_batch", error);
  if (stmt == NULL)
    goto failed_read;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    held = g_strdup (_mp_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _mp_database_set_error (db, rc, error);
      goto failed_read;
    }

  stmt = _mp_database_prepare_cached (db, "SELECT seq, tbl, key, at FROM hub_change"
                                          " WHERE batch IS NULL OR batch NOT IN (SELECT value FROM json_each (?))"
                                          " ORDER BY seq LIMIT " G_STRINGIFY (PUSH_BATCH), error);
  if (stmt == NULL)
    goto failed_read;
  sqlite3_bind_text (stmt, 1, held, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const MpHubTable *table = _mp_hub_table_by_name (_mp_column_text (stmt, 1));
      g_autofree char *row_id = NULL;
      Change *c;

      n_entries++;
      max_seq = sqlite3_column_int64 (stmt, 0);
      if (table == NULL)
        continue;               /* a table that no longer replicates */
      row_id = g_strdup_printf ("%s\n%s", table->name, _mp_column_text (stmt, 2));
      c = g_hash_table_lookup (by_row, row_id);
      if (c == NULL)
        {
          c = g_new0 (Change, 1);
          c->table = table;
          c->key = g_strdup (_mp_column_text (stmt, 2));
          g_ptr_array_add (changes, c);
          g_hash_table_insert (by_row, g_steal_pointer (&row_id), c);
        }
      c->at = MAX (c->at, sqlite3_column_int64 (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _mp_database_set_error (db, rc, error);
      goto failed_read;
    }

  if (n_entries == 0)
    {
      _mp_database_rollback (db);
      *out_pushed = 0;
      return TRUE;
    }
  *out_more = n_entries == PUSH_BATCH;

  json_builder_begin_array (b);
  for (guint i = 0; i < changes->len; i++)
    {
      Change *c = changes->pdata[i];
      g_autofree char *event_key = NULL;
      gboolean exists = FALSE;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "tbl");
      json_builder_add_string_value (b, c->table->name);
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, c->key);
      json_builder_set_member_name (b, "updated_at");
      json_builder_add_int_value (b, c->at);
      json_builder_set_member_name (b, "data");
      if (!_mp_hub_read_row (db, c->table, c->key, b, &exists, &event_key, error))
        goto failed_read;
      json_builder_set_member_name (b, "deleted");
      json_builder_add_boolean_value (b, !exists);
      json_builder_set_member_name (b, "event_key");
      if (event_key != NULL)
        json_builder_add_string_value (b, event_key);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  _mp_database_rollback (db);   /* end of the read snapshot */

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json = json_generator_to_data (gen, NULL);

  {
    g_autoptr(GPtrArray) names = g_ptr_array_new ();
    guint n_tables;
    const MpHubTable *tables = _mp_hub_tables (&n_tables);

    for (guint t = 0; t < n_tables; t++)
      if (tables[t].append_only)
        g_ptr_array_add (names, (gpointer) tables[t].name);
    append_only = _mp_hub_pg_text_array (names);
  }

  /* On the hub, one transaction under the push lock. */
  {
    const char *values[] = { json, session->desk_id, append_only };
    PGresult *result;

    if (!_mp_hub_pg_exec (session->conn, "BEGIN; SELECT pg_advisory_xact_lock (" PUSH_LOCK ")", error))
      goto failed_hub;

    /* What the hub keeps as it was sent is accepted; a row it kept
     * its own version of, or changed by its rules (an erased person's
     * answers), comes back here below. */
    result = PQexecParams (session->conn,
                           "WITH x AS (SELECT * FROM jsonb_to_recordset ($1::jsonb)"
                           "  AS x (tbl text, key text, updated_at bigint, deleted boolean, event_key text, data jsonb)),"
                           " up AS (INSERT INTO moteplass.row AS h (tbl, key, updated_at, origin, deleted, event_key, data)"
                           " SELECT x.tbl, x.key, x.updated_at, $2, x.deleted, x.event_key, x.data FROM x"
                           " ON CONFLICT (tbl, key) DO UPDATE SET updated_at = EXCLUDED.updated_at,"
                           "  origin = EXCLUDED.origin, deleted = EXCLUDED.deleted,"
                           "  event_key = coalesce (EXCLUDED.event_key, h.event_key), data = EXCLUDED.data"
                           /* a deletion wins; an erasure and a withdrawal win whatever the
                            * clocks say; otherwise the later change (check-ins never change) */
                           " WHERE EXCLUDED.deleted"
                           "  OR (h.tbl = 'person' AND EXCLUDED.data->>'erased_at' IS NOT NULL)"
                           "  OR (h.tbl = 'consent' AND EXCLUDED.data->>'withdrawn_at' IS NOT NULL"
                           "      AND h.data->>'withdrawn_at' IS NULL)"
                           "  OR (h.updated_at < EXCLUDED.updated_at AND NOT (h.tbl = ANY ($3::text[])))"
                           " RETURNING h.tbl, h.key, h.deleted, h.data)"
                           " SELECT up.tbl, up.key FROM up JOIN x ON x.tbl = up.tbl AND x.key = up.key"
                           " WHERE up.deleted = x.deleted AND up.data IS NOT DISTINCT FROM x.data",
                           3, NULL, values, NULL, NULL, 0);
    if (PQresultStatus (result) != PGRES_TUPLES_OK)
      {
        _mp_hub_pg_error (session->conn, result, error);
        PQclear (result);
        goto failed_hub;
      }
    for (int r = 0; r < PQntuples (result); r++)
      g_hash_table_add (accepted, g_strdup_printf ("%s\n%s", PQgetvalue (result, r, 0), PQgetvalue (result, r, 1)));
    PQclear (result);

    /* the desk's id is a UUID this desk made: safe in the text */
    {
      g_autofree char *notify = g_strdup_printf ("NOTIFY moteplass_changes, '%s'; COMMIT", session->desk_id);

      if (!_mp_hub_pg_exec (session->conn, notify, error))
        goto failed_hub;
    }
  }

  /* Here: the log entries go, and the rows the hub had newer come back. */
  {
    guint n_tables;
    const MpHubTable *tables = _mp_hub_tables (&n_tables);
    g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) PQclear);
    g_autoptr(GPtrArray) result_tables = g_ptr_array_new ();
    gboolean names_changed = FALSE;
    guint n_applied = 0;

    for (guint t = 0; t < n_tables; t++)
      {
        g_autoptr(GPtrArray) keys = g_ptr_array_new ();
        g_autofree char *array = NULL;
        g_autofree char *sql = NULL;
        const char *values[2];
        PGresult *result;

        if (tables[t].append_only)
          continue;
        for (guint i = 0; i < changes->len; i++)
          {
            Change *c = changes->pdata[i];
            g_autofree char *row_id = NULL;

            if (c->table != &tables[t])
              continue;
            row_id = g_strdup_printf ("%s\n%s", c->table->name, c->key);
            if (!g_hash_table_contains (accepted, row_id))
              g_ptr_array_add (keys, c->key);
          }
        if (keys->len == 0)
          continue;

        array = _mp_hub_pg_text_array (keys);
        values[0] = tables[t].name;
        values[1] = array;
        sql = g_strdup_printf ("SELECT %s FROM moteplass.row WHERE tbl = $1 AND key = ANY ($2::text[])",
                               _mp_hub_pull_columns (&tables[t]));
        result = PQexecParams (session->conn, sql, 2, NULL, values, NULL, NULL, 0);
        if (PQresultStatus (result) != PGRES_TUPLES_OK)
          {
            _mp_hub_pg_error (session->conn, result, error);
            PQclear (result);
            return FALSE;       /* pushed; the log entries go next time */
          }
        g_ptr_array_add (results, result);
        g_ptr_array_add (result_tables, (gpointer) &tables[t]);
      }

    if (!_mp_hub_apply_begin (db, error))
      return FALSE;
    stmt = _mp_database_prepare_cached (db, "DELETE FROM hub_change WHERE seq <= ?1"
                                            " AND (batch IS NULL OR batch NOT IN (SELECT value FROM json_each (?2)))",
                                        error);
    if (stmt == NULL)
      goto failed_local;
    sqlite3_bind_int64 (stmt, 1, max_seq);
    sqlite3_bind_text (stmt, 2, held, -1, SQLITE_TRANSIENT);
    if (!_mp_database_step_done (db, stmt, error))
      goto failed_local;
    for (guint i = 0; i < results->len; i++)
      if (!_mp_hub_apply_result (db, result_tables->pdata[i], results->pdata[i], &n_applied, &names_changed, &erased, error))
        goto failed_local;
    if (!_mp_hub_apply_commit (db, names_changed, error))
      return FALSE;
    if (erased)
      _mp_hub_after_erasure (db);
  }

  *out_pushed = changes->len;
  return TRUE;

failed_read:
  _mp_database_rollback (db);
  return FALSE;

failed_hub:
  /* nothing reached the hub; the entries stay and go next time */
  if (PQstatus (session->conn) == CONNECTION_OK)
    PQclear (PQexec (session->conn, "ROLLBACK"));
  return FALSE;

failed_local:
  _mp_database_rollback (db);
  return FALSE;
}

gboolean
_mp_hub_session_push (MpHubSession  *session,
                      guint         *out_pushed,
                      GError       **error)
{
  gboolean more = TRUE;

  *out_pushed = 0;
  while (more)
    {
      guint n = 0;

      if (!push_batch (session, &n, &more, error))
        return FALSE;
      *out_pushed += n;
    }
  return TRUE;
}

gboolean
mp_hub_sync (MpDatabase       *db,
             MpHubSyncCounts  *counts,
             GError          **error)
{
  g_autoptr(MpHubSession) session = NULL;
  g_autoptr(GError) local_error = NULL;
  MpHubSyncCounts unused;

  if (counts == NULL)
    counts = &unused;
  memset (counts, 0, sizeof *counts);

  session = _mp_hub_session_open (db, FALSE, &local_error);
  if (session != NULL &&
      _mp_hub_session_push (session, &counts->pushed, &local_error) &&
      _mp_hub_session_pull (session, &counts->pulled, &local_error))
    {
      _mp_hub_record_state (db, TRUE, NULL);
      return TRUE;
    }

  if (g_error_matches (local_error, MP_ERROR, MP_ERROR_NETWORK))
    _mp_hub_record_state (db, FALSE, local_error->message);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
