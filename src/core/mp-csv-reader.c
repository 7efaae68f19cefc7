/* mp-csv-reader.c: a CSV file into the import's table
 *
 * Decodes the text (UTF-8 with or without BOM, UTF-16, Windows-1252, or
 * lines of both UTF-8 and Windows-1252), finds the separator and splits
 * it with libcsv, one physical line at a time so that every record
 * knows the line it starts on.
 */
#define G_LOG_DOMAIN "mp-csv-import"

#include "config.h"

#include <csv.h>
#include <malloc.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mp-error.h"
#include "mp-import-private.h"

/* How much of the file the delimiter guess looks at. */
#define SNIFF_BYTES     (64 * 1024)
#define SNIFF_RECORDS   50
/* Lines named in the note about lines that were not UTF-8. */
#define MAX_NAMED_LINES 10


/* The table */

static void
grow (gpointer *array,
      gsize    *size,
      gsize     needed,
      gsize     element)
{
  gsize new_size = MAX (*size, 64);

  while (new_size < needed)
    new_size *= 2;
  *array = g_realloc_n (*array, new_size, element);
  *size = new_size;
}

void
_mp_import_table_init (MpImportTable *table,
                       gsize          arena_hint)
{
  memset (table, 0, sizeof *table);
  table->arena_size = MAX (arena_hint, 64);
  table->arena = g_malloc (table->arena_size);
  table->arena[0] = '\0';
  table->arena_len = 1;
}

void
_mp_import_table_clear (MpImportTable *table)
{
  g_clear_pointer (&table->arena, g_free);
  g_clear_pointer (&table->cells, g_free);
  g_clear_pointer (&table->records, g_free);
  memset (table, 0, sizeof *table);
}

gboolean
_mp_import_table_add_cell (MpImportTable *table,
                           guint          line,
                           const char    *text,
                           gsize          len)
{
  guint32 offset = 0;

  if (table->too_large)
    return FALSE;
  if (table->n_cells >= MP_IMPORT_MAX_CELLS || table->arena_len + len + 1 > MP_IMPORT_MAX_TEXT)
    {
      table->too_large = TRUE;
      return FALSE;
    }

  if (table->row_cells == 0)
    {
      table->row_line = line;
      table->row_first = table->n_cells;
    }

  if (len > 0)
    {
      if (table->arena_len + len + 1 > table->arena_size)
        grow ((gpointer *) &table->arena, &table->arena_size, table->arena_len + len + 1, 1);
      offset = table->arena_len;
      memcpy (table->arena + offset, text, len);
      table->arena[offset + len] = '\0';
      table->arena_len += len + 1;
      table->row_has_text = TRUE;
    }

  if (table->n_cells == table->cells_size)
    grow ((gpointer *) &table->cells, &table->cells_size, table->n_cells + 1, sizeof (guint32));
  table->cells[table->n_cells++] = offset;
  table->row_cells++;
  return TRUE;
}

void
_mp_import_table_end_row (MpImportTable *table)
{
  if (table->row_cells > 0 && table->row_has_text && !table->too_large)
    {
      if (table->n_records == table->records_size)
        grow ((gpointer *) &table->records, &table->records_size, table->n_records + 1,
              sizeof (MpImportRecord));
      table->records[table->n_records++] = (MpImportRecord) {
        .line = table->row_line,
        .first_cell = table->row_first,
        .n_cells = table->row_cells,
      };
    }
  else if (table->row_cells > 0)
    {
      /* A row of empty cells (";;;;" from Excel) counts as blank. */
      table->n_cells = table->row_first;
    }

  table->row_cells = 0;
  table->row_has_text = FALSE;
}


/* Decoding */

static gboolean
set_not_text_error (GError **error)
{
  g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                       _("This is neither a CSV file nor an Excel workbook. Open it in the "
                         "program that made it and save it as “CSV UTF-8” or as an Excel "
                         "workbook (.xlsx), then import that file."));
  return FALSE;
}

static gboolean
set_unknown_encoding_error (GError **error)
{
  g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                       _("The file is not text in an encoding Møteplass knows. Save it "
                         "as “CSV UTF-8” and import that file."));
  return FALSE;
}

/* Windows-1252's 0x80–0x9F; 0 where the code page has no character. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* Appends @len bytes of Windows-1252 as UTF-8. FALSE on a byte that is
 * no character in it, or a NUL. */
static gboolean
append_cp1252 (GString      *out,
               const guchar *p,
               gsize         len)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar c = p[i];

      if (c == 0)
        return FALSE;
      if (c < 0x80)
        g_string_append_c (out, c);
      else if (c < 0xa0)
        {
          if (cp1252_high[c - 0x80] == 0)
            return FALSE;
          g_string_append_unichar (out, cp1252_high[c - 0x80]);
        }
      else
        g_string_append_unichar (out, c);
    }
  return TRUE;
}

static gboolean
has_high_bytes (const guchar *p,
                gsize         len)
{
  for (gsize i = 0; i < len; i++)
    if (p[i] >= 0x80)
      return TRUE;
  return FALSE;
}

static void
add_note (GArray *notes,
          guint   line,
          char   *reason)
{
  MpCsvProblem note = { line, reason };

  g_array_append_val (notes, note);
}

/* Text that is not UTF-8 throughout: each line that is UTF-8 is kept,
 * the others are read as Windows-1252 (Excel on a Norwegian Windows
 * saves "CSV (semicolon separated)" in it). When both kinds of line
 * are there, a note names the lines read as Windows-1252. */
static GBytes *
decode_lines (const guchar   *data,
              gsize           len,
              MpCsvEncoding  *out_encoding,
              GArray         *notes,
              GError        **error)
{
  g_autoptr(GString) out = g_string_sized_new (len + len / 8);
  g_autoptr(GArray) legacy = g_array_new (FALSE, FALSE, sizeof (guint));
  const guchar *p = data, *end = data + len;
  gboolean any_utf8 = FALSE;
  guint line = 1;

  while (p < end)
    {
      const guchar *lf = memchr (p, '\n', end - p);
      const guchar *line_end = lf != NULL ? lf + 1 : end;
      gsize n = line_end - p;

      if (!has_high_bytes (p, n))
        {
          if (memchr (p, '\0', n) != NULL)
            {
              set_unknown_encoding_error (error);
              return NULL;
            }
          g_string_append_len (out, (const char *) p, n);
        }
      else if (g_utf8_validate_len ((const char *) p, n, NULL))
        {
          any_utf8 = TRUE;
          g_string_append_len (out, (const char *) p, n);
        }
      else
        {
          if (!append_cp1252 (out, p, n))
            {
              set_unknown_encoding_error (error);
              return NULL;
            }
          g_array_append_val (legacy, line);
        }

      p = line_end;
      line++;
    }

  if (!any_utf8)
    *out_encoding = MP_CSV_ENCODING_WINDOWS_1252;
  else
    {
      g_autoptr(GString) list = g_string_new (NULL);
      guint first = g_array_index (legacy, guint, 0);

      *out_encoding = MP_CSV_ENCODING_MIXED;
      for (guint i = 0; i < legacy->len && i < MAX_NAMED_LINES; i++)
        g_string_append_printf (list, "%s%u", i > 0 ? ", " : "", g_array_index (legacy, guint, i));
      if (legacy->len > MAX_NAMED_LINES)
        g_string_append (list, ", …");
      add_note (notes, first,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Line %s is not UTF-8 like the rest of the file, so it was "
                                              "read as Windows-1252. Check its letters (æ, ø, å).",
                                              "Lines %s are not UTF-8 like the rest of the file, so they "
                                              "were read as Windows-1252. Check their letters (æ, ø, å).",
                                              legacy->len),
                                 list->str));
    }

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* Turns @contents into UTF-8 text without a byte order mark. The
 * result shares @contents' memory when it is UTF-8 already. */
static GBytes *
decode_text (GBytes         *contents,
             MpCsvEncoding  *out_encoding,
             GArray         *notes,
             GError        **error)
{
  gsize len;
  const guchar *data = g_bytes_get_data (contents, &len);
  g_autoptr(GError) local_error = NULL;
  const char *from = NULL;
  char *converted;
  gsize converted_len = 0;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      if (g_utf8_validate_len ((const char *) data + 3, len - 3, NULL))
        {
          *out_encoding = MP_CSV_ENCODING_UTF8_BOM;
          return g_bytes_new_from_bytes (contents, 3, len - 3);
        }
      /* It says UTF-8; the lines that are not must have come from
       * somewhere else. Line numbers count from the BOM's line. */
      return decode_lines (data + 3, len - 3, out_encoding, notes, error);
    }

  if (len >= 2 && data[0] == 0xff && data[1] == 0xfe)
    from = "UTF-16LE";
  else if (len >= 2 && data[0] == 0xfe && data[1] == 0xff)
    from = "UTF-16BE";

  if (from == NULL)
    {
      if (g_utf8_validate_len ((const char *) data, len, NULL))
        {
          *out_encoding = MP_CSV_ENCODING_UTF8;
          return g_bytes_ref (contents);
        }
      if (memchr (data, '\0', MIN (len, 8192)) != NULL)
        {
          set_not_text_error (error);
          return NULL;
        }
      return decode_lines (data, len, out_encoding, notes, error);
    }

  *out_encoding = MP_CSV_ENCODING_UTF16;
  converted = g_convert ((const char *) data + 2, len - 2, "UTF-8", from,
                         NULL, &converted_len, &local_error);
  if (converted == NULL || memchr (converted, '\0', converted_len) != NULL)
    {
      g_free (converted);
      set_unknown_encoding_error (error);
      return NULL;
    }

  return g_bytes_new_take (converted, converted_len);
}

/* Excel understands a first line "sep=;" and some people add one. */
static gboolean
skip_sep_line (const char **text,
               gsize       *len,
               char        *delimiter)
{
  const char *p = *text;
  gsize n = *len;

  if (n >= 5 && g_ascii_strncasecmp (p, "sep=", 4) == 0 &&
      (p[4] == ',' || p[4] == ';' || p[4] == '\t') &&
      (n == 5 || p[5] == '\r' || p[5] == '\n'))
    {
      gsize skip = 5;

      if (skip < n && p[skip] == '\r')
        skip++;
      if (skip < n && p[skip] == '\n')
        skip++;
      *delimiter = p[4];
      *text = p + skip;
      *len = n - skip;
      return TRUE;
    }

  return FALSE;
}

/* Picks the delimiter that splits the first records into the same
 * number of fields as the header, counting outside quotes only. */
static char
guess_delimiter (const char *text,
                 gsize       len)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[G_N_ELEMENTS (candidates)][SNIFF_RECORDS] = { { 0 } };
  guint line_counts[G_N_ELEMENTS (candidates)] = { 0 };
  guint n_records = 0;
  gboolean in_quotes = FALSE;
  gboolean blank = TRUE;
  const char *end = text + MIN (len, SNIFF_BYTES);
  int best = -1;
  guint best_consistent = 0, best_fields = 0;

  for (const char *p = text; p <= end && n_records < SNIFF_RECORDS; p++)
    {
      char c = p < end ? *p : '\n';

      if (c == '"')
        in_quotes = !in_quotes;
      if (in_quotes)
        {
          blank = FALSE;
          continue;
        }

      if (c == '\n' || c == '\r')
        {
          if (!blank)
            {
              for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
                counts[i][n_records] = line_counts[i];
              n_records++;
            }
          memset (line_counts, 0, sizeof line_counts);
          blank = TRUE;
          continue;
        }

      if (c != ' ')
        blank = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
        if (c == candidates[i])
          line_counts[i]++;
    }

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      guint header = n_records > 0 ? counts[i][0] : 0;
      guint consistent = 0;

      if (header == 0)
        continue;
      for (guint r = 1; r < n_records; r++)
        if (counts[i][r] == header)
          consistent++;

      if (best < 0 || consistent > best_consistent ||
          (consistent == best_consistent && header > best_fields))
        {
          best = i;
          best_consistent = consistent;
          best_fields = header;
        }
    }

  return best >= 0 ? candidates[best] : ',';
}


/* Splitting */

typedef struct
{
  MpImportTable *table;
  guint          line;           /* the line being fed to libcsv */
  guint          pending_start;  /* where the open record started, or 0 */
} Parser;

static void
on_field (void   *data,
          size_t  len,
          void   *user_data)
{
  Parser *parser = user_data;
  guint line = parser->pending_start != 0 ? parser->pending_start : parser->line;

  _mp_import_table_add_cell (parser->table, line, data, len);
}

static void
on_record (int   c,
           void *user_data)
{
  Parser *parser = user_data;

  _mp_import_table_end_row (parser->table);
  parser->pending_start = 0;
}

/* libcsv grows the buffer of the field it is reading by its block
 * size, one block at a time: a 10 MB field in 256-byte blocks is 40,000
 * reallocations, each a copy under a sanitizer. Growing the buffer
 * geometrically here makes most of libcsv's calls free. */
static void *
csv_field_realloc (void   *ptr,
                   size_t  size)
{
  gsize capacity = 64;

  if (ptr != NULL && malloc_usable_size (ptr) >= size)
    return ptr;
  while (capacity < size)
    capacity *= 2;
  return g_realloc (ptr, capacity);
}

/* Whether libcsv will skip this line as blank: nothing but spaces (and
 * tabs, unless they separate fields) before the end of the line. */
static gboolean
line_is_blank (const char *p,
               const char *end,
               char        delimiter)
{
  for (; p < end; p++)
    {
      if (*p == ' ' || (*p == '\t' && delimiter != '\t'))
        continue;
      return *p == '\n' || *p == '\r';
    }
  return TRUE;
}

static gboolean
parse_text (MpImportTable  *table,
            char            delimiter,
            const char     *text,
            gsize           len,
            guint           first_line,
            GError        **error)
{
  struct csv_parser csv;
  Parser parser = { .table = table };
  const char *p = text;
  const char *next_lf = memchr (text, '\n', len);
  const char *end = text + len;
  guint line = first_line;

  /* Not CSV_STRICT: a stray quote inside an unquoted field (Kari "Kia"
   * Nordmann) is something people type, and libcsv keeps it as it is.
   * A quote that never closes is caught below. */
  if (csv_init (&csv, CSV_APPEND_NULL) != 0)
    g_error ("Out of memory");
  csv_set_delim (&csv, (unsigned char) delimiter);
  csv_set_realloc_func (&csv, csv_field_realloc);
  csv_set_free_func (&csv, g_free);
  csv_set_blk_size (&csv, 4096);

  /* The text is handed over one physical line at a time, so that each
   * record knows the line it starts on. A line ends in LF, CRLF, or a
   * lone CR (old Mac files, and what libcsv ends a record on too). */
  while (p < end)
    {
      const char *chunk_end, *cr;
      gsize chunk_len;

      /* remembered, so that a file of lone CRs is not searched for an
       * LF once per line */
      if (next_lf != NULL && next_lf < p)
        next_lf = memchr (p, '\n', end - p);
      chunk_end = next_lf != NULL ? next_lf + 1 : end;
      cr = memchr (p, '\r', chunk_end - p);
      if (cr != NULL && cr + 1 < chunk_end && cr[1] != '\n')
        chunk_end = cr + 1;
      chunk_len = chunk_end - p;

      parser.line = line;
      if (parser.pending_start == 0 && !line_is_blank (p, chunk_end, delimiter))
        parser.pending_start = line;

      if (csv_parse (&csv, p, chunk_len, on_field, on_record, &parser) != chunk_len)
        g_error ("libcsv: %s", csv_strerror (csv_error (&csv)));

      p = chunk_end;
      line++;
    }

  /* A last line break closes the last record, unless a quote is still
   * open: then a record has started (on pending_start) and not ended. */
  if (csv_parse (&csv, "\n", 1, on_field, on_record, &parser) != 1)
    g_error ("libcsv: %s", csv_strerror (csv_error (&csv)));
  if (parser.pending_start != 0)
    {
      csv_free (&csv);
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("A quotation mark on line %u is never closed, so the rest of the file "
                     "cannot be read. Check that line in a spreadsheet program."),
                   parser.pending_start);
      return FALSE;
    }
  csv_fini (&csv, on_field, on_record, &parser);
  csv_free (&csv);

  if (table->too_large)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                           _("The file has more cells than Møteplass can read at once. "
                             "Import it in parts."));
      return FALSE;
    }
  return TRUE;
}

gboolean
_mp_csv_read (GBytes         *contents,
              MpImportTable  *table,
              MpCsvEncoding  *out_encoding,
              char           *out_delimiter,
              GArray         *notes,
              GError        **error)
{
  g_autoptr(GBytes) text = NULL;
  const char *data;
  gsize len;
  guint first_line = 1;
  char delimiter;

  text = decode_text (contents, out_encoding, notes, error);
  if (text == NULL)
    return FALSE;

  data = g_bytes_get_data (text, &len);
  if (skip_sep_line (&data, &len, &delimiter))
    first_line = 2;
  else
    delimiter = guess_delimiter (data, len);
  *out_delimiter = delimiter;

  _mp_import_table_init (table, len + 64);
  return parse_text (table, delimiter, data, len, first_line, error);
}
