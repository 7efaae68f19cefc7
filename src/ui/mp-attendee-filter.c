#define G_LOG_DOMAIN "mp-attendee-filter"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-attendee-filter.h"

struct _MpAttendeeFilter
{
  GtkPopover     parent_instance;

  /* Ids behind the sector list: [0] any, then the sectors, then none. */
  GArray        *sector_ids;
  gboolean       updating;

  /* Template widgets */
  GtkDropDown   *sector_dropdown;
  GtkDropDown   *status_dropdown;
  GtkDropDown   *arrived_dropdown;
  GtkWidget     *reset_button;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MpAttendeeFilter, mp_attendee_filter, GTK_TYPE_POPOVER)

static void
mp_attendee_filter_changed_cb (MpAttendeeFilter *self)
{
  gtk_widget_set_sensitive (self->reset_button, mp_attendee_filter_get_active (self));
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
mp_attendee_filter_dispose (GObject *object)
{
  MpAttendeeFilter *self = (MpAttendeeFilter *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_ATTENDEE_FILTER);
  g_clear_pointer (&self->sector_ids, g_array_unref);

  G_OBJECT_CLASS (mp_attendee_filter_parent_class)->dispose (object);
}

static void
mp_attendee_filter_class_init (MpAttendeeFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_attendee_filter_dispose;

  /* Any of the three choices changed. */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-attendee-filter.ui");
  gtk_widget_class_bind_template_child (widget_class, MpAttendeeFilter, sector_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MpAttendeeFilter, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MpAttendeeFilter, arrived_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MpAttendeeFilter, reset_button);
  gtk_widget_class_bind_template_callback (widget_class, mp_attendee_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_attendee_filter_reset);
}

static void
mp_attendee_filter_init (MpAttendeeFilter *self)
{
  self->sector_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));

  self->updating = TRUE;
  mp_attendee_filter_set_sectors (self, NULL);
  self->updating = FALSE;
  gtk_widget_set_sensitive (self->reset_button, FALSE);
}

MpAttendeeFilter *
mp_attendee_filter_new (void)
{
  return g_object_new (MP_TYPE_ATTENDEE_FILTER, NULL);
}

void
mp_attendee_filter_set_sectors (MpAttendeeFilter *self,
                                GPtrArray        *sectors)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 chosen, id;
  guint selected = 0;

  g_return_if_fail (MP_IS_ATTENDEE_FILTER (self));

  chosen = mp_attendee_filter_get_sector_id (self);
  g_array_set_size (self->sector_ids, 0);

  gtk_string_list_append (names, C_("sector filter", "All Sectors"));
  id = MP_ATTENDEE_SECTOR_ANY;
  g_array_append_val (self->sector_ids, id);
  for (guint i = 0; sectors != NULL && i < sectors->len; i++)
    {
      MpSector *sector = g_ptr_array_index (sectors, i);

      if (sector->id == chosen)
        selected = self->sector_ids->len;
      gtk_string_list_append (names, sector->name);
      g_array_append_val (self->sector_ids, sector->id);
    }
  gtk_string_list_append (names, C_("sector filter", "No Sector Given"));
  id = MP_ATTENDEE_SECTOR_NONE;
  if (chosen == id)
    selected = self->sector_ids->len;
  g_array_append_val (self->sector_ids, id);

  self->updating = TRUE;
  gtk_drop_down_set_model (self->sector_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->sector_dropdown, selected);
  self->updating = FALSE;

  if (chosen != mp_attendee_filter_get_sector_id (self))
    mp_attendee_filter_changed_cb (self);
}

gint64
mp_attendee_filter_get_sector_id (MpAttendeeFilter *self)
{
  guint selected;

  g_return_val_if_fail (MP_IS_ATTENDEE_FILTER (self), MP_ATTENDEE_SECTOR_ANY);

  selected = gtk_drop_down_get_selected (self->sector_dropdown);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->sector_ids->len)
    return MP_ATTENDEE_SECTOR_ANY;
  return g_array_index (self->sector_ids, gint64, selected);
}

int
mp_attendee_filter_get_status (MpAttendeeFilter *self)
{
  guint selected;

  g_return_val_if_fail (MP_IS_ATTENDEE_FILTER (self), MP_ATTENDEE_STATUS_ANY);

  /* Any, then the statuses in their own order. */
  selected = gtk_drop_down_get_selected (self->status_dropdown);
  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || selected > MP_REGISTRATION_STATUS_CANCELLED + 1)
    return MP_ATTENDEE_STATUS_ANY;
  return (int) selected - 1;
}

MpAttendeeArrivedFilter
mp_attendee_filter_get_arrived (MpAttendeeFilter *self)
{
  guint selected;

  g_return_val_if_fail (MP_IS_ATTENDEE_FILTER (self), MP_ATTENDEE_ARRIVED_ANY);

  selected = gtk_drop_down_get_selected (self->arrived_dropdown);
  if (selected == GTK_INVALID_LIST_POSITION || selected > MP_ATTENDEE_ARRIVED_NO)
    return MP_ATTENDEE_ARRIVED_ANY;
  return (MpAttendeeArrivedFilter) selected;
}

gboolean
mp_attendee_filter_get_active (MpAttendeeFilter *self)
{
  g_return_val_if_fail (MP_IS_ATTENDEE_FILTER (self), FALSE);

  return mp_attendee_filter_get_sector_id (self) != MP_ATTENDEE_SECTOR_ANY ||
         mp_attendee_filter_get_status (self) != MP_ATTENDEE_STATUS_ANY ||
         mp_attendee_filter_get_arrived (self) != MP_ATTENDEE_ARRIVED_ANY;
}

void
mp_attendee_filter_reset (MpAttendeeFilter *self)
{
  gboolean was_active;

  g_return_if_fail (MP_IS_ATTENDEE_FILTER (self));

  was_active = mp_attendee_filter_get_active (self);
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->sector_dropdown, 0);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->arrived_dropdown, 0);
  self->updating = FALSE;
  if (was_active)
    mp_attendee_filter_changed_cb (self);
}

gboolean
mp_attendee_filter_select_sector_name (MpAttendeeFilter *self,
                                       const char       *name)
{
  GListModel *names;

  g_return_val_if_fail (MP_IS_ATTENDEE_FILTER (self), FALSE);

  names = gtk_drop_down_get_model (self->sector_dropdown);
  for (guint i = 0; names != NULL && i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name) == 0)
      {
        gtk_drop_down_set_selected (self->sector_dropdown, i);
        return TRUE;
      }

  return FALSE;
}

char *
mp_attendee_filter_describe (MpAttendeeFilter *self)
{
  GListModel *names;
  guint selected;
  const char *sector = "";
  int status;

  g_return_val_if_fail (MP_IS_ATTENDEE_FILTER (self), NULL);

  names = gtk_drop_down_get_model (self->sector_dropdown);
  selected = gtk_drop_down_get_selected (self->sector_dropdown);
  if (selected > 0 && names != NULL && selected < g_list_model_get_n_items (names))
    sector = gtk_string_list_get_string (GTK_STRING_LIST (names), selected);
  status = mp_attendee_filter_get_status (self);

  return g_strdup_printf ("sector=%s|status=%s|arrived=%s",
                          sector,
                          status == MP_ATTENDEE_STATUS_ANY ? "" : mp_registration_status_to_string (status),
                          (const char *[]) { "", "yes", "no" }[mp_attendee_filter_get_arrived (self)]);
}
