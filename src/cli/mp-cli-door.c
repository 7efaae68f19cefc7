/* mp-cli-door.c: moteplass-cli register, checkin, search: at the door */
#define G_LOG_DOMAIN "moteplass-cli"

#include "config.h"

#include "mp-cli.h"

static char *opt_name, *opt_email, *opt_phone, *opt_organisation, *opt_sector;
static char *opt_source;
static char *opt_dietary, *opt_accessibility, *opt_interpreter, *opt_note;
static gboolean opt_consent, opt_over_capacity;

static const GOptionEntry register_entries[] = {
  { "name", 0, 0, G_OPTION_ARG_STRING, &opt_name, N_("Full name"), N_("NAME") },
  { "email", 0, 0, G_OPTION_ARG_STRING, &opt_email, N_("E-mail address"), N_("EMAIL") },
  { "phone", 0, 0, G_OPTION_ARG_STRING, &opt_phone, N_("Phone number"), N_("PHONE") },
  { "organisation", 0, 0, G_OPTION_ARG_STRING, &opt_organisation, N_("Organisation"), N_("ORGANISATION") },
  { "sector", 0, 0, G_OPTION_ARG_STRING, &opt_sector, N_("Sector, such as Kommune, NAV or Frivillig organisasjon"), N_("SECTOR") },
  { "consent", 0, 0, G_OPTION_ARG_NONE, &opt_consent, N_("The person agrees to follow-up mailings"), NULL },
  { "source", 0, 0, G_OPTION_ARG_STRING, &opt_source, N_("manual (default), desk, kiosk or import"), N_("SOURCE") },
  { "over-capacity", 0, 0, G_OPTION_ARG_NONE, &opt_over_capacity, N_("Register the person even when the event is full (otherwise they go to the waiting list)"), NULL },
  { "dietary", 0, 0, G_OPTION_ARG_STRING, &opt_dietary, N_("Dietary needs"), N_("TEXT") },
  { "accessibility", 0, 0, G_OPTION_ARG_STRING, &opt_accessibility, N_("Accessibility needs"), N_("TEXT") },
  { "interpreter", 0, 0, G_OPTION_ARG_STRING, &opt_interpreter, N_("Interpreter language"), N_("LANGUAGE") },
  { "note", 0, 0, G_OPTION_ARG_STRING, &opt_note, N_("A note from the organiser, shown at the desk on check-in"), N_("TEXT") },
  { NULL }
};

int
run_register (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("EVENT_ID"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpAttendee) attendee = NULL;
  gint64 event_id;
  MpRegistrationInput input = { 0, };

  g_option_context_set_summary (context, _("Register a person for an event and print the ticket text."));
  if (!cli_parse_options (context, register_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error (context, _("Which event? Give its id."));
  if (!cli_parse_id (argv[1], &event_id, &error))
    return cli_usage_error (context, error->message);
  if (!cli_clean_text (opt_name, MP_TEXT_FIELD_NAME, &input.name, &error) ||
      !cli_clean_text (opt_email, MP_TEXT_FIELD_EMAIL, &input.email, &error) ||
      !cli_clean_text (opt_phone, MP_TEXT_FIELD_PHONE, &input.phone, &error) ||
      !cli_clean_text (opt_organisation, MP_TEXT_FIELD_ORGANISATION, &input.organisation, &error) ||
      !cli_clean_text (opt_sector, MP_TEXT_FIELD_SECTOR, &input.sector, &error) ||
      !cli_clean_text (opt_dietary, MP_TEXT_FIELD_ANSWER, &input.dietary, &error) ||
      !cli_clean_text (opt_accessibility, MP_TEXT_FIELD_ANSWER, &input.accessibility, &error) ||
      !cli_clean_text (opt_interpreter, MP_TEXT_FIELD_ANSWER, &input.interpreter, &error) ||
      !cli_clean_text (opt_note, MP_TEXT_FIELD_ANSWER, &input.note, &error))
    {
      mp_registration_input_clear (&input);
      return cli_fail (error);
    }
  if (input.name == NULL)
    {
      mp_registration_input_clear (&input);
      return cli_usage_error (context, _("A registration needs --name."));
    }

  input.consent_followup = opt_consent ? MP_CONSENT_YES : MP_CONSENT_UNKNOWN;
  input.source = MP_REGISTRATION_SOURCE_MANUAL;
  input.over_capacity = opt_over_capacity;
  if (opt_source != NULL && !mp_registration_source_from_string (opt_source, &input.source))
    {
      mp_registration_input_clear (&input);
      return cli_usage_error (context, _("--source is manual, desk, kiosk or import."));
    }

  store = cli_open_store (&error);
  if (store != NULL)
    attendee = mp_store_register (store, event_id, &input, &error);
  mp_registration_input_clear (&input);
  if (attendee == NULL)
    return cli_fail (error);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      cli_json_add_attendee (b, attendee);
      cli_print_json (b);
    }
  else
    {
      g_autofree char *ticket = mp_attendee_dup_ticket_text (attendee);
      g_print ("%" G_GINT64_FORMAT "\t%s\n", mp_attendee_get_registration_id (attendee), ticket);
    }
  /* registered is asked for; the waiting list means the event is full */
  if (mp_attendee_get_status (attendee) == MP_REGISTRATION_STATUS_WAITLISTED)
    g_printerr ("moteplass-cli: %s\n",
                _("The event is full: the person is on the waiting list. --over-capacity registers them anyway."));

  return EXIT_OK;
}

/* checkin */

static char *opt_desk;
static gboolean opt_admit_anyway;

static const GOptionEntry checkin_entries[] = {
  { "desk", 0, 0, G_OPTION_ARG_STRING, &opt_desk, N_("Name of this check-in desk (default: the computer’s name)"), N_("NAME") },
  { "admit-anyway", 0, 0, G_OPTION_ARG_NONE, &opt_admit_anyway, N_("Let in a person on the waiting list or whose registration was cancelled; the check-in is recorded as an exception"), NULL },
  { NULL }
};

/* What the volunteer must know on letting someone in, one per line. */
static const struct
{
  const char  *key;
  const char  *label;
  const char *(*get) (MpAttendee *attendee);
} needs[] = {
  { "dietary", N_("Dietary needs"), mp_attendee_get_dietary },
  { "accessibility", N_("Accessibility needs"), mp_attendee_get_accessibility },
  { "interpreter", N_("Interpreter"), mp_attendee_get_interpreter },
  { "note", N_("Note"), mp_attendee_get_note },
};

static void
json_add_needs (JsonBuilder *b,
                MpAttendee  *attendee)
{
  json_builder_set_member_name (b, "needs");
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (needs); i++)
    cli_json_add_nullable (b, needs[i].key, attendee != NULL ? needs[i].get (attendee) : NULL);
  json_builder_end_object (b);
}

/* "  Dietary needs: halal", continued lines indented alike. */
static void
print_needs (MpAttendee *attendee)
{
  for (guint i = 0; i < G_N_ELEMENTS (needs); i++)
    {
      const char *value = needs[i].get (attendee);
      g_auto(GStrv) lines = NULL;

      if (value[0] == '\0')
        continue;
      lines = g_strsplit (value, "\n", -1);
      g_print ("  %s: %s\n", _(needs[i].label), lines[0]);
      for (guint l = 1; lines[l] != NULL; l++)
        g_print ("    %s\n", lines[l]);
    }
}

int
run_checkin (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("EVENT_ID SCANNED_TEXT"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpCheckInResult) result = NULL;
  g_autofree char *message = NULL;
  g_autofree char *desk = NULL;
  MpAttendee *attendee;
  gint64 event_id;
  MpCheckInOutcome outcome;

  g_option_context_set_summary (context,
                                _("Check a ticket in and print what the desk must know (dietary, accessibility and interpreter needs, the organiser’s note). Exit status: 0 checked in, 3 already checked in, 4 not valid for this event."));
  if (!cli_parse_options (context, checkin_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 3)
    return cli_usage_error (context, _("Give the event id and the scanned text."));
  if (!cli_parse_id (argv[1], &event_id, &error))
    return cli_usage_error (context, error->message);
  if (!cli_clean_text (opt_desk, MP_TEXT_FIELD_DESK, &desk, &error))
    return cli_fail (error);

  store = cli_open_store (&error);
  if (store == NULL)
    return cli_fail (error);

  {
    g_autoptr(MpEvent) event = mp_store_get_event (store, event_id, &error);
    if (event == NULL)
      return cli_fail (error);
  }

  result = opt_admit_anyway ? mp_store_admit_anyway (store, event_id, argv[2], desk, &error)
                            : mp_store_check_in (store, event_id, argv[2], desk, &error);
  if (result == NULL)
    return cli_fail (error);

  outcome = mp_check_in_result_get_outcome (result);
  message = mp_check_in_result_dup_message (result);
  attendee = mp_check_in_result_get_attendee (result);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      MpCheckInException exception = mp_check_in_result_get_exception (result);

      json_builder_begin_object (b);
      cli_json_add_string (b, "outcome", mp_check_in_outcome_to_string (outcome));
      cli_json_add_string (b, "message", message);
      cli_json_add_string (b, "advice", mp_check_in_result_get_advice (result));
      json_builder_set_member_name (b, "attendee");
      if (attendee != NULL)
        cli_json_add_attendee (b, attendee);
      else
        json_builder_add_null_value (b);
      if (mp_check_in_result_get_at (result) != 0)
        {
          g_autofree char *at = mp_time_format_iso (mp_check_in_result_get_at (result));
          cli_json_add_string (b, "at", at);
          cli_json_add_nullable (b, "desk", mp_check_in_result_get_desk (result));
        }
      else
        {
          cli_json_add_nullable (b, "at", NULL);
          cli_json_add_nullable (b, "desk", NULL);
        }
      /* "waitlisted" or "cancelled" when let in by exception */
      cli_json_add_nullable (b, "exception", mp_check_in_exception_to_string (exception));
      json_builder_set_member_name (b, "can_admit_anyway");
      json_builder_add_boolean_value (b, mp_check_in_result_can_admit_anyway (result));
      /* a ticket for another event: which, never whose */
      json_builder_set_member_name (b, "other_event");
      if (mp_check_in_result_get_other_event_title (result) != NULL)
        {
          g_autofree char *starts = mp_time_format_iso (mp_check_in_result_get_other_event_starts_at (result));

          json_builder_begin_object (b);
          cli_json_add_string (b, "title", mp_check_in_result_get_other_event_title (result));
          cli_json_add_string (b, "starts_at", starts);
          json_builder_end_object (b);
        }
      else
        json_builder_add_null_value (b);
      json_add_needs (b, attendee);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else
    {
      g_print ("%s\n", message);
      if (outcome == MP_CHECK_IN_CHECKED_IN)
        print_needs (attendee);
      else if (mp_check_in_result_can_admit_anyway (result))
        g_printerr ("moteplass-cli: %s\n",
                    _("Nothing was recorded. --admit-anyway lets them in; the check-in is recorded as an exception."));
    }

  switch (outcome)
    {
    case MP_CHECK_IN_CHECKED_IN:
      return EXIT_OK;
    case MP_CHECK_IN_ALREADY:
      return EXIT_ALREADY;
    case MP_CHECK_IN_WRONG_EVENT:
    case MP_CHECK_IN_CANCELLED:
    case MP_CHECK_IN_WAITLISTED:
    case MP_CHECK_IN_NOT_A_TICKET:
    case MP_CHECK_IN_NOT_VALID:
    default:
      return EXIT_NOT_VALID;
    }
}

/* search */

static char *opt_limit;

static const GOptionEntry search_entries[] = {
  { "limit", 0, 0, G_OPTION_ARG_STRING, &opt_limit, N_("Show at most N people (default 20)"), N_("N") },
  { NULL }
};

int
run_search (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("EVENT_ID QUERY"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(MpEvent) event = NULL;
  guint limit = 20;

  g_option_context_set_summary (context,
                                _("Find attendees by the start of any word of their name, organisation or e-mail; “sorensen” finds “Sørensen”."));
  if (!cli_parse_options (context, search_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 3)
    return cli_usage_error (context, _("Give the event id and what to look for."));
  if (opt_limit != NULL && !cli_parse_number ("--limit", opt_limit, 1, 100000, &limit, &error))
    return cli_usage_error (context, error->message);

  store = cli_open_store (&error);
  if (store == NULL || (event = cli_event_from_args (store, argv[1], &error)) == NULL)
    return cli_fail (error);

  {
    g_autofree char *query = g_strjoinv (" ", argv + 2);

    hits = mp_store_search (store, mp_event_get_id (event), query, limit, &error);
    if (hits == NULL)
      return cli_fail (error);
  }

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < hits->len; i++)
        cli_json_add_attendee (b, g_ptr_array_index (hits, i));
      json_builder_end_array (b);
      cli_print_json (b);
      return EXIT_OK;
    }

  for (guint i = 0; i < hits->len; i++)
    {
      MpAttendee *a = g_ptr_array_index (hits, i);
      g_autofree char *state = NULL;

      if (mp_attendee_get_arrived (a))
        {
          g_autofree char *clock = mp_time_format_clock (mp_attendee_get_checked_in_at (a));
          /* Translators: "arrived 08.42" */
          state = g_strdup_printf (_("arrived %s"), clock);
        }
      else
        state = g_strdup (mp_registration_status_get_label (mp_attendee_get_status (a)));

      g_print ("%6" G_GINT64_FORMAT "  %s%s%s  [%s]\n",
               mp_attendee_get_registration_id (a), mp_attendee_get_name (a),
               mp_attendee_get_organisation (a)[0] ? ", " : "",
               mp_attendee_get_organisation (a), state);
    }

  return EXIT_OK;
}
