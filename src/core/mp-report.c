#define G_LOG_DOMAIN "mp-report"

#include "config.h"

#include "mp-database-private.h"
#include "mp-report.h"

struct _MpReport
{
  GObject        parent_instance;

  MpEvent       *event;
  MpEventCounts  counts;
  GArray        *sectors;        /* MpSectorCount */
  GArray        *organisations;  /* MpOrganisationCount */
};

G_DEFINE_FINAL_TYPE (MpReport, mp_report, G_TYPE_OBJECT)

static void
sector_count_clear (gpointer data)
{
  MpSectorCount *c = data;

  g_free (c->sector);
}

static void
organisation_count_clear (gpointer data)
{
  MpOrganisationCount *c = data;

  g_free (c->organisation);
  g_free (c->sector);
}

static void
mp_report_finalize (GObject *object)
{
  MpReport *self = (MpReport *)object;

  g_clear_object (&self->event);
  g_clear_pointer (&self->sectors, g_array_unref);
  g_clear_pointer (&self->organisations, g_array_unref);

  G_OBJECT_CLASS (mp_report_parent_class)->finalize (object);
}

static void
mp_report_class_init (MpReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_report_finalize;
}

static void
mp_report_init (MpReport *self)
{
  self->sectors = g_array_new (FALSE, TRUE, sizeof (MpSectorCount));
  g_array_set_clear_func (self->sectors, sector_count_clear);
  self->organisations = g_array_new (FALSE, TRUE, sizeof (MpOrganisationCount));
  g_array_set_clear_func (self->organisations, organisation_count_clear);
}

#define ARRIVED \
  "EXISTS (SELECT 1 FROM checkin c WHERE c.registration_id = r.id AND c.undoes IS NULL" \
  " AND NOT EXISTS (SELECT 1 FROM checkin u WHERE u.undoes = c.id))"

#define PERSON_SECTOR "coalesce (p.sector_id, o.sector_id)"

static gboolean
run (MpDatabase   *db,
     const char   *sql,
     gint64        event_id,
     GArray       *into,
     gboolean      sectors,
     GError      **error)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sectors)
        {
          MpSectorCount c = {
            g_strdup (_mp_column_text (stmt, 0)),
            sqlite3_column_int (stmt, 1),
            sqlite3_column_int (stmt, 2),
          };
          g_array_append_val (into, c);
        }
      else
        {
          MpOrganisationCount c = {
            g_strdup (_mp_column_text (stmt, 0)),
            g_strdup (_mp_column_text (stmt, 1)),
            sqlite3_column_int (stmt, 2),
          };
          g_array_append_val (into, c);
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _mp_database_set_error (db, rc, error);

  return TRUE;
}

MpReport *
mp_report_new_for_event (MpStore  *store,
                         gint64    event_id,
                         GError  **error)
{
  g_autoptr(MpReport) self = g_object_new (MP_TYPE_REPORT, NULL);
  MpDatabase *db = mp_store_get_database (store);

  self->event = mp_store_get_event (store, event_id, error);
  if (self->event == NULL ||
      !mp_store_get_counts (store, event_id, &self->counts, error))
    return NULL;

  if (!run (db,
            "WITH a AS (SELECT " PERSON_SECTOR " AS sector_id, r.status = 'registered' AS reg, " ARRIVED " AS arr"
            "  FROM registration r JOIN person p ON p.id = r.person_id"
            "  LEFT JOIN organisation o ON o.id = p.organisation_id WHERE r.event_id = ?)"
            " SELECT s.name, (SELECT count(*) FROM a WHERE a.sector_id = s.id AND a.reg),"
            "  (SELECT count(*) FROM a WHERE a.sector_id = s.id AND a.arr), s.position"
            " FROM sector s"
            " UNION ALL"
            " SELECT '', count(*) FILTER (WHERE reg), count(*) FILTER (WHERE arr), 1e9 FROM a WHERE a.sector_id IS NULL"
            " HAVING count(*) > 0"
            " ORDER BY 4",
            event_id, self->sectors, TRUE, error))
    return NULL;

  if (!run (db,
            "SELECT o.name, coalesce (s.name, ''), count(*)"
            " FROM registration r JOIN person p ON p.id = r.person_id"
            " JOIN organisation o ON o.id = p.organisation_id"
            " LEFT JOIN sector s ON s.id = o.sector_id"
            " WHERE r.event_id = ? AND " ARRIVED
            " GROUP BY o.id ORDER BY coalesce (s.position, 1e9), o.name COLLATE NORWEGIAN",
            event_id, self->organisations, FALSE, error))
    return NULL;

  return g_steal_pointer (&self);
}

MpEvent *
mp_report_get_event (MpReport *self)
{
  g_return_val_if_fail (MP_IS_REPORT (self), NULL);
  return self->event;
}

const MpEventCounts *
mp_report_get_counts (MpReport *self)
{
  g_return_val_if_fail (MP_IS_REPORT (self), NULL);
  return &self->counts;
}

double
mp_report_get_no_show_rate (MpReport *self)
{
  guint expected, came;

  g_return_val_if_fail (MP_IS_REPORT (self), 0);

  /* Walk-ins were registered as they arrived: they were never expected. */
  expected = self->counts.registered - MIN (self->counts.registered, self->counts.walk_ins);
  came = self->counts.arrived - MIN (self->counts.arrived, self->counts.walk_ins);
  if (expected == 0)
    return 0;

  return 1.0 - (double) MIN (came, expected) / expected;
}

guint
mp_report_get_n_sectors (MpReport *self)
{
  g_return_val_if_fail (MP_IS_REPORT (self), 0);
  return self->sectors->len;
}

const MpSectorCount *
mp_report_get_sector (MpReport *self,
                      guint     i)
{
  g_return_val_if_fail (MP_IS_REPORT (self), NULL);
  g_return_val_if_fail (i < self->sectors->len, NULL);
  return &g_array_index (self->sectors, MpSectorCount, i);
}

guint
mp_report_get_n_organisations (MpReport *self)
{
  g_return_val_if_fail (MP_IS_REPORT (self), 0);
  return self->organisations->len;
}

const MpOrganisationCount *
mp_report_get_organisation (MpReport *self,
                            guint     i)
{
  g_return_val_if_fail (MP_IS_REPORT (self), NULL);
  g_return_val_if_fail (i < self->organisations->len, NULL);
  return &g_array_index (self->organisations, MpOrganisationCount, i);
}
