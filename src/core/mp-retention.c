#define G_LOG_DOMAIN "mp-retention"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mp-retention.h"
#include "mp-store-private.h"
#include "mp-time.h"

void
mp_retention_due_free (MpRetentionDue *due)
{
  if (due == NULL)
    return;
  g_free (due->title);
  g_free (due);
}

gint64
mp_retention_cutoff (gint64 now,
                     guint  months)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) back = NULL;

  if (months == 0)
    return G_MININT64;

  dt = g_date_time_new_from_unix_local (now);
  back = g_date_time_add_months (dt, -(int) months);
  return g_date_time_to_unix (back);
}

/* ?1 is the cut-off */
#define DUE_EVENTS "SELECT id FROM event WHERE coalesce (ends_at, starts_at) < ?1"

/* A registration still holds personal data: its person is not erased,
 * or it has answers. */
#define HOLDS_PERSONAL_DATA \
  "(p.erased_at IS NULL OR r.dietary IS NOT NULL OR r.accessibility IS NOT NULL OR r.interpreter IS NOT NULL" \
  " OR r.note IS NOT NULL)"

GPtrArray *
mp_retention_list_due (MpStore  *store,
                       guint     months,
                       gint64    now,
                       GError  **error)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_retention_due_free);
  MpDatabase *db = mp_store_get_database (store);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  if (months == 0)
    return g_steal_pointer (&due);

  stmt = _mp_database_prepare_cached (db,
                                      "SELECT e.id, e.title, coalesce (e.ends_at, e.starts_at), count(*)"
                                      " FROM event e JOIN registration r ON r.event_id = e.id"
                                      " JOIN person p ON p.id = r.person_id"
                                      " WHERE coalesce (e.ends_at, e.starts_at) < ?1 AND " HOLDS_PERSONAL_DATA
                                      " GROUP BY e.id ORDER BY 3, e.id",
                                      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, mp_retention_cutoff (now, months));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MpRetentionDue *d = g_new0 (MpRetentionDue, 1);

      d->event_id = sqlite3_column_int64 (stmt, 0);
      d->title = g_strdup (_mp_column_text (stmt, 1));
      d->ends_at = sqlite3_column_int64 (stmt, 2);
      d->registrations = sqlite3_column_int (stmt, 3);
      g_ptr_array_add (due, d);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _mp_database_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&due);
}

typedef struct
{
  gint64 registration_id;
  gint64 organisation_id;   /* 0: none */
  gint64 sector_id;
} Detach;

/* Old registrations of people who also registered for a newer event go
 * to a person of their own, with the same sector and organisation, so
 * the counts stay and the link is gone. That person has no name and is
 * erased with the others (_mp_store_blank_people). */
static gboolean
detach_from_kept_people (MpDatabase  *db,
                         gint64       cutoff,
                         gint64       now,
                         GError     **error)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db,
                                                    "SELECT r.id, p.organisation_id, p.sector_id"
                                                    " FROM registration r JOIN person p ON p.id = r.person_id"
                                                    " WHERE r.event_id IN (" DUE_EVENTS ") AND p.erased_at IS NULL"
                                                    "  AND EXISTS (SELECT 1 FROM registration k WHERE k.person_id = p.id"
                                                    "   AND k.event_id NOT IN (" DUE_EVENTS "))",
                                                    error);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Detach));
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, cutoff);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Detach d = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int64 (stmt, 2),
      };
      g_array_append_val (rows, d);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _mp_database_set_error (db, rc, error);

  for (guint i = 0; i < rows->len; i++)
    {
      const Detach *d = &g_array_index (rows, Detach, i);
      g_autofree char *uuid = _mp_uuid_new ();
      gint64 person_id;

      stmt = _mp_database_prepare_cached (db,
                                          "INSERT INTO person (uuid, name, name_key, sort_key, organisation_id, sector_id, created_at)"
                                          " VALUES (?, '', '', x'', ?, ?, ?)",
                                          error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      if (d->organisation_id != 0)
        sqlite3_bind_int64 (stmt, 2, d->organisation_id);
      if (d->sector_id != 0)
        sqlite3_bind_int64 (stmt, 3, d->sector_id);
      sqlite3_bind_int64 (stmt, 4, now);
      if (!_mp_database_step_done (db, stmt, error))
        return FALSE;
      person_id = sqlite3_last_insert_rowid (_mp_database_get_handle (db));

      if (!_mp_database_exec_int64s (db, "UPDATE registration SET person_id = ?2 WHERE id = ?1",
                                     d->registration_id, person_id, error) ||
          !_mp_database_exec_int64s (db, "UPDATE consent SET registration_id = NULL WHERE registration_id = ?1",
                                     d->registration_id, 0, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
mp_retention_anonymise (MpStore  *store,
                        guint     months,
                        gint64    now,
                        guint    *out_registrations,
                        guint    *out_events,
                        GError  **error)
{
  MpDatabase *db;
  g_autoptr(GPtrArray) due = NULL;
  g_autofree char *detail = NULL;
  guint n_registrations = 0;
  gint64 cutoff;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);

  db = mp_store_get_database (store);
  cutoff = mp_retention_cutoff (now, months);

  if (!_mp_database_begin (db, error))
    return FALSE;

  /* counted inside the transaction: what is anonymised is what was due */
  due = mp_retention_list_due (store, months, now, error);
  if (due == NULL)
    goto failed;
  for (guint i = 0; i < due->len; i++)
    n_registrations += ((MpRetentionDue *) g_ptr_array_index (due, i))->registrations;

  if (due->len > 0)
    {
      /* Everyone left with a registration for an old event is known
       * only from old events, and is erased as a whole. */
      if (!detach_from_kept_people (db, cutoff, now, error) ||
          !_mp_store_blank_people (store, "SELECT person_id FROM registration WHERE event_id IN (" DUE_EVENTS ")",
                                   cutoff, now, NULL, error) ||
          !_mp_store_bump_names_revision (store, error))
        goto failed;

      /* that it happened and how many, never who */
      detail = g_strdup_printf ("registrations=%u events=%u months=%u", n_registrations, due->len, months);
      if (!_mp_store_audit (store, now, "anonymise", NULL, NULL, detail, error) ||
          !_mp_database_mark_erasure_pending (db, error))
        goto failed;
    }

  if (!_mp_database_commit (db, error))
    goto failed;

  /* old versions of the rows must not linger in the files: as an
   * erasure (mp_database_get_erasure_pending () tells if they do) */
  if (due->len > 0)
    {
      g_autoptr(GError) wipe_error = NULL;
      gboolean clean;

      if (!_mp_database_finish_erasure (db, &clean, &wipe_error))
        g_debug ("Wiping the anonymisation's traces: %s", wipe_error->message);
    }

  if (out_registrations != NULL)
    *out_registrations = n_registrations;
  if (out_events != NULL)
    *out_events = due->len;
  return TRUE;

failed:
  _mp_database_rollback (db);
  return FALSE;
}
