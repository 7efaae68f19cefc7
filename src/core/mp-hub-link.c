/* mp-hub-link.c: joining and leaving a hub from a program with a main loop
 *
 * The window cannot wait for libpq: Test Connection, Join and Leave run
 * on a thread (a GTask) with a connection of their own to the database
 * (mp_database_open_worker ()), and MpHub's worker is stopped while they
 * do. When they are done the worker runs again if and only if the
 * database is linked, in the main context, whether or not the one who
 * asked is still there (a Preferences window closed meanwhile): that is
 * the inner task's callback, which then answers the caller's task.
 */
#define G_LOG_DOMAIN "mp-hub"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mp-hub-private.h"

#define MAX_EVENTS 500

void
mp_hub_event_free (MpHubEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->uuid);
  g_free (event->title);
  g_free (event);
}

gboolean
mp_hub_start_if_linked (MpHub *self)
{
  g_autoptr(GError) error = NULL;
  MpHubStatus status;
  gboolean linked;

  g_return_val_if_fail (MP_IS_HUB (self), FALSE);

  if (!mp_hub_get_status (mp_hub_get_database (self), &status, &error))
    {
      g_warning ("Whether this database is linked to a hub cannot be read: %s", error->message);
      return mp_hub_is_running (self);
    }
  linked = status.linked;
  mp_hub_status_clear (&status);

  if (linked && !mp_hub_is_running (self))
    mp_hub_start (self);
  else if (!linked && mp_hub_is_running (self))
    mp_hub_stop (self);
  return linked;
}

/* ---- the hub's events ---- */

static void
list_events_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_hub_event_free);
  g_autofree char *hub_id = NULL;
  GError *error = NULL;
  PGresult *result;
  PGconn *conn;

  conn = _mp_hub_pg_connect (task_data, &error);
  if (conn == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!_mp_hub_pg_check_schema (conn, &hub_id, &error))
    {
      PQfinish (conn);
      g_task_return_error (task, error);
      return;
    }

  result = PQexec (conn,
                   "SELECT key, data->>'title', coalesce ((data->>'starts_at')::bigint, 0) AS starts_at"
                   " FROM moteplass.row WHERE tbl = 'event' AND NOT deleted"
                   " ORDER BY starts_at DESC, key LIMIT " G_STRINGIFY (MAX_EVENTS));
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      _mp_hub_pg_error (conn, result, &error);
      PQclear (result);
      PQfinish (conn);
      g_task_return_error (task, error);
      return;
    }
  for (int r = 0; r < PQntuples (result); r++)
    {
      MpHubEvent *event = g_new0 (MpHubEvent, 1);

      event->uuid = g_strdup (PQgetvalue (result, r, 0));
      event->title = g_strdup (PQgetvalue (result, r, 1));
      event->starts_at = g_ascii_strtoll (PQgetvalue (result, r, 2), NULL, 10);
      g_ptr_array_add (events, event);
    }
  PQclear (result);
  PQfinish (conn);
  g_task_return_pointer (task, g_steal_pointer (&events), (GDestroyNotify) g_ptr_array_unref);
}

void
mp_hub_list_events_async (const char          *conninfo,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, mp_hub_list_events_async);
  g_task_set_task_data (task, g_strdup (conninfo != NULL ? conninfo : ""), g_free);
  g_task_run_in_thread (task, list_events_thread);
}

GPtrArray *
mp_hub_list_events_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- join and leave ---- */

typedef struct
{
  gboolean         join;
  char            *conninfo;
  char            *desk;
  char           **events;
  gboolean         force;
  MpHubSyncCounts  counts;
} Link;

static void
link_free (gpointer data)
{
  Link *link = data;

  g_free (link->conninfo);
  g_free (link->desk);
  g_strfreev (link->events);
  g_free (link);
}

static void
link_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MpHub *self = source;
  Link *link = task_data;
  g_autoptr(MpDatabase) db = NULL;
  GError *error = NULL;
  gboolean ok;

  db = mp_database_open_worker (mp_hub_get_database (self), MP_DATABASE_FLAGS_NONE, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  mp_hub_stop (self);

  if (link->join)
    ok = mp_hub_join (db, link->conninfo, link->desk, (const char *const *) link->events, &link->counts, &error);
  else
    ok = mp_hub_leave (db, link->force, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* In the main context: the worker runs again if the database is linked,
 * then the caller hears. */
static void
link_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  MpHub *self = MP_HUB (source);
  g_autoptr(GTask) outer = user_data;
  Link *link = g_task_get_task_data (G_TASK (result));
  Link *outer_link = g_task_get_task_data (outer);
  GError *error = NULL;

  mp_hub_start_if_linked (self);
  outer_link->counts = link->counts;
  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, error);
}

static void
run_link (MpHub               *self,
          Link                *link,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = g_task_new (self, NULL, link_done, outer);

  g_task_set_source_tag (outer, source_tag);
  g_task_set_task_data (outer, g_new0 (Link, 1), g_free);
  g_task_set_task_data (inner, link, link_free);
  g_task_run_in_thread (inner, link_thread);
}

void
mp_hub_join_async (MpHub               *self,
                   const char          *conninfo,
                   const char          *desk,
                   const char *const   *events,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  Link *link;

  g_return_if_fail (MP_IS_HUB (self));

  link = g_new0 (Link, 1);
  link->join = TRUE;
  link->conninfo = g_strdup (conninfo != NULL ? conninfo : "");
  link->desk = g_strdup (desk);
  link->events = events != NULL && events[0] != NULL ? g_strdupv ((char **) events) : NULL;
  run_link (self, link, mp_hub_join_async, cancellable, callback, user_data);
}

gboolean
mp_hub_join_finish (MpHub            *self,
                    GAsyncResult     *result,
                    MpHubSyncCounts  *counts,
                    GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mp_hub_join_async, FALSE);

  if (counts != NULL)
    *counts = ((Link *) g_task_get_task_data (G_TASK (result)))->counts;
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mp_hub_leave_async (MpHub               *self,
                    gboolean             force,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  Link *link;

  g_return_if_fail (MP_IS_HUB (self));

  link = g_new0 (Link, 1);
  link->force = force;
  run_link (self, link, mp_hub_leave_async, cancellable, callback, user_data);
}

gboolean
mp_hub_leave_finish (MpHub         *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mp_hub_leave_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
