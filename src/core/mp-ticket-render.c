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
#include "mp-qr.h"
#include "mp-text.h"
#include "mp-ticket.h"
#include "mp-ticket-render-private.h"
#include "mp-time.h"

#define MM(x) ((x) * 72.0 / 25.4)

/* Cantarell is GNOME's own face; Noto and DejaVu cover the scripts it
 * lacks (Arabic, ...). */
#define FONT_FAMILY "Cantarell, Noto Sans, Noto Sans Arabic, DejaVu Sans, sans-serif"

/* GNOME palette: dark 4, dark 2, blue 5, light 4 */
#define INK        0x24 / 255.0, 0x1f / 255.0, 0x31 / 255.0
#define INK_MUTED  0x5e / 255.0, 0x5c / 255.0, 0x64 / 255.0
#define ACCENT     0x1a / 255.0, 0x5f / 255.0, 0xb4 / 255.0
#define RULE       0xc0 / 255.0, 0xbf / 255.0, 0xbc / 255.0

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

/* A sheet: two columns of four tickets on A4 (layout_info in mp-ticket-layout.c) */
#define SHEET_COLUMNS 2
#define SHEET_ROWS    4

/* Geometry of a ticket, in points */
typedef struct
{
  double width;
  double height;
  double pad;           /* from the edge to the text and the symbol */
  double qr;            /* side of the symbol, without quiet zone */
  double kind_size;
  double title_size;
  double title_min;
  double meta_size;
  double name_size;
  double name_min;
  double org_size;
  double caption_size;
  double gap;           /* the unit of vertical space */
  gboolean compact;     /* date and time on lines of their own */
} TicketGeometry;

/* Geometry of a badge, in points */
typedef struct
{
  double width;
  double height;
  double pad;
  double qr;
  double name_size;
  double name_min;
  double org_size;
  double event_size;
  double gap;
  int name_lines;
  gboolean portrait;    /* the event on top, the code centred below */
} BadgeGeometry;

/* QR codes made ahead in a second thread while the first one draws:
 * choosing a code's mask is a quarter of the work of a PDF of tickets. */
typedef struct
{
  GMutex       lock;
  GCond        cond;
  GPtrArray   *attendees;
  MpQrCode   **codes;      /* [i] for attendees[i], NULL once taken */
  guint        produced;   /* codes [0, produced) are made */
  guint        consumed;   /* and [0, consumed) taken */
  gboolean     stop;
  GThread     *thread;
} CodePrefetch;

#define PREFETCH_AHEAD 64

struct _MpTicketRenderer
{
  GObject          parent_instance;

  MpEvent         *event;
  MpTicketLayout   layout;

  PangoContext    *context;

  TicketGeometry   ticket;
  BadgeGeometry    badge;

  /* The same on every ticket: laid out once */
  PangoLayout     *kind;
  PangoLayout     *title;
  PangoLayout     *when;
  PangoLayout     *venue;
  PangoLayout     *caption;
  /* Set for each attendee */
  PangoLayout     *name;
  PangoLayout     *organisation;

  PangoFontDescription *name_font;

  double           event_bottom;  /* ticket: where the event's text ends */
  double           qr_x;          /* the corner of the symbol */
  double           qr_y;
  cairo_surface_t *event_part;    /* recorded when first drawn to a PDF */

  gboolean         vector_codes;

  CodePrefetch    *prefetch;      /* while rendering to a file */
};

G_DEFINE_FINAL_TYPE (MpTicketRenderer, mp_ticket_renderer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_EVENT,
  PROP_LAYOUT,
  PROP_VECTOR_CODES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const TicketGeometry ticket_geometry = {
  .width = MM (148.0), .height = MM (105.0), .pad = MM (10.0), .qr = MM (42.0),
  .kind_size = 8.5, .title_size = 20.0, .title_min = 15.0, .meta_size = 10.5,
  .name_size = 24.0, .name_min = 14.0, .org_size = 12.0, .caption_size = 8.0,
  .gap = MM (1.5), .compact = FALSE,
};

static const TicketGeometry sheet_geometry = {
  .width = MM (105.0), .height = MM (297.0 / 4), .pad = MM (7.0), .qr = MM (36.0),
  .kind_size = 6.5, .title_size = 12.0, .title_min = 10.0, .meta_size = 8.0,
  .name_size = 16.0, .name_min = 11.0, .org_size = 9.0, .caption_size = 6.5,
  .gap = MM (1.0), .compact = TRUE,
};

static const BadgeGeometry badge_geometry = {
  .width = MM (86.0), .height = MM (54.0), .pad = MM (5.0), .qr = MM (18.0),
  .name_size = 28.0, .name_min = 13.0, .org_size = 11.0, .event_size = 7.5,
  .gap = MM (1.5), .name_lines = 2, .portrait = FALSE,
};

static const BadgeGeometry badge_label_geometry = {
  .width = MM (62.0), .height = MM (90.0), .pad = MM (4.5), .qr = MM (20.0),
  .name_size = 30.0, .name_min = 12.0, .org_size = 12.0, .event_size = 8.0,
  .gap = MM (2.0), .name_lines = 3, .portrait = TRUE,
};

/* Text */

/* What is laid out is never longer than the longest text allowed in
 * (a file from before those limits may hold more): Pango's line
 * breaking of one long word grows as the square of its length. */
static void
set_capped_text (PangoLayout *layout,
                 const char  *text,
                 gsize        max_chars)
{
  g_autofree char *capped = mp_text_dup_capped (text, max_chars);

  pango_layout_set_text (layout, capped, -1);
}

static PangoLayout *
new_layout (MpTicketRenderer *self,
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

static double
layout_height (PangoLayout *layout)
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
static void
fit_text (PangoLayout          *layout,
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
  set_capped_text (layout, text, MP_TEXT_MAX_NAME);

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
  while (max_lines > 1 && layout_height (layout) > max_height)
    pango_layout_set_height (layout, -(--max_lines));
}

static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static char *
format_when (MpEvent  *event,
             gboolean  compact)
{
  gint64 starts_at = mp_event_get_starts_at (event);
  gint64 ends_at = mp_event_get_ends_at (event);
  g_autofree char *start_day = mp_time_format_date (starts_at);
  g_autofree char *end_day = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  gboolean one_day;

  if (ends_at > starts_at)
    end_day = mp_time_format_date (ends_at);
  one_day = end_day != NULL && g_strcmp0 (start_day, end_day) == 0;

  if (compact)
    {
      /* A narrow column: the day, then the hours, never broken between */
      start = mp_time_format_clock (starts_at);
      if (one_day)
        end = mp_time_format_clock (ends_at);
      return g_strdup_printf ("%s\n%s%s%s", start_day, start,
                              end != NULL ? "–" : "", end != NULL ? end : "");
    }

  start = mp_time_format_long (starts_at);
  if (!one_day)
    return g_steal_pointer (&start);

  end = mp_time_format_clock (ends_at);
  /* Translators: a time span on one day: "Tuesday 8 March 2022 at
   * 09:00–11:30" */
  return g_strdup_printf (_("%1$s–%2$s"), start, end);
}

static void
set_kind_text (PangoLayout *layout,
               MpEventKind  kind,
               double       size)
{
  g_autofree char *upper = g_utf8_strup (mp_event_kind_get_label (kind), -1);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_letter_spacing_new ((int) (size * 0.12 * PANGO_SCALE)));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (layout, upper, -1);
}

/* Tickets: the event on the left, the attendee under it, the code on
 * the right */

static double
ticket_text_width (const TicketGeometry *g)
{
  double quiet = g->qr * MP_QR_QUIET_ZONE / 25.0;

  /* The quiet zone of a version 2 code, and a little air */
  return g->width - 2 * g->pad - g->qr - quiet - MM (1.0);
}

static void
setup_ticket (MpTicketRenderer *self)
{
  const TicketGeometry *g = &self->ticket;
  g_autoptr(PangoFontDescription) title_font = NULL;
  g_autofree char *when = format_when (self->event, g->compact);
  const char *title = mp_event_get_title (self->event);
  const char *venue = mp_event_get_venue (self->event);
  double width = ticket_text_width (g);
  double quiet = g->qr * MP_QR_QUIET_ZONE / 25.0;

  self->kind = new_layout (self, PANGO_WEIGHT_BOLD, g->kind_size, width, 1, PANGO_ALIGN_LEFT);
  set_kind_text (self->kind, mp_event_get_kind (self->event), g->kind_size);

  self->title = new_layout (self, PANGO_WEIGHT_BOLD, g->title_size, width, 2, PANGO_ALIGN_LEFT);
  title_font = pango_font_description_copy (pango_layout_get_font_description (self->title));
  fit_text (self->title, title_font, title != NULL ? title : "",
            2, G_MAXDOUBLE, g->title_size, g->title_min);

  self->when = new_layout (self, PANGO_WEIGHT_NORMAL, g->meta_size, width, 2, PANGO_ALIGN_LEFT);
  pango_layout_set_text (self->when, when, -1);

  self->venue = new_layout (self, PANGO_WEIGHT_NORMAL, g->meta_size, width, 2, PANGO_ALIGN_LEFT);
  set_capped_text (self->venue, venue, MP_TEXT_MAX_VENUE);

  /* Under the code, as wide as the code with its quiet zone */
  self->caption = new_layout (self, PANGO_WEIGHT_NORMAL, g->caption_size,
                              g->qr + 2 * quiet, 2, PANGO_ALIGN_CENTER);
  pango_layout_set_text (self->caption, _("Show this code at the check-in desk"), -1);

  self->name = new_layout (self, PANGO_WEIGHT_BOLD, g->name_size, width, 2, PANGO_ALIGN_LEFT);
  self->name_font = pango_font_description_copy (pango_layout_get_font_description (self->name));
  self->organisation = new_layout (self, PANGO_WEIGHT_NORMAL, g->org_size, width, 2, PANGO_ALIGN_LEFT);

  /* Where the event's text ends and the attendee's may begin */
  self->event_bottom = g->pad
                       + layout_height (self->kind) + g->gap
                       + layout_height (self->title) + 2 * g->gap
                       + layout_height (self->when)
                       + layout_height (self->venue);

  /* The code and its caption, below the quiet zone, in the middle of
   * the right column */
  self->qr_x = g->width - g->pad - g->qr;
  self->qr_y = (g->height - (g->qr + quiet + layout_height (self->caption))) / 2;
}

static gpointer
prefetch_thread (gpointer data)
{
  CodePrefetch *prefetch = data;

  for (guint i = 0; i < prefetch->attendees->len; i++)
    {
      g_autofree char *text = NULL;
      MpQrCode *code;

      g_mutex_lock (&prefetch->lock);
      while (!prefetch->stop && prefetch->produced - prefetch->consumed >= PREFETCH_AHEAD)
        g_cond_wait (&prefetch->cond, &prefetch->lock);
      if (prefetch->stop)
        {
          g_mutex_unlock (&prefetch->lock);
          break;
        }
      g_mutex_unlock (&prefetch->lock);

      /* Only reads the token, which nobody changes while we render */
      text = mp_attendee_dup_ticket_text (g_ptr_array_index (prefetch->attendees, i));
      code = mp_qr_code_new (text, NULL);

      g_mutex_lock (&prefetch->lock);
      prefetch->codes[i] = code;
      prefetch->produced = i + 1;
      g_cond_broadcast (&prefetch->cond);
      g_mutex_unlock (&prefetch->lock);
    }

  return NULL;
}

static CodePrefetch *
code_prefetch_start (GPtrArray *attendees)
{
  CodePrefetch *prefetch;

  if (attendees->len < 2 * PREFETCH_AHEAD || g_get_num_processors () < 2)
    return NULL;

  prefetch = g_new0 (CodePrefetch, 1);
  g_mutex_init (&prefetch->lock);
  g_cond_init (&prefetch->cond);
  prefetch->attendees = g_ptr_array_ref (attendees);
  prefetch->codes = g_new0 (MpQrCode *, attendees->len);
  prefetch->thread = g_thread_new ("mp-qr-prefetch", prefetch_thread, prefetch);

  return prefetch;
}

static void
code_prefetch_stop (CodePrefetch *prefetch)
{
  if (prefetch == NULL)
    return;

  g_mutex_lock (&prefetch->lock);
  prefetch->stop = TRUE;
  g_cond_broadcast (&prefetch->cond);
  g_mutex_unlock (&prefetch->lock);
  g_thread_join (prefetch->thread);

  for (guint i = 0; i < prefetch->attendees->len; i++)
    mp_qr_code_free (prefetch->codes[i]);
  g_free (prefetch->codes);
  g_ptr_array_unref (prefetch->attendees);
  g_cond_clear (&prefetch->cond);
  g_mutex_clear (&prefetch->lock);
  g_free (prefetch);
}

/* The code of the next attendee in order from the second thread, or a
 * code made here for anyone else. */
static MpQrCode *
take_code (MpTicketRenderer *self,
           MpAttendee       *attendee)
{
  CodePrefetch *prefetch = self->prefetch;
  g_autofree char *text = NULL;

  if (prefetch != NULL &&
      prefetch->consumed < prefetch->attendees->len &&
      g_ptr_array_index (prefetch->attendees, prefetch->consumed) == attendee)
    {
      MpQrCode *code;

      g_mutex_lock (&prefetch->lock);
      while (prefetch->produced <= prefetch->consumed)
        g_cond_wait (&prefetch->cond, &prefetch->lock);
      code = g_steal_pointer (&prefetch->codes[prefetch->consumed]);
      prefetch->consumed++;
      g_cond_broadcast (&prefetch->cond);
      g_mutex_unlock (&prefetch->lock);

      return code;
    }

  text = mp_attendee_dup_ticket_text (attendee);

  return mp_qr_code_new (text, NULL);
}

static void
draw_qr (MpTicketRenderer *self,
         cairo_t          *cr,
         MpAttendee       *attendee,
         double            x,
         double            y,
         double            symbol_size)
{
  g_autoptr(MpQrCode) code = NULL;
  double size, offset;

  if (!mp_ticket_token_is_valid (mp_attendee_get_token (attendee)))
    return;

  code = take_code (self, attendee);
  if (code == NULL)
    return;

  /* (x, y) is the corner of the symbol; its quiet zone lies around it */
  size = mp_qr_code_get_size_for_symbol (code, symbol_size);
  offset = (size - symbol_size) / 2;
  if (self->vector_codes)
    mp_qr_code_draw (code, cr, x - offset, y - offset, size);
  else
    mp_qr_code_draw_mask (code, cr, x - offset, y - offset, size);
}

/* What every ticket of the event shows */
static void
draw_ticket_event (MpTicketRenderer *self,
                   cairo_t          *cr)
{
  const TicketGeometry *g = &self->ticket;
  double x = g->pad;
  double y = g->pad;
  double quiet = g->qr * MP_QR_QUIET_ZONE / 25.0;

  cairo_set_source_rgb (cr, ACCENT);
  show_layout (cr, self->kind, x, y);
  y += layout_height (self->kind) + g->gap;

  cairo_set_source_rgb (cr, INK);
  show_layout (cr, self->title, x, y);
  y += layout_height (self->title) + 2 * g->gap;

  cairo_set_source_rgb (cr, INK_MUTED);
  show_layout (cr, self->when, x, y);
  y += layout_height (self->when);
  show_layout (cr, self->venue, x, y);

  show_layout (cr, self->caption, self->qr_x - quiet, self->qr_y + g->qr + quiet);
}

/* The attendee, from the bottom up, in the room the event leaves, and
 * the code on the right */
static void
draw_ticket_attendee (MpTicketRenderer *self,
                      cairo_t          *cr,
                      MpAttendee       *attendee)
{
  const TicketGeometry *g = &self->ticket;
  const char *organisation = mp_attendee_get_organisation (attendee);
  double x = g->pad;
  double bottom = g->height - g->pad;
  double org_height = 0.0;
  double name_height;

  if (organisation[0] != '\0')
    {
      set_capped_text (self->organisation, organisation, MP_TEXT_MAX_ORGANISATION);
      org_height = layout_height (self->organisation) + g->gap / 2;
    }

  fit_text (self->name, self->name_font, mp_attendee_get_name (attendee), 2,
            bottom - org_height - self->event_bottom - 5 * g->gap,
            g->name_size, g->name_min);
  name_height = layout_height (self->name);

  if (org_height > 0)
    {
      cairo_set_source_rgb (cr, INK_MUTED);
      show_layout (cr, self->organisation, x, bottom - org_height + g->gap / 2);
    }
  cairo_set_source_rgb (cr, INK);
  show_layout (cr, self->name, x, bottom - org_height - name_height);

  cairo_set_source_rgb (cr, RULE);
  cairo_set_line_width (cr, 0.75);
  cairo_move_to (cr, x, bottom - org_height - name_height - 2 * g->gap);
  cairo_rel_line_to (cr, ticket_text_width (g), 0);
  cairo_stroke (cr);

  draw_qr (self, cr, attendee, self->qr_x, self->qr_y, g->qr);
}

static void
draw_cut_lines (MpTicketRenderer *self,
                cairo_t          *cr)
{
  double width, height;
  static const double dash[] = { 3.0, 3.0 };

  mp_ticket_layout_get_page_size (self->layout, &width, &height);

  cairo_save (cr);
  cairo_set_source_rgb (cr, RULE);
  cairo_set_line_width (cr, 0.5);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  for (guint col = 1; col < SHEET_COLUMNS; col++)
    {
      cairo_move_to (cr, width * col / SHEET_COLUMNS, 0);
      cairo_line_to (cr, width * col / SHEET_COLUMNS, height);
    }
  for (guint row = 1; row < SHEET_ROWS; row++)
    {
      cairo_move_to (cr, 0, height * row / SHEET_ROWS);
      cairo_line_to (cr, width, height * row / SHEET_ROWS);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Badges: the name as large as it goes, the code in a corner */

#define BADGE_BAR MM (0.8)

static void
setup_badge (MpTicketRenderer *self)
{
  const BadgeGeometry *g = &self->badge;
  const char *title = mp_event_get_title (self->event);
  double quiet = g->qr * MP_QR_QUIET_ZONE / 25.0;
  double width = g->width - 2 * g->pad;

  self->name = new_layout (self, PANGO_WEIGHT_BOLD, g->name_size, width, g->name_lines, PANGO_ALIGN_LEFT);
  self->name_font = pango_font_description_copy (pango_layout_get_font_description (self->name));
  self->organisation = new_layout (self, PANGO_WEIGHT_NORMAL, g->org_size, width, 2, PANGO_ALIGN_LEFT);

  /* Landscape: the event at the bottom left, beside the code.
   * Portrait: the event across the top, the code centred below. */
  self->title = new_layout (self, PANGO_WEIGHT_BOLD, g->event_size,
                            g->portrait ? width : width - g->qr - quiet - MM (1.0),
                            2, PANGO_ALIGN_LEFT);
  set_capped_text (self->title, title, MP_TEXT_MAX_TITLE);

  self->qr_x = g->portrait ? (g->width - g->qr) / 2 : g->width - g->pad - g->qr;
  self->qr_y = g->height - g->pad - g->qr;

  /* Where the name's room begins */
  if (g->portrait)
    self->event_bottom = g->pad + BADGE_BAR + g->gap + layout_height (self->title) + g->gap;
  else
    self->event_bottom = g->pad;
}

/* The event, under a short accent bar */
static void
draw_badge_event (MpTicketRenderer *self,
                  cairo_t          *cr)
{
  const BadgeGeometry *g = &self->badge;
  double title_height = layout_height (self->title);
  double y = g->portrait ? g->pad : g->height - g->pad - title_height - g->gap - BADGE_BAR;

  cairo_set_source_rgb (cr, ACCENT);
  cairo_rectangle (cr, g->pad, y, MM (8.0), BADGE_BAR);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, INK_MUTED);
  show_layout (cr, self->title, g->pad, y + BADGE_BAR + g->gap);
}

static void
draw_badge_attendee (MpTicketRenderer *self,
                     cairo_t          *cr,
                     MpAttendee       *attendee)
{
  const BadgeGeometry *g = &self->badge;
  const char *organisation = mp_attendee_get_organisation (attendee);
  double quiet = g->qr * MP_QR_QUIET_ZONE / 25.0;
  double top = self->event_bottom;
  double bottom = self->qr_y - quiet;  /* the name runs the full width above the code */
  double org_height = 0.0;
  double name_height, y;

  if (organisation[0] != '\0')
    {
      set_capped_text (self->organisation, organisation, MP_TEXT_MAX_ORGANISATION);
      org_height = layout_height (self->organisation) + g->gap;
    }

  fit_text (self->name, self->name_font, mp_attendee_get_name (attendee), g->name_lines,
            bottom - top - org_height, g->name_size, g->name_min);
  name_height = layout_height (self->name);

  /* Name and organisation together, in the middle of their room */
  y = top + (bottom - top - name_height - org_height) / 2;

  cairo_set_source_rgb (cr, INK);
  show_layout (cr, self->name, g->pad, y);
  if (org_height > 0)
    {
      cairo_set_source_rgb (cr, INK_MUTED);
      show_layout (cr, self->organisation, g->pad, y + name_height + g->gap);
    }

  draw_qr (self, cr, attendee, self->qr_x, self->qr_y, g->qr);
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
    draw_badge_event (self, cr);
  else
    draw_ticket_event (self, cr);
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
    draw_badge_attendee (self, cr, attendee);
  else
    draw_ticket_attendee (self, cr, attendee);
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
      setup_ticket (self);
      break;
    case MP_TICKET_LAYOUT_SHEET:
      self->ticket = sheet_geometry;
      setup_ticket (self);
      break;
    case MP_TICKET_LAYOUT_BADGE:
      self->badge = badge_geometry;
      setup_badge (self);
      break;
    case MP_TICKET_LAYOUT_BADGE_LABEL:
      self->badge = badge_label_geometry;
      setup_badge (self);
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
  g_clear_object (&self->name);
  g_clear_object (&self->organisation);
  g_clear_pointer (&self->name_font, pango_font_description_free);
  g_clear_pointer (&self->event_part, cairo_surface_destroy);
  g_clear_object (&self->context);
  g_mutex_unlock (&text_lock);
  g_clear_object (&self->event);

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
  g_return_val_if_fail (MP_IS_EVENT (event), NULL);
  g_return_val_if_fail (layout < MP_N_TICKET_LAYOUTS, NULL);

  return g_object_new (MP_TYPE_TICKET_RENDERER,
                       "event", event,
                       "layout", layout,
                       NULL);
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
      draw_cut_lines (self, cr);
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

void
_mp_ticket_renderer_start_code_prefetch (MpTicketRenderer *self,
                                         GPtrArray        *attendees)
{
  g_return_if_fail (self->prefetch == NULL);
  self->prefetch = code_prefetch_start (attendees);
}

void
_mp_ticket_renderer_stop_code_prefetch (MpTicketRenderer *self)
{
  g_clear_pointer (&self->prefetch, code_prefetch_stop);
}
