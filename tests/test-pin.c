/* The kiosk PIN: only a salted slow hash is kept, and it verifies */
#include "config.h"

#include <string.h>

#include "mp-error.h"
#include "mp-pin.h"

static void
test_acceptable (void)
{
  const char *good[] = { "0000", "1234", "000000000000", "987654" };
  const char *bad[] = { "", "123", "1234567890123", "12a4", " 1234", "1234 ",
                        "١٢٣٤" /* Arabic-Indic digits are not ASCII digits */,
                        "-123", "+1234" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (mp_pin_is_acceptable (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (mp_pin_is_acceptable (bad[i]));
  g_assert_false (mp_pin_is_acceptable (NULL));
}

static void
test_hash_and_verify (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = mp_pin_hash ("4711", &error);

  g_assert_no_error (error);
  g_assert_nonnull (hash);
  /* Argon2id string; the PIN itself is nowhere in it */
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_null (strstr (hash, "4711"));

  g_assert_true (mp_pin_verify (hash, "4711"));
  g_assert_false (mp_pin_verify (hash, "4712"));
  g_assert_false (mp_pin_verify (hash, "47110"));
  g_assert_false (mp_pin_verify (hash, ""));
  g_assert_false (mp_pin_verify (hash, NULL));
}

static void
test_salted (void)
{
  g_autofree char *a = mp_pin_hash ("123456", NULL);
  g_autofree char *b = mp_pin_hash ("123456", NULL);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  /* a fresh salt each time: equal PINs give different hashes */
  g_assert_cmpstr (a, !=, b);
  g_assert_true (mp_pin_verify (a, "123456"));
  g_assert_true (mp_pin_verify (b, "123456"));
}

static void
test_rejects_bad_pin (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = mp_pin_hash ("12", &error);

  g_assert_null (hash);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
}

static void
test_no_or_broken_hash (void)
{
  g_autofree char *hash = mp_pin_hash ("2468", NULL);
  g_autofree char *truncated = g_strndup (hash, strlen (hash) / 2);
  g_autofree char *huge = g_strnfill (4096, 'x');

  g_assert_false (mp_pin_verify (NULL, "2468"));
  g_assert_false (mp_pin_verify ("", "2468"));
  g_assert_false (mp_pin_verify ("2468", "2468"));   /* a PIN stored in clear is not a hash */
  g_assert_false (mp_pin_verify (truncated, "2468"));
  g_assert_false (mp_pin_verify (huge, "2468"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pin/acceptable", test_acceptable);
  g_test_add_func ("/pin/hash-and-verify", test_hash_and_verify);
  g_test_add_func ("/pin/salted", test_salted);
  g_test_add_func ("/pin/rejects-bad-pin", test_rejects_bad_pin);
  g_test_add_func ("/pin/no-or-broken-hash", test_no_or_broken_hash);

  return g_test_run ();
}
