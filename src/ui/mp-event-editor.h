/* mp-event-editor.h: the dialog that creates or edits an event */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_EVENT_EDITOR (mp_event_editor_get_type ())

G_DECLARE_FINAL_TYPE (MpEventEditor, mp_event_editor, MP, EVENT_EDITOR, AdwWindow)

typedef enum
{
  MP_EVENT_EDITOR_CREATE,     /* a new event */
  MP_EVENT_EDITOR_EDIT,       /* change @event */
  MP_EVENT_EDITOR_DUPLICATE,  /* a new event like @event, a month later */
} MpEventEditorMode;

/* @event is NULL for a new, empty event. Emits "saved" with the stored
 * event, then closes. */
MpEventEditor *mp_event_editor_new (MpStore           *store,
                                    MpEvent           *event,
                                    MpEventEditorMode  mode);

G_END_DECLS
