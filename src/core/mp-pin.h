/* mp-pin.h: the kiosk PIN, kept only as a salted, slow hash.
 *
 * The PIN that lets a volunteer leave kiosk mode is never stored as
 * written. mp_pin_hash() makes a libsodium crypto_pwhash_str() string
 * (Argon2id, its own random salt, the cost inside the string), which goes
 * into the GSettings key kiosk-pin-hash; mp_pin_verify() checks a typed
 * PIN against it in constant time.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE for 4 to 12 ASCII digits, nothing else. */
gboolean  mp_pin_is_acceptable (const char *pin);

/* A hash string for kiosk-pin-hash; the caller frees it. Fails with
 * MP_ERROR_INVALID when the PIN is not acceptable, MP_ERROR_FAILED when
 * hashing runs out of memory. Slow on purpose (tenths of a second): do
 * not call it per keystroke. */
char     *mp_pin_hash          (const char  *pin,
                                GError     **error);

/* TRUE when pin matches hash. FALSE for a NULL/empty hash (no PIN set:
 * the caller decides what that means), a malformed hash or a wrong PIN.
 * Also slow on purpose. */
gboolean  mp_pin_verify        (const char *hash,
                                const char *pin);

G_END_DECLS
