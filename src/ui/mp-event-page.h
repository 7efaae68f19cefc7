/* mp-event-page.h: one event: its figures and attendees
 *
 * The event's title, date, venue and counts, its attendees (MpAttendeeView)
 * with search and filter, and what a person does with them: the
 * event-page.* actions (mp-event-page-actions.c).
 *
 * Properties: "store" and "settings" (GSettings of the application, for
 * the desk name that check-ins from the list record; NULL: the computer's
 * name) are set by the window; "event" and "title" (the event's title,
 * for the window's) follow mp_event_page_load () and edits.
 */
#pragma once

#include <adwaita.h>

#include "mp-attendee-list.h"
#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_EVENT_PAGE (mp_event_page_get_type ())

G_DECLARE_FINAL_TYPE (MpEventPage, mp_event_page, MP, EVENT_PAGE, AdwBin)

MpStore        *mp_event_page_get_store      (MpEventPage  *self);
void            mp_event_page_set_store      (MpEventPage  *self,
                                              MpStore      *store);
gboolean        mp_event_page_load           (MpEventPage  *self,
                                              gint64        event_id,
                                              GError      **error);
MpEvent        *mp_event_page_get_event      (MpEventPage  *self);
gint64          mp_event_page_get_event_id   (MpEventPage  *self);
const char     *mp_event_page_get_title      (MpEventPage  *self);
MpAttendeeList *mp_event_page_get_attendees  (MpEventPage  *self);
void            mp_event_page_focus_search   (MpEventPage  *self);
/* Refreshes now if another program or the hub's worker wrote to the
 * file (as the page's poll does every second). */
void            mp_event_page_look_for_changes (MpEventPage *self);

/* What the page shows, for tests (MP_DEBUG_STATE; mp-event-page-debug.c). */
void            mp_event_page_describe       (MpEventPage  *self,
                                              GString      *out);

G_END_DECLS
