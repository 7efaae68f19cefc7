/* mp-cli-tickets.c: moteplass-cli tickets, badge, printers */
#define G_LOG_DOMAIN "moteplass-cli"

#include "config.h"

#include "mp-cli.h"

static char *opt_output;

static char *opt_layout;
static char *opt_registration;
static char *opt_organiser;
static char *opt_logo;

static const GOptionEntry tickets_entries[] = {
  { "organiser", 0, 0, G_OPTION_ARG_STRING, &opt_organiser, N_("The organiser's name on every ticket (default: Preferences)"), N_("NAME") },
  { "logo", 0, 0, G_OPTION_ARG_FILENAME, &opt_logo, N_("The organiser's logo, an SVG or PNG file (default: Preferences)"), N_("FILE") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE.pdf, or FILE.png (one image per page)"), N_("FILE") },
  { "layout", 0, 0, G_OPTION_ARG_STRING, &opt_layout, N_("ticket (default), badge, badge-label or sheet"), N_("LAYOUT") },
  { "registration", 0, 0, G_OPTION_ARG_STRING, &opt_registration, N_("Only this registration"), N_("ID") },
  { NULL }
};

int
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
  gint64 registration_id = 0;

  g_option_context_set_summary (context,
                                _("Render QR tickets or name badges of an event to PDF or PNG. "
                                  "Cancelled and waiting-list registrations get no ticket."));
  if (!cli_parse_options (context, tickets_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error (context, _("Which event? Give its id."));
  if (opt_output == NULL)
    return cli_usage_error (context, _("Where to? Give -o FILE.pdf or -o FILE.png."));
  if (!g_str_has_suffix (opt_output, ".pdf") && !g_str_has_suffix (opt_output, ".png"))
    return cli_usage_error (context, _("The output file must end in .pdf or .png."));
  if (opt_layout != NULL && !mp_ticket_layout_from_string (opt_layout, &layout))
    return cli_usage_error (context, _("--layout is ticket, badge, badge-label or sheet."));
  if (opt_registration != NULL && !cli_parse_id (opt_registration, &registration_id, &error))
    return cli_usage_error (context, error->message);

  store = cli_open_store (&error);
  if (store == NULL || (event = cli_event_from_args (store, argv[1], &error)) == NULL)
    return cli_fail (error);

  if (registration_id != 0)
    {
      MpAttendee *attendee = cli_attendee_of_event (store, event, registration_id, &error);

      if (attendee == NULL)
        return cli_fail (error);
      attendees = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (attendees, attendee);
    }
  else
    {
      g_autoptr(GPtrArray) all = mp_store_list_attendees (store, mp_event_get_id (event), &error);

      if (all == NULL)
        return cli_fail (error);
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

  if (opt_organiser != NULL || opt_logo != NULL)
    {
      g_autoptr(MpTicketOrganiser) organiser = mp_ticket_organiser_new (opt_organiser, opt_logo, &error);

      if (organiser == NULL)
        return cli_fail (error);
      renderer = mp_ticket_renderer_new_full (event, layout, organiser);
    }
  else
    renderer = mp_ticket_renderer_new (event, layout);
  if (!mp_ticket_renderer_render_to_file (renderer, opt_output, attendees, NULL, NULL, NULL, &error))
    return cli_fail (error);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_add_int (b, "event_id", mp_event_get_id (event));
      cli_json_add_string (b, "output", opt_output);
      cli_json_add_string (b, "layout", mp_ticket_layout_to_string (layout));
      cli_json_add_int (b, "tickets", attendees->len);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else
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

int
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
  if (!cli_parse_options (context, badge_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 3)
    return cli_usage_error (context, _("Give the event id and the registration id."));
  if (!cli_parse_id (argv[2], &registration_id, &error))
    return cli_usage_error (context, error->message);
  if (opt_printer != NULL && opt_folder != NULL)
    return cli_usage_error (context, _("Give either --printer or --folder, not both."));
  if (opt_printer != NULL && *opt_printer == '\0')
    return cli_usage_error (context, _("--printer needs a printer’s name."));
  if (opt_layout != NULL && !mp_ticket_layout_from_string (opt_layout, &layout))
    return cli_usage_error (context, _("--layout is ticket, badge, badge-label or sheet."));

  store = cli_open_store (&error);
  if (store == NULL || (event = cli_event_from_args (store, argv[1], &error)) == NULL)
    return cli_fail (error);

  attendee = cli_attendee_of_event (store, event, registration_id, &error);
  if (attendee == NULL)
    return cli_fail (error);
  if (mp_attendee_get_status (attendee) != MP_REGISTRATION_STATUS_REGISTERED)
    {
      g_printerr ("moteplass-cli: %s\n", _("That registration is cancelled or on the waiting list: it gets no badge."));
      return EXIT_FAILED;
    }

  printer = mp_badge_printer_new (opt_printer, opt_folder, layout);
  where = mp_badge_printer_print (printer, event, attendee, NULL, &error);
  if (where == NULL)
    return cli_fail (error);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_add_int (b, "registration_id", registration_id);
      cli_json_add_string (b, "layout", mp_ticket_layout_to_string (layout));
      cli_json_add_nullable (b, "printer", opt_printer);
      cli_json_add_nullable (b, "file", opt_printer == NULL ? where : NULL);
      cli_json_add_string (b, "printed_to", where);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else
    /* Translators: %s is a printer and job ("Kontor (job 12)") or a file */
    g_print (_("Badge sent to %s\n"), where);

  return EXIT_OK;
}

int
run_printers (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(GStrv) printers = NULL;

  g_option_context_set_summary (context,
                                _("List the CUPS printers badges can be printed on, the default first."));
  if (!cli_parse_options (context, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return cli_usage_error (context, _("printers takes no arguments."));

  printers = mp_badge_printer_list_printers ();

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; printers[i] != NULL; i++)
        json_builder_add_string_value (b, printers[i]);
      json_builder_end_array (b);
      cli_print_json (b);
    }
  else if (printers[0] == NULL)
    g_printerr ("%s\n", _("No printers found. Is the print service (CUPS) running?"));
  else
    for (guint i = 0; printers[i] != NULL; i++)
      g_print ("%s\n", printers[i]);

  return EXIT_OK;
}
