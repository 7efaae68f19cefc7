/* mp-enums.h: the kinds of things Møteplass keeps apart */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  MP_EVENT_KIND_DIALOGUE_MEETING,
  MP_EVENT_KIND_BREAKFAST_MEETING,
  MP_EVENT_KIND_CONFERENCE,
  MP_EVENT_KIND_SEMINAR,
  MP_EVENT_KIND_WEBINAR,
  MP_EVENT_KIND_WORKSHOP,
  MP_N_EVENT_KINDS
} MpEventKind;

typedef enum
{
  MP_REGISTRATION_STATUS_REGISTERED,
  MP_REGISTRATION_STATUS_WAITLISTED,
  MP_REGISTRATION_STATUS_CANCELLED,
} MpRegistrationStatus;

typedef enum
{
  MP_REGISTRATION_SOURCE_IMPORT,
  MP_REGISTRATION_SOURCE_KIOSK,
  MP_REGISTRATION_SOURCE_DESK,
  MP_REGISTRATION_SOURCE_MANUAL,
} MpRegistrationSource;

/* What a scan at the door can answer. Only CHECKED_IN writes anything. */
typedef enum
{
  MP_CHECK_IN_CHECKED_IN,       /* welcome */
  MP_CHECK_IN_ALREADY,          /* already checked in at 08:42 (desk 2) */
  MP_CHECK_IN_WRONG_EVENT,      /* a ticket, but not for this event */
  MP_CHECK_IN_CANCELLED,        /* the registration was cancelled */
  MP_CHECK_IN_WAITLISTED,       /* on the waiting list, not admitted */
  MP_CHECK_IN_NOT_A_TICKET,     /* not a Møteplass ticket at all */
  MP_CHECK_IN_NOT_VALID,        /* a ticket whose holder's data was erased */
} MpCheckInOutcome;

/* Why a check-in let in someone the door refuses: a person at a desk
 * admitted them anyway, on purpose (checkin.exception). */
typedef enum
{
  MP_CHECK_IN_EXCEPTION_NONE,        /* an ordinary check-in */
  MP_CHECK_IN_EXCEPTION_WAITLISTED,  /* on the waiting list */
  MP_CHECK_IN_EXCEPTION_CANCELLED,   /* the registration was cancelled */
} MpCheckInException;

#define MP_TYPE_EVENT_KIND (mp_event_kind_get_type ())
#define MP_TYPE_REGISTRATION_STATUS (mp_registration_status_get_type ())
#define MP_TYPE_REGISTRATION_SOURCE (mp_registration_source_get_type ())
#define MP_TYPE_CHECK_IN_OUTCOME (mp_check_in_outcome_get_type ())

GType        mp_event_kind_get_type            (void) G_GNUC_CONST;
GType        mp_registration_status_get_type   (void) G_GNUC_CONST;
GType        mp_registration_source_get_type   (void) G_GNUC_CONST;
GType        mp_check_in_outcome_get_type      (void) G_GNUC_CONST;

/* Stable code names, as stored in the database and used by the CLI. */
const char  *mp_event_kind_to_string           (MpEventKind kind);
/* Accepts code names and the Bokmål, Nynorsk and English words. */
gboolean     mp_event_kind_from_string         (const char  *text,
                                                MpEventKind *out_kind);
/* Translated, capitalised: "Dialogmøte". */
const char  *mp_event_kind_get_label           (MpEventKind kind);
/* Whether @text (an event's title) begins with the kind's name, in
 * Bokmål, Nynorsk or English or as the label says it, as a whole word:
 * "Frokostmøte: inkludering …" names the kind breakfast meeting, and a
 * ticket need not say it again. */
gboolean     mp_event_kind_begins_text         (MpEventKind  kind,
                                                const char  *text);

/* Code names only ("registered", "waitlisted", "cancelled"). */
const char  *mp_registration_status_to_string  (MpRegistrationStatus status);
gboolean     mp_registration_status_from_string (const char           *text,
                                                 MpRegistrationStatus *out_status);
const char  *mp_registration_status_get_label  (MpRegistrationStatus status);

const char  *mp_registration_source_to_string  (MpRegistrationSource source);
gboolean     mp_registration_source_from_string (const char           *text,
                                                 MpRegistrationSource *out_source);
const char  *mp_registration_source_get_label  (MpRegistrationSource source);
/* A walk-in registered at the door: at a desk or at the kiosk. */
gboolean     mp_registration_source_is_walk_in (MpRegistrationSource source);

const char  *mp_check_in_outcome_to_string     (MpCheckInOutcome outcome);

/* "waitlisted", "cancelled"; NULL for none (as stored). */
const char  *mp_check_in_exception_to_string   (MpCheckInException exception);
/* NULL and "" are MP_CHECK_IN_EXCEPTION_NONE. */
gboolean     mp_check_in_exception_from_string (const char         *text,
                                                MpCheckInException *out_exception);
/* Translated: "waiting list", "cancelled" ("" for none), for "admitted
 * by exception (waiting list)". */
const char  *mp_check_in_exception_get_label   (MpCheckInException exception);

G_END_DECLS
