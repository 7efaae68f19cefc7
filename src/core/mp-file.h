/* mp-file.h: every file Møteplass writes, written one safe way
 *
 * CSV exports, mailing lists, a person's data, reports (PDF, CSV,
 * XLSX), tickets (PDF, PNG), badges and backups all go through here:
 *
 *  - written under a temporary name beside the target (".name.XXXXXX"),
 *    synced to disk, then renamed over it: the target is the old file
 *    or the whole new one, never a torn one, even after a power cut;
 *  - created readable and writable by their owner only (0600), whatever
 *    the umask: they hold personal data;
 *  - never written over a database this process has open, nor its -wal,
 *    -shm or -journal file, nor a symbolic or hard link to any of them
 *    (a person picking "moteplass.db" in a save dialog by mistake):
 *    MP_ERROR_INVALID, and nothing is touched.
 *
 * Whole contents in memory: mp_file_replace_contents(). Large outputs
 * stream through an MpFileWriter: write (or let cairo write), then
 * commit; freeing a writer that was not committed removes its temporary
 * file and leaves the target as it was. A writer is used by one thread
 * at a time.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "mp-error.h"

G_BEGIN_DECLS

/* Writes @data to @path as described above. */
/* A file name to suggest from an event's title, without what file
 * systems refuse: a colon or slash is a hyphen, " - " between words
 * ("Frokostmøte: tema" → "Frokostmøte - tema", never two spaces);
 * * ? " < > | are left out, control characters and runs of white space
 * are one space; no dot or space at either end; @fallback when nothing
 * is left. */
char           *mp_file_name_from_title     (const char    *title,
                                             const char    *fallback);

gboolean        mp_file_replace_contents    (const char    *path,
                                             const void    *data,
                                             gsize          len,
                                             GError       **error);

/* Whether Møteplass may write @path: FALSE with MP_ERROR_INVALID when it
 * is, or names through links, an open database or one of its files.
 * When @path does not exist yet, its folder and name are compared.
 * Every writer checks this itself; callers need not. */
gboolean        mp_file_check_target        (const char    *path,
                                             GError       **error);

typedef struct _MpFileWriter MpFileWriter;

/* Starts writing @path: checks it (mp_file_check_target()) and creates
 * the temporary file beside it, 0600. */
MpFileWriter   *mp_file_writer_new          (const char    *path,
                                             GError       **error);
const char     *mp_file_writer_get_path     (MpFileWriter  *self);

/* The temporary file's name, for libraries that write to a file name
 * (libxlsxwriter): let them write it, then commit. Whatever they do to
 * its mode, it is 0600 again when the writer closes it. */
const char     *mp_file_writer_get_temp_path (MpFileWriter *self);

/* Buffered; the first failure is kept and reported by every later call
 * and by the commit. */
gboolean        mp_file_writer_write        (MpFileWriter  *self,
                                             const void    *data,
                                             gsize          len,
                                             GError       **error);
/* A cairo_write_func_t with the writer as its closure, for
 * cairo_pdf_surface_create_for_stream() and
 * cairo_surface_write_to_png_stream(). */
cairo_status_t  mp_file_writer_cairo_write  (void                 *writer,
                                             const unsigned char  *data,
                                             unsigned int          length);
/* The error behind the first failed write, if any (after cairo reported
 * CAIRO_STATUS_WRITE_ERROR): FALSE and @error set then, else TRUE. */
gboolean        mp_file_writer_check        (MpFileWriter  *self,
                                             GError       **error);

/* Flushes, syncs and closes the temporary file: whole on disk, still
 * under its temporary name. To commit several files together (the
 * pages of a PNG export), close them all first; then each commit is a
 * rename only. The commit closes the file if this was not called. */
gboolean        mp_file_writer_close        (MpFileWriter  *self,
                                             GError       **error);
/* Renames the file over its target (checked again first) and syncs the
 * folder. After a failure the target is as it was. */
gboolean        mp_file_writer_commit       (MpFileWriter  *self,
                                             GError       **error);
/* Gives the file the name @path (in the same folder as the target the
 * writer was made for) only if no file has it: MP_ERROR_EXISTS when one
 * does, and the writer is left as it was, to try another name. Two
 * desks saving into one folder never replace each other's files. */
gboolean        mp_file_writer_commit_new   (MpFileWriter  *self,
                                             const char    *path,
                                             GError       **error);
/* Removes the temporary file unless committed, and frees the writer. */
void            mp_file_writer_free         (MpFileWriter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpFileWriter, mp_file_writer_free)

G_END_DECLS
