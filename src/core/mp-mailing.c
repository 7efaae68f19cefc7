#define G_LOG_DOMAIN "mp-mailing"

#include "config.h"

#include <string.h>

#include "mp-csv-import.h"
#include "mp-csv-writer.h"
#include "mp-database-private.h"
#include "mp-mailing.h"
#include "mp-store-private.h"
#include "mp-text-private.h"

void
mp_mailing_entry_free (MpMailingEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_free (entry->given_name);
  g_free (entry->family_name);
  g_free (entry->email);
  g_free (entry->organisation);
  g_free (entry->sector);
  g_free (entry);
}

/* The consent condition comes first and is never optional: the filters
 * only ever narrow it down. */
#define CONSENTED \
  " EXISTS (SELECT 1 FROM consent k WHERE k.person_id = p.id" \
  "         AND k.kind = 'followup' AND k.withdrawn_at IS NULL AND " MP_STORE_SETTLED ("k") ")"

#define MAILING_SELECT \
  "SELECT p.id, p.name, coalesce (p.email, ''), coalesce (o.name, ''), coalesce (ps.name, os.name, '')," \
  " p.given_name, p.family_name" \
  " FROM person p" \
  " LEFT JOIN organisation o ON o.id = p.organisation_id" \
  " LEFT JOIN sector ps ON ps.id = p.sector_id" \
  " LEFT JOIN sector os ON os.id = o.sector_id" \
  " WHERE" CONSENTED

/* Those the filters would give but who did not consent. */
#define LEFT_OUT_SELECT \
  "SELECT count(*)" \
  " FROM person p" \
  " LEFT JOIN organisation o ON o.id = p.organisation_id" \
  " WHERE NOT" CONSENTED

/* @select, narrowed by the filters, as a statement with its parameters
 * bound: ?1 the sector, ?2, ?3 … the events. */
static sqlite3_stmt *
prepare_filtered (MpDatabase    *database,
                  const char    *select,
                  const char    *order,
                  const gint64  *event_ids,
                  guint          n_event_ids,
                  gint64         sector_id,
                  gboolean       arrived_only,
                  GError       **error)
{
  g_autoptr(GString) sql = g_string_new (select);
  g_autoptr(GString) in_list = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_string_append (sql,
                   " AND p.erased_at IS NULL"
                   " AND (?1 = 0 OR coalesce (p.sector_id, o.sector_id) = ?1)");

  /* Numbered parameters ?2, ?3 … for the events, used in both
   * subqueries; only the placeholders are written into the text. */
  for (guint i = 0; i < n_event_ids; i++)
    g_string_append_printf (in_list, "%s?%u", i > 0 ? ", " : "", i + 2);

  if (n_event_ids > 0)
    g_string_append_printf (sql,
                            " AND EXISTS (SELECT 1 FROM registration r"
                            "             WHERE r.person_id = p.id AND r.event_id IN (%s) AND " MP_STORE_SETTLED ("r") ")",
                            in_list->str);
  if (arrived_only)
    {
      g_string_append (sql,
                       " AND EXISTS (SELECT 1 FROM registration r"
                       "             WHERE r.person_id = p.id AND r.checkin_id IS NOT NULL");
      if (n_event_ids > 0)
        g_string_append_printf (sql, " AND r.event_id IN (%s)", in_list->str);
      g_string_append (sql, ")");
    }
  if (order != NULL)
    g_string_append (sql, order);

  rc = sqlite3_prepare_v2 (_mp_database_get_handle (database), sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _mp_database_set_error (database, rc, error);
      return NULL;
    }

  sqlite3_bind_int64 (stmt, 1, sector_id);
  for (guint i = 0; i < n_event_ids; i++)
    sqlite3_bind_int64 (stmt, i + 2, event_ids[i]);

  return stmt;
}

GPtrArray *
mp_mailing_list (MpStore       *store,
                 const gint64  *event_ids,
                 guint          n_event_ids,
                 gint64         sector_id,
                 gboolean       arrived_only,
                 GError       **error)
{
  MpDatabase *database;
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (n_event_ids == 0 || event_ids != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  database = mp_store_get_database (store);
  stmt = prepare_filtered (database, MAILING_SELECT, " ORDER BY p.sort_key, p.id",
                           event_ids, n_event_ids, sector_id, arrived_only, error);
  if (stmt == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_mailing_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MpMailingEntry *entry = g_new0 (MpMailingEntry, 1);

      entry->person_id = sqlite3_column_int64 (stmt, 0);
      entry->name = g_strdup (_mp_column_text (stmt, 1));
      entry->email = g_strdup (_mp_column_text (stmt, 2));
      entry->organisation = g_strdup (_mp_column_text (stmt, 3));
      entry->sector = g_strdup (_mp_column_text (stmt, 4));
      entry->given_name = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      entry->family_name = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      g_ptr_array_add (entries, entry);
    }

  if (rc != SQLITE_DONE)
    {
      _mp_database_set_error (database, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  sqlite3_finalize (stmt);
  return g_steal_pointer (&entries);
}

gboolean
mp_mailing_count_left_out (MpStore       *store,
                           const gint64  *event_ids,
                           guint          n_event_ids,
                           gint64         sector_id,
                           gboolean       arrived_only,
                           guint         *out_count,
                           GError       **error)
{
  MpDatabase *database;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);
  g_return_val_if_fail (n_event_ids == 0 || event_ids != NULL, FALSE);
  g_return_val_if_fail (out_count != NULL, FALSE);

  database = mp_store_get_database (store);
  stmt = prepare_filtered (database, LEFT_OUT_SELECT, NULL,
                           event_ids, n_event_ids, sector_id, arrived_only, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_count = (guint) MIN (sqlite3_column_int64 (stmt, 0), G_MAXUINT);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return _mp_database_set_error (database, rc, error);
  return TRUE;
}

char *
mp_mailing_to_csv (GPtrArray *entries,
                   gboolean   excel)
{
  GString *out = g_string_new (NULL);
  MpCsvWriter csv;

  g_return_val_if_fail (entries != NULL, NULL);

  mp_csv_writer_init (&csv, out, excel ? MP_CSV_DIALECT_EXCEL : MP_CSV_DIALECT_PLAIN);

  /* The import's own labels, so the list can be imported again. */
  mp_csv_writer_text (&csv, mp_csv_field_get_label (MP_CSV_FIELD_NAME));
  mp_csv_writer_text (&csv, mp_csv_field_get_label (MP_CSV_FIELD_EMAIL));
  mp_csv_writer_text (&csv, mp_csv_field_get_label (MP_CSV_FIELD_ORGANISATION));
  mp_csv_writer_text (&csv, mp_csv_field_get_label (MP_CSV_FIELD_SECTOR));
  mp_csv_writer_end_row (&csv);

  for (guint i = 0; i < entries->len; i++)
    {
      MpMailingEntry *entry = g_ptr_array_index (entries, i);

      mp_csv_writer_text (&csv, entry->name);
      mp_csv_writer_text (&csv, entry->email);
      mp_csv_writer_text (&csv, entry->organisation);
      mp_csv_writer_text (&csv, entry->sector);
      mp_csv_writer_end_row (&csv);
    }

  return g_string_free (out, FALSE);
}

/* A vCard TEXT value's escapes (RFC 6350 3.4), for one component of a
 * structured value. */
static void
append_vcard_text (GString    *out,
                   const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == ',' || *p == ';')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
}

char *
mp_mailing_to_vcard (GPtrArray *entries)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (entries != NULL, NULL);

  /* N (family;given) only when the names are known apart: RFC 6350
   * does not require it, and a guess would be wrong for some. */
  for (guint i = 0; i < entries->len; i++)
    {
      MpMailingEntry *entry = g_ptr_array_index (entries, i);

      g_string_append (out, "BEGIN:VCARD\r\nVERSION:4.0\r\n");
      _mp_text_append_content_line (out, "FN", entry->name, TRUE);
      if (entry->family_name != NULL && entry->family_name[0] != '\0')
        {
          g_autoptr(GString) n = g_string_new (NULL);

          /* each component escaped on its own; the ; between them stay */
          append_vcard_text (n, entry->family_name);
          g_string_append_c (n, ';');
          append_vcard_text (n, entry->given_name);
          g_string_append (n, ";;;");
          _mp_text_append_content_line (out, "N", n->str, FALSE);
        }
      if (entry->email[0] != '\0')
        _mp_text_append_content_line (out, "EMAIL", entry->email, TRUE);
      if (entry->organisation[0] != '\0')
        _mp_text_append_content_line (out, "ORG", entry->organisation, TRUE);
      if (entry->sector[0] != '\0')
        _mp_text_append_content_line (out, "CATEGORIES", entry->sector, TRUE);
      g_string_append (out, "END:VCARD\r\n");
    }

  return g_string_free (out, FALSE);
}

char *
mp_mailing_to_bcc (GPtrArray *entries)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (entries != NULL, NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      MpMailingEntry *entry = g_ptr_array_index (entries, i);

      if (entry->email[0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, entry->email);
    }

  return g_string_free (out, FALSE);
}
