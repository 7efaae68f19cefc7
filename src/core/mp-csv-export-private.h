/* mp-csv-export-private.h: the columns of an attendee export, shared by
 * the CSV (mp-csv-export.c) and the workbook (mp-xlsx-export.c), so that
 * both write the same columns with the same words. */
#pragma once

#include "mp-csv-export.h"

G_BEGIN_DECLS

guint        _mp_attendee_export_n_columns (void);
/* The header of @column, in the import's own words. */
const char  *_mp_attendee_export_header    (guint             column);
/* The text of @column for @attendee (NULL or "" for none); *@owned is
 * set when it had to be made, for the caller to free. */
const char  *_mp_attendee_export_cell      (MpAttendee       *attendee,
                                            guint             column,
                                            char            **owned);
/* Whether @flags export @attendee (MP_CSV_EXPORT_CONSENTED). */
gboolean     _mp_attendee_export_includes  (MpAttendee       *attendee,
                                            MpCsvExportFlags  flags);

G_END_DECLS
