/* Importing a sign-up list: Møteplass against sqlite3's own .import.
 *
 * For each size, writes a realistic CSV file (a Nettskjema-like export
 * of fictional people from mp-demo.c), then times
 *   - the sqlite3 program importing it into a bare table of a fresh
 *     database (.import --csv: one transaction, no checks, no indexes),
 *   - Møteplass reading, checking, merging and registering it (tickets
 *     and all) into a fresh Møteplass database, committed to disk.
 * Each is run three times and the best time counts.
 *
 *   bench-import [--sizes 1000,10000,100000] [--runs 3] [--keep]
 *
 * Prints lines like
 *   import rows=100000 bytes=15493202 sqlite3=0.213s moteplass=0.391s ratio=1.84
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mp-csv-import.h"
#include "mp-demo.h"

static void
append_field (GString    *out,
              const char *text,
              gboolean    last)
{
  if (text != NULL && strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else if (text != NULL)
    g_string_append (out, text);
  g_string_append_c (out, last ? '\n' : ',');
}

static const char *
consent_word (MpConsentAnswer answer,
              GRand          *rand)
{
  static const char *yes[] = { "Ja", "ja", "Ja, jeg vil gjerne bli kontaktet" };

  if (answer == MP_CONSENT_YES)
    return yes[g_rand_int_range (rand, 0, G_N_ELEMENTS (yes))];
  return "Nei";
}

static const char *
status_word (MpRegistrationStatus status)
{
  switch (status)
    {
    case MP_REGISTRATION_STATUS_WAITLISTED: return "Venteliste";
    case MP_REGISTRATION_STATUS_CANCELLED: return "Avmeldt";
    case MP_REGISTRATION_STATUS_REGISTERED:
    default: return "Påmeldt";
    }
}

/* A Nettskjema-like export: an id and a time first, then the answers. */
static char *
write_csv (const char *dir,
           guint       n_rows,
           gsize      *out_size)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_autoptr(GString) out = g_string_sized_new (n_rows * 180 + 256);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  char *path = g_strdup_printf ("%s/pameldinger-%u.csv", dir, n_rows);

  g_string_append (out, "Svar-ID,Levert,Navn,E-postadresse,Telefon,Organisasjon,Sektor,"
                        "Matallergier,Tilrettelegging,Tolk,Samtykke til oppfølging,"
                        "Samtykke foto,Status\n");

  for (guint i = 0; i < n_rows; i++)
    {
      MpRegistrationInput input;
      char id[16], when[32];
      guint minute = i % (60 * 24 * 20);

      mp_demo_fill_input (rand, &input);
      /* Two people never share an address: N rows are N people, as in
       * a real sign-up list (the generator's name pool is small). */
      while (input.email != NULL && g_hash_table_contains (emails, input.email))
        {
          char *at = strchr (input.email, '@');
          char *unique = g_strdup_printf ("%.*s%u%s", (int) (at - input.email), input.email,
                                          g_rand_int_range (rand, 1, 100), at);
          g_free (input.email);
          input.email = unique;
        }
      if (input.email != NULL)
        g_hash_table_add (emails, g_strdup (input.email));
      g_snprintf (id, sizeof id, "%u", 2840000 + i);
      g_snprintf (when, sizeof when, "2026-02-%02u %02u:%02u", 1 + minute / (60 * 24),
                  minute / 60 % 24, minute % 60);

      append_field (out, id, FALSE);
      append_field (out, when, FALSE);
      append_field (out, input.name, FALSE);
      append_field (out, input.email, FALSE);
      append_field (out, input.phone, FALSE);
      append_field (out, input.organisation, FALSE);
      append_field (out, input.sector, FALSE);
      append_field (out, input.dietary, FALSE);
      append_field (out, input.accessibility, FALSE);
      append_field (out, input.interpreter, FALSE);
      append_field (out, consent_word (input.consent_followup, rand), FALSE);
      append_field (out, consent_word (input.consent_photo, rand), FALSE);
      append_field (out, status_word (input.status), TRUE);
      mp_registration_input_clear (&input);
    }

  if (!g_file_set_contents (path, out->str, out->len, &error))
    g_error ("%s", error->message);
  *out_size = out->len;
  return path;
}

static void
remove_db (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (journal);
}

/* sqlite3 ref.db ".import --csv FILE people": the whole program run. */
static double
time_sqlite3 (const char *sqlite3,
              const char *dir,
              const char *csv_path)
{
  g_autofree char *db_path = g_build_filename (dir, "reference.db", NULL);
  g_autofree char *command = g_strdup_printf (".import --csv %s people", csv_path);
  const char *argv[] = { sqlite3, db_path, command, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  gint64 t0;
  double seconds;

  remove_db (db_path);
  t0 = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, &error))
    g_error ("%s", error->message);
  seconds = (g_get_monotonic_time () - t0) / 1e6;
  if (!g_spawn_check_wait_status (status, &error) || (err != NULL && err[0] != '\0'))
    g_error ("sqlite3 failed: %s %s", error != NULL ? error->message : "", err);

  remove_db (db_path);
  return seconds;
}

typedef struct
{
  gint64 start;
  gint64 store_start;   /* when the rows were checked and the store began */
} Timing;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  Timing *timing = user_data;

  if (timing->store_start == 0 && fraction >= 0.2)
    timing->store_start = g_get_monotonic_time ();
}

/* Everything from the file to a durable commit: read, decode, split,
 * check, merge, make tickets, insert, commit. */
static double
time_moteplass (const char     *dir,
                const char     *csv_path,
                guint           n_rows,
                double         *out_parse,
                double         *out_check,
                MpImportCounts *out_counts)
{
  g_autofree char *db_path = g_build_filename (dir, "moteplass.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) database = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpEvent) event = mp_event_new ();
  g_autoptr(MpCsvImport) import = NULL;
  g_autoptr(MpCsvImportReport) report = NULL;
  Timing timing = { 0 };
  gint64 parsed, done;

  remove_db (db_path);
  database = mp_database_open (db_path, MP_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  store = mp_store_new (database);
  mp_event_set_title (event, "Konferanse om inkludering og frivillighet");
  mp_event_set_kind (event, MP_EVENT_KIND_CONFERENCE);
  mp_event_set_starts_at (event, 1780000000);
  mp_store_add_event (store, event, &error);
  g_assert_no_error (error);

  timing.start = g_get_monotonic_time ();
  import = mp_csv_import_new_for_file (file, NULL, &error);
  g_assert_no_error (error);
  parsed = g_get_monotonic_time ();
  report = mp_csv_import_run (import, store, mp_event_get_id (event), 0, NULL,
                              on_progress, &timing, &error);
  g_assert_no_error (error);
  done = g_get_monotonic_time ();

  if (mp_csv_import_report_get_n_bad_rows (report) > 0)
    {
      const MpCsvProblem *problem = mp_csv_import_report_get_bad_row (report, 0);
      g_error ("the generated file has bad rows; line %u: %s", problem->line, problem->reason);
    }
  g_assert_cmpuint (mp_csv_import_report_get_rows_read (report), ==, n_rows);

  *out_parse = (parsed - timing.start) / 1e6;
  *out_check = ((timing.store_start != 0 ? timing.store_start : done) - parsed) / 1e6;
  *out_counts = *mp_csv_import_report_get_counts (report);

  g_clear_object (&store);
  g_clear_object (&database);
  remove_db (db_path);
  return (done - timing.start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sizes_arg = NULL;
  g_autofree char *sqlite3 = g_find_program_in_path ("sqlite3");
  g_auto(GStrv) sizes = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  int runs = 3;
  gboolean keep = FALSE;
  const GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes_arg, "Rows per file", "1000,10000,100000" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs per measurement; the best counts", "3" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the generated CSV files", NULL },
    { NULL }
  };
  const char *base = g_getenv ("MP_BENCH_DIR");

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  sizes = g_strsplit (sizes_arg != NULL ? sizes_arg : "1000,10000,100000", ",", -1);
  runs = MAX (runs, 1);

  dir = g_build_filename (base != NULL ? base : g_get_tmp_dir (), "moteplass-bench-import-XXXXXX", NULL);
  if (g_mkdtemp (dir) == NULL)
    g_error ("cannot make %s", dir);

  for (guint s = 0; sizes[s] != NULL; s++)
    {
      guint n_rows = (guint) g_ascii_strtoull (sizes[s], NULL, 10);
      gsize size = 0;
      g_autofree char *csv_path = write_csv (dir, n_rows, &size);
      double best_sqlite = G_MAXDOUBLE, best_ours = G_MAXDOUBLE;
      double best_parse = 0, best_check = 0;
      MpImportCounts counts = { 0 };

      for (int r = 0; r < runs; r++)
        {
          double parse, check, ours;

          if (sqlite3 != NULL)
            best_sqlite = MIN (best_sqlite, time_sqlite3 (sqlite3, dir, csv_path));

          ours = time_moteplass (dir, csv_path, n_rows, &parse, &check, &counts);
          if (ours < best_ours)
            {
              best_ours = ours;
              best_parse = parse;
              best_check = check;
            }
        }

      if (sqlite3 != NULL)
        g_print ("import rows=%u bytes=%" G_GSIZE_FORMAT " sqlite3=%.3fs moteplass=%.3fs ratio=%.2f\n",
                 n_rows, size, best_sqlite, best_ours, best_ours / best_sqlite);
      else
        g_print ("import rows=%u bytes=%" G_GSIZE_FORMAT " sqlite3=missing moteplass=%.3fs\n",
                 n_rows, size, best_ours);
      g_print ("import-detail rows=%u parse=%.3fs check=%.3fs store=%.3fs "
               "new_people=%u merged=%u repeated=%u new_registrations=%u\n",
               n_rows, best_parse, best_check, best_ours - best_parse - best_check,
               counts.new_people, counts.merged, counts.repeated, counts.new_registrations);

      if (!keep)
        g_unlink (csv_path);
      else
        g_print ("file %s\n", csv_path);
    }

  if (!keep)
    g_rmdir (dir);
  return 0;
}
