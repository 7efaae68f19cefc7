/* mp-preferences-hub.h: Preferences' Hub page
 *
 * Not linked: the connection as libpq takes it (a postgresql:// URI or
 * "host=… dbname=…"), a password kept apart (a password typed into the
 * connection is taken out of it and shown as dots; at Join it goes to
 * ~/.pgpass, never into the database), the desk name (the "desk-name"
 * setting check-ins record), Test Connection (on a thread: libpq
 * blocks) which lists the hub's events to choose the ones to pull, and
 * Join. Linked: the state, the connection (no password), the desk, the
 * events pulled, and Leave (asked twice when changes have not reached
 * the hub). Join and Leave go through MpHub (mp_hub_join_async ()), so
 * the application's worker stops and starts with them.
 */
#pragma once

#include <adwaita.h>

#include "mp-hub.h"

G_BEGIN_DECLS

#define MP_TYPE_PREFERENCES_HUB (mp_preferences_hub_get_type ())

G_DECLARE_FINAL_TYPE (MpPreferencesHub, mp_preferences_hub, MP, PREFERENCES_HUB, AdwPreferencesPage)

/* @settings: no.moteplass.Moteplass (the desk name), or NULL */
GtkWidget  *mp_preferences_hub_new       (MpHub            *hub,
                                          GSettings        *settings);

/* What the page shows, as key=value lines, for tests. */
void        mp_preferences_hub_describe  (MpPreferencesHub *self,
                                          GString          *out);

G_END_DECLS
