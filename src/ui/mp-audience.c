#define G_LOG_DOMAIN "mp-audience"

#include "config.h"

#include "mp-audience.h"

G_DEFINE_ENUM_TYPE (MpAudience, mp_audience,
                    G_DEFINE_ENUM_VALUE (MP_AUDIENCE_DESK, "desk"),
                    G_DEFINE_ENUM_VALUE (MP_AUDIENCE_ATTENDEE, "attendee"))
