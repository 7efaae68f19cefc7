/* mp-admissions.h: tickets admitted twice while desks were apart
 *
 * Two desks that cannot reach the hub both admit the same ticket: that is
 * two check-in rows, and neither is lost. The earliest one (by device
 * time, ties by UUID: a rule every computer applies the same way)
 * counts; the others are "admitted twice while offline" and are never
 * counted twice in attendance.
 */
#pragma once

#include "mp-store.h"

G_BEGIN_DECLS

/* SQL: the check-in @c (an admission that is not undone) has an earlier
 * admission of the same registration that is not undone either. */
#define MP_SQL_ADMITTED_BEFORE(c) \
  "EXISTS (SELECT 1 FROM checkin f WHERE f.registration_id = " c ".registration_id" \
  " AND f.undoes IS NULL AND f.id <> " c ".id" \
  " AND NOT EXISTS (SELECT 1 FROM checkin fu WHERE fu.undoes = f.id)" \
  " AND (f.at < " c ".at OR (f.at = " c ".at AND f.uuid < " c ".uuid)))"

typedef struct
{
  gint64  registration_id;
  char   *name;
  char   *desk;          /* where it was admitted the second time */
  gint64  at;
  char   *first_desk;    /* the admission that counts */
  gint64  first_at;
} MpDoubleAdmission;

void       mp_double_admission_free       (MpDoubleAdmission *admission);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpDoubleAdmission, mp_double_admission_free)

/* FALSE when no ticket of any event here can have been admitted twice:
 * a desk never admits one twice itself, so only check-ins from the hub
 * bring them, and the hub's worker marks the database when one does.
 * Cheap: for a page that refreshes often. */
gboolean   mp_store_may_have_double_admissions (MpStore *store);

/* The tickets of @event_id admitted twice while offline, by time. */
GPtrArray *mp_store_list_double_admissions (MpStore  *store,
                                            gint64    event_id,
                                            GError  **error);

G_END_DECLS
