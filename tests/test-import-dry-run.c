/* The import's dry run (the wizard's preview): it must tell exactly what
 * the import then does, and read only, so that a check-in desk on the
 * same database file is never kept waiting by a preview. */
#include "config.h"

#include "mp-test-util.h"

/* What the database holds before each file: people of another event
 * (one with an address, one without) and two already registered for
 * the event the files are imported into. */
static gint64
seed (MpTestFixture *f)
{
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte om inkludering");
  gint64 other_id = mp_test_add_event (f->store, "Vårmøtet");

  g_object_unref (mp_test_register (f->store, other_id, "Kari Nordmann", "kari.nordmann@nav.no", "NAV Bergen", NULL));
  g_object_unref (mp_test_register (f->store, other_id, "Per Hansen", NULL, "Røde Kors Bergen", NULL));
  g_object_unref (mp_test_register (f->store, other_id, "Siri Dahl", "siri@example.no", NULL, NULL));
  g_object_unref (mp_test_register (f->store, event_id, "Olav Lie", "olav@bymisjon.no", "Kirkens Bymisjon", NULL));
  g_object_unref (mp_test_register (f->store, event_id, "Anne Berg", NULL, "Frivilligsentralen", NULL));

  return event_id;
}

static void
assert_same_report (MpCsvImportReport *dry,
                    MpCsvImportReport *real)
{
  const MpImportCounts *d = mp_csv_import_report_get_counts (dry);
  const MpImportCounts *r = mp_csv_import_report_get_counts (real);

  g_assert_true (mp_csv_import_report_get_dry_run (dry));
  g_assert_false (mp_csv_import_report_get_dry_run (real));
  g_assert_cmpuint (d->new_people, ==, r->new_people);
  g_assert_cmpuint (d->merged, ==, r->merged);
  g_assert_cmpuint (d->repeated, ==, r->repeated);
  g_assert_cmpuint (d->new_registrations, ==, r->new_registrations);
  g_assert_cmpuint (d->unchanged, ==, r->unchanged);
  g_assert_cmpuint (mp_csv_import_report_get_rows_read (dry), ==, mp_csv_import_report_get_rows_read (real));
  g_assert_cmpuint (mp_csv_import_report_get_rows_good (dry), ==, mp_csv_import_report_get_rows_good (real));
  g_assert_cmpuint (mp_csv_import_report_get_n_bad_rows (dry), ==, mp_csv_import_report_get_n_bad_rows (real));
  for (guint i = 0; i < mp_csv_import_report_get_n_bad_rows (dry); i++)
    {
      const MpCsvProblem *a = mp_csv_import_report_get_bad_row (dry, i);
      const MpCsvProblem *b = mp_csv_import_report_get_bad_row (real, i);

      g_assert_cmpuint (a->line, ==, b->line);
      g_assert_cmpstr (a->reason, ==, b->reason);
    }
  g_assert_cmpuint (mp_csv_import_report_get_n_warnings (dry), ==, mp_csv_import_report_get_n_warnings (real));
}

typedef struct
{
  const char *name;
  const char *csv;
  /* what the import does, worked out by hand from the rows and seed() */
  guint       new_people, merged, unchanged, repeated, bad;
} Case;

static const Case cases[] = {
  { "new people, a new organisation written two ways",
    "Navn,E-post,Organisasjon\n"
    "Ingrid Bakke,ingrid@molde.kommune.no,Molde kommune\n"
    "Ahmed Hassan,,Somalisk forening\n"
    "Lise Lund,lise@frivillig.no,Molde Frivilligsentral\n"
    "Nils Lund,,molde  frivilligsentral\n",
    4, 0, 0, 0, 0 },
  { "people known by e-mail and by name and organisation",
    "Navn,E-post,Organisasjon\n"
    "Kari N.,KARI.NORDMANN@nav.no,NAV Vestland\n"     /* by e-mail, any case */
    "per hansen,,RØDE KORS BERGEN\n"                   /* by name and organisation */
    "Per Hansen,per@rodekors.no,Røde Kors Bergen\n"   /* the same, and his address learnt */
    "P. Hansen,per@rodekors.no,\n"                     /* by the address just learnt */
    "Siri Dahl,siri@example.no,Kirkens Bymisjon\n",   /* by e-mail, an organisation added */
    0, 3, 0, 2, 0 },
  { "duplicates inside the file",
    "Navn,E-post,Organisasjon\n"
    "Jonas Berg,jonas@example.no,Bergen kommune\n"
    "J. Berg,JONAS@example.no,\n"                      /* the row above, by e-mail */
    "Mona Vik,,Kirkens Bymisjon\n"
    "Mona Vik,,Kirkens bymisjon\n"                     /* the row above, by name */
    "Tor Ås,tor@a.no,NAV Bergen\n"
    "Tor Ås,tor@b.no,NAV Bergen\n"                     /* another Tor Ås: other address */
    "Kari Hansen,,NAV Årstad\n"
    "Kari Hansen,kari.hansen@nav.no,NAV Årstad\n"      /* learns an address ... */
    "Kari Hansen,kari.hansen@nav.no,NAV Fana\n",       /* ... that finds her again */
    5, 0, 0, 4, 0 },
  { "already registered",
    "Navn,E-post,Organisasjon\n"
    "Olav Lie,olav@bymisjon.no,Kirkens Bymisjon\n"
    "Anne Berg,,Frivilligsentralen\n"
    "Anne Berg,,frivilligsentralen\n"
    "Ola Nordmann,ola@nav.no,NAV Bergen\n",
    1, 0, 2, 1, 0 },
  { "bad rows, with their lines",
    "Navn,E-post,Organisasjon\n"
    ",nobody@example.no,NAV Bergen\n"
    "Lise Lund,ikke-en-adresse,Molde frivilligsentral\n" /* kept, without the address */
    "Ivar Berg,ivar@example.no,NAV Bergen\n"
    "\"Mona\nSørensen\",mona@example.no,\n"
    ",,\n"
    "Olav Lie,olav@bymisjon.no,\n",
    3, 0, 1, 0, 1 },
};

static void
test_counts_equal_the_import (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      MpTestFixture f;
      g_autoptr(MpCsvImport) import = mp_test_parse_csv (cases[c].csv);
      g_autoptr(MpCsvImportReport) dry = NULL;
      g_autoptr(MpCsvImportReport) real = NULL;
      g_autoptr(MpCsvImportReport) dry_again = NULL;
      g_autoptr(MpCsvImportReport) real_again = NULL;
      const MpImportCounts *counts;
      gint64 event_id, changes, people, registrations, organisations;

      g_test_message ("%s", cases[c].name);
      mp_test_fixture_set_up (&f, NULL);
      event_id = seed (&f);

      changes = sqlite3_total_changes64 (_mp_database_get_handle (f.db));
      people = mp_test_count_rows (&f, "SELECT count(*) FROM person");
      registrations = mp_test_count_rows (&f, "SELECT count(*) FROM registration");
      organisations = mp_test_count_rows (&f, "SELECT count(*) FROM organisation");
      dry = mp_test_run_import (&f, import, event_id, MP_CSV_IMPORT_DRY_RUN);
      /* not a row written, not even one rolled back */
      g_assert_cmpint (sqlite3_total_changes64 (_mp_database_get_handle (f.db)), ==, changes);
      g_assert_cmpint (mp_test_count_rows (&f, "SELECT count(*) FROM person"), ==, people);
      g_assert_cmpint (mp_test_count_rows (&f, "SELECT count(*) FROM registration"), ==, registrations);
      g_assert_cmpint (mp_test_count_rows (&f, "SELECT count(*) FROM organisation"), ==, organisations);

      real = mp_test_run_import (&f, import, event_id, 0);
      assert_same_report (dry, real);
      counts = mp_csv_import_report_get_counts (real);
      g_assert_cmpuint (counts->new_people, ==, cases[c].new_people);
      g_assert_cmpuint (counts->merged, ==, cases[c].merged);
      g_assert_cmpuint (counts->unchanged, ==, cases[c].unchanged);
      g_assert_cmpuint (counts->repeated, ==, cases[c].repeated);
      g_assert_cmpuint (counts->new_registrations, ==, cases[c].new_people + cases[c].merged);
      /* every good row once */
      g_assert_cmpuint (counts->new_people + counts->merged + counts->unchanged + counts->repeated, ==,
                        mp_csv_import_report_get_rows_good (real));
      g_assert_cmpuint (mp_csv_import_report_get_n_merged (real), ==, counts->merged);
      g_assert_cmpuint (mp_csv_import_report_get_n_bad_rows (real), ==, cases[c].bad);
      g_assert_cmpint (mp_test_count_rows (&f, "SELECT count(*) FROM person"), ==, people + counts->new_people);
      g_assert_cmpint (mp_test_count_rows (&f, "SELECT count(*) FROM registration"), ==, registrations + counts->new_registrations);

      /* the same file again: everyone already registered, both ways */
      dry_again = mp_test_run_import (&f, import, event_id, MP_CSV_IMPORT_DRY_RUN);
      real_again = mp_test_run_import (&f, import, event_id, 0);
      assert_same_report (dry_again, real_again);
      g_assert_cmpuint (mp_csv_import_report_get_counts (real_again)->new_registrations, ==, 0);

      mp_test_fixture_tear_down (&f, NULL);
    }
}

/* A large file in which people come back across the import's batches:
 * by e-mail 302 rows later, by name and organisation, some already in
 * the database, and bad rows in between. */
static MpCsvImport *
large_import (guint  n,
              guint *n_bad)
{
  g_autoptr(GString) csv = g_string_new ("Navn;E-post;Organisasjon;Sektor\n");
  guint bad = 0;

  for (guint i = 0; i < n; i++)
    switch (i % 7)
      {
      case 0: case 1: case 2:
        g_string_append_printf (csv, "Deltaker %u;deltaker%u@example.no;Lag %u;Frivilligsentral\n",
                                i, i, i % 40);
        break;
      case 3:   /* the person of row i - 302, by e-mail (another name) */
        g_string_append_printf (csv, "D. %u;DELTAKER%u@example.no;;\n", i, i >= 302 ? i - 302 : i);
        break;
      case 4:   /* no address: found again by name and organisation */
        g_string_append_printf (csv, "Uten Adresse %u;;Lag %u;\n", i % 500, (i % 500) % 40);
        break;
      case 5:   /* in the database already, some registered for the event */
        g_string_append (csv, (i / 7) % 2 == 0 ? "Kari Nordmann;kari.nordmann@nav.no;;\n"
                                               : "Anne Berg;;Frivilligsentralen;\n");
        break;
      default:  /* a bad row now and then: no name */
        if (i % 49 == 6)
          {
            g_string_append_printf (csv, ";feil%u@example.no;Feil;\n", i);
            bad++;
          }
        else
          g_string_append_printf (csv, "Ny %u;;Ny organisasjon %u;\n", i, i % 97);
        break;
      }
  if (n_bad != NULL)
    *n_bad = bad;
  return mp_test_parse_csv (csv->str);
}

static void
test_large_file_counts_equal_the_import (MpTestFixture *f,
                                         gconstpointer  data)
{
  guint n_bad;
  g_autoptr(MpCsvImport) import = large_import (7000, &n_bad);
  gint64 event_id = seed (f);
  gint64 changes = sqlite3_total_changes64 (_mp_database_get_handle (f->db));
  g_autoptr(MpCsvImportReport) dry = mp_test_run_import (f, import, event_id, MP_CSV_IMPORT_DRY_RUN);
  g_autoptr(MpCsvImportReport) real = NULL;
  const MpImportCounts *counts;

  g_assert_cmpint (sqlite3_total_changes64 (_mp_database_get_handle (f->db)), ==, changes);
  real = mp_test_run_import (f, import, event_id, 0);
  assert_same_report (dry, real);

  /* every kind of row was there */
  counts = mp_csv_import_report_get_counts (real);
  g_test_message ("new %u, merged %u, unchanged %u, repeated %u, bad %u",
                  counts->new_people, counts->merged, counts->unchanged, counts->repeated,
                  mp_csv_import_report_get_n_bad_rows (real));
  g_assert_cmpuint (counts->new_people, >, 3000);
  g_assert_cmpuint (counts->repeated, >, 1000);
  g_assert_cmpuint (counts->unchanged, >, 0);
  g_assert_cmpuint (n_bad, >, 100);
  g_assert_cmpuint (mp_csv_import_report_get_n_bad_rows (real), ==, n_bad);
  g_assert_cmpuint (counts->new_people + counts->merged + counts->unchanged + counts->repeated + n_bad, ==, 7000);
}

/* The desk: its own connection to the same file, waiting not at all. */
typedef struct
{
  MpTestFixture *f;
  MpStore       *desk;
  gint64         event_id;
  char          *ticket;
  gboolean       tried;
  gboolean       in_transaction;
  MpCheckInResult *result;
  GError        *error;
  gint64         usec;
} Door;

/* The import's progress: past 0.6 the store is halfway through the rows
 * (the first fifth is reading the file), inside its transaction. */
static void
check_in_halfway (double   fraction,
                  gpointer user_data)
{
  Door *door = user_data;
  gint64 t0;

  if (door->tried || fraction < 0.6 || fraction >= 1.0)
    return;
  door->tried = TRUE;
  door->in_transaction = _mp_database_in_transaction (door->f->db);
  t0 = g_get_monotonic_time ();
  door->result = mp_store_check_in (door->desk, door->event_id, door->ticket, "Inngang 1", &door->error);
  door->usec = g_get_monotonic_time () - t0;
}

static MpCsvImportReport *
import_while_checking_in (Door             *door,
                          MpCsvImport      *import,
                          MpCsvImportFlags  flags,
                          const char       *who)
{
  g_autoptr(MpAttendee) person = mp_test_register (door->f->store, door->event_id, who, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  MpCsvImportReport *report;

  g_clear_object (&door->result);
  g_clear_error (&door->error);
  g_clear_pointer (&door->ticket, g_free);
  door->ticket = mp_attendee_dup_ticket_text (person);
  door->tried = FALSE;

  report = mp_csv_import_run (import, door->f->store, door->event_id, flags, NULL,
                              check_in_halfway, door, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_true (door->tried);
  g_assert_true (door->in_transaction);
  return report;
}

static void
test_desk_checks_in_during_a_dry_run (MpTestFixture *f,
                                      gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = large_import (10000, NULL);
  g_autoptr(MpDatabase) desk_db = NULL;
  g_autoptr(MpCsvImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Door door = { f, NULL, 0, NULL, FALSE, FALSE, NULL, NULL, 0 };
  gint64 checkins;

  door.event_id = seed (f);
  desk_db = mp_database_open (f->path, MP_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  /* a desk that would give up at once if anything held the write lock */
  mp_database_set_busy_timeout (desk_db, 0);
  door.desk = mp_store_new (desk_db);

  report = import_while_checking_in (&door, import, MP_CSV_IMPORT_DRY_RUN, "Nora Dør");
  g_test_message ("check-in during the dry run: %.1f ms", door.usec / 1000.0);
  g_assert_no_error (door.error);
  g_assert_nonnull (door.result);
  g_assert_cmpint (mp_check_in_result_get_outcome (door.result), ==, MP_CHECK_IN_CHECKED_IN);
  checkins = mp_test_count_rows (f, "SELECT count(*) FROM checkin");
  g_assert_cmpint (checkins, ==, 1);   /* committed, seen by the other connection */
  g_clear_pointer (&report, mp_csv_import_report_unref);

  /* The real import does hold the write lock: the same desk, at the
   * same moment, is told the database is busy. (This is what the test
   * would see of a dry run that wrote.) */
  report = import_while_checking_in (&door, import, 0, "Nils Dør");
  g_assert_null (door.result);
  g_assert_error (door.error, MP_ERROR, MP_ERROR_BUSY);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM checkin"), ==, checkins);
  g_assert_cmpuint (mp_csv_import_report_get_counts (report)->new_registrations, >, 3000);

  g_clear_object (&door.result);
  g_clear_error (&door.error);
  g_free (door.ticket);
  g_object_unref (door.desk);
}

/* And the other way round: while a desk holds the write lock, a dry run
 * still goes through, without waiting; the import has to wait. */
static void
test_dry_run_needs_no_write_lock (MpTestFixture *f,
                                  gconstpointer  data)
{
  g_autoptr(MpCsvImport) import = mp_test_parse_csv (cases[2].csv);
  gint64 event_id = seed (f);
  g_autoptr(MpCsvImportReport) dry = NULL;
  g_autoptr(MpCsvImportReport) real = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *desk;

  g_assert_cmpint (sqlite3_open (f->path, &desk), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (desk, "BEGIN IMMEDIATE; INSERT INTO audit_log (at, action) VALUES (0, 'desk')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  mp_database_set_busy_timeout (f->db, 0);

  dry = mp_csv_import_run (import, f->store, event_id, MP_CSV_IMPORT_DRY_RUN, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_csv_import_report_get_counts (dry)->new_registrations, ==, cases[2].new_people + cases[2].merged);

  real = mp_csv_import_run (import, f->store, event_id, 0, NULL, NULL, NULL, &error);
  g_assert_null (real);
  g_assert_error (error, MP_ERROR, MP_ERROR_BUSY);

  g_assert_cmpint (sqlite3_exec (desk, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (desk);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-dry-run/counts-equal-the-import", test_counts_equal_the_import);
  MP_TEST_ADD ("/import-dry-run/large-file-counts-equal-the-import", test_large_file_counts_equal_the_import);
  MP_TEST_ADD ("/import-dry-run/desk-checks-in-during-a-dry-run", test_desk_checks_in_during_a_dry_run);
  MP_TEST_ADD ("/import-dry-run/needs-no-write-lock", test_dry_run_needs_no_write_lock);

  return g_test_run ();
}
