/* mp-ticket-render-private.h: between the renderer (mp-ticket-render.c,
 * drawing) and its files (mp-ticket-render-file.c). Nothing outside
 * src/core/ includes this. */
#pragma once

#include "mp-ticket-render.h"

G_BEGIN_DECLS

/* While a file is rendered, the QR codes of @attendees, in order, are
 * made ahead on a second thread (when there are enough of them and a
 * second core); mp_ticket_renderer_draw_page() takes them from there.
 * Stop it when the file is done, whether it succeeded or not. */
void  _mp_ticket_renderer_start_code_prefetch (MpTicketRenderer *self,
                                               GPtrArray        *attendees);
void  _mp_ticket_renderer_stop_code_prefetch  (MpTicketRenderer *self);

G_END_DECLS
