/* mp-hub-join.c: linking a database to a hub (join, with the events it
 * pulls) and unlinking it (leave); a hub's address tried
 */
#define G_LOG_DOMAIN "mp-hub"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mp-hub-private.h"

gboolean
mp_hub_test_connection (const char  *conninfo,
                        GError     **error)
{
  PGconn *conn = _mp_hub_pg_connect (conninfo, error);
  g_autofree char *hub_id = NULL;
  gboolean ok;

  if (conn == NULL)
    return FALSE;
  ok = _mp_hub_pg_check_schema (conn, &hub_id, error);
  PQfinish (conn);
  return ok;
}

/* The UUIDs of @events (UUIDs, or ids of this database), comma-separated. */
static char *
event_keys (MpDatabase         *db,
            const char *const  *events,
            GError            **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; events[i] != NULL; i++)
    {
      g_autofree char *uuid = NULL;
      guint64 id;

      if (g_ascii_string_to_unsigned (events[i], 10, 1, G_MAXINT64, &id, NULL))
        {
          sqlite3_stmt *stmt = _mp_database_prepare_cached (db, "SELECT uuid FROM event WHERE id = ?", error);

          if (stmt == NULL)
            return NULL;
          sqlite3_bind_int64 (stmt, 1, id);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            uuid = g_strdup (_mp_column_text (stmt, 0));
          sqlite3_reset (stmt);
          if (uuid == NULL)
            {
              g_set_error (error, MP_ERROR, MP_ERROR_NOT_FOUND,
                           _("There is no event %s here. Give the event’s UUID (as the office’s “event show --json” shows it)."),
                           events[i]);
              return NULL;
            }
        }
      else if (g_uuid_string_is_valid (events[i]))
        uuid = g_ascii_strdown (events[i], -1);
      else
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                       _("“%s” is neither an event id nor an event UUID."), events[i]);
          return NULL;
        }
      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append (out, uuid);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
mp_hub_join (MpDatabase        *db,
             const char        *conninfo,
             const char        *desk,
             const char *const *events,
             MpHubSyncCounts   *counts,
             GError           **error)
{
  g_autofree char *hub_id = NULL;
  g_autofree char *desk_id = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *without_password = NULL;
  g_autofree char *password = NULL;
  MpHubStatus status;
  PGconn *conn;
  gboolean ok;

  /* A password given in the connection is kept where libpq looks for
   * it (~/.pgpass), never in the database. */
  if (!mp_hub_conninfo_split_password (conninfo, &without_password, &password, error))
    return FALSE;

  if (!mp_hub_get_status (db, &status, error))
    return FALSE;

  /* Joining sends every row; an import being written here would go
   * half (mp-import-batch-private.h). */
  {
    sqlite3_stmt *stmt = _mp_database_prepare_cached (db, "SELECT count (*) FROM import_batch", error);
    gint64 importing = 0;

    if (stmt == NULL || !_mp_database_step_int64 (db, stmt, &importing, error))
      {
        mp_hub_status_clear (&status);
        return FALSE;
      }
    if (importing > 0)
      {
        g_set_error_literal (error, MP_ERROR, MP_ERROR_BUSY,
                             _("A file is being imported into this database. Join the hub when the import is done."));
        mp_hub_status_clear (&status);
        return FALSE;
      }
  }

  conn = _mp_hub_pg_connect (conninfo, error);
  if (conn == NULL)
    {
      mp_hub_status_clear (&status);
      return FALSE;
    }
  ok = _mp_hub_pg_check_schema (conn, &hub_id, error) &&
       (password == NULL || _mp_hub_pg_remember_password (conn, conninfo, password, error));
  PQfinish (conn);
  if (!ok)
    {
      mp_hub_status_clear (&status);
      return FALSE;
    }
  if (password != NULL)
    conninfo = without_password;

  if (status.linked && g_strcmp0 (status.hub_id, hub_id) != 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_EXISTS,
                   _("This database is linked to another hub (%s). Leave that one first with “moteplass-cli hub leave”."),
                   status.conninfo);
      mp_hub_status_clear (&status);
      return FALSE;
    }

  if (events != NULL && events[0] != NULL)
    {
      keys = event_keys (db, events, error);
      if (keys == NULL)
        {
          mp_hub_status_clear (&status);
          return FALSE;
        }
    }

  if (!_mp_hub_install_capture (db, error))
    {
      mp_hub_status_clear (&status);
      return FALSE;
    }

  if (!_mp_database_begin (db, error))
    {
      mp_hub_status_clear (&status);
      return FALSE;
    }

  if (status.linked)
    {
      /* the same hub again: a new address, name or choice of events */
      sqlite3_stmt *stmt = _mp_database_prepare_cached (db,
                                                        "UPDATE hub_state SET conninfo = ?, desk = coalesce (?, desk), events = ?",
                                                        error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, conninfo, -1, SQLITE_TRANSIENT);
      _mp_bind_text_or_null (stmt, 2, desk);
      _mp_bind_text_or_null (stmt, 3, keys);
      if (!_mp_database_step_done (db, stmt, error))
        goto failed;
    }
  else
    {
      guint n_tables;
      const MpHubTable *tables = _mp_hub_tables (&n_tables);
      g_autofree char *host = g_strdup (g_get_host_name ());
      sqlite3_stmt *stmt;

      desk_id = _mp_uuid_new ();
      stmt = _mp_database_prepare_cached (db,
                                          "UPDATE hub_state SET conninfo = ?, hub_id = ?, desk = ?, desk_id = ?, events = ?,"
                                          " last_seen = 0, last_sync_at = NULL, online = 0, offline_since = NULL,"
                                          " skipped = 0, last_error = NULL",
                                          error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, conninfo, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, hub_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, desk != NULL ? desk : host, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, desk_id, -1, SQLITE_TRANSIENT);
      _mp_bind_text_or_null (stmt, 5, keys);
      if (!_mp_database_step_done (db, stmt, error))
        goto failed;

      /* Everything here goes to the hub, as changes of long ago: where
       * the hub already has a row, the hub's version stays (merge by
       * UUID; later changes anywhere win as usual). */
      if (!_mp_database_exec (db, "DELETE FROM hub_change", error))
        goto failed;
      for (guint t = 0; t < n_tables; t++)
        {
          g_autofree char *sql = g_strdup_printf ("INSERT INTO hub_change (tbl, key, at)"
                                                  " SELECT '%s', \"%s\", 0 FROM \"%s\" ORDER BY id",
                                                  tables[t].name, tables[t].key, tables[t].name);
          if (!_mp_database_exec (db, sql, error))
            goto failed;
        }
    }
  mp_hub_status_clear (&status);

  if (!_mp_database_commit (db, error))
    goto failed;

  return mp_hub_sync (db, counts, error);

failed:
  mp_hub_status_clear (&status);
  _mp_database_rollback (db);
  return FALSE;
}

gboolean
mp_hub_leave (MpDatabase  *db,
              gboolean     force,
              GError     **error)
{
  MpHubStatus status;
  gint64 waiting;

  if (!mp_hub_get_status (db, &status, error))
    return FALSE;
  waiting = status.waiting;
  if (!status.linked)
    {
      mp_hub_status_clear (&status);
      return _mp_hub_not_linked (error);
    }
  mp_hub_status_clear (&status);

  if (waiting > 0 && !force)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u change made here has not reached the hub yet. Sync first (“hub sync”), or leave anyway with --force.",
                                "%u changes made here have not reached the hub yet. Sync first (“hub sync”), or leave anyway with --force.",
                                (gulong) MIN (waiting, G_MAXUINT)),
                   (guint) MIN (waiting, G_MAXUINT));
      return FALSE;
    }

  if (!_mp_database_begin (db, error))
    return FALSE;
  if (!_mp_hub_remove_capture (db, error) ||
      !_mp_database_exec (db,
                          "DELETE FROM hub_change;"
                          "UPDATE hub_state SET applying = 0, conninfo = NULL, hub_id = NULL, desk = NULL, desk_id = NULL,"
                          " events = NULL, last_seen = 0, last_sync_at = NULL, online = 0, offline_since = NULL,"
                          " skipped = 0, last_error = NULL;",
                          error) ||
      !_mp_database_commit (db, error))
    {
      _mp_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}
