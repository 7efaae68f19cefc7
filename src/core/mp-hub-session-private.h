/* mp-hub-session-private.h: what the push (mp-hub-sync.c) and the pull
 * (mp-hub-pull.c) share: the session of a round and the rows the hub
 * sends back, read and applied the same way by both
 *
 * Only those two files include this; the other files of the hub use the
 * session through mp-hub-private.h.
 */
#pragma once

#include "mp-hub-private.h"

G_BEGIN_DECLS

struct _MpHubSession
{
  MpDatabase *db;
  PGconn     *conn;
  char       *desk_id;
  char       *events;         /* PostgreSQL array literal, or NULL: all */
  gint64      last_seen;
};

/* A PostgreSQL text[] literal of @items (mp-hub-sync.c). */
char        *_mp_hub_pg_text_array  (GPtrArray   *items);

/* The column list of a table's pull, once per process: hub_seq, key,
 * deleted, then the table's columns (mp-hub-pull.c). */
const char  *_mp_hub_pull_columns   (const MpHubTable *table);

/* Applies the rows of @result (columns as _mp_hub_pull_columns ()) in
 * the current local transaction, counting them (mp-hub-pull.c). */
gboolean     _mp_hub_apply_result   (MpDatabase        *db,
                                     const MpHubTable  *table,
                                     PGresult          *result,
                                     guint             *n_applied,
                                     gboolean          *names_changed,
                                     gboolean          *erased,
                                     GError           **error);

/* After an erasure came from the hub: its old versions out of the
 * write-ahead log (mp-hub-pull.c). */
void         _mp_hub_after_erasure  (MpDatabase  *db);

G_END_DECLS
