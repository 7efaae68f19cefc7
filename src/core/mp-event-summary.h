/* mp-event-summary.h: an event's places and counts in one line
 *
 * "52 of 80 registered · 28 places left · 4 on the waiting list ·
 * 3 cancelled": the figures add up to everyone ever registered, the
 * cancelled apart, and capacity is shown wherever the event has one.
 * The events list and the event page say it the same way.
 */
#pragma once

#include "mp-event.h"

G_BEGIN_DECLS

/* The registrations part: registered (of the capacity, with the places
 * left or how far past it), the waiting list and the cancelled when
 * there are any. Numbers in the reader's grouping (mp-number.h).
 * @capacity -1: no limit. */
char      *mp_event_summary_places        (const MpEventCounts *counts,
                                           int                  capacity);

/* Whether the number of arrivals says something at @now (UTC seconds):
 * once the event has begun, or when someone has arrived already. An
 * upcoming event's "0 arrived" says nothing. */
gboolean   mp_event_summary_shows_arrived (MpEvent             *event,
                                           gint64               now);

/* The whole line for @event (its counts as the store filled them):
 * the places, then "· 12 arrived" when that says something. */
char      *mp_event_summary               (MpEvent             *event,
                                           gint64               now);

G_END_DECLS
