/* test-hub-converge.c: three desks and a hub converge, whatever happens
 *
 * Runs inside pg_virtualenv (tests/hub/with-hub.sh): libpq's PG*
 * variables name a throw-away cluster, and pg_ctlcluster stops it
 * (immediate: the hub killed in the middle of pushes) and starts it.
 *
 * Three SQLite files, each kept in sync by its own MpHub worker, as
 * three computers would be. 1,000 scans go to random desks; in the
 * middle the hub is stopped while the scans go on, and some tickets are
 * scanned at two desks during the cut on purpose. Afterwards the hub and
 * every desk must hold the same check-ins, each exactly once, with the
 * doubles flagged once and counted once, as the test's own log of what
 * each desk answered says.
 */
#include "config.h"

#include <errno.h>
#include <libpq-fe.h>
#include <sys/wait.h>

#include "../mp-test-util.h"
#include "mp-admissions.h"
#include "mp-hub.h"
#include "mp-report.h"

#define N_DESKS    3
#define N_PEOPLE   400
#define N_SCANS    1000
#define CUT_FROM   350
#define CUT_TO     650
#define N_CUT_DOUBLES 20

typedef struct
{
  char     *path;
  MpStore  *store;
  MpHub    *hub;
  char     *name;
} Desk;

static char *tmp;
static Desk desks[N_DESKS];
static gint64 event_id[N_DESKS];   /* the same event, by each desk's own id */

static PGconn *
hub_connect (void)
{
  PGconn *conn = PQconnectdb ("");

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  return conn;
}

static gint64
hub_count_checkins (void)
{
  PGconn *conn = PQconnectdb ("connect_timeout=2");
  gint64 n = -1;

  if (PQstatus (conn) == CONNECTION_OK)
    {
      PGresult *r = PQexec (conn, "SELECT count(*), count(DISTINCT key) FROM moteplass.row WHERE tbl = 'checkin' AND NOT deleted");

      if (PQresultStatus (r) == PGRES_TUPLES_OK)
        {
          n = g_ascii_strtoll (PQgetvalue (r, 0, 0), NULL, 10);
          g_assert_cmpint (n, ==, g_ascii_strtoll (PQgetvalue (r, 0, 1), NULL, 10));
        }
      PQclear (r);
    }
  PQfinish (conn);
  return n;
}

static gint64
local_int (MpStore    *store,
           const char *sql)
{
  sqlite3 *db = _mp_database_get_handle (mp_store_get_database (store));
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static char *
local_text (MpStore    *store,
            const char *sql)
{
  sqlite3 *db = _mp_database_get_handle (mp_store_get_database (store));
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static void
run_or_fail (const char *command)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, &out, &err, &status, NULL));
  if (status != 0)
    g_error ("%s failed: %s%s", command, out, err);
}

static gboolean
all_synced (void)
{
  for (guint d = 0; d < N_DESKS; d++)
    if (mp_hub_get_state (desks[d].hub) != MP_HUB_STATE_SYNCED)
      return FALSE;
  return TRUE;
}

static void
test_converge (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) admitted = g_hash_table_new (g_str_hash, g_str_equal);  /* ticket → count */
  g_autoptr(GPtrArray) cut_doubles = g_ptr_array_new ();
  g_autoptr(GHashTable) uuid_of = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  GPid start_pid = 0;
  guint n_admitted = 0, n_already = 0, next_fresh = 0;
  gint64 deadline;

  g_assert_true (mp_hub_init_schema ("", NULL, NULL, &error));
  g_assert_no_error (error);

  /* desk A: the organiser's database with an event and its registrations */
  for (guint d = 0; d < N_DESKS; d++)
    {
      g_autoptr(MpDatabase) db = NULL;

      desks[d].path = g_strdup_printf ("%s/desk-%c.db", tmp, 'A' + d);
      desks[d].name = g_strdup_printf ("Desk %c", 'A' + d);
      db = mp_database_open (desks[d].path, MP_DATABASE_FLAGS_NONE, &error);
      g_assert_no_error (error);
      desks[d].store = mp_store_new (db);
    }

  event_id[0] = mp_test_add_event (desks[0].store, "Dialogmøte");
  {
    g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
    MpImportCounts counts;

    for (guint i = 0; i < N_PEOPLE; i++)
      {
        MpRegistrationInput *input = g_new0 (MpRegistrationInput, 1);

        input->name = g_strdup_printf ("Person %03u Testesen", i);
        input->email = g_strdup_printf ("p%03u@example.org", i);
        input->organisation = g_strdup_printf ("Org %u", i % 17);
        input->source = MP_REGISTRATION_SOURCE_IMPORT;
        g_ptr_array_add (inputs, input);
      }
    g_assert_true (mp_store_import (desks[0].store, event_id[0], inputs, FALSE, &counts, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    for (guint i = 0; i < inputs->len; i++)
      {
        MpRegistrationInput *input = inputs->pdata[i];

        g_free (input->name);
        g_free (input->email);
        g_free (input->organisation);
      }
  }
  {
    g_autoptr(GPtrArray) all = mp_store_list_attendees (desks[0].store, event_id[0], &error);

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, N_PEOPLE);
    for (guint i = 0; i < all->len; i++)
      {
        char *text = mp_attendee_dup_ticket_text (all->pdata[i]);

        g_ptr_array_add (tickets, text);
        g_hash_table_insert (uuid_of, text, g_strdup (mp_attendee_get_uuid (all->pdata[i])));
      }
  }

  for (guint d = 0; d < N_DESKS; d++)
    {
      MpHubSyncCounts counts;

      g_assert_true (mp_hub_join (mp_store_get_database (desks[d].store), "", desks[d].name, NULL, &counts, &error));
      g_assert_no_error (error);
      if (d > 0)
        {
          g_autoptr(GPtrArray) events = mp_store_list_events (desks[d].store, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (events->len, ==, 1);
          event_id[d] = mp_event_get_id (events->pdata[0]);
        }
      desks[d].hub = mp_hub_new (mp_store_get_database (desks[d].store));
      mp_hub_start (desks[d].hub);
    }
  {
    g_autofree char *uuid_a = local_text (desks[0].store, "SELECT uuid FROM event");
    g_autofree char *uuid_c = local_text (desks[2].store, "SELECT uuid FROM event");

    g_assert_cmpstr (uuid_a, ==, uuid_c);
    g_assert_cmpint (local_int (desks[2].store, "SELECT count(*) FROM registration"), ==, N_PEOPLE);
  }

  /* the scans: random desk, random ticket (many scanned more than once) */
  for (guint s = 0; s < N_SCANS; s++)
    {
      guint d = g_rand_int_range (rand, 0, N_DESKS);
      const char *ticket;
      g_autoptr(MpCheckInResult) result = NULL;
      gboolean cut = s >= CUT_FROM && s < CUT_TO;

      if (s == CUT_FROM)
        run_or_fail ("pg_ctlcluster 15 regress stop -m immediate");
      if (s == CUT_TO)
        {
          char *argv[] = { "pg_ctlcluster", "15", "regress", "start", NULL };

          g_assert_true (g_spawn_async (NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                                        G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                        NULL, NULL, &start_pid, &error));
        }

      /* during the cut, some tickets nobody has scanned go to two desks */
      if (cut && (s - CUT_FROM) % 12 == 0 && cut_doubles->len < N_CUT_DOUBLES)
        {
          const char *fresh = NULL;

          while (fresh == NULL)
            {
              const char *t = tickets->pdata[N_PEOPLE - 1 - next_fresh++];

              if (!g_hash_table_contains (admitted, t))
                fresh = t;
            }
          for (guint k = 0; k < 2; k++)
            {
              g_autoptr(MpCheckInResult) r = mp_store_check_in (desks[(d + k) % N_DESKS].store, event_id[(d + k) % N_DESKS],
                                                                fresh, desks[(d + k) % N_DESKS].name, &error);

              g_assert_no_error (error);
              g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_CHECKED_IN);
              g_hash_table_insert (admitted, (gpointer) fresh,
                                   GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (admitted, fresh)) + 1));
              n_admitted++;
            }
          g_ptr_array_add (cut_doubles, (gpointer) fresh);
        }

      /* the fresh ones are kept for the cut */
      ticket = tickets->pdata[g_rand_int_range (rand, 0, N_PEOPLE - 4 * N_CUT_DOUBLES)];
      result = mp_store_check_in (desks[d].store, event_id[d], ticket, desks[d].name, &error);
      g_assert_no_error (error);
      switch (mp_check_in_result_get_outcome (result))
        {
        case MP_CHECK_IN_CHECKED_IN:
          g_hash_table_insert (admitted, (gpointer) ticket,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (admitted, ticket)) + 1));
          n_admitted++;
          mp_hub_nudge (desks[d].hub);
          break;
        case MP_CHECK_IN_ALREADY:
          n_already++;
          break;
        default:
          g_assert_not_reached ();
        }
      mp_test_spin (2);
    }
  g_test_message ("%u admitted, %u already, %u tickets", n_admitted, n_already, g_hash_table_size (admitted));
  g_assert_cmpuint (n_already, >, 0);
  if (start_pid != 0)
    {
      int status = 0;

      /* pg_ctlcluster start has returned by now or soon */
      while (waitpid (start_pid, &status, 0) < 0 && errno == EINTR)
        ;
      g_spawn_close_pid (start_pid);
    }

  /* converge by themselves: the workers find the hub back */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  for (;;)
    {
      gboolean same = all_synced () && hub_count_checkins () == n_admitted;

      for (guint d = 0; same && d < N_DESKS; d++)
        same = local_int (desks[d].store, "SELECT count(*) FROM checkin") == n_admitted;
      if (same)
        break;
      if (g_get_monotonic_time () > deadline)
        {
          for (guint d = 0; d < N_DESKS; d++)
            {
              g_autofree char *why = mp_hub_dup_last_error (desks[d].hub);

              g_test_message ("desk %u: state %d, waiting %u, %" G_GINT64_FORMAT " check-ins, %s", d,
                              mp_hub_get_state (desks[d].hub), mp_hub_get_waiting (desks[d].hub),
                              local_int (desks[d].store, "SELECT count(*) FROM checkin"), why);
            }
          g_test_message ("hub: %" G_GINT64_FORMAT " check-ins, expected %u", hub_count_checkins (), n_admitted);
          g_assert_not_reached ();
        }
      mp_test_spin (50);
    }

  /* the same check-ins everywhere, each exactly once */
  {
    PGconn *conn = hub_connect ();
    PGresult *r = PQexec (conn, "SELECT string_agg (key, ',' ORDER BY key) FROM moteplass.row WHERE tbl = 'checkin' AND NOT deleted");
    g_autofree char *on_hub = NULL;

    g_assert_cmpint (PQresultStatus (r), ==, PGRES_TUPLES_OK);
    on_hub = g_strdup (PQgetvalue (r, 0, 0));
    PQclear (r);
    PQfinish (conn);

    for (guint d = 0; d < N_DESKS; d++)
      {
        g_autofree char *here = local_text (desks[d].store, "SELECT group_concat (uuid, ',') FROM (SELECT uuid FROM checkin ORDER BY uuid)");
        g_autofree char *integrity = local_text (desks[d].store, "PRAGMA integrity_check");

        g_assert_cmpstr (here, ==, on_hub);
        g_assert_cmpint (local_int (desks[d].store, "SELECT count(DISTINCT uuid) FROM checkin"), ==, n_admitted);
        g_assert_cmpstr (integrity, ==, "ok");
      }
  }

  /* counted once; the doubles flagged, the same ones on every desk */
  {
    guint expected_doubles = n_admitted - g_hash_table_size (admitted);
    g_autofree char *first_list = NULL;

    for (guint d = 0; d < N_DESKS; d++)
      {
        g_autoptr(GPtrArray) twice = mp_store_list_double_admissions (desks[d].store, event_id[d], &error);
        g_autoptr(GString) list = g_string_new (NULL);
        g_autoptr(MpReport) report = NULL;
        MpEventCounts counts;
        guint curve = 0;

        g_assert_no_error (error);
        g_assert_cmpuint (twice->len, ==, expected_doubles);
        for (guint i = 0; i < twice->len; i++)
          {
            MpDoubleAdmission *a = twice->pdata[i];

            g_string_append_printf (list, "%s|%s|%" G_GINT64_FORMAT "|%s;", a->name, a->desk, a->at, a->first_desk);
          }
        if (d == 0)
          first_list = g_strdup (list->str);
        else
          g_assert_cmpstr (list->str, ==, first_list);

        /* every ticket scanned at two desks during the cut: flagged once */
        for (guint i = 0; i < cut_doubles->len; i++)
          {
            g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM checkin c JOIN registration r ON r.id = c.registration_id"
                                                    " WHERE r.uuid = '%s'", (char *) g_hash_table_lookup (uuid_of, cut_doubles->pdata[i]));
            guint flagged = 0;

            g_assert_cmpint (local_int (desks[d].store, sql), ==, 2);
            for (guint k = 0; k < twice->len; k++)
              {
                g_autoptr(MpAttendee) a = mp_store_get_attendee (desks[d].store, ((MpDoubleAdmission *) twice->pdata[k])->registration_id, NULL);

                if (g_str_equal (mp_attendee_get_uuid (a), g_hash_table_lookup (uuid_of, cut_doubles->pdata[i])))
                  flagged++;
              }
            g_assert_cmpuint (flagged, ==, 1);
          }

        g_assert_true (mp_store_get_counts (desks[d].store, event_id[d], &counts, &error));
        g_assert_cmpuint (counts.arrived, ==, g_hash_table_size (admitted));

        report = mp_report_new_for_event (desks[d].store, event_id[d], &error);
        g_assert_no_error (error);
        for (guint i = 0; i < mp_report_get_n_arrival_buckets (report); i++)
          curve += mp_report_get_arrival_bucket (report, i)->arrivals;
        g_assert_cmpuint (curve, ==, g_hash_table_size (admitted));
        g_assert_cmpuint (mp_report_get_counts (report)->arrived, ==, g_hash_table_size (admitted));
      }
    g_test_message ("%u admitted twice (%u on purpose during the cut)", expected_doubles, cut_doubles->len);
    g_assert_cmpuint (expected_doubles, >=, N_CUT_DOUBLES);
  }

  for (guint d = 0; d < N_DESKS; d++)
    {
      mp_hub_stop (desks[d].hub);
      g_clear_object (&desks[d].hub);
      g_clear_object (&desks[d].store);
      g_free (desks[d].path);
      g_free (desks[d].name);
    }
}

int
main (int    argc,
      char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  tmp = g_dir_make_tmp ("mp-hub-XXXXXX", NULL);
  g_test_add_func ("/hub/converge-through-a-cut", test_converge);
  rc = g_test_run ();
  mp_test_remove_tree (tmp);
  g_free (tmp);
  return rc;
}
