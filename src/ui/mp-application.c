#define G_LOG_DOMAIN "mp-application"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "mp-application.h"
#include "mp-preferences-window.h"
#include "mp-kiosk-window.h"
#include "mp-a11y.h"
#include "mp-window.h"

struct _MpApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  GHashTable     *stores;     /* database path → MpStore, shared by windows */
  GHashTable     *hubs;       /* database path → MpHub, its worker when linked */
};

G_DEFINE_FINAL_TYPE (MpApplication, mp_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_options[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open this database instead of the default one"), N_("FILE") },
  { "event", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("Open the event with this number"), N_("ID") },
  { "desk", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start at the check-in desk of the event"), NULL },
  { "kiosk", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start the self-service kiosk of the event"), NULL },
  { "non-unique", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run in a process of its own, even if Møteplass is running"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { NULL }
};

static MpWindow *
mp_application_get_active_mp_window (MpApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return MP_IS_WINDOW (window) ? MP_WINDOW (window) : NULL;
}

static void
mp_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  MpApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing, not quitting outright, lets each window finish what is
   * pending (a delete waiting for its undo toast) and keep its size. */
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
mp_application_new_event_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  MpWindow *window = mp_application_get_active_mp_window (user_data);

  if (window != NULL)
    mp_window_new_event (window);
}

static void
mp_application_search_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  MpWindow *window = mp_application_get_active_mp_window (user_data);

  if (window != NULL)
    mp_window_focus_search (window);
}

static void
mp_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  MpApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Møteplass developers", NULL };

  adw_show_about_window (window,
                         "application-name", _("Møteplass"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Register, check in and count the people who come to your meetings"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
mp_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  MpApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  MpPreferencesWindow *preferences;

  /* Without the installed schema there is nothing to keep them in. */
  if (self->settings == NULL)
    return;

  preferences = mp_preferences_window_new (window, self->settings);
  /* the hub of the database this window shows */
  if (MP_IS_WINDOW (window) && mp_window_get_hub (MP_WINDOW (window)) != NULL)
    mp_preferences_window_set_hub (preferences, mp_window_get_hub (MP_WINDOW (window)));
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "preferences", mp_application_preferences_action },
  { "quit", mp_application_quit_action },
  { "new-event", mp_application_new_event_action },
  { "search", mp_application_search_action },
  { "about", mp_application_about_action },
};

static MpStore *
mp_application_open_store (MpApplication  *self,
                           const char     *path,
                           GError        **error)
{
  g_autoptr(MpDatabase) database = NULL;
  MpStore *store;

  store = g_hash_table_lookup (self->stores, path);
  if (store != NULL)
    return g_object_ref (store);

  if (!mp_database_prepare_folder (path, error))
    return NULL;

  database = mp_database_open (path, MP_DATABASE_FLAGS_NONE, error);
  if (database == NULL)
    return NULL;

  store = mp_store_new (database);
  g_hash_table_insert (self->stores, g_strdup (path), g_object_ref (store));
  /* its worker starts when a window or the kiosk opens on it */
  g_hash_table_insert (self->hubs, g_strdup (path), mp_hub_new (database));
  return store;
}

/* The hub's worker of the database at @path, started if it is linked:
 * it runs while the application does (mp_application_shutdown ()). */
static MpHub *
mp_application_start_hub (MpApplication *self,
                          const char    *path)
{
  MpHub *hub = g_hash_table_lookup (self->hubs, path);

  if (hub != NULL && !mp_hub_is_running (hub))
    mp_hub_start_if_linked (hub);
  return hub;
}

/* Opening straight onto a large event: its search index starts building
 * on the other core now, while GTK starts and the window sets itself
 * up (command_line() finds the store opened here). Only for a file that
 * exists: the first start, with its demo, is left as it is. */
static void
mp_application_prefetch_event (MpApplication *self,
                               GVariantDict  *options)
{
  g_autoptr(MpStore) store = NULL;
  g_autofree char *db_arg = NULL;
  g_autofree char *path = NULL;
  gint64 event_id = 0;

  if (!g_variant_dict_lookup (options, "event", "x", &event_id) || event_id <= 0)
    return;

  if (g_variant_dict_lookup (options, "db", "^ay", &db_arg))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db_arg);

      path = g_file_get_path (file);
    }
  else
    path = mp_database_dup_default_path ();

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return;

  /* An error here is met again, and shown, in command_line(). */
  store = mp_application_open_store (self, path, NULL);
  if (store != NULL)
    mp_store_prefetch_attendee_index (store, event_id);
}

static int
mp_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", _("Møteplass"), PACKAGE_VERSION);
      return 0;
    }

  /* Must be decided before the application registers on the bus. */
  if (g_variant_dict_contains (options, "non-unique"))
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);

  mp_application_prefetch_event (MP_APPLICATION (application), options);
  return -1;
}

static int
mp_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  MpApplication *self = MP_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autofree char *db_arg = NULL;
  g_autofree char *path = NULL;
  MpWindow *window;
  gint64 event_id = 0;

  if (g_variant_dict_lookup (options, "db", "^ay", &db_arg))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, db_arg);

      path = g_file_get_path (file);
    }
  else
    path = mp_database_dup_default_path ();

  g_variant_dict_lookup (options, "event", "x", &event_id);

  /* While a kiosk runs, no other window may open over it. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (MP_IS_KIOSK_WINDOW (l->data))
      {
        g_application_command_line_printerr (command_line, "%s\n",
                                             _("The kiosk is running; leave it with the organiser’s PIN first."));
        return 1;
      }

  store = mp_application_open_store (self, path, &error);
  if (store != NULL)
    mp_application_start_hub (self, path);

  /* The kiosk alone, with no window behind it to reach. */
  if (store != NULL && event_id != 0 && g_variant_dict_contains (options, "kiosk")
      && mp_kiosk_window_has_pin (self->settings))
    {
      g_autoptr(MpEvent) event = mp_store_get_event (store, event_id, NULL);

      if (event != NULL)
        {
          gtk_window_present (GTK_WINDOW (mp_kiosk_window_new (GTK_APPLICATION (self), store,
                                                               event, self->settings)));
          return 0;
        }
      /* Else the window below says that there is no such event. */
    }

  /* The event's search index builds on the other core while the
   * window sets itself up. */
  if (store != NULL && event_id != 0)
    mp_store_prefetch_attendee_index (store, event_id);
  window = mp_window_new (GTK_APPLICATION (self), self->settings);
  if (store == NULL)
    {
      mp_window_show_error (window, path, error);
      gtk_window_present (GTK_WINDOW (window));
      return 0;
    }

  mp_window_set_store (window, store);
  mp_window_set_hub (window, g_hash_table_lookup (self->hubs, path));

  if (g_variant_dict_contains (options, "kiosk") && event_id != 0)
    {
      g_autoptr(MpEvent) event = mp_store_get_event (store, event_id, NULL);

      /* Only when the kiosk has no PIN yet (else it started above). */
      if (event != NULL)
        {
          gtk_window_present (GTK_WINDOW (window));
          mp_kiosk_window_ask_for_pin (GTK_WINDOW (window), store, event, self->settings);
          return 0;
        }
    }

  if (g_variant_dict_contains (options, "desk") || g_variant_dict_contains (options, "kiosk"))
    {
      /* Both are for one event: without one, the window opens as usual
       * and says what is missing. */
      if (event_id == 0)
        mp_window_add_toast (window, adw_toast_new (_("Choose an event first: add --event with its number")));
    }

  if (event_id != 0 && g_variant_dict_contains (options, "desk"))
    {
      /* Straight to the door; the event page loads only when asked for. */
      if (!mp_window_open_desk (window, event_id, &error))
        {
          AdwToast *toast = adw_toast_new (error->message);

          adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
          mp_window_add_toast (window, toast);
        }
    }
  else if (event_id != 0)
    {
      /* The window goes up on the event page while the event's search
       * index is still being built on the other core, and the event is
       * loaded into it before its first frame: the frame comes sooner
       * than with the two one after the other. */
      mp_window_show_event_page (window);
      gtk_window_present (GTK_WINDOW (window));
      if (!mp_window_open_event (window, event_id, &error))
        {
          AdwToast *toast = adw_toast_new (error->message);

          adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
          mp_window_show_events (window);
          mp_window_add_toast (window, toast);
        }
    }

  gtk_window_present (GTK_WINDOW (window));
  return 0;
}

static void
mp_application_startup (GApplication *application)
{
  MpApplication *self = MP_APPLICATION (application);
  g_autoptr(GSettingsSchema) schema = NULL;
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_event_accels[] = { "<Control>n", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *back_accels[] = { "<Alt>Left", NULL };
  GSettingsSchemaSource *source;

  G_APPLICATION_CLASS (mp_application_parent_class)->startup (application);
  mp_a11y_init ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-event", new_event_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-events", back_accels);

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APP_ID);
  else
    g_debug ("GSettings schema %s is not installed; settings will not be kept", APP_ID);
}

/* The last window closed: the hub's workers stop before the process
 * ends (each finishes what it has begun; a round it had not finished
 * is done again next time). */
static void
mp_application_shutdown (GApplication *application)
{
  MpApplication *self = MP_APPLICATION (application);
  GHashTableIter iter;
  gpointer hub;

  g_hash_table_iter_init (&iter, self->hubs);
  while (g_hash_table_iter_next (&iter, NULL, &hub))
    mp_hub_stop (hub);

  G_APPLICATION_CLASS (mp_application_parent_class)->shutdown (application);
}

static void
mp_application_dispose (GObject *object)
{
  MpApplication *self = (MpApplication *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->hubs, g_hash_table_unref);
  g_clear_pointer (&self->stores, g_hash_table_unref);

  G_OBJECT_CLASS (mp_application_parent_class)->dispose (object);
}

static void
mp_application_class_init (MpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = mp_application_dispose;

  app_class->startup = mp_application_startup;
  app_class->shutdown = mp_application_shutdown;
  app_class->handle_local_options = mp_application_handle_local_options;
  app_class->command_line = mp_application_command_line;
}

static void
mp_application_init (MpApplication *self)
{
  self->stores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->hubs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  g_application_add_main_option_entries (G_APPLICATION (self), main_options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Register, check in and count the people who come to your meetings."));
}

MpApplication *
mp_application_new (void)
{
  return g_object_new (MP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/no/moteplass/Moteplass",
                       NULL);
}

GSettings *
mp_application_get_settings (MpApplication *self)
{
  g_return_val_if_fail (MP_IS_APPLICATION (self), NULL);

  return self->settings;
}
