#define G_LOG_DOMAIN "mp-desk-search"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mp-desk-search.h"
#include "mp-ticket.h"
#include "mp-time.h"

#define MAX_RESULTS 8

struct _MpDeskSearch
{
  GtkWidget       parent_instance;

  MpStore        *store;
  gint64          event_id;
  GPtrArray      *results;      /* MpAttendee, what the list shows */

  /* Template widgets */
  GtkWidget      *box;
  GtkSearchEntry *search_entry;
  GtkListBox     *results_list;
};

G_DEFINE_FINAL_TYPE (MpDeskSearch, mp_desk_search, GTK_TYPE_WIDGET)

enum {
  PICKED,
  CODE_TYPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
mp_desk_search_create_row (MpAttendee *attendee)
{
  GtkWidget *row = adw_action_row_new ();
  const char *organisation = mp_attendee_get_organisation (attendee);
  MpRegistrationStatus status = mp_attendee_get_status (attendee);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mp_attendee_get_name (attendee));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), organisation);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  if (mp_attendee_get_arrived (attendee))
    {
      g_autofree char *clock = mp_time_format_clock (mp_attendee_get_checked_in_at (attendee));
      GtkWidget *label = gtk_label_new (clock);

      gtk_widget_add_css_class (label, "success");
      gtk_widget_add_css_class (label, "arrived-time");
      /* Translators: tooltip of an arrival time in the desk's search */
      gtk_widget_set_tooltip_text (label, _("Already checked in"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else if (status != MP_REGISTRATION_STATUS_REGISTERED)
    {
      GtkWidget *label = gtk_label_new (mp_registration_status_get_label (status));

      gtk_widget_add_css_class (label, "warning");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  return row;
}

void
mp_desk_search_refresh (MpDeskSearch *self)
{
  const char *query;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  int selected = -1;
  GtkListBoxRow *row;

  g_return_if_fail (MP_IS_DESK_SEARCH (self));

  query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  row = gtk_list_box_get_selected_row (self->results_list);
  if (row != NULL)
    selected = gtk_list_box_row_get_index (row);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
  g_clear_pointer (&self->results, g_ptr_array_unref);

  gtk_widget_set_visible (GTK_WIDGET (self->results_list), query[0] != '\0');
  if (self->store == NULL || self->event_id == 0 || query[0] == '\0')
    return;

  /* A ticket's code typed from the text under its symbol */
  {
    g_autofree char *token = mp_ticket_parse (query, -1);

    if (token != NULL)
      {
        GtkWidget *hint = gtk_label_new (_("A ticket’s code: press Enter to check it in."));

        gtk_widget_set_margin_top (hint, 12);
        gtk_widget_set_margin_bottom (hint, 12);
        gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
        gtk_list_box_append (self->results_list, hint);
        gtk_list_box_row_set_activatable (gtk_list_box_get_row_at_index (self->results_list, 0), FALSE);
        return;
      }
  }

  self->results = mp_store_search (self->store, self->event_id, query, MAX_RESULTS, &error);
  if (self->results == NULL)
    {
      g_debug ("Search: %s", error->message);
      return;
    }

  for (guint i = 0; i < self->results->len; i++)
    gtk_list_box_append (self->results_list, mp_desk_search_create_row (g_ptr_array_index (self->results, i)));

  if (self->results->len == 0)
    {
      GtkWidget *empty = gtk_label_new (_("Nobody by that name. Register a walk-in?"));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_widget_set_margin_top (empty, 12);
      gtk_widget_set_margin_bottom (empty, 12);
      gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
      gtk_list_box_append (self->results_list, empty);
      gtk_list_box_row_set_activatable (gtk_list_box_get_row_at_index (self->results_list, 0), FALSE);
      gtk_list_box_row_set_selectable (gtk_list_box_get_row_at_index (self->results_list, 0), FALSE);
      return;
    }

  selected = CLAMP (selected, 0, (int) self->results->len - 1);
  gtk_list_box_select_row (self->results_list, gtk_list_box_get_row_at_index (self->results_list, selected));
}

static void
mp_desk_search_changed_cb (MpDeskSearch *self)
{
  /* A new query starts at its best match. */
  gtk_list_box_unselect_all (self->results_list);
  mp_desk_search_refresh (self);
}

MpAttendee *
mp_desk_search_get_selected (MpDeskSearch *self)
{
  GtkListBoxRow *row;
  int index;

  g_return_val_if_fail (MP_IS_DESK_SEARCH (self), NULL);

  row = gtk_list_box_get_selected_row (self->results_list);
  index = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  if (self->results == NULL || index < 0 || (guint) index >= self->results->len)
    return NULL;
  return g_ptr_array_index (self->results, index);
}

static void
mp_desk_search_pick_selected (MpDeskSearch *self)
{
  g_autoptr(MpAttendee) attendee = NULL;
  g_autofree char *token = mp_ticket_parse (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);

  if (token != NULL)
    {
      g_autofree char *typed = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

      g_signal_emit (self, signals[CODE_TYPED], 0, typed);
      return;
    }

  if (mp_desk_search_get_selected (self) == NULL)
    return;

  attendee = g_object_ref (mp_desk_search_get_selected (self));
  g_signal_emit (self, signals[PICKED], 0, attendee);
}

static void
mp_desk_search_row_activated_cb (MpDeskSearch  *self,
                                 GtkListBoxRow *row)
{
  gtk_list_box_select_row (self->results_list, row);
  mp_desk_search_pick_selected (self);
}

void
mp_desk_search_clear (MpDeskSearch *self)
{
  g_return_if_fail (MP_IS_DESK_SEARCH (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Up and Down pick in the results while typing in the search entry. */
static gboolean
mp_desk_search_key_cb (MpDeskSearch          *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  GtkListBoxRow *row;
  int index, n;

  if (keyval != GDK_KEY_Up && keyval != GDK_KEY_Down
      && keyval != GDK_KEY_KP_Up && keyval != GDK_KEY_KP_Down)
    return FALSE;
  if (self->results == NULL || self->results->len == 0)
    return TRUE;

  n = self->results->len;
  row = gtk_list_box_get_selected_row (self->results_list);
  index = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    index = MAX (index - 1, 0);
  else
    index = MIN (index + 1, n - 1);
  gtk_list_box_select_row (self->results_list, gtk_list_box_get_row_at_index (self->results_list, index));
  return TRUE;
}

static void
mp_desk_search_dispose (GObject *object)
{
  MpDeskSearch *self = (MpDeskSearch *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_DESK_SEARCH);
  g_clear_object (&self->store);
  g_clear_pointer (&self->results, g_ptr_array_unref);

  G_OBJECT_CLASS (mp_desk_search_parent_class)->dispose (object);
}

static void
mp_desk_search_class_init (MpDeskSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_desk_search_dispose;

  signals[PICKED] =
    g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MP_TYPE_ATTENDEE);
  /* A person typed a ticket's code (the text under its symbol) and
   * pressed Enter: the text, to check in as if it was scanned. */
  signals[CODE_TYPED] =
    g_signal_new ("code-typed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-desk-search.ui");
  gtk_widget_class_bind_template_child (widget_class, MpDeskSearch, box);
  gtk_widget_class_bind_template_child (widget_class, MpDeskSearch, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MpDeskSearch, results_list);
  gtk_widget_class_bind_template_callback (widget_class, mp_desk_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_desk_search_pick_selected);
  gtk_widget_class_bind_template_callback (widget_class, mp_desk_search_clear);
  gtk_widget_class_bind_template_callback (widget_class, mp_desk_search_row_activated_cb);
}

static void
mp_desk_search_init (MpDeskSearch *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed",
                           G_CALLBACK (mp_desk_search_key_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);
}

void
mp_desk_search_set_event (MpDeskSearch *self,
                          MpStore      *store,
                          gint64        event_id)
{
  g_return_if_fail (MP_IS_DESK_SEARCH (self));
  g_return_if_fail (store == NULL || MP_IS_STORE (store));

  g_set_object (&self->store, store);
  self->event_id = event_id;
  mp_desk_search_refresh (self);
}

void
mp_desk_search_focus (MpDeskSearch *self)
{
  g_return_if_fail (MP_IS_DESK_SEARCH (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

gboolean
mp_desk_search_has_focus (MpDeskSearch *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_val_if_fail (MP_IS_DESK_SEARCH (self), FALSE);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_entry));
}

GtkEditable *
mp_desk_search_get_editable (MpDeskSearch *self)
{
  g_return_val_if_fail (MP_IS_DESK_SEARCH (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

const char *
mp_desk_search_get_text (MpDeskSearch *self)
{
  g_return_val_if_fail (MP_IS_DESK_SEARCH (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

GPtrArray *
mp_desk_search_get_results (MpDeskSearch *self)
{
  g_return_val_if_fail (MP_IS_DESK_SEARCH (self), NULL);

  return self->results;
}
