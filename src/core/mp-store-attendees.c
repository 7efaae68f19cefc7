/* mp-store-attendees.c: attendees, and the search index over them
 *
 * The index of an event's names (mp-attendee-index.c) is built from the
 * database and kept while the names revision stays the same. A window
 * opening a large event asks for it to be read ahead on a worker with a
 * connection of its own (mp_database_open_worker()), through a GTask.
 */
#define G_LOG_DOMAIN "mp-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mp-attendee-index-private.h"
#include "mp-attendee-private.h"
#include "mp-mail-outbox-private.h"
#include "mp-store-private.h"

/* Attendees */

#define ATTENDEE_SELECT \
  "SELECT r.id, r.person_id, r.event_id, r.uuid, r.token, p.name, p.email, p.phone," \
  " " MP_OUTBOX_TICKET_MAIL ("r.id", "p.email") "," \
  " o.name, coalesce (ps.name, os.name), r.status, r.source, r.dietary, r.accessibility," \
  " r.interpreter," \
  " EXISTS (SELECT 1 FROM consent k WHERE k.person_id = p.id AND k.kind = 'followup' AND k.withdrawn_at IS NULL" \
  "  AND " MP_STORE_SETTLED ("k") ")," \
  " EXISTS (SELECT 1 FROM consent k WHERE k.person_id = p.id AND k.kind = 'photo' AND k.withdrawn_at IS NULL" \
  "  AND " MP_STORE_SETTLED ("k") ")," \
  " r.created_at, ci.id, ci.at, ci.desk, ci.exception, r.note, r.status_at, p.given_name, p.family_name" \
  " FROM registration r" \
  " JOIN person p ON p.id = r.person_id" \
  " LEFT JOIN organisation o ON o.id = p.organisation_id" \
  " LEFT JOIN sector ps ON ps.id = p.sector_id" \
  " LEFT JOIN sector os ON os.id = o.sector_id" \
  " LEFT JOIN checkin ci ON ci.id = r.checkin_id"

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
  a->ticket_mail = CLAMP (sqlite3_column_int (stmt, 8), MP_ATTENDEE_TICKET_MAIL_NONE, MP_ATTENDEE_TICKET_MAIL_SENT);
  a->organisation = dup_column (stmt, 9);
  a->sector = dup_column (stmt, 10);
  mp_registration_status_from_string (_mp_column_text (stmt, 11), &status);
  mp_registration_source_from_string (_mp_column_text (stmt, 12), &source);
  a->status = status;
  a->source = source;
  a->dietary = dup_column (stmt, 13);
  a->accessibility = dup_column (stmt, 14);
  a->interpreter = dup_column (stmt, 15);
  a->consent_followup = sqlite3_column_int (stmt, 16);
  a->consent_photo = sqlite3_column_int (stmt, 17);
  a->created_at = sqlite3_column_int64 (stmt, 18);
  a->checkin_id = sqlite3_column_int64 (stmt, 19);
  a->checked_in_at = sqlite3_column_int64 (stmt, 20);
  a->checkin_desk = dup_column (stmt, 21);
  mp_check_in_exception_from_string (_mp_column_text (stmt, 22), &a->checkin_exception);
  a->note = dup_column (stmt, 23);
  a->status_at = sqlite3_column_int64 (stmt, 24);
  a->given_name = dup_column (stmt, 25);
  a->family_name = dup_column (stmt, 26);

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

  stmt = _mp_database_prepare_cached (self->database, ATTENDEE_SELECT " WHERE r.id = ? AND " MP_STORE_SETTLED ("r"), error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, registration_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    attendee = attendee_from_row (stmt);
  else if (rc == SQLITE_DONE)
    _mp_store_not_found (error, _("The registration no longer exists."));
  else
    _mp_store_fail (self, rc, error);
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
                                      ATTENDEE_SELECT " WHERE r.event_id = ? AND " MP_STORE_SETTLED ("r")
                                      " ORDER BY p.sort_key, r.id",
                                      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (attendees, attendee_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _mp_store_fail (self, rc, error);
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
    _MP_STORE_PREPARE ("UPDATE registration SET status = ? WHERE id = ?");

    sqlite3_bind_text (stmt, 1, mp_registration_status_to_string (status), -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 2, registration_id);
    if (!_mp_database_step_done (self->database, stmt, error))
      return FALSE;
  }

  if (sqlite3_changes (_mp_database_get_handle (self->database)) == 0)
    return _mp_store_not_found (error, _("The registration no longer exists."));

  return TRUE;
}

/* The index read ahead */

/* A result the worker hands over for "none" (an async queue takes no
 * NULL). */
static char no_result;

/* What mp_store_prefetch_attendee_index() started. The worker pushes
 * the index (or no_result) onto @results; it closes its connection
 * before that, so that a store that waited for it leaves no connection
 * behind. */
struct _MpStorePrefetch
{
  GAsyncQueue   *results;
  gint64         event_id;
  gboolean       index_popped;   /* the worker is done */
};

/* The worker's own: it touches nothing else. */
typedef struct
{
  MpDatabase   *main_db;   /* only until its own connection is open */
  gint64        event_id;
  GAsyncQueue  *results;
} PrefetchJob;

static void
prefetch_job_free (PrefetchJob *job)
{
  g_clear_object (&job->main_db);
  g_async_queue_unref (job->results);
  g_free (job);
}

static void
prefetch_free (MpStorePrefetch *prefetch)
{
  g_async_queue_unref (prefetch->results);
  g_free (prefetch);
}

static void
prefetch_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  PrefetchJob *job = task_data;
  MpAttendeeIndex *index = NULL;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MpDatabase) database = NULL;
    g_autoptr(MpStore) store = NULL;

    database = mp_database_open_worker (job->main_db, MP_DATABASE_FLAGS_READ_ONLY, &error);
    g_clear_object (&job->main_db);
    /* One pass over the rows: a large page cache would only add to the
     * memory of the process, not speed. */
    if (database != NULL && _mp_database_exec (database, "PRAGMA cache_size = -2048", &error))
      {
        store = mp_store_new (database);
        index = mp_store_get_attendee_index (store, job->event_id, &error);
      }
    if (index == NULL)
      g_debug ("Prefetching the index of event %" G_GINT64_FORMAT ": %s",
               job->event_id, error->message);
  }

  g_async_queue_push (job->results, index != NULL ? (gpointer) index : &no_result);
  g_task_return_boolean (task, TRUE);
}

/* The worker's index, waited for; NULL if it built none. */
static MpAttendeeIndex *
prefetch_pop_index (MpStore *self)
{
  gpointer result = g_async_queue_pop (self->prefetch->results);

  self->prefetch->index_popped = TRUE;
  return result != &no_result ? result : NULL;
}

void
_mp_store_prefetch_wait (MpStore *self)
{
  if (self->prefetch == NULL)
    return;

  if (!self->prefetch->index_popped)
    {
      g_autoptr(MpAttendeeIndex) unused = prefetch_pop_index (self);
    }
  g_clear_pointer (&self->prefetch, prefetch_free);
}

void
mp_store_prefetch_attendee_index (MpStore *self,
                                  gint64   event_id)
{
  g_autoptr(GTask) task = NULL;
  MpStorePrefetch *prefetch;
  PrefetchJob *job;

  g_return_if_fail (MP_IS_STORE (self));

  if ((self->prefetch != NULL && !self->prefetch->index_popped) ||
      !mp_database_can_open_worker (self->database) ||
      g_hash_table_contains (self->indexes, &event_id))
    return;

  g_clear_pointer (&self->prefetch, prefetch_free);
  prefetch = g_new0 (MpStorePrefetch, 1);
  prefetch->results = g_async_queue_new ();
  prefetch->event_id = event_id;
  self->prefetch = prefetch;

  job = g_new0 (PrefetchJob, 1);
  job->main_db = g_object_ref (self->database);
  job->event_id = event_id;
  job->results = g_async_queue_ref (prefetch->results);

  /* No source object and no callback: the store waits for the result
   * through the queue, not for the main loop. */
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, mp_store_prefetch_attendee_index);
  g_task_set_name (task, "[moteplass] index prefetch");
  g_task_set_task_data (task, job, (GDestroyNotify) prefetch_job_free);
  g_task_run_in_thread (task, prefetch_thread);
}

/* The search index */


/* Gives @index the words of an organisation's name (none if it is gone). */
static gboolean
index_organisation (MpStore          *self,
                    MpAttendeeIndex  *index,
                    gint64            organisation_id,
                    GError          **error)
{
  int rc;

  _MP_STORE_PREPARE ("SELECT name FROM organisation WHERE id = ?");

  sqlite3_bind_int64 (stmt, 1, organisation_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return _mp_store_fail (self, rc, error);
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
  if (self->prefetch != NULL && self->prefetch->event_id == event_id && !self->prefetch->index_popped)
    {
      MpAttendeeIndex *ready = prefetch_pop_index (self);

      g_clear_pointer (&self->prefetch, prefetch_free);
      if (ready != NULL)
        g_hash_table_insert (self->indexes, g_memdup2 (&event_id, sizeof event_id), ready);
    }

  if (!_mp_store_names_revision (self, &revision, error))
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
                                      " WHERE r.event_id = ? AND " MP_STORE_SETTLED ("r"),
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
      _mp_store_fail (self, rc, error);
      return NULL;
    }

  _mp_attendee_index_seal (index);
  g_hash_table_insert (self->indexes, g_memdup2 (&event_id, sizeof event_id), g_object_ref (index));

  return g_steal_pointer (&index);
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
