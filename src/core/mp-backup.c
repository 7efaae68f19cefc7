#define G_LOG_DOMAIN "mp-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mp-backup.h"
#include "mp-database-private.h"
#include "mp-file.h"

#define MAGIC            "MPBACKUP"
#define MAGIC_BYTES      8
#define FORMAT_VERSION   1
#define KDF_ARGON2ID13   1
#define KEY_CHECK_BYTES  16
#define PART_BYTES       (64 * 1024)
/* magic, format, kdf, 2 reserved, opslimit (u32), memlimit (u64), salt,
 * key check; then the secretstream header */
#define HEADER_BYTES     (MAGIC_BYTES + 4 + 4 + 8 + crypto_pwhash_SALTBYTES + KEY_CHECK_BYTES)
#define STREAM_BYTES     crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define ABYTES           crypto_secretstream_xchacha20poly1305_ABYTES

/* Moderate: about half a second and 256 MiB here, once per backup. */
#define SEAL_OPSLIMIT    crypto_pwhash_OPSLIMIT_MODERATE
#define SEAL_MEMLIMIT    crypto_pwhash_MEMLIMIT_MODERATE
/* What a file may ask of the reader: more is a damaged (or hostile)
 * header, not a reason to take gigabytes. */
#define MAX_OPSLIMIT     (4 * crypto_pwhash_OPSLIMIT_SENSITIVE)
#define MAX_MEMLIMIT     ((guint64) crypto_pwhash_MEMLIMIT_SENSITIVE)

static const char *const temp_kinds[] = { "backup", "restore" };
static const char *const companions[] = { "-wal", "-shm", "-journal" };

static gboolean
ensure_sodium (GError **error)
{
  static gsize initialised = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&initialised))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&initialised, 1);
    }

  if (!ok)
    g_set_error_literal (error, MP_ERROR, MP_ERROR_FAILED,
                         _("The encryption library could not be started."));
  return ok;
}

static gboolean
set_io_error (GError     **error,
              int          errsv,
              const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, MP_ERROR, errsv == ENOSPC || errsv == EDQUOT ? MP_ERROR_FULL : MP_ERROR_IO,
               _("Could not write “%s”: %s"), display, g_strerror (errsv));
  return FALSE;
}

static gboolean
fsync_path (const char  *path,
            gboolean     directory,
            GError     **error)
{
  int fd = open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);

  if (fd < 0 || fsync (fd) != 0)
    {
      int errsv = errno;

      if (fd >= 0)
        close (fd);
      return set_io_error (error, errsv, path);
    }

  close (fd);
  return TRUE;
}

static void
unlink_with_companions (const char *path)
{
  g_unlink (path);
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *companion = g_strconcat (path, companions[i], NULL);
      g_unlink (companion);
    }
}


/* Temporary files, and those a killed backup left behind */

/* ".moteplass-backup-XXXXXX" or ".moteplass-restore-XXXXXX" (as
 * g_mkstemp makes them), alone or with SQLite's -wal, -shm, -journal. */
static gboolean
is_temp_name (const char *name)
{
  for (guint k = 0; k < G_N_ELEMENTS (temp_kinds); k++)
    {
      g_autofree char *prefix = g_strdup_printf (".moteplass-%s-", temp_kinds[k]);
      const char *rest;

      if (!g_str_has_prefix (name, prefix))
        continue;
      rest = name + strlen (prefix);
      for (guint i = 0; i < 6; i++)
        if (!g_ascii_isalnum (rest[i]))
          return FALSE;
      rest += 6;
      if (*rest == '\0')
        return TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
        if (g_str_equal (rest, companions[i]))
          return TRUE;
      return FALSE;
    }
  return FALSE;
}

/* A folder in which temporary files are made. While a backup or a
 * restore runs it holds a shared lock on the folder; whoever gets the
 * folder's exclusive lock knows that no one else is writing there, so
 * every temporary file in it was left by a process that died. */
typedef struct
{
  char *dir;
  int   fd;
} TempFolder;

static void
temp_folder_enter (TempFolder *folder,
                   const char *dir)
{
  folder->dir = g_strdup (dir);
  folder->fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (folder->fd < 0)
    return; /* creating the file in it says why */

  if (flock (folder->fd, LOCK_EX | LOCK_NB) == 0)
    {
      g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
      const char *name;

      while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
        if (is_temp_name (name))
          {
            g_debug ("Removing %s/%s, left by a backup that did not finish", dir, name);
            unlinkat (folder->fd, name, 0);
          }
    }

  /* From exclusive to shared, or shared from the start when another
   * backup is running here; a file system without flock goes on
   * without cleaning. */
  if (flock (folder->fd, LOCK_SH) != 0)
    g_debug ("flock %s: %s", dir, g_strerror (errno));
}

static void
temp_folder_leave (TempFolder *folder)
{
  if (folder->fd >= 0)
    close (folder->fd);
  folder->fd = -1;
  g_clear_pointer (&folder->dir, g_free);
}

/* A new empty file .moteplass-KIND-XXXXXX in the folder, 0600. */
static char *
temp_folder_create (TempFolder  *folder,
                    const char  *kind,
                    GError     **error)
{
  g_autofree char *name = g_strdup_printf (".moteplass-%s-XXXXXX", kind);
  g_autofree char *path = g_build_filename (folder->dir, name, NULL);
  int fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (folder->dir);

      g_set_error (error, MP_ERROR,
                   errsv == ENOSPC || errsv == EDQUOT ? MP_ERROR_FULL
                   : errsv == EACCES || errsv == EROFS || errsv == EPERM ? MP_ERROR_READ_ONLY
                   : MP_ERROR_IO,
                   _("Could not write a backup in “%s”: %s"), display, g_strerror (errsv));
      return NULL;
    }
  fchmod (fd, 0600);
  close (fd);

  return g_steal_pointer (&path);
}

static gboolean
move_into_place (const char  *tmp_path,
                 const char  *dest_path,
                 GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (dest_path);

  if (!fsync_path (tmp_path, FALSE, error))
    return FALSE;

  if (g_rename (tmp_path, dest_path) != 0)
    return set_io_error (error, errno, dest_path);

  return fsync_path (dir, TRUE, error);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  struct stat sa, sb;

  return stat (a, &sa) == 0 && stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* A backup written over the database (or its -wal, -shm or journal,
 * or a link to one of them) would replace the live file under every
 * desk that has it open: mp-file.c's rule, which knows every database
 * this process has open. */
static gboolean
check_destination (const char  *dest_path,
                   GError     **error)
{
  if (!mp_file_check_target (dest_path, error))
    return FALSE;

  if (g_file_test (dest_path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (dest_path);

      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("“%s” is a folder; give the backup file’s name."), display);
      return FALSE;
    }

  return TRUE;
}


/* The plain copy */

static gboolean
query_is_ok (sqlite3     *db,
             const char  *sql,
             int         *out_rc)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      ok = rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0 &&
           sqlite3_step (stmt) == SQLITE_DONE;
      if (rc == SQLITE_ROW)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  *out_rc = rc;
  return ok;
}

/* Copies the live database into @tmp_path with SQLite's online backup
 * API, in steps so that desks can keep writing in between (the copy
 * restarts by itself when another connection changes the file). The
 * copy is left in WAL mode, as every Møteplass database is, and must
 * pass a quick check. */
static gboolean
copy_database (MpDatabase    *self,
               const char    *tmp_path,
               const char    *dest_path,
               GCancellable  *cancellable,
               GError       **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (tmp_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  backup = sqlite3_backup_init (dest, "main", _mp_database_get_handle (self), "main");
  if (backup == NULL)
    {
      rc = sqlite3_errcode (dest);
      goto failed;
    }

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
    goto failed;

  rc = sqlite3_exec (dest, "PRAGMA journal_mode = WAL;", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  /* A backup that does not read back is no backup. */
  if (!query_is_ok (dest, "PRAGMA quick_check", &rc))
    {
      if (rc == SQLITE_OK)
        rc = SQLITE_CORRUPT;
      goto failed;
    }

  /* The last connection folds the WAL into the file and removes it. */
  rc = sqlite3_close (dest);
  dest = NULL;
  if (rc != SQLITE_OK)
    goto failed;

  return TRUE;

failed:
  _mp_database_set_error_for (dest_path, dest, rc, error);
  if (dest != NULL)
    sqlite3_close (dest);
  return FALSE;
}

gboolean
mp_database_backup (MpDatabase    *self,
                    const char    *dest_path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *db_dir = NULL;
  g_autofree char *tmp_path = NULL;
  TempFolder folder, db_folder;
  gboolean ok;

  g_return_val_if_fail (MP_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (!check_destination (dest_path, error))
    return FALSE;

  /* The database's folder too: a sealed backup that was killed left
   * its plain copy there. */
  dir = g_path_get_dirname (dest_path);
  db_dir = g_path_get_dirname (mp_database_get_path (self));
  temp_folder_enter (&folder, dir);
  temp_folder_enter (&db_folder, db_dir);
  ok = (tmp_path = temp_folder_create (&folder, "backup", error)) != NULL &&
       copy_database (self, tmp_path, dest_path, cancellable, error) &&
       move_into_place (tmp_path, dest_path, error);
  if (!ok && tmp_path != NULL)
    unlink_with_companions (tmp_path);
  temp_folder_leave (&db_folder);
  temp_folder_leave (&folder);

  return ok;
}


/* Sealing */

static gboolean
read_full (int          fd,
           guint8      *buf,
           gsize        len,
           gsize       *out_got,
           const char  *path,
           GError     **error)
{
  gsize got = 0;

  while (got < len)
    {
      ssize_t n = read (fd, buf + got, len - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int errsv = errno;
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, MP_ERROR, MP_ERROR_IO,
                       _("Could not read “%s”: %s"), display, g_strerror (errsv));
          return FALSE;
        }
      if (n == 0)
        break;
      got += n;
    }

  *out_got = got;
  return TRUE;
}

static gboolean
write_all (int           fd,
           const guint8 *buf,
           gsize         len,
           const char   *path,
           GError      **error)
{
  while (len > 0)
    {
      ssize_t n = write (fd, buf, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_io_error (error, errno, path);
      buf += n;
      len -= n;
    }
  return TRUE;
}

static gboolean
derive_key (guint8        key[crypto_secretstream_xchacha20poly1305_KEYBYTES],
            const char   *passphrase,
            const guint8 *salt,
            guint64       opslimit,
            guint64       memlimit,
            GError      **error)
{
  if (crypto_pwhash (key, crypto_secretstream_xchacha20poly1305_KEYBYTES,
                     passphrase, strlen (passphrase), salt,
                     opslimit, memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_FAILED,
                           _("There is not enough memory to derive the key from the passphrase."));
      return FALSE;
    }
  return TRUE;
}

/* A value that tells whether a key is the one a file was sealed with,
 * and nothing else about it. */
static void
key_check (guint8        out[KEY_CHECK_BYTES],
           const guint8  key[crypto_secretstream_xchacha20poly1305_KEYBYTES])
{
  static const char label[] = "Møteplass backup key check";

  crypto_generichash (out, KEY_CHECK_BYTES, (const guint8 *) label, sizeof label - 1,
                      key, crypto_secretstream_xchacha20poly1305_KEYBYTES);
}

gboolean
mp_backup_check_passphrase (const char  *passphrase,
                            GError     **error)
{
  if (passphrase == NULL || !g_utf8_validate (passphrase, -1, NULL) ||
      g_utf8_strlen (passphrase, -1) < MP_BACKUP_MIN_PASSPHRASE)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("The passphrase must be at least %d characters long."),
                   MP_BACKUP_MIN_PASSPHRASE);
      return FALSE;
    }
  return TRUE;
}

static gboolean
seal (int          in_fd,
      const char  *in_path,
      int          out_fd,
      const char  *out_path,
      const char  *passphrase,
      GError     **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  guint8 header[HEADER_BYTES + STREAM_BYTES] = { 0, };
  guint8 *salt = header + MAGIC_BYTES + 16;
  g_autofree guint8 *plain = g_malloc (PART_BYTES);
  g_autofree guint8 *sealed = g_malloc (PART_BYTES + ABYTES);
  guint32 ops = GUINT32_TO_LE ((guint32) SEAL_OPSLIMIT);
  guint64 mem = GUINT64_TO_LE ((guint64) SEAL_MEMLIMIT);
  gboolean first = TRUE;
  gboolean ok = FALSE;
  guint64 size, done = 0;
  struct stat st;

  if (fstat (in_fd, &st) != 0)
    return set_io_error (error, errno, in_path);
  size = st.st_size;

  memcpy (header, MAGIC, MAGIC_BYTES);
  header[MAGIC_BYTES] = FORMAT_VERSION;
  header[MAGIC_BYTES + 1] = KDF_ARGON2ID13;
  memcpy (header + MAGIC_BYTES + 4, &ops, 4);
  memcpy (header + MAGIC_BYTES + 8, &mem, 8);
  randombytes_buf (salt, crypto_pwhash_SALTBYTES);

  if (!derive_key (key, passphrase, salt, SEAL_OPSLIMIT, SEAL_MEMLIMIT, error))
    return FALSE;
  key_check (header + HEADER_BYTES - KEY_CHECK_BYTES, key);
  crypto_secretstream_xchacha20poly1305_init_push (&state, header + HEADER_BYTES, key);
  sodium_memzero (key, sizeof key);

  if (!write_all (out_fd, header, sizeof header, out_path, error))
    goto out;

  do
    {
      gsize got = 0;
      unsigned long long sealed_len = 0;
      guint8 tag;

      if (!read_full (in_fd, plain, PART_BYTES, &got, in_path, error))
        goto out;
      done += got;
      tag = got < PART_BYTES || done >= size ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0;

      /* The header rides with the first part: change a byte of it and
       * the file fails its check. */
      crypto_secretstream_xchacha20poly1305_push (&state, sealed, &sealed_len, plain, got,
                                                  first ? header : NULL, first ? HEADER_BYTES : 0,
                                                  tag);
      first = FALSE;
      if (!write_all (out_fd, sealed, sealed_len, out_path, error))
        goto out;
      if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
        break;
    }
  while (TRUE);

  ok = TRUE;

out:
  sodium_memzero (plain, PART_BYTES);
  sodium_memzero (&state, sizeof state);
  return ok;
}

static gboolean
damaged (GError     **error,
         const char  *path,
         const char  *format)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, MP_ERROR, MP_ERROR_CORRUPT, format, display);
  return FALSE;
}

static gboolean
unseal (int          in_fd,
        const char  *in_path,
        int          out_fd,
        const char  *out_path,
        const char  *passphrase,
        GError     **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  guint8 header[HEADER_BYTES + STREAM_BYTES];
  guint8 check[KEY_CHECK_BYTES];
  g_autofree guint8 *plain = g_malloc (PART_BYTES);
  g_autofree guint8 *sealed = g_malloc (PART_BYTES + ABYTES);
  guint32 ops;
  guint64 mem;
  gboolean first = TRUE;
  gboolean ok = FALSE;
  gsize got = 0;
  guint part = 0;

  if (!read_full (in_fd, header, sizeof header, &got, in_path, error))
    return FALSE;
  if (got < MAGIC_BYTES || memcmp (header, MAGIC, MAGIC_BYTES) != 0)
    return damaged (error, in_path, _("“%s” is not a sealed Møteplass backup."));
  if (got < sizeof header)
    return damaged (error, in_path, _("“%s” is cut off: it ends inside its header. Nothing was changed."));
  if (header[MAGIC_BYTES] != FORMAT_VERSION || header[MAGIC_BYTES + 1] != KDF_ARGON2ID13)
    {
      g_autofree char *display = g_filename_display_name (in_path);

      g_set_error (error, MP_ERROR, MP_ERROR_TOO_NEW,
                   _("“%s” was sealed by a newer version of Møteplass. Update Møteplass to restore it."),
                   display);
      return FALSE;
    }

  memcpy (&ops, header + MAGIC_BYTES + 4, 4);
  memcpy (&mem, header + MAGIC_BYTES + 8, 8);
  ops = GUINT32_FROM_LE (ops);
  mem = GUINT64_FROM_LE (mem);
  if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > MAX_OPSLIMIT ||
      mem < crypto_pwhash_MEMLIMIT_MIN || mem > MAX_MEMLIMIT)
    return damaged (error, in_path, _("“%s” is damaged: its header asks for an impossible key. Nothing was changed."));

  if (!derive_key (key, passphrase, header + MAGIC_BYTES + 16, ops, mem, error))
    return FALSE;
  key_check (check, key);
  if (sodium_memcmp (check, header + HEADER_BYTES - KEY_CHECK_BYTES, KEY_CHECK_BYTES) != 0)
    {
      g_autofree char *display = g_filename_display_name (in_path);

      sodium_memzero (key, sizeof key);
      g_set_error (error, MP_ERROR, MP_ERROR_PASSPHRASE,
                   _("The passphrase does not open “%s” (or the start of the file is damaged). Nothing was changed."), display);
      return FALSE;
    }

  if (crypto_secretstream_xchacha20poly1305_init_pull (&state, header + HEADER_BYTES, key) != 0)
    {
      sodium_memzero (key, sizeof key);
      return damaged (error, in_path, _("“%s” is damaged: its header does not pass its check. Nothing was changed."));
    }
  sodium_memzero (key, sizeof key);

  while (TRUE)
    {
      unsigned long long plain_len = 0;
      guint8 tag = 0;

      if (!read_full (in_fd, sealed, PART_BYTES + ABYTES, &got, in_path, error))
        goto out;
      if (got == 0)
        {
          damaged (error, in_path, _("“%s” is cut off: its end is missing. Nothing was changed."));
          goto out;
        }
      part++;
      if (crypto_secretstream_xchacha20poly1305_pull (&state, plain, &plain_len, &tag, sealed, got,
                                                      first ? header : NULL, first ? HEADER_BYTES : 0) != 0)
        {
          g_autofree char *display = g_filename_display_name (in_path);

          g_set_error (error, MP_ERROR, MP_ERROR_CORRUPT,
                       _("“%s” is damaged or cut off (part %u does not pass its check). Nothing was changed."),
                       display, part);
          goto out;
        }
      first = FALSE;
      if (!write_all (out_fd, plain, plain_len, out_path, error))
        goto out;

      if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
        {
          guint8 extra;

          if (!read_full (in_fd, &extra, 1, &got, in_path, error))
            goto out;
          if (got != 0)
            {
              damaged (error, in_path, _("“%s” is damaged: there is more after its end. Nothing was changed."));
              goto out;
            }
          break;
        }
      if (got < PART_BYTES + ABYTES)
        {
          damaged (error, in_path, _("“%s” is cut off: its end is missing. Nothing was changed."));
          goto out;
        }
    }

  ok = TRUE;

out:
  sodium_memzero (plain, PART_BYTES);
  sodium_memzero (&state, sizeof state);
  return ok;
}

static int
open_for_reading (const char  *path,
                  GError     **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, MP_ERROR, errsv == ENOENT ? MP_ERROR_NOT_FOUND : MP_ERROR_IO,
                   _("Could not read “%s”: %s"), display, g_strerror (errsv));
    }
  return fd;
}

static int
open_for_writing (const char  *path,
                  GError     **error)
{
  int fd = open (path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW);

  if (fd < 0)
    set_io_error (error, errno, path);
  return fd;
}

gboolean
mp_database_backup_sealed (MpDatabase    *self,
                           const char    *dest_path,
                           const char    *passphrase,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *dest_dir = NULL;
  g_autofree char *db_dir = NULL;
  g_autofree char *plain_path = NULL;
  g_autofree char *sealed_path = NULL;
  TempFolder dest_folder, db_folder;
  int in_fd = -1, out_fd = -1;
  gboolean ok = FALSE;

  g_return_val_if_fail (MP_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (!mp_backup_check_passphrase (passphrase, error) ||
      !ensure_sodium (error) ||
      !check_destination (dest_path, error))
    return FALSE;

  /* The destination's folder first: when it is the database's folder
   * too, the second enter finds our own lock and does not clean twice. */
  dest_dir = g_path_get_dirname (dest_path);
  db_dir = g_path_get_dirname (mp_database_get_path (self));
  temp_folder_enter (&dest_folder, dest_dir);
  temp_folder_enter (&db_folder, db_dir);

  if ((plain_path = temp_folder_create (&db_folder, "backup", error)) == NULL ||
      !copy_database (self, plain_path, dest_path, cancellable, error) ||
      (sealed_path = temp_folder_create (&dest_folder, "backup", error)) == NULL ||
      (in_fd = open_for_reading (plain_path, error)) < 0 ||
      (out_fd = open_for_writing (sealed_path, error)) < 0 ||
      !seal (in_fd, plain_path, out_fd, sealed_path, passphrase, error))
    goto out;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  close (out_fd);
  out_fd = -1;
  ok = move_into_place (sealed_path, dest_path, error);

out:
  if (in_fd >= 0)
    close (in_fd);
  if (out_fd >= 0)
    close (out_fd);
  if (plain_path != NULL)
    unlink_with_companions (plain_path);
  if (!ok && sealed_path != NULL)
    unlink_with_companions (sealed_path);
  temp_folder_leave (&db_folder);
  temp_folder_leave (&dest_folder);
  return ok;
}

gboolean
mp_backup_is_sealed (const char  *path,
                     GError     **error)
{
  guint8 magic[MAGIC_BYTES];
  gsize got = 0;
  int fd = open_for_reading (path, error);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = read_full (fd, magic, sizeof magic, &got, path, error);
  close (fd);

  return ok && got == MAGIC_BYTES && memcmp (magic, MAGIC, MAGIC_BYTES) == 0;
}


/* Restoring */

static gboolean
copy_bytes (int          in_fd,
            const char  *in_path,
            int          out_fd,
            const char  *out_path,
            GError     **error)
{
  g_autofree guint8 *buf = g_malloc (PART_BYTES);

  while (TRUE)
    {
      gsize got = 0;

      if (!read_full (in_fd, buf, PART_BYTES, &got, in_path, error))
        return FALSE;
      if (got == 0)
        return TRUE;
      if (!write_all (out_fd, buf, got, out_path, error))
        return FALSE;
    }
}

/* The restored file must be a Møteplass database that passes SQLite's
 * full integrity check; it is left in WAL mode. */
static gboolean
check_restored (const char  *tmp_path,
                const char  *backup_path,
                GError     **error)
{
  g_autofree char *display = g_filename_display_name (backup_path);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 application_id = 0;
  int rc;

  rc = sqlite3_open_v2 (tmp_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      application_id = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_OK && application_id != MP_APPLICATION_ID)
    {
      sqlite3_close (db);
      g_set_error (error, MP_ERROR, MP_ERROR_NOT_MOTEPLASS,
                   _("“%s” does not hold a Møteplass database. Nothing was changed."), display);
      return FALSE;
    }

  if (rc == SQLITE_OK && !query_is_ok (db, "PRAGMA integrity_check", &rc))
    {
      sqlite3_close (db);
      g_set_error (error, MP_ERROR, MP_ERROR_CORRUPT,
                   _("The database in “%s” is damaged (it fails SQLite’s integrity check). Nothing was changed."),
                   display);
      return FALSE;
    }

  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA journal_mode = WAL;", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _mp_database_set_error_for (backup_path, db, rc, error);
      sqlite3_close (db);
      return FALSE;
    }

  rc = sqlite3_close (db);
  if (rc != SQLITE_OK)
    return _mp_database_set_error_for (backup_path, NULL, rc, error);

  return TRUE;
}

/* Replacing a database that a desk has open would leave the desk
 * writing into a file no one sees. Leaving WAL mode needs every other
 * connection gone, so it is the test; the connection it returns keeps
 * the file until the new one is in place. */
static sqlite3 *
claim_existing (const char  *dest_path,
                GError     **error)
{
  g_autofree char *display = g_filename_display_name (dest_path);
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (dest_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 500);
      rc = sqlite3_exec (db, "PRAGMA journal_mode = DELETE; BEGIN EXCLUSIVE;", NULL, NULL, NULL);
    }

  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    {
      sqlite3_close (db);
      g_set_error (error, MP_ERROR, MP_ERROR_BUSY,
                   _("“%s” is open in another program (a desk, or the window). Close it there first; nothing was changed."),
                   display);
      return NULL;
    }

  /* Not a database at all (or not readable as one): nothing can have
   * it open as one; it is simply replaced. */
  if (rc != SQLITE_OK)
    g_debug ("%s: %s; replaced as it is", dest_path, sqlite3_errstr (rc));
  return db;
}

gboolean
mp_backup_restore (const char      *backup_path,
                   const char      *dest_path,
                   const char      *passphrase,
                   MpRestoreFlags   flags,
                   GError         **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp_path = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3 *claimed = NULL;
  TempFolder folder;
  gboolean sealed;
  gboolean ok = FALSE;
  int in_fd = -1, out_fd = -1;

  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (same_file (backup_path, dest_path))
    {
      g_autofree char *display = g_filename_display_name (dest_path);

      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("“%s” is the backup itself; restore it under another name."), display);
      return FALSE;
    }

  /* Never over a database this process has open (another process's is
   * found by claim_existing ()). */
  if (!mp_file_check_target (dest_path, error))
    return FALSE;

  if (!(flags & MP_RESTORE_FLAGS_FORCE) && g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (dest_path);

      g_set_error (error, MP_ERROR, MP_ERROR_EXISTS,
                   _("“%s” exists already and was not replaced."), display);
      return FALSE;
    }
  if (g_file_test (dest_path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (dest_path);

      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("“%s” is a folder; give the database file’s name."), display);
      return FALSE;
    }

  sealed = mp_backup_is_sealed (backup_path, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (sealed && (passphrase == NULL || !ensure_sodium (error)))
    {
      if (passphrase == NULL)
        {
          g_autofree char *display = g_filename_display_name (backup_path);

          g_set_error (error, MP_ERROR, MP_ERROR_PASSPHRASE,
                       _("“%s” is sealed with a passphrase; it is needed to restore it."), display);
        }
      return FALSE;
    }

  dir = g_path_get_dirname (dest_path);
  temp_folder_enter (&folder, dir);

  if ((tmp_path = temp_folder_create (&folder, "restore", error)) == NULL ||
      (in_fd = open_for_reading (backup_path, error)) < 0 ||
      (out_fd = open_for_writing (tmp_path, error)) < 0)
    goto out;

  if (sealed ? !unseal (in_fd, backup_path, out_fd, tmp_path, passphrase, error)
             : !copy_bytes (in_fd, backup_path, out_fd, tmp_path, error))
    goto out;

  close (out_fd);
  out_fd = -1;
  if (!check_restored (tmp_path, backup_path, error))
    goto out;

  if (g_file_test (dest_path, G_FILE_TEST_EXISTS) &&
      (claimed = claim_existing (dest_path, error)) == NULL)
    goto out;

  /* An old -wal beside the new file would be read into it. */
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *companion = g_strconcat (dest_path, companions[i], NULL);
      g_unlink (companion);
    }

  ok = move_into_place (tmp_path, dest_path, error);

out:
  if (claimed != NULL)
    {
      sqlite3_exec (claimed, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close (claimed);
    }
  if (in_fd >= 0)
    close (in_fd);
  if (out_fd >= 0)
    close (out_fd);
  if (!ok && tmp_path != NULL)
    unlink_with_companions (tmp_path);
  temp_folder_leave (&folder);
  return ok;
}
