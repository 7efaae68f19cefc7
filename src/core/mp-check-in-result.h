/* mp-check-in-result.h: the answer to one scan at the door */
#pragma once

#include <glib-object.h>

#include "mp-attendee.h"
#include "mp-enums.h"
#include "mp-event.h"

G_BEGIN_DECLS

#define MP_TYPE_CHECK_IN_RESULT (mp_check_in_result_get_type ())

G_DECLARE_FINAL_TYPE (MpCheckInResult, mp_check_in_result, MP, CHECK_IN_RESULT, GObject)

MpCheckInResult  *mp_check_in_result_new             (MpCheckInOutcome  outcome,
                                                       MpAttendee       *attendee,
                                                       gint64            checkin_id,
                                                       gint64            at,
                                                       const char       *desk);

MpCheckInOutcome  mp_check_in_result_get_outcome     (MpCheckInResult *self);
/* NULL for NOT_A_TICKET and WRONG_EVENT (another event's attendee is
 * none of this desk's business). */
MpAttendee       *mp_check_in_result_get_attendee    (MpCheckInResult *self);
/* For CHECKED_IN: the new check-in; for ALREADY: the earlier one. */
gint64            mp_check_in_result_get_checkin_id  (MpCheckInResult *self);
gint64            mp_check_in_result_get_at          (MpCheckInResult *self);
const char       *mp_check_in_result_get_desk        (MpCheckInResult *self);
gboolean          mp_check_in_result_is_admitted     (MpCheckInResult *self);

/* For CHECKED_IN: whether a person at the desk let them in by exception,
 * and why (mp_store_admit_anyway()). */
MpCheckInException mp_check_in_result_get_exception  (MpCheckInResult *self);
void              mp_check_in_result_set_exception   (MpCheckInResult    *self,
                                                       MpCheckInException  exception);

/* For WRONG_EVENT: the event the ticket is for, its title and start (UTC
 * seconds); NULL and 0 when the ticket is none of ours. Nothing about
 * the person it was made for. */
const char       *mp_check_in_result_get_other_event_title     (MpCheckInResult *self);
gint64            mp_check_in_result_get_other_event_starts_at (MpCheckInResult *self);
void              mp_check_in_result_set_other_event (MpCheckInResult *self,
                                                       const char      *title,
                                                       gint64           starts_at);

/* For CANCELLED and WAITLISTED: the person at the desk may admit them
 * anyway (the kiosk never offers it). */
gboolean          mp_check_in_result_can_admit_anyway (MpCheckInResult *self);

/* The event's counts right after this scan, this check-in included, so
 * that no page keeps a tally of its own. FALSE (and @out_counts zeroed)
 * when they are not known: the store could not count them after a
 * committed check-in (which stands all the same). */
gboolean          mp_check_in_result_get_counts      (MpCheckInResult *self,
                                                       MpEventCounts   *out_counts);
/* For the store, which knows them. */
void              mp_check_in_result_set_counts      (MpCheckInResult     *self,
                                                       const MpEventCounts *counts);

/* One translated sentence for a person: "Welcome, Kari Nordmann (NAV
 * Vestland)", "Already checked in at 08.42 (desk 2)", "This ticket is
 * for Frokostmøte, Tuesday 8 December 2026", ... */
char             *mp_check_in_result_dup_message     (MpCheckInResult *self);
/* What the person at the desk should do next, translated. */
const char       *mp_check_in_result_get_advice      (MpCheckInResult *self);

G_END_DECLS
