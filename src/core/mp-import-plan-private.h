/* mp-import-plan-private.h: what the two steps of the bulk import share
 *
 * The import (mp-store-import.c) plans first, reading only
 * (mp-import-plan.c: every row checked and matched, what it will do
 * kept in an MpImportPlan), then writes the plan in short transactions
 * as one import batch (mp-import-write.c). The plan's types are here,
 * and the few helpers the writer uses too.
 */
#pragma once

#include "mp-store-private.h"

G_BEGIN_DECLS

typedef enum
{
  MP_PLAN_ROW_NEW_PERSON,     /* registers someone not known before */
  MP_PLAN_ROW_MERGED,         /* registers someone already in the database */
  MP_PLAN_ROW_UNCHANGED,      /* their person was registered for the event already */
  MP_PLAN_ROW_REPEATED,       /* an earlier row of the file named the same person */
} MpPlanRowKind;

enum { MP_PLAN_FOLLOWUP, MP_PLAN_PHOTO, MP_PLAN_N_CONSENT_KINDS };
/* the consent table's kind of each */
extern const char *const _mp_plan_consent_kinds[MP_PLAN_N_CONSENT_KINDS];

/* What a person gets from the file that they did not have. */
enum { MP_PLAN_GIVES_EMAIL = 1, MP_PLAN_GIVES_PHONE = 2, MP_PLAN_GIVES_ORGANISATION = 4, MP_PLAN_GIVES_SECTOR = 8 };

typedef struct
{
  guint32     person;                    /* index into MpImportPlan.people */
  guint8      kind;                      /* MpPlanRowKind */
  guint8      status;                    /* a new registration's */
  guint8      consent[MP_PLAN_N_CONSENT_KINDS]; /* MpConsentDecision to write */
  const char *answers[3];                /* dietary, accessibility, interpreter, cleaned */
} MpPlanRow;

typedef struct
{
  /* In the database: known, or written by now; 0 for a new person
   * until the write gets to them. */
  gint64       id;
  /* A new person: all of them. Someone known: only what the file gives
   * them (see @gives). Strings in MpImportPlan.strings. */
  const char  *name;
  const char  *given_name;       /* NULL when not known (mp-person-name.h) */
  const char  *family_name;
  const char  *email;
  const char  *email_key;
  const char  *phone;
  const char  *name_key;
  gint64       organisation_id;  /* < 0: an organisation the import makes */
  gint64       sector_id;
  guint8       known : 1;        /* in the database before the import */
  guint8       registered : 1;   /* for the event, before the import */
  guint8       seen : 1;         /* a row of the file named them */
  guint8       has_email : 1;    /* by now, the file's rows included */
  guint8       has_phone : 1;
  guint8       has_organisation : 1;
  guint8       has_sector : 1;
  guint8       gives;            /* known: MP_PLAN_GIVES_* the write must give */
  guint8       consented;        /* bit per consent kind, given by now */
  gint64       withdrawn[MP_PLAN_N_CONSENT_KINDS];
} MpPlanPerson;

typedef struct
{
  const char *name;
  gint64      sector_id;
  gint64      id;                /* once written */
} MpPlanOrganisation;

typedef struct
{
  MpStore        *store;
  MpDatabase     *db;
  gint64          event_id;
  gboolean        dry_run;
  int             capacity;      /* -1: no limit */
  gboolean        nobody;        /* the database had no person: nothing to look for */
  guint           n_registered;  /* the event's, the file's rows so far included */

  GStringChunk   *strings;
  GArray         *people;        /* MpPlanPerson */
  GArray         *rows;          /* MpPlanRow, one per input */
  GHashTable     *by_email;      /* email key → index + 1 */
  GHashTable     *by_id;         /* known person's id → index + 1 */
  GHashTable     *names;         /* name key → Namesakes */
  GHashTable     *name_cursor;   /* name key → the last namesake in the database given an address */
  GHashTable     *noted;         /* "person:kind:answered_at" already said */
  GHashTable     *organisation_texts; /* as written → ImportOrganisation */
  GHashTable     *organisations; /* folded → id, for _mp_store_organisation_for () */
  GHashTable     *sector_texts;  /* as written → sector id + 1, 0: unknown */
  GArray         *new_organisations; /* MpPlanOrganisation */
  GHashTable     *new_organisation_index; /* negative id → index + 1 */

  MpImportCounts  counts;
  GPtrArray      *merged;        /* MpImportMerged */
} MpImportPlan;

static inline MpPlanPerson *
_mp_import_plan_person (MpImportPlan *plan,
                        guint         index)
{
  return &g_array_index (plan->people, MpPlanPerson, index);
}

void     _mp_import_plan_init     (MpImportPlan    *plan,
                                   MpStore         *store,
                                   gint64           event_id,
                                   gboolean         dry_run,
                                   guint            n_rows);
void     _mp_import_plan_clear    (MpImportPlan    *plan);

/* Step one (mp-import-plan.c): checks and matches every row, reading
 * only, in the caller's read transaction. */
gboolean _mp_import_plan_make     (MpImportPlan    *plan,
                                   GPtrArray       *inputs,
                                   GCancellable    *cancellable,
                                   MpProgressFunc   progress,
                                   gpointer         progress_data,
                                   double           progress_share,
                                   GError         **error);
gboolean _mp_import_plan_writes   (MpImportPlan    *plan);

/* Step two (mp-import-write.c): writes the plan, in chunks as one batch
 * outside a transaction, or all of it inside the caller's. */
gboolean _mp_import_plan_write    (MpImportPlan    *plan,
                                   GPtrArray       *inputs,
                                   GCancellable    *cancellable,
                                   MpProgressFunc   progress,
                                   gpointer         progress_data,
                                   double           progress_from,
                                   GError         **error);

/* Both steps */
gboolean _mp_import_plan_probe    (MpImportPlan    *plan,
                                   const char      *sql,
                                   const char      *text,
                                   gint64           number,
                                   gint64          *out_id,
                                   GError         **error);
gboolean _mp_import_plan_fail_sql (MpImportPlan    *plan,
                                   int              rc,
                                   GError         **error);
gboolean _mp_import_cancelled     (GCancellable    *cancellable,
                                   GError         **error);

G_END_DECLS
