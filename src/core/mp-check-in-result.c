#define G_LOG_DOMAIN "mp-check-in-result"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-check-in-result.h"
#include "mp-time.h"

struct _MpCheckInResult
{
  GObject           parent_instance;

  MpCheckInOutcome  outcome;
  MpAttendee       *attendee;
  gint64            checkin_id;
  gint64            at;
  char             *desk;
  gboolean          have_counts;
  MpEventCounts     counts;
};

G_DEFINE_FINAL_TYPE (MpCheckInResult, mp_check_in_result, G_TYPE_OBJECT)

static void
mp_check_in_result_finalize (GObject *object)
{
  MpCheckInResult *self = (MpCheckInResult *)object;

  g_clear_object (&self->attendee);
  g_clear_pointer (&self->desk, g_free);

  G_OBJECT_CLASS (mp_check_in_result_parent_class)->finalize (object);
}

static void
mp_check_in_result_class_init (MpCheckInResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_check_in_result_finalize;
}

static void
mp_check_in_result_init (MpCheckInResult *self)
{
}

MpCheckInResult *
mp_check_in_result_new (MpCheckInOutcome  outcome,
                        MpAttendee       *attendee,
                        gint64            checkin_id,
                        gint64            at,
                        const char       *desk)
{
  MpCheckInResult *self = g_object_new (MP_TYPE_CHECK_IN_RESULT, NULL);

  self->outcome = outcome;
  self->attendee = attendee != NULL ? g_object_ref (attendee) : NULL;
  self->checkin_id = checkin_id;
  self->at = at;
  self->desk = g_strdup (desk != NULL ? desk : "");

  return self;
}

gboolean
mp_check_in_result_get_counts (MpCheckInResult *self,
                               MpEventCounts   *out_counts)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_RESULT (self), FALSE);
  g_return_val_if_fail (out_counts != NULL, FALSE);

  if (!self->have_counts)
    {
      memset (out_counts, 0, sizeof *out_counts);
      return FALSE;
    }
  *out_counts = self->counts;
  return TRUE;
}

void
mp_check_in_result_set_counts (MpCheckInResult     *self,
                               const MpEventCounts *counts)
{
  g_return_if_fail (MP_IS_CHECK_IN_RESULT (self));
  g_return_if_fail (counts != NULL);

  self->counts = *counts;
  self->have_counts = TRUE;
}

MpCheckInOutcome
mp_check_in_result_get_outcome (MpCheckInResult *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_RESULT (self), MP_CHECK_IN_NOT_A_TICKET);
  return self->outcome;
}

MpAttendee *
mp_check_in_result_get_attendee (MpCheckInResult *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_RESULT (self), NULL);
  return self->attendee;
}

gint64
mp_check_in_result_get_checkin_id (MpCheckInResult *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_RESULT (self), 0);
  return self->checkin_id;
}

gint64
mp_check_in_result_get_at (MpCheckInResult *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_RESULT (self), 0);
  return self->at;
}

const char *
mp_check_in_result_get_desk (MpCheckInResult *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_RESULT (self), NULL);
  return self->desk;
}

gboolean
mp_check_in_result_is_admitted (MpCheckInResult *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_RESULT (self), FALSE);
  return self->outcome == MP_CHECK_IN_CHECKED_IN;
}

char *
mp_check_in_result_dup_message (MpCheckInResult *self)
{
  const char *name = "";
  const char *organisation = "";

  g_return_val_if_fail (MP_IS_CHECK_IN_RESULT (self), NULL);

  if (self->attendee != NULL)
    {
      name = mp_attendee_get_name (self->attendee);
      organisation = mp_attendee_get_organisation (self->attendee);
    }

  switch (self->outcome)
    {
    case MP_CHECK_IN_CHECKED_IN:
      if (organisation[0] != '\0')
        /* Translators: "Welcome, Kari Nordmann (NAV Vestland)" */
        return g_strdup_printf (_("Welcome, %s (%s)"), name, organisation);
      return g_strdup_printf (_("Welcome, %s"), name);

    case MP_CHECK_IN_ALREADY:
      {
        g_autofree char *clock = mp_time_format_clock (self->at);

        if (self->desk[0] != '\0')
          /* Translators: "Kari Nordmann is already checked in at 08.42 (desk 2)" */
          return g_strdup_printf (_("%s is already checked in at %s (%s)"), name, clock, self->desk);
        return g_strdup_printf (_("%s is already checked in at %s"), name, clock);
      }

    case MP_CHECK_IN_WRONG_EVENT:
      return g_strdup (_("This ticket is not for this event"));

    case MP_CHECK_IN_CANCELLED:
      return g_strdup_printf (_("The registration of %s was cancelled"), name);

    case MP_CHECK_IN_WAITLISTED:
      return g_strdup_printf (_("%s is on the waiting list"), name);

    case MP_CHECK_IN_NOT_VALID:
      return g_strdup (_("This ticket is no longer valid"));

    case MP_CHECK_IN_NOT_A_TICKET:
    default:
      return g_strdup (_("This is not a Møteplass ticket"));
    }
}

const char *
mp_check_in_result_get_advice (MpCheckInResult *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_RESULT (self), NULL);

  switch (self->outcome)
    {
    case MP_CHECK_IN_CHECKED_IN:
      return _("Checked in. Ready for the next ticket.");
    case MP_CHECK_IN_ALREADY:
      return _("Nothing was recorded. If this is someone else, find them by name.");
    case MP_CHECK_IN_WRONG_EVENT:
      return _("Nothing was recorded. Check the date and event on the ticket, or find the person by name.");
    case MP_CHECK_IN_CANCELLED:
      return _("Nothing was recorded. Register the person again if they are welcome today.");
    case MP_CHECK_IN_WAITLISTED:
      return _("Nothing was recorded. Ask the organiser whether there is room.");
    case MP_CHECK_IN_NOT_VALID:
      return _("Nothing was recorded. The holder’s data was erased; register the person again if they are welcome today.");
    case MP_CHECK_IN_NOT_A_TICKET:
    default:
      return _("Nothing was recorded. Scan the QR code on the ticket, or find the person by name.");
    }
}
