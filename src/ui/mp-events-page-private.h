/* mp-events-page-private.h: shared by mp-events-page.c (the events) and
 * mp-events-page-debug.c (what tests read) */
#pragma once

#include "mp-event-overview.h"
#include "mp-events-page.h"

G_BEGIN_DECLS

struct _MpEventsPage
{
  AdwBin                parent_instance;

  MpStore              *store;
  GListStore           *today;
  GListStore           *upcoming;
  GListStore           *past;
  /* Events the user deleted whose undo toast is still up: hidden from the
   * list, deleted from the store when the toast goes. id → title */
  GHashTable           *pending_deletes;
  /* Another desk or the command line changed the file: read it again. */
  guint                 poll_id;
  gint64                data_version;
  /* The event shown beside the list in a wide window (0: none), kept
   * across reloads; and that the lists are being rebuilt. */
  gint64                selected_id;
  gboolean              reloading;
  gboolean              has_examples;

  /* Template widgets */
  AdwLeaflet           *leaflet;
  GtkWidget            *list_pane;
  AdwHeaderBar         *list_header;
  MpEventOverview       *summary;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  AdwPreferencesGroup  *today_group;
  AdwPreferencesGroup  *upcoming_group;
  AdwPreferencesGroup  *past_group;
  GtkListBox           *today_list;
  GtkListBox           *upcoming_list;
  GtkListBox           *past_list;
  GtkWidget            *create_button;
};

G_END_DECLS
