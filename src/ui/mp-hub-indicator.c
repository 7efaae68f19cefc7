#define G_LOG_DOMAIN "mp-hub-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-hub-indicator.h"
#include "mp-time.h"

struct _MpHubIndicator
{
  GtkWidget   parent_instance;

  MpHub      *hub;
  GBinding   *root_binding;     /* hub ← the window's "hub", when not set */
  gboolean    hub_set;          /* set by the caller: the window's is not followed */

  /* Template widgets */
  GtkWidget  *box;
  GtkImage   *icon;
  GtkLabel   *label;
};

G_DEFINE_FINAL_TYPE (MpHubIndicator, mp_hub_indicator, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HUB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "10.42" today, the date too when it was another day. */
static char *
format_since (gint64 since)
{
  g_autoptr(GDateTime) then = g_date_time_new_from_unix_local (since);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (then != NULL && g_date_time_get_day_of_year (then) == g_date_time_get_day_of_year (now) &&
      g_date_time_get_year (then) == g_date_time_get_year (now))
    return mp_time_format_clock (since);
  return mp_time_format_long (since);
}

char *
mp_hub_state_dup_words (MpHub *hub)
{
  guint waiting;

  if (hub == NULL)
    return NULL;

  waiting = mp_hub_get_waiting (hub);
  switch (mp_hub_get_state (hub))
    {
    case MP_HUB_STATE_CONNECTING:
      /* Translators: the hub's state in the header bar */
      return g_strdup (_("Connecting…"));
    case MP_HUB_STATE_SYNCED:
      /* Translators: the hub's state in the header bar: every change is shared */
      return g_strdup (_("Synced"));
    case MP_HUB_STATE_WAITING:
      /* Translators: the hub's state in the header bar: changes made here on their way */
      return g_strdup_printf (ngettext ("%u change waiting", "%u changes waiting", waiting), waiting);
    case MP_HUB_STATE_OFFLINE:
      {
        g_autofree char *since = format_since (mp_hub_get_offline_since (hub));

        if (waiting == 0)
          /* Translators: the hub's state in the header bar: "Offline since 10.42" */
          return g_strdup_printf (_("Offline since %s"), since);
        /* Translators: the hub's state in the header bar: "Offline since 10.42, 3 waiting" */
        return g_strdup_printf (ngettext ("Offline since %s, %u waiting", "Offline since %s, %u waiting", waiting),
                                since, waiting);
      }
    case MP_HUB_STATE_NOT_LINKED:
    default:
      return NULL;
    }
}

char *
mp_hub_state_dup_sentence (MpHub *hub)
{
  guint waiting;

  if (hub == NULL)
    return NULL;

  waiting = mp_hub_get_waiting (hub);
  switch (mp_hub_get_state (hub))
    {
    case MP_HUB_STATE_CONNECTING:
      return g_strdup (_("Hub: connecting. Check-ins go on here meanwhile."));
    case MP_HUB_STATE_SYNCED:
      return g_strdup (_("Hub: synced. Every change is shared with the other computers."));
    case MP_HUB_STATE_WAITING:
      return g_strdup_printf (ngettext ("Hub: online, %u change made here is on its way.",
                                        "Hub: online, %u changes made here are on their way.", waiting),
                              waiting);
    case MP_HUB_STATE_OFFLINE:
      {
        g_autofree char *since = format_since (mp_hub_get_offline_since (hub));

        if (waiting == 0)
          /* Translators: %s is a time, "10.42" */
          return g_strdup_printf (_("Hub: offline since %s. Check-ins go on here and are shared when the hub is back."),
                                  since);
        /* Translators: "Hub: offline since 10.42. 12 changes made here wait …" */
        return g_strdup_printf (ngettext ("Hub: offline since %s. %u change made here waits and is shared when the hub is back; check-ins go on.",
                                          "Hub: offline since %s. %u changes made here wait and are shared when the hub is back; check-ins go on.",
                                          waiting),
                                since, waiting);
      }
    case MP_HUB_STATE_NOT_LINKED:
    default:
      return NULL;
    }
}

static void
mp_hub_indicator_update (MpHubIndicator *self)
{
  g_autofree char *words = mp_hub_state_dup_words (self->hub);
  g_autofree char *sentence = NULL;
  MpHubState state = self->hub != NULL ? mp_hub_get_state (self->hub) : MP_HUB_STATE_NOT_LINKED;
  const char *icon = "emblem-ok-symbolic";

  gtk_widget_set_visible (GTK_WIDGET (self), words != NULL);
  if (words == NULL)
    return;

  switch (state)
    {
    case MP_HUB_STATE_CONNECTING:
      icon = "network-transmit-receive-symbolic";
      break;
    case MP_HUB_STATE_WAITING:
      icon = "emblem-synchronizing-symbolic";
      break;
    case MP_HUB_STATE_OFFLINE:
      icon = "network-offline-symbolic";
      break;
    case MP_HUB_STATE_SYNCED:
    case MP_HUB_STATE_NOT_LINKED:
    default:
      break;
    }
  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_label_set_label (self->label, words);

  if (state == MP_HUB_STATE_OFFLINE)
    gtk_widget_add_css_class (self->box, "warning");
  else
    gtk_widget_remove_css_class (self->box, "warning");
  if (state == MP_HUB_STATE_SYNCED)
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "success");
  if (state == MP_HUB_STATE_CONNECTING)
    gtk_widget_add_css_class (self->box, "dim-label");
  else
    gtk_widget_remove_css_class (self->box, "dim-label");

  sentence = mp_hub_state_dup_sentence (self->hub);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, sentence, -1);
}

static gboolean
mp_hub_indicator_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard_mode,
                                GtkTooltip *tooltip)
{
  MpHubIndicator *self = MP_HUB_INDICATOR (widget);
  g_autofree char *sentence = mp_hub_state_dup_sentence (self->hub);
  g_autofree char *why = NULL;
  g_autoptr(GString) text = NULL;
  gint64 last_sync;

  if (sentence == NULL)
    return FALSE;

  text = g_string_new (sentence);
  last_sync = mp_hub_get_last_sync (self->hub);
  if (last_sync > 0)
    {
      g_autofree char *when = format_since (last_sync);

      g_string_append_c (text, '\n');
      /* Translators: a line of the hub's tooltip: "Last sync: 10.41" */
      g_string_append_printf (text, _("Last sync: %s"), when);
    }
  why = mp_hub_dup_last_error (self->hub);
  if (why != NULL && mp_hub_get_state (self->hub) == MP_HUB_STATE_OFFLINE)
    g_string_append_printf (text, "\n%s", why);
  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

MpHub *
mp_hub_indicator_get_hub (MpHubIndicator *self)
{
  g_return_val_if_fail (MP_IS_HUB_INDICATOR (self), NULL);

  return self->hub;
}

static void
mp_hub_indicator_take_hub (MpHubIndicator *self,
                           MpHub          *hub)
{
  if (self->hub == hub)
    return;

  if (self->hub != NULL)
    g_signal_handlers_disconnect_by_data (self->hub, self);
  g_set_object (&self->hub, hub);
  if (hub != NULL)
    {
      g_signal_connect_object (hub, "notify::state", G_CALLBACK (mp_hub_indicator_update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (hub, "notify::waiting", G_CALLBACK (mp_hub_indicator_update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (hub, "notify::offline-since", G_CALLBACK (mp_hub_indicator_update), self, G_CONNECT_SWAPPED);
    }
  mp_hub_indicator_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HUB]);
}

void
mp_hub_indicator_set_hub (MpHubIndicator *self,
                          MpHub          *hub)
{
  g_return_if_fail (MP_IS_HUB_INDICATOR (self));
  g_return_if_fail (hub == NULL || MP_IS_HUB (hub));

  /* the caller's choice: the window's is not followed any more */
  if (!self->hub_set)
    {
      self->hub_set = TRUE;
      g_clear_pointer (&self->root_binding, g_binding_unbind);
    }
  mp_hub_indicator_take_hub (self, hub);
}

/* In a window that has a hub: follow it. */
static void
mp_hub_indicator_root (GtkWidget *widget)
{
  MpHubIndicator *self = MP_HUB_INDICATOR (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (mp_hub_indicator_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (self->hub_set || self->root_binding != NULL || root == NULL)
    return;
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (root), "hub") == NULL)
    return;
  self->root_binding = g_object_bind_property (root, "hub", self, "hub", G_BINDING_SYNC_CREATE);
}

static void
mp_hub_indicator_unroot (GtkWidget *widget)
{
  MpHubIndicator *self = MP_HUB_INDICATOR (widget);

  g_clear_pointer (&self->root_binding, g_binding_unbind);
  GTK_WIDGET_CLASS (mp_hub_indicator_parent_class)->unroot (widget);
}

static void
mp_hub_indicator_dispose (GObject *object)
{
  MpHubIndicator *self = MP_HUB_INDICATOR (object);

  g_clear_pointer (&self->root_binding, g_binding_unbind);
  if (self->hub != NULL)
    g_signal_handlers_disconnect_by_data (self->hub, self);
  g_clear_object (&self->hub);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_HUB_INDICATOR);

  G_OBJECT_CLASS (mp_hub_indicator_parent_class)->dispose (object);
}

static void
mp_hub_indicator_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MpHubIndicator *self = MP_HUB_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_HUB:
      g_value_set_object (value, self->hub);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_hub_indicator_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MpHubIndicator *self = MP_HUB_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_HUB:
      /* from the window's binding, or the caller's */
      mp_hub_indicator_take_hub (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_hub_indicator_class_init (MpHubIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_hub_indicator_dispose;
  object_class->get_property = mp_hub_indicator_get_property;
  object_class->set_property = mp_hub_indicator_set_property;
  widget_class->root = mp_hub_indicator_root;
  widget_class->unroot = mp_hub_indicator_unroot;
  widget_class->query_tooltip = mp_hub_indicator_query_tooltip;

  properties[PROP_HUB] =
    g_param_spec_object ("hub", NULL, NULL, MP_TYPE_HUB,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hubindicator");
  /* a live region: a screen reader says the new state when it changes */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-hub-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, MpHubIndicator, box);
  gtk_widget_class_bind_template_child (widget_class, MpHubIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, MpHubIndicator, label);
}

static void
mp_hub_indicator_init (MpHubIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mp_hub_indicator_new (void)
{
  return g_object_new (MP_TYPE_HUB_INDICATOR, NULL);
}
