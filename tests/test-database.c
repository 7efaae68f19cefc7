/* Opening, refusing and backing up Møteplass database files */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "mp-database-private.h"
#include "mp-schema.h"
#include "mp-test-util.h"

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static void
make_foreign_db (const char *path,
                 const char *sql)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_new_database_is_migrated (MpTestFixture *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sectors = mp_store_list_sectors (f->store, &error);
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  g_assert_cmpint (mp_database_get_schema_version (f->db), ==, MP_SCHEMA_VERSION);
  g_assert_cmpuint (sectors->len, ==, 13);
  g_assert_cmpstr (((MpSector *) g_ptr_array_index (sectors, 0))->name, ==, "Kommune");
  g_assert_cmpstr (((MpSector *) g_ptr_array_index (sectors, 12))->name, ==, "Annet");

  sqlite3_prepare_v2 (_mp_database_get_handle (f->db), "PRAGMA journal_mode", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);

  sqlite3_prepare_v2 (_mp_database_get_handle (f->db), "PRAGMA synchronous", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2); /* FULL */
  sqlite3_finalize (stmt);

  sqlite3_prepare_v2 (_mp_database_get_handle (f->db), "PRAGMA foreign_keys", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
}

/* A file written by version 1 (before the derived columns) opens,
 * becomes the current version, and keeps its data and meaning. */
static void
test_version_1_is_migrated (MpTestFixture *f,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "v1.db", NULL);
  g_autofree char *sql = g_strdup_printf (
    "BEGIN; %s"
    "INSERT INTO event (id, uuid, title, kind, starts_at, created_at)"
    " VALUES (1, 'e1', 'Dialogmøte', 'conference', 1700000000, 1700000000);"
    "INSERT INTO person (id, uuid, name, name_key, sort_key, created_at) VALUES"
    " (1, 'p1', 'Kari', 'kari', x'01', 0), (2, 'p2', 'Per', 'per', x'02', 0), (3, 'p3', 'Åse', 'ase', x'03', 0);"
    "INSERT INTO registration (id, uuid, event_id, person_id, token, status, source, created_at) VALUES"
    " (1, 'r1', 1, 1, 't1', 'registered', 'import', 0),"
    " (2, 'r2', 1, 2, 't2', 'registered', 'desk', 0),"
    " (3, 'r3', 1, 3, 't3', 'waitlisted', 'import', 0);"
    "INSERT INTO checkin (id, uuid, registration_id, desk, at, undoes) VALUES"
    " (1, 'c1', 1, 'Desk 1', 10, NULL),"
    " (2, 'c2', 2, 'Desk 1', 11, NULL), (3, 'c3', 2, 'Desk 1', 12, 2),"
    " (4, 'c4', 2, 'Desk 2', 13, NULL),"
    " (5, 'c5', 3, 'Desk 1', 14, NULL), (6, 'c6', 3, 'Desk 2', 15, NULL);"
    "PRAGMA user_version = 1; PRAGMA application_id = %d; COMMIT;",
    mp_schema_migrations[0], MP_APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpEvent) event = NULL;
  MpEventCounts counts;
  sqlite3_stmt *stmt;

  make_foreign_db (path, sql);

  db = mp_database_open (path, MP_DATABASE_FLAGS_MUST_EXIST, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_database_get_schema_version (db), ==, MP_SCHEMA_VERSION);
  g_assert_cmpint (MP_SCHEMA_VERSION, >=, 2);

  /* migration 2's index came and went (migration 5) */
  sqlite3_prepare_v2 (_mp_database_get_handle (db),
                      "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'checkin_active'",
                      -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);

  store = mp_store_new (db);
  event = mp_store_get_event (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mp_event_get_title (event), ==, "Dialogmøte");
  g_assert_true (mp_store_get_counts (store, 1, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts.registered, ==, 2);
  g_assert_cmpint (counts.waitlisted, ==, 1);
  g_assert_cmpint (counts.arrived, ==, 3);   /* Kari, Per checked in again, Åse at two desks */
  g_assert_cmpint (counts.walk_ins, ==, 1);  /* Per came to the desk */
  /* the check-in that counts, as migration 5 found it: Kari's, Per's
   * second (the first is undone), Åse's earlier of two */
  sqlite3_prepare_v2 (_mp_database_get_handle (db),
                      "SELECT group_concat (coalesce (checkin_id, 0), ',') FROM (SELECT checkin_id FROM registration ORDER BY id)",
                      -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "1,4,5");
  sqlite3_finalize (stmt);
  g_clear_object (&event);
  event = mp_store_get_event (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_event_get_arrived (event), ==, 3);
}

static void
test_reopen_keeps_data (MpTestFixture *f,
                        gconstpointer  data)
{
  gint64 id = mp_test_add_event (f->store, "Frokostmøte");
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpEvent) event = NULL;

  g_clear_object (&f->store);
  g_clear_object (&f->db);

  db = mp_database_open (f->path, MP_DATABASE_FLAGS_MUST_EXIST, &error);
  g_assert_no_error (error);
  store = mp_store_new (db);
  event = mp_store_get_event (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mp_event_get_title (event), ==, "Frokostmøte");
}

static void
test_newer_version_is_refused_untouched (MpTestFixture *f,
                                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "future.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;"
                                          " CREATE TABLE future_thing (x);",
                                          MP_APPLICATION_ID, MP_SCHEMA_VERSION + 1);

  make_foreign_db (path, sql);
  before = file_checksum (path);

  db = mp_database_open (path, MP_DATABASE_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, MP_ERROR, MP_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version of Møteplass"));

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

static void
test_other_programs_database_is_refused (MpTestFixture *f,
                                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = NULL;

  make_foreign_db (path, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount);"
                         "INSERT INTO invoices (amount) VALUES (100);");
  before = file_checksum (path);

  db = mp_database_open (path, MP_DATABASE_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_MOTEPLASS);

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_garbage_is_refused_as_corrupt (MpTestFixture *f,
                                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "garbage.db", NULL);
  g_autofree char *garbage = g_strnfill (8192, 'x');
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (path, garbage, 8192, NULL));
  db = mp_database_open (path, MP_DATABASE_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, MP_ERROR, MP_ERROR_CORRUPT);

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpmem (after, 8192, garbage, 8192);
}

static void
test_damaged_database_is_refused (MpTestFixture *f,
                                  gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(MpStore) store = NULL;

  for (guint i = 0; i < 30; i++)
    mp_test_add_event (f->store, "Dialogmøte om integrering og frivillighet");
  g_clear_object (&f->store);
  g_clear_object (&f->db);

  /* scribble over everything after the first page */
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 4096);
  memset (contents + 4096, 0x5a, len - 4096);
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));

  db = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
  if (db != NULL)
    {
      store = mp_store_new (db);
      events = mp_store_list_events (store, &error);
      g_assert_null (events);
    }
  g_assert_error (error, MP_ERROR, MP_ERROR_CORRUPT);
}

static void
test_read_only_refuses_writes (MpTestFixture *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpEvent) event = mp_event_new ();
  g_autoptr(GPtrArray) events = NULL;

  mp_test_add_event (f->store, "Dialogmøte");
  g_clear_object (&f->store);
  g_clear_object (&f->db);

  db = mp_database_open (f->path, MP_DATABASE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  store = mp_store_new (db);
  events = mp_store_list_events (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);

  mp_event_set_title (event, "Ny");
  g_assert_false (mp_store_add_event (store, event, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_READ_ONLY);
}

static void
test_read_only_file_permissions (MpTestFixture *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpEvent) event = mp_event_new ();

  if (geteuid () == 0)
    {
      g_test_skip ("root may write any file; covered by the read-only flag test");
      return;
    }

  mp_test_add_event (f->store, "Dialogmøte");
  g_clear_object (&f->store);
  g_clear_object (&f->db);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);

  db = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
  if (db != NULL)
    {
      store = mp_store_new (db);
      mp_event_set_title (event, "Ny");
      g_assert_false (mp_store_add_event (store, event, &error));
    }
  g_assert_error (error, MP_ERROR, MP_ERROR_READ_ONLY);
}

static void
test_missing_file_with_must_exist (MpTestFixture *f,
                                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "nope.db", NULL);
  g_autofree char *in_missing_dir = g_build_filename (f->dir, "no", "such", "dir.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;

  g_assert_null (mp_database_open (path, MP_DATABASE_FLAGS_MUST_EXIST, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_CANT_OPEN);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_null (mp_database_open (in_missing_dir, MP_DATABASE_FLAGS_NONE, &error2));
  g_assert_error (error2, MP_ERROR, MP_ERROR_CANT_OPEN);
}

static void
test_backup_while_in_use (MpTestFixture *f,
                          gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "backup.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) copy = NULL;
  g_autoptr(MpStore) copy_store = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(MpDatabase) other = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("Deltaker %u", i);
      g_object_unref (mp_test_register (f->store, e, name, NULL, NULL, NULL));
    }

  /* another connection is in the middle of reading */
  g_assert_true (_mp_database_exec (other, "BEGIN; SELECT count(*) FROM person;", NULL));

  g_assert_true (mp_database_backup (f->db, dest, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (_mp_database_exec (other, "COMMIT", NULL));

  copy = mp_database_open (dest, MP_DATABASE_FLAGS_MUST_EXIST, &error);
  g_assert_no_error (error);
  copy_store = mp_store_new (copy);
  events = mp_store_list_events (copy_store, &error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpuint (mp_event_get_registered (g_ptr_array_index (events, 0)), ==, 200);
}

static void
test_backup_to_missing_folder_fails_cleanly (MpTestFixture *f,
                                             gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "missing", "backup.db", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (mp_database_backup (f->db, dest, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_IO);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
}

/* Another desk on the same file: its commits show as a new data
 * version here, ours do not, and a poll with nothing new changes
 * nothing. */
static void
test_data_version_sees_other_desks (MpTestFixture *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) other_db = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
  g_autoptr(MpStore) other = mp_store_new (other_db);
  gint64 e = mp_test_add_event (f->store, "Frokostmøte");
  gint64 before, after_own, after_other;
  g_autoptr(MpAttendee) kari = mp_test_register (f->store, e, "Kari Nordmann", NULL, NULL, NULL);
  g_autoptr(MpCheckInResult) result = NULL;
  g_autofree char *ticket = mp_attendee_dup_ticket_text (kari);

  g_assert_no_error (error);
  before = mp_database_get_data_version (f->db);
  g_assert_cmpint (before, !=, 0);
  g_assert_cmpint (mp_database_get_data_version (f->db), ==, before);

  g_object_unref (mp_test_register (f->store, e, "Ola Nordmann", NULL, NULL, NULL));
  after_own = mp_database_get_data_version (f->db);
  g_assert_cmpint (after_own, ==, before);

  result = mp_store_check_in (other, e, ticket, "Desk 2", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_check_in_result_get_outcome (result), ==, MP_CHECK_IN_CHECKED_IN);
  after_other = mp_database_get_data_version (f->db);
  g_assert_cmpint (after_other, !=, after_own);
  g_assert_cmpint (mp_database_get_data_version (f->db), ==, after_other);
}

/* A worker's connection: the same file, its own connection, read-only
 * when asked; a database in memory cannot have one. */
static void
test_open_worker (MpTestFixture *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) reader = NULL;
  g_autoptr(MpDatabase) writer = NULL;
  g_autoptr(MpDatabase) memory = NULL;
  g_autoptr(MpStore) reader_store = NULL;
  g_autoptr(MpStore) writer_store = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(MpEvent) event = mp_event_new ();

  mp_test_add_event (f->store, "Dialogmøte");
  g_assert_true (mp_database_can_open_worker (f->db));

  reader = mp_database_open_worker (f->db, MP_DATABASE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (reader != f->db);
  g_assert_cmpstr (mp_database_get_path (reader), ==, f->path);
  reader_store = mp_store_new (reader);
  events = mp_store_list_events (reader_store, &error);
  g_assert_cmpuint (events->len, ==, 1);
  mp_event_set_title (event, "Frokostmøte");
  g_assert_false (mp_store_add_event (reader_store, event, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_READ_ONLY);
  g_clear_error (&error);

  writer = mp_database_open_worker (f->db, MP_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  writer_store = mp_store_new (writer);
  g_assert_true (mp_store_add_event (writer_store, event, &error));
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM event"), ==, 2);

  memory = mp_database_open (":memory:", MP_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_false (mp_database_can_open_worker (memory));
  g_assert_null (mp_database_open_worker (memory, MP_DATABASE_FLAGS_READ_ONLY, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_CANT_OPEN);
}

#define ADD(path, func) \
  g_test_add (path, MpTestFixture, NULL, mp_test_fixture_set_up, func, mp_test_fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/database/new-is-migrated", test_new_database_is_migrated);
  ADD ("/database/reopen-keeps-data", test_reopen_keeps_data);
  ADD ("/database/version-1-is-migrated", test_version_1_is_migrated);
  ADD ("/database/newer-version-refused-untouched", test_newer_version_is_refused_untouched);
  ADD ("/database/other-programs-database-refused", test_other_programs_database_is_refused);
  ADD ("/database/garbage-refused-as-corrupt", test_garbage_is_refused_as_corrupt);
  ADD ("/database/damaged-refused", test_damaged_database_is_refused);
  ADD ("/database/read-only-refuses-writes", test_read_only_refuses_writes);
  ADD ("/database/read-only-file-permissions", test_read_only_file_permissions);
  ADD ("/database/missing-file", test_missing_file_with_must_exist);
  ADD ("/database/backup-while-in-use", test_backup_while_in_use);
  ADD ("/database/backup-to-missing-folder", test_backup_to_missing_folder_fails_cleanly);
  ADD ("/database/data-version-sees-other-desks", test_data_version_sees_other_desks);
  ADD ("/database/worker-connection", test_open_worker);

  return g_test_run ();
}
