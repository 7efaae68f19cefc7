/* mp-csv-private.h: what the CSV import and export agree on */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether a spreadsheet would take text starting like @text for a
 * formula: = @ tab CR, or + - followed by something not a digit (so a
 * phone number "+47 ..." or "-5" stays as it is). The export puts a '
 * before such text (after any ' it already starts with), the import
 * takes one off again, so the two are exact inverses. */
static inline gboolean
_mp_csv_is_formula_trigger (const char *text)
{
  switch (text[0])
    {
    case '=': case '@': case '\t': case '\r':
      return TRUE;
    case '+': case '-':
      return text[1] != '\0' && !g_ascii_isdigit (text[1]);
    default:
      return FALSE;
    }
}

static inline gboolean
_mp_csv_needs_formula_guard (const char *text)
{
  while (*text == '\'')
    text++;
  return _mp_csv_is_formula_trigger (text);
}

G_END_DECLS
