/* mp-report-export-chooser.h: where to save a report, asked the same
 * way by the report page and the report over a period */
#pragma once

#include <adwaita.h>

#include "mp-report-export.h"

G_BEGIN_DECLS

typedef void (*MpReportExportChosenFunc) (GtkWidget      *owner,
                                          MpReportFormat  format,
                                          const char     *path);
/* The file name to offer, with @extension ("pdf", "xlsx", "csv"). */
typedef char *(*MpReportExportNameFunc) (GtkWidget      *owner,
                                         const char     *extension);

/* Asks where to save a report in the format @which names ("pdf",
 * "xlsx", "excel" or "csv"), offering the name @suggest gives, then calls
 * @chosen with the file's path; not at all when the person cancels, and
 * a toast in @toasts when they choose a place that is not a local file.
 * While the chooser is open a second call does nothing; it goes with
 * mp_report_export_chooser_dismiss() or with @owner. With
 * MP_REPORT_EXPORT_FILE=PATH set (tests), PATH.EXT is taken at once. */
void mp_report_export_chooser_ask     (GtkWidget                *owner,
                                       AdwToastOverlay          *toasts,
                                       const char               *which,
                                       MpReportExportNameFunc    suggest,
                                       MpReportExportChosenFunc  chosen);
/* Closes a chooser @owner left open (call it from dispose). */
void mp_report_export_chooser_dismiss (GtkWidget                *owner);

G_END_DECLS
