#define G_LOG_DOMAIN "mp-demo-events"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mp-database-private.h"
#include "mp-demo-events.h"
#include "mp-demo.h"
#include "mp-time.h"

static gint64
local_today_at (int days_from_now,
                int hour,
                int minute)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, days_from_now);
  g_autoptr(GDateTime) at = g_date_time_new_local (g_date_time_get_year (day),
                                                   g_date_time_get_month (day),
                                                   g_date_time_get_day_of_month (day),
                                                   hour, minute, 0);
  return g_date_time_to_unix (at);
}

/* Arrivals spread around the start, as they come: most in the quarter
 * hour before, a few late. */
static gboolean
arrive (MpStore     *store,
        gint64       registration_id,
        gint64       at,
        const char  *desk,
        GError     **error)
{
  MpDatabase *db = mp_store_get_database (store);
  g_autofree char *uuid = _mp_uuid_new ();
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db,
                                                    "INSERT INTO checkin (uuid, registration_id, desk, at) VALUES (?, ?, ?, ?)",
                                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, registration_id);
  sqlite3_bind_text (stmt, 3, desk, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, at);
  return _mp_database_step_done (db, stmt, error);
}

static gboolean
add_event (MpStore      *store,
           GRand        *rand,
           const char   *title,
           MpEventKind   kind,
           const char   *venue,
           const char   *description,
           gint64        starts_at,
           gint64        ends_at,
           int           capacity,
           guint         n_people,
           double        share_arrived,
           GError      **error)
{
  g_autoptr(MpEvent) event = mp_event_new ();
  gint64 now = mp_time_now ();

  mp_event_set_title (event, title);
  mp_event_set_kind (event, kind);
  mp_event_set_venue (event, venue);
  mp_event_set_description (event, description);
  mp_event_set_starts_at (event, starts_at);
  mp_event_set_ends_at (event, ends_at);
  mp_event_set_capacity (event, capacity);
  /* fictional people: removed together with Remove Example Events */
  mp_event_set_example (event, TRUE);
  mp_event_set_contact (event, "Kari Nordmann, 55 23 90 00");

  if (!mp_store_add_event (store, event, error))
    return FALSE;

  for (guint i = 0; i < n_people; i++)
    {
      MpRegistrationInput input = { 0, };
      g_autoptr(MpAttendee) attendee = NULL;
      g_autoptr(GError) local_error = NULL;
      double roll = g_rand_double (rand);

      mp_demo_fill_input (rand, &input);
      input.source = MP_REGISTRATION_SOURCE_IMPORT;
      if (i >= n_people - 3)
        input.source = MP_REGISTRATION_SOURCE_DESK; /* walk-ins */
      else if (roll < 0.04)
        input.status = MP_REGISTRATION_STATUS_CANCELLED;
      else if (capacity > 0 && i >= (guint) capacity)
        input.status = MP_REGISTRATION_STATUS_WAITLISTED;

      attendee = mp_store_register (store, mp_event_get_id (event), &input, &local_error);
      mp_registration_input_clear (&input);

      if (attendee == NULL)
        {
          /* the generator may repeat a person: that is a merge, not a failure */
          if (g_error_matches (local_error, MP_ERROR, MP_ERROR_EXISTS))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (mp_attendee_get_status (attendee) == MP_REGISTRATION_STATUS_REGISTERED &&
          (input.source == MP_REGISTRATION_SOURCE_DESK || g_rand_double (rand) < share_arrived))
        {
          gint64 at = starts_at - 25 * 60 + (gint64) (g_rand_double (rand) * g_rand_double (rand) * 45 * 60);

          if (at <= now && !arrive (store, mp_attendee_get_registration_id (attendee), at,
                                    g_rand_boolean (rand) ? "Desk 1" : "Desk 2", error))
            return FALSE;
        }
    }

  return TRUE;
}

gboolean
mp_demo_populate (MpStore  *store,
                  GError  **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260308);
  gint64 today = local_today_at (0, 9, 0);
  MpDatabase *db = mp_store_get_database (store);

  if (!_mp_database_begin (db, error))
    return FALSE;

  if (!add_event (store, rand,
                  _("Dialogue meeting: integration and volunteering"),
                  MP_EVENT_KIND_DIALOGUE_MEETING,
                  "Fylkeshuset, Agnes Mowinckels gate 5, Bergen",
                  _("Municipalities, NAV, NGOs, immigrant councils and volunteer centres meet to share what works."),
                  local_today_at (-30, 9, 0), local_today_at (-30, 12, 0), 80, 64, 0.85, error) ||
      !add_event (store, rand,
                  _("Dialogue meeting: volunteering as a way into work"),
                  MP_EVENT_KIND_DIALOGUE_MEETING,
                  "Fylkeshuset, Agnes Mowinckels gate 5, Bergen",
                  _("How volunteer work, language practice and mentors help newcomers into jobs."),
                  today, today + 3 * 3600, 70, 62, 0.55, error) ||
      !add_event (store, rand,
                  _("Breakfast seminar: inclusion in local sports clubs"),
                  MP_EVENT_KIND_BREAKFAST_MEETING,
                  "Bergen Frivilligsentral, Kong Oscars gate 15",
                  _("Coffee, rolls and three short talks from clubs that opened their doors."),
                  local_today_at (7, 8, 0), local_today_at (7, 9, 30), 50, 58, 0, error))
    {
      _mp_database_rollback (db);
      return FALSE;
    }

  return _mp_database_commit (db, error);
}
