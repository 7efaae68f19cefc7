/* Badges printed at check-in: saved in a folder, or printed through a
 * real CUPS server.
 *
 * The CUPS tests run when MP_TEST_CUPS_PRINTER names a queue of a
 * cups-pdf printer whose PDFs land in MP_TEST_CUPS_OUT, with CUPS_SERVER
 * pointing at that server: tests/print/test-badge-cups.sh sets this up
 * with a private cupsd. Without them they are skipped. */
#include "config.h"

#include <cups/cups.h>
#include <string.h>

#include "mp-badge-print.h"
#include "mp-error.h"
#include "mp-test-util.h"

typedef struct
{
  MpTestFixture  base;
  MpEvent       *event;
  MpAttendee    *attendee;
  char          *out;  /* a folder of our own inside base.dir */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id;

  mp_test_fixture_set_up (&f->base, data);
  event_id = mp_test_add_event (f->base.store, "Dialogmøte om frivillighet");
  f->event = mp_store_get_event (f->base.store, event_id, &error);
  g_assert_no_error (error);
  f->attendee = mp_test_register (f->base.store, event_id, "Kari Sørensen",
                                  "kari@example.no", "Frivilligsentralen", "Frivillig");
  f->out = g_build_filename (f->base.dir, "badges", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->event);
  g_clear_object (&f->attendee);
  g_free (f->out);
  mp_test_fixture_tear_down (&f->base, data);
}

static gboolean
have_tools (void)
{
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");

  if (pdftoppm == NULL || zbarimg == NULL)
    {
      g_test_skip ("pdftoppm (poppler-utils) or zbarimg (zbar-tools) is not installed");
      return FALSE;
    }

  return TRUE;
}

/* The code zbarimg reads on the first page of @pdf, without the newline */
static char *
scan_pdf (const char *pdf,
          const char *work_dir)
{
  g_autofree char *prefix = g_build_filename (work_dir, "scan", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *to_png[] = { "pdftoppm", "-r", "150", "-png", "-singlefile", pdf, prefix, NULL };
  const char *scan[] = { "zbarimg", "--nodbus", "-q", "--raw", png, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) to_png, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_spawn_sync (NULL, (char **) scan, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_unlink (png);

  return g_strdup (g_strstrip (out));
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  if (dir != NULL)
    while (g_dir_read_name (dir) != NULL)
      n++;

  return n;
}

static void
test_folder (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MpBadgePrinter) printer = mp_badge_printer_new (NULL, f->out, MP_TICKET_LAYOUT_BADGE);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *expected2 = NULL;
  g_autofree char *ticket = mp_attendee_dup_ticket_text (f->attendee);

  g_assert_null (mp_badge_printer_get_printer_name (printer));
  g_assert_cmpstr (mp_badge_printer_get_folder (printer), ==, f->out);
  g_assert_cmpint (mp_badge_printer_get_layout (printer), ==, MP_TICKET_LAYOUT_BADGE);

  first = mp_badge_printer_print (printer, f->event, f->attendee, NULL, &error);
  g_assert_no_error (error);
  expected = g_build_filename (f->out, "Kari Sørensen.pdf", NULL);
  g_assert_cmpstr (first, ==, expected);
  g_assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));

  /* badges carry names: the folder made for them is the owner's only */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (f->out, &st), ==, 0);
    g_assert_cmphex (st.st_mode & 0777, ==, 0700);
  }

  /* the second badge of the same person never replaces the first */
  second = mp_badge_printer_print (printer, f->event, f->attendee, NULL, &error);
  g_assert_no_error (error);
  expected2 = g_build_filename (f->out, "Kari Sørensen (2).pdf", NULL);
  g_assert_cmpstr (second, ==, expected2);

  /* nothing half-made or hidden left behind */
  g_assert_cmpuint (count_files (f->out), ==, 2);

  if (!have_tools ())
    return;

  {
    g_autofree char *code = scan_pdf (first, f->base.dir);
    g_assert_cmpstr (code, ==, ticket);
  }
}

static void
test_folder_odd_names (Fixture       *f,
                       gconstpointer  data)
{
  const char *names[] = { "../../Ola / Nordmann", ".hidden", "Ahmad: \"*?<>|\" Karimi" };
  const char *stems[] = { "Ola Nordmann", "hidden", "Ahmad Karimi" };
  g_autoptr(MpBadgePrinter) printer = mp_badge_printer_new ("", f->out, MP_TICKET_LAYOUT_BADGE_LABEL);

  g_assert_null (mp_badge_printer_get_printer_name (printer));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(MpAttendee) attendee = mp_test_register (f->base.store, mp_event_get_id (f->event),
                                                         names[i], NULL, NULL, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *path = mp_badge_printer_print (printer, f->event, attendee, NULL, &error);
      g_autofree char *dir = NULL;
      g_autofree char *base = NULL;
      g_autofree char *expected = g_strconcat (stems[i], ".pdf", NULL);

      g_assert_no_error (error);
      dir = g_path_get_dirname (path);
      base = g_path_get_basename (path);
      g_assert_cmpstr (dir, ==, f->out);
      g_assert_cmpstr (base, ==, expected);
    }
}

static void
test_folder_unusable (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->base.dir, "a-file", NULL);
  g_autofree char *below_file = g_build_filename (file, "badges", NULL);
  g_autoptr(MpBadgePrinter) printer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  printer = mp_badge_printer_new (NULL, below_file, MP_TICKET_LAYOUT_BADGE);
  path = mp_badge_printer_print (printer, f->event, f->attendee, NULL, &error);
  g_assert_null (path);
  g_assert_error (error, MP_ERROR, MP_ERROR_IO);
  g_assert_nonnull (strstr (error->message, below_file));
}

static void
test_default_folder (void)
{
  g_autofree char *folder = mp_badge_printer_dup_default_folder ();
  g_autoptr(MpBadgePrinter) printer = mp_badge_printer_new (NULL, NULL, MP_TICKET_LAYOUT_BADGE);
  g_autofree char *base = g_path_get_basename (folder);

  g_assert_true (g_path_is_absolute (folder));
  g_assert_cmpstr (base, ==, "Møteplass badges");
  g_assert_cmpstr (mp_badge_printer_get_folder (printer), ==, folder);
}

static void
on_printed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **out_error = g_object_get_data (source, "test-error");
  char **out_path = user_data;

  *out_path = mp_badge_printer_print_finish (MP_BADGE_PRINTER (source), result, out_error);
  if (*out_path == NULL && *out_error == NULL)
    *out_path = g_strdup ("");  /* finished, with neither: the assert below fails */
}

typedef struct
{
  char   **path;
  GError **error;
} Answer;

static gboolean
printed_or_failed (gpointer data)
{
  Answer *answer = data;

  return *answer->path != NULL || *answer->error != NULL;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(MpBadgePrinter) printer = mp_badge_printer_new (NULL, f->out, MP_TICKET_LAYOUT_TICKET);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Answer answer = { &path, &error };

  g_object_set_data (G_OBJECT (printer), "test-error", &error);
  mp_badge_printer_print_async (printer, f->event, f->attendee, NULL, on_printed, &path);
  /* the caller's event may change at once; the badge was already copied */
  mp_event_set_title (f->event, "Changed");
  g_assert_true (mp_test_wait_until (printed_or_failed, &answer, 30000));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&path, g_free);

  /* cancelled before it starts: nothing is written */
  g_cancellable_cancel (cancellable);
  mp_badge_printer_print_async (printer, f->event, f->attendee, cancellable, on_printed, &path);
  g_assert_true (mp_test_wait_until (printed_or_failed, &answer, 30000));
  g_assert_null (path);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_files (f->out), ==, 1);
}

/* No print server at all: nothing hangs, and the desk hears why. */
static void
test_no_cups_server (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *socket = g_build_filename (f->base.dir, "no-cupsd.sock", NULL);
  g_autoptr(MpBadgePrinter) printer = mp_badge_printer_new ("Kontorskriver", NULL, MP_TICKET_LAYOUT_BADGE);
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  g_auto(GStrv) printers = NULL;
  gint64 start;

  /* for this thread only: the server of the other tests stays */
  cupsSetServer (socket);

  start = g_get_monotonic_time ();
  printers = mp_badge_printer_list_printers ();
  g_assert_nonnull (printers);
  g_assert_cmpuint (g_strv_length (printers), ==, 0);

  g_assert_cmpstr (mp_badge_printer_get_printer_name (printer), ==, "Kontorskriver");
  where = mp_badge_printer_print (printer, f->event, f->attendee, NULL, &error);
  g_assert_null (where);
  g_assert_error (error, MP_ERROR, MP_ERROR_PRINTER);
  g_assert_nonnull (strstr (error->message, "Kontorskriver"));
  g_assert_nonnull (strstr (error->message, "CUPS"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

  cupsSetServer (NULL);
}

static const char *
cups_printer (void)
{
  const char *name = g_getenv ("MP_TEST_CUPS_PRINTER");

  if (name == NULL || *name == '\0' || g_getenv ("MP_TEST_CUPS_OUT") == NULL)
    {
      g_test_skip ("no test CUPS server (tests/print/test-badge-cups.sh sets one up)");
      return NULL;
    }

  return name;
}

/* The newest PDF cups-pdf wrote, once ghostscript has finished it. */
static char *
wait_for_pdf (const char *dir,
              guint       n_before)
{
  for (guint tries = 0; tries < 600; tries++)
    {
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autofree char *contents = NULL;
          gsize len = 0;

          if (count_files (dir) <= n_before || !g_str_has_suffix (name, ".pdf"))
            continue;
          /* ghostscript writes the trailer last */
          if (g_file_get_contents (path, &contents, &len, NULL)
              && len > 5 && g_strstr_len (contents + (len > 64 ? len - 64 : 0),
                                          len > 64 ? 64 : len, "%%EOF") != NULL)
            return g_steal_pointer (&path);
        }
      g_usleep (100 * 1000);
    }

  return NULL;
}

static void
run_cups_command (const char *command,
                  const char *printer)
{
  const char *argv[] = { command, printer, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
test_cups_print (Fixture       *f,
                 gconstpointer  data)
{
  const char *name = cups_printer ();
  const char *out = g_getenv ("MP_TEST_CUPS_OUT");
  g_autoptr(MpBadgePrinter) printer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *code = NULL;
  g_autofree char *ticket = mp_attendee_dup_ticket_text (f->attendee);
  g_auto(GStrv) printers = NULL;
  guint n_before;

  if (name == NULL || !have_tools ())
    return;

  printers = mp_badge_printer_list_printers ();
  g_assert_true (g_strv_contains ((const char * const *) printers, name));

  n_before = count_files (out);
  printer = mp_badge_printer_new (name, NULL, MP_TICKET_LAYOUT_BADGE_LABEL);
  where = mp_badge_printer_print (printer, f->event, f->attendee, NULL, &error);
  g_assert_no_error (error);
  prefix = g_strdup_printf ("%s (job ", name);
  g_assert_true (g_str_has_prefix (where, prefix));

  pdf = wait_for_pdf (out, n_before);
  g_assert_nonnull (pdf);
  /* cups-pdf names its file after the job's title, which CUPS keeps in
   * its history: no personal data there */
  g_assert_null (strstr (pdf, "Kari"));
  code = scan_pdf (pdf, f->base.dir);
  g_assert_cmpstr (code, ==, ticket);
}

/* Prints a badge to queue @name while @off has put it out of service;
 * @on puts it back whatever happened. */
static char *
print_out_of_service (Fixture     *f,
                      const char  *name,
                      const char  *off,
                      const char  *on,
                      GError     **error)
{
  g_autoptr(MpBadgePrinter) printer = NULL;
  char *where;

  run_cups_command (off, name);
  printer = mp_badge_printer_new (name, NULL, MP_TICKET_LAYOUT_BADGE_LABEL);
  where = mp_badge_printer_print (printer, f->event, f->attendee, NULL, error);
  run_cups_command (on, name);
  return where;
}

static void
test_cups_stopped (Fixture       *f,
                   gconstpointer  data)
{
  const char *name = cups_printer ();
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;

  if (name == NULL)
    return;

  where = print_out_of_service (f, name, "cupsdisable", "cupsenable", &error);

  g_assert_null (where);
  g_assert_error (error, MP_ERROR, MP_ERROR_PRINTER);
  g_assert_nonnull (strstr (error->message, "is stopped"));
  g_assert_nonnull (strstr (error->message, name));
}

static void
test_cups_rejecting (Fixture       *f,
                     gconstpointer  data)
{
  const char *name = cups_printer ();
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;

  if (name == NULL)
    return;

  where = print_out_of_service (f, name, "cupsreject", "cupsaccept", &error);

  g_assert_null (where);
  g_assert_error (error, MP_ERROR, MP_ERROR_PRINTER);
  g_assert_nonnull (strstr (error->message, "does not accept"));
}

static void
test_cups_missing (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MpBadgePrinter) printer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;

  if (cups_printer () == NULL)
    return;

  printer = mp_badge_printer_new ("NoSuchBadgePrinter", NULL, MP_TICKET_LAYOUT_BADGE);
  where = mp_badge_printer_print (printer, f->event, f->attendee, NULL, &error);
  g_assert_null (where);
  g_assert_error (error, MP_ERROR, MP_ERROR_PRINTER);
  g_assert_nonnull (strstr (error->message, "is not there"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  MP_TEST_ADD_OWN ("/badge-print/folder", test_folder);
  MP_TEST_ADD_OWN ("/badge-print/folder/odd-names", test_folder_odd_names);
  MP_TEST_ADD_OWN ("/badge-print/folder/unusable", test_folder_unusable);
  g_test_add_func ("/badge-print/folder/default", test_default_folder);
  MP_TEST_ADD_OWN ("/badge-print/async", test_async);
  MP_TEST_ADD_OWN ("/badge-print/no-cups-server", test_no_cups_server);
  MP_TEST_ADD_OWN ("/badge-print/cups/print", test_cups_print);
  MP_TEST_ADD_OWN ("/badge-print/cups/stopped", test_cups_stopped);
  MP_TEST_ADD_OWN ("/badge-print/cups/rejecting", test_cups_rejecting);
  MP_TEST_ADD_OWN ("/badge-print/cups/missing", test_cups_missing);

  return g_test_run ();
}
