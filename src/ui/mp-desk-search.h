/* mp-desk-search.h: the desk's search for someone without a ticket
 *
 * A few letters of the name, organisation or e-mail (the Norwegian way:
 * "sorensen" finds Sørensen) list the best eight matches, with who has
 * arrived and who is not simply registered; ↑ ↓ pick while typing, Enter
 * or a click emits "picked" for the desk to check the person in. Below,
 * the button that registers a walk-in (desk.walk-in).
 */
#pragma once

#include <gtk/gtk.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_DESK_SEARCH (mp_desk_search_get_type ())

G_DECLARE_FINAL_TYPE (MpDeskSearch, mp_desk_search, MP, DESK_SEARCH, GtkWidget)

/* Searches @event_id's attendees in @store (NULL: nothing to search). */
void         mp_desk_search_set_event    (MpDeskSearch *self,
                                          MpStore      *store,
                                          gint64        event_id);
/* The same query again (someone registered or arrived meanwhile). */
void         mp_desk_search_refresh      (MpDeskSearch *self);
/* An empty search. */
void         mp_desk_search_clear        (MpDeskSearch *self);
void         mp_desk_search_focus        (MpDeskSearch *self);
gboolean     mp_desk_search_has_focus    (MpDeskSearch *self);
/* Where what a person types with nothing focused goes (MpScanCapture). */
GtkEditable *mp_desk_search_get_editable (MpDeskSearch *self);
const char  *mp_desk_search_get_text     (MpDeskSearch *self);
/* The matches shown (MpAttendee), or NULL; and the one picked with ↑ ↓. */
GPtrArray   *mp_desk_search_get_results  (MpDeskSearch *self);
MpAttendee  *mp_desk_search_get_selected (MpDeskSearch *self);

/* Signals:
 *   void picked (MpDeskSearch *self, MpAttendee *attendee)             */

G_END_DECLS
