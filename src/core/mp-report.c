#define G_LOG_DOMAIN "mp-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-database-private.h"
#include "mp-report.h"
#include "mp-store-private.h"
#include "mp-admissions.h"
#include "mp-time.h"

struct _MpReport
{
  GObject        parent_instance;

  MpEvent       *event;
  MpEventCounts  counts;
  guint          n_exceptions;
  gboolean       held;
  guint          n_twice;        /* tickets admitted twice while offline */
  GArray        *sectors;        /* MpSectorCount */
  GArray        *organisations;  /* MpOrganisationCount */
  GArray        *arrivals;       /* MpArrivalBucket */
  GArray        *answers[MP_N_ANSWER_KINDS]; /* MpAnswerCount */
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
answer_count_clear (gpointer data)
{
  MpAnswerCount *c = data;

  g_free (c->answer);
}

static void
mp_report_finalize (GObject *object)
{
  MpReport *self = (MpReport *)object;

  g_clear_pointer (&self->arrivals, g_array_unref);
  for (guint k = 0; k < MP_N_ANSWER_KINDS; k++)
    g_clear_pointer (&self->answers[k], g_array_unref);

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
  self->arrivals = g_array_new (FALSE, TRUE, sizeof (MpArrivalBucket));
  for (guint k = 0; k < MP_N_ANSWER_KINDS; k++)
    {
      self->answers[k] = g_array_new (FALSE, TRUE, sizeof (MpAnswerCount));
      g_array_set_clear_func (self->answers[k], answer_count_clear);
    }
}

/* a registration with a current check-in (mp-store-private.h) */
#define ARRIVED "r.checkin_id IS NOT NULL"

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

/* Slots are counted from the start; the offset keeps SQLite's division
 * (which truncates towards zero) a floor for arrivals before it. */
#define SLOT_OFFSET 1000000

static gboolean
load_arrivals (MpReport    *self,
               MpDatabase  *db,
               gint64       event_id,
               GError     **error)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db,
                                                    "SELECT (c.at - ?2 + 300 * " G_STRINGIFY (SLOT_OFFSET) ") / 300 - " G_STRINGIFY (SLOT_OFFSET) " AS slot, count(*)"
                                                    /* the check-in that counts (admitted twice while offline: the first) */
                                                    " FROM registration r JOIN checkin c ON c.id = r.checkin_id"
                                                    " WHERE r.event_id = ?1"
                                                    " GROUP BY slot ORDER BY slot",
                                                    error);
  gint64 starts_at = mp_event_get_starts_at (self->event);
  int rc;

  G_STATIC_ASSERT (MP_ARRIVAL_BUCKET_SECONDS == 300);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, starts_at);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int slot = sqlite3_column_int (stmt, 0);
      MpArrivalBucket b;

      /* the empty slots between two arrivals */
      if (self->arrivals->len > 0)
        {
          int last = g_array_index (self->arrivals, MpArrivalBucket, self->arrivals->len - 1).slot;

          for (int gap = last + 1; gap < slot; gap++)
            {
              MpArrivalBucket empty = { gap, starts_at + (gint64) gap * MP_ARRIVAL_BUCKET_SECONDS, 0 };
              g_array_append_val (self->arrivals, empty);
            }
        }

      b.slot = slot;
      b.starts_at = starts_at + (gint64) slot * MP_ARRIVAL_BUCKET_SECONDS;
      b.arrivals = sqlite3_column_int (stmt, 1);
      g_array_append_val (self->arrivals, b);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _mp_database_set_error (db, rc, error);

  return TRUE;
}

char *
mp_report_normalise_answer (const char *answer)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *folded = NULL;
  gboolean space = FALSE;

  if (answer == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (answer, -1);
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, c);
        }
    }

  folded = g_utf8_casefold (out->str, out->len);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_DEFAULT_COMPOSE);
}

/* The spelling most people used, with its spaces tidied. */
static char *
tidy_spelling (const char *answer)
{
  g_autofree char *valid = g_utf8_make_valid (answer, -1);
  g_auto(GStrv) words = g_regex_split_simple ("\\s+", g_strstrip (valid), 0, 0);

  return g_strjoinv (" ", words);
}

/* Between two spellings given equally often: "Vegetar" rather than
 * "VEGETAR" or "vegetar". */
static int
spelling_rank (const char *text)
{
  gboolean has_lower = FALSE;
  int rank = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_islower (g_utf8_get_char (p)))
      has_lower = TRUE;
  if (has_lower)
    rank += 2;
  if (g_unichar_isupper (g_utf8_get_char (text)))
    rank += 1;
  return rank;
}

static gboolean
prefer_spelling (const char *candidate,
                 const char *current)
{
  int a = spelling_rank (candidate), b = spelling_rank (current);

  if (a != b)
    return a > b;
  return strcmp (candidate, current) < 0;
}

typedef struct
{
  char  *spelling;
  guint  spelling_count;
  guint  count;
} AnswerGroup;

static void
answer_group_free (gpointer data)
{
  AnswerGroup *g = data;

  g_free (g->spelling);
  g_free (g);
}

static int
compare_answers (gconstpointer a,
                 gconstpointer b)
{
  const MpAnswerCount *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_utf8_collate (x->answer, y->answer);
}

static gboolean
load_answers (MpReport     *self,
              MpDatabase   *db,
              gint64        event_id,
              MpAnswerKind  kind,
              GError      **error)
{
  /* Exact spellings are grouped in SQL; the few distinct ones are then
   * merged by their normalised form here. */
  static const char *const sql[MP_N_ANSWER_KINDS] = {
    "SELECT dietary, count(*) FROM registration"
    " WHERE event_id = ? AND status = 'registered' AND dietary IS NOT NULL AND " MP_STORE_SETTLED ("registration")
    " GROUP BY dietary",
    "SELECT accessibility, count(*) FROM registration"
    " WHERE event_id = ? AND status = 'registered' AND accessibility IS NOT NULL AND " MP_STORE_SETTLED ("registration")
    " GROUP BY accessibility",
    "SELECT interpreter, count(*) FROM registration"
    " WHERE event_id = ? AND status = 'registered' AND interpreter IS NOT NULL AND " MP_STORE_SETTLED ("registration")
    " GROUP BY interpreter",
  };
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db, sql[kind], error);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, answer_group_free);
  GHashTableIter iter;
  AnswerGroup *group;
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = _mp_column_text (stmt, 0);
      guint n = sqlite3_column_int (stmt, 1);
      g_autofree char *key = mp_report_normalise_answer (text);
      g_autofree char *spelling = NULL;

      if (key[0] == '\0')
        continue;

      spelling = tidy_spelling (text);
      group = g_hash_table_lookup (groups, key);
      if (group == NULL)
        {
          group = g_new0 (AnswerGroup, 1);
          g_hash_table_insert (groups, g_steal_pointer (&key), group);
        }
      group->count += n;
      if (group->spelling == NULL || n > group->spelling_count ||
          (n == group->spelling_count && prefer_spelling (spelling, group->spelling)))
        {
          g_free (group->spelling);
          group->spelling = g_steal_pointer (&spelling);
          group->spelling_count = n;
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _mp_database_set_error (db, rc, error);

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &group))
    {
      MpAnswerCount c = { g_steal_pointer (&group->spelling), group->count };
      g_array_append_val (self->answers[kind], c);
    }
  g_array_sort (self->answers[kind], compare_answers);

  return TRUE;
}

/* Registrations whose check-in that counts (mp-admissions.h: the
 * earliest not undone) admitted them by exception. */
static gboolean
count_exceptions (MpReport    *self,
                  MpDatabase  *db,
                  gint64       event_id,
                  GError     **error)
{
  sqlite3_stmt *stmt = _mp_database_prepare_cached (db,
                                                    "SELECT count(*) FROM registration r WHERE r.event_id = ?"
                                                    " AND (SELECT c.exception FROM checkin c WHERE c.registration_id = r.id"
                                                    "  AND c.undoes IS NULL AND NOT EXISTS (SELECT 1 FROM checkin u WHERE u.undoes = c.id)"
                                                    "  ORDER BY c.at, c.uuid LIMIT 1) IS NOT NULL",
                                                    error);
  gint64 n = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  if (!_mp_database_step_int64 (db, stmt, &n, error))
    return FALSE;
  self->n_exceptions = (guint) n;
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
            "  LEFT JOIN organisation o ON o.id = p.organisation_id WHERE r.event_id = ? AND " MP_STORE_SETTLED ("r") ")"
            /* one pass over the registrations, not one per sector */
            ", t AS (SELECT sector_id, count(*) FILTER (WHERE reg) AS reg, count(*) FILTER (WHERE arr) AS arr"
            "  FROM a GROUP BY sector_id)"
            " SELECT s.name, coalesce (t.reg, 0), coalesce (t.arr, 0), s.position"
            " FROM sector s LEFT JOIN t ON t.sector_id = s.id"
            " UNION ALL"
            " SELECT '', t.reg, t.arr, 1e9 FROM t WHERE t.sector_id IS NULL"
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

  if (!load_arrivals (self, db, event_id, error) ||
      !count_exceptions (self, db, event_id, error))
    return NULL;
  self->held = mp_event_get_starts_at (self->event) <= mp_time_now () || self->counts.arrived > 0;

  {
    g_autoptr(GPtrArray) twice = mp_store_list_double_admissions (store, event_id, error);

    if (twice == NULL)
      return NULL;
    self->n_twice = twice->len;
  }

  for (guint k = 0; k < MP_N_ANSWER_KINDS; k++)
    if (!load_answers (self, db, event_id, k, error))
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

guint
mp_report_get_n_exceptions (MpReport *self)
{
  g_return_val_if_fail (MP_IS_REPORT (self), 0);
  return self->n_exceptions;
}

gboolean
mp_report_get_held (MpReport *self)
{
  g_return_val_if_fail (MP_IS_REPORT (self), FALSE);
  return self->held;
}

guint
mp_report_get_n_admitted_twice (MpReport *self)
{
  g_return_val_if_fail (MP_IS_REPORT (self), 0);
  return self->n_twice;
}

double
mp_report_get_no_show_rate (MpReport *self)
{
  guint expected, came;

  g_return_val_if_fail (MP_IS_REPORT (self), 0);

  if (!self->held)
    return 0;

  /* Walk-ins were registered as they arrived: they were never expected. */
  expected = self->counts.registered - MIN (self->counts.registered, self->counts.walk_ins);
  came = self->counts.arrived - MIN (self->counts.arrived, self->counts.walk_ins);
  if (expected == 0)
    return 0;

  return 1.0 - (double) MIN (came, expected) / expected;
}

char *
mp_report_format_no_shows (MpReport *self)
{
  g_return_val_if_fail (MP_IS_REPORT (self), NULL);

  if (!self->held)
    return g_strdup ("–");
  /* Translators: a percentage; %.0f is the number */
  return g_strdup_printf (_("%.0f %%"), 100 * mp_report_get_no_show_rate (self));
}

const char *
mp_report_get_no_shows_caption (MpReport *self)
{
  g_return_val_if_fail (MP_IS_REPORT (self), NULL);

  return self->held ? _("No-shows") : _("Not held yet");
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

guint
mp_report_get_n_arrival_buckets (MpReport *self)
{
  g_return_val_if_fail (MP_IS_REPORT (self), 0);
  return self->arrivals->len;
}

const MpArrivalBucket *
mp_report_get_arrival_bucket (MpReport *self,
                              guint     i)
{
  g_return_val_if_fail (MP_IS_REPORT (self), NULL);
  g_return_val_if_fail (i < self->arrivals->len, NULL);
  return &g_array_index (self->arrivals, MpArrivalBucket, i);
}

guint
mp_report_get_n_answers (MpReport     *self,
                         MpAnswerKind  kind)
{
  g_return_val_if_fail (MP_IS_REPORT (self), 0);
  g_return_val_if_fail (kind < MP_N_ANSWER_KINDS, 0);
  return self->answers[kind]->len;
}

const MpAnswerCount *
mp_report_get_answer (MpReport     *self,
                      MpAnswerKind  kind,
                      guint         i)
{
  g_return_val_if_fail (MP_IS_REPORT (self), NULL);
  g_return_val_if_fail (kind < MP_N_ANSWER_KINDS, NULL);
  g_return_val_if_fail (i < self->answers[kind]->len, NULL);
  return &g_array_index (self->answers[kind], MpAnswerCount, i);
}

const char *
mp_answer_kind_get_title (MpAnswerKind kind)
{
  switch (kind)
    {
    case MP_ANSWER_DIETARY:
      return _("Dietary needs");
    case MP_ANSWER_ACCESSIBILITY:
      return _("Accessibility needs");
    case MP_ANSWER_INTERPRETER:
      return _("Interpreter languages");
    case MP_N_ANSWER_KINDS:
    default:
      g_return_val_if_reached ("");
    }
}
