/* Reports written to files: the CSV says exactly what the hand-made
 * fixture says; PDF and XLSX are whole files put in place at once (their
 * insides are checked by tests/cli/test-report.sh with pdftoppm and an
 * XML parser). */
#include "config.h"

#include <cairo.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "mp-period-report.h"
#include "mp-report-export.h"
#include "mp-report-fixture.h"

static const char expected_event_csv[] =
  "Summary\n"
  "What,Value\n"
  "Event,Dialogmøte om integrering\n"
  "Starts,Tuesday 10 March 2026 at 09:00\n"
  "Venue,\"Fylkeshuset, Bergen\"\n"
  "Registered,7\n"
  "Arrived,6\n"
  "Walk-ins,1\n"
  "Waiting list,0\n"
  "Cancelled,1\n"
  "No-shows (%),16.7\n"
  "Admitted by exception,0\n"
  "\n"
  "Sectors\n"
  "Sector,Registered,Arrived\n"
  "Kommune,3,3\n"
  "Fylkeskommune,0,0\n"
  "NAV,1,1\n"
  "Statlig virksomhet,0,0\n"
  "Frivillig organisasjon,2,2\n"
  "Innvandrerorganisasjon / innvandrerråd,0,0\n"
  "Frivilligsentral,0,0\n"
  "Næringsliv,0,0\n"
  "Utdanning og forskning,0,0\n"
  "Asylmottak,0,0\n"
  "Politikk (folkevalgt),0,0\n"
  "Privatperson,0,0\n"
  "Annet,0,0\n"
  "No sector,1,0\n"
  "\n"
  "Organisations\n"
  "Organisation,Sector,Arrived\n"
  "Askøy kommune,Kommune,1\n"
  "Bergen kommune,Kommune,2\n"
  "NAV Vestland,NAV,1\n"
  "Røde Kors,Frivillig organisasjon,2\n"
  "\n"
  "Arrivals\n"
  "From,Minutes from start,Arrivals\n"
  "08:40,-20,1\n"
  "08:45,-15,0\n"
  "08:50,-10,1\n"
  "08:55,-5,2\n"
  "09:00,0,1\n"
  "09:05,5,1\n"
  "\n"
  "Answers\n"
  "Question,Answer,People\n"
  "Dietary needs,Vegetar,3\n"
  "Dietary needs,Glutenfri,2\n"
  "Accessibility needs,Rullestol,1\n"
  "Accessibility needs,Teleslynge,1\n"
  "Interpreter languages,Arabisk,2\n"
  "Interpreter languages,Ukrainsk,1\n";

/* Nothing but @expected_name in @dir: no temporary file left behind. */
static void
assert_only_file (const char *dir,
                  const char *expected_name)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    if (!g_str_has_prefix (name, "test.db"))
      g_assert_cmpstr (name, ==, expected_name);
}

static void
test_event_csv (MpTestFixture *f,
                gconstpointer  data)
{
  ReportFixture fx;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpReport) report = NULL;
  g_autofree char *path = g_build_filename (f->dir, "report.csv", NULL);
  g_autofree char *csv = NULL;

  fixture_build (f->store, &fx);
  report = mp_report_new_for_event (f->store, fx.e1, &error);
  g_assert_no_error (error);

  g_assert_true (mp_report_export (report, MP_REPORT_FORMAT_CSV, path, &error));
  g_assert_no_error (error);
  csv = fixture_read_file (path);
  g_assert_cmpstr (csv, ==, expected_event_csv);
  assert_only_file (f->dir, "report.csv");
}

static void
test_excel_csv (MpTestFixture *f,
                gconstpointer  data)
{
  ReportFixture fx;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpReport) report = NULL;
  g_autofree char *path = g_build_filename (f->dir, "report.csv", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(MpEvent) event = NULL;

  fixture_build (f->store, &fx);
  /* a title a spreadsheet would run as a formula */
  event = mp_store_get_event (f->store, fx.e1, &error);
  mp_event_set_title (event, "=HYPERLINK(\"x\")");
  g_assert_true (mp_store_update_event (f->store, event, &error));
  report = mp_report_new_for_event (f->store, fx.e1, &error);
  g_assert_no_error (error);

  g_assert_true (mp_report_export (report, MP_REPORT_FORMAT_CSV_EXCEL, path, &error));
  g_assert_no_error (error);
  csv = fixture_read_file (path);
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBFSummary\r\nWhat;Value\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nEvent;\"'=HYPERLINK(\"\"x\"\")\"\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nVenue;Fylkeshuset, Bergen\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nNo-shows (%);16,7\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nKommune;3;3\r\n"));
  g_assert_null (strstr (csv, "\n\n"));
}

static void
test_period_csv (MpTestFixture *f,
                 gconstpointer  data)
{
  ReportFixture fx;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpPeriodReport) report = NULL;
  g_autofree char *path = g_build_filename (f->dir, "period.csv", NULL);
  g_autofree char *csv = NULL;

  fixture_build (f->store, &fx);
  report = mp_period_report_new (f->store, 1772319600 /* 2026-03-01 */, 1780264800 /* 2026-06-01 */, 0, &error);
  g_assert_no_error (error);

  g_assert_true (mp_period_report_export (report, MP_REPORT_FORMAT_CSV, path, &error));
  g_assert_no_error (error);
  csv = fixture_read_file (path);
  g_assert_true (g_str_has_prefix (csv,
                                   "Summary\n"
                                   "What,Value\n"
                                   "From,Sunday 1 March 2026\n"
                                   "To,Sunday 31 May 2026\n"
                                   "Kinds of event,All kinds\n"
                                   "Events,3\n"
                                   "Registered,12\n"
                                   "Arrived,10\n"
                                   "Different people who came,7\n"
                                   "People who came to more than one meeting,3\n"
                                   "Organisations reached,5\n"
                                   "\n"
                                   "Events\n"
                                   "Event,Date,Kind,Registered,Arrived,Kommune,Fylkeskommune,NAV,Statlig virksomhet,"
                                   "Frivillig organisasjon,Innvandrerorganisasjon / innvandrerråd,Frivilligsentral,"
                                   "Næringsliv,Utdanning og forskning,Asylmottak,Politikk (folkevalgt),Privatperson,Annet\n"
                                   "Dialogmøte om integrering,2026-03-10,Dialogue meeting,7,6,3,0,1,0,2,0,0,0,0,0,0,0,0\n"
                                   "Frokostmøte,2026-04-15,Breakfast meeting,4,3,1,0,1,0,0,0,1,0,0,0,0,0,0\n"
                                   "Seminar om frivillighet,2026-05-20,Seminar,1,1,0,0,0,0,1,0,0,0,0,0,0,0,0\n"
                                   "Total,,,12,10,4,0,2,0,3,0,1,0,0,0,0,0,0\n"
                                   "\n"
                                   "Organisations\n"
                                   "Organisation,Sector,Meetings,People\n"
                                   "Askøy kommune,Kommune,1,1\n"
                                   "Bergen kommune,Kommune,2,2\n"
                                   "NAV Vestland,NAV,2,1\n"
                                   "Røde Kors,Frivillig organisasjon,2,2\n"
                                   "Bergen frivilligsentral,Frivilligsentral,1,1\n"));
}

static void
assert_file_starts (const char *path,
                    const char *magic)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_cmpmem (contents, strlen (magic), magic, strlen (magic));
}

static void
test_pdf_and_xlsx_written_whole (MpTestFixture *f,
                                 gconstpointer  data)
{
  ReportFixture fx;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpReport) report = NULL;
  g_autoptr(MpPeriodReport) period = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "report.xlsx", NULL);
  MpReportFormat format;

  fixture_build (f->store, &fx);
  report = mp_report_new_for_event (f->store, fx.e1, &error);
  g_assert_no_error (error);
  period = mp_period_report_new (f->store, 1772319600, 1780264800, 0, &error);
  g_assert_no_error (error);

  g_assert_true (mp_report_export (report, MP_REPORT_FORMAT_PDF, pdf, &error));
  g_assert_no_error (error);
  assert_file_starts (pdf, "%PDF-");
  /* written again over the first one */
  g_assert_true (mp_period_report_export (period, MP_REPORT_FORMAT_PDF, pdf, &error));
  g_assert_no_error (error);
  assert_file_starts (pdf, "%PDF-");

  g_assert_true (mp_report_export (report, MP_REPORT_FORMAT_XLSX, xlsx, &error));
  g_assert_no_error (error);
  assert_file_starts (xlsx, "PK\003\004");
  g_assert_true (mp_period_report_export (period, MP_REPORT_FORMAT_XLSX, xlsx, &error));
  g_assert_no_error (error);
  assert_file_starts (xlsx, "PK\003\004");

  g_unlink (pdf);
  assert_only_file (f->dir, "report.xlsx");

  g_assert_true (mp_report_format_from_path ("a/Report.PDF", &format));
  g_assert_cmpint (format, ==, MP_REPORT_FORMAT_PDF);
  g_assert_true (mp_report_format_from_path ("r.xlsx", &format));
  g_assert_cmpint (format, ==, MP_REPORT_FORMAT_XLSX);
  g_assert_false (mp_report_format_from_path ("r.docx", &format));
}

static void
test_unwritable_place (MpTestFixture *f,
                       gconstpointer  data)
{
  ReportFixture fx;
  g_autoptr(MpReport) report = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "report", NULL);
  const MpReportFormat formats[] = { MP_REPORT_FORMAT_PDF, MP_REPORT_FORMAT_CSV, MP_REPORT_FORMAT_XLSX };

  fixture_build (f->store, &fx);
  report = mp_report_new_for_event (f->store, fx.e1, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (mp_report_export (report, formats[i], missing, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == MP_ERROR);
      g_assert_nonnull (strstr (error->message, "no-such-folder"));
    }
  assert_only_file (f->dir, NULL);
}

/* The report PDF's tiles (the big numbers at the top) hold their words,
 * in English and in Bokmål ("Uregistrert oppmøte" is three times as wide
 * as "Walk-ins"): page 1 as pdftoppm draws it, the grey of the tiles
 * found; no dark pixel of text may have white to its left or right
 * before the tile's grey (it would stand out of its tile), nor lie in
 * the rows just under the tiles. */
static guint
count_spilled_pixels (const char *png)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (png);
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guchar *data = cairo_image_surface_get_data (image);
  int top = -1, bottom = -1;
  guint spilled = 0;

#define PIXEL(x, y) (*(const guint32 *) (data + (y) * stride + (x) * 4) & 0xffffff)
#define IS_TILE(p) ((p) >= 0xefefef && (p) <= 0xf4f4f4 && ((p) & 0xff) == (((p) >> 16) & 0xff))
#define IS_WHITE(p) (((p) & 0xff) > 250 && (((p) >> 8) & 0xff) > 250 && (((p) >> 16) & 0xff) > 250)
#define IS_DARK(p) (((p) & 0xff) < 128 && (((p) >> 8) & 0xff) < 128 && (((p) >> 16) & 0xff) < 128)

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  /* the tiles' rows: the first band where most of a row is tile grey */
  for (int y = 0; y < height && (top < 0 || bottom < 0); y++)
    {
      int grey = 0;

      for (int x = 0; x < width; x++)
        grey += IS_TILE (PIXEL (x, y));
      if (top < 0 && grey > width / 2)
        top = y;
      else if (top >= 0 && grey <= width / 2)
        bottom = y;
    }
  g_assert_cmpint (top, >, 0);
  g_assert_cmpint (bottom, >, top + 20);

  for (int y = top; y < MIN (bottom + 12, height); y++)
    for (int x = 0; x < width; x++)
      {
        if (!IS_DARK (PIXEL (x, y)))
          continue;
        if (y >= bottom)
          {
            spilled++;
            continue;
          }
        for (int dir = -1; dir <= 1; dir += 2)
          for (int i = x + dir; i >= 0 && i < width; i += dir)
            {
              guint32 p = PIXEL (i, y);

              if (IS_TILE (p))
                break;
              if (IS_WHITE (p))
                {
                  spilled++;
                  break;
                }
            }
      }
#undef PIXEL
#undef IS_TILE
#undef IS_WHITE
#undef IS_DARK

  cairo_surface_destroy (image);
  return spilled;
}

static void
test_pdf_tiles_hold_their_text (MpTestFixture *f,
                                gconstpointer  data)
{
  static const char *const languages[] = { "en", "nb", "nn" };
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *old_language = g_strdup (g_getenv ("LANGUAGE"));
  ReportFixture fx;

  if (pdftoppm == NULL)
    {
      g_test_skip ("pdftoppm (poppler-utils) is not installed");
      return;
    }
  if (g_getenv ("MP_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MP_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* gettext heeds LANGUAGE in C.UTF-8 (the tests' LC_ALL), not in "C" */
  setlocale (LC_MESSAGES, "");

  fixture_build (f->store, &fx);
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(MpReport) report = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *pdf = g_strdup_printf ("%s/report-%s.pdf", f->dir, languages[l]);
      g_autofree char *stem = g_strdup_printf ("%s/page-%s", f->dir, languages[l]);
      g_autofree char *png = g_strconcat (stem, ".png", NULL);
      const char *argv[] = { pdftoppm, "-r", "144", "-f", "1", "-l", "1", "-png", "-singlefile", pdf, stem, NULL };
      int status = 0;

      g_setenv ("LANGUAGE", languages[l], TRUE);
      report = mp_report_new_for_event (f->store, fx.e1, &error);
      g_assert_no_error (error);
      g_assert_true (mp_report_export (report, MP_REPORT_FORMAT_PDF, pdf, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, 0);
      g_test_message ("%s (%s): %u pixels of text out of their tiles", languages[l], _("Walk-ins"), count_spilled_pixels (png));
      g_assert_cmpuint (count_spilled_pixels (png), ==, 0);
    }
  g_setenv ("LANGUAGE", old_language != NULL ? old_language : "en", TRUE);
  setlocale (LC_MESSAGES, "C");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  MP_TEST_ADD ("/report-export/event-csv", test_event_csv);
  MP_TEST_ADD ("/report-export/excel-csv", test_excel_csv);
  MP_TEST_ADD ("/report-export/period-csv", test_period_csv);
  MP_TEST_ADD ("/report-export/pdf-and-xlsx-whole", test_pdf_and_xlsx_written_whole);
  MP_TEST_ADD ("/report-export/unwritable-place", test_unwritable_place);
  MP_TEST_ADD ("/report-export/pdf-tiles-hold-their-text", test_pdf_tiles_hold_their_text);

  return g_test_run ();
}
