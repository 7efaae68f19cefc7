/* mp-attendee-rows.h: the attendee list as the column view shows it
 *
 * GTK 4.8's list views throw away and build again the widgets of every
 * row they keep (up to 200, with five cells each) when the items at
 * their positions change, which took a tenth of a second or more per
 * keystroke. Here the items are rows that stand for positions
 * (MpAttendeeRow): when the search, sort or filter changes, the rows
 * that stay keep their widgets and only get another attendee; only a
 * change in the number of rows is told to the view, at the end.
 *
 * And only the rows in sight (mp_attendee_rows_set_visible) get theirs
 * before the next frame; the rest of the rows the view keeps get theirs
 * in the main-loop turns just after it, or at once if the view asks for
 * them (get_item).
 *
 * A consequence: a selection by position no longer follows the people
 * by itself; the event page puts it back by registration id.
 */
#pragma once

#include <gio/gio.h>

#include "mp-attendee-list.h"
#include "mp-attendee-row.h"

G_BEGIN_DECLS

#define MP_TYPE_ATTENDEE_ROWS (mp_attendee_rows_get_type ())

G_DECLARE_FINAL_TYPE (MpAttendeeRows, mp_attendee_rows, MP, ATTENDEE_ROWS, GObject)

MpAttendeeRows *mp_attendee_rows_new      (MpAttendeeList *list);
MpAttendeeList *mp_attendee_rows_get_list (MpAttendeeRows *self);
void            mp_attendee_rows_set_limit   (MpAttendeeRows *self,
                                              guint           limit);
void            mp_attendee_rows_set_visible (MpAttendeeRows *self,
                                              guint           first,
                                              guint           n);

G_END_DECLS
