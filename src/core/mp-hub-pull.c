/* mp-hub-pull.c: the rows of other desks pulled from the hub and applied
 * here (also the rows a push gets back)
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

#include "mp-hub-session-private.h"

#define PULL_PAGE  5000

/* The column list of a table's pull, once per process. */
const char *
_mp_hub_pull_columns (const MpHubTable *table)
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

/* Applies the rows of @result (columns as _mp_hub_pull_columns ()) in the current
 * local transaction. */
gboolean
_mp_hub_apply_result (MpDatabase        *db,
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
void
_mp_hub_after_erasure (MpDatabase *db)
{
  _mp_database_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
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
    order = _mp_hub_pg_text_array (names);
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
    _mp_hub_after_erasure (db);
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
                                          _mp_hub_pull_columns (table), rows);
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
              if (!_mp_hub_apply_result (db, &tables[t], result, out_pulled, &names_changed, &erased, error) ||
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
    _mp_hub_after_erasure (db);
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
