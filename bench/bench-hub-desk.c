/* One desk of the hub benchmarks (bench/bench-hub.sh runs many).
 *
 *   bench-hub-desk DB DESK RATE SECONDS OUT [SCANS]
 *
 * DB is a database already joined to a hub. The desk keeps it in sync
 * with an MpHub worker in this process, as the window does, and scans
 * RATE random tickets a second for SECONDS (or SCANS scans, when given),
 * each through mp_store_check_in () as the door does. It writes OUT.scan
 * (per scan: wall-clock µs it took, the door's answer included; this
 * thread's CPU µs in it; 1 if it waited for another connection's write
 * lock), OUT.commit
 * (UUID and wall-clock µs of each check-in it committed) and OUT.seen
 * (UUID and wall-clock µs at which a check-in made elsewhere was first
 * here: when the worker says it applied rows from the hub, as the window
 * hears it, so the desk would have answered "already").
 * It goes on watching for 3 s after its last scan.
 */
#include "config.h"

#include <glib-unix.h>
#include <stdio.h>
#include <time.h>

#include "mp-database-private.h"
#include "mp-hub.h"
#include "mp-store.h"

static gint64
wall_us (void)
{
  return g_get_real_time ();
}

typedef struct
{
  MpStore      *store;
  MpHub        *hub;
  gint64        event_id;
  const char   *desk;
  GPtrArray    *tickets;
  GRand        *rand;
  guint         max_scans;
  guint         n_scans;
  FILE         *scan_out, *commit_out, *seen_out;
  sqlite3_stmt *seen_stmt, *uuid_stmt;
  gint64        last_id;
  GMainLoop    *loop;
  gint64        end;
  guint         period_ms;
} Run;

static gboolean
quit_now (gpointer data)
{
  g_main_loop_quit (((Run *) data)->loop);
  return G_SOURCE_REMOVE;
}

/* It goes on watching for 3 s after its last scan. */
static gboolean
stop_soon (gpointer data)
{
  g_timeout_add (3000, quit_now, data);
  return G_SOURCE_REMOVE;
}

static void
on_arrived (MpHub   *hub,
            guint    n,
            gpointer data)
{
  Run *run = data;
  gint64 now = wall_us ();

  sqlite3_bind_int64 (run->seen_stmt, 1, run->last_id);
  while (sqlite3_step (run->seen_stmt) == SQLITE_ROW)
    {
      run->last_id = sqlite3_column_int64 (run->seen_stmt, 0);
      if (g_strcmp0 ((const char *) sqlite3_column_text (run->seen_stmt, 2), run->desk) != 0)
        fprintf (run->seen_out, "%s\t%" G_GINT64_FORMAT "\n", sqlite3_column_text (run->seen_stmt, 1), now);
    }
  sqlite3_reset (run->seen_stmt);
}

/* The same waits as mp-database.c's handler, counted: how many scans met
 * another connection's write lock (the worker's). */
static guint busy_calls;
static gint64 busy_since;

static int
counting_busy_wait (void *data,
                    int   count)
{
  gint64 now = g_get_monotonic_time ();

  if (count == 0)
    {
      busy_since = now;
      busy_calls++;
    }
  if (now - busy_since >= 3 * G_USEC_PER_SEC)
    return 0;
  g_usleep (now - busy_since < 2000 ? 50 : 1000);
  return 1;
}

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
scan (gpointer data)
{
  Run *run = data;
  /* with SCANS, each a different ticket: every scan a check-in */
  const char *ticket = run->max_scans != G_MAXUINT ? run->tickets->pdata[run->n_scans % run->tickets->len]
                                                   : run->tickets->pdata[g_rand_int_range (run->rand, 0, run->tickets->len)];
  g_autoptr(MpCheckInResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint waits_before = busy_calls;
  gint64 c0 = thread_cpu_us ();
  gint64 t0 = g_get_monotonic_time (), took;

  result = mp_store_check_in (run->store, run->event_id, ticket, run->desk, &error);
  took = g_get_monotonic_time () - t0;
  g_assert_no_error (error);
  /* wall µs, this thread's CPU µs, whether it waited for the write lock */
  fprintf (run->scan_out, "%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%u\n",
           took, thread_cpu_us () - c0, busy_calls != waits_before);
  run->n_scans++;
  if (mp_check_in_result_get_outcome (result) == MP_CHECK_IN_CHECKED_IN)
    {
      gint64 committed = wall_us ();   /* the door has answered */

      mp_hub_nudge (run->hub);
      sqlite3_bind_int64 (run->uuid_stmt, 1, mp_check_in_result_get_checkin_id (result));
      if (sqlite3_step (run->uuid_stmt) == SQLITE_ROW)
        fprintf (run->commit_out, "%s\t%" G_GINT64_FORMAT "\n", sqlite3_column_text (run->uuid_stmt, 0), committed);
      sqlite3_reset (run->uuid_stmt);
    }

  if (run->n_scans >= run->max_scans || g_get_monotonic_time () >= run->end)
    {
      stop_soon (run);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
start_scanning (gpointer data)
{
  Run *run = data;

  if (scan (run))
    g_timeout_add (run->period_ms, scan, run);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpHub) hub = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new ();
  g_autofree char *scan_path = NULL, *commit_path = NULL, *seen_path = NULL;
  FILE *scan_out, *commit_out, *seen_out;
  const char *desk;
  double rate;
  gint64 event_id, last_id = 0;
  guint max_scans;
  sqlite3_stmt *seen_stmt = NULL, *uuid_stmt = NULL;

  if (argc < 6)
    {
      g_printerr ("usage: bench-hub-desk DB DESK RATE SECONDS OUT [SCANS]\n");
      return 2;
    }
  desk = argv[2];
  rate = g_ascii_strtod (argv[3], NULL);
  max_scans = argc > 6 ? (guint) atoi (argv[6]) : G_MAXUINT;
  scan_path = g_strconcat (argv[5], ".scan", NULL);
  commit_path = g_strconcat (argv[5], ".commit", NULL);
  seen_path = g_strconcat (argv[5], ".seen", NULL);

  db = mp_database_open (argv[1], MP_DATABASE_FLAGS_MUST_EXIST, &error);
  g_assert_no_error (error);
  store = mp_store_new (db);
  sqlite3_busy_handler (_mp_database_get_handle (db), counting_busy_wait, NULL);
  events = mp_store_list_events (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, >, 0);
  event_id = mp_event_get_id (events->pdata[0]);
  {
    g_autoptr(GPtrArray) all = mp_store_list_attendees (store, event_id, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < all->len; i++)
      g_ptr_array_add (tickets, mp_attendee_dup_ticket_text (all->pdata[i]));
    for (guint i = tickets->len - 1; i > 0; i--)
      {
        guint j = g_rand_int_range (rand, 0, i + 1);
        gpointer t = tickets->pdata[i];

        tickets->pdata[i] = tickets->pdata[j];
        tickets->pdata[j] = t;
      }
  }
  g_assert_cmpint (sqlite3_prepare_v2 (_mp_database_get_handle (db),
                                       "SELECT id, uuid, desk FROM checkin WHERE id > ? ORDER BY id", -1, &seen_stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (_mp_database_get_handle (db),
                                       "SELECT uuid FROM checkin WHERE id = ?", -1, &uuid_stmt, NULL), ==, SQLITE_OK);
  {
    sqlite3_stmt *top = NULL;

    sqlite3_prepare_v2 (_mp_database_get_handle (db), "SELECT coalesce (max (id), 0) FROM checkin", -1, &top, NULL);
    sqlite3_step (top);
    last_id = sqlite3_column_int64 (top, 0);
    sqlite3_finalize (top);
  }

  scan_out = fopen (scan_path, "w");
  commit_out = fopen (commit_path, "w");
  seen_out = fopen (seen_path, "w");
  g_assert_nonnull (scan_out);
  g_assert_nonnull (commit_out);
  g_assert_nonnull (seen_out);
  /* the watcher is stopped with SIGTERM: what it saw is written */
  setvbuf (scan_out, NULL, _IOLBF, 0);
  setvbuf (commit_out, NULL, _IOLBF, 0);
  setvbuf (seen_out, NULL, _IOLBF, 0);

  /* MP_BENCH_NO_HUB=1: the same desk without its worker, the yardstick */
  hub = mp_hub_new (db);
  if (g_getenv ("MP_BENCH_NO_HUB") == NULL)
    {
      mp_hub_start (hub);
      /* until the worker is online */
      while (mp_hub_get_state (hub) != MP_HUB_STATE_SYNCED && mp_hub_get_state (hub) != MP_HUB_STATE_WAITING)
        g_main_context_iteration (NULL, TRUE);
    }

  {
    Run run = {
      .store = store, .hub = hub, .event_id = event_id, .desk = desk, .tickets = tickets, .rand = rand,
      .max_scans = max_scans, .scan_out = scan_out, .commit_out = commit_out, .seen_out = seen_out,
      .seen_stmt = seen_stmt, .uuid_stmt = uuid_stmt, .last_id = last_id,
      .loop = g_main_loop_new (NULL, FALSE),
      .end = g_get_monotonic_time () + (gint64) (g_ascii_strtod (argv[4], NULL) * G_USEC_PER_SEC),
      .period_ms = rate > 0 ? (guint) (1000 / rate) : 0,
    };

    /* arrivals are looked for when the worker says it applied some */
    g_signal_connect (hub, "changes-arrived", G_CALLBACK (on_arrived), &run);
    if (rate > 0)
      /* desks do not scan in step */
      g_timeout_add (g_rand_int_range (rand, 1, run.period_ms + 1), start_scanning, &run);
    else
      g_timeout_add ((guint) (g_ascii_strtod (argv[4], NULL) * 1000), stop_soon, &run);
    g_unix_signal_add (SIGTERM, quit_now, &run);
    g_main_loop_run (run.loop);
    g_main_loop_unref (run.loop);
  }

  mp_hub_stop (hub);
  sqlite3_finalize (seen_stmt);
  sqlite3_finalize (uuid_stmt);
  fclose (scan_out);
  fclose (commit_out);
  fclose (seen_out);
  return 0;
}
