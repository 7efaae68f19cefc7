/* mp-after-frame.h: work that can wait until a widget is on the screen
 *
 * Opening a window or a page should put something on the screen as soon
 * as it can; what a person does not need in that first frame (a reminder,
 * the list rows below the fold) can come a frame later.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*MpAfterFrameFunc) (GtkWidget *widget,
                                  gpointer   user_data);

guint mp_after_first_frame (GtkWidget        *widget,
                            MpAfterFrameFunc  func,
                            gpointer          user_data);
void  mp_after_next_paint  (GtkWidget        *widget,
                            MpAfterFrameFunc  func,
                            gpointer          user_data);

G_END_DECLS
