#define G_LOG_DOMAIN "mp-time-entry"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-time.h"
#include "mp-time-entry.h"

struct _MpTimeEntry
{
  GtkWidget  parent_instance;

  GtkWidget *entry;
  int        hour;
  int        minute;
  gboolean   valid;
  gboolean   updating;
};

enum {
  PROP_0,
  PROP_HOUR,
  PROP_MINUTE,
  PROP_VALID,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MpTimeEntry, mp_time_entry, GTK_TYPE_WIDGET)

static void
set_valid (MpTimeEntry *self,
           gboolean     valid)
{
  if (valid)
    gtk_widget_remove_css_class (self->entry, "error");
  else
    gtk_widget_add_css_class (self->entry, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_STATE_INVALID,
                               valid ? GTK_ACCESSIBLE_INVALID_FALSE : GTK_ACCESSIBLE_INVALID_TRUE, -1);
  if (self->valid == valid)
    return;
  self->valid = valid;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

static void
store_time (MpTimeEntry *self,
            int          hour,
            int          minute)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->hour != hour)
    {
      self->hour = hour;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOUR]);
    }
  if (self->minute != minute)
    {
      self->minute = minute;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MINUTE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
show_time (MpTimeEntry *self)
{
  g_autofree char *text = mp_time_format_hm (self->hour, self->minute);

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  self->updating = FALSE;
  set_valid (self, TRUE);
}

static void
changed_cb (MpTimeEntry *self)
{
  int hour, minute;

  if (self->updating)
    return;
  if (mp_time_parse_clock (gtk_editable_get_text (GTK_EDITABLE (self->entry)), &hour, &minute))
    {
      store_time (self, hour, minute);
      set_valid (self, TRUE);
    }
  else
    set_valid (self, FALSE);
}

/* Leaving the field (or Enter) writes the time as the language does */
static void
tidy (MpTimeEntry *self)
{
  if (self->valid)
    show_time (self);
}

static void
focus_leave_cb (MpTimeEntry *self)
{
  tidy (self);
}

static gboolean
key_pressed_cb (MpTimeEntry     *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  int total;

  if (keyval != GDK_KEY_Up && keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Up && keyval != GDK_KEY_KP_Down)
    return FALSE;

  /* five minutes on, to the next whole five */
  total = self->hour * 60 + self->minute;
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    total = (total / 5 + 1) * 5;
  else
    total = ((total + 4) / 5 - 1) * 5;
  total = (total + 24 * 60) % (24 * 60);
  store_time (self, total / 60, total % 60);
  show_time (self);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  return TRUE;
}

static void
mp_time_entry_dispose (GObject *object)
{
  MpTimeEntry *self = MP_TIME_ENTRY (object);

  g_clear_pointer (&self->entry, gtk_widget_unparent);

  G_OBJECT_CLASS (mp_time_entry_parent_class)->dispose (object);
}

static void
mp_time_entry_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MpTimeEntry *self = MP_TIME_ENTRY (object);

  switch (prop_id)
    {
    case PROP_HOUR:
      g_value_set_int (value, self->hour);
      break;
    case PROP_MINUTE:
      g_value_set_int (value, self->minute);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    case PROP_LABEL:
      g_value_set_string (value, NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_time_entry_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MpTimeEntry *self = MP_TIME_ENTRY (object);

  switch (prop_id)
    {
    case PROP_HOUR:
      mp_time_entry_set_time (self, g_value_get_int (value), self->minute);
      break;
    case PROP_MINUTE:
      mp_time_entry_set_time (self, self->hour, g_value_get_int (value));
      break;
    case PROP_LABEL:
      /* what a screen reader calls the field ("Start time") */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      g_value_get_string (value), -1);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_time_entry_class_init (MpTimeEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_time_entry_dispose;
  object_class->get_property = mp_time_entry_get_property;
  object_class->set_property = mp_time_entry_set_property;

  properties[PROP_HOUR] = g_param_spec_int ("hour", NULL, NULL, 0, 23, 9,
                                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MINUTE] = g_param_spec_int ("minute", NULL, NULL, 0, 59, 0,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] = g_param_spec_boolean ("valid", NULL, NULL, TRUE,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mp-time-entry");
}

static void
mp_time_entry_init (MpTimeEntry *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->hour = 9;
  self->valid = TRUE;
  self->entry = gtk_entry_new ();
  gtk_widget_set_parent (self->entry, GTK_WIDGET (self));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->entry), 8);
  gtk_editable_set_alignment (GTK_EDITABLE (self->entry), 0.5);
  /* Enter saves the dialog, as in its other fields */
  gtk_entry_set_activates_default (GTK_ENTRY (self->entry), TRUE);
  gtk_entry_set_input_hints (GTK_ENTRY (self->entry), GTK_INPUT_HINT_NO_SPELLCHECK);
  /* Translators: what the time field shows while empty */
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), _("hh.mm"));
  gtk_widget_set_tooltip_text (self->entry, _("Type a time: 9, 9.30, 0930 … (Up and Down step five minutes)"));
  gtk_widget_set_valign (self->entry, GTK_ALIGN_CENTER);
  g_signal_connect_object (self->entry, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (tidy), self, G_CONNECT_SWAPPED);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->entry, keys);
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->entry, focus);

  show_time (self);
}

GtkWidget *
mp_time_entry_new (void)
{
  return g_object_new (MP_TYPE_TIME_ENTRY, NULL);
}

int
mp_time_entry_get_hour (MpTimeEntry *self)
{
  g_return_val_if_fail (MP_IS_TIME_ENTRY (self), 0);
  return self->hour;
}

int
mp_time_entry_get_minute (MpTimeEntry *self)
{
  g_return_val_if_fail (MP_IS_TIME_ENTRY (self), 0);
  return self->minute;
}

void
mp_time_entry_set_time (MpTimeEntry *self,
                        int          hour,
                        int          minute)
{
  g_return_if_fail (MP_IS_TIME_ENTRY (self));
  g_return_if_fail (hour >= 0 && hour < 24 && minute >= 0 && minute < 60);

  store_time (self, hour, minute);
  show_time (self);
}

gboolean
mp_time_entry_get_valid (MpTimeEntry *self)
{
  g_return_val_if_fail (MP_IS_TIME_ENTRY (self), FALSE);
  return self->valid;
}

GtkEditable *
mp_time_entry_get_editable (MpTimeEntry *self)
{
  g_return_val_if_fail (MP_IS_TIME_ENTRY (self), NULL);
  return GTK_EDITABLE (self->entry);
}
