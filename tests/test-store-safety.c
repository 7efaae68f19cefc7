/* What attacking the store found (issue 12), held shut where the data
 * comes in, for the window, the desk, the kiosk, the CLI and the import
 * alike: texts cleaned and capped, an erased person's ticket refused,
 * capacity kept, a withdrawal that outlives an old file, an erasure that
 * says whether its traces are gone. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "mp-mailing.h"
#include "mp-privacy.h"
#include "mp-test-util.h"
#include "mp-text.h"

static MpAttendee *
register_input (MpStore              *store,
                gint64                event_id,
                MpRegistrationInput  *input,
                GError              **error)
{
  return mp_store_register (store, event_id, input, error);
}

static gint64
add_event_with_capacity (MpStore *store,
                         int      capacity)
{
  g_autoptr(MpEvent) event = mp_event_new ();
  g_autoptr(GError) error = NULL;

  mp_event_set_title (event, "Frokostmøte");
  mp_event_set_starts_at (event, g_get_real_time () / G_USEC_PER_SEC + 86400);
  mp_event_set_capacity (event, capacity);
  g_assert_true (mp_store_add_event (store, event, &error));
  g_assert_no_error (error);
  return mp_event_get_id (event);
}

/* Names, organisations and answers lose control characters, escapes
 * and bidi overrides, and keep every letter, from any way in. */
static void
test_register_cleans_texts (MpTestFixture *f,
                            gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  const MpRegistrationSource sources[] = {
    MP_REGISTRATION_SOURCE_MANUAL, MP_REGISTRATION_SOURCE_DESK, MP_REGISTRATION_SOURCE_KIOSK,
  };

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MpAttendee) a = NULL;
      g_autofree char *name = g_strdup_printf ("Kari\e[31m \e]0;x\aNordmann\x01 %u", i);
      MpRegistrationInput input = {
        .name = name,
        .organisation = (char *) "NAV\u202e Vestland\e[0m",
        .dietary = (char *) "Vegetar\r\n\e[2J",
        .source = sources[i],
      };

      a = register_input (f->store, e, &input, &error);
      g_assert_no_error (error);
      g_assert_null (strchr (mp_attendee_get_name (a), '\e'));
      g_assert_true (g_str_has_prefix (mp_attendee_get_name (a), "Kari Nordmann "));
      g_assert_cmpstr (mp_attendee_get_organisation (a), ==, "NAV Vestland");
      g_assert_cmpstr (mp_attendee_get_dietary (a), ==, "Vegetar");
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MpAttendee) a = NULL;
    MpRegistrationInput input = { .name = (char *) "Олена Коваль", .organisation = (char *) "جمعية" };

    a = register_input (f->store, e, &input, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (mp_attendee_get_name (a), ==, "Олена Коваль");
    g_assert_cmpstr (mp_attendee_get_organisation (a), ==, "جمعية");
  }
}

/* Each field has its length; past it, a clear error and nothing written. */
static void
test_register_caps_lengths (MpTestFixture *f,
                            gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autofree char *long_name = g_strnfill (MP_TEXT_MAX_NAME + 1, 'n');
  g_autofree char *long_org = g_strnfill (MP_TEXT_MAX_ORGANISATION + 1, 'o');
  g_autofree char *long_answer = g_strnfill (MP_TEXT_MAX_ANSWER + 1, 'a');
  g_autofree char *max_name = g_strnfill (MP_TEXT_MAX_NAME, 'n');
  MpRegistrationInput too_long[] = {
    { .name = long_name },
    { .name = (char *) "Kari", .organisation = long_org },
    { .name = (char *) "Kari", .interpreter = long_answer },
  };

  for (guint i = 0; i < G_N_ELEMENTS (too_long); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (register_input (f->store, e, &too_long[i], &error));
      g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "characters long"));
    }
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM person"), ==, 0);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM organisation"), ==, 0);

  {
    g_autoptr(GError) error = NULL;
    MpRegistrationInput input = { .name = max_name };
    g_autoptr(MpAttendee) a = register_input (f->store, e, &input, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (strlen (mp_attendee_get_name (a)), ==, MP_TEXT_MAX_NAME);
  }
}

static void
test_import_cleans_texts (MpTestFixture *f,
                          gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_org = g_strnfill (MP_TEXT_MAX_ORGANISATION + 1, 'o');
  MpRegistrationInput row = {
    .name = (char *) "Per\e[1m Hansen",
    .organisation = (char *) "Røde\x7f Kors",
    .accessibility = (char *) "Rullestol\e]8;;http://x\e\\",
    .source = MP_REGISTRATION_SOURCE_IMPORT,
  };
  MpRegistrationInput bad = { .name = (char *) "Ola", .organisation = long_org, .source = MP_REGISTRATION_SOURCE_IMPORT };

  g_ptr_array_add (inputs, &row);
  g_assert_true (mp_store_import (f->store, e, inputs, FALSE, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  attendees = mp_store_list_attendees (f->store, e, &error);
  g_assert_cmpuint (attendees->len, ==, 1);
  g_assert_cmpstr (mp_attendee_get_name (g_ptr_array_index (attendees, 0)), ==, "Per Hansen");
  g_assert_cmpstr (mp_attendee_get_organisation (g_ptr_array_index (attendees, 0)), ==, "Røde Kors");
  g_assert_cmpstr (mp_attendee_get_accessibility (g_ptr_array_index (attendees, 0)), ==, "Rullestol");

  /* all or nothing, as ever */
  g_ptr_array_add (inputs, &bad);
  g_assert_false (mp_store_import (f->store, e, inputs, FALSE, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM person"), ==, 1);
}

/* A 100,000-character title was taken; a title with escapes was stored
 * as typed. Both ways in (add and update). */
static void
test_event_texts (MpTestFixture *f,
                  gconstpointer  data)
{
  g_autoptr(MpEvent) event = mp_event_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(GError) error3 = NULL;
  g_autofree char *huge = g_strnfill (100000, 'T');
  g_autofree char *max_title = g_strnfill (MP_TEXT_MAX_TITLE, 'T');
  g_autoptr(MpEvent) stored = NULL;

  mp_event_set_title (event, huge);
  mp_event_set_starts_at (event, 1770000000);
  g_assert_false (mp_store_add_event (f->store, event, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "event title may be at most 200"));
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM event"), ==, 0);

  mp_event_set_title (event, "Dialogmøte\e[5m\u202e om\ninkludering");
  mp_event_set_venue (event, "Fylkeshuset\a");
  mp_event_set_description (event, "Første linje\r\n\r\n\r\nAndre\e[0m linje");
  g_assert_true (mp_store_add_event (f->store, event, &error2));
  g_assert_no_error (error2);
  stored = mp_store_get_event (f->store, mp_event_get_id (event), &error2);
  g_assert_cmpstr (mp_event_get_title (stored), ==, "Dialogmøte om inkludering");
  g_assert_cmpstr (mp_event_get_venue (stored), ==, "Fylkeshuset");
  g_assert_cmpstr (mp_event_get_description (stored), ==, "Første linje\n\nAndre linje");

  mp_event_set_title (event, max_title);
  g_assert_true (mp_store_update_event (f->store, event, &error3));
  mp_event_set_title (event, huge);
  g_assert_false (mp_store_update_event (f->store, event, &error3));
  g_assert_error (error3, MP_ERROR, MP_ERROR_INVALID);
  g_clear_object (&stored);
  stored = mp_store_get_event (f->store, mp_event_get_id (event), NULL);
  g_assert_cmpstr (mp_event_get_title (stored), ==, max_title);
}

/* The desk name a check-in records: clean, and at most 60 characters
 * (120 KB was taken); a refused one records nothing. */
static void
test_check_in_desk_name (MpTestFixture *f,
                         gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpAttendee) kari = mp_test_register (f->store, e, "Kari Nordmann", NULL, NULL, NULL);
  g_autoptr(MpAttendee) per = mp_test_register (f->store, e, "Per Hansen", NULL, NULL, NULL);
  g_autofree char *kari_ticket = mp_attendee_dup_ticket_text (kari);
  g_autofree char *per_ticket = mp_attendee_dup_ticket_text (per);
  g_autofree char *huge = g_strnfill (120 * 1024, 'd');
  g_autoptr(MpCheckInResult) result = NULL;
  g_autoptr(MpCheckInResult) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;

  result = mp_store_check_in (f->store, e, kari_ticket, "Desk\e[2J\e[H 2\x07", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mp_check_in_result_get_desk (result), ==, "Desk 2");
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM checkin WHERE desk = 'Desk 2'"), ==, 1);

  refused = mp_store_check_in (f->store, e, per_ticket, huge, &error2);
  g_assert_null (refused);
  g_assert_error (error2, MP_ERROR, MP_ERROR_INVALID);
  g_assert_nonnull (strstr (error2->message, "desk name may be at most 60"));
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM checkin"), ==, 1);
}

/* An erased person's ticket checked in ("Welcome,  (Org)"); now it is
 * not valid, scanned or picked by registration, and records nothing. */
static void
test_erased_ticket_not_valid (MpTestFixture *f,
                              gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpAttendee) kari = mp_test_register (f->store, e, "Kari Nordmann", "kari@nav.no", "NAV", NULL);
  g_autofree char *ticket = mp_attendee_dup_ticket_text (kari);
  g_autoptr(MpCheckInResult) scanned = NULL;
  g_autoptr(MpCheckInResult) picked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_assert_true (mp_store_erase_person (f->store, mp_attendee_get_person_id (kari), &error));
  g_assert_no_error (error);

  scanned = mp_store_check_in (f->store, e, ticket, "Desk 1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_check_in_result_get_outcome (scanned), ==, MP_CHECK_IN_NOT_VALID);
  g_assert_false (mp_check_in_result_is_admitted (scanned));
  g_assert_null (mp_check_in_result_get_attendee (scanned));
  message = mp_check_in_result_dup_message (scanned);
  g_assert_cmpstr (message, ==, "This ticket is no longer valid");

  picked = mp_store_check_in_registration (f->store, e, mp_attendee_get_registration_id (kari), "Desk 1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_check_in_result_get_outcome (picked), ==, MP_CHECK_IN_NOT_VALID);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM checkin"), ==, 0);
}

/* Capacity is a promise: past it, registration, walk-in and kiosk go to
 * the waiting list; the organiser can let someone in past it. */
static void
test_capacity_register (MpTestFixture *f,
                        gconstpointer  data)
{
  gint64 e = add_event_with_capacity (f->store, 2);
  const struct { const char *name; MpRegistrationSource source; gboolean over; MpRegistrationStatus status; } rows[] = {
    { "En", MP_REGISTRATION_SOURCE_MANUAL, FALSE, MP_REGISTRATION_STATUS_REGISTERED },
    { "To", MP_REGISTRATION_SOURCE_MANUAL, FALSE, MP_REGISTRATION_STATUS_REGISTERED },
    { "Tre", MP_REGISTRATION_SOURCE_MANUAL, FALSE, MP_REGISTRATION_STATUS_WAITLISTED },
    { "Fire", MP_REGISTRATION_SOURCE_DESK, FALSE, MP_REGISTRATION_STATUS_WAITLISTED },
    { "Fem", MP_REGISTRATION_SOURCE_KIOSK, FALSE, MP_REGISTRATION_STATUS_WAITLISTED },
    { "Seks", MP_REGISTRATION_SOURCE_DESK, TRUE, MP_REGISTRATION_STATUS_REGISTERED },
  };
  MpEventCounts counts;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      MpRegistrationInput input = { .name = (char *) rows[i].name, .source = rows[i].source,
                                    .over_capacity = rows[i].over };
      g_autoptr(MpAttendee) a = register_input (f->store, e, &input, &error);

      g_assert_no_error (error);
      g_test_message ("%s", rows[i].name);
      g_assert_cmpint (mp_attendee_get_status (a), ==, rows[i].status);
    }

  g_assert_true (mp_store_get_counts (f->store, e, &counts, NULL));
  g_assert_cmpuint (counts.registered, ==, 3);
  g_assert_cmpuint (counts.waitlisted, ==, 3);

  /* a walk-in past capacity is on the waiting list at the door too */
  {
    g_autoptr(GError) error = NULL;
    MpRegistrationInput input = { .name = (char *) "Sju", .source = MP_REGISTRATION_SOURCE_KIOSK };
    g_autoptr(MpAttendee) a = register_input (f->store, e, &input, &error);
    g_autoptr(MpCheckInResult) result = mp_store_check_in_registration (f->store, e, mp_attendee_get_registration_id (a),
                                                                        "Kiosk", &error);

    g_assert_cmpint (mp_check_in_result_get_outcome (result), ==, MP_CHECK_IN_WAITLISTED);
  }
}

static GPtrArray *
people_inputs (guint n)
{
  static const char *names[] = { "Anne Aas", "Bjørn Berg", "Cecilie Dahl", "Dawit Tesfaye", "Eva Lie" };
  GPtrArray *inputs = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (names));
  for (guint i = 0; i < n; i++)
    {
      MpRegistrationInput *input = g_new0 (MpRegistrationInput, 1);

      input->name = (char *) names[i];
      input->source = MP_REGISTRATION_SOURCE_IMPORT;
      g_ptr_array_add (inputs, input);
    }
  return inputs;
}

static void
test_capacity_import (MpTestFixture *f,
                      gconstpointer  data)
{
  gint64 e = add_event_with_capacity (f->store, 3);
  gint64 open_event = add_event_with_capacity (f->store, 3);
  g_autoptr(GPtrArray) inputs = people_inputs (5);
  g_autoptr(GError) error = NULL;
  MpImportCounts dry = { 0, }, real = { 0, }, over = { 0, };
  MpEventCounts counts;

  g_assert_true (mp_store_import (f->store, e, inputs, TRUE, &dry, NULL, NULL, NULL, &error));
  g_assert_cmpuint (dry.new_registrations, ==, 5);
  g_assert_cmpuint (dry.past_capacity, ==, 2);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM registration"), ==, 0);

  g_assert_true (mp_store_import (f->store, e, inputs, FALSE, &real, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (real.past_capacity, ==, 2);
  g_assert_true (mp_store_get_counts (f->store, e, &counts, NULL));
  g_assert_cmpuint (counts.registered, ==, 3);
  g_assert_cmpuint (counts.waitlisted, ==, 2);

  for (guint i = 0; i < inputs->len; i++)
    ((MpRegistrationInput *) g_ptr_array_index (inputs, i))->over_capacity = TRUE;
  g_assert_true (mp_store_import (f->store, open_event, inputs, FALSE, &over, NULL, NULL, NULL, &error));
  g_assert_cmpuint (over.past_capacity, ==, 0);
  g_assert_true (mp_store_get_counts (f->store, open_event, &counts, NULL));
  g_assert_cmpuint (counts.registered, ==, 5);
}

static guint
mailing_size (MpTestFixture *f,
              gint64         event_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = mp_mailing_list (f->store, &event_id, 1, 0, FALSE, &error);

  g_assert_no_error (error);
  return entries->len;
}

static GPtrArray *
consent_rows (MpTestFixture *f,
              gint64         person_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = mp_store_export_person_json (f->store, person_id, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *consents;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  consents = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "consents");
  for (guint i = 0; i < json_array_get_length (consents); i++)
    g_ptr_array_add (rows, json_object_ref (json_array_get_object_element (consents, i)));
  return rows;
}

static MpImportCounts
import_yes (MpTestFixture *f,
            gint64         event_id,
            gint64         answered_at)
{
  MpRegistrationInput kari = {
    .name = (char *) "Kari Nordmann", .email = (char *) "kari@nav.no",
    .consent_followup = MP_CONSENT_YES, .source = MP_REGISTRATION_SOURCE_IMPORT,
    .answered_at = answered_at,
  };
  g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  MpImportCounts counts = { 0, };

  g_ptr_array_add (inputs, &kari);
  g_assert_true (mp_store_import (f->store, event_id, inputs, FALSE, &counts, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return counts;
}

/* Withdraw, import the same file again ("0 new … already registered"):
 * the person stayed on the mailing list. Now the withdrawal stands, the
 * history says why, and saying it twice adds nothing. */
static void
test_consent_reimport_keeps_withdrawal (MpTestFixture *f,
                                        gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  MpImportCounts again;
  gint64 person;

  import_yes (f, e, 0);
  person = mp_test_count_rows (f, "SELECT id FROM person");
  g_assert_cmpuint (mailing_size (f, e), ==, 1);
  g_assert_true (mp_store_withdraw_consent (f->store, person, MP_CONSENT_KIND_FOLLOWUP, &error));
  g_assert_cmpuint (mailing_size (f, e), ==, 0);

  again = import_yes (f, e, 0);
  g_assert_cmpuint (again.unchanged, ==, 1);
  g_assert_cmpuint (again.consents_not_given_again, ==, 1);
  g_assert_cmpuint (mailing_size (f, e), ==, 0);
  {
    g_autoptr(GPtrArray) listed = mp_store_list_attendees (f->store, e, NULL);
    g_assert_false (mp_attendee_get_consent_followup (g_ptr_array_index (listed, 0)));
  }

  rows = consent_rows (f, person);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_true (json_object_get_boolean_member (g_ptr_array_index (rows, 0), "given"));
  g_assert_false (json_object_get_boolean_member (g_ptr_array_index (rows, 1), "given"));
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (rows, 1), "not_given_because"), ==, "answer-undated");
  g_assert_nonnull (strstr (json_object_get_string_member (g_ptr_array_index (rows, 1), "reason"),
                            "A withdrawal stands until a later answer"));

  /* the same file once more: nothing new to say */
  import_yes (f, e, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = consent_rows (f, person);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpuint (mailing_size (f, e), ==, 0);

  /* register by "import" on the CLI, or a dry run: the same rule */
  {
    MpImportCounts dry = { 0, };
    MpRegistrationInput kari = { .name = (char *) "Kari Nordmann", .email = (char *) "kari@nav.no",
                                 .consent_followup = MP_CONSENT_YES, .source = MP_REGISTRATION_SOURCE_IMPORT };
    g_autoptr(GPtrArray) inputs = g_ptr_array_new ();

    g_ptr_array_add (inputs, &kari);
    g_assert_true (mp_store_import (f->store, e, inputs, TRUE, &dry, NULL, NULL, NULL, &error));
    g_assert_cmpuint (dry.consents_not_given_again, ==, 1);
  }
}

/* A form answered after the withdrawal is a new act: consent again. One
 * answered before it is not. */
static void
test_consent_later_answer_gives_again (MpTestFixture *f,
                                       gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 person, withdrawn;
  MpImportCounts earlier, later;

  import_yes (f, e, 0);
  person = mp_test_count_rows (f, "SELECT id FROM person");
  g_assert_true (mp_store_withdraw_consent (f->store, person, MP_CONSENT_KIND_FOLLOWUP, &error));
  withdrawn = mp_test_count_rows (f, "SELECT max (withdrawn_at) FROM consent");

  earlier = import_yes (f, e, withdrawn - 3600);
  g_assert_cmpuint (earlier.consents_not_given_again, ==, 1);
  g_assert_cmpuint (mailing_size (f, e), ==, 0);
  rows = consent_rows (f, person);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (rows, rows->len - 1), "not_given_because"),
                   ==, "answer-not-later");

  later = import_yes (f, e, withdrawn + 60);
  g_assert_cmpuint (later.consents_not_given_again, ==, 0);
  g_assert_cmpuint (mailing_size (f, e), ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = consent_rows (f, person);
  g_assert_true (json_object_get_boolean_member (g_ptr_array_index (rows, rows->len - 1), "given"));
  g_assert_false (json_object_get_null_member (g_ptr_array_index (rows, rows->len - 1), "answered_at"));
}

/* By hand, and a registration made at the desk now, give it again. */
static void
test_consent_by_hand_gives_again (MpTestFixture *f,
                                  gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  gint64 e2 = mp_test_add_event (f->store, "Frokostmøte");
  g_autoptr(GError) error = NULL;
  gint64 person;

  import_yes (f, e, 0);
  person = mp_test_count_rows (f, "SELECT id FROM person");
  g_assert_true (mp_store_withdraw_consent (f->store, person, MP_CONSENT_KIND_FOLLOWUP, &error));
  g_assert_true (mp_store_give_consent (f->store, person, MP_CONSENT_KIND_FOLLOWUP, "manual", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mailing_size (f, e), ==, 1);

  g_assert_true (mp_store_withdraw_consent (f->store, person, MP_CONSENT_KIND_FOLLOWUP, &error));
  /* one second on, so that "now" is later than the withdrawal */
  g_usleep (1100 * 1000);
  {
    MpRegistrationInput walk_in = { .name = (char *) "Kari Nordmann", .email = (char *) "kari@nav.no",
                                    .consent_followup = MP_CONSENT_YES, .source = MP_REGISTRATION_SOURCE_DESK };
    g_autoptr(MpAttendee) a = register_input (f->store, e2, &walk_in, &error);

    g_assert_no_error (error);
    g_assert_true (mp_attendee_get_consent_followup (a));
  }
}

static gboolean
file_has (const char *path,
          const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  return memmem (contents, len, needle, strlen (needle)) != NULL;
}

static gboolean
files_have (MpTestFixture *f,
            const char    *needle)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  return file_has (f->path, needle) || file_has (wal, needle);
}

/* An erasure while another program reads: the command said "erased"
 * while the name stayed in the files. Now it says that traces remain,
 * and the next open wipes them; the bytes are gone. */
static void
test_erasure_is_honest (MpTestFixture *f,
                        gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpAttendee) zed = mp_test_register (f->store, e, "Zebulon Quixote", "zebulon.quixote@example.no",
                                                "Quixote Consulting", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *reader = NULL;

  /* one second's wait, not thirty */
  g_setenv ("MP_ERASE_WAIT_SECONDS", "1", TRUE);
  g_assert_true (mp_database_checkpoint (f->db, NULL));
  g_assert_true (files_have (f, "Zebulon Quixote"));

  /* another program in the middle of reading */
  g_assert_cmpint (sqlite3_open (f->path, &reader), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (reader, "BEGIN; SELECT count(*) FROM person;", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_true (mp_store_erase_person (f->store, mp_attendee_get_person_id (zed), &error));
  g_assert_no_error (error);
  g_assert_true (mp_database_get_erasure_pending (f->db));
  g_assert_true (files_have (f, "Zebulon Quixote") || files_have (f, "zebulon.quixote@example.no"));

  /* the reader goes; the next open finishes the job */
  sqlite3_exec (reader, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (reader);
  g_clear_object (&f->store);
  g_clear_object (&f->db);
  f->db = mp_database_open (f->path, MP_DATABASE_FLAGS_MUST_EXIST, &error);
  g_assert_no_error (error);
  f->store = mp_store_new (f->db);
  g_assert_false (mp_database_get_erasure_pending (f->db));
  g_assert_false (files_have (f, "Zebulon"));
  g_assert_false (files_have (f, "zebulon.quixote"));

  /* with no reader, an erasure is done at once */
  {
    g_autoptr(MpAttendee) ola = mp_test_register (f->store, e, "Olaf Xylofon", "olaf.xylofon@example.no", NULL, NULL);

    g_assert_true (mp_store_erase_person (f->store, mp_attendee_get_person_id (ola), &error));
    g_assert_false (mp_database_get_erasure_pending (f->db));
    g_assert_false (files_have (f, "Olaf Xylofon"));
    g_assert_false (files_have (f, "olaf.xylofon"));
  }
  g_unsetenv ("MP_ERASE_WAIT_SECONDS");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  MP_TEST_ADD ("/store-safety/clean/register-desk-kiosk", test_register_cleans_texts);
  MP_TEST_ADD ("/store-safety/clean/lengths", test_register_caps_lengths);
  MP_TEST_ADD ("/store-safety/clean/import-rows", test_import_cleans_texts);
  MP_TEST_ADD ("/store-safety/clean/event-add-and-update", test_event_texts);
  MP_TEST_ADD ("/store-safety/clean/desk-name-at-check-in", test_check_in_desk_name);
  MP_TEST_ADD ("/store-safety/erased-ticket-not-valid", test_erased_ticket_not_valid);
  MP_TEST_ADD ("/store-safety/capacity/register-walk-in-kiosk", test_capacity_register);
  MP_TEST_ADD ("/store-safety/capacity/import-and-dry-run", test_capacity_import);
  MP_TEST_ADD ("/store-safety/consent/reimport-keeps-withdrawal", test_consent_reimport_keeps_withdrawal);
  MP_TEST_ADD ("/store-safety/consent/later-answer-gives-again", test_consent_later_answer_gives_again);
  MP_TEST_ADD ("/store-safety/consent/by-hand-gives-again", test_consent_by_hand_gives_again);
  MP_TEST_ADD ("/store-safety/erasure-is-honest", test_erasure_is_honest);

  return g_test_run ();
}
