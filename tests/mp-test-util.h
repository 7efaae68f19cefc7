/* Helpers shared by the core tests: a fresh temporary folder per test. */
#pragma once

#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "mp-csv-import.h"
#include "mp-database-private.h"
#include "mp-database.h"
#include "mp-store.h"

/* Runs the main loop for @ms milliseconds: whatever is ready, each
 * millisecond (for tests that drive a window from inside). Only for
 * letting time pass on purpose: to wait for something, use
 * mp_test_wait_until (). */
static inline void
mp_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_get_monotonic_time () < end && g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

/* The SHA-256 of a file's bytes: "left untouched" is the same sum. */
static inline char *
mp_test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

typedef gboolean (*MpTestCondition) (gpointer data);

/* Runs the main loop until @condition (@data) holds, for at most
 * @timeout_ms milliseconds; whether it held. A test asserts the result:
 *   g_assert_true (mp_test_wait_until (import_done, dialog, 10000)); */
static inline gboolean
mp_test_wait_until (MpTestCondition condition,
                    gpointer        data,
                    guint           timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () >= end)
        return condition (data);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}

/* Conditions for mp_test_wait_until () */

/* Nothing is ready to run in the main loop (idles, timeouts due). */
static inline gboolean
mp_test_nothing_pending (gpointer data)
{
  return !g_main_context_pending (NULL);
}

/* *@data, a guint (a count of signals), is not 0. */
static inline gboolean
mp_test_is_nonzero (gpointer data)
{
  return *(guint *) data != 0;
}

/* *@data is NULL (a weak pointer: the object is gone). */
static inline gboolean
mp_test_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* What a GListModel's "items-changed" said last, and how many times
 * it was emitted:
 *   MpTestItemsChanged change = { 0 };
 *   g_signal_connect (model, "items-changed",
 *                     G_CALLBACK (mp_test_record_items_changed), &change); */
typedef struct
{
  guint position, removed, added;
  guint n;
} MpTestItemsChanged;

static inline void
mp_test_record_items_changed (GListModel         *model,
                              guint               position,
                              guint               removed,
                              guint               added,
                              MpTestItemsChanged *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->n++;
}

/* A test of @func at @path, with a fresh MpTestFixture around it. */
#define MP_TEST_ADD(path, func) \
  g_test_add (path, MpTestFixture, NULL, mp_test_fixture_set_up, func, mp_test_fixture_tear_down)

/* A test of @func at @path with the test file's own fixture: a struct
 * named Fixture (usually an MpTestFixture and more), set up by
 * fixture_set_up () and torn down by fixture_tear_down (). */
#define MP_TEST_ADD_OWN(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static inline void
mp_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          mp_test_remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

typedef struct
{
  char       *dir;
  char       *path;
  MpDatabase *db;
  MpStore    *store;
} MpTestFixture;

static inline void
mp_test_fixture_set_up (MpTestFixture *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("moteplass-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->db = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  f->store = mp_store_new (f->db);
}

static inline void
mp_test_fixture_tear_down (MpTestFixture *f,
                           gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->db);
  mp_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static inline gint64
mp_test_add_event (MpStore    *store,
                   const char *title)
{
  g_autoptr(MpEvent) event = mp_event_new ();
  g_autoptr(GError) error = NULL;

  mp_event_set_title (event, title);
  mp_event_set_kind (event, MP_EVENT_KIND_DIALOGUE_MEETING);
  mp_event_set_venue (event, "Fylkeshuset, Bergen");
  mp_event_set_starts_at (event, g_get_real_time () / G_USEC_PER_SEC + 86400);
  mp_store_add_event (store, event, &error);
  g_assert_no_error (error);

  return mp_event_get_id (event);
}

static inline MpAttendee *
mp_test_register (MpStore    *store,
                  gint64      event_id,
                  const char *name,
                  const char *email,
                  const char *organisation,
                  const char *sector)
{
  MpRegistrationInput input = {
    .name = (char *) name,
    .email = (char *) email,
    .organisation = (char *) organisation,
    .sector = (char *) sector,
    .source = MP_REGISTRATION_SOURCE_MANUAL,
  };
  g_autoptr(GError) error = NULL;
  MpAttendee *attendee = mp_store_register (store, event_id, &input, &error);

  g_assert_no_error (error);
  g_assert_nonnull (attendee);
  return attendee;
}

/* The first column of the one row @sql gives on the fixture's
 * connection, e.g. "SELECT count(*) FROM person". */
static inline gint64
mp_test_count_rows (MpTestFixture *f,
                    const char    *sql)
{
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (_mp_database_get_handle (f->db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* A CSV file given as text, read as the import reads a file. */
static inline MpCsvImport *
mp_test_parse_csv (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  MpCsvImport *import = mp_csv_import_new (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

/* @import run into the event, which must succeed. */
static inline MpCsvImportReport *
mp_test_run_import (MpTestFixture    *f,
                    MpCsvImport      *import,
                    gint64            event_id,
                    MpCsvImportFlags  flags)
{
  g_autoptr(GError) error = NULL;
  MpCsvImportReport *report = mp_csv_import_run (import, f->store, event_id, flags,
                                                 NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* The attendee named @name among @attendees; fails the test when there
 * is none. */
static inline MpAttendee *
mp_test_find_attendee (GPtrArray  *attendees,
                       const char *name)
{
  for (guint i = 0; i < attendees->len; i++)
    if (g_strcmp0 (mp_attendee_get_name (attendees->pdata[i]), name) == 0)
      return attendees->pdata[i];
  g_error ("“%s” is not among the attendees", name);
  return NULL;
}

/* The event's attendees, which must list. */
static inline GPtrArray *
mp_test_list_attendees (MpTestFixture *f,
                        gint64         event_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *attendees = mp_store_list_attendees (f->store, event_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (attendees);
  return attendees;
}

/* A person an import should have registered, for mp_test_assert_people (). */
typedef struct
{
  const char *name;
  const char *email;         /* NULL: imported without one */
  const char *organisation;  /* NULL: none */
  const char *sector;        /* NULL: none */
  int         followup;      /* 1 yes, 0 no */
  int         photo;
  const char *dietary;       /* NULL: no need */
  const char *interpreter;
  MpRegistrationStatus status;
} MpTestPerson;

/* The event has exactly @people (in any order), each imported and with
 * every field as given. */
static inline void
mp_test_assert_people (MpTestFixture      *f,
                       gint64              event_id,
                       const MpTestPerson *people,
                       guint               n)
{
  g_autoptr(GPtrArray) attendees = mp_test_list_attendees (f, event_id);

  g_assert_cmpuint (attendees->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      MpAttendee *a = mp_test_find_attendee (attendees, people[i].name);

      g_test_message ("%s", people[i].name);
      g_assert_cmpstr (mp_attendee_get_email (a), ==, people[i].email != NULL ? people[i].email : "");
      g_assert_cmpstr (mp_attendee_get_organisation (a), ==,
                       people[i].organisation != NULL ? people[i].organisation : "");
      g_assert_cmpstr (mp_attendee_get_sector (a), ==, people[i].sector != NULL ? people[i].sector : "");
      g_assert_cmpint (mp_attendee_get_consent_followup (a), ==, people[i].followup);
      g_assert_cmpint (mp_attendee_get_consent_photo (a), ==, people[i].photo);
      g_assert_cmpstr (mp_attendee_get_dietary (a), ==, people[i].dietary != NULL ? people[i].dietary : "");
      g_assert_cmpstr (mp_attendee_get_interpreter (a), ==,
                       people[i].interpreter != NULL ? people[i].interpreter : "");
      g_assert_cmpint (mp_attendee_get_status (a), ==, people[i].status);
      g_assert_cmpint (mp_attendee_get_source (a), ==, MP_REGISTRATION_SOURCE_IMPORT);
    }
}

/* A warning an import should have given: its line and its words. */
typedef struct
{
  guint       line;
  const char *reason;
} MpTestNote;

/* @report has no bad rows and exactly the warnings @notes, in order. */
static inline void
mp_test_assert_notes (MpCsvImportReport *report,
                      const MpTestNote  *notes,
                      guint              n)
{
  g_assert_cmpuint (mp_csv_import_report_get_n_bad_rows (report), ==, 0);
  g_assert_cmpuint (mp_csv_import_report_get_n_warnings (report), ==, n);
  for (guint i = 0; i < n; i++)
    {
      const MpCsvProblem *warning = mp_csv_import_report_get_warning (report, i);

      g_assert_cmpuint (warning->line, ==, notes[i].line);
      g_assert_cmpstr (warning->reason, ==, notes[i].reason);
    }
}
