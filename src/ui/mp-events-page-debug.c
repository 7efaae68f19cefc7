/* What the events page shows, for MP_DEBUG_STATE: the view, and each
 * event of each section with its counts. */
#define G_LOG_DOMAIN "mp-events-page"

#include "config.h"

#include "mp-events-page-private.h"

static void
describe_events (GListModel *model,
                 const char *section,
                 GString    *out)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MpEvent) event = g_list_model_get_item (model, i);

      g_string_append_printf (out, "%s=%" G_GINT64_FORMAT "|%s|%s|%u|%u\n",
                              section,
                              mp_event_get_id (event),
                              mp_event_get_title (event),
                              mp_event_kind_to_string (mp_event_get_kind (event)),
                              mp_event_get_registered (event),
                              mp_event_get_arrived (event));
    }
}

void
mp_events_page_describe (MpEventsPage *self,
                         GString      *out)
{
  g_return_if_fail (MP_IS_EVENTS_PAGE (self));

  g_string_append_printf (out, "view=%s\n", gtk_stack_get_visible_child_name (self->stack));
  describe_events (G_LIST_MODEL (self->today), "today", out);
  describe_events (G_LIST_MODEL (self->upcoming), "upcoming", out);
  describe_events (G_LIST_MODEL (self->past), "past", out);
}
