/* Fuzz target: any bytes as a CSV file, read and dry-run imported.
 *
 * Nothing a file can say may crash the import or make it write.
 */
#include "config.h"

#include <string.h>

#include "mp-csv-import.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static MpStore *store;
static gint64 event_id;

static void
open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) database = NULL;
  g_autoptr(MpEvent) event = mp_event_new ();

  database = mp_database_open (":memory:", MP_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  store = mp_store_new (database);

  mp_event_set_title (event, "Fuzz");
  mp_event_set_starts_at (event, 1770000000);
  mp_store_add_event (store, event, &error);
  g_assert_no_error (error);
  event_id = mp_event_get_id (event);
}

static void
dry_run (MpCsvImport *import)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCsvImportReport) report = NULL;

  report = mp_csv_import_run (import, store, event_id, MP_CSV_IMPORT_DRY_RUN,
                              NULL, NULL, NULL, &error);
  if (report == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == MP_ERROR);
      return;
    }

  g_assert_cmpuint (mp_csv_import_report_get_n_bad_rows (report), <=,
                    mp_csv_import_report_get_rows_read (report));
  for (guint i = 0; i < mp_csv_import_report_get_n_bad_rows (report); i++)
    {
      const MpCsvProblem *problem = mp_csv_import_report_get_bad_row (report, i);
      g_assert_true (g_utf8_validate (problem->reason, -1, NULL));
      g_assert_cmpuint (problem->line, >, 0);
    }
  for (guint i = 0; i < mp_csv_import_report_get_n_warnings (report); i++)
    g_assert_true (g_utf8_validate (mp_csv_import_report_get_warning (report, i)->reason, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCsvImport) import = NULL;
  guint n_columns, n_rows, line = 0;

  if (store == NULL)
    open_store ();

  import = mp_csv_import_new (bytes, &error);
  if (import == NULL)
    {
      g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  /* Everything read is UTF-8, and lines only go forward. */
  n_columns = mp_csv_import_get_n_columns (import);
  n_rows = mp_csv_import_get_n_rows (import);
  g_assert_cmpuint (n_columns, >, 0);
  for (guint c = 0; c < n_columns; c++)
    g_assert_true (g_utf8_validate (mp_csv_import_get_header (import, c), -1, NULL));
  for (guint r = 0; r < n_rows; r++)
    {
      g_assert_cmpuint (mp_csv_import_get_row_line (import, r), >, line);
      line = mp_csv_import_get_row_line (import, r);
      for (guint c = 0; c < n_columns + 1; c++)
        g_assert_true (g_utf8_validate (mp_csv_import_get_cell (import, r, c), -1, NULL));
    }

  /* As guessed, then with every column put to use, so that random
   * text reaches every check. */
  dry_run (import);
  for (guint c = 0; c < n_columns; c++)
    mp_csv_import_set_field (import, c, 1 + c % (MP_N_CSV_FIELDS - 1));
  dry_run (import);

  return 0;
}
