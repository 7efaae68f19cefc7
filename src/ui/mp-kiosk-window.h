/* mp-kiosk-window.h: the self-service kiosk
 *
 * A fullscreen window of its own that faces the attendee: scan your
 * ticket, register without one, choose your language; nothing else. It
 * cannot be closed, and the application's actions and shortcuts are
 * switched off while it runs; leaving takes the organiser's PIN (the
 * lock in the corner), and goes back to the window it was opened from
 * (or ends the program, when it was started with --kiosk). After a while without a touch or a key it goes
 * back to the welcome screen in the default language and forgets what
 * was typed.
 *
 * Environment, for tests:
 *   MP_KIOSK_IDLE_SECONDS     seconds without input before the reset (30)
 *   MP_KIOSK_RESULT_SECONDS   seconds an answer stays on screen (8)
 *   MP_KIOSK_PIN_WAIT_SECONDS the first wait after five wrong PINs (30);
 *                             it doubles with each further wrong PIN
 *   MP_DEBUG_STATE            a file kept up to date with what is shown
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_KIOSK_WINDOW (mp_kiosk_window_get_type ())

G_DECLARE_FINAL_TYPE (MpKioskWindow, mp_kiosk_window, MP, KIOSK_WINDOW, AdwWindow)

/* TRUE when @settings hold a kiosk PIN: without one the kiosk could not
 * be left, so it must not start. */
gboolean       mp_kiosk_window_has_pin  (GSettings      *settings);

/* @settings must hold a PIN (mp_kiosk_window_has_pin()). */
MpKioskWindow *mp_kiosk_window_new      (GtkApplication *application,
                                         MpStore        *store,
                                         MpEvent        *event,
                                         GSettings      *settings);

/* Asks the organiser, over @parent, to set a kiosk PIN (typed twice);
 * when they do, the PIN's hash goes into @settings, the kiosk starts and
 * @parent is closed: the kiosk started on its own (--kiosk) ends the
 * program when it is left. */
void           mp_kiosk_window_ask_for_pin (GtkWindow   *parent,
                                            MpStore     *store,
                                            MpEvent     *event,
                                            GSettings   *settings);
/* The kiosk opened from @parent (the organiser's window, hidden while
 * it runs; the PIN is asked for first, twice, if none is set): the
 * right PIN brings @parent back. */
void           mp_kiosk_window_open        (GtkWindow   *parent,
                                            MpStore     *store,
                                            MpEvent     *event,
                                            GSettings   *settings);

G_END_DECLS
