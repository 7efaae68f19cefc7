/* mp-backup.h: copies of the database, plain or sealed with a passphrase,
 * and putting one back
 *
 * mp_database_backup() (declared in mp-database.h) writes a plain copy.
 * A sealed copy is the same copy encrypted with a key derived from a
 * passphrase (libsodium: Argon2id with a random salt, then
 * XChaCha20-Poly1305 secretstream in 64 KiB parts, the last one marked
 * final), for a backup that leaves the building on a USB stick.
 *
 * The file: "MPBACKUP", format 1, the key derivation (Argon2id 1.3),
 * its opslimit and memlimit, the salt, a check value of the key (so a
 * wrong passphrase is told from a damaged file), the stream header, then
 * the parts. Everything before the parts is authenticated with the first
 * part, so a header that was changed fails as a damaged file.
 *
 * Every temporary file these write is named .moteplass-backup-XXXXXX or
 * .moteplass-restore-XXXXXX, 0600, beside the file it becomes (a sealed
 * backup's plain copy: beside the database); one left by a backup that
 * was killed is removed by the next backup (in the destination's folder
 * and the database's) or restore (in the destination's folder). One
 * still being written by another process is not: each holds a shared
 * lock on its folders while it runs.
 */
#pragma once

#include "mp-database.h"

G_BEGIN_DECLS

/* Passphrases shorter than this are refused. */
#define MP_BACKUP_MIN_PASSPHRASE 8

typedef enum
{
  MP_RESTORE_FLAGS_NONE  = 0,
  /* Replace @dest_path when it exists (never while a program has it
   * open: that is refused with MP_ERROR_BUSY). */
  MP_RESTORE_FLAGS_FORCE = 1 << 0,
} MpRestoreFlags;

/* MP_ERROR_INVALID, with words to show, when @passphrase is too short. */
gboolean  mp_backup_check_passphrase  (const char    *passphrase,
                                       GError       **error);

/* A consistent copy of the live database, sealed with @passphrase,
 * written beside @dest_path and renamed into place. The plain copy it
 * seals is made beside the database (which is as private) and removed. */
gboolean  mp_database_backup_sealed   (MpDatabase    *self,
                                       const char    *dest_path,
                                       const char    *passphrase,
                                       GCancellable  *cancellable,
                                       GError       **error);

/* TRUE when the file at @path is a sealed backup (by its first bytes);
 * FALSE with no error for any other file, FALSE with @error when it
 * cannot be read. */
gboolean  mp_backup_is_sealed         (const char    *path,
                                       GError       **error);

/* Puts the backup at @backup_path (sealed: @passphrase opens it; plain:
 * @passphrase is ignored) in place as @dest_path, after checking it
 * whole: every part of a sealed file and its final mark, then SQLite's
 * integrity check of the database it holds. It appears at @dest_path
 * in WAL mode, whole or not at all. A wrong passphrase
 * (MP_ERROR_PASSPHRASE), a damaged or cut-off file (MP_ERROR_CORRUPT),
 * an existing @dest_path without MP_RESTORE_FLAGS_FORCE
 * (MP_ERROR_EXISTS) or one that is open (MP_ERROR_BUSY) changes nothing. */
gboolean  mp_backup_restore           (const char    *backup_path,
                                       const char    *dest_path,
                                       const char    *passphrase,
                                       MpRestoreFlags flags,
                                       GError       **error);

G_END_DECLS
