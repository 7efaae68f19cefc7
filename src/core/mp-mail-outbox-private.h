/* mp-mail-outbox-private.h: the outbox's changes, for the ticket mailer.
 * Each runs in a transaction of its own and is durable when it returns
 * TRUE (see mp-mail-outbox.h for the states). */
#pragma once

#include "mp-database.h"
#include "mp-mail-outbox.h"

G_BEGIN_DECLS

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
