/* Preferences, E-mail: see mp-preferences-mail.h. */
#define G_LOG_DOMAIN "mp-preferences-mail"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <unistd.h>

#include "mp-error.h"
#include "mp-mail-account.h"
#include "mp-preferences-mail.h"
#include "mp-smtp-password.h"
#include "mp-ticket-sending.h"

struct _MpPreferencesMail
{
  AdwPreferencesPage    parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;       /* everything, when the page goes */
  GCancellable         *lookup;            /* the keyring's answer being awaited */
  GtkFileChooserNative *ca_chooser;
  guint                 lookup_source;

  /* Template widgets */
  AdwEntryRow          *server_row;
  AdwComboRow          *security_row;
  AdwActionRow         *port_row;
  GtkSpinButton        *port_spin;
  AdwEntryRow          *user_row;
  AdwPasswordEntryRow  *password_row;
  AdwActionRow         *password_state_row;
  GtkButton            *forget_button;
  AdwActionRow         *ca_file_row;
  GtkButton            *ca_clear_button;
  AdwEntryRow          *from_row;
  AdwEntryRow          *from_name_row;
  AdwEntryRow          *reply_to_row;
  GtkSpinButton        *rate_spin;
  AdwActionRow         *test_row;
  GtkSpinner           *test_spinner;
  GtkButton            *test_button;
  GtkLabel             *problem_label;
};

G_DEFINE_FINAL_TYPE (MpPreferencesMail, mp_preferences_mail, ADW_TYPE_PREFERENCES_PAGE)

GSettings *
mp_preferences_mail_dup_settings (void)
{
  g_autofree char *path = mp_mail_account_dup_default_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GSettingsBackend) backend = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "no.moteplass.Moteplass.Mail", TRUE);
  g_return_val_if_fail (schema != NULL, NULL);

  /* The backend writes the file, not its folder, and keeps the mode of
   * a file it replaces: one made here is its owner's alone, as the
   * command line makes it (mp_mail_account_save()). */
  g_mkdir_with_parents (folder, 0700);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

      if (fd >= 0)
        close (fd);
    }
  backend = g_keyfile_settings_backend_new (path, "/no/moteplass/Moteplass/mail/", "mail");
  return g_settings_new_full (schema, backend, NULL);
}

/* The account as the settings hold it now (no password). */
static MpMailAccount *
account_from_settings (GSettings *settings)
{
  MpMailAccount *account = mp_mail_account_new ();
  g_autofree char *security = g_settings_get_string (settings, "security");

  g_free (account->server);
  account->server = g_strstrip (g_settings_get_string (settings, "server"));
  g_free (account->user);
  account->user = g_strstrip (g_settings_get_string (settings, "user"));
  g_free (account->from);
  account->from = g_strstrip (g_settings_get_string (settings, "from"));
  g_free (account->reply_to);
  account->reply_to = g_strstrip (g_settings_get_string (settings, "reply-to"));
  g_free (account->ca_file);
  account->ca_file = g_settings_get_string (settings, "ca-file");
  account->port = g_settings_get_uint (settings, "port");
  account->rate = g_settings_get_uint (settings, "rate");
  mp_mail_security_from_string (security, &account->security);
  return account;
}

/* The password's state */

static void
mp_preferences_mail_show_password_state (MpPreferencesMail *self,
                                         const char        *state,
                                         gboolean           can_forget)
{
  adw_action_row_set_subtitle (self->password_state_row, state);
  gtk_widget_set_visible (GTK_WIDGET (self->forget_button), can_forget);
}

static void
password_looked_up_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  char *password = mp_smtp_password_lookup_finish (result, &error);
  MpPreferencesMail *self;
  g_autoptr(MpMailAccount) account = NULL;
  g_autofree char *state = NULL;

  if (g_error_matches (error, MP_ERROR, MP_ERROR_CANCELLED))
    {
      mp_smtp_password_free (password);
      return;
    }
  self = MP_PREFERENCES_MAIL (user_data);
  account = account_from_settings (self->settings);

  if (error != NULL)
    state = g_strdup (error->message);
  else if (password != NULL)
    /* Translators: the password's state: user name, then server */
    state = g_strdup_printf (_("A password for %s on %s is kept in the keyring."), account->user, account->server);
  else
    state = g_strdup_printf (_("The keyring has no password for %s on %s yet: type it above and press Enter."),
                             account->user, account->server);
  mp_preferences_mail_show_password_state (self, state, password != NULL);
  mp_smtp_password_free (password);
}

static gboolean
mp_preferences_mail_look_up_password (gpointer data)
{
  MpPreferencesMail *self = MP_PREFERENCES_MAIL (data);
  g_autoptr(MpMailAccount) account = account_from_settings (self->settings);

  self->lookup_source = 0;
  g_cancellable_cancel (self->lookup);
  g_clear_object (&self->lookup);

  if (account->server[0] == '\0' || account->user[0] == '\0')
    {
      mp_preferences_mail_show_password_state (self, _("No password is needed without a server and a user name."), FALSE);
      return G_SOURCE_REMOVE;
    }

  self->lookup = g_cancellable_new ();
  mp_smtp_password_lookup (account->server, account->user, self->lookup, password_looked_up_cb, self);
  return G_SOURCE_REMOVE;
}

static void
password_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  MpPreferencesMail *self;

  if (!mp_smtp_password_store_finish (result, &error) && g_error_matches (error, MP_ERROR, MP_ERROR_CANCELLED))
    return;
  self = MP_PREFERENCES_MAIL (user_data);

  if (error != NULL)
    mp_preferences_mail_show_password_state (self, error->message, FALSE);
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      mp_preferences_mail_look_up_password (self);
    }
}

static void
mp_preferences_mail_store_password_cb (MpPreferencesMail *self)
{
  g_autoptr(MpMailAccount) account = account_from_settings (self->settings);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (password[0] == '\0')
    return;
  if (account->server[0] == '\0' || account->user[0] == '\0')
    {
      mp_preferences_mail_show_password_state (self, _("Give the server and the user name first: the password is kept for them."), FALSE);
      return;
    }

  mp_preferences_mail_show_password_state (self, _("Keeping the password in the keyring…"), FALSE);
  mp_smtp_password_store (account->server, account->user, password, self->cancellable, password_stored_cb, self);
}

static void
password_cleared_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  MpPreferencesMail *self;

  if (!mp_smtp_password_clear_finish (result, &error) && g_error_matches (error, MP_ERROR, MP_ERROR_CANCELLED))
    return;
  self = MP_PREFERENCES_MAIL (user_data);

  if (error != NULL)
    mp_preferences_mail_show_password_state (self, error->message, TRUE);
  else
    mp_preferences_mail_look_up_password (self);
}

static void
mp_preferences_mail_forget_cb (MpPreferencesMail *self)
{
  g_autoptr(MpMailAccount) account = account_from_settings (self->settings);

  mp_smtp_password_clear (account->server, account->user, self->cancellable, password_cleared_cb, self);
}

/* What is wrong with the account as it is, said under it. */
static void
mp_preferences_mail_check (MpPreferencesMail *self)
{
  g_autoptr(MpMailAccount) account = account_from_settings (self->settings);
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;
  g_autofree char *test = NULL;

  if (account->server[0] != '\0' || account->from[0] != '\0')
    mp_mail_account_check (account, &error);
  gtk_label_set_text (self->problem_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), error != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button),
                            error == NULL && account->server[0] != '\0' && account->from[0] != '\0');

  /* Translators: the port row's subtitle: the port used when it is 0 */
  port = g_strdup_printf (_("0: the usual one for the security (%u)"), mp_mail_security_default_port (account->security));
  adw_action_row_set_subtitle (self->port_row, port);

  if (account->from[0] != '\0')
    test = g_strdup_printf (_("Send a test message to %s"), account->from);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->test_row),
                                 test != NULL ? test : _("Send a test message to the sender address"));

  if (account->ca_file[0] != '\0')
    {
      g_autofree char *shown = g_filename_display_name (account->ca_file);

      adw_action_row_set_subtitle (self->ca_file_row, shown);
    }
  else
    adw_action_row_set_subtitle (self->ca_file_row, _("None: the system’s certificates"));
  gtk_widget_set_visible (GTK_WIDGET (self->ca_clear_button), account->ca_file[0] != '\0');
}

static void
mp_preferences_mail_settings_changed_cb (MpPreferencesMail *self,
                                         const char        *key)
{
  mp_preferences_mail_check (self);
  /* the password belongs to a server and a user */
  if (g_strcmp0 (key, "server") == 0 || g_strcmp0 (key, "user") == 0)
    {
      g_clear_handle_id (&self->lookup_source, g_source_remove);
      self->lookup_source = g_timeout_add (300, mp_preferences_mail_look_up_password, self);
    }
}

/* The CA file */

static void
ca_chosen_cb (MpPreferencesMail    *self,
              int                   response,
              GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "ca-file", path);
    }
  g_clear_object (&self->ca_chooser);
}

static void
mp_preferences_mail_ca_choose_cb (MpPreferencesMail *self)
{
  g_autoptr(GtkFileFilter) pem = gtk_file_filter_new ();

  if (self->ca_chooser != NULL)
    return;

  self->ca_chooser = gtk_file_chooser_native_new (_("CA Certificates (PEM)"),
                                                  GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                  GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (pem, _("Certificates (PEM)"));
  gtk_file_filter_add_suffix (pem, "pem");
  gtk_file_filter_add_suffix (pem, "crt");
  gtk_file_filter_add_mime_type (pem, "application/x-x509-ca-cert");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->ca_chooser), pem);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->ca_chooser), TRUE);
  g_signal_connect_object (self->ca_chooser, "response", G_CALLBACK (ca_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->ca_chooser));
}

static void
mp_preferences_mail_ca_clear_cb (MpPreferencesMail *self)
{
  g_settings_set_string (self->settings, "ca-file", "");
}

/* Test */

static void
test_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = mp_ticket_sending_test_finish (result, &error);
  MpPreferencesMail *self;
  g_autoptr(MpMailAccount) account = NULL;
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MP_PREFERENCES_MAIL (user_data);
  account = account_from_settings (self->settings);

  gtk_spinner_stop (self->test_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), TRUE);

  if (error != NULL)
    text = g_strdup (error->message);
  else
    /* Translators: after a test message: the address, and the server's answer ("250 2.0.0 Ok …") */
    text = g_strdup_printf (_("Sent to %s. The server answered: %s"), account->from, reply);
  adw_action_row_set_subtitle (self->test_row, text);
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->test_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->test_row), "error");
}

static void
mp_preferences_mail_test_cb (MpPreferencesMail *self)
{
  g_autoptr(MpMailAccount) account = account_from_settings (self->settings);

  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), TRUE);
  gtk_spinner_start (self->test_spinner);
  adw_action_row_set_subtitle (self->test_row, _("Sending…"));
  g_settings_sync ();
  mp_ticket_sending_test_async (account->from, self->cancellable, test_done_cb, self);
}

/* The security combo's rows, in the order of MpMailSecurity */

static gboolean
security_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  MpMailSecurity security = MP_MAIL_SECURITY_STARTTLS;

  mp_mail_security_from_string (g_variant_get_string (variant, NULL), &security);
  g_value_set_uint (value, security);
  return TRUE;
}

static GVariant *
security_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected > MP_MAIL_SECURITY_NONE)
    return NULL;
  return g_variant_new_string (mp_mail_security_to_string (selected));
}

/* GObject */

static void
mp_preferences_mail_dispose (GObject *object)
{
  MpPreferencesMail *self = MP_PREFERENCES_MAIL (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->lookup);
  g_clear_handle_id (&self->lookup_source, g_source_remove);
  if (self->ca_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->ca_chooser));
  g_clear_object (&self->ca_chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_PREFERENCES_MAIL);
  /* what was typed reaches the file */
  if (self->settings != NULL)
    g_settings_sync ();
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mp_preferences_mail_parent_class)->dispose (object);
}

static void
mp_preferences_mail_finalize (GObject *object)
{
  MpPreferencesMail *self = MP_PREFERENCES_MAIL (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->lookup);

  G_OBJECT_CLASS (mp_preferences_mail_parent_class)->finalize (object);
}

static void
mp_preferences_mail_class_init (MpPreferencesMailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_preferences_mail_dispose;
  object_class->finalize = mp_preferences_mail_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-preferences-mail.ui");
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesMail, server_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesMail, security_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesMail, port_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesMail, port_spin);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesMail, user_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesMail, password_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesMail, password_state_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesMail, forget_button);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesMail, ca_file_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesMail, ca_clear_button);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesMail, from_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesMail, from_name_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesMail, reply_to_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesMail, rate_spin);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesMail, test_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesMail, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesMail, test_button);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesMail, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, mp_preferences_mail_forget_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_preferences_mail_ca_choose_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_preferences_mail_ca_clear_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_preferences_mail_test_cb);
}

static void
mp_preferences_mail_init (MpPreferencesMail *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

MpPreferencesMail *
mp_preferences_mail_new (GSettings *settings)
{
  MpPreferencesMail *self = g_object_new (MP_TYPE_PREFERENCES_MAIL, NULL);

  self->settings = settings != NULL ? g_object_ref (settings) : mp_preferences_mail_dup_settings ();
  if (self->settings == NULL)
    return self;

  g_settings_bind (self->settings, "server", self->server_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "port", self->port_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "user", self->user_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "from", self->from_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "from-name", self->from_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reply-to", self->reply_to_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "rate", self->rate_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "security", self->security_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, security_get_mapping, security_set_mapping, NULL, NULL);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (mp_preferences_mail_settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->password_row, "apply", G_CALLBACK (mp_preferences_mail_store_password_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->password_row, "entry-activated", G_CALLBACK (mp_preferences_mail_store_password_cb),
                           self, G_CONNECT_SWAPPED);

  mp_preferences_mail_check (self);
  mp_preferences_mail_look_up_password (self);
  return self;
}
