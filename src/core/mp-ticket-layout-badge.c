/* mp-ticket-layout-badge.c: name badges, the name as large as it goes
 *
 * A card (86 × 54 mm, landscape): the name across the top, the code in
 * the bottom right corner with its readable text under it, and beside
 * the code the organiser (logo and name) over the event's title. A
 * label (62 × 90 mm, portrait): the organiser and the event across the
 * top, the name in the middle, the code centred at the bottom.
 */
#define G_LOG_DOMAIN "mp-ticket-render"

#include "config.h"

#include "mp-text.h"
#include "mp-ticket-render-private.h"

#define BADGE_BAR MM (0.8)

/* Landscape: the column left of the code */
static double
beside_code_width (const BadgeGeometry *g)
{
  return g->width - 2 * g->pad - g->qr - _mp_ticket_quiet_zone (g->qr) - MM (1.0);
}

void
_mp_ticket_setup_badge (MpTicketRenderer *self)
{
  const BadgeGeometry *g = &self->badge;
  const char *title = mp_event_get_title (self->event);
  double quiet = _mp_ticket_quiet_zone (g->qr);
  double width = g->width - 2 * g->pad;

  self->name = _mp_ticket_new_layout (self, PANGO_WEIGHT_BOLD, g->name_size, width, g->name_lines, PANGO_ALIGN_LEFT);
  self->name_font = pango_font_description_copy (pango_layout_get_font_description (self->name));
  self->organisation = _mp_ticket_new_layout (self, PANGO_WEIGHT_NORMAL, g->org_size, width, 2, PANGO_ALIGN_LEFT);

  self->title = _mp_ticket_new_layout (self, PANGO_WEIGHT_BOLD, g->event_size,
                                       g->portrait ? width : beside_code_width (g),
                                       2, PANGO_ALIGN_LEFT);
  _mp_ticket_set_capped_text (self->title, title, MP_TEXT_MAX_TITLE);
  _mp_ticket_setup_organiser (self, g->portrait ? width : beside_code_width (g), g->logo_height, g->event_size);
  _mp_ticket_setup_code (self, g->code_size, g->qr);

  /* the code at the bottom, its text under its quiet zone */
  self->qr_x = g->portrait ? (g->width - g->qr) / 2 : g->width - g->pad - g->qr;
  self->qr_y = g->height - g->pad - self->code_height - quiet - g->qr;

  /* Where the name's room begins */
  if (g->portrait)
    self->event_bottom = g->pad
                         + (self->organiser_height > 0 ? self->organiser_height + g->gap : 0)
                         + BADGE_BAR + g->gap + _mp_ticket_layout_height (self->title) + g->gap;
  else
    self->event_bottom = g->pad;
}

/* The organiser, then the event under a short accent bar */
void
_mp_ticket_draw_badge_event (MpTicketRenderer *self,
                             cairo_t          *cr)
{
  const BadgeGeometry *g = &self->badge;
  double title_height = _mp_ticket_layout_height (self->title);
  double y;

  if (g->portrait)
    {
      _mp_ticket_draw_organiser (self, cr, g->pad, g->pad);
      y = g->pad + (self->organiser_height > 0 ? self->organiser_height + g->gap : 0);
    }
  else
    {
      y = g->height - g->pad - title_height - g->gap - BADGE_BAR;
      if (self->organiser_height > 0)
        _mp_ticket_draw_organiser (self, cr, g->pad, y - g->gap - self->organiser_height);
    }

  cairo_set_source_rgb (cr, ACCENT);
  cairo_rectangle (cr, g->pad, y, MM (8.0), BADGE_BAR);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, INK_MUTED);
  _mp_ticket_show_layout (cr, self->title, g->pad, y + BADGE_BAR + g->gap);
}

void
_mp_ticket_draw_badge_attendee (MpTicketRenderer *self,
                                cairo_t          *cr,
                                MpAttendee       *attendee)
{
  const BadgeGeometry *g = &self->badge;
  const char *organisation = mp_attendee_get_organisation (attendee);
  double quiet = _mp_ticket_quiet_zone (g->qr);
  double top = self->event_bottom;
  double bottom = self->qr_y - quiet;  /* the name runs the full width above the code */
  double org_height = 0.0;
  double name_height, y;

  if (!g->portrait && self->organiser_height > 0)
    {
      /* and above the organiser beside it */
      double beside = g->height - g->pad - _mp_ticket_layout_height (self->title) - 2 * g->gap - BADGE_BAR
                      - self->organiser_height - g->gap;

      bottom = MIN (bottom, beside);
    }

  if (organisation[0] != '\0')
    {
      _mp_ticket_set_capped_text (self->organisation, organisation, MP_TEXT_MAX_ORGANISATION);
      org_height = _mp_ticket_layout_height (self->organisation) + g->gap;
    }

  _mp_ticket_fit_text (self->name, self->name_font, mp_attendee_get_name (attendee), g->name_lines,
                       bottom - top - org_height, g->name_size, g->name_min);
  name_height = _mp_ticket_layout_height (self->name);

  /* Name and organisation together, in the middle of their room */
  y = top + (bottom - top - name_height - org_height) / 2;

  cairo_set_source_rgb (cr, INK);
  _mp_ticket_show_layout (cr, self->name, g->pad, y);
  if (org_height > 0)
    {
      cairo_set_source_rgb (cr, INK_MUTED);
      _mp_ticket_show_layout (cr, self->organisation, g->pad, y + name_height + g->gap);
    }

  _mp_ticket_draw_code (self, cr, attendee, self->qr_x, self->qr_y, g->qr);
}
