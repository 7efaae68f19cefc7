/* mp-hub.h: many computers, one truth — a PostgreSQL hub
 *
 * Every computer answers from its own SQLite file; a PostgreSQL database
 * is the hub that several of them join. Changes flow both ways on a
 * worker thread with its own connections (MpHub), never on the caller's:
 * the door never waits for the network. See mp-hub-tables.c for what
 * replicates and mp-hub-pg.c for the hub's rules.
 *
 * Connection strings are taken as libpq takes them (a postgresql:// URI
 * or "host=… dbname=…"; ~/.pgpass, PGSERVICE and sslmode work). A
 * password is never printed: mp_hub_conninfo_for_display() hides it.
 */
#pragma once

#include <gio/gio.h>

#include "mp-database.h"

G_BEGIN_DECLS

typedef enum
{
  MP_HUB_STATE_NOT_LINKED,
  MP_HUB_STATE_CONNECTING,
  MP_HUB_STATE_SYNCED,        /* online, nothing waiting */
  MP_HUB_STATE_WAITING,       /* online, changes on their way */
  MP_HUB_STATE_OFFLINE,       /* the hub cannot be reached: working alone */
} MpHubState;

typedef struct
{
  gboolean  linked;
  char     *conninfo;         /* for display: no password */
  char     *hub_id;
  char     *desk;
  char     *desk_id;
  char     *events;           /* event UUIDs pulled, comma-separated; NULL: all */
  gboolean  online;           /* as the last round found it */
  gint64    offline_since;    /* UTC seconds, 0 when online */
  gint64    last_sync_at;     /* UTC seconds, 0 never */
  gint64    waiting;          /* local changes not yet on the hub */
  gint64    last_seen;        /* the hub's sequence pulled up to */
  gint64    skipped;          /* rows from the hub that could not be applied here */
  char     *last_error;
} MpHubStatus;

void      mp_hub_status_clear          (MpHubStatus *status);

typedef struct
{
  guint pushed;
  guint pulled;
} MpHubSyncCounts;

/* Creates or upgrades the hub's schema (moteplass.*). *@out_from and
 * *@out_to: the version found and the version now. A hub made by a newer
 * Møteplass is refused (MP_ERROR_TOO_NEW) and left as it is. */
gboolean  mp_hub_init_schema           (const char       *conninfo,
                                        int              *out_from,
                                        int              *out_to,
                                        GError          **error);

/* Connects and checks the hub, as Preferences' Test Connection does. */
gboolean  mp_hub_test_connection       (const char       *conninfo,
                                        GError          **error);

/* Links @db to the hub: the local content goes to the hub, the hub's
 * (of @events only, when given: UUIDs or local ids) comes here, merged
 * by UUID. A database linked to another hub is refused
 * (MP_ERROR_EXISTS). */
gboolean  mp_hub_join                  (MpDatabase        *db,
                                        const char        *conninfo,
                                        const char        *desk,
                                        const char *const *events,
                                        MpHubSyncCounts   *counts,
                                        GError           **error);

/* Unlinks @db. Refused while local changes have not reached the hub,
 * unless @force. */
gboolean  mp_hub_leave                 (MpDatabase  *db,
                                        gboolean     force,
                                        GError     **error);

/* One round, on the calling thread: push what waits, pull what is new. */
gboolean  mp_hub_sync                  (MpDatabase       *db,
                                        MpHubSyncCounts  *counts,
                                        GError          **error);

gboolean  mp_hub_get_status            (MpDatabase   *db,
                                        MpHubStatus  *status,
                                        GError      **error);

/* @conninfo with any password replaced by stars. */
char     *mp_hub_conninfo_for_display  (const char *conninfo);
/* @conninfo as keywords without its password (*@out_without), and the
 * password (*@out_password, NULL when there is none). MP_ERROR_INVALID
 * when libpq cannot read it. mp_hub_join () keeps a password it is
 * given in the password file, never in the database. */
gboolean  mp_hub_conninfo_split_password (const char  *conninfo,
                                          char       **out_without,
                                          char       **out_password,
                                          GError     **error);
/* The password file libpq reads for @conninfo: its passfile=, else
 * $PGPASSFILE, else ~/.pgpass. */
char     *mp_hub_dup_password_file     (const char *conninfo);

/* An event as the hub holds it, for choosing what a desk pulls. */
typedef struct
{
  char   *uuid;
  char   *title;
  gint64  starts_at;
} MpHubEvent;

void      mp_hub_event_free            (MpHubEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpHubEvent, mp_hub_event_free)

/* Connects and checks the hub (mp_hub_test_connection ()), and lists
 * its events, latest first (at most 500), on a thread: libpq blocks.
 * The result is a GPtrArray of MpHubEvent. */
void       mp_hub_list_events_async    (const char           *conninfo,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
GPtrArray *mp_hub_list_events_finish   (GAsyncResult         *result,
                                        GError              **error);

/* The worker that keeps one database in sync until stopped. */
#define MP_TYPE_HUB (mp_hub_get_type ())

G_DECLARE_FINAL_TYPE (MpHub, mp_hub, MP, HUB, GObject)

/* For @database (its file: the worker opens its own connection with
 * mp_database_open_worker ()). Signals and notifications are emitted in
 * the thread-default main context of the thread that calls
 * mp_hub_start(). */
MpHub       *mp_hub_new                (MpDatabase *database);
MpDatabase  *mp_hub_get_database       (MpHub      *self);
void         mp_hub_start              (MpHub      *self);
/* Stops the worker and waits for it (it never is in the middle of a
 * local transaction when it stops); the state is then NOT_LINKED. */
void         mp_hub_stop               (MpHub      *self);
gboolean     mp_hub_is_running         (MpHub      *self);
/* Starts the worker when the database is linked to a hub and it is not
 * running; stops it when the database is not linked. Returns whether
 * it runs. */
gboolean     mp_hub_start_if_linked    (MpHub      *self);
/* Something was written here: push now rather than at the next look. */
void         mp_hub_nudge              (MpHub      *self);

MpHubState   mp_hub_get_state          (MpHub      *self);
guint        mp_hub_get_waiting        (MpHub      *self);
gint64       mp_hub_get_offline_since  (MpHub      *self);
gint64       mp_hub_get_last_sync      (MpHub      *self);
/* Why it is offline, for a tooltip or a log; NULL when online. */
char        *mp_hub_dup_last_error     (MpHub      *self);

/* mp_hub_join () and mp_hub_leave () of the hub's database, on a thread
 * with a connection of its own (libpq blocks), for a program with a
 * main loop. The worker is stopped first; when they are done, it runs
 * again if the database is linked (mp_hub_start_if_linked ()), whether
 * or not the caller is still there to hear it. */
void         mp_hub_join_async         (MpHub               *self,
                                        const char          *conninfo,
                                        const char          *desk,
                                        const char *const   *events,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean     mp_hub_join_finish        (MpHub               *self,
                                        GAsyncResult        *result,
                                        MpHubSyncCounts     *counts,
                                        GError             **error);
void         mp_hub_leave_async        (MpHub               *self,
                                        gboolean             force,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean     mp_hub_leave_finish       (MpHub               *self,
                                        GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
