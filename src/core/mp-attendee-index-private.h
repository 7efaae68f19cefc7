#pragma once

#include "mp-attendee-index.h"

G_BEGIN_DECLS

/* Used by the store, which runs the query. Rows come in any order, each
 * with its person's sort key; _mp_attendee_index_seal() puts them in
 * name order (sort key, then registration id) and sorts the dictionary. */
MpAttendeeIndex *_mp_attendee_index_new      (gint64           event_id,
                                              gint64           revision);
void             _mp_attendee_index_add      (MpAttendeeIndex *self,
                                              gint64           registration_id,
                                              const void      *sort_key,
                                              gsize            sort_key_length,
                                              const char      *name,
                                              const char      *email,
                                              gint64           organisation_id);
/* An organisation's words are folded once, then shared by its people:
 * add it before the first row that names it (0 = none). */
gboolean         _mp_attendee_index_has_organisation (MpAttendeeIndex *self,
                                                      gint64           organisation_id);
void             _mp_attendee_index_add_organisation (MpAttendeeIndex *self,
                                                      gint64           organisation_id,
                                                      const char      *name);
void             _mp_attendee_index_seal     (MpAttendeeIndex *self);
gint64           _mp_attendee_index_get_revision (MpAttendeeIndex *self);

G_END_DECLS
