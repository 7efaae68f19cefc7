#define G_LOG_DOMAIN "mp-attendee-list"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "mp-attendee-list.h"
#include "mp-database-private.h"
#include "mp-store-private.h"
#include "mp-text.h"
#include "mp-text-private.h"

/* Enough for several screens of rows in both directions; the list view
 * holds its own references to the rows it shows. */
#define CACHE_SIZE 256

typedef struct
{
  gint64      registration_id;
  MpAttendee *attendee;
} CacheEntry;

#define NO_RANK G_MAXUINT32

/* What the list sorts and filters by, per position of the index's name
 * order. Read only when a sort other than by name, or a filter, asks. */
typedef struct
{
  guint32 *organisation_rank;  /* Norwegian order of the organisation's name */
  guint32 *sector_rank;        /* Norwegian order of the sector's name */
  gint64  *sector_id;          /* 0: none */
  guint8  *status;             /* MpRegistrationStatus */
  gint64  *arrived_at;         /* 0: not arrived */
  guint32 *given_rank;         /* first-name order; NULL until that sort asks */
} Facets;

struct _MpAttendeeList
{
  GObject          parent_instance;

  MpStore         *store;
  gint64           event_id;
  MpAttendeeIndex *index;
  char            *query;
  GArray          *positions;  /* guint, into the index's name order */

  MpAttendeeSort   sort;
  gboolean         descending;
  gint64           filter_sector;
  int              filter_status;
  MpAttendeeArrivedFilter filter_arrived;
  Facets          *facets;     /* NULL until needed */
  guint32         *order;      /* every position, in the sort; NULL until needed */

  GQueue           lru;        /* CacheEntry *, most recently used first */
  GHashTable      *cache;      /* registration id → GList * in lru */
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_EVENT_ID,
  PROP_QUERY,
  PROP_N_ATTENDEES,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MpAttendeeList, mp_attendee_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_clear_object (&entry->attendee);
  g_free (entry);
}

static void
mp_attendee_list_clear_cache (MpAttendeeList *self)
{
  g_hash_table_remove_all (self->cache);
  g_queue_clear_full (&self->lru, cache_entry_free);
}

static MpAttendee *
mp_attendee_list_lookup (MpAttendeeList *self,
                         gint64          registration_id)
{
  g_autoptr(GError) error = NULL;
  CacheEntry *entry;
  GList *link;

  link = g_hash_table_lookup (self->cache, &registration_id);
  if (link != NULL)
    {
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
      return g_object_ref (((CacheEntry *)link->data)->attendee);
    }

  entry = g_new0 (CacheEntry, 1);
  entry->registration_id = registration_id;
  entry->attendee = mp_store_get_attendee (self->store, registration_id, &error);
  if (entry->attendee == NULL)
    {
      /* Erased or deleted since the index was read: show an empty row
       * rather than break the list; the next reload drops it. */
      g_debug ("Registration %" G_GINT64_FORMAT ": %s", registration_id, error->message);
      entry->attendee = mp_attendee_new ();
    }

  if (self->lru.length >= CACHE_SIZE)
    {
      CacheEntry *oldest = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->cache, &oldest->registration_id);
      cache_entry_free (oldest);
    }

  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->cache, &entry->registration_id, self->lru.head);

  return g_object_ref (entry->attendee);
}

static void
facets_free (Facets *facets)
{
  if (facets == NULL)
    return;
  g_free (facets->organisation_rank);
  g_free (facets->sector_rank);
  g_free (facets->sector_id);
  g_free (facets->status);
  g_free (facets->arrived_at);
  g_free (facets->given_rank);
  g_free (facets);
}

typedef struct
{
  gint64 id;
  guint  position;
} IdPosition;

static int
compare_id_positions (gconstpointer a,
                      gconstpointer b)
{
  const IdPosition *x = a, *y = b;

  return (x->id > y->id) - (x->id < y->id);
}

typedef struct
{
  gint64  id;
  GBytes *key;
} Named;

static int
compare_named (gconstpointer a,
               gconstpointer b)
{
  const Named *x = a, *y = b;
  gsize nx, ny;
  const guint8 *kx = g_bytes_get_data (x->key, &nx);
  const guint8 *ky = g_bytes_get_data (y->key, &ny);
  int c = memcmp (kx, ky, MIN (nx, ny));

  if (c != 0)
    return c;
  if (nx != ny)
    return nx < ny ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* @names: gint64 id → name (borrowed). Fills @ranks: id → rank + 1, the
 * Norwegian order of the names. */
static void
rank_names (GHashTable *names,
            GHashTable *ranks)
{
  g_autoptr(GArray) named = g_array_new (FALSE, FALSE, sizeof (Named));
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Named n = { *(gint64 *) key, mp_text_sort_key (value) };

      g_array_append_val (named, n);
    }
  g_array_sort (named, compare_named);

  for (guint i = 0; i < named->len; i++)
    {
      Named *n = &g_array_index (named, Named, i);

      g_hash_table_insert (ranks, g_memdup2 (&n->id, sizeof n->id), GUINT_TO_POINTER (i + 1));
      g_bytes_unref (n->key);
    }
}

static guint32
lookup_rank (GHashTable *ranks,
             gint64      id)
{
  guint rank = id != 0 ? GPOINTER_TO_UINT (g_hash_table_lookup (ranks, &id)) : 0;

  return rank != 0 ? rank - 1 : NO_RANK;
}

#define FACETS_SELECT \
  "SELECT r.id, p.organisation_id, o.name, coalesce (p.sector_id, o.sector_id), s.name, r.status," \
  " c.at" \
  " FROM registration r" \
  " JOIN person p ON p.id = r.person_id" \
  " LEFT JOIN organisation o ON o.id = p.organisation_id" \
  " LEFT JOIN sector s ON s.id = coalesce (p.sector_id, o.sector_id)" \
  " LEFT JOIN checkin c ON c.id = r.checkin_id" \
  " WHERE r.event_id = ? AND " MP_STORE_SETTLED ("r")

typedef struct
{
  gint64  registration_id;
  gint64  organisation_id;
  gint64  sector_id;
  gint64  arrived_at;
  guint8  status;
} FacetRow;

static Facets *
facets_load (MpStore          *store,
             MpAttendeeIndex  *index,
             gint64            event_id,
             GError          **error)
{
  MpDatabase *database = mp_store_get_database (store);
  guint n = mp_attendee_index_get_n_attendees (index);
  g_autofree IdPosition *by_id = g_new (IdPosition, MAX (n, 1));
  g_autoptr(GArray) rows = g_array_sized_new (FALSE, FALSE, sizeof (FacetRow), n);
  g_autoptr(GHashTable) organisations = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) sectors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) organisation_ranks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) sector_ranks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  Facets *facets;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _mp_database_prepare_cached (database, FACETS_SELECT, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FacetRow row = { 0 };
      MpRegistrationStatus status = MP_REGISTRATION_STATUS_REGISTERED;

      row.registration_id = sqlite3_column_int64 (stmt, 0);
      row.organisation_id = sqlite3_column_int64 (stmt, 1);
      row.sector_id = sqlite3_column_int64 (stmt, 3);
      mp_registration_status_from_string (_mp_column_text (stmt, 5), &status);
      row.status = status;
      row.arrived_at = sqlite3_column_int64 (stmt, 6);

      if (row.organisation_id != 0 && !g_hash_table_contains (organisations, &row.organisation_id))
        g_hash_table_insert (organisations, g_memdup2 (&row.organisation_id, sizeof (gint64)),
                             g_strdup (_mp_column_text (stmt, 2)));
      if (row.sector_id != 0 && !g_hash_table_contains (sectors, &row.sector_id))
        g_hash_table_insert (sectors, g_memdup2 (&row.sector_id, sizeof (gint64)),
                             g_strdup (_mp_column_text (stmt, 4)));
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _mp_database_set_error (database, rc, error);
      return NULL;
    }

  rank_names (organisations, organisation_ranks);
  rank_names (sectors, sector_ranks);

  for (guint p = 0; p < n; p++)
    {
      by_id[p].id = mp_attendee_index_get_registration_id (index, p);
      by_id[p].position = p;
    }
  qsort (by_id, n, sizeof (IdPosition), compare_id_positions);

  facets = g_new0 (Facets, 1);
  facets->organisation_rank = g_new (guint32, MAX (n, 1));
  facets->sector_rank = g_new (guint32, MAX (n, 1));
  facets->sector_id = g_new0 (gint64, MAX (n, 1));
  facets->status = g_new0 (guint8, MAX (n, 1));
  facets->arrived_at = g_new0 (gint64, MAX (n, 1));
  for (guint p = 0; p < n; p++)
    facets->organisation_rank[p] = facets->sector_rank[p] = NO_RANK;

  for (guint i = 0; i < rows->len; i++)
    {
      const FacetRow *row = &g_array_index (rows, FacetRow, i);
      IdPosition wanted = { row->registration_id, 0 };
      const IdPosition *found = n > 0 ? bsearch (&wanted, by_id, n, sizeof (IdPosition), compare_id_positions) : NULL;
      guint p;

      /* Registered after the index was read: the next reload has it. */
      if (found == NULL)
        continue;

      p = found->position;
      facets->organisation_rank[p] = lookup_rank (organisation_ranks, row->organisation_id);
      facets->sector_rank[p] = lookup_rank (sector_ranks, row->sector_id);
      facets->sector_id[p] = row->sector_id;
      facets->status[p] = row->status;
      facets->arrived_at[p] = row->arrived_at;
    }

  return facets;
}

/* A name's first-name key, in one pool for all (no allocation per
 * name): the Norwegian weights of the name as written, an end mark,
 * then its bytes. */
typedef struct
{
  gsize  offset;
  guint  length;
  guint  position;
} KeyedPosition;

static int
compare_keyed_positions (const void *a,
                         const void *b,
                         void       *pool)
{
  const KeyedPosition *x = a, *y = b;
  const guint8 *keys = pool;
  int c = memcmp (keys + x->offset, keys + y->offset, MIN (x->length, y->length));

  if (c != 0)
    return c;
  if (x->length != y->length)
    return x->length < y->length ? -1 : 1;
  return (x->position > y->position) - (x->position < y->position);
}

/* The first-name order of every position: the names as written ("Given
 * Family") in Norwegian order. Made only when a list sorts so (the
 * index is in surname order, person.sort_key). */
static guint32 *
given_rank_load (MpStore          *store,
                 MpAttendeeIndex  *index,
                 gint64            event_id,
                 GError          **error)
{
  MpDatabase *database = mp_store_get_database (store);
  guint n = mp_attendee_index_get_n_attendees (index);
  g_autofree IdPosition *by_id = g_new (IdPosition, MAX (n, 1));
  g_autofree KeyedPosition *keyed = g_new0 (KeyedPosition, MAX (n, 1));
  g_autoptr(GByteArray) pool = g_byte_array_sized_new (32 * MAX (n, 1));
  static const guint8 end = 0x00;
  guint32 *rank;
  guint n_keyed = 0;
  sqlite3_stmt *stmt;
  int rc;

  for (guint p = 0; p < n; p++)
    {
      by_id[p].id = mp_attendee_index_get_registration_id (index, p);
      by_id[p].position = p;
    }
  qsort (by_id, n, sizeof (IdPosition), compare_id_positions);

  stmt = _mp_database_prepare_cached (database,
                                      "SELECT r.id, p.name FROM registration r JOIN person p ON p.id = r.person_id"
                                      " WHERE r.event_id = ?",
                                      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IdPosition wanted = { sqlite3_column_int64 (stmt, 0), 0 };
      const IdPosition *found = n > 0 ? bsearch (&wanted, by_id, n, sizeof (IdPosition), compare_id_positions) : NULL;

      /* Registered after the index was read: the next reload has it. */
      if (found == NULL || n_keyed >= n)
        continue;
      {
        const char *name = _mp_column_text (stmt, 1);

        keyed[n_keyed].offset = pool->len;
        _mp_text_append_sort_weights (pool, name);
        g_byte_array_append (pool, &end, 1);
        g_byte_array_append (pool, (const guint8 *) name, strlen (name));
        keyed[n_keyed].length = (guint) (pool->len - keyed[n_keyed].offset);
        keyed[n_keyed].position = found->position;
        n_keyed++;
      }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _mp_database_set_error (database, rc, error);
      return NULL;
    }

  qsort_r (keyed, n_keyed, sizeof (KeyedPosition), compare_keyed_positions, pool->data);

  rank = g_new (guint32, MAX (n, 1));
  for (guint p = 0; p < n; p++)
    rank[p] = NO_RANK - 1;
  for (guint i = 0; i < n_keyed; i++)
    rank[keyed[i].position] = i;

  return rank;
}

/* Sorts @keys on their low @bits bits, 16 at a time (LSD radix). */
static void
radix_sort_u64 (guint64 *keys,
                gsize    n,
                guint    bits)
{
  enum { DIGIT = 16, BUCKETS = 1 << DIGIT };
  g_autofree gsize *count = g_new (gsize, BUCKETS);
  g_autofree guint64 *tmp = g_new (guint64, MAX (n, 1));
  guint64 *from = keys, *to = tmp;

  for (guint shift = 0; shift < bits; shift += DIGIT)
    {
      gsize sum = 0;
      guint64 *swap;

      memset (count, 0, BUCKETS * sizeof (gsize));
      for (gsize i = 0; i < n; i++)
        count[(from[i] >> shift) & (BUCKETS - 1)]++;
      /* every key has the same digit here: nothing to move */
      if (count[(from[0] >> shift) & (BUCKETS - 1)] == n)
        continue;
      for (guint d = 0; d < BUCKETS; d++)
        {
          gsize c = count[d];
          count[d] = sum;
          sum += c;
        }
      for (gsize i = 0; i < n; i++)
        to[count[(from[i] >> shift) & (BUCKETS - 1)]++] = from[i];

      swap = from;
      from = to;
      to = swap;
    }

  if (from != keys)
    memcpy (keys, from, n * sizeof (guint64));
}

static guint
bits_for (guint n)
{
  guint bits = 1;

  while (bits < 32 && (G_GUINT64_CONSTANT (1) << bits) < n)
    bits++;
  return bits;
}

/* Every position of the index in the current sort: the sort value, then
 * the name order, as one 64-bit key per position. */
static guint32 *
compute_order (MpAttendeeList *self)
{
  guint n = mp_attendee_index_get_n_attendees (self->index);
  g_autofree guint64 *keys = g_new (guint64, MAX (n, 1));
  guint32 *order = g_new (guint32, MAX (n, 1));
  guint position_bits = bits_for (n);

  for (guint p = 0; p < n; p++)
    {
      guint32 value = 0;

      switch (self->sort)
        {
        case MP_ATTENDEE_SORT_NAME:
          value = 0;
          break;
        case MP_ATTENDEE_SORT_ORGANISATION:
          value = self->facets->organisation_rank[p];
          break;
        case MP_ATTENDEE_SORT_SECTOR:
          value = self->facets->sector_rank[p];
          break;
        case MP_ATTENDEE_SORT_STATUS:
          value = self->facets->status[p];
          break;
        case MP_ATTENDEE_SORT_GIVEN_NAME:
          value = self->facets->given_rank != NULL ? self->facets->given_rank[p] : 0;
          break;
        case MP_ATTENDEE_SORT_ARRIVED:
        default:
          value = self->facets->arrived_at[p] > 0 ? (guint32) MIN (self->facets->arrived_at[p], (gint64) NO_RANK - 1) : NO_RANK;
          break;
        }

      /* Empty values stay last; names among equals stay A to Å. */
      if (self->descending && value != NO_RANK)
        value = NO_RANK - 1 - value;
      if (self->descending && self->sort == MP_ATTENDEE_SORT_NAME)
        keys[p] = n - 1 - p;
      else
        keys[p] = ((guint64) value << position_bits) | p;
    }

  if (self->sort != MP_ATTENDEE_SORT_NAME && n > 0)
    radix_sort_u64 (keys, n, 32 + position_bits);

  for (guint i = 0; i < n; i++)
    order[i] = self->sort == MP_ATTENDEE_SORT_NAME && self->descending
               ? (guint32) keys[i]
               : (guint32) (keys[i] & ((G_GUINT64_CONSTANT (1) << position_bits) - 1));

  return order;
}

static void
mp_attendee_list_ensure_given_rank (MpAttendeeList *self)
{
  g_autoptr(GError) error = NULL;

  if (self->sort != MP_ATTENDEE_SORT_GIVEN_NAME || self->facets == NULL || self->facets->given_rank != NULL)
    return;
  self->facets->given_rank = given_rank_load (self->store, self->index, self->event_id, &error);
  if (self->facets->given_rank == NULL)
    g_warning ("Cannot sort attendees by first name: %s", error->message);
}

static gboolean
mp_attendee_list_needs_facets (MpAttendeeList *self)
{
  return self->sort != MP_ATTENDEE_SORT_NAME || mp_attendee_list_get_filtered (self);
}

static gboolean
passes_filter (MpAttendeeList *self,
               guint           p)
{
  const Facets *f = self->facets;

  if (self->filter_sector == MP_ATTENDEE_SECTOR_NONE && f->sector_id[p] != 0)
    return FALSE;
  if (self->filter_sector > 0 && f->sector_id[p] != self->filter_sector)
    return FALSE;
  if (self->filter_status != MP_ATTENDEE_STATUS_ANY && f->status[p] != self->filter_status)
    return FALSE;
  if (self->filter_arrived == MP_ATTENDEE_ARRIVED_YES && f->arrived_at[p] == 0)
    return FALSE;
  if (self->filter_arrived == MP_ATTENDEE_ARRIVED_NO && f->arrived_at[p] != 0)
    return FALSE;
  return TRUE;
}

/* The positions to show: the query's matches that pass the filter, in
 * the sort. Loads what sorting and filtering need on first use. */
static GArray *
compute_positions (MpAttendeeList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) matches = NULL;
  g_autofree guint64 *bits = NULL;
  gboolean all = self->query == NULL;
  gboolean filtered;
  GArray *positions;
  guint n;

  if (self->index == NULL)
    return NULL;

  matches = mp_attendee_index_search (self->index, self->query != NULL ? self->query : "", 0, NULL);
  if (!mp_attendee_list_needs_facets (self) && !self->descending)
    return g_steal_pointer (&matches);

  if (self->facets == NULL && mp_attendee_list_needs_facets (self))
    {
      self->facets = facets_load (self->store, self->index, self->event_id, &error);
      if (self->facets == NULL)
        {
          /* The database failed: show the name order unfiltered rather than nothing. */
          g_warning ("Cannot sort or filter attendees: %s", error->message);
          return g_steal_pointer (&matches);
        }
    }
  mp_attendee_list_ensure_given_rank (self);
  if (self->order == NULL)
    self->order = compute_order (self);

  n = mp_attendee_index_get_n_attendees (self->index);
  if (!all)
    {
      bits = g_new0 (guint64, (n + 63) / 64 + 1);
      for (guint i = 0; i < matches->len; i++)
        {
          guint p = g_array_index (matches, guint, i);
          bits[p / 64] |= G_GUINT64_CONSTANT (1) << (p % 64);
        }
    }

  filtered = mp_attendee_list_get_filtered (self);
  positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), all && !filtered ? n : matches->len);
  for (guint i = 0; i < n; i++)
    {
      guint p = self->order[i];

      if (!all && (bits[p / 64] & (G_GUINT64_CONSTANT (1) << (p % 64))) == 0)
        continue;
      if (filtered && !passes_filter (self, p))
        continue;
      g_array_append_val (positions, p);
    }

  return positions;
}

static gboolean
attendee_equal (MpAttendee *a,
                MpAttendee *b)
{
  return mp_attendee_get_registration_id (a) == mp_attendee_get_registration_id (b) &&
         mp_attendee_get_person_id (a) == mp_attendee_get_person_id (b) &&
         mp_attendee_get_status (a) == mp_attendee_get_status (b) &&
         mp_attendee_get_checkin_id (a) == mp_attendee_get_checkin_id (b) &&
         mp_attendee_get_consent_followup (a) == mp_attendee_get_consent_followup (b) &&
         mp_attendee_get_consent_photo (a) == mp_attendee_get_consent_photo (b) &&
         mp_attendee_get_ticket_mail (a) == mp_attendee_get_ticket_mail (b) &&
         g_strcmp0 (mp_attendee_get_name (a), mp_attendee_get_name (b)) == 0 &&
         g_strcmp0 (mp_attendee_get_email (a), mp_attendee_get_email (b)) == 0 &&
         g_strcmp0 (mp_attendee_get_phone (a), mp_attendee_get_phone (b)) == 0 &&
         g_strcmp0 (mp_attendee_get_organisation (a), mp_attendee_get_organisation (b)) == 0 &&
         g_strcmp0 (mp_attendee_get_sector (a), mp_attendee_get_sector (b)) == 0 &&
         g_strcmp0 (mp_attendee_get_dietary (a), mp_attendee_get_dietary (b)) == 0 &&
         g_strcmp0 (mp_attendee_get_accessibility (a), mp_attendee_get_accessibility (b)) == 0 &&
         g_strcmp0 (mp_attendee_get_interpreter (a), mp_attendee_get_interpreter (b)) == 0;
}

static GType
mp_attendee_list_get_item_type (GListModel *model)
{
  return MP_TYPE_ATTENDEE;
}

static guint
mp_attendee_list_get_n_items (GListModel *model)
{
  MpAttendeeList *self = MP_ATTENDEE_LIST (model);

  return self->positions != NULL ? self->positions->len : 0;
}

static gpointer
mp_attendee_list_get_item (GListModel *model,
                           guint       position)
{
  MpAttendeeList *self = MP_ATTENDEE_LIST (model);
  guint index_position;

  if (self->positions == NULL || position >= self->positions->len)
    return NULL;

  index_position = g_array_index (self->positions, guint, position);
  return mp_attendee_list_lookup (self,
                                  mp_attendee_index_get_registration_id (self->index, index_position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mp_attendee_list_get_item_type;
  iface->get_n_items = mp_attendee_list_get_n_items;
  iface->get_item = mp_attendee_list_get_item;
}

/* Puts @positions in place of the current ones, which differ in
 * @removed rows at @position replaced by @added, and tells the views.
 *
 * Note for GTK 4.8: a list view told that many rows were replaced by
 * many others fetches every added item to look for rows it can reuse,
 * and here each fetch may be a query. The window therefore does not
 * show this list directly but through MpAttendeeRows (src/ui), which
 * keeps its rows and tells the view only how the length changed. */
static void
mp_attendee_list_replace (MpAttendeeList *self,
                          guint           position,
                          guint           removed,
                          guint           added,
                          GArray         *positions)
{
  g_clear_pointer (&self->positions, g_array_unref);
  self->positions = positions;
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* Runs the query on the current index and tells the views. */
static void
mp_attendee_list_update_positions (MpAttendeeList *self)
{
  guint old_n = mp_attendee_list_get_n_items (G_LIST_MODEL (self));
  g_autoptr(GArray) positions = compute_positions (self);
  guint new_n = positions != NULL ? positions->len : 0;

  mp_attendee_list_replace (self, 0, old_n, new_n, g_steal_pointer (&positions));
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
mp_attendee_list_finalize (GObject *object)
{
  MpAttendeeList *self = (MpAttendeeList *)object;

  mp_attendee_list_clear_cache (self);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->facets, facets_free);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->positions, g_array_unref);
  g_clear_pointer (&self->query, g_free);
  g_clear_object (&self->index);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mp_attendee_list_parent_class)->finalize (object);
}

static void
mp_attendee_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MpAttendeeList *self = MP_ATTENDEE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_EVENT_ID:
      g_value_set_int64 (value, self->event_id);
      break;

    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;

    case PROP_N_ATTENDEES:
      g_value_set_uint (value, mp_attendee_list_get_n_attendees (self));
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, mp_attendee_list_get_n_items (G_LIST_MODEL (self)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_attendee_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MpAttendeeList *self = MP_ATTENDEE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_EVENT_ID:
      self->event_id = g_value_get_int64 (value);
      break;

    case PROP_QUERY:
      mp_attendee_list_set_query (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_attendee_list_class_init (MpAttendeeListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mp_attendee_list_finalize;
  object_class->get_property = mp_attendee_list_get_property;
  object_class->set_property = mp_attendee_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENT_ID] =
    g_param_spec_int64 ("event-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ATTENDEES] =
    g_param_spec_uint ("n-attendees", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mp_attendee_list_init (MpAttendeeList *self)
{
  g_queue_init (&self->lru);
  self->filter_status = MP_ATTENDEE_STATUS_ANY;
  self->cache = g_hash_table_new (g_int64_hash, g_int64_equal);
}

MpAttendeeList *
mp_attendee_list_new (MpStore  *store,
                      gint64    event_id,
                      GError  **error)
{
  g_autoptr(MpAttendeeList) self = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  self = g_object_new (MP_TYPE_ATTENDEE_LIST,
                       "store", store,
                       "event-id", event_id,
                       NULL);
  if (!mp_attendee_list_reload (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

MpStore *
mp_attendee_list_get_store (MpAttendeeList *self)
{
  g_return_val_if_fail (MP_IS_ATTENDEE_LIST (self), NULL);

  return self->store;
}

gint64
mp_attendee_list_get_event_id (MpAttendeeList *self)
{
  g_return_val_if_fail (MP_IS_ATTENDEE_LIST (self), 0);

  return self->event_id;
}

guint
mp_attendee_list_get_n_attendees (MpAttendeeList *self)
{
  g_return_val_if_fail (MP_IS_ATTENDEE_LIST (self), 0);

  return self->index != NULL ? mp_attendee_index_get_n_attendees (self->index) : 0;
}

const char *
mp_attendee_list_get_query (MpAttendeeList *self)
{
  g_return_val_if_fail (MP_IS_ATTENDEE_LIST (self), NULL);

  return self->query != NULL ? self->query : "";
}

void
mp_attendee_list_set_query (MpAttendeeList *self,
                            const char     *query)
{
  g_return_if_fail (MP_IS_ATTENDEE_LIST (self));

  if (query != NULL && query[0] == '\0')
    query = NULL;

  if (g_strcmp0 (self->query, query) == 0)
    return;

  g_free (self->query);
  self->query = g_strdup (query);

  mp_attendee_list_update_positions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

/* The registrations at @positions of the current index, in order. */
static GArray *
dup_ids (MpAttendeeList *self,
         GArray         *positions)
{
  guint n = positions != NULL ? positions->len : 0;
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  for (guint i = 0; i < n; i++)
    {
      gint64 id = mp_attendee_index_get_registration_id (self->index, g_array_index (positions, guint, i));

      g_array_append_val (ids, id);
    }

  return ids;
}

/* Re-reads the attendees in the cache (those the views hold); returns
 * the registration ids of the ones that changed. */
static GHashTable *
refresh_cache (MpAttendeeList *self)
{
  GHashTable *changed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GList *link = self->lru.head;

  while (link != NULL)
    {
      CacheEntry *entry = link->data;
      GList *next = link->next;
      g_autoptr(GError) error = NULL;
      g_autoptr(MpAttendee) fresh = mp_store_get_attendee (self->store, entry->registration_id, &error);

      if (fresh == NULL)
        {
          /* gone: forget it; its row goes with the index */
          g_hash_table_remove (self->cache, &entry->registration_id);
          g_queue_delete_link (&self->lru, link);
          cache_entry_free (entry);
        }
      else if (!attendee_equal (entry->attendee, fresh))
        {
          g_set_object (&entry->attendee, fresh);
          g_hash_table_add (changed, g_memdup2 (&entry->registration_id, sizeof (gint64)));
        }

      link = next;
    }

  return changed;
}

gboolean
mp_attendee_list_reload (MpAttendeeList  *self,
                         GError         **error)
{
  g_autoptr(MpAttendeeIndex) index = NULL;
  g_autoptr(GArray) old_ids = NULL;
  g_autoptr(GArray) new_ids = NULL;
  g_autoptr(GHashTable) changed = NULL;
  GArray *positions;
  Facets *facets = NULL;
  guint old_n_attendees, old_n, new_n, prefix = 0, suffix = 0;

  g_return_val_if_fail (MP_IS_ATTENDEE_LIST (self), FALSE);

  index = mp_store_get_attendee_index (self->store, self->event_id, error);
  if (index == NULL)
    return FALSE;
  if (mp_attendee_list_needs_facets (self))
    {
      facets = facets_load (self->store, index, self->event_id, error);
      if (facets == NULL)
        return FALSE;
    }

  old_n_attendees = mp_attendee_list_get_n_attendees (self);
  if (self->index != NULL)
    old_ids = dup_ids (self, self->positions);

  g_set_object (&self->index, index);
  g_clear_pointer (&self->facets, facets_free);
  self->facets = facets;
  g_clear_pointer (&self->order, g_free);
  /* self->positions belong to the old index until replaced below */
  positions = compute_positions (self);
  changed = refresh_cache (self);

  new_ids = dup_ids (self, positions);
  old_n = old_ids != NULL ? old_ids->len : 0;
  new_n = new_ids->len;

  /* Only the rows between an unchanged start and end are replaced. */
  while (prefix < old_n && prefix < new_n &&
         g_array_index (old_ids, gint64, prefix) == g_array_index (new_ids, gint64, prefix))
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix &&
         g_array_index (old_ids, gint64, old_n - 1 - suffix) == g_array_index (new_ids, gint64, new_n - 1 - suffix))
    suffix++;

  mp_attendee_list_replace (self, prefix, old_n - prefix - suffix, new_n - prefix - suffix, positions);

  /* Rows outside that range whose attendee changed. */
  if (g_hash_table_size (changed) > 0)
    for (guint i = 0; i < new_n; i++)
      {
        if (i == prefix)
          i = new_n - suffix;
        if (i >= new_n)
          break;
        if (g_hash_table_contains (changed, &g_array_index (new_ids, gint64, i)))
          g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
      }

  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (old_n_attendees != mp_attendee_list_get_n_attendees (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ATTENDEES]);

  return TRUE;
}

void
mp_attendee_list_set_sort (MpAttendeeList *self,
                           MpAttendeeSort  sort,
                           gboolean        descending)
{
  g_return_if_fail (MP_IS_ATTENDEE_LIST (self));
  g_return_if_fail (sort <= MP_ATTENDEE_SORT_GIVEN_NAME);

  descending = !!descending;
  if (self->sort == sort && self->descending == descending)
    return;

  self->sort = sort;
  self->descending = descending;
  g_clear_pointer (&self->order, g_free);
  mp_attendee_list_update_positions (self);
}

MpAttendeeSort
mp_attendee_list_get_sort (MpAttendeeList *self,
                           gboolean       *descending)
{
  g_return_val_if_fail (MP_IS_ATTENDEE_LIST (self), MP_ATTENDEE_SORT_NAME);

  if (descending != NULL)
    *descending = self->descending;
  return self->sort;
}

void
mp_attendee_list_set_filter (MpAttendeeList          *self,
                             gint64                   sector_id,
                             int                      status,
                             MpAttendeeArrivedFilter  arrived)
{
  g_return_if_fail (MP_IS_ATTENDEE_LIST (self));
  g_return_if_fail (status >= MP_ATTENDEE_STATUS_ANY && status <= MP_REGISTRATION_STATUS_CANCELLED);
  g_return_if_fail (arrived <= MP_ATTENDEE_ARRIVED_NO);

  if (self->filter_sector == sector_id && self->filter_status == status && self->filter_arrived == arrived)
    return;

  self->filter_sector = sector_id;
  self->filter_status = status;
  self->filter_arrived = arrived;
  mp_attendee_list_update_positions (self);
}

gboolean
mp_attendee_list_get_filtered (MpAttendeeList *self)
{
  g_return_val_if_fail (MP_IS_ATTENDEE_LIST (self), FALSE);

  return self->filter_sector != MP_ATTENDEE_SECTOR_ANY ||
         self->filter_status != MP_ATTENDEE_STATUS_ANY ||
         self->filter_arrived != MP_ATTENDEE_ARRIVED_ANY;
}

gint64
mp_attendee_list_get_registration_id (MpAttendeeList *self,
                                      guint           position)
{
  g_return_val_if_fail (MP_IS_ATTENDEE_LIST (self), 0);

  if (self->positions == NULL || position >= self->positions->len)
    return 0;
  return mp_attendee_index_get_registration_id (self->index, g_array_index (self->positions, guint, position));
}

int
mp_attendee_list_find_registration (MpAttendeeList *self,
                                    gint64          registration_id)
{
  g_return_val_if_fail (MP_IS_ATTENDEE_LIST (self), -1);

  for (guint i = 0; self->positions != NULL && i < self->positions->len; i++)
    if (mp_attendee_index_get_registration_id (self->index, g_array_index (self->positions, guint, i)) == registration_id)
      return (int) i;

  return -1;
}
