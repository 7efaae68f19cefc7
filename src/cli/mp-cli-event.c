/* mp-cli-event.c: moteplass-cli event add | list | show */
#define G_LOG_DOMAIN "moteplass-cli"

#include "config.h"

#include "mp-cli.h"

static char *opt_title, *opt_kind, *opt_starts, *opt_ends, *opt_venue, *opt_description, *opt_contact;
static char *opt_capacity;

static const GOptionEntry event_add_entries[] = {
  { "title", 0, 0, G_OPTION_ARG_STRING, &opt_title, N_("Title of the event"), N_("TITLE") },
  { "kind", 0, 0, G_OPTION_ARG_STRING, &opt_kind, N_("dialogue_meeting, breakfast_meeting, conference, seminar, webinar or workshop (Norwegian words work too)"), N_("KIND") },
  { "starts", 0, 0, G_OPTION_ARG_STRING, &opt_starts, N_("Start, local time: 2026-03-08T09:00"), N_("TIME") },
  { "ends", 0, 0, G_OPTION_ARG_STRING, &opt_ends, N_("End, local time"), N_("TIME") },
  { "venue", 0, 0, G_OPTION_ARG_STRING, &opt_venue, N_("Where it is"), N_("VENUE") },
  { "capacity", 0, 0, G_OPTION_ARG_STRING, &opt_capacity, N_("How many may come"), N_("N") },
  { "description", 0, 0, G_OPTION_ARG_STRING, &opt_description, N_("A few words about it"), N_("TEXT") },
  { "contact", 0, 0, G_OPTION_ARG_STRING, &opt_contact, N_("Who to ask about it: a name, a phone number"), N_("TEXT") },
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
  g_autofree char *title = NULL;
  g_autofree char *venue = NULL;
  g_autofree char *description = NULL;
  g_autofree char *contact = NULL;
  MpEventKind kind = MP_EVENT_KIND_DIALOGUE_MEETING;
  gint64 starts = 0, ends = 0;
  guint capacity = 0;

  g_option_context_set_summary (context, _("Create an event."));
  if (!cli_parse_options (context, event_add_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return cli_usage_error (context, _("“event add” takes no arguments besides its options."));
  if (!cli_clean_text (opt_title, MP_TEXT_FIELD_TITLE, &title, &error) ||
      !cli_clean_text (opt_venue, MP_TEXT_FIELD_VENUE, &venue, &error) ||
      !cli_clean_text (opt_description, MP_TEXT_FIELD_DESCRIPTION, &description, &error) ||
      !cli_clean_text (opt_contact, MP_TEXT_FIELD_CONTACT, &contact, &error))
    return cli_fail (error);
  if (title == NULL)
    return cli_usage_error (context, _("An event needs --title."));
  if (opt_capacity != NULL && !cli_parse_number ("--capacity", opt_capacity, 0, 1000000, &capacity, &error))
    return cli_usage_error (context, error->message);
  if (opt_starts == NULL)
    return cli_usage_error (context, _("An event needs --starts, for example --starts 2026-03-08T09:00."));
  if (opt_kind != NULL && !mp_event_kind_from_string (opt_kind, &kind))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a kind of event."), opt_kind);
      return cli_usage_error (context, message);
    }
  if (!mp_time_parse_local (opt_starts, &starts, &error) ||
      (opt_ends != NULL && !mp_time_parse_local (opt_ends, &ends, &error)))
    return cli_usage_error (context, error->message);

  mp_event_set_title (event, title);
  mp_event_set_kind (event, kind);
  mp_event_set_starts_at (event, starts);
  mp_event_set_ends_at (event, ends);
  mp_event_set_venue (event, venue);
  mp_event_set_capacity (event, opt_capacity != NULL ? (int) capacity : -1);
  mp_event_set_description (event, description);
  mp_event_set_contact (event, contact);

  store = cli_create_store (&error);
  if (store == NULL || !mp_store_add_event (store, event, &error))
    return cli_fail (error);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      cli_json_add_event (b, event);
      cli_print_json (b);
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
  if (!cli_parse_options (context, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return cli_usage_error (context, _("“event list” takes no arguments."));

  store = cli_open_store (&error);
  if (store == NULL || (events = mp_store_list_events (store, &error)) == NULL)
    return cli_fail (error);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < events->len; i++)
        cli_json_add_event (b, g_ptr_array_index (events, i));
      json_builder_end_array (b);
      cli_print_json (b);
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

static int
run_event_show (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("EVENT_ID"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpEvent) event = NULL;
  g_autoptr(GPtrArray) twice = NULL;
  MpEventCounts counts;

  g_option_context_set_summary (context, _("Show one event."));
  if (!cli_parse_options (context, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error (context, _("Which event? Give its id."));

  store = cli_open_store (&error);
  if (store == NULL ||
      (event = cli_event_from_args (store, argv[1], &error)) == NULL ||
      !mp_store_get_counts (store, mp_event_get_id (event), &counts, &error) ||
      (twice = mp_store_list_double_admissions (store, mp_event_get_id (event), &error)) == NULL)
    return cli_fail (error);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      cli_json_add_event (b, event);
      root = json_builder_get_root (b);
      /* tickets admitted at two desks while they were apart (the hub) */
      json_object_set_int_member (json_node_get_object (root), "admitted_twice", twice->len);
      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      text = json_generator_to_data (gen, NULL);
      g_print ("%s\n", text);
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
    if (mp_event_get_contact (event)[0] != '\0')
      g_print ("%s: %s\n", _("Contact"), mp_event_get_contact (event));
    if (mp_event_get_description (event)[0] != '\0')
      g_print ("%s: %s\n", _("Description"), mp_event_get_description (event));
    if (mp_event_get_example (event))
      g_print ("%s\n", _("An example event: its attendees are fictional."));
    g_print ("%s: %u\n", _("Registered"), counts.registered);
    g_print ("%s: %u\n", _("Waiting list"), counts.waitlisted);
    g_print ("%s: %u\n", _("Cancelled"), counts.cancelled);
    g_print ("%s: %u\n", _("Arrived"), counts.arrived);
    g_print ("%s: %u\n", _("Walk-ins"), counts.walk_ins);
    if (twice->len > 0)
      g_print ("%s: %u\n", _("Admitted twice while offline (counted once)"), twice->len);
  }

  return EXIT_OK;
}

int
run_event (int    argc,
           char **argv)
{
  static const char *names[] = { "add", "list", "show", NULL };
  static const char *with_values[] = {
    "--db", "--title", "--kind", "--starts", "--ends", "--venue", "--capacity", "--description", "--contact", NULL
  };
  const char *subverb = cli_take_subverb (&argc, &argv, names, with_values);

  if (g_strcmp0 (subverb, "add") == 0)
    return run_event_add (argc, argv);
  if (g_strcmp0 (subverb, "list") == 0)
    return run_event_list (argc, argv);
  if (g_strcmp0 (subverb, "show") == 0)
    return run_event_show (argc, argv);

  g_printerr ("moteplass-cli: %s\n", _("Use “event add”, “event list” or “event show ID”."));
  return EXIT_USAGE;
}
