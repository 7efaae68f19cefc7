#define G_LOG_DOMAIN "mp-ticket-render"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <unistd.h>

#include "mp-error.h"
#include "mp-text.h"
#include "mp-ticket.h"
#include "mp-ticket-render-private.h"
#include "mp-time.h"

/* Cantarell is GNOME's own face; Noto and DejaVu cover the scripts it
 * lacks (Arabic, ...). */
#define FONT_FAMILY "Cantarell, Noto Sans, Noto Sans Arabic, DejaVu Sans, sans-serif"
/* The readable code: every letter as wide as the next, 0 unlike O */
#define CODE_FONT_FAMILY "DejaVu Sans Mono, Noto Sans Mono, monospace"

/* Pango objects may be used by one thread at a time. All renderers
 * share one font map, so that fonts are looked up and loaded once per
 * process rather than once per renderer (that costs 20 ms), and so
 * everything that touches a renderer's text holds this lock. */
static GMutex text_lock;

static PangoFontMap *
get_font_map (void)
{
  static PangoFontMap *font_map;

  if (font_map == NULL)
    font_map = pango_cairo_font_map_new ();

  return font_map;
}

G_DEFINE_FINAL_TYPE (MpTicketRenderer, mp_ticket_renderer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_EVENT,
  PROP_LAYOUT,
  PROP_VECTOR_CODES,
  PROP_ORGANISER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const TicketGeometry ticket_geometry = {
  .width = MM (148.0), .height = MM (105.0), .pad = MM (10.0), .qr = MM (42.0),
  .kind_size = 8.5, .title_size = 20.0, .title_min = 15.0, .meta_size = 10.5,
  .name_size = 24.0, .name_min = 14.0, .org_size = 12.0, .caption_size = 8.0,
  .code_size = 7.0, .logo_height = MM (8.0), .gap = MM (1.5), .compact = FALSE,
};

static const TicketGeometry sheet_geometry = {
  .width = MM (105.0), .height = MM (297.0 / 4), .pad = MM (7.0), .qr = MM (36.0),
  .kind_size = 6.5, .title_size = 12.0, .title_min = 10.0, .meta_size = 8.0,
  .name_size = 16.0, .name_min = 11.0, .org_size = 9.0, .caption_size = 6.5,
  .code_size = 6.0, .logo_height = MM (5.0), .gap = MM (1.0), .compact = TRUE,
};

static const BadgeGeometry badge_geometry = {
  .width = MM (86.0), .height = MM (54.0), .pad = MM (5.0), .qr = MM (18.0),
  .name_size = 28.0, .name_min = 13.0, .org_size = 11.0, .event_size = 7.5,
  .code_size = 4.5, .logo_height = MM (5.0), .gap = MM (1.5), .name_lines = 2, .portrait = FALSE,
};

static const BadgeGeometry badge_label_geometry = {
  .width = MM (62.0), .height = MM (90.0), .pad = MM (4.5), .qr = MM (20.0),
  .name_size = 30.0, .name_min = 12.0, .org_size = 12.0, .event_size = 8.0,
  .code_size = 5.0, .logo_height = MM (6.0), .gap = MM (2.0), .name_lines = 3, .portrait = TRUE,
};

/* Text */

/* What is laid out is never longer than the longest text allowed in
 * (a file from before those limits may hold more): Pango's line
 * breaking of one long word grows as the square of its length. */
void
_mp_ticket_set_capped_text (PangoLayout *layout,
                 const char  *text,
                 gsize        max_chars)
{
  g_autofree char *capped = mp_text_dup_capped (text, max_chars);

  pango_layout_set_text (layout, capped, -1);
}

PangoLayout *
_mp_ticket_new_layout (MpTicketRenderer *self,
            PangoWeight       weight,
            double            size,
            double            width,
            int               max_lines,
            PangoAlignment    alignment)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_weight (font, weight);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  /* A name in Arabic script still starts at the left edge of a
   * Norwegian ticket; the bidi algorithm orders it within the line. */
  pango_layout_set_auto_dir (layout, FALSE);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -max_lines);

  return layout;
}

double
_mp_ticket_layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);

  return (double) height / PANGO_SCALE;
}

static gboolean
layout_fits (PangoLayout *layout,
             int          max_lines,
             double       width,
             double       max_height)
{
  int w, h;

  if (pango_layout_get_line_count (layout) > max_lines)
    return FALSE;

  pango_layout_get_size (layout, &w, &h);

  return w <= (width + 0.5) * PANGO_SCALE && h <= max_height * PANGO_SCALE;
}

static void
set_font_size (PangoLayout          *layout,
               PangoFontDescription *font,
               double                size)
{
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
}

/* Sets @text at the largest size from @max_size down to @min_size at
 * which it fits @max_lines lines of @layout's width and @max_height
 * without breaking a word; failing that, at @min_size, broken anywhere
 * and ellipsized. Nothing ever runs outside the box. */
void
_mp_ticket_fit_text (PangoLayout          *layout,
          PangoFontDescription *font,
          const char           *text,
          int                   max_lines,
          double                max_height,
          double                max_size,
          double                min_size)
{
  double width = (double) pango_layout_get_width (layout) / PANGO_SCALE;
  int lo, hi;

  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_height (layout, -1);
  set_font_size (layout, font, max_size);
  _mp_ticket_set_capped_text (layout, text, MP_TEXT_MAX_NAME);

  if (layout_fits (layout, max_lines, width, max_height))
    return;

  set_font_size (layout, font, min_size);
  if (layout_fits (layout, max_lines, width, max_height))
    {
      /* The largest size that fits, in half points above @min_size:
       * few distinct sizes, so that few fonts are loaded */
      lo = 0;
      hi = (int) ((max_size - min_size) * 2);
      while (hi - lo > 1)
        {
          int mid = (lo + hi) / 2;

          set_font_size (layout, font, min_size + mid / 2.0);
          if (layout_fits (layout, max_lines, width, max_height))
            lo = mid;
          else
            hi = mid;
        }
      set_font_size (layout, font, min_size + lo / 2.0);
      return;
    }

  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -max_lines);
  /* The box may hold fewer lines than asked at this size */
  while (max_lines > 1 && _mp_ticket_layout_height (layout) > max_height)
    pango_layout_set_height (layout, -(--max_lines));
}

void
_mp_ticket_show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}


void
_mp_ticket_text_lock (void)
{
  g_mutex_lock (&text_lock);
}

void
_mp_ticket_text_unlock (void)
{
  g_mutex_unlock (&text_lock);
}

double
_mp_ticket_quiet_zone (double qr)
{
  /* of a version 2 code: 4 modules of 25 */
  return qr * MP_QR_QUIET_ZONE / 25.0;
}

/* The organiser's line */

void
_mp_ticket_setup_organiser (MpTicketRenderer *self,
                            double            width,
                            double            logo_height,
                            double            font_size)
{
  const char *name;
  double logo_width = 0, text_width;

  self->organiser_height = 0;
  if (self->organiser == NULL)
    return;

  name = mp_ticket_organiser_get_name (self->organiser);
  if (mp_ticket_organiser_has_logo (self->organiser))
    {
      /* a wide logo takes at most half the line, a tall one its height */
      logo_width = MIN (logo_height * mp_ticket_organiser_get_logo_aspect (self->organiser),
                        name[0] != '\0' ? width / 2 : width);
      self->organiser_height = logo_width / mp_ticket_organiser_get_logo_aspect (self->organiser);
    }
  text_width = width - (logo_width > 0 ? logo_width + MM (2.0) : 0);
  if (name[0] != '\0' && text_width > MM (10.0))
    {
      self->organiser_name = _mp_ticket_new_layout (self, PANGO_WEIGHT_BOLD, font_size, text_width, 2, PANGO_ALIGN_LEFT);
      _mp_ticket_set_capped_text (self->organiser_name, name, MP_TEXT_MAX_ORGANISATION);
      self->organiser_height = MAX (self->organiser_height, _mp_ticket_layout_height (self->organiser_name));
    }
}

/* The logo at the left, the name beside it, both in the middle of the
 * line's height */
void
_mp_ticket_draw_organiser (MpTicketRenderer *self,
                           cairo_t          *cr,
                           double            x,
                           double            y)
{
  double logo_width = 0;

  if (self->organiser == NULL || self->organiser_height <= 0)
    return;

  if (mp_ticket_organiser_has_logo (self->organiser))
    logo_width = mp_ticket_organiser_draw_logo (self->organiser, cr, x, y,
                                                self->organiser_height * mp_ticket_organiser_get_logo_aspect (self->organiser),
                                                self->organiser_height);
  if (self->organiser_name != NULL)
    {
      double h = _mp_ticket_layout_height (self->organiser_name);

      cairo_set_source_rgb (cr, INK_MUTED);
      _mp_ticket_show_layout (cr, self->organiser_name,
                              x + (logo_width > 0 ? logo_width + MM (2.0) : 0),
                              y + (self->organiser_height - h) / 2);
    }
}

/* The code and its text */

void
_mp_ticket_setup_code (MpTicketRenderer *self,
                       double            size,
                       double            width)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (CODE_FONT_FAMILY);

  self->code = _mp_ticket_new_layout (self, PANGO_WEIGHT_NORMAL, size, width, 2, PANGO_ALIGN_CENTER);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (self->code, font);
  /* two lines of four groups at most: the height any code takes */
  pango_layout_set_text (self->code, "MP1 ABCD EFGH IJKL\nMNOP QRST UVWX YZ", -1);
  self->code_height = _mp_ticket_layout_height (self->code) + MM (0.5);
}

static void
draw_qr (MpTicketRenderer *self,
         cairo_t          *cr,
         MpQrCode         *code,
         double            x,
         double            y,
         double            symbol_size)
{
  double size, offset;

  /* (x, y) is the corner of the symbol; its quiet zone lies around it */
  size = mp_qr_code_get_size_for_symbol (code, symbol_size);
  offset = (size - symbol_size) / 2;
  if (self->vector_codes)
    mp_qr_code_draw (code, cr, x - offset, y - offset, size);
  else
    mp_qr_code_draw_mask (code, cr, x - offset, y - offset, size);
}

void
_mp_ticket_draw_code (MpTicketRenderer *self,
                      cairo_t          *cr,
                      MpAttendee       *attendee,
                      double            x,
                      double            y,
                      double            symbol_size)
{
  g_autoptr(MpQrCode) code = NULL;
  g_autofree char *readable = NULL;
  double quiet = _mp_ticket_quiet_zone (symbol_size);

  if (!mp_ticket_token_is_valid (mp_attendee_get_token (attendee)))
    return;

  code = _mp_ticket_take_code (self, attendee);
  if (code == NULL)
    return;
  draw_qr (self, cr, code, x, y, symbol_size);

  /* For a person to type when the scanner fails: below the quiet zone,
   * which must stay blank for the scanner */
  readable = mp_ticket_format_readable (mp_attendee_get_token (attendee));
  /* on two even lines: "MP1 ABCD EFGH IJKL" over "MNOP QRST UVWX YZ" */
  if (strlen (readable) > 18 && readable[18] == ' ')
    readable[18] = '\n';
  pango_layout_set_text (self->code, readable, -1);
  cairo_set_source_rgb (cr, INK);
  _mp_ticket_show_layout (cr, self->code, x, y + symbol_size + quiet);
}

static gboolean
is_badge (MpTicketRenderer *self)
{
  return self->layout == MP_TICKET_LAYOUT_BADGE || self->layout == MP_TICKET_LAYOUT_BADGE_LABEL;
}

static void
draw_event_part (MpTicketRenderer *self,
                 cairo_t          *cr)
{
  if (is_badge (self))
    _mp_ticket_draw_badge_event (self, cr);
  else
    _mp_ticket_draw_ticket_event (self, cr);
}

/* What every ticket shares is drawn once into a recording surface; in a
 * PDF, painting that one surface again and again writes it once, as a
 * form that each page refers to. */
static void
draw_shared (MpTicketRenderer *self,
             cairo_t          *cr)
{
  if (cairo_surface_get_type (cairo_get_target (cr)) != CAIRO_SURFACE_TYPE_PDF)
    {
      draw_event_part (self, cr);
      return;
    }

  if (self->event_part == NULL)
    {
      cairo_rectangle_t extents = { 0, 0, 0, 0 };
      cairo_t *recording_cr;

      if (is_badge (self))
        {
          extents.width = self->badge.width;
          extents.height = self->badge.height;
        }
      else
        {
          extents.width = self->ticket.width;
          extents.height = self->ticket.height;
        }

      self->event_part = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
      recording_cr = cairo_create (self->event_part);
      pango_cairo_update_context (recording_cr, self->context);
      draw_event_part (self, recording_cr);
      cairo_destroy (recording_cr);
      pango_cairo_update_context (cr, self->context);
    }

  cairo_save (cr);
  cairo_set_source_surface (cr, self->event_part, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
draw_one (MpTicketRenderer *self,
          cairo_t          *cr,
          MpAttendee       *attendee)
{
  draw_shared (self, cr);
  if (is_badge (self))
    _mp_ticket_draw_badge_attendee (self, cr, attendee);
  else
    _mp_ticket_draw_ticket_attendee (self, cr, attendee);
}

/* MpTicketRenderer */

static void
mp_ticket_renderer_constructed (GObject *object)
{
  MpTicketRenderer *self = (MpTicketRenderer *)object;
  cairo_font_options_t *options;

  G_OBJECT_CLASS (mp_ticket_renderer_parent_class)->constructed (object);

  g_assert (self->event != NULL);

  g_mutex_lock (&text_lock);

  self->context = pango_font_map_create_context (get_font_map ());
  /* Fonts in points, and one user unit is one point, on any surface */
  pango_cairo_context_set_resolution (self->context, 72.0);
  /* Paper: the same line breaks at any resolution, and glyphs placed
   * where the font says, not rounded to whole points */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  pango_context_set_base_dir (self->context, PANGO_DIRECTION_LTR);

  switch (self->layout)
    {
    case MP_TICKET_LAYOUT_TICKET:
      self->ticket = ticket_geometry;
      _mp_ticket_setup_ticket (self);
      break;
    case MP_TICKET_LAYOUT_SHEET:
      self->ticket = sheet_geometry;
      _mp_ticket_setup_ticket (self);
      break;
    case MP_TICKET_LAYOUT_BADGE:
      self->badge = badge_geometry;
      _mp_ticket_setup_badge (self);
      break;
    case MP_TICKET_LAYOUT_BADGE_LABEL:
      self->badge = badge_label_geometry;
      _mp_ticket_setup_badge (self);
      break;
    case MP_N_TICKET_LAYOUTS:
    default:
      g_assert_not_reached ();
    }

  g_mutex_unlock (&text_lock);
}

static void
mp_ticket_renderer_finalize (GObject *object)
{
  MpTicketRenderer *self = (MpTicketRenderer *)object;

  g_assert (self->prefetch == NULL);

  g_mutex_lock (&text_lock);
  g_clear_object (&self->kind);
  g_clear_object (&self->title);
  g_clear_object (&self->when);
  g_clear_object (&self->venue);
  g_clear_object (&self->caption);
  g_clear_object (&self->organiser_name);
  g_clear_object (&self->code);
  g_clear_object (&self->name);
  g_clear_object (&self->organisation);
  g_clear_pointer (&self->name_font, pango_font_description_free);
  g_clear_pointer (&self->event_part, cairo_surface_destroy);
  g_clear_object (&self->context);
  g_mutex_unlock (&text_lock);
  g_clear_object (&self->event);
  g_clear_object (&self->organiser);

  G_OBJECT_CLASS (mp_ticket_renderer_parent_class)->finalize (object);
}

static void
mp_ticket_renderer_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MpTicketRenderer *self = MP_TICKET_RENDERER (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;
    case PROP_LAYOUT:
      g_value_set_enum (value, self->layout);
      break;
    case PROP_VECTOR_CODES:
      g_value_set_boolean (value, self->vector_codes);
      break;
    case PROP_ORGANISER:
      g_value_set_object (value, self->organiser);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_ticket_renderer_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MpTicketRenderer *self = MP_TICKET_RENDERER (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      self->event = g_value_dup_object (value);
      break;
    case PROP_LAYOUT:
      self->layout = g_value_get_enum (value);
      break;
    case PROP_VECTOR_CODES:
      mp_ticket_renderer_set_vector_codes (self, g_value_get_boolean (value));
      break;
    case PROP_ORGANISER:
      self->organiser = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_ticket_renderer_class_init (MpTicketRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mp_ticket_renderer_constructed;
  object_class->finalize = mp_ticket_renderer_finalize;
  object_class->get_property = mp_ticket_renderer_get_property;
  object_class->set_property = mp_ticket_renderer_set_property;

  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL,
                         MP_TYPE_EVENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAYOUT] =
    g_param_spec_enum ("layout", NULL, NULL,
                       MP_TYPE_TICKET_LAYOUT,
                       MP_TICKET_LAYOUT_TICKET,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VECTOR_CODES] =
    g_param_spec_boolean ("vector-codes", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ORGANISER] =
    g_param_spec_object ("organiser", NULL, NULL,
                         MP_TYPE_TICKET_ORGANISER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mp_ticket_renderer_init (MpTicketRenderer *self)
{
}

MpTicketRenderer *
mp_ticket_renderer_new (MpEvent        *event,
                        MpTicketLayout  layout)
{
  g_autoptr(MpTicketOrganiser) organiser = NULL;

  g_return_val_if_fail (MP_IS_EVENT (event), NULL);
  g_return_val_if_fail (layout < MP_N_TICKET_LAYOUTS, NULL);

  organiser = mp_ticket_organiser_new_default ();
  return mp_ticket_renderer_new_full (event, layout, organiser);
}

MpTicketRenderer *
mp_ticket_renderer_new_full (MpEvent           *event,
                             MpTicketLayout     layout,
                             MpTicketOrganiser *organiser)
{
  g_return_val_if_fail (MP_IS_EVENT (event), NULL);
  g_return_val_if_fail (layout < MP_N_TICKET_LAYOUTS, NULL);
  g_return_val_if_fail (organiser == NULL || MP_IS_TICKET_ORGANISER (organiser), NULL);

  return g_object_new (MP_TYPE_TICKET_RENDERER,
                       "event", event,
                       "layout", layout,
                       "organiser", organiser,
                       NULL);
}

MpTicketOrganiser *
mp_ticket_renderer_get_organiser (MpTicketRenderer *self)
{
  g_return_val_if_fail (MP_IS_TICKET_RENDERER (self), NULL);

  return self->organiser;
}

MpEvent *
mp_ticket_renderer_get_event (MpTicketRenderer *self)
{
  g_return_val_if_fail (MP_IS_TICKET_RENDERER (self), NULL);

  return self->event;
}

MpTicketLayout
mp_ticket_renderer_get_layout (MpTicketRenderer *self)
{
  g_return_val_if_fail (MP_IS_TICKET_RENDERER (self), MP_TICKET_LAYOUT_TICKET);

  return self->layout;
}

gboolean
mp_ticket_renderer_get_vector_codes (MpTicketRenderer *self)
{
  g_return_val_if_fail (MP_IS_TICKET_RENDERER (self), FALSE);

  return self->vector_codes;
}

void
mp_ticket_renderer_set_vector_codes (MpTicketRenderer *self,
                                     gboolean          vector_codes)
{
  g_return_if_fail (MP_IS_TICKET_RENDERER (self));

  vector_codes = !!vector_codes;
  if (self->vector_codes == vector_codes)
    return;

  self->vector_codes = vector_codes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VECTOR_CODES]);
}

void
mp_ticket_renderer_draw_page (MpTicketRenderer  *self,
                              cairo_t           *cr,
                              MpAttendee       **attendees,
                              guint              n_attendees)
{
  g_return_if_fail (MP_IS_TICKET_RENDERER (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (attendees != NULL || n_attendees == 0);
  g_return_if_fail (n_attendees <= mp_ticket_layout_get_per_page (self->layout));

  g_mutex_lock (&text_lock);

  /* Follows the cairo_t's transformation and surface; a no-op while
   * they stay the same, so the shared layouts stay laid out. */
  pango_cairo_update_context (cr, self->context);

  cairo_save (cr);

  switch (self->layout)
    {
    case MP_TICKET_LAYOUT_TICKET:
    case MP_TICKET_LAYOUT_BADGE:
    case MP_TICKET_LAYOUT_BADGE_LABEL:
      if (n_attendees > 0)
        draw_one (self, cr, attendees[0]);
      break;

    case MP_TICKET_LAYOUT_SHEET:
      _mp_ticket_draw_cut_lines (self, cr);
      for (guint i = 0; i < n_attendees; i++)
        {
          cairo_save (cr);
          cairo_translate (cr,
                           (i % SHEET_COLUMNS) * self->ticket.width,
                           (i / SHEET_COLUMNS) * self->ticket.height);
          draw_one (self, cr, attendees[i]);
          cairo_restore (cr);
        }
      break;

    case MP_N_TICKET_LAYOUTS:
    default:
      g_assert_not_reached ();
    }

  cairo_restore (cr);

  g_mutex_unlock (&text_lock);
}

