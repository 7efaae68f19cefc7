/* Opening, refusing and backing up Møteplass database files */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mp-database-private.h"
#include "mp-schema.h"
#include "mp-test-util.h"

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
  before = mp_test_file_checksum (path);

  db = mp_database_open (path, MP_DATABASE_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, MP_ERROR, MP_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version of Møteplass"));

  after = mp_test_file_checksum (path);
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
  before = mp_test_file_checksum (path);

  db = mp_database_open (path, MP_DATABASE_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_MOTEPLASS);

  after = mp_test_file_checksum (path);
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

/* A copy of this database as a file of version @version with @edit run
 * on it, the way a forged or hand-edited file would be. */
static char *
make_edited_copy (MpTestFixture *f,
                  const char    *name,
                  int            version,
                  const char    *edit)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *sql = g_strdup_printf ("%s; PRAGMA user_version = %d;", edit != NULL ? edit : "", version);
  sqlite3 *db;

  g_clear_object (&f->store);
  g_clear_object (&f->db);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  {
    g_autofree char *contents = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
    g_assert_true (g_file_set_contents (path, contents, len, NULL));
  }
  make_foreign_db (path, sql);
  return g_steal_pointer (&path);
}

static void
assert_refused_untouched (const char *path,
                          int         code)
{
  g_autofree char *before = mp_test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = mp_database_open (path, MP_DATABASE_FLAGS_NONE, &error);

  g_assert_null (db);
  g_assert_error (error, MP_ERROR, code);
  after = mp_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* A negative user_version once read the migrations before their first
 * (SIGSEGV); now it is a file of another program, left as it was. */
static void
test_negative_version_is_refused (MpTestFixture *f,
                                  gconstpointer  data)
{
  g_autofree char *minus_one = make_edited_copy (f, "minus-one.db", -1, NULL);
  g_autofree char *most_negative = make_edited_copy (f, "most-negative.db", G_MININT32, NULL);

  assert_refused_untouched (minus_one, MP_ERROR_NOT_MOTEPLASS);
  assert_refused_untouched (most_negative, MP_ERROR_NOT_MOTEPLASS);
}

/* A current file that says it is version 1 would run migration 1→2 on
 * tables that have it already ("index … already exists"); a file whose
 * tables were changed by hand is not migrated either. */
static void
test_forged_version_is_refused (MpTestFixture *f,
                                gconstpointer  data)
{
  g_autofree char *forged = make_edited_copy (f, "forged.db", 1, NULL);
  g_autofree char *edited = make_edited_copy (f, "edited.db", MP_SCHEMA_VERSION,
                                              "ALTER TABLE person DROP COLUMN phone");
  g_autofree char *dropped = make_edited_copy (f, "dropped.db", 1,
                                               "DROP INDEX person_email; DROP TABLE consent");
  g_autofree char *zero = make_edited_copy (f, "zero.db", 0, NULL);

  assert_refused_untouched (forged, MP_ERROR_NOT_MOTEPLASS);
  assert_refused_untouched (edited, MP_ERROR_NOT_MOTEPLASS);
  assert_refused_untouched (dropped, MP_ERROR_NOT_MOTEPLASS);
  assert_refused_untouched (zero, MP_ERROR_NOT_MOTEPLASS);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MpDatabase) db = mp_database_open (forged, MP_DATABASE_FLAGS_NONE, &error);

    g_assert_nonnull (strstr (error->message, "another program or by a newer Møteplass"));
  }
}

/* What the schema check cannot see (a trigger that fails the next
 * migration) is rolled back with a sentence, the file as it was. */
static void
test_failed_migration_leaves_file (MpTestFixture *f,
                                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "trap.db", NULL);
  g_autofree char *sql = g_strdup_printf (
    "%s"
    "CREATE TABLE checkin_active (x);"  /* the name migration 1→2 creates */
    "PRAGMA user_version = 1; PRAGMA application_id = %d;",
    mp_schema_migrations[0], MP_APPLICATION_ID);

  make_foreign_db (path, sql);
  /* the schema check sees a table of a later version */
  assert_refused_untouched (path, MP_ERROR_NOT_MOTEPLASS);
}

static guint
file_mode (const char *path)
{
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* A new database, its -wal and -shm are the owner's alone, whatever
 * the umask says. */
static void
test_new_database_is_private (MpTestFixture *f,
                              gconstpointer  data)
{
  const mode_t umasks[] = { 0022, 0002, 0277 };

  for (guint i = 0; i < G_N_ELEMENTS (umasks); i++)
    {
      g_autofree char *name = g_strdup_printf ("private-%u.db", i);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(MpDatabase) db = NULL;
      g_autoptr(MpStore) store = NULL;
      mode_t old = umask (umasks[i]);

      db = mp_database_open (path, MP_DATABASE_FLAGS_NONE, &error);
      g_assert_no_error (error);
      store = mp_store_new (db);
      mp_test_add_event (store, "Dialogmøte");
      umask (old);

      g_assert_cmphex (file_mode (path), ==, 0600);
      g_assert_cmphex (file_mode (wal), ==, 0600);
      g_assert_cmphex (file_mode (shm), ==, 0600);
      g_assert_false (mp_database_get_permissions_tightened (db));
      g_assert_null (mp_database_dup_permissions_notice (db));
    }
}

/* A database others could read (made by an older Møteplass with the
 * umask's 0644) is tightened at open, and says so. */
static void
test_readable_database_is_tightened (MpTestFixture *f,
                                     gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = NULL;
  g_autofree char *notice = NULL;
  g_autoptr(MpDatabase) again = NULL;
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);

  mp_test_add_event (f->store, "Dialogmøte");
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (wal, 0644), ==, 0);

  db = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (mp_database_get_permissions_tightened (db));
  notice = mp_database_dup_permissions_notice (db);
  g_assert_nonnull (strstr (notice, "readable by you only"));
  g_assert_cmphex (file_mode (f->path), ==, 0600);
  g_assert_cmphex (file_mode (wal), ==, 0600);

  again = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_false (mp_database_get_permissions_tightened (again));

  /* another program's file is not ours to change */
  make_foreign_db (other, "CREATE TABLE invoices (id INTEGER PRIMARY KEY);");
  g_assert_cmpint (g_chmod (other, 0644), ==, 0);
  g_assert_null (mp_database_open (other, MP_DATABASE_FLAGS_NONE, NULL));
  g_assert_cmphex (file_mode (other), ==, 0644);
}

/* A new database in a folder that cannot be written says so, and not
 * that the folder does not exist. */
static void
test_read_only_folder_message (MpTestFixture *f,
                               gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *path = g_build_filename (folder, "new.db", NULL);
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root may write in any folder; tests/cli/test-safety.sh runs this as nobody");
      return;
    }

  g_assert_cmpint (g_mkdir (folder, 0500), ==, 0);
  g_assert_null (mp_database_open (path, MP_DATABASE_FLAGS_NONE, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "is read-only"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Møteplass's own data folder is made 0700; a folder the user chose is
 * created 0700 when missing and otherwise left alone. */
static void
test_data_folder_is_private (MpTestFixture *f,
                             gconstpointer  data)
{
  g_autofree char *default_path = mp_database_dup_default_path ();
  g_autofree char *default_folder = g_path_get_dirname (default_path);
  g_autofree char *chosen = g_build_filename (f->dir, "chosen", NULL);
  g_autofree char *chosen_db = g_build_filename (chosen, "m.db", NULL);
  g_autofree char *missing_db = g_build_filename (f->dir, "new", "folder", "m.db", NULL);
  g_autofree char *missing_folder = g_path_get_dirname (missing_db);
  g_autoptr(GError) error = NULL;
  mode_t old = umask (0022);

  /* main () points XDG_DATA_HOME into a folder of this test */
  g_assert_true (g_str_has_prefix (default_folder, g_getenv ("XDG_DATA_HOME")));
  g_assert_cmpint (g_mkdir_with_parents (default_folder, 0755), ==, 0);
  g_assert_cmpint (g_chmod (default_folder, 0755), ==, 0);
  g_assert_true (mp_database_prepare_folder (default_path, &error));
  g_assert_no_error (error);
  g_assert_cmphex (file_mode (default_folder), ==, 0700);

  g_assert_cmpint (g_mkdir (chosen, 0755), ==, 0);
  g_assert_true (mp_database_prepare_folder (chosen_db, &error));
  g_assert_cmphex (file_mode (chosen), ==, 0755);

  g_assert_true (mp_database_prepare_folder (missing_db, &error));
  g_assert_cmphex (file_mode (missing_folder), ==, 0700);
  umask (old);
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

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("moteplass-data-home-XXXXXX", NULL);

  /* Before GLib reads it: the default database's folder is the test's. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  MP_TEST_ADD ("/database/new-is-migrated", test_new_database_is_migrated);
  MP_TEST_ADD ("/database/reopen-keeps-data", test_reopen_keeps_data);
  MP_TEST_ADD ("/database/version-1-is-migrated", test_version_1_is_migrated);
  MP_TEST_ADD ("/database/newer-version-refused-untouched", test_newer_version_is_refused_untouched);
  MP_TEST_ADD ("/database/other-programs-database-refused", test_other_programs_database_is_refused);
  MP_TEST_ADD ("/database/garbage-refused-as-corrupt", test_garbage_is_refused_as_corrupt);
  MP_TEST_ADD ("/database/damaged-refused", test_damaged_database_is_refused);
  MP_TEST_ADD ("/database/read-only-refuses-writes", test_read_only_refuses_writes);
  MP_TEST_ADD ("/database/read-only-file-permissions", test_read_only_file_permissions);
  MP_TEST_ADD ("/database/missing-file", test_missing_file_with_must_exist);
  MP_TEST_ADD ("/database/backup-while-in-use", test_backup_while_in_use);
  MP_TEST_ADD ("/database/backup-to-missing-folder", test_backup_to_missing_folder_fails_cleanly);
  MP_TEST_ADD ("/database/data-version-sees-other-desks", test_data_version_sees_other_desks);
  MP_TEST_ADD ("/database/worker-connection", test_open_worker);
  MP_TEST_ADD ("/database/negative-version-refused", test_negative_version_is_refused);
  MP_TEST_ADD ("/database/forged-version-refused", test_forged_version_is_refused);
  MP_TEST_ADD ("/database/failed-migration-leaves-file", test_failed_migration_leaves_file);
  MP_TEST_ADD ("/database/new-database-is-private", test_new_database_is_private);
  MP_TEST_ADD ("/database/readable-database-tightened", test_readable_database_is_tightened);
  MP_TEST_ADD ("/database/read-only-folder-message", test_read_only_folder_message);
  MP_TEST_ADD ("/database/data-folder-is-private", test_data_folder_is_private);

  {
    int status = g_test_run ();

    mp_test_remove_tree (data_home);
    return status;
  }
}
