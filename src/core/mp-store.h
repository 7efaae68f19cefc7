/* mp-store.h: events, people, registrations and check-ins
 *
 * The one place that reads and writes Møteplass data. Widgets and the CLI
 * ask the store; they never run SQL.
 */
#pragma once

#include <gio/gio.h>

#include "mp-attendee.h"
#include "mp-attendee-index.h"
#include "mp-check-in-result.h"
#include "mp-database.h"
#include "mp-desk.h"
#include "mp-event.h"
#include "mp-sector.h"

G_BEGIN_DECLS

#define MP_TYPE_STORE (mp_store_get_type ())

G_DECLARE_FINAL_TYPE (MpStore, mp_store, MP, STORE, GObject)

typedef enum
{
  MP_CONSENT_UNKNOWN,  /* the question was not asked */
  MP_CONSENT_NO,
  MP_CONSENT_YES,
} MpConsentAnswer;

/* What is known about one person registering for one event. Strings are
 * owned; empty strings count as "not given". */
typedef struct
{
  char                 *name;
  /* The given and family names, when the source keeps them apart (a
   * form with Fornavn and Etternavn, the window's two fields). Without
   * them the name is split when that is safe (mp_person_name_split());
   * without a name, the name is "Given Family". */
  char                 *given_name;
  char                 *family_name;
  char                 *email;
  char                 *phone;
  char                 *organisation;
  char                 *sector;
  char                 *dietary;
  char                 *accessibility;
  char                 *interpreter;
  /* The organiser's note for the door (what the desk shows on check-in). */
  char                 *note;
  MpConsentAnswer       consent_followup;
  MpConsentAnswer       consent_photo;
  MpRegistrationStatus  status;
  MpRegistrationSource  source;
  /* When the person gave these answers (UTC seconds), as the form's
   * platform records it; 0 when not known. A "yes" gives consent again
   * after a withdrawal only when it is later than the withdrawal (see
   * mp-privacy.h); a registration made by hand (source manual, desk or
   * kiosk) with 0 here is an answer given now. */
  gint64                answered_at;
  /* The organiser lets this person in past the event's capacity; without
   * it a registration past capacity goes to the waiting list. */
  gboolean              over_capacity;
} MpRegistrationInput;

void     mp_registration_input_clear (MpRegistrationInput *input);

MpStore          *mp_store_new                   (MpDatabase *database);
MpDatabase       *mp_store_get_database          (MpStore    *self);

/* Sectors, in their editable order. */
GPtrArray        *mp_store_list_sectors          (MpStore     *self,
                                                  GError     **error);
/* Finds a sector by name, ignoring case and accents, or by a common
 * alias ("NGO", "frivillig", "stat"...). 0 when none matches. */
gint64            mp_store_find_sector           (MpStore     *self,
                                                  const char  *name);

/* Events */
gboolean          mp_store_add_event             (MpStore     *self,
                                                  MpEvent     *event,
                                                  GError     **error);
gboolean          mp_store_update_event          (MpStore     *self,
                                                  MpEvent     *event,
                                                  GError     **error);
gboolean          mp_store_delete_event          (MpStore     *self,
                                                  gint64       event_id,
                                                  GError     **error);
/* The example events (mp_event_get_example()), oldest first: a GArray
 * of gint64 ids. */
GArray           *mp_store_list_example_events   (MpStore     *self,
                                                  GError     **error);
/* Deletes every example event with its registrations and check-ins, in
 * one transaction; *@out_n_deleted (if not NULL) gets how many. */
gboolean          mp_store_delete_example_events (MpStore     *self,
                                                  guint       *out_n_deleted,
                                                  GError     **error);
MpEvent          *mp_store_get_event             (MpStore     *self,
                                                  gint64       event_id,
                                                  GError     **error);
/* Upcoming first (soonest first), then past ones (latest first), with
 * counts filled in. */
GPtrArray        *mp_store_list_events           (MpStore     *self,
                                                  GError     **error);
gboolean          mp_store_get_counts            (MpStore        *self,
                                                  gint64          event_id,
                                                  MpEventCounts  *counts,
                                                  GError        **error);

/* Registrations. A person already known (same e-mail, or same name and
 * organisation) is reused; registering twice for the same event returns
 * the existing registration with MP_ERROR_EXISTS. Texts are cleaned and
 * held to their lengths (mp_text_clean_field()). Capacity is a promise:
 * a registration that would pass the event's capacity goes to the
 * waiting list (the attendee's status says so) unless
 * @input->over_capacity; the same in the import. */
MpAttendee       *mp_store_register              (MpStore                   *self,
                                                  gint64                     event_id,
                                                  const MpRegistrationInput *input,
                                                  GError                   **error);
MpAttendee       *mp_store_get_attendee          (MpStore     *self,
                                                  gint64       registration_id,
                                                  GError     **error);
gboolean          mp_store_set_status            (MpStore              *self,
                                                  gint64                registration_id,
                                                  MpRegistrationStatus  status,
                                                  GError              **error);
/* All of an event's attendees in Norwegian name order. */
GPtrArray        *mp_store_list_attendees        (MpStore     *self,
                                                  gint64       event_id,
                                                  GError     **error);
/* At most @limit attendees whose name, organisation or e-mail has words
 * starting with every word of @query, Norwegian-matched, in name order. */
GPtrArray        *mp_store_search                (MpStore     *self,
                                                  gint64       event_id,
                                                  const char  *query,
                                                  guint        limit,
                                                  GError     **error);

/* The event's attendees in name order, with a search that costs the
 * number of matches. Rebuilt when names change; cached otherwise. */
MpAttendeeIndex  *mp_store_get_attendee_index    (MpStore     *self,
                                                  gint64       event_id,
                                                  GError     **error);
/* Starts building that index on a worker (a GTask) with a read-only
 * connection of its own (mp_database_open_worker()), so that it is
 * ready (or nearly) when mp_store_get_attendee_index() first asks for
 * it: a window opening a large event builds it on the other core while
 * it sets itself up. Nothing happens if a build is already under way or
 * the database is in memory; errors are left to the call that asks.
 * The store waits for the worker only when it needs what it reads, or
 * when it is disposed; no main loop is needed. */
void              mp_store_prefetch_attendee_index (MpStore    *self,
                                                    gint64      event_id);

/* Check-in. Returns NULL only when the database fails (@error says why);
 * every kind of bad scan is an outcome, not an error. Only
 * MP_CHECK_IN_CHECKED_IN writes, and it returns after a durable commit.
 * @desk goes through mp_desk_name_resolve() (NULL: this computer). The
 * result carries the event's counts after the scan
 * (mp_check_in_result_get_counts()), read in the scan's own transaction
 * from the row the database keeps (one row, whoever wrote before). */
MpCheckInResult  *mp_store_check_in              (MpStore     *self,
                                                  gint64       event_id,
                                                  const char  *scanned_text,
                                                  const char  *desk,
                                                  GError     **error);
MpCheckInResult  *mp_store_check_in_registration (MpStore     *self,
                                                  gint64       event_id,
                                                  gint64       registration_id,
                                                  const char  *desk,
                                                  GError     **error);
/* The same, for a person the door refuses (on the waiting list, or
 * cancelled) whom a person at a desk lets in on purpose: the check-in
 * records the exception and why (mp_check_in_result_get_exception(),
 * mp_attendee_get_checkin_exception()), and counts like any other. A
 * registered person is simply checked in; every other outcome is as
 * above (already checked in, another event, not a ticket …). Never
 * from the kiosk. */
MpCheckInResult  *mp_store_admit_anyway          (MpStore     *self,
                                                  gint64       event_id,
                                                  const char  *scanned_text,
                                                  const char  *desk,
                                                  GError     **error);
MpCheckInResult  *mp_store_admit_registration_anyway (MpStore     *self,
                                                      gint64       event_id,
                                                      gint64       registration_id,
                                                      const char  *desk,
                                                      GError     **error);
/* Records an undo for a check-in (nothing is deleted). */
gboolean          mp_store_undo_check_in         (MpStore     *self,
                                                  gint64       checkin_id,
                                                  const char  *desk,
                                                  GError     **error);
/* The same, and *@out_counts (if not NULL) gets the event's counts after
 * the undo (zeroed if they could not be counted; the undo stands). */
gboolean          mp_store_undo_check_in_full    (MpStore        *self,
                                                  gint64          checkin_id,
                                                  const char     *desk,
                                                  MpEventCounts  *out_counts,
                                                  GError        **error);

/* Import: @inputs (MpRegistrationInput *) are registered for the event,
 * all or nothing. People are merged by e-mail (ignoring case) or by
 * name and organisation (ignoring case and accents), both against the
 * database and within @inputs; a person already registered for the
 * event is left as it is, so importing the same rows twice changes
 * nothing. Every row is checked and matched first, reading only; then
 * the rows are written in short transactions (a desk checking in on the
 * same file waits at most one of them), as one batch that nobody sees
 * until it is whole, and that is taken out again if it fails, is
 * stopped or its process is killed (mp-import-batch-private.h). With
 * @dry_run nothing is written, and @counts tells what the import would
 * do. Every row is counted once: the counts add up to the rows. */
typedef struct
{
  guint new_people;         /* rows that registered someone not known before */
  guint merged;             /* rows that registered someone already in the database */
  guint unchanged;          /* rows whose person was registered for the event already */
  guint repeated;           /* rows whose person an earlier row of the file named */
  guint new_registrations;  /* new_people + merged */
  guint past_capacity;      /* new registrations put on the waiting list:
                             * the event was full */
  guint consents_not_given_again; /* a "yes" not later than the person's
                                   * withdrawal (or without a time) */
} MpImportCounts;

/* Someone already in the database whom a row was merged with (and
 * registered), as the database has them. */
typedef struct
{
  guint   row;              /* index into the inputs */
  gint64  person_id;
  char   *name;
  char   *organisation;     /* may be NULL */
  char   *email;            /* may be NULL */
} MpImportMerged;

void              mp_import_merged_free          (MpImportMerged *merged);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpImportMerged, mp_import_merged_free)

typedef void (*MpProgressFunc) (double   fraction,
                                gpointer user_data);

gboolean          mp_store_import                (MpStore         *self,
                                                  gint64           event_id,
                                                  GPtrArray       *inputs,
                                                  gboolean         dry_run,
                                                  MpImportCounts  *counts,
                                                  GCancellable    *cancellable,
                                                  MpProgressFunc   progress,
                                                  gpointer         progress_data,
                                                  GError         **error);
/* The same; *@out_merged (if not NULL) gets who the rows counted as
 * merged were merged with (MpImportMerged), in the order of the rows. */
gboolean          mp_store_import_full           (MpStore         *self,
                                                  gint64           event_id,
                                                  GPtrArray       *inputs,
                                                  gboolean         dry_run,
                                                  MpImportCounts  *counts,
                                                  GPtrArray      **out_merged,
                                                  GCancellable    *cancellable,
                                                  MpProgressFunc   progress,
                                                  gpointer         progress_data,
                                                  GError         **error);

/* Erases all personal data of a person (name, e-mail, phone, answers,
 * consents) and keeps the anonymous counts. The audit log records that
 * an erasure happened, not who. */
gboolean          mp_store_erase_person          (MpStore     *self,
                                                  gint64       person_id,
                                                  GError     **error);

G_END_DECLS
