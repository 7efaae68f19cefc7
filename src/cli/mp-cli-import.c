/* mp-cli-import.c: moteplass-cli import, export, demo */
#define G_LOG_DOMAIN "moteplass-cli"

#include "config.h"

#include <gio/gunixoutputstream.h>

#include "mp-cli.h"
#include "mp-xlsx-export.h"

static char *opt_output;

static gboolean opt_dry_run, opt_strict, opt_reject_bad_email, opt_over_capacity;
static char **opt_maps;
static char *opt_sheet;

static const GOptionEntry import_entries[] = {
  { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &opt_dry_run, N_("Check the file and tell what would happen; change nothing"), NULL },
  { "strict", 0, 0, G_OPTION_ARG_NONE, &opt_strict, N_("Import nothing if any row is bad"), NULL },
  { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_maps, N_("Read the column HEADER as FIELD (name, given-name, family-name, email, phone, organisation, sector, dietary, accessibility, interpreter, consent-followup, consent-photo, status, answered-at, ignore); may be repeated"), N_("HEADER=FIELD") },
  { "sheet", 0, 0, G_OPTION_ARG_STRING, &opt_sheet, N_("The sheet of an Excel workbook to read (default: the first)"), N_("NAME") },
  { "reject-bad-email", 0, 0, G_OPTION_ARG_NONE, &opt_reject_bad_email, N_("Skip rows whose e-mail address is not one (default: import the person without it)"), NULL },
  { "over-capacity", 0, 0, G_OPTION_ARG_NONE, &opt_over_capacity, N_("Register everyone even past the event’s capacity (otherwise they go to the waiting list)"), NULL },
  { NULL }
};

/* "Hva heter du?=name": the column with that header holds that field. */
static gboolean
apply_maps (MpCsvImport  *import,
            GError      **error)
{
  for (guint i = 0; opt_maps != NULL && opt_maps[i] != NULL; i++)
    {
      const char *eq = strrchr (opt_maps[i], '=');
      g_autofree char *header = NULL;
      MpCsvField field;
      int column;

      if (eq == NULL || eq == opt_maps[i])
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                       _("“%s” is not HEADER=FIELD, for example --map 'Hva heter du?=name'."),
                       opt_maps[i]);
          return FALSE;
        }
      header = g_strndup (opt_maps[i], eq - opt_maps[i]);
      if (!mp_csv_field_from_string (eq + 1, &field) && g_ascii_strcasecmp (eq + 1, "ignored") != 0)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                       _("“%s” is not a field. Use name, given-name, family-name, email, phone, "
                         "organisation, sector, dietary, accessibility, interpreter, "
                         "consent-followup, consent-photo, status, answered-at or ignore."), eq + 1);
          return FALSE;
        }
      if (g_ascii_strcasecmp (eq + 1, "ignored") == 0)
        field = MP_CSV_FIELD_IGNORE;

      column = mp_csv_import_find_header (import, header);
      if (column < 0)
        {
          g_autoptr(GString) headers = g_string_new (NULL);

          for (guint c = 0; c < mp_csv_import_get_n_columns (import); c++)
            g_string_append_printf (headers, "%s“%s”", c > 0 ? ", " : "",
                                    mp_csv_import_get_header (import, c));
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                       _("No one column is called “%s”. The columns are: %s."), header, headers->str);
          return FALSE;
        }
      mp_csv_import_set_field (import, column, field);
    }
  return TRUE;
}

static const char *
field_code (MpCsvImport *import,
            guint        column)
{
  MpCsvField field = mp_csv_import_get_field (import, column);

  return field == MP_CSV_FIELD_IGNORE ? "ignored" : mp_csv_field_to_string (field);
}

static void
print_import_json (MpCsvImport       *import,
                   MpCsvImportReport *report)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const MpImportCounts *counts = mp_csv_import_report_get_counts (report);
  MpImportPlatform platform = mp_csv_import_get_platform (import);
  char delimiter[2] = { mp_csv_import_report_get_delimiter (report), 0 };
  gboolean workbook = mp_csv_import_is_workbook (import);

  json_builder_begin_object (b);
  cli_json_add_boolean (b, "dry_run", opt_dry_run);
  cli_json_add_string (b, "file_type", workbook ? "xlsx" : "csv");
  cli_json_add_string (b, "encoding", mp_csv_import_report_get_encoding_label (report));
  cli_json_add_nullable (b, "delimiter", delimiter);
  cli_json_add_nullable (b, "sheet", mp_csv_import_get_sheet_name (import));
  json_builder_set_member_name (b, "sheets");
  json_builder_begin_array (b);
  for (guint i = 0; i < mp_csv_import_get_n_sheets (import); i++)
    json_builder_add_string_value (b, mp_csv_import_get_sheet (import, i));
  json_builder_end_array (b);
  cli_json_add_nullable (b, "platform", mp_import_platform_to_string (platform));
  cli_json_add_nullable (b, "platform_label", mp_import_platform_get_label (platform));
  json_builder_set_member_name (b, "columns");
  json_builder_begin_array (b);
  for (guint c = 0; c < mp_csv_import_get_n_columns (import); c++)
    {
      gboolean ignored = mp_csv_import_get_field (import, c) == MP_CSV_FIELD_IGNORE;

      json_builder_begin_object (b);
      cli_json_add_int (b, "column", c + 1);
      cli_json_add_string (b, "header", mp_csv_import_get_header (import, c));
      cli_json_add_string (b, "field", field_code (import, c));
      cli_json_add_nullable (b, "role", ignored ? NULL
                             : mp_csv_import_get_role (import, c) == MP_CSV_ROLE_FALLBACK ? "fallback"
                             : "primary");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  cli_json_add_int (b, "rows", mp_csv_import_report_get_rows_read (report));
  /* every row good once: new_people + merged + unchanged + repeated */
  cli_json_add_int (b, "new_people", counts->new_people);
  cli_json_add_int (b, "merged", counts->merged);
  cli_json_add_int (b, "unchanged", counts->unchanged);
  cli_json_add_int (b, "repeated", counts->repeated);
  cli_json_add_int (b, "new_registrations", counts->new_registrations);
  cli_json_add_int (b, "waiting_list", counts->past_capacity);
  cli_json_add_int (b, "consents_not_given_again", counts->consents_not_given_again);
  cli_json_add_int (b, "without_email", mp_csv_import_report_get_n_without_email (report));
  cli_json_add_int (b, "names_turned", mp_csv_import_report_get_n_names_turned (report));
  json_builder_set_member_name (b, "merged_people");
  json_builder_begin_array (b);
  for (guint i = 0; i < mp_csv_import_report_get_n_merged (report); i++)
    {
      guint line = 0;
      const MpImportMerged *m = mp_csv_import_report_get_merged (report, i, &line);

      json_builder_begin_object (b);
      cli_json_add_int (b, "line", line);
      cli_json_add_int (b, "person_id", m->person_id);
      cli_json_add_string (b, "name", m->name);
      cli_json_add_nullable (b, "organisation", m->organisation);
      cli_json_add_nullable (b, "email", m->email);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  for (guint kind = 0; kind < 2; kind++)
    {
      guint n = kind == 0 ? mp_csv_import_report_get_n_bad_rows (report)
                          : mp_csv_import_report_get_n_warnings (report);

      json_builder_set_member_name (b, kind == 0 ? "bad_rows" : "warnings");
      json_builder_begin_array (b);
      for (guint i = 0; i < n; i++)
        {
          const MpCsvProblem *p = kind == 0 ? mp_csv_import_report_get_bad_row (report, i)
                                            : mp_csv_import_report_get_warning (report, i);

          json_builder_begin_object (b);
          cli_json_add_int (b, "line", p->line);
          cli_json_add_string (b, "reason", p->reason);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  cli_print_json (b);
}

/* What the file is and which column became what. */
static void
print_columns (MpCsvImport *import)
{
  const char *platform = mp_import_platform_get_label (mp_csv_import_get_platform (import));

  if (mp_csv_import_is_workbook (import))
    {
      g_autoptr(GString) others = g_string_new (NULL);

      for (guint i = 0; i < mp_csv_import_get_n_sheets (import); i++)
        if (g_strcmp0 (mp_csv_import_get_sheet (import, i), mp_csv_import_get_sheet_name (import)) != 0)
          g_string_append_printf (others, "%s“%s”", others->len > 0 ? ", " : "",
                                  mp_csv_import_get_sheet (import, i));
      g_print (_("Excel workbook, sheet “%s”.\n"), mp_csv_import_get_sheet_name (import));
      if (others->len > 0)
        g_print (_("Other sheets (choose one with --sheet): %s.\n"), others->str);
    }
  if (platform != NULL)
    g_print (_("It looks like an export from %s.\n"), platform);
  else
    g_print ("%s\n", _("It does not look like an export from a platform Møteplass knows; the columns "
                       "are matched by their headers."));

  g_print ("%s\n", _("Columns:"));
  for (guint c = 0; c < mp_csv_import_get_n_columns (import); c++)
    {
      MpCsvField field = mp_csv_import_get_field (import, c);
      const char *header = mp_csv_import_get_header (import, c);

      if (field == MP_CSV_FIELD_IGNORE)
        /* Translators: a column of the file and what it became: "  3 “Start time”: ignored" */
        g_print (_("  %u “%s”: ignored\n"), c + 1, header);
      else if (mp_csv_import_get_role (import, c) == MP_CSV_ROLE_FALLBACK)
        /* Translators: "  4 “Buyer Email”: email, only for rows without one of their own" */
        g_print (_("  %u “%s”: %s, only for rows without one of their own\n"), c + 1, header,
                 mp_csv_field_to_string (field));
      else
        g_print (_("  %u “%s”: %s\n"), c + 1, header, mp_csv_field_to_string (field));
    }
}

/* Text lists at most this many merged people; --json all of them. */
#define MAX_MERGED_LISTED 50

static void
print_summary (MpCsvImport       *import,
               MpCsvImportReport *report,
               int                capacity)
{
  const MpImportCounts *counts = mp_csv_import_report_get_counts (report);
  guint rows = mp_csv_import_report_get_rows_read (report);
  guint n_bad = mp_csv_import_report_get_n_bad_rows (report);
  guint without_email = mp_csv_import_report_get_n_without_email (report);
  g_autofree char *registrations = NULL;
  g_autofree char *people = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *unchanged = NULL;
  g_autofree char *repeated = NULL;
  guint n_merged;

  if (mp_csv_import_is_workbook (import))
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Sheet “%s”: %u row read, %u bad.\n",
                          "Sheet “%s”: %u rows read, %u bad.\n", rows),
             mp_csv_import_get_sheet_name (import), rows, n_bad);
  else
    /* Translators: "UTF-8, semicolon separated: 6 rows read, 0 bad." */
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%s, %s separated: %u row read, %u bad.\n",
                          "%s, %s separated: %u rows read, %u bad.\n", rows),
             mp_csv_import_report_get_encoding_label (report),
             mp_csv_import_get_delimiter_label (import), rows, n_bad);

  registrations = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new registration",
                                                "%u new registrations", counts->new_registrations),
                                   counts->new_registrations);
  people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new person", "%u new people",
                                         counts->new_people), counts->new_people);
  merged = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u merged with someone already known",
                                         "%u merged with people already known", counts->merged),
                            counts->merged);
  unchanged = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u was registered already",
                                            "%u were registered already", counts->unchanged),
                               counts->unchanged);
  repeated = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row repeats an earlier row",
                                           "%u rows repeat earlier rows", counts->repeated),
                              counts->repeated);
  /* Translators: "9 new registrations (8 new people, 1 merged with someone already known); 0 were
   * registered already; 1 row repeats an earlier row." Every good row is in exactly one of the
   * last four. */
  g_print (_("%s (%s, %s); %s; %s.\n"), registrations, people, merged, unchanged, repeated);

  n_merged = mp_csv_import_report_get_n_merged (report);
  if (n_merged > 0)
    g_print ("%s\n", _("Merged with people already known (check that each is the same person):"));
  for (guint i = 0; i < n_merged && i < MAX_MERGED_LISTED; i++)
    {
      guint line = 0;
      const MpImportMerged *m = mp_csv_import_report_get_merged (report, i, &line);
      g_autoptr(GString) who = g_string_new (m->name);

      if (m->organisation != NULL)
        g_string_append_printf (who, ", %s", m->organisation);
      if (m->email != NULL)
        g_string_append_printf (who, " <%s>", m->email);
      /* Translators: "  line 4: Kari Nordmann, NAV Vestland <kari@nav.no>" */
      g_print (_("  line %u: %s\n"), line, who->str);
    }
  if (n_merged > MAX_MERGED_LISTED)
    g_print (g_dngettext (GETTEXT_PACKAGE, "  … and %u more (--json lists them all).\n",
                          "  … and %u more (--json lists them all).\n", n_merged - MAX_MERGED_LISTED),
             n_merged - MAX_MERGED_LISTED);

  if (without_email > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u person is imported without the e-mail address they gave, because it is not one.\n",
                          "%u people are imported without the e-mail address they gave, because it is not one.\n",
                          without_email), without_email);
  if (counts->past_capacity > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u of them goes to the waiting list: the event is full (%d places). --over-capacity registers everyone.\n",
                          "%u of them go to the waiting list: the event is full (%d places). --over-capacity registers everyone.\n",
                          counts->past_capacity),
             counts->past_capacity, capacity);
  if (counts->consents_not_given_again > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u consent was not given again: the person withdrew it, and the answer in the file is not later.\n",
                          "%u consents were not given again: the people withdrew them, and the answers in the file are not later.\n",
                          counts->consents_not_given_again),
             counts->consents_not_given_again);
}

int
run_import (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("EVENT_ID FILE"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpEvent) event = NULL;
  g_autoptr(MpCsvImport) import = NULL;
  g_autoptr(MpCsvImportReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  MpCsvImportFlags flags = MP_CSV_IMPORT_FLAGS_NONE;

  g_option_context_set_summary (context,
                                _("Import registrations from a CSV file or an Excel workbook (.xlsx) exported from "
                                  "a web form, a ticket shop or a spreadsheet. People already known are merged; "
                                  "importing the same file twice changes nothing. Bad rows are listed with their "
                                  "line numbers and skipped. The dry run lists which column became what."));
  if (!cli_parse_options (context, import_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 3)
    return cli_usage_error (context, _("Give the event id and the file."));

  if (opt_dry_run)
    flags |= MP_CSV_IMPORT_DRY_RUN;
  if (opt_strict)
    flags |= MP_CSV_IMPORT_STRICT;
  if (opt_reject_bad_email)
    flags |= MP_CSV_IMPORT_REJECT_BAD_EMAIL;
  if (opt_over_capacity)
    flags |= MP_CSV_IMPORT_OVER_CAPACITY;

  store = cli_open_store (&error);
  if (store == NULL || (event = cli_event_from_args (store, argv[1], &error)) == NULL)
    return cli_fail (error);

  file = g_file_new_for_commandline_arg (argv[2]);
  import = mp_csv_import_new_for_file_full (file, opt_sheet, NULL, &error);
  if (import == NULL)
    return cli_fail (error);
  if (opt_sheet != NULL && !mp_csv_import_is_workbook (import))
    return cli_usage_error (NULL, _("--sheet is for Excel workbooks; this is a CSV file."));
  if (!apply_maps (import, &error))
    return cli_usage_error (NULL, error->message);

  report = mp_csv_import_run (import, store, mp_event_get_id (event), flags, NULL,
                              cli_print_progress, NULL, &error);
  if (report == NULL)
    {
      /* Which column became what is what to look at when no name is found. */
      if (opt_dry_run && !cli_opt_json)
        print_columns (import);
      return cli_fail (error);
    }

  if (cli_opt_json)
    {
      print_import_json (import, report);
      return EXIT_OK;
    }

  if (opt_dry_run)
    print_columns (import);
  for (guint i = 0; i < mp_csv_import_report_get_n_bad_rows (report); i++)
    {
      const MpCsvProblem *p = mp_csv_import_report_get_bad_row (report, i);
      /* Translators: "line 12: no name" */
      g_printerr (_("line %u: %s\n"), p->line, p->reason);
    }
  for (guint i = 0; i < mp_csv_import_report_get_n_warnings (report); i++)
    {
      const MpCsvProblem *p = mp_csv_import_report_get_warning (report, i);
      g_printerr (_("line %u (warning): %s\n"), p->line, p->reason);
    }

  if (opt_dry_run)
    g_print ("%s\n", _("Dry run: nothing was changed."));
  print_summary (import, report, mp_event_get_capacity (event));
  return EXIT_OK;
}

/* export */

static gboolean opt_excel, opt_xlsx, opt_consented;

static const GOptionEntry export_entries[] = {
  { "excel", 0, 0, G_OPTION_ARG_NONE, &opt_excel, N_("For Excel: semicolons, byte order mark, formulas defused"), NULL },
  { "xlsx", 0, 0, G_OPTION_ARG_NONE, &opt_xlsx, N_("An Excel workbook (.xlsx) instead of CSV; needs -o FILE"), NULL },
  { "consented", 0, 0, G_OPTION_ARG_NONE, &opt_consented, N_("Only those who agreed to follow-up mailings"), NULL },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE instead of standard output"), N_("FILE") },
  { NULL }
};

/* export --json: the attendees as a JSON array, the same keys for each. */
static int
export_json (MpStore *store,
             MpEvent *event)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = mp_store_list_attendees (store, mp_event_get_id (event), &error);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;

  if (attendees == NULL)
    return cli_fail (error);

  json_builder_begin_array (b);
  for (guint i = 0; i < attendees->len; i++)
    {
      MpAttendee *a = g_ptr_array_index (attendees, i);

      if (opt_consented && !mp_attendee_get_consent_followup (a))
        continue;
      cli_json_add_attendee (b, a);
    }
  json_builder_end_array (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  line = g_strconcat (text, "\n", NULL);
  if (!cli_write_output (opt_output, line, &error))
    return cli_fail (error);
  return EXIT_OK;
}

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

  g_option_context_set_summary (context, _("Export an event’s attendees as CSV (or JSON with --json), in Norwegian name order."));
  if (!cli_parse_options (context, export_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error (context, _("Which event? Give its id."));

  if (opt_xlsx && opt_excel)
    return cli_usage_error (context, _("Choose one: --excel (CSV for Excel) or --xlsx (a workbook)."));
  if (opt_xlsx && (opt_output == NULL || cli_opt_json))
    return cli_usage_error (context, _("A workbook needs a file: give -o FILE.xlsx."));
  if (opt_excel)
    flags |= MP_CSV_EXPORT_EXCEL;
  if (opt_consented)
    flags |= MP_CSV_EXPORT_CONSENTED;

  store = cli_open_store (&error);
  if (store == NULL || (event = cli_event_from_args (store, argv[1], &error)) == NULL)
    return cli_fail (error);

  if (cli_opt_json)
    return export_json (store, event);

  if (opt_xlsx)
    {
      if (!mp_xlsx_export_to_path (store, mp_event_get_id (event), flags, opt_output, &n_rows, NULL, &error))
        return cli_fail (error);
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u attendee written to %s\n", "%u attendees written to %s\n", n_rows),
                  n_rows, opt_output);
    }
  else if (opt_output != NULL)
    {
      if (!mp_csv_export_to_path (store, mp_event_get_id (event), flags, opt_output, &n_rows, NULL, &error))
        return cli_fail (error);
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
static gboolean opt_remove;

static const GOptionEntry demo_entries[] = {
  { "force", 0, 0, G_OPTION_ARG_NONE, &opt_force, N_("Add the demo even if the database has events"), NULL },
  { "remove", 0, 0, G_OPTION_ARG_NONE, &opt_remove, N_("Remove the example events (the demo's), with their fictional attendees"), NULL },
  { NULL }
};

static int
remove_examples (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = cli_open_store (&error);
  guint n = 0;

  if (store == NULL || !mp_store_delete_example_events (store, &n, &error))
    return cli_fail (error);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_add_int (b, "events_removed", n);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u example event removed.\n", "%u example events removed.\n", n), n);
  return EXIT_OK;
}

int
run_demo (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) after = NULL;

  g_option_context_set_summary (context, _("Fill the database with demo events and fictional attendees, to try Møteplass."));
  if (!cli_parse_options (context, demo_entries, &argc, &argv))
    return EXIT_USAGE;
  if (opt_remove)
    return remove_examples ();

  store = cli_create_store (&error);
  if (store == NULL || (events = mp_store_list_events (store, &error)) == NULL)
    return cli_fail (error);

  if (events->len > 0 && !opt_force)
    {
      g_printerr ("moteplass-cli: %s\n", _("The database has events already; add --force to add the demo anyway."));
      return EXIT_FAILED;
    }

  if (!mp_demo_populate (store, &error) || (after = mp_store_list_events (store, &error)) == NULL)
    return cli_fail (error);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_add_int (b, "events_added", after->len - events->len);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else
    g_print ("%s\n", _("Demo events added."));
  return EXIT_OK;
}
