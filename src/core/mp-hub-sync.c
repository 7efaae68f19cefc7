/* mp-hub-sync.c: one round with the hub (push, then pull), join, leave
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
 * Pull: in one REPEATABLE READ snapshot of the hub, table by table in the
 * order references need, every row after the last hub_seq seen that came
 * from another desk, in pages, each page one local transaction with
 * hub_state.applying set (so the triggers do not log them again). The new
 * last_seen is written with the last page: a desk killed in the middle
 * pulls the same rows again, which changes nothing here.
 */
#define G_LOG_DOMAIN "mp-hub"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mp-hub-private.h"
#include "mp-time.h"

#define PUSH_BATCH 1000
#define PULL_PAGE  5000
#define PUSH_LOCK  "7366"

struct _MpHubSession
{
  MpDatabase *db;
  PGconn     *conn;
  char       *desk_id;
  char       *events;         /* PostgreSQL array literal, or NULL: all */
  gint64      last_seen;
};

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
static char *
pg_text_array (GPtrArray *items)
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

/* The column list of a table's pull, once per process. */
static const char *
pull_columns (const MpHubTable *table)
{
  static char **all;
  guint n_tables;
  const MpHubTable *tables = _mp_hub_tables (&n_tables);

  if (g_once_init_enter (&all))
    {
      char **made = g_new0 (char *, n_tables);

      for (guint t = 0; t < n_tables; t++)
        {
          GString *cols = g_string_new ("hub_seq, key, deleted");

          for (guint c = 0; c < _mp_hub_table_n_columns (&tables[t]); c++)
            g_string_append_printf (cols, ", data->>'%s'", tables[t].columns[c].name);
          made[t] = g_string_free (cols, FALSE);
        }
      g_once_init_leave (&all, made);
    }
  return all[table - tables];
}

/* A desk that pulls some events only (`hub join --event`) gets the
 * people registered for them and their organisations, not a county's
 * whole person table. A person comes when it changed and is registered
 * for one of the events, or when a registration of one of them that is
 * new here names it (whenever the person itself last changed); an
 * organisation likewise through its people. The hub indexes the keys
 * these follow (row_registration_person, row_person_organisation).
 * Parameters: $1 the hub_seq pulled up to, $2 this desk, $3 the events. */
#define PEOPLE_OF_EVENTS(h) \
  "EXISTS (SELECT 1 FROM moteplass.row v WHERE v.tbl = 'registration' AND v.data->>'person_id' = " h ".key" \
  " AND v.event_key = ANY ($3::text[]))"
#define LIMITED_PEOPLE \
  "SELECT h.tbl, h.hub_seq, h.key, h.deleted, h.data FROM moteplass.row h" \
  " WHERE h.tbl = 'person' AND h.hub_seq > $1 AND h.origin <> $2 AND (h.deleted OR " PEOPLE_OF_EVENTS ("h") ")" \
  " UNION" \
  " SELECT h.tbl, h.hub_seq, h.key, h.deleted, h.data FROM moteplass.row h" \
  " WHERE h.tbl = 'person' AND h.origin <> $2 AND h.key IN (SELECT v.data->>'person_id' FROM moteplass.row v" \
  "  WHERE v.tbl = 'registration' AND v.hub_seq > $1 AND v.event_key = ANY ($3::text[]))"
#define LIMITED_ORGANISATIONS \
  "SELECT h.tbl, h.hub_seq, h.key, h.deleted, h.data FROM moteplass.row h" \
  " WHERE h.tbl = 'organisation' AND h.hub_seq > $1 AND h.origin <> $2 AND (h.deleted OR EXISTS (SELECT 1 FROM moteplass.row p" \
  "  WHERE p.tbl = 'person' AND p.data->>'organisation_id' = h.key AND " PEOPLE_OF_EVENTS ("p") "))" \
  " UNION" \
  " SELECT h.tbl, h.hub_seq, h.key, h.deleted, h.data FROM moteplass.row h" \
  " WHERE h.tbl = 'organisation' AND h.origin <> $2 AND h.key IN (SELECT f.data->>'organisation_id' FROM (" LIMITED_PEOPLE ") f)"

/* The rows of @table a pull takes (tbl, hub_seq, key, deleted, data),
 * as SQL with the parameters above. */
static char *
pulled_rows (const MpHubTable *table,
             gboolean          limited)
{
  if (limited && g_str_equal (table->name, "person"))
    return g_strdup (LIMITED_PEOPLE);
  if (limited && g_str_equal (table->name, "organisation"))
    return g_strdup (LIMITED_ORGANISATIONS);
  return g_strdup_printf ("SELECT tbl, hub_seq, key, deleted, data FROM moteplass.row"
                          " WHERE tbl = '%s' AND hub_seq > $1 AND origin <> $2"
                          "  AND ($3::text[] IS NULL OR event_key IS NULL OR event_key = ANY ($3::text[]))",
                          table->name);
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

static gboolean
not_linked (GError **error)
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
      not_linked (error);
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

/* A person row that says the person is erased. */
static gboolean
is_erasure (const MpHubTable  *table,
            gboolean           deleted,
            const char *const *values)
{
  guint n = _mp_hub_table_n_columns (table);

  if (deleted || !g_str_equal (table->name, "person"))
    return FALSE;
  for (guint c = 0; c < n; c++)
    if (g_str_equal (table->columns[c].name, "erased_at"))
      return values[c] != NULL;
  return FALSE;
}

/* Counts one row from the hub as _mp_hub_apply_row () left it. */
static void
tally (const MpHubTable  *table,
       gboolean           deleted,
       const char *const *values,
       MpHubApplied       applied,
       guint             *n_applied,
       gboolean          *names_changed,
       gboolean          *erased,
       gint64            *skipped)
{
  if (applied == MP_HUB_APPLIED)
    {
      (*n_applied)++;
      /* what the search index of an event is made of */
      if (g_str_equal (table->name, "person") || g_str_equal (table->name, "organisation") ||
          g_str_equal (table->name, "registration") || g_str_equal (table->name, "event"))
        *names_changed = TRUE;
      if (is_erasure (table, deleted, values))
        *erased = TRUE;
    }
  else if (applied == MP_HUB_SKIPPED)
    (*skipped)++;
}

/* Rows from the hub that could not be applied here, for `hub status`. */
static gboolean
record_skipped (MpDatabase  *db,
                gint64       skipped,
                GError     **error)
{
  sqlite3_stmt *stmt;

  if (skipped == 0)
    return TRUE;
  stmt = _mp_database_prepare_cached (db, "UPDATE hub_state SET skipped = skipped + ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, skipped);
  return _mp_database_step_done (db, stmt, error);
}

/* Applies the rows of @result (columns as pull_columns) in the current
 * local transaction. */
static gboolean
apply_result (MpDatabase        *db,
              const MpHubTable  *table,
              PGresult          *result,
              guint             *n_applied,
              gboolean          *names_changed,
              gboolean          *erased,
              GError           **error)
{
  guint n = _mp_hub_table_n_columns (table);
  int rows = PQntuples (result);
  const char *values[MP_HUB_MAX_COLUMNS];
  g_autoptr(GHashTable) waiting = _mp_hub_load_waiting (db, error);
  gint64 skipped = 0;

  if (waiting == NULL)
    return FALSE;

  for (int r = 0; r < rows; r++)
    {
      MpHubApplied applied;
      const char *key = PQgetvalue (result, r, 1);
      gboolean deleted = PQgetvalue (result, r, 2)[0] == 't';

      for (guint c = 0; c < n; c++)
        values[c] = PQgetisnull (result, r, 3 + c) ? NULL : PQgetvalue (result, r, 3 + c);
      if (!_mp_hub_apply_row (db, table, key, deleted, values, waiting, &applied, error))
        return FALSE;
      tally (table, deleted, values, applied, n_applied, names_changed, erased, &skipped);
    }

  return record_skipped (db, skipped, error);
}

/* Old versions of an erased person's rows must not linger in the
 * write-ahead log. */
static void
after_erasure (MpDatabase *db)
{
  _mp_database_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
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
    append_only = pg_text_array (names);
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

        array = pg_text_array (keys);
        values[0] = tables[t].name;
        values[1] = array;
        sql = g_strdup_printf ("SELECT %s FROM moteplass.row WHERE tbl = $1 AND key = ANY ($2::text[])",
                               pull_columns (&tables[t]));
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
      if (!apply_result (db, result_tables->pdata[i], results->pdata[i], &n_applied, &names_changed, &erased, error))
        goto failed_local;
    if (!_mp_hub_apply_commit (db, names_changed, error))
      return FALSE;
    if (erased)
      after_erasure (db);
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

static gboolean
record_last_seen (MpHubSession  *session,
                  gint64         top,
                  gboolean       names_changed,
                  GError       **error)
{
  MpDatabase *db = session->db;
  sqlite3_stmt *stmt;

  if (!_mp_hub_apply_begin (db, error))
    return FALSE;
  stmt = _mp_database_prepare_cached (db, "UPDATE hub_state SET last_seen = ?", error);
  if (stmt == NULL)
    {
      _mp_database_rollback (db);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, top);
  if (!_mp_database_step_done (db, stmt, error))
    {
      _mp_database_rollback (db);
      return FALSE;
    }
  if (!_mp_hub_apply_commit (db, names_changed, error))
    return FALSE;
  session->last_seen = top;
  return TRUE;
}

/* The usual pull at a running desk, a few rows: one statement (one
 * snapshot), the hub's top first, then the rows in the order references
 * need, applied in one local transaction. *@out_done is FALSE when there
 * are too many for that: the paged pull does it. */
static gboolean
pull_quick (MpHubSession  *session,
            guint         *out_pulled,
            gboolean      *out_done,
            GError       **error)
{
  MpDatabase *db = session->db;
  guint n_tables;
  const MpHubTable *tables = _mp_hub_tables (&n_tables);
  g_autofree char *last_seen_text = g_strdup_printf ("%" G_GINT64_FORMAT, session->last_seen);
  g_autofree char *order = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gboolean names_changed = FALSE, erased = FALSE;
  gint64 skipped = 0;
  const char *values[4];
  PGresult *result;
  gint64 top;
  int rows;

  *out_done = FALSE;
  {
    g_autoptr(GPtrArray) names = g_ptr_array_new ();

    for (guint t = 0; t < n_tables; t++)
      g_ptr_array_add (names, (gpointer) tables[t].name);
    order = pg_text_array (names);
  }
  values[0] = last_seen_text;
  values[1] = session->desk_id;
  values[2] = session->events;
  values[3] = order;
  result = PQexecParams (session->conn,
                         session->events == NULL ?
                         "WITH top AS (SELECT coalesce (max (hub_seq), 0) AS m FROM moteplass.row)"
                         " SELECT 0 AS part, 0 AS rank, m AS hub_seq, NULL AS tbl, NULL AS key, false AS deleted, NULL AS data FROM top"
                         " UNION ALL"
                         " (SELECT 1, array_position ($4::text[], tbl), hub_seq, tbl, key, deleted, data::text FROM moteplass.row"
                         "  WHERE hub_seq > $1 AND origin <> $2 AND $3::text[] IS NULL"
                         "  ORDER BY hub_seq LIMIT " G_STRINGIFY (PULL_PAGE) ")"
                         " ORDER BY part, rank, hub_seq" :
                         /* some events: their rows, and their people's */
                         "WITH top AS (SELECT coalesce (max (hub_seq), 0) AS m FROM moteplass.row)"
                         " SELECT 0 AS part, 0 AS rank, m AS hub_seq, NULL AS tbl, NULL AS key, false AS deleted, NULL AS data FROM top"
                         " UNION ALL"
                         " (SELECT 1, array_position ($4::text[], tbl), hub_seq, tbl, key, deleted, data::text FROM ("
                         "  SELECT tbl, hub_seq, key, deleted, data FROM moteplass.row"
                         "   WHERE hub_seq > $1 AND origin <> $2 AND tbl <> 'person' AND tbl <> 'organisation'"
                         "    AND (event_key IS NULL OR event_key = ANY ($3::text[]))"
                         "  UNION ALL (" LIMITED_PEOPLE ")"
                         "  UNION ALL (" LIMITED_ORGANISATIONS ")) x"
                         "  ORDER BY hub_seq LIMIT " G_STRINGIFY (PULL_PAGE) ")"
                         " ORDER BY part, rank, hub_seq",
                         4, NULL, values, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      _mp_hub_pg_error (session->conn, result, error);
      PQclear (result);
      return FALSE;
    }
  rows = PQntuples (result);
  if (rows - 1 >= PULL_PAGE)
    {
      PQclear (result);
      return TRUE;              /* not done: many rows, paged */
    }
  top = MAX (session->last_seen, g_ascii_strtoll (PQgetvalue (result, 0, 2), NULL, 10));

  if (rows > 1)
    {
      g_autoptr(GHashTable) waiting = NULL;

      if (!_mp_hub_apply_begin (db, error))
        goto failed;
      waiting = _mp_hub_load_waiting (db, error);
      if (waiting == NULL)
        {
          _mp_database_rollback (db);
          goto failed;
        }
      for (int r = 1; r < rows; r++)
        {
          const MpHubTable *table = _mp_hub_table_by_name (PQgetvalue (result, r, 3));
          const char *key = PQgetvalue (result, r, 4);
          gboolean deleted = PQgetvalue (result, r, 5)[0] == 't';
          const char *texts[MP_HUB_MAX_COLUMNS] = { NULL };
          g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
          MpHubApplied applied;
          JsonObject *o = NULL;
          guint n;

          if (table == NULL)
            continue;
          n = _mp_hub_table_n_columns (table);
          if (!deleted && !PQgetisnull (result, r, 6))
            {
              if (!json_parser_load_from_data (parser, PQgetvalue (result, r, 6), -1, NULL) ||
                  !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
                continue;
              o = json_node_get_object (json_parser_get_root (parser));
            }
          for (guint c = 0; o != NULL && c < n; c++)
            {
              JsonNode *v = json_object_get_member (o, table->columns[c].name);

              if (v == NULL || JSON_NODE_HOLDS_NULL (v) || !JSON_NODE_HOLDS_VALUE (v))
                continue;
              if (json_node_get_value_type (v) == G_TYPE_STRING)
                texts[c] = json_node_get_string (v);
              else if (json_node_get_value_type (v) == G_TYPE_INT64)
                {
                  char *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (v));

                  g_ptr_array_add (owned, text);
                  texts[c] = text;
                }
            }
          if (!_mp_hub_apply_row (db, table, key, deleted, texts, waiting, &applied, error))
            {
              _mp_database_rollback (db);
              goto failed;
            }
          tally (table, deleted, texts, applied, out_pulled, &names_changed, &erased, &skipped);
        }
      if (!record_skipped (db, skipped, error))
        {
          _mp_database_rollback (db);
          goto failed;
        }
      {
        sqlite3_stmt *stmt = _mp_database_prepare_cached (db, "UPDATE hub_state SET last_seen = ?", error);

        if (stmt == NULL)
          {
            _mp_database_rollback (db);
            goto failed;
          }
        sqlite3_bind_int64 (stmt, 1, top);
        if (!_mp_database_step_done (db, stmt, error))
          {
            _mp_database_rollback (db);
            goto failed;
          }
      }
      if (!_mp_hub_apply_commit (db, names_changed, error))
        goto failed;
      session->last_seen = top;
    }
  else if (top > session->last_seen && !record_last_seen (session, top, FALSE, error))
    goto failed;

  PQclear (result);
  if (erased)
    after_erasure (db);
  *out_done = TRUE;
  return TRUE;

failed:
  PQclear (result);
  return FALSE;
}

static gboolean pull_paged (MpHubSession  *session,
                            guint         *out_pulled,
                            GError       **error);

gboolean
_mp_hub_session_pull (MpHubSession  *session,
                      guint         *out_pulled,
                      GError       **error)
{
  MpDatabase *db = session->db;

  *out_pulled = 0;

  {
    gboolean done = FALSE;

    if (!pull_quick (session, out_pulled, &done, error))
      return FALSE;
    if (done)
      return TRUE;
  }

  /* Many rows (a desk joining): a 64 MB page cache while they come, as
   * a large import has (the keys are random UUIDs: their indexes touch
   * pages all over), commits of the pages without waiting for the disk
   * (in WAL mode still all or nothing; a page lost in a power cut comes
   * again, since last_seen moves only at the end), and one checkpoint
   * at the end instead of one every 1,000 pages. */
  {
    gboolean ok;
    sqlite3_stmt *stmt = _mp_database_prepare_cached (db, "PRAGMA cache_size", NULL);
    gint64 cache_size = 0, synchronous = 2;
    g_autofree char *restore = NULL;

    if (stmt != NULL && _mp_database_step_int64 (db, stmt, &cache_size, NULL) &&
        (stmt = _mp_database_prepare_cached (db, "PRAGMA synchronous", NULL)) != NULL &&
        _mp_database_step_int64 (db, stmt, &synchronous, NULL) &&
        _mp_database_exec (db, "PRAGMA cache_size = -65536; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0", NULL))
      restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT "; PRAGMA synchronous = %" G_GINT64_FORMAT
                                 "; PRAGMA wal_autocheckpoint = 1000",
                                 cache_size, synchronous);
    ok = pull_paged (session, out_pulled, error);
    if (restore != NULL)
      _mp_database_exec (db, restore, NULL);
    /* the log back into the file now, not in the first check-in's commit */
    mp_database_checkpoint (db, NULL);
    return ok;
  }
}

/* Asks for one page of @table's rows after @after (pull_paged). */
static gboolean
send_page (MpHubSession      *session,
           const MpHubTable  *table,
           const char        *after,
           GError           **error)
{
  g_autofree char *rows = pulled_rows (table, session->events != NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM (%s) x WHERE hub_seq > $4"
                                          " ORDER BY hub_seq LIMIT " G_STRINGIFY (PULL_PAGE),
                                          pull_columns (table), rows);
  g_autofree char *last_seen_text = g_strdup_printf ("%" G_GINT64_FORMAT, session->last_seen);
  const char *values[] = { last_seen_text, session->desk_id, session->events, after };

  if (!PQsendQueryParams (session->conn, sql, 4, NULL, values, NULL, NULL, 0))
    return _mp_hub_pg_error (session->conn, NULL, error);
  return TRUE;
}

/* The answer to send_page: its rows, or NULL and @error. */
static PGresult *
take_result (PGconn  *conn,
             GError **error)
{
  PGresult *result = PQgetResult (conn);
  PGresult *extra;

  while ((extra = PQgetResult (conn)) != NULL)
    PQclear (extra);
  if (result == NULL || PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      _mp_hub_pg_error (conn, result, error);
      PQclear (result);
      return NULL;
    }
  return result;
}

static gboolean
pull_paged (MpHubSession  *session,
            guint         *out_pulled,
            GError       **error)
{
  MpDatabase *db = session->db;
  guint n_tables;
  const MpHubTable *tables = _mp_hub_tables (&n_tables);
  gboolean names_changed = FALSE, erased = FALSE;
  gint64 top = session->last_seen;
  PGresult *result;

  if (!_mp_hub_pg_exec (session->conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error))
    return FALSE;

  /* what this snapshot holds: with pushes serialised, nothing at or
   * below it can commit later */
  result = PQexec (session->conn, "SELECT coalesce (max (hub_seq), 0) FROM moteplass.row");
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      _mp_hub_pg_error (session->conn, result, error);
      PQclear (result);
      goto failed;
    }
  top = MAX (top, g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10));
  PQclear (result);

  /* Table by table in the order references need, page by page; the
   * next page is asked for before this one is applied here, so the hub
   * reads and sends it meanwhile. */
  if (top > session->last_seen)
    {
      guint t = 0;
      /* (the rows of each table are those after last_seen: pulled_rows ()) */
      g_autofree char *after = g_strdup ("0");

      if (!send_page (session, &tables[t], after, error))
        goto failed;
      for (;;)
        {
          gint64 t0 = g_get_monotonic_time (), t1;
          gboolean more = TRUE;
          int rows;

          result = take_result (session->conn, error);
          if (result == NULL)
            goto failed;
          rows = PQntuples (result);
          t1 = g_get_monotonic_time ();

          /* what comes next */
          if (rows == PULL_PAGE)
            {
              g_free (after);
              after = g_strdup (PQgetvalue (result, rows - 1, 0));
            }
          else if (t + 1 < n_tables)
            {
              g_free (after);
              after = g_strdup ("0");
            }
          else
            more = FALSE;
          if (more && !send_page (session, &tables[rows == PULL_PAGE ? t : t + 1], after, error))
            {
              PQclear (result);
              goto failed;
            }

          if (rows > 0)
            {
              if (!_mp_hub_apply_begin (db, error))
                {
                  PQclear (result);
                  goto failed;
                }
              if (!apply_result (db, &tables[t], result, out_pulled, &names_changed, &erased, error) ||
                  !_mp_hub_apply_commit (db, FALSE, error))
                {
                  _mp_database_rollback (db);
                  PQclear (result);
                  goto failed;
                }
              g_debug ("pulled %d %s rows: waited for the hub %.0f ms, applied here in %.0f ms", rows,
                       tables[t].name, (t1 - t0) / 1000.0, (g_get_monotonic_time () - t1) / 1000.0);
            }
          PQclear (result);
          if (!more)
            break;
          if (rows != PULL_PAGE)
            t++;
        }
    }

  if (!_mp_hub_pg_exec (session->conn, "COMMIT", error))
    return FALSE;

  /* how far, in one local transaction with the search index's revision:
   * the index is built once, after the whole pull */
  if (!record_last_seen (session, top, names_changed, error))
    return FALSE;
  if (erased)
    after_erasure (db);
  return TRUE;

failed:
  if (PQstatus (session->conn) == CONNECTION_OK)
    {
      PGresult *pending;

      /* a page asked for and not taken */
      while ((pending = PQgetResult (session->conn)) != NULL)
        PQclear (pending);
      PQclear (PQexec (session->conn, "ROLLBACK"));
    }
  return FALSE;
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

gboolean
mp_hub_test_connection (const char  *conninfo,
                        GError     **error)
{
  PGconn *conn = _mp_hub_pg_connect (conninfo, error);
  g_autofree char *hub_id = NULL;
  gboolean ok;

  if (conn == NULL)
    return FALSE;
  ok = _mp_hub_pg_check_schema (conn, &hub_id, error);
  PQfinish (conn);
  return ok;
}

/* The UUIDs of @events (UUIDs, or ids of this database), comma-separated. */
static char *
event_keys (MpDatabase         *db,
            const char *const  *events,
            GError            **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; events[i] != NULL; i++)
    {
      g_autofree char *uuid = NULL;
      guint64 id;

      if (g_ascii_string_to_unsigned (events[i], 10, 1, G_MAXINT64, &id, NULL))
        {
          sqlite3_stmt *stmt = _mp_database_prepare_cached (db, "SELECT uuid FROM event WHERE id = ?", error);

          if (stmt == NULL)
            return NULL;
          sqlite3_bind_int64 (stmt, 1, id);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            uuid = g_strdup (_mp_column_text (stmt, 0));
          sqlite3_reset (stmt);
          if (uuid == NULL)
            {
              g_set_error (error, MP_ERROR, MP_ERROR_NOT_FOUND,
                           _("There is no event %s here. Give the event’s UUID (as the office’s “event show --json” shows it)."),
                           events[i]);
              return NULL;
            }
        }
      else if (g_uuid_string_is_valid (events[i]))
        uuid = g_ascii_strdown (events[i], -1);
      else
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                       _("“%s” is neither an event id nor an event UUID."), events[i]);
          return NULL;
        }
      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append (out, uuid);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
mp_hub_join (MpDatabase        *db,
             const char        *conninfo,
             const char        *desk,
             const char *const *events,
             MpHubSyncCounts   *counts,
             GError           **error)
{
  g_autofree char *hub_id = NULL;
  g_autofree char *desk_id = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *without_password = NULL;
  g_autofree char *password = NULL;
  MpHubStatus status;
  PGconn *conn;
  gboolean ok;

  /* A password given in the connection is kept where libpq looks for
   * it (~/.pgpass), never in the database. */
  if (!mp_hub_conninfo_split_password (conninfo, &without_password, &password, error))
    return FALSE;

  if (!mp_hub_get_status (db, &status, error))
    return FALSE;

  /* Joining sends every row; an import being written here would go
   * half (mp-import-batch-private.h). */
  {
    sqlite3_stmt *stmt = _mp_database_prepare_cached (db, "SELECT count (*) FROM import_batch", error);
    gint64 importing = 0;

    if (stmt == NULL || !_mp_database_step_int64 (db, stmt, &importing, error))
      {
        mp_hub_status_clear (&status);
        return FALSE;
      }
    if (importing > 0)
      {
        g_set_error_literal (error, MP_ERROR, MP_ERROR_BUSY,
                             _("A file is being imported into this database. Join the hub when the import is done."));
        mp_hub_status_clear (&status);
        return FALSE;
      }
  }

  conn = _mp_hub_pg_connect (conninfo, error);
  if (conn == NULL)
    {
      mp_hub_status_clear (&status);
      return FALSE;
    }
  ok = _mp_hub_pg_check_schema (conn, &hub_id, error) &&
       (password == NULL || _mp_hub_pg_remember_password (conn, conninfo, password, error));
  PQfinish (conn);
  if (!ok)
    {
      mp_hub_status_clear (&status);
      return FALSE;
    }
  if (password != NULL)
    conninfo = without_password;

  if (status.linked && g_strcmp0 (status.hub_id, hub_id) != 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_EXISTS,
                   _("This database is linked to another hub (%s). Leave that one first with “moteplass-cli hub leave”."),
                   status.conninfo);
      mp_hub_status_clear (&status);
      return FALSE;
    }

  if (events != NULL && events[0] != NULL)
    {
      keys = event_keys (db, events, error);
      if (keys == NULL)
        {
          mp_hub_status_clear (&status);
          return FALSE;
        }
    }

  if (!_mp_hub_install_capture (db, error))
    {
      mp_hub_status_clear (&status);
      return FALSE;
    }

  if (!_mp_database_begin (db, error))
    {
      mp_hub_status_clear (&status);
      return FALSE;
    }

  if (status.linked)
    {
      /* the same hub again: a new address, name or choice of events */
      sqlite3_stmt *stmt = _mp_database_prepare_cached (db,
                                                        "UPDATE hub_state SET conninfo = ?, desk = coalesce (?, desk), events = ?",
                                                        error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, conninfo, -1, SQLITE_TRANSIENT);
      _mp_bind_text_or_null (stmt, 2, desk);
      _mp_bind_text_or_null (stmt, 3, keys);
      if (!_mp_database_step_done (db, stmt, error))
        goto failed;
    }
  else
    {
      guint n_tables;
      const MpHubTable *tables = _mp_hub_tables (&n_tables);
      g_autofree char *host = g_strdup (g_get_host_name ());
      sqlite3_stmt *stmt;

      desk_id = _mp_uuid_new ();
      stmt = _mp_database_prepare_cached (db,
                                          "UPDATE hub_state SET conninfo = ?, hub_id = ?, desk = ?, desk_id = ?, events = ?,"
                                          " last_seen = 0, last_sync_at = NULL, online = 0, offline_since = NULL,"
                                          " skipped = 0, last_error = NULL",
                                          error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, conninfo, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, hub_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, desk != NULL ? desk : host, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, desk_id, -1, SQLITE_TRANSIENT);
      _mp_bind_text_or_null (stmt, 5, keys);
      if (!_mp_database_step_done (db, stmt, error))
        goto failed;

      /* Everything here goes to the hub, as changes of long ago: where
       * the hub already has a row, the hub's version stays (merge by
       * UUID; later changes anywhere win as usual). */
      if (!_mp_database_exec (db, "DELETE FROM hub_change", error))
        goto failed;
      for (guint t = 0; t < n_tables; t++)
        {
          g_autofree char *sql = g_strdup_printf ("INSERT INTO hub_change (tbl, key, at)"
                                                  " SELECT '%s', \"%s\", 0 FROM \"%s\" ORDER BY id",
                                                  tables[t].name, tables[t].key, tables[t].name);
          if (!_mp_database_exec (db, sql, error))
            goto failed;
        }
    }
  mp_hub_status_clear (&status);

  if (!_mp_database_commit (db, error))
    goto failed;

  return mp_hub_sync (db, counts, error);

failed:
  mp_hub_status_clear (&status);
  _mp_database_rollback (db);
  return FALSE;
}

gboolean
mp_hub_leave (MpDatabase  *db,
              gboolean     force,
              GError     **error)
{
  MpHubStatus status;
  gint64 waiting;

  if (!mp_hub_get_status (db, &status, error))
    return FALSE;
  waiting = status.waiting;
  if (!status.linked)
    {
      mp_hub_status_clear (&status);
      return not_linked (error);
    }
  mp_hub_status_clear (&status);

  if (waiting > 0 && !force)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u change made here has not reached the hub yet. Sync first (“hub sync”), or leave anyway with --force.",
                                "%u changes made here have not reached the hub yet. Sync first (“hub sync”), or leave anyway with --force.",
                                (gulong) MIN (waiting, G_MAXUINT)),
                   (guint) MIN (waiting, G_MAXUINT));
      return FALSE;
    }

  if (!_mp_database_begin (db, error))
    return FALSE;
  if (!_mp_hub_remove_capture (db, error) ||
      !_mp_database_exec (db,
                          "DELETE FROM hub_change;"
                          "UPDATE hub_state SET applying = 0, conninfo = NULL, hub_id = NULL, desk = NULL, desk_id = NULL,"
                          " events = NULL, last_seen = 0, last_sync_at = NULL, online = 0, offline_since = NULL,"
                          " skipped = 0, last_error = NULL;",
                          error) ||
      !_mp_database_commit (db, error))
    {
      _mp_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}
