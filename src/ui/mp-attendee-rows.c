#define G_LOG_DOMAIN "mp-attendee-rows"

#include "config.h"

#include "mp-attendee-rows.h"

struct _MpAttendeeRows
{
  GObject         parent_instance;

  MpAttendeeList *list;
  guint           n_items;
  GHashTable     *alive;  /* position → MpAttendeeRow (not owned) */

  guint           visible_first;
  guint           visible_n;
  guint           refresh_source;
  guint           limit;     /* at most this many rows, until lifted */
};

/* Rows this far above and below the visible ones are given their new
 * attendee at once; the view keeps up to 200 rows, the others get theirs
 * just after the frame is drawn (see refresh_stale_rows_cb). */
#define VISIBLE_MARGIN 3
/* Stale rows given their attendee per main-loop turn after the frame. */
#define REFRESH_BATCH 40

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MpAttendeeRows, mp_attendee_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
row_finalized_cb (gpointer  data,
                  GObject  *where_the_object_was)
{
  MpAttendeeRows *self = data;
  GHashTableIter iter;
  gpointer value;

  /* its position may already belong to another row: find it by itself */
  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer) where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        break;
      }
}

static void
forget_row (MpAttendeeRows *self,
            MpAttendeeRow  *row)
{
  g_object_weak_unref (G_OBJECT (row), row_finalized_cb, self);
}

static GType
mp_attendee_rows_get_item_type (GListModel *model)
{
  return MP_TYPE_ATTENDEE_ROW;
}

static guint
mp_attendee_rows_get_n_items (GListModel *model)
{
  return MP_ATTENDEE_ROWS (model)->n_items;
}

static gpointer
mp_attendee_rows_get_item (GListModel *model,
                           guint       position)
{
  MpAttendeeRows *self = MP_ATTENDEE_ROWS (model);
  g_autoptr(MpAttendee) attendee = NULL;
  MpAttendeeRow *row;

  if (position >= self->n_items)
    return NULL;

  row = g_hash_table_lookup (self->alive, GUINT_TO_POINTER (position));
  if (row != NULL)
    {
      if (_mp_attendee_row_get_stale (row))
        {
          attendee = g_list_model_get_item (G_LIST_MODEL (self->list), position);
          _mp_attendee_row_set_attendee (row, attendee);
        }
      return g_object_ref (row);
    }

  attendee = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  row = _mp_attendee_row_new (position, attendee);
  g_object_weak_ref (G_OBJECT (row), row_finalized_cb, self);
  g_hash_table_insert (self->alive, GUINT_TO_POINTER (position), row);
  return row;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mp_attendee_rows_get_item_type;
  iface->get_n_items = mp_attendee_rows_get_n_items;
  iface->get_item = mp_attendee_rows_get_item;
}

static gboolean
is_visible (MpAttendeeRows *self,
            guint           position)
{
  guint first = self->visible_first > VISIBLE_MARGIN ? self->visible_first - VISIBLE_MARGIN : 0;

  return position >= first && position - first < self->visible_n + 2 * VISIBLE_MARGIN;
}

static void
refresh_row (MpAttendeeRows *self,
             MpAttendeeRow  *row)
{
  g_autoptr(MpAttendee) attendee = g_list_model_get_item (G_LIST_MODEL (self->list),
                                                          _mp_attendee_row_get_position (row));

  _mp_attendee_row_set_attendee (row, attendee);
}

/* The rows the view keeps out of sight get their new attendee a few at
 * a time, after the frame that shows the visible ones: a keystroke pays
 * for the twenty rows one sees, not for the two hundred GTK keeps. */
static gboolean
refresh_stale_rows_cb (gpointer data)
{
  MpAttendeeRows *self = data;
  g_autoptr(GPtrArray) stale = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (_mp_attendee_row_get_stale (value))
      g_ptr_array_add (stale, value);

  for (guint i = 0; i < MIN (stale->len, REFRESH_BATCH); i++)
    refresh_row (self, g_ptr_array_index (stale, i));

  if (stale->len > REFRESH_BATCH)
    return G_SOURCE_CONTINUE;

  self->refresh_source = 0;
  return G_SOURCE_REMOVE;
}

static void
mp_attendee_rows_list_changed_cb (MpAttendeeRows *self,
                                  guint           position,
                                  guint           removed,
                                  guint           added,
                                  GListModel     *list)
{
  guint old_n = self->n_items;
  guint new_n = MIN (g_list_model_get_n_items (list), self->limit);
  guint common = MIN (old_n, new_n);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  gboolean any_stale = FALSE;

  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (rows, value);

  /* Rows past the new end go: they are no longer found by position. */
  for (guint i = 0; i < rows->len; i++)
    {
      MpAttendeeRow *row = g_ptr_array_index (rows, i);

      if (_mp_attendee_row_get_position (row) >= new_n)
        {
          g_hash_table_remove (self->alive, GUINT_TO_POINTER (_mp_attendee_row_get_position (row)));
          forget_row (self, row);
          g_ptr_array_index (rows, i) = NULL;
        }
    }

  self->n_items = new_n;

  /* The rows that stay get their new attendee: those in sight now, the
   * others soon after. */
  for (guint i = 0; i < rows->len; i++)
    {
      MpAttendeeRow *row = g_ptr_array_index (rows, i);
      guint p;

      if (row == NULL)
        continue;
      p = _mp_attendee_row_get_position (row);
      if (p < position || p >= common)
        continue;
      if (is_visible (self, p))
        refresh_row (self, row);
      else
        {
          _mp_attendee_row_set_stale (row, TRUE);
          any_stale = TRUE;
        }
    }

  if (any_stale && self->refresh_source == 0)
    {
      /* After GDK_PRIORITY_REDRAW: the frame first. */
      self->refresh_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_stale_rows_cb, self, NULL);
      g_source_set_name_by_id (self->refresh_source, "[moteplass] refresh stale attendee rows");
    }

  if (old_n != new_n)
    g_list_model_items_changed (G_LIST_MODEL (self), common, old_n - common, new_n - common);
}

static void
mp_attendee_rows_dispose (GObject *object)
{
  MpAttendeeRows *self = (MpAttendeeRows *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->alive != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->alive);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        forget_row (self, value);
      g_clear_pointer (&self->alive, g_hash_table_unref);
    }
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (mp_attendee_rows_parent_class)->dispose (object);
}

static void
mp_attendee_rows_class_init (MpAttendeeRowsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mp_attendee_rows_dispose;
}

static void
mp_attendee_rows_init (MpAttendeeRows *self)
{
  self->alive = g_hash_table_new (NULL, NULL);
  self->visible_n = 30;  /* until the view says */
  self->limit = G_MAXUINT;
}

MpAttendeeRows *
mp_attendee_rows_new (MpAttendeeList *list)
{
  MpAttendeeRows *self;

  g_return_val_if_fail (MP_IS_ATTENDEE_LIST (list), NULL);

  self = g_object_new (MP_TYPE_ATTENDEE_ROWS, NULL);
  self->list = g_object_ref (list);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_signal_connect_swapped (list, "items-changed",
                            G_CALLBACK (mp_attendee_rows_list_changed_cb), self);
  return self;
}

MpAttendeeList *
mp_attendee_rows_get_list (MpAttendeeRows *self)
{
  g_return_val_if_fail (MP_IS_ATTENDEE_ROWS (self), NULL);

  return self->list;
}

/**
 * mp_attendee_rows_set_visible:
 * @first: the first position on screen
 * @n: how many positions fit on screen
 *
 * Tells which rows are in sight: when the list changes, these get their
 * new attendee before the next frame, the others just after it.
 */
void
mp_attendee_rows_set_visible (MpAttendeeRows *self,
                              guint           first,
                              guint           n)
{
  g_return_if_fail (MP_IS_ATTENDEE_ROWS (self));

  self->visible_first = first;
  self->visible_n = n;
}

/**
 * mp_attendee_rows_set_limit:
 * @limit: the most rows to show, or %G_MAXUINT for all
 *
 * A list view makes widgets for up to 200 rows, which takes time before
 * it can first be drawn; a page that opens with a short list (the rows in
 * sight) and lets it grow a frame later is on the screen sooner.
 */
void
mp_attendee_rows_set_limit (MpAttendeeRows *self,
                            guint           limit)
{
  guint old_n, new_n;

  g_return_if_fail (MP_IS_ATTENDEE_ROWS (self));

  old_n = self->n_items;
  self->limit = limit;
  new_n = MIN (g_list_model_get_n_items (G_LIST_MODEL (self->list)), limit);
  if (new_n == old_n)
    return;

  if (new_n < old_n)
    {
      /* as a list that got shorter: the rows past the end go */
      mp_attendee_rows_list_changed_cb (self, new_n, 0, 0, G_LIST_MODEL (self->list));
      return;
    }
  self->n_items = new_n;
  g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
}
