/* The desk's test and timing hooks: what it shows, for MP_DEBUG_STATE,
 * and with MP_DEBUG_TIMING, per answer, a line on standard error when
 * the frame that shows it is painted:
 *
 *   timing: scan outcome=checked-in handler_to_frame_us=8120
 *     key_to_frame_ms=9 check_in_us=1830 cpu_us=4410 chars=29
 *
 * (one line): from the scanner's Return (its handler; the X server's
 * time stamp of the key) to the end of that frame, of which the
 * committed check-in, and the main thread's CPU time over the same span.
 * bench/bench-desk.sh reads them.
 */
#define G_LOG_DOMAIN "mp-desk-page"

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "mp-desk-page-private.h"
#include "mp-frame-timing.h"

/* MP_DEBUG_TIMING: the answer being timed */
struct _MpDeskPageDebug
{
  gint64         start;
  gint64         committed;
  gint64         cpu_start;
  glong          chars;
  guint32        key_time;
  char          *outcome;
  gulong         after_paint_handler;
  GdkFrameClock *clock;
};

MpDeskPageDebug *
_mp_desk_page_debug_new (void)
{
  return g_new0 (MpDeskPageDebug, 1);
}

void
_mp_desk_page_debug_free (MpDeskPageDebug *debug)
{
  if (debug->clock != NULL)
    g_clear_signal_handler (&debug->after_paint_handler, debug->clock);
  g_clear_object (&debug->clock);
  g_free (debug->outcome);
  g_free (debug);
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

void
_mp_desk_page_timing_start (MpDeskPage *self,
                            gint64      started_us,
                            guint32     key_time,
                            glong       chars)
{
  MpDeskPageDebug *debug = self->debug;

  if (!mp_frame_timing_enabled ())
    return;
  debug->start = started_us;
  debug->key_time = key_time;
  debug->chars = chars;
  debug->committed = 0;
  debug->cpu_start = thread_cpu_time ();
}

void
_mp_desk_page_timing_committed (MpDeskPage *self)
{
  if (mp_frame_timing_enabled ())
    self->debug->committed = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                MpDeskPage    *self)
{
  MpDeskPageDebug *debug = self->debug;
  gint64 now = g_get_monotonic_time ();

  g_clear_signal_handler (&debug->after_paint_handler, clock);
  g_clear_object (&debug->clock);

  if (debug->start == 0)
    return;

  /* The X server stamps key events with its monotonic clock in
   * milliseconds; so does this, so the second figure includes the way
   * from the server to the handler. */
  fprintf (stderr, "timing: scan outcome=%s handler_to_frame_us=%" G_GINT64_FORMAT " key_to_frame_ms=%d"
           " check_in_us=%" G_GINT64_FORMAT " cpu_us=%" G_GINT64_FORMAT " chars=%ld\n",
           debug->outcome != NULL ? debug->outcome : "",
           now - debug->start,
           debug->key_time != 0 ? (int) ((guint32) (now / 1000) - debug->key_time) : -1,
           debug->committed > debug->start ? debug->committed - debug->start : -1,
           debug->cpu_start != 0 ? thread_cpu_time () - debug->cpu_start : -1,
           debug->chars);
  debug->start = 0;
}

void
_mp_desk_page_timing_answered (MpDeskPage *self,
                               const char *outcome)
{
  MpDeskPageDebug *debug = self->debug;
  GdkFrameClock *clock;

  if (!mp_frame_timing_enabled ())
    return;
  g_free (debug->outcome);
  debug->outcome = g_strdup (outcome);
  if (debug->after_paint_handler != 0)
    return;

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    return;
  debug->clock = g_object_ref (clock);
  debug->after_paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self->answer));
}

/* What the desk shows */

void
mp_desk_page_describe (MpDeskPage *self,
                       GString    *out)
{
  const char *pane = gtk_stack_get_visible_child_name (self->main_stack);
  static const char *need_keys[] = { "dietary", "accessibility", "interpreter", "note" };
  const char *name = mp_check_in_answer_get_name (self->answer);
  GPtrArray *results = mp_desk_search_get_results (self->search);
  GtkWidget *focus;
  GtkRoot *root;
  MpAttendee *selected;

  g_return_if_fail (MP_IS_DESK_PAGE (self));

  g_string_append_printf (out, "desk.event=%" G_GINT64_FORMAT "|%s\n",
                          mp_desk_page_get_event_id (self), mp_desk_page_get_title (self));
  g_string_append_printf (out, "desk.name=%s\n", _mp_desk_page_get_desk_name (self));
  if (g_strcmp0 (mp_check_in_answer_get_kind (self->answer), "ready") == 0)
    g_string_append (out, "desk.answer=ready\n");
  else
    g_string_append_printf (out, "desk.answer=%s %s\n", mp_check_in_answer_get_kind (self->answer), name);
  g_string_append_printf (out, "desk.answers=%u\n", mp_check_in_answer_get_n_answers (self->answer));
  g_string_append_printf (out, "desk.message=%s\n", mp_check_in_answer_get_detail (self->answer));
  g_string_append_printf (out, "desk.title=%s\n", mp_check_in_answer_get_title (self->answer));
  g_string_append_printf (out, "desk.advice=%s\n", mp_check_in_answer_get_advice (self->answer));
  for (guint i = 0; i < G_N_ELEMENTS (need_keys); i++)
    if (mp_check_in_answer_get_need (self->answer, need_keys[i]) != NULL)
      g_string_append_printf (out, "desk.need=%s\n", mp_check_in_answer_get_need (self->answer, need_keys[i]));
  g_string_append_printf (out, "desk.size=%s\n", mp_check_in_answer_get_size_class (self->answer));
  /* the offer to let in anyway (waiting list, cancelled) */
  g_string_append_printf (out, "desk.admit-anyway=%s\n",
                          self->admit_registration_id != 0 && gtk_widget_get_mapped (self->admit_button)
                          ? self->admit_name : "");
  if (gtk_revealer_get_reveal_child (self->banner_revealer))
    g_string_append_printf (out, "desk.banner=%s %s\n", mp_check_in_answer_get_kind (self->banner),
                            mp_check_in_answer_get_name (self->banner));
  else
    g_string_append (out, "desk.banner=\n");
  if (self->have_counts)
    g_string_append_printf (out, "desk.counter=%u/%u walkins=%u\n",
                            self->counts.arrived, self->counts.registered, self->counts.walk_ins);
  g_string_append_printf (out, "desk.badge=%s\n", mp_badge_notice_get_state (self->badge_notice));
  g_string_append_printf (out, "desk.sound=%s\n", mp_check_in_answer_get_sound (self->answer));
  g_string_append_printf (out, "desk.undo=%s\n", self->undo_name != NULL ? self->undo_name : "");
  g_string_append_printf (out, "desk.pane=%s\n", pane);
  g_string_append_printf (out, "desk.search=%s\n", mp_desk_search_get_text (self->search));
  if (g_strcmp0 (pane, "walk-in") == 0)
    {
      g_autofree char *organisation = NULL;
      g_autofree char *email = NULL;
      gboolean followup, photo;
      const char *sector = mp_walk_in_form_get_sector (self->walk_in_form);

      g_object_get (self->walk_in_form, "organisation", &organisation, "email", &email,
                    "consent-followup", &followup, "consent-photo", &photo, NULL);
      g_string_append_printf (out, "desk.walk-in=%s|%s|%s|%s|%s%s\n",
                              mp_walk_in_form_get_name (self->walk_in_form), organisation,
                              sector != NULL ? sector : "", email,
                              followup ? "followup" : "", photo ? ",photo" : "");
      if (mp_walk_in_form_get_error (self->walk_in_form) != NULL)
        g_string_append_printf (out, "desk.walk-in-error=%s|%s\n", mp_walk_in_form_get_error_field (self->walk_in_form),
                                mp_walk_in_form_get_error (self->walk_in_form));
      g_string_append_printf (out, "desk.walk-in-scroll=%.0f\n", mp_walk_in_form_get_scroll (self->walk_in_form));
    }
  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      MpAttendee *attendee = g_ptr_array_index (results, i);

      g_string_append_printf (out, "desk.result=%s|%s|%s\n",
                              mp_attendee_get_name (attendee),
                              mp_attendee_get_organisation (attendee),
                              mp_attendee_get_arrived (attendee) ? "arrived" : "");
    }
  selected = mp_desk_search_get_selected (self->search);
  g_string_append_printf (out, "desk.selected=%s\n", selected != NULL ? mp_attendee_get_name (selected) : "");

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (mp_desk_search_has_focus (self->search))
    g_string_append (out, "desk.focus=search\n");
  else if (focus != NULL && mp_walk_in_form_get_focus_field (self->walk_in_form) != NULL)
    g_string_append_printf (out, "desk.focus=walk-in-%s\n", mp_walk_in_form_get_focus_field (self->walk_in_form));
  else if (focus != NULL)
    g_string_append_printf (out, "desk.focus=%s\n", G_OBJECT_TYPE_NAME (focus));
}
