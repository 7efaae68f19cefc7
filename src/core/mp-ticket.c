#define G_LOG_DOMAIN "mp-ticket"

#include "config.h"

#include <string.h>

#include "mp-random.h"

#include "mp-ticket.h"

static const char base32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

char *
mp_ticket_token_new (void)
{
  guint8 bytes[17]; /* 130 bits are used: 26 × 5 */
  char *token = g_malloc (MP_TICKET_TOKEN_CHARS + 1);
  guint bit = 0;

  mp_random_bytes (bytes, sizeof bytes);

  for (guint i = 0; i < MP_TICKET_TOKEN_CHARS; i++, bit += 5)
    {
      guint byte = bit / 8;
      guint shift = bit % 8;
      guint v = ((guint) bytes[byte] << 8 | bytes[byte + 1]) >> (11 - shift);

      token[i] = base32_alphabet[v & 0x1f];
    }
  token[MP_TICKET_TOKEN_CHARS] = '\0';

  return token;
}

char *
mp_ticket_text_for_token (const char *token)
{
  g_return_val_if_fail (token != NULL, NULL);

  return g_strconcat (MP_TICKET_PREFIX, token, NULL);
}

static gboolean
is_base32 (char c)
{
  return (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7');
}

gboolean
mp_ticket_token_is_valid (const char *token)
{
  if (token == NULL)
    return FALSE;

  for (guint i = 0; i < MP_TICKET_TOKEN_CHARS; i++)
    if (!is_base32 (token[i]))
      return FALSE;

  return token[MP_TICKET_TOKEN_CHARS] == '\0';
}

char *
mp_ticket_format_readable (const char *token)
{
  GString *text;

  g_return_val_if_fail (token != NULL, NULL);

  text = g_string_new (MP_TICKET_PREFIX);
  for (gsize i = 0; token[i] != '\0'; i++)
    {
      if (i % 4 == 0)
        g_string_append_c (text, ' ');
      g_string_append_c (text, token[i]);
    }

  return g_string_free (text, FALSE);
}

static gboolean
is_blank (guchar c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* What a person types from the printed text: groups apart with spaces
 * or hyphens, one after another, and 0, 1, 8 for O, I, B (never in the
 * alphabet, so never ambiguous). Only spaces and hyphens: a scanner
 * never types those inside a token, and anything else is refused. */
static char *
parse_typed (const guchar *p,
             const guchar *end)
{
  char token[MP_TICKET_TOKEN_CHARS + 1];
  guint n = 0;

  for (; p < end; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == ' ' || c == '-')
        continue;
      if (c == '0')
        c = 'O';
      else if (c == '1')
        c = 'I';
      else if (c == '8')
        c = 'B';
      if (!is_base32 (c) || n == MP_TICKET_TOKEN_CHARS)
        return NULL;
      token[n++] = c;
    }
  if (n != MP_TICKET_TOKEN_CHARS)
    return NULL;
  token[n] = '\0';

  return g_strdup (token);
}

char *
mp_ticket_parse (const char *scanned,
                 gssize      len)
{
  const guchar *p, *end;
  char token[MP_TICKET_TOKEN_CHARS + 1];

  if (scanned == NULL)
    return NULL;

  if (len < 0)
    len = strlen (scanned);

  p = (const guchar *) scanned;
  end = p + len;

  while (p < end && is_blank (*p))
    p++;
  while (end > p && is_blank (end[-1]))
    end--;

  if (end - p < 3 ||
      g_ascii_toupper (p[0]) != 'M' ||
      g_ascii_toupper (p[1]) != 'P' ||
      p[2] != '1')
    return NULL;
  p += 3;

  /* One separator, as typed by a scanner on any keyboard layout. */
  if (end - p == MP_TICKET_TOKEN_CHARS + 1 &&
      (*p == ':' || *p == '-' || *p == '_' || *p == '/' || *p == '.' || *p == '+' || *p == ' '))
    p++;
  else if (end - p == MP_TICKET_TOKEN_CHARS + 2 &&
           p[0] == 0xC3 && (p[1] == 0x98 || p[1] == 0xB8)) /* Ø ø */
    p += 2;

  if (end - p == MP_TICKET_TOKEN_CHARS)
    {
      for (guint i = 0; i < MP_TICKET_TOKEN_CHARS; i++)
        {
          char c = g_ascii_toupper (p[i]);

          if (!is_base32 (c))
            return NULL;
          token[i] = c;
        }
      token[MP_TICKET_TOKEN_CHARS] = '\0';
      return g_strdup (token);
    }

  return parse_typed (p, end);
}
