/* mp-store.c: the store object, sectors, events and their counts, and
 * the two rules every write shares (the audit log, the names revision)
 *
 * The rest of MpStore lives beside it, one file per concern; the map is
 * in mp-store-private.h and src/README.md.
 */
#define G_LOG_DOMAIN "mp-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-store-private.h"
#include "mp-text.h"
#include "mp-time.h"

G_DEFINE_FINAL_TYPE (MpStore, mp_store, G_TYPE_OBJECT)

static void
mp_store_dispose (GObject *object)
{
  MpStore *self = (MpStore *)object;

  _mp_store_prefetch_wait (self);
  g_clear_pointer (&self->indexes, g_hash_table_unref);
  g_clear_pointer (&self->sector_ids, g_hash_table_unref);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (mp_store_parent_class)->dispose (object);
}

static void
mp_store_class_init (MpStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mp_store_dispose;
}

static void
mp_store_init (MpStore *self)
{
  self->indexes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

MpStore *
mp_store_new (MpDatabase *database)
{
  MpStore *self;

  g_return_val_if_fail (MP_IS_DATABASE (database), NULL);

  self = g_object_new (MP_TYPE_STORE, NULL);
  self->database = g_object_ref (database);
  return self;
}

MpDatabase *
mp_store_get_database (MpStore *self)
{
  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  return self->database;
}

void
mp_registration_input_clear (MpRegistrationInput *input)
{
  g_clear_pointer (&input->name, g_free);
  g_clear_pointer (&input->given_name, g_free);
  g_clear_pointer (&input->family_name, g_free);
  g_clear_pointer (&input->email, g_free);
  g_clear_pointer (&input->phone, g_free);
  g_clear_pointer (&input->organisation, g_free);
  g_clear_pointer (&input->sector, g_free);
  g_clear_pointer (&input->dietary, g_free);
  g_clear_pointer (&input->accessibility, g_free);
  g_clear_pointer (&input->interpreter, g_free);
  g_clear_pointer (&input->note, g_free);
}


gboolean
_mp_store_fail (MpStore  *self,
                int       rc,
                GError  **error)
{
  return _mp_database_set_error (self->database, rc, error);
}

gboolean
_mp_store_not_found (GError     **error,
                     const char  *message)
{
  g_set_error_literal (error, MP_ERROR, MP_ERROR_NOT_FOUND, message);
  return FALSE;
}

gboolean
_mp_store_no_such_event (GError **error,
                         gint64   event_id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, event_id);

  g_set_error (error, MP_ERROR, MP_ERROR_NOT_FOUND, _("There is no event number %s."), number);
  return FALSE;
}

/* Sectors */

GPtrArray *
mp_store_list_sectors (MpStore  *self,
                       GError  **error)
{
  g_autoptr(GPtrArray) sectors = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_sector_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  stmt = _mp_database_prepare_cached (self->database,
                                      "SELECT id, name, position FROM sector ORDER BY position, id",
                                      error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MpSector *sector = g_new0 (MpSector, 1);

      sector->id = sqlite3_column_int64 (stmt, 0);
      sector->name = g_strdup (_mp_column_text (stmt, 1));
      sector->position = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (sectors, sector);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _mp_store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&sectors);
}

/* Words people write for a sector, folded, mapped to the default
 * sectors' names. */
static const struct { const char *alias; const char *sector; } sector_aliases[] = {
  { "kommunal", "Kommune" },
  { "bydel", "Kommune" },
  { "municipality", "Kommune" },
  { "fylke", "Fylkeskommune" },
  { "county", "Fylkeskommune" },
  { "county council", "Fylkeskommune" },
  { "nav kontor", "NAV" },
  { "stat", "Statlig virksomhet" },
  { "statlig", "Statlig virksomhet" },
  { "state", "Statlig virksomhet" },
  { "government", "Statlig virksomhet" },
  { "imdi", "Statlig virksomhet" },
  { "frivillig", "Frivillig organisasjon" },
  { "frivillig organisasjon", "Frivillig organisasjon" },
  { "ngo", "Frivillig organisasjon" },
  { "ideell", "Frivillig organisasjon" },
  { "ideell organisasjon", "Frivillig organisasjon" },
  { "voluntary organisation", "Frivillig organisasjon" },
  { "innvandrerorganisasjon", "Innvandrerorganisasjon / innvandrerråd" },
  { "innvandrarorganisasjon", "Innvandrerorganisasjon / innvandrerråd" },
  { "innvandrerrad", "Innvandrerorganisasjon / innvandrerråd" },
  { "innvandrarrad", "Innvandrerorganisasjon / innvandrerråd" },
  { "immigrant organisation", "Innvandrerorganisasjon / innvandrerråd" },
  { "frivilligsentralen", "Frivilligsentral" },
  { "volunteer centre", "Frivilligsentral" },
  { "naeringsliv", "Næringsliv" },
  { "privat naeringsliv", "Næringsliv" },
  { "business", "Næringsliv" },
  { "bedrift", "Næringsliv" },
  { "utdanning", "Utdanning og forskning" },
  { "forskning", "Utdanning og forskning" },
  { "skole", "Utdanning og forskning" },
  { "education", "Utdanning og forskning" },
  { "mottak", "Asylmottak" },
  { "politikk", "Politikk (folkevalgt)" },
  { "folkevalgt", "Politikk (folkevalgt)" },
  { "politician", "Politikk (folkevalgt)" },
  { "privat", "Privatperson" },
  { "private", "Privatperson" },
  { "annet", "Annet" },
  { "anna", "Annet" },
  { "other", "Annet" },
};

static void
load_sector_names (MpStore *self)
{
  g_autoptr(GPtrArray) sectors = mp_store_list_sectors (self, NULL);

  self->sector_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (sectors == NULL)
    return;

  for (guint i = 0; i < sectors->len; i++)
    {
      MpSector *sector = g_ptr_array_index (sectors, i);

      g_hash_table_insert (self->sector_ids, mp_text_fold (sector->name), GSIZE_TO_POINTER (sector->id));
    }

  for (guint a = 0; a < G_N_ELEMENTS (sector_aliases); a++)
    for (guint i = 0; i < sectors->len; i++)
      {
        MpSector *sector = g_ptr_array_index (sectors, i);

        if (g_str_equal (sector_aliases[a].sector, sector->name) &&
            !g_hash_table_contains (self->sector_ids, sector_aliases[a].alias))
          g_hash_table_insert (self->sector_ids, g_strdup (sector_aliases[a].alias), GSIZE_TO_POINTER (sector->id));
      }
}

gint64
mp_store_find_sector (MpStore    *self,
                      const char *name)
{
  g_autofree char *folded = NULL;
  GHashTableIter iter;
  gpointer key, id;

  g_return_val_if_fail (MP_IS_STORE (self), 0);

  if (name == NULL)
    return 0;

  folded = mp_text_fold (name);
  if (folded[0] == '\0')
    return 0;

  /* Sectors change seldom; an import asks thousands of times. */
  if (self->sector_ids == NULL)
    load_sector_names (self);

  id = g_hash_table_lookup (self->sector_ids, folded);
  if (id != NULL)
    return GPOINTER_TO_SIZE (id);

  /* "Innvandrerorganisasjon" for "Innvandrerorganisasjon / innvandrerråd" */
  if (strlen (folded) >= 4)
    {
      gint64 best = 0;

      g_hash_table_iter_init (&iter, self->sector_ids);
      while (g_hash_table_iter_next (&iter, &key, &id))
        if (g_str_has_prefix (key, folded) && (best == 0 || (gint64) GPOINTER_TO_SIZE (id) < best))
          best = GPOINTER_TO_SIZE (id);
      return best;
    }

  return 0;
}

/* Events */

#define EVENT_COLUMNS \
  "e.id, e.uuid, e.title, e.kind, e.venue, e.starts_at, e.ends_at, e.capacity," \
  " e.description, e.questions, e.created_at, e.contact, e.example"
#define EVENT_N_COLUMNS 13

static MpEvent *
event_from_row (sqlite3_stmt *stmt)
{
  MpEvent *event = mp_event_new ();
  MpEventKind kind = MP_EVENT_KIND_DIALOGUE_MEETING;

  mp_event_set_id (event, sqlite3_column_int64 (stmt, 0));
  mp_event_set_uuid (event, _mp_column_text (stmt, 1));
  mp_event_set_title (event, _mp_column_text (stmt, 2));
  mp_event_kind_from_string (_mp_column_text (stmt, 3), &kind);
  mp_event_set_kind (event, kind);
  mp_event_set_venue (event, _mp_column_text (stmt, 4));
  mp_event_set_starts_at (event, sqlite3_column_int64 (stmt, 5));
  mp_event_set_ends_at (event, sqlite3_column_int64 (stmt, 6));
  mp_event_set_capacity (event, sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 7));
  mp_event_set_description (event, _mp_column_text (stmt, 8));
  mp_event_set_questions (event, sqlite3_column_int (stmt, 9));
  mp_event_set_created_at (event, sqlite3_column_int64 (stmt, 10));
  mp_event_set_contact (event, _mp_column_text (stmt, 11));
  mp_event_set_example (event, sqlite3_column_int (stmt, 12) != 0);

  return event;
}

/* The event's texts cleaned of control characters and escapes and held
 * to their lengths (mp_text_clean_field), as every way in gives them. */
static gboolean
validate_event (MpEvent  *event,
                GError  **error)
{
  g_autofree char *title = NULL;
  g_autofree char *venue = NULL;
  g_autofree char *description = NULL;
  g_autofree char *contact = NULL;

  if ((mp_event_get_contact (event) != NULL &&
       (contact = mp_text_clean_field (mp_event_get_contact (event), MP_TEXT_FIELD_CONTACT, error)) == NULL) ||
      (mp_event_get_title (event) != NULL &&
       (title = mp_text_clean_field (mp_event_get_title (event), MP_TEXT_FIELD_TITLE, error)) == NULL) ||
      (mp_event_get_venue (event) != NULL &&
       (venue = mp_text_clean_field (mp_event_get_venue (event), MP_TEXT_FIELD_VENUE, error)) == NULL) ||
      (mp_event_get_description (event) != NULL &&
       (description = mp_text_clean_field (mp_event_get_description (event), MP_TEXT_FIELD_DESCRIPTION, error)) == NULL))
    return FALSE;

  if (title == NULL || title[0] == '\0')
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID, _("The event needs a title."));
      return FALSE;
    }
  if (mp_event_get_ends_at (event) != 0 &&
      mp_event_get_ends_at (event) < mp_event_get_starts_at (event))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID, _("The event cannot end before it starts."));
      return FALSE;
    }

  mp_event_set_title (event, title);
  mp_event_set_venue (event, venue);
  mp_event_set_description (event, description);
  mp_event_set_contact (event, contact);
  return TRUE;
}

static void
bind_event (sqlite3_stmt *stmt,
            MpEvent      *event)
{
  sqlite3_bind_text (stmt, 1, mp_event_get_title (event), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, mp_event_kind_to_string (mp_event_get_kind (event)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, mp_event_get_venue (event), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, mp_event_get_starts_at (event));
  if (mp_event_get_ends_at (event) != 0)
    sqlite3_bind_int64 (stmt, 5, mp_event_get_ends_at (event));
  else
    sqlite3_bind_null (stmt, 5);
  if (mp_event_get_capacity (event) >= 0)
    sqlite3_bind_int (stmt, 6, mp_event_get_capacity (event));
  else
    sqlite3_bind_null (stmt, 6);
  sqlite3_bind_text (stmt, 7, mp_event_get_description (event), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, mp_event_get_questions (event));
  sqlite3_bind_text (stmt, 9, mp_event_get_contact (event), -1, SQLITE_TRANSIENT);
}

gboolean
mp_store_add_event (MpStore  *self,
                    MpEvent  *event,
                    GError  **error)
{
  g_autofree char *uuid = _mp_uuid_new ();
  gint64 now = mp_time_now ();

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (MP_IS_EVENT (event), FALSE);

  if (!validate_event (event, error))
    return FALSE;

  {
    _MP_STORE_PREPARE ("INSERT INTO event (title, kind, venue, starts_at, ends_at, capacity,"
                       " description, questions, contact, uuid, created_at, example)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

    bind_event (stmt, event);
    sqlite3_bind_text (stmt, 10, uuid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 11, now);
    sqlite3_bind_int (stmt, 12, mp_event_get_example (event));

    if (!_mp_database_step_done (self->database, stmt, error))
      return FALSE;
  }

  mp_event_set_id (event, sqlite3_last_insert_rowid (_mp_database_get_handle (self->database)));
  mp_event_set_uuid (event, uuid);
  mp_event_set_created_at (event, now);

  return TRUE;
}

gboolean
mp_store_update_event (MpStore  *self,
                       MpEvent  *event,
                       GError  **error)
{
  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (MP_IS_EVENT (event), FALSE);

  if (!validate_event (event, error))
    return FALSE;

  {
    _MP_STORE_PREPARE ("UPDATE event SET title = ?, kind = ?, venue = ?, starts_at = ?, ends_at = ?,"
                       " capacity = ?, description = ?, questions = ?, contact = ? WHERE id = ?");

    bind_event (stmt, event);
    sqlite3_bind_int64 (stmt, 10, mp_event_get_id (event));
    if (!_mp_database_step_done (self->database, stmt, error))
      return FALSE;
  }

  if (sqlite3_changes (_mp_database_get_handle (self->database)) == 0)
    return _mp_store_not_found (error, _("The event no longer exists."));

  return TRUE;
}

/* Inside a transaction: the event, its registrations and check-ins
 * (by the foreign keys), and the audit entry. */
static gboolean
delete_event_in_transaction (MpStore  *self,
                             gint64    event_id,
                             GError  **error)
{
  g_autofree char *uuid = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _mp_database_prepare_cached (self->database, "SELECT uuid FROM event WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    uuid = g_strdup (_mp_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _mp_store_fail (self, rc, error);
  if (uuid == NULL)
    return _mp_store_not_found (error, _("The event no longer exists."));

  stmt = _mp_database_prepare_cached (self->database, "DELETE FROM event WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  return _mp_database_step_done (self->database, stmt, error) &&
         _mp_store_audit (self, mp_time_now (), "delete-event", uuid, NULL, NULL, error);
}

gboolean
mp_store_delete_event (MpStore  *self,
                       gint64    event_id,
                       GError  **error)
{
  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  if (!_mp_database_begin (self->database, error))
    return FALSE;

  if (!delete_event_in_transaction (self, event_id, error) ||
      !_mp_store_bump_names_revision (self, error) ||
      !_mp_database_commit (self->database, error))
    {
      _mp_database_rollback (self->database);
      return FALSE;
    }

  g_hash_table_remove (self->indexes, &event_id);
  return TRUE;
}

GArray *
mp_store_list_example_events (MpStore  *self,
                              GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  stmt = _mp_database_prepare_cached (self->database, "SELECT id FROM event WHERE example ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _mp_store_fail (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

gboolean
mp_store_delete_example_events (MpStore  *self,
                                guint    *out_n_deleted,
                                GError  **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  if (out_n_deleted != NULL)
    *out_n_deleted = 0;
  if (!_mp_database_begin (self->database, error))
    return FALSE;

  ids = mp_store_list_example_events (self, error);
  if (ids == NULL)
    goto failed;
  for (guint i = 0; i < ids->len; i++)
    if (!delete_event_in_transaction (self, g_array_index (ids, gint64, i), error))
      goto failed;
  if (!_mp_store_bump_names_revision (self, error) ||
      !_mp_database_commit (self->database, error))
    goto failed;

  for (guint i = 0; i < ids->len; i++)
    g_hash_table_remove (self->indexes, &g_array_index (ids, gint64, i));
  if (out_n_deleted != NULL)
    *out_n_deleted = ids->len;
  return TRUE;

failed:
  _mp_database_rollback (self->database);
  return FALSE;
}

MpEvent *
mp_store_get_event (MpStore  *self,
                    gint64    event_id,
                    GError  **error)
{
  sqlite3_stmt *stmt;
  MpEvent *event;
  MpEventCounts counts;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  stmt = _mp_database_prepare_cached (self->database,
                                      "SELECT " EVENT_COLUMNS "," MP_STORE_EVENT_COUNTS_COLUMNS
                                      " FROM event e LEFT JOIN event_counts n ON n.event_id = e.id"
                                      " WHERE e.id = ?",
                                      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, event_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        _mp_store_no_such_event (error, event_id);
      else
        _mp_store_fail (self, rc, error);
      return NULL;
    }

  event = event_from_row (stmt);
  _mp_store_counts_from_row (stmt, EVENT_N_COLUMNS, &counts);
  mp_event_set_all_counts (event, &counts);
  sqlite3_reset (stmt);

  return event;
}

/* Upcoming first (soonest first), then past ones (latest first); ?1 is now. */
#define EVENTS_ORDER \
  " ORDER BY coalesce (e.ends_at, e.starts_at + 4 * 3600) < ?1," \
  "  CASE WHEN coalesce (e.ends_at, e.starts_at + 4 * 3600) < ?1 THEN -e.starts_at ELSE e.starts_at END," \
  "  e.id"

void
_mp_store_counts_from_row (sqlite3_stmt  *stmt,
                           int            first,
                           MpEventCounts *counts)
{
  counts->registered = sqlite3_column_int (stmt, first);
  counts->arrived = sqlite3_column_int (stmt, first + 1);
  counts->waitlisted = sqlite3_column_int (stmt, first + 2);
  counts->cancelled = sqlite3_column_int (stmt, first + 3);
  counts->walk_ins = sqlite3_column_int (stmt, first + 4);
}

GPtrArray *
mp_store_list_events (MpStore  *self,
                      GError  **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  stmt = _mp_database_prepare_cached (self->database,
                                      "SELECT " EVENT_COLUMNS "," MP_STORE_EVENT_COUNTS_COLUMNS
                                      " FROM event e LEFT JOIN event_counts n ON n.event_id = e.id"
                                      EVENTS_ORDER,
                                      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, mp_time_now ());
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MpEvent *event = event_from_row (stmt);
      MpEventCounts counts;

      _mp_store_counts_from_row (stmt, EVENT_N_COLUMNS, &counts);
      mp_event_set_all_counts (event, &counts);
      g_ptr_array_add (events, event);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _mp_store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&events);
}

gboolean
mp_store_get_counts (MpStore        *self,
                     gint64          event_id,
                     MpEventCounts  *counts,
                     GError        **error)
{
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof *counts);

  {
    /* One row the triggers keep (mp-schema.h): no count, whoever wrote. */
    _MP_STORE_PREPARE ("SELECT" MP_STORE_EVENT_COUNTS_COLUMNS " FROM event_counts n WHERE n.event_id = ?");

    sqlite3_bind_int64 (stmt, 1, event_id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      _mp_store_counts_from_row (stmt, 0, counts);
    sqlite3_reset (stmt);
  }

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _mp_store_fail (self, rc, error);

  return TRUE;
}

/* The audit log and the names revision */

gboolean
_mp_store_audit (MpStore     *self,
                 gint64       at,
                 const char  *action,
                 const char  *subject,
                 const char  *desk,
                 const char  *detail,
                 GError     **error)
{
  _MP_STORE_PREPARE ("INSERT INTO audit_log (at, action, subject, desk, detail) VALUES (?, ?, ?, ?, ?)");

  sqlite3_bind_int64 (stmt, 1, at);
  sqlite3_bind_text (stmt, 2, action, -1, SQLITE_STATIC);
  _mp_bind_text_or_null (stmt, 3, subject);
  _mp_bind_text_or_null (stmt, 4, desk);
  _mp_bind_text_or_null (stmt, 5, detail);

  return _mp_database_step_done (self->database, stmt, error);
}

gboolean
_mp_store_names_revision (MpStore  *self,
                          gint64   *out_revision,
                          GError  **error)
{
  _MP_STORE_PREPARE ("SELECT value FROM meta WHERE key = 'names_rev'");

  return _mp_database_step_int64 (self->database, stmt, out_revision, error);
}

gboolean
_mp_store_bump_names_revision (MpStore  *self,
                               GError  **error)
{
  _MP_STORE_PREPARE ("UPDATE meta SET value = value + 1 WHERE key = 'names_rev'");

  return _mp_database_step_done (self->database, stmt, error);
}
