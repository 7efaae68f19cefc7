#define G_LOG_DOMAIN "mp-debug-state"

#include "config.h"

#include "mp-debug-state.h"

typedef struct
{
  GtkWidget            *window;  /* not owned: it removes the source */
  MpDebugStateDescribe  describe;
  char                 *path;
  char                 *written; /* what the file holds */
} DebugState;

static void
debug_state_free (gpointer data)
{
  DebugState *debug = data;

  g_free (debug->path);
  g_free (debug->written);
  g_free (debug);
}

static gboolean
debug_state_write_cb (gpointer data)
{
  DebugState *debug = data;
  g_autoptr(GString) state = g_string_new (NULL);

  /* A window hidden behind another (the organiser's, while the kiosk it
   * opened runs) says nothing; shown again, it says everything anew. */
  if (!gtk_widget_get_visible (debug->window))
    {
      g_clear_pointer (&debug->written, g_free);
      return G_SOURCE_CONTINUE;
    }

  debug->describe (debug->window, state);
  if (g_strcmp0 (state->str, debug->written) != 0)
    {
      g_autoptr(GError) error = NULL;

      if (!g_file_set_contents (debug->path, state->str, -1, &error))
        g_warning ("MP_DEBUG_STATE: %s", error->message);
      g_free (debug->written);
      debug->written = g_strdup (state->str);
    }

  return G_SOURCE_CONTINUE;
}

/**
 * mp_debug_state_watch:
 * @window: the window to describe
 * @describe: appends what @window shows to a string
 *
 * With MP_DEBUG_STATE set, writes what @describe says to that file every
 * 50 ms when it changed, at low priority: what a test reads never
 * delays a frame.
 *
 * Returns: the id of the source, for @window to remove when it goes; 0
 *   without MP_DEBUG_STATE
 */
guint
mp_debug_state_watch (GtkWidget            *window,
                      MpDebugStateDescribe  describe)
{
  const char *path = g_getenv ("MP_DEBUG_STATE");
  DebugState *debug;

  g_return_val_if_fail (GTK_IS_WIDGET (window), 0);
  g_return_val_if_fail (describe != NULL, 0);

  if (path == NULL || path[0] == '\0')
    return 0;

  debug = g_new0 (DebugState, 1);
  debug->window = window;
  debug->describe = describe;
  debug->path = g_strdup (path);
  return g_timeout_add_full (G_PRIORITY_LOW, 50, debug_state_write_cb, debug, debug_state_free);
}
