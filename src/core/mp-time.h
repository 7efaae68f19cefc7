/* mp-time.h: times as people read them
 *
 * Times are stored as UTC seconds since the epoch and shown in local
 * time, in the user's language: "tirsdag 8. mars 2022 kl. 09.00".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses local wall-clock time: "2026-03-08T09:00", "2026-03-08 09:00",
 * "2026-03-08T09:00:00" or an ISO 8601 time with an offset. */
gboolean  mp_time_parse_local  (const char  *text,
                                gint64      *out_unix,
                                GError     **error);

/* A time of day as a person types it: "09.00", "9:00", "9.00", "0900",
 * "900", "9", "kl. 9.30", "9:30 pm". Hours 0–23, minutes 0–59, written
 * with two digits after a separator. FALSE for anything else. */
gboolean  mp_time_parse_clock  (const char  *text,
                                int         *out_hour,
                                int         *out_minute);
/* "09.00" for an hour and minute: the format of mp_time_format_clock() */
char     *mp_time_format_hm    (int          hour,
                                int          minute);

char     *mp_time_format_long  (gint64 unix_time); /* tirsdag 8. mars 2022 kl. 09.00 */
char     *mp_time_format_date  (gint64 unix_time); /* tirsdag 8. mars 2022 */
char     *mp_time_format_clock (gint64 unix_time); /* 09.00 */
char     *mp_time_format_iso   (gint64 unix_time); /* 2022-03-08T09:00:00+01:00 */

/* The month of unix_time, short, for a calendar tile: "MAR", "MAI". */
const char *mp_time_month_abbreviation (gint64 unix_time);

gint64    mp_time_now          (void);             /* UTC seconds */

/* Norwegian time: Europe/Oslo (the local zone when the system has no
 * time zone data). Times written without an offset in Norway are in it. */
GTimeZone *mp_time_zone_norway (void);

G_END_DECLS
