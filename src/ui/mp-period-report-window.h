/* mp-period-report-window.h: attendance over many events, picked by
 * period and kind, and saved as a file */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_PERIOD_REPORT_WINDOW (mp_period_report_window_get_type ())

G_DECLARE_FINAL_TYPE (MpPeriodReportWindow, mp_period_report_window, MP, PERIOD_REPORT_WINDOW, AdwWindow)

/* From 1 January of this year to today. */
MpPeriodReportWindow *mp_period_report_window_new (GtkWindow *parent,
                                                   MpStore   *store);

G_END_DECLS
