/* Tickets and badges print names in any script: Cyrillic and Arabic
 * names come out as real, shaped glyphs (not empty boxes) from fonts
 * that Debian's packages provide (fonts-noto-core, fonts-dejavu-core),
 * and the ticket still scans. */
#include "config.h"

#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "mp-attendee-private.h"
#include "mp-qr.h"
#include "mp-ticket.h"
#include "mp-ticket-render.h"

/* As mp-ticket-render.c asks for it. */
#define FONT_FAMILY "Cantarell, Noto Sans, Noto Sans Arabic, DejaVu Sans, sans-serif"

static const char *names[] = {
  "Олена Коваленко",
  "محمد العلي",
};

static MpEvent *
make_event (void)
{
  MpEvent *event = mp_event_new ();
  g_autoptr(GDateTime) starts = g_date_time_new_local (2026, 3, 10, 9, 0, 0);

  mp_event_set_title (event, "Dialogmøte om integrering");
  mp_event_set_kind (event, MP_EVENT_KIND_DIALOGUE_MEETING);
  mp_event_set_venue (event, "Fylkeshuset");
  mp_event_set_starts_at (event, g_date_time_to_unix (starts));
  mp_event_set_ends_at (event, g_date_time_to_unix (starts) + 3 * 3600);
  return event;
}

static MpAttendee *
make_attendee (const char *name)
{
  MpAttendee *attendee = mp_attendee_new ();

  attendee->name = g_strdup (name);
  attendee->organisation = g_strdup ("Innvandrerrådet");
  attendee->token = mp_ticket_token_new ();
  return attendee;
}

static PangoLayout *
make_layout (const char *text)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (font_map);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);
  PangoLayout *layout = pango_layout_new (context);

  g_object_unref (context);

  pango_font_description_set_size (font, 24 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Every character of each name has a glyph in the fonts installed. */
static void
test_names_have_glyphs (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(PangoLayout) layout = make_layout (names[i]);

      g_test_message ("%s: %d unknown glyphs", names[i], pango_layout_get_unknown_glyphs_count (layout));
      g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
    }

  /* The check can fail: a character no font has is counted. */
  {
    g_autoptr(PangoLayout) layout = make_layout ("\xf3\xb0\x80\x80");  /* U+F0000, private use */

    g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), >, 0);
  }
}

static PangoGlyph
first_glyph (const char *text)
{
  g_autoptr(PangoLayout) layout = make_layout (text);
  PangoLayoutLine *line = pango_layout_get_line_readonly (layout, 0);
  PangoGlyphItem *run = line->runs->data;
  PangoGlyphString *glyphs = run->glyphs;
  /* The run is right to left: the logical first letter is drawn last. */
  int logical_first = (run->item->analysis.level % 2) ? glyphs->num_glyphs - 1 : 0;

  return glyphs->glyphs[logical_first].glyph;
}

/* Arabic letters join: the م that begins محمد takes its initial form,
 * another glyph than the letter alone. Unshaped text would use the
 * isolated form everywhere. */
static void
test_arabic_is_shaped (void)
{
  g_autoptr(PangoLayout) layout = make_layout ("محمد");
  PangoLayoutLine *line = pango_layout_get_line_readonly (layout, 0);
  PangoGlyphItem *run = line->runs->data;

  g_assert_true (run->item->analysis.level % 2 == 1);  /* right to left */
  g_assert_cmpuint (first_glyph ("محمد"), !=, first_glyph ("م"));
}

static char *
run_tool (const char * const *argv)
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
strip_space (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (s, g_utf8_get_char (p));
  return g_string_free (s, FALSE);
}

/* The name on a printed badge and ticket is text a PDF reader can read
 * back (an empty box is drawn as lines and reads back as nothing), and
 * the code still scans. */
static void
test_printed_names_read_back_and_scan (gconstpointer data)
{
  MpTicketLayout layout = GPOINTER_TO_UINT (data);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
  g_autoptr(MpEvent) event = make_event ();
  g_autoptr(MpTicketRenderer) renderer = mp_ticket_renderer_new (event, layout);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  if (pdftotext == NULL || pdftoppm == NULL || zbarimg == NULL)
    {
      g_test_skip ("poppler-utils or zbar-tools is not installed");
      return;
    }

  dir = g_dir_make_tmp ("mp-ticket-scripts-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GPtrArray) attendees = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *pdf = g_build_filename (dir, "t.pdf", NULL);
      g_autofree char *prefix = g_build_filename (dir, "t", NULL);
      g_autofree char *png = g_build_filename (dir, "t.png", NULL);
      g_autofree char *text = NULL;
      g_autofree char *flat_text = NULL;
      g_autofree char *flat_name = NULL;
      g_autofree char *code = NULL;
      MpAttendee *attendee = make_attendee (names[i]);

      g_ptr_array_add (attendees, attendee);
      g_assert_true (mp_ticket_renderer_render_to_file (renderer, pdf, attendees, NULL, NULL, NULL, &error));
      g_assert_no_error (error);

      {
        const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };

        text = run_tool (argv);
      }
      flat_text = strip_space (text);
      flat_name = strip_space (names[i]);
      g_test_message ("%s reads back as: %s", names[i], text);
      g_assert_nonnull (strstr (flat_text, flat_name));

      {
        const char *argv[] = { "pdftoppm", "-r", "300", "-png", "-singlefile", pdf, prefix, NULL };

        g_free (run_tool (argv));
      }
      {
        const char *argv[] = { "zbarimg", "--nodbus", "-q", "--raw", png, NULL };

        code = run_tool (argv);
      }
      g_strstrip (code);
      {
        g_autofree char *expected = mp_ticket_text_for_token (mp_attendee_get_token (attendee));

        g_assert_cmpstr (code, ==, expected);
      }

      g_unlink (pdf);
      g_unlink (png);
    }

  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ticket-scripts/names-have-glyphs", test_names_have_glyphs);
  g_test_add_func ("/ticket-scripts/arabic-is-shaped", test_arabic_is_shaped);
  g_test_add_data_func ("/ticket-scripts/ticket/names-read-back-and-scan",
                        GUINT_TO_POINTER (MP_TICKET_LAYOUT_TICKET), test_printed_names_read_back_and_scan);
  g_test_add_data_func ("/ticket-scripts/badge/names-read-back-and-scan",
                        GUINT_TO_POINTER (MP_TICKET_LAYOUT_BADGE), test_printed_names_read_back_and_scan);
  g_test_add_data_func ("/ticket-scripts/badge-label/names-read-back-and-scan",
                        GUINT_TO_POINTER (MP_TICKET_LAYOUT_BADGE_LABEL), test_printed_names_read_back_and_scan);

  return g_test_run ();
}
