/* mp-report-export.h: reports as PDF, CSV and XLSX files
 *
 * PDF: A4, the event's title and date, the counts, both charts, the
 * organisations by sector and the answers, over as many pages as it
 * takes. CSV: one file with a section per table (a title line, a
 * header, the rows, an empty line), in the Excel variant if asked.
 * XLSX: one sheet per table. Every file is written beside its name and
 * renamed into place: never left half-written.
 */
#pragma once

#include <gio/gio.h>

#include "mp-period-report.h"
#include "mp-report.h"

G_BEGIN_DECLS

typedef enum
{
  MP_REPORT_FORMAT_PDF,
  MP_REPORT_FORMAT_CSV,
  MP_REPORT_FORMAT_CSV_EXCEL,   /* semicolons, BOM, CRLF, formulas guarded */
  MP_REPORT_FORMAT_XLSX,
} MpReportFormat;

/* From a file name's extension: .pdf, .csv, .xlsx; FALSE otherwise. */
gboolean  mp_report_format_from_path (const char      *path,
                                      MpReportFormat  *out_format);

gboolean  mp_report_export           (MpReport        *report,
                                      MpReportFormat   format,
                                      const char      *path,
                                      GError         **error);

gboolean  mp_period_report_export    (MpPeriodReport  *report,
                                      MpReportFormat   format,
                                      const char      *path,
                                      GError         **error);

G_END_DECLS
