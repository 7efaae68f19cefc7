/* mp-attendee-private.h: the store fills attendees in directly */
#pragma once

#include "mp-attendee.h"

G_BEGIN_DECLS

struct _MpAttendee
{
  GObject               parent_instance;

  gint64                registration_id;
  gint64                person_id;
  gint64                event_id;
  char                 *uuid;
  char                 *token;
  char                 *name;
  char                 *given_name;   /* NULL: not known */
  char                 *family_name;
  char                 *email;
  char                 *phone;
  char                 *organisation;
  char                 *sector;
  MpRegistrationStatus  status;
  MpRegistrationSource  source;
  char                 *dietary;
  char                 *accessibility;
  char                 *interpreter;
  char                 *note;
  gint64                status_at;
  gboolean              consent_followup;
  gboolean              consent_photo;
  gint64                created_at;
  gint64                checkin_id;
  gint64                checked_in_at;
  char                 *checkin_desk;
  MpAttendeeTicketMail  ticket_mail;
  MpCheckInException    checkin_exception;
};

G_END_DECLS
