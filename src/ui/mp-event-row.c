#define G_LOG_DOMAIN "mp-event-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-event-row.h"
#include "mp-event-overview.h"
#include "mp-event-summary.h"
#include "mp-time.h"

struct _MpEventRow
{
  GtkListBoxRow  parent_instance;

  MpEvent       *event;

  /* Template widgets */
  GtkWidget     *date_tile;
  GtkLabel      *month_label;
  GtkLabel      *day_label;
  GtkLabel      *title_label;
  GtkWidget     *example_label;
  GtkLabel      *when_label;
  GtkLabel      *counts_label;
  GtkWidget     *desk_button;
};

enum {
  PROP_0,
  PROP_EVENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MpEventRow, mp_event_row, GTK_TYPE_LIST_BOX_ROW)

/* The row's menu asks the events page, which owns the store and the
 * dialogs, to act on this row's event. */
static void
mp_event_row_forward_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  MpEventRow *self = MP_EVENT_ROW (widget);
  g_autofree char *page_action = NULL;

  if (self->event == NULL)
    return;

  page_action = g_strconcat ("events.", strchr (action_name, '.') + 1, NULL);
  gtk_widget_activate_action (widget, page_action, "x", mp_event_get_id (self->event));
}

static void
mp_event_row_update (MpEventRow *self)
{
  g_autoptr(GDateTime) starts = NULL;
  g_autofree char *day = NULL;
  g_autofree char *when = NULL;
  g_autofree char *counts = NULL;
  const char *venue;
  gboolean is_past;
  gint64 ends_at;

  if (self->event == NULL)
    return;

  starts = g_date_time_new_from_unix_local (mp_event_get_starts_at (self->event));
  day = g_date_time_format (starts, "%e");
  g_strstrip (day);
  /* Not the C library's "%b": the locale may not be installed (Debian's
   * C.UTF-8 would say "OCT" in a Norwegian window). */
  gtk_label_set_label (self->month_label,
                       mp_time_month_abbreviation (mp_event_get_starts_at (self->event)));
  gtk_label_set_label (self->day_label, day);

  /* Grey once its day is over: today's meeting stays lit all day. */
  ends_at = mp_event_get_ends_at (self->event);
  if (ends_at == 0)
    ends_at = mp_event_get_starts_at (self->event) + 4 * 3600;
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now),
                                                           g_date_time_get_month (now),
                                                           g_date_time_get_day_of_month (now),
                                                           0, 0, 0);

    is_past = ends_at < g_date_time_to_unix (midnight);
  }
  if (is_past)
    gtk_widget_add_css_class (self->date_tile, "past");
  else
    gtk_widget_remove_css_class (self->date_tile, "past");

  gtk_label_set_label (self->title_label, mp_event_get_title (self->event));
  gtk_widget_set_visible (self->example_label, mp_event_get_example (self->event));
  /* the desk is for the day of the event */
  gtk_widget_set_visible (self->desk_button, mp_event_is_today (self->event));

  {
    g_autofree char *long_time = mp_time_format_long (mp_event_get_starts_at (self->event));
    g_autoptr(GPtrArray) parts = g_ptr_array_new ();

    /* the kind, unless the title says it: "Frokostmøte: …" */
    if (!mp_event_title_names_kind (self->event))
      g_ptr_array_add (parts, (gpointer) mp_event_kind_get_label (mp_event_get_kind (self->event)));
    g_ptr_array_add (parts, long_time);
    venue = mp_event_get_venue (self->event);
    if (venue != NULL && venue[0] != '\0')
      g_ptr_array_add (parts, (gpointer) venue);
    g_ptr_array_add (parts, NULL);
    /* kind · date and time · venue, e.g. "Dialogmøte · tirsdag 8. mars 2022 kl. 09.00 · Fylkeshuset" */
    when = g_strjoinv (" · ", (char **) parts->pdata);
  }
  gtk_label_set_label (self->when_label, when);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->when_label), when);

  /* "52 of 80 registered · 28 places left · 4 on the waiting list",
   * and arrivals once they say something (mp-event-summary.h) */
  counts = mp_event_summary (self->event, mp_time_now ());
  gtk_label_set_label (self->counts_label, counts);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->counts_label), counts);
}

static void
mp_event_row_dispose (GObject *object)
{
  MpEventRow *self = (MpEventRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_EVENT_ROW);
  g_clear_object (&self->event);

  G_OBJECT_CLASS (mp_event_row_parent_class)->dispose (object);
}

static void
mp_event_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MpEventRow *self = MP_EVENT_ROW (object);

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
mp_event_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MpEventRow *self = MP_EVENT_ROW (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      g_set_object (&self->event, g_value_get_object (value));
      mp_event_row_update (self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_event_row_class_init (MpEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_event_row_dispose;
  object_class->get_property = mp_event_row_get_property;
  object_class->set_property = mp_event_row_set_property;

  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL, MP_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-event-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MpEventRow, date_tile);
  gtk_widget_class_bind_template_child (widget_class, MpEventRow, month_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventRow, day_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventRow, example_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventRow, when_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventRow, counts_label);
  gtk_widget_class_bind_template_child (widget_class, MpEventRow, desk_button);

  gtk_widget_class_install_action (widget_class, "event.edit", NULL, mp_event_row_forward_action);
  gtk_widget_class_install_action (widget_class, "event.duplicate", NULL, mp_event_row_forward_action);
  gtk_widget_class_install_action (widget_class, "event.delete", NULL, mp_event_row_forward_action);
  gtk_widget_class_install_action (widget_class, "event.open-desk", NULL, mp_event_row_forward_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "event.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "event.delete", NULL);
}

static void
mp_event_row_init (MpEventRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mp_event_row_new (MpEvent *event)
{
  return g_object_new (MP_TYPE_EVENT_ROW,
                       "event", event,
                       NULL);
}

MpEvent *
mp_event_row_get_event (MpEventRow *self)
{
  g_return_val_if_fail (MP_IS_EVENT_ROW (self), NULL);

  return self->event;
}
