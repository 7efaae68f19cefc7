/* mp-desk-page.h: the check-in desk at the door of one event
 *
 * Built for a keyboard-wedge scanner: whatever has focus, a scan is
 * recognised (MpScanCapture), checked in (committed) and answered big
 * enough to read from two metres, with a sound (MpCheckInAnswer). Name
 * search for a forgotten ticket, walk-in registration (MpWalkInForm),
 * undo of the last check-in, a live counter, badges printed at check-in.
 *
 * Properties: "store" and "settings" (GSettings of the application: the
 * desk's name, sounds, badges; NULL: none kept) are set by the window;
 * "event" and "title" (the event's title, for the window's) follow
 * mp_desk_page_load ().
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_DESK_PAGE (mp_desk_page_get_type ())

G_DECLARE_FINAL_TYPE (MpDeskPage, mp_desk_page, MP, DESK_PAGE, AdwBin)

void         mp_desk_page_set_store     (MpDeskPage  *self,
                                         MpStore     *store);
gboolean     mp_desk_page_load          (MpDeskPage  *self,
                                         gint64       event_id,
                                         GError     **error);
MpEvent     *mp_desk_page_get_event     (MpDeskPage  *self);
gint64       mp_desk_page_get_event_id  (MpDeskPage  *self);
const char  *mp_desk_page_get_title     (MpDeskPage  *self);
void         mp_desk_page_focus_search  (MpDeskPage  *self);
/* Counts again now if another program or the hub's worker wrote to
 * the file (as the page's poll does every second). */
void         mp_desk_page_look_for_changes (MpDeskPage *self);
/* Checks in what a scanner typed, as if scanned. */
void         mp_desk_page_check_in_text (MpDeskPage  *self,
                                         const char  *scanned_text);

/* What the desk shows, for tests (MP_DEBUG_STATE): desk.* lines
 * (mp-desk-page-debug.c). */
void         mp_desk_page_describe      (MpDeskPage  *self,
                                         GString     *out);

G_END_DECLS
