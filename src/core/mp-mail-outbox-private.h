/* mp-mail-outbox-private.h: the outbox's changes, for the ticket mailer.
 * Each runs in a transaction of its own and is durable when it returns
 * TRUE (see mp-mail-outbox.h for the states). */
#pragma once

#include "mp-database.h"
#include "mp-mail-outbox.h"

G_BEGIN_DECLS

/* Where a registration's ticket e-mail stands, from its outbox rows, as
 * one number: the highest of its messages' marks, an
 * MpAttendeeTicketMail (mp-attendee.h):
 *   4 sent to the address the person has now (SENT)
 *   3 may have been sent to it: unconfirmed (UNCONFIRMED)
 *   2 sent or unconfirmed, to an address that is no longer theirs
 *     (ADDRESS_CHANGED)
 *   1 a message failed and none went anywhere (FAILED)
 *   0 none yet, or only queued (NONE)
 * One index seek (outbox_registration) per registration. @reg and
 * @email are SQL expressions: the registration's id, the person's
 * current address. */
#define MP_OUTBOX_TICKET_MAIL(reg, email) \
  "(SELECT coalesce (max (CASE" \
  "   WHEN s.state = 'sent' AND s.address = " email " COLLATE NOCASE THEN 4" \
  "   WHEN s.state = 'unconfirmed' AND s.address = " email " COLLATE NOCASE THEN 3" \
  "   WHEN s.state = 'sent' OR s.state = 'unconfirmed' THEN 2" \
  "   WHEN s.state = 'failed' THEN 1 ELSE 0 END), 0)" \
  "  FROM outbox s WHERE s.registration_id = " reg " AND s.kind = 'ticket')"

/* Rows left "sending" by a sender that died go back to "queued"; call
 * it only while holding the sending lock. */
gboolean  _mp_outbox_recover        (MpDatabase  *db,
                                     GError     **error);
/* Replaces the event's queued rows with one queued row per entry of
 * @registration_ids (gint64) to @addresses (char *); the new rows' ids
 * go to @out_ids. One transaction. */
gboolean  _mp_outbox_queue          (MpDatabase  *db,
                                     gint64       event_id,
                                     GArray      *registration_ids,
                                     GPtrArray   *addresses,
                                     GArray      *out_ids,
                                     GError     **error);
/* queued → sending, if the registration is still registered, the person
 * not erased and their address still @address. *@out_claimed FALSE
 * (and the row dropped) when that is no longer so. */
gboolean  _mp_outbox_claim          (MpDatabase  *db,
                                     gint64       outbox_id,
                                     const char  *address,
                                     const char  *message_id,
                                     gint64       now,
                                     gboolean    *out_claimed,
                                     GError     **error);
/* sending → unconfirmed: called just before the end of the message. */
gboolean  _mp_outbox_mark_unconfirmed (MpDatabase  *db,
                                       gint64       outbox_id,
                                       GError     **error);
/* → sent, failed, queued (to try later) or unconfirmed (for good). */
gboolean  _mp_outbox_finish         (MpDatabase  *db,
                                     gint64       outbox_id,
                                     const char  *state,
                                     gint64       now,
                                     const char  *reply,
                                     const char  *reason,
                                     GError     **error);

G_END_DECLS
