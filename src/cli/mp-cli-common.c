/* mp-cli-common.c: what the verbs of moteplass-cli share */
#define G_LOG_DOMAIN "moteplass-cli"

#include "config.h"

#include "mp-cli.h"
#include "mp-file.h"

char     *cli_opt_db;
gboolean  cli_opt_json;

static const GOptionEntry common_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &cli_opt_db, N_("The database file (default: your Møteplass database)"), N_("FILE") },
  { "json", 0, 0, G_OPTION_ARG_NONE, &cli_opt_json, N_("Print machine-readable JSON"), NULL },
  { NULL }
};

int
cli_fail (GError *error)
{
  g_printerr ("moteplass-cli: %s\n", error->message);
  return EXIT_FAILED;
}

int
cli_usage_error (GOptionContext *context,
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
gboolean
cli_parse_options (GOptionContext *context,
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
      cli_usage_error (context, error->message);
      return FALSE;
    }

  return TRUE;
}

static MpStore *
open_store (gboolean   create,
            GError   **error)
{
  g_autoptr(MpDatabase) db = NULL;
  g_autofree char *path = NULL;
  g_autofree char *notice = NULL;

  if (cli_opt_db != NULL)
    path = g_strdup (cli_opt_db);
  else
    path = mp_database_dup_default_path ();

  /* A mistyped --db must not look like an empty database. */
  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, MP_ERROR, MP_ERROR_NOT_FOUND,
                   _("There is no database “%s”. Check --db, or make one with “event add” "
                     "or “demo”."), display);
      return NULL;
    }

  if (create && cli_opt_db == NULL)
    {
      if (!mp_database_prepare_folder (path, error))
        return NULL;
    }

  db = mp_database_open (path, create ? MP_DATABASE_FLAGS_NONE : MP_DATABASE_FLAGS_MUST_EXIST, error);
  if (db == NULL)
    return NULL;

  notice = mp_database_dup_permissions_notice (db);
  if (notice != NULL)
    g_printerr ("moteplass-cli: %s\n", notice);

  return mp_store_new (db);
}

MpStore *
cli_open_store (GError **error)
{
  return open_store (FALSE, error);
}

MpStore *
cli_create_store (GError **error)
{
  return open_store (TRUE, error);
}

gboolean
cli_parse_id (const char  *text,
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

void
cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

void
cli_json_add_string (JsonBuilder *b,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value != NULL ? value : "");
}

void
cli_json_add_nullable (JsonBuilder *b,
                       const char  *name,
                       const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value == NULL || value[0] == '\0')
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, value);
}

void
cli_json_add_boolean (JsonBuilder *b,
                      const char  *name,
                      gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

void
cli_json_add_int (JsonBuilder *b,
                  const char  *name,
                  gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

void
cli_json_add_event (JsonBuilder *b,
                    MpEvent     *event)
{
  g_autofree char *starts = mp_time_format_iso (mp_event_get_starts_at (event));

  json_builder_begin_object (b);
  cli_json_add_int (b, "id", mp_event_get_id (event));
  cli_json_add_string (b, "uuid", mp_event_get_uuid (event));
  cli_json_add_string (b, "title", mp_event_get_title (event));
  cli_json_add_string (b, "kind", mp_event_kind_to_string (mp_event_get_kind (event)));
  cli_json_add_nullable (b, "venue", mp_event_get_venue (event));
  cli_json_add_string (b, "starts_at", starts);
  if (mp_event_get_ends_at (event) != 0)
    {
      g_autofree char *ends = mp_time_format_iso (mp_event_get_ends_at (event));
      cli_json_add_string (b, "ends_at", ends);
    }
  else
    cli_json_add_nullable (b, "ends_at", NULL);
  if (mp_event_get_capacity (event) >= 0)
    cli_json_add_int (b, "capacity", mp_event_get_capacity (event));
  else
    cli_json_add_nullable (b, "capacity", NULL);
  cli_json_add_nullable (b, "description", mp_event_get_description (event));
  cli_json_add_nullable (b, "contact", mp_event_get_contact (event));
  json_builder_set_member_name (b, "example");
  json_builder_add_boolean_value (b, mp_event_get_example (event));
  cli_json_add_int (b, "registered", mp_event_get_registered (event));
  cli_json_add_int (b, "arrived", mp_event_get_arrived (event));
  json_builder_end_object (b);
}

void
cli_json_add_attendee (JsonBuilder *b,
                       MpAttendee  *a)
{
  g_autofree char *ticket = mp_attendee_dup_ticket_text (a);

  json_builder_begin_object (b);
  cli_json_add_int (b, "registration_id", mp_attendee_get_registration_id (a));
  cli_json_add_int (b, "person_id", mp_attendee_get_person_id (a));
  cli_json_add_string (b, "name", mp_attendee_get_name (a));
  cli_json_add_nullable (b, "email", mp_attendee_get_email (a));
  cli_json_add_nullable (b, "organisation", mp_attendee_get_organisation (a));
  cli_json_add_nullable (b, "sector", mp_attendee_get_sector (a));
  cli_json_add_string (b, "status", mp_registration_status_to_string (mp_attendee_get_status (a)));
  cli_json_add_string (b, "source", mp_registration_source_to_string (mp_attendee_get_source (a)));
  cli_json_add_string (b, "ticket", ticket);
  json_builder_set_member_name (b, "arrived");
  json_builder_add_boolean_value (b, mp_attendee_get_arrived (a));
  if (mp_attendee_get_arrived (a))
    {
      g_autofree char *at = mp_time_format_iso (mp_attendee_get_checked_in_at (a));
      cli_json_add_string (b, "checked_in_at", at);
      cli_json_add_nullable (b, "desk", mp_attendee_get_checkin_desk (a));
      /* "waitlisted" or "cancelled": let in by a desk by exception */
      cli_json_add_nullable (b, "exception", mp_check_in_exception_to_string (mp_attendee_get_checkin_exception (a)));
    }
  else
    {
      cli_json_add_nullable (b, "checked_in_at", NULL);
      cli_json_add_nullable (b, "desk", NULL);
      cli_json_add_nullable (b, "exception", NULL);
    }
  json_builder_end_object (b);
}

/* "event [--db FILE] add …": finds the sub-verb among the words
 * that are neither options nor their values, and puts it in argv[0]'s
 * place. NULL when it is not one of @names. */
const char *
cli_take_subverb (int          *argc,
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

MpEvent *
cli_event_from_args (MpStore     *store,
                     const char  *id_text,
                     GError     **error)
{
  gint64 id;

  if (!cli_parse_id (id_text, &id, error))
    return NULL;

  return mp_store_get_event (store, id, error);
}

MpAttendee *
cli_attendee_of_event (MpStore     *store,
                       MpEvent     *event,
                       gint64       registration_id,
                       GError     **error)
{
  g_autoptr(MpAttendee) attendee = mp_store_get_attendee (store, registration_id, error);

  if (attendee == NULL)
    return NULL;
  if (mp_attendee_get_event_id (attendee) != mp_event_get_id (event))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_NOT_FOUND,
                           _("That registration is for another event."));
      return NULL;
    }
  return g_steal_pointer (&attendee);
}

/* Writes @text to @path (whole or not at all), or to standard output. */
gboolean
cli_write_output (const char  *path,
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

  return mp_file_replace_contents (path, text, len, error);
}

void
cli_print_progress (double   fraction,
                    gpointer user_data)
{
}

/* A number option's value: a whole number from @min to @max, no sign
 * and nothing after it. GOption's own integers take "-5", which meant
 * "no limit" for --capacity and "the default" for --months. */
gboolean
cli_parse_number (const char  *option,
                  const char  *text,
                  guint        min,
                  guint        max,
                  guint       *out,
                  GError     **error)
{
  guint64 value;

  if (text == NULL || !g_ascii_isdigit (text[0]) ||
      !g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("%s takes a whole number from %u to %u, not “%s”."),
                   option, min, max, text != NULL ? text : "");
      return FALSE;
    }

  *out = (guint) value;
  return TRUE;
}

/* Cleans the text of an option as the store would (control characters
 * and terminal escapes out, the field's length limit): @out is NULL
 * when @text is NULL or nothing is left of it. */
gboolean
cli_clean_text (const char   *text,
                MpTextField   field,
                char        **out,
                GError      **error)
{
  g_autofree char *cleaned = NULL;

  *out = NULL;
  if (text == NULL)
    return TRUE;

  cleaned = mp_text_clean_field (text, field, error);
  if (cleaned == NULL)
    return FALSE;
  if (cleaned[0] != '\0')
    *out = g_steal_pointer (&cleaned);
  return TRUE;
}
