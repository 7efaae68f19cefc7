#define G_LOG_DOMAIN "mp-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-attendee-index-private.h"
#include "mp-attendee-private.h"
#include "mp-database-private.h"
#include "mp-store-private.h"
#include "mp-text.h"
#include "mp-ticket.h"
#include "mp-time.h"

struct _MpStore
{
  GObject      parent_instance;

  MpDatabase  *database;
  GHashTable  *indexes;     /* event id → MpAttendeeIndex */
  GHashTable  *sector_ids;  /* folded name or alias → sector id */
  GThread     *prefetch;    /* builds an index; returns it (or NULL) */
  gint64       prefetch_event_id;
  struct _Prefetch *prefetch_data;  /* shared with that thread */
  gboolean     prefetch_counts_taken;
  gint64       prefetch_data_version;      /* this connection's, when it began */
  sqlite3_int64 prefetch_changes;

  /* Counts as last read, good while the database has not changed:
   * opening an event asks for them several times (events list, event,
   * page header). */
  GHashTable    *counts;               /* event id → MpEventCounts */
  gboolean       counts_complete;      /* every event is in it */
  sqlite3_int64  counts_changes;       /* sqlite3_total_changes64 () then */
  gint64         counts_data_version;  /* PRAGMA data_version then */
};

G_DEFINE_FINAL_TYPE (MpStore, mp_store, G_TYPE_OBJECT)

/* What mp_store_prefetch_attendee_index() hands from its thread: every
 * event's counts first (waited for with @cond), then the index (the
 * thread's return value). Freed by the store once the thread is
 * joined. */
typedef struct _Prefetch
{
  char        *path;
  gint64       event_id;
  GMutex       lock;
  GCond        cond;
  gboolean     counts_done;
  GHashTable  *counts;   /* event id → MpEventCounts; NULL if not read */
} Prefetch;

static void
prefetch_free (Prefetch *prefetch)
{
  g_free (prefetch->path);
  g_clear_pointer (&prefetch->counts, g_hash_table_unref);
  g_mutex_clear (&prefetch->lock);
  g_cond_clear (&prefetch->cond);
  g_free (prefetch);
}

static void
mp_store_dispose (GObject *object)
{
  MpStore *self = (MpStore *)object;

  if (self->prefetch != NULL)
    {
      MpAttendeeIndex *unused = g_thread_join (g_steal_pointer (&self->prefetch));

      g_clear_object (&unused);
    }
  g_clear_pointer (&self->prefetch_data, prefetch_free);
  g_clear_pointer (&self->indexes, g_hash_table_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
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
  self->counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
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
  g_clear_pointer (&input->email, g_free);
  g_clear_pointer (&input->phone, g_free);
  g_clear_pointer (&input->organisation, g_free);
  g_clear_pointer (&input->sector, g_free);
  g_clear_pointer (&input->dietary, g_free);
  g_clear_pointer (&input->accessibility, g_free);
  g_clear_pointer (&input->interpreter, g_free);
}

void
mp_sector_free (MpSector *sector)
{
  if (sector == NULL)
    return;
  g_free (sector->name);
  g_free (sector);
}

static gboolean bump_names_revision (MpStore *self, GError **error);

#define PREPARE(sql) \
  sqlite3_stmt *stmt = _mp_database_prepare_cached (self->database, sql, error); \
  if (stmt == NULL) \
    return FALSE

static gboolean
fail (MpStore  *self,
      int       rc,
      GError  **error)
{
  return _mp_database_set_error (self->database, rc, error);
}

static gboolean
not_found (GError     **error,
           const char  *message)
{
  g_set_error_literal (error, MP_ERROR, MP_ERROR_NOT_FOUND, message);
  return FALSE;
}

static gboolean
no_such_event (GError **error,
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
      fail (self, rc, error);
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
  " e.description, e.questions, e.created_at"

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

  return event;
}

static gboolean
validate_event (MpEvent  *event,
                GError  **error)
{
  g_autofree char *title = mp_text_normalize_space (mp_event_get_title (event));

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
    PREPARE ("INSERT INTO event (title, kind, venue, starts_at, ends_at, capacity,"
             " description, questions, uuid, created_at)"
             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

    bind_event (stmt, event);
    sqlite3_bind_text (stmt, 9, uuid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 10, now);

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
    PREPARE ("UPDATE event SET title = ?, kind = ?, venue = ?, starts_at = ?, ends_at = ?,"
             " capacity = ?, description = ?, questions = ? WHERE id = ?");

    bind_event (stmt, event);
    sqlite3_bind_int64 (stmt, 9, mp_event_get_id (event));
    if (!_mp_database_step_done (self->database, stmt, error))
      return FALSE;
  }

  if (sqlite3_changes (_mp_database_get_handle (self->database)) == 0)
    return not_found (error, _("The event no longer exists."));

  return TRUE;
}

gboolean
mp_store_delete_event (MpStore  *self,
                       gint64    event_id,
                       GError  **error)
{
  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  if (!_mp_database_begin (self->database, error))
    return FALSE;

  {
    sqlite3_stmt *stmt;

    stmt = _mp_database_prepare_cached (self->database,
                                        "INSERT INTO audit_log (at, action, subject)"
                                        " SELECT ?, 'delete-event', uuid FROM event WHERE id = ?",
                                        error);
    if (stmt == NULL)
      goto failed;
    sqlite3_bind_int64 (stmt, 1, mp_time_now ());
    sqlite3_bind_int64 (stmt, 2, event_id);
    if (!_mp_database_step_done (self->database, stmt, error))
      goto failed;

    stmt = _mp_database_prepare_cached (self->database, "DELETE FROM event WHERE id = ?", error);
    if (stmt == NULL)
      goto failed;
    sqlite3_bind_int64 (stmt, 1, event_id);
    if (!_mp_database_step_done (self->database, stmt, error))
      goto failed;

    if (sqlite3_changes (_mp_database_get_handle (self->database)) == 0)
      {
        not_found (error, _("The event no longer exists."));
        goto failed;
      }
  }

  if (!bump_names_revision (self, error) ||
      !_mp_database_commit (self->database, error))
    goto failed;

  g_hash_table_remove (self->indexes, &event_id);
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
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  stmt = _mp_database_prepare_cached (self->database,
                                      "SELECT " EVENT_COLUMNS " FROM event e WHERE e.id = ?",
                                      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, event_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        no_such_event (error, event_id);
      else
        fail (self, rc, error);
      return NULL;
    }

  event = event_from_row (stmt);
  sqlite3_reset (stmt);

  {
    MpEventCounts counts;

    if (!mp_store_get_counts (self, event_id, &counts, error))
      {
        g_object_unref (event);
        return NULL;
      }
    mp_event_set_counts (event, counts.registered, counts.arrived);
  }

  return event;
}

/* A registration's current check-in: one that is not an undo and has
 * not been undone; of two admitted while desks were apart (the hub), the
 * earliest, which is the one that counts (mp-admissions.h). */
#define ACTIVE_CHECKIN(reg) \
  "(SELECT c.id FROM checkin c WHERE c.registration_id = " reg \
  " AND c.undoes IS NULL AND NOT EXISTS (SELECT 1 FROM checkin u WHERE u.undoes = c.id)" \
  " ORDER BY c.at, c.uuid LIMIT 1)"

/* Every event's counts at once, not event by event with a check-in
 * search per registration: registrations grouped by event, and arrived
 * from the active check-ins (checkin_active, in registration order). */
#define EVENT_COUNTS_COLUMNS \
  " coalesce (n.registered, 0), coalesce (a.arrived, 0)," \
  " coalesce (n.waitlisted, 0), coalesce (n.cancelled, 0)," \
  " coalesce (a.walk_ins, 0)"
#define EVENT_COUNTS_JOINS \
  " LEFT JOIN (SELECT event_id," \
  "                   count(*) FILTER (WHERE status = 'registered') AS registered," \
  "                   count(*) FILTER (WHERE status = 'waitlisted') AS waitlisted," \
  "                   count(*) FILTER (WHERE status = 'cancelled') AS cancelled" \
  "            FROM registration GROUP BY event_id) n" \
  "  ON n.event_id = e.id" \
  " LEFT JOIN (SELECT r.event_id, count(*) AS arrived," \
  "                   count(*) FILTER (WHERE r.source IN ('desk', 'kiosk')) AS walk_ins" \
  "            FROM (SELECT DISTINCT c.registration_id AS id FROM checkin c" \
  "                  WHERE c.undoes IS NULL" \
  "                   AND NOT EXISTS (SELECT 1 FROM checkin u WHERE u.undoes = c.id)) k" \
  "            JOIN registration r ON r.id = k.id GROUP BY r.event_id) a" \
  "  ON a.event_id = e.id"
#define EVENTS_ORDER \
  " ORDER BY coalesce (e.ends_at, e.starts_at + 4 * 3600) < ?1," \
  "  CASE WHEN coalesce (e.ends_at, e.starts_at + 4 * 3600) < ?1 THEN -e.starts_at ELSE e.starts_at END," \
  "  e.id"

static void
counts_from_row (sqlite3_stmt  *stmt,
                 int            first,
                 MpEventCounts *counts)
{
  counts->registered = sqlite3_column_int (stmt, first);
  counts->arrived = sqlite3_column_int (stmt, first + 1);
  counts->waitlisted = sqlite3_column_int (stmt, first + 2);
  counts->cancelled = sqlite3_column_int (stmt, first + 3);
  counts->walk_ins = sqlite3_column_int (stmt, first + 4);
}

/* Whether the counts cache may be used and filled: TRUE when nothing
 * was written since it was filled, by this connection (its change
 * counter) or by any other (data_version); if something was, it is
 * emptied and TRUE again. FALSE only when that cannot be known. */
static gboolean
counts_cache_usable (MpStore *self)
{
  sqlite3_int64 changes = sqlite3_total_changes64 (_mp_database_get_handle (self->database));
  gint64 data_version = -1;
  sqlite3_stmt *stmt;

  stmt = _mp_database_prepare_cached (self->database, "PRAGMA data_version", NULL);
  if (stmt == NULL || !_mp_database_step_int64 (self->database, stmt, &data_version, NULL))
    {
      g_hash_table_remove_all (self->counts);
      self->counts_complete = FALSE;
      return FALSE;
    }

  /* The counts read ahead on the prefetch thread are this connection's
   * too if nothing was written since the thread was started. */
  if (self->prefetch_data != NULL && !self->prefetch_counts_taken)
    {
      Prefetch *prefetch = self->prefetch_data;
      GHashTable *counts;

      g_mutex_lock (&prefetch->lock);
      while (!prefetch->counts_done)
        g_cond_wait (&prefetch->cond, &prefetch->lock);
      counts = g_steal_pointer (&prefetch->counts);
      g_mutex_unlock (&prefetch->lock);
      self->prefetch_counts_taken = TRUE;

      if (counts != NULL && self->prefetch_data_version == data_version &&
          self->prefetch_changes == changes)
        {
          g_hash_table_unref (self->counts);
          self->counts = g_steal_pointer (&counts);
          self->counts_complete = TRUE;
          self->counts_data_version = data_version;
          self->counts_changes = changes;
        }
      g_clear_pointer (&counts, g_hash_table_unref);
    }

  if (self->counts_data_version != data_version || self->counts_changes != changes)
    {
      g_hash_table_remove_all (self->counts);
      self->counts_complete = FALSE;
      self->counts_data_version = data_version;
      self->counts_changes = changes;
    }

  return TRUE;
}

/* Not inside a transaction: what it has written may yet be rolled
 * back, and the change counter would not tell. */
static gboolean
counts_may_be_kept (MpStore *self)
{
  return sqlite3_get_autocommit (_mp_database_get_handle (self->database));
}

static void
remember_counts (MpStore             *self,
                 gint64               event_id,
                 const MpEventCounts *counts)
{
  if (!counts_may_be_kept (self))
    return;
  g_hash_table_insert (self->counts, g_memdup2 (&event_id, sizeof event_id),
                       g_memdup2 (counts, sizeof *counts));
}

GPtrArray *
mp_store_list_events (MpStore  *self,
                      GError  **error)
{
  gboolean cacheable, complete;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  cacheable = counts_cache_usable (self);
  /* All the counts, so that opening one of the events need not count
   * again; not at all when every event's are known. */
  complete = cacheable && self->counts_complete;
  if (complete)
    stmt = _mp_database_prepare_cached (self->database,
                                        "SELECT " EVENT_COLUMNS " FROM event e" EVENTS_ORDER,
                                        error);
  else
    stmt = _mp_database_prepare_cached (self->database,
                                        "SELECT " EVENT_COLUMNS "," EVENT_COUNTS_COLUMNS
                                        " FROM event e" EVENT_COUNTS_JOINS EVENTS_ORDER,
                                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, mp_time_now ());
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MpEvent *event = event_from_row (stmt);
      gint64 event_id = mp_event_get_id (event);
      MpEventCounts counts = { 0 };

      if (complete)
        {
          const MpEventCounts *known = g_hash_table_lookup (self->counts, &event_id);

          /* (none: an event with no registration yet) */
          if (known != NULL)
            counts = *known;
        }
      else
        {
          counts_from_row (stmt, 11, &counts);
          if (cacheable)
            remember_counts (self, event_id, &counts);
        }

      mp_event_set_counts (event, counts.registered, counts.arrived);
      g_ptr_array_add (events, event);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      fail (self, rc, error);
      return NULL;
    }
  if (cacheable && counts_may_be_kept (self))
    self->counts_complete = TRUE;

  return g_steal_pointer (&events);
}

gboolean
mp_store_get_counts (MpStore        *self,
                     gint64          event_id,
                     MpEventCounts  *counts,
                     GError        **error)
{
  const MpEventCounts *cached;
  gboolean cacheable;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  cacheable = counts_cache_usable (self);
  cached = cacheable ? g_hash_table_lookup (self->counts, &event_id) : NULL;
  if (cached != NULL)
    {
      *counts = *cached;
      return TRUE;
    }

  memset (counts, 0, sizeof *counts);

  {
    /* Arrived: registrations with a current check-in (not an undo, not
     * undone), the same as ACTIVE_CHECKIN IS NOT NULL. Found from the
     * check-ins (the checkin_active index, in registration order, so
     * DISTINCT costs nothing), not by a search per registration: an
     * event has far fewer check-ins than registrations to look at. */
    PREPARE ("SELECT s.registered, s.waitlisted, s.cancelled, a.arrived, a.walk_ins"
             " FROM (SELECT count(*) FILTER (WHERE status = 'registered') AS registered,"
             "              count(*) FILTER (WHERE status = 'waitlisted') AS waitlisted,"
             "              count(*) FILTER (WHERE status = 'cancelled') AS cancelled"
             "       FROM registration WHERE event_id = ?1) s,"
             "      (SELECT count(*) AS arrived,"
             "              count(*) FILTER (WHERE r.source IN ('desk', 'kiosk')) AS walk_ins"
             "       FROM (SELECT DISTINCT c.registration_id AS id FROM checkin c"
             "             WHERE c.undoes IS NULL"
             "              AND NOT EXISTS (SELECT 1 FROM checkin u WHERE u.undoes = c.id)) k"
             "       JOIN registration r ON r.id = k.id"
             "       WHERE r.event_id = ?1) a");

    sqlite3_bind_int64 (stmt, 1, event_id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        counts->registered = sqlite3_column_int (stmt, 0);
        counts->waitlisted = sqlite3_column_int (stmt, 1);
        counts->cancelled = sqlite3_column_int (stmt, 2);
        counts->arrived = sqlite3_column_int (stmt, 3);
        counts->walk_ins = sqlite3_column_int (stmt, 4);
      }
    sqlite3_reset (stmt);
  }

  if (rc != SQLITE_ROW)
    return fail (self, rc, error);

  if (cacheable)
    remember_counts (self, event_id, counts);

  return TRUE;
}

/* Attendees */

#define ATTENDEE_SELECT \
  "SELECT r.id, r.person_id, r.event_id, r.uuid, r.token, p.name, p.email, p.phone," \
  " o.name, coalesce (ps.name, os.name), r.status, r.source, r.dietary, r.accessibility," \
  " r.interpreter," \
  " EXISTS (SELECT 1 FROM consent k WHERE k.person_id = p.id AND k.kind = 'followup' AND k.withdrawn_at IS NULL)," \
  " EXISTS (SELECT 1 FROM consent k WHERE k.person_id = p.id AND k.kind = 'photo' AND k.withdrawn_at IS NULL)," \
  " r.created_at, ci.id, ci.at, ci.desk" \
  " FROM registration r" \
  " JOIN person p ON p.id = r.person_id" \
  " LEFT JOIN organisation o ON o.id = p.organisation_id" \
  " LEFT JOIN sector ps ON ps.id = p.sector_id" \
  " LEFT JOIN sector os ON os.id = o.sector_id" \
  " LEFT JOIN checkin ci ON ci.id = " ACTIVE_CHECKIN ("r.id")

static char *
dup_column (sqlite3_stmt *stmt,
            int           i)
{
  const char *text = (const char *) sqlite3_column_text (stmt, i);

  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

static MpAttendee *
attendee_from_row (sqlite3_stmt *stmt)
{
  MpAttendee *a = mp_attendee_new ();
  MpRegistrationStatus status = MP_REGISTRATION_STATUS_REGISTERED;
  MpRegistrationSource source = MP_REGISTRATION_SOURCE_MANUAL;

  a->registration_id = sqlite3_column_int64 (stmt, 0);
  a->person_id = sqlite3_column_int64 (stmt, 1);
  a->event_id = sqlite3_column_int64 (stmt, 2);
  a->uuid = dup_column (stmt, 3);
  a->token = dup_column (stmt, 4);
  a->name = dup_column (stmt, 5);
  a->email = dup_column (stmt, 6);
  a->phone = dup_column (stmt, 7);
  a->organisation = dup_column (stmt, 8);
  a->sector = dup_column (stmt, 9);
  mp_registration_status_from_string (_mp_column_text (stmt, 10), &status);
  mp_registration_source_from_string (_mp_column_text (stmt, 11), &source);
  a->status = status;
  a->source = source;
  a->dietary = dup_column (stmt, 12);
  a->accessibility = dup_column (stmt, 13);
  a->interpreter = dup_column (stmt, 14);
  a->consent_followup = sqlite3_column_int (stmt, 15);
  a->consent_photo = sqlite3_column_int (stmt, 16);
  a->created_at = sqlite3_column_int64 (stmt, 17);
  a->checkin_id = sqlite3_column_int64 (stmt, 18);
  a->checked_in_at = sqlite3_column_int64 (stmt, 19);
  a->checkin_desk = dup_column (stmt, 20);

  return a;
}

MpAttendee *
mp_store_get_attendee (MpStore  *self,
                       gint64    registration_id,
                       GError  **error)
{
  sqlite3_stmt *stmt;
  MpAttendee *attendee = NULL;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  stmt = _mp_database_prepare_cached (self->database, ATTENDEE_SELECT " WHERE r.id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, registration_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    attendee = attendee_from_row (stmt);
  else if (rc == SQLITE_DONE)
    not_found (error, _("The registration no longer exists."));
  else
    fail (self, rc, error);
  sqlite3_reset (stmt);

  return attendee;
}

GPtrArray *
mp_store_list_attendees (MpStore  *self,
                         gint64    event_id,
                         GError  **error)
{
  g_autoptr(GPtrArray) attendees = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  stmt = _mp_database_prepare_cached (self->database,
                                      ATTENDEE_SELECT " WHERE r.event_id = ? ORDER BY p.sort_key, r.id",
                                      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (attendees, attendee_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&attendees);
}

gboolean
mp_store_set_status (MpStore              *self,
                     gint64                registration_id,
                     MpRegistrationStatus  status,
                     GError              **error)
{
  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  {
    PREPARE ("UPDATE registration SET status = ? WHERE id = ?");

    sqlite3_bind_text (stmt, 1, mp_registration_status_to_string (status), -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 2, registration_id);
    if (!_mp_database_step_done (self->database, stmt, error))
      return FALSE;
  }

  if (sqlite3_changes (_mp_database_get_handle (self->database)) == 0)
    return not_found (error, _("The registration no longer exists."));

  return TRUE;
}

/* The search index */

static gboolean
names_revision (MpStore  *self,
                gint64   *out,
                GError  **error)
{
  PREPARE ("SELECT value FROM meta WHERE key = 'names_rev'");

  return _mp_database_step_int64 (self->database, stmt, out, error);
}

/* Called inside every transaction that adds, removes or renames people
 * or registrations, so that every desk's search index notices. */
static gboolean
bump_names_revision (MpStore  *self,
                     GError  **error)
{
  PREPARE ("UPDATE meta SET value = value + 1 WHERE key = 'names_rev'");

  return _mp_database_step_done (self->database, stmt, error);
}

/* Gives @index the words of an organisation's name (none if it is gone). */
static gboolean
index_organisation (MpStore          *self,
                    MpAttendeeIndex  *index,
                    gint64            organisation_id,
                    GError          **error)
{
  int rc;

  PREPARE ("SELECT name FROM organisation WHERE id = ?");

  sqlite3_bind_int64 (stmt, 1, organisation_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return fail (self, rc, error);
    }

  _mp_attendee_index_add_organisation (index, organisation_id,
                                       rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0) : NULL);
  sqlite3_reset (stmt);
  return TRUE;
}

MpAttendeeIndex *
mp_store_get_attendee_index (MpStore  *self,
                             gint64    event_id,
                             GError  **error)
{
  g_autoptr(MpAttendeeIndex) index = NULL;
  MpAttendeeIndex *cached;
  sqlite3_stmt *stmt;
  gint64 revision = 0;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  /* A prefetched index is used like a cached one: only if no name has
   * changed since it was read. */
  if (self->prefetch != NULL && self->prefetch_event_id == event_id)
    {
      MpAttendeeIndex *ready = g_thread_join (g_steal_pointer (&self->prefetch));

      if (ready != NULL)
        g_hash_table_insert (self->indexes, g_memdup2 (&event_id, sizeof event_id), ready);
    }

  if (!names_revision (self, &revision, error))
    return NULL;

  cached = g_hash_table_lookup (self->indexes, &event_id);
  if (cached != NULL && _mp_attendee_index_get_revision (cached) == revision)
    return g_object_ref (cached);

  stmt = _mp_database_prepare_cached (self->database,
                                      /* No ORDER BY: the index sorts by sort key itself,
                                       * without SQLite's temporary b-tree. No join with
                                       * organisation: each is folded once, not per row. */
                                      "SELECT r.id, p.name, p.email, p.sort_key, p.organisation_id"
                                      " FROM registration r"
                                      " JOIN person p ON p.id = r.person_id"
                                      " WHERE r.event_id = ?",
                                      error);
  if (stmt == NULL)
    return NULL;

  index = _mp_attendee_index_new (event_id, revision);

  sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* the blob before its length, as SQLite asks */
      const void *sort_key = sqlite3_column_blob (stmt, 3);
      int sort_key_length = sqlite3_column_bytes (stmt, 3);
      gint64 organisation_id = sqlite3_column_int64 (stmt, 4);

      if (organisation_id != 0 &&
          !_mp_attendee_index_has_organisation (index, organisation_id) &&
          !index_organisation (self, index, organisation_id, error))
        {
          sqlite3_reset (stmt);
          return NULL;
        }

      _mp_attendee_index_add (index,
                              sqlite3_column_int64 (stmt, 0),
                              sort_key, sort_key_length,
                              (const char *) sqlite3_column_text (stmt, 1),
                              (const char *) sqlite3_column_text (stmt, 2),
                              organisation_id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      fail (self, rc, error);
      return NULL;
    }

  _mp_attendee_index_seal (index);
  g_hash_table_insert (self->indexes, g_memdup2 (&event_id, sizeof event_id), g_object_ref (index));

  return g_steal_pointer (&index);
}

static gpointer
prefetch_attendee_index (gpointer data)
{
  Prefetch *prefetch = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) database = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(GHashTable) counts = NULL;
  MpAttendeeIndex *index = NULL;
  gboolean opened;

  database = mp_database_open (prefetch->path,
                               MP_DATABASE_FLAGS_READ_ONLY | MP_DATABASE_FLAGS_MUST_EXIST,
                               &error);
  /* One pass over the rows: a large page cache would only add to the
   * memory of the process, not speed. */
  opened = database != NULL && _mp_database_exec (database, "PRAGMA cache_size = -2048", &error);

  /* The events list's counts first: the window asks for them first. */
  if (opened)
    {
      sqlite3_stmt *stmt = _mp_database_prepare_cached (database,
                                                        "SELECT e.id," EVENT_COUNTS_COLUMNS
                                                        " FROM event e" EVENT_COUNTS_JOINS,
                                                        NULL);
      int rc = SQLITE_ERROR;

      counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 event_id = sqlite3_column_int64 (stmt, 0);
          MpEventCounts row;

          counts_from_row (stmt, 1, &row);
          g_hash_table_insert (counts, g_memdup2 (&event_id, sizeof event_id), g_memdup2 (&row, sizeof row));
        }
      if (stmt != NULL)
        sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        g_clear_pointer (&counts, g_hash_table_unref);
    }
  g_mutex_lock (&prefetch->lock);
  prefetch->counts = g_steal_pointer (&counts);
  prefetch->counts_done = TRUE;
  g_cond_signal (&prefetch->cond);
  g_mutex_unlock (&prefetch->lock);

  if (opened)
    {
      store = mp_store_new (database);
      index = mp_store_get_attendee_index (store, prefetch->event_id, &error);
    }
  if (index == NULL)
    g_debug ("Prefetching the index of event %" G_GINT64_FORMAT ": %s",
             prefetch->event_id, error->message);

  return index;
}

void
mp_store_prefetch_attendee_index (MpStore *self,
                                  gint64   event_id)
{
  const char *path;
  Prefetch *prefetch;
  sqlite3_stmt *stmt;

  g_return_if_fail (MP_IS_STORE (self));

  path = mp_database_get_path (self->database);
  if (self->prefetch != NULL || path == NULL || path[0] == '\0' ||
      g_str_equal (path, ":memory:") || g_hash_table_contains (self->indexes, &event_id))
    return;

  /* What the thread reads is what this connection would read if
   * nothing is written between now and when it is used. */
  stmt = _mp_database_prepare_cached (self->database, "PRAGMA data_version", NULL);
  if (stmt == NULL || !_mp_database_step_int64 (self->database, stmt, &self->prefetch_data_version, NULL))
    return;
  self->prefetch_changes = sqlite3_total_changes64 (_mp_database_get_handle (self->database));

  prefetch = g_new0 (Prefetch, 1);
  prefetch->path = g_strdup (path);
  prefetch->event_id = event_id;
  g_mutex_init (&prefetch->lock);
  g_cond_init (&prefetch->cond);
  self->prefetch = g_thread_try_new ("mp-index", prefetch_attendee_index, prefetch, NULL);
  if (self->prefetch == NULL)
    {
      prefetch_free (prefetch);
      return;
    }
  g_clear_pointer (&self->prefetch_data, prefetch_free);
  self->prefetch_data = prefetch;
  self->prefetch_counts_taken = FALSE;
  self->prefetch_event_id = event_id;
}

GPtrArray *
mp_store_search (MpStore     *self,
                 gint64       event_id,
                 const char  *query,
                 guint        limit,
                 GError     **error)
{
  g_autoptr(MpAttendeeIndex) index = NULL;
  g_autoptr(GArray) positions = NULL;
  g_autoptr(GPtrArray) attendees = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  index = mp_store_get_attendee_index (self, event_id, error);
  if (index == NULL)
    return NULL;

  positions = mp_attendee_index_search (index, query, limit, NULL);
  attendees = g_ptr_array_new_full (positions->len, g_object_unref);

  for (guint i = 0; i < positions->len; i++)
    {
      gint64 id = mp_attendee_index_get_registration_id (index, g_array_index (positions, guint, i));
      MpAttendee *attendee = mp_store_get_attendee (self, id, error);

      if (attendee == NULL)
        return NULL;
      g_ptr_array_add (attendees, attendee);
    }

  return g_steal_pointer (&attendees);
}

/* People and registrations */

typedef struct
{
  char   *name;
  char   *email;
  char   *email_key;
  char   *phone;
  char   *organisation;
  char   *name_key;
  gint64  organisation_id;
  gint64  sector_id;
} PersonFields;

static void
person_fields_clear (PersonFields *f)
{
  g_free (f->name);
  g_free (f->email);
  g_free (f->email_key);
  g_free (f->phone);
  g_free (f->organisation);
  g_free (f->name_key);
}

static char *
make_name_key (const char *name,
               const char *organisation)
{
  g_autofree char *fn = mp_text_fold (name);
  g_autofree char *fo = mp_text_fold (organisation);

  return g_strconcat (fn, "|", fo, NULL);
}

/* The organisation of that name (folded), created when there is none.
 * Without @create (an import's dry run, which must not write) a new
 * organisation gets a negative id of its own instead, distinct per
 * folded name as long as the same @cache is used. */
static gboolean
organisation_id_for (MpStore     *self,
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
    PREPARE ("SELECT id FROM organisation WHERE fold_key = ?");

    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
    if (!_mp_database_step_int64 (self->database, stmt, out_id, error))
      return FALSE;
  }

  if (*out_id == 0 && !create)
    *out_id = -1 - (cache != NULL ? (gint64) g_hash_table_size (cache) : 0);
  else if (*out_id == 0)
    {
      PREPARE ("INSERT INTO organisation (name, fold_key, sector_id) VALUES (?, ?, ?)");

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

/* Name, e-mail and phone as every registration needs them: tidied, and
 * refused when there is no name or the address is not one. */
static gboolean
prepare_contact (const MpRegistrationInput *input,
                 PersonFields              *f,
                 GError                   **error)
{
  memset (f, 0, sizeof *f);
  f->name = mp_text_normalize_space (input->name);
  f->email = mp_text_normalize_space (input->email);
  /* normalising is idempotent: the key of the tidied address is the key */
  f->email_key = mp_text_email_key (f->email);
  f->phone = mp_text_normalize_space (input->phone);

  if (f->name == NULL || f->name[0] == '\0')
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID, _("A name is needed."));
      return FALSE;
    }
  if (f->email_key != NULL && !mp_text_email_is_valid (f->email))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("“%s” is not an e-mail address."), f->email);
      return FALSE;
    }

  return TRUE;
}

static gboolean
prepare_person (MpStore                   *self,
                const MpRegistrationInput *input,
                PersonFields              *f,
                GError                   **error)
{
  g_autofree char *sector = NULL;

  if (!prepare_contact (input, f, error))
    return FALSE;
  f->organisation = mp_text_normalize_space (input->organisation);

  sector = mp_text_normalize_space (input->sector);
  if (sector != NULL && sector[0] != '\0')
    {
      f->sector_id = mp_store_find_sector (self, sector);
      if (f->sector_id == 0)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                       _("“%s” is not a known sector."), sector);
          return FALSE;
        }
    }

  f->name_key = make_name_key (f->name, f->organisation);

  return organisation_id_for (self, f->organisation, f->sector_id, TRUE, NULL,
                              &f->organisation_id, error);
}

static gboolean
insert_person (MpStore       *self,
               PersonFields  *f,
               gint64        *out_id,
               GError       **error)
{
  g_autofree char *uuid = _mp_uuid_new ();
  g_autoptr(GBytes) sort_key = mp_text_sort_key (f->name);
  PREPARE ("INSERT INTO person (uuid, name, email, email_key, phone, organisation_id,"
           " sector_id, name_key, sort_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

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

  if (!_mp_database_step_done (self->database, stmt, error))
    return FALSE;

  *out_id = sqlite3_last_insert_rowid (_mp_database_get_handle (self->database));
  return TRUE;
}

/* A known person gets what they did not have yet; nothing is overwritten. */
static gboolean
complete_person (MpStore       *self,
                 gint64         person_id,
                 PersonFields  *f,
                 GError       **error)
{
  PREPARE ("UPDATE person SET"
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
find_person_sql (MpStore       *self,
                 PersonFields  *f,
                 gint64        *out_id,
                 GError       **error)
{
  *out_id = 0;

  if (f->email_key != NULL)
    {
      PREPARE ("SELECT id FROM person WHERE email_key = ?");

      sqlite3_bind_text (stmt, 1, f->email_key, -1, SQLITE_TRANSIENT);
      if (!_mp_database_step_int64 (self->database, stmt, out_id, error))
        return FALSE;
      if (*out_id != 0)
        return TRUE;
    }

  {
    /* Same name and organisation is the same person, unless both have
     * e-mail addresses and they differ. */
    PREPARE ("SELECT id FROM person WHERE name_key = ? AND erased_at IS NULL"
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
  PREPARE ("SELECT id FROM registration WHERE event_id = ? AND person_id = ?");

  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, person_id);

  return _mp_database_step_int64 (self->database, stmt, out_id, error);
}

static gboolean
insert_registration (MpStore                   *self,
                     gint64                     event_id,
                     gint64                     person_id,
                     const MpRegistrationInput *input,
                     gint64                    *out_id,
                     GError                   **error)
{
  g_autofree char *uuid = _mp_uuid_new ();
  g_autofree char *token = mp_ticket_token_new ();
  g_autofree char *dietary = mp_text_normalize_space (input->dietary);
  g_autofree char *accessibility = mp_text_normalize_space (input->accessibility);
  g_autofree char *interpreter = mp_text_normalize_space (input->interpreter);
  PREPARE ("INSERT INTO registration (uuid, event_id, person_id, token, status, source,"
           " dietary, accessibility, interpreter, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, event_id);
  sqlite3_bind_int64 (stmt, 3, person_id);
  sqlite3_bind_text (stmt, 4, token, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, mp_registration_status_to_string (input->status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, mp_registration_source_to_string (input->source), -1, SQLITE_STATIC);
  _mp_bind_text_or_null (stmt, 7, dietary);
  _mp_bind_text_or_null (stmt, 8, accessibility);
  _mp_bind_text_or_null (stmt, 9, interpreter);
  sqlite3_bind_int64 (stmt, 10, mp_time_now ());

  if (!_mp_database_step_done (self->database, stmt, error))
    return FALSE;

  *out_id = sqlite3_last_insert_rowid (_mp_database_get_handle (self->database));
  return TRUE;
}

gboolean
_mp_store_record_consent (MpStore         *self,
                          gint64           person_id,
                          gint64           registration_id,
                          const char      *kind,
                          MpConsentAnswer  answer,
                          const char      *source,
                          gboolean        *out_recorded,
                          GError         **error)
{
  gint64 given = 0;

  if (out_recorded != NULL)
    *out_recorded = FALSE;

  if (answer != MP_CONSENT_YES)
    return TRUE;

  /* A consent already given stands; it is not given twice. (Two
   * statements: INSERT … SELECT from the same table would copy through a
   * temporary table on every row.) */
  {
    PREPARE ("SELECT 1 FROM consent WHERE person_id = ? AND kind = ? AND withdrawn_at IS NULL");

    sqlite3_bind_int64 (stmt, 1, person_id);
    sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
    if (!_mp_database_step_int64 (self->database, stmt, &given, error))
      return FALSE;
  }

  if (given)
    return TRUE;

  {
    PREPARE ("INSERT INTO consent (person_id, registration_id, kind, given_at, source)"
             " VALUES (?, ?, ?, ?, ?)");

    sqlite3_bind_int64 (stmt, 1, person_id);
    if (registration_id != 0)
      sqlite3_bind_int64 (stmt, 2, registration_id);
    sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 4, mp_time_now ());
    sqlite3_bind_text (stmt, 5, source, -1, SQLITE_TRANSIENT);

    if (!_mp_database_step_done (self->database, stmt, error))
      return FALSE;
  }

  if (out_recorded != NULL)
    *out_recorded = TRUE;
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

  return _mp_store_record_consent (self, person_id, registration_id, "followup", input->consent_followup, source, NULL, error) &&
         _mp_store_record_consent (self, person_id, registration_id, "photo", input->consent_photo, source, NULL, error);
}

static gboolean
event_exists (MpStore  *self,
              gint64    event_id,
              GError  **error)
{
  gint64 found;
  PREPARE ("SELECT 1 FROM event WHERE id = ?");

  sqlite3_bind_int64 (stmt, 1, event_id);
  if (!_mp_database_step_int64 (self->database, stmt, &found, error))
    return FALSE;

  if (!found)
    {
      return no_such_event (error, event_id);
    }

  return TRUE;
}

MpAttendee *
mp_store_register (MpStore                   *self,
                   gint64                     event_id,
                   const MpRegistrationInput *input,
                   GError                   **error)
{
  PersonFields f;
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
      if (!complete_person (self, person_id, &f, error) ||
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
          person_fields_clear (&f);
          return NULL;
        }
    }
  else if (!insert_person (self, &f, &person_id, error))
    goto failed;

  if (!insert_registration (self, event_id, person_id, input, &registration_id, error) ||
      !record_consents (self, person_id, registration_id, input, error) ||
      !bump_names_revision (self, error) ||
      !_mp_database_commit (self->database, error))
    goto failed;

  person_fields_clear (&f);
  return mp_store_get_attendee (self, registration_id, error);

failed:
  _mp_database_rollback (self->database);
  person_fields_clear (&f);
  return NULL;
}

/* Import */

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
  GPtrArray  *deferred_indexes;   /* CREATE INDEX statements to run at the end */
  GHashTable *organisation_texts; /* organisation as written → ImportOrganisation */
  GHashTable *sector_texts;       /* sector as written → sector id, 0 none, -1 unknown */
  gboolean    dry_run;            /* reads only: counts, nothing written */

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
  gint64        id;
  PersonFields  f;
  char         *uuid;
  GBytes       *sort_key;
  gint64        created_at;
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

      person_fields_clear (&p->f);
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
find_person_in_state (ImportState   *state,
                      PersonFields  *f,
                      NamedPerson  **named)
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
    return fail (self, rc, error);

  stmt = _mp_database_prepare_cached (self->database,
                                      "SELECT person_id FROM registration WHERE event_id = ?",
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (state->registered, GSIZE_TO_POINTER (sqlite3_column_int64 (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fail (self, rc, error);

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
    return fail (self, rc, error);

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
                       PersonFields               *f,
                       GError                    **error)
{
  const char *folded_organisation = "";
  g_autofree char *folded_name = NULL;

  if (!prepare_contact (input, f, error))
    return FALSE;

  if (input->sector != NULL)
    {
      gpointer cached;

      if (g_hash_table_lookup_extended (state->sector_texts, input->sector, NULL, &cached))
        f->sector_id = (gint64) GPOINTER_TO_SIZE (cached) - 1;
      else
        {
          g_autofree char *sector = mp_text_normalize_space (input->sector);

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
          g_autofree char *sector = mp_text_normalize_space (input->sector);

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
          g_autofree char *organisation = mp_text_normalize_space (input->organisation);
          gint64 id = 0;

          /* The organisation is created with the sector of the first
           * row that names it, as prepare_person() does. */
          if (!organisation_id_for (self, organisation, f->sector_id, !state->dry_run,
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

  folded_name = mp_text_fold (f->name);
  f->name_key = g_strconcat (folded_name, "|", folded_organisation, NULL);

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
    " sector_id, name_key, sort_key, created_at) VALUES ",
    "INSERT INTO registration (id, uuid, event_id, person_id, token, status, source,"
    " dietary, accessibility, interpreter, created_at) VALUES ",
    "INSERT INTO consent (person_id, registration_id, kind, given_at, source) VALUES ",
  };
  static const char *rows[N_BATCH_TABLES] = {
    "(?,?,?,?,?,?,?,?,?,?,?)",
    "(?,?,?,?,?,?,?,?,?,?,?)",
    "(?,?,?,?,?)",
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
    return fail (self, rc, error);

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
  static const int n_columns[N_BATCH_TABLES] = { 11, 11, 5 };
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

static void
queue_consent (ImportState     *state,
               GHashTable      *given_set,
               gint64           person_id,
               gint64           registration_id,
               const char      *kind,
               MpConsentAnswer  answer,
               const char      *source)
{
  PendingConsent *c;

  /* A consent already given stands; it is not given twice. */
  if (answer != MP_CONSENT_YES || !g_hash_table_add (given_set, GSIZE_TO_POINTER (person_id)))
    return;

  c = &state->consents[state->n_consents++];
  c->person_id = person_id;
  c->registration_id = registration_id;
  c->kind = kind;
  c->given_at = mp_time_now ();
  c->source = source;
}

static gboolean
audit (MpStore     *self,
       const char  *action,
       const char  *subject,
       const char  *desk,
       const char  *detail,
       GError     **error)
{
  PREPARE ("INSERT INTO audit_log (at, action, subject, desk, detail) VALUES (?, ?, ?, ?, ?)");

  sqlite3_bind_int64 (stmt, 1, mp_time_now ());
  sqlite3_bind_text (stmt, 2, action, -1, SQLITE_STATIC);
  _mp_bind_text_or_null (stmt, 3, subject);
  _mp_bind_text_or_null (stmt, 4, desk);
  _mp_bind_text_or_null (stmt, 5, detail);

  return _mp_database_step_done (self->database, stmt, error);
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
  outermost = !_mp_database_in_transaction (self->database);
  if (!(dry_run ? _mp_database_begin_read (self->database, error)
                : _mp_database_begin (self->database, error)))
    return FALSE;

  event = mp_store_get_event (self, event_id, error);
  if (event == NULL ||
      !load_import_state (self, event_id, &state, error) ||
      (!dry_run && !defer_indexes (self, inputs->len, &state, error)))
    goto failed;
  t_start = g_get_monotonic_time ();

  /* SQLite would look for a free rowid at the very top; no import gets there. */
  if (state.next_person_id > G_MAXINT64 - inputs->len ||
      state.next_registration_id > G_MAXINT64 - inputs->len)
    {
      fail (self, SQLITE_FULL, error);
      goto failed;
    }

  for (guint i = 0; i < inputs->len; i++)
    {
      const MpRegistrationInput *input = g_ptr_array_index (inputs, i);
      const char *source = mp_registration_source_to_string (input->source);
      PersonFields f;
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

          person_fields_clear (&f);
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
          ok = ok && (dry_run || complete_person (self, person_id, &f, error));
          if (ok && !dry_run && sqlite3_changes (_mp_database_get_handle (self->database)) > 0)
            completed++;

          /* complete_person() gave a known person this row's address:
           * a later row with the same address is the same person. */
          if (ok && named != NULL && named->email_key == NULL && f.email_key != NULL)
            {
              named->email_key = g_string_chunk_insert (state.keys, f.email_key);
              g_hash_table_insert (state.by_email, (gpointer) named->email_key, GSIZE_TO_POINTER (person_id));
            }
          person_fields_clear (&f);
        }
      else if (dry_run)
        {
          local.new_people++;
          person_id = state.next_person_id++;
          remember_person (&state, person_id, f.email_key, f.name_key);
          person_fields_clear (&f);
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
          p->sort_key = mp_text_sort_key (f.name);
          p->created_at = mp_time_now ();
        }

      if (ok && g_hash_table_contains (state.registered, GSIZE_TO_POINTER (person_id)))
        local.unchanged++;
      else if (ok && dry_run)
        {
          local.new_registrations++;
          g_hash_table_add (state.registered, GSIZE_TO_POINTER (person_id));
        }
      else if (ok)
        {
          PendingRegistration *r = &state.registrations[state.n_registrations++];

          local.new_registrations++;
          registration_id = state.next_registration_id++;
          r->id = registration_id;
          r->event_id = event_id;
          r->person_id = person_id;
          r->uuid = _mp_uuid_new ();
          r->token = mp_ticket_token_new ();
          r->status = mp_registration_status_to_string (input->status);
          r->source = source;
          r->dietary = mp_text_normalize_space (input->dietary);
          r->accessibility = mp_text_normalize_space (input->accessibility);
          r->interpreter = mp_text_normalize_space (input->interpreter);
          r->created_at = mp_time_now ();
          g_hash_table_add (state.registered, GSIZE_TO_POINTER (person_id));
        }

      if (!ok)
        goto failed;
      if (dry_run)
        continue;

      queue_consent (&state, state.consented_followup, person_id, registration_id,
                     "followup", input->consent_followup, source);
      queue_consent (&state, state.consented_photo, person_id, registration_id,
                     "photo", input->consent_photo, source);

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

      if (!audit (self, "import", mp_event_get_uuid (event), NULL, detail, error) ||
          !bump_names_revision (self, error))
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

/* Check-in */

static gboolean
active_checkin (MpStore  *self,
                gint64    registration_id,
                gint64   *out_id,
                gint64   *out_at,
                char    **out_desk,
                GError  **error)
{
  int rc;
  PREPARE ("SELECT c.id, c.at, c.desk FROM checkin c WHERE c.id = " ACTIVE_CHECKIN ("?"));

  *out_id = 0;
  sqlite3_bind_int64 (stmt, 1, registration_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_id = sqlite3_column_int64 (stmt, 0);
      *out_at = sqlite3_column_int64 (stmt, 1);
      *out_desk = g_strdup (_mp_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fail (self, rc, error);

  return TRUE;
}

static MpCheckInResult *
check_in_locked (MpStore     *self,
                 gint64       event_id,
                 const char  *token,
                 gint64       registration_id,
                 const char  *desk,
                 GError     **error)
{
  g_autoptr(MpAttendee) attendee = NULL;
  g_autofree char *previous_desk = NULL;
  g_autofree char *uuid = NULL;
  gint64 reg_id = 0, reg_event = 0, previous_id = 0, previous_at = 0, now;
  g_autofree char *reg_uuid = NULL;
  MpRegistrationStatus status = MP_REGISTRATION_STATUS_REGISTERED;
  int rc;

  {
    PREPARE ("SELECT id, event_id, status, uuid FROM registration WHERE token = ?1 OR id = ?2");

    if (token != NULL)
      sqlite3_bind_text (stmt, 1, token, -1, SQLITE_TRANSIENT);
    else
      sqlite3_bind_int64 (stmt, 2, registration_id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        reg_id = sqlite3_column_int64 (stmt, 0);
        reg_event = sqlite3_column_int64 (stmt, 1);
        mp_registration_status_from_string (_mp_column_text (stmt, 2), &status);
        reg_uuid = g_strdup (_mp_column_text (stmt, 3));
      }
    sqlite3_reset (stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
      {
        fail (self, rc, error);
        return NULL;
      }
  }

  if (reg_id == 0 || reg_event != event_id)
    return mp_check_in_result_new (token != NULL ? MP_CHECK_IN_WRONG_EVENT : MP_CHECK_IN_NOT_A_TICKET,
                                   NULL, 0, 0, NULL);

  attendee = mp_store_get_attendee (self, reg_id, error);
  if (attendee == NULL)
    return NULL;

  if (status == MP_REGISTRATION_STATUS_CANCELLED)
    return mp_check_in_result_new (MP_CHECK_IN_CANCELLED, attendee, 0, 0, NULL);
  if (status == MP_REGISTRATION_STATUS_WAITLISTED)
    return mp_check_in_result_new (MP_CHECK_IN_WAITLISTED, attendee, 0, 0, NULL);

  if (!active_checkin (self, reg_id, &previous_id, &previous_at, &previous_desk, error))
    return NULL;
  if (previous_id != 0)
    return mp_check_in_result_new (MP_CHECK_IN_ALREADY, attendee, previous_id, previous_at, previous_desk);

  uuid = _mp_uuid_new ();
  now = mp_time_now ();

  {
    PREPARE ("INSERT INTO checkin (uuid, registration_id, desk, at) VALUES (?, ?, ?, ?)");

    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 2, reg_id);
    sqlite3_bind_text (stmt, 3, desk, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 4, now);
    if (!_mp_database_step_done (self->database, stmt, error))
      return NULL;
  }

  {
    gint64 checkin_id = sqlite3_last_insert_rowid (_mp_database_get_handle (self->database));
    MpAttendee *a = attendee;

    if (!audit (self, "check-in", reg_uuid, desk, NULL, error))
      return NULL;

    a->checkin_id = checkin_id;
    a->checked_in_at = now;
    g_free (a->checkin_desk);
    a->checkin_desk = g_strdup (desk);

    return mp_check_in_result_new (MP_CHECK_IN_CHECKED_IN, attendee, checkin_id, now, desk);
  }
}

static MpCheckInResult *
check_in (MpStore     *self,
          gint64       event_id,
          const char  *token,
          gint64       registration_id,
          const char  *desk,
          GError     **error)
{
  g_autoptr(MpCheckInResult) result = NULL;

  if (desk == NULL || desk[0] == '\0')
    desk = g_get_host_name ();

  if (!_mp_database_begin (self->database, error))
    return NULL;

  result = check_in_locked (self, event_id, token, registration_id, desk, error);
  if (result == NULL)
    {
      _mp_database_rollback (self->database);
      return NULL;
    }

  if (mp_check_in_result_get_outcome (result) != MP_CHECK_IN_CHECKED_IN)
    {
      /* nothing was written */
      _mp_database_rollback (self->database);
      return g_steal_pointer (&result);
    }

  /* Only now, with the commit on disk, is the check-in confirmed. */
  if (!_mp_database_commit (self->database, error))
    {
      _mp_database_rollback (self->database);
      return NULL;
    }

  return g_steal_pointer (&result);
}

MpCheckInResult *
mp_store_check_in (MpStore     *self,
                   gint64       event_id,
                   const char  *scanned_text,
                   const char  *desk,
                   GError     **error)
{
  g_autofree char *token = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  token = mp_ticket_parse (scanned_text, -1);
  if (token == NULL)
    return mp_check_in_result_new (MP_CHECK_IN_NOT_A_TICKET, NULL, 0, 0, NULL);

  return check_in (self, event_id, token, 0, desk, error);
}

MpCheckInResult *
mp_store_check_in_registration (MpStore     *self,
                                gint64       event_id,
                                gint64       registration_id,
                                const char  *desk,
                                GError     **error)
{
  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  return check_in (self, event_id, NULL, registration_id, desk, error);
}

gboolean
mp_store_undo_check_in (MpStore     *self,
                        gint64       checkin_id,
                        const char  *desk,
                        GError     **error)
{
  g_autofree char *uuid = _mp_uuid_new ();
  g_autofree char *reg_uuid = NULL;
  gint64 registration_id = 0;
  gboolean undoable = FALSE;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  if (desk == NULL || desk[0] == '\0')
    desk = g_get_host_name ();

  if (!_mp_database_begin (self->database, error))
    return FALSE;

  {
    sqlite3_stmt *stmt = _mp_database_prepare_cached (self->database,
                                                      "SELECT c.registration_id, r.uuid,"
                                                      " c.undoes IS NULL AND NOT EXISTS (SELECT 1 FROM checkin u WHERE u.undoes = c.id)"
                                                      " FROM checkin c JOIN registration r ON r.id = c.registration_id"
                                                      " WHERE c.id = ?",
                                                      error);
    if (stmt == NULL)
      goto failed;
    sqlite3_bind_int64 (stmt, 1, checkin_id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        registration_id = sqlite3_column_int64 (stmt, 0);
        reg_uuid = g_strdup (_mp_column_text (stmt, 1));
        undoable = sqlite3_column_int (stmt, 2);
      }
    sqlite3_reset (stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
      {
        fail (self, rc, error);
        goto failed;
      }
  }

  if (registration_id == 0)
    {
      not_found (error, _("That check-in does not exist."));
      goto failed;
    }
  if (!undoable)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID, _("That check-in was already undone."));
      goto failed;
    }

  {
    sqlite3_stmt *stmt = _mp_database_prepare_cached (self->database,
                                                      "INSERT INTO checkin (uuid, registration_id, desk, at, undoes)"
                                                      " VALUES (?, ?, ?, ?, ?)",
                                                      error);
    if (stmt == NULL)
      goto failed;
    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 2, registration_id);
    sqlite3_bind_text (stmt, 3, desk, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 4, mp_time_now ());
    sqlite3_bind_int64 (stmt, 5, checkin_id);
    if (!_mp_database_step_done (self->database, stmt, error))
      goto failed;
  }

  if (!audit (self, "undo-check-in", reg_uuid, desk, NULL, error) ||
      !_mp_database_commit (self->database, error))
    goto failed;

  return TRUE;

failed:
  _mp_database_rollback (self->database);
  return FALSE;
}

/* Privacy */

gboolean
mp_store_erase_person (MpStore  *self,
                       gint64    person_id,
                       GError  **error)
{
  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  if (!_mp_database_begin (self->database, error))
    return FALSE;

  {
    sqlite3_stmt *stmt = _mp_database_prepare_cached (self->database,
                                                      "UPDATE person SET name = '', email = NULL, email_key = NULL,"
                                                      " phone = NULL, name_key = '', sort_key = x'', erased_at = ?"
                                                      " WHERE id = ? AND erased_at IS NULL",
                                                      error);
    if (stmt == NULL)
      goto failed;
    sqlite3_bind_int64 (stmt, 1, mp_time_now ());
    sqlite3_bind_int64 (stmt, 2, person_id);
    if (!_mp_database_step_done (self->database, stmt, error))
      goto failed;
    if (sqlite3_changes (_mp_database_get_handle (self->database)) == 0)
      {
        not_found (error, _("There is no such person, or they were already erased."));
        goto failed;
      }
  }

  {
    static const char *const erase_sql[] = {
      "UPDATE registration SET dietary = NULL, accessibility = NULL, interpreter = NULL WHERE person_id = ?",
      "DELETE FROM consent WHERE person_id = ?",
    };

    for (guint i = 0; i < G_N_ELEMENTS (erase_sql); i++)
      {
        sqlite3_stmt *stmt = _mp_database_prepare_cached (self->database, erase_sql[i], error);

        if (stmt == NULL)
          goto failed;
        sqlite3_bind_int64 (stmt, 1, person_id);
        if (!_mp_database_step_done (self->database, stmt, error))
          goto failed;
      }
  }

  /* That an erasure happened, not who. */
  if (!audit (self, "erase-person", NULL, NULL, NULL, error) ||
      !bump_names_revision (self, error) ||
      !_mp_database_commit (self->database, error))
    goto failed;

  /* Old versions of the rows must not linger in the write-ahead log. */
  _mp_database_exec (self->database, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);

  return TRUE;

failed:
  _mp_database_rollback (self->database);
  return FALSE;
}
