#define G_LOG_DOMAIN "mp-event-summary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mp-event-summary.h"
#include "mp-number.h"

static void
append_part (GString    *line,
             const char *part)
{
  if (line->len > 0)
    /* Translators: between the parts of an event's summary, "52 registered · 4 on the waiting list" */
    g_string_append (line, _(" · "));
  g_string_append (line, part);
}

char *
mp_event_summary_places (const MpEventCounts *counts,
                         int                  capacity)
{
  GString *line = g_string_new (NULL);
  g_autofree char *registered = NULL;

  g_return_val_if_fail (counts != NULL, NULL);

  registered = mp_number_format (counts->registered);
  if (capacity >= 0)
    {
      g_autofree char *places = mp_number_format ((guint) capacity);
      g_autofree char *part = NULL;

      /* Translators: "52 of 80 registered" (the event's capacity) */
      part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s registered", "%s of %s registered",
                                           counts->registered),
                              registered, places);
      append_part (line, part);
      g_clear_pointer (&part, g_free);

      if (counts->registered < (guint) capacity)
        {
          guint left = (guint) capacity - counts->registered;
          g_autofree char *n = mp_number_format (left);

          /* Translators: free places at an event */
          part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s place left", "%s places left", left), n);
        }
      else if (counts->registered == (guint) capacity)
        part = g_strdup (C_("event capacity", "full"));
      else
        {
          guint over = counts->registered - (guint) capacity;
          g_autofree char *n = mp_number_format (over);

          /* Translators: registered past the event's capacity (let in by the organiser) */
          part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s over capacity", "%s over capacity", over), n);
        }
      append_part (line, part);
    }
  else
    {
      g_autofree char *part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s registered", "%s registered",
                                                            counts->registered),
                                               registered);
      append_part (line, part);
    }

  if (counts->waitlisted > 0)
    {
      g_autofree char *n = mp_number_format (counts->waitlisted);
      g_autofree char *part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s on the waiting list",
                                                            "%s on the waiting list", counts->waitlisted),
                                               n);
      append_part (line, part);
    }
  if (counts->cancelled > 0)
    {
      g_autofree char *n = mp_number_format (counts->cancelled);
      g_autofree char *part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s cancelled", "%s cancelled",
                                                            counts->cancelled),
                                               n);
      append_part (line, part);
    }

  return g_string_free (line, FALSE);
}

gboolean
mp_event_summary_shows_arrived (MpEvent *event,
                                gint64   now)
{
  MpEventCounts counts;

  g_return_val_if_fail (MP_IS_EVENT (event), FALSE);

  mp_event_get_all_counts (event, &counts);
  return counts.arrived > 0 || now >= mp_event_get_starts_at (event);
}

char *
mp_event_summary (MpEvent *event,
                  gint64   now)
{
  MpEventCounts counts;
  g_autofree char *places = NULL;

  g_return_val_if_fail (MP_IS_EVENT (event), NULL);

  mp_event_get_all_counts (event, &counts);
  places = mp_event_summary_places (&counts, mp_event_get_capacity (event));
  if (mp_event_summary_shows_arrived (event, now))
    {
      g_autofree char *n = mp_number_format (counts.arrived);
      /* Translators: "52 registered · 40 arrived" */
      g_autofree char *arrived = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s arrived", "%s arrived",
                                                               counts.arrived),
                                                  n);

      return g_strconcat (places, _(" · "), arrived, NULL);
    }
  return g_steal_pointer (&places);
}
