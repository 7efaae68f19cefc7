/* Norwegian order and matching of names */
#include "config.h"

#include <string.h>

#include "mp-error.h"
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

static void
assert_clean_line (const char *in,
                   const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = mp_text_clean_line (in, 1000, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, expected);
}

/* Control characters and whole terminal escapes go; the words stay. */
static void
test_clean_controls_and_escapes (void)
{
  assert_clean_line ("Desk 2", "Desk 2");
  assert_clean_line ("  Desk   2 ", "Desk 2");
  assert_clean_line ("Desk\x1b[31m 2\x1b[0m", "Desk 2");
  assert_clean_line ("\x1b]0;pwned\x07" "Desk", "Desk");              /* OSC title, BEL */
  assert_clean_line ("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"); /* OSC 8 with ST */
  assert_clean_line ("a\x1b" "cb", "ab");                         /* ESC c (reset) */
  assert_clean_line ("a\x1b(Bb", "ab");                           /* ESC ( B */
  assert_clean_line ("a\xc2\x9b" "2Jb", "ab");                      /* C1 CSI */
  assert_clean_line ("a\xc2\x85" "b", "a b");                       /* NEL is a line break */
  assert_clean_line ("a\x01\x7f\xc2\x80\xc2\x84" "b", "ab");
  assert_clean_line ("Kari\nNordmann\r\n", "Kari Nordmann");
  assert_clean_line ("\xef\xbb\xbfKari\xe2\x80\x8b", "Kari");         /* BOM, ZWSP */
  assert_clean_line ("\x1b", "");
  assert_clean_line ("\x1b[", "");
  assert_clean_line ("", "");
  g_assert_null (mp_text_clean_line (NULL, 10, NULL));
}

/* The bidi embeddings, overrides and isolates that turn text around on
 * screen ("Trojan source") go; Arabic and its marks stay. */
static void
test_clean_bidi (void)
{
  assert_clean_line ("abc\xe2\x80\xaegpj.exe", "abcgpj.exe");       /* RLO */
  assert_clean_line ("\xe2\x81\xa6x\xe2\x81\xa9", "x");              /* LRI … PDI */
  assert_clean_line ("\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7", "مرحبا");
  assert_clean_line ("Ali \xe2\x80\x8f(NAV)", "Ali \xe2\x80\x8f(NAV)");   /* RLM stays */
}

/* Every script and its combining marks stay, composed (NFC). */
static void
test_clean_keeps_scripts_nfc (void)
{
  assert_clean_line ("Олена Коваль", "Олена Коваль");
  assert_clean_line ("A\xcc\x8asen", "Åsen");                      /* A + ring → Å */
  assert_clean_line ("Nguy\xe1\xbb\x85n", "Nguyễn");
  assert_clean_line ("q\xcc\x83", "q\xcc\x83");                      /* no precomposed form */
  assert_clean_line ("Kari\xc2\xa0Nordmann", "Kari Nordmann");       /* NBSP */
}

static void
test_clean_multiline (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = mp_text_clean_multiline ("\n  Første avsnitt.  \r\n\r\n\r\n\n"
                                                  "Andre\tavsnitt\x1b[1m!\n\n", 100, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "Første avsnitt.\n\nAndre avsnitt!");
}

static void
test_clean_length_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(GError) error3 = NULL;
  g_autofree char *sixty = g_strnfill (MP_TEXT_MAX_DESK, 'x');
  g_autofree char *sixty_one = g_strnfill (MP_TEXT_MAX_DESK + 1, 'x');
  g_autofree char *ok = mp_text_clean_field (sixty, MP_TEXT_FIELD_DESK, &error);
  g_autofree char *too_long = mp_text_clean_field (sixty_one, MP_TEXT_FIELD_DESK, &error2);
  g_autoptr(GString) aeoeaa = g_string_new (NULL);
  g_autofree char *counted = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (ok, ==, sixty);
  g_assert_null (too_long);
  g_assert_error (error2, MP_ERROR, MP_ERROR_INVALID);
  g_assert_nonnull (strstr (error2->message, "desk name"));
  g_assert_nonnull (strstr (error2->message, "60"));
  g_assert_nonnull (strstr (error2->message, "61"));

  /* characters, not bytes: 200 letters "å" are 400 bytes and allowed */
  for (guint i = 0; i < MP_TEXT_MAX_TITLE; i++)
    g_string_append (aeoeaa, "å");
  counted = mp_text_clean_field (aeoeaa->str, MP_TEXT_FIELD_TITLE, &error3);
  g_assert_no_error (error3);
  g_assert_cmpuint (g_utf8_strlen (counted, -1), ==, MP_TEXT_MAX_TITLE);

  /* not UTF-8 */
  {
    g_autoptr(GError) e = NULL;
    g_assert_null (mp_text_clean_field ("Ol\xff" "a", MP_TEXT_FIELD_NAME, &e));
    g_assert_error (e, MP_ERROR, MP_ERROR_INVALID);
  }

  g_assert_cmpuint (mp_text_field_max_chars (MP_TEXT_FIELD_NAME), ==, 500);
  g_assert_cmpuint (mp_text_field_max_chars (MP_TEXT_FIELD_DESCRIPTION), ==, MP_TEXT_MAX_DESCRIPTION);
}

/* 100,000 characters of hostile text are cleaned in one pass. */
static void
test_clean_long_hostile_text (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (s, "\x1b[31mx\xcc\x81 ");
  out = mp_text_clean_line (s->str, 100000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_utf8_strlen (out, -1), ==, 10000 * 3 - 1);   /* x, its accent, a space */
  g_assert_null (strchr (out, 0x1b));
}

static void
test_dup_capped (void)
{
  g_autofree char *a = mp_text_dup_capped ("Dialogmøte", 5);
  g_autofree char *b = mp_text_dup_capped ("Møte", 4);
  g_autofree char *c = mp_text_dup_capped (NULL, 4);

  g_assert_cmpstr (a, ==, "Dialo…");
  g_assert_cmpstr (b, ==, "Møte");
  g_assert_cmpstr (c, ==, "");
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
  g_test_add_func ("/text/clean/controls-and-escapes", test_clean_controls_and_escapes);
  g_test_add_func ("/text/clean/bidi-overrides", test_clean_bidi);
  g_test_add_func ("/text/clean/keeps-scripts-nfc", test_clean_keeps_scripts_nfc);
  g_test_add_func ("/text/clean/multiline", test_clean_multiline);
  g_test_add_func ("/text/clean/length-limits", test_clean_length_limits);
  g_test_add_func ("/text/clean/long-hostile-text", test_clean_long_hostile_text);
  g_test_add_func ("/text/dup-capped", test_dup_capped);

  return g_test_run ();
}
