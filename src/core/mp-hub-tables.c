/* mp-hub-tables.c: what replicates to the hub, and the row codec
 *
 * Every replicated table is one line of mp_hub_tables below: its name,
 * the column that names a row on every computer (a UUID, or a natural
 * key such as an organisation's fold key), and its columns. A column
 * that refers to another table's local id is MP_HUB_REF: on the hub it
 * is the key of the row it points at, and each computer turns it back
 * into its own id. From that one description come the capture triggers,
 * the SQL that reads a row for the hub and the SQL that applies a row
 * from it; the hub itself stores a row as JSON and needs no change.
 *
 * To replicate a new column: add it to its table's line (one line), in
 * the same migration that adds the column. A column that is NOT NULL
 * needs a DEFAULT, because rows pushed by an older Møteplass lack it.
 * To replicate a new table: it needs a key column that is the same on
 * every computer (give it a UUID with a DEFAULT as the consent table
 * has), then add its line after the tables it refers to. The triggers
 * are made again when a desk starts syncing and finds them out of date
 * (the description's checksum is kept in the trigger's name).
 *
 * Local ids never leave the computer.
 */
#define G_LOG_DOMAIN "mp-hub"

#include "config.h"

#include <glib/gi18n-lib.h>
#include "mp-hub-private.h"
#include "mp-store-private.h"

static const MpHubTable mp_hub_tables[] = {
  { "sector", "name", FALSE, NULL, {
      { "position", MP_HUB_INT },
    } },
  { "organisation", "fold_key", FALSE, NULL, {
      { "name", MP_HUB_TEXT },
      { "sector_id", MP_HUB_REF, "sector" },
    } },
  { "event", "uuid", FALSE, "t.uuid", {
      { "title", MP_HUB_TEXT },
      { "kind", MP_HUB_TEXT },
      { "venue", MP_HUB_TEXT },
      { "starts_at", MP_HUB_INT },
      { "ends_at", MP_HUB_INT },
      { "capacity", MP_HUB_INT },
      { "description", MP_HUB_TEXT },
      { "questions", MP_HUB_INT },
      { "created_at", MP_HUB_INT },
      { "language", MP_HUB_TEXT },          /* migration 3 */
      { "contact", MP_HUB_TEXT },           /* migration 9 */
      { "example", MP_HUB_INT },            /* migration 9 */
    } },
  { "person", "uuid", FALSE, NULL, {
      { "name", MP_HUB_TEXT },
      { "email", MP_HUB_TEXT },
      { "email_key", MP_HUB_TEXT, NULL, TRUE },
      { "phone", MP_HUB_TEXT },
      { "organisation_id", MP_HUB_REF, "organisation" },
      { "sector_id", MP_HUB_REF, "sector" },
      { "name_key", MP_HUB_TEXT },
      { "sort_key", MP_HUB_BLOB },
      { "created_at", MP_HUB_INT },
      { "erased_at", MP_HUB_INT },
      { "given_name", MP_HUB_TEXT },        /* migration 8 */
      { "family_name", MP_HUB_TEXT },       /* migration 8 */
    } },
  { "registration", "uuid", FALSE, "(SELECT e.uuid FROM event e WHERE e.id = t.event_id)", {
      { "event_id", MP_HUB_REF, "event" },
      { "person_id", MP_HUB_REF, "person" },
      { "token", MP_HUB_TEXT },
      { "status", MP_HUB_TEXT },
      { "source", MP_HUB_TEXT },
      { "dietary", MP_HUB_TEXT },
      { "accessibility", MP_HUB_TEXT },
      { "interpreter", MP_HUB_TEXT },
      { "created_at", MP_HUB_INT },
      { "note", MP_HUB_TEXT },              /* migration 7 */
    } },
  { "consent", "uuid", FALSE,
    "(SELECT e.uuid FROM registration r JOIN event e ON e.id = r.event_id WHERE r.id = t.registration_id)", {
      { "person_id", MP_HUB_REF, "person" },
      { "registration_id", MP_HUB_REF, "registration" },
      { "kind", MP_HUB_TEXT },
      { "given_at", MP_HUB_INT },
      { "source", MP_HUB_TEXT },
      { "withdrawn_at", MP_HUB_INT },
      { "answered_at", MP_HUB_INT },
      { "not_granted", MP_HUB_TEXT },
    } },
  /* append-only: an undo is a row of its own */
  { "checkin", "uuid", TRUE,
    "(SELECT e.uuid FROM registration r JOIN event e ON e.id = r.event_id WHERE r.id = t.registration_id)", {
      { "registration_id", MP_HUB_REF, "registration" },
      { "desk", MP_HUB_TEXT },
      { "at", MP_HUB_INT },
      { "undoes", MP_HUB_REF, "checkin" },
      { "exception", MP_HUB_TEXT },         /* migration 7 */
    } },
};

/* Device time in milliseconds, as SQLite 3.40 can give it. */
#define NOW_MS "CAST ((julianday ('now') - 2440587.5) * 86400000.0 AS INTEGER)"

const MpHubTable *
_mp_hub_tables (guint *n_tables)
{
  *n_tables = G_N_ELEMENTS (mp_hub_tables);
  return mp_hub_tables;
}

const MpHubTable *
_mp_hub_table_by_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (mp_hub_tables); i++)
    if (g_str_equal (mp_hub_tables[i].name, name))
      return &mp_hub_tables[i];
  return NULL;
}

guint
_mp_hub_table_n_columns (const MpHubTable *table)
{
  guint n = 0;

  while (n < MP_HUB_MAX_COLUMNS && table->columns[n].name != NULL)
    n++;
  return n;
}

/* The SQL made from the description, once per process. The strings live
 * as long as the process, so they can key the statement cache. */
typedef struct
{
  char  *read;                          /* key, columns…, event key */
  char  *upsert;
  char  *delete;
  char  *ref_lookup[MP_HUB_MAX_COLUMNS];
} TableSql;

static TableSql *
table_sql (const MpHubTable *table)
{
  static TableSql *all;

  if (g_once_init_enter (&all))
    {
      TableSql *made = g_new0 (TableSql, G_N_ELEMENTS (mp_hub_tables));

      for (guint t = 0; t < G_N_ELEMENTS (mp_hub_tables); t++)
        {
          const MpHubTable *tb = &mp_hub_tables[t];
          guint n = _mp_hub_table_n_columns (tb);
          g_autoptr(GString) read = g_string_new (NULL);
          g_autoptr(GString) ins = g_string_new (NULL);
          g_autoptr(GString) vals = g_string_new ("?");
          g_autoptr(GString) set = g_string_new (NULL);

          g_string_append_printf (read, "SELECT t.\"%s\"", tb->key);
          g_string_append_printf (ins, "INSERT INTO \"%s\" (\"%s\"", tb->name, tb->key);
          for (guint c = 0; c < n; c++)
            {
              const MpHubColumn *col = &tb->columns[c];

              if (col->kind == MP_HUB_REF)
                {
                  const MpHubTable *ref = _mp_hub_table_by_name (col->ref_table);

                  g_string_append_printf (read, ", (SELECT r.\"%s\" FROM \"%s\" r WHERE r.id = t.\"%s\")",
                                          ref->key, ref->name, col->name);
                  /* a registration merged into another (mp-hub-merge.c) */
                  if (g_str_equal (ref->name, "registration"))
                    made[t].ref_lookup[c] = g_strdup_printf ("SELECT id FROM \"%s\" WHERE \"%s\" ="
                                                             " coalesce ((SELECT target FROM hub_alias"
                                                             " WHERE tbl = 'registration' AND key = ?1), ?1)",
                                                             ref->name, ref->key);
                  else
                    made[t].ref_lookup[c] = g_strdup_printf ("SELECT id FROM \"%s\" WHERE \"%s\" = ?",
                                                             ref->name, ref->key);
                }
              else
                g_string_append_printf (read, ", t.\"%s\"", col->name);

              g_string_append_printf (ins, ", \"%s\"", col->name);
              g_string_append (vals, ", ?");
              g_string_append_printf (set, "%s\"%s\" = excluded.\"%s\"", c > 0 ? ", " : "", col->name, col->name);
            }
          g_string_append_printf (read, ", %s FROM \"%s\" t WHERE t.\"%s\" = ?",
                                  tb->event_of != NULL ? tb->event_of : "NULL", tb->name, tb->key);
          if (tb->append_only)
            g_string_append_printf (ins, ") VALUES (%s) ON CONFLICT (\"%s\") DO NOTHING", vals->str, tb->key);
          else
            g_string_append_printf (ins, ") VALUES (%s) ON CONFLICT (\"%s\") DO UPDATE SET %s",
                                    vals->str, tb->key, set->str);

          made[t].read = g_string_free (g_steal_pointer (&read), FALSE);
          made[t].upsert = g_string_free (g_steal_pointer (&ins), FALSE);
          made[t].delete = g_strdup_printf ("DELETE FROM \"%s\" WHERE \"%s\" = ?", tb->name, tb->key);
        }
      g_once_init_leave (&all, made);
    }

  return &all[table - mp_hub_tables];
}

/* What the triggers are made of besides the description; a new one
 * makes them again (2: only replicated columns fire an update; an
 * import's unfinished batch is held back). */
#define CAPTURE_VERSION "2"

/* A checksum of the description: triggers made from another one are
 * made again. */
static char *
description_tag (void)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA1);

  g_checksum_update (sum, (const guchar *) CAPTURE_VERSION, -1);
  for (guint t = 0; t < G_N_ELEMENTS (mp_hub_tables); t++)
    {
      g_checksum_update (sum, (const guchar *) mp_hub_tables[t].name, -1);
      g_checksum_update (sum, (const guchar *) mp_hub_tables[t].key, -1);
      for (guint c = 0; c < _mp_hub_table_n_columns (&mp_hub_tables[t]); c++)
        g_checksum_update (sum, (const guchar *) mp_hub_tables[t].columns[c].name, -1);
    }
  return g_strndup (g_checksum_get_string (sum), 8);
}

/* "key, col, col …": the columns whose change goes to the hub. Columns
 * the database derives (registration.checkin_id, .batch …) are not in
 * it, so keeping them right logs nothing. */
static char *
replicated_columns (const MpHubTable *table)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "\"%s\"", table->key);
  for (guint c = 0; c < _mp_hub_table_n_columns (table); c++)
    g_string_append_printf (out, ", \"%s\"", table->columns[c].name);
  return g_string_free (out, FALSE);
}

static gboolean
has_unique_index_on (MpDatabase  *db,
                     const char  *table,
                     const char  *column,
                     gboolean    *out,
                     GError     **error)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db,
                                                    "SELECT 1 FROM pragma_index_list (?1) l"
                                                    " WHERE l.\"unique\""
                                                    "  AND (SELECT count (*) FROM pragma_index_info (l.name)) = 1"
                                                    "  AND (SELECT name FROM pragma_index_info (l.name)) = ?2",
                                                    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, column, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _mp_database_set_error (db, rc, error);
  *out = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
drop_triggers (MpDatabase  *db,
               GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db,
                                                    "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'hub\\_%' ESCAPE '\\'",
                                                    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup (_mp_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _mp_database_set_error (db, rc, error);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP TRIGGER \"%s\"", (char *) names->pdata[i]);

      if (!_mp_database_exec (db, sql, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_mp_hub_install_capture (MpDatabase  *db,
                         GError     **error)
{
  g_autofree char *tag = description_tag ();
  g_autofree char *probe = g_strdup_printf ("hub_%s_%s_insert", mp_hub_tables[0].name, tag);
  gint64 present = 0;
  sqlite3_stmt *stmt;

  stmt = _mp_database_prepare_cached (db, "SELECT count (*) FROM sqlite_schema WHERE type = 'trigger' AND name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, probe, -1, SQLITE_TRANSIENT);
  if (!_mp_database_step_int64 (db, stmt, &present, error))
    return FALSE;
  if (present)
    return TRUE;

  if (!_mp_database_begin (db, error))
    return FALSE;
  if (!drop_triggers (db, error))
    goto failed;

  for (guint t = 0; t < G_N_ELEMENTS (mp_hub_tables); t++)
    {
      const MpHubTable *tb = &mp_hub_tables[t];
      gboolean unique = FALSE;
      g_autofree char *sql = NULL;
      g_autofree char *columns = NULL;

      if (!has_unique_index_on (db, tb->name, tb->key, &unique, error))
        goto failed;
      if (!unique)
        {
          g_autofree char *index = g_strdup_printf ("CREATE UNIQUE INDEX \"hub_%s_key\" ON \"%s\" (\"%s\")",
                                                    tb->name, tb->name, tb->key);
          if (!_mp_database_exec (db, index, error))
            goto failed;
        }

      /* Rows applied from the hub (applying = 1) are not logged again;
       * rows an import batch writes are logged as its (importing), and
       * held back until it is done (mp-import-batch.c). */
      columns = replicated_columns (tb);
      sql = g_strdup_printf ("CREATE TRIGGER \"hub_%1$s_%2$s_insert\" AFTER INSERT ON \"%1$s\""
                             " WHEN (SELECT applying FROM hub_state) = 0 BEGIN"
                             " INSERT INTO hub_change (tbl, key, at, batch)"
                             "  VALUES ('%1$s', NEW.\"%3$s\", " NOW_MS ", (SELECT importing FROM hub_state));"
                             " END;"
                             "CREATE TRIGGER \"hub_%1$s_%2$s_update\" AFTER UPDATE OF %4$s ON \"%1$s\""
                             " WHEN (SELECT applying FROM hub_state) = 0 BEGIN"
                             " INSERT INTO hub_change (tbl, key, at, batch)"
                             "  VALUES ('%1$s', NEW.\"%3$s\", " NOW_MS ", (SELECT importing FROM hub_state));"
                             /* a changed key: the row under the old one is gone */
                             " INSERT INTO hub_change (tbl, key, at, batch)"
                             "  SELECT '%1$s', OLD.\"%3$s\", " NOW_MS ", (SELECT importing FROM hub_state)"
                             "  WHERE OLD.\"%3$s\" IS NOT NEW.\"%3$s\";"
                             " END;"
                             "CREATE TRIGGER \"hub_%1$s_%2$s_delete\" AFTER DELETE ON \"%1$s\""
                             " WHEN (SELECT applying FROM hub_state) = 0 BEGIN"
                             " INSERT INTO hub_change (tbl, key, at, batch)"
                             "  VALUES ('%1$s', OLD.\"%3$s\", " NOW_MS ", (SELECT importing FROM hub_state));"
                             " END;",
                             tb->name, tag, tb->key, columns);
      if (!_mp_database_exec (db, sql, error))
        goto failed;
    }

  if (!_mp_database_commit (db, error))
    goto failed;
  return TRUE;

failed:
  _mp_database_rollback (db);
  return FALSE;
}

gboolean
_mp_hub_remove_capture (MpDatabase  *db,
                        GError     **error)
{
  return drop_triggers (db, error);
}

gboolean
_mp_hub_release_batch (MpDatabase  *db,
                       gint64       batch,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 held = 0;

  /* (an unlinked database logs nothing: nothing to look through) */
  stmt = _mp_database_prepare_cached (db, "SELECT EXISTS (SELECT 1 FROM hub_change WHERE batch = ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch);
  if (!_mp_database_step_int64 (db, stmt, &held, error))
    return FALSE;
  if (!held)
    return TRUE;

  /* Rows the batch made that someone else has come to use stay, and
   * the hub gets them; what the batch did to rows that were there
   * before is undone, and the hub never hears of it. */
  for (guint t = 0; t < G_N_ELEMENTS (mp_hub_tables); t++)
    {
      const MpHubTable *tb = &mp_hub_tables[t];
      g_autofree char *has_batch = g_strdup_printf ("SELECT count (*) FROM pragma_table_info ('%s') WHERE name = 'batch'",
                                                    tb->name);
      g_autofree char *sql = NULL;
      gint64 n = 0;

      stmt = _mp_database_prepare_cached (db, g_intern_string (has_batch), error);
      if (stmt == NULL || !_mp_database_step_int64 (db, stmt, &n, error))
        return FALSE;
      if (n == 0)
        continue;
      sql = g_strdup_printf ("UPDATE hub_change SET batch = NULL WHERE batch = %1$" G_GINT64_FORMAT
                             " AND tbl = '%2$s' AND key IN (SELECT \"%3$s\" FROM \"%2$s\" WHERE batch = %1$" G_GINT64_FORMAT ")",
                             batch, tb->name, tb->key);
      if (!_mp_database_exec (db, sql, error))
        return FALSE;
    }

  stmt = _mp_database_prepare_cached (db, "DELETE FROM hub_change WHERE batch = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch);
  return _mp_database_step_done (db, stmt, error);
}

gboolean
_mp_hub_read_row (MpDatabase        *db,
                  const MpHubTable  *table,
                  const char        *key,
                  JsonBuilder       *b,
                  gboolean          *out_exists,
                  char             **out_event_key,
                  GError           **error)
{
  TableSql *sql = table_sql (table);
  guint n = _mp_hub_table_n_columns (table);
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db, sql->read, error);
  int rc;

  *out_exists = FALSE;
  *out_event_key = NULL;
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      json_builder_add_null_value (b);
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return _mp_database_set_error (db, rc, error);
    }

  json_builder_begin_object (b);
  for (guint c = 0; c < n; c++)
    {
      const MpHubColumn *col = &table->columns[c];
      int i = c + 1;

      json_builder_set_member_name (b, col->name);
      if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
        json_builder_add_null_value (b);
      else if (col->kind == MP_HUB_INT)
        json_builder_add_int_value (b, sqlite3_column_int64 (stmt, i));
      else if (col->kind == MP_HUB_BLOB)
        {
          g_autofree char *b64 = g_base64_encode (sqlite3_column_blob (stmt, i), sqlite3_column_bytes (stmt, i));
          json_builder_add_string_value (b, b64);
        }
      else
        json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, i));
    }
  json_builder_end_object (b);
  if (sqlite3_column_type (stmt, n + 1) != SQLITE_NULL)
    *out_event_key = g_strdup ((const char *) sqlite3_column_text (stmt, n + 1));
  sqlite3_reset (stmt);
  *out_exists = TRUE;
  return TRUE;
}

gboolean
_mp_hub_apply_begin (MpDatabase  *db,
                     GError     **error)
{
  if (!_mp_database_begin (db, error))
    return FALSE;
  if (!_mp_database_exec (db, "UPDATE hub_state SET applying = 1", error))
    {
      _mp_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}

gboolean
_mp_hub_apply_commit (MpDatabase  *db,
                      gboolean     names_changed,
                      GError     **error)
{
  if (!_mp_database_exec (db, "UPDATE hub_state SET applying = 0", error) ||
      /* the search index of an open event is built again */
      (names_changed && !_mp_database_exec (db, "UPDATE meta SET value = value + 1 WHERE key = 'names_rev'", error)) ||
      !_mp_database_commit (db, error))
    {
      _mp_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}

GHashTable *
_mp_hub_load_waiting (MpDatabase  *db,
                      GError     **error)
{
  g_autoptr(GHashTable) waiting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db, "SELECT DISTINCT tbl, key FROM hub_change", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (waiting, g_strdup_printf ("%s\n%s", _mp_column_text (stmt, 0), _mp_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _mp_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&waiting);
}

static gboolean
is_constraint (int rc)
{
  return (rc & 0xff) == SQLITE_CONSTRAINT;
}

/* One INSERT … ON CONFLICT DO UPDATE of a row from the hub; the SQLite
 * result code. */
static int
upsert (MpDatabase        *db,
        const MpHubTable  *table,
        TableSql          *sql,
        const char        *key,
        const char *const *values,
        const gint64      *ids,
        gboolean           without_local_keys,
        gboolean          *out_had_local_key)
{
  guint n = _mp_hub_table_n_columns (table);
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db, sql->upsert, NULL);
  int rc;

  *out_had_local_key = FALSE;
  if (stmt == NULL)
    return SQLITE_ERROR;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  for (guint c = 0; c < n; c++)
    {
      int i = c + 2;

      if (values[c] == NULL)
        continue;               /* bindings are cleared: NULL */
      if (table->columns[c].local_key)
        {
          *out_had_local_key = TRUE;
          if (without_local_keys)
            continue;
        }
      switch (table->columns[c].kind)
        {
        case MP_HUB_TEXT:
          sqlite3_bind_text (stmt, i, values[c], -1, SQLITE_TRANSIENT);
          break;
        case MP_HUB_INT:
          sqlite3_bind_int64 (stmt, i, g_ascii_strtoll (values[c], NULL, 10));
          break;
        case MP_HUB_BLOB:
          {
            gsize len = 0;
            guchar *blob = g_base64_decode (values[c], &len);

            sqlite3_bind_blob (stmt, i, blob, len, g_free);
          }
          break;
        case MP_HUB_REF:
        default:
          sqlite3_bind_int64 (stmt, i, ids[c]);
          break;
        }
    }
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc;
}

static guint
column_index (const MpHubTable *table,
              const char       *name)
{
  guint n = _mp_hub_table_n_columns (table);

  for (guint c = 0; c < n; c++)
    if (g_str_equal (table->columns[c].name, name))
      return c;
  g_assert_not_reached ();
}

static gint64
int_value (const MpHubTable  *table,
           const char *const *values,
           const char        *name)
{
  const char *text = values[column_index (table, name)];

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/* What a row from the hub means here besides itself. A person erased
 * elsewhere: their answers and consents here go too (the erasure's own
 * rows may not come: a desk that edited an answer while apart has its
 * edit, the hub has the blank). */
static gboolean
after_applied (MpDatabase        *db,
               const MpHubTable  *table,
               const char        *key,
               const char *const *values,
               GError           **error)
{
  sqlite3_stmt *stmt;
  gint64 person_id = 0;

  /* An admission from elsewhere beside one here: the database now holds
   * tickets admitted twice while offline (mp_store_may_have_double_admissions ()
   * spares the event page looking for them in every other database). */
  if (g_str_equal (table->name, "checkin") && values[column_index (table, "undoes")] == NULL)
    {
      stmt = _mp_database_prepare_cached (db,
                                          "INSERT INTO meta (key, value) SELECT 'admitted_twice', 1"
                                          " WHERE (SELECT count (*) FROM checkin c WHERE c.registration_id ="
                                          "  (SELECT registration_id FROM checkin WHERE uuid = ?) AND c.undoes IS NULL) > 1"
                                          " ON CONFLICT (key) DO NOTHING",
                                          error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      return _mp_database_step_done (db, stmt, error);
    }

  if (!g_str_equal (table->name, "person") || values[column_index (table, "erased_at")] == NULL)
    return TRUE;

  stmt = _mp_database_prepare_cached (db, "SELECT id FROM person WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (!_mp_database_step_int64 (db, stmt, &person_id, error))
    return FALSE;
  return person_id == 0 ||
         _mp_privacy_blank_people (db, "SELECT ?1", person_id, int_value (table, values, "erased_at"), NULL, error);
}

gboolean
_mp_hub_apply_row (MpDatabase        *db,
                   const MpHubTable  *table,
                   const char        *key,
                   gboolean           deleted,
                   const char *const *values,
                   GHashTable        *waiting,
                   MpHubApplied      *out_applied,
                   GError           **error)
{
  TableSql *sql = table_sql (table);
  guint n = _mp_hub_table_n_columns (table);
  sqlite3_stmt *stmt;
  int rc;

  *out_applied = MP_HUB_SKIPPED;

  /* A deletion wins over a local edit; otherwise a row changed here and
   * not yet pushed stays as it is: the push decides on the hub, and a
   * push the hub refuses brings the hub's row back. */
  if (!deleted && waiting != NULL && g_hash_table_size (waiting) > 0 && !table->append_only)
    {
      g_autofree char *row_id = g_strdup_printf ("%s\n%s", table->name, key);

      if (g_hash_table_contains (waiting, row_id))
        {
          *out_applied = MP_HUB_KEPT_LOCAL;
          return TRUE;
        }
    }

  if (deleted)
    {
      stmt = _mp_database_prepare_cached (db, sql->delete, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        *out_applied = MP_HUB_APPLIED;
      else if (!is_constraint (rc))
        return _mp_database_set_error (db, rc, error);
      return TRUE;
    }

  /* references first: a statement of their own each, cached */
  {
    gint64 ids[MP_HUB_MAX_COLUMNS] = { 0 };
    gboolean had_local_key = FALSE;

    for (guint c = 0; c < n; c++)
      {
        const MpHubColumn *col = &table->columns[c];

        if (col->kind != MP_HUB_REF || values[c] == NULL)
          continue;
        stmt = _mp_database_prepare_cached (db, sql->ref_lookup[c], error);
        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_text (stmt, 1, values[c], -1, SQLITE_TRANSIENT);
        if (!_mp_database_step_int64 (db, stmt, &ids[c], error))
          return FALSE;
        if (ids[c] == 0)
          {
            g_debug ("%s %s: its %s %s is not here", table->name, key, col->name, values[c]);
            return TRUE;        /* skipped */
          }
      }

    rc = upsert (db, table, sql, key, values, ids, FALSE, &had_local_key);
    /* a local key taken here by another row: again, without it */
    if (is_constraint (rc) && had_local_key)
      rc = upsert (db, table, sql, key, values, ids, TRUE, &had_local_key);
    /* the same person and event registered at another desk apart */
    if (is_constraint (rc) && g_str_equal (table->name, "registration"))
      {
        MpHubMerge merge;

        if (!_mp_hub_merge_registration (db, key, ids[column_index (table, "event_id")],
                                         ids[column_index (table, "person_id")],
                                         int_value (table, values, "created_at"), &merge, error))
          return FALSE;
        if (merge == MP_HUB_MERGE_LOCAL_STAYS)
          rc = SQLITE_DONE;
        else if (merge == MP_HUB_MERGE_HUB_STAYS)
          rc = upsert (db, table, sql, key, values, ids, FALSE, &had_local_key);
      }
    if (rc == SQLITE_DONE && !after_applied (db, table, key, values, error))
      return FALSE;
    if (rc == SQLITE_DONE)
      *out_applied = MP_HUB_APPLIED;
    else if (is_constraint (rc))
      g_message ("%s %s could not be applied here: %s", table->name, key,
                 sqlite3_errmsg (_mp_database_get_handle (db)));
    else
      return _mp_database_set_error (db, rc, error);
  }

  return TRUE;
}
