/* mp-audience.h: who reads a widget shared by the desk and the kiosk
 *
 * The check-in answer and the walk-in form are one widget each for the
 * desk and the kiosk; their words differ by who reads them: the
 * volunteer at the desk ("Welcome, Kari Nordmann", what to do next) or
 * the attendee at the kiosk ("Welcome, Kari Nordmann!", where to go).
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  MP_AUDIENCE_DESK,      /* the volunteer or organiser at the desk */
  MP_AUDIENCE_ATTENDEE,  /* the person checking themselves in at the kiosk */
} MpAudience;

#define MP_TYPE_AUDIENCE (mp_audience_get_type ())

/* Marks a string the attendee reads (N_ for the attendee's words): the
 * program's template takes them as any other, and tests/po/check-po.sh
 * checks that Ukrainian and Arabic translate every one of them. */
#define NA_(String) (String)

GType mp_audience_get_type (void) G_GNUC_CONST;

G_END_DECLS
