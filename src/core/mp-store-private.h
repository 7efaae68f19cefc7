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
#include "mp-text.h"

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

/* The database keeps, by triggers (mp-schema.h, migration 6), whoever
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
/* The same on a connection without a store: the hub's worker applying
 * an erasure made elsewhere (its answers and consents go here too). */
gboolean   _mp_privacy_blank_people    (MpDatabase  *database,
                                        const char  *people,
                                        gint64       people_arg,
                                        gint64       at,
                                        guint       *out_erased,
                                        GError     **error);

/* Consent is given and withdrawn by acts with a time, and a withdrawal
 * stands until a later act gives consent again (DESIGN.md). What a "yes"
 * does, for register and import alike: */
typedef enum
{
  MP_CONSENT_DECISION_NOTHING,     /* not a yes, or a consent stands already */
  MP_CONSENT_DECISION_GIVE,        /* never withdrawn, or answered later */
  MP_CONSENT_DECISION_NOT_LATER,   /* answered, but not after the withdrawal */
  MP_CONSENT_DECISION_UNDATED,     /* withdrawn, and the answer has no time */
} MpConsentDecision;

/* @active: the person has this consent now; @last_withdrawn: when they
 * last withdrew it (0: never); @answered_at: when the yes was given (0:
 * not known; re-reading an old file is no act). */
MpConsentDecision _mp_store_consent_decide (MpConsentAnswer  answer,
                                            gboolean         active,
                                            gint64           last_withdrawn,
                                            gint64           answered_at);
/* The code stored in consent.not_granted for a decision not to give. */
const char *_mp_store_consent_not_granted_code (MpConsentDecision decision);

/* Records what @answer does to the consent of @kind ("followup",
 * "photo"): a new consent, or a row saying why it was not given again
 * (once per withdrawal and answer time), or nothing. With @by_hand (the
 * organiser, now) a yes always gives. *@out_recorded tells whether a
 * consent was given. (mp-store-register.c) */
gboolean   _mp_store_record_consent    (MpStore         *self,
                                        gint64           person_id,
                                        gint64           registration_id,
                                        const char      *kind,
                                        MpConsentAnswer  answer,
                                        const char      *source,
                                        gint64           answered_at,
                                        gboolean         by_hand,
                                        gboolean        *out_recorded,
                                        GError         **error);

/* Registration pieces the import reuses (mp-store-register.c) */

/* A person's fields as they are stored, tidied. */
typedef struct
{
  char   *name;
  char   *given_name;    /* NULL when not known (mp-person-name.h) */
  char   *family_name;
  char   *email;
  char   *email_key;
  char   *phone;
  char   *organisation;
  char   *name_key;
  gint64  organisation_id;
  gint64  sector_id;
} MpPersonFields;

void       _mp_person_fields_clear     (MpPersonFields *fields);

/* Every text of a registration goes in through here, from the window,
 * the desk, the kiosk, the command line and the import alike: cleaned of
 * control characters and terminal escapes and held to its field's
 * length (mp_text_clean_field(), MP_ERROR_INVALID when longer). *@out is
 * NULL for NULL, and may be "" (not given). */
gboolean   _mp_store_clean_text        (const char   *text,
                                        MpTextField   field,
                                        char        **out,
                                        GError      **error);

/* Capacity is a promise: a new registration asking for @asked gets the
 * waiting list instead when the event (of @capacity places, -1 for no
 * limit) already has @registered, unless @over_capacity. */
MpRegistrationStatus _mp_store_status_within_capacity (MpRegistrationStatus  asked,
                                                       gboolean              over_capacity,
                                                       int                   capacity,
                                                       guint                 registered);

/* The answers of a registration, cleaned as above. */
typedef struct
{
  char *dietary;
  char *accessibility;
  char *interpreter;
  char *note;
} MpAnswerFields;

gboolean   _mp_store_prepare_answers   (const MpRegistrationInput  *input,
                                        MpAnswerFields             *answers,
                                        GError                    **error);
void       _mp_answer_fields_clear     (MpAnswerFields             *answers);

/* Name, e-mail and phone as every registration needs them: cleaned, and
 * refused (MP_ERROR_INVALID) when there is no name or the address is not
 * one. Fills those fields of @fields (zeroed first) and no others. */
gboolean   _mp_store_prepare_contact   (const MpRegistrationInput  *input,
                                        MpPersonFields             *fields,
                                        GError                    **error);
/* The sector @text names (mp_store_find_sector(): aliases too), after
 * cleaning; 0 for none given. MP_ERROR_INVALID when it
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
