/* What opening an event asks of the store, made fast without a wrong
 * answer. Counts: the same from every path (one event, the events list,
 * a plain SQL definition), and never stale after a change made here or
 * by another desk on the same file. The search index built ahead on a
 * thread: the same index, and not used once names have changed. */
#include "config.h"

#include <sqlite3.h>

#include "mp-attendee-index.h"
#include "mp-database-private.h"
#include "mp-test-util.h"

/* Registered and arrived as DESIGN.md defines them, written the slow and
 * obvious way: a registration has arrived when it has a check-in that is
 * not an undo and has not been undone. */
static void
slow_counts (MpTestFixture *f,
             gint64         event_id,
             MpEventCounts *out)
{
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (_mp_database_get_handle (f->db),
                                       "SELECT"
                                       " (SELECT count(*) FROM registration WHERE event_id = ?1 AND status = 'registered'),"
                                       " (SELECT count(*) FROM registration WHERE event_id = ?1 AND status = 'waitlisted'),"
                                       " (SELECT count(*) FROM registration WHERE event_id = ?1 AND status = 'cancelled'),"
                                       " (SELECT count(*) FROM registration r WHERE r.event_id = ?1 AND EXISTS"
                                       "   (SELECT 1 FROM checkin c WHERE c.registration_id = r.id AND c.undoes IS NULL"
                                       "    AND c.id NOT IN (SELECT undoes FROM checkin WHERE undoes IS NOT NULL))),"
                                       " (SELECT count(*) FROM registration r WHERE r.event_id = ?1"
                                       "   AND r.source IN ('desk', 'kiosk') AND EXISTS"
                                       "   (SELECT 1 FROM checkin c WHERE c.registration_id = r.id AND c.undoes IS NULL"
                                       "    AND c.id NOT IN (SELECT undoes FROM checkin WHERE undoes IS NOT NULL)))",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, event_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  out->registered = sqlite3_column_int (stmt, 0);
  out->waitlisted = sqlite3_column_int (stmt, 1);
  out->cancelled = sqlite3_column_int (stmt, 2);
  out->arrived = sqlite3_column_int (stmt, 3);
  out->walk_ins = sqlite3_column_int (stmt, 4);
  sqlite3_finalize (stmt);
}

static void
assert_counts_equal (const MpEventCounts *a,
                     const MpEventCounts *b)
{
  g_assert_cmpuint (a->registered, ==, b->registered);
  g_assert_cmpuint (a->waitlisted, ==, b->waitlisted);
  g_assert_cmpuint (a->cancelled, ==, b->cancelled);
  g_assert_cmpuint (a->arrived, ==, b->arrived);
  g_assert_cmpuint (a->walk_ins, ==, b->walk_ins);
}

/* The events list, the counts it leaves behind for the event, and the
 * counts of a store that has read nothing yet, all agree with the
 * plain definition. */
static void
assert_counts_agree (MpTestFixture *f,
                     gint64         event_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(MpDatabase) db2 = NULL;
  g_autoptr(MpStore) fresh = NULL;
  MpEventCounts expected, counts;
  gboolean listed = FALSE;

  slow_counts (f, event_id, &expected);

  events = mp_store_list_events (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      MpEvent *event = g_ptr_array_index (events, i);

      if (mp_event_get_id (event) != event_id)
        continue;
      g_assert_cmpuint (mp_event_get_registered (event), ==, expected.registered);
      g_assert_cmpuint (mp_event_get_arrived (event), ==, expected.arrived);
      listed = TRUE;
    }
  g_assert_true (listed);

  g_assert_true (mp_store_get_counts (f->store, event_id, &counts, &error));
  g_assert_no_error (error);
  assert_counts_equal (&counts, &expected);

  db2 = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  fresh = mp_store_new (db2);
  g_assert_true (mp_store_get_counts (fresh, event_id, &counts, &error));
  g_assert_no_error (error);
  assert_counts_equal (&counts, &expected);
}

static gint64
check_in (MpStore    *store,
          gint64      event_id,
          MpAttendee *attendee)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCheckInResult) result =
    mp_store_check_in_registration (store, event_id, mp_attendee_get_registration_id (attendee), "Dør 1", &error);

  g_assert_no_error (error);
  g_assert_cmpint (mp_check_in_result_get_outcome (result), ==, MP_CHECK_IN_CHECKED_IN);
  return mp_check_in_result_get_checkin_id (result);
}

/* Two events in one file, with check-ins, undos, a second check-in after
 * an undo, a cancellation and a walk-in: every path counts the same. */
static void
test_counts_agree (MpTestFixture *f,
                   gconstpointer  data)
{
  gint64 e1 = mp_test_add_event (f->store, "Dialogmøte");
  gint64 e2 = mp_test_add_event (f->store, "Frokostmøte");
  gint64 e3 = mp_test_add_event (f->store, "Tomt verksted");
  g_autoptr(GError) error = NULL;
  MpRegistrationInput walk_in = { .name = "Walk In", .source = MP_REGISTRATION_SOURCE_DESK };
  g_autoptr(MpAttendee) a = mp_test_register (f->store, e1, "Aud Aasen", NULL, NULL, NULL);
  g_autoptr(MpAttendee) b = mp_test_register (f->store, e1, "Bjørn Berg", NULL, NULL, NULL);
  g_autoptr(MpAttendee) c = mp_test_register (f->store, e1, "Cecilie Dahl", NULL, NULL, NULL);
  g_autoptr(MpAttendee) d = mp_test_register (f->store, e2, "Aud Aasen", NULL, NULL, NULL);
  g_autoptr(MpAttendee) w = mp_store_register (f->store, e2, &walk_in, &error);
  gint64 undone;

  g_assert_no_error (error);
  check_in (f->store, e1, a);
  undone = check_in (f->store, e1, b);
  g_assert_true (mp_store_undo_check_in (f->store, undone, "Dør 1", &error));
  undone = check_in (f->store, e1, c);
  g_assert_true (mp_store_undo_check_in (f->store, undone, "Dør 1", &error));
  check_in (f->store, e1, c);
  check_in (f->store, e2, d);
  check_in (f->store, e2, w);
  g_assert_true (mp_store_set_status (f->store, mp_attendee_get_registration_id (a),
                                      MP_REGISTRATION_STATUS_CANCELLED, &error));
  g_assert_true (mp_store_set_status (f->store, mp_attendee_get_registration_id (b),
                                      MP_REGISTRATION_STATUS_WAITLISTED, &error));
  g_assert_no_error (error);

  assert_counts_agree (f, e1);
  assert_counts_agree (f, e2);
  assert_counts_agree (f, e3);

  {
    MpEventCounts counts;

    g_assert_true (mp_store_get_counts (f->store, e1, &counts, &error));
    g_assert_cmpuint (counts.registered, ==, 1);
    g_assert_cmpuint (counts.waitlisted, ==, 1);
    g_assert_cmpuint (counts.cancelled, ==, 1);
    g_assert_cmpuint (counts.arrived, ==, 2);   /* Aud (cancelled since) and Cecilie again */
    g_assert_cmpuint (counts.walk_ins, ==, 0);
    g_assert_true (mp_store_get_counts (f->store, e2, &counts, &error));
    g_assert_cmpuint (counts.arrived, ==, 2);
    g_assert_cmpuint (counts.walk_ins, ==, 1);
  }
}

/* Counts asked twice in a row may be remembered, but a change made
 * through this store, or by another desk on the same file, shows at
 * once. */
static void
test_counts_never_stale (MpTestFixture *f,
                         gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpAttendee) a = mp_test_register (f->store, e, "Aud Aasen", NULL, NULL, NULL);
  g_autoptr(MpAttendee) b = mp_test_register (f->store, e, "Bjørn Berg", NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db2 = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
  g_autoptr(MpStore) desk2 = mp_store_new (db2);
  g_autoptr(MpAttendee) walk_in = NULL;
  g_autoptr(MpEvent) event = NULL;
  MpEventCounts counts;
  gint64 checkin_id;

  g_assert_no_error (error);

  g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
  g_assert_cmpuint (counts.arrived, ==, 0);
  g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
  g_assert_cmpuint (counts.registered, ==, 2);

  /* the events list counts every event; a check-in by the other desk
   * after it is seen by the next question */
  {
    g_autoptr(GPtrArray) events = mp_store_list_events (f->store, &error);
    g_autoptr(MpAttendee) c = mp_test_register (desk2, e, "Cecilie Dahl", NULL, NULL, NULL);
    gint64 undo = check_in (desk2, e, c);

    g_assert_cmpuint (events->len, ==, 1);
    g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
    g_assert_cmpuint (counts.registered, ==, 3);
    g_assert_cmpuint (counts.arrived, ==, 1);
    g_assert_true (mp_store_undo_check_in (desk2, undo, "Dør 2", &error));
    g_assert_true (mp_store_set_status (desk2, mp_attendee_get_registration_id (c),
                                        MP_REGISTRATION_STATUS_CANCELLED, &error));
    g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
    g_assert_cmpuint (counts.registered, ==, 2);
    g_assert_cmpuint (counts.cancelled, ==, 1);
    g_assert_cmpuint (counts.arrived, ==, 0);
  }

  /* here */
  checkin_id = check_in (f->store, e, a);
  g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
  g_assert_cmpuint (counts.arrived, ==, 1);

  /* the other desk, which had asked before */
  g_assert_true (mp_store_get_counts (desk2, e, &counts, &error));
  g_assert_cmpuint (counts.arrived, ==, 1);
  check_in (desk2, e, b);
  g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
  g_assert_cmpuint (counts.arrived, ==, 2);
  event = mp_store_get_event (f->store, e, &error);
  g_assert_cmpuint (mp_event_get_arrived (event), ==, 2);

  /* an undo there, a walk-in here */
  g_assert_true (mp_store_undo_check_in (desk2, checkin_id, "Dør 2", &error));
  g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
  g_assert_cmpuint (counts.arrived, ==, 1);
  walk_in = mp_test_register (f->store, e, "Karim Haddad", NULL, NULL, NULL);
  g_assert_true (mp_store_get_counts (desk2, e, &counts, &error));
  g_assert_cmpuint (counts.registered, ==, 3);
  g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
  g_assert_cmpuint (counts.registered, ==, 3);

  /* another event's counts are not this one's */
  {
    gint64 other = mp_test_add_event (f->store, "Frokostmøte");

    g_assert_true (mp_store_get_counts (f->store, other, &counts, &error));
    g_assert_cmpuint (counts.registered, ==, 0);
    g_assert_cmpuint (counts.arrived, ==, 0);
    g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
    g_assert_cmpuint (counts.registered, ==, 3);
  }
}

static void
register_many (MpStore *store,
               gint64   event_id,
               guint    n)
{
  static const char *first[] = { "Aud", "Bjørn", "Åse", "Øystein", "Kari", "Ola", "Sørvi", "Ægir" };
  static const char *last[] = { "Aasen", "Østby", "Sørensen", "Haddad", "Nordmann", "Berg" };

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s %u", first[i % G_N_ELEMENTS (first)],
                                               last[i / G_N_ELEMENTS (first) % G_N_ELEMENTS (last)], i);
      g_autoptr(MpAttendee) attendee = mp_test_register (store, event_id, name, NULL, NULL, NULL);
    }
}

static void
assert_same_index (MpAttendeeIndex *a,
                   MpAttendeeIndex *b)
{
  const char *queries[] = { "", "aasen", "sorensen", "ostby", "ø", "kari 1", "zzz" };

  g_assert_cmpuint (mp_attendee_index_get_n_attendees (a), ==, mp_attendee_index_get_n_attendees (b));
  for (guint i = 0; i < mp_attendee_index_get_n_attendees (a); i++)
    g_assert_cmpint (mp_attendee_index_get_registration_id (a, i), ==,
                     mp_attendee_index_get_registration_id (b, i));
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      guint n_a = 0, n_b = 0;
      g_autoptr(GArray) hits_a = mp_attendee_index_search (a, queries[q], 0, &n_a);
      g_autoptr(GArray) hits_b = mp_attendee_index_search (b, queries[q], 0, &n_b);

      g_assert_cmpuint (n_a, ==, n_b);
      g_assert_cmpmem (hits_a->data, hits_a->len * sizeof (guint), hits_b->data, hits_b->len * sizeof (guint));
    }
}

/* The index built ahead on a thread is the index built on demand. */
static void
test_prefetched_index_is_the_same (MpTestFixture *f,
                                   gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db2 = NULL;
  g_autoptr(MpStore) store2 = NULL;
  g_autoptr(MpAttendeeIndex) prefetched = NULL;
  g_autoptr(MpAttendeeIndex) built = NULL;
  g_autoptr(MpAttendeeIndex) again = NULL;

  register_many (f->store, e, 300);

  db2 = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  store2 = mp_store_new (db2);
  mp_store_prefetch_attendee_index (store2, e);
  prefetched = mp_store_get_attendee_index (store2, e, &error);
  g_assert_no_error (error);
  built = mp_store_get_attendee_index (f->store, e, &error);
  g_assert_no_error (error);

  g_assert_true (prefetched != built);
  g_assert_cmpuint (mp_attendee_index_get_n_attendees (prefetched), ==, 300);
  assert_same_index (prefetched, built);
  {
    guint n = 0, expected = 0;
    g_autoptr(GArray) hits = mp_attendee_index_search (prefetched, "sorensen", 0, &n);

    for (guint i = 0; i < 300; i++)
      expected += (i / 8 % 6 == 2);   /* last names as register_many() gives them */
    g_assert_cmpuint (n, ==, expected);
  }

  /* kept like any other index */
  again = mp_store_get_attendee_index (store2, e, &error);
  g_assert_true (again == prefetched);
}

/* A name that changes while the index is being built ahead is not
 * missed: the prefetched index is older than the names and is built
 * again. */
static void
test_prefetched_index_not_stale (MpTestFixture *f,
                                 gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(GError) error = NULL;
  g_autoptr(MpAttendeeIndex) index = NULL;
  g_autoptr(MpAttendee) walk_in = NULL;
  g_autoptr(GArray) hits = NULL;
  guint n = 0;

  register_many (f->store, e, 200);
  mp_store_prefetch_attendee_index (f->store, e);
  /* a second request while one runs changes nothing */
  mp_store_prefetch_attendee_index (f->store, e);
  walk_in = mp_test_register (f->store, e, "Karim Haddad-Sørli", NULL, NULL, NULL);

  index = mp_store_get_attendee_index (f->store, e, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_attendee_index_get_n_attendees (index), ==, 201);
  hits = mp_attendee_index_search (index, "sorli", 0, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (mp_attendee_index_get_registration_id (index, g_array_index (hits, guint, 0)), ==,
                   mp_attendee_get_registration_id (walk_in));
}

/* A store that goes away before anyone asks waits for its thread and
 * leaks nothing (the sanitizer build checks); one for an event that
 * does not exist, or in a file that went away, builds nothing. */
static void
test_prefetch_unused (MpTestFixture *f,
                      gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(GError) error = NULL;
  g_autoptr(MpAttendeeIndex) index = NULL;

  register_many (f->store, e, 50);
  {
    g_autoptr(MpDatabase) db2 = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
    g_autoptr(MpStore) store2 = mp_store_new (db2);

    mp_store_prefetch_attendee_index (store2, e);
  }

  mp_store_prefetch_attendee_index (f->store, e + 100);
  index = mp_store_get_attendee_index (f->store, e + 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_attendee_index_get_n_attendees (index), ==, 0);
  g_clear_object (&index);

  index = mp_store_get_attendee_index (f->store, e, &error);
  g_assert_cmpuint (mp_attendee_index_get_n_attendees (index), ==, 50);
}

static gint64
cache_size (MpTestFixture *f)
{
  sqlite3_stmt *stmt;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (_mp_database_get_handle (f->db), "PRAGMA cache_size", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The window keeps a small page cache; a large import has a large one
 * while it runs, and gives it back, whether it succeeds or not. */
static void
test_import_page_cache_given_back (MpTestFixture *f,
                                   gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Konferanse");
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  MpImportCounts counts;
  gint64 before = cache_size (f);

  g_assert_cmpint (before, ==, -8192);
  for (guint i = 0; i < 2500; i++)
    {
      MpRegistrationInput *input = g_new0 (MpRegistrationInput, 1);

      input->name = g_strdup_printf ("Deltaker %u", i);
      input->source = MP_REGISTRATION_SOURCE_IMPORT;
      g_ptr_array_add (inputs, input);
    }
  /* the strings are freed by hand below: g_free alone frees the struct */
  g_assert_true (mp_store_import (f->store, e, inputs, FALSE, &counts, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.new_registrations, ==, 2500);
  g_assert_cmpint (cache_size (f), ==, before);

  /* a failing one: a row with no name */
  ((MpRegistrationInput *) g_ptr_array_index (inputs, 2000))->name[0] = '\0';
  g_assert_false (mp_store_import (f->store, e, inputs, FALSE, &counts, NULL, NULL, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_assert_cmpint (cache_size (f), ==, before);

  for (guint i = 0; i < inputs->len; i++)
    g_free (((MpRegistrationInput *) g_ptr_array_index (inputs, i))->name);
}

/* A store whose index is being read ahead on a thread, with another
 * desk checking in meanwhile: the events list and the counts are the
 * file's, before and after. */
static void
test_counts_beside_prefetch (MpTestFixture *f,
                        gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  gint64 empty = mp_test_add_event (f->store, "Tomt seminar");
  g_autoptr(MpAttendee) a = mp_test_register (f->store, e, "Aud Aasen", NULL, NULL, NULL);
  g_autoptr(MpAttendee) b = mp_test_register (f->store, e, "Bjørn Berg", NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  MpEventCounts expected, counts;

  register_many (f->store, e, 100);
  check_in (f->store, e, a);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(MpDatabase) db2 = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
      g_autoptr(MpStore) store2 = mp_store_new (db2);
      g_autoptr(GPtrArray) events = NULL;

      g_assert_no_error (error);
      mp_store_prefetch_attendee_index (store2, e);
      if (round == 1)
        check_in (f->store, e, b);   /* another desk, after the thread began */

      events = mp_store_list_events (store2, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (events->len, ==, 2);
      for (guint i = 0; i < events->len; i++)
        {
          MpEvent *event = g_ptr_array_index (events, i);

          slow_counts (f, mp_event_get_id (event), &expected);
          g_assert_cmpuint (mp_event_get_registered (event), ==, expected.registered);
          g_assert_cmpuint (mp_event_get_arrived (event), ==, expected.arrived);
          g_assert_true (mp_store_get_counts (store2, mp_event_get_id (event), &counts, &error));
          assert_counts_equal (&counts, &expected);
        }
      g_assert_true (mp_store_get_counts (store2, e, &counts, &error));
      g_assert_cmpuint (counts.registered, ==, 102);
      g_assert_cmpuint (counts.arrived, ==, round + 1);
      g_assert_true (mp_store_get_counts (store2, empty, &counts, &error));
      g_assert_cmpuint (counts.registered, ==, 0);
    }
}

/* Counts read inside a transaction that is then rolled back are not
 * kept: the next question has the figures of the file. */
static void
test_counts_after_rollback (MpTestFixture *f,
                            gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpAttendee) a = mp_test_register (f->store, e, "Aud Aasen", NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  MpEventCounts counts;

  g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
  g_assert_cmpuint (counts.registered, ==, 1);

  g_assert_true (_mp_database_begin (f->db, &error));
  {
    g_autoptr(MpAttendee) b = mp_test_register (f->store, e, "Bjørn Berg", NULL, NULL, NULL);

    check_in (f->store, e, b);
  }
  g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
  g_assert_cmpuint (counts.registered, ==, 2);
  g_assert_cmpuint (counts.arrived, ==, 1);
  events = mp_store_list_events (f->store, &error);
  g_assert_cmpuint (mp_event_get_registered (g_ptr_array_index (events, 0)), ==, 2);
  _mp_database_rollback (f->db);

  g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
  g_assert_cmpuint (counts.registered, ==, 1);
  g_assert_cmpuint (counts.arrived, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = mp_store_list_events (f->store, &error);
  g_assert_cmpuint (mp_event_get_registered (g_ptr_array_index (events, 0)), ==, 1);
  g_assert_cmpuint (mp_event_get_arrived (g_ptr_array_index (events, 0)), ==, 0);
  g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
  g_assert_cmpuint (counts.registered, ==, 1);
}

static gint64
query_int (MpDatabase *db,
           const char *sql,
           gint64      arg)
{
  sqlite3_stmt *stmt;
  gint64 value = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (_mp_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, arg);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
exec_sql (MpDatabase *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (_mp_database_get_handle (db), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Every registration's current check-in and every event's counts, as
 * the database keeps them, against the definitions written out the
 * slow way (the current check-in: standing, i.e. not an undo and not
 * undone, and of those the earliest by time, then UUID). */
static void
assert_derived_right (MpTestFixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 wrong;

  wrong = query_int (f->db,
                     "SELECT count (*) FROM registration r WHERE r.checkin_id IS NOT ("
                     " SELECT c.id FROM checkin c WHERE c.registration_id = r.id AND c.undoes IS NULL"
                     "  AND c.id NOT IN (SELECT undoes FROM checkin WHERE undoes IS NOT NULL)"
                     "  AND NOT EXISTS (SELECT 1 FROM checkin e WHERE e.registration_id = r.id AND e.undoes IS NULL"
                     "   AND e.id NOT IN (SELECT undoes FROM checkin WHERE undoes IS NOT NULL)"
                     "   AND (e.at < c.at OR (e.at = c.at AND e.uuid < c.uuid))))", 0);
  g_assert_cmpint (wrong, ==, 0);

  for (gint64 e = 1; e <= query_int (f->db, "SELECT max (id) FROM event", 0); e++)
    {
      MpEventCounts expected, counts;

      if (query_int (f->db, "SELECT count (*) FROM event WHERE id = ?", e) == 0)
        {
          g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM event_counts WHERE event_id = ?", e), ==, 0);
          continue;
        }
      slow_counts (f, e, &expected);
      g_assert_true (mp_store_get_counts (f->store, e, &counts, &error));
      g_assert_no_error (error);
      assert_counts_equal (&counts, &expected);
    }
}

/* The counts and the current check-in are kept right by the database
 * whoever writes: this store, another desk's, and SQL as the hub's
 * worker, the CLI or an older program writes it (check-ins admitted
 * offline with any time, undos, deleted rows, statuses, sources and
 * events changed, registrations deleted), in a long random sequence. */
static void
test_counts_kept_by_every_writer (MpTestFixture *f,
                                  gconstpointer  data)
{
  static const char *statuses[] = { "registered", "waitlisted", "cancelled" };
  static const char *sources[] = { "import", "kiosk", "desk", "manual" };
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db2 = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
  g_autoptr(MpStore) desk2 = mp_store_new (db2);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20251207);
  gint64 events[3];

  g_assert_no_error (error);
  for (guint e = 0; e < G_N_ELEMENTS (events); e++)
    {
      events[e] = mp_test_add_event (f->store, "Dialogmøte");
      register_many (f->store, events[e], 12);
    }
  assert_derived_right (f);

  for (guint step = 0; step < 1500; step++)
    {
      gint64 max_reg = query_int (f->db, "SELECT max (id) FROM registration", 0);
      gint64 reg = g_rand_int_range (rand, 1, max_reg + 1);
      gint64 event_of = query_int (f->db, "SELECT event_id FROM registration WHERE id = ?", reg);
      gint64 max_checkin = query_int (f->db, "SELECT coalesce (max (id), 0) FROM checkin", 0);
      gint64 some_checkin = max_checkin > 0 ? g_rand_int_range (rand, 1, max_checkin + 1) : 0;
      g_autofree char *sql = NULL;

      switch (g_rand_int_range (rand, 0, 11))
        {
        case 0: case 1:   /* a scan here or at the other desk */
          if (event_of != 0)
            {
              g_autoptr(MpCheckInResult) r =
                mp_store_check_in_registration (g_rand_boolean (rand) ? f->store : desk2, event_of, reg, "Dør", &error);
              g_assert_no_error (error);
            }
          break;
        case 2:           /* an undo at a desk */
          if (query_int (f->db, "SELECT count (*) FROM checkin c WHERE c.id = ? AND c.undoes IS NULL"
                         " AND NOT EXISTS (SELECT 1 FROM checkin u WHERE u.undoes = c.id)", some_checkin))
            {
              g_assert_true (mp_store_undo_check_in (g_rand_boolean (rand) ? f->store : desk2, some_checkin, "Dør", &error));
              g_assert_no_error (error);
            }
          break;
        case 3:           /* an admission from a desk that was offline, at any time */
          if (event_of != 0)
            sql = g_strdup_printf ("INSERT INTO checkin (uuid, registration_id, desk, at)"
                                   " VALUES ('%08x-offline', %" G_GINT64_FORMAT ", 'Frakoblet', %d)",
                                   g_rand_int (rand), reg, g_rand_int_range (rand, 1000, 1010));
          break;
        case 4:           /* an undo pulled from the hub */
          if (query_int (f->db, "SELECT count (*) FROM checkin c WHERE c.id = ? AND c.undoes IS NULL"
                         " AND NOT EXISTS (SELECT 1 FROM checkin u WHERE u.undoes = c.id)", some_checkin))
            sql = g_strdup_printf ("INSERT INTO checkin (uuid, registration_id, desk, at, undoes)"
                                   " SELECT '%08x-undo', registration_id, 'Hub', at + 1, id FROM checkin WHERE id = %" G_GINT64_FORMAT,
                                   g_rand_int (rand), some_checkin);
          break;
        case 5:           /* a check-in deleted (a tombstone from the hub; its undo goes
                           * with it), or its time corrected by hand */
          if (g_rand_boolean (rand))
            sql = g_strdup_printf ("DELETE FROM checkin WHERE id = %" G_GINT64_FORMAT, some_checkin);
          else
            sql = g_strdup_printf ("UPDATE checkin SET at = %d WHERE id = %" G_GINT64_FORMAT,
                                   g_rand_int_range (rand, 1000, 1010), some_checkin);
          break;
        case 6:           /* a status, by the store or by SQL */
          if (g_rand_boolean (rand))
            {
              if (event_of != 0)
                g_assert_true (mp_store_set_status (desk2, reg, g_rand_int_range (rand, 0, 3), &error));
              g_assert_no_error (error);
            }
          else
            sql = g_strdup_printf ("UPDATE registration SET status = '%s' WHERE id = %" G_GINT64_FORMAT,
                                   statuses[g_rand_int_range (rand, 0, 3)], reg);
          break;
        case 7:           /* a source */
          sql = g_strdup_printf ("UPDATE registration SET source = '%s' WHERE id = %" G_GINT64_FORMAT,
                                 sources[g_rand_int_range (rand, 0, 4)], reg);
          break;
        case 8:           /* moved to another event (a pulled row that says so) */
          {
            gint64 to = events[g_rand_int_range (rand, 0, 3)];

            sql = g_strdup_printf ("UPDATE registration SET event_id = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT
                                   " AND NOT EXISTS (SELECT 1 FROM registration o WHERE o.event_id = %" G_GINT64_FORMAT
                                   "  AND o.person_id = registration.person_id)", to, reg, to);
          }
          break;
        case 9:           /* a walk-in, at the desk or the kiosk */
          {
            g_autofree char *name = g_strdup_printf ("Gjest %u", step);
            MpRegistrationInput input = { .name = name, .source = g_rand_boolean (rand) ? MP_REGISTRATION_SOURCE_DESK
                                                                                        : MP_REGISTRATION_SOURCE_KIOSK };
            g_autoptr(MpAttendee) a = mp_store_register (desk2, events[g_rand_int_range (rand, 0, 3)], &input, &error);

            g_assert_no_error (error);
          }
          break;
        default:          /* a registration deleted, check-ins and all */
          if (g_rand_int_range (rand, 0, 4) == 0)
            sql = g_strdup_printf ("DELETE FROM consent WHERE registration_id = %" G_GINT64_FORMAT ";"
                                   "DELETE FROM registration WHERE id = %" G_GINT64_FORMAT, reg, reg);
          break;
        }
      if (sql != NULL)
        exec_sql (g_rand_boolean (rand) ? f->db : db2, sql);
      if (step % 100 == 99)
        assert_derived_right (f);
    }

  /* a whole event deleted: its counts go with it */
  g_assert_true (mp_store_delete_event (f->store, events[1], &error));
  g_assert_no_error (error);
  assert_derived_right (f);
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM checkin", 0), >, 100);
}

/* A scan's result carries the counts after it, read in its own
 * transaction, even when another desk wrote just before: arrived goes
 * up by one per check-in here and per check-in there. */
static void
test_counts_in_check_in_results (MpTestFixture *f,
                                 gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db2 = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
  g_autoptr(MpStore) desk2 = mp_store_new (db2);
  g_autoptr(GPtrArray) attendees = NULL;
  MpEventCounts counts;

  register_many (f->store, e, 20);
  attendees = mp_store_list_attendees (f->store, e, &error);
  for (guint i = 0; i < 10; i++)
    {
      MpAttendee *here = attendees->pdata[i], *there = attendees->pdata[10 + i];
      g_autofree char *ticket = mp_attendee_dup_ticket_text (here);
      g_autoptr(MpCheckInResult) other = mp_store_check_in_registration (desk2, e, mp_attendee_get_registration_id (there), NULL, &error);
      g_autoptr(MpCheckInResult) result = mp_store_check_in (f->store, e, ticket, NULL, &error);
      g_autoptr(MpCheckInResult) again = mp_store_check_in (f->store, e, ticket, NULL, &error);

      g_assert_no_error (error);
      g_assert_true (mp_check_in_result_get_counts (result, &counts));
      g_assert_cmpuint (counts.arrived, ==, 2 * (i + 1));
      g_assert_cmpuint (counts.registered, ==, 20);
      g_assert_cmpint (mp_check_in_result_get_outcome (again), ==, MP_CHECK_IN_ALREADY);
      g_assert_true (mp_check_in_result_get_counts (again, &counts));
      g_assert_cmpuint (counts.arrived, ==, 2 * (i + 1));
      if (i == 9)
        {
          g_assert_true (mp_store_undo_check_in_full (desk2, mp_check_in_result_get_checkin_id (result), NULL, &counts, &error));
          g_assert_cmpuint (counts.arrived, ==, 19);
        }
    }
  assert_derived_right (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  MP_TEST_ADD ("/counts/agree-everywhere", test_counts_agree);
  MP_TEST_ADD ("/counts/never-stale", test_counts_never_stale);
  MP_TEST_ADD ("/counts/after-rollback", test_counts_after_rollback);
  MP_TEST_ADD ("/index/prefetched-is-the-same", test_prefetched_index_is_the_same);
  MP_TEST_ADD ("/index/prefetched-not-stale", test_prefetched_index_not_stale);
  MP_TEST_ADD ("/index/prefetch-unused", test_prefetch_unused);
  MP_TEST_ADD ("/counts/beside-a-prefetch", test_counts_beside_prefetch);
  MP_TEST_ADD ("/counts/kept-by-every-writer", test_counts_kept_by_every_writer);
  MP_TEST_ADD ("/counts/in-check-in-results", test_counts_in_check_in_results);
  MP_TEST_ADD ("/import/page-cache-given-back", test_import_page_cache_given_back);

  return g_test_run ();
}
