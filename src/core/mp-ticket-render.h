/* mp-ticket-render.h: printed tickets and name badges
 *
 * An MpTicketRenderer draws the tickets or badges of one event in one
 * layout, page by page, on any cairo_t whose user units are points: a
 * PDF or PNG file (mp_ticket_renderer_render_to_file()) or the cairo_t
 * of GtkPrintOperation's ::draw-page (set its unit to GTK_UNIT_POINTS,
 * use_full_page to TRUE and the paper size of
 * mp_ticket_layout_get_page_size()).
 *
 * A renderer reads the event when it is made, keeps the text that is
 * the same on every ticket laid out, and is meant for one thread at a
 * time. Every ticket and badge carries the organiser (name and logo)
 * when there is one, and the ticket's code as text under the symbol
 * (mp_ticket_format_readable()), for a person to type at the desk.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "mp-attendee.h"
#include "mp-event.h"
#include "mp-store.h" /* MpProgressFunc */
#include "mp-ticket-organiser.h"

G_BEGIN_DECLS

typedef enum
{
  MP_TICKET_LAYOUT_TICKET,       /* one ticket per A6 page, landscape */
  MP_TICKET_LAYOUT_BADGE,        /* a name badge, 86 × 54 mm (card size) */
  MP_TICKET_LAYOUT_BADGE_LABEL,  /* a name badge on a 62 mm label roll, 62 × 90 mm */
  MP_TICKET_LAYOUT_SHEET,        /* eight tickets on A4 portrait, to cut */
  MP_N_TICKET_LAYOUTS
} MpTicketLayout;

#define MP_TYPE_TICKET_LAYOUT (mp_ticket_layout_get_type ())

GType        mp_ticket_layout_get_type      (void) G_GNUC_CONST;

/* "ticket", "badge", "badge-label", "sheet" */
const char  *mp_ticket_layout_to_string     (MpTicketLayout  layout);
gboolean     mp_ticket_layout_from_string   (const char     *text,
                                             MpTicketLayout *out_layout);
/* Translated, for a menu: "Name badge, 86 × 54 mm" */
const char  *mp_ticket_layout_get_label     (MpTicketLayout  layout);
/* The paper, in points (1/72 inch), portrait or landscape as printed. */
void         mp_ticket_layout_get_page_size (MpTicketLayout  layout,
                                             double         *width_pt,
                                             double         *height_pt);
/* Tickets or badges on one page. */
guint        mp_ticket_layout_get_per_page  (MpTicketLayout  layout);
/* Pages needed for @n_attendees. */
guint        mp_ticket_layout_get_n_pages   (MpTicketLayout  layout,
                                             guint           n_attendees);

/* The file a page of a PNG rendering goes to: @path itself for a single
 * page, else NAME-1.png, NAME-2.png ..., numbered like pdftoppm does
 * (NAME-01.png from 10 pages on). */
char        *mp_ticket_png_page_path        (const char     *path,
                                             guint           page,
                                             guint           n_pages);

#define MP_TYPE_TICKET_RENDERER (mp_ticket_renderer_get_type ())

G_DECLARE_FINAL_TYPE (MpTicketRenderer, mp_ticket_renderer, MP, TICKET_RENDERER, GObject)

/* With the organiser of this computer's Preferences, if any
 * (mp_ticket_organiser_new_default()). */
MpTicketRenderer *mp_ticket_renderer_new            (MpEvent          *event,
                                                     MpTicketLayout    layout);
/* With @organiser (NULL: none) on every ticket and badge. */
MpTicketRenderer *mp_ticket_renderer_new_full       (MpEvent           *event,
                                                     MpTicketLayout     layout,
                                                     MpTicketOrganiser *organiser);
MpTicketOrganiser *mp_ticket_renderer_get_organiser (MpTicketRenderer *self);
MpEvent          *mp_ticket_renderer_get_event      (MpTicketRenderer *self);
MpTicketLayout    mp_ticket_renderer_get_layout     (MpTicketRenderer *self);
/* Whether QR codes are drawn as rectangles (mp_qr_code_draw()) rather
 * than as sharp 1-bit image masks (mp_qr_code_draw_mask(), the
 * default): both scan and print alike; masks make a PDF of many
 * tickets several times faster to write and smaller. */
gboolean          mp_ticket_renderer_get_vector_codes (MpTicketRenderer *self);
void              mp_ticket_renderer_set_vector_codes (MpTicketRenderer *self,
                                                       gboolean          vector_codes);

/* Draws one page with the origin at the top left of the paper, in
 * points, whatever the cairo_t's resolution. @n_attendees is at most
 * mp_ticket_layout_get_per_page(); a sheet that is not full leaves its
 * last places empty. Paints no background. */
void              mp_ticket_renderer_draw_page      (MpTicketRenderer  *self,
                                                     cairo_t           *cr,
                                                     MpAttendee       **attendees,
                                                     guint              n_attendees);

/* Writes the tickets of @attendees (MpAttendee *), in order, as one PDF,
 * or as PNG at 300 dpi when @path ends in ".png" (see
 * mp_ticket_png_page_path()). Files appear whole or not at all: each is
 * written beside its final name and renamed into place. Every attendee
 * must have a ticket token. */
gboolean          mp_ticket_renderer_render_to_file (MpTicketRenderer  *self,
                                                     const char        *path,
                                                     GPtrArray         *attendees,
                                                     GCancellable      *cancellable,
                                                     MpProgressFunc     progress,
                                                     gpointer           progress_data,
                                                     GError           **error);

G_END_DECLS
