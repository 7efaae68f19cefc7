/* mp-check-in-answer-private.h: the table of answers the door gives
 * (mp-check-in-answer-table.c) and the widget that shows them
 * (mp-check-in-answer.c) */
#pragma once

#include "mp-check-in-answer.h"

G_BEGIN_DECLS

typedef enum
{
  SOUND_NONE = -1,
  SOUND_WELCOME,
  SOUND_ALREADY,
  SOUND_PROBLEM,
  N_SOUNDS
} Sound;

/* What the detail line says. */
typedef enum
{
  DETAIL_NONE,
  DETAIL_MESSAGE,       /* the core's sentence for the outcome, or the error */
  DETAIL_NAME,
  DETAIL_ORGANISATION,
  DETAIL_ARRIVAL,       /* "Kari Nordmann, checked in at 08.42" */
  DETAIL_EXCEPTION,     /* "NAV Vestland. Admitted by exception (waiting list)" */
  DETAIL_OTHER_EVENT,   /* "This ticket is for Frokostmøte, …", if known */
} Detail;

/* A translatable string, with its context or none; translated when shown
 * (the kiosk changes its language while it runs). */
typedef struct
{
  const char *context;
  const char *msgid;
} Words;

#define WORDS(s) { NULL, s }
#define DESK_WORDS(s) { "desk answer", s }

typedef enum
{
  ANSWER_READY,
  ANSWER_CHECKED_IN,
  ANSWER_ADMITTED,
  ANSWER_ALREADY,
  ANSWER_WRONG_EVENT,
  ANSWER_CANCELLED,
  ANSWER_WAITLISTED,
  ANSWER_NOT_A_TICKET,
  ANSWER_NOT_VALID,
  ANSWER_FAILED,
  ANSWER_UNDONE,
  ANSWER_UNDONE_WALK_IN,
  ANSWER_REGISTERED_BEFORE,
  N_ANSWERS
} Answer;

/* What one audience reads. */
typedef struct
{
  Words   title;
  Detail  detail;
  Words   advice;
} AnswerWords;

/* One row of the table: the kind (for tests and the debug state), the
 * style class (the colour), the icon, the sound and the words. */
typedef struct
{
  const char *kind;
  const char *style;
  const char *icon;
  Sound       sound;
  AnswerWords words[2];   /* by MpAudience */
} AnswerRow;

/* What the volunteer must know on letting someone in, each with its
 * icon, read at a glance at the desk (never at the kiosk: the foyer
 * reads along). */
typedef enum
{
  NEED_DIETARY,
  NEED_ACCESSIBILITY,
  NEED_INTERPRETER,
  NEED_NOTE,
  N_NEEDS
} Need;

typedef struct
{
  const char  *key;
  const char  *icon;
  const char  *label;     /* N_(): "Dietary: %s" */
  const char *(*get) (MpAttendee *attendee);
} NeedRow;

extern const char     *const _mp_check_in_answer_sound_names[N_SOUNDS];
extern const AnswerRow        _mp_check_in_answer_rows[N_ANSWERS];
extern const NeedRow          _mp_check_in_answer_needs[N_NEEDS];

/* The row that shows @result. */
Answer     _mp_check_in_answer_for_result (MpCheckInResult *result);

G_END_DECLS
