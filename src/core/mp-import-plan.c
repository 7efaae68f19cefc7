/* mp-import-plan.c: step one of the bulk import, the plan
 *
 * Every row checked and matched, reading only (no write lock): people
 * by e-mail, or by name and organisation, against the database through
 * its own indexes (one seek per question) and against the rows before;
 * what each row will do is kept in memory (MpImportPlan), with the
 * counts the import will report. A dry run stops here; mp-import-write.c
 * writes the plan. The entry points are in mp-store-import.c.
 */
#define G_LOG_DOMAIN "mp-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-import-plan-private.h"
#include "mp-text.h"

const char *const _mp_plan_consent_kinds[MP_PLAN_N_CONSENT_KINDS] = { "followup", "photo" };

/* The people of the file who share a name key, in the order of their
 * rows, and how far those without an address have been given one. */
typedef struct
{
  guint   first;                 /* index + 1 in MpImportPlan.people */
  GArray *without_email;         /* guint indexes */
  guint   next;                  /* without_email[next] is the first still without */
} Namesakes;

typedef struct
{
  char   *folded;
  gint64  id;
} ImportOrganisation;

static void
import_organisation_free (gpointer data)
{
  ImportOrganisation *org = data;

  g_free (org->folded);
  g_free (org);
}

static void
namesakes_free (gpointer data)
{
  Namesakes *n = data;

  g_array_unref (n->without_email);
  g_free (n);
}

void
_mp_import_plan_init (MpImportPlan  *plan,
                      MpStore       *store,
                      gint64         event_id,
                      gboolean       dry_run,
                      guint          n_rows)
{
  memset (plan, 0, sizeof *plan);
  plan->store = store;
  plan->db = mp_store_get_database (store);
  plan->event_id = event_id;
  plan->dry_run = dry_run;
  plan->capacity = -1;
  plan->strings = g_string_chunk_new (256 * 1024);
  plan->people = g_array_sized_new (FALSE, TRUE, sizeof (MpPlanPerson), n_rows);
  plan->rows = g_array_sized_new (FALSE, TRUE, sizeof (MpPlanRow), n_rows);
  plan->by_email = g_hash_table_new (g_str_hash, g_str_equal);
  plan->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  plan->names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, namesakes_free);
  plan->name_cursor = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  plan->noted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->organisation_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, import_organisation_free);
  plan->organisations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->sector_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->new_organisations = g_array_new (FALSE, TRUE, sizeof (MpPlanOrganisation));
  plan->new_organisation_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  plan->merged = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_import_merged_free);
}

void
_mp_import_plan_clear (MpImportPlan *plan)
{
  g_clear_pointer (&plan->strings, g_string_chunk_free);
  g_clear_pointer (&plan->people, g_array_unref);
  g_clear_pointer (&plan->rows, g_array_unref);
  g_clear_pointer (&plan->by_email, g_hash_table_unref);
  g_clear_pointer (&plan->by_id, g_hash_table_unref);
  g_clear_pointer (&plan->names, g_hash_table_unref);
  g_clear_pointer (&plan->name_cursor, g_hash_table_unref);
  g_clear_pointer (&plan->noted, g_hash_table_unref);
  g_clear_pointer (&plan->organisation_texts, g_hash_table_unref);
  g_clear_pointer (&plan->organisations, g_hash_table_unref);
  g_clear_pointer (&plan->sector_texts, g_hash_table_unref);
  g_clear_pointer (&plan->new_organisations, g_array_unref);
  g_clear_pointer (&plan->new_organisation_index, g_hash_table_unref);
  g_clear_pointer (&plan->merged, g_ptr_array_unref);
}

static const char *
keep (MpImportPlan *plan,
      const char   *text)
{
  return text != NULL ? g_string_chunk_insert (plan->strings, text) : NULL;
}

gboolean
_mp_import_plan_fail_sql (MpImportPlan  *plan,
                          int            rc,
                          GError       **error)
{
  return _mp_database_set_error (plan->db, rc, error);
}

/* _mp_store_prepare_contact () and the rest of a person's fields, for
 * an import: each distinct organisation and sector text is cleaned,
 * folded and looked up once per import, not once per row. A new
 * organisation gets a negative id (MpImportPlan.new_organisations). */
static gboolean
prepare_person (MpImportPlan               *plan,
                const MpRegistrationInput  *input,
                MpPersonFields             *f,
                GError                    **error)
{
  const char *folded_organisation = "";

  if (!_mp_store_prepare_contact (input, f, error))
    return FALSE;

  if (input->sector != NULL)
    {
      gpointer cached;

      if (g_hash_table_lookup_extended (plan->sector_texts, input->sector, NULL, &cached))
        f->sector_id = (gint64) GPOINTER_TO_SIZE (cached) - 1;
      else
        {
          g_autofree char *sector = NULL;

          if (!_mp_store_clean_text (input->sector, MP_TEXT_FIELD_SECTOR, &sector, error))
            return FALSE;
          if (sector[0] != '\0')
            {
              f->sector_id = mp_store_find_sector (plan->store, sector);
              if (f->sector_id == 0)
                f->sector_id = -1; /* not a known sector: an error below */
            }
          g_hash_table_insert (plan->sector_texts, g_strdup (input->sector),
                               GSIZE_TO_POINTER ((gsize) (f->sector_id + 1)));
        }

      if (f->sector_id < 0)
        {
          g_autofree char *sector = mp_text_clean_line (input->sector, G_MAXSIZE, NULL);

          f->sector_id = 0;
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID, _("“%s” is not a known sector."), sector);
          return FALSE;
        }
    }

  if (input->organisation != NULL)
    {
      ImportOrganisation *org = g_hash_table_lookup (plan->organisation_texts, input->organisation);

      if (org == NULL)
        {
          g_autofree char *organisation = NULL;
          gint64 id = 0;

          if (!_mp_store_clean_text (input->organisation, MP_TEXT_FIELD_ORGANISATION, &organisation, error))
            return FALSE;

          /* found, or planned with the sector of the first row that
           * names it, as register does */
          if (!_mp_store_organisation_for (plan->store, organisation, f->sector_id, FALSE,
                                           plan->organisations, &id, error))
            return FALSE;
          if (id < 0 && !g_hash_table_contains (plan->new_organisation_index, &id))
            {
              MpPlanOrganisation n = { keep (plan, organisation), f->sector_id, 0 };

              g_array_append_val (plan->new_organisations, n);
              g_hash_table_insert (plan->new_organisation_index, g_memdup2 (&id, sizeof id),
                                   GUINT_TO_POINTER (plan->new_organisations->len));
            }
          org = g_new (ImportOrganisation, 1);
          org->folded = mp_text_fold (organisation);
          org->id = id;
          g_hash_table_insert (plan->organisation_texts, g_strdup (input->organisation), org);
        }
      folded_organisation = org->folded;
      f->organisation_id = org->id;
    }

  f->name_key = _mp_store_name_key (f->name, folded_organisation);
  return TRUE;
}

/* One id the database answers @sql with (?1 text, ?2 number), or 0. */
gboolean
_mp_import_plan_probe (MpImportPlan  *plan,
                       const char    *sql,
                       const char    *text,
                       gint64         number,
                       gint64        *out_id,
                       GError       **error)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (plan->db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, number);
  return _mp_database_step_int64 (plan->db, stmt, out_id, error);
}

/* Someone in the database, in the plan: what they have, whether they
 * are registered for the event, their consents. *@out_index is theirs. */
static gboolean
known_person (MpImportPlan   *plan,
              gint64          id,
              guint          *out_index,
              GError        **error)
{
  gpointer found = g_hash_table_lookup (plan->by_id, &id);
  MpPlanPerson p = { 0 };
  guint index;
  sqlite3_stmt *stmt;
  int rc;

  if (found != NULL)
    {
      *out_index = GPOINTER_TO_UINT (found) - 1;
      return TRUE;
    }

  p.id = id;
  p.known = TRUE;

  stmt = _mp_database_prepare_cached (plan->db,
                                      "SELECT p.email_key IS NOT NULL, p.phone IS NOT NULL,"
                                      " p.organisation_id IS NOT NULL, p.sector_id IS NOT NULL,"
                                      " EXISTS (SELECT 1 FROM registration r WHERE r.event_id = ?2 AND r.person_id = p.id)"
                                      " FROM person p WHERE p.id = ?1",
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, plan->event_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      p.has_email = sqlite3_column_int (stmt, 0);
      p.has_phone = sqlite3_column_int (stmt, 1);
      p.has_organisation = sqlite3_column_int (stmt, 2);
      p.has_sector = sqlite3_column_int (stmt, 3);
      p.registered = sqlite3_column_int (stmt, 4);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _mp_import_plan_fail_sql (plan, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);

  index = plan->people->len;

  /* Their consents: which stand, when each was last withdrawn, and the
   * answers noted since as not giving it again (rel. mp-store-register.c) */
  {
    g_autoptr(GArray) notes = g_array_new (FALSE, FALSE, sizeof (gint64) * 3);

    stmt = _mp_database_prepare_cached (plan->db,
                                        "SELECT kind = 'photo', withdrawn_at, not_granted IS NOT NULL, given_at,"
                                        " coalesce (answered_at, 0) FROM consent WHERE person_id = ?",
                                        error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        int kind = sqlite3_column_int (stmt, 0) ? MP_PLAN_PHOTO : MP_PLAN_FOLLOWUP;
        gboolean withdrawn = sqlite3_column_type (stmt, 1) != SQLITE_NULL;

        if (!withdrawn)
          p.consented |= 1 << kind;
        else if (!sqlite3_column_int (stmt, 2))
          p.withdrawn[kind] = MAX (p.withdrawn[kind], sqlite3_column_int64 (stmt, 1));
        else
          {
            gint64 note[3] = { kind, sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 4) };

            g_array_append_vals (notes, note, 1);
          }
      }
    sqlite3_reset (stmt);
    if (rc != SQLITE_DONE)
      return _mp_import_plan_fail_sql (plan, rc, error);

    for (guint i = 0; i < notes->len; i++)
      {
        const gint64 *note = (const gint64 *) notes->data + 3 * i;

        if (note[1] >= p.withdrawn[note[0]])
          g_hash_table_add (plan->noted, g_strdup_printf ("%u:%s:%" G_GINT64_FORMAT, index,
                                                          _mp_plan_consent_kinds[note[0]], note[2]));
      }
  }

  g_array_append_val (plan->people, p);
  g_hash_table_insert (plan->by_id, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (index + 1));
  *out_index = index;
  return TRUE;
}

/* The person a row names, as register would find them: the same
 * address; else the same name and organisation, unless both have
 * addresses and they differ. The database's people come before the
 * file's. *@out_index is G_MAXUINT when nobody. */
static gboolean
find_person (MpImportPlan    *plan,
             MpPersonFields  *f,
             guint           *out_index,
             GError         **error)
{
  Namesakes *namesakes;
  gint64 id = 0;

  *out_index = G_MAXUINT;

  if (f->email_key != NULL)
    {
      gpointer found = g_hash_table_lookup (plan->by_email, f->email_key);

      if (found != NULL)
        {
          *out_index = GPOINTER_TO_UINT (found) - 1;
          return TRUE;
        }
      if (!plan->nobody &&
          !_mp_import_plan_probe (plan, "SELECT id FROM person WHERE email_key = ?", f->email_key, 0, &id, error))
        return FALSE;
      if (id != 0)
        {
          if (!known_person (plan, id, out_index, error))
            return FALSE;
          g_hash_table_insert (plan->by_email, (gpointer) keep (plan, f->email_key),
                               GUINT_TO_POINTER (*out_index + 1));
          return TRUE;
        }

      /* A namesake without an address in the database: one seek (the
       * person_name index holds the address), past those the file has
       * given another address already. */
      {
        gint64 *cursor = g_hash_table_lookup (plan->name_cursor, f->name_key);
        gint64 after = cursor != NULL ? *cursor : 0;

        while (!plan->nobody)
          {
            gpointer in_plan;

            if (!_mp_import_plan_probe (plan,
                                        "SELECT id FROM person WHERE name_key = ?1 AND email_key IS NULL AND erased_at IS NULL"
                                        " AND id > ?2 ORDER BY id LIMIT 1",
                                        f->name_key, after, &id, error))
              return FALSE;
            if (id == 0)
              break;
            in_plan = g_hash_table_lookup (plan->by_id, &id);
            if (in_plan == NULL || !_mp_import_plan_person (plan, GPOINTER_TO_UINT (in_plan) - 1)->has_email)
              return known_person (plan, id, out_index, error);
            after = id;
            if (cursor == NULL)
              {
                cursor = g_new (gint64, 1);
                g_hash_table_insert (plan->name_cursor, (gpointer) keep (plan, f->name_key), cursor);
              }
            *cursor = after;
          }
      }
    }
  else if (!plan->nobody)
    {
      if (!_mp_import_plan_probe (plan,
                                  "SELECT id FROM person WHERE name_key = ?1 AND erased_at IS NULL ORDER BY email_key, id LIMIT 1",
                                  f->name_key, 0, &id, error))
        return FALSE;
      if (id != 0)
        return known_person (plan, id, out_index, error);
    }

  /* the file's own */
  namesakes = g_hash_table_lookup (plan->names, f->name_key);
  if (namesakes == NULL)
    return TRUE;
  if (f->email_key == NULL)
    {
      *out_index = namesakes->first - 1;
      return TRUE;
    }
  while (namesakes->next < namesakes->without_email->len)
    {
      guint index = g_array_index (namesakes->without_email, guint, namesakes->next);

      if (!_mp_import_plan_person (plan, index)->has_email)
        {
          *out_index = index;
          return TRUE;
        }
      namesakes->next++;
    }
  return TRUE;
}

static guint
new_person (MpImportPlan    *plan,
            MpPersonFields  *f)
{
  MpPlanPerson p = { 0 };
  guint index = plan->people->len;
  Namesakes *namesakes;

  /* (a dry run writes nothing: it keeps only what matching needs) */
  if (!plan->dry_run)
    {
      p.name = keep (plan, f->name);
      p.given_name = keep (plan, f->given_name);
      p.family_name = keep (plan, f->family_name);
      p.email = keep (plan, f->email);
      p.phone = keep (plan, f->phone);
    }
  p.email_key = keep (plan, f->email_key);
  p.name_key = keep (plan, f->name_key);
  p.organisation_id = f->organisation_id;
  p.sector_id = f->sector_id;
  p.has_email = f->email_key != NULL;
  p.has_phone = f->phone != NULL && f->phone[0] != '\0';
  p.has_organisation = f->organisation_id != 0;
  p.has_sector = f->sector_id != 0;
  g_array_append_val (plan->people, p);

  if (p.email_key != NULL)
    g_hash_table_insert (plan->by_email, (gpointer) p.email_key, GUINT_TO_POINTER (index + 1));

  namesakes = g_hash_table_lookup (plan->names, p.name_key);
  if (namesakes == NULL)
    {
      namesakes = g_new0 (Namesakes, 1);
      namesakes->first = index + 1;
      namesakes->without_email = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (plan->names, (gpointer) p.name_key, namesakes);
    }
  if (p.email_key == NULL)
    g_array_append_val (namesakes->without_email, index);

  return index;
}

/* What a row found out about someone: what they did not have yet (the
 * same as _mp_store_complete_person (): nothing is overwritten). */
static void
complete_person (MpImportPlan    *plan,
                 guint            index,
                 MpPersonFields  *f)
{
  MpPlanPerson *p = _mp_import_plan_person (plan, index);

  if (!p->has_email && f->email_key != NULL)
    {
      p->email = plan->dry_run ? NULL : keep (plan, f->email);
      p->email_key = keep (plan, f->email_key);
      p->has_email = TRUE;
      p->gives |= MP_PLAN_GIVES_EMAIL;
      /* a later row with this address is the same person */
      g_hash_table_insert (plan->by_email, (gpointer) p->email_key, GUINT_TO_POINTER (index + 1));
    }
  if (!p->has_phone && f->phone != NULL && f->phone[0] != '\0')
    {
      p->phone = plan->dry_run ? NULL : keep (plan, f->phone);
      p->has_phone = TRUE;
      p->gives |= MP_PLAN_GIVES_PHONE;
    }
  if (!p->has_organisation && f->organisation_id != 0)
    {
      p->organisation_id = f->organisation_id;
      p->has_organisation = TRUE;
      p->gives |= MP_PLAN_GIVES_ORGANISATION;
    }
  if (!p->has_sector && f->sector_id != 0)
    {
      p->sector_id = f->sector_id;
      p->has_sector = TRUE;
      p->gives |= MP_PLAN_GIVES_SECTOR;
    }
  /* a new person is written as they end up: they give nothing later */
  if (!p->known)
    p->gives = 0;
}

/* What a row's "yes" does (_mp_store_consent_decide ()): a consent, a
 * note that it was not given again (once per answer), or nothing. */
static MpConsentDecision
plan_consent (MpImportPlan     *plan,
              guint             index,
              int               kind,
              MpConsentAnswer   answer,
              gint64            answered_at)
{
  MpPlanPerson *p = _mp_import_plan_person (plan, index);
  MpConsentDecision decision = _mp_store_consent_decide (answer, (p->consented >> kind) & 1,
                                                         p->withdrawn[kind], answered_at);

  if (decision == MP_CONSENT_DECISION_GIVE)
    p->consented |= 1 << kind;
  else if (decision != MP_CONSENT_DECISION_NOTHING)
    {
      plan->counts.consents_not_given_again++;
      if (!g_hash_table_add (plan->noted, g_strdup_printf ("%u:%s:%" G_GINT64_FORMAT, index,
                                                           _mp_plan_consent_kinds[kind], answered_at)))
        return MP_CONSENT_DECISION_NOTHING;
    }
  return decision;
}

static gboolean
merged_name (MpImportPlan   *plan,
             guint           row,
             gint64          person_id,
             GError        **error)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (plan->db,
                                                    "SELECT p.name, p.email, o.name FROM person p"
                                                    " LEFT JOIN organisation o ON o.id = p.organisation_id WHERE p.id = ?",
                                                    error);
  MpImportMerged *merged;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return _mp_import_plan_fail_sql (plan, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);
    }
  merged = g_new0 (MpImportMerged, 1);
  merged->row = row;
  merged->person_id = person_id;
  merged->name = g_strdup (_mp_column_text (stmt, 0));
  merged->email = sqlite3_column_type (stmt, 1) != SQLITE_NULL ? g_strdup (_mp_column_text (stmt, 1)) : NULL;
  merged->organisation = sqlite3_column_type (stmt, 2) != SQLITE_NULL ? g_strdup (_mp_column_text (stmt, 2)) : NULL;
  sqlite3_reset (stmt);
  g_ptr_array_add (plan->merged, merged);
  return TRUE;
}

gboolean
_mp_import_cancelled (GCancellable  *cancellable,
                      GError       **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error_literal (error, MP_ERROR, MP_ERROR_CANCELLED, _("The import was stopped; nothing was imported."));
  return TRUE;
}

/* Checks and matches every row, reading only; the counts are what the
 * import will do. Runs in the caller's read transaction. */
gboolean
_mp_import_plan_make (MpImportPlan    *plan,
                      GPtrArray       *inputs,
                      GCancellable    *cancellable,
                      MpProgressFunc   progress,
                      gpointer         progress_data,
                      double           progress_share,
                      GError         **error)
{
  {
    g_autoptr(MpEvent) event = mp_store_get_event (plan->store, plan->event_id, error);
    MpEventCounts counts;

    if (event == NULL || !mp_store_get_counts (plan->store, plan->event_id, &counts, error))
      return FALSE;
    plan->capacity = mp_event_get_capacity (event);
    plan->n_registered = counts.registered;
  }
  {
    sqlite3_stmt *stmt = _mp_database_prepare_cached (plan->db, "SELECT EXISTS (SELECT 1 FROM person)", error);
    gint64 anyone = 0;

    /* (a first import into a new database asks it nothing; someone a
     * desk adds meanwhile with the same address is found when written) */
    if (stmt == NULL || !_mp_database_step_int64 (plan->db, stmt, &anyone, error))
      return FALSE;
    plan->nobody = !anyone;
  }

  for (guint i = 0; i < inputs->len; i++)
    {
      const MpRegistrationInput *input = g_ptr_array_index (inputs, i);
      MpPlanRow row = { 0 };
      MpPersonFields f;
      MpPlanPerson *p;
      guint index;

      if (i % 1024 == 0)
        {
          if (_mp_import_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress (progress_share * i / inputs->len, progress_data);
        }

      /* a row the store would refuse fails the import before anything
       * is written */
      if (!prepare_person (plan, input, &f, error))
        {
          _mp_person_fields_clear (&f);
          return FALSE;
        }
      {
        MpAnswerFields answers;

        if (!_mp_store_prepare_answers (input, &answers, error))
          {
            _mp_person_fields_clear (&f);
            return FALSE;
          }
        if (!plan->dry_run)
          {
            if (answers.dietary != NULL && answers.dietary[0] != '\0')
              row.answers[0] = keep (plan, answers.dietary);
            if (answers.accessibility != NULL && answers.accessibility[0] != '\0')
              row.answers[1] = keep (plan, answers.accessibility);
            if (answers.interpreter != NULL && answers.interpreter[0] != '\0')
              row.answers[2] = keep (plan, answers.interpreter);
          }
        _mp_answer_fields_clear (&answers);
      }

      if (!find_person (plan, &f, &index, error))
        {
          _mp_person_fields_clear (&f);
          return FALSE;
        }
      if (index == G_MAXUINT)
        {
          index = new_person (plan, &f);
          row.kind = MP_PLAN_ROW_NEW_PERSON;
        }
      else
        {
          complete_person (plan, index, &f);
          p = _mp_import_plan_person (plan, index);
          row.kind = p->seen ? MP_PLAN_ROW_REPEATED : p->registered ? MP_PLAN_ROW_UNCHANGED : MP_PLAN_ROW_MERGED;
        }
      _mp_person_fields_clear (&f);

      p = _mp_import_plan_person (plan, index);
      p->seen = TRUE;
      row.person = index;

      switch (row.kind)
        {
        case MP_PLAN_ROW_NEW_PERSON:
        case MP_PLAN_ROW_MERGED:
          {
            MpRegistrationStatus status = _mp_store_status_within_capacity (input->status, input->over_capacity,
                                                                            plan->capacity, plan->n_registered);

            if (status == MP_REGISTRATION_STATUS_REGISTERED)
              plan->n_registered++;
            else if (input->status == MP_REGISTRATION_STATUS_REGISTERED)
              plan->counts.past_capacity++;
            row.status = status;
            plan->counts.new_registrations++;
            if (row.kind == MP_PLAN_ROW_NEW_PERSON)
              plan->counts.new_people++;
            else
              {
                plan->counts.merged++;
                if (!merged_name (plan, i, p->id, error))
                  return FALSE;
              }
          }
          break;
        case MP_PLAN_ROW_UNCHANGED:
          plan->counts.unchanged++;
          break;
        case MP_PLAN_ROW_REPEATED:
        default:
          plan->counts.repeated++;
          break;
        }

      row.consent[MP_PLAN_FOLLOWUP] = plan_consent (plan, index, MP_PLAN_FOLLOWUP, input->consent_followup, input->answered_at);
      row.consent[MP_PLAN_PHOTO] = plan_consent (plan, index, MP_PLAN_PHOTO, input->consent_photo, input->answered_at);
      g_array_append_val (plan->rows, row);
    }

  if (progress != NULL)
    progress (progress_share, progress_data);
  return TRUE;
}

/* Whether the plan writes anything at all. */
gboolean
_mp_import_plan_writes (MpImportPlan *plan)
{
  for (guint i = 0; i < plan->rows->len; i++)
    {
      const MpPlanRow *row = &g_array_index (plan->rows, MpPlanRow, i);

      if (row->kind == MP_PLAN_ROW_NEW_PERSON || row->kind == MP_PLAN_ROW_MERGED ||
          row->consent[MP_PLAN_FOLLOWUP] != MP_CONSENT_DECISION_NOTHING ||
          row->consent[MP_PLAN_PHOTO] != MP_CONSENT_DECISION_NOTHING ||
          _mp_import_plan_person (plan, row->person)->gives != 0)
        return TRUE;
    }
  return FALSE;
}
