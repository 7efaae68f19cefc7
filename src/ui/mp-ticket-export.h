/* mp-ticket-export.h: print or export the tickets and badges of one
 * attendee, the selected ones or everyone registered for an event.
 *
 * Printing goes through GtkPrintOperation with its dialog and preview;
 * export to PDF renders with the core on a thread, with a progress bar
 * and Cancel, and ends with a toast where the dialog was opened from
 * (its owner's window) that opens the file. */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_TICKET_EXPORT (mp_ticket_export_get_type ())

G_DECLARE_FINAL_TYPE (MpTicketExport, mp_ticket_export, MP, TICKET_EXPORT, AdwWindow)

typedef enum
{
  MP_TICKET_EXPORT_PRINT,   /* "Print…" is the default button */
  MP_TICKET_EXPORT_PDF,     /* "Export as PDF…" is */
} MpTicketExportMode;

/* owner: the widget it is opened from (its window is the dialog's
 * parent); selected: MpAttendee *, may be NULL or empty (then: everyone). */
MpTicketExport *mp_ticket_export_new         (GtkWidget           *owner,
                                              MpStore             *store,
                                              MpEvent             *event,
                                              GPtrArray           *selected,
                                              MpTicketExportMode   mode);

/* Exports to path without the file chooser, as "Export as PDF…" does
 * once a file is chosen. */
void            mp_ticket_export_save_to     (MpTicketExport      *self,
                                              const char          *path);

G_END_DECLS
