/* mp-event.h: one meeting, seminar or conference */
#pragma once

#include <glib-object.h>

#include "mp-enums.h"

G_BEGIN_DECLS

#define MP_TYPE_EVENT (mp_event_get_type ())

G_DECLARE_FINAL_TYPE (MpEvent, mp_event, MP, EVENT, GObject)

/* Which optional questions the registration form asks. */
typedef enum
{
  MP_QUESTION_NONE          = 0,
  MP_QUESTION_DIETARY       = 1 << 0,
  MP_QUESTION_ACCESSIBILITY = 1 << 1,
  MP_QUESTION_INTERPRETER   = 1 << 2,
  MP_QUESTION_PHOTO_CONSENT = 1 << 3,
  MP_QUESTION_PHONE         = 1 << 4,
} MpQuestions;

/* An event's figures, as mp_store_get_counts() and a check-in's result
 * (mp_check_in_result_get_counts()) tell them. */
typedef struct
{
  guint registered;   /* status registered (not waitlisted, not cancelled) */
  guint waitlisted;
  guint cancelled;
  guint arrived;      /* checked in now (undone check-ins do not count) */
  guint walk_ins;     /* arrived, and a walk-in (mp_attendee_is_walk_in()) */
} MpEventCounts;

#define MP_QUESTIONS_DEFAULT (MP_QUESTION_DIETARY | MP_QUESTION_ACCESSIBILITY | MP_QUESTION_INTERPRETER)

MpEvent     *mp_event_new                 (void);
MpEvent     *mp_event_copy                (MpEvent *self);

gint64       mp_event_get_id              (MpEvent *self);
void         mp_event_set_id              (MpEvent *self, gint64 id);
const char  *mp_event_get_uuid            (MpEvent *self);
void         mp_event_set_uuid            (MpEvent *self, const char *uuid);
const char  *mp_event_get_title           (MpEvent *self);
void         mp_event_set_title           (MpEvent *self, const char *title);
MpEventKind  mp_event_get_kind            (MpEvent *self);
void         mp_event_set_kind            (MpEvent *self, MpEventKind kind);
const char  *mp_event_get_venue           (MpEvent *self);
void         mp_event_set_venue           (MpEvent *self, const char *venue);
const char  *mp_event_get_description     (MpEvent *self);
void         mp_event_set_description     (MpEvent *self, const char *description);
/* Who to ask about the event: a name, a phone number, an address;
 * "" when none. */
const char  *mp_event_get_contact         (MpEvent *self);
void         mp_event_set_contact         (MpEvent *self, const char *contact);
/* An example event (the demo's, or the first start's): fictional
 * attendees, removed together by mp_store_delete_example_events(). */
gboolean     mp_event_get_example         (MpEvent *self);
void         mp_event_set_example         (MpEvent *self, gboolean example);
/* UTC seconds; ends_at is 0 when not set */
gint64       mp_event_get_starts_at       (MpEvent *self);
void         mp_event_set_starts_at       (MpEvent *self, gint64 starts_at);
gint64       mp_event_get_ends_at         (MpEvent *self);
void         mp_event_set_ends_at         (MpEvent *self, gint64 ends_at);
/* -1 when there is no limit */
int          mp_event_get_capacity        (MpEvent *self);
void         mp_event_set_capacity        (MpEvent *self, int capacity);
/* Whether the title already begins with the event's kind ("Frokostmøte:
 * …" for a breakfast meeting): then the kind is not said again beside
 * it (mp_event_kind_begins_text()). */
gboolean     mp_event_title_names_kind    (MpEvent *self);
MpQuestions  mp_event_get_questions       (MpEvent *self);
void         mp_event_set_questions       (MpEvent *self, MpQuestions questions);
gint64       mp_event_get_created_at      (MpEvent *self);
void         mp_event_set_created_at      (MpEvent *self, gint64 created_at);

/* Filled in by the store when listing; not stored. */
guint        mp_event_get_registered      (MpEvent *self);
guint        mp_event_get_arrived         (MpEvent *self);
void         mp_event_set_counts          (MpEvent *self, guint registered, guint arrived);
/* Every count (waiting list and cancelled too); zero where not filled. */
void         mp_event_get_all_counts      (MpEvent *self, MpEventCounts *out_counts);
void         mp_event_set_all_counts      (MpEvent *self, const MpEventCounts *counts);

G_END_DECLS
