#define G_LOG_DOMAIN "mp-event-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-a11y.h"
#include "mp-attendee-filter.h"
#include "mp-after-frame.h"
#include "mp-attendee-rows.h"
#include "mp-event-editor.h"
#include "mp-ticket-export.h"
#include "mp-frame-timing.h"
#include "mp-import-dialog.h"
#include "mp-number.h"
#include "mp-registration-edit.h"
#include "mp-event-page.h"
#include "mp-registration-editor.h"
#include "mp-application.h"
#include "mp-time.h"
#include "mp-window.h"

struct _MpEventPage
{
  AdwBin                parent_instance;

  MpStore              *store;
  MpEvent              *event;
  MpAttendeeList       *attendees;
  MpAttendeeRows       *rows;        /* what the column view shows */
  guint                 rows_tick;   /* lifts the first frame's limit */
  gboolean              loading;     /* in mp_event_page_load () */
  gboolean              growth_held; /* until the next frame is painted */
  GtkMultiSelection    *selection;
  char                 *desk_name;

  /* Template widgets */
  GtkLabel             *title_label;
  GtkLabel             *details_label;
  GtkLabel             *registered_label;
  GtkLabel             *arrived_label;
  GtkWidget            *waitlisted_box;
  GtkLabel             *waitlisted_label;
  GtkWidget            *search_strip;
  GtkSearchEntry       *search_entry;
  GtkLabel             *matches_label;
  GtkMenuButton        *filter_button;
  MpAttendeeFilter     *filter;
  guint                 poll_id;
  gint64                data_version;
  MpImportDialog       *import_dialog;        /* weak */
  MpRegistrationEditor *registration_editor;  /* weak */
  gboolean              fresh;     /* loaded since last shown: no refresh on map */
  gint64                key_time;  /* of the last edit of the search, for MP_DEBUG_TIMING */
  GtkStack             *list_stack;
  GtkScrolledWindow    *scrolled_window;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *name_column;
  GtkColumnViewColumn  *organisation_column;
  GtkColumnViewColumn  *sector_column;
  GtkColumnViewColumn  *status_column;
  GtkColumnViewColumn  *arrived_column;
  GtkActionBar         *selection_bar;
  GtkLabel             *selection_label;
};

/* Acting on more people at once by hand is a job for an import. */
#define MAX_SELECTED_ACTION 100

typedef enum
{
  COLUMN_NAME,
  COLUMN_ORGANISATION,
  COLUMN_SECTOR,
  COLUMN_STATUS,
  COLUMN_ARRIVED,
} Column;

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MpEventPage, mp_event_page, ADW_TYPE_BIN)

static void mp_event_page_update_header     (MpEventPage *self);
static void mp_event_page_update_list_state (MpEventPage *self);

/* Rows shown when an event opens, until its first frame is on the
 * screen: more than a tall window shows. */
#define FIRST_ROWS 48

/* Cells: GtkInscription, not GtkLabel. An inscription's size comes from
 * the number of characters it is asked to make room for, not from its
 * text, so when a search, sort or filter gives every kept row another
 * attendee (see mp-attendee-rows.h) the rows are only redrawn: nothing
 * is measured or laid out again, and the columns keep their widths. */

static GtkWidget *
cell_text_new (guint nat_chars)
{
  GtkWidget *text = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (text), 0);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (text), 4);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (text), nat_chars);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (text), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  return text;
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  guint nat_chars;
  GtkWidget *text;

  switch ((Column) GPOINTER_TO_INT (user_data))
    {
    case COLUMN_NAME: nat_chars = 24; break;
    case COLUMN_ORGANISATION: nat_chars = 28; break;
    case COLUMN_SECTOR: nat_chars = 22; break;
    case COLUMN_STATUS:
    case COLUMN_ARRIVED:
    default: nat_chars = 10; break;
    }
  text = cell_text_new (nat_chars);
  /* for tests/ui/test-attendee-cells.c: which cell shows what */
  g_object_set_data (G_OBJECT (text), "mp-list-item", list_item);
  g_object_set_data (G_OBJECT (text), "mp-column", user_data);
  gtk_list_item_set_child (list_item, text);
}

/* The arrival's desk as a tooltip, looked up when the pointer asks:
 * setting a tooltip on each cell as it is filled costs a round trip to
 * the display server per cell. */
static gboolean
arrived_query_tooltip_cb (GtkWidget   *box,
                          int          x,
                          int          y,
                          gboolean     keyboard_mode,
                          GtkTooltip  *tooltip,
                          GtkListItem *list_item)
{
  gpointer row = gtk_list_item_get_item (list_item);
  MpAttendee *attendee;
  const char *desk;
  g_autofree char *text = NULL;

  if (row == NULL)
    return FALSE;
  attendee = mp_attendee_row_get_attendee (row);
  desk = mp_attendee_get_checkin_desk (attendee);
  if (!mp_attendee_get_arrived (attendee) || desk == NULL || desk[0] == '\0')
    return FALSE;

  /* Translators: tooltip of an arrival time: "At desk Inngang 2" */
  text = g_strdup_printf (_("At desk %s"), desk);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_arrived_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");
  GtkWidget *text = cell_text_new (5);

  gtk_widget_add_css_class (icon, "success");
  gtk_widget_add_css_class (text, "arrived-time");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_has_tooltip (box, TRUE);
  g_signal_connect (box, "query-tooltip", G_CALLBACK (arrived_query_tooltip_cb), list_item);
  gtk_list_item_set_child (list_item, box);
}

static void
fill_label (GtkListItem *list_item,
            gpointer     user_data)
{
  MpAttendee *attendee = mp_attendee_row_get_attendee (gtk_list_item_get_item (list_item));
  GtkInscription *label = GTK_INSCRIPTION (gtk_list_item_get_child (list_item));
  MpRegistrationStatus status = mp_attendee_get_status (attendee);
  const char *text = NULL;

  switch ((Column) GPOINTER_TO_INT (user_data))
    {
    case COLUMN_NAME:
      text = mp_attendee_get_name (attendee);
      mp_a11y_name_list_row (GTK_WIDGET (label), text);
      break;

    case COLUMN_ORGANISATION:
      text = mp_attendee_get_organisation (attendee);
      break;

    case COLUMN_SECTOR:
      text = mp_attendee_get_sector (attendee);
      break;

    case COLUMN_STATUS:
      text = mp_registration_status_get_label (status);
      break;

    case COLUMN_ARRIVED:
    default:
      g_assert_not_reached ();
    }

  gtk_inscription_set_text (label, text);
  if (status == MP_REGISTRATION_STATUS_CANCELLED)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");

  /* In the status column only the exceptions catch the eye. */
  if (GPOINTER_TO_INT (user_data) == COLUMN_STATUS)
    {
      if (status == MP_REGISTRATION_STATUS_REGISTERED)
        gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
      if (status == MP_REGISTRATION_STATUS_WAITLISTED)
        gtk_widget_add_css_class (GTK_WIDGET (label), "warning");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
    }
}

static void
fill_arrived (GtkListItem *list_item)
{
  MpAttendee *attendee = mp_attendee_row_get_attendee (gtk_list_item_get_item (list_item));
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *label = gtk_widget_get_last_child (box);

  /* Hidden by opacity, not visibility: showing and hiding would make the
   * view measure the row again. */
  if (mp_attendee_get_arrived (attendee))
    {
      g_autofree char *clock = mp_time_format_clock (mp_attendee_get_checked_in_at (attendee));

      gtk_inscription_set_text (GTK_INSCRIPTION (label), clock);
      gtk_widget_set_opacity (box, 1.0);
    }
  else
    {
      gtk_inscription_set_text (GTK_INSCRIPTION (label), NULL);
      gtk_widget_set_opacity (box, 0.0);
    }
  /* (and for a screen reader, the check mark of an arrival only) */
  gtk_accessible_update_state (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_STATE_HIDDEN,
                               !mp_attendee_get_arrived (attendee), -1);
}

static void
fill_cell (GtkListItem *list_item)
{
  Column kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (list_item), "mp-column"));

  if (kind == COLUMN_ARRIVED)
    fill_arrived (list_item);
  else
    fill_label (list_item, GINT_TO_POINTER (kind));
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  g_object_set_data (G_OBJECT (list_item), "mp-column", user_data);
  fill_cell (list_item);
  g_signal_connect_swapped (gtk_list_item_get_item (list_item), "notify::attendee",
                            G_CALLBACK (fill_cell), list_item);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  gpointer row = gtk_list_item_get_item (list_item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, fill_cell, list_item);
}

static void
mp_event_page_set_column_factory (GtkColumnViewColumn *column,
                                  Column               kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  if (kind == COLUMN_ARRIVED)
    {
      g_signal_connect (factory, "setup", G_CALLBACK (setup_arrived_cb), NULL);
    }
  else
    {
      g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (kind));
    }
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), GINT_TO_POINTER (kind));

  gtk_column_view_column_set_factory (column, factory);
}

static void
mp_event_page_toast (MpEventPage *self,
                     AdwToast    *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (MP_IS_WINDOW (root))
    mp_window_add_toast (MP_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
mp_event_page_show_error (MpEventPage  *self,
                          const GError *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  mp_event_page_toast (self, toast);
}

static void
mp_event_page_update_selection_bar (MpEventPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint64 n = gtk_bitset_get_size (selected);
  g_autofree char *label = NULL;

  gtk_action_bar_set_revealed (self->selection_bar, n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event-page.check-in",
                                 n > 0 && n <= MAX_SELECTED_ACTION);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event-page.cancel-registration",
                                 n > 0 && n <= MAX_SELECTED_ACTION);
  if (n == 0)
    return;

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected", (gulong) n), (guint) n);
  gtk_label_set_label (self->selection_label, label);
}

/* The selected attendees, at most MAX_SELECTED_ACTION of them. */
static GPtrArray *
mp_event_page_dup_selected (MpEventPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GPtrArray *attendees = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  if (gtk_bitset_iter_init_first (&iter, selected, &position))
    do
      g_ptr_array_add (attendees, g_list_model_get_item (G_LIST_MODEL (self->attendees), position));
    while (attendees->len < MAX_SELECTED_ACTION && gtk_bitset_iter_next (&iter, &position));

  return attendees;
}

static const char *
mp_event_page_get_desk_name (MpEventPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  GSettings *settings = MP_IS_APPLICATION (app) ? mp_application_get_settings (MP_APPLICATION (app)) : NULL;

  g_clear_pointer (&self->desk_name, g_free);
  if (settings != NULL)
    self->desk_name = g_settings_get_string (settings, "desk-name");
  if (self->desk_name == NULL || self->desk_name[0] == '\0')
    return g_get_host_name ();

  return self->desk_name;
}

/* The registrations selected now, to select them again after the list
 * changed: the view's rows stand for positions, not people. */
static GHashTable *
mp_event_page_save_selection (MpEventPage *self)
{
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  if (self->attendees == NULL)
    return ids;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_iter_init_first (&iter, selected, &position))
    do
      {
        gint64 id = mp_attendee_list_get_registration_id (self->attendees, position);

        g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
      }
    while (gtk_bitset_iter_next (&iter, &position));

  return ids;
}

static void
mp_event_page_restore_selection (MpEventPage *self,
                                 GHashTable  *ids)
{
  g_autoptr(GtkBitset) now = NULL;
  g_autoptr(GtkBitset) mask = NULL;
  guint n;

  if (self->attendees == NULL || g_hash_table_size (ids) == 0)
    return;

  now = gtk_bitset_new_empty ();
  n = g_list_model_get_n_items (G_LIST_MODEL (self->attendees));
  for (guint i = 0; i < n; i++)
    {
      gint64 id = mp_attendee_list_get_registration_id (self->attendees, i);

      if (g_hash_table_contains (ids, &id))
        gtk_bitset_add (now, i);
    }
  mask = gtk_bitset_new_range (0, MAX (n, 1));
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), now, mask);
}

/* After a change made here or elsewhere: the same query, sort and
 * filter, fresh rows and figures; the selection follows the people. */
static void
mp_event_page_refresh (MpEventPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) selected_ids = mp_event_page_save_selection (self);

  if (self->attendees != NULL && !mp_attendee_list_reload (self->attendees, &error))
    mp_event_page_show_error (self, error);

  mp_event_page_restore_selection (self, selected_ids);
  mp_event_page_update_header (self);
  mp_event_page_update_list_state (self);
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

static void
mp_event_page_update_header (MpEventPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_time = NULL;
  g_autofree char *details = NULL;
  g_autofree char *number = NULL;
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

  if (!mp_store_get_counts (self->store, mp_event_get_id (self->event), &counts, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (MP_IS_WINDOW (root))
        mp_window_add_toast (MP_WINDOW (root), adw_toast_new (error->message));
    }

  number = mp_number_format (counts.registered);
  gtk_label_set_label (self->registered_label, number);
  g_free (number);
  number = mp_number_format (counts.arrived);
  gtk_label_set_label (self->arrived_label, number);
  if (counts.arrived > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->arrived_label), "arrived");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->arrived_label), "arrived");
  g_free (number);
  number = mp_number_format (counts.waitlisted);
  gtk_label_set_label (self->waitlisted_label, number);
  gtk_widget_set_visible (self->waitlisted_box, counts.waitlisted > 0);
}

/* Which rows are on screen, for MpAttendeeRows: those get their new
 * attendee before the next frame when the list changes. The list's rows
 * are all of one height, so the adjustment tells. */
static void
mp_event_page_update_visible_rows (MpEventPage *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  double upper = gtk_adjustment_get_upper (adjustment);
  guint n_items;
  double row_height;

  if (self->rows == NULL)
    return;
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  if (n_items == 0 || upper <= 0)
    return;

  row_height = MAX (upper / n_items, 1.0);
  mp_attendee_rows_set_visible (self->rows,
                                (guint) (gtk_adjustment_get_value (adjustment) / row_height),
                                (guint) (gtk_adjustment_get_page_size (adjustment) / row_height) + 1);
}

/* Before the list changes: a new search, sort or filter starts at the top. */
static void
mp_event_page_scroll_to_top (MpEventPage *self)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  mp_event_page_update_visible_rows (self);
}

static void
mp_event_page_release_growth (GtkWidget *column_view,
                              gpointer   user_data)
{
  MpEventPage *self = MP_EVENT_PAGE (gtk_widget_get_ancestor (column_view, MP_TYPE_EVENT_PAGE));

  self->growth_held = FALSE;
  if (self->rows != NULL && self->rows_tick == 0)
    mp_attendee_rows_set_limit (self->rows, G_MAXUINT);
}

/* Before a search or filter changes the list: if it grows (a search
 * cleared or shortened), it grows by the rows in sight before the frame
 * that answers the key and by the rest of what the view keeps just
 * after it, so that frame need not wait for up to 200 new rows of
 * widgets. */
static void
mp_event_page_hold_growth (MpEventPage *self)
{
  if (self->rows == NULL || self->growth_held)
    return;
  mp_attendee_rows_set_limit (self->rows, MAX (g_list_model_get_n_items (G_LIST_MODEL (self->rows)), FIRST_ROWS));
  self->growth_held = TRUE;
  mp_after_next_paint (GTK_WIDGET (self->column_view), mp_event_page_release_growth, NULL);
}

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

  selected_ids = mp_event_page_save_selection (self);
  mp_event_page_scroll_to_top (self);
  mp_event_page_hold_growth (self);
  mp_attendee_list_set_query (self->attendees, gtk_editable_get_text (GTK_EDITABLE (entry)));
  mp_event_page_restore_selection (self, selected_ids);
  mp_event_page_update_list_state (self);
  mp_frame_timing_log (GTK_WIDGET (self->column_view), "search",
                       self->key_time != 0 ? self->key_time : start,
                       (g_get_monotonic_time () - start) / 1000.0);
  self->key_time = 0;
}

static void
mp_event_page_search_edited_cb (MpEventPage *self)
{
  if (mp_frame_timing_enabled ())
    self->key_time = g_get_monotonic_time ();
}

static void
mp_event_page_stop_search_cb (MpEventPage    *self,
                              GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
mp_event_page_editor_saved_cb (MpEventPage   *self,
                               MpEvent       *event,
                               MpEventEditor *editor)
{
  g_set_object (&self->event, event);
  mp_event_page_update_header (self);
}

static void
mp_event_page_edit_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  MpEventPage *self = MP_EVENT_PAGE (widget);
  MpEventEditor *editor;
  GtkRoot *root;

  if (self->event == NULL)
    return;

  editor = mp_event_editor_new (self->store, self->event, MP_EVENT_EDITOR_EDIT);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "saved",
                           G_CALLBACK (mp_event_page_editor_saved_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
mp_event_page_reload_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  MpEventPage *self = MP_EVENT_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->event == NULL)
    return;

  if (!mp_event_page_load (self, mp_event_get_id (self->event), &error))
    {
      GtkRoot *root = gtk_widget_get_root (widget);

      if (MP_IS_WINDOW (root))
        mp_window_add_toast (MP_WINDOW (root), adw_toast_new (error->message));
    }
}

static void
mp_event_page_attendee_added_cb (MpEventPage          *self,
                                 MpAttendee           *attendee,
                                 MpRegistrationEditor *editor)
{
  /* Translators: %s is a person's name */
  mp_event_page_toast (self, adw_toast_new_format (_("%s added"), mp_attendee_get_name (attendee)));
  mp_event_page_refresh (self);
}

static void
mp_event_page_add_attendee_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  MpEventPage *self = MP_EVENT_PAGE (widget);
  MpRegistrationEditor *editor;
  GtkRoot *root;

  if (self->event == NULL)
    return;

  editor = mp_registration_editor_new (self->store, mp_event_get_id (self->event));
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "added",
                           G_CALLBACK (mp_event_page_attendee_added_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
mp_event_page_undo_check_in_cb (MpEventPage *self,
                                AdwToast    *toast)
{
  gint64 *checkin_id = g_object_get_data (G_OBJECT (toast), "mp-checkin-id");
  g_autoptr(GError) error = NULL;

  if (!mp_store_undo_check_in (self->store, *checkin_id, mp_event_page_get_desk_name (self), &error))
    mp_event_page_show_error (self, error);
  mp_event_page_refresh (self);
}

static void
mp_event_page_check_in_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  MpEventPage *self = MP_EVENT_PAGE (widget);
  g_autoptr(GPtrArray) attendees = mp_event_page_dup_selected (self);
  g_autoptr(MpCheckInResult) last = NULL;
  g_autoptr(GError) error = NULL;
  guint n_checked_in = 0;
  AdwToast *toast;

  for (guint i = 0; i < attendees->len; i++)
    {
      MpAttendee *attendee = g_ptr_array_index (attendees, i);
      MpCheckInResult *result;

      result = mp_store_check_in_registration (self->store, mp_event_get_id (self->event),
                                               mp_attendee_get_registration_id (attendee),
                                               mp_event_page_get_desk_name (self), &error);
      if (result == NULL)
        break;
      if (mp_check_in_result_get_outcome (result) == MP_CHECK_IN_CHECKED_IN)
        n_checked_in++;
      g_clear_object (&last);
      last = result;
    }

  mp_event_page_refresh (self);

  if (error != NULL)
    {
      mp_event_page_show_error (self, error);
      return;
    }

  if (attendees->len == 1 && last != NULL)
    {
      g_autofree char *message = mp_check_in_result_dup_message (last);

      toast = adw_toast_new (message);
      if (mp_check_in_result_get_outcome (last) == MP_CHECK_IN_CHECKED_IN)
        {
          gint64 checkin_id = mp_check_in_result_get_checkin_id (last);

          adw_toast_set_button_label (toast, _("_Undo"));
          g_object_set_data_full (G_OBJECT (toast), "mp-checkin-id",
                                  g_memdup2 (&checkin_id, sizeof checkin_id), g_free);
          g_signal_connect_object (toast, "button-clicked",
                                   G_CALLBACK (mp_event_page_undo_check_in_cb),
                                   self, G_CONNECT_SWAPPED);
        }
    }
  else
    toast = adw_toast_new_format (g_dngettext (GETTEXT_PACKAGE, "%u person checked in", "%u people checked in", n_checked_in),
                                  n_checked_in);

  mp_event_page_toast (self, toast);
}

typedef struct
{
  gint64               registration_id;
  MpRegistrationStatus status;
} PreviousStatus;

static void
mp_event_page_undo_cancel_cb (MpEventPage *self,
                              AdwToast    *toast)
{
  GArray *previous = g_object_get_data (G_OBJECT (toast), "mp-previous");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < previous->len && error == NULL; i++)
    {
      PreviousStatus *p = &g_array_index (previous, PreviousStatus, i);

      mp_store_set_status (self->store, p->registration_id, p->status, &error);
    }
  if (error != NULL)
    mp_event_page_show_error (self, error);
  mp_event_page_refresh (self);
}

static void
mp_event_page_cancel_attendees (MpEventPage *self,
                                GPtrArray   *attendees)
{
  g_autoptr(GArray) previous = g_array_new (FALSE, FALSE, sizeof (PreviousStatus));
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  for (guint i = 0; i < attendees->len; i++)
    {
      MpAttendee *attendee = g_ptr_array_index (attendees, i);
      PreviousStatus p = { mp_attendee_get_registration_id (attendee), mp_attendee_get_status (attendee) };

      if (p.status == MP_REGISTRATION_STATUS_CANCELLED)
        continue;
      if (!mp_store_set_status (self->store, p.registration_id, MP_REGISTRATION_STATUS_CANCELLED, &error))
        break;
      g_array_append_val (previous, p);
    }

  mp_event_page_refresh (self);

  if (error != NULL)
    mp_event_page_show_error (self, error);
  if (previous->len == 0)
    return;

  if (attendees->len == 1)
    /* Translators: %s is a person's name */
    toast = adw_toast_new_format (_("The registration of %s is cancelled"),
                                  mp_attendee_get_name (g_ptr_array_index (attendees, 0)));
  else
    toast = adw_toast_new_format (g_dngettext (GETTEXT_PACKAGE, "%u registration cancelled", "%u registrations cancelled", previous->len),
                                  previous->len);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "mp-previous",
                          g_steal_pointer (&previous), (GDestroyNotify) g_array_unref);
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (mp_event_page_undo_cancel_cb),
                           self, G_CONNECT_SWAPPED);
  mp_event_page_toast (self, toast);
}

static void
mp_event_page_cancel_registration_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  MpEventPage *self = MP_EVENT_PAGE (widget);
  g_autoptr(GPtrArray) attendees = mp_event_page_dup_selected (self);

  mp_event_page_cancel_attendees (self, attendees);
}

static void
mp_event_page_cancel_one_cb (MpEventPage          *self,
                             MpAttendee           *attendee,
                             MpRegistrationEditor *editor)
{
  g_autoptr(GPtrArray) attendees = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (attendees, g_object_ref (attendee));
  mp_event_page_cancel_attendees (self, attendees);
}

/* Sorting: the column headers choose, the core list sorts. The column
 * view's own sorter is never applied to a model (a GtkSortListModel would
 * read every attendee); each column has a sorter that only tells which
 * column it is, and asking the view's sorter to compare reveals the
 * primary column and its direction (GTK 4.8 has no API for it). */

static Column primary_sort_column = COLUMN_NAME;

static int
column_marker_compare (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  primary_sort_column = (Column) GPOINTER_TO_INT (user_data);
  return GTK_ORDERING_SMALLER;
}

static void
mp_event_page_set_column_sorter (GtkColumnViewColumn *column,
                                 Column               kind)
{
  g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (column_marker_compare, GINT_TO_POINTER (kind), NULL);

  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
}

static void
mp_event_page_sort_changed_cb (MpEventPage *self)
{
  static const MpAttendeeSort sorts[] = {
    [COLUMN_NAME] = MP_ATTENDEE_SORT_NAME,
    [COLUMN_ORGANISATION] = MP_ATTENDEE_SORT_ORGANISATION,
    [COLUMN_SECTOR] = MP_ATTENDEE_SORT_SECTOR,
    [COLUMN_STATUS] = MP_ATTENDEE_SORT_STATUS,
    [COLUMN_ARRIVED] = MP_ATTENDEE_SORT_ARRIVED,
  };
  g_autoptr(GObject) probe = NULL;
  g_autoptr(GObject) other = NULL;
  g_autoptr(GHashTable) selected_ids = NULL;
  GtkSorter *sorter;
  GtkOrdering order;
  gint64 start;

  /* the column view says so while it goes */
  if (self->column_view == NULL || self->attendees == NULL)
    return;

  sorter = gtk_column_view_get_sorter (self->column_view);
  /* two objects: a sorter calls an item equal to itself without asking */
  probe = g_object_new (G_TYPE_OBJECT, NULL);
  other = g_object_new (G_TYPE_OBJECT, NULL);
  primary_sort_column = COLUMN_NAME;
  order = gtk_sorter_compare (sorter, probe, other);

  start = g_get_monotonic_time ();
  selected_ids = mp_event_page_save_selection (self);
  mp_event_page_scroll_to_top (self);
  mp_attendee_list_set_sort (self->attendees, sorts[primary_sort_column], order == GTK_ORDERING_LARGER);
  mp_event_page_restore_selection (self, selected_ids);
  if (!self->loading)  /* a sort asked for, not an event opening */
    mp_frame_timing_log (GTK_WIDGET (self->column_view), "sort", start,
                         (g_get_monotonic_time () - start) / 1000.0);
  mp_event_page_update_list_state (self);
}

static void
mp_event_page_filter_changed_cb (MpEventPage *self)
{
  g_autoptr(GHashTable) selected_ids = NULL;

  if (self->attendees == NULL)
    return;

  selected_ids = mp_event_page_save_selection (self);
  mp_event_page_scroll_to_top (self);
  if (!self->loading)
    mp_event_page_hold_growth (self);
  mp_attendee_list_set_filter (self->attendees,
                               mp_attendee_filter_get_sector_id (self->filter),
                               mp_attendee_filter_get_status (self->filter),
                               mp_attendee_filter_get_arrived (self->filter));
  mp_event_page_restore_selection (self, selected_ids);
  mp_event_page_update_list_state (self);
}

/* Live refresh: another desk or the command line wrote to the file. The
 * data version moves only for other connections' commits; changes made
 * here refresh at once. */
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

  mp_event_page_refresh (self);
}

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
  mp_event_page_refresh (self);
  return G_SOURCE_CONTINUE;
}

/* Import */

static void
mp_event_page_imported_cb (MpEventPage    *self,
                           MpImportDialog *dialog)
{
  mp_event_page_refresh (self);
}

static void
mp_event_page_open_import (MpEventPage *self,
                           GFile       *file)
{
  MpImportDialog *dialog = mp_import_dialog_new (self->store, mp_event_get_id (self->event), file);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "imported",
                           G_CALLBACK (mp_event_page_imported_cb),
                           self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->import_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mp_event_page_import_chosen_cb (MpEventPage          *self,
                                int                   response,
                                GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  if (file != NULL && self->event != NULL)
    mp_event_page_open_import (self, file);
}

static void
mp_event_page_import_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  MpEventPage *self = MP_EVENT_PAGE (widget);
  const char *preselected = g_getenv ("MP_IMPORT_FILE");
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv = NULL;
  g_autoptr(GtkFileFilter) all = NULL;
  GtkRoot *root;

  if (self->event == NULL)
    return;

  /* For tests: MP_IMPORT_FILE=PATH stands for choosing PATH in the chooser. */
  if (preselected != NULL && preselected[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (preselected);

      mp_event_page_open_import (self, file);
      return;
    }

  root = gtk_widget_get_root (widget);
  chooser = gtk_file_chooser_native_new (_("Import Registrations"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  csv = gtk_file_filter_new ();
  gtk_file_filter_set_name (csv, _("Registrations (Excel workbook, CSV or text)"));
  gtk_file_filter_add_mime_type (csv, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_filter_add_suffix (csv, "xlsx");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_mime_type (csv, "text/plain");
  gtk_file_filter_add_mime_type (csv, "text/tab-separated-values");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "txt");
  gtk_file_filter_add_suffix (csv, "tsv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  all = gtk_file_filter_new ();
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (mp_event_page_import_chosen_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Editing one registration */

static void
mp_event_page_registration_changed_cb (MpEventPage          *self,
                                       MpAttendee           *attendee,
                                       MpRegistrationEditor *editor)
{
  /* Translators: %s is a person's name */
  mp_event_page_toast (self, adw_toast_new_format (_("%s saved"), mp_attendee_get_name (attendee)));
  mp_event_page_refresh (self);
}

static void
mp_event_page_edit_attendee (MpEventPage *self,
                             MpAttendee  *attendee)
{
  MpRegistrationEditor *editor = mp_registration_editor_new_for_attendee (self->store, attendee);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "saved",
                           G_CALLBACK (mp_event_page_registration_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "cancel-requested",
                           G_CALLBACK (mp_event_page_cancel_one_cb),
                           self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->registration_editor, editor);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
mp_event_page_activate_cb (MpEventPage   *self,
                           guint          position,
                           GtkColumnView *view)
{
  g_autoptr(MpAttendee) attendee = g_list_model_get_item (G_LIST_MODEL (self->attendees), position);

  if (attendee != NULL)
    mp_event_page_edit_attendee (self, attendee);
}

static void
mp_event_page_edit_registration_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  MpEventPage *self = MP_EVENT_PAGE (widget);
  g_autoptr(GPtrArray) attendees = mp_event_page_dup_selected (self);

  if (attendees->len > 0)
    mp_event_page_edit_attendee (self, g_ptr_array_index (attendees, 0));
}

static void
mp_event_page_dispose (GObject *object)
{
  MpEventPage *self = (MpEventPage *)object;

  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_weak_pointer (&self->import_dialog);
  g_clear_weak_pointer (&self->registration_editor);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_EVENT_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->attendees);
  g_clear_object (&self->event);
  g_clear_object (&self->store);
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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Print or export tickets: of the selected attendees when there are
 * any, else of everyone (the dialog lets a person choose). */
static void
mp_event_page_open_tickets (MpEventPage        *self,
                            MpTicketExportMode  mode)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(GPtrArray) attendees = g_ptr_array_new_with_free_func (g_object_unref);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkBitsetIter iter;
  guint position;

  if (self->event == NULL || self->store == NULL)
    return;

  if (gtk_bitset_iter_init_first (&iter, selected, &position))
    do
      g_ptr_array_add (attendees, g_list_model_get_item (G_LIST_MODEL (self->attendees), position));
    while (gtk_bitset_iter_next (&iter, &position));

  gtk_window_present (GTK_WINDOW (mp_ticket_export_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                        self->store, self->event, attendees, mode)));
}

static void
mp_event_page_print_tickets_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  mp_event_page_open_tickets (MP_EVENT_PAGE (widget), MP_TICKET_EXPORT_PRINT);
}

static void
mp_event_page_export_tickets_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  mp_event_page_open_tickets (MP_EVENT_PAGE (widget), MP_TICKET_EXPORT_PDF);
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-event-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, registered_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, arrived_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, waitlisted_box);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, waitlisted_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, search_strip);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, matches_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, organisation_column);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, sector_column);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, arrived_column);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, MpEventPage, selection_label);
  gtk_widget_class_bind_template_callback (widget_class, mp_event_page_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_event_page_stop_search_cb);

  gtk_widget_class_install_action (widget_class, "event-page.edit", NULL, mp_event_page_edit_action);
  gtk_widget_class_install_action (widget_class, "event-page.print-tickets", NULL, mp_event_page_print_tickets_action);
  gtk_widget_class_install_action (widget_class, "event-page.export-tickets", NULL, mp_event_page_export_tickets_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "event-page.print-tickets", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "event-page.export-tickets", NULL);
  gtk_widget_class_install_action (widget_class, "event-page.reload", NULL, mp_event_page_reload_action);
  gtk_widget_class_install_action (widget_class, "event-page.add-attendee", NULL, mp_event_page_add_attendee_action);
  gtk_widget_class_install_action (widget_class, "event-page.check-in", NULL, mp_event_page_check_in_action);
  gtk_widget_class_install_action (widget_class, "event-page.cancel-registration", NULL, mp_event_page_cancel_registration_action);
  gtk_widget_class_install_action (widget_class, "event-page.import", NULL, mp_event_page_import_action);
  gtk_widget_class_install_action (widget_class, "event-page.edit-registration", NULL, mp_event_page_edit_registration_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "event-page.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "event-page.edit-registration", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "event-page.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "event-page.add-attendee", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "event-page.check-in", NULL);
}

static void
mp_event_page_init (MpEventPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  mp_event_page_set_column_factory (self->name_column, COLUMN_NAME);
  mp_event_page_set_column_factory (self->organisation_column, COLUMN_ORGANISATION);
  mp_event_page_set_column_factory (self->sector_column, COLUMN_SECTOR);
  mp_event_page_set_column_factory (self->status_column, COLUMN_STATUS);
  mp_event_page_set_column_factory (self->arrived_column, COLUMN_ARRIVED);
  mp_a11y_tab_leaves_list (GTK_WIDGET (self->column_view));

  mp_event_page_set_column_sorter (self->name_column, COLUMN_NAME);
  mp_event_page_set_column_sorter (self->organisation_column, COLUMN_ORGANISATION);
  mp_event_page_set_column_sorter (self->sector_column, COLUMN_SECTOR);
  mp_event_page_set_column_sorter (self->status_column, COLUMN_STATUS);
  mp_event_page_set_column_sorter (self->arrived_column, COLUMN_ARRIVED);
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (mp_event_page_sort_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "activate",
                           G_CALLBACK (mp_event_page_activate_cb),
                           self, G_CONNECT_SWAPPED);

  self->filter = mp_attendee_filter_new ();
  gtk_menu_button_set_popover (self->filter_button, GTK_WIDGET (self->filter));
  g_signal_connect_object (self->filter, "changed",
                           G_CALLBACK (mp_event_page_filter_changed_cb),
                           self, G_CONNECT_SWAPPED);

  self->poll_id = g_timeout_add_seconds (2, mp_event_page_poll_cb, self);
  g_signal_connect (self, "map", G_CALLBACK (mp_event_page_map_cb), NULL);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled_window), "value-changed",
                           G_CALLBACK (mp_event_page_update_visible_rows), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled_window), "changed",
                           G_CALLBACK (mp_event_page_update_visible_rows), self, G_CONNECT_SWAPPED);

  /* No sort or filter model between the list and the view: either would
   * fetch every attendee. The core index sorts and searches. */
  self->selection = gtk_multi_selection_new (NULL);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (mp_event_page_update_selection_bar),
                           self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  /* Keystrokes are searches: one index lookup each, no need to wait. */
  gtk_search_entry_set_search_delay (self->search_entry, 0);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  g_signal_connect_object (self->search_entry, "changed",
                           G_CALLBACK (mp_event_page_search_edited_cb),
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

  g_clear_object (&self->event);
  gtk_multi_selection_set_model (self->selection, NULL);
  g_clear_object (&self->rows);
  g_clear_object (&self->attendees);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
mp_event_page_show_all_rows (GtkWidget *column_view,
                             gpointer   user_data)
{
  MpEventPage *self = MP_EVENT_PAGE (user_data);

  self->rows_tick = 0;
  if (self->rows != NULL)
    mp_attendee_rows_set_limit (self->rows, G_MAXUINT);
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

  same_event = self->event != NULL && mp_event_get_id (self->event) == event_id;
  if (same_event)
    mp_attendee_list_set_query (attendees, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  else
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  if (!same_event)
    {
      g_autoptr(GPtrArray) sectors = mp_store_list_sectors (self->store, NULL);

      mp_attendee_filter_set_sectors (self->filter, sectors);
      mp_attendee_filter_reset (self->filter);
      gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
    }

  g_set_object (&self->event, event);
  g_set_object (&self->attendees, attendees);
  self->data_version = mp_database_get_data_version (mp_store_get_database (self->store));
  self->fresh = gtk_widget_get_mapped (GTK_WIDGET (self)) ? FALSE : TRUE;
  /* the column headers' sort and the filter, as they are now */
  self->loading = TRUE;
  mp_event_page_sort_changed_cb (self);
  mp_event_page_filter_changed_cb (self);
  self->loading = FALSE;
  g_clear_object (&self->rows);
  self->rows = mp_attendee_rows_new (attendees);
  if (!same_event)
    {
      /* A new event opens with the rows in sight; the rest of the rows
       * the view keeps (up to 200, each a row of widgets) come a frame
       * later, so the page is on the screen sooner. */
      mp_attendee_rows_set_limit (self->rows, FIRST_ROWS);
      if (self->rows_tick != 0)
        gtk_widget_remove_tick_callback (GTK_WIDGET (self->column_view), self->rows_tick);
      self->rows_tick = mp_after_first_frame (GTK_WIDGET (self->column_view), mp_event_page_show_all_rows, self);
    }
  gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->rows));

  mp_event_page_update_header (self);
  mp_event_page_update_list_state (self);
  return TRUE;
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

void
mp_event_page_describe (MpEventPage *self,
                        GString     *out)
{
  guint n;

  g_return_if_fail (MP_IS_EVENT_PAGE (self));

  if (self->event == NULL)
    return;

  g_string_append_printf (out, "event=%" G_GINT64_FORMAT "|%s\n",
                          mp_event_get_id (self->event), mp_event_get_title (self->event));
  g_string_append_printf (out, "counts=%s|%s\n",
                          gtk_label_get_label (self->registered_label),
                          gtk_label_get_label (self->arrived_label));
  g_string_append_printf (out, "query=%s\n", gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  g_string_append_printf (out, "view=%s\n", gtk_stack_get_visible_child_name (self->list_stack));
  g_string_append_printf (out, "matches=%s\n", gtk_label_get_label (self->matches_label));
  if (self->attendees != NULL)
    {
      static const char *sort_names[] = { "name", "organisation", "sector", "status", "arrived" };
      gboolean descending = FALSE;
      MpAttendeeSort sort = mp_attendee_list_get_sort (self->attendees, &descending);
      g_autofree char *filter = mp_attendee_filter_describe (self->filter);

      g_string_append_printf (out, "sort=%s|%s\n", sort_names[sort], descending ? "descending" : "ascending");
      g_string_append_printf (out, "filter=%s\n", filter);
    }
  if (self->import_dialog != NULL)
    mp_import_dialog_describe (self->import_dialog, out);
  if (self->registration_editor != NULL)
    mp_registration_editor_describe (self->registration_editor, out);
  {
    g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

    g_string_append_printf (out, "selected=%" G_GUINT64_FORMAT "\n", gtk_bitset_get_size (selected));
  }

  /* The rows of the model the column view shows, as far as a screen goes. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  for (guint i = 0; i < n && i < 40; i++)
    {
      g_autoptr(MpAttendee) attendee = g_list_model_get_item (G_LIST_MODEL (self->attendees), i);
      g_autofree char *clock = mp_attendee_get_arrived (attendee)
                               ? mp_time_format_clock (mp_attendee_get_checked_in_at (attendee))
                               : g_strdup ("");

      g_string_append_printf (out, "row=%s|%s|%s|%s|%s\n",
                              mp_attendee_get_name (attendee),
                              mp_attendee_get_organisation (attendee),
                              mp_attendee_get_sector (attendee),
                              mp_registration_status_to_string (mp_attendee_get_status (attendee)),
                              clock);
    }
}
