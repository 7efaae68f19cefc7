#define G_LOG_DOMAIN "mp-frame-timing"

#include "config.h"

#include <stdio.h>

#include "mp-frame-timing.h"

typedef struct
{
  GdkFrameClock *clock;
  gulong         handler;
  char          *what;
  gint64         started_us;
  double         work_ms;
  gint64         frame_start_us;  /* the first phase of the frame that shows it */
  gulong         phase_handlers[3];
} Pending;

static void
frame_phase_cb (GdkFrameClock *clock,
                Pending       *pending)
{
  if (pending->frame_start_us == 0)
    pending->frame_start_us = g_get_monotonic_time ();
}

gboolean
mp_frame_timing_enabled (void)
{
  static int enabled = -1;

  /* One meaning everywhere: set (to anything but "" or "0"), the
   * window logs "timing:" lines on standard error. */
  if (enabled < 0)
    {
      const char *value = g_getenv ("MP_DEBUG_TIMING");

      enabled = value != NULL && value[0] != '\0' && g_strcmp0 (value, "0") != 0;
    }
  return enabled;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Pending       *pending)
{
  double frame_ms = (g_get_monotonic_time () - pending->started_us) / 1000.0;

  double draw_ms = pending->frame_start_us != 0 ? (g_get_monotonic_time () - pending->frame_start_us) / 1000.0 : 0;

  fprintf (stderr, "timing: %s work=%.2fms frame=%.2fms draw=%.2fms\n", pending->what, pending->work_ms, frame_ms, draw_ms);
  for (guint i = 0; i < G_N_ELEMENTS (pending->phase_handlers); i++)
    g_signal_handler_disconnect (clock, pending->phase_handlers[i]);
  g_signal_handler_disconnect (clock, pending->handler);
  g_object_unref (pending->clock);
  g_free (pending->what);
  g_free (pending);
}

void
mp_frame_timing_log (GtkWidget  *widget,
                     const char *what,
                     gint64      started_us,
                     double      work_ms)
{
  GdkFrameClock *clock;
  Pending *pending;

  if (!mp_frame_timing_enabled ())
    return;

  clock = gtk_widget_get_frame_clock (widget);
  if (clock == NULL)
    return;

  pending = g_new0 (Pending, 1);
  pending->clock = g_object_ref (clock);
  pending->what = g_strdup (what);
  pending->started_us = started_us;
  pending->work_ms = work_ms;
  /* a frame starts with whichever phase it needs first */
  pending->phase_handlers[0] = g_signal_connect (clock, "update", G_CALLBACK (frame_phase_cb), pending);
  pending->phase_handlers[1] = g_signal_connect (clock, "layout", G_CALLBACK (frame_phase_cb), pending);
  pending->phase_handlers[2] = g_signal_connect (clock, "paint", G_CALLBACK (frame_phase_cb), pending);
  pending->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), pending);
  gtk_widget_queue_draw (widget);
}

static void
first_frame_painted_cb (GdkFrameClock *clock,
                        GtkWidget     *window)
{
  /* wall-clock time, for a benchmark that started the process */
  fprintf (stderr, "timing: first-frame wall=%" G_GINT64_FORMAT "us\n", g_get_real_time ());
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted_cb, window);
}

static void
first_frame_realize_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (first_frame_painted_cb), window);
  g_signal_handlers_disconnect_by_func (window, first_frame_realize_cb, NULL);
}

/**
 * mp_frame_timing_watch_first_frame:
 * @window: a window about to be shown
 *
 * With MP_DEBUG_TIMING set, logs
 *   timing: first-frame wall=1795448828123456us
 * when the first frame of @window has been painted (the wall clock, in
 * microseconds, for bench/bench-window.sh, which knows when it started
 * the program).
 */
void
mp_frame_timing_watch_first_frame (GtkWidget *window)
{
  if (!mp_frame_timing_enabled ())
    return;
  g_signal_connect (window, "realize", G_CALLBACK (first_frame_realize_cb), NULL);
}
