/* Reports counted and written on a worker thread: the same report as
 * on the caller's thread, and cancelling leaves nothing behind. */
#include "config.h"

#include <string.h>

#include "mp-report-async.h"
#include "mp-report-fixture.h"

static gboolean
answered (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* Runs the default main context until an async call has answered (at
 * most 60 s: the test fails then). */
static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  g_assert_true (mp_test_wait_until (answered, slot, 60000));
  return *slot;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static void
assert_same_report (MpReport *a,
                    MpReport *b)
{
  const MpEventCounts *ca = mp_report_get_counts (a);
  const MpEventCounts *cb = mp_report_get_counts (b);

  g_assert_true (a != b);
  g_assert_cmpint (mp_event_get_id (mp_report_get_event (a)), ==, mp_event_get_id (mp_report_get_event (b)));
  g_assert_cmpstr (mp_event_get_title (mp_report_get_event (a)), ==, mp_event_get_title (mp_report_get_event (b)));
  g_assert_cmpmem (ca, sizeof *ca, cb, sizeof *cb);
  g_assert_cmpfloat (mp_report_get_no_show_rate (a), ==, mp_report_get_no_show_rate (b));

  g_assert_cmpuint (mp_report_get_n_sectors (a), ==, mp_report_get_n_sectors (b));
  for (guint i = 0; i < mp_report_get_n_sectors (a); i++)
    {
      const MpSectorCount *sa = mp_report_get_sector (a, i), *sb = mp_report_get_sector (b, i);

      g_assert_cmpstr (sa->sector, ==, sb->sector);
      g_assert_cmpuint (sa->registered, ==, sb->registered);
      g_assert_cmpuint (sa->arrived, ==, sb->arrived);
    }

  g_assert_cmpuint (mp_report_get_n_organisations (a), ==, mp_report_get_n_organisations (b));
  for (guint i = 0; i < mp_report_get_n_organisations (a); i++)
    {
      const MpOrganisationCount *oa = mp_report_get_organisation (a, i), *ob = mp_report_get_organisation (b, i);

      g_assert_cmpstr (oa->organisation, ==, ob->organisation);
      g_assert_cmpstr (oa->sector, ==, ob->sector);
      g_assert_cmpuint (oa->arrived, ==, ob->arrived);
    }

  g_assert_cmpuint (mp_report_get_n_arrival_buckets (a), ==, mp_report_get_n_arrival_buckets (b));
  for (guint i = 0; i < mp_report_get_n_arrival_buckets (a); i++)
    {
      const MpArrivalBucket *ba = mp_report_get_arrival_bucket (a, i), *bb = mp_report_get_arrival_bucket (b, i);

      g_assert_cmpint (ba->slot, ==, bb->slot);
      g_assert_cmpint (ba->starts_at, ==, bb->starts_at);
      g_assert_cmpuint (ba->arrivals, ==, bb->arrivals);
    }

  for (guint k = 0; k < MP_N_ANSWER_KINDS; k++)
    {
      g_assert_cmpuint (mp_report_get_n_answers (a, k), ==, mp_report_get_n_answers (b, k));
      for (guint i = 0; i < mp_report_get_n_answers (a, k); i++)
        {
          g_assert_cmpstr (mp_report_get_answer (a, k, i)->answer, ==, mp_report_get_answer (b, k, i)->answer);
          g_assert_cmpuint (mp_report_get_answer (a, k, i)->count, ==, mp_report_get_answer (b, k, i)->count);
        }
    }
}

static MpReport *
load_report (MpStore       *store,
             gint64         event_id,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mp_report_load_async (store, event_id, cancellable, store_result_cb, &result);
  return mp_report_load_finish (store, wait_for_result (&result), error);
}

static void
test_event_same_as_sync (MpTestFixture *f,
                         gconstpointer  data)
{
  ReportFixture fx;
  g_autoptr(GError) error = NULL;

  fixture_build (f->store, &fx);
  for (gint64 event_id = fx.e1; event_id <= fx.e3; event_id++)
    {
      g_autoptr(MpReport) sync = mp_report_new_for_event (f->store, event_id, &error);
      g_autoptr(MpReport) async = NULL;

      g_assert_no_error (error);
      async = load_report (f->store, event_id, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (async);
      assert_same_report (sync, async);
    }

  /* The hand-worked figures of the first meeting, so that "same" is not
   * "same and wrong". */
  {
    g_autoptr(MpReport) async = load_report (f->store, fx.e1, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (mp_report_get_counts (async)->registered, ==, 7);
    g_assert_cmpuint (mp_report_get_counts (async)->arrived, ==, 6);
    g_assert_cmpuint (mp_report_get_n_organisations (async), ==, 4);
  }
}

/* What the desk has just committed is in the next report. */
static void
test_event_sees_commits (MpTestFixture *f,
                         gconstpointer  data)
{
  ReportFixture fx;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpReport) before = NULL;
  g_autoptr(MpReport) after = NULL;
  g_autoptr(MpCheckInResult) result = NULL;

  fixture_build (f->store, &fx);
  before = load_report (f->store, fx.e2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_report_get_counts (before)->arrived, ==, 3);

  /* Tor Sand registered for the breakfast meeting but did not come */
  {
    g_autoptr(GPtrArray) list = mp_store_search (f->store, fx.e2, "Tor", 5, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 1);
    result = mp_store_check_in_registration (f->store, fx.e2,
                                             mp_attendee_get_registration_id (list->pdata[0]),
                                             "Desk 1", &error);
    g_assert_no_error (error);
    g_assert_cmpint (mp_check_in_result_get_outcome (result), ==, MP_CHECK_IN_CHECKED_IN);
  }

  after = load_report (f->store, fx.e2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_report_get_counts (after)->arrived, ==, 4);
}

static void
test_event_missing (MpTestFixture *f,
                    gconstpointer  data)
{
  ReportFixture fx;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpReport) report = NULL;
  g_autoptr(MpReport) sync = NULL;
  g_autoptr(GError) sync_error = NULL;

  fixture_build (f->store, &fx);
  report = load_report (f->store, fx.e3 + 100, NULL, &error);
  sync = mp_report_new_for_event (f->store, fx.e3 + 100, &sync_error);
  g_assert_null (report);
  g_assert_null (sync);
  /* the same error a person would have read before */
  g_assert_nonnull (error);
  g_assert_nonnull (sync_error);
  g_assert_true (error->domain == sync_error->domain);
  g_assert_cmpint (error->code, ==, sync_error->code);
  g_assert_cmpstr (error->message, ==, sync_error->message);
}

static void
test_period_same_as_sync (MpTestFixture *f,
                          gconstpointer  data)
{
  ReportFixture fx;
  g_autoptr(GError) error = NULL;
  const guint kind_masks[] = { 0, 1u << MP_EVENT_KIND_BREAKFAST_MEETING };

  fixture_build (f->store, &fx);
  for (guint m = 0; m < G_N_ELEMENTS (kind_masks); m++)
    {
      g_autoptr(MpPeriodReport) sync = mp_period_report_new (f->store, FIXTURE_E1_START - 86400,
                                                             FIXTURE_E3_START + 86400, kind_masks[m], &error);
      g_autoptr(MpPeriodReport) async = NULL;
      g_autoptr(GAsyncResult) result = NULL;

      g_assert_no_error (error);
      mp_period_report_load_async (f->store, FIXTURE_E1_START - 86400, FIXTURE_E3_START + 86400,
                                   kind_masks[m], NULL, store_result_cb, &result);
      async = mp_period_report_load_finish (f->store, wait_for_result (&result), &error);
      g_assert_no_error (error);
      g_assert_nonnull (async);
      g_assert_true (async != sync);

      g_assert_cmpuint (mp_period_report_get_n_events (async), ==, mp_period_report_get_n_events (sync));
      g_assert_cmpuint (mp_period_report_get_n_events (async), ==, m == 0 ? 3 : 1);
      for (guint i = 0; i < mp_period_report_get_n_events (sync); i++)
        {
          const MpPeriodEvent *ea = mp_period_report_get_event (async, i), *es = mp_period_report_get_event (sync, i);

          g_assert_cmpint (ea->id, ==, es->id);
          g_assert_cmpstr (ea->title, ==, es->title);
          g_assert_cmpuint (ea->registered, ==, es->registered);
          g_assert_cmpuint (ea->arrived, ==, es->arrived);
          g_assert_cmpmem (ea->by_sector, mp_period_report_get_n_sectors (async) * sizeof (guint),
                           es->by_sector, mp_period_report_get_n_sectors (sync) * sizeof (guint));
        }
      g_assert_cmpuint (mp_period_report_get_n_sectors (async), ==, mp_period_report_get_n_sectors (sync));
      for (guint i = 0; i < mp_period_report_get_n_sectors (sync); i++)
        {
          g_assert_cmpstr (mp_period_report_get_sector (async, i), ==, mp_period_report_get_sector (sync, i));
          g_assert_cmpuint (mp_period_report_get_sector_total (async, i), ==, mp_period_report_get_sector_total (sync, i));
        }
      g_assert_cmpuint (mp_period_report_get_total_registered (async), ==, mp_period_report_get_total_registered (sync));
      g_assert_cmpuint (mp_period_report_get_total_arrived (async), ==, mp_period_report_get_total_arrived (sync));
      g_assert_cmpuint (mp_period_report_get_distinct_people (async), ==, mp_period_report_get_distinct_people (sync));
      g_assert_cmpuint (mp_period_report_get_returning_people (async), ==, mp_period_report_get_returning_people (sync));
      g_assert_cmpuint (mp_period_report_get_n_organisations (async), ==, mp_period_report_get_n_organisations (sync));
      for (guint i = 0; i < mp_period_report_get_n_organisations (sync); i++)
        {
          const MpPeriodOrganisation *oa = mp_period_report_get_organisation (async, i);
          const MpPeriodOrganisation *os = mp_period_report_get_organisation (sync, i);

          g_assert_cmpstr (oa->organisation, ==, os->organisation);
          g_assert_cmpstr (oa->sector, ==, os->sector);
          g_assert_cmpuint (oa->events, ==, os->events);
          g_assert_cmpuint (oa->people, ==, os->people);
        }
    }
}

/* A period that ends before it starts: the error mp_period_report_new()
 * gives, through the thread. */
static void
test_period_bad_bounds (MpTestFixture *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MpPeriodReport) report = NULL;

  mp_period_report_load_async (f->store, FIXTURE_E3_START, FIXTURE_E1_START, 0, NULL, store_result_cb, &result);
  report = mp_period_report_load_finish (f->store, wait_for_result (&result), &error);
  g_assert_null (report);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
}

static void
test_cancelled_before (MpTestFixture *f,
                       gconstpointer  data)
{
  ReportFixture fx;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MpReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MpPeriodReport) period = NULL;
  g_autoptr(GError) period_error = NULL;

  fixture_build (f->store, &fx);
  g_cancellable_cancel (cancellable);
  report = load_report (f->store, fx.e1, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  mp_period_report_load_async (f->store, FIXTURE_E1_START, FIXTURE_E3_START, 0, cancellable, store_result_cb, &result);
  period = mp_period_report_load_finish (f->store, wait_for_result (&result), &period_error);
  g_assert_null (period);
  g_assert_error (period_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* An event of @n registrations, half of them arrived, written straight
 * into the tables (the store's import would take longer than the test). */
static gint64
add_large_event (MpTestFixture *f,
                 guint          n)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id = fixture_event (f->store, "Stort møte", MP_EVENT_KIND_CONFERENCE, FIXTURE_E1_START);
  g_autofree char *sql = g_strdup_printf (
    "BEGIN;"
    "INSERT INTO organisation (name, fold_key) VALUES ('Stor organisasjon', 'stor organisasjon');"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u)"
    " INSERT INTO person (uuid, name, organisation_id, name_key, sort_key, created_at)"
    " SELECT 'p' || i, 'Person ' || i, (SELECT max(id) FROM organisation), 'person ' || i, 'person ' || i, 0 FROM n;"
    "INSERT INTO registration (uuid, event_id, person_id, token, source, dietary, created_at)"
    " SELECT 'r' || id, %" G_GINT64_FORMAT ", id, 't-large-' || id, 'import',"
    "        CASE id %% 3 WHEN 0 THEN 'Vegetar' ELSE NULL END, 0"
    " FROM person WHERE uuid GLOB 'p[0-9]*';"
    "INSERT INTO checkin (uuid, registration_id, desk, at)"
    " SELECT 'c' || id, id, 'Desk 1', %" G_GINT64_FORMAT " + id %% 3600"
    " FROM registration WHERE event_id = %" G_GINT64_FORMAT " AND id %% 2 = 0;"
    "COMMIT;",
    n, event_id, (gint64) FIXTURE_E1_START - 1800, event_id);

  g_assert_true (_mp_database_exec (f->db, sql, &error));
  g_assert_no_error (error);
  return event_id;
}

typedef struct
{
  GCancellable *cancellable;
  gint64        cancelled_at;
} CancelLater;

static gboolean
cancel_now_cb (gpointer user_data)
{
  CancelLater *later = user_data;

  later->cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (later->cancellable);
  return G_SOURCE_REMOVE;
}

/* Cancelled while SQLite counts: the counting stops there and then (it
 * does not run to the end to be thrown away), and the answer is
 * "cancelled". Run under LeakSanitizer by `make test`. */
static void
test_cancelled_while_running (MpTestFixture *f,
                              gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MpReport) sync = NULL;
  g_autoptr(MpReport) report = NULL;
  CancelLater later = { cancellable, 0 };
  gint64 event_id = add_large_event (f, 60000);
  gint64 started, sync_usec, answered;

  started = g_get_monotonic_time ();
  sync = mp_report_new_for_event (f->store, event_id, &error);
  sync_usec = g_get_monotonic_time () - started;
  g_assert_no_error (error);
  g_assert_cmpuint (mp_report_get_counts (sync)->registered, ==, 60000);
  g_assert_cmpuint (mp_report_get_counts (sync)->arrived, ==, 30000);

  /* Cancelled a fifth into the time the whole count takes. */
  mp_report_load_async (f->store, event_id, cancellable, store_result_cb, &result);
  g_timeout_add (MAX (1, sync_usec / 5000), cancel_now_cb, &later);
  wait_for_result (&result);
  answered = g_get_monotonic_time ();
  report = mp_report_load_finish (f->store, result, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (later.cancelled_at, >, 0);
  g_test_message ("whole count %.0f ms; answer %.1f ms after cancelling",
                  sync_usec / 1000.0, (answered - later.cancelled_at) / 1000.0);
  /* Interrupted, not run to the end: well under the remaining 4/5. */
  g_assert_cmpint (answered - later.cancelled_at, <, sync_usec / 2 + 20000);

  /* The connection is left as it was: the next count is whole. */
  g_clear_error (&error);
  g_clear_object (&result);
  report = load_report (f->store, event_id, NULL, &error);
  g_assert_no_error (error);
  assert_same_report (sync, report);
}

/* A database that lives in memory cannot be opened a second time: it
 * is counted on the caller's connection, and still answers later. */
static void
test_in_memory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = mp_database_open (":memory:", MP_DATABASE_FLAGS_NONE, &error);
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpReport) sync = NULL;
  g_autoptr(MpReport) async = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  ReportFixture fx;

  g_assert_no_error (error);
  store = mp_store_new (db);
  fixture_build (store, &fx);
  sync = mp_report_new_for_event (store, fx.e1, &error);
  g_assert_no_error (error);

  mp_report_load_async (store, fx.e1, NULL, store_result_cb, &result);
  /* not answered before the caller is back in its main loop */
  g_assert_null (result);
  async = mp_report_load_finish (store, wait_for_result (&result), &error);
  g_assert_no_error (error);
  assert_same_report (sync, async);
}

static void
test_export_same_as_sync (MpTestFixture *f,
                          gconstpointer  data)
{
  ReportFixture fx;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpReport) report = NULL;
  g_autoptr(MpPeriodReport) period = NULL;
  g_autofree char *sync_path = g_build_filename (f->dir, "sync.csv", NULL);
  g_autofree char *async_path = g_build_filename (f->dir, "async.csv", NULL);
  g_autofree char *period_sync_path = g_build_filename (f->dir, "period-sync.csv", NULL);
  g_autofree char *period_async_path = g_build_filename (f->dir, "period-async.csv", NULL);
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  fixture_build (f->store, &fx);
  report = mp_report_new_for_event (f->store, fx.e1, &error);
  g_assert_no_error (error);
  period = mp_period_report_new (f->store, FIXTURE_E1_START - 86400, FIXTURE_E3_START + 86400, 0, &error);
  g_assert_no_error (error);

  g_assert_true (mp_report_export (report, MP_REPORT_FORMAT_CSV, sync_path, &error));
  g_assert_true (mp_period_report_export (period, MP_REPORT_FORMAT_CSV_EXCEL, period_sync_path, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GAsyncResult) result = NULL;

    mp_report_export_async (G_OBJECT (report), MP_REPORT_FORMAT_CSV, async_path, NULL, store_result_cb, &result);
    g_assert_true (mp_report_export_finish (G_OBJECT (report), wait_for_result (&result), &error));
    g_assert_no_error (error);
    g_assert_cmpstr (mp_report_export_get_path (result), ==, async_path);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    mp_report_export_async (G_OBJECT (period), MP_REPORT_FORMAT_CSV_EXCEL, period_async_path, NULL, store_result_cb, &result);
    g_assert_true (mp_report_export_finish (G_OBJECT (period), wait_for_result (&result), &error));
    g_assert_no_error (error);
  }

  a = fixture_read_file (sync_path);
  b = fixture_read_file (async_path);
  c = fixture_read_file (period_sync_path);
  d = fixture_read_file (period_async_path);
  g_assert_nonnull (strstr (a, "Kommune"));
  g_assert_cmpstr (a, ==, b);
  g_assert_nonnull (strstr (c, "Frokostmøte"));
  g_assert_cmpstr (c, ==, d);
}

/* Errors come back as the sync export gives them; cancelled before it
 * starts, nothing is written. */
static void
test_export_errors (MpTestFixture *f,
                    gconstpointer  data)
{
  ReportFixture fx;
  g_autoptr(MpReport) report = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "report.pdf", NULL);
  g_autofree char *cancelled_path = g_build_filename (f->dir, "cancelled.xlsx", NULL);

  fixture_build (f->store, &fx);
  report = mp_report_new_for_event (f->store, fx.e1, NULL);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    mp_report_export_async (G_OBJECT (report), MP_REPORT_FORMAT_PDF, missing, NULL, store_result_cb, &result);
    g_assert_false (mp_report_export_finish (G_OBJECT (report), wait_for_result (&result), &error));
    g_assert_nonnull (error);
    g_assert_true (error->domain == MP_ERROR);
    g_assert_nonnull (strstr (error->message, "no-such-folder"));
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    mp_report_export_async (G_OBJECT (report), MP_REPORT_FORMAT_XLSX, cancelled_path, cancellable, store_result_cb, &result);
    g_assert_false (mp_report_export_finish (G_OBJECT (report), wait_for_result (&result), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_false (g_file_test (cancelled_path, G_FILE_TEST_EXISTS));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  MP_TEST_ADD ("/report-async/event-same-as-sync", test_event_same_as_sync);
  MP_TEST_ADD ("/report-async/event-sees-commits", test_event_sees_commits);
  MP_TEST_ADD ("/report-async/event-missing", test_event_missing);
  MP_TEST_ADD ("/report-async/period-same-as-sync", test_period_same_as_sync);
  MP_TEST_ADD ("/report-async/period-bad-bounds", test_period_bad_bounds);
  MP_TEST_ADD ("/report-async/cancelled-before", test_cancelled_before);
  MP_TEST_ADD ("/report-async/cancelled-while-running", test_cancelled_while_running);
  g_test_add_func ("/report-async/in-memory", test_in_memory);
  MP_TEST_ADD ("/report-async/export-same-as-sync", test_export_same_as_sync);
  MP_TEST_ADD ("/report-async/export-errors", test_export_errors);

  return g_test_run ();
}
