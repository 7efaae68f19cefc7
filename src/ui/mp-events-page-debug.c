/* What the events page shows, for MP_DEBUG_STATE: the view, and each
 * event of each section with its counts. */
#define G_LOG_DOMAIN "mp-events-page"

#include "config.h"

#include "mp-event-row.h"
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

static GtkWidget *
find_desk_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "event.open-desk") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_desk_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Each row's marks, and where it and its desk button are (in the
 * window's coordinates), for a test to click */
static void
describe_rows (MpEventsPage *self,
               GString      *out)
{
  GtkListBox *lists[] = { self->today_list, self->upcoming_list, self->past_list };
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      GtkListBoxRow *row;

      for (int r = 0; (row = gtk_list_box_get_row_at_index (lists[l], r)) != NULL; r++)
        {
          MpEvent *event = mp_event_row_get_event (MP_EVENT_ROW (row));
          GtkWidget *desk = find_desk_button (GTK_WIDGET (row));
          graphene_point_t centre = GRAPHENE_POINT_INIT (0, 0);

          if (gtk_widget_get_mapped (GTK_WIDGET (row)) && root != NULL &&
              gtk_widget_compute_point (GTK_WIDGET (row), GTK_WIDGET (root),
                                        &GRAPHENE_POINT_INIT (gtk_widget_get_width (GTK_WIDGET (row)) / 3.0,
                                                              gtk_widget_get_height (GTK_WIDGET (row)) / 4.0), &centre))
            g_string_append_printf (out, "row-at=%" G_GINT64_FORMAT "|%d,%d\n",
                                    mp_event_get_id (event), (int) centre.x, (int) centre.y);
          if (mp_event_get_example (event))
            g_string_append_printf (out, "example=%" G_GINT64_FORMAT "\n", mp_event_get_id (event));
          if (desk != NULL && gtk_widget_get_mapped (desk) && root != NULL &&
              gtk_widget_compute_point (desk, GTK_WIDGET (root),
                                        &GRAPHENE_POINT_INIT (gtk_widget_get_width (desk) / 2.0,
                                                              gtk_widget_get_height (desk) / 2.0), &centre))
            g_string_append_printf (out, "desk-button=%" G_GINT64_FORMAT "|%d,%d\n",
                                    mp_event_get_id (event), (int) centre.x, (int) centre.y);
        }
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

  /* wide: the chosen event beside the list */
  g_string_append_printf (out, "layout=%s\n", adw_leaflet_get_folded (self->leaflet) ? "narrow" : "wide");
  {
    MpEvent *chosen = mp_event_overview_get_event (self->summary);

    if (!adw_leaflet_get_folded (self->leaflet) && chosen != NULL)
      g_string_append_printf (out, "chosen=%" G_GINT64_FORMAT "|%s\n",
                              mp_event_get_id (chosen), mp_event_get_title (chosen));
  }
  g_string_append_printf (out, "remove-examples=%s\n", self->has_examples ? "enabled" : "disabled");
  describe_rows (self, out);
}
