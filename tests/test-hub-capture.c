/* The hub's local half, without a hub: every write path is captured by
 * the triggers, rows applied from the hub are not captured again, the
 * row codec carries every replicated table across intact, and a ticket
 * admitted twice while offline is counted once. */
#include "config.h"

#include "mp-test-util.h"
#include "mp-admissions.h"
#include "mp-hub-private.h"
#include "mp-privacy.h"
#include "mp-report.h"
#include "mp-report-export.h"
#include "mp-retention.h"

static gint64
count (MpDatabase *db,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (_mp_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
clear_log (MpDatabase *db)
{
  g_assert_true (_mp_database_exec (db, "DELETE FROM hub_change", NULL));
}

static gint64
logged (MpDatabase *db,
        const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (DISTINCT key) FROM hub_change WHERE tbl = '%s'", table);
  return count (db, sql);
}

static void
fill (MpStore *store,
      gint64  *out_event)
{
  g_autoptr(GError) error = NULL;
  gint64 e = mp_test_add_event (store, "Dialogmøte");
  g_autoptr(MpAttendee) kari = mp_test_register (store, e, "Kari Nordmann", "kari@nav.no", "NAV Vestland", "NAV");
  g_autoptr(MpAttendee) ola = mp_test_register (store, e, "Ola Åsen", "ola@bergen.kommune.no", "Bergen kommune", "Kommune");
  g_autofree char *ticket = mp_attendee_dup_ticket_text (kari);
  g_autoptr(MpCheckInResult) in = mp_store_check_in (store, e, ticket, "Desk 1", &error);

  g_assert_no_error (error);
  g_assert_true (mp_store_undo_check_in (store, mp_check_in_result_get_checkin_id (in), "Desk 1", &error));
  g_assert_no_error (error);
  {
    g_autoptr(MpCheckInResult) again = mp_store_check_in (store, e, ticket, "Desk 1", &error);
    g_assert_no_error (error);
  }
  g_assert_true (mp_store_give_consent (store, mp_attendee_get_person_id (ola), MP_CONSENT_KIND_FOLLOWUP, "desk", &error));
  g_assert_no_error (error);
  *out_event = e;
}

static void
test_every_write_path (MpTestFixture *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 e;

  g_assert_true (_mp_hub_install_capture (f->db, &error));
  g_assert_no_error (error);
  /* installing again is a no-op */
  g_assert_true (_mp_hub_install_capture (f->db, &error));

  fill (f->store, &e);
  g_assert_cmpint (logged (f->db, "event"), ==, 1);
  g_assert_cmpint (logged (f->db, "person"), ==, 2);
  g_assert_cmpint (logged (f->db, "organisation"), ==, 2);
  g_assert_cmpint (logged (f->db, "registration"), ==, 2);
  g_assert_cmpint (logged (f->db, "checkin"), ==, 3);    /* in, undo, in again */
  g_assert_cmpint (logged (f->db, "consent"), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT count (*) FROM hub_change WHERE key IS NULL"), ==, 0);

  /* a status change, a withdrawal, an erasure */
  clear_log (f->db);
  {
    g_autoptr(GPtrArray) all = mp_store_list_attendees (f->store, e, &error);
    MpAttendee *ola = NULL;

    for (guint i = 0; i < all->len; i++)
      if (g_str_equal (mp_attendee_get_name (all->pdata[i]), "Ola Åsen"))
        ola = all->pdata[i];
    g_assert_nonnull (ola);
    g_assert_true (mp_store_set_status (f->store, mp_attendee_get_registration_id (ola), MP_REGISTRATION_STATUS_CANCELLED, &error));
    g_assert_cmpint (logged (f->db, "registration"), ==, 1);
    g_assert_true (mp_store_withdraw_consent (f->store, mp_attendee_get_person_id (ola), MP_CONSENT_KIND_FOLLOWUP, &error));
    g_assert_no_error (error);
    g_assert_cmpint (logged (f->db, "consent"), ==, 1);
    clear_log (f->db);
    g_assert_true (mp_store_erase_person (f->store, mp_attendee_get_person_id (ola), &error));
    g_assert_no_error (error);
    g_assert_cmpint (logged (f->db, "person"), ==, 1);
    /* Ola gave no answers: the erasure leaves the registration row as it
     * was, so there is nothing of it to send (answers blanked would be) */
    g_assert_cmpint (logged (f->db, "registration"), ==, 0);
    g_assert_cmpint (logged (f->db, "consent"), ==, 1);       /* deleted: a tombstone */
  }

  /* deleting an event: its registrations and check-ins go too (the
   * foreign keys' cascade fires the triggers) */
  clear_log (f->db);
  g_assert_true (mp_store_delete_event (f->store, e, &error));
  g_assert_no_error (error);
  g_assert_cmpint (logged (f->db, "event"), ==, 1);
  g_assert_cmpint (logged (f->db, "registration"), ==, 2);
  g_assert_cmpint (logged (f->db, "checkin"), ==, 3);
}

static void
test_applied_rows_not_logged (MpTestFixture *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const MpHubTable *sector = _mp_hub_table_by_name ("sector");
  const char *values[] = { "99" };
  g_autoptr(GHashTable) waiting = NULL;
  MpHubApplied applied;

  g_assert_true (_mp_hub_install_capture (f->db, &error));
  g_assert_true (_mp_hub_apply_begin (f->db, &error));
  waiting = _mp_hub_load_waiting (f->db, &error);
  g_assert_true (_mp_hub_apply_row (f->db, sector, "Fra huben", FALSE, values, waiting, &applied, &error));
  g_assert_no_error (error);
  g_assert_cmpint (applied, ==, MP_HUB_APPLIED);
  g_clear_pointer (&waiting, g_hash_table_unref);
  g_assert_true (_mp_hub_apply_commit (f->db, FALSE, &error));
  g_assert_cmpint (count (f->db, "SELECT count (*) FROM sector WHERE name = 'Fra huben' AND position = 99"), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT count (*) FROM hub_change"), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT applying FROM hub_state"), ==, 0);

  /* a local change waiting to be pushed is kept: the push decides */
  g_assert_true (_mp_database_exec (f->db, "UPDATE sector SET position = 98 WHERE name = 'Fra huben'", NULL));
  g_assert_true (_mp_hub_apply_begin (f->db, &error));
  waiting = _mp_hub_load_waiting (f->db, &error);
  g_assert_true (_mp_hub_apply_row (f->db, sector, "Fra huben", FALSE, values, waiting, &applied, &error));
  g_assert_cmpint (applied, ==, MP_HUB_KEPT_LOCAL);
  g_assert_true (_mp_hub_apply_commit (f->db, FALSE, &error));
  g_assert_cmpint (count (f->db, "SELECT position FROM sector WHERE name = 'Fra huben'"), ==, 98);
}

/* Every row of every replicated table, read as the hub holds it and
 * applied to an empty database, comes out the same. */
static void
test_codec_round_trip (MpTestFixture *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(MpDatabase) other = mp_database_open (other_path, MP_DATABASE_FLAGS_NONE, &error);
  guint n_tables, n_rows = 0;
  const MpHubTable *tables = _mp_hub_tables (&n_tables);
  gint64 e;

  g_assert_no_error (error);
  fill (f->store, &e);
  g_assert_true (_mp_hub_install_capture (f->db, &error));
  g_assert_true (_mp_hub_install_capture (other, &error));
  g_assert_true (_mp_hub_apply_begin (other, &error));

  for (guint t = 0; t < n_tables; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT \"%s\" FROM \"%s\" ORDER BY id", tables[t].key, tables[t].name);
      sqlite3_stmt *stmt = NULL;
      guint n = _mp_hub_table_n_columns (&tables[t]);

      g_assert_cmpint (sqlite3_prepare_v2 (_mp_database_get_handle (f->db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *key = (const char *) sqlite3_column_text (stmt, 0);
          g_autoptr(JsonBuilder) b = json_builder_new ();
          g_autoptr(JsonNode) root = NULL;
          g_autofree char *event_key = NULL;
          g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
          gboolean exists = FALSE;
          MpHubApplied applied;
          JsonObject *o;

          g_assert_true (_mp_hub_read_row (f->db, &tables[t], key, b, &exists, &event_key, &error));
          g_assert_no_error (error);
          g_assert_true (exists);
          if (g_str_equal (tables[t].name, "registration") || g_str_equal (tables[t].name, "checkin"))
            g_assert_nonnull (event_key);
          root = json_builder_get_root (b);
          o = json_node_get_object (root);
          for (guint c = 0; c < n; c++)
            {
              JsonNode *v = json_object_get_member (o, tables[t].columns[c].name);

              g_assert_nonnull (v);
              if (JSON_NODE_HOLDS_NULL (v))
                g_ptr_array_add (texts, NULL);
              else if (json_node_get_value_type (v) == G_TYPE_INT64)
                g_ptr_array_add (texts, g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (v)));
              else
                g_ptr_array_add (texts, g_strdup (json_node_get_string (v)));
            }
          g_assert_true (_mp_hub_apply_row (other, &tables[t], key, FALSE, (const char *const *) texts->pdata,
                                            NULL, &applied, &error));
          g_assert_no_error (error);
          /* the 13 sectors are there already: updated, the same */
          g_assert_cmpint (applied, ==, MP_HUB_APPLIED);
          n_rows++;
        }
      sqlite3_finalize (stmt);
    }
  g_assert_true (_mp_hub_apply_commit (other, TRUE, &error));
  g_assert_cmpuint (n_rows, >, 20);

  /* the same rows, read back the same way, on both */
  for (guint t = 0; t < n_tables; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT \"%s\" FROM \"%s\" ORDER BY id", tables[t].key, tables[t].name);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (_mp_database_get_handle (f->db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *key = (const char *) sqlite3_column_text (stmt, 0);
          g_autoptr(JsonBuilder) b1 = json_builder_new (), b2 = json_builder_new ();
          g_autoptr(JsonNode) r1 = NULL, r2 = NULL;
          g_autofree char *e1 = NULL, *e2 = NULL;
          gboolean x1, x2;

          g_assert_true (_mp_hub_read_row (f->db, &tables[t], key, b1, &x1, &e1, NULL));
          g_assert_true (_mp_hub_read_row (other, &tables[t], key, b2, &x2, &e2, NULL));
          g_assert_true (x1 && x2);
          r1 = json_builder_get_root (b1);
          r2 = json_builder_get_root (b2);
          g_assert_true (json_node_equal (r1, r2));
          g_assert_cmpstr (e1, ==, e2);
        }
      sqlite3_finalize (stmt);
    }
  g_assert_cmpint (count (other, "SELECT count (*) FROM hub_change"), ==, 0);
  g_assert_cmpint (count (other, "SELECT count (*) FROM checkin WHERE undoes IS NOT NULL"), ==, 1);
}

/* Two desks apart register the same new person: two people with one
 * e-mail. Each desk applies the other's, without its local lookup key. */
static void
test_same_email_two_people (MpTestFixture *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 e = mp_test_add_event (f->store, "Frokostmøte");
  g_autoptr(MpAttendee) kari = mp_test_register (f->store, e, "Kari Nordmann", "kari@nav.no", "NAV", "NAV");
  const MpHubTable *person = _mp_hub_table_by_name ("person");
  const char *values[] = { "Kari Nordmann", "kari@nav.no", "kari@nav.no", NULL, NULL, NULL,
                           "kari nordmann|", "AA==", "1000000", NULL, "Kari", "Nordmann" };
  MpHubApplied applied;

  g_assert_cmpuint (G_N_ELEMENTS (values), ==, _mp_hub_table_n_columns (person));
  g_assert_true (_mp_hub_install_capture (f->db, &error));
  g_assert_true (_mp_hub_apply_begin (f->db, &error));
  g_assert_true (_mp_hub_apply_row (f->db, person, "c0000000-0000-4000-8000-000000000000", FALSE, values, NULL, &applied, &error));
  g_assert_no_error (error);
  g_assert_cmpint (applied, ==, MP_HUB_APPLIED);
  g_assert_true (_mp_hub_apply_commit (f->db, TRUE, &error));
  g_assert_cmpint (count (f->db, "SELECT count (*) FROM person WHERE email = 'kari@nav.no'"), ==, 2);
  g_assert_cmpint (count (f->db, "SELECT count (*) FROM person WHERE email_key = 'kari@nav.no'"), ==, 1);
}

static void
test_admitted_twice_counted_once (MpTestFixture *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 e = mp_test_add_event (f->store, "Frokostmøte");
  g_autoptr(MpAttendee) kari = mp_test_register (f->store, e, "Kari Nordmann", "kari@nav.no", "NAV", "NAV");
  g_autoptr(GPtrArray) twice = NULL;
  g_autofree char *ticket = mp_attendee_dup_ticket_text (kari);
  g_autofree char *sql = NULL;
  MpEventCounts counts;

  /* as two desks apart would have left it: Desk B's earlier by its clock */
  sql = g_strdup_printf ("INSERT INTO checkin (uuid, registration_id, desk, at) VALUES"
                         " ('b0000000-0000-4000-8000-000000000000', %1$" G_GINT64_FORMAT ", 'Desk A', 1000060),"
                         " ('a0000000-0000-4000-8000-000000000000', %1$" G_GINT64_FORMAT ", 'Desk B', 1000000)",
                         mp_attendee_get_registration_id (kari));
  g_assert_true (_mp_database_exec (f->db, sql, NULL));

  twice = mp_store_list_double_admissions (f->store, e, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (twice->len, ==, 1);
  g_assert_cmpstr (((MpDoubleAdmission *) twice->pdata[0])->desk, ==, "Desk A");
  g_assert_cmpstr (((MpDoubleAdmission *) twice->pdata[0])->first_desk, ==, "Desk B");
  g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
  g_assert_cmpuint (counts.arrived, ==, 1);

  /* the desk answers with the admission that counts */
  {
    g_autoptr(MpCheckInResult) again = mp_store_check_in (f->store, e, ticket, "Desk C", &error);

    g_assert_no_error (error);
    g_assert_cmpint (mp_check_in_result_get_outcome (again), ==, MP_CHECK_IN_ALREADY);
    g_assert_cmpstr (mp_check_in_result_get_desk (again), ==, "Desk B");
  }

  /* the report counts it once and says it apart, on screen and in its files */
  {
    g_autoptr(MpReport) report = mp_report_new_for_event (f->store, e, &error);
    g_autofree char *path = g_build_filename (f->dir, "report.csv", NULL);
    g_autofree char *csv = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (mp_report_get_counts (report)->arrived, ==, 1);
    g_assert_cmpuint (mp_report_get_n_admitted_twice (report), ==, 1);
    g_assert_true (mp_report_export (report, MP_REPORT_FORMAT_CSV, path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
    g_assert_nonnull (strstr (csv, "Admitted twice while offline (counted once),1"));
  }

  /* a tie in time: the smaller UUID counts, the same everywhere */
  g_assert_true (_mp_database_exec (f->db, "UPDATE checkin SET at = 1000000", NULL));
  g_clear_pointer (&twice, g_ptr_array_unref);
  twice = mp_store_list_double_admissions (f->store, e, &error);
  g_assert_cmpuint (twice->len, ==, 1);
  g_assert_cmpstr (((MpDoubleAdmission *) twice->pdata[0])->first_desk, ==, "Desk B");
}

/* What the database derives (a registration's current check-in, the
 * event's counts) is kept on every computer by its own triggers and is
 * never sent: a check-in and an undo log only themselves, and a
 * check-in pulled from the hub is counted here without being logged. */
static void
test_derived_not_logged (MpTestFixture *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const MpHubTable *checkin = _mp_hub_table_by_name ("checkin");
  g_autofree char *reg_uuid = NULL;
  MpEventCounts counts;
  MpHubApplied applied;
  gint64 e;

  g_assert_true (_mp_hub_install_capture (f->db, &error));
  fill (f->store, &e);
  clear_log (f->db);
  {
    g_autoptr(GPtrArray) all = mp_store_list_attendees (f->store, e, &error);
    MpAttendee *ola = NULL;

    for (guint i = 0; i < all->len; i++)
      if (g_str_equal (mp_attendee_get_name (all->pdata[i]), "Ola Åsen"))
        ola = all->pdata[i];
    {
      g_autoptr(MpCheckInResult) in = mp_store_check_in_registration (f->store, e, mp_attendee_get_registration_id (ola), "Desk 1", &error);

      g_assert_no_error (error);
      g_assert_cmpint (count (f->db, "SELECT count (*) FROM registration WHERE checkin_id IS NOT NULL"), ==, 2);
      g_assert_true (mp_store_undo_check_in (f->store, mp_check_in_result_get_checkin_id (in), "Desk 1", &error));
    }
    g_assert_cmpint (logged (f->db, "checkin"), ==, 2);
    g_assert_cmpint (count (f->db, "SELECT count (*) FROM hub_change"), ==, 2);
    g_assert_cmpint (count (f->db, "SELECT count (*) FROM hub_change WHERE batch IS NOT NULL"), ==, 0);
    reg_uuid = g_strdup (mp_attendee_get_uuid (ola));
  }

  /* Ola's admission at another desk, pulled */
  clear_log (f->db);
  {
    const char *values[] = { reg_uuid, "Desk 9", "1000000", NULL, NULL };

    g_assert_cmpuint (G_N_ELEMENTS (values), ==, _mp_hub_table_n_columns (checkin));
    g_assert_true (_mp_hub_apply_begin (f->db, &error));
    g_assert_true (_mp_hub_apply_row (f->db, checkin, "d0000000-0000-4000-8000-000000000000", FALSE, values, NULL, &applied, &error));
    g_assert_no_error (error);
    g_assert_cmpint (applied, ==, MP_HUB_APPLIED);
    g_assert_true (_mp_hub_apply_commit (f->db, FALSE, &error));
  }
  g_assert_cmpint (count (f->db, "SELECT count (*) FROM hub_change"), ==, 0);
  g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
  g_assert_cmpuint (counts.arrived, ==, 2);
  g_assert_cmpint (count (f->db, "SELECT count (*) FROM registration r JOIN checkin c ON c.id = r.checkin_id"
                                 " WHERE c.desk = 'Desk 9'"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  MP_TEST_ADD ("/hub/capture/every-write-path", test_every_write_path);
  MP_TEST_ADD ("/hub/capture/applied-rows-are-not-logged", test_applied_rows_not_logged);
  MP_TEST_ADD ("/hub/codec/round-trip", test_codec_round_trip);
  MP_TEST_ADD ("/hub/codec/same-email-two-people", test_same_email_two_people);
  MP_TEST_ADD ("/hub/capture/derived-not-logged", test_derived_not_logged);
  MP_TEST_ADD ("/hub/admitted-twice-counted-once", test_admitted_twice_counted_once);
  return g_test_run ();
}
