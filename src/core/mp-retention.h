/* mp-retention.h: personal data is kept N months after an event
 *
 * Registrations of events that ended more than N months ago are
 * anonymised the way an erasure does it: names, e-mail, phone, answers
 * and consents go, the anonymous counts stay (sector, organisation,
 * status, check-ins). A person who also registered for a newer event
 * keeps their data for that one; the old registration is moved to an
 * anonymous person of the same sector and organisation, so nothing links
 * them to the old event any more. The audit log records that an
 * anonymisation happened and how many, never who.
 */
#pragma once

#include <gio/gio.h>

#include "mp-store.h"

G_BEGIN_DECLS

/* An event whose registrations are due for anonymisation. */
typedef struct
{
  gint64  event_id;
  char   *title;
  gint64  ends_at;          /* ends_at, or starts_at when it has none */
  guint   registrations;    /* not yet anonymised */
} MpRetentionDue;

void       mp_retention_due_free      (MpRetentionDue *due);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpRetentionDue, mp_retention_due_free)

/* The moment before which an event's end makes it due: @now less
 * @months calendar months, in local time. @months 0 keeps everything
 * (returns G_MININT64). */
gint64     mp_retention_cutoff        (gint64   now,
                                       guint    months);

/* Events with registrations still to anonymise (MpRetentionDue), oldest
 * first; empty when none. */
GPtrArray *mp_retention_list_due      (MpStore  *store,
                                       guint     months,
                                       gint64    now,
                                       GError  **error);

/* Anonymises every due registration in one transaction, all or nothing.
 * @out_registrations and @out_events, if not NULL, get how many. */
gboolean   mp_retention_anonymise     (MpStore  *store,
                                       guint     months,
                                       gint64    now,
                                       guint    *out_registrations,
                                       guint    *out_events,
                                       GError  **error);

G_END_DECLS
