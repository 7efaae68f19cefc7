/* The widgets the desk and the kiosk share: the check-in answer (one
 * table of outcomes for both, the waiting list and cancelled amber at
 * both, words by audience, the needs on the green answer at the desk,
 * back to calm on its timer) and the walk-in
 * form (nothing registered without a name, a desk or kiosk registration
 * by audience, sectors in the attendee's words at the kiosk), and the
 * desk's name search and badge notice. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "mp-test-util.h"
#include "mp-ui-test-util.h"

#include "mp-badge-notice.h"
#include "mp-check-in-answer.h"
#include "mp-desk-search.h"
#include "mp-registration-editor.h"
#include "mp-walk-in-form.h"

static MpCheckInAnswer *
new_answer (MpAudience audience)
{
  return MP_CHECK_IN_ANSWER (g_object_ref_sink (mp_check_in_answer_new (audience)));
}

static MpCheckInResult *
result_for (MpCheckInOutcome  outcome,
            MpAttendee       *attendee)
{
  /* 08:42 local time on some day, desk "Inngang 2" */
  g_autoptr(GDateTime) at = g_date_time_new_local (2026, 3, 10, 8, 42, 0);

  return mp_check_in_result_new (outcome, attendee, 7, g_date_time_to_unix (at), "Inngang 2");
}

/* Every outcome has its colour, icon and words; one table for both. */
static void
test_answer_outcomes (MpTestFixture *f,
                      gconstpointer  data)
{
  static const struct
  {
    MpCheckInOutcome outcome;
    const char      *kind;
    const char      *style;
    const char      *desk_title;
    const char      *kiosk_title;
  } cases[] = {
    { MP_CHECK_IN_CHECKED_IN, "checked-in", "welcome", "Welcome, Kari Nordmann", "Welcome, Kari Nordmann!" },
    { MP_CHECK_IN_ALREADY, "already", "caution", "Already checked in", "You are already checked in" },
    { MP_CHECK_IN_WRONG_EVENT, "wrong-event", "problem", "Not for this event", "This ticket is for another event" },
    /* not refusals: the desk can let them in anyway (amber at both) */
    { MP_CHECK_IN_CANCELLED, "cancelled", "caution", "Registration cancelled", "This registration was cancelled" },
    { MP_CHECK_IN_WAITLISTED, "waitlisted", "caution", "On the waiting list", "You are on the waiting list" },
    { MP_CHECK_IN_NOT_A_TICKET, "not-a-ticket", "problem", "Not a ticket", "This is not a ticket for this event" },
    /* an erased person's ticket: its own row */
    { MP_CHECK_IN_NOT_VALID, "not-valid", "problem", "Ticket no longer valid", "This ticket is no longer valid" },
  };
  g_autoptr(MpAttendee) kari = mp_test_register (f->store, mp_test_add_event (f->store, "Dialogmøte"),
                                                 "Kari Nordmann", "kari@nav.no", "NAV Vestland", "NAV");
  g_autoptr(MpCheckInAnswer) desk = new_answer (MP_AUDIENCE_DESK);
  g_autoptr(MpCheckInAnswer) kiosk = new_answer (MP_AUDIENCE_ATTENDEE);
  static const char *styles[] = { "ready", "welcome", "caution", "problem", "undone" };

  g_assert_cmpstr (mp_check_in_answer_get_kind (desk), ==, "ready");
  g_assert_cmpstr (mp_check_in_answer_get_title (desk), ==, "Ready: scan a ticket");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (desk), "desk"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (kiosk), "attendee"));
  g_assert_cmpuint (mp_check_in_answer_get_n_answers (desk), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean has_person = cases[i].outcome != MP_CHECK_IN_WRONG_EVENT && cases[i].outcome != MP_CHECK_IN_NOT_A_TICKET
                            && cases[i].outcome != MP_CHECK_IN_NOT_VALID;
      gboolean desk_advises = cases[i].outcome == MP_CHECK_IN_WAITLISTED || cases[i].outcome == MP_CHECK_IN_CANCELLED;
      g_autoptr(MpCheckInResult) result = result_for (cases[i].outcome, has_person ? kari : NULL);
      g_autofree char *message = mp_check_in_result_dup_message (result);

      mp_check_in_answer_show_result (desk, result);
      mp_check_in_answer_show_result (kiosk, result);

      g_assert_cmpstr (mp_check_in_answer_get_kind (desk), ==, cases[i].kind);
      g_assert_cmpstr (mp_check_in_answer_get_kind (kiosk), ==, cases[i].kind);
      g_assert_cmpstr (mp_check_in_answer_get_title (desk), ==, cases[i].desk_title);
      g_assert_cmpstr (mp_check_in_answer_get_title (kiosk), ==, cases[i].kiosk_title);
      /* the desk reads the organisation of the person let in, else the
       * core's sentence, and what to do next */
      g_assert_cmpstr (mp_check_in_answer_get_detail (desk), ==,
                       cases[i].outcome == MP_CHECK_IN_CHECKED_IN ? "NAV Vestland" : message);
      /* the desk's own advice where it can act: Admit Anyway */
      if (desk_advises)
        g_assert_nonnull (strstr (mp_check_in_answer_get_advice (desk), "Admit Anyway (Ctrl+Enter)"));
      else
        g_assert_cmpstr (mp_check_in_answer_get_advice (desk), ==, mp_check_in_result_get_advice (result));
      g_assert_cmpstr (mp_check_in_answer_get_advice (kiosk), !=, mp_check_in_result_get_advice (result));
      g_assert_cmpstr (mp_check_in_answer_get_advice (kiosk), !=, "");
      g_assert_cmpstr (mp_check_in_answer_get_name (desk), ==, has_person ? "Kari Nordmann" : "");
      /* one style class of the five, the same at both */
      for (guint j = 0; j < G_N_ELEMENTS (styles); j++)
        {
          gboolean wanted = g_str_equal (styles[j], cases[i].style);

          g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (desk), styles[j]), ==, wanted);
          g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (kiosk), styles[j]), ==, wanted);
        }
      g_assert_cmpuint (mp_check_in_answer_get_n_answers (desk), ==, i + 1);
    }

  /* The kiosk tells the attendee when they came, in their words. */
  {
    g_autoptr(MpCheckInResult) result = result_for (MP_CHECK_IN_ALREADY, kari);

    mp_check_in_answer_show_result (kiosk, result);
    g_assert_cmpstr (mp_check_in_answer_get_detail (kiosk), ==, "Kari Nordmann, checked in at 08:42");
  }

  /* A ticket for another event: which and when, at both (no person). */
  {
    g_autoptr(MpCheckInResult) result = result_for (MP_CHECK_IN_WRONG_EVENT, NULL);
    g_autoptr(GDateTime) starts = g_date_time_new_local (2026, 12, 8, 8, 0, 0);

    mp_check_in_result_set_other_event (result, "Frokostmøte", g_date_time_to_unix (starts));
    mp_check_in_answer_show_result (desk, result);
    mp_check_in_answer_show_result (kiosk, result);
    g_assert_cmpstr (mp_check_in_answer_get_detail (desk), ==, "This ticket is for Frokostmøte, Tuesday 8 December 2026");
    g_assert_cmpstr (mp_check_in_answer_get_detail (kiosk), ==, "This ticket is for Frokostmøte, Tuesday 8 December 2026");
    g_assert_cmpstr (mp_check_in_answer_get_name (kiosk), ==, "");
  }

  /* Let in anyway by the desk: green, and said to be an exception. */
  {
    g_autoptr(MpCheckInResult) result = result_for (MP_CHECK_IN_CHECKED_IN, kari);

    mp_check_in_result_set_exception (result, MP_CHECK_IN_EXCEPTION_WAITLISTED);
    mp_check_in_answer_show_result (desk, result);
    g_assert_cmpstr (mp_check_in_answer_get_kind (desk), ==, "admitted-by-exception");
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (desk), "welcome"));
    g_assert_cmpstr (mp_check_in_answer_get_title (desk), ==, "Welcome, Kari Nordmann");
    g_assert_cmpstr (mp_check_in_answer_get_detail (desk), ==, "NAV Vestland. Admitted by exception (waiting list)");
  }

  mp_check_in_answer_show_undone (desk, "Kari Nordmann", FALSE);
  g_assert_cmpstr (mp_check_in_answer_get_kind (desk), ==, "undone");
  g_assert_cmpstr (mp_check_in_answer_get_title (desk), ==, "Check-in undone: Kari Nordmann");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (desk), "undone"));
  g_assert_nonnull (strstr (mp_check_in_answer_get_advice (desk), "Scan the ticket again"));
  /* a walk-in has no ticket to scan again */
  mp_check_in_answer_show_undone (desk, "Zainab Ali", TRUE);
  g_assert_cmpstr (mp_check_in_answer_get_kind (desk), ==, "undone-walk-in");
  g_assert_cmpstr (mp_check_in_answer_get_title (desk), ==, "Check-in undone: Zainab Ali");
  g_assert_null (strstr (mp_check_in_answer_get_advice (desk), "can"));
  g_assert_nonnull (strstr (mp_check_in_answer_get_advice (desk), "find them by name"));

  mp_check_in_answer_show_registered_before (kiosk, "Ola Nordmann");
  g_assert_cmpstr (mp_check_in_answer_get_kind (kiosk), ==, "registered-before");
  g_assert_cmpstr (mp_check_in_answer_get_detail (kiosk), ==, "Ola Nordmann");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (kiosk), "caution"));

  {
    g_autoptr(GError) error = g_error_new_literal (MP_ERROR, MP_ERROR_BUSY, "The database is in use");

    mp_check_in_answer_show_failure (desk, error);
    mp_check_in_answer_show_failure (kiosk, error);
    g_assert_cmpstr (mp_check_in_answer_get_kind (desk), ==, "failed");
    g_assert_cmpstr (mp_check_in_answer_get_title (desk), ==, "Not saved");
    g_assert_cmpstr (mp_check_in_answer_get_detail (desk), ==, "The database is in use");
    /* the attendee cannot mend a database: no error text for them */
    g_assert_cmpstr (mp_check_in_answer_get_title (kiosk), ==, "Something went wrong");
    g_assert_cmpstr (mp_check_in_answer_get_detail (kiosk), ==, "");
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (kiosk), "problem"));
  }

  /* The kiosk plays nothing; the desk's sounds can be switched off. */
  g_assert_false (mp_check_in_answer_get_play_sounds (kiosk));
  g_assert_cmpstr (mp_check_in_answer_get_sound (kiosk), ==, "off");
}

/* The green answer at the desk shows what the volunteer must hand over or
 * fetch, each need on its line with its icon; not at the kiosk (the foyer
 * reads along), and not on any other answer. */
static void
test_answer_needs (MpTestFixture *f,
                   gconstpointer  data)
{
  MpRegistrationInput input = { 0 };
  g_autoptr(MpAttendee) kari = NULL;
  g_autoptr(MpAttendee) ola = NULL;
  g_autoptr(MpCheckInAnswer) desk = new_answer (MP_AUDIENCE_DESK);
  g_autoptr(MpCheckInAnswer) kiosk = new_answer (MP_AUDIENCE_ATTENDEE);
  g_autoptr(GError) error = NULL;
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");

  input.name = g_strdup ("Kari Nordmann");
  input.dietary = g_strdup ("Halal");
  input.interpreter = g_strdup ("Arabisk");
  input.note = g_strdup ("Holder innlegg kl. 10\nHent Anne");
  input.source = MP_REGISTRATION_SOURCE_MANUAL;
  kari = mp_store_register (f->store, event_id, &input, &error);
  mp_registration_input_clear (&input);
  g_assert_no_error (error);
  ola = mp_test_register (f->store, event_id, "Ola Nordmann", NULL, NULL, NULL);

  {
    g_autoptr(MpCheckInResult) result = result_for (MP_CHECK_IN_CHECKED_IN, kari);

    mp_check_in_answer_show_result (desk, result);
    mp_check_in_answer_show_result (kiosk, result);
  }
  g_assert_cmpstr (mp_check_in_answer_get_need (desk, "dietary"), ==, "Dietary: Halal");
  g_assert_null (mp_check_in_answer_get_need (desk, "accessibility"));
  g_assert_cmpstr (mp_check_in_answer_get_need (desk, "interpreter"), ==, "Interpreter: Arabisk");
  /* one line a need, however it was typed */
  g_assert_cmpstr (mp_check_in_answer_get_need (desk, "note"), ==, "Note: Holder innlegg kl. 10 · Hent Anne");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (desk), "with-needs"));
  g_assert_null (mp_check_in_answer_get_need (kiosk, "dietary"));

  /* someone without needs, or refused: none shown */
  {
    g_autoptr(MpCheckInResult) result = result_for (MP_CHECK_IN_CHECKED_IN, ola);

    mp_check_in_answer_show_result (desk, result);
    g_assert_null (mp_check_in_answer_get_need (desk, "dietary"));
    g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (desk), "with-needs"));
  }
  {
    g_autoptr(MpCheckInResult) result = result_for (MP_CHECK_IN_WAITLISTED, kari);

    mp_check_in_answer_show_result (desk, result);
    g_assert_null (mp_check_in_answer_get_need (desk, "dietary"));
  }
}

/* The registration editor: its check-in history marks an admission by
 * exception, and the organiser's note is there to edit. */
static void
test_editor_exception_and_note (MpTestFixture *f,
                                gconstpointer  data)
{
  MpRegistrationInput input = { 0 };
  g_autoptr(MpAttendee) vera = NULL;
  g_autoptr(MpAttendee) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) state = g_string_new (NULL);
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");
  MpRegistrationEditor *editor;

  input.name = g_strdup ("Vera Venter");
  input.note = g_strdup ("Fra ventelista");
  input.status = MP_REGISTRATION_STATUS_WAITLISTED;
  input.source = MP_REGISTRATION_SOURCE_MANUAL;
  vera = mp_store_register (f->store, event_id, &input, &error);
  mp_registration_input_clear (&input);
  g_assert_no_error (error);
  {
    g_autoptr(MpCheckInResult) result = mp_store_admit_registration_anyway (f->store, event_id,
                                                                            mp_attendee_get_registration_id (vera),
                                                                            "Inngang 2", &error);
    g_assert_no_error (error);
  }
  after = mp_store_get_attendee (f->store, mp_attendee_get_registration_id (vera), &error);

  editor = mp_registration_editor_new_for_attendee (f->store, after);
  mp_registration_editor_describe (editor, state);
  g_assert_nonnull (strstr (state->str, "editor.history=1\n"));
  g_assert_nonnull (strstr (state->str, "editor.history-exceptions=1\n"));
  g_assert_nonnull (strstr (state->str, "editor.note=Fra ventelista\n"));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
count_signal (gpointer  instance,
              guint    *n)
{
  (*n)++;
}

/* An answer says "expired" after its time, once; a new answer starts
 * the time again; ready has none. */
static void
test_answer_expires (MpTestFixture *f,
                     gconstpointer  data)
{
  g_autoptr(MpCheckInAnswer) answer = new_answer (MP_AUDIENCE_ATTENDEE);
  g_autoptr(MpCheckInResult) result = result_for (MP_CHECK_IN_NOT_A_TICKET, NULL);
  guint n_expired = 0;

  g_signal_connect (answer, "expired", G_CALLBACK (count_signal), &n_expired);
  mp_check_in_answer_set_reset_seconds (answer, 1);

  /* ready: nothing to expire */
  mp_check_in_answer_show_ready (answer);
  mp_test_spin (1300);
  g_assert_cmpuint (n_expired, ==, 0);

  mp_check_in_answer_show_result (answer, result);
  g_assert_cmpuint (n_expired, ==, 0);
  g_assert_true (mp_test_wait_until (mp_test_is_nonzero, &n_expired, 5000));
  g_assert_cmpuint (n_expired, ==, 1);
  /* the answer stays: the page decides what comes next */
  g_assert_cmpstr (mp_check_in_answer_get_kind (answer), ==, "not-a-ticket");

  /* cancelled: nothing comes */
  n_expired = 0;
  mp_check_in_answer_show_result (answer, result);
  mp_check_in_answer_cancel_reset (answer);
  mp_test_spin (1300);
  g_assert_cmpuint (n_expired, ==, 0);
}

static MpWalkInForm *
new_form (MpTestFixture *f,
          MpAudience     audience)
{
  MpWalkInForm *form = MP_WALK_IN_FORM (g_object_ref_sink (mp_walk_in_form_new (audience)));

  mp_walk_in_form_set_store (form, f->store);
  return form;
}

static gint64
count_registrations (MpTestFixture *f)
{
  return mp_test_count_rows (f, "SELECT count(*) FROM registration");
}

/* No name, no registration: the form says so; then the desk registers a
 * walk-in with what was typed and chosen. */
static void
test_walk_in_form_desk (MpTestFixture *f,
                        gconstpointer  data)
{
  gint64 event_id = mp_test_add_event (f->store, "Frokostmøte");
  g_autoptr(MpWalkInForm) form = new_form (f, MP_AUDIENCE_DESK);
  g_autoptr(MpAttendee) attendee = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *button = mp_walk_in_form_get_register_button (form);
  guint n_submitted = 0;

  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (form), "desk"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Register and Check In");
  g_assert_null (mp_walk_in_form_get_error (form));

  g_object_set (form, "name", "   ", "organisation", "Molde kommune", NULL);
  attendee = mp_walk_in_form_register (form, f->store, event_id, &error);
  g_assert_null (attendee);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_assert_cmpstr (mp_walk_in_form_get_error (form), ==, "Write the person’s name first.");
  /* said at the name field, not at the foot of the form */
  g_assert_cmpstr (mp_walk_in_form_get_error_field (form), ==, "name");
  g_assert_cmpint (count_registrations (f), ==, 0);
  g_clear_error (&error);

  /* typing the name takes the complaint away */
  mp_walk_in_form_set_name (form, "Zainab Ali");
  g_assert_null (mp_walk_in_form_get_error (form));
  g_object_set (form, "sector", "Kommune", "email", "zainab@example.org",
                "consent-followup", TRUE, NULL);
  g_assert_cmpstr (mp_walk_in_form_get_sector (form), ==, "Kommune");

  g_signal_connect (form, "submitted", G_CALLBACK (count_signal), &n_submitted);
  gtk_widget_activate_action (GTK_WIDGET (form), "walk-in.register", NULL);
  g_assert_cmpuint (n_submitted, ==, 1);

  attendee = mp_walk_in_form_register (form, f->store, event_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attendee);
  g_assert_cmpstr (mp_attendee_get_name (attendee), ==, "Zainab Ali");
  g_assert_cmpstr (mp_attendee_get_organisation (attendee), ==, "Molde kommune");
  g_assert_cmpstr (mp_attendee_get_sector (attendee), ==, "Kommune");
  g_assert_cmpint (mp_attendee_get_source (attendee), ==, MP_REGISTRATION_SOURCE_DESK);
  g_assert_false (mp_attendee_get_arrived (attendee));   /* the page checks in */

  /* An address that is none: said in the form, nothing registered. */
  mp_walk_in_form_clear (form);
  g_assert_cmpstr (mp_walk_in_form_get_name (form), ==, "");
  g_assert_null (mp_walk_in_form_get_sector (form));
  g_object_set (form, "name", "Per Feil", "email", "per(at)example", NULL);
  g_clear_object (&attendee);
  attendee = mp_walk_in_form_register (form, f->store, event_id, &error);
  g_assert_null (attendee);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_assert_nonnull (mp_walk_in_form_get_error (form));
  g_assert_cmpint (count_registrations (f), ==, 1);
}

/* At the kiosk: the attendee's words, sectors in their language, a
 * kiosk registration; someone registered before is not registered again. */
static void
test_walk_in_form_kiosk (MpTestFixture *f,
                         gconstpointer  data)
{
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");
  g_autoptr(MpAttendee) ola = mp_test_register (f->store, event_id, "Ola Nordmann", NULL, "NAV Molde", "NAV");
  g_autoptr(MpWalkInForm) form = new_form (f, MP_AUDIENCE_ATTENDEE);
  g_autoptr(MpAttendee) attendee = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *chips = mp_test_find_of_type (GTK_WIDGET (form), GTK_TYPE_FLOW_BOX);
  GtkWidget *first;

  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (form), "attendee"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (mp_walk_in_form_get_register_button (form))), ==,
                   "Register and check in");
  /* the sectors, in the attendee's words: Kommune first */
  g_assert_nonnull (chips);
  first = gtk_flow_box_child_get_child (gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (chips), 0));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (first)), ==, "Municipality");
  g_assert_cmpuint (gtk_flow_box_get_max_children_per_line (GTK_FLOW_BOX (chips)), ==, 3);

  attendee = mp_walk_in_form_register (form, f->store, event_id, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_assert_cmpstr (mp_walk_in_form_get_error (form), ==, "Please write your name.");
  g_clear_error (&error);

  g_object_set (form, "name", "Ola Nordmann", "organisation", "NAV Molde", NULL);
  attendee = mp_walk_in_form_register (form, f->store, event_id, &error);
  g_assert_null (attendee);
  g_assert_error (error, MP_ERROR, MP_ERROR_EXISTS);
  g_clear_error (&error);

  g_object_set (form, "name", "Sara Ahmed", "organisation", "Frivilligsentralen", "sector", "Frivilligsentral", NULL);
  attendee = mp_walk_in_form_register (form, f->store, event_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_attendee_get_source (attendee), ==, MP_REGISTRATION_SOURCE_KIOSK);
  g_assert_cmpstr (mp_attendee_get_sector (attendee), ==, "Frivilligsentral");
}

static void
picked_cb (MpDeskSearch *search,
           MpAttendee   *attendee,
           MpAttendee  **out)
{
  g_set_object (out, attendee);
}

static gboolean
has_results (gpointer data)
{
  return mp_desk_search_get_results (data) != NULL;
}

/* The desk's name search finds the Norwegian way, picks the first match
 * and tells which one was picked. */
static void
test_desk_search (MpTestFixture *f,
                  gconstpointer  data)
{
  gint64 event_id = mp_test_add_event (f->store, "Frokostmøte");
  g_autoptr(MpAttendee) kari = mp_test_register (f->store, event_id, "Kari Sørensen", NULL, "Molde kommune", "Kommune");
  g_autoptr(MpAttendee) ola = mp_test_register (f->store, event_id, "Ola Nordmann", NULL, "NAV Molde", "NAV");
  g_autoptr(MpDeskSearch) search = MP_DESK_SEARCH (g_object_ref_sink (g_object_new (MP_TYPE_DESK_SEARCH, NULL)));
  g_autoptr(MpAttendee) picked = NULL;

  mp_desk_search_set_event (search, f->store, event_id);
  g_assert_null (mp_desk_search_get_results (search));
  g_signal_connect (search, "picked", G_CALLBACK (picked_cb), &picked);

  gtk_editable_set_text (mp_desk_search_get_editable (search), "sorensen");
  g_assert_true (mp_test_wait_until (has_results, search, 5000));
  g_assert_cmpuint (mp_desk_search_get_results (search)->len, ==, 1);
  g_assert_true (mp_desk_search_get_selected (search) != NULL);
  g_assert_cmpstr (mp_attendee_get_name (mp_desk_search_get_selected (search)), ==, "Kari Sørensen");

  g_signal_emit_by_name (mp_desk_search_get_editable (search), "activate");
  g_assert_nonnull (picked);
  g_assert_cmpint (mp_attendee_get_registration_id (picked), ==, mp_attendee_get_registration_id (kari));

  mp_desk_search_clear (search);
  g_assert_cmpstr (mp_desk_search_get_text (search), ==, "");
}

/* With badges off in the settings, nothing is printed and the notice
 * says so to tests. */
static void
test_badge_notice_off (MpTestFixture *f,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(MpBadgeNotice) notice = MP_BADGE_NOTICE (g_object_ref_sink (g_object_new (MP_TYPE_BADGE_NOTICE, NULL)));
  g_autoptr(MpEvent) event = NULL;
  g_autoptr(MpAttendee) kari = NULL;
  g_autoptr(GError) error = NULL;
  gint64 event_id = mp_test_add_event (f->store, "Frokostmøte");

  event = mp_store_get_event (f->store, event_id, &error);
  g_assert_no_error (error);
  kari = mp_test_register (f->store, event_id, "Kari Sørensen", NULL, NULL, NULL);
  g_settings_set_boolean (settings, "print-badges", FALSE);
  g_assert_cmpstr (mp_badge_notice_get_state (notice), ==, "off");
  mp_badge_notice_print (notice, settings, event, kari);
  g_assert_cmpstr (mp_badge_notice_get_state (notice), ==, "off");
  mp_badge_notice_print (notice, NULL, event, kari);
  g_assert_cmpstr (mp_badge_notice_get_state (notice), ==, "off");
}

int
main (int   argc,
      char *argv[])
{
  mp_test_bind_textdomain ();
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "");
  if (!mp_test_init_gtk (&argc, &argv))
    return g_test_run ();

  MP_TEST_ADD ("/door/answer/one-table-of-outcomes", test_answer_outcomes);
  MP_TEST_ADD ("/door/answer/needs-at-the-desk", test_answer_needs);
  MP_TEST_ADD ("/door/answer/expires", test_answer_expires);
  MP_TEST_ADD ("/door/registration-editor/exception-and-note", test_editor_exception_and_note);
  MP_TEST_ADD ("/door/walk-in-form/desk", test_walk_in_form_desk);
  MP_TEST_ADD ("/door/walk-in-form/kiosk", test_walk_in_form_kiosk);
  MP_TEST_ADD ("/door/desk-search/finds-and-picks", test_desk_search);
  MP_TEST_ADD ("/door/badge-notice/off", test_badge_notice_off);

  return g_test_run ();
}
