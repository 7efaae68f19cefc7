/* Preferences' Hub page against a real hub (a throw-away PostgreSQL:
 * tests/hub/with-hub.sh, under Xvfb): a password typed into the
 * connection is taken out and never reaches the database (it goes to the
 * password file); Test Connection says why it fails, or lists the hub's
 * events; Join with one event chosen links the database and starts the
 * application's worker (MpHub), which syncs; Leave, asked once and once
 * more when a change has not reached the hub, unlinks it and stops the
 * worker. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mp-hub.h"
#include "mp-preferences-hub.h"
#include "mp-test-util.h"
#include "mp-ui-test-util.h"

static char *tmp;
static char *password;   /* pg_virtualenv's, taken out of the environment */

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
describe (MpPreferencesHub *page)
{
  g_autoptr(GString) out = g_string_new ("\n");

  mp_preferences_hub_describe (page, out);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The page describes itself with @line (a whole line). */
static gboolean
shows (MpPreferencesHub *page,
       const char       *line)
{
  g_autofree char *state = describe (page);
  g_autofree char *wanted = g_strconcat ("\n", line, "\n", NULL);

  return strstr (state, wanted) != NULL;
}

typedef struct
{
  MpPreferencesHub *page;
  const char       *line;
} Shows;

static gboolean
shows_cb (gpointer data)
{
  Shows *s = data;

  return shows (s->page, s->line);
}

static void
wait_for (MpPreferencesHub *page,
          const char       *line)
{
  Shows s = { page, line };

  if (!mp_test_wait_until (shows_cb, &s, 30000))
    {
      g_autofree char *state = describe (page);

      g_test_message ("waited for “%s”; the page shows:%s", line, state);
      g_assert_not_reached ();
    }
}

static char *
value (MpPreferencesHub *page,
       const char       *key)
{
  g_autofree char *state = describe (page);
  g_autofree char *start = g_strconcat ("\n", key, "=", NULL);
  const char *p = strstr (state, start);
  const char *end;

  g_assert_nonnull (p);
  p += strlen (start);
  end = strchr (p, '\n');
  return g_strndup (p, end - p);
}

/* The screen into $MP_BUILD_DIR/artefacts/ui-preferences-hub/NAME.png,
 * to look at (when ImageMagick's import is there). */
static void
shot (const char *name)
{
  g_autofree char *dir = g_build_filename (g_getenv ("MP_BUILD_DIR") != NULL ? g_getenv ("MP_BUILD_DIR") : ".",
                                           "artefacts", "ui-preferences-hub", NULL);
  g_autofree char *command = NULL;
  g_autofree char *import = g_find_program_in_path ("import");

  if (import == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  mp_test_spin (300);
  command = g_strdup_printf ("import -window root %s/%s.png", dir, name);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

static gboolean
hub_synced (gpointer hub)
{
  return mp_hub_get_state (hub) == MP_HUB_STATE_SYNCED;
}

/* The open message dialog's @response, as a click would give it. */
static gboolean
answer_dialog (const char *response)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          adw_message_dialog_response (ADW_MESSAGE_DIALOG (window), response);
          gtk_window_destroy (window);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
dialog_open (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return TRUE;
    }
  return FALSE;
}

static char *
hub_conninfo (gboolean with_password)
{
  return g_strdup_printf ("host=127.0.0.1 port=%s dbname=%s user=%s%s%s", g_getenv ("PGPORT"), g_getenv ("PGDATABASE"),
                          g_getenv ("PGUSER"), with_password ? " password=" : "", with_password ? password : "");
}

static void
test_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *office_path = g_build_filename (tmp, "office.db", NULL);
  g_autofree char *desk_path = g_build_filename (tmp, "desk.db", NULL);
  g_autofree char *passfile = g_build_filename (tmp, "pgpass", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *event_uuid = NULL;
  g_autofree char *with_password = hub_conninfo (TRUE);
  g_autoptr(MpDatabase) office = NULL;
  g_autoptr(MpDatabase) desk = NULL;
  g_autoptr(MpStore) office_store = NULL;
  g_autoptr(MpStore) desk_store = NULL;
  g_autoptr(MpHub) hub = NULL;
  GtkWidget *window, *page_widget, *conninfo_row, *password_row;
  MpPreferencesHub *page;
  gint64 event_id;

  /* the libpq password comes from the page (and then the file), not
   * from the environment pg_virtualenv set */
  g_setenv ("PGPASSFILE", passfile, TRUE);
  g_assert_true (mp_hub_init_schema (with_password, NULL, NULL, &error));
  g_assert_no_error (error);

  /* the office: two events on the hub */
  office = mp_database_open (office_path, MP_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  office_store = mp_store_new (office);
  event_id = mp_test_add_event (office_store, "Dialogmøte om frivillighet");
  mp_test_add_event (office_store, "Frokostmøte");
  {
    g_autoptr(MpEvent) event = mp_store_get_event (office_store, event_id, &error);

    g_assert_no_error (error);
    event_uuid = g_strdup (mp_event_get_uuid (event));
  }
  g_assert_true (mp_hub_join (office, with_password, "Kontoret", NULL, NULL, &error));
  g_unlink (passfile);       /* (the office's join kept it there) */
  g_assert_no_error (error);

  /* the desk: a new computer, its page as Preferences shows it */
  desk = mp_database_open (desk_path, MP_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  desk_store = mp_store_new (desk);
  hub = mp_hub_new (desk);
  window = adw_preferences_window_new ();
  page_widget = mp_preferences_hub_new (hub, NULL);
  page = MP_PREFERENCES_HUB (page_widget);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page_widget));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 780);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (shows (page, "hub.linked=0"));
  conninfo_row = mp_test_find_row (page_widget, "Connection (postgresql://… or host=… dbname=…)");
  password_row = mp_test_find_row (page_widget, "Password (empty: from ~/.pgpass)");
  g_assert_nonnull (conninfo_row);
  g_assert_nonnull (password_row);

  /* a password typed into a URI is taken out of it */
  uri = g_strdup_printf ("postgresql://%s:%s@127.0.0.1:%s/%s", g_getenv ("PGUSER"), password,
                         g_getenv ("PGPORT"), g_getenv ("PGDATABASE"));
  gtk_editable_set_text (GTK_EDITABLE (conninfo_row), uri);
  {
    g_autofree char *shown = value (page, "hub.connection");
    g_autofree char *length = g_strdup_printf ("hub.password_length=%u", (guint) strlen (password));

    g_assert_null (strstr (shown, password));
    g_assert_nonnull (strstr (shown, "host=127.0.0.1"));
    g_assert_true (shows (page, length));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password_row)), ==, password);
  }
  shot ("01-password-taken-out");

  /* a hub that cannot be reached: said, on a thread */
  gtk_editable_set_text (GTK_EDITABLE (conninfo_row), "host=127.0.0.1 port=1 dbname=x connect_timeout=2");
  g_signal_emit_by_name (find_button (page_widget, "_Test Connection"), "clicked");
  wait_for (page, "hub.busy=0");
  {
    g_autofree char *result = value (page, "hub.result");

    g_assert_true (g_str_has_prefix (result, "error "));
    g_assert_nonnull (strstr (result, "cannot be reached"));
  }
  shot ("02-cannot-be-reached");

  /* the hub: its events to choose from */
  {
    g_autofree char *conninfo = hub_conninfo (FALSE);

    gtk_editable_set_text (GTK_EDITABLE (conninfo_row), conninfo);
  }
  g_signal_emit_by_name (find_button (page_widget, "_Test Connection"), "clicked");
  wait_for (page, "hub.busy=0");
  g_assert_true (shows (page, "hub.result=ok Connected. The hub holds 2 events."));
  g_assert_true (shows (page, "hub.events_offered=2"));

  /* one of them, and Join */
  gtk_switch_set_active (GTK_SWITCH (mp_test_find_of_type (mp_test_find_row (page_widget, "_All events"), GTK_TYPE_SWITCH)), FALSE);
  {
    GtkWidget *row = mp_test_find_row (page_widget, "Dialogmøte om frivillighet");

    g_assert_nonnull (row);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (mp_test_find_of_type (row, GTK_TYPE_CHECK_BUTTON)), TRUE);
  }
  shot ("03-events-to-pull");
  g_signal_emit_by_name (find_button (page_widget, "_Join This Hub"), "clicked");
  wait_for (page, "hub.linked=1");
  g_assert_true (shows (page, "hub.events=1 event"));
  g_assert_true (shows (page, "hub.password_length=0"));
  /* the worker runs, and syncs */
  g_assert_true (mp_hub_is_running (hub));
  g_assert_true (mp_test_wait_until (hub_synced, hub, 10000));
  wait_for (page, "hub.state=Synced");
  shot ("04-joined");
  {
    g_autoptr(GPtrArray) events = mp_store_list_events (desk_store, &error);
    g_autofree char *pgpass = NULL;
    g_autofree char *stored = NULL;
    MpHubStatus status;

    g_assert_no_error (error);
    g_assert_cmpuint (events->len, ==, 1);
    g_assert_cmpstr (mp_event_get_uuid (events->pdata[0]), ==, event_uuid);
    /* the password: in the password file, not in the database */
    g_assert_true (g_file_get_contents (passfile, &pgpass, NULL, NULL));
    g_assert_nonnull (strstr (pgpass, password));
    g_assert_true (mp_hub_get_status (desk, &status, &error));
    g_assert_null (strstr (status.conninfo, password));
    mp_hub_status_clear (&status);
    g_assert_true (g_file_get_contents (desk_path, &stored, NULL, NULL));
    g_assert_null (g_strstr_len (stored, -1, password));
  }

  /* Leave, with a change that has not reached the hub: asked twice */
  mp_hub_stop (hub);
  mp_test_add_event (desk_store, "Laget her");
  g_signal_emit_by_name (find_button (page_widget, "_Leave This Hub…"), "clicked");
  g_assert_true (mp_test_wait_until (dialog_open, NULL, 5000));
  g_assert_true (answer_dialog ("leave"));
  wait_for (page, "hub.busy=0");
  g_assert_true (mp_test_wait_until (dialog_open, NULL, 5000));
  shot ("05-leave-anyway");
  /* the worker runs again meanwhile: the database is still linked */
  g_assert_true (shows (page, "hub.linked=1"));
  g_assert_true (mp_hub_is_running (hub));
  g_assert_true (answer_dialog ("leave"));
  wait_for (page, "hub.linked=0");
  g_assert_false (mp_hub_is_running (hub));
  g_assert_cmpint (mp_hub_get_state (hub), ==, MP_HUB_STATE_NOT_LINKED);

  gtk_window_destroy (GTK_WINDOW (window));
  mp_test_spin (50);
}

int
main (int    argc,
      char **argv)
{
  int rc;

  gtk_disable_setlocale ();
  if (!mp_test_init_gtk (&argc, &argv))
    return g_test_run ();
  tmp = g_dir_make_tmp ("mp-preferences-hub-XXXXXX", NULL);
  password = g_strdup (g_getenv ("PGPASSWORD"));
  g_assert_nonnull (password);
  g_unsetenv ("PGPASSWORD");
  g_test_add_func ("/preferences-hub/join-and-leave", test_page);
  rc = g_test_run ();
  mp_test_remove_tree (tmp);
  g_free (tmp);
  g_free (password);
  return rc;
}
