/* mp-database.c: the MpDatabase object, one SQLite connection: its SQL
 * functions and collation, errors in words, prepared statements,
 * transactions and savepoints, the busy handler, checkpoints and the
 * erasure's wipe of the files
 *
 * Opening a file (and a worker's connection) is in mp-database-open.c,
 * the schema check and the migrations in mp-database-migrate.c; the
 * three share mp-database-object-private.h.
 */
#define G_LOG_DOMAIN "mp-database"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mp-database-object-private.h"
#include "mp-file-private.h"
#include "mp-person-name.h"
#include "mp-random.h"
#include "mp-text-private.h"

/* How long an erasure waits for other programs to stop reading the old
 * rows before it says that traces remain (MP_ERASE_WAIT_SECONDS). */
#define DEFAULT_ERASE_WAIT_SECONDS 30

G_DEFINE_FINAL_TYPE (MpDatabase, mp_database, G_TYPE_OBJECT)

static void
mp_database_finalize (GObject *object)
{
  MpDatabase *self = (MpDatabase *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* Let the last connection fold the WAL back into the file. */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  _mp_file_unregister_database (self);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (mp_database_parent_class)->finalize (object);
}

static void
mp_database_class_init (MpDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_database_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
mp_database_init (MpDatabase *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
}

static int
norwegian_collation (void       *user_data,
                     int         a_len,
                     const void *a,
                     int         b_len,
                     const void *b)
{
  return _mp_text_collate_len (a, a_len, b, b_len);
}

/* The person-name rules as SQL functions, for the migration that split
 * the names already stored (mp-schema.h, 5 → 6). */
static void
name_part_function (sqlite3_context  *context,
                    int               argc,
                    sqlite3_value   **argv)
{
  const char *name = (const char *) sqlite3_value_text (argv[0]);
  gboolean family = GPOINTER_TO_INT (sqlite3_user_data (context));
  g_autofree char *given_part = NULL;
  g_autofree char *family_part = NULL;

  if (name == NULL || !mp_person_name_split (name, &given_part, &family_part))
    {
      sqlite3_result_null (context);
      return;
    }
  sqlite3_result_text (context, family ? family_part : given_part, -1, SQLITE_TRANSIENT);
}

static void
name_sort_key_function (sqlite3_context  *context,
                        int               argc,
                        sqlite3_value   **argv)
{
  g_autoptr(GBytes) key = mp_person_name_sort_key ((const char *) sqlite3_value_text (argv[0]),
                                                   (const char *) sqlite3_value_text (argv[1]),
                                                   (const char *) sqlite3_value_text (argv[2]));

  sqlite3_result_blob (context, g_bytes_get_data (key, NULL), g_bytes_get_size (key), SQLITE_TRANSIENT);
}

/* What every connection defines: the Norwegian collation and the name
 * functions the migrations use. */
void
_mp_database_define_functions (sqlite3 *db)
{
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

  sqlite3_create_collation_v2 (db, "NORWEGIAN", SQLITE_UTF8, NULL, norwegian_collation, NULL);
  sqlite3_create_function_v2 (db, "mp_name_given", 1, flags, GINT_TO_POINTER (FALSE),
                              name_part_function, NULL, NULL, NULL);
  sqlite3_create_function_v2 (db, "mp_name_family", 1, flags, GINT_TO_POINTER (TRUE),
                              name_part_function, NULL, NULL, NULL);
  sqlite3_create_function_v2 (db, "mp_name_sort_key", 3, flags, NULL,
                              name_sort_key_function, NULL, NULL, NULL);
}

/* SQLite folds the write-ahead log back into the file every 1000 pages,
 * inside the commit that crosses the line. Measured here, that is better
 * for check-in latency than leaving it for later: a log that keeps
 * growing makes every commit's fsync write metadata too. The window
 * still calls mp_database_checkpoint() when idle, so that a busy door
 * seldom meets the line. */
gboolean
mp_database_checkpoint (MpDatabase  *self,
                        GError     **error)
{
  int rc;

  g_return_val_if_fail (MP_IS_DATABASE (self), FALSE);

  if (self->depth > 0)
    return TRUE;

  rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY)
    return _mp_database_set_error (self, rc, error);

  return TRUE;
}

gint64
mp_database_get_data_version (MpDatabase *self)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gint64 version = 0;

  g_return_val_if_fail (MP_IS_DATABASE (self), 0);

  stmt = _mp_database_prepare_cached (self, "PRAGMA data_version", &error);
  if (stmt == NULL || !_mp_database_step_int64 (self, stmt, &version, &error))
    {
      g_debug ("data_version: %s", error->message);
      return 0;
    }

  return version;
}

static gboolean
set_error_for (const char  *path,
               sqlite3     *db,
               int          rc,
               GError     **error)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  g_autofree char *display = g_filename_display_name (path != NULL ? path : "");

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, MP_ERROR, MP_ERROR_BUSY,
                   _("The database is in use by another program and did not become free in time. Nothing was saved; try again."));
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, MP_ERROR, MP_ERROR_CORRUPT,
                   _("“%s” is damaged or is not a database. Restore it from a backup."),
                   display);
      break;

    case SQLITE_FULL:
      g_set_error (error, MP_ERROR, MP_ERROR_FULL,
                   _("The disk is full. Nothing was saved; free some space and try again."));
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, MP_ERROR, MP_ERROR_READ_ONLY,
                   _("“%s” cannot be written. Check that the file and its folder may be changed."),
                   display);
      break;

    case SQLITE_CANTOPEN:
      g_set_error (error, MP_ERROR, MP_ERROR_CANT_OPEN,
                   _("“%s” cannot be opened. Check that the folder exists and may be read."),
                   display);
      break;

    case SQLITE_IOERR:
      g_set_error (error, MP_ERROR, MP_ERROR_IO,
                   _("Reading or writing “%s” failed (%s). Nothing was saved."),
                   display, detail);
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("The change breaks a rule of the database (%s). Nothing was saved."),
                   detail);
      break;

    default:
      g_set_error (error, MP_ERROR, MP_ERROR_FAILED,
                   _("The database failed (%s). Nothing was saved."),
                   detail);
      break;
    }

  return FALSE;
}

gboolean
_mp_database_set_error_for (const char  *path,
                            sqlite3     *db,
                            int          rc,
                            GError     **error)
{
  return set_error_for (path, db, rc, error);
}

gboolean
_mp_database_set_error (MpDatabase  *self,
                        int          rc,
                        GError     **error)
{
  return set_error_for (self->path, self->db, rc, error);
}

gboolean
_mp_database_exec (MpDatabase  *self,
                   const char  *sql,
                   GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _mp_database_set_error (self, rc, error);

  return TRUE;
}

gboolean
_mp_database_mark_erasure_pending (MpDatabase  *self,
                                   GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self->depth > 0, FALSE);

  stmt = _mp_database_prepare_cached (self,
                                      "INSERT OR REPLACE INTO meta (key, value) VALUES ('erasure_pending', ?)",
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
  return _mp_database_step_done (self, stmt, error);
}

int
_mp_database_get_erase_wait_ms (void)
{
  const char *text = g_getenv ("MP_ERASE_WAIT_SECONDS");
  guint64 seconds = DEFAULT_ERASE_WAIT_SECONDS;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 0, 3600, &seconds, NULL))
    seconds = DEFAULT_ERASE_WAIT_SECONDS;
  return (int) seconds * 1000;
}

/* A TRUNCATE checkpoint copies every page of the write-ahead log into
 * the file and empties the log. It can only do so when no connection
 * still reads an older snapshot from the log; each try waits (through
 * the busy handler) at most what is left of @wait_ms. */
static gboolean
checkpoint_truncate (MpDatabase  *self,
                     int          wait_ms,
                     gboolean    *out_done,
                     GError     **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) wait_ms * 1000;
  int busy_timeout = g_atomic_int_get (&self->busy_timeout);
  int rc;

  *out_done = FALSE;
  while (TRUE)
    {
      gint64 left_ms = (deadline - g_get_monotonic_time ()) / 1000;

      g_atomic_int_set (&self->busy_timeout, (int) CLAMP (left_ms, 0, 500));
      rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
      if (rc == SQLITE_OK || ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) ||
          g_get_monotonic_time () >= deadline)
        break;
      g_usleep (20 * 1000);
    }
  g_atomic_int_set (&self->busy_timeout, busy_timeout);

  if (rc == SQLITE_OK)
    *out_done = TRUE;
  else if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
    return _mp_database_set_error (self, rc, error);

  return TRUE;
}

gboolean
_mp_database_finish_pending_erasure (MpDatabase  *self,
                                     int          wait_ms,
                                     gboolean    *out_clean,
                                     GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 pending = 0;
  gboolean done;

  *out_clean = FALSE;
  stmt = _mp_database_prepare_cached (self, "SELECT count(*) FROM meta WHERE key = 'erasure_pending'", error);
  if (stmt == NULL || !_mp_database_step_int64 (self, stmt, &pending, error))
    return FALSE;
  if (pending == 0)
    {
      *out_clean = TRUE;
      return TRUE;
    }

  if (!checkpoint_truncate (self, wait_ms, &done, error))
    return FALSE;
  if (!done)
    return TRUE;

  /* The marker goes in a commit of its own, which puts only the meta
   * page in the log; that is folded in too when nobody reads (it holds
   * nothing personal, so it need not wait). */
  if (!_mp_database_exec (self, "DELETE FROM meta WHERE key = 'erasure_pending'", error))
    return FALSE;
  sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

  *out_clean = TRUE;
  return TRUE;
}

gboolean
mp_database_get_erasure_pending (MpDatabase *self)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gint64 pending = 0;

  g_return_val_if_fail (MP_IS_DATABASE (self), FALSE);

  stmt = _mp_database_prepare_cached (self, "SELECT count(*) FROM meta WHERE key = 'erasure_pending'", &error);
  if (stmt == NULL || !_mp_database_step_int64 (self, stmt, &pending, &error))
    {
      g_debug ("erasure_pending: %s", error->message);
      return FALSE;
    }
  return pending > 0;
}

gboolean
_mp_database_finish_erasure (MpDatabase  *self,
                             gboolean    *out_clean,
                             GError     **error)
{
  g_return_val_if_fail (MP_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  return _mp_database_finish_pending_erasure (self, _mp_database_get_erase_wait_ms (), out_clean, error);
}

/* Another connection has the write lock (the hub's worker applying a
 * few rows, another desk on the same file, an import's short
 * transaction): look again every 50 µs for the first 2 ms, then every
 * millisecond, until the timeout. SQLite's own handler sleeps 1, 2, 5,
 * 10 … ms, so one short wait cost a check-in 1 to 18 ms, many times its
 * whole budget. */
int
_mp_database_busy_wait (void *data,
                        int   count)
{
  MpDatabase *self = data;
  gint64 now = g_get_monotonic_time ();

  if (count == 0)
    self->busy_since = now;
  if (now - self->busy_since >= (gint64) g_atomic_int_get (&self->busy_timeout) * 1000)
    return 0;
  g_usleep (now - self->busy_since < 2000 ? 50 : 1000);
  return 1;
}

const char *
mp_database_get_path (MpDatabase *self)
{
  g_return_val_if_fail (MP_IS_DATABASE (self), NULL);
  return self->path;
}

int
mp_database_get_schema_version (MpDatabase *self)
{
  g_return_val_if_fail (MP_IS_DATABASE (self), 0);
  return self->schema_version;
}

void
mp_database_set_busy_timeout (MpDatabase *self,
                              int         msec)
{
  g_return_if_fail (MP_IS_DATABASE (self));
  /* _mp_database_busy_wait () reads it; sqlite3_busy_timeout () would replace it */
  g_atomic_int_set (&self->busy_timeout, msec);
}

sqlite3 *
_mp_database_get_handle (MpDatabase *self)
{
  g_return_val_if_fail (MP_IS_DATABASE (self), NULL);
  return self->db;
}

sqlite3_stmt *
_mp_database_prepare_cached (MpDatabase  *self,
                             const char  *sql,
                             GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _mp_database_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
begin (MpDatabase  *self,
       const char  *outermost,
       GError     **error)
{
  g_autofree char *sql = NULL;

  /* Inside a transaction a savepoint makes the inner work atomic on its
   * own, so that composite operations (the demo, an import) can reuse
   * the single ones. */
  if (self->depth == 0)
    sql = g_strdup (outermost);
  else
    sql = g_strdup_printf ("SAVEPOINT mp_%u", self->depth);

  if (!_mp_database_exec (self, sql, error))
    return FALSE;

  self->depth++;
  return TRUE;
}

gboolean
_mp_database_begin (MpDatabase  *self,
                    GError     **error)
{
  return begin (self, "BEGIN IMMEDIATE", error);
}

gboolean
_mp_database_begin_read (MpDatabase  *self,
                         GError     **error)
{
  /* BEGIN DEFERRED takes no lock until the first statement, and with
   * only SELECTs a shared read of the WAL snapshot, never the write lock. */
  return begin (self, "BEGIN DEFERRED", error);
}

gboolean
_mp_database_commit (MpDatabase  *self,
                     GError     **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE mp_%u", self->depth - 1);

  if (!_mp_database_exec (self, sql, error))
    return FALSE; /* still in the transaction: the caller rolls back */

  self->depth--;
  return TRUE;
}

void
_mp_database_rollback (MpDatabase *self)
{
  GHashTableIter iter;
  gpointer stmt;

  if (self->depth == 0)
    return;

  /* Statements still stepping would keep the transaction alive. */
  g_hash_table_iter_init (&iter, self->statements);
  while (g_hash_table_iter_next (&iter, NULL, &stmt))
    sqlite3_reset (stmt);

  if (self->depth == 1)
    {
      if (sqlite3_get_autocommit (self->db) == 0)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("ROLLBACK TO mp_%u; RELEASE mp_%u",
                                              self->depth - 1, self->depth - 1);
      sqlite3_exec (self->db, sql, NULL, NULL, NULL);
    }
  self->depth--;
}

gboolean
_mp_database_in_transaction (MpDatabase *self)
{
  return self->depth > 0;
}

gboolean
_mp_database_step_done (MpDatabase    *self,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _mp_database_set_error (self, rc, error);

  return TRUE;
}

gboolean
_mp_database_step_int64 (MpDatabase    *self,
                         sqlite3_stmt  *stmt,
                         gint64        *out,
                         GError       **error)
{
  int rc = sqlite3_step (stmt);

  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _mp_database_set_error (self, rc, error);

  return TRUE;
}

void
_mp_bind_text_or_null (sqlite3_stmt *stmt,
                       int           index,
                       const char   *text)
{
  if (text == NULL || text[0] == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

const char *
_mp_column_text (sqlite3_stmt *stmt,
                 int           index)
{
  const char *text = (const char *) sqlite3_column_text (stmt, index);

  return text != NULL ? text : "";
}

char *
_mp_uuid_new (void)
{
  guint8 b[16];

  mp_random_bytes (b, sizeof b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;

  {
    static const char hex[] = "0123456789abcdef";
    char *uuid = g_malloc (37);
    char *p = uuid;

    for (guint i = 0; i < 16; i++)
      {
        if (i == 4 || i == 6 || i == 8 || i == 10)
          *p++ = '-';
        *p++ = hex[b[i] >> 4];
        *p++ = hex[b[i] & 0xf];
      }
    *p = '\0';
    return uuid;
  }
}
