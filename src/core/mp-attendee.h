/* mp-attendee.h: one registration of one person for one event, as a
 * person at the desk sees it (name, organisation, status, arrival). */
#pragma once

#include <glib-object.h>

#include "mp-enums.h"

G_BEGIN_DECLS

/* Where the attendee's ticket e-mail stands, as the list shows it (the
 * outbox's rule, mp-mail-outbox-private.h; the values are its order). */
typedef enum
{
  MP_ATTENDEE_TICKET_MAIL_NONE,             /* not sent (or only queued) */
  MP_ATTENDEE_TICKET_MAIL_FAILED,           /* tried, refused, none went */
  MP_ATTENDEE_TICKET_MAIL_ADDRESS_CHANGED,  /* went to an address they no longer have */
  MP_ATTENDEE_TICKET_MAIL_UNCONFIRMED,      /* may have arrived: the server never confirmed */
  MP_ATTENDEE_TICKET_MAIL_SENT,             /* sent to the address they have now */
} MpAttendeeTicketMail;

#define MP_TYPE_ATTENDEE (mp_attendee_get_type ())

G_DECLARE_FINAL_TYPE (MpAttendee, mp_attendee, MP, ATTENDEE, GObject)

MpAttendee           *mp_attendee_new                  (void);

gint64                mp_attendee_get_registration_id  (MpAttendee *self);
gint64                mp_attendee_get_person_id        (MpAttendee *self);
gint64                mp_attendee_get_event_id         (MpAttendee *self);
const char           *mp_attendee_get_uuid             (MpAttendee *self); /* the registration's */
const char           *mp_attendee_get_token            (MpAttendee *self);
const char           *mp_attendee_get_name             (MpAttendee *self);
/* The parts of the name, "" when not known (mp-person-name.h). */
const char           *mp_attendee_get_given_name       (MpAttendee *self);
const char           *mp_attendee_get_family_name      (MpAttendee *self);
const char           *mp_attendee_get_email            (MpAttendee *self); /* "" when unknown */
const char           *mp_attendee_get_phone            (MpAttendee *self);
const char           *mp_attendee_get_organisation     (MpAttendee *self);
const char           *mp_attendee_get_sector           (MpAttendee *self);
MpRegistrationStatus  mp_attendee_get_status           (MpAttendee *self);
MpRegistrationSource  mp_attendee_get_source           (MpAttendee *self);
const char           *mp_attendee_get_dietary          (MpAttendee *self);
const char           *mp_attendee_get_accessibility    (MpAttendee *self);
const char           *mp_attendee_get_interpreter      (MpAttendee *self);
/* The organiser's note for the door ("" for none). */
const char           *mp_attendee_get_note             (MpAttendee *self);
/* When the status last changed (UTC seconds); 0 when not known. */
gint64                mp_attendee_get_status_at        (MpAttendee *self);
gboolean              mp_attendee_get_consent_followup (MpAttendee *self);
gboolean              mp_attendee_get_consent_photo    (MpAttendee *self);
gint64                mp_attendee_get_created_at       (MpAttendee *self);
/* The check-in that counts now (not undone), or 0 / NULL when not arrived. */
gint64                mp_attendee_get_checkin_id       (MpAttendee *self);
gint64                mp_attendee_get_checked_in_at    (MpAttendee *self);
const char           *mp_attendee_get_checkin_desk     (MpAttendee *self);
/* Whether, and why, that check-in let them in by exception. */
MpCheckInException    mp_attendee_get_checkin_exception (MpAttendee *self);
gboolean              mp_attendee_get_arrived          (MpAttendee *self);
/* Registered at the door, at a desk or the kiosk, rather than ahead
 * (mp_registration_source_is_walk_in()); what the counts call walk_ins. */
gboolean              mp_attendee_is_walk_in           (MpAttendee *self);
MpAttendeeTicketMail  mp_attendee_get_ticket_mail      (MpAttendee *self);

/* The text that goes into the QR code: "MP1" + token. */
char                 *mp_attendee_dup_ticket_text      (MpAttendee *self);

G_END_DECLS
