/* mp-database.h: one Møteplass SQLite file
 *
 * Opening runs the forward-only migrations inside one transaction. A file
 * made by a newer Møteplass, or one that is not ours, is refused and left
 * untouched. WAL mode, foreign keys on, synchronous=FULL: what a commit
 * reports as done survives a power cut.
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "mp-error.h"

G_BEGIN_DECLS

#define MP_SCHEMA_VERSION 10 /* 3: tickets by e-mail; 4: the hub; 5: consent answered_at, not_granted (issue 12); 6: derived counts and current check-in, import batches (engine); 7: at the door (exceptions, notes, status_at); 8: given and family names; 9: event contact and example events; 10: the hub's merged registrations */
#define MP_APPLICATION_ID 0x4D504C53 /* "MPLS" in the SQLite header */

#define MP_TYPE_DATABASE (mp_database_get_type ())

G_DECLARE_FINAL_TYPE (MpDatabase, mp_database, MP, DATABASE, GObject)

typedef enum
{
  MP_DATABASE_FLAGS_NONE      = 0,
  /* Do not create the file; fail with MP_ERROR_CANT_OPEN if missing. */
  MP_DATABASE_FLAGS_MUST_EXIST = 1 << 0,
  /* Open for reading only; every write fails with MP_ERROR_READ_ONLY. */
  MP_DATABASE_FLAGS_READ_ONLY  = 1 << 1,
} MpDatabaseFlags;

MpDatabase   *mp_database_open              (const char       *path,
                                             MpDatabaseFlags   flags,
                                             GError          **error);
const char   *mp_database_get_path          (MpDatabase *self);

/* A new database and its -wal and -shm files are readable by their
 * owner only (0600), whatever the umask. One found readable by other
 * users of the computer is made so at open: then this is TRUE, and the
 * notice says so in words to show (NULL when nothing was changed). */
gboolean      mp_database_get_permissions_tightened (MpDatabase *self);
char         *mp_database_dup_permissions_notice    (MpDatabase *self);

/* Creates the folder of @path (0700) when it is missing; Møteplass's
 * own data folder is also made private (0700) when others could read it. */
gboolean      mp_database_prepare_folder    (const char  *path,
                                             GError     **error);

/* Another connection to the same file, for a worker thread: the one way
 * Møteplass opens one (the import, ticket export, reports, the search
 * index's prefetch). The same pragmas and busy timeout as @main_db; read
 * only with MP_DATABASE_FLAGS_READ_ONLY, else read-write; the file must
 * exist (MP_DATABASE_FLAGS_MUST_EXIST is implied). It reads only what
 * does not change in @main after it was opened, so it may run on the
 * worker thread while @main_db is busy on its own; the caller holds a
 * reference to @main_db until it returns. The connection is then the
 * worker's alone (SQLite connections are used by one thread at a time).
 * A database in memory has no file to share: MP_ERROR_CANT_OPEN, see
 * mp_database_can_open_worker(). */
MpDatabase   *mp_database_open_worker       (MpDatabase       *main_db,
                                             MpDatabaseFlags   flags,
                                             GError          **error);
/* Whether mp_database_open_worker() can reach this database: FALSE for
 * one in memory (tests), whose work must run on its own connection. */
gboolean      mp_database_can_open_worker   (MpDatabase *self);
int           mp_database_get_schema_version (MpDatabase *self);

/* How long a write waits for another desk's transaction (default 3 s). */
void          mp_database_set_busy_timeout  (MpDatabase *self,
                                             int         msec);

/* Folds the write-ahead log back into the database file (a passive
 * checkpoint: never waits for other desks). Call it when idle, so that
 * the automatic one seldom falls inside a check-in. */
gboolean      mp_database_checkpoint        (MpDatabase  *self,
                                             GError     **error);

/* TRUE while an erasure (or an anonymisation) is done in the data but
 * its traces are still in the files: another program was reading the
 * database when it happened, for longer than the erasure waits (30 s,
 * MP_ERASE_WAIT_SECONDS). Every open finishes the job when it can. */
gboolean      mp_database_get_erasure_pending (MpDatabase *self);

/* A number that changes when another connection (another desk sharing
 * the file) has committed since the last call; cheap enough to poll every
 * second. Commits of this connection do not change it. 0 on error. */
gint64        mp_database_get_data_version  (MpDatabase *self);

/* A consistent copy of the live database, taken with SQLite's online
 * backup API while others keep writing. Written beside @dest_path and
 * renamed into place (mp_file_writer_new()), so @dest_path is never
 * half-written, is readable by its owner only, and is never an open
 * database or one of its -wal and -shm files. */
gboolean      mp_database_backup            (MpDatabase    *self,
                                             const char    *dest_path,
                                             GCancellable  *cancellable,
                                             GError       **error);

/* The default database: $XDG_DATA_HOME/moteplass/moteplass.db */
char         *mp_database_dup_default_path  (void);

G_END_DECLS
