/* Helpers shared by the tests that drive a GTK window from inside. */
#pragma once

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mp-test-util.h"

/* The program's translations, from the build (MP_LOCALEDIR) or installed. */
static inline void
mp_test_bind_textdomain (void)
{
  const char *localedir = g_getenv ("MP_LOCALEDIR");

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* g_test_init () for tests that need a display, then GTK and libadwaita;
 * FALSE when there is no display (every test is skipped): main returns
 * g_test_run () then. */
static inline gboolean
mp_test_init_gtk (int    *argc,
                  char ***argv)
{
  g_test_init (argc, argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("No display: set DISPLAY or run under xvfb-run");
      return FALSE;
    }
  adw_init ();
  return TRUE;
}

/* The first widget of @type in @widget's tree (@widget itself first),
 * depth first; NULL if there is none. */
static inline GtkWidget *
mp_test_find_of_type (GtkWidget *widget,
                      GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mp_test_find_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first AdwPreferencesRow titled @title in @widget's tree, depth
 * first; NULL if there is none. */
static inline GtkWidget *
mp_test_find_row (GtkWidget  *widget,
                  const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mp_test_find_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* For mp_test_wait_until (): @widget is on the screen. */
static inline gboolean
mp_test_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

static inline void
mp_test_count_paint (GdkFrameClock *clock,
                     guint         *n)
{
  (*n)++;
}

/* Runs the main loop until a frame of @widget's window has been painted
 * (and what waited for it has run), or 5 s: a test fails then. */
static inline void
mp_test_wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint n_paints = 0;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (mp_test_count_paint), &n_paints);
  gtk_widget_queue_draw (widget);
  g_assert_true (mp_test_wait_until (mp_test_is_nonzero, &n_paints, 5000));
  g_signal_handler_disconnect (clock, handler);
  mp_test_wait_until (mp_test_nothing_pending, NULL, 1000);
}
