#define G_LOG_DOMAIN "mp-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mp-file-private.h"
#include "mp-file.h"

/* Open databases */

/* The files SQLite keeps beside a database, by their suffix. */
static const char *const database_suffixes[] = { "", "-wal", "-shm", "-journal" };

typedef struct
{
  gconstpointer  owner;
  char          *path;       /* absolute */
  char          *base;       /* its file name */
  gboolean       have_dir;   /* its folder, links followed */
  dev_t          dir_dev;
  ino_t          dir_ino;
  gboolean       have_file;  /* the file itself, when it was opened */
  dev_t          dev;
  ino_t          ino;
} OpenDatabase;

static GMutex     registry_lock;
static GPtrArray *registry;   /* OpenDatabase */

static void
open_database_free (OpenDatabase *db)
{
  g_free (db->path);
  g_free (db->base);
  g_free (db);
}

void
_mp_file_register_database (gconstpointer  owner,
                            const char    *path)
{
  OpenDatabase *db;
  g_autofree char *dir = NULL;
  GStatBuf st;

  if (path == NULL || path[0] == '\0' || g_str_equal (path, ":memory:"))
    return;

  db = g_new0 (OpenDatabase, 1);
  db->owner = owner;
  db->path = g_canonicalize_filename (path, NULL);
  db->base = g_path_get_basename (db->path);
  dir = g_path_get_dirname (db->path);
  if (g_stat (dir, &st) == 0)
    {
      db->have_dir = TRUE;
      db->dir_dev = st.st_dev;
      db->dir_ino = st.st_ino;
    }
  if (g_stat (db->path, &st) == 0)
    {
      db->have_file = TRUE;
      db->dev = st.st_dev;
      db->ino = st.st_ino;
    }

  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_ptr_array_new_with_free_func ((GDestroyNotify) open_database_free);
  g_ptr_array_add (registry, db);
  g_mutex_unlock (&registry_lock);
}

void
_mp_file_unregister_database (gconstpointer owner)
{
  g_mutex_lock (&registry_lock);
  for (guint i = 0; registry != NULL && i < registry->len; )
    {
      OpenDatabase *db = g_ptr_array_index (registry, i);

      if (db->owner == owner)
        g_ptr_array_remove_index_fast (registry, i);
      else
        i++;
    }
  if (registry != NULL && registry->len == 0)
    g_clear_pointer (&registry, g_ptr_array_unref);
  g_mutex_unlock (&registry_lock);
}

/* The name @path ends at once its symbolic links are followed (a link
 * to a file that does not exist yet still names where it would be). */
static char *
follow_links (const char *path)
{
  char *current = g_strdup (path);

  for (guint hops = 0; hops < 40; hops++)
    {
      g_autofree char *target = NULL;
      GStatBuf st;
      char *next;

      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        break;
      target = g_file_read_link (current, NULL);
      if (target == NULL)
        break;

      if (g_path_is_absolute (target))
        next = g_steal_pointer (&target);
      else
        {
          g_autofree char *dir = g_path_get_dirname (current);

          next = g_build_filename (dir, target, NULL);
        }
      g_free (current);
      current = next;
    }

  return current;
}

static gboolean
same_inode (const GStatBuf *st,
            dev_t           dev,
            ino_t           ino)
{
  return st->st_dev == dev && st->st_ino == ino;
}

/* Whether @path is, or would be, one of @db's files. Called with the
 * registry locked. */
static gboolean
is_database_file (const OpenDatabase *db,
                  gboolean            exists,
                  const GStatBuf     *target,
                  gboolean            have_dir,
                  const GStatBuf     *dir,
                  const char         *base)
{
  for (guint i = 0; i < G_N_ELEMENTS (database_suffixes); i++)
    {
      g_autofree char *name = g_strconcat (db->base, database_suffixes[i], NULL);

      if (have_dir && db->have_dir && same_inode (dir, db->dir_dev, db->dir_ino) &&
          g_str_equal (base, name))
        return TRUE;

      if (exists)
        {
          g_autofree char *file = g_strconcat (db->path, database_suffixes[i], NULL);
          GStatBuf st;

          if (g_stat (file, &st) == 0 && same_inode (target, st.st_dev, st.st_ino))
            return TRUE;
        }
    }

  return exists && db->have_file && same_inode (target, db->dev, db->ino);
}

gboolean
mp_file_check_target (const char  *path,
                      GError     **error)
{
  g_autofree char *final = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  GStatBuf target, dir_st;
  gboolean exists, have_dir, refused = FALSE;

  g_return_val_if_fail (path != NULL, FALSE);

  exists = g_stat (path, &target) == 0;
  final = follow_links (path);
  dir = g_path_get_dirname (final);
  base = g_path_get_basename (final);
  have_dir = g_stat (dir, &dir_st) == 0;

  g_mutex_lock (&registry_lock);
  for (guint i = 0; registry != NULL && i < registry->len && !refused; i++)
    refused = is_database_file (g_ptr_array_index (registry, i), exists, &target, have_dir, &dir_st, base);
  g_mutex_unlock (&registry_lock);

  if (refused)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("“%s” is an open Møteplass database or one of its files. Nothing was written; choose another name."),
                   display);
      return FALSE;
    }

  return TRUE;
}

/* Writing */

struct _MpFileWriter
{
  char     *path;
  char     *tmp_path;        /* NULL once renamed, or never made */
  int       fd;              /* -1 once closed */
  int       write_errno;     /* the first failure, 0 while all is well */
  gboolean  tmp_path_given;  /* another library wrote it by name */
  gsize     len;
  guint8    buf[64 * 1024];
};

static gboolean
set_error_from_errno (GError     **error,
                      const char  *path,
                      int          errsv)
{
  g_autofree char *display = g_filename_display_name (path);
  MpError code;

  switch (errsv)
    {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      g_set_error (error, MP_ERROR, MP_ERROR_FULL,
                   _("Could not write “%s”: the disk is full"), display);
      return FALSE;

    case EACCES:
    case EPERM:
    case EROFS:
      code = MP_ERROR_READ_ONLY;
      break;

    default:
      code = MP_ERROR_IO;
      break;
    }

  g_set_error (error, MP_ERROR, code, _("Could not write “%s”: %s"), display, g_strerror (errsv));
  return FALSE;
}

MpFileWriter *
mp_file_writer_new (const char  *path,
                    GError     **error)
{
  g_autoptr(MpFileWriter) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_name = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!mp_file_check_target (path, error))
    return NULL;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_name = g_strdup_printf (".%s.XXXXXX", base);

  self = g_new0 (MpFileWriter, 1);
  self->path = g_strdup (path);
  self->tmp_path = g_build_filename (dir, tmp_name, NULL);
  self->fd = g_mkstemp_full (self->tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (self->fd < 0)
    {
      set_error_from_errno (error, path, errno);
      g_clear_pointer (&self->tmp_path, g_free);
      return NULL;
    }
  /* mkstemp honours the umask, which may only take bits away; this
   * makes it exactly owner read and write. */
  if (fchmod (self->fd, 0600) != 0)
    g_debug ("fchmod %s: %s", self->tmp_path, g_strerror (errno));

  return g_steal_pointer (&self);
}

const char *
mp_file_writer_get_path (MpFileWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

const char *
mp_file_writer_get_temp_path (MpFileWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  self->tmp_path_given = TRUE;
  return self->tmp_path;
}

static gboolean
writer_flush (MpFileWriter *self)
{
  gsize done = 0;

  while (done < self->len && self->write_errno == 0)
    {
      ssize_t n = write (self->fd, self->buf + done, self->len - done);

      if (n < 0)
        {
          if (errno != EINTR)
            self->write_errno = errno;
          continue;
        }
      done += n;
    }
  self->len = 0;

  return self->write_errno == 0;
}

static gboolean
writer_append (MpFileWriter *self,
               const guint8 *data,
               gsize         len)
{
  if (self->fd < 0 && self->write_errno == 0)
    self->write_errno = EBADF;

  while (len > 0 && self->write_errno == 0)
    {
      gsize chunk;

      if (self->len == sizeof self->buf && !writer_flush (self))
        break;

      chunk = MIN (len, sizeof self->buf - self->len);
      memcpy (self->buf + self->len, data, chunk);
      self->len += chunk;
      data += chunk;
      len -= chunk;
    }

  return self->write_errno == 0;
}

gboolean
mp_file_writer_write (MpFileWriter  *self,
                      const void    *data,
                      gsize          len,
                      GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!writer_append (self, data, len))
    return set_error_from_errno (error, self->path, self->write_errno);

  return TRUE;
}

cairo_status_t
mp_file_writer_cairo_write (void                *writer,
                            const unsigned char *data,
                            unsigned int         length)
{
  return writer_append (writer, data, length) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

gboolean
mp_file_writer_check (MpFileWriter  *self,
                      GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->write_errno != 0)
    return set_error_from_errno (error, self->path, self->write_errno);

  return TRUE;
}

/* fsync, where the file system can; EINVAL says it cannot. */
static int
sync_fd (int fd)
{
  return fsync (fd) == 0 || errno == EINVAL ? 0 : errno;
}

gboolean
mp_file_writer_close (MpFileWriter  *self,
                      GError       **error)
{
  int fd;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->fd < 0)
    return mp_file_writer_check (self, error);

  writer_flush (self);
  fd = self->fd;
  self->fd = -1;

  /* Data first, then the name: a crash leaves the old file or the new
   * one, never a torn one. */
  if (self->write_errno == 0)
    self->write_errno = sync_fd (fd);
  if (close (fd) != 0 && self->write_errno == 0 && errno != EINTR)
    self->write_errno = errno;

  /* A library that wrote the file by its name may have made it anew. */
  if (self->write_errno == 0 && self->tmp_path_given)
    {
      fd = g_open (self->tmp_path, O_RDONLY | O_CLOEXEC, 0);
      if (fd < 0)
        self->write_errno = errno;
      else
        {
          if (fchmod (fd, 0600) != 0)
            self->write_errno = errno;
          else
            self->write_errno = sync_fd (fd);
          close (fd);
        }
    }

  return mp_file_writer_check (self, error);
}

static gboolean
sync_folder (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  int errsv;

  if (fd < 0)
    return set_error_from_errno (error, path, errno);
  errsv = sync_fd (fd);
  close (fd);
  if (errsv != 0)
    return set_error_from_errno (error, path, errsv);

  return TRUE;
}

gboolean
mp_file_writer_commit (MpFileWriter  *self,
                       GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->tmp_path != NULL, FALSE);

  /* Checked again: the target may have become a link meanwhile. */
  if (!mp_file_writer_close (self, error) ||
      !mp_file_check_target (self->path, error))
    return FALSE;

  if (g_rename (self->tmp_path, self->path) != 0)
    return set_error_from_errno (error, self->path, errno);
  g_clear_pointer (&self->tmp_path, g_free);

  return sync_folder (self->path, error);
}

gboolean
mp_file_writer_commit_new (MpFileWriter  *self,
                           const char    *path,
                           GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->tmp_path != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!mp_file_writer_close (self, error) ||
      !mp_file_check_target (path, error))
    return FALSE;

  /* link() never replaces a file. */
  if (link (self->tmp_path, path) == 0)
    g_unlink (self->tmp_path);
  else if (errno == EEXIST)
    goto exists;
  else if (errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP || errno == EMLINK)
    {
      /* File systems without hard links (a FAT memory stick): take the
       * name if it is free. Another desk could in theory take it in the
       * same instant; both files are still whole. */
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        goto exists;
      if (g_rename (self->tmp_path, path) != 0)
        return set_error_from_errno (error, path, errno);
    }
  else
    return set_error_from_errno (error, path, errno);

  g_clear_pointer (&self->tmp_path, g_free);
  return sync_folder (path, error);

exists:
  {
    g_autofree char *display = g_filename_display_name (path);

    g_set_error (error, MP_ERROR, MP_ERROR_EXISTS, _("“%s” exists already."), display);
    return FALSE;
  }
}

void
mp_file_writer_free (MpFileWriter *self)
{
  if (self == NULL)
    return;

  if (self->fd >= 0)
    close (self->fd);
  if (self->tmp_path != NULL)
    g_unlink (self->tmp_path);
  g_free (self->tmp_path);
  g_free (self->path);
  g_free (self);
}

gboolean
mp_file_replace_contents (const char  *path,
                          const void  *data,
                          gsize        len,
                          GError     **error)
{
  g_autoptr(MpFileWriter) writer = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  writer = mp_file_writer_new (path, error);

  return writer != NULL &&
         mp_file_writer_write (writer, data, len, error) &&
         mp_file_writer_commit (writer, error);
}

char *
mp_file_name_from_title (const char *title,
                         const char *fallback)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *valid = g_utf8_make_valid (title != NULL ? title : "", -1);

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|')
        continue;
      if (c == ':' || c == '/' || c == '\\')
        {
          gboolean after_word = name->len > 0 && name->str[name->len - 1] != ' ';
          gboolean before_space = g_unichar_isspace (g_utf8_get_char (g_utf8_next_char (p)));

          /* "Frokostmøte: tema" → "Frokostmøte - tema"; "A/B" → "A-B" */
          g_string_append (name, after_word && before_space ? " -" : "-");
        }
      else if (g_unichar_isspace (c) || c < 0x20 || c == 0x7f)
        {
          if (name->len > 0 && name->str[name->len - 1] != ' ')
            g_string_append_c (name, ' ');
        }
      else
        g_string_append_unichar (name, c);
    }

  while (name->len > 0 && (name->str[name->len - 1] == ' ' || name->str[name->len - 1] == '.'))
    g_string_truncate (name, name->len - 1);
  while (name->len > 0 && (name->str[0] == '.' || name->str[0] == ' '))
    g_string_erase (name, 0, 1);
  if (name->len == 0)
    g_string_assign (name, fallback != NULL ? fallback : "");

  return g_string_free (g_steal_pointer (&name), FALSE);
}
