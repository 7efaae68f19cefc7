/* mp-ticket-sending.h: one sending of tickets by e-mail from the window
 *
 * Runs mp_ticket_mailer_send() on a thread of its own with a database
 * connection of its own (mp_database_open_worker()), with the mail
 * account of this computer (mp-mail-account.h) and its password from
 * the keyring (mp-smtp-password.h), at the account's rate. Reports
 * "progress" and, at the end, "finished" on the main thread. Used by the
 * Send Tickets dialog (everyone, or those who failed) and the
 * registration editor (one person, again on purpose).
 *
 * mp_ticket_sending_test_async() sends the account's test message the
 * same way.
 */
#pragma once

#include <gio/gio.h>

#include "mp-mail-account.h"
#include "mp-store.h"
#include "mp-ticket-mailer.h"

G_BEGIN_DECLS

#define MP_TYPE_TICKET_SENDING (mp_ticket_sending_get_type ())

G_DECLARE_FINAL_TYPE (MpTicketSending, mp_ticket_sending, MP, TICKET_SENDING, GObject)

/* @options: resend, registration_id; the rate is the account's. */
MpTicketSending            *mp_ticket_sending_new         (MpStore                      *store,
                                                           gint64                        event_id,
                                                           gboolean                      resend,
                                                           gint64                        registration_id);
void                        mp_ticket_sending_start       (MpTicketSending              *self);
/* Stops between messages, or in one whose end has not left. */
void                        mp_ticket_sending_cancel      (MpTicketSending              *self);
gboolean                    mp_ticket_sending_get_running (MpTicketSending              *self);
guint                       mp_ticket_sending_get_done    (MpTicketSending              *self);
guint                       mp_ticket_sending_get_total   (MpTicketSending              *self);
/* The rate the run keeps (messages a minute, 0: none), once started. */
guint                       mp_ticket_sending_get_rate    (MpTicketSending              *self);
/* After "finished": what was done, and why it stopped early (NULL: it
 * did not). */
const MpTicketMailerResult *mp_ticket_sending_get_result  (MpTicketSending              *self);
const GError               *mp_ticket_sending_get_error   (MpTicketSending              *self);

/* Whether @account is set up to send (a server, a valid sender
 * address, …): MP_ERROR_INVALID saying what to set up otherwise. */
gboolean                    mp_ticket_sending_check_account (const MpMailAccount        *account,
                                                             GError                    **error);
/* MP_ERROR_NOT_FOUND: the keyring has no password for @account. */
void                        mp_ticket_sending_set_no_password (const MpMailAccount      *account,
                                                               GError                  **error);

/* The account of this computer with its password from the keyring (on
 * a thread: the keyring is asked over D-Bus). MP_ERROR_INVALID when
 * the account is not set up, MP_ERROR_NOT_FOUND when it logs in but
 * the keyring has no password for it. */
MpMailAccount              *mp_ticket_sending_load_account (GCancellable                *cancellable,
                                                            GError                     **error);

/* Sends the account's test message to @address on a thread. */
void                        mp_ticket_sending_test_async  (const char                   *address,
                                                           GCancellable                 *cancellable,
                                                           GAsyncReadyCallback           callback,
                                                           gpointer                      user_data);
/* The server's answer ("250 2.0.0 Ok …"), or NULL and @error. */
char                       *mp_ticket_sending_test_finish (GAsyncResult                 *result,
                                                           GError                      **error);

G_END_DECLS
