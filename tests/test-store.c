/* Events, registrations, check-in, search and erasure in the store */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "mp-database-private.h"
#include "mp-demo-events.h"
#include "mp-test-util.h"
#include "mp-event-summary.h"
#include "mp-text.h"
#include "mp-ticket.h"

static void
test_events_upcoming_first (MpTestFixture *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const struct { const char *title; gint64 starts; } spec[] = {
    { "Last year", now - 365 * 86400 },
    { "Next month", now + 30 * 86400 },
    { "Last week", now - 7 * 86400 },
    { "Tomorrow", now + 86400 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (spec); i++)
    {
      g_autoptr(MpEvent) event = mp_event_new ();

      mp_event_set_title (event, spec[i].title);
      mp_event_set_starts_at (event, spec[i].starts);
      mp_store_add_event (f->store, event, &error);
      g_assert_no_error (error);
      g_assert_cmpint (mp_event_get_id (event), >, 0);
      g_assert_cmpuint (strlen (mp_event_get_uuid (event)), ==, 36);
    }

  events = mp_store_list_events (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 4);
  g_assert_cmpstr (mp_event_get_title (g_ptr_array_index (events, 0)), ==, "Tomorrow");
  g_assert_cmpstr (mp_event_get_title (g_ptr_array_index (events, 1)), ==, "Next month");
  g_assert_cmpstr (mp_event_get_title (g_ptr_array_index (events, 2)), ==, "Last week");
  g_assert_cmpstr (mp_event_get_title (g_ptr_array_index (events, 3)), ==, "Last year");
}

static void
test_event_needs_title (MpTestFixture *f,
                        gconstpointer  data)
{
  g_autoptr(MpEvent) event = mp_event_new ();
  g_autoptr(GError) error = NULL;

  mp_event_set_title (event, "   ");
  g_assert_false (mp_store_add_event (f->store, event, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM event"), ==, 0);
}

static void
test_event_update_and_delete (MpTestFixture *f,
                              gconstpointer  data)
{
  gint64 id = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpEvent) event = NULL;
  g_autoptr(MpEvent) again = NULL;
  g_autoptr(MpAttendee) a = NULL;
  g_autoptr(GError) error = NULL;

  event = mp_store_get_event (f->store, id, &error);
  g_assert_no_error (error);
  mp_event_set_title (event, "Dialogmøte om frivillighet");
  mp_event_set_capacity (event, 40);
  g_assert_true (mp_store_update_event (f->store, event, &error));
  g_assert_no_error (error);

  again = mp_store_get_event (f->store, id, &error);
  g_assert_cmpstr (mp_event_get_title (again), ==, "Dialogmøte om frivillighet");
  g_assert_cmpint (mp_event_get_capacity (again), ==, 40);

  a = mp_test_register (f->store, id, "Kari Nordmann", NULL, NULL, NULL);
  g_assert_true (mp_store_delete_event (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_null (mp_store_get_event (f->store, id, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FOUND);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM registration"), ==, 0);
}

static void
test_register_merges_people (MpTestFixture *f,
                             gconstpointer  data)
{
  gint64 e1 = mp_test_add_event (f->store, "Dialogmøte");
  gint64 e2 = mp_test_add_event (f->store, "Frokostmøte");
  g_autoptr(MpAttendee) a = mp_test_register (f->store, e1, "Kari Sørensen", "Kari@NAV.no", "NAV Årstad", "NAV");
  g_autoptr(MpAttendee) b = mp_test_register (f->store, e2, "Kari Sorensen", "kari@nav.no", NULL, NULL);
  g_autoptr(MpAttendee) c = mp_test_register (f->store, e2, "  Ola  Nordmann ", NULL, "Bergen kommune", "kommunal");
  g_autoptr(MpAttendee) d = NULL;
  g_autoptr(GError) error = NULL;
  MpRegistrationInput again = { .name = "Ola Nordmann", .organisation = "BERGEN KOMMUNE" };

  /* same e-mail (case aside): one person, two events */
  g_assert_cmpint (mp_attendee_get_person_id (a), ==, mp_attendee_get_person_id (b));
  g_assert_cmpstr (mp_attendee_get_organisation (b), ==, "NAV Årstad");
  g_assert_cmpstr (mp_attendee_get_sector (a), ==, "NAV");
  g_assert_cmpstr (mp_attendee_get_name (c), ==, "Ola Nordmann");
  g_assert_cmpstr (mp_attendee_get_sector (c), ==, "Kommune");
  g_assert_true (mp_ticket_token_is_valid (mp_attendee_get_token (a)));
  g_assert_cmpstr (mp_attendee_get_token (a), !=, mp_attendee_get_token (b));

  /* same name and organisation: the same person, registered once */
  d = mp_store_register (f->store, e2, &again, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_EXISTS);
  g_assert_null (d);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM person"), ==, 2);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM registration"), ==, 3);
}

static void
test_register_rejects_bad_input (MpTestFixture *f,
                                 gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  MpRegistrationInput no_name = { .name = " ", .email = "a@b.no" };
  MpRegistrationInput bad_email = { .name = "Kari", .email = "kari(at)nav.no" };
  MpRegistrationInput bad_sector = { .name = "Kari", .sector = "Bananas" };
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GError) e4 = NULL;

  g_assert_null (mp_store_register (f->store, e, &no_name, &e1));
  g_assert_error (e1, MP_ERROR, MP_ERROR_INVALID);
  g_assert_null (mp_store_register (f->store, e, &bad_email, &e2));
  g_assert_error (e2, MP_ERROR, MP_ERROR_INVALID);
  g_assert_null (mp_store_register (f->store, e, &bad_sector, &e3));
  g_assert_error (e3, MP_ERROR, MP_ERROR_INVALID);
  g_assert_null (mp_store_register (f->store, 9999, &bad_sector, &e4));
  g_assert_error (e4, MP_ERROR, MP_ERROR_NOT_FOUND);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM person"), ==, 0);
}

static void
test_check_in_outcomes (MpTestFixture *f,
                        gconstpointer  data)
{
  gint64 e1 = mp_test_add_event (f->store, "Dialogmøte");
  gint64 e2 = mp_test_add_event (f->store, "Frokostmøte");
  g_autoptr(MpAttendee) kari = mp_test_register (f->store, e1, "Kari Nordmann", NULL, "NAV Vestland", NULL);
  g_autoptr(MpAttendee) ola = mp_test_register (f->store, e1, "Ola Nordmann", NULL, NULL, NULL);
  g_autoptr(MpAttendee) other = mp_test_register (f->store, e2, "Per Hansen", NULL, NULL, NULL);
  g_autofree char *kari_text = mp_attendee_dup_ticket_text (kari);
  g_autofree char *ola_text = mp_attendee_dup_ticket_text (ola);
  g_autofree char *other_text = mp_attendee_dup_ticket_text (other);
  g_autofree char *unknown = NULL;
  g_autoptr(GError) error = NULL;
  MpCheckInResult *r;
  g_autofree char *message = NULL;
  g_autofree char *token = mp_ticket_token_new ();

  r = mp_store_check_in (f->store, e1, kari_text, "Desk 1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_CHECKED_IN);
  g_assert_cmpstr (mp_attendee_get_name (mp_check_in_result_get_attendee (r)), ==, "Kari Nordmann");
  g_assert_true (mp_attendee_get_arrived (mp_check_in_result_get_attendee (r)));
  message = mp_check_in_result_dup_message (r);
  g_assert_cmpstr (message, ==, "Welcome, Kari Nordmann (NAV Vestland)");
  g_clear_object (&r);

  /* the second scan answers "already" and writes nothing */
  r = mp_store_check_in (f->store, e1, kari_text, "Desk 2", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_ALREADY);
  g_assert_cmpstr (mp_check_in_result_get_desk (r), ==, "Desk 1");
  g_clear_object (&r);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM checkin"), ==, 1);

  /* another event's ticket */
  r = mp_store_check_in (f->store, e1, other_text, "Desk 1", &error);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_WRONG_EVENT);
  g_assert_null (mp_check_in_result_get_attendee (r));
  g_clear_object (&r);

  /* a well-formed ticket nobody issued */
  unknown = mp_ticket_text_for_token (token);
  r = mp_store_check_in (f->store, e1, unknown, "Desk 1", &error);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_WRONG_EVENT);
  g_clear_object (&r);

  /* not a ticket at all */
  r = mp_store_check_in (f->store, e1, "7038010013690", "Desk 1", &error);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_NOT_A_TICKET);
  g_clear_object (&r);
  r = mp_store_check_in (f->store, e1, "'; DROP TABLE checkin; --", "Desk 1", &error);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_NOT_A_TICKET);
  g_clear_object (&r);

  /* cancelled */
  g_assert_true (mp_store_set_status (f->store, mp_attendee_get_registration_id (ola),
                                      MP_REGISTRATION_STATUS_CANCELLED, &error));
  r = mp_store_check_in (f->store, e1, ola_text, "Desk 1", &error);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_CANCELLED);
  g_clear_object (&r);

  /* waitlisted */
  g_assert_true (mp_store_set_status (f->store, mp_attendee_get_registration_id (ola),
                                      MP_REGISTRATION_STATUS_WAITLISTED, &error));
  r = mp_store_check_in (f->store, e1, ola_text, "Desk 1", &error);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_WAITLISTED);
  g_clear_object (&r);

  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM checkin"), ==, 1);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM audit_log WHERE action = 'check-in' AND desk = 'Desk 1'"), ==, 1);
}

static void
test_undo_check_in (MpTestFixture *f,
                    gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpAttendee) kari = mp_test_register (f->store, e, "Kari Nordmann", NULL, NULL, NULL);
  g_autoptr(MpCheckInResult) first = NULL;
  g_autoptr(MpCheckInResult) second = NULL;
  g_autoptr(MpAttendee) after = NULL;
  g_autoptr(GError) error = NULL;
  MpEventCounts counts;

  first = mp_store_check_in_registration (f->store, e, mp_attendee_get_registration_id (kari), "Desk 1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_check_in_result_get_outcome (first), ==, MP_CHECK_IN_CHECKED_IN);
  g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
  g_assert_cmpuint (counts.arrived, ==, 1);

  g_assert_true (mp_store_undo_check_in (f->store, mp_check_in_result_get_checkin_id (first), "Desk 1", &error));
  g_assert_no_error (error);
  g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
  g_assert_cmpuint (counts.arrived, ==, 0);
  after = mp_store_get_attendee (f->store, mp_attendee_get_registration_id (kari), &error);
  g_assert_false (mp_attendee_get_arrived (after));

  /* undo twice is refused; nothing is deleted, the undo is a record */
  g_assert_false (mp_store_undo_check_in (f->store, mp_check_in_result_get_checkin_id (first), "Desk 1", &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM checkin"), ==, 2);

  /* and the person can check in again */
  second = mp_store_check_in_registration (f->store, e, mp_attendee_get_registration_id (kari), "Desk 2", &error);
  g_assert_cmpint (mp_check_in_result_get_outcome (second), ==, MP_CHECK_IN_CHECKED_IN);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM audit_log WHERE action IN ('check-in', 'undo-check-in')"), ==, 3);
}

static void
test_counts (MpTestFixture *f,
             gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(GError) error = NULL;
  MpRegistrationInput walk_in = { .name = "Walk In", .source = MP_REGISTRATION_SOURCE_DESK };
  g_autoptr(MpAttendee) a = mp_test_register (f->store, e, "A", NULL, NULL, NULL);
  g_autoptr(MpAttendee) b = mp_test_register (f->store, e, "B", NULL, NULL, NULL);
  g_autoptr(MpAttendee) c = mp_test_register (f->store, e, "C", NULL, NULL, NULL);
  g_autoptr(MpAttendee) w = mp_store_register (f->store, e, &walk_in, &error);
  g_autoptr(MpCheckInResult) r1 = mp_store_check_in_registration (f->store, e, mp_attendee_get_registration_id (a), "d", &error);
  g_autoptr(MpCheckInResult) r2 = mp_store_check_in_registration (f->store, e, mp_attendee_get_registration_id (w), "d", &error);
  MpEventCounts counts;
  g_autoptr(MpEvent) event = NULL;

  g_assert_true (mp_store_set_status (f->store, mp_attendee_get_registration_id (c), MP_REGISTRATION_STATUS_CANCELLED, &error));
  g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
  g_assert_cmpuint (counts.registered, ==, 3);
  g_assert_cmpuint (counts.cancelled, ==, 1);
  g_assert_cmpuint (counts.waitlisted, ==, 0);
  g_assert_cmpuint (counts.arrived, ==, 2);
  g_assert_cmpuint (counts.walk_ins, ==, 1);

  event = mp_store_get_event (f->store, e, &error);
  g_assert_cmpuint (mp_event_get_registered (event), ==, 3);
  g_assert_cmpuint (mp_event_get_arrived (event), ==, 2);
  {
    MpEventCounts all;

    mp_event_get_all_counts (event, &all);
    g_assert_cmpmem (&all, sizeof all, &counts, sizeof counts);
  }
}

static void
test_list_in_norwegian_order (MpTestFixture *f,
                              gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  const char *names[] = { "Åse Aasen", "Zahid Ali", "Øystein Berg", "Ærling Dahl", "anne Olsen", "Anders Bø" };
  /* by surname, then given name: Æ Ø Å after Z, "Aa" as Å */
  const char *expected[] = { "Zahid Ali", "Øystein Berg", "Anders Bø", "Ærling Dahl", "anne Olsen", "Åse Aasen" };
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_object_unref (mp_test_register (f->store, e, names[i], NULL, NULL, NULL));

  list = mp_store_list_attendees (f->store, e, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpstr (mp_attendee_get_name (g_ptr_array_index (list, i)), ==, expected[i]);
}

static void
assert_search (MpTestFixture *f,
               gint64         e,
               const char    *query,
               const char    *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = mp_store_search (f->store, e, query, 50, &error);
  g_autoptr(GString) names = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "", mp_attendee_get_name (g_ptr_array_index (hits, i)));
  g_test_message ("%s → %s", query, names->str);
  g_assert_cmpstr (names->str, ==, expected);
}

static void
test_search_norwegian (MpTestFixture *f,
                       gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpAttendee) a = mp_test_register (f->store, e, "Kari Sørensen", "kari.s@nav.no", "NAV Vestland", NULL);
  g_autoptr(MpAttendee) b = mp_test_register (f->store, e, "Per Åsen", NULL, "Bergen kommune", NULL);
  g_autoptr(MpAttendee) c = mp_test_register (f->store, e, "Lise Østby", "lise@redcross.no", "Røde Kors", NULL);
  g_autoptr(MpAttendee) d = mp_test_register (f->store, e, "Олена Коваль", NULL, "Frivilligsentralen", NULL);
  g_autoptr(MpAttendee) late = NULL;

  assert_search (f, e, "Sorensen", "Kari Sørensen");
  assert_search (f, e, "sørensen", "Kari Sørensen");
  assert_search (f, e, "Aasen", "Per Åsen");
  assert_search (f, e, "Ostby", "Lise Østby");
  assert_search (f, e, "kar", "Kari Sørensen");
  assert_search (f, e, "nav", "Kari Sørensen");
  assert_search (f, e, "rode kors", "Lise Østby");
  assert_search (f, e, "redcross", "Lise Østby");
  assert_search (f, e, "олена", "Олена Коваль");
  assert_search (f, e, "per berg", "Per Åsen");
  assert_search (f, e, "per nav", "");
  assert_search (f, e, "ensen", "");
  assert_search (f, e, "", "Kari Sørensen, Lise Østby, Per Åsen, Олена Коваль");

  /* a registration made after the index was built is found at once */
  late = mp_test_register (f->store, e, "Sven Sørli", NULL, NULL, NULL);
  assert_search (f, e, "sor", "Kari Sørensen, Sven Sørli");
}

/* The index folds ASCII text its own way and shares an organisation's
 * words among its people: every query must find exactly whom a plain
 * scan with mp_text_fold () and mp_text_folded_matches () finds, in the
 * list's order. */
static void
test_search_agrees_with_fold (MpTestFixture *f,
                              gconstpointer  data)
{
  static const char *const people[][3] = {
    { "Aasen Aaberg", "aa@aaa.no", "AAA Kommune" },
    { "Kari Kari", "kari@kari.no", "Bergen kommune" },
    { "O'Brien, Sean", "sean.obrien@example.ie", "Bergen kommune" },
    { "Per  Olsen", NULL, "Bergen  Kommune!" },
    { "Per Olsen", "per.olsen2@example.no", NULL },
    { "x__y  Z9", "Z9@x.y", "9 to 5 AS" },
    { "Åse Ødegård", "ase@nav.no", "NAV Vestland" },
    { "Ase Odegaard", "\tase2@nav.no ", "NAV   Vestland" },
    { "Olena Коваль", NULL, "Frivilligsentralen" },
    { "  -Tore-  ", "-tore-@x.no", "-" },
  };
  static const char *const queries[] = {
    "", "a", "aa", "aas", "aasen", "asen", "aab", "abe", "kari", "kari kari", "k", "kom",
    "kommune", "bergen kommune", "o", "obr", "brien", "sean", "per", "per ol", "olsen2",
    "x", "y", "z9", "9", "5", "to", "ase", "åse", "ode", "odeg", "ødegå", "nav vest",
    "kov", "коваль", "tore", "no", "ie", "example", "-", "  ", "zz",
  };
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    g_object_unref (mp_test_register (f->store, e, people[i][0], people[i][1], people[i][2], NULL));

  all = mp_store_list_attendees (f->store, e, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (people));

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GPtrArray) hits = mp_store_search (f->store, e, queries[q], 0, &error);
      g_autofree char *folded_query = mp_text_fold (queries[q]);
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autoptr(GString) found = g_string_new (NULL);

      g_assert_no_error (error);
      for (guint i = 0; i < all->len; i++)
        {
          MpAttendee *a = g_ptr_array_index (all, i);
          g_autofree char *name = mp_text_fold (mp_attendee_get_name (a));
          g_autofree char *organisation = mp_text_fold (mp_attendee_get_organisation (a));
          g_autofree char *email = mp_text_fold (mp_attendee_get_email (a));
          g_autofree char *text = g_strjoin (" ", name, organisation, email, NULL);

          if (mp_text_folded_matches (text, folded_query))
            g_string_append_printf (expected, "%" G_GINT64_FORMAT " ", mp_attendee_get_registration_id (a));
        }
      for (guint i = 0; i < hits->len; i++)
        g_string_append_printf (found, "%" G_GINT64_FORMAT " ",
                                mp_attendee_get_registration_id (g_ptr_array_index (hits, i)));

      g_test_message ("\"%s\" → %s", queries[q], found->str);
      g_assert_cmpstr (found->str, ==, expected->str);
    }
}

static void
test_erase_person (MpTestFixture *f,
                   gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  MpRegistrationInput input = {
    .name = "Fatima Haddad", .email = "fatima@example.no", .phone = "+47 400 00 000",
    .organisation = "Innvandrerrådet", .sector = "innvandrerråd", .dietary = "Halal",
    .consent_followup = MP_CONSENT_YES,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MpAttendee) a = mp_store_register (f->store, e, &input, &error);
  g_autoptr(MpAttendee) after = NULL;
  g_autoptr(MpCheckInResult) r = NULL;
  MpEventCounts before_counts, after_counts;

  g_assert_no_error (error);
  g_assert_true (mp_attendee_get_consent_followup (a));
  r = mp_store_check_in_registration (f->store, e, mp_attendee_get_registration_id (a), "Desk 1", &error);
  g_assert_true (mp_store_get_counts (f->store, e, &before_counts, &error));

  g_assert_true (mp_store_erase_person (f->store, mp_attendee_get_person_id (a), &error));
  g_assert_no_error (error);

  after = mp_store_get_attendee (f->store, mp_attendee_get_registration_id (a), &error);
  g_assert_cmpstr (mp_attendee_get_name (after), ==, "");
  g_assert_cmpstr (mp_attendee_get_email (after), ==, "");
  g_assert_cmpstr (mp_attendee_get_phone (after), ==, "");
  g_assert_cmpstr (mp_attendee_get_dietary (after), ==, "");
  g_assert_false (mp_attendee_get_consent_followup (after));
  g_assert_cmpstr (mp_attendee_get_sector (after), ==, "Innvandrerorganisasjon / innvandrerråd");
  g_assert_true (mp_store_get_counts (f->store, e, &after_counts, &error));
  g_assert_cmpuint (after_counts.arrived, ==, before_counts.arrived);
  g_assert_cmpuint (after_counts.registered, ==, before_counts.registered);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM audit_log WHERE action = 'erase-person' AND subject IS NULL"), ==, 1);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM person WHERE name LIKE '%Fatima%' OR email IS NOT NULL"), ==, 0);

  g_assert_false (mp_store_erase_person (f->store, mp_attendee_get_person_id (a), &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FOUND);
}

static GPtrArray *
make_inputs (const char *const *rows)
{
  GPtrArray *inputs = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; rows[i] != NULL; i += 3)
    {
      MpRegistrationInput *input = g_new0 (MpRegistrationInput, 1);

      input->name = (char *) rows[i];
      input->email = (char *) rows[i + 1];
      input->organisation = (char *) rows[i + 2];
      input->source = MP_REGISTRATION_SOURCE_IMPORT;
      input->consent_followup = MP_CONSENT_YES;
      g_ptr_array_add (inputs, input);
    }

  return inputs;
}

static void
test_import_merges_and_is_idempotent (MpTestFixture *f,
                                      gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  const char *const rows[] = {
    "Kari Nordmann", "kari@nav.no", "NAV",
    "Kari Nordmann", "KARI@nav.no", "NAV Vestland",   /* same e-mail */
    "Ola Nordmann", NULL, "Bergen kommune",
    "Ola Nordmann", NULL, "bergen Kommune",           /* same name and organisation */
    "Ola Nordmann", "ola@other.no", "Røde Kors",       /* another Ola */
    NULL,
  };
  g_autoptr(GPtrArray) inputs = make_inputs (rows);
  g_autoptr(GError) error = NULL;
  MpImportCounts counts;

  /* a dry run tells what would happen and writes nothing */
  g_assert_true (mp_store_import (f->store, e, inputs, TRUE, &counts, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.new_people, ==, 3);
  g_assert_cmpuint (counts.repeated, ==, 2);      /* the same e-mail; the same name and organisation */
  g_assert_cmpuint (counts.new_registrations, ==, 3);
  g_assert_cmpuint (counts.merged + counts.unchanged, ==, 0);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM person"), ==, 0);

  g_assert_true (mp_store_import (f->store, e, inputs, FALSE, &counts, NULL, NULL, NULL, &error));
  g_assert_cmpuint (counts.new_registrations, ==, 3);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM person"), ==, 3);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM registration"), ==, 3);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM consent"), ==, 3);

  /* the same rows again change nothing */
  g_assert_true (mp_store_import (f->store, e, inputs, FALSE, &counts, NULL, NULL, NULL, &error));
  g_assert_cmpuint (counts.new_people, ==, 0);
  g_assert_cmpuint (counts.new_registrations, ==, 0);
  g_assert_cmpuint (counts.unchanged, ==, 3);
  g_assert_cmpuint (counts.repeated, ==, 2);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM person"), ==, 3);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM registration"), ==, 3);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM consent"), ==, 3);
}

static void
test_import_all_or_nothing (MpTestFixture *f,
                            gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  const char *const rows[] = {
    "Kari Nordmann", "kari@nav.no", "NAV",
    "Ola Nordmann", "not an address", "NAV",
    NULL,
  };
  g_autoptr(GPtrArray) inputs = make_inputs (rows);
  g_autoptr(GError) error = NULL;

  g_assert_false (mp_store_import (f->store, e, inputs, FALSE, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM person"), ==, 0);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM organisation"), ==, 0);
}

static void
test_import_disk_full_loses_nothing (MpTestFixture *f,
                                     gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_registration_input_clear);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpAttendee) before = mp_test_register (f->store, e, "Kari Nordmann", NULL, NULL, NULL);
  g_autoptr(MpCheckInResult) r = NULL;
  gint64 pages = mp_test_count_rows (f, "PRAGMA page_count");
  g_autofree char *limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 3);
  MpRegistrationInput *storage = g_new0 (MpRegistrationInput, 3000);

  g_ptr_array_set_free_func (inputs, NULL);
  for (guint i = 0; i < 3000; i++)
    {
      storage[i].name = g_strdup_printf ("Person %u with a long enough name to fill pages", i);
      storage[i].email = g_strdup_printf ("person%u@example.no", i);
      g_ptr_array_add (inputs, &storage[i]);
    }

  /* a disk that fills up halfway */
  g_assert_true (_mp_database_exec (f->db, limit, NULL));
  g_assert_false (mp_store_import (f->store, e, inputs, FALSE, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_FULL);
  g_clear_error (&error);
  g_assert_true (_mp_database_exec (f->db, "PRAGMA max_page_count = 1073741823", NULL));

  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM person"), ==, 1);
  /* and the database still works */
  r = mp_store_check_in_registration (f->store, e, mp_attendee_get_registration_id (before), "d", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_CHECKED_IN);

  for (guint i = 0; i < 3000; i++)
    mp_registration_input_clear (&storage[i]);
  g_free (storage);
}

static void
test_large_import_rebuilds_indexes (MpTestFixture *f,
                                    gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Konferanse");
  gint64 e2 = mp_test_add_event (f->store, "Frokostmøte");
  g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MpAttendee) again = NULL;
  g_autoptr(MpCheckInResult) r = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  MpRegistrationInput *storage = g_new0 (MpRegistrationInput, 2500);
  MpImportCounts counts;

  for (guint i = 0; i < 2500; i++)
    {
      storage[i].name = g_strdup_printf ("Deltaker %u Sørensen", i);
      storage[i].email = g_strdup_printf ("deltaker%u@example.no", i);
      storage[i].source = MP_REGISTRATION_SOURCE_IMPORT;
      g_ptr_array_add (inputs, &storage[i]);
    }

  /* more rows than the tables hold: the import takes the bulk path */
  g_assert_true (mp_store_import (f->store, e, inputs, FALSE, &counts, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.new_registrations, ==, 2500);

  /* the indexes are back, and unique ones still hold */
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                  " AND name IN ('person_email', 'person_name', 'registration_token')"), ==, 3);
  g_assert_false (_mp_database_exec (f->db, "UPDATE person SET email_key = 'deltaker1@example.no' WHERE id = 1", NULL));
  g_assert_cmpint (mp_test_count_rows (f, "PRAGMA integrity_check = 1"), ==, 0 /* "ok" reads as 0 */);

  /* lookups that need them work */
  again = mp_test_register (f->store, e2, "Deltaker 7 Sørensen", "DELTAKER7@example.no", NULL, NULL);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM person"), ==, 2500);
  {
    g_autofree char *text = mp_attendee_dup_ticket_text (again);
    r = mp_store_check_in (f->store, e2, text, "Desk 1", &error);
    g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_CHECKED_IN);
  }
  hits = mp_store_search (f->store, e, "sorensen 2499", 5, &error);
  g_assert_cmpuint (hits->len, ==, 1);

  for (guint i = 0; i < 2500; i++)
    mp_registration_input_clear (&storage[i]);
  g_free (storage);
}

static void
test_check_in_when_locked (MpTestFixture *f,
                           gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpAttendee) kari = mp_test_register (f->store, e, "Kari Nordmann", NULL, NULL, NULL);
  g_autofree char *text = mp_attendee_dup_ticket_text (kari);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) other = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
  g_autoptr(MpCheckInResult) r = NULL;
  g_autoptr(MpCheckInResult) r2 = NULL;

  g_assert_no_error (error);
  /* another desk holds the write lock */
  g_assert_true (_mp_database_exec (other, "BEGIN IMMEDIATE", NULL));
  mp_database_set_busy_timeout (f->db, 50);

  r = mp_store_check_in (f->store, e, text, "Desk 1", &error);
  g_assert_null (r);
  g_assert_error (error, MP_ERROR, MP_ERROR_BUSY);
  g_clear_error (&error);

  g_assert_true (_mp_database_exec (other, "ROLLBACK", NULL));
  r2 = mp_store_check_in (f->store, e, text, "Desk 1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_check_in_result_get_outcome (r2), ==, MP_CHECK_IN_CHECKED_IN);
}

static void
test_two_desks_one_file (MpTestFixture *f,
                         gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpAttendee) kari = mp_test_register (f->store, e, "Kari Nordmann", NULL, NULL, NULL);
  g_autofree char *text = mp_attendee_dup_ticket_text (kari);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db2 = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
  g_autoptr(MpStore) desk2 = mp_store_new (db2);
  g_autoptr(MpCheckInResult) r1 = NULL;
  g_autoptr(MpCheckInResult) r2 = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(MpAttendee) walk_in = NULL;

  /* desk 2 builds its search index, then desk 1 registers a walk-in */
  hits = mp_store_search (desk2, e, "kari", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  walk_in = mp_test_register (f->store, e, "Karim Haddad", NULL, NULL, NULL);
  hits = mp_store_search (desk2, e, "kari", 10, &error);
  g_assert_cmpuint (hits->len, ==, 2);

  r1 = mp_store_check_in (f->store, e, text, "Desk 1", &error);
  g_assert_cmpint (mp_check_in_result_get_outcome (r1), ==, MP_CHECK_IN_CHECKED_IN);
  r2 = mp_store_check_in (desk2, e, text, "Desk 2", &error);
  g_assert_cmpint (mp_check_in_result_get_outcome (r2), ==, MP_CHECK_IN_ALREADY);
  g_assert_cmpstr (mp_check_in_result_get_desk (r2), ==, "Desk 1");
}

/* What mp_store_get_counts() says, counted afresh on a connection of
 * its own (no cache). */
static void
fresh_counts (MpTestFixture *f,
              gint64         event_id,
              MpEventCounts *counts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
  g_autoptr(MpStore) store = mp_store_new (db);

  g_assert_no_error (error);
  g_assert_true (mp_store_get_counts (store, event_id, counts, &error));
  g_assert_no_error (error);
}

static void
assert_result_counts (MpTestFixture   *f,
                      MpCheckInResult *result,
                      gint64           event_id,
                      guint            arrived,
                      guint            walk_ins)
{
  MpEventCounts counts, expected;

  g_assert_true (mp_check_in_result_get_counts (result, &counts));
  fresh_counts (f, event_id, &expected);
  g_assert_cmpmem (&counts, sizeof counts, &expected, sizeof expected);
  g_assert_cmpuint (counts.arrived, ==, arrived);
  g_assert_cmpuint (counts.walk_ins, ==, walk_ins);
}

/* Every scan's result says the event's counts after it, this check-in
 * included, whether the store added them up from its cache or counted
 * them because another desk wrote meanwhile; so does an undo. */
static void
test_check_in_result_counts (MpTestFixture *f,
                             gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  gint64 other = mp_test_add_event (f->store, "Frokostmøte");
  g_autoptr(MpAttendee) kari = mp_test_register (f->store, e, "Kari Nordmann", NULL, NULL, NULL);
  g_autoptr(MpAttendee) per = mp_test_register (f->store, e, "Per Olsen", NULL, NULL, NULL);
  g_autoptr(MpAttendee) elsewhere = mp_test_register (f->store, other, "Åse Berg", NULL, NULL, NULL);
  g_autoptr(MpAttendee) walk_in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kari_text = mp_attendee_dup_ticket_text (kari);
  MpRegistrationInput input = { .name = (char *) "Walk In", .source = MP_REGISTRATION_SOURCE_KIOSK };
  MpEventCounts counts;
  gint64 walk_in_checkin;

  walk_in = mp_store_register (f->store, e, &input, &error);
  g_assert_no_error (error);
  g_assert_true (mp_attendee_is_walk_in (walk_in));
  g_assert_false (mp_attendee_is_walk_in (kari));

  /* a cold cache: counted */
  {
    g_autoptr(MpCheckInResult) r = mp_store_check_in (f->store, e, kari_text, "Dør 1", &error);

    g_assert_no_error (error);
    g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_CHECKED_IN);
    assert_result_counts (f, r, e, 1, 0);
    g_assert_true (mp_check_in_result_get_counts (r, &counts));
    g_assert_cmpuint (counts.registered, ==, 3);
  }
  /* a warm one: added up */
  {
    g_autoptr(MpCheckInResult) r = mp_store_check_in_registration (f->store, e, mp_attendee_get_registration_id (walk_in), "Dør 1", &error);

    assert_result_counts (f, r, e, 2, 1);
    walk_in_checkin = mp_check_in_result_get_checkin_id (r);
  }
  /* scans that write nothing say the counts as they are */
  {
    g_autoptr(MpCheckInResult) again = mp_store_check_in (f->store, e, kari_text, "Dør 1", &error);
    g_autoptr(MpCheckInResult) junk = mp_store_check_in (f->store, e, "hello", "Dør 1", &error);
    g_autoptr(MpCheckInResult) wrong = mp_store_check_in_registration (f->store, e, mp_attendee_get_registration_id (elsewhere), "Dør 1", &error);

    g_assert_cmpint (mp_check_in_result_get_outcome (again), ==, MP_CHECK_IN_ALREADY);
    assert_result_counts (f, again, e, 2, 1);
    g_assert_cmpint (mp_check_in_result_get_outcome (junk), ==, MP_CHECK_IN_NOT_A_TICKET);
    assert_result_counts (f, junk, e, 2, 1);
    assert_result_counts (f, wrong, e, 2, 1);
  }
  /* another desk checks Per in: this desk's next result knows */
  {
    g_autoptr(MpDatabase) db2 = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
    g_autoptr(MpStore) desk2 = mp_store_new (db2);
    g_autoptr(MpCheckInResult) theirs = mp_store_check_in_registration (desk2, e, mp_attendee_get_registration_id (per), "Dør 2", &error);
    g_autoptr(MpCheckInResult) mine = mp_store_check_in (f->store, e, "hello", "Dør 1", &error);

    assert_result_counts (f, theirs, e, 3, 1);
    assert_result_counts (f, mine, e, 3, 1);
  }
  /* an undo says the counts after it */
  g_assert_true (mp_store_undo_check_in_full (f->store, walk_in_checkin, "Dør 1", &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.arrived, ==, 2);
  g_assert_cmpuint (counts.walk_ins, ==, 0);
  {
    MpEventCounts expected;

    fresh_counts (f, e, &expected);
    g_assert_cmpmem (&counts, sizeof counts, &expected, sizeof expected);
    /* and the cache the next scan adds to agrees */
    g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
    g_assert_cmpmem (&counts, sizeof counts, &expected, sizeof expected);
  }
}

/* The desk name: trimmed, else this computer's name; the kiosk's is
 * "Kiosk" in every language; the store records it so. */
static void
test_desk_name (MpTestFixture *f,
                gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpAttendee) kari = mp_test_register (f->store, e, "Kari Nordmann", NULL, NULL, NULL);
  g_autoptr(MpAttendee) per = mp_test_register (f->store, e, "Per Olsen", NULL, NULL, NULL);
  g_autoptr(MpCheckInResult) r1 = NULL;
  g_autoptr(MpCheckInResult) r2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = mp_desk_name_resolve ("  Dør 2 \t", MP_DESK_KIND_DESK);
  g_autofree char *unset = mp_desk_name_resolve ("   ", MP_DESK_KIND_DESK);
  g_autofree char *none = mp_desk_name_resolve (NULL, MP_DESK_KIND_DESK);
  g_autofree char *kiosk = mp_desk_name_resolve ("", MP_DESK_KIND_KIOSK);
  g_autofree char *named_kiosk = mp_desk_name_resolve (" Inngang A ", MP_DESK_KIND_KIOSK);

  g_assert_cmpstr (trimmed, ==, "Dør 2");
  g_assert_cmpstr (unset, ==, g_get_host_name ());
  g_assert_cmpstr (none, ==, g_get_host_name ());
  g_assert_cmpstr (kiosk, ==, "Kiosk");
  g_assert_cmpstr (named_kiosk, ==, "Inngang A");

  r1 = mp_store_check_in_registration (f->store, e, mp_attendee_get_registration_id (kari), " Dør 2 ", &error);
  g_assert_cmpstr (mp_check_in_result_get_desk (r1), ==, "Dør 2");
  r2 = mp_store_check_in_registration (f->store, e, mp_attendee_get_registration_id (per), NULL, &error);
  g_assert_cmpstr (mp_check_in_result_get_desk (r2), ==, g_get_host_name ());
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM checkin WHERE desk = 'Dør 2'"), ==, 1);
}

/* The default sectors read in the reader's language; others as stored. */
static void
test_sector_display_name (void)
{
  g_assert_cmpstr (mp_sector_display_name ("Kommune"), ==, "Municipality");
  g_assert_cmpstr (mp_sector_display_name ("Frivillig organisasjon"), ==, "Voluntary organisation");
  g_assert_cmpstr (mp_sector_display_name ("Idrettslag"), ==, "Idrettslag");
  g_assert_null (mp_sector_display_name (NULL));
  g_assert_true (mp_registration_source_is_walk_in (MP_REGISTRATION_SOURCE_DESK));
  g_assert_true (mp_registration_source_is_walk_in (MP_REGISTRATION_SOURCE_KIOSK));
  g_assert_false (mp_registration_source_is_walk_in (MP_REGISTRATION_SOURCE_IMPORT));
  g_assert_false (mp_registration_source_is_walk_in (MP_REGISTRATION_SOURCE_MANUAL));
}

/* One line that adds up: registered of capacity, places left, the
 * waiting list and the cancelled apart; arrivals only once they say
 * something. */
static void
test_event_summary (void)
{
  MpEventCounts counts = { .registered = 52, .waitlisted = 4, .cancelled = 3, .arrived = 0 };
  g_autoptr(MpEvent) event = mp_event_new ();
  g_autofree char *with_capacity = mp_event_summary_places (&counts, 80);
  g_autofree char *full = mp_event_summary_places (&counts, 52);
  g_autofree char *over = mp_event_summary_places (&counts, 50);
  g_autofree char *no_limit = mp_event_summary_places (&counts, -1);
  g_autofree char *upcoming = NULL;
  g_autofree char *begun = NULL;
  MpEventCounts bare = { .registered = 1 };
  g_autofree char *one = mp_event_summary_places (&bare, 2);

  g_assert_cmpstr (with_capacity, ==, "52 of 80 registered · 28 places left · 4 on the waiting list · 3 cancelled");
  g_assert_cmpstr (full, ==, "52 of 52 registered · full · 4 on the waiting list · 3 cancelled");
  g_assert_cmpstr (over, ==, "52 of 50 registered · 2 over capacity · 4 on the waiting list · 3 cancelled");
  g_assert_cmpstr (no_limit, ==, "52 registered · 4 on the waiting list · 3 cancelled");
  g_assert_cmpstr (one, ==, "1 of 2 registered · 1 place left");

  mp_event_set_starts_at (event, 2000000000);
  mp_event_set_capacity (event, 80);
  mp_event_set_all_counts (event, &counts);
  upcoming = mp_event_summary (event, 1900000000);
  g_assert_cmpstr (upcoming, ==, "52 of 80 registered · 28 places left · 4 on the waiting list · 3 cancelled");
  begun = mp_event_summary (event, 2000000001);
  g_assert_cmpstr (begun, ==, "52 of 80 registered · 28 places left · 4 on the waiting list · 3 cancelled · 0 arrived");
  g_assert_false (mp_event_summary_shows_arrived (event, 1999999999));
  counts.arrived = 1;
  mp_event_set_all_counts (event, &counts);
  g_assert_true (mp_event_summary_shows_arrived (event, 1999999999));
  g_assert_cmpuint (mp_event_get_registered (event), ==, 52);
}

/* An event's contact person is kept; the demo's events are examples,
 * removed together, with their registrations, and nothing else is. */
static void
test_event_contact_and_examples (MpTestFixture *f,
                                 gconstpointer  data)
{
  g_autoptr(MpEvent) real = mp_event_new ();
  g_autoptr(MpEvent) back = NULL;
  g_autoptr(MpEvent) too_long = mp_event_new ();
  g_autoptr(GArray) examples = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpAttendee) kari = NULL;
  g_autofree char *long_contact = g_strnfill (MP_TEXT_MAX_CONTACT + 1, 'k');
  guint n = 0;

  mp_event_set_title (real, "Dialogmøte i Hamar");
  mp_event_set_starts_at (real, 1773129600);
  mp_event_set_contact (real, "  Kari Nordmann,\t 912 34 567 ");
  g_assert_true (mp_store_add_event (f->store, real, &error));
  g_assert_no_error (error);
  back = mp_store_get_event (f->store, mp_event_get_id (real), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mp_event_get_contact (back), ==, "Kari Nordmann, 912 34 567");
  g_assert_false (mp_event_get_example (back));
  kari = mp_test_register (f->store, mp_event_get_id (real), "Kari Nordmann", "kari@hamar.kommune.no", NULL, NULL);

  mp_event_set_title (too_long, "For lang");
  mp_event_set_starts_at (too_long, 1773129600);
  mp_event_set_contact (too_long, long_contact);
  g_assert_false (mp_store_add_event (f->store, too_long, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (mp_demo_populate (f->store, &error));
  g_assert_no_error (error);
  examples = mp_store_list_example_events (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (examples->len, ==, 3);
  for (guint i = 0; i < examples->len; i++)
    {
      g_autoptr(MpEvent) example = mp_store_get_event (f->store, g_array_index (examples, gint64, i), &error);

      g_assert_no_error (error);
      g_assert_true (mp_event_get_example (example));
    }

  g_assert_true (mp_store_delete_example_events (f->store, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM event"), ==, 1);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM registration"), ==, 1);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM audit_log WHERE action = 'delete-event'"), ==, 3);
  g_clear_pointer (&examples, g_array_unref);
  examples = mp_store_list_example_events (f->store, &error);
  g_assert_cmpuint (examples->len, ==, 0);
  /* none left: nothing to do, and that is no error */
  g_assert_true (mp_store_delete_example_events (f->store, &n, &error));
  g_assert_cmpuint (n, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  MP_TEST_ADD ("/store/event/upcoming-first", test_events_upcoming_first);
  MP_TEST_ADD ("/store/event/needs-title", test_event_needs_title);
  MP_TEST_ADD ("/store/event/update-and-delete", test_event_update_and_delete);
  MP_TEST_ADD ("/store/event/contact-and-examples", test_event_contact_and_examples);
  MP_TEST_ADD ("/store/register/merges-people", test_register_merges_people);
  MP_TEST_ADD ("/store/register/rejects-bad-input", test_register_rejects_bad_input);
  MP_TEST_ADD ("/store/check-in/outcomes", test_check_in_outcomes);
  MP_TEST_ADD ("/store/check-in/undo-is-a-record", test_undo_check_in);
  MP_TEST_ADD ("/store/check-in/locked-database", test_check_in_when_locked);
  MP_TEST_ADD ("/store/check-in/two-desks-one-file", test_two_desks_one_file);
  MP_TEST_ADD ("/store/counts", test_counts);
  MP_TEST_ADD ("/store/check-in/result-carries-the-counts", test_check_in_result_counts);
  MP_TEST_ADD ("/store/check-in/desk-name-trimmed-or-host", test_desk_name);
  g_test_add_func ("/store/sector/display-name-and-walk-in-rule", test_sector_display_name);
  MP_TEST_ADD ("/store/list/norwegian-order", test_list_in_norwegian_order);
  MP_TEST_ADD ("/store/search/norwegian", test_search_norwegian);
  MP_TEST_ADD ("/store/search/agrees-with-fold", test_search_agrees_with_fold);
  MP_TEST_ADD ("/store/erase-person", test_erase_person);
  MP_TEST_ADD ("/store/import/merges-and-is-idempotent", test_import_merges_and_is_idempotent);
  MP_TEST_ADD ("/store/import/all-or-nothing", test_import_all_or_nothing);
  MP_TEST_ADD ("/store/import/disk-full-loses-nothing", test_import_disk_full_loses_nothing);
  MP_TEST_ADD ("/store/import/large-rebuilds-indexes", test_large_import_rebuilds_indexes);
  g_test_add_func ("/store/event-summary", test_event_summary);

  return g_test_run ();
}
