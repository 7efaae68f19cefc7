/* mp-database-object-private.h: what the files of the MpDatabase object
 * share
 *
 * mp-database.c          the object, one connection: SQL functions,
 *                        errors, statements, transactions, busy handler,
 *                        checkpoints, the erasure's wipe
 * mp-database-open.c     opening a file, a worker's connection, the folder
 * mp-database-migrate.c  the schema check and the migrations
 *
 * Only those three include this; the rest of the core uses
 * mp-database-private.h.
 */
#pragma once

#include "mp-database-private.h"

G_BEGIN_DECLS

struct _MpDatabase
{
  GObject      parent_instance;

  sqlite3     *db;
  char        *path;
  GHashTable  *statements;   /* const char *sql → sqlite3_stmt * */
  int          schema_version;
  guint        depth;        /* 0: none, 1: BEGIN, >1: savepoints */
  gboolean     tightened;    /* was readable by others; now 0600 */
  int          busy_timeout; /* ms, atomic: read by _mp_database_busy_wait () and mp_database_open_worker() */
  gint64       busy_since;   /* when _mp_database_busy_wait () began waiting */
};

/* ---- mp-database.c ---- */

/* What every connection defines: the Norwegian collation and the name
 * functions the migrations use. */
void      _mp_database_define_functions (sqlite3 *db);

/* The busy handler of every connection (sqlite3_busy_handler, @data the
 * MpDatabase): waits up to its busy_timeout. */
int       _mp_database_busy_wait        (void *data,
                                         int   count);

/* Finishes an erasure marked pending (meta erasure_pending), waiting at
 * most @wait_ms for readers of older snapshots; *@out_clean is FALSE
 * when they stayed. */
gboolean  _mp_database_finish_pending_erasure (MpDatabase  *self,
                                               int          wait_ms,
                                               gboolean    *out_clean,
                                               GError     **error);

/* ---- mp-database-migrate.c ---- */

/* Reading only: whether the file is new and empty, or Møteplass's of a
 * version this program knows with that version's tables; *@out_version
 * its version. A file refused is left exactly as it was. */
gboolean  _mp_database_check_identity   (MpDatabase  *self,
                                         gint64      *out_version,
                                         GError     **error);

/* Brings the file up to MP_SCHEMA_VERSION in one transaction. */
gboolean  _mp_database_migrate          (MpDatabase  *self,
                                         GError     **error);

G_END_DECLS
