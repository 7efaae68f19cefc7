#define G_LOG_DOMAIN "mp-number"

#include "config.h"

#include <stdio.h>

#include "mp-number.h"

char *
mp_number_format (guint64 n)
{
  char buffer[64];

  /* The ' flag is POSIX: the locale's thousands separator. GLib's own
   * printf does not know it, so the C library formats. */
  if (snprintf (buffer, sizeof buffer, "%'" G_GUINT64_FORMAT, n) <= 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT, n);

  return g_strdup (buffer);
}
