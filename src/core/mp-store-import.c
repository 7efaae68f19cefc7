/* mp-store-import.c: many registrations in one transaction
 *
 * All or nothing; people merged by e-mail or by name and organisation,
 * against the database and within the rows; new rows written in
 * batches of multi-row INSERTs with the ids given here; a dry run that
 * reads only. The rules of one registration are those of
 * mp-store-register.c, through mp-store-private.h.
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

typedef struct
{
  GHashTable *by_email;        /* email_key → person id */
  GHashTable *by_name;         /* name_key → index + 1 in named of the first */
  GArray     *named;           /* NamedPerson, chained by name */
  GStringChunk *keys;          /* the keys of both maps, freed at once */
  GHashTable *registered;      /* person id set for the event */
  GHashTable *organisations;   /* fold key → organisation id */
  GHashTable *consented_followup; /* person ids with an active consent */
  GHashTable *consented_photo;
  GHashTable *withdrawn_followup; /* person id → when they last withdrew it */
  GHashTable *withdrawn_photo;
  GHashTable *not_granted_noted;  /* "person:kind:answered_at" said since then */
  GPtrArray  *deferred_indexes;   /* CREATE INDEX statements to run at the end */
  GHashTable *organisation_texts; /* organisation as written → ImportOrganisation */
  GHashTable *sector_texts;       /* sector as written → sector id, 0 none, -1 unknown */
  gboolean    dry_run;            /* reads only: counts, nothing written */
  int         capacity;           /* of the event, -1 for no limit */
  guint       n_registered;       /* registrations of status registered, so far */

  /* New rows wait here and go in IMPORT_BATCH_ROWS at a time, with one
   * multi-row INSERT per table: per-statement work in SQLite, not the
   * rows, was most of an import's time. The ids are given here (the
   * next rowid SQLite would have chosen), so that later rows can refer
   * to rows still waiting. */
  gint64      next_person_id;
  gint64      next_registration_id;
  guint       n_rows;             /* input rows since the last flush */
  guint       n_people;
  guint       n_registrations;
  guint       n_consents;
  struct PendingPerson       *people;
  struct PendingRegistration *registrations;
  struct PendingConsent      *consents;
} ImportState;

#define IMPORT_BATCH_ROWS 64

typedef struct PendingPerson
{
  gint64          id;
  MpPersonFields  f;
  char           *uuid;
  GBytes         *sort_key;
  gint64          created_at;
} PendingPerson;

typedef struct PendingRegistration
{
  gint64      id;
  gint64      event_id;
  gint64      person_id;
  char       *uuid;
  char       *token;
  const char *status;
  const char *source;
  char       *dietary;
  char       *accessibility;
  char       *interpreter;
  gint64      created_at;
} PendingRegistration;

typedef struct PendingConsent
{
  gint64      person_id;
  gint64      registration_id;
  const char *kind;
  gint64      given_at;
  const char *source;
  gint64      answered_at;   /* 0: not known */
  gint64      withdrawn_at;  /* set only for a yes that did not give */
  const char *not_granted;   /* why not, or NULL */
} PendingConsent;

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
clear_pending (ImportState *state)
{
  for (guint i = 0; i < state->n_people; i++)
    {
      PendingPerson *p = &state->people[i];

      _mp_person_fields_clear (&p->f);
      g_free (p->uuid);
      g_bytes_unref (p->sort_key);
    }
  for (guint i = 0; i < state->n_registrations; i++)
    {
      PendingRegistration *r = &state->registrations[i];

      g_free (r->uuid);
      g_free (r->token);
      g_free (r->dietary);
      g_free (r->accessibility);
      g_free (r->interpreter);
    }
  state->n_rows = 0;
  state->n_people = 0;
  state->n_registrations = 0;
  state->n_consents = 0;
}

typedef struct
{
  gint64       id;
  const char  *email_key;   /* in ImportState.keys */
  guint        next;        /* index + 1 of the next of the same name, or 0 */
} NamedPerson;

static void
import_state_clear (ImportState *state)
{
  g_clear_pointer (&state->by_email, g_hash_table_unref);
  g_clear_pointer (&state->by_name, g_hash_table_unref);
  g_clear_pointer (&state->named, g_array_unref);
  g_clear_pointer (&state->keys, g_string_chunk_free);
  g_clear_pointer (&state->registered, g_hash_table_unref);
  g_clear_pointer (&state->organisations, g_hash_table_unref);
  g_clear_pointer (&state->consented_followup, g_hash_table_unref);
  g_clear_pointer (&state->consented_photo, g_hash_table_unref);
  g_clear_pointer (&state->withdrawn_followup, g_hash_table_unref);
  g_clear_pointer (&state->withdrawn_photo, g_hash_table_unref);
  g_clear_pointer (&state->not_granted_noted, g_hash_table_unref);
  g_clear_pointer (&state->deferred_indexes, g_ptr_array_unref);
  g_clear_pointer (&state->organisation_texts, g_hash_table_unref);
  g_clear_pointer (&state->sector_texts, g_hash_table_unref);
  clear_pending (state);
  g_clear_pointer (&state->people, g_free);
  g_clear_pointer (&state->registrations, g_free);
  g_clear_pointer (&state->consents, g_free);
}

static void
remember_person (ImportState  *state,
                 gint64        id,
                 const char   *email_key,
                 const char   *name_key)
{
  NamedPerson person = { id, NULL, 0 };
  gpointer first;

  if (email_key != NULL)
    {
      person.email_key = g_string_chunk_insert (state->keys, email_key);
      g_hash_table_insert (state->by_email, (gpointer) person.email_key, GSIZE_TO_POINTER (id));
    }

  first = g_hash_table_lookup (state->by_name, name_key);
  if (first == NULL)
    g_hash_table_insert (state->by_name, g_string_chunk_insert (state->keys, name_key),
                         GUINT_TO_POINTER (state->named->len + 1));
  else
    {
      guint last = GPOINTER_TO_UINT (first) - 1;

      while (g_array_index (state->named, NamedPerson, last).next != 0)
        last = g_array_index (state->named, NamedPerson, last).next - 1;
      g_array_index (state->named, NamedPerson, last).next = state->named->len + 1;
    }
  g_array_append_val (state->named, person);
}

/* The person a row names, or 0. *@named is set when the match was by
 * name and organisation, so that an e-mail address learnt from this row
 * can be remembered; it is valid until the next remember_person(). */
static gint64
find_person_in_state (ImportState     *state,
                      MpPersonFields  *f,
                      NamedPerson    **named)
{
  guint next;

  *named = NULL;

  if (f->email_key != NULL)
    {
      gpointer id = g_hash_table_lookup (state->by_email, f->email_key);

      if (id != NULL)
        return GPOINTER_TO_SIZE (id);
    }

  next = GPOINTER_TO_UINT (g_hash_table_lookup (state->by_name, f->name_key));
  while (next != 0)
    {
      NamedPerson *p = &g_array_index (state->named, NamedPerson, next - 1);

      if (p->email_key == NULL || f->email_key == NULL || g_str_equal (p->email_key, f->email_key))
        {
          *named = p;
          return p->id;
        }
      next = p->next;
    }

  return 0;
}

static gboolean
load_import_state (MpStore      *self,
                   gint64        event_id,
                   ImportState  *state,
                   GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  state->keys = g_string_chunk_new (64 * 1024);
  state->named = g_array_new (FALSE, FALSE, sizeof (NamedPerson));
  state->by_email = g_hash_table_new (g_str_hash, g_str_equal);
  state->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  state->registered = g_hash_table_new (NULL, NULL);
  state->organisations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  stmt = _mp_database_prepare_cached (self->database,
                                      "SELECT id, email_key, name_key FROM person WHERE erased_at IS NULL",
                                      error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    remember_person (state, sqlite3_column_int64 (stmt, 0),
                     (const char *) sqlite3_column_text (stmt, 1),
                     _mp_column_text (stmt, 2));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _mp_store_fail (self, rc, error);

  stmt = _mp_database_prepare_cached (self->database,
                                      "SELECT person_id, status = 'registered' FROM registration WHERE event_id = ?",
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_hash_table_add (state->registered, GSIZE_TO_POINTER (sqlite3_column_int64 (stmt, 0)));
      state->n_registered += sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _mp_store_fail (self, rc, error);

  state->consented_followup = g_hash_table_new (NULL, NULL);
  state->consented_photo = g_hash_table_new (NULL, NULL);
  stmt = _mp_database_prepare_cached (self->database,
                                      "SELECT person_id, kind = 'photo' FROM consent WHERE withdrawn_at IS NULL",
                                      error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (sqlite3_column_int (stmt, 1) ? state->consented_photo : state->consented_followup,
                      GSIZE_TO_POINTER (sqlite3_column_int64 (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _mp_store_fail (self, rc, error);

  /* When each person last withdrew a consent, and which answers not
   * given again since are noted already: re-reading an old file is no
   * new act (DESIGN.md), and says so once. */
  state->withdrawn_followup = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  state->withdrawn_photo = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  stmt = _mp_database_prepare_cached (self->database,
                                      "SELECT person_id, kind = 'photo', max (withdrawn_at) FROM consent"
                                      " WHERE withdrawn_at IS NOT NULL AND not_granted IS NULL GROUP BY person_id, kind",
                                      error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (sqlite3_column_int (stmt, 1) ? state->withdrawn_photo : state->withdrawn_followup,
                         g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                         g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 2) }, sizeof (gint64)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _mp_store_fail (self, rc, error);

  state->not_granted_noted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stmt = _mp_database_prepare_cached (self->database,
                                      "SELECT c.person_id, c.kind, coalesce (c.answered_at, 0) FROM consent c"
                                      " WHERE c.not_granted IS NOT NULL AND c.given_at >= (SELECT max (w.withdrawn_at)"
                                      "  FROM consent w WHERE w.person_id = c.person_id AND w.kind = c.kind"
                                      "  AND w.not_granted IS NULL)",
                                      error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (state->not_granted_noted,
                      g_strdup_printf ("%" G_GINT64_FORMAT ":%s:%" G_GINT64_FORMAT,
                                       (gint64) sqlite3_column_int64 (stmt, 0), _mp_column_text (stmt, 1),
                                       (gint64) sqlite3_column_int64 (stmt, 2)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _mp_store_fail (self, rc, error);

  state->organisation_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, import_organisation_free);
  state->sector_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->people = g_new (PendingPerson, IMPORT_BATCH_ROWS);
  state->registrations = g_new (PendingRegistration, IMPORT_BATCH_ROWS);
  state->consents = g_new (PendingConsent, 2 * IMPORT_BATCH_ROWS);

  stmt = _mp_database_prepare_cached (self->database, "SELECT max(id) FROM person", error);
  if (stmt == NULL || !_mp_database_step_int64 (self->database, stmt, &state->next_person_id, error))
    return FALSE;
  stmt = _mp_database_prepare_cached (self->database, "SELECT max(id) FROM registration", error);
  if (stmt == NULL || !_mp_database_step_int64 (self->database, stmt, &state->next_registration_id, error))
    return FALSE;
  state->next_person_id++;
  state->next_registration_id++;

  return TRUE;
}

/* prepare_person() for an import: the same fields and the same errors,
 * but each distinct organisation and sector text is normalised, folded
 * and looked up once per import instead of once per row. */
static gboolean
prepare_import_person (MpStore                    *self,
                       ImportState                *state,
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

      if (g_hash_table_lookup_extended (state->sector_texts, input->sector, NULL, &cached))
        f->sector_id = (gint64) GPOINTER_TO_SIZE (cached) - 1;
      else
        {
          g_autofree char *sector = NULL;

          if (!_mp_store_clean_text (input->sector, MP_TEXT_FIELD_SECTOR, &sector, error))
            return FALSE;
          if (sector[0] != '\0')
            {
              f->sector_id = mp_store_find_sector (self, sector);
              if (f->sector_id == 0)
                f->sector_id = -1; /* not a known sector: an error below */
            }
          g_hash_table_insert (state->sector_texts, g_strdup (input->sector),
                               GSIZE_TO_POINTER ((gsize) (f->sector_id + 1)));
        }

      if (f->sector_id < 0)
        {
          g_autofree char *sector = mp_text_clean_line (input->sector, G_MAXSIZE, NULL);

          f->sector_id = 0;
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                       _("“%s” is not a known sector."), sector);
          return FALSE;
        }
    }

  if (input->organisation != NULL)
    {
      ImportOrganisation *org = g_hash_table_lookup (state->organisation_texts, input->organisation);

      if (org == NULL)
        {
          g_autofree char *organisation = NULL;
          gint64 id = 0;

          if (!_mp_store_clean_text (input->organisation, MP_TEXT_FIELD_ORGANISATION, &organisation, error))
            return FALSE;

          /* The organisation is created with the sector of the first
           * row that names it, as prepare_person() does. */
          if (!_mp_store_organisation_for (self, organisation, f->sector_id, !state->dry_run,
                                    state->organisations, &id, error))
            return FALSE;
          org = g_new (ImportOrganisation, 1);
          org->folded = mp_text_fold (organisation);
          org->id = id;
          g_hash_table_insert (state->organisation_texts, g_strdup (input->organisation), org);
        }
      folded_organisation = org->folded;
      f->organisation_id = org->id;
    }

  f->name_key = _mp_store_name_key (f->name, folded_organisation);

  return TRUE;
}

/* Multi-row INSERT statements, one per table and batch size. Built once
 * and kept in static strings, whose addresses key the statement cache. */
enum { BATCH_PERSON, BATCH_REGISTRATION, BATCH_CONSENT, N_BATCH_TABLES };
static const guint batch_sizes[] = { IMPORT_BATCH_ROWS, 16, 4, 1 };

static const char *
batch_sql (guint table,
           guint size_index)
{
  static const char *heads[N_BATCH_TABLES] = {
    "INSERT INTO person (id, uuid, name, email, email_key, phone, organisation_id,"
    " sector_id, name_key, sort_key, created_at, given_name, family_name) VALUES ",
    "INSERT INTO registration (id, uuid, event_id, person_id, token, status, source,"
    " dietary, accessibility, interpreter, created_at) VALUES ",
    "INSERT INTO consent (person_id, registration_id, kind, given_at, source,"
    " answered_at, withdrawn_at, not_granted) VALUES ",
  };
  static const char *rows[N_BATCH_TABLES] = {
    "(?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "(?,?,?,?,?,?,?,?,?,?,?)",
    "(?,?,?,?,?,?,?,?)",
  };
  static char *sql[N_BATCH_TABLES][G_N_ELEMENTS (batch_sizes)];
  static gsize built = 0;

  if (g_once_init_enter (&built))
    {
      for (guint t = 0; t < N_BATCH_TABLES; t++)
        for (guint b = 0; b < G_N_ELEMENTS (batch_sizes); b++)
          {
            GString *text = g_string_new (heads[t]);

            for (guint r = 0; r < batch_sizes[b]; r++)
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

/* Inserting into a B-tree index row by row costs a random page each
 * time when its keys are random (e-mail, name, ticket token); building
 * the index afterwards sorts once. When an import brings more rows than
 * the tables hold, those indexes are dropped inside the transaction and
 * rebuilt before the commit. (Indexes whose keys grow with the row ids,
 * such as registration_person, only ever append and stay.) Lookups
 * during the import use the in-memory maps, never these indexes. */
static gboolean
defer_indexes (MpStore      *self,
               guint         n_rows,
               ImportState  *state,
               GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 existing = 0;
  int rc;

  stmt = _mp_database_prepare_cached (self->database, "SELECT count(*) FROM registration", error);
  if (stmt == NULL || !_mp_database_step_int64 (self->database, stmt, &existing, error))
    return FALSE;

  if (n_rows < 2000 || n_rows <= existing)
    return TRUE;

  state->deferred_indexes = g_ptr_array_new_with_free_func (g_free);
  stmt = _mp_database_prepare_cached (self->database,
                                      "SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
                                      " AND name IN ('person_email', 'person_name', 'registration_token')",
                                      error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (state->deferred_indexes, g_strdup (_mp_column_text (stmt, 0)));
      g_ptr_array_add (state->deferred_indexes, g_strdup (_mp_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _mp_store_fail (self, rc, error);

  for (guint i = 0; i < state->deferred_indexes->len; i += 2)
    {
      g_autofree char *quoted = g_strdup_printf ("DROP INDEX \"%s\"",
                                                 (const char *) g_ptr_array_index (state->deferred_indexes, i));
      if (!_mp_database_exec (self->database, quoted, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
rebuild_deferred_indexes (MpStore      *self,
                          ImportState  *state,
                          GError      **error)
{
  if (state->deferred_indexes == NULL)
    return TRUE;

  for (guint i = 1; i < state->deferred_indexes->len; i += 2)
    if (!_mp_database_exec (self->database, g_ptr_array_index (state->deferred_indexes, i), error))
      return FALSE;

  return TRUE;
}

/* Text that outlives the step: SQLite need not copy it. */
static void
bind_static_text_or_null (sqlite3_stmt *stmt,
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
bind_pending_person (sqlite3_stmt  *stmt,
                     int            first,
                     PendingPerson *p)
{
  sqlite3_bind_int64 (stmt, first, p->id);
  sqlite3_bind_text (stmt, first + 1, p->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 2, p->f.name, -1, SQLITE_STATIC);
  bind_static_text_or_null (stmt, first + 3, p->f.email);
  bind_static_text_or_null (stmt, first + 4, p->f.email_key);
  bind_static_text_or_null (stmt, first + 5, p->f.phone);
  bind_id_or_null (stmt, first + 6, p->f.organisation_id);
  bind_id_or_null (stmt, first + 7, p->f.sector_id);
  sqlite3_bind_text (stmt, first + 8, p->f.name_key, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, first + 9, g_bytes_get_data (p->sort_key, NULL),
                     g_bytes_get_size (p->sort_key), SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, first + 10, p->created_at);
  bind_static_text_or_null (stmt, first + 11, p->f.given_name);
  bind_static_text_or_null (stmt, first + 12, p->f.family_name);
}

static void
bind_pending_registration (sqlite3_stmt        *stmt,
                           int                  first,
                           PendingRegistration *r)
{
  sqlite3_bind_int64 (stmt, first, r->id);
  sqlite3_bind_text (stmt, first + 1, r->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, first + 2, r->event_id);
  sqlite3_bind_int64 (stmt, first + 3, r->person_id);
  sqlite3_bind_text (stmt, first + 4, r->token, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 5, r->status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 6, r->source, -1, SQLITE_STATIC);
  bind_static_text_or_null (stmt, first + 7, r->dietary);
  bind_static_text_or_null (stmt, first + 8, r->accessibility);
  bind_static_text_or_null (stmt, first + 9, r->interpreter);
  sqlite3_bind_int64 (stmt, first + 10, r->created_at);
}

static void
bind_pending_consent (sqlite3_stmt   *stmt,
                      int             first,
                      PendingConsent *c)
{
  sqlite3_bind_int64 (stmt, first, c->person_id);
  bind_id_or_null (stmt, first + 1, c->registration_id);
  sqlite3_bind_text (stmt, first + 2, c->kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, first + 3, c->given_at);
  sqlite3_bind_text (stmt, first + 4, c->source, -1, SQLITE_STATIC);
  bind_id_or_null (stmt, first + 5, c->answered_at);
  bind_id_or_null (stmt, first + 6, c->withdrawn_at);
  bind_static_text_or_null (stmt, first + 7, c->not_granted);
}

/* Inserts @n waiting rows of one table, in as few statements as the
 * batch sizes allow. */
static gboolean
insert_pending (MpStore   *self,
                guint      table,
                gpointer   rows,
                gsize      row_size,
                guint      n,
                GError   **error)
{
  static const int n_columns[N_BATCH_TABLES] = { 13, 11, 8 };
  guint done = 0;

  while (done < n)
    {
      guint b = 0;
      sqlite3_stmt *stmt;

      while (batch_sizes[b] > n - done)
        b++;

      stmt = _mp_database_prepare_cached (self->database, batch_sql (table, b), error);
      if (stmt == NULL)
        return FALSE;

      for (guint r = 0; r < batch_sizes[b]; r++)
        {
          gpointer row = (char *) rows + (done + r) * row_size;
          int first = r * n_columns[table] + 1;

          switch (table)
            {
            case BATCH_PERSON: bind_pending_person (stmt, first, row); break;
            case BATCH_REGISTRATION: bind_pending_registration (stmt, first, row); break;
            case BATCH_CONSENT: default: bind_pending_consent (stmt, first, row); break;
            }
        }

      if (!_mp_database_step_done (self->database, stmt, error))
        return FALSE;
      done += batch_sizes[b];
    }

  return TRUE;
}

/* People before their registrations, both before consents: foreign keys
 * are checked row by row, so a parent row must be in before its child. */
static gboolean
flush_pending (MpStore      *self,
               ImportState  *state,
               GError      **error)
{
  gboolean ok;

  ok = insert_pending (self, BATCH_PERSON, state->people, sizeof (PendingPerson),
                       state->n_people, error) &&
       insert_pending (self, BATCH_REGISTRATION, state->registrations, sizeof (PendingRegistration),
                       state->n_registrations, error) &&
       insert_pending (self, BATCH_CONSENT, state->consents, sizeof (PendingConsent),
                       state->n_consents, error);
  clear_pending (state);

  return ok;
}

/* What a row's "yes" does (the rule of _mp_store_record_consent ()):
 * a consent, a note that it was not given again, or nothing. Counted
 * in a dry run too; queued otherwise. */
static void
queue_consent (ImportState     *state,
               GHashTable      *given_set,
               GHashTable      *withdrawn,
               gint64           person_id,
               gint64           registration_id,
               const char      *kind,
               MpConsentAnswer  answer,
               gint64           answered_at,
               const char      *source,
               MpImportCounts  *counts)
{
  gint64 *last_withdrawn = g_hash_table_lookup (withdrawn, &person_id);
  MpConsentDecision decision;
  PendingConsent *c;
  gint64 now = mp_time_now ();

  decision = _mp_store_consent_decide (answer, g_hash_table_contains (given_set, GSIZE_TO_POINTER (person_id)),
                                       last_withdrawn != NULL ? *last_withdrawn : 0, answered_at);
  if (decision == MP_CONSENT_DECISION_NOTHING)
    return;

  if (decision == MP_CONSENT_DECISION_GIVE)
    g_hash_table_add (given_set, GSIZE_TO_POINTER (person_id));
  else
    {
      char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s:%" G_GINT64_FORMAT, person_id, kind, answered_at);

      counts->consents_not_given_again++;
      if (!g_hash_table_add (state->not_granted_noted, key))
        return;
    }

  if (state->dry_run)
    return;

  c = &state->consents[state->n_consents++];
  c->person_id = person_id;
  c->registration_id = registration_id;
  c->kind = kind;
  c->given_at = decision == MP_CONSENT_DECISION_GIVE && answered_at > 0 ? MIN (answered_at, now) : now;
  c->source = source;
  c->answered_at = answered_at;
  c->withdrawn_at = decision == MP_CONSENT_DECISION_GIVE ? 0 : now;
  c->not_granted = decision == MP_CONSENT_DECISION_GIVE ? NULL : _mp_store_consent_not_granted_code (decision);
}

/* A new registration's status, the capacity kept (as register keeps
 * it), counted. */
static MpRegistrationStatus
new_registration_status (ImportState                *state,
                         const MpRegistrationInput  *input,
                         MpImportCounts             *counts)
{
  MpRegistrationStatus status = _mp_store_status_within_capacity (input->status, input->over_capacity,
                                                                  state->capacity, state->n_registered);

  if (status == MP_REGISTRATION_STATUS_REGISTERED)
    state->n_registered++;
  else if (input->status == MP_REGISTRATION_STATUS_REGISTERED)
    counts->past_capacity++;

  return status;
}

static gboolean
import_in_transaction (MpStore         *self,
                       gint64           event_id,
                       GPtrArray       *inputs,
                       gboolean         dry_run,
                       MpImportCounts  *counts,
                       GCancellable    *cancellable,
                       MpProgressFunc   progress,
                       gpointer         progress_data,
                       GError         **error)
{
  ImportState state = { NULL, };
  MpImportCounts local = { 0, };
  guint completed = 0;
  g_autoptr(MpEvent) event = NULL;
  gint64 t_start, t_rows, t_indexes;
  gboolean outermost;

  /* A dry run reads in a read transaction and keeps what the import
   * would write in memory only: it never takes the write lock, so a
   * check-in desk on the same file is not kept waiting while the
   * organiser previews a large file. */
  state.dry_run = dry_run;
  state.capacity = -1;
  outermost = !_mp_database_in_transaction (self->database);
  if (!(dry_run ? _mp_database_begin_read (self->database, error)
                : _mp_database_begin (self->database, error)))
    return FALSE;

  event = mp_store_get_event (self, event_id, error);
  if (event != NULL)
    state.capacity = mp_event_get_capacity (event);
  if (event == NULL ||
      !load_import_state (self, event_id, &state, error) ||
      (!dry_run && !defer_indexes (self, inputs->len, &state, error)))
    goto failed;
  t_start = g_get_monotonic_time ();

  /* SQLite would look for a free rowid at the very top; no import gets there. */
  if (state.next_person_id > G_MAXINT64 - inputs->len ||
      state.next_registration_id > G_MAXINT64 - inputs->len)
    {
      _mp_store_fail (self, SQLITE_FULL, error);
      goto failed;
    }

  for (guint i = 0; i < inputs->len; i++)
    {
      const MpRegistrationInput *input = g_ptr_array_index (inputs, i);
      const char *source = mp_registration_source_to_string (input->source);
      MpPersonFields f;
      NamedPerson *named = NULL;
      gint64 person_id, registration_id = 0;
      gboolean ok = TRUE;

      if (i % 1024 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              g_clear_error (error);
              g_set_error_literal (error, MP_ERROR, MP_ERROR_CANCELLED,
                                   _("The import was stopped; nothing was imported."));
              goto failed;
            }
          if (progress != NULL)
            progress ((double) i / inputs->len, progress_data);
        }

      if (!prepare_import_person (self, &state, input, &f, error))
        {
          GError *earlier = NULL;

          _mp_person_fields_clear (&f);
          /* A waiting row that fails is the first error, as it was
           * before rows waited. (Not if SQLite has already rolled the
           * transaction back: the rows would go in on their own.) */
          if (!dry_run && !sqlite3_get_autocommit (_mp_database_get_handle (self->database)) &&
              !flush_pending (self, &state, &earlier))
            {
              g_clear_error (error);
              g_propagate_error (error, earlier);
            }
          goto failed;
        }

      person_id = find_person_in_state (&state, &f, &named);
      if (person_id != 0)
        {
          local.known_people++;
          /* complete_person() updates the stored row (not in a dry run,
           * which only learns the address below, as the import does) */
          if (!dry_run && person_id >= state.next_person_id - state.n_people)
            ok = flush_pending (self, &state, error);
          ok = ok && (dry_run || _mp_store_complete_person (self, person_id, &f, error));
          if (ok && !dry_run && sqlite3_changes (_mp_database_get_handle (self->database)) > 0)
            completed++;

          /* complete_person() gave a known person this row's address:
           * a later row with the same address is the same person. */
          if (ok && named != NULL && named->email_key == NULL && f.email_key != NULL)
            {
              named->email_key = g_string_chunk_insert (state.keys, f.email_key);
              g_hash_table_insert (state.by_email, (gpointer) named->email_key, GSIZE_TO_POINTER (person_id));
            }
          _mp_person_fields_clear (&f);
        }
      else if (dry_run)
        {
          local.new_people++;
          person_id = state.next_person_id++;
          remember_person (&state, person_id, f.email_key, f.name_key);
          _mp_person_fields_clear (&f);
        }
      else
        {
          PendingPerson *p = &state.people[state.n_people++];

          local.new_people++;
          person_id = state.next_person_id++;
          remember_person (&state, person_id, f.email_key, f.name_key);
          p->id = person_id;
          p->f = f;
          p->uuid = _mp_uuid_new ();
          p->sort_key = mp_person_name_sort_key (f.name, f.given_name, f.family_name);
          p->created_at = mp_time_now ();
        }

      if (ok && g_hash_table_contains (state.registered, GSIZE_TO_POINTER (person_id)))
        local.unchanged++;
      else if (ok && dry_run)
        {
          local.new_registrations++;
          new_registration_status (&state, input, &local);
          g_hash_table_add (state.registered, GSIZE_TO_POINTER (person_id));
        }
      else if (ok)
        {
          PendingRegistration *r;
          MpAnswerFields answers;

          if (!_mp_store_prepare_answers (input, &answers, error))
            goto failed;
          r = &state.registrations[state.n_registrations++];

          local.new_registrations++;
          registration_id = state.next_registration_id++;
          r->id = registration_id;
          r->event_id = event_id;
          r->person_id = person_id;
          r->uuid = _mp_uuid_new ();
          r->token = mp_ticket_token_new ();
          r->status = mp_registration_status_to_string (new_registration_status (&state, input, &local));
          r->source = source;
          r->dietary = g_steal_pointer (&answers.dietary);
          r->accessibility = g_steal_pointer (&answers.accessibility);
          r->interpreter = g_steal_pointer (&answers.interpreter);
          r->created_at = mp_time_now ();
          g_hash_table_add (state.registered, GSIZE_TO_POINTER (person_id));
        }

      if (!ok)
        goto failed;

      queue_consent (&state, state.consented_followup, state.withdrawn_followup, person_id, registration_id,
                     "followup", input->consent_followup, input->answered_at, source, &local);
      queue_consent (&state, state.consented_photo, state.withdrawn_photo, person_id, registration_id,
                     "photo", input->consent_photo, input->answered_at, source, &local);
      if (dry_run)
        continue;

      if (++state.n_rows == IMPORT_BATCH_ROWS && !flush_pending (self, &state, error))
        goto failed;
    }

  if (!flush_pending (self, &state, error))
    goto failed;
  t_rows = g_get_monotonic_time ();
  if (!rebuild_deferred_indexes (self, &state, error))
    goto failed;
  t_indexes = g_get_monotonic_time ();

  /* An import that brings nothing new leaves no trace at all. */
  if (!dry_run && (local.new_people > 0 || local.new_registrations > 0 || completed > 0))
    {
      g_autofree char *detail = g_strdup_printf ("%u new registrations, %u new people",
                                                 local.new_registrations, local.new_people);

      if (!_mp_store_audit (self, mp_time_now (), "import", mp_event_get_uuid (event), NULL, detail, error) ||
          !_mp_store_bump_names_revision (self, error))
        goto failed;
    }

  if (dry_run)
    {
      /* It read only: had anything written, it would hold the write lock. */
      g_warn_if_fail (!outermost ||
                      sqlite3_txn_state (_mp_database_get_handle (self->database), "main") != SQLITE_TXN_WRITE);
      _mp_database_rollback (self->database);
    }
  else if (!_mp_database_commit (self->database, error))
    goto failed;
  /* G_MESSAGES_DEBUG=mp-store shows where an import's time goes. */
  g_debug ("Import of %u rows: rows %.3f s, indexes %.3f s, commit %.3f s",
           inputs->len, (t_rows - t_start) / 1e6, (t_indexes - t_rows) / 1e6,
           (g_get_monotonic_time () - t_indexes) / 1e6);

  if (progress != NULL)
    progress (1.0, progress_data);
  if (counts != NULL)
    *counts = local;
  import_state_clear (&state);
  return TRUE;

failed:
  _mp_database_rollback (self->database);
  import_state_clear (&state);
  return FALSE;
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
  g_autofree char *restore = NULL;
  sqlite3_stmt *stmt;
  gint64 cache_size = 0;
  gboolean ok;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (inputs != NULL, FALSE);

  /* A large import writes every page of the new rows in one
   * transaction and then sorts its deferred indexes: it gets a page
   * cache of 64 MB while it runs, and the connection's own size back
   * afterwards. */
  stmt = _mp_database_prepare_cached (self->database, "PRAGMA cache_size", NULL);
  if (inputs->len >= 2000 && stmt != NULL &&
      _mp_database_step_int64 (self->database, stmt, &cache_size, NULL) &&
      cache_size < 0 && cache_size > -65536 && _mp_database_exec (self->database, "PRAGMA cache_size = -65536", NULL))
    restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, cache_size);

  /* Foreign keys stay checked: turning them off would gain a little
   * speed and lose the guarantee DESIGN.md asks for. */
  ok = import_in_transaction (self, event_id, inputs, dry_run, counts, cancellable,
                              progress, progress_data, error);

  if (restore != NULL)
    _mp_database_exec (self->database, restore, NULL);

  return ok;
}
