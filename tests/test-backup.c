/* Backups, plain and sealed with a passphrase, and restoring them */
#include "config.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mp-backup.h"
#include "mp-test-util.h"

#define PASSPHRASE "korrekt hest batteri stift"

static void
fill (MpTestFixture *f,
      guint          n)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte om integrering");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Deltaker %u", i);
      g_autofree char *email = g_strdup_printf ("deltaker%u@kommune.no", i);
      g_object_unref (mp_test_register (f->store, e, name, email, "Bergen kommune", "Kommune"));
    }
}

static char *
in_dir (MpTestFixture *f,
        const char    *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* Bytes 18 and 19 of an SQLite file: 2 and 2 in WAL mode, 1 and 1 with
 * a rollback journal. */
static void
assert_wal_header (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >=, 100);
  g_assert_cmpint (contents[18], ==, 2);
  g_assert_cmpint (contents[19], ==, 2);
}

static guint
count_temp_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, ".moteplass-"))
      n++;
  return n;
}

static guint
registered_in (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = mp_database_open (path, MP_DATABASE_FLAGS_MUST_EXIST, &error);
  g_autoptr(MpStore) store = NULL;
  g_autoptr(GPtrArray) events = NULL;

  g_assert_no_error (error);
  store = mp_store_new (db);
  events = mp_store_list_events (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  return mp_event_get_registered (g_ptr_array_index (events, 0));
}

/* `backup m.db` onto the database itself left it in rollback-journal
 * mode under every desk; the -wal or -shm, or a link to the database,
 * is no better. All are refused, the database as it was. */
static void
test_backup_onto_database_refused (MpTestFixture *f,
                                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_autofree char *symbolic = in_dir (f, "link.db");
  g_autofree char *hard = in_dir (f, "hard.db");
  const char *targets[] = { f->path, wal, shm, symbolic, hard };

  fill (f, 20);
  g_assert_cmpint (symlink (f->path, symbolic), ==, 0);
  g_assert_cmpint (link (f->path, hard), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (mp_database_backup (f->db, targets[i], NULL, &error));
      g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "open Møteplass database"));
    }

  g_assert_true (mp_database_checkpoint (f->db, NULL));
  assert_wal_header (f->path);
  g_assert_cmpuint (mp_test_count_rows (f, "SELECT count(*) FROM registration"), ==, 20);
  g_assert_cmpuint (count_temp_files (f->dir), ==, 0);
}

/* The copy is a Møteplass database in WAL mode, whole, alone (no -wal
 * beside it) and the owner's only. */
static void
test_backup_is_wal_and_private (MpTestFixture *f,
                                gconstpointer  data)
{
  g_autofree char *dest = in_dir (f, "copy.db");
  g_autofree char *dest_wal = g_strconcat (dest, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  struct stat st;

  fill (f, 50);
  g_assert_true (mp_database_backup (f->db, dest, NULL, &error));
  g_assert_no_error (error);
  assert_wal_header (dest);
  g_assert_false (g_file_test (dest_wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (stat (dest, &st), ==, 0);
  g_assert_cmphex (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (count_temp_files (f->dir), ==, 0);
  g_assert_cmpuint (registered_in (dest), ==, 50);
}

static void
make_file (const char *path)
{
  g_assert_true (g_file_set_contents (path, "half a backup", -1, NULL));
}

/* A backup killed halfway left its temporary file (and journal) behind;
 * the next backup in that folder removes them, but not the file of a
 * backup that is still running (it holds its folder's shared lock). */
static void
test_stale_temporary_files_removed (MpTestFixture *f,
                                    gconstpointer  data)
{
  g_autofree char *backups = in_dir (f, "backups");
  g_autofree char *dest = g_build_filename (backups, "copy.db", NULL);
  g_autofree char *stale = g_build_filename (backups, ".moteplass-backup-Ab12Cd", NULL);
  g_autofree char *stale_journal = g_build_filename (backups, ".moteplass-backup-Ab12Cd-journal", NULL);
  g_autofree char *stale_restore = g_build_filename (backups, ".moteplass-restore-xY98zW", NULL);
  g_autofree char *not_ours = g_build_filename (backups, ".moteplass-backup-notours.txt", NULL);
  g_autoptr(GError) error = NULL;
  int dir_fd;

  fill (f, 10);
  g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);
  make_file (stale);
  make_file (stale_journal);
  make_file (stale_restore);
  make_file (not_ours);

  /* another backup is running in the folder (flock belongs to an open
   * file, so a second open here is as good as another process): its
   * files are left alone */
  dir_fd = open (backups, O_RDONLY | O_DIRECTORY);
  g_assert_cmpint (flock (dir_fd, LOCK_SH), ==, 0);
  g_assert_true (mp_database_backup (f->db, dest, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (stale_journal, G_FILE_TEST_EXISTS));
  close (dir_fd);

  /* no one else: the leftovers go, what is not ours stays */
  g_assert_true (mp_database_backup (f->db, dest, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale_journal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale_restore, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (not_ours, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (registered_in (dest), ==, 10);
}

static void
test_short_passphrase_refused (MpTestFixture *f,
                               gconstpointer  data)
{
  g_autofree char *dest = in_dir (f, "sealed.mpb");
  g_autoptr(GError) error = NULL;

  g_assert_false (mp_database_backup_sealed (f->db, dest, "kort", NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_temp_files (f->dir), ==, 0);
}

/* A sealed backup holds none of the names in the clear, and comes back
 * whole with its passphrase: in WAL mode, the owner's only. */
static void
test_sealed_round_trip (MpTestFixture *f,
                        gconstpointer  data)
{
  g_autofree char *sealed = in_dir (f, "sealed.mpb");
  g_autofree char *restored = in_dir (f, "restored.db");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  struct stat st;

  fill (f, 300);   /* more than one 64 KiB part */
  g_assert_true (mp_database_backup_sealed (f->db, sealed, PASSPHRASE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mp_backup_is_sealed (sealed, NULL));
  g_assert_false (mp_backup_is_sealed (f->path, NULL));

  g_assert_true (g_file_get_contents (sealed, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 128 * 1024);
  g_assert_null (g_strstr_len (contents, len, "Deltaker"));
  g_assert_null (g_strstr_len (contents, len, "kommune.no"));
  g_assert_null (g_strstr_len (contents, len, "SQLite format"));

  g_assert_true (mp_backup_restore (sealed, restored, PASSPHRASE, MP_RESTORE_FLAGS_NONE, &error));
  g_assert_no_error (error);
  assert_wal_header (restored);
  g_assert_cmpint (stat (restored, &st), ==, 0);
  g_assert_cmphex (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (registered_in (restored), ==, 300);
  g_assert_cmpuint (count_temp_files (f->dir), ==, 0);
}

typedef struct
{
  const char *what;
  gssize      offset;   /* negative: from the end */
  gssize      truncate; /* -1: keep the length */
  const char *append;
  MpError     expected;
} Damage;

/* A wrong passphrase, a flipped byte anywhere, a cut-off or lengthened
 * file: a clear error, no database, no temporary file. */
static void
test_damaged_or_wrong_passphrase_changes_nothing (MpTestFixture *f,
                                                  gconstpointer  data)
{
  g_autofree char *sealed = in_dir (f, "sealed.mpb");
  g_autofree char *contents = NULL;
  gsize len = 0;
  const Damage damages[] = {
    { "a byte of the first part", 200, -1, NULL, MP_ERROR_CORRUPT },
    { "a byte in the middle", -70000, -1, NULL, MP_ERROR_CORRUPT },
    { "the last byte", -1, -1, NULL, MP_ERROR_CORRUPT },
    { "a reserved byte of the header", 10, -1, NULL, MP_ERROR_CORRUPT },
    { "the salt", 30, -1, NULL, MP_ERROR_PASSPHRASE },
    { "the memory limit", 23, -1, NULL, MP_ERROR_CORRUPT },
    { "the stream header", 60, -1, NULL, MP_ERROR_CORRUPT },
    { "cut inside a part", -1, 100000, NULL, MP_ERROR_CORRUPT },
    { "cut after a whole part", -1, 80 + 65536 + 17, NULL, MP_ERROR_CORRUPT },
    { "cut inside the header", -1, 40, NULL, MP_ERROR_CORRUPT },
    { "more after the end", -1, -1, "trailing", MP_ERROR_CORRUPT },
  };
  g_autoptr(GError) wrong = NULL;
  g_autofree char *wrong_dest = in_dir (f, "wrong.db");

  fill (f, 300);
  g_assert_true (mp_database_backup_sealed (f->db, sealed, PASSPHRASE, NULL, NULL));
  g_assert_true (g_file_get_contents (sealed, &contents, &len, NULL));

  g_assert_false (mp_backup_restore (sealed, wrong_dest, "feil passord her", MP_RESTORE_FLAGS_NONE, &wrong));
  g_assert_error (wrong, MP_ERROR, MP_ERROR_PASSPHRASE);
  g_assert_nonnull (strstr (wrong->message, "passphrase does not open"));
  g_assert_false (g_file_test (wrong_dest, G_FILE_TEST_EXISTS));

  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      const Damage *d = &damages[i];
      g_autofree char *copy = g_memdup2 (contents, len);
      g_autofree char *path = in_dir (f, "damaged.mpb");
      g_autofree char *dest = in_dir (f, "restored.db");
      g_autoptr(GString) bytes = NULL;
      g_autoptr(GError) error = NULL;

      if (d->truncate < 0 && d->append == NULL)
        copy[d->offset >= 0 ? (gsize) d->offset : len + d->offset] ^= 0x01;
      bytes = g_string_new_len (copy, d->truncate >= 0 ? (gsize) d->truncate : len);
      if (d->append != NULL)
        g_string_append (bytes, d->append);
      g_assert_true (g_file_set_contents (path, bytes->str, bytes->len, NULL));

      g_test_message ("%s", d->what);
      g_assert_false (mp_backup_restore (path, dest, PASSPHRASE, MP_RESTORE_FLAGS_NONE, &error));
      g_assert_error (error, MP_ERROR, (int) d->expected);
      g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (count_temp_files (f->dir), ==, 0);
    }
}

/* An existing file is replaced only when asked, and never while a
 * program has it open. */
static void
test_restore_over_existing (MpTestFixture *f,
                            gconstpointer  data)
{
  g_autofree char *plain = in_dir (f, "plain.db");
  g_autofree char *existing = in_dir (f, "existing.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) busy = NULL;
  g_autoptr(GError) exists = NULL;

  fill (f, 30);
  g_assert_true (mp_database_backup (f->db, plain, NULL, NULL));

  /* another database, open in this process: refused as every file
   * Møteplass writes refuses it */
  {
    g_autoptr(MpDatabase) desk = mp_database_open (existing, MP_DATABASE_FLAGS_NONE, &error);
    g_autoptr(MpStore) desk_store = NULL;
    g_autoptr(GError) open_here = NULL;

    g_assert_no_error (error);
    desk_store = mp_store_new (desk);
    mp_test_add_event (desk_store, "Frokostmøte");
    g_assert_false (mp_backup_restore (plain, existing, NULL, MP_RESTORE_FLAGS_FORCE, &open_here));
    g_assert_error (open_here, MP_ERROR, MP_ERROR_INVALID);
  }

  /* … and open in another program (a desk on another connection, which
   * this process does not know of) */
  {
    sqlite3 *desk = NULL;

    g_assert_cmpint (sqlite3_open (existing, &desk), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (desk, "SELECT count(*) FROM event", NULL, NULL, NULL), ==, SQLITE_OK);
    before = mp_test_file_checksum (existing);

    g_assert_false (mp_backup_restore (plain, existing, NULL, MP_RESTORE_FLAGS_NONE, &exists));
    g_assert_error (exists, MP_ERROR, MP_ERROR_EXISTS);
    g_assert_false (mp_backup_restore (plain, existing, NULL, MP_RESTORE_FLAGS_FORCE, &busy));
    g_assert_error (busy, MP_ERROR, MP_ERROR_BUSY);
    after = mp_test_file_checksum (existing);
    g_assert_cmpstr (before, ==, after);
    g_assert_cmpuint (count_temp_files (f->dir), ==, 0);
    sqlite3_close (desk);
  }

  /* the desk has closed it */
  g_assert_true (mp_backup_restore (plain, existing, NULL, MP_RESTORE_FLAGS_FORCE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (registered_in (existing), ==, 30);
  assert_wal_header (existing);
}

/* A plain file that is not a Møteplass database, or a damaged one, is
 * not restored. */
static void
test_restore_checks_plain_files (MpTestFixture *f,
                                 gconstpointer  data)
{
  g_autofree char *foreign = in_dir (f, "foreign.db");
  g_autofree char *plain = in_dir (f, "plain.db");
  g_autofree char *dest = in_dir (f, "dest.db");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  sqlite3 *db;
  gsize len;

  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "CREATE TABLE invoices (x)", NULL, NULL, NULL);
  sqlite3_close (db);
  g_assert_false (mp_backup_restore (foreign, dest, NULL, MP_RESTORE_FLAGS_NONE, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_MOTEPLASS);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));

  fill (f, 200);
  g_assert_true (mp_database_backup (f->db, plain, NULL, NULL));
  g_assert_true (g_file_get_contents (plain, &contents, &len, NULL));
  memset (contents + 3 * 4096, 0x5a, 4096);
  g_assert_true (g_file_set_contents (plain, contents, len, NULL));
  g_assert_false (mp_backup_restore (plain, dest, NULL, MP_RESTORE_FLAGS_NONE, &error2));
  g_assert_error (error2, MP_ERROR, MP_ERROR_CORRUPT);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_temp_files (f->dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  MP_TEST_ADD ("/backup/onto-database-refused", test_backup_onto_database_refused);
  MP_TEST_ADD ("/backup/copy-is-wal-and-private", test_backup_is_wal_and_private);
  MP_TEST_ADD ("/backup/stale-temporary-files-removed", test_stale_temporary_files_removed);
  MP_TEST_ADD ("/backup/sealed/short-passphrase-refused", test_short_passphrase_refused);
  MP_TEST_ADD ("/backup/sealed/round-trip", test_sealed_round_trip);
  MP_TEST_ADD ("/backup/sealed/damaged-or-wrong-passphrase", test_damaged_or_wrong_passphrase_changes_nothing);
  MP_TEST_ADD ("/backup/restore/over-existing", test_restore_over_existing);
  MP_TEST_ADD ("/backup/restore/checks-plain-files", test_restore_checks_plain_files);

  return g_test_run ();
}
