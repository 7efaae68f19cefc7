/* mp-admissions.c: tickets admitted twice while desks were apart */
#define G_LOG_DOMAIN "mp-admissions"

#include "config.h"

#include "mp-admissions.h"
#include "mp-database-private.h"
#include "mp-store-private.h"

void
mp_double_admission_free (MpDoubleAdmission *admission)
{
  if (admission == NULL)
    return;
  g_free (admission->name);
  g_free (admission->desk);
  g_free (admission->first_desk);
  g_free (admission);
}

GPtrArray *
mp_store_list_double_admissions (MpStore  *store,
                                 gint64    event_id,
                                 GError  **error)
{
  MpDatabase *db;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_double_admission_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  db = mp_store_get_database (store);
  /* Every other admission that stands beside the one that counts
   * (registration.checkin_id: the earliest). */
  stmt = _mp_database_prepare_cached (db,
                                      "SELECT r.id, p.name, c.desk, c.at, f.desk, f.at"
                                      " FROM registration r JOIN checkin f ON f.id = r.checkin_id"
                                      " JOIN checkin c ON c.registration_id = r.id AND c.id <> f.id"
                                      " JOIN person p ON p.id = r.person_id"
                                      " WHERE r.event_id = ? AND " MP_STORE_CHECKIN_STANDS ("c")
                                      " ORDER BY c.at, c.uuid",
                                      error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MpDoubleAdmission *a = g_new0 (MpDoubleAdmission, 1);

      a->registration_id = sqlite3_column_int64 (stmt, 0);
      a->name = g_strdup (_mp_column_text (stmt, 1));
      a->desk = g_strdup (_mp_column_text (stmt, 2));
      a->at = sqlite3_column_int64 (stmt, 3);
      a->first_desk = g_strdup (_mp_column_text (stmt, 4));
      a->first_at = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (out, a);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _mp_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
mp_store_may_have_double_admissions (MpStore *store)
{
  MpDatabase *db;
  sqlite3_stmt *stmt;
  gint64 any = 1;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);

  db = mp_store_get_database (store);
  stmt = _mp_database_prepare_cached (db, "SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'admitted_twice')", NULL);
  if (stmt == NULL || !_mp_database_step_int64 (db, stmt, &any, NULL))
    return TRUE;                /* when in doubt, look */
  return any != 0;
}
