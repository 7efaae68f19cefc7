/* Who came, by sector and organisation: a hand-made event whose right
 * answers are written here. */
#include "config.h"

#include "mp-report.h"
#include "mp-report-fixture.h"
#include "mp-time.h"

static void
check_in (MpTestFixture *f,
          gint64         event,
          MpAttendee    *a)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCheckInResult) r = mp_store_check_in_registration (f->store, event, mp_attendee_get_registration_id (a), "d", &error);

  g_assert_no_error (error);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_CHECKED_IN);
}

static void
test_counts_by_sector (MpTestFixture *f,
                       gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpAttendee) k1 = mp_test_register (f->store, e, "Kari Nordmann", NULL, "Bergen kommune", "Kommune");
  g_autoptr(MpAttendee) k2 = mp_test_register (f->store, e, "Per Hansen", NULL, "Bergen kommune", NULL);
  g_autoptr(MpAttendee) k3 = mp_test_register (f->store, e, "Ola Berg", NULL, "Askøy kommune", "Kommune");
  g_autoptr(MpAttendee) n1 = mp_test_register (f->store, e, "Lise Dahl", NULL, "NAV Vestland", "NAV");
  g_autoptr(MpAttendee) f1 = mp_test_register (f->store, e, "Ahmed Ali", NULL, "Røde Kors", "Frivillig organisasjon");
  g_autoptr(MpAttendee) p1 = mp_test_register (f->store, e, "Eva Lie", NULL, NULL, NULL);
  g_autoptr(MpAttendee) c1 = mp_test_register (f->store, e, "Cancelled Person", NULL, NULL, "Kommune");
  g_autoptr(MpReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const MpEventCounts *counts;
  MpRegistrationInput walk_in = { .name = "Walk In", .organisation = "Røde Kors", .source = MP_REGISTRATION_SOURCE_DESK };
  g_autoptr(MpAttendee) w = mp_store_register (f->store, e, &walk_in, &error);

  g_assert_no_error (error);
  g_assert_true (mp_store_set_status (f->store, mp_attendee_get_registration_id (c1), MP_REGISTRATION_STATUS_CANCELLED, &error));
  check_in (f, e, k1);
  check_in (f, e, k2);
  check_in (f, e, n1);
  check_in (f, e, f1);
  check_in (f, e, w);

  report = mp_report_new_for_event (f->store, e, &error);
  g_assert_no_error (error);
  counts = mp_report_get_counts (report);
  g_assert_cmpuint (counts->registered, ==, 7);
  g_assert_cmpuint (counts->arrived, ==, 5);
  g_assert_cmpuint (counts->walk_ins, ==, 1);
  g_assert_cmpuint (counts->cancelled, ==, 1);
  /* 6 expected (7 registered less the walk-in), 4 of them came */
  g_assert_cmpfloat_with_epsilon (mp_report_get_no_show_rate (report), 1.0 - 4.0 / 6.0, 1e-9);

  /* every sector in its order, then those without one */
  g_assert_cmpuint (mp_report_get_n_sectors (report), ==, 14);
  g_assert_cmpstr (mp_report_get_sector (report, 0)->sector, ==, "Kommune");
  g_assert_cmpuint (mp_report_get_sector (report, 0)->registered, ==, 3); /* k1, k2 through the organisation, k3 */
  g_assert_cmpuint (mp_report_get_sector (report, 0)->arrived, ==, 2);
  g_assert_cmpstr (mp_report_get_sector (report, 2)->sector, ==, "NAV");
  g_assert_cmpuint (mp_report_get_sector (report, 2)->arrived, ==, 1);
  g_assert_cmpstr (mp_report_get_sector (report, 4)->sector, ==, "Frivillig organisasjon");
  g_assert_cmpuint (mp_report_get_sector (report, 4)->registered, ==, 2);
  g_assert_cmpuint (mp_report_get_sector (report, 4)->arrived, ==, 2);
  g_assert_cmpstr (mp_report_get_sector (report, 13)->sector, ==, "");
  g_assert_cmpuint (mp_report_get_sector (report, 13)->registered, ==, 1);
  g_assert_cmpuint (mp_report_get_sector (report, 13)->arrived, ==, 0);

  /* organisations present, by sector order */
  g_assert_cmpuint (mp_report_get_n_organisations (report), ==, 3);
  g_assert_cmpstr (mp_report_get_organisation (report, 0)->organisation, ==, "Bergen kommune");
  g_assert_cmpuint (mp_report_get_organisation (report, 0)->arrived, ==, 2);
  g_assert_cmpstr (mp_report_get_organisation (report, 1)->organisation, ==, "NAV Vestland");
  g_assert_cmpstr (mp_report_get_organisation (report, 2)->organisation, ==, "Røde Kors");
  g_assert_cmpuint (mp_report_get_organisation (report, 2)->arrived, ==, 2);
}

static void
test_unknown_event (MpTestFixture *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpReport) report = mp_report_new_for_event (f->store, 404, &error);

  g_assert_null (report);
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FOUND);
}

/* The arrival curve of the fixture's first event, worked out by hand:
 * start 09:00; arrivals 08:41, 08:52, 08:57, 08:58, 09:03, 09:07 (Eva's
 * 09:12 was undone). */
static void
test_arrival_curve (MpTestFixture *f,
                    gconstpointer  data)
{
  ReportFixture fx;
  g_autoptr(MpReport) report = NULL;
  g_autoptr(GError) error = NULL;
  static const struct { int slot; const char *clock; guint arrivals; } expected[] = {
    { -4, "08:40", 1 },
    { -3, "08:45", 0 },
    { -2, "08:50", 1 },
    { -1, "08:55", 2 },
    { 0, "09:00", 1 },
    { 1, "09:05", 1 },
  };

  fixture_build (f->store, &fx);
  report = mp_report_new_for_event (f->store, fx.e1, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (mp_report_get_n_arrival_buckets (report), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const MpArrivalBucket *b = mp_report_get_arrival_bucket (report, i);
      g_autofree char *clock = mp_time_format_clock (b->starts_at);

      g_assert_cmpint (b->slot, ==, expected[i].slot);
      g_assert_cmpstr (clock, ==, expected[i].clock);
      g_assert_cmpuint (b->arrivals, ==, expected[i].arrivals);
    }
}

static void
test_no_arrivals_no_curve (MpTestFixture *f,
                           gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Tomt");
  g_autoptr(MpAttendee) a = mp_test_register (f->store, e, "Kari Nordmann", NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpReport) report = mp_report_new_for_event (f->store, e, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (mp_report_get_n_arrival_buckets (report), ==, 0);
  for (guint k = 0; k < MP_N_ANSWER_KINDS; k++)
    g_assert_cmpuint (mp_report_get_n_answers (report, k), ==, 0);
}

/* Tomorrow's meeting has no no-shows yet, only people who have not come
 * yet: "not held yet", never "100 %". The first arrival (the organiser
 * checks someone in early) makes it held. */
static void
test_future_event_not_held_yet (MpTestFixture *f,
                                gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "I morgen");
  g_autoptr(MpAttendee) kari = mp_test_register (f->store, e, "Kari Nordmann", NULL, NULL, NULL);
  g_autoptr(MpAttendee) per = mp_test_register (f->store, e, "Per Hansen", NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpReport) report = mp_report_new_for_event (f->store, e, &error);
  g_autoptr(MpReport) after = NULL;
  g_autoptr(MpCheckInResult) result = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_after = NULL;

  g_assert_no_error (error);
  g_assert_false (mp_report_get_held (report));
  g_assert_cmpfloat (mp_report_get_no_show_rate (report), ==, 0);
  text = mp_report_format_no_shows (report);
  g_assert_cmpstr (text, ==, "–");
  g_assert_cmpstr (mp_report_get_no_shows_caption (report), ==, "Not held yet");

  result = mp_store_check_in_registration (f->store, e, mp_attendee_get_registration_id (kari), "Desk", &error);
  g_assert_no_error (error);
  after = mp_report_new_for_event (f->store, e, &error);
  g_assert_no_error (error);
  g_assert_true (mp_report_get_held (after));
  g_assert_cmpfloat_with_epsilon (mp_report_get_no_show_rate (after), 0.5, 1e-9);
  text_after = mp_report_format_no_shows (after);
  g_assert_cmpstr (text_after, ==, "50 %");
  g_assert_cmpstr (mp_report_get_no_shows_caption (after), ==, "No-shows");
  (void) per;
}

static void
test_answers_summed_up (MpTestFixture *f,
                        gconstpointer  data)
{
  ReportFixture fx;
  g_autoptr(MpReport) report = NULL;
  g_autoptr(GError) error = NULL;

  fixture_build (f->store, &fx);
  report = mp_report_new_for_event (f->store, fx.e1, &error);
  g_assert_no_error (error);

  /* "Vegetar" twice and "vegetar  " once; the cancelled one's does not count */
  g_assert_cmpuint (mp_report_get_n_answers (report, MP_ANSWER_DIETARY), ==, 2);
  g_assert_cmpstr (mp_report_get_answer (report, MP_ANSWER_DIETARY, 0)->answer, ==, "Vegetar");
  g_assert_cmpuint (mp_report_get_answer (report, MP_ANSWER_DIETARY, 0)->count, ==, 3);
  g_assert_cmpstr (mp_report_get_answer (report, MP_ANSWER_DIETARY, 1)->answer, ==, "Glutenfri");
  g_assert_cmpuint (mp_report_get_answer (report, MP_ANSWER_DIETARY, 1)->count, ==, 2);

  /* one each: alphabetical */
  g_assert_cmpuint (mp_report_get_n_answers (report, MP_ANSWER_ACCESSIBILITY), ==, 2);
  g_assert_cmpstr (mp_report_get_answer (report, MP_ANSWER_ACCESSIBILITY, 0)->answer, ==, "Rullestol");
  g_assert_cmpstr (mp_report_get_answer (report, MP_ANSWER_ACCESSIBILITY, 1)->answer, ==, "Teleslynge");
  g_assert_cmpuint (mp_report_get_answer (report, MP_ANSWER_ACCESSIBILITY, 1)->count, ==, 1);

  g_assert_cmpuint (mp_report_get_n_answers (report, MP_ANSWER_INTERPRETER), ==, 2);
  g_assert_cmpstr (mp_report_get_answer (report, MP_ANSWER_INTERPRETER, 0)->answer, ==, "Arabisk");
  g_assert_cmpuint (mp_report_get_answer (report, MP_ANSWER_INTERPRETER, 0)->count, ==, 2);
  g_assert_cmpstr (mp_report_get_answer (report, MP_ANSWER_INTERPRETER, 1)->answer, ==, "Ukrainsk");
}

static void
test_normalise_answer (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "  Vegetar ", "vegetar" },
    { "Halal\t og   laktosefri", "halal og laktosefri" },
    { "ÆØÅ", "æøå" },
    { "   ", "" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = mp_report_normalise_answer (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

/* Registered beside arrived, the numbers of the bar chart. */
static void
test_fixture_sectors (MpTestFixture *f,
                      gconstpointer  data)
{
  ReportFixture fx;
  g_autoptr(MpReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const MpEventCounts *counts;

  fixture_build (f->store, &fx);
  report = mp_report_new_for_event (f->store, fx.e1, &error);
  g_assert_no_error (error);

  counts = mp_report_get_counts (report);
  g_assert_cmpuint (counts->registered, ==, 7);
  g_assert_cmpuint (counts->arrived, ==, 6);
  g_assert_cmpuint (counts->walk_ins, ==, 1);
  g_assert_cmpuint (counts->cancelled, ==, 1);
  /* expected 6 (7 less the walk-in); 5 of them came: Eva's arrival was undone */
  g_assert_cmpfloat_with_epsilon (mp_report_get_no_show_rate (report), 1.0 / 6.0, 1e-9);

  g_assert_cmpstr (mp_report_get_sector (report, 0)->sector, ==, "Kommune");
  g_assert_cmpuint (mp_report_get_sector (report, 0)->registered, ==, 3);
  g_assert_cmpuint (mp_report_get_sector (report, 0)->arrived, ==, 3);
  g_assert_cmpstr (mp_report_get_sector (report, 2)->sector, ==, "NAV");
  g_assert_cmpuint (mp_report_get_sector (report, 2)->registered, ==, 1);
  g_assert_cmpuint (mp_report_get_sector (report, 2)->arrived, ==, 1);
  g_assert_cmpstr (mp_report_get_sector (report, 4)->sector, ==, "Frivillig organisasjon");
  g_assert_cmpuint (mp_report_get_sector (report, 4)->registered, ==, 2);
  g_assert_cmpuint (mp_report_get_sector (report, 4)->arrived, ==, 2);
  g_assert_cmpstr (mp_report_get_sector (report, 13)->sector, ==, "");
  g_assert_cmpuint (mp_report_get_sector (report, 13)->registered, ==, 1);
  g_assert_cmpuint (mp_report_get_sector (report, 13)->arrived, ==, 0);

  g_assert_cmpuint (mp_report_get_n_organisations (report), ==, 4);
  g_assert_cmpstr (mp_report_get_organisation (report, 0)->organisation, ==, "Askøy kommune");
  g_assert_cmpuint (mp_report_get_organisation (report, 0)->arrived, ==, 1);
  g_assert_cmpstr (mp_report_get_organisation (report, 1)->organisation, ==, "Bergen kommune");
  g_assert_cmpuint (mp_report_get_organisation (report, 1)->arrived, ==, 2);
  g_assert_cmpstr (mp_report_get_organisation (report, 3)->organisation, ==, "Røde Kors");
  g_assert_cmpuint (mp_report_get_organisation (report, 3)->arrived, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  MP_TEST_ADD ("/report/counts-by-sector", test_counts_by_sector);
  MP_TEST_ADD ("/report/unknown-event", test_unknown_event);

  MP_TEST_ADD ("/report/fixture-sectors", test_fixture_sectors);
  MP_TEST_ADD ("/report/arrival-curve", test_arrival_curve);
  MP_TEST_ADD ("/report/no-arrivals-no-curve", test_no_arrivals_no_curve);
  MP_TEST_ADD ("/report/answers-summed-up", test_answers_summed_up);
  MP_TEST_ADD ("/report/future-event-not-held-yet", test_future_event_not_held_yet);
  g_test_add_func ("/report/normalise-answer", test_normalise_answer);

  return g_test_run ();
}
