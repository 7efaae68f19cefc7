/* mp-ticket-render-file.c: tickets and badges to a PDF file, or to PNG
 * files one page each, written through mp-file.c: whole or not at all
 */
#define G_LOG_DOMAIN "mp-ticket-render"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "mp-error.h"
#include "mp-file.h"
#include "mp-ticket.h"
#include "mp-ticket-render-private.h"

#define PNG_DPI 300.0

/* Turns a cairo failure into an error that says what to do. */
static gboolean
check_cairo_status (cairo_status_t   status,
                    MpFileWriter    *writer,
                    GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  /* A failed write says why itself. */
  if (!mp_file_writer_check (writer, error))
    return FALSE;

  {
    g_autofree char *display = g_filename_display_name (mp_file_writer_get_path (writer));

    g_set_error (error, MP_ERROR, MP_ERROR_IO,
                 _("Could not write “%s”: %s"), display,
                 cairo_status_to_string (status));
  }

  return FALSE;
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_CANCELLED,
                           _("Printing the tickets was stopped"));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  MpProgressFunc func;
  gpointer       data;
  guint          n_pages;
  guint          last_percent;
} Progress;

/* At most a hundred reports, so that a window that marshals each one to
 * its main loop is not flooded. */
static void
report_progress (Progress *progress,
                 guint     pages_done)
{
  guint percent;

  if (progress->func == NULL)
    return;

  percent = pages_done * 100 / progress->n_pages;
  if (percent == progress->last_percent && pages_done < progress->n_pages)
    return;

  progress->last_percent = percent;
  progress->func ((double) pages_done / progress->n_pages, progress->data);
}

static gboolean
render_pdf (MpTicketRenderer  *self,
            const char        *path,
            GPtrArray         *attendees,
            GCancellable      *cancellable,
            Progress          *progress,
            GError           **error)
{
  g_autoptr(MpFileWriter) writer = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint per_page = mp_ticket_layout_get_per_page (mp_ticket_renderer_get_layout (self));
  const char *title = mp_event_get_title (mp_ticket_renderer_get_event (self));
  double width, height;
  cairo_status_t status;
  gboolean cancelled = FALSE;

  writer = mp_file_writer_new (path, error);
  if (writer == NULL)
    return FALSE;

  mp_ticket_layout_get_page_size (mp_ticket_renderer_get_layout (self), &width, &height);
  surface = cairo_pdf_surface_create_for_stream (mp_file_writer_cairo_write, writer, width, height);
  if (title != NULL && title[0] != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Møteplass");
  cr = cairo_create (surface);

  for (guint first = 0, page = 1; first < attendees->len; first += per_page, page++)
    {
      guint n = MIN (per_page, attendees->len - first);

      if (g_cancellable_is_cancelled (cancellable))
        {
          cancelled = TRUE;
          break;
        }

      mp_ticket_renderer_draw_page (self, cr, (MpAttendee **) attendees->pdata + first, n);
      cairo_show_page (cr);
      if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
        break;

      report_progress (progress, page);
    }

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (cancelled)
    return check_cancelled (cancellable, error);

  if (!check_cairo_status (status, writer, error))
    return FALSE;

  return mp_file_writer_commit (writer, error);
}

static gboolean
render_png_page (MpTicketRenderer  *self,
                 MpFileWriter      *writer,
                 MpAttendee       **attendees,
                 guint              n_attendees,
                 GError           **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double width, height;
  double scale = PNG_DPI / 72.0;

  mp_ticket_layout_get_page_size (mp_ticket_renderer_get_layout (self), &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        (int) ceil (width * scale - 0.01),
                                        (int) ceil (height * scale - 0.01));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  mp_ticket_renderer_draw_page (self, cr, attendees, n_attendees);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, mp_file_writer_cairo_write, writer);
  cairo_surface_destroy (surface);

  return check_cairo_status (status, writer, error);
}

static gboolean
render_png (MpTicketRenderer  *self,
            const char        *path,
            GPtrArray         *attendees,
            GCancellable      *cancellable,
            Progress          *progress,
            GError           **error)
{
  g_autoptr(GPtrArray) writers = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_file_writer_free);
  guint per_page = mp_ticket_layout_get_per_page (mp_ticket_renderer_get_layout (self));
  guint n_pages = mp_ticket_layout_get_n_pages (mp_ticket_renderer_get_layout (self), attendees->len);

  /* All pages under temporary names first, so that a failure on the
   * last page leaves none of them behind. */
  for (guint page = 1; page <= n_pages; page++)
    {
      guint first = (page - 1) * per_page;
      guint n = MIN (per_page, attendees->len - first);
      g_autofree char *page_path = mp_ticket_png_page_path (path, page, n_pages);
      MpFileWriter *writer;

      if (!check_cancelled (cancellable, error))
        return FALSE;

      writer = mp_file_writer_new (page_path, error);
      if (writer == NULL)
        return FALSE;
      g_ptr_array_add (writers, writer);

      if (!render_png_page (self, writer, (MpAttendee **) attendees->pdata + first, n, error) ||
          !mp_file_writer_close (writer, error))
        return FALSE;

      report_progress (progress, page);
    }

  for (guint i = 0; i < writers->len; i++)
    {
      if (!mp_file_writer_commit (g_ptr_array_index (writers, i), error))
        return FALSE;
    }

  return TRUE;
}

gboolean
mp_ticket_renderer_render_to_file (MpTicketRenderer  *self,
                                   const char        *path,
                                   GPtrArray         *attendees,
                                   GCancellable      *cancellable,
                                   MpProgressFunc     progress,
                                   gpointer           progress_data,
                                   GError           **error)
{
  Progress report = { progress, progress_data, 0, 0 };
  gboolean ok;

  g_return_val_if_fail (MP_IS_TICKET_RENDERER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (attendees != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (attendees->len == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                           _("There are no tickets to print"));
      return FALSE;
    }

  for (guint i = 0; i < attendees->len; i++)
    {
      MpAttendee *attendee = g_ptr_array_index (attendees, i);

      g_return_val_if_fail (MP_IS_ATTENDEE (attendee), FALSE);

      if (!mp_ticket_token_is_valid (mp_attendee_get_token (attendee)))
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                       _("%s has no ticket"), mp_attendee_get_name (attendee));
          return FALSE;
        }
    }

  report.n_pages = mp_ticket_layout_get_n_pages (mp_ticket_renderer_get_layout (self), attendees->len);

  _mp_ticket_renderer_start_code_prefetch (self, attendees);
  if (g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".PNG"))
    ok = render_png (self, path, attendees, cancellable, &report, error);
  else
    ok = render_pdf (self, path, attendees, cancellable, &report, error);
  _mp_ticket_renderer_stop_code_prefetch (self);

  return ok;
}

