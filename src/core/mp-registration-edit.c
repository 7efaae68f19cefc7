#define G_LOG_DOMAIN "mp-registration-edit"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "mp-person-name.h"
#include "mp-registration-edit.h"
#include "mp-store-private.h"
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

gboolean
mp_store_update_registration (MpStore                   *self,
                              gint64                     registration_id,
                              const MpRegistrationInput *input,
                              GError                   **error)
{
  MpDatabase *database;
  MpPersonFields f = { 0, };
  MpAnswerFields answers = { NULL, };
  g_autofree char *folded_organisation = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(GBytes) sort_key = NULL;
  gint64 person_id = 0, other = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  database = mp_store_get_database (self);

  /* Everything checked before anything is written, by the rules of a
   * new registration. */
  if (!_mp_store_prepare_contact (input, &f, error) ||
      !_mp_store_sector_for (self, input->sector, &f.sector_id, error))
    goto invalid;
  if (input->status > MP_REGISTRATION_STATUS_CANCELLED)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID, _("That is not a registration status."));
      goto invalid;
    }
  if (!_mp_store_clean_text (input->organisation, MP_TEXT_FIELD_ORGANISATION, &f.organisation, error) ||
      !_mp_store_prepare_answers (input, &answers, error))
    goto invalid;

  stmt = _mp_database_prepare_cached (database, "SELECT person_id, uuid FROM registration WHERE id = ?", error);
  if (stmt == NULL)
    goto invalid;
  sqlite3_bind_int64 (stmt, 1, registration_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      person_id = sqlite3_column_int64 (stmt, 0);
      uuid = g_strdup (_mp_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _mp_database_set_error (database, rc, error);
      goto invalid;
    }
  if (person_id == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_NOT_FOUND, _("The registration no longer exists."));
      goto invalid;
    }

  if (f.email_key != NULL)
    {
      stmt = _mp_database_prepare_cached (database, "SELECT id FROM person WHERE email_key = ? AND id <> ?", error);
      if (stmt == NULL)
        goto invalid;
      sqlite3_bind_text (stmt, 1, f.email_key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, person_id);
      if (!_mp_database_step_int64 (database, stmt, &other, error))
        goto invalid;
      if (other != 0)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_EXISTS,
                       _("Another person is registered with the e-mail address “%s”."), f.email);
          goto invalid;
        }
    }

  folded_organisation = mp_text_fold (f.organisation);
  f.name_key = _mp_store_name_key (f.name, folded_organisation);
  sort_key = mp_person_name_sort_key (f.name, f.given_name, f.family_name);

  if (!_mp_database_begin (database, error))
    goto invalid;

  if (!_mp_store_organisation_for (self, f.organisation, f.sector_id, TRUE, NULL, &f.organisation_id, error))
    goto fail;

  stmt = _mp_database_prepare_cached (database,
                                      "UPDATE person SET name = ?, email = ?, email_key = ?, phone = ?,"
                                      " organisation_id = ?, sector_id = ?, name_key = ?, sort_key = ?,"
                                      " given_name = ?, family_name = ?"
                                      " WHERE id = ?",
                                      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, f.name, -1, SQLITE_TRANSIENT);
  _mp_bind_text_or_null (stmt, 2, f.email);
  _mp_bind_text_or_null (stmt, 3, f.email_key);
  _mp_bind_text_or_null (stmt, 4, f.phone);
  if (f.organisation_id != 0)
    sqlite3_bind_int64 (stmt, 5, f.organisation_id);
  if (f.sector_id != 0)
    sqlite3_bind_int64 (stmt, 6, f.sector_id);
  sqlite3_bind_text (stmt, 7, f.name_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 8, g_bytes_get_data (sort_key, NULL), g_bytes_get_size (sort_key), SQLITE_TRANSIENT);
  _mp_bind_text_or_null (stmt, 9, f.given_name);
  _mp_bind_text_or_null (stmt, 10, f.family_name);
  sqlite3_bind_int64 (stmt, 11, person_id);
  if (!_mp_database_step_done (database, stmt, error))
    goto fail;

  stmt = _mp_database_prepare_cached (database,
                                      "UPDATE registration SET status = ?, dietary = ?, accessibility = ?, interpreter = ?,"
                                      " note = ? WHERE id = ?",
                                      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, mp_registration_status_to_string (input->status), -1, SQLITE_STATIC);
  _mp_bind_text_or_null (stmt, 2, answers.dietary);
  _mp_bind_text_or_null (stmt, 3, answers.accessibility);
  _mp_bind_text_or_null (stmt, 4, answers.interpreter);
  _mp_bind_text_or_null (stmt, 5, answers.note);
  sqlite3_bind_int64 (stmt, 6, registration_id);
  if (!_mp_database_step_done (database, stmt, error) ||
      /* Names may have changed: every desk's search index must notice. */
      !_mp_store_bump_names_revision (self, error) ||
      !_mp_store_audit (self, mp_time_now (), "edit-registration", uuid, NULL, NULL, error) ||
      !_mp_database_commit (database, error))
    goto fail;

  _mp_person_fields_clear (&f);
  _mp_answer_fields_clear (&answers);
  return TRUE;

fail:
  _mp_database_rollback (database);
invalid:
  _mp_person_fields_clear (&f);
  _mp_answer_fields_clear (&answers);
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
                                      "SELECT id, at, desk, undoes, exception FROM checkin"
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
      mp_check_in_exception_from_string (_mp_column_text (stmt, 4), &record->exception);
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
