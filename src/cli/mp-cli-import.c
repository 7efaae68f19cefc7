/* mp-cli-import.c: moteplass-cli import, export, demo */
#define G_LOG_DOMAIN "moteplass-cli"

#include "config.h"

#include <gio/gunixoutputstream.h>

#include "mp-cli.h"

static char *opt_output;

static gboolean opt_dry_run, opt_strict, opt_over_capacity;

static const GOptionEntry import_entries[] = {
  { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &opt_dry_run, N_("Check the file and tell what would happen; change nothing"), NULL },
  { "strict", 0, 0, G_OPTION_ARG_NONE, &opt_strict, N_("Import nothing if any row is bad"), NULL },
  { "over-capacity", 0, 0, G_OPTION_ARG_NONE, &opt_over_capacity, N_("Register everyone even past the event’s capacity (otherwise they go to the waiting list)"), NULL },
  { NULL }
};

int
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
  if (!cli_parse_options (context, import_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 3)
    return cli_usage_error (context, _("Give the event id and the CSV file."));

  if (opt_dry_run)
    flags |= MP_CSV_IMPORT_DRY_RUN;
  if (opt_strict)
    flags |= MP_CSV_IMPORT_STRICT;
  if (opt_over_capacity)
    flags |= MP_CSV_IMPORT_OVER_CAPACITY;

  store = cli_open_store (&error);
  if (store == NULL || (event = cli_event_from_args (store, argv[1], &error)) == NULL)
    return cli_fail (error);

  file = g_file_new_for_commandline_arg (argv[2]);
  import = mp_csv_import_new_for_file (file, NULL, &error);
  if (import == NULL)
    return cli_fail (error);

  report = mp_csv_import_run (import, store, mp_event_get_id (event), flags, NULL,
                              cli_print_progress, NULL, &error);

  if (report == NULL)
    return cli_fail (error);

  counts = mp_csv_import_report_get_counts (report);
  n_bad = mp_csv_import_report_get_n_bad_rows (report);
  n_warnings = mp_csv_import_report_get_n_warnings (report);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      char delimiter[2] = { mp_csv_import_report_get_delimiter (report), 0 };

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "dry_run");
      json_builder_add_boolean_value (b, opt_dry_run);
      cli_json_add_string (b, "encoding", mp_csv_import_report_get_encoding_label (report));
      cli_json_add_string (b, "delimiter", delimiter);
      cli_json_add_int (b, "rows", mp_csv_import_report_get_rows_read (report));
      cli_json_add_int (b, "new_people", counts->new_people);
      cli_json_add_int (b, "known_people", counts->known_people);
      cli_json_add_int (b, "new_registrations", counts->new_registrations);
      cli_json_add_int (b, "unchanged", counts->unchanged);
      cli_json_add_int (b, "waiting_list", counts->past_capacity);
      cli_json_add_int (b, "consents_not_given_again", counts->consents_not_given_again);
      json_builder_set_member_name (b, "bad_rows");
      json_builder_begin_array (b);
      for (guint i = 0; i < n_bad; i++)
        {
          const MpCsvProblem *p = mp_csv_import_report_get_bad_row (report, i);

          json_builder_begin_object (b);
          cli_json_add_int (b, "line", p->line);
          cli_json_add_string (b, "reason", p->reason);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "warnings");
      json_builder_begin_array (b);
      for (guint i = 0; i < n_warnings; i++)
        {
          const MpCsvProblem *p = mp_csv_import_report_get_warning (report, i);

          json_builder_begin_object (b);
          cli_json_add_int (b, "line", p->line);
          cli_json_add_string (b, "reason", p->reason);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      cli_print_json (b);
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
      if (counts->past_capacity > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "%u of them goes to the waiting list: the event is full (%d places). --over-capacity registers everyone.\n",
                              "%u of them go to the waiting list: the event is full (%d places). --over-capacity registers everyone.\n",
                              counts->past_capacity),
                 counts->past_capacity, mp_event_get_capacity (event));
      if (counts->consents_not_given_again > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "%u consent was not given again: the person withdrew it, and the answer in the file is not later.\n",
                              "%u consents were not given again: the people withdrew them, and the answers in the file are not later.\n",
                              counts->consents_not_given_again),
                 counts->consents_not_given_again);
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

int
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
  if (!cli_parse_options (context, export_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error (context, _("Which event? Give its id."));

  if (opt_excel)
    flags |= MP_CSV_EXPORT_EXCEL;
  if (opt_consented)
    flags |= MP_CSV_EXPORT_CONSENTED;

  store = cli_open_store (&error);
  if (store == NULL || (event = cli_event_from_args (store, argv[1], &error)) == NULL)
    return cli_fail (error);

  if (opt_output != NULL)
    {
      if (!mp_csv_export_to_path (store, mp_event_get_id (event), flags, opt_output, &n_rows, NULL, &error))
        return cli_fail (error);
      if (!cli_opt_json)
        g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u attendee written to %s\n", "%u attendees written to %s\n", n_rows),
                    n_rows, opt_output);
    }
  else
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (1, FALSE);

      if (!mp_csv_export_to_stream (store, mp_event_get_id (event), flags, out, &n_rows, NULL, &error) ||
          !g_output_stream_flush (out, NULL, &error))
        return cli_fail (error);
    }

  return EXIT_OK;
}

/* demo */

static gboolean opt_force;

static const GOptionEntry demo_entries[] = {
  { "force", 0, 0, G_OPTION_ARG_NONE, &opt_force, N_("Add the demo even if the database has events"), NULL },
  { NULL }
};

int
run_demo (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(GPtrArray) events = NULL;

  g_option_context_set_summary (context, _("Fill the database with demo events and fictional attendees, to try Møteplass."));
  if (!cli_parse_options (context, demo_entries, &argc, &argv))
    return EXIT_USAGE;

  store = cli_open_store (&error);
  if (store == NULL || (events = mp_store_list_events (store, &error)) == NULL)
    return cli_fail (error);

  if (events->len > 0 && !opt_force)
    {
      g_printerr ("moteplass-cli: %s\n", _("The database has events already; add --force to add the demo anyway."));
      return EXIT_FAILED;
    }

  if (!mp_demo_populate (store, &error))
    return cli_fail (error);

  if (!cli_opt_json)
    g_print ("%s\n", _("Demo events added."));
  return EXIT_OK;
}
