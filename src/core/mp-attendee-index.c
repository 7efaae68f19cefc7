#define G_LOG_DOMAIN "mp-attendee-index"

#include "config.h"

#include <string.h>

#include "mp-attendee-index-private.h"
#include "mp-text.h"

typedef struct
{
  const char *word;       /* in the string chunk */
  GArray     *positions;  /* guint32, ascending */
} Posting;

struct _MpAttendeeIndex
{
  GObject       parent_instance;

  gint64        event_id;
  gint64        revision;
  GArray       *registration_ids;  /* gint64, in name order */
  GStringChunk *chunk;
  GHashTable   *building;          /* word → Posting *, until sealed */
  GArray       *dictionary;        /* Posting, sorted by word */
};

G_DEFINE_FINAL_TYPE (MpAttendeeIndex, mp_attendee_index, G_TYPE_OBJECT)

static void
posting_clear (gpointer data)
{
  Posting *posting = data;

  g_clear_pointer (&posting->positions, g_array_unref);
}

static void
mp_attendee_index_finalize (GObject *object)
{
  MpAttendeeIndex *self = (MpAttendeeIndex *)object;

  g_clear_pointer (&self->building, g_hash_table_unref);
  g_clear_pointer (&self->dictionary, g_array_unref);
  g_clear_pointer (&self->registration_ids, g_array_unref);
  g_clear_pointer (&self->chunk, g_string_chunk_free);

  G_OBJECT_CLASS (mp_attendee_index_parent_class)->finalize (object);
}

static void
mp_attendee_index_class_init (MpAttendeeIndexClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_attendee_index_finalize;
}

static void
mp_attendee_index_init (MpAttendeeIndex *self)
{
  self->registration_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->chunk = g_string_chunk_new (64 * 1024);
  self->building = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->dictionary = g_array_new (FALSE, FALSE, sizeof (Posting));
  g_array_set_clear_func (self->dictionary, posting_clear);
}

MpAttendeeIndex *
_mp_attendee_index_new (gint64 event_id,
                        gint64 revision)
{
  MpAttendeeIndex *self = g_object_new (MP_TYPE_ATTENDEE_INDEX, NULL);

  self->event_id = event_id;
  self->revision = revision;
  return self;
}

gint64
_mp_attendee_index_get_revision (MpAttendeeIndex *self)
{
  return self->revision;
}

static void
add_words (MpAttendeeIndex *self,
           guint32          position,
           const char      *text)
{
  g_autofree char *folded = NULL;
  char *word, *next;

  if (text == NULL || text[0] == '\0')
    return;

  folded = mp_text_fold (text);

  for (word = folded; word != NULL && *word != '\0'; word = next)
    {
      Posting *posting;

      next = strchr (word, ' ');
      if (next != NULL)
        *next++ = '\0';

      posting = g_hash_table_lookup (self->building, word);
      if (posting == NULL)
        {
          posting = g_new0 (Posting, 1);
          posting->word = g_string_chunk_insert_const (self->chunk, word);
          posting->positions = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 4);
          g_hash_table_insert (self->building, (gpointer) posting->word, posting);
        }

      /* a word twice in one attendee ("Kari Kari@…") counts once */
      if (posting->positions->len == 0 ||
          g_array_index (posting->positions, guint32, posting->positions->len - 1) != position)
        g_array_append_val (posting->positions, position);
    }
}

void
_mp_attendee_index_add (MpAttendeeIndex *self,
                        gint64           registration_id,
                        const char      *name,
                        const char      *organisation,
                        const char      *email)
{
  guint32 position = self->registration_ids->len;

  g_return_if_fail (self->building != NULL);

  g_array_append_val (self->registration_ids, registration_id);
  add_words (self, position, name);
  add_words (self, position, organisation);
  add_words (self, position, email);
}

static int
compare_postings (gconstpointer a,
                  gconstpointer b)
{
  return strcmp (((const Posting *) a)->word, ((const Posting *) b)->word);
}

void
_mp_attendee_index_seal (MpAttendeeIndex *self)
{
  GHashTableIter iter;
  Posting *posting;

  g_return_if_fail (self->building != NULL);

  g_array_set_size (self->dictionary, 0);
  g_hash_table_iter_init (&iter, self->building);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &posting))
    {
      g_array_append_vals (self->dictionary, posting, 1);
      posting->positions = NULL; /* moved */
    }

  g_array_sort (self->dictionary, compare_postings);
  g_clear_pointer (&self->building, g_hash_table_unref);
}

gint64
mp_attendee_index_get_event_id (MpAttendeeIndex *self)
{
  g_return_val_if_fail (MP_IS_ATTENDEE_INDEX (self), 0);
  return self->event_id;
}

guint
mp_attendee_index_get_n_attendees (MpAttendeeIndex *self)
{
  g_return_val_if_fail (MP_IS_ATTENDEE_INDEX (self), 0);
  return self->registration_ids->len;
}

gint64
mp_attendee_index_get_registration_id (MpAttendeeIndex *self,
                                       guint            position)
{
  g_return_val_if_fail (MP_IS_ATTENDEE_INDEX (self), 0);
  g_return_val_if_fail (position < self->registration_ids->len, 0);

  return g_array_index (self->registration_ids, gint64, position);
}

/* First dictionary entry not less than @prefix. */
static guint
lower_bound (GArray     *dictionary,
             const char *prefix)
{
  guint lo = 0, hi = dictionary->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (strcmp (g_array_index (dictionary, Posting, mid).word, prefix) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static void
prefix_bitmap (MpAttendeeIndex *self,
               const char      *prefix,
               guint64         *bits,
               guint            n_words)
{
  gsize len = strlen (prefix);

  memset (bits, 0, n_words * sizeof (guint64));

  for (guint i = lower_bound (self->dictionary, prefix); i < self->dictionary->len; i++)
    {
      const Posting *posting = &g_array_index (self->dictionary, Posting, i);

      if (strncmp (posting->word, prefix, len) != 0)
        break;

      for (guint j = 0; j < posting->positions->len; j++)
        {
          guint32 p = g_array_index (posting->positions, guint32, j);
          bits[p / 64] |= G_GUINT64_CONSTANT (1) << (p % 64);
        }
    }
}

GArray *
mp_attendee_index_search (MpAttendeeIndex *self,
                          const char      *query,
                          guint            limit,
                          guint           *n_total)
{
  g_autofree char *folded = NULL;
  g_autofree guint64 *result = NULL;
  g_autofree guint64 *scratch = NULL;
  g_auto(GStrv) words = NULL;
  guint n = self->registration_ids->len;
  guint n_words = (n + 63) / 64;
  GArray *positions;
  guint total = 0;
  gboolean any = FALSE;

  g_return_val_if_fail (MP_IS_ATTENDEE_INDEX (self), NULL);
  g_return_val_if_fail (self->building == NULL, NULL);

  positions = g_array_new (FALSE, FALSE, sizeof (guint));
  folded = mp_text_fold (query != NULL ? query : "");
  words = g_strsplit (folded, " ", -1);

  result = g_new (guint64, MAX (n_words, 1));
  scratch = g_new (guint64, MAX (n_words, 1));

  for (guint w = 0; words[w] != NULL; w++)
    {
      if (words[w][0] == '\0')
        continue;

      prefix_bitmap (self, words[w], any ? scratch : result, n_words);
      if (any)
        for (guint i = 0; i < n_words; i++)
          result[i] &= scratch[i];
      any = TRUE;
    }

  if (!any)
    {
      /* no words: everyone, in order */
      total = n;
      for (guint p = 0; p < n && (limit == 0 || p < limit); p++)
        g_array_append_val (positions, p);
    }
  else
    {
      for (guint i = 0; i < n_words; i++)
        {
          guint64 bits = result[i];

          total += __builtin_popcountll (bits);
          while (bits != 0 && (limit == 0 || positions->len < limit))
            {
              guint p = i * 64 + __builtin_ctzll (bits);

              g_array_append_val (positions, p);
              bits &= bits - 1;
            }
        }
    }

  if (n_total != NULL)
    *n_total = total;

  return positions;
}
