/* mp-csv-import.c: the import of registrations, from a file's table to
 * the store: the columns' fields, the report, and checking every row. */
#define G_LOG_DOMAIN "mp-csv-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mp-csv-import.h"
#include "mp-error.h"
#include "mp-import-private.h"
#include "mp-text.h"



G_DEFINE_FINAL_TYPE (MpCsvImport, mp_csv_import, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (MpCsvField, mp_csv_field,
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_IGNORE, "ignore"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_NAME, "name"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_GIVEN_NAME, "given-name"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_FAMILY_NAME, "family-name"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_EMAIL, "email"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_PHONE, "phone"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_ORGANISATION, "organisation"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_SECTOR, "sector"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_DIETARY, "dietary"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_ACCESSIBILITY, "accessibility"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_INTERPRETER, "interpreter"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_CONSENT_FOLLOWUP, "consent-followup"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_CONSENT_PHOTO, "consent-photo"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_STATUS, "status"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_ANSWERED_AT, "answered-at"))

static const char *field_codes[MP_N_CSV_FIELDS] = {
  "ignore", "name", "given-name", "family-name", "email", "phone",
  "organisation", "sector", "dietary", "accessibility", "interpreter",
  "consent-followup", "consent-photo", "status", "answered-at",
};

const char *
mp_csv_field_get_label (MpCsvField field)
{
  switch (field)
    {
    case MP_CSV_FIELD_IGNORE: return _("Do not import");
    case MP_CSV_FIELD_NAME: return _("Name");
    case MP_CSV_FIELD_GIVEN_NAME: return _("Given name");
    case MP_CSV_FIELD_FAMILY_NAME: return _("Family name");
    case MP_CSV_FIELD_EMAIL: return _("E-mail");
    case MP_CSV_FIELD_PHONE: return _("Phone");
    case MP_CSV_FIELD_ORGANISATION: return _("Organisation");
    case MP_CSV_FIELD_SECTOR: return _("Sector");
    case MP_CSV_FIELD_DIETARY: return _("Dietary needs");
    case MP_CSV_FIELD_ACCESSIBILITY: return _("Accessibility needs");
    case MP_CSV_FIELD_INTERPRETER: return _("Interpreter");
    case MP_CSV_FIELD_CONSENT_FOLLOWUP: return _("Consent to follow-up");
    case MP_CSV_FIELD_CONSENT_PHOTO: return _("Consent to photos");
    case MP_CSV_FIELD_STATUS: return _("Status");
    /* Translators: an import column: when the person answered the form */
    case MP_CSV_FIELD_ANSWERED_AT: return _("When answered");
    case MP_N_CSV_FIELDS:
    default:
      g_return_val_if_reached ("");
    }
}

const char *
mp_csv_field_to_string (MpCsvField field)
{
  g_return_val_if_fail (field < MP_N_CSV_FIELDS, NULL);
  return field_codes[field];
}

gboolean
mp_csv_field_from_string (const char *text,
                          MpCsvField *out_field)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < MP_N_CSV_FIELDS; i++)
    if (g_ascii_strcasecmp (text, field_codes[i]) == 0)
      {
        if (out_field != NULL)
          *out_field = i;
        return TRUE;
      }

  return FALSE;
}

const char *
mp_csv_encoding_get_label (MpCsvEncoding encoding)
{
  switch (encoding)
    {
    case MP_CSV_ENCODING_UTF8: return _("UTF-8");
    case MP_CSV_ENCODING_UTF8_BOM: return _("UTF-8 with BOM");
    case MP_CSV_ENCODING_WINDOWS_1252: return _("Windows-1252");
    case MP_CSV_ENCODING_UTF16: return _("UTF-16");
    case MP_CSV_ENCODING_MIXED: return _("UTF-8 and Windows-1252");
    default:
      g_return_val_if_reached ("");
    }
}

static const char *
delimiter_label (char delimiter)
{
  switch (delimiter)
    {
    case ',': return _("comma");
    case ';': return _("semicolon");
    case '\t': return _("tab");
    default: return "";
    }
}

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
  self->merged = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_import_merged_free);
  self->merged_lines = g_array_new (FALSE, FALSE, sizeof (guint));

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
      g_ptr_array_unref (self->merged);
      g_array_unref (self->merged_lines);
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

guint
mp_csv_import_report_get_n_without_email (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_without_email;
}

guint
mp_csv_import_report_get_n_merged (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->merged->len;
}

const MpImportMerged *
mp_csv_import_report_get_merged (MpCsvImportReport *self,
                                 guint              index,
                                 guint             *out_line)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->merged->len, NULL);

  if (out_line != NULL)
    *out_line = g_array_index (self->merged_lines, guint, index);
  return self->merged->pdata[index];
}

guint
mp_csv_import_report_get_n_names_turned (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_names_turned;
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
_mp_csv_import_add_problem (GArray     *problems,
                            guint       line,
                            char       *reason)
{
  MpCsvProblem problem = { line, reason };

  g_array_append_val (problems, problem);
}



/* Reading the file */

static void
mp_csv_import_finalize (GObject *object)
{
  MpCsvImport *self = (MpCsvImport *)object;

  _mp_import_table_clear (&self->table);
  g_clear_pointer (&self->notes, g_array_unref);
  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  g_clear_pointer (&self->sheet, g_free);
  g_clear_pointer (&self->fields, g_free);
  g_clear_pointer (&self->roles, g_free);

  G_OBJECT_CLASS (mp_csv_import_parent_class)->finalize (object);
}

static void
mp_csv_import_class_init (MpCsvImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_csv_import_finalize;
}

static void
mp_csv_import_init (MpCsvImport *self)
{
  self->delimiter = ',';
  self->notes = g_array_new (FALSE, FALSE, sizeof (MpCsvProblem));
  g_array_set_clear_func (self->notes, problem_clear);
}

static inline const char *
cell_text (MpCsvImport          *self,
           const MpImportRecord *record,
           guint                 column)
{
  return _mp_import_table_cell (&self->table, record, column);
}

static void
guess_fields (MpCsvImport *self)
{
  g_autofree const char **headers = NULL;

  self->n_columns = self->table.records[0].n_cells;
  self->fields = g_new0 (MpCsvField, self->n_columns);
  self->roles = g_new0 (MpCsvRole, self->n_columns);
  headers = g_new0 (const char *, self->n_columns + 1);
  for (guint i = 0; i < self->n_columns; i++)
    headers[i] = cell_text (self, &self->table.records[0], i);

  self->platform = _mp_import_guess_columns (headers, self->n_columns, self->fields, self->roles);
}

MpCsvImport *
mp_csv_import_new_full (GBytes        *contents,
                        const char    *sheet,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(MpCsvImport) self = NULL;
  gsize len;

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = g_bytes_get_size (contents);
  if (len == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID, _("The file is empty."));
      return NULL;
    }
  if (len > MP_IMPORT_MAX_FILE_SIZE)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                           _("The file is too large to be a list of participants "
                             "(more than 512 MB)."));
      return NULL;
    }

  self = g_object_new (MP_TYPE_CSV_IMPORT, NULL);

  if (_mp_xlsx_is_zip (contents))
    {
      self->sheets = g_ptr_array_new_with_free_func (g_free);
      self->encoding = MP_CSV_ENCODING_UTF8;
      self->delimiter = '\0';
      if (!_mp_xlsx_read (contents, sheet, &self->table, self->sheets, &self->sheet,
                          cancellable, error))
        return NULL;
      if (self->table.n_records == 0)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                       _("The sheet “%s” of the workbook is empty."), self->sheet);
          return NULL;
        }
    }
  else if (_mp_xlsx_is_ole (contents))
    {
      _mp_xlsx_explain_ole (contents, error);
      return NULL;
    }
  else
    {
      if (!_mp_csv_read (contents, &self->table, &self->encoding, &self->delimiter,
                         self->notes, error))
        return NULL;
      if (self->table.n_records == 0)
        {
          g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID, _("The file is empty."));
          return NULL;
        }
    }

  guess_fields (self);

  return g_steal_pointer (&self);
}

MpCsvImport *
mp_csv_import_new (GBytes  *contents,
                   GError **error)
{
  return mp_csv_import_new_full (contents, NULL, NULL, error);
}

MpCsvImport *
mp_csv_import_new_for_file_full (GFile         *file,
                                 const char    *sheet,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A local file is mapped rather than read: no copy of the file is
   * made when it is UTF-8 already, and a workbook is inflated from
   * the mapping part by part. What cannot be mapped (a pipe,
   * /dev/stdin, a remote file) is read. */
  path = g_file_get_path (file);
  if (path != NULL)
    {
      g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &local_error);

      if (mapped != NULL)
        contents = g_mapped_file_get_bytes (mapped);
      else if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) &&
               !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ACCES) &&
               !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ISDIR))
        g_clear_error (&local_error);
    }

  if (contents == NULL && local_error == NULL)
    {
      char *data = NULL;
      gsize len = 0;

      if (g_file_load_contents (file, cancellable, &data, &len, NULL, &local_error))
        contents = g_bytes_new_take (data, len);
    }

  if (contents == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error_literal (error, MP_ERROR, MP_ERROR_CANCELLED, local_error->message);
      else
        g_set_error (error, MP_ERROR,
                     g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                     ? MP_ERROR_NOT_FOUND : MP_ERROR_IO,
                     _("Could not read “%s”: %s"), name, local_error->message);
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_CANCELLED, local_error->message);
      return NULL;
    }

  return mp_csv_import_new_full (contents, sheet, cancellable, error);
}

MpCsvImport *
mp_csv_import_new_for_file (GFile         *file,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return mp_csv_import_new_for_file_full (file, NULL, cancellable, error);
}

MpCsvEncoding
mp_csv_import_get_encoding (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), MP_CSV_ENCODING_UTF8);
  return self->encoding;
}

const char *
mp_csv_import_get_encoding_label (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), NULL);
  return mp_csv_encoding_get_label (self->encoding);
}

char
mp_csv_import_get_delimiter (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), ',');
  return self->delimiter;
}

const char *
mp_csv_import_get_delimiter_label (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), NULL);
  return delimiter_label (self->delimiter);
}

gboolean
mp_csv_import_is_workbook (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), FALSE);
  return self->sheets != NULL;
}

guint
mp_csv_import_get_n_sheets (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), 0);
  return self->sheets != NULL ? self->sheets->len : 0;
}

const char *
mp_csv_import_get_sheet (MpCsvImport *self,
                         guint        index)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (self->sheets != NULL && index < self->sheets->len, NULL);
  return g_ptr_array_index (self->sheets, index);
}

const char *
mp_csv_import_get_sheet_name (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), NULL);
  return self->sheet;
}

MpImportPlatform
mp_csv_import_get_platform (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), MP_IMPORT_PLATFORM_UNKNOWN);
  return self->platform;
}

guint
mp_csv_import_get_n_columns (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), 0);
  return self->n_columns;
}

const char *
mp_csv_import_get_header (MpCsvImport *self,
                          guint        column)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);
  return cell_text (self, &self->table.records[0], column);
}

MpCsvField
mp_csv_import_get_field (MpCsvImport *self,
                         guint        column)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), MP_CSV_FIELD_IGNORE);
  g_return_val_if_fail (column < self->n_columns, MP_CSV_FIELD_IGNORE);
  return self->fields[column];
}

MpCsvRole
mp_csv_import_get_role (MpCsvImport *self,
                        guint        column)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), MP_CSV_ROLE_PRIMARY);
  g_return_val_if_fail (column < self->n_columns, MP_CSV_ROLE_PRIMARY);
  return self->roles[column];
}

void
mp_csv_import_set_field (MpCsvImport *self,
                         guint        column,
                         MpCsvField   field)
{
  g_return_if_fail (MP_IS_CSV_IMPORT (self));
  g_return_if_fail (column < self->n_columns);
  g_return_if_fail (field < MP_N_CSV_FIELDS);

  /* What the person chose is the person's answer, not bookkeeping. */
  if (self->fields[column] != field)
    self->roles[column] = MP_CSV_ROLE_PRIMARY;
  self->fields[column] = field;
}

int
mp_csv_import_find_header (MpCsvImport *self,
                           const char  *header)
{
  g_autofree char *folded = NULL;
  g_autofree char *trimmed = NULL;
  int found = -1;

  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), -1);
  g_return_val_if_fail (header != NULL, -1);

  trimmed = g_strstrip (g_strdup (header));
  for (guint i = 0; i < self->n_columns; i++)
    {
      g_autofree char *h = g_strstrip (g_strdup (mp_csv_import_get_header (self, i)));

      if (strcmp (h, trimmed) == 0)
        {
          if (found >= 0)
            return -1;
          found = i;
        }
    }
  if (found >= 0)
    return found;

  folded = mp_text_fold (header);
  if (folded[0] == '\0')
    return -1;
  for (guint i = 0; i < self->n_columns; i++)
    {
      g_autofree char *h = mp_text_fold (mp_csv_import_get_header (self, i));

      if (strcmp (h, folded) == 0)
        {
          if (found >= 0)
            return -1;
          found = i;
        }
    }
  return found;
}

int
mp_csv_import_find_column (MpCsvImport *self,
                           MpCsvField   field)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), -1);

  for (guint i = 0; i < self->n_columns; i++)
    if (self->fields[i] == field)
      return i;
  return -1;
}

gboolean
mp_csv_import_has_name (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), FALSE);

  return mp_csv_import_find_column (self, MP_CSV_FIELD_NAME) >= 0 ||
         mp_csv_import_find_column (self, MP_CSV_FIELD_GIVEN_NAME) >= 0 ||
         mp_csv_import_find_column (self, MP_CSV_FIELD_FAMILY_NAME) >= 0;
}

guint
mp_csv_import_get_n_rows (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), 0);
  return self->table.n_records - 1;
}

guint
mp_csv_import_get_row_line (MpCsvImport *self,
                            guint        row)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), 0);
  g_return_val_if_fail (row + 1 < self->table.n_records, 0);
  return self->table.records[row + 1].line;
}

const char *
mp_csv_import_get_cell (MpCsvImport *self,
                        guint        row,
                        guint        column)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (row + 1 < self->table.n_records, NULL);
  return cell_text (self, &self->table.records[row + 1], column);
}

