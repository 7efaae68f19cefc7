/* mp-debug-state.h: what a window shows, kept in a file for tests
 *
 * With MP_DEBUG_STATE=FILE, a window keeps FILE up to date with what it
 * shows (the "key=value" lines its describe function writes), so that a
 * test driving it from outside can check its answers. Without the
 * variable nothing is described or written.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*MpDebugStateDescribe) (GtkWidget *window,
                                      GString   *state);

guint mp_debug_state_watch (GtkWidget            *window,
                            MpDebugStateDescribe  describe);

G_END_DECLS
