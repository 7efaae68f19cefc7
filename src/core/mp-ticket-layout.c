/* mp-ticket-layout.c: the paper a ticket or badge is printed on: the
 * layouts' names, page sizes and how many go on a page
 */
#define G_LOG_DOMAIN "mp-ticket-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-ticket-render.h"

#define MM(x) ((x) * 72.0 / 25.4)

/* Layouts */

static const struct
{
  const char *nick;
  double      width_mm;
  double      height_mm;
  guint       per_page;
} layout_info[] = {
  [MP_TICKET_LAYOUT_TICKET]      = { "ticket",      148.0, 105.0, 1 },
  [MP_TICKET_LAYOUT_BADGE]       = { "badge",        86.0,  54.0, 1 },
  [MP_TICKET_LAYOUT_BADGE_LABEL] = { "badge-label",  62.0,  90.0, 1 },
  [MP_TICKET_LAYOUT_SHEET]       = { "sheet",       210.0, 297.0, 8 },
};

G_DEFINE_ENUM_TYPE (MpTicketLayout, mp_ticket_layout,
  G_DEFINE_ENUM_VALUE (MP_TICKET_LAYOUT_TICKET, "ticket"),
  G_DEFINE_ENUM_VALUE (MP_TICKET_LAYOUT_BADGE, "badge"),
  G_DEFINE_ENUM_VALUE (MP_TICKET_LAYOUT_BADGE_LABEL, "badge-label"),
  G_DEFINE_ENUM_VALUE (MP_TICKET_LAYOUT_SHEET, "sheet"))

const char *
mp_ticket_layout_to_string (MpTicketLayout layout)
{
  g_return_val_if_fail (layout < MP_N_TICKET_LAYOUTS, NULL);

  return layout_info[layout].nick;
}

gboolean
mp_ticket_layout_from_string (const char     *text,
                              MpTicketLayout *out_layout)
{
  g_return_val_if_fail (out_layout != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < MP_N_TICKET_LAYOUTS; i++)
    {
      if (g_ascii_strcasecmp (text, layout_info[i].nick) == 0)
        {
          *out_layout = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
mp_ticket_layout_get_label (MpTicketLayout layout)
{
  switch (layout)
    {
    case MP_TICKET_LAYOUT_TICKET: return _("Ticket, A6");
    case MP_TICKET_LAYOUT_BADGE: return _("Name badge, 86 × 54 mm");
    case MP_TICKET_LAYOUT_BADGE_LABEL: return _("Name badge on a 62 mm label roll");
    case MP_TICKET_LAYOUT_SHEET: return _("Eight tickets on A4, to cut");
    case MP_N_TICKET_LAYOUTS:
    default:
      g_return_val_if_reached ("");
    }
}

void
mp_ticket_layout_get_page_size (MpTicketLayout  layout,
                                double         *width_pt,
                                double         *height_pt)
{
  g_return_if_fail (layout < MP_N_TICKET_LAYOUTS);

  if (width_pt != NULL)
    *width_pt = MM (layout_info[layout].width_mm);
  if (height_pt != NULL)
    *height_pt = MM (layout_info[layout].height_mm);
}

guint
mp_ticket_layout_get_per_page (MpTicketLayout layout)
{
  g_return_val_if_fail (layout < MP_N_TICKET_LAYOUTS, 1);

  return layout_info[layout].per_page;
}

guint
mp_ticket_layout_get_n_pages (MpTicketLayout layout,
                              guint          n_attendees)
{
  guint per_page = mp_ticket_layout_get_per_page (layout);

  return (n_attendees + per_page - 1) / per_page;
}

char *
mp_ticket_png_page_path (const char *path,
                         guint       page,
                         guint       n_pages)
{
  g_autofree char *stem = NULL;
  guint digits = 1;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (page >= 1 && page <= n_pages, NULL);

  if (n_pages == 1)
    return g_strdup (path);

  if (g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".PNG"))
    stem = g_strndup (path, strlen (path) - 4);
  else
    stem = g_strdup (path);

  for (guint n = n_pages; n >= 10; n /= 10)
    digits++;

  return g_strdup_printf ("%s-%0*u.png", stem, (int) digits, page);
}

