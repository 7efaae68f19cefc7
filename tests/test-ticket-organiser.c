/* What a ticket says besides the code: the organiser's name and logo,
 * the code as text under the symbol, the kind once, and names that
 * line up on the sheet. Read back as a person or a printer would: the
 * PDF through pdftotext and pdftoppm, the codes through zbarimg, the
 * logo by its pixels. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mp-attendee-private.h"
#include "mp-error.h"
#include "mp-ticket-organiser.h"
#include "mp-ticket-render.h"
#include "mp-ticket.h"

#define MM(x) ((x) * 72.0 / 25.4)

/* A logo of one colour: red, 3 wide for 1 high */
static const char red_svg[] =
  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"100\" viewBox=\"0 0 300 100\">"
  "<rect width=\"300\" height=\"100\" fill=\"#ff0000\"/></svg>";

static MpEvent *
make_event (const char  *title,
            MpEventKind  kind)
{
  MpEvent *event = mp_event_new ();
  g_autoptr(GDateTime) starts = g_date_time_new_local (2026, 3, 10, 8, 0, 0);

  mp_event_set_title (event, title);
  mp_event_set_kind (event, kind);
  mp_event_set_venue (event, "Bergen Frivilligsentral");
  mp_event_set_starts_at (event, g_date_time_to_unix (starts));
  mp_event_set_ends_at (event, g_date_time_to_unix (starts) + 5400);
  return event;
}

static GPtrArray *
make_attendees (const char * const *names)
{
  GPtrArray *attendees = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; names[i] != NULL; i++)
    {
      MpAttendee *a = mp_attendee_new ();

      a->name = g_strdup (names[i]);
      a->organisation = g_strdup ("Bergen kommune");
      a->token = mp_ticket_token_new ();
      g_ptr_array_add (attendees, a);
    }
  return attendees;
}

static gboolean
have (const char *tool)
{
  g_autofree char *path = g_find_program_in_path (tool);

  if (path == NULL)
    {
      g_autofree char *why = g_strdup_printf ("%s is not installed", tool);

      g_test_skip (why);
      return FALSE;
    }
  return TRUE;
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  return out;
}

static char *
write_logo (const char *dir,
            const char *name,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

/* The organiser, read and refused */

static void
test_logo_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mp-organiser-XXXXXX", NULL);
  g_autofree char *svg = write_logo (dir, "logo.svg", red_svg, -1);
  g_autofree char *text = write_logo (dir, "logo.txt", "not a picture at all", -1);
  g_autofree char *missing = g_build_filename (dir, "missing.png", NULL);
  g_autofree char *png = g_build_filename (dir, "logo.png", NULL);
  g_autofree char *huge = NULL;
  g_autoptr(MpTicketOrganiser) organiser = NULL;
  g_autoptr(MpTicketOrganiser) from_png = NULL;
  g_autoptr(GError) error = NULL;

  organiser = mp_ticket_organiser_new ("  Vestland fylkeskommune ", svg, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mp_ticket_organiser_get_name (organiser), ==, "Vestland fylkeskommune");
  g_assert_true (mp_ticket_organiser_has_logo (organiser));
  g_assert_cmpfloat_with_epsilon (mp_ticket_organiser_get_logo_aspect (organiser), 3.0, 1e-6);

  /* a PNG of 40 × 20 */
  {
    cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 40, 20);

    g_assert_cmpint (cairo_surface_write_to_png (image, png), ==, CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy (image);
  }
  from_png = mp_ticket_organiser_new (NULL, png, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mp_ticket_organiser_get_name (from_png), ==, "");
  g_assert_cmpfloat_with_epsilon (mp_ticket_organiser_get_logo_aspect (from_png), 2.0, 1e-6);

  /* a PNG whose header says 50,000 × 50,000 is refused before it is
   * decoded */
  {
    static const guchar header[] = {
      0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
      0, 0, 0xc3, 0x50, 0, 0, 0xc3, 0x50, 8, 6, 0, 0, 0, 0, 0, 0, 0,
    };

    huge = write_logo (dir, "huge.png", (const char *) header, sizeof header);
  }
  {
    const char *bad[] = { text, missing, huge };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(MpTicketOrganiser) none = mp_ticket_organiser_new ("X", bad[i], &error);
        g_autofree char *base = g_path_get_basename (bad[i]);

        g_assert_null (none);
        g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
        g_test_message ("%s", error->message);
        /* the message names the file */
        g_assert_nonnull (strstr (error->message, base));
        g_clear_error (&error);
      }
  }

  g_unlink (png);
  remove_dir (dir);
}

/* The logo is drawn: red where it belongs, on every layout */

static guint
count_red (cairo_surface_t *image,
           int              x0,
           int              y0,
           int              x1,
           int              y1)
{
  const guchar *data = cairo_image_surface_get_data (image);
  int stride = cairo_image_surface_get_stride (image);
  guint n = 0;

  cairo_surface_flush (image);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 p = *(const guint32 *) (data + y * stride + x * 4) & 0xffffff;

        if (p == 0xff0000)
          n++;
      }
  return n;
}

static void
test_logo_is_drawn (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mp-organiser-XXXXXX", NULL);
  g_autofree char *svg = write_logo (dir, "logo.svg", red_svg, -1);
  g_autoptr(MpEvent) event = make_event ("Dialogmøte om integrering", MP_EVENT_KIND_DIALOGUE_MEETING);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpTicketOrganiser) organiser = mp_ticket_organiser_new ("Vestland fylkeskommune", svg, &error);
  const char *names[] = { "Kari Nordmann", NULL };
  g_autoptr(GPtrArray) attendees = make_attendees (names);

  g_assert_no_error (error);
  for (MpTicketLayout l = 0; l < MP_N_TICKET_LAYOUTS; l++)
    {
      g_autoptr(MpTicketRenderer) with = mp_ticket_renderer_new_full (event, l, organiser);
      g_autoptr(MpTicketRenderer) without = mp_ticket_renderer_new_full (event, l, NULL);
      double width, height;
      const double scale = 2;
      cairo_surface_t *image;
      cairo_t *cr;
      guint red;

      mp_ticket_layout_get_page_size (l, &width, &height);
      if (l == MP_TICKET_LAYOUT_SHEET)
        height /= 4;   /* the first ticket's place */
      image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (width * scale), (int) (height * scale));
      cr = cairo_create (image);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, scale, scale);
      mp_ticket_renderer_draw_page (without, cr, (MpAttendee **) attendees->pdata, 1);
      g_assert_cmpuint (count_red (image, 0, 0, (int) (width * scale), (int) (height * scale)), ==, 0);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      mp_ticket_renderer_draw_page (with, cr, (MpAttendee **) attendees->pdata, 1);
      cairo_destroy (cr);

      /* a logo of 5 mm or more high at three times that wide: most of
       * its pixels, all on the paper, none under the code */
      red = count_red (image, 0, 0, (int) (width * scale), (int) (height * scale));
      g_test_message ("%s: %u red pixels", mp_ticket_layout_to_string (l), red);
      g_assert_cmpuint (red, >=, (guint) (0.8 * MM (5) * scale * MM (15) * scale));
      g_assert_cmpuint (count_red (image, (int) (width * scale * 0.6), (int) (height * scale * 0.5),
                                   (int) (width * scale), (int) (height * scale)), ==, 0);
      cairo_surface_destroy (image);
    }

  remove_dir (dir);
}

/* The PDF of tickets with an organiser: every code scans, and the code
 * is there as text, in groups, with the organiser's name */

static void
test_pdf_says_code_and_organiser (gconstpointer data)
{
  MpTicketLayout layout = GPOINTER_TO_UINT (data);
  g_autofree char *dir = g_dir_make_tmp ("mp-organiser-XXXXXX", NULL);
  g_autofree char *svg = write_logo (dir, "logo.svg", red_svg, -1);
  g_autofree char *pdf = g_build_filename (dir, "tickets.pdf", NULL);
  g_autofree char *stem = g_build_filename (dir, "page", NULL);
  g_autoptr(MpEvent) event = make_event ("Frokostmøte: inkludering i idrettslag", MP_EVENT_KIND_BREAKFAST_MEETING);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpTicketOrganiser) organiser = mp_ticket_organiser_new ("Vestland fylkeskommune", svg, &error);
  const char *names[] = { "Kari Nordmann", "Ola Berg", "Bjørnstjerne Martinius Bjørnson", NULL };
  g_autoptr(GPtrArray) attendees = make_attendees (names);
  g_autoptr(MpTicketRenderer) renderer = mp_ticket_renderer_new_full (event, layout, organiser);
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autoptr(GString) scanned = g_string_new (NULL);
  guint n_pages = mp_ticket_layout_get_n_pages (layout, attendees->len);

  if (!have ("pdftotext") || !have ("pdftoppm") || !have ("zbarimg"))
    return;

  g_assert_no_error (error);
  g_assert_true (mp_ticket_renderer_render_to_file (renderer, pdf, attendees, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };

    text = run (argv);
  }
  /* one line of text whatever the layout put where */
  {
    g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);

    flat = g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
  }
  g_assert_nonnull (strstr (flat, "Vestland fylkeskommune"));
  /* the kind is in the title already: not said again in capitals */
  g_assert_null (strstr (flat, "BREAKFAST MEETING"));
  for (guint i = 0; i < attendees->len; i++)
    {
      g_autofree char *readable = mp_ticket_format_readable (mp_attendee_get_token (g_ptr_array_index (attendees, i)));
      g_auto(GStrv) groups = g_strsplit (readable, " ", -1);
      g_autofree char *first = g_strjoin (" ", groups[0], groups[1], groups[2], groups[3], NULL);
      g_autofree char *second = g_strjoin (" ", groups[4], groups[5], groups[6], groups[7], NULL);
      g_autofree char *typed = NULL;

      g_test_message ("%s", readable);
      g_assert_nonnull (strstr (flat, first));
      g_assert_nonnull (strstr (flat, second));
      /* and what a person types from it is the ticket */
      typed = mp_ticket_parse (readable, -1);
      g_assert_cmpstr (typed, ==, mp_attendee_get_token (g_ptr_array_index (attendees, i)));
    }

  {
    const char *argv[] = { "pdftoppm", "-r", "150", "-png", pdf, stem, NULL };
    g_autofree char *out = run (argv);
  }
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *png = n_pages == 1 ? g_strdup_printf ("%s-1.png", stem) : g_strdup_printf ("%s-%u.png", stem, page);
      const char *argv[] = { "zbarimg", "--nodbus", "-q", "--raw", png, NULL };
      g_autofree char *out = run (argv);

      g_string_append (scanned, out);
    }
  for (guint i = 0; i < attendees->len; i++)
    {
      g_autofree char *expected = mp_attendee_dup_ticket_text (g_ptr_array_index (attendees, i));

      g_assert_nonnull (strstr (scanned->str, expected));
    }

  remove_dir (dir);
}

/* The sheet of eight: every name's first line at the same height in its
 * place, whether the name takes one line or two; the event's text above
 * it where it always is */

typedef struct
{
  double x_min, y_min;
} Word;

/* The top left corner of @word's first appearance in pdftotext's -bbox
 * output (points, from the top of the page) */
static gboolean
find_word (const char *html,
           const char *word,
           guint       nth,
           Word       *out)
{
  g_autofree char *needle = g_strdup_printf (">%s</word>", word);
  const char *p = html;

  for (guint i = 0; i <= nth; i++)
    {
      p = strstr (p, needle);
      if (p == NULL)
        return FALSE;
      if (i < nth)
        p += strlen (needle);
    }
  /* <word xMin="…" yMin="…" xMax="…" yMax="…">word</word> */
  while (p > html && strncmp (p, "<word ", 6) != 0)
    p--;
  out->x_min = g_ascii_strtod (strstr (p, "xMin=\"") + 6, NULL);
  out->y_min = g_ascii_strtod (strstr (p, "yMin=\"") + 6, NULL);
  return TRUE;
}

static void
test_sheet_names_line_up (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mp-organiser-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "sheet.pdf", NULL);
  g_autoptr(MpEvent) event = make_event ("Dialogmøte om integrering", MP_EVENT_KIND_DIALOGUE_MEETING);
  /* surnames that are each one word, first names all different: two
   * lines for the long ones at the same size, one for the others */
  const char *names[] = {
    "Kari Nordmann", "Bjørnstjerne Martinius Bjørnson", "Ola Berg", "Ragnhild Margrethe Sandvik",
    "Per Lie", "Lise Dahl", "Ingeborg Sofie Kristiansen", "Nils Moen", NULL,
  };
  static const gboolean two_lines[] = { FALSE, TRUE, FALSE, TRUE, FALSE, FALSE, TRUE, FALSE };
  g_autoptr(GPtrArray) attendees = make_attendees (names);
  g_autoptr(MpTicketRenderer) renderer = mp_ticket_renderer_new_full (event, MP_TICKET_LAYOUT_SHEET, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  double width, height, first_name_top = -1, venue_top = -1;

  if (!have ("pdftotext"))
    return;

  g_assert_true (mp_ticket_renderer_render_to_file (renderer, pdf, attendees, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { "pdftotext", "-bbox", pdf, "-", NULL };

    html = run (argv);
  }
  mp_ticket_layout_get_page_size (MP_TICKET_LAYOUT_SHEET, &width, &height);

  for (guint i = 0; i < attendees->len; i++)
    {
      g_auto(GStrv) words = g_strsplit (names[i], " ", -1);
      g_autofree char *surname = g_strdup (words[g_strv_length (words) - 1]);
      double place_top = (i / 2) * height / 4;
      Word first, last, venue;

      g_assert_true (find_word (html, words[0], 0, &first));
      g_assert_true (find_word (html, surname, 0, &last));
      g_assert_true (find_word (html, "Frivilligsentral", i, &venue));
      g_test_message ("%s: first line at %.2f, surname at %.2f in its place", names[i],
                      first.y_min - place_top, last.y_min - place_top);
      /* the name is in its place on the sheet */
      g_assert_cmpfloat (first.y_min, >, place_top);
      g_assert_cmpfloat (first.y_min, <, place_top + height / 4);
      if (first_name_top < 0)
        {
          first_name_top = first.y_min - place_top;
          venue_top = venue.y_min - place_top;
        }
      /* the same height in every place, one line or two */
      g_assert_cmpfloat_with_epsilon (first.y_min - place_top, first_name_top, 1.0);
      g_assert_cmpfloat_with_epsilon (venue.y_min - place_top, venue_top, 0.5);
      if (two_lines[i])
        g_assert_cmpfloat (last.y_min, >, first.y_min + 5);
      else
        g_assert_cmpfloat_with_epsilon (last.y_min, first.y_min, 0.5);
    }

  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ticket-organiser/logo-files", test_logo_files);
  g_test_add_func ("/ticket-organiser/logo-is-drawn", test_logo_is_drawn);
  for (MpTicketLayout l = 0; l < MP_N_TICKET_LAYOUTS; l++)
    {
      g_autofree char *path = g_strdup_printf ("/ticket-organiser/%s/pdf-says-code-and-organiser",
                                               mp_ticket_layout_to_string (l));

      g_test_add_data_func (path, GUINT_TO_POINTER (l), test_pdf_says_code_and_organiser);
    }
  g_test_add_func ("/ticket-organiser/sheet-names-line-up", test_sheet_names_line_up);

  return g_test_run ();
}
