/* Given and family names: the safe split, the surname order, and how
 * the store, the import, the erasure and the migration keep them. */
#include "config.h"

#include <locale.h>

#include "mp-test-util.h"

#include "mp-csv-import.h"
#include "mp-person-name.h"
#include "mp-privacy.h"
#include "mp-registration-edit.h"
#include "mp-schema.h"
#include "mp-text-private.h"

static void
test_split_safely (void)
{
  static const struct { const char *name, *given, *family; } cases[] = {
    { "Kari Nordmann", "Kari", "Nordmann" },
    { "Per Olav Aasen", "Per Olav", "Aasen" },
    { "Kari Nordmann Hansen", "Kari Nordmann", "Hansen" },   /* mellomnavn: the last is the surname */
    { "Anne van der Berg", "Anne", "van der Berg" },
    { "Ahmed bin Salem", "Ahmed", "bin Salem" },
    { "Mohammed Al-Sayed", "Mohammed", "Al-Sayed" },
    { "Åse-Marit Øvrebø", "Åse-Marit", "Øvrebø" },
    { "Sinéad O’Connor", "Sinéad", "O’Connor" },
    { "Kari J. Nordmann", "Kari J.", "Nordmann" },
    { "Олена Шевченко", "Олена", "Шевченко" },
    { "Al Gore", "Al", "Gore" },
    { "anne olsen", "anne", "olsen" },
    /* not split: one word, not a name, a suffix, another script, mixed */
    { "Madonna", NULL, NULL },
    { "Kari (NAV)", NULL, NULL },
    { "Team 1", NULL, NULL },
    { "Kari & Ola", NULL, NULL },
    { "kari@nav.no", NULL, NULL },
    { "Aasen, Per", NULL, NULL },
    { "Martin Luther King Jr.", NULL, NULL },
    { "Henrik VIII", NULL, NULL },
    { "Kari N.", NULL, NULL },
    { "محمد السيد", NULL, NULL },
    { "王 小明", NULL, NULL },
    { "Olena Шевченко", NULL, NULL },
    { "van Gogh", NULL, NULL },             /* a surname alone */
    { "", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *given = NULL;
      g_autofree char *family = NULL;
      gboolean split = mp_person_name_split (cases[i].name, &given, &family);

      g_test_message ("%s", cases[i].name);
      g_assert_cmpint (split, ==, cases[i].family != NULL);
      g_assert_cmpstr (given, ==, cases[i].given);
      g_assert_cmpstr (family, ==, cases[i].family);
    }
}

static void
test_join (void)
{
  g_autofree char *both = mp_person_name_join ("Per Olav", "Aasen");
  g_autofree char *given = mp_person_name_join ("Kari", "");
  g_autofree char *family = mp_person_name_join (NULL, "Nordmann");
  g_autofree char *none = mp_person_name_join (NULL, NULL);

  g_assert_cmpstr (both, ==, "Per Olav Aasen");
  g_assert_cmpstr (given, ==, "Kari");
  g_assert_cmpstr (family, ==, "Nordmann");
  g_assert_cmpstr (none, ==, "");
}

typedef struct
{
  const char *name;
  GBytes     *key;
} Keyed;

static int
compare_keyed (gconstpointer a,
               gconstpointer b)
{
  const Keyed *x = a, *y = b;

  return g_bytes_compare (x->key, y->key);
}

/* The surname order, the Norwegian way: family name first (Æ Ø Å after
 * Z, "Aa" as Å, case and accents aside), then the given name; a name
 * that cannot be split sorts as a whole. */
static void
test_surname_order (void)
{
  static const char *shuffled[] = {
    "Kari Sørensen", "Madonna", "Lise Zahl", "Åse Berg", "Zahid Ali",
    "Per Olav Nordmann", "Øystein Bergen", "Nina Sorensen", "Ola Berg",
  };
  static const char *order[] = {
    "Zahid Ali", "Ola Berg", "Åse Berg", "Øystein Bergen", "Madonna",
    "Per Olav Nordmann", "Nina Sorensen", "Kari Sørensen", "Lise Zahl",
  };
  g_autoptr(GArray) keyed = g_array_new (FALSE, FALSE, sizeof (Keyed));

  for (guint i = 0; i < G_N_ELEMENTS (shuffled); i++)
    {
      g_autofree char *given = NULL;
      g_autofree char *family = NULL;
      Keyed k = { shuffled[i], NULL };

      mp_person_name_split (shuffled[i], &given, &family);
      k.key = mp_person_name_sort_key (shuffled[i], given, family);
      g_array_append_val (keyed, k);
    }
  g_array_sort (keyed, compare_keyed);
  for (guint i = 0; i < keyed->len; i++)
    {
      Keyed *k = &g_array_index (keyed, Keyed, i);

      g_assert_cmpstr (k->name, ==, order[i]);
      g_bytes_unref (k->key);
    }

  /* "Aasen" is "Åsen": after Z, and the same surname */
  {
    g_autoptr(GBytes) aasen = mp_person_name_sort_key ("Per Aasen", "Per", "Aasen");
    g_autoptr(GBytes) asen = mp_person_name_sort_key ("Åse Åsen", "Åse", "Åsen");
    g_autoptr(GBytes) zahl = mp_person_name_sort_key ("Lise Zahl", "Lise", "Zahl");
    g_autoptr(GBytes) oeye = mp_person_name_sort_key ("Anne Øye", "Anne", "Øye");

    g_assert_cmpint (g_bytes_compare (zahl, oeye), <, 0);
    g_assert_cmpint (g_bytes_compare (oeye, aasen), <, 0);
    g_assert_cmpint (g_bytes_compare (aasen, asen), <, 0);   /* then Per before Åse */
  }
}

static void
assert_parts (MpAttendee *attendee,
              const char *name,
              const char *given,
              const char *family)
{
  g_assert_cmpstr (mp_attendee_get_name (attendee), ==, name);
  g_assert_cmpstr (mp_attendee_get_given_name (attendee), ==, given);
  g_assert_cmpstr (mp_attendee_get_family_name (attendee), ==, family);
}

static char *
list_names (MpTestFixture *f,
            gint64         event_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = mp_store_list_attendees (f->store, event_id, &error);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    g_strv_builder_add (names, mp_attendee_get_name (g_ptr_array_index (list, i)));
  strv = g_strv_builder_end (names);
  return g_strjoinv ("|", strv);
}

/* What the window's two fields give, what one name field gives, and an
 * edit that changes the name. */
static void
test_store_keeps_parts (MpTestFixture *f,
                        gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(GError) error = NULL;
  g_autoptr(MpAttendee) by_parts = NULL;
  g_autoptr(MpAttendee) by_name = NULL;
  g_autoptr(MpAttendee) unsplit = NULL;
  g_autoptr(MpAttendee) edited = NULL;
  g_autofree char *names = NULL;
  MpRegistrationInput input = {
    .given_name = (char *) " Per  Olav ",
    .family_name = (char *) "Aasen",
    .source = MP_REGISTRATION_SOURCE_MANUAL,
  };

  by_parts = mp_store_register (f->store, e, &input, &error);
  g_assert_no_error (error);
  assert_parts (by_parts, "Per Olav Aasen", "Per Olav", "Aasen");

  by_name = mp_test_register (f->store, e, "Kari Nordmann", NULL, NULL, NULL);
  assert_parts (by_name, "Kari Nordmann", "Kari", "Nordmann");
  unsplit = mp_test_register (f->store, e, "Kari (NAV)", NULL, NULL, NULL);
  assert_parts (unsplit, "Kari (NAV)", "", "");
  g_object_unref (mp_test_register (f->store, e, "Zainab Berg", NULL, NULL, NULL));

  names = list_names (f, e);
  g_assert_cmpstr (names, ==, "Zainab Berg|Kari (NAV)|Kari Nordmann|Per Olav Aasen");

  /* Only a given name and no family name: sorted by the name. */
  {
    MpRegistrationInput only_given = { .given_name = (char *) "Cher", .source = MP_REGISTRATION_SOURCE_MANUAL };
    g_autoptr(MpAttendee) cher = mp_store_register (f->store, e, &only_given, &error);

    g_assert_no_error (error);
    assert_parts (cher, "Cher", "Cher", "");
  }

  /* Neither: still refused. */
  {
    MpRegistrationInput nothing = { .given_name = (char *) " ", .family_name = (char *) "", .source = MP_REGISTRATION_SOURCE_MANUAL };
    g_autoptr(MpAttendee) none = mp_store_register (f->store, e, &nothing, &error);

    g_assert_null (none);
    g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* An edit with new parts moves the person in the list. */
  {
    MpRegistrationInput edit = {
      .given_name = (char *) "Kari",
      .family_name = (char *) "Øvrebø",
      .status = MP_REGISTRATION_STATUS_REGISTERED,
    };

    g_assert_true (mp_store_update_registration (f->store, mp_attendee_get_registration_id (by_name), &edit, &error));
    g_assert_no_error (error);
    edited = mp_store_get_attendee (f->store, mp_attendee_get_registration_id (by_name), &error);
    assert_parts (edited, "Kari Øvrebø", "Kari", "Øvrebø");
  }
  g_free (names);
  names = list_names (f, e);
  g_assert_cmpstr (names, ==, "Zainab Berg|Cher|Kari (NAV)|Kari Øvrebø|Per Olav Aasen");

  /* An erasure blanks the parts too. */
  g_assert_true (mp_store_erase_person (f->store, mp_attendee_get_person_id (by_parts), &error));
  g_assert_no_error (error);
  g_assert_cmpint (mp_test_count_rows (f, "SELECT count(*) FROM person WHERE given_name = 'Per Olav'"
                                         " OR family_name = 'Aasen'"), ==, 0);
}

static MpCsvImportReport *
import_text (MpTestFixture *f,
             gint64         event_id,
             const char    *csv)
{
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCsvImport) import = mp_csv_import_new (bytes, &error);
  MpCsvImportReport *report;

  g_assert_no_error (error);
  report = mp_csv_import_run (import, f->store, event_id, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return report;
}

/* Fornavn and Etternavn columns are kept apart; "Aasen, Per" is turned
 * and split at its comma; a whole name is split safely. */
static void
test_import_keeps_parts (MpTestFixture *f,
                         gconstpointer  data)
{
  gint64 e1 = mp_test_add_event (f->store, "Dialogmøte");
  gint64 e2 = mp_test_add_event (f->store, "Frokostmøte");
  g_autoptr(MpCsvImportReport) parts = import_text (f, e1,
                                                     "Fornavn;Etternavn;E-post\n"
                                                     "Per Olav;Aasen;per@example.no\n"
                                                     "Anne;van der Berg;anne@example.no\n"
                                                     "Kari;Nordmann Hansen;kari@example.no\n");
  g_autoptr(MpCsvImportReport) whole = import_text (f, e2,
                                                     "Navn;E-post\n"
                                                     "\"ØDEGÅRD, Siri\";siri@example.no\n"
                                                     "Lise Zahl;lise@example.no\n"
                                                     "محمد السيد;m@example.no\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = mp_store_list_attendees (f->store, e1, &error);
  g_autoptr(GPtrArray) second = mp_store_list_attendees (f->store, e2, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 3);
  /* Berg (under v: "van der Berg"), Nordmann Hansen, Aasen (Å) */
  assert_parts (g_ptr_array_index (first, 0), "Kari Nordmann Hansen", "Kari", "Nordmann Hansen");
  assert_parts (g_ptr_array_index (first, 1), "Anne van der Berg", "Anne", "van der Berg");
  assert_parts (g_ptr_array_index (first, 2), "Per Olav Aasen", "Per Olav", "Aasen");

  g_assert_cmpuint (second->len, ==, 3);
  assert_parts (g_ptr_array_index (second, 0), "Lise Zahl", "Lise", "Zahl");
  assert_parts (g_ptr_array_index (second, 1), "Siri Ødegård", "Siri", "Ødegård");
  assert_parts (g_ptr_array_index (second, 2), "محمد السيد", "", "");
}

/* A database made before the names were kept apart: the migration
 * splits what it safely can and sorts everyone by surname; an erased
 * person stays blank. */
static void
test_migration_splits_existing_names (void)
{
  g_autofree char *dir = g_dir_make_tmp ("moteplass-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDatabase) db = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  sqlite3 *raw;
  int before = -1;

  /* the migrations up to the one that adds the columns (whatever its
   * number after other branches are merged) */
  for (int v = 0; v < MP_SCHEMA_VERSION; v++)
    if (strstr (mp_schema_migrations[v], "ADD COLUMN given_name") != NULL)
      before = v;
  g_assert_cmpint (before, >, 0);

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  for (int v = 0; v < before; v++)
    g_assert_cmpint (sqlite3_exec (raw, mp_schema_migrations[v], NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_autofree char *sql = g_strdup_printf (
      "PRAGMA user_version = %d; PRAGMA application_id = %d;"
      "INSERT INTO event (id, uuid, title, kind, starts_at, created_at)"
      " VALUES (1, 'e1', 'Dialogmøte', 'dialogue_meeting', 1900000000, 0);"
      "INSERT INTO person (id, uuid, name, name_key, sort_key, created_at) VALUES"
      " (1, 'p1', 'Åse Aasen', 'ase asen|', x'00', 0),"
      " (2, 'p2', 'Zahid Ali', 'zahid ali|', x'00', 0),"
      " (3, 'p3', 'Kari (NAV)', 'kari nav|', x'00', 0),"
      " (4, 'p4', '', '', x'', 0);"
      "UPDATE person SET erased_at = 5 WHERE id = 4;"
      "INSERT INTO registration (id, uuid, event_id, person_id, token, source, created_at) VALUES"
      " (1, 'r1', 1, 1, 't1', 'manual', 0), (2, 'r2', 1, 2, 't2', 'manual', 0),"
      " (3, 'r3', 1, 3, 't3', 'manual', 0), (4, 'r4', 1, 4, 't4', 'manual', 0);",
      before, MP_APPLICATION_ID);

    g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  sqlite3_close (raw);

  db = mp_database_open (path, MP_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  store = mp_store_new (db);
  list = mp_store_list_attendees (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  /* the erased person's key is empty: first */
  assert_parts (g_ptr_array_index (list, 0), "", "", "");
  assert_parts (g_ptr_array_index (list, 1), "Zahid Ali", "Zahid", "Ali");
  assert_parts (g_ptr_array_index (list, 2), "Kari (NAV)", "", "");
  assert_parts (g_ptr_array_index (list, 3), "Åse Aasen", "Åse", "Aasen");

  g_clear_object (&store);
  g_clear_object (&db);
  mp_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/person-name/split-safely", test_split_safely);
  g_test_add_func ("/person-name/join", test_join);
  g_test_add_func ("/person-name/surname-order", test_surname_order);
  MP_TEST_ADD ("/person-name/store-keeps-parts", test_store_keeps_parts);
  MP_TEST_ADD ("/person-name/import-keeps-parts", test_import_keeps_parts);
  g_test_add_func ("/person-name/migration-splits-existing-names", test_migration_splits_existing_names);

  return g_test_run ();
}
