/* mp-attendee-filter.h: the event page's filter popover
 *
 * Three choices that narrow the attendee list together with the search:
 * a sector (or none), a status, and whether the person has arrived.
 */
#pragma once

#include <adwaita.h>

#include "mp-attendee-list.h"

G_BEGIN_DECLS

#define MP_TYPE_ATTENDEE_FILTER (mp_attendee_filter_get_type ())

G_DECLARE_FINAL_TYPE (MpAttendeeFilter, mp_attendee_filter, MP, ATTENDEE_FILTER, GtkPopover)

MpAttendeeFilter        *mp_attendee_filter_new          (void);
/* @sectors: MpSector *, in their order; the choice is kept if the
 * chosen sector is still there. */
void                     mp_attendee_filter_set_sectors  (MpAttendeeFilter *self,
                                                          GPtrArray        *sectors);
gint64                   mp_attendee_filter_get_sector_id (MpAttendeeFilter *self);
int                      mp_attendee_filter_get_status   (MpAttendeeFilter *self);
MpAttendeeArrivedFilter  mp_attendee_filter_get_arrived  (MpAttendeeFilter *self);
/* Whether anything is chosen other than "all". */
gboolean                 mp_attendee_filter_get_active   (MpAttendeeFilter *self);
/* Back to everyone; emits ::changed if anything was chosen. */
void                     mp_attendee_filter_reset        (MpAttendeeFilter *self);
/* For tests and the debug state: choose a sector by its name. */
gboolean                 mp_attendee_filter_select_sector_name (MpAttendeeFilter *self,
                                                                const char       *name);
/* "sector=…|status=…|arrived=…" as chosen, for the debug state. */
char                    *mp_attendee_filter_describe     (MpAttendeeFilter *self);

G_END_DECLS
