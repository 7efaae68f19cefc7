/* mp-mail-composer.h: the ticket e-mail of each attendee of one event
 *
 * Made once per event and sending: reads the event, its e-mail settings
 * and the account, and keeps what is the same in every message (the
 * From and Reply-To, the date and time in the event's language, the
 * ticket renderer). mp_mail_composer_compose() then writes one
 * attendee's message: subject and text with the placeholders filled
 * in, the HTML with the QR code inline, the ticket as a PDF (the
 * renderer of printed tickets) and the event as an .ics file.
 *
 * Meant for one thread at a time.
 */
#pragma once

#include <glib-object.h>

#include "mp-attendee.h"
#include "mp-event.h"
#include "mp-event-mail.h"
#include "mp-mail-account.h"
#include "mp-mail-message.h"

G_BEGIN_DECLS

#define MP_TYPE_MAIL_COMPOSER (mp_mail_composer_get_type ())

G_DECLARE_FINAL_TYPE (MpMailComposer, mp_mail_composer, MP, MAIL_COMPOSER, GObject)

/* MP_ERROR_INVALID when the account has no valid From address. */
MpMailComposer *mp_mail_composer_new       (MpEvent              *event,
                                            const MpEventMail    *event_mail,
                                            const MpMailAccount  *account,
                                            GError              **error);

/* The message to @attendee's address; @now (UTC seconds) stamps the
 * Date header and the .ics. MP_ERROR_INVALID when the attendee has no
 * valid address or no ticket. */
MpMailMessage  *mp_mail_composer_compose   (MpMailComposer       *self,
                                            MpAttendee           *attendee,
                                            gint64                now,
                                            GError              **error);

/* The .ics alone (RFC 5545): one VEVENT with TZID Europe/Oslo and its
 * VTIMEZONE, UID the registration's UUID, CRLF, folded at 75 octets. */
char           *mp_mail_composer_dup_ics   (MpMailComposer       *self,
                                            MpAttendee           *attendee,
                                            gint64                now);

/* A short text-only message to @address that tells the account works. */
MpMailMessage  *mp_mail_test_message_new   (const MpMailAccount  *account,
                                            const char           *address,
                                            gint64                now,
                                            GError              **error);

G_END_DECLS
