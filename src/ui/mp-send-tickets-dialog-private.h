/* mp-send-tickets-dialog-private.h: shared by mp-send-tickets-dialog.c
 * (who gets a ticket, the sending, its result) and
 * mp-send-tickets-dialog-message.c (the event's message as a form, and
 * the preview of it for one attendee). */
#pragma once

#include "mp-event-mail.h"
#include "mp-mail-account.h"
#include "mp-mail-outbox.h"
#include "mp-send-tickets-dialog.h"
#include "mp-ticket-sending.h"

G_BEGIN_DECLS

struct _MpSendTicketsDialog
{
  AdwWindow           parent_instance;

  MpStore            *store;
  MpEvent            *event;
  gint64              first_preview_id;
  GPtrArray          *entries;        /* MpTicketMailEntry */
  MpTicketMailCounts  counts;
  GArray             *preview_ids;    /* registration id of each drop-down choice */
  MpEventMail        *saved;          /* the event's message as stored */
  MpMailAccount      *account;        /* this computer's, without its password */
  char               *account_problem;
  GCancellable       *cancellable;
  MpTicketSending    *sending;
  guint               preview_source;
  gboolean            filling;        /* the form is being filled in, not edited */
  gboolean            loading;        /* the entries are being read on a worker */
  gboolean            failed_only;    /* the last sending left only failures to send */
  gboolean            message_valid;
  gboolean            close_warned;
  char               *preview_subject_text;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkButton          *close_button;
  GtkButton          *send_button;
  GtkStack           *stack;
  GtkWidget          *account_group;
  AdwActionRow       *account_row;
  AdwActionRow       *to_send_row;
  AdwActionRow       *sent_row;
  AdwActionRow       *unconfirmed_row;
  AdwActionRow       *changed_row;
  AdwActionRow       *failed_before_row;
  AdwActionRow       *no_address_row;
  AdwActionRow       *not_admitted_row;
  GtkDropDown        *preview_dropdown;
  GtkWidget          *preview_box;
  GtkLabel           *preview_headers;
  GtkLabel           *preview_subject;
  GtkLabel           *preview_text;
  GtkImage           *preview_qr;
  GtkLabel           *preview_attachments;
  GtkLabel           *preview_error;
  AdwComboRow        *language_row;
  GtkStringList      *language_list;
  AdwEntryRow        *from_name_row;
  AdwEntryRow        *reply_to_row;
  AdwEntryRow        *subject_row;
  GtkTextView        *body_view;
  GtkLabel           *message_error;
  AdwStatusPage      *sending_page;
  GtkProgressBar     *progress_bar;
  GtkLabel           *progress_label;
  GtkLabel           *rate_label;
  GtkButton          *cancel_button;
  GtkImage           *result_icon;
  GtkLabel           *result_title;
  GtkLabel           *result_detail;
  GtkWidget          *failed_heading;
  GtkListBox         *failed_list;
  GtkWidget          *unconfirmed_heading;
  GtkListBox         *unconfirmed_list;
  GtkButton          *again_button;
};

/* mp-send-tickets-dialog.c */
void         _mp_send_tickets_dialog_show_error          (MpSendTicketsDialog *self,
                                                          const char          *message);
void         _mp_send_tickets_dialog_update_send_button  (MpSendTicketsDialog *self);

/* mp-send-tickets-dialog-message.c */
void         _mp_send_tickets_dialog_message_class_init  (GtkWidgetClass      *widget_class);
void         _mp_send_tickets_dialog_message_init        (MpSendTicketsDialog *self);
/* The message as the form says it (ready-made words as ""). */
MpEventMail *_mp_send_tickets_dialog_read_form           (MpSendTicketsDialog *self);
void         _mp_send_tickets_dialog_fill_form           (MpSendTicketsDialog *self,
                                                          const MpEventMail   *mail);
/* Whether the form's message can be stored; says why not under it. */
gboolean     _mp_send_tickets_dialog_check_form          (MpSendTicketsDialog *self);
/* Whether the form differs from the message as stored. */
gboolean     _mp_send_tickets_dialog_message_changed     (MpSendTicketsDialog *self);
/* Stores the form's message when it changed; FALSE (and a toast) when
 * it cannot be. */
gboolean     _mp_send_tickets_dialog_save_message        (MpSendTicketsDialog *self);
void         _mp_send_tickets_dialog_schedule_preview    (MpSendTicketsDialog *self);
/* Shows @message instead of the preview (NULL: the preview). */
void         _mp_send_tickets_dialog_show_preview_error  (MpSendTicketsDialog *self,
                                                          const char          *message);

G_END_DECLS
