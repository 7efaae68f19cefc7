/* mp-badge-print.h: badges printed at check-in, without a dialog.
 *
 * A badge printer prints one attendee's badge in the chosen layout
 * through CUPS (libcups: the PDF that mp-ticket-render makes, handed to
 * the named queue), or, with no printer named, saves it as a PDF file in
 * a folder. A printer that is missing, stopped or refuses the job is an
 * error of its own (MP_ERROR_PRINTER) so that the desk can say so; it
 * never blocks or undoes a check-in.
 *
 * GTK's own GtkPrintOperation is not used here: in GTK 4.8 it crashes
 * when run without its dialog against a named CUPS printer.
 */
#pragma once

#include <gio/gio.h>

#include "mp-attendee.h"
#include "mp-event.h"
#include "mp-ticket-render.h"

G_BEGIN_DECLS

#define MP_TYPE_BADGE_PRINTER (mp_badge_printer_get_type ())
G_DECLARE_FINAL_TYPE (MpBadgePrinter, mp_badge_printer, MP, BADGE_PRINTER, GObject)

/* printer_name: a CUPS queue, or NULL / "" to save PDFs in folder.
 * folder: NULL / "" for mp_badge_printer_dup_default_folder(). */
MpBadgePrinter *mp_badge_printer_new               (const char          *printer_name,
                                                    const char          *folder,
                                                    MpTicketLayout       layout);

/* NULL when badges go to a folder. */
const char     *mp_badge_printer_get_printer_name  (MpBadgePrinter      *self);
const char     *mp_badge_printer_get_folder        (MpBadgePrinter      *self);
MpTicketLayout  mp_badge_printer_get_layout        (MpBadgePrinter      *self);

/* Prints (or saves) the badge of attendee for event. On success returns
 * where it went, for a person: "Kontor-skriver (job 12)" or the file's
 * path; the caller frees it. Blocking: call from a thread, or use the
 * async pair. */
char           *mp_badge_printer_print             (MpBadgePrinter      *self,
                                                    MpEvent             *event,
                                                    MpAttendee          *attendee,
                                                    GCancellable        *cancellable,
                                                    GError             **error);

void            mp_badge_printer_print_async       (MpBadgePrinter      *self,
                                                    MpEvent             *event,
                                                    MpAttendee          *attendee,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
char           *mp_badge_printer_print_finish      (MpBadgePrinter      *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* The CUPS queues this machine can print to, default first; an empty
 * array when there are none or no CUPS server answers. */
GStrv           mp_badge_printer_list_printers     (void);

/* $XDG_DOCUMENTS_DIR/Møteplass badges (translated folder name). */
char           *mp_badge_printer_dup_default_folder (void);

G_END_DECLS
