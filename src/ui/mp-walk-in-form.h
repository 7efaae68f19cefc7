/* mp-walk-in-form.h: registering someone who came without a ticket
 *
 * One form for the desk and the kiosk: name, organisation, a sector to
 * tap, e-mail, the two consents (follow-up, photos), a line that says
 * what is wrong, and Register and Check In / Cancel. The words follow
 * :audience (the volunteer types for someone at the desk, the attendee
 * for themselves at the kiosk, with larger touch targets and sectors in
 * their own language). Enter in a field or Register emits "submitted";
 * the page that holds the form then calls mp_walk_in_form_register ()
 * and checks the new attendee in.
 */
#pragma once

#include <gtk/gtk.h>

#include "mp-audience.h"
#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_WALK_IN_FORM (mp_walk_in_form_get_type ())

G_DECLARE_FINAL_TYPE (MpWalkInForm, mp_walk_in_form, MP, WALK_IN_FORM, GtkWidget)

GtkWidget  *mp_walk_in_form_new            (MpAudience     audience);

MpAudience  mp_walk_in_form_get_audience   (MpWalkInForm  *self);
void        mp_walk_in_form_set_audience   (MpWalkInForm  *self,
                                            MpAudience     audience);
/* The sectors to choose from come from @store. */
void        mp_walk_in_form_set_store      (MpWalkInForm  *self,
                                            MpStore       *store);

/* What is typed and chosen (also the properties "name", "organisation",
 * "email", "sector" (its name in the data), "consent-followup",
 * "consent-photo"); the strings as typed. */
const char *mp_walk_in_form_get_name       (MpWalkInForm  *self);
void        mp_walk_in_form_set_name       (MpWalkInForm  *self,
                                            const char    *name);
const char *mp_walk_in_form_get_sector     (MpWalkInForm  *self);
/* What the form says is wrong, or NULL; and where it says it: "name"
 * (a missing name, at the field) or "form" (below the fields). */
const char *mp_walk_in_form_get_error      (MpWalkInForm  *self);
const char *mp_walk_in_form_get_error_field (MpWalkInForm *self);
void        mp_walk_in_form_show_error     (MpWalkInForm  *self,
                                            const char    *message);

/* Empties every field and hides the error. */
void        mp_walk_in_form_clear          (MpWalkInForm  *self);
/* The focus in the name field, the cursor at its end. */
void        mp_walk_in_form_focus_name     (MpWalkInForm  *self);
/* The form comes into sight: scrolled to the top, the focus on Name. */
void        mp_walk_in_form_open           (MpWalkInForm  *self);
/* Nothing typed or chosen. */
gboolean    mp_walk_in_form_is_empty       (MpWalkInForm  *self);
/* How far the form is scrolled down (0: at the top). */
double      mp_walk_in_form_get_scroll     (MpWalkInForm  *self);

/* Registers the person the form describes for @event_id, as a desk or
 * kiosk registration (by :audience), and returns the attendee (not yet
 * checked in). NULL with @error when not: MP_ERROR_INVALID (no name, an
 * address that is not one: the form says so itself), MP_ERROR_EXISTS
 * (registered before) or what the database said. */
MpAttendee *mp_walk_in_form_register       (MpWalkInForm  *self,
                                            MpStore       *store,
                                            gint64         event_id,
                                            GError       **error);

/* Which field has the keyboard focus: "name", "organisation", "sector",
 * "email", "followup", "photo", or NULL (none of them). */
const char *mp_walk_in_form_get_focus_field (MpWalkInForm *self);

/* The Register button (where a test touches it). */
GtkWidget  *mp_walk_in_form_get_register_button (MpWalkInForm *self);

/* Signals:
 *   void submitted (MpWalkInForm *self)   Register, or Enter in a field
 *   void cancelled (MpWalkInForm *self)   Cancel                        */

G_END_DECLS
