/* mp-mail-outbox.h: what was e-mailed to whom, and when
 *
 * The outbox table holds one row per message to send or sent (a resend
 * on purpose is a new row): the registration, the address it goes or
 * went to, its state, when, and the server's answer or the reason it
 * failed. Never the message itself.
 *
 * States, and how nobody gets two copies:
 *
 *   queued       to be sent.
 *   sending      claimed by a sender, in a committed transaction, before
 *                it connects and talks to the server. The end of the
 *                message has not left.
 *   unconfirmed  committed just before the end of the message (the final
 *                "." of SMTP DATA) leaves; it is there until the server's
 *                answer is recorded.
 *   sent         the server answered 250 (time and answer kept).
 *   failed       the server refused it (5xx), or kept asking to try later
 *                (4xx) until the sender gave up; the reason in plain words.
 *
 * Only one sender works on a database at a time (an exclusive lock on
 * the file DATABASE-mail.lock, which the system releases when the
 * process dies, however it dies). A sender that finds a row "sending"
 * therefore knows its sender died before the end of that message left,
 * so the server discarded it (RFC 5321: a transaction without the end of
 * its data is not delivered): the row goes back to "queued". A row left
 * "unconfirmed" died in the window of doubt (the end left; the 250 may
 * or may not have come back). SMTP cannot tell which, so such a
 * registration is reported as "may have got it", is NOT sent again by a
 * plain send, and can be sent again on purpose. The window is one round
 * trip (the last bytes of the message and the server's answer), so a
 * crash or kill almost always lands outside it.
 *
 * A plain send goes to every registration (status registered, not
 * erased, with a valid address) that has no sent or unconfirmed message
 * to its current address. One whose address changed after it was sent
 * is counted apart and sent again only on purpose.
 */
#pragma once

#include <glib.h>

#include "mp-store.h"

G_BEGIN_DECLS

typedef enum
{
  MP_TICKET_MAIL_TO_SEND,          /* no ticket e-mail yet (or every try failed) */
  MP_TICKET_MAIL_SENT,             /* sent to the current address */
  MP_TICKET_MAIL_UNCONFIRMED,      /* may have been sent to the current address */
  MP_TICKET_MAIL_ADDRESS_CHANGED,  /* sent to an address that is no longer theirs */
  MP_TICKET_MAIL_NO_ADDRESS,       /* registered, but no valid address (or erased) */
  MP_TICKET_MAIL_NOT_ADMITTED,     /* waiting list or cancelled: no ticket */
} MpTicketMailStatus;

/* "to-send", "sent", "unconfirmed", "address-changed", "no-address", "not-admitted" */
const char *mp_ticket_mail_status_to_string (MpTicketMailStatus status);

typedef struct
{
  gint64              registration_id;
  gint64              person_id;
  char               *name;
  char               *address;          /* the current one; "" when none */
  MpTicketMailStatus  status;
  char               *sent_address;     /* the last sent (or unconfirmed) one's, or "" */
  gint64              sent_at;          /* when (the attempt, when unconfirmed); 0: never */
  char               *reply;            /* the server's answer to it, or "" */
  char               *last_failure;     /* TO_SEND: why the last try failed, or "" */
} MpTicketMailEntry;

void       mp_ticket_mail_entry_free (MpTicketMailEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpTicketMailEntry, mp_ticket_mail_entry_free)

typedef struct
{
  guint to_send;
  guint sent;
  guint unconfirmed;
  guint address_changed;
  guint no_address;
  guint not_admitted;
  guint failed_before;   /* of to_send: the last try failed */
} MpTicketMailCounts;

/* Every registration of the event with where its ticket e-mail stands,
 * in registration order, read in one snapshot. */
GPtrArray *mp_ticket_mail_list_event (MpStore             *store,
                                      gint64               event_id,
                                      GError             **error);
void       mp_ticket_mail_count      (GPtrArray           *entries,
                                      MpTicketMailCounts  *counts);

/* The last ticket e-mail of one registration, whatever became of it:
 * for a registration's own page (its status is the attendee's,
 * mp_attendee_get_ticket_mail()). Strings owned, "" when unset. */
typedef struct
{
  char   *state;     /* "queued" "sending" "unconfirmed" "sent" "failed", or "" for none */
  char   *address;
  gint64  at;        /* when it was sent, failed or last tried; 0: not yet */
  char   *reply;     /* the server's answer */
  char   *reason;    /* why it failed */
} MpTicketMailLast;

void              mp_ticket_mail_last_free (MpTicketMailLast *last);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpTicketMailLast, mp_ticket_mail_last_free)

/* Never NULL without @error; state "" when none was ever queued. */
MpTicketMailLast *mp_ticket_mail_get_last  (MpStore   *store,
                                            gint64     registration_id,
                                            GError   **error);

G_END_DECLS
