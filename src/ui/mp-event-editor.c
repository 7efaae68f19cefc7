#define G_LOG_DOMAIN "mp-event-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-a11y.h"
#include "mp-event-editor.h"
#include "mp-time.h"
#include "mp-time-entry.h"

struct _MpEventEditor
{
  AdwWindow          parent_instance;

  MpStore           *store;
  MpEvent           *event;   /* the one edited, or the model of a new one */
  MpEventEditorMode  mode;
  GDateTime         *date;    /* the chosen day, local midnight */
  GDateTime         *end_date;  /* the last day, local midnight */

  /* Template widgets */
  AdwToastOverlay   *toast_overlay;
  GtkButton         *save_button;
  AdwEntryRow       *title_row;
  AdwComboRow       *kind_row;
  AdwEntryRow       *venue_row;
  AdwEntryRow       *contact_row;
  GtkMenuButton     *date_button;
  GtkCalendar       *calendar;
  GtkMenuButton     *ends_date_button;
  GtkCalendar       *ends_calendar;
  AdwActionRow      *starts_row;
  AdwActionRow      *ends_row;
  MpTimeEntry       *starts_time;
  MpTimeEntry       *ends_time;
  GtkTextView       *description_view;
  AdwExpanderRow    *capacity_row;
  GtkSpinButton     *capacity_spin;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_EVENT,
  PROP_MODE,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MpEventEditor, mp_event_editor, ADW_TYPE_WINDOW)

static gint64
mp_event_editor_time_of (GDateTime   *day,
                         MpTimeEntry *time)
{
  g_autoptr(GDateTime) local = NULL;

  local = g_date_time_new_local (g_date_time_get_year (day),
                                 g_date_time_get_month (day),
                                 g_date_time_get_day_of_month (day),
                                 mp_time_entry_get_hour (time),
                                 mp_time_entry_get_minute (time),
                                 0);
  return g_date_time_to_unix (local);
}

static gint64
mp_event_editor_starts_at (MpEventEditor *self)
{
  return mp_event_editor_time_of (self->date, self->starts_time);
}

static gint64
mp_event_editor_ends_at (MpEventEditor *self)
{
  return mp_event_editor_time_of (self->end_date, self->ends_time);
}

static void
mp_event_editor_changed_cb (MpEventEditor *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  gboolean times_ok, ends_ok;

  if (self->date == NULL || self->end_date == NULL)
    return;

  times_ok = mp_time_entry_get_valid (self->starts_time) && mp_time_entry_get_valid (self->ends_time);
  ends_ok = mp_event_editor_ends_at (self) > mp_event_editor_starts_at (self);
  if (!mp_time_entry_get_valid (self->starts_time))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->starts_row), "error");
      adw_action_row_set_subtitle (self->starts_row, _("Type a time, like 9.00"));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->starts_row), "error");
      adw_action_row_set_subtitle (self->starts_row, NULL);
    }
  if (!mp_time_entry_get_valid (self->ends_time))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->ends_row), "error");
      adw_action_row_set_subtitle (self->ends_row, _("Type a time, like 11.30"));
    }
  else if (!ends_ok)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->ends_row), "error");
      adw_action_row_set_subtitle (self->ends_row, _("Must be after the start"));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->ends_row), "error");
      adw_action_row_set_subtitle (self->ends_row, NULL);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", title[0] != '\0' && times_ok && ends_ok);
}

static GDateTime *
local_midnight (GDateTime *date)
{
  return g_date_time_new_local (g_date_time_get_year (date),
                                g_date_time_get_month (date),
                                g_date_time_get_day_of_month (date),
                                0, 0, 0);
}

static void
show_date (GtkMenuButton *button,
           GDateTime     *date)
{
  g_autofree char *label = mp_time_format_date (g_date_time_to_unix (date));

  gtk_menu_button_set_label (button, label);
}

static void
mp_event_editor_set_end_date (MpEventEditor *self,
                              GDateTime     *date)
{
  g_clear_pointer (&self->end_date, g_date_time_unref);
  self->end_date = local_midnight (date);
  show_date (self->ends_date_button, self->end_date);
  mp_event_editor_changed_cb (self);
}

/* A new start day moves the end day with it: the event keeps its
 * length in days. */
static void
mp_event_editor_set_date (MpEventEditor *self,
                          GDateTime     *date)
{
  g_autoptr(GDateTime) old = self->date != NULL ? g_date_time_ref (self->date) : NULL;

  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = local_midnight (date);
  show_date (self->date_button, self->date);

  if (old != NULL && self->end_date != NULL)
    {
      GTimeSpan days = g_date_time_difference (self->end_date, old) / G_TIME_SPAN_DAY;
      g_autoptr(GDateTime) moved = g_date_time_add_days (self->date, (int) days);

      gtk_calendar_select_day (self->ends_calendar, moved);
      mp_event_editor_set_end_date (self, moved);
    }
  mp_event_editor_changed_cb (self);
}

static void
mp_event_editor_day_selected_cb (MpEventEditor *self,
                                 GtkCalendar   *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);

  mp_event_editor_set_date (self, date);
  gtk_menu_button_popdown (self->date_button);
}

static void
mp_event_editor_end_day_selected_cb (MpEventEditor *self,
                                     GtkCalendar   *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);

  mp_event_editor_set_end_date (self, date);
  gtk_menu_button_popdown (self->ends_date_button);
}

static void
mp_event_editor_fill (MpEventEditor *self)
{
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;
  int capacity;

  if (self->event != NULL)
    {
      gint64 ends_at = mp_event_get_ends_at (self->event);

      starts = g_date_time_new_from_unix_local (mp_event_get_starts_at (self->event));
      ends = ends_at != 0 ? g_date_time_new_from_unix_local (ends_at)
                          : g_date_time_add_hours (starts, 2);
      if (self->mode == MP_EVENT_EDITOR_DUPLICATE)
        {
          /* "The same meeting next month": same weekday and wall-clock
           * time four weeks on (across a change to summer time too),
           * which is what a monthly dialogue meeting usually is. */
          GDateTime *later = g_date_time_add_weeks (starts, 4);

          g_date_time_unref (starts);
          starts = later;
          later = g_date_time_add_weeks (ends, 4);
          g_date_time_unref (ends);
          ends = later;
        }

      gtk_editable_set_text (GTK_EDITABLE (self->title_row), mp_event_get_title (self->event));
      adw_combo_row_set_selected (self->kind_row, mp_event_get_kind (self->event));
      gtk_editable_set_text (GTK_EDITABLE (self->venue_row), mp_event_get_venue (self->event));
      gtk_editable_set_text (GTK_EDITABLE (self->contact_row), mp_event_get_contact (self->event));
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                                mp_event_get_description (self->event), -1);
      capacity = mp_event_get_capacity (self->event);
      adw_expander_row_set_enable_expansion (self->capacity_row, capacity > 0);
      if (capacity > 0)
        gtk_spin_button_set_value (self->capacity_spin, capacity);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);

      starts = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                      g_date_time_get_month (tomorrow),
                                      g_date_time_get_day_of_month (tomorrow),
                                      9, 0, 0);
      ends = g_date_time_add_minutes (starts, 150);
    }

  mp_time_entry_set_time (self->starts_time, g_date_time_get_hour (starts), g_date_time_get_minute (starts));
  mp_time_entry_set_time (self->ends_time, g_date_time_get_hour (ends), g_date_time_get_minute (ends));
  gtk_calendar_select_day (self->calendar, starts);
  gtk_calendar_select_day (self->ends_calendar, ends);
  mp_event_editor_set_date (self, starts);
  mp_event_editor_set_end_date (self, ends);

  switch (self->mode)
    {
    case MP_EVENT_EDITOR_CREATE:
      gtk_window_set_title (GTK_WINDOW (self), _("New Event"));
      gtk_button_set_label (self->save_button, _("C_reate"));
      break;

    case MP_EVENT_EDITOR_DUPLICATE:
      gtk_window_set_title (GTK_WINDOW (self), _("Duplicate Event"));
      gtk_button_set_label (self->save_button, _("C_reate"));
      break;

    case MP_EVENT_EDITOR_EDIT:
    default:
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Event"));
      gtk_button_set_label (self->save_button, _("_Save"));
      break;
    }

  mp_event_editor_changed_cb (self);
}

static void
mp_event_editor_save_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  MpEventEditor *self = MP_EVENT_EDITOR (widget);
  g_autoptr(MpEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *venue = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *description = NULL;
  GtkTextIter start, end;
  gboolean saved;

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  venue = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->venue_row))));
  contact = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->contact_row))));
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (self->description_view), &start, &end);
  description = g_strstrip (gtk_text_buffer_get_text (gtk_text_view_get_buffer (self->description_view), &start, &end, FALSE));

  if (self->event != NULL)
    event = mp_event_copy (self->event);
  else
    event = mp_event_new ();

  if (self->mode != MP_EVENT_EDITOR_EDIT)
    {
      mp_event_set_id (event, 0);
      mp_event_set_uuid (event, "");
      /* a copy of an example is the organiser's own event */
      mp_event_set_example (event, FALSE);
    }

  mp_event_set_title (event, title);
  mp_event_set_kind (event, adw_combo_row_get_selected (self->kind_row));
  mp_event_set_venue (event, venue);
  mp_event_set_contact (event, contact);
  mp_event_set_description (event, description);
  mp_event_set_starts_at (event, mp_event_editor_starts_at (self));
  mp_event_set_ends_at (event, mp_event_editor_ends_at (self));
  mp_event_set_capacity (event,
                         adw_expander_row_get_enable_expansion (self->capacity_row)
                         ? gtk_spin_button_get_value_as_int (self->capacity_spin) : -1);

  if (self->mode == MP_EVENT_EDITOR_EDIT)
    saved = mp_store_update_event (self->store, event, &error);
  else
    saved = mp_store_add_event (self->store, event, &error);

  if (!saved)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, event);
  gtk_window_close (GTK_WINDOW (self));
}

static void
mp_event_editor_constructed (GObject *object)
{
  MpEventEditor *self = MP_EVENT_EDITOR (object);

  G_OBJECT_CLASS (mp_event_editor_parent_class)->constructed (object);

  mp_event_editor_fill (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
mp_event_editor_dispose (GObject *object)
{
  MpEventEditor *self = (MpEventEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_EVENT_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->event);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->end_date, g_date_time_unref);

  G_OBJECT_CLASS (mp_event_editor_parent_class)->dispose (object);
}

static void
mp_event_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MpEventEditor *self = MP_EVENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;

    case PROP_MODE:
      g_value_set_int (value, self->mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_event_editor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MpEventEditor *self = MP_EVENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_EVENT:
      self->event = g_value_dup_object (value);
      break;

    case PROP_MODE:
      self->mode = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_event_editor_class_init (MpEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mp_event_editor_constructed;
  object_class->dispose = mp_event_editor_dispose;
  object_class->get_property = mp_event_editor_get_property;
  object_class->set_property = mp_event_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL, MP_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODE] =
    g_param_spec_int ("mode", NULL, NULL,
                      MP_EVENT_EDITOR_CREATE, MP_EVENT_EDITOR_DUPLICATE, MP_EVENT_EDITOR_CREATE,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The event as stored, with its id. */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MP_TYPE_EVENT);

  g_type_ensure (MP_TYPE_TIME_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-event-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MpEventEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MpEventEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, MpEventEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, MpEventEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, MpEventEditor, venue_row);
  gtk_widget_class_bind_template_child (widget_class, MpEventEditor, contact_row);
  gtk_widget_class_bind_template_child (widget_class, MpEventEditor, date_button);
  gtk_widget_class_bind_template_child (widget_class, MpEventEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, MpEventEditor, ends_date_button);
  gtk_widget_class_bind_template_child (widget_class, MpEventEditor, ends_calendar);
  gtk_widget_class_bind_template_child (widget_class, MpEventEditor, starts_row);
  gtk_widget_class_bind_template_child (widget_class, MpEventEditor, ends_row);
  gtk_widget_class_bind_template_child (widget_class, MpEventEditor, starts_time);
  gtk_widget_class_bind_template_child (widget_class, MpEventEditor, ends_time);
  gtk_widget_class_bind_template_child (widget_class, MpEventEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, MpEventEditor, capacity_row);
  gtk_widget_class_bind_template_child (widget_class, MpEventEditor, capacity_spin);
  gtk_widget_class_bind_template_callback (widget_class, mp_event_editor_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_event_editor_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_event_editor_end_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, mp_event_editor_save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mp_event_editor_init (MpEventEditor *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (MpEventKind kind = 0; kind < MP_N_EVENT_KINDS; kind++)
    gtk_string_list_append (kinds, mp_event_kind_get_label (kind));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  mp_a11y_name_expander_switch (self->capacity_row);

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

MpEventEditor *
mp_event_editor_new (MpStore           *store,
                     MpEvent           *event,
                     MpEventEditorMode  mode)
{
  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (event == NULL || MP_IS_EVENT (event), NULL);

  return g_object_new (MP_TYPE_EVENT_EDITOR,
                       "store", store,
                       "event", event,
                       "mode", mode,
                       NULL);
}
