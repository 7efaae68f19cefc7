/* mp-import-batch-private.h: a large import, written in short
 * transactions and still all or nothing
 *
 * The import (mp-import-write.c) writes its rows in chunks, each a write
 * transaction of about a quarter of a second, so that a check-in at the
 * door never waits long for the lock. The first chunk adds a row to
 * import_batch; every row the chunks write (person, organisation,
 * registration, consent) carries its id in a column `batch`, and the
 * hub's capture triggers mark its changes with it (hub_state.importing,
 * set and cleared inside each chunk). While that row is there the batch
 * is unfinished, and:
 *   - every reader of registrations and consents leaves its rows out
 *     (MP_STORE_SETTLED in mp-store-private.h), so no desk lists,
 *     searches, counts or checks in any of them;
 *   - the counts' triggers do not count them (import_batch keeps its
 *     totals instead);
 *   - a desk linked to a hub holds its changes back (a push skips
 *     changes of unfinished batches).
 * The last chunk adds the totals to the event's counts and deletes the
 * row, in the same transaction: the whole file appears at once.
 *
 * A batch that fails, is stopped, or whose process was killed is rolled
 * back, row by row in short transactions, the import_batch row last: by
 * the importer itself, or at the next open of the database (any
 * program's) when the process that wrote it is gone. What it gave
 * people known before (an address, a phone) is taken back from
 * import_completed; a person or organisation it made that someone else
 * has used meanwhile stays; its held changes are dropped, but those of
 * rows that stay are released to the hub.
 */
#pragma once

#include "mp-database-private.h"

G_BEGIN_DECLS

/* The process writing a batch: the boot, the pid and the process's
 * start time, so that a pid used again after a reboot or by another
 * program is not taken for it. */
char      *_mp_import_batch_owner      (void);
/* Whether the process @owner names is still running here. */
gboolean   _mp_import_batch_owner_alive (const char *owner);

/* Inside the caller's write transaction: a new batch for @event_id, or
 * MP_ERROR_BUSY when another program is importing into the event now
 * (a batch of a process that is gone is rolled back first: the caller
 * must not be in a transaction then, so this only looks; see
 * _mp_import_batch_recover ()). */
gboolean   _mp_import_batch_add        (MpDatabase  *db,
                                        gint64       event_id,
                                        gint64      *out_batch,
                                        GError     **error);
/* Inside the caller's transaction: the changes the capture triggers log
 * from now on are @batch's (0: none). */
gboolean   _mp_import_batch_mark       (MpDatabase  *db,
                                        gint64       batch,
                                        GError     **error);
/* Inside the caller's transaction: the batch's new registrations so
 * far, added to its totals. */
gboolean   _mp_import_batch_add_totals (MpDatabase  *db,
                                        gint64       batch,
                                        guint        registered,
                                        guint        waitlisted,
                                        guint        cancelled,
                                        GError     **error);
/* Inside the caller's transaction: what @person_id (known before the
 * import) was given, to be taken back if the batch is rolled back. */
gboolean   _mp_import_batch_journal    (MpDatabase  *db,
                                        gint64       batch,
                                        gint64       person_id,
                                        const char  *email,
                                        const char  *phone,
                                        gint64       organisation_id,
                                        gint64       sector_id,
                                        GError     **error);
/* Inside the caller's transaction: the batch is done; its registrations
 * count, every reader sees them. */
gboolean   _mp_import_batch_finish     (MpDatabase  *db,
                                        gint64       batch,
                                        GError     **error);

/* Outside any transaction: removes everything @batch wrote, in short
 * transactions, then the batch. Safe to run again after a kill. */
gboolean   _mp_import_batch_roll_back  (MpDatabase  *db,
                                        gint64       batch,
                                        GError     **error);
/* Outside any transaction, after @batch finished: its journal goes. */
gboolean   _mp_import_batch_forget     (MpDatabase  *db,
                                        gint64       batch,
                                        GError     **error);
/* Outside any transaction: rolls back the batches whose process is gone
 * (at every open, and before an import), and clears what finished
 * batches left behind. */
gboolean   _mp_import_batch_recover    (MpDatabase  *db,
                                        GError     **error);

G_END_DECLS
