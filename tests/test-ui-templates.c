/* Every composite template loads and builds: a typo in a .ui file, a
 * missing child id or callback fails here, not in front of a person. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "mp-test-util.h"
#include "ui/mp-ui-test-util.h"

#include "mp-application.h"
#include "mp-attendee-filter.h"
#include "mp-attendee-rows.h"
#include "mp-desk-page.h"
#include "mp-import-dialog.h"
#include "mp-registration-edit.h"
#include "mp-event-editor.h"
#include "mp-event-page.h"
#include "mp-event-row.h"
#include "mp-events-page.h"
#include "mp-registration-editor.h"
#include "mp-window.h"

typedef struct
{
  MpImportDialog *dialog;
  const char     *line;
} Description;

static gboolean
describes (gpointer data)
{
  Description *d = data;
  g_autoptr(GString) out = g_string_new ("\n");
  g_autofree char *wanted = g_strconcat ("\n", d->line, "\n", NULL);

  mp_import_dialog_describe (d->dialog, out);
  return strstr (out->str, wanted) != NULL;
}

/* Spins the main loop until @dialog describes itself with @line, or 10 s. */
static gboolean
wait_for_description (MpImportDialog *dialog,
                      const char     *line)
{
  Description d = { dialog, line };
  g_autoptr(GString) out = NULL;

  if (mp_test_wait_until (describes, &d, 10000))
    return TRUE;

  out = g_string_new (NULL);
  mp_import_dialog_describe (dialog, out);
  g_test_message ("dialog shows:\n%s", out->str);
  return FALSE;
}

static gint64
add_plain_event (MpTestFixture *f)
{
  g_autoptr(MpEvent) event = mp_event_new ();
  g_autoptr(GError) error = NULL;

  mp_event_set_title (event, "Dialogmøte");
  mp_event_set_starts_at (event, 1900000000);
  g_assert_true (mp_store_add_event (f->store, event, &error));
  return mp_event_get_id (event);
}

static void
count_signal (gpointer  instance,
              guint    *n)
{
  (*n)++;
}

/* The wizard: a dry run shows what would happen and writes nothing;
 * changing a column's meaning runs it again; Import writes, once. */
static void
test_import_dialog_preview_then_import (MpTestFixture *f,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id = add_plain_event (f);
  g_autofree char *path = g_build_filename (f->dir, "påmeldinger.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) attendees = NULL;
  MpImportDialog *dialog;
  guint n_imported = 0;

  g_assert_true (g_file_set_contents (path,
                                      "Navn;E-post;Virksomhet;Kommentar\n"
                                      "Kari Sørensen;kari@molde.kommune.no;Molde kommune;hei\n"
                                      "Ola Nordmann;ola@nav.no;NAV Molde;\n"
                                      ";ingen@navn.no;Uten navn;\n",
                                      -1, &error));

  dialog = mp_import_dialog_new (f->store, event_id, file);
  g_signal_connect (dialog, "imported", G_CALLBACK (count_signal), &n_imported);
  g_assert_true (wait_for_description (dialog, "import=preview"));
  g_assert_true (wait_for_description (dialog, "import.preview=new:2|merged:0|unchanged:0|repeated:0|bad:1"));
  g_assert_true (wait_for_description (dialog, "import.bad_lines=4"));
  g_assert_true (wait_for_description (dialog, "import.columns=Navn:name|E-post:email|Virksomhet:organisation|Kommentar:ignore"));
  g_assert_true (wait_for_description (dialog, "import.delimiter=semicolon"));

  attendees = mp_store_list_attendees (f->store, event_id, &error);
  g_assert_cmpuint (attendees->len, ==, 0);
  g_clear_pointer (&attendees, g_ptr_array_unref);

  /* The comment column read as the organisation: the dry run again. */
  g_assert_true (mp_import_dialog_set_column_field (dialog, 3, MP_CSV_FIELD_ORGANISATION));
  g_assert_true (mp_import_dialog_set_column_field (dialog, 2, MP_CSV_FIELD_IGNORE));
  g_assert_true (wait_for_description (dialog, "import.columns=Navn:name|E-post:email|Virksomhet:ignore|Kommentar:organisation"));
  g_assert_true (wait_for_description (dialog, "import.busy=0"));
  g_assert_true (wait_for_description (dialog, "import.preview=new:2|merged:0|unchanged:0|repeated:0|bad:1"));
  /* no name column: nothing to import */
  g_assert_true (mp_import_dialog_set_column_field (dialog, 0, MP_CSV_FIELD_IGNORE));
  g_assert_true (wait_for_description (dialog, "import.busy=0"));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  g_assert_true (wait_for_description (dialog, "import=preview"));
  g_assert_true (wait_for_description (dialog, "import.busy=0"));
  g_assert_true (mp_import_dialog_set_column_field (dialog, 0, MP_CSV_FIELD_NAME));
  g_assert_true (mp_import_dialog_set_column_field (dialog, 2, MP_CSV_FIELD_ORGANISATION));
  g_assert_true (mp_import_dialog_set_column_field (dialog, 3, MP_CSV_FIELD_IGNORE));
  g_assert_true (wait_for_description (dialog, "import.busy=0"));
  g_assert_true (wait_for_description (dialog, "import.preview=new:2|merged:0|unchanged:0|repeated:0|bad:1"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_true (wait_for_description (dialog, "import=done"));
  g_assert_true (wait_for_description (dialog, "import.result=added:2|merged:0|unchanged:0|repeated:0|skipped:1"));
  g_assert_cmpuint (n_imported, ==, 1);

  attendees = mp_store_list_attendees (f->store, event_id, &error);
  g_assert_cmpuint (attendees->len, ==, 2);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Cancel during the import leaves the event as it was. */
static void
test_import_dialog_cancel_writes_nothing (MpTestFixture *f,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id = add_plain_event (f);
  g_autofree char *path = g_build_filename (f->dir, "mange.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) csv = g_string_new ("Navn,E-post,Organisasjon\n");
  g_autoptr(GPtrArray) attendees = NULL;
  MpImportDialog *dialog;
  guint n_imported = 0;

  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (csv, "Person %u,person%u@example.no,Organisasjon %u\n", i, i, i % 300);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, &error));

  dialog = mp_import_dialog_new (f->store, event_id, file);
  g_signal_connect (dialog, "imported", G_CALLBACK (count_signal), &n_imported);
  g_assert_true (wait_for_description (dialog, "import=preview"));
  g_assert_true (wait_for_description (dialog, "import.preview=new:50000|merged:0|unchanged:0|repeated:0|bad:0"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_true (wait_for_description (dialog, "import=importing"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  g_assert_true (wait_for_description (dialog, "import=preview"));
  g_assert_true (wait_for_description (dialog, "import.busy=0"));
  g_assert_cmpuint (n_imported, ==, 0);

  attendees = mp_store_list_attendees (f->store, event_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attendees->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_import_dialog_refuses_a_workbook (MpTestFixture *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id = add_plain_event (f);
  g_autofree char *path = g_build_filename (f->dir, "book.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  MpImportDialog *dialog;

  /* a zip file, as .xlsx workbooks are */
  g_assert_true (g_file_set_contents (path, "PK\003\004\024\000\006\000\010\000\000\000!\000", 16, &error));
  dialog = mp_import_dialog_new (f->store, event_id, file);
  g_assert_true (wait_for_description (dialog, "import=error"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_attendee_filter_choices (MpTestFixture *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sectors = mp_store_list_sectors (f->store, &error);
  MpAttendeeFilter *filter = g_object_ref_sink (mp_attendee_filter_new ());
  g_autofree char *description = NULL;
  guint n_changed = 0;

  g_signal_connect (filter, "changed", G_CALLBACK (count_signal), &n_changed);
  mp_attendee_filter_set_sectors (filter, sectors);
  g_assert_false (mp_attendee_filter_get_active (filter));
  g_assert_cmpuint (n_changed, ==, 0);

  g_assert_true (mp_attendee_filter_select_sector_name (filter, "NAV"));
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_true (mp_attendee_filter_get_active (filter));
  g_assert_cmpint (mp_attendee_filter_get_sector_id (filter), ==, mp_store_find_sector (f->store, "NAV"));
  description = mp_attendee_filter_describe (filter);
  g_assert_cmpstr (description, ==, "sector=NAV|status=|arrived=");

  /* Still chosen when the sector list is read again. */
  mp_attendee_filter_set_sectors (filter, sectors);
  g_assert_cmpint (mp_attendee_filter_get_sector_id (filter), ==, mp_store_find_sector (f->store, "NAV"));

  mp_attendee_filter_reset (filter);
  g_assert_cmpuint (n_changed, ==, 2);
  g_assert_false (mp_attendee_filter_get_active (filter));
  g_object_unref (filter);
}

static void
registration_saved_cb (MpRegistrationEditor  *editor,
          MpAttendee            *attendee,
          MpAttendee           **out)
{
  g_set_object (out, attendee);
}

static void
test_registration_editor_edits (MpTestFixture *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id = add_plain_event (f);
  MpRegistrationInput input = { 0 };
  g_autoptr(MpAttendee) kari = NULL;
  g_autoptr(MpAttendee) saved = NULL;
  g_autoptr(MpCheckInResult) result = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  MpRegistrationEditor *editor;

  input.name = g_strdup ("Kari Nordmann");
  input.organisation = g_strdup ("Molde kommune");
  kari = mp_store_register (f->store, event_id, &input, &error);
  mp_registration_input_clear (&input);
  result = mp_store_check_in_registration (f->store, event_id, mp_attendee_get_registration_id (kari), "Dør 1", &error);
  g_assert_no_error (error);

  editor = mp_registration_editor_new_for_attendee (f->store, kari);
  mp_registration_editor_describe (editor, out);
  /* Kari has no e-mail address: the editor says no ticket can be sent */
  g_assert_cmpstr (out->str, ==, "editor=edit|Kari Nordmann\neditor.history=1\n"
                   "editor.ticket-mail=no-address|No valid e-mail address: no ticket can be sent.\n"
                   "consent.followup=none|0\nconsent.photo=none|0\n");

  g_signal_connect (editor, "saved", G_CALLBACK (registration_saved_cb), &saved);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "registration.add", NULL));
  /* unchanged form: saved as it was */
  g_assert_nonnull (saved);
  g_assert_cmpstr (mp_attendee_get_name (saved), ==, "Kari Nordmann");
  g_assert_cmpstr (mp_attendee_get_organisation (saved), ==, "Molde kommune");
  g_assert_true (mp_attendee_get_arrived (saved));
}

static GObject *
editor_child (MpRegistrationEditor *editor,
              const char           *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (editor), MP_TYPE_REGISTRATION_EDITOR, name);

  g_assert_nonnull (child);
  return child;
}

static gboolean
editor_describes (MpRegistrationEditor *editor,
                  const char           *line)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *whole = g_strconcat (line, "\n", NULL);

  mp_registration_editor_describe (editor, out);
  return strstr (out->str, whole) != NULL;
}

/* Adding by hand: given and family names apart, both consents asked,
 * the waiting list when the event is full unless the organiser lets the
 * person in past it, and what comes after: Show, Print Ticket, Add
 * Another. */
static void
test_registration_editor_adds_by_hand (MpTestFixture *f,
                                       gconstpointer  data)
{
  g_autoptr(MpEvent) event = mp_event_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MpAttendee) first = NULL;
  g_autoptr(MpAttendee) added = NULL;
  g_autoptr(MpAttendee) shown = NULL;
  MpRegistrationEditor *editor;

  mp_event_set_title (event, "Frokostmøte");
  mp_event_set_starts_at (event, 1900000000);
  mp_event_set_capacity (event, 1);
  g_assert_true (mp_store_add_event (f->store, event, &error));
  first = mp_test_register (f->store, mp_event_get_id (event), "Ola Nordmann", NULL, NULL, NULL);

  editor = mp_registration_editor_new (f->store, mp_event_get_id (event));
  g_signal_connect (editor, "added", G_CALLBACK (registration_saved_cb), &added);
  g_signal_connect (editor, "show-requested", G_CALLBACK (registration_saved_cb), &shown);
  g_assert_true (editor_describes (editor, "editor.full=1"));
  /* no name yet: nothing to add */
  gtk_widget_activate_action (GTK_WIDGET (editor), "registration.add", NULL);
  g_assert_null (added);

  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "given_row")), "Per Olav");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "family_row")), "Aasen");
  gtk_switch_set_active (GTK_SWITCH (editor_child (editor, "photo_switch")), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "registration.add", NULL));
  g_assert_nonnull (added);
  g_assert_cmpstr (mp_attendee_get_name (added), ==, "Per Olav Aasen");
  g_assert_cmpstr (mp_attendee_get_family_name (added), ==, "Aasen");
  g_assert_true (mp_attendee_get_consent_photo (added));
  g_assert_false (mp_attendee_get_consent_followup (added));
  g_assert_cmpint (mp_attendee_get_status (added), ==, MP_REGISTRATION_STATUS_WAITLISTED);
  g_assert_true (editor_describes (editor, "editor.added=Per Olav Aasen|waitlisted"));

  /* Add Another: an empty form again; let this one in past capacity. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "registration.add-another", NULL));
  g_assert_true (editor_describes (editor, "editor=add|"));
  g_assert_true (editor_describes (editor, "editor.full=1"));
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "given_row")), "Kari");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "family_row")), "Sørensen");
  gtk_switch_set_active (GTK_SWITCH (editor_child (editor, "over_capacity_switch")), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "registration.add", NULL));
  g_assert_cmpstr (mp_attendee_get_name (added), ==, "Kari Sørensen");
  g_assert_cmpint (mp_attendee_get_status (added), ==, MP_REGISTRATION_STATUS_REGISTERED);

  /* Show: the dialog closes and asks the page to show the new row. */
  g_object_ref (editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "registration.show", NULL));
  g_assert_nonnull (shown);
  g_assert_cmpint (mp_attendee_get_registration_id (shown), ==, mp_attendee_get_registration_id (added));
  gtk_window_destroy (GTK_WINDOW (editor));
  g_object_unref (editor);
}

/* The first widget of @type under @widget, depth first. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* A consent switched in the editor is an act recorded at once, shown
 * in the history, and told to the page. */
static void
test_registration_editor_consent_acts (MpTestFixture *f,
                                       gconstpointer  data)
{
  gint64 event_id = add_plain_event (f);
  g_autoptr(MpAttendee) kari = NULL;
  g_autoptr(MpAttendee) told = NULL;
  g_autoptr(MpAttendee) again = NULL;
  g_autoptr(GError) error = NULL;
  MpRegistrationInput input = {
    .name = (char *) "Kari Nordmann",
    .consent_followup = MP_CONSENT_YES,
    .source = MP_REGISTRATION_SOURCE_KIOSK,
  };
  MpRegistrationEditor *editor;
  GtkSwitch *followup;

  kari = mp_store_register (f->store, event_id, &input, &error);
  g_assert_no_error (error);
  editor = mp_registration_editor_new_for_attendee (f->store, kari);
  g_signal_connect (editor, "consents-changed", G_CALLBACK (registration_saved_cb), &told);
  g_assert_true (editor_describes (editor, "consent.followup=given|1"));
  g_assert_true (editor_describes (editor, "consent.photo=none|0"));

  /* the first switch of the consents is the follow-up's: off */
  followup = GTK_SWITCH (find_descendant (GTK_WIDGET (editor_child (editor, "consent_group")), GTK_TYPE_SWITCH));
  g_assert_nonnull (followup);
  g_assert_true (gtk_switch_get_active (followup));
  gtk_switch_set_active (followup, FALSE);
  g_assert_nonnull (told);
  g_assert_true (editor_describes (editor, "consent.followup=withdrawn|2"));
  again = mp_store_get_attendee (f->store, mp_attendee_get_registration_id (kari), &error);
  g_assert_false (mp_attendee_get_consent_followup (again));

  /* and on again: a third act, in force */
  g_clear_object (&told);
  g_clear_object (&again);
  gtk_switch_set_active (followup, TRUE);
  g_assert_nonnull (told);
  g_assert_true (editor_describes (editor, "consent.followup=given|3"));
  again = mp_store_get_attendee (f->store, mp_attendee_get_registration_id (kari), &error);
  g_assert_true (mp_attendee_get_consent_followup (again));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *n)
{
  (*n)++;
}

/* A search keeps the rows that stay (and their widgets): they get
 * another attendee; only the change in length reaches the view. */
static void
test_attendee_rows_keep_their_place (MpTestFixture *f,
                                     gconstpointer  data)
{
  static const char *names[] = { "Kari Sørensen", "Ola Nordmann", "Åse Åsen", "Nina Sorensen", "Per Aasen" };
  g_autoptr(GError) error = NULL;
  gint64 event_id = add_plain_event (f);
  g_autoptr(MpAttendeeList) list = NULL;
  g_autoptr(MpAttendeeRows) rows = NULL;
  g_autoptr(MpAttendeeRow) first = NULL;
  g_autoptr(MpAttendeeRow) again = NULL;
  MpTestItemsChanged change = { 0 };
  guint n_notify = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      MpRegistrationInput input = { 0 };
      g_autoptr(MpAttendee) attendee = NULL;

      input.name = g_strdup (names[i]);
      attendee = mp_store_register (f->store, event_id, &input, &error);
      g_assert_no_error (error);
      mp_registration_input_clear (&input);
    }

  list = mp_attendee_list_new (f->store, event_id, &error);
  rows = mp_attendee_rows_new (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 5);
  first = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  /* by surname: Nordmann, Sorensen, Sørensen, Aasen and Åsen (as Å) */
  g_assert_cmpstr (mp_attendee_get_name (mp_attendee_row_get_attendee (first)), ==, "Ola Nordmann");
  g_signal_connect (first, "notify::attendee", G_CALLBACK (count_notify), &n_notify);
  g_signal_connect (rows, "items-changed", G_CALLBACK (mp_test_record_items_changed), &change);

  /* Sorted backwards: the same five rows, no change told, new people in them. */
  mp_attendee_list_set_sort (list, MP_ATTENDEE_SORT_NAME, TRUE);
  g_assert_cmpuint (change.n, ==, 0);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpstr (mp_attendee_get_name (mp_attendee_row_get_attendee (first)), ==, "Åse Åsen");

  /* Two found: three rows go at the end. */
  mp_attendee_list_set_query (list, "sorensen");
  g_assert_cmpuint (change.n, ==, 1);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (change.removed, ==, 3);
  g_assert_cmpuint (change.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 2);
  again = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  g_assert_true (again == first);
  g_assert_cmpstr (mp_attendee_get_name (mp_attendee_row_get_attendee (first)), ==, "Kari Sørensen");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (rows), 2));

  mp_attendee_list_set_query (list, NULL);
  g_assert_cmpuint (change.n, ==, 2);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 3);
  {
    g_autoptr(MpAttendeeRow) last = g_list_model_get_item (G_LIST_MODEL (rows), 4);

    g_assert_cmpstr (mp_attendee_get_name (mp_attendee_row_get_attendee (last)), ==, "Ola Nordmann");
  }
}

static MpStore *
get_store (GtkWidget *page)
{
  g_autoptr(MpStore) store = NULL;

  g_assert_nonnull (page);
  g_object_get (page, "store", &store, NULL);
  return store;
}

/* The window hands its store and settings to every page, and its title
 * follows the page it shows. */
static void
test_templates_window (MpTestFixture *f,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  MpWindow *window = mp_window_new (NULL, settings);
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte om frivillighet");
  GtkWidget *event_page = mp_test_find_of_type (GTK_WIDGET (window), MP_TYPE_EVENT_PAGE);
  GtkWidget *desk_page = mp_test_find_of_type (GTK_WIDGET (window), MP_TYPE_DESK_PAGE);
  g_autoptr(GSettings) desk_settings = NULL;

  mp_window_set_store (window, f->store);
  g_assert_true (mp_window_get_store (window) == f->store);
  g_assert_true (get_store (mp_test_find_of_type (GTK_WIDGET (window), MP_TYPE_EVENTS_PAGE)) == f->store);
  g_assert_true (get_store (event_page) == f->store);
  g_assert_true (get_store (desk_page) == f->store);
  g_object_get (desk_page, "settings", &desk_settings, NULL);
  g_assert_true (desk_settings == settings);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Møteplass");

  g_assert_true (mp_window_open_event (window, event_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mp_event_page_get_event_id (MP_EVENT_PAGE (event_page)), ==, event_id);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Dialogmøte om frivillighet");

  g_assert_true (mp_window_open_desk (window, event_id, &error));
  g_assert_cmpint (mp_desk_page_get_event_id (MP_DESK_PAGE (desk_page)), ==, event_id);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Dialogmøte om frivillighet");

  /* an event that is not there: said, nothing opened */
  g_assert_false (mp_window_open_event (window, event_id + 1, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FOUND);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_templates_window_error (MpTestFixture *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = g_error_new_literal (MP_ERROR, MP_ERROR_TOO_NEW, "Made by a newer Møteplass");
  MpWindow *window = mp_window_new (NULL, NULL);
  GtkStack *main_stack = GTK_STACK (mp_test_find_of_type (GTK_WIDGET (window), GTK_TYPE_STACK));
  AdwStatusPage *status;

  mp_window_show_error (window, "/nowhere/moteplass.db", error);
  /* in place of the events, the reason and the file */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "error");
  status = ADW_STATUS_PAGE (mp_test_find_of_type (gtk_stack_get_visible_child (main_stack), ADW_TYPE_STATUS_PAGE));
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Made by a Newer Møteplass");
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "Made by a newer Møteplass"));
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "/nowhere/moteplass.db"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_templates_pages (MpTestFixture *f,
                      gconstpointer  data)
{
  GtkWidget *events_page = g_object_ref_sink (g_object_new (MP_TYPE_EVENTS_PAGE, "store", f->store, NULL));
  GtkWidget *event_page = g_object_ref_sink (g_object_new (MP_TYPE_EVENT_PAGE, "store", f->store, NULL));

  g_assert_true (mp_events_page_get_store (MP_EVENTS_PAGE (events_page)) == f->store);
  g_assert_true (mp_event_page_get_store (MP_EVENT_PAGE (event_page)) == f->store);
  g_object_unref (events_page);
  g_object_unref (event_page);
}

static void
test_templates_event_row (MpTestFixture *f,
                          gconstpointer  data)
{
  g_autoptr(MpEvent) event = mp_event_new ();
  GtkWidget *row;

  mp_event_set_title (event, "Dialogmøte");
  mp_event_set_starts_at (event, 1646726400);
  row = g_object_ref_sink (mp_event_row_new (event));
  g_assert_true (mp_event_row_get_event (MP_EVENT_ROW (row)) == event);
  g_object_unref (row);
}

static void
test_templates_event_editor (MpTestFixture *f,
                             gconstpointer  data)
{
  g_autoptr(MpEvent) event = mp_event_new ();
  MpEventEditor *editor;

  editor = mp_event_editor_new (f->store, NULL, MP_EVENT_EDITOR_CREATE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Event");
  gtk_window_destroy (GTK_WINDOW (editor));

  mp_event_set_title (event, "Frokostmøte");
  mp_event_set_starts_at (event, 1646726400);
  editor = mp_event_editor_new (f->store, event, MP_EVENT_EDITOR_EDIT);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Event");
  gtk_window_destroy (GTK_WINDOW (editor));
  editor = mp_event_editor_new (f->store, event, MP_EVENT_EDITOR_DUPLICATE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Duplicate Event");
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_templates_registration_editor (MpTestFixture *f,
                                    gconstpointer  data)
{
  MpRegistrationEditor *editor = mp_registration_editor_new (f->store, 1);
  g_autoptr(GString) out = g_string_new (NULL);

  mp_registration_editor_describe (editor, out);
  g_assert_cmpstr (out->str, ==, "editor=add|\n");
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
saved_cb (MpEventEditor *editor,
          MpEvent       *event,
          MpEvent      **out)
{
  *out = g_object_ref (event);
}

/* "Same meeting next month": a new event, four weeks on, same weekday
 * and time, same title and venue; the original is untouched. */
static void
test_event_editor_duplicate_is_four_weeks_later (MpTestFixture *f,
                                                 gconstpointer  data)
{
  g_autoptr(MpEvent) original = mp_event_new ();
  g_autoptr(MpEvent) saved = NULL;
  g_autoptr(MpEvent) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  MpEventEditor *editor;

  mp_event_set_title (original, "Dialogmøte");
  mp_event_set_kind (original, MP_EVENT_KIND_DIALOGUE_MEETING);
  mp_event_set_venue (original, "Fylkeshuset");
  mp_event_set_starts_at (original, 1900000800);  /* March 2030, before summer time */
  mp_event_set_ends_at (original, 1900000800 + 2 * 3600);
  g_assert_true (mp_store_add_event (f->store, original, &error));
  g_assert_no_error (error);

  editor = mp_event_editor_new (f->store, original, MP_EVENT_EDITOR_DUPLICATE);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));

  g_assert_nonnull (saved);
  g_assert_cmpint (mp_event_get_id (saved), !=, mp_event_get_id (original));
  g_assert_cmpstr (mp_event_get_title (saved), ==, "Dialogmøte");
  g_assert_cmpstr (mp_event_get_venue (saved), ==, "Fylkeshuset");
  {
    /* Same wall-clock time, even across the change to summer time. */
    g_autoptr(GDateTime) before = g_date_time_new_from_unix_local (1900000800);
    g_autoptr(GDateTime) after = g_date_time_new_from_unix_local (mp_event_get_starts_at (saved));
    g_autoptr(GDateTime) expected = g_date_time_add_weeks (before, 4);

    g_assert_cmpint (g_date_time_get_day_of_year (after), ==, g_date_time_get_day_of_year (expected));
    g_assert_cmpint (g_date_time_get_hour (after), ==, g_date_time_get_hour (before));
    g_assert_cmpint (g_date_time_get_minute (after), ==, g_date_time_get_minute (before));
  }
  g_assert_cmpint (mp_event_get_ends_at (saved) - mp_event_get_starts_at (saved), ==, 2 * 3600);

  reread = mp_store_get_event (f->store, mp_event_get_id (original), &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_event_get_starts_at (reread), ==, 1900000800);
  events = mp_store_list_events (f->store, &error);
  g_assert_cmpuint (events->len, ==, 2);
}

/* Without a title there is nothing to save. */
static void
test_event_editor_create_needs_title (MpTestFixture *f,
                                      gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  MpEventEditor *editor = mp_event_editor_new (f->store, NULL, MP_EVENT_EDITOR_CREATE);

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  events = mp_store_list_events (f->store, &error);
  g_assert_cmpuint (events->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_templates_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/no/moteplass/Moteplass/gtk/help-overlay.ui");

  g_assert_nonnull (gtk_builder_get_object (builder, "help_overlay"));
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

int
main (int   argc,
      char *argv[])
{
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "");
  if (!mp_test_init_gtk (&argc, &argv))
    return g_test_run ();

  MP_TEST_ADD ("/ui/templates/window", test_templates_window);
  MP_TEST_ADD ("/ui/templates/window-error", test_templates_window_error);
  MP_TEST_ADD ("/ui/templates/pages", test_templates_pages);
  MP_TEST_ADD ("/ui/templates/event-row", test_templates_event_row);
  MP_TEST_ADD ("/ui/templates/event-editor", test_templates_event_editor);
  MP_TEST_ADD ("/ui/templates/registration-editor", test_templates_registration_editor);
  MP_TEST_ADD ("/ui/import-dialog/preview-then-import", test_import_dialog_preview_then_import);
  MP_TEST_ADD ("/ui/import-dialog/refuses-a-workbook", test_import_dialog_refuses_a_workbook);
  MP_TEST_ADD ("/ui/import-dialog/cancel-writes-nothing", test_import_dialog_cancel_writes_nothing);
  MP_TEST_ADD ("/ui/attendee-filter/choices", test_attendee_filter_choices);
  MP_TEST_ADD ("/ui/attendee-rows/keep-their-place", test_attendee_rows_keep_their_place);
  MP_TEST_ADD ("/ui/registration-editor/edits", test_registration_editor_edits);
  MP_TEST_ADD ("/ui/registration-editor/adds-by-hand", test_registration_editor_adds_by_hand);
  MP_TEST_ADD ("/ui/registration-editor/consent-acts", test_registration_editor_consent_acts);
  MP_TEST_ADD ("/ui/event-editor/duplicate-is-four-weeks-later", test_event_editor_duplicate_is_four_weeks_later);
  MP_TEST_ADD ("/ui/event-editor/create-needs-title", test_event_editor_create_needs_title);
  g_test_add_func ("/ui/templates/help-overlay", test_templates_help_overlay);

  return g_test_run ();
}
