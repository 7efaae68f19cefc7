/* mp-cli-privacy.c: moteplass-cli erase-person, mailing, consent, person export */
#define G_LOG_DOMAIN "moteplass-cli"

#include "config.h"

#include "mp-cli.h"

static char *opt_output;
static char *opt_sector;

int
run_erase_person (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("PERSON_ID"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  gint64 person_id;
  gboolean traces;

  g_option_context_set_summary (context,
                                _("Erase everything personal about a person (name, e-mail, phone, answers, consents). Counts in reports stay."));
  if (!cli_parse_options (context, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error (context, _("Whom? Give the person id (see “search --json”)."));
  if (!cli_parse_id (argv[1], &person_id, &error))
    return cli_usage_error (context, error->message);

  store = cli_open_store (&error);
  if (store == NULL || !mp_store_erase_person (store, person_id, &error))
    return cli_fail (error);

  traces = mp_database_get_erasure_pending (mp_store_get_database (store));
  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_add_int (b, "person_id", person_id);
      cli_json_add_boolean (b, "erased", TRUE);
      cli_json_add_boolean (b, "traces_remain", traces);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else if (traces)
    g_print ("%s\n", cli_traces_remain_message ());
  else
    g_print ("%s\n", _("The person’s data was erased, and no trace of it is left in the database’s files."));
  return EXIT_OK;
}

const char *
cli_traces_remain_message (void)
{
  return _("Erased, but another program (a desk, a backup or a report) is still reading the database, so "
           "traces of the erased data remain in the database’s files until that program stops reading. "
           "Møteplass wipes them the next time it opens the database: run any command on it later to finish.");
}

/* mailing, consent withdraw, person export */

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

int
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
  if (!cli_parse_options (context, mailing_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return cli_usage_error (context, _("The mailing list takes no arguments, only options."));
  if (opt_format != NULL)
    format = opt_format;
  if (!g_str_equal (format, "csv") && !g_str_equal (format, "excel") &&
      !g_str_equal (format, "vcard") && !g_str_equal (format, "bcc"))
    return cli_usage_error (context, _("The format is one of csv, excel, vcard or bcc."));

  for (guint i = 0; opt_events != NULL && opt_events[i] != NULL; i++)
    {
      gint64 id;

      if (!cli_parse_id (opt_events[i], &id, &error))
        return cli_usage_error (context, error->message);
      g_array_append_val (event_ids, id);
    }

  store = cli_open_store (&error);
  if (store == NULL)
    return cli_fail (error);

  for (guint i = 0; i < event_ids->len; i++)
    {
      g_autoptr(MpEvent) event = mp_store_get_event (store, g_array_index (event_ids, gint64, i), &error);

      if (event == NULL)
        return cli_fail (error);
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
    return cli_fail (error);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < entries->len; i++)
        {
          MpMailingEntry *entry = g_ptr_array_index (entries, i);

          json_builder_begin_object (b);
          cli_json_add_int (b, "person_id", entry->person_id);
          cli_json_add_string (b, "name", entry->name);
          cli_json_add_string (b, "email", entry->email);
          cli_json_add_nullable (b, "organisation", entry->organisation);
          cli_json_add_nullable (b, "sector", entry->sector);
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

  if (!cli_write_output (opt_output, text, &error))
    return cli_fail (error);
  if (opt_output != NULL && !cli_opt_json)
    {
      guint left_out = 0;

      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u person written to %s\n", "%u people written to %s\n", entries->len),
                  entries->len, opt_output);
      /* as the window says it */
      if (mp_mailing_count_left_out (store, (const gint64 *) event_ids->data, event_ids->len,
                                     sector_id, opt_arrived, &left_out, NULL) && left_out > 0)
        g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                 "%u person left out: no consent to follow-up\n",
                                 "%u people left out: no consent to follow-up\n", left_out),
                    left_out);
    }
  return EXIT_OK;
}

static char *opt_consent_kind;

static const GOptionEntry consent_entries[] = {
  { "kind", 0, 0, G_OPTION_ARG_STRING, &opt_consent_kind, N_("Which consent: followup or photo"), N_("KIND") },
  { NULL }
};

int
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

  if (cli_take_subverb (&argc, &argv, names, with_values) == NULL)
    {
      g_printerr ("moteplass-cli: %s\n", _("Use “consent withdraw PERSON_ID --kind followup|photo”."));
      return EXIT_USAGE;
    }

  context = g_option_context_new (_("PERSON_ID"));
  g_option_context_set_summary (context,
                                _("Withdraw a person’s consent to follow-up or to photos. The history is kept."));
  if (!cli_parse_options (context, consent_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error (context, _("Whom? Give the person id (see “search --json”)."));
  if (!cli_parse_id (argv[1], &person_id, &error))
    return cli_usage_error (context, error->message);
  if (!mp_consent_kind_from_string (opt_consent_kind, &kind))
    return cli_usage_error (context, _("Which consent? Give --kind followup or --kind photo."));

  store = cli_open_store (&error);
  if (store == NULL || !mp_store_withdraw_consent (store, person_id, kind, &error))
    return cli_fail (error);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_add_int (b, "person_id", person_id);
      cli_json_add_string (b, "kind", opt_consent_kind);
      cli_json_add_string (b, "action", "withdraw");
      cli_json_add_boolean (b, "consent", FALSE);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else
    g_print ("%s\n", _("The consent was withdrawn."));
  return EXIT_OK;
}

static const GOptionEntry person_export_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE instead of standard output"), N_("FILE") },
  { NULL }
};

int
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

  if (cli_take_subverb (&argc, &argv, names, with_values) == NULL)
    {
      g_printerr ("moteplass-cli: %s\n", _("Use “person export PERSON_ID [-o FILE]”."));
      return EXIT_USAGE;
    }

  context = g_option_context_new (_("PERSON_ID"));
  g_option_context_set_summary (context,
                                _("Everything stored about one person, as JSON (for an access request)."));
  if (!cli_parse_options (context, person_export_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error (context, _("Whom? Give the person id (see “search --json”)."));
  if (!cli_parse_id (argv[1], &person_id, &error))
    return cli_usage_error (context, error->message);

  store = cli_open_store (&error);
  if (store == NULL || (json = mp_store_export_person_json (store, person_id, &error)) == NULL)
    return cli_fail (error);

  text = g_strconcat (json, "\n", NULL);
  if (!cli_write_output (opt_output, text, &error))
    return cli_fail (error);
  return EXIT_OK;
}
