/* mp-ticket-mail-group.h: a registration's ticket e-mail, in its editor
 *
 * Says whether the ticket was e-mailed (when, to which address, what the
 * server answered, or why it failed) and sends it again on purpose: Send
 * Ticket Again, e.g. after the address changed, through MpTicketSending
 * (one registration, resend), on a thread.
 */
#pragma once

#include <adwaita.h>

#include "mp-attendee.h"
#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_TICKET_MAIL_GROUP (mp_ticket_mail_group_get_type ())

G_DECLARE_FINAL_TYPE (MpTicketMailGroup, mp_ticket_mail_group, MP, TICKET_MAIL_GROUP, AdwPreferencesGroup)

GtkWidget *mp_ticket_mail_group_new          (void);
/* Shows @attendee's ticket e-mail (read again from @store). */
void       mp_ticket_mail_group_set_attendee (MpTicketMailGroup *self,
                                              MpStore           *store,
                                              MpAttendee        *attendee);
/* "editor.ticket-mail=STATE|WHAT IT SAYS" for MP_DEBUG_STATE */
void       mp_ticket_mail_group_describe     (MpTicketMailGroup *self,
                                              GString           *out);

G_END_DECLS
