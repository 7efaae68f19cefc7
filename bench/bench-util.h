/* Shared by the benchmarks: a database on the real disk with one event
 * of N generated registrations, and simple statistics. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "mp-demo.h"
#include "mp-store.h"

typedef struct
{
  char    *dir;
  char    *path;
  MpStore *store;
  gint64   event_id;
} BenchDb;

/* On disk, not in memory: an fsync must cost what it costs. */
static inline void
bench_db_open (BenchDb *b,
               guint    n_registrations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = NULL;
  g_autoptr(MpEvent) event = mp_event_new ();
  g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  MpRegistrationInput *storage = g_new0 (MpRegistrationInput, n_registrations);
  const char *base = g_getenv ("MP_BENCH_DIR");

  b->dir = g_build_filename (base != NULL ? base : g_get_tmp_dir (), "moteplass-bench-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (b->dir));
  b->path = g_build_filename (b->dir, "bench.db", NULL);
  db = mp_database_open (b->path, MP_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  b->store = mp_store_new (db);

  mp_event_set_title (event, "Konferanse om inkludering");
  mp_event_set_kind (event, MP_EVENT_KIND_CONFERENCE);
  mp_event_set_starts_at (event, g_get_real_time () / G_USEC_PER_SEC);
  mp_store_add_event (b->store, event, &error);
  g_assert_no_error (error);
  b->event_id = mp_event_get_id (event);

  for (guint i = 0; i < n_registrations; i++)
    {
      mp_demo_fill_input (rand, &storage[i]);
      /* unique e-mails, so that N rows are N people */
      g_free (storage[i].email);
      storage[i].email = g_strdup_printf ("deltaker%u@example.no", i);
      storage[i].status = MP_REGISTRATION_STATUS_REGISTERED;
      storage[i].source = MP_REGISTRATION_SOURCE_IMPORT;
      g_ptr_array_add (inputs, &storage[i]);
    }

  {
    gint64 t0 = g_get_monotonic_time ();

    mp_store_import (b->store, b->event_id, inputs, FALSE, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_print ("setup registrations=%u store-import=%.0fms\n", n_registrations,
             (g_get_monotonic_time () - t0) / 1000.0);
  }

  for (guint i = 0; i < n_registrations; i++)
    mp_registration_input_clear (&storage[i]);
  g_free (storage);
}

static inline void
bench_db_close (BenchDb *b)
{
  g_autofree char *wal = g_strconcat (b->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (b->path, "-shm", NULL);

  g_clear_object (&b->store);
  g_unlink (b->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (b->dir);
  g_free (b->path);
  g_free (b->dir);
}

static inline int
bench_compare_double (gconstpointer a,
                      gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Sorts @samples; the q-quantile (nearest rank). */
static inline double
bench_quantile (GArray *samples,
                double  q)
{
  guint rank;

  g_array_sort (samples, bench_compare_double);
  rank = (guint) (q * samples->len + 0.999999);
  if (rank < 1)
    rank = 1;
  if (rank > samples->len)
    rank = samples->len;
  return g_array_index (samples, double, rank - 1);
}

static inline double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}
