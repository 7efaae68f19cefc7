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
 * The rules of one registration are those of mp-store-register.c,
 * through mp-store-private.h.
 */
#define G_LOG_DOMAIN "mp-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-import-batch-private.h"
#include "mp-person-name.h"
#include "mp-store-private.h"
#include "mp-text.h"
#include "mp-ticket.h"
#include "mp-time.h"

/* How long one write transaction of an import may hold the lock. */
#define CHUNK_MS 250
/* Rows go in with multi-row INSERTs of up to this many. Large ones:
 * with foreign keys on, a statement that writes many rows keeps a
 * journal of every page it changes (to undo itself), and rows with
 * random keys (tokens, addresses, names) change a page of each index
 * per row; a large statement changes each page once. */
#define FLUSH_ROWS 1024

typedef enum
{
  ROW_NEW_PERSON,     /* registers someone not known before */
  ROW_MERGED,         /* registers someone already in the database */
  ROW_UNCHANGED,      /* their person was registered for the event already */
  ROW_REPEATED,       /* an earlier row of the file named the same person */
} RowKind;

enum { FOLLOWUP, PHOTO, N_CONSENT_KINDS };
static const char *const consent_kinds[N_CONSENT_KINDS] = { "followup", "photo" };

/* What a person gets from the file that they did not have. */
enum { GIVES_EMAIL = 1, GIVES_PHONE = 2, GIVES_ORGANISATION = 4, GIVES_SECTOR = 8 };

typedef struct
{
  guint32     person;                    /* index into Plan.people */
  guint8      kind;                      /* RowKind */
  guint8      status;                    /* a new registration's */
  guint8      consent[N_CONSENT_KINDS];  /* MpConsentDecision to write */
  const char *answers[3];                /* dietary, accessibility, interpreter, cleaned */
} RowPlan;

typedef struct
{
  /* In the database: known, or written by now; 0 for a new person
   * until the write gets to them. */
  gint64       id;
  /* A new person: all of them. Someone known: only what the file gives
   * them (see @gives). Strings in Plan.strings. */
  const char  *name;
  const char  *given_name;       /* NULL when not known (mp-person-name.h) */
  const char  *family_name;
  const char  *email;
  const char  *email_key;
  const char  *phone;
  const char  *name_key;
  gint64       organisation_id;  /* < 0: an organisation the import makes */
  gint64       sector_id;
  guint8       known : 1;        /* in the database before the import */
  guint8       registered : 1;   /* for the event, before the import */
  guint8       seen : 1;         /* a row of the file named them */
  guint8       has_email : 1;    /* by now, the file's rows included */
  guint8       has_phone : 1;
  guint8       has_organisation : 1;
  guint8       has_sector : 1;
  guint8       gives;            /* known: GIVES_* the write must give */
  guint8       consented;        /* bit per consent kind, given by now */
  gint64       withdrawn[N_CONSENT_KINDS];
} PlanPerson;

/* The people of the file who share a name key, in the order of their
 * rows, and how far those without an address have been given one. */
typedef struct
{
  guint   first;                 /* index + 1 in Plan.people */
  GArray *without_email;         /* guint indexes */
  guint   next;                  /* without_email[next] is the first still without */
} Namesakes;

typedef struct
{
  const char *name;
  gint64      sector_id;
  gint64      id;                /* once written */
} NewOrganisation;

typedef struct
{
  MpStore        *store;
  MpDatabase     *db;
  gint64          event_id;
  gboolean        dry_run;
  int             capacity;      /* -1: no limit */
  gboolean        nobody;        /* the database had no person: nothing to look for */
  guint           n_registered;  /* the event's, the file's rows so far included */

  GStringChunk   *strings;
  GArray         *people;        /* PlanPerson */
  GArray         *rows;          /* RowPlan, one per input */
  GHashTable     *by_email;      /* email key → index + 1 */
  GHashTable     *by_id;         /* known person's id → index + 1 */
  GHashTable     *names;         /* name key → Namesakes */
  GHashTable     *name_cursor;   /* name key → the last namesake in the database given an address */
  GHashTable     *noted;         /* "person:kind:answered_at" already said */
  GHashTable     *organisation_texts; /* as written → ImportOrganisation */
  GHashTable     *organisations; /* folded → id, for _mp_store_organisation_for () */
  GHashTable     *sector_texts;  /* as written → sector id + 1, 0: unknown */
  GArray         *new_organisations; /* NewOrganisation */
  GHashTable     *new_organisation_index; /* negative id → index + 1 */

  MpImportCounts  counts;
  GPtrArray      *merged;        /* MpImportMerged */
} Plan;

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
mp_import_merged_free (MpImportMerged *merged)
{
  if (merged == NULL)
    return;
  g_free (merged->name);
  g_free (merged->organisation);
  g_free (merged->email);
  g_free (merged);
}

static void
plan_init (Plan      *plan,
           MpStore   *store,
           gint64     event_id,
           gboolean   dry_run,
           guint      n_rows)
{
  memset (plan, 0, sizeof *plan);
  plan->store = store;
  plan->db = mp_store_get_database (store);
  plan->event_id = event_id;
  plan->dry_run = dry_run;
  plan->capacity = -1;
  plan->strings = g_string_chunk_new (256 * 1024);
  plan->people = g_array_sized_new (FALSE, TRUE, sizeof (PlanPerson), n_rows);
  plan->rows = g_array_sized_new (FALSE, TRUE, sizeof (RowPlan), n_rows);
  plan->by_email = g_hash_table_new (g_str_hash, g_str_equal);
  plan->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  plan->names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, namesakes_free);
  plan->name_cursor = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  plan->noted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->organisation_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, import_organisation_free);
  plan->organisations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->sector_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->new_organisations = g_array_new (FALSE, TRUE, sizeof (NewOrganisation));
  plan->new_organisation_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  plan->merged = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_import_merged_free);
}

static void
plan_clear (Plan *plan)
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

static inline PlanPerson *
person_at (Plan  *plan,
           guint  index)
{
  return &g_array_index (plan->people, PlanPerson, index);
}

static const char *
keep (Plan       *plan,
      const char *text)
{
  return text != NULL ? g_string_chunk_insert (plan->strings, text) : NULL;
}

static gboolean
fail_sql (Plan    *plan,
          int      rc,
          GError **error)
{
  return _mp_database_set_error (plan->db, rc, error);
}


/* Step one: the plan */

/* _mp_store_prepare_contact () and the rest of a person's fields, for
 * an import: each distinct organisation and sector text is cleaned,
 * folded and looked up once per import, not once per row. A new
 * organisation gets a negative id (Plan.new_organisations). */
static gboolean
prepare_person (Plan                       *plan,
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
              NewOrganisation n = { keep (plan, organisation), f->sector_id, 0 };

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
static gboolean
probe (Plan        *plan,
       const char  *sql,
       const char  *text,
       gint64       number,
       gint64      *out_id,
       GError     **error)
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
known_person (Plan     *plan,
              gint64    id,
              guint    *out_index,
              GError  **error)
{
  gpointer found = g_hash_table_lookup (plan->by_id, &id);
  PlanPerson p = { 0 };
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
    return fail_sql (plan, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);

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
        int kind = sqlite3_column_int (stmt, 0) ? PHOTO : FOLLOWUP;
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
      return fail_sql (plan, rc, error);

    for (guint i = 0; i < notes->len; i++)
      {
        const gint64 *note = (const gint64 *) notes->data + 3 * i;

        if (note[1] >= p.withdrawn[note[0]])
          g_hash_table_add (plan->noted, g_strdup_printf ("%u:%s:%" G_GINT64_FORMAT, index,
                                                          consent_kinds[note[0]], note[2]));
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
find_person (Plan            *plan,
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
          !probe (plan, "SELECT id FROM person WHERE email_key = ?", f->email_key, 0, &id, error))
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

            if (!probe (plan,
                        "SELECT id FROM person WHERE name_key = ?1 AND email_key IS NULL AND erased_at IS NULL"
                        " AND id > ?2 ORDER BY id LIMIT 1",
                        f->name_key, after, &id, error))
              return FALSE;
            if (id == 0)
              break;
            in_plan = g_hash_table_lookup (plan->by_id, &id);
            if (in_plan == NULL || !person_at (plan, GPOINTER_TO_UINT (in_plan) - 1)->has_email)
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
      if (!probe (plan,
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

      if (!person_at (plan, index)->has_email)
        {
          *out_index = index;
          return TRUE;
        }
      namesakes->next++;
    }
  return TRUE;
}

static guint
new_person (Plan            *plan,
            MpPersonFields  *f)
{
  PlanPerson p = { 0 };
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
complete_person (Plan            *plan,
                 guint            index,
                 MpPersonFields  *f)
{
  PlanPerson *p = person_at (plan, index);

  if (!p->has_email && f->email_key != NULL)
    {
      p->email = plan->dry_run ? NULL : keep (plan, f->email);
      p->email_key = keep (plan, f->email_key);
      p->has_email = TRUE;
      p->gives |= GIVES_EMAIL;
      /* a later row with this address is the same person */
      g_hash_table_insert (plan->by_email, (gpointer) p->email_key, GUINT_TO_POINTER (index + 1));
    }
  if (!p->has_phone && f->phone != NULL && f->phone[0] != '\0')
    {
      p->phone = plan->dry_run ? NULL : keep (plan, f->phone);
      p->has_phone = TRUE;
      p->gives |= GIVES_PHONE;
    }
  if (!p->has_organisation && f->organisation_id != 0)
    {
      p->organisation_id = f->organisation_id;
      p->has_organisation = TRUE;
      p->gives |= GIVES_ORGANISATION;
    }
  if (!p->has_sector && f->sector_id != 0)
    {
      p->sector_id = f->sector_id;
      p->has_sector = TRUE;
      p->gives |= GIVES_SECTOR;
    }
  /* a new person is written as they end up: they give nothing later */
  if (!p->known)
    p->gives = 0;
}

/* What a row's "yes" does (_mp_store_consent_decide ()): a consent, a
 * note that it was not given again (once per answer), or nothing. */
static MpConsentDecision
plan_consent (Plan             *plan,
              guint             index,
              int               kind,
              MpConsentAnswer   answer,
              gint64            answered_at)
{
  PlanPerson *p = person_at (plan, index);
  MpConsentDecision decision = _mp_store_consent_decide (answer, (p->consented >> kind) & 1,
                                                         p->withdrawn[kind], answered_at);

  if (decision == MP_CONSENT_DECISION_GIVE)
    p->consented |= 1 << kind;
  else if (decision != MP_CONSENT_DECISION_NOTHING)
    {
      plan->counts.consents_not_given_again++;
      if (!g_hash_table_add (plan->noted, g_strdup_printf ("%u:%s:%" G_GINT64_FORMAT, index,
                                                           consent_kinds[kind], answered_at)))
        return MP_CONSENT_DECISION_NOTHING;
    }
  return decision;
}

static gboolean
merged_name (Plan     *plan,
             guint     row,
             gint64    person_id,
             GError  **error)
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
      return fail_sql (plan, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);
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

static gboolean
cancelled (GCancellable  *cancellable,
           GError       **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error_literal (error, MP_ERROR, MP_ERROR_CANCELLED, _("The import was stopped; nothing was imported."));
  return TRUE;
}

/* Checks and matches every row, reading only; the counts are what the
 * import will do. Runs in the caller's read transaction. */
static gboolean
make_plan (Plan            *plan,
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
      RowPlan row = { 0 };
      MpPersonFields f;
      PlanPerson *p;
      guint index;

      if (i % 1024 == 0)
        {
          if (cancelled (cancellable, error))
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
          row.kind = ROW_NEW_PERSON;
        }
      else
        {
          complete_person (plan, index, &f);
          p = person_at (plan, index);
          row.kind = p->seen ? ROW_REPEATED : p->registered ? ROW_UNCHANGED : ROW_MERGED;
        }
      _mp_person_fields_clear (&f);

      p = person_at (plan, index);
      p->seen = TRUE;
      row.person = index;

      switch (row.kind)
        {
        case ROW_NEW_PERSON:
        case ROW_MERGED:
          {
            MpRegistrationStatus status = _mp_store_status_within_capacity (input->status, input->over_capacity,
                                                                            plan->capacity, plan->n_registered);

            if (status == MP_REGISTRATION_STATUS_REGISTERED)
              plan->n_registered++;
            else if (input->status == MP_REGISTRATION_STATUS_REGISTERED)
              plan->counts.past_capacity++;
            row.status = status;
            plan->counts.new_registrations++;
            if (row.kind == ROW_NEW_PERSON)
              plan->counts.new_people++;
            else
              {
                plan->counts.merged++;
                if (!merged_name (plan, i, p->id, error))
                  return FALSE;
              }
          }
          break;
        case ROW_UNCHANGED:
          plan->counts.unchanged++;
          break;
        case ROW_REPEATED:
        default:
          plan->counts.repeated++;
          break;
        }

      row.consent[FOLLOWUP] = plan_consent (plan, index, FOLLOWUP, input->consent_followup, input->answered_at);
      row.consent[PHOTO] = plan_consent (plan, index, PHOTO, input->consent_photo, input->answered_at);
      g_array_append_val (plan->rows, row);
    }

  if (progress != NULL)
    progress (progress_share, progress_data);
  return TRUE;
}

/* Whether the plan writes anything at all. */
static gboolean
plan_writes (Plan *plan)
{
  for (guint i = 0; i < plan->rows->len; i++)
    {
      const RowPlan *row = &g_array_index (plan->rows, RowPlan, i);

      if (row->kind == ROW_NEW_PERSON || row->kind == ROW_MERGED ||
          row->consent[FOLLOWUP] != MP_CONSENT_DECISION_NOTHING ||
          row->consent[PHOTO] != MP_CONSENT_DECISION_NOTHING ||
          person_at (plan, row->person)->gives != 0)
        return TRUE;
    }
  return FALSE;
}


/* Step two: writing */

typedef struct
{
  guint   person;        /* Plan.people index */
  gint64  id;
  char   *uuid;
  GBytes *sort_key;
} PendingPerson;

typedef struct
{
  gint64   id;
  guint    row;          /* Plan.rows index */
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
  Plan          *plan;
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
  Plan *plan = w->plan;
  NewOrganisation *n;
  sqlite3 *handle = _mp_database_get_handle (plan->db);
  sqlite3_int64 before;

  *out_id = planned;
  if (planned >= 0)
    return TRUE;

  n = &g_array_index (plan->new_organisations, NewOrganisation,
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
  PlanPerson *p = person_at (w->plan, pending->person);

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
  const RowPlan *row = &g_array_index (w->plan->rows, RowPlan, r->row);
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
  Plan *plan = w->plan;

  for (guint i = 0; i < w->n_people; i++)
    {
      PlanPerson *p = person_at (plan, w->people[i].person);
      gboolean there = FALSE, registered = FALSE;
      gint64 id = 0;

      if (!row_exists (plan->db, "SELECT 1 FROM person WHERE id = ?", w->people[i].id, &there, error))
        return FALSE;
      if (there)
        continue;
      if (p->email_key == NULL ||
          !probe (plan, "SELECT id FROM person WHERE email_key = ?", p->email_key, 0, &id, error))
        return id == 0 && p->email_key == NULL ? fail_sql (plan, SQLITE_CONSTRAINT, error) : FALSE;
      if (id == 0)
        return fail_sql (plan, SQLITE_CONSTRAINT, error);

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
  RowPlan *row = &g_array_index (w->plan->rows, RowPlan, r->row);
  MpImportCounts *counts = &w->plan->counts;

  counts->new_registrations--;
  if (row->kind == ROW_NEW_PERSON)
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
  row->kind = ROW_UNCHANGED;
}

/* People before their registrations, both before consents: foreign
 * keys are checked row by row, so a parent row must be in before its
 * child. */
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
        const RowPlan *row = &g_array_index (w->plan->rows, RowPlan, w->registrations[r].row);

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
give_known_person (Writer      *w,
                   PlanPerson  *p,
                   GError     **error)
{
  Plan *plan = w->plan;
  const char *email = (p->gives & GIVES_EMAIL) ? p->email : NULL;
  const char *email_key = (p->gives & GIVES_EMAIL) ? p->email_key : NULL;
  const char *phone = (p->gives & GIVES_PHONE) ? p->phone : NULL;
  gint64 organisation_id = 0, sector_id = (p->gives & GIVES_SECTOR) ? p->sector_id : 0;
  sqlite3_stmt *stmt;

  if ((p->gives & GIVES_ORGANISATION) && !real_organisation (w, p->organisation_id, &organisation_id, error))
    return FALSE;
  if (email_key != NULL)
    {
      gint64 taken = 0;

      if (!probe (plan, "SELECT id FROM person WHERE email_key = ?", email_key, 0, &taken, error))
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
  Plan *plan = w->plan;
  RowPlan *row = &g_array_index (plan->rows, RowPlan, i);
  const MpRegistrationInput *input = g_ptr_array_index (w->inputs, i);
  PlanPerson *p = person_at (plan, row->person);
  guint registration = 0;

  if (row->kind == ROW_NEW_PERSON)
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

  if (row->kind == ROW_NEW_PERSON || row->kind == ROW_MERGED)
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

  for (int kind = 0; kind < N_CONSENT_KINDS; kind++)
    if (row->consent[kind] != MP_CONSENT_DECISION_NOTHING)
      {
        PendingConsent *c = &w->consents[w->n_consents++];

        c->person_id = p->id;
        c->uuid = _mp_uuid_new ();
        c->registration = registration;
        c->kind = consent_kinds[kind];
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
static gboolean
write_plan (Plan            *plan,
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
  gboolean ok = FALSE;

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
    _mp_database_exec (db, "PRAGMA wal_autocheckpoint = 0", NULL);

  while (TRUE)
    {
      gint64 started, locked;
      gboolean done;

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
          !next_id (db, "SELECT coalesce (max (id), 0) + 1 FROM registration", &w->next_registration_id, error))
        goto failed_chunk;
      memset (w->totals, 0, sizeof w->totals);

      for (; i < plan->rows->len; i++)
        {
          if (!write_row (w, i, error))
            goto failed_chunk;
          if (w->flushed || (i + 1) % 256 == 0)
            {
              w->flushed = FALSE;
              if (cancelled (cancellable, error))
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
          !_mp_database_commit (db, error))
        goto failed_chunk;

      locked = g_get_monotonic_time () - started;
      if (chunked)
        sqlite3_wal_checkpoint_v2 (_mp_database_get_handle (db), NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      g_debug ("Import batch %" G_GINT64_FORMAT ": %u of %u rows; this part held the lock %.3f s",
               batch, i, plan->rows->len, locked / 1e6);
      if (done)
        break;
      if (cancelled (cancellable, error))
        goto failed;

      /* Let a desk that waits for the lock have it: it looks again
       * every millisecond. */
      g_usleep (3000);
    }

  ok = TRUE;
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
  /* what earlier chunks committed goes again, row by row */
  if (chunked && batch != 0)
    {
      g_autoptr(GError) undo_error = NULL;

      if (!_mp_import_batch_roll_back (db, batch, &undo_error))
        g_debug ("Import batch %" G_GINT64_FORMAT " is rolled back at the next open: %s",
                 batch, undo_error->message);
    }
out:
  if (chunked)
    _mp_database_exec (db, "PRAGMA wal_autocheckpoint = 1000", NULL);
  g_free (w);
  return ok;
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
  Plan plan;
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
  plan_init (&plan, self, event_id, dry_run, inputs->len);
  ok = _mp_database_begin_read (db, error);
  if (ok)
    {
      ok = make_plan (&plan, inputs, cancellable, progress, progress_data, dry_run ? 1.0 : 0.35, error);
      _mp_database_rollback (db);
    }
  t_plan = g_get_monotonic_time ();

  /* Step two: an import that changes nothing leaves no trace at all. */
  if (ok && !dry_run && plan_writes (&plan))
    ok = write_plan (&plan, inputs, cancellable, progress, progress_data, 0.35, error);

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
  plan_clear (&plan);

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
