/* mp-events-page.h: the list of events, upcoming first */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_EVENTS_PAGE (mp_events_page_get_type ())

G_DECLARE_FINAL_TYPE (MpEventsPage, mp_events_page, MP, EVENTS_PAGE, AdwBin)

MpStore  *mp_events_page_get_store               (MpEventsPage *self);
void      mp_events_page_set_store               (MpEventsPage *self,
                                                  MpStore      *store);
/* Reads the events and their counts again. */
void      mp_events_page_reload                  (MpEventsPage *self);
/* Puts the keyboard focus on the first event, ready for Enter. */
void      mp_events_page_focus_list              (MpEventsPage *self);
/* Opens the editor on a new event. */
void      mp_events_page_new_event               (MpEventsPage *self);
/* Deletes at once the events still waiting for their undo toast to go. */
void      mp_events_page_commit_pending_deletes  (MpEventsPage *self);
/* One line per event shown, for tests (MP_DEBUG_STATE). */
void      mp_events_page_describe                (MpEventsPage *self,
                                                  GString      *out);

G_END_DECLS
