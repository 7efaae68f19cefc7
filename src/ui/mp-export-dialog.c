#define G_LOG_DOMAIN "mp-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-csv-export.h"
#include "mp-export-dialog.h"
#include "mp-number.h"
#include "mp-save-chooser.h"
#include "mp-toast.h"
#include "mp-xlsx-export.h"

typedef enum
{
  FORMAT_CSV,
  FORMAT_EXCEL,
  FORMAT_XLSX,
} Format;

struct _MpExportDialog
{
  AdwWindow        parent_instance;

  GtkWidget       *owner;       /* weak */
  MpStore         *store;
  MpEvent         *event;
  GCancellable    *cancellable; /* while writing */
  char            *last;        /* what the last export said, for tests */
  gboolean         disposed;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkWidget       *export_button;
  GtkSpinner      *spinner;
  GtkCheckButton  *csv_check;
  GtkCheckButton  *excel_check;
  GtkCheckButton  *xlsx_check;
  GtkSwitch       *consented_switch;
  AdwPreferencesGroup *who_group;
};

G_DEFINE_FINAL_TYPE (MpExportDialog, mp_export_dialog, ADW_TYPE_WINDOW)

static Format
mp_export_dialog_get_format (MpExportDialog *self)
{
  if (gtk_check_button_get_active (self->xlsx_check))
    return FORMAT_XLSX;
  if (gtk_check_button_get_active (self->excel_check))
    return FORMAT_EXCEL;
  return FORMAT_CSV;
}

/* On a thread, with a connection of its own. */

typedef struct
{
  MpDatabase       *main_db;
  gint64            event_id;
  Format            format;
  MpCsvExportFlags  flags;
  char             *path;
  guint             n_rows;
} Work;

static void
work_free (Work *work)
{
  g_clear_object (&work->main_db);
  g_free (work->path);
  g_free (work);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Work *work = task_data;
  g_autoptr(MpDatabase) database = NULL;
  g_autoptr(MpStore) store = NULL;
  GError *error = NULL;
  gboolean done;

  database = mp_database_open_worker (work->main_db, MP_DATABASE_FLAGS_NONE, &error);
  if (database == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  store = mp_store_new (database);

  if (work->format == FORMAT_XLSX)
    done = mp_xlsx_export_to_path (store, work->event_id, work->flags, work->path,
                                   &work->n_rows, cancellable, &error);
  else
    done = mp_csv_export_to_path (store, work->event_id, work->flags, work->path,
                                  &work->n_rows, cancellable, &error);
  if (done)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
mp_export_dialog_set_busy (MpExportDialog *self,
                           gboolean        busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save", !busy);
}

static void
open_file_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  gtk_show_uri (GTK_WINDOW (user_data), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

/* The "Open" of the toast: an action on the page's window, so that it
 * works after this dialog has closed. */
static void
ensure_open_action (GtkWindow *window)
{
  static const GActionEntry entries[] = {
    { "open", open_file_action, "s" },
  };
  GSimpleActionGroup *group;

  if (g_object_get_data (G_OBJECT (window), "mp-export-actions") != NULL)
    return;

  group = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), window);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "attendee-export", G_ACTION_GROUP (group));
  g_object_set_data_full (G_OBJECT (window), "mp-export-actions", group, g_object_unref);
}

static void
mp_export_dialog_done_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  MpExportDialog *self = MP_EXPORT_DIALOG (source);
  Work *work = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (work->path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;
  GtkRoot *root;
  AdwToast *toast;

  g_clear_object (&self->cancellable);
  /* closed while writing: the export was stopped, nobody to tell */
  if (self->disposed)
    return;
  mp_export_dialog_set_busy (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      AdwToast *problem = adw_toast_new (error->message);

      g_free (self->last);
      self->last = g_strdup_printf ("error|%s", error->message);
      adw_toast_set_priority (problem, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (self->toast_overlay, problem);
      return;
    }

  g_free (self->last);
  self->last = g_strdup_printf ("done|%u|%s", work->n_rows, work->path);
  /* Translators: %u attendees, %s a file name */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attendee exported to “%s”",
                                          "%u attendees exported to “%s”", work->n_rows),
                             work->n_rows, name);
  toast = adw_toast_new (message);
  root = self->owner != NULL ? gtk_widget_get_root (self->owner) : NULL;
  if (GTK_IS_WINDOW (root))
    {
      ensure_open_action (GTK_WINDOW (root));
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "attendee-export.open");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
    }
  if (self->owner == NULL || !mp_toast_add (self->owner, toast))
    {
      if (self->owner == NULL)
        g_object_unref (toast);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
mp_export_dialog_chosen_cb (GtkWidget  *widget,
                            const char *path,
                            gpointer    user_data)
{
  MpExportDialog *self = MP_EXPORT_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  Work *work = g_new0 (Work, 1);

  work->main_db = g_object_ref (mp_store_get_database (self->store));
  work->event_id = mp_event_get_id (self->event);
  work->format = mp_export_dialog_get_format (self);
  work->flags = (work->format == FORMAT_EXCEL ? MP_CSV_EXPORT_EXCEL : MP_CSV_EXPORT_FLAGS_NONE)
                | (gtk_switch_get_active (self->consented_switch) ? MP_CSV_EXPORT_CONSENTED : 0);
  work->path = g_strdup (path);

  self->cancellable = g_cancellable_new ();
  mp_export_dialog_set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, mp_export_dialog_done_cb, NULL);
  g_task_set_source_tag (task, mp_export_dialog_chosen_cb);
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  g_task_run_in_thread (task, export_thread);
}

static void
mp_export_dialog_save_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  MpExportDialog *self = MP_EXPORT_DIALOG (widget);
  Format format = mp_export_dialog_get_format (self);
  const char *extension = format == FORMAT_XLSX ? "xlsx" : "csv";
  /* Translators: the end of an attendee export's file name: "Dialogmøte – deltakere.csv" */
  g_autofree char *name = mp_save_chooser_file_name (mp_event_get_title (self->event), C_("file name", "attendees"),
                                                     extension);

  if (self->cancellable != NULL)
    return;
  mp_save_chooser_ask (widget, _("Export Attendees"), name,
                       format == FORMAT_XLSX ? _("Excel workbooks") : _("CSV files"),
                       extension, mp_export_dialog_chosen_cb, NULL);
}

static void
mp_export_dialog_dispose (GObject *object)
{
  MpExportDialog *self = MP_EXPORT_DIALOG (object);

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_EXPORT_DIALOG);
  g_clear_weak_pointer (&self->owner);
  g_clear_object (&self->store);
  g_clear_object (&self->event);
  g_clear_pointer (&self->last, g_free);

  G_OBJECT_CLASS (mp_export_dialog_parent_class)->dispose (object);
}

static void
mp_export_dialog_class_init (MpExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MpExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MpExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, MpExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, MpExportDialog, csv_check);
  gtk_widget_class_bind_template_child (widget_class, MpExportDialog, excel_check);
  gtk_widget_class_bind_template_child (widget_class, MpExportDialog, xlsx_check);
  gtk_widget_class_bind_template_child (widget_class, MpExportDialog, consented_switch);
  gtk_widget_class_bind_template_child (widget_class, MpExportDialog, who_group);

  gtk_widget_class_install_action (widget_class, "export.save", NULL, mp_export_dialog_save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mp_export_dialog_init (MpExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->export_button);
  /* Enter exports (the format as it is, CSV unless chosen) */
  gtk_window_set_focus (GTK_WINDOW (self), self->export_button);
}

MpExportDialog *
mp_export_dialog_new (GtkWidget *owner,
                      MpStore   *store,
                      MpEvent   *event)
{
  MpExportDialog *self;
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);
  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (MP_IS_EVENT (event), NULL);

  self = g_object_new (MP_TYPE_EXPORT_DIALOG, NULL);
  g_set_weak_pointer (&self->owner, owner);
  self->store = g_object_ref (store);
  self->event = g_object_ref (event);
  root = gtk_widget_get_root (owner);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));

  {
    MpEventCounts counts = { 0 };
    guint n;
    g_autofree char *number = NULL;
    g_autofree char *description = NULL;

    mp_store_get_counts (store, mp_event_get_id (event), &counts, NULL);
    n = counts.registered + counts.waitlisted + counts.cancelled;
    number = mp_number_format (n);
    /* Translators: what an attendee export holds */
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s registration, with its status, in order of family name",
                                                "All %s registrations, each with its status (waiting list and cancelled too), in order of family name",
                                                n),
                                   number);
    adw_preferences_group_set_description (self->who_group, description);
  }
  return self;
}

void
mp_export_dialog_describe (MpExportDialog *self,
                           GString        *out)
{
  static const char *formats[] = { "csv", "excel", "xlsx" };

  g_return_if_fail (MP_IS_EXPORT_DIALOG (self));

  g_string_append_printf (out, "export=%s|%s%s\n", formats[mp_export_dialog_get_format (self)],
                          gtk_switch_get_active (self->consented_switch) ? "consented" : "all",
                          self->cancellable != NULL ? "|busy" : "");
  if (self->last != NULL)
    g_string_append_printf (out, "export.last=%s\n", self->last);
}
