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
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               guint      *n_changes)
{
  (*n_changes)++;
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
  guint n_changes = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (count_changes), &n_changes);

  mp_attendee_list_set_query (list, "sorensen");
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (mp_attendee_list_get_n_attendees (list), ==, G_N_ELEMENTS (names));

  mp_attendee_list_set_query (list, "sorensen");
  g_assert_cmpuint (n_changes, ==, 1);

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

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, MpTestFixture, NULL, mp_test_fixture_set_up, func, mp_test_fixture_tear_down)

  ADD ("/attendee-list/norwegian-order", test_attendee_list_norwegian_order);
  ADD ("/attendee-list/query-narrows-and-notifies", test_attendee_list_query_narrows_and_notifies);
  ADD ("/attendee-list/same-object-while-cached", test_attendee_list_same_object_while_cached);
  ADD ("/attendee-list/cache-is-bounded", test_attendee_list_cache_is_bounded);
  ADD ("/attendee-list/reload-sees-new-registrations", test_attendee_list_reload_sees_new_registrations);

  return g_test_run ();
}
