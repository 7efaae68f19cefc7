/* mp-attendee-list.h: an event's attendees as a lazy GListModel
 *
 * Holds the event's MpAttendeeIndex and the positions that match the
 * current query. An item is read from the store only when a list asks
 * for it, and only the most recently used few hundred are kept, so an
 * event with 100,000 registrations costs one index, not 100,000 objects.
 */
#pragma once

#include <gio/gio.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_ATTENDEE_LIST (mp_attendee_list_get_type ())

G_DECLARE_FINAL_TYPE (MpAttendeeList, mp_attendee_list, MP, ATTENDEE_LIST, GObject)

MpAttendeeList *mp_attendee_list_new              (MpStore         *store,
                                                   gint64           event_id,
                                                   GError         **error);
MpStore        *mp_attendee_list_get_store        (MpAttendeeList  *self);
gint64          mp_attendee_list_get_event_id     (MpAttendeeList  *self);
/* Everyone registered for the event, whatever the query. */
guint           mp_attendee_list_get_n_attendees  (MpAttendeeList  *self);

const char     *mp_attendee_list_get_query        (MpAttendeeList  *self);
/* Narrows the list to the attendees whose name, organisation or e-mail
 * has words starting with every word of @query (Norwegian matching).
 * NULL or "" shows everyone. */
void            mp_attendee_list_set_query        (MpAttendeeList  *self,
                                                   const char      *query);

/* Reads the index again and forgets cached attendees: after imports,
 * check-ins or edits made elsewhere. */
gboolean        mp_attendee_list_reload           (MpAttendeeList  *self,
                                                   GError         **error);

G_END_DECLS
