/* mp-import-rows.c: checking every row of an import, and running it
 *
 * Each row becomes an MpRegistrationInput: the person's own answer
 * before a platform's bookkeeping, names turned when written surname
 * first, an e-mail address that is not one dropped (with a warning) or
 * the row refused, answers read as people write them. The good rows go
 * to mp_store_import() in one transaction.
 */
#define G_LOG_DOMAIN "mp-csv-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mp-error.h"
#include "mp-import-private.h"
#include "mp-person-name.h"
#include "mp-text.h"
#include "mp-time.h"

#define MAX_FIELD_CHARS 500

static inline const char *
cell_text (MpCsvImport          *self,
           const MpImportRecord *record,
           guint                 column)
{
  return _mp_import_table_cell (&self->table, record, column);
}

/* Checking rows */

typedef struct
{
  MpCsvImport        *self;
  MpStore            *store;
  MpCsvImportFlags    flags;
  MpCsvImportReport  *report;
  /* sector text in the file → canonical name, or NULL if unknown */
  GHashTable         *sectors;
  GHashTable         *sector_names;   /* id → name */
  /* Answers seen before → what they meant (a file has few distinct
   * answers, and folding each one is the slow part of a row). */
  GHashTable         *answers;
  char               *fallback_sector;
  /* For each field, the columns that hold it: the person's own first,
   * then the bookkeeping ones, each in the file's order. */
  GArray             *columns[MP_N_CSV_FIELDS];
  /* Fallback e-mail addresses (an order's, a buyer's) that several
   * people in the file share: none of them owns it. */
  GHashTable         *shared_emails;
  /* When the answers were given: Norwegian time for a time written
   * without an offset; now, past which a time is not believed. */
  GTimeZone          *zone;
  gint64              now;
} RowChecker;

/* A platform's clock, or a time zone read wrong, may put an answer a
 * little ahead of ours; beyond this it is not a time the person
 * answered, and taking it would let every new import of the file count
 * as an answer later than any withdrawal. */
#define MAX_ANSWERED_AHEAD (24 * 3600)

/* Kinds of answer in the memo; the value stored is kind-specific + 1,
 * or 0 for "not an answer". */
enum { ANSWER_CONSENT = 'c', ANSWER_STATUS = 's', ANSWER_NOTHING = 'n' };
#define MAX_MEMO_ANSWERS 4096

static gboolean
memo_lookup (RowChecker *checker,
             char        kind,
             const char *value,
             int        *out)
{
  char key[64];
  gpointer hit;

  if (strlen (value) >= sizeof key - 1)
    return FALSE;
  key[0] = kind;
  strcpy (key + 1, value);
  if (!g_hash_table_lookup_extended (checker->answers, key, NULL, &hit))
    return FALSE;
  *out = GPOINTER_TO_INT (hit);
  return TRUE;
}

static void
memo_store (RowChecker *checker,
            char        kind,
            const char *value,
            int         result)
{
  if (strlen (value) >= 62 || g_hash_table_size (checker->answers) >= MAX_MEMO_ANSWERS)
    return;
  g_hash_table_insert (checker->answers, g_strdup_printf ("%c%s", kind, value),
                       GINT_TO_POINTER (result));
}

static gboolean
check_consent (RowChecker      *checker,
               const char      *value,
               MpConsentAnswer *out)
{
  int memo;
  gboolean ok;

  if (value == NULL || value[0] == '\0')
    {
      *out = MP_CONSENT_NO;
      return TRUE;
    }
  if (memo_lookup (checker, ANSWER_CONSENT, value, &memo))
    {
      *out = memo - 1;
      return memo != 0;
    }
  ok = _mp_import_parse_consent (value, out);
  memo_store (checker, ANSWER_CONSENT, value, ok ? (int) *out + 1 : 0);
  return ok;
}

static gboolean
check_status (RowChecker           *checker,
              const char           *value,
              MpRegistrationStatus *out)
{
  int memo;
  gboolean ok;

  if (value == NULL || value[0] == '\0')
    {
      *out = MP_REGISTRATION_STATUS_REGISTERED;
      return TRUE;
    }
  if (memo_lookup (checker, ANSWER_STATUS, value, &memo))
    {
      *out = memo - 1;
      return memo != 0;
    }
  ok = _mp_import_parse_status (value, out);
  memo_store (checker, ANSWER_STATUS, value, ok ? (int) *out + 1 : 0);
  return ok;
}

static gboolean
check_means_nothing (RowChecker *checker,
                     const char *value)
{
  int memo;
  gboolean nothing;

  if (memo_lookup (checker, ANSWER_NOTHING, value, &memo))
    return memo != 0;
  nothing = _mp_import_means_nothing (value);
  memo_store (checker, ANSWER_NOTHING, value, nothing);
  return nothing;
}

static const char *
lookup_sector (RowChecker *checker,
               const char *text,
               gboolean   *known)
{
  gpointer value;

  if (!g_hash_table_lookup_extended (checker->sectors, text, NULL, &value))
    {
      gint64 id = mp_store_find_sector (checker->store, text);
      const char *name = NULL;

      /* A Nettskjema codebook value: "frivillig_org", "innvandrer_org" */
      if (id == 0 && strpbrk (text, "_.") != NULL)
        {
          g_autofree char *folded = mp_text_fold (text);
          g_autoptr(GString) joined = g_string_new (NULL);

          for (const char *p = folded; *p != '\0'; p++)
            if (*p != ' ')
              g_string_append_c (joined, *p);
          id = mp_store_find_sector (checker->store, joined->str);
        }

      if (id != 0)
        {
          name = g_hash_table_lookup (checker->sector_names, &id);
          if (name == NULL)
            name = text;
        }
      value = g_strdup (name);
      g_hash_table_insert (checker->sectors, g_strdup (text), value);
    }

  *known = value != NULL;
  return value;
}

static void
append_reason (GString    **reasons,
               const char  *reason)
{
  if (*reasons == NULL)
    *reasons = g_string_new (reason);
  else
    {
      g_string_append_c (*reasons, ' ');
      g_string_append (*reasons, reason);
    }
}

static void
warn (RowChecker *checker,
      guint       line,
      char       *warning)
{
  _mp_csv_import_add_problem (checker->report->warnings, line, warning);
}

static const char *
column_title (RowChecker *checker,
              guint       column)
{
  const char *header = cell_text (checker->self, &checker->self->table.records[0], column);

  return header[0] != '\0' ? header : mp_csv_field_get_label (checker->self->fields[column]);
}

/* The row's value of @field: from the first of its columns (the
 * person's own before the bookkeeping) that has one. */
static const char *
pick (RowChecker           *checker,
      const MpImportRecord *record,
      MpCsvField            field,
      int                  *out_column)
{
  GArray *columns = checker->columns[field];

  for (guint i = 0; i < columns->len; i++)
    {
      guint c = g_array_index (columns, guint, i);
      const char *cell = cell_text (checker->self, record, c);

      if (cell[0] == '\0' || _mp_import_is_no_value (cell))
        continue;
      *out_column = c;
      return _mp_import_strip_formula_guard (cell);
    }
  *out_column = columns->len > 0 ? (int) g_array_index (columns, guint, 0) : -1;
  return NULL;
}

static gboolean
is_fallback (RowChecker *checker,
             int         column)
{
  return column >= 0 && checker->self->roles[column] == MP_CSV_ROLE_FALLBACK;
}

/* Each field as long as the store takes it (mp_text_clean_field ()),
 * and never more than an import ever took (MAX_FIELD_CHARS). */
static gsize
max_chars_for (MpCsvField field)
{
  switch (field)
    {
    case MP_CSV_FIELD_EMAIL:
      return MP_TEXT_MAX_EMAIL;
    case MP_CSV_FIELD_PHONE:
      return MP_TEXT_MAX_PHONE;
    case MP_CSV_FIELD_ORGANISATION:
      return MP_TEXT_MAX_ORGANISATION;
    case MP_CSV_FIELD_SECTOR:
      return MP_TEXT_MAX_SECTOR;
    case MP_CSV_FIELD_DIETARY:
    case MP_CSV_FIELD_ACCESSIBILITY:
    case MP_CSV_FIELD_INTERPRETER:
      return MP_TEXT_MAX_ANSWER;
    default:
      return MP_TEXT_MAX_NAME;
    }
}

static char *
take_text (RowChecker  *checker,
           const char  *value,
           int          column,
           MpCsvField   field,
           gboolean     answer,
           GString    **reasons)
{
  gsize max_chars = MIN (MAX_FIELD_CHARS, max_chars_for (field));
  char *text;

  if (value == NULL)
    return NULL;
  text = answer ? _mp_import_dup_answer (value) : _mp_import_dup_line (value);
  if (text != NULL && strlen (text) > max_chars && g_utf8_strlen (text, -1) > (glong) max_chars)
    {
      g_autofree char *reason = g_strdup_printf (_("The value in the column “%s” is longer than %u characters."),
                                                 column_title (checker, column),
                                                 (guint) max_chars);
      append_reason (reasons, reason);
    }
  return text;
}

/* The name: a whole-name column, or given and family names; the
 * person's own before a buyer's. "Aasen, Per" is turned. */
static void
check_name (RowChecker           *checker,
            const MpImportRecord *record,
            MpRegistrationInput  *input,
            GString             **reasons)
{
  int c_name, c_given, c_family;
  const char *name = pick (checker, record, MP_CSV_FIELD_NAME, &c_name);
  const char *given = pick (checker, record, MP_CSV_FIELD_GIVEN_NAME, &c_given);
  const char *family = pick (checker, record, MP_CSV_FIELD_FAMILY_NAME, &c_family);
  gboolean parts_own = (given != NULL && !is_fallback (checker, c_given)) ||
                       (family != NULL && !is_fallback (checker, c_family));

  if (name != NULL && (!is_fallback (checker, c_name) || !parts_own))
    {
      g_autofree char *turned = NULL;

      input->name = take_text (checker, name, c_name, MP_CSV_FIELD_NAME, FALSE, reasons);
      turned = input->name != NULL ? _mp_import_turn_name_parts (input->name, &input->given_name,
                                                                 &input->family_name)
                                   : NULL;
      if (turned != NULL)
        {
          warn (checker, record->line,
                g_strdup_printf (_("The name “%s” is written surname first, so it was imported "
                                   "as “%s”."), input->name, turned));
          checker->report->n_names_turned++;
          g_free (input->name);
          input->name = g_steal_pointer (&turned);
        }
      else if (input->name != NULL && parts_own)
        {
          /* a whole name and its parts: the name as written, split as
           * the file says */
          input->given_name = take_text (checker, given, c_given, MP_CSV_FIELD_GIVEN_NAME, FALSE, reasons);
          input->family_name = take_text (checker, family, c_family, MP_CSV_FIELD_FAMILY_NAME, FALSE, reasons);
        }
    }
  else if (given != NULL || family != NULL)
    {
      g_autofree char *g = take_text (checker, given, c_given, MP_CSV_FIELD_GIVEN_NAME, FALSE, reasons);
      g_autofree char *f = take_text (checker, family, c_family, MP_CSV_FIELD_FAMILY_NAME, FALSE, reasons);

      /* kept apart: the store makes the name "Given Family" */
      input->name = mp_person_name_join (g, f);
      input->given_name = g_steal_pointer (&g);
      input->family_name = g_steal_pointer (&f);
      if (input->name[0] == '\0')
        g_clear_pointer (&input->name, g_free);
    }

  if (input->name == NULL)
    append_reason (reasons, _("The name is missing."));
  else if (g_utf8_strlen (input->name, -1) > MP_TEXT_MAX_NAME)
    {
      g_autofree char *reason = g_strdup_printf (_("The name is longer than %u characters."),
                                                 (guint) MP_TEXT_MAX_NAME);
      append_reason (reasons, reason);
    }
}

static void
check_email (RowChecker           *checker,
             const MpImportRecord *record,
             MpRegistrationInput  *input,
             GString             **reasons)
{
  int column;
  const char *value = pick (checker, record, MP_CSV_FIELD_EMAIL, &column);
  g_autofree char *shown = NULL;

  input->email = take_text (checker, value, column, MP_CSV_FIELD_EMAIL, FALSE, reasons);
  if (input->email == NULL)
    return;

  if (is_fallback (checker, column) && checker->shared_emails != NULL &&
      g_hash_table_contains (checker->shared_emails, input->email))
    {
      warn (checker, record->line,
            g_strdup_printf (_("“%s” is the e-mail address of the order or the buyer, which "
                               "several people in the file share, so this person was imported "
                               "without an address."), input->email));
      g_clear_pointer (&input->email, g_free);
      return;
    }

  if (mp_text_email_is_valid (input->email))
    return;

  shown = _mp_import_quote_value (input->email);
  if (checker->flags & MP_CSV_IMPORT_REJECT_BAD_EMAIL)
    {
      g_autofree char *reason = g_strdup_printf (_("“%s” is not a valid e-mail address."), shown);
      append_reason (reasons, reason);
      return;
    }

  warn (checker, record->line,
        g_strdup_printf (_("“%s” is not a valid e-mail address, so the person was imported "
                           "without one."), shown));
  checker->report->n_without_email++;
  g_clear_pointer (&input->email, g_free);
}

/* When the person answered: the first answered-at column with a date
 * in it; a date alone is completed by a time of day from another
 * (pretix' "Order date" and "Order time"). A value that is not a time
 * leaves the row undated, with a warning, and loses nothing else. */
static void
check_answered_at (RowChecker           *checker,
                   const MpImportRecord *record,
                   MpRegistrationInput  *input)
{
  GArray *columns = checker->columns[MP_CSV_FIELD_ANSWERED_AT];
  MpImportTime when = { 0, }, clock = { 0, };
  const char *date_text = NULL, *bad_text = NULL;
  int date_column = -1, bad_column = -1;
  g_autofree char *shown = NULL;
  gboolean ahead = FALSE;
  gint64 at;

  for (guint i = 0; i < columns->len; i++)
    {
      guint c = g_array_index (columns, guint, i);
      const char *cell = _mp_import_strip_formula_guard (cell_text (checker->self, record, c));
      MpImportTime t;

      if (cell[0] == '\0' || _mp_import_is_no_value (cell))
        continue;
      if (!_mp_import_parse_time (cell, &t))
        {
          if (bad_column < 0)
            bad_column = c, bad_text = cell;
        }
      else if (t.has_date && date_column < 0)
        date_column = c, date_text = cell, when = t;
      else if (!t.has_date && !clock.has_time)
        clock = t;
    }

  if (date_column >= 0)
    {
      if (!when.has_time && clock.has_time)
        {
          when.hour = clock.hour;
          when.minute = clock.minute;
          when.second = clock.second;
          when.has_time = TRUE;
          when.has_offset = clock.has_offset;
          when.offset = clock.offset;
        }
      if (_mp_import_time_to_unix (&when, checker->zone, &at))
        {
          if (at <= checker->now + MAX_ANSWERED_AHEAD)
            {
              input->answered_at = at;
              return;
            }
          ahead = TRUE;
        }
    }
  else if (bad_column >= 0)
    {
      date_column = bad_column;
      date_text = bad_text;
    }
  else
    return;

  shown = _mp_import_quote_value (date_text);
  warn (checker, record->line,
        g_strdup_printf (ahead ? _("“%s” in the column “%s” is later than now, so the row was "
                                   "imported without the time it was answered.")
                               : _("“%s” in the column “%s” is not a date and time, so the row "
                                   "was imported without the time it was answered."),
                         shown, column_title (checker, date_column)));
}

/* Fills @input from one record. Returns FALSE, with the reasons, for a
 * row that cannot be imported; warns about what it changed. */
static gboolean
check_row (RowChecker           *checker,
           const MpImportRecord *record,
           MpRegistrationInput  *input,
           GString             **reasons)
{
  MpCsvImport *self = checker->self;
  static const struct { MpCsvField field; gsize offset; gboolean answer; } texts[] = {
    { MP_CSV_FIELD_PHONE, G_STRUCT_OFFSET (MpRegistrationInput, phone), FALSE },
    { MP_CSV_FIELD_ORGANISATION, G_STRUCT_OFFSET (MpRegistrationInput, organisation), FALSE },
    { MP_CSV_FIELD_SECTOR, G_STRUCT_OFFSET (MpRegistrationInput, sector), FALSE },
    { MP_CSV_FIELD_DIETARY, G_STRUCT_OFFSET (MpRegistrationInput, dietary), TRUE },
    { MP_CSV_FIELD_ACCESSIBILITY, G_STRUCT_OFFSET (MpRegistrationInput, accessibility), TRUE },
    { MP_CSV_FIELD_INTERPRETER, G_STRUCT_OFFSET (MpRegistrationInput, interpreter), TRUE },
  };

  for (guint c = self->n_columns; c < record->n_cells; c++)
    if (cell_text (self, record, c)[0] != '\0')
      {
        append_reason (reasons, _("The row has more values than the first line has columns."));
        break;
      }

  check_name (checker, record, input, reasons);
  check_email (checker, record, input, reasons);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      char **slot = G_STRUCT_MEMBER_P (input, texts[i].offset);
      int column;
      const char *value = pick (checker, record, texts[i].field, &column);

      *slot = take_text (checker, value, column, texts[i].field, texts[i].answer, reasons);
      if (*slot != NULL && texts[i].answer && check_means_nothing (checker, *slot))
        g_clear_pointer (slot, g_free);
    }

  /* Excel's "CSV (semicolon separated)" and LibreOffice's default CSV
   * write "?" for letters outside their code page: Arabic, Cyrillic. */
  if (_mp_import_lost_characters (input->name) || _mp_import_lost_characters (input->organisation))
    warn (checker, record->line,
          g_strdup_printf (_("“%s” has question marks where there were letters: the program that "
                             "saved the file could not write them. Export the file again as "
                             "“CSV UTF-8” or as an Excel workbook (.xlsx) and import that."),
                           _mp_import_lost_characters (input->name) ? input->name : input->organisation));

  for (MpCsvField f = MP_CSV_FIELD_CONSENT_FOLLOWUP; f <= MP_CSV_FIELD_CONSENT_PHOTO; f++)
    {
      MpConsentAnswer *answer = f == MP_CSV_FIELD_CONSENT_PHOTO ? &input->consent_photo
                                                                : &input->consent_followup;
      int column;
      const char *value = pick (checker, record, f, &column);

      if (column < 0)
        *answer = MP_CONSENT_UNKNOWN;
      else if (!check_consent (checker, value, answer))
        {
          g_autofree char *shown = _mp_import_quote_value (value);
          g_autofree char *reason = g_strdup_printf (_("“%s” in the column “%s” is not a yes or no answer."),
                                                     shown, column_title (checker, column));
          append_reason (reasons, reason);
        }
    }

  {
    int column;
    const char *value = pick (checker, record, MP_CSV_FIELD_STATUS, &column);

    if (!check_status (checker, value, &input->status))
      {
        g_autofree char *shown = _mp_import_quote_value (value);
        g_autofree char *reason = g_strdup_printf (_("“%s” is not a registration status (registered, "
                                                     "waiting list or cancelled)."), shown);
        append_reason (reasons, reason);
      }
  }

  check_answered_at (checker, record, input);
  input->source = MP_REGISTRATION_SOURCE_IMPORT;

  return *reasons == NULL;
}

/* Gives the row a sector the store knows. Returns a warning, or NULL. */
static char *
settle_sector (RowChecker          *checker,
               MpRegistrationInput *input)
{
  const char *name;
  gboolean known;
  char *warning;

  if (input->sector == NULL)
    return NULL;

  name = lookup_sector (checker, input->sector, &known);
  if (known)
    {
      if (strcmp (name, input->sector) != 0)
        {
          g_free (input->sector);
          input->sector = g_strdup (name);
        }
      return NULL;
    }

  if (_mp_import_is_number (input->sector))
    {
      /* A code, from a Nettskjema codebook say: "Annet" would be a guess. */
      warning = g_strdup_printf (_("The sector “%s” is a number, not the name of a sector (a "
                                   "codebook’s code?), so the person was imported without a sector. "
                                   "Export the answers as text, or give the options codebook "
                                   "values that name the sectors."), input->sector);
      g_clear_pointer (&input->sector, g_free);
      return warning;
    }

  if (checker->fallback_sector != NULL)
    warning = g_strdup_printf (_("The sector “%s” is not known, so the person was put in “%s”."),
                               input->sector, checker->fallback_sector);
  else
    warning = g_strdup_printf (_("The sector “%s” is not known, so the person was imported "
                                 "without a sector."), input->sector);

  g_free (input->sector);
  input->sector = g_strdup (checker->fallback_sector);
  return warning;
}

/* The bookkeeping e-mail addresses (an order's, a buyer's) that rows
 * with different names share: a group order made by an office for two
 * colleagues must not give either of them the office's address. */
static GHashTable *
find_shared_emails (MpCsvImport *self,
                    RowChecker  *checker)
{
  GArray *columns = checker->columns[MP_CSV_FIELD_EMAIL];
  g_autoptr(GHashTable) owners = NULL;
  GHashTable *shared;

  owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  shared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint r = 1; r < self->table.n_records; r++)
    {
      const MpImportRecord *record = &self->table.records[r];
      g_autoptr(GString) name = NULL;
      g_autofree char *key = NULL;

      for (guint i = 0; i < columns->len; i++)
        {
          guint c = g_array_index (columns, guint, i);
          g_autofree char *email = NULL;
          const char *owner;

          if (self->roles[c] != MP_CSV_ROLE_FALLBACK)
            continue;
          email = _mp_import_dup_line (_mp_import_strip_formula_guard (cell_text (self, record, c)));
          if (email == NULL || _mp_import_is_no_value (email))
            continue;

          if (name == NULL)
            {
              name = g_string_new (NULL);
              for (MpCsvField f = MP_CSV_FIELD_NAME; f <= MP_CSV_FIELD_FAMILY_NAME; f++)
                {
                  int column;
                  const char *part = pick (checker, record, f, &column);

                  if (part != NULL && !is_fallback (checker, column))
                    g_string_append_printf (name, "%s\x1f", part);
                }
              key = mp_text_fold (name->str);
            }

          owner = g_hash_table_lookup (owners, email);
          if (owner == NULL)
            g_hash_table_insert (owners, g_strdup (email), g_strdup (key));
          else if (strcmp (owner, key) != 0)
            g_hash_table_add (shared, g_steal_pointer (&email));
        }
    }

  if (g_hash_table_size (shared) == 0)
    g_clear_pointer (&shared, g_hash_table_unref);
  return shared;
}

static void
row_checker_init (RowChecker  *checker,
                  MpCsvImport *self)
{
  for (guint f = 0; f < MP_N_CSV_FIELDS; f++)
    {
      checker->columns[f] = g_array_new (FALSE, FALSE, sizeof (guint));
      for (MpCsvRole role = MP_CSV_ROLE_PRIMARY; role <= MP_CSV_ROLE_FALLBACK; role++)
        for (guint c = 0; c < self->n_columns; c++)
          if (self->fields[c] == f && self->roles[c] == role)
            g_array_append_val (checker->columns[f], c);
    }
  checker->shared_emails = find_shared_emails (self, checker);
  checker->zone = mp_time_zone_norway ();
  checker->now = mp_time_now ();
}

static void
row_checker_clear (RowChecker *checker)
{
  for (guint f = 0; f < MP_N_CSV_FIELDS; f++)
    g_clear_pointer (&checker->columns[f], g_array_unref);
  g_clear_pointer (&checker->shared_emails, g_hash_table_unref);
  g_clear_pointer (&checker->zone, g_time_zone_unref);
}

typedef struct
{
  MpProgressFunc func;
  gpointer       data;
  double         start;
  double         share;
} ProgressScale;

static void
scaled_progress (double   fraction,
                 gpointer user_data)
{
  ProgressScale *scale = user_data;

  scale->func (scale->start + scale->share * CLAMP (fraction, 0.0, 1.0), scale->data);
}

static void
inputs_free (MpRegistrationInput *inputs,
             guint                n)
{
  for (guint i = 0; i < n; i++)
    mp_registration_input_clear (&inputs[i]);
  g_free (inputs);
}

MpCsvImportReport *
mp_csv_import_run (MpCsvImport       *self,
                   MpStore           *store,
                   gint64             event_id,
                   MpCsvImportFlags   flags,
                   GCancellable      *cancellable,
                   MpProgressFunc     progress,
                   gpointer           progress_data,
                   GError           **error)
{
  g_autoptr(MpCsvImportReport) report = NULL;
  g_autoptr(GHashTable) sectors = NULL;
  g_autoptr(GHashTable) sector_names = NULL;
  g_autoptr(GHashTable) answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) sector_list = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(GPtrArray) merged = NULL;
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *fallback_sector = NULL;
  MpRegistrationInput *slots;
  guint n_rows, n_good = 0;
  RowChecker checker = { 0 };
  ProgressScale scale = { progress, progress_data, 0.0, 0.0 };
  gint64 fallback_id;
  gboolean ok;

  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!mp_csv_import_has_name (self))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                           _("No column holds the participants’ names. Choose which column "
                             "has the name, or the given name and family name, and try again."));
      return NULL;
    }

  sector_list = mp_store_list_sectors (store, error);
  if (sector_list == NULL)
    return NULL;
  sector_names = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < sector_list->len; i++)
    {
      MpSector *sector = g_ptr_array_index (sector_list, i);
      g_hash_table_insert (sector_names, &sector->id, sector->name);
    }
  fallback_id = mp_store_find_sector (store, "Annet");
  if (fallback_id != 0)
    fallback_sector = g_strdup (g_hash_table_lookup (sector_names, &fallback_id));
  sectors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  report = _mp_csv_import_report_new ();
  report->dry_run = (flags & MP_CSV_IMPORT_DRY_RUN) != 0;
  report->encoding = self->encoding;
  report->delimiter = self->delimiter;
  for (guint i = 0; i < self->notes->len; i++)
    {
      const MpCsvProblem *note = &g_array_index (self->notes, MpCsvProblem, i);
      _mp_csv_import_add_problem (report->warnings, note->line, g_strdup (note->reason));
    }

  checker.self = self;
  checker.store = store;
  checker.flags = flags;
  checker.report = report;
  checker.sectors = sectors;
  checker.sector_names = sector_names;
  checker.answers = answers;
  checker.fallback_sector = fallback_sector;
  row_checker_init (&checker, self);

  n_rows = self->table.n_records - 1;
  report->rows_read = n_rows;

  /* One block for all inputs; only their strings are allocated. */
  slots = g_new0 (MpRegistrationInput, MAX (n_rows, 1));
  inputs = g_ptr_array_sized_new (n_rows);

  for (guint r = 0; r < n_rows; r++)
    {
      const MpImportRecord *record = &self->table.records[r + 1];
      MpRegistrationInput *input = &slots[n_good];
      GString *reasons = NULL;
      guint n_warnings = report->warnings->len;

      if ((r & 1023) == 0 && r > 0)
        {
          if (g_cancellable_is_cancelled (cancellable))
            {
              inputs_free (slots, n_good + 1);
              row_checker_clear (&checker);
              g_set_error_literal (error, MP_ERROR, MP_ERROR_CANCELLED,
                                   _("The import was stopped. Nothing was imported."));
              return NULL;
            }
          if (progress != NULL)
            progress (0.2 * r / n_rows, progress_data);
        }

      if (!check_row (&checker, record, input, &reasons))
        {
          /* A row that is not imported needs no warning about how. */
          g_array_set_size (report->warnings, n_warnings);
          _mp_csv_import_add_problem (report->bad_rows, record->line, g_string_free (reasons, FALSE));
          mp_registration_input_clear (input);
          memset (input, 0, sizeof *input);
          continue;
        }

      {
        char *warning = settle_sector (&checker, input);

        if (warning != NULL)
          _mp_csv_import_add_problem (report->warnings, record->line, warning);
      }

      input->over_capacity = (flags & MP_CSV_IMPORT_OVER_CAPACITY) != 0;
      g_ptr_array_add (inputs, input);
      g_array_append_val (lines, record->line);
      n_good++;
    }
  row_checker_clear (&checker);

  if ((flags & MP_CSV_IMPORT_STRICT) != 0 && report->bad_rows->len > 0)
    {
      const MpCsvProblem *first = &g_array_index (report->bad_rows, MpCsvProblem, 0);
      guint n_bad = report->bad_rows->len;

      inputs_free (slots, n_good);
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u row cannot be imported, so nothing was imported. "
                                "Line %u: %s",
                                "%u rows cannot be imported, so nothing was imported. "
                                "The first is on line %u: %s",
                                n_bad),
                   n_bad, first->line, first->reason);
      return NULL;
    }

  if (progress != NULL)
    {
      progress (0.2, progress_data);
      scale.start = 0.2;
      scale.share = 0.8;
    }

  ok = mp_store_import_full (store, event_id, inputs, report->dry_run, &report->counts, &merged,
                             cancellable, progress != NULL ? scaled_progress : NULL, &scale,
                             error);
  inputs_free (slots, n_good);
  if (!ok)
    return NULL;
  for (guint i = 0; i < merged->len; i++)
    {
      MpImportMerged *m = merged->pdata[i];

      g_array_append_val (report->merged_lines, g_array_index (lines, guint, m->row));
      g_ptr_array_add (report->merged, g_steal_pointer (&merged->pdata[i]));
    }

  if (progress != NULL)
    progress (1.0, progress_data);

  return g_steal_pointer (&report);
}
