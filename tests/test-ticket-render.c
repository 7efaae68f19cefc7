/* Printed tickets and badges: they scan, in order, and nothing spills */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "mp-attendee-private.h"
#include "mp-error.h"
#include "mp-qr.h"
#include "mp-ticket-render.h"
#include "mp-ticket.h"

#define MM(x) ((x) * 72.0 / 25.4)

/* Helpers */

static MpEvent *
make_event (const char *title)
{
  MpEvent *event = mp_event_new ();
  g_autoptr(GDateTime) starts = g_date_time_new_local (2026, 3, 10, 9, 0, 0);

  mp_event_set_title (event, title);
  mp_event_set_kind (event, MP_EVENT_KIND_DIALOGUE_MEETING);
  mp_event_set_venue (event, "Storsalen, Kulturhuset, Torggata 1, Hamar");
  mp_event_set_starts_at (event, g_date_time_to_unix (starts));
  mp_event_set_ends_at (event, g_date_time_to_unix (starts) + 3 * 3600 + 1800);

  return event;
}

static MpAttendee *
make_attendee (const char *name,
               const char *organisation)
{
  MpAttendee *attendee = mp_attendee_new ();

  attendee->name = g_strdup (name);
  attendee->organisation = g_strdup (organisation);
  attendee->token = mp_ticket_token_new ();

  return attendee;
}

static const struct
{
  const char *name;
  const char *organisation;
} people[] = {
  { "Kari Ødegård", "Hamar kommune" },
  { "Åse Ærøy", "NAV Innlandet" },
  { "Олена Коваль", "Українська громада в Innlandet" },
  { "فاطمة الزهراء", "Innvandrerrådet" },
  { "Per Olav", "" },
  { "Kristoffer Alexander Bjørnstjerne Ødegård-Johansen Sæterhaug",
    "Frivilligsentralen i Stange, Løten og Hamar – avdeling for integrering og frivillig arbeid med nyankomne" },
  { "Anne-Marit Sørensen", NULL },
  { "Muhammad Abdirahman Mohamed Abdullahi Hassan", "Somalisk forening for kvinner og barn i Innlandet" },
  { "Lin", "IMDi" },
  { "Ingeborg Bjørnstjernedatterhaugsrudsetervollen", "Fylkeskommunen" },
  { "Jonas Berg", "Universitetet i Innlandet" },
};

static GPtrArray *
make_attendees (guint n)
{
  GPtrArray *attendees = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (attendees, make_attendee (people[i % G_N_ELEMENTS (people)].name,
                                               people[i % G_N_ELEMENTS (people)].organisation));

  return attendees;
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

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("mp-ticket-render-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Names in @dir, sorted; pdftoppm pads page numbers, so this is page
 * order. */
static GPtrArray *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  return names;
}

static char *
run (const char * const *argv,
     int                *out_status)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (out_status != NULL)
    *out_status = status;

  return out;
}

/* The codes zbarimg reads in @png, one per line, or "" */
static char *
scan_png (const char *png)
{
  const char *argv[] = { "zbarimg", "--nodbus", "-q", "--raw", png, NULL };

  return run (argv, NULL);
}

/* Cuts @page (a PNG) into the places of @layout and scans each on its
 * own, so that a sheet's codes come back in reading order and each is
 * known to sit in its own place. */
static void
scan_page (const char     *page,
           MpTicketLayout  layout,
           GPtrArray      *decoded)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (page);
  guint columns = layout == MP_TICKET_LAYOUT_SHEET ? 2 : 1;
  guint rows = layout == MP_TICKET_LAYOUT_SHEET ? 4 : 1;
  int width, height;

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);

  for (guint row = 0; row < rows; row++)
    for (guint col = 0; col < columns; col++)
      {
        int x0 = width * col / columns, x1 = width * (col + 1) / columns;
        int y0 = height * row / rows, y1 = height * (row + 1) / rows;
        cairo_surface_t *cell = cairo_image_surface_create (CAIRO_FORMAT_RGB24, x1 - x0, y1 - y0);
        cairo_t *cr = cairo_create (cell);
        g_autofree char *cell_path = g_strdup_printf ("%s.cell%u.png", page, row * columns + col);
        g_autofree char *out = NULL;
        g_auto(GStrv) lines = NULL;

        cairo_set_source_surface (cr, image, -x0, -y0);
        cairo_paint (cr);
        cairo_destroy (cr);
        g_assert_cmpint (cairo_surface_write_to_png (cell, cell_path), ==, CAIRO_STATUS_SUCCESS);
        cairo_surface_destroy (cell);

        out = scan_png (cell_path);
        g_unlink (cell_path);
        lines = g_strsplit (g_strstrip (out), "\n", -1);
        if (lines[0] == NULL)
          continue;  /* an empty place at the end of a sheet */
        g_assert_cmpuint (g_strv_length (lines), ==, 1);
        g_ptr_array_add (decoded, g_strdup (lines[0]));
      }

  cairo_surface_destroy (image);
}

static void
assert_codes_are_tickets (GPtrArray *decoded,
                          GPtrArray *attendees)
{
  g_assert_cmpuint (decoded->len, ==, attendees->len);
  for (guint i = 0; i < attendees->len; i++)
    {
      g_autofree char *expected = mp_attendee_dup_ticket_text (g_ptr_array_index (attendees, i));

      g_test_message ("ticket %u: %s", i, (const char *) g_ptr_array_index (decoded, i));
      g_assert_cmpstr (g_ptr_array_index (decoded, i), ==, expected);
    }
}

/* Renders @attendees as a PDF, rasterises it with pdftoppm like a
 * printer would, and checks that every page scans. Returns the number
 * of pages. */
static guint
check_pdf_scans_full (MpTicketLayout  layout,
                      GPtrArray      *attendees,
                      const char     *event_title,
                      gboolean        vector_codes)
{
  g_autoptr(MpEvent) event = make_event (event_title);
  g_autoptr(MpTicketRenderer) renderer = mp_ticket_renderer_new (event, layout);
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "tickets.pdf", NULL);
  g_autofree char *pages_dir = g_build_filename (dir, "pages", NULL);
  g_autofree char *prefix = g_build_filename (pages_dir, "page", NULL);
  g_autoptr(GPtrArray) decoded = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftoppm", "-r", "150", "-png", pdf, prefix, NULL };
  g_autofree char *out = NULL;
  int status;
  guint n_pages;

  mp_ticket_renderer_set_vector_codes (renderer, vector_codes);
  g_assert_true (mp_ticket_renderer_render_to_file (renderer, pdf, attendees, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Only the PDF: no temporary file is left beside it */
  names = list_dir (dir);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "tickets.pdf");

  g_assert_cmpint (g_mkdir (pages_dir, 0700), ==, 0);
  out = run (argv, &status);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  pages = list_dir (pages_dir);
  for (guint i = 0; i < pages->len; i++)
    {
      g_autofree char *page = g_build_filename (pages_dir, g_ptr_array_index (pages, i), NULL);
      scan_page (page, layout, decoded);
    }
  assert_codes_are_tickets (decoded, attendees);

  n_pages = pages->len;
  remove_tree (dir);

  return n_pages;
}

static guint
check_pdf_scans (MpTicketLayout  layout,
                 GPtrArray      *attendees,
                 const char     *event_title)
{
  return check_pdf_scans_full (layout, attendees, event_title, FALSE);
}

/* The same as PNG files written by the renderer itself */
static guint
check_png_scans (MpTicketLayout  layout,
                 GPtrArray      *attendees)
{
  g_autoptr(MpEvent) event = make_event ("Dialogmøte om integrering og frivillighet");
  g_autoptr(MpTicketRenderer) renderer = mp_ticket_renderer_new (event, layout);
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *png = g_build_filename (dir, "tickets.png", NULL);
  g_autoptr(GPtrArray) decoded = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  guint n_pages = mp_ticket_layout_get_n_pages (layout, attendees->len);
  double width, height;

  g_assert_true (mp_ticket_renderer_render_to_file (renderer, png, attendees, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  names = list_dir (dir);
  g_assert_cmpuint (names->len, ==, n_pages);
  mp_ticket_layout_get_page_size (layout, &width, &height);

  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *path = mp_ticket_png_page_path (png, page, n_pages);
      cairo_surface_t *image = cairo_image_surface_create_from_png (path);

      /* 300 dpi */
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (ABS (cairo_image_surface_get_width (image) - width / 72 * 300), <=, 1);
      g_assert_cmpint (ABS (cairo_image_surface_get_height (image) - height / 72 * 300), <=, 1);
      cairo_surface_destroy (image);

      scan_page (path, layout, decoded);
    }
  assert_codes_are_tickets (decoded, attendees);

  remove_tree (dir);

  return n_pages;
}

/* QR codes */

static void
test_qr_ticket_is_small_alphanumeric (void)
{
  g_autofree char *token = mp_ticket_token_new ();
  g_autofree char *text = mp_ticket_text_for_token (token);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpQrCode) code = mp_qr_code_new (text, &error);

  g_assert_no_error (error);
  /* 29 alphanumeric characters fit version 2 at level M; as bytes they
   * would need version 3 */
  g_assert_cmpuint (mp_qr_code_get_version (code), ==, 2);
  g_assert_cmpuint (mp_qr_code_get_modules (code), ==, 25);
}

static void
test_qr_rejects_empty_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpQrCode) code = mp_qr_code_new ("", &error);

  g_assert_null (code);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
}

static void
test_qr_draws_every_module (gconstpointer as_mask)
{
  void (*draw) (MpQrCode *, cairo_t *, double, double, double) =
    as_mask ? mp_qr_code_draw_mask : mp_qr_code_draw;
  g_autoptr(MpQrCode) code = mp_qr_code_new ("MP1ABCDEFGHIJKLMNOPQRSTUVWXYZ", NULL);
  guint modules = mp_qr_code_get_modules (code);
  guint side = modules + 2 * MP_QR_QUIET_ZONE;
  const int px = 4;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side * px + 20, side * px + 20);
  cairo_t *cr = cairo_create (image);
  const guint8 *data;
  int stride;

  /* Grey around it, to see that the quiet zone is painted white */
  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_paint (cr);
  cairo_move_to (cr, 1, 1);
  cairo_set_source_rgb (cr, 1, 0, 0);
  draw (code, cr, 10, 10, side * px);
  /* the source is kept */
  {
    double r, g, b;
    cairo_pattern_get_rgba (cairo_get_source (cr), &r, &g, &b, NULL);
    g_assert_cmpfloat (r, ==, 1.0);
  }
  cairo_destroy (cr);
  cairo_surface_flush (image);

  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (guint y = 0; y < side; y++)
    for (guint x = 0; x < side; x++)
      {
        int cx = 10 + x * px + px / 2, cy = 10 + y * px + px / 2;
        guint32 pixel = *(const guint32 *) (data + cy * stride + cx * 4) & 0xffffff;
        gboolean dark = mp_qr_code_get_module (code, x - MP_QR_QUIET_ZONE, y - MP_QR_QUIET_ZONE);

        if (x < MP_QR_QUIET_ZONE || y < MP_QR_QUIET_ZONE)
          dark = FALSE;
        g_assert_cmphex (pixel, ==, dark ? 0x000000 : 0xffffff);
      }

  cairo_surface_destroy (image);
}

/* Layouts */

static void
test_layout_names (void)
{
  for (MpTicketLayout l = 0; l < MP_N_TICKET_LAYOUTS; l++)
    {
      MpTicketLayout back = MP_N_TICKET_LAYOUTS;

      g_assert_true (mp_ticket_layout_from_string (mp_ticket_layout_to_string (l), &back));
      g_assert_cmpint (back, ==, l);
      g_assert_cmpstr (mp_ticket_layout_get_label (l), !=, "");
    }
  g_assert_cmpstr (mp_ticket_layout_to_string (MP_TICKET_LAYOUT_BADGE_LABEL), ==, "badge-label");
  {
    MpTicketLayout l;
    g_assert_false (mp_ticket_layout_from_string ("poster", &l));
    g_assert_false (mp_ticket_layout_from_string (NULL, &l));
  }
}

static void
assert_page_size (MpTicketLayout layout,
                  double         width_mm,
                  double         height_mm)
{
  double width, height;

  mp_ticket_layout_get_page_size (layout, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, width_mm / 25.4 * 72, 0.01);
  g_assert_cmpfloat_with_epsilon (height, height_mm / 25.4 * 72, 0.01);
}

static void
test_layout_page_sizes (void)
{
  double width, height;

  assert_page_size (MP_TICKET_LAYOUT_TICKET, 148, 105);    /* A6 landscape */
  assert_page_size (MP_TICKET_LAYOUT_BADGE, 86, 54);
  assert_page_size (MP_TICKET_LAYOUT_BADGE_LABEL, 62, 90);
  assert_page_size (MP_TICKET_LAYOUT_SHEET, 210, 297);     /* A4 portrait */

  /* The figures a printer dialog knows A4 by */
  mp_ticket_layout_get_page_size (MP_TICKET_LAYOUT_SHEET, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.28, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 0.01);

  g_assert_cmpuint (mp_ticket_layout_get_per_page (MP_TICKET_LAYOUT_TICKET), ==, 1);
  g_assert_cmpuint (mp_ticket_layout_get_per_page (MP_TICKET_LAYOUT_BADGE), ==, 1);
  g_assert_cmpuint (mp_ticket_layout_get_per_page (MP_TICKET_LAYOUT_BADGE_LABEL), ==, 1);
  g_assert_cmpuint (mp_ticket_layout_get_per_page (MP_TICKET_LAYOUT_SHEET), ==, 8);
  g_assert_cmpuint (mp_ticket_layout_get_n_pages (MP_TICKET_LAYOUT_SHEET, 8), ==, 1);
  g_assert_cmpuint (mp_ticket_layout_get_n_pages (MP_TICKET_LAYOUT_SHEET, 11), ==, 2);
  g_assert_cmpuint (mp_ticket_layout_get_n_pages (MP_TICKET_LAYOUT_TICKET, 11), ==, 11);
}

static void
test_png_page_paths (void)
{
  g_autofree char *one = mp_ticket_png_page_path ("/tmp/t.png", 1, 1);
  g_autofree char *first = mp_ticket_png_page_path ("/tmp/t.png", 1, 3);
  g_autofree char *third = mp_ticket_png_page_path ("/tmp/t.png", 3, 3);
  g_autofree char *padded = mp_ticket_png_page_path ("/tmp/t.png", 7, 12);

  g_assert_cmpstr (one, ==, "/tmp/t.png");
  g_assert_cmpstr (first, ==, "/tmp/t-1.png");
  g_assert_cmpstr (third, ==, "/tmp/t-3.png");
  g_assert_cmpstr (padded, ==, "/tmp/t-07.png");
}

/* Scanning */

static void
test_pdf_scans (gconstpointer data)
{
  MpTicketLayout layout = GPOINTER_TO_UINT (data);
  g_autoptr(GPtrArray) attendees = make_attendees (G_N_ELEMENTS (people));
  guint n_pages;

  if (!have_tools ())
    return;

  n_pages = check_pdf_scans (layout, attendees,
                             "Dialogmøte om integrering og frivillighet i Innlandet 2026");
  g_assert_cmpuint (n_pages, ==, mp_ticket_layout_get_n_pages (layout, attendees->len));
}

static void
test_png_scans (gconstpointer data)
{
  MpTicketLayout layout = GPOINTER_TO_UINT (data);
  g_autoptr(GPtrArray) attendees = make_attendees (layout == MP_TICKET_LAYOUT_SHEET ? 11 : 6);

  if (!have_tools ())
    return;

  check_png_scans (layout, attendees);
}

static void
test_vector_codes_scan (void)
{
  g_autoptr(GPtrArray) attendees = make_attendees (G_N_ELEMENTS (people));

  if (!have_tools ())
    return;

  check_pdf_scans_full (MP_TICKET_LAYOUT_TICKET, attendees, "Frokostmøte", TRUE);
  check_pdf_scans_full (MP_TICKET_LAYOUT_SHEET, attendees, "Frokostmøte", TRUE);
}

static void
test_sheet_of_eleven_is_two_pages (void)
{
  g_autoptr(GPtrArray) attendees = make_attendees (11);

  if (!have_tools ())
    return;

  g_assert_cmpuint (check_pdf_scans (MP_TICKET_LAYOUT_SHEET, attendees, "Frokostmøte"), ==, 2);
  g_assert_cmpuint (check_png_scans (MP_TICKET_LAYOUT_SHEET, attendees), ==, 2);
}

static void
test_absurd_event_title_still_scans (void)
{
  g_autoptr(GPtrArray) attendees = make_attendees (3);
  g_autofree char *title = g_strnfill (400, 'W');

  if (!have_tools ())
    return;

  check_pdf_scans (MP_TICKET_LAYOUT_TICKET, attendees, title);
  check_pdf_scans (MP_TICKET_LAYOUT_BADGE, attendees, title);
  check_pdf_scans (MP_TICKET_LAYOUT_SHEET, attendees, title);
}

/* Nothing runs off the paper, however long the text */

static void
test_long_text_stays_on_the_page (gconstpointer data)
{
  MpTicketLayout layout = GPOINTER_TO_UINT (data);
  g_autoptr(MpEvent) event = make_event ("Regional konferanse om inkludering, integrering, "
                                         "frivillighet og deltakelse i lokalsamfunnet for "
                                         "kommuner, fylkeskommunen, NAV og frivillige organisasjoner");
  g_autoptr(MpTicketRenderer) renderer = NULL;
  g_autoptr(GPtrArray) attendees = g_ptr_array_new_with_free_func (g_object_unref);
  guint per_page = mp_ticket_layout_get_per_page (layout);
  double width, height;

  mp_event_set_venue (event, "Storsalen i tredje etasje, Kulturhuset Hamar, Torggata 1, 2317 Hamar, "
                      "inngang fra baksiden ved parkeringsplassen, følg skiltene");
  renderer = mp_ticket_renderer_new (event, layout);
  mp_ticket_layout_get_page_size (layout, &width, &height);

  for (guint i = 0; i < per_page; i++)
    g_ptr_array_add (attendees,
                     make_attendee ("Wolfgang Amadeus Maximilian Wilhelmsen-Wergeland Bjørnstjernesen "
                                    "Ødegård Sæterhaugen Åsheim-Grønvold",
                                    "Sammenslutningen av frivillige organisasjoner, innvandrerråd og "
                                    "frivilligsentraler i Innlandet fylkeskommune avdeling sør"));
  g_ptr_array_add (attendees, make_attendee ("Ingeborgbjørnstjernedatterhaugsrudsetervollengrenda"
                                             "løkkenstuensletta", "A"));

  for (guint first = 0; first < attendees->len; first += per_page)
    {
      guint n = MIN (per_page, attendees->len - first);
      const double scale = 150.0 / 72;
      int px_width = (int) (width * scale), px_height = (int) (height * scale);
      cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, px_width, px_height);
      cairo_t *cr = cairo_create (image);
      guint columns = layout == MP_TICKET_LAYOUT_SHEET ? 2 : 1;
      guint rows = layout == MP_TICKET_LAYOUT_SHEET ? 4 : 1;
      /* Nothing but white from @from to @to pixels inside each edge of
       * each place: a sheet's cut lines lie on the edges */
      int from = layout == MP_TICKET_LAYOUT_SHEET ? (int) (MM (1) * scale) : 0;
      int to = (int) ((layout == MP_TICKET_LAYOUT_SHEET ? MM (4) : MM (3)) * scale);
      const guint8 *pixels;
      int stride;

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, scale, scale);
      mp_ticket_renderer_draw_page (renderer, cr, (MpAttendee **) attendees->pdata + first, n);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_flush (image);

      pixels = cairo_image_surface_get_data (image);
      stride = cairo_image_surface_get_stride (image);
      for (int y = 0; y < px_height; y++)
        for (int x = 0; x < px_width; x++)
          {
            int cell_w = px_width / columns, cell_h = px_height / rows;
            int cx = x % cell_w, cy = y % cell_h;
            int edge = MIN (MIN (cx, cell_w - 1 - cx), MIN (cy, cell_h - 1 - cy));
            guint32 pixel = *(const guint32 *) (pixels + y * stride + x * 4) & 0xffffff;

            if (edge < from || edge >= to)
              continue;
            if (pixel != 0xffffff)
              g_error ("ink at %d,%d (%.1f mm from the edge)", x, y, edge / scale * 25.4 / 72);
          }
      cairo_surface_destroy (image);
    }
}

/* The draw-page of a print operation: any resolution, same page */

static void
ink_extents_at_scale (MpTicketRenderer *renderer,
                      MpAttendee       *attendee,
                      double            scale,
                      double           *extents)
{
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (recording);

  cairo_scale (cr, scale, scale);
  mp_ticket_renderer_draw_page (renderer, cr, &attendee, 1);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (recording, &extents[0], &extents[1], &extents[2], &extents[3]);
  /* edges, not sizes: at scale 1 each edge is rounded out to a point */
  extents[2] += extents[0];
  extents[3] += extents[1];
  for (guint i = 0; i < 4; i++)
    extents[i] /= scale;
  cairo_surface_destroy (recording);
}

static void
test_any_resolution_same_page (void)
{
  g_autoptr(MpEvent) event = make_event ("Frokostmøte");
  g_autoptr(MpTicketRenderer) renderer = mp_ticket_renderer_new (event, MP_TICKET_LAYOUT_TICKET);
  g_autoptr(MpAttendee) attendee = make_attendee ("Kari Nordmann Ødegård", "Hamar kommune");
  double at_72[4], at_600[4], again[4];

  ink_extents_at_scale (renderer, attendee, 1.0, at_72);
  ink_extents_at_scale (renderer, attendee, 600.0 / 72, at_600);
  ink_extents_at_scale (renderer, attendee, 1.0, again);

  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpfloat_with_epsilon (at_72[i], at_600[i], 1.0);
      g_assert_cmpfloat (at_72[i], ==, again[i]);
    }
}

/* Files that fail */

static void
test_missing_directory_leaves_nothing (void)
{
  g_autoptr(MpEvent) event = make_event ("Frokostmøte");
  g_autoptr(GPtrArray) attendees = make_attendees (2);
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", NULL);
  g_autoptr(GPtrArray) names = NULL;

  for (MpTicketLayout l = 0; l < MP_N_TICKET_LAYOUTS; l++)
    {
      g_autoptr(MpTicketRenderer) renderer = mp_ticket_renderer_new (event, l);
      const char *files[] = { "tickets.pdf", "tickets.png" };

      for (guint i = 0; i < G_N_ELEMENTS (files); i++)
        {
          g_autofree char *path = g_build_filename (missing, files[i], NULL);
          g_autoptr(GError) error = NULL;

          g_assert_false (mp_ticket_renderer_render_to_file (renderer, path, attendees,
                                                             NULL, NULL, NULL, &error));
          g_assert_error (error, MP_ERROR, MP_ERROR_IO);
          g_test_message ("%s", error->message);
          g_assert_nonnull (strstr (error->message, "no-such-folder"));
        }
    }

  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  names = list_dir (dir);
  g_assert_cmpuint (names->len, ==, 0);
  remove_tree (dir);
}

/* A disk that fills up half way: the file size limit makes write()
 * fail with EFBIG after some pages, as ENOSPC would */
static void
test_write_error_leaves_nothing (void)
{
  g_autoptr(MpEvent) event = make_event ("Frokostmøte");
  g_autoptr(GPtrArray) attendees = make_attendees (200);
  g_autofree char *dir = make_tmp_dir ();
  struct sigaction ignore = { .sa_handler = SIG_IGN }, old_action;
  struct rlimit limit, old_limit;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(MpTicketRenderer) renderer = mp_ticket_renderer_new (event, MP_TICKET_LAYOUT_TICKET);
      g_autofree char *path = g_build_filename (dir, i == 0 ? "tickets.pdf" : "tickets.png", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) names = NULL;
      gboolean ok;

      limit = old_limit;
      limit.rlim_cur = 32 * 1024;
      g_assert_cmpint (sigaction (SIGXFSZ, &ignore, &old_action), ==, 0);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      ok = mp_ticket_renderer_render_to_file (renderer, path, attendees,
                                              NULL, NULL, NULL, &error);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
      g_assert_cmpint (sigaction (SIGXFSZ, &old_action, NULL), ==, 0);

      g_assert_false (ok);
      g_assert_error (error, MP_ERROR, MP_ERROR_IO);
      g_test_message ("%s", error->message);
      names = list_dir (dir);
      g_assert_cmpuint (names->len, ==, 0);
    }

  remove_tree (dir);
}

static void
test_no_attendees_is_an_error (void)
{
  g_autoptr(MpEvent) event = make_event ("Frokostmøte");
  g_autoptr(MpTicketRenderer) renderer = mp_ticket_renderer_new (event, MP_TICKET_LAYOUT_TICKET);
  g_autoptr(GPtrArray) attendees = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "tickets.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;

  g_assert_false (mp_ticket_renderer_render_to_file (renderer, path, attendees, NULL, NULL, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_clear_error (&error);

  /* An attendee without a ticket is refused, not skipped */
  g_ptr_array_add (attendees, make_attendee ("Kari", "NAV"));
  g_ptr_array_add (attendees, mp_attendee_new ());
  g_assert_false (mp_ticket_renderer_render_to_file (renderer, path, attendees, NULL, NULL, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);

  names = list_dir (dir);
  g_assert_cmpuint (names->len, ==, 0);
  remove_tree (dir);
}

static void
cancel_at_half (double   fraction,
                gpointer data)
{
  if (fraction >= 0.5)
    g_cancellable_cancel (data);
}

static void
test_cancel_leaves_nothing (void)
{
  g_autoptr(MpEvent) event = make_event ("Frokostmøte");
  g_autofree char *dir = make_tmp_dir ();

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(MpTicketRenderer) renderer = mp_ticket_renderer_new (event, MP_TICKET_LAYOUT_BADGE);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      /* A long PDF, with codes made ahead in a second thread, and a few
       * PNG files */
      g_autoptr(GPtrArray) attendees = make_attendees (i == 0 ? 400 : 10);
      g_autofree char *path = g_build_filename (dir, i == 0 ? "badges.pdf" : "badges.png", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) names = NULL;

      g_assert_false (mp_ticket_renderer_render_to_file (renderer, path, attendees, cancellable,
                                                         cancel_at_half, cancellable, &error));
      g_assert_error (error, MP_ERROR, MP_ERROR_CANCELLED);
      names = list_dir (dir);
      g_assert_cmpuint (names->len, ==, 0);
    }

  remove_tree (dir);
}

static void
record_progress (double   fraction,
                 gpointer data)
{
  GArray *fractions = data;

  g_array_append_val (fractions, fraction);
}

static void
test_progress_rises_to_one (void)
{
  g_autoptr(MpEvent) event = make_event ("Frokostmøte");
  g_autoptr(MpTicketRenderer) renderer = mp_ticket_renderer_new (event, MP_TICKET_LAYOUT_TICKET);
  g_autoptr(GPtrArray) attendees = make_attendees (250);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "tickets.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_ticket_renderer_render_to_file (renderer, path, attendees, NULL,
                                                    record_progress, fractions, &error));
  g_assert_no_error (error);

  /* At most one report per percent */
  g_assert_cmpuint (fractions->len, >=, 2);
  g_assert_cmpuint (fractions->len, <=, 101);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);

  remove_tree (dir);
}

/* A PDF can be replaced in place */

static void
test_overwrites_existing_file (void)
{
  g_autoptr(MpEvent) event = make_event ("Frokostmøte");
  g_autoptr(MpTicketRenderer) renderer = mp_ticket_renderer_new (event, MP_TICKET_LAYOUT_BADGE);
  g_autoptr(GPtrArray) attendees = make_attendees (1);
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "badge.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (mp_ticket_renderer_render_to_file (renderer, path, attendees, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qr/ticket-is-version-2-alphanumeric", test_qr_ticket_is_small_alphanumeric);
  g_test_add_func ("/qr/rejects-empty-text", test_qr_rejects_empty_text);
  g_test_add_data_func ("/qr/rectangles-draw-every-module-and-quiet-zone",
                        GINT_TO_POINTER (FALSE), test_qr_draws_every_module);
  g_test_add_data_func ("/qr/mask-draws-every-module-and-quiet-zone",
                        GINT_TO_POINTER (TRUE), test_qr_draws_every_module);

  g_test_add_func ("/ticket-render/layout/names", test_layout_names);
  g_test_add_func ("/ticket-render/layout/page-sizes-in-points", test_layout_page_sizes);
  g_test_add_func ("/ticket-render/png-page-paths-like-pdftoppm", test_png_page_paths);

  for (MpTicketLayout l = 0; l < MP_N_TICKET_LAYOUTS; l++)
    {
      g_autofree char *pdf = g_strdup_printf ("/ticket-render/%s/pdf-scans-in-order",
                                              mp_ticket_layout_to_string (l));
      g_autofree char *png = g_strdup_printf ("/ticket-render/%s/png-scans-in-order",
                                              mp_ticket_layout_to_string (l));
      g_autofree char *fit = g_strdup_printf ("/ticket-render/%s/long-text-stays-on-the-page",
                                              mp_ticket_layout_to_string (l));

      g_test_add_data_func (pdf, GUINT_TO_POINTER (l), test_pdf_scans);
      g_test_add_data_func (png, GUINT_TO_POINTER (l), test_png_scans);
      g_test_add_data_func (fit, GUINT_TO_POINTER (l), test_long_text_stays_on_the_page);
    }

  g_test_add_func ("/ticket-render/sheet/eleven-make-two-pages", test_sheet_of_eleven_is_two_pages);
  g_test_add_func ("/ticket-render/vector-codes-scan", test_vector_codes_scan);
  g_test_add_func ("/ticket-render/absurd-event-title-still-scans", test_absurd_event_title_still_scans);
  g_test_add_func ("/ticket-render/any-resolution-same-page", test_any_resolution_same_page);
  g_test_add_func ("/ticket-render/missing-directory-leaves-nothing", test_missing_directory_leaves_nothing);
  g_test_add_func ("/ticket-render/write-error-half-way-leaves-nothing", test_write_error_leaves_nothing);
  g_test_add_func ("/ticket-render/no-attendees-or-no-ticket-is-an-error", test_no_attendees_is_an_error);
  g_test_add_func ("/ticket-render/cancel-leaves-nothing", test_cancel_leaves_nothing);
  g_test_add_func ("/ticket-render/progress-rises-to-one", test_progress_rises_to_one);
  g_test_add_func ("/ticket-render/overwrites-existing-file", test_overwrites_existing_file);

  ret = g_test_run ();

  return ret;
}
