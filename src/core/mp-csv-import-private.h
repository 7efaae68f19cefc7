/* mp-csv-import-private.h: what the files of the CSV import share
 *
 *   mp-csv-import.c         reading a file: encoding, delimiter, cells
 *   mp-csv-import-fields.c  the fields and recognising column headers
 *   mp-csv-import-rows.c    checking each row and handing the good ones
 *                           to mp_store_import()
 *   mp-csv-import-report.c  what an import says afterwards
 *
 * Nothing outside src/core/ includes this header.
 */
#pragma once

#include "mp-csv-import.h"

G_BEGIN_DECLS

/* A cell longer than this is a mistake (a whole file in one quote). */
#define MP_CSV_IMPORT_MAX_FIELD_CHARS 500

typedef struct
{
  guint line;        /* physical line where the record starts */
  guint first_cell;  /* index into cells */
  guint n_cells;
} MpCsvRecord;

struct _MpCsvImport
{
  GObject        parent_instance;

  MpCsvEncoding  encoding;
  char           delimiter;

  /* The text of every cell, NUL-terminated, one after another. Offset 0
   * holds the empty string that all empty cells share, so a file is
   * stored in one block and two arrays instead of a malloc per cell. */
  char          *arena;
  gsize          arena_len;
  gsize          arena_size;
  guint32       *cells;
  gsize          n_cells;
  gsize          cells_size;
  MpCsvRecord   *records;    /* records[0] is the header */
  gsize          n_records;
  gsize          records_size;

  guint          n_columns;
  MpCsvField    *fields;
};


/* The text of one cell ("" past the end of a short record). */
static inline const char *
_mp_csv_import_cell_text (MpCsvImport       *self,
                          const MpCsvRecord *record,
                          guint              column)
{
  if (column >= record->n_cells)
    return "";
  return self->arena + self->cells[record->first_cell + column];
}

struct _MpCsvImportReport
{
  gatomicrefcount  ref_count;

  guint            rows_read;
  GArray          *bad_rows;   /* MpCsvProblem */
  GArray          *warnings;   /* MpCsvProblem */
  MpImportCounts   counts;
  gboolean         dry_run;
  MpCsvEncoding    encoding;
  char             delimiter;
};

/* Whether one of the words of @folded (mp_text_fold()) starts with one
 * of @keys (NULL-terminated). */
gboolean           _mp_csv_has_any_word_prefix       (const char         *folded,
                                                      const char * const *keys);

MpCsvImportReport *_mp_csv_import_report_new         (void);
/* Adds a problem at @line; takes @reason. */
void               _mp_csv_import_report_add_problem (GArray     *problems,
                                                      guint       line,
                                                      char       *reason);

G_END_DECLS
