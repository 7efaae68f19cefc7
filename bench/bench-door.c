/* The door: check-in latency (durable commit included) and name-search
 * latency, at 1,000, 10,000 and 100,000 registrations.
 *
 *   bench-door [--sizes 1000,10000,100000] [--scans 10000] [--queries 1000]
 *              [--hub-triggers] [--other-desk]
 *
 * --hub-triggers: the database as a desk linked to a hub has it, with the
 * triggers that log every change for the hub (mp-hub-tables.c).
 * --other-desk: before every timed scan, a second connection to the same
 * file (another desk, the hub's worker applying a pulled check-in, the
 * CLI) checks another ticket in and commits; half the tickets are its.
 */
#include "config.h"

#include <string.h>

#include "bench-util.h"
#include "mp-hub-private.h"
#include "mp-text.h"

static void
bench_check_in (BenchDb *b,
                guint    n_registrations,
                guint    n_scans,
                gboolean other_desk)
{
  g_autoptr(MpDatabase) other_db = NULL;
  g_autoptr(MpStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = mp_store_list_attendees (b->store, b->event_id, &error);
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) again = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint n = MIN (n_scans, attendees->len);

  g_assert_no_error (error);
  if (other_desk)
    {
      n = MIN (n_scans, attendees->len / 2);
      other_db = mp_database_open (mp_database_get_path (mp_store_get_database (b->store)),
                                   MP_DATABASE_FLAGS_NONE, &error);
      g_assert_no_error (error);
      other = mp_store_new (other_db);
    }

  /* a random order of distinct tickets: each scan is a real check-in */
  for (guint i = attendees->len - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      gpointer t = attendees->pdata[i];
      attendees->pdata[i] = attendees->pdata[j];
      attendees->pdata[j] = t;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = mp_attendee_dup_ticket_text (g_ptr_array_index (attendees, i));
      g_autoptr(MpCheckInResult) r = NULL;
      double t0, ms;

      if (other != NULL)
        {
          g_autofree char *their = mp_attendee_dup_ticket_text (g_ptr_array_index (attendees, attendees->len - 1 - i));
          g_autoptr(MpCheckInResult) o = mp_store_check_in (other, b->event_id, their, "Desk 3", &error);

          g_assert_no_error (error);
          g_assert_cmpint (mp_check_in_result_get_outcome (o), ==, MP_CHECK_IN_CHECKED_IN);
        }

      t0 = bench_now_ms ();
      r = mp_store_check_in (b->store, b->event_id, text, "Desk 1", &error);
      ms = bench_now_ms () - t0;

      g_assert_no_error (error);
      g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_CHECKED_IN);
      {
        MpEventCounts counts;

        g_assert_true (mp_check_in_result_get_counts (r, &counts));
        g_assert_cmpint (counts.arrived, ==, (other != NULL ? 2 : 1) * (i + 1));
      }
      g_array_append_val (first, ms);
    }

  /* the same tickets again: "already checked in", nothing written */
  for (guint i = 0; i < MIN (n, 1000u); i++)
    {
      g_autofree char *text = mp_attendee_dup_ticket_text (g_ptr_array_index (attendees, i));
      double t0 = bench_now_ms ();
      g_autoptr(MpCheckInResult) r = mp_store_check_in (b->store, b->event_id, text, "Desk 2", &error);
      double ms = bench_now_ms () - t0;

      g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_ALREADY);
      g_array_append_val (again, ms);
    }

  g_print ("checkin%s registrations=%u scans=%u median=%.3fms p99=%.3fms max=%.3fms (p95=%.3f p98=%.3f p99.5=%.3f)\n",
           other != NULL ? "-beside-other-desk" : "", n_registrations, n,
           bench_quantile (first, 0.5), bench_quantile (first, 0.99),
           bench_quantile (first, 1.0), bench_quantile (first, 0.95), bench_quantile (first, 0.98),
           bench_quantile (first, 0.995));
  g_print ("checkin-already registrations=%u scans=%u median=%.3fms p99=%.3fms\n",
           n_registrations, again->len,
           bench_quantile (again, 0.5), bench_quantile (again, 0.99));
}

/* Queries as typed at a desk: the first 1-4 letters of a name or an
 * organisation, often without the Norwegian letters or in capitals. */
static char *
make_query (GRand      *rand,
            GPtrArray  *attendees)
{
  MpAttendee *a = g_ptr_array_index (attendees, g_rand_int_range (rand, 0, attendees->len));
  const char *source = g_rand_int_range (rand, 0, 4) == 0 ? mp_attendee_get_organisation (a)
                                                         : mp_attendee_get_name (a);
  g_auto(GStrv) words = g_strsplit (source[0] ? source : mp_attendee_get_name (a), " ", -1);
  const char *word = words[g_rand_int_range (rand, 0, g_strv_length (words))];
  glong len = MIN (g_utf8_strlen (word, -1), g_rand_int_range (rand, 1, 5));
  g_autofree char *prefix = g_utf8_substring (word, 0, len);
  int style = g_rand_int_range (rand, 0, 3);

  if (style == 0)
    return g_utf8_strdown (prefix, -1);
  if (style == 1)
    return mp_text_fold (prefix); /* typed without æ ø å */
  return g_steal_pointer (&prefix);
}

static void
bench_search (BenchDb *b,
              guint    n_registrations,
              guint    n_queries)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = mp_store_list_attendees (b->store, b->event_id, &error);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(MpAttendeeIndex) index = NULL;
  double t0, build_ms;
  guint64 total_hits = 0;

  /* the first search builds the index; measured on its own */
  t0 = bench_now_ms ();
  index = mp_store_get_attendee_index (b->store, b->event_id, &error);
  build_ms = bench_now_ms () - t0;
  g_assert_no_error (error);

  for (guint i = 0; i < n_queries; i++)
    {
      g_autofree char *query = make_query (rand, attendees);
      g_autoptr(GPtrArray) hits = NULL;
      double ms;

      t0 = bench_now_ms ();
      hits = mp_store_search (b->store, b->event_id, query, 50, &error);
      ms = bench_now_ms () - t0;
      g_assert_no_error (error);
      g_assert_cmpuint (hits->len, >, 0);
      total_hits += hits->len;
      g_array_append_val (samples, ms);
    }

  g_print ("search registrations=%u queries=%u median=%.3fms p99=%.3fms max=%.3fms mean-hits=%.1f index-build=%.1fms\n",
           n_registrations, n_queries,
           bench_quantile (samples, 0.5), bench_quantile (samples, 0.99),
           bench_quantile (samples, 1.0), (double) total_hits / n_queries, build_ms);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sizes = g_strdup ("1000,10000,100000");
  int scans = 10000, queries = 1000;
  gboolean hub_triggers = FALSE, other_desk = FALSE;
  GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes, "Registration counts", "N,N,..." },
    { "scans", 0, 0, G_OPTION_ARG_INT, &scans, "Check-ins per size", "N" },
    { "queries", 0, 0, G_OPTION_ARG_INT, &queries, "Searches per size", "N" },
    { "hub-triggers", 0, 0, G_OPTION_ARG_NONE, &hub_triggers, "With the hub's capture triggers", NULL },
    { "other-desk", 0, 0, G_OPTION_ARG_NONE, &other_desk, "Another connection writes before every scan", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(GStrv) list = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, NULL))
    return 2;

  list = g_strsplit (sizes, ",", -1);
  for (guint i = 0; list[i] != NULL; i++)
    {
      guint n = atoi (list[i]);
      BenchDb b;
      double t0 = bench_now_ms ();

      bench_db_open (&b, n);
      g_print ("setup registrations=%u import=%.0fms\n", n, bench_now_ms () - t0);
      if (hub_triggers)
        {
          g_autoptr(GError) error = NULL;

          g_assert_true (_mp_hub_install_capture (mp_store_get_database (b.store), &error));
          g_print ("with the hub's capture triggers\n");
        }
      bench_search (&b, n, queries);
      bench_check_in (&b, n, scans, other_desk);
      bench_db_close (&b);
    }

  return 0;
}
