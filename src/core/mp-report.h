/* mp-report.h: who came to one event, by sector and organisation */
#pragma once

#include <glib-object.h>

#include "mp-store.h"

G_BEGIN_DECLS

typedef struct
{
  char  *sector;       /* "" for people with no sector */
  guint  registered;   /* status registered */
  guint  arrived;
} MpSectorCount;

typedef struct
{
  char  *organisation;
  char  *sector;
  guint  arrived;
} MpOrganisationCount;

/* Arrivals in one 5-minute slot, counted from the event's start: slot 0
 * is [start, start + 5 min), slot -1 the five minutes before. */
typedef struct
{
  int    slot;
  gint64 starts_at;    /* UTC seconds; show in local time */
  guint  arrivals;
} MpArrivalBucket;

#define MP_ARRIVAL_BUCKET_SECONDS 300

typedef enum
{
  MP_ANSWER_DIETARY,
  MP_ANSWER_ACCESSIBILITY,
  MP_ANSWER_INTERPRETER,
  MP_N_ANSWER_KINDS
} MpAnswerKind;

/* One answer to a registration question, as most people spelled it,
 * and how many gave it (ignoring case and spaces). */
typedef struct
{
  char  *answer;
  guint  count;
} MpAnswerCount;

#define MP_TYPE_REPORT (mp_report_get_type ())

G_DECLARE_FINAL_TYPE (MpReport, mp_report, MP, REPORT, GObject)

MpReport             *mp_report_new_for_event     (MpStore  *store,
                                                   gint64    event_id,
                                                   GError  **error);

MpEvent              *mp_report_get_event         (MpReport *self);
const MpEventCounts  *mp_report_get_counts        (MpReport *self);
/* Whether the event has been held: it had started when the report was
 * counted, or someone has arrived. Before that there are no no-shows,
 * only people not come yet: say "not held yet", not a rate. */
gboolean              mp_report_get_held          (MpReport *self);
/* Tickets admitted at two desks while they could not reach the hub
 * (mp-admissions.h): counted once in the counts, said apart. */
guint                 mp_report_get_n_admitted_twice (MpReport *self);
/* Expected people (registered, walk-ins aside) who did not come, as a
 * fraction of those expected; 0 when nobody was expected or the event
 * has not been held yet (mp_report_get_held()). */
double                mp_report_get_no_show_rate  (MpReport *self);
/* People in now whom a desk admitted by exception (on the waiting list,
 * or cancelled): they count among the arrived. */
guint                 mp_report_get_n_exceptions  (MpReport *self);
/* The no-show figure as a tile shows it: "46 %", or "–" before the
 * event is held; and its caption: "No-shows" or "Not held yet". */
char                 *mp_report_format_no_shows   (MpReport *self);
const char           *mp_report_get_no_shows_caption (MpReport *self);
/* Every sector in its editable order, then "no sector" if any. */
guint                 mp_report_get_n_sectors     (MpReport *self);
const MpSectorCount  *mp_report_get_sector        (MpReport *self,
                                                   guint     i);
/* Organisations with at least one arrival, by sector order then name. */
guint                 mp_report_get_n_organisations (MpReport *self);
const MpOrganisationCount *mp_report_get_organisation (MpReport *self,
                                                       guint     i);

/* Arrivals per 5 minutes from the slot of the first arrival to the slot
 * of the last, empty slots included; undone check-ins do not count.
 * None when nobody arrived. */
guint                 mp_report_get_n_arrival_buckets (MpReport *self);
const MpArrivalBucket *mp_report_get_arrival_bucket   (MpReport *self,
                                                       guint     i);

/* Answers of the people expected (status registered, walk-ins
 * included), most frequent first, then alphabetically. */
guint                 mp_report_get_n_answers     (MpReport     *self,
                                                   MpAnswerKind  kind);
const MpAnswerCount  *mp_report_get_answer        (MpReport     *self,
                                                   MpAnswerKind  kind,
                                                   guint         i);
/* "Dietary needs", "Accessibility needs", "Interpreter languages" */
const char           *mp_answer_kind_get_title    (MpAnswerKind  kind);

/* Normalised form used to count answers: trimmed, runs of white space
 * made one space, case folded. */
char                 *mp_report_normalise_answer  (const char   *answer);

G_END_DECLS
