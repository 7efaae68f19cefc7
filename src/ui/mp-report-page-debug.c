/* The report page's test and timing hooks: what it shows, for
 * MP_DEBUG_STATE, and with MP_DEBUG_TIMING
 *   timing: report work=…ms frame=…ms draw=…ms          (mp-frame-timing.h)
 *   timing: report-stall max=…ms complete=…ms cpu=…ms
 * on standard error: the longest the main loop went unanswered from
 * Alt+R (or opening a sector) until the report was painted with all its
 * rows, and how much of that gap the main thread itself ran (the rest it
 * waited for a core). bench/bench-report.sh reads them. */
#define G_LOG_DOMAIN "mp-report-page"

#include "config.h"

#include <stdio.h>
#include <sys/resource.h>

#include "mp-frame-timing.h"
#include "mp-report-chart.h"
#include "mp-report-page-private.h"

struct _MpReportPageTiming
{
  gint64    load_started_us;
  gint64    last_tick_us;
  gint64    max_stall_us;
  gint64    last_tick_cpu_us;   /* this thread's CPU time then */
  gint64    max_stall_cpu_us;   /* of it, spent running */
  guint     stall_source;
  gboolean  painted;
};

static void
report_painted_cb (MpReportPage *self)
{
  if (self->timing != NULL && self->report != NULL && self->rows_tick == 0 && self->organisations_adding == 0)
    self->timing->painted = TRUE;
}

void
_mp_report_page_timing_stop (MpReportPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->timing == NULL)
    return;
  g_clear_handle_id (&self->timing->stall_source, g_source_remove);
  if (clock != NULL)
    g_signal_handlers_disconnect_by_func (clock, report_painted_cb, self);
}

/* A tick every 5 ms at high priority; the gap between two ticks is how
 * long the main loop could not answer. Stops at the first tick after
 * the report was painted with all its rows. */
static gint64
thread_cpu_us (void)
{
#ifdef RUSAGE_THREAD
  struct rusage usage;

  if (getrusage (RUSAGE_THREAD, &usage) == 0)
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC
           + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
#endif
  return 0;
}

/* The longest gap, and how much of it the main thread ran (the rest it
 * waited for a core: the machine's other work, not ours). */
static gboolean
stall_tick_cb (gpointer user_data)
{
  MpReportPage *self = user_data;
  MpReportPageTiming *timing = self->timing;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  if (now - timing->last_tick_us > timing->max_stall_us)
    {
      timing->max_stall_us = now - timing->last_tick_us;
      timing->max_stall_cpu_us = cpu - timing->last_tick_cpu_us;
    }
  timing->last_tick_us = now;
  timing->last_tick_cpu_us = cpu;
  if (!timing->painted)
    return G_SOURCE_CONTINUE;

  fprintf (stderr, "timing: report-stall max=%.2fms complete=%.2fms cpu=%.2fms\n", timing->max_stall_us / 1000.0,
           (now - timing->load_started_us) / 1000.0, timing->max_stall_cpu_us / 1000.0);
  timing->stall_source = 0;
  _mp_report_page_timing_stop (self);
  return G_SOURCE_REMOVE;
}

void
_mp_report_page_timing_start (MpReportPage *self)
{
  MpReportPageTiming *timing;

  if (!mp_frame_timing_enabled ())
    return;

  if (self->timing == NULL)
    self->timing = g_new0 (MpReportPageTiming, 1);
  timing = self->timing;
  _mp_report_page_timing_stop (self);
  timing->load_started_us = g_get_monotonic_time ();
  timing->last_tick_us = timing->load_started_us;
  timing->max_stall_us = 0;
  timing->last_tick_cpu_us = thread_cpu_us ();
  timing->painted = FALSE;
  timing->stall_source = g_timeout_add_full (G_PRIORITY_HIGH, 5, stall_tick_cb, self, NULL);
  if (gtk_widget_get_frame_clock (GTK_WIDGET (self)) != NULL)
    g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                             G_CALLBACK (report_painted_cb), self, G_CONNECT_SWAPPED);
}

void
_mp_report_page_timing_shown (MpReportPage *self,
                              gint64        shown_at)
{
  GdkFrameClock *clock;

  if (self->timing == NULL)
    return;

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  mp_frame_timing_log (GTK_WIDGET (self->stats_box), "report", self->timing->load_started_us,
                       (g_get_monotonic_time () - shown_at) / 1000.0);
  /* the page was not shown yet when the count began */
  if (clock != NULL && self->timing->stall_source != 0)
    {
      g_signal_handlers_disconnect_by_func (clock, report_painted_cb, self);
      g_signal_connect_object (clock, "after-paint", G_CALLBACK (report_painted_cb),
                               self, G_CONNECT_SWAPPED);
    }
}

void
mp_report_page_describe (MpReportPage *self,
                         GString      *state)
{
  const MpEventCounts *counts;

  g_return_if_fail (MP_IS_REPORT_PAGE (self));

  g_string_append_printf (state, "report.event=%" G_GINT64_FORMAT "\n", self->event_id);
  g_string_append_printf (state, "report.state=%s\n", gtk_stack_get_visible_child_name (self->content_stack));
  if (self->load_error != NULL)
    g_string_append_printf (state, "report.error=%s\n", self->load_error);
  if (self->report == NULL)
    return;

  counts = mp_report_get_counts (self->report);
  g_string_append_printf (state, "report.registered=%u\nreport.arrived=%u\n", counts->registered, counts->arrived);
  g_string_append_printf (state, "report.admitted_twice=%u\n", mp_report_get_n_admitted_twice (self->report));
  g_string_append_printf (state, "report.chart_rows=%u\n", mp_chart_sectors_count_rows (self->report));
  g_string_append_printf (state, "report.arrival_slots=%u\n", mp_report_get_n_arrival_buckets (self->report));
  {
    g_autoptr(MpArrivalAxis) axis = mp_arrival_axis_new (self->report);

    if (axis != NULL)
      g_string_append_printf (state, "report.arrival_axis=%u×%u min earlier=%u later=%u\n",
                              axis->n_bins, axis->bin_minutes, axis->earlier, axis->later);
  }
  g_string_append_printf (state, "report.title=%s\n", gtk_label_get_text (self->title_label));
  g_string_append_printf (state, "report.arrivals_heading=%s\n", gtk_label_get_text (self->arrivals_heading));
  {
    g_autofree char *no_shows = mp_report_format_no_shows (self->report);

    g_string_append_printf (state, "report.no_shows=%s %s\n", no_shows, mp_report_get_no_shows_caption (self->report));
  }
  /* the answers as shown: each question's heading, then its rows */
  for (guint k = 0; k < MP_N_ANSWER_KINDS; k++)
    if (gtk_widget_get_visible (self->answer_headings[k]))
      {
        GtkWidget *row;
        guint n = 0;

        for (row = gtk_widget_get_first_child (GTK_WIDGET (self->answer_lists[k])); row != NULL; row = gtk_widget_get_next_sibling (row))
          n++;
        g_string_append_printf (state, "report.answers.%s=%u\n", gtk_label_get_text (GTK_LABEL (self->answer_headings[k])), n);
      }
  g_string_append_printf (state, "report.organisations=%u\n", mp_report_get_n_organisations (self->report));
  g_string_append_printf (state, "report.rows=%s\n", self->rows_tick != 0 ? "adding" : "complete");
  g_string_append_printf (state, "report.organisations_listed=%u\n", self->organisations_listed);
  g_string_append_printf (state, "report.dark=%d\n", adw_style_manager_get_dark (adw_style_manager_get_default ()));
  if (self->last_export != NULL)
    g_string_append_printf (state, "report.exported=%s\n", self->last_export);
  if (self->last_error != NULL)
    g_string_append_printf (state, "report.export_error=%s\n", self->last_error);
}
