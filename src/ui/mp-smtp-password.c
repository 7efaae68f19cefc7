/* The mail account's password in the GNOME keyring: see mp-smtp-password.h. */
#define G_LOG_DOMAIN "mp-smtp-password"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "mp-error.h"
#include "mp-smtp-password.h"

static const SecretSchema *
smtp_schema (void)
{
  static const SecretSchema schema = {
    "no.moteplass.Moteplass.Smtp", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

/* libsecret's own error (a D-Bus one, most often) as a sentence that
 * tells a person what is wrong and where the password is not. */
static void
keyring_error (GError  **error,
               GError   *cause)
{
  if (cause == NULL)
    return;

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, MP_ERROR, MP_ERROR_CANCELLED, cause->message);
  else
    /* Translators: %s is libsecret's or D-Bus's own message */
    g_set_error (error, MP_ERROR, MP_ERROR_FAILED,
                 _("The keyring cannot be reached, so the mail password cannot be kept or read (%s). "
                   "Møteplass keeps it only in the GNOME keyring: sign in to a desktop session with a keyring, "
                   "or send from the command line with MOTEPLASS_SMTP_PASSWORD or ~/.netrc."),
                 cause->message);
  g_error_free (cause);
}

char *
mp_smtp_password_lookup_sync (const char    *server,
                              const char    *user,
                              GCancellable  *cancellable,
                              GError       **error)
{
  GError *local_error = NULL;
  char *password;

  g_return_val_if_fail (server != NULL && user != NULL, NULL);

  password = secret_password_lookup_sync (smtp_schema (), cancellable, &local_error,
                                          "server", server, "user", user, NULL);
  keyring_error (error, local_error);
  return password;
}

void
mp_smtp_password_lookup (const char          *server,
                         const char          *user,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  secret_password_lookup (smtp_schema (), cancellable, callback, user_data,
                          "server", server, "user", user, NULL);
}

char *
mp_smtp_password_lookup_finish (GAsyncResult  *result,
                                GError       **error)
{
  GError *local_error = NULL;
  char *password = secret_password_lookup_finish (result, &local_error);

  keyring_error (error, local_error);
  return password;
}

void
mp_smtp_password_store (const char          *server,
                        const char          *user,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  /* Translators: the label of the password in the keyring (Seahorse shows it) */
  g_autofree char *label = g_strdup_printf (_("Møteplass mail account %s on %s"), user, server);

  secret_password_store (smtp_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                         cancellable, callback, user_data,
                         "server", server, "user", user, NULL);
}

gboolean
mp_smtp_password_store_finish (GAsyncResult  *result,
                               GError       **error)
{
  GError *local_error = NULL;
  gboolean stored = secret_password_store_finish (result, &local_error);

  keyring_error (error, local_error);
  return stored;
}

void
mp_smtp_password_clear (const char          *server,
                        const char          *user,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  secret_password_clear (smtp_schema (), cancellable, callback, user_data,
                         "server", server, "user", user, NULL);
}

gboolean
mp_smtp_password_clear_finish (GAsyncResult  *result,
                               GError       **error)
{
  GError *local_error = NULL;

  /* FALSE without an error: there was none to clear */
  secret_password_clear_finish (result, &local_error);
  if (local_error != NULL)
    {
      keyring_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

void
mp_smtp_password_free (char *password)
{
  secret_password_free (password);
}
