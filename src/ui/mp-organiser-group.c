#define G_LOG_DOMAIN "mp-organiser-group"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mp-error.h"
#include "mp-file.h"
#include "mp-organiser-group.h"
#include "mp-ticket-organiser.h"

struct _MpOrganiserGroup
{
  AdwPreferencesGroup   parent_instance;

  GSettings            *settings;
  GtkFileChooserNative *chooser;

  /* Template widgets */
  AdwEntryRow          *name_row;
  AdwActionRow         *logo_row;
  GtkPicture           *logo_picture;
  GtkWidget            *remove_button;
  GtkWidget            *choose_button;
};

G_DEFINE_FINAL_TYPE (MpOrganiserGroup, mp_organiser_group, ADW_TYPE_PREFERENCES_GROUP)

static void
show_message (MpOrganiserGroup *self,
              const char       *message)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);

  if (window != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (message));
  else
    g_debug ("%s", message);
}

static void
update_logo (MpOrganiserGroup *self)
{
  g_autofree char *logo = self->settings != NULL ? g_settings_get_string (self->settings, "organiser-logo") : g_strdup ("");
  gboolean has_logo = logo[0] != '\0' && g_file_test (logo, G_FILE_TEST_IS_REGULAR);

  adw_action_row_set_subtitle (self->logo_row,
                               has_logo ? _("Printed beside the organiser’s name")
                               : logo[0] != '\0' ? _("The logo’s file is gone: choose it again")
                               : _("None"));
  gtk_widget_set_visible (self->remove_button, logo[0] != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->logo_picture), has_logo);
  gtk_picture_set_filename (self->logo_picture, has_logo ? logo : NULL);
}

static void
settings_changed_cb (MpOrganiserGroup *self,
                     const char       *key)
{
  if (g_strcmp0 (key, "organiser-logo") == 0)
    update_logo (self);
}

gboolean
mp_organiser_group_take_logo (MpOrganiserGroup  *self,
                              const char        *path,
                              GError           **error)
{
  g_autoptr(MpTicketOrganiser) organiser = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *copy = NULL;
  gsize length;

  g_return_val_if_fail (MP_IS_ORGANISER_GROUP (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* a picture the tickets can draw, or nothing changes */
  organiser = mp_ticket_organiser_new (NULL, path, error);
  if (organiser == NULL || !g_file_get_contents (path, &contents, &length, error))
    return FALSE;

  /* kept in Møteplass's own folder: the chosen file may move */
  folder = g_build_filename (g_get_user_data_dir (), "moteplass", NULL);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, MP_ERROR, MP_ERROR_IO, _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  copy = g_build_filename (folder, length >= 8 && memcmp (contents, "\x89PNG", 4) == 0
                                   ? "organiser-logo.png" : "organiser-logo.svg", NULL);
  if (!mp_file_replace_contents (copy, contents, length, error))
    return FALSE;

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "organiser-logo", copy);
  update_logo (self);
  return TRUE;
}

static void
chosen_cb (MpOrganiserGroup     *self,
           int                   response,
           GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        show_message (self, _("Choose a file on this computer."));
      else if (!mp_organiser_group_take_logo (self, path, &error))
        show_message (self, error->message);
    }
  g_clear_object (&self->chooser);
}

static void
mp_organiser_group_choose_cb (MpOrganiserGroup *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Choose the Organiser’s Logo"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("SVG and PNG pictures"));
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_suffix (filter, "svg");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
mp_organiser_group_remove_cb (MpOrganiserGroup *self)
{
  if (self->settings != NULL)
    g_settings_reset (self->settings, "organiser-logo");
}

static void
mp_organiser_group_dispose (GObject *object)
{
  MpOrganiserGroup *self = (MpOrganiserGroup *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_ORGANISER_GROUP);

  G_OBJECT_CLASS (mp_organiser_group_parent_class)->dispose (object);
}

static void
mp_organiser_group_class_init (MpOrganiserGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_organiser_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-organiser-group.ui");
  gtk_widget_class_bind_template_child (widget_class, MpOrganiserGroup, name_row);
  gtk_widget_class_bind_template_child (widget_class, MpOrganiserGroup, logo_row);
  gtk_widget_class_bind_template_child (widget_class, MpOrganiserGroup, logo_picture);
  gtk_widget_class_bind_template_child (widget_class, MpOrganiserGroup, remove_button);
  gtk_widget_class_bind_template_child (widget_class, MpOrganiserGroup, choose_button);
  gtk_widget_class_bind_template_callback (widget_class, mp_organiser_group_choose_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_organiser_group_remove_cb);
}

static void
mp_organiser_group_init (MpOrganiserGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_logo (self);
}

void
mp_organiser_group_set_settings (MpOrganiserGroup *self,
                                 GSettings        *settings)
{
  g_return_if_fail (MP_IS_ORGANISER_GROUP (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (!g_set_object (&self->settings, settings) || settings == NULL)
    return;

  g_settings_bind (settings, "organiser-name", self->name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  update_logo (self);
}
