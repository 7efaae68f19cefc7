/* mp-import-write.c: step two of the bulk import, writing the plan
 *
 * The plan of mp-import-plan.c written with multi-row INSERTs and the
 * ids given here, in short transactions of about a quarter of a second
 * each, as one import batch (mp-import-batch-private.h); people another
 * desk registered meanwhile are found out and taken as theirs. The
 * entry points are in mp-store-import.c.
 */
#define G_LOG_DOMAIN "mp-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mp-import-batch-private.h"
#include "mp-import-plan-private.h"
#include "mp-person-name.h"
#include "mp-ticket.h"
#include "mp-time.h"

/* How long one write transaction of an import may hold the lock. */
#define CHUNK_MS 250
/* Rows go in with multi-row INSERTs of up to this many (a statement
 * per row costs more than its row). */
#define FLUSH_ROWS 1024
typedef struct
{
  guint   person;        /* MpImportPlan.people index */
  gint64  id;
  char   *uuid;
  GBytes *sort_key;
} PendingPerson;

typedef struct
{
  gint64   id;
  guint    row;          /* MpImportPlan.rows index */
  gint64   person_id;
  char    *uuid;
  char    *token;
  gboolean dropped;      /* someone registered them meanwhile */
} PendingRegistration;

typedef struct
{
  gint64      person_id;
  char       *uuid;          /* made here: SQLite's default costs more than the row */
  guint       registration;  /* index + 1 into the pending registrations, 0: none */
  const char *kind;
  MpConsentDecision decision;
  gint64      answered_at;
  const char *source;
} PendingConsent;

typedef struct
{
  MpImportPlan  *plan;
  GPtrArray     *inputs;
  gint64         batch;
  gint64         now;
  gint64         next_person_id;
  gint64         next_registration_id;
  guint          totals[3];        /* registered, waitlisted, cancelled: this chunk's */
  PendingPerson        people[FLUSH_ROWS];
  PendingRegistration  registrations[FLUSH_ROWS];
  PendingConsent       consents[2 * FLUSH_ROWS];
  guint          n_people;
  guint          n_registrations;
  guint          n_consents;
  gboolean       flushed;          /* since the clock was last looked at */
  gboolean       names_changed;
} Writer;

static void
clear_pending (Writer *w)
{
  for (guint i = 0; i < w->n_people; i++)
    {
      g_free (w->people[i].uuid);
      g_bytes_unref (w->people[i].sort_key);
    }
  for (guint i = 0; i < w->n_registrations; i++)
    {
      g_free (w->registrations[i].uuid);
      g_free (w->registrations[i].token);
    }
  for (guint i = 0; i < w->n_consents; i++)
    g_free (w->consents[i].uuid);
  w->n_people = w->n_registrations = w->n_consents = 0;
}

/* Multi-row INSERT statements, one per table and batch size. Built once
 * and kept in static strings, whose addresses key the statement cache.
 * OR IGNORE: a row another desk wrote meanwhile (the same address, the
 * same person registered) is found out afterwards, not an error. */
enum { INSERT_PERSON, INSERT_REGISTRATION, INSERT_CONSENT, N_INSERTS };
static const guint insert_sizes[] = { FLUSH_ROWS, 128, 16, 4, 1 };
static const int insert_columns[N_INSERTS] = { 14, 12, 10 };

static const char *
insert_sql (guint table,
            guint size_index)
{
  static const char *heads[N_INSERTS] = {
    "INSERT OR IGNORE INTO person (id, uuid, name, email, email_key, phone, organisation_id,"
    " sector_id, name_key, sort_key, created_at, batch, given_name, family_name) VALUES ",
    "INSERT OR IGNORE INTO registration (id, uuid, event_id, person_id, token, status, source,"
    " dietary, accessibility, interpreter, created_at, batch) VALUES ",
    "INSERT INTO consent (person_id, registration_id, kind, given_at, source,"
    " answered_at, withdrawn_at, not_granted, batch, uuid) VALUES ",
  };
  static const char *rows[N_INSERTS] = {
    "(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "(?,?,?,?,?,?,?,?,?,?,?,?)",
    "(?,?,?,?,?,?,?,?,?,?)",
  };
  static char *sql[N_INSERTS][G_N_ELEMENTS (insert_sizes)];
  static gsize built = 0;

  if (g_once_init_enter (&built))
    {
      for (guint t = 0; t < N_INSERTS; t++)
        for (guint b = 0; b < G_N_ELEMENTS (insert_sizes); b++)
          {
            GString *text = g_string_new (heads[t]);

            for (guint r = 0; r < insert_sizes[b]; r++)
              {
                if (r > 0)
                  g_string_append_c (text, ',');
                g_string_append (text, rows[t]);
              }
            sql[t][b] = g_string_free (text, FALSE);
          }
      g_once_init_leave (&built, 1);
    }

  return sql[table][size_index];
}

/* Text that outlives the step (the plan's, the queues'): SQLite need
 * not copy it. */
static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL && text[0] != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           index,
                 gint64        id)
{
  if (id != 0)
    sqlite3_bind_int64 (stmt, index, id);
}

static void
bind_batch (Writer       *w,
            sqlite3_stmt *stmt,
            int           index)
{
  bind_id_or_null (stmt, index, w->batch);
}

/* The id of an organisation the plan made up, written now if it is not
 * yet (or found, if another desk made it meanwhile). */
static gboolean
real_organisation (Writer   *w,
                   gint64    planned,
                   gint64   *out_id,
                   GError  **error)
{
  MpImportPlan *plan = w->plan;
  MpPlanOrganisation *n;
  sqlite3 *handle = _mp_database_get_handle (plan->db);
  sqlite3_int64 before;

  *out_id = planned;
  if (planned >= 0)
    return TRUE;

  n = &g_array_index (plan->new_organisations, MpPlanOrganisation,
                      GPOINTER_TO_UINT (g_hash_table_lookup (plan->new_organisation_index, &planned)) - 1);
  if (n->id == 0)
    {
      before = sqlite3_total_changes64 (handle);
      if (!_mp_store_organisation_for (plan->store, n->name, n->sector_id, TRUE, NULL, &n->id, error))
        return FALSE;
      /* made here, not found: it belongs to the batch */
      if (w->batch != 0 && sqlite3_total_changes64 (handle) != before)
        {
          sqlite3_stmt *stmt = _mp_database_prepare_cached (plan->db, "UPDATE organisation SET batch = ? WHERE id = ?", error);

          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, w->batch);
          sqlite3_bind_int64 (stmt, 2, n->id);
          if (!_mp_database_step_done (plan->db, stmt, error))
            return FALSE;
        }
    }
  *out_id = n->id;
  return TRUE;
}

static void
bind_person (Writer       *w,
             sqlite3_stmt *stmt,
             int           first,
             PendingPerson *pending)
{
  MpPlanPerson *p = _mp_import_plan_person (w->plan, pending->person);

  sqlite3_bind_int64 (stmt, first, pending->id);
  sqlite3_bind_text (stmt, first + 1, pending->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 2, p->name, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, first + 3, p->email);
  bind_text_or_null (stmt, first + 4, p->email_key);
  bind_text_or_null (stmt, first + 5, p->phone);
  bind_id_or_null (stmt, first + 6, p->organisation_id);
  bind_id_or_null (stmt, first + 7, p->sector_id);
  sqlite3_bind_text (stmt, first + 8, p->name_key, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, first + 9, g_bytes_get_data (pending->sort_key, NULL),
                     g_bytes_get_size (pending->sort_key), SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, first + 10, w->now);
  bind_batch (w, stmt, first + 11);
  bind_text_or_null (stmt, first + 12, p->given_name);
  bind_text_or_null (stmt, first + 13, p->family_name);
}

static void
bind_registration (Writer              *w,
                   sqlite3_stmt        *stmt,
                   int                  first,
                   PendingRegistration *r)
{
  const MpPlanRow *row = &g_array_index (w->plan->rows, MpPlanRow, r->row);
  const MpRegistrationInput *input = g_ptr_array_index (w->inputs, r->row);

  sqlite3_bind_int64 (stmt, first, r->id);
  sqlite3_bind_text (stmt, first + 1, r->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, first + 2, w->plan->event_id);
  sqlite3_bind_int64 (stmt, first + 3, r->person_id);
  sqlite3_bind_text (stmt, first + 4, r->token, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 5, mp_registration_status_to_string (row->status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 6, mp_registration_source_to_string (input->source), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, first + 7, row->answers[0]);
  bind_text_or_null (stmt, first + 8, row->answers[1]);
  bind_text_or_null (stmt, first + 9, row->answers[2]);
  sqlite3_bind_int64 (stmt, first + 10, w->now);
  bind_batch (w, stmt, first + 11);
}

static void
bind_consent (Writer         *w,
              sqlite3_stmt   *stmt,
              int             first,
              PendingConsent *c)
{
  gboolean give = c->decision == MP_CONSENT_DECISION_GIVE;
  gint64 registration_id = 0;

  if (c->registration > 0 && !w->registrations[c->registration - 1].dropped)
    registration_id = w->registrations[c->registration - 1].id;

  sqlite3_bind_int64 (stmt, first, c->person_id);
  bind_id_or_null (stmt, first + 1, registration_id);
  sqlite3_bind_text (stmt, first + 2, c->kind, -1, SQLITE_STATIC);
  /* given when answered, if that is known (and not in the future) */
  sqlite3_bind_int64 (stmt, first + 3, give && c->answered_at > 0 ? MIN (c->answered_at, w->now) : w->now);
  sqlite3_bind_text (stmt, first + 4, c->source, -1, SQLITE_STATIC);
  bind_id_or_null (stmt, first + 5, c->answered_at);
  bind_id_or_null (stmt, first + 6, give ? 0 : w->now);
  if (!give)
    sqlite3_bind_text (stmt, first + 7, _mp_store_consent_not_granted_code (c->decision), -1, SQLITE_STATIC);
  bind_batch (w, stmt, first + 8);
  sqlite3_bind_text (stmt, first + 9, c->uuid, -1, SQLITE_STATIC);
}

/* Inserts @n pending rows of one table in as few statements as the
 * sizes allow; *@out_changes: how many went in. */
static gboolean
insert_pending (Writer   *w,
                guint     table,
                guint     n,
                guint    *out_changes,
                GError  **error)
{
  MpDatabase *db = w->plan->db;
  guint done = 0;

  *out_changes = 0;
  while (done < n)
    {
      guint b = 0;
      sqlite3_stmt *stmt;

      while (insert_sizes[b] > n - done)
        b++;

      stmt = _mp_database_prepare_cached (db, insert_sql (table, b), error);
      if (stmt == NULL)
        return FALSE;

      for (guint r = 0; r < insert_sizes[b]; r++)
        {
          int first = r * insert_columns[table] + 1;

          switch (table)
            {
            case INSERT_PERSON: bind_person (w, stmt, first, &w->people[done + r]); break;
            case INSERT_REGISTRATION: bind_registration (w, stmt, first, &w->registrations[done + r]); break;
            case INSERT_CONSENT: default: bind_consent (w, stmt, first, &w->consents[done + r]); break;
            }
        }

      if (!_mp_database_step_done (db, stmt, error))
        {
          sqlite3_clear_bindings (stmt);
          return FALSE;
        }
      *out_changes += sqlite3_changes (_mp_database_get_handle (db));
      sqlite3_clear_bindings (stmt);
      done += insert_sizes[b];
    }

  return TRUE;
}

static gboolean
row_exists (MpDatabase  *db,
            const char  *sql,
            gint64       id,
            gboolean    *out,
            GError     **error)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db, sql, error);
  gint64 found = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_mp_database_step_int64 (db, stmt, &found, error))
    return FALSE;
  *out = found != 0;
  return TRUE;
}

/* Someone planned as new whom another desk has registered meanwhile,
 * with the same address: the rows are theirs, and a registration for
 * the event they may have already is not made twice. */
static gboolean
people_taken_meanwhile (Writer   *w,
                        GError  **error)
{
  MpImportPlan *plan = w->plan;

  for (guint i = 0; i < w->n_people; i++)
    {
      MpPlanPerson *p = _mp_import_plan_person (plan, w->people[i].person);
      gboolean there = FALSE, registered = FALSE;
      gint64 id = 0;

      if (!row_exists (plan->db, "SELECT 1 FROM person WHERE id = ?", w->people[i].id, &there, error))
        return FALSE;
      if (there)
        continue;
      if (p->email_key == NULL ||
          !_mp_import_plan_probe (plan, "SELECT id FROM person WHERE email_key = ?", p->email_key, 0, &id, error))
        return id == 0 && p->email_key == NULL ? _mp_import_plan_fail_sql (plan, SQLITE_CONSTRAINT, error) : FALSE;
      if (id == 0)
        return _mp_import_plan_fail_sql (plan, SQLITE_CONSTRAINT, error);

      {
        sqlite3_stmt *stmt = _mp_database_prepare_cached (plan->db,
                                                          "SELECT 1 FROM registration WHERE event_id = ? AND person_id = ?",
                                                          error);
        gint64 found = 0;

        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, plan->event_id);
        sqlite3_bind_int64 (stmt, 2, id);
        if (!_mp_database_step_int64 (plan->db, stmt, &found, error))
          return FALSE;
        registered = found != 0;
      }

      for (guint r = 0; r < w->n_registrations; r++)
        if (w->registrations[r].person_id == w->people[i].id)
          {
            w->registrations[r].person_id = id;
            w->registrations[r].dropped = registered;
          }
      for (guint c = 0; c < w->n_consents; c++)
        if (w->consents[c].person_id == w->people[i].id)
          w->consents[c].person_id = id;
      p->id = id;
      p->known = TRUE;
    }
  return TRUE;
}

/* A registration another desk made meanwhile is theirs: this row was
 * registered already, after all. */
static void
registration_dropped (Writer              *w,
                      PendingRegistration *r)
{
  MpPlanRow *row = &g_array_index (w->plan->rows, MpPlanRow, r->row);
  MpImportCounts *counts = &w->plan->counts;

  counts->new_registrations--;
  if (row->kind == MP_PLAN_ROW_NEW_PERSON)
    counts->new_people--;
  else
    {
      counts->merged--;
      for (guint i = 0; i < w->plan->merged->len; i++)
        if (((MpImportMerged *) w->plan->merged->pdata[i])->row == r->row)
          {
            g_ptr_array_remove_index (w->plan->merged, i);
            break;
          }
    }
  counts->unchanged++;
  row->kind = MP_PLAN_ROW_UNCHANGED;
}

/* People before their registrations, both before consents: where
 * foreign keys are checked row by row (inside a caller's transaction),
 * a parent row must be in before its child. */
static gboolean
flush_pending (Writer   *w,
               GError  **error)
{
  MpDatabase *db = w->plan->db;
  gboolean any_dropped = FALSE, ok = FALSE;
  guint changes = 0;

  if (!insert_pending (w, INSERT_PERSON, w->n_people, &changes, error))
    goto out;
  if (changes < w->n_people && !people_taken_meanwhile (w, error))
    goto out;

  for (guint r = 0; r < w->n_registrations; r++)
    any_dropped = any_dropped || w->registrations[r].dropped;

  if (!any_dropped)
    {
      if (!insert_pending (w, INSERT_REGISTRATION, w->n_registrations, &changes, error))
        goto out;
      /* (the ids are given here, from the largest there is: a row that
       * is missing was ignored) */
      if (changes < w->n_registrations)
        for (guint r = 0; r < w->n_registrations; r++)
          {
            gboolean there = FALSE;

            if (!row_exists (db, "SELECT 1 FROM registration WHERE id = ?", w->registrations[r].id, &there, error))
              goto out;
            w->registrations[r].dropped = !there;
          }
    }
  else
    /* rare (another desk was quicker): one by one */
    for (guint r = 0; r < w->n_registrations; r++)
      {
        sqlite3_stmt *stmt;

        if (w->registrations[r].dropped)
          continue;
        stmt = _mp_database_prepare_cached (db, insert_sql (INSERT_REGISTRATION, G_N_ELEMENTS (insert_sizes) - 1), error);
        if (stmt == NULL)
          goto out;
        bind_registration (w, stmt, 1, &w->registrations[r]);
        ok = _mp_database_step_done (db, stmt, error);
        sqlite3_clear_bindings (stmt);
        if (!ok)
          goto out;
        w->registrations[r].dropped = sqlite3_changes (_mp_database_get_handle (db)) == 0;
      }

  for (guint r = 0; r < w->n_registrations; r++)
    if (w->registrations[r].dropped)
      registration_dropped (w, &w->registrations[r]);
    else
      {
        const MpPlanRow *row = &g_array_index (w->plan->rows, MpPlanRow, w->registrations[r].row);

        w->totals[row->status == MP_REGISTRATION_STATUS_REGISTERED ? 0 :
                  row->status == MP_REGISTRATION_STATUS_WAITLISTED ? 1 : 2]++;
      }

  ok = insert_pending (w, INSERT_CONSENT, w->n_consents, &changes, error);

out:
  clear_pending (w);
  return ok;
}

/* What a known person gets from the file, and the note that takes it
 * back if the batch is rolled back. An address someone else has come to
 * use meanwhile is not given. */
static gboolean
give_known_person (Writer        *w,
                   MpPlanPerson  *p,
                   GError       **error)
{
  MpImportPlan *plan = w->plan;
  const char *email = (p->gives & MP_PLAN_GIVES_EMAIL) ? p->email : NULL;
  const char *email_key = (p->gives & MP_PLAN_GIVES_EMAIL) ? p->email_key : NULL;
  const char *phone = (p->gives & MP_PLAN_GIVES_PHONE) ? p->phone : NULL;
  gint64 organisation_id = 0, sector_id = (p->gives & MP_PLAN_GIVES_SECTOR) ? p->sector_id : 0;
  sqlite3_stmt *stmt;

  if ((p->gives & MP_PLAN_GIVES_ORGANISATION) && !real_organisation (w, p->organisation_id, &organisation_id, error))
    return FALSE;
  if (email_key != NULL)
    {
      gint64 taken = 0;

      if (!_mp_import_plan_probe (plan, "SELECT id FROM person WHERE email_key = ?", email_key, 0, &taken, error))
        return FALSE;
      if (taken != 0)
        email = email_key = NULL;
    }

  stmt = _mp_database_prepare_cached (plan->db,
                                      "UPDATE person SET"
                                      " email = coalesce (email, ?2), email_key = coalesce (email_key, ?3),"
                                      " phone = coalesce (phone, ?4),"
                                      " organisation_id = coalesce (organisation_id, ?5),"
                                      " sector_id = coalesce (sector_id, ?6)"
                                      " WHERE id = ?1 AND ((email IS NULL AND ?2 IS NOT NULL) OR (phone IS NULL AND ?4 IS NOT NULL)"
                                      "  OR (organisation_id IS NULL AND ?5 IS NOT NULL) OR (sector_id IS NULL AND ?6 IS NOT NULL))",
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  _mp_bind_text_or_null (stmt, 2, email);
  _mp_bind_text_or_null (stmt, 3, email_key);
  _mp_bind_text_or_null (stmt, 4, phone);
  bind_id_or_null (stmt, 5, organisation_id);
  bind_id_or_null (stmt, 6, sector_id);
  if (!_mp_database_step_done (plan->db, stmt, error))
    return FALSE;
  if (sqlite3_changes (_mp_database_get_handle (plan->db)) == 0)
    return TRUE;

  w->names_changed = TRUE;
  return _mp_import_batch_journal (plan->db, w->batch, p->id, email, phone, organisation_id, sector_id, error);
}

/* Queues what row @i writes; flushes when the queues are full. */
static gboolean
write_row (Writer   *w,
           guint     i,
           GError  **error)
{
  MpImportPlan *plan = w->plan;
  MpPlanRow *row = &g_array_index (plan->rows, MpPlanRow, i);
  const MpRegistrationInput *input = g_ptr_array_index (w->inputs, i);
  MpPlanPerson *p = _mp_import_plan_person (plan, row->person);
  guint registration = 0;

  if (row->kind == MP_PLAN_ROW_NEW_PERSON)
    {
      PendingPerson *pending = &w->people[w->n_people++];

      if (!real_organisation (w, p->organisation_id, &p->organisation_id, error))
        return FALSE;
      pending->person = row->person;
      pending->id = p->id = w->next_person_id++;
      pending->uuid = _mp_uuid_new ();
      pending->sort_key = mp_person_name_sort_key (p->name, p->given_name, p->family_name);
      w->names_changed = TRUE;
    }
  else if (p->known && p->gives != 0)
    {
      /* what the file gives them, once */
      if (!give_known_person (w, p, error))
        return FALSE;
      p->gives = 0;
    }

  if (row->kind == MP_PLAN_ROW_NEW_PERSON || row->kind == MP_PLAN_ROW_MERGED)
    {
      PendingRegistration *r = &w->registrations[w->n_registrations++];

      memset (r, 0, sizeof *r);
      r->id = w->next_registration_id++;
      r->row = i;
      r->person_id = p->id;
      r->uuid = _mp_uuid_new ();
      r->token = mp_ticket_token_new ();
      registration = w->n_registrations;
      w->names_changed = TRUE;
    }

  for (int kind = 0; kind < MP_PLAN_N_CONSENT_KINDS; kind++)
    if (row->consent[kind] != MP_CONSENT_DECISION_NOTHING)
      {
        PendingConsent *c = &w->consents[w->n_consents++];

        c->person_id = p->id;
        c->uuid = _mp_uuid_new ();
        c->registration = registration;
        c->kind = _mp_plan_consent_kinds[kind];
        c->decision = row->consent[kind];
        c->answered_at = input->answered_at;
        c->source = mp_registration_source_to_string (input->source);
      }

  if (w->n_registrations == FLUSH_ROWS || w->n_people == FLUSH_ROWS || w->n_consents + 2 > 2 * FLUSH_ROWS)
    {
      w->flushed = TRUE;
      return flush_pending (w, error);
    }
  return TRUE;
}

/* Where a chunk's rows begin: every row past these is the chunk's (it
 * holds the write lock). */
typedef struct
{
  gint64 organisation;   /* the largest id before the chunk */
  gint64 person;         /* the first id of the chunk's */
  gint64 registration;   /* the same */
  gint64 consent;        /* the largest id before the chunk */
} ChunkStart;

/* Foreign keys, once a chunk. Checked row by row, SQLite also keeps a
 * journal of every page each multi-row statement changes, to undo that
 * statement alone should a later row's parent be missing: with random
 * keys (tokens, addresses, names) a page of each index per row, a fifth
 * of the import's time. In the chunks they are off, and the
 * same rules are checked here, on the chunk's rows, before its commit:
 * a parent that is gone (another desk removed it meanwhile) fails the
 * chunk, and the batch goes, as a failed foreign key did. The rows are
 * those of the import's INSERTs and UPDATEs (new organisations, people,
 * registrations, consents; what known people were given; the batch). */
static gboolean
chunk_keys_hold (Writer            *w,
                 const ChunkStart  *start,
                 GError           **error)
{
  MpDatabase *db = w->plan->db;
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db,
    "SELECT NOT EXISTS (SELECT 1 FROM event WHERE id = ?5)"
    " OR EXISTS (SELECT 1 FROM organisation o WHERE o.id > ?1 AND o.sector_id IS NOT NULL"
    "            AND NOT EXISTS (SELECT 1 FROM sector s WHERE s.id = o.sector_id))"
    /* the chunk's new people and the known people the batch gave something */
    " OR EXISTS (SELECT 1 FROM person p"
    "            WHERE (p.id >= ?2 OR p.id IN (SELECT person_id FROM import_completed WHERE batch = ?6))"
    "            AND ((p.organisation_id IS NOT NULL"
    "                  AND NOT EXISTS (SELECT 1 FROM organisation o WHERE o.id = p.organisation_id))"
    "              OR (p.sector_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sector s WHERE s.id = p.sector_id))))"
    " OR EXISTS (SELECT 1 FROM registration r WHERE r.id >= ?3"
    "            AND (NOT EXISTS (SELECT 1 FROM event e WHERE e.id = r.event_id)"
    "              OR NOT EXISTS (SELECT 1 FROM person p WHERE p.id = r.person_id)))"
    " OR EXISTS (SELECT 1 FROM consent c WHERE c.id > ?4"
    "            AND (NOT EXISTS (SELECT 1 FROM person p WHERE p.id = c.person_id)"
    "              OR (c.registration_id IS NOT NULL"
    "                  AND NOT EXISTS (SELECT 1 FROM registration r WHERE r.id = c.registration_id))))",
    error);
  gint64 broken = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, start->organisation);
  sqlite3_bind_int64 (stmt, 2, start->person);
  sqlite3_bind_int64 (stmt, 3, start->registration);
  sqlite3_bind_int64 (stmt, 4, start->consent);
  sqlite3_bind_int64 (stmt, 5, w->plan->event_id);
  sqlite3_bind_int64 (stmt, 6, w->batch);
  if (!_mp_database_step_int64 (db, stmt, &broken, error))
    return FALSE;
  if (broken != 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_NOT_FOUND,
                           _("Something the import refers to (the event, an organisation, a sector or a person) "
                             "was removed by another desk while the rows were written. Nothing of the import "
                             "was saved; try again."));
      return FALSE;
    }
  return TRUE;
}

/* Foreign keys off (in the chunks) or on again; outside a transaction
 * only, where SQLite takes it. Whether they are on now (FALSE when that
 * cannot be read: the chunks then check their rows all the same). */
static gboolean
foreign_keys (MpDatabase *db,
              gboolean    on)
{
  sqlite3_stmt *stmt;
  gint64 now = -1;

  _mp_database_exec (db, on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF", NULL);
  stmt = _mp_database_prepare_cached (db, "PRAGMA foreign_keys", NULL);
  if (stmt == NULL || !_mp_database_step_int64 (db, stmt, &now, NULL))
    return FALSE;
  return now != 0;
}

/* The ids the next rows get: given here, so that a row can refer to one
 * still waiting in the queues. Read inside each chunk's transaction:
 * other desks write between chunks. */
static gboolean
next_id (MpDatabase  *db,
         const char  *sql,
         gint64      *out,
         GError     **error)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db, sql, error);

  if (stmt == NULL || !_mp_database_step_int64 (db, stmt, out, error))
    return FALSE;
  /* SQLite would look for a free rowid at the very top; no import gets there */
  if (*out > G_MAXINT64 / 2)
    return _mp_database_set_error (db, SQLITE_FULL, error);
  return TRUE;
}

static int
chunk_ms (void)
{
  const char *text = g_getenv ("MP_IMPORT_CHUNK_MS");
  guint64 ms = CHUNK_MS;

  /* the tests' knob: many short transactions out of a small file */
  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 0, 60000, &ms, NULL))
    ms = CHUNK_MS;
  return (int) ms;
}

/* Writes the plan. Outside a transaction: in chunks of about CHUNK_MS
 * each, as one batch; inside the caller's: all of it there. */
gboolean
_mp_import_plan_write (MpImportPlan    *plan,
                       GPtrArray       *inputs,
                       GCancellable    *cancellable,
                       MpProgressFunc   progress,
                       gpointer         progress_data,
                       double           progress_from,
                       GError         **error)
{
  MpDatabase *db = plan->db;
  gboolean chunked = !_mp_database_in_transaction (db);
  gint64 budget = chunked ? (gint64) chunk_ms () * 1000 : G_MAXINT64;
  gint64 batch = 0;
  guint i = 0;
  Writer *w = g_new0 (Writer, 1);
  gboolean ok = FALSE, keys_checked_here = FALSE;

  w->plan = plan;
  w->inputs = inputs;
  w->now = mp_time_now ();

  /* A batch whose program was killed since this database was opened
   * goes first (it may be in this event's way). */
  if (chunked)
    {
      g_autoptr(GError) recover_error = NULL;

      if (!_mp_import_batch_recover (db, &recover_error))
        g_debug ("An unfinished import is not removed yet: %s", recover_error->message);
    }

  /* The log is folded into the file after each chunk here, outside the
   * lock (not in the commit, as SQLite would, nor by a desk's next
   * check-in). */
  if (chunked)
    {
      _mp_database_exec (db, "PRAGMA wal_autocheckpoint = 0", NULL);
      keys_checked_here = !foreign_keys (db, FALSE);
    }

  while (TRUE)
    {
      gint64 started, locked;
      gboolean done;
      ChunkStart start = { 0 };

      if (!_mp_database_begin (db, error))
        goto failed;
      started = g_get_monotonic_time ();

      /* the batch comes with the first chunk: an import that fits in
       * one is one transaction */
      if (batch == 0 && !_mp_import_batch_add (db, plan->event_id, &batch, error))
        goto failed_chunk;
      w->batch = batch;
      if (!_mp_import_batch_mark (db, batch, error) ||
          !next_id (db, "SELECT coalesce (max (id), 0) + 1 FROM person", &w->next_person_id, error) ||
          !next_id (db, "SELECT coalesce (max (id), 0) + 1 FROM registration", &w->next_registration_id, error) ||
          (keys_checked_here &&
           (!next_id (db, "SELECT coalesce (max (id), 0) FROM organisation", &start.organisation, error) ||
            !next_id (db, "SELECT coalesce (max (id), 0) FROM consent", &start.consent, error))))
        goto failed_chunk;
      start.person = w->next_person_id;
      start.registration = w->next_registration_id;
      memset (w->totals, 0, sizeof w->totals);

      for (; i < plan->rows->len; i++)
        {
          if (!write_row (w, i, error))
            goto failed_chunk;
          if (w->flushed || (i + 1) % 256 == 0)
            {
              w->flushed = FALSE;
              if (_mp_import_cancelled (cancellable, error))
                goto failed_chunk;
              if (progress != NULL)
                progress (progress_from + (1 - progress_from) * i / plan->rows->len, progress_data);
              if (g_get_monotonic_time () - started > budget)
                {
                  i++;
                  break;
                }
            }
        }
      if (!flush_pending (w, error) ||
          !_mp_import_batch_add_totals (db, batch, w->totals[0], w->totals[1], w->totals[2], error))
        goto failed_chunk;

      done = i >= plan->rows->len;
      if (done)
        {
          g_autoptr(MpEvent) event = mp_store_get_event (plan->store, plan->event_id, error);
          g_autofree char *detail = NULL;

          if (event == NULL)
            goto failed_chunk;
          detail = g_strdup_printf ("%u new registrations, %u new people",
                                    plan->counts.new_registrations, plan->counts.new_people);
          if (!_mp_import_batch_finish (db, batch, error) ||
              !_mp_store_audit (plan->store, mp_time_now (), "import", mp_event_get_uuid (event), NULL, detail, error) ||
              (w->names_changed && !_mp_store_bump_names_revision (plan->store, error)))
            goto failed_chunk;
        }
      if (!_mp_import_batch_mark (db, 0, error) ||
          (keys_checked_here && !chunk_keys_hold (w, &start, error)) ||
          !_mp_database_commit (db, error))
        goto failed_chunk;

      locked = g_get_monotonic_time () - started;
      if (chunked)
        sqlite3_wal_checkpoint_v2 (_mp_database_get_handle (db), NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      g_debug ("Import batch %" G_GINT64_FORMAT ": %u of %u rows; this part held the lock %.3f s",
               batch, i, plan->rows->len, locked / 1e6);
      if (done)
        break;
      if (_mp_import_cancelled (cancellable, error))
        goto failed;

      /* Let a desk that waits for the lock have it: it looks again
       * every millisecond. */
      g_usleep (3000);
    }

  ok = TRUE;
  if (keys_checked_here)
    keys_checked_here = !foreign_keys (db, TRUE);
  /* what it gave people known before need not be remembered any more */
  if (chunked)
    {
      g_autoptr(GError) forget_error = NULL;

      if (!_mp_import_batch_forget (db, batch, &forget_error))
        g_debug ("Import batch %" G_GINT64_FORMAT ": its notes stay until the next open: %s",
                 batch, forget_error->message);
    }
  goto out;

failed_chunk:
  clear_pending (w);
  _mp_database_rollback (db);
failed:
  if (keys_checked_here)
    keys_checked_here = !foreign_keys (db, TRUE);
  /* what earlier chunks committed goes again, row by row */
  if (chunked && batch != 0)
    {
      g_autoptr(GError) undo_error = NULL;

      if (!_mp_import_batch_roll_back (db, batch, &undo_error))
        g_debug ("Import batch %" G_GINT64_FORMAT " is rolled back at the next open: %s",
                 batch, undo_error->message);
    }
out:
  if (keys_checked_here)
    g_warning ("Import: foreign keys could not be turned on again");
  if (chunked)
    _mp_database_exec (db, "PRAGMA wal_autocheckpoint = 1000", NULL);
  g_free (w);
  return ok;
}
