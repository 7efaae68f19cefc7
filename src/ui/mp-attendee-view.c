#define G_LOG_DOMAIN "mp-attendee-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-a11y.h"
#include "mp-after-frame.h"
#include "mp-attendee-rows.h"
#include "mp-attendee-view.h"
#include "mp-frame-timing.h"
#include "mp-time.h"

/* Rows shown when an event opens, until its first frame is on the
 * screen: more than a tall window shows. */
#define FIRST_ROWS 48

typedef enum
{
  COLUMN_NAME,
  COLUMN_ORGANISATION,
  COLUMN_SECTOR,
  COLUMN_STATUS,
  COLUMN_ARRIVED,
  COLUMN_TICKET_MAIL,  /* not sortable */
} Column;

struct _MpAttendeeView
{
  GtkWidget             parent_instance;

  MpAttendeeList       *attendees;
  MpAttendeeRows       *rows;        /* what the column view shows */
  GtkMultiSelection    *selection;
  guint                 rows_tick;   /* lifts the first frame's limit */
  gboolean              loading;     /* in mp_attendee_view_set_attendees () */
  gboolean              growth_held; /* until the next frame is painted */
  gboolean              by_given_name; /* name-order "given" */
  GPtrArray            *twice;       /* MpDoubleAdmission, of the event shown */
  GHashTable           *twice_by_id; /* registration id → one of them */

  /* Template widgets */
  GtkScrolledWindow    *scrolled_window;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *name_column;
  GtkColumnViewColumn  *organisation_column;
  GtkColumnViewColumn  *sector_column;
  GtkColumnViewColumn  *status_column;
  GtkColumnViewColumn  *arrived_column;
  GtkColumnViewColumn  *ticket_mail_column;
};

G_DEFINE_FINAL_TYPE (MpAttendeeView, mp_attendee_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NAME_ORDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATE,
  SELECTION_CHANGED,
  SORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
    /* "Innvandrerorganisasjon / innvandrerråd", the longest sector, whole */
    case COLUMN_SECTOR: nat_chars = 38; break;
    case COLUMN_STATUS:
    case COLUMN_ARRIVED:
    default: nat_chars = 10; break;
    }
  text = cell_text_new (nat_chars);
  /* A sector is one of a short list, never cut: the column keeps room
   * for the longest, and names and organisations give way. */
  if (GPOINTER_TO_INT (user_data) == COLUMN_SECTOR)
    gtk_inscription_set_min_chars (GTK_INSCRIPTION (text), nat_chars);
  /* names and organisations are the people's own: a long one is cut
   * with "…" in a narrow window (mp-cut-text.h) */
  if (GPOINTER_TO_INT (user_data) == COLUMN_NAME || GPOINTER_TO_INT (user_data) == COLUMN_ORGANISATION)
    gtk_widget_add_css_class (text, "ellipsis-ok");
  /* for tests/ui/test-attendee-cells.c: which cell shows what */
  g_object_set_data (G_OBJECT (text), "mp-list-item", list_item);
  g_object_set_data (G_OBJECT (text), "mp-column", user_data);
  gtk_list_item_set_child (list_item, text);
}

/* The double admission of @attendee's ticket, if it was admitted twice
 * while desks were apart (the view's, which the cell's list item names). */
static MpDoubleAdmission *
admitted_twice (GtkListItem *list_item,
                MpAttendee  *attendee)
{
  MpAttendeeView *self = g_object_get_data (G_OBJECT (list_item), "mp-attendee-view");
  gint64 id;

  if (self == NULL || self->twice_by_id == NULL || attendee == NULL)
    return NULL;
  id = mp_attendee_get_registration_id (attendee);
  return g_hash_table_lookup (self->twice_by_id, &id);
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
  {
    MpDoubleAdmission *twice = admitted_twice (list_item, attendee);

    if (twice != NULL && mp_attendee_get_arrived (attendee))
      {
        g_autofree char *first = mp_time_format_clock (twice->first_at);
        g_autofree char *second = mp_time_format_clock (twice->at);

        /* Translators: tooltip of an arrival: "Admitted twice while
         * offline: at Desk A 08.42 (counted) and at Desk B 08.44" */
        text = g_strdup_printf (_("Admitted twice while offline: at %s %s (counted) and at %s %s"),
                                twice->first_desk, first, twice->desk, second);
        gtk_tooltip_set_text (tooltip, text);
        return TRUE;
      }
  }
  if (!mp_attendee_get_arrived (attendee) || desk == NULL || desk[0] == '\0')
    return FALSE;

  if (mp_attendee_get_checkin_exception (attendee) != MP_CHECK_IN_EXCEPTION_NONE)
    /* Translators: tooltip of an arrival let in anyway: "At desk
     * Inngang 2, admitted by exception (waiting list)" */
    text = g_strdup_printf (_("At desk %s, admitted by exception (%s)"), desk,
                            mp_check_in_exception_get_label (mp_attendee_get_checkin_exception (attendee)));
  else
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
  g_object_set_data (G_OBJECT (list_item), "mp-attendee-view", user_data);
  gtk_widget_set_has_tooltip (box, TRUE);
  g_signal_connect (box, "query-tooltip", G_CALLBACK (arrived_query_tooltip_cb), list_item);
  gtk_list_item_set_child (list_item, box);
}

/* Whether the ticket was e-mailed: an icon, fed from the outbox with
 * the attendee (mp_attendee_get_ticket_mail()); nothing for most rows
 * before a sending. */
static const struct
{
  const char *icon;
  const char *style;
  const char *text;
} ticket_mail_marks[] = {
  [MP_ATTENDEE_TICKET_MAIL_NONE] = { NULL, NULL, NULL },
  [MP_ATTENDEE_TICKET_MAIL_FAILED] = { "dialog-warning-symbolic", "warning",
                                       N_("The ticket e-mail could not be sent: Send Tickets by E-mail tries again") },
  [MP_ATTENDEE_TICKET_MAIL_ADDRESS_CHANGED] = { "mail-send-symbolic", "dim-label",
                                                N_("The ticket went to an address they no longer have") },
  [MP_ATTENDEE_TICKET_MAIL_UNCONFIRMED] = { "dialog-question-symbolic", "warning",
                                            N_("The ticket e-mail may have arrived: the server never confirmed it") },
  [MP_ATTENDEE_TICKET_MAIL_SENT] = { "mail-send-symbolic", "success", N_("Ticket sent by e-mail") },
};

static gboolean
ticket_mail_query_tooltip_cb (GtkWidget   *image,
                              int          x,
                              int          y,
                              gboolean     keyboard_mode,
                              GtkTooltip  *tooltip,
                              GtkListItem *list_item)
{
  gpointer row = gtk_list_item_get_item (list_item);
  MpAttendeeTicketMail mark;

  if (row == NULL)
    return FALSE;
  mark = mp_attendee_get_ticket_mail (mp_attendee_row_get_attendee (row));
  if (mark == MP_ATTENDEE_TICKET_MAIL_NONE || mark >= G_N_ELEMENTS (ticket_mail_marks))
    return FALSE;
  gtk_tooltip_set_text (tooltip, _(ticket_mail_marks[mark].text));
  return TRUE;
}

static void
setup_ticket_mail_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  user_data)
{
  GtkWidget *image = gtk_image_new ();

  gtk_widget_set_halign (image, GTK_ALIGN_START);
  gtk_widget_set_has_tooltip (image, TRUE);
  g_signal_connect (image, "query-tooltip", G_CALLBACK (ticket_mail_query_tooltip_cb), list_item);
  gtk_list_item_set_child (list_item, image);
}

static void
fill_ticket_mail (GtkListItem *list_item)
{
  MpAttendee *attendee = mp_attendee_row_get_attendee (gtk_list_item_get_item (list_item));
  GtkWidget *image = gtk_list_item_get_child (list_item);
  MpAttendeeTicketMail mark = mp_attendee_get_ticket_mail (attendee);

  if (mark >= G_N_ELEMENTS (ticket_mail_marks))
    mark = MP_ATTENDEE_TICKET_MAIL_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (ticket_mail_marks); i++)
    if (ticket_mail_marks[i].style != NULL)
      gtk_widget_remove_css_class (image, ticket_mail_marks[i].style);
  gtk_image_set_from_icon_name (GTK_IMAGE (image), ticket_mail_marks[mark].icon);
  if (ticket_mail_marks[mark].style != NULL)
    gtk_widget_add_css_class (image, ticket_mail_marks[mark].style);
  /* a screen reader hears the mark where there is one */
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ticket_mail_marks[mark].text != NULL ? _(ticket_mail_marks[mark].text) : "", -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_STATE_HIDDEN,
                               mark == MP_ATTENDEE_TICKET_MAIL_NONE, -1);
}

static void
fill_label (GtkListItem *list_item,
            Column       column)
{
  MpAttendee *attendee = mp_attendee_row_get_attendee (gtk_list_item_get_item (list_item));
  GtkInscription *label = GTK_INSCRIPTION (gtk_list_item_get_child (list_item));
  MpRegistrationStatus status = mp_attendee_get_status (attendee);
  const char *text = NULL;

  switch (column)
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
    case COLUMN_TICKET_MAIL:
    default:
      g_assert_not_reached ();
    }

  gtk_inscription_set_text (label, text);
  if (status == MP_REGISTRATION_STATUS_CANCELLED)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");

  /* In the status column only the exceptions catch the eye. */
  if (column == COLUMN_STATUS)
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
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_last_child (box);
  gboolean exception = mp_attendee_get_checkin_exception (attendee) != MP_CHECK_IN_EXCEPTION_NONE;
  MpDoubleAdmission *twice = admitted_twice (list_item, attendee);
  const char *description = twice != NULL ? _("Admitted twice while offline, counted once")
                            : exception ? _("Admitted by exception") : "";

  /* Let in anyway by a desk, or admitted twice while offline: marked,
   * not a plain tick (the tooltip says why). */
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), exception || twice != NULL ? "dialog-warning-symbolic"
                                                                             : "object-select-symbolic");
  if (exception || twice != NULL)
    {
      gtk_widget_remove_css_class (icon, "success");
      gtk_widget_add_css_class (icon, "warning");
    }
  else
    {
      gtk_widget_remove_css_class (icon, "warning");
      gtk_widget_add_css_class (icon, "success");
    }

  /* Hidden by opacity, not visibility: showing and hiding would make the
   * view measure the row again. */
  if (mp_attendee_get_arrived (attendee))
    {
      g_autofree char *clock = mp_time_format_clock (mp_attendee_get_checked_in_at (attendee));

      gtk_inscription_set_text (GTK_INSCRIPTION (label), clock);
      gtk_widget_set_opacity (box, 1.0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      description, -1);
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
  else if (kind == COLUMN_TICKET_MAIL)
    fill_ticket_mail (list_item);
  else
    fill_label (list_item, kind);
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
set_column_factory (MpAttendeeView      *self,
                    GtkColumnViewColumn *column,
                    Column               kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  if (kind == COLUMN_ARRIVED)
    g_signal_connect (factory, "setup", G_CALLBACK (setup_arrived_cb), self);
  else if (kind == COLUMN_TICKET_MAIL)
    g_signal_connect (factory, "setup", G_CALLBACK (setup_ticket_mail_cb), NULL);
  else
    g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), GINT_TO_POINTER (kind));

  gtk_column_view_column_set_factory (column, factory);
}

/* Rows in sight, and the list that grows */

/* Which rows are on screen, for MpAttendeeRows: those get their new
 * attendee before the next frame when the list changes. The list's rows
 * are all of one height, so the adjustment tells. */
static void
mp_attendee_view_update_visible_rows (MpAttendeeView *self)
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

void
mp_attendee_view_scroll_to_top (MpAttendeeView *self)
{
  g_return_if_fail (MP_IS_ATTENDEE_VIEW (self));

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  mp_attendee_view_update_visible_rows (self);
}

static void
mp_attendee_view_release_growth (GtkWidget *column_view,
                                 gpointer   user_data)
{
  MpAttendeeView *self = MP_ATTENDEE_VIEW (gtk_widget_get_ancestor (column_view, MP_TYPE_ATTENDEE_VIEW));

  self->growth_held = FALSE;
  if (self->rows != NULL && self->rows_tick == 0)
    mp_attendee_rows_set_limit (self->rows, G_MAXUINT);
}

/* If the list grows (a search cleared or shortened), it grows by the
 * rows in sight before the frame that answers the key and by the rest
 * of what the view keeps just after it, so that frame need not wait for
 * up to 200 new rows of widgets. */
void
mp_attendee_view_hold_growth (MpAttendeeView *self)
{
  g_return_if_fail (MP_IS_ATTENDEE_VIEW (self));

  if (self->rows == NULL || self->growth_held || self->loading)
    return;
  mp_attendee_rows_set_limit (self->rows, MAX (g_list_model_get_n_items (G_LIST_MODEL (self->rows)), FIRST_ROWS));
  self->growth_held = TRUE;
  mp_after_next_paint (GTK_WIDGET (self->column_view), mp_attendee_view_release_growth, NULL);
}

static void
mp_attendee_view_show_all_rows (GtkWidget *column_view,
                                gpointer   user_data)
{
  MpAttendeeView *self = MP_ATTENDEE_VIEW (user_data);

  self->rows_tick = 0;
  if (self->rows != NULL)
    mp_attendee_rows_set_limit (self->rows, G_MAXUINT);
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
set_column_sorter (GtkColumnViewColumn *column,
                   Column               kind)
{
  g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (column_marker_compare, GINT_TO_POINTER (kind), NULL);

  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
}

/* Back to the name order. GTK 4.8 leaves the arrow of the column that
 * sorted before on its header when another column is chosen in code,
 * so the sort is cleared first: one arrow, on the column that sorts. */
static void
mp_attendee_view_sort_by_name (MpAttendeeView *self)
{
  gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
}

static void
mp_attendee_view_sort_changed_cb (MpAttendeeView *self)
{
  const MpAttendeeSort sorts[] = {
    [COLUMN_NAME] = self->by_given_name ? MP_ATTENDEE_SORT_GIVEN_NAME : MP_ATTENDEE_SORT_NAME,
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
  selected_ids = mp_attendee_view_save_selection (self);
  mp_attendee_view_scroll_to_top (self);
  mp_attendee_list_set_sort (self->attendees, sorts[primary_sort_column], order == GTK_ORDERING_LARGER);
  mp_attendee_view_restore_selection (self, selected_ids);
  if (!self->loading)  /* a sort asked for, not an event opening */
    {
      mp_frame_timing_log (GTK_WIDGET (self->column_view), "sort", start,
                           (g_get_monotonic_time () - start) / 1000.0);
      g_signal_emit (self, signals[SORTED], 0);
    }
}

static void
mp_attendee_view_set_name_order (MpAttendeeView *self,
                                 const char     *order)
{
  gboolean by_given_name = g_strcmp0 (order, "given") == 0;

  if (self->by_given_name == by_given_name)
    return;
  self->by_given_name = by_given_name;
  /* chosen in the Name column's menu: the list sorts by that name now */
  if (self->attendees != NULL)
    mp_attendee_view_sort_by_name (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME_ORDER]);
}

/* The list */

static void
mp_attendee_view_activate_cb (MpAttendeeView *self,
                              guint           position,
                              GtkColumnView  *view)
{
  g_autoptr(MpAttendee) attendee = NULL;

  if (self->attendees == NULL)
    return;
  attendee = g_list_model_get_item (G_LIST_MODEL (self->attendees), position);
  if (attendee != NULL)
    g_signal_emit (self, signals[ACTIVATE], 0, attendee);
}

static void
mp_attendee_view_selection_changed_cb (MpAttendeeView *self)
{
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
mp_attendee_view_set_attendees (MpAttendeeView *self,
                                MpAttendeeList *attendees,
                                gboolean        new_event)
{
  g_return_if_fail (MP_IS_ATTENDEE_VIEW (self));
  g_return_if_fail (MP_IS_ATTENDEE_LIST (attendees));

  self->loading = TRUE;
  g_set_object (&self->attendees, attendees);
  /* the column headers' sort, as it is now */
  if (new_event)
    mp_attendee_view_sort_by_name (self);
  mp_attendee_view_sort_changed_cb (self);
  self->loading = FALSE;

  g_clear_object (&self->rows);
  self->rows = mp_attendee_rows_new (attendees);
  if (new_event)
    {
      /* A new event opens with the rows in sight; the rest of the rows
       * the view keeps (up to 200, each a row of widgets) come a frame
       * later, so the page is on the screen sooner. */
      mp_attendee_rows_set_limit (self->rows, FIRST_ROWS);
      if (self->rows_tick != 0)
        gtk_widget_remove_tick_callback (GTK_WIDGET (self->column_view), self->rows_tick);
      self->rows_tick = mp_after_first_frame (GTK_WIDGET (self->column_view), mp_attendee_view_show_all_rows, self);
    }
  gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->rows));
}

MpAttendeeList *
mp_attendee_view_get_attendees (MpAttendeeView *self)
{
  g_return_val_if_fail (MP_IS_ATTENDEE_VIEW (self), NULL);

  return self->attendees;
}

void
mp_attendee_view_clear (MpAttendeeView *self)
{
  g_return_if_fail (MP_IS_ATTENDEE_VIEW (self));

  gtk_multi_selection_set_model (self->selection, NULL);
  g_clear_object (&self->rows);
  g_clear_object (&self->attendees);
}

/* The selection */

GHashTable *
mp_attendee_view_save_selection (MpAttendeeView *self)
{
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (MP_IS_ATTENDEE_VIEW (self), ids);

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

void
mp_attendee_view_restore_selection (MpAttendeeView *self,
                                    GHashTable     *registration_ids)
{
  g_autoptr(GtkBitset) now = NULL;
  g_autoptr(GtkBitset) mask = NULL;
  guint n;

  g_return_if_fail (MP_IS_ATTENDEE_VIEW (self));

  if (self->attendees == NULL || g_hash_table_size (registration_ids) == 0)
    return;

  now = gtk_bitset_new_empty ();
  n = g_list_model_get_n_items (G_LIST_MODEL (self->attendees));
  for (guint i = 0; i < n; i++)
    {
      gint64 id = mp_attendee_list_get_registration_id (self->attendees, i);

      if (g_hash_table_contains (registration_ids, &id))
        gtk_bitset_add (now, i);
    }
  mask = gtk_bitset_new_range (0, MAX (n, 1));
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), now, mask);
}

guint
mp_attendee_view_get_n_selected (MpAttendeeView *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  g_return_val_if_fail (MP_IS_ATTENDEE_VIEW (self), 0);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  return (guint) MIN (gtk_bitset_get_size (selected), G_MAXUINT);
}

GPtrArray *
mp_attendee_view_dup_selected (MpAttendeeView *self,
                               guint           max)
{
  g_autoptr(GtkBitset) selected = NULL;
  GPtrArray *attendees = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (MP_IS_ATTENDEE_VIEW (self), attendees);

  if (self->attendees == NULL || max == 0)
    return attendees;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_iter_init_first (&iter, selected, &position))
    do
      g_ptr_array_add (attendees, g_list_model_get_item (G_LIST_MODEL (self->attendees), position));
    while (attendees->len < max && gtk_bitset_iter_next (&iter, &position));

  return attendees;
}

gboolean
mp_attendee_view_show_registration (MpAttendeeView *self,
                                    gint64          registration_id)
{
  GtkAdjustment *adjustment;
  int position;
  guint n_items;
  double row_height;

  g_return_val_if_fail (MP_IS_ATTENDEE_VIEW (self), FALSE);

  if (self->attendees == NULL)
    return FALSE;
  position = mp_attendee_list_find_registration (self->attendees, registration_id);
  if (position < 0)
    return FALSE;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), (guint) position, TRUE);

  /* GTK 4.8 has no scroll_to: the rows are all of one height, so the
   * adjustment tells where a row is. The row ends up in the middle. */
  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->attendees));
  row_height = n_items > 0 ? gtk_adjustment_get_upper (adjustment) / n_items : 0;
  if (row_height > 0)
    gtk_adjustment_set_value (adjustment,
                              position * row_height - (gtk_adjustment_get_page_size (adjustment) - row_height) / 2);
  mp_attendee_view_update_visible_rows (self);
  return TRUE;
}

void
mp_attendee_view_set_admitted_twice (MpAttendeeView *self,
                                     GPtrArray      *admissions)
{
  g_return_if_fail (MP_IS_ATTENDEE_VIEW (self));

  g_clear_pointer (&self->twice_by_id, g_hash_table_unref);
  g_clear_pointer (&self->twice, g_ptr_array_unref);
  if (admissions == NULL || admissions->len == 0)
    return;
  self->twice = g_ptr_array_ref (admissions);
  self->twice_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < admissions->len; i++)
    {
      MpDoubleAdmission *a = admissions->pdata[i];

      g_hash_table_insert (self->twice_by_id, &a->registration_id, a);
    }
}

gboolean
mp_attendee_view_is_admitted_twice (MpAttendeeView *self,
                                    gint64          registration_id)
{
  g_return_val_if_fail (MP_IS_ATTENDEE_VIEW (self), FALSE);

  return self->twice_by_id != NULL && g_hash_table_contains (self->twice_by_id, &registration_id);
}

/* GObject */

static void
mp_attendee_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MpAttendeeView *self = MP_ATTENDEE_VIEW (object);

  switch (prop_id)
    {
    case PROP_NAME_ORDER:
      g_value_set_string (value, self->by_given_name ? "given" : "family");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_attendee_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MpAttendeeView *self = MP_ATTENDEE_VIEW (object);

  switch (prop_id)
    {
    case PROP_NAME_ORDER:
      mp_attendee_view_set_name_order (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_attendee_view_dispose (GObject *object)
{
  MpAttendeeView *self = (MpAttendeeView *)object;

  if (self->rows_tick != 0 && self->column_view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->column_view), self->rows_tick);
  self->rows_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_ATTENDEE_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->attendees);
  g_clear_pointer (&self->twice_by_id, g_hash_table_unref);
  g_clear_pointer (&self->twice, g_ptr_array_unref);

  G_OBJECT_CLASS (mp_attendee_view_parent_class)->dispose (object);
}

static void
mp_attendee_view_class_init (MpAttendeeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_attendee_view_dispose;
  object_class->get_property = mp_attendee_view_get_property;
  object_class->set_property = mp_attendee_view_set_property;

  properties[PROP_NAME_ORDER] =
    g_param_spec_string ("name-order", NULL, NULL, "family",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTIVATE] =
    g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MP_TYPE_ATTENDEE);
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SORTED] =
    g_signal_new ("sorted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-attendee-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MpAttendeeView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, MpAttendeeView, column_view);
  gtk_widget_class_bind_template_child (widget_class, MpAttendeeView, name_column);
  gtk_widget_class_bind_template_child (widget_class, MpAttendeeView, organisation_column);
  gtk_widget_class_bind_template_child (widget_class, MpAttendeeView, sector_column);
  gtk_widget_class_bind_template_child (widget_class, MpAttendeeView, status_column);
  gtk_widget_class_bind_template_child (widget_class, MpAttendeeView, arrived_column);
  gtk_widget_class_bind_template_child (widget_class, MpAttendeeView, ticket_mail_column);

  /* the Name column's menu: by family name or by first name */
  gtk_widget_class_install_property_action (widget_class, "attendees.name-order", "name-order");
}

static void
mp_attendee_view_init (MpAttendeeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  set_column_factory (self, self->name_column, COLUMN_NAME);
  set_column_factory (self, self->organisation_column, COLUMN_ORGANISATION);
  set_column_factory (self, self->sector_column, COLUMN_SECTOR);
  set_column_factory (self, self->status_column, COLUMN_STATUS);
  set_column_factory (self, self->arrived_column, COLUMN_ARRIVED);
  set_column_factory (self, self->ticket_mail_column, COLUMN_TICKET_MAIL);
  mp_a11y_tab_leaves_list (GTK_WIDGET (self->column_view));

  set_column_sorter (self->name_column, COLUMN_NAME);
  set_column_sorter (self->organisation_column, COLUMN_ORGANISATION);
  set_column_sorter (self->sector_column, COLUMN_SECTOR);
  set_column_sorter (self->status_column, COLUMN_STATUS);
  set_column_sorter (self->arrived_column, COLUMN_ARRIVED);
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (mp_attendee_view_sort_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "activate",
                           G_CALLBACK (mp_attendee_view_activate_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled_window), "value-changed",
                           G_CALLBACK (mp_attendee_view_update_visible_rows), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled_window), "changed",
                           G_CALLBACK (mp_attendee_view_update_visible_rows), self, G_CONNECT_SWAPPED);

  /* No sort or filter model between the list and the view: either would
   * fetch every attendee. The core index sorts and searches. */
  self->selection = gtk_multi_selection_new (NULL);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (mp_attendee_view_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
}

GtkWidget *
mp_attendee_view_new (void)
{
  return g_object_new (MP_TYPE_ATTENDEE_VIEW, NULL);
}
