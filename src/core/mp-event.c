#define G_LOG_DOMAIN "mp-event"

#include "config.h"

#include "mp-event.h"

struct _MpEvent
{
  GObject      parent_instance;

  gint64       id;
  char        *uuid;
  char        *title;
  MpEventKind  kind;
  char        *venue;
  char        *description;
  char        *contact;
  gboolean     example;
  gint64       starts_at;
  gint64       ends_at;
  int          capacity;
  MpQuestions  questions;
  gint64       created_at;
  guint        registered;
  guint        arrived;
  MpEventCounts counts;      /* all of them, when the store filled them */
};

G_DEFINE_FINAL_TYPE (MpEvent, mp_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_KIND,
  PROP_VENUE,
  PROP_STARTS_AT,
  PROP_REGISTERED,
  PROP_ARRIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mp_event_finalize (GObject *object)
{
  MpEvent *self = (MpEvent *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->venue, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->contact, g_free);

  G_OBJECT_CLASS (mp_event_parent_class)->finalize (object);
}

static void
mp_event_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MpEvent *self = MP_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_VENUE:
      g_value_set_string (value, self->venue);
      break;
    case PROP_STARTS_AT:
      g_value_set_int64 (value, self->starts_at);
      break;
    case PROP_REGISTERED:
      g_value_set_uint (value, self->registered);
      break;
    case PROP_ARRIVED:
      g_value_set_uint (value, self->arrived);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_event_class_init (MpEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mp_event_finalize;
  object_class->get_property = mp_event_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, MP_TYPE_EVENT_KIND,
                       MP_EVENT_KIND_DIALOGUE_MEETING,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VENUE] =
    g_param_spec_string ("venue", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STARTS_AT] =
    g_param_spec_int64 ("starts-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGISTERED] =
    g_param_spec_uint ("registered", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARRIVED] =
    g_param_spec_uint ("arrived", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mp_event_init (MpEvent *self)
{
  self->uuid = g_strdup ("");
  self->title = g_strdup ("");
  self->venue = g_strdup ("");
  self->description = g_strdup ("");
  self->contact = g_strdup ("");
  self->capacity = -1;
  self->questions = MP_QUESTIONS_DEFAULT;
}

MpEvent *
mp_event_new (void)
{
  return g_object_new (MP_TYPE_EVENT, NULL);
}

MpEvent *
mp_event_copy (MpEvent *self)
{
  MpEvent *copy;

  g_return_val_if_fail (MP_IS_EVENT (self), NULL);

  copy = mp_event_new ();
  copy->id = self->id;
  mp_event_set_uuid (copy, self->uuid);
  mp_event_set_title (copy, self->title);
  copy->kind = self->kind;
  mp_event_set_venue (copy, self->venue);
  mp_event_set_description (copy, self->description);
  mp_event_set_contact (copy, self->contact);
  copy->example = self->example;
  copy->starts_at = self->starts_at;
  copy->ends_at = self->ends_at;
  copy->capacity = self->capacity;
  copy->questions = self->questions;
  copy->created_at = self->created_at;
  copy->registered = self->registered;
  copy->arrived = self->arrived;
  copy->counts = self->counts;

  return copy;
}

static void
set_string (MpEvent     *self,
            char       **field,
            const char  *value,
            int          prop_id)
{
  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  if (prop_id != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

gint64 mp_event_get_id (MpEvent *self) { g_return_val_if_fail (MP_IS_EVENT (self), 0); return self->id; }
const char *mp_event_get_uuid (MpEvent *self) { g_return_val_if_fail (MP_IS_EVENT (self), NULL); return self->uuid; }
const char *mp_event_get_title (MpEvent *self) { g_return_val_if_fail (MP_IS_EVENT (self), NULL); return self->title; }
MpEventKind mp_event_get_kind (MpEvent *self) { g_return_val_if_fail (MP_IS_EVENT (self), 0); return self->kind; }
const char *mp_event_get_venue (MpEvent *self) { g_return_val_if_fail (MP_IS_EVENT (self), NULL); return self->venue; }
const char *mp_event_get_description (MpEvent *self) { g_return_val_if_fail (MP_IS_EVENT (self), NULL); return self->description; }
gint64 mp_event_get_starts_at (MpEvent *self) { g_return_val_if_fail (MP_IS_EVENT (self), 0); return self->starts_at; }
gint64 mp_event_get_ends_at (MpEvent *self) { g_return_val_if_fail (MP_IS_EVENT (self), 0); return self->ends_at; }
int mp_event_get_capacity (MpEvent *self) { g_return_val_if_fail (MP_IS_EVENT (self), -1); return self->capacity; }
MpQuestions mp_event_get_questions (MpEvent *self) { g_return_val_if_fail (MP_IS_EVENT (self), 0); return self->questions; }
gint64 mp_event_get_created_at (MpEvent *self) { g_return_val_if_fail (MP_IS_EVENT (self), 0); return self->created_at; }
guint mp_event_get_registered (MpEvent *self) { g_return_val_if_fail (MP_IS_EVENT (self), 0); return self->registered; }
guint mp_event_get_arrived (MpEvent *self) { g_return_val_if_fail (MP_IS_EVENT (self), 0); return self->arrived; }

void
mp_event_set_id (MpEvent *self,
                 gint64   id)
{
  g_return_if_fail (MP_IS_EVENT (self));
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

void
mp_event_set_uuid (MpEvent    *self,
                   const char *uuid)
{
  g_return_if_fail (MP_IS_EVENT (self));
  set_string (self, &self->uuid, uuid, PROP_0);
}

void
mp_event_set_title (MpEvent    *self,
                    const char *title)
{
  g_return_if_fail (MP_IS_EVENT (self));
  set_string (self, &self->title, title, PROP_TITLE);
}

void
mp_event_set_kind (MpEvent     *self,
                   MpEventKind  kind)
{
  g_return_if_fail (MP_IS_EVENT (self));
  g_return_if_fail (kind < MP_N_EVENT_KINDS);
  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

void
mp_event_set_venue (MpEvent    *self,
                    const char *venue)
{
  g_return_if_fail (MP_IS_EVENT (self));
  set_string (self, &self->venue, venue, PROP_VENUE);
}

void
mp_event_set_description (MpEvent    *self,
                          const char *description)
{
  g_return_if_fail (MP_IS_EVENT (self));
  set_string (self, &self->description, description, PROP_0);
}

const char *
mp_event_get_contact (MpEvent *self)
{
  g_return_val_if_fail (MP_IS_EVENT (self), NULL);
  return self->contact;
}

void
mp_event_set_contact (MpEvent    *self,
                      const char *contact)
{
  g_return_if_fail (MP_IS_EVENT (self));
  set_string (self, &self->contact, contact, PROP_0);
}

gboolean
mp_event_get_example (MpEvent *self)
{
  g_return_val_if_fail (MP_IS_EVENT (self), FALSE);
  return self->example;
}

void
mp_event_set_example (MpEvent  *self,
                      gboolean  example)
{
  g_return_if_fail (MP_IS_EVENT (self));
  self->example = !!example;
}

void
mp_event_set_starts_at (MpEvent *self,
                        gint64   starts_at)
{
  g_return_if_fail (MP_IS_EVENT (self));
  if (self->starts_at == starts_at)
    return;
  self->starts_at = starts_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTS_AT]);
}

void
mp_event_set_ends_at (MpEvent *self,
                      gint64   ends_at)
{
  g_return_if_fail (MP_IS_EVENT (self));
  self->ends_at = ends_at;
}

void
mp_event_set_capacity (MpEvent *self,
                       int      capacity)
{
  g_return_if_fail (MP_IS_EVENT (self));
  self->capacity = capacity < 0 ? -1 : capacity;
}

void
mp_event_set_questions (MpEvent     *self,
                        MpQuestions  questions)
{
  g_return_if_fail (MP_IS_EVENT (self));
  self->questions = questions;
}

void
mp_event_set_created_at (MpEvent *self,
                         gint64   created_at)
{
  g_return_if_fail (MP_IS_EVENT (self));
  self->created_at = created_at;
}

void
mp_event_get_all_counts (MpEvent       *self,
                         MpEventCounts *out_counts)
{
  g_return_if_fail (MP_IS_EVENT (self));
  g_return_if_fail (out_counts != NULL);

  *out_counts = self->counts;
}

void
mp_event_set_all_counts (MpEvent             *self,
                         const MpEventCounts *counts)
{
  g_return_if_fail (MP_IS_EVENT (self));
  g_return_if_fail (counts != NULL);

  self->counts = *counts;
  mp_event_set_counts (self, counts->registered, counts->arrived);
}

void
mp_event_set_counts (MpEvent *self,
                     guint    registered,
                     guint    arrived)
{
  g_return_if_fail (MP_IS_EVENT (self));
  self->counts.registered = registered;
  self->counts.arrived = arrived;
  if (self->registered != registered)
    {
      self->registered = registered;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTERED]);
    }
  if (self->arrived != arrived)
    {
      self->arrived = arrived;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARRIVED]);
    }
}

gboolean
mp_event_title_names_kind (MpEvent *self)
{
  g_return_val_if_fail (MP_IS_EVENT (self), FALSE);

  return mp_event_kind_begins_text (self->kind, self->title);
}
