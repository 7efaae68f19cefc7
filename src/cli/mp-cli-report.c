/* mp-cli-report.c: moteplass-cli report, report-period, retention */
#define G_LOG_DOMAIN "moteplass-cli"

#include "config.h"

#include "mp-cli.h"

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
  if (n > 1 || (n == 1 && cli_opt_json))
    {
      *status = cli_usage_error (context, _("Give one of --pdf, --csv, --xlsx or --json."));
      return FALSE;
    }
  if (opt_report_excel && opt_report_csv == NULL)
    {
      *status = cli_usage_error (context, _("--excel goes with --csv."));
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
      cli_json_add_string (b, "from", from);
      cli_json_add_int (b, "minutes_from_start", a->slot * (MP_ARRIVAL_BUCKET_SECONDS / 60));
      cli_json_add_int (b, "arrivals", a->arrivals);
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
          cli_json_add_string (b, "answer", a->answer);
          cli_json_add_int (b, "count", a->count);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

int
run_report (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("EVENT_ID"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpReport) report = NULL;
  g_autoptr(GPtrArray) twice = NULL;
  gint64 event_id;
  const MpEventCounts *counts;
  MpReportFormat format = MP_REPORT_FORMAT_PDF;
  const char *path = NULL;
  int status = EXIT_USAGE;

  g_option_context_set_summary (context, _("Who came: counts, arrivals by sector, organisations present, the arrival curve and the answers; or all of it as a PDF, CSV or XLSX file."));
  if (!cli_parse_options (context, report_file_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error (context, _("Which event? Give its id."));
  if (!cli_parse_id (argv[1], &event_id, &error))
    return cli_usage_error (context, error->message);
  if (!report_file_wanted (context, &format, &path, &status))
    return status;

  store = cli_open_store (&error);
  if (store == NULL || (report = mp_report_new_for_event (store, event_id, &error)) == NULL)
    return cli_fail (error);

  if (path != NULL)
    {
      if (!mp_report_export (report, format, path, &error))
        return cli_fail (error);
      g_print (_("Report written to %s\n"), path);
      return EXIT_OK;
    }

  counts = mp_report_get_counts (report);
  twice = mp_store_list_double_admissions (store, event_id, &error);
  if (twice == NULL)
    return cli_fail (error);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "event");
      cli_json_add_event (b, mp_report_get_event (report));
      cli_json_add_int (b, "registered", counts->registered);
      cli_json_add_int (b, "waitlisted", counts->waitlisted);
      cli_json_add_int (b, "cancelled", counts->cancelled);
      cli_json_add_int (b, "arrived", counts->arrived);
      cli_json_add_int (b, "walk_ins", counts->walk_ins);
      /* let in by a desk though on the waiting list or cancelled */
      cli_json_add_int (b, "admitted_by_exception", mp_report_get_n_exceptions (report));
      /* tickets admitted at two desks while they were apart (the hub) */
      cli_json_add_int (b, "admitted_twice", twice->len);
      json_builder_set_member_name (b, "admitted_twice_list");
      json_builder_begin_array (b);
      for (guint i = 0; i < twice->len; i++)
        {
          const MpDoubleAdmission *a = twice->pdata[i];
          g_autofree char *at = mp_time_format_iso (a->at);
          g_autofree char *first_at = mp_time_format_iso (a->first_at);

          json_builder_begin_object (b);
          cli_json_add_int (b, "registration_id", a->registration_id);
          cli_json_add_string (b, "desk", a->desk);
          cli_json_add_string (b, "at", at);
          cli_json_add_string (b, "counted_desk", a->first_desk);
          cli_json_add_string (b, "counted_at", first_at);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "held");
      json_builder_add_boolean_value (b, mp_report_get_held (report));
      json_builder_set_member_name (b, "no_show_rate");
      if (mp_report_get_held (report))
        json_builder_add_double_value (b, mp_report_get_no_show_rate (report));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "sectors");
      json_builder_begin_array (b);
      for (guint i = 0; i < mp_report_get_n_sectors (report); i++)
        {
          const MpSectorCount *s = mp_report_get_sector (report, i);

          json_builder_begin_object (b);
          cli_json_add_string (b, "sector", s->sector);
          cli_json_add_int (b, "registered", s->registered);
          cli_json_add_int (b, "arrived", s->arrived);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "organisations");
      json_builder_begin_array (b);
      for (guint i = 0; i < mp_report_get_n_organisations (report); i++)
        {
          const MpOrganisationCount *o = mp_report_get_organisation (report, i);

          json_builder_begin_object (b);
          cli_json_add_string (b, "organisation", o->organisation);
          cli_json_add_string (b, "sector", o->sector);
          cli_json_add_int (b, "arrived", o->arrived);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_add_report_extras (b, report);
      json_builder_end_object (b);
      cli_print_json (b);
      return EXIT_OK;
    }

  g_print ("%s\n\n", mp_event_get_title (mp_report_get_event (report)));
  print_count (_("Registered"), counts->registered);
  print_count (_("Arrived"), counts->arrived);
  print_count (_("Walk-ins"), counts->walk_ins);
  print_count (_("Admitted by exception"), mp_report_get_n_exceptions (report));
  print_count (_("Waiting list"), counts->waitlisted);
  print_count (_("Cancelled"), counts->cancelled);
  if (twice->len > 0)
    print_count (_("Admitted twice while offline"), twice->len);
  {
    g_autofree char *cell = pad (_("No-shows"), 28);

    if (mp_report_get_held (report))
      g_print ("%s %5.0f %%\n", cell, 100 * mp_report_get_no_show_rate (report));
    else
      g_print ("%s %s\n", cell, _("not held yet"));
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

int
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
  if (!cli_parse_options (context, report_file_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return cli_usage_error (context, _("report-period takes no arguments, only options."));
  if (opt_period_from == NULL || opt_period_to == NULL)
    return cli_usage_error (context, _("Which period? Give --from and --to."));
  if (!mp_period_parse_date (opt_period_from, &from, &error) ||
      !mp_period_parse_date (opt_period_to, &to, &error))
    return cli_usage_error (context, error->message);
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
          return cli_usage_error (context, message);
        }
      kinds |= 1u << kind;
    }
  if (!report_file_wanted (context, &format, &path, &status))
    return status;

  store = cli_open_store (&error);
  if (store == NULL || (report = mp_period_report_new (store, from, to, kinds, &error)) == NULL)
    return cli_fail (error);

  if (path != NULL)
    {
      if (!mp_period_report_export (report, format, path, &error))
        return cli_fail (error);
      g_print (_("Report written to %s\n"), path);
      return EXIT_OK;
    }

  n_sectors = mp_period_report_get_n_sectors (report);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_add_string (b, "from", opt_period_from);
      cli_json_add_string (b, "to", opt_period_to);
      json_builder_set_member_name (b, "kinds");
      json_builder_begin_array (b);
      for (guint k = 0; k < MP_N_EVENT_KINDS; k++)
        if (kinds & (1u << k))
          json_builder_add_string_value (b, mp_event_kind_to_string (k));
      json_builder_end_array (b);
      cli_json_add_int (b, "registered", mp_period_report_get_total_registered (report));
      cli_json_add_int (b, "arrived", mp_period_report_get_total_arrived (report));
      cli_json_add_int (b, "distinct_people", mp_period_report_get_distinct_people (report));
      cli_json_add_int (b, "returning_people", mp_period_report_get_returning_people (report));
      cli_json_add_int (b, "organisations_reached", mp_period_report_get_n_organisations (report));
      json_builder_set_member_name (b, "sectors");
      json_builder_begin_array (b);
      for (guint s = 0; s < n_sectors; s++)
        {
          json_builder_begin_object (b);
          cli_json_add_string (b, "sector", mp_period_report_get_sector (report, s));
          cli_json_add_int (b, "arrived", mp_period_report_get_sector_total (report, s));
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
          cli_json_add_int (b, "id", e->id);
          cli_json_add_string (b, "title", e->title);
          cli_json_add_string (b, "kind", mp_event_kind_to_string (e->kind));
          cli_json_add_string (b, "starts_at", starts);
          cli_json_add_int (b, "registered", e->registered);
          cli_json_add_int (b, "arrived", e->arrived);
          json_builder_set_member_name (b, "arrived_by_sector");
          json_builder_begin_object (b);
          for (guint s = 0; s < n_sectors; s++)
            cli_json_add_int (b, mp_period_report_get_sector (report, s), e->by_sector[s]);
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
          cli_json_add_string (b, "organisation", o->organisation);
          cli_json_add_string (b, "sector", o->sector);
          cli_json_add_int (b, "events", o->events);
          cli_json_add_int (b, "people", o->people);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      cli_print_json (b);
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

static char *opt_retention_months;
static gboolean opt_retention_dry_run;

static const GOptionEntry retention_entries[] = {
  { "months", 0, 0, G_OPTION_ARG_STRING, &opt_retention_months, N_("Keep personal data this many months after an event (default: the setting, 12)"), N_("N") },
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

int
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
  if (!cli_parse_options (context, retention_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return cli_usage_error (context, _("retention takes no arguments, only options."));
  if (opt_retention_months == NULL)
    months = retention_months_setting ();
  else if (!cli_parse_number ("--months", opt_retention_months, 0, 1200, &months, &error))
    return cli_usage_error (context, error->message);
  store = cli_open_store (&error);
  if (store == NULL)
    return cli_fail (error);

  if (months == 0)
    {
      if (!cli_opt_json)
        g_print ("%s\n", _("Personal data is kept until it is erased by hand (0 months): nothing to do."));
      else
        g_print ("{\"months\":0,\"dry_run\":%s,\"registrations\":0,\"events\":[]}\n",
                 opt_retention_dry_run ? "true" : "false");
      return EXIT_OK;
    }

  due = mp_retention_list_due (store, months, now, &error);
  if (due == NULL)
    return cli_fail (error);
  for (guint i = 0; i < due->len; i++)
    n_registrations += ((MpRetentionDue *) g_ptr_array_index (due, i))->registrations;

  if (!opt_retention_dry_run &&
      !mp_retention_anonymise (store, months, now, &n_registrations, &n_events, &error))
    return cli_fail (error);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_add_int (b, "months", months);
      json_builder_set_member_name (b, "dry_run");
      json_builder_add_boolean_value (b, opt_retention_dry_run);
      cli_json_add_int (b, "registrations", n_registrations);
      /* the same keys for a dry run and the real one: the events due */
        {
          json_builder_set_member_name (b, "events");
          json_builder_begin_array (b);
          for (guint i = 0; i < due->len; i++)
            {
              const MpRetentionDue *d = g_ptr_array_index (due, i);
              g_autofree char *ended = mp_time_format_iso (d->ends_at);

              json_builder_begin_object (b);
              cli_json_add_int (b, "id", d->event_id);
              cli_json_add_string (b, "title", d->title);
              cli_json_add_string (b, "ended", ended);
              cli_json_add_int (b, "registrations", d->registrations);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
      cli_print_json (b);
      return EXIT_OK;
    }

  if (opt_retention_dry_run)
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
    {
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "Anonymised %u registration of events that ended more than %u months ago.\n",
                            "Anonymised %u registrations of events that ended more than %u months ago.\n",
                            n_registrations),
               n_registrations, months);
      if (mp_database_get_erasure_pending (mp_store_get_database (store)))
        g_print ("%s\n", cli_traces_remain_message ());
    }

  return EXIT_OK;
}
