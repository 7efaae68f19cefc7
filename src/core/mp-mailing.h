/* mp-mailing.h: the follow-up mailing list
 *
 * Only people with an active (not withdrawn) consent to follow-up who
 * are not erased, whatever the filters: a mailing list never reaches
 * anyone who did not ask for it.
 */
#pragma once

#include <glib-object.h>

#include "mp-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  person_id;
  char   *name;
  char   *given_name;     /* NULL when not known apart (mp-person-name.h) */
  char   *family_name;
  char   *email;          /* "" when not given */
  char   *organisation;   /* "" when not given */
  char   *sector;         /* the person's, else the organisation's; "" for none */
} MpMailingEntry;

void       mp_mailing_entry_free  (MpMailingEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpMailingEntry, mp_mailing_entry_free)

/* People who consented to follow-up, each once, in Norwegian name order.
 * With @n_event_ids > 0 only those registered (in any status) for one
 * of @event_ids; with @sector_id != 0 only those of that sector; with
 * @arrived_only only those with a check-in (not undone) at one of the
 * events (at any event when none are given). */
GPtrArray *mp_mailing_list        (MpStore       *store,
                                   const gint64  *event_ids,
                                   guint          n_event_ids,
                                   gint64         sector_id,
                                   gboolean       arrived_only,
                                   GError       **error);

/* How many people the same filters would give but for their consent:
 * registered for one of the events (any status), of the sector, arrived
 * if asked, not erased, and without an active consent to follow-up.
 * What the window shows as "left out for lack of consent". */
gboolean   mp_mailing_count_left_out (MpStore      *store,
                                      const gint64 *event_ids,
                                      guint         n_event_ids,
                                      gint64        sector_id,
                                      gboolean      arrived_only,
                                      guint        *out_count,
                                      GError      **error);

/* Name, e-mail, organisation and sector with the import's own headers.
 * @excel: semicolons, byte order mark, CRLF, as MP_CSV_EXPORT_EXCEL;
 * formulas are defused either way (mp-csv-writer.h). */
char      *mp_mailing_to_csv      (GPtrArray     *entries,
                                   gboolean       excel);
/* vCard 4.0 (RFC 6350), one card per person, CRLF, folded at 75 octets;
 * N when the given and family names are known apart. */
char      *mp_mailing_to_vcard    (GPtrArray     *entries);
/* The addresses joined by ", " for a BCC line; people without e-mail
 * are left out. */
char      *mp_mailing_to_bcc      (GPtrArray     *entries);

G_END_DECLS
