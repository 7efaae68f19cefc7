#define G_LOG_DOMAIN "mp-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mp-database-private.h"
#include "mp-import-batch-private.h"
#include "mp-file-private.h"
#include "mp-person-name.h"
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
  gboolean     tightened;    /* was readable by others; now 0600 */
  int          busy_timeout; /* ms, atomic: read by busy_wait () and mp_database_open_worker() */
  gint64       busy_since;   /* when busy_wait () began waiting */
};

#define DEFAULT_BUSY_TIMEOUT 3000
/* How long an erasure waits for other programs to stop reading the old
 * rows before it says that traces remain (MP_ERASE_WAIT_SECONDS). */
#define DEFAULT_ERASE_WAIT_SECONDS 30
/* At open, a pending erasure is finished if that takes no longer. */
#define OPEN_ERASE_WAIT_MS 1000

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
static void
define_functions (sqlite3 *db)
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

/* What a schema holds, as a set of strings: "table", "table.column"
 * and the names of indexes, views and triggers (SQLite's own left out). */
static GHashTable *
describe_schema (sqlite3  *db,
                 int      *out_rc)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      if (name != NULL)
        g_hash_table_add (set, g_strdup (name));
      if (name != NULL && g_strcmp0 (type, "table") == 0)
        g_ptr_array_add (tables, g_strdup (name));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      *out_rc = rc;
      return NULL;
    }

  for (guint i = 0; i < tables->len; i++)
    {
      rc = sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info (?)", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        sqlite3_bind_text (stmt, 1, tables->pdata[i], -1, SQLITE_STATIC);
      while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_hash_table_add (set, g_strdup_printf ("%s.%s", (char *) tables->pdata[i],
                                                  (const char *) sqlite3_column_text (stmt, 0)));
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          *out_rc = rc;
          return NULL;
        }
    }

  *out_rc = SQLITE_OK;
  return g_steal_pointer (&set);
}

/* The schema the migrations up to @version make, built once per process
 * in a database in memory. */
static GHashTable *
reference_schema (int version)
{
  static GHashTable *references[MP_SCHEMA_VERSION + 1];
  static GMutex lock;
  GHashTable *reference;

  g_return_val_if_fail (version >= 0 && version <= MP_SCHEMA_VERSION, NULL);

  g_mutex_lock (&lock);
  if (references[version] == NULL)
    {
      sqlite3 *db = NULL;
      int rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

      define_functions (db);
      for (int v = 0; rc == SQLITE_OK && v < version; v++)
        rc = sqlite3_exec (db, mp_schema_migrations[v], NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        references[version] = describe_schema (db, &rc);
      if (rc != SQLITE_OK)
        g_error ("The migrations do not run in memory: %s", sqlite3_errmsg (db));
      sqlite3_close (db);
    }
  reference = references[version];
  g_mutex_unlock (&lock);

  return reference;
}

/* A file that claims @version holds what that version made (more is
 * allowed: an index someone added), and nothing a later migration is
 * about to create. Otherwise its version was forged or its tables were
 * changed by hand or by another program, and migrating it would fail
 * halfway with SQLite's words, or worse, succeed on the wrong tables. */
static gboolean
schema_matches_version (MpDatabase  *self,
                        int          version,
                        GError     **error)
{
  g_autoptr(GHashTable) actual = NULL;
  GHashTable *expected = reference_schema (version);
  GHashTableIter iter;
  gpointer item;
  int rc;

  actual = describe_schema (self->db, &rc);
  if (actual == NULL)
    return _mp_database_set_error (self, rc, error);

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    if (!g_hash_table_contains (actual, item))
      {
        g_debug ("%s: “%s” of version %d is missing", self->path, (char *) item, version);
        return FALSE;
      }

  /* every later version's, not only the latest: a later migration may
   * make something that a still later one drops again */
  for (int later = version + 1; later <= MP_SCHEMA_VERSION; later++)
    {
      g_hash_table_iter_init (&iter, reference_schema (later));
      while (g_hash_table_iter_next (&iter, &item, NULL))
        if (!g_hash_table_contains (expected, item) && g_hash_table_contains (actual, item))
          {
            g_debug ("%s: “%s” of a later version is there already", self->path, (char *) item);
            return FALSE;
          }
    }

  return TRUE;
}

static gboolean
check_identity (MpDatabase  *self,
                gint64      *out_version,
                GError     **error)
{
  gint64 application_id = 0, version = 0, n_objects = 0;
  g_autofree char *display = g_filename_display_name (self->path);
  g_autoptr(GError) local_error = NULL;

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

  if (version > MP_SCHEMA_VERSION && application_id == MP_APPLICATION_ID)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_TOO_NEW,
                   _("“%s” was made by a newer version of Møteplass (database version %d; this program knows up to %d). Update Møteplass to open it; the file was not changed."),
                   display, (int) version, MP_SCHEMA_VERSION);
      return FALSE;
    }

  /* Only two states are ours: a new, empty file (no id, version 0), or
   * a Møteplass file of a version this program knows whose tables are
   * those of that version. A negative or otherwise forged version, or
   * tables changed by hand, is never migrated. */
  if (application_id == 0 ? version != 0
                          : (version < 1 || version > MP_SCHEMA_VERSION ||
                             !schema_matches_version (self, (int) version, &local_error)))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error (error, MP_ERROR, MP_ERROR_NOT_MOTEPLASS,
                   _("“%s” was made by another program or by a newer Møteplass: its database version (%d) and its tables are not those of any Møteplass this program knows. It was not changed."),
                   display, (int) version);
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

  g_assert (version >= 0 && version <= MP_SCHEMA_VERSION);
  for (gint64 v = version; v < MP_SCHEMA_VERSION; v++)
    {
      int rc;

      g_debug ("Migrating %s from version %d to %d", self->path, (int) v, (int) v + 1);
      rc = sqlite3_exec (self->db, mp_schema_migrations[v], NULL, NULL, NULL);
      if (rc == SQLITE_ERROR || (rc & 0xff) == SQLITE_CONSTRAINT)
        {
          g_autofree char *display = g_filename_display_name (self->path);

          /* The schema check lets through what it cannot see (a
           * trigger, a row that breaks a new rule). */
          g_set_error (error, MP_ERROR, MP_ERROR_NOT_MOTEPLASS,
                       _("“%s” could not be brought up to date from database version %d (%s); it may have been changed by another program. It was not changed."),
                       display, (int) v, sqlite3_errmsg (self->db));
          goto failed;
        }
      if (rc != SQLITE_OK)
        {
          _mp_database_set_error (self, rc, error);
          goto failed;
        }
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

static gboolean
finish_pending_erasure (MpDatabase  *self,
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

  return finish_pending_erasure (self, _mp_database_get_erase_wait_ms (), out_clean, error);
}

/* Another connection has the write lock (the hub's worker applying a
 * few rows, another desk on the same file, an import's short
 * transaction): look again every 50 µs for the first 2 ms, then every
 * millisecond, until the timeout. SQLite's own handler sleeps 1, 2, 5,
 * 10 … ms, so one short wait cost a check-in 1 to 18 ms, many times its
 * whole budget. */
static int
busy_wait (void *data,
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

/* ":memory:" and "" are SQLite's databases without a file. */
static gboolean
is_in_memory (const char *path)
{
  return path[0] == '\0' || g_str_equal (path, ":memory:");
}

/* Creates @path empty and readable by its owner only, whatever the
 * umask, before SQLite opens it: SQLite gives the -wal, -shm and
 * -journal files the mode of the database, so they are private too.
 * *@created is FALSE when the file was there already. */
static gboolean
create_private_file (const char  *path,
                     gboolean    *created,
                     GError     **error)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);

  *created = FALSE;
  if (fd < 0)
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *dir_display = g_filename_display_name (dir);

      switch (errsv)
        {
        case EEXIST:
          return TRUE;
        case EACCES:
        case EPERM:
        case EROFS:
          g_set_error (error, MP_ERROR, MP_ERROR_READ_ONLY,
                       _("Cannot create “%s”: the folder “%s” is read-only. Choose a folder you may write in."),
                       display, dir_display);
          return FALSE;
        case ENOENT:
        case ENOTDIR:
          g_set_error (error, MP_ERROR, MP_ERROR_CANT_OPEN,
                       _("Cannot create “%s”: there is no folder “%s”."),
                       display, dir_display);
          return FALSE;
        case ENOSPC:
        case EDQUOT:
          g_set_error (error, MP_ERROR, MP_ERROR_FULL,
                       _("Cannot create “%s”: the disk is full."), display);
          return FALSE;
        default:
          g_set_error (error, MP_ERROR, MP_ERROR_IO,
                       _("Cannot create “%s”: %s"), display, g_strerror (errsv));
          return FALSE;
        }
    }

  /* A umask of 0277 would leave even the owner unable to write. */
  if (fchmod (fd, 0600) != 0)
    g_debug ("fchmod %s: %s", path, g_strerror (errno));
  close (fd);
  *created = TRUE;
  return TRUE;
}

/* A database, or its -wal or -shm, that others on this computer may
 * read is made readable by its owner only (when that is us). */
static gboolean
tighten_permissions (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  gboolean tightened = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      struct stat st;

      if (stat (file, &st) != 0 || !S_ISREG (st.st_mode) ||
          (st.st_mode & 0077) == 0 || st.st_uid != geteuid ())
        continue;
      if (chmod (file, st.st_mode & 0700) == 0)
        tightened = TRUE;
      else
        g_debug ("chmod %s: %s", file, g_strerror (errno));
    }

  return tightened;
}

static void
remove_new_file (const char *path)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };
  struct stat st;

  /* Only if nothing was written: another program may have begun to
   * use a file that we created a moment ago. */
  if (stat (path, &st) != 0 || st.st_size != 0)
    return;
  g_unlink (path);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static MpDatabase *
open_database (const char       *path,
               MpDatabaseFlags   flags,
               GError          **error)
{
  g_autoptr(MpDatabase) self = NULL;
  gint64 version = 0;
  int open_flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  int rc;

  self = g_object_new (MP_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);

  if (flags & MP_DATABASE_FLAGS_READ_ONLY)
    open_flags |= SQLITE_OPEN_READONLY;
  else if (is_in_memory (path))
    open_flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  else
    open_flags |= SQLITE_OPEN_READWRITE;

  rc = sqlite3_open_v2 (path, &self->db, open_flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_for (path, self->db, rc, error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_handler (self->db, busy_wait, self);
  mp_database_set_busy_timeout (self, DEFAULT_BUSY_TIMEOUT);
  define_functions (self->db);

  if (!check_identity (self, &version, error))
    return NULL;

  if (version < MP_SCHEMA_VERSION && (flags & MP_DATABASE_FLAGS_READ_ONLY))
    {
      set_error_for (path, self->db, SQLITE_READONLY, error);
      return NULL;
    }

  if (!(flags & MP_DATABASE_FLAGS_READ_ONLY))
    self->tightened = tighten_permissions (path);

  /* FULL makes a commit durable before it returns.
   *
   * An 8 MB page cache: the window, the desk and the CLI read a few
   * pages at a time, or pass over a table once; a larger cache only
   * grows the process (the window opening 100,000 attendees kept 64 MB
   * of pages it never read again). A large import raises it while it
   * runs (mp_store_import). */
  if (!_mp_database_exec (self,
                          "PRAGMA synchronous = FULL;"
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

  /* WAL lets several desks read while one writes. Set after the
   * migrations, so that a file whose migration fails is left exactly as
   * it was, journal mode included. */
  if (!(flags & MP_DATABASE_FLAGS_READ_ONLY) &&
      !_mp_database_exec (self, "PRAGMA journal_mode = WAL;", error))
    return NULL;

  /* An import killed halfway leaves its unfinished batch, which nobody
   * sees; it is removed now (mp-import-batch-private.h). Failing that
   * (another desk holds the lock), the next open tries again. */
  if (!(flags & MP_DATABASE_FLAGS_READ_ONLY))
    {
      g_autoptr(GError) recover_error = NULL;

      if (!_mp_import_batch_recover (self, &recover_error))
        g_debug ("%s: an unfinished import is not removed yet: %s", path, recover_error->message);
    }

  /* An erasure that could not wipe its traces (another program was
   * reading) is finished now, if that is quick. */
  if (!(flags & MP_DATABASE_FLAGS_READ_ONLY))
    {
      g_autoptr(GError) scrub_error = NULL;
      gboolean clean;

      if (!finish_pending_erasure (self, OPEN_ERASE_WAIT_MS, &clean, &scrub_error))
        g_debug ("%s: a pending erasure is not finished: %s", path, scrub_error->message);
    }

  /* From now on no file Møteplass writes may replace it (mp-file.c). */
  _mp_file_register_database (self, path);

  return g_steal_pointer (&self);
}

MpDatabase *
mp_database_open (const char       *path,
                  MpDatabaseFlags   flags,
                  GError          **error)
{
  MpDatabase *self;
  gboolean created = FALSE;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((flags & (MP_DATABASE_FLAGS_MUST_EXIST | MP_DATABASE_FLAGS_READ_ONLY)) &&
      !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, MP_ERROR, MP_ERROR_CANT_OPEN,
                   _("There is no database “%s”."), display);
      return NULL;
    }

  if (!(flags & (MP_DATABASE_FLAGS_MUST_EXIST | MP_DATABASE_FLAGS_READ_ONLY)) &&
      !is_in_memory (path) && !create_private_file (path, &created, error))
    return NULL;

  self = open_database (path, flags, error);
  if (self == NULL && created)
    remove_new_file (path);

  return self;
}

gboolean
mp_database_get_permissions_tightened (MpDatabase *self)
{
  g_return_val_if_fail (MP_IS_DATABASE (self), FALSE);
  return self->tightened;
}

char *
mp_database_dup_permissions_notice (MpDatabase *self)
{
  g_autofree char *display = NULL;

  g_return_val_if_fail (MP_IS_DATABASE (self), NULL);

  if (!self->tightened)
    return NULL;

  display = g_filename_display_name (self->path);
  return g_strdup_printf (_("“%s” could be read by other users of this computer. It is now readable by you only."),
                          display);
}

gboolean
mp_database_prepare_folder (const char  *path,
                            GError     **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *default_path = NULL;
  g_autofree char *default_folder = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, MP_ERROR,
                   errsv == EACCES || errsv == EROFS || errsv == EPERM ? MP_ERROR_READ_ONLY : MP_ERROR_CANT_OPEN,
                   _("The folder “%s” cannot be created: %s"),
                   display, g_strerror (errsv));
      return FALSE;
    }

  /* Møteplass's own folder holds nothing but its data: ours alone. A
   * folder the user chose (--db) is theirs to set. */
  default_path = mp_database_dup_default_path ();
  default_folder = g_path_get_dirname (default_path);
  if (g_strcmp0 (folder, default_folder) == 0)
    {
      struct stat st;

      if (stat (folder, &st) == 0 && (st.st_mode & 0077) != 0 && st.st_uid == geteuid ())
        g_chmod (folder, 0700);
    }

  return TRUE;
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
  /* busy_wait () reads it; sqlite3_busy_timeout () would replace it */
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

char *
mp_database_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "moteplass", "moteplass.db", NULL);
}
