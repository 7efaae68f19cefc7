/* mp-desk-page-private.h: shared by mp-desk-page.c (the desk) and
 * mp-desk-page-debug.c (what tests read and the timing log) */
#pragma once

#include "mp-badge-notice.h"
#include "mp-check-in-answer.h"
#include "mp-desk-page.h"
#include "mp-desk-search.h"
#include "mp-scan-capture.h"
#include "mp-walk-in-form.h"

G_BEGIN_DECLS

/* The test and timing hooks, kept out of the desk: mp-desk-page-debug.c. */
typedef struct _MpDeskPageDebug MpDeskPageDebug;

struct _MpDeskPage
{
  AdwBin               parent_instance;

  MpStore             *store;
  MpEvent             *event;
  GSettings           *settings;
  char                *desk_name;
  MpScanCapture       *capture;
  GCancellable        *cancellable;

  guint                poll_source;
  gint64               data_version;
  MpEventCounts        counts;
  gboolean             have_counts;

  gint64               undo_checkin_id;
  char                *undo_name;
  gboolean             undo_walk_in;

  /* A refusal the desk may overrule (waiting list, cancelled): whom. */
  gint64               admit_registration_id;
  char                *admit_name;

  MpDeskPageDebug     *debug;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkWidget           *undo_button;
  AdwButtonContent    *undo_content;
  GtkStack            *main_stack;
  MpCheckInAnswer     *answer;
  GtkWidget           *admit_button;
  GtkRevealer         *banner_revealer;
  MpCheckInAnswer     *banner;
  GtkWidget           *banner_admit_button;
  MpBadgeNotice       *badge_notice;
  GtkLabel            *arrived_label;
  GtkLabel            *walk_ins_label;
  MpDeskSearch        *search;
  MpWalkInForm        *walk_in_form;
};

/* The walk-in form fills the answer's place. */
gboolean         _mp_desk_page_walk_in_shown   (MpDeskPage      *self);

const char      *_mp_desk_page_get_desk_name   (MpDeskPage      *self);

MpDeskPageDebug *_mp_desk_page_debug_new       (void);
void             _mp_desk_page_debug_free      (MpDeskPageDebug *debug);
/* A scan (or a pick from the name search) starts: @started_us when its
 * Return was handled, @key_time the X server's stamp of it (0: none). */
void             _mp_desk_page_timing_start    (MpDeskPage      *self,
                                                gint64           started_us,
                                                guint32          key_time,
                                                glong            chars);
/* The check-in is committed. */
void             _mp_desk_page_timing_committed (MpDeskPage     *self);
/* The answer is set: logged when its frame is painted (MP_DEBUG_TIMING). */
void             _mp_desk_page_timing_answered (MpDeskPage      *self,
                                                const char      *outcome);

G_END_DECLS
