/* mp-attendee-view.h: the event's attendees as a table
 *
 * A GtkColumnView over an MpAttendeeList (name, organisation, sector,
 * status, arrival) that stays quick at 100,000 attendees:
 *  - cells are GtkInscriptions filled from MpAttendeeRows, whose rows
 *    stand for positions and are given another attendee when the list
 *    changes (src/ui/mp-attendee-rows.h): nothing is measured again;
 *  - a new event shows the rows in sight first and the rest a frame
 *    later; a list that grows (a search cleared) grows the same way
 *    (mp_attendee_view_hold_growth ());
 *  - the column headers sort through the core list, not a sort model
 *    (which would read every attendee): GTK 4.8 does not say which
 *    column its sorter sorts by, so each column's sorter tells when
 *    asked to compare.
 * The selection is of positions; mp_attendee_view_save_selection () and
 * _restore_selection () keep it with the people across a change.
 */
#pragma once

#include <gtk/gtk.h>

#include "mp-admissions.h"
#include "mp-attendee-list.h"

G_BEGIN_DECLS

#define MP_TYPE_ATTENDEE_VIEW (mp_attendee_view_get_type ())

G_DECLARE_FINAL_TYPE (MpAttendeeView, mp_attendee_view, MP, ATTENDEE_VIEW, GtkWidget)

GtkWidget      *mp_attendee_view_new               (void);

/* Shows @attendees, sorted as the column headers say. With @new_event
 * the headers go back to name order and the first frame shows only the
 * rows in sight. */
void            mp_attendee_view_set_attendees     (MpAttendeeView *self,
                                                    MpAttendeeList *attendees,
                                                    gboolean        new_event);
MpAttendeeList *mp_attendee_view_get_attendees     (MpAttendeeView *self);
/* Drops the list (another database). */
void            mp_attendee_view_clear             (MpAttendeeView *self);

/* Before the list is searched or filtered anew: back to the top. */
void            mp_attendee_view_scroll_to_top     (MpAttendeeView *self);
/* Before a change that may make the list longer: its new rows come
 * after the frame that answers the key. */
void            mp_attendee_view_hold_growth       (MpAttendeeView *self);

/* The registration ids selected now, to select them again after the
 * list changed (a set of gint64). */
GHashTable     *mp_attendee_view_save_selection    (MpAttendeeView *self);
void            mp_attendee_view_restore_selection (MpAttendeeView *self,
                                                    GHashTable     *registration_ids);
guint           mp_attendee_view_get_n_selected    (MpAttendeeView *self);
/* The selected attendees, at most @max of them, in list order. */
GPtrArray      *mp_attendee_view_dup_selected      (MpAttendeeView *self,
                                                    guint           max);

/* The event's tickets admitted twice while desks were apart
 * (MpDoubleAdmission, from mp_store_list_double_admissions (); NULL:
 * none): their arrival cells show a warning and say both admissions in
 * the tooltip. Set it before the list is (re)loaded: cells are filled
 * as their rows get their attendees. */
void            mp_attendee_view_set_admitted_twice (MpAttendeeView *self,
                                                     GPtrArray      *admissions);
gboolean        mp_attendee_view_is_admitted_twice  (MpAttendeeView *self,
                                                     gint64          registration_id);

/* Selects the row of @registration_id and scrolls it into sight;
 * FALSE when the list does not show it (a search or filter hides it). */
gboolean        mp_attendee_view_show_registration (MpAttendeeView *self,
                                                    gint64          registration_id);

/* Properties:
 *   name-order  "family" (the Norwegian surname order, the default) or
 *               "given" (by first name): what the Name column sorts by;
 *               also chosen in the column's menu.
 *
 * Signals:
 *   void activate          (MpAttendeeView *self, MpAttendee *attendee)
 *     a row was double-clicked or Enter pressed on it
 *   void selection-changed (MpAttendeeView *self)
 *   void sorted            (MpAttendeeView *self)
 *     a column header sorted the list                                  */

G_END_DECLS
