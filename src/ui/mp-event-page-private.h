/* mp-event-page-private.h: shared by mp-event-page.c (the page: its
 * figures, search, filter and list), mp-event-page-actions.c (what a
 * person does on it: the event-page.* actions) and mp-event-page-debug.c
 * (what tests read, and the search's timing) */
#pragma once

#include "mp-attendee-filter.h"
#include "mp-attendee-view.h"
#include "mp-event-page.h"
#include "mp-export-dialog.h"
#include "mp-import-dialog.h"
#include "mp-mailing-dialog.h"
#include "mp-registration-editor.h"
#include "mp-send-tickets-dialog.h"

G_BEGIN_DECLS

/* Acting on more people at once by hand is a job for an import. */
#define MP_EVENT_PAGE_MAX_SELECTED_ACTION 100

struct _MpEventPage
{
  AdwBin                parent_instance;

  MpStore              *store;
  GSettings            *settings;
  MpEvent              *event;
  MpAttendeeList       *attendees;
  guint                 n_twice;     /* tickets admitted twice while offline */
  gboolean              loading;     /* in mp_event_page_load () */
  char                 *desk_name;
  guint                 poll_id;
  gint64                data_version;
  gboolean              fresh;       /* loaded since last shown: no refresh on map */
  gint64                key_time;    /* MP_DEBUG_TIMING: the last edit of the search */
  MpEventCounts         counts;      /* as the header shows them */
  MpAttendeeFilter     *filter;
  MpImportDialog       *import_dialog;        /* weak */
  MpRegistrationEditor *registration_editor;  /* weak */
  MpSendTicketsDialog  *send_tickets_dialog;  /* weak */
  MpExportDialog       *export_dialog;        /* weak */
  MpMailingDialog      *mailing_dialog;       /* weak */

  /* Template widgets */
  GtkLabel             *title_label;
  GtkLabel             *details_label;
  GtkLabel             *summary_label;
  GtkWidget            *arrived_box;
  GtkLabel             *arrived_label;
  GtkWidget            *twice_box;       /* admitted twice while offline */
  GtkLabel             *twice_label;
  GtkWidget            *search_strip;
  GtkSearchEntry       *search_entry;
  GtkLabel             *matches_label;
  GtkMenuButton        *filter_button;
  GtkStack             *list_stack;
  MpAttendeeView       *attendee_view;
  GtkActionBar         *selection_bar;
  GtkLabel             *selection_label;
  GtkWidget            *move_up_button;
};

/* mp-event-page.c */
void        _mp_event_page_refresh         (MpEventPage  *self);
void        _mp_event_page_update_header   (MpEventPage  *self);
/* The window the page is in, for a dialog to stand in front of (NULL:
 * none yet). */
GtkWindow  *_mp_event_page_get_window      (MpEventPage  *self);
const char *_mp_event_page_get_desk_name   (MpEventPage  *self);
/* Everyone shown again: no search, no filter. */
void        _mp_event_page_clear_search_and_filter (MpEventPage *self);

/* mp-event-page-actions.c */
void        _mp_event_page_class_actions_init (MpEventPageClass *klass);
void        _mp_event_page_edit_attendee   (MpEventPage  *self,
                                            MpAttendee   *attendee);

/* mp-event-page-debug.c */
void        _mp_event_page_timing_edited   (MpEventPage  *self);
void        _mp_event_page_timing_searched (MpEventPage  *self,
                                            gint64        started_us);

G_END_DECLS
