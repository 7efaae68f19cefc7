#define G_LOG_DOMAIN "mp-events-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-hub-indicator.h"
#include "mp-demo-events.h"
#include "mp-event-editor.h"
#include "mp-event-row.h"
#include "mp-events-page-private.h"
#include "mp-time.h"
#include "mp-toast.h"


enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  OPEN_EVENT,
  OPEN_DESK,
  OPEN_REPORT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MpEventsPage, mp_events_page, ADW_TYPE_BIN)

static void
mp_events_page_show_error (MpEventsPage *self,
                           const GError *error)
{
  if (!mp_toast_add (GTK_WIDGET (self), adw_toast_new (error->message)))
    g_warning ("%s", error->message);
}

static GtkWidget *
mp_events_page_create_row (gpointer item,
                           gpointer user_data)
{
  return mp_event_row_new (MP_EVENT (item));
}

/* Narrow, a row opens its event at a click; wide, a click shows it
 * beside the list and Enter or a double click opens it. */
static void
mp_events_page_row_activated_cb (MpEventsPage  *self,
                                 GtkListBoxRow *row,
                                 GtkListBox    *list)
{
  MpEvent *event = mp_event_row_get_event (MP_EVENT_ROW (row));

  g_signal_emit (self, signals[OPEN_EVENT], 0, mp_event_get_id (event));
}

static GtkListBox *
mp_events_page_list (MpEventsPage *self,
                     guint         i)
{
  GtkListBox *lists[] = { self->today_list, self->upcoming_list, self->past_list };

  return lists[i];
}

static void
mp_events_page_row_selected_cb (MpEventsPage  *self,
                                GtkListBoxRow *row,
                                GtkListBox    *list)
{
  MpEvent *event;

  /* the rows are made anew: the selection is put back after */
  if (self->reloading || row == NULL)
    return;

  event = mp_event_row_get_event (MP_EVENT_ROW (row));
  self->selected_id = mp_event_get_id (event);
  /* one chosen event across the three lists */
  for (guint i = 0; i < 3; i++)
    if (mp_events_page_list (self, i) != list)
      gtk_list_box_unselect_all (mp_events_page_list (self, i));
  mp_event_overview_set_event (self->summary, event);
}

/* Wide: the chosen event shows beside the list; the row with
 * @selected_id, else the first (today's first). */
static void
mp_events_page_select_again (MpEventsPage *self)
{
  GtkListBoxRow *first = NULL;

  if (adw_leaflet_get_folded (self->leaflet))
    return;

  for (guint i = 0; i < 3; i++)
    {
      GtkListBox *list = mp_events_page_list (self, i);
      GtkListBoxRow *row;

      for (int r = 0; (row = gtk_list_box_get_row_at_index (list, r)) != NULL; r++)
        {
          MpEvent *event = mp_event_row_get_event (MP_EVENT_ROW (row));

          if (first == NULL)
            first = row;
          if (mp_event_get_id (event) == self->selected_id)
            {
              gtk_list_box_select_row (list, row);
              return;
            }
        }
    }

  if (first != NULL)
    gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (first))), first);
  else
    {
      self->selected_id = 0;
      mp_event_overview_set_event (self->summary, NULL);
    }
}

/* Wide: the keyboard moving from one list to the next (Today to
 * Upcoming) chooses the row it lands on, as the arrows do in a list. */
static void
mp_events_page_focus_enter_cb (MpEventsPage             *self,
                               GtkEventControllerFocus  *controller)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkRoot *root = gtk_widget_get_root (list);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

  if (adw_leaflet_get_folded (self->leaflet) || row == NULL || focus != row ||
      gtk_widget_get_parent (row) != list || gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row)))
    return;
  gtk_list_box_select_row (GTK_LIST_BOX (list), GTK_LIST_BOX_ROW (row));
}

static void
mp_events_page_folded_cb (MpEventsPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  for (guint i = 0; i < 3; i++)
    {
      GtkListBox *list = mp_events_page_list (self, i);

      gtk_list_box_set_selection_mode (list, folded ? GTK_SELECTION_NONE : GTK_SELECTION_SINGLE);
      gtk_list_box_set_activate_on_single_click (list, folded);
    }
  /* the window's buttons at the far right: on the list when alone */
  adw_header_bar_set_show_end_title_buttons (self->list_header, folded);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  if (!folded)
    mp_events_page_select_again (self);
}

static void
mp_events_page_open_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  g_signal_emit (widget, signals[OPEN_EVENT], 0, g_variant_get_int64 (parameter));
}

static void
mp_events_page_open_desk_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  g_signal_emit (widget, signals[OPEN_DESK], 0, g_variant_get_int64 (parameter));
}

static void
mp_events_page_open_report_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  g_signal_emit (widget, signals[OPEN_REPORT], 0, g_variant_get_int64 (parameter));
}

static void
mp_events_page_editor_saved_cb (MpEventsPage  *self,
                                MpEvent       *event,
                                MpEventEditor *editor)
{
  mp_events_page_reload (self);

  /* A new event is empty: go where people are added to it. */
  if (g_object_get_data (G_OBJECT (editor), "mp-opens-event") != NULL)
    g_signal_emit (self, signals[OPEN_EVENT], 0, mp_event_get_id (event));
}

static void
mp_events_page_open_editor (MpEventsPage      *self,
                            MpEvent           *event,
                            MpEventEditorMode  mode)
{
  MpEventEditor *editor;
  GtkRoot *root;

  if (self->store == NULL)
    return;

  editor = mp_event_editor_new (self->store, event, mode);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  if (mode != MP_EVENT_EDITOR_EDIT)
    g_object_set_data (G_OBJECT (editor), "mp-opens-event", GINT_TO_POINTER (TRUE));

  g_signal_connect_object (editor, "saved",
                           G_CALLBACK (mp_events_page_editor_saved_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static MpEvent *
mp_events_page_get_event (MpEventsPage *self,
                          gint64        event_id)
{
  g_autoptr(GError) error = NULL;
  MpEvent *event;

  event = mp_store_get_event (self->store, event_id, &error);
  if (event == NULL)
    mp_events_page_show_error (self, error);

  return event;
}

static void
mp_events_page_edit_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  MpEventsPage *self = MP_EVENTS_PAGE (widget);
  g_autoptr(MpEvent) event = mp_events_page_get_event (self, g_variant_get_int64 (parameter));

  if (event != NULL)
    mp_events_page_open_editor (self, event, MP_EVENT_EDITOR_EDIT);
}

static void
mp_events_page_duplicate_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  MpEventsPage *self = MP_EVENTS_PAGE (widget);
  g_autoptr(MpEvent) event = mp_events_page_get_event (self, g_variant_get_int64 (parameter));

  if (event != NULL)
    mp_events_page_open_editor (self, event, MP_EVENT_EDITOR_DUPLICATE);
}

static void
mp_events_page_delete_now (MpEventsPage *self,
                           gint64        event_id)
{
  g_autoptr(GError) error = NULL;

  if (!g_hash_table_remove (self->pending_deletes, &event_id))
    return;

  if (self->store != NULL && !mp_store_delete_event (self->store, event_id, &error))
    {
      mp_events_page_show_error (self, error);
      mp_events_page_reload (self);
    }
}

static void
mp_events_page_undo_toast_dismissed_cb (MpEventsPage *self,
                                        AdwToast     *toast)
{
  gint64 *event_id = g_object_get_data (G_OBJECT (toast), "mp-event-id");

  mp_events_page_delete_now (self, *event_id);
}

static void
mp_events_page_undo_clicked_cb (MpEventsPage *self,
                                AdwToast     *toast)
{
  gint64 *event_id = g_object_get_data (G_OBJECT (toast), "mp-event-id");

  g_hash_table_remove (self->pending_deletes, event_id);
  mp_events_page_reload (self);
}

static void
mp_events_page_delete_response_cb (MpEventsPage     *self,
                                   const char       *response,
                                   AdwMessageDialog *dialog)
{
  gint64 *event_id = g_object_get_data (G_OBJECT (dialog), "mp-event-id");
  const char *title = g_object_get_data (G_OBJECT (dialog), "mp-event-title");
  AdwToast *toast;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  g_hash_table_insert (self->pending_deletes,
                       g_memdup2 (event_id, sizeof *event_id),
                       g_strdup (title));
  mp_events_page_reload (self);

  /* No window to offer the undo in: deleted at once. */
  if (mp_toast_find_overlay (GTK_WIDGET (self)) == NULL)
    {
      mp_events_page_delete_now (self, *event_id);
      return;
    }

  /* Translators: %s is the title of the deleted event */
  toast = adw_toast_new_format (_("“%s” deleted"), title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "mp-event-id",
                          g_memdup2 (event_id, sizeof *event_id), g_free);
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (mp_events_page_undo_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed",
                           G_CALLBACK (mp_events_page_undo_toast_dismissed_cb),
                           self, G_CONNECT_SWAPPED);
  mp_toast_add (GTK_WIDGET (self), toast);
}

static void
mp_events_page_delete_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  MpEventsPage *self = MP_EVENTS_PAGE (widget);
  g_autoptr(MpEvent) event = mp_events_page_get_event (self, g_variant_get_int64 (parameter));
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  MpEventCounts counts = { 0 };
  GtkWidget *dialog;
  GtkRoot *root;
  guint n_registrations;

  if (event == NULL)
    return;

  if (!mp_store_get_counts (self->store, mp_event_get_id (event), &counts, &error))
    {
      mp_events_page_show_error (self, error);
      return;
    }

  n_registrations = counts.registered + counts.waitlisted + counts.cancelled;
  if (n_registrations == 0)
    body = g_strdup (_("The event has no registrations."));
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Its %u registration and all check-ins are deleted with it. The people stay in the database.",
                                         "Its %u registrations and all check-ins are deleted with it. The people stay in the database.",
                                         n_registrations),
                            n_registrations);

  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, body);
  /* Translators: %s is the title of an event */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Delete “%s”?"),
                                     mp_event_get_title (event));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "mp-event-id",
                          g_memdup2 (&(gint64) { mp_event_get_id (event) }, sizeof (gint64)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "mp-event-title",
                          g_strdup (mp_event_get_title (event)), g_free);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (mp_events_page_delete_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mp_events_page_add_examples_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  MpEventsPage *self = MP_EVENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  if (!mp_demo_populate (self->store, &error))
    {
      mp_events_page_show_error (self, error);
      return;
    }

  mp_events_page_reload (self);
  mp_events_page_focus_list (self);
  mp_toast_add (widget, adw_toast_new (_("Example events added. Their attendees are fictional.")));
}

/* Example events: hidden at once, deleted when the notice with its Undo
 * goes (or the window closes), like a deleted event. */
static void
mp_events_page_examples_undo_cb (MpEventsPage *self,
                                 AdwToast     *toast)
{
  GArray *ids = g_object_get_data (G_OBJECT (toast), "mp-event-ids");

  for (guint i = 0; i < ids->len; i++)
    g_hash_table_remove (self->pending_deletes, &g_array_index (ids, gint64, i));
  mp_events_page_reload (self);
}

static void
mp_events_page_examples_dismissed_cb (MpEventsPage *self,
                                      AdwToast     *toast)
{
  GArray *ids = g_object_get_data (G_OBJECT (toast), "mp-event-ids");

  for (guint i = 0; i < ids->len; i++)
    mp_events_page_delete_now (self, g_array_index (ids, gint64, i));
}

static void
mp_events_page_remove_examples_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  MpEventsPage *self = MP_EVENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  AdwToast *toast;

  if (self->store == NULL)
    return;

  ids = mp_store_list_example_events (self->store, &error);
  if (ids == NULL)
    {
      mp_events_page_show_error (self, error);
      return;
    }
  if (ids->len == 0)
    return;

  for (guint i = 0; i < ids->len; i++)
    g_hash_table_insert (self->pending_deletes, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)),
                         g_strdup (""));
  mp_events_page_reload (self);

  if (mp_toast_find_overlay (GTK_WIDGET (self)) == NULL)
    {
      for (guint i = 0; i < ids->len; i++)
        mp_events_page_delete_now (self, g_array_index (ids, gint64, i));
      return;
    }

  toast = adw_toast_new_format (g_dngettext (GETTEXT_PACKAGE, "%u example event removed",
                                             "%u example events removed", ids->len),
                                ids->len);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "mp-event-ids", g_array_ref (ids), (GDestroyNotify) g_array_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (mp_events_page_examples_undo_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (mp_events_page_examples_dismissed_cb),
                           self, G_CONNECT_SWAPPED);
  mp_toast_add (GTK_WIDGET (self), toast);
}

static void
mp_events_page_dispose (GObject *object)
{
  MpEventsPage *self = (MpEventsPage *)object;

  g_clear_handle_id (&self->poll_id, g_source_remove);
  /* the leaflet is the bin's child and a template child: the bin lets
   * go of it first, so that it is unparented once */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_EVENTS_PAGE);
  g_clear_object (&self->today);
  g_clear_object (&self->upcoming);
  g_clear_object (&self->past);
  g_clear_object (&self->store);
  g_clear_pointer (&self->pending_deletes, g_hash_table_unref);

  G_OBJECT_CLASS (mp_events_page_parent_class)->dispose (object);
}

static void
mp_events_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MpEventsPage *self = MP_EVENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_events_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MpEventsPage *self = MP_EVENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      mp_events_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_events_page_class_init (MpEventsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_events_page_dispose;
  object_class->get_property = mp_events_page_get_property;
  object_class->set_property = mp_events_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The person chose an event: its id. */
  signals[OPEN_EVENT] =
    g_signal_new ("open-event",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
  /* The person asked for an event's check-in desk: its id. */
  signals[OPEN_DESK] =
    g_signal_new ("open-desk",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
  /* … or its report. */
  signals[OPEN_REPORT] =
    g_signal_new ("open-report",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (MP_TYPE_EVENT_OVERVIEW);

  g_type_ensure (MP_TYPE_HUB_INDICATOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-events-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MpEventsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MpEventsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, MpEventsPage, list_header);
  gtk_widget_class_bind_template_child (widget_class, MpEventsPage, summary);
  gtk_widget_class_bind_template_child (widget_class, MpEventsPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, MpEventsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MpEventsPage, today_group);
  gtk_widget_class_bind_template_child (widget_class, MpEventsPage, upcoming_group);
  gtk_widget_class_bind_template_child (widget_class, MpEventsPage, past_group);
  gtk_widget_class_bind_template_child (widget_class, MpEventsPage, today_list);
  gtk_widget_class_bind_template_child (widget_class, MpEventsPage, upcoming_list);
  gtk_widget_class_bind_template_child (widget_class, MpEventsPage, past_list);
  gtk_widget_class_bind_template_child (widget_class, MpEventsPage, create_button);
  gtk_widget_class_bind_template_callback (widget_class, mp_events_page_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_events_page_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_events_page_folded_cb);

  gtk_widget_class_install_action (widget_class, "events.edit", "x", mp_events_page_edit_action);
  gtk_widget_class_install_action (widget_class, "events.duplicate", "x", mp_events_page_duplicate_action);
  gtk_widget_class_install_action (widget_class, "events.delete", "x", mp_events_page_delete_action);
  gtk_widget_class_install_action (widget_class, "events.add-examples", NULL, mp_events_page_add_examples_action);
  gtk_widget_class_install_action (widget_class, "events.remove-examples", NULL, mp_events_page_remove_examples_action);
  gtk_widget_class_install_action (widget_class, "events.open", "x", mp_events_page_open_action);
  gtk_widget_class_install_action (widget_class, "events.open-desk", "x", mp_events_page_open_desk_action);
  gtk_widget_class_install_action (widget_class, "events.open-report", "x", mp_events_page_open_report_action);
}

/* The data version moves only for other connections' commits: changes
 * made in this window reload at once by themselves. */
static gboolean
mp_events_page_poll_cb (gpointer user_data)
{
  MpEventsPage *self = user_data;
  gint64 version;

  if (self->store == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return G_SOURCE_CONTINUE;

  version = mp_database_get_data_version (mp_store_get_database (self->store));
  if (version != self->data_version)
    {
      self->data_version = version;
      mp_events_page_reload (self);
    }

  return G_SOURCE_CONTINUE;
}

static void
mp_events_page_init (MpEventsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->pending_deletes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->today = g_list_store_new (MP_TYPE_EVENT);
  self->upcoming = g_list_store_new (MP_TYPE_EVENT);
  self->past = g_list_store_new (MP_TYPE_EVENT);

  gtk_list_box_bind_model (self->today_list, G_LIST_MODEL (self->today),
                           mp_events_page_create_row, NULL, NULL);
  gtk_list_box_bind_model (self->upcoming_list, G_LIST_MODEL (self->upcoming),
                           mp_events_page_create_row, NULL, NULL);
  gtk_list_box_bind_model (self->past_list, G_LIST_MODEL (self->past),
                           mp_events_page_create_row, NULL, NULL);
  for (guint i = 0; i < 3; i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect_object (focus, "enter", G_CALLBACK (mp_events_page_focus_enter_cb), self, G_CONNECT_SWAPPED);
      gtk_widget_add_controller (GTK_WIDGET (mp_events_page_list (self, i)), focus);
    }

  self->poll_id = g_timeout_add_seconds (2, mp_events_page_poll_cb, self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.remove-examples", FALSE);
  mp_events_page_folded_cb (self);
}

MpStore *
mp_events_page_get_store (MpEventsPage *self)
{
  g_return_val_if_fail (MP_IS_EVENTS_PAGE (self), NULL);

  return self->store;
}

void
mp_events_page_set_store (MpEventsPage *self,
                          MpStore      *store)
{
  g_return_if_fail (MP_IS_EVENTS_PAGE (self));
  g_return_if_fail (store == NULL || MP_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  if (store != NULL)
    {
      g_autofree char *basename = g_path_get_basename (mp_database_get_path (mp_store_get_database (store)));

      adw_window_title_set_subtitle (self->window_title, basename);
    }

  mp_events_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
mp_events_page_reload (MpEventsPage *self)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) today = NULL;
  g_autoptr(GPtrArray) upcoming = NULL;
  g_autoptr(GDateTime) now_local = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) past = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = mp_time_now ();
  GtkListBox *focus_list = NULL;
  GtkWidget *focus;
  gboolean had_focus = FALSE;
  gboolean any_example = FALSE;
  int focus_index = 0;
  GtkRoot *root;

  g_return_if_fail (MP_IS_EVENTS_PAGE (self));

  if (self->store != NULL)
    self->data_version = mp_database_get_data_version (mp_store_get_database (self->store));

  /* Rows are made anew: keep the keyboard where it was. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    {
      GtkWidget *row = gtk_widget_get_ancestor (focus, MP_TYPE_EVENT_ROW);

      had_focus = TRUE;
      if (row != NULL)
        {
          focus_list = GTK_LIST_BOX (gtk_widget_get_parent (row));
          focus_index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
        }
    }

  today = g_ptr_array_new ();
  upcoming = g_ptr_array_new ();
  past = g_ptr_array_new ();
  self->reloading = TRUE;

  if (self->store != NULL)
    {
      events = mp_store_list_events (self->store, &error);
      if (events == NULL)
        mp_events_page_show_error (self, error);
    }

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      MpEvent *event = g_ptr_array_index (events, i);
      gint64 id = mp_event_get_id (event);
      gint64 ends_at = mp_event_get_ends_at (event);

      if (g_hash_table_contains (self->pending_deletes, &id))
        continue;
      if (mp_event_get_example (event))
        any_example = TRUE;

      /* The store's rule: an event without an end lasts four hours. */
      if (ends_at == 0)
        ends_at = mp_event_get_starts_at (event) + 4 * 3600;

      /* Today's events stay on top all day, over or not: that is where
       * the desk and the organiser look. */
      {
        g_autoptr(GDateTime) starts = g_date_time_new_from_unix_local (mp_event_get_starts_at (event));

        if (g_date_time_get_year (starts) == g_date_time_get_year (now_local)
            && g_date_time_get_day_of_year (starts) == g_date_time_get_day_of_year (now_local))
          g_ptr_array_add (today, event);
        else
          g_ptr_array_add (ends_at < now ? past : upcoming, event);
      }
    }

  g_list_store_splice (self->today, 0, g_list_model_get_n_items (G_LIST_MODEL (self->today)),
                       today->pdata, today->len);
  g_list_store_splice (self->upcoming, 0, g_list_model_get_n_items (G_LIST_MODEL (self->upcoming)),
                       upcoming->pdata, upcoming->len);
  g_list_store_splice (self->past, 0, g_list_model_get_n_items (G_LIST_MODEL (self->past)),
                       past->pdata, past->len);

  gtk_widget_set_visible (GTK_WIDGET (self->today_group), today->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->upcoming_group), upcoming->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->past_group), past->len > 0);
  gtk_stack_set_visible_child_name (self->stack,
                                    today->len + upcoming->len + past->len > 0 ? "list" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.remove-examples", any_example);
  self->has_examples = any_example;
  self->reloading = FALSE;
  mp_events_page_select_again (self);

  if (had_focus)
    {
      GtkListBoxRow *row = NULL;

      if (focus_list != NULL)
        {
          row = gtk_list_box_get_row_at_index (focus_list, focus_index);
          if (row == NULL && focus_index > 0)
            row = gtk_list_box_get_row_at_index (focus_list, focus_index - 1);
        }

      if (row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (row));
      else
        mp_events_page_focus_list (self);
    }
}

void
mp_events_page_focus_list (MpEventsPage *self)
{
  GtkListBoxRow *row;

  g_return_if_fail (MP_IS_EVENTS_PAGE (self));

  row = gtk_list_box_get_row_at_index (self->today_list, 0);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->upcoming_list, 0);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->past_list, 0);

  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  else
    gtk_widget_grab_focus (self->create_button);
}

void
mp_events_page_new_event (MpEventsPage *self)
{
  g_return_if_fail (MP_IS_EVENTS_PAGE (self));

  mp_events_page_open_editor (self, NULL, MP_EVENT_EDITOR_CREATE);
}

void
mp_events_page_commit_pending_deletes (MpEventsPage *self)
{
  g_autoptr(GList) ids = NULL;

  g_return_if_fail (MP_IS_EVENTS_PAGE (self));

  ids = g_hash_table_get_keys (self->pending_deletes);
  for (const GList *l = ids; l != NULL; l = l->next)
    {
      gint64 event_id = *(gint64 *)l->data;

      mp_events_page_delete_now (self, event_id);
    }
}
