/* mp-store-private.h: what the files of the store share, and the rules
 * other core modules must not write a second time
 *
 * MpStore is one type in several files, split by concern as Epiphany
 * splits its history service (src/README.md has the map):
 *
 *   mp-store.c            the object, sectors, events and their counts,
 *                         the audit log and the names revision
 *   mp-store-attendees.c  attendees, the search index and its prefetch
 *   mp-store-register.c   registration: people, organisations, consents
 *   mp-store-import.c     the bulk import
 *   mp-store-checkin.c    check-in and undo
 *   mp-privacy.c          consents, access requests and erasure
 *
 * Nothing outside src/core/ includes this header. Every function here
 * runs inside the caller's transaction when there is one, and none of
 * them begins or ends a transaction of its own unless it says so.
 */
#pragma once

#include <sqlite3.h>

#include "mp-attendee-index.h"
#include "mp-database-private.h"
#include "mp-store.h"

G_BEGIN_DECLS

typedef struct _MpStorePrefetch MpStorePrefetch;

struct _MpStore
{
  GObject          parent_instance;

  MpDatabase      *database;
  GHashTable      *indexes;     /* event id → MpAttendeeIndex */
  GHashTable      *sector_ids;  /* folded name or alias → sector id */
  MpStorePrefetch *prefetch;    /* an index being read on a worker, or NULL */
};

/* A cached statement named stmt, or return FALSE (with @error set) from
 * the function that uses it. */
#define _MP_STORE_PREPARE(sql) \
  sqlite3_stmt *stmt = _mp_database_prepare_cached (self->database, sql, error); \
  if (stmt == NULL) \
    return FALSE

/* Errors, each always returning FALSE. */
gboolean   _mp_store_fail              (MpStore     *self,
                                        int          rc,
                                        GError     **error);
gboolean   _mp_store_not_found         (GError     **error,
                                        const char  *message);
gboolean   _mp_store_no_such_event     (GError     **error,
                                        gint64       event_id);

/* SQL every file agrees on */

/* The database keeps, by triggers (mp-schema.h, migration 5), whoever
 * writes:
 *   registration.checkin_id  a registration's current check-in, the one
 *                            that counts (not an undo, not undone; of two
 *                            admitted while desks were apart, the
 *                            earliest: mp-admissions.h), or NULL;
 *   event_counts             an event's counts, one row per event.
 * Readers use those and never work them out again. */

/* The counts' columns of event_counts n, in the order
 * _mp_store_counts_from_row() reads them (NULL as 0: no row yet). */
#define MP_STORE_EVENT_COUNTS_COLUMNS \
  " coalesce (n.registered, 0), coalesce (n.arrived, 0)," \
  " coalesce (n.waitlisted, 0), coalesce (n.cancelled, 0)," \
  " coalesce (n.walk_ins, 0)"

void       _mp_store_counts_from_row   (sqlite3_stmt   *stmt,
                                        int             first,
                                        MpEventCounts  *counts);

/* A check-in that stands: it is not an undo and has not been undone
 * (of a registration's, the current one is the one that counts). */
#define MP_STORE_CHECKIN_STANDS(c) \
  "(" c ".undoes IS NULL AND NOT EXISTS (SELECT 1 FROM checkin u WHERE u.undoes = " c ".id))"

/* A row (registration, person, consent, organisation) that is not part
 * of an unfinished import batch (mp-import-batch.h): every reader of
 * registrations and consents leaves those out. */
#define MP_STORE_SETTLED(row) \
  "(" row ".batch IS NULL OR " row ".batch NOT IN (SELECT id FROM import_batch))"

/* Waits for a prefetch under way and drops what it read: the store
 * leaves no worker and no connection behind. */
void        _mp_store_prefetch_wait    (MpStore *self);

/* Shared rules: one home each */

/* The audit log: that @action happened at @at (mp_time_now() for now),
 * about @subject (a uuid, never a name), at @desk, with @detail. Each
 * of @subject, @desk, @detail may be NULL. */
gboolean   _mp_store_audit             (MpStore     *self,
                                        gint64       at,
                                        const char  *action,
                                        const char  *subject,
                                        const char  *desk,
                                        const char  *detail,
                                        GError     **error);

/* Inside every transaction that adds, removes, renames or erases people
 * or registrations, so that every desk's search index (this process's
 * and other programs' on the same file) notices and is rebuilt. */
gboolean   _mp_store_bump_names_revision (MpStore  *self,
                                          GError  **error);
/* The number _mp_store_bump_names_revision() changes. */
gboolean   _mp_store_names_revision    (MpStore   *self,
                                        gint64    *out_revision,
                                        GError   **error);

/* The organisation called @name (normalised already; matched folded:
 * case and accents ignored), created with @sector_id (0: none) when
 * there is none. *@out_id is 0 for an empty name. Without @create (an
 * import's dry run, which must not write) a new organisation gets a
 * negative id of its own instead, distinct per folded name as long as
 * the same @cache is used. @cache (folded name → id, may be NULL)
 * remembers what was found. (mp-store-register.c) */
gboolean   _mp_store_organisation_for  (MpStore     *self,
                                        const char  *name,
                                        gint64       sector_id,
                                        gboolean     create,
                                        GHashTable  *cache,
                                        gint64      *out_id,
                                        GError     **error);

/* What an erasure blanks (mp-privacy.c), for erase-person and retention
 * alike: of every person whose id @people selects, the answers of all
 * their registrations are cleared and their consents deleted; those not
 * erased yet lose name, e-mail, phone and their keys, and are marked
 * erased at @at. The registrations, check-ins and organisations stay, so
 * the counts do too. @people is a static SQL SELECT of person ids with
 * ?1 bound to @people_arg ("SELECT ?1" for one person). *@out_erased,
 * if not NULL, says how many people were newly erased. The caller bumps
 * the names revision and writes the audit log. */
gboolean   _mp_store_blank_people      (MpStore     *self,
                                        const char  *people,
                                        gint64       people_arg,
                                        gint64       at,
                                        guint       *out_erased,
                                        GError     **error);

/* Records a consent of @kind ("followup", "photo") when @answer is yes
 * and the person has no active one. *@out_recorded tells whether a row
 * was added. (mp-store-register.c) */
gboolean   _mp_store_record_consent    (MpStore         *self,
                                        gint64           person_id,
                                        gint64           registration_id,
                                        const char      *kind,
                                        MpConsentAnswer  answer,
                                        const char      *source,
                                        gboolean        *out_recorded,
                                        GError         **error);

/* Registration pieces the import reuses (mp-store-register.c) */

/* A person's fields as they are stored, tidied. */
typedef struct
{
  char   *name;
  char   *email;
  char   *email_key;
  char   *phone;
  char   *organisation;
  char   *name_key;
  gint64  organisation_id;
  gint64  sector_id;
} MpPersonFields;

void       _mp_person_fields_clear     (MpPersonFields *fields);

/* Name, e-mail and phone as every registration needs them: tidied, and
 * refused (MP_ERROR_INVALID) when there is no name or the address is not
 * one. Fills those fields of @fields (zeroed first) and no others. */
gboolean   _mp_store_prepare_contact   (const MpRegistrationInput  *input,
                                        MpPersonFields             *fields,
                                        GError                    **error);
/* The sector @text names (mp_store_find_sector(): aliases too), after
 * normalising its spaces; 0 for none given. MP_ERROR_INVALID when it
 * names none. */
gboolean   _mp_store_sector_for        (MpStore     *self,
                                        const char  *text,
                                        gint64      *out_id,
                                        GError     **error);
/* "folded name|folded organisation", how people without e-mail are
 * matched: @name is folded here, @folded_organisation (mp_text_fold ())
 * already is, as an import folds each organisation once. */
char      *_mp_store_name_key          (const char *name,
                                        const char *folded_organisation);
/* A known person gets what they did not have yet (e-mail, phone,
 * organisation, sector); nothing is overwritten. */
gboolean   _mp_store_complete_person   (MpStore         *self,
                                        gint64           person_id,
                                        MpPersonFields  *fields,
                                        GError         **error);

G_END_DECLS
