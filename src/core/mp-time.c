#define G_LOG_DOMAIN "mp-time"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp-error.h"
#include "mp-time.h"

gint64
mp_time_now (void)
{
  /* MP_CLOCK_SKEW=SECONDS sets this computer's clock wrong on purpose:
   * the hub's tests of desks whose clocks differ by minutes. */
  static gsize skew_set;
  static gint64 skew;

  if (g_once_init_enter (&skew_set))
    {
      const char *text = g_getenv ("MP_CLOCK_SKEW");

      skew = text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
      g_once_init_leave (&skew_set, 1);
    }
  return g_get_real_time () / G_USEC_PER_SEC + skew;
}

GTimeZone *
mp_time_zone_norway (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Europe/Oslo");

  return tz != NULL ? tz : g_time_zone_new_local ();
}

gboolean
mp_time_parse_local (const char  *text,
                     gint64      *out_unix,
                     GError     **error)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) dt = NULL;
  int year, month, day, hour = 0, minute = 0, n = 0;

  g_return_val_if_fail (out_unix != NULL, FALSE);

  if (text == NULL)
    text = "";

  /* Full ISO 8601 with an offset or Z */
  dt = g_date_time_new_from_iso8601 (text, local);

  if (dt == NULL)
    {
      /* 2026-03-08T09:00, 2026-03-08 09:00 or 2026-03-08 */
      if (sscanf (text, "%4d-%2d-%2d%n", &year, &month, &day, &n) == 3)
        {
          const char *rest = text + n;

          if (*rest == '\0')
            dt = g_date_time_new (local, year, month, day, 0, 0, 0);
          else if ((*rest == 'T' || *rest == ' ') &&
                   sscanf (rest + 1, "%2d:%2d%n", &hour, &minute, &n) == 2 &&
                   (rest[1 + n] == '\0' || (rest[1 + n] == ':' && strlen (rest + 1 + n) == 3)))
            {
              int second = 0;

              if (rest[1 + n] == ':')
                second = atoi (rest + 2 + n);
              dt = g_date_time_new (local, year, month, day, hour, minute, second);
            }
        }
    }

  if (dt == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   /* Translators: %s is what the user typed */
                   _("“%s” is not a date and time; write it as 2026-03-08T09:00"),
                   text);
      return FALSE;
    }

  *out_unix = g_date_time_to_unix (dt);
  return TRUE;
}

static GDateTime *
local_time (gint64 unix_time)
{
  GDateTime *dt = g_date_time_new_from_unix_local (unix_time);

  if (dt == NULL)
    dt = g_date_time_new_from_unix_local (0);
  return dt;
}

static const char *
weekday_name (int weekday)
{
  switch (weekday)
    {
    case 1: return C_("weekday", "Monday");
    case 2: return C_("weekday", "Tuesday");
    case 3: return C_("weekday", "Wednesday");
    case 4: return C_("weekday", "Thursday");
    case 5: return C_("weekday", "Friday");
    case 6: return C_("weekday", "Saturday");
    case 7:
    default: return C_("weekday", "Sunday");
    }
}

static const char *
month_name (int month)
{
  switch (month)
    {
    case 1: return C_("month", "January");
    case 2: return C_("month", "February");
    case 3: return C_("month", "March");
    case 4: return C_("month", "April");
    case 5: return C_("month", "May");
    case 6: return C_("month", "June");
    case 7: return C_("month", "July");
    case 8: return C_("month", "August");
    case 9: return C_("month", "September");
    case 10: return C_("month", "October");
    case 11: return C_("month", "November");
    case 12:
    default: return C_("month", "December");
    }
}

const char *
mp_time_month_abbreviation (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = local_time (unix_time);

  /* Translators: short month names on the calendar tile of an event,
   * in capitals, at most three or four letters ("MAI", "OKT"). */
  switch (g_date_time_get_month (dt))
    {
    case 1: return C_("month abbreviation", "JAN");
    case 2: return C_("month abbreviation", "FEB");
    case 3: return C_("month abbreviation", "MAR");
    case 4: return C_("month abbreviation", "APR");
    case 5: return C_("month abbreviation", "MAY");
    case 6: return C_("month abbreviation", "JUN");
    case 7: return C_("month abbreviation", "JUL");
    case 8: return C_("month abbreviation", "AUG");
    case 9: return C_("month abbreviation", "SEP");
    case 10: return C_("month abbreviation", "OCT");
    case 11: return C_("month abbreviation", "NOV");
    case 12:
    default: return C_("month abbreviation", "DEC");
    }
}

char *
mp_time_format_hm (int hour,
                   int minute)
{
  /* Translators: hours and minutes, 24-hour clock; Norwegian uses
   * "%02d.%02d" (09.00) */
  return g_strdup_printf (_("%02d:%02d"), hour, minute);
}

char *
mp_time_format_clock (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = local_time (unix_time);

  return mp_time_format_hm (g_date_time_get_hour (dt), g_date_time_get_minute (dt));
}

gboolean
mp_time_parse_clock (const char *text,
                     int        *out_hour,
                     int        *out_minute)
{
  g_autofree char *lower = NULL;
  const char *p;
  int hour = 0, minute = 0, digits = 0;
  gboolean pm = FALSE, am = FALSE;
  gsize len;

  if (text == NULL)
    return FALSE;
  lower = g_ascii_strdown (text, -1);
  g_strstrip (lower);
  len = strlen (lower);

  /* "9 pm", "9:30am" */
  if (len > 2 && (g_str_has_suffix (lower, "pm") || g_str_has_suffix (lower, "am")))
    {
      pm = lower[len - 2] == 'p';
      am = !pm;
      lower[len - 2] = '\0';
      g_strchomp (lower);
    }
  p = lower;
  /* "kl. 9.30", "kl 09" */
  if (g_str_has_prefix (p, "kl"))
    {
      p += 2;
      if (*p == '.')
        p++;
      while (*p == ' ')
        p++;
    }

  while (g_ascii_isdigit (*p) && digits < 4)
    {
      hour = hour * 10 + (*p - '0');
      p++;
      digits++;
    }
  if (digits == 0)
    return FALSE;

  if (*p == '\0')
    {
      /* "9", "09"; "900", "0930": the last two digits are minutes */
      if (digits >= 3)
        {
          minute = hour % 100;
          hour /= 100;
        }
    }
  else if ((*p == '.' || *p == ':' || *p == ',' || *p == ' ') && digits <= 2)
    {
      p++;
      if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) || p[2] != '\0')
        return FALSE;
      minute = (p[0] - '0') * 10 + (p[1] - '0');
    }
  else
    return FALSE;

  if (am || pm)
    {
      if (hour < 1 || hour > 12)
        return FALSE;
      hour = (hour % 12) + (pm ? 12 : 0);
    }
  if (hour > 23 || minute > 59)
    return FALSE;

  if (out_hour != NULL)
    *out_hour = hour;
  if (out_minute != NULL)
    *out_minute = minute;
  return TRUE;
}

char *
mp_time_format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = local_time (unix_time);

  /* Translators: weekday, day of month, month, year: "Tuesday 8 March
   * 2022"; Norwegian "%1$s %2$d. %3$s %4$d" (tirsdag 8. mars 2022) */
  return g_strdup_printf (_("%1$s %2$d %3$s %4$d"),
                          weekday_name (g_date_time_get_day_of_week (dt)),
                          g_date_time_get_day_of_month (dt),
                          month_name (g_date_time_get_month (dt)),
                          g_date_time_get_year (dt));
}

char *
mp_time_format_long (gint64 unix_time)
{
  g_autofree char *date = mp_time_format_date (unix_time);
  g_autofree char *clock = mp_time_format_clock (unix_time);

  /* Translators: date and time: "Tuesday 8 March 2022 at 09:00";
   * Norwegian "%1$s kl. %2$s" (tirsdag 8. mars 2022 kl. 09.00) */
  return g_strdup_printf (_("%1$s at %2$s"), date, clock);
}

char *
mp_time_format_iso (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = local_time (unix_time);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z");
}
