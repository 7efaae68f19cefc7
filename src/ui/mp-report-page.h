/* mp-report-page.h: who came to one event, on screen */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_REPORT_PAGE (mp_report_page_get_type ())

G_DECLARE_FINAL_TYPE (MpReportPage, mp_report_page, MP, REPORT_PAGE, GtkWidget)

void         mp_report_page_set_store    (MpReportPage  *self,
                                          MpStore       *store);
/* Counts the event's report afresh on a worker thread and shows it
 * when done; meanwhile the page says it is counting and the window
 * stays free. FALSE (nothing started) only when the event cannot be
 * read; errors of the counting itself are shown on the page. */
gboolean     mp_report_page_load         (MpReportPage  *self,
                                          gint64         event_id,
                                          GError       **error);
/* Counts again in the background (other computers' changes arrived);
 * the report shown stays until the new one replaces it. */
void         mp_report_page_refresh      (MpReportPage  *self);
/* Stops a count under way, its result unseen (the page is left). */
void         mp_report_page_cancel       (MpReportPage  *self);
gint64       mp_report_page_get_event_id (MpReportPage  *self);
const char  *mp_report_page_get_title    (MpReportPage  *self);
/* What it shows, as key=value lines, for MP_DEBUG_STATE. */
void         mp_report_page_describe     (MpReportPage  *self,
                                          GString       *state);

G_END_DECLS
