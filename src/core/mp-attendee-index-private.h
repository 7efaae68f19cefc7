#pragma once

#include "mp-attendee-index.h"

G_BEGIN_DECLS

/* Used by the store, which runs the query. Rows must be added in name
 * order; then _mp_attendee_index_seal() sorts the dictionary. */
MpAttendeeIndex *_mp_attendee_index_new      (gint64           event_id,
                                              gint64           revision);
void             _mp_attendee_index_add      (MpAttendeeIndex *self,
                                              gint64           registration_id,
                                              const char      *name,
                                              const char      *organisation,
                                              const char      *email);
void             _mp_attendee_index_seal     (MpAttendeeIndex *self);
gint64           _mp_attendee_index_get_revision (MpAttendeeIndex *self);

G_END_DECLS
