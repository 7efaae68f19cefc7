/* Excel workbooks (.xlsx): what Excel stores, read as a person sees it
 *
 * The workbooks are made here, part by part, with libarchive's zip
 * writer, so that each test says exactly what is in the file: shared
 * and inline strings, numbers, dates in both date systems, sheets, and
 * the damaged, encrypted and hostile files that must give a clear error
 * with bounded memory. (tests/cli/test-import-platforms.sh reads
 * workbooks written by openpyxl as well.)
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>
#include <sys/resource.h>

#include "mp-import-private.h"
#include "mp-test-util.h"

typedef struct
{
  const char *name;
  const char *text;      /* the part, or its prefix when repeat > 0 */
  const char *chunk;     /* repeated @repeat times after @text */
  guint       repeat;
  const char *suffix;
} Part;

static la_ssize_t
append_bytes (struct archive *a,
              void           *data,
              const void     *buffer,
              size_t          len)
{
  g_byte_array_append (data, buffer, len);
  return len;
}

static void
write_text (struct archive *a,
            const char     *text)
{
  if (text != NULL && text[0] != '\0')
    g_assert_cmpint (archive_write_data (a, text, strlen (text)), ==, (la_ssize_t) strlen (text));
}

static GBytes *
make_zip (const Part *parts,
          guint       n)
{
  GByteArray *out = g_byte_array_new ();
  struct archive *a = archive_write_new ();

  g_assert_cmpint (archive_write_set_format_zip (a), ==, ARCHIVE_OK);
  /* no padding after the zip, as zip writers do */
  g_assert_cmpint (archive_write_set_bytes_in_last_block (a, 1), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open2 (a, out, NULL, append_bytes, NULL, NULL), ==, ARCHIVE_OK);
  for (guint i = 0; i < n; i++)
    {
      struct archive_entry *entry = archive_entry_new ();
      gint64 size = strlen (parts[i].text) + (parts[i].suffix ? strlen (parts[i].suffix) : 0) +
                    (gint64) parts[i].repeat * (parts[i].chunk ? strlen (parts[i].chunk) : 0);

      archive_entry_set_pathname (entry, parts[i].name);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, size);
      g_assert_cmpint (archive_write_header (a, entry), ==, ARCHIVE_OK);
      write_text (a, parts[i].text);
      if (parts[i].repeat > 0)
        {
          /* in blocks, so that a large part costs little to make */
          g_autoptr(GString) block = g_string_new (NULL);
          guint per_block = MAX (1, 65536 / strlen (parts[i].chunk));
          guint left = parts[i].repeat;

          for (guint k = 0; k < per_block; k++)
            g_string_append (block, parts[i].chunk);
          while (left >= per_block)
            {
              write_text (a, block->str);
              left -= per_block;
            }
          for (; left > 0; left--)
            write_text (a, parts[i].chunk);
        }
      write_text (a, parts[i].suffix);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (a), ==, ARCHIVE_OK);
  archive_write_free (a);
  return g_byte_array_free_to_bytes (out);
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

typedef struct
{
  const char *name;
  const char *rows;     /* the <sheetData> content */
  const char *state;    /* NULL, "hidden" */
} Sheet;

/* Styles: 0 general, 1 a built-in date (14), 2 a custom date and time
 * (164: dd.mm.yyyy hh:mm), 3 a custom number (165: 0.00 "kr"). */
static const char styles_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
  "<styleSheet " NS "><numFmts count=\"2\">"
  "<numFmt numFmtId=\"164\" formatCode=\"dd\\.mm\\.yyyy\\ hh:mm\"/>"
  "<numFmt numFmtId=\"165\" formatCode=\"0.00&quot; kr&quot;\"/></numFmts>"
  "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
  "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
  "<xf numFmtId=\"164\" applyNumberFormat=\"1\"/><xf numFmtId=\"165\" applyNumberFormat=\"1\"/></cellXfs>"
  "</styleSheet>";

static GBytes *
make_workbook (const Sheet *sheets,
               guint        n_sheets,
               const char  *shared_strings,
               gboolean     date1904)
{
  g_autoptr(GString) workbook = g_string_new (NULL);
  g_autoptr(GString) rels = g_string_new (NULL);
  g_autoptr(GPtrArray) sheet_parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) parts = g_array_new (FALSE, TRUE, sizeof (Part));
  Part part = { 0 };

  g_string_append_printf (workbook, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook " NS ">"
                          "<workbookPr%s/><sheets>", date1904 ? " date1904=\"1\"" : "");
  g_string_append (rels, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                   "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                   "<Relationship Id=\"rIdS\" Type=\"" REL "sharedStrings\" Target=\"sharedStrings.xml\"/>"
                   "<Relationship Id=\"rIdT\" Type=\"" REL "styles\" Target=\"/xl/styles.xml\"/>");
  for (guint i = 0; i < n_sheets; i++)
    {
      g_autofree char *name = g_markup_escape_text (sheets[i].name, -1);

      g_string_append_printf (workbook, "<sheet name=\"%s\" sheetId=\"%u\" r:id=\"rId%u\"%s%s%s/>",
                              name, i + 1, i + 1, sheets[i].state ? " state=\"" : "",
                              sheets[i].state ? sheets[i].state : "", sheets[i].state ? "\"" : "");
      g_string_append_printf (rels, "<Relationship Id=\"rId%u\" Type=\"" REL "worksheet\" "
                              "Target=\"worksheets/sheet%u.xml\"/>", i + 1, i + 1);
      g_ptr_array_add (sheet_parts, g_strdup_printf ("xl/worksheets/sheet%u.xml", i + 1));
      g_ptr_array_add (sheet_parts, g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                                     "<worksheet " NS "><sheetData>%s</sheetData></worksheet>",
                                                     sheets[i].rows));
    }
  g_string_append (workbook, "</sheets></workbook>");
  g_string_append (rels, "</Relationships>");

#define ADD(n, t) (part = (Part) { n, t, NULL, 0, NULL }, g_array_append_val (parts, part))
  ADD ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
  ADD ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"" REL "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
  ADD ("xl/workbook.xml", workbook->str);
  ADD ("xl/_rels/workbook.xml.rels", rels->str);
  ADD ("xl/styles.xml", styles_xml);
  if (shared_strings != NULL)
    ADD ("xl/sharedStrings.xml", shared_strings);
  for (guint i = 0; i < sheet_parts->len; i += 2)
    ADD (sheet_parts->pdata[i], sheet_parts->pdata[i + 1]);
#undef ADD

  return make_zip ((Part *) parts->data, parts->len);
}

static MpCsvImport *
read_workbook (GBytes     *bytes,
               const char *sheet)
{
  g_autoptr(GError) error = NULL;
  MpCsvImport *import = mp_csv_import_new_full (bytes, sheet, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  g_assert_true (mp_csv_import_is_workbook (import));
  return import;
}

static void
assert_fails (GBytes     *bytes,
              const char *sheet,
              const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCsvImport) import = mp_csv_import_new_full (bytes, sheet, NULL, &error);

  g_assert_null (import);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

#define DAMAGED "This Excel workbook is damaged and cannot be read. Open it in Excel or " \
                "LibreOffice, save it again and import that file."

static const char shared[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst " NS " count=\"7\" uniqueCount=\"7\">"
  "<si><t>Navn</t></si>"
  "<si><t>E-post</t></si>"
  "<si><r><rPr><b/></rPr><t>Kari </t></r><r><t>Nordmann</t></r></si>"  /* rich text */
  "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>"        /* a phonetic guide */
  "<si><t xml:space=\"preserve\">Trenger teleslynge._x000D_\nKommer med ledsager.</t></si>"
  "<si><t>Telefon</t></si>"
  "<si/>"
  "</sst>";

static void
test_values (void)
{
  const Sheet sheet = { "Ark1",
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
    "<c r=\"C1\" t=\"s\"><v>5</v></c><c r=\"D1\" t=\"inlineStr\"><is><t>Dato</t></is></c>"
    "<c r=\"E1\" t=\"inlineStr\"><is><t>Ankomst</t></is></c><c r=\"F1\" t=\"inlineStr\"><is><t>Svar</t></is></c>"
    "<c r=\"G1\" t=\"inlineStr\"><is><t>Pris</t></is></c><c r=\"H1\" t=\"inlineStr\"><is><t>Formel</t></is></c></row>"
    /* a styled empty row is no row */
    "<row r=\"2\"><c r=\"A2\" s=\"1\"/><c r=\"C2\" s=\"2\"/></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c><c r=\"C3\"><v>98765432</v></c>"
    "<c r=\"D3\" s=\"1\"><v>46056</v></c><c r=\"E3\" s=\"2\"><v>46056.426643518518</v></c>"
    "<c r=\"F3\" t=\"b\"><v>1</v></c><c r=\"G3\" s=\"3\"><v>1.5E+2</v></c>"
    "<c r=\"H3\" t=\"str\"><f>A3&amp;\"!\"</f><v>Kari Nordmann!</v></c></row>"
    "<row r=\"7\"><c r=\"A7\" t=\"s\"><v>3</v></c><c r=\"B7\" t=\"e\"><v>#N/A</v></c>"
    "<c r=\"D7\" s=\"1\"><v>60</v></c><c r=\"E7\" s=\"1\"><v>61</v></c><c r=\"F7\" t=\"b\"><v>0</v></c>"
    "<c r=\"G7\"><v>4.5</v></c><c r=\"H7\" t=\"s\"><v>4</v></c><c r=\"I7\" t=\"s\"><v>6</v></c></row>"
    "<row><c t=\"inlineStr\"><is><r><t>Åse</t></r><r><t>-Marit</t></r></is></c>"
    "<c t=\"s\"><v>1</v></c><c s=\"1\"><v>59</v></c><c s=\"1\"><v>1</v></c></row>" };
  g_autoptr(GBytes) bytes = make_workbook (&sheet, 1, shared, FALSE);
  g_autoptr(MpCsvImport) import = read_workbook (bytes, NULL);

  g_assert_cmpstr (mp_csv_import_get_sheet_name (import), ==, "Ark1");
  g_assert_cmpuint (mp_csv_import_get_n_sheets (import), ==, 1);
  g_assert_cmpint (mp_csv_import_get_delimiter (import), ==, '\0');
  g_assert_cmpuint (mp_csv_import_get_n_columns (import), ==, 8);
  g_assert_cmpstr (mp_csv_import_get_header (import, 2), ==, "Telefon");
  g_assert_cmpint (mp_csv_import_get_field (import, 0), ==, MP_CSV_FIELD_NAME);
  g_assert_cmpint (mp_csv_import_get_field (import, 2), ==, MP_CSV_FIELD_PHONE);
  g_assert_cmpuint (mp_csv_import_get_n_rows (import), ==, 3);

  /* rows are the sheet's row numbers */
  g_assert_cmpuint (mp_csv_import_get_row_line (import, 0), ==, 3);
  g_assert_cmpuint (mp_csv_import_get_row_line (import, 1), ==, 7);
  g_assert_cmpuint (mp_csv_import_get_row_line (import, 2), ==, 8);

  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 0), ==, "Kari Nordmann");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 1), ==, "");           /* no B3 */
  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 2), ==, "98765432");   /* a phone number stored as a number */
  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 3), ==, "2026-02-03");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 4), ==, "2026-02-03 10:14:22");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 5), ==, "TRUE");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 6), ==, "150");        /* not a date format */
  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 7), ==, "Kari Nordmann!");

  g_assert_cmpstr (mp_csv_import_get_cell (import, 1, 0), ==, "東京");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 1, 1), ==, "");           /* #N/A */
  /* Excel's 1900 leap-year bug: serial 60 is 29 February 1900 */
  g_assert_cmpstr (mp_csv_import_get_cell (import, 1, 3), ==, "1900-02-29");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 1, 4), ==, "1900-03-01");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 1, 5), ==, "FALSE");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 1, 6), ==, "4.5");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 1, 7), ==, "Trenger teleslynge.\r\nKommer med ledsager.");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 1, 8), ==, "");

  /* cells without references follow each other */
  g_assert_cmpstr (mp_csv_import_get_cell (import, 2, 0), ==, "Åse-Marit");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 2, 1), ==, "E-post");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 2, 2), ==, "1900-02-28");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 2, 3), ==, "1900-01-01");
}

static void
test_date1904 (void)
{
  const Sheet sheet = { "Ark1",
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Navn</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Levert</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Kari</t></is></c><c r=\"B2\" s=\"1\"><v>44594</v></c></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>Per</t></is></c><c r=\"B3\" s=\"2\"><v>0.5</v></c></row>" };
  g_autoptr(GBytes) bytes = make_workbook (&sheet, 1, NULL, TRUE);
  g_autoptr(MpCsvImport) import = read_workbook (bytes, NULL);

  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 1), ==, "2026-02-03");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 1, 1), ==, "1904-01-01 12:00");
}

static void
test_sheets (void)
{
  const Sheet sheets[] = {
    { "Skjult", "<row r=\"1\"><c t=\"inlineStr\"><is><t>Hemmelig</t></is></c></row>", "hidden" },
    { "Orders", "<row r=\"1\"><c t=\"inlineStr\"><is><t>Order code</t></is></c><c t=\"inlineStr\"><is><t>Name</t></is></c></row>"
                "<row r=\"2\"><c t=\"inlineStr\"><is><t>Q7HX3</t></is></c><c t=\"inlineStr\"><is><t>Servicetorget</t></is></c></row>", NULL },
    { "Order positions", "<row r=\"1\"><c t=\"inlineStr\"><is><t>Attendee name</t></is></c></row>"
                         "<row r=\"2\"><c t=\"inlineStr\"><is><t>Kari Nordmann</t></is></c></row>"
                         "<row r=\"3\"><c t=\"inlineStr\"><is><t>Yusuf Ali</t></is></c></row>", NULL },
    { "Tom", "", NULL },
  };
  g_autoptr(GBytes) bytes = make_workbook (sheets, G_N_ELEMENTS (sheets), NULL, FALSE);
  g_autoptr(MpCsvImport) first = read_workbook (bytes, NULL);
  g_autoptr(MpCsvImport) chosen = read_workbook (bytes, "order POSITIONS");
  g_autoptr(MpCsvImport) hidden = read_workbook (bytes, "Skjult");

  /* the first sheet a person sees; hidden ones last */
  g_assert_cmpstr (mp_csv_import_get_sheet_name (first), ==, "Orders");
  g_assert_cmpuint (mp_csv_import_get_n_sheets (first), ==, 4);
  g_assert_cmpstr (mp_csv_import_get_sheet (first, 0), ==, "Orders");
  g_assert_cmpstr (mp_csv_import_get_sheet (first, 1), ==, "Order positions");
  g_assert_cmpstr (mp_csv_import_get_sheet (first, 2), ==, "Tom");
  g_assert_cmpstr (mp_csv_import_get_sheet (first, 3), ==, "Skjult");
  g_assert_cmpstr (mp_csv_import_get_cell (first, 0, 1), ==, "Servicetorget");

  g_assert_cmpstr (mp_csv_import_get_sheet_name (chosen), ==, "Order positions");
  g_assert_cmpuint (mp_csv_import_get_n_rows (chosen), ==, 2);
  g_assert_cmpstr (mp_csv_import_get_cell (chosen, 1, 0), ==, "Yusuf Ali");
  g_assert_cmpstr (mp_csv_import_get_header (hidden, 0), ==, "Hemmelig");

  assert_fails (bytes, "Påmeldinger",
                "The workbook has no sheet called “Påmeldinger”. Its sheets are: “Orders”, "
                "“Order positions”, “Tom”, “Skjult”.");
  assert_fails (bytes, "Tom", "The sheet “Tom” of the workbook is empty.");
}

static void
test_not_workbooks (void)
{
  const Part plain[] = { { "README.txt", "hei", NULL, 0, NULL } };
  const Part ods[] = {
    { "mimetype", "application/vnd.oasis.opendocument.spreadsheet", NULL, 0, NULL },
    { "content.xml", "<office:document-content/>", NULL, 0, NULL },
  };
  g_autoptr(GBytes) zip = make_zip (plain, G_N_ELEMENTS (plain));
  g_autoptr(GBytes) ods_zip = make_zip (ods, G_N_ELEMENTS (ods));
  /* An encrypted workbook is an OLE compound file with an
   * EncryptedPackage stream (MS-OFFCRYPTO); an .xls has a Workbook one. */
  static const guchar ole[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0"
                              "W\0o\0r\0k\0b\0o\0o\0k\0\0\0";
  static const guchar encrypted[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0"
                                    "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0\0\0"
                                    "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0\0\0";
  g_autoptr(GBytes) xls = g_bytes_new_static (ole, sizeof ole);
  g_autoptr(GBytes) locked = g_bytes_new_static (encrypted, sizeof encrypted);

  assert_fails (zip, NULL, "This is a zip file, not an Excel workbook. Import the spreadsheet "
                           "itself (.xlsx or .csv).");
  assert_fails (ods_zip, NULL, "This is an OpenDocument spreadsheet (.ods). Save it as an Excel "
                               "workbook (.xlsx) or as “CSV UTF-8” in LibreOffice, then import "
                               "that file.");
  assert_fails (xls, NULL, "This is an old Excel workbook (.xls) or another Office file. Open it "
                           "in Excel or LibreOffice and save it as an Excel workbook (.xlsx) or "
                           "as “CSV UTF-8”, then import that file.");
  assert_fails (locked, NULL, "This workbook is protected with a password, so Møteplass cannot "
                              "read it. Open it in Excel, remove the password (File → Info → "
                              "Protect Workbook), save it and import it again.");
}

static void
test_damaged (void)
{
  const char *bad_sheets[] = {
    /* not well-formed */
    "<row r=\"1\"><c t=\"inlineStr\"><is><t>Navn</t></is></c></row><row r=\"2\"><c>",
    /* a shared string that is not there */
    "<row r=\"1\"><c t=\"s\"><v>40</v></c></row>",
    /* rows going backwards */
    "<row r=\"5\"><c t=\"inlineStr\"><is><t>Navn</t></is></c></row><row r=\"2\"/>",
    /* past Excel's last column and row */
    "<row r=\"1\"><c r=\"XFE1\" t=\"inlineStr\"><is><t>Navn</t></is></c></row>",
    "<row r=\"1048577\"><c t=\"inlineStr\"><is><t>Navn</t></is></c></row>",
  };
  const Sheet good = { "Ark1", "<row r=\"1\"><c t=\"inlineStr\"><is><t>Navn</t></is></c></row>" };
  g_autoptr(GBytes) bytes = make_workbook (&good, 1, NULL, FALSE);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  for (guint i = 0; i < G_N_ELEMENTS (bad_sheets); i++)
    {
      const Sheet sheet = { "Ark1", bad_sheets[i] };
      g_autoptr(GBytes) bad = make_workbook (&sheet, 1, NULL, FALSE);

      g_test_message ("%s", bad_sheets[i]);
      assert_fails (bad, NULL, DAMAGED);
    }

  /* cut short: every length of the file up to the whole is an error
   * or the workbook, never a crash */
  for (gsize cut = 4; cut < len; cut += 97)
    {
      g_autoptr(GBytes) part = g_bytes_new (data, cut);
      g_autoptr(GError) error = NULL;
      g_autoptr(MpCsvImport) import = mp_csv_import_new_full (part, NULL, NULL, &error);

      g_test_message ("cut at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT, cut, len);
      g_assert_null (import);
      g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
    }

  /* a DTD (where entity bombs live) is refused, not expanded */
  {
    const Part parts[] = {
      { "_rels/.rels", "<?xml version=\"1.0\"?><Relationships><Relationship Id=\"r\" Type=\"" REL
        "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>", NULL, 0, NULL },
      { "xl/workbook.xml", "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a \"aaaaaaaaaa\">"
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
        "<workbook><sheets><sheet name=\"&c;\" r:id=\"rId1\"/></sheets></workbook>", NULL, 0, NULL },
    };
    g_autoptr(GBytes) laughs = make_zip (parts, G_N_ELEMENTS (parts));

    assert_fails (laughs, NULL, DAMAGED);
  }
}

static glong
peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* A sheet that inflates to far more than its zip: refused once the
 * inflated bytes pass the bound, with little memory used on the way. */
static void
test_zip_bomb (void)
{
  const Part parts[] = {
    { "_rels/.rels", "<?xml version=\"1.0\"?><Relationships><Relationship Id=\"r\" Type=\"" REL
      "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>", NULL, 0, NULL },
    { "xl/workbook.xml", "<workbook " NS "><sheets><sheet name=\"Ark1\" r:id=\"rId1\"/></sheets></workbook>",
      NULL, 0, NULL },
    { "xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" Type=\"" REL
      "worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>", NULL, 0, NULL },
    /* 40 MB of empty elements in 40 kB */
    { "xl/worksheets/sheet1.xml", "<worksheet " NS "><sheetData><row r=\"1\">",
      "<x/><x/><x/><x/><x/><x/><x/><x/><x/><x/>", 1024 * 1024, "</row></sheetData></worksheet>" },
  };
  g_autoptr(GBytes) bomb = make_zip (parts, G_N_ELEMENTS (parts));
  glong before = peak_rss_kb ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCsvImport) import = NULL;

  g_test_message ("the bomb is %" G_GSIZE_FORMAT " bytes", g_bytes_get_size (bomb));
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 256 * 1024);
  /* the bound is 100 times the file, at least 64 MB; 8 MB here keeps
   * the test quick and proves the same */
  _mp_xlsx_set_test_limits (128u * 1024 * 1024, 8u * 1024 * 1024, 8u * 1024 * 1024);
  import = mp_csv_import_new_full (bomb, NULL, NULL, &error);
  _mp_xlsx_set_test_limits (128u * 1024 * 1024, 8u * 1024 * 1024, 64u * 1024 * 1024);
  g_assert_null (import);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "This workbook unpacks to far more than its size (more than 8.4\u00a0MB), which no "
                   "list of participants does. It may be damaged or made to do harm, so it was not read.");
  g_test_message ("peak memory grew by %ld kB", peak_rss_kb () - before);
#if defined(__SANITIZE_ADDRESS__)
  /* AddressSanitizer keeps freed memory in quarantine: no measure here */
  (void) before;
#else
  g_assert_cmpint (peak_rss_kb () - before, <, 32 * 1024);
#endif
}

/* Shared strings past the bound: a clear error, and the pool never
 * grows past it. */
static void
test_huge_shared_strings (void)
{
  const Sheet sheet = { "Ark1", "<row r=\"1\"><c t=\"s\"><v>0</v></c></row>" };
  g_autoptr(GString) many = g_string_new ("<sst " NS ">");
  g_autoptr(GString) long_one = g_string_new ("<sst " NS "><si><t>");
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (many, "<si><t>Deltaker %u</t></si>", i);
  g_string_append (many, "</sst>");
  for (guint i = 0; i < 40000; i++)
    g_string_append (long_one, "Kari Nordmann ");
  g_string_append (long_one, "</t></si></sst>");
  a = make_workbook (&sheet, 1, many->str, FALSE);
  b = make_workbook (&sheet, 1, long_one->str, FALSE);

  _mp_xlsx_set_test_limits (256 * 1024, 1000, 64u * 1024 * 1024);
  assert_fails (a, NULL, "The workbook has more text than Møteplass reads at once (more than "
                         "262.1\u00a0kB, or 1000 different texts). Save the sheet you need as a "
                         "workbook of its own, or as “CSV UTF-8”, and import that.");
  assert_fails (b, NULL, "The workbook has more text than Møteplass reads at once (more than "
                         "262.1\u00a0kB, or 1000 different texts). Save the sheet you need as a "
                         "workbook of its own, or as “CSV UTF-8”, and import that.");
  _mp_xlsx_set_test_limits (128u * 1024 * 1024, 8u * 1024 * 1024, 64u * 1024 * 1024);

  /* within the bounds, the same workbooks read */
  {
    g_autoptr(MpCsvImport) import = read_workbook (a, NULL);
    g_assert_cmpstr (mp_csv_import_get_header (import, 0), ==, "Deltaker 0");
  }
}

static void
test_cancel (void)
{
  const Sheet sheet = { "Ark1", "<row r=\"1\"><c t=\"inlineStr\"><is><t>Navn</t></is></c></row>" };
  g_autoptr(GBytes) bytes = make_workbook (&sheet, 1, NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCsvImport) import = NULL;

  g_cancellable_cancel (cancellable);
  import = mp_csv_import_new_full (bytes, NULL, cancellable, &error);
  g_assert_null (import);
  g_assert_error (error, MP_ERROR, MP_ERROR_CANCELLED);
}

static char *
cell (const char *ref,
      const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return g_strdup_printf ("<c r=\"%s\" t=\"inlineStr\"><is><t xml:space=\"preserve\">%s</t></is></c>",
                          ref, escaped);
}

/* A row of inline strings, "" for an empty cell, ending at NULL. */
static void
append_row (GString *rows,
            guint    row,
            ...)
{
  va_list args;
  const char *text;
  char column = 'A';

  g_string_append_printf (rows, "<row r=\"%u\">", row);
  va_start (args, row);
  while ((text = va_arg (args, const char *)) != NULL)
    {
      if (text[0] != '\0')
        {
          g_autofree char *ref = g_strdup_printf ("%c%u", column, row);
          g_autofree char *c = cell (ref, text);
          g_string_append (rows, c);
        }
      column++;
    }
  va_end (args);
  g_string_append (rows, "</row>");
}

/* A Microsoft Forms workbook of a form anyone could answer: ID, Start
 * time and Completion time (dates), Email "anonymous", Name empty, then
 * the questions. Nothing the platform wrote hides an answer. */
/* A workbook of one sheet, @name, of @rows, read. */
static MpCsvImport *
read_one_sheet (const char *name,
                const char *rows)
{
  const Sheet sheet = { name, rows };
  g_autoptr(GBytes) bytes = make_workbook (&sheet, 1, NULL, FALSE);

  return read_workbook (bytes, NULL);
}

static void
test_microsoft_forms_workbook (MpTestFixture *f,
                               gconstpointer  data)
{
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autoptr(MpCsvImport) import = NULL;
  g_autoptr(MpCsvImportReport) report = NULL;
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");
  const MpTestPerson people[] = {
    { "Kari Nordmann", "kari.nordmann@bergen.kommune.no", "Bergen kommune", "Kommune",
      1, 1, NULL, NULL, MP_REGISTRATION_STATUS_REGISTERED },
    { "أحمد حسن", "ahmed.hassan@nav.no", "NAV Årstad", "NAV", 1, 0, "Halal\nIngen nøtter", NULL,
      MP_REGISTRATION_STATUS_REGISTERED },
    { "Олена Коваленко", "olena.k@gmail.com", "Ukrainsk forening i Bergen",
      "Innvandrerorganisasjon / innvandrerråd", 0, 1, NULL, NULL, MP_REGISTRATION_STATUS_REGISTERED },
  };

  append_row (rows, 1, "ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
              "Hva heter du?", "E-postadresse", "Hvilken organisasjon representerer du?", "Sektor",
              "Samtykker du til at vi kontakter deg etter møtet?", "Kan vi ta bilder av deg?",
              "Har du allergier?", NULL);
  g_string_append (rows, "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" s=\"2\"><v>46056.42</v></c>"
                         "<c r=\"C2\" s=\"2\"><v>46056.43</v></c>");
  g_string_append (rows, "<c r=\"D2\" t=\"inlineStr\"><is><t>anonymous</t></is></c>");
  g_string_append (rows, "<c r=\"G2\" t=\"inlineStr\"><is><t>Kari Nordmann</t></is></c>"
                         "<c r=\"H2\" t=\"inlineStr\"><is><t>kari.nordmann@bergen.kommune.no</t></is></c>"
                         "<c r=\"I2\" t=\"inlineStr\"><is><t>Bergen kommune</t></is></c>"
                         "<c r=\"J2\" t=\"inlineStr\"><is><t>Kommune</t></is></c>"
                         "<c r=\"K2\" t=\"inlineStr\"><is><t>Samtykker</t></is></c>"
                         "<c r=\"L2\" t=\"inlineStr\"><is><t>Ja</t></is></c>"
                         "<c r=\"M2\" t=\"inlineStr\"><is><t>Ingen</t></is></c></row>");
  append_row (rows, 3, "2", "", "", "anonymous", "", "", "أحمد حسن", "ahmed.hassan@nav.no", "NAV Årstad",
              "NAV", "Godtar", "Nei", "Halal\nIngen nøtter", NULL);
  append_row (rows, 4, "3", "", "", "anonymous", "", "", "Олена Коваленко", "olena.k@gmail.com",
              "Ukrainsk forening i Bergen", "Innvandrerorganisasjon", "", "Ja", "-", NULL);

  import = read_one_sheet ("Form1", rows->str);
  g_assert_cmpint (mp_csv_import_get_platform (import), ==, MP_IMPORT_PLATFORM_MICROSOFT_FORMS);
  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 1), ==, "2026-02-03 10:04:48");
  g_assert_cmpint (mp_csv_import_get_role (import, 3), ==, MP_CSV_ROLE_FALLBACK);

  g_assert_cmpint (mp_csv_import_get_field (import, 1), ==, MP_CSV_FIELD_IGNORE);
  g_assert_cmpint (mp_csv_import_get_field (import, 2), ==, MP_CSV_FIELD_ANSWERED_AT);

  report = mp_test_run_import (f, import, event_id, 0);
  mp_test_assert_notes (report, NULL, 0);
  mp_test_assert_people (f, event_id, people, G_N_ELEMENTS (people));
  /* the Completion time cell, 46056.43: 2026-02-03 10:19:12 in Norway */
  g_assert_cmpint (mp_test_count_rows (f, "SELECT c.answered_at FROM consent c JOIN person p"
                                          " ON p.id = c.person_id WHERE p.name = 'Kari Nordmann'"
                                          " AND c.kind = 'followup'"), ==, 1770110352);
}

/* Nettskjema's Excel export with the codebook on: its own $ columns,
 * codebook names for the questions and codebook values for answers,
 * submission numbers as numbers. */
static void
test_nettskjema_workbook (MpTestFixture *f,
                          gconstpointer  data)
{
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autoptr(MpCsvImport) import = NULL;
  g_autoptr(MpCsvImportReport) report = NULL;
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");
  const MpTestPerson people[] = {
    { "Kari Nordmann", "kari@bergen.kommune.no", "Bergen kommune", "Kommune",
      1, 0, NULL, NULL, MP_REGISTRATION_STATUS_REGISTERED },
    { "Mykola Shevchenko", "mykola@ukr.net", "Ukrainsk forening i Bergen",
      "Innvandrerorganisasjon / innvandrerråd", 0, 0, NULL, NULL, MP_REGISTRATION_STATUS_REGISTERED },
    { "Amina Yusuf", "amina@frivillig.no", "Frivilligsentralen i Årstad", "Frivilligsentral",
      1, 0, NULL, NULL, MP_REGISTRATION_STATUS_REGISTERED },
  };

  append_row (rows, 1, "$submission_id", "$created", "fornavn", "etternavn", "epost", "org",
              "sektor", "samtykke", "$answer_time_ms", NULL);
  g_string_append (rows, "<row r=\"2\"><c r=\"A2\"><v>27685292</v></c>"
                         "<c r=\"B2\" t=\"inlineStr\"><is><t>2026-02-03T10:14:22+01:00</t></is></c>");
  g_string_append (rows, "<c r=\"C2\" t=\"inlineStr\"><is><t>Kari</t></is></c>"
                         "<c r=\"D2\" t=\"inlineStr\"><is><t>Nordmann</t></is></c>"
                         "<c r=\"E2\" t=\"inlineStr\"><is><t>kari@bergen.kommune.no</t></is></c>"
                         "<c r=\"F2\" t=\"inlineStr\"><is><t>Bergen kommune</t></is></c>"
                         "<c r=\"G2\" t=\"inlineStr\"><is><t>kommune</t></is></c>"
                         "<c r=\"H2\"><v>1</v></c><c r=\"I2\"><v>74630</v></c></row>");
  append_row (rows, 3, "27685302", "2026-02-03T10:58:33+01:00", "Mykola", "Shevchenko", "mykola@ukr.net",
              "Ukrainsk forening i Bergen", "innvandrer_org", "0", "71313", NULL);
  append_row (rows, 4, "27685319", "2026-02-03T11:59:50+01:00", "Amina", "Yusuf", "amina@frivillig.no",
              "Frivilligsentralen i Årstad", "frivilligsentral", "1", "70230", NULL);

  import = read_one_sheet ("Nettskjema", rows->str);
  g_assert_cmpint (mp_csv_import_get_platform (import), ==, MP_IMPORT_PLATFORM_NETTSKJEMA);
  g_assert_cmpint (mp_csv_import_get_field (import, 5), ==, MP_CSV_FIELD_ORGANISATION);

  report = mp_test_run_import (f, import, event_id, 0);
  mp_test_assert_notes (report, NULL, 0);
  mp_test_assert_people (f, event_id, people, G_N_ELEMENTS (people));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  /* first, while the process is small: peak memory is a process figure */
  g_test_add_func ("/xlsx/zip-bomb-is-refused-with-bounded-memory", test_zip_bomb);
  g_test_add_func ("/xlsx/values-as-excel-stores-them", test_values);
  g_test_add_func ("/xlsx/date1904", test_date1904);
  g_test_add_func ("/xlsx/sheets", test_sheets);
  g_test_add_func ("/xlsx/not-workbooks-are-explained", test_not_workbooks);
  g_test_add_func ("/xlsx/damaged-workbooks", test_damaged);
  g_test_add_func ("/xlsx/huge-shared-strings", test_huge_shared_strings);
  g_test_add_func ("/xlsx/cancel", test_cancel);
  MP_TEST_ADD ("/xlsx/microsoft-forms", test_microsoft_forms_workbook);
  MP_TEST_ADD ("/xlsx/nettskjema-codebook", test_nettskjema_workbook);

  return g_test_run ();
}
