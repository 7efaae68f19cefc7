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

/* The worker that keeps one database in sync until stopped. */
#define MP_TYPE_HUB (mp_hub_get_type ())

G_DECLARE_FINAL_TYPE (MpHub, mp_hub, MP, HUB, GObject)

/* @database_path: the SQLite file; the worker opens its own connection.
 * Signals and notifications are emitted in the thread-default main
 * context of the thread that calls mp_hub_start(). */
MpHub       *mp_hub_new                (const char *database_path);
void         mp_hub_start              (MpHub      *self);
/* Stops the worker and waits for it (it never is in the middle of a
 * local transaction when it stops). */
void         mp_hub_stop               (MpHub      *self);
/* Something was written here: push now rather than at the next look. */
void         mp_hub_nudge              (MpHub      *self);

MpHubState   mp_hub_get_state          (MpHub      *self);
guint        mp_hub_get_waiting        (MpHub      *self);
gint64       mp_hub_get_offline_since  (MpHub      *self);
gint64       mp_hub_get_last_sync      (MpHub      *self);
/* Why it is offline, for a tooltip or a log; NULL when online. */
char        *mp_hub_dup_last_error     (MpHub      *self);

G_END_DECLS
