/* mp-error.h: the error domain of the Møteplass core
 *
 * Every core function that can fail sets a GError in MP_ERROR whose code
 * says why, so that the window and the CLI can tell a person what to do.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MP_ERROR (mp_error_quark ())

typedef enum
{
  MP_ERROR_FAILED,         /* anything not covered below */
  MP_ERROR_BUSY,           /* the database is locked by another program */
  MP_ERROR_CORRUPT,        /* the file is damaged */
  MP_ERROR_NOT_MOTEPLASS,  /* the file is not a Møteplass database */
  MP_ERROR_TOO_NEW,        /* made by a newer version of Møteplass */
  MP_ERROR_FULL,           /* the disk is full */
  MP_ERROR_READ_ONLY,      /* the file or folder cannot be written */
  MP_ERROR_CANT_OPEN,      /* the file cannot be opened at all */
  MP_ERROR_NOT_FOUND,      /* no such event, person, registration */
  MP_ERROR_INVALID,        /* the input given is not acceptable */
  MP_ERROR_EXISTS,         /* it is there already */
  MP_ERROR_IO,             /* reading or writing a file failed */
  MP_ERROR_CANCELLED,      /* the user stopped it */
  MP_ERROR_PRINTER,        /* the printer is missing, stopped or refused */
  MP_ERROR_NETWORK,        /* the hub cannot be reached, or refused the login */
  MP_ERROR_PASSPHRASE,     /* the passphrase does not open the backup */
} MpError;

GQuark mp_error_quark (void);

G_END_DECLS
