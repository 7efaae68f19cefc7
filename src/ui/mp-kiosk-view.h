/* mp-kiosk-view.h: what the attendee at the kiosk sees, in one language
 *
 * The welcome screen with the event and the language buttons, where to
 * hold a ticket, the green/amber/red answer to a scan, the walk-in form
 * and the organiser's PIN pad. Its strings are translated when it is
 * built: MpKioskWindow builds a new view for each visitor and for each
 * change of language, so nothing typed survives and every label speaks
 * the language just chosen.
 */
#pragma once

#include <gtk/gtk.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_KIOSK_VIEW (mp_kiosk_view_get_type ())

G_DECLARE_FINAL_TYPE (MpKioskView, mp_kiosk_view, MP, KIOSK_VIEW, GtkWidget)

/* @language is the code of the language in force (nb, nn, en, uk, ar),
 * for the language buttons; @desk is what check-ins record. */
MpKioskView *mp_kiosk_view_new              (MpStore     *store,
                                             MpEvent     *event,
                                             const char  *language,
                                             const char  *desk);

/* Checks in the ticket that was scanned and shows the answer. */
void         mp_kiosk_view_check_in         (MpKioskView *self,
                                             const char  *scanned_text);

void         mp_kiosk_view_show_pin         (MpKioskView *self);
/* What the PIN pad says after a wrong PIN; with @locked the pad takes
 * nothing until it is unlocked again. */
void         mp_kiosk_view_set_pin_message  (MpKioskView *self,
                                             const char  *message,
                                             gboolean     locked);

/* welcome, scan, result, walk-in or pin */
const char  *mp_kiosk_view_get_page         (MpKioskView *self);

/* Appends key=value lines about what is shown, for MP_DEBUG_STATE. */
void         mp_kiosk_view_describe         (MpKioskView *self,
                                             GString     *state);

/* Appends "button=NAME X Y" (its centre in the window), for MP_DEBUG_STATE. */
void         _mp_kiosk_view_describe_button (GString     *state,
                                             const char  *name,
                                             GtkWidget   *button);

/* Signals:
 *   void language-chosen (MpKioskView *self, const char *code)
 *   void pin-entered     (MpKioskView *self, const char *pin)
 *   void page-changed    (MpKioskView *self)                          */

G_END_DECLS
