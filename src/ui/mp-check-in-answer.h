/* mp-check-in-answer.h: the answer to a scan, filling the screen
 *
 * One widget for the desk and the kiosk: colour, icon, title, detail,
 * what to do next, a sound, and a timer after which the answer has had
 * its time ("expired"). Which outcome gets which colour, icon, words and
 * sound is one table in mp-check-in-answer-table.c, for both; the words differ
 * by :audience (the volunteer at the desk reads what to do, the attendee
 * at the kiosk where to go). The whole answer is the accessible name of
 * the widget, whose role is alert: a screen reader reads it out.
 *
 * Children added in a template go below the answer, inside its colour
 * (the kiosk's Done button).
 */
#pragma once

#include <gtk/gtk.h>

#include "mp-audience.h"
#include "mp-check-in-result.h"

G_BEGIN_DECLS

#define MP_TYPE_CHECK_IN_ANSWER (mp_check_in_answer_get_type ())

G_DECLARE_FINAL_TYPE (MpCheckInAnswer, mp_check_in_answer, MP, CHECK_IN_ANSWER, GtkWidget)

GtkWidget  *mp_check_in_answer_new                  (MpAudience        audience);

MpAudience  mp_check_in_answer_get_audience         (MpCheckInAnswer  *self);
void        mp_check_in_answer_set_audience         (MpCheckInAnswer  *self,
                                                     MpAudience        audience);
/* How long an answer stays before "expired" (0: until the next one). */
guint       mp_check_in_answer_get_reset_seconds    (MpCheckInAnswer  *self);
void        mp_check_in_answer_set_reset_seconds    (MpCheckInAnswer  *self,
                                                     guint             seconds);
gboolean    mp_check_in_answer_get_play_sounds      (MpCheckInAnswer  *self);
void        mp_check_in_answer_set_play_sounds      (MpCheckInAnswer  *self,
                                                     gboolean          play_sounds);

/* The answer to a check-in, committed or refused. */
void        mp_check_in_answer_show_result          (MpCheckInAnswer  *self,
                                                     MpCheckInResult  *result);
/* Nothing could be recorded (the database failed): @error says why. */
void        mp_check_in_answer_show_failure         (MpCheckInAnswer  *self,
                                                     const GError     *error);
/* The desk undid the check-in of @name (@walk_in: who has no ticket to
 * scan again). */
void        mp_check_in_answer_show_undone          (MpCheckInAnswer  *self,
                                                     const char       *name,
                                                     gboolean          walk_in);
/* A walk-in who is registered already (the kiosk does not check them in
 * by name: typing a name must not be enough to check in someone else). */
void        mp_check_in_answer_show_registered_before (MpCheckInAnswer *self,
                                                       const char      *name);
/* Calm: ready for the next scan (the desk between answers). */
void        mp_check_in_answer_show_ready           (MpCheckInAnswer  *self);
/* The answer stays; "expired" does not come (the kiosk left its page). */
void        mp_check_in_answer_cancel_reset         (MpCheckInAnswer  *self);
/* This answer stays @seconds from now (the desk's offer to admit anyway
 * needs a moment to ask the organiser). */
void        mp_check_in_answer_hold                 (MpCheckInAnswer  *self,
                                                     guint             seconds);

/* What is shown: "ready", "checked-in", "admitted-by-exception",
 * "already", "wrong-event", "cancelled", "waitlisted", "not-a-ticket",
 * "not-valid", "failed", "undone", "undone-walk-in" or
 * "registered-before". */
const char *mp_check_in_answer_get_kind             (MpCheckInAnswer  *self);
const char *mp_check_in_answer_get_title            (MpCheckInAnswer  *self);
const char *mp_check_in_answer_get_detail           (MpCheckInAnswer  *self);
const char *mp_check_in_answer_get_advice           (MpCheckInAnswer  *self);
/* The person the answer is about ("" for none). */
const char *mp_check_in_answer_get_name             (MpCheckInAnswer  *self);
/* How many answers (other than ready) were shown. */
guint       mp_check_in_answer_get_n_answers        (MpCheckInAnswer  *self);
/* The last sound: "none" yet, "welcome", "already", "problem", "off"
 * (:play-sounds is off) or "unavailable" (no sound card). */
const char *mp_check_in_answer_get_sound            (MpCheckInAnswer  *self);

/* The needs shown on the green answer at the desk, by @key ("dietary",
 * "accessibility", "interpreter", "note"): "Dietary: halal", or NULL. */
const char *mp_check_in_answer_get_need             (MpCheckInAnswer  *self,
                                                     const char       *key);
/* How large the answer is drawn for the room it has: "size-normal",
 * "size-large" or "size-huge" (its style class). */
const char *mp_check_in_answer_get_size_class       (MpCheckInAnswer  *self);

/* Every row of the table (its kind), and a row shown by its kind with
 * @result's person (NULL for none): for tests and screenshots. */
guint       mp_check_in_answer_get_n_kinds          (void);
const char *mp_check_in_answer_get_kind_at          (guint             i);
void        mp_check_in_answer_show_kind            (MpCheckInAnswer  *self,
                                                     const char       *kind,
                                                     MpCheckInResult  *result);

/* Signals:
 *   void expired (MpCheckInAnswer *self)
 *     reset-seconds after an answer other than ready, unless another
 *     answer came or the reset was cancelled. */

G_END_DECLS
