/* mp-smtp-password.h: the mail account's password in the GNOME keyring
 *
 * The window keeps the password of the mail account (mp-mail-account.h)
 * in the user's keyring through libsecret (the Secret Service over
 * D-Bus: GNOME Keyring, KeePassXC …), under the schema
 * "no.moteplass.Moteplass.Smtp" with the attributes server and user,
 * never in the database or in GSettings. The command line does not use
 * it: it reads MOTEPLASS_SMTP_PASSWORD or ~/.netrc.
 *
 * With no keyring (no D-Bus session, no Secret Service running, a
 * locked keyring that was not opened) each call fails with MP_ERROR and
 * a sentence that says so; nothing is kept anywhere else instead.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads the password for @user on @server: NULL without an error when
 * the keyring has none. May block on D-Bus: call it on a thread. */
char     *mp_smtp_password_lookup_sync (const char           *server,
                                        const char           *user,
                                        GCancellable         *cancellable,
                                        GError              **error);

void      mp_smtp_password_lookup      (const char           *server,
                                        const char           *user,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
/* The password (free with mp_smtp_password_free()), or NULL: with
 * @error set when the keyring could not be asked, else none is kept. */
char     *mp_smtp_password_lookup_finish (GAsyncResult       *result,
                                          GError            **error);

/* Keeps @password for @user on @server, replacing an older one. */
void      mp_smtp_password_store       (const char           *server,
                                        const char           *user,
                                        const char           *password,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean  mp_smtp_password_store_finish (GAsyncResult        *result,
                                         GError             **error);

/* Forgets the password for @user on @server (TRUE also when none was kept). */
void      mp_smtp_password_clear       (const char           *server,
                                        const char           *user,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean  mp_smtp_password_clear_finish (GAsyncResult        *result,
                                         GError             **error);

/* Overwrites and frees a password. */
void      mp_smtp_password_free        (char                 *password);

G_END_DECLS
