/* mp-mail-transport.h: SMTP through libcurl
 *
 * One MpMailTransport is one libcurl easy handle, kept for many
 * messages, so that they go over one connection, one TLS handshake and
 * one AUTH (libcurl keeps the connection between transfers; after a
 * refusal it closes it and the next message connects again). Dropping
 * the last reference ends the connection with QUIT.
 * STARTTLS is required (CURLUSESSL_ALL) or TLS from the start
 * (smtps://); certificates are verified against the system's CAs or
 * the account's CA file. libcurl's MIME API writes the message; nothing
 * here speaks SMTP by hand. Each message has one recipient, so that a
 * refusal concerns one person only (CURLOPT_MAIL_RCPT_ALLLOWFAILS, so
 * spelled in libcurl 7.88 and renamed ALLOWFAILS in 8.2, is not needed).
 *
 * What the server answered is sorted into an MpMailOutcome from the
 * command it answered and its code (RFC 5321 4.2.1): 5xx to RCPT or to
 * the end of the data refuses this message only; 4xx means try later;
 * failures to connect, encrypt, log in or send as the From address
 * concern every message and stop the sending.
 *
 * The window of doubt. SMTP has no exactly-once: the one moment where
 * neither side can know is between the end of the message (the final
 * "." after the data) and the server's 250. The transport calls
 * @before_end just before the end of the message leaves (from libcurl's
 * read of the last MIME part, before it writes the closing boundary and
 * the final "."), so that the caller can record durably that the
 * message may now arrive. Anything that fails before that call cannot
 * have been delivered (a server discards a transaction whose data did
 * not end); anything after it is either answered (250 sent, 4xx/5xx
 * not) or MP_MAIL_OUTCOME_UNCONFIRMED.
 */
#pragma once

#include <gio/gio.h>

#include "mp-mail-account.h"
#include "mp-mail-message.h"

G_BEGIN_DECLS

#define MP_MAIL_ERROR (mp_mail_error_quark ())

typedef enum
{
  MP_MAIL_ERROR_CONNECT,   /* the server cannot be reached */
  MP_MAIL_ERROR_TLS,       /* encryption or its certificate failed */
  MP_MAIL_ERROR_LOGIN,     /* user name or password refused */
  MP_MAIL_ERROR_SENDER,    /* the server will not send from this address */
  MP_MAIL_ERROR_BUSY,      /* another Møteplass is sending from this database */
  MP_MAIL_ERROR_FAILED,
} MpMailError;

GQuark mp_mail_error_quark (void);

typedef enum
{
  MP_MAIL_OUTCOME_SENT,         /* the server took it (250) */
  MP_MAIL_OUTCOME_REFUSED,      /* 5xx for this message: it failed, others may go */
  MP_MAIL_OUTCOME_TRY_LATER,    /* 4xx, or the connection lost before the end: not delivered */
  MP_MAIL_OUTCOME_UNCONFIRMED,  /* the end went out, no answer came: it may have arrived */
  MP_MAIL_OUTCOME_STOP,         /* the account or server fails for every message (@error) */
  MP_MAIL_OUTCOME_CANCELLED,    /* stopped before the end of the message: not delivered */
} MpMailOutcome;

/* Called once per message just before its end leaves; FALSE (and
 * @error) aborts the message before its end, so it is not delivered. */
typedef gboolean (*MpMailBeforeEndFunc) (gpointer   user_data,
                                         GError   **error);

#define MP_TYPE_MAIL_TRANSPORT (mp_mail_transport_get_type ())

G_DECLARE_FINAL_TYPE (MpMailTransport, mp_mail_transport, MP, MAIL_TRANSPORT, GObject)

/* Checks the account (mp_mail_account_check()); connects on the first
 * message. Without a password in @account, libcurl reads ~/.netrc. */
MpMailTransport *mp_mail_transport_new   (const MpMailAccount  *account,
                                          GError              **error);

/* Sends @message. @out_reply gets the server's last answer ("250 2.0.0
 * Ok: queued as …"), @out_reason a sentence for a person when the
 * message was not sent; @error is set for MP_MAIL_OUTCOME_STOP.
 * @cancellable stops a message only before its end has left. */
MpMailOutcome    mp_mail_transport_send  (MpMailTransport      *self,
                                          MpMailMessage        *message,
                                          MpMailBeforeEndFunc   before_end,
                                          gpointer              before_end_data,
                                          GCancellable         *cancellable,
                                          char                **out_reply,
                                          char                **out_reason,
                                          GError              **error);

/* "libcurl/7.88.1 GnuTLS/3.7.9 …" */
const char      *mp_mail_transport_get_library_version (void);

G_END_DECLS
