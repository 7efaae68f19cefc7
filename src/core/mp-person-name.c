#define G_LOG_DOMAIN "mp-person-name"

#include "config.h"

#include <string.h>

#include "mp-person-name.h"
#include "mp-text-private.h"

/* Words before a family name that belong to it: "van der Berg",
 * "de la Cruz", "bin Salem". */
static const char *const particles[] = {
  "van", "von", "de", "der", "den", "da", "di", "du", "dos", "das", "del", "della",
  "la", "le", "al", "el", "bin", "ibn", "ter", "ten", "af", "zu", NULL
};

/* Last words that are not a family name (and Roman numerals). */
static const char *const suffixes[] = {
  "jr", "sr", NULL
};

static gboolean
is_roman_numeral (const char *word)
{
  if (word[0] == '\0')
    return FALSE;
  for (const char *p = word; *p != '\0'; p++)
    if (*p != 'I' && *p != 'V' && *p != 'X')
      return FALSE;
  return TRUE;
}

/* Scripts whose names are written given name first. Marks, hyphens and
 * apostrophes are of the common or inherited script. */
static gboolean
script_given_first (GUnicodeScript script)
{
  switch (script)
    {
    case G_UNICODE_SCRIPT_LATIN:
    case G_UNICODE_SCRIPT_GREEK:
    case G_UNICODE_SCRIPT_CYRILLIC:
    case G_UNICODE_SCRIPT_ARMENIAN:
    case G_UNICODE_SCRIPT_GEORGIAN:
      return TRUE;
    default:
      return FALSE;
    }
}

/* A word of a name: letters, marks, inner hyphens and apostrophes, and
 * the full stop of an initial ("J."). All its letters are of @script,
 * which the first letter of the name sets. */
static gboolean
is_name_word (const char     *word,
              GUnicodeScript *script)
{
  gboolean letter = FALSE;

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c))
        {
          GUnicodeScript s = g_unichar_get_script (c);

          if (*script == G_UNICODE_SCRIPT_INVALID_CODE)
            *script = s;
          if (s != *script)
            return FALSE;
          letter = TRUE;
        }
      else if (g_unichar_ismark (c))
        continue;
      else if (c == '-' || c == '\'' || c == 0x2019 || c == '.')
        {
          if (p == word)
            return FALSE;
        }
      else
        return FALSE;
    }

  return letter;
}

static gboolean
word_in (const char        *word,
         const char *const *list)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);
  gsize len = strlen (lower);

  if (len > 0 && lower[len - 1] == '.')
    lower[len - 1] = '\0';
  return g_strv_contains (list, lower);
}

gboolean
mp_person_name_split (const char  *name,
                      char       **out_given,
                      char       **out_family)
{
  g_auto(GStrv) words = NULL;
  GUnicodeScript script = G_UNICODE_SCRIPT_INVALID_CODE;
  guint n, first_family;
  const char *last;

  g_return_val_if_fail (out_given != NULL && out_family != NULL, FALSE);

  *out_given = NULL;
  *out_family = NULL;
  if (name == NULL)
    return FALSE;

  words = g_strsplit (name, " ", -1);
  n = g_strv_length (words);
  if (n < 2)
    return FALSE;

  for (guint i = 0; i < n; i++)
    if (words[i][0] == '\0' || !is_name_word (words[i], &script))
      return FALSE;
  if (!script_given_first (script))
    return FALSE;

  last = words[n - 1];
  if (word_in (last, suffixes) || is_roman_numeral (last) || g_str_has_suffix (last, ".") || g_utf8_strlen (last, -1) < 2)
    return FALSE;

  /* "van Gogh", "de Gaulle": a surname alone ("Al Gore" is not). */
  if (n == 2 && g_strv_contains (particles, words[0]))
    return FALSE;

  /* The particles before the last word go with it; at least one word is
   * left for the given name. */
  first_family = n - 1;
  while (first_family > 1 && word_in (words[first_family - 1], particles))
    first_family--;

  {
    GString *given = g_string_new (words[0]);
    GString *family = g_string_new (words[first_family]);

    for (guint i = 1; i < first_family; i++)
      g_string_append_printf (given, " %s", words[i]);
    for (guint i = first_family + 1; i < n; i++)
      g_string_append_printf (family, " %s", words[i]);
    *out_given = g_string_free (given, FALSE);
    *out_family = g_string_free (family, FALSE);
  }

  return TRUE;
}

char *
mp_person_name_join (const char *given,
                     const char *family)
{
  gboolean has_given = given != NULL && given[0] != '\0';
  gboolean has_family = family != NULL && family[0] != '\0';

  if (has_given && has_family)
    return g_strconcat (given, " ", family, NULL);
  return g_strdup (has_given ? given : has_family ? family : "");
}

GBytes *
mp_person_name_sort_key (const char *name,
                         const char *given,
                         const char *family)
{
  GByteArray *key = g_byte_array_sized_new (64);
  static const guint8 end = 0x00;

  if (name == NULL)
    name = "";

  /* Each part ends with the lowest byte, so "Berg" comes before
   * "Bergen" whatever follows. */
  if (family != NULL && family[0] != '\0')
    {
      _mp_text_append_sort_weights (key, family);
      g_byte_array_append (key, &end, 1);
      _mp_text_append_sort_weights (key, given);
    }
  else
    {
      _mp_text_append_sort_weights (key, name);
      g_byte_array_append (key, &end, 1);
    }
  g_byte_array_append (key, &end, 1);
  /* the name as written breaks the ties */
  g_byte_array_append (key, (const guint8 *) name, strlen (name));

  return g_byte_array_free_to_bytes (key);
}
