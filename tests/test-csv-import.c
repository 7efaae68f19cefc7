/* Pre-registrations from web forms and spreadsheets */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "mp-csv-import.h"
#include "mp-database-private.h"
#include "mp-test-util.h"

static MpCsvImport *
open_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (SOURCE_DIR, "tests", "data", "csv", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MpCsvImport *import = mp_csv_import_new_for_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

static void
assert_parse_fails (const char *text,
                    gsize       len,
                    const char *message)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCsvImport) import = mp_csv_import_new (bytes, &error);

  g_test_message ("%.*s", (int) len, text);
  g_assert_null (import);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
assert_fields (MpCsvImport      *import,
               const MpCsvField *expected,
               guint             n)
{
  g_assert_cmpuint (mp_csv_import_get_n_columns (import), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_test_message ("column %u “%s”", i, mp_csv_import_get_header (import, i));
      g_assert_cmpstr (mp_csv_field_to_string (mp_csv_import_get_field (import, i)), ==,
                       mp_csv_field_to_string (expected[i]));
    }
}

/* Reading files */

static void
test_nettskjema_utf8_comma (void)
{
  g_autoptr(MpCsvImport) import = open_fixture ("nettskjema.csv");
  const MpCsvField fields[] = {
    MP_CSV_FIELD_IGNORE, MP_CSV_FIELD_ANSWERED_AT, MP_CSV_FIELD_NAME, MP_CSV_FIELD_EMAIL,
    MP_CSV_FIELD_ORGANISATION, MP_CSV_FIELD_SECTOR, MP_CSV_FIELD_DIETARY,
    MP_CSV_FIELD_CONSENT_FOLLOWUP,
  };

  g_assert_cmpint (mp_csv_import_get_encoding (import), ==, MP_CSV_ENCODING_UTF8);
  g_assert_cmpstr (mp_csv_import_get_encoding_label (import), ==, "UTF-8");
  g_assert_cmpint (mp_csv_import_get_delimiter (import), ==, ',');
  g_assert_cmpstr (mp_csv_import_get_delimiter_label (import), ==, "comma");
  assert_fields (import, fields, G_N_ELEMENTS (fields));
  g_assert_cmpstr (mp_csv_import_get_header (import, 7), ==, "Samtykke til oppfølging");
  g_assert_cmpuint (mp_csv_import_get_n_rows (import), ==, 4);
  g_assert_cmpstr (mp_csv_import_get_cell (import, 2, 2), ==, "Åse-Marit  Sørensen");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 2, 6), ==, "Vegetar, ingen nøtter");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 1, 6), ==, "");
  g_assert_cmpuint (mp_csv_import_get_row_line (import, 3), ==, 5);
}

static void
test_excel_windows_1252_semicolon (void)
{
  g_autoptr(MpCsvImport) import = open_fixture ("excel-windows-1252.csv");
  const MpCsvField fields[] = {
    MP_CSV_FIELD_GIVEN_NAME, MP_CSV_FIELD_FAMILY_NAME, MP_CSV_FIELD_EMAIL,
    MP_CSV_FIELD_ORGANISATION, MP_CSV_FIELD_SECTOR, MP_CSV_FIELD_INTERPRETER,
    MP_CSV_FIELD_CONSENT_PHOTO,
  };

  g_assert_cmpint (mp_csv_import_get_encoding (import), ==, MP_CSV_ENCODING_WINDOWS_1252);
  g_assert_cmpstr (mp_csv_import_get_encoding_label (import), ==, "Windows-1252");
  g_assert_cmpint (mp_csv_import_get_delimiter (import), ==, ';');
  assert_fields (import, fields, G_N_ELEMENTS (fields));
  /* the ";;;;;;" row Excel leaves behind is blank, not a person */
  g_assert_cmpuint (mp_csv_import_get_n_rows (import), ==, 3);
  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 0), ==, "Øyvind");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 1), ==, "Ødegård");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 1, 3), ==, "Innvandrerrådet – Bergen");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 2, 3), ==, "Sæther & Sønn AS");
  g_assert_cmpuint (mp_csv_import_get_row_line (import, 2), ==, 4);
}

static void
test_excel_utf8_bom_semicolon (void)
{
  g_autoptr(MpCsvImport) import = open_fixture ("excel-utf8-bom.csv");

  g_assert_cmpint (mp_csv_import_get_encoding (import), ==, MP_CSV_ENCODING_UTF8_BOM);
  g_assert_cmpstr (mp_csv_import_get_encoding_label (import), ==, "UTF-8 with BOM");
  g_assert_cmpint (mp_csv_import_get_delimiter (import), ==, ';');
  /* the BOM is not part of the first header */
  g_assert_cmpstr (mp_csv_import_get_header (import, 0), ==, "Navn");
  g_assert_cmpint (mp_csv_import_get_field (import, 0), ==, MP_CSV_FIELD_NAME);
  g_assert_cmpint (mp_csv_import_get_field (import, 2), ==, MP_CSV_FIELD_PHONE);
  g_assert_cmpint (mp_csv_import_get_field (import, 5), ==, MP_CSV_FIELD_DIETARY);
  g_assert_cmpint (mp_csv_import_get_field (import, 6), ==, MP_CSV_FIELD_ACCESSIBILITY);
  g_assert_cmpuint (mp_csv_import_get_n_rows (import), ==, 3);
  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 2), ==, "+47 912 34 567");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 6), ==, "Rullestol");
  /* no CR left at the end of a line */
  g_assert_cmpstr (mp_csv_import_get_cell (import, 1, 5), ==, "Halal");
}

static void
test_google_forms_tab_question_headers (void)
{
  g_autoptr(MpCsvImport) import = open_fixture ("google-forms.tsv");
  const MpCsvField fields[] = {
    MP_CSV_FIELD_ANSWERED_AT, MP_CSV_FIELD_EMAIL, MP_CSV_FIELD_NAME, MP_CSV_FIELD_ORGANISATION,
    MP_CSV_FIELD_SECTOR, MP_CSV_FIELD_INTERPRETER, MP_CSV_FIELD_CONSENT_FOLLOWUP,
  };

  g_assert_cmpint (mp_csv_import_get_delimiter (import), ==, '\t');
  g_assert_cmpstr (mp_csv_import_get_delimiter_label (import), ==, "tab");
  assert_fields (import, fields, G_N_ELEMENTS (fields));
  g_assert_cmpuint (mp_csv_import_get_n_rows (import), ==, 2);
  g_assert_cmpstr (mp_csv_import_get_cell (import, 1, 5), ==, "Somali");
}

static void
test_quoted_newlines_and_delimiters (void)
{
  g_autoptr(MpCsvImport) import = open_fixture ("quoted-multiline.csv");

  g_assert_cmpint (mp_csv_import_get_delimiter (import), ==, ',');
  g_assert_cmpuint (mp_csv_import_get_n_rows (import), ==, 4);

  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 0), ==, "Nordmann, Kari");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 2), ==, "Redd Barna, region vest");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 3), ==, "Trenger teleslynge.\r\nKommer med ledsager.");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 1, 2), ==, "Foreningen \"Sammen\"");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 2, 0), ==, "Liv\r\nBerg");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 3, 0), ==, "Jonas Lie");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 3, 3), ==, "");

  /* each record knows the line it starts on, across line breaks in
   * quotes and the blank line */
  g_assert_cmpuint (mp_csv_import_get_row_line (import, 0), ==, 2);
  g_assert_cmpuint (mp_csv_import_get_row_line (import, 1), ==, 4);
  g_assert_cmpuint (mp_csv_import_get_row_line (import, 2), ==, 6);
  g_assert_cmpuint (mp_csv_import_get_row_line (import, 3), ==, 8);
}

static void
test_nynorsk_headers (void)
{
  g_autoptr(MpCsvImport) import = open_fixture ("nynorsk.csv");
  const MpCsvField fields[] = {
    MP_CSV_FIELD_GIVEN_NAME, MP_CSV_FIELD_FAMILY_NAME, MP_CSV_FIELD_EMAIL,
    MP_CSV_FIELD_ORGANISATION, MP_CSV_FIELD_SECTOR, MP_CSV_FIELD_INTERPRETER,
    MP_CSV_FIELD_CONSENT_FOLLOWUP, MP_CSV_FIELD_CONSENT_PHOTO,
  };

  g_assert_cmpint (mp_csv_import_get_delimiter (import), ==, ';');
  assert_fields (import, fields, G_N_ELEMENTS (fields));
}

static void
test_header_guesses (void)
{
  const struct { const char *header; MpCsvField field; } cases[] = {
    { "Navn", MP_CSV_FIELD_NAME },
    { "NAMN", MP_CSV_FIELD_NAME },
    { "Full name", MP_CSV_FIELD_NAME },
    { "Fullt navn *", MP_CSV_FIELD_NAME },
    { "Deltaker", MP_CSV_FIELD_NAME },
    { "Fornavn og etternavn", MP_CSV_FIELD_NAME },
    { "Ditt fornavn og etternavn", MP_CSV_FIELD_NAME },
    { "Førenamn", MP_CSV_FIELD_GIVEN_NAME },
    { "First name", MP_CSV_FIELD_GIVEN_NAME },
    { "Given name", MP_CSV_FIELD_GIVEN_NAME },
    { "Etternamn", MP_CSV_FIELD_FAMILY_NAME },
    { "Surname", MP_CSV_FIELD_FAMILY_NAME },
    { "Last Name", MP_CSV_FIELD_FAMILY_NAME },
    { "E-post", MP_CSV_FIELD_EMAIL },
    { "Epost", MP_CSV_FIELD_EMAIL },
    { "E-postadresse", MP_CSV_FIELD_EMAIL },
    { "E-mail", MP_CSV_FIELD_EMAIL },
    { "Email Address", MP_CSV_FIELD_EMAIL },
    { "Tlf.", MP_CSV_FIELD_PHONE },
    { "Mobilnummer", MP_CSV_FIELD_PHONE },
    { "Mobile", MP_CSV_FIELD_PHONE },
    { "Virksomhet", MP_CSV_FIELD_ORGANISATION },
    { "Verksemd", MP_CSV_FIELD_ORGANISATION },
    { "Arbeidsgiver", MP_CSV_FIELD_ORGANISATION },
    { "Organization", MP_CSV_FIELD_ORGANISATION },
    { "Company", MP_CSV_FIELD_ORGANISATION },
    { "Navn på organisasjon", MP_CSV_FIELD_ORGANISATION },
    { "Sektor", MP_CSV_FIELD_SECTOR },
    { "Samtykke", MP_CSV_FIELD_CONSENT_FOLLOWUP },
    { "Follow-up", MP_CSV_FIELD_CONSENT_FOLLOWUP },
    { "Samtykke foto", MP_CSV_FIELD_CONSENT_PHOTO },
    { "Fotosamtykke", MP_CSV_FIELD_CONSENT_PHOTO },
    { "Photo consent", MP_CSV_FIELD_CONSENT_PHOTO },
    { "Samtykker du til at vi tar bilder?", MP_CSV_FIELD_CONSENT_PHOTO },
    { "Allergier", MP_CSV_FIELD_DIETARY },
    { "Matallergi", MP_CSV_FIELD_DIETARY },
    { "Kosthold", MP_CSV_FIELD_DIETARY },
    { "Dietary needs", MP_CSV_FIELD_DIETARY },
    { "Tilrettelegging", MP_CSV_FIELD_ACCESSIBILITY },
    { "Accessibility", MP_CSV_FIELD_ACCESSIBILITY },
    { "Tolk", MP_CSV_FIELD_INTERPRETER },
    { "Tolkespråk", MP_CSV_FIELD_INTERPRETER },
    { "Interpreter", MP_CSV_FIELD_INTERPRETER },
    { "STATUS", MP_CSV_FIELD_STATUS },
    { "Svar-ID", MP_CSV_FIELD_IGNORE },
    { "Tidsmerke", MP_CSV_FIELD_ANSWERED_AT },
    { "Timestamp", MP_CSV_FIELD_ANSWERED_AT },
    { "Completion time", MP_CSV_FIELD_ANSWERED_AT },
    { "Fullføringstidspunkt", MP_CSV_FIELD_ANSWERED_AT },
    { "$created", MP_CSV_FIELD_ANSWERED_AT },
    { "Levert", MP_CSV_FIELD_ANSWERED_AT },
    { "Order Date", MP_CSV_FIELD_ANSWERED_AT },
    /* the platforms' other times are not when the person answered */
    { "Start time", MP_CSV_FIELD_IGNORE },
    { "Starttidspunkt", MP_CSV_FIELD_IGNORE },
    { "Last modified time", MP_CSV_FIELD_IGNORE },
    { "$modified", MP_CSV_FIELD_IGNORE },
    { "$answer_time_ms", MP_CSV_FIELD_IGNORE },
    { "Follow-up date", MP_CSV_FIELD_IGNORE },
    { "Kommentar", MP_CSV_FIELD_IGNORE },
    { "", MP_CSV_FIELD_IGNORE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("“%s”", cases[i].header);
      g_assert_cmpstr (mp_csv_field_to_string (mp_csv_field_guess (cases[i].header)), ==,
                       mp_csv_field_to_string (cases[i].field));
    }
}

static void
test_field_names_and_labels (void)
{
  for (MpCsvField f = 0; f < MP_N_CSV_FIELDS; f++)
    {
      MpCsvField back = MP_N_CSV_FIELDS;

      g_assert_true (mp_csv_field_from_string (mp_csv_field_to_string (f), &back));
      g_assert_cmpint (back, ==, f);
      g_assert_cmpstr (mp_csv_field_get_label (f), !=, "");
    }
  g_assert_false (mp_csv_field_from_string ("shoe-size", NULL));
  g_assert_cmpstr (mp_csv_field_get_label (MP_CSV_FIELD_EMAIL), ==, "E-mail");
}

static void
test_utf16_unicode_text (void)
{
  const char *text = "Navn\tOrganisasjon\r\nØystein Ås\tNAV Årstad\r\n";
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *utf16 = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &len, &error);
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MpCsvImport) import = NULL;

  g_assert_no_error (error);
  g_byte_array_append (data, (const guint8 *) "\xff\xfe", 2);
  g_byte_array_append (data, (const guint8 *) utf16, len);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));

  import = mp_csv_import_new (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_csv_import_get_encoding (import), ==, MP_CSV_ENCODING_UTF16);
  g_assert_cmpint (mp_csv_import_get_delimiter (import), ==, '\t');
  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 0), ==, "Øystein Ås");
}

static void
test_excel_sep_line (void)
{
  g_autoptr(MpCsvImport) import = mp_test_parse_csv ("sep=,\r\nNavn,Sektor;Organisasjon\r\nKari,Kommune;Bergen\r\n");

  /* the hint wins over the guess (which would be ';' or ','), and the
   * header is on line 2 */
  g_assert_cmpint (mp_csv_import_get_delimiter (import), ==, ',');
  g_assert_cmpuint (mp_csv_import_get_n_columns (import), ==, 2);
  g_assert_cmpstr (mp_csv_import_get_header (import, 0), ==, "Navn");
  g_assert_cmpuint (mp_csv_import_get_row_line (import, 0), ==, 3);
}

static void
test_old_mac_line_endings (void)
{
  g_autoptr(MpCsvImport) import = mp_test_parse_csv ("Navn;E-post\rKari;kari@x.no\r\rPer;per@x.no");

  g_assert_cmpint (mp_csv_import_get_delimiter (import), ==, ';');
  g_assert_cmpuint (mp_csv_import_get_n_rows (import), ==, 2);
  g_assert_cmpstr (mp_csv_import_get_cell (import, 1, 1), ==, "per@x.no");
  g_assert_cmpuint (mp_csv_import_get_row_line (import, 1), ==, 4);
}

static void
test_lone_cr_ends_a_line (void)
{
  /* libcsv ends a record at a lone CR, so it counts as a line break */
  g_autoptr(MpCsvImport) import = mp_test_parse_csv ("Navn;Organisasjon\nKari;S\xc3\xa6t\rher AS\nPer;NAV\n");

  g_assert_cmpuint (mp_csv_import_get_n_rows (import), ==, 3);
  g_assert_cmpstr (mp_csv_import_get_cell (import, 1, 0), ==, "her AS");
  g_assert_cmpuint (mp_csv_import_get_row_line (import, 0), ==, 2);
  g_assert_cmpuint (mp_csv_import_get_row_line (import, 1), ==, 3);
  g_assert_cmpuint (mp_csv_import_get_row_line (import, 2), ==, 4);
}

static void
test_delimiter_guess_ignores_quoted_and_stray (void)
{
  g_autoptr(MpCsvImport) semi = mp_test_parse_csv ("Navn;Organisasjon;Samtykke (ja, nei)\n"
                                              "\"Nordmann; Kari\";Redd Barna, Bergen;ja\n"
                                              "Per Hansen;NAV, Årstad;nei\n");
  g_autoptr(MpCsvImport) comma = mp_test_parse_csv ("Navn,Organisasjon\n"
                                               "\"Berg; Liv\",Kirkens Bymisjon\n"
                                               "Per,NAV\n");
  g_autoptr(MpCsvImport) single = mp_test_parse_csv ("Navn\nKari Nordmann\nPer Hansen\n");

  g_assert_cmpint (mp_csv_import_get_delimiter (semi), ==, ';');
  g_assert_cmpstr (mp_csv_import_get_cell (semi, 0, 0), ==, "Nordmann; Kari");
  g_assert_cmpint (mp_csv_import_get_delimiter (comma), ==, ',');
  g_assert_cmpint (mp_csv_import_get_delimiter (single), ==, ',');
  g_assert_cmpuint (mp_csv_import_get_n_rows (single), ==, 2);
}

static void
test_short_and_long_rows (void)
{
  g_autoptr(MpCsvImport) import = mp_test_parse_csv ("Navn,E-post,Organisasjon\n"
                                                "Kari\n"
                                                "Per,per@x.no,NAV,,,\n");

  g_assert_cmpuint (mp_csv_import_get_n_rows (import), ==, 2);
  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 0), ==, "Kari");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 2), ==, "");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 9), ==, "");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 1, 2), ==, "NAV");
}

static void
test_not_a_csv_file (void)
{
  assert_parse_fails ("", 0, "The file is empty.");
  assert_parse_fails ("\n\r\n  \n", 6, "The file is empty.");
  assert_parse_fails ("\xef\xbb\xbf", 3, "The file is empty.");
  assert_parse_fails (",,,\n , ,\n", 9, "The file is empty.");
  assert_parse_fails ("PK\x03\x04\x14\x00\x06\x00", 8,
                      "This Excel workbook is damaged and cannot be read. Open it in Excel or "
                      "LibreOffice, save it again and import that file.");
  assert_parse_fails ("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8,
                      "This is an old Excel workbook (.xls) or another Office file. Open it in "
                      "Excel or LibreOffice and save it as an Excel workbook (.xlsx) or as "
                      "“CSV UTF-8”, then import that file.");
  assert_parse_fails ("Navn\x00\x01\x02\xff", 8,
                      "This is neither a CSV file nor an Excel workbook. Open it in the program "
                      "that made it and save it as “CSV UTF-8” or as an Excel workbook (.xlsx), "
                      "then import that file.");
  /* 0x81 is not a character in Windows-1252 */
  assert_parse_fails ("Navn\n\x81\xd8yvind\n", 13,
                      "The file is not text in an encoding Møteplass knows. Save it as "
                      "“CSV UTF-8” and import that file.");
}

static void
test_unclosed_quote_names_its_line (void)
{
  const char *text = "Navn,Organisasjon\n"
                     "Kari,NAV\n"
                     "\n"
                     "Per,\"Redd Barna\n"
                     "Liv,Røde Kors\n";

  assert_parse_fails (text, strlen (text),
                      "A quotation mark on line 4 is never closed, so the rest of the file "
                      "cannot be read. Check that line in a spreadsheet program.");
}

static void
test_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/deltakere.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCsvImport) import = mp_csv_import_new_for_file (file, NULL, &error);

  g_assert_null (import);
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "Could not read “/nonexistent/deltakere.csv”: "));
}

static void
test_set_field (void)
{
  g_autoptr(MpCsvImport) import = mp_test_parse_csv ("Hvem er du?,Kontakt\nKari,kari@x.no\n");

  g_assert_false (mp_csv_import_has_name (import));
  g_assert_cmpint (mp_csv_import_find_column (import, MP_CSV_FIELD_NAME), ==, -1);
  mp_csv_import_set_field (import, 0, MP_CSV_FIELD_NAME);
  mp_csv_import_set_field (import, 1, MP_CSV_FIELD_EMAIL);
  g_assert_true (mp_csv_import_has_name (import));
  g_assert_cmpint (mp_csv_import_find_column (import, MP_CSV_FIELD_EMAIL), ==, 1);
  g_assert_cmpint (mp_csv_import_get_field (import, 1), ==, MP_CSV_FIELD_EMAIL);
}

/* Importing into the store */

/* One line per table: its name and a checksum of all its rows; equal
 * snapshots mean nothing was written. */
static char *
snapshot (MpTestFixture *f)
{
  sqlite3 *db = _mp_database_get_handle (f->db);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (char *) tables->pdata[i]);
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
      guint n_rows = 0;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const guchar *text = sqlite3_column_text (stmt, c);

              g_checksum_update (sum, text != NULL ? text : (const guchar *) "(null)", -1);
              g_checksum_update (sum, (const guchar *) "\x1f", 1);
            }
          n_rows++;
        }
      sqlite3_finalize (stmt);
      g_string_append_printf (out, "%s %u %s\n", (char *) tables->pdata[i], n_rows,
                              g_checksum_get_string (sum));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_run_nettskjema (MpTestFixture *f,
                     gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = open_fixture ("nettskjema.csv");
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte om inkludering");
  g_autoptr(MpCsvImportReport) report = mp_test_run_import (f, import, event_id, 0);
  g_autoptr(GPtrArray) attendees = mp_test_list_attendees (f, event_id);
  const MpImportCounts *counts = mp_csv_import_report_get_counts (report);
  MpAttendee *a;

  g_assert_cmpuint (mp_csv_import_report_get_rows_read (report), ==, 4);
  g_assert_cmpuint (mp_csv_import_report_get_rows_good (report), ==, 4);
  g_assert_cmpuint (mp_csv_import_report_get_n_bad_rows (report), ==, 0);
  g_assert_cmpuint (mp_csv_import_report_get_n_warnings (report), ==, 0);
  g_assert_false (mp_csv_import_report_get_dry_run (report));
  g_assert_cmpint (mp_csv_import_report_get_delimiter (report), ==, ',');
  g_assert_cmpstr (mp_csv_import_report_get_encoding_label (report), ==, "UTF-8");
  g_assert_cmpuint (counts->new_people, ==, 4);
  g_assert_cmpuint (counts->new_registrations, ==, 4);
  g_assert_cmpuint (attendees->len, ==, 4);

  a = mp_test_find_attendee (attendees, "Åse-Marit Sørensen");   /* spaces folded */
  g_assert_cmpstr (mp_attendee_get_email (a), ==, "ase.marit@redcross.no");
  g_assert_cmpstr (mp_attendee_get_organisation (a), ==, "Røde Kors Bergen");
  g_assert_cmpstr (mp_attendee_get_sector (a), ==, "Frivillig organisasjon");
  g_assert_cmpstr (mp_attendee_get_dietary (a), ==, "Vegetar, ingen nøtter");
  g_assert_true (mp_attendee_get_consent_followup (a));      /* "Ja, jeg vil ..." */
  g_assert_cmpint (mp_attendee_get_source (a), ==, MP_REGISTRATION_SOURCE_IMPORT);
  g_assert_cmpint (mp_attendee_get_status (a), ==, MP_REGISTRATION_STATUS_REGISTERED);

  a = mp_test_find_attendee (attendees, "Ahmed Hassan");
  g_assert_false (mp_attendee_get_consent_followup (a));
  g_assert_cmpstr (mp_attendee_get_dietary (a), ==, "");

  /* a short sector name is matched to the store's own */
  a = mp_test_find_attendee (attendees, "Olena Kovalenko");
  g_assert_cmpstr (mp_attendee_get_sector (a), ==, "Innvandrerorganisasjon / innvandrerråd");
}

static void
test_run_windows_1252_given_and_family_names (MpTestFixture *f,
                                              gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = open_fixture ("excel-windows-1252.csv");
  gint64 event_id = mp_test_add_event (f->store, "Frokostmøte");
  g_autoptr(MpCsvImportReport) report = mp_test_run_import (f, import, event_id, 0);
  g_autoptr(GPtrArray) attendees = mp_test_list_attendees (f, event_id);
  MpAttendee *a;

  g_assert_cmpuint (mp_csv_import_report_get_n_bad_rows (report), ==, 0);
  g_assert_cmpuint (attendees->len, ==, 3);

  a = mp_test_find_attendee (attendees, "Øyvind Ødegård");
  g_assert_cmpstr (mp_attendee_get_organisation (a), ==, "Frivilligsentralen i Årstad");
  g_assert_cmpstr (mp_attendee_get_sector (a), ==, "Frivilligsentral");
  g_assert_true (mp_attendee_get_consent_photo (a));

  a = mp_test_find_attendee (attendees, "Zainab Al-Sayed");
  g_assert_cmpstr (mp_attendee_get_organisation (a), ==, "Innvandrerrådet – Bergen");
  g_assert_cmpstr (mp_attendee_get_interpreter (a), ==, "Arabisk");
  g_assert_false (mp_attendee_get_consent_photo (a));

  a = mp_test_find_attendee (attendees, "Bjørn Æsøy");
  g_assert_cmpstr (mp_attendee_get_email (a), ==, "");
  g_assert_true (mp_attendee_get_consent_photo (a));          /* "x" */
}

static void
test_run_quoted_multiline (MpTestFixture *f,
                           gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = open_fixture ("quoted-multiline.csv");
  gint64 event_id = mp_test_add_event (f->store, "Konferanse");
  g_autoptr(MpCsvImportReport) report = mp_test_run_import (f, import, event_id, 0);
  g_autoptr(GPtrArray) attendees = mp_test_list_attendees (f, event_id);
  MpAttendee *a;

  g_assert_cmpuint (mp_csv_import_report_get_n_bad_rows (report), ==, 0);
  g_assert_cmpuint (attendees->len, ==, 4);
  /* written surname first, turned, and the dry run says so */
  a = mp_test_find_attendee (attendees, "Kari Nordmann");
  g_assert_cmpuint (mp_csv_import_report_get_n_names_turned (report), ==, 1);
  g_assert_cmpuint (mp_csv_import_report_get_n_warnings (report), ==, 1);
  g_assert_cmpuint (mp_csv_import_report_get_warning (report, 0)->line, ==, 2);
  g_assert_cmpstr (mp_csv_import_report_get_warning (report, 0)->reason, ==,
                   "The name “Nordmann, Kari” is written surname first, so it was imported as "
                   "“Kari Nordmann”.");
  /* an answer on two lines keeps its two lines */
  g_assert_cmpstr (mp_attendee_get_accessibility (a), ==, "Trenger teleslynge.\nKommer med ledsager.");
  a = mp_test_find_attendee (attendees, "Liv Berg");
  g_assert_cmpstr (mp_attendee_get_organisation (a), ==, "Bydel Gamle Oslo");
  a = mp_test_find_attendee (attendees, "Per Hansen");
  g_assert_cmpstr (mp_attendee_get_organisation (a), ==, "Foreningen \"Sammen\"");
}

static void
test_run_nynorsk (MpTestFixture *f,
                  gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = open_fixture ("nynorsk.csv");
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpCsvImportReport) report = mp_test_run_import (f, import, event_id, 0);
  g_autoptr(GPtrArray) attendees = mp_test_list_attendees (f, event_id);
  MpAttendee *a;

  g_assert_cmpuint (attendees->len, ==, 2);
  a = mp_test_find_attendee (attendees, "Dawit Tesfaye");
  g_assert_cmpstr (mp_attendee_get_interpreter (a), ==, "Tigrinja");
  g_assert_true (mp_attendee_get_consent_followup (a));
  g_assert_true (mp_attendee_get_consent_photo (a));
  a = mp_test_find_attendee (attendees, "Sigrid Nesheim");
  g_assert_false (mp_attendee_get_consent_photo (a));
}

static void
test_run_bad_rows_have_lines_and_reasons (MpTestFixture *f,
                                          gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = open_fixture ("bad-rows.csv");
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpCsvImportReport) report = mp_test_run_import (f, import, event_id, 0);
  g_autoptr(GPtrArray) attendees = mp_test_list_attendees (f, event_id);
  const struct { guint line; const char *reason; } bad[] = {
    { 3, "The name is missing." },
    { 5, "“kanskje” in the column “Samtykke” is not a yes or no answer." },
    { 8, "The row has more values than the first line has columns." },
    { 9, "“avventer” is not a registration status (registered, waiting list or cancelled)." },
    { 10, "The value in the column “Organisasjon” is longer than 200 characters." },
  };
  const struct { guint line; const char *reason; } warnings[] = {
    { 4, "“per.olsen(at)gmail.com” is not a valid e-mail address, so the person was imported "
         "without one." },
    { 7, "The sector “Romfart” is not known, so the person was put in “Annet”." },
  };
  MpAttendee *a;

  g_assert_cmpuint (mp_csv_import_report_get_rows_read (report), ==, 9);
  g_assert_cmpuint (mp_csv_import_report_get_n_bad_rows (report), ==, G_N_ELEMENTS (bad));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const MpCsvProblem *problem = mp_csv_import_report_get_bad_row (report, i);

      g_assert_cmpuint (problem->line, ==, bad[i].line);
      g_assert_cmpstr (problem->reason, ==, bad[i].reason);
    }

  g_assert_cmpuint (mp_csv_import_report_get_n_warnings (report), ==, G_N_ELEMENTS (warnings));
  for (guint i = 0; i < G_N_ELEMENTS (warnings); i++)
    {
      const MpCsvProblem *warning = mp_csv_import_report_get_warning (report, i);

      g_assert_cmpuint (warning->line, ==, warnings[i].line);
      g_assert_cmpstr (warning->reason, ==, warnings[i].reason);
    }
  g_assert_cmpuint (mp_csv_import_report_get_n_without_email (report), ==, 1);

  g_assert_cmpuint (mp_csv_import_report_get_rows_good (report), ==, 4);
  g_assert_cmpuint (mp_csv_import_report_get_counts (report)->new_registrations, ==, 4);
  g_assert_cmpuint (attendees->len, ==, 4);
  a = mp_test_find_attendee (attendees, "Lars Holm");
  g_assert_cmpstr (mp_attendee_get_sector (a), ==, "Annet");
  a = mp_test_find_attendee (attendees, "Siv Moe");
  g_assert_cmpint (mp_attendee_get_status (a), ==, MP_REGISTRATION_STATUS_WAITLISTED);
  g_assert_true (mp_attendee_get_consent_followup (a));
  /* a typo in the address does not lose the person */
  a = mp_test_find_attendee (attendees, "Per Olsen");
  g_assert_cmpstr (mp_attendee_get_email (a), ==, "");
  g_assert_cmpstr (mp_attendee_get_organisation (a), ==, "Fretex");
}

static void
test_run_reject_bad_email (MpTestFixture *f,
                           gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = open_fixture ("bad-rows.csv");
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpCsvImportReport) report = mp_test_run_import (f, import, event_id,
                                                            MP_CSV_IMPORT_REJECT_BAD_EMAIL);
  const MpCsvProblem *problem;

  /* the organiser chose to refuse such rows */
  g_assert_cmpuint (mp_csv_import_report_get_n_bad_rows (report), ==, 6);
  problem = mp_csv_import_report_get_bad_row (report, 1);
  g_assert_cmpuint (problem->line, ==, 4);
  g_assert_cmpstr (problem->reason, ==, "“per.olsen(at)gmail.com” is not a valid e-mail address.");
  g_assert_cmpuint (mp_csv_import_report_get_n_without_email (report), ==, 0);
  g_assert_cmpuint (mp_csv_import_report_get_counts (report)->new_registrations, ==, 3);
}

static void
test_run_several_reasons_in_one_row (MpTestFixture *f,
                                     gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = mp_test_parse_csv ("Navn;E-post;Samtykke foto\n"
                                                ";kari@;kanskje\n");
  gint64 event_id = mp_test_add_event (f->store, "Seminar");
  g_autoptr(MpCsvImportReport) report = mp_test_run_import (f, import, event_id,
                                                            MP_CSV_IMPORT_REJECT_BAD_EMAIL);

  g_assert_cmpuint (mp_csv_import_report_get_n_bad_rows (report), ==, 1);
  g_assert_cmpstr (mp_csv_import_report_get_bad_row (report, 0)->reason, ==,
                   "The name is missing. “kari@” is not a valid e-mail address. "
                   "“kanskje” in the column “Samtykke foto” is not a yes or no answer.");
  /* a row that is not imported has no warnings of how it would be */
  g_assert_cmpuint (mp_csv_import_report_get_n_warnings (report), ==, 0);
}

static void
test_run_consent_answers (MpTestFixture *f,
                          gconstpointer  data)
{
  const struct { const char *answer; int expected; } cases[] = {
    { "ja", 1 }, { "Ja", 1 }, { "JA", 1 }, { "yes", 1 }, { "Y", 1 }, { "j", 1 }, { "x", 1 },
    { "X", 1 }, { "TRUE", 1 }, { "1", 1 }, { "Ja, jeg vil gjerne bli kontaktet", 1 },
    { "Ja, eg vil gjerne", 1 }, { "Jeg samtykker til at dere kontakter meg", 1 }, { "✓", 1 },
    { "nei", 0 }, { "Nei", 0 }, { "no", 0 }, { "N", 0 }, { "false", 0 }, { "0", 0 }, { "", 0 },
    { "Nei takk", 0 }, { "Jeg samtykker ikke", 0 },
    { "kanskje", -1 }, { "2", -1 }, { "?", -1 },
  };
  g_autoptr(GString) csv = g_string_new ("Navn,Samtykke\n");
  g_autoptr(MpCsvImport) import = NULL;
  g_autoptr(MpCsvImportReport) report = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  gint64 event_id = mp_test_add_event (f->store, "Seminar");
  guint n_bad = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_string_append_printf (csv, "Person %02u,\"%s\"\n", i, cases[i].answer);
  import = mp_test_parse_csv (csv->str);
  report = mp_test_run_import (f, import, event_id, 0);
  attendees = mp_test_list_attendees (f, event_id);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %02u", i);

      g_test_message ("“%s”", cases[i].answer);
      if (cases[i].expected < 0)
        {
          const MpCsvProblem *problem = mp_csv_import_report_get_bad_row (report, n_bad++);
          g_assert_cmpuint (problem->line, ==, i + 2);
        }
      else
        g_assert_cmpint (mp_attendee_get_consent_followup (mp_test_find_attendee (attendees, name)), ==,
                         cases[i].expected);
    }
  g_assert_cmpuint (mp_csv_import_report_get_n_bad_rows (report), ==, n_bad);
}

static void
test_run_duplicates_by_email_and_by_name (MpTestFixture *f,
                                          gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = open_fixture ("duplicates.csv");
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpCsvImportReport) report = mp_test_run_import (f, import, event_id, 0);
  g_autoptr(GPtrArray) attendees = mp_test_list_attendees (f, event_id);
  const MpImportCounts *counts = mp_csv_import_report_get_counts (report);

  g_assert_cmpuint (mp_csv_import_report_get_rows_good (report), ==, 6);
  g_assert_cmpuint (counts->new_people, ==, 3);
  g_assert_cmpuint (counts->new_registrations, ==, 3);
  /* the other three repeat rows above: each row is counted once */
  g_assert_cmpuint (counts->repeated, ==, 3);
  g_assert_cmpuint (counts->merged + counts->unchanged, ==, 0);
  g_assert_cmpuint (attendees->len, ==, 3);
  g_assert_cmpstr (mp_attendee_get_name (attendees->pdata[0]), ==, "Jonas Berg");
  g_assert_cmpstr (mp_attendee_get_name (attendees->pdata[1]), ==, "Kari Nordmann");
}

static void
test_run_twice_changes_nothing (MpTestFixture *f,
                                gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = open_fixture ("nettskjema.csv");
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpCsvImportReport) first = mp_test_run_import (f, import, event_id, 0);
  g_autofree char *before = snapshot (f);
  g_autoptr(GPtrArray) attendees_before = mp_test_list_attendees (f, event_id);
  g_autoptr(MpCsvImportReport) second = NULL;
  g_autoptr(GPtrArray) attendees_after = NULL;
  g_autofree char *after = NULL;
  const MpImportCounts *counts;

  second = mp_test_run_import (f, import, event_id, 0);
  counts = mp_csv_import_report_get_counts (second);
  g_assert_cmpuint (counts->new_people, ==, 0);
  g_assert_cmpuint (counts->new_registrations, ==, 0);
  g_assert_cmpuint (counts->merged, ==, 0);
  g_assert_cmpuint (counts->unchanged + counts->repeated, ==, 4);

  attendees_after = mp_test_list_attendees (f, event_id);
  g_assert_cmpuint (attendees_after->len, ==, attendees_before->len);
  for (guint i = 0; i < attendees_after->len; i++)
    g_assert_cmpstr (mp_attendee_get_token (attendees_after->pdata[i]), ==,
                     mp_attendee_get_token (attendees_before->pdata[i]));

  /* only the audit log may say that an import happened */
  after = snapshot (f);
  {
    g_auto(GStrv) a = g_strsplit (before, "\n", -1);
    g_auto(GStrv) b = g_strsplit (after, "\n", -1);

    g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
    for (guint i = 0; a[i] != NULL; i++)
      if (!g_str_has_prefix (a[i], "audit"))
        g_assert_cmpstr (a[i], ==, b[i]);
  }
}

static void
test_run_dry_run_writes_nothing (MpTestFixture *f,
                                 gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = open_fixture ("duplicates.csv");
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");
  g_autofree char *before = snapshot (f);
  g_autoptr(MpCsvImportReport) dry = mp_test_run_import (f, import, event_id, MP_CSV_IMPORT_DRY_RUN);
  g_autofree char *after = snapshot (f);
  g_autoptr(MpCsvImportReport) real = NULL;

  g_assert_true (mp_csv_import_report_get_dry_run (dry));
  g_assert_cmpstr (before, ==, after);

  /* and it tells what the real import then does */
  real = mp_test_run_import (f, import, event_id, 0);
  g_assert_cmpmem (mp_csv_import_report_get_counts (dry), sizeof (MpImportCounts),
                   mp_csv_import_report_get_counts (real), sizeof (MpImportCounts));
}

static void
test_run_strict_writes_nothing (MpTestFixture *f,
                                gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = open_fixture ("bad-rows.csv");
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");
  g_autofree char *before = snapshot (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCsvImportReport) report = mp_csv_import_run (import, f->store, event_id,
                                                           MP_CSV_IMPORT_STRICT, NULL,
                                                           NULL, NULL, &error);
  g_autofree char *after = snapshot (f);

  g_assert_null (report);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "5 rows cannot be imported, so nothing was imported. "
                   "The first is on line 3: The name is missing.");
  g_assert_cmpstr (before, ==, after);
}

static void
test_run_without_name_column_fails (MpTestFixture *f,
                                    gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = mp_test_parse_csv ("E-post,Organisasjon\nkari@x.no,NAV\n");
  gint64 event_id = mp_test_add_event (f->store, "Seminar");
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCsvImportReport) report = mp_csv_import_run (import, f->store, event_id, 0,
                                                           NULL, NULL, NULL, &error);

  g_assert_null (report);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "No column holds the participants’ names. Choose which column has the "
                   "name, or the given name and family name, and try again.");
}

static void
test_run_unknown_event_fails (MpTestFixture *f,
                              gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = open_fixture ("nettskjema.csv");
  g_autofree char *before = snapshot (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCsvImportReport) report = mp_csv_import_run (import, f->store, 4242, 0,
                                                           NULL, NULL, NULL, &error);
  g_autofree char *after = snapshot (f);

  g_assert_null (report);
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FOUND);
  g_assert_cmpstr (before, ==, after);
}

static char *
many_people_csv (guint n)
{
  GString *csv = g_string_new ("Navn;E-post;Organisasjon;Sektor;Tilrettelegging\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "Deltaker %u;deltaker%u@example.no;Frivilligsentral %u;"
                            "Frivilligsentral;Trenger plass til rullator og en ledsager, "
                            "og helst et bord nær døren (%u)\n", i, i, i % 50, i);
  return g_string_free (csv, FALSE);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
test_run_store_failure_leaves_database_unchanged (MpTestFixture *f,
                                                  gconstpointer  data)
{
  g_autofree char *text = many_people_csv (5000);
  g_autoptr(MpCsvImport) import = mp_test_parse_csv (text);
  gint64 event_id = mp_test_add_event (f->store, "Konferanse");
  sqlite3 *db = _mp_database_get_handle (f->db);
  g_autoptr(MpCsvImportReport) small = NULL;
  g_autoptr(MpCsvImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 pages;
  double last = 0.0;

  /* some people are there already */
  {
    g_autoptr(MpCsvImport) first = open_fixture ("nettskjema.csv");
    small = mp_test_run_import (f, first, event_id, 0);
  }
  before = snapshot (f);

  /* the disk fills up halfway through */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA page_count", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  pages = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 20);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);

  report = mp_csv_import_run (import, f->store, event_id, 0, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, MP_ERROR, MP_ERROR_FULL);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  /* with room again, the same import goes through */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 1073741823", NULL, NULL, NULL), ==, SQLITE_OK);
  report = mp_csv_import_run (import, f->store, event_id, 0, NULL, progress_cb, &last, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_csv_import_report_get_counts (report)->new_registrations, ==, 5000);
  g_assert_cmpfloat (last, ==, 1.0);
}

static void
test_run_cancelled_writes_nothing (MpTestFixture *f,
                                   gconstpointer  data)
{
  g_autofree char *text = many_people_csv (3000);
  g_autoptr(MpCsvImport) import = mp_test_parse_csv (text);
  gint64 event_id = mp_test_add_event (f->store, "Konferanse");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCsvImportReport) report = NULL;

  g_cancellable_cancel (cancellable);
  report = mp_csv_import_run (import, f->store, event_id, 0, cancellable, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, MP_ERROR, MP_ERROR_CANCELLED);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_run_import_into_second_event_reuses_people (MpTestFixture *f,
                                                 gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = open_fixture ("excel-utf8-bom.csv");
  gint64 first = mp_test_add_event (f->store, "Vårmøtet");
  gint64 second = mp_test_add_event (f->store, "Høstmøtet");
  g_autoptr(MpCsvImportReport) a = mp_test_run_import (f, import, first, 0);
  g_autoptr(MpCsvImportReport) b = mp_test_run_import (f, import, second, 0);

  g_assert_cmpuint (mp_csv_import_report_get_counts (b)->new_people, ==, 0);
  g_assert_cmpuint (mp_csv_import_report_get_counts (b)->merged, ==, 3);
  g_assert_cmpuint (mp_csv_import_report_get_counts (b)->new_registrations, ==, 3);
  /* who they were merged with, line by line */
  g_assert_cmpuint (mp_csv_import_report_get_n_merged (b), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      guint line = 0;
      const MpImportMerged *m = mp_csv_import_report_get_merged (b, i, &line);

      g_assert_cmpuint (line, ==, i + 2);
      g_assert_cmpint (m->person_id, >, 0);
      g_assert_nonnull (m->name);
    }
}

static void
test_run_email_learned_midway_is_known (MpTestFixture *f,
                                        gconstpointer  data)
{
  /* Row 3 gives the person of row 2 an e-mail address; row 4 has that
   * address with another organisation, so it is the same person. */
  g_autoptr(MpCsvImport) import = mp_test_parse_csv ("Navn,E-post,Organisasjon\n"
                                                "Kari Hansen,,NAV Bergen\n"
                                                "Kari Hansen,kari.hansen@nav.no,NAV Bergen\n"
                                                "Kari Hansen,kari.hansen@nav.no,NAV Årstad\n");
  gint64 event_id = mp_test_add_event (f->store, "Seminar");
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCsvImportReport) report = mp_csv_import_run (import, f->store, event_id, 0,
                                                           NULL, NULL, NULL, &error);

  if (report == NULL && g_error_matches (error, MP_ERROR, MP_ERROR_INVALID) &&
      strstr (error->message, "UNIQUE") != NULL)
    {
      /* mp_store_import() does not remember an address it adds to a
       * known person, and then inserts a second person with it. */
      g_test_incomplete (error->message);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (mp_csv_import_report_get_counts (report)->new_people, ==, 1);
  g_assert_cmpuint (mp_csv_import_report_get_counts (report)->new_registrations, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-import/nettskjema-utf8-comma", test_nettskjema_utf8_comma);
  g_test_add_func ("/csv-import/excel-windows-1252-semicolon", test_excel_windows_1252_semicolon);
  g_test_add_func ("/csv-import/excel-utf8-bom-semicolon", test_excel_utf8_bom_semicolon);
  g_test_add_func ("/csv-import/google-forms-tab-question-headers", test_google_forms_tab_question_headers);
  g_test_add_func ("/csv-import/quoted-newlines-and-delimiters", test_quoted_newlines_and_delimiters);
  g_test_add_func ("/csv-import/nynorsk-headers", test_nynorsk_headers);
  g_test_add_func ("/csv-import/header-guesses", test_header_guesses);
  g_test_add_func ("/csv-import/field-names-and-labels", test_field_names_and_labels);
  g_test_add_func ("/csv-import/utf16-unicode-text", test_utf16_unicode_text);
  g_test_add_func ("/csv-import/excel-sep-line", test_excel_sep_line);
  g_test_add_func ("/csv-import/old-mac-line-endings", test_old_mac_line_endings);
  g_test_add_func ("/csv-import/lone-cr-ends-a-line", test_lone_cr_ends_a_line);
  g_test_add_func ("/csv-import/delimiter-guess-ignores-quoted-text", test_delimiter_guess_ignores_quoted_and_stray);
  g_test_add_func ("/csv-import/short-and-long-rows", test_short_and_long_rows);
  g_test_add_func ("/csv-import/not-a-csv-file", test_not_a_csv_file);
  g_test_add_func ("/csv-import/unclosed-quote-names-its-line", test_unclosed_quote_names_its_line);
  g_test_add_func ("/csv-import/missing-file", test_missing_file);
  g_test_add_func ("/csv-import/set-field", test_set_field);

  MP_TEST_ADD ("/csv-import/run/nettskjema", test_run_nettskjema);
  MP_TEST_ADD ("/csv-import/run/windows-1252-given-and-family-names", test_run_windows_1252_given_and_family_names);
  MP_TEST_ADD ("/csv-import/run/quoted-multiline", test_run_quoted_multiline);
  MP_TEST_ADD ("/csv-import/run/nynorsk", test_run_nynorsk);
  MP_TEST_ADD ("/csv-import/run/bad-rows-have-lines-and-reasons", test_run_bad_rows_have_lines_and_reasons);
  MP_TEST_ADD ("/csv-import/run/several-reasons-in-one-row", test_run_several_reasons_in_one_row);
  MP_TEST_ADD ("/csv-import/run/consent-answers", test_run_consent_answers);
  MP_TEST_ADD ("/csv-import/run/duplicates-by-email-and-by-name", test_run_duplicates_by_email_and_by_name);
  MP_TEST_ADD ("/csv-import/run/twice-changes-nothing", test_run_twice_changes_nothing);
  MP_TEST_ADD ("/csv-import/run/dry-run-writes-nothing", test_run_dry_run_writes_nothing);
  MP_TEST_ADD ("/csv-import/run/strict-writes-nothing", test_run_strict_writes_nothing);
  MP_TEST_ADD ("/csv-import/run/without-name-column-fails", test_run_without_name_column_fails);
  MP_TEST_ADD ("/csv-import/run/unknown-event-fails", test_run_unknown_event_fails);
  MP_TEST_ADD ("/csv-import/run/store-failure-leaves-database-unchanged", test_run_store_failure_leaves_database_unchanged);
  MP_TEST_ADD ("/csv-import/run/cancelled-writes-nothing", test_run_cancelled_writes_nothing);
  MP_TEST_ADD ("/csv-import/run/second-event-reuses-people", test_run_import_into_second_event_reuses_people);
  MP_TEST_ADD ("/csv-import/run/email-learned-midway-is-known", test_run_email_learned_midway_is_known);
  MP_TEST_ADD ("/csv-import/run/reject-bad-email", test_run_reject_bad_email);

  return g_test_run ();
}
