#define G_LOG_DOMAIN "mp-attendee-row"

#include "config.h"

#include "mp-attendee-row.h"

struct _MpAttendeeRow
{
  GObject     parent_instance;

  guint       position;
  MpAttendee *attendee;
  gboolean    stale;     /* its position now holds another attendee */
};

enum {
  PROP_0,
  PROP_ATTENDEE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MpAttendeeRow, mp_attendee_row, G_TYPE_OBJECT)

static void
mp_attendee_row_finalize (GObject *object)
{
  MpAttendeeRow *self = (MpAttendeeRow *)object;

  g_clear_object (&self->attendee);

  G_OBJECT_CLASS (mp_attendee_row_parent_class)->finalize (object);
}

static void
mp_attendee_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MpAttendeeRow *self = MP_ATTENDEE_ROW (object);

  switch (prop_id)
    {
    case PROP_ATTENDEE:
      g_value_set_object (value, self->attendee);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_attendee_row_class_init (MpAttendeeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mp_attendee_row_finalize;
  object_class->get_property = mp_attendee_row_get_property;

  properties[PROP_ATTENDEE] =
    g_param_spec_object ("attendee", NULL, NULL, MP_TYPE_ATTENDEE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mp_attendee_row_init (MpAttendeeRow *self)
{
}

MpAttendeeRow *
_mp_attendee_row_new (guint       position,
                      MpAttendee *attendee)
{
  MpAttendeeRow *self = g_object_new (MP_TYPE_ATTENDEE_ROW, NULL);

  self->position = position;
  self->attendee = attendee != NULL ? g_object_ref (attendee) : mp_attendee_new ();
  return self;
}

MpAttendee *
mp_attendee_row_get_attendee (MpAttendeeRow *self)
{
  g_return_val_if_fail (MP_IS_ATTENDEE_ROW (self), NULL);

  return self->attendee;
}

guint
_mp_attendee_row_get_position (MpAttendeeRow *self)
{
  return self->position;
}

void
_mp_attendee_row_set_position (MpAttendeeRow *self,
                               guint          position)
{
  self->position = position;
}

void
_mp_attendee_row_set_attendee (MpAttendeeRow *self,
                               MpAttendee    *attendee)
{
  if (attendee == NULL)
    return;
  self->stale = FALSE;
  if (attendee == self->attendee)
    return;

  g_set_object (&self->attendee, attendee);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENDEE]);
}

gboolean
_mp_attendee_row_get_stale (MpAttendeeRow *self)
{
  return self->stale;
}

void
_mp_attendee_row_set_stale (MpAttendeeRow *self,
                            gboolean       stale)
{
  self->stale = stale;
}
