/* Ticket tokens and what a scanner may type */
#include "config.h"

#include <string.h>

#include "mp-ticket.h"

static void
test_token_is_random_and_well_formed (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint bit_counts[5] = { 0 };

  for (guint i = 0; i < 2000; i++)
    {
      char *token = mp_ticket_token_new ();

      g_assert_true (mp_ticket_token_is_valid (token));
      g_assert_cmpuint (strlen (token), ==, MP_TICKET_TOKEN_CHARS);
      g_assert_false (g_hash_table_contains (seen, token));
      /* the low bits of the first character: a biased source shows here */
      for (guint b = 0; b < 5; b++)
        {
          const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
          guint v = strchr (alphabet, token[0]) - alphabet;
          bit_counts[b] += (v >> b) & 1;
        }
      g_hash_table_add (seen, token);
    }

  for (guint b = 0; b < 5; b++)
    {
      g_assert_cmpuint (bit_counts[b], >, 850);
      g_assert_cmpuint (bit_counts[b], <, 1150);
    }
}

static void
test_parse_canonical (void)
{
  g_autofree char *token = mp_ticket_token_new ();
  g_autofree char *text = mp_ticket_text_for_token (token);
  g_autofree char *parsed = mp_ticket_parse (text, -1);

  g_assert_cmpuint (strlen (text), ==, 3 + MP_TICKET_TOKEN_CHARS);
  g_assert_true (g_str_has_prefix (text, "MP1"));
  g_assert_cmpstr (parsed, ==, token);
}

static void
test_parse_what_scanners_type (void)
{
  const char *token = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const char *variants[] = {
    "MP1ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "mp1abcdefghijklmnopqrstuvwxyz",          /* caps lock */
    "  MP1ABCDEFGHIJKLMNOPQRSTUVWXYZ\r\n",    /* scanner suffix */
    "MP1:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "MP1-ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "MP1\xc3\x98" "ABCDEFGHIJKLMNOPQRSTUVWXYZ", /* ':' on a Norwegian layout */
  };

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *parsed = mp_ticket_parse (variants[i], -1);
      g_assert_cmpstr (parsed, ==, token);
    }
}

/* The code printed under the QR, and what a person types from it when
 * the scanner fails: the groups with or without their spaces, hyphens,
 * lower case, and 0 1 8 for the O I B they look like. */
static void
test_readable_code_typed_back (void)
{
  const char *token = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  g_autofree char *readable = mp_ticket_format_readable (token);
  g_autofree char *fresh = mp_ticket_token_new ();
  g_autofree char *fresh_readable = mp_ticket_format_readable (fresh);
  g_autofree char *fresh_parsed = mp_ticket_parse (fresh_readable, -1);
  const char *typed[] = {
    "MP1 ABCD EFGH IJKL MNOP QRST UVWX YZ",
    "mp1 abcd efgh ijkl mnop qrst uvwx yz",
    "MP1-ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ",
    "MP1 ABCDEFGH IJKL  MNOP QRST UVWXYZ",
    "MP1 A8CD EFGH 1JKL MN0P QRST UVWX YZ",      /* 8 for B, 1 for I, 0 for O */
    " MP1 ABCD EFGH IJKL MNOP QRST UVWX YZ\n",
  };
  const char *not_typed[] = {
    "MP1 ABCD EFGH IJKL MNOP QRST UVWX Y",       /* a group short */
    "MP1 ABCD EFGH IJKL MNOP QRST UVWX YZA",     /* one too many */
    "MP1 ABCD EFGH IJKL MNOP QRST UVWX Y9",      /* 9 is nothing */
    "MP1 ABCD.EFGH IJKL MNOP QRST UVWX YZ",      /* a dot inside */
    "MP2 ABCD EFGH IJKL MNOP QRST UVWX YZ",
  };

  g_assert_cmpstr (readable, ==, "MP1 ABCD EFGH IJKL MNOP QRST UVWX YZ");
  g_assert_cmpstr (fresh_parsed, ==, fresh);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autofree char *parsed = mp_ticket_parse (typed[i], -1);

      g_assert_cmpstr (parsed, ==, token);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_typed); i++)
    g_assert_null (mp_ticket_parse (not_typed[i], -1));
}

static void
test_parse_rejects_everything_else (void)
{
  const char *bad[] = {
    "",
    "MP1",
    "MP2ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "MP1ABCDEFGHIJKLMNOPQRSTUVWXY",           /* too short */
    "MP1ABCDEFGHIJKLMNOPQRSTUVWXYZA",         /* too long */
    "MP1ABCDEFGHIJKLMNOPQRSTUVWXY1",          /* 1 is not base32 */
    "MP1::ABCDEFGHIJKLMNOPQRSTUVWXY",
    "https://example.com/",
    "7038010013690",                          /* an EAN barcode */
    "MP1ABCDEFGHIJKLMNOPQRST\xff\xfeVWXYZ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_null (mp_ticket_parse (bad[i], -1));

  g_assert_null (mp_ticket_parse (NULL, -1));
  /* a length shorter than the string is respected */
  g_assert_null (mp_ticket_parse ("MP1ABCDEFGHIJKLMNOPQRSTUVWXYZ", 10));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ticket/token/random-and-well-formed", test_token_is_random_and_well_formed);
  g_test_add_func ("/ticket/parse/canonical", test_parse_canonical);
  g_test_add_func ("/ticket/parse/what-scanners-type", test_parse_what_scanners_type);
  g_test_add_func ("/ticket/parse/rejects-everything-else", test_parse_rejects_everything_else);
  g_test_add_func ("/ticket/parse/readable-code-typed-back", test_readable_code_typed_back);

  return g_test_run ();
}
