/* The report over many meetings: the fixture's three events, with the
 * right answers worked out by hand (see mp-report-fixture.h). */
#include "config.h"

#include "mp-period-report.h"
#include "mp-report-fixture.h"

#define MARCH_1  1772319600   /* 2026-03-01 00:00 Oslo */
#define APRIL_1  1774994400   /* 2026-04-01 00:00 Oslo (summer time) */
#define MAY_1    1777586400   /* 2026-05-01 00:00 Oslo */
#define JUNE_1   1780264800   /* 2026-06-01 00:00 Oslo */

static guint
sector_position (MpPeriodReport *report,
                 const char     *name)
{
  for (guint i = 0; i < mp_period_report_get_n_sectors (report); i++)
    if (g_strcmp0 (mp_period_report_get_sector (report, i), name) == 0)
      return i;
  g_assert_not_reached ();
}

static void
test_all_kinds (MpTestFixture *f,
                gconstpointer  data)
{
  ReportFixture fx;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpPeriodReport) r = NULL;
  const MpPeriodEvent *e;

  fixture_build (f->store, &fx);
  r = mp_period_report_new (f->store, MARCH_1, JUNE_1, 0, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (mp_period_report_get_n_events (r), ==, 3);
  e = mp_period_report_get_event (r, 0);
  g_assert_cmpstr (e->title, ==, "Dialogmøte om integrering");
  g_assert_cmpuint (e->registered, ==, 7);
  g_assert_cmpuint (e->arrived, ==, 6);
  g_assert_cmpuint (e->by_sector[sector_position (r, "Kommune")], ==, 3);
  g_assert_cmpuint (e->by_sector[sector_position (r, "NAV")], ==, 1);
  g_assert_cmpuint (e->by_sector[sector_position (r, "Frivillig organisasjon")], ==, 2);
  e = mp_period_report_get_event (r, 1);
  g_assert_cmpstr (e->title, ==, "Frokostmøte");
  g_assert_cmpint (e->kind, ==, MP_EVENT_KIND_BREAKFAST_MEETING);
  g_assert_cmpuint (e->registered, ==, 4);
  g_assert_cmpuint (e->arrived, ==, 3);
  g_assert_cmpuint (e->by_sector[sector_position (r, "Frivilligsentral")], ==, 1);
  g_assert_cmpuint (e->by_sector[sector_position (r, "Næringsliv")], ==, 0);
  e = mp_period_report_get_event (r, 2);
  g_assert_cmpuint (e->arrived, ==, 1);

  /* nobody without a sector came (Eva's arrival was undone): no such column */
  g_assert_cmpuint (mp_period_report_get_n_sectors (r), ==, 13);
  g_assert_cmpuint (mp_period_report_get_sector_total (r, sector_position (r, "Kommune")), ==, 4);
  g_assert_cmpuint (mp_period_report_get_sector_total (r, sector_position (r, "NAV")), ==, 2);
  g_assert_cmpuint (mp_period_report_get_sector_total (r, sector_position (r, "Frivillig organisasjon")), ==, 3);
  g_assert_cmpuint (mp_period_report_get_sector_total (r, sector_position (r, "Frivilligsentral")), ==, 1);
  g_assert_cmpuint (mp_period_report_get_total_registered (r), ==, 12);
  g_assert_cmpuint (mp_period_report_get_total_arrived (r), ==, 10);

  /* Kari, Per, Ola, Lise, Ahmed, the walk-in, Nina */
  g_assert_cmpuint (mp_period_report_get_distinct_people (r), ==, 7);
  /* Kari and Lise (March, April), Ahmed (March, May) */
  g_assert_cmpuint (mp_period_report_get_returning_people (r), ==, 3);

  g_assert_cmpuint (mp_period_report_get_n_organisations (r), ==, 5);
  {
    static const struct { const char *name, *sector; guint events, people; } expected[] = {
      { "Askøy kommune", "Kommune", 1, 1 },
      { "Bergen kommune", "Kommune", 2, 2 },
      { "NAV Vestland", "NAV", 2, 1 },
      { "Røde Kors", "Frivillig organisasjon", 2, 2 },
      { "Bergen frivilligsentral", "Frivilligsentral", 1, 1 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        const MpPeriodOrganisation *o = mp_period_report_get_organisation (r, i);

        g_assert_cmpstr (o->organisation, ==, expected[i].name);
        g_assert_cmpstr (o->sector, ==, expected[i].sector);
        g_assert_cmpuint (o->events, ==, expected[i].events);
        g_assert_cmpuint (o->people, ==, expected[i].people);
      }
  }
}

static void
test_kinds_filter (MpTestFixture *f,
                   gconstpointer  data)
{
  ReportFixture fx;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpPeriodReport) r = NULL;

  fixture_build (f->store, &fx);
  r = mp_period_report_new (f->store, MARCH_1, JUNE_1,
                            (1u << MP_EVENT_KIND_DIALOGUE_MEETING) | (1u << MP_EVENT_KIND_BREAKFAST_MEETING),
                            &error);
  g_assert_no_error (error);

  g_assert_cmpuint (mp_period_report_get_n_events (r), ==, 2);
  g_assert_cmpuint (mp_period_report_get_total_arrived (r), ==, 9);
  g_assert_cmpuint (mp_period_report_get_distinct_people (r), ==, 7);
  /* Ahmed's seminar is left out: only Kari and Lise came back */
  g_assert_cmpuint (mp_period_report_get_returning_people (r), ==, 2);
  g_assert_cmpuint (mp_period_report_get_sector_total (r, sector_position (r, "Frivillig organisasjon")), ==, 2);
}

static void
test_period_bounds (MpTestFixture *f,
                    gconstpointer  data)
{
  ReportFixture fx;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpPeriodReport) april = NULL;
  g_autoptr(MpPeriodReport) none = NULL;
  g_autoptr(MpPeriodReport) bad = NULL;

  fixture_build (f->store, &fx);
  april = mp_period_report_new (f->store, APRIL_1, MAY_1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_period_report_get_n_events (april), ==, 1);
  g_assert_cmpuint (mp_period_report_get_distinct_people (april), ==, 3);
  g_assert_cmpuint (mp_period_report_get_returning_people (april), ==, 0);
  g_assert_cmpuint (mp_period_report_get_n_organisations (april), ==, 3);

  /* the day the period ends is not in it */
  none = mp_period_report_new (f->store, MARCH_1, FIXTURE_E1_START, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_period_report_get_n_events (none), ==, 0);
  g_assert_cmpuint (mp_period_report_get_total_arrived (none), ==, 0);

  bad = mp_period_report_new (f->store, MAY_1, APRIL_1, 0, &error);
  g_assert_null (bad);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
}

static void
test_parse_date (void)
{
  g_autoptr(GError) error = NULL;
  gint64 t = 0;

  g_assert_true (mp_period_parse_date ("2026-03-01", &t, &error));
  g_assert_no_error (error);
  g_assert_cmpint (t, ==, MARCH_1);
  g_assert_true (mp_period_parse_date ("2026-04-01", &t, &error));
  g_assert_cmpint (t, ==, APRIL_1);

  g_assert_false (mp_period_parse_date ("2026-02-30", &t, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mp_period_parse_date ("1. mars", &t, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mp_period_parse_date ("2026-03-01x", &t, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  MP_TEST_ADD ("/period-report/all-kinds", test_all_kinds);
  MP_TEST_ADD ("/period-report/kinds-filter", test_kinds_filter);
  MP_TEST_ADD ("/period-report/bounds", test_period_bounds);
  g_test_add_func ("/period-report/parse-date", test_parse_date);

  return g_test_run ();
}
