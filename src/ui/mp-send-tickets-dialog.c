/* Send Tickets by e-mail: see mp-send-tickets-dialog.h. */
#define G_LOG_DOMAIN "mp-send-tickets-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-error.h"
#include "mp-event-mail.h"
#include "mp-mail-account.h"
#include "mp-mail-composer.h"
#include "mp-mail-outbox.h"
#include "mp-mail-template.h"
#include "mp-send-tickets-dialog-private.h"
#include "mp-smtp-password.h"
#include "mp-text.h"
#include "mp-ticket-sending.h"

/* A drop-down of more names than this helps nobody find one. */
#define MAX_PREVIEW_CHOICES 2000


G_DEFINE_FINAL_TYPE (MpSendTicketsDialog, mp_send_tickets_dialog, ADW_TYPE_WINDOW)

enum {
  SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_mp_send_tickets_dialog_show_error (MpSendTicketsDialog *self,
            const char          *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Who gets a ticket */

static void
set_count_row (AdwActionRow *row,
               guint         count,
               const char   *title,
               const char   *subtitle)
{
  gtk_widget_set_visible (GTK_WIDGET (row), count > 0 || subtitle == NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");
}

/* "Kari Nordmann (kari@…), Per Hansen (…) and 3 more" */
static char *
names_with (GPtrArray          *entries,
            MpTicketMailStatus  status)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = 0, shown = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      MpTicketMailEntry *entry = g_ptr_array_index (entries, i);

      if (entry->status != status)
        continue;
      n++;
      if (shown < 3)
        {
          if (shown > 0)
            g_string_append (names, ", ");
          if (status == MP_TICKET_MAIL_ADDRESS_CHANGED)
            /* Translators: a person, the address their ticket went to, and the one they have now */
            g_string_append_printf (names, _("%s (sent to %s, now %s)"), entry->name, entry->sent_address, entry->address);
          else
            g_string_append_printf (names, "%s (%s)", entry->name, entry->address);
          shown++;
        }
    }
  if (n > shown)
    g_string_append_printf (names, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more", n - shown), n - shown);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

void
_mp_send_tickets_dialog_update_send_button (MpSendTicketsDialog *self)
{
  g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Send %u Ticket", "_Send %u Tickets",
                                                         self->counts.to_send),
                                            self->counts.to_send);
  gboolean plan = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "plan") == 0;

  gtk_button_set_label (self->send_button, label);
  gtk_widget_set_visible (GTK_WIDGET (self->send_button), plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "send-tickets.send",
                                 plan && !self->loading && self->counts.to_send > 0 &&
                                 self->account_problem == NULL && self->message_valid);
}

static void
mp_send_tickets_dialog_show_account_problem (MpSendTicketsDialog *self,
                                             const char          *problem)
{
  g_free (self->account_problem);
  self->account_problem = g_strdup (problem);
  gtk_widget_set_visible (self->account_group, problem != NULL);
  adw_action_row_set_subtitle (self->account_row, problem != NULL ? problem : "");
  _mp_send_tickets_dialog_update_send_button (self);
}

/* "Send Again to Those Who Failed" or "Send the Rest (N)", after a
 * sending, by what is left to send now. */
static void
mp_send_tickets_dialog_update_again_button (MpSendTicketsDialog *self)
{
  g_autofree char *again = NULL;

  if (self->failed_only)
    again = g_strdup (_("Send _Again to Those Who Failed"));
  else
    again = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Send the Rest (%u)", "_Send the Rest (%u)",
                                          self->counts.to_send),
                             self->counts.to_send);
  gtk_button_set_label (self->again_button, again);
  gtk_widget_set_visible (GTK_WIDGET (self->again_button), !self->loading && self->counts.to_send > 0);
  if (gtk_widget_get_visible (GTK_WIDGET (self->again_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->again_button));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
}

/* Fills the counts and the preview's choices from where each
 * registration's ticket e-mail stands (@entries, taken). */
static void
mp_send_tickets_dialog_fill_entries (MpSendTicketsDialog *self,
                                     GPtrArray           *entries_in)
{
  g_autoptr(GPtrArray) entries = entries_in;
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  g_autofree char *to_send = NULL, *sent = NULL, *unconfirmed = NULL, *changed = NULL;
  g_autofree char *failed = NULL, *no_address = NULL, *not_admitted = NULL;
  g_autofree char *unconfirmed_names = NULL, *changed_names = NULL;
  gint64 selected_id = 0;
  guint selected = 0;
  MpTicketMailCounts *c = &self->counts;

  self->loading = FALSE;
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = g_steal_pointer (&entries);
  mp_ticket_mail_count (self->entries, c);

  to_send = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u will get their ticket now",
                                          "%u will get their ticket now", c->to_send), c->to_send);
  sent = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u got theirs already", "%u got theirs already",
                                       c->sent), c->sent);
  unconfirmed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u may have got theirs: the sending was interrupted before the server confirmed it. Not sent again unless you do it on purpose (Send Ticket Again in their registration).",
                                              "%u may have got theirs: the sending was interrupted before the server confirmed it. Not sent again unless you do it on purpose (Send Ticket Again in their registration).",
                                              c->unconfirmed), c->unconfirmed);
  changed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u got theirs at an address that has changed since. Send it to the new one on purpose from their registration.",
                                          "%u got theirs at an address that has changed since. Send it to the new one on purpose from their registration.",
                                          c->address_changed), c->address_changed);
  failed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of them could not be sent to before, and will be tried again",
                                         "%u of them could not be sent to before, and will be tried again",
                                         c->failed_before), c->failed_before);
  no_address = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u has no e-mail address", "%u have no e-mail address",
                                             c->no_address), c->no_address);
  not_admitted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u is on the waiting list or cancelled: no ticket",
                                               "%u are on the waiting list or cancelled: no ticket", c->not_admitted),
                                  c->not_admitted);
  unconfirmed_names = names_with (self->entries, MP_TICKET_MAIL_UNCONFIRMED);
  changed_names = names_with (self->entries, MP_TICKET_MAIL_ADDRESS_CHANGED);

  set_count_row (self->to_send_row, c->to_send, to_send, NULL);
  set_count_row (self->sent_row, c->sent, sent, "");
  set_count_row (self->unconfirmed_row, c->unconfirmed, unconfirmed, unconfirmed_names);
  set_count_row (self->changed_row, c->address_changed, changed, changed_names);
  set_count_row (self->failed_before_row, c->failed_before, failed, "");
  set_count_row (self->no_address_row, c->no_address, no_address, "");
  set_count_row (self->not_admitted_row, c->not_admitted, not_admitted, "");

  /* The preview's choices: those with an address, who will get one
   * first; the one shown stays chosen. */
  if (self->preview_ids->len > 0)
    {
      guint position = gtk_drop_down_get_selected (self->preview_dropdown);

      if (position < self->preview_ids->len)
        selected_id = g_array_index (self->preview_ids, gint64, position);
    }
  else
    selected_id = self->first_preview_id;

  g_array_set_size (self->preview_ids, 0);
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->entries->len && self->preview_ids->len < MAX_PREVIEW_CHOICES; i++)
      {
        MpTicketMailEntry *entry = g_ptr_array_index (self->entries, i);
        gboolean first = entry->status == MP_TICKET_MAIL_TO_SEND;
        g_autofree char *label = NULL;

        if (entry->status == MP_TICKET_MAIL_NO_ADDRESS || entry->status == MP_TICKET_MAIL_NOT_ADMITTED ||
            first != (pass == 0))
          continue;
        if (entry->registration_id == selected_id)
          selected = self->preview_ids->len;
        label = g_strdup_printf ("%s <%s>", entry->name, entry->address);
        gtk_string_list_append (choices, label);
        g_array_append_val (self->preview_ids, entry->registration_id);
      }

  self->filling = TRUE;
  gtk_drop_down_set_model (self->preview_dropdown, G_LIST_MODEL (choices));
  gtk_drop_down_set_selected (self->preview_dropdown, self->preview_ids->len > 0 ? selected : GTK_INVALID_LIST_POSITION);
  self->filling = FALSE;

  _mp_send_tickets_dialog_update_send_button (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "result") == 0)
    mp_send_tickets_dialog_update_again_button (self);
  else
    _mp_send_tickets_dialog_schedule_preview (self);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MpDatabase *main_db = task_data;
  gint64 event_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (task), "mp-event-id"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = mp_database_open_worker (main_db, MP_DATABASE_FLAGS_READ_ONLY, &error);
  g_autoptr(MpStore) store = NULL;
  GPtrArray *entries = NULL;

  if (db != NULL)
    {
      store = mp_store_new (db);
      entries = mp_ticket_mail_list_event (store, event_id, &error);
    }
  if (entries == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = g_task_propagate_pointer (G_TASK (result), &error);
  MpSendTicketsDialog *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MP_SEND_TICKETS_DIALOG (user_data);
  if (entries == NULL)
    {
      self->loading = FALSE;
      _mp_send_tickets_dialog_show_error (self, error->message);
      return;
    }
  mp_send_tickets_dialog_fill_entries (self, entries);
}

/* Reads where each registration's ticket e-mail stands: on a worker
 * with a connection of its own (an event of 100,000 takes seconds),
 * or here for a database in memory (tests). */
static void
mp_send_tickets_dialog_reload (MpSendTicketsDialog *self)
{
  MpDatabase *db = mp_store_get_database (self->store);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  if (!mp_database_can_open_worker (db))
    {
      GPtrArray *entries = mp_ticket_mail_list_event (self->store, mp_event_get_id (self->event), &error);

      if (entries == NULL)
        _mp_send_tickets_dialog_show_error (self, error->message);
      else
        mp_send_tickets_dialog_fill_entries (self, entries);
      return;
    }

  self->loading = TRUE;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->to_send_row), _("Counting…"));
  _mp_send_tickets_dialog_update_send_button (self);
  task = g_task_new (NULL, self->cancellable, list_done_cb, self);
  g_task_set_source_tag (task, mp_send_tickets_dialog_reload);
  g_task_set_task_data (task, g_object_ref (db), g_object_unref);
  g_object_set_data (G_OBJECT (task), "mp-event-id", GSIZE_TO_POINTER (mp_event_get_id (self->event)));
  g_task_run_in_thread (task, list_thread);
}

/* Sending */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
fill_problems (GtkListBox *list,
               GtkWidget  *heading,
               GPtrArray  *problems)
{
  clear_list (list);
  gtk_widget_set_visible (GTK_WIDGET (list), problems->len > 0);
  gtk_widget_set_visible (heading, problems->len > 0);

  for (guint i = 0; i < problems->len; i++)
    {
      MpTicketMailProblem *problem = g_ptr_array_index (problems, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = problem->address[0] != '\0'
                               ? g_strdup_printf ("%s <%s>", problem->name, problem->address)
                               : g_strdup (problem->name);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem->reason);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (list, row);
    }
}

static void
mp_send_tickets_dialog_progress_cb (MpSendTicketsDialog *self,
                                    const char          *name,
                                    MpTicketSending     *sending)
{
  guint done = mp_ticket_sending_get_done (sending);
  guint total = mp_ticket_sending_get_total (sending);
  guint rate = mp_ticket_sending_get_rate (sending);
  g_autofree char *fraction = NULL;
  g_autofree char *label = NULL;

  if (total == 0)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      return;
    }

  /* Translators: the progress bar's text: tickets sent of all */
  fraction = g_strdup_printf (_("%u of %u"), done, total);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
  gtk_progress_bar_set_text (self->progress_bar, fraction);
  if (name != NULL && name[0] != '\0')
    {
      /* Translators: %s is the name of the attendee whose message was just sent (or tried) */
      label = g_strdup_printf (_("Last: %s"), name);
      gtk_label_set_text (self->progress_label, label);
    }

  if (rate > 0 && total > done)
    {
      guint seconds = (total - done) * 60 / rate;
      g_autofree char *left = seconds < 90
                              ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "about %u second", "about %u seconds", seconds), seconds)
                              : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "about %u minute", "about %u minutes", (seconds + 30) / 60),
                                                 (seconds + 30) / 60);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "At most %u message a minute, as the mail account allows: %s left.",
                                                            "At most %u messages a minute, as the mail account allows: %s left.",
                                                            rate),
                                               rate, left);

      gtk_label_set_text (self->rate_label, text);
    }
  else
    gtk_label_set_text (self->rate_label, "");
}

static void
mp_send_tickets_dialog_finished_cb (MpSendTicketsDialog *self,
                                    MpTicketSending     *sending)
{
  const MpTicketMailerResult *result = mp_ticket_sending_get_result (sending);
  const GError *error = mp_ticket_sending_get_error (sending);
  gboolean cancelled = g_error_matches (error, MP_ERROR, MP_ERROR_CANCELLED);
  g_autofree char *title = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  const char *icon;

  if (error != NULL)
    title = g_strdup (_("Sending Stopped"));
  else if (result->total == 0)
    title = g_strdup (_("Nobody Was Waiting for a Ticket"));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Ticket Sent", "%u Tickets Sent", result->sent), result->sent);

  if (result->total > 0)
    g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE, "Sent %u of %u ticket.", "Sent %u of %u tickets.", result->total),
                            result->sent, result->total);
  if (result->left > 0)
    {
      g_string_append_c (detail, ' ');
      g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE, "%u was not sent yet and stays queued.",
                                                   "%u were not sent yet and stay queued.", result->left),
                              result->left);
    }
  if (result->skipped > 0)
    {
      g_string_append_c (detail, ' ');
      g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE,
                                                   "%u changed while waiting (cancelled, erased or a new address) and was left for the next send.",
                                                   "%u changed while waiting (cancelled, erased or a new address) and were left for the next send.",
                                                   result->skipped),
                              result->skipped);
    }
  if (error != NULL && !cancelled)
    {
      /* why it stopped: the account, the server, the keyring … */
      if (detail->len > 0)
        g_string_append (detail, "\n\n");
      g_string_append (detail, error->message);
    }

  if (error != NULL && !cancelled)
    icon = "dialog-error-symbolic";
  else if (result->failed->len > 0 || result->unconfirmed->len > 0 || cancelled)
    icon = "dialog-warning-symbolic";
  else
    icon = "object-select-symbolic";
  gtk_image_set_from_icon_name (self->result_icon, icon);
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->result_icon),
                            g_str_equal (icon, "object-select-symbolic") ? "success"
                            : g_str_equal (icon, "dialog-error-symbolic") ? "error" : "warning");
  gtk_label_set_text (self->result_title, title);
  gtk_label_set_text (self->result_detail, detail->str);
  fill_problems (self->failed_list, self->failed_heading, result->failed);
  fill_problems (self->unconfirmed_list, self->unconfirmed_heading, result->unconfirmed);

  gtk_stack_set_visible_child_name (self->stack, "result");
  gtk_widget_set_sensitive (GTK_WIDGET (self->close_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->again_button), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->close_button));

  /* What is left to send now (those who failed, what was not reached):
   * the button that sends it comes when that is counted. */
  self->failed_only = result->left == 0 && result->failed->len > 0;
  mp_send_tickets_dialog_reload (self);

  g_signal_emit (self, signals[SENT], 0);
}

static void
mp_send_tickets_dialog_start (MpSendTicketsDialog *self)
{
  if (self->sending != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sending, self);
      g_clear_object (&self->sending);
    }

  self->sending = mp_ticket_sending_new (self->store, mp_event_get_id (self->event), FALSE, 0);
  g_signal_connect_object (self->sending, "progress", G_CALLBACK (mp_send_tickets_dialog_progress_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sending, "finished", G_CALLBACK (mp_send_tickets_dialog_finished_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, "");
  gtk_label_set_text (self->progress_label, "");
  gtk_label_set_text (self->rate_label, "");
  gtk_stack_set_visible_child_name (self->stack, "sending");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "send-tickets.stop", TRUE);
  _mp_send_tickets_dialog_update_send_button (self);
  mp_ticket_sending_start (self->sending);
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
}

static void
mp_send_tickets_dialog_send_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  MpSendTicketsDialog *self = MP_SEND_TICKETS_DIALOG (widget);

  if (!_mp_send_tickets_dialog_check_form (self) || !_mp_send_tickets_dialog_save_message (self))
    return;
  mp_send_tickets_dialog_start (self);
}

static void
mp_send_tickets_dialog_send_again_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  mp_send_tickets_dialog_start (MP_SEND_TICKETS_DIALOG (widget));
}

static void
mp_send_tickets_dialog_stop_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  MpSendTicketsDialog *self = MP_SEND_TICKETS_DIALOG (widget);

  if (self->sending == NULL || !mp_ticket_sending_get_running (self->sending))
    return;
  mp_ticket_sending_cancel (self->sending);
  gtk_widget_action_set_enabled (widget, "send-tickets.stop", FALSE);
  gtk_label_set_text (self->progress_label, _("Stopping after the message under way…"));
}

/* The account, and its password in the keyring */

static void
password_looked_up_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  char *password = mp_smtp_password_lookup_finish (result, &error);
  MpSendTicketsDialog *self;

  if (g_error_matches (error, MP_ERROR, MP_ERROR_CANCELLED))
    return;
  self = MP_SEND_TICKETS_DIALOG (user_data);

  if (error != NULL)
    mp_send_tickets_dialog_show_account_problem (self, error->message);
  else if (password == NULL)
    {
      mp_ticket_sending_set_no_password (self->account, &error);
      mp_send_tickets_dialog_show_account_problem (self, error->message);
    }
  mp_smtp_password_free (password);
}

static void
mp_send_tickets_dialog_load_account (MpSendTicketsDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->account, mp_mail_account_free);
  self->account = mp_mail_account_load (NULL, &error);
  if (self->account == NULL)
    {
      mp_send_tickets_dialog_show_account_problem (self, error->message);
      return;
    }
  if (!mp_ticket_sending_check_account (self->account, &error))
    {
      mp_send_tickets_dialog_show_account_problem (self, error->message);
      return;
    }

  mp_send_tickets_dialog_show_account_problem (self, NULL);
  if (self->account->user[0] != '\0')
    mp_smtp_password_lookup (self->account->server, self->account->user, self->cancellable,
                             password_looked_up_cb, self);
}

/* A new look at the account when the window comes back from Preferences. */
static void
mp_send_tickets_dialog_active_cb (MpSendTicketsDialog *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "plan") == 0)
    {
      mp_send_tickets_dialog_load_account (self);
      _mp_send_tickets_dialog_schedule_preview (self);
    }
}

/* GtkWindow */

static gboolean
mp_send_tickets_dialog_close_request (GtkWindow *window)
{
  MpSendTicketsDialog *self = MP_SEND_TICKETS_DIALOG (window);

  /* A sending goes on only until its message under way is done. */
  if (self->sending != NULL && mp_ticket_sending_get_running (self->sending))
    mp_ticket_sending_cancel (self->sending);

  if (_mp_send_tickets_dialog_message_changed (self))
    {
      if (_mp_send_tickets_dialog_check_form (self))
        _mp_send_tickets_dialog_save_message (self);
      else if (!self->close_warned)
        {
          /* once: the next Close leaves the stored message as it was */
          self->close_warned = TRUE;
          _mp_send_tickets_dialog_show_error (self, _("The message cannot be kept as it is (see under the text). Close again to leave it as it was."));
          return TRUE;
        }
    }

  return GTK_WINDOW_CLASS (mp_send_tickets_dialog_parent_class)->close_request (window);
}

/* GObject */

static void
mp_send_tickets_dialog_dispose (GObject *object)
{
  MpSendTicketsDialog *self = MP_SEND_TICKETS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->preview_source, g_source_remove);
  if (self->sending != NULL)
    {
      mp_ticket_sending_cancel (self->sending);
      g_signal_handlers_disconnect_by_data (self->sending, self);
      g_clear_object (&self->sending);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_SEND_TICKETS_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->event);

  G_OBJECT_CLASS (mp_send_tickets_dialog_parent_class)->dispose (object);
}

static void
mp_send_tickets_dialog_finalize (GObject *object)
{
  MpSendTicketsDialog *self = MP_SEND_TICKETS_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->preview_ids, g_array_unref);
  g_clear_pointer (&self->saved, mp_event_mail_free);
  g_clear_pointer (&self->account, mp_mail_account_free);
  g_free (self->account_problem);
  g_free (self->preview_subject_text);

  G_OBJECT_CLASS (mp_send_tickets_dialog_parent_class)->finalize (object);
}

static void
mp_send_tickets_dialog_class_init (MpSendTicketsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mp_send_tickets_dialog_dispose;
  object_class->finalize = mp_send_tickets_dialog_finalize;
  window_class->close_request = mp_send_tickets_dialog_close_request;

  /* After each sending: the outbox changed. */
  signals[SENT] =
    g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-send-tickets-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, account_group);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, account_row);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, to_send_row);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, sent_row);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, unconfirmed_row);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, changed_row);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, failed_before_row);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, no_address_row);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, not_admitted_row);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, preview_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, preview_box);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, preview_headers);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, preview_subject);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, preview_text);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, preview_qr);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, preview_attachments);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, preview_error);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, language_list);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, from_name_row);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, reply_to_row);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, body_view);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, message_error);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, sending_page);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, rate_label);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, result_icon);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, result_title);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, result_detail);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, failed_heading);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, failed_list);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, unconfirmed_heading);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, unconfirmed_list);
  gtk_widget_class_bind_template_child (widget_class, MpSendTicketsDialog, again_button);

  gtk_widget_class_install_action (widget_class, "send-tickets.send", NULL, mp_send_tickets_dialog_send_action);
  gtk_widget_class_install_action (widget_class, "send-tickets.send-again", NULL, mp_send_tickets_dialog_send_again_action);
  gtk_widget_class_install_action (widget_class, "send-tickets.stop", NULL, mp_send_tickets_dialog_stop_action);
  _mp_send_tickets_dialog_message_class_init (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "send-tickets.send", NULL);
}

/* In front of the window it was opened from, and of its application:
 * app.preferences (the account's Preferences…) must reach it. */
static void
mp_send_tickets_dialog_parent_cb (MpSendTicketsDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL && gtk_window_get_application (GTK_WINDOW (self)) == NULL &&
      gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
}

static void
mp_send_tickets_dialog_init (MpSendTicketsDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->preview_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->message_valid = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  _mp_send_tickets_dialog_message_init (self);

  g_signal_connect_object (self, "notify::transient-for",
                           G_CALLBACK (mp_send_tickets_dialog_parent_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::is-active",
                           G_CALLBACK (mp_send_tickets_dialog_active_cb), self, G_CONNECT_SWAPPED);
}

MpSendTicketsDialog *
mp_send_tickets_dialog_new (MpStore *store,
                            MpEvent *event,
                            gint64   preview_registration_id)
{
  MpSendTicketsDialog *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (MP_IS_EVENT (event), NULL);

  self = g_object_new (MP_TYPE_SEND_TICKETS_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->event = g_object_ref (event);
  self->first_preview_id = preview_registration_id;

  self->saved = mp_event_mail_get (store, mp_event_get_id (event), &error);
  if (self->saved == NULL)
    {
      _mp_send_tickets_dialog_show_error (self, error->message);
      g_clear_error (&error);
      self->saved = mp_event_mail_new ();
    }
  _mp_send_tickets_dialog_fill_form (self, self->saved);
  mp_send_tickets_dialog_load_account (self);
  _mp_send_tickets_dialog_check_form (self);
  _mp_send_tickets_dialog_show_preview_error (self, _("Counting…"));
  mp_send_tickets_dialog_reload (self);

  return self;
}

void
mp_send_tickets_dialog_describe (MpSendTicketsDialog *self,
                                 GString             *out)
{
  const MpTicketMailCounts *c;
  const char *page;

  g_return_if_fail (MP_IS_SEND_TICKETS_DIALOG (self));

  c = &self->counts;
  page = gtk_stack_get_visible_child_name (self->stack);
  g_string_append_printf (out, "send-tickets=%s%s\n", page, self->loading ? "|counting" : "");
  g_string_append_printf (out, "send-tickets.counts=%u|%u|%u|%u|%u|%u\n", c->to_send, c->sent, c->unconfirmed,
                          c->address_changed, c->no_address, c->failed_before);
  g_string_append_printf (out, "send-tickets.can-send=%s\n",
                          gtk_widget_is_sensitive (GTK_WIDGET (self->send_button)) ? "yes" : "no");
  if (gtk_label_get_text (self->message_error)[0] != '\0')
    g_string_append_printf (out, "send-tickets.message-error=%s\n", gtk_label_get_text (self->message_error));
  if (self->account_problem != NULL)
    g_string_append_printf (out, "send-tickets.account=%s\n", self->account_problem);
  if (gtk_widget_get_visible (self->preview_box))
    g_string_append_printf (out, "send-tickets.preview=%s\n", self->preview_subject_text != NULL ? self->preview_subject_text : "");
  else
    g_string_append_printf (out, "send-tickets.preview-error=%s\n", gtk_label_get_text (self->preview_error));
  if (self->sending != NULL)
    {
      g_string_append_printf (out, "send-tickets.progress=%u|%u\n", mp_ticket_sending_get_done (self->sending),
                              mp_ticket_sending_get_total (self->sending));
      if (!mp_ticket_sending_get_running (self->sending))
        {
          const MpTicketMailerResult *r = mp_ticket_sending_get_result (self->sending);
          const GError *error = mp_ticket_sending_get_error (self->sending);

          g_string_append_printf (out, "send-tickets.result=%u|%u|%u|%u|%u\n", r->sent, r->total, r->left,
                                  r->failed->len, r->unconfirmed->len);
          for (guint i = 0; i < r->failed->len; i++)
            {
              MpTicketMailProblem *problem = g_ptr_array_index (r->failed, i);

              g_string_append_printf (out, "send-tickets.failed=%s|%s\n", problem->name, problem->reason);
            }
          if (error != NULL)
            g_string_append_printf (out, "send-tickets.error=%s\n", error->message);
          if (gtk_widget_get_visible (GTK_WIDGET (self->again_button)))
            g_string_append_printf (out, "send-tickets.again=%s\n", gtk_button_get_label (self->again_button));
        }
    }
}
