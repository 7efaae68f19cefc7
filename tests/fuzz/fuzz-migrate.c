/* Fuzz target: a database file with any user_version, application id
 * and schema edits, opened by Møteplass.
 *
 * The input is a recipe, not a file: four bytes of user_version, one of
 * flags, one for the version to start from, then pairs of bytes that
 * pick a schema edit and its argument. Whatever the recipe makes, the
 * open either refuses it with an MP_ERROR and leaves the file as it was,
 * or migrates it to MP_SCHEMA_VERSION, where the store can be used.
 * Never a crash, never SQLite's own words about a half-run migration.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <string.h>

#include "mp-database.h"
#include "mp-schema.h"
#include "mp-store.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static const char *const tables[] = {
  "meta", "sector", "organisation", "event", "person", "registration",
  "consent", "checkin", "audit_log", "other",
};
static const char *const indexes[] = {
  "person_email", "person_name", "registration_token", "registration_event_person",
  "registration_person", "consent_person", "checkin_registration", "checkin_undoes",
  "checkin_active", "other_index",
};
static const char *const columns[] = {
  "id", "uuid", "name", "title", "email", "token", "status", "desk", "undoes", "x",
};

static char *
edit_sql (guint8 op,
          guint8 arg)
{
  const char *table = tables[arg % G_N_ELEMENTS (tables)];
  const char *index = indexes[arg % G_N_ELEMENTS (indexes)];
  const char *column = columns[(arg / 16) % G_N_ELEMENTS (columns)];

  switch (op % 14)
    {
    case 0: return g_strdup_printf ("DROP TABLE %s", table);
    case 1: return g_strdup_printf ("DROP INDEX %s", index);
    case 2: return g_strdup_printf ("ALTER TABLE %s ADD COLUMN %s", table, column);
    case 3: return g_strdup_printf ("ALTER TABLE %s RENAME TO %s_old", table, table);
    case 4: return g_strdup_printf ("ALTER TABLE %s DROP COLUMN %s", table, column);
    case 5: return g_strdup_printf ("CREATE TABLE %s (%s)", table, column);
    case 6: return g_strdup_printf ("CREATE INDEX %s ON %s (%s)", index, table, column);
    case 7: return g_strdup_printf ("CREATE VIEW %s AS SELECT 1", index);
    case 8: return g_strdup_printf ("CREATE TRIGGER t%u BEFORE INSERT ON %s BEGIN SELECT RAISE (ABORT, 'no'); END",
                                    arg, table);
    case 9: return g_strdup_printf ("DELETE FROM %s", table);
    case 10: return g_strdup_printf ("INSERT INTO %s DEFAULT VALUES", table);
    case 11: return g_strdup_printf ("ALTER TABLE %s RENAME COLUMN %s TO %s_x", table, column, column);
    case 12: return g_strdup_printf ("PRAGMA application_id = %d", arg == 0 ? 0 : (int) MP_APPLICATION_ID + arg - 128);
    default: return g_strdup_printf ("UPDATE %s SET %s = NULL", table, column);
    }
}

static char *dir;

static void
remove_dir (void)
{
  const char *names[] = { "fuzz.db", "fuzz.db-wal", "fuzz.db-shm", "fuzz.db-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static void
use_store (MpDatabase *database)
{
  g_autoptr(MpStore) store = mp_store_new (database);
  g_autoptr(MpEvent) event = mp_event_new ();
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  mp_event_set_title (event, "Fuzz");
  mp_event_set_starts_at (event, 1770000000);
  if (!mp_store_add_event (store, event, &error))
    {
      g_assert_true (error->domain == MP_ERROR);
      g_clear_error (&error);
    }
  events = mp_store_list_events (store, &error);
  if (events == NULL)
    g_assert_true (error->domain == MP_ERROR);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GString) recipe = g_string_new ("PRAGMA journal_mode = DELETE;");
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) database = NULL;
  sqlite3 *db = NULL;
  gint32 user_version;
  guint8 flags, start;

  if (size < 6)
    return 0;

  if (dir == NULL)
    {
      /* tmpfs when there is one: fsync costs nothing there */
      dir = g_build_filename (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir (),
                              "moteplass-fuzz-migrate-XXXXXX", NULL);
      g_assert_nonnull (g_mkdtemp (dir));
      atexit (remove_dir);
    }
  path = g_build_filename (dir, "fuzz.db", NULL);
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);

  memcpy (&user_version, data, 4);
  user_version = GINT32_FROM_LE (user_version);
  flags = data[4];
  start = data[5] % (MP_SCHEMA_VERSION + 1);

  /* A real file of version @start (or an empty one), then the edits. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint v = 0; v < start; v++)
    g_string_append (recipe, mp_schema_migrations[v]);
  if (start > 0)
    g_string_append_printf (recipe, "PRAGMA application_id = %d;", MP_APPLICATION_ID);
  sqlite3_exec (db, recipe->str, NULL, NULL, NULL);
  for (size_t i = 6; i + 1 < size; i += 2)
    {
      g_autofree char *sql = edit_sql (data[i], data[i + 1]);
      sqlite3_exec (db, sql, NULL, NULL, NULL);
    }
  if (flags & 1)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", user_version);
      sqlite3_exec (db, sql, NULL, NULL, NULL);
    }
  if (flags & 2)
    sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
  sqlite3_close (db);

  before = file_checksum (path);
  database = mp_database_open (path, MP_DATABASE_FLAGS_NONE, &error);
  if (database == NULL)
    {
      /* refused: our words, and the file as it was */
      g_assert_nonnull (error);
      g_assert_true (error->domain == MP_ERROR);
      g_assert_null (strstr (error->message, "already exists"));
      after = file_checksum (path);
      g_assert_cmpstr (before, ==, after);
      return 0;
    }

  g_assert_cmpint (mp_database_get_schema_version (database), ==, MP_SCHEMA_VERSION);
  use_store (database);
  return 0;
}
