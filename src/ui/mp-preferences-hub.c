#define G_LOG_DOMAIN "mp-preferences-hub"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-desk.h"
#include "mp-hub-indicator.h"
#include "mp-preferences-hub.h"
#include "mp-time.h"

struct _MpPreferencesHub
{
  AdwPreferencesPage   parent_instance;

  MpHub               *hub;
  GSettings           *settings;
  GCancellable        *cancellable;
  GPtrArray           *hub_events;    /* MpHubEvent, from the last test */
  GPtrArray           *event_checks;  /* a GtkCheckButton for each of them */
  gboolean             busy;
  gboolean             linked;
  char                *result;        /* for describe (): "ok …", "error …", "" */

  /* Template widgets */
  AdwPreferencesGroup *linked_group;
  AdwActionRow        *state_row;
  GtkImage            *state_icon;
  AdwActionRow        *connection_row;
  AdwActionRow        *desk_row;
  AdwActionRow        *events_row;
  GtkWidget           *leave_button;
  AdwPreferencesGroup *join_group;
  AdwEntryRow         *conninfo_row;
  AdwEntryRow         *password_row;
  AdwEntryRow         *desk_name_row;
  AdwActionRow        *result_row;
  GtkStack            *result_stack;
  GtkImage            *result_icon;
  GtkSpinner          *result_spinner;
  GtkWidget           *test_button;
  AdwPreferencesGroup *events_group;
  GtkSwitch           *all_switch;
  GtkListBox          *events_list;
  AdwPreferencesGroup *join_button_group;
  GtkWidget           *join_button;
};

G_DEFINE_FINAL_TYPE (MpPreferencesHub, mp_preferences_hub, ADW_TYPE_PREFERENCES_PAGE)

/* What is shown */

static void
show_result (MpPreferencesHub *self,
             const char       *icon,
             const char       *kind,
             const char       *text)
{
  g_free (self->result);
  self->result = g_strdup_printf ("%s %s", kind, text);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_row), text);
  gtk_image_set_from_icon_name (self->result_icon, icon);
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), "success");
  if (g_str_equal (kind, "error"))
    gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), "error");
  else if (g_str_equal (kind, "ok"))
    gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), "success");
}

static void
set_busy (MpPreferencesHub *self,
          gboolean          busy,
          const char       *doing)
{
  self->busy = busy;
  gtk_stack_set_visible_child_name (self->result_stack, busy ? "busy" : "icon");
  gtk_spinner_set_spinning (self->result_spinner, busy);
  if (busy)
    {
      g_free (self->result);
      self->result = g_strdup_printf ("busy %s", doing);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_row), doing);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->conninfo_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->desk_name_row), !busy);
  gtk_widget_set_sensitive (self->test_button, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->events_group), !busy);
  gtk_widget_set_sensitive (self->leave_button, !busy);
}

static void
mp_preferences_hub_update_join (MpPreferencesHub *self)
{
  gboolean all = gtk_switch_get_active (self->all_switch);

  gtk_widget_set_visible (GTK_WIDGET (self->events_list), !all && self->event_checks->len > 0);
  gtk_widget_set_sensitive (self->join_button,
                            !self->busy && *gtk_editable_get_text (GTK_EDITABLE (self->conninfo_row)) != '\0');
}

static void
update_state (MpPreferencesHub *self)
{
  g_autofree char *words = mp_hub_state_dup_words (self->hub);
  g_autofree char *sentence = mp_hub_state_dup_sentence (self->hub);
  MpHubState state = mp_hub_get_state (self->hub);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->state_row),
                                 words != NULL ? words : _("Not syncing"));
  adw_action_row_set_subtitle (self->state_row, sentence != NULL ? sentence : "");
  gtk_image_set_from_icon_name (self->state_icon,
                                state == MP_HUB_STATE_OFFLINE ? "network-offline-symbolic" :
                                state == MP_HUB_STATE_SYNCED ? "emblem-ok-symbolic" :
                                "emblem-synchronizing-symbolic");
}

/* Linked or not: which groups show, and what the linked ones say. */
static void
update_link (MpPreferencesHub *self)
{
  g_autoptr(GError) error = NULL;
  MpHubStatus status;

  if (!mp_hub_get_status (mp_hub_get_database (self->hub), &status, &error))
    {
      g_warning ("The hub's status cannot be read: %s", error->message);
      return;
    }
  self->linked = status.linked;
  gtk_widget_set_visible (GTK_WIDGET (self->linked_group), status.linked);
  gtk_widget_set_visible (GTK_WIDGET (self->join_group), !status.linked);
  gtk_widget_set_visible (GTK_WIDGET (self->events_group), !status.linked && self->hub_events != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->join_button_group), !status.linked);

  if (status.linked)
    {
      g_autofree char *events = NULL;

      adw_action_row_set_subtitle (self->connection_row, status.conninfo);
      adw_action_row_set_subtitle (self->desk_row, status.desk != NULL ? status.desk : "");
      if (status.events == NULL)
        events = g_strdup (_("All events"));
      else
        {
          g_auto(GStrv) keys = g_strsplit (status.events, ",", -1);
          guint n = g_strv_length (keys);

          events = g_strdup_printf (ngettext ("%u event", "%u events", n), n);
        }
      adw_action_row_set_subtitle (self->events_row, events);
      update_state (self);
    }
  mp_hub_status_clear (&status);
  mp_preferences_hub_update_join (self);
}

/* The connection and the password */

/* A password typed into the connection is taken out of it: the
 * connection is shown without it (as keywords), the password as dots. */
static gboolean
take_password_out (MpPreferencesHub *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->conninfo_row));
  g_autofree char *without = NULL;
  g_autofree char *password = NULL;

  if (!mp_hub_conninfo_split_password (text, &without, &password, NULL) || password == NULL)
    return FALSE;

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
  gtk_editable_set_text (GTK_EDITABLE (self->conninfo_row), without);
  {
    g_autofree char *file = mp_hub_dup_password_file (without);
    /* Translators: %s is the password file, ~/.pgpass */
    g_autofree char *text_shown = g_strdup_printf (_("The password was taken out of the connection. At Join it is kept in %s, readable only by you, never in Møteplass’s database."),
                                                   file);

    show_result (self, "dialog-password-symbolic", "masked", text_shown);
  }
  return TRUE;
}

static void
mp_preferences_hub_conninfo_changed_cb (MpPreferencesHub *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->conninfo_row));

  /* In a URI the password is whole once its "@" is typed; in keywords
   * it is taken out at Test or Join (it may still be being typed). */
  if (g_str_has_prefix (text, "postgres"))
    take_password_out (self);
  mp_preferences_hub_update_join (self);
}

/* What libpq is given: the connection, with the password apart. */
static char *
dup_conninfo (MpPreferencesHub  *self,
              GError           **error)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autofree char *without = NULL;
  g_autoptr(GString) out = NULL;

  take_password_out (self);
  if (!mp_hub_conninfo_split_password (gtk_editable_get_text (GTK_EDITABLE (self->conninfo_row)),
                                       &without, NULL, error))
    return NULL;
  out = g_string_new (without);
  if (*password != '\0')
    {
      g_string_append (out, " password='");
      for (const char *p = password; *p; p++)
        {
          if (*p == '\'' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '\'');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Test Connection: the hub's events to choose from */

static void
fill_events (MpPreferencesHub *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->events_list))) != NULL)
    gtk_list_box_remove (self->events_list, row);
  g_ptr_array_set_size (self->event_checks, 0);

  for (guint i = 0; i < self->hub_events->len; i++)
    {
      MpHubEvent *event = self->hub_events->pdata[i];
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *when = event->starts_at > 0 ? mp_time_format_date (event->starts_at) : g_strdup ("");

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), event->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->events_list, row);
      g_ptr_array_add (self->event_checks, check);
    }
}

static void
events_listed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = mp_hub_list_events_finish (result, &error);
  MpPreferencesHub *self;

  /* the page was closed meanwhile: not ours to show */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MP_PREFERENCES_HUB (user_data);
  set_busy (self, FALSE, NULL);

  if (events == NULL)
    {
      show_result (self, "dialog-error-symbolic", "error", error->message);
      return;
    }

  g_clear_pointer (&self->hub_events, g_ptr_array_unref);
  self->hub_events = g_steal_pointer (&events);
  fill_events (self);
  {
    /* Translators: after Test Connection */
    g_autofree char *text = g_strdup_printf (ngettext ("Connected. The hub holds %u event.",
                                                       "Connected. The hub holds %u events.",
                                                       self->hub_events->len),
                                             self->hub_events->len);

    show_result (self, "emblem-ok-symbolic", "ok", text);
  }
  update_link (self);
}

static void
mp_preferences_hub_test_cb (MpPreferencesHub *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;

  if (self->busy)
    return;
  conninfo = dup_conninfo (self, &error);
  if (conninfo == NULL)
    {
      show_result (self, "dialog-error-symbolic", "error", error->message);
      return;
    }
  set_busy (self, TRUE, _("Connecting to the hub…"));
  mp_hub_list_events_async (conninfo, self->cancellable, events_listed_cb, self);
}

/* Join */

static void
joined_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  MpHubSyncCounts counts = { 0 };
  MpPreferencesHub *self;
  gboolean ok = mp_hub_join_finish (MP_HUB (source), result, &counts, &error);

  /* (the worker runs all the same: MpHub saw to it) */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MP_PREFERENCES_HUB (user_data);
  set_busy (self, FALSE, NULL);

  if (!ok)
    {
      show_result (self, "dialog-error-symbolic", "error", error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  {
    g_autofree char *sent = g_strdup_printf (ngettext ("sent %u change", "sent %u changes", counts.pushed), counts.pushed);
    /* Translators: "Joined: sent 12 changes to the hub, got 340." */
    g_autofree char *text = g_strdup_printf (ngettext ("Joined: %s to the hub, got %u.",
                                                       "Joined: %s to the hub, got %u.", counts.pulled),
                                             sent, counts.pulled);

    show_result (self, "emblem-ok-symbolic", "ok", text);
  }
  update_link (self);
}

static void
mp_preferences_hub_join_cb (MpPreferencesHub *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) chosen = g_strv_builder_new ();
  g_auto(GStrv) events = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *desk = NULL;

  if (self->busy)
    return;
  conninfo = dup_conninfo (self, &error);
  if (conninfo == NULL)
    {
      show_result (self, "dialog-error-symbolic", "error", error->message);
      return;
    }

  if (!gtk_switch_get_active (self->all_switch))
    {
      for (guint i = 0; i < self->event_checks->len; i++)
        if (gtk_check_button_get_active (self->event_checks->pdata[i]))
          g_strv_builder_add (chosen, ((MpHubEvent *) self->hub_events->pdata[i])->uuid);
      events = g_strv_builder_end (chosen);
      if (events[0] == NULL)
        {
          show_result (self, "dialog-error-symbolic", "error", _("Choose the events this computer pulls, or all of them."));
          return;
        }
    }

  /* the name check-ins here are recorded with */
  {
    g_autofree char *setting = self->settings != NULL ? g_settings_get_string (self->settings, "desk-name") : NULL;

    desk = mp_desk_name_resolve (setting, MP_DESK_KIND_DESK);
  }

  set_busy (self, TRUE, _("Joining the hub… A new computer gets the hub’s events: a few seconds for 100,000 registrations."));
  mp_hub_join_async (self->hub, conninfo, desk, (const char *const *) events, self->cancellable, joined_cb, self);
}

/* Leave */

static void leave_force_cb (MpPreferencesHub *self);

static void
left_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  MpPreferencesHub *self;
  gboolean ok = mp_hub_leave_finish (MP_HUB (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MP_PREFERENCES_HUB (user_data);
  set_busy (self, FALSE, NULL);
  update_link (self);

  if (ok)
    {
      show_result (self, "network-server-symbolic", "ok", _("Left the hub. This computer works alone now."));
      return;
    }

  /* changes that never reached the hub: asked once more */
  if (g_error_matches (error, MP_ERROR, MP_ERROR_INVALID))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                            _("Changes Have Not Reached the Hub"),
                                                                            NULL));

      MpHubStatus status;
      guint waiting = 0;

      if (mp_hub_get_status (mp_hub_get_database (self->hub), &status, NULL))
        {
          waiting = status.waiting;
          mp_hub_status_clear (&status);
        }
      adw_message_dialog_format_body (dialog,
                                      ngettext ("%u change made here has not reached the hub yet. Leave anyway, and the other computers never get it; or stay until the hub has it (the header bar says “Synced”).",
                                                "%u changes made here have not reached the hub yet. Leave anyway, and the other computers never get them; or stay until the hub has them (the header bar says “Synced”).",
                                                waiting),
                                      waiting);
      adw_message_dialog_add_responses (dialog, "cancel", _("_Stay"), "leave", _("_Leave Anyway"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "leave", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect_object (dialog, "response::leave", G_CALLBACK (leave_force_cb), self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  show_result (self, "dialog-error-symbolic", "error", error->message);
}

static void
leave (MpPreferencesHub *self,
       gboolean          force)
{
  set_busy (self, TRUE, _("Leaving the hub…"));
  mp_hub_leave_async (self->hub, force, self->cancellable, left_cb, self);
}

static void
leave_confirmed_cb (MpPreferencesHub *self)
{
  leave (self, FALSE);
}

static void
leave_force_cb (MpPreferencesHub *self)
{
  leave (self, TRUE);
}

static void
mp_preferences_hub_leave_cb (MpPreferencesHub *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  if (self->busy)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Leave the Hub?"),
                                                       _("This computer stops sharing: its changes stay here, and the others’ no longer come. Its file keeps everything it has.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "leave", _("_Leave"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "leave", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response::leave", G_CALLBACK (leave_confirmed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* For tests */

void
mp_preferences_hub_describe (MpPreferencesHub *self,
                             GString          *out)
{
  g_return_if_fail (MP_IS_PREFERENCES_HUB (self));

  g_string_append_printf (out, "hub.linked=%d\n", self->linked);
  g_string_append_printf (out, "hub.busy=%d\n", self->busy);
  g_string_append_printf (out, "hub.result=%s\n", self->result != NULL ? self->result : "");
  g_string_append_printf (out, "hub.connection=%s\n", gtk_editable_get_text (GTK_EDITABLE (self->conninfo_row)));
  g_string_append_printf (out, "hub.password_length=%u\n",
                          (guint) g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (self->password_row)), -1));
  g_string_append_printf (out, "hub.events_offered=%u\n", self->event_checks->len);
  if (self->linked)
    {
      g_string_append_printf (out, "hub.state=%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->state_row)));
      g_string_append_printf (out, "hub.linked_connection=%s\n", adw_action_row_get_subtitle (self->connection_row));
      g_string_append_printf (out, "hub.desk=%s\n", adw_action_row_get_subtitle (self->desk_row));
      g_string_append_printf (out, "hub.events=%s\n", adw_action_row_get_subtitle (self->events_row));
    }
}

/* GObject */

static void
mp_preferences_hub_dispose (GObject *object)
{
  MpPreferencesHub *self = MP_PREFERENCES_HUB (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_PREFERENCES_HUB);
  g_clear_object (&self->hub);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mp_preferences_hub_parent_class)->dispose (object);
}

static void
mp_preferences_hub_finalize (GObject *object)
{
  MpPreferencesHub *self = MP_PREFERENCES_HUB (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->hub_events, g_ptr_array_unref);
  g_clear_pointer (&self->event_checks, g_ptr_array_unref);
  g_free (self->result);

  G_OBJECT_CLASS (mp_preferences_hub_parent_class)->finalize (object);
}

static void
mp_preferences_hub_class_init (MpPreferencesHubClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_preferences_hub_dispose;
  object_class->finalize = mp_preferences_hub_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-preferences-hub.ui");
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, linked_group);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, state_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, state_icon);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, connection_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, desk_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, events_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, leave_button);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, join_group);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, conninfo_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, password_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, desk_name_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, result_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, result_stack);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, result_icon);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, result_spinner);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, test_button);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, events_group);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, all_switch);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, events_list);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, join_button_group);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesHub, join_button);
  gtk_widget_class_bind_template_callback (widget_class, mp_preferences_hub_conninfo_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_preferences_hub_test_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_preferences_hub_join_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_preferences_hub_leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_preferences_hub_update_join);
}

static void
mp_preferences_hub_init (MpPreferencesHub *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->event_checks = g_ptr_array_new ();
  self->result = g_strdup ("");
}

GtkWidget *
mp_preferences_hub_new (MpHub     *hub,
                        GSettings *settings)
{
  MpPreferencesHub *self;

  g_return_val_if_fail (MP_IS_HUB (hub), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MP_TYPE_PREFERENCES_HUB, NULL);
  self->hub = g_object_ref (hub);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    g_settings_bind (settings, "desk-name", self->desk_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  else
    gtk_widget_set_visible (GTK_WIDGET (self->desk_name_row), FALSE);

  g_signal_connect_object (hub, "notify::state", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (hub, "notify::waiting", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (hub, "notify::offline-since", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  update_link (self);
  return GTK_WIDGET (self);
}
