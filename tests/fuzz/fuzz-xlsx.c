/* Fuzz target: the Excel workbook reader.
 *
 * Input that starts like a zip is read as a whole workbook (the
 * container: local headers, the central directory, compression). Any
 * other input becomes the XML of a sheet inside a well-formed workbook,
 * so that mutations reach the sheet parser rather than die at the zip.
 * Nothing may crash, leak or grow without bound; every error is ours
 * and readable; what is read is UTF-8 and its rows go forward.
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <string.h>

#include "mp-import-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static la_ssize_t
append_bytes (struct archive *a,
              void           *user_data,
              const void     *buffer,
              size_t          len)
{
  g_byte_array_append (user_data, buffer, len);
  return len;
}

static void
add_part (struct archive *a,
          const char     *name,
          const void     *data,
          gsize           len)
{
  struct archive_entry *entry = archive_entry_new ();

  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, len);
  archive_write_header (a, entry);
  archive_write_data (a, data, len);
  archive_entry_free (entry);
}

/* A workbook whose one sheet is @sheet (and whose shared strings are
 * the same bytes: both parsers get them). */
static GBytes *
wrap (const guint8 *sheet,
      gsize         len)
{
  static const char rels[] =
    "<Relationships><Relationship Id=\"r\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
    "2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
  static const char workbook[] =
    "<workbook xmlns:r=\"r\"><sheets><sheet name=\"Ark1\" r:id=\"rId1\"/></sheets></workbook>";
  static const char workbook_rels[] =
    "<Relationships><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
    "2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
    "Target=\"sharedStrings.xml\"/></Relationships>";
  GByteArray *out = g_byte_array_new ();
  struct archive *a = archive_write_new ();

  archive_write_set_format_zip (a);
  archive_write_set_bytes_in_last_block (a, 1);
  archive_write_open2 (a, out, NULL, append_bytes, NULL, NULL);
  add_part (a, "_rels/.rels", rels, strlen (rels));
  add_part (a, "xl/workbook.xml", workbook, strlen (workbook));
  add_part (a, "xl/_rels/workbook.xml.rels", workbook_rels, strlen (workbook_rels));
  add_part (a, "xl/sharedStrings.xml", sheet, len);
  add_part (a, "xl/worksheets/sheet1.xml", sheet, len);
  archive_write_close (a);
  archive_write_free (a);
  return g_byte_array_free_to_bytes (out);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCsvImport) import = NULL;
  guint line = 0;

  /* Small bounds: the same code paths, within the fuzzer's memory. */
  _mp_xlsx_set_test_limits (4 * 1024 * 1024, 100000, 16 * 1024 * 1024);

  if (size >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    bytes = g_bytes_new (data, size);
  else
    bytes = wrap (data, size);

  import = mp_csv_import_new_full (bytes, NULL, NULL, &error);
  if (import == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == MP_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  g_assert_true (mp_csv_import_is_workbook (import));
  g_assert_cmpuint (mp_csv_import_get_n_sheets (import), >, 0);
  for (guint c = 0; c < mp_csv_import_get_n_columns (import); c++)
    g_assert_true (g_utf8_validate (mp_csv_import_get_header (import, c), -1, NULL));
  for (guint r = 0; r < mp_csv_import_get_n_rows (import); r++)
    {
      g_assert_cmpuint (mp_csv_import_get_row_line (import, r), >, line);
      line = mp_csv_import_get_row_line (import, r);
      for (guint c = 0; c <= mp_csv_import_get_n_columns (import); c++)
        g_assert_true (g_utf8_validate (mp_csv_import_get_cell (import, r, c), -1, NULL));
    }

  return 0;
}
