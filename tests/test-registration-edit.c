/* Editing a registration afterwards, its check-in history, and counts
 * formatted for people. */
#include "config.h"

#include <locale.h>

#include "mp-test-util.h"

#include "mp-attendee-list.h"
#include "mp-number.h"
#include "mp-registration-edit.h"

static gint64
add_event (MpTestFixture *f)
{
  g_autoptr(MpEvent) event = mp_event_new ();
  g_autoptr(GError) error = NULL;

  mp_event_set_title (event, "Dialogmøte");
  mp_event_set_starts_at (event, 1900000000);
  g_assert_true (mp_store_add_event (f->store, event, &error));
  return mp_event_get_id (event);
}

static MpAttendee *
register_person (MpTestFixture *f,
                 gint64         event_id,
                 const char    *name,
                 const char    *email)
{
  g_autoptr(GError) error = NULL;
  MpRegistrationInput input = { 0 };
  MpAttendee *attendee;

  input.name = g_strdup (name);
  input.email = g_strdup (email);
  input.organisation = g_strdup ("Molde kommune");
  input.sector = g_strdup ("Kommune");
  attendee = mp_store_register (f->store, event_id, &input, &error);
  g_assert_no_error (error);
  mp_registration_input_clear (&input);
  return attendee;
}

static void
test_edit_changes_person_and_registration (MpTestFixture *f,
                                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id = add_event (f);
  g_autoptr(MpAttendee) kari = register_person (f, event_id, "Kari Nordmann", "kari@molde.kommune.no");
  g_autoptr(MpAttendeeList) list = mp_attendee_list_new (f->store, event_id, &error);
  g_autoptr(MpAttendee) after = NULL;
  MpRegistrationInput input = { 0 };

  input.name = g_strdup ("  Kari   Sørensen ");
  input.email = g_strdup ("Kari.Sorensen@NAV.no");
  input.phone = g_strdup ("+47 900 00 000");
  input.organisation = g_strdup ("NAV Ålesund");
  input.sector = g_strdup ("nav");
  input.dietary = g_strdup ("Vegetar");
  input.status = MP_REGISTRATION_STATUS_WAITLISTED;
  g_assert_true (mp_store_update_registration (f->store, mp_attendee_get_registration_id (kari), &input, &error));
  g_assert_no_error (error);
  mp_registration_input_clear (&input);

  after = mp_store_get_attendee (f->store, mp_attendee_get_registration_id (kari), &error);
  g_assert_cmpstr (mp_attendee_get_name (after), ==, "Kari Sørensen");
  g_assert_cmpstr (mp_attendee_get_email (after), ==, "Kari.Sorensen@NAV.no");
  g_assert_cmpstr (mp_attendee_get_phone (after), ==, "+47 900 00 000");
  g_assert_cmpstr (mp_attendee_get_organisation (after), ==, "NAV Ålesund");
  g_assert_cmpstr (mp_attendee_get_sector (after), ==, "NAV");
  g_assert_cmpstr (mp_attendee_get_dietary (after), ==, "Vegetar");
  g_assert_cmpint (mp_attendee_get_status (after), ==, MP_REGISTRATION_STATUS_WAITLISTED);

  /* The search finds the new name after a reload, not the old one. */
  g_assert_true (mp_attendee_list_reload (list, &error));
  mp_attendee_list_set_query (list, "sorensen");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  mp_attendee_list_set_query (list, "nordmann");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

static void
test_edit_refuses_bad_input_and_writes_nothing (MpTestFixture *f,
                                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id = add_event (f);
  g_autoptr(MpAttendee) kari = register_person (f, event_id, "Kari Nordmann", "kari@molde.kommune.no");
  g_autoptr(MpAttendee) ola = register_person (f, event_id, "Ola Nordmann", "ola@molde.kommune.no");
  g_autoptr(MpAttendee) after = NULL;
  MpRegistrationInput input = { 0 };
  gint64 id = mp_attendee_get_registration_id (kari);

  g_assert_cmpstr (mp_attendee_get_email (ola), ==, "ola@molde.kommune.no");
  input.name = g_strdup (" ");
  g_assert_false (mp_store_update_registration (f->store, id, &input, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_clear_error (&error);

  g_free (input.name);
  input.name = g_strdup ("Kari Nordmann");
  input.email = g_strdup ("not an address");
  g_assert_false (mp_store_update_registration (f->store, id, &input, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_clear_error (&error);

  g_free (input.email);
  input.email = g_strdup ("OLA@molde.kommune.no");
  g_assert_false (mp_store_update_registration (f->store, id, &input, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_EXISTS);
  g_clear_error (&error);

  g_free (input.email);
  input.email = NULL;
  input.sector = g_strdup ("Ingen slik sektor");
  g_assert_false (mp_store_update_registration (f->store, id, &input, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (mp_store_update_registration (f->store, 999999, &input, &error));
  g_clear_error (&error);
  mp_registration_input_clear (&input);

  after = mp_store_get_attendee (f->store, id, &error);
  g_assert_cmpstr (mp_attendee_get_email (after), ==, "kari@molde.kommune.no");
  g_assert_cmpstr (mp_attendee_get_sector (after), ==, "Kommune");
}

static void
test_check_in_history_lists_undos (MpTestFixture *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id = add_event (f);
  g_autoptr(MpAttendee) kari = register_person (f, event_id, "Kari Nordmann", NULL);
  gint64 id = mp_attendee_get_registration_id (kari);
  g_autoptr(MpCheckInResult) first = mp_store_check_in_registration (f->store, event_id, id, "Dør 1", &error);
  g_autoptr(MpCheckInResult) second = NULL;
  g_autoptr(GPtrArray) history = NULL;
  MpCheckInRecord *r;

  g_assert_true (mp_store_undo_check_in (f->store, mp_check_in_result_get_checkin_id (first), "Dør 2", &error));
  second = mp_store_check_in_registration (f->store, event_id, id, "Dør 2", &error);
  g_assert_no_error (error);

  history = mp_store_list_check_in_history (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  r = g_ptr_array_index (history, 0);
  g_assert_false (r->is_undo);
  g_assert_cmpstr (r->desk, ==, "Dør 1");
  r = g_ptr_array_index (history, 1);
  g_assert_true (r->is_undo);
  g_assert_cmpint (r->undoes, ==, mp_check_in_result_get_checkin_id (first));
  g_assert_cmpstr (r->desk, ==, "Dør 2");
  r = g_ptr_array_index (history, 2);
  g_assert_false (r->is_undo);
  g_assert_cmpint (r->checkin_id, ==, mp_check_in_result_get_checkin_id (second));
  g_assert_cmpint (r->at, >, 0);

  g_clear_pointer (&history, g_ptr_array_unref);
  history = mp_store_list_check_in_history (f->store, 999999, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 0);
}

static void
test_number_grouping_follows_locale (void)
{
  g_autofree char *plain = NULL;
  g_autofree char *grouped = NULL;
  char *old = g_strdup (setlocale (LC_NUMERIC, NULL));

  setlocale (LC_NUMERIC, "C");
  plain = mp_number_format (100000);
  g_assert_cmpstr (plain, ==, "100000");

  if (setlocale (LC_NUMERIC, "nb_NO.UTF-8") == NULL)
    g_test_message ("nb_NO.UTF-8 is not installed: grouping not checked");
  else
    {
      grouped = mp_number_format (100000);
      /* "100 000" with the locale's (no-break) space */
      g_assert_true (g_str_has_prefix (grouped, "100"));
      g_assert_true (g_str_has_suffix (grouped, "000"));
      g_assert_cmpuint (strlen (grouped), >, 6);
      g_assert_true (g_utf8_validate (grouped, -1, NULL));
    }

  setlocale (LC_NUMERIC, old);
  g_free (old);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  MP_TEST_ADD ("/registration-edit/changes-person-and-registration", test_edit_changes_person_and_registration);
  MP_TEST_ADD ("/registration-edit/refuses-bad-input-and-writes-nothing", test_edit_refuses_bad_input_and_writes_nothing);
  MP_TEST_ADD ("/registration-edit/check-in-history-lists-undos", test_check_in_history_lists_undos);
  g_test_add_func ("/number/grouping-follows-locale", test_number_grouping_follows_locale);

  return g_test_run ();
}
