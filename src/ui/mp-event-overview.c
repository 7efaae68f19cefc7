#define G_LOG_DOMAIN "mp-event-overview"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-a11y.h"
#include "mp-event-overview.h"
#include "mp-event-summary.h"
#include "mp-time.h"

struct _MpEventOverview
{
  GtkWidget       parent_instance;

  MpEvent        *event;

  /* Template widgets */
  AdwHeaderBar   *header_bar;
  AdwWindowTitle *window_title;
  GtkStack       *stack;
  GtkLabel       *kind_label;
  GtkLabel       *title_label;
  GtkLabel       *example_label;
  GtkWidget      *open_button;
  GtkWidget      *desk_button;
  GtkWidget      *report_button;
  GtkWidget      *edit_button;
  AdwActionRow   *when_row;
  AdwActionRow   *venue_row;
  AdwActionRow   *contact_row;
  AdwActionRow   *counts_row;
  GtkWidget      *description_group;
  GtkLabel       *description_label;
};

enum {
  PROP_0,
  PROP_EVENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MpEventOverview, mp_event_overview, GTK_TYPE_WIDGET)

gboolean
mp_event_is_today (MpEvent *event)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) starts = NULL;

  g_return_val_if_fail (MP_IS_EVENT (event), FALSE);

  starts = g_date_time_new_from_unix_local (mp_event_get_starts_at (event));
  return g_date_time_get_year (starts) == g_date_time_get_year (now)
         && g_date_time_get_day_of_year (starts) == g_date_time_get_day_of_year (now);
}

/* "Tuesday 8 March 2022 at 09:00–11:30", or to another day */
static char *
format_when (MpEvent *event)
{
  gint64 starts_at = mp_event_get_starts_at (event);
  gint64 ends_at = mp_event_get_ends_at (event);
  g_autofree char *start = mp_time_format_long (starts_at);
  g_autofree char *start_day = mp_time_format_date (starts_at);
  g_autofree char *end_day = NULL;
  g_autofree char *end = NULL;

  if (ends_at <= starts_at)
    return g_steal_pointer (&start);

  end_day = mp_time_format_date (ends_at);
  if (g_strcmp0 (start_day, end_day) == 0)
    {
      end = mp_time_format_clock (ends_at);
      /* Translators: a time span on one day: "Tuesday 8 March 2022 at 09:00–11:30" */
      return g_strdup_printf (_("%1$s–%2$s"), start, end);
    }
  end = mp_time_format_long (ends_at);
  /* Translators: an event over several days: its start, then its end */
  return g_strdup_printf (_("%s to %s"), start, end);
}

static void
set_row (AdwActionRow *row,
         const char   *text)
{
  gtk_widget_set_visible (GTK_WIDGET (row), text != NULL && text[0] != '\0');
  adw_action_row_set_subtitle (row, text != NULL ? text : "");
}

static void
set_target (GtkWidget *button,
            gint64     id)
{
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
}

static void
mp_event_overview_update (MpEventOverview *self)
{
  g_autofree char *when = NULL;
  g_autofree char *counts = NULL;
  gint64 id;

  if (self->event == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      adw_window_title_set_title (self->window_title, "");
      gtk_widget_set_visible (self->edit_button, FALSE);
      return;
    }

  id = mp_event_get_id (self->event);
  gtk_stack_set_visible_child_name (self->stack, "event");
  adw_window_title_set_title (self->window_title, mp_event_get_title (self->event));
  gtk_label_set_text (self->title_label, mp_event_get_title (self->event));
  gtk_label_set_text (self->kind_label, mp_event_kind_get_label (mp_event_get_kind (self->event)));
  /* "Frokostmøte" over "Frokostmøte: …" says it twice */
  gtk_widget_set_visible (GTK_WIDGET (self->kind_label), !mp_event_title_names_kind (self->event));
  gtk_widget_set_visible (GTK_WIDGET (self->example_label), mp_event_get_example (self->event));

  when = format_when (self->event);
  set_row (self->when_row, when);
  set_row (self->venue_row, mp_event_get_venue (self->event));
  set_row (self->contact_row, mp_event_get_contact (self->event));
  /* the same line of places as the list beside it (mp-event-summary.h) */
  counts = mp_event_summary (self->event, mp_time_now ());
  set_row (self->counts_row, counts);
  gtk_label_set_text (self->description_label, mp_event_get_description (self->event));
  gtk_widget_set_visible (self->description_group, mp_event_get_description (self->event)[0] != '\0');

  set_target (self->open_button, id);
  set_target (self->desk_button, id);
  set_target (self->report_button, id);
  set_target (self->edit_button, id);
  gtk_widget_set_visible (self->edit_button, TRUE);
  /* the desk is for the day of the event */
  gtk_widget_set_visible (gtk_widget_get_parent (self->desk_button), mp_event_is_today (self->event));
}

static void
mp_event_overview_dispose (GObject *object)
{
  MpEventOverview *self = (MpEventOverview *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_EVENT_OVERVIEW);
  /* the template's box is a direct child, not one of the bound ones */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->event);

  G_OBJECT_CLASS (mp_event_overview_parent_class)->dispose (object);
}

static void
mp_event_overview_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MpEventOverview *self = MP_EVENT_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_event_overview_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MpEventOverview *self = MP_EVENT_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      mp_event_overview_set_event (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_event_overview_class_init (MpEventOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_event_overview_dispose;
  object_class->get_property = mp_event_overview_get_property;
  object_class->set_property = mp_event_overview_set_property;

  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL, MP_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-event-overview.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, MpEventOverview, header_bar);
  gtk_widget_class_bind_template_child (widget_class, MpEventOverview, window_title);
  gtk_widget_class_bind_template_child (widget_class, MpEventOverview, stack);
  gtk_widget_class_bind_template_child (widget_class, MpEventOverview, kind_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventOverview, title_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventOverview, example_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventOverview, open_button);
  gtk_widget_class_bind_template_child (widget_class, MpEventOverview, desk_button);
  gtk_widget_class_bind_template_child (widget_class, MpEventOverview, report_button);
  gtk_widget_class_bind_template_child (widget_class, MpEventOverview, edit_button);
  gtk_widget_class_bind_template_child (widget_class, MpEventOverview, when_row);
  gtk_widget_class_bind_template_child (widget_class, MpEventOverview, venue_row);
  gtk_widget_class_bind_template_child (widget_class, MpEventOverview, contact_row);
  gtk_widget_class_bind_template_child (widget_class, MpEventOverview, counts_row);
  gtk_widget_class_bind_template_child (widget_class, MpEventOverview, description_group);
  gtk_widget_class_bind_template_child (widget_class, MpEventOverview, description_label);
}

static void
mp_event_overview_init (MpEventOverview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mp_a11y_name_flow_box_child (self->open_button);
  mp_a11y_name_flow_box_child (self->desk_button);
  mp_a11y_name_flow_box_child (self->report_button);
  mp_a11y_name_flow_box_child (self->edit_button);
  /* the action, once the target is there: events.* take the event's id */
  gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (self->open_button), "events.open(int64 0)");
  gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (self->desk_button), "events.open-desk(int64 0)");
  gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (self->report_button), "events.open-report(int64 0)");
  gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (self->edit_button), "events.edit(int64 0)");
  mp_event_overview_update (self);
}

MpEvent *
mp_event_overview_get_event (MpEventOverview *self)
{
  g_return_val_if_fail (MP_IS_EVENT_OVERVIEW (self), NULL);
  return self->event;
}

void
mp_event_overview_set_event (MpEventOverview *self,
                            MpEvent        *event)
{
  g_return_if_fail (MP_IS_EVENT_OVERVIEW (self));
  g_return_if_fail (event == NULL || MP_IS_EVENT (event));

  g_set_object (&self->event, event);
  mp_event_overview_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
}

AdwHeaderBar *
mp_event_overview_get_header_bar (MpEventOverview *self)
{
  g_return_val_if_fail (MP_IS_EVENT_OVERVIEW (self), NULL);
  return self->header_bar;
}
