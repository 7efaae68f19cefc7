/* mp-ticket-mailer.h: e-mail every registrant their ticket, once
 *
 * mp_ticket_mailer_send() takes the sending lock of the database,
 * queues the event's registrations that are to get their ticket (see
 * mp-mail-outbox.h for who, and for the states that keep anyone from
 * getting two), and sends them one after the other over one connection:
 * compose (outside any transaction), claim (committed), send (the end of
 * the message recorded just before it leaves), record the answer.
 *
 *  - 5xx for a message: it failed, with the reason; the rest go on.
 *  - 4xx: tried again later in the run, after 1, 2, 4 … × the retry
 *    base, at most max_tries times in all; then it failed.
 *  - Failing to connect, encrypt, log in or send as From: the run stops
 *    and says why; what was not sent stays queued for the next send.
 *  - Cancel: the message under way stops if its end has not left (then
 *    it stays queued), otherwise it is let finish.
 *  - Rate: at most rate_per_minute messages start in any minute (0: no
 *    limit). Microsoft 365 allows 30 a minute per mailbox.
 *
 * The work is synchronous; the window runs it on a thread of its own
 * with a store of its own.
 */
#pragma once

#include <gio/gio.h>

#include "mp-event.h"
#include "mp-mail-account.h"
#include "mp-mail-outbox.h"
#include "mp-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint    rate_per_minute;   /* 0: as fast as the server takes them */
  gboolean resend;            /* also those who got (or may have got) it */
  gint64   registration_id;   /* only this one (0: the whole event) */
  guint    max_tries;         /* 0: 4 */
  guint    retry_base_ms;     /* 0: 2000 */
} MpTicketMailerOptions;

/* One person the run could not deliver to, or is unsure about. */
typedef struct
{
  gint64  registration_id;
  char   *name;
  char   *address;
  char   *reason;
} MpTicketMailProblem;

void mp_ticket_mail_problem_free (MpTicketMailProblem *problem);

typedef struct
{
  guint      total;        /* queued by this run */
  guint      sent;
  guint      skipped;      /* changed (erased, cancelled, new address) while waiting */
  guint      left;         /* still queued when the run stopped */
  GPtrArray *failed;       /* MpTicketMailProblem */
  GPtrArray *unconfirmed;  /* MpTicketMailProblem */
} MpTicketMailerResult;

void     mp_ticket_mailer_result_init   (MpTicketMailerResult *result);
void     mp_ticket_mailer_result_clear  (MpTicketMailerResult *result);

/* Called after each message: @done of @total, and the name of the one
 * that was just handled. */
typedef void (*MpTicketMailerProgressFunc) (guint       done,
                                            guint       total,
                                            const char *name,
                                            gpointer    user_data);

/* FALSE and @error when the run stopped before its end: the account
 * failed (MP_MAIL_ERROR), another sender holds the lock
 * (MP_MAIL_ERROR_BUSY), it was cancelled (MP_ERROR_CANCELLED) or the
 * database failed. @result says what was done either way. With
 * options->registration_id, MP_ERROR_EXISTS when that one got its
 * ticket already and options->resend is not set, MP_ERROR_INVALID when
 * it cannot get one (no address, not registered). */
gboolean mp_ticket_mailer_send          (MpStore                      *store,
                                         MpEvent                      *event,
                                         const MpMailAccount          *account,
                                         const MpTicketMailerOptions  *options,
                                         GCancellable                 *cancellable,
                                         MpTicketMailerProgressFunc    progress,
                                         gpointer                      progress_data,
                                         MpTicketMailerResult         *result,
                                         GError                      **error);

/* Sends the account's test message to @address. */
gboolean mp_ticket_mailer_send_test     (const MpMailAccount          *account,
                                         const char                   *address,
                                         char                        **out_reply,
                                         GError                      **error);

G_END_DECLS
