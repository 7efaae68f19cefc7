/* A registration's ticket e-mail, in its editor: see mp-ticket-mail-group.h. */
#define G_LOG_DOMAIN "mp-ticket-mail-group"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-mail-outbox.h"
#include "mp-text.h"
#include "mp-ticket-mail-group.h"
#include "mp-ticket-sending.h"
#include "mp-time.h"

struct _MpTicketMailGroup
{
  AdwPreferencesGroup  parent_instance;

  MpStore             *store;
  MpAttendee          *attendee;
  MpTicketSending     *sending;
  const char          *state;    /* for describe () */

  AdwActionRow        *row;
  GtkSpinner          *spinner;
  GtkButton           *send_button;
};

G_DEFINE_FINAL_TYPE (MpTicketMailGroup, mp_ticket_mail_group, ADW_TYPE_PREFERENCES_GROUP)

static void
mp_ticket_mail_group_update (MpTicketMailGroup *self,
                             const char        *news)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpAttendee) fresh = NULL;
  g_autoptr(MpTicketMailLast) last = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  gboolean can_send;
  MpAttendeeTicketMail mark;

  fresh = mp_store_get_attendee (self->store, mp_attendee_get_registration_id (self->attendee), &error);
  if (fresh != NULL)
    g_set_object (&self->attendee, fresh);
  last = mp_ticket_mail_get_last (self->store, mp_attendee_get_registration_id (self->attendee), &error);
  if (last == NULL)
    {
      adw_action_row_set_subtitle (self->row, error->message);
      return;
    }

  mark = mp_attendee_get_ticket_mail (self->attendee);
  when = last->at != 0 ? mp_time_format_long (last->at) : g_strdup ("");
  can_send = mp_attendee_get_status (self->attendee) == MP_REGISTRATION_STATUS_REGISTERED &&
             mp_text_email_is_valid (mp_attendee_get_email (self->attendee));

  if (mp_attendee_get_status (self->attendee) != MP_REGISTRATION_STATUS_REGISTERED)
    {
      self->state = "not-admitted";
      subtitle = g_strdup (_("On the waiting list or cancelled: no ticket to send."));
    }
  else if (!can_send)
    {
      self->state = "no-address";
      subtitle = g_strdup (_("No valid e-mail address: no ticket can be sent."));
    }
  else if (mark == MP_ATTENDEE_TICKET_MAIL_SENT && g_str_equal (last->state, "sent"))
    {
      self->state = "sent";
      /* Translators: when, the address, the server's answer */
      subtitle = g_strdup_printf (_("Sent %s to %s. The server answered: %s"), when, last->address, last->reply);
    }
  else if (mark == MP_ATTENDEE_TICKET_MAIL_SENT)
    {
      self->state = "sent";
      subtitle = g_strdup (_("Sent to the address they have now."));
    }
  else if (mark == MP_ATTENDEE_TICKET_MAIL_UNCONFIRMED)
    {
      self->state = "unconfirmed";
      subtitle = g_strdup_printf (_("May have arrived (%s, to %s): the sending was interrupted before the server confirmed it."),
                                  when, last->address);
    }
  else if (mark == MP_ATTENDEE_TICKET_MAIL_ADDRESS_CHANGED)
    {
      self->state = "address-changed";
      subtitle = g_strdup (_("Sent to an address they no longer have. Send it again to the new one."));
    }
  else if (mark == MP_ATTENDEE_TICKET_MAIL_FAILED)
    {
      self->state = "failed";
      subtitle = g_strdup_printf (_("Could not be sent: %s"), last->reason);
    }
  else
    {
      self->state = "none";
      subtitle = g_strdup (_("Not sent yet."));
    }

  if (news != NULL)
    {
      g_autofree char *both = g_strdup_printf ("%s\n%s", news, subtitle);

      g_free (subtitle);
      subtitle = g_steal_pointer (&both);
    }
  adw_action_row_set_subtitle (self->row, subtitle);
  gtk_button_set_label (self->send_button, mark == MP_ATTENDEE_TICKET_MAIL_NONE || mark == MP_ATTENDEE_TICKET_MAIL_FAILED
                                           ? _("Send _Ticket") : _("Send Ticket _Again"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->send_button),
                            can_send && (self->sending == NULL || !mp_ticket_sending_get_running (self->sending)));
}

static void
mp_ticket_mail_group_finished_cb (MpTicketMailGroup *self,
                                  MpTicketSending   *sending)
{
  const MpTicketMailerResult *result = mp_ticket_sending_get_result (sending);
  const GError *error = mp_ticket_sending_get_error (sending);
  const char *news = NULL;

  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);

  if (error != NULL)
    news = error->message;
  else if (result->failed->len > 0)
    news = ((MpTicketMailProblem *) g_ptr_array_index (result->failed, 0))->reason;
  else if (result->unconfirmed->len > 0)
    news = _("The server did not confirm it: it may have arrived.");

  mp_ticket_mail_group_update (self, news);
  if (error != NULL || result->failed->len > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->row), "error");
}

static void
mp_ticket_mail_group_send_cb (MpTicketMailGroup *self)
{
  if (self->store == NULL || self->attendee == NULL)
    return;

  g_clear_object (&self->sending);
  self->sending = mp_ticket_sending_new (self->store, mp_attendee_get_event_id (self->attendee), TRUE,
                                         mp_attendee_get_registration_id (self->attendee));
  g_signal_connect_object (self->sending, "finished", G_CALLBACK (mp_ticket_mail_group_finished_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_set_sensitive (GTK_WIDGET (self->send_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  adw_action_row_set_subtitle (self->row, _("Sending…"));
  mp_ticket_sending_start (self->sending);
}

static void
mp_ticket_mail_group_dispose (GObject *object)
{
  MpTicketMailGroup *self = MP_TICKET_MAIL_GROUP (object);

  /* a message under way is let finish by the thread; no more is said */
  if (self->sending != NULL)
    g_signal_handlers_disconnect_by_data (self->sending, self);
  g_clear_object (&self->sending);
  g_clear_object (&self->store);
  g_clear_object (&self->attendee);

  G_OBJECT_CLASS (mp_ticket_mail_group_parent_class)->dispose (object);
}

static void
mp_ticket_mail_group_class_init (MpTicketMailGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mp_ticket_mail_group_dispose;
}

static void
mp_ticket_mail_group_init (MpTicketMailGroup *self)
{
  self->state = "none";
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Ticket by E-mail"));

  self->row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->row), _("Ticket e-mail"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->row), FALSE);
  adw_action_row_set_subtitle_lines (self->row, 0);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  self->send_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("Send Ticket _Again")));
  gtk_widget_set_valign (GTK_WIDGET (self->send_button), GTK_ALIGN_CENTER);
  g_signal_connect_object (self->send_button, "clicked", G_CALLBACK (mp_ticket_mail_group_send_cb),
                           self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (self->row, GTK_WIDGET (self->spinner));
  adw_action_row_add_suffix (self->row, GTK_WIDGET (self->send_button));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->row));
}

GtkWidget *
mp_ticket_mail_group_new (void)
{
  return g_object_new (MP_TYPE_TICKET_MAIL_GROUP, NULL);
}

void
mp_ticket_mail_group_set_attendee (MpTicketMailGroup *self,
                                   MpStore           *store,
                                   MpAttendee        *attendee)
{
  g_return_if_fail (MP_IS_TICKET_MAIL_GROUP (self));
  g_return_if_fail (MP_IS_STORE (store));
  g_return_if_fail (MP_IS_ATTENDEE (attendee));

  g_set_object (&self->store, store);
  g_set_object (&self->attendee, attendee);
  mp_ticket_mail_group_update (self, NULL);
}

void
mp_ticket_mail_group_describe (MpTicketMailGroup *self,
                               GString           *out)
{
  g_return_if_fail (MP_IS_TICKET_MAIL_GROUP (self));

  g_string_append_printf (out, "editor.ticket-mail=%s|%s\n", self->state,
                          adw_action_row_get_subtitle (self->row) != NULL ? adw_action_row_get_subtitle (self->row) : "");
}
