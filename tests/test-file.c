/* mp-file.c: every file Møteplass writes is whole or not there, 0600,
 * and never an open database or one of its files, whichever writer
 * writes it */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mp-csv-export.h"
#include "mp-file.h"
#include "mp-mailing.h"
#include "mp-privacy.h"
#include "mp-report-export.h"
#include "mp-test-util.h"
#include "mp-ticket-render.h"

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* Names in @dir other than @except (NULL: every name). */
static guint
count_other_files (const char *dir,
                   const char *except)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    if (except == NULL || !g_str_equal (name, except))
      {
        g_test_message ("file: %s", name);
        n++;
      }
  return n;
}

static void
test_created_owner_only (MpTestFixture *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "liste.csv", NULL);
  g_autoptr(GError) error = NULL;
  const mode_t umasks[] = { 022, 0, 077 };
  mode_t old = umask (022);

  for (guint i = 0; i < G_N_ELEMENTS (umasks); i++)
    {
      umask (umasks[i]);
      g_unlink (path);
      g_assert_true (mp_file_replace_contents (path, "a,b\n", 4, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (file_mode (path), ==, 0600);
    }

  /* a file that was readable by all becomes the owner's alone */
  umask (022);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_true (mp_file_replace_contents (path, "c\n", 2, &error));
  g_assert_cmpuint (file_mode (path), ==, 0600);

  /* and so does one a library wrote by the temporary name itself */
  {
    g_autoptr(MpFileWriter) writer = mp_file_writer_new (path, &error);
    const char *tmp = mp_file_writer_get_temp_path (writer);
    FILE *out;

    g_unlink (tmp);
    out = fopen (tmp, "wb");   /* made anew, 0644 with this umask */
    g_assert_nonnull (out);
    fputs ("by name\n", out);
    fclose (out);
    g_assert_true (mp_file_writer_commit (writer, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (file_mode (path), ==, 0600);
  umask (old);

  g_assert_cmpuint (count_other_files (f->dir, NULL), ==, 3 + 1);  /* test.db, -wal, -shm, liste.csv */
}

/* The database's bytes and what the store reads, to see it untouched. */
static char *
database_state (MpTestFixture *f)
{
  g_autofree char *bytes = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *wal_bytes = NULL;
  gsize len = 0, wal_len = 0;
  g_autofree char *digest = NULL;
  g_autofree char *wal_digest = NULL;

  g_assert_true (g_file_get_contents (f->path, &bytes, &len, NULL));
  g_file_get_contents (wal, &wal_bytes, &wal_len, NULL);
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) bytes, len);
  wal_digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) (wal_bytes != NULL ? wal_bytes : ""), wal_len);

  return g_strdup_printf ("%s %s people=%" G_GINT64_FORMAT, digest, wal_digest,
                          mp_test_count_rows (f, "SELECT count(*) FROM person"));
}

typedef gboolean (*WriteFunc) (MpTestFixture *f,
                               gint64         event_id,
                               const char    *path,
                               GError       **error);

static gboolean
write_csv_export (MpTestFixture *f, gint64 event_id, const char *path, GError **error)
{
  return mp_csv_export_to_path (f->store, event_id, MP_CSV_EXPORT_EXCEL, path, NULL, NULL, error);
}

static gboolean
write_mailing (MpTestFixture *f, gint64 event_id, const char *path, GError **error)
{
  g_autoptr(GPtrArray) entries = mp_mailing_list (f->store, &event_id, 1, 0, FALSE, error);
  g_autofree char *csv = entries != NULL ? mp_mailing_to_csv (entries, FALSE) : NULL;

  return csv != NULL && mp_file_replace_contents (path, csv, strlen (csv), error);
}

static gboolean
write_person (MpTestFixture *f, gint64 event_id, const char *path, GError **error)
{
  gint64 person = mp_test_count_rows (f, "SELECT min(id) FROM person");
  g_autofree char *json = mp_store_export_person_json (f->store, person, error);

  return json != NULL && mp_file_replace_contents (path, json, strlen (json), error);
}

static gboolean
write_report (MpTestFixture *f, gint64 event_id, const char *path, MpReportFormat format, GError **error)
{
  g_autoptr(MpReport) report = mp_report_new_for_event (f->store, event_id, error);

  return report != NULL && mp_report_export (report, format, path, error);
}

static gboolean
write_report_pdf (MpTestFixture *f, gint64 event_id, const char *path, GError **error)
{
  return write_report (f, event_id, path, MP_REPORT_FORMAT_PDF, error);
}

static gboolean
write_report_csv (MpTestFixture *f, gint64 event_id, const char *path, GError **error)
{
  return write_report (f, event_id, path, MP_REPORT_FORMAT_CSV, error);
}

static gboolean
write_report_xlsx (MpTestFixture *f, gint64 event_id, const char *path, GError **error)
{
  return write_report (f, event_id, path, MP_REPORT_FORMAT_XLSX, error);
}

static gboolean
write_tickets (MpTestFixture *f, gint64 event_id, const char *path, GError **error)
{
  g_autoptr(MpEvent) event = mp_store_get_event (f->store, event_id, error);
  g_autoptr(GPtrArray) attendees = mp_store_list_attendees (f->store, event_id, error);
  g_autoptr(MpTicketRenderer) renderer = NULL;

  if (event == NULL || attendees == NULL)
    return FALSE;
  renderer = mp_ticket_renderer_new (event, MP_TICKET_LAYOUT_TICKET);
  return mp_ticket_renderer_render_to_file (renderer, path, attendees, NULL, NULL, NULL, error);
}

static gboolean
write_backup (MpTestFixture *f, gint64 event_id, const char *path, GError **error)
{
  return mp_database_backup (f->db, path, NULL, error);
}

static const struct
{
  const char *what;
  WriteFunc   write;
} writers[] = {
  { "csv export", write_csv_export },
  { "mailing list", write_mailing },
  { "person export", write_person },
  { "report pdf", write_report_pdf },
  { "report csv", write_report_csv },
  { "report xlsx", write_report_xlsx },
  { "tickets", write_tickets },
  { "backup", write_backup },
};

/* Every writer refuses the database, its -wal and -shm files (and a
 * -journal that is not there yet), a symbolic and a hard link to it, a
 * link to where its -wal would be, and the database reached through a
 * linked folder; the database stays as it was; each writes a file of
 * its own as usual. */
static void
test_never_over_the_database (MpTestFixture *f,
                              gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpAttendee) a = mp_test_register (f->store, e, "Kari Nordmann", "kari@nav.no", "NAV", "NAV");
  g_autofree char *linked_dir = g_build_filename (f->dir, "linked", NULL);
  g_autofree char *before = NULL;
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (f->path, "-journal", NULL);
  g_autofree char *symbolic = g_build_filename (f->dir, "innocent.pdf", NULL);
  g_autofree char *hard = g_build_filename (f->dir, "hard.csv", NULL);
  g_autofree char *dangling = g_build_filename (f->dir, "dangling.xlsx", NULL);

  /* the -wal and -shm files exist while the store has the file open */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (symlink (f->path, symbolic), ==, 0);
  g_assert_cmpint (link (f->path, hard), ==, 0);
  g_assert_cmpint (symlink ("test.db-journal", dangling), ==, 0);
  g_assert_cmpint (symlink (f->dir, linked_dir), ==, 0);

  g_ptr_array_add (targets, g_strdup (f->path));
  g_ptr_array_add (targets, g_strdup (wal));
  g_ptr_array_add (targets, g_strconcat (f->path, "-shm", NULL));
  g_ptr_array_add (targets, g_strdup (journal));
  g_ptr_array_add (targets, g_strdup (symbolic));
  g_ptr_array_add (targets, g_strdup (hard));
  g_ptr_array_add (targets, g_strdup (dangling));
  g_ptr_array_add (targets, g_build_filename (linked_dir, "test.db", NULL));

  before = database_state (f);
  for (guint w = 0; w < G_N_ELEMENTS (writers); w++)
    for (guint t = 0; t < targets->len; t++)
      {
        const char *target = g_ptr_array_index (targets, t);
        g_autofree char *now = NULL;

        g_test_message ("%s to %s", writers[w].what, target);
        g_assert_false (writers[w].write (f, e, target, &error));
        g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
        g_assert_nonnull (strstr (error->message, "database"));
        g_clear_error (&error);
        now = database_state (f);
        g_assert_cmpstr (now, ==, before);
      }
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (symbolic, G_FILE_TEST_IS_SYMLINK));

  for (guint w = 0; w < G_N_ELEMENTS (writers); w++)
    {
      g_autofree char *name = g_strdup_printf ("out-%u", w);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_assert_true (writers[w].write (f, e, path, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (file_mode (path), ==, 0600);
    }
}

/* Once the database is closed it is a file like any other. */
static void
test_closed_database_may_be_written (MpTestFixture *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(MpDatabase) second = mp_database_open (other, MP_DATABASE_FLAGS_NONE, &error);

  g_assert_no_error (error);
  g_assert_false (mp_file_check_target (other, &error));
  g_clear_error (&error);
  g_assert_false (mp_file_check_target (f->path, &error));
  g_clear_error (&error);

  g_clear_object (&second);
  g_assert_true (mp_file_check_target (other, &error));
  g_assert_no_error (error);
  g_assert_true (mp_file_replace_contents (other, "x", 1, &error));
  g_assert_no_error (error);
  /* the first is still open */
  g_assert_false (mp_file_check_target (f->path, NULL));
}

/* A writer given up (cancelled, failed) leaves the old file as it was
 * and no temporary file behind. */
static void
test_abandoned_writer (MpTestFixture *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "rapport.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  {
    g_autoptr(MpFileWriter) writer = mp_file_writer_new (path, &error);

    g_assert_no_error (error);
    g_assert_true (mp_file_writer_write (writer, "new and half", 12, &error));
    g_assert_true (mp_file_writer_close (writer, &error));
  }
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_assert_cmpuint (count_other_files (f->dir, NULL), ==, 3 + 1);

  /* a folder that is not there: nothing is made */
  {
    g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "x.csv", NULL);

    g_assert_false (mp_file_replace_contents (missing, "x", 1, &error));
    g_assert_error (error, MP_ERROR, MP_ERROR_IO);
    g_assert_nonnull (strstr (error->message, "no-such-folder"));
  }
}

/* commit_new takes a free name only: two desks saving a badge of the
 * same name both keep theirs. */
static void
test_commit_new_never_replaces (MpTestFixture *f,
                                gconstpointer  data)
{
  g_autofree char *first = g_build_filename (f->dir, "Kari.pdf", NULL);
  g_autofree char *second = g_build_filename (f->dir, "Kari (2).pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(MpFileWriter) a = mp_file_writer_new (first, NULL);
  g_autoptr(MpFileWriter) b = mp_file_writer_new (first, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_file_writer_write (a, "A", 1, NULL));
  g_assert_true (mp_file_writer_write (b, "B", 1, NULL));
  g_assert_true (mp_file_writer_commit_new (a, first, &error));
  g_assert_no_error (error);
  g_assert_false (mp_file_writer_commit_new (b, first, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (mp_file_writer_commit_new (b, second, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (first, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "A");
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (second, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "B");
  g_assert_cmpuint (file_mode (second), ==, 0600);
}

/* The file name suggested for an event's tickets or report */
static void
test_name_from_title (void)
{
  static const struct { const char *title, *name; } cases[] = {
    { "Frokostmøte: inkludering i idrettslag", "Frokostmøte - inkludering i idrettslag" },
    { "Frokostmøte:inkludering", "Frokostmøte-inkludering" },
    { "Møte 1/2", "Møte 1-2" },
    { "Møte 1 / 2", "Møte 1 - 2" },
    { "  Hva?  Hvor*  ", "Hva Hvor" },
    { "...skjult", "skjult" },
    { "Slutt.", "Slutt" },
    { "a\tb\nc", "a b c" },
    { "<>|", "tickets" },
    { "", "tickets" },
    { "   ", "tickets" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = mp_file_name_from_title (cases[i].title, "tickets");

      g_assert_cmpstr (name, ==, cases[i].name);
      g_assert_null (strstr (name, "  "));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  MP_TEST_ADD ("/file/created-owner-only-whatever-the-umask", test_created_owner_only);
  MP_TEST_ADD ("/file/every-writer-refuses-the-open-database", test_never_over_the_database);
  MP_TEST_ADD ("/file/closed-database-may-be-written", test_closed_database_may_be_written);
  MP_TEST_ADD ("/file/abandoned-writer-leaves-the-old-file", test_abandoned_writer);
  MP_TEST_ADD ("/file/commit-new-never-replaces", test_commit_new_never_replaces);
  g_test_add_func ("/file/name-from-title", test_name_from_title);

  return g_test_run ();
}
