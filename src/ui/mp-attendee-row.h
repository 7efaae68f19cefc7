/* mp-attendee-row.h: one row of the attendee view
 *
 * A row stands for a position of the list, not for a person: when the
 * search, sort or filter changes, the row keeps its place and its
 * widgets and only its attendee changes (notify::attendee). See
 * mp-attendee-rows.h for why.
 */
#pragma once

#include <glib-object.h>

#include "mp-attendee.h"

G_BEGIN_DECLS

#define MP_TYPE_ATTENDEE_ROW (mp_attendee_row_get_type ())

G_DECLARE_FINAL_TYPE (MpAttendeeRow, mp_attendee_row, MP, ATTENDEE_ROW, GObject)

MpAttendee *mp_attendee_row_get_attendee  (MpAttendeeRow *self);

/* For MpAttendeeRows. */
MpAttendeeRow *_mp_attendee_row_new           (guint          position,
                                               MpAttendee    *attendee);
guint          _mp_attendee_row_get_position  (MpAttendeeRow *self);
void           _mp_attendee_row_set_position  (MpAttendeeRow *self,
                                               guint          position);
void           _mp_attendee_row_set_attendee  (MpAttendeeRow *self,
                                               MpAttendee    *attendee);
gboolean       _mp_attendee_row_get_stale     (MpAttendeeRow *self);
void           _mp_attendee_row_set_stale     (MpAttendeeRow *self,
                                               gboolean       stale);

G_END_DECLS
