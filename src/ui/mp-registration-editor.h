/* mp-registration-editor.h: the dialog that registers a person by hand,
 * or edits a registration and shows its check-in history */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_REGISTRATION_EDITOR (mp_registration_editor_get_type ())

G_DECLARE_FINAL_TYPE (MpRegistrationEditor, mp_registration_editor, MP, REGISTRATION_EDITOR, AdwWindow)

/* Emits "added" with the new MpAttendee, then closes. */
MpRegistrationEditor *mp_registration_editor_new (MpStore *store,
                                                  gint64   event_id);
/* Edits @attendee's registration: emits "saved" with the attendee as
 * saved, then closes; "cancel-requested" with @attendee when the person
 * asks to cancel the registration (the page cancels it, with an undo). */
MpRegistrationEditor *mp_registration_editor_new_for_attendee (MpStore    *store,
                                                               MpAttendee *attendee);
/* For tests and MP_DEBUG_STATE: "editor=…" lines. */
void                  mp_registration_editor_describe (MpRegistrationEditor *self,
                                                       GString              *out);

G_END_DECLS
