/* Erasure and retention leave no trace of a person in the database file
 * (after a checkpoint and VACUUM, the file's bytes are searched), and the
 * anonymous counts of reports do not move. */
#include "config.h"

#include <string.h>

#include "mp-report.h"
#include "mp-report-fixture.h"
#include "mp-retention.h"

#define JUNE_2025 1748772000    /* 2025-06-01 12:00 Oslo */

/* Folds everything into the main file and rebuilds it, then says whether
 * @needle is anywhere in the file or a WAL beside it. */
static gboolean
file_contains (MpTestFixture *f,
               const char    *needle)
{
  const char *suffixes[] = { "", "-wal", "-journal" };
  g_autoptr(GError) error = NULL;

  g_assert_true (_mp_database_exec (f->db, "PRAGMA wal_checkpoint(TRUNCATE); VACUUM; PRAGMA wal_checkpoint(TRUNCATE);", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (f->path, suffixes[i], NULL);
      g_autofree char *bytes = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &bytes, &len, NULL))
        continue;
      if (memmem (bytes, len, needle, strlen (needle)) != NULL)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  guint registered, arrived, walk_ins, cancelled;
  guint sector_registered[14], sector_arrived[14];
  guint n_organisations;
  guint organisation_arrived[8];
} Totals;

static void
report_totals (MpTestFixture *f,
               gint64         event,
               Totals        *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpReport) report = mp_report_new_for_event (f->store, event, &error);
  const MpEventCounts *c;

  g_assert_no_error (error);
  memset (t, 0, sizeof *t);
  c = mp_report_get_counts (report);
  t->registered = c->registered;
  t->arrived = c->arrived;
  t->walk_ins = c->walk_ins;
  t->cancelled = c->cancelled;
  for (guint i = 0; i < MIN (14, mp_report_get_n_sectors (report)); i++)
    {
      t->sector_registered[i] = mp_report_get_sector (report, i)->registered;
      t->sector_arrived[i] = mp_report_get_sector (report, i)->arrived;
    }
  t->n_organisations = mp_report_get_n_organisations (report);
  for (guint i = 0; i < MIN (8, t->n_organisations); i++)
    t->organisation_arrived[i] = mp_report_get_organisation (report, i)->arrived;
}

static guint
audit_count (MpTestFixture *f,
             const char    *action,
             const char    *must_not_contain)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = _mp_database_prepare_cached (f->db, "SELECT coalesce (subject, ''), coalesce (detail, '') FROM audit_log WHERE action = ?", &error);
  guint n = 0;

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_null (strstr (_mp_column_text (stmt, 0), must_not_contain));
      g_assert_null (strstr (_mp_column_text (stmt, 1), must_not_contain));
      n++;
    }
  sqlite3_reset (stmt);
  return n;
}

static void
test_erasure_leaves_no_trace (MpTestFixture *f,
                              gconstpointer  data)
{
  ReportFixture fx;
  g_autoptr(GError) error = NULL;
  Totals before, after;

  fixture_build (f->store, &fx);
  report_totals (f, fx.e1, &before);

  /* the fixture's data is really in the file to begin with */
  g_assert_true (file_contains (f, "Kari Nordmann"));
  g_assert_true (file_contains (f, "kari@bergen.kommune.no"));

  g_assert_true (mp_store_erase_person (f->store, fx.kari_person, &error));
  g_assert_no_error (error);

  g_assert_false (file_contains (f, "Kari Nordmann"));
  g_assert_false (file_contains (f, "kari nordmann"));   /* the search key */
  g_assert_false (file_contains (f, "kari@bergen.kommune.no"));
  g_assert_false (file_contains (f, "Nordmann"));
  /* the others are still there */
  g_assert_true (file_contains (f, "Per Hansen"));

  report_totals (f, fx.e1, &after);
  g_assert_cmpmem (&before, sizeof before, &after, sizeof after);
  g_assert_cmpuint (audit_count (f, "erase-person", "Kari"), ==, 1);
}

static void
test_cutoff (void)
{
  /* 1 June 2025 less 12 months is 1 June 2024, same clock time */
  g_assert_cmpint (mp_retention_cutoff (JUNE_2025, 12), ==, JUNE_2025 - 365 * 86400);
  g_assert_cmpint (mp_retention_cutoff (JUNE_2025, 0), ==, G_MININT64);
}

/* An old event (January 2024) and a new one (upcoming): Ada only came to
 * the old one, Bo to both. */
static void
test_retention_anonymises_old_events (MpTestFixture *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 old = fixture_event (f->store, "Gammelt dialogmøte", MP_EVENT_KIND_DIALOGUE_MEETING, 1704877200 /* 2024-01-10 10:00 */);
  gint64 recent = fixture_event (f->store, "Nytt dialogmøte", MP_EVENT_KIND_DIALOGUE_MEETING, JUNE_2025 - 30 * 86400);
  g_autoptr(MpAttendee) ada = fixture_register (f->store, old, "Ada Lovelace-Olsen", "ada@olsen.example", "Askøy kommune", "Kommune", "Nøttefri-X", "Ledsager-X", "Somali-X", MP_REGISTRATION_SOURCE_IMPORT);
  g_autoptr(MpAttendee) bo_old = fixture_register (f->store, old, "Bo Bakke", "bo@nav.example", "NAV Vestland", "NAV", "Halal-X", NULL, NULL, MP_REGISTRATION_SOURCE_IMPORT);
  g_autoptr(MpAttendee) bo_new = fixture_register (f->store, recent, "Bo Bakke", "bo@nav.example", "NAV Vestland", "NAV", "Halal-Y", NULL, NULL, MP_REGISTRATION_SOURCE_IMPORT);
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) due_after = NULL;
  g_autoptr(MpAttendee) bo_new_after = NULL;
  g_autoptr(MpAttendee) bo_old_after = NULL;
  Totals old_before, old_after, new_before, new_after;
  guint n_registrations = 0, n_events = 0;

  g_assert_cmpint (mp_attendee_get_person_id (bo_old), ==, mp_attendee_get_person_id (bo_new));
  fixture_arrive (f->store, old, ada, 1704877200 - 300);
  fixture_arrive (f->store, old, bo_old, 1704877200 + 60);
  report_totals (f, old, &old_before);
  report_totals (f, recent, &new_before);

  /* with 24 months nothing is due yet; 0 means keep until erased by hand */
  due = mp_retention_list_due (f->store, 24, JUNE_2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = mp_retention_list_due (f->store, 0, JUNE_2025, &error);
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);

  due = mp_retention_list_due (f->store, 12, JUNE_2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpint (((MpRetentionDue *) due->pdata[0])->event_id, ==, old);
  g_assert_cmpstr (((MpRetentionDue *) due->pdata[0])->title, ==, "Gammelt dialogmøte");
  g_assert_cmpuint (((MpRetentionDue *) due->pdata[0])->registrations, ==, 2);

  g_assert_true (mp_retention_anonymise (f->store, 12, JUNE_2025, &n_registrations, &n_events, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_registrations, ==, 2);
  g_assert_cmpuint (n_events, ==, 1);

  /* Ada is gone entirely; Bo's old answers are gone, his new ones stay */
  g_assert_false (file_contains (f, "Ada Lovelace-Olsen"));
  g_assert_false (file_contains (f, "ada@olsen.example"));
  g_assert_false (file_contains (f, "Nøttefri-X"));
  g_assert_false (file_contains (f, "Ledsager-X"));
  g_assert_false (file_contains (f, "Somali-X"));
  g_assert_false (file_contains (f, "Halal-X"));
  g_assert_true (file_contains (f, "Halal-Y"));
  g_assert_true (file_contains (f, "Bo Bakke"));

  /* the old registration no longer leads to Bo */
  bo_new_after = mp_store_get_attendee (f->store, mp_attendee_get_registration_id (bo_new), &error);
  bo_old_after = mp_store_get_attendee (f->store, mp_attendee_get_registration_id (bo_old), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mp_attendee_get_name (bo_new_after), ==, "Bo Bakke");
  g_assert_cmpint (mp_attendee_get_person_id (bo_new_after), ==, mp_attendee_get_person_id (bo_new));
  g_assert_cmpint (mp_attendee_get_person_id (bo_old_after), !=, mp_attendee_get_person_id (bo_new));
  g_assert_cmpstr (mp_attendee_get_name (bo_old_after), ==, "");

  /* the counts of both reports did not move */
  report_totals (f, old, &old_after);
  report_totals (f, recent, &new_after);
  g_assert_cmpmem (&old_before, sizeof old_before, &old_after, sizeof old_after);
  g_assert_cmpmem (&new_before, sizeof new_before, &new_after, sizeof new_after);
  g_assert_cmpuint (old_after.arrived, ==, 2);
  g_assert_cmpuint (old_after.sector_arrived[0], ==, 1);   /* Kommune */
  g_assert_cmpuint (old_after.sector_arrived[2], ==, 1);   /* NAV */

  /* that it happened and how many, not who */
  g_assert_cmpuint (audit_count (f, "anonymise", "Ada"), ==, 1);
  g_assert_cmpuint (audit_count (f, "anonymise", "Bo"), ==, 1);

  /* nothing is due any more, and a second run changes nothing */
  due_after = mp_retention_list_due (f->store, 12, JUNE_2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due_after->len, ==, 0);
  g_assert_true (mp_retention_anonymise (f->store, 12, JUNE_2025, &n_registrations, &n_events, &error));
  g_assert_cmpuint (n_registrations, ==, 0);
  g_assert_cmpuint (n_events, ==, 0);
  g_assert_cmpuint (audit_count (f, "anonymise", "Ada"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  MP_TEST_ADD ("/retention/erasure-leaves-no-trace", test_erasure_leaves_no_trace);
  g_test_add_func ("/retention/cutoff", test_cutoff);
  MP_TEST_ADD ("/retention/anonymises-old-events", test_retention_anonymises_old_events);

  return g_test_run ();
}
