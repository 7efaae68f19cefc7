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

#define MP_TYPE_REPORT (mp_report_get_type ())

G_DECLARE_FINAL_TYPE (MpReport, mp_report, MP, REPORT, GObject)

MpReport             *mp_report_new_for_event     (MpStore  *store,
                                                   gint64    event_id,
                                                   GError  **error);

MpEvent              *mp_report_get_event         (MpReport *self);
const MpEventCounts  *mp_report_get_counts        (MpReport *self);
/* Expected people (registered, walk-ins aside) who did not come, as a
 * fraction of those expected; 0 when nobody was expected. */
double                mp_report_get_no_show_rate  (MpReport *self);
/* Every sector in its editable order, then "no sector" if any. */
guint                 mp_report_get_n_sectors     (MpReport *self);
const MpSectorCount  *mp_report_get_sector        (MpReport *self,
                                                   guint     i);
/* Organisations with at least one arrival, by sector order then name. */
guint                 mp_report_get_n_organisations (MpReport *self);
const MpOrganisationCount *mp_report_get_organisation (MpReport *self,
                                                       guint     i);

G_END_DECLS
