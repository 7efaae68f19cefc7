#define G_LOG_DOMAIN "mp-mail-account"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mp-error.h"
#include "mp-mail-account.h"
#include "mp-text.h"

/* The group GLib's keyfile backend uses for the keys right under its
 * root path (see the header). */
#define GROUP "mail"

const char *
mp_mail_security_to_string (MpMailSecurity security)
{
  switch (security)
    {
    case MP_MAIL_SECURITY_TLS:  return "tls";
    case MP_MAIL_SECURITY_NONE: return "none";
    case MP_MAIL_SECURITY_STARTTLS:
    default:                    return "starttls";
    }
}

gboolean
mp_mail_security_from_string (const char     *text,
                              MpMailSecurity *out)
{
  if (g_strcmp0 (text, "starttls") == 0)
    *out = MP_MAIL_SECURITY_STARTTLS;
  else if (g_strcmp0 (text, "tls") == 0)
    *out = MP_MAIL_SECURITY_TLS;
  else if (g_strcmp0 (text, "none") == 0)
    *out = MP_MAIL_SECURITY_NONE;
  else
    return FALSE;
  return TRUE;
}

guint
mp_mail_security_default_port (MpMailSecurity security)
{
  switch (security)
    {
    case MP_MAIL_SECURITY_TLS:  return 465;
    case MP_MAIL_SECURITY_NONE: return 25;
    case MP_MAIL_SECURITY_STARTTLS:
    default:                    return 587;
    }
}

MpMailAccount *
mp_mail_account_new (void)
{
  MpMailAccount *account = g_new0 (MpMailAccount, 1);

  account->server = g_strdup ("");
  account->security = MP_MAIL_SECURITY_STARTTLS;
  account->user = g_strdup ("");
  account->from = g_strdup ("");
  account->from_name = g_strdup ("");
  account->reply_to = g_strdup ("");
  account->ca_file = g_strdup ("");
  account->rate = MP_MAIL_DEFAULT_RATE;
  return account;
}

MpMailAccount *
mp_mail_account_copy (const MpMailAccount *account)
{
  MpMailAccount *copy = g_new0 (MpMailAccount, 1);

  copy->server = g_strdup (account->server);
  copy->port = account->port;
  copy->security = account->security;
  copy->user = g_strdup (account->user);
  copy->from = g_strdup (account->from);
  copy->from_name = g_strdup (account->from_name);
  copy->reply_to = g_strdup (account->reply_to);
  copy->ca_file = g_strdup (account->ca_file);
  copy->rate = account->rate;
  copy->password = g_strdup (account->password);
  return copy;
}

void
mp_mail_account_free (MpMailAccount *account)
{
  if (account == NULL)
    return;

  g_free (account->server);
  g_free (account->user);
  g_free (account->from);
  g_free (account->from_name);
  g_free (account->reply_to);
  g_free (account->ca_file);
  if (account->password != NULL)
    {
      /* not left lying in freed memory */
      memset (account->password, 0, strlen (account->password));
      g_free (account->password);
    }
  g_free (account);
}

char *
mp_mail_account_dup_default_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "moteplass", "mail.ini", NULL);
}

static void
set_file_error (GError     **error,
                const char  *path,
                const char  *detail)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, MP_ERROR, MP_ERROR_IO,
               _("The mail account in “%s” cannot be read (%s). Set it again with “moteplass-cli smtp set”."),
               display, detail);
}

/* A value as GLib's keyfile backend writes it: GVariant text. A value
 * that does not parse as @type is left as the default. */
static GVariant *
read_value (GKeyFile           *file,
            const char         *key,
            const GVariantType *type)
{
  g_autofree char *text = g_key_file_get_value (file, GROUP, key, NULL);

  if (text == NULL)
    return NULL;
  return g_variant_parse (type, text, NULL, NULL, NULL);
}

static void
read_string (GKeyFile    *file,
             const char  *key,
             char       **field)
{
  g_autoptr(GVariant) value = read_value (file, key, G_VARIANT_TYPE_STRING);

  if (value != NULL)
    {
      g_free (*field);
      *field = g_variant_dup_string (value, NULL);
    }
}

MpMailAccount *
mp_mail_account_load (const char  *path,
                      GError     **error)
{
  g_autoptr(MpMailAccount) account = mp_mail_account_new ();
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *default_path = NULL;
  g_autoptr(GVariant) port = NULL;
  g_autoptr(GVariant) rate = NULL;
  g_autofree char *security = NULL;

  if (path == NULL)
    path = default_path = mp_mail_account_dup_default_path ();

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_KEEP_COMMENTS, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&account);
      set_file_error (error, path, local_error->message);
      return NULL;
    }

  read_string (file, "server", &account->server);
  read_string (file, "user", &account->user);
  read_string (file, "from", &account->from);
  read_string (file, "from-name", &account->from_name);
  read_string (file, "reply-to", &account->reply_to);
  read_string (file, "ca-file", &account->ca_file);

  security = g_strdup ("starttls");
  read_string (file, "security", &security);
  if (!mp_mail_security_from_string (security, &account->security))
    account->security = MP_MAIL_SECURITY_STARTTLS;

  port = read_value (file, "port", G_VARIANT_TYPE_UINT32);
  if (port != NULL && g_variant_get_uint32 (port) <= 65535)
    account->port = g_variant_get_uint32 (port);
  rate = read_value (file, "rate", G_VARIANT_TYPE_UINT32);
  if (rate != NULL && g_variant_get_uint32 (rate) <= 10000)
    account->rate = g_variant_get_uint32 (rate);

  return g_steal_pointer (&account);
}

static void
write_string (GKeyFile   *file,
              const char *key,
              const char *value)
{
  g_autoptr(GVariant) variant = g_variant_ref_sink (g_variant_new_string (value != NULL ? value : ""));
  g_autofree char *text = g_variant_print (variant, FALSE);

  g_key_file_set_value (file, GROUP, key, text);
}

gboolean
mp_mail_account_save (const MpMailAccount *account,
                      const char          *path,
                      GError             **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *default_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  g_autofree char *port = NULL;
  g_autofree char *rate = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;

  g_return_val_if_fail (account != NULL, FALSE);

  if (path == NULL)
    path = default_path = mp_mail_account_dup_default_path ();

  /* Keys of a newer version, and the window's, stay as they are. */
  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_KEEP_COMMENTS, &local_error) &&
      !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      set_file_error (error, path, local_error->message);
      return FALSE;
    }
  g_clear_error (&local_error);

  write_string (file, "server", account->server);
  port = g_strdup_printf ("%u", account->port);
  g_key_file_set_value (file, GROUP, "port", port);
  write_string (file, "security", mp_mail_security_to_string (account->security));
  write_string (file, "user", account->user);
  write_string (file, "from", account->from);
  write_string (file, "from-name", account->from_name);
  write_string (file, "reply-to", account->reply_to);
  write_string (file, "ca-file", account->ca_file);
  rate = g_strdup_printf ("%u", account->rate);
  g_key_file_set_value (file, GROUP, "rate", rate);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, MP_ERROR, MP_ERROR_IO,
                   _("Could not make the folder “%s”: %s"), display, g_strerror (errsv));
      return FALSE;
    }

  data = g_key_file_to_data (file, &len, NULL);
  if (!g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_IO, local_error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
mp_mail_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (host == NULL || host[0] == '\0')
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_str_has_suffix (host, ".localhost"))
    return TRUE;

  /* "[::1]" as in a URL */
  if (host[0] == '[' && g_str_has_suffix (host, "]"))
    bare = g_strndup (host + 1, strlen (host) - 2);
  else
    bare = g_strdup (host);

  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
host_is_valid (const char *host)
{
  if (host[0] == '\0' || strlen (host) > 253)
    return FALSE;
  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != ':' &&
        *p != '[' && *p != ']' && *p != '_')
      return FALSE;
  return TRUE;
}

gboolean
mp_mail_account_check (const MpMailAccount *account,
                       GError             **error)
{
  g_return_val_if_fail (account != NULL, FALSE);

  if (account->server[0] == '\0')
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                           _("No mail server is set up. Set one with “moteplass-cli smtp set --server HOST --from ADDRESS” (or in Preferences)."));
      return FALSE;
    }
  if (!host_is_valid (account->server))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("“%s” is not a server name. Give a name such as smtp.office365.com, or an address."),
                   account->server);
      return FALSE;
    }
  if (account->port > 65535)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("The port must be a number from 1 to 65535 (587 for STARTTLS, 465 for TLS)."));
      return FALSE;
    }
  if (account->security == MP_MAIL_SECURITY_NONE && !mp_mail_host_is_loopback (account->server))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("Without encryption the password and the tickets would cross the network readable by anyone, so “none” is only for a server on this computer (localhost). Use starttls (port 587) or tls (port 465) for %s."),
                   account->server);
      return FALSE;
    }
  if (account->from[0] == '\0')
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                           _("No sender address is set up. Set it with “moteplass-cli smtp set --from ADDRESS” (or in Preferences)."));
      return FALSE;
    }
  if (!mp_text_email_is_valid (account->from))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("The sender address “%s” is not an e-mail address."), account->from);
      return FALSE;
    }
  if (account->reply_to[0] != '\0' && !mp_text_email_is_valid (account->reply_to))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("The reply address “%s” is not an e-mail address."), account->reply_to);
      return FALSE;
    }
  if (account->ca_file[0] != '\0' && !g_file_test (account->ca_file, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (account->ca_file);

      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("The CA file “%s” does not exist."), display);
      return FALSE;
    }

  return TRUE;
}

guint
mp_mail_account_get_port (const MpMailAccount *account)
{
  return account->port != 0 ? account->port : mp_mail_security_default_port (account->security);
}

char *
mp_mail_account_dup_url (const MpMailAccount *account)
{
  const char *host = account->server;
  g_autofree char *bracketed = NULL;

  /* an IPv6 address goes in brackets in a URL */
  if (strchr (host, ':') != NULL && host[0] != '[')
    host = bracketed = g_strdup_printf ("[%s]", host);

  return g_strdup_printf ("%s://%s:%u",
                          account->security == MP_MAIL_SECURITY_TLS ? "smtps" : "smtp",
                          host, mp_mail_account_get_port (account));
}
