#define G_LOG_DOMAIN "mp-attendee"

#include "config.h"

#include "mp-attendee-private.h"
#include "mp-ticket.h"

G_DEFINE_FINAL_TYPE (MpAttendee, mp_attendee, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REGISTRATION_ID,
  PROP_NAME,
  PROP_EMAIL,
  PROP_ORGANISATION,
  PROP_SECTOR,
  PROP_STATUS,
  PROP_ARRIVED,
  PROP_CHECKED_IN_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mp_attendee_finalize (GObject *object)
{
  MpAttendee *self = (MpAttendee *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->given_name, g_free);
  g_clear_pointer (&self->family_name, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->organisation, g_free);
  g_clear_pointer (&self->sector, g_free);
  g_clear_pointer (&self->dietary, g_free);
  g_clear_pointer (&self->accessibility, g_free);
  g_clear_pointer (&self->interpreter, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->checkin_desk, g_free);

  G_OBJECT_CLASS (mp_attendee_parent_class)->finalize (object);
}

static void
mp_attendee_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MpAttendee *self = MP_ATTENDEE (object);

  switch (prop_id)
    {
    case PROP_REGISTRATION_ID:
      g_value_set_int64 (value, self->registration_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, mp_attendee_get_name (self));
      break;
    case PROP_EMAIL:
      g_value_set_string (value, mp_attendee_get_email (self));
      break;
    case PROP_ORGANISATION:
      g_value_set_string (value, mp_attendee_get_organisation (self));
      break;
    case PROP_SECTOR:
      g_value_set_string (value, mp_attendee_get_sector (self));
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_ARRIVED:
      g_value_set_boolean (value, mp_attendee_get_arrived (self));
      break;
    case PROP_CHECKED_IN_AT:
      g_value_set_int64 (value, self->checked_in_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_attendee_class_init (MpAttendeeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mp_attendee_finalize;
  object_class->get_property = mp_attendee_get_property;

  properties[PROP_REGISTRATION_ID] =
    g_param_spec_int64 ("registration-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORGANISATION] =
    g_param_spec_string ("organisation", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECTOR] =
    g_param_spec_string ("sector", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, MP_TYPE_REGISTRATION_STATUS,
                       MP_REGISTRATION_STATUS_REGISTERED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARRIVED] =
    g_param_spec_boolean ("arrived", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKED_IN_AT] =
    g_param_spec_int64 ("checked-in-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mp_attendee_init (MpAttendee *self)
{
}

MpAttendee *
mp_attendee_new (void)
{
  return g_object_new (MP_TYPE_ATTENDEE, NULL);
}

#define STR(s) ((s) != NULL ? (s) : "")

gint64 mp_attendee_get_registration_id (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), 0); return self->registration_id; }
gint64 mp_attendee_get_person_id (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), 0); return self->person_id; }
gint64 mp_attendee_get_event_id (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), 0); return self->event_id; }
const char *mp_attendee_get_uuid (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), NULL); return STR (self->uuid); }
const char *mp_attendee_get_token (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), NULL); return STR (self->token); }
const char *mp_attendee_get_name (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), NULL); return STR (self->name); }
const char *mp_attendee_get_given_name (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), NULL); return STR (self->given_name); }
const char *mp_attendee_get_family_name (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), NULL); return STR (self->family_name); }
const char *mp_attendee_get_email (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), NULL); return STR (self->email); }
const char *mp_attendee_get_phone (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), NULL); return STR (self->phone); }
const char *mp_attendee_get_organisation (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), NULL); return STR (self->organisation); }
const char *mp_attendee_get_sector (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), NULL); return STR (self->sector); }
MpRegistrationStatus mp_attendee_get_status (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), 0); return self->status; }
MpRegistrationSource mp_attendee_get_source (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), 0); return self->source; }
const char *mp_attendee_get_dietary (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), NULL); return STR (self->dietary); }
const char *mp_attendee_get_accessibility (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), NULL); return STR (self->accessibility); }
const char *mp_attendee_get_interpreter (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), NULL); return STR (self->interpreter); }
const char *mp_attendee_get_note (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), NULL); return STR (self->note); }
gint64 mp_attendee_get_status_at (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), 0); return self->status_at; }
gboolean mp_attendee_get_consent_followup (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), FALSE); return self->consent_followup; }
gboolean mp_attendee_get_consent_photo (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), FALSE); return self->consent_photo; }
gint64 mp_attendee_get_created_at (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), 0); return self->created_at; }
gint64 mp_attendee_get_checkin_id (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), 0); return self->checkin_id; }
gint64 mp_attendee_get_checked_in_at (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), 0); return self->checked_in_at; }
const char *mp_attendee_get_checkin_desk (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), NULL); return STR (self->checkin_desk); }
MpAttendeeTicketMail mp_attendee_get_ticket_mail (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), MP_ATTENDEE_TICKET_MAIL_NONE); return self->ticket_mail; }
MpCheckInException mp_attendee_get_checkin_exception (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), MP_CHECK_IN_EXCEPTION_NONE); return self->checkin_exception; }
gboolean mp_attendee_get_arrived (MpAttendee *self) { g_return_val_if_fail (MP_IS_ATTENDEE (self), FALSE); return self->checkin_id != 0; }

gboolean
mp_attendee_is_walk_in (MpAttendee *self)
{
  g_return_val_if_fail (MP_IS_ATTENDEE (self), FALSE);
  return mp_registration_source_is_walk_in (self->source);
}

char *
mp_attendee_dup_ticket_text (MpAttendee *self)
{
  g_return_val_if_fail (MP_IS_ATTENDEE (self), NULL);

  return mp_ticket_text_for_token (self->token);
}
