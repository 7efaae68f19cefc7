#define G_LOG_DOMAIN "mp-after-frame"

#include "config.h"

#include "mp-after-frame.h"

typedef struct
{
  MpAfterFrameFunc func;
  gpointer         user_data;
  guint            ticks;
} AfterFrame;

static gboolean
after_frame_tick_cb (GtkWidget     *widget,
                     GdkFrameClock *frame_clock,
                     gpointer       data)
{
  AfterFrame *after = data;

  /* A tick comes before the frame's layout and paint: the first is the
   * frame that shows the widget, the second comes after it was painted. */
  if (after->ticks++ == 0)
    return G_SOURCE_CONTINUE;

  after->func (widget, after->user_data);
  return G_SOURCE_REMOVE;
}

/**
 * mp_after_first_frame:
 * @widget: a widget about to be shown
 * @func: what to do once it has been
 * @user_data: for @func
 *
 * Calls @func once, in the frame after the first frame in which @widget
 * is on the screen was painted (at once in the next frame if it already
 * is).
 *
 * Returns: the id of the tick callback, for gtk_widget_remove_tick_callback()
 */
guint
mp_after_first_frame (GtkWidget        *widget,
                      MpAfterFrameFunc  func,
                      gpointer          user_data)
{
  AfterFrame *after;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), 0);
  g_return_val_if_fail (func != NULL, 0);

  after = g_new0 (AfterFrame, 1);
  after->func = func;
  after->user_data = user_data;
  return gtk_widget_add_tick_callback (widget, after_frame_tick_cb, after, g_free);
}
