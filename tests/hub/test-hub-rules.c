/* test-hub-rules.c: the hub's rules that decide what a desk holds
 *
 * Runs inside pg_virtualenv (tests/hub/with-hub.sh). Desks are SQLite
 * files in one process, synced round by round with mp_hub_sync (): two
 * desks "apart" are desks that did not sync.
 *
 * - A desk joined for one event holds that event's people and their
 *   organisations only, and gets a known person registered for it later.
 * - The same known person registered for the same event at two desks
 *   apart: one registration everywhere, the earlier, with both desks'
 *   check-ins (admitted twice, counted once), on a desk joining later too.
 * - A dietary need edited at a desk offline while the person was erased
 *   elsewhere: blank on the hub and on that desk, in no file's bytes.
 * - TLS: sslmode=require and verify-full against the hub with ssl on.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <string.h>
#include <unistd.h>

#include "../mp-test-util.h"
#include "mp-admissions.h"
#include "mp-hub.h"
#include "mp-registration-edit.h"

static char *tmp;
static guint n_databases;

typedef struct
{
  char       *path;
  MpDatabase *db;
  MpStore    *store;
} Desk;

static void
mp_registration_input_free_test (MpRegistrationInput *input)
{
  g_free (input->name);
  g_free (input->email);
  g_free (input->organisation);
  g_free (input);
}

static Desk *
desk_new (const char *name)
{
  Desk *desk = g_new0 (Desk, 1);
  g_autoptr(GError) error = NULL;

  desk->path = g_strdup_printf ("%s/%s-%u.db", tmp, name, n_databases++);
  desk->db = mp_database_open (desk->path, MP_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  desk->store = mp_store_new (desk->db);
  return desk;
}

static void
desk_free (Desk *desk)
{
  g_clear_object (&desk->store);
  g_clear_object (&desk->db);
  g_free (desk->path);
  g_free (desk);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Desk, desk_free)

/* A hub of its own for each test: a database of the cluster. */
static char *
new_hub (void)
{
  static guint n;
  PGconn *conn = PQconnectdb ("");
  g_autofree char *name = g_strdup_printf ("hub_rules_%u", n++);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", name);
  g_autoptr(GError) error = NULL;
  char *conninfo;
  PGresult *r;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  r = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (r), ==, PGRES_COMMAND_OK);
  PQclear (r);
  PQfinish (conn);

  conninfo = g_strdup_printf ("dbname=%s", name);
  g_assert_true (mp_hub_init_schema (conninfo, NULL, NULL, &error));
  g_assert_no_error (error);
  return conninfo;
}

static void
join (Desk              *desk,
      const char        *hub,
      const char        *name,
      const char *const *events)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_hub_join (desk->db, hub, name, events, NULL, &error));
  g_assert_no_error (error);
}

static void
sync_desk (Desk *desk)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_hub_sync (desk->db, NULL, &error));
  g_assert_no_error (error);
}

static gint64
local_int (Desk       *desk,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (_mp_database_get_handle (desk->db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static char *
local_text (Desk       *desk,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (_mp_database_get_handle (desk->db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static char *
hub_text (const char *hub,
          const char *sql)
{
  PGconn *conn = PQconnectdb (hub);
  PGresult *r;
  char *text;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  r = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (r), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (r), ==, 1);
  text = PQgetisnull (r, 0, 0) ? NULL : g_strdup (PQgetvalue (r, 0, 0));
  PQclear (r);
  PQfinish (conn);
  return text;
}

static char *
event_uuid (Desk   *desk,
            gint64  event_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEvent) event = mp_store_get_event (desk->store, event_id, &error);

  g_assert_no_error (error);
  return g_strdup (mp_event_get_uuid (event));
}

/* ---- join --event ---- */

static void
test_one_event_its_people (void)
{
  g_autofree char *hub = new_hub ();
  g_autoptr(Desk) office = desk_new ("office");
  g_autoptr(Desk) door = desk_new ("door");
  g_autoptr(GError) error = NULL;
  gint64 here = mp_test_add_event (office->store, "Dialogmøte i Molde");
  gint64 elsewhere = mp_test_add_event (office->store, "Frokostmøte i Ålesund");
  g_autoptr(MpAttendee) kari = mp_test_register (office->store, here, "Kari Sørensen", "kari@molde.kommune.no", "Molde kommune", "Kommune");
  g_autoptr(MpAttendee) ola = mp_test_register (office->store, here, "Ola Nordmann", "ola@nav.no", "NAV Molde", "NAV");
  g_autoptr(MpAttendee) ola2 = mp_test_register (office->store, elsewhere, "Ola Nordmann", "ola@nav.no", "NAV Molde", "NAV");
  g_autoptr(MpAttendee) aase = mp_test_register (office->store, elsewhere, "Åse Åsen", "aase@rodekors.no", "Røde Kors Ålesund", "Frivillig organisasjon");
  g_autoptr(MpAttendee) per = mp_test_register (office->store, elsewhere, "Per Hansen", "per@sparebanken.no", "Sparebanken Møre", "Næringsliv");
  g_autofree char *here_uuid = event_uuid (office, here);
  const char *events[] = { here_uuid, NULL };

  join (office, hub, "Kontoret", NULL);
  join (door, hub, "Inngang 1", events);

  /* the event, its two people, their two organisations: nothing of the other */
  g_assert_cmpint (local_int (door, "SELECT count (*) FROM event"), ==, 1);
  g_assert_cmpint (local_int (door, "SELECT count (*) FROM registration"), ==, 2);
  g_assert_cmpint (local_int (door, "SELECT count (*) FROM person"), ==, 2);
  g_assert_cmpint (local_int (door, "SELECT count (*) FROM person WHERE name IN ('Kari Sørensen', 'Ola Nordmann')"), ==, 2);
  g_assert_cmpint (local_int (door, "SELECT count (*) FROM organisation"), ==, 2);
  g_assert_cmpint (local_int (door, "SELECT count (*) FROM organisation WHERE name IN ('Molde kommune', 'NAV Molde')"), ==, 2);
  g_assert_cmpint (local_int (door, "SELECT skipped FROM hub_state"), ==, 0);

  /* Åse, known at the office (and her organisation, changed long ago),
   * registered for this event now: she comes, with it */
  {
    MpRegistrationInput input = { .name = "Åse Åsen", .email = "aase@rodekors.no", .organisation = "Røde Kors Ålesund",
                                  .source = MP_REGISTRATION_SOURCE_MANUAL };
    g_autoptr(MpAttendee) again = mp_store_register (office->store, here, &input, &error);

    g_assert_no_error (error);
    g_assert_cmpint (mp_attendee_get_person_id (again), ==, mp_attendee_get_person_id (aase));
  }
  /* Ola's phone changes (he is here), Per's name (he is not) */
  g_assert_true (_mp_database_exec (office->db, "UPDATE person SET phone = '+47 912 34 567' WHERE email = 'ola@nav.no';"
                                                "UPDATE person SET name = 'Per Hansen-Berg' WHERE email = 'per@sparebanken.no'", NULL));
  sync_desk (office);
  sync_desk (door);
  g_assert_cmpint (local_int (door, "SELECT count (*) FROM registration"), ==, 3);
  g_assert_cmpint (local_int (door, "SELECT count (*) FROM person"), ==, 3);
  g_assert_cmpint (local_int (door, "SELECT count (*) FROM person p JOIN organisation o ON o.id = p.organisation_id"
                                    " WHERE p.name = 'Åse Åsen' AND o.name = 'Røde Kors Ålesund'"), ==, 1);
  g_assert_cmpint (local_int (door, "SELECT count (*) FROM person WHERE phone = '+47 912 34 567'"), ==, 1);
  g_assert_cmpint (local_int (door, "SELECT count (*) FROM person WHERE name LIKE 'Per%'"), ==, 0);
  g_assert_cmpint (local_int (door, "SELECT count (*) FROM organisation"), ==, 3);
  g_assert_cmpint (local_int (door, "SELECT skipped FROM hub_state"), ==, 0);
  /* nothing admitted twice: the event page need not look */
  g_assert_false (mp_store_may_have_double_admissions (door->store));
  (void) kari; (void) ola; (void) ola2; (void) per;
}

static void
import_people (Desk       *desk,
               gint64      event_id,
               const char *prefix,
               guint       n)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_registration_input_free_test);
  g_autoptr(GError) error = NULL;
  MpImportCounts counts;

  for (guint i = 0; i < n; i++)
    {
      MpRegistrationInput *input = g_new0 (MpRegistrationInput, 1);

      input->name = g_strdup_printf ("%s %05u Testesen", prefix, i);
      input->email = g_strdup_printf ("%s%05u@example.org", prefix, i);
      input->organisation = g_strdup_printf ("%s organisasjon %u", prefix, i % 40);
      input->source = MP_REGISTRATION_SOURCE_IMPORT;
      g_ptr_array_add (inputs, input);
    }
  g_assert_true (mp_store_import (desk->store, event_id, inputs, FALSE, &counts, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* More than a page (5,000 rows) of the event's people: the paged pull
 * limits them as the quick one does. */
static void
test_one_event_paged (void)
{
  g_autofree char *hub = new_hub ();
  g_autoptr(Desk) office = desk_new ("office");
  g_autoptr(Desk) door = desk_new ("door");
  gint64 here = mp_test_add_event (office->store, "Konferanse");
  gint64 elsewhere = mp_test_add_event (office->store, "Seminar");
  g_autofree char *here_uuid = event_uuid (office, here);
  const char *events[] = { here_uuid, NULL };

  import_people (office, here, "Her", 6000);
  import_people (office, elsewhere, "Der", 300);
  join (office, hub, "Kontoret", NULL);
  join (door, hub, "Inngang 1", events);

  g_assert_cmpint (local_int (door, "SELECT count (*) FROM registration"), ==, 6000);
  g_assert_cmpint (local_int (door, "SELECT count (*) FROM person"), ==, 6000);
  g_assert_cmpint (local_int (door, "SELECT count (*) FROM person WHERE name LIKE 'Der %'"), ==, 0);
  g_assert_cmpint (local_int (door, "SELECT count (*) FROM organisation"), ==, 40);
  g_assert_cmpint (local_int (door, "SELECT skipped FROM hub_state"), ==, 0);
}

/* ---- one person, one event, two desks apart ---- */

static void
test_registered_twice_apart (void)
{
  g_autofree char *hub = new_hub ();
  g_autoptr(Desk) a = desk_new ("a");
  g_autoptr(Desk) b = desk_new ("b");
  g_autoptr(Desk) c = desk_new ("c");
  g_autoptr(GError) error = NULL;
  gint64 before = mp_test_add_event (a->store, "Seminar i fjor");
  gint64 event_a = mp_test_add_event (a->store, "Dialogmøte");
  g_autoptr(MpAttendee) known = mp_test_register (a->store, before, "Kari Sørensen", "kari@molde.kommune.no", "Molde kommune", "Kommune");
  g_autoptr(MpAttendee) at_a = NULL;
  g_autoptr(MpAttendee) at_b = NULL;
  g_autofree char *ticket_a = NULL;
  g_autofree char *ticket_b = NULL;
  g_autofree char *earlier = NULL;
  gint64 event_b;

  join (a, hub, "Desk A", NULL);
  join (b, hub, "Desk B", NULL);
  event_b = local_int (b, "SELECT id FROM event WHERE title = 'Dialogmøte'");

  /* apart: each registers Kari (known to both) for the event, and
   * checks her in; B's registration is the earlier */
  {
    MpRegistrationInput input = { .name = "Kari Sørensen", .email = "kari@molde.kommune.no",
                                  .source = MP_REGISTRATION_SOURCE_DESK };

    at_a = mp_store_register (a->store, event_a, &input, &error);
    g_assert_no_error (error);
    at_b = mp_store_register (b->store, event_b, &input, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpstr (mp_attendee_get_uuid (at_a), !=, mp_attendee_get_uuid (at_b));
  g_assert_true (_mp_database_exec (b->db, "UPDATE registration SET created_at = created_at - 300"
                                           " WHERE uuid = (SELECT uuid FROM registration ORDER BY id DESC LIMIT 1)", NULL));
  earlier = g_strdup (mp_attendee_get_uuid (at_b));
  ticket_a = mp_attendee_dup_ticket_text (at_a);
  ticket_b = mp_attendee_dup_ticket_text (at_b);
  {
    g_autoptr(MpCheckInResult) r1 = mp_store_check_in (a->store, event_a, ticket_a, "Desk A", &error);
    g_autoptr(MpCheckInResult) r2 = mp_store_check_in (b->store, event_b, ticket_b, "Desk B", &error);

    g_assert_no_error (error);
    g_assert_cmpint (mp_check_in_result_get_outcome (r1), ==, MP_CHECK_IN_CHECKED_IN);
    g_assert_cmpint (mp_check_in_result_get_outcome (r2), ==, MP_CHECK_IN_CHECKED_IN);
  }

  /* together again, in either order */
  sync_desk (a);
  sync_desk (b);
  sync_desk (a);
  sync_desk (b);
  join (c, hub, "Desk C", NULL);

  {
    Desk *desks[] = { a, b, c };

    for (guint d = 0; d < G_N_ELEMENTS (desks); d++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT r.uuid FROM registration r JOIN event e ON e.id = r.event_id"
                                                " WHERE e.title = 'Dialogmøte'");
        g_autofree char *kept = local_text (desks[d], sql);
        gint64 event = local_int (desks[d], "SELECT id FROM event WHERE title = 'Dialogmøte'");
        g_autoptr(GPtrArray) twice = mp_store_list_double_admissions (desks[d]->store, event, &error);
        MpEventCounts counts;

        g_test_message ("desk %u", d);
        g_assert_no_error (error);
        /* one registration: the earlier, B's */
        g_assert_cmpint (local_int (desks[d], "SELECT count (*) FROM registration r JOIN event e ON e.id = r.event_id"
                                              " WHERE e.title = 'Dialogmøte'"), ==, 1);
        g_assert_cmpstr (kept, ==, earlier);
        /* both admissions on it: counted once, the second flagged */
        g_assert_cmpint (local_int (desks[d], "SELECT count (*) FROM checkin"), ==, 2);
        g_assert_cmpint (local_int (desks[d], "SELECT count (DISTINCT registration_id) FROM checkin"), ==, 1);
        g_assert_true (mp_store_get_counts (desks[d]->store, event, &counts, &error));
        g_assert_cmpuint (counts.arrived, ==, 1);
        g_assert_cmpuint (counts.registered, ==, 1);
        g_assert_cmpuint (twice->len, ==, 1);
        g_assert_true (mp_store_may_have_double_admissions (desks[d]->store));
        g_assert_cmpint (local_int (desks[d], "SELECT skipped FROM hub_state"), ==, 0);
        /* the ticket of the registration that stays: already checked in */
        {
          g_autoptr(MpCheckInResult) again = mp_store_check_in (desks[d]->store, event, ticket_b, "Desk D", &error);

          g_assert_no_error (error);
          g_assert_cmpint (mp_check_in_result_get_outcome (again), ==, MP_CHECK_IN_ALREADY);
        }
        {
          g_autofree char *integrity = local_text (desks[d], "PRAGMA integrity_check");

          g_assert_cmpstr (integrity, ==, "ok");
        }
      }
  }
  /* the hub keeps both as they were sent: a later desk merges the same way */
  {
    g_autofree char *n = hub_text (hub, "SELECT count (*) FROM moteplass.row WHERE tbl = 'registration' AND NOT deleted");

    g_assert_cmpstr (n, ==, "3");
  }
  (void) known;
}

/* ---- an erasure while a desk is offline and edits an answer ---- */

static void
test_erased_answers_stay_blank (void)
{
  g_autofree char *hub = new_hub ();
  g_autoptr(Desk) a = desk_new ("a");
  g_autoptr(Desk) b = desk_new ("b");
  g_autoptr(GError) error = NULL;
  gint64 event_a = mp_test_add_event (a->store, "Frokostmøte");
  gint64 registration_b;
  g_autoptr(MpAttendee) zeb = NULL;

  {
    MpRegistrationInput input = { .name = "Zebulon Quaxworth", .email = "zq@example.org", .dietary = "Nøttefri",
                                  .consent_followup = MP_CONSENT_YES, .source = MP_REGISTRATION_SOURCE_MANUAL };

    zeb = mp_store_register (a->store, event_a, &input, &error);
    g_assert_no_error (error);
  }
  join (a, hub, "Desk A", NULL);
  join (b, hub, "Desk B", NULL);
  registration_b = local_int (b, "SELECT id FROM registration");
  g_assert_cmpint (local_int (b, "SELECT count (*) FROM registration WHERE dietary = 'Nøttefri'"), ==, 1);

  /* A erases him; B, apart, writes a new answer for him */
  g_assert_true (mp_store_erase_person (a->store, mp_attendee_get_person_id (zeb), &error));
  g_assert_no_error (error);
  sync_desk (a);
  {
    MpRegistrationInput input = { .name = "Zebulon Quaxworth", .email = "zq@example.org",
                                  .dietary = "Glutenfri-XQZ-allergi", .status = MP_REGISTRATION_STATUS_REGISTERED };

    g_assert_true (mp_store_update_registration (b->store, registration_b, &input, &error));
    g_assert_no_error (error);
  }
  sync_desk (b);
  sync_desk (a);

  /* on the hub: blank; at B: blank, and erased; at A: blank */
  {
    g_autofree char *dietary = hub_text (hub, "SELECT data->>'dietary' FROM moteplass.row WHERE tbl = 'registration'");

    g_assert_null (dietary);
  }
  g_assert_cmpint (local_int (b, "SELECT count (*) FROM registration WHERE dietary IS NOT NULL"), ==, 0);
  g_assert_cmpint (local_int (b, "SELECT count (*) FROM person WHERE erased_at IS NOT NULL AND name = ''"), ==, 1);
  g_assert_cmpint (local_int (b, "SELECT count (*) FROM consent"), ==, 0);
  g_assert_cmpint (local_int (a, "SELECT count (*) FROM registration WHERE dietary IS NOT NULL"), ==, 0);
  {
    g_autofree char *n = hub_text (hub, "SELECT count (*) FROM moteplass.row WHERE tbl = 'consent' AND NOT deleted");

    g_assert_cmpstr (n, ==, "0");
  }

  /* in no byte of B's file */
  g_assert_true (mp_database_checkpoint (b->db, NULL));
  g_assert_true (_mp_database_exec (b->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  {
    g_autofree char *bytes = NULL;
    gsize len = 0;

    g_assert_true (g_file_get_contents (b->path, &bytes, &len, NULL));
    g_assert_null (g_strstr_len (bytes, len, "XQZ"));
    g_assert_null (g_strstr_len (bytes, len, "Quaxworth"));
  }
}

/* ---- join and leave on a thread, for a program with a main loop ---- */

typedef struct
{
  GAsyncResult *result;
} Done;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Done *done = user_data;

  done->result = g_object_ref (result);
}

static gboolean
is_done (gpointer data)
{
  return ((Done *) data)->result != NULL;
}

static GAsyncResult *
wait_done (Done *done)
{
  g_assert_true (mp_test_wait_until (is_done, done, 60000));
  return done->result;
}

static gboolean
is_synced (gpointer hub)
{
  return mp_hub_get_state (hub) == MP_HUB_STATE_SYNCED;
}

static void
test_link_on_a_thread (void)
{
  g_autofree char *hub_conninfo = new_hub ();
  g_autoptr(Desk) office = desk_new ("office");
  g_autoptr(Desk) desk = desk_new ("desk");
  g_autoptr(MpHub) hub = mp_hub_new (desk->db);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  Done listed = { NULL }, joined = { NULL }, refused = { NULL }, left = { NULL };
  MpHubSyncCounts counts = { 0 };

  mp_test_add_event (office->store, "Dialogmøte");
  join (office, hub_conninfo, "Kontoret", NULL);

  /* the hub's events, for choosing */
  mp_hub_list_events_async (hub_conninfo, NULL, done_cb, &listed);
  events = mp_hub_list_events_finish (wait_done (&listed), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (((MpHubEvent *) events->pdata[0])->title, ==, "Dialogmøte");

  /* joined: the worker runs, and syncs */
  g_assert_false (mp_hub_is_running (hub));
  mp_hub_join_async (hub, hub_conninfo, "Inngang", NULL, NULL, done_cb, &joined);
  g_assert_true (mp_hub_join_finish (hub, wait_done (&joined), &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.pulled, >, 0);
  g_assert_true (mp_hub_is_running (hub));
  g_assert_true (mp_test_wait_until (is_synced, hub, 10000));
  g_assert_cmpint (local_int (desk, "SELECT count (*) FROM event"), ==, 1);

  /* a change that has not reached the hub: leave refused, the worker on */
  mp_hub_stop (hub);
  mp_test_add_event (desk->store, "Laget her");
  mp_hub_leave_async (hub, FALSE, NULL, done_cb, &refused);
  g_assert_false (mp_hub_leave_finish (hub, wait_done (&refused), &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (mp_hub_is_running (hub));

  /* forced: unlinked, the worker stopped */
  mp_hub_leave_async (hub, TRUE, NULL, done_cb, &left);
  g_assert_true (mp_hub_leave_finish (hub, wait_done (&left), &error));
  g_assert_no_error (error);
  g_assert_false (mp_hub_is_running (hub));
  g_assert_cmpint (mp_hub_get_state (hub), ==, MP_HUB_STATE_NOT_LINKED);
  g_assert_false (mp_hub_start_if_linked (hub));

  g_clear_object (&listed.result);
  g_clear_object (&joined.result);
  g_clear_object (&refused.result);
  g_clear_object (&left.result);
}

/* ---- TLS ---- */

static void
run_or_fail (const char *command)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, &out, &err, &status, &error));
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s%s", command, out, err);
}

static void
pg_exec (const char *sql)
{
  PGconn *conn = PQconnectdb ("");
  PGresult *r = PQexec (conn, sql);

  if (PQresultStatus (r) != PGRES_COMMAND_OK && PQresultStatus (r) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (r);
  PQfinish (conn);
}

static gboolean
ssl_is_on (gpointer data)
{
  PGconn *conn = PQconnectdb ("sslmode=require connect_timeout=2");
  gboolean on = PQstatus (conn) == CONNECTION_OK;

  PQfinish (conn);
  return on;
}

static void
test_tls (void)
{
  g_autofree char *hub = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *cert = g_build_filename (tmp, "hub.crt", NULL);
  g_autofree char *key = g_build_filename (tmp, "hub.key", NULL);
  g_autofree char *other = g_build_filename (tmp, "other.crt", NULL);
  g_autofree char *other_key = g_build_filename (tmp, "other.key", NULL);
  g_autofree char *command = NULL;
  g_autofree char *with_tls = NULL;
  g_autofree char *wrong_ca = NULL;
  g_autoptr(Desk) a = desk_new ("tls-a");
  g_autoptr(Desk) b = desk_new ("tls-b");
  g_autoptr(GError) error = NULL;
  g_autoptr(MpHub) worker = NULL;
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  GStatBuf st;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }
  hub = new_hub ();

  /* a certificate for 127.0.0.1, made here, owned by the server's user */
  command = g_strdup_printf ("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1"
                             " -addext subjectAltName=IP:127.0.0.1 -keyout %s -out %s", key, cert);
  run_or_fail (command);
  g_free (command);
  command = g_strdup_printf ("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1"
                             " -addext subjectAltName=IP:127.0.0.1 -keyout %s -out %s", other_key, other);
  run_or_fail (command);
  data_dir = hub_text ("", "SHOW data_directory");
  g_assert_cmpint (g_stat (data_dir, &st), ==, 0);
  g_assert_cmpint (chown (key, st.st_uid, st.st_gid), ==, 0);
  g_assert_cmpint (chown (cert, st.st_uid, st.st_gid), ==, 0);
  g_assert_cmpint (g_chmod (key, 0600), ==, 0);
  g_assert_cmpint (g_chmod (tmp, 0755), ==, 0);
  {
    g_autofree char *sql = g_strdup_printf ("ALTER SYSTEM SET ssl_cert_file = '%s'", cert);

    pg_exec (sql);
    g_free (sql);
    sql = g_strdup_printf ("ALTER SYSTEM SET ssl_key_file = '%s'", key);
    pg_exec (sql);
  }
  pg_exec ("ALTER SYSTEM SET ssl = on");
  pg_exec ("SELECT pg_reload_conf ()");
  g_assert_true (mp_test_wait_until (ssl_is_on, NULL, 10000));

  /* require: encrypted; verify-full with the hub's certificate: encrypted
   * and the hub is who it says */
  with_tls = g_strdup_printf ("host=127.0.0.1 %s sslmode=verify-full sslrootcert=%s", hub, cert);
  wrong_ca = g_strdup_printf ("host=127.0.0.1 %s sslmode=verify-full sslrootcert=%s", hub, other);
  {
    g_autofree char *require = g_strdup_printf ("host=127.0.0.1 %s sslmode=require", hub);

    g_assert_true (mp_hub_test_connection (require, &error));
    g_assert_no_error (error);
  }
  g_assert_false (mp_hub_test_connection (wrong_ca, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_NETWORK);
  g_test_message ("another hub's certificate: %s", error->message);
  g_assert_nonnull (strstr (error->message, "certificate"));
  g_clear_error (&error);

  mp_test_add_event (a->store, "Konferanse");
  join (a, with_tls, "Desk A", NULL);
  join (b, with_tls, "Desk B", NULL);
  g_assert_cmpint (local_int (b, "SELECT count (*) FROM event"), ==, 1);

  /* the worker's connection is encrypted too */
  worker = mp_hub_new (b->db);
  mp_hub_start (worker);
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (mp_hub_get_state (worker) != MP_HUB_STATE_SYNCED && g_get_monotonic_time () < deadline)
      mp_test_spin (20);
  }
  g_assert_cmpint (mp_hub_get_state (worker), ==, MP_HUB_STATE_SYNCED);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count (*) FILTER (WHERE s.ssl) || '/' || count (*)"
                                            " FROM pg_stat_activity a JOIN pg_stat_ssl s ON s.pid = a.pid"
                                            " WHERE a.application_name = 'moteplass' AND a.datname = '%s'",
                                            hub + strlen ("dbname="));
    g_autofree char *ssl = hub_text ("", sql);

    g_assert_cmpstr (ssl, ==, "1/1");
  }
  mp_hub_stop (worker);

  pg_exec ("ALTER SYSTEM RESET ssl");
  pg_exec ("ALTER SYSTEM RESET ssl_cert_file");
  pg_exec ("ALTER SYSTEM RESET ssl_key_file");
  pg_exec ("SELECT pg_reload_conf ()");
}

int
main (int    argc,
      char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  tmp = g_dir_make_tmp ("mp-hub-rules-XXXXXX", NULL);
  g_test_add_func ("/hub/join/one-event-its-people", test_one_event_its_people);
  g_test_add_func ("/hub/join/one-event-paged", test_one_event_paged);
  g_test_add_func ("/hub/merge/registered-twice-apart", test_registered_twice_apart);
  g_test_add_func ("/hub/erasure/answers-stay-blank", test_erased_answers_stay_blank);
  g_test_add_func ("/hub/link/join-and-leave-on-a-thread", test_link_on_a_thread);
  g_test_add_func ("/hub/tls/require-and-verify-full", test_tls);
  rc = g_test_run ();
  mp_test_remove_tree (tmp);
  g_free (tmp);
  return rc;
}
