#define G_LOG_DOMAIN "mp-text"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-error.h"
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

void
_mp_text_append_sort_weights (GByteArray *key,
                              const char *text)
{
  append_weights (key, text != NULL ? text : "", -1);
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
mp_text_normalize_lines (const char *text)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  for (p = text; ; )
    {
      gsize len = strcspn (p, "\r\n");
      g_autofree char *raw = g_strndup (p, len);
      g_autofree char *line = mp_text_normalize_space (raw);

      if (line[0] != '\0')
        {
          if (out->len > 0)
            g_string_append_c (out, '\n');
          g_string_append (out, line);
        }
      p += len;
      if (*p == '\0')
        break;
      p++;
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

/* RFC 6350 3.4 and RFC 5545 3.3.11: backslash, comma, semicolon and
 * newlines escaped. */
static void
content_line_escape (GString    *out,
                     const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case ',':  g_string_append (out, "\\,"); break;
      case ';':  g_string_append (out, "\\;"); break;
      case '\r':
        if (p[1] == '\n')
          p++;
        G_GNUC_FALLTHROUGH;
      case '\n': g_string_append (out, "\\n"); break;
      default:   g_string_append_c (out, *p); break;
      }
}

void
_mp_text_append_content_line (GString    *out,
                              const char *name,
                              const char *value,
                              gboolean    escape)
{
  g_autoptr(GString) line = g_string_new (name);
  gsize start = 0;
  gsize limit = 75;

  g_string_append_c (line, ':');
  if (escape)
    content_line_escape (line, value);
  else
    g_string_append (line, value);

  while (line->len - start > limit)
    {
      gsize end = start + limit;

      while (end > start && ((guchar) line->str[end] & 0xc0) == 0x80)
        end--;
      g_string_append_len (out, line->str + start, end - start);
      g_string_append (out, "\r\n ");
      start = end;
      limit = 74;   /* the leading space counts */
    }
  g_string_append_len (out, line->str + start, line->len - start);
  g_string_append (out, "\r\n");
}

/* Cleaning */

/* Skips a terminal escape sequence that starts at @p (just after ESC,
 * or after a C1 introducer given as @kind): CSI ("[" params final),
 * OSC and the other strings (up to BEL or ST), or ESC with its
 * intermediates and one final character. Returns where the text goes on. */
static const char *
skip_escape (const char *p,
             gunichar    kind)
{
  gunichar c;

  if (kind == 0x1B)
    {
      if (*p == '\0')
        return p;
      c = g_utf8_get_char (p);
      switch (c)
        {
        case '[': kind = 0x9B; p++; break;
        case ']': kind = 0x9D; p++; break;
        case 'P': case 'X': case '^': case '_': kind = 0x90; p++; break;
        default:
          /* nF: intermediates 0x20–0x2F, then one final 0x30–0x7E */
          while (*p >= 0x20 && *p <= 0x2F)
            p++;
          if (*p >= 0x30 && *p <= 0x7E)
            p++;
          return p;
        }
    }

  if (kind == 0x9B)
    {
      /* parameters, intermediates, one final byte */
      while (*p >= 0x20 && *p <= 0x3F)
        p++;
      if (*p >= 0x40 && *p <= 0x7E)
        p++;
      return p;
    }

  /* OSC, DCS, SOS, PM, APC: a string ended by BEL, ESC \ or ST */
  while (*p != '\0')
    {
      c = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      if (c == 0x07 || c == 0x9C)
        break;
      if (c == 0x1B)
        {
          if (*p == '\\')
            p++;
          break;
        }
    }
  return p;
}

static gboolean
is_dropped_format (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) ||   /* LRE RLE PDF LRO RLO */
         (c >= 0x2066 && c <= 0x2069) ||   /* LRI RLI FSI PDI */
         c == 0x200B ||                    /* zero width space */
         c == 0x2060 ||                    /* word joiner */
         c == 0xFEFF;                      /* byte order mark */
}

static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C ||
         c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* Plain printable ASCII with single inner spaces is already clean. */
static gboolean
is_plain (const char *text,
          gsize      *out_len)
{
  const guchar *p = (const guchar *) text;

  if (*p == ' ')
    return FALSE;
  for (; *p != '\0'; p++)
    {
      if (*p < 0x20 || *p >= 0x7f)
        return FALSE;
      if (*p == ' ' && (p[1] == ' ' || p[1] == '\0'))
        return FALSE;
    }
  *out_len = (const char *) p - text;
  return TRUE;
}

/* Whether @c can make a text change under NFC (a combining mark, or a
 * character NFC replaces): on the safe side, whole blocks where such
 * characters live. Latin, Cyrillic and Arabic letters themselves never
 * do, so most names skip the normalisation. */
static gboolean
may_change_under_nfc (gunichar c)
{
  return c >= 0x0300 &&
         (g_unichar_ismark (c) || g_unichar_combining_class (c) != 0 ||
          (c >= 0x0340 && c <= 0x0387) ||   /* Greek singletons */
          (c >= 0x0900 && c <= 0x11FF) ||   /* Indic, Myanmar, Hangul jamo */
          (c >= 0x1F00 && c <= 0x2FFF) ||   /* Greek extended, symbols */
          (c >= 0xAC00 && c <= 0xD7FF) ||   /* Hangul */
          (c >= 0xF900 && c <= 0xFB4F) ||   /* compatibility ideographs */
          c >= 0x10000);
}

static char *
clean_slowly (const char *text,
              gboolean    multiline)
{
  GString *out;
  gboolean pending_space = FALSE;
  guint pending_breaks = 0;
  gboolean normalise = FALSE;
  char *normal;

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; )
    {
      const char *start = p;
      gunichar c;

      /* printable ASCII: no decoding, no tables */
      if ((guchar) *p > 0x20 && (guchar) *p < 0x7f)
        c = (guchar) *p++;
      else
        {
          c = g_utf8_get_char (p);
          p = g_utf8_next_char (p);

          if (c == 0x1B || c == 0x9B || c == 0x9D || c == 0x90 ||
              c == 0x98 || c == 0x9E || c == 0x9F)
            {
              p = skip_escape (p, c == 0x98 || c == 0x9E || c == 0x9F ? 0x90 : c);
              continue;
            }
          if (is_line_break (c))
            {
              if (c == '\r' && *p == '\n')
                p++;
              if (multiline)
                pending_breaks++;
              else
                pending_space = TRUE;
              continue;
            }
          if (c == ' ' || c == '\t' || c == 0xA0 || (c != 0x200B && g_unichar_isspace (c)) ||
              (c >= 0x80 && g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR))
            {
              pending_space = TRUE;
              continue;
            }
          if (c < 0x20 || (c >= 0x7F && c < 0xA0) || is_dropped_format (c))
            continue;
          normalise = normalise || may_change_under_nfc (c);
        }

      if (out->len > 0)
        {
          if (pending_breaks > 0)
            g_string_append_len (out, "\n\n", MIN (pending_breaks, 2));
          else if (pending_space)
            g_string_append_c (out, ' ');
        }
      pending_space = FALSE;
      pending_breaks = 0;

      g_string_append_len (out, start, p - start);
    }

  if (!normalise)
    return g_string_free (out, FALSE);

  normal = g_utf8_normalize (out->str, out->len, G_NORMALIZE_NFC);
  g_string_free (out, TRUE);
  return normal;
}

static char *
clean (const char  *text,
       gboolean     multiline,
       gsize        max_chars,
       gsize       *out_chars,
       GError     **error)
{
  gsize plain_len = 0;
  char *normal;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                           _("The text is not valid UTF-8 and was not saved."));
      return NULL;
    }

  if (is_plain (text, &plain_len))
    normal = g_strndup (text, plain_len);
  else
    normal = clean_slowly (text, multiline);

  *out_chars = plain_len > 0 || normal[0] == '\0' ? plain_len : (gsize) g_utf8_strlen (normal, -1);
  if (*out_chars > max_chars)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("The text may be at most %u characters long; this one has %u."),
                   (guint) max_chars, (guint) *out_chars);
      g_free (normal);
      return NULL;
    }

  return normal;
}

char *
mp_text_clean_line (const char  *text,
                    gsize        max_chars,
                    GError     **error)
{
  gsize n;

  if (text == NULL)
    return NULL;
  return clean (text, FALSE, max_chars, &n, error);
}

char *
mp_text_clean_multiline (const char  *text,
                         gsize        max_chars,
                         GError     **error)
{
  gsize n;

  if (text == NULL)
    return NULL;
  return clean (text, TRUE, max_chars, &n, error);
}

gsize
mp_text_field_max_chars (MpTextField field)
{
  switch (field)
    {
    case MP_TEXT_FIELD_DESK:         return MP_TEXT_MAX_DESK;
    case MP_TEXT_FIELD_TITLE:        return MP_TEXT_MAX_TITLE;
    case MP_TEXT_FIELD_VENUE:        return MP_TEXT_MAX_VENUE;
    case MP_TEXT_FIELD_DESCRIPTION:  return MP_TEXT_MAX_DESCRIPTION;
    case MP_TEXT_FIELD_NAME:         return MP_TEXT_MAX_NAME;
    case MP_TEXT_FIELD_ORGANISATION: return MP_TEXT_MAX_ORGANISATION;
    case MP_TEXT_FIELD_SECTOR:       return MP_TEXT_MAX_SECTOR;
    case MP_TEXT_FIELD_EMAIL:        return MP_TEXT_MAX_EMAIL;
    case MP_TEXT_FIELD_PHONE:        return MP_TEXT_MAX_PHONE;
    case MP_TEXT_FIELD_ANSWER:       return MP_TEXT_MAX_ANSWER;
    case MP_TEXT_FIELD_CONTACT:      return MP_TEXT_MAX_CONTACT;
    default:                         g_return_val_if_reached (0);
    }
}

static const char *
too_long_message (MpTextField field)
{
  switch (field)
    {
    case MP_TEXT_FIELD_DESK:
      return _("A desk name may be at most %u characters long; this one has %u.");
    case MP_TEXT_FIELD_TITLE:
      return _("An event title may be at most %u characters long; this one has %u.");
    case MP_TEXT_FIELD_VENUE:
      return _("A venue may be at most %u characters long; this one has %u.");
    case MP_TEXT_FIELD_DESCRIPTION:
      return _("A description may be at most %u characters long; this one has %u.");
    case MP_TEXT_FIELD_NAME:
      return _("A name may be at most %u characters long; this one has %u.");
    case MP_TEXT_FIELD_ORGANISATION:
      return _("An organisation’s name may be at most %u characters long; this one has %u.");
    case MP_TEXT_FIELD_SECTOR:
      return _("A sector’s name may be at most %u characters long; this one has %u.");
    case MP_TEXT_FIELD_EMAIL:
      return _("An e-mail address may be at most %u characters long; this one has %u.");
    case MP_TEXT_FIELD_PHONE:
      return _("A phone number may be at most %u characters long; this one has %u.");
    case MP_TEXT_FIELD_CONTACT:
      return _("A contact may be at most %u characters long; this one has %u.");
    case MP_TEXT_FIELD_ANSWER:
    default:
      return _("An answer may be at most %u characters long; this one has %u.");
    }
}

char *
mp_text_clean_field (const char  *text,
                     MpTextField  field,
                     GError     **error)
{
  gsize max_chars = mp_text_field_max_chars (field);
  g_autoptr(GError) local_error = NULL;
  char *cleaned;
  gsize n = 0;

  if (text == NULL)
    return NULL;

  /* descriptions and answers keep their lines (as people write them) */
  cleaned = clean (text, field == MP_TEXT_FIELD_DESCRIPTION || field == MP_TEXT_FIELD_ANSWER, max_chars, &n, &local_error);
  if (cleaned == NULL)
    {
      if (n > max_chars)
        g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                     too_long_message (field), (guint) max_chars, (guint) n);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return cleaned;
}

char *
mp_text_dup_capped (const char *text,
                    gsize       max_chars)
{
  const char *p = text;

  if (text == NULL)
    return g_strdup ("");

  for (gsize n = 0; *p != '\0' && n < max_chars; n++)
    p = g_utf8_next_char (p);

  if (*p == '\0')
    return g_strdup (text);

  {
    GString *capped = g_string_new_len (text, p - text);

    g_string_append (capped, "…");
    return g_string_free (capped, FALSE);
  }
}
