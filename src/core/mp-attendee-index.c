#define G_LOG_DOMAIN "mp-attendee-index"

#include "config.h"

#include <string.h>

#include "mp-attendee-index-private.h"
#include "mp-text.h"

/* One row as the query gave it, before the name order is known. */
typedef struct
{
  gint64  registration_id;
  guint32 key_offset;     /* in key_pool */
  guint32 key_length;
  guint32 words_offset;   /* in row_words */
  guint32 n_words;
  guint32 organisation;   /* the organisation's words: in row_words too */
  guint32 n_organisation_words;
} Row;

typedef struct
{
  guint32 words_offset;   /* in row_words */
  guint32 n_words;
} Organisation;

struct _MpAttendeeIndex
{
  GObject       parent_instance;

  gint64        event_id;
  gint64        revision;
  GArray       *registration_ids;  /* gint64, in name order, once sealed */
  GStringChunk *chunk;             /* every distinct folded word, once */

  /* Until sealed: the rows in query order and the words of each, as
   * numbers into word_numbers, so that a word is stored only once. */
  GArray       *rows;              /* Row */
  GByteArray   *key_pool;          /* sort keys, back to back */
  GArray       *row_words;         /* guint32 word numbers */
  GPtrArray    *words;             /* word number → word in chunk */
  GHashTable   *word_numbers;      /* word → word number + 1 */
  GHashTable   *organisations;     /* gint64 id → Organisation */
  char         *scratch;           /* for folding */
  gsize         scratch_size;

  /* Sealed: the dictionary in word order, and for entry k the positions
   * postings[offsets[k]] … postings[offsets[k + 1] - 1], ascending. */
  const char  **dictionary;
  guint32      *offsets;
  guint32      *postings;
  guint         n_dictionary;
  gboolean      sealed;
};

G_DEFINE_FINAL_TYPE (MpAttendeeIndex, mp_attendee_index, G_TYPE_OBJECT)

static void
clear_building (MpAttendeeIndex *self)
{
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->key_pool, g_byte_array_unref);
  g_clear_pointer (&self->row_words, g_array_unref);
  g_clear_pointer (&self->words, g_ptr_array_unref);
  g_clear_pointer (&self->word_numbers, g_hash_table_unref);
  g_clear_pointer (&self->organisations, g_hash_table_unref);
  g_clear_pointer (&self->scratch, g_free);
  self->scratch_size = 0;
}

static void
mp_attendee_index_finalize (GObject *object)
{
  MpAttendeeIndex *self = (MpAttendeeIndex *)object;

  clear_building (self);
  g_clear_pointer (&self->dictionary, g_free);
  g_clear_pointer (&self->offsets, g_free);
  g_clear_pointer (&self->postings, g_free);
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
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  self->key_pool = g_byte_array_new ();
  self->row_words = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->words = g_ptr_array_new ();
  self->word_numbers = g_hash_table_new (g_str_hash, g_str_equal);
  self->organisations = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
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

/* mp_text_fold() for text that is all ASCII, without an allocation: the
 * same rules (letters and digits lower-cased, anything else a single
 * space between words, "aa" as "å" is "a"). Returns FALSE, writing
 * nothing useful, if @text has a byte that is not ASCII. */
static gboolean
fold_ascii (const char *text,
            char       *out)
{
  gboolean need_space = FALSE;
  gsize len = 0;

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c >= 0x80)
        return FALSE;
      if (!g_ascii_isalnum (c))
        {
          need_space = TRUE;
          continue;
        }

      if (need_space && len > 0)
        out[len++] = ' ';
      need_space = FALSE;

      c = g_ascii_tolower (c);
      if (c == 'a' && len > 0 && out[len - 1] == 'a')
        continue;
      out[len++] = c;
    }

  out[len] = '\0';
  return TRUE;
}

/* Appends the word numbers of @text to row_words; returns how many. */
static guint32
add_words (MpAttendeeIndex *self,
           const char      *text)
{
  g_autofree char *folded = NULL;
  char *word, *next;
  guint32 n = 0;
  gsize size;

  if (text == NULL || text[0] == '\0')
    return 0;

  size = strlen (text) + 1;
  if (size > self->scratch_size)
    {
      self->scratch_size = MAX (size, 256);
      self->scratch = g_realloc (self->scratch, self->scratch_size);
    }

  if (fold_ascii (text, self->scratch))
    word = self->scratch;
  else
    word = folded = mp_text_fold (text);

  for (; word != NULL && *word != '\0'; word = next)
    {
      gpointer value;
      guint32 number;

      next = strchr (word, ' ');
      if (next != NULL)
        *next++ = '\0';

      value = g_hash_table_lookup (self->word_numbers, word);
      if (value != NULL)
        number = GPOINTER_TO_UINT (value) - 1;
      else
        {
          const char *stored = g_string_chunk_insert_const (self->chunk, word);

          number = self->words->len;
          g_ptr_array_add (self->words, (gpointer) stored);
          g_hash_table_insert (self->word_numbers, (gpointer) stored, GUINT_TO_POINTER (number + 1));
        }

      g_array_append_val (self->row_words, number);
      n++;
    }

  return n;
}

gboolean
_mp_attendee_index_has_organisation (MpAttendeeIndex *self,
                                     gint64           organisation_id)
{
  g_return_val_if_fail (!self->sealed, FALSE);

  return g_hash_table_contains (self->organisations, &organisation_id);
}

void
_mp_attendee_index_add_organisation (MpAttendeeIndex *self,
                                     gint64           organisation_id,
                                     const char      *name)
{
  Organisation *organisation = g_new0 (Organisation, 1);

  g_return_if_fail (!self->sealed);

  organisation->words_offset = self->row_words->len;
  organisation->n_words = add_words (self, name);
  g_hash_table_insert (self->organisations, g_memdup2 (&organisation_id, sizeof organisation_id), organisation);
}

void
_mp_attendee_index_add (MpAttendeeIndex *self,
                        gint64           registration_id,
                        const void      *sort_key,
                        gsize            sort_key_length,
                        const char      *name,
                        const char      *email,
                        gint64           organisation_id)
{
  Row row = { 0 };

  g_return_if_fail (!self->sealed);

  row.registration_id = registration_id;
  row.key_offset = self->key_pool->len;
  row.key_length = sort_key_length;
  if (sort_key_length > 0)
    g_byte_array_append (self->key_pool, sort_key, sort_key_length);

  if (organisation_id != 0)
    {
      const Organisation *organisation = g_hash_table_lookup (self->organisations, &organisation_id);

      g_return_if_fail (organisation != NULL);
      row.organisation = organisation->words_offset;
      row.n_organisation_words = organisation->n_words;
    }

  row.words_offset = self->row_words->len;
  row.n_words = add_words (self, name);
  row.n_words += add_words (self, email);
  g_array_append_val (self->rows, row);
}

/* A row to sort, with the first bytes of its sort key at hand, so that
 * most comparisons need not look into the key pool. */
typedef struct
{
  guint64 prefix;  /* the first 8 bytes of the sort key, big-endian, 0-padded */
  guint32 row;
} SortItem;

/* The order of ORDER BY sort_key, registration id: sort keys are blobs,
 * which SQLite compares as memcmp() and then by length. */
static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  MpAttendeeIndex *self = user_data;
  const SortItem *i = a, *j = b;
  const Row *x, *y;
  int c;

  if (i->prefix != j->prefix)
    return i->prefix < j->prefix ? -1 : 1;

  x = &g_array_index (self->rows, Row, i->row);
  y = &g_array_index (self->rows, Row, j->row);
  if (x->key_length > 8 && y->key_length > 8)
    {
      /* the first 8 bytes are equal */
      c = memcmp (self->key_pool->data + x->key_offset + 8,
                  self->key_pool->data + y->key_offset + 8,
                  MIN (x->key_length, y->key_length) - 8);
      if (c != 0)
        return c;
    }
  if (x->key_length != y->key_length)
    return x->key_length < y->key_length ? -1 : 1;
  return (x->registration_id > y->registration_id) - (x->registration_id < y->registration_id);
}

static int
compare_words (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const char *const *words = user_data;

  return strcmp (words[*(const guint32 *) a], words[*(const guint32 *) b]);
}

/* Sorts @keys (using @tmp, as large) on their low @bits bits, 11 at a
 * time; the result is in @keys. */
static void
radix_sort (guint64 *keys,
            guint64 *tmp,
            gsize    n,
            guint    bits)
{
  enum { DIGIT = 11, BUCKETS = 1 << DIGIT };
  g_autofree gsize *count = g_new (gsize, BUCKETS);

  for (guint shift = 0; shift < bits; shift += DIGIT)
    {
      gsize sum = 0;
      guint64 *swap;

      memset (count, 0, BUCKETS * sizeof (gsize));
      for (gsize i = 0; i < n; i++)
        count[(keys[i] >> shift) & (BUCKETS - 1)]++;
      for (guint d = 0; d < BUCKETS; d++)
        {
          gsize c = count[d];
          count[d] = sum;
          sum += c;
        }
      for (gsize i = 0; i < n; i++)
        tmp[count[(keys[i] >> shift) & (BUCKETS - 1)]++] = keys[i];

      swap = keys;
      keys = tmp;
      tmp = swap;
    }

  /* an odd number of passes left the result in the other array */
  if (((bits + DIGIT - 1) / DIGIT) % 2 == 1)
    memcpy (tmp, keys, n * sizeof (guint64));
}

static guint
bits_for (guint n)
{
  guint bits = 1;

  while (bits < 32 && (G_GUINT64_CONSTANT (1) << bits) < n)
    bits++;
  return bits;
}

void
_mp_attendee_index_seal (MpAttendeeIndex *self)
{
  guint n_rows = self->rows->len;
  guint n_words = self->words->len;
  gsize n_pairs = 0, max_pairs = 0;
  g_autofree SortItem *order = g_new (SortItem, MAX (n_rows, 1));
  g_autofree guint32 *rank = g_new (guint32, MAX (n_rows, 1));
  g_autofree guint32 *by_word = g_new (guint32, MAX (n_words, 1));
  g_autofree guint32 *entry_of = g_new (guint32, MAX (n_words, 1));
  g_autofree guint64 *pairs = NULL;
  g_autofree guint64 *tmp = NULL;
  const guint32 *row_words = (const guint32 *) (gpointer) self->row_words->data;
  guint position_bits = bits_for (n_rows);
  guint64 position_mask = (G_GUINT64_CONSTANT (1) << position_bits) - 1;
  gsize n_postings = 0;

  g_return_if_fail (!self->sealed);

  /* the name order */
  for (guint i = 0; i < n_rows; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);
      guint64 head = 0;

      if (row->key_length > 0)
        memcpy (&head, self->key_pool->data + row->key_offset, MIN (row->key_length, 8u));
      order[i].prefix = GUINT64_FROM_BE (head);
      order[i].row = i;
    }
  g_qsort_with_data (order, n_rows, sizeof (SortItem), compare_rows, self);

  g_array_set_size (self->registration_ids, n_rows);
  for (guint p = 0; p < n_rows; p++)
    {
      g_array_index (self->registration_ids, gint64, p) = g_array_index (self->rows, Row, order[p].row).registration_id;
      rank[order[p].row] = p;
    }

  /* the dictionary in word order */
  for (guint w = 0; w < n_words; w++)
    by_word[w] = w;
  g_qsort_with_data (by_word, n_words, sizeof (guint32), compare_words, self->words->pdata);

  self->n_dictionary = n_words;
  self->dictionary = g_new (const char *, MAX (n_words, 1));
  for (guint k = 0; k < n_words; k++)
    {
      self->dictionary[k] = self->words->pdata[by_word[k]];
      entry_of[by_word[k]] = k;
    }

  /* Every (dictionary entry, position) once, in the rows' own order;
   * one sort puts each entry's positions together and ascending. */
  for (guint i = 0; i < n_rows; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);

      max_pairs += row->n_words + row->n_organisation_words;
    }
  pairs = g_new (guint64, MAX (max_pairs, 1));
  tmp = g_new (guint64, MAX (max_pairs, 1));
  for (guint i = 0; i < n_rows; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);

      for (guint j = 0; j < row->n_words; j++)
        pairs[n_pairs++] = ((guint64) entry_of[row_words[row->words_offset + j]] << position_bits) | rank[i];
      for (guint j = 0; j < row->n_organisation_words; j++)
        pairs[n_pairs++] = ((guint64) entry_of[row_words[row->organisation + j]] << position_bits) | rank[i];
    }
  radix_sort (pairs, tmp, n_pairs, position_bits + bits_for (MAX (n_words, 1)));

  /* A word twice in one attendee ("Kari Kari@…") counts once. */
  self->offsets = g_new0 (guint32, n_words + 1);
  self->postings = (guint32 *) (gpointer) tmp; /* reused, then shrunk */
  g_steal_pointer (&tmp);
  for (gsize i = 0; i < n_pairs; i++)
    {
      if (i > 0 && pairs[i] == pairs[i - 1])
        continue;
      self->postings[n_postings++] = pairs[i] & position_mask;
      self->offsets[(pairs[i] >> position_bits) + 1]++;
    }
  for (guint k = 0; k < n_words; k++)
    self->offsets[k + 1] += self->offsets[k];
  self->postings = g_renew (guint32, self->postings, MAX (n_postings, 1));

  clear_building (self);
  self->sealed = TRUE;
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
lower_bound (MpAttendeeIndex *self,
             const char      *prefix)
{
  guint lo = 0, hi = self->n_dictionary;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (strcmp (self->dictionary[mid], prefix) < 0)
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

  for (guint k = lower_bound (self, prefix); k < self->n_dictionary; k++)
    {
      if (strncmp (self->dictionary[k], prefix, len) != 0)
        break;

      for (guint32 j = self->offsets[k]; j < self->offsets[k + 1]; j++)
        {
          guint32 p = self->postings[j];
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
  g_return_val_if_fail (self->sealed, NULL);

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
