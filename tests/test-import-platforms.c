/* Registrations as the platforms really export them
 *
 * Each fixture in tests/data/platforms/ is written the way its platform
 * writes it (see the README there: encoding, byte order mark, delimiter,
 * quoting, line endings, dates, the platform's own columns), and every
 * person, e-mail address, organisation, sector and consent is checked
 * against what the fixture was made from.
 */
#include "config.h"

#include <locale.h>

#include "mp-import-private.h"
#include "mp-privacy.h"
#include "mp-test-util.h"
#include "mp-time.h"

#define REGISTERED MP_REGISTRATION_STATUS_REGISTERED
#define CANCELLED MP_REGISTRATION_STATUS_CANCELLED

/* What pretix and Eventbrite imports say of the office's address */
#define SHARED_ADDRESS_NOTE \
  "“post@bergen.kommune.no” is the e-mail address of the order or the buyer, which several " \
  "people in the file share, so this person was imported without an address."

/* 2026-02-03 10:14:22 in Norway (UTC+1 in winter): the time most
 * fixtures' first person answered */
#define FEB3_1014 G_GINT64_CONSTANT (1770110062)

/* When @name's consent of @kind says they answered; 0 for none. */
static gint64
answered_at_of (MpTestFixture *f,
                const char    *name,
                const char    *kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (max (c.answered_at), 0) FROM consent c"
                                          " JOIN person p ON p.id = c.person_id"
                                          " WHERE p.name = '%s' AND c.kind = '%s'", name, kind);

  return mp_test_count_rows (f, sql);
}

static MpCsvImport *
open_platform_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (SOURCE_DIR, "tests", "data", "platforms", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MpCsvImport *import = mp_csv_import_new_for_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

/* Checks the column of @header became @field (as a fallback or not). */
static void
assert_column (MpCsvImport *import,
               guint        column,
               const char  *header,
               MpCsvField   field,
               MpCsvRole    role)
{
  g_test_message ("column %u “%s”", column + 1, header);
  g_assert_cmpstr (mp_csv_import_get_header (import, column), ==, header);
  g_assert_cmpstr (mp_csv_field_to_string (mp_csv_import_get_field (import, column)), ==,
                   mp_csv_field_to_string (field));
  if (field != MP_CSV_FIELD_IGNORE)
    g_assert_cmpint (mp_csv_import_get_role (import, column), ==, role);
}

static void
test_google_forms_nb (MpTestFixture *f,
                      gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = open_platform_fixture ("google-forms-nb.csv");
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpCsvImportReport) report = NULL;
  const MpTestPerson people[] = {
    { "Ingrid Aasen", "ingrid.aasen@vestlandfylke.no", "Vestland fylkeskommune", "Fylkeskommune",
      1, 1, NULL, NULL, REGISTERED },
    { "Farhan Abdi", "farhan@somali-forening.no", "Somalisk kvinneforening",
      "Innvandrerorganisasjon / innvandrerråd", 0, 0, "Halal", "Somali", REGISTERED },
    { "زينب السيد", "zainab.alsayed@imdi.no", "IMDi Vest", "Statlig virksomhet",
      1, 0, "Vegetar\nIngen svinekjøtt", "Arabisk", REGISTERED },
    { "Оксана Бондаренко", "oksana.bondarenko@frivillig.no", "Frivilligsentralen i Årstad",
      "Frivilligsentral", 0, 1, NULL, "Ukrainsk", REGISTERED },
    { "Nils Ødegård", "nils@fretex.no", "Fretex", "Næringsliv", 0, 0, NULL, NULL, REGISTERED },
  };
  const MpTestNote notes[] = {
    { 2, "The name “Aasen, Ingrid” is written surname first, so it was imported as “Ingrid Aasen”." },
  };

  g_assert_cmpint (mp_csv_import_get_platform (import), ==, MP_IMPORT_PLATFORM_GOOGLE_FORMS);
  g_assert_cmpstr (mp_import_platform_get_label (mp_csv_import_get_platform (import)), ==, "Google Forms");
  g_assert_cmpint (mp_csv_import_get_encoding (import), ==, MP_CSV_ENCODING_UTF8);
  assert_column (import, 0, "Tidsmerke", MP_CSV_FIELD_ANSWERED_AT, MP_CSV_ROLE_PRIMARY);
  assert_column (import, 8, "Kan vi ta bilder av deg?", MP_CSV_FIELD_CONSENT_PHOTO, MP_CSV_ROLE_PRIMARY);

  report = mp_test_run_import (f, import, event_id, 0);
  mp_test_assert_notes (report, notes, G_N_ELEMENTS (notes));
  mp_test_assert_people (f, event_id, people, G_N_ELEMENTS (people));
  /* "03.02.2026 10:14:22", Norwegian time */
  g_assert_cmpint (answered_at_of (f, "Ingrid Aasen", "followup"), ==, FEB3_1014);
  g_assert_cmpint (answered_at_of (f, "Ingrid Aasen", "photo"), ==, FEB3_1014);
}

static void
test_google_forms_en (MpTestFixture *f,
                      gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = open_platform_fixture ("google-forms-en.csv");
  gint64 event_id = mp_test_add_event (f->store, "Dialogue meeting");
  g_autoptr(MpCsvImportReport) report = NULL;
  const MpTestPerson people[] = {
    { "Liv Berg", "liv.berg@bergen.kommune.no", "Bergen kommune", "Kommune", 1, 0, NULL, NULL, REGISTERED },
    { "Mariam Yusuf", "mariam.y@redcross.no", "Røde Kors Bergen", "Frivillig organisasjon",
      1, 0, NULL, NULL, REGISTERED },
    { "Тарас Коваль", "taras.k@gmail.com", NULL, "Privatperson", 0, 0, "Gluten-free", NULL, REGISTERED },
  };

  g_assert_cmpint (mp_csv_import_get_platform (import), ==, MP_IMPORT_PLATFORM_GOOGLE_FORMS);
  assert_column (import, 0, "Timestamp", MP_CSV_FIELD_ANSWERED_AT, MP_CSV_ROLE_PRIMARY);
  assert_column (import, 6, "Do you agree that we contact you after the meeting?",
                 MP_CSV_FIELD_CONSENT_FOLLOWUP, MP_CSV_ROLE_PRIMARY);
  report = mp_test_run_import (f, import, event_id, 0);
  mp_test_assert_notes (report, NULL, 0);
  mp_test_assert_people (f, event_id, people, G_N_ELEMENTS (people));
  /* "2026/02/03 10:14:22 AM GMT+1", "2026/02/03 12:01:09 PM GMT+1" */
  g_assert_cmpint (answered_at_of (f, "Liv Berg", "followup"), ==, FEB3_1014);
  g_assert_cmpint (answered_at_of (f, "Mariam Yusuf", "followup"), ==, 1770116469);
}

static void
test_nettskjema_codebook (MpTestFixture *f,
                          gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = open_platform_fixture ("nettskjema-codebook.csv");
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpCsvImportReport) report = NULL;
  const MpTestPerson people[] = {
    { "Kari Nordmann", "kari.nordmann@bergen.kommune.no", "Bergen kommune", "Kommune", 1, 1, NULL, NULL, REGISTERED },
    { "Ahmed Hassan", "ahmed.hassan@nav.no", "NAV Årstad", "NAV", 0, 1, NULL, "Arabisk", REGISTERED },
    { "Olena Kovalenko", "olena.k@gmail.com", "Ukrainsk forening i Bergen",
      "Innvandrerorganisasjon / innvandrerråd", 1, 0, "Vegetar", "Ukrainsk", REGISTERED },
    { "Åse-Marit Sørensen", "ase.marit@redcross.no", "Røde Kors Bergen", "Frivillig organisasjon",
      1, 0, NULL, NULL, REGISTERED },
    /* a sector code Møteplass cannot read is no sector, not "Annet" */
    { "Dawit Tesfaye", "dawit@frivilligsentral.no", "Frivilligsentralen på Voss", NULL, 0, 0, NULL,
      "Tigrinja", REGISTERED },
  };
  const MpTestNote notes[] = {
    { 6, "The sector “3” is a number, not the name of a sector (a codebook’s code?), so the person "
         "was imported without a sector. Export the answers as text, or give the options codebook "
         "values that name the sectors." },
  };

  g_assert_cmpint (mp_csv_import_get_platform (import), ==, MP_IMPORT_PLATFORM_NETTSKJEMA);
  g_assert_cmpint (mp_csv_import_get_delimiter (import), ==, ';');
  assert_column (import, 0, "$submission_id", MP_CSV_FIELD_IGNORE, 0);
  assert_column (import, 1, "$created", MP_CSV_FIELD_ANSWERED_AT, MP_CSV_ROLE_PRIMARY);
  assert_column (import, 4, "org", MP_CSV_FIELD_ORGANISATION, MP_CSV_ROLE_PRIMARY);
  assert_column (import, 10, "$answer_time_ms", MP_CSV_FIELD_IGNORE, 0);

  report = mp_test_run_import (f, import, event_id, 0);
  mp_test_assert_notes (report, notes, G_N_ELEMENTS (notes));
  mp_test_assert_people (f, event_id, people, G_N_ELEMENTS (people));
  /* "2026-02-03T10:14:22+01:00" */
  g_assert_cmpint (answered_at_of (f, "Kari Nordmann", "followup"), ==, FEB3_1014);
}

static void
test_pretix_checkin_list (MpTestFixture *f,
                          gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = open_platform_fixture ("pretix-checkin.csv");
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpCsvImportReport) report = NULL;
  const MpTestPerson people[] = {
    { "Kari Nordmann", "kari.nordmann@bergen.kommune.no", "Bergen kommune", "Kommune", 1, 0, NULL, NULL, REGISTERED },
    /* the check-in list itself puts the order's address for those without one */
    { "Yusuf Ali", "post@bergen.kommune.no", "Bergen kommune", "Kommune", 0, 0, NULL, NULL, REGISTERED },
    { "Halyna Shevchenko", "halyna@ukrainsk.no", "Ukrainsk forening",
      "Innvandrerorganisasjon / innvandrerråd", 1, 0, NULL, NULL, REGISTERED },
  };

  g_assert_cmpint (mp_csv_import_get_platform (import), ==, MP_IMPORT_PLATFORM_PRETIX_CHECKIN);
  assert_column (import, 0, "Order code", MP_CSV_FIELD_IGNORE, 0);
  assert_column (import, 6, "Checked in", MP_CSV_FIELD_IGNORE, 0);
  assert_column (import, 9, "Paid", MP_CSV_FIELD_IGNORE, 0);
  assert_column (import, 19, "Seat name", MP_CSV_FIELD_IGNORE, 0);
  assert_column (import, 15, "Order date", MP_CSV_FIELD_ANSWERED_AT, MP_CSV_ROLE_PRIMARY);
  report = mp_test_run_import (f, import, event_id, 0);
  mp_test_assert_notes (report, NULL, 0);
  mp_test_assert_people (f, event_id, people, G_N_ELEMENTS (people));
  /* "2026-02-03" alone: the day's start in Norway, never later than
   * the order was */
  g_assert_cmpint (answered_at_of (f, "Kari Nordmann", "followup"), ==, 1770073200);
}

static void
test_pretix_order_positions (MpTestFixture *f,
                             gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = open_platform_fixture ("pretix-order-positions.csv");
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpCsvImportReport) report = NULL;
  const MpTestPerson people[] = {
    { "Kari Nordmann", "kari.nordmann@bergen.kommune.no", "Bergen kommune", "Kommune", 1, 0, NULL, NULL, REGISTERED },
    /* the office's address belongs to neither colleague */
    { "Yusuf Ali", NULL, "Bergen kommune", "Kommune", 0, 0, NULL, NULL, REGISTERED },
    /* the order's address is hers: her order has only her */
    { "Halyna Shevchenko", "halyna@ukrainsk.no", "Ukrainsk forening",
      "Innvandrerorganisasjon / innvandrerråd", 1, 0, NULL, NULL, REGISTERED },
    { "Jonas Lie", "jonas@fretex.no", "Fretex", "Næringsliv", 0, 0, NULL, NULL, CANCELLED },
    { "Siv Moe", "siv@moe.no", NULL, "Privatperson", 0, 0, NULL, NULL, CANCELLED },
  };
  const MpTestNote notes[] = { { 3, SHARED_ADDRESS_NOTE } };

  g_assert_cmpint (mp_csv_import_get_platform (import), ==, MP_IMPORT_PLATFORM_PRETIX_ORDERS);
  assert_column (import, 3, "Status", MP_CSV_FIELD_STATUS, MP_CSV_ROLE_PRIMARY);
  assert_column (import, 4, "Email", MP_CSV_FIELD_EMAIL, MP_CSV_ROLE_FALLBACK);
  assert_column (import, 17, "Attendee email", MP_CSV_FIELD_EMAIL, MP_CSV_ROLE_PRIMARY);
  assert_column (import, 32, "Follow-up date", MP_CSV_FIELD_IGNORE, 0);
  assert_column (import, 36, "Invoice address name", MP_CSV_FIELD_NAME, MP_CSV_ROLE_FALLBACK);
  assert_column (import, 46, "Order locale", MP_CSV_FIELD_IGNORE, 0);
  assert_column (import, 47, "E-mail address verified", MP_CSV_FIELD_IGNORE, 0);
  assert_column (import, 6, "Order date", MP_CSV_FIELD_ANSWERED_AT, MP_CSV_ROLE_PRIMARY);
  assert_column (import, 7, "Order time", MP_CSV_FIELD_ANSWERED_AT, MP_CSV_ROLE_PRIMARY);

  /* "paid", "pending", "canceled", "expired" are order statuses, not bad rows */
  report = mp_test_run_import (f, import, event_id, 0);
  mp_test_assert_notes (report, notes, G_N_ELEMENTS (notes));
  mp_test_assert_people (f, event_id, people, G_N_ELEMENTS (people));
  /* "2026-02-03" and "10:14:22" in two columns, put together */
  g_assert_cmpint (answered_at_of (f, "Kari Nordmann", "followup"), ==, FEB3_1014);
}

static void
test_eventbrite_attendee_summary (MpTestFixture *f,
                                  gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = open_platform_fixture ("eventbrite-attendees.csv");
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpCsvImportReport) report = NULL;
  const MpTestPerson people[] = {
    { "Kari Nordmann", "kari.nordmann@bergen.kommune.no", "Bergen kommune", "Kommune", 1, 0, NULL, NULL, REGISTERED },
    /* bought by the office for him: not the office's address, not merged with Kari */
    { "Yusuf Ali", NULL, "Bergen kommune", "Kommune", 0, 0, NULL, NULL, REGISTERED },
    { "Mariia Melnyk", "mariia.melnyk@gmail.com", "Ukrainsk forening i Bergen",
      "Innvandrerorganisasjon / innvandrerråd", 1, 0, NULL, NULL, REGISTERED },
    { "Omar Haddad", "omar.haddad@nav.no", "NAV Årstad", "NAV", 0, 0, NULL, NULL, CANCELLED },
  };
  const MpTestNote notes[] = { { 3, SHARED_ADDRESS_NOTE } };

  g_assert_cmpint (mp_csv_import_get_platform (import), ==, MP_IMPORT_PLATFORM_EVENTBRITE);
  g_assert_cmpint (mp_csv_import_get_encoding (import), ==, MP_CSV_ENCODING_UTF8_BOM);
  /* never the person's name: the event, the organiser, numbers */
  assert_column (import, 0, "Order #", MP_CSV_FIELD_IGNORE, 0);
  assert_column (import, 8, "Attendee #", MP_CSV_FIELD_IGNORE, 0);
  assert_column (import, 22, "Event Name", MP_CSV_FIELD_IGNORE, 0);
  assert_column (import, 24, "Organizer Name", MP_CSV_FIELD_IGNORE, 0);
  assert_column (import, 28, "Barcode #", MP_CSV_FIELD_IGNORE, 0);
  assert_column (import, 16, "Attendee Status", MP_CSV_FIELD_STATUS, MP_CSV_ROLE_PRIMARY);
  assert_column (import, 27, "Buyer Email", MP_CSV_FIELD_EMAIL, MP_CSV_ROLE_FALLBACK);
  assert_column (import, 1, "Order Date", MP_CSV_FIELD_ANSWERED_AT, MP_CSV_ROLE_PRIMARY);

  report = mp_test_run_import (f, import, event_id, 0);
  mp_test_assert_notes (report, notes, G_N_ELEMENTS (notes));
  g_assert_cmpuint (mp_csv_import_report_get_counts (report)->new_people, ==, 4);
  mp_test_assert_people (f, event_id, people, G_N_ELEMENTS (people));
  /* "2026-02-03 10:14:22+01:00" */
  g_assert_cmpint (answered_at_of (f, "Kari Nordmann", "followup"), ==, FEB3_1014);
}

static void
test_microsoft_forms_saved_as_semicolon_csv (MpTestFixture *f,
                                             gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = open_platform_fixture ("microsoft-forms-semicolon.csv");
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpCsvImportReport) report = NULL;
  const char *advice = "has question marks where there were letters: the program that saved the "
                       "file could not write them. Export the file again as “CSV UTF-8” or as an "
                       "Excel workbook (.xlsx) and import that.";
  g_autofree char *arabic = g_strdup_printf ("“???? ???” %s", advice);
  g_autofree char *cyrillic = g_strdup_printf ("“????? ?????????” %s", advice);
  const MpTestNote notes[] = { { 3, arabic }, { 4, cyrillic } };
  const MpTestPerson people[] = {
    { "Per Ødegård", "per.odegard@voss.kommune.no", "Voss herad", "Kommune", 1, 0, NULL, NULL, REGISTERED },
    { "???? ???", "ahmed.hassan@nav.no", "NAV Årstad", "NAV", 1, 0, NULL, NULL, REGISTERED },
    { "????? ?????????", "olena.k@gmail.com", "Ukrainsk forening",
      "Innvandrerorganisasjon / innvandrerråd", 0, 0, NULL, NULL, REGISTERED },
  };

  g_assert_cmpint (mp_csv_import_get_platform (import), ==, MP_IMPORT_PLATFORM_MICROSOFT_FORMS);
  g_assert_cmpint (mp_csv_import_get_encoding (import), ==, MP_CSV_ENCODING_WINDOWS_1252);
  /* "anonymous" in the form's own e-mail column is no address, and
   * does not hide the question's answer */
  assert_column (import, 3, "Email", MP_CSV_FIELD_EMAIL, MP_CSV_ROLE_FALLBACK);
  assert_column (import, 4, "Name", MP_CSV_FIELD_NAME, MP_CSV_ROLE_FALLBACK);
  assert_column (import, 5, "Hva heter du?", MP_CSV_FIELD_NAME, MP_CSV_ROLE_PRIMARY);
  /* when the form was sent, not when it was opened */
  assert_column (import, 1, "Start time", MP_CSV_FIELD_IGNORE, 0);
  assert_column (import, 2, "Completion time", MP_CSV_FIELD_ANSWERED_AT, MP_CSV_ROLE_PRIMARY);

  report = mp_test_run_import (f, import, event_id, MP_CSV_IMPORT_DRY_RUN);
  mp_test_assert_notes (report, notes, G_N_ELEMENTS (notes));
  g_clear_pointer (&report, mp_csv_import_report_unref);
  report = mp_test_run_import (f, import, event_id, 0);
  mp_test_assert_people (f, event_id, people, G_N_ELEMENTS (people));
  /* "03.02.2026 10:16" (its start: 10:14) */
  g_assert_cmpint (answered_at_of (f, "Per Ødegård", "followup"), ==, 1770110160);
}

/* Issue 12 and 13: a Google Forms file's Tidsmerke dates Kari's
 * "Samtykker". Withdrawn, the same file again does not give it back;
 * her new answer in a new file, later than the withdrawal, does. */
static void
test_consent_dated_by_the_form (MpTestFixture *f,
                                gconstpointer  data)
{
  const char *header = "\"Tidsmerke\",\"E-postadresse\",\"Fullt navn\",\"Samtykke til oppfølging\"\r\n";
  g_autofree char *first_text = g_strconcat (header, "\"03.02.2026 10:14:22\",\"kari@nav.no\","
                                             "\"Kari Nordmann\",\"Samtykker\"\r\n", NULL);
  g_autofree char *again_text = g_strconcat (header, "\"05.02.2026 09:30:00\",\"kari@nav.no\","
                                             "\"Kari Nordmann\",\"Samtykker\"\r\n", NULL);
  g_autofree char *undated_text = g_strconcat (header, "\"i går\",\"kari@nav.no\","
                                               "\"Kari Nordmann\",\"Samtykker\"\r\n", NULL);
  g_autoptr(MpCsvImport) first = mp_test_parse_csv (first_text);
  g_autoptr(MpCsvImport) again = mp_test_parse_csv (again_text);
  g_autoptr(MpCsvImport) undated = mp_test_parse_csv (undated_text);
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpCsvImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  const MpConsentRecord *last;
  gint64 person;
  const char *active = "SELECT count(*) FROM consent WHERE kind = 'followup' AND withdrawn_at IS NULL"
                       " AND not_granted IS NULL";

  report = mp_test_run_import (f, first, event_id, 0);
  g_assert_cmpint (mp_test_count_rows (f, active), ==, 1);
  g_assert_cmpint (answered_at_of (f, "Kari Nordmann", "followup"), ==, FEB3_1014);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT given_at FROM consent"), ==, FEB3_1014);

  /* withdrawn on 4 February at 12:00 (the withdrawal of consent
   * withdraw, put on that day: today is later than any file here) */
  person = mp_test_count_rows (f, "SELECT id FROM person");
  g_assert_true (mp_store_withdraw_consent (f->store, person, MP_CONSENT_KIND_FOLLOWUP, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (_mp_database_get_handle (f->db),
                                 "UPDATE consent SET withdrawn_at = 1770202800 WHERE withdrawn_at IS NOT NULL",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (mp_test_count_rows (f, active), ==, 0);

  /* the same file again: still withdrawn, and the history says why */
  g_clear_pointer (&report, mp_csv_import_report_unref);
  report = mp_test_run_import (f, first, event_id, 0);
  g_assert_cmpuint (mp_csv_import_report_get_counts (report)->consents_not_given_again, ==, 1);
  g_assert_cmpint (mp_test_count_rows (f, active), ==, 0);
  history = mp_store_list_consents (f->store, person, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (history, history->len - 1);
  g_assert_cmpstr (last->not_granted, ==, "answer-not-later");
  g_assert_cmpint (last->answered_at, ==, FEB3_1014);
  g_clear_pointer (&history, g_ptr_array_unref);

  /* a time that is no time: the row is imported, with a warning, and
   * an undated answer does not give it again either */
  g_clear_pointer (&report, mp_csv_import_report_unref);
  report = mp_test_run_import (f, undated, event_id, 0);
  g_assert_cmpuint (mp_csv_import_report_get_n_bad_rows (report), ==, 0);
  g_assert_cmpuint (mp_csv_import_report_get_n_warnings (report), ==, 1);
  g_assert_cmpstr (mp_csv_import_report_get_warning (report, 0)->reason, ==,
                   "“i går” in the column “Tidsmerke” is not a date and time, so the row was "
                   "imported without the time it was answered.");
  g_assert_cmpuint (mp_csv_import_report_get_counts (report)->consents_not_given_again, ==, 1);
  g_assert_cmpint (mp_test_count_rows (f, active), ==, 0);

  /* her new answer, on 5 February: a new act, so consent again, given
   * when she answered; the dry run says the same */
  g_clear_pointer (&report, mp_csv_import_report_unref);
  report = mp_test_run_import (f, again, event_id, MP_CSV_IMPORT_DRY_RUN);
  g_assert_cmpuint (mp_csv_import_report_get_counts (report)->consents_not_given_again, ==, 0);
  g_clear_pointer (&report, mp_csv_import_report_unref);
  report = mp_test_run_import (f, again, event_id, 0);
  g_assert_cmpuint (mp_csv_import_report_get_counts (report)->consents_not_given_again, ==, 0);
  g_assert_cmpint (mp_test_count_rows (f, active), ==, 1);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT answered_at FROM consent WHERE withdrawn_at IS NULL"
                                          " AND not_granted IS NULL"), ==, 1770280200);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT given_at FROM consent WHERE withdrawn_at IS NULL"
                                          " AND not_granted IS NULL"), ==, 1770280200);

  /* and the old file once more changes nothing */
  g_clear_pointer (&report, mp_csv_import_report_unref);
  report = mp_test_run_import (f, first, event_id, 0);
  g_assert_cmpint (mp_test_count_rows (f, active), ==, 1);
}

/* A time far ahead of now is not when anyone answered: taken, every
 * new import of the file would count as later than any withdrawal. */
static void
test_answered_in_the_future (MpTestFixture *f,
                             gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = mp_test_parse_csv ("Tidsmerke;Navn;Samtykke\n01.01.2099 10:00;Kari Nordmann;Ja\n");
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpCsvImportReport) report = mp_test_run_import (f, import, event_id, 0);

  g_assert_cmpuint (mp_csv_import_report_get_n_warnings (report), ==, 1);
  g_assert_cmpstr (mp_csv_import_report_get_warning (report, 0)->reason, ==,
                   "“01.01.2099 10:00” in the column “Tidsmerke” is later than now, so the row was "
                   "imported without the time it was answered.");
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM consent WHERE answered_at IS NULL"
                                          " AND withdrawn_at IS NULL"), ==, 1);
}

/* The ways the platforms write a time, to UTC seconds. */
static void
test_answered_times (void)
{
  g_autoptr(GTimeZone) norway = mp_time_zone_norway ();
  const struct { const char *text; gint64 unix_time; } cases[] = {
    { "2026-02-03 10:14:22", FEB3_1014 },            /* a workbook's date cell */
    { "2026-02-03T10:14:22+01:00", FEB3_1014 },      /* Nettskjema, ISO 8601 */
    { "2026-02-03 10:14:22+01:00", FEB3_1014 },      /* Eventbrite */
    { "2026-02-03T09:14:22Z", FEB3_1014 },
    { "2026-02-03T11:14:22+0200", FEB3_1014 },
    { "03.02.2026 10:14:22", FEB3_1014 },            /* Google Forms, Norwegian */
    { "3.2.2026 10:14:22", FEB3_1014 },
    { "03.02.2026 kl. 10.14.22", FEB3_1014 },
    { "2/3/2026 10:14:22", FEB3_1014 },              /* Google Forms, English */
    { "2/3/2026 10:14:22 AM", FEB3_1014 },
    { "2026/02/03 10:14:22 AM GMT+1", FEB3_1014 },
    { "2026/02/03 9:14:22 AM GMT", FEB3_1014 },
    { "03.02.2026 10:16", 1770110160 },              /* Microsoft Forms saved as CSV */
    { "2026-02-03", 1770073200 },                    /* a date alone: the day's start */
    { "2026-02-03 12:30 AM", 1770075000 },
    { "15.06.2026 10:00", 1781510400 },              /* summer time: UTC+2 */
  };
  const char *not_times[] = {
    "i går", "46056.43", "31.02.2026 10:00", "2026-02-03 25:00", "2026-13-01", "03.02.26 10:00",
    "2026-02-03 10:14 +01:00 ekstra", "13:00 PM", "", "10:14:22",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MpImportTime t;
      gint64 unix_time = 0;

      g_test_message ("time “%s”", cases[i].text);
      g_assert_true (_mp_import_parse_time (cases[i].text, &t));
      g_assert_true (_mp_import_time_to_unix (&t, norway, &unix_time));
      g_assert_cmpint (unix_time, ==, cases[i].unix_time);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_times); i++)
    {
      MpImportTime t;
      gint64 unix_time = 0;

      g_test_message ("not a time “%s”", not_times[i]);
      g_assert_false (_mp_import_parse_time (not_times[i], &t) &&
                      _mp_import_time_to_unix (&t, norway, &unix_time));
    }
}

/* Issue 12: rows of UTF-8 and rows of Windows-1252 in one file. */
static void
test_mixed_encoding_lines (MpTestFixture *f,
                           gconstpointer  data)
{
  const char *text = "Navn;Organisasjon\n"
                     "Kåre Ødegård;Frivilligsentralen i Årstad\n"   /* UTF-8 */
                     "S\xf8lvi Berg;NAV \xc5rstad\n"                 /* Windows-1252 */
                     "Per Hansen;Fretex\n"                           /* ASCII */
                     "Zainab Al-Sayed;Innvandrerrådet\n"             /* UTF-8 */
                     "Bj\xf8rn \xc6s\xf8y;S\xe6ther & S\xf8nn AS\n";  /* Windows-1252 */
  g_autoptr(MpCsvImport) import = mp_test_parse_csv (text);
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpCsvImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = NULL;

  g_assert_cmpint (mp_csv_import_get_encoding (import), ==, MP_CSV_ENCODING_MIXED);
  g_assert_cmpstr (mp_csv_import_get_encoding_label (import), ==, "UTF-8 and Windows-1252");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 0, 0), ==, "Kåre Ødegård");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 1, 0), ==, "Sølvi Berg");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 1, 1), ==, "NAV Årstad");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 3, 1), ==, "Innvandrerrådet");
  g_assert_cmpstr (mp_csv_import_get_cell (import, 4, 1), ==, "Sæther & Sønn AS");

  report = mp_test_run_import (f, import, event_id, 0);
  g_assert_cmpuint (mp_csv_import_report_get_n_warnings (report), ==, 1);
  g_assert_cmpuint (mp_csv_import_report_get_warning (report, 0)->line, ==, 3);
  g_assert_cmpstr (mp_csv_import_report_get_warning (report, 0)->reason, ==,
                   "Lines 3, 6 are not UTF-8 like the rest of the file, so they were read as "
                   "Windows-1252. Check their letters (æ, ø, å).");
  attendees = mp_store_list_attendees (f->store, event_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attendees->len, ==, 5);
  g_assert_cmpstr (mp_attendee_get_organisation (mp_test_find_attendee (attendees, "Bjørn Æsøy")), ==, "Sæther & Sønn AS");

  /* a file that says it is UTF-8 (a BOM) is read the same way */
  {
    g_autofree char *with_bom = g_strconcat ("\xef\xbb\xbf", text, NULL);
    g_autoptr(MpCsvImport) bom = mp_test_parse_csv (with_bom);

    g_assert_cmpint (mp_csv_import_get_encoding (bom), ==, MP_CSV_ENCODING_MIXED);
    g_assert_cmpstr (mp_csv_import_get_cell (bom, 4, 0), ==, "Bjørn Æsøy");
  }
}

/* "Hva heter du?" and the other ways a name question is put, and the
 * columns that are never a person's name. */
static void
test_header_words (void)
{
  const struct { const char *header; MpCsvField field; } cases[] = {
    { "Hva heter du?", MP_CSV_FIELD_NAME },
    { "Kva heiter du?", MP_CSV_FIELD_NAME },
    { "Fullt navn", MP_CSV_FIELD_NAME },
    { "Navn på deltaker", MP_CSV_FIELD_NAME },
    { "Your name", MP_CSV_FIELD_NAME },
    { "What is your name?", MP_CSV_FIELD_NAME },
    { "Attendee name", MP_CSV_FIELD_NAME },
    { "Event Name", MP_CSV_FIELD_IGNORE },
    { "Organizer Name", MP_CSV_FIELD_IGNORE },
    { "Arrangør", MP_CSV_FIELD_IGNORE },
    { "Attendee #", MP_CSV_FIELD_IGNORE },
    { "Order #", MP_CSV_FIELD_IGNORE },
    { "Barcode #", MP_CSV_FIELD_IGNORE },
    { "Position ID", MP_CSV_FIELD_IGNORE },
    { "Seat name", MP_CSV_FIELD_IGNORE },
    { "Organisasjonsnummer", MP_CSV_FIELD_IGNORE },
    { "Org.nr.", MP_CSV_FIELD_IGNORE },
    { "E-mail address verified", MP_CSV_FIELD_IGNORE },
    { "Follow-up date", MP_CSV_FIELD_IGNORE },
    { "Total points", MP_CSV_FIELD_IGNORE },
    { "$submission_id", MP_CSV_FIELD_IGNORE },
    { "Telefonnummer", MP_CSV_FIELD_PHONE },
    { "Phone number", MP_CSV_FIELD_PHONE },
    { "Mobilnr.", MP_CSV_FIELD_PHONE },
    { "Buyer Email", MP_CSV_FIELD_EMAIL },
    { "Email address", MP_CSV_FIELD_EMAIL },
    { "org", MP_CSV_FIELD_ORGANISATION },
    { "Hvor jobber du?", MP_CSV_FIELD_ORGANISATION },
    { "Attendee Status", MP_CSV_FIELD_STATUS },
    { "Samtykke til oppfølging", MP_CSV_FIELD_CONSENT_FOLLOWUP },
    { "Kan vi kontakte deg etter møtet?", MP_CSV_FIELD_CONSENT_FOLLOWUP },
    { "Kan vi ta bilder av deg?", MP_CSV_FIELD_CONSENT_PHOTO },
    { "samtykke_foto", MP_CSV_FIELD_CONSENT_PHOTO },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("“%s”", cases[i].header);
      g_assert_cmpstr (mp_csv_field_to_string (mp_csv_field_guess (cases[i].header)), ==,
                       mp_csv_field_to_string (cases[i].field));
    }
}

/* Answers as people write them. */
static void
test_answers (void)
{
  const struct { const char *answer; int expected; } consents[] = {
    { "Ja", 1 }, { "Yes", 1 }, { "Samtykker", 1 }, { "samtykkjer", 1 }, { "Godtar", 1 },
    { "Agree", 1 }, { "Accepted", 1 }, { "Aksepterer", 1 }, { "X", 1 }, { "✓", 1 },
    { "TRUE", 1 }, { "1", 1 }, { "I agree", 1 }, { "Jeg godtar", 1 },
    { "Nei", 0 }, { "No", 0 }, { "Samtykker ikke", 0 }, { "Godtar ikke", 0 }, { "Disagree", 0 },
    { "Declined", 0 }, { "Not accepted", 0 }, { "FALSE", 0 }, { "0", 0 }, { "", 0 },
    { "Kanskje", -1 }, { "?", -1 },
  };
  const struct { const char *value; int status; } statuses[] = {
    { "paid", REGISTERED }, { "pending", REGISTERED }, { "Attending", REGISTERED },
    { "Checked In", REGISTERED }, { "Not Attending", CANCELLED }, { "canceled", CANCELLED },
    { "Cancelled", CANCELLED }, { "expired", CANCELLED }, { "Refunded", CANCELLED },
    { "Deleted", CANCELLED }, { "Transferred", CANCELLED },
    { "venteliste", MP_REGISTRATION_STATUS_WAITLISTED }, { "avventer", -1 },
  };
  const struct { const char *value; gboolean nothing; } needs[] = {
    { "Ingen", TRUE }, { "Ingen allergier", TRUE }, { "-", TRUE }, { "Nei", TRUE },
    { "nei takk", TRUE }, { "N/A", TRUE }, { "None", TRUE }, { "Ingen gluten", FALSE },
    { "Vegetar", FALSE }, { "Nøtteallergi", FALSE },
  };
  const struct { const char *name; const char *turned; } names[] = {
    { "Aasen, Per", "Per Aasen" }, { "Nordmann, Kari Anne", "Kari Anne Nordmann" },
    { "Al-Sayed, Zainab", "Zainab Al-Sayed" }, { "ØDEGÅRD, Nils", "Nils Ødegård" },
    { "van der Berg, Anna", "Anna van der Berg" }, { "Kari Nordmann, NAV", NULL },
    { "Kari Nordmann, Bergen kommune", NULL }, { "Kari Nordmann", NULL }, { "Per, Kari, Ola", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (consents); i++)
    {
      MpConsentAnswer answer = MP_CONSENT_UNKNOWN;
      gboolean ok = _mp_import_parse_consent (consents[i].answer, &answer);

      g_test_message ("consent “%s”", consents[i].answer);
      g_assert_cmpint (ok, ==, consents[i].expected >= 0);
      if (ok)
        g_assert_cmpint (answer, ==, consents[i].expected ? MP_CONSENT_YES : MP_CONSENT_NO);
    }
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      MpRegistrationStatus status = 99;
      gboolean ok = _mp_import_parse_status (statuses[i].value, &status);

      g_test_message ("status “%s”", statuses[i].value);
      g_assert_cmpint (ok, ==, statuses[i].status >= 0);
      if (ok)
        g_assert_cmpint (status, ==, statuses[i].status);
    }
  for (guint i = 0; i < G_N_ELEMENTS (needs); i++)
    {
      g_test_message ("need “%s”", needs[i].value);
      g_assert_cmpint (_mp_import_means_nothing (needs[i].value), ==, needs[i].nothing);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *turned = _mp_import_turn_name (names[i].name);

      g_test_message ("name “%s”", names[i].name);
      g_assert_cmpstr (turned, ==, names[i].turned);
    }

  g_assert_true (_mp_import_lost_characters ("???? ???"));
  g_assert_true (_mp_import_lost_characters ("?"));
  g_assert_true (_mp_import_lost_characters ("Olena ??????????"));
  g_assert_false (_mp_import_lost_characters ("Kari Nordmann"));
  g_assert_false (_mp_import_lost_characters ("Hvem?"));
}

/* --map: the person says which column is what. */
static void
test_find_header_and_map (MpTestFixture *f,
                          gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = mp_test_parse_csv ("ID;Email;Name;Hvem kommer?;Arbeidssted nå\n"
                                                     "1;anonymous;;Kari Nordmann;NAV Årstad\n");
  gint64 event_id = mp_test_add_event (f->store, "Seminar");
  g_autoptr(MpCsvImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = NULL;

  g_assert_cmpint (mp_csv_import_find_header (import, "Hvem kommer?"), ==, 3);
  g_assert_cmpint (mp_csv_import_find_header (import, "hvem kommer"), ==, 3);
  g_assert_cmpint (mp_csv_import_find_header (import, "Nobody"), ==, -1);
  g_assert_cmpint (mp_csv_import_get_field (import, 3), ==, MP_CSV_FIELD_IGNORE);

  mp_csv_import_set_field (import, 3, MP_CSV_FIELD_NAME);
  g_assert_cmpint (mp_csv_import_get_role (import, 3), ==, MP_CSV_ROLE_PRIMARY);
  report = mp_test_run_import (f, import, event_id, 0);
  attendees = mp_store_list_attendees (f->store, event_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attendees->len, ==, 1);
  g_assert_cmpstr (mp_attendee_get_name (attendees->pdata[0]), ==, "Kari Nordmann");
  g_assert_cmpstr (mp_attendee_get_email (attendees->pdata[0]), ==, "");
}

/* Issue 12: a 10 MB field is read (and refused as too long) in linear
 * time; libcsv's buffer grows geometrically instead of by 256 bytes. */
static void
test_huge_field (MpTestFixture *f,
                 gconstpointer  data)
{
  gsize size = 10 * 1024 * 1024;
  g_autoptr(GString) csv = g_string_sized_new (size + 100);
  g_autoptr(MpCsvImport) import = NULL;
  g_autoptr(MpCsvImportReport) report = NULL;
  gint64 event_id = mp_test_add_event (f->store, "Seminar");

  g_string_append (csv, "Navn,Tilrettelegging\nKari,\"");
  for (gsize i = 0; i < size / 64; i++)
    g_string_append (csv, "Trenger tolk, ledsager og plass til rullestol ved bordet, takk!\n");
  g_string_append (csv, "\"\nPer,\n");

  import = mp_test_parse_csv (csv->str);
  g_assert_cmpuint (mp_csv_import_get_n_rows (import), ==, 2);
  g_assert_cmpuint (strlen (mp_csv_import_get_cell (import, 0, 1)), ==, size / 64 * 64);
  report = mp_test_run_import (f, import, event_id, MP_CSV_IMPORT_DRY_RUN);
  g_assert_cmpuint (mp_csv_import_report_get_n_bad_rows (report), ==, 1);
  g_assert_cmpstr (mp_csv_import_report_get_bad_row (report, 0)->reason, ==,
                   "The value in the column “Tilrettelegging” is longer than 500 characters.");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-platforms/header-words", test_header_words);
  g_test_add_func ("/import-platforms/answers", test_answers);
  g_test_add_func ("/import-platforms/answered-times", test_answered_times);
  MP_TEST_ADD ("/import-platforms/google-forms-nb", test_google_forms_nb);
  MP_TEST_ADD ("/import-platforms/google-forms-en", test_google_forms_en);
  MP_TEST_ADD ("/import-platforms/nettskjema-codebook", test_nettskjema_codebook);
  MP_TEST_ADD ("/import-platforms/pretix-checkin-list", test_pretix_checkin_list);
  MP_TEST_ADD ("/import-platforms/pretix-order-positions", test_pretix_order_positions);
  MP_TEST_ADD ("/import-platforms/eventbrite-attendee-summary", test_eventbrite_attendee_summary);
  MP_TEST_ADD ("/import-platforms/microsoft-forms-saved-as-semicolon-csv", test_microsoft_forms_saved_as_semicolon_csv);
  MP_TEST_ADD ("/import-platforms/consent-dated-by-the-form", test_consent_dated_by_the_form);
  MP_TEST_ADD ("/import-platforms/answered-in-the-future", test_answered_in_the_future);
  MP_TEST_ADD ("/import-platforms/mixed-encoding-lines", test_mixed_encoding_lines);
  MP_TEST_ADD ("/import-platforms/find-header-and-map", test_find_header_and_map);
  MP_TEST_ADD ("/import-platforms/huge-field", test_huge_field);

  return g_test_run ();
}
