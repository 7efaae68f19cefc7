/* mp-event-overview.h: the event chosen in the list, beside it
 *
 * In a wide window the events page shows the chosen event here: what,
 * when, where, who to ask, the description, how many are registered,
 * and buttons to open its attendees, its check-in desk (today's
 * events), its report and its editor. The buttons activate the events
 * page's actions (events.open, events.open-desk, events.open-report,
 * events.edit) with the event's id.
 */
#pragma once

#include <adwaita.h>

#include "mp-event.h"

G_BEGIN_DECLS

#define MP_TYPE_EVENT_OVERVIEW (mp_event_overview_get_type ())

G_DECLARE_FINAL_TYPE (MpEventOverview, mp_event_overview, MP, EVENT_OVERVIEW, GtkWidget)

MpEvent   *mp_event_overview_get_event          (MpEventOverview *self);
/* NULL shows "No event chosen". */
void       mp_event_overview_set_event          (MpEventOverview *self,
                                                MpEvent        *event);
/* The header bar: the events page shows its window buttons when the
 * summary is beside the list. */
AdwHeaderBar *mp_event_overview_get_header_bar  (MpEventOverview *self);

/* Whether @event's day is today (local time): the desk is for today. */
gboolean   mp_event_is_today                   (MpEvent        *event);

G_END_DECLS
