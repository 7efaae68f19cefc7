/* Colours that read: every answer the door gives (every row of the
 * table in mp-check-in-answer-table.c), at the desk, at the kiosk and in the
 * desk's banner, in light and dark style (and high contrast, when run
 * with ADW_DEBUG_HIGH_CONTRAST=1, as the suite does a second time).
 *
 * Nothing here knows a colour: the background is read from what the
 * answer draws (its pixels, rendered as on screen, with the program's own
 * style.css loaded by AdwApplication), each text's colour from its
 * computed style (its opacity and its ancestors' included), its size from
 * its font; the WCAG 2 contrast ratio of the two must be 4.5:1 or more,
 * 3:1 or more for text larger than 24 px. The desk and the kiosk must
 * paint the same answer the same colour. */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <math.h>

#include "mp-test-util.h"
#include "mp-ui-test-util.h"

#include "mp-check-in-answer.h"

/* WCAG 2: relative luminance of an sRGB colour, and the ratio of two. */
static double
linear (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const GdkRGBA *c)
{
  return 0.2126 * linear (c->red) + 0.7152 * linear (c->green) + 0.0722 * linear (c->blue);
}

static double
contrast (const GdkRGBA *a,
          const GdkRGBA *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* The pixel at (@x, @y) of @widget as its window draws it now, what is
 * under it included (a translucent answer over the window's own
 * background). */
static GdkRGBA
drawn_colour (GtkWidget *widget,
              int        x,
              int        y)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);
  graphene_point_t point;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  gsize stride = (gsize) width * 4;
  guchar *p;

  g_assert_true (gtk_widget_compute_point (widget, window, &GRAPHENE_POINT_INIT (x, y), &point));
  x = (int) point.x;
  y = (int) point.y;
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);

  /* CAIRO_FORMAT_ARGB32: B G R A in memory, premultiplied; opaque here
   * (the window's background is under the answer's) */
  p = pixels + (gsize) y * stride + (gsize) x * 4;
  g_assert_cmpint (p[3], ==, 255);
  return (GdkRGBA) { p[2] / 255.0, p[1] / 255.0, p[0] / 255.0, 1 };
}

/* @text's colour as drawn over @background: its style's colour, with its
 * opacity and every ancestor's up to @top. */
static GdkRGBA
text_colour (GtkWidget     *text,
             GtkWidget     *top,
             const GdkRGBA *background)
{
  GdkRGBA c;
  double alpha;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (text), &c);
  G_GNUC_END_IGNORE_DEPRECATIONS
  alpha = c.alpha;
  for (GtkWidget *w = text; w != NULL; w = gtk_widget_get_parent (w))
    {
      alpha *= gtk_widget_get_opacity (w);
      if (w == top)
        break;
    }
  return (GdkRGBA) {
    c.red * alpha + background->red * (1 - alpha),
    c.green * alpha + background->green * (1 - alpha),
    c.blue * alpha + background->blue * (1 - alpha),
    1,
  };
}

/* The size @text is drawn at, in pixels. */
static double
text_pixels (GtkWidget *text)
{
  const PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (text));
  double size = (double) pango_font_description_get_size (font) / PANGO_SCALE;

  return pango_font_description_get_size_is_absolute (font) ? size : size * 96.0 / 72.0;
}

typedef struct
{
  const char *style;
  guint       n_texts;
  double      worst;   /* the lowest ratio over what it needs */
} Checked;

/* Every text of @answer now on screen against its background. */
static void
check_texts (GtkWidget     *widget,
             GtkWidget     *answer,
             const GdkRGBA *background,
             const char    *what,
             Checked       *checked)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = NULL;

      if (!gtk_widget_get_mapped (child) || GTK_IS_BUTTON (child))
        continue;   /* a button is drawn on its own background */
      if (GTK_IS_INSCRIPTION (child))
        text = gtk_inscription_get_text (GTK_INSCRIPTION (child));
      else if (GTK_IS_LABEL (child))
        text = gtk_label_get_text (GTK_LABEL (child));

      if (text != NULL && text[0] != '\0')
        {
          GdkRGBA fg = text_colour (child, answer, background);
          double px = text_pixels (child);
          double needed = px > 24 ? 3.0 : 4.5;
          double ratio = contrast (&fg, background);

          if (ratio < needed)
            g_test_message ("%s: “%s” at %.0f px: %.2f:1 (rgb %.0f %.0f %.0f on %.0f %.0f %.0f)", what, text, px, ratio,
                            fg.red * 255, fg.green * 255, fg.blue * 255,
                            background->red * 255, background->green * 255, background->blue * 255);
          g_assert_cmpfloat (ratio, >=, needed);
          checked->worst = MIN (checked->worst, ratio / needed);
          checked->n_texts++;
        }
      check_texts (child, answer, background, what, checked);
    }
}

static const char *
answer_style (GtkWidget *answer)
{
  static const char *styles[] = { "ready", "welcome", "caution", "problem", "undone" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    if (gtk_widget_has_css_class (answer, styles[i]))
      return styles[i];
  g_assert_not_reached ();
}

static MpCheckInResult *
result_with_needs (MpTestFixture *f)
{
  MpRegistrationInput input = { 0 };
  g_autoptr(MpAttendee) kari = NULL;
  g_autoptr(GError) error = NULL;
  gint64 event_id = mp_test_add_event (f->store, "Frokostmøte");

  input.name = g_strdup ("Kari Sørensen");
  input.organisation = g_strdup ("Molde kommune");
  input.dietary = g_strdup ("Halal");
  input.accessibility = g_strdup ("Rullestol");
  input.interpreter = g_strdup ("Arabisk");
  input.note = g_strdup ("Holder innlegg kl. 10");
  input.source = MP_REGISTRATION_SOURCE_MANUAL;
  kari = mp_store_register (f->store, event_id, &input, &error);
  mp_registration_input_clear (&input);
  g_assert_no_error (error);
  return mp_check_in_result_new (MP_CHECK_IN_CHECKED_IN, kari, 1, 1789000000, "Inngang 2");
}

static void
test_every_answer_reads (MpTestFixture *f,
                         gconstpointer  data)
{
  AdwStyleManager *styles = adw_style_manager_get_default ();
  gboolean high_contrast = g_strcmp0 (g_getenv ("ADW_DEBUG_HIGH_CONTRAST"), "1") == 0;
  g_autoptr(MpCheckInResult) result = result_with_needs (f);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *desk = mp_check_in_answer_new (MP_AUDIENCE_DESK);
  GtkWidget *kiosk = mp_check_in_answer_new (MP_AUDIENCE_ATTENDEE);
  GtkWidget *banner = g_object_new (MP_TYPE_CHECK_IN_ANSWER, "audience", MP_AUDIENCE_DESK, "compact", TRUE, NULL);
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *answers[] = { desk, kiosk, banner };
  const char *names[] = { "desk", "kiosk", "banner" };
  static const AdwColorScheme schemes[] = { ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK };
  guint n_checked = 0;
  double worst = G_MAXDOUBLE;

  /* what the test is about must be what is in force */
  g_assert_cmpint (adw_style_manager_get_high_contrast (styles), ==, high_contrast);

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    mp_check_in_answer_set_reset_seconds (MP_CHECK_IN_ANSWER (answers[i]), 0);
  gtk_widget_set_hexpand (desk, TRUE);
  gtk_widget_set_hexpand (column, TRUE);
  gtk_widget_set_vexpand (kiosk, TRUE);
  gtk_box_append (GTK_BOX (column), banner);
  gtk_box_append (GTK_BOX (column), kiosk);
  gtk_box_append (GTK_BOX (box), desk);
  gtk_box_append (GTK_BOX (box), column);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1900, 1000);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (mp_test_wait_until (mp_test_is_mapped, desk, 5000));

  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      adw_style_manager_set_color_scheme (styles, schemes[s]);
      g_assert_cmpint (adw_style_manager_get_dark (styles), ==, schemes[s] == ADW_COLOR_SCHEME_FORCE_DARK);

      for (guint k = 0; k < mp_check_in_answer_get_n_kinds (); k++)
        {
          const char *kind = mp_check_in_answer_get_kind_at (k);
          GdkRGBA backgrounds[G_N_ELEMENTS (answers)];

          for (guint a = 0; a < G_N_ELEMENTS (answers); a++)
            mp_check_in_answer_show_kind (MP_CHECK_IN_ANSWER (answers[a]), kind, result);
          mp_test_wait_for_frame (window);

          for (guint a = 0; a < G_N_ELEMENTS (answers); a++)
            {
              g_autofree char *what = g_strdup_printf ("%s%s, %s, %s", high_contrast ? "high contrast " : "",
                                                       schemes[s] == ADW_COLOR_SCHEME_FORCE_DARK ? "dark" : "light",
                                                       names[a], kind);
              Checked checked = { answer_style (answers[a]), 0, G_MAXDOUBLE };

              /* inside the padding, past any edge the style draws */
              backgrounds[a] = drawn_colour (answers[a], 8, 8);
              check_texts (answers[a], answers[a], &backgrounds[a], what, &checked);
              /* a title at least, and the green one's needs */
              g_assert_cmpuint (checked.n_texts, >=, 2);
              if (a == 0 && g_str_equal (kind, "checked-in"))
                g_assert_cmpuint (checked.n_texts, >=, 7);
              g_test_message ("%s (%s): %u texts, worst %.2f × what is needed", what, checked.style,
                              checked.n_texts, checked.worst);
              n_checked += checked.n_texts;
              worst = MIN (worst, checked.worst);
            }
          /* one colour for one answer, at the desk and the kiosk */
          g_assert_true (gdk_rgba_equal (&backgrounds[0], &backgrounds[1]));
          g_assert_true (gdk_rgba_equal (&backgrounds[0], &backgrounds[2]));
        }
    }

  /* the colours are the answers' own, not the page's */
  mp_check_in_answer_show_kind (MP_CHECK_IN_ANSWER (desk), "checked-in", result);
  mp_check_in_answer_show_kind (MP_CHECK_IN_ANSWER (kiosk), "waitlisted", result);
  mp_test_wait_for_frame (window);
  {
    GdkRGBA green = drawn_colour (desk, 8, 8), amber = drawn_colour (kiosk, 8, 8);

    g_assert_false (gdk_rgba_equal (&green, &amber));
    g_assert_cmpfloat (green.green, >, green.red);
    g_assert_cmpfloat (amber.red, >, amber.blue);
  }

  g_test_message ("%u texts checked; the closest is %.2f × what it needs", n_checked, worst);
  adw_style_manager_set_color_scheme (styles, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The answer grows with the room it has. */
static void
test_text_grows (MpTestFixture *f,
                 gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *answer = mp_check_in_answer_new (MP_AUDIENCE_DESK);
  g_autoptr(MpCheckInResult) result = result_with_needs (f);
  GtkWidget *title;
  double small, large;

  gtk_window_set_child (GTK_WINDOW (window), answer);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  mp_check_in_answer_show_result (MP_CHECK_IN_ANSWER (answer), result);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (mp_test_wait_until (mp_test_is_mapped, answer, 5000));
  mp_test_wait_for_frame (window);
  mp_test_wait_for_frame (window);
  g_assert_cmpstr (mp_check_in_answer_get_size_class (MP_CHECK_IN_ANSWER (answer)), ==, "size-normal");
  title = mp_test_find_of_type (answer, GTK_TYPE_INSCRIPTION);
  small = text_pixels (title);

  gtk_window_set_default_size (GTK_WINDOW (window), 1800, 1040);
  mp_test_wait_for_frame (window);
  mp_test_wait_for_frame (window);
  mp_test_wait_for_frame (window);
  g_assert_cmpstr (mp_check_in_answer_get_size_class (MP_CHECK_IN_ANSWER (answer)), ==, "size-huge");
  large = text_pixels (title);
  g_test_message ("title: %.0f px at 900×600, %.0f px at 1800×1040", small, large);
  g_assert_cmpfloat (large, >, small * 1.4);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(GError) error = NULL;

  mp_test_bind_textdomain ();
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "");
  if (!mp_test_init_gtk (&argc, &argv))
    return g_test_run ();

  /* The program's own styles, loaded as the program loads them. */
  app = adw_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  MP_TEST_ADD ("/door/answer/every-text-reads", test_every_answer_reads);
  MP_TEST_ADD ("/door/answer/text-grows-with-the-window", test_text_grows);

  return g_test_run ();
}
