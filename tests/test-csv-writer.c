/* mp-csv-writer.c: the one CSV field writer, its formula guard on in
 * both dialects, and counts that stay numbers */
#include "config.h"

#include <string.h>

#include "mp-csv-import.h"
#include "mp-csv-writer.h"
#include "mp-test-util.h"

static char *
one_row (MpCsvDialect  dialect,
         const char   *first,
         const char   *second)
{
  GString *out = g_string_new (NULL);
  MpCsvWriter csv;

  mp_csv_writer_init (&csv, out, dialect);
  mp_csv_writer_text (&csv, first);
  mp_csv_writer_text (&csv, second);
  mp_csv_writer_end_row (&csv);

  return g_string_free (out, FALSE);
}

/* Cells a spreadsheet would run, in both dialects: each gets a ' in
 * front, inside the quotes when it needs quotes. */
static void
test_formula_guard_always_on (void)
{
  static const struct
  {
    const char *cell;
    const char *plain;   /* the row "<cell>,x\n" */
    const char *excel;   /* the row after the byte order mark */
  } cases[] = {
    { "-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0,x\n", "'-1+cmd|' /C calc'!A0;x\r\n" },
    { "+1+HYPERLINK(\"http://x\";\"y\")", "\"'+1+HYPERLINK(\"\"http://x\"\";\"\"y\"\")\",x\n",
      "\"'+1+HYPERLINK(\"\"http://x\"\";\"\"y\"\")\";x\r\n" },
    { "@SUM(1)", "'@SUM(1),x\n", "'@SUM(1);x\r\n" },
    { "=1+1", "'=1+1,x\n", "'=1+1;x\r\n" },
    { "\t=1", "'\t=1,x\n", "'\t=1;x\r\n" },
    { "\r=1", "\"'\r=1\",x\n", "\"'\r=1\";x\r\n" },
    { "\n=1", "\"'\n=1\",x\n", "\"'\n=1\";x\r\n" },
    /* numbers in a text column are text */
    { "-5", "'-5,x\n", "'-5;x\r\n" },
    { "+47 912 34 567", "'+47 912 34 567,x\n", "'+47 912 34 567;x\r\n" },
    /* a guard already there gets one more, so the import's one off
     * gives back exactly this */
    { "'=1+1", "''=1+1,x\n", "''=1+1;x\r\n" },
    /* harmless text as it is */
    { "Kari Nordmann", "Kari Nordmann,x\n", "Kari Nordmann;x\r\n" },
    { "O'Brien", "O'Brien,x\n", "O'Brien;x\r\n" },
    { "2026", "2026,x\n", "2026;x\r\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *plain = one_row (MP_CSV_DIALECT_PLAIN, cases[i].cell, "x");
      g_autofree char *excel = one_row (MP_CSV_DIALECT_EXCEL, cases[i].cell, "x");
      g_autofree char *excel_expected = g_strconcat ("\xef\xbb\xbf", cases[i].excel, NULL);

      g_assert_cmpstr (plain, ==, cases[i].plain);
      g_assert_cmpstr (excel, ==, excel_expected);
    }
}

/* A count we wrote ourselves in a column of counts is a number, also a
 * negative one ("minutes from start"); Excel gets a decimal comma.
 * Anything else handed over as a number is text, and guarded. */
static void
test_counts_stay_numbers (void)
{
  static const struct
  {
    const char *number;
    const char *plain;
    const char *excel;
  } cases[] = {
    { "-20", "-20", "-20" },
    { "12", "12", "12" },
    { "16.7", "16.7", "16,7" },
    { "-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0" },
    { "1,5", "\"1,5\"", "1,5" },
    { "-", "'-", "'-" },
    { "", "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (MpCsvDialect d = MP_CSV_DIALECT_PLAIN; d <= MP_CSV_DIALECT_EXCEL; d++)
      {
        g_autoptr(GString) out = g_string_new (NULL);
        MpCsvWriter csv;
        const char *expected = d == MP_CSV_DIALECT_EXCEL ? cases[i].excel : cases[i].plain;

        mp_csv_writer_init (&csv, out, d);
        g_string_truncate (out, 0);   /* without the byte order mark */
        mp_csv_writer_number (&csv, cases[i].number);
        g_assert_cmpstr (out->str, ==, expected);
      }

  {
    g_autoptr(GString) out = g_string_new (NULL);
    MpCsvWriter csv;

    mp_csv_writer_init (&csv, out, MP_CSV_DIALECT_PLAIN);
    mp_csv_writer_text (&csv, "Minutes");
    mp_csv_writer_count (&csv, -15);
    mp_csv_writer_count (&csv, 0);
    mp_csv_writer_end_row (&csv);
    mp_csv_writer_end_row (&csv);
    mp_csv_writer_text (&csv, NULL);
    mp_csv_writer_text (&csv, "");
    mp_csv_writer_end_row (&csv);
    g_assert_cmpstr (out->str, ==, "Minutes,-15,0\n\n,\n");
  }
}

/* RFC 4180: quotes around what holds the separator, a quote, a line
 * break, or a space at either end; the other dialect's separator is
 * plain text. */
static void
test_quoting (void)
{
  g_autofree char *plain = one_row (MP_CSV_DIALECT_PLAIN, "Berg, \"Øystein\"", " NAV; Vest ");
  g_autofree char *excel = one_row (MP_CSV_DIALECT_EXCEL, "Berg, Øystein", "Vegetar\nIngen nøtter");

  g_assert_cmpstr (plain, ==, "\"Berg, \"\"Øystein\"\"\",\" NAV; Vest \"\n");
  g_assert_cmpstr (excel, ==, "\xef\xbb\xbf" "Berg, Øystein;\"Vegetar\nIngen nøtter\"\r\n");
}

/* What the writer guards, the import reads back as it was. */
static void
test_import_reads_back_what_was_written (MpTestFixture *f,
                                         gconstpointer  data)
{
  const char *names[] = {
    "-1+cmd|' /C calc'!A0", "+1+HYPERLINK(\"http://x\")", "@SUM(1)", "=1+1", "'=2+2", "Kari Nordmann",
  };
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MpCsvImport) import = NULL;
  g_autoptr(MpCsvImportReport) report = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GError) error = NULL;
  MpCsvWriter csv;

  mp_csv_writer_init (&csv, out, MP_CSV_DIALECT_EXCEL);
  mp_csv_writer_text (&csv, mp_csv_field_get_label (MP_CSV_FIELD_NAME));
  mp_csv_writer_text (&csv, mp_csv_field_get_label (MP_CSV_FIELD_PHONE));
  mp_csv_writer_end_row (&csv);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      mp_csv_writer_text (&csv, names[i]);
      mp_csv_writer_text (&csv, "+47 912 34 567");
      mp_csv_writer_end_row (&csv);
    }

  bytes = g_string_free_to_bytes (g_steal_pointer (&out));
  import = mp_csv_import_new (bytes, &error);
  g_assert_no_error (error);
  report = mp_csv_import_run (import, f->store, e, MP_CSV_IMPORT_STRICT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  attendees = mp_store_list_attendees (f->store, e, &error);
  g_assert_cmpuint (attendees->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < attendees->len; j++)
        if (g_str_equal (mp_attendee_get_name (g_ptr_array_index (attendees, j)), names[i]))
          {
            g_assert_cmpstr (mp_attendee_get_phone (g_ptr_array_index (attendees, j)), ==, "+47 912 34 567");
            found = TRUE;
          }
      g_assert_true (found);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-writer/formula-guard-in-both-dialects", test_formula_guard_always_on);
  g_test_add_func ("/csv-writer/counts-stay-numbers", test_counts_stay_numbers);
  g_test_add_func ("/csv-writer/quoting", test_quoting);
  MP_TEST_ADD ("/csv-writer/import-reads-back-what-was-written", test_import_reads_back_what_was_written);

  return g_test_run ();
}
