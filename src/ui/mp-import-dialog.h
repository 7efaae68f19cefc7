/* mp-import-dialog.h: importing registrations from a CSV file
 *
 * Reads the file, shows what it found (encoding, separator, the columns
 * and what each holds, the first rows) and what an import would do (new,
 * merged, already registered, bad rows with their line numbers) from a
 * dry run that is repeated when the person changes a column's meaning.
 * Only "Import" writes, in one transaction, off the main thread, with a
 * progress bar and Cancel; then a summary.
 */
#pragma once

#include <adwaita.h>

#include "mp-csv-import.h"
#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_IMPORT_DIALOG (mp_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MpImportDialog, mp_import_dialog, MP, IMPORT_DIALOG, AdwWindow)

/* Starts reading @file at once. */
MpImportDialog *mp_import_dialog_new      (MpStore        *store,
                                           gint64          event_id,
                                           GFile          *file);
/* What the person chooses in a column's list; the dry run follows.
 * FALSE when there is no such column (yet). */
gboolean        mp_import_dialog_set_column_field (MpImportDialog *self,
                                                   guint           column,
                                                   MpCsvField      field);
/* For tests and MP_DEBUG_STATE: "import=…" lines of what it shows. */
void            mp_import_dialog_describe (MpImportDialog *self,
                                           GString        *out);

G_END_DECLS
