/* mp-database-migrate.c: whether a file is a Møteplass database of a
 * version this program knows with the tables of that version (checked
 * against the schema the migrations make in memory), and the migrations
 * that bring it up to date
 */
#define G_LOG_DOMAIN "mp-database"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mp-database-object-private.h"

#include "mp-schema.h"

static gboolean
query_int (MpDatabase  *self,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }

  if (rc != SQLITE_OK)
    {
      _mp_database_set_error (self, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

/* What a schema holds, as a set of strings: "table", "table.column"
 * and the names of indexes, views and triggers (SQLite's own left out). */
static GHashTable *
describe_schema (sqlite3  *db,
                 int      *out_rc)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      if (name != NULL)
        g_hash_table_add (set, g_strdup (name));
      if (name != NULL && g_strcmp0 (type, "table") == 0)
        g_ptr_array_add (tables, g_strdup (name));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      *out_rc = rc;
      return NULL;
    }

  for (guint i = 0; i < tables->len; i++)
    {
      rc = sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info (?)", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        sqlite3_bind_text (stmt, 1, tables->pdata[i], -1, SQLITE_STATIC);
      while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_hash_table_add (set, g_strdup_printf ("%s.%s", (char *) tables->pdata[i],
                                                  (const char *) sqlite3_column_text (stmt, 0)));
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          *out_rc = rc;
          return NULL;
        }
    }

  *out_rc = SQLITE_OK;
  return g_steal_pointer (&set);
}

/* The schema the migrations up to @version make, built once per process
 * in a database in memory. */
static GHashTable *
reference_schema (int version)
{
  static GHashTable *references[MP_SCHEMA_VERSION + 1];
  static GMutex lock;
  GHashTable *reference;

  g_return_val_if_fail (version >= 0 && version <= MP_SCHEMA_VERSION, NULL);

  g_mutex_lock (&lock);
  if (references[version] == NULL)
    {
      sqlite3 *db = NULL;
      int rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

      _mp_database_define_functions (db);
      for (int v = 0; rc == SQLITE_OK && v < version; v++)
        rc = sqlite3_exec (db, mp_schema_migrations[v], NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        references[version] = describe_schema (db, &rc);
      if (rc != SQLITE_OK)
        g_error ("The migrations do not run in memory: %s", sqlite3_errmsg (db));
      sqlite3_close (db);
    }
  reference = references[version];
  g_mutex_unlock (&lock);

  return reference;
}

/* A file that claims @version holds what that version made (more is
 * allowed: an index someone added), and nothing a later migration is
 * about to create. Otherwise its version was forged or its tables were
 * changed by hand or by another program, and migrating it would fail
 * halfway with SQLite's words, or worse, succeed on the wrong tables. */
static gboolean
schema_matches_version (MpDatabase  *self,
                        int          version,
                        GError     **error)
{
  g_autoptr(GHashTable) actual = NULL;
  GHashTable *expected = reference_schema (version);
  GHashTableIter iter;
  gpointer item;
  int rc;

  actual = describe_schema (self->db, &rc);
  if (actual == NULL)
    return _mp_database_set_error (self, rc, error);

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    if (!g_hash_table_contains (actual, item))
      {
        g_debug ("%s: “%s” of version %d is missing", self->path, (char *) item, version);
        return FALSE;
      }

  /* every later version's, not only the latest: a later migration may
   * make something that a still later one drops again */
  for (int later = version + 1; later <= MP_SCHEMA_VERSION; later++)
    {
      g_hash_table_iter_init (&iter, reference_schema (later));
      while (g_hash_table_iter_next (&iter, &item, NULL))
        if (!g_hash_table_contains (expected, item) && g_hash_table_contains (actual, item))
          {
            g_debug ("%s: “%s” of a later version is there already", self->path, (char *) item);
            return FALSE;
          }
    }

  return TRUE;
}

gboolean
_mp_database_check_identity (MpDatabase  *self,
                             gint64      *out_version,
                             GError     **error)
{
  gint64 application_id = 0, version = 0, n_objects = 0;
  g_autofree char *display = g_filename_display_name (self->path);
  g_autoptr(GError) local_error = NULL;

  /* Reading only: a file we refuse is left exactly as it was. */
  if (!query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "PRAGMA user_version", &version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return FALSE;

  if (application_id != MP_APPLICATION_ID && (application_id != 0 || n_objects > 0))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_NOT_MOTEPLASS,
                   _("“%s” is a database of another program, not of Møteplass. It was not changed."),
                   display);
      return FALSE;
    }

  if (version > MP_SCHEMA_VERSION && application_id == MP_APPLICATION_ID)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_TOO_NEW,
                   _("“%s” was made by a newer version of Møteplass (database version %d; this program knows up to %d). Update Møteplass to open it; the file was not changed."),
                   display, (int) version, MP_SCHEMA_VERSION);
      return FALSE;
    }

  /* Only two states are ours: a new, empty file (no id, version 0), or
   * a Møteplass file of a version this program knows whose tables are
   * those of that version. A negative or otherwise forged version, or
   * tables changed by hand, is never migrated. */
  if (application_id == 0 ? version != 0
                          : (version < 1 || version > MP_SCHEMA_VERSION ||
                             !schema_matches_version (self, (int) version, &local_error)))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error (error, MP_ERROR, MP_ERROR_NOT_MOTEPLASS,
                   _("“%s” was made by another program or by a newer Møteplass: its database version (%d) and its tables are not those of any Møteplass this program knows. It was not changed."),
                   display, (int) version);
      return FALSE;
    }

  *out_version = version;
  return TRUE;
}

gboolean
_mp_database_migrate (MpDatabase  *self,
                      GError     **error)
{
  gint64 version = 0;
  g_autofree char *set_version = NULL;

  if (!_mp_database_begin (self, error))
    return FALSE;

  /* Another program may have migrated while we waited for the lock. */
  if (!_mp_database_check_identity (self, &version, error))
    goto failed;

  g_assert (version >= 0 && version <= MP_SCHEMA_VERSION);
  for (gint64 v = version; v < MP_SCHEMA_VERSION; v++)
    {
      int rc;

      g_debug ("Migrating %s from version %d to %d", self->path, (int) v, (int) v + 1);
      rc = sqlite3_exec (self->db, mp_schema_migrations[v], NULL, NULL, NULL);
      if (rc == SQLITE_ERROR || (rc & 0xff) == SQLITE_CONSTRAINT)
        {
          g_autofree char *display = g_filename_display_name (self->path);

          /* The schema check lets through what it cannot see (a
           * trigger, a row that breaks a new rule). */
          g_set_error (error, MP_ERROR, MP_ERROR_NOT_MOTEPLASS,
                       _("“%s” could not be brought up to date from database version %d (%s); it may have been changed by another program. It was not changed."),
                       display, (int) v, sqlite3_errmsg (self->db));
          goto failed;
        }
      if (rc != SQLITE_OK)
        {
          _mp_database_set_error (self, rc, error);
          goto failed;
        }
    }

  if (version != MP_SCHEMA_VERSION)
    {
      set_version = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                                     MP_SCHEMA_VERSION, MP_APPLICATION_ID);
      if (!_mp_database_exec (self, set_version, error))
        goto failed;
    }

  if (!_mp_database_commit (self, error))
    goto failed;

  self->schema_version = MP_SCHEMA_VERSION;
  return TRUE;

failed:
  _mp_database_rollback (self);
  return FALSE;
}
