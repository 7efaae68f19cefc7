#define G_LOG_DOMAIN "mp-text"

#include "config.h"

#include <string.h>

#include "mp-text-private.h"

/* Letters that do not decompose into a base letter and an accent, or
 * that Norwegian readers treat as another letter. */
static const char *
fold_special (gunichar c)
{
  switch (c)
    {
    case 0x00F8: case 0x00D8: return "o";   /* ø Ø */
    case 0x00E6: case 0x00C6: return "ae";  /* æ Æ */
    case 0x00DF: case 0x1E9E: return "ss";  /* ß ẞ */
    case 0x0111: case 0x0110: return "d";   /* đ Đ */
    case 0x00F0: case 0x00D0: return "d";   /* ð Ð */
    case 0x00FE: case 0x00DE: return "th";  /* þ Þ */
    case 0x0142: case 0x0141: return "l";   /* ł Ł */
    case 0x0153: case 0x0152: return "oe";  /* œ Œ */
    case 0x0131: return "i";                /* ı */
    default: return NULL;
    }
}

static gunichar
base_letter (gunichar c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));

  return g_unichar_tolower (n > 0 ? decomposed[0] : c);
}

char *
mp_text_fold (const char *text)
{
  GString *out;
  gboolean need_space = FALSE;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; )
    {
      gunichar c;
      const char *special = NULL;
      char buf[8];
      int n = 0;

      if ((guchar) *p < 0x80)
        {
          c = (guchar) *p++;
          if (g_ascii_isalnum (c))
            buf[n++] = g_ascii_tolower (c);
        }
      else
        {
          c = g_utf8_get_char_validated (p, -1);
          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              p++; /* not UTF-8: skip the byte */
              continue;
            }
          p = g_utf8_next_char (p);

          if (g_unichar_ismark (c))
            continue;
          special = fold_special (c);
          if (special == NULL && g_unichar_isalnum (c))
            n = g_unichar_to_utf8 (base_letter (c), buf);
        }

      if (special == NULL && n == 0)
        {
          need_space = TRUE;
          continue;
        }

      if (need_space && out->len > 0)
        g_string_append_c (out, ' ');
      need_space = FALSE;

      if (special != NULL)
        g_string_append (out, special);
      else if (n == 1 && buf[0] == 'a' && out->len > 0 && out->str[out->len - 1] == 'a')
        ; /* "aa" is the old spelling of "å": "Aasen" matches "Åsen" */
      else if (n == 1)
        g_string_append_c (out, buf[0]); /* inline, unlike append_len */
      else
        g_string_append_len (out, buf, n);
    }

  return g_string_free (out, FALSE);
}

/* Primary weights of the Norwegian order. */
enum {
  W_END = 0x00,
  W_SPACE = 0x01,
  W_DIGIT = 0x02,   /* 0x02..0x0b */
  W_A = 0x10,       /* 0x10..0x29 a..z */
  W_AE = 0x2a,
  W_OE = 0x2b,
  W_AA = 0x2c,
  W_OTHER = 0x30,   /* followed by the lower-cased UTF-8 of the letter */
};

/* Weights gather here and reach the GByteArray in blocks, not in a
 * function call per letter (a sort key is made for every imported name). */
typedef struct
{
  GByteArray *key;
  guint8      buf[256];
  guint       len;
  gboolean    empty;      /* nothing written to the key yet */
} WeightBuffer;

static void
weights_flush (WeightBuffer *wb)
{
  if (wb->len > 0)
    g_byte_array_append (wb->key, wb->buf, wb->len);
  wb->len = 0;
}

static inline void
weights_add (WeightBuffer *wb,
             const guint8 *w,
             guint         n)
{
  if (wb->len + n > sizeof wb->buf)
    weights_flush (wb);
  memcpy (wb->buf + wb->len, w, n);
  wb->len += n;
  wb->empty = FALSE;
}

static void
append_weights (GByteArray *key,
                const char *text,
                gssize      len)
{
  const char *p = text;
  const char *end = len < 0 ? text + strlen (text) : text + len;
  gboolean need_space = FALSE;
  WeightBuffer wb;

  wb.key = key;
  wb.len = 0;
  wb.empty = key->len == 0;

  while (p < end)
    {
      gunichar c;
      guint8 w[8];
      guint n = 0;

      if ((guchar) *p < 0x80)
        {
          c = g_ascii_tolower (*p++);
          if (c >= 'a' && c <= 'z')
            {
              if (c == 'a' && p < end && g_ascii_tolower (*p) == 'a')
                {
                  p++;
                  w[n++] = W_AA;
                }
              else
                w[n++] = W_A + (c - 'a');
            }
          else if (c >= '0' && c <= '9')
            w[n++] = W_DIGIT + (c - '0');
        }
      else
        {
          c = g_utf8_get_char_validated (p, end - p);
          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              p++;
              continue;
            }
          p = g_utf8_next_char (p);

          switch (c)
            {
            case 0x00E6: case 0x00C6: case 0x00E4: case 0x00C4: /* æ Æ ä Ä */
              w[n++] = W_AE;
              break;
            case 0x00F8: case 0x00D8: case 0x00F6: case 0x00D6: /* ø Ø ö Ö */
            case 0x0151: case 0x0150:                           /* ő Ő */
              w[n++] = W_OE;
              break;
            case 0x00E5: case 0x00C5: /* å Å */
              w[n++] = W_AA;
              break;
            case 0x00FC: case 0x00DC: case 0x0171: case 0x0170: /* ü Ü ű Ű sort as y */
              w[n++] = W_A + ('y' - 'a');
              break;
            default:
              {
                const char *special = fold_special (c);

                if (special != NULL)
                  {
                    for (const char *s = special; *s != '\0'; s++)
                      w[n++] = W_A + (*s - 'a');
                  }
                else if (g_unichar_ismark (c))
                  continue;
                else if (g_unichar_isalnum (c))
                  {
                    gunichar base = base_letter (c);

                    if (base >= 'a' && base <= 'z')
                      w[n++] = W_A + (base - 'a');
                    else if (base >= '0' && base <= '9')
                      w[n++] = W_DIGIT + (base - '0');
                    else
                      {
                        w[n++] = W_OTHER;
                        n += g_unichar_to_utf8 (base, (char *) w + n);
                      }
                  }
              }
            }
        }

      if (n == 0)
        {
          need_space = TRUE;
          continue;
        }

      if (need_space && !wb.empty)
        {
          guint8 space = W_SPACE;
          weights_add (&wb, &space, 1);
        }
      need_space = FALSE;
      weights_add (&wb, w, n);
    }

  weights_flush (&wb);
}

static GByteArray *
sort_key_array (const char *text,
                gssize      len)
{
  GByteArray *key = g_byte_array_sized_new (64);
  guint8 end = W_END;

  append_weights (key, text, len);
  g_byte_array_append (key, &end, 1);
  /* The original bytes break ties, so that the order is total. */
  g_byte_array_append (key, (const guint8 *) text, len < 0 ? strlen (text) : (gsize) len);

  return key;
}

GBytes *
mp_text_sort_key (const char *text)
{
  if (text == NULL)
    text = "";

  return g_byte_array_free_to_bytes (sort_key_array (text, -1));
}

static int
compare_arrays (GByteArray *a,
                GByteArray *b)
{
  int r = memcmp (a->data, b->data, MIN (a->len, b->len));

  if (r == 0)
    r = (a->len > b->len) - (a->len < b->len);
  return r;
}

int
mp_text_collate (const char *a,
                 const char *b)
{
  g_autoptr(GByteArray) ka = sort_key_array (a != NULL ? a : "", -1);
  g_autoptr(GByteArray) kb = sort_key_array (b != NULL ? b : "", -1);

  return compare_arrays (ka, kb);
}

int
_mp_text_collate_len (const char *a,
                      int         a_len,
                      const char *b,
                      int         b_len)
{
  g_autoptr(GByteArray) ka = sort_key_array (a, a_len);
  g_autoptr(GByteArray) kb = sort_key_array (b, b_len);

  return compare_arrays (ka, kb);
}

char *
mp_text_normalize_space (const char *text)
{
  GString *out;
  gboolean need_space = FALSE;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; )
    {
      gunichar c;

      /* Most names are printable ASCII and UTF-8 letters: copy those
       * bytes straight; only spaces and controls need thought. */
      if ((guchar) *p > 0x20 && (guchar) *p < 0x7f)
        {
          if (need_space && out->len > 0)
            g_string_append_c (out, ' ');
          need_space = FALSE;
          g_string_append_c (out, *p++);
          continue;
        }

      c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      p = g_utf8_next_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0)
        {
          need_space = TRUE;
          continue;
        }
      /* Control characters and the zero-width ones that spreadsheets
       * leave behind (BOM, ZWSP) are never part of a name. */
      if (g_unichar_iscntrl (c) || c == 0xFEFF || c == 0x200B)
        continue;

      if (need_space && out->len > 0)
        g_string_append_c (out, ' ');
      need_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

char *
mp_text_email_key (const char *email)
{
  g_autofree char *normal = mp_text_normalize_space (email);
  gboolean plain = TRUE;

  if (normal == NULL || normal[0] == '\0')
    return NULL;

  /* Most addresses are ASCII, which lower-cases byte by byte; not an
   * 'I', which g_utf8_strdown() makes a dotless ı in a Turkish locale. */
  for (const char *p = normal; *p != '\0' && plain; p++)
    plain = (guchar) *p < 0x80 && *p != 'I';
  if (plain)
    {
      for (char *p = normal; *p != '\0'; p++)
        *p = g_ascii_tolower (*p);
      return g_steal_pointer (&normal);
    }

  return g_utf8_strdown (normal, -1);
}

gboolean
mp_text_email_is_valid (const char *email)
{
  const char *at, *dot;

  if (email == NULL || !g_utf8_validate (email, -1, NULL))
    return FALSE;
  if (strlen (email) > 254 || strpbrk (email, " \t\r\n,;<>\"") != NULL)
    return FALSE;

  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;

  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

gboolean
_mp_text_word_starts_somewhere (const char *text,
                                const char *word,
                                gsize       word_len)
{
  for (const char *p = text; p != NULL && *p != '\0'; )
    {
      if (strncmp (p, word, word_len) == 0)
        return TRUE;
      p = strchr (p, ' ');
      if (p != NULL)
        p++;
    }
  return FALSE;
}

gboolean
mp_text_folded_matches (const char *folded_text,
                        const char *folded_query)
{
  const char *q = folded_query;

  if (folded_text == NULL || folded_query == NULL)
    return FALSE;

  while (*q != '\0')
    {
      const char *space = strchr (q, ' ');
      gsize len = space != NULL ? (gsize) (space - q) : strlen (q);

      if (len > 0 && !_mp_text_word_starts_somewhere (folded_text, q, len))
        return FALSE;
      q += len;
      if (*q == ' ')
        q++;
    }

  return TRUE;
}
