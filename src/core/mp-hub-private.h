/* mp-hub-private.h: what the files of the hub (mp-hub*.c) share
 *
 * mp-hub-tables.c   what replicates, and how a row becomes hub data and back
 * mp-hub-pg.c       the hub's schema and every libpq call
 * mp-hub-sync.c     one round (push, then pull), the session, status
 * mp-hub-pull.c     the pull: other desks' rows applied here
 * mp-hub-join.c     join and leave
 * mp-hub.c          MpHub: the worker thread that keeps a desk in sync
 * mp-hub-link.c     MpHub: join, leave and the hub's events, on a thread
 * mp-hub-merge.c    one person registered for one event at two desks apart
 *
 * Nothing outside src/core/ includes this.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libpq-fe.h>

#include "mp-database-private.h"
#include "mp-hub.h"

G_BEGIN_DECLS

/* The hub schema this Møteplass writes (moteplass.hub.schema_version). */
#define MP_HUB_SCHEMA_VERSION 2

/* ---- what replicates (mp-hub-tables.c) ---- */

typedef enum
{
  MP_HUB_TEXT,
  MP_HUB_INT,
  MP_HUB_BLOB,   /* base64 in the hub's JSON */
  MP_HUB_REF,    /* a local id, replicated as the key of the row it points at */
} MpHubColumnKind;

typedef struct
{
  const char      *name;
  MpHubColumnKind  kind;
  const char      *ref_table;   /* MP_HUB_REF only */
  /* A local lookup key (unique here): a row from the hub whose value is
   * another row's here is applied without it rather than not at all
   * (a person registered at two desks apart, with one e-mail). */
  gboolean         local_key;
} MpHubColumn;

#define MP_HUB_MAX_COLUMNS 16

typedef struct
{
  const char  *name;
  const char  *key;             /* the column that names the row on every computer */
  gboolean     append_only;     /* never updated: the first version stays */
  /* SQL giving the UUID of the event row t belongs to (what `hub join
   * --event` limits by); NULL: every desk pulls the table whole. */
  const char  *event_of;
  MpHubColumn  columns[MP_HUB_MAX_COLUMNS];
} MpHubTable;

/* In the order a row's references come before it. */
const MpHubTable *_mp_hub_tables        (guint        *n_tables);
const MpHubTable *_mp_hub_table_by_name (const char   *name);
guint             _mp_hub_table_n_columns (const MpHubTable *table);

/* Creates (or re-creates) the capture triggers and the unique indexes
 * on the keys: what linking a database to a hub adds to it. */
gboolean  _mp_hub_install_capture  (MpDatabase  *db,
                                    GError     **error);
/* Drops them (hub leave). */
gboolean  _mp_hub_remove_capture   (MpDatabase  *db,
                                    GError     **error);

/* An import batch rolled back here (mp-import-batch.c): its logged
 * changes are dropped, so the hub never hears of them, but those of
 * rows it made that stay (a person someone else has come to use) are
 * released to be pushed. Inside the caller's transaction. */
gboolean  _mp_hub_release_batch    (MpDatabase  *db,
                                    gint64       batch,
                                    GError     **error);

/* One local row as the hub holds it: adds the JSON object of its
 * columns (references as keys) to @b, or null when the row no longer
 * exists (a tombstone). *@out_event_key: the UUID of its event, or NULL. */
gboolean  _mp_hub_read_row         (MpDatabase        *db,
                                    const MpHubTable  *table,
                                    const char        *key,
                                    JsonBuilder       *b,
                                    gboolean          *out_exists,
                                    char             **out_event_key,
                                    GError           **error);

typedef enum
{
  MP_HUB_APPLIED,
  MP_HUB_KEPT_LOCAL,      /* a local change waits to be pushed: it decides */
  MP_HUB_SKIPPED,         /* a reference is missing here, or a local rule refused it */
} MpHubApplied;

/* The rows with changes waiting here to be pushed, "table\nkey", read in
 * the caller's transaction; NULL and @error on failure. */
GHashTable *_mp_hub_load_waiting   (MpDatabase  *db,
                                    GError     **error);

/* Applies one row from the hub inside the caller's transaction, with
 * hub_state.applying set. @values are the columns' texts in the order of
 * table->columns (NULL for SQL NULL). @waiting: from
 * _mp_hub_load_waiting() in the same transaction. */
gboolean  _mp_hub_apply_row        (MpDatabase        *db,
                                    const MpHubTable  *table,
                                    const char        *key,
                                    gboolean           deleted,
                                    const char *const *values,
                                    GHashTable        *waiting,
                                    MpHubApplied      *out_applied,
                                    GError           **error);

/* ---- registrations merged (mp-hub-merge.c) ---- */

typedef enum
{
  MP_HUB_MERGE_NONE,          /* no other registration of that person and event here */
  MP_HUB_MERGE_LOCAL_STAYS,   /* the one here is earlier: the hub's key names it now */
  MP_HUB_MERGE_HUB_STAYS,     /* the hub's is earlier: the row here took its key; upsert it */
} MpHubMerge;

/* The registration @key from the hub could not be applied because
 * another of the same event and person (local ids) is here: the earlier
 * one (@created_at, then the smaller key) stays, in the caller's
 * transaction. */
gboolean  _mp_hub_merge_registration (MpDatabase  *db,
                                      const char  *key,
                                      gint64       event_id,
                                      gint64       person_id,
                                      gint64       created_at,
                                      MpHubMerge  *out_merge,
                                      GError     **error);

/* Starts and ends a batch of applied rows (one local transaction). */
gboolean  _mp_hub_apply_begin      (MpDatabase  *db,
                                    GError     **error);
gboolean  _mp_hub_apply_commit     (MpDatabase  *db,
                                    gboolean     names_changed,
                                    GError     **error);

/* ---- the hub (mp-hub-pg.c) ---- */

/* Connects with @conninfo as libpq takes it (URI or keywords; ~/.pgpass,
 * PGSERVICE, sslmode …), with timeouts that notice a dead network. */
PGconn   *_mp_hub_pg_connect       (const char  *conninfo,
                                    GError     **error);
/* Checks the hub's schema: *@out_hub_id is the hub's UUID. A missing
 * schema, an older one (run hub init) and a newer one are errors. */
gboolean  _mp_hub_pg_check_schema  (PGconn      *conn,
                                    char       **out_hub_id,
                                    GError     **error);
gboolean  _mp_hub_pg_exec          (PGconn      *conn,
                                    const char  *sql,
                                    GError     **error);
/* Sets @error from a failed result or connection. Returns FALSE. */
gboolean  _mp_hub_pg_error         (PGconn      *conn,
                                    PGresult    *result,
                                    GError     **error);

/* Keeps @password for the server @conn is connected to (its host, port,
 * database and user) in the password file of @conninfo, in place of an
 * older one for the same; the file stays readable by its owner only. */
gboolean  _mp_hub_pg_remember_password (PGconn      *conn,
                                        const char  *conninfo,
                                        const char  *password,
                                        GError     **error);

/* ---- a round of sync (mp-hub-sync.c, mp-hub-pull.c) ---- */

typedef struct _MpHubSession MpHubSession;

/* @db must be a connection of the calling thread (the worker's own). */
MpHubSession *_mp_hub_session_open   (MpDatabase    *db,
                                      gboolean       listen,
                                      GError       **error);
void          _mp_hub_session_free   (MpHubSession  *session);
PGconn       *_mp_hub_session_get_conn (MpHubSession *session);
const char   *_mp_hub_session_get_desk_id (MpHubSession *session);
gboolean      _mp_hub_session_push   (MpHubSession  *session,
                                      guint         *out_pushed,
                                      GError       **error);
gboolean      _mp_hub_session_pull   (MpHubSession  *session,
                                      guint         *out_pulled,
                                      GError       **error);
/* Records the outcome of a round in hub_state (online, when, error). */
void          _mp_hub_record_state   (MpDatabase    *db,
                                      gboolean       online,
                                      const char    *error_message);
gint64        _mp_hub_count_waiting  (MpDatabase    *db);
/* Sets @error: this database is not linked to a hub. Returns FALSE. */
gboolean      _mp_hub_not_linked     (GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpHubSession, _mp_hub_session_free)

G_END_DECLS
