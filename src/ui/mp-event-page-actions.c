/* What a person does on an event's page: the event-page.* actions
 * (edit the event, add, import, check in, cancel, edit a registration,
 * print or export tickets, reload) and their undo. */
#define G_LOG_DOMAIN "mp-event-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-event-editor.h"
#include "mp-event-page-private.h"
#include "mp-ticket-export.h"
#include "mp-toast.h"

/* A dialog of the page, in front of its window. */
static void
mp_event_page_present (MpEventPage *self,
                       GtkWindow   *dialog)
{
  GtkWindow *window = _mp_event_page_get_window (self);

  if (window != NULL)
    gtk_window_set_transient_for (dialog, window);
  gtk_window_present (dialog);
}

/* The event */

static void
mp_event_page_editor_saved_cb (MpEventPage   *self,
                               MpEvent       *event,
                               MpEventEditor *editor)
{
  g_set_object (&self->event, event);
  _mp_event_page_update_header (self);
}

static void
mp_event_page_edit_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  MpEventPage *self = MP_EVENT_PAGE (widget);
  MpEventEditor *editor;

  if (self->event == NULL)
    return;

  editor = mp_event_editor_new (self->store, self->event, MP_EVENT_EDITOR_EDIT);
  g_signal_connect_object (editor, "saved",
                           G_CALLBACK (mp_event_page_editor_saved_cb),
                           self, G_CONNECT_SWAPPED);
  mp_event_page_present (self, GTK_WINDOW (editor));
}

static void
mp_event_page_reload_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  MpEventPage *self = MP_EVENT_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->event != NULL && !mp_event_page_load (self, mp_event_get_id (self->event), &error))
    mp_toast_add (widget, adw_toast_new (error->message));
}

/* Adding an attendee by hand */

static void
mp_event_page_attendee_added_cb (MpEventPage          *self,
                                 MpAttendee           *attendee,
                                 MpRegistrationEditor *editor)
{
  /* the editor says who was added and where they went */
  _mp_event_page_refresh (self);
}

/* "Show in the List" after adding: the new row selected and in sight,
 * the search and filter cleared first when they hide it. */
static void
mp_event_page_show_requested_cb (MpEventPage          *self,
                                 MpAttendee           *attendee,
                                 MpRegistrationEditor *editor)
{
  gint64 id = mp_attendee_get_registration_id (attendee);

  if (mp_attendee_list_find_registration (self->attendees, id) < 0)
    _mp_event_page_clear_search_and_filter (self);
  if (!mp_attendee_view_show_registration (self->attendee_view, id))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self->attendee_view));
}

static void
mp_event_page_print_requested_cb (MpEventPage          *self,
                                  MpAttendee           *attendee,
                                  MpRegistrationEditor *editor)
{
  g_autoptr(GPtrArray) attendees = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (attendees, g_object_ref (attendee));
  gtk_window_present (GTK_WINDOW (mp_ticket_export_new (GTK_WIDGET (self), self->store, self->event,
                                                        attendees, MP_TICKET_EXPORT_PRINT)));
}

static void
mp_event_page_add_attendee_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  MpEventPage *self = MP_EVENT_PAGE (widget);
  MpRegistrationEditor *editor;

  if (self->event == NULL)
    return;

  editor = mp_registration_editor_new (self->store, mp_event_get_id (self->event));
  g_signal_connect_object (editor, "added",
                           G_CALLBACK (mp_event_page_attendee_added_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "show-requested",
                           G_CALLBACK (mp_event_page_show_requested_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "print-requested",
                           G_CALLBACK (mp_event_page_print_requested_cb),
                           self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->registration_editor, editor);
  mp_event_page_present (self, GTK_WINDOW (editor));
}

/* Checking in the selected attendees */

static void
mp_event_page_undo_check_in_cb (MpEventPage *self,
                                AdwToast    *toast)
{
  gint64 *checkin_id = g_object_get_data (G_OBJECT (toast), "mp-checkin-id");
  g_autoptr(GError) error = NULL;

  if (!mp_store_undo_check_in (self->store, *checkin_id, _mp_event_page_get_desk_name (self), &error))
    mp_toast_add_error (GTK_WIDGET (self), error);
  _mp_event_page_refresh (self);
}

static void
mp_event_page_check_in_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  MpEventPage *self = MP_EVENT_PAGE (widget);
  g_autoptr(GPtrArray) attendees = mp_attendee_view_dup_selected (self->attendee_view,
                                                                  MP_EVENT_PAGE_MAX_SELECTED_ACTION);
  g_autoptr(MpCheckInResult) last = NULL;
  g_autoptr(GError) error = NULL;
  guint n_checked_in = 0;
  AdwToast *toast;

  for (guint i = 0; i < attendees->len; i++)
    {
      MpAttendee *attendee = g_ptr_array_index (attendees, i);
      MpCheckInResult *result;

      result = mp_store_check_in_registration (self->store, mp_event_get_id (self->event),
                                               mp_attendee_get_registration_id (attendee),
                                               _mp_event_page_get_desk_name (self), &error);
      if (result == NULL)
        break;
      if (mp_check_in_result_get_outcome (result) == MP_CHECK_IN_CHECKED_IN)
        n_checked_in++;
      g_clear_object (&last);
      last = result;
    }

  _mp_event_page_refresh (self);

  if (error != NULL)
    {
      mp_toast_add_error (widget, error);
      return;
    }

  if (attendees->len == 1 && last != NULL)
    {
      g_autofree char *message = mp_check_in_result_dup_message (last);

      toast = adw_toast_new (message);
      if (mp_check_in_result_get_outcome (last) == MP_CHECK_IN_CHECKED_IN)
        {
          gint64 checkin_id = mp_check_in_result_get_checkin_id (last);

          adw_toast_set_button_label (toast, _("_Undo"));
          g_object_set_data_full (G_OBJECT (toast), "mp-checkin-id",
                                  g_memdup2 (&checkin_id, sizeof checkin_id), g_free);
          g_signal_connect_object (toast, "button-clicked",
                                   G_CALLBACK (mp_event_page_undo_check_in_cb),
                                   self, G_CONNECT_SWAPPED);
        }
    }
  else
    toast = adw_toast_new_format (g_dngettext (GETTEXT_PACKAGE, "%u person checked in", "%u people checked in", n_checked_in),
                                  n_checked_in);

  mp_toast_add (widget, toast);
}

/* Cancelling registrations */

typedef struct
{
  gint64               registration_id;
  MpRegistrationStatus status;
} PreviousStatus;

/* An undo toast that puts back the statuses in @previous. */
static void mp_event_page_undo_cancel_cb (MpEventPage *self,
                                          AdwToast    *toast);

static void
mp_event_page_add_status_undo (MpEventPage *self,
                               AdwToast    *toast,
                               GArray      *previous)
{
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "mp-previous", previous, (GDestroyNotify) g_array_unref);
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (mp_event_page_undo_cancel_cb),
                           self, G_CONNECT_SWAPPED);
}

/* Moving up from the waiting list: the organiser's choice, when a
 * place is free (or past the capacity, on purpose); undone from the
 * toast. */
static void
mp_event_page_move_up_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  MpEventPage *self = MP_EVENT_PAGE (widget);
  g_autoptr(GPtrArray) attendees = mp_attendee_view_dup_selected (self->attendee_view,
                                                                  MP_EVENT_PAGE_MAX_SELECTED_ACTION);
  g_autoptr(GArray) previous = g_array_new (FALSE, FALSE, sizeof (PreviousStatus));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  MpAttendee *last = NULL;
  AdwToast *toast;

  for (guint i = 0; i < attendees->len; i++)
    {
      MpAttendee *attendee = g_ptr_array_index (attendees, i);
      PreviousStatus p = { mp_attendee_get_registration_id (attendee), mp_attendee_get_status (attendee) };

      if (p.status != MP_REGISTRATION_STATUS_WAITLISTED)
        continue;
      if (!mp_store_set_status (self->store, p.registration_id, MP_REGISTRATION_STATUS_REGISTERED, &error))
        break;
      g_array_append_val (previous, p);
      last = attendee;
    }

  _mp_event_page_refresh (self);

  if (error != NULL)
    mp_toast_add_error (widget, error);
  if (previous->len == 0)
    return;

  if (previous->len == 1)
    /* Translators: %s is a person's name */
    message = g_strdup_printf (_("%s moved up from the waiting list"), mp_attendee_get_name (last));
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person moved up from the waiting list",
                                            "%u people moved up from the waiting list", previous->len),
                               previous->len);
  /* past the capacity now: said, not refused (the organiser chose) */
  if (mp_event_get_capacity (self->event) >= 0 && self->counts.registered > (guint) mp_event_get_capacity (self->event))
    {
      g_autofree char *over = g_strdup_printf (_("%s, past the capacity"), message);

      g_free (message);
      message = g_steal_pointer (&over);
    }
  toast = adw_toast_new (message);
  mp_event_page_add_status_undo (self, toast, g_steal_pointer (&previous));
  mp_toast_add (widget, toast);
}

static void
mp_event_page_undo_cancel_cb (MpEventPage *self,
                              AdwToast    *toast)
{
  GArray *previous = g_object_get_data (G_OBJECT (toast), "mp-previous");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < previous->len && error == NULL; i++)
    {
      PreviousStatus *p = &g_array_index (previous, PreviousStatus, i);

      mp_store_set_status (self->store, p->registration_id, p->status, &error);
    }
  if (error != NULL)
    mp_toast_add_error (GTK_WIDGET (self), error);
  _mp_event_page_refresh (self);
}

static void
mp_event_page_cancel_attendees (MpEventPage *self,
                                GPtrArray   *attendees)
{
  g_autoptr(GArray) previous = g_array_new (FALSE, FALSE, sizeof (PreviousStatus));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  for (guint i = 0; i < attendees->len; i++)
    {
      MpAttendee *attendee = g_ptr_array_index (attendees, i);
      PreviousStatus p = { mp_attendee_get_registration_id (attendee), mp_attendee_get_status (attendee) };

      if (p.status == MP_REGISTRATION_STATUS_CANCELLED)
        continue;
      if (!mp_store_set_status (self->store, p.registration_id, MP_REGISTRATION_STATUS_CANCELLED, &error))
        break;
      g_array_append_val (previous, p);
    }

  _mp_event_page_refresh (self);

  if (error != NULL)
    mp_toast_add_error (GTK_WIDGET (self), error);
  if (previous->len == 0)
    return;

  if (attendees->len == 1)
    /* Translators: %s is a person's name */
    message = g_strdup_printf (_("The registration of %s is cancelled"),
                               mp_attendee_get_name (g_ptr_array_index (attendees, 0)));
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u registration cancelled", "%u registrations cancelled", previous->len),
                               previous->len);
  /* a place freed with people waiting: Move Up is the next step */
  if (mp_event_get_capacity (self->event) >= 0 && self->counts.waitlisted > 0 &&
      self->counts.registered < (guint) mp_event_get_capacity (self->event))
    {
      /* Translators: after a cancellation, "The registration of Kari Nordmann is cancelled: a place is free for the waiting list" */
      g_autofree char *freed = g_strdup_printf (_("%s: a place is free for the waiting list"), message);

      g_free (message);
      message = g_steal_pointer (&freed);
    }
  toast = adw_toast_new (message);
  mp_event_page_add_status_undo (self, toast, g_steal_pointer (&previous));
  mp_toast_add (GTK_WIDGET (self), toast);
}

static void
mp_event_page_cancel_registration_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  MpEventPage *self = MP_EVENT_PAGE (widget);
  g_autoptr(GPtrArray) attendees = mp_attendee_view_dup_selected (self->attendee_view,
                                                                  MP_EVENT_PAGE_MAX_SELECTED_ACTION);

  mp_event_page_cancel_attendees (self, attendees);
}

static void
mp_event_page_cancel_one_cb (MpEventPage          *self,
                             MpAttendee           *attendee,
                             MpRegistrationEditor *editor)
{
  g_autoptr(GPtrArray) attendees = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (attendees, g_object_ref (attendee));
  mp_event_page_cancel_attendees (self, attendees);
}

/* Import */

static void
mp_event_page_imported_cb (MpEventPage    *self,
                           MpImportDialog *dialog)
{
  _mp_event_page_refresh (self);
}

static void
mp_event_page_open_import (MpEventPage *self,
                           GFile       *file)
{
  MpImportDialog *dialog = mp_import_dialog_new (self->store, mp_event_get_id (self->event), file);

  g_signal_connect_object (dialog, "imported",
                           G_CALLBACK (mp_event_page_imported_cb),
                           self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->import_dialog, dialog);
  mp_event_page_present (self, GTK_WINDOW (dialog));
}

static void
mp_event_page_import_chosen_cb (MpEventPage          *self,
                                int                   response,
                                GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  if (file != NULL && self->event != NULL)
    mp_event_page_open_import (self, file);
}

static void
mp_event_page_import_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  MpEventPage *self = MP_EVENT_PAGE (widget);
  const char *preselected = g_getenv ("MP_IMPORT_FILE");
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv = NULL;
  g_autoptr(GtkFileFilter) all = NULL;

  if (self->event == NULL)
    return;

  /* For tests: MP_IMPORT_FILE=PATH stands for choosing PATH in the chooser. */
  if (preselected != NULL && preselected[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (preselected);

      mp_event_page_open_import (self, file);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Import Registrations"),
                                         _mp_event_page_get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  csv = gtk_file_filter_new ();
  gtk_file_filter_set_name (csv, _("Registrations (Excel workbook, CSV or text)"));
  gtk_file_filter_add_mime_type (csv, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_filter_add_suffix (csv, "xlsx");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_mime_type (csv, "text/plain");
  gtk_file_filter_add_mime_type (csv, "text/tab-separated-values");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "txt");
  gtk_file_filter_add_suffix (csv, "tsv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  all = gtk_file_filter_new ();
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (mp_event_page_import_chosen_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Editing one registration */

static void
mp_event_page_registration_changed_cb (MpEventPage          *self,
                                       MpAttendee           *attendee,
                                       MpRegistrationEditor *editor)
{
  /* Translators: %s is a person's name */
  mp_toast_add (GTK_WIDGET (self), adw_toast_new_format (_("%s saved"), mp_attendee_get_name (attendee)));
  _mp_event_page_refresh (self);
}

void
_mp_event_page_edit_attendee (MpEventPage *self,
                              MpAttendee  *attendee)
{
  MpRegistrationEditor *editor = mp_registration_editor_new_for_attendee (self->store, attendee);

  g_signal_connect_object (editor, "saved",
                           G_CALLBACK (mp_event_page_registration_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "cancel-requested",
                           G_CALLBACK (mp_event_page_cancel_one_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "consents-changed",
                           G_CALLBACK (_mp_event_page_refresh),
                           self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->registration_editor, editor);
  mp_event_page_present (self, GTK_WINDOW (editor));
}

static void
mp_event_page_edit_registration_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  MpEventPage *self = MP_EVENT_PAGE (widget);
  g_autoptr(GPtrArray) attendees = mp_attendee_view_dup_selected (self->attendee_view, 1);

  if (attendees->len > 0)
    _mp_event_page_edit_attendee (self, g_ptr_array_index (attendees, 0));
}

/* Print or export tickets: of the selected attendees when there are
 * any, else of everyone (the dialog lets a person choose). */
static void
mp_event_page_open_tickets (MpEventPage        *self,
                            MpTicketExportMode  mode)
{
  g_autoptr(GPtrArray) attendees = NULL;

  if (self->event == NULL || self->store == NULL)
    return;

  attendees = mp_attendee_view_dup_selected (self->attendee_view, G_MAXUINT);
  gtk_window_present (GTK_WINDOW (mp_ticket_export_new (GTK_WIDGET (self), self->store, self->event,
                                                        attendees, mode)));
}

static void
mp_event_page_print_tickets_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  mp_event_page_open_tickets (MP_EVENT_PAGE (widget), MP_TICKET_EXPORT_PRINT);
}

static void
mp_event_page_export_tickets_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  mp_event_page_open_tickets (MP_EVENT_PAGE (widget), MP_TICKET_EXPORT_PDF);
}

/* Tickets by e-mail (mp-send-tickets-dialog.c): the message previewed
 * for the selected attendee, if any. */
static void
mp_event_page_send_tickets_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  MpEventPage *self = MP_EVENT_PAGE (widget);
  g_autoptr(GPtrArray) selected = NULL;
  MpSendTicketsDialog *dialog;

  if (self->event == NULL || self->store == NULL)
    return;

  selected = mp_attendee_view_dup_selected (self->attendee_view, 1);
  dialog = mp_send_tickets_dialog_new (self->store, self->event,
                                       selected->len > 0 ? mp_attendee_get_registration_id (g_ptr_array_index (selected, 0)) : 0);
  g_signal_connect_object (dialog, "sent", G_CALLBACK (_mp_event_page_refresh), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->send_tickets_dialog, dialog);
  mp_event_page_present (self, GTK_WINDOW (dialog));
}

/* Export Attendees… and Mailing List…: dialogs of their own
 * (mp-export-dialog.c, mp-mailing-dialog.c). */
static void
mp_event_page_export_attendees_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  MpEventPage *self = MP_EVENT_PAGE (widget);
  MpExportDialog *dialog;

  if (self->event == NULL)
    return;
  dialog = mp_export_dialog_new (widget, self->store, self->event);
  g_set_weak_pointer (&self->export_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mp_event_page_mailing_list_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  MpEventPage *self = MP_EVENT_PAGE (widget);
  MpMailingDialog *dialog;

  if (self->event == NULL)
    return;
  dialog = mp_mailing_dialog_new (widget, self->store, self->event);
  g_set_weak_pointer (&self->mailing_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_mp_event_page_class_actions_init (MpEventPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "event-page.edit", NULL, mp_event_page_edit_action);
  gtk_widget_class_install_action (widget_class, "event-page.print-tickets", NULL, mp_event_page_print_tickets_action);
  gtk_widget_class_install_action (widget_class, "event-page.export-tickets", NULL, mp_event_page_export_tickets_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "event-page.print-tickets", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "event-page.export-tickets", NULL);
  gtk_widget_class_install_action (widget_class, "event-page.send-tickets", NULL, mp_event_page_send_tickets_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "event-page.send-tickets", NULL);
  gtk_widget_class_install_action (widget_class, "event-page.reload", NULL, mp_event_page_reload_action);
  gtk_widget_class_install_action (widget_class, "event-page.add-attendee", NULL, mp_event_page_add_attendee_action);
  gtk_widget_class_install_action (widget_class, "event-page.check-in", NULL, mp_event_page_check_in_action);
  gtk_widget_class_install_action (widget_class, "event-page.cancel-registration", NULL, mp_event_page_cancel_registration_action);
  gtk_widget_class_install_action (widget_class, "event-page.move-up", NULL, mp_event_page_move_up_action);
  gtk_widget_class_install_action (widget_class, "event-page.export-attendees", NULL, mp_event_page_export_attendees_action);
  gtk_widget_class_install_action (widget_class, "event-page.mailing-list", NULL, mp_event_page_mailing_list_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "event-page.export-attendees", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "event-page.mailing-list", NULL);
  gtk_widget_class_install_action (widget_class, "event-page.import", NULL, mp_event_page_import_action);
  gtk_widget_class_install_action (widget_class, "event-page.edit-registration", NULL, mp_event_page_edit_registration_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "event-page.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "event-page.edit-registration", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "event-page.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "event-page.add-attendee", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "event-page.check-in", NULL);
}
