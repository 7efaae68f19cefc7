#define G_LOG_DOMAIN "mp-xlsx-export"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "mp-csv-export-private.h"
#include "mp-error.h"
#include "mp-file.h"
#include "mp-xlsx-export.h"

/* Columns wider than this many characters are cut on the screen (the
 * cell keeps all of it). */
#define MAX_COLUMN_CHARS 50
/* The widths are measured on this many rows. */
#define MEASURED_ROWS 500

static gboolean
set_write_error (const char  *path,
                 lxw_error    rc,
                 GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, MP_ERROR, MP_ERROR_IO,
               _("Could not write “%s”: %s"), display,
               rc == LXW_NO_ERROR ? g_strerror (ENOMEM) : lxw_strerror (rc));
  return FALSE;
}

gboolean
mp_xlsx_export_attendees (GPtrArray         *attendees,
                          MpCsvExportFlags   flags,
                          const char        *path,
                          guint             *out_n_rows,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autoptr(MpFileWriter) writer = NULL;
  g_autofree char *dir = NULL;
  g_autofree glong *widths = NULL;
  guint n_columns = _mp_attendee_export_n_columns ();
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_FALSE };
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *bold;
  lxw_error rc;
  guint row = 0;

  g_return_val_if_fail (attendees != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* libxlsxwriter writes to a file name: the writer's temporary one,
   * which the writer then syncs and renames. Rows are written in order
   * and not kept (constant memory), for the largest conference. */
  writer = mp_file_writer_new (path, error);
  if (writer == NULL)
    return FALSE;
  dir = g_path_get_dirname (path);
  options.tmpdir = dir;
  workbook = workbook_new_opt (mp_file_writer_get_temp_path (writer), &options);
  if (workbook == NULL)
    return set_write_error (path, LXW_NO_ERROR, error);

  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  /* Translators: the name of the sheet of an attendee export */
  sheet = workbook_add_worksheet (workbook, _("Attendees"));
  if (sheet == NULL)
    {
      workbook_close (workbook);
      return set_write_error (path, LXW_NO_ERROR, error);
    }

  /* Widths first: in constant memory a column's width is set before
   * its first row. */
  widths = g_new0 (glong, n_columns);
  for (guint c = 0; c < n_columns; c++)
    widths[c] = g_utf8_strlen (_mp_attendee_export_header (c), -1) + 2;
  for (guint i = 0; i < attendees->len && i < MEASURED_ROWS; i++)
    for (guint c = 0; c < n_columns; c++)
      {
        g_autofree char *owned = NULL;
        const char *text = _mp_attendee_export_cell (g_ptr_array_index (attendees, i), c, &owned);

        if (text != NULL)
          widths[c] = MAX (widths[c], g_utf8_strlen (text, -1) + 2);
      }
  for (guint c = 0; c < n_columns; c++)
    worksheet_set_column (sheet, c, c, MIN (widths[c], MAX_COLUMN_CHARS), NULL);
  worksheet_freeze_panes (sheet, 1, 0);

  for (guint c = 0; c < n_columns; c++)
    worksheet_write_string (sheet, 0, c, _mp_attendee_export_header (c), bold);
  row = 1;

  for (guint i = 0; i < attendees->len; i++)
    {
      MpAttendee *attendee = g_ptr_array_index (attendees, i);

      if (!_mp_attendee_export_includes (attendee, flags))
        continue;
      if ((i & 1023) == 1023 && g_cancellable_is_cancelled (cancellable))
        {
          workbook_close (workbook);
          g_set_error_literal (error, MP_ERROR, MP_ERROR_CANCELLED, _("The export was stopped."));
          return FALSE;
        }

      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *owned = NULL;
          const char *text = _mp_attendee_export_cell (attendee, c, &owned);

          if (text != NULL && text[0] != '\0')
            worksheet_write_string (sheet, row, c, text, NULL);
        }
      row++;
    }
  if (row > 1)
    worksheet_autofilter (sheet, 0, 0, row - 1, n_columns - 1);

  rc = workbook_close (workbook);
  if (rc != LXW_NO_ERROR)
    return set_write_error (path, rc, error);
  if (!mp_file_writer_commit (writer, error))
    return FALSE;

  if (out_n_rows != NULL)
    *out_n_rows = row - 1;
  return TRUE;
}

gboolean
mp_xlsx_export_to_path (MpStore           *store,
                        gint64             event_id,
                        MpCsvExportFlags   flags,
                        const char        *path,
                        guint             *out_n_rows,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autoptr(GPtrArray) attendees = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);

  attendees = mp_store_list_attendees (store, event_id, error);
  if (attendees == NULL)
    return FALSE;

  return mp_xlsx_export_attendees (attendees, flags, path, out_n_rows, cancellable, error);
}
