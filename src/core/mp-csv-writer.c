#define G_LOG_DOMAIN "mp-csv-writer"

#include "config.h"

#include <string.h>

#include "mp-csv-private.h"
#include "mp-csv-writer.h"

void
mp_csv_writer_init (MpCsvWriter  *writer,
                    GString      *out,
                    MpCsvDialect  dialect)
{
  g_return_if_fail (writer != NULL);
  g_return_if_fail (out != NULL);

  writer->out = out;
  writer->dialect = dialect;
  writer->separator = dialect == MP_CSV_DIALECT_EXCEL ? ';' : ',';
  writer->eol = dialect == MP_CSV_DIALECT_EXCEL ? "\r\n" : "\n";
  writer->first_in_row = TRUE;

  if (dialect == MP_CSV_DIALECT_EXCEL)
    g_string_append (out, "\xef\xbb\xbf");
}

static void
begin_cell (MpCsvWriter *writer)
{
  if (!writer->first_in_row)
    g_string_append_c (writer->out, writer->separator);
  writer->first_in_row = FALSE;
}

/* RFC 4180: quoted when it holds the separator, a quote or a line
 * break, or starts or ends with a space a reader might trim. */
static gboolean
needs_quotes (const MpCsvWriter *writer,
              const char        *text)
{
  gsize len = strlen (text);

  return strpbrk (text, "\"\r\n") != NULL || strchr (text, writer->separator) != NULL ||
         text[0] == ' ' || text[len - 1] == ' ';
}

static void
append_cell (MpCsvWriter *writer,
             const char  *text,
             gboolean     guard)
{
  GString *out = writer->out;

  if (!needs_quotes (writer, text))
    {
      if (guard)
        g_string_append_c (out, '\'');
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
mp_csv_writer_text (MpCsvWriter *writer,
                    const char  *text)
{
  g_return_if_fail (writer != NULL);

  begin_cell (writer);
  if (text == NULL || text[0] == '\0')
    return;

  append_cell (writer, text, _mp_csv_needs_formula_guard (text));
}

/* -?digits, optionally .digits: what add_number() and %d write. */
static gboolean
is_plain_number (const char *text)
{
  const char *p = text;

  if (*p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  return *p == '\0';
}

void
mp_csv_writer_number (MpCsvWriter *writer,
                      const char  *number)
{
  g_return_if_fail (writer != NULL);

  if (number == NULL || !is_plain_number (number))
    {
      mp_csv_writer_text (writer, number);
      return;
    }

  begin_cell (writer);
  if (writer->dialect == MP_CSV_DIALECT_EXCEL)
    {
      /* Norwegian Excel reads 12,5 as a number, 12.5 as a date; the
       * comma is this dialect's decimal sign, not its separator. */
      for (const char *p = number; *p != '\0'; p++)
        g_string_append_c (writer->out, *p == '.' ? ',' : *p);
    }
  else
    g_string_append (writer->out, number);
}

void
mp_csv_writer_count (MpCsvWriter *writer,
                     gint64       count)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, count);
  mp_csv_writer_number (writer, text);
}

void
mp_csv_writer_end_row (MpCsvWriter *writer)
{
  g_return_if_fail (writer != NULL);

  g_string_append (writer->out, writer->eol);
  writer->first_in_row = TRUE;
}
