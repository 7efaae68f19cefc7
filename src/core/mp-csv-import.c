/* mp-csv-import.c: reading a CSV file as people's programs write it:
 * the encoding, the delimiter, quoted cells and line breaks; the header
 * row's fields guessed, and changeable by the person importing. The
 * rest of the import is beside it (mp-csv-import-private.h).
 */
#define G_LOG_DOMAIN "mp-csv-import"

#include "config.h"

#include <csv.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mp-csv-import-private.h"
#include "mp-csv-private.h"
#include "mp-error.h"
#include "mp-text.h"

/* Larger than any sign-up list; keeps cell offsets in 32 bits. */
#define MAX_FILE_SIZE   (512u * 1024 * 1024)
/* How much of the file the delimiter guess looks at. */
#define SNIFF_BYTES     (64 * 1024)
#define SNIFF_RECORDS   50

G_DEFINE_FINAL_TYPE (MpCsvImport, mp_csv_import, G_TYPE_OBJECT)

const char *
mp_csv_encoding_get_label (MpCsvEncoding encoding)
{
  switch (encoding)
    {
    case MP_CSV_ENCODING_UTF8: return _("UTF-8");
    case MP_CSV_ENCODING_UTF8_BOM: return _("UTF-8 with BOM");
    case MP_CSV_ENCODING_WINDOWS_1252: return _("Windows-1252");
    case MP_CSV_ENCODING_UTF16: return _("UTF-16");
    default:
      g_return_val_if_reached ("");
    }
}

static const char *
delimiter_label (char delimiter)
{
  switch (delimiter)
    {
    case ',': return _("comma");
    case ';': return _("semicolon");
    case '\t': return _("tab");
    default: return "";
    }
}


/* Reading the file */

static void
mp_csv_import_finalize (GObject *object)
{
  MpCsvImport *self = (MpCsvImport *)object;

  g_clear_pointer (&self->arena, g_free);
  g_clear_pointer (&self->cells, g_free);
  g_clear_pointer (&self->records, g_free);
  g_clear_pointer (&self->fields, g_free);

  G_OBJECT_CLASS (mp_csv_import_parent_class)->finalize (object);
}

static void
mp_csv_import_class_init (MpCsvImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_csv_import_finalize;
}

static void
mp_csv_import_init (MpCsvImport *self)
{
  self->delimiter = ',';
}

static gboolean
set_not_text_error (GError **error)
{
  g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                       _("This is not a CSV file. If it is an Excel workbook, open it in "
                         "Excel and save it as “CSV UTF-8”, then import that file."));
  return FALSE;
}

/* Turns @contents into UTF-8 text without a byte order mark. The
 * result shares @contents' memory when it is UTF-8 already. */
static GBytes *
decode_text (GBytes         *contents,
             MpCsvEncoding  *out_encoding,
             GError        **error)
{
  gsize len;
  const guchar *data = g_bytes_get_data (contents, &len);
  g_autoptr(GError) local_error = NULL;
  const char *from = NULL;
  gsize skip = 0;
  char *converted;
  gsize converted_len = 0;

  if (len == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID, _("The file is empty."));
      return NULL;
    }
  if (len > MAX_FILE_SIZE)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                           _("The file is too large to be a list of participants "
                             "(more than 512 MB)."));
      return NULL;
    }

  /* An .xlsx workbook is a zip file; an old .xls is an OLE2 file. */
  if ((len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0) ||
      (len >= 4 && memcmp (data, "\xd0\xcf\x11\xe0", 4) == 0))
    {
      set_not_text_error (error);
      return NULL;
    }

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      if (!g_utf8_validate_len ((const char *) data + 3, len - 3, NULL))
        {
          g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                               _("The file says it is UTF-8 text, but it is not. Save it "
                                 "again as “CSV UTF-8” and import that file."));
          return NULL;
        }
      *out_encoding = MP_CSV_ENCODING_UTF8_BOM;
      return g_bytes_new_from_bytes (contents, 3, len - 3);
    }

  if (len >= 2 && data[0] == 0xff && data[1] == 0xfe)
    from = "UTF-16LE", skip = 2;
  else if (len >= 2 && data[0] == 0xfe && data[1] == 0xff)
    from = "UTF-16BE", skip = 2;

  if (from != NULL)
    *out_encoding = MP_CSV_ENCODING_UTF16;
  else if (g_utf8_validate_len ((const char *) data, len, NULL))
    {
      *out_encoding = MP_CSV_ENCODING_UTF8;
      return g_bytes_ref (contents);
    }
  else if (memchr (data, '\0', MIN (len, 8192)) != NULL)
    {
      set_not_text_error (error);
      return NULL;
    }
  else
    {
      /* Excel on Windows saves "CSV (semicolon separated)" in the
       * ANSI code page, which is Windows-1252 in Norway. */
      from = "WINDOWS-1252";
      *out_encoding = MP_CSV_ENCODING_WINDOWS_1252;
    }

  converted = g_convert ((const char *) data + skip, len - skip, "UTF-8", from,
                         NULL, &converted_len, &local_error);
  if (converted == NULL || memchr (converted, '\0', converted_len) != NULL)
    {
      g_free (converted);
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                           _("The file is not text in an encoding Møteplass knows. Save it "
                             "as “CSV UTF-8” and import that file."));
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

typedef struct
{
  MpCsvImport *self;
  guint        line;           /* the line being fed to libcsv */
  guint        pending_start;  /* where the open record started, or 0 */
  guint        row_line;
  gsize        row_first;
  guint        row_cells;
  gboolean     row_has_text;
} Parser;

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

static void
on_field (void   *data,
          size_t  len,
          void   *user_data)
{
  Parser *parser = user_data;
  MpCsvImport *self = parser->self;
  guint32 offset = 0;

  if (parser->row_cells == 0)
    {
      parser->row_line = parser->pending_start != 0 ? parser->pending_start : parser->line;
      parser->row_first = self->n_cells;
    }

  if (len > 0)
    {
      if (self->arena_len + len + 1 > self->arena_size)
        grow ((gpointer *) &self->arena, &self->arena_size, self->arena_len + len + 1, 1);
      offset = self->arena_len;
      memcpy (self->arena + offset, data, len);
      self->arena[offset + len] = '\0';
      self->arena_len += len + 1;
      parser->row_has_text = TRUE;
    }

  if (self->n_cells == self->cells_size)
    grow ((gpointer *) &self->cells, &self->cells_size, self->n_cells + 1, sizeof (guint32));
  self->cells[self->n_cells++] = offset;
  parser->row_cells++;
}

static void
on_record (int   c,
           void *user_data)
{
  Parser *parser = user_data;
  MpCsvImport *self = parser->self;

  if (parser->row_cells > 0 && parser->row_has_text)
    {
      if (self->n_records == self->records_size)
        grow ((gpointer *) &self->records, &self->records_size, self->n_records + 1,
              sizeof (MpCsvRecord));
      self->records[self->n_records++] = (MpCsvRecord) {
        .line = parser->row_line,
        .first_cell = parser->row_first,
        .n_cells = parser->row_cells,
      };
    }
  else if (parser->row_cells > 0)
    {
      /* A row of empty cells (";;;;" from Excel) counts as blank. */
      self->n_cells = parser->row_first;
    }

  parser->pending_start = 0;
  parser->row_cells = 0;
  parser->row_has_text = FALSE;
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
parse_text (MpCsvImport  *self,
            const char   *text,
            gsize         len,
            guint         first_line,
            GError      **error)
{
  struct csv_parser csv;
  Parser parser = { .self = self };
  const char *p = text;
  const char *next_lf = memchr (text, '\n', len);
  const char *end = text + len;
  guint line = first_line;

  /* Not CSV_STRICT: a stray quote inside an unquoted field (Kari "Kia"
   * Nordmann) is something people type, and libcsv keeps it as it is.
   * A quote that never closes is caught below. */
  if (csv_init (&csv, CSV_APPEND_NULL) != 0)
    g_error ("Out of memory");
  csv_set_delim (&csv, (unsigned char) self->delimiter);
  csv_set_realloc_func (&csv, g_realloc);
  csv_set_free_func (&csv, g_free);
  csv_set_blk_size (&csv, 256);

  /* The text is handed over one physical line at a time, so that each
   * record knows the line it starts on. A line ends in LF, CRLF, or a
   * lone CR (old Mac files, and what libcsv ends a record on too). */
  self->arena_size = len + 64;
  self->arena = g_malloc (self->arena_size);
  self->arena[0] = '\0';
  self->arena_len = 1;

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
      if (parser.pending_start == 0 && !line_is_blank (p, chunk_end, self->delimiter))
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
  return TRUE;
}

static void
guess_fields (MpCsvImport *self)
{
  self->n_columns = self->records[0].n_cells;
  self->fields = g_new0 (MpCsvField, self->n_columns);

  for (guint i = 0; i < self->n_columns; i++)
    self->fields[i] = mp_csv_field_guess (_mp_csv_import_cell_text (self, &self->records[0], i));
}

MpCsvImport *
mp_csv_import_new (GBytes  *contents,
                   GError **error)
{
  g_autoptr(MpCsvImport) self = NULL;
  g_autoptr(GBytes) text = NULL;
  const char *data;
  gsize len;
  guint first_line = 1;

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MP_TYPE_CSV_IMPORT, NULL);

  text = decode_text (contents, &self->encoding, error);
  if (text == NULL)
    return NULL;

  data = g_bytes_get_data (text, &len);
  if (skip_sep_line (&data, &len, &self->delimiter))
    first_line = 2;
  else
    self->delimiter = guess_delimiter (data, len);

  if (!parse_text (self, data, len, first_line, error))
    return NULL;

  if (self->n_records == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID, _("The file is empty."));
      return NULL;
    }

  guess_fields (self);

  return g_steal_pointer (&self);
}

MpCsvImport *
mp_csv_import_new_for_file (GFile         *file,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A local file is mapped rather than read: no copy of the file is
   * made when it is UTF-8 already. What cannot be mapped (a pipe,
   * /dev/stdin, a remote file) is read. */
  path = g_file_get_path (file);
  if (path != NULL)
    {
      g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &local_error);

      if (mapped != NULL)
        contents = g_mapped_file_get_bytes (mapped);
      else if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) &&
               !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ACCES) &&
               !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ISDIR))
        g_clear_error (&local_error);
    }

  if (contents == NULL && local_error == NULL)
    {
      char *data = NULL;
      gsize len = 0;

      if (g_file_load_contents (file, cancellable, &data, &len, NULL, &local_error))
        contents = g_bytes_new_take (data, len);
    }

  if (contents == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error_literal (error, MP_ERROR, MP_ERROR_CANCELLED, local_error->message);
      else
        g_set_error (error, MP_ERROR,
                     g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                     ? MP_ERROR_NOT_FOUND : MP_ERROR_IO,
                     _("Could not read “%s”: %s"), name, local_error->message);
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_CANCELLED, local_error->message);
      return NULL;
    }

  return mp_csv_import_new (contents, error);
}

MpCsvEncoding
mp_csv_import_get_encoding (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), MP_CSV_ENCODING_UTF8);
  return self->encoding;
}

const char *
mp_csv_import_get_encoding_label (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), NULL);
  return mp_csv_encoding_get_label (self->encoding);
}

char
mp_csv_import_get_delimiter (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), ',');
  return self->delimiter;
}

const char *
mp_csv_import_get_delimiter_label (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), NULL);
  return delimiter_label (self->delimiter);
}

guint
mp_csv_import_get_n_columns (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), 0);
  return self->n_columns;
}

const char *
mp_csv_import_get_header (MpCsvImport *self,
                          guint        column)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);
  return _mp_csv_import_cell_text (self, &self->records[0], column);
}

MpCsvField
mp_csv_import_get_field (MpCsvImport *self,
                         guint        column)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), MP_CSV_FIELD_IGNORE);
  g_return_val_if_fail (column < self->n_columns, MP_CSV_FIELD_IGNORE);
  return self->fields[column];
}

void
mp_csv_import_set_field (MpCsvImport *self,
                         guint        column,
                         MpCsvField   field)
{
  g_return_if_fail (MP_IS_CSV_IMPORT (self));
  g_return_if_fail (column < self->n_columns);
  g_return_if_fail (field < MP_N_CSV_FIELDS);
  self->fields[column] = field;
}

int
mp_csv_import_find_column (MpCsvImport *self,
                           MpCsvField   field)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), -1);

  for (guint i = 0; i < self->n_columns; i++)
    if (self->fields[i] == field)
      return i;
  return -1;
}

gboolean
mp_csv_import_has_name (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), FALSE);

  return mp_csv_import_find_column (self, MP_CSV_FIELD_NAME) >= 0 ||
         mp_csv_import_find_column (self, MP_CSV_FIELD_GIVEN_NAME) >= 0 ||
         mp_csv_import_find_column (self, MP_CSV_FIELD_FAMILY_NAME) >= 0;
}

guint
mp_csv_import_get_n_rows (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), 0);
  return self->n_records - 1;
}

guint
mp_csv_import_get_row_line (MpCsvImport *self,
                            guint        row)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), 0);
  g_return_val_if_fail (row + 1 < self->n_records, 0);
  return self->records[row + 1].line;
}

const char *
mp_csv_import_get_cell (MpCsvImport *self,
                        guint        row,
                        guint        column)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (row + 1 < self->n_records, NULL);
  return _mp_csv_import_cell_text (self, &self->records[row + 1], column);
}


