/* mp-ticket-layout-ticket.c: a ticket (A6) and the sheet of eight
 *
 * The organiser and the event on the left from the top, the attendee
 * under them, the code on the right with its readable text and a word
 * on what to do with it. Every ticket of a renderer puts the first line
 * of its name at the same height: on a sheet, a name on two lines does
 * not push the line above it, and the names line up across the page.
 */
#define G_LOG_DOMAIN "mp-ticket-render"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mp-text.h"
#include "mp-time.h"
#include "mp-ticket-render-private.h"

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
      else if (end_day != NULL)
        /* Translators: the last day of an event over several days, on a ticket: "to Wednesday 9 March 2022" */
        return g_strdup_printf (_("%s %s\nto %s"), start_day, start, end_day);
      return g_strdup_printf ("%s\n%s%s%s", start_day, start,
                              end != NULL ? "–" : "", end != NULL ? end : "");
    }

  start = mp_time_format_long (starts_at);
  if (end_day != NULL && !one_day)
    /* Translators: an event over several days: "Tuesday 8 March 2022 at 09:00 to Wednesday 9 March 2022" */
    return g_strdup_printf (_("%s to %s"), start, end_day);
  if (!one_day)
    return g_steal_pointer (&start);

  end = mp_time_format_clock (ends_at);
  /* Translators: a time span on one day: "Tuesday 8 March 2022 at
   * 09:00–11:30" */
  return g_strdup_printf (_("%1$s–%2$s"), start, end);
}

static void
set_kind_text (PangoLayout *layout,
               MpEvent     *event,
               double       size)
{
  g_autofree char *upper = NULL;
  PangoAttrList *attrs;

  /* "FROKOSTMØTE" over "Frokostmøte: inkludering …" says it twice */
  if (mp_event_title_names_kind (event))
    {
      pango_layout_set_text (layout, "", -1);
      return;
    }

  upper = g_utf8_strup (mp_event_kind_get_label (mp_event_get_kind (event)), -1);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_letter_spacing_new ((int) (size * 0.12 * PANGO_SCALE)));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (layout, upper, -1);
}

static double
ticket_text_width (const TicketGeometry *g)
{
  /* The quiet zone of a version 2 code, and a little air */
  return g->width - 2 * g->pad - g->qr - _mp_ticket_quiet_zone (g->qr) - MM (1.0);
}

static double
kind_height (MpTicketRenderer *self)
{
  if (pango_layout_get_character_count (self->kind) == 0)
    return 0;
  return _mp_ticket_layout_height (self->kind) + self->ticket.gap;
}

void
_mp_ticket_setup_ticket (MpTicketRenderer *self)
{
  const TicketGeometry *g = &self->ticket;
  g_autoptr(PangoFontDescription) title_font = NULL;
  g_autofree char *when = format_when (self->event, g->compact);
  const char *title = mp_event_get_title (self->event);
  const char *venue = mp_event_get_venue (self->event);
  double width = ticket_text_width (g);
  double quiet = _mp_ticket_quiet_zone (g->qr);
  double bottom = g->height - g->pad;
  double reserved;

  _mp_ticket_setup_organiser (self, width, g->logo_height, g->meta_size);

  self->kind = _mp_ticket_new_layout (self, PANGO_WEIGHT_BOLD, g->kind_size, width, 1, PANGO_ALIGN_LEFT);
  set_kind_text (self->kind, self->event, g->kind_size);

  self->title = _mp_ticket_new_layout (self, PANGO_WEIGHT_BOLD, g->title_size, width, 2, PANGO_ALIGN_LEFT);
  title_font = pango_font_description_copy (pango_layout_get_font_description (self->title));
  _mp_ticket_fit_text (self->title, title_font, title != NULL ? title : "",
                       2, G_MAXDOUBLE, g->title_size, g->title_min);

  self->when = _mp_ticket_new_layout (self, PANGO_WEIGHT_NORMAL, g->meta_size, width, 2, PANGO_ALIGN_LEFT);
  pango_layout_set_text (self->when, when, -1);

  self->venue = _mp_ticket_new_layout (self, PANGO_WEIGHT_NORMAL, g->meta_size, width, 2, PANGO_ALIGN_LEFT);
  _mp_ticket_set_capped_text (self->venue, venue, MP_TEXT_MAX_VENUE);

  /* Under the code: its text as wide as the symbol, the caption as wide
   * as the symbol with its quiet zone */
  _mp_ticket_setup_code (self, g->code_size, g->qr);
  self->caption = _mp_ticket_new_layout (self, PANGO_WEIGHT_NORMAL, g->caption_size,
                                         g->qr + 2 * quiet, 2, PANGO_ALIGN_CENTER);
  pango_layout_set_text (self->caption, _("Show this code at the check-in desk"), -1);

  self->name = _mp_ticket_new_layout (self, PANGO_WEIGHT_BOLD, g->name_size, width, 2, PANGO_ALIGN_LEFT);
  self->name_font = pango_font_description_copy (pango_layout_get_font_description (self->name));
  self->organisation = _mp_ticket_new_layout (self, PANGO_WEIGHT_NORMAL, g->org_size, width, 2, PANGO_ALIGN_LEFT);

  /* Where the event's text begins and ends */
  self->event_top = g->pad + (self->organiser_height > 0 ? self->organiser_height + 2 * g->gap : 0);
  self->event_bottom = self->event_top
                       + kind_height (self)
                       + _mp_ticket_layout_height (self->title) + 2 * g->gap
                       + _mp_ticket_layout_height (self->when)
                       + _mp_ticket_layout_height (self->venue);

  /* The names' first line: where a name of two lines at full size and
   * an organisation of two lines just fit above the bottom, or right
   * under the event when there is less room. The same for everyone. */
  pango_layout_set_text (self->name, "Å\nÅ", -1);
  pango_layout_set_text (self->organisation, "Å\nÅ", -1);
  reserved = _mp_ticket_layout_height (self->name) + g->gap / 2 + _mp_ticket_layout_height (self->organisation);
  self->name_top = MAX (self->event_bottom + 3 * g->gap, bottom - reserved);
  self->name_baseline = self->name_top + (double) pango_layout_get_baseline (self->name) / PANGO_SCALE;

  /* The code, its text and the caption, in the middle of the right
   * column, below the quiet zone */
  self->qr_x = g->width - g->pad - g->qr;
  self->qr_y = (g->height - (g->qr + quiet + self->code_height + _mp_ticket_layout_height (self->caption))) / 2;
}

/* What every ticket of the event shows */
void
_mp_ticket_draw_ticket_event (MpTicketRenderer *self,
                              cairo_t          *cr)
{
  const TicketGeometry *g = &self->ticket;
  double x = g->pad;
  double y = self->event_top;
  double quiet = _mp_ticket_quiet_zone (g->qr);

  _mp_ticket_draw_organiser (self, cr, x, g->pad);

  if (kind_height (self) > 0)
    {
      cairo_set_source_rgb (cr, ACCENT);
      _mp_ticket_show_layout (cr, self->kind, x, y);
      y += kind_height (self);
    }

  cairo_set_source_rgb (cr, INK);
  _mp_ticket_show_layout (cr, self->title, x, y);
  y += _mp_ticket_layout_height (self->title) + 2 * g->gap;

  cairo_set_source_rgb (cr, INK_MUTED);
  _mp_ticket_show_layout (cr, self->when, x, y);
  y += _mp_ticket_layout_height (self->when);
  _mp_ticket_show_layout (cr, self->venue, x, y);

  /* the rule over the names, where every name begins */
  cairo_set_source_rgb (cr, RULE);
  cairo_set_line_width (cr, 0.75);
  cairo_move_to (cr, x, self->name_top - 2 * g->gap);
  cairo_rel_line_to (cr, ticket_text_width (g), 0);
  cairo_stroke (cr);

  cairo_set_source_rgb (cr, INK_MUTED);
  _mp_ticket_show_layout (cr, self->caption, self->qr_x - quiet,
                          self->qr_y + g->qr + quiet + self->code_height);
}

/* The attendee: the name's first line where every name's is, the
 * organisation under it; and the code on the right */
void
_mp_ticket_draw_ticket_attendee (MpTicketRenderer *self,
                                 cairo_t          *cr,
                                 MpAttendee       *attendee)
{
  const TicketGeometry *g = &self->ticket;
  const char *organisation = mp_attendee_get_organisation (attendee);
  double x = g->pad;
  double bottom = g->height - g->pad;
  double org_height = 0.0;
  double name_y;

  if (organisation[0] != '\0')
    {
      _mp_ticket_set_capped_text (self->organisation, organisation, MP_TEXT_MAX_ORGANISATION);
      org_height = _mp_ticket_layout_height (self->organisation) + g->gap / 2;
    }

  _mp_ticket_fit_text (self->name, self->name_font, mp_attendee_get_name (attendee), 2,
                       bottom - org_height - self->name_top, g->name_size, g->name_min);
  /* a name set smaller keeps the baseline of the others */
  name_y = self->name_baseline - (double) pango_layout_get_baseline (self->name) / PANGO_SCALE;
  name_y = MAX (name_y, self->name_top);

  cairo_set_source_rgb (cr, INK);
  _mp_ticket_show_layout (cr, self->name, x, name_y);
  if (org_height > 0)
    {
      cairo_set_source_rgb (cr, INK_MUTED);
      _mp_ticket_show_layout (cr, self->organisation, x, name_y + _mp_ticket_layout_height (self->name) + g->gap / 2);
    }

  _mp_ticket_draw_code (self, cr, attendee, self->qr_x, self->qr_y, g->qr);
}

void
_mp_ticket_draw_cut_lines (MpTicketRenderer *self,
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
