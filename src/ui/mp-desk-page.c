#define G_LOG_DOMAIN "mp-desk-page"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <time.h>

#include "mp-application.h"
#include "mp-badge-print.h"
#include "mp-desk-page.h"
#include "mp-scan-capture.h"
#include "mp-time.h"

/* How long an answer stays before the desk is calm again. */
#define ANSWER_SECONDS      6
/* How often the counter looks for check-ins made at other desks. */
#define POLL_SECONDS        1
#define MAX_SEARCH_RESULTS  8

typedef enum
{
  SOUND_WELCOME,
  SOUND_ALREADY,
  SOUND_PROBLEM,
  N_SOUNDS
} Sound;

static const char *sound_names[N_SOUNDS] = { "welcome", "already", "problem" };

struct _MpDeskPage
{
  AdwBin               parent_instance;

  MpStore             *store;
  MpEvent             *event;
  gint64               event_id;
  GSettings           *settings;
  char                *desk_name;
  MpScanCapture       *capture;
  GCancellable        *cancellable;
  GtkMediaStream      *sounds[N_SOUNDS];
  GPtrArray           *results;      /* MpAttendee, what the name search shows */
  GPtrArray           *sectors;      /* MpSector */

  guint                reset_source;
  guint                poll_source;
  guint                preload_source;
  gint64               data_version;
  MpEventCounts        counts;
  gboolean             have_counts;

  gint64               undo_checkin_id;
  char                *undo_name;
  gboolean             undo_walk_in;

  /* For tests and the timing log. */
  char                *answer_state;
  char                *answer_message;
  guint                n_answers;
  char                *badge_state;
  const char          *sound_state;
  gint64               timing_start;
  gint64               timing_committed;
  gint64               timing_cpu_start;
  glong                timing_chars;
  guint32              timing_key_time;
  char                *timing_outcome;
  gulong               after_paint_handler;
  GdkFrameClock       *timing_clock;

  /* Template widgets */
  GtkWidget           *back_button;
  AdwWindowTitle      *window_title;
  GtkWidget           *undo_button;
  AdwButtonContent    *undo_content;
  GtkWidget           *answer_box;
  GtkImage            *answer_icon;
  GtkInscription      *answer_title;
  GtkInscription      *answer_detail;
  GtkInscription      *answer_advice;
  GtkRevealer         *badge_revealer;
  GtkImage            *badge_icon;
  GtkLabel            *badge_label;
  GtkLabel            *arrived_label;
  GtkLabel            *walk_ins_label;
  GtkStack            *side_stack;
  GtkSearchEntry      *search_entry;
  GtkListBox          *results_list;
  GtkWidget           *search_hint;
  GtkEntry            *name_entry;
  GtkEntry            *organisation_entry;
  GtkFlowBox          *sector_box;
  GtkEntry            *email_entry;
  GtkCheckButton      *followup_check;
  GtkCheckButton      *photo_check;
  GtkLabel            *walk_in_error;
};

G_DEFINE_FINAL_TYPE (MpDeskPage, mp_desk_page, ADW_TYPE_BIN)

static const char *answer_styles[] = { "ready", "welcome", "already", "problem", "undone" };

/* The name this desk records with every check-in. */
static const char *
mp_desk_page_get_desk_name (MpDeskPage *self)
{
  g_clear_pointer (&self->desk_name, g_free);
  if (self->settings != NULL)
    self->desk_name = g_settings_get_string (self->settings, "desk-name");
  if (self->desk_name == NULL || self->desk_name[0] == '\0')
    {
      g_free (self->desk_name);
      self->desk_name = g_strdup (g_get_host_name ());
    }
  return self->desk_name;
}

/* Sounds */

static void
mp_desk_page_load_sounds (MpDeskPage *self)
{
  for (guint i = 0; i < N_SOUNDS; i++)
    if (self->sounds[i] == NULL)
      {
        g_autofree char *path = g_strdup_printf ("/no/moteplass/Moteplass/sounds/%s.wav", sound_names[i]);

        self->sounds[i] = gtk_media_file_new_for_resource (path);
      }
}

static gboolean
mp_desk_page_preload_sounds_cb (gpointer user_data)
{
  MpDeskPage *self = user_data;

  self->preload_source = 0;
  if (self->settings == NULL || g_settings_get_boolean (self->settings, "sound"))
    mp_desk_page_load_sounds (self);
  return G_SOURCE_REMOVE;
}

static void
mp_desk_page_play (MpDeskPage *self,
                   Sound       sound)
{
  GtkMediaStream *stream;

  if (self->settings != NULL && !g_settings_get_boolean (self->settings, "sound"))
    {
      self->sound_state = "off";
      return;
    }

  mp_desk_page_load_sounds (self);
  stream = self->sounds[sound];

  /* No sound card (or no media module) is no reason to stop a door. */
  if (gtk_media_stream_get_error (stream) != NULL)
    {
      g_debug ("Sound %s: %s", sound_names[sound], gtk_media_stream_get_error (stream)->message);
      self->sound_state = "unavailable";
      return;
    }

  /* Another sound may be playing: the newest answer wins. */
  for (guint i = 0; i < N_SOUNDS; i++)
    if (self->sounds[i] != NULL && self->sounds[i] != stream)
      gtk_media_stream_pause (self->sounds[i]);

  if (gtk_media_stream_get_ended (stream) || gtk_media_stream_get_playing (stream))
    {
      gtk_media_stream_pause (stream);
      gtk_media_stream_seek (stream, 0);
    }
  gtk_media_stream_play (stream);
  self->sound_state = sound_names[sound];
}

/* The counter */

static void
mp_desk_page_show_counts (MpDeskPage *self)
{
  g_autofree char *arrived = NULL;
  g_autofree char *walk_ins = NULL;

  /* Translators: the desk's counter: arrived / registered, "37 / 120" */
  arrived = g_strdup_printf (C_("desk counter", "%u / %u"), self->counts.arrived, self->counts.registered);
  gtk_label_set_label (self->arrived_label, arrived);
  /* Translators: under "37 / 120" on the desk's counter */
  walk_ins = g_strdup_printf (ngettext ("arrived of registered, %u walk-in",
                                        "arrived of registered, %u walk-ins",
                                        self->counts.walk_ins),
                              self->counts.walk_ins);
  gtk_label_set_label (self->walk_ins_label, walk_ins);
}

/* Counting costs tens of milliseconds at 100,000 registrations: done
 * when the desk opens and when another desk has written; this desk's own
 * check-ins are counted as they are made. */
static void
mp_desk_page_update_counts (MpDeskPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->event_id == 0)
    return;

  if (!mp_store_get_counts (self->store, self->event_id, &self->counts, &error))
    {
      g_debug ("Counts: %s", error->message);
      return;
    }
  self->have_counts = TRUE;
  mp_desk_page_show_counts (self);
}

static gboolean
is_walk_in (MpAttendee *attendee)
{
  MpRegistrationSource source = mp_attendee_get_source (attendee);

  return source == MP_REGISTRATION_SOURCE_DESK || source == MP_REGISTRATION_SOURCE_KIOSK;
}

static void
mp_desk_page_count_arrival (MpDeskPage *self,
                            MpAttendee *attendee,
                            int         delta)
{
  if (!self->have_counts)
    return;

  if (delta > 0 || self->counts.arrived > 0)
    self->counts.arrived += delta;
  if (attendee != NULL && is_walk_in (attendee) && (delta > 0 || self->counts.walk_ins > 0))
    self->counts.walk_ins += delta;
  mp_desk_page_show_counts (self);
}

static void mp_desk_page_update_results (MpDeskPage *self);

static gboolean
mp_desk_page_poll_cb (gpointer user_data)
{
  MpDeskPage *self = user_data;
  gint64 version;

  if (self->store == NULL)
    return G_SOURCE_CONTINUE;

  /* Another desk on the same file has committed something. */
  version = mp_database_get_data_version (mp_store_get_database (self->store));
  if (version != self->data_version)
    {
      self->data_version = version;
      mp_desk_page_update_counts (self);
      mp_desk_page_update_results (self);
    }
  return G_SOURCE_CONTINUE;
}

/* Timing: from the scanner's Return to the first frame with the answer. */

/* CPU time of this thread: on a busy machine, wall time also counts
 * the time others had the processor. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
mp_desk_page_after_paint_cb (GdkFrameClock *clock,
                             MpDeskPage    *self)
{
  const char *path = g_getenv ("MP_DEBUG_TIMING");
  gint64 now = g_get_monotonic_time ();
  FILE *file;

  g_clear_signal_handler (&self->after_paint_handler, clock);
  g_clear_object (&self->timing_clock);

  if (path == NULL || path[0] == '\0' || self->timing_start == 0)
    return;

  file = fopen (path, "a");
  if (file == NULL)
    return;
  /* The X server stamps key events with its monotonic clock in
   * milliseconds; so does this, so the second figure includes the way
   * from the server to the handler. */
  fprintf (file, "scan outcome=%s handler_to_frame_us=%" G_GINT64_FORMAT " key_to_frame_ms=%d"
           " check_in_us=%" G_GINT64_FORMAT " cpu_us=%" G_GINT64_FORMAT " chars=%ld\n",
           self->timing_outcome != NULL ? self->timing_outcome : "",
           now - self->timing_start,
           self->timing_key_time != 0 ? (int) ((guint32) (now / 1000) - self->timing_key_time) : -1,
           self->timing_committed > self->timing_start ? self->timing_committed - self->timing_start : -1,
           self->timing_cpu_start != 0 ? thread_cpu_time () - self->timing_cpu_start : -1,
           self->timing_chars);

  fclose (file);
  self->timing_start = 0;
}

static void
mp_desk_page_time_next_frame (MpDeskPage *self,
                              const char *outcome)
{
  GdkFrameClock *clock;

  g_free (self->timing_outcome);
  self->timing_outcome = g_strdup (outcome);
  if (self->after_paint_handler != 0 || g_getenv ("MP_DEBUG_TIMING") == NULL)
    return;

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    return;
  self->timing_clock = g_object_ref (clock);
  self->after_paint_handler = g_signal_connect (clock, "after-paint",
                                                G_CALLBACK (mp_desk_page_after_paint_cb), self);
  gtk_widget_queue_draw (self->answer_box);
}

/* The answer */

static gboolean
mp_desk_page_reset_cb (gpointer user_data);

static void
mp_desk_page_set_answer (MpDeskPage *self,
                         const char *style,
                         const char *icon_name,
                         const char *title,
                         const char *detail,
                         const char *advice,
                         const char *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (answer_styles); i++)
    gtk_widget_remove_css_class (self->answer_box, answer_styles[i]);
  gtk_widget_add_css_class (self->answer_box, style);

  gtk_image_set_from_icon_name (self->answer_icon, icon_name);
  gtk_inscription_set_text (self->answer_title, title);
  gtk_inscription_set_text (self->answer_detail, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->answer_detail), detail != NULL && detail[0] != '\0');
  gtk_inscription_set_text (self->answer_advice, advice != NULL ? advice : "");
  /* The inscriptions keep a long answer from costing a relayout of the
   * window (tens of milliseconds); a screen reader gets it whole here. */
  {
    g_autofree char *spoken = g_strjoin (". ", title, detail != NULL && detail[0] != '\0' ? detail : advice,
                                         detail != NULL && detail[0] != '\0' ? advice : NULL, NULL);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->answer_box),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                    -1);
  }

  g_free (self->answer_state);
  self->answer_state = g_strdup (state);
  g_free (self->answer_message);
  self->answer_message = g_strdup (title);

  g_clear_handle_id (&self->reset_source, g_source_remove);
  if (g_strcmp0 (style, "ready") != 0)
    {
      self->n_answers++;
      self->reset_source = g_timeout_add_seconds (ANSWER_SECONDS, mp_desk_page_reset_cb, self);
    }
}

static void
mp_desk_page_show_ready (MpDeskPage *self)
{
  mp_desk_page_set_answer (self, "ready", "scanner-symbolic",
                           _("Ready: scan a ticket"), NULL,
                           _("Or find the person by name, or register a walk-in."),
                           "ready");
}

static gboolean
mp_desk_page_reset_cb (gpointer user_data)
{
  MpDeskPage *self = user_data;

  self->reset_source = 0;
  mp_desk_page_show_ready (self);
  gtk_revealer_set_reveal_child (self->badge_revealer, FALSE);
  return G_SOURCE_REMOVE;
}

static void
mp_desk_page_update_undo (MpDeskPage *self)
{
  gboolean can_undo = self->undo_checkin_id != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "desk.undo", can_undo);
  if (can_undo)
    {
      /* Translators: a button: "Undo Kari Nordmann" (her check-in) */
      g_autofree char *label = g_strdup_printf (_("Undo %s"), self->undo_name);
      /* Translators: tooltip of the undo button */
      g_autofree char *tooltip = g_strdup_printf (_("Undo the check-in of %s (Ctrl+Z)"), self->undo_name);

      adw_button_content_set_label (self->undo_content, label);
      gtk_widget_set_tooltip_text (self->undo_button, tooltip);
    }
  else
    {
      adw_button_content_set_label (self->undo_content, _("Undo"));
      gtk_widget_set_tooltip_text (self->undo_button, _("Nothing to undo"));
    }
}

static void
mp_desk_page_badge_printed_cb (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(MpDeskPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = mp_badge_printer_print_finish (MP_BADGE_PRINTER (source), result, &error);
  g_autofree char *notice = NULL;

  /* The desk went away meanwhile. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->badge_label == NULL)
    return;

  g_free (self->badge_state);
  if (where == NULL)
    {
      self->badge_state = g_strdup_printf ("failed: %s", error->message);
      /* Translators: a notice at the desk; the check-in itself is saved */
      notice = g_strdup_printf (_("Badge not printed: %s"), error->message);
      gtk_image_set_from_icon_name (self->badge_icon, "printer-error-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (gtk_widget_get_parent (GTK_WIDGET (self->badge_label))), "failed");
    }
  else
    {
      self->badge_state = g_strdup ("printed");
      /* Translators: a notice at the desk: where the badge went */
      notice = g_strdup_printf (_("Badge printed: %s"), where);
      gtk_image_set_from_icon_name (self->badge_icon, "printer-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (gtk_widget_get_parent (GTK_WIDGET (self->badge_label))), "failed");
    }
  gtk_label_set_label (self->badge_label, notice);
  gtk_revealer_set_reveal_child (self->badge_revealer, TRUE);
}

static void
mp_desk_page_print_badge (MpDeskPage *self,
                          MpAttendee *attendee)
{
  g_autoptr(MpBadgePrinter) printer = NULL;
  g_autofree char *printer_name = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *layout_name = NULL;
  MpTicketLayout layout = MP_TICKET_LAYOUT_BADGE_LABEL;

  gtk_revealer_set_reveal_child (self->badge_revealer, FALSE);
  g_free (self->badge_state);
  if (self->settings == NULL || !g_settings_get_boolean (self->settings, "print-badges"))
    {
      self->badge_state = g_strdup ("off");
      return;
    }

  printer_name = g_settings_get_string (self->settings, "badge-printer");
  folder = g_settings_get_string (self->settings, "badge-folder");
  layout_name = g_settings_get_string (self->settings, "badge-layout");
  if (!mp_ticket_layout_from_string (layout_name, &layout))
    layout = MP_TICKET_LAYOUT_BADGE_LABEL;

  self->badge_state = g_strdup ("printing");
  printer = mp_badge_printer_new (printer_name, folder, layout);
  mp_badge_printer_print_async (printer, self->event, attendee, self->cancellable,
                                mp_desk_page_badge_printed_cb, g_object_ref (self));
}

static void
mp_desk_page_show_result (MpDeskPage      *self,
                          MpCheckInResult *result)
{
  MpCheckInOutcome outcome = mp_check_in_result_get_outcome (result);
  MpAttendee *attendee = mp_check_in_result_get_attendee (result);
  const char *name = attendee != NULL ? mp_attendee_get_name (attendee) : "";
  const char *organisation = attendee != NULL ? mp_attendee_get_organisation (attendee) : "";
  g_autofree char *message = mp_check_in_result_dup_message (result);
  g_autofree char *state = NULL;
  g_autofree char *title = NULL;
  const char *advice = mp_check_in_result_get_advice (result);

  state = g_strdup_printf ("%s %s", mp_check_in_outcome_to_string (outcome), name);

  switch (outcome)
    {
    case MP_CHECK_IN_CHECKED_IN:
      /* Translators: the desk's big answer to a good ticket */
      title = g_strdup_printf (C_("desk answer", "Welcome, %s"), name);
      mp_desk_page_set_answer (self, "welcome", "object-select-symbolic", title,
                               organisation, advice, state);
      g_free (self->undo_name);
      self->undo_name = g_strdup (name);
      self->undo_walk_in = is_walk_in (attendee);
      self->undo_checkin_id = mp_check_in_result_get_checkin_id (result);
      mp_desk_page_update_undo (self);
      mp_desk_page_play (self, SOUND_WELCOME);
      mp_desk_page_print_badge (self, attendee);
      break;

    case MP_CHECK_IN_ALREADY:
      mp_desk_page_set_answer (self, "already", "dialog-warning-symbolic",
                               C_("desk answer", "Already checked in"), message, advice, state);
      mp_desk_page_play (self, SOUND_ALREADY);
      break;

    case MP_CHECK_IN_WRONG_EVENT:
      mp_desk_page_set_answer (self, "problem", "action-unavailable-symbolic",
                               C_("desk answer", "Not for this event"), message, advice, state);
      mp_desk_page_play (self, SOUND_PROBLEM);
      break;

    case MP_CHECK_IN_CANCELLED:
      mp_desk_page_set_answer (self, "problem", "action-unavailable-symbolic",
                               C_("desk answer", "Registration cancelled"), message, advice, state);
      mp_desk_page_play (self, SOUND_PROBLEM);
      break;

    case MP_CHECK_IN_WAITLISTED:
      mp_desk_page_set_answer (self, "problem", "action-unavailable-symbolic",
                               C_("desk answer", "On the waiting list"), message, advice, state);
      mp_desk_page_play (self, SOUND_PROBLEM);
      break;

    case MP_CHECK_IN_NOT_A_TICKET:
    default:
      mp_desk_page_set_answer (self, "problem", "action-unavailable-symbolic",
                               C_("desk answer", "Not a ticket"), message, advice, state);
      mp_desk_page_play (self, SOUND_PROBLEM);
      break;
    }

  if (outcome != MP_CHECK_IN_CHECKED_IN)
    gtk_revealer_set_reveal_child (self->badge_revealer, FALSE);

  mp_desk_page_time_next_frame (self, mp_check_in_outcome_to_string (outcome));
  if (outcome == MP_CHECK_IN_CHECKED_IN)
    mp_desk_page_count_arrival (self, attendee, +1);
}

static void
mp_desk_page_show_error (MpDeskPage   *self,
                         const GError *error)
{
  mp_desk_page_set_answer (self, "problem", "dialog-error-symbolic",
                           C_("desk answer", "Not saved"), error->message,
                           _("Nothing was recorded. Try again; if it happens again, ask the organiser."),
                           "error");
  mp_desk_page_play (self, SOUND_PROBLEM);
  mp_desk_page_time_next_frame (self, "error");
}

/* Checking in */

static void
mp_desk_page_scanned_cb (MpDeskPage    *self,
                         const char    *text,
                         MpScanCapture *capture)
{
  self->timing_start = mp_scan_capture_get_last_scan_time (capture);
  self->timing_chars = g_utf8_strlen (text, -1);
  self->timing_cpu_start = thread_cpu_time ();
  self->timing_key_time = mp_scan_capture_get_last_scan_key_time (capture);
  mp_desk_page_check_in_text (self, text);
}

void
mp_desk_page_check_in_text (MpDeskPage *self,
                            const char *scanned_text)
{
  g_autoptr(MpCheckInResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MP_IS_DESK_PAGE (self));
  g_return_if_fail (scanned_text != NULL);

  if (self->store == NULL || self->event_id == 0)
    return;

  /* Returns after the commit: what is shown next is on disk. */
  result = mp_store_check_in (self->store, self->event_id, scanned_text,
                              mp_desk_page_get_desk_name (self), &error);
  self->timing_committed = g_get_monotonic_time ();
  if (result == NULL)
    mp_desk_page_show_error (self, error);
  else
    mp_desk_page_show_result (self, result);
}

static void
mp_desk_page_check_in_attendee (MpDeskPage *self,
                                MpAttendee *attendee)
{
  g_autoptr(MpCheckInResult) result = NULL;
  g_autoptr(GError) error = NULL;

  self->timing_start = g_get_monotonic_time ();
  self->timing_cpu_start = thread_cpu_time ();
  self->timing_key_time = 0;
  self->timing_chars = 0;
  result = mp_store_check_in_registration (self->store, self->event_id,
                                           mp_attendee_get_registration_id (attendee),
                                           mp_desk_page_get_desk_name (self), &error);
  if (result == NULL)
    mp_desk_page_show_error (self, error);
  else
    mp_desk_page_show_result (self, result);
}

/* Name search */

static GtkWidget *
mp_desk_page_create_result_row (MpAttendee *attendee)
{
  GtkWidget *row = adw_action_row_new ();
  const char *organisation = mp_attendee_get_organisation (attendee);
  MpRegistrationStatus status = mp_attendee_get_status (attendee);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mp_attendee_get_name (attendee));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), organisation);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  if (mp_attendee_get_arrived (attendee))
    {
      g_autofree char *clock = mp_time_format_clock (mp_attendee_get_checked_in_at (attendee));
      GtkWidget *label = gtk_label_new (clock);

      gtk_widget_add_css_class (label, "success");
      gtk_widget_add_css_class (label, "arrived-time");
      /* Translators: tooltip of an arrival time in the desk's search */
      gtk_widget_set_tooltip_text (label, _("Already checked in"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else if (status != MP_REGISTRATION_STATUS_REGISTERED)
    {
      GtkWidget *label = gtk_label_new (mp_registration_status_get_label (status));

      gtk_widget_add_css_class (label, "warning");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  return row;
}

static void
mp_desk_page_update_results (MpDeskPage *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  int selected = -1;
  GtkListBoxRow *row;

  row = gtk_list_box_get_selected_row (self->results_list);
  if (row != NULL)
    selected = gtk_list_box_row_get_index (row);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
  g_clear_pointer (&self->results, g_ptr_array_unref);

  gtk_widget_set_visible (GTK_WIDGET (self->results_list), query[0] != '\0');
  if (self->store == NULL || self->event_id == 0 || query[0] == '\0')
    return;

  self->results = mp_store_search (self->store, self->event_id, query, MAX_SEARCH_RESULTS, &error);
  if (self->results == NULL)
    {
      g_debug ("Search: %s", error->message);
      return;
    }

  for (guint i = 0; i < self->results->len; i++)
    gtk_list_box_append (self->results_list,
                         mp_desk_page_create_result_row (g_ptr_array_index (self->results, i)));

  if (self->results->len == 0)
    {
      GtkWidget *empty = gtk_label_new (_("Nobody by that name. Register a walk-in?"));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_widget_set_margin_top (empty, 12);
      gtk_widget_set_margin_bottom (empty, 12);
      gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
      gtk_list_box_append (self->results_list, empty);
      gtk_list_box_row_set_activatable (gtk_list_box_get_row_at_index (self->results_list, 0), FALSE);
      gtk_list_box_row_set_selectable (gtk_list_box_get_row_at_index (self->results_list, 0), FALSE);
      return;
    }

  selected = CLAMP (selected, 0, (int) self->results->len - 1);
  gtk_list_box_select_row (self->results_list, gtk_list_box_get_row_at_index (self->results_list, selected));
}

static void
mp_desk_page_search_changed_cb (MpDeskPage *self)
{
  /* A new query starts at its best match. */
  gtk_list_box_unselect_all (self->results_list);
  mp_desk_page_update_results (self);
}

static MpAttendee *
mp_desk_page_get_selected_result (MpDeskPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->results_list);
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;

  if (self->results == NULL || index < 0 || (guint) index >= self->results->len)
    return NULL;
  return g_ptr_array_index (self->results, index);
}

static void
mp_desk_page_check_in_selected (MpDeskPage *self)
{
  g_autoptr(MpAttendee) attendee = NULL;

  if (mp_desk_page_get_selected_result (self) == NULL)
    return;

  attendee = g_object_ref (mp_desk_page_get_selected_result (self));
  mp_desk_page_check_in_attendee (self, attendee);
  /* Ready for the next person. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
mp_desk_page_search_activate_cb (MpDeskPage *self)
{
  mp_desk_page_check_in_selected (self);
}

static void
mp_desk_page_row_activated_cb (MpDeskPage    *self,
                               GtkListBoxRow *row)
{
  gtk_list_box_select_row (self->results_list, row);
  mp_desk_page_check_in_selected (self);
}

static void
mp_desk_page_stop_search_cb (MpDeskPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Up and Down pick in the results while typing in the search entry. */
static gboolean
mp_desk_page_search_key_cb (MpDeskPage            *self,
                            guint                  keyval,
                            guint                  keycode,
                            GdkModifierType        state,
                            GtkEventControllerKey *controller)
{
  GtkListBoxRow *row;
  int index, n;

  if (keyval != GDK_KEY_Up && keyval != GDK_KEY_Down
      && keyval != GDK_KEY_KP_Up && keyval != GDK_KEY_KP_Down)
    return FALSE;
  if (self->results == NULL || self->results->len == 0)
    return TRUE;

  n = self->results->len;
  row = gtk_list_box_get_selected_row (self->results_list);
  index = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    index = MAX (index - 1, 0);
  else
    index = MIN (index + 1, n - 1);
  gtk_list_box_select_row (self->results_list, gtk_list_box_get_row_at_index (self->results_list, index));
  return TRUE;
}

/* Walk-ins */

/* The sectors are one stop on the Tab path (arrows move between them,
 * Space picks one), so that the form stays quick by keyboard. */
static gboolean
mp_desk_page_sector_key_cb (MpDeskPage            *self,
                            guint                  keyval,
                            guint                  keycode,
                            GdkModifierType        state,
                            GtkEventControllerKey *controller)
{
  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    {
      gtk_widget_grab_focus ((state & GDK_SHIFT_MASK) != 0
                             ? GTK_WIDGET (self->organisation_entry) : GTK_WIDGET (self->email_entry));
      return TRUE;
    }
  if (keyval == GDK_KEY_ISO_Left_Tab)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->organisation_entry));
      return TRUE;
    }
  return FALSE;
}

static void
mp_desk_page_load_sectors (MpDeskPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sector_box))) != NULL)
    gtk_flow_box_remove (self->sector_box, child);
  g_clear_pointer (&self->sectors, g_ptr_array_unref);

  self->sectors = mp_store_list_sectors (self->store, &error);
  if (self->sectors == NULL)
    {
      g_debug ("Sectors: %s", error->message);
      return;
    }

  for (guint i = 0; i < self->sectors->len; i++)
    {
      MpSector *sector = g_ptr_array_index (self->sectors, i);
      GtkWidget *label = gtk_label_new (sector->name);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      /* Two to a line in the side bar: shorter buttons to tap. */
      gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
      gtk_flow_box_append (self->sector_box, label);
      gtk_widget_add_css_class (gtk_widget_get_parent (label), "sector-chip");
      /* The chip takes the focus: a screen reader says its sector. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (label)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, sector->name, -1);
    }
}

static void
mp_desk_page_clear_walk_in (MpDeskPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->organisation_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_entry), "");
  gtk_flow_box_unselect_all (self->sector_box);
  gtk_check_button_set_active (self->followup_check, FALSE);
  gtk_check_button_set_active (self->photo_check, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->walk_in_error), FALSE);
}

static void
mp_desk_page_walk_in_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  MpDeskPage *self = MP_DESK_PAGE (widget);

  mp_desk_page_clear_walk_in (self);
  /* Whatever was searched for is likely the walk-in's name. */
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry),
                         gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_stack_set_visible_child_name (self->side_stack, "walk-in");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
  gtk_editable_set_position (GTK_EDITABLE (self->name_entry), -1);
}

static void
mp_desk_page_cancel_walk_in_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  MpDeskPage *self = MP_DESK_PAGE (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->side_stack), "walk-in") != 0)
    return;
  mp_desk_page_clear_walk_in (self);
  gtk_stack_set_visible_child_name (self->side_stack, "search");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static char *
dup_entry_text (GtkEntry *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static void
mp_desk_page_walk_in_error (MpDeskPage *self,
                            const char *message,
                            GtkWidget  *focus)
{
  gtk_label_set_label (self->walk_in_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->walk_in_error), TRUE);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

static void
mp_desk_page_register_walk_in_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  MpDeskPage *self = MP_DESK_PAGE (widget);
  MpRegistrationInput input = { 0 };
  g_autoptr(MpAttendee) attendee = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) selected = NULL;

  if (self->store == NULL || self->event_id == 0)
    return;

  input.name = dup_entry_text (self->name_entry);
  if (input.name[0] == '\0')
    {
      mp_registration_input_clear (&input);
      mp_desk_page_walk_in_error (self, _("Write the person’s name first."), GTK_WIDGET (self->name_entry));
      return;
    }
  input.organisation = dup_entry_text (self->organisation_entry);
  input.email = dup_entry_text (self->email_entry);
  selected = gtk_flow_box_get_selected_children (self->sector_box);
  if (selected != NULL && self->sectors != NULL)
    {
      int index = gtk_flow_box_child_get_index (selected->data);

      if (index >= 0 && (guint) index < self->sectors->len)
        input.sector = g_strdup (((MpSector *) g_ptr_array_index (self->sectors, index))->name);
    }
  input.consent_followup = gtk_check_button_get_active (self->followup_check) ? MP_CONSENT_YES : MP_CONSENT_NO;
  input.consent_photo = gtk_check_button_get_active (self->photo_check) ? MP_CONSENT_YES : MP_CONSENT_NO;
  input.status = MP_REGISTRATION_STATUS_REGISTERED;
  input.source = MP_REGISTRATION_SOURCE_DESK;

  self->timing_start = g_get_monotonic_time ();
  self->timing_key_time = 0;
  attendee = mp_store_register (self->store, self->event_id, &input, &error);
  mp_registration_input_clear (&input);
  if (attendee == NULL)
    {
      mp_desk_page_walk_in_error (self, error->message, NULL);
      return;
    }
  self->counts.registered++;

  mp_desk_page_check_in_attendee (self, attendee);
  mp_desk_page_clear_walk_in (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_stack_set_visible_child_name (self->side_stack, "search");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
mp_desk_page_walk_in_activate_cb (MpDeskPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "desk.register-walk-in", NULL);
}

static void
mp_desk_page_walk_in_changed_cb (MpDeskPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->walk_in_error), FALSE);
}

/* Undo */

static void
mp_desk_page_undo_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  MpDeskPage *self = MP_DESK_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *state = NULL;
  g_autofree char *title = NULL;

  if (self->store == NULL || self->undo_checkin_id == 0)
    return;

  if (!mp_store_undo_check_in (self->store, self->undo_checkin_id, mp_desk_page_get_desk_name (self), &error))
    {
      mp_desk_page_show_error (self, error);
      return;
    }

  name = g_steal_pointer (&self->undo_name);
  self->undo_checkin_id = 0;
  mp_desk_page_update_undo (self);

  /* Translators: the desk's answer after an undo */
  title = g_strdup_printf (_("Check-in undone: %s"), name);
  state = g_strdup_printf ("undone %s", name);
  mp_desk_page_set_answer (self, "undone", "edit-undo-symbolic", title, NULL,
                           _("The undo is recorded; nothing was deleted. Scan the ticket again to check in."),
                           state);
  gtk_revealer_set_reveal_child (self->badge_revealer, FALSE);
  self->counts.walk_ins -= self->undo_walk_in && self->counts.walk_ins > 0 ? 1 : 0;
  mp_desk_page_count_arrival (self, NULL, -1);
  mp_desk_page_update_results (self);
}

/* Ctrl+Z undoes the last check-in, before an entry takes it for its own
 * text undo; in the walk-in form it stays the entries' own. */
static gboolean
mp_desk_page_capture_key_cb (MpDeskPage            *self,
                             guint                  keyval,
                             guint                  keycode,
                             GdkModifierType        state,
                             GtkEventControllerKey *controller)
{
  if ((keyval == GDK_KEY_z || keyval == GDK_KEY_Z)
      && (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) == GDK_CONTROL_MASK
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->side_stack), "search") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "desk.undo", NULL);
      return TRUE;
    }
  return FALSE;
}

/* Only a desk on screen takes scans. */

static void
mp_desk_page_map (GtkWidget *widget)
{
  MpDeskPage *self = MP_DESK_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  GTK_WIDGET_CLASS (mp_desk_page_parent_class)->map (widget);

  if (self->settings == NULL && MP_IS_APPLICATION (app) && mp_application_get_settings (MP_APPLICATION (app)) != NULL)
    self->settings = g_object_ref (mp_application_get_settings (MP_APPLICATION (app)));

  if (self->capture == NULL && root != NULL)
    {
      self->capture = mp_scan_capture_new (GTK_WIDGET (root));
      mp_scan_capture_set_type_ahead (self->capture, GTK_EDITABLE (self->search_entry));
      g_signal_connect_object (self->capture, "scanned",
                               G_CALLBACK (mp_desk_page_scanned_cb), self, G_CONNECT_SWAPPED);
    }

  if (self->poll_source == 0)
    self->poll_source = g_timeout_add_seconds (POLL_SECONDS, mp_desk_page_poll_cb, self);
  /* Loading the media framework takes a moment the first time: not
   * during the first scan. */
  if (self->preload_source == 0 && self->sounds[0] == NULL)
    self->preload_source = g_idle_add_full (G_PRIORITY_LOW, mp_desk_page_preload_sounds_cb, self, NULL);
}

static void
mp_desk_page_unmap (GtkWidget *widget)
{
  MpDeskPage *self = MP_DESK_PAGE (widget);

  if (self->capture != NULL)
    {
      g_object_run_dispose (G_OBJECT (self->capture));
      g_clear_object (&self->capture);
    }
  g_clear_handle_id (&self->poll_source, g_source_remove);

  GTK_WIDGET_CLASS (mp_desk_page_parent_class)->unmap (widget);
}

static void
mp_desk_page_dispose (GObject *object)
{
  MpDeskPage *self = (MpDeskPage *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->capture != NULL)
    {
      g_object_run_dispose (G_OBJECT (self->capture));
      g_clear_object (&self->capture);
    }
  g_clear_handle_id (&self->reset_source, g_source_remove);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_clear_handle_id (&self->preload_source, g_source_remove);
  if (self->timing_clock != NULL)
    g_clear_signal_handler (&self->after_paint_handler, self->timing_clock);
  g_clear_object (&self->timing_clock);
  for (guint i = 0; i < N_SOUNDS; i++)
    {
      if (self->sounds[i] != NULL)
        gtk_media_stream_pause (self->sounds[i]);
      g_clear_object (&self->sounds[i]);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_DESK_PAGE);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->event);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->sectors, g_ptr_array_unref);
  g_clear_pointer (&self->desk_name, g_free);
  g_clear_pointer (&self->undo_name, g_free);
  g_clear_pointer (&self->answer_state, g_free);
  g_clear_pointer (&self->answer_message, g_free);
  g_clear_pointer (&self->badge_state, g_free);
  g_clear_pointer (&self->timing_outcome, g_free);

  G_OBJECT_CLASS (mp_desk_page_parent_class)->dispose (object);
}

static void
mp_desk_page_class_init (MpDeskPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_desk_page_dispose;
  widget_class->map = mp_desk_page_map;
  widget_class->unmap = mp_desk_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-desk-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, undo_button);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, undo_content);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, answer_box);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, answer_icon);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, answer_title);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, answer_detail);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, answer_advice);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, badge_revealer);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, badge_icon);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, badge_label);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, arrived_label);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, walk_ins_label);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, side_stack);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, results_list);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, search_hint);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, name_entry);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, organisation_entry);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, sector_box);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, email_entry);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, followup_check);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, photo_check);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, walk_in_error);
  gtk_widget_class_bind_template_callback (widget_class, mp_desk_page_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_desk_page_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_desk_page_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_desk_page_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_desk_page_walk_in_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_desk_page_walk_in_changed_cb);

  gtk_widget_class_install_action (widget_class, "desk.undo", NULL, mp_desk_page_undo_action);
  gtk_widget_class_install_action (widget_class, "desk.walk-in", NULL, mp_desk_page_walk_in_action);
  gtk_widget_class_install_action (widget_class, "desk.cancel-walk-in", NULL, mp_desk_page_cancel_walk_in_action);
  gtk_widget_class_install_action (widget_class, "desk.register-walk-in", NULL, mp_desk_page_register_walk_in_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "desk.walk-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "desk.cancel-walk-in", NULL);
}

static void
mp_desk_page_init (MpDeskPage *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->badge_state = g_strdup ("off");
  self->sound_state = "none";

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed",
                           G_CALLBACK (mp_desk_page_search_key_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed",
                           G_CALLBACK (mp_desk_page_sector_key_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->sector_box), controller);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed",
                           G_CALLBACK (mp_desk_page_capture_key_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  mp_desk_page_show_ready (self);
  mp_desk_page_update_undo (self);
}

void
mp_desk_page_set_store (MpDeskPage *self,
                        MpStore    *store)
{
  g_return_if_fail (MP_IS_DESK_PAGE (self));
  g_return_if_fail (store == NULL || MP_IS_STORE (store));

  g_set_object (&self->store, store);
}

gboolean
mp_desk_page_load (MpDeskPage  *self,
                   gint64       event_id,
                   GError     **error)
{
  g_autoptr(MpEvent) event = NULL;

  g_return_val_if_fail (MP_IS_DESK_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  event = mp_store_get_event (self->store, event_id, error);
  if (event == NULL)
    return FALSE;

  g_set_object (&self->event, event);
  self->event_id = event_id;
  self->undo_checkin_id = 0;
  g_clear_pointer (&self->undo_name, g_free);
  self->data_version = mp_database_get_data_version (mp_store_get_database (self->store));
  /* The name search's index (≈ 0.15 s at 100,000 registrations) is
   * built on another thread, before the first forgotten ticket. */
  mp_store_prefetch_attendee_index (self->store, event_id);

  adw_window_title_set_subtitle (self->window_title, mp_event_get_title (event));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  mp_desk_page_clear_walk_in (self);
  gtk_stack_set_visible_child_name (self->side_stack, "search");
  mp_desk_page_load_sectors (self);
  mp_desk_page_update_counts (self);
  mp_desk_page_update_undo (self);
  mp_desk_page_show_ready (self);
  gtk_revealer_set_reveal_child (self->badge_revealer, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));

  return TRUE;
}

gint64
mp_desk_page_get_event_id (MpDeskPage *self)
{
  g_return_val_if_fail (MP_IS_DESK_PAGE (self), 0);

  return self->event_id;
}

const char *
mp_desk_page_get_title (MpDeskPage *self)
{
  g_return_val_if_fail (MP_IS_DESK_PAGE (self), NULL);

  return self->event != NULL ? mp_event_get_title (self->event) : "";
}

void
mp_desk_page_focus_search (MpDeskPage *self)
{
  g_return_if_fail (MP_IS_DESK_PAGE (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->side_stack), "search") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
mp_desk_page_describe (MpDeskPage *self,
                       GString    *out)
{
  GtkWidget *focus;
  GtkRoot *root;
  MpAttendee *selected;

  g_return_if_fail (MP_IS_DESK_PAGE (self));

  g_string_append_printf (out, "desk.event=%" G_GINT64_FORMAT "|%s\n",
                          self->event_id, mp_desk_page_get_title (self));
  g_string_append_printf (out, "desk.name=%s\n", mp_desk_page_get_desk_name (self));
  g_string_append_printf (out, "desk.answer=%s\n", self->answer_state != NULL ? self->answer_state : "ready");
  g_string_append_printf (out, "desk.answers=%u\n", self->n_answers);
  g_string_append_printf (out, "desk.message=%s\n", gtk_inscription_get_text (self->answer_detail) ? gtk_inscription_get_text (self->answer_detail) : "");
  if (self->have_counts)
    g_string_append_printf (out, "desk.counter=%u/%u walkins=%u\n",
                            self->counts.arrived, self->counts.registered, self->counts.walk_ins);
  g_string_append_printf (out, "desk.badge=%s\n", self->badge_state);
  g_string_append_printf (out, "desk.sound=%s\n", self->sound_state);
  g_string_append_printf (out, "desk.undo=%s\n", self->undo_name != NULL ? self->undo_name : "");
  g_string_append_printf (out, "desk.pane=%s\n", gtk_stack_get_visible_child_name (self->side_stack));
  g_string_append_printf (out, "desk.search=%s\n", gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->side_stack), "walk-in") == 0)
    {
      g_autoptr(GList) sectors = gtk_flow_box_get_selected_children (self->sector_box);
      int sector = sectors != NULL ? gtk_flow_box_child_get_index (sectors->data) : -1;

      g_string_append_printf (out, "desk.walk-in=%s|%s|%s|%s|%s%s\n",
                              gtk_editable_get_text (GTK_EDITABLE (self->name_entry)),
                              gtk_editable_get_text (GTK_EDITABLE (self->organisation_entry)),
                              sector >= 0 && self->sectors != NULL && (guint) sector < self->sectors->len
                                ? ((MpSector *) g_ptr_array_index (self->sectors, sector))->name : "",
                              gtk_editable_get_text (GTK_EDITABLE (self->email_entry)),
                              gtk_check_button_get_active (self->followup_check) ? "followup" : "",
                              gtk_check_button_get_active (self->photo_check) ? ",photo" : "");
    }
  for (guint i = 0; self->results != NULL && i < self->results->len; i++)
    {
      MpAttendee *attendee = g_ptr_array_index (self->results, i);

      g_string_append_printf (out, "desk.result=%s|%s|%s\n",
                              mp_attendee_get_name (attendee),
                              mp_attendee_get_organisation (attendee),
                              mp_attendee_get_arrived (attendee) ? "arrived" : "");
    }
  selected = mp_desk_page_get_selected_result (self);
  g_string_append_printf (out, "desk.selected=%s\n", selected != NULL ? mp_attendee_get_name (selected) : "");

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_entry)))
    g_string_append (out, "desk.focus=search\n");
  else if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->name_entry)))
    g_string_append (out, "desk.focus=walk-in-name\n");
  else if (focus != NULL)
    g_string_append_printf (out, "desk.focus=%s\n", G_OBJECT_TYPE_NAME (focus));
}
