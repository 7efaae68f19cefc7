#define G_LOG_DOMAIN "mp-scan-capture"

#include "config.h"

#include "mp-scan-capture.h"

#define DEFAULT_BURST_GAP_MS  50
#define DEFAULT_MIN_LENGTH    4
/* Held keys are typed out when no key has come for this long. Judged on
 * the wall clock, so it is more generous than the gap (judged on the key
 * events' own times): a main loop busy with a check-in must not split a
 * burst that the X server delivered in one piece. */
#define MIN_REPLAY_DELAY_MS   80
/* Nobody types this many characters this fast by hand: after them, a
 * longer pause (a busy USB hub or computer) does not end the burst. */
#define SURE_BURST_CHARS      8
#define SURE_BURST_GAP_MS     250
/* How soon after a pause a burst may still be the rest of the same scan. */
#define TAKE_BACK_MS          1000

struct _MpScanCapture
{
  GObject             parent_instance;

  GtkWidget          *widget;      /* weak */
  GtkEventController *controller;  /* owned by widget */
  GtkEditable        *type_ahead;  /* weak */

  gboolean            enabled;
  guint               burst_gap_ms;
  guint               min_length;

  GString            *held;        /* the characters of a possible burst */
  guint               held_chars;
  guint32             last_key_time;
  guint32             burst_start_time;
  /* Keys that finish a dead key or compose sequence go to the input
   * method as typed, never held (é is dead_acute, then e). */
  guint               pass_through_keys;
  /* What a pause last typed out, in case the burst goes on after all. */
  GtkEditable        *paused_editable;  /* weak */
  char               *paused_text;
  int                 paused_position;
  guint32             paused_time;
  guint               replay_source;
  gint64              last_scan_time;
  guint32             last_scan_key_time;
};

enum {
  PROP_0,
  PROP_WIDGET,
  PROP_ENABLED,
  PROP_BURST_GAP,
  PROP_MIN_LENGTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SCANNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MpScanCapture, mp_scan_capture, G_TYPE_OBJECT)

static void
mp_scan_capture_forget (MpScanCapture *self)
{
  g_string_truncate (self->held, 0);
  self->held_chars = 0;
  g_clear_handle_id (&self->replay_source, g_source_remove);
}

static void
mp_scan_capture_forget_paused (MpScanCapture *self)
{
  if (self->paused_editable != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->paused_editable), (gpointer *) &self->paused_editable);
  self->paused_editable = NULL;
  g_clear_pointer (&self->paused_text, g_free);
}

/* It was a person after all: what they typed goes where GTK would have
 * put it. by_pause: because no key came in time (a scanner can stall
 * too; see mp_scan_capture_take_back()). */
static void
mp_scan_capture_replay (MpScanCapture *self,
                        gboolean       by_pause)
{
  GtkRoot *root;
  GtkWidget *focus;
  GtkEditable *editable = NULL;
  int position;

  if (self->held->len == 0)
    {
      mp_scan_capture_forget (self);
      return;
    }

  root = self->widget != NULL ? gtk_widget_get_root (self->widget) : NULL;
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (GTK_IS_EDITABLE (focus) && gtk_editable_get_editable (GTK_EDITABLE (focus)))
    editable = GTK_EDITABLE (focus);
  else if (self->type_ahead != NULL
           && gtk_widget_is_sensitive (GTK_WIDGET (self->type_ahead))
           && gtk_widget_is_drawable (GTK_WIDGET (self->type_ahead)))
    {
      editable = self->type_ahead;
      gtk_widget_grab_focus (GTK_WIDGET (editable));
      gtk_editable_set_position (editable, -1);
    }

  if (editable != NULL)
    {
      int start;

      gtk_editable_delete_selection (editable);
      position = start = gtk_editable_get_position (editable);
      gtk_editable_insert_text (editable, self->held->str, self->held->len, &position);
      gtk_editable_set_position (editable, position);

      mp_scan_capture_forget_paused (self);
      if (by_pause && self->held_chars >= 2)
        {
          self->paused_editable = editable;
          g_object_add_weak_pointer (G_OBJECT (editable), (gpointer *) &self->paused_editable);
          self->paused_text = g_strndup (self->held->str, self->held->len);
          self->paused_position = start;
          self->paused_time = self->last_key_time;
        }
    }
  else
    g_debug ("Dropped typed text: nothing to type it into");

  mp_scan_capture_forget (self);
}

static gboolean
mp_scan_capture_replay_cb (gpointer user_data)
{
  MpScanCapture *self = user_data;

  self->replay_source = 0;
  mp_scan_capture_replay (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* A burst now too fast and too long for a person started right after a
 * pause typed out a few fast characters: the scanner stalled in the
 * middle of a scan. Those characters are taken back out of the entry
 * (if they are still there as typed) and put in front of the burst. */
static void
mp_scan_capture_take_back (MpScanCapture *self)
{
  g_autofree char *there = NULL;
  glong n_chars;

  if (self->paused_text == NULL || self->paused_editable == NULL
      || self->burst_start_time - self->paused_time > TAKE_BACK_MS)
    {
      mp_scan_capture_forget_paused (self);
      return;
    }

  n_chars = g_utf8_strlen (self->paused_text, -1);
  there = gtk_editable_get_chars (self->paused_editable, self->paused_position,
                                  self->paused_position + n_chars);
  if (g_strcmp0 (there, self->paused_text) == 0)
    {
      gtk_editable_delete_text (self->paused_editable, self->paused_position,
                                self->paused_position + n_chars);
      g_string_prepend (self->held, self->paused_text);
      self->held_chars += n_chars;
    }
  mp_scan_capture_forget_paused (self);
}

static guint
mp_scan_capture_current_gap (MpScanCapture *self)
{
  if (self->held_chars >= SURE_BURST_CHARS)
    return MAX (self->burst_gap_ms, SURE_BURST_GAP_MS);
  return self->burst_gap_ms;
}

static guint32
mp_scan_capture_event_time (GtkEventController *controller)
{
  guint32 time = gtk_event_controller_get_current_event_time (controller);

  /* Synthetic events may have no time: the clock is second best. */
  if (time == 0)
    time = (guint32) (g_get_monotonic_time () / 1000);
  return time;
}

static gboolean
mp_scan_capture_key_pressed_cb (MpScanCapture         *self,
                                guint                  keyval,
                                guint                  keycode,
                                GdkModifierType        state,
                                GtkEventControllerKey *controller)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  guint32 time;
  gunichar c;

  if (!self->enabled)
    return FALSE;

  /* Shift comes between the keys of a burst of capitals. */
  if (event != NULL && gdk_key_event_is_modifier (event))
    return FALSE;

  time = mp_scan_capture_event_time (GTK_EVENT_CONTROLLER (controller));
  if (self->held->len > 0 && time - self->last_key_time > mp_scan_capture_current_gap (self))
    mp_scan_capture_replay (self, TRUE);

  /* Scanners end with Return; some are set to a line feed. */
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter
      || keyval == GDK_KEY_ISO_Enter || keyval == GDK_KEY_Linefeed)
    {
      g_autofree char *text = NULL;

      /* A short rest of a stalled scan, after a long start. */
      if (self->held->len > 0 && self->paused_text != NULL
          && g_utf8_strlen (self->paused_text, -1) >= SURE_BURST_CHARS)
        mp_scan_capture_take_back (self);

      if (self->held_chars < self->min_length)
        {
          mp_scan_capture_replay (self, FALSE);
          return FALSE;
        }

      self->last_scan_time = g_get_monotonic_time ();
      self->last_scan_key_time = gtk_event_controller_get_current_event_time (GTK_EVENT_CONTROLLER (controller));
      text = g_strndup (self->held->str, self->held->len);
      mp_scan_capture_forget (self);
      g_signal_emit (self, signals[SCANNED], 0, text);
      return TRUE;
    }

  if ((keyval >= GDK_KEY_dead_grave && keyval <= GDK_KEY_dead_greek) || keyval == GDK_KEY_Multi_key)
    {
      mp_scan_capture_replay (self, FALSE);
      self->pass_through_keys = keyval == GDK_KEY_Multi_key ? 2 : 1;
      return FALSE;
    }
  if (self->pass_through_keys > 0 && self->held->len == 0)
    {
      self->pass_through_keys--;
      return FALSE;
    }
  self->pass_through_keys = 0;

  c = gdk_keyval_to_unicode (keyval);
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK)) != 0
      || c == 0 || !g_unichar_isprint (c)
      || (c == ' ' && self->held->len == 0))
    {
      mp_scan_capture_replay (self, FALSE);
      return FALSE;
    }

  if (self->held->len == 0)
    self->burst_start_time = time;
  g_string_append_unichar (self->held, c);
  self->held_chars++;
  self->last_key_time = time;
  if (self->held_chars == SURE_BURST_CHARS)
    mp_scan_capture_take_back (self);
  g_clear_handle_id (&self->replay_source, g_source_remove);
  /* Below the default priority, so that keys already waiting in the
   * queue are seen before the burst is given up. */
  self->replay_source = g_timeout_add_full (G_PRIORITY_LOW,
                                            MAX (MIN_REPLAY_DELAY_MS, 2 * mp_scan_capture_current_gap (self)),
                                            mp_scan_capture_replay_cb, self, NULL);
  return TRUE;
}

static void
mp_scan_capture_focus_out_cb (MpScanCapture *self)
{
  /* The window lost the keyboard: a burst cannot go on. */
  if (self->widget != NULL && !gtk_window_is_active (GTK_WINDOW (self->widget)))
    mp_scan_capture_replay (self, FALSE);
}

static void
mp_scan_capture_attach (MpScanCapture *self,
                        GtkWidget     *widget)
{
  GtkEventController *controller;

  g_return_if_fail (self->widget == NULL);

  self->widget = widget;
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &self->widget);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (controller, "mp-scan-capture");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed",
                           G_CALLBACK (mp_scan_capture_key_pressed_cb), self, G_CONNECT_SWAPPED);
  self->controller = controller;
  g_object_add_weak_pointer (G_OBJECT (controller), (gpointer *) &self->controller);
  gtk_widget_add_controller (widget, controller);

  if (GTK_IS_WINDOW (widget))
    g_signal_connect_object (widget, "notify::is-active",
                             G_CALLBACK (mp_scan_capture_focus_out_cb), self, G_CONNECT_SWAPPED);
}

static void
mp_scan_capture_dispose (GObject *object)
{
  MpScanCapture *self = (MpScanCapture *)object;

  g_clear_handle_id (&self->replay_source, g_source_remove);
  if (self->controller != NULL)
    {
      GtkEventController *controller = self->controller;

      g_object_remove_weak_pointer (G_OBJECT (controller), (gpointer *) &self->controller);
      self->controller = NULL;
      if (self->widget != NULL)
        gtk_widget_remove_controller (self->widget, controller);
    }
  if (self->widget != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->widget), (gpointer *) &self->widget);
      self->widget = NULL;
    }
  mp_scan_capture_set_type_ahead (self, NULL);
  mp_scan_capture_forget_paused (self);

  G_OBJECT_CLASS (mp_scan_capture_parent_class)->dispose (object);
}

static void
mp_scan_capture_finalize (GObject *object)
{
  MpScanCapture *self = (MpScanCapture *)object;

  g_string_free (self->held, TRUE);

  G_OBJECT_CLASS (mp_scan_capture_parent_class)->finalize (object);
}

static void
mp_scan_capture_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MpScanCapture *self = MP_SCAN_CAPTURE (object);

  switch (prop_id)
    {
    case PROP_WIDGET:
      g_value_set_object (value, self->widget);
      break;

    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    case PROP_BURST_GAP:
      g_value_set_uint (value, self->burst_gap_ms);
      break;

    case PROP_MIN_LENGTH:
      g_value_set_uint (value, self->min_length);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_scan_capture_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MpScanCapture *self = MP_SCAN_CAPTURE (object);

  switch (prop_id)
    {
    case PROP_WIDGET:
      if (g_value_get_object (value) != NULL)
        mp_scan_capture_attach (self, g_value_get_object (value));
      break;

    case PROP_ENABLED:
      mp_scan_capture_set_enabled (self, g_value_get_boolean (value));
      break;

    case PROP_BURST_GAP:
      mp_scan_capture_set_burst_gap (self, g_value_get_uint (value));
      break;

    case PROP_MIN_LENGTH:
      mp_scan_capture_set_min_length (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_scan_capture_class_init (MpScanCaptureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mp_scan_capture_dispose;
  object_class->finalize = mp_scan_capture_finalize;
  object_class->get_property = mp_scan_capture_get_property;
  object_class->set_property = mp_scan_capture_set_property;

  properties[PROP_WIDGET] =
    g_param_spec_object ("widget", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BURST_GAP] =
    g_param_spec_uint ("burst-gap", NULL, NULL,
                       1, 1000, DEFAULT_BURST_GAP_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIN_LENGTH] =
    g_param_spec_uint ("min-length", NULL, NULL,
                       1, 4096, DEFAULT_MIN_LENGTH,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SCANNED] =
    g_signal_new ("scanned",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
mp_scan_capture_init (MpScanCapture *self)
{
  self->enabled = TRUE;
  self->burst_gap_ms = DEFAULT_BURST_GAP_MS;
  self->min_length = DEFAULT_MIN_LENGTH;
  self->held = g_string_new (NULL);
}

MpScanCapture *
mp_scan_capture_new (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  return g_object_new (MP_TYPE_SCAN_CAPTURE, "widget", widget, NULL);
}

GtkWidget *
mp_scan_capture_get_widget (MpScanCapture *self)
{
  g_return_val_if_fail (MP_IS_SCAN_CAPTURE (self), NULL);

  return self->widget;
}

gboolean
mp_scan_capture_get_enabled (MpScanCapture *self)
{
  g_return_val_if_fail (MP_IS_SCAN_CAPTURE (self), FALSE);

  return self->enabled;
}

void
mp_scan_capture_set_enabled (MpScanCapture *self,
                             gboolean       enabled)
{
  g_return_if_fail (MP_IS_SCAN_CAPTURE (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  if (!enabled)
    mp_scan_capture_replay (self, FALSE);
  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

guint
mp_scan_capture_get_burst_gap (MpScanCapture *self)
{
  g_return_val_if_fail (MP_IS_SCAN_CAPTURE (self), 0);

  return self->burst_gap_ms;
}

void
mp_scan_capture_set_burst_gap (MpScanCapture *self,
                               guint          burst_gap_ms)
{
  g_return_if_fail (MP_IS_SCAN_CAPTURE (self));
  g_return_if_fail (burst_gap_ms > 0);

  if (self->burst_gap_ms == burst_gap_ms)
    return;

  self->burst_gap_ms = burst_gap_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BURST_GAP]);
}

guint
mp_scan_capture_get_min_length (MpScanCapture *self)
{
  g_return_val_if_fail (MP_IS_SCAN_CAPTURE (self), 0);

  return self->min_length;
}

void
mp_scan_capture_set_min_length (MpScanCapture *self,
                                guint          min_length)
{
  g_return_if_fail (MP_IS_SCAN_CAPTURE (self));
  g_return_if_fail (min_length > 0);

  if (self->min_length == min_length)
    return;

  self->min_length = min_length;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_LENGTH]);
}

void
mp_scan_capture_set_type_ahead (MpScanCapture *self,
                                GtkEditable   *editable)
{
  g_return_if_fail (MP_IS_SCAN_CAPTURE (self));
  g_return_if_fail (editable == NULL || GTK_IS_EDITABLE (editable));

  if (self->type_ahead == editable)
    return;

  if (self->type_ahead != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->type_ahead), (gpointer *) &self->type_ahead);
  self->type_ahead = editable;
  if (editable != NULL)
    g_object_add_weak_pointer (G_OBJECT (editable), (gpointer *) &self->type_ahead);
}

gint64
mp_scan_capture_get_last_scan_time (MpScanCapture *self)
{
  g_return_val_if_fail (MP_IS_SCAN_CAPTURE (self), 0);

  return self->last_scan_time;
}

guint32
mp_scan_capture_get_last_scan_key_time (MpScanCapture *self)
{
  g_return_val_if_fail (MP_IS_SCAN_CAPTURE (self), 0);

  return self->last_scan_key_time;
}
