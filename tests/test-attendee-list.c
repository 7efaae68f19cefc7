/* MpAttendeeList: the lazy list model the attendee view shows. */
#include "config.h"

#include <locale.h>

#include "mp-test-util.h"

#include "mp-attendee-list.h"

static const char *names[] = {
  "Åse Åsen", "Kari Sørensen", "Ola Nordmann", "Per Aasen", "Emil Øvrebø", "Nina Sorensen",
};

static gint64
add_event_with_people (MpTestFixture *f,
                       guint          n_extra)
{
  g_autoptr(MpEvent) event = mp_event_new ();
  g_autoptr(GError) error = NULL;
  MpImportCounts counts = { 0 };
  GPtrArray *inputs;

  mp_event_set_title (event, "Dialogmøte");
  mp_event_set_starts_at (event, 1900000000);
  g_assert_true (mp_store_add_event (f->store, event, &error));
  g_assert_no_error (error);

  /* One import: one transaction, not one durable commit per person. */
  inputs = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (names) + n_extra; i++)
    {
      MpRegistrationInput *input = g_new0 (MpRegistrationInput, 1);

      input->name = i < G_N_ELEMENTS (names) ? g_strdup (names[i]) : g_strdup_printf ("Person %05u", i);
      input->organisation = g_strdup ("Molde kommune");
      g_ptr_array_add (inputs, input);
    }
  g_assert_true (mp_store_import (f->store, mp_event_get_id (event), inputs, FALSE, &counts,
                                  NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.new_registrations, ==, inputs->len);
  for (guint i = 0; i < inputs->len; i++)
    {
      mp_registration_input_clear (g_ptr_array_index (inputs, i));
      g_free (g_ptr_array_index (inputs, i));
    }
  g_ptr_array_unref (inputs);

  return mp_event_get_id (event);
}

static void
test_attendee_list_norwegian_order (MpTestFixture *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpAttendeeList) list = mp_attendee_list_new (f->store, add_event_with_people (f, 0), &error);
  g_autoptr(MpAttendee) first = NULL;
  g_autoptr(MpAttendee) last = NULL;

  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == MP_TYPE_ATTENDEE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, G_N_ELEMENTS (names));
  g_assert_cmpuint (mp_attendee_list_get_n_attendees (list), ==, G_N_ELEMENTS (names));

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  last = g_list_model_get_item (G_LIST_MODEL (list), G_N_ELEMENTS (names) - 1);
  g_assert_nonnull (first);
  g_assert_nonnull (last);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), G_N_ELEMENTS (names)));
  /* Sorted by family name the Norwegian way: Å after Z and Ø. */
  g_assert_cmpstr (mp_attendee_get_name (last), ==, "Åse Åsen");
}

static void
test_attendee_list_query_narrows_and_notifies (MpTestFixture *f,
                                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpAttendeeList) list = mp_attendee_list_new (f->store, add_event_with_people (f, 0), &error);
  MpTestItemsChanged changes = { 0 };

  g_signal_connect (list, "items-changed", G_CALLBACK (mp_test_record_items_changed), &changes);

  mp_attendee_list_set_query (list, "sorensen");
  g_assert_cmpuint (changes.n, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (mp_attendee_list_get_n_attendees (list), ==, G_N_ELEMENTS (names));

  mp_attendee_list_set_query (list, "sorensen");
  g_assert_cmpuint (changes.n, ==, 1);

  mp_attendee_list_set_query (list, "kari sør");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  {
    g_autoptr(MpAttendee) kari = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (mp_attendee_get_name (kari), ==, "Kari Sørensen");
  }

  mp_attendee_list_set_query (list, "nobody-like-this");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  mp_attendee_list_set_query (list, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, G_N_ELEMENTS (names));
  g_assert_cmpstr (mp_attendee_list_get_query (list), ==, "");
}

static void
test_attendee_list_same_object_while_cached (MpTestFixture *f,
                                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpAttendeeList) list = mp_attendee_list_new (f->store, add_event_with_people (f, 0), &error);
  g_autoptr(MpAttendee) a = g_list_model_get_item (G_LIST_MODEL (list), 2);
  g_autoptr(MpAttendee) b = g_list_model_get_item (G_LIST_MODEL (list), 2);

  g_assert_true (a == b);
}

static void
weak_notify_count (gpointer  data,
                   GObject  *where_the_object_was)
{
  (*(guint *)data)++;
}

/* Scrolling through a big event does not keep every row alive. */
static void
test_attendee_list_cache_is_bounded (MpTestFixture *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpAttendeeList) list = mp_attendee_list_new (f->store, add_event_with_people (f, 2000), &error);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  guint n_finalized = 0;

  g_assert_cmpuint (n, ==, 2000 + G_N_ELEMENTS (names));
  for (guint i = 0; i < n; i++)
    {
      MpAttendee *attendee = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_object_weak_ref (G_OBJECT (attendee), weak_notify_count, &n_finalized);
      g_object_unref (attendee);
    }

  /* At most a few hundred stay in the cache. */
  g_assert_cmpuint (n - n_finalized, <=, 256);
  g_assert_cmpuint (n - n_finalized, >, 0);

  g_clear_object (&list);
  g_assert_cmpuint (n_finalized, ==, n);
}

static void
test_attendee_list_reload_sees_new_registrations (MpTestFixture *f,
                                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id = add_event_with_people (f, 0);
  g_autoptr(MpAttendeeList) list = mp_attendee_list_new (f->store, event_id, &error);
  MpRegistrationInput input = { 0 };
  g_autoptr(MpAttendee) attendee = NULL;

  mp_attendee_list_set_query (list, "sorensen");
  input.name = g_strdup ("Mona Sørensen");
  attendee = mp_store_register (f->store, event_id, &input, &error);
  g_assert_no_error (error);
  mp_registration_input_clear (&input);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_true (mp_attendee_list_reload (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpuint (mp_attendee_list_get_n_attendees (list), ==, G_N_ELEMENTS (names) + 1);
}

/* People from every corner of the alphabet, with organisations and
 * sectors that sort the Norwegian way. */
typedef struct
{
  const char *name;
  const char *organisation;
  const char *sector;
  MpRegistrationStatus status;
} Someone;

static const Someone someone[] = {
  { "Ola Nordmann",   "Ørsta kommune",     "Kommune",                MP_REGISTRATION_STATUS_REGISTERED },
  { "Kari Sørensen",  "Åsane frivilligsentral", "Frivilligsentral", MP_REGISTRATION_STATUS_REGISTERED },
  { "Per Aasen",      "Zebra AS",          "Næringsliv",             MP_REGISTRATION_STATUS_WAITLISTED },
  { "Åse Åsen",       "Ærfugl lag",        "Frivillig organisasjon", MP_REGISTRATION_STATUS_REGISTERED },
  { "Emil Øvrebø",    "Bergen kommune",    "Kommune",                MP_REGISTRATION_STATUS_CANCELLED },
  { "Nina Sorensen",  NULL,                NULL,                     MP_REGISTRATION_STATUS_REGISTERED },
};

static gint64
add_event_with_someone (MpTestFixture *f)
{
  g_autoptr(MpEvent) event = mp_event_new ();
  g_autoptr(GError) error = NULL;

  mp_event_set_title (event, "Frokostmøte");
  mp_event_set_starts_at (event, 1900000000);
  g_assert_true (mp_store_add_event (f->store, event, &error));

  for (guint i = 0; i < G_N_ELEMENTS (someone); i++)
    {
      MpRegistrationInput input = { 0 };
      g_autoptr(MpAttendee) attendee = NULL;

      input.name = g_strdup (someone[i].name);
      input.organisation = g_strdup (someone[i].organisation);
      input.sector = g_strdup (someone[i].sector);
      input.status = someone[i].status;
      attendee = mp_store_register (f->store, mp_event_get_id (event), &input, &error);
      g_assert_no_error (error);
      mp_registration_input_clear (&input);
    }

  return mp_event_get_id (event);
}

static char *
dup_names (MpAttendeeList *list)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(MpAttendee) attendee = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpint (mp_attendee_list_get_registration_id (list, i), ==, mp_attendee_get_registration_id (attendee));
      g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", mp_attendee_get_name (attendee));
    }

  return g_string_free (out, FALSE);
}

static gint64
find_id (MpAttendeeList *list,
         const char     *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(MpAttendee) attendee = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (mp_attendee_get_name (attendee), name) == 0)
        return mp_attendee_get_registration_id (attendee);
    }
  g_assert_not_reached ();
}

static void
check_in (MpTestFixture *f,
          gint64         event_id,
          gint64         registration_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCheckInResult) result = mp_store_check_in_registration (f->store, event_id, registration_id, "Dør 1", &error);

  g_assert_no_error (error);
  g_assert_cmpint (mp_check_in_result_get_outcome (result), ==, MP_CHECK_IN_CHECKED_IN);
}

static void
test_attendee_list_sort_by_organisation_norwegian (MpTestFixture *f,
                                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpAttendeeList) list = mp_attendee_list_new (f->store, add_event_with_someone (f), &error);
  gboolean descending = TRUE;
  MpTestItemsChanged changes = { 0 };
  char *shown;

  g_assert_no_error (error);
  g_assert_cmpint (mp_attendee_list_get_sort (list, &descending), ==, MP_ATTENDEE_SORT_NAME);
  g_assert_false (descending);

  g_signal_connect (list, "items-changed", G_CALLBACK (mp_test_record_items_changed), &changes);
  /* Bergen, Zebra, Ærfugl, Ørsta, Åsane; no organisation last. */
  mp_attendee_list_set_sort (list, MP_ATTENDEE_SORT_ORGANISATION, FALSE);
  g_assert_cmpuint (changes.n, ==, 1);
  shown = dup_names (list);
  g_assert_cmpstr (shown, ==, "Emil Øvrebø, Per Aasen, Åse Åsen, Ola Nordmann, Kari Sørensen, Nina Sorensen");
  g_free (shown);

  mp_attendee_list_set_sort (list, MP_ATTENDEE_SORT_ORGANISATION, TRUE);
  shown = dup_names (list);
  g_assert_cmpstr (shown, ==, "Kari Sørensen, Ola Nordmann, Åse Åsen, Per Aasen, Emil Øvrebø, Nina Sorensen");
  g_free (shown);

  /* Frivillig organisasjon, Frivilligsentral, Kommune (by name), Næringsliv, none. */
  mp_attendee_list_set_sort (list, MP_ATTENDEE_SORT_SECTOR, FALSE);
  shown = dup_names (list);
  g_assert_cmpstr (shown, ==, "Åse Åsen, Kari Sørensen, Ola Nordmann, Emil Øvrebø, Per Aasen, Nina Sorensen");
  g_free (shown);

  mp_attendee_list_set_sort (list, MP_ATTENDEE_SORT_STATUS, FALSE);
  shown = dup_names (list);
  g_assert_cmpstr (shown, ==, "Ola Nordmann, Nina Sorensen, Kari Sørensen, Åse Åsen, Per Aasen, Emil Øvrebø");
  g_free (shown);

  /* By surname backwards: Å first ("Aasen" and "Åsen" are one name,
   * then Per before Åse). */
  mp_attendee_list_set_sort (list, MP_ATTENDEE_SORT_NAME, TRUE);
  shown = dup_names (list);
  g_assert_cmpstr (shown, ==, "Åse Åsen, Per Aasen, Emil Øvrebø, Kari Sørensen, Nina Sorensen, Ola Nordmann");
  g_free (shown);

  /* The sort and the query together. */
  mp_attendee_list_set_query (list, "sorensen");
  shown = dup_names (list);
  g_assert_cmpstr (shown, ==, "Kari Sørensen, Nina Sorensen");
  g_free (shown);
}

/* Surname order by default, first-name order on request; both the
 * Norwegian way, and empty sectors still last when sorting by sector. */
static void
test_attendee_list_sort_by_surname_or_first_name (MpTestFixture *f,
                                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id = add_event_with_someone (f);
  g_autoptr(MpAttendeeList) list = mp_attendee_list_new (f->store, event_id, &error);
  char *shown;

  g_assert_no_error (error);
  shown = dup_names (list);
  g_assert_cmpstr (shown, ==, "Ola Nordmann, Nina Sorensen, Kari Sørensen, Emil Øvrebø, Per Aasen, Åse Åsen");
  g_free (shown);

  mp_attendee_list_set_sort (list, MP_ATTENDEE_SORT_GIVEN_NAME, FALSE);
  shown = dup_names (list);
  g_assert_cmpstr (shown, ==, "Emil Øvrebø, Kari Sørensen, Nina Sorensen, Ola Nordmann, Per Aasen, Åse Åsen");
  g_free (shown);

  mp_attendee_list_set_sort (list, MP_ATTENDEE_SORT_GIVEN_NAME, TRUE);
  shown = dup_names (list);
  g_assert_cmpstr (shown, ==, "Åse Åsen, Per Aasen, Ola Nordmann, Nina Sorensen, Kari Sørensen, Emil Øvrebø");
  g_free (shown);

  /* a new person lands in place after a reload, in either order */
  g_object_unref (mp_test_register (f->store, event_id, "Bodil Zahl", NULL, NULL, NULL));
  g_assert_true (mp_attendee_list_reload (list, &error));
  g_assert_no_error (error);
  mp_attendee_list_set_sort (list, MP_ATTENDEE_SORT_GIVEN_NAME, FALSE);
  shown = dup_names (list);
  g_assert_cmpstr (shown, ==, "Bodil Zahl, Emil Øvrebø, Kari Sørensen, Nina Sorensen, Ola Nordmann, Per Aasen, Åse Åsen");
  g_free (shown);
  mp_attendee_list_set_sort (list, MP_ATTENDEE_SORT_NAME, FALSE);
  shown = dup_names (list);
  g_assert_cmpstr (shown, ==, "Ola Nordmann, Nina Sorensen, Kari Sørensen, Bodil Zahl, Emil Øvrebø, Per Aasen, Åse Åsen");
  g_free (shown);
}

static void
test_attendee_list_sort_by_arrival (MpTestFixture *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id = add_event_with_someone (f);
  g_autoptr(MpAttendeeList) list = mp_attendee_list_new (f->store, event_id, &error);
  char *shown;

  mp_attendee_list_set_sort (list, MP_ATTENDEE_SORT_ARRIVED, FALSE);
  check_in (f, event_id, find_id (list, "Ola Nordmann"));
  g_usleep (1100 * 1000);  /* check-in times are whole seconds */
  check_in (f, event_id, find_id (list, "Kari Sørensen"));
  g_assert_true (mp_attendee_list_reload (list, &error));

  shown = dup_names (list);
  g_assert_cmpstr (shown, ==, "Ola Nordmann, Kari Sørensen, Nina Sorensen, Emil Øvrebø, Per Aasen, Åse Åsen");
  g_free (shown);

  /* Latest first; who has not come stays last. */
  mp_attendee_list_set_sort (list, MP_ATTENDEE_SORT_ARRIVED, TRUE);
  shown = dup_names (list);
  g_assert_cmpstr (shown, ==, "Kari Sørensen, Ola Nordmann, Nina Sorensen, Emil Øvrebø, Per Aasen, Åse Åsen");
  g_free (shown);
}

static void
test_attendee_list_filters_combine_with_query (MpTestFixture *f,
                                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id = add_event_with_someone (f);
  g_autoptr(MpAttendeeList) list = mp_attendee_list_new (f->store, event_id, &error);
  gint64 kommune = mp_store_find_sector (f->store, "Kommune");
  char *shown;

  g_assert_cmpint (kommune, >, 0);
  g_assert_false (mp_attendee_list_get_filtered (list));

  mp_attendee_list_set_filter (list, kommune, MP_ATTENDEE_STATUS_ANY, MP_ATTENDEE_ARRIVED_ANY);
  g_assert_true (mp_attendee_list_get_filtered (list));
  shown = dup_names (list);
  g_assert_cmpstr (shown, ==, "Ola Nordmann, Emil Øvrebø");
  g_free (shown);
  g_assert_cmpuint (mp_attendee_list_get_n_attendees (list), ==, G_N_ELEMENTS (someone));

  mp_attendee_list_set_filter (list, kommune, MP_REGISTRATION_STATUS_CANCELLED, MP_ATTENDEE_ARRIVED_ANY);
  shown = dup_names (list);
  g_assert_cmpstr (shown, ==, "Emil Øvrebø");
  g_free (shown);

  mp_attendee_list_set_filter (list, MP_ATTENDEE_SECTOR_NONE, MP_ATTENDEE_STATUS_ANY, MP_ATTENDEE_ARRIVED_ANY);
  shown = dup_names (list);
  g_assert_cmpstr (shown, ==, "Nina Sorensen");
  g_free (shown);

  mp_attendee_list_set_filter (list, MP_ATTENDEE_SECTOR_ANY, MP_ATTENDEE_STATUS_ANY, MP_ATTENDEE_ARRIVED_ANY);
  check_in (f, event_id, find_id (list, "Kari Sørensen"));
  g_assert_true (mp_attendee_list_reload (list, &error));
  mp_attendee_list_set_query (list, "sorensen");
  mp_attendee_list_set_filter (list, MP_ATTENDEE_SECTOR_ANY, MP_ATTENDEE_STATUS_ANY, MP_ATTENDEE_ARRIVED_NO);
  shown = dup_names (list);
  g_assert_cmpstr (shown, ==, "Nina Sorensen");
  g_free (shown);
  mp_attendee_list_set_filter (list, MP_ATTENDEE_SECTOR_ANY, MP_ATTENDEE_STATUS_ANY, MP_ATTENDEE_ARRIVED_YES);
  shown = dup_names (list);
  g_assert_cmpstr (shown, ==, "Kari Sørensen");
  g_free (shown);

  /* A check-in elsewhere moves a person out of "not arrived" on reload. */
  mp_attendee_list_set_filter (list, MP_ATTENDEE_SECTOR_ANY, MP_ATTENDEE_STATUS_ANY, MP_ATTENDEE_ARRIVED_NO);
  check_in (f, event_id, find_id (list, "Nina Sorensen"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_true (mp_attendee_list_reload (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

/* A change elsewhere replaces only the rows it touched, so the view keeps
 * its place; an attendee a view holds is replaced when it changed. */
static void
test_attendee_list_reload_replaces_only_changed_rows (MpTestFixture *f,
                                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id = add_event_with_people (f, 100);
  g_autoptr(MpAttendeeList) list = mp_attendee_list_new (f->store, event_id, &error);
  g_autoptr(MpAttendee) before = g_list_model_get_item (G_LIST_MODEL (list), 50);
  g_autoptr(MpAttendee) other = g_list_model_get_item (G_LIST_MODEL (list), 60);
  g_autoptr(MpAttendee) after = NULL;
  g_autoptr(MpAttendee) other_after = NULL;
  MpTestItemsChanged last = { 0 };

  g_signal_connect (list, "items-changed", G_CALLBACK (mp_test_record_items_changed), &last);

  g_assert_true (mp_attendee_list_reload (list, &error));
  g_assert_cmpuint (last.n, ==, 0);

  check_in (f, event_id, mp_attendee_get_registration_id (before));
  g_assert_true (mp_attendee_list_reload (list, &error));
  g_assert_cmpuint (last.n, ==, 1);
  g_assert_cmpuint (last.position, ==, 50);
  g_assert_cmpuint (last.removed, ==, 1);
  g_assert_cmpuint (last.added, ==, 1);

  after = g_list_model_get_item (G_LIST_MODEL (list), 50);
  g_assert_true (after != before);
  g_assert_true (mp_attendee_get_arrived (after));
  other_after = g_list_model_get_item (G_LIST_MODEL (list), 60);
  g_assert_true (other_after == other);
  g_assert_cmpint (mp_attendee_list_find_registration (list, mp_attendee_get_registration_id (after)), ==, 50);
  g_assert_cmpint (mp_attendee_list_find_registration (list, 999999), ==, -1);
}

/* 100,000 attendees: switching the sort stays well under a second. */
static void
test_attendee_list_sort_100k (MpTestFixture *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpAttendeeList) list = NULL;
  g_autoptr(GTimer) timer = NULL;
  double first, second;

  if (!g_test_slow ())
    {
      g_test_skip ("slow: run with -m slow");
      return;
    }

  list = mp_attendee_list_new (f->store, add_event_with_people (f, 100000), &error);
  timer = g_timer_new ();
  mp_attendee_list_set_sort (list, MP_ATTENDEE_SORT_ORGANISATION, FALSE);
  first = g_timer_elapsed (timer, NULL);
  g_timer_start (timer);
  mp_attendee_list_set_sort (list, MP_ATTENDEE_SORT_NAME, TRUE);
  second = g_timer_elapsed (timer, NULL);
  g_test_message ("first sort (reads facets) %.1f ms, next %.1f ms", first * 1000, second * 1000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 100000 + G_N_ELEMENTS (names));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  MP_TEST_ADD ("/attendee-list/norwegian-order", test_attendee_list_norwegian_order);
  MP_TEST_ADD ("/attendee-list/query-narrows-and-notifies", test_attendee_list_query_narrows_and_notifies);
  MP_TEST_ADD ("/attendee-list/same-object-while-cached", test_attendee_list_same_object_while_cached);
  MP_TEST_ADD ("/attendee-list/cache-is-bounded", test_attendee_list_cache_is_bounded);
  MP_TEST_ADD ("/attendee-list/reload-sees-new-registrations", test_attendee_list_reload_sees_new_registrations);
  MP_TEST_ADD ("/attendee-list/sort-by-organisation-norwegian", test_attendee_list_sort_by_organisation_norwegian);
  MP_TEST_ADD ("/attendee-list/sort-by-arrival", test_attendee_list_sort_by_arrival);
  MP_TEST_ADD ("/attendee-list/sort-by-surname-or-first-name", test_attendee_list_sort_by_surname_or_first_name);
  MP_TEST_ADD ("/attendee-list/filters-combine-with-query", test_attendee_list_filters_combine_with_query);
  MP_TEST_ADD ("/attendee-list/reload-replaces-only-changed-rows", test_attendee_list_reload_replaces_only_changed_rows);
  MP_TEST_ADD ("/attendee-list/sort-100k", test_attendee_list_sort_100k);

  return g_test_run ();
}
