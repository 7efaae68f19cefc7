#define G_LOG_DOMAIN "mp-registration-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-registration-editor.h"

struct _MpRegistrationEditor
{
  AdwWindow         parent_instance;

  MpStore          *store;
  gint64            event_id;
  GPtrArray        *sectors;   /* MpSector, in the order of sector_row after "None" */

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkButton        *add_button;
  AdwEntryRow      *name_row;
  AdwEntryRow      *organisation_row;
  AdwComboRow      *sector_row;
  AdwEntryRow      *email_row;
  AdwEntryRow      *phone_row;
  GtkSwitch        *waitlist_switch;
  GtkSwitch        *followup_switch;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_EVENT_ID,
  N_PROPS
};

enum {
  ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MpRegistrationEditor, mp_registration_editor, ADW_TYPE_WINDOW)

static char *
dup_stripped_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
mp_registration_editor_changed_cb (MpRegistrationEditor *self)
{
  g_autofree char *name = dup_stripped_text (self->name_row);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registration.add", name[0] != '\0');
}

static void
mp_registration_editor_add_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  MpRegistrationEditor *self = MP_REGISTRATION_EDITOR (widget);
  g_autoptr(MpAttendee) attendee = NULL;
  g_autoptr(GError) error = NULL;
  MpRegistrationInput input = { 0 };
  guint sector = adw_combo_row_get_selected (self->sector_row);

  input.name = dup_stripped_text (self->name_row);
  input.organisation = dup_stripped_text (self->organisation_row);
  input.email = dup_stripped_text (self->email_row);
  input.phone = dup_stripped_text (self->phone_row);
  if (sector != GTK_INVALID_LIST_POSITION && sector > 0 && self->sectors != NULL
      && sector - 1 < self->sectors->len)
    input.sector = g_strdup (((MpSector *) g_ptr_array_index (self->sectors, sector - 1))->name);
  input.status = gtk_switch_get_active (self->waitlist_switch)
                 ? MP_REGISTRATION_STATUS_WAITLISTED : MP_REGISTRATION_STATUS_REGISTERED;
  input.source = MP_REGISTRATION_SOURCE_MANUAL;
  input.consent_followup = gtk_switch_get_active (self->followup_switch) ? MP_CONSENT_YES : MP_CONSENT_UNKNOWN;

  attendee = mp_store_register (self->store, self->event_id, &input, &error);
  mp_registration_input_clear (&input);

  if (attendee == NULL)
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }

  g_signal_emit (self, signals[ADDED], 0, attendee);
  gtk_window_close (GTK_WINDOW (self));
}

static void
mp_registration_editor_constructed (GObject *object)
{
  MpRegistrationEditor *self = MP_REGISTRATION_EDITOR (object);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (mp_registration_editor_parent_class)->constructed (object);

  /* Translators: no sector chosen */
  gtk_string_list_append (names, C_("sector", "Not Given"));
  self->sectors = mp_store_list_sectors (self->store, &error);
  if (self->sectors == NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  for (guint i = 0; self->sectors != NULL && i < self->sectors->len; i++)
    gtk_string_list_append (names, ((MpSector *) g_ptr_array_index (self->sectors, i))->name);
  adw_combo_row_set_model (self->sector_row, G_LIST_MODEL (names));

  mp_registration_editor_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
mp_registration_editor_dispose (GObject *object)
{
  MpRegistrationEditor *self = (MpRegistrationEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_REGISTRATION_EDITOR);
  g_clear_object (&self->store);
  g_clear_pointer (&self->sectors, g_ptr_array_unref);

  G_OBJECT_CLASS (mp_registration_editor_parent_class)->dispose (object);
}

static void
mp_registration_editor_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MpRegistrationEditor *self = MP_REGISTRATION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_EVENT_ID:
      g_value_set_int64 (value, self->event_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_registration_editor_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  MpRegistrationEditor *self = MP_REGISTRATION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_EVENT_ID:
      self->event_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_registration_editor_class_init (MpRegistrationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mp_registration_editor_constructed;
  object_class->dispose = mp_registration_editor_dispose;
  object_class->get_property = mp_registration_editor_get_property;
  object_class->set_property = mp_registration_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENT_ID] =
    g_param_spec_int64 ("event-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The new registration. */
  signals[ADDED] =
    g_signal_new ("added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MP_TYPE_ATTENDEE);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-registration-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, sector_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, waitlist_switch);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, followup_switch);
  gtk_widget_class_bind_template_callback (widget_class, mp_registration_editor_changed_cb);

  gtk_widget_class_install_action (widget_class, "registration.add", NULL, mp_registration_editor_add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mp_registration_editor_init (MpRegistrationEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->add_button));
}

MpRegistrationEditor *
mp_registration_editor_new (MpStore *store,
                            gint64   event_id)
{
  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  return g_object_new (MP_TYPE_REGISTRATION_EDITOR,
                       "store", store,
                       "event-id", event_id,
                       NULL);
}
