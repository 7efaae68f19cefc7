/* Opening an event: the core calls the window makes before its first
 * frame, at 1,000, 10,000 and 100,000 registrations, and the cost of a
 * search keystroke afterwards.
 *
 *   bench-open [--sizes 1000,10000,100000] [--rounds 5]
 *
 * The database is made once per size (40 % checked in, a quarter of
 * those undone and some checked in again), then a fresh process opens
 * it, so that its peak RSS is what opening costs, not what making the
 * data cost. Lines:
 *
 *   open       the best of --rounds fresh stores on the file (wall time)
 *   open-cpu   the same calls in CPU time, steadier on a busy machine
 *   open-cold  the first store of the process, in the window's order
 *
 * MP_BENCH_KEEP=DIR keeps each file as DIR/open-N.db.
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench-util.h"
#include "mp-attendee-index.h"
#include "mp-text.h"

/* CPU time of the calls, beside the wall time: other work on the
 * machine moves the one much more than the other. */
static double last_cpu_ms;

static double
cpu_now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Check-ins written directly: through mp_store_check_in each would wait
 * for its own fsync, and only the rows matter here. */
static void
add_check_ins (const char *path,
               gint64      event_id)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  g_autofree char *sql = g_strdup_printf (
    "BEGIN;"
    "INSERT INTO checkin (uuid, registration_id, desk, at)"
    " SELECT lower (hex (randomblob (16))), id, 'Desk 1', 1700000000 + id"
    " FROM registration WHERE event_id = %" G_GINT64_FORMAT " AND id %% 10 < 4;"
    "INSERT INTO checkin (uuid, registration_id, desk, at, undoes)"
    " SELECT lower (hex (randomblob (16))), registration_id, 'Desk 1', at + 60, id"
    " FROM checkin WHERE undoes IS NULL AND registration_id %% 10 = 0;"
    "INSERT INTO checkin (uuid, registration_id, desk, at)"
    " SELECT lower (hex (randomblob (16))), id, 'Desk 2', 1700000600 + id"
    " FROM registration WHERE event_id = %" G_GINT64_FORMAT " AND id %% 20 = 0;"
    "COMMIT;", event_id, event_id);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("check-ins: %s", message);
  sqlite3_close (db);
}

static double
time_index (MpStore *store,
            gint64   event_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpAttendeeIndex) index = NULL;
  double c0 = cpu_now_ms (), t0 = bench_now_ms ();

  index = mp_store_get_attendee_index (store, event_id, &error);
  g_assert_no_error (error);
  last_cpu_ms = cpu_now_ms () - c0;
  return bench_now_ms () - t0;
}

static double
time_counts (MpStore *store,
             gint64   event_id)
{
  g_autoptr(GError) error = NULL;
  MpEventCounts counts;
  double c0 = cpu_now_ms (), t0 = bench_now_ms ();

  mp_store_get_counts (store, event_id, &counts, &error);
  g_assert_no_error (error);
  last_cpu_ms = cpu_now_ms () - c0;
  return bench_now_ms () - t0;
}

static double
time_event (MpStore *store,
            gint64   event_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEvent) event = NULL;
  double c0 = cpu_now_ms (), t0 = bench_now_ms ();

  event = mp_store_get_event (store, event_id, &error);
  g_assert_no_error (error);
  last_cpu_ms = cpu_now_ms () - c0;
  return bench_now_ms () - t0;
}

static double
time_list_events (MpStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  double c0 = cpu_now_ms (), t0 = bench_now_ms ();

  events = mp_store_list_events (store, &error);
  g_assert_no_error (error);
  last_cpu_ms = cpu_now_ms () - c0;
  return bench_now_ms () - t0;
}

static MpStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = mp_database_open (path, MP_DATABASE_FLAGS_MUST_EXIST, &error);

  g_assert_no_error (error);
  return mp_store_new (db);
}

/* What a person types: a name, letter by letter, as the window sees it
 * (the cached index, then a search of the whole query). */
static double
keystroke_p99 (MpStore *store,
               gint64   event_id,
               double  *median)
{
  static const char *const names[] = {
    "sorensen", "Kari Nordmann", "hansen", "ola", "Åse", "kommune nav", "berg", "ahmed", "m",
  };
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  for (guint round = 0; round < 20; round++)
    for (guint n = 0; n < G_N_ELEMENTS (names); n++)
      for (glong len = 1; len <= g_utf8_strlen (names[n], -1); len++)
        {
          g_autofree char *query = g_utf8_substring (names[n], 0, len);
          g_autoptr(MpAttendeeIndex) index = NULL;
          g_autoptr(GArray) positions = NULL;
          double t0 = bench_now_ms (), ms;

          index = mp_store_get_attendee_index (store, event_id, &error);
          g_assert_no_error (error);
          positions = mp_attendee_index_search (index, query, 0, NULL);
          ms = bench_now_ms () - t0;
          g_array_append_val (samples, ms);
        }

  *median = bench_quantile (samples, 0.5);
  return bench_quantile (samples, 0.99);
}

static int
measure (const char *path,
         gint64      event_id,
         guint       n_registrations,
         guint       rounds)
{
  struct rusage usage;
  double index_cold, counts_cold, event_cold, list_cold, open_ms;
  double index_warm = G_MAXDOUBLE, counts_warm = G_MAXDOUBLE, counts_alone = G_MAXDOUBLE;
  double index_cpu = G_MAXDOUBLE, counts_cpu = G_MAXDOUBLE;
  double event_cpu = G_MAXDOUBLE, list_cpu = G_MAXDOUBLE;
  double event_warm = G_MAXDOUBLE, list_warm = G_MAXDOUBLE;
  double key_median, key_p99;
  MpStore *store;

  /* cold: a fresh process and store on the file, in the window's order */
  {
    double t0 = bench_now_ms ();

    store = open_store (path);
    open_ms = bench_now_ms () - t0;
    list_cold = time_list_events (store);
    event_cold = time_event (store, event_id);
    counts_cold = time_counts (store, event_id);
    index_cold = time_index (store, event_id);
  }
  key_p99 = keystroke_p99 (store, event_id, &key_median);
  g_object_unref (store);

  /* warm: fresh stores (no cached index) on a file in the page cache */
  for (guint r = 0; r < rounds; r++)
    {
      double list_ms, event_ms, counts_ms, index_ms;

      /* not inside MIN (): it would call each twice */
      store = open_store (path);
      list_ms = time_list_events (store);
      list_cpu = MIN (list_cpu, last_cpu_ms);
      event_ms = time_event (store, event_id);
      event_cpu = MIN (event_cpu, last_cpu_ms);
      counts_ms = time_counts (store, event_id);
      counts_cpu = MIN (counts_cpu, last_cpu_ms);
      index_ms = time_index (store, event_id);
      index_cpu = MIN (index_cpu, last_cpu_ms);
      g_object_unref (store);

      list_warm = MIN (list_warm, list_ms);
      event_warm = MIN (event_warm, event_ms);
      counts_warm = MIN (counts_warm, counts_ms);

      /* the counts of one event asked first, with nothing to reuse */
      store = open_store (path);
      counts_ms = time_counts (store, event_id);
      g_object_unref (store);
      counts_alone = MIN (counts_alone, counts_ms);
      index_warm = MIN (index_warm, index_ms);
    }

  getrusage (RUSAGE_SELF, &usage);
  g_print ("open registrations=%u index=%.1fms counts=%.1fms event=%.1fms list-events=%.1fms"
           " keystroke-p99=%.3fms maxrss=%.1fMB counts-alone=%.1fms\n",
           n_registrations, index_warm, counts_warm, event_warm, list_warm,
           key_p99, usage.ru_maxrss / 1024.0, counts_alone);
  g_print ("open-cpu registrations=%u index=%.1fms counts=%.1fms event=%.1fms list-events=%.1fms\n",
           n_registrations, index_cpu, counts_cpu, event_cpu, list_cpu);
  g_print ("open-cold registrations=%u db-open=%.1fms index=%.1fms counts=%.1fms event=%.1fms"
           " list-events=%.1fms keystroke-median=%.3fms\n",
           n_registrations, open_ms, index_cold, counts_cold, event_cold, list_cold, key_median);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sizes = NULL;  /* set after parsing: GOption would leak a default */
  g_autofree char *open_path = NULL;
  gint64 event_id = 0;
  int rounds = 5;
  GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes, "Registration counts", "N,N,..." },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Warm rounds (the best is shown)", "N" },
    { "open", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &open_path, NULL, NULL },
    { "event", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT64, &event_id, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(GStrv) list = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, NULL))
    return 2;
  if (sizes == NULL)
    sizes = g_strdup ("1000,10000,100000");

  /* the child: measure one existing file */
  if (open_path != NULL)
    return measure (open_path, event_id, atoi (sizes), MAX (rounds, 1));

  list = g_strsplit (sizes, ",", -1);
  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *size = g_strdup_printf ("%u", (guint) atoi (list[i]));
      g_autofree char *event = NULL;
      g_autofree char *rounds_text = g_strdup_printf ("%d", rounds);
      int status = 0;
      BenchDb b;

      bench_db_open (&b, atoi (list[i]));
      add_check_ins (b.path, b.event_id);
      event = g_strdup_printf ("%" G_GINT64_FORMAT, b.event_id);
      g_clear_object (&b.store); /* the child opens the file alone */

      {
        const char *child_argv[] = {
          argv[0], "--open", b.path, "--event", event, "--sizes", size, "--rounds", rounds_text, NULL
        };

        g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                      NULL, NULL, &status, &error);
        g_assert_no_error (error);
        g_spawn_check_wait_status (status, &error);
        g_assert_no_error (error);
      }

      /* MP_BENCH_KEEP=DIR keeps the file, to look at it with sqlite3 */
      if (g_getenv ("MP_BENCH_KEEP") != NULL)
        {
          g_autofree char *name = g_strdup_printf ("open-%s.db", size);
          g_autofree char *kept = g_build_filename (g_getenv ("MP_BENCH_KEEP"), name, NULL);

          g_rename (b.path, kept);
        }

      bench_db_close (&b);
    }

  return 0;
}
