/* mp-import-values.c: answers as people write them
 *
 * A consent ticked in a form comes out as "Ja", "Samtykker", "Agree",
 * "TRUE", "X" or "✓", or as the whole sentence next to the box; "no
 * need" is "Ingen", "Nei", "-" or "Ingen allergier"; a registration's
 * status may be a shop's order or payment status ("paid", "pending",
 * "Not Attending"). This file reads them all, and keeps what people
 * wrote on several lines on several lines.
 */
#define G_LOG_DOMAIN "mp-csv-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mp-csv-private.h"
#include "mp-import-private.h"
#include "mp-text.h"

/* mp_text_normalize_space(), without its per-character decoding for
 * the common case: text with no space to fold and nothing to drop.
 * Returns NULL for text that is empty once normalised. */
char *
_mp_import_dup_line (const char *text)
{
  const guchar *p = (const guchar *) text;
  char *normal;

  if (*p == '\0')
    return NULL;

  if (*p != ' ')
    {
      for (; *p != '\0'; p++)
        {
          /* Lead bytes of the non-ASCII spaces, controls and
           * zero-width characters: U+0080–U+00BF, U+1680, U+2000–U+2FFF,
           * U+3000, U+FEFF. */
          if (*p < 0x20 || *p == 0x7f || *p == 0xc2 || *p == 0xe1 ||
              *p == 0xe2 || *p == 0xe3 || *p == 0xef)
            break;
          if (*p == ' ' && (p[1] == ' ' || p[1] == '\0'))
            break;
        }
      if (*p == '\0')
        return g_strndup (text, (const char *) p - text);
    }

  normal = mp_text_normalize_space (text);
  if (normal[0] == '\0')
    g_clear_pointer (&normal, g_free);
  return normal;
}

/* An answer keeps its lines ("Trenger teleslynge.\nKommer med
 * ledsager."): each line normalised, empty ones dropped, LF between. */
char *
_mp_import_dup_answer (const char *text)
{
  char *answer;

  if (strpbrk (text, "\r\n") == NULL)
    return _mp_import_dup_line (text);

  answer = mp_text_normalize_lines (text);
  if (answer[0] == '\0')
    g_clear_pointer (&answer, g_free);
  return answer;
}

/* The export (mp-csv-export.c) puts a ' before text that a spreadsheet
 * would run as a formula; take it off again. */
const char *
_mp_import_strip_formula_guard (const char *text)
{
  return text[0] == '\'' && _mp_csv_needs_formula_guard (text) ? text + 1 : text;
}

/* Shortens a value for a message. */
char *
_mp_import_quote_value (const char *value)
{
  if (g_utf8_strlen (value, 61) > 60)
    {
      g_autofree char *start = g_utf8_substring (value, 0, 57);
      return g_strconcat (start, "…", NULL);
    }
  return g_strdup (value);
}

gboolean
_mp_import_is_no_value (const char *cell)
{
  /* Microsoft Forms writes "anonymous" (in Norwegian "anonym") in the
   * e-mail column of a form anyone can answer. */
  return g_ascii_strcasecmp (cell, "anonymous") == 0 || g_ascii_strcasecmp (cell, "anonym") == 0;
}

static gboolean
folded_in (const char  *folded,
           const char *const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (strcmp (folded, words[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
starts_any (const char  *word,
            const char *const *prefixes)
{
  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_str_has_prefix (word, prefixes[i]))
      return TRUE;
  return FALSE;
}

gboolean
_mp_import_parse_consent (const char      *value,
                          MpConsentAnswer *out)
{
  static const char *yes_words[] = {
    "ja", "j", "yes", "y", "x", "true", "1", "sann", "jo", "ok", "sant", "checked", NULL,
  };
  static const char *no_words[] = {
    "nei", "n", "no", "false", "0", "usann", "usant", "disagree", "decline", "declined",
    "avslar", "avsla", "avslatt", "nekter", "refuse", "refused", "reject", "rejected",
    "unchecked", NULL,
  };
  /* One word ("Samtykker", "Godtar", "Agree", "Accepted",
   * "Aksepterer") or the text of a ticked box ("Jeg samtykker til at
   * ..."), unless it says no ("Jeg samtykker ikke"). */
  static const char *agree_words[] = {
    "samtykk", "consent", "godta", "godtek", "godkjenn", "agree", "accept", "aksepter",
    "bekreft", "confirm", NULL,
  };
  static const char *negations[] = { "ikke", "ikkje", "not", "no", "nei", "dont", "don", "do not", NULL };
  g_autofree char *folded = NULL;
  g_autofree char *first = NULL;
  const char *space;

  if (value == NULL || value[0] == '\0')
    {
      *out = MP_CONSENT_NO;
      return TRUE;
    }

  folded = mp_text_fold (value);
  if (folded[0] == '\0')
    {
      /* A tick from a spreadsheet check box, or its empty box. */
      if (strstr (value, "✓") != NULL || strstr (value, "✔") != NULL || strstr (value, "☑") != NULL ||
          strstr (value, "☒") != NULL)
        {
          *out = MP_CONSENT_YES;
          return TRUE;
        }
      if (strstr (value, "✗") != NULL || strstr (value, "✘") != NULL || strstr (value, "☐") != NULL)
        {
          *out = MP_CONSENT_NO;
          return TRUE;
        }
      return FALSE;
    }

  if (folded_in (folded, yes_words))
    {
      *out = MP_CONSENT_YES;
      return TRUE;
    }
  if (folded_in (folded, no_words))
    {
      *out = MP_CONSENT_NO;
      return TRUE;
    }

  /* The answers in the current language, as our own export writes them. */
  {
    g_autofree char *yes = mp_text_fold (C_("consent answer", "Yes"));
    g_autofree char *no = mp_text_fold (C_("consent answer", "No"));

    if (strcmp (folded, yes) == 0)
      {
        *out = MP_CONSENT_YES;
        return TRUE;
      }
    if (strcmp (folded, no) == 0)
      {
        *out = MP_CONSENT_NO;
        return TRUE;
      }
  }

  space = strchr (folded, ' ');
  first = space != NULL ? g_strndup (folded, space - folded) : g_strdup (folded);

  /* Sentences: "Ja, jeg vil gjerne bli kontaktet", "Nei takk" */
  if (space != NULL && (strcmp (first, "ja") == 0 || strcmp (first, "yes") == 0))
    {
      *out = MP_CONSENT_YES;
      return TRUE;
    }
  if (space != NULL && (strcmp (first, "nei") == 0 || strcmp (first, "no") == 0))
    {
      *out = MP_CONSENT_NO;
      return TRUE;
    }

  {
    g_auto(GStrv) words = g_strsplit (folded, " ", -1);
    gboolean agrees = FALSE;

    for (guint i = 0; words[i] != NULL && !agrees; i++)
      agrees = starts_any (words[i], agree_words);
    if (agrees)
      {
        g_autofree char *padded = g_strconcat (" ", folded, " ", NULL);

        *out = MP_CONSENT_YES;
        for (guint i = 0; negations[i] != NULL; i++)
          {
            g_autofree char *word = g_strconcat (" ", negations[i], " ", NULL);

            if (strstr (padded, word) != NULL)
              *out = MP_CONSENT_NO;
          }
        return TRUE;
      }
  }

  return FALSE;
}

gboolean
_mp_import_parse_status (const char           *value,
                         MpRegistrationStatus *out)
{
  /* Besides Møteplass' own words, the order and attendee statuses of
   * the shops: pretix (paid, pending, expired, canceled) and Eventbrite
   * (Attending, Not Attending, Checked In, Deleted, Transferred,
   * Refunded). An order waiting for its payment is still a
   * registration; an expired, refunded or deleted one is not. */
  static const struct {
    MpRegistrationStatus status;
    const char *words[28];
  } statuses[] = {
    { MP_REGISTRATION_STATUS_REGISTERED, { "registered", "registrert", "pameldt", "pamelding",
                                           "confirmed", "bekreftet", "stadfesta", "pamelde",
                                           "paid", "betalt", "pending", "venter", "unpaid",
                                           "ikke betalt", "attending", "checked in", "innsjekket",
                                           "completed", "fullfort", "manual", "free order",
                                           "offline", "partially refunded", "approved", NULL } },
    { MP_REGISTRATION_STATUS_WAITLISTED, { "waitlisted", "waiting list", "waitlist", "venteliste",
                                           "ventelista", "pa venteliste", "on waitlist",
                                           "on the waiting list", "wait list", NULL } },
    { MP_REGISTRATION_STATUS_CANCELLED, { "cancelled", "canceled", "avmeldt", "avmeld",
                                          "kansellert", "avbestilt", "trukket", "not attending",
                                          "expired", "utlopt", "refunded", "refundert", "deleted",
                                          "slettet", "transferred", "overfort", "abandoned",
                                          "rejected", "avvist", "refunded canceled", NULL } },
  };
  g_autofree char *folded = NULL;

  if (value == NULL || value[0] == '\0')
    {
      *out = MP_REGISTRATION_STATUS_REGISTERED;
      return TRUE;
    }

  folded = mp_text_fold (value);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *label = mp_text_fold (mp_registration_status_get_label (statuses[i].status));

      if (strcmp (folded, label) == 0)
        {
          *out = statuses[i].status;
          return TRUE;
        }
      for (guint j = 0; j < G_N_ELEMENTS (statuses[i].words) && statuses[i].words[j] != NULL; j++)
        if (strcmp (folded, statuses[i].words[j]) == 0)
          {
            *out = statuses[i].status;
            return TRUE;
          }
    }
  return FALSE;
}

gboolean
_mp_import_means_nothing (const char *value)
{
  /* Only what says "none" and nothing else: "Ingen gluten" is a need. */
  static const char *nothing[] = {
    "nei", "no", "n", "ingen", "ingenting", "none", "nothing", "na", "n a", "nei takk",
    "no thanks", "ikke relevant", "ikkje relevant", "not applicable", "0", "nope",
    "ingen allergier", "ingen allergi", "ingen allergiar", "ingen matallergier",
    "ingen kjente allergier", "ingen spesielle behov", "ingen behov", "ingen spesielle hensyn",
    "ingen hensyn", "ingen spesielle", "har ingen", "nei ingen", "ingen ting", "ikke behov",
    "ikkje behov", "ikke aktuelt", "ikkje aktuelt", "ikke noe", "ikkje noko", "trenger ikke",
    "treng ikkje", "no allergies", "no dietary requirements", "no special requirements",
    "no special needs", "no needs", "ingen tolk", "trenger ikke tolk", "nei trenger ikke",
    "ingen preferanser", "normal", "vanlig", "vanleg", "spiser alt", "et alt", NULL,
  };
  g_autofree char *folded = mp_text_fold (value);

  /* "-", "–", "." */
  if (folded[0] == '\0')
    return g_utf8_strlen (value, 4) <= 3;
  return folded_in (folded, nothing);
}

/* A word of a name: a capital and then letters ("Per", "Åse-Marit",
 * "O'Neil", "P."), or letters of a script without capitals (Arabic).
 * All capitals only when @caps_ok: surnames are written so in lists,
 * but "NAV" after a comma is an organisation. */
static gboolean
is_name_word (const char *word,
              gboolean    caps_ok)
{
  gunichar first = g_utf8_get_char (word);
  gboolean lower = FALSE;
  guint n = 0;

  if (!g_unichar_isalpha (first))
    return FALSE;
  if (g_unichar_islower (first))
    return FALSE;

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      n++;
      if (g_unichar_islower (c) || (g_unichar_isalpha (c) && !g_unichar_isupper (c)))
        lower = TRUE;
      else if (!g_unichar_isalpha (c) && c != '-' && c != '\'' && c != 0x2019 && c != '.')
        return FALSE;
    }

  return lower || caps_ok || (n == 2 && g_str_has_suffix (word, ".")) || n == 1;
}

static gboolean
is_name_part (const char *part,
              gboolean    surname)
{
  static const char *particles[] = { "van", "von", "de", "der", "den", "da", "di", "al", "el",
                                     "bin", "ibn", "la", "le", "du", "dos", "das", NULL };
  g_auto(GStrv) words = g_strsplit (part, " ", -1);
  guint n = g_strv_length (words);

  if (n == 0 || n > 3)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!is_name_word (words[i], surname) && !(surname && g_strv_contains (particles, words[i])))
      return FALSE;
  return TRUE;
}

/* "ØDEGÅRD" → "Ødegård", "AL-SAYED" → "Al-Sayed": lists that write
 * the surname in capitals to set it apart. Mixed case is kept. */
static char *
unshout (const char *part)
{
  GString *out = g_string_new (NULL);
  gboolean start = TRUE;

  for (const char *p = part; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_islower (g_utf8_get_char (p)))
      {
        g_string_free (out, TRUE);
        return g_strdup (part);
      }

  for (const char *p = part; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, start ? c : g_unichar_tolower (c));
      start = !g_unichar_isalpha (c);
    }
  return g_string_free (out, FALSE);
}

char *
_mp_import_turn_name_parts (const char  *name,
                            char       **out_given,
                            char       **out_family)
{
  const char *comma = strchr (name, ',');
  g_autofree char *family = NULL;
  g_autofree char *given = NULL;
  g_autofree char *surname = NULL;
  char *turned;

  *out_given = *out_family = NULL;
  if (comma == NULL || strchr (comma + 1, ',') != NULL)
    return NULL;

  family = g_strstrip (g_strndup (name, comma - name));
  given = g_strstrip (g_strdup (comma + 1));
  if (family[0] == '\0' || given[0] == '\0')
    return NULL;
  if (!is_name_part (family, TRUE) || !is_name_part (given, FALSE))
    return NULL;

  surname = unshout (family);
  turned = g_strconcat (given, " ", surname, NULL);
  *out_given = g_steal_pointer (&given);
  *out_family = g_steal_pointer (&surname);
  return turned;
}

char *
_mp_import_turn_name (const char *name)
{
  g_autofree char *given = NULL;
  g_autofree char *family = NULL;

  return _mp_import_turn_name_parts (name, &given, &family);
}

gboolean
_mp_import_lost_characters (const char *text)
{
  gboolean only_marks = TRUE;

  if (text == NULL || text[0] == '\0')
    return FALSE;
  /* U+FFFD, where a program could not decode a character */
  if (strstr (text, "??") != NULL || strstr (text, "\xef\xbf\xbd") != NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p++)
    if (*p != '?' && *p != ' ')
      only_marks = FALSE;
  return only_marks;
}

gboolean
_mp_import_is_number (const char *text)
{
  const char *p = text;

  if (*p == '-')
    p++;
  if (*p == '\0')
    return FALSE;
  for (; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}


/* Times: when the person answered (Europe/Oslo when the text has no offset: see mp-import-rows.c) */

static int
read_number (const char **p,
             guint        min_digits,
             guint        max_digits)
{
  int value = 0;
  guint n = 0;

  while (n < max_digits && g_ascii_isdigit ((*p)[n]))
    value = value * 10 + ((*p)[n++] - '0');
  if (n < min_digits || g_ascii_isdigit ((*p)[n]))
    return -1;
  *p += n;
  return value;
}

static void
skip_spaces (const char **p)
{
  while (**p == ' ' || **p == '\t')
    (*p)++;
}

static gboolean
skip_word (const char **p,
           const char  *word)
{
  gsize len = strlen (word);

  if (g_ascii_strncasecmp (*p, word, len) != 0 || g_ascii_isalpha ((*p)[len]))
    return FALSE;
  *p += len;
  return TRUE;
}

/* 2026-02-03, 2026/02/03, 03.02.2026, 2/3/2026 (Google's English: the
 * month first, unless it cannot be). */
static gboolean
read_date (const char  **text,
           MpImportTime *t)
{
  const char *p = *text;
  int a = read_number (&p, 1, 4), b, c;
  char sep = *p;

  if (a < 0 || (sep != '-' && sep != '/' && sep != '.'))
    return FALSE;
  p++;
  if ((b = read_number (&p, 1, 2)) < 0 || *p != sep)
    return FALSE;
  p++;
  if ((c = read_number (&p, 1, 4)) < 0)
    return FALSE;

  if (a >= 1000 && sep != '.' && c <= 31)
    t->year = a, t->month = b, t->day = c;
  else if (c >= 1000 && a <= 31 && sep == '.')
    t->year = c, t->month = b, t->day = a;
  else if (c >= 1000 && sep == '/')
    {
      t->year = c;
      t->month = a <= 12 ? a : b;
      t->day = a <= 12 ? b : a;
    }
  else
    return FALSE;

  t->has_date = TRUE;
  *text = p;
  return TRUE;
}

/* 10:14, 10:14:22, 10:14:22.123, 10.14; then AM or PM */
static gboolean
read_clock (const char  **text,
            MpImportTime *t)
{
  const char *p = *text;
  int hour = read_number (&p, 1, 2), minute, second = 0;
  char sep = *p;

  if (hour < 0 || (sep != ':' && sep != '.'))
    return FALSE;
  p++;
  if ((minute = read_number (&p, 2, 2)) < 0)
    return FALSE;
  if (*p == sep && g_ascii_isdigit (p[1]))
    {
      p++;
      if ((second = read_number (&p, 2, 2)) < 0)
        return FALSE;
      if (*p == '.' || *p == ',')
        for (p++; g_ascii_isdigit (*p); p++)
          ;
    }

  {
    const char *q = p;

    gboolean am, pm = FALSE;

    skip_spaces (&q);
    am = skip_word (&q, "AM") || skip_word (&q, "a.m.");
    if (!am)
      pm = skip_word (&q, "PM") || skip_word (&q, "p.m.");
    if (am || pm)
      {
        if (hour < 1 || hour > 12)
          return FALSE;
        hour = hour % 12 + (pm ? 12 : 0);
        p = q;
      }
  }

  if (hour > 23 || minute > 59 || second > 59)
    return FALSE;
  t->hour = hour;
  t->minute = minute;
  t->second = second;
  t->has_time = TRUE;
  *text = p;
  return TRUE;
}

/* Z, +01:00, +0100, +01, UTC, GMT, GMT+1, UTC+01:00 */
static gboolean
read_offset (const char  **text,
             MpImportTime *t)
{
  const char *p = *text;
  gboolean named = FALSE;
  int sign, hours, minutes = 0;

  skip_spaces (&p);
  if (*p == 'Z' || *p == 'z')
    {
      if (g_ascii_isalpha (p[1]))
        return FALSE;
      t->has_offset = TRUE;
      t->offset = 0;
      *text = p + 1;
      return TRUE;
    }
  if (skip_word (&p, "UTC") || skip_word (&p, "GMT"))
    named = TRUE;
  if (*p != '+' && *p != '-')
    {
      if (!named)
        return FALSE;
      t->has_offset = TRUE;
      t->offset = 0;
      *text = p;
      return TRUE;
    }
  sign = *p++ == '-' ? -1 : 1;
  if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]) &&
      !g_ascii_isdigit (p[4]))
    {
      hours = (p[0] - '0') * 10 + (p[1] - '0');
      minutes = (p[2] - '0') * 10 + (p[3] - '0');
      p += 4;
    }
  else
    {
      if ((hours = read_number (&p, 1, 2)) < 0)
        return FALSE;
      if (*p == ':' && (p++, (minutes = read_number (&p, 2, 2)) < 0))
        return FALSE;
    }
  if (hours > 14 || minutes > 59)
    return FALSE;
  t->has_offset = TRUE;
  t->offset = sign * (hours * 3600 + minutes * 60);
  *text = p;
  return TRUE;
}

gboolean
_mp_import_parse_time (const char   *text,
                       MpImportTime *out)
{
  MpImportTime t = { 0, };
  const char *p = text;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  skip_spaces (&p);

  if (read_date (&p, &t))
    {
      const char *q = p;

      /* "2026-02-03T10:14", "03.02.2026 10:14", "2/3/2026, 10:14", "03.02.2026 kl. 10.14" */
      if (*q == 'T' || *q == 't')
        q++;
      else
        {
          if (*q == ',')
            q++;
          skip_spaces (&q);
          if (skip_word (&q, "kl.") || skip_word (&q, "kl"))
            skip_spaces (&q);
        }
      if (read_clock (&q, &t))
        p = q;
    }
  else if (!read_clock (&p, &t))
    return FALSE;

  if (t.has_time)
    read_offset (&p, &t);
  skip_spaces (&p);
  if (*p != '\0')
    return FALSE;

  *out = t;
  return TRUE;
}

gboolean
_mp_import_time_to_unix (const MpImportTime *t,
                         GTimeZone          *zone,
                         gint64             *out_unix)
{
  g_autoptr(GDateTime) dt = NULL;

  if (!t->has_date || t->year < 1900 || t->year > 9999)
    return FALSE;
  if (t->has_offset)
    dt = g_date_time_new_utc (t->year, t->month, t->day, t->hour, t->minute, t->second);
  else
    dt = g_date_time_new (zone, t->year, t->month, t->day, t->hour, t->minute, t->second);
  if (dt == NULL)
    return FALSE;
  *out_unix = g_date_time_to_unix (dt) - (t->has_offset ? t->offset : 0);
  return TRUE;
}
