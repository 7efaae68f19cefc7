/* mp-store-import.c: many registrations at once, all or nothing, with
 * the door open
 *
 * Two steps. First every row is checked and matched, reading only (no
 * write lock): people by e-mail, or by name and organisation, against
 * the database through its own indexes (one seek per question, however
 * many people it holds or how many share a name) and against the rows
 * before; what each row will do is planned in memory. A dry run stops
 * there. Then the plan is written in short transactions of about a
 * quarter of a second each (mp-import-batch-private.h): an import batch
 * that nobody sees until its last transaction makes it whole, and that
 * is rolled back if anything fails, the import is stopped, or the
 * process is killed. A check-in at the door waits at most one of those
 * transactions.
 *
 * Step one is mp-import-plan.c, step two mp-import-write.c; they share
 * mp-import-plan-private.h. This file holds the entry points. The rules
 * of one registration are those of mp-store-register.c, through
 * mp-store-private.h.
 */
#define G_LOG_DOMAIN "mp-store"

#include "config.h"

#include "mp-import-plan-private.h"

void
mp_import_merged_free (MpImportMerged *merged)
{
  if (merged == NULL)
    return;
  g_free (merged->name);
  g_free (merged->organisation);
  g_free (merged->email);
  g_free (merged);
}

gboolean
mp_store_import_full (MpStore         *self,
                      gint64           event_id,
                      GPtrArray       *inputs,
                      gboolean         dry_run,
                      MpImportCounts  *counts,
                      GPtrArray      **out_merged,
                      GCancellable    *cancellable,
                      MpProgressFunc   progress,
                      gpointer         progress_data,
                      GError         **error)
{
  MpDatabase *db;
  g_autofree char *restore = NULL;
  MpImportPlan plan;
  sqlite3_stmt *stmt;
  gint64 cache_size = 0, t_start = g_get_monotonic_time (), t_plan;
  gboolean ok;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (inputs != NULL, FALSE);

  db = mp_store_get_database (self);

  /* A large import passes over many pages twice (to plan, to write):
   * it gets a page cache of 64 MB while it runs, and the connection's
   * own size back afterwards. */
  stmt = _mp_database_prepare_cached (db, "PRAGMA cache_size", NULL);
  if (inputs->len >= 2000 && stmt != NULL &&
      _mp_database_step_int64 (db, stmt, &cache_size, NULL) &&
      cache_size < 0 && cache_size > -65536 && _mp_database_exec (db, "PRAGMA cache_size = -65536", NULL))
    restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, cache_size);

  /* Step one reads only, without the write lock: a desk on the same file
   * checks people in meanwhile. */
  _mp_import_plan_init (&plan, self, event_id, dry_run, inputs->len);
  ok = _mp_database_begin_read (db, error);
  if (ok)
    {
      ok = _mp_import_plan_make (&plan, inputs, cancellable, progress, progress_data, dry_run ? 1.0 : 0.35, error);
      _mp_database_rollback (db);
    }
  t_plan = g_get_monotonic_time ();

  /* Step two: an import that changes nothing leaves no trace at all. */
  if (ok && !dry_run && _mp_import_plan_writes (&plan))
    ok = _mp_import_plan_write (&plan, inputs, cancellable, progress, progress_data, 0.35, error);

  /* G_MESSAGES_DEBUG=mp-store shows where an import's time goes. */
  g_debug ("Import of %u rows: plan %.3f s, write %.3f s", inputs->len,
           (t_plan - t_start) / 1e6, (g_get_monotonic_time () - t_plan) / 1e6);

  if (ok)
    {
      if (progress != NULL)
        progress (1.0, progress_data);
      if (counts != NULL)
        *counts = plan.counts;
      if (out_merged != NULL)
        *out_merged = g_ptr_array_ref (plan.merged);
    }
  _mp_import_plan_clear (&plan);

  if (restore != NULL)
    _mp_database_exec (db, restore, NULL);

  return ok;
}

gboolean
mp_store_import (MpStore         *self,
                 gint64           event_id,
                 GPtrArray       *inputs,
                 gboolean         dry_run,
                 MpImportCounts  *counts,
                 GCancellable    *cancellable,
                 MpProgressFunc   progress,
                 gpointer         progress_data,
                 GError         **error)
{
  return mp_store_import_full (self, event_id, inputs, dry_run, counts, NULL,
                               cancellable, progress, progress_data, error);
}

