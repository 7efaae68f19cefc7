#define G_LOG_DOMAIN "mp-attendee-list"

#include "config.h"

#include "mp-attendee-list.h"

/* Enough for several screens of rows in both directions; the list view
 * holds its own references to the rows it shows. */
#define CACHE_SIZE 256

typedef struct
{
  gint64      registration_id;
  MpAttendee *attendee;
} CacheEntry;

struct _MpAttendeeList
{
  GObject          parent_instance;

  MpStore         *store;
  gint64           event_id;
  MpAttendeeIndex *index;
  char            *query;
  GArray          *positions;  /* guint, into the index's name order */

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

/* Runs the query on the current index and tells the views. */
static void
mp_attendee_list_update_positions (MpAttendeeList *self)
{
  guint old_n = mp_attendee_list_get_n_items (G_LIST_MODEL (self));
  guint new_n;

  g_clear_pointer (&self->positions, g_array_unref);
  if (self->index != NULL)
    self->positions = mp_attendee_index_search (self->index, self->query != NULL ? self->query : "", 0, NULL);
  new_n = mp_attendee_list_get_n_items (G_LIST_MODEL (self));

  if (old_n != 0 || new_n != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
mp_attendee_list_finalize (GObject *object)
{
  MpAttendeeList *self = (MpAttendeeList *)object;

  mp_attendee_list_clear_cache (self);
  g_clear_pointer (&self->cache, g_hash_table_unref);
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

gboolean
mp_attendee_list_reload (MpAttendeeList  *self,
                         GError         **error)
{
  g_autoptr(MpAttendeeIndex) index = NULL;
  guint old_n_attendees;

  g_return_val_if_fail (MP_IS_ATTENDEE_LIST (self), FALSE);

  index = mp_store_get_attendee_index (self->store, self->event_id, error);
  if (index == NULL)
    return FALSE;

  old_n_attendees = mp_attendee_list_get_n_attendees (self);
  g_set_object (&self->index, index);
  mp_attendee_list_clear_cache (self);
  mp_attendee_list_update_positions (self);

  if (old_n_attendees != mp_attendee_list_get_n_attendees (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ATTENDEES]);

  return TRUE;
}
