#define G_LOG_DOMAIN "mp-mail-composer"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-error.h"
#include "mp-mail-composer.h"
#include "mp-mail-template.h"
#include "mp-qr.h"
#include "mp-text.h"
#include "mp-text-private.h"
#include "mp-ticket.h"
#include "mp-ticket-render.h"

/* 25 + 8 modules of a ticket's code × 8 pixels: 264 pixels, sharp on a
 * phone and small (about 1 kB). */
#define QR_MODULE_PIXELS 8

struct _MpMailComposer
{
  GObject               parent_instance;

  MpEvent              *event;
  const MpMailLanguage *language;
  MpTicketRenderer     *renderer;
  char                 *from_address;
  char                 *from_header;
  char                 *reply_to_header;  /* NULL: none */
  char                 *subject_template;
  char                 *body_template;
  char                 *date;             /* in the event's language */
  char                 *time;
  char                 *ics_event;        /* the .ics lines that are the same for everyone */
};

G_DEFINE_FINAL_TYPE (MpMailComposer, mp_mail_composer, G_TYPE_OBJECT)

static void
mp_mail_composer_finalize (GObject *object)
{
  MpMailComposer *self = (MpMailComposer *) object;

  g_clear_object (&self->event);
  g_clear_object (&self->renderer);
  g_free (self->from_address);
  g_free (self->from_header);
  g_free (self->reply_to_header);
  g_free (self->subject_template);
  g_free (self->body_template);
  g_free (self->date);
  g_free (self->time);
  g_free (self->ics_event);

  G_OBJECT_CLASS (mp_mail_composer_parent_class)->finalize (object);
}

static void
mp_mail_composer_class_init (MpMailComposerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_mail_composer_finalize;
}

static void
mp_mail_composer_init (MpMailComposer *self)
{
}

/* RFC 5545 3.3.5: local time with a TZID, or UTC with a Z. */
static char *
ics_date_time (GDateTime *when,
               gboolean   utc)
{
  return g_date_time_format (when, utc ? "%Y%m%dT%H%M%SZ" : "%Y%m%dT%H%M%S");
}

/* Europe/Oslo as the EU has kept it since 1996: summer time from the
 * last Sunday of March 02:00 to the last Sunday of October 03:00. */
static const char vtimezone[] =
  "BEGIN:VTIMEZONE\r\n"
  "TZID:Europe/Oslo\r\n"
  "BEGIN:DAYLIGHT\r\n"
  "TZOFFSETFROM:+0100\r\n"
  "TZOFFSETTO:+0200\r\n"
  "TZNAME:CEST\r\n"
  "DTSTART:19700329T020000\r\n"
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
  "END:DAYLIGHT\r\n"
  "BEGIN:STANDARD\r\n"
  "TZOFFSETFROM:+0200\r\n"
  "TZOFFSETTO:+0100\r\n"
  "TZNAME:CET\r\n"
  "DTSTART:19701025T030000\r\n"
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
  "END:STANDARD\r\n"
  "END:VTIMEZONE\r\n";

static char *
build_ics_event (MpEvent   *event,
                 GTimeZone *tz)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GDateTime) starts = g_date_time_new_from_unix_utc (mp_event_get_starts_at (event));
  g_autoptr(GDateTime) starts_local = g_date_time_to_timezone (starts, tz);
  g_autofree char *dtstart = ics_date_time (starts_local, FALSE);

  _mp_text_append_content_line (out, "DTSTART;TZID=Europe/Oslo", dtstart, FALSE);
  if (mp_event_get_ends_at (event) > mp_event_get_starts_at (event))
    {
      g_autoptr(GDateTime) ends = g_date_time_new_from_unix_utc (mp_event_get_ends_at (event));
      g_autoptr(GDateTime) ends_local = g_date_time_to_timezone (ends, tz);
      g_autofree char *dtend = ics_date_time (ends_local, FALSE);

      _mp_text_append_content_line (out, "DTEND;TZID=Europe/Oslo", dtend, FALSE);
    }
  _mp_text_append_content_line (out, "SUMMARY", mp_event_get_title (event), TRUE);
  if (mp_event_get_venue (event)[0] != '\0')
    _mp_text_append_content_line (out, "LOCATION", mp_event_get_venue (event), TRUE);
  g_string_append (out, "STATUS:CONFIRMED\r\nTRANSP:OPAQUE\r\n");

  return g_string_free (out, FALSE);
}

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* What was drawn into *@bytes, or NULL and @error when cairo failed. */
static GBytes *
drawn_bytes (cairo_status_t   status,
             GByteArray     **bytes,
             GError         **error)
{
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_FAILED,
                   _("The ticket could not be drawn: %s"), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (bytes));
}

/* The attendee's ticket as a one-page PDF in memory, drawn by the
 * renderer of printed tickets. */
static GBytes *
render_ticket_pdf (MpTicketRenderer  *renderer,
                   MpAttendee        *attendee,
                   GError           **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  MpTicketLayout layout = mp_ticket_renderer_get_layout (renderer);
  const char *title = mp_event_get_title (mp_ticket_renderer_get_event (renderer));
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;
  cairo_status_t status;

  mp_ticket_layout_get_page_size (layout, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (append_to_byte_array, pdf, width, height);
  if (title != NULL && title[0] != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Møteplass");
  cr = cairo_create (surface);
  mp_ticket_renderer_draw_page (renderer, cr, &attendee, 1);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return drawn_bytes (status, &pdf, error);
}

/* The ticket's QR code alone as a PNG, black on white, QR_MODULE_PIXELS
 * a module, quiet zone included; *@out_side gets its width in pixels.
 * A 1-bit image (cairo writes A1 as 1-bit grey, set bits white): small,
 * sharp, and a tenth of the time to compress of 24-bit colour. */
static GBytes *
render_code_png (MpAttendee  *attendee,
                 guint       *out_side,
                 GError     **error)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autofree char *text = mp_attendee_dup_ticket_text (attendee);
  g_autoptr(MpQrCode) code = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  guint modules, side;
  guint8 *data;
  int stride;

  code = mp_qr_code_new (text, error);
  if (code == NULL)
    return NULL;

  modules = mp_qr_code_get_modules (code);
  side = (modules + 2 * MP_QR_QUIET_ZONE) * QR_MODULE_PIXELS;
  surface = cairo_image_surface_create (CAIRO_FORMAT_A1, side, side);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_flush (surface);
      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      for (guint y = 0; y < side; y++)
        {
          guint32 *row = (guint32 *) (data + y * stride);
          int my = (int) (y / QR_MODULE_PIXELS) - MP_QR_QUIET_ZONE;

          for (guint x = 0; x < side; x++)
            {
              int mx = (int) (x / QR_MODULE_PIXELS) - MP_QR_QUIET_ZONE;
              gboolean dark = mx >= 0 && my >= 0 && mx < (int) modules && my < (int) modules &&
                              mp_qr_code_get_module (code, mx, my);

              if (dark)
                continue;
              /* A1 packs pixels into 32-bit words in the machine's order */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
              row[x / 32] |= 1u << (x % 32);
#else
              row[x / 32] |= 0x80000000u >> (x % 32);
#endif
            }
        }
      cairo_surface_mark_dirty (surface);
      status = cairo_surface_write_to_png_stream (surface, append_to_byte_array, png);
    }
  cairo_surface_destroy (surface);

  *out_side = side;
  return drawn_bytes (status, &png, error);
}

MpMailComposer *
mp_mail_composer_new (MpEvent              *event,
                      const MpEventMail    *event_mail,
                      const MpMailAccount  *account,
                      GError              **error)
{
  g_autoptr(MpMailComposer) self = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) starts_local = NULL;
  g_autoptr(GDateTime) ends_local = NULL;
  const char *from_name;
  const char *reply_to;

  g_return_val_if_fail (MP_IS_EVENT (event), NULL);
  g_return_val_if_fail (event_mail != NULL, NULL);
  g_return_val_if_fail (account != NULL, NULL);

  if (!mp_text_email_is_valid (account->from))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                           _("No sender address is set up. Set it with “moteplass-cli smtp set --from ADDRESS” (or in Preferences)."));
      return NULL;
    }

  self = g_object_new (MP_TYPE_MAIL_COMPOSER, NULL);
  self->event = g_object_ref (event);
  self->language = mp_mail_language_find (event_mail->language);
  if (self->language == NULL)
    self->language = mp_mail_language_find ("nb");
  self->renderer = mp_ticket_renderer_new (event, MP_TICKET_LAYOUT_TICKET);

  self->from_address = g_strdup (account->from);
  from_name = event_mail->from_name[0] != '\0' ? event_mail->from_name : account->from_name;
  self->from_header = mp_mail_format_mailbox (from_name, account->from);
  reply_to = event_mail->reply_to[0] != '\0' ? event_mail->reply_to : account->reply_to;
  if (reply_to[0] != '\0')
    self->reply_to_header = mp_mail_format_mailbox (NULL, reply_to);

  self->subject_template = g_strdup (event_mail->subject[0] != '\0' ? event_mail->subject : self->language->subject);
  self->body_template = g_strdup (event_mail->body[0] != '\0' ? event_mail->body : self->language->body);

  tz = mp_mail_event_time_zone ();
  starts = g_date_time_new_from_unix_utc (mp_event_get_starts_at (event));
  starts_local = g_date_time_to_timezone (starts, tz);
  if (mp_event_get_ends_at (event) > mp_event_get_starts_at (event))
    {
      g_autoptr(GDateTime) ends = g_date_time_new_from_unix_utc (mp_event_get_ends_at (event));

      ends_local = g_date_time_to_timezone (ends, tz);
    }
  self->date = mp_mail_format_date (self->language, starts_local);
  self->time = mp_mail_format_time (self->language, starts_local, ends_local);
  self->ics_event = build_ics_event (event, tz);

  return g_steal_pointer (&self);
}

char *
mp_mail_composer_dup_ics (MpMailComposer *self,
                          MpAttendee     *attendee,
                          gint64          now)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GDateTime) stamp = g_date_time_new_from_unix_utc (now);
  g_autofree char *dtstamp = ics_date_time (stamp, TRUE);
  g_autofree char *ticket = mp_attendee_dup_ticket_text (attendee);
  g_autofree char *description = NULL;
  const char *event_description = mp_event_get_description (self->event);

  g_return_val_if_fail (MP_IS_MAIL_COMPOSER (self), NULL);

  if (event_description != NULL && event_description[0] != '\0')
    description = g_strdup_printf ("%s\n\n%s: %s", event_description, self->language->ticket_word, ticket);
  else
    description = g_strdup_printf ("%s: %s", self->language->ticket_word, ticket);

  g_string_append (out,
                   "BEGIN:VCALENDAR\r\n"
                   "VERSION:2.0\r\n"
                   "PRODID:-//Moteplass//Moteplass " PACKAGE_VERSION "//EN\r\n"
                   "CALSCALE:GREGORIAN\r\n"
                   "METHOD:PUBLISH\r\n");
  g_string_append (out, vtimezone);
  g_string_append (out, "BEGIN:VEVENT\r\n");
  /* the registration's, so that a second copy replaces the first in a
   * calendar instead of standing beside it */
  _mp_text_append_content_line (out, "UID", mp_attendee_get_uuid (attendee), FALSE);
  _mp_text_append_content_line (out, "DTSTAMP", dtstamp, FALSE);
  g_string_append (out, self->ics_event);
  _mp_text_append_content_line (out, "DESCRIPTION", description, TRUE);
  g_string_append (out, "END:VEVENT\r\nEND:VCALENDAR\r\n");

  return g_string_free (out, FALSE);
}

static void
append_html_paragraphs (GString    *html,
                        const char *text)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (paragraphs[i]));
      g_auto(GStrv) lines = NULL;

      if (trimmed[0] == '\0')
        continue;

      lines = g_strsplit (trimmed, "\n", -1);
      g_string_append (html, "<p style=\"margin:0 0 1em\">");
      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_autofree char *escaped = g_markup_escape_text (lines[l], -1);

          if (l > 0)
            g_string_append (html, "<br>\n");
          g_string_append (html, escaped);
        }
      g_string_append (html, "</p>\n");
    }
}

static char *
build_html (MpMailComposer *self,
            const char     *subject,
            const char     *text,
            const char     *ticket,
            const char     *image_id,
            guint           image_side)
{
  GString *html = g_string_new (NULL);
  g_autofree char *title = g_markup_escape_text (subject, -1);
  g_autofree char *alt = g_markup_escape_text (self->language->qr_alt, -1);

  g_string_append_printf (html,
                          "<!DOCTYPE html>\n"
                          "<html lang=\"%s\" dir=\"%s\">\n"
                          "<head>\n"
                          "<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                          "<title>%s</title>\n"
                          "</head>\n"
                          "<body style=\"margin:0;padding:16px;font-family:sans-serif;font-size:16px;line-height:1.45;color:#1e1e1e;background:#ffffff\">\n",
                          self->language->code, self->language->rtl ? "rtl" : "ltr", title);
  /* The code first, so that a phone at the door shows it without scrolling. */
  g_string_append_printf (html,
                          "<div style=\"text-align:center;margin:0 0 20px\">\n"
                          "<img src=\"cid:%s\" width=\"%u\" height=\"%u\" alt=\"%s\" style=\"display:inline-block;width:%upx;height:%upx;border:0\">\n"
                          "<div dir=\"ltr\" style=\"font-family:monospace;font-size:13px;letter-spacing:1px;color:#555555\">%s</div>\n"
                          "</div>\n",
                          image_id, image_side, image_side, alt, image_side, image_side, ticket);
  append_html_paragraphs (html, text);
  g_string_append (html, "</body>\n</html>\n");

  return g_string_free (html, FALSE);
}

static void
add_common_headers (MpMailMessage *message,
                    const char    *from_header,
                    const char    *to_header,
                    const char    *reply_to_header,
                    const char    *subject,
                    const char    *language,
                    gint64         now)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *date = mp_mail_format_date_header (local);
  g_autofree char *encoded_subject = mp_mail_encode_header_text (subject);

  mp_mail_message_add_header (message, "From", from_header);
  mp_mail_message_add_header (message, "To", to_header);
  if (reply_to_header != NULL)
    mp_mail_message_add_header (message, "Reply-To", reply_to_header);
  mp_mail_message_add_header (message, "Subject", encoded_subject);
  mp_mail_message_add_header (message, "Date", date);
  mp_mail_message_add_header (message, "Message-ID", message->message_id);
  if (language != NULL)
    mp_mail_message_add_header (message, "Content-Language", language);
  /* RFC 3834: sent by a program; no out-of-office answers, please */
  mp_mail_message_add_header (message, "Auto-Submitted", "auto-generated");
  mp_mail_message_add_header (message, "X-Auto-Response-Suppress", "All");
}

MpMailMessage *
mp_mail_composer_compose (MpMailComposer  *self,
                          MpAttendee      *attendee,
                          gint64           now,
                          GError         **error)
{
  g_autoptr(MpMailMessage) message = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;
  g_autofree char *to_header = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *uuid = NULL;
  const char *address;
  MpMailFields fields;
  guint image_side;

  g_return_val_if_fail (MP_IS_MAIL_COMPOSER (self), NULL);
  g_return_val_if_fail (MP_IS_ATTENDEE (attendee), NULL);

  address = mp_attendee_get_email (attendee);
  if (!mp_text_email_is_valid (address))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   address[0] == '\0'
                   ? _("%s has no e-mail address.")
                   : _("The e-mail address of %s is not valid."),
                   mp_attendee_get_name (attendee));
      return NULL;
    }

  message = mp_mail_message_new ();
  message->from_address = g_strdup (self->from_address);
  message->to_address = g_strdup (address);
  message->message_id = mp_mail_new_message_id (self->from_address);

  fields.name = mp_attendee_get_name (attendee);
  fields.event = mp_event_get_title (self->event);
  fields.date = self->date;
  fields.time = self->time;
  fields.venue = mp_event_get_venue (self->event);

  /* One line: whatever a template holds, a header gets no line break. */
  message->subject = mp_mail_template_expand (self->subject_template, &fields, FALSE);
  g_strdelimit (message->subject, "\r\n\t", ' ');

  ticket = mp_attendee_dup_ticket_text (attendee);
  body = mp_mail_template_expand (self->body_template, &fields, TRUE);
  text = g_strdup_printf ("%s\n\n%s: %s\n", body, self->language->ticket_word, ticket);
  message->text = mp_mail_crlf (text);

  if (!mp_ticket_token_is_valid (mp_attendee_get_token (attendee)))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("%s has no ticket"), mp_attendee_get_name (attendee));
      return NULL;
    }
  message->image = render_code_png (attendee, &image_side, error);
  if (message->image == NULL)
    return NULL;
  uuid = g_strndup (message->message_id + 1, strcspn (message->message_id + 1, "@"));
  message->image_id = g_strdup_printf ("qr-%s@moteplass", uuid);
  message->image_name = g_strdup_printf ("%s.png", ticket);
  html = build_html (self, message->subject, body, ticket, message->image_id, image_side);
  message->html = mp_mail_crlf (html);

  message->pdf = render_ticket_pdf (self->renderer, attendee, error);
  if (message->pdf == NULL)
    return NULL;
  message->pdf_name = g_strdup (self->language->pdf_name);

  ics = mp_mail_composer_dup_ics (self, attendee, now);
  message->ics = g_bytes_new_take (ics, strlen (ics));
  ics = NULL;
  message->ics_name = g_strdup (self->language->ics_name);

  to_header = mp_mail_format_mailbox (mp_attendee_get_name (attendee), address);
  add_common_headers (message, self->from_header, to_header, self->reply_to_header,
                      message->subject, self->language->code, now);

  return g_steal_pointer (&message);
}

MpMailMessage *
mp_mail_test_message_new (const MpMailAccount  *account,
                          const char           *address,
                          gint64                now,
                          GError              **error)
{
  g_autoptr(MpMailMessage) message = NULL;
  g_autofree char *from_header = NULL;
  g_autofree char *to_header = NULL;
  g_autofree char *reply_to_header = NULL;
  g_autofree char *text = NULL;

  if (!mp_text_email_is_valid (address))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("“%s” is not an e-mail address."), address);
      return NULL;
    }
  if (!mp_text_email_is_valid (account->from))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                           _("No sender address is set up. Set it with “moteplass-cli smtp set --from ADDRESS” (or in Preferences)."));
      return NULL;
    }

  message = mp_mail_message_new ();
  message->from_address = g_strdup (account->from);
  message->to_address = g_strdup (address);
  message->message_id = mp_mail_new_message_id (account->from);
  message->subject = g_strdup (_("Test message from Møteplass"));
  text = g_strdup_printf ("%s\n\n%s %s:%u\n",
                          _("This is a test message from Møteplass. The e-mail account works: tickets can be sent from it."),
                          _("Server:"), account->server, mp_mail_account_get_port (account));
  message->text = mp_mail_crlf (text);

  from_header = mp_mail_format_mailbox (account->from_name, account->from);
  to_header = mp_mail_format_mailbox (NULL, address);
  if (account->reply_to[0] != '\0')
    reply_to_header = mp_mail_format_mailbox (NULL, account->reply_to);
  add_common_headers (message, from_header, to_header, reply_to_header, message->subject, NULL, now);

  return g_steal_pointer (&message);
}
