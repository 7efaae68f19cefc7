/* A large import in short transactions: nobody sees a part of it, the
 * door stays open while it runs, and a stopped, failed or killed one
 * leaves nothing behind (after the next open), not even on a hub. */
#include "config.h"

#include <sys/wait.h>
#include <unistd.h>

#include "mp-hub-private.h"
#include "mp-import-batch-private.h"
#include "mp-test-util.h"

static gint64
count (MpDatabase *db,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (_mp_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
input_free (gpointer data)
{
  MpRegistrationInput *input = data;

  mp_registration_input_clear (input);
  g_free (input);
}

/* @n rows: new people (with a new organisation each hundred), and the
 * people of seed () again: known ones, who get a phone and a consent
 * from the file. */
static GPtrArray *
make_inputs (guint       n,
             const char *tag)
{
  GPtrArray *inputs = g_ptr_array_new_with_free_func (input_free);

  for (guint i = 0; i < n; i++)
    {
      MpRegistrationInput *input = g_new0 (MpRegistrationInput, 1);

      if (i % 10 == 0)
        {
          input->name = g_strdup_printf ("Kjent %u", i / 10 % 50);
          input->email = g_strdup_printf ("kjent%u@example.no", i / 10 % 50);
          input->phone = g_strdup_printf ("9%07u", i / 10 % 50);
        }
      else
        {
          input->name = g_strdup_printf ("Ny %s %u", tag, i);
          input->email = g_strdup_printf ("ny.%s.%u@example.no", tag, i);
          input->organisation = g_strdup_printf ("Lag %s %u", tag, i / 100);
        }
      input->consent_followup = MP_CONSENT_YES;
      input->status = MP_REGISTRATION_STATUS_REGISTERED;
      input->source = MP_REGISTRATION_SOURCE_IMPORT;
      g_ptr_array_add (inputs, input);
    }
  return inputs;
}

/* Fifty people of another event, without a phone or a consent. */
static gint64
seed (MpTestFixture *f)
{
  gint64 other = mp_test_add_event (f->store, "Vårmøtet");

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("Kjent %u", i);
      g_autofree char *email = g_strdup_printf ("kjent%u@example.no", i);

      g_object_unref (mp_test_register (f->store, other, name, email, NULL, NULL));
    }
  return mp_test_add_event (f->store, "Konferanse");
}

/* What a database holds, in a few numbers that any part of an import
 * would change. */
static char *
state (MpDatabase *db)
{
  return g_strdup_printf ("people %" G_GINT64_FORMAT " registrations %" G_GINT64_FORMAT
                          " consents %" G_GINT64_FORMAT " organisations %" G_GINT64_FORMAT
                          " phones %" G_GINT64_FORMAT " counts %" G_GINT64_FORMAT
                          " batches %" G_GINT64_FORMAT " journal %" G_GINT64_FORMAT " log %" G_GINT64_FORMAT,
                          count (db, "SELECT count (*) FROM person"),
                          count (db, "SELECT count (*) FROM registration"),
                          count (db, "SELECT count (*) FROM consent"),
                          count (db, "SELECT count (*) FROM organisation"),
                          count (db, "SELECT count (*) FROM person WHERE phone IS NOT NULL"),
                          count (db, "SELECT sum (registered) FROM event_counts"),
                          count (db, "SELECT count (*) FROM import_batch"),
                          count (db, "SELECT count (*) FROM import_completed"),
                          count (db, "SELECT count (*) FROM hub_change"));
}

typedef struct
{
  MpTestFixture *f;
  gint64         event_id;
  MpStore       *desk;           /* another program on the same file */
  GCancellable  *cancellable;
  double         stop_at;        /* cancel (or die) once the write is that far */
  gboolean       die;
  guint          looked;
} Watch;

/* The desk while the import writes: none of it is there for anyone. */
static void
look_from_the_desk (Watch *w)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = mp_store_list_attendees (w->desk, w->event_id, &error);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(MpEvent) event = NULL;
  MpDatabase *db = mp_store_get_database (w->desk);
  MpEventCounts counts;

  g_assert_no_error (error);
  /* rows of the batch are in the file (committed chunks) … */
  if (count (db, "SELECT count (*) FROM registration WHERE event_id IN (SELECT event_id FROM import_batch)") == 0)
    return;
  /* … but nobody sees them */
  g_assert_cmpuint (attendees->len, ==, 0);
  g_assert_true (mp_store_get_counts (w->desk, w->event_id, &counts, &error));
  g_assert_cmpuint (counts.registered, ==, 0);
  event = mp_store_get_event (w->desk, w->event_id, &error);
  g_assert_cmpuint (mp_event_get_registered (event), ==, 0);
  found = mp_store_search (w->desk, w->event_id, "Ny", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  w->looked++;
}

static void
on_progress (double   fraction,
             gpointer data)
{
  Watch *w = data;

  if (fraction <= 0.35 || fraction >= 1.0)
    return;
  look_from_the_desk (w);
  if (w->looked >= 2 && fraction >= w->stop_at)
    {
      if (w->die)
        _exit (0);   /* as a kill: nothing is cleaned up */
      g_cancellable_cancel (w->cancellable);
    }
}

static void
run_watched_import (MpTestFixture *f,
                    gint64         event_id,
                    GPtrArray     *inputs,
                    gboolean       die,
                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(MpDatabase) db2 = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &local_error);
  g_autoptr(MpStore) desk = mp_store_new (db2);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Watch w = { f, event_id, desk, cancellable, 0.6, die, 0 };

  g_assert_no_error (local_error);
  /* many short transactions out of a small file */
  g_setenv ("MP_IMPORT_CHUNK_MS", "1", TRUE);
  mp_store_import (f->store, event_id, inputs, FALSE, NULL, cancellable, on_progress, &w, error);
  g_unsetenv ("MP_IMPORT_CHUNK_MS");
  g_assert_cmpuint (w.looked, >=, 2);
}

/* Stopped halfway, after chunks were committed: everything goes again,
 * the phones it gave people known before too, and the hub hears of
 * none of it. */
static void
test_stopped_midway_leaves_nothing (MpTestFixture *f,
                                    gconstpointer  data)
{
  gint64 event_id = seed (f);
  g_autoptr(GPtrArray) inputs = make_inputs (12000, "a");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (_mp_hub_install_capture (f->db, &error));
  g_assert_true (_mp_database_exec (f->db, "DELETE FROM hub_change", NULL));
  before = state (f->db);
  run_watched_import (f, event_id, inputs, FALSE, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_CANCELLED);
  after = state (f->db);
  g_assert_cmpstr (after, ==, before);

  /* and the same file imports whole afterwards */
  g_clear_error (&error);
  g_assert_true (mp_store_import (f->store, event_id, inputs, FALSE, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* 10,800 new people; the fifty known ones come back 24 times each */
  g_assert_cmpint (count (f->db, "SELECT registered FROM event_counts WHERE event_id = 2"), ==, 10850);
  g_assert_cmpint (count (f->db, "SELECT count (*) FROM person WHERE phone IS NOT NULL"), ==, 50);
  g_assert_cmpint (count (f->db, "SELECT count (*) FROM import_batch"), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT count (*) FROM import_completed"), ==, 0);
  /* its changes go to the hub now, once each row */
  g_assert_cmpint (count (f->db, "SELECT count (DISTINCT key) FROM hub_change WHERE tbl = 'registration'"), ==, 10850);
  g_assert_cmpint (count (f->db, "SELECT count (*) FROM hub_change WHERE batch IN (SELECT id FROM import_batch)"), ==, 0);
}

/* Killed halfway (the process simply ends): the next open, by any
 * program, takes out what it wrote. */
static void
test_killed_midway_undone_at_next_open (MpTestFixture *f,
                                        gconstpointer  data)
{
  gint64 event_id;
  g_autofree char *before = NULL;
  g_autofree char *killed = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  pid_t pid;
  int status;

  event_id = seed (f);
  g_assert_true (_mp_hub_install_capture (f->db, &error));
  g_assert_true (_mp_database_exec (f->db, "DELETE FROM hub_change", NULL));
  before = state (f->db);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GPtrArray) inputs = make_inputs (12000, "b");
      g_autoptr(MpDatabase) db = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, NULL);
      g_autoptr(MpStore) store = mp_store_new (db);
      MpTestFixture child = { f->dir, f->path, db, store };

      run_watched_import (&child, event_id, inputs, TRUE, NULL);
      _exit (1);   /* it should have died halfway */
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  /* half of it is in the file, and nobody sees it */
  killed = state (f->db);
  g_assert_cmpstr (killed, !=, before);
  g_assert_cmpint (count (f->db, "SELECT count (*) FROM import_batch"), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT count (*) FROM registration WHERE batch IS NOT NULL"), >, 0);
  {
    g_autoptr(GPtrArray) attendees = mp_store_list_attendees (f->store, event_id, &error);
    MpEventCounts counts;

    g_assert_cmpuint (attendees->len, ==, 0);
    g_assert_true (mp_store_get_counts (f->store, event_id, &counts, &error));
    g_assert_cmpuint (counts.registered, ==, 0);
  }

  /* the next open finds the process gone */
  g_clear_object (&f->store);
  g_clear_object (&f->db);
  f->db = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  f->store = mp_store_new (f->db);
  after = state (f->db);
  g_assert_cmpstr (after, ==, before);
}

/* A desk on the same file checks people in all the while a large
 * import is written, with its usual patience (3 s): every scan is
 * answered, none refused for the lock. */
typedef struct
{
  char      *path;
  gint64     event_id;
  GPtrArray *tickets;
  gint       stop;
  guint      done;
} Door;

static gpointer
door_thread (gpointer data)
{
  Door *door = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = mp_database_open (door->path, MP_DATABASE_FLAGS_NONE, &error);
  g_autoptr(MpStore) store = mp_store_new (db);

  g_assert_no_error (error);
  for (guint i = 0; i < door->tickets->len && !g_atomic_int_get (&door->stop); i++)
    {
      g_autoptr(MpCheckInResult) result = mp_store_check_in (store, door->event_id, door->tickets->pdata[i], "Dør", &error);

      g_assert_no_error (error);
      g_assert_cmpint (mp_check_in_result_get_outcome (result), ==, MP_CHECK_IN_CHECKED_IN);
      door->done++;
      g_usleep (2000);
    }
  return NULL;
}

static void
test_door_stays_open (MpTestFixture *f,
                      gconstpointer  data)
{
  gint64 event_id = seed (f);
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) inputs = make_inputs (30000, "c");
  g_autoptr(GError) error = NULL;
  Door door = { f->path, 0, tickets, 0, 0 };
  GThread *thread;

  /* the desk's own event, with people to check in */
  door.event_id = mp_test_add_event (f->store, "Frokostmøte");
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *name = g_strdup_printf ("Gjest %u", i);
      g_autoptr(MpAttendee) a = mp_test_register (f->store, door.event_id, name, NULL, NULL, NULL);

      g_ptr_array_add (tickets, mp_attendee_dup_ticket_text (a));
    }

  g_setenv ("MP_IMPORT_CHUNK_MS", "50", TRUE);
  thread = g_thread_new ("door", door_thread, &door);
  g_assert_true (mp_store_import (f->store, event_id, inputs, FALSE, NULL, NULL, NULL, NULL, &error));
  g_atomic_int_set (&door.stop, 1);
  g_thread_join (thread);
  g_unsetenv ("MP_IMPORT_CHUNK_MS");
  g_assert_no_error (error);
  g_test_message ("%u check-ins during the import", door.done);
  g_assert_cmpuint (door.done, >, 0);
  g_assert_cmpint (count (f->db, "SELECT registered FROM event_counts WHERE event_id = 2"), ==, 27050);
}

/* Between the plan and the writing, another desk registers one of the
 * file's new people (the same address) and one known person for the
 * event: the import takes their rows as they are, counts them as
 * registered already, and doubles no one. */
typedef struct
{
  MpTestFixture *f;
  gint64         event_id;
  gboolean       done;
} Race;

static void
on_plan_done (double   fraction,
              gpointer data)
{
  Race *race = data;
  g_autoptr(GError) error = NULL;

  if (race->done || fraction < 0.35)
    return;
  race->done = TRUE;
  {
    g_autoptr(MpDatabase) db2 = mp_database_open (race->f->path, MP_DATABASE_FLAGS_NONE, &error);
    g_autoptr(MpStore) desk = mp_store_new (db2);

    g_object_unref (mp_test_register (desk, race->event_id, "Ny d 7", "ny.d.7@example.no", NULL, NULL));
    g_object_unref (mp_test_register (desk, race->event_id, "Kjent 3", "kjent3@example.no", NULL, NULL));
  }
}

static void
test_written_meanwhile (MpTestFixture *f,
                        gconstpointer  data)
{
  gint64 event_id = seed (f);
  g_autoptr(GPtrArray) inputs = make_inputs (500, "d");
  g_autoptr(GError) error = NULL;
  Race race = { f, event_id, FALSE };
  MpImportCounts counts;

  g_assert_true (mp_store_import (f->store, event_id, inputs, FALSE, &counts, NULL, on_plan_done, &race, &error));
  g_assert_no_error (error);
  g_assert_true (race.done);
  g_assert_cmpuint (counts.unchanged, ==, 2);
  g_assert_cmpuint (counts.new_registrations, ==, 450 + 50 - 2);
  g_assert_cmpuint (counts.new_people + counts.merged + counts.unchanged + counts.repeated, ==, 500);
  g_assert_cmpint (count (f->db, "SELECT count (*) FROM registration WHERE event_id = 2"), ==, 500);
  g_assert_cmpint (count (f->db, "SELECT registered FROM event_counts WHERE event_id = 2"), ==, 500);
  g_assert_cmpint (count (f->db, "SELECT count (*) FROM person WHERE email_key = 'ny.d.7@example.no'"), ==, 1);
}

/* The chunks check their rows' foreign keys once each, before their
 * commit, not row by row: a parent another desk removes while the rows
 * are written (here, on the import's own connection in the middle of a
 * chunk, where nobody else can write) fails the import as a failed
 * foreign key did, with nothing of it left, and the connection has its
 * foreign keys on again. */
typedef struct
{
  MpTestFixture *f;
  MpDatabase    *desk;
  const char    *remove;       /* SQL run once a chunk is in */
  gboolean       removed;
} Removal;

static void
on_progress_remove (double   fraction,
                    gpointer data)
{
  Removal *r = data;

  if (r->removed || fraction <= 0.35 ||
      count (r->desk, "SELECT count (*) FROM registration WHERE batch IS NOT NULL") == 0)
    return;
  g_assert_true (_mp_database_in_transaction (r->f->db));
  g_assert_true (_mp_database_exec (r->f->db, r->remove, NULL));
  g_assert_cmpint (sqlite3_changes (_mp_database_get_handle (r->f->db)), ==, 1);
  r->removed = TRUE;
}

static void
import_while_removing (MpTestFixture *f,
                       const char    *remove)
{
  gint64 event_id = seed (f);
  g_autoptr(GPtrArray) inputs = make_inputs (6000, "g");
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) desk = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Removal removal = { f, desk, remove, FALSE };

  g_assert_no_error (error);
  /* everyone in the file at one organisation the desk knows already (a
   * registration for Vårmøtet, the event seed () made first) */
  g_object_unref (mp_test_register (f->store, event_id - 1, "Leder", "leder@example.no", "Frivilligsentralen", "Frivillig"));
  for (guint i = 0; i < inputs->len; i++)
    {
      MpRegistrationInput *input = inputs->pdata[i];

      g_free (input->organisation);
      input->organisation = g_strdup ("Frivilligsentralen");
    }
  before = state (f->db);

  g_setenv ("MP_IMPORT_CHUNK_MS", "1", TRUE);
  g_assert_false (mp_store_import (f->store, event_id, inputs, FALSE, NULL, NULL, on_progress_remove, &removal, &error));
  g_unsetenv ("MP_IMPORT_CHUNK_MS");
  g_assert_true (removal.removed);
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);

  /* the removal went with the chunk; the earlier chunks with the batch */
  after = state (f->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count (f->db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);

  /* and the same file goes in whole afterwards */
  g_clear_error (&error);
  g_assert_true (mp_store_import (f->store, event_id, inputs, FALSE, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->db, "SELECT registered FROM event_counts WHERE event_id = 2"), ==, 5400 + 50);
  g_assert_cmpint (count (f->db, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);
}

static void
test_organisation_removed_meanwhile (MpTestFixture *f,
                                     gconstpointer  data)
{
  import_while_removing (f, "DELETE FROM organisation WHERE name = 'Frivilligsentralen'");
}

static void
test_event_removed_meanwhile (MpTestFixture *f,
                              gconstpointer  data)
{
  import_while_removing (f, "DELETE FROM event WHERE title = 'Konferanse'");
}

/* Two imports into one event at once: the second is told to wait. */
static void
test_one_import_per_event (MpTestFixture *f,
                           gconstpointer  data)
{
  gint64 event_id = seed (f);
  g_autoptr(GPtrArray) inputs = make_inputs (20, "e");
  g_autoptr(GError) error = NULL;
  gint64 batch = 0;

  g_assert_true (_mp_database_begin (f->db, &error));
  g_assert_true (_mp_import_batch_add (f->db, event_id, &batch, &error));
  g_assert_true (_mp_database_commit (f->db, &error));

  g_assert_false (mp_store_import (f->store, event_id, inputs, FALSE, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_BUSY);
  g_clear_error (&error);

  /* its process gone, the next open clears it, and the import goes in */
  g_assert_true (_mp_database_exec (f->db, "UPDATE import_batch SET owner = 'another-boot 1 1'", NULL));
  g_assert_false (_mp_import_batch_owner_alive ("another-boot 1 1"));
  g_assert_true (_mp_import_batch_recover (f->db, &error));
  g_assert_true (mp_store_import (f->store, event_id, inputs, FALSE, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->db, "SELECT count (*) FROM registration WHERE event_id = 2"), ==, 20);
}

/* This process is alive; a made-up one, or one before a reboot, is not. */
static void
test_owner (void)
{
  g_autofree char *me = _mp_import_batch_owner ();
  g_auto(GStrv) parts = g_strsplit (me, " ", 3);
  g_autofree char *rebooted = g_strdup_printf ("not-%s %s %s", parts[0], parts[1], parts[2]);

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  g_assert_true (_mp_import_batch_owner_alive (me));
  g_assert_false (_mp_import_batch_owner_alive (rebooted));
  g_assert_false (_mp_import_batch_owner_alive ("garbage"));
  g_assert_false (_mp_import_batch_owner_alive (NULL));
  /* a running process that started at another time is another one
   * (a pid used again), when /proc can say */
  if (g_file_test ("/proc/1/stat", G_FILE_TEST_EXISTS) && getpid () != 1)
    {
      g_autofree char *other_pid = g_strdup_printf ("%s 1 %s", parts[0], parts[2]);

      g_assert_false (_mp_import_batch_owner_alive (other_pid));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-batch/owner", test_owner);
  MP_TEST_ADD ("/import-batch/stopped-midway-leaves-nothing", test_stopped_midway_leaves_nothing);
  MP_TEST_ADD ("/import-batch/killed-midway-undone-at-next-open", test_killed_midway_undone_at_next_open);
  MP_TEST_ADD ("/import-batch/door-stays-open", test_door_stays_open);
  MP_TEST_ADD ("/import-batch/written-meanwhile", test_written_meanwhile);
  MP_TEST_ADD ("/import-batch/one-import-per-event", test_one_import_per_event);
  MP_TEST_ADD ("/import-batch/organisation-removed-meanwhile", test_organisation_removed_meanwhile);
  MP_TEST_ADD ("/import-batch/event-removed-meanwhile", test_event_removed_meanwhile);

  return g_test_run ();
}
