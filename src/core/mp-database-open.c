/* mp-database-open.c: opening a database: the file created private or
 * tightened, the pragmas, the migrations run, an unfinished import and
 * erasure finished; a worker thread's second connection; the data folder
 */
#define G_LOG_DOMAIN "mp-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mp-database-object-private.h"
#include "mp-import-batch-private.h"
#include "mp-file-private.h"

#define DEFAULT_BUSY_TIMEOUT 3000
/* At open, a pending erasure is finished if that takes no longer. */
#define OPEN_ERASE_WAIT_MS 1000

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
      _mp_database_set_error_for (path, self->db, rc, error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_handler (self->db, _mp_database_busy_wait, self);
  mp_database_set_busy_timeout (self, DEFAULT_BUSY_TIMEOUT);
  _mp_database_define_functions (self->db);

  if (!_mp_database_check_identity (self, &version, error))
    return NULL;

  if (version < MP_SCHEMA_VERSION && (flags & MP_DATABASE_FLAGS_READ_ONLY))
    {
      _mp_database_set_error_for (path, self->db, SQLITE_READONLY, error);
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
      if (!_mp_database_migrate (self, error))
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

      if (!_mp_database_finish_pending_erasure (self, OPEN_ERASE_WAIT_MS, &clean, &scrub_error))
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

char *
mp_database_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "moteplass", "moteplass.db", NULL);
}
