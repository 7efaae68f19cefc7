#define G_LOG_DOMAIN "mp-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-desk-page.h"
#include "mp-event-page.h"
#include "mp-events-page.h"
#include "mp-period-report-window.h"
#include "mp-report-page.h"
#include "mp-after-frame.h"
#include "mp-cut-text.h"
#include "mp-debug-state.h"
#include "mp-frame-timing.h"
#include "mp-hub-indicator.h"
#include "mp-retention-prompt.h"
#include "mp-window.h"

struct _MpWindow
{
  AdwApplicationWindow  parent_instance;

  MpStore              *store;
  GSettings            *settings;
  MpHub                *hub;
  gint64                report_refreshed_at;
  guint                 report_refresh_source;
  guint                 debug_state_source;
  guint                 checkpoint_source;
  guint                 retention_tick;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  MpEventsPage         *events_page;
  MpEventPage          *event_page;
  MpDeskPage           *desk_page;
  MpReportPage         *report_page;
  AdwStatusPage        *error_page;
};

G_DEFINE_FINAL_TYPE (MpWindow, mp_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_HUB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A report is counted again at most this often while changes arrive. */
#define REPORT_REFRESH_SECONDS 5

/* What the window shows, for tests (MP_DEBUG_STATE, mp-debug-state.h). */
static void
mp_window_describe (GtkWidget *window,
                    GString   *state)
{
  MpWindow *self = MP_WINDOW (window);
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);

  if (g_strcmp0 (page, "content") == 0)
    page = adw_leaflet_get_visible_child_name (self->leaflet);
  g_string_append_printf (state, "page=%s\n", page);
  g_string_append_printf (state, "retention_due=%u\n",
                          GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "mp-retention-due")));
  {
    g_autofree char *hub = mp_hub_state_dup_words (self->hub);

    g_string_append_printf (state, "hub=%s\n", hub != NULL ? hub : "not linked");
  }

  if (g_strcmp0 (page, "events") == 0)
    mp_events_page_describe (self->events_page, state);
  else if (g_strcmp0 (page, "event") == 0)
    mp_event_page_describe (self->event_page, state);
  else if (g_strcmp0 (page, "desk") == 0)
    mp_desk_page_describe (self->desk_page, state);
  else if (g_strcmp0 (page, "report") == 0)
    mp_report_page_describe (self->report_page, state);
  else if (g_strcmp0 (page, "error") == 0)
    g_string_append_printf (state, "error=%s\n", adw_status_page_get_description (self->error_page));
  /* MP_DEBUG_CUT_TEXT: text shortened with "…" in any window shown */
  if (mp_cut_text_enabled ())
    mp_cut_text_describe (state);
}

/* Folding the write-ahead log back now and then, while nobody waits,
 * keeps the automatic checkpoint from landing inside a check-in. */
static gboolean
mp_window_checkpoint (gpointer user_data)
{
  MpWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->store != NULL
      && !mp_database_checkpoint (mp_store_get_database (self->store), &error))
    g_debug ("Checkpoint: %s", error->message);

  return G_SOURCE_CONTINUE;
}

/* The desk and the report, which a window seldom opens on, are hidden
 * until its first frame is on the screen (their styles and sizes cost
 * time that frame would wait for), or until they are asked for. */
static void
mp_window_show_page (MpWindow  *self,
                     GtkWidget *page)
{
  gtk_widget_set_visible (page, TRUE);
  adw_leaflet_set_visible_child (self->leaflet, page);
}

static void
mp_window_unhide_pages (GtkWidget *widget,
                        gpointer   user_data)
{
  MpWindow *self = MP_WINDOW (widget);

  gtk_widget_set_visible (GTK_WIDGET (self->desk_page), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->report_page), TRUE);
}

static void
mp_window_open_event_cb (MpWindow     *self,
                         gint64        event_id,
                         MpEventsPage *events_page)
{
  g_autoptr(GError) error = NULL;

  if (!mp_window_open_event (self, event_id, &error))
    mp_window_add_toast (self, adw_toast_new (error->message));
}

/* From the events list: today's event's desk, or an event's report. */
static void
mp_window_open_desk_cb (MpWindow     *self,
                        gint64        event_id,
                        MpEventsPage *events_page)
{
  g_autoptr(GError) error = NULL;

  if (!mp_window_open_desk (self, event_id, &error))
    mp_window_add_toast (self, adw_toast_new (error->message));
}

static void mp_window_open_report (MpWindow *self,
                                   gint64    event_id);

static void
mp_window_open_report_cb (MpWindow     *self,
                          gint64        event_id,
                          MpEventsPage *events_page)
{
  mp_window_open_report (self, event_id);
}

/* What the task switcher shows: the event being worked on. */
static void
mp_window_update_title (MpWindow *self)
{
  GtkWidget *page = adw_leaflet_get_visible_child (self->leaflet);

  if (page == GTK_WIDGET (self->events_page))
    gtk_window_set_title (GTK_WINDOW (self), _("Møteplass"));
  else if (page == GTK_WIDGET (self->desk_page))
    gtk_window_set_title (GTK_WINDOW (self), mp_desk_page_get_title (self->desk_page));
  else if (page == GTK_WIDGET (self->report_page))
    gtk_window_set_title (GTK_WINDOW (self), mp_report_page_get_title (self->report_page));
  else
    gtk_window_set_title (GTK_WINDOW (self), mp_event_page_get_title (self->event_page));
}

static void
mp_window_visible_page_changed_cb (MpWindow *self)
{
  /* Left before the report was counted: it is not wanted any more. */
  if (adw_leaflet_get_visible_child (self->leaflet) != GTK_WIDGET (self->report_page))
    mp_report_page_cancel (self->report_page);

  /* Coming back from an event: its counts may have changed. */
  if (adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->events_page))
    {
      mp_events_page_reload (self->events_page);
      mp_events_page_focus_list (self->events_page);
    }
  mp_window_update_title (self);
}

static gboolean
mp_window_refresh_report (gpointer user_data)
{
  MpWindow *self = user_data;

  self->report_refresh_source = 0;
  self->report_refreshed_at = g_get_monotonic_time ();
  if (adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->report_page))
    mp_report_page_refresh (self->report_page);
  return G_SOURCE_REMOVE;
}

/* Other computers' changes were applied to the file by the hub's worker:
 * the page shown looks at once rather than at its next poll (the others
 * look when they are shown again). A report is counted again at most
 * every few seconds: at a busy door changes come every second. */
static void
mp_window_changes_arrived_cb (MpWindow *self,
                              guint     n_changes,
                              MpHub    *hub)
{
  GtkWidget *page = adw_leaflet_get_visible_child (self->leaflet);

  if (self->store == NULL)
    return;
  if (page == GTK_WIDGET (self->events_page))
    mp_events_page_reload (self->events_page);
  else if (page == GTK_WIDGET (self->event_page))
    mp_event_page_look_for_changes (self->event_page);
  else if (page == GTK_WIDGET (self->desk_page))
    mp_desk_page_look_for_changes (self->desk_page);
  else if (page == GTK_WIDGET (self->report_page) && self->report_refresh_source == 0)
    {
      gint64 next = self->report_refreshed_at + REPORT_REFRESH_SECONDS * G_USEC_PER_SEC;
      gint64 wait_ms = MAX (0, (next - g_get_monotonic_time ()) / 1000);

      self->report_refresh_source = g_timeout_add ((guint) wait_ms, mp_window_refresh_report, self);
    }
}

MpHub *
mp_window_get_hub (MpWindow *self)
{
  g_return_val_if_fail (MP_IS_WINDOW (self), NULL);

  return self->hub;
}

void
mp_window_set_hub (MpWindow *self,
                   MpHub    *hub)
{
  g_return_if_fail (MP_IS_WINDOW (self));
  g_return_if_fail (hub == NULL || MP_IS_HUB (hub));

  if (self->hub == hub)
    return;
  if (self->hub != NULL)
    g_signal_handlers_disconnect_by_func (self->hub, mp_window_changes_arrived_cb, self);
  g_set_object (&self->hub, hub);
  if (hub != NULL)
    g_signal_connect_object (hub, "changes-arrived", G_CALLBACK (mp_window_changes_arrived_cb),
                             self, G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HUB]);
}

static void
mp_window_show_events_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  MpWindow *self = MP_WINDOW (user_data);

  /* Back from a report goes to its event. */
  if (self->store != NULL
      && adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->report_page))
    {
      g_autoptr(GError) error = NULL;

      if (mp_event_page_get_event_id (self->event_page) == mp_report_page_get_event_id (self->report_page))
        adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->event_page));
      else if (!mp_window_open_event (self, mp_report_page_get_event_id (self->report_page), &error))
        mp_window_add_toast (self, adw_toast_new (error->message));
      return;
    }

  /* Back (Alt+Left) from the desk goes to its event, one step at a time. */
  if (self->store != NULL
      && adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->desk_page))
    {
      g_autoptr(GError) error = NULL;

      if (mp_event_page_get_event_id (self->event_page) == mp_desk_page_get_event_id (self->desk_page))
        {
          adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->event_page));
          mp_event_page_focus_search (self->event_page);
        }
      else if (!mp_window_open_event (self, mp_desk_page_get_event_id (self->desk_page), &error))
        mp_window_add_toast (self, adw_toast_new (error->message));
      return;
    }

  mp_window_show_events (self);
}

static void
mp_window_open_desk_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  MpWindow *self = MP_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  gint64 event_id = mp_event_page_get_event_id (self->event_page);

  if (event_id != 0 && !mp_window_open_desk (self, event_id, &error))
    mp_window_add_toast (self, adw_toast_new (error->message));
}

static void
mp_window_open_report (MpWindow *self,
                       gint64    event_id)
{
  g_autoptr(GError) error = NULL;

  if (event_id == 0 || self->store == NULL)
    return;
  if (!mp_report_page_load (self->report_page, event_id, &error))
    mp_window_add_toast (self, adw_toast_new (error->message));
  else
    mp_window_show_page (self, GTK_WIDGET (self->report_page));
}

static void
mp_window_open_report_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  MpWindow *self = MP_WINDOW (user_data);

  mp_window_open_report (self, mp_event_page_get_event_id (self->event_page));
}

static void
mp_window_anonymise_old_data_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  MpWindow *self = MP_WINDOW (user_data);

  if (self->store != NULL)
    mp_retention_prompt_run (GTK_WINDOW (self), self->toast_overlay, self->store);
}

static void
mp_window_period_report_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  MpWindow *self = MP_WINDOW (user_data);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (mp_period_report_window_new (GTK_WINDOW (self), self->store)));
}

static const GActionEntry win_actions[] = {
  { "period-report", mp_window_period_report_action },
  { "open-report", mp_window_open_report_action },
  { "anonymise-old-data", mp_window_anonymise_old_data_action },
  { "show-events", mp_window_show_events_action },
  { "open-desk", mp_window_open_desk_action },
};

static gboolean
mp_window_close_request (GtkWindow *window)
{
  MpWindow *self = MP_WINDOW (window);
  GSettings *settings = self->settings;

  mp_events_page_commit_pending_deletes (self->events_page);
  mp_window_checkpoint (self);

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set (settings, "window-size", "(ii)", width, height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (mp_window_parent_class)->close_request (window);
}

static void
mp_window_dispose (GObject *object)
{
  MpWindow *self = (MpWindow *)object;

  g_clear_handle_id (&self->debug_state_source, g_source_remove);
  g_clear_handle_id (&self->checkpoint_source, g_source_remove);
  g_clear_handle_id (&self->report_refresh_source, g_source_remove);
  if (self->hub != NULL)
    g_signal_handlers_disconnect_by_func (self->hub, mp_window_changes_arrived_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_WINDOW);
  g_clear_object (&self->hub);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mp_window_parent_class)->dispose (object);
}

static void
mp_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MpWindow *self = MP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HUB:
      g_value_set_object (value, self->hub);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_window_class_init (MpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mp_window_dispose;
  object_class->get_property = mp_window_get_property;
  window_class->close_request = mp_window_close_request;

  /* The hub's worker of the database shown (NULL: none); the pages'
   * MpHubIndicator follows it. */
  properties[PROP_HUB] =
    g_param_spec_object ("hub", NULL, NULL, MP_TYPE_HUB,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MP_TYPE_EVENTS_PAGE);
  g_type_ensure (MP_TYPE_EVENT_PAGE);
  g_type_ensure (MP_TYPE_DESK_PAGE);
  g_type_ensure (MP_TYPE_REPORT_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MpWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, MpWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MpWindow, events_page);
  gtk_widget_class_bind_template_child (widget_class, MpWindow, event_page);
  gtk_widget_class_bind_template_child (widget_class, MpWindow, desk_page);
  gtk_widget_class_bind_template_child (widget_class, MpWindow, report_page);
  gtk_widget_class_bind_template_child (widget_class, MpWindow, error_page);
  gtk_widget_class_bind_template_callback (widget_class, mp_window_open_event_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_window_open_desk_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_window_open_report_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_window_visible_page_changed_cb);
}

static void
mp_window_init (MpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);
  /* An event renamed while its page or desk is shown. */
  g_signal_connect_object (self->event_page, "notify::title",
                           G_CALLBACK (mp_window_update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->desk_page, "notify::title",
                           G_CALLBACK (mp_window_update_title), self, G_CONNECT_SWAPPED);

  mp_frame_timing_watch_first_frame (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->desk_page), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->report_page), FALSE);
  mp_after_first_frame (GTK_WIDGET (self), mp_window_unhide_pages, NULL);
  self->debug_state_source = mp_debug_state_watch (GTK_WIDGET (self), mp_window_describe);
}

MpWindow *
mp_window_new (GtkApplication *application,
               GSettings      *settings)
{
  MpWindow *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MP_TYPE_WINDOW, "application", application, NULL);
  /* The pages' settings (the desk's name, sounds, badges) are the
   * application's. */
  g_set_object (&self->settings, settings);
  g_object_set (self->desk_page, "settings", settings, NULL);
  g_object_set (self->event_page, "settings", settings, NULL);

  if (settings != NULL)
    {
      int width, height;

      g_settings_get (settings, "window-size", "(ii)", &width, &height);
      gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  return self;
}

MpStore *
mp_window_get_store (MpWindow *self)
{
  g_return_val_if_fail (MP_IS_WINDOW (self), NULL);

  return self->store;
}

static void
mp_window_check_retention (GtkWidget *widget,
                           gpointer   user_data)
{
  MpWindow *self = MP_WINDOW (widget);

  self->retention_tick = 0;
  if (self->store != NULL)
    mp_retention_prompt_check (GTK_WINDOW (self), self->toast_overlay, self->store);
}

void
mp_window_set_store (MpWindow *self,
                     MpStore  *store)
{
  g_return_if_fail (MP_IS_WINDOW (self));
  g_return_if_fail (MP_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  mp_events_page_set_store (self->events_page, store);
  mp_event_page_set_store (self->event_page, store);
  mp_desk_page_set_store (self->desk_page, store);
  mp_report_page_set_store (self->report_page, store);
  if (self->checkpoint_source == 0)
    self->checkpoint_source = g_timeout_add_seconds (60, mp_window_checkpoint, self);
  gtk_stack_set_visible_child_name (self->main_stack, "content");
  mp_window_show_events (self);
  /* A reminder, not what the window opens for: after the first frame. */
  if (self->retention_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->retention_tick);
  self->retention_tick = mp_after_first_frame (GTK_WIDGET (self), mp_window_check_retention, NULL);
}

void
mp_window_show_error (MpWindow     *self,
                      const char   *path,
                      const GError *error)
{
  g_autofree char *description = NULL;
  g_autofree char *escaped_message = NULL;
  g_autofree char *escaped_path = NULL;

  g_return_if_fail (MP_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  escaped_message = g_markup_escape_text (error->message, -1);
  if (path != NULL && strstr (error->message, path) == NULL)
    {
      escaped_path = g_markup_escape_text (path, -1);
      /* Translators: the reason, then the path of the database file */
      description = g_strdup_printf (_("%s\n\n<small>%s</small>"), escaped_message, escaped_path);
    }
  else
    description = g_steal_pointer (&escaped_message);

  switch (error->domain == MP_ERROR ? error->code : MP_ERROR_FAILED)
    {
    case MP_ERROR_BUSY:
      adw_status_page_set_title (self->error_page, _("The Database Is in Use"));
      adw_status_page_set_icon_name (self->error_page, "system-lock-screen-symbolic");
      break;

    case MP_ERROR_TOO_NEW:
      adw_status_page_set_title (self->error_page, _("Made by a Newer Møteplass"));
      adw_status_page_set_icon_name (self->error_page, "software-update-available-symbolic");
      break;

    default:
      adw_status_page_set_title (self->error_page, _("Could Not Open the Database"));
      adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
      break;
    }

  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

/* An event or its desk can only be opened from a database. */
static gboolean
mp_window_has_store (MpWindow  *self,
                     GError   **error)
{
  if (self->store != NULL)
    return TRUE;
  g_set_error_literal (error, MP_ERROR, MP_ERROR_FAILED, _("No database is open"));
  return FALSE;
}

gboolean
mp_window_open_event (MpWindow  *self,
                      gint64     event_id,
                      GError   **error)
{
  g_return_val_if_fail (MP_IS_WINDOW (self), FALSE);

  if (!mp_window_has_store (self, error))
    return FALSE;

  if (!mp_event_page_load (self->event_page, event_id, error))
    return FALSE;

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->event_page));
  /* (also when the page was already shown, as it is at start-up) */
  mp_window_update_title (self);
  mp_event_page_focus_search (self->event_page);
  return TRUE;
}

/**
 * mp_window_show_event_page:
 *
 * Shows the event page before an event is loaded into it: a window
 * opened on an event is presented with it (realised, its styles worked
 * out, on the other core the event's search index is still being
 * built), then the event is loaded, all before its first frame.
 */
void
mp_window_show_event_page (MpWindow *self)
{
  g_return_if_fail (MP_IS_WINDOW (self));

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->event_page));
}

/* The check-in desk of an event, in place of the event page. */
gboolean
mp_window_open_desk (MpWindow  *self,
                     gint64     event_id,
                     GError   **error)
{
  g_return_val_if_fail (MP_IS_WINDOW (self), FALSE);

  if (!mp_window_has_store (self, error))
    return FALSE;

  if (!mp_desk_page_load (self->desk_page, event_id, error))
    return FALSE;

  mp_window_show_page (self, GTK_WIDGET (self->desk_page));
  mp_desk_page_focus_search (self->desk_page);
  return TRUE;
}

void
mp_window_show_events (MpWindow *self)
{
  g_return_if_fail (MP_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  /* Going back to the events reloads them (see the notify handler). */
  if (adw_leaflet_get_visible_child (self->leaflet) != GTK_WIDGET (self->events_page))
    mp_window_show_page (self, GTK_WIDGET (self->events_page));
  mp_events_page_focus_list (self->events_page);
}

void
mp_window_new_event (MpWindow *self)
{
  g_return_if_fail (MP_IS_WINDOW (self));

  if (self->store != NULL)
    mp_events_page_new_event (self->events_page);
}

void
mp_window_focus_search (MpWindow *self)
{
  g_return_if_fail (MP_IS_WINDOW (self));

  if (self->store != NULL
      && adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->event_page))
    mp_event_page_focus_search (self->event_page);
  else if (self->store != NULL
           && adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->desk_page))
    mp_desk_page_focus_search (self->desk_page);
}

void
mp_window_add_toast (MpWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (MP_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
