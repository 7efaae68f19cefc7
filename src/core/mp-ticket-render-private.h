/* mp-ticket-render-private.h: between the files of the renderer:
 *
 *   mp-ticket-render.c         the object, text that fits its box, the
 *                              code and its readable text, the
 *                              organiser's line, pages
 *   mp-ticket-layout-ticket.c  tickets (A6) and the sheet of eight
 *   mp-ticket-layout-badge.c   name badges (card and label roll)
 *   mp-ticket-codes.c          QR codes made ahead on a second thread
 *   mp-ticket-render-file.c    PDF and PNG files
 *
 * Nothing outside src/core/ includes this.
 */
#pragma once

#include <pango/pangocairo.h>

#include "mp-qr.h"
#include "mp-ticket-organiser.h"
#include "mp-ticket-render.h"

G_BEGIN_DECLS

#define MM(x) ((x) * 72.0 / 25.4)

/* GNOME palette: dark 4, dark 2, blue 5, light 4 */
#define INK        0x24 / 255.0, 0x1f / 255.0, 0x31 / 255.0
#define INK_MUTED  0x5e / 255.0, 0x5c / 255.0, 0x64 / 255.0
#define ACCENT     0x1a / 255.0, 0x5f / 255.0, 0xb4 / 255.0
#define RULE       0xc0 / 255.0, 0xbf / 255.0, 0xbc / 255.0

/* A sheet: two columns of four tickets on A4 (mp-ticket-layout.c) */
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
  double code_size;     /* the readable code under the symbol */
  double logo_height;   /* the organiser's line */
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
  double code_size;
  double logo_height;
  double gap;
  int name_lines;
  gboolean portrait;    /* the event on top, the code centred below */
} BadgeGeometry;

typedef struct _CodePrefetch CodePrefetch;

struct _MpTicketRenderer
{
  GObject          parent_instance;

  MpEvent         *event;
  MpTicketLayout   layout;
  MpTicketOrganiser *organiser;   /* NULL: none */

  PangoContext    *context;

  TicketGeometry   ticket;
  BadgeGeometry    badge;

  /* The same on every ticket: laid out once */
  PangoLayout     *kind;          /* empty when the title says it */
  PangoLayout     *title;
  PangoLayout     *when;
  PangoLayout     *venue;
  PangoLayout     *caption;
  PangoLayout     *organiser_name;  /* NULL without an organiser */
  double           organiser_height;
  /* Set for each attendee */
  PangoLayout     *name;
  PangoLayout     *organisation;
  PangoLayout     *code;          /* "MP1 ABCD EFGH …" under the symbol */

  PangoFontDescription *name_font;

  double           event_top;     /* ticket: where the event's text begins */
  double           event_bottom;  /* ticket: where it ends; badge: where the name's room begins */
  double           name_top;      /* ticket: the first line of every name */
  double           name_baseline; /* … and its baseline, at full size */
  double           qr_x;          /* the corner of the symbol */
  double           qr_y;
  double           code_height;   /* room under the symbol for its text */
  cairo_surface_t *event_part;    /* recorded when first drawn to a PDF */

  gboolean         vector_codes;

  CodePrefetch    *prefetch;      /* while rendering to a file */
};

/* mp-ticket-render.c: text */

/* Takes the lock that guards the shared font map and every layout. */
void         _mp_ticket_text_lock          (void);
void         _mp_ticket_text_unlock        (void);
PangoLayout *_mp_ticket_new_layout         (MpTicketRenderer *self,
                                            PangoWeight       weight,
                                            double            size,
                                            double            width,
                                            int               max_lines,
                                            PangoAlignment    alignment);
void         _mp_ticket_set_capped_text    (PangoLayout      *layout,
                                            const char       *text,
                                            gsize             max_chars);
double       _mp_ticket_layout_height      (PangoLayout      *layout);
/* The largest size from @max_size down to @min_size at which @text
 * fits @max_lines lines and @max_height without breaking a word;
 * failing that, at @min_size, broken anywhere and ellipsized. */
void         _mp_ticket_fit_text           (PangoLayout          *layout,
                                            PangoFontDescription *font,
                                            const char           *text,
                                            int                   max_lines,
                                            double                max_height,
                                            double                max_size,
                                            double                min_size);
void         _mp_ticket_show_layout        (cairo_t          *cr,
                                            PangoLayout      *layout,
                                            double            x,
                                            double            y);
/* The quiet zone around a symbol of side @qr */
double       _mp_ticket_quiet_zone         (double            qr);

/* The organiser's line (logo, then name): made for @width at
 * @logo_height; sets organiser_height (0 without an organiser). */
void         _mp_ticket_setup_organiser    (MpTicketRenderer *self,
                                            double            width,
                                            double            logo_height,
                                            double            font_size);
void         _mp_ticket_draw_organiser     (MpTicketRenderer *self,
                                            cairo_t          *cr,
                                            double            x,
                                            double            y);

/* The readable code: laid out at @size, @width wide, centred; sets
 * code_height. */
void         _mp_ticket_setup_code         (MpTicketRenderer *self,
                                            double            size,
                                            double            width);
/* The symbol of @attendee's ticket with its corner at (@x, @y), and its
 * text centred under the quiet zone. */
void         _mp_ticket_draw_code          (MpTicketRenderer *self,
                                            cairo_t          *cr,
                                            MpAttendee       *attendee,
                                            double            x,
                                            double            y,
                                            double            symbol_size);

/* mp-ticket-layout-ticket.c */
void         _mp_ticket_setup_ticket       (MpTicketRenderer *self);
void         _mp_ticket_draw_ticket_event  (MpTicketRenderer *self,
                                            cairo_t          *cr);
void         _mp_ticket_draw_ticket_attendee (MpTicketRenderer *self,
                                              cairo_t          *cr,
                                              MpAttendee       *attendee);
void         _mp_ticket_draw_cut_lines     (MpTicketRenderer *self,
                                            cairo_t          *cr);

/* mp-ticket-layout-badge.c */
void         _mp_ticket_setup_badge        (MpTicketRenderer *self);
void         _mp_ticket_draw_badge_event   (MpTicketRenderer *self,
                                            cairo_t          *cr);
void         _mp_ticket_draw_badge_attendee (MpTicketRenderer *self,
                                             cairo_t          *cr,
                                             MpAttendee       *attendee);

/* mp-ticket-codes.c: while a file is rendered, the QR codes of
 * @attendees, in order, are made ahead on a second thread (when there
 * are enough of them and a second core). Stop it when the file is done,
 * whether it succeeded or not. */
void         _mp_ticket_renderer_start_code_prefetch (MpTicketRenderer *self,
                                                      GPtrArray        *attendees);
void         _mp_ticket_renderer_stop_code_prefetch  (MpTicketRenderer *self);
/* The code of @attendee: from the second thread when it is the next in
 * order, else made here. */
MpQrCode    *_mp_ticket_take_code          (MpTicketRenderer *self,
                                            MpAttendee       *attendee);

G_END_DECLS
