#define G_LOG_DOMAIN "mp-period-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "mp-database-private.h"
#include "mp-period-report.h"

struct _MpPeriodReport
{
  GObject    parent_instance;

  gint64     from;
  gint64     to;
  guint      kinds;
  GPtrArray *sectors;          /* char *, the report's columns */
  GArray    *sector_ids;       /* gint64 per sector, 0 for "no sector" */
  GArray    *events;           /* MpPeriodEvent */
  GArray    *organisations;    /* MpPeriodOrganisation */
  guint     *sector_totals;
  guint      total_registered;
  guint      total_arrived;
  guint      distinct_people;
  guint      returning_people;
};

G_DEFINE_FINAL_TYPE (MpPeriodReport, mp_period_report, G_TYPE_OBJECT)

static void
period_event_clear (gpointer data)
{
  MpPeriodEvent *e = data;

  g_free (e->title);
  g_free (e->by_sector);
}

static void
period_organisation_clear (gpointer data)
{
  MpPeriodOrganisation *o = data;

  g_free (o->organisation);
  g_free (o->sector);
}

static void
mp_period_report_finalize (GObject *object)
{
  MpPeriodReport *self = (MpPeriodReport *)object;

  g_clear_pointer (&self->sectors, g_ptr_array_unref);
  g_clear_pointer (&self->sector_ids, g_array_unref);
  g_clear_pointer (&self->events, g_array_unref);
  g_clear_pointer (&self->organisations, g_array_unref);
  g_clear_pointer (&self->sector_totals, g_free);

  G_OBJECT_CLASS (mp_period_report_parent_class)->finalize (object);
}

static void
mp_period_report_class_init (MpPeriodReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_period_report_finalize;
}

static void
mp_period_report_init (MpPeriodReport *self)
{
  self->sectors = g_ptr_array_new_with_free_func (g_free);
  self->sector_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->events = g_array_new (FALSE, TRUE, sizeof (MpPeriodEvent));
  g_array_set_clear_func (self->events, period_event_clear);
  self->organisations = g_array_new (FALSE, TRUE, sizeof (MpPeriodOrganisation));
  g_array_set_clear_func (self->organisations, period_organisation_clear);
}

/* The events of the period: ?1 from, ?2 to, ?3 ",kind,kind," or NULL. */
#define PERIOD_EVENTS \
  "SELECT e.id FROM event e WHERE e.starts_at >= ?1 AND e.starts_at < ?2" \
  " AND (?3 IS NULL OR instr (?3, ',' || e.kind || ',') > 0)"

/* One row per person who came to an event of the period. */
#define PERIOD_ARRIVALS \
  "WITH ev AS (" PERIOD_EVENTS "),"                                       \
  " arr AS (SELECT DISTINCT r.event_id, r.person_id"                      \
  "  FROM registration r"                                                 \
  "  WHERE r.event_id IN ev AND r.checkin_id IS NOT NULL)"

static void
bind_period (sqlite3_stmt *stmt,
             gint64        from,
             gint64        to,
             const char   *kinds)
{
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  if (kinds != NULL)
    sqlite3_bind_text (stmt, 3, kinds, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
}

static guint
sector_index (MpPeriodReport *self,
              gint64          sector_id)
{
  for (guint i = 0; i < self->sector_ids->len; i++)
    if (g_array_index (self->sector_ids, gint64, i) == sector_id)
      return i;
  return G_MAXUINT;
}

static gboolean
load_sectors (MpPeriodReport  *self,
              MpStore         *store,
              GError         **error)
{
  g_autoptr(GPtrArray) sectors = mp_store_list_sectors (store, error);

  if (sectors == NULL)
    return FALSE;

  for (guint i = 0; i < sectors->len; i++)
    {
      MpSector *s = g_ptr_array_index (sectors, i);

      g_ptr_array_add (self->sectors, g_strdup (s->name));
      g_array_append_val (self->sector_ids, s->id);
    }

  return TRUE;
}

static gboolean
load_events (MpPeriodReport  *self,
             MpDatabase      *db,
             const char      *kinds,
             GError         **error)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db,
                                                    "SELECT e.id, e.title, e.kind, e.starts_at,"
                                                    " coalesce (n.registered, 0), coalesce (n.arrived, 0)"
                                                    " FROM event e LEFT JOIN event_counts n ON n.event_id = e.id"
                                                    " WHERE e.id IN (" PERIOD_EVENTS ")"
                                                    " ORDER BY e.starts_at, e.id",
                                                    error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_period (stmt, self->from, self->to, kinds);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MpPeriodEvent e = { 0, };

      e.id = sqlite3_column_int64 (stmt, 0);
      e.title = g_strdup (_mp_column_text (stmt, 1));
      if (!mp_event_kind_from_string (_mp_column_text (stmt, 2), &e.kind))
        e.kind = MP_EVENT_KIND_DIALOGUE_MEETING;
      e.starts_at = sqlite3_column_int64 (stmt, 3);
      e.registered = sqlite3_column_int (stmt, 4);
      e.arrived = sqlite3_column_int (stmt, 5);
      self->total_registered += e.registered;
      self->total_arrived += e.arrived;
      g_array_append_val (self->events, e);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _mp_database_set_error (db, rc, error);

  return TRUE;
}

static gboolean
load_sector_counts (MpPeriodReport  *self,
                    MpDatabase      *db,
                    const char      *kinds,
                    GError         **error)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db,
                                                    PERIOD_ARRIVALS
                                                    " SELECT a.event_id, coalesce (p.sector_id, o.sector_id), count(*)"
                                                    " FROM arr a JOIN person p ON p.id = a.person_id"
                                                    " LEFT JOIN organisation o ON o.id = p.organisation_id"
                                                    " GROUP BY 1, 2",
                                                    error);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64) * 3);
  gboolean any_without = FALSE;
  guint n_sectors;
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_period (stmt, self->from, self->to, kinds);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row[3] = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int64 (stmt, 1),   /* 0 for NULL: no sector */
        sqlite3_column_int64 (stmt, 2),
      };

      if (row[1] == 0 && row[2] > 0)
        any_without = TRUE;
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _mp_database_set_error (db, rc, error);

  if (any_without)
    {
      gint64 none = 0;

      g_ptr_array_add (self->sectors, g_strdup (""));
      g_array_append_val (self->sector_ids, none);
    }

  n_sectors = self->sectors->len;
  self->sector_totals = g_new0 (guint, n_sectors);
  for (guint i = 0; i < self->events->len; i++)
    g_array_index (self->events, MpPeriodEvent, i).by_sector = g_new0 (guint, n_sectors);

  for (guint r = 0; r < rows->len; r++)
    {
      const gint64 *row = &g_array_index (rows, gint64, r * 3);
      guint s = sector_index (self, row[1]);

      if (s == G_MAXUINT)
        continue;
      for (guint i = 0; i < self->events->len; i++)
        {
          MpPeriodEvent *e = &g_array_index (self->events, MpPeriodEvent, i);

          if (e->id == row[0])
            {
              e->by_sector[s] += row[2];
              self->sector_totals[s] += row[2];
              break;
            }
        }
    }

  return TRUE;
}

static gboolean
load_people (MpPeriodReport  *self,
             MpDatabase      *db,
             const char      *kinds,
             GError         **error)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db,
                                                    PERIOD_ARRIVALS
                                                    ", per AS (SELECT person_id, count(*) AS n FROM arr GROUP BY person_id)"
                                                    " SELECT count(*), count(*) FILTER (WHERE n > 1) FROM per",
                                                    error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_period (stmt, self->from, self->to, kinds);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      self->distinct_people = sqlite3_column_int (stmt, 0);
      self->returning_people = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    return _mp_database_set_error (db, rc, error);

  return TRUE;
}

static gboolean
load_organisations (MpPeriodReport  *self,
                    MpDatabase      *db,
                    const char      *kinds,
                    GError         **error)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db,
                                                    PERIOD_ARRIVALS
                                                    " SELECT o.name, coalesce (s.name, ''), count(DISTINCT a.event_id), count(DISTINCT a.person_id)"
                                                    " FROM arr a JOIN person p ON p.id = a.person_id"
                                                    " JOIN organisation o ON o.id = p.organisation_id"
                                                    " LEFT JOIN sector s ON s.id = o.sector_id"
                                                    " GROUP BY o.id ORDER BY coalesce (s.position, 1e9), o.name COLLATE NORWEGIAN",
                                                    error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_period (stmt, self->from, self->to, kinds);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MpPeriodOrganisation o = {
        g_strdup (_mp_column_text (stmt, 0)),
        g_strdup (_mp_column_text (stmt, 1)),
        sqlite3_column_int (stmt, 2),
        sqlite3_column_int (stmt, 3),
      };
      g_array_append_val (self->organisations, o);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _mp_database_set_error (db, rc, error);

  return TRUE;
}

MpPeriodReport *
mp_period_report_new (MpStore  *store,
                      gint64    from,
                      gint64    to,
                      guint     kinds,
                      GError  **error)
{
  g_autoptr(MpPeriodReport) self = NULL;
  g_autofree char *kind_list = NULL;
  MpDatabase *db;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  if (to <= from)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                           _("The period ends before it starts."));
      return NULL;
    }

  self = g_object_new (MP_TYPE_PERIOD_REPORT, NULL);
  self->from = from;
  self->to = to;
  self->kinds = kinds & ((1u << MP_N_EVENT_KINDS) - 1);
  db = mp_store_get_database (store);

  if (self->kinds != 0)
    {
      GString *list = g_string_new (",");

      for (guint k = 0; k < MP_N_EVENT_KINDS; k++)
        if (self->kinds & (1u << k))
          g_string_append_printf (list, "%s,", mp_event_kind_to_string (k));
      kind_list = g_string_free (list, FALSE);
    }

  if (!load_sectors (self, store, error) ||
      !load_events (self, db, kind_list, error) ||
      !load_sector_counts (self, db, kind_list, error) ||
      !load_people (self, db, kind_list, error) ||
      !load_organisations (self, db, kind_list, error))
    return NULL;

  return g_steal_pointer (&self);
}

gint64
mp_period_report_get_from (MpPeriodReport *self)
{
  g_return_val_if_fail (MP_IS_PERIOD_REPORT (self), 0);
  return self->from;
}

gint64
mp_period_report_get_to (MpPeriodReport *self)
{
  g_return_val_if_fail (MP_IS_PERIOD_REPORT (self), 0);
  return self->to;
}

guint
mp_period_report_get_kinds (MpPeriodReport *self)
{
  g_return_val_if_fail (MP_IS_PERIOD_REPORT (self), 0);
  return self->kinds;
}

guint
mp_period_report_get_n_events (MpPeriodReport *self)
{
  g_return_val_if_fail (MP_IS_PERIOD_REPORT (self), 0);
  return self->events->len;
}

const MpPeriodEvent *
mp_period_report_get_event (MpPeriodReport *self,
                            guint           i)
{
  g_return_val_if_fail (MP_IS_PERIOD_REPORT (self), NULL);
  g_return_val_if_fail (i < self->events->len, NULL);
  return &g_array_index (self->events, MpPeriodEvent, i);
}

guint
mp_period_report_get_n_sectors (MpPeriodReport *self)
{
  g_return_val_if_fail (MP_IS_PERIOD_REPORT (self), 0);
  return self->sectors->len;
}

const char *
mp_period_report_get_sector (MpPeriodReport *self,
                             guint           i)
{
  g_return_val_if_fail (MP_IS_PERIOD_REPORT (self), NULL);
  g_return_val_if_fail (i < self->sectors->len, NULL);
  return g_ptr_array_index (self->sectors, i);
}

guint
mp_period_report_get_sector_total (MpPeriodReport *self,
                                   guint           i)
{
  g_return_val_if_fail (MP_IS_PERIOD_REPORT (self), 0);
  g_return_val_if_fail (i < self->sectors->len, 0);
  return self->sector_totals[i];
}

guint
mp_period_report_get_total_registered (MpPeriodReport *self)
{
  g_return_val_if_fail (MP_IS_PERIOD_REPORT (self), 0);
  return self->total_registered;
}

guint
mp_period_report_get_total_arrived (MpPeriodReport *self)
{
  g_return_val_if_fail (MP_IS_PERIOD_REPORT (self), 0);
  return self->total_arrived;
}

guint
mp_period_report_get_distinct_people (MpPeriodReport *self)
{
  g_return_val_if_fail (MP_IS_PERIOD_REPORT (self), 0);
  return self->distinct_people;
}

guint
mp_period_report_get_returning_people (MpPeriodReport *self)
{
  g_return_val_if_fail (MP_IS_PERIOD_REPORT (self), 0);
  return self->returning_people;
}

guint
mp_period_report_get_n_organisations (MpPeriodReport *self)
{
  g_return_val_if_fail (MP_IS_PERIOD_REPORT (self), 0);
  return self->organisations->len;
}

const MpPeriodOrganisation *
mp_period_report_get_organisation (MpPeriodReport *self,
                                   guint           i)
{
  g_return_val_if_fail (MP_IS_PERIOD_REPORT (self), NULL);
  g_return_val_if_fail (i < self->organisations->len, NULL);
  return &g_array_index (self->organisations, MpPeriodOrganisation, i);
}

gboolean
mp_period_parse_date (const char  *text,
                      gint64      *out_unix,
                      GError     **error)
{
  g_autoptr(GDateTime) dt = NULL;
  int year, month, day, n = 0;

  if (text == NULL ||
      sscanf (text, "%4d-%2d-%2d%n", &year, &month, &day, &n) != 3 ||
      text[n] != '\0' ||
      !g_date_valid_dmy (day, month, year) ||
      (dt = g_date_time_new_local (year, month, day, 0, 0, 0)) == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   /* Translators: %s is what was typed; keep YYYY-MM-DD as it is */
                   _("“%s” is not a date (YYYY-MM-DD)."), text != NULL ? text : "");
      return FALSE;
    }

  *out_unix = g_date_time_to_unix (dt);
  return TRUE;
}
