/* mp-mail-message.h: one e-mail, ready for the transport
 *
 * What a message holds, not how it is put on the wire: libcurl's MIME
 * API builds the multipart structure, boundaries and transfer encodings
 * from this (mp-mail-transport.c). The structure of a ticket e-mail:
 *
 *   multipart/mixed
 *     multipart/alternative
 *       text/plain; charset=utf-8            (quoted-printable)
 *       multipart/related; type="text/html"
 *         text/html; charset=utf-8           (quoted-printable)
 *         image/png, inline, Content-ID      (base64; the HTML's cid:)
 *     application/pdf, attachment            (base64; the printed ticket)
 *     text/calendar; method=PUBLISH          (base64; the event, RFC 5545)
 *
 * A message without HTML (the account's test message) is text/plain
 * alone inside the multipart/mixed.
 *
 * Header values here are ready to send: RFC 2047 encoded words for text
 * that is not plain ASCII, folded with CRLF and a space.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char      *from_address;  /* the envelope sender (MAIL FROM) */
  char      *to_address;    /* the envelope recipient (RCPT TO) */
  GPtrArray *headers;       /* "Name: value" (char *), in order */
  char      *subject;       /* as written, for a preview */
  char      *message_id;    /* "<…@…>" */
  char      *text;          /* the plain-text part, CRLF line ends */
  char      *html;          /* the HTML part, or NULL */
  GBytes    *image;         /* PNG shown inline by the HTML, or NULL */
  char      *image_id;      /* its Content-ID, without <> */
  char      *image_name;
  GBytes    *pdf;           /* attachments, or NULL */
  char      *pdf_name;
  GBytes    *ics;
  char      *ics_name;
} MpMailMessage;

MpMailMessage *mp_mail_message_new               (void);
void           mp_mail_message_free              (MpMailMessage *message);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpMailMessage, mp_mail_message_free)

/* Appends "Name: value" to the headers. */
void           mp_mail_message_add_header        (MpMailMessage *message,
                                                  const char    *name,
                                                  const char    *value);

/* @text as it may stand in a header (Subject): as it is when it is
 * printable ASCII, else RFC 2047 encoded words (UTF-8, B encoding) of
 * at most 75 characters, never splitting a character, separated by
 * CRLF and a space. */
char          *mp_mail_encode_header_text        (const char    *text);
/* "Name <address>" for From, To and Reply-To: the name quoted when it
 * has characters with a meaning there, encoded (RFC 2047) when it is
 * not ASCII, left out when empty. */
char          *mp_mail_format_mailbox            (const char    *name,
                                                  const char    *address);
/* RFC 5322 date: "Sun, 08 Mar 2026 09:00:00 +0100", English names
 * whatever the locale. */
char          *mp_mail_format_date_header        (GDateTime     *when);
/* "<random-uuid@domain of @from_address>" */
char          *mp_mail_new_message_id            (const char    *from_address);
/* \n → \r\n (a lone \r dropped), as SMTP wants line ends. */
char          *mp_mail_crlf                      (const char    *text);

G_END_DECLS
