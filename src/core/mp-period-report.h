/* mp-period-report.h: who came to the meetings of a period
 *
 * The table an adviser brings to the county council or to a funder:
 * attendance by sector per event and in total, the organisations
 * reached, and how many people came back to more than one meeting.
 * People are matched the way the store merges them: the same person row.
 */
#pragma once

#include <glib-object.h>

#include "mp-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64       id;
  char        *title;
  MpEventKind  kind;
  gint64       starts_at;
  guint        registered;   /* status registered */
  guint        arrived;
  guint       *by_sector;    /* arrivals, one per sector of the report */
} MpPeriodEvent;

typedef struct
{
  char  *organisation;
  char  *sector;          /* "" when the organisation has none */
  guint  events;          /* meetings it came to */
  guint  people;          /* distinct people who came from it */
} MpPeriodOrganisation;

#define MP_TYPE_PERIOD_REPORT (mp_period_report_get_type ())

G_DECLARE_FINAL_TYPE (MpPeriodReport, mp_period_report, MP, PERIOD_REPORT, GObject)

/* Events starting in [@from, @to) (UTC seconds) whose kind is in @kinds
 * (a mask of 1 << MpEventKind; 0 for every kind), oldest first. */
MpPeriodReport *mp_period_report_new (MpStore  *store,
                                      gint64    from,
                                      gint64    to,
                                      guint     kinds,
                                      GError  **error);

gint64       mp_period_report_get_from            (MpPeriodReport *self);
gint64       mp_period_report_get_to              (MpPeriodReport *self);
guint        mp_period_report_get_kinds           (MpPeriodReport *self);

guint                mp_period_report_get_n_events (MpPeriodReport *self);
const MpPeriodEvent *mp_period_report_get_event    (MpPeriodReport *self,
                                                    guint           i);
/* The sectors: every sector in its editable order, then "" (no sector)
 * if anyone without one came. */
guint        mp_period_report_get_n_sectors       (MpPeriodReport *self);
const char  *mp_period_report_get_sector          (MpPeriodReport *self,
                                                   guint           i);
/* Arrivals in sector @i over all the events. */
guint        mp_period_report_get_sector_total    (MpPeriodReport *self,
                                                   guint           i);
guint        mp_period_report_get_total_registered (MpPeriodReport *self);
guint        mp_period_report_get_total_arrived   (MpPeriodReport *self);
/* Distinct people who came to at least one / more than one meeting. */
guint        mp_period_report_get_distinct_people (MpPeriodReport *self);
guint        mp_period_report_get_returning_people (MpPeriodReport *self);

/* Organisations with at least one arrival, by sector order then name. */
guint                       mp_period_report_get_n_organisations (MpPeriodReport *self);
const MpPeriodOrganisation *mp_period_report_get_organisation    (MpPeriodReport *self,
                                                                  guint           i);

/* Reads "2026-01-31" as the start of that day in local time. */
gboolean     mp_period_parse_date                 (const char  *text,
                                                   gint64      *out_unix,
                                                   GError     **error);

G_END_DECLS
