#define G_LOG_DOMAIN "mp-check-in-answer"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-check-in-answer-private.h"
#include "mp-time.h"

/* The answer grows with the window (a big screen at the door): a size
 * class by the room it has, set after it was given that room. */
typedef enum
{
  SIZE_NORMAL,
  SIZE_LARGE,
  SIZE_HUGE,
  N_SIZES
} Size;

static const char *size_classes[N_SIZES] = { NULL, "size-large", "size-huge" };

struct _MpCheckInAnswer
{
  GtkWidget        parent_instance;

  MpAudience       audience;
  guint            reset_seconds;
  gboolean         play_sounds;
  gboolean         compact;

  Answer           answer;
  char            *name;
  char            *title;
  char            *detail;
  char            *advice;
  guint            n_answers;
  const char      *sound_state;
  char            *needs_text[N_NEEDS];   /* shown, or NULL */
  Size             size;
  guint            size_source;

  GtkMediaStream  *sounds[N_SOUNDS];
  guint            reset_source;
  guint            preload_source;

  /* Template widgets */
  GtkWidget       *content;
  GtkImage        *icon;
  GtkInscription  *title_text;
  GtkInscription  *detail_text;
  GtkWidget       *needs_box;
  GtkInscription  *advice_text;
};

G_DEFINE_FINAL_TYPE (MpCheckInAnswer, mp_check_in_answer, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_AUDIENCE,
  PROP_RESET_SECONDS,
  PROP_PLAY_SOUNDS,
  PROP_COMPACT,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EXPIRED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
translate (const Words *words)
{
  if (words->msgid == NULL)
    return NULL;
  if (words->context != NULL)
    return g_dpgettext2 (NULL, words->context, words->msgid);
  return gettext (words->msgid);
}

/* Sounds */

static void
mp_check_in_answer_load_sounds (MpCheckInAnswer *self)
{
  for (guint i = 0; i < N_SOUNDS; i++)
    if (self->sounds[i] == NULL)
      {
        g_autofree char *path = g_strdup_printf ("/no/moteplass/Moteplass/sounds/%s.wav", _mp_check_in_answer_sound_names[i]);

        self->sounds[i] = gtk_media_file_new_for_resource (path);
      }
}

static gboolean
mp_check_in_answer_preload_sounds_cb (gpointer user_data)
{
  MpCheckInAnswer *self = user_data;

  self->preload_source = 0;
  if (self->play_sounds)
    mp_check_in_answer_load_sounds (self);
  return G_SOURCE_REMOVE;
}

static void
mp_check_in_answer_play (MpCheckInAnswer *self,
                         Sound            sound)
{
  GtkMediaStream *stream;

  if (sound == SOUND_NONE)
    return;
  if (!self->play_sounds)
    {
      self->sound_state = "off";
      return;
    }

  mp_check_in_answer_load_sounds (self);
  stream = self->sounds[sound];

  /* No sound card (or no media module) is no reason to stop a door. */
  if (gtk_media_stream_get_error (stream) != NULL)
    {
      g_debug ("Sound %s: %s", _mp_check_in_answer_sound_names[sound], gtk_media_stream_get_error (stream)->message);
      self->sound_state = "unavailable";
      return;
    }

  /* Another sound may be playing: the newest answer wins. */
  for (guint i = 0; i < N_SOUNDS; i++)
    if (self->sounds[i] != NULL && self->sounds[i] != stream)
      gtk_media_stream_pause (self->sounds[i]);

  if (gtk_media_stream_get_ended (stream) || gtk_media_stream_get_playing (stream))
    {
      gtk_media_stream_pause (stream);
      gtk_media_stream_seek (stream, 0);
    }
  gtk_media_stream_play (stream);
  self->sound_state = _mp_check_in_answer_sound_names[sound];
}

/* The answer */

static gboolean
mp_check_in_answer_reset_cb (gpointer user_data)
{
  MpCheckInAnswer *self = user_data;

  self->reset_source = 0;
  g_signal_emit (self, signals[EXPIRED], 0);
  return G_SOURCE_REMOVE;
}

static char *
dup_detail (MpCheckInAnswer *self,
            Detail           detail,
            MpCheckInResult *result,
            const char      *message)
{
  MpAttendee *attendee = result != NULL ? mp_check_in_result_get_attendee (result) : NULL;

  switch (detail)
    {
    case DETAIL_MESSAGE:
      return result != NULL ? mp_check_in_result_dup_message (result) : g_strdup (message);

    case DETAIL_NAME:
      return g_strdup (self->name);

    case DETAIL_ORGANISATION:
      return g_strdup (attendee != NULL ? mp_attendee_get_organisation (attendee) : NULL);

    case DETAIL_ARRIVAL:
      {
        g_autofree char *clock = mp_time_format_clock (mp_check_in_result_get_at (result));

        /* Translators: the kiosk: "Kari Nordmann, checked in at 08.42" */
        return g_strdup_printf (gettext (NA_("%s, checked in at %s")), self->name, clock);
      }

    case DETAIL_EXCEPTION:
      {
        const char *organisation = attendee != NULL ? mp_attendee_get_organisation (attendee) : "";
        const char *why = mp_check_in_exception_get_label (mp_check_in_result_get_exception (result));
        /* Translators: the desk's answer to a person let in anyway:
         * "Admitted by exception (waiting list)" */
        g_autofree char *exception = g_strdup_printf (_("Admitted by exception (%s)"), why);

        if (organisation[0] == '\0')
          return g_steal_pointer (&exception);
        /* Translators: "NAV Vestland. Admitted by exception (waiting list)" */
        return g_strdup_printf (_("%s. %s"), organisation, exception);
      }

    case DETAIL_OTHER_EVENT:
      if (result == NULL || mp_check_in_result_get_other_event_title (result) == NULL)
        return NULL;
      return mp_check_in_result_dup_message (result);

    case DETAIL_NONE:
    default:
      return NULL;
    }
}

/* The needs of the person let in, at the desk: a line each, with its
 * icon; none for anyone else. */
static void
mp_check_in_answer_show_needs (MpCheckInAnswer *self,
                               MpAttendee      *attendee)
{
  GtkWidget *child;
  gboolean any = FALSE;

  while ((child = gtk_widget_get_first_child (self->needs_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->needs_box), child);

  for (guint i = 0; i < N_NEEDS; i++)
    {
      const char *value = attendee != NULL && self->audience == MP_AUDIENCE_DESK ? _mp_check_in_answer_needs[i].get (attendee) : "";
      g_autofree char *flat = NULL;
      GtkWidget *row, *icon, *label;

      g_clear_pointer (&self->needs_text[i], g_free);
      if (value[0] == '\0')
        continue;

      /* one line a need, however it was typed */
      {
        g_auto(GStrv) lines = g_strsplit (value, "\n", -1);

        flat = g_strjoinv (" · ", lines);
      }
      self->needs_text[i] = g_strdup_printf (_(_mp_check_in_answer_needs[i].label), flat);

      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_widget_add_css_class (row, "answer-need");
      icon = gtk_image_new_from_icon_name (_mp_check_in_answer_needs[i].icon);
      gtk_widget_add_css_class (icon, "answer-need-icon");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      /* An inscription, as the answer's other lines: its size does not
       * hang on its text (no relayout of the window for a long one). */
      label = g_object_new (GTK_TYPE_INSCRIPTION,
                            "text", self->needs_text[i],
                            "xalign", 0.0f,
                            "yalign", 0.5f,
                            "min-chars", 12,
                            "nat-chars", 44,
                            "min-lines", 1,
                            "nat-lines", 2,
                            "wrap-mode", PANGO_WRAP_WORD_CHAR,
                            "text-overflow", GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END,
                            "hexpand", TRUE,
                            NULL);
      gtk_box_append (GTK_BOX (row), icon);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (self->needs_box), row);
      any = TRUE;
    }
  gtk_widget_set_visible (self->needs_box, any);
  /* room for the needs: a smaller tick */
  if (any)
    gtk_widget_add_css_class (GTK_WIDGET (self), "with-needs");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "with-needs");
}

static void
mp_check_in_answer_show (MpCheckInAnswer *self,
                         Answer           answer,
                         const char      *name,
                         MpCheckInResult *result,
                         const char      *message)
{
  const AnswerWords *words = &_mp_check_in_answer_rows[answer].words[self->audience];
  const char *title = translate (&words->title);
  const char *advice = translate (&words->advice);
  gboolean has_detail;

  gtk_widget_remove_css_class (GTK_WIDGET (self), _mp_check_in_answer_rows[self->answer].style);
  self->answer = answer;
  gtk_widget_add_css_class (GTK_WIDGET (self), _mp_check_in_answer_rows[answer].style);

  g_free (self->name);
  self->name = g_strdup (name != NULL ? name : "");
  g_free (self->title);
  self->title = strstr (title, "%s") != NULL ? g_strdup_printf (title, self->name) : g_strdup (title);
  g_free (self->detail);
  self->detail = dup_detail (self, words->detail, result, message);
  g_free (self->advice);
  if (advice == NULL && result != NULL)
    advice = mp_check_in_result_get_advice (result);
  self->advice = g_strdup (advice != NULL ? advice : "");

  has_detail = self->detail != NULL && self->detail[0] != '\0';
  gtk_image_set_from_icon_name (self->icon, _mp_check_in_answer_rows[answer].icon);
  gtk_inscription_set_text (self->title_text, self->title);
  gtk_inscription_set_text (self->detail_text, has_detail ? self->detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_text), has_detail);
  gtk_inscription_set_text (self->advice_text, self->advice);
  mp_check_in_answer_show_needs (self, (answer == ANSWER_CHECKED_IN || answer == ANSWER_ADMITTED) && result != NULL
                                       ? mp_check_in_result_get_attendee (result) : NULL);
  /* The inscriptions keep a long answer from costing a relayout of the
   * window (tens of milliseconds); a screen reader gets it whole here. */
  {
    g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
    g_auto(GStrv) spoken = NULL;
    g_autofree char *label = NULL;

    g_strv_builder_add (parts, self->title);
    if (has_detail)
      g_strv_builder_add (parts, self->detail);
    for (guint i = 0; i < N_NEEDS; i++)
      if (self->needs_text[i] != NULL)
        g_strv_builder_add (parts, self->needs_text[i]);
    if (self->advice[0] != '\0')
      g_strv_builder_add (parts, self->advice);
    spoken = g_strv_builder_end (parts);
    label = g_strjoinv (". ", spoken);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
  }

  g_clear_handle_id (&self->reset_source, g_source_remove);
  if (answer != ANSWER_READY)
    {
      self->n_answers++;
      if (self->reset_seconds > 0)
        self->reset_source = g_timeout_add_seconds (self->reset_seconds, mp_check_in_answer_reset_cb, self);
    }
  mp_check_in_answer_play (self, _mp_check_in_answer_rows[answer].sound);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

void
mp_check_in_answer_show_result (MpCheckInAnswer *self,
                                MpCheckInResult *result)
{
  MpAttendee *attendee;

  g_return_if_fail (MP_IS_CHECK_IN_ANSWER (self));
  g_return_if_fail (MP_IS_CHECK_IN_RESULT (result));

  attendee = mp_check_in_result_get_attendee (result);
  mp_check_in_answer_show (self, _mp_check_in_answer_for_result (result),
                           attendee != NULL ? mp_attendee_get_name (attendee) : NULL,
                           result, NULL);
}

void
mp_check_in_answer_show_failure (MpCheckInAnswer *self,
                                 const GError    *error)
{
  g_return_if_fail (MP_IS_CHECK_IN_ANSWER (self));
  g_return_if_fail (error != NULL);

  mp_check_in_answer_show (self, ANSWER_FAILED, NULL, NULL, error->message);
}

void
mp_check_in_answer_show_undone (MpCheckInAnswer *self,
                                const char      *name,
                                gboolean         walk_in)
{
  g_return_if_fail (MP_IS_CHECK_IN_ANSWER (self));

  mp_check_in_answer_show (self, walk_in ? ANSWER_UNDONE_WALK_IN : ANSWER_UNDONE, name, NULL, NULL);
}

void
mp_check_in_answer_show_registered_before (MpCheckInAnswer *self,
                                           const char      *name)
{
  g_return_if_fail (MP_IS_CHECK_IN_ANSWER (self));

  mp_check_in_answer_show (self, ANSWER_REGISTERED_BEFORE, name, NULL, NULL);
}

void
mp_check_in_answer_show_ready (MpCheckInAnswer *self)
{
  g_return_if_fail (MP_IS_CHECK_IN_ANSWER (self));

  mp_check_in_answer_show (self, ANSWER_READY, NULL, NULL, NULL);
}

void
mp_check_in_answer_cancel_reset (MpCheckInAnswer *self)
{
  g_return_if_fail (MP_IS_CHECK_IN_ANSWER (self));

  g_clear_handle_id (&self->reset_source, g_source_remove);
}

void
mp_check_in_answer_hold (MpCheckInAnswer *self,
                         guint            seconds)
{
  g_return_if_fail (MP_IS_CHECK_IN_ANSWER (self));

  if (self->answer == ANSWER_READY || self->reset_source == 0)
    return;
  g_clear_handle_id (&self->reset_source, g_source_remove);
  self->reset_source = g_timeout_add_seconds (seconds, mp_check_in_answer_reset_cb, self);
}

/* Every row of the table, for tests and screenshots */

guint
mp_check_in_answer_get_n_kinds (void)
{
  return N_ANSWERS;
}

const char *
mp_check_in_answer_get_kind_at (guint i)
{
  g_return_val_if_fail (i < N_ANSWERS, NULL);
  return _mp_check_in_answer_rows[i].kind;
}

void
mp_check_in_answer_show_kind (MpCheckInAnswer *self,
                              const char      *kind,
                              MpCheckInResult *result)
{
  g_return_if_fail (MP_IS_CHECK_IN_ANSWER (self));

  for (guint i = 0; i < N_ANSWERS; i++)
    if (g_str_equal (_mp_check_in_answer_rows[i].kind, kind))
      {
        MpAttendee *attendee = result != NULL ? mp_check_in_result_get_attendee (result) : NULL;

        mp_check_in_answer_show (self, i, attendee != NULL ? mp_attendee_get_name (attendee) : NULL,
                                 result, result == NULL ? "Sample" : NULL);
        return;
      }
  g_return_if_reached ();
}

const char *
mp_check_in_answer_get_need (MpCheckInAnswer *self,
                             const char      *key)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_ANSWER (self), NULL);

  for (guint i = 0; i < N_NEEDS; i++)
    if (g_str_equal (_mp_check_in_answer_needs[i].key, key))
      return self->needs_text[i];
  return NULL;
}

const char *
mp_check_in_answer_get_size_class (MpCheckInAnswer *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_ANSWER (self), NULL);

  return size_classes[self->size] != NULL ? size_classes[self->size] : "size-normal";
}

/* The size that fits the room given: at the desk of a 1366×768 laptop
 * the normal one, on a 1920×1080 screen at the door the largest. */
static Size
size_for (MpCheckInAnswer *self,
          int              width,
          int              height)
{
  /* (the room inside its padding; a banner stays small) */
  if (self->compact)
    return SIZE_NORMAL;
  if (width >= 1400 && height >= 850)
    return SIZE_HUGE;
  if (width >= 1100 && height >= 640)
    return SIZE_LARGE;
  return SIZE_NORMAL;
}

static gboolean
mp_check_in_answer_apply_size_cb (gpointer user_data)
{
  MpCheckInAnswer *self = user_data;
  Size size = size_for (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));

  self->size_source = 0;
  if (size == self->size)
    return G_SOURCE_REMOVE;
  if (size_classes[self->size] != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self), size_classes[self->size]);
  self->size = size;
  if (size_classes[size] != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), size_classes[size]);
  return G_SOURCE_REMOVE;
}

/* A widget with a layout manager is not told its size (no
 * size_allocate): it sees it when it is drawn, as after every resize. */
static void
mp_check_in_answer_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  MpCheckInAnswer *self = MP_CHECK_IN_ANSWER (widget);

  GTK_WIDGET_CLASS (mp_check_in_answer_parent_class)->snapshot (widget, snapshot);

  /* Not from inside the drawing: a new size class lays it out again. */
  if (size_for (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget)) != self->size
      && self->size_source == 0)
    self->size_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, mp_check_in_answer_apply_size_cb, self, NULL);
}

/* GObject */

static void
mp_check_in_answer_map (GtkWidget *widget)
{
  MpCheckInAnswer *self = MP_CHECK_IN_ANSWER (widget);

  GTK_WIDGET_CLASS (mp_check_in_answer_parent_class)->map (widget);

  /* Loading the media framework takes a moment the first time: not
   * during the first scan. */
  if (self->play_sounds && self->preload_source == 0 && self->sounds[0] == NULL)
    self->preload_source = g_idle_add_full (G_PRIORITY_LOW, mp_check_in_answer_preload_sounds_cb, self, NULL);
}

static void
mp_check_in_answer_dispose (GObject *object)
{
  MpCheckInAnswer *self = (MpCheckInAnswer *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->reset_source, g_source_remove);
  g_clear_handle_id (&self->preload_source, g_source_remove);
  g_clear_handle_id (&self->size_source, g_source_remove);
  for (guint i = 0; i < N_SOUNDS; i++)
    {
      if (self->sounds[i] != NULL)
        gtk_media_stream_pause (self->sounds[i]);
      g_clear_object (&self->sounds[i]);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_CHECK_IN_ANSWER);
  /* and what a template put below the answer */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (mp_check_in_answer_parent_class)->dispose (object);
}

static void
mp_check_in_answer_finalize (GObject *object)
{
  MpCheckInAnswer *self = (MpCheckInAnswer *)object;

  g_free (self->name);
  g_free (self->title);
  g_free (self->detail);
  g_free (self->advice);
  for (guint i = 0; i < N_NEEDS; i++)
    g_free (self->needs_text[i]);

  G_OBJECT_CLASS (mp_check_in_answer_parent_class)->finalize (object);
}

static void
mp_check_in_answer_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MpCheckInAnswer *self = MP_CHECK_IN_ANSWER (object);

  switch (prop_id)
    {
    case PROP_AUDIENCE:
      g_value_set_enum (value, self->audience);
      break;

    case PROP_RESET_SECONDS:
      g_value_set_uint (value, self->reset_seconds);
      break;

    case PROP_PLAY_SOUNDS:
      g_value_set_boolean (value, self->play_sounds);
      break;

    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;

    case PROP_KIND:
      g_value_set_string (value, mp_check_in_answer_get_kind (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_check_in_answer_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MpCheckInAnswer *self = MP_CHECK_IN_ANSWER (object);

  switch (prop_id)
    {
    case PROP_AUDIENCE:
      mp_check_in_answer_set_audience (self, g_value_get_enum (value));
      break;

    case PROP_RESET_SECONDS:
      mp_check_in_answer_set_reset_seconds (self, g_value_get_uint (value));
      break;

    case PROP_PLAY_SOUNDS:
      mp_check_in_answer_set_play_sounds (self, g_value_get_boolean (value));
      break;

    case PROP_COMPACT:
      self->compact = g_value_get_boolean (value);
      mp_check_in_answer_set_audience (self, self->audience);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_check_in_answer_class_init (MpCheckInAnswerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_check_in_answer_dispose;
  object_class->finalize = mp_check_in_answer_finalize;
  object_class->get_property = mp_check_in_answer_get_property;
  object_class->set_property = mp_check_in_answer_set_property;
  widget_class->map = mp_check_in_answer_map;
  widget_class->snapshot = mp_check_in_answer_snapshot;

  properties[PROP_AUDIENCE] =
    g_param_spec_enum ("audience", NULL, NULL, MP_TYPE_AUDIENCE, MP_AUDIENCE_DESK,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESET_SECONDS] =
    g_param_spec_uint ("reset-seconds", NULL, NULL, 0, 24 * 3600, 6,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAY_SOUNDS] =
    g_param_spec_boolean ("play-sounds", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A banner over other work (the desk's walk-in form): one line each,
   * no icon, the same colours and words. */
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, "ready",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EXPIRED] =
    g_signal_new ("expired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-check-in-answer.ui");
  gtk_widget_class_bind_template_child (widget_class, MpCheckInAnswer, content);
  gtk_widget_class_bind_template_child (widget_class, MpCheckInAnswer, icon);
  gtk_widget_class_bind_template_child (widget_class, MpCheckInAnswer, title_text);
  gtk_widget_class_bind_template_child (widget_class, MpCheckInAnswer, detail_text);
  gtk_widget_class_bind_template_child (widget_class, MpCheckInAnswer, needs_box);
  gtk_widget_class_bind_template_child (widget_class, MpCheckInAnswer, advice_text);
}

static void
mp_check_in_answer_init (MpCheckInAnswer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->reset_seconds = 6;
  self->sound_state = "none";
  self->answer = ANSWER_READY;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  mp_check_in_answer_set_audience (self, MP_AUDIENCE_DESK);
  mp_check_in_answer_show_ready (self);
}

GtkWidget *
mp_check_in_answer_new (MpAudience audience)
{
  return g_object_new (MP_TYPE_CHECK_IN_ANSWER, "audience", audience, NULL);
}

MpAudience
mp_check_in_answer_get_audience (MpCheckInAnswer *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_ANSWER (self), MP_AUDIENCE_DESK);

  return self->audience;
}

void
mp_check_in_answer_set_audience (MpCheckInAnswer *self,
                                 MpAudience       audience)
{
  GtkBoxLayout *layout;

  g_return_if_fail (MP_IS_CHECK_IN_ANSWER (self));
  g_return_if_fail (audience == MP_AUDIENCE_DESK || audience == MP_AUDIENCE_ATTENDEE);

  gtk_widget_remove_css_class (GTK_WIDGET (self), audience == MP_AUDIENCE_DESK ? "attendee" : "desk");
  gtk_widget_add_css_class (GTK_WIDGET (self), audience == MP_AUDIENCE_DESK ? "desk" : "attendee");
  /* read from two metres at the desk, from up close at the kiosk */
  layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  gtk_box_layout_set_spacing (layout, audience == MP_AUDIENCE_DESK ? 18 : 24);
  gtk_box_set_spacing (GTK_BOX (self->content), audience == MP_AUDIENCE_DESK ? 6 : 16);
  /* The lines the desk keeps free whatever the answer (the window is not
   * laid out again for a longer one); the kiosk's are short, and its
   * words sit closer together. */
  gtk_inscription_set_min_lines (self->title_text, audience == MP_AUDIENCE_DESK && !self->compact ? 2 : 1);
  gtk_inscription_set_nat_lines (self->title_text, audience == MP_AUDIENCE_DESK && !self->compact ? 2 : 1);
  gtk_inscription_set_nat_lines (self->detail_text, audience == MP_AUDIENCE_DESK && !self->compact ? 3 : 1);
  gtk_inscription_set_nat_lines (self->advice_text, self->compact ? 1 : audience == MP_AUDIENCE_DESK ? 3 : 2);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), !self->compact);
  if (self->compact)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "compact");
      gtk_box_layout_set_spacing (layout, 6);
      gtk_box_set_spacing (GTK_BOX (self->content), 2);
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "compact");

  if (self->audience == audience)
    return;
  self->audience = audience;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIENCE]);
}

guint
mp_check_in_answer_get_reset_seconds (MpCheckInAnswer *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_ANSWER (self), 0);

  return self->reset_seconds;
}

void
mp_check_in_answer_set_reset_seconds (MpCheckInAnswer *self,
                                      guint            seconds)
{
  g_return_if_fail (MP_IS_CHECK_IN_ANSWER (self));

  if (self->reset_seconds == seconds)
    return;
  self->reset_seconds = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESET_SECONDS]);
}

gboolean
mp_check_in_answer_get_play_sounds (MpCheckInAnswer *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_ANSWER (self), FALSE);

  return self->play_sounds;
}

void
mp_check_in_answer_set_play_sounds (MpCheckInAnswer *self,
                                    gboolean         play_sounds)
{
  g_return_if_fail (MP_IS_CHECK_IN_ANSWER (self));

  play_sounds = !!play_sounds;
  if (self->play_sounds == play_sounds)
    return;
  self->play_sounds = play_sounds;
  if (play_sounds && gtk_widget_get_mapped (GTK_WIDGET (self)) && self->preload_source == 0 && self->sounds[0] == NULL)
    self->preload_source = g_idle_add_full (G_PRIORITY_LOW, mp_check_in_answer_preload_sounds_cb, self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAY_SOUNDS]);
}

const char *
mp_check_in_answer_get_kind (MpCheckInAnswer *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_ANSWER (self), NULL);

  return _mp_check_in_answer_rows[self->answer].kind;
}

const char *
mp_check_in_answer_get_title (MpCheckInAnswer *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_ANSWER (self), NULL);

  return self->title;
}

const char *
mp_check_in_answer_get_detail (MpCheckInAnswer *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_ANSWER (self), NULL);

  return self->detail != NULL ? self->detail : "";
}

const char *
mp_check_in_answer_get_advice (MpCheckInAnswer *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_ANSWER (self), NULL);

  return self->advice;
}

const char *
mp_check_in_answer_get_name (MpCheckInAnswer *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_ANSWER (self), NULL);

  return self->name;
}

guint
mp_check_in_answer_get_n_answers (MpCheckInAnswer *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_ANSWER (self), 0);

  return self->n_answers;
}

const char *
mp_check_in_answer_get_sound (MpCheckInAnswer *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_ANSWER (self), NULL);

  return self->sound_state;
}
