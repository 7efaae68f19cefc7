/* mp-admissions.h: tickets admitted twice while desks were apart
 *
 * Two desks that cannot reach the hub both admit the same ticket: that is
 * two check-in rows, and neither is lost. The earliest one (by device
 * time, ties by UUID: a rule every computer applies the same way)
 * counts (registration.checkin_id, kept by the database); the others are
 * "admitted twice while offline" and are never counted twice in
 * attendance.
 */
#pragma once

#include "mp-store.h"

G_BEGIN_DECLS

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
