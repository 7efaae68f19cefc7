#define G_LOG_DOMAIN "mp-pin"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "mp-error.h"
#include "mp-pin.h"

/* Interactive limits: about a tenth of a second and 64 MiB on a laptop,
 * plenty for a PIN that only has to hold off a curious attendee at a
 * kiosk. The cost is stored in the hash, so it can be raised later. */
#define PIN_OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PIN_MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE

static gboolean
ensure_sodium (void)
{
  static gsize initialised = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&initialised))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&initialised, 1);
    }

  return ok;
}

gboolean
mp_pin_is_acceptable (const char *pin)
{
  gsize len;

  if (pin == NULL)
    return FALSE;

  len = strlen (pin);
  if (len < 4 || len > 12)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (pin[i]))
      return FALSE;

  return TRUE;
}

char *
mp_pin_hash (const char  *pin,
             GError     **error)
{
  char out[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!mp_pin_is_acceptable (pin))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("A PIN is 4 to 12 digits."));
      return NULL;
    }

  if (!ensure_sodium ()
      || crypto_pwhash_str (out, pin, strlen (pin),
                            PIN_OPSLIMIT, PIN_MEMLIMIT) != 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_FAILED,
                   _("There was not enough memory to protect the PIN."));
      return NULL;
    }

  return g_strdup (out);
}

gboolean
mp_pin_verify (const char *hash,
               const char *pin)
{
  gsize hash_len;

  if (hash == NULL || pin == NULL || *hash == '\0' || *pin == '\0')
    return FALSE;

  /* crypto_pwhash_str_verify() wants a NUL inside STRBYTES. */
  hash_len = strnlen (hash, crypto_pwhash_STRBYTES);
  if (hash_len >= crypto_pwhash_STRBYTES)
    return FALSE;

  if (!ensure_sodium ())
    return FALSE;

  return crypto_pwhash_str_verify (hash, pin, strlen (pin)) == 0;
}
