/* At the door, the core's half (issue 16): a refusal a person at the
 * desk overrules is a check-in recorded as an exception, with why, the
 * desk and the time, counted like any other and reported; a ticket for
 * another event names that event and nothing about its holder; a
 * cancelled registration says when; an erased person's ticket is not
 * valid; the organiser's note is kept, edited, exported, erased and
 * replicated, as the exception is. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "mp-test-util.h"
#include "mp-hub-private.h"
#include "mp-privacy.h"
#include "mp-registration-edit.h"
#include "mp-report.h"
#include "mp-ticket.h"

static MpCheckInResult *
scan (MpStore    *store,
      gint64      event_id,
      MpAttendee *attendee,
      gboolean    admit_anyway)
{
  g_autofree char *text = mp_attendee_dup_ticket_text (attendee);
  g_autoptr(GError) error = NULL;
  MpCheckInResult *result = admit_anyway ? mp_store_admit_anyway (store, event_id, text, "Inngang 2", &error)
                                         : mp_store_check_in (store, event_id, text, "Inngang 2", &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static void
test_admit_anyway (MpTestFixture *f,
                   gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpAttendee) vera = mp_test_register (f->store, e, "Vera Venter", NULL, "Røde Kors", NULL);
  g_autoptr(MpAttendee) per = mp_test_register (f->store, e, "Per Avlyst", NULL, NULL, NULL);
  g_autoptr(MpAttendee) kari = mp_test_register (f->store, e, "Kari Nordmann", NULL, NULL, NULL);
  g_autoptr(MpAttendee) after = NULL;
  g_autoptr(GError) error = NULL;
  MpEventCounts counts;
  MpCheckInResult *r;

  g_assert_true (mp_store_set_status (f->store, mp_attendee_get_registration_id (vera), MP_REGISTRATION_STATUS_WAITLISTED, &error));
  g_assert_true (mp_store_set_status (f->store, mp_attendee_get_registration_id (per), MP_REGISTRATION_STATUS_CANCELLED, &error));

  /* refused, and the refusal offers what the desk can do */
  r = scan (f->store, e, vera, FALSE);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_WAITLISTED);
  g_assert_true (mp_check_in_result_can_admit_anyway (r));
  g_assert_nonnull (strstr (mp_check_in_result_get_advice (r), "admitted anyway"));
  g_clear_object (&r);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM checkin"), ==, 0);

  /* let in anyway: a check-in like any other, that says why */
  r = scan (f->store, e, vera, TRUE);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_CHECKED_IN);
  g_assert_cmpint (mp_check_in_result_get_exception (r), ==, MP_CHECK_IN_EXCEPTION_WAITLISTED);
  g_assert_cmpint (mp_attendee_get_checkin_exception (mp_check_in_result_get_attendee (r)), ==, MP_CHECK_IN_EXCEPTION_WAITLISTED);
  {
    g_autofree char *message = mp_check_in_result_dup_message (r);

    g_assert_cmpstr (message, ==, "Welcome, Vera Venter (Røde Kors). Admitted by exception (waiting list).");
  }
  g_assert_true (mp_check_in_result_get_counts (r, &counts));
  g_assert_cmpuint (counts.arrived, ==, 1);
  g_clear_object (&r);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM checkin WHERE exception = 'waitlisted'"
                                          " AND desk = 'Inngang 2' AND at > 0"), ==, 1);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM audit_log WHERE action = 'check-in'"
                                          " AND detail = 'exception=waitlisted' AND desk = 'Inngang 2'"), ==, 1);
  /* her status is the organiser's: the exception is the check-in's */
  after = mp_store_get_attendee (f->store, mp_attendee_get_registration_id (vera), &error);
  g_assert_cmpint (mp_attendee_get_status (after), ==, MP_REGISTRATION_STATUS_WAITLISTED);
  g_assert_true (mp_attendee_get_arrived (after));
  g_assert_cmpint (mp_attendee_get_checkin_exception (after), ==, MP_CHECK_IN_EXCEPTION_WAITLISTED);

  /* in is in: scanned again, already; nothing new */
  r = scan (f->store, e, vera, FALSE);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_ALREADY);
  g_clear_object (&r);
  r = scan (f->store, e, vera, TRUE);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_ALREADY);
  g_clear_object (&r);

  /* cancelled: the same, by the registration (the name search) */
  r = mp_store_admit_registration_anyway (f->store, e, mp_attendee_get_registration_id (per), "Inngang 2", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_check_in_result_get_exception (r), ==, MP_CHECK_IN_EXCEPTION_CANCELLED);
  g_clear_object (&r);

  /* the registered are simply checked in: no exception */
  r = scan (f->store, e, kari, TRUE);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_CHECKED_IN);
  g_assert_cmpint (mp_check_in_result_get_exception (r), ==, MP_CHECK_IN_EXCEPTION_NONE);
  g_clear_object (&r);

  /* nothing else is let in by asking */
  r = mp_store_admit_anyway (f->store, e, "HELLO-WORLD-1234", "Inngang 2", &error);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_NOT_A_TICKET);
  g_clear_object (&r);

  g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
  g_assert_cmpuint (counts.arrived, ==, 3);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM checkin WHERE exception IS NOT NULL"), ==, 2);

  /* the report counts them; undone, they count no more */
  {
    g_autoptr(MpReport) report = mp_report_new_for_event (f->store, e, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (mp_report_get_n_exceptions (report), ==, 2);
    g_assert_cmpuint (mp_report_get_counts (report)->arrived, ==, 3);
  }
  g_assert_true (mp_store_undo_check_in (f->store, mp_test_count_rows (f, "SELECT id FROM checkin WHERE exception = 'cancelled'"),
                                         "Inngang 2", &error));
  {
    g_autoptr(MpReport) report = mp_report_new_for_event (f->store, e, &error);

    g_assert_cmpuint (mp_report_get_n_exceptions (report), ==, 1);
  }

  /* the schema refuses any other reason */
  g_assert_false (_mp_database_exec (f->db, "UPDATE checkin SET exception = 'vip'", NULL));
}

/* A ticket for another event says which, and when; never whose. */
static void
test_wrong_event_named (MpTestFixture *f,
                        gconstpointer  data)
{
  gint64 e1 = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpEvent) seminar = mp_event_new ();
  g_autoptr(GDateTime) starts = g_date_time_new_local (2026, 12, 8, 8, 0, 0);
  g_autoptr(MpAttendee) nora = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCheckInResult) r = NULL;
  g_autofree char *message = NULL;
  g_autofree char *token = mp_ticket_token_new ();
  g_autofree char *unknown = mp_ticket_text_for_token (token);

  mp_event_set_title (seminar, "Frokostmøte");
  mp_event_set_starts_at (seminar, g_date_time_to_unix (starts));
  g_assert_true (mp_store_add_event (f->store, seminar, &error));
  nora = mp_test_register (f->store, mp_event_get_id (seminar), "Nora Annen", "nora@example.org", NULL, NULL);

  r = scan (f->store, e1, nora, FALSE);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_WRONG_EVENT);
  g_assert_null (mp_check_in_result_get_attendee (r));
  g_assert_cmpstr (mp_check_in_result_get_other_event_title (r), ==, "Frokostmøte");
  g_assert_cmpint (mp_check_in_result_get_other_event_starts_at (r), ==, g_date_time_to_unix (starts));
  message = mp_check_in_result_dup_message (r);
  g_assert_cmpstr (message, ==, "This ticket is for Frokostmøte, Tuesday 8 December 2026");
  g_assert_null (strstr (message, "Nora"));
  g_clear_object (&r);

  /* admit anyway does not reach across events */
  r = scan (f->store, e1, nora, TRUE);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_WRONG_EVENT);
  g_clear_object (&r);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM checkin"), ==, 0);

  /* a well-formed ticket nobody issued names nothing */
  r = mp_store_check_in (f->store, e1, unknown, "Inngang 2", &error);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_WRONG_EVENT);
  g_assert_null (mp_check_in_result_get_other_event_title (r));
  g_clear_pointer (&message, g_free);
  message = mp_check_in_result_dup_message (r);
  g_assert_cmpstr (message, ==, "This ticket is not for this event");
}

/* When a registration was cancelled, whoever cancelled it; an erased
 * person's ticket is not valid, and has its own code name. */
static void
test_cancelled_when_and_not_valid (MpTestFixture *f,
                                   gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpAttendee) per = mp_test_register (f->store, e, "Per Avlyst", NULL, NULL, NULL);
  g_autoptr(MpAttendee) erik = mp_test_register (f->store, e, "Erik Slettet", NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCheckInResult) r = NULL;
  g_autofree char *message = NULL;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM registration WHERE status_at IS NOT NULL"), ==, 0);
  g_assert_true (mp_store_set_status (f->store, mp_attendee_get_registration_id (per), MP_REGISTRATION_STATUS_CANCELLED, &error));
  /* any writer: by hand too */
  g_assert_true (_mp_database_exec (f->db, "UPDATE registration SET status = 'cancelled' WHERE id = 2", NULL));
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM registration WHERE status_at IS NOT NULL"), ==, 2);

  r = scan (f->store, e, per, FALSE);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_CANCELLED);
  g_assert_cmpint (mp_attendee_get_status_at (mp_check_in_result_get_attendee (r)), >=, before);
  message = mp_check_in_result_dup_message (r);
  g_assert_true (g_str_has_prefix (message, "The registration of Per Avlyst was cancelled on "));
  g_clear_object (&r);

  g_assert_true (mp_store_erase_person (f->store, mp_attendee_get_person_id (erik), &error));
  g_assert_no_error (error);
  r = scan (f->store, e, erik, TRUE);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_NOT_VALID);
  g_assert_null (mp_check_in_result_get_attendee (r));
  g_assert_cmpstr (mp_check_in_outcome_to_string (MP_CHECK_IN_NOT_VALID), ==, "not-valid");
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM checkin"), ==, 0);
}

/* The organiser's note: registered, read at the door, edited, in the
 * person's export, gone with an erasure. */
static void
test_note (MpTestFixture *f,
           gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  MpRegistrationInput input = { 0 };
  g_autoptr(MpAttendee) kari = NULL;
  g_autoptr(MpAttendee) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  input.name = g_strdup ("Kari Nordmann");
  input.dietary = g_strdup ("Halal");
  input.note = g_strdup ("  Holder innlegg kl. 10 \n\n Hent Anne ");
  input.source = MP_REGISTRATION_SOURCE_MANUAL;
  kari = mp_store_register (f->store, e, &input, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mp_attendee_get_note (kari), ==, "Holder innlegg kl. 10\nHent Anne");

  /* the check-in brings it, with the needs */
  {
    g_autoptr(MpCheckInResult) r = scan (f->store, e, kari, FALSE);

    g_assert_cmpstr (mp_attendee_get_note (mp_check_in_result_get_attendee (r)), ==, "Holder innlegg kl. 10\nHent Anne");
    g_assert_cmpstr (mp_attendee_get_dietary (mp_check_in_result_get_attendee (r)), ==, "Halal");
  }

  g_free (input.note);
  input.note = g_strdup ("Taler");
  g_assert_true (mp_store_update_registration (f->store, mp_attendee_get_registration_id (kari), &input, &error));
  g_assert_no_error (error);
  after = mp_store_get_attendee (f->store, mp_attendee_get_registration_id (kari), &error);
  g_assert_cmpstr (mp_attendee_get_note (after), ==, "Taler");
  mp_registration_input_clear (&input);

  json = mp_store_export_person_json (f->store, mp_attendee_get_person_id (kari), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json, "\"note\" : \"Taler\""));

  g_assert_true (mp_store_erase_person (f->store, mp_attendee_get_person_id (kari), &error));
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM registration WHERE note IS NOT NULL"), ==, 0);
}

/* The exception and the note travel to the hub and back like the rest
 * of their rows (mp-hub-tables.c). */
static void
test_hub_carries_them (MpTestFixture *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(MpDatabase) other = mp_database_open (other_path, MP_DATABASE_FLAGS_NONE, &error);
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  MpRegistrationInput input = { 0 };
  g_autoptr(MpAttendee) vera = NULL;
  static const char *tables[] = { "sector", "organisation", "event", "person", "registration", "checkin" };

  g_assert_no_error (error);
  input.name = g_strdup ("Vera Venter");
  input.note = g_strdup ("Fra ventelista");
  input.status = MP_REGISTRATION_STATUS_WAITLISTED;
  input.source = MP_REGISTRATION_SOURCE_MANUAL;
  vera = mp_store_register (f->store, e, &input, &error);
  mp_registration_input_clear (&input);
  g_assert_no_error (error);
  {
    g_autoptr(MpCheckInResult) admitted = scan (f->store, e, vera, TRUE);

    g_assert_cmpint (mp_check_in_result_get_exception (admitted), ==, MP_CHECK_IN_EXCEPTION_WAITLISTED);
  }

  g_assert_true (_mp_hub_install_capture (f->db, &error));
  g_assert_true (_mp_hub_install_capture (other, &error));
  g_assert_true (_mp_hub_apply_begin (other, &error));
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      const MpHubTable *table = _mp_hub_table_by_name (tables[t]);
      g_autofree char *sql = g_strdup_printf ("SELECT \"%s\" FROM \"%s\" ORDER BY id", table->key, table->name);
      sqlite3_stmt *stmt = NULL;
      guint n = _mp_hub_table_n_columns (table);

      g_assert_cmpint (sqlite3_prepare_v2 (_mp_database_get_handle (f->db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();
          g_autoptr(JsonNode) root = NULL;
          g_autofree char *event_key = NULL;
          g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
          gboolean exists;
          MpHubApplied applied;
          JsonObject *o;

          g_assert_true (_mp_hub_read_row (f->db, table, (const char *) sqlite3_column_text (stmt, 0), b,
                                           &exists, &event_key, &error));
          root = json_builder_get_root (b);
          o = json_node_get_object (root);
          for (guint c = 0; c < n; c++)
            {
              JsonNode *v = json_object_get_member (o, table->columns[c].name);

              g_assert_nonnull (v);
              if (JSON_NODE_HOLDS_NULL (v))
                g_ptr_array_add (texts, NULL);
              else if (json_node_get_value_type (v) == G_TYPE_INT64)
                g_ptr_array_add (texts, g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (v)));
              else
                g_ptr_array_add (texts, g_strdup (json_node_get_string (v)));
            }
          g_assert_true (_mp_hub_apply_row (other, table, (const char *) sqlite3_column_text (stmt, 0), FALSE,
                                            (const char *const *) texts->pdata, NULL, &applied, &error));
          g_assert_no_error (error);
        }
      sqlite3_finalize (stmt);
    }
  g_assert_true (_mp_hub_apply_commit (other, TRUE, &error));

  {
    g_autoptr(MpStore) there = mp_store_new (other);
    g_autoptr(MpAttendee) copy = mp_store_get_attendee (there, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (mp_attendee_get_note (copy), ==, "Fra ventelista");
    g_assert_true (mp_attendee_get_arrived (copy));
    g_assert_cmpint (mp_attendee_get_checkin_exception (copy), ==, MP_CHECK_IN_EXCEPTION_WAITLISTED);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  MP_TEST_ADD ("/door/admit-anyway/recorded-as-an-exception", test_admit_anyway);
  MP_TEST_ADD ("/door/wrong-event/named-not-whose", test_wrong_event_named);
  MP_TEST_ADD ("/door/cancelled-says-when/erased-not-valid", test_cancelled_when_and_not_valid);
  MP_TEST_ADD ("/door/note/kept-edited-exported-erased", test_note);
  MP_TEST_ADD ("/door/hub/carries-exception-and-note", test_hub_carries_them);

  return g_test_run ();
}
