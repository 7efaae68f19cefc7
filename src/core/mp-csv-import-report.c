/* mp-csv-import-report.c: what an import says afterwards: rows read,
 * bad rows and warnings with their line, and the store's counts
 */
#define G_LOG_DOMAIN "mp-csv-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mp-csv-import-private.h"
#include "mp-csv-private.h"
#include "mp-error.h"
#include "mp-text.h"

/* Report */


G_DEFINE_BOXED_TYPE (MpCsvImportReport, mp_csv_import_report,
                     mp_csv_import_report_ref, mp_csv_import_report_unref)

static void
problem_clear (gpointer data)
{
  MpCsvProblem *problem = data;

  g_clear_pointer (&problem->reason, g_free);
}

MpCsvImportReport *
_mp_csv_import_report_new (void)
{
  MpCsvImportReport *self = g_new0 (MpCsvImportReport, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->bad_rows = g_array_new (FALSE, FALSE, sizeof (MpCsvProblem));
  g_array_set_clear_func (self->bad_rows, problem_clear);
  self->warnings = g_array_new (FALSE, FALSE, sizeof (MpCsvProblem));
  g_array_set_clear_func (self->warnings, problem_clear);

  return self;
}

MpCsvImportReport *
mp_csv_import_report_ref (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mp_csv_import_report_unref (MpCsvImportReport *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->bad_rows);
      g_array_unref (self->warnings);
      g_free (self);
    }
}

guint
mp_csv_import_report_get_rows_read (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rows_read;
}

guint
mp_csv_import_report_get_rows_good (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rows_read - self->bad_rows->len;
}

guint
mp_csv_import_report_get_n_bad_rows (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->bad_rows->len;
}

const MpCsvProblem *
mp_csv_import_report_get_bad_row (MpCsvImportReport *self,
                                  guint              index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->bad_rows->len, NULL);
  return &g_array_index (self->bad_rows, MpCsvProblem, index);
}

guint
mp_csv_import_report_get_n_warnings (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->warnings->len;
}

const MpCsvProblem *
mp_csv_import_report_get_warning (MpCsvImportReport *self,
                                  guint              index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->warnings->len, NULL);
  return &g_array_index (self->warnings, MpCsvProblem, index);
}

const MpImportCounts *
mp_csv_import_report_get_counts (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->counts;
}

gboolean
mp_csv_import_report_get_dry_run (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->dry_run;
}

MpCsvEncoding
mp_csv_import_report_get_encoding (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, MP_CSV_ENCODING_UTF8);
  return self->encoding;
}

const char *
mp_csv_import_report_get_encoding_label (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return mp_csv_encoding_get_label (self->encoding);
}

char
mp_csv_import_report_get_delimiter (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, ',');
  return self->delimiter;
}

void
_mp_csv_import_report_add_problem (GArray     *problems,
                                   guint       line,
                                   char       *reason)
{
  MpCsvProblem problem = { line, reason };

  g_array_append_val (problems, problem);
}


