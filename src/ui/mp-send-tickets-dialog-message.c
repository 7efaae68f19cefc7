/* The Send Tickets dialog's message: the event's e-mail settings as a
 * form (language, sender's name, Reply-To, subject, text) and the
 * message as it will be sent to one attendee, composed by the same
 * MpMailComposer that sends it. See mp-send-tickets-dialog.h. */
#define G_LOG_DOMAIN "mp-send-tickets-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-error.h"
#include "mp-mail-composer.h"
#include "mp-mail-template.h"
#include "mp-send-tickets-dialog-private.h"
#include "mp-text.h"

#define PREVIEW_DELAY_MS 200

/* The event's message: the form */

static char *
dup_body (MpSendTicketsDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The message as the form says it; the ready-made words stay "" (so
 * that they follow the language) while they are unchanged. */
MpEventMail *
_mp_send_tickets_dialog_read_form (MpSendTicketsDialog *self)
{
  MpEventMail *mail = mp_event_mail_new ();
  guint n_languages;
  const MpMailLanguage *languages = mp_mail_languages (&n_languages);
  guint selected = adw_combo_row_get_selected (self->language_row);
  const MpMailLanguage *language = &languages[selected < n_languages ? selected : 0];
  g_autofree char *subject = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row))));
  g_autofree char *body = dup_body (self);

  g_free (mail->language);
  mail->language = g_strdup (language->code);
  g_free (mail->from_name);
  mail->from_name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->from_name_row))));
  g_free (mail->reply_to);
  mail->reply_to = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reply_to_row))));

  /* A text that is some language's ready-made one is the ready-made
   * one: changing the language changes it too. */
  for (guint i = 0; i < n_languages; i++)
    {
      if (g_str_equal (subject, languages[i].subject))
        subject[0] = '\0';
      if (g_str_equal (g_strstrip (body), languages[i].body))
        body[0] = '\0';
    }
  g_free (mail->subject);
  mail->subject = g_steal_pointer (&subject);
  g_free (mail->body);
  mail->body = g_steal_pointer (&body);
  return mail;
}

static gboolean
event_mail_equal (const MpEventMail *a,
                  const MpEventMail *b)
{
  return g_str_equal (a->language, b->language) && g_str_equal (a->from_name, b->from_name) &&
         g_str_equal (a->reply_to, b->reply_to) && g_str_equal (a->subject, b->subject) &&
         g_str_equal (a->body, b->body);
}

void
_mp_send_tickets_dialog_fill_form (MpSendTicketsDialog *self,
                                  const MpEventMail   *mail)
{
  guint n_languages;
  const MpMailLanguage *languages = mp_mail_languages (&n_languages);
  const MpMailLanguage *language = mp_mail_language_find (mail->language);

  if (language == NULL)
    language = &languages[0];

  self->filling = TRUE;
  for (guint i = 0; i < n_languages; i++)
    if (&languages[i] == language)
      adw_combo_row_set_selected (self->language_row, i);
  gtk_editable_set_text (GTK_EDITABLE (self->from_name_row), mail->from_name);
  gtk_editable_set_text (GTK_EDITABLE (self->reply_to_row), mail->reply_to);
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), mail->subject[0] != '\0' ? mail->subject : language->subject);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view),
                            mail->body[0] != '\0' ? mail->body : language->body, -1);
  self->filling = FALSE;
}

/* Whether the form's message can be stored; says why not. */
gboolean
_mp_send_tickets_dialog_check_form (MpSendTicketsDialog *self)
{
  g_autoptr(MpEventMail) mail = _mp_send_tickets_dialog_read_form (self);
  g_autoptr(GError) error = NULL;

  if (mail->reply_to[0] != '\0' && !mp_text_email_is_valid (mail->reply_to))
    g_set_error (&error, MP_ERROR, MP_ERROR_INVALID,
                 _("“%s” is not an e-mail address. Leave the Reply-To empty to use the mail account’s."), mail->reply_to);
  else if (mp_mail_template_check (mail->subject, &error))
    mp_mail_template_check (mail->body, &error);

  self->message_valid = error == NULL;
  gtk_label_set_text (self->message_error, error != NULL ? error->message : "");
  _mp_send_tickets_dialog_update_send_button (self);
  return self->message_valid;
}

static void
mp_send_tickets_dialog_form_changed_cb (MpSendTicketsDialog *self)
{
  if (self->filling)
    return;
  _mp_send_tickets_dialog_check_form (self);
  _mp_send_tickets_dialog_schedule_preview (self);
}

static void
mp_send_tickets_dialog_language_changed_cb (MpSendTicketsDialog *self)
{
  g_autoptr(MpEventMail) mail = NULL;

  if (self->filling)
    return;
  /* ready-made words follow the language; words of one's own stay */
  mail = _mp_send_tickets_dialog_read_form (self);
  _mp_send_tickets_dialog_fill_form (self, mail);
  mp_send_tickets_dialog_form_changed_cb (self);
}

/* Stores the form's message when it changed; FALSE (and a toast) when
 * it cannot be. */
gboolean
_mp_send_tickets_dialog_save_message (MpSendTicketsDialog *self)
{
  g_autoptr(MpEventMail) mail = _mp_send_tickets_dialog_read_form (self);
  g_autoptr(GError) error = NULL;

  if (self->saved != NULL && event_mail_equal (mail, self->saved))
    return TRUE;
  if (!mp_event_mail_set (self->store, mp_event_get_id (self->event), mail, &error))
    {
      _mp_send_tickets_dialog_show_error (self, error->message);
      return FALSE;
    }
  g_clear_pointer (&self->saved, mp_event_mail_free);
  self->saved = g_steal_pointer (&mail);
  return TRUE;
}

static void
mp_send_tickets_dialog_ready_made_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  MpSendTicketsDialog *self = MP_SEND_TICKETS_DIALOG (widget);
  g_autoptr(MpEventMail) mail = _mp_send_tickets_dialog_read_form (self);

  g_free (mail->subject);
  mail->subject = g_strdup ("");
  g_free (mail->body);
  mail->body = g_strdup ("");
  _mp_send_tickets_dialog_fill_form (self, mail);
  mp_send_tickets_dialog_form_changed_cb (self);
}

/* The preview */

void
_mp_send_tickets_dialog_show_preview_error (MpSendTicketsDialog *self,
                                           const char          *message)
{
  gtk_widget_set_visible (GTK_WIDGET (self->preview_error), message != NULL);
  gtk_label_set_text (self->preview_error, message != NULL ? message : "");
  gtk_widget_set_visible (self->preview_box, message == NULL);
}

static gboolean
mp_send_tickets_dialog_preview_cb (gpointer data)
{
  MpSendTicketsDialog *self = MP_SEND_TICKETS_DIALOG (data);
  g_autoptr(MpEventMail) mail = _mp_send_tickets_dialog_read_form (self);
  g_autoptr(MpMailComposer) composer = NULL;
  g_autoptr(MpAttendee) attendee = NULL;
  g_autoptr(MpMailMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) headers = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *pdf_size = NULL;
  g_autofree char *attachments = NULL;
  guint position = gtk_drop_down_get_selected (self->preview_dropdown);
  const char *from_name;
  const char *reply_to;

  self->preview_source = 0;

  if (self->loading)
    return G_SOURCE_REMOVE;
  if (position >= self->preview_ids->len)
    {
      _mp_send_tickets_dialog_show_preview_error (self, _("Nobody registered has an e-mail address, so there is no message to show."));
      return G_SOURCE_REMOVE;
    }
  if (self->account == NULL || !mp_text_email_is_valid (self->account->from))
    {
      _mp_send_tickets_dialog_show_preview_error (self, _("Set up the mail account in Preferences (E-mail) to see the message as it will be sent: it comes from the account’s address."));
      return G_SOURCE_REMOVE;
    }
  if (!self->message_valid)
    {
      _mp_send_tickets_dialog_show_preview_error (self, gtk_label_get_text (self->message_error));
      return G_SOURCE_REMOVE;
    }

  if ((composer = mp_mail_composer_new (self->event, mail, self->account, &error)) == NULL ||
      (attendee = mp_store_get_attendee (self->store, g_array_index (self->preview_ids, gint64, position), &error)) == NULL ||
      (message = mp_mail_composer_compose (composer, attendee, g_get_real_time () / G_USEC_PER_SEC, &error)) == NULL)
    {
      _mp_send_tickets_dialog_show_preview_error (self, error->message);
      return G_SOURCE_REMOVE;
    }

  from_name = mail->from_name[0] != '\0' ? mail->from_name : self->account->from_name;
  reply_to = mail->reply_to[0] != '\0' ? mail->reply_to : self->account->reply_to;
  if (from_name[0] != '\0')
    /* Translators: the preview's From line: name, then address */
    g_string_append_printf (headers, _("From: %s <%s>"), from_name, self->account->from);
  else
    g_string_append_printf (headers, _("From: %s"), self->account->from);
  g_string_append_c (headers, '\n');
  /* Translators: the preview's To line: name, then address */
  g_string_append_printf (headers, _("To: %s <%s>"), mp_attendee_get_name (attendee), message->to_address);
  if (reply_to[0] != '\0')
    {
      g_string_append_c (headers, '\n');
      g_string_append_printf (headers, _("Reply-To: %s"), reply_to);
    }

  text = g_strdup (message->text);
  g_strdelimit (text, "\r", ' ');
  g_strchomp (text);

  gtk_label_set_text (self->preview_headers, headers->str);
  gtk_label_set_text (self->preview_subject, message->subject);
  g_free (self->preview_subject_text);
  self->preview_subject_text = g_strdup (message->subject);
  gtk_label_set_text (self->preview_text, text);
  gtk_widget_set_direction (GTK_WIDGET (self->preview_text),
                            mp_mail_language_find (mail->language) != NULL && mp_mail_language_find (mail->language)->rtl
                            ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);

  if (message->image != NULL)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (message->image, &error);

      gtk_image_set_from_paintable (self->preview_qr, GDK_PAINTABLE (texture));
    }
  else
    gtk_image_clear (self->preview_qr);

  pdf_size = g_format_size (message->pdf != NULL ? g_bytes_get_size (message->pdf) : 0);
  /* Translators: the attachments of the message: the ticket (a PDF, its
   * size) and the calendar file */
  attachments = g_strdup_printf (_("Attached: %s (the ticket as a PDF, %s) and %s (the event for a calendar)"),
                                 message->pdf_name, pdf_size, message->ics_name);
  gtk_label_set_text (self->preview_attachments, attachments);
  _mp_send_tickets_dialog_show_preview_error (self, NULL);

  return G_SOURCE_REMOVE;
}

void
_mp_send_tickets_dialog_schedule_preview (MpSendTicketsDialog *self)
{
  g_clear_handle_id (&self->preview_source, g_source_remove);
  self->preview_source = g_timeout_add (PREVIEW_DELAY_MS, mp_send_tickets_dialog_preview_cb, self);
}

static void
mp_send_tickets_dialog_preview_chosen_cb (MpSendTicketsDialog *self)
{
  if (self->filling)
    return;
  g_clear_handle_id (&self->preview_source, g_source_remove);
  mp_send_tickets_dialog_preview_cb (self);
}

gboolean
_mp_send_tickets_dialog_message_changed (MpSendTicketsDialog *self)
{
  g_autoptr(MpEventMail) mail = _mp_send_tickets_dialog_read_form (self);

  return self->saved != NULL && !event_mail_equal (mail, self->saved);
}

void
_mp_send_tickets_dialog_message_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "send-tickets.ready-made", NULL,
                                   mp_send_tickets_dialog_ready_made_action);
}

void
_mp_send_tickets_dialog_message_init (MpSendTicketsDialog *self)
{
  guint n_languages;
  const MpMailLanguage *languages = mp_mail_languages (&n_languages);
  g_autoptr(GtkExpression) expression = NULL;

  for (guint i = 0; i < n_languages; i++)
    gtk_string_list_append (self->language_list, languages[i].native_name);

  /* the drop-down searches the names as they are written */
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->preview_dropdown, expression);

  g_signal_connect_object (self->preview_dropdown, "notify::selected",
                           G_CALLBACK (mp_send_tickets_dialog_preview_chosen_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->language_row, "notify::selected",
                           G_CALLBACK (mp_send_tickets_dialog_language_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->from_name_row, "changed",
                           G_CALLBACK (mp_send_tickets_dialog_form_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reply_to_row, "changed",
                           G_CALLBACK (mp_send_tickets_dialog_form_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->subject_row, "changed",
                           G_CALLBACK (mp_send_tickets_dialog_form_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->body_view), "changed",
                           G_CALLBACK (mp_send_tickets_dialog_form_changed_cb), self, G_CONNECT_SWAPPED);
}
