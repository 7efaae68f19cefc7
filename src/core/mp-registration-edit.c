#define G_LOG_DOMAIN "mp-registration-edit"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "mp-database-private.h"
#include "mp-registration-edit.h"
#include "mp-text.h"
#include "mp-time.h"

void
mp_check_in_record_free (MpCheckInRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->desk);
  g_free (record);
}

static gboolean
step (MpDatabase    *database,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  return _mp_database_step_done (database, stmt, error);
}

/* The organisation of that name (folded), made if it is new. */
static gboolean
organisation_for (MpDatabase  *database,
                  const char  *name,
                  gint64       sector_id,
                  gint64      *out_id,
                  GError     **error)
{
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;

  *out_id = 0;
  if (name == NULL || name[0] == '\0')
    return TRUE;
  key = mp_text_fold (name);
  if (key[0] == '\0')
    return TRUE;

  stmt = _mp_database_prepare_cached (database, "SELECT id FROM organisation WHERE fold_key = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (!_mp_database_step_int64 (database, stmt, out_id, error))
    return FALSE;
  if (*out_id != 0)
    return TRUE;

  stmt = _mp_database_prepare_cached (database, "INSERT INTO organisation (name, fold_key, sector_id) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  if (sector_id != 0)
    sqlite3_bind_int64 (stmt, 3, sector_id);
  if (!step (database, stmt, error))
    return FALSE;
  *out_id = sqlite3_last_insert_rowid (_mp_database_get_handle (database));
  return TRUE;
}

gboolean
mp_store_update_registration (MpStore                   *self,
                              gint64                     registration_id,
                              const MpRegistrationInput *input,
                              GError                   **error)
{
  MpDatabase *database;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *email_key = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *organisation = NULL;
  g_autofree char *sector = NULL;
  g_autofree char *dietary = NULL;
  g_autofree char *accessibility = NULL;
  g_autofree char *interpreter = NULL;
  g_autofree char *name_key = NULL;
  g_autofree char *folded_name = NULL;
  g_autofree char *folded_organisation = NULL;
  g_autoptr(GBytes) sort_key = NULL;
  gint64 person_id = 0, other = 0, sector_id = 0, organisation_id = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  database = mp_store_get_database (self);

  /* Everything checked before anything is written. */
  name = mp_text_normalize_space (input->name);
  email = mp_text_normalize_space (input->email);
  email_key = mp_text_email_key (email);
  phone = mp_text_normalize_space (input->phone);
  organisation = mp_text_normalize_space (input->organisation);
  sector = mp_text_normalize_space (input->sector);
  dietary = mp_text_normalize_space (input->dietary);
  accessibility = mp_text_normalize_space (input->accessibility);
  interpreter = mp_text_normalize_space (input->interpreter);

  if (name == NULL || name[0] == '\0')
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID, _("A name is needed."));
      return FALSE;
    }
  if (email_key != NULL && !mp_text_email_is_valid (email))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID, _("“%s” is not an e-mail address."), email);
      return FALSE;
    }
  if (sector != NULL && sector[0] != '\0')
    {
      sector_id = mp_store_find_sector (self, sector);
      if (sector_id == 0)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID, _("“%s” is not a known sector."), sector);
          return FALSE;
        }
    }
  if (input->status > MP_REGISTRATION_STATUS_CANCELLED)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID, _("That is not a registration status."));
      return FALSE;
    }

  stmt = _mp_database_prepare_cached (database, "SELECT person_id FROM registration WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, registration_id);
  if (!_mp_database_step_int64 (database, stmt, &person_id, error))
    return FALSE;
  if (person_id == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_NOT_FOUND, _("The registration no longer exists."));
      return FALSE;
    }

  if (email_key != NULL)
    {
      stmt = _mp_database_prepare_cached (database, "SELECT id FROM person WHERE email_key = ? AND id <> ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, email_key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, person_id);
      if (!_mp_database_step_int64 (database, stmt, &other, error))
        return FALSE;
      if (other != 0)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_EXISTS,
                       _("Another person is registered with the e-mail address “%s”."), email);
          return FALSE;
        }
    }

  folded_name = mp_text_fold (name);
  folded_organisation = mp_text_fold (organisation);
  name_key = g_strconcat (folded_name, "|", folded_organisation, NULL);
  sort_key = mp_text_sort_key (name);

  if (!_mp_database_begin (database, error))
    return FALSE;

  if (!organisation_for (database, organisation, sector_id, &organisation_id, error))
    goto fail;

  stmt = _mp_database_prepare_cached (database,
                                      "UPDATE person SET name = ?, email = ?, email_key = ?, phone = ?,"
                                      " organisation_id = ?, sector_id = ?, name_key = ?, sort_key = ?"
                                      " WHERE id = ?",
                                      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  _mp_bind_text_or_null (stmt, 2, email);
  _mp_bind_text_or_null (stmt, 3, email_key);
  _mp_bind_text_or_null (stmt, 4, phone);
  if (organisation_id != 0)
    sqlite3_bind_int64 (stmt, 5, organisation_id);
  if (sector_id != 0)
    sqlite3_bind_int64 (stmt, 6, sector_id);
  sqlite3_bind_text (stmt, 7, name_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 8, g_bytes_get_data (sort_key, NULL), g_bytes_get_size (sort_key), SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 9, person_id);
  if (!step (database, stmt, error))
    goto fail;

  stmt = _mp_database_prepare_cached (database,
                                      "UPDATE registration SET status = ?, dietary = ?, accessibility = ?, interpreter = ?"
                                      " WHERE id = ?",
                                      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, mp_registration_status_to_string (input->status), -1, SQLITE_STATIC);
  _mp_bind_text_or_null (stmt, 2, dietary);
  _mp_bind_text_or_null (stmt, 3, accessibility);
  _mp_bind_text_or_null (stmt, 4, interpreter);
  sqlite3_bind_int64 (stmt, 5, registration_id);
  if (!step (database, stmt, error))
    goto fail;

  /* Names may have changed: every desk's search index must notice. */
  stmt = _mp_database_prepare_cached (database, "UPDATE meta SET value = value + 1 WHERE key = 'names_rev'", error);
  if (stmt == NULL || !step (database, stmt, error))
    goto fail;

  stmt = _mp_database_prepare_cached (database,
                                      "INSERT INTO audit_log (at, action, subject)"
                                      " SELECT ?, 'edit-registration', uuid FROM registration WHERE id = ?",
                                      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, mp_time_now ());
  sqlite3_bind_int64 (stmt, 2, registration_id);
  if (!step (database, stmt, error))
    goto fail;

  return _mp_database_commit (database, error);

fail:
  _mp_database_rollback (database);
  return FALSE;
}

GPtrArray *
mp_store_list_check_in_history (MpStore  *self,
                                gint64    registration_id,
                                GError  **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_check_in_record_free);
  MpDatabase *database;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  database = mp_store_get_database (self);
  stmt = _mp_database_prepare_cached (database,
                                      "SELECT id, at, desk, undoes FROM checkin"
                                      " WHERE registration_id = ? ORDER BY at, id",
                                      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, registration_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MpCheckInRecord *record = g_new0 (MpCheckInRecord, 1);

      record->checkin_id = sqlite3_column_int64 (stmt, 0);
      record->at = sqlite3_column_int64 (stmt, 1);
      record->desk = g_strdup (_mp_column_text (stmt, 2));
      record->undoes = sqlite3_column_int64 (stmt, 3);
      record->is_undo = record->undoes != 0;
      g_ptr_array_add (records, record);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _mp_database_set_error (database, rc, error);
      return NULL;
    }

  return g_steal_pointer (&records);
}
