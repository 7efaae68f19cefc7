/* mp-report-async.h: reports counted and written off the main thread
 *
 * Counting an event of 100,000 registrations takes a noticeable part of
 * a second; a window must not wait for it. The counting runs on a
 * worker thread with a read-only connection of its own, opened from the
 * store's database path: connections are opened SQLITE_OPEN_NOMUTEX and
 * the store keeps caches, so neither is shared between threads. The
 * thread sees what was committed when it started. Writing a report to a
 * file runs on a worker thread too; a report is read-only once made, so
 * the thread and the window may both read it.
 *
 * Cancelling stops the counting at the next SQLite step (a progress
 * handler watches the GCancellable); the result is then
 * G_IO_ERROR_CANCELLED and nothing is left behind. A file being written
 * is finished (it is never half-written), but the result still says
 * G_IO_ERROR_CANCELLED so the caller can drop it.
 *
 * MP_DEBUG_REPORT_DELAY_MS=N makes every count wait N ms on its thread
 * first (cancellable), so that tests can see a window while it counts.
 */
#pragma once

#include <gio/gio.h>

#include "mp-period-report.h"
#include "mp-report.h"
#include "mp-report-export.h"

G_BEGIN_DECLS

void            mp_report_load_async            (MpStore              *store,
                                                 gint64                event_id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
MpReport       *mp_report_load_finish           (MpStore              *store,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* As mp_period_report_new(). */
void            mp_period_report_load_async     (MpStore              *store,
                                                 gint64                from,
                                                 gint64                to,
                                                 guint                 kinds,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
MpPeriodReport *mp_period_report_load_finish    (MpStore              *store,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* @report is an MpReport or an MpPeriodReport. The source object of
 * the result is @report; mp_report_export_get_path() tells the file. */
void            mp_report_export_async          (GObject              *report,
                                                 MpReportFormat        format,
                                                 const char           *path,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        mp_report_export_finish         (GObject              *report,
                                                 GAsyncResult         *result,
                                                 GError              **error);
/* The file an export was asked to write. */
const char     *mp_report_export_get_path       (GAsyncResult         *result);

G_END_DECLS
