#define G_LOG_DOMAIN "mp-registration-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-registration-edit.h"
#include "mp-combo-row.h"
#include "mp-registration-editor.h"
#include "mp-time.h"

struct _MpRegistrationEditor
{
  AdwWindow         parent_instance;

  MpStore          *store;
  gint64            event_id;
  GPtrArray        *sectors;   /* MpSector, in the order of sector_row after "None" */
  MpAttendee       *attendee;  /* the one edited; NULL when adding */

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
  AdwComboRow      *status_row;
  GtkWidget        *waitlist_row;
  GtkWidget        *followup_row;
  AdwEntryRow      *dietary_row;
  AdwEntryRow      *accessibility_row;
  AdwEntryRow      *interpreter_row;
  AdwPreferencesGroup *history_group;
  GtkWidget        *cancel_group;
  guint             n_history;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_EVENT_ID,
  N_PROPS
};

enum {
  ADDED,
  SAVED,
  CANCEL_REQUESTED,
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
mp_registration_editor_show_error (MpRegistrationEditor *self,
                                   const GError         *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* What the form says, as the store takes it. */
static void
mp_registration_editor_read_input (MpRegistrationEditor *self,
                                   MpRegistrationInput  *input)
{
  guint sector = adw_combo_row_get_selected (self->sector_row);

  input->name = dup_stripped_text (self->name_row);
  input->organisation = dup_stripped_text (self->organisation_row);
  input->email = dup_stripped_text (self->email_row);
  input->phone = dup_stripped_text (self->phone_row);
  input->dietary = dup_stripped_text (self->dietary_row);
  input->accessibility = dup_stripped_text (self->accessibility_row);
  input->interpreter = dup_stripped_text (self->interpreter_row);
  if (sector != GTK_INVALID_LIST_POSITION && sector > 0 && self->sectors != NULL
      && sector - 1 < self->sectors->len)
    input->sector = g_strdup (((MpSector *) g_ptr_array_index (self->sectors, sector - 1))->name);
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

  if (self->attendee != NULL)
    {
      gint64 id = mp_attendee_get_registration_id (self->attendee);
      guint status = adw_combo_row_get_selected (self->status_row);

      mp_registration_editor_read_input (self, &input);
      input.status = status <= MP_REGISTRATION_STATUS_CANCELLED ? (MpRegistrationStatus) status
                                                                : mp_attendee_get_status (self->attendee);
      if (!mp_store_update_registration (self->store, id, &input, &error) ||
          (attendee = mp_store_get_attendee (self->store, id, &error)) == NULL)
        {
          mp_registration_input_clear (&input);
          mp_registration_editor_show_error (self, error);
          return;
        }
      mp_registration_input_clear (&input);
      g_signal_emit (self, signals[SAVED], 0, attendee);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  mp_registration_editor_read_input (self, &input);
  input.status = gtk_switch_get_active (self->waitlist_switch)
                 ? MP_REGISTRATION_STATUS_WAITLISTED : MP_REGISTRATION_STATUS_REGISTERED;
  input.source = MP_REGISTRATION_SOURCE_MANUAL;
  input.consent_followup = gtk_switch_get_active (self->followup_switch) ? MP_CONSENT_YES : MP_CONSENT_UNKNOWN;

  attendee = mp_store_register (self->store, self->event_id, &input, &error);
  mp_registration_input_clear (&input);

  if (attendee == NULL)
    {
      mp_registration_editor_show_error (self, error);
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
  g_clear_object (&self->attendee);

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
mp_registration_editor_cancel_registration_action (GtkWidget  *widget,
                                                   const char *action_name,
                                                   GVariant   *parameter)
{
  MpRegistrationEditor *self = MP_REGISTRATION_EDITOR (widget);
  g_autoptr(MpAttendee) attendee = self->attendee != NULL ? g_object_ref (self->attendee) : NULL;

  if (attendee == NULL)
    return;

  gtk_window_close (GTK_WINDOW (self));
  g_signal_emit (self, signals[CANCEL_REQUESTED], 0, attendee);
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
  /* The edited registration, as saved. */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MP_TYPE_ATTENDEE);
  signals[CANCEL_REQUESTED] =
    g_signal_new ("cancel-requested",
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
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, waitlist_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, followup_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, dietary_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, accessibility_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, interpreter_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, history_group);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, cancel_group);
  gtk_widget_class_bind_template_callback (widget_class, mp_registration_editor_changed_cb);

  gtk_widget_class_install_action (widget_class, "registration.add", NULL, mp_registration_editor_add_action);
  gtk_widget_class_install_action (widget_class, "registration.cancel-registration", NULL,
                                   mp_registration_editor_cancel_registration_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mp_registration_editor_init (MpRegistrationEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* every choice whole, never cut with "…" */
  mp_combo_row_list_whole (self->sector_row);

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

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
mp_registration_editor_fill_history (MpRegistrationEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = mp_store_list_check_in_history (self->store, mp_attendee_get_registration_id (self->attendee), &error);

  if (history == NULL)
    {
      mp_registration_editor_show_error (self, error);
      return;
    }

  self->n_history = history->len;
  if (history->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Not checked in"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->history_group, row);
      return;
    }

  for (guint i = 0; i < history->len; i++)
    {
      MpCheckInRecord *record = g_ptr_array_index (history, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (record->is_undo ? "edit-undo-symbolic" : "object-select-symbolic");
      g_autofree char *when = mp_time_format_long (record->at);
      g_autofree char *subtitle = NULL;

      /* Translators: a line of the check-in history: the time, then the
       * desk's name: "tirsdag 8. mars 2022 kl. 09.00 · at desk Inngang 2" */
      subtitle = g_strdup_printf (_("%s · at desk %s"), when, record->desk);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     record->is_undo ? _("Check-in undone") : _("Checked in"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (!record->is_undo)
        gtk_widget_add_css_class (icon, "success");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->history_group, row);
    }
}

MpRegistrationEditor *
mp_registration_editor_new_for_attendee (MpStore    *store,
                                         MpAttendee *attendee)
{
  MpRegistrationEditor *self;
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  const char *sector;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (MP_IS_ATTENDEE (attendee), NULL);

  self = g_object_new (MP_TYPE_REGISTRATION_EDITOR,
                       "store", store,
                       "event-id", mp_attendee_get_event_id (attendee),
                       NULL);
  self->attendee = g_object_ref (attendee);

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Registration"));
  gtk_button_set_label (self->add_button, _("_Save"));
  set_text (self->name_row, mp_attendee_get_name (attendee));
  set_text (self->organisation_row, mp_attendee_get_organisation (attendee));
  set_text (self->email_row, mp_attendee_get_email (attendee));
  set_text (self->phone_row, mp_attendee_get_phone (attendee));
  set_text (self->dietary_row, mp_attendee_get_dietary (attendee));
  set_text (self->accessibility_row, mp_attendee_get_accessibility (attendee));
  set_text (self->interpreter_row, mp_attendee_get_interpreter (attendee));

  sector = mp_attendee_get_sector (attendee);
  for (guint i = 0; sector != NULL && self->sectors != NULL && i < self->sectors->len; i++)
    if (g_strcmp0 (((MpSector *) g_ptr_array_index (self->sectors, i))->name, sector) == 0)
      adw_combo_row_set_selected (self->sector_row, i + 1);

  for (guint s = MP_REGISTRATION_STATUS_REGISTERED; s <= MP_REGISTRATION_STATUS_CANCELLED; s++)
    gtk_string_list_append (statuses, mp_registration_status_get_label (s));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  adw_combo_row_set_selected (self->status_row, mp_attendee_get_status (attendee));

  /* Consents keep their own history; they are not edited here. */
  gtk_widget_set_visible (GTK_WIDGET (self->status_row), TRUE);
  gtk_widget_set_visible (self->waitlist_row, FALSE);
  gtk_widget_set_visible (self->followup_row, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), TRUE);
  gtk_widget_set_visible (self->cancel_group, mp_attendee_get_status (attendee) != MP_REGISTRATION_STATUS_CANCELLED);
  mp_registration_editor_fill_history (self);
  mp_registration_editor_changed_cb (self);

  return self;
}

void
mp_registration_editor_describe (MpRegistrationEditor *self,
                                 GString              *out)
{
  g_return_if_fail (MP_IS_REGISTRATION_EDITOR (self));

  g_string_append_printf (out, "editor=%s|%s\n", self->attendee != NULL ? "edit" : "add",
                          gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  if (self->attendee != NULL)
    g_string_append_printf (out, "editor.history=%u\n", self->n_history);
}
