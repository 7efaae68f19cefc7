/* mp-mailing-dialog.h: Mailing List… of an event's page
 *
 * The follow-up mailing list by the rules of `moteplass-cli mailing`
 * (mp-mailing.h): only those who consented, whatever the filters; the
 * events to take it from (this one, and others if chosen), a sector,
 * and those who came. It says how many are on it, how many the filters
 * would have given but for their consent, who is on it; it copies the
 * addresses for a Bcc line and saves the list as CSV (plain or for
 * Excel) or vCard. The list is read on a thread with a connection of
 * its own.
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_MAILING_DIALOG (mp_mailing_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MpMailingDialog, mp_mailing_dialog, MP, MAILING_DIALOG, AdwWindow)

/* @owner: the widget it is opened from; @event: the event it starts with. */
MpMailingDialog *mp_mailing_dialog_new      (GtkWidget       *owner,
                                             MpStore         *store,
                                             MpEvent         *event);
/* Reads the list again (a consent changed meanwhile). */
void             mp_mailing_dialog_reload   (MpMailingDialog *self);
/* For tests and MP_DEBUG_STATE: "mailing=…" lines, with where the
 * events' check boxes and the sector's list are in the window. */
void             mp_mailing_dialog_describe (MpMailingDialog *self,
                                             GString         *out);

G_END_DECLS
