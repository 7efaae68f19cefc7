#define G_LOG_DOMAIN "mp-mail-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-error.h"
#include "mp-mail-template.h"
#include "mp-time.h"

static const MpMailLanguage languages[] = {
  {
    "nb", "Norsk bokmål", FALSE,
    "Billetten din til {event}",
    "Hei {name},\n"
    "\n"
    "her er billetten din til {event}.\n"
    "\n"
    "Tid: {date} kl. {time}\n"
    "Sted: {venue}\n"
    "\n"
    "Vis QR-koden ved inngangen, på telefonen eller på papir. Billetten "
    "ligger også ved som PDF, og arrangementet som kalenderfil.\n"
    "\n"
    "Velkommen!",
    "Billett", "QR-kode: billetten din", "billett.pdf", "kalender.ics",
  },
  {
    "nn", "Norsk nynorsk", FALSE,
    "Billetten din til {event}",
    "Hei {name},\n"
    "\n"
    "her er billetten din til {event}.\n"
    "\n"
    "Tid: {date} kl. {time}\n"
    "Stad: {venue}\n"
    "\n"
    "Vis QR-koden ved inngangen, på telefonen eller på papir. Billetten "
    "ligg òg ved som PDF, og arrangementet som kalenderfil.\n"
    "\n"
    "Velkomen!",
    "Billett", "QR-kode: billetten din", "billett.pdf", "kalender.ics",
  },
  {
    "en", "English", FALSE,
    "Your ticket for {event}",
    "Hello {name},\n"
    "\n"
    "here is your ticket for {event}.\n"
    "\n"
    "When: {date}, {time}\n"
    "Where: {venue}\n"
    "\n"
    "Show the QR code at the entrance, on your phone or on paper. The "
    "ticket is also attached as a PDF, and the event as a calendar file.\n"
    "\n"
    "Welcome!",
    "Ticket", "QR code: your ticket", "ticket.pdf", "calendar.ics",
  },
  {
    "uk", "Українська", FALSE,
    "Ваш квиток: {event}",
    "Вітаємо, {name}!\n"
    "\n"
    "Ось ваш квиток на захід «{event}».\n"
    "\n"
    "Коли: {date}, {time}\n"
    "Де: {venue}\n"
    "\n"
    "Покажіть QR-код на вході — на телефоні або на папері. Квиток також "
    "додано як PDF, а захід — як файл календаря.\n"
    "\n"
    "Ласкаво просимо!",
    "Квиток", "QR-код: ваш квиток", "ticket.pdf", "calendar.ics",
  },
  {
    "ar", "العربية", TRUE,
    "تذكرتك: {event}",
    "مرحبًا {name}،\n"
    "\n"
    "هذه تذكرتك لحضور «{event}».\n"
    "\n"
    "الموعد: {date}، {time}\n"
    "المكان: {venue}\n"
    "\n"
    "أظهر رمز QR عند المدخل، على هاتفك أو مطبوعًا على ورق. التذكرة "
    "مرفقة أيضًا بصيغة PDF، والفعالية كملف تقويم.\n"
    "\n"
    "أهلًا وسهلًا بك!",
    "التذكرة", "رمز QR: تذكرتك", "ticket.pdf", "calendar.ics",
  },
};

/* Monday first, as GDateTime counts (1–7). */
static const char *const weekdays[][7] = {
  { "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag" },
  { "måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "sundag" },
  { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" },
  { "понеділок", "вівторок", "середа", "четвер", "пʼятниця", "субота", "неділя" },
  { "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد" },
};

static const char *const norwegian_months[12] = {
  "januar", "februar", "mars", "april", "mai", "juni",
  "juli", "august", "september", "oktober", "november", "desember",
};

static const char *const months[][12] = {
  { NULL }, /* nb: norwegian_months */
  { NULL }, /* nn: norwegian_months */
  { "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December" },
  /* the genitive: "8 березня" */
  { "січня", "лютого", "березня", "квітня", "травня", "червня",
    "липня", "серпня", "вересня", "жовтня", "листопада", "грудня" },
  { "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر" },
};

const MpMailLanguage *
mp_mail_languages (guint *n_languages)
{
  if (n_languages != NULL)
    *n_languages = G_N_ELEMENTS (languages);
  return languages;
}

const MpMailLanguage *
mp_mail_language_find (const char *code)
{
  if (code == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (strcmp (languages[i].code, code) == 0)
      return &languages[i];
  return NULL;
}

static guint
language_index (const MpMailLanguage *language)
{
  return language - languages;
}

GTimeZone *
mp_mail_event_time_zone (void)
{
  return mp_time_zone_norway ();
}

char *
mp_mail_format_date (const MpMailLanguage *language,
                     GDateTime            *when)
{
  guint l = language_index (language);
  const char *weekday = weekdays[l][g_date_time_get_day_of_week (when) - 1];
  int month = g_date_time_get_month (when) - 1;
  int day = g_date_time_get_day_of_month (when);
  int year = g_date_time_get_year (when);

  switch (l)
    {
    case 0:
    case 1:
      return g_strdup_printf ("%s %d. %s %d", weekday, day, norwegian_months[month], year);
    case 3:
      return g_strdup_printf ("%s, %d %s %d", weekday, day, months[l][month], year);
    default:
      return g_strdup_printf ("%s %d %s %d", weekday, day, months[l][month], year);
    }
}

static char *
format_clock (const MpMailLanguage *language,
              GDateTime            *when)
{
  guint l = language_index (language);

  return g_strdup_printf (l <= 1 ? "%02d.%02d" : "%02d:%02d",
                          g_date_time_get_hour (when), g_date_time_get_minute (when));
}

char *
mp_mail_format_time (const MpMailLanguage *language,
                     GDateTime            *starts,
                     GDateTime            *ends)
{
  g_autofree char *start = format_clock (language, starts);
  g_autofree char *end = NULL;

  if (ends == NULL)
    return g_steal_pointer (&start);

  end = format_clock (language, ends);
  return g_strdup_printf ("%s–%s", start, end);
}

/* The placeholder at @p ("{name}"): its value in @fields and its length
 * in bytes, or NULL when @p does not start one we know. *@is_placeholder
 * tells whether @p has the shape of one ({letters}). */
static const char *
placeholder_at (const char         *p,
                const MpMailFields *fields,
                gsize              *out_len,
                gboolean           *is_placeholder)
{
  static const struct { const char *name; gsize offset; } known[] = {
    { "{name}", G_STRUCT_OFFSET (MpMailFields, name) },
    { "{event}", G_STRUCT_OFFSET (MpMailFields, event) },
    { "{date}", G_STRUCT_OFFSET (MpMailFields, date) },
    { "{time}", G_STRUCT_OFFSET (MpMailFields, time) },
    { "{venue}", G_STRUCT_OFFSET (MpMailFields, venue) },
  };
  gsize len = 1;

  *is_placeholder = FALSE;
  while (len < 32 && (g_ascii_isalpha (p[len]) || p[len] == '_'))
    len++;
  if (len == 1 || p[len] != '}')
    return NULL;
  len++;
  *is_placeholder = TRUE;
  *out_len = len;

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (strlen (known[i].name) == len && strncmp (p, known[i].name, len) == 0)
      {
        const char *value = fields != NULL ? G_STRUCT_MEMBER (const char *, fields, known[i].offset) : "";

        return value != NULL ? value : "";
      }

  return NULL;
}

gboolean
mp_mail_template_check (const char  *text,
                        GError     **error)
{
  static const MpMailFields empty = { "", "", "", "", "" };

  for (const char *p = text != NULL ? strchr (text, '{') : NULL; p != NULL; p = strchr (p + 1, '{'))
    {
      gboolean is_placeholder;
      gsize len = 0;

      if (placeholder_at (p, &empty, &len, &is_placeholder) == NULL && is_placeholder)
        {
          g_autofree char *name = g_strndup (p, len);

          g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                       _("“%s” is not a placeholder Møteplass knows. Use {name}, {event}, {date}, {time} or {venue}."),
                       name);
          return FALSE;
        }
    }

  return TRUE;
}

char *
mp_mail_template_expand (const char         *text,
                         const MpMailFields *fields,
                         gboolean            drop_empty_lines)
{
  GString *out = g_string_new (NULL);
  const char *line = text != NULL ? text : "";

  while (*line != '\0')
    {
      const char *eol = strchr (line, '\n');
      const char *end = eol != NULL ? eol : line + strlen (line);
      gsize line_start = out->len;
      gboolean had_empty = FALSE;

      for (const char *p = line; p < end; )
        {
          gboolean is_placeholder;
          gsize len = 0;
          const char *value = *p == '{' ? placeholder_at (p, fields, &len, &is_placeholder) : NULL;

          if (value != NULL && p + len <= end)
            {
              if (value[0] == '\0')
                had_empty = TRUE;
              g_string_append (out, value);
              p += len;
            }
          else
            g_string_append_c (out, *p++);
        }

      if (drop_empty_lines && had_empty)
        g_string_truncate (out, line_start);
      else if (eol != NULL)
        g_string_append_c (out, '\n');

      line = eol != NULL ? eol + 1 : end;
    }

  return g_string_free (out, FALSE);
}
