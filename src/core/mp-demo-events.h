/* mp-demo-events.h: a living demo database for a first start */
#pragma once

#include "mp-store.h"

G_BEGIN_DECLS

/* Adds three events with fictional attendees from every sector: a
 * dialogue meeting on integration and volunteering today (some already
 * checked in), a breakfast seminar next week and last month's meeting
 * (with its arrivals, for reports). Deterministic names; times relative
 * to now. */
gboolean  mp_demo_populate (MpStore  *store,
                            GError  **error);

G_END_DECLS
