#define G_LOG_DOMAIN "mp-scan-capture"

#include "config.h"

#include <string.h>

#include "mp-scan-capture.h"

#define DEFAULT_BURST_GAP_MS  30
#define DEFAULT_MIN_LENGTH    4
/* Nobody types this many characters this fast by hand: after them, a
 * longer pause (a busy USB hub or computer) does not end the run. */
#define SURE_BURST_CHARS      8
#define SURE_BURST_GAP_MS     250
/* How soon after a pause a run may still be the rest of the same scan. */
#define TAKE_BACK_MS          1000

/* Printable keys close together, and where they went. */
typedef struct
{
  GString     *text;
  guint        n_chars;
  guint32      start_time;
  guint32      last_time;
  GtkEditable *editable;       /* weak; NULL: they went nowhere */
  char        *before;         /* the editable's text before the run */
  int          before_start;   /* and its selection (the cursor when empty) */
  int          before_end;
} Run;

struct _MpScanCapture
{
  GObject             parent_instance;

  GtkWidget          *widget;      /* weak */
  GtkEventController *controller;  /* owned by widget */
  GtkEditable        *type_ahead;  /* weak */

  gboolean            enabled;
  guint               burst_gap_ms;
  guint               min_length;

  Run                 run;         /* the keys of a possible scan */
  Run                 paused;      /* the run a pause ended, for a second */
  /* Keys that finish a dead key or compose sequence go to the input
   * method as typed (é is dead_acute, then e). */
  guint               pass_through_keys;
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

/* Runs */

static void
run_set_editable (Run         *run,
                  GtkEditable *editable)
{
  if (run->editable != NULL)
    g_object_remove_weak_pointer (G_OBJECT (run->editable), (gpointer *) &run->editable);
  run->editable = editable;
  if (editable != NULL)
    g_object_add_weak_pointer (G_OBJECT (editable), (gpointer *) &run->editable);
}

static void
run_clear (Run *run)
{
  g_string_truncate (run->text, 0);
  run->n_chars = 0;
  run_set_editable (run, NULL);
  g_clear_pointer (&run->before, g_free);
}

/* A run starts: what @editable holds before its first key. */
static void
run_begin (Run         *run,
           GtkEditable *editable,
           guint32      time)
{
  run_clear (run);
  run->start_time = run->last_time = time;
  run_set_editable (run, editable);
  if (editable == NULL)
    return;
  run->before = g_strdup (gtk_editable_get_text (editable));
  if (!gtk_editable_get_selection_bounds (editable, &run->before_start, &run->before_end))
    run->before_start = run->before_end = gtk_editable_get_position (editable);
}

static void
run_move (Run *to,
          Run *from)
{
  GString *text = to->text;

  run_clear (to);
  *to = *from;
  if (to->editable != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (from->editable), (gpointer *) &from->editable);
      g_object_add_weak_pointer (G_OBJECT (to->editable), (gpointer *) &to->editable);
    }
  from->text = text;
  from->editable = NULL;
  from->before = NULL;
  run_clear (from);
}

/* It was a scan: what the run typed comes out of the editable again.
 * The editable is left as it was before, if nothing else changed it
 * meanwhile; else only the run's characters go, if they are still there
 * as typed; else it stays as it is (someone changed it: theirs). */
static void
run_take_back (Run *run)
{
  g_autoptr(GString) expected = NULL;
  const char *start, *end;
  g_autofree char *there = NULL;

  if (run->editable == NULL || run->before == NULL || run->n_chars == 0)
    return;

  start = g_utf8_offset_to_pointer (run->before, run->before_start);
  end = g_utf8_offset_to_pointer (run->before, run->before_end);
  expected = g_string_new_len (run->before, start - run->before);
  g_string_append_len (expected, run->text->str, run->text->len);
  g_string_append (expected, end);

  if (g_str_equal (gtk_editable_get_text (run->editable), expected->str))
    {
      gtk_editable_set_text (run->editable, run->before);
      if (run->before_start != run->before_end)
        gtk_editable_select_region (run->editable, run->before_start, run->before_end);
      else
        gtk_editable_set_position (run->editable, run->before_start);
      return;
    }

  there = gtk_editable_get_chars (run->editable, run->before_start, run->before_start + (int) run->n_chars);
  if (g_str_equal (there, run->text->str))
    gtk_editable_delete_text (run->editable, run->before_start, run->before_start + (int) run->n_chars);
}

/* A run a pause ended was the start of this one, a scan that stalled:
 * they become one run (and what the first typed comes out with it). */
static void
run_join_paused (Run *run,
                 Run *paused)
{
  /* (one key is what a person types; a stalled scanner typed two or more
   * faster than anyone) */
  if (paused->n_chars < 2 || run->start_time - paused->last_time > TAKE_BACK_MS)
    {
      run_clear (paused);
      return;
    }

  if (paused->editable == run->editable)
    {
      /* one editable: it is put back as it was before the first run */
      g_free (run->before);
      run->before = g_steal_pointer (&paused->before);
      run->before_start = paused->before_start;
      run->before_end = paused->before_end;
    }
  else
    run_take_back (paused);

  g_string_prepend (run->text, paused->text->str);
  run->n_chars += paused->n_chars;
  run->start_time = paused->start_time;
  run_clear (paused);
}

static void
mp_scan_capture_forget (MpScanCapture *self)
{
  run_clear (&self->run);
  run_clear (&self->paused);
}

/* Keys */

static guint
mp_scan_capture_current_gap (MpScanCapture *self)
{
  if (self->run.n_chars >= SURE_BURST_CHARS)
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

/* The editable that has the keyboard (a GtkEntry's own GtkText), if it
 * takes text. */
static GtkEditable *
innermost (GtkEditable *editable)
{
  GtkEditable *delegate;

  while (editable != NULL && (delegate = gtk_editable_get_delegate (editable)) != NULL)
    editable = delegate;
  return editable;
}

static GtkEditable *
mp_scan_capture_focus_editable (MpScanCapture *self)
{
  GtkRoot *root = self->widget != NULL ? gtk_widget_get_root (self->widget) : NULL;
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (GTK_IS_EDITABLE (focus) && gtk_editable_get_editable (GTK_EDITABLE (focus)))
    return innermost (GTK_EDITABLE (focus));
  return NULL;
}

static gboolean
mp_scan_capture_type_ahead_usable (MpScanCapture *self)
{
  return self->type_ahead != NULL
         && gtk_widget_is_sensitive (GTK_WIDGET (self->type_ahead))
         && gtk_widget_is_drawable (GTK_WIDGET (self->type_ahead));
}

static gboolean
is_return (guint keyval)
{
  /* Scanners end with Return; some are set to a line feed. */
  return keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter
         || keyval == GDK_KEY_ISO_Enter || keyval == GDK_KEY_Linefeed;
}

/* Return after a run: a scan. */
static gboolean
mp_scan_capture_end_of_scan (MpScanCapture      *self,
                             GtkEventController *controller)
{
  g_autofree char *text = NULL;

  /* A short rest of a stalled scan, after a long start. */
  if (self->run.n_chars > 0 && self->paused.n_chars >= SURE_BURST_CHARS)
    run_join_paused (&self->run, &self->paused);

  if (self->run.n_chars < self->min_length)
    {
      /* a person's Return: it goes on */
      mp_scan_capture_forget (self);
      return FALSE;
    }

  self->last_scan_time = g_get_monotonic_time ();
  self->last_scan_key_time = gtk_event_controller_get_current_event_time (controller);
  text = g_strndup (self->run.text->str, self->run.text->len);
  run_take_back (&self->run);
  mp_scan_capture_forget (self);
  g_signal_emit (self, signals[SCANNED], 0, text);
  return TRUE;
}

static gboolean
mp_scan_capture_key_pressed_cb (MpScanCapture         *self,
                                guint                  keyval,
                                guint                  keycode,
                                GdkModifierType        state,
                                GtkEventControllerKey *controller)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  GtkEditable *editable;
  gboolean typed_here = FALSE;
  guint32 time;
  gunichar c;

  if (!self->enabled)
    return FALSE;

  /* Shift comes between the keys of a run of capitals. */
  if (event != NULL && gdk_key_event_is_modifier (event))
    return FALSE;

  time = mp_scan_capture_event_time (GTK_EVENT_CONTROLLER (controller));
  if (self->run.n_chars > 0 && time - self->run.last_time > mp_scan_capture_current_gap (self))
    {
      /* a pause: kept a moment, in case a scanner stalled */
      run_move (&self->paused, &self->run);
    }

  if (is_return (keyval))
    {
      if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK)) != 0)
        {
          mp_scan_capture_forget (self);
          return FALSE;
        }
      return mp_scan_capture_end_of_scan (self, GTK_EVENT_CONTROLLER (controller));
    }

  if ((keyval >= GDK_KEY_dead_grave && keyval <= GDK_KEY_dead_greek) || keyval == GDK_KEY_Multi_key)
    {
      mp_scan_capture_forget (self);
      self->pass_through_keys = keyval == GDK_KEY_Multi_key ? 2 : 1;
      return FALSE;
    }
  if (self->pass_through_keys > 0 && self->run.n_chars == 0)
    {
      self->pass_through_keys--;
      return FALSE;
    }
  self->pass_through_keys = 0;

  c = gdk_keyval_to_unicode (keyval);
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK)) != 0
      || c == 0 || !g_unichar_isprint (c))
    {
      /* a person's key */
      mp_scan_capture_forget (self);
      return FALSE;
    }

  editable = mp_scan_capture_focus_editable (self);
  if (self->run.n_chars == 0)
    {
      /* A space starts nothing: it still presses the focused button. */
      if (c == ' ' && editable == NULL)
        return FALSE;
      if (editable == NULL && mp_scan_capture_type_ahead_usable (self))
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->type_ahead));
          gtk_editable_set_position (self->type_ahead, -1);
          editable = innermost (self->type_ahead);
          typed_here = TRUE;
        }
      run_begin (&self->run, editable, time);
    }
  else if (editable != self->run.editable)
    {
      /* the keyboard went elsewhere meanwhile: a person */
      run_clear (&self->paused);
      run_begin (&self->run, editable, time);
    }

  g_string_append_unichar (self->run.text, c);
  self->run.n_chars++;
  self->run.last_time = time;
  if (self->run.n_chars == SURE_BURST_CHARS)
    run_join_paused (&self->run, &self->paused);

  if (typed_here)
    {
      char utf8[8];
      int length = g_unichar_to_utf8 (c, utf8);
      int position = gtk_editable_get_position (editable);

      gtk_editable_insert_text (editable, utf8, length, &position);
      gtk_editable_set_position (editable, position);
      return TRUE;
    }
  /* Into the focused editable as usual; with none, nowhere (a space in
   * a run must not press a button). */
  return self->run.editable == NULL;
}

static void
mp_scan_capture_focus_out_cb (MpScanCapture *self)
{
  /* The window lost the keyboard: a burst cannot go on. */
  if (self->widget != NULL && !gtk_window_is_active (GTK_WINDOW (self->widget)))
    mp_scan_capture_forget (self);
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

  mp_scan_capture_forget (self);
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

  G_OBJECT_CLASS (mp_scan_capture_parent_class)->dispose (object);
}

static void
mp_scan_capture_finalize (GObject *object)
{
  MpScanCapture *self = (MpScanCapture *)object;

  g_string_free (self->run.text, TRUE);
  g_string_free (self->paused.text, TRUE);

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
  self->run.text = g_string_new (NULL);
  self->paused.text = g_string_new (NULL);
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
    mp_scan_capture_forget (self);
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
