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
  MpCheckInException exception;
  char             *other_event_title;
  gint64            other_event_starts_at;
};

G_DEFINE_FINAL_TYPE (MpCheckInResult, mp_check_in_result, G_TYPE_OBJECT)

static void
mp_check_in_result_finalize (GObject *object)
{
  MpCheckInResult *self = (MpCheckInResult *)object;

  g_clear_object (&self->attendee);
  g_clear_pointer (&self->desk, g_free);
  g_clear_pointer (&self->other_event_title, g_free);

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

MpCheckInException
mp_check_in_result_get_exception (MpCheckInResult *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_RESULT (self), MP_CHECK_IN_EXCEPTION_NONE);
  return self->exception;
}

void
mp_check_in_result_set_exception (MpCheckInResult    *self,
                                  MpCheckInException  exception)
{
  g_return_if_fail (MP_IS_CHECK_IN_RESULT (self));
  self->exception = exception;
}

const char *
mp_check_in_result_get_other_event_title (MpCheckInResult *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_RESULT (self), NULL);
  return self->other_event_title;
}

gint64
mp_check_in_result_get_other_event_starts_at (MpCheckInResult *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_RESULT (self), 0);
  return self->other_event_starts_at;
}

void
mp_check_in_result_set_other_event (MpCheckInResult *self,
                                    const char      *title,
                                    gint64           starts_at)
{
  g_return_if_fail (MP_IS_CHECK_IN_RESULT (self));

  g_free (self->other_event_title);
  self->other_event_title = g_strdup (title);
  self->other_event_starts_at = starts_at;
}

gboolean
mp_check_in_result_can_admit_anyway (MpCheckInResult *self)
{
  g_return_val_if_fail (MP_IS_CHECK_IN_RESULT (self), FALSE);
  return (self->outcome == MP_CHECK_IN_WAITLISTED || self->outcome == MP_CHECK_IN_CANCELLED)
         && self->attendee != NULL;
}

static char *
dup_welcome (const char *name,
             const char *organisation)
{
  if (organisation[0] != '\0')
    /* Translators: "Welcome, Kari Nordmann (NAV Vestland)" */
    return g_strdup_printf (_("Welcome, %s (%s)"), name, organisation);
  return g_strdup_printf (_("Welcome, %s"), name);
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
      {
        g_autofree char *welcome = dup_welcome (name, organisation);

        if (self->exception == MP_CHECK_IN_EXCEPTION_NONE)
          return g_steal_pointer (&welcome);
        /* Translators: "Welcome, Kari Nordmann (NAV Vestland). Admitted
         * by exception (waiting list)." */
        return g_strdup_printf (_("%s. Admitted by exception (%s)."), welcome,
                                mp_check_in_exception_get_label (self->exception));
      }

    case MP_CHECK_IN_ALREADY:
      {
        g_autofree char *clock = mp_time_format_clock (self->at);

        if (self->desk[0] != '\0')
          /* Translators: "Kari Nordmann is already checked in at 08.42 (desk 2)" */
          return g_strdup_printf (_("%s is already checked in at %s (%s)"), name, clock, self->desk);
        return g_strdup_printf (_("%s is already checked in at %s"), name, clock);
      }

    case MP_CHECK_IN_WRONG_EVENT:
      if (self->other_event_title != NULL)
        {
          g_autofree char *date = mp_time_format_date (self->other_event_starts_at);

          /* Translators: "This ticket is for Frokostmøte, Tuesday 8
           * December 2026" (another event's title and date) */
          return g_strdup_printf (_("This ticket is for %s, %s"), self->other_event_title, date);
        }
      return g_strdup (_("This ticket is not for this event"));

    case MP_CHECK_IN_CANCELLED:
      {
        gint64 when = self->attendee != NULL ? mp_attendee_get_status_at (self->attendee) : 0;

        if (when != 0)
          {
            g_autofree char *at = mp_time_format_long (when);

            /* Translators: "The registration of Kari Nordmann was
             * cancelled on Tuesday 3 March 2026 at 14:20" */
            return g_strdup_printf (_("The registration of %s was cancelled on %s"), name, at);
          }
        return g_strdup_printf (_("The registration of %s was cancelled"), name);
      }

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
      if (self->exception != MP_CHECK_IN_EXCEPTION_NONE)
        return _("Checked in by exception, recorded with this desk and the time. Ready for the next ticket.");
      return _("Checked in. Ready for the next ticket.");
    case MP_CHECK_IN_ALREADY:
      return _("Nothing was recorded. If this is someone else, find them by name.");
    case MP_CHECK_IN_WRONG_EVENT:
      if (self->other_event_title != NULL)
        return _("Nothing was recorded. The person may have come on the wrong day: tell them when their event is.");
      return _("Nothing was recorded. Check the date and event on the ticket, or find the person by name.");
    case MP_CHECK_IN_CANCELLED:
      return _("Nothing was recorded. If they are welcome today, they can be admitted anyway at the desk; that is recorded as an exception.");
    case MP_CHECK_IN_WAITLISTED:
      return _("Nothing was recorded. If the organiser says there is room, they can be admitted anyway at the desk; that is recorded as an exception.");
    case MP_CHECK_IN_NOT_VALID:
      return _("Nothing was recorded. The holder’s data was erased; register the person again if they are welcome today.");
    case MP_CHECK_IN_NOT_A_TICKET:
    default:
      return _("Nothing was recorded. Scan the QR code on the ticket, or find the person by name.");
    }
}
