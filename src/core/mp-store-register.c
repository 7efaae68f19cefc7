/* mp-store-register.c: registering one person for one event
 *
 * A person already known (same e-mail, or same name and organisation,
 * ignoring case and accents) is reused and completed, never
 * overwritten; organisations are found or made by their folded name;
 * consents are recorded once. The bulk import (mp-store-import.c)
 * reuses these rules through mp-store-private.h.
 */
#define G_LOG_DOMAIN "mp-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-person-name.h"
#include "mp-store-private.h"
#include "mp-text.h"
#include "mp-ticket.h"
#include "mp-time.h"

void
_mp_person_fields_clear (MpPersonFields *f)
{
  g_free (f->name);
  g_free (f->given_name);
  g_free (f->family_name);
  g_free (f->email);
  g_free (f->email_key);
  g_free (f->phone);
  g_free (f->organisation);
  g_free (f->name_key);
}

gboolean
_mp_store_clean_text (const char   *text,
                      MpTextField   field,
                      char        **out,
                      GError      **error)
{
  *out = NULL;
  if (text == NULL)
    return TRUE;

  *out = mp_text_clean_field (text, field, error);
  return *out != NULL;
}

gboolean
_mp_store_prepare_answers (const MpRegistrationInput  *input,
                           MpAnswerFields             *answers,
                           GError                    **error)
{
  memset (answers, 0, sizeof *answers);

  if (_mp_store_clean_text (input->dietary, MP_TEXT_FIELD_ANSWER, &answers->dietary, error) &&
      _mp_store_clean_text (input->accessibility, MP_TEXT_FIELD_ANSWER, &answers->accessibility, error) &&
      _mp_store_clean_text (input->interpreter, MP_TEXT_FIELD_ANSWER, &answers->interpreter, error) &&
      _mp_store_clean_text (input->note, MP_TEXT_FIELD_ANSWER, &answers->note, error))
    {
      /* Line breaks kept, the spaces of each line tidied, empty lines gone. */
      char **fields[] = { &answers->dietary, &answers->accessibility, &answers->interpreter, &answers->note };

      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        if (*fields[i] != NULL)
          {
            char *tidy = mp_text_normalize_lines (*fields[i]);

            g_free (*fields[i]);
            *fields[i] = tidy;
          }
      return TRUE;
    }

  _mp_answer_fields_clear (answers);
  return FALSE;
}

void
_mp_answer_fields_clear (MpAnswerFields *answers)
{
  g_clear_pointer (&answers->dietary, g_free);
  g_clear_pointer (&answers->accessibility, g_free);
  g_clear_pointer (&answers->interpreter, g_free);
  g_clear_pointer (&answers->note, g_free);
}

char *
_mp_store_name_key (const char *name,
                    const char *folded_organisation)
{
  g_autofree char *folded_name = mp_text_fold (name);

  return g_strconcat (folded_name, "|", folded_organisation != NULL ? folded_organisation : "", NULL);
}

gboolean
_mp_store_organisation_for (MpStore     *self,
                            const char  *name,
                            gint64       sector_id,
                            gboolean     create,
                            GHashTable  *cache,
                            gint64      *out_id,
                            GError     **error)
{
  g_autofree char *key = NULL;
  gpointer cached;

  *out_id = 0;
  if (name == NULL || name[0] == '\0')
    return TRUE;

  key = mp_text_fold (name);
  if (key[0] == '\0')
    return TRUE;

  if (cache != NULL && g_hash_table_lookup_extended (cache, key, NULL, &cached))
    {
      *out_id = GPOINTER_TO_SIZE (cached);
      return TRUE;
    }

  {
    _MP_STORE_PREPARE ("SELECT id FROM organisation WHERE fold_key = ?");

    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
    if (!_mp_database_step_int64 (self->database, stmt, out_id, error))
      return FALSE;
  }

  if (*out_id == 0 && !create)
    *out_id = -1 - (cache != NULL ? (gint64) g_hash_table_size (cache) : 0);
  else if (*out_id == 0)
    {
      _MP_STORE_PREPARE ("INSERT INTO organisation (name, fold_key, sector_id) VALUES (?, ?, ?)");

      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
      if (sector_id != 0)
        sqlite3_bind_int64 (stmt, 3, sector_id);
      if (!_mp_database_step_done (self->database, stmt, error))
        return FALSE;
      *out_id = sqlite3_last_insert_rowid (_mp_database_get_handle (self->database));
    }

  if (cache != NULL)
    g_hash_table_insert (cache, g_steal_pointer (&key), GSIZE_TO_POINTER (*out_id));

  return TRUE;
}

gboolean
_mp_store_prepare_contact (const MpRegistrationInput  *input,
                           MpPersonFields             *f,
                           GError                    **error)
{
  memset (f, 0, sizeof *f);
  if (!_mp_store_clean_text (input->name, MP_TEXT_FIELD_NAME, &f->name, error) ||
      !_mp_store_clean_text (input->given_name, MP_TEXT_FIELD_NAME, &f->given_name, error) ||
      !_mp_store_clean_text (input->family_name, MP_TEXT_FIELD_NAME, &f->family_name, error) ||
      !_mp_store_clean_text (input->email, MP_TEXT_FIELD_EMAIL, &f->email, error) ||
      !_mp_store_clean_text (input->phone, MP_TEXT_FIELD_PHONE, &f->phone, error))
    return FALSE;
  /* cleaning is idempotent: the key of the tidied address is the key */
  f->email_key = mp_text_email_key (f->email);

  if (f->given_name != NULL && f->given_name[0] == '\0')
    g_clear_pointer (&f->given_name, g_free);
  if (f->family_name != NULL && f->family_name[0] == '\0')
    g_clear_pointer (&f->family_name, g_free);

  /* No name as a whole: the parts make it, "Given Family". */
  if ((f->name == NULL || f->name[0] == '\0') && (f->given_name != NULL || f->family_name != NULL))
    {
      g_autofree char *joined = mp_person_name_join (f->given_name, f->family_name);

      g_free (f->name);
      f->name = NULL;
      if (!_mp_store_clean_text (joined, MP_TEXT_FIELD_NAME, &f->name, error))
        return FALSE;
    }

  if (f->name == NULL || f->name[0] == '\0')
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID, _("A name is needed."));
      return FALSE;
    }

  /* No parts: the name's, when it can be split safely. */
  if (f->given_name == NULL && f->family_name == NULL)
    mp_person_name_split (f->name, &f->given_name, &f->family_name);
  if (f->email_key != NULL && !mp_text_email_is_valid (f->email))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("“%s” is not an e-mail address."), f->email);
      return FALSE;
    }

  return TRUE;
}

gboolean
_mp_store_sector_for (MpStore     *self,
                      const char  *text,
                      gint64      *out_id,
                      GError     **error)
{
  g_autofree char *sector = NULL;

  *out_id = 0;
  if (!_mp_store_clean_text (text, MP_TEXT_FIELD_SECTOR, &sector, error))
    return FALSE;
  if (sector == NULL || sector[0] == '\0')
    return TRUE;

  *out_id = mp_store_find_sector (self, sector);
  if (*out_id == 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID, _("“%s” is not a known sector."), sector);
      return FALSE;
    }

  return TRUE;
}

static gboolean
prepare_person (MpStore                    *self,
                const MpRegistrationInput  *input,
                MpPersonFields             *f,
                GError                    **error)
{
  g_autofree char *folded_organisation = NULL;

  if (!_mp_store_prepare_contact (input, f, error) ||
      !_mp_store_clean_text (input->organisation, MP_TEXT_FIELD_ORGANISATION, &f->organisation, error))
    return FALSE;
  if (!_mp_store_sector_for (self, input->sector, &f->sector_id, error))
    return FALSE;

  folded_organisation = mp_text_fold (f->organisation);
  f->name_key = _mp_store_name_key (f->name, folded_organisation);

  return _mp_store_organisation_for (self, f->organisation, f->sector_id, TRUE, NULL,
                                     &f->organisation_id, error);
}

static gboolean
insert_person (MpStore         *self,
               MpPersonFields  *f,
               gint64          *out_id,
               GError         **error)
{
  g_autofree char *uuid = _mp_uuid_new ();
  g_autoptr(GBytes) sort_key = mp_person_name_sort_key (f->name, f->given_name, f->family_name);
  _MP_STORE_PREPARE ("INSERT INTO person (uuid, name, email, email_key, phone, organisation_id,"
                     " sector_id, name_key, sort_key, created_at, given_name, family_name)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, f->name, -1, SQLITE_TRANSIENT);
  _mp_bind_text_or_null (stmt, 3, f->email);
  _mp_bind_text_or_null (stmt, 4, f->email_key);
  _mp_bind_text_or_null (stmt, 5, f->phone);
  if (f->organisation_id != 0)
    sqlite3_bind_int64 (stmt, 6, f->organisation_id);
  if (f->sector_id != 0)
    sqlite3_bind_int64 (stmt, 7, f->sector_id);
  sqlite3_bind_text (stmt, 8, f->name_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 9, g_bytes_get_data (sort_key, NULL), g_bytes_get_size (sort_key), SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 10, mp_time_now ());
  _mp_bind_text_or_null (stmt, 11, f->given_name);
  _mp_bind_text_or_null (stmt, 12, f->family_name);

  if (!_mp_database_step_done (self->database, stmt, error))
    return FALSE;

  *out_id = sqlite3_last_insert_rowid (_mp_database_get_handle (self->database));
  return TRUE;
}

gboolean
_mp_store_complete_person (MpStore         *self,
                           gint64           person_id,
                           MpPersonFields  *f,
                           GError         **error)
{
  _MP_STORE_PREPARE ("UPDATE person SET"
                     " email = coalesce (email, ?2), email_key = coalesce (email_key, ?3),"
                     " phone = coalesce (phone, ?4),"
                     " organisation_id = coalesce (organisation_id, ?5),"
                     " sector_id = coalesce (sector_id, ?6)"
                     " WHERE id = ?1 AND ((email IS NULL AND ?2 IS NOT NULL) OR (phone IS NULL AND ?4 IS NOT NULL)"
                     "  OR (organisation_id IS NULL AND ?5 IS NOT NULL) OR (sector_id IS NULL AND ?6 IS NOT NULL))");

  sqlite3_bind_int64 (stmt, 1, person_id);
  _mp_bind_text_or_null (stmt, 2, f->email);
  _mp_bind_text_or_null (stmt, 3, f->email_key);
  _mp_bind_text_or_null (stmt, 4, f->phone);
  if (f->organisation_id != 0)
    sqlite3_bind_int64 (stmt, 5, f->organisation_id);
  if (f->sector_id != 0)
    sqlite3_bind_int64 (stmt, 6, f->sector_id);

  return _mp_database_step_done (self->database, stmt, error);
}

static gboolean
find_person_sql (MpStore         *self,
                 MpPersonFields  *f,
                 gint64          *out_id,
                 GError         **error)
{
  *out_id = 0;

  if (f->email_key != NULL)
    {
      _MP_STORE_PREPARE ("SELECT id FROM person WHERE email_key = ?");

      sqlite3_bind_text (stmt, 1, f->email_key, -1, SQLITE_TRANSIENT);
      if (!_mp_database_step_int64 (self->database, stmt, out_id, error))
        return FALSE;
      if (*out_id != 0)
        return TRUE;
    }

  {
    /* Same name and organisation is the same person, unless both have
     * e-mail addresses and they differ. */
    _MP_STORE_PREPARE ("SELECT id FROM person WHERE name_key = ? AND erased_at IS NULL"
                       " AND (email_key IS NULL OR ?2 IS NULL OR email_key = ?2) ORDER BY id LIMIT 1");

    sqlite3_bind_text (stmt, 1, f->name_key, -1, SQLITE_TRANSIENT);
    _mp_bind_text_or_null (stmt, 2, f->email_key);
    if (!_mp_database_step_int64 (self->database, stmt, out_id, error))
      return FALSE;
  }

  return TRUE;
}

static gboolean
find_registration (MpStore  *self,
                   gint64    event_id,
                   gint64    person_id,
                   gint64   *out_id,
                   GError  **error)
{
  _MP_STORE_PREPARE ("SELECT id FROM registration WHERE event_id = ? AND person_id = ?");

  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, person_id);

  return _mp_database_step_int64 (self->database, stmt, out_id, error);
}

/* The status a new registration gets: what @input asks, except that a
 * registration past the event's capacity waits, unless the organiser
 * let it in (one rule for register, walk-in, kiosk and import). */
MpRegistrationStatus
_mp_store_status_within_capacity (MpRegistrationStatus  asked,
                                  gboolean              over_capacity,
                                  int                   capacity,
                                  guint                 registered)
{
  if (asked == MP_REGISTRATION_STATUS_REGISTERED && !over_capacity &&
      capacity >= 0 && registered >= (guint) capacity)
    return MP_REGISTRATION_STATUS_WAITLISTED;
  return asked;
}

static gboolean
status_for_new (MpStore                    *self,
                gint64                      event_id,
                const MpRegistrationInput  *input,
                MpRegistrationStatus       *out_status,
                GError                    **error)
{
  gint64 capacity = -1, registered = 0;

  *out_status = input->status;
  if (input->status != MP_REGISTRATION_STATUS_REGISTERED || input->over_capacity)
    return TRUE;

  {
    _MP_STORE_PREPARE ("SELECT coalesce (capacity, -1) FROM event WHERE id = ?");

    sqlite3_bind_int64 (stmt, 1, event_id);
    if (!_mp_database_step_int64 (self->database, stmt, &capacity, error))
      return FALSE;
  }
  if (capacity < 0)
    return TRUE;

  {
    _MP_STORE_PREPARE ("SELECT count(*) FROM registration WHERE event_id = ? AND status = 'registered'");

    sqlite3_bind_int64 (stmt, 1, event_id);
    if (!_mp_database_step_int64 (self->database, stmt, &registered, error))
      return FALSE;
  }

  *out_status = _mp_store_status_within_capacity (input->status, FALSE, (int) MIN (capacity, G_MAXINT),
                                                  (guint) MIN (registered, G_MAXUINT));
  return TRUE;
}

static gboolean
insert_registration (MpStore                   *self,
                     gint64                     event_id,
                     gint64                     person_id,
                     const MpRegistrationInput *input,
                     gint64                    *out_id,
                     GError                   **error)
{
  MpRegistrationStatus status;

  g_autofree char *uuid = _mp_uuid_new ();
  g_autofree char *token = mp_ticket_token_new ();
  MpAnswerFields answers;
  gboolean ok;
  _MP_STORE_PREPARE ("INSERT INTO registration (uuid, event_id, person_id, token, status, source,"
                     " dietary, accessibility, interpreter, created_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, event_id);
  sqlite3_bind_int64 (stmt, 3, person_id);
  sqlite3_bind_text (stmt, 4, token, -1, SQLITE_TRANSIENT);
  if (!status_for_new (self, event_id, input, &status, error))
    return FALSE;
  sqlite3_bind_text (stmt, 5, mp_registration_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, mp_registration_source_to_string (input->source), -1, SQLITE_STATIC);
  if (!_mp_store_prepare_answers (input, &answers, error))
    return FALSE;
  _mp_bind_text_or_null (stmt, 7, answers.dietary);
  _mp_bind_text_or_null (stmt, 8, answers.accessibility);
  _mp_bind_text_or_null (stmt, 9, answers.interpreter);
  sqlite3_bind_int64 (stmt, 10, mp_time_now ());
  _mp_bind_text_or_null (stmt, 11, answers.note);

  ok = _mp_database_step_done (self->database, stmt, error);
  _mp_answer_fields_clear (&answers);
  if (!ok)
    return FALSE;

  *out_id = sqlite3_last_insert_rowid (_mp_database_get_handle (self->database));
  return TRUE;
}

MpConsentDecision
_mp_store_consent_decide (MpConsentAnswer  answer,
                          gboolean         active,
                          gint64           last_withdrawn,
                          gint64           answered_at)
{
  if (answer != MP_CONSENT_YES || active)
    return MP_CONSENT_DECISION_NOTHING;
  if (last_withdrawn == 0 || (answered_at != 0 && answered_at > last_withdrawn))
    return MP_CONSENT_DECISION_GIVE;
  return answered_at == 0 ? MP_CONSENT_DECISION_UNDATED : MP_CONSENT_DECISION_NOT_LATER;
}

const char *
_mp_store_consent_not_granted_code (MpConsentDecision decision)
{
  return decision == MP_CONSENT_DECISION_UNDATED ? "answer-undated" : "answer-not-later";
}

gboolean
_mp_store_record_consent (MpStore         *self,
                          gint64           person_id,
                          gint64           registration_id,
                          const char      *kind,
                          MpConsentAnswer  answer,
                          const char      *source,
                          gint64           answered_at,
                          gboolean         by_hand,
                          gboolean        *out_recorded,
                          GError         **error)
{
  MpConsentDecision decision;
  gint64 now = mp_time_now ();
  gint64 given = 0, last_withdrawn = 0, noted = 0;

  if (out_recorded != NULL)
    *out_recorded = FALSE;

  if (answer != MP_CONSENT_YES)
    return TRUE;

  /* A consent already given stands; it is not given twice. (Separate
   * statements: INSERT … SELECT from the same table would copy through a
   * temporary table on every row.) */
  {
    _MP_STORE_PREPARE ("SELECT 1 FROM consent WHERE person_id = ? AND kind = ? AND withdrawn_at IS NULL");

    sqlite3_bind_int64 (stmt, 1, person_id);
    sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
    if (!_mp_database_step_int64 (self->database, stmt, &given, error))
      return FALSE;
  }
  if (given)
    return TRUE;

  if (!by_hand)
    {
      _MP_STORE_PREPARE ("SELECT max (withdrawn_at) FROM consent"
                         " WHERE person_id = ? AND kind = ? AND not_granted IS NULL");

      sqlite3_bind_int64 (stmt, 1, person_id);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
      if (!_mp_database_step_int64 (self->database, stmt, &last_withdrawn, error))
        return FALSE;
    }

  decision = by_hand ? MP_CONSENT_DECISION_GIVE
                     : _mp_store_consent_decide (answer, FALSE, last_withdrawn, answered_at);

  if (decision != MP_CONSENT_DECISION_GIVE)
    {
      /* Re-reading the same file again adds nothing new to say. */
      _MP_STORE_PREPARE ("SELECT 1 FROM consent WHERE person_id = ? AND kind = ? AND not_granted IS NOT NULL"
                         " AND given_at >= ? AND coalesce (answered_at, 0) = ?");

      sqlite3_bind_int64 (stmt, 1, person_id);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, last_withdrawn);
      sqlite3_bind_int64 (stmt, 4, answered_at);
      if (!_mp_database_step_int64 (self->database, stmt, &noted, error))
        return FALSE;
      if (noted)
        return TRUE;
    }

  {
    _MP_STORE_PREPARE ("INSERT INTO consent (person_id, registration_id, kind, given_at, source,"
                       " answered_at, withdrawn_at, not_granted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");

    sqlite3_bind_int64 (stmt, 1, person_id);
    if (registration_id != 0)
      sqlite3_bind_int64 (stmt, 2, registration_id);
    sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
    /* given when answered, if that is known (and not in the future) */
    sqlite3_bind_int64 (stmt, 4, decision == MP_CONSENT_DECISION_GIVE && answered_at > 0
                                 ? MIN (answered_at, now) : now);
    sqlite3_bind_text (stmt, 5, source, -1, SQLITE_TRANSIENT);
    if (answered_at > 0)
      sqlite3_bind_int64 (stmt, 6, answered_at);
    if (decision != MP_CONSENT_DECISION_GIVE)
      {
        sqlite3_bind_int64 (stmt, 7, now);
        sqlite3_bind_text (stmt, 8, _mp_store_consent_not_granted_code (decision), -1, SQLITE_STATIC);
      }

    if (!_mp_database_step_done (self->database, stmt, error))
      return FALSE;
  }

  if (out_recorded != NULL)
    *out_recorded = decision == MP_CONSENT_DECISION_GIVE;
  return TRUE;
}

static gboolean
record_consents (MpStore                   *self,
                 gint64                     person_id,
                 gint64                     registration_id,
                 const MpRegistrationInput *input,
                 GError                   **error)
{
  const char *source = mp_registration_source_to_string (input->source);
  gint64 answered_at = input->answered_at;

  /* Registered at the desk, the kiosk or by hand: the answer is given
   * now. From a file (source import), with no time, it is not dated. */
  if (answered_at == 0 && input->source != MP_REGISTRATION_SOURCE_IMPORT)
    answered_at = mp_time_now ();

  return _mp_store_record_consent (self, person_id, registration_id, "followup", input->consent_followup,
                                   source, answered_at, FALSE, NULL, error) &&
         _mp_store_record_consent (self, person_id, registration_id, "photo", input->consent_photo,
                                   source, answered_at, FALSE, NULL, error);
}

static gboolean
event_exists (MpStore  *self,
              gint64    event_id,
              GError  **error)
{
  gint64 found;
  _MP_STORE_PREPARE ("SELECT 1 FROM event WHERE id = ?");

  sqlite3_bind_int64 (stmt, 1, event_id);
  if (!_mp_database_step_int64 (self->database, stmt, &found, error))
    return FALSE;

  if (!found)
    {
      return _mp_store_no_such_event (error, event_id);
    }

  return TRUE;
}

MpAttendee *
mp_store_register (MpStore                   *self,
                   gint64                     event_id,
                   const MpRegistrationInput *input,
                   GError                   **error)
{
  MpPersonFields f;
  gint64 person_id = 0, registration_id = 0;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!_mp_database_begin (self->database, error))
    return NULL;

  memset (&f, 0, sizeof f);
  if (!event_exists (self, event_id, error) ||
      !prepare_person (self, input, &f, error) ||
      !find_person_sql (self, &f, &person_id, error))
    goto failed;

  if (person_id != 0)
    {
      if (!_mp_store_complete_person (self, person_id, &f, error) ||
          !find_registration (self, event_id, person_id, &registration_id, error))
        goto failed;

      if (registration_id != 0)
        {
          g_autoptr(MpAttendee) existing = NULL;

          _mp_database_rollback (self->database);
          existing = mp_store_get_attendee (self, registration_id, NULL);
          g_set_error (error, MP_ERROR, MP_ERROR_EXISTS,
                       _("%s is already registered for this event."),
                       existing != NULL ? mp_attendee_get_name (existing) : f.name);
          _mp_person_fields_clear (&f);
          return NULL;
        }
    }
  else if (!insert_person (self, &f, &person_id, error))
    goto failed;

  if (!insert_registration (self, event_id, person_id, input, &registration_id, error) ||
      !record_consents (self, person_id, registration_id, input, error) ||
      !_mp_store_bump_names_revision (self, error) ||
      !_mp_database_commit (self->database, error))
    goto failed;

  _mp_person_fields_clear (&f);
  return mp_store_get_attendee (self, registration_id, error);

failed:
  _mp_database_rollback (self->database);
  _mp_person_fields_clear (&f);
  return NULL;
}
