/* mp-ticket-organiser.h: who invites, on every ticket and badge
 *
 * The organiser's name ("Vestland fylkeskommune") and logo, an SVG
 * (drawn by librsvg, so it stays sharp in a PDF) or a PNG. Set once per
 * computer in Preferences (GSettings keys organiser-name and
 * organiser-logo); the window, the desk's badges, moteplass-cli and the
 * tickets sent by e-mail all use them.
 *
 * An organiser is read-only once made, and may be drawn from any
 * thread (drawing a logo holds a lock of its own).
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

/* A logo larger than this is refused: it is a picture for a corner. */
#define MP_TICKET_LOGO_MAX_BYTES  (8 * 1024 * 1024)
#define MP_TICKET_LOGO_MAX_PIXELS 6000

#define MP_TYPE_TICKET_ORGANISER (mp_ticket_organiser_get_type ())

G_DECLARE_FINAL_TYPE (MpTicketOrganiser, mp_ticket_organiser, MP, TICKET_ORGANISER, GObject)

/* @name may be NULL or empty; @logo_path NULL or empty for no logo.
 * NULL with an error that names the file when the logo cannot be read
 * as an SVG or PNG picture, or is too large. */
MpTicketOrganiser *mp_ticket_organiser_new          (const char         *name,
                                                     const char         *logo_path,
                                                     GError            **error);
/* The organiser of this computer's Preferences, when Møteplass's
 * settings are installed and either is set; else NULL. A logo that can
 * no longer be read is left out (the name still printed). */
MpTicketOrganiser *mp_ticket_organiser_new_default  (void);

const char        *mp_ticket_organiser_get_name     (MpTicketOrganiser  *self);  /* "" if none */
gboolean           mp_ticket_organiser_has_logo     (MpTicketOrganiser  *self);
/* The logo's width divided by its height (1 when it says nothing). */
double             mp_ticket_organiser_get_logo_aspect (MpTicketOrganiser *self);
/* Draws the logo as large as fits @width × @height at (@x, @y),
 * keeping its proportions, at the left and in the middle of the
 * height; returns the width it took (0 without a logo). */
double             mp_ticket_organiser_draw_logo    (MpTicketOrganiser  *self,
                                                     cairo_t            *cr,
                                                     double              x,
                                                     double              y,
                                                     double              width,
                                                     double              height);

G_END_DECLS
