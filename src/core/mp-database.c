#define G_LOG_DOMAIN "mp-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/random.h>
#include <unistd.h>

#include "mp-database-private.h"
#include "mp-file-private.h"
#include "mp-file.h"
#include "mp-random.h"
#include "mp-text-private.h"

#include "mp-schema.h"

struct _MpDatabase
{
  GObject      parent_instance;

  sqlite3     *db;
  char        *path;
  GHashTable  *statements;   /* const char *sql → sqlite3_stmt * */
  int          schema_version;
  guint        depth;        /* 0: none, 1: BEGIN, >1: savepoints */
  int          busy_timeout; /* ms; read by mp_database_open_worker() */
};

#define DEFAULT_BUSY_TIMEOUT 3000

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

static gboolean
query_int (MpDatabase  *self,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }

  if (rc != SQLITE_OK)
    {
      _mp_database_set_error (self, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
check_identity (MpDatabase  *self,
                gint64      *out_version,
                GError     **error)
{
  gint64 application_id = 0, version = 0, n_objects = 0;
  g_autofree char *display = g_filename_display_name (self->path);

  /* Reading only: a file we refuse is left exactly as it was. */
  if (!query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "PRAGMA user_version", &version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return FALSE;

  if (application_id != MP_APPLICATION_ID && (application_id != 0 || n_objects > 0))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_NOT_MOTEPLASS,
                   _("“%s” is a database of another program, not of Møteplass. It was not changed."),
                   display);
      return FALSE;
    }

  if (version > MP_SCHEMA_VERSION)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_TOO_NEW,
                   _("“%s” was made by a newer version of Møteplass (database version %d; this program knows up to %d). Update Møteplass to open it; the file was not changed."),
                   display, (int) version, MP_SCHEMA_VERSION);
      return FALSE;
    }

  *out_version = version;
  return TRUE;
}

static gboolean
migrate (MpDatabase  *self,
         GError     **error)
{
  gint64 version = 0;
  g_autofree char *set_version = NULL;

  if (!_mp_database_begin (self, error))
    return FALSE;

  /* Another program may have migrated while we waited for the lock. */
  if (!check_identity (self, &version, error))
    goto failed;

  for (gint64 v = version; v < MP_SCHEMA_VERSION; v++)
    {
      g_debug ("Migrating %s from version %d to %d", self->path, (int) v, (int) v + 1);
      if (!_mp_database_exec (self, mp_schema_migrations[v], error))
        goto failed;
    }

  if (version != MP_SCHEMA_VERSION)
    {
      set_version = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                                     MP_SCHEMA_VERSION, MP_APPLICATION_ID);
      if (!_mp_database_exec (self, set_version, error))
        goto failed;
    }

  if (!_mp_database_commit (self, error))
    goto failed;

  self->schema_version = MP_SCHEMA_VERSION;
  return TRUE;

failed:
  _mp_database_rollback (self);
  return FALSE;
}

MpDatabase *
mp_database_open (const char       *path,
                  MpDatabaseFlags   flags,
                  GError          **error)
{
  g_autoptr(MpDatabase) self = NULL;
  gint64 version = 0;
  int open_flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MP_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);

  if (flags & MP_DATABASE_FLAGS_READ_ONLY)
    open_flags |= SQLITE_OPEN_READONLY;
  else if (flags & MP_DATABASE_FLAGS_MUST_EXIST)
    open_flags |= SQLITE_OPEN_READWRITE;
  else
    open_flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

  if ((flags & (MP_DATABASE_FLAGS_MUST_EXIST | MP_DATABASE_FLAGS_READ_ONLY)) &&
      !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, MP_ERROR, MP_ERROR_CANT_OPEN,
                   _("There is no database “%s”."), display);
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db, open_flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_for (path, self->db, rc, error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  mp_database_set_busy_timeout (self, DEFAULT_BUSY_TIMEOUT);
  sqlite3_create_collation_v2 (self->db, "NORWEGIAN", SQLITE_UTF8, NULL,
                               norwegian_collation, NULL);

  if (!check_identity (self, &version, error))
    return NULL;

  if (version < MP_SCHEMA_VERSION && (flags & MP_DATABASE_FLAGS_READ_ONLY))
    {
      set_error_for (path, self->db, SQLITE_READONLY, error);
      return NULL;
    }

  if (!(flags & MP_DATABASE_FLAGS_READ_ONLY))
    {
      /* WAL lets several desks read while one writes; FULL makes a
       * commit durable before it returns. */
      if (!_mp_database_exec (self,
                              "PRAGMA journal_mode = WAL;"
                              "PRAGMA synchronous = FULL;",
                              error))
        return NULL;
    }

  /* An 8 MB page cache: the window, the desk and the CLI read a few
   * pages at a time, or pass over a table once; a larger cache only
   * grows the process (the window opening 100,000 attendees kept 64 MB
   * of pages it never read again). A large import raises it while it
   * runs (mp_store_import). */
  if (!_mp_database_exec (self,
                          "PRAGMA foreign_keys = ON;"
                          "PRAGMA secure_delete = ON;"
                          "PRAGMA cache_size = -8192;"
                          "PRAGMA temp_store = MEMORY;",
                          error))
    return NULL;

  if (version < MP_SCHEMA_VERSION)
    {
      if (!migrate (self, error))
        return NULL;
    }
  else
    self->schema_version = version;

  /* From now on no file Møteplass writes may replace it (mp-file.c). */
  _mp_file_register_database (self, path);

  return g_steal_pointer (&self);
}

static gboolean
is_in_memory (const char *path)
{
  return path[0] == '\0' || g_str_equal (path, ":memory:");
}

gboolean
mp_database_can_open_worker (MpDatabase *self)
{
  g_return_val_if_fail (MP_IS_DATABASE (self), FALSE);
  return !is_in_memory (self->path);
}

MpDatabase *
mp_database_open_worker (MpDatabase       *main_db,
                         MpDatabaseFlags   flags,
                         GError          **error)
{
  MpDatabase *worker;

  g_return_val_if_fail (MP_IS_DATABASE (main_db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_in_memory (main_db->path))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_CANT_OPEN,
                           _("A database in memory cannot be opened a second time."));
      return NULL;
    }

  worker = mp_database_open (main_db->path, flags | MP_DATABASE_FLAGS_MUST_EXIST, error);
  if (worker != NULL)
    mp_database_set_busy_timeout (worker, g_atomic_int_get (&main_db->busy_timeout));

  return worker;
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
  g_atomic_int_set (&self->busy_timeout, msec);
  sqlite3_busy_timeout (self->db, msec);
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

gboolean
mp_database_backup (MpDatabase    *self,
                    const char    *dest_path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(MpFileWriter) writer = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (MP_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  /* SQLite writes the copy into the writer's temporary file by its
   * name; the writer syncs it and renames it into place. */
  writer = mp_file_writer_new (dest_path, error);
  if (writer == NULL)
    return FALSE;

  rc = sqlite3_open_v2 (mp_file_writer_get_temp_path (writer), &dest,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    goto sqlite_failed;

  backup = sqlite3_backup_init (dest, "main", self->db, "main");
  if (backup == NULL)
    {
      rc = sqlite3_errcode (dest);
      goto sqlite_failed;
    }

  /* Copy in steps so that desks can keep writing in between; the backup
   * restarts by itself if another connection changes the file. */
  do
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          sqlite3_backup_finish (backup);
          sqlite3_close (dest);
          g_set_error (error, MP_ERROR, MP_ERROR_CANCELLED, _("The backup was stopped."));
          return FALSE;
        }

      rc = sqlite3_backup_step (backup, 512);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (20);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    goto sqlite_failed;

  /* A backup that does not read back is no backup. */
  rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE; PRAGMA quick_check;", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto sqlite_failed;

  rc = sqlite3_close (dest);
  dest = NULL;
  if (rc != SQLITE_OK)
    goto sqlite_failed;

  return mp_file_writer_commit (writer, error);

sqlite_failed:
  set_error_for (dest_path, dest, rc, error);
  if (dest != NULL)
    sqlite3_close (dest);
  return FALSE;
}

char *
mp_database_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "moteplass", "moteplass.db", NULL);
}
