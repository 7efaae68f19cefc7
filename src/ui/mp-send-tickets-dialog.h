/* mp-send-tickets-dialog.h: Send Tickets by e-mail, from an event's page
 *
 * Says who will get their ticket, who got it already (or may have, from
 * an interrupted sending), who has no address; shows the message as it
 * will be sent to a chosen attendee (GTK 4.8 has no web view: the text
 * part, the QR code the HTML part shows, and the attachments' names);
 * lets the event's message be changed (language, sender's name,
 * Reply-To, subject, text); sends on a thread (MpTicketSending) with a
 * progress bar and Stop; then lists the failures with their reasons and
 * sends again to those who failed.
 */
#pragma once

#include <adwaita.h>

#include "mp-event.h"
#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_SEND_TICKETS_DIALOG (mp_send_tickets_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MpSendTicketsDialog, mp_send_tickets_dialog, MP, SEND_TICKETS_DIALOG, AdwWindow)

/* @preview_registration_id: whose message to show first (0: the first
 * who will get one). */
MpSendTicketsDialog *mp_send_tickets_dialog_new      (MpStore             *store,
                                                      MpEvent             *event,
                                                      gint64               preview_registration_id);
/* What it shows, for MP_DEBUG_STATE (lines starting "send-tickets"). */
void                 mp_send_tickets_dialog_describe (MpSendTicketsDialog *self,
                                                      GString             *out);

G_END_DECLS
