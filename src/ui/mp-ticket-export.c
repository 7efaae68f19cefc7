#define G_LOG_DOMAIN "mp-ticket-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-error.h"
#include "mp-combo-row.h"
#include "mp-file.h"
#include "mp-ticket-export.h"
#include "mp-ticket-render.h"
#include "mp-toast.h"

struct _MpTicketExport
{
  AdwWindow             parent_instance;

  MpStore              *store;
  MpEvent              *event;
  GPtrArray            *selected;       /* MpAttendee *, immutable; may be empty */
  MpTicketExportMode    mode;
  GtkWidget            *owner;          /* weak: where the saved file is told */

  GCancellable         *cancellable;    /* of the export under way, or NULL */
  GtkFileChooserNative *chooser;
  GtkPrintOperation    *print;          /* while printing */
  MpTicketRenderer     *print_renderer;
  GPtrArray            *print_attendees;
  guint                 progress_id;
  gint                  progress_permille;  /* written by the export thread */
  gboolean              disposed;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwComboRow          *which_row;
  GtkStringList        *which_list;
  AdwComboRow          *layout_row;
  GtkStringList        *layout_list;
  GtkStack             *action_stack;
  GtkWidget            *progress_box;
  GtkProgressBar       *progress_bar;
  GtkButton            *cancel_button;
  GtkWidget            *button_box;
  GtkButton            *print_button;
  GtkButton            *export_button;
};

G_DEFINE_FINAL_TYPE (MpTicketExport, mp_ticket_export, ADW_TYPE_WINDOW)

/* Whether the "Who" row says the selected ones (else: everyone). */
static gboolean
mp_ticket_export_wants_selected (MpTicketExport *self)
{
  return self->selected->len > 0 && adw_combo_row_get_selected (self->which_row) == 0;
}

static MpTicketLayout
mp_ticket_export_get_layout (MpTicketExport *self)
{
  guint selected = adw_combo_row_get_selected (self->layout_row);

  return selected < MP_N_TICKET_LAYOUTS ? (MpTicketLayout) selected : MP_TICKET_LAYOUT_TICKET;
}

static void
mp_ticket_export_toast (MpTicketExport *self,
                        const char     *message,
                        gboolean        high)
{
  AdwToast *toast = adw_toast_new (message);

  if (high)
    adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Everyone with a ticket: cancelled and waiting-list registrations get
 * none. */
static GPtrArray *
registered_only (GPtrArray *attendees)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < attendees->len; i++)
    {
      MpAttendee *a = g_ptr_array_index (attendees, i);

      if (mp_attendee_get_status (a) == MP_REGISTRATION_STATUS_REGISTERED)
        g_ptr_array_add (out, g_object_ref (a));
    }

  return out;
}

static void
mp_ticket_export_set_busy (MpTicketExport *self,
                           gboolean        busy)
{
  gtk_stack_set_visible_child_name (self->action_stack, busy ? "progress" : "buttons");
  gtk_widget_set_sensitive (GTK_WIDGET (self->which_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->layout_row), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tickets.cancel", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tickets.print", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tickets.export", !busy);
  /* Enter or Space stops it; afterwards, back where the person was. */
  if (busy)
    gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->mode == MP_TICKET_EXPORT_PRINT ? self->print_button : self->export_button));
}

/* Export to PDF: on a thread, with a connection of its own */

typedef struct
{
  MpDatabase     *main_db;   /* the window's; the thread opens its own */
  MpEvent        *event;
  GPtrArray      *attendees;   /* NULL: everyone registered, read on the thread */
  MpTicketLayout  layout;
  char           *path;
  gint           *progress_permille;
  guint           n_written;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->main_db);
  g_clear_object (&data->event);
  g_clear_pointer (&data->attendees, g_ptr_array_unref);
  g_free (data->path);
  g_free (data);
}

static void
export_progress_cb (double   fraction,
                    gpointer user_data)
{
  ExportData *data = user_data;

  g_atomic_int_set (data->progress_permille, (gint) CLAMP (fraction * 1000, 0, 1000));
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpTicketRenderer) renderer = NULL;

  if (data->attendees == NULL)
    {
      g_autoptr(MpDatabase) db = mp_database_open_worker (data->main_db, MP_DATABASE_FLAGS_READ_ONLY, &error);
      g_autoptr(MpStore) store = NULL;
      g_autoptr(GPtrArray) all = NULL;

      if (db == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      store = mp_store_new (db);
      all = mp_store_list_attendees (store, mp_event_get_id (data->event), &error);
      if (all == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      data->attendees = registered_only (all);
    }

  if (data->attendees->len == 0)
    {
      g_task_return_new_error (task, MP_ERROR, MP_ERROR_INVALID, "%s",
                               _("There is nobody to make a ticket for: "
                                 "nobody is registered, or all registrations are cancelled."));
      return;
    }

  renderer = mp_ticket_renderer_new (data->event, data->layout);
  if (!mp_ticket_renderer_render_to_file (renderer, data->path, data->attendees, cancellable,
                                          export_progress_cb, data, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->n_written = data->attendees->len;
  g_task_return_boolean (task, TRUE);
}

static gboolean
mp_ticket_export_progress_cb (gpointer user_data)
{
  MpTicketExport *self = user_data;
  int permille = g_atomic_int_get (&self->progress_permille);
  g_autofree char *text = NULL;

  gtk_progress_bar_set_fraction (self->progress_bar, permille / 1000.0);
  /* Translators: how far the export of tickets is, e.g. "42 %" */
  text = g_strdup_printf (_("%d %%"), permille / 10);
  gtk_progress_bar_set_text (self->progress_bar, text);

  return G_SOURCE_CONTINUE;
}

static void
open_file_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkWindow *window = user_data;

  gtk_show_uri (window, g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

/* The "Open" of the toast: an action on the parent window, so that it
 * works after this dialog has closed. */
static void
ensure_open_action (GtkWindow *window)
{
  static const GActionEntry entries[] = {
    { "open", open_file_action, "s" },
  };
  GSimpleActionGroup *group;

  if (g_object_get_data (G_OBJECT (window), "mp-ticket-export-actions") != NULL)
    return;

  group = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), window);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "ticket-export", G_ACTION_GROUP (group));
  g_object_set_data_full (G_OBJECT (window), "mp-ticket-export-actions", group, g_object_unref);
}

static void
mp_ticket_export_exported_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  MpTicketExport *self = MP_TICKET_EXPORT (source);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;
  AdwToastOverlay *overlay;

  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->cancellable);

  /* Closed while exporting: the export was stopped, nobody to tell. */
  if (self->disposed)
    return;

  mp_ticket_export_set_busy (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || g_error_matches (error, MP_ERROR, MP_ERROR_CANCELLED))
        mp_ticket_export_toast (self, _("Export stopped. Nothing was saved."), FALSE);
      else
        mp_ticket_export_toast (self, error->message, TRUE);
      return;
    }

  /* Told where the dialog was opened from (the event page), as the
   * dialog closes; else in the dialog. */
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  overlay = self->owner != NULL ? mp_toast_find_overlay (self->owner) : NULL;
  if (parent == NULL || overlay == NULL)
    {
      /* Translators: %s is the file the tickets were saved in */
      g_autofree char *done = g_strdup_printf (_("Saved in “%s”"), data->path);

      mp_ticket_export_toast (self, done, FALSE);
      return;
    }

    {
      g_autoptr(GFile) file = g_file_new_for_path (data->path);
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             /* Translators: %u tickets, %s a file name */
                                                             "%u ticket saved in “%s”",
                                                             "%u tickets saved in “%s”",
                                                             data->n_written),
                                                data->n_written, name);
      AdwToast *toast = adw_toast_new (title);

      ensure_open_action (parent);
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "ticket-export.open");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
      adw_toast_overlay_add_toast (overlay, toast);
    }

  gtk_window_close (GTK_WINDOW (self));
}

void
mp_ticket_export_save_to (MpTicketExport *self,
                          const char     *path)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (MP_IS_TICKET_EXPORT (self));
  g_return_if_fail (path != NULL);

  if (self->cancellable != NULL)
    return;

  data = g_new0 (ExportData, 1);
  data->main_db = g_object_ref (mp_store_get_database (self->store));
  data->event = mp_event_copy (self->event);
  data->layout = mp_ticket_export_get_layout (self);
  data->progress_permille = &self->progress_permille;
  if (g_str_has_suffix (path, ".pdf") || g_str_has_suffix (path, ".PDF"))
    data->path = g_strdup (path);
  else
    data->path = g_strconcat (path, ".pdf", NULL);
  if (mp_ticket_export_wants_selected (self))
    data->attendees = registered_only (self->selected);

  self->cancellable = g_cancellable_new ();
  self->progress_permille = 0;
  mp_ticket_export_progress_cb (self);
  mp_ticket_export_set_busy (self, TRUE);
  self->progress_id = g_timeout_add (100, mp_ticket_export_progress_cb, self);

  task = g_task_new (self, self->cancellable, mp_ticket_export_exported_cb, NULL);
  g_task_set_source_tag (task, mp_ticket_export_save_to);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

static void
mp_ticket_export_chosen_cb (MpTicketExport       *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        mp_ticket_export_save_to (self, path);
      else
        mp_ticket_export_toast (self, _("Choose a file on this computer."), TRUE);
    }

  g_clear_object (&self->chooser);
}

/* A file name from the event's title, with nothing a file system minds
 * (mp_file_name_from_title(): "Frokostmøte - tema.pdf") */
static char *
suggested_file_name (MpTicketExport *self)
{
  g_autofree char *stem = mp_file_name_from_title (mp_event_get_title (self->event), C_("file name", "tickets"));

  return g_strconcat (stem, ".pdf", NULL);
}

static void
mp_ticket_export_export_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  MpTicketExport *self = MP_TICKET_EXPORT (widget);
  g_autofree char *name = suggested_file_name (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Tickets as PDF"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (mp_ticket_export_chosen_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
mp_ticket_export_cancel_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  MpTicketExport *self = MP_TICKET_EXPORT (widget);

  g_cancellable_cancel (self->cancellable);
}

/* Printing: GtkPrintOperation with its dialog and preview */

static void
print_begin_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                MpTicketExport    *self)
{
  gtk_print_operation_set_n_pages (operation,
                                   mp_ticket_layout_get_n_pages (mp_ticket_renderer_get_layout (self->print_renderer),
                                                                 self->print_attendees->len));
}

static void
print_draw_page_cb (GtkPrintOperation *operation,
                    GtkPrintContext   *context,
                    int                page,
                    MpTicketExport    *self)
{
  MpTicketLayout layout = mp_ticket_renderer_get_layout (self->print_renderer);
  guint per_page = mp_ticket_layout_get_per_page (layout);
  guint first = page * per_page;
  guint n;

  if (first >= self->print_attendees->len)
    return;

  n = MIN (per_page, self->print_attendees->len - first);
  mp_ticket_renderer_draw_page (self->print_renderer, gtk_print_context_get_cairo_context (context),
                                (MpAttendee **) self->print_attendees->pdata + first, n);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               MpTicketExport          *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      gtk_print_operation_get_error (operation, &error);
      /* Translators: %s is the reason the printing system gave */
      message = g_strdup_printf (_("The tickets were not printed: %s"),
                                 error != NULL ? error->message : _("the printer gave no reason"));
      mp_ticket_export_toast (self, message, TRUE);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    mp_ticket_export_toast (self, _("Sent to the printer"), FALSE);

  g_clear_object (&self->print);
  g_clear_object (&self->print_renderer);
  g_clear_pointer (&self->print_attendees, g_ptr_array_unref);
  mp_ticket_export_set_busy (self, FALSE);
}

static void
mp_ticket_export_print_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  MpTicketExport *self = MP_TICKET_EXPORT (widget);
  MpTicketLayout layout = mp_ticket_export_get_layout (self);
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  double width, height;

  if (self->print != NULL || self->cancellable != NULL)
    return;

  if (mp_ticket_export_wants_selected (self))
    attendees = registered_only (self->selected);
  else
    {
      g_autoptr(GPtrArray) all = mp_store_list_attendees (self->store, mp_event_get_id (self->event), &error);

      if (all == NULL)
        {
          mp_ticket_export_toast (self, error->message, TRUE);
          return;
        }
      attendees = registered_only (all);
    }

  if (attendees->len == 0)
    {
      mp_ticket_export_toast (self, _("There is nobody to make a ticket for: "
                                      "nobody is registered, or all registrations are cancelled."), TRUE);
      return;
    }

  mp_ticket_layout_get_page_size (layout, &width, &height);
  paper = gtk_paper_size_new_custom (mp_ticket_layout_to_string (layout),
                                     mp_ticket_layout_get_label (layout),
                                     width, height, GTK_UNIT_POINTS);
  gtk_page_setup_set_paper_size (page_setup, paper);
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_page_setup_set_top_margin (page_setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (page_setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (page_setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (page_setup, 0, GTK_UNIT_POINTS);

  self->print_attendees = g_steal_pointer (&attendees);
  self->print_renderer = mp_ticket_renderer_new (self->event, layout);
  self->print = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (self->print, mp_event_get_title (self->event));
  gtk_print_operation_set_default_page_setup (self->print, page_setup);
  gtk_print_operation_set_unit (self->print, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (self->print, TRUE);
  gtk_print_operation_set_allow_async (self->print, TRUE);
  gtk_print_operation_set_show_progress (self->print, TRUE);
  g_signal_connect (self->print, "begin-print", G_CALLBACK (print_begin_cb), self);
  g_signal_connect (self->print, "draw-page", G_CALLBACK (print_draw_page_cb), self);
  g_signal_connect (self->print, "done", G_CALLBACK (print_done_cb), self);

  mp_ticket_export_set_busy (self, TRUE);
  /* GTK shows the printing's own progress; nothing to cancel here. */
  gtk_stack_set_visible_child_name (self->action_stack, "buttons");
  if (gtk_print_operation_run (self->print, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR
      && self->print != NULL)
    {
      /* Some errors come back here without ::done. */
      mp_ticket_export_toast (self, error != NULL ? error->message : _("The tickets were not printed."), TRUE);
      print_done_cb (self->print, GTK_PRINT_OPERATION_RESULT_CANCEL, self);
    }
}

static void
mp_ticket_export_fill_which (MpTicketExport *self)
{
  g_autoptr(GError) error = NULL;
  MpEventCounts counts = { 0 };
  g_autofree char *all = NULL;

  if (self->selected->len == 1)
    {
      MpAttendee *attendee = g_ptr_array_index (self->selected, 0);
      /* Translators: %s is a person's name */
      g_autofree char *one = g_strdup_printf (_("Only %s"), mp_attendee_get_name (attendee));

      gtk_string_list_append (self->which_list, one);
    }
  else if (self->selected->len > 1)
    {
      g_autofree char *some = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "The %u selected attendee",
                                                            "The %u selected attendees",
                                                            self->selected->len),
                                               self->selected->len);

      gtk_string_list_append (self->which_list, some);
    }

  if (mp_store_get_counts (self->store, mp_event_get_id (self->event), &counts, &error))
    all = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        /* Translators: everyone registered for the event, with how many */
                                        "Everyone (%u)",
                                        "Everyone (%u)",
                                        counts.registered),
                           counts.registered);
  else
    all = g_strdup (_("Everyone"));
  gtk_string_list_append (self->which_list, all);
}

static gboolean
mp_ticket_export_close_request (GtkWindow *window)
{
  MpTicketExport *self = MP_TICKET_EXPORT (window);

  /* Closing stops an export; the half-made file is never left behind. */
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (mp_ticket_export_parent_class)->close_request (window);
}

static void
mp_ticket_export_dispose (GObject *object)
{
  MpTicketExport *self = MP_TICKET_EXPORT (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->print != NULL)
    g_signal_handlers_disconnect_by_data (self->print, self);
  g_clear_object (&self->print);
  g_clear_object (&self->print_renderer);
  g_clear_pointer (&self->print_attendees, g_ptr_array_unref);
  g_clear_weak_pointer (&self->owner);

  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_TICKET_EXPORT);

  G_OBJECT_CLASS (mp_ticket_export_parent_class)->dispose (object);
}

static void
mp_ticket_export_finalize (GObject *object)
{
  MpTicketExport *self = MP_TICKET_EXPORT (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->event);
  g_clear_pointer (&self->selected, g_ptr_array_unref);

  G_OBJECT_CLASS (mp_ticket_export_parent_class)->finalize (object);
}

static void
mp_ticket_export_class_init (MpTicketExportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mp_ticket_export_dispose;
  object_class->finalize = mp_ticket_export_finalize;
  window_class->close_request = mp_ticket_export_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-ticket-export.ui");
  gtk_widget_class_bind_template_child (widget_class, MpTicketExport, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MpTicketExport, window_title);
  gtk_widget_class_bind_template_child (widget_class, MpTicketExport, which_row);
  gtk_widget_class_bind_template_child (widget_class, MpTicketExport, which_list);
  gtk_widget_class_bind_template_child (widget_class, MpTicketExport, layout_row);
  gtk_widget_class_bind_template_child (widget_class, MpTicketExport, layout_list);
  gtk_widget_class_bind_template_child (widget_class, MpTicketExport, action_stack);
  gtk_widget_class_bind_template_child (widget_class, MpTicketExport, progress_box);
  gtk_widget_class_bind_template_child (widget_class, MpTicketExport, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MpTicketExport, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MpTicketExport, button_box);
  gtk_widget_class_bind_template_child (widget_class, MpTicketExport, print_button);
  gtk_widget_class_bind_template_child (widget_class, MpTicketExport, export_button);

  gtk_widget_class_install_action (widget_class, "tickets.print", NULL, mp_ticket_export_print_action);
  gtk_widget_class_install_action (widget_class, "tickets.export", NULL, mp_ticket_export_export_action);
  gtk_widget_class_install_action (widget_class, "tickets.cancel", NULL, mp_ticket_export_cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mp_ticket_export_init (MpTicketExport *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* every choice whole, never cut with "…" */
  mp_combo_row_list_whole (self->layout_row);

  for (guint i = 0; i < MP_N_TICKET_LAYOUTS; i++)
    gtk_string_list_append (self->layout_list, mp_ticket_layout_get_label (i));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tickets.cancel", FALSE);
}

MpTicketExport *
mp_ticket_export_new (GtkWidget          *owner,
                      MpStore            *store,
                      MpEvent            *event,
                      GPtrArray          *selected,
                      MpTicketExportMode  mode)
{
  MpTicketExport *self;
  GtkButton *primary;
  GtkRoot *parent;

  g_return_val_if_fail (owner == NULL || GTK_IS_WIDGET (owner), NULL);
  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (MP_IS_EVENT (event), NULL);

  parent = owner != NULL ? gtk_widget_get_root (owner) : NULL;
  self = g_object_new (MP_TYPE_TICKET_EXPORT, "transient-for", GTK_IS_WINDOW (parent) ? parent : NULL, NULL);
  g_set_weak_pointer (&self->owner, owner);
  self->store = g_object_ref (store);
  self->event = mp_event_copy (event);
  self->mode = mode;
  self->selected = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; selected != NULL && i < selected->len; i++)
    g_ptr_array_add (self->selected, g_object_ref (g_ptr_array_index (selected, i)));

  adw_window_title_set_subtitle (self->window_title, mp_event_get_title (event));
  mp_ticket_export_fill_which (self);

  primary = mode == MP_TICKET_EXPORT_PRINT ? self->print_button : self->export_button;
  gtk_widget_add_css_class (GTK_WIDGET (primary), "suggested-action");
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (primary));
  gtk_widget_grab_focus (GTK_WIDGET (primary));

  return self;
}
