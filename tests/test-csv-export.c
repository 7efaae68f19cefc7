/* Attendee lists as CSV, for people and for Excel */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "mp-attendee-private.h"
#include "mp-csv-export.h"
#include "mp-csv-import.h"
#include "mp-test-util.h"
#include "mp-time.h"

static MpAttendee *
make_attendee (const char *name,
               const char *email,
               const char *organisation,
               gboolean    consent_followup)
{
  MpAttendee *a = mp_attendee_new ();

  a->registration_id = 1;
  a->name = g_strdup (name);
  a->email = g_strdup (email);
  a->organisation = g_strdup (organisation);
  a->sector = g_strdup ("Kommune");
  a->token = g_strdup ("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  a->status = MP_REGISTRATION_STATUS_REGISTERED;
  a->source = MP_REGISTRATION_SOURCE_IMPORT;
  a->consent_followup = consent_followup;
  a->created_at = 1770000000;    /* 2026-02-02 03:40 in Oslo */
  return a;
}

static char *
export_to_string (GPtrArray        *attendees,
                  MpCsvExportFlags  flags,
                  guint            *n_rows)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_csv_export_attendees (attendees, flags, stream, n_rows, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL));
  g_output_stream_close (stream, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

#define HEADER "Name,E-mail,Phone,Organisation,Sector,Status,Source,Registered at,Checked in at," \
               "Desk,Dietary needs,Accessibility needs,Interpreter,Consent to follow-up," \
               "Consent to photos,Ticket\n"

static void
test_header_and_quoting (void)
{
  g_autoptr(GPtrArray) attendees = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *csv = NULL;
  MpAttendee *a;
  guint n_rows = 0;

  a = make_attendee ("Nordmann, Kari", "kari@bergen.kommune.no", "Foreningen \"Sammen\"", TRUE);
  a->phone = g_strdup ("+47 912 34 567");
  a->dietary = g_strdup ("Vegetar\nIngen nøtter");
  a->checkin_id = 7;
  a->checked_in_at = 1770015600;   /* 08:00 in Oslo */
  a->checkin_desk = g_strdup ("Dør 2");
  g_ptr_array_add (attendees, a);
  a = make_attendee ("Per Olsen", "", "", FALSE);
  a->status = MP_REGISTRATION_STATUS_WAITLISTED;
  a->source = MP_REGISTRATION_SOURCE_DESK;
  a->consent_photo = TRUE;
  g_ptr_array_add (attendees, a);

  csv = export_to_string (attendees, MP_CSV_EXPORT_FLAGS_NONE, &n_rows);
  g_assert_cmpuint (n_rows, ==, 2);
  /* the formula guard holds without MP_CSV_EXPORT_EXCEL too: a phone
   * number starting with + is text, not a sum */
  g_assert_cmpstr (csv, ==,
                   HEADER
                   "\"Nordmann, Kari\",kari@bergen.kommune.no,'+47 912 34 567,"
                   "\"Foreningen \"\"Sammen\"\"\",Kommune,Registered,Imported,"
                   "2026-02-02T03:40:00+01:00,2026-02-02T08:00:00+01:00,Dør 2,"
                   "\"Vegetar\nIngen nøtter\",,,Yes,No,MP1ABCDEFGHIJKLMNOPQRSTUVWXYZ\n"
                   "Per Olsen,,,,Kommune,Waiting list,Check-in desk,2026-02-02T03:40:00+01:00,"
                   ",,,,,No,Yes,MP1ABCDEFGHIJKLMNOPQRSTUVWXYZ\n");
}

static void
test_excel_bom_semicolon_crlf_and_formula_guard (void)
{
  g_autoptr(GPtrArray) attendees = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *csv = NULL;
  MpAttendee *a;

  a = make_attendee ("=HYPERLINK(\"http://x\";\"Kari\")", "@kari", "-Bergen kommune", TRUE);
  a->phone = g_strdup ("+47 912 34 567");
  a->dietary = g_strdup ("-");
  a->accessibility = g_strdup ("+ rullestol");
  a->interpreter = g_strdup ("'=1+1");
  g_ptr_array_add (attendees, a);
  a = make_attendee ("Liv Berg; Oslo", "liv@oslo.kommune.no", "Bydel Frogner", FALSE);
  a->phone = g_strdup ("-5");
  g_ptr_array_add (attendees, a);

  csv = export_to_string (attendees, MP_CSV_EXPORT_EXCEL, NULL);
  g_assert_cmpstr (csv, ==,
                   "\xef\xbb\xbf"
                   "Name;E-mail;Phone;Organisation;Sector;Status;Source;Registered at;Checked in at;"
                   "Desk;Dietary needs;Accessibility needs;Interpreter;Consent to follow-up;"
                   "Consent to photos;Ticket\r\n"
                   "\"'=HYPERLINK(\"\"http://x\"\";\"\"Kari\"\")\";'@kari;'+47 912 34 567;"
                   "'-Bergen kommune;Kommune;Registered;Imported;2026-02-02T03:40:00+01:00;;;"
                   "'-;'+ rullestol;''=1+1;Yes;No;MP1ABCDEFGHIJKLMNOPQRSTUVWXYZ\r\n"
                   "\"Liv Berg; Oslo\";liv@oslo.kommune.no;'-5;Bydel Frogner;Kommune;Registered;"
                   "Imported;2026-02-02T03:40:00+01:00;;;;;;No;No;MP1ABCDEFGHIJKLMNOPQRSTUVWXYZ\r\n");
}

static void
test_consented_only (void)
{
  g_autoptr(GPtrArray) attendees = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *csv = NULL;
  guint n_rows = 0;

  g_ptr_array_add (attendees, make_attendee ("Kari Nordmann", "kari@x.no", "NAV", TRUE));
  g_ptr_array_add (attendees, make_attendee ("Per Olsen", "per@x.no", "NAV", FALSE));
  g_ptr_array_add (attendees, make_attendee ("Åse Berg", "ase@x.no", "NAV", TRUE));

  csv = export_to_string (attendees, MP_CSV_EXPORT_CONSENTED, &n_rows);
  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_nonnull (strstr (csv, "Kari Nordmann"));
  g_assert_null (strstr (csv, "Per Olsen"));
  g_assert_nonnull (strstr (csv, "Åse Berg"));
}

static void
test_empty_event_has_header (void)
{
  g_autoptr(GPtrArray) attendees = g_ptr_array_new ();
  g_autofree char *csv = export_to_string (attendees, 0, NULL);

  g_assert_cmpstr (csv, ==, HEADER);
}

/* With the store */

static void
import_fixture (MpTestFixture *f,
                gint64         event_id,
                const char    *name)
{
  g_autofree char *path = g_build_filename (SOURCE_DIR, "tests", "data", "csv", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCsvImport) import = mp_csv_import_new_for_file (file, NULL, &error);
  g_autoptr(MpCsvImportReport) report = NULL;

  g_assert_no_error (error);
  report = mp_csv_import_run (import, f->store, event_id, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static char *
describe_person (MpAttendee *a)
{
  return g_strdup_printf ("%s|%s|%s|%s|%s|%s|%s|%s|%s|%d|%d",
                          mp_attendee_get_name (a), mp_attendee_get_email (a),
                          mp_attendee_get_phone (a), mp_attendee_get_organisation (a),
                          mp_attendee_get_sector (a),
                          mp_registration_status_to_string (mp_attendee_get_status (a)),
                          mp_attendee_get_dietary (a), mp_attendee_get_accessibility (a),
                          mp_attendee_get_interpreter (a),
                          mp_attendee_get_consent_followup (a),
                          mp_attendee_get_consent_photo (a));
}

static void
assert_same_people (MpTestFixture *f,
                    gint64         a_id,
                    gint64         b_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) a = mp_store_list_attendees (f->store, a_id, &error);
  g_autoptr(GPtrArray) b = mp_store_list_attendees (f->store, b_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (a->len, >, 0);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      g_autofree char *da = describe_person (a->pdata[i]);
      g_autofree char *db = describe_person (b->pdata[i]);

      g_assert_cmpstr (da, ==, db);
      /* the same person, registered anew with a ticket of its own */
      g_assert_cmpint (mp_attendee_get_person_id (a->pdata[i]), ==,
                       mp_attendee_get_person_id (b->pdata[i]));
      g_assert_cmpstr (mp_attendee_get_token (a->pdata[i]), !=, mp_attendee_get_token (b->pdata[i]));
    }
}

static void
round_trip (MpTestFixture    *f,
            MpCsvExportFlags  flags)
{
  const char *fixtures[] = {
    "nettskjema.csv", "excel-windows-1252.csv", "excel-utf8-bom.csv", "google-forms.tsv",
    "quoted-multiline.csv", "nynorsk.csv", "bad-rows.csv", "duplicates.csv",
  };
  gint64 first = mp_test_add_event (f->store, "Dialogmøte om inkludering");
  gint64 second = mp_test_add_event (f->store, "Oppfølgingsmøte");
  g_autofree char *path = g_build_filename (f->dir, "deltakere.csv", NULL);
  g_autoptr(GError) error = NULL;
  guint n_rows = 0;

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    import_fixture (f, first, fixtures[i]);

  /* some things only a person at the desk types */
  {
    MpRegistrationInput input = {
      .name = (char *) "=Ola \"Formel\" Nordmann",
      .email = (char *) "ola@example.no",
      .organisation = (char *) "-Minus AS",
      .sector = (char *) "Næringsliv",
      .phone = (char *) "+4799999999",
      .dietary = (char *) "@halal",
      .status = MP_REGISTRATION_STATUS_CANCELLED,
      .source = MP_REGISTRATION_SOURCE_DESK,
      .consent_followup = MP_CONSENT_YES,
    };
    g_autoptr(MpAttendee) a = mp_store_register (f->store, first, &input, &error);

    g_assert_no_error (error);
  }

  g_assert_true (mp_csv_export_to_path (f->store, first, flags, path, &n_rows, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, >, 20);
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(MpCsvImport) import = mp_csv_import_new_for_file (file, NULL, &error);
    g_autoptr(MpCsvImportReport) report = NULL;

    g_assert_no_error (error);
    report = mp_csv_import_run (import, f->store, second, MP_CSV_IMPORT_STRICT,
                                NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (mp_csv_import_report_get_n_warnings (report), ==, 0);
    g_assert_cmpuint (mp_csv_import_report_get_counts (report)->new_people, ==, 0);
    g_assert_cmpuint (mp_csv_import_report_get_counts (report)->new_registrations, ==, n_rows);
  }

  assert_same_people (f, first, second);
}

static void
test_round_trip (MpTestFixture *f,
                 gconstpointer  data)
{
  round_trip (f, MP_CSV_EXPORT_FLAGS_NONE);
}

static void
test_round_trip_excel (MpTestFixture *f,
                       gconstpointer  data)
{
  round_trip (f, MP_CSV_EXPORT_EXCEL);
}

static void
test_checked_in_attendee (MpTestFixture *f,
                          gconstpointer  data)
{
  gint64 event_id = mp_test_add_event (f->store, "Frokostmøte");
  g_autoptr(MpAttendee) kari = mp_test_register (f->store, event_id, "Kari Nordmann", "kari@nav.no", "NAV Årstad", "NAV");
  g_autoptr(MpAttendee) per = mp_test_register (f->store, event_id, "Per Olsen", NULL, "Fretex", "Næringsliv");
  g_autoptr(MpCheckInResult) result = NULL;
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) kari_fields = NULL;
  g_auto(GStrv) per_fields = NULL;
  g_autofree char *ticket = mp_attendee_dup_ticket_text (kari);

  result = mp_store_check_in_registration (f->store, event_id, mp_attendee_get_registration_id (kari),
                                           "Dør 2", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_check_in_result_get_outcome (result), ==, MP_CHECK_IN_CHECKED_IN);

  g_assert_true (mp_csv_export_to_stream (f->store, event_id, 0, stream, NULL, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL);
  g_output_stream_close (stream, NULL, NULL);
  lines = g_strsplit (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)), "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 4);      /* header, 2 rows, "" */
  kari_fields = g_strsplit (lines[1], ",", -1);
  per_fields = g_strsplit (lines[2], ",", -1);
  g_assert_cmpstr (kari_fields[0], ==, "Kari Nordmann");
  iso = mp_time_format_iso (mp_check_in_result_get_at (result));
  g_assert_cmpstr (kari_fields[8], ==, iso);
  g_assert_cmpstr (kari_fields[9], ==, "Dør 2");
  g_assert_cmpstr (kari_fields[15], ==, ticket);
  g_assert_cmpstr (per_fields[0], ==, "Per Olsen");
  g_assert_cmpstr (per_fields[8], ==, "");
  g_assert_cmpstr (per_fields[9], ==, "");
}

static void
test_to_path_replaces_atomically (MpTestFixture *f,
                                  gconstpointer  data)
{
  gint64 event_id = mp_test_add_event (f->store, "Seminar");
  g_autoptr(MpAttendee) kari = mp_test_register (f->store, event_id, "Kari Nordmann", "kari@nav.no", "NAV", "NAV");
  g_autofree char *path = g_build_filename (f->dir, "eksport.csv", NULL);
  g_autofree char *bad_path = g_build_filename (f->dir, "finnes-ikke", "eksport.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  g_assert_true (g_file_set_contents (path, "old contents", -1, NULL));
  g_assert_true (mp_csv_export_to_path (f->store, event_id, MP_CSV_EXPORT_EXCEL, path, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbfName;"));
  g_assert_nonnull (strstr (contents, "\r\nKari Nordmann;kari@nav.no;"));

  g_assert_false (mp_csv_export_to_path (f->store, event_id, 0, bad_path, NULL, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "Could not write “"));

  /* no temporary file is left behind */
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "eksport"))
      n_files++;
  g_assert_cmpuint (n_files, ==, 1);
}

static void
test_unknown_event_fails (MpTestFixture *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "eksport.csv", NULL);
  g_autoptr(GError) error = NULL;

  /* an event that does not exist has no attendees to list */
  if (mp_csv_export_to_path (f->store, 4242, 0, path, NULL, NULL, &error))
    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  else
    g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-export/header-and-quoting", test_header_and_quoting);
  g_test_add_func ("/csv-export/excel-bom-semicolon-crlf-formula-guard", test_excel_bom_semicolon_crlf_and_formula_guard);
  g_test_add_func ("/csv-export/consented-only", test_consented_only);
  g_test_add_func ("/csv-export/empty-event-has-header", test_empty_event_has_header);

  MP_TEST_ADD ("/csv-export/round-trip", test_round_trip);
  MP_TEST_ADD ("/csv-export/round-trip-excel", test_round_trip_excel);
  MP_TEST_ADD ("/csv-export/checked-in-attendee", test_checked_in_attendee);
  MP_TEST_ADD ("/csv-export/to-path-replaces-atomically", test_to_path_replaces_atomically);
  MP_TEST_ADD ("/csv-export/unknown-event", test_unknown_event_fails);

  return g_test_run ();
}
