/* mp-frame-timing.h: how long until a change is on the screen
 *
 * With MP_DEBUG_TIMING set (to anything but "" or "0"; README.md), the
 * window logs lines like
 *   timing: search work=0.41ms frame=6.20ms draw=3.10ms
 * on standard error: "work" is the time the change itself took, "frame"
 * the time from @started_us until the frame that shows it was painted,
 * "draw" the time that frame took from its first phase to painted
 * (frame − work − draw is the wait for the frame clock's turn: while a
 * text cursor blinks, GTK ticks the clock at the display's rate).
 * bench/bench-keystroke.sh reads them. Without the variable nothing is
 * measured or logged.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean mp_frame_timing_enabled (void);
void     mp_frame_timing_log     (GtkWidget  *widget,
                                  const char *what,
                                  gint64      started_us,
                                  double      work_ms);
void     mp_frame_timing_watch_first_frame (GtkWidget *window);

G_END_DECLS
