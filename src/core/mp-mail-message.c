#define G_LOG_DOMAIN "mp-mail-message"

#include "config.h"

#include <string.h>

#include "mp-database-private.h" /* _mp_uuid_new */
#include "mp-mail-message.h"

MpMailMessage *
mp_mail_message_new (void)
{
  MpMailMessage *message = g_new0 (MpMailMessage, 1);

  message->headers = g_ptr_array_new_with_free_func (g_free);
  return message;
}

void
mp_mail_message_free (MpMailMessage *message)
{
  if (message == NULL)
    return;

  g_free (message->from_address);
  g_free (message->to_address);
  g_ptr_array_unref (message->headers);
  g_free (message->subject);
  g_free (message->message_id);
  g_free (message->text);
  g_free (message->html);
  g_clear_pointer (&message->image, g_bytes_unref);
  g_free (message->image_id);
  g_free (message->image_name);
  g_clear_pointer (&message->pdf, g_bytes_unref);
  g_free (message->pdf_name);
  g_clear_pointer (&message->ics, g_bytes_unref);
  g_free (message->ics_name);
  g_free (message);
}

void
mp_mail_message_add_header (MpMailMessage *message,
                            const char    *name,
                            const char    *value)
{
  g_ptr_array_add (message->headers, g_strdup_printf ("%s: %s", name, value));
}

static gboolean
is_plain_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p >= 0x7f)
      return FALSE;
  /* text that looks like an encoded word would be decoded as one */
  return strstr (text, "=?") == NULL;
}

/* Encoded words of at most 75 characters: "=?UTF-8?B?" + 60 base64
 * characters (45 bytes) + "?=" is 72. */
#define WORD_BYTES 45

static void
append_encoded_words (GString    *out,
                      const char *text)
{
  const char *p = text;
  gsize left = strlen (text);

  while (left > 0)
    {
      gsize n = MIN (left, WORD_BYTES);
      g_autofree char *b64 = NULL;

      /* never split a UTF-8 character between two words (RFC 2047 5) */
      while (n < left && n > 0 && ((guchar) p[n] & 0xc0) == 0x80)
        n--;

      b64 = g_base64_encode ((const guchar *) p, n);
      if (p != text)
        g_string_append (out, "\r\n ");
      g_string_append_printf (out, "=?UTF-8?B?%s?=", b64);
      p += n;
      left -= n;
    }
}

char *
mp_mail_encode_header_text (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  if (is_plain_ascii (text))
    return g_strdup (text);

  out = g_string_new (NULL);
  append_encoded_words (out, text);
  return g_string_free (out, FALSE);
}

/* RFC 5322 3.2.3: atext, and spaces between words */
static gboolean
is_plain_phrase (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr (" !#$%&'*+-/=?^_`{|}~", *p) == NULL)
      return FALSE;
  return TRUE;
}

char *
mp_mail_format_mailbox (const char *name,
                        const char *address)
{
  GString *out;

  g_return_val_if_fail (address != NULL, NULL);

  if (name == NULL || name[0] == '\0')
    return g_strdup_printf ("<%s>", address);

  out = g_string_new (NULL);
  if (is_plain_ascii (name) && is_plain_phrase (name))
    g_string_append (out, name);
  else if (is_plain_ascii (name))
    {
      g_string_append_c (out, '"');
      for (const char *p = name; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    append_encoded_words (out, name);

  g_string_append_printf (out, " <%s>", address);
  return g_string_free (out, FALSE);
}

char *
mp_mail_format_date_header (GDateTime *when)
{
  static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  gint64 offset = g_date_time_get_utc_offset (when) / G_TIME_SPAN_MINUTE;
  char sign = offset < 0 ? '-' : '+';

  offset = ABS (offset);
  return g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d",
                          days[g_date_time_get_day_of_week (when) - 1],
                          g_date_time_get_day_of_month (when),
                          months[g_date_time_get_month (when) - 1],
                          g_date_time_get_year (when),
                          g_date_time_get_hour (when),
                          g_date_time_get_minute (when),
                          g_date_time_get_second (when),
                          sign, (int) (offset / 60), (int) (offset % 60));
}

char *
mp_mail_new_message_id (const char *from_address)
{
  const char *at = from_address != NULL ? strrchr (from_address, '@') : NULL;
  g_autofree char *uuid = _mp_uuid_new ();

  return g_strdup_printf ("<%s@%s>", uuid, at != NULL && at[1] != '\0' ? at + 1 : "moteplass.invalid");
}

char *
mp_mail_crlf (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 64);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r')
        continue;
      if (*p == '\n')
        g_string_append_c (out, '\r');
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}
