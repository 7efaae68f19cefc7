/* mp-mail-account.h: the mail account tickets are sent from
 *
 * Kept per computer, in one small file: $XDG_CONFIG_HOME/moteplass/mail.ini
 * (~/.config/moteplass/mail.ini), group [mail], values written as GVariant
 * text. That is the format of GLib's keyfile GSettings backend, so the
 * window reads and binds the same file as the GSettings schema
 * no.moteplass.Moteplass.Mail (data/no.moteplass.Moteplass.gschema.xml)
 * through g_keyfile_settings_backend_new (path,
 * "/no/moteplass/Moteplass/mail/", "mail"), while the command line needs
 * neither a compiled schema nor a D-Bus session (dconf writes need one,
 * and a server reached over ssh has none).
 *
 * The password is never kept here, in the database or in GSettings: the
 * command line takes it from MOTEPLASS_SMTP_PASSWORD or from ~/.netrc
 * (libcurl's own reading of it); the window from the GNOME keyring.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MP_MAIL_SECURITY_STARTTLS,  /* plain connection upgraded with STARTTLS, or fail (587) */
  MP_MAIL_SECURITY_TLS,       /* TLS from the first byte, smtps:// (465) */
  MP_MAIL_SECURITY_NONE,      /* no encryption: only to this computer (loopback) */
} MpMailSecurity;

/* "starttls", "tls", "none" */
const char *mp_mail_security_to_string   (MpMailSecurity  security);
gboolean    mp_mail_security_from_string (const char     *text,
                                          MpMailSecurity *out);
/* 587, 465, 25 */
guint       mp_mail_security_default_port (MpMailSecurity security);

/* Microsoft 365 allows 30 messages a minute per mailbox. */
#define MP_MAIL_DEFAULT_RATE 30

/* Strings are owned and never NULL ("" when not set). */
typedef struct
{
  char           *server;
  guint           port;       /* 0: the security's default port */
  MpMailSecurity  security;
  char           *user;       /* "" : no AUTH (a relay that needs none) */
  char           *from;       /* the sender address */
  char           *from_name;  /* shown with it, unless the event names its own */
  char           *reply_to;   /* unless the event names its own */
  char           *ca_file;    /* a PEM file of CA certificates for a private server */
  guint           rate;       /* messages a minute at most (0: no limit); default 30 */
  /* Never saved. NULL: ~/.netrc. Set by the caller (the environment,
   * the keyring). */
  char           *password;
} MpMailAccount;

MpMailAccount *mp_mail_account_new              (void);
MpMailAccount *mp_mail_account_copy             (const MpMailAccount *account);
void           mp_mail_account_free             (MpMailAccount       *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpMailAccount, mp_mail_account_free)

/* $XDG_CONFIG_HOME/moteplass/mail.ini */
char          *mp_mail_account_dup_default_path (void);

/* Reads @path (NULL: the default file). A missing file is an empty
 * account, not an error; a file that cannot be read or parsed is. */
MpMailAccount *mp_mail_account_load             (const char          *path,
                                                 GError             **error);
/* Writes the account (never the password) to @path (NULL: the default),
 * whole or not at all, readable only by its owner. Keys it does not
 * know are kept. */
gboolean       mp_mail_account_save             (const MpMailAccount *account,
                                                 const char          *path,
                                                 GError             **error);

/* Whether the account can send: a server, a port, a valid From
 * address, a valid Reply-To if any, and no unencrypted connection to
 * another computer. MP_ERROR_INVALID with what to fix. */
gboolean       mp_mail_account_check            (const MpMailAccount *account,
                                                 GError             **error);
/* Whether @host names this computer: localhost, 127.0.0.0/8 or ::1. */
gboolean       mp_mail_host_is_loopback         (const char          *host);

/* smtp://HOST:PORT or smtps://HOST:PORT */
char          *mp_mail_account_dup_url          (const MpMailAccount *account);
guint          mp_mail_account_get_port         (const MpMailAccount *account);

G_END_DECLS
