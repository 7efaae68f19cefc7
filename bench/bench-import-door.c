/* Does a large import shut the door? An import of N generated rows into
 * one event, while a desk on the same file (a connection of its own, on
 * a thread, with the usual 3 s patience) checks people of another event
 * in, one scan every 5 ms, for as long as the import runs.
 *
 *   bench-import-door [--sizes 100000,400000]
 *
 * Prints, per size, how long the import took, how many write
 * transactions it used and the longest any of them held the write lock
 * (from the store's own log of its chunks), and the check-ins made
 * meanwhile: how many, the longest, the 99th percentile, and how many
 * failed (the lock not had within 3 s).
 */
#include "config.h"

#include <string.h>

#include "bench-util.h"

typedef struct
{
  GArray *held;          /* double ms, one per chunk */
} Log;

static void
on_store_log (const char     *domain,
              GLogLevelFlags  level,
              const char     *message,
              gpointer        data)
{
  Log *log = data;
  const char *at = strstr (message, "held the lock ");

  if (at != NULL)
    {
      double s = g_ascii_strtod (at + strlen ("held the lock "), NULL) * 1000;

      g_array_append_val (log->held, s);
    }
}

typedef struct
{
  char      *path;
  gint64     event_id;
  GPtrArray *tickets;
  gint       stop;
  GArray    *waits;      /* double ms */
  guint      failed;
} Door;

static gpointer
door_thread (gpointer data)
{
  Door *door = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = mp_database_open (door->path, MP_DATABASE_FLAGS_NONE, &error);
  g_autoptr(MpStore) store = NULL;

  g_assert_no_error (error);
  store = mp_store_new (db);
  for (guint i = 0; !g_atomic_int_get (&door->stop); i = (i + 1) % door->tickets->len)
    {
      g_autoptr(MpCheckInResult) result = NULL;
      double t0 = bench_now_ms (), ms;

      result = mp_store_check_in (store, door->event_id, door->tickets->pdata[i], "Dør", &error);
      ms = bench_now_ms () - t0;
      if (result == NULL)
        {
          door->failed++;
          g_clear_error (&error);
        }
      g_array_append_val (door->waits, ms);
      g_usleep (5000);
    }
  return NULL;
}

static void
run (guint n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(MpEvent) target = mp_event_new ();
  MpRegistrationInput *storage = g_new0 (MpRegistrationInput, n);
  Log log = { g_array_new (FALSE, FALSE, sizeof (double)) };
  Door door = { 0 };
  BenchDb b;
  GThread *thread;
  double t0, import_ms;
  guint handler;

  /* the desk's event: 3,000 people to check in, again and again */
  bench_db_open (&b, 3000);
  {
    g_autoptr(GPtrArray) attendees = mp_store_list_attendees (b.store, b.event_id, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < attendees->len; i++)
      g_ptr_array_add (tickets, mp_attendee_dup_ticket_text (attendees->pdata[i]));
  }

  mp_event_set_title (target, "Stor konferanse");
  mp_event_set_kind (target, MP_EVENT_KIND_CONFERENCE);
  mp_event_set_starts_at (target, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_true (mp_store_add_event (b.store, target, &error));
  for (guint i = 0; i < n; i++)
    {
      mp_demo_fill_input (rand, &storage[i]);
      g_free (storage[i].email);
      storage[i].email = g_strdup_printf ("stor%u@example.no", i);
      storage[i].status = MP_REGISTRATION_STATUS_REGISTERED;
      storage[i].source = MP_REGISTRATION_SOURCE_IMPORT;
      g_ptr_array_add (inputs, &storage[i]);
    }

  door.path = b.path;
  door.event_id = b.event_id;
  door.tickets = tickets;
  door.waits = g_array_new (FALSE, FALSE, sizeof (double));

  handler = g_log_set_handler ("mp-store", G_LOG_LEVEL_DEBUG, on_store_log, &log);
  thread = g_thread_new ("door", door_thread, &door);
  g_usleep (100 * 1000);
  t0 = bench_now_ms ();
  g_assert_true (mp_store_import (b.store, mp_event_get_id (target), inputs, FALSE, NULL, NULL, NULL, NULL, &error));
  import_ms = bench_now_ms () - t0;
  g_usleep (100 * 1000);
  g_atomic_int_set (&door.stop, 1);
  g_thread_join (thread);
  g_log_remove_handler ("mp-store", handler);
  g_assert_no_error (error);

  g_print ("import-door rows=%u import=%.2fs transactions=%u lock-max=%.0fms lock-median=%.0fms"
           " checkins=%u checkin-max=%.0fms checkin-p99=%.1fms checkin-median=%.1fms failed=%u\n",
           n, import_ms / 1000, log.held->len,
           log.held->len > 0 ? bench_quantile (log.held, 1.0) : import_ms,
           log.held->len > 0 ? bench_quantile (log.held, 0.5) : import_ms,
           door.waits->len, bench_quantile (door.waits, 1.0), bench_quantile (door.waits, 0.99),
           bench_quantile (door.waits, 0.5), door.failed);

  for (guint i = 0; i < n; i++)
    mp_registration_input_clear (&storage[i]);
  g_free (storage);
  g_array_unref (log.held);
  g_array_unref (door.waits);
  bench_db_close (&b);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sizes = g_strdup ("100000,400000");
  GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes, "Rows per import", "N,N,..." },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(GStrv) list = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, NULL))
    return 2;

  list = g_strsplit (sizes, ",", -1);
  for (guint i = 0; list[i] != NULL; i++)
    run (atoi (list[i]));
  return 0;
}
