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

typedef struct
{
  GtkWidget        *widget;   /* owned until @func has run */
  GdkFrameClock    *clock;    /* not owned */
  gulong            handler;
  MpAfterFrameFunc  func;
  gpointer          user_data;
  gboolean          painted;
} AfterPaint;

/* The clock went away first (its window closed): nothing to do. */
static void
after_paint_free (gpointer  data,
                  GClosure *closure)
{
  AfterPaint *after = data;

  if (after->painted)
    return;  /* the idle below has it now */
  g_object_unref (after->widget);
  g_free (after);
}

static gboolean
after_paint_idle_cb (gpointer data)
{
  AfterPaint *after = data;

  if (gtk_widget_get_root (after->widget) != NULL)
    after->func (after->widget, after->user_data);
  g_object_unref (after->widget);
  g_free (after);
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                AfterPaint    *after)
{
  after->painted = TRUE;
  g_signal_handler_disconnect (clock, after->handler);
  after->clock = NULL;
  /* after the frame, not inside it */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, after_paint_idle_cb, after, NULL);
}

/**
 * mp_after_next_paint:
 * @widget: a realised widget that has just queued a change
 * @func: what to do once the frame showing it has been painted
 * @user_data: for @func
 *
 * Calls @func once, just after the next frame of @widget's window was
 * painted. Unlike a tick callback this does not make the frame clock
 * tick at the display's rate (which would make the frame wait for its
 * turn). If @widget is not realised, @func is called at once.
 */
void
mp_after_next_paint (GtkWidget        *widget,
                     MpAfterFrameFunc  func,
                     gpointer          user_data)
{
  GdkFrameClock *clock;
  AfterPaint *after;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (func != NULL);

  clock = gtk_widget_get_frame_clock (widget);
  if (clock == NULL)
    {
      func (widget, user_data);
      return;
    }

  after = g_new0 (AfterPaint, 1);
  after->widget = g_object_ref (widget);
  after->clock = clock;
  after->func = func;
  after->user_data = user_data;
  after->handler = g_signal_connect_data (clock, "after-paint", G_CALLBACK (after_paint_cb), after,
                                          after_paint_free, 0);
}
