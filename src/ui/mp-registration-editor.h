/* mp-registration-editor.h: the dialog that registers a person by hand */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_REGISTRATION_EDITOR (mp_registration_editor_get_type ())

G_DECLARE_FINAL_TYPE (MpRegistrationEditor, mp_registration_editor, MP, REGISTRATION_EDITOR, AdwWindow)

/* Emits "added" with the new MpAttendee, then closes. */
MpRegistrationEditor *mp_registration_editor_new (MpStore *store,
                                                  gint64   event_id);

G_END_DECLS
