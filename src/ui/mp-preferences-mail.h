/* mp-preferences-mail.h: Preferences, E-mail: the mail account tickets
 * are sent from
 *
 * Binds the keys of no.moteplass.Moteplass.Mail, kept in the file the
 * command line reads too (~/.config/moteplass/mail.ini, through GLib's
 * keyfile settings backend: mp-mail-account.h); the password goes to
 * the GNOME keyring (mp-smtp-password.h), never to that file. Test sends
 * the account's test message to the sender address on a thread and
 * shows the server's answer.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MP_TYPE_PREFERENCES_MAIL (mp_preferences_mail_get_type ())

G_DECLARE_FINAL_TYPE (MpPreferencesMail, mp_preferences_mail, MP, PREFERENCES_MAIL, AdwPreferencesPage)

/* @settings: NULL for this computer's file (mp_preferences_mail_dup_settings()). */
MpPreferencesMail *mp_preferences_mail_new           (GSettings *settings);
/* The schema no.moteplass.Moteplass.Mail over the account's file. */
GSettings         *mp_preferences_mail_dup_settings  (void);

G_END_DECLS
