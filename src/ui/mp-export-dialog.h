/* mp-export-dialog.h: Export Attendees… of an event's page
 *
 * The format (CSV, CSV for Excel, an Excel workbook), whether only those
 * who consented to follow-up, then where: the file is written on a
 * thread with a connection of its own, by the same core functions as
 * `moteplass-cli export` (mp-csv-export.h, mp-xlsx-export.h), so the
 * window writes what the command line writes. A toast where the dialog
 * was opened from says how many, with Open.
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_EXPORT_DIALOG (mp_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MpExportDialog, mp_export_dialog, MP, EXPORT_DIALOG, AdwWindow)

/* @owner: the widget it is opened from (the page, told when it is done). */
MpExportDialog *mp_export_dialog_new      (GtkWidget      *owner,
                                           MpStore        *store,
                                           MpEvent        *event);
/* For tests and MP_DEBUG_STATE: "export=…" lines. */
void            mp_export_dialog_describe (MpExportDialog *self,
                                           GString        *out);

G_END_DECLS
