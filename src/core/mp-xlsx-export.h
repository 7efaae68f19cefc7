/* mp-xlsx-export.h: an event's attendees as an Excel workbook
 *
 * The same columns, words and order as the CSV export (mp-csv-export.h),
 * one sheet, the header bold and frozen, every cell text (a workbook
 * cell is never run as a formula, so no guard is needed).
 */
#pragma once

#include <gio/gio.h>

#include "mp-csv-export.h"
#include "mp-store.h"

G_BEGIN_DECLS

/* Writes @attendees (MpAttendee) to the workbook at @path through
 * mp-file.h (whole or not at all, 0600, never over the database).
 * @flags: MP_CSV_EXPORT_CONSENTED only (the dialect flags are for CSV).
 * @out_n_rows, if not NULL, gets the number of attendees written. */
gboolean  mp_xlsx_export_attendees  (GPtrArray         *attendees,
                                     MpCsvExportFlags   flags,
                                     const char        *path,
                                     guint             *out_n_rows,
                                     GCancellable      *cancellable,
                                     GError           **error);

/* All attendees of @event_id, in Norwegian name order, to @path. */
gboolean  mp_xlsx_export_to_path    (MpStore           *store,
                                     gint64             event_id,
                                     MpCsvExportFlags   flags,
                                     const char        *path,
                                     guint             *out_n_rows,
                                     GCancellable      *cancellable,
                                     GError           **error);

G_END_DECLS
