#define G_LOG_DOMAIN "mp-report-async"

#include "config.h"

#include "mp-database-private.h"
#include "mp-report-async.h"

/* SQLite calls this every so many virtual machine steps; a non-zero
 * answer interrupts the statement (SQLITE_INTERRUPT). */
#define PROGRESS_STEPS 1000

typedef struct
{
  MpDatabase *main_db;  /* the store's, until the worker has its own */
  gint64    event_id;
  gint64    from;
  gint64    to;
  guint     kinds;
  guint     delay_ms; /* MP_DEBUG_REPORT_DELAY_MS, for tests */
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_clear_object (&job->main_db);
  g_free (job);
}

static int
interrupt_if_cancelled (void *cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

/* A read-only store of the thread's own over the same file, whose
 * statements stop when @cancellable is cancelled. */
static MpStore *
open_thread_store (LoadJob       *job,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(MpDatabase) database = NULL;

  database = mp_database_open_worker (job->main_db, MP_DATABASE_FLAGS_READ_ONLY, error);
  g_clear_object (&job->main_db);
  if (database == NULL)
    return NULL;
  if (cancellable != NULL)
    sqlite3_progress_handler (_mp_database_get_handle (database), PROGRESS_STEPS,
                              interrupt_if_cancelled, cancellable);

  return mp_store_new (database);
}

/* Counts the report the job asks for: an event's when @job->event_id
 * is set, a period's otherwise. */
static GObject *
load_report (MpStore       *store,
             LoadJob       *job,
             GError       **error)
{
  if (job->event_id != 0)
    return G_OBJECT (mp_report_new_for_event (store, job->event_id, error));

  return G_OBJECT (mp_period_report_new (store, job->from, job->to, job->kinds, error));
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(GObject) report = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* Tests see the page while it counts: a slow count, cancellable. */
  for (guint slept = 0; slept < job->delay_ms && !g_cancellable_is_cancelled (cancellable); slept += 10)
    g_usleep (10 * 1000);

  store = open_thread_store (job, cancellable, &error);
  if (store != NULL)
    report = load_report (store, job, &error);

  /* An interrupted statement says "interrupted"; the caller asked. */
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&error);
      g_task_return_error_if_cancelled (task);
    }
  else if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&report), g_object_unref);
}

/* Starts counting what @request asks for (copied). */
static void
start_load (MpStore             *store,
            const LoadJob       *request,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  g_return_if_fail (MP_IS_STORE (store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (store, cancellable, callback, user_data);
  job = g_memdup2 (request, sizeof *request);
  job->main_db = g_object_ref (mp_store_get_database (store));
  if (g_getenv ("MP_DEBUG_REPORT_DELAY_MS") != NULL)
    job->delay_ms = (guint) g_ascii_strtoull (g_getenv ("MP_DEBUG_REPORT_DELAY_MS"), NULL, 10);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, "[moteplass] report");

  /* Nobody else can open a database in memory: count it here, on the
   * store's own connection (tests and fuzzing only). */
  if (!mp_database_can_open_worker (job->main_db))
    {
      g_autoptr(GError) error = NULL;
      GObject *report = load_report (store, job, &error);

      load_job_free (job);
      if (report != NULL)
        g_task_return_pointer (task, report, g_object_unref);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread);
}

void
mp_report_load_async (MpStore             *store,
                      gint64               event_id,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  LoadJob job = { .event_id = event_id };

  g_return_if_fail (event_id != 0);
  start_load (store, &job, mp_report_load_async, cancellable, callback, user_data);
}

static gpointer
load_finish (MpStore       *store,
             GAsyncResult  *result,
             gpointer       source_tag,
             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

MpReport *
mp_report_load_finish (MpStore       *store,
                       GAsyncResult  *result,
                       GError       **error)
{
  return load_finish (store, result, mp_report_load_async, error);
}

void
mp_period_report_load_async (MpStore             *store,
                             gint64               from,
                             gint64               to,
                             guint                kinds,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  LoadJob job = { .from = from, .to = to, .kinds = kinds };

  start_load (store, &job, mp_period_report_load_async, cancellable, callback, user_data);
}

MpPeriodReport *
mp_period_report_load_finish (MpStore       *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  return load_finish (store, result, mp_period_report_load_async, error);
}

/* Export */

typedef struct
{
  MpReportFormat  format;
  char           *path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->path);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;
  gboolean written;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (MP_IS_REPORT (source_object))
    written = mp_report_export (MP_REPORT (source_object), job->format, job->path, &error);
  else
    written = mp_period_report_export (MP_PERIOD_REPORT (source_object), job->format, job->path, &error);

  if (written)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
mp_report_export_async (GObject             *report,
                        MpReportFormat       format,
                        const char          *path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (MP_IS_REPORT (report) || MP_IS_PERIOD_REPORT (report));
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (ExportJob, 1);
  job->format = format;
  job->path = g_strdup (path);

  task = g_task_new (report, cancellable, callback, user_data);
  g_task_set_source_tag (task, mp_report_export_async);
  g_task_set_name (task, "[moteplass] report export");
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
mp_report_export_finish (GObject       *report,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, report), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mp_report_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
mp_report_export_get_path (GAsyncResult *result)
{
  ExportJob *job;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mp_report_export_async, NULL);

  job = g_task_get_task_data (G_TASK (result));
  return job->path;
}
