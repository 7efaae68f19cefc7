/* mp-csv-private.h: what the CSV import and export agree on */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether a spreadsheet would take text starting like @text for a
 * formula, or for a number it then computes with: = + - @ tab CR LF.
 * Numbers too ("-5", "+47 …"): a cell of text stays text. The writer
 * (mp-csv-writer.c) puts a ' before such text (after any ' it already
 * starts with), the import takes one off again, so the two are exact
 * inverses. */
static inline gboolean
_mp_csv_is_formula_trigger (const char *text)
{
  switch (text[0])
    {
    case '=': case '+': case '-': case '@': case '\t': case '\r': case '\n':
      return TRUE;
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
