#define G_LOG_DOMAIN "mp-report-export-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-report-export-chooser.h"

#define CHOOSER_KEY "mp-report-export-chooser"

typedef struct
{
  GtkWidget                *owner;    /* not a reference: the chooser goes with it */
  AdwToastOverlay          *toasts;
  MpReportFormat            format;
  MpReportExportChosenFunc  chosen;
} Request;

static void
destroy_chooser (gpointer data)
{
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (data));
  g_object_unref (data);
}

static void
response_cb (GtkNativeDialog *chooser,
             int              response,
             Request         *request)
{
  GtkWidget *owner = request->owner;

  g_object_ref (chooser);
  g_object_steal_data (G_OBJECT (owner), CHOOSER_KEY);
  g_object_unref (chooser);   /* the owner's reference */

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        request->chosen (owner, request->format, path);
      else if (request->toasts != NULL)
        adw_toast_overlay_add_toast (request->toasts, adw_toast_new (_("Choose a file on this computer.")));
    }

  g_object_unref (chooser);
}

void
mp_report_export_chooser_ask (GtkWidget                *owner,
                              AdwToastOverlay          *toasts,
                              const char               *which,
                              MpReportExportNameFunc    suggest,
                              MpReportExportChosenFunc  chosen)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *forced = g_getenv ("MP_REPORT_EXPORT_FILE");
  GtkFileChooserNative *chooser;
  MpReportFormat format;
  const char *extension;
  Request *request;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (which != NULL && suggest != NULL && chosen != NULL);

  if (g_object_get_data (G_OBJECT (owner), CHOOSER_KEY) != NULL)
    return;

  if (g_str_equal (which, "pdf"))
    {
      format = MP_REPORT_FORMAT_PDF;
      extension = "pdf";
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
    }
  else if (g_str_equal (which, "xlsx"))
    {
      format = MP_REPORT_FORMAT_XLSX;
      extension = "xlsx";
      gtk_file_filter_set_name (filter, _("Spreadsheets (XLSX)"));
    }
  else
    {
      format = g_str_equal (which, "excel") ? MP_REPORT_FORMAT_CSV_EXCEL : MP_REPORT_FORMAT_CSV;
      extension = "csv";
      gtk_file_filter_set_name (filter, _("CSV files"));
    }
  gtk_file_filter_add_suffix (filter, extension);

  /* Tests name the file instead of answering a dialog. */
  if (forced != NULL && forced[0] != '\0')
    {
      g_autofree char *path = g_strdup_printf ("%s.%s", forced, extension);

      chosen (owner, format, path);
      return;
    }

  name = suggest (owner, extension);
  chooser = gtk_file_chooser_native_new (_("Export Report"),
                                         GTK_WINDOW (gtk_widget_get_root (owner)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  request = g_new0 (Request, 1);
  request->owner = owner;
  request->toasts = toasts;
  request->format = format;
  request->chosen = chosen;
  g_signal_connect_data (chooser, "response", G_CALLBACK (response_cb), request,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  g_object_set_data_full (G_OBJECT (owner), CHOOSER_KEY, chooser, destroy_chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
mp_report_export_chooser_dismiss (GtkWidget *owner)
{
  g_return_if_fail (GTK_IS_WIDGET (owner));

  g_object_set_data (G_OBJECT (owner), CHOOSER_KEY, NULL);
}
