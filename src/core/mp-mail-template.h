/* mp-mail-template.h: the words of a ticket e-mail, in the event's language
 *
 * A subject and a short text per event, with placeholders that are
 * filled in for each attendee: {name} {event} {date} {time} {venue}.
 * Ready-made ones exist in Bokmål, Nynorsk, English, Ukrainian and
 * Arabic. They are chosen by the event's language, not by the language
 * of the program that sends them, so they are kept here rather than in
 * the gettext catalogues. Dates and times are written in that language,
 * in Norwegian time (Europe/Oslo).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *code;          /* "nb", "nn", "en", "uk", "ar" */
  const char *native_name;   /* "Norsk bokmål" … "العربية" */
  gboolean    rtl;
  const char *subject;       /* the ready-made subject */
  const char *body;          /* the ready-made text */
  const char *ticket_word;   /* "Billett": beside the ticket code */
  const char *qr_alt;        /* the QR image's text for screen readers */
  const char *pdf_name;      /* attachment names, ASCII */
  const char *ics_name;
} MpMailLanguage;

/* The five languages, Bokmål first. */
const MpMailLanguage *mp_mail_languages         (guint        *n_languages);
/* NULL when @code is not one of them. */
const MpMailLanguage *mp_mail_language_find     (const char   *code);

/* The time zone events are in: Europe/Oslo (the local zone when the
 * system has no tzdata). */
GTimeZone            *mp_mail_event_time_zone   (void);

/* "søndag 8. mars 2026", "Sunday 8 March 2026", "неділя, 8 березня 2026" … */
char                 *mp_mail_format_date       (const MpMailLanguage *language,
                                                 GDateTime            *when);
/* "09.00–12.00" (nb, nn), "09:00–12:00"; only the start when @ends is NULL. */
char                 *mp_mail_format_time       (const MpMailLanguage *language,
                                                 GDateTime            *starts,
                                                 GDateTime            *ends);

/* The values of the placeholders for one attendee. */
typedef struct
{
  const char *name;
  const char *event;
  const char *date;
  const char *time;
  const char *venue;
} MpMailFields;

/* MP_ERROR_INVALID naming the first unknown placeholder ("{navn}") or
 * an unclosed brace; TRUE for text without any. */
gboolean              mp_mail_template_check    (const char          *text,
                                                 GError             **error);
/* Fills in the placeholders. With @drop_empty_lines, a line in which a
 * placeholder came out empty (an event without a venue) is left out
 * whole, so "Sted: " does not stand alone. Unknown placeholders stay
 * as they are written. */
char                 *mp_mail_template_expand   (const char          *text,
                                                 const MpMailFields  *fields,
                                                 gboolean             drop_empty_lines);

G_END_DECLS
