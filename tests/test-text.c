/* Norwegian order and matching of names */
#include "config.h"

#include <string.h>

#include "mp-text.h"

static void
assert_fold (const char *in,
             const char *expected)
{
  g_autofree char *folded = mp_text_fold (in);
  g_assert_cmpstr (folded, ==, expected);
}

static void
test_fold_norwegian_letters (void)
{
  assert_fold ("Sørensen", "sorensen");
  assert_fold ("SØRENSEN", "sorensen");
  assert_fold ("Åsen", "asen");
  assert_fold ("Aasen", "asen");
  assert_fold ("Østby", "ostby");
  assert_fold ("Sæther", "saether");
  assert_fold ("  Åse-Marit   Sørensen ", "ase marit sorensen");
  assert_fold ("Hélène Müller", "helene muller");
  assert_fold ("kari.nordmann@nav.no", "kari nordmann nav no");
  assert_fold ("Олена Коваль", "олена коваль");
  assert_fold ("", "");
  assert_fold (NULL, "");
}

static void
test_fold_invalid_utf8_is_skipped (void)
{
  assert_fold ("Ol\xff" "a", "ola");
}

static void
test_collate_ae_oe_aa_after_z (void)
{
  const char *sorted[] = {
    "Andersen", "Berg", "Olsen", "Zakariassen", "Æsøy", "Østby", "Åsen",
  };

  for (guint i = 0; i + 1 < G_N_ELEMENTS (sorted); i++)
    {
      g_test_message ("%s < %s", sorted[i], sorted[i + 1]);
      g_assert_cmpint (mp_text_collate (sorted[i], sorted[i + 1]), <, 0);
      g_assert_cmpint (mp_text_collate (sorted[i + 1], sorted[i]), >, 0);
    }
}

static void
test_collate_aa_sorts_as_aa_letter (void)
{
  /* Aasen is spelt the old way, but sorts with Åsen, after Østby */
  g_assert_cmpint (mp_text_collate ("Aasen", "Østby"), >, 0);
  g_assert_cmpint (mp_text_collate ("Aasen", "Zahl"), >, 0);
  g_assert_cmpint (mp_text_collate ("Aasen", "Åsen"), !=, 0);
}

static void
test_collate_ignores_case_first (void)
{
  g_assert_cmpint (mp_text_collate ("berg", "Bergen"), <, 0);
  g_assert_cmpint (mp_text_collate ("Berg", "berg"), !=, 0);
  g_assert_cmpint (mp_text_collate ("ola", "Ola"), !=, 0);
  g_assert_cmpint (mp_text_collate ("Ola", "Ola"), ==, 0);
  g_assert_cmpint (mp_text_collate ("ola nordmann", "Ola Olsen"), <, 0);
}

static void
test_sort_key_matches_collate (void)
{
  const char *names[] = { "Åsen", "aasen", "Berg", "berg", "Ødegård", "Olsen", "Ola", "Zahl", "Ærø", "10", "9", "Олена" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    for (guint j = 0; j < G_N_ELEMENTS (names); j++)
      {
        g_autoptr(GBytes) a = mp_text_sort_key (names[i]);
        g_autoptr(GBytes) b = mp_text_sort_key (names[j]);
        int by_key = g_bytes_compare (a, b);
        int by_collate = mp_text_collate (names[i], names[j]);

        g_assert_cmpint ((by_key > 0) - (by_key < 0), ==, (by_collate > 0) - (by_collate < 0));
      }
}

static void
test_matches_word_prefixes (void)
{
  g_autofree char *text = mp_text_fold ("Kari Sørensen NAV Vestland kari.sorensen@nav.no");
  g_autofree char *q1 = mp_text_fold ("Sorensen");
  g_autofree char *q2 = mp_text_fold ("sor kar");
  g_autofree char *q3 = mp_text_fold ("vest");
  g_autofree char *q4 = mp_text_fold ("ensen");
  g_autofree char *q5 = mp_text_fold ("kari.sorensen@nav");
  g_autofree char *q6 = mp_text_fold ("sor olsen");

  g_assert_true (mp_text_folded_matches (text, q1));
  g_assert_true (mp_text_folded_matches (text, q2));
  g_assert_true (mp_text_folded_matches (text, q3));
  g_assert_false (mp_text_folded_matches (text, q4));
  g_assert_true (mp_text_folded_matches (text, q5));
  g_assert_false (mp_text_folded_matches (text, q6));
  g_assert_true (mp_text_folded_matches (text, ""));
}

static void
test_normalize_space (void)
{
  g_autofree char *a = mp_text_normalize_space ("  Kari \n\t Nordmann\xef\xbb\xbf ");
  g_autofree char *b = mp_text_normalize_space ("\xc2\xa0Ola\xc2\xa0Nordmann");

  g_assert_cmpstr (a, ==, "Kari Nordmann");
  g_assert_cmpstr (b, ==, "Ola Nordmann");
  g_assert_null (mp_text_normalize_space (NULL));
}

static void
test_email (void)
{
  g_autofree char *key = mp_text_email_key ("  Kari.Nordmann@NAV.no ");

  g_assert_cmpstr (key, ==, "kari.nordmann@nav.no");
  g_assert_null (mp_text_email_key ("   "));
  g_assert_true (mp_text_email_is_valid ("kari@nav.no"));
  g_assert_true (mp_text_email_is_valid ("ola+møte@kommune.no"));
  g_assert_false (mp_text_email_is_valid ("kari@nav"));
  g_assert_false (mp_text_email_is_valid ("kari nav.no"));
  g_assert_false (mp_text_email_is_valid ("@nav.no"));
  g_assert_false (mp_text_email_is_valid ("kari@@nav.no"));
  g_assert_false (mp_text_email_is_valid ("kari@nav.no; ola@nav.no"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/fold/norwegian-letters", test_fold_norwegian_letters);
  g_test_add_func ("/text/fold/invalid-utf8-is-skipped", test_fold_invalid_utf8_is_skipped);
  g_test_add_func ("/text/collate/ae-oe-aa-after-z", test_collate_ae_oe_aa_after_z);
  g_test_add_func ("/text/collate/aa-sorts-as-aa-letter", test_collate_aa_sorts_as_aa_letter);
  g_test_add_func ("/text/collate/case-is-a-tie-breaker", test_collate_ignores_case_first);
  g_test_add_func ("/text/sort-key/matches-collate", test_sort_key_matches_collate);
  g_test_add_func ("/text/match/word-prefixes", test_matches_word_prefixes);
  g_test_add_func ("/text/normalize-space", test_normalize_space);
  g_test_add_func ("/text/email", test_email);

  return g_test_run ();
}
