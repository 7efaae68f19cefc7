#define G_LOG_DOMAIN "mp-privacy"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mp-database-private.h"
#include "mp-error.h"
#include "mp-privacy.h"
#include "mp-store-private.h"
#include "mp-ticket.h"
#include "mp-time.h"

const char *
mp_consent_kind_to_string (MpConsentKind kind)
{
  return kind == MP_CONSENT_KIND_PHOTO ? "photo" : "followup";
}

gboolean
mp_consent_kind_from_string (const char    *text,
                             MpConsentKind *out)
{
  if (g_strcmp0 (text, "followup") == 0)
    *out = MP_CONSENT_KIND_FOLLOWUP;
  else if (g_strcmp0 (text, "photo") == 0)
    *out = MP_CONSENT_KIND_PHOTO;
  else
    return FALSE;
  return TRUE;
}

static gboolean
no_such_person (GError **error)
{
  g_set_error_literal (error, MP_ERROR, MP_ERROR_NOT_FOUND,
                       _("There is no such person, or they were erased."));
  return FALSE;
}

/* The person's uuid, or NULL (and @error) for no such living person. */
static char *
person_uuid (MpDatabase  *database,
             gint64       person_id,
             GError     **error)
{
  sqlite3_stmt *stmt;
  char *uuid = NULL;
  int rc;

  stmt = _mp_database_prepare_cached (database,
                                      "SELECT uuid FROM person WHERE id = ? AND erased_at IS NULL",
                                      error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    uuid = g_strdup (_mp_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _mp_database_set_error (database, rc, error);
  else if (uuid == NULL)
    no_such_person (error);
  return uuid;
}

gboolean
mp_store_give_consent (MpStore       *self,
                       gint64         person_id,
                       MpConsentKind  kind,
                       const char    *source,
                       GError       **error)
{
  MpDatabase *database;
  const char *kind_text = mp_consent_kind_to_string (kind);
  g_autofree char *uuid = NULL;
  gboolean recorded = FALSE;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  database = mp_store_get_database (self);
  if (!_mp_database_begin (database, error))
    return FALSE;

  if ((uuid = person_uuid (database, person_id, error)) == NULL)
    goto failed;

  /* A consent already given stands; giving it again after a withdrawal
   * is a new row, so the history shows both. */
  if (!_mp_store_record_consent (self, person_id, 0, kind_text, MP_CONSENT_YES, source,
                                 mp_time_now (), TRUE, &recorded, error))
    goto failed;
  if (recorded && !_mp_store_audit (self, mp_time_now (), "give-consent", uuid, NULL, kind_text, error))
    goto failed;

  if (!_mp_database_commit (database, error))
    goto failed;

  return TRUE;

failed:
  _mp_database_rollback (database);
  return FALSE;
}

void
mp_consent_record_free (MpConsentRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->source);
  g_free (record->not_granted);
  g_free (record->event_title);
  g_free (record);
}

gboolean
mp_consent_record_is_active (const MpConsentRecord *record)
{
  g_return_val_if_fail (record != NULL, FALSE);

  return record->withdrawn_at == 0 && record->not_granted == NULL;
}

const char *
mp_consent_record_get_not_granted_reason (const MpConsentRecord *record)
{
  g_return_val_if_fail (record != NULL, NULL);

  if (record->not_granted == NULL)
    return NULL;
  if (g_str_equal (record->not_granted, "answer-undated"))
    return _("A “yes” without a time was read after the consent was withdrawn, so it did not give the consent again.");
  return _("A “yes” given before the withdrawal was read again, so it did not give the consent again.");
}

GPtrArray *
mp_store_list_consents (MpStore  *self,
                        gint64    person_id,
                        GError  **error)
{
  MpDatabase *database;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *uuid = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  database = mp_store_get_database (self);
  if ((uuid = person_uuid (database, person_id, error)) == NULL)
    return NULL;

  stmt = _mp_database_prepare_cached (database,
                                      "SELECT k.id, k.kind, k.given_at, k.answered_at, k.withdrawn_at,"
                                      " k.source, k.not_granted, e.title"
                                      " FROM consent k"
                                      " LEFT JOIN registration r ON r.id = k.registration_id"
                                      " LEFT JOIN event e ON e.id = r.event_id"
                                      " WHERE k.person_id = ? ORDER BY k.given_at, k.id",
                                      error);
  if (stmt == NULL)
    return NULL;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_consent_record_free);
  sqlite3_bind_int64 (stmt, 1, person_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MpConsentRecord *record = g_new0 (MpConsentRecord, 1);
      MpConsentKind kind = MP_CONSENT_KIND_FOLLOWUP;

      mp_consent_kind_from_string (_mp_column_text (stmt, 1), &kind);
      record->consent_id = sqlite3_column_int64 (stmt, 0);
      record->kind = kind;
      record->given_at = sqlite3_column_int64 (stmt, 2);
      record->answered_at = sqlite3_column_int64 (stmt, 3);
      record->withdrawn_at = sqlite3_column_int64 (stmt, 4);
      record->source = g_strdup (_mp_column_text (stmt, 5));
      record->not_granted = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      record->event_title = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
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

gboolean
mp_store_withdraw_consent (MpStore       *self,
                           gint64         person_id,
                           MpConsentKind  kind,
                           GError       **error)
{
  MpDatabase *database;
  const char *kind_text = mp_consent_kind_to_string (kind);
  g_autofree char *uuid = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  database = mp_store_get_database (self);
  if (!_mp_database_begin (database, error))
    return FALSE;

  if ((uuid = person_uuid (database, person_id, error)) == NULL)
    goto failed;

  stmt = _mp_database_prepare_cached (database,
                                      "UPDATE consent SET withdrawn_at = ?"
                                      " WHERE person_id = ? AND kind = ? AND withdrawn_at IS NULL",
                                      error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, mp_time_now ());
  sqlite3_bind_int64 (stmt, 2, person_id);
  sqlite3_bind_text (stmt, 3, kind_text, -1, SQLITE_STATIC);
  if (!_mp_database_step_done (database, stmt, error))
    goto failed;

  if (sqlite3_changes (_mp_database_get_handle (database)) == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_NOT_FOUND,
                           kind == MP_CONSENT_KIND_PHOTO
                           ? _("The person has no consent to photos to withdraw.")
                           : _("The person has no consent to follow-up to withdraw."));
      goto failed;
    }

  if (!_mp_store_audit (self, mp_time_now (), "withdraw-consent", uuid, NULL, kind_text, error) ||
      !_mp_database_commit (database, error))
    goto failed;

  return TRUE;

failed:
  _mp_database_rollback (database);
  return FALSE;
}

/* Access request */

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value != NULL ? value : "");
}

static void
add_time (JsonBuilder *b,
          const char  *name,
          gint64       unix_time)
{
  json_builder_set_member_name (b, name);
  if (unix_time != 0)
    {
      g_autofree char *text = mp_time_format_iso (unix_time);

      json_builder_add_string_value (b, text);
    }
  else
    json_builder_add_null_value (b);
}

static void
add_column_time (JsonBuilder  *b,
                 const char   *name,
                 sqlite3_stmt *stmt,
                 int           column)
{
  add_time (b, name, sqlite3_column_type (stmt, column) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, column));
}

static gboolean
add_checkins (MpDatabase   *database,
              JsonBuilder  *b,
              gint64        registration_id,
              GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _mp_database_prepare_cached (database,
                                      "SELECT c.desk, c.at, u.at, u.desk, c.exception FROM checkin c"
                                      " LEFT JOIN checkin u ON u.undoes = c.id"
                                      " WHERE c.registration_id = ? AND c.undoes IS NULL ORDER BY c.id",
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, registration_id);

  json_builder_set_member_name (b, "checkins");
  json_builder_begin_array (b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean undone = sqlite3_column_type (stmt, 2) != SQLITE_NULL;

      json_builder_begin_object (b);
      add_string (b, "desk", _mp_column_text (stmt, 0));
      add_column_time (b, "at", stmt, 1);
      add_string (b, "exception", _mp_column_text (stmt, 4));
      json_builder_set_member_name (b, "undone");
      json_builder_add_boolean_value (b, undone);
      if (undone)
        {
          add_column_time (b, "undone_at", stmt, 2);
          add_string (b, "undone_at_desk", _mp_column_text (stmt, 3));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _mp_database_set_error (database, rc, error);
  return TRUE;
}

static gboolean
add_registrations (MpDatabase   *database,
                   JsonBuilder  *b,
                   gint64        person_id,
                   GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _mp_database_prepare_cached (database,
                                      "SELECT r.id, e.id, e.title, e.starts_at, r.status, r.source, r.token,"
                                      " r.dietary, r.accessibility, r.interpreter, r.created_at, r.note"
                                      " FROM registration r JOIN event e ON e.id = r.event_id"
                                      " WHERE r.person_id = ? ORDER BY e.starts_at, r.id",
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);

  json_builder_set_member_name (b, "registrations");
  json_builder_begin_array (b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *ticket = mp_ticket_text_for_token (_mp_column_text (stmt, 6));
      gint64 id = sqlite3_column_int64 (stmt, 0);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, id);
      json_builder_set_member_name (b, "event_id");
      json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 1));
      add_string (b, "event_title", _mp_column_text (stmt, 2));
      add_column_time (b, "event_starts_at", stmt, 3);
      add_string (b, "status", _mp_column_text (stmt, 4));
      add_string (b, "source", _mp_column_text (stmt, 5));
      add_string (b, "ticket", ticket);
      json_builder_set_member_name (b, "answers");
      json_builder_begin_object (b);
      add_string (b, "dietary", _mp_column_text (stmt, 7));
      add_string (b, "accessibility", _mp_column_text (stmt, 8));
      add_string (b, "interpreter", _mp_column_text (stmt, 9));
      json_builder_end_object (b);
      add_column_time (b, "created_at", stmt, 10);
      add_string (b, "note", _mp_column_text (stmt, 11));
      if (!add_checkins (database, b, id, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _mp_database_set_error (database, rc, error);

  return TRUE;
}

/* Why a "yes" did not give a consent again, in words. */
static char *
not_granted_reason (const char *code,
                    gint64      answered_at,
                    gint64      withdrawn_at)
{
  g_autofree char *withdrawn = mp_time_format_iso (withdrawn_at);

  if (g_strcmp0 (code, "answer-undated") == 0)
    return g_strdup_printf (_("Not given again: the answer has no time, and the consent was withdrawn at %s. "
                              "A withdrawal stands until a later answer gives consent again."),
                            withdrawn);

  {
    g_autofree char *answered = mp_time_format_iso (answered_at);

    return g_strdup_printf (_("Not given again: the answer (%s) is not later than the withdrawal (%s). "
                              "A withdrawal stands until a later answer gives consent again."),
                            answered, withdrawn);
  }
}

static gboolean
add_consents (MpDatabase   *database,
              JsonBuilder  *b,
              gint64        person_id,
              GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* A row that did not give the consent shows the withdrawal it kept,
   * the last one recorded before it. */
  stmt = _mp_database_prepare_cached (database,
                                      "SELECT c.kind, c.given_at, c.source, c.withdrawn_at, c.registration_id,"
                                      " c.answered_at, c.not_granted,"
                                      " (SELECT max (w.withdrawn_at) FROM consent w WHERE w.person_id = c.person_id"
                                      "  AND w.kind = c.kind AND w.not_granted IS NULL AND w.withdrawn_at <= c.given_at)"
                                      " FROM consent c WHERE c.person_id = ? ORDER BY c.given_at, c.id",
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);

  json_builder_set_member_name (b, "consents");
  json_builder_begin_array (b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean not_granted = sqlite3_column_type (stmt, 6) != SQLITE_NULL;

      json_builder_begin_object (b);
      add_string (b, "kind", _mp_column_text (stmt, 0));
      json_builder_set_member_name (b, "given");
      json_builder_add_boolean_value (b, !not_granted);
      add_column_time (b, not_granted ? "recorded_at" : "given_at", stmt, 1);
      add_string (b, "source", _mp_column_text (stmt, 2));
      add_column_time (b, "answered_at", stmt, 5);
      if (not_granted)
        {
          g_autofree char *reason = not_granted_reason (_mp_column_text (stmt, 6),
                                                        sqlite3_column_int64 (stmt, 5),
                                                        sqlite3_column_int64 (stmt, 7));

          add_string (b, "not_given_because", _mp_column_text (stmt, 6));
          add_string (b, "reason", reason);
        }
      else
        add_column_time (b, "withdrawn_at", stmt, 3);
      json_builder_set_member_name (b, "registration_id");
      if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
        json_builder_add_null_value (b);
      else
        json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 4));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _mp_database_set_error (database, rc, error);
  return TRUE;
}

/* Every ticket e-mail to the person: where, when, and what became of
 * it (the outbox keeps no message text). */
static gboolean
add_emails (MpDatabase   *database,
            JsonBuilder  *b,
            gint64        person_id,
            GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _mp_database_prepare_cached (database,
                                      "SELECT o.registration_id, e.title, o.kind, o.state, o.address,"
                                      " o.queued_at, o.attempted_at, o.done_at, o.reply, o.reason"
                                      " FROM outbox o JOIN registration r ON r.id = o.registration_id"
                                      " JOIN event e ON e.id = r.event_id"
                                      " WHERE r.person_id = ? ORDER BY o.id",
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);

  json_builder_set_member_name (b, "emails");
  json_builder_begin_array (b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "registration_id");
      json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
      add_string (b, "event_title", _mp_column_text (stmt, 1));
      add_string (b, "kind", _mp_column_text (stmt, 2));
      add_string (b, "state", _mp_column_text (stmt, 3));
      add_string (b, "address", _mp_column_text (stmt, 4));
      add_column_time (b, "queued_at", stmt, 5);
      add_column_time (b, "attempted_at", stmt, 6);
      add_column_time (b, "done_at", stmt, 7);
      add_string (b, "server_reply", _mp_column_text (stmt, 8));
      add_string (b, "reason", _mp_column_text (stmt, 9));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _mp_database_set_error (database, rc, error);
  return TRUE;
}

char *
mp_store_export_person_json (MpStore  *self,
                             gint64    person_id,
                             GError  **error)
{
  MpDatabase *database;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  database = mp_store_get_database (self);

  /* One read transaction: the answer is a consistent picture. */
  if (!_mp_database_begin (database, error))
    return NULL;

  stmt = _mp_database_prepare_cached (database,
                                      "SELECT p.id, p.uuid, p.name, p.email, p.phone, o.name, ps.name, os.name,"
                                      " p.created_at, p.erased_at, p.given_name, p.family_name"
                                      " FROM person p"
                                      " LEFT JOIN organisation o ON o.id = p.organisation_id"
                                      " LEFT JOIN sector ps ON ps.id = p.sector_id"
                                      " LEFT JOIN sector os ON os.id = o.sector_id"
                                      " WHERE p.id = ?",
                                      error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, person_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        no_such_person (error);
      else
        _mp_database_set_error (database, rc, error);
      goto failed;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "person");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
  add_string (b, "uuid", _mp_column_text (stmt, 1));
  add_string (b, "name", _mp_column_text (stmt, 2));
  add_string (b, "given_name", (const char *) sqlite3_column_text (stmt, 10));
  add_string (b, "family_name", (const char *) sqlite3_column_text (stmt, 11));
  add_string (b, "email", _mp_column_text (stmt, 3));
  add_string (b, "phone", _mp_column_text (stmt, 4));
  add_string (b, "organisation", _mp_column_text (stmt, 5));
  add_string (b, "sector", _mp_column_text (stmt, 6));
  add_string (b, "organisation_sector", _mp_column_text (stmt, 7));
  add_column_time (b, "created_at", stmt, 8);
  add_column_time (b, "erased_at", stmt, 9);
  json_builder_end_object (b);
  sqlite3_reset (stmt);

  ok = add_registrations (database, b, person_id, error) &&
       add_consents (database, b, person_id, error) &&
       add_emails (database, b, person_id, error);
  json_builder_end_object (b);
  if (!ok || !_mp_database_commit (database, error))
    goto failed;

  root = json_builder_get_root (b);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);

failed:
  _mp_database_rollback (database);
  return NULL;
}

/* Erasure */

/* What an erasure blanks, around a SELECT of person ids: ?1 is its
 * parameter, ?2 the time of the erasure. Answers and consents first:
 * the SELECT may name people by what the last statement blanks. */
static const struct { const char *head, *tail; } blank_statements[] = {
  { "UPDATE registration SET dietary = NULL, accessibility = NULL, interpreter = NULL, note = NULL"
    " WHERE person_id IN (",
    ") AND (dietary IS NOT NULL OR accessibility IS NOT NULL OR interpreter IS NOT NULL OR note IS NOT NULL)" },
  { "DELETE FROM consent WHERE person_id IN (", ")" },
  { "UPDATE person SET name = '', given_name = NULL, family_name = NULL,"
    " email = NULL, email_key = NULL, phone = NULL,"
    " name_key = '', sort_key = x'', erased_at = ?2"
    " WHERE erased_at IS NULL AND id IN (",
    ")" },
};

gboolean
_mp_store_blank_people (MpStore     *self,
                        const char  *people,
                        gint64       people_arg,
                        gint64       at,
                        guint       *out_erased,
                        GError     **error)
{
  return _mp_privacy_blank_people (mp_store_get_database (self), people, people_arg, at, out_erased, error);
}

gboolean
_mp_privacy_blank_people (MpDatabase  *database,
                          const char  *people,
                          gint64       people_arg,
                          gint64       at,
                          guint       *out_erased,
                          GError     **error)
{
  sqlite3 *db = _mp_database_get_handle (database);
  int changes = 0;

  for (guint i = 0; i < G_N_ELEMENTS (blank_statements); i++)
    {
      /* Seldom run, with the caller's SELECT inside: prepared each time. */
      g_autofree char *sql = g_strconcat (blank_statements[i].head, people, blank_statements[i].tail, NULL);
      sqlite3_stmt *stmt = NULL;
      int rc;

      rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, people_arg);
          if (sqlite3_bind_parameter_count (stmt) >= 2)
            sqlite3_bind_int64 (stmt, 2, at);
          rc = sqlite3_step (stmt);
          changes = sqlite3_changes (db);
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return _mp_database_set_error (database, rc, error);
    }

  if (out_erased != NULL)
    *out_erased = changes;
  return TRUE;
}

gboolean
mp_store_erase_person (MpStore  *self,
                       gint64    person_id,
                       GError  **error)
{
  MpDatabase *database;
  guint erased = 0;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  database = mp_store_get_database (self);
  if (!_mp_database_begin (database, error))
    return FALSE;

  if (!_mp_store_blank_people (self, "SELECT ?1", person_id, mp_time_now (), &erased, error))
    goto failed;
  if (erased == 0)
    {
      _mp_store_not_found (error, _("There is no such person, or they were already erased."));
      goto failed;
    }

  /* That an erasure happened, not who; and that its traces are still
   * to be wiped from the files, until they are. */
  if (!_mp_store_audit (self, mp_time_now (), "erase-person", NULL, NULL, NULL, error) ||
      !_mp_store_bump_names_revision (self, error) ||
      !_mp_database_mark_erasure_pending (database, error) ||
      !_mp_database_commit (database, error))
    goto failed;

  /* The rows are blank (secure_delete zeroes what they held); the old
   * pages live on in the write-ahead log and, until the log is folded
   * in, in the file. Whether that could be done, and if not, that it
   * will be at the next open: mp_database_get_erasure_pending (). */
  {
    g_autoptr(GError) wipe_error = NULL;
    gboolean clean;

    if (!_mp_database_finish_erasure (database, &clean, &wipe_error))
      g_debug ("Wiping an erasure's traces: %s", wipe_error->message);
  }

  return TRUE;

failed:
  _mp_database_rollback (database);
  return FALSE;
}
