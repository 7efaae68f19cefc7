/* mp-import-private.h: what the files of the registration import share
 *
 * The import is one object (MpCsvImport, mp-csv-import.c) fed by two
 * readers that fill the same table: mp-csv-reader.c (text files, any
 * encoding and separator) and mp-xlsx-reader.c with mp-xlsx-sheet.c
 * (Excel workbooks, mp-xlsx-private.h). The columns are matched to
 * fields in mp-import-platforms.c, and each cell's text is read as an
 * answer in mp-import-values.c.
 */
#pragma once

#include <gio/gio.h>

#include "mp-csv-import.h"

G_BEGIN_DECLS

/* Larger than any sign-up list; keeps cell offsets in 32 bits. */
#define MP_IMPORT_MAX_FILE_SIZE   (512u * 1024 * 1024)
#define MP_IMPORT_MAX_TEXT        (512u * 1024 * 1024)
#define MP_IMPORT_MAX_CELLS       (64u * 1024 * 1024)

typedef struct
{
  guint line;        /* line (CSV) or row (workbook) where the record starts */
  guint first_cell;  /* index into cells */
  guint n_cells;
} MpImportRecord;

/* The text of every cell, NUL-terminated, one after another. Offset 0
 * holds the empty string that all empty cells share, so a file is
 * stored in one block and two arrays instead of a malloc per cell. */
typedef struct
{
  char           *arena;
  gsize           arena_len;
  gsize           arena_size;
  guint32        *cells;
  gsize           n_cells;
  gsize           cells_size;
  MpImportRecord *records;    /* records[0] is the header */
  gsize           n_records;
  gsize           records_size;

  /* the row being built */
  guint           row_line;
  gsize           row_first;
  guint           row_cells;
  gboolean        row_has_text;
  gboolean        too_large;  /* a limit was reached; the rest was dropped */
} MpImportTable;

void        _mp_import_table_init      (MpImportTable *table,
                                        gsize          arena_hint);
void        _mp_import_table_clear     (MpImportTable *table);
/* Adds a cell to the row being built, which starts on @line when this
 * is its first cell. FALSE (and table->too_large) past the limits. */
gboolean    _mp_import_table_add_cell  (MpImportTable *table,
                                        guint          line,
                                        const char    *text,
                                        gsize          len);
/* Ends the row; a row of empty cells (";;;;" from Excel) is dropped. */
void        _mp_import_table_end_row   (MpImportTable *table);

static inline const char *
_mp_import_table_cell (const MpImportTable  *table,
                       const MpImportRecord *record,
                       guint                 column)
{
  if (column >= record->n_cells)
    return "";
  return table->arena + table->cells[record->first_cell + column];
}

struct _MpCsvImport
{
  GObject           parent_instance;

  MpCsvEncoding     encoding;
  char              delimiter;   /* '\0' for a workbook */
  MpImportTable     table;
  GArray           *notes;       /* MpCsvProblem about the whole file */
  GPtrArray        *sheets;      /* a workbook's sheet names, or NULL */
  char             *sheet;       /* the sheet read */

  guint             n_columns;
  MpCsvField       *fields;
  MpCsvRole        *roles;
  MpImportPlatform  platform;
};

struct _MpCsvImportReport
{
  gatomicrefcount  ref_count;

  guint            rows_read;
  GArray          *bad_rows;   /* MpCsvProblem */
  GArray          *warnings;   /* MpCsvProblem */
  MpImportCounts   counts;
  GPtrArray       *merged;       /* MpImportMerged */
  GArray          *merged_lines; /* guint, the line of each */
  guint            n_without_email;
  guint            n_names_turned;
  gboolean         dry_run;
  MpCsvEncoding    encoding;
  char             delimiter;
};

MpCsvImportReport *_mp_csv_import_report_new  (void);
void        _mp_csv_import_add_problem (GArray        *problems,
                                        guint          line,
                                        char          *reason);

/* The readers. Both fill @table and say what they found; notes are
 * MpCsvProblem about the whole file (lines that were not UTF-8). */
gboolean    _mp_csv_read               (GBytes         *contents,
                                        MpImportTable  *table,
                                        MpCsvEncoding  *out_encoding,
                                        char           *out_delimiter,
                                        GArray         *notes,
                                        GError        **error);

/* A zip file: an .xlsx workbook (or a clear error saying what it is). */
gboolean    _mp_xlsx_is_zip            (GBytes         *contents);
/* An OLE compound file: an old .xls or a password-protected workbook. */
gboolean    _mp_xlsx_is_ole            (GBytes         *contents);
/* Sets the error that explains an OLE file; always FALSE. */
gboolean    _mp_xlsx_explain_ole       (GBytes         *contents,
                                        GError        **error);
/* Reads the sheet called @sheet (NULL: the first one a person sees) into
 * @table, streaming: no more than a row of the sheet is in memory at a
 * time besides the table. @sheets gets the names of every sheet;
 * @out_sheet the name of the one read. */
gboolean    _mp_xlsx_read              (GBytes         *contents,
                                        const char     *sheet,
                                        MpImportTable  *table,
                                        GPtrArray      *sheets,
                                        char          **out_sheet,
                                        GCancellable   *cancellable,
                                        GError        **error);

/* For tests: smaller bounds on shared strings and on how much a
 * workbook may inflate to, so that reaching them takes a small file. */
void        _mp_xlsx_set_test_limits   (gsize          shared_bytes,
                                        guint          shared_strings,
                                        guint64        min_inflate);

/* Columns: the field each header names, whether it is the person's own
 * answer or the platform's bookkeeping (a buyer's, an order's, a
 * form's own record of who answered), and which platform wrote the
 * file. */
MpImportPlatform _mp_import_guess_columns (const char *const *headers,
                                           guint              n_columns,
                                           MpCsvField        *fields,
                                           MpCsvRole         *roles);

/* Values */
char       *_mp_import_dup_line        (const char   *text);
char       *_mp_import_dup_answer      (const char   *text);
const char *_mp_import_strip_formula_guard (const char *text);
char       *_mp_import_quote_value     (const char   *value);
/* "anonymous" (Microsoft Forms), "-" and the like: no value at all. */
gboolean    _mp_import_is_no_value     (const char   *cell);
gboolean    _mp_import_parse_consent   (const char           *value,
                                        MpConsentAnswer      *out);
gboolean    _mp_import_parse_status    (const char           *value,
                                        MpRegistrationStatus *out);
/* "Ingen", "Ingen allergier", "-", "Nei": no need at all. */
gboolean    _mp_import_means_nothing   (const char   *value);
/* "Aasen, Per" → "Per Aasen"; NULL when @name is not written so. */
char       *_mp_import_turn_name       (const char   *name);
/* The same, with the given and family names apart (both NULL when the
 * name is not turned). */
char       *_mp_import_turn_name_parts (const char   *name,
                                        char        **out_given,
                                        char        **out_family);
/* Letters that a program replaced with "?" on the way ("??????"). */
gboolean    _mp_import_lost_characters (const char   *text);
/* Sector codes from a Nettskjema codebook ("frivillig_org") tried
 * without their separators; a bare number is a code Møteplass cannot
 * read. */
gboolean    _mp_import_is_number       (const char   *text);

/* A time as the platforms write when a form was answered or a ticket
 * ordered: "2026-02-03 10:14:22" (a workbook's date cell),
 * "2026-02-03T10:14:22+01:00", "03.02.2026 10:14:22", Google's English
 * "2/3/2026 10:14:22" and "2026/02/03 10:14:22 AM GMT+1", a date alone
 * ("2026-02-03") or a time of day alone ("10:14:22", an order's time
 * beside its date). */
typedef struct
{
  int      year, month, day;
  int      hour, minute, second;
  int      offset;      /* seconds east of UTC, when has_offset */
  gboolean has_date;
  gboolean has_time;
  gboolean has_offset;
} MpImportTime;

gboolean    _mp_import_parse_time      (const char         *text,
                                        MpImportTime       *out);
/* UTC seconds of @when (which has a date; midnight when it has no time
 * of day), in @zone when it has no offset of its own. FALSE for a day
 * that does not exist. */
gboolean    _mp_import_time_to_unix    (const MpImportTime *when,
                                        GTimeZone          *zone,
                                        gint64             *out_unix);

G_END_DECLS
