/* mp-badge-notice.h: a badge printed at check-in, and what became of it
 *
 * With "print-badges" on in the settings, mp_badge_notice_print ()
 * prints the attendee's badge without a dialog (MpBadgePrinter: a CUPS
 * queue, or a PDF in a folder) and then shows where it went, or why it
 * was not printed, in a small notice (a GtkRevealer, for a GtkOverlay).
 * A printer that fails never touches the check-in itself.
 */
#pragma once

#include <gtk/gtk.h>

#include "mp-attendee.h"
#include "mp-event.h"

G_BEGIN_DECLS

#define MP_TYPE_BADGE_NOTICE (mp_badge_notice_get_type ())

G_DECLARE_FINAL_TYPE (MpBadgeNotice, mp_badge_notice, MP, BADGE_NOTICE, GtkWidget)

/* Prints @attendee's badge for @event if @settings say so ("print-badges",
 * "badge-printer", "badge-folder", "badge-layout"); hides the last notice
 * meanwhile. */
void        mp_badge_notice_print     (MpBadgeNotice *self,
                                       GSettings     *settings,
                                       MpEvent       *event,
                                       MpAttendee    *attendee);
void        mp_badge_notice_hide      (MpBadgeNotice *self);

/* What became of the last badge: "off", "printing", "printed" or
 * "failed: WHY" (for tests). */
const char *mp_badge_notice_get_state (MpBadgeNotice *self);

G_END_DECLS
