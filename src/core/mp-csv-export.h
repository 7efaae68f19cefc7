/* mp-csv-export.h: an event's attendees as a CSV file
 *
 * One row per registration, in Norwegian name order, with translated
 * headers that mp-csv-import.c reads back: exporting an event and
 * importing the file into another event gives the same people.
 */
#pragma once

#include <gio/gio.h>

#include "mp-store.h"

G_BEGIN_DECLS

typedef enum
{
  MP_CSV_EXPORT_FLAGS_NONE = 0,
  /* For Excel with Norwegian settings: semicolons, a UTF-8 byte order
   * mark, CRLF (MP_CSV_DIALECT_EXCEL). Without it: commas and LF. Either
   * way text a spreadsheet would run as a formula is guarded by a
   * leading ' (mp-csv-writer.h). */
  MP_CSV_EXPORT_EXCEL      = 1 << 0,
  /* Only the attendees who consented to follow-up (a mailing list). */
  MP_CSV_EXPORT_CONSENTED  = 1 << 1,
} MpCsvExportFlags;

/* Writes @attendees (MpAttendee) to @stream; does not close it.
 * @out_n_rows, if not NULL, gets the number of rows written (header not
 * counted). */
gboolean  mp_csv_export_attendees  (GPtrArray         *attendees,
                                    MpCsvExportFlags   flags,
                                    GOutputStream     *stream,
                                    guint             *out_n_rows,
                                    GCancellable      *cancellable,
                                    GError           **error);

/* All attendees of @event_id to @stream (stdout for the CLI). */
gboolean  mp_csv_export_to_stream  (MpStore           *store,
                                    gint64             event_id,
                                    MpCsvExportFlags   flags,
                                    GOutputStream     *stream,
                                    guint             *out_n_rows,
                                    GCancellable      *cancellable,
                                    GError           **error);

/* All attendees of @event_id to the file at @path, written beside it
 * and renamed into place: @path is never left half-written. */
gboolean  mp_csv_export_to_path    (MpStore           *store,
                                    gint64             event_id,
                                    MpCsvExportFlags   flags,
                                    const char        *path,
                                    guint             *out_n_rows,
                                    GCancellable      *cancellable,
                                    GError           **error);

G_END_DECLS
