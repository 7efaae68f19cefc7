#define G_LOG_DOMAIN "mp-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-badge-print.h"
#include "mp-error.h"
#include "mp-organiser-group.h"
#include "mp-pin.h"
#include "mp-preferences-mail.h"
#include "mp-combo-row.h"
#include "mp-preferences-hub.h"
#include "mp-preferences-window.h"
#include "mp-ticket-render.h"

struct _MpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  GPtrArray            *printer_names;  /* index in printer_list → queue name; "" is the folder */
  gboolean              updating_printers;
  GtkFileChooserNative *folder_chooser;

  /* Template widgets */
  AdwEntryRow          *desk_name_row;
  GtkSwitch            *sound_switch;
  GtkSwitch            *print_badges_switch;
  AdwComboRow          *printer_row;
  GtkStringList        *printer_list;
  AdwActionRow         *folder_row;
  GtkButton            *folder_button;
  AdwComboRow          *layout_row;
  GtkStringList        *layout_list;
  AdwActionRow         *pin_row;
  GtkButton            *set_pin_button;
  GtkButton            *remove_pin_button;
  AdwComboRow          *language_row;
  GtkStringList        *language_list;
  GtkSpinButton        *retention_spin;
  MpOrganiserGroup     *organiser_group;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MpPreferencesWindow, mp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Kiosk language: the combo's first row is the desktop's language (""),
 * then the kiosk's own languages in the order of its buttons, each named
 * in itself. */
static const struct
{
  const char *code;
  const char *native_name;
} kiosk_languages[] = {
  { "nb", "Norsk bokmål" },
  { "nn", "Norsk nynorsk" },
  { "en", "English" },
  { "uk", "Українська" },
  { "ar", "العربية" },
};

static gboolean
language_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *code = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, 0);
  for (guint i = 0; i < G_N_ELEMENTS (kiosk_languages); i++)
    if (g_strcmp0 (kiosk_languages[i].code, code) == 0)
      g_value_set_uint (value, i + 1);

  return TRUE;
}

static GVariant *
language_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= 1 && selected <= G_N_ELEMENTS (kiosk_languages))
    return g_variant_new_string (kiosk_languages[selected - 1].code);

  return g_variant_new_string ("");
}

static gboolean
layout_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  MpTicketLayout layout = MP_TICKET_LAYOUT_BADGE_LABEL;

  mp_ticket_layout_from_string (g_variant_get_string (variant, NULL), &layout);
  g_value_set_uint (value, layout);

  return TRUE;
}

static GVariant *
layout_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= MP_N_TICKET_LAYOUTS)
    return NULL;

  return g_variant_new_string (mp_ticket_layout_to_string (selected));
}

static void
mp_preferences_window_update_folder (MpPreferencesWindow *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "badge-folder");
  g_autofree char *printer = g_settings_get_string (self->settings, "badge-printer");
  g_autofree char *shown = NULL;

  if (*folder == '\0')
    {
      g_free (folder);
      folder = mp_badge_printer_dup_default_folder ();
    }

  shown = g_filename_display_name (folder);
  adw_action_row_set_subtitle (self->folder_row, shown);
  /* The folder matters only when badges are not printed. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->folder_row), *printer == '\0');
}

static void
mp_preferences_window_update_pin (MpPreferencesWindow *self)
{
  g_autofree char *hash = g_settings_get_string (self->settings, "kiosk-pin-hash");
  gboolean has_pin = *hash != '\0';

  adw_action_row_set_subtitle (self->pin_row,
                               has_pin
                               ? _("Set. Needed to leave the kiosk.")
                               : _("Not set. The kiosk asks for one when it starts."));
  gtk_button_set_label (self->set_pin_button, has_pin ? _("_Change PIN…") : _("_Set PIN…"));
  gtk_widget_set_visible (GTK_WIDGET (self->remove_pin_button), has_pin);
}

/* Fills the printer row: the folder, the queues CUPS knows, and the
 * chosen printer even when CUPS does not answer now (so that opening
 * Preferences while the print service is down does not forget it). */
static void
mp_preferences_window_fill_printers (MpPreferencesWindow *self,
                                     const char * const  *queues)
{
  g_autofree char *chosen = g_settings_get_string (self->settings, "badge-printer");
  guint selected = 0;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->printer_list));

  self->updating_printers = TRUE;

  g_ptr_array_set_size (self->printer_names, 0);
  g_ptr_array_add (self->printer_names, g_strdup (""));
  for (guint i = 0; queues != NULL && queues[i] != NULL; i++)
    g_ptr_array_add (self->printer_names, g_strdup (queues[i]));
  if (*chosen != '\0' && (queues == NULL || !g_strv_contains (queues, chosen)))
    g_ptr_array_add (self->printer_names, g_strdup (chosen));

  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < self->printer_names->len; i++)
      {
        const char *name = g_ptr_array_index (self->printer_names, i);

        if (*name == '\0')
          g_ptr_array_add (labels, g_strdup (_("Save as PDF in a folder")));
        else if (queues != NULL && g_strv_contains (queues, name))
          g_ptr_array_add (labels, g_strdup (name));
        else
          /* Translators: a chosen printer that CUPS does not list now */
          g_ptr_array_add (labels, g_strdup_printf (_("%s (not found now)"), name));
        if (g_strcmp0 (name, chosen) == 0)
          selected = i;
      }
    g_ptr_array_add (labels, NULL);
    gtk_string_list_splice (self->printer_list, 0, n_old, (const char * const *) labels->pdata);
  }

  adw_combo_row_set_selected (self->printer_row, selected);
  self->updating_printers = FALSE;

  mp_preferences_window_update_folder (self);
}

static void
list_printers_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  g_task_return_pointer (task, mp_badge_printer_list_printers (), (GDestroyNotify) g_strfreev);
}

static void
list_printers_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_auto(GStrv) queues = g_task_propagate_pointer (G_TASK (result), NULL);

  /* Cancelled when the window closed first: user_data is gone then. */
  if (queues == NULL)
    return;

  mp_preferences_window_fill_printers (MP_PREFERENCES_WINDOW (user_data), (const char * const *) queues);
}

static void
mp_preferences_window_printer_selected_cb (MpPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->printer_row);

  if (self->updating_printers || selected >= self->printer_names->len)
    return;

  g_settings_set_string (self->settings, "badge-printer", g_ptr_array_index (self->printer_names, selected));
}

static void
mp_preferences_window_settings_changed_cb (MpPreferencesWindow *self,
                                           const char          *key)
{
  if (g_strcmp0 (key, "kiosk-pin-hash") == 0)
    mp_preferences_window_update_pin (self);
  else if (g_strcmp0 (key, "badge-folder") == 0 || g_strcmp0 (key, "badge-printer") == 0)
    mp_preferences_window_update_folder (self);
}

static void
folder_chosen_cb (MpPreferencesWindow  *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "badge-folder", path);
      else
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                          adw_toast_new (_("Choose a folder on this computer")));
    }

  g_clear_object (&self->folder_chooser);
}

static void
mp_preferences_window_choose_folder_cb (MpPreferencesWindow *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "badge-folder");

  if (self->folder_chooser != NULL)
    return;

  self->folder_chooser = gtk_file_chooser_native_new (_("Badge Folder"), GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                      _("_Choose"), _("_Cancel"));
  if (*folder != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) current = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->folder_chooser), current, NULL);
    }
  g_signal_connect_object (self->folder_chooser, "response", G_CALLBACK (folder_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->folder_chooser));
}

gboolean
mp_preferences_window_save_pin (MpPreferencesWindow  *self,
                                const char           *pin,
                                GError              **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (MP_IS_PREFERENCES_WINDOW (self), FALSE);

  hash = mp_pin_hash (pin, error);
  if (hash == NULL)
    return FALSE;

  if (!g_settings_set_string (self->settings, "kiosk-pin-hash", hash))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_READ_ONLY,
                           _("The PIN cannot be saved: the settings are locked."));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  MpPreferencesWindow *self;
  GtkEditable         *pin;
  GtkEditable         *repeat;
  GtkLabel            *hint;
} PinDialog;

static void
pin_dialog_changed_cb (AdwMessageDialog *dialog)
{
  PinDialog *d = g_object_get_data (G_OBJECT (dialog), "pin-dialog");
  const char *pin = gtk_editable_get_text (d->pin);
  const char *repeat = gtk_editable_get_text (d->repeat);
  gboolean acceptable = mp_pin_is_acceptable (pin);
  const char *hint = "";

  if (*pin != '\0' && !acceptable)
    hint = _("A PIN is 4 to 12 digits.");
  else if (acceptable && *repeat != '\0' && g_strcmp0 (pin, repeat) != 0)
    hint = _("The two PINs are not the same.");

  gtk_label_set_text (d->hint, hint);
  adw_message_dialog_set_response_enabled (dialog, "set", acceptable && g_strcmp0 (pin, repeat) == 0);
}

static void
pin_dialog_activate_cb (AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "set"))
    adw_message_dialog_response (dialog, "set");
}

static void
pin_dialog_response_cb (AdwMessageDialog *dialog,
                        const char       *response)
{
  PinDialog *d = g_object_get_data (G_OBJECT (dialog), "pin-dialog");
  g_autoptr(GError) error = NULL;

  /* GTK 4.8's GtkPasswordEntry warns ("invalid unclassed pointer") when
   * its window is destroyed while it has the focus; the dialog closes
   * right after this. */
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);

  if (g_strcmp0 (response, "set") != 0)
    return;

  if (mp_preferences_window_save_pin (d->self, gtk_editable_get_text (d->pin), &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (d->self),
                                      adw_toast_new (_("The kiosk PIN is set")));
  else
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (d->self), toast);
    }
}

static GtkWidget *
pin_entry_new (const char *placeholder)
{
  GtkWidget *entry = gtk_password_entry_new ();

  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  g_object_set (entry, "placeholder-text", placeholder, NULL);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  return entry;
}

static void
mp_preferences_window_set_pin_cb (MpPreferencesWindow *self)
{
  g_autofree char *hash = g_settings_get_string (self->settings, "kiosk-pin-hash");
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *pin;
  GtkWidget *repeat;
  GtkWidget *hint;
  PinDialog *d;

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   *hash != '\0' ? _("Change the Kiosk PIN") : _("Set the Kiosk PIN"),
                                   _("4 to 12 digits. The organiser types it to leave the kiosk. "
                                     "Only a protected fingerprint of it is kept on this computer."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "set", _("_Set PIN"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "set", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "set", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "set");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  pin = pin_entry_new (_("New PIN"));
  repeat = pin_entry_new (_("The same PIN again"));
  hint = gtk_label_new ("");
  gtk_widget_add_css_class (hint, "error");
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_box_append (GTK_BOX (box), pin);
  gtk_box_append (GTK_BOX (box), repeat);
  gtk_box_append (GTK_BOX (box), hint);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  d = g_new0 (PinDialog, 1);
  d->self = self;
  d->pin = GTK_EDITABLE (pin);
  d->repeat = GTK_EDITABLE (repeat);
  d->hint = GTK_LABEL (hint);
  g_object_set_data_full (G_OBJECT (dialog), "pin-dialog", d, g_free);

  g_signal_connect_swapped (pin, "changed", G_CALLBACK (pin_dialog_changed_cb), dialog);
  g_signal_connect_swapped (repeat, "changed", G_CALLBACK (pin_dialog_changed_cb), dialog);
  g_signal_connect_swapped (pin, "activate", G_CALLBACK (gtk_widget_grab_focus), repeat);
  g_signal_connect_swapped (repeat, "activate", G_CALLBACK (pin_dialog_activate_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (pin_dialog_response_cb), NULL);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (pin);
}

static void
remove_pin_response_cb (AdwMessageDialog    *dialog,
                        const char          *response,
                        MpPreferencesWindow *self)
{
  if (g_strcmp0 (response, "remove") == 0)
    g_settings_reset (self->settings, "kiosk-pin-hash");
}

static void
mp_preferences_window_remove_pin_cb (MpPreferencesWindow *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Remove the Kiosk PIN?"),
                                              _("Without a PIN the kiosk cannot start until a new one is set."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_pin_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
mp_preferences_window_set_hub (MpPreferencesWindow *self,
                               MpHub               *hub)
{
  g_return_if_fail (MP_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (MP_IS_HUB (hub));

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (mp_preferences_hub_new (hub, self->settings)));
}

GStrv
mp_preferences_window_dup_printer_choices (MpPreferencesWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (MP_IS_PREFERENCES_WINDOW (self), NULL);

  for (guint i = 0; i < self->printer_names->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->printer_names, i));

  return g_strv_builder_end (builder);
}

static void
mp_preferences_window_constructed (GObject *object)
{
  MpPreferencesWindow *self = MP_PREFERENCES_WINDOW (object);
  g_autoptr(GTask) task = NULL;

  G_OBJECT_CLASS (mp_preferences_window_parent_class)->constructed (object);

  g_settings_bind (self->settings, "desk-name", self->desk_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  mp_organiser_group_set_settings (self->organiser_group, self->settings);
  g_settings_bind (self->settings, "sound", self->sound_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "print-badges", self->print_badges_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "retention-months", self->retention_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "badge-layout", self->layout_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, layout_get_mapping, layout_set_mapping, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "kiosk-language", self->language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, language_get_mapping, language_set_mapping, NULL, NULL);

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (mp_preferences_window_settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->printer_row, "notify::selected",
                           G_CALLBACK (mp_preferences_window_printer_selected_cb), self, G_CONNECT_SWAPPED);

  mp_preferences_window_fill_printers (self, NULL);
  mp_preferences_window_update_pin (self);

  /* Asking CUPS may take a moment when it is slow or gone. */
  task = g_task_new (NULL, self->cancellable, list_printers_cb, self);
  g_task_set_source_tag (task, mp_preferences_window_constructed);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, list_printers_thread);
}

static void
mp_preferences_window_dispose (GObject *object)
{
  MpPreferencesWindow *self = MP_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->folder_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->folder_chooser));
  g_clear_object (&self->folder_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (mp_preferences_window_parent_class)->dispose (object);
}

static void
mp_preferences_window_finalize (GObject *object)
{
  MpPreferencesWindow *self = MP_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->printer_names, g_ptr_array_unref);

  G_OBJECT_CLASS (mp_preferences_window_parent_class)->finalize (object);
}

static void
mp_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MpPreferencesWindow *self = MP_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MpPreferencesWindow *self = MP_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_preferences_window_class_init (MpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mp_preferences_window_constructed;
  object_class->dispose = mp_preferences_window_dispose;
  object_class->finalize = mp_preferences_window_finalize;
  object_class->set_property = mp_preferences_window_set_property;
  object_class->get_property = mp_preferences_window_get_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MP_TYPE_ORGANISER_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, desk_name_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, sound_switch);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, print_badges_switch);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, printer_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, printer_list);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, folder_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, folder_button);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, layout_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, layout_list);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, pin_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, set_pin_button);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, remove_pin_button);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, language_list);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, retention_spin);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, organiser_group);
  gtk_widget_class_bind_template_callback (widget_class, mp_preferences_window_choose_folder_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_preferences_window_set_pin_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_preferences_window_remove_pin_cb);
}

static void
mp_preferences_window_init (MpPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->printer_names = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* every choice whole, never cut with "…" */
  mp_combo_row_list_whole (self->printer_row);
  mp_combo_row_list_whole (self->layout_row);
  mp_combo_row_list_whole (self->language_row);

  for (guint i = 0; i < MP_N_TICKET_LAYOUTS; i++)
    gtk_string_list_append (self->layout_list, mp_ticket_layout_get_label (i));

  gtk_string_list_append (self->language_list, _("The desktop’s language"));
  for (guint i = 0; i < G_N_ELEMENTS (kiosk_languages); i++)
    gtk_string_list_append (self->language_list, kiosk_languages[i].native_name);

  /* E-mail: a page of its own, over the account's own file */
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (mp_preferences_mail_new (NULL)));
}

MpPreferencesWindow *
mp_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (MP_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       NULL);
}
