/* moteplass-cli: everything Møteplass does that needs no screen.
 *
 * Scripts, tests and benchmarks drive Møteplass through this. Every verb
 * takes --db FILE and --json; exit codes: 0 done, 1 failed (one line on
 * stderr says why), 2 usage. `checkin` also answers 3 (already checked
 * in) and 4 (not valid for this event).
 */
#define G_LOG_DOMAIN "moteplass-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gunixoutputstream.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp-badge-print.h"
#include "mp-csv-export.h"
#include "mp-csv-import.h"
#include "mp-database.h"
#include "mp-demo-events.h"
#include "mp-mailing.h"
#include "mp-privacy.h"
#include "mp-period-report.h"
#include "mp-report.h"
#include "mp-report-export.h"
#include "mp-retention.h"
#include "mp-store.h"
#include "mp-text.h"
#include "mp-ticket-render.h"
#include "mp-time.h"

enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
  EXIT_ALREADY = 3,
  EXIT_NOT_VALID = 4,
};

/* Options every verb takes */
static char *opt_db;
static gboolean opt_json;

static const GOptionEntry common_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("The database file (default: your Møteplass database)"), N_("FILE") },
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print machine-readable JSON"), NULL },
  { NULL }
};

typedef struct
{
  const char *name;
  const char *args;         /* shown in the usage line */
  const char *summary;
  int       (*run)        (int argc, char **argv);
} Verb;

static int
fail_with (GError *error)
{
  g_printerr ("moteplass-cli: %s\n", error->message);
  return EXIT_FAILED;
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_printerr ("moteplass-cli: %s\n", message);
  if (context != NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("\n%s", help);
    }
  return EXIT_USAGE;
}

/* Parses the verb's options; FALSE and a usage message on error. */
static gboolean
parse_options (GOptionContext *context,
               const GOptionEntry *entries,
               int            *argc,
               char         ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, common_entries, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      usage_error (context, error->message);
      return FALSE;
    }

  return TRUE;
}

static MpStore *
open_store (GError **error)
{
  g_autoptr(MpDatabase) db = NULL;
  g_autofree char *path = NULL;

  if (opt_db != NULL)
    path = g_strdup (opt_db);
  else
    {
      g_autofree char *dir = NULL;

      path = mp_database_dup_default_path ();
      dir = g_path_get_dirname (path);
      g_mkdir_with_parents (dir, 0700);
    }

  db = mp_database_open (path, MP_DATABASE_FLAGS_NONE, error);
  if (db == NULL)
    return NULL;

  return mp_store_new (db);
}

static gboolean
parse_id (const char  *text,
          gint64      *out,
          GError     **error)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("“%s” is not an id (a whole number, as shown by “event list”)."),
                   text != NULL ? text : "");
      return FALSE;
    }

  *out = value;
  return TRUE;
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
json_add_string (JsonBuilder *b,
                 const char  *name,
                 const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value != NULL ? value : "");
}

static void
json_add_int (JsonBuilder *b,
              const char  *name,
              gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
json_add_event (JsonBuilder *b,
                MpEvent     *event)
{
  g_autofree char *starts = mp_time_format_iso (mp_event_get_starts_at (event));

  json_builder_begin_object (b);
  json_add_int (b, "id", mp_event_get_id (event));
  json_add_string (b, "uuid", mp_event_get_uuid (event));
  json_add_string (b, "title", mp_event_get_title (event));
  json_add_string (b, "kind", mp_event_kind_to_string (mp_event_get_kind (event)));
  json_add_string (b, "venue", mp_event_get_venue (event));
  json_add_string (b, "starts_at", starts);
  if (mp_event_get_ends_at (event) != 0)
    {
      g_autofree char *ends = mp_time_format_iso (mp_event_get_ends_at (event));
      json_add_string (b, "ends_at", ends);
    }
  if (mp_event_get_capacity (event) >= 0)
    json_add_int (b, "capacity", mp_event_get_capacity (event));
  json_add_int (b, "registered", mp_event_get_registered (event));
  json_add_int (b, "arrived", mp_event_get_arrived (event));
  json_builder_end_object (b);
}

static void
json_add_attendee (JsonBuilder *b,
                   MpAttendee  *a)
{
  g_autofree char *ticket = mp_attendee_dup_ticket_text (a);

  json_builder_begin_object (b);
  json_add_int (b, "registration_id", mp_attendee_get_registration_id (a));
  json_add_int (b, "person_id", mp_attendee_get_person_id (a));
  json_add_string (b, "name", mp_attendee_get_name (a));
  json_add_string (b, "email", mp_attendee_get_email (a));
  json_add_string (b, "organisation", mp_attendee_get_organisation (a));
  json_add_string (b, "sector", mp_attendee_get_sector (a));
  json_add_string (b, "status", mp_registration_status_to_string (mp_attendee_get_status (a)));
  json_add_string (b, "source", mp_registration_source_to_string (mp_attendee_get_source (a)));
  json_add_string (b, "ticket", ticket);
  json_builder_set_member_name (b, "arrived");
  json_builder_add_boolean_value (b, mp_attendee_get_arrived (a));
  if (mp_attendee_get_arrived (a))
    {
      g_autofree char *at = mp_time_format_iso (mp_attendee_get_checked_in_at (a));
      json_add_string (b, "checked_in_at", at);
      json_add_string (b, "desk", mp_attendee_get_checkin_desk (a));
    }
  json_builder_end_object (b);
}

/* event add | list | show */

static char *opt_output;
static char *opt_title, *opt_kind, *opt_starts, *opt_ends, *opt_venue, *opt_description;
static int opt_capacity = -1;

static const GOptionEntry event_add_entries[] = {
  { "title", 0, 0, G_OPTION_ARG_STRING, &opt_title, N_("Title of the event"), N_("TITLE") },
  { "kind", 0, 0, G_OPTION_ARG_STRING, &opt_kind, N_("dialogue_meeting, breakfast_meeting, conference, seminar, webinar or workshop (Norwegian words work too)"), N_("KIND") },
  { "starts", 0, 0, G_OPTION_ARG_STRING, &opt_starts, N_("Start, local time: 2026-03-08T09:00"), N_("TIME") },
  { "ends", 0, 0, G_OPTION_ARG_STRING, &opt_ends, N_("End, local time"), N_("TIME") },
  { "venue", 0, 0, G_OPTION_ARG_STRING, &opt_venue, N_("Where it is"), N_("VENUE") },
  { "capacity", 0, 0, G_OPTION_ARG_INT, &opt_capacity, N_("How many may come"), N_("N") },
  { "description", 0, 0, G_OPTION_ARG_STRING, &opt_description, N_("A few words about it"), N_("TEXT") },
  { NULL }
};

static int
run_event_add (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpEvent) event = mp_event_new ();
  MpEventKind kind = MP_EVENT_KIND_DIALOGUE_MEETING;
  gint64 starts = 0, ends = 0;

  g_option_context_set_summary (context, _("Create an event."));
  if (!parse_options (context, event_add_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return usage_error (context, _("“event add” takes no arguments besides its options."));
  if (opt_title == NULL)
    return usage_error (context, _("An event needs --title."));
  if (opt_starts == NULL)
    return usage_error (context, _("An event needs --starts, for example --starts 2026-03-08T09:00."));
  if (opt_kind != NULL && !mp_event_kind_from_string (opt_kind, &kind))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a kind of event."), opt_kind);
      return usage_error (context, message);
    }
  if (!mp_time_parse_local (opt_starts, &starts, &error) ||
      (opt_ends != NULL && !mp_time_parse_local (opt_ends, &ends, &error)))
    return usage_error (context, error->message);

  mp_event_set_title (event, opt_title);
  mp_event_set_kind (event, kind);
  mp_event_set_starts_at (event, starts);
  mp_event_set_ends_at (event, ends);
  mp_event_set_venue (event, opt_venue);
  mp_event_set_capacity (event, opt_capacity);
  mp_event_set_description (event, opt_description);

  store = open_store (&error);
  if (store == NULL || !mp_store_add_event (store, event, &error))
    return fail_with (error);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_add_event (b, event);
      print_json (b);
    }
  else
    g_print ("%" G_GINT64_FORMAT "\n", mp_event_get_id (event));

  return EXIT_OK;
}

static int
run_event_list (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(GPtrArray) events = NULL;

  g_option_context_set_summary (context, _("List events, upcoming first, with registered and arrived counts."));
  if (!parse_options (context, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return usage_error (context, _("“event list” takes no arguments."));

  store = open_store (&error);
  if (store == NULL || (events = mp_store_list_events (store, &error)) == NULL)
    return fail_with (error);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < events->len; i++)
        json_add_event (b, g_ptr_array_index (events, i));
      json_builder_end_array (b);
      print_json (b);
      return EXIT_OK;
    }

  if (events->len == 0)
    {
      g_print ("%s\n", _("No events yet. Create one with “moteplass-cli event add”."));
      return EXIT_OK;
    }

  for (guint i = 0; i < events->len; i++)
    {
      MpEvent *event = g_ptr_array_index (events, i);
      g_autofree char *when = mp_time_format_long (mp_event_get_starts_at (event));

      g_print ("%4" G_GINT64_FORMAT "  ", mp_event_get_id (event));
      /* Translators: title, kind, date, then counts */
      g_print (_("%s (%s), %s: %u registered, %u arrived\n"),
               mp_event_get_title (event),
               mp_event_kind_get_label (mp_event_get_kind (event)), when,
               mp_event_get_registered (event), mp_event_get_arrived (event));
    }

  return EXIT_OK;
}

static MpEvent *
event_from_args (MpStore     *store,
                 const char  *id_text,
                 GError     **error)
{
  gint64 id;

  if (!parse_id (id_text, &id, error))
    return NULL;

  return mp_store_get_event (store, id, error);
}

static int
run_event_show (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("EVENT_ID"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpEvent) event = NULL;
  MpEventCounts counts;

  g_option_context_set_summary (context, _("Show one event."));
  if (!parse_options (context, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (context, _("Which event? Give its id."));

  store = open_store (&error);
  if (store == NULL ||
      (event = event_from_args (store, argv[1], &error)) == NULL ||
      !mp_store_get_counts (store, mp_event_get_id (event), &counts, &error))
    return fail_with (error);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_add_event (b, event);
      print_json (b);
      return EXIT_OK;
    }

  {
    g_autofree char *when = mp_time_format_long (mp_event_get_starts_at (event));

    g_print ("%s\n", mp_event_get_title (event));
    g_print ("%s: %s\n", _("Kind"), mp_event_kind_get_label (mp_event_get_kind (event)));
    g_print ("%s: %s\n", _("Starts"), when);
    if (mp_event_get_ends_at (event) != 0)
      {
        g_autofree char *ends = mp_time_format_long (mp_event_get_ends_at (event));
        g_print ("%s: %s\n", _("Ends"), ends);
      }
    if (mp_event_get_venue (event)[0] != '\0')
      g_print ("%s: %s\n", _("Venue"), mp_event_get_venue (event));
    if (mp_event_get_capacity (event) >= 0)
      g_print ("%s: %d\n", _("Capacity"), mp_event_get_capacity (event));
    g_print ("%s: %u\n", _("Registered"), counts.registered);
    g_print ("%s: %u\n", _("Waiting list"), counts.waitlisted);
    g_print ("%s: %u\n", _("Cancelled"), counts.cancelled);
    g_print ("%s: %u\n", _("Arrived"), counts.arrived);
    g_print ("%s: %u\n", _("Walk-ins"), counts.walk_ins);
  }

  return EXIT_OK;
}

/* "event [--db FILE] add …": finds the sub-verb among the words
 * that are neither options nor their values, and puts it in argv[0]'s
 * place. NULL when it is not one of @names. */
static const char *
take_subverb (int          *argc,
              char       ***argv,
              const char  **names,
              const char  **options_with_values)
{
  for (int i = 1; i < *argc; i++)
    {
      char *arg = (*argv)[i];

      if (arg[0] == '-')
        {
          if (!strchr (arg, '=') && i + 1 < *argc &&
              g_strv_contains (options_with_values, arg))
            i++;
          continue;
        }

      for (guint v = 0; names[v] != NULL; v++)
        if (g_str_equal (arg, names[v]))
          {
            memmove (*argv + 1, *argv, i * sizeof (char *));
            *argc -= 1;
            *argv += 1;
            return names[v];
          }
      return NULL;
    }
  return NULL;
}

static int
run_event (int    argc,
           char **argv)
{
  static const char *names[] = { "add", "list", "show", NULL };
  static const char *with_values[] = {
    "--db", "--title", "--kind", "--starts", "--ends", "--venue", "--capacity", "--description", NULL
  };
  const char *subverb = take_subverb (&argc, &argv, names, with_values);

  if (g_strcmp0 (subverb, "add") == 0)
    return run_event_add (argc, argv);
  if (g_strcmp0 (subverb, "list") == 0)
    return run_event_list (argc, argv);
  if (g_strcmp0 (subverb, "show") == 0)
    return run_event_show (argc, argv);

  g_printerr ("moteplass-cli: %s\n", _("Use “event add”, “event list” or “event show ID”."));
  return EXIT_USAGE;
}

/* register */

static char *opt_name, *opt_email, *opt_phone, *opt_organisation, *opt_sector;
static char *opt_source;
static gboolean opt_consent;

static const GOptionEntry register_entries[] = {
  { "name", 0, 0, G_OPTION_ARG_STRING, &opt_name, N_("Full name"), N_("NAME") },
  { "email", 0, 0, G_OPTION_ARG_STRING, &opt_email, N_("E-mail address"), N_("EMAIL") },
  { "phone", 0, 0, G_OPTION_ARG_STRING, &opt_phone, N_("Phone number"), N_("PHONE") },
  { "organisation", 0, 0, G_OPTION_ARG_STRING, &opt_organisation, N_("Organisation"), N_("ORGANISATION") },
  { "sector", 0, 0, G_OPTION_ARG_STRING, &opt_sector, N_("Sector, such as Kommune, NAV or Frivillig organisasjon"), N_("SECTOR") },
  { "consent", 0, 0, G_OPTION_ARG_NONE, &opt_consent, N_("The person agrees to follow-up mailings"), NULL },
  { "source", 0, 0, G_OPTION_ARG_STRING, &opt_source, N_("manual (default), desk, kiosk or import"), N_("SOURCE") },
  { NULL }
};

static int
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
  if (!parse_options (context, register_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (context, _("Which event? Give its id."));
  if (opt_name == NULL)
    return usage_error (context, _("A registration needs --name."));
  if (!parse_id (argv[1], &event_id, &error))
    return usage_error (context, error->message);

  input.name = opt_name;
  input.email = opt_email;
  input.phone = opt_phone;
  input.organisation = opt_organisation;
  input.sector = opt_sector;
  input.consent_followup = opt_consent ? MP_CONSENT_YES : MP_CONSENT_UNKNOWN;
  input.source = MP_REGISTRATION_SOURCE_MANUAL;
  if (opt_source != NULL && !mp_registration_source_from_string (opt_source, &input.source))
    return usage_error (context, _("--source is manual, desk, kiosk or import."));

  store = open_store (&error);
  if (store == NULL || (attendee = mp_store_register (store, event_id, &input, &error)) == NULL)
    return fail_with (error);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_add_attendee (b, attendee);
      print_json (b);
    }
  else
    {
      g_autofree char *ticket = mp_attendee_dup_ticket_text (attendee);
      g_print ("%" G_GINT64_FORMAT "\t%s\n", mp_attendee_get_registration_id (attendee), ticket);
    }

  return EXIT_OK;
}

/* checkin */

static char *opt_desk;

static const GOptionEntry checkin_entries[] = {
  { "desk", 0, 0, G_OPTION_ARG_STRING, &opt_desk, N_("Name of this check-in desk (default: the computer’s name)"), N_("NAME") },
  { NULL }
};

static int
run_checkin (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("EVENT_ID SCANNED_TEXT"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpCheckInResult) result = NULL;
  g_autofree char *message = NULL;
  gint64 event_id;
  MpCheckInOutcome outcome;

  g_option_context_set_summary (context,
                                _("Check a ticket in. Exit status: 0 checked in, 3 already checked in, 4 not valid for this event."));
  if (!parse_options (context, checkin_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 3)
    return usage_error (context, _("Give the event id and the scanned text."));
  if (!parse_id (argv[1], &event_id, &error))
    return usage_error (context, error->message);

  store = open_store (&error);
  if (store == NULL)
    return fail_with (error);

  {
    g_autoptr(MpEvent) event = mp_store_get_event (store, event_id, &error);
    if (event == NULL)
      return fail_with (error);
  }

  result = mp_store_check_in (store, event_id, argv[2], opt_desk, &error);
  if (result == NULL)
    return fail_with (error);

  outcome = mp_check_in_result_get_outcome (result);
  message = mp_check_in_result_dup_message (result);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_add_string (b, "outcome", mp_check_in_outcome_to_string (outcome));
      json_add_string (b, "message", message);
      if (mp_check_in_result_get_attendee (result) != NULL)
        {
          json_builder_set_member_name (b, "attendee");
          json_add_attendee (b, mp_check_in_result_get_attendee (result));
        }
      if (mp_check_in_result_get_at (result) != 0)
        {
          g_autofree char *at = mp_time_format_iso (mp_check_in_result_get_at (result));
          json_add_string (b, "at", at);
          json_add_string (b, "desk", mp_check_in_result_get_desk (result));
        }
      json_builder_end_object (b);
      print_json (b);
    }
  else
    g_print ("%s\n", message);

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
    default:
      return EXIT_NOT_VALID;
    }
}

/* search */

static int opt_limit = 20;

static const GOptionEntry search_entries[] = {
  { "limit", 0, 0, G_OPTION_ARG_INT, &opt_limit, N_("Show at most N people (default 20)"), N_("N") },
  { NULL }
};

static int
run_search (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("EVENT_ID QUERY"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(MpEvent) event = NULL;

  g_option_context_set_summary (context,
                                _("Find attendees by the start of any word of their name, organisation or e-mail; “sorensen” finds “Sørensen”."));
  if (!parse_options (context, search_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 3)
    return usage_error (context, _("Give the event id and what to look for."));

  store = open_store (&error);
  if (store == NULL || (event = event_from_args (store, argv[1], &error)) == NULL)
    return fail_with (error);

  {
    g_autofree char *query = g_strjoinv (" ", argv + 2);

    hits = mp_store_search (store, mp_event_get_id (event), query, MAX (opt_limit, 1), &error);
    if (hits == NULL)
      return fail_with (error);
  }

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < hits->len; i++)
        json_add_attendee (b, g_ptr_array_index (hits, i));
      json_builder_end_array (b);
      print_json (b);
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

/* report */

/* printf's %-28s counts bytes; æ, ø and å are two each. */
static char *
pad_to (const char *text,
        guint       width,
        gboolean    right)
{
  glong len = g_utf8_strlen (text, -1);
  GString *out = g_string_new (text);

  for (glong i = len; i < (glong) width; i++)
    {
      if (right)
        g_string_prepend_c (out, ' ');
      else
        g_string_append_c (out, ' ');
    }
  return g_string_free (out, FALSE);
}

static char *
pad (const char *text,
     guint       width)
{
  return pad_to (text, width, FALSE);
}

static void
print_count (const char *label,
             guint       value)
{
  g_autofree char *cell = pad (label, 28);
  g_print ("%s %6u\n", cell, value);
}

/* report, report-period: where to write the report as a file */
static char *opt_report_pdf, *opt_report_csv, *opt_report_xlsx;
static gboolean opt_report_excel;

static const GOptionEntry report_file_entries[] = {
  { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &opt_report_pdf, N_("Write the report as a PDF file (A4, with charts)"), N_("FILE") },
  { "csv", 0, 0, G_OPTION_ARG_FILENAME, &opt_report_csv, N_("Write the report’s tables to a CSV file"), N_("FILE") },
  { "excel", 0, 0, G_OPTION_ARG_NONE, &opt_report_excel, N_("With --csv: for Excel (semicolons, byte order mark)"), NULL },
  { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &opt_report_xlsx, N_("Write the report as a workbook, a sheet per table"), N_("FILE") },
  { NULL }
};

/* The one file asked for, if any; FALSE and a usage message when more. */
static gboolean
report_file_wanted (GOptionContext  *context,
                    MpReportFormat  *format,
                    const char     **path,
                    int             *status)
{
  guint n = (opt_report_pdf != NULL) + (opt_report_csv != NULL) + (opt_report_xlsx != NULL);

  *path = NULL;
  if (n > 1 || (n == 1 && opt_json))
    {
      *status = usage_error (context, _("Give one of --pdf, --csv, --xlsx or --json."));
      return FALSE;
    }
  if (opt_report_excel && opt_report_csv == NULL)
    {
      *status = usage_error (context, _("--excel goes with --csv."));
      return FALSE;
    }

  if (opt_report_pdf != NULL)
    *format = MP_REPORT_FORMAT_PDF, *path = opt_report_pdf;
  else if (opt_report_csv != NULL)
    *format = opt_report_excel ? MP_REPORT_FORMAT_CSV_EXCEL : MP_REPORT_FORMAT_CSV, *path = opt_report_csv;
  else if (opt_report_xlsx != NULL)
    *format = MP_REPORT_FORMAT_XLSX, *path = opt_report_xlsx;

  return TRUE;
}

static void
json_add_report_extras (JsonBuilder *b,
                        MpReport    *report)
{
  static const char *const answer_keys[MP_N_ANSWER_KINDS] = { "dietary", "accessibility", "interpreter" };

  json_builder_set_member_name (b, "arrivals");
  json_builder_begin_array (b);
  for (guint i = 0; i < mp_report_get_n_arrival_buckets (report); i++)
    {
      const MpArrivalBucket *a = mp_report_get_arrival_bucket (report, i);
      g_autofree char *from = mp_time_format_iso (a->starts_at);

      json_builder_begin_object (b);
      json_add_string (b, "from", from);
      json_add_int (b, "minutes_from_start", a->slot * (MP_ARRIVAL_BUCKET_SECONDS / 60));
      json_add_int (b, "arrivals", a->arrivals);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "answers");
  json_builder_begin_object (b);
  for (guint k = 0; k < MP_N_ANSWER_KINDS; k++)
    {
      json_builder_set_member_name (b, answer_keys[k]);
      json_builder_begin_array (b);
      for (guint i = 0; i < mp_report_get_n_answers (report, k); i++)
        {
          const MpAnswerCount *a = mp_report_get_answer (report, k, i);

          json_builder_begin_object (b);
          json_add_string (b, "answer", a->answer);
          json_add_int (b, "count", a->count);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

static int
run_report (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("EVENT_ID"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpReport) report = NULL;
  gint64 event_id;
  const MpEventCounts *counts;
  MpReportFormat format = MP_REPORT_FORMAT_PDF;
  const char *path = NULL;
  int status = EXIT_USAGE;

  g_option_context_set_summary (context, _("Who came: counts, arrivals by sector, organisations present, the arrival curve and the answers; or all of it as a PDF, CSV or XLSX file."));
  if (!parse_options (context, report_file_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (context, _("Which event? Give its id."));
  if (!parse_id (argv[1], &event_id, &error))
    return usage_error (context, error->message);
  if (!report_file_wanted (context, &format, &path, &status))
    return status;

  store = open_store (&error);
  if (store == NULL || (report = mp_report_new_for_event (store, event_id, &error)) == NULL)
    return fail_with (error);

  if (path != NULL)
    {
      if (!mp_report_export (report, format, path, &error))
        return fail_with (error);
      g_print (_("Report written to %s\n"), path);
      return EXIT_OK;
    }

  counts = mp_report_get_counts (report);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "event");
      json_add_event (b, mp_report_get_event (report));
      json_add_int (b, "registered", counts->registered);
      json_add_int (b, "waitlisted", counts->waitlisted);
      json_add_int (b, "cancelled", counts->cancelled);
      json_add_int (b, "arrived", counts->arrived);
      json_add_int (b, "walk_ins", counts->walk_ins);
      json_builder_set_member_name (b, "no_show_rate");
      json_builder_add_double_value (b, mp_report_get_no_show_rate (report));
      json_builder_set_member_name (b, "sectors");
      json_builder_begin_array (b);
      for (guint i = 0; i < mp_report_get_n_sectors (report); i++)
        {
          const MpSectorCount *s = mp_report_get_sector (report, i);

          json_builder_begin_object (b);
          json_add_string (b, "sector", s->sector);
          json_add_int (b, "registered", s->registered);
          json_add_int (b, "arrived", s->arrived);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "organisations");
      json_builder_begin_array (b);
      for (guint i = 0; i < mp_report_get_n_organisations (report); i++)
        {
          const MpOrganisationCount *o = mp_report_get_organisation (report, i);

          json_builder_begin_object (b);
          json_add_string (b, "organisation", o->organisation);
          json_add_string (b, "sector", o->sector);
          json_add_int (b, "arrived", o->arrived);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_add_report_extras (b, report);
      json_builder_end_object (b);
      print_json (b);
      return EXIT_OK;
    }

  g_print ("%s\n\n", mp_event_get_title (mp_report_get_event (report)));
  print_count (_("Registered"), counts->registered);
  print_count (_("Arrived"), counts->arrived);
  print_count (_("Walk-ins"), counts->walk_ins);
  print_count (_("Waiting list"), counts->waitlisted);
  print_count (_("Cancelled"), counts->cancelled);
  {
    g_autofree char *cell = pad (_("No-shows"), 28);
    g_print ("%s %5.0f %%\n", cell, 100 * mp_report_get_no_show_rate (report));
  }

  {
    g_autofree char *c1 = pad (_("Sector"), 40);
    g_autofree char *c2 = pad_to (_("Registered"), 11, TRUE);
    g_autofree char *c3 = pad_to (_("Arrived"), 8, TRUE);

    g_print ("\n%s %s %s\n", c1, c2, c3);
  }
  for (guint i = 0; i < mp_report_get_n_sectors (report); i++)
    {
      const MpSectorCount *s = mp_report_get_sector (report, i);
      g_autofree char *cell = NULL;

      if (s->registered == 0 && s->arrived == 0)
        continue;
      cell = pad (s->sector[0] ? s->sector : _("No sector"), 40);
      g_print ("%s %11u %8u\n", cell, s->registered, s->arrived);
    }

  if (mp_report_get_n_organisations (report) > 0)
    {
      g_print ("\n%s\n", _("Organisations present"));
      for (guint i = 0; i < mp_report_get_n_organisations (report); i++)
        {
          const MpOrganisationCount *o = mp_report_get_organisation (report, i);
          g_autofree char *cell = pad (o->organisation, 46);

          g_print ("  %s %4u\n", cell, o->arrived);
        }
    }

  if (mp_report_get_n_arrival_buckets (report) > 0)
    {
      g_print ("\n%s\n", _("Arrivals per 5 minutes"));
      for (guint i = 0; i < mp_report_get_n_arrival_buckets (report); i++)
        {
          const MpArrivalBucket *a = mp_report_get_arrival_bucket (report, i);
          g_autofree char *clock = mp_time_format_clock (a->starts_at);
          g_autofree char *cell = pad (clock, 8);

          g_print ("  %s %4u  ", cell, a->arrivals);
          for (guint j = 0; j < MIN (a->arrivals, 60); j++)
            g_print ("#");
          g_print ("\n");
        }
    }

  for (guint k = 0; k < MP_N_ANSWER_KINDS; k++)
    {
      if (mp_report_get_n_answers (report, k) == 0)
        continue;
      g_print ("\n%s\n", mp_answer_kind_get_title (k));
      for (guint i = 0; i < mp_report_get_n_answers (report, k); i++)
        {
          const MpAnswerCount *a = mp_report_get_answer (report, k, i);
          g_autofree char *cell = pad (a->answer, 46);

          g_print ("  %s %4u\n", cell, a->count);
        }
    }

  return EXIT_OK;
}

/* report-period */

static char *opt_period_from, *opt_period_to;
static char **opt_period_kinds;

static const GOptionEntry period_entries[] = {
  { "from", 0, 0, G_OPTION_ARG_STRING, &opt_period_from, N_("The first day of the period"), N_("YYYY-MM-DD") },
  { "to", 0, 0, G_OPTION_ARG_STRING, &opt_period_to, N_("The last day of the period (included)"), N_("YYYY-MM-DD") },
  { "kind", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_period_kinds, N_("Only events of this kind (may be repeated)"), N_("KIND") },
  { NULL }
};

static int
run_report_period (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpPeriodReport) report = NULL;
  MpReportFormat format = MP_REPORT_FORMAT_PDF;
  const char *path = NULL;
  int status = EXIT_USAGE;
  gint64 from, to;
  guint kinds = 0, n_sectors;

  g_option_context_set_summary (context, _("Attendance over many meetings: by sector per event and in total, organisations reached, people who came back."));
  g_option_context_add_main_entries (context, period_entries, GETTEXT_PACKAGE);
  if (!parse_options (context, report_file_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return usage_error (context, _("report-period takes no arguments, only options."));
  if (opt_period_from == NULL || opt_period_to == NULL)
    return usage_error (context, _("Which period? Give --from and --to."));
  if (!mp_period_parse_date (opt_period_from, &from, &error) ||
      !mp_period_parse_date (opt_period_to, &to, &error))
    return usage_error (context, error->message);
  {
    /* the last day is included: up to the start of the next one */
    g_autoptr(GDateTime) last = g_date_time_new_from_unix_local (to);
    g_autoptr(GDateTime) next = g_date_time_add_days (last, 1);
    to = g_date_time_to_unix (next);
  }
  for (guint i = 0; opt_period_kinds != NULL && opt_period_kinds[i] != NULL; i++)
    {
      MpEventKind kind;

      if (!mp_event_kind_from_string (opt_period_kinds[i], &kind))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a kind of event."), opt_period_kinds[i]);
          return usage_error (context, message);
        }
      kinds |= 1u << kind;
    }
  if (!report_file_wanted (context, &format, &path, &status))
    return status;

  store = open_store (&error);
  if (store == NULL || (report = mp_period_report_new (store, from, to, kinds, &error)) == NULL)
    return fail_with (error);

  if (path != NULL)
    {
      if (!mp_period_report_export (report, format, path, &error))
        return fail_with (error);
      g_print (_("Report written to %s\n"), path);
      return EXIT_OK;
    }

  n_sectors = mp_period_report_get_n_sectors (report);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_add_string (b, "from", opt_period_from);
      json_add_string (b, "to", opt_period_to);
      json_builder_set_member_name (b, "kinds");
      json_builder_begin_array (b);
      for (guint k = 0; k < MP_N_EVENT_KINDS; k++)
        if (kinds & (1u << k))
          json_builder_add_string_value (b, mp_event_kind_to_string (k));
      json_builder_end_array (b);
      json_add_int (b, "registered", mp_period_report_get_total_registered (report));
      json_add_int (b, "arrived", mp_period_report_get_total_arrived (report));
      json_add_int (b, "distinct_people", mp_period_report_get_distinct_people (report));
      json_add_int (b, "returning_people", mp_period_report_get_returning_people (report));
      json_add_int (b, "organisations_reached", mp_period_report_get_n_organisations (report));
      json_builder_set_member_name (b, "sectors");
      json_builder_begin_array (b);
      for (guint s = 0; s < n_sectors; s++)
        {
          json_builder_begin_object (b);
          json_add_string (b, "sector", mp_period_report_get_sector (report, s));
          json_add_int (b, "arrived", mp_period_report_get_sector_total (report, s));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "events");
      json_builder_begin_array (b);
      for (guint i = 0; i < mp_period_report_get_n_events (report); i++)
        {
          const MpPeriodEvent *e = mp_period_report_get_event (report, i);
          g_autofree char *starts = mp_time_format_iso (e->starts_at);

          json_builder_begin_object (b);
          json_add_int (b, "id", e->id);
          json_add_string (b, "title", e->title);
          json_add_string (b, "kind", mp_event_kind_to_string (e->kind));
          json_add_string (b, "starts_at", starts);
          json_add_int (b, "registered", e->registered);
          json_add_int (b, "arrived", e->arrived);
          json_builder_set_member_name (b, "arrived_by_sector");
          json_builder_begin_object (b);
          for (guint s = 0; s < n_sectors; s++)
            json_add_int (b, mp_period_report_get_sector (report, s), e->by_sector[s]);
          json_builder_end_object (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "organisations");
      json_builder_begin_array (b);
      for (guint i = 0; i < mp_period_report_get_n_organisations (report); i++)
        {
          const MpPeriodOrganisation *o = mp_period_report_get_organisation (report, i);

          json_builder_begin_object (b);
          json_add_string (b, "organisation", o->organisation);
          json_add_string (b, "sector", o->sector);
          json_add_int (b, "events", o->events);
          json_add_int (b, "people", o->people);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      print_json (b);
      return EXIT_OK;
    }

  g_print ("%s – %s\n\n", opt_period_from, opt_period_to);
  print_count (_("Events"), mp_period_report_get_n_events (report));
  print_count (_("Registered"), mp_period_report_get_total_registered (report));
  print_count (_("Arrived"), mp_period_report_get_total_arrived (report));
  print_count (_("Different people who came"), mp_period_report_get_distinct_people (report));
  print_count (_("Came more than once"), mp_period_report_get_returning_people (report));
  print_count (_("Organisations reached"), mp_period_report_get_n_organisations (report));

  g_print ("\n");
  for (guint i = 0; i < mp_period_report_get_n_events (report); i++)
    {
      const MpPeriodEvent *e = mp_period_report_get_event (report, i);
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (e->starts_at);
      g_autofree char *day = g_date_time_format (dt, "%Y-%m-%d");
      g_autofree char *cell = pad (e->title, 40);

      g_print ("%s  %s %6u\n", day, cell, e->arrived);
    }

  {
    g_autofree char *c1 = pad (_("Sector"), 40);
    g_autofree char *c2 = pad_to (_("Arrived"), 8, TRUE);

    g_print ("\n%s %s\n", c1, c2);
  }
  for (guint s = 0; s < n_sectors; s++)
    {
      const char *sector = mp_period_report_get_sector (report, s);
      g_autofree char *cell = NULL;

      if (mp_period_report_get_sector_total (report, s) == 0)
        continue;
      cell = pad (sector[0] ? sector : _("No sector"), 40);
      g_print ("%s %8u\n", cell, mp_period_report_get_sector_total (report, s));
    }

  return EXIT_OK;
}

/* retention */

static int opt_retention_months = -1;
static gboolean opt_retention_dry_run;

static const GOptionEntry retention_entries[] = {
  { "months", 0, 0, G_OPTION_ARG_INT, &opt_retention_months, N_("Keep personal data this many months after an event (default: the setting, 12)"), N_("N") },
  { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &opt_retention_dry_run, N_("Only tell which events are due; change nothing"), NULL },
  { NULL }
};

/* The window's setting when its schema is installed, else 12. */
static guint
retention_months_setting (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "retention-months"))
    return 12;

  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_uint (settings, "retention-months");
}

static int
run_retention (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(GPtrArray) due = NULL;
  guint months, n_registrations = 0, n_events = 0;
  gint64 now = mp_time_now ();

  g_option_context_set_summary (context,
                                _("Anonymise the registrations of events that ended more than N months ago: names, e-mail, phone, answers and consents go; the counts in reports stay."));
  if (!parse_options (context, retention_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return usage_error (context, _("retention takes no arguments, only options."));
  if (opt_retention_months < -1 || opt_retention_months > 1200)
    return usage_error (context, _("--months must be between 0 and 1200."));

  months = opt_retention_months >= 0 ? (guint) opt_retention_months : retention_months_setting ();
  store = open_store (&error);
  if (store == NULL)
    return fail_with (error);

  if (months == 0)
    {
      if (!opt_json)
        g_print ("%s\n", _("Personal data is kept until it is erased by hand (0 months): nothing to do."));
      else
        g_print ("{\"months\":0,\"events\":[],\"registrations\":0}\n");
      return EXIT_OK;
    }

  due = mp_retention_list_due (store, months, now, &error);
  if (due == NULL)
    return fail_with (error);
  for (guint i = 0; i < due->len; i++)
    n_registrations += ((MpRetentionDue *) g_ptr_array_index (due, i))->registrations;

  if (!opt_retention_dry_run)
    {
      g_clear_pointer (&due, g_ptr_array_unref);
      if (!mp_retention_anonymise (store, months, now, &n_registrations, &n_events, &error))
        return fail_with (error);
    }

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_add_int (b, "months", months);
      json_builder_set_member_name (b, "dry_run");
      json_builder_add_boolean_value (b, opt_retention_dry_run);
      json_add_int (b, "registrations", n_registrations);
      if (due != NULL)
        {
          json_builder_set_member_name (b, "events");
          json_builder_begin_array (b);
          for (guint i = 0; i < due->len; i++)
            {
              const MpRetentionDue *d = g_ptr_array_index (due, i);
              g_autofree char *ended = mp_time_format_iso (d->ends_at);

              json_builder_begin_object (b);
              json_add_int (b, "id", d->event_id);
              json_add_string (b, "title", d->title);
              json_add_string (b, "ended", ended);
              json_add_int (b, "registrations", d->registrations);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
        }
      else
        json_add_int (b, "events", n_events);
      json_builder_end_object (b);
      print_json (b);
      return EXIT_OK;
    }

  if (due != NULL)
    {
      if (due->len == 0)
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "No registration is older than %u month.\n",
                              "No registration is older than %u months.\n",
                              months),
                 months);
      for (guint i = 0; i < due->len; i++)
        {
          const MpRetentionDue *d = g_ptr_array_index (due, i);
          g_autofree char *ended = mp_time_format_date (d->ends_at);
          g_autofree char *id = g_strdup_printf ("%6" G_GINT64_FORMAT, d->event_id);

          g_print (g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: event id (right-aligned), title, the day it ended, how many registrations */
                                "%s  %s (%s): %u registration due\n",
                                "%s  %s (%s): %u registrations due\n",
                                d->registrations),
                   id, d->title, ended, d->registrations);
        }
    }
  else
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Anonymised %u registration of events that ended more than %u months ago.\n",
                          "Anonymised %u registrations of events that ended more than %u months ago.\n",
                          n_registrations),
             n_registrations, months);

  return EXIT_OK;
}

/* backup, erase-person */

static int
run_backup (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DEST"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;

  g_option_context_set_summary (context,
                                _("Copy the database to DEST while it is in use. DEST appears whole or not at all."));
  if (!parse_options (context, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (context, _("Where to? Give the backup file’s name."));

  store = open_store (&error);
  if (store == NULL || !mp_database_backup (mp_store_get_database (store), argv[1], NULL, &error))
    return fail_with (error);

  if (!opt_json)
    g_print (_("Backed up to %s\n"), argv[1]);
  return EXIT_OK;
}

static int
run_erase_person (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("PERSON_ID"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  gint64 person_id;

  g_option_context_set_summary (context,
                                _("Erase everything personal about a person (name, e-mail, phone, answers, consents). Counts in reports stay."));
  if (!parse_options (context, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (context, _("Whom? Give the person id (see “search --json”)."));
  if (!parse_id (argv[1], &person_id, &error))
    return usage_error (context, error->message);

  store = open_store (&error);
  if (store == NULL || !mp_store_erase_person (store, person_id, &error))
    return fail_with (error);

  if (!opt_json)
    g_print ("%s\n", _("The person’s data was erased."));
  return EXIT_OK;
}

/* mailing, consent withdraw, person export */

/* Writes @text to @path (whole or not at all), or to standard output. */
static gboolean
write_output (const char  *path,
              const char  *text,
              GError     **error)
{
  gsize len = strlen (text);

  if (path == NULL)
    {
      if (fwrite (text, 1, len, stdout) != len || fflush (stdout) != 0)
        {
          g_set_error_literal (error, MP_ERROR, MP_ERROR_IO, _("Could not write to standard output."));
          return FALSE;
        }
      return TRUE;
    }

  if (!g_file_set_contents_full (path, text, len, G_FILE_SET_CONTENTS_CONSISTENT, 0666, error))
    return FALSE;
  return TRUE;
}

static char **opt_events;
static char *opt_format;
static gboolean opt_arrived;

static const GOptionEntry mailing_entries[] = {
  { "event", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_events, N_("Only people registered for this event (may be repeated)"), N_("ID") },
  { "sector", 0, 0, G_OPTION_ARG_STRING, &opt_sector, N_("Only people from this sector"), N_("SECTOR") },
  { "arrived", 0, 0, G_OPTION_ARG_NONE, &opt_arrived, N_("Only people who arrived"), NULL },
  { "format", 0, 0, G_OPTION_ARG_STRING, &opt_format, N_("csv (default), excel, vcard or bcc"), N_("FORMAT") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE instead of standard output"), N_("FILE") },
  { NULL }
};

static int
run_mailing (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(GArray) event_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *text = NULL;
  const char *format = "csv";
  gint64 sector_id = 0;

  g_option_context_set_summary (context,
                                _("The follow-up mailing list: only people who consented to follow-up, in name order."));
  if (!parse_options (context, mailing_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return usage_error (context, _("The mailing list takes no arguments, only options."));
  if (opt_format != NULL)
    format = opt_format;
  if (!g_str_equal (format, "csv") && !g_str_equal (format, "excel") &&
      !g_str_equal (format, "vcard") && !g_str_equal (format, "bcc"))
    return usage_error (context, _("The format is one of csv, excel, vcard or bcc."));

  for (guint i = 0; opt_events != NULL && opt_events[i] != NULL; i++)
    {
      gint64 id;

      if (!parse_id (opt_events[i], &id, &error))
        return usage_error (context, error->message);
      g_array_append_val (event_ids, id);
    }

  store = open_store (&error);
  if (store == NULL)
    return fail_with (error);

  for (guint i = 0; i < event_ids->len; i++)
    {
      g_autoptr(MpEvent) event = mp_store_get_event (store, g_array_index (event_ids, gint64, i), &error);

      if (event == NULL)
        return fail_with (error);
    }

  if (opt_sector != NULL && (sector_id = mp_store_find_sector (store, opt_sector)) == 0)
    {
      g_printerr ("moteplass-cli: ");
      g_printerr (_("There is no sector called “%s”.\n"), opt_sector);
      return EXIT_FAILED;
    }

  entries = mp_mailing_list (store, (const gint64 *) event_ids->data, event_ids->len,
                             sector_id, opt_arrived, &error);
  if (entries == NULL)
    return fail_with (error);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < entries->len; i++)
        {
          MpMailingEntry *entry = g_ptr_array_index (entries, i);

          json_builder_begin_object (b);
          json_add_int (b, "person_id", entry->person_id);
          json_add_string (b, "name", entry->name);
          json_add_string (b, "email", entry->email);
          json_add_string (b, "organisation", entry->organisation);
          json_add_string (b, "sector", entry->sector);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      {
        g_autofree char *json = json_generator_to_data (generator, NULL);
        text = g_strconcat (json, "\n", NULL);
      }
    }
  else if (g_str_equal (format, "vcard"))
    text = mp_mailing_to_vcard (entries);
  else if (g_str_equal (format, "bcc"))
    {
      g_autofree char *line = mp_mailing_to_bcc (entries);
      text = g_strconcat (line, "\n", NULL);
    }
  else
    text = mp_mailing_to_csv (entries, g_str_equal (format, "excel"));

  if (!write_output (opt_output, text, &error))
    return fail_with (error);
  if (opt_output != NULL && !opt_json)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u person written to %s\n", "%u people written to %s\n", entries->len),
                entries->len, opt_output);
  return EXIT_OK;
}

static char *opt_consent_kind;

static const GOptionEntry consent_entries[] = {
  { "kind", 0, 0, G_OPTION_ARG_STRING, &opt_consent_kind, N_("Which consent: followup or photo"), N_("KIND") },
  { NULL }
};

static int
run_consent (int    argc,
             char **argv)
{
  static const char *names[] = { "withdraw", NULL };
  static const char *with_values[] = { "--db", "--kind", NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  MpConsentKind kind;
  gint64 person_id;

  if (take_subverb (&argc, &argv, names, with_values) == NULL)
    {
      g_printerr ("moteplass-cli: %s\n", _("Use “consent withdraw PERSON_ID --kind followup|photo”."));
      return EXIT_USAGE;
    }

  context = g_option_context_new (_("PERSON_ID"));
  g_option_context_set_summary (context,
                                _("Withdraw a person’s consent to follow-up or to photos. The history is kept."));
  if (!parse_options (context, consent_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (context, _("Whom? Give the person id (see “search --json”)."));
  if (!parse_id (argv[1], &person_id, &error))
    return usage_error (context, error->message);
  if (!mp_consent_kind_from_string (opt_consent_kind, &kind))
    return usage_error (context, _("Which consent? Give --kind followup or --kind photo."));

  store = open_store (&error);
  if (store == NULL || !mp_store_withdraw_consent (store, person_id, kind, &error))
    return fail_with (error);

  if (!opt_json)
    g_print ("%s\n", _("The consent was withdrawn."));
  return EXIT_OK;
}

static const GOptionEntry person_export_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE instead of standard output"), N_("FILE") },
  { NULL }
};

static int
run_person (int    argc,
            char **argv)
{
  static const char *names[] = { "export", NULL };
  static const char *with_values[] = { "--db", "-o", "--output", NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  gint64 person_id;

  if (take_subverb (&argc, &argv, names, with_values) == NULL)
    {
      g_printerr ("moteplass-cli: %s\n", _("Use “person export PERSON_ID [-o FILE]”."));
      return EXIT_USAGE;
    }

  context = g_option_context_new (_("PERSON_ID"));
  g_option_context_set_summary (context,
                                _("Everything stored about one person, as JSON (for an access request)."));
  if (!parse_options (context, person_export_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (context, _("Whom? Give the person id (see “search --json”)."));
  if (!parse_id (argv[1], &person_id, &error))
    return usage_error (context, error->message);

  store = open_store (&error);
  if (store == NULL || (json = mp_store_export_person_json (store, person_id, &error)) == NULL)
    return fail_with (error);

  text = g_strconcat (json, "\n", NULL);
  if (!write_output (opt_output, text, &error))
    return fail_with (error);
  return EXIT_OK;
}

static int run_import (int argc, char **argv);
static int run_export (int argc, char **argv);
static int run_tickets (int argc, char **argv);
static int run_demo (int argc, char **argv);
static int run_badge (int argc, char **argv);
static int run_printers (int argc, char **argv);

static const Verb verbs[] = {
  { "event", N_("add|list|show …"), N_("Create, list and show events"), run_event },
  { "import", N_("EVENT_ID FILE.csv [--dry-run] [--strict]"), N_("Import registrations from a CSV file"), run_import },
  { "export", N_("EVENT_ID [--excel] [--consented] [-o FILE]"), N_("Export attendees as CSV"), run_export },
  { "register", N_("EVENT_ID --name N [--email E] [--organisation O] [--sector S]"), N_("Register one person"), run_register },
  { "tickets", N_("EVENT_ID -o FILE.pdf|FILE.png [--layout L] [--registration ID]"), N_("Render tickets or badges"), run_tickets },
  { "badge", N_("EVENT_ID REGISTRATION_ID [--printer NAME | --folder DIR] [--layout L]"), N_("Print one name badge without a dialog, or save it in a folder"), run_badge },
  { "printers", N_("[--json]"), N_("List the printers badges can be printed on"), run_printers },
  { "checkin", N_("EVENT_ID SCANNED_TEXT [--desk NAME]"), N_("Check a ticket in"), run_checkin },
  { "search", N_("EVENT_ID QUERY"), N_("Find attendees by name, organisation or e-mail"), run_search },
  { "report", N_("EVENT_ID [--pdf F | --csv F [--excel] | --xlsx F]"), N_("Attendance by sector and organisation, arrival curve, answers"), run_report },
  { "report-period", N_("--from DATE --to DATE [--kind K]… [--pdf F | --csv F | --xlsx F]"), N_("Attendance over many events"), run_report_period },
  { "retention", N_("[--months N] [--dry-run]"), N_("Anonymise registrations of old events"), run_retention },
  { "backup", N_("DEST"), N_("Back up the database while it is in use"), run_backup },
  { "erase-person", N_("PERSON_ID"), N_("Erase a person’s personal data"), run_erase_person },
  { "mailing", N_("[--event ID]… [--sector S] [--arrived] [--format csv|excel|vcard|bcc] [-o FILE]"), N_("The follow-up mailing list (only those who consented)"), run_mailing },
  { "consent", N_("withdraw PERSON_ID --kind followup|photo"), N_("Withdraw a consent"), run_consent },
  { "person", N_("export PERSON_ID [-o FILE]"), N_("Export everything stored about a person as JSON"), run_person },
  { "demo", N_("[--force]"), N_("Fill the database with a demo: three events with fictional attendees"), run_demo },
};


/* import */

static gboolean opt_dry_run, opt_strict;

static const GOptionEntry import_entries[] = {
  { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &opt_dry_run, N_("Check the file and tell what would happen; change nothing"), NULL },
  { "strict", 0, 0, G_OPTION_ARG_NONE, &opt_strict, N_("Import nothing if any row is bad"), NULL },
  { NULL }
};

static void
print_progress (double   fraction,
                gpointer user_data)
{
}

static int
run_import (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("EVENT_ID FILE.csv"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpEvent) event = NULL;
  g_autoptr(MpCsvImport) import = NULL;
  g_autoptr(GFile) file = NULL;
  MpCsvImportReport *report;
  const MpImportCounts *counts;
  MpCsvImportFlags flags = MP_CSV_IMPORT_FLAGS_NONE;
  guint n_bad, n_warnings;

  g_option_context_set_summary (context,
                                _("Import registrations from a CSV file exported from a web form or a spreadsheet. "
                                  "People already known are merged; importing the same file twice changes nothing. "
                                  "Bad rows are listed with their line numbers and skipped."));
  if (!parse_options (context, import_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 3)
    return usage_error (context, _("Give the event id and the CSV file."));

  if (opt_dry_run)
    flags |= MP_CSV_IMPORT_DRY_RUN;
  if (opt_strict)
    flags |= MP_CSV_IMPORT_STRICT;

  store = open_store (&error);
  if (store == NULL || (event = event_from_args (store, argv[1], &error)) == NULL)
    return fail_with (error);

  file = g_file_new_for_commandline_arg (argv[2]);
  import = mp_csv_import_new_for_file (file, NULL, &error);
  if (import == NULL)
    return fail_with (error);

  report = mp_csv_import_run (import, store, mp_event_get_id (event), flags, NULL,
                              print_progress, NULL, &error);

  if (report == NULL)
    return fail_with (error);

  counts = mp_csv_import_report_get_counts (report);
  n_bad = mp_csv_import_report_get_n_bad_rows (report);
  n_warnings = mp_csv_import_report_get_n_warnings (report);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      char delimiter[2] = { mp_csv_import_report_get_delimiter (report), 0 };

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "dry_run");
      json_builder_add_boolean_value (b, opt_dry_run);
      json_add_string (b, "encoding", mp_csv_import_report_get_encoding_label (report));
      json_add_string (b, "delimiter", delimiter);
      json_add_int (b, "rows", mp_csv_import_report_get_rows_read (report));
      json_add_int (b, "new_people", counts->new_people);
      json_add_int (b, "known_people", counts->known_people);
      json_add_int (b, "new_registrations", counts->new_registrations);
      json_add_int (b, "unchanged", counts->unchanged);
      json_builder_set_member_name (b, "bad_rows");
      json_builder_begin_array (b);
      for (guint i = 0; i < n_bad; i++)
        {
          const MpCsvProblem *p = mp_csv_import_report_get_bad_row (report, i);

          json_builder_begin_object (b);
          json_add_int (b, "line", p->line);
          json_add_string (b, "reason", p->reason);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "warnings");
      json_builder_begin_array (b);
      for (guint i = 0; i < n_warnings; i++)
        {
          const MpCsvProblem *p = mp_csv_import_report_get_warning (report, i);

          json_builder_begin_object (b);
          json_add_int (b, "line", p->line);
          json_add_string (b, "reason", p->reason);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    {
      for (guint i = 0; i < n_bad; i++)
        {
          const MpCsvProblem *p = mp_csv_import_report_get_bad_row (report, i);
          /* Translators: "line 12: no name" */
          g_printerr (_("line %u: %s\n"), p->line, p->reason);
        }
      for (guint i = 0; i < n_warnings; i++)
        {
          const MpCsvProblem *p = mp_csv_import_report_get_warning (report, i);
          g_printerr (_("line %u (warning): %s\n"), p->line, p->reason);
        }

      if (opt_dry_run)
        g_print ("%s\n", _("Dry run: nothing was changed."));
      /* Translators: "UTF-8, semicolon separated: 6 rows read, 0 bad." */
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "%s, %s separated: %u row read, %u bad.\n",
                            "%s, %s separated: %u rows read, %u bad.\n",
                            mp_csv_import_report_get_rows_read (report)),
               mp_csv_import_report_get_encoding_label (report),
               mp_csv_import_get_delimiter_label (import),
               mp_csv_import_report_get_rows_read (report), n_bad);
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "%u new registration (%u new people, %u already known); %u were registered already.\n",
                            "%u new registrations (%u new people, %u already known); %u were registered already.\n",
                            counts->new_registrations),
               counts->new_registrations, counts->new_people, counts->known_people, counts->unchanged);
    }

  mp_csv_import_report_unref (report);
  return EXIT_OK;
}

/* export */

static gboolean opt_excel, opt_consented;

static const GOptionEntry export_entries[] = {
  { "excel", 0, 0, G_OPTION_ARG_NONE, &opt_excel, N_("For Excel: semicolons, byte order mark, formulas defused"), NULL },
  { "consented", 0, 0, G_OPTION_ARG_NONE, &opt_consented, N_("Only those who agreed to follow-up mailings"), NULL },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE instead of standard output"), N_("FILE") },
  { NULL }
};

static int
run_export (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("EVENT_ID"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpEvent) event = NULL;
  MpCsvExportFlags flags = MP_CSV_EXPORT_FLAGS_NONE;
  guint n_rows = 0;

  g_option_context_set_summary (context, _("Export an event’s attendees as CSV, in Norwegian name order."));
  if (!parse_options (context, export_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (context, _("Which event? Give its id."));

  if (opt_excel)
    flags |= MP_CSV_EXPORT_EXCEL;
  if (opt_consented)
    flags |= MP_CSV_EXPORT_CONSENTED;

  store = open_store (&error);
  if (store == NULL || (event = event_from_args (store, argv[1], &error)) == NULL)
    return fail_with (error);

  if (opt_output != NULL)
    {
      if (!mp_csv_export_to_path (store, mp_event_get_id (event), flags, opt_output, &n_rows, NULL, &error))
        return fail_with (error);
      if (!opt_json)
        g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u attendee written to %s\n", "%u attendees written to %s\n", n_rows),
                    n_rows, opt_output);
    }
  else
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (1, FALSE);

      if (!mp_csv_export_to_stream (store, mp_event_get_id (event), flags, out, &n_rows, NULL, &error) ||
          !g_output_stream_flush (out, NULL, &error))
        return fail_with (error);
    }

  return EXIT_OK;
}

/* demo */

static gboolean opt_force;

static const GOptionEntry demo_entries[] = {
  { "force", 0, 0, G_OPTION_ARG_NONE, &opt_force, N_("Add the demo even if the database has events"), NULL },
  { NULL }
};

static int
run_demo (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(GPtrArray) events = NULL;

  g_option_context_set_summary (context, _("Fill the database with demo events and fictional attendees, to try Møteplass."));
  if (!parse_options (context, demo_entries, &argc, &argv))
    return EXIT_USAGE;

  store = open_store (&error);
  if (store == NULL || (events = mp_store_list_events (store, &error)) == NULL)
    return fail_with (error);

  if (events->len > 0 && !opt_force)
    {
      g_printerr ("moteplass-cli: %s\n", _("The database has events already; add --force to add the demo anyway."));
      return EXIT_FAILED;
    }

  if (!mp_demo_populate (store, &error))
    return fail_with (error);

  if (!opt_json)
    g_print ("%s\n", _("Demo events added."));
  return EXIT_OK;
}

/* tickets */

static char *opt_layout;
static gint64 opt_registration;

static const GOptionEntry tickets_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE.pdf, or FILE.png (one image per page)"), N_("FILE") },
  { "layout", 0, 0, G_OPTION_ARG_STRING, &opt_layout, N_("ticket (default), badge, badge-label or sheet"), N_("LAYOUT") },
  { "registration", 0, 0, G_OPTION_ARG_INT64, &opt_registration, N_("Only this registration"), N_("ID") },
  { NULL }
};

static int
run_tickets (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("EVENT_ID"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpEvent) event = NULL;
  g_autoptr(MpTicketRenderer) renderer = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  MpTicketLayout layout = MP_TICKET_LAYOUT_TICKET;

  g_option_context_set_summary (context,
                                _("Render QR tickets or name badges of an event to PDF or PNG. "
                                  "Cancelled and waiting-list registrations get no ticket."));
  if (!parse_options (context, tickets_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (context, _("Which event? Give its id."));
  if (opt_output == NULL)
    return usage_error (context, _("Where to? Give -o FILE.pdf or -o FILE.png."));
  if (!g_str_has_suffix (opt_output, ".pdf") && !g_str_has_suffix (opt_output, ".png"))
    return usage_error (context, _("The output file must end in .pdf or .png."));
  if (opt_layout != NULL && !mp_ticket_layout_from_string (opt_layout, &layout))
    return usage_error (context, _("--layout is ticket, badge, badge-label or sheet."));

  store = open_store (&error);
  if (store == NULL || (event = event_from_args (store, argv[1], &error)) == NULL)
    return fail_with (error);

  if (opt_registration != 0)
    {
      MpAttendee *attendee = mp_store_get_attendee (store, opt_registration, &error);

      if (attendee == NULL)
        return fail_with (error);
      attendees = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (attendees, attendee);
      if (mp_attendee_get_event_id (attendee) != mp_event_get_id (event))
        {
          g_printerr ("moteplass-cli: %s\n", _("That registration is for another event."));
          return EXIT_FAILED;
        }
    }
  else
    {
      g_autoptr(GPtrArray) all = mp_store_list_attendees (store, mp_event_get_id (event), &error);

      if (all == NULL)
        return fail_with (error);
      attendees = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < all->len; i++)
        {
          MpAttendee *a = g_ptr_array_index (all, i);

          if (mp_attendee_get_status (a) == MP_REGISTRATION_STATUS_REGISTERED)
            g_ptr_array_add (attendees, g_object_ref (a));
        }
    }

  if (attendees->len == 0)
    {
      g_printerr ("moteplass-cli: %s\n", _("There is nobody to make a ticket for."));
      return EXIT_FAILED;
    }

  renderer = mp_ticket_renderer_new (event, layout);
  if (!mp_ticket_renderer_render_to_file (renderer, opt_output, attendees, NULL, NULL, NULL, &error))
    return fail_with (error);

  if (!opt_json)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u ticket written to %s\n", "%u tickets written to %s\n", attendees->len),
             attendees->len, opt_output);
  return EXIT_OK;
}

/* badge, printers */

static char *opt_printer;
static char *opt_folder;

static const GOptionEntry badge_entries[] = {
  { "printer", 0, 0, G_OPTION_ARG_STRING, &opt_printer, N_("Print on this CUPS printer, without a dialog (see “moteplass-cli printers”)"), N_("NAME") },
  { "folder", 0, 0, G_OPTION_ARG_FILENAME, &opt_folder, N_("Save the badge as a PDF file in DIR (default: “Møteplass badges” in your documents)"), N_("DIR") },
  { "layout", 0, 0, G_OPTION_ARG_STRING, &opt_layout, N_("badge-label (default), badge, ticket or sheet"), N_("LAYOUT") },
  { NULL }
};

static int
run_badge (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("EVENT_ID REGISTRATION_ID"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpEvent) event = NULL;
  g_autoptr(MpAttendee) attendee = NULL;
  g_autoptr(MpBadgePrinter) printer = NULL;
  g_autofree char *where = NULL;
  MpTicketLayout layout = MP_TICKET_LAYOUT_BADGE_LABEL;
  gint64 registration_id;

  g_option_context_set_summary (context,
                                _("Print one attendee’s name badge as the desk does at check-in: "
                                  "on a CUPS printer without a dialog, or as a PDF file in a folder."));
  if (!parse_options (context, badge_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 3)
    return usage_error (context, _("Give the event id and the registration id."));
  if (!parse_id (argv[2], &registration_id, &error))
    return usage_error (context, error->message);
  if (opt_printer != NULL && opt_folder != NULL)
    return usage_error (context, _("Give either --printer or --folder, not both."));
  if (opt_printer != NULL && *opt_printer == '\0')
    return usage_error (context, _("--printer needs a printer’s name."));
  if (opt_layout != NULL && !mp_ticket_layout_from_string (opt_layout, &layout))
    return usage_error (context, _("--layout is ticket, badge, badge-label or sheet."));

  store = open_store (&error);
  if (store == NULL || (event = event_from_args (store, argv[1], &error)) == NULL)
    return fail_with (error);

  attendee = mp_store_get_attendee (store, registration_id, &error);
  if (attendee == NULL)
    return fail_with (error);
  if (mp_attendee_get_event_id (attendee) != mp_event_get_id (event))
    {
      g_printerr ("moteplass-cli: %s\n", _("That registration is for another event."));
      return EXIT_FAILED;
    }
  if (mp_attendee_get_status (attendee) != MP_REGISTRATION_STATUS_REGISTERED)
    {
      g_printerr ("moteplass-cli: %s\n", _("That registration is cancelled or on the waiting list: it gets no badge."));
      return EXIT_FAILED;
    }

  printer = mp_badge_printer_new (opt_printer, opt_folder, layout);
  where = mp_badge_printer_print (printer, event, attendee, NULL, &error);
  if (where == NULL)
    return fail_with (error);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_add_int (b, "registration_id", registration_id);
      json_add_string (b, "layout", mp_ticket_layout_to_string (layout));
      if (opt_printer != NULL)
        json_add_string (b, "printer", opt_printer);
      else
        json_add_string (b, "file", where);
      json_add_string (b, "printed_to", where);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    /* Translators: %s is a printer and job ("Kontor (job 12)") or a file */
    g_print (_("Badge sent to %s\n"), where);

  return EXIT_OK;
}

static int
run_printers (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(GStrv) printers = NULL;

  g_option_context_set_summary (context,
                                _("List the CUPS printers badges can be printed on, the default first."));
  if (!parse_options (context, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return usage_error (context, _("printers takes no arguments."));

  printers = mp_badge_printer_list_printers ();

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; printers[i] != NULL; i++)
        json_builder_add_string_value (b, printers[i]);
      json_builder_end_array (b);
      print_json (b);
    }
  else if (printers[0] == NULL)
    g_printerr ("%s\n", _("No printers found. Is the print service (CUPS) running?"));
  else
    for (guint i = 0; printers[i] != NULL; i++)
      g_print ("%s\n", printers[i]);

  return EXIT_OK;
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: moteplass-cli [--db FILE] [--json] VERB [ARGUMENTS…]"));
  fprintf (out, "%s\n\n", _("Møteplass registers attendees, prints QR tickets and checks people in."));
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    fprintf (out, "  %-13s %s\n  %-13s   %s\n", verbs[i].name, _(verbs[i].summary), "", _(verbs[i].args));
  fprintf (out, "\n%s\n", _("“moteplass-cli VERB --help” explains a verb. Exit status: 0 done, 1 failed, 2 usage; checkin: 3 already checked in, 4 not valid."));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *localedir = g_getenv ("MP_LOCALEDIR");
  const Verb *verb = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The verb is the first argument that is not an option (or the value
   * of --db); everything else goes to the verb's own option parser. */
  g_ptr_array_add (args, argv[0]);
  for (int i = 1; i < argc; i++)
    {
      if (verb == NULL && argv[i][0] != '-')
        {
          for (guint v = 0; v < G_N_ELEMENTS (verbs); v++)
            if (g_str_equal (argv[i], verbs[v].name))
              verb = &verbs[v];
          if (verb == NULL)
            {
              g_printerr ("moteplass-cli: %s\n", _("Unknown verb. “moteplass-cli --help” lists them."));
              g_printerr (_("(you wrote “%s”)\n"), argv[i]);
              return EXIT_USAGE;
            }
          continue;
        }
      if (verb == NULL && (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h")))
        {
          print_usage (stdout);
          return EXIT_OK;
        }
      if (verb == NULL && g_str_equal (argv[i], "--version"))
        {
          g_print ("moteplass-cli %s\n", PACKAGE_VERSION);
          return EXIT_OK;
        }
      g_ptr_array_add (args, argv[i]);
      if (verb == NULL && g_str_equal (argv[i], "--db") && i + 1 < argc)
        g_ptr_array_add (args, argv[++i]);
    }

  if (verb == NULL)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  g_ptr_array_add (args, NULL);
  {
    int status = verb->run (args->len - 1, (char **) args->pdata);

    g_clear_pointer (&opt_db, g_free);
    return status;
  }
}
