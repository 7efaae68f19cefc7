/* mp-preferences-window.h: the settings of this computer's desk, badges,
 * kiosk and personal data, kept in GSettings. */
#pragma once

#include <adwaita.h>

#include "mp-hub.h"

G_BEGIN_DECLS

#define MP_TYPE_PREFERENCES_WINDOW (mp_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (MpPreferencesWindow, mp_preferences_window, MP, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* settings: no.moteplass.Moteplass */
MpPreferencesWindow *mp_preferences_window_new      (GtkWindow            *parent,
                                                     GSettings            *settings);

/* Adds the Hub page for @hub, the worker of the database the window
 * that opened Preferences shows (mp-preferences-hub.c). */
void                 mp_preferences_window_set_hub  (MpPreferencesWindow  *self,
                                                     MpHub                *hub);

/* Stores a salted slow hash of pin as the kiosk PIN (never the PIN);
 * MP_ERROR_INVALID unless it is 4 to 12 digits. What the "Set PIN"
 * dialog does when confirmed. */
gboolean             mp_preferences_window_save_pin (MpPreferencesWindow  *self,
                                                     const char           *pin,
                                                     GError              **error);

/* The badge printer choices as shown: "" (save as PDF in a folder),
 * then the CUPS queues once they are known. For tests. */
GStrv                mp_preferences_window_dup_printer_choices (MpPreferencesWindow *self);

G_END_DECLS
