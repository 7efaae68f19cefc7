#define G_LOG_DOMAIN "mp-csv-export"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mp-csv-export-private.h"
#include "mp-csv-import.h"
#include "mp-csv-writer.h"
#include "mp-error.h"
#include "mp-file.h"
#include "mp-time.h"

/* Written to the stream in pieces of about this size. */
#define CHUNK_SIZE (64 * 1024)

typedef struct
{
  GString          *buffer;
  GOutputStream    *stream;       /* NULL: keep everything in @buffer */
  GCancellable     *cancellable;
  MpCsvWriter       csv;          /* writes into @buffer */
} Writer;

static gboolean
set_stream_error (GError  *stream_error,
                  GError **error)
{
  if (g_error_matches (stream_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, MP_ERROR, MP_ERROR_CANCELLED,
                         _("The export was stopped."));
  else if (g_error_matches (stream_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    g_set_error (error, MP_ERROR, MP_ERROR_FULL,
                 _("The export could not be written because the disk is full: %s"),
                 stream_error->message);
  else
    g_set_error (error, MP_ERROR, MP_ERROR_IO,
                 _("The export could not be written: %s"), stream_error->message);
  return FALSE;
}

static gboolean
writer_flush (Writer   *writer,
              gboolean  all,
              GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  if (writer->stream == NULL || writer->buffer->len == 0)
    return TRUE;
  if (!all && writer->buffer->len < CHUNK_SIZE)
    return TRUE;

  if (!g_output_stream_write_all (writer->stream, writer->buffer->str, writer->buffer->len,
                                  NULL, writer->cancellable, &local_error))
    return set_stream_error (local_error, error);

  g_string_truncate (writer->buffer, 0);
  return TRUE;
}

static void
writer_field (Writer     *writer,
              const char *text)
{
  mp_csv_writer_text (&writer->csv, text);
}

static void
writer_end_row (Writer *writer)
{
  mp_csv_writer_end_row (&writer->csv);
}

/* The columns of an attendee export, the same in every format. */

static const char *
yes_no (gboolean yes)
{
  /* The same words the import reads as yes and no. */
  return yes ? C_("consent answer", "Yes") : C_("consent answer", "No");
}

static char *
dup_time (gint64 unix_time)
{
  return unix_time != 0 ? mp_time_format_iso (unix_time) : NULL;
}

enum {
  COLUMN_NAME,
  COLUMN_EMAIL,
  COLUMN_PHONE,
  COLUMN_ORGANISATION,
  COLUMN_SECTOR,
  COLUMN_STATUS,
  COLUMN_SOURCE,
  COLUMN_REGISTERED_AT,
  COLUMN_CHECKED_IN_AT,
  COLUMN_DESK,
  COLUMN_DIETARY,
  COLUMN_ACCESSIBILITY,
  COLUMN_INTERPRETER,
  COLUMN_CONSENT_FOLLOWUP,
  COLUMN_CONSENT_PHOTO,
  COLUMN_TICKET,
  N_COLUMNS
};

guint
_mp_attendee_export_n_columns (void)
{
  return N_COLUMNS;
}

const char *
_mp_attendee_export_header (guint column)
{
  /* The fields the import reads back use the import's own labels, so
   * that the headers are recognised in every language. */
  switch (column)
    {
    case COLUMN_NAME: return mp_csv_field_get_label (MP_CSV_FIELD_NAME);
    case COLUMN_EMAIL: return mp_csv_field_get_label (MP_CSV_FIELD_EMAIL);
    case COLUMN_PHONE: return mp_csv_field_get_label (MP_CSV_FIELD_PHONE);
    case COLUMN_ORGANISATION: return mp_csv_field_get_label (MP_CSV_FIELD_ORGANISATION);
    case COLUMN_SECTOR: return mp_csv_field_get_label (MP_CSV_FIELD_SECTOR);
    case COLUMN_STATUS: return mp_csv_field_get_label (MP_CSV_FIELD_STATUS);
    case COLUMN_SOURCE: return C_("csv header", "Source");
    case COLUMN_REGISTERED_AT: return C_("csv header", "Registered at");
    case COLUMN_CHECKED_IN_AT: return C_("csv header", "Checked in at");
    case COLUMN_DESK: return C_("csv header", "Desk");
    case COLUMN_DIETARY: return mp_csv_field_get_label (MP_CSV_FIELD_DIETARY);
    case COLUMN_ACCESSIBILITY: return mp_csv_field_get_label (MP_CSV_FIELD_ACCESSIBILITY);
    case COLUMN_INTERPRETER: return mp_csv_field_get_label (MP_CSV_FIELD_INTERPRETER);
    case COLUMN_CONSENT_FOLLOWUP: return mp_csv_field_get_label (MP_CSV_FIELD_CONSENT_FOLLOWUP);
    case COLUMN_CONSENT_PHOTO: return mp_csv_field_get_label (MP_CSV_FIELD_CONSENT_PHOTO);
    case COLUMN_TICKET: return C_("csv header", "Ticket");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
_mp_attendee_export_cell (MpAttendee  *attendee,
                          guint        column,
                          char       **owned)
{
  gboolean arrived = mp_attendee_get_arrived (attendee);

  *owned = NULL;
  switch (column)
    {
    case COLUMN_NAME: return mp_attendee_get_name (attendee);
    case COLUMN_EMAIL: return mp_attendee_get_email (attendee);
    case COLUMN_PHONE: return mp_attendee_get_phone (attendee);
    case COLUMN_ORGANISATION: return mp_attendee_get_organisation (attendee);
    case COLUMN_SECTOR: return mp_attendee_get_sector (attendee);
    case COLUMN_STATUS: return mp_registration_status_get_label (mp_attendee_get_status (attendee));
    case COLUMN_SOURCE: return mp_registration_source_get_label (mp_attendee_get_source (attendee));
    case COLUMN_REGISTERED_AT: return *owned = dup_time (mp_attendee_get_created_at (attendee));
    case COLUMN_CHECKED_IN_AT: return *owned = dup_time (arrived ? mp_attendee_get_checked_in_at (attendee) : 0);
    case COLUMN_DESK: return arrived ? mp_attendee_get_checkin_desk (attendee) : NULL;
    case COLUMN_DIETARY: return mp_attendee_get_dietary (attendee);
    case COLUMN_ACCESSIBILITY: return mp_attendee_get_accessibility (attendee);
    case COLUMN_INTERPRETER: return mp_attendee_get_interpreter (attendee);
    case COLUMN_CONSENT_FOLLOWUP: return yes_no (mp_attendee_get_consent_followup (attendee));
    case COLUMN_CONSENT_PHOTO: return yes_no (mp_attendee_get_consent_photo (attendee));
    case COLUMN_TICKET: return *owned = mp_attendee_dup_ticket_text (attendee);
    default: g_return_val_if_reached (NULL);
    }
}

gboolean
_mp_attendee_export_includes (MpAttendee       *attendee,
                              MpCsvExportFlags  flags)
{
  return (flags & MP_CSV_EXPORT_CONSENTED) == 0 || mp_attendee_get_consent_followup (attendee);
}

static void
write_header (Writer *writer)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    writer_field (writer, _mp_attendee_export_header (c));
  writer_end_row (writer);
}

static void
write_attendee (Writer     *writer,
                MpAttendee *attendee)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      g_autofree char *owned = NULL;

      writer_field (writer, _mp_attendee_export_cell (attendee, c, &owned));
    }
  writer_end_row (writer);
}

static gboolean
write_all (GPtrArray         *attendees,
           MpCsvExportFlags   flags,
           GString           *buffer,
           GOutputStream     *stream,
           guint             *out_n_rows,
           GCancellable      *cancellable,
           GError           **error)
{
  Writer writer = {
    .buffer = buffer,
    .stream = stream,
    .cancellable = cancellable,
  };
  guint n_rows = 0;

  mp_csv_writer_init (&writer.csv, buffer,
                      (flags & MP_CSV_EXPORT_EXCEL) != 0 ? MP_CSV_DIALECT_EXCEL : MP_CSV_DIALECT_PLAIN);

  write_header (&writer);

  for (guint i = 0; i < attendees->len; i++)
    {
      MpAttendee *attendee = g_ptr_array_index (attendees, i);

      if (!_mp_attendee_export_includes (attendee, flags))
        continue;

      write_attendee (&writer, attendee);
      n_rows++;

      if ((i & 1023) == 1023 && g_cancellable_is_cancelled (cancellable))
        {
          g_set_error_literal (error, MP_ERROR, MP_ERROR_CANCELLED, _("The export was stopped."));
          return FALSE;
        }
      if (!writer_flush (&writer, FALSE, error))
        return FALSE;
    }

  if (!writer_flush (&writer, TRUE, error))
    return FALSE;

  if (out_n_rows != NULL)
    *out_n_rows = n_rows;
  return TRUE;
}

gboolean
mp_csv_export_attendees (GPtrArray         *attendees,
                         MpCsvExportFlags   flags,
                         GOutputStream     *stream,
                         guint             *out_n_rows,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autoptr(GString) buffer = NULL;

  g_return_val_if_fail (attendees != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  buffer = g_string_sized_new (CHUNK_SIZE + 4096);
  return write_all (attendees, flags, buffer, stream, out_n_rows, cancellable, error);
}

gboolean
mp_csv_export_to_stream (MpStore           *store,
                         gint64             event_id,
                         MpCsvExportFlags   flags,
                         GOutputStream     *stream,
                         guint             *out_n_rows,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autoptr(GPtrArray) attendees = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  attendees = mp_store_list_attendees (store, event_id, error);
  if (attendees == NULL)
    return FALSE;

  return mp_csv_export_attendees (attendees, flags, stream, out_n_rows, cancellable, error);
}

gboolean
mp_csv_export_to_path (MpStore           *store,
                       gint64             event_id,
                       MpCsvExportFlags   flags,
                       const char        *path,
                       guint             *out_n_rows,
                       GCancellable      *cancellable,
                       GError           **error)
{
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GString) buffer = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  attendees = mp_store_list_attendees (store, event_id, error);
  if (attendees == NULL)
    return FALSE;

  /* All in memory first (a few MB for the largest conference), then
   * written to a temporary file, synced and renamed over @path. */
  buffer = g_string_sized_new (256 + attendees->len * 256);
  if (!write_all (attendees, flags, buffer, NULL, out_n_rows, cancellable, error))
    return FALSE;

  return mp_file_replace_contents (path, buffer->str, buffer->len, error);
}
