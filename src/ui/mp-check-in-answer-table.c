/* mp-check-in-answer-table.c: every answer the door gives, for the
 * desk and the kiosk alike: its colour, icon, sound and words by who
 * reads them; and what the volunteer must know on letting someone in.
 * Shown by MpCheckInAnswer (mp-check-in-answer.c). */
#define G_LOG_DOMAIN "mp-check-in-answer"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-check-in-answer-private.h"

const char *const _mp_check_in_answer_sound_names[N_SOUNDS] = { "welcome", "already", "problem" };

/* Every answer the door gives, for the desk and the kiosk alike. Colour
 * (the style class) is never the only signal: each answer has its icon
 * and its words. Green is "come in", amber "not a refusal: ask" (already
 * in, the waiting list, cancelled, registered before: the desk can let
 * them in anyway; the kiosk sends them there), red "not admitted". The
 * colours are style.css's @mp_welcome_bg … for both (style-hc.css for
 * high contrast). A title may hold one %s, the person's name; an advice
 * of NULL at the desk is the core's advice for the outcome
 * (mp_check_in_result_get_advice ()). */
const AnswerRow _mp_check_in_answer_rows[N_ANSWERS] = {
  [ANSWER_READY] = {
    "ready", "ready", "scanner-symbolic", SOUND_NONE,
    { { WORDS (N_("Ready: scan a ticket")), DETAIL_NONE,
        WORDS (N_("Or find the person by name, or register a walk-in.")) },
      { WORDS (NA_("Scan your ticket")), DETAIL_NONE,
        WORDS (NA_("Hold the QR code on your ticket in front of the scanner")) } } },
  [ANSWER_CHECKED_IN] = {
    "checked-in", "welcome", "object-select-symbolic", SOUND_WELCOME,
    /* Translators: the desk's big answer to a good ticket */
    { { DESK_WORDS (NC_("desk answer", "Welcome, %s")), DETAIL_ORGANISATION, WORDS (NULL) },
      /* Translators: the kiosk greets the person whose ticket was
       * scanned: "Welcome, Kari Nordmann!" */
      { WORDS (NA_("Welcome, %s!")), DETAIL_ORGANISATION,
        WORDS (NA_("You are checked in. Come on in!")) } } },
  /* Let in by a person at the desk, on purpose; never at the kiosk. */
  [ANSWER_ADMITTED] = {
    "admitted-by-exception", "welcome", "object-select-symbolic", SOUND_WELCOME,
    { { DESK_WORDS (NC_("desk answer", "Welcome, %s")), DETAIL_EXCEPTION, WORDS (NULL) },
      { WORDS (NA_("Welcome, %s!")), DETAIL_ORGANISATION,
        WORDS (NA_("You are checked in. Come on in!")) } } },
  [ANSWER_ALREADY] = {
    "already", "caution", "dialog-warning-symbolic", SOUND_ALREADY,
    { { DESK_WORDS (NC_("desk answer", "Already checked in")), DETAIL_MESSAGE, WORDS (NULL) },
      { WORDS (NA_("You are already checked in")), DETAIL_ARRIVAL,
        WORDS (NA_("You can go straight in. If this is not your ticket, please ask at the desk.")) } } },
  /* The other event's title and date are no one's personal data: they
   * tell the person who came on the wrong day when to come. */
  [ANSWER_WRONG_EVENT] = {
    "wrong-event", "problem", "action-unavailable-symbolic", SOUND_PROBLEM,
    { { DESK_WORDS (NC_("desk answer", "Not for this event")), DETAIL_MESSAGE, WORDS (NULL) },
      { WORDS (NA_("This ticket is for another event")), DETAIL_OTHER_EVENT,
        WORDS (NA_("Look at the date and the name of the event on your ticket, or ask at the desk.")) } } },
  [ANSWER_CANCELLED] = {
    "cancelled", "caution", "dialog-warning-symbolic", SOUND_ALREADY,
    { { DESK_WORDS (NC_("desk answer", "Registration cancelled")), DETAIL_MESSAGE,
        WORDS (N_("Nothing was recorded. If they are welcome today: Admit Anyway (Ctrl+Enter); it is recorded as an exception.")) },
      { WORDS (NA_("This registration was cancelled")), DETAIL_NAME,
        WORDS (NA_("Please go to the desk: they can let you in.")) } } },
  /* Not a refusal: the organiser decides whether there is room. */
  [ANSWER_WAITLISTED] = {
    "waitlisted", "caution", "dialog-warning-symbolic", SOUND_ALREADY,
    { { DESK_WORDS (NC_("desk answer", "On the waiting list")), DETAIL_MESSAGE,
        WORDS (N_("Nothing was recorded. If the organiser says there is room: Admit Anyway (Ctrl+Enter); it is recorded as an exception.")) },
      { WORDS (NA_("You are on the waiting list")), DETAIL_NAME,
        WORDS (NA_("Please go to the desk: they will see whether there is room.")) } } },
  [ANSWER_NOT_A_TICKET] = {
    "not-a-ticket", "problem", "action-unavailable-symbolic", SOUND_PROBLEM,
    { { DESK_WORDS (NC_("desk answer", "Not a ticket")), DETAIL_MESSAGE, WORDS (NULL) },
      { WORDS (NA_("This is not a ticket for this event")), DETAIL_NONE,
        WORDS (NA_("Try again with the QR code on your ticket, or ask at the desk.")) } } },
  /* The holder's data was erased: the ticket admits no one. */
  [ANSWER_NOT_VALID] = {
    "not-valid", "problem", "action-unavailable-symbolic", SOUND_PROBLEM,
    { { DESK_WORDS (NC_("desk answer", "Ticket no longer valid")), DETAIL_MESSAGE, WORDS (NULL) },
      { WORDS (NA_("This ticket is no longer valid")), DETAIL_NONE,
        WORDS (NA_("Please ask at the desk.")) } } },
  /* The attendee cannot mend a database: the kiosk logs the cause. */
  [ANSWER_FAILED] = {
    "failed", "problem", "dialog-error-symbolic", SOUND_PROBLEM,
    { { DESK_WORDS (NC_("desk answer", "Not saved")), DETAIL_MESSAGE,
        WORDS (N_("Nothing was recorded. Try again; if it happens again, ask the organiser.")) },
      { WORDS (NA_("Something went wrong")), DETAIL_NONE,
        WORDS (NA_("Nothing was recorded. Please ask at the desk.")) } } },
  [ANSWER_UNDONE] = {
    "undone", "undone", "edit-undo-symbolic", SOUND_NONE,
    /* Translators: the desk's answer after an undo */
    { { WORDS (N_("Check-in undone: %s")), DETAIL_NONE,
        WORDS (N_("The undo is recorded; nothing was deleted. Scan the ticket again to check in.")) },
      { WORDS (N_("Check-in undone: %s")), DETAIL_NONE,
        WORDS (N_("The undo is recorded; nothing was deleted. Scan the ticket again to check in.")) } } },
  /* A walk-in never had a ticket to scan. */
  [ANSWER_UNDONE_WALK_IN] = {
    "undone-walk-in", "undone", "edit-undo-symbolic", SOUND_NONE,
    { { WORDS (N_("Check-in undone: %s")), DETAIL_NONE,
        WORDS (N_("The undo is recorded; nothing was deleted. To check them in again, find them by name.")) },
      { WORDS (N_("Check-in undone: %s")), DETAIL_NONE,
        WORDS (N_("The undo is recorded; nothing was deleted. To check them in again, find them by name.")) } } },
  /* Not checked in from the walk-in form: typing a name must not be
   * enough to check in someone else. The desk finds them by name. */
  [ANSWER_REGISTERED_BEFORE] = {
    "registered-before", "caution", "dialog-warning-symbolic", SOUND_ALREADY,
    { { WORDS (N_("You are already registered")), DETAIL_NAME,
        WORDS (N_("Scan your ticket, or ask at the desk: they will find you by name.")) },
      { WORDS (NA_("You are already registered")), DETAIL_NAME,
        WORDS (NA_("Scan your ticket, or ask at the desk: they will find you by name.")) } } },
};

/* The answer that a check-in's outcome gets. */
static const Answer outcome_answers[] = {
  [MP_CHECK_IN_CHECKED_IN] = ANSWER_CHECKED_IN,
  [MP_CHECK_IN_ALREADY] = ANSWER_ALREADY,
  [MP_CHECK_IN_WRONG_EVENT] = ANSWER_WRONG_EVENT,
  [MP_CHECK_IN_CANCELLED] = ANSWER_CANCELLED,
  [MP_CHECK_IN_WAITLISTED] = ANSWER_WAITLISTED,
  [MP_CHECK_IN_NOT_A_TICKET] = ANSWER_NOT_A_TICKET,
  [MP_CHECK_IN_NOT_VALID] = ANSWER_NOT_VALID,
};

Answer
_mp_check_in_answer_for_result (MpCheckInResult *result)
{
  MpCheckInOutcome outcome = mp_check_in_result_get_outcome (result);

  g_return_val_if_fail (outcome < G_N_ELEMENTS (outcome_answers), ANSWER_FAILED);
  /* let in anyway by a desk: green, and said so */
  if (outcome == MP_CHECK_IN_CHECKED_IN && mp_check_in_result_get_exception (result) != MP_CHECK_IN_EXCEPTION_NONE)
    return ANSWER_ADMITTED;
  return outcome_answers[outcome];
}

/* What the volunteer must know on letting someone in, each with its
 * icon, read at a glance at the desk (never at the kiosk: the foyer
 * reads along). */
const NeedRow _mp_check_in_answer_needs[N_NEEDS] = {
  /* Translators: on the desk's green answer: "Dietary: halal" */
  [NEED_DIETARY] = { "dietary", "emoji-food-symbolic", N_("Dietary: %s"), mp_attendee_get_dietary },
  /* Translators: "Accessibility: wheelchair, step-free seat" */
  [NEED_ACCESSIBILITY] = { "accessibility", "preferences-desktop-accessibility-symbolic", N_("Accessibility: %s"), mp_attendee_get_accessibility },
  /* Translators: "Interpreter: Arabic" */
  [NEED_INTERPRETER] = { "interpreter", "preferences-desktop-locale-symbolic", N_("Interpreter: %s"), mp_attendee_get_interpreter },
  /* Translators: the organiser's note for the door: "Note: speaker, …" */
  [NEED_NOTE] = { "note", "document-edit-symbolic", N_("Note: %s"), mp_attendee_get_note },
};
