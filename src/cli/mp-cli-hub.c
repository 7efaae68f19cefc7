/* mp-cli-hub.c: hub init | join | status | sync | leave | run
 *
 * The hub is a PostgreSQL database that several desks join (mp-hub.h).
 * Connection strings go to libpq as they are given; what is printed never
 * shows a password.
 */
#define G_LOG_DOMAIN "moteplass-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gstdio.h>

#include "mp-cli.h"
#include "mp-hub.h"

static char     *opt_desk;
static char    **opt_events;
static gboolean  opt_force;
static gboolean  opt_watch;

static const GOptionEntry join_entries[] = {
  { "desk", 0, 0, G_OPTION_ARG_STRING, &opt_desk, N_("This computer’s name on the hub (default: its host name)"), N_("NAME") },
  { "event", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_events, N_("Pull only this event (its UUID, or its id here); may be repeated"), N_("ID") },
  { NULL }
};

static const GOptionEntry leave_entries[] = {
  { "force", 0, 0, G_OPTION_ARG_NONE, &opt_force, N_("Leave even though changes made here have not reached the hub"), NULL },
  { NULL }
};

static const GOptionEntry sync_entries[] = {
  { "watch", 0, 0, G_OPTION_ARG_NONE, &opt_watch, N_("Keep syncing until stopped (as “hub run”)"), NULL },
  { NULL }
};

static char *
database_path (void)
{
  if (cli_opt_db != NULL)
    return g_strdup (cli_opt_db);
  return mp_database_dup_default_path ();
}

static MpDatabase *
open_existing (GError **error)
{
  g_autofree char *path = database_path ();

  return mp_database_open (path, MP_DATABASE_FLAGS_MUST_EXIST, error);
}

static const char *
state_word (MpHubState state)
{
  switch (state)
    {
    case MP_HUB_STATE_NOT_LINKED:
      return "not-linked";
    case MP_HUB_STATE_CONNECTING:
      return "connecting";
    case MP_HUB_STATE_SYNCED:
      return "synced";
    case MP_HUB_STATE_WAITING:
      return "waiting";
    case MP_HUB_STATE_OFFLINE:
    default:
      return "offline";
    }
}

static void
print_counts (const char            *verb,
              const MpHubSyncCounts *counts)
{
  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_add_string (b, "done", verb);
      cli_json_add_int (b, "pushed", counts->pushed);
      cli_json_add_int (b, "pulled", counts->pulled);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else
    {
      /* Translators: "Sent 3 changes to the hub and applied 5 from it." */
      g_autofree char *sent = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Sent %u change to the hub", "Sent %u changes to the hub", counts->pushed),
                                               counts->pushed);
      g_autofree char *got = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "applied %u from it.", "applied %u from it.", counts->pulled),
                                              counts->pulled);
      g_print ("%s, %s\n", sent, got);
    }
}

static int
run_hub_init (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("[CONNECTION]"));
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  int from = 0, to = 0;

  g_option_context_set_summary (context,
                                _("Create or upgrade the hub’s schema in a PostgreSQL database. CONNECTION is a postgresql:// URI or “host=… dbname=…” as libpq takes it; without it, libpq’s PGHOST, PGSERVICE … decide. Passwords belong in ~/.pgpass."));
  if (!cli_parse_options (context, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 2)
    return cli_usage_error (context, _("Give one connection string (quote it)."));

  if (!mp_hub_init_schema (argc == 2 ? argv[1] : "", &from, &to, &error))
    return cli_fail (error);

  shown = mp_hub_conninfo_for_display (argc == 2 ? argv[1] : "");
  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_add_string (b, "hub", shown);
      cli_json_add_int (b, "schema_from", from);
      cli_json_add_int (b, "schema", to);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else if (from == to)
    g_print (_("The hub (%s) is ready (schema %d).\n"), shown, to);
  else if (from == 0)
    g_print (_("The hub (%s) was set up (schema %d).\n"), shown, to);
  else
    g_print (_("The hub (%s) was upgraded from schema %d to %d.\n"), shown, from, to);
  return EXIT_OK;
}

static int
run_hub_join (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("[CONNECTION]"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shown = NULL;
  MpHubSyncCounts counts = { 0 };
  gboolean created;

  g_option_context_set_summary (context,
                                _("Link this database to a hub. A new hub gets what is here; a new database gets what the hub has; both are merged by UUID otherwise. The database is created if there is none."));
  if (!cli_parse_options (context, join_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 2)
    return cli_usage_error (context, _("Give one connection string (quote it)."));

  path = database_path ();
  if (cli_opt_db == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_mkdir_with_parents (dir, 0700);
    }
  created = !g_file_test (path, G_FILE_TEST_EXISTS);
  db = mp_database_open (path, MP_DATABASE_FLAGS_NONE, &error);
  if (db == NULL)
    return cli_fail (error);

  shown = mp_hub_conninfo_for_display (argc == 2 ? argv[1] : "");
  if (!mp_hub_join (db, argc == 2 ? argv[1] : "", opt_desk, (const char *const *) opt_events, &counts, &error))
    {
      /* a database made for the join, and the hub never reached: gone */
      if (created)
        {
          MpHubStatus status;

          if (mp_hub_get_status (db, &status, NULL))
            {
              if (!status.linked)
                {
                  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
                  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

                  g_clear_object (&db);
                  g_unlink (path);
                  g_unlink (wal);
                  g_unlink (shm);
                }
              mp_hub_status_clear (&status);
            }
        }
      if (g_error_matches (error, MP_ERROR, MP_ERROR_NETWORK))
        g_printerr ("moteplass-cli: %s\n%s\n", error->message,
                    _("The database here was not changed."));
      else
        cli_fail (error);
      return EXIT_FAILED;
    }

  if (!cli_opt_json)
    g_print (_("Joined the hub (%s).\n"), shown);
  if (!cli_opt_json && argc == 2 && strstr (shown, "password=") != NULL)
    {
      g_autofree char *file = mp_hub_dup_password_file (argv[1]);

      /* Translators: %s is a file name, ~/.pgpass */
      g_print (_("The password is kept in %s (readable only by you), as every PostgreSQL program reads it, not in the database.\n"), file);
    }
  print_counts ("join", &counts);
  return EXIT_OK;
}

static int
run_hub_status (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = NULL;
  MpHubStatus status;

  g_option_context_set_summary (context, _("Which hub, online or offline since when, the last sync and the changes waiting to be sent, as the last round found them."));
  if (!cli_parse_options (context, NULL, &argc, &argv))
    return EXIT_USAGE;

  db = open_existing (&error);
  if (db == NULL || !mp_hub_get_status (db, &status, &error))
    return cli_fail (error);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "linked");
      json_builder_add_boolean_value (b, status.linked);
      if (status.linked)
        {
          cli_json_add_string (b, "hub", status.conninfo);
          cli_json_add_string (b, "hub_id", status.hub_id);
          cli_json_add_string (b, "desk", status.desk);
          cli_json_add_string (b, "state", !status.online ? "offline" : status.waiting > 0 ? "waiting" : "synced");
          json_builder_set_member_name (b, "online");
          json_builder_add_boolean_value (b, status.online);
          if (status.offline_since > 0)
            {
              g_autofree char *iso = mp_time_format_iso (status.offline_since);
              cli_json_add_string (b, "offline_since", iso);
            }
          if (status.last_sync_at > 0)
            {
              g_autofree char *iso = mp_time_format_iso (status.last_sync_at);
              cli_json_add_string (b, "last_sync", iso);
            }
          cli_json_add_int (b, "waiting", status.waiting);
          cli_json_add_int (b, "pulled_to", status.last_seen);
          cli_json_add_int (b, "not_applied", status.skipped);
          if (status.events != NULL)
            cli_json_add_string (b, "events", status.events);
          if (status.last_error != NULL)
            cli_json_add_string (b, "error", status.last_error);
        }
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else if (!status.linked)
    g_print ("%s\n", _("This database is not linked to a hub."));
  else
    {
      g_print ("%s: %s\n", _("Hub"), status.conninfo);
      g_print ("%s: %s\n", _("Desk"), status.desk);
      if (status.online)
        g_print ("%s: %s\n", _("State"), _("online"));
      else if (status.offline_since > 0)
        {
          g_autofree char *since = mp_time_format_long (status.offline_since);
          g_print ("%s: %s %s\n", _("State"), _("offline since"), since);
        }
      else
        g_print ("%s: %s\n", _("State"), _("not synced yet"));
      if (status.last_sync_at > 0)
        {
          g_autofree char *when = mp_time_format_long (status.last_sync_at);
          g_print ("%s: %s\n", _("Last sync"), when);
        }
      g_print ("%s: %" G_GINT64_FORMAT "\n", _("Changes waiting"), status.waiting);
      if (status.skipped > 0)
        g_print ("%s: %" G_GINT64_FORMAT "\n", _("Changes from the hub not applied here"), status.skipped);
      if (status.last_error != NULL && !status.online)
        g_print ("%s: %s\n", _("Why"), status.last_error);
    }
  mp_hub_status_clear (&status);
  return EXIT_OK;
}

/* hub run: the worker until SIGINT or SIGTERM. */

typedef struct
{
  GMainLoop *loop;
  MpHub     *hub;
} RunState;

static gboolean
on_signal (gpointer data)
{
  g_main_loop_quit (((RunState *) data)->loop);
  return G_SOURCE_CONTINUE;
}

static void
print_state (MpHub *hub)
{
  MpHubState state = mp_hub_get_state (hub);
  gint64 now = mp_time_now ();

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;
      g_autofree char *at = mp_time_format_iso (now);

      json_builder_begin_object (b);
      cli_json_add_string (b, "at", at);
      cli_json_add_string (b, "state", state_word (state));
      cli_json_add_int (b, "waiting", mp_hub_get_waiting (hub));
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      text = json_generator_to_data (gen, NULL);
      g_print ("%s\n", text);
    }
  else
    {
      g_autofree char *clock = mp_time_format_clock (now);
      g_autofree char *error = mp_hub_dup_last_error (hub);

      switch (state)
        {
        case MP_HUB_STATE_SYNCED:
          g_print ("%s %s\n", clock, _("synced"));
          break;
        case MP_HUB_STATE_WAITING:
          g_print ("%s ", clock);
          g_print (g_dngettext (GETTEXT_PACKAGE, "%u change waiting\n", "%u changes waiting\n", mp_hub_get_waiting (hub)),
                   mp_hub_get_waiting (hub));
          break;
        case MP_HUB_STATE_OFFLINE:
          g_print ("%s %s: %s\n", clock, _("offline"), error != NULL ? error : "");
          break;
        case MP_HUB_STATE_CONNECTING:
        case MP_HUB_STATE_NOT_LINKED:
        default:
          break;
        }
    }
  fflush (stdout);
}

static void
on_state (MpHub      *hub,
          GParamSpec *pspec,
          gpointer    data)
{
  print_state (hub);
}

static void
on_arrived (MpHub   *hub,
            guint    n,
            gpointer data)
{
  if (!cli_opt_json)
    {
      g_autofree char *clock = mp_time_format_clock (mp_time_now ());

      g_print ("%s ", clock);
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u change from other desks applied\n", "%u changes from other desks applied\n", n), n);
      fflush (stdout);
    }
}

static int
run_hub_watch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(MpHub) hub = NULL;
  g_autofree char *path = database_path ();
  MpHubStatus status;
  RunState state;
  guint sigint, sigterm;

  /* refuse clearly before starting: no database, not linked */
  db = mp_database_open (path, MP_DATABASE_FLAGS_MUST_EXIST, &error);
  if (db == NULL || !mp_hub_get_status (db, &status, &error))
    return cli_fail (error);
  if (!status.linked)
    {
      mp_hub_status_clear (&status);
      g_printerr ("moteplass-cli: %s\n", _("This database is not linked to a hub. Link it with “moteplass-cli hub join”."));
      return EXIT_FAILED;
    }
  mp_hub_status_clear (&status);

  loop = g_main_loop_new (NULL, FALSE);
  hub = mp_hub_new (db);
  state.loop = loop;
  state.hub = hub;
  g_signal_connect (hub, "notify::state", G_CALLBACK (on_state), NULL);
  g_signal_connect (hub, "notify::waiting", G_CALLBACK (on_state), NULL);
  g_signal_connect (hub, "changes-arrived", G_CALLBACK (on_arrived), NULL);
  sigint = g_unix_signal_add (SIGINT, on_signal, &state);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, &state);

  mp_hub_start (hub);
  g_main_loop_run (loop);
  mp_hub_stop (hub);

  g_source_remove (sigint);
  g_source_remove (sigterm);
  return EXIT_OK;
}

static int
run_hub_sync (int    argc,
              char **argv,
              gboolean watch)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = NULL;
  MpHubSyncCounts counts = { 0 };

  g_option_context_set_summary (context,
                                watch ? _("Keep this database in sync with its hub until stopped (Ctrl+C or SIGTERM): push what is written here at once, pull when another desk pushes, and work on alone while the hub cannot be reached.")
                                      : _("One round with the hub: send what waits here, apply what is new there."));
  if (!cli_parse_options (context, watch ? NULL : sync_entries, &argc, &argv))
    return EXIT_USAGE;
  if (watch || opt_watch)
    return run_hub_watch ();

  db = open_existing (&error);
  if (db == NULL)
    return cli_fail (error);
  if (!mp_hub_sync (db, &counts, &error))
    {
      if (g_error_matches (error, MP_ERROR, MP_ERROR_NETWORK))
        {
          gint64 waiting = 0;
          MpHubStatus status;

          if (mp_hub_get_status (db, &status, NULL))
            {
              waiting = status.waiting;
              mp_hub_status_clear (&status);
            }
          g_printerr ("moteplass-cli: %s\n", error->message);
          g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                   "Nothing is lost: %u change waits here and goes at the next sync.\n",
                                   "Nothing is lost: %u changes wait here and go at the next sync.\n",
                                   (gulong) MIN (waiting, G_MAXUINT)),
                      (guint) MIN (waiting, G_MAXUINT));
          return EXIT_FAILED;
        }
      return cli_fail (error);
    }
  print_counts ("sync", &counts);
  return EXIT_OK;
}

static int
run_hub_leave (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = NULL;

  g_option_context_set_summary (context, _("Unlink this database from its hub. What is here stays here; the hub keeps what it has."));
  if (!cli_parse_options (context, leave_entries, &argc, &argv))
    return EXIT_USAGE;

  db = open_existing (&error);
  if (db == NULL || !mp_hub_leave (db, opt_force, &error))
    return cli_fail (error);
  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_add_string (b, "done", "leave");
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else
    g_print ("%s\n", _("This database has left its hub."));
  return EXIT_OK;
}

int
run_hub (int    argc,
         char **argv)
{
  static const char *names[] = { "init", "join", "status", "sync", "leave", "run", NULL };
  static const char *with_values[] = { "--db", "--desk", "--event", NULL };
  const char *subverb = cli_take_subverb (&argc, &argv, names, with_values);

  if (g_strcmp0 (subverb, "init") == 0)
    return run_hub_init (argc, argv);
  if (g_strcmp0 (subverb, "join") == 0)
    return run_hub_join (argc, argv);
  if (g_strcmp0 (subverb, "status") == 0)
    return run_hub_status (argc, argv);
  if (g_strcmp0 (subverb, "sync") == 0)
    return run_hub_sync (argc, argv, FALSE);
  if (g_strcmp0 (subverb, "run") == 0)
    return run_hub_sync (argc, argv, TRUE);
  if (g_strcmp0 (subverb, "leave") == 0)
    return run_hub_leave (argc, argv);

  g_printerr ("moteplass-cli: %s\n", _("Use “hub init”, “hub join”, “hub status”, “hub sync”, “hub run” or “hub leave”."));
  return EXIT_USAGE;
}
