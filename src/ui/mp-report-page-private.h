/* mp-report-page-private.h: shared by mp-report-page.c (the report on
 * screen) and mp-report-page-debug.c (what tests read, and how long the
 * window went unanswered while a report was counted and shown) */
#pragma once

#include "mp-report.h"
#include "mp-report-page.h"

G_BEGIN_DECLS

typedef struct _MpReportPageTiming MpReportPageTiming;

struct _MpReportPage
{
  GtkWidget             parent_instance;

  MpStore              *store;
  MpReport             *report;        /* NULL while counting */
  gint64                event_id;      /* shown or being counted */
  char                 *title;
  GCancellable         *cancellable;   /* cancelled when the page goes */
  GCancellable         *load_cancellable;  /* the count under way */
  char                 *load_error;

  /* The lists are built a few rows a frame, so that showing a report
   * never holds the window for long: the next organisation (index of
   * the first of its sector) and the next answer still to add. */
  guint                 rows_tick;
  gboolean              rows_skip_frame;
  guint                 next_organisation;
  guint                 next_answer_kind;
  guint                 next_answer;
  guint                 organisations_listed;  /* rows made in opened sectors */
  guint                 organisations_adding;  /* sectors still adding theirs */
  char                 *last_export;   /* for MP_DEBUG_STATE */
  char                 *last_error;

  MpReportPageTiming   *timing;        /* MP_DEBUG_TIMING: mp-report-page-debug.c */

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkWidget            *export_button;
  GtkStack             *content_stack;
  GtkSpinner           *spinner;
  AdwStatusPage        *error_status;
  GtkLabel             *title_label;
  GtkLabel             *date_label;
  GtkLabel             *arrivals_heading;
  GtkFlowBox           *stats_box;
  GtkDrawingArea       *sector_chart;
  GtkDrawingArea       *arrival_chart;
  AdwPreferencesGroup  *organisations_group;
  GtkListBox           *organisations_list;
  AdwPreferencesGroup  *answers_group;
  /* grouped by question, as in the PDF: a heading and a list each */
  GtkWidget            *answer_headings[MP_N_ANSWER_KINDS];
  GtkListBox           *answer_lists[MP_N_ANSWER_KINDS];
};

/* mp-report-page-debug.c (MP_DEBUG_TIMING; nothing without it) */
void _mp_report_page_timing_start (MpReportPage *self);
void _mp_report_page_timing_stop  (MpReportPage *self);
/* The report is on the page (@shown_at: when its filling began). */
void _mp_report_page_timing_shown (MpReportPage *self,
                                   gint64        shown_at);

G_END_DECLS
