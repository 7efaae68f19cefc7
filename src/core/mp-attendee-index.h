/* mp-attendee-index.h: an event's attendees, in Norwegian name order,
 * searchable by the start of any word of name, organisation or e-mail.
 *
 * Built from the database in one query and kept in memory: a sorted
 * dictionary of folded words, each with the positions of the attendees
 * that have it (one string pool, one array of guint32 postings). A query ORs the postings of every word with the typed
 * prefix into a bitmap and ANDs the bitmaps of the typed words, so a
 * keystroke costs the number of matches, not the number of attendees.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MP_TYPE_ATTENDEE_INDEX (mp_attendee_index_get_type ())

G_DECLARE_FINAL_TYPE (MpAttendeeIndex, mp_attendee_index, MP, ATTENDEE_INDEX, GObject)

gint64     mp_attendee_index_get_event_id        (MpAttendeeIndex *self);
guint      mp_attendee_index_get_n_attendees     (MpAttendeeIndex *self);
/* Registration id at @position of the name order. */
gint64     mp_attendee_index_get_registration_id (MpAttendeeIndex *self,
                                                  guint            position);

/* Positions (guint) of the attendees matching @query, in name order; at
 * most @limit of them (0 = all). @n_total, if not NULL, receives how
 * many match in all. An empty query matches everyone. */
GArray    *mp_attendee_index_search              (MpAttendeeIndex *self,
                                                  const char      *query,
                                                  guint            limit,
                                                  guint           *n_total);

G_END_DECLS
