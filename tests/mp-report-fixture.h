/* The hand-made meetings the report tests share. Their right answers
 * are written in the tests, worked out by hand from this list:
 *
 * "Dialogmøte om integrering", Tuesday 10 March 2026, 09:00–12:00 (Oslo)
 *   who            organisation     sector (own)    answers                         arrives
 *   Kari Nordmann  Bergen kommune   Kommune         diet "Vegetar"                  08:41
 *   Per Hansen     Bergen kommune   (Kommune, org)  diet "vegetar  "                08:52
 *   Ola Berg       Askøy kommune    Kommune         diet "Glutenfri", acc "Rullestol" 08:57
 *   Lise Dahl      NAV Vestland     NAV             diet "Vegetar", interp "Arabisk" 08:58
 *   Ahmed Ali      Røde Kors        Frivillig org.  diet "glutenfri", interp "arabisk" 09:03
 *   Eva Lie        —                —               acc "Teleslynge", interp "Ukrainsk" 09:12, undone
 *   Cancelled Pers —                Kommune         diet "Vegetar", cancelled       —
 *   Walk In        Røde Kors        (Frivillig, org) walk-in at the desk            09:07
 *
 * "Frokostmøte", Wednesday 15 April 2026 08:00: Kari (same e-mail),
 *   Lise (same e-mail), Nina Berg (Bergen frivilligsentral,
 *   Frivilligsentral) arrive; Tor Sand (Næringsliv) does not.
 * "Seminar", Wednesday 20 May 2026 10:00: Ahmed (same e-mail) arrives.
 */
#pragma once

#include "mp-database-private.h"
#include "mp-test-util.h"

#define FIXTURE_E1_START 1773129600   /* 2026-03-10 09:00 Oslo */
#define FIXTURE_E2_START 1776232800   /* 2026-04-15 08:00 Oslo */
#define FIXTURE_E3_START 1779264000   /* 2026-05-20 10:00 Oslo */

typedef struct
{
  gint64 e1, e2, e3;
  gint64 kari_person;
} ReportFixture;

static inline gint64
fixture_event (MpStore     *store,
               const char  *title,
               MpEventKind  kind,
               gint64       starts_at)
{
  g_autoptr(MpEvent) event = mp_event_new ();
  g_autoptr(GError) error = NULL;

  mp_event_set_title (event, title);
  mp_event_set_kind (event, kind);
  mp_event_set_venue (event, "Fylkeshuset, Bergen");
  mp_event_set_starts_at (event, starts_at);
  mp_event_set_ends_at (event, starts_at + 3 * 3600);
  mp_store_add_event (store, event, &error);
  g_assert_no_error (error);

  return mp_event_get_id (event);
}

static inline MpAttendee *
fixture_register (MpStore              *store,
                  gint64                event,
                  const char           *name,
                  const char           *email,
                  const char           *organisation,
                  const char           *sector,
                  const char           *dietary,
                  const char           *accessibility,
                  const char           *interpreter,
                  MpRegistrationSource  source)
{
  MpRegistrationInput input = {
    .name = (char *) name,
    .email = (char *) email,
    .organisation = (char *) organisation,
    .sector = (char *) sector,
    .dietary = (char *) dietary,
    .accessibility = (char *) accessibility,
    .interpreter = (char *) interpreter,
    .consent_followup = MP_CONSENT_YES,
    .source = source,
  };
  g_autoptr(GError) error = NULL;
  MpAttendee *a = mp_store_register (store, event, &input, &error);

  g_assert_no_error (error);
  return a;
}

/* Checks @a in, then moves the check-in to @at (UTC seconds). */
static inline gint64
fixture_arrive (MpStore    *store,
                gint64      event,
                MpAttendee *a,
                gint64      at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCheckInResult) r = mp_store_check_in_registration (store, event, mp_attendee_get_registration_id (a), "Desk 1", &error);
  MpDatabase *db = mp_store_get_database (store);
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  g_assert_cmpint (mp_check_in_result_get_outcome (r), ==, MP_CHECK_IN_CHECKED_IN);

  stmt = _mp_database_prepare_cached (db, "UPDATE checkin SET at = ?1 WHERE registration_id = ?2", &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, at);
  sqlite3_bind_int64 (stmt, 2, mp_attendee_get_registration_id (a));
  g_assert_true (_mp_database_step_done (db, stmt, &error));
  g_assert_no_error (error);

  return mp_check_in_result_get_checkin_id (r);
}

static inline void
fixture_build (MpStore       *store,
               ReportFixture *fx)
{
  g_autoptr(GError) error = NULL;
  gint64 s = FIXTURE_E1_START;
  gint64 undone;

  fx->e1 = fixture_event (store, "Dialogmøte om integrering", MP_EVENT_KIND_DIALOGUE_MEETING, s);
  {
    g_autoptr(MpAttendee) kari = fixture_register (store, fx->e1, "Kari Nordmann", "kari@bergen.kommune.no", "Bergen kommune", "Kommune", "Vegetar", NULL, NULL, MP_REGISTRATION_SOURCE_IMPORT);
    g_autoptr(MpAttendee) per = fixture_register (store, fx->e1, "Per Hansen", "per@bergen.kommune.no", "Bergen kommune", NULL, "vegetar  ", NULL, NULL, MP_REGISTRATION_SOURCE_IMPORT);
    g_autoptr(MpAttendee) ola = fixture_register (store, fx->e1, "Ola Berg", "ola@askoy.kommune.no", "Askøy kommune", "Kommune", "Glutenfri", "Rullestol", NULL, MP_REGISTRATION_SOURCE_IMPORT);
    g_autoptr(MpAttendee) lise = fixture_register (store, fx->e1, "Lise Dahl", "lise@nav.no", "NAV Vestland", "NAV", "Vegetar", NULL, "Arabisk", MP_REGISTRATION_SOURCE_IMPORT);
    g_autoptr(MpAttendee) ahmed = fixture_register (store, fx->e1, "Ahmed Ali", "ahmed@redcross.no", "Røde Kors", "Frivillig organisasjon", "glutenfri", NULL, "arabisk", MP_REGISTRATION_SOURCE_IMPORT);
    g_autoptr(MpAttendee) eva = fixture_register (store, fx->e1, "Eva Lie", "eva@example.no", NULL, NULL, NULL, "Teleslynge", "Ukrainsk", MP_REGISTRATION_SOURCE_MANUAL);
    g_autoptr(MpAttendee) cancelled = fixture_register (store, fx->e1, "Cancelled Person", "cancel@example.no", NULL, "Kommune", "Vegetar", NULL, NULL, MP_REGISTRATION_SOURCE_MANUAL);
    g_autoptr(MpAttendee) walk_in = NULL;

    fx->kari_person = mp_attendee_get_person_id (kari);
    g_assert_true (mp_store_set_status (store, mp_attendee_get_registration_id (cancelled), MP_REGISTRATION_STATUS_CANCELLED, &error));
    fixture_arrive (store, fx->e1, kari, s - 19 * 60);
    fixture_arrive (store, fx->e1, per, s - 8 * 60);
    fixture_arrive (store, fx->e1, ola, s - 3 * 60);
    fixture_arrive (store, fx->e1, lise, s - 2 * 60);
    fixture_arrive (store, fx->e1, ahmed, s + 3 * 60);
    undone = fixture_arrive (store, fx->e1, eva, s + 12 * 60);
    g_assert_true (mp_store_undo_check_in (store, undone, "Desk 1", &error));
    g_assert_no_error (error);
    walk_in = fixture_register (store, fx->e1, "Walk In", NULL, "Røde Kors", NULL, NULL, NULL, NULL, MP_REGISTRATION_SOURCE_DESK);
    fixture_arrive (store, fx->e1, walk_in, s + 7 * 60);
  }

  s = FIXTURE_E2_START;
  fx->e2 = fixture_event (store, "Frokostmøte", MP_EVENT_KIND_BREAKFAST_MEETING, s);
  {
    g_autoptr(MpAttendee) kari = fixture_register (store, fx->e2, "Kari Nordmann", "kari@bergen.kommune.no", "Bergen kommune", "Kommune", NULL, NULL, NULL, MP_REGISTRATION_SOURCE_IMPORT);
    g_autoptr(MpAttendee) lise = fixture_register (store, fx->e2, "Lise Dahl", "LISE@nav.no", "NAV Vestland", "NAV", NULL, NULL, NULL, MP_REGISTRATION_SOURCE_IMPORT);
    g_autoptr(MpAttendee) nina = fixture_register (store, fx->e2, "Nina Berg", "nina@frivilligsentral.no", "Bergen frivilligsentral", "Frivilligsentral", NULL, NULL, NULL, MP_REGISTRATION_SOURCE_IMPORT);
    g_autoptr(MpAttendee) tor = fixture_register (store, fx->e2, "Tor Sand", "tor@firma.no", "Sand AS", "Næringsliv", NULL, NULL, NULL, MP_REGISTRATION_SOURCE_IMPORT);

    g_assert_cmpint (mp_attendee_get_person_id (kari), ==, fx->kari_person);
    fixture_arrive (store, fx->e2, kari, s - 5 * 60);
    fixture_arrive (store, fx->e2, lise, s);
    fixture_arrive (store, fx->e2, nina, s + 60);
    (void) tor;
  }

  s = FIXTURE_E3_START;
  fx->e3 = fixture_event (store, "Seminar om frivillighet", MP_EVENT_KIND_SEMINAR, s);
  {
    g_autoptr(MpAttendee) ahmed = fixture_register (store, fx->e3, "Ahmed Ali", "ahmed@redcross.no", "Røde Kors", "Frivillig organisasjon", NULL, NULL, NULL, MP_REGISTRATION_SOURCE_IMPORT);

    fixture_arrive (store, fx->e3, ahmed, s - 10 * 60);
  }
}

/* A file the export wrote, whole. */
static inline char *
fixture_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}
