/* mp-database-private.h: what the core's own modules may do with the
 * connection. Nothing outside src/core/ includes this. */
#pragma once

#include "mp-database.h"

G_BEGIN_DECLS

sqlite3       *_mp_database_get_handle   (MpDatabase *self);

/* Prepared once with SQLITE_PREPARE_PERSISTENT and kept for the life of
 * the connection, keyed by the address of @sql (a static string). The
 * statement comes back reset with its bindings cleared. */
sqlite3_stmt  *_mp_database_prepare_cached (MpDatabase  *self,
                                            const char  *sql,
                                            GError     **error);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK; nested, they are savepoints. */
gboolean       _mp_database_begin        (MpDatabase  *self,
                                          GError     **error);
/* A read transaction (BEGIN DEFERRED): one consistent snapshot for
 * several SELECTs, without the write lock; ended with _mp_database_commit
 * or _mp_database_rollback like the other. */
gboolean       _mp_database_begin_read   (MpDatabase  *self,
                                          GError     **error);
gboolean       _mp_database_commit       (MpDatabase  *self,
                                          GError     **error);
void           _mp_database_rollback     (MpDatabase  *self);
gboolean       _mp_database_in_transaction (MpDatabase *self);

gboolean       _mp_database_exec         (MpDatabase  *self,
                                          const char  *sql,
                                          GError     **error);

/* Sets @error from an SQLite result code and the connection's message,
 * with the translated sentence a person needs. Always returns FALSE. */
gboolean       _mp_database_set_error    (MpDatabase  *self,
                                          int          rc,
                                          GError     **error);

/* The same for a connection that is not an MpDatabase (a backup's
 * copy): @path names the file in the message, @db may be NULL. */
gboolean       _mp_database_set_error_for (const char  *path,
                                           sqlite3     *db,
                                           int          rc,
                                           GError     **error);

/* Step a statement that returns no row; FALSE and @error on failure. */
gboolean       _mp_database_step_done    (MpDatabase    *self,
                                          sqlite3_stmt  *stmt,
                                          GError       **error);

/* Steps a statement that returns at most one row and reads its first
 * column: *@out is 0 when there is no row. Resets the statement. */
gboolean       _mp_database_step_int64   (MpDatabase    *self,
                                          sqlite3_stmt  *stmt,
                                          gint64        *out,
                                          GError       **error);

/* Runs the cached statement @sql that returns no row with ?1 = @a and,
 * when it has a second parameter, ?2 = @b. */
static inline gboolean
_mp_database_exec_int64s (MpDatabase  *self,
                          const char  *sql,
                          gint64       a,
                          gint64       b,
                          GError     **error)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, b);
  return _mp_database_step_done (self, stmt, error);
}

/* Binds text, or NULL when @text is NULL or empty. */
void           _mp_bind_text_or_null     (sqlite3_stmt *stmt,
                                          int           index,
                                          const char   *text);
/* Column text that is never NULL ("" instead). */
const char    *_mp_column_text           (sqlite3_stmt *stmt,
                                          int           index);

/* Erasure leaves no trace in the files (the rows are blanked with
 * secure_delete on, which zeroes what they held in the page; the old
 * pages live on in the write-ahead log, and in the file until the log is
 * folded in). The erasing transaction marks the database
 * (erasure_pending in meta); after its commit,
 * _mp_database_finish_erasure() folds the whole log into the file and
 * empties it, retrying while another connection still reads an older
 * snapshot, for at most 30 s (MP_ERASE_WAIT_SECONDS), and then removes
 * the mark. *@out_clean is FALSE when readers stayed that long: the
 * traces remain, the mark stays, and every later open of the database
 * tries again (briefly). */
gboolean       _mp_database_mark_erasure_pending (MpDatabase  *self,
                                                  GError     **error);
gboolean       _mp_database_finish_erasure       (MpDatabase  *self,
                                                  gboolean    *out_clean,
                                                  GError     **error);
int            _mp_database_get_erase_wait_ms    (void);

/* A random version 4 UUID from the OS random source. */
char          *_mp_uuid_new              (void);

G_END_DECLS
