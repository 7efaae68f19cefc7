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

/* What the list is ordered by. The name order is the surname order
 * (family name, then given name: mp-person-name.h); by first name is
 * the names as written ("Given Family"). Ties keep the name order;
 * empty values (no organisation, not arrived) come last either way. */
typedef enum
{
  MP_ATTENDEE_SORT_NAME,
  MP_ATTENDEE_SORT_ORGANISATION,
  MP_ATTENDEE_SORT_SECTOR,
  MP_ATTENDEE_SORT_STATUS,
  MP_ATTENDEE_SORT_ARRIVED,   /* by arrival time */
  MP_ATTENDEE_SORT_GIVEN_NAME, /* by first name; NAME is by surname */
} MpAttendeeSort;

typedef enum
{
  MP_ATTENDEE_ARRIVED_ANY,
  MP_ATTENDEE_ARRIVED_YES,
  MP_ATTENDEE_ARRIVED_NO,
} MpAttendeeArrivedFilter;

/* No sector filter, and the filter for people without a sector. */
#define MP_ATTENDEE_SECTOR_ANY  ((gint64) 0)
#define MP_ATTENDEE_SECTOR_NONE ((gint64) -1)
/* No status filter. */
#define MP_ATTENDEE_STATUS_ANY  (-1)

void            mp_attendee_list_set_sort         (MpAttendeeList  *self,
                                                   MpAttendeeSort   sort,
                                                   gboolean         descending);
MpAttendeeSort  mp_attendee_list_get_sort         (MpAttendeeList  *self,
                                                   gboolean        *descending);

/* Narrows the list further, combined with the query: a sector (its id,
 * or one of the MP_ATTENDEE_SECTOR_ values), a status (an
 * MpRegistrationStatus or MP_ATTENDEE_STATUS_ANY) and arrived or not. */
void            mp_attendee_list_set_filter       (MpAttendeeList           *self,
                                                   gint64                    sector_id,
                                                   int                       status,
                                                   MpAttendeeArrivedFilter   arrived);
gboolean        mp_attendee_list_get_filtered     (MpAttendeeList  *self);

/* The registration shown at @position without reading the attendee
 * (0 past the end), and the position of a registration (-1 if hidden). */
gint64          mp_attendee_list_get_registration_id (MpAttendeeList *self,
                                                      guint           position);
int             mp_attendee_list_find_registration   (MpAttendeeList *self,
                                                      gint64          registration_id);

/* Reads the index (and what the list sorts and filters by) again: after
 * imports, check-ins or edits made here or elsewhere. Tells the views
 * only about the rows that changed, so a view keeps its scroll position;
 * an attendee whose row is in use is re-read and replaced when it
 * changed. */
gboolean        mp_attendee_list_reload           (MpAttendeeList  *self,
                                                   GError         **error);

G_END_DECLS
