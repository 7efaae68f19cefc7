/* mp-csv-import.h: pre-registrations from a spreadsheet or a web form
 *
 * Reads the files that Nettskjema, Microsoft Forms, Google Forms,
 * pretix, Eventbrite and Excel write: CSV in UTF-8 with or without a
 * byte order mark, Excel's Windows-1252 (or a mix of the two, line by
 * line), UTF-16; comma, semicolon or tab; quoted fields with line
 * breaks in them; and Excel workbooks (.xlsx), one sheet of them. The
 * columns are matched to Møteplass fields by their Norwegian (Bokmål or
 * Nynorsk) or English headers, knowing which columns the platforms add
 * for their own bookkeeping, and the person importing can correct the
 * match before running the import.
 *
 * Creating an MpCsvImport reads and splits the whole file (a workbook's
 * sheet is streamed, never held whole as XML); running it checks every
 * row and registers the good ones in one transaction.
 */
#pragma once

#include <gio/gio.h>

#include "mp-store.h"

G_BEGIN_DECLS

/* What a column holds. */
typedef enum
{
  MP_CSV_FIELD_IGNORE,
  MP_CSV_FIELD_NAME,
  MP_CSV_FIELD_GIVEN_NAME,
  MP_CSV_FIELD_FAMILY_NAME,
  MP_CSV_FIELD_EMAIL,
  MP_CSV_FIELD_PHONE,
  MP_CSV_FIELD_ORGANISATION,
  MP_CSV_FIELD_SECTOR,
  MP_CSV_FIELD_DIETARY,
  MP_CSV_FIELD_ACCESSIBILITY,
  MP_CSV_FIELD_INTERPRETER,
  MP_CSV_FIELD_CONSENT_FOLLOWUP,
  MP_CSV_FIELD_CONSENT_PHOTO,
  MP_CSV_FIELD_STATUS,
  /* When the person answered the form or ordered the ticket (Google
   * Forms' Timestamp, Microsoft Forms' Completion time, Nettskjema's
   * $created, an order's date): a "yes" after a withdrawal gives the
   * consent again only when it is later than the withdrawal. */
  MP_CSV_FIELD_ANSWERED_AT,
  MP_N_CSV_FIELDS
} MpCsvField;

typedef enum
{
  MP_CSV_ENCODING_UTF8,
  MP_CSV_ENCODING_UTF8_BOM,
  MP_CSV_ENCODING_WINDOWS_1252,
  MP_CSV_ENCODING_UTF16,        /* Excel's "Unicode text" */
  /* Lines of UTF-8 and lines of Windows-1252 in one file (rows pasted
   * together from two exports): each line read as what it is. */
  MP_CSV_ENCODING_MIXED,
} MpCsvEncoding;

/* Whose a column's value is. A person's own answer wins over what a
 * platform writes for its own bookkeeping (who bought the ticket, the
 * order's e-mail, the account that filled in a form): those are used
 * only when the row has no answer of its own. */
typedef enum
{
  MP_CSV_ROLE_PRIMARY,
  MP_CSV_ROLE_FALLBACK,
} MpCsvRole;

/* The program that wrote the file, as far as its columns tell. */
typedef enum
{
  MP_IMPORT_PLATFORM_UNKNOWN,
  MP_IMPORT_PLATFORM_MICROSOFT_FORMS,
  MP_IMPORT_PLATFORM_GOOGLE_FORMS,
  MP_IMPORT_PLATFORM_NETTSKJEMA,
  MP_IMPORT_PLATFORM_PRETIX_CHECKIN,
  MP_IMPORT_PLATFORM_PRETIX_ORDERS,
  MP_IMPORT_PLATFORM_EVENTBRITE,
  MP_IMPORT_PLATFORM_MOTEPLASS,
} MpImportPlatform;

typedef enum
{
  MP_CSV_IMPORT_FLAGS_NONE = 0,
  /* Check everything and count what would happen, write nothing. */
  MP_CSV_IMPORT_DRY_RUN    = 1 << 0,
  /* Import nothing if any row is bad (default: skip bad rows). */
  MP_CSV_IMPORT_STRICT     = 1 << 1,
  /* A row with an e-mail address that is not one is bad (default: the
   * person is imported without the address, with a warning). */
  MP_CSV_IMPORT_REJECT_BAD_EMAIL = 1 << 2,
  /* Register everyone even past the event's capacity (default: those
   * past it go to the waiting list, and the counts say how many). */
  MP_CSV_IMPORT_OVER_CAPACITY = 1 << 3,
} MpCsvImportFlags;

#define MP_TYPE_CSV_FIELD (mp_csv_field_get_type ())
GType        mp_csv_field_get_type       (void) G_GNUC_CONST;
/* Translated, capitalised: "E-mail", "Given name". */
const char  *mp_csv_field_get_label      (MpCsvField field);
/* Stable code names for the command line: "name", "given-name",
 * "email", "consent-followup", "answered-at" ... */
const char  *mp_csv_field_to_string      (MpCsvField field);
gboolean     mp_csv_field_from_string    (const char *text,
                                          MpCsvField *out_field);
/* The field a column header names, or MP_CSV_FIELD_IGNORE. */
MpCsvField   mp_csv_field_guess          (const char *header);

/* Translated: "UTF-8", "UTF-8 with BOM", "Windows-1252", "UTF-16". */
const char  *mp_csv_encoding_get_label   (MpCsvEncoding encoding);

/* "Microsoft Forms", "pretix (check-in list)"...; NULL when unknown. */
const char  *mp_import_platform_get_label (MpImportPlatform platform);
/* Stable code names for scripts: "microsoft-forms", "pretix-checkin"...;
 * NULL when unknown. */
const char  *mp_import_platform_to_string (MpImportPlatform platform);


/* A problem with one row of the file. */
typedef struct
{
  guint  line;    /* physical line where the row starts, 1 = first line */
  char  *reason;  /* translated sentence */
} MpCsvProblem;

/* What an import did (or, for a dry run, would do). */
typedef struct _MpCsvImportReport MpCsvImportReport;

#define MP_TYPE_CSV_IMPORT_REPORT (mp_csv_import_report_get_type ())
GType                mp_csv_import_report_get_type       (void) G_GNUC_CONST;
MpCsvImportReport   *mp_csv_import_report_ref            (MpCsvImportReport *self);
void                 mp_csv_import_report_unref          (MpCsvImportReport *self);

/* Data rows in the file (the header and blank lines not counted). */
guint                mp_csv_import_report_get_rows_read  (MpCsvImportReport *self);
/* Rows handed to the store (rows read minus bad rows). */
guint                mp_csv_import_report_get_rows_good  (MpCsvImportReport *self);
/* Rows that were not imported, in file order. */
guint                mp_csv_import_report_get_n_bad_rows (MpCsvImportReport *self);
const MpCsvProblem  *mp_csv_import_report_get_bad_row    (MpCsvImportReport *self,
                                                          guint              index);
/* Rows imported with a change worth telling (unknown sector ...). */
guint                mp_csv_import_report_get_n_warnings (MpCsvImportReport *self);
const MpCsvProblem  *mp_csv_import_report_get_warning    (MpCsvImportReport *self,
                                                          guint              index);
const MpImportCounts *mp_csv_import_report_get_counts    (MpCsvImportReport *self);
/* The people already in the database whom rows were merged with (as
 * many as MpImportCounts.merged), in the order of the file; *@out_line,
 * if not NULL, the row's line. */
guint                mp_csv_import_report_get_n_merged   (MpCsvImportReport *self);
const MpImportMerged *mp_csv_import_report_get_merged    (MpCsvImportReport *self,
                                                          guint              index,
                                                          guint             *out_line);
/* Rows imported without the e-mail address they gave, because it was
 * not one (only without MP_CSV_IMPORT_REJECT_BAD_EMAIL). */
guint                mp_csv_import_report_get_n_without_email (MpCsvImportReport *self);
/* Names written surname first ("Aasen, Per") that were turned. */
guint                mp_csv_import_report_get_n_names_turned  (MpCsvImportReport *self);
gboolean             mp_csv_import_report_get_dry_run    (MpCsvImportReport *self);
MpCsvEncoding        mp_csv_import_report_get_encoding   (MpCsvImportReport *self);
const char          *mp_csv_import_report_get_encoding_label (MpCsvImportReport *self);
char                 mp_csv_import_report_get_delimiter  (MpCsvImportReport *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpCsvImportReport, mp_csv_import_report_unref)


#define MP_TYPE_CSV_IMPORT (mp_csv_import_get_type ())

G_DECLARE_FINAL_TYPE (MpCsvImport, mp_csv_import, MP, CSV_IMPORT, GObject)

/* Reads the whole file: CSV, or the first sheet of an .xlsx workbook.
 * Fails (MP_ERROR_INVALID) when it is empty, neither text nor a
 * workbook, in an unknown encoding, has a quote that is never closed,
 * or is a damaged, password-protected or too large workbook. */
MpCsvImport        *mp_csv_import_new               (GBytes        *contents,
                                                     GError       **error);
MpCsvImport        *mp_csv_import_new_for_file      (GFile         *file,
                                                     GCancellable  *cancellable,
                                                     GError       **error);
/* The same, with the workbook's sheet called @sheet (NULL: the first);
 * @sheet is ignored for a CSV file. */
MpCsvImport        *mp_csv_import_new_full          (GBytes        *contents,
                                                     const char    *sheet,
                                                     GCancellable  *cancellable,
                                                     GError       **error);
MpCsvImport        *mp_csv_import_new_for_file_full (GFile         *file,
                                                     const char    *sheet,
                                                     GCancellable  *cancellable,
                                                     GError       **error);

/* Workbooks: the sheets (in the workbook's order) and the one read. */
gboolean            mp_csv_import_is_workbook       (MpCsvImport *self);
guint               mp_csv_import_get_n_sheets      (MpCsvImport *self);
const char         *mp_csv_import_get_sheet         (MpCsvImport *self,
                                                     guint        index);
/* NULL for a CSV file. */
const char         *mp_csv_import_get_sheet_name    (MpCsvImport *self);
/* What the columns say wrote the file. */
MpImportPlatform    mp_csv_import_get_platform      (MpCsvImport *self);

MpCsvEncoding       mp_csv_import_get_encoding      (MpCsvImport *self);
const char         *mp_csv_import_get_encoding_label (MpCsvImport *self);
/* ',', ';' or '\t'; '\0' for a workbook */
char                mp_csv_import_get_delimiter     (MpCsvImport *self);
/* Translated: "comma", "semicolon", "tab"; "" for a workbook. */
const char         *mp_csv_import_get_delimiter_label (MpCsvImport *self);

/* Columns, as the header (the first non-blank line) names them. */
guint               mp_csv_import_get_n_columns     (MpCsvImport *self);
const char         *mp_csv_import_get_header        (MpCsvImport *self,
                                                     guint        column);
MpCsvField          mp_csv_import_get_field         (MpCsvImport *self,
                                                     guint        column);
/* Whose the column's value is (see MpCsvRole). */
MpCsvRole           mp_csv_import_get_role          (MpCsvImport *self,
                                                     guint        column);
/* Lets the person importing correct a guess. Several columns may hold
 * the same field; in a row, the first one that is not empty counts,
 * a person's own answer before the platform's bookkeeping. A column
 * the person chose counts as the person's own answer. */
void                mp_csv_import_set_field         (MpCsvImport *self,
                                                     guint        column,
                                                     MpCsvField   field);
/* The column whose header is @header: as written, or else ignoring case,
 * accents and punctuation. -1 when none is, or when two are. */
int                 mp_csv_import_find_header       (MpCsvImport *self,
                                                     const char  *header);
/* The first column holding @field, or -1. */
int                 mp_csv_import_find_column       (MpCsvImport *self,
                                                     MpCsvField   field);
/* Whether a name can be made: a name column, or a given or family name
 * column. mp_csv_import_run() fails without one. */
gboolean            mp_csv_import_has_name          (MpCsvImport *self);

/* The data rows as read (for a preview): raw text of each cell, "" for
 * missing cells. */
guint               mp_csv_import_get_n_rows        (MpCsvImport *self);
guint               mp_csv_import_get_row_line      (MpCsvImport *self,
                                                     guint        row);
const char         *mp_csv_import_get_cell          (MpCsvImport *self,
                                                     guint        row,
                                                     guint        column);

/* Checks every row and registers the good ones for @event_id through
 * mp_store_import(): all or nothing, so a failure leaves the database
 * as it was. Bad rows are skipped and listed in the report; with
 * MP_CSV_IMPORT_STRICT a single bad row fails the whole import with
 * MP_ERROR_INVALID and nothing is written. May run in a worker thread
 * as long as nobody changes the mapping meanwhile. */
MpCsvImportReport  *mp_csv_import_run               (MpCsvImport       *self,
                                                     MpStore           *store,
                                                     gint64             event_id,
                                                     MpCsvImportFlags   flags,
                                                     GCancellable      *cancellable,
                                                     MpProgressFunc     progress,
                                                     gpointer           progress_data,
                                                     GError           **error);

G_END_DECLS
