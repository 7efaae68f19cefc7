#define G_LOG_DOMAIN "mp-event-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-hub-indicator.h"
#include "mp-desk.h"
#include "mp-event-page-private.h"
#include "mp-event-summary.h"
#include "mp-number.h"
#include "mp-time.h"
#include "mp-toast.h"

/* How often the page looks for changes made elsewhere. */
#define POLL_SECONDS 2

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_EVENT,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MpEventPage, mp_event_page, ADW_TYPE_BIN)

GtkWindow *
_mp_event_page_get_window (MpEventPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* What check-ins made from the list record as their desk (mp-desk.h). */
const char *
_mp_event_page_get_desk_name (MpEventPage *self)
{
  g_autofree char *setting = self->settings != NULL ? g_settings_get_string (self->settings, "desk-name") : NULL;

  g_free (self->desk_name);
  self->desk_name = mp_desk_name_resolve (setting, MP_DESK_KIND_DESK);
  return self->desk_name;
}

static void
mp_event_page_update_selection_bar (MpEventPage *self)
{
  guint n = mp_attendee_view_get_n_selected (self->attendee_view);
  g_autofree char *label = NULL;

  gtk_action_bar_set_revealed (self->selection_bar, n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event-page.check-in",
                                 n > 0 && n <= MP_EVENT_PAGE_MAX_SELECTED_ACTION);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event-page.cancel-registration",
                                 n > 0 && n <= MP_EVENT_PAGE_MAX_SELECTED_ACTION);
  if (n == 0)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "event-page.move-up", FALSE);
      return;
    }

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected", (gulong) n), n);
  gtk_label_set_label (self->selection_label, label);

  /* Move Up is there when someone selected is on the waiting list. */
  {
    g_autoptr(GPtrArray) selected = mp_attendee_view_dup_selected (self->attendee_view,
                                                                   MP_EVENT_PAGE_MAX_SELECTED_ACTION);
    gboolean waiting = FALSE;

    for (guint i = 0; i < selected->len && !waiting; i++)
      waiting = mp_attendee_get_status (g_ptr_array_index (selected, i)) == MP_REGISTRATION_STATUS_WAITLISTED;
    gtk_widget_set_visible (self->move_up_button, waiting);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "event-page.move-up",
                                   waiting && n <= MP_EVENT_PAGE_MAX_SELECTED_ACTION);
  }
}

static void
mp_event_page_update_list_state (MpEventPage *self)
{
  guint total = self->attendees != NULL ? mp_attendee_list_get_n_attendees (self->attendees) : 0;
  guint shown = self->attendees != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->attendees)) : 0;
  g_autofree char *matches = NULL;

  if (total == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-matches");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  gtk_widget_set_visible (self->search_strip, total > 0);
  mp_event_page_update_selection_bar (self);

  if (shown == total)
    {
      g_autofree char *n = mp_number_format (total);

      /* Translators: %s is a number with thousands separators */
      matches = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s person", "%s people", total), n);
    }
  else
    {
      g_autofree char *n_shown = mp_number_format (shown);
      g_autofree char *n_total = mp_number_format (total);

      /* Translators: search and filter matches, "3 of 60 shown" */
      matches = g_strdup_printf (_("%s of %s shown"), n_shown, n_total);
    }
  gtk_label_set_label (self->matches_label, matches);

  if (self->filter != NULL && mp_attendee_filter_get_active (self->filter))
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else if (self->filter != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
}

void
_mp_event_page_update_header (MpEventPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_time = NULL;
  g_autofree char *details = NULL;
  g_autofree char *number = NULL;
  g_autofree char *summary = NULL;
  MpEventCounts counts = { 0 };
  const char *venue;

  if (self->event == NULL)
    return;

  long_time = mp_time_format_long (mp_event_get_starts_at (self->event));
  venue = mp_event_get_venue (self->event);
  if (venue != NULL && venue[0] != '\0')
    details = g_strdup_printf (_("%s · %s · %s"),
                               mp_event_kind_get_label (mp_event_get_kind (self->event)),
                               long_time, venue);
  else
    details = g_strdup_printf (_("%s · %s"),
                               mp_event_kind_get_label (mp_event_get_kind (self->event)),
                               long_time);

  gtk_label_set_label (self->title_label, mp_event_get_title (self->event));
  gtk_label_set_label (self->details_label, details);
  /* (an edit may have renamed it) */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);

  if (!mp_store_get_counts (self->store, mp_event_get_id (self->event), &counts, &error))
    mp_toast_add (GTK_WIDGET (self), adw_toast_new (error->message));
  self->counts = counts;
  mp_event_set_all_counts (self->event, &counts);

  /* "52 of 80 registered · 28 places left · 4 on the waiting list ·
   * 3 cancelled": the same line as the events list, without the
   * arrivals, which have their own big figure once they mean something */
  summary = mp_event_summary_places (&counts, mp_event_get_capacity (self->event));
  gtk_label_set_label (self->summary_label, summary);

  number = mp_number_format (counts.arrived);
  gtk_label_set_label (self->arrived_label, number);
  if (counts.arrived > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->arrived_label), "arrived");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->arrived_label), "arrived");
  gtk_widget_set_visible (self->arrived_box, mp_event_summary_shows_arrived (self->event, mp_time_now ()));
  g_free (number);
  number = mp_number_format (self->n_twice);
  gtk_label_set_label (self->twice_label, number);
  gtk_widget_set_visible (self->twice_box, self->n_twice > 0);
}

/* Tickets admitted at two desks while the hub could not be reached:
 * counted once, each marked in the list (before it is filled). */
static void
mp_event_page_load_admitted_twice (MpEventPage *self,
                                   gint64       event_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) twice = NULL;

  /* (only check-ins from the hub bring them: most databases never look) */
  if (mp_store_may_have_double_admissions (self->store))
    twice = mp_store_list_double_admissions (self->store, event_id, &error);
  if (error != NULL)
    g_debug ("Double admissions: %s", error->message);
  self->n_twice = twice != NULL ? twice->len : 0;
  mp_attendee_view_set_admitted_twice (self->attendee_view, twice);
}

/* After a change made here or elsewhere: the same query, sort and
 * filter, fresh rows and figures; the selection follows the people. */
void
_mp_event_page_refresh (MpEventPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) selected_ids = mp_attendee_view_save_selection (self->attendee_view);

  if (self->event != NULL)
    mp_event_page_load_admitted_twice (self, mp_event_get_id (self->event));
  if (self->attendees != NULL && !mp_attendee_list_reload (self->attendees, &error))
    mp_toast_add_error (GTK_WIDGET (self), error);

  mp_attendee_view_restore_selection (self->attendee_view, selected_ids);
  _mp_event_page_update_header (self);
  mp_event_page_update_list_state (self);
}

/* Search and filter */

static void
mp_event_page_search_changed_cb (MpEventPage    *self,
                                 GtkSearchEntry *entry)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GHashTable) selected_ids = NULL;

  if (self->attendees == NULL)
    return;
  /* GtkSearchEntry also says so when the text was set to what it was
   * (an event opening clears it): not a new search. */
  if (g_strcmp0 (mp_attendee_list_get_query (self->attendees),
                 gtk_editable_get_text (GTK_EDITABLE (entry))) == 0)
    {
      self->key_time = 0;
      return;
    }

  selected_ids = mp_attendee_view_save_selection (self->attendee_view);
  mp_attendee_view_scroll_to_top (self->attendee_view);
  mp_attendee_view_hold_growth (self->attendee_view);
  mp_attendee_list_set_query (self->attendees, gtk_editable_get_text (GTK_EDITABLE (entry)));
  mp_attendee_view_restore_selection (self->attendee_view, selected_ids);
  mp_event_page_update_list_state (self);
  _mp_event_page_timing_searched (self, start);
}

static void
mp_event_page_stop_search_cb (MpEventPage    *self,
                              GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
mp_event_page_apply_filter (MpEventPage *self)
{
  mp_attendee_list_set_filter (self->attendees,
                               mp_attendee_filter_get_sector_id (self->filter),
                               mp_attendee_filter_get_status (self->filter),
                               mp_attendee_filter_get_arrived (self->filter));
}

static void
mp_event_page_filter_changed_cb (MpEventPage *self)
{
  g_autoptr(GHashTable) selected_ids = NULL;

  if (self->attendees == NULL || self->loading)
    return;

  selected_ids = mp_attendee_view_save_selection (self->attendee_view);
  mp_attendee_view_scroll_to_top (self->attendee_view);
  mp_attendee_view_hold_growth (self->attendee_view);
  mp_event_page_apply_filter (self);
  mp_attendee_view_restore_selection (self->attendee_view, selected_ids);
  mp_event_page_update_list_state (self);
}

void
_mp_event_page_clear_search_and_filter (MpEventPage *self)
{
  /* each says "changed" and the list follows at once */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  mp_attendee_filter_reset (self->filter);
}

static void
mp_event_page_activate_cb (MpEventPage    *self,
                           MpAttendee     *attendee,
                           MpAttendeeView *view)
{
  _mp_event_page_edit_attendee (self, attendee);
}

/* Live refresh: another desk or the command line wrote to the file. The
 * data version moves only for other connections' commits; changes made
 * here refresh at once. */
static gboolean
mp_event_page_poll_cb (gpointer user_data)
{
  MpEventPage *self = user_data;
  gint64 version;

  if (self->store == NULL || self->event == NULL)
    return G_SOURCE_CONTINUE;

  version = mp_database_get_data_version (mp_store_get_database (self->store));
  if (version == self->data_version)
    return G_SOURCE_CONTINUE;

  self->data_version = version;
  _mp_event_page_refresh (self);
  return G_SOURCE_CONTINUE;
}

void
mp_event_page_look_for_changes (MpEventPage *self)
{
  g_return_if_fail (MP_IS_EVENT_PAGE (self));

  mp_event_page_poll_cb (self);
}

/* Shown again (back from the desk, say): changes made meanwhile through
 * this window's own connection do not move the data version. */
static void
mp_event_page_map_cb (MpEventPage *self)
{
  if (self->fresh || self->event == NULL)
    {
      self->fresh = FALSE;
      return;
    }

  _mp_event_page_refresh (self);
}

/* GObject */

static void
mp_event_page_dispose (GObject *object)
{
  MpEventPage *self = (MpEventPage *)object;

  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_weak_pointer (&self->import_dialog);
  g_clear_weak_pointer (&self->registration_editor);
  g_clear_weak_pointer (&self->export_dialog);
  g_clear_weak_pointer (&self->mailing_dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_EVENT_PAGE);
  g_clear_object (&self->attendees);
  g_clear_object (&self->event);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->desk_name, g_free);

  G_OBJECT_CLASS (mp_event_page_parent_class)->dispose (object);
}

static void
mp_event_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MpEventPage *self = MP_EVENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;

    case PROP_TITLE:
      g_value_set_string (value, mp_event_page_get_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_event_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MpEventPage *self = MP_EVENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      mp_event_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_SETTINGS:
      if (g_set_object (&self->settings, g_value_get_object (value)))
        {
          /* by family name or first name, kept from one start to the next */
          if (self->settings != NULL)
            g_settings_bind (self->settings, "name-order", self->attendee_view, "name-order",
                             G_SETTINGS_BIND_DEFAULT);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_event_page_class_init (MpEventPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_event_page_dispose;
  object_class->get_property = mp_event_page_get_property;
  object_class->set_property = mp_event_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL, MP_TYPE_EVENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MP_TYPE_ATTENDEE_VIEW);
  g_type_ensure (MP_TYPE_HUB_INDICATOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-event-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, arrived_box);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, arrived_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, twice_box);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, twice_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, search_strip);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, matches_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, attendee_view);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, move_up_button);
  gtk_widget_class_bind_template_callback (widget_class, mp_event_page_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_event_page_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_event_page_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_event_page_update_selection_bar);
  gtk_widget_class_bind_template_callback (widget_class, mp_event_page_update_list_state);

  _mp_event_page_class_actions_init (klass);
}

static void
mp_event_page_init (MpEventPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = mp_attendee_filter_new ();
  gtk_menu_button_set_popover (self->filter_button, GTK_WIDGET (self->filter));
  g_signal_connect_object (self->filter, "changed",
                           G_CALLBACK (mp_event_page_filter_changed_cb),
                           self, G_CONNECT_SWAPPED);

  self->poll_id = g_timeout_add_seconds (POLL_SECONDS, mp_event_page_poll_cb, self);
  g_signal_connect (self, "map", G_CALLBACK (mp_event_page_map_cb), NULL);

  /* Keystrokes are searches: one index lookup each, no need to wait. */
  gtk_search_entry_set_search_delay (self->search_entry, 0);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  g_signal_connect_object (self->search_entry, "changed",
                           G_CALLBACK (_mp_event_page_timing_edited),
                           self, G_CONNECT_SWAPPED);
}

MpStore *
mp_event_page_get_store (MpEventPage *self)
{
  g_return_val_if_fail (MP_IS_EVENT_PAGE (self), NULL);

  return self->store;
}

void
mp_event_page_set_store (MpEventPage *self,
                         MpStore     *store)
{
  g_return_if_fail (MP_IS_EVENT_PAGE (self));
  g_return_if_fail (store == NULL || MP_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  mp_attendee_view_clear (self->attendee_view);
  g_clear_object (&self->attendees);
  if (self->event != NULL)
    {
      g_clear_object (&self->event);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
mp_event_page_load (MpEventPage  *self,
                    gint64        event_id,
                    GError      **error)
{
  g_autoptr(MpEvent) event = NULL;
  g_autoptr(MpAttendeeList) attendees = NULL;
  gboolean same_event;

  g_return_val_if_fail (MP_IS_EVENT_PAGE (self), FALSE);
  g_return_val_if_fail (MP_IS_STORE (self->store), FALSE);

  event = mp_store_get_event (self->store, event_id, error);
  if (event == NULL)
    return FALSE;

  attendees = mp_attendee_list_new (self->store, event_id, error);
  if (attendees == NULL)
    return FALSE;

  self->loading = TRUE;
  same_event = self->event != NULL && mp_event_get_id (self->event) == event_id;
  if (same_event)
    mp_attendee_list_set_query (attendees, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  else
    {
      g_autoptr(GPtrArray) sectors = mp_store_list_sectors (self->store, NULL);

      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      mp_attendee_filter_set_sectors (self->filter, sectors);
      mp_attendee_filter_reset (self->filter);
    }

  g_set_object (&self->event, event);
  g_set_object (&self->attendees, attendees);
  self->data_version = mp_database_get_data_version (mp_store_get_database (self->store));
  self->fresh = gtk_widget_get_mapped (GTK_WIDGET (self)) ? FALSE : TRUE;
  /* the filter, as it is now; the view sorts as its headers say */
  mp_event_page_apply_filter (self);
  mp_event_page_load_admitted_twice (self, event_id);
  mp_attendee_view_set_attendees (self->attendee_view, attendees, !same_event);
  self->loading = FALSE;

  _mp_event_page_update_header (self);
  mp_event_page_update_list_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
  return TRUE;
}

MpEvent *
mp_event_page_get_event (MpEventPage *self)
{
  g_return_val_if_fail (MP_IS_EVENT_PAGE (self), NULL);

  return self->event;
}

gint64
mp_event_page_get_event_id (MpEventPage *self)
{
  g_return_val_if_fail (MP_IS_EVENT_PAGE (self), 0);

  return self->event != NULL ? mp_event_get_id (self->event) : 0;
}

const char *
mp_event_page_get_title (MpEventPage *self)
{
  g_return_val_if_fail (MP_IS_EVENT_PAGE (self), NULL);

  return self->event != NULL ? mp_event_get_title (self->event) : NULL;
}

MpAttendeeList *
mp_event_page_get_attendees (MpEventPage *self)
{
  g_return_val_if_fail (MP_IS_EVENT_PAGE (self), NULL);

  return self->attendees;
}

void
mp_event_page_focus_search (MpEventPage *self)
{
  g_return_if_fail (MP_IS_EVENT_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  /* What is typed next replaces the last search. */
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}
