/* mp-csv-import-rows.c: each row checked and turned into a
 * registration (consents, status, answers, sectors read the way people
 * write them), then all the good ones imported in one transaction
 */
#define G_LOG_DOMAIN "mp-csv-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mp-csv-import-private.h"
#include "mp-csv-private.h"
#include "mp-error.h"
#include "mp-text.h"

/* Checking rows */

/* mp_text_normalize_space(), without its per-character decoding for
 * the common case: text with no space to fold and nothing to drop.
 * Returns NULL for text that is empty once normalised. */
static char *
dup_normalized (const char *text)
{
  const guchar *p = (const guchar *) text;
  char *normal;

  if (*p == '\0')
    return NULL;

  if (*p != ' ')
    {
      for (; *p != '\0'; p++)
        {
          /* Lead bytes of the non-ASCII spaces, controls and
           * zero-width characters: U+0080–U+00BF, U+1680, U+2000–U+2FFF,
           * U+3000, U+FEFF. */
          if (*p < 0x20 || *p == 0x7f || *p == 0xc2 || *p == 0xe1 ||
              *p == 0xe2 || *p == 0xe3 || *p == 0xef)
            break;
          if (*p == ' ' && (p[1] == ' ' || p[1] == '\0'))
            break;
        }
      if (*p == '\0')
        return g_strndup (text, (const char *) p - text);
    }

  normal = mp_text_normalize_space (text);
  if (normal[0] == '\0')
    g_clear_pointer (&normal, g_free);
  return normal;
}

/* The export (mp-csv-export.c) puts a ' before text that a spreadsheet
 * would run as a formula; take it off again. */
static const char *
strip_formula_guard (const char *text)
{
  return text[0] == '\'' && _mp_csv_needs_formula_guard (text) ? text + 1 : text;
}

/* Shortens a value for a message. */
static char *
quote_value (const char *value)
{
  if (g_utf8_strlen (value, 61) > 60)
    {
      g_autofree char *start = g_utf8_substring (value, 0, 57);
      return g_strconcat (start, "…", NULL);
    }
  return g_strdup (value);
}

static gboolean
folded_in (const char  *folded,
           const char *const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (strcmp (folded, words[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
parse_consent (const char      *value,
               MpConsentAnswer *out)
{
  static const char *yes_words[] = { "ja", "j", "yes", "y", "x", "true", "1", "sann", "jo", "ok", NULL };
  static const char *no_words[] = { "nei", "n", "no", "false", "0", "usann", NULL };
  static const char *agree_words[] = { "samtykk", "consent", "godtar", "godkjenn", "agree", "accept", NULL };
  static const char *negations[] = { "ikke", "ikkje", "not", "no", "nei", "dont", "don", NULL };
  g_autofree char *folded = NULL;
  g_autofree char *first = NULL;
  const char *space;

  if (value == NULL || value[0] == '\0')
    {
      *out = MP_CONSENT_NO;
      return TRUE;
    }

  folded = mp_text_fold (value);
  if (folded[0] == '\0')
    {
      /* A tick from a spreadsheet check box. */
      if (strstr (value, "✓") != NULL || strstr (value, "✔") != NULL || strstr (value, "☑") != NULL)
        {
          *out = MP_CONSENT_YES;
          return TRUE;
        }
      return FALSE;
    }

  if (folded_in (folded, yes_words))
    {
      *out = MP_CONSENT_YES;
      return TRUE;
    }
  if (folded_in (folded, no_words))
    {
      *out = MP_CONSENT_NO;
      return TRUE;
    }

  /* The answers in the current language, as our own export writes them. */
  {
    g_autofree char *yes = mp_text_fold (C_("consent answer", "Yes"));
    g_autofree char *no = mp_text_fold (C_("consent answer", "No"));

    if (strcmp (folded, yes) == 0)
      {
        *out = MP_CONSENT_YES;
        return TRUE;
      }
    if (strcmp (folded, no) == 0)
      {
        *out = MP_CONSENT_NO;
        return TRUE;
      }
  }

  /* Sentences: "Ja, jeg vil gjerne bli kontaktet", "Nei takk", and the
   * text of a ticked check box: "Jeg samtykker til at ...". */
  space = strchr (folded, ' ');
  if (space == NULL)
    return FALSE;
  first = g_strndup (folded, space - folded);
  if (strcmp (first, "ja") == 0 || strcmp (first, "yes") == 0)
    {
      *out = MP_CONSENT_YES;
      return TRUE;
    }
  if (strcmp (first, "nei") == 0 || strcmp (first, "no") == 0)
    {
      *out = MP_CONSENT_NO;
      return TRUE;
    }
  if (_mp_csv_has_any_word_prefix (folded, agree_words))
    {
      g_autofree char *padded = g_strconcat (" ", folded, " ", NULL);

      *out = MP_CONSENT_YES;
      for (guint i = 0; negations[i] != NULL; i++)
        {
          g_autofree char *word = g_strconcat (" ", negations[i], " ", NULL);

          if (strstr (padded, word) != NULL)
            *out = MP_CONSENT_NO;
        }
      return TRUE;
    }

  return FALSE;
}

static gboolean
parse_status (const char           *value,
              MpRegistrationStatus *out)
{
  static const struct {
    MpRegistrationStatus status;
    const char *words[10];
  } statuses[] = {
    { MP_REGISTRATION_STATUS_REGISTERED, { "registered", "registrert", "pameldt", "pamelding",
                                           "confirmed", "bekreftet", "stadfesta", "pamelde", NULL } },
    { MP_REGISTRATION_STATUS_WAITLISTED, { "waitlisted", "waiting list", "waitlist", "venteliste",
                                           "ventelista", "pa venteliste", NULL } },
    { MP_REGISTRATION_STATUS_CANCELLED, { "cancelled", "canceled", "avmeldt", "avmeld",
                                          "kansellert", "avbestilt", "trukket", NULL } },
  };
  g_autofree char *folded = NULL;

  if (value == NULL || value[0] == '\0')
    {
      *out = MP_REGISTRATION_STATUS_REGISTERED;
      return TRUE;
    }

  folded = mp_text_fold (value);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *label = mp_text_fold (mp_registration_status_get_label (statuses[i].status));

      if (strcmp (folded, label) == 0 || folded_in (folded, statuses[i].words))
        {
          *out = statuses[i].status;
          return TRUE;
        }
    }
  return FALSE;
}

/* Answers to "Do you need ...?" that mean no need at all. */
static gboolean
means_nothing (const char *value)
{
  static const char *nothing[] = {
    "nei", "no", "n", "ingen", "ingenting", "none", "nothing", "na", "n a", "nei takk",
    "no thanks", "ikke relevant", "ikkje relevant", "not applicable", "0", NULL,
  };
  g_autofree char *folded = mp_text_fold (value);

  /* "-", "–", "." */
  if (folded[0] == '\0')
    return g_utf8_strlen (value, 4) <= 3;
  return folded_in (folded, nothing);
}

typedef struct
{
  MpCsvImport        *self;
  MpStore            *store;
  MpCsvImportReport  *report;
  /* sector text in the file → canonical name, or NULL if unknown */
  GHashTable         *sectors;
  GHashTable         *sector_names;   /* id → name */
  /* Answers seen before → what they meant (a file has few distinct
   * answers, and folding each one is the slow part of a row). */
  GHashTable         *answers;
  char               *fallback_sector;
  int                 columns[MP_N_CSV_FIELDS];
} RowChecker;

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
  ok = parse_consent (value, out);
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
  ok = parse_status (value, out);
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
  nothing = means_nothing (value);
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

static const char *
column_title (RowChecker *checker,
              guint       column)
{
  const char *header = _mp_csv_import_cell_text (checker->self, &checker->self->records[0], column);

  return header[0] != '\0' ? header : mp_csv_field_get_label (checker->self->fields[column]);
}

/* Fills @input from one record. Returns FALSE, with the reasons, for a
 * row that cannot be imported. */
static gboolean
check_row (RowChecker          *checker,
           const MpCsvRecord   *record,
           MpRegistrationInput *input,
           GString            **reasons)
{
  MpCsvImport *self = checker->self;
  const char *values[MP_N_CSV_FIELDS] = { NULL };
  int columns[MP_N_CSV_FIELDS];
  gboolean extra = FALSE;
  char **texts[MP_N_CSV_FIELDS] = { NULL };
  char *given = NULL, *family = NULL;

  memcpy (columns, checker->columns, sizeof columns);

  for (guint c = 0; c < record->n_cells; c++)
    {
      const char *cell = self->arena + self->cells[record->first_cell + c];
      MpCsvField field;

      if (c >= self->n_columns)
        {
          if (cell[0] != '\0')
            extra = TRUE;
          continue;
        }
      field = self->fields[c];
      if (field == MP_CSV_FIELD_IGNORE || cell[0] == '\0' ||
          (values[field] != NULL && values[field][0] != '\0'))
        continue;
      values[field] = strip_formula_guard (cell);
      columns[field] = c;
    }

  if (extra)
    append_reason (reasons, _("The row has more values than the first line has columns."));

  texts[MP_CSV_FIELD_NAME] = &input->name;
  texts[MP_CSV_FIELD_GIVEN_NAME] = &given;
  texts[MP_CSV_FIELD_FAMILY_NAME] = &family;
  texts[MP_CSV_FIELD_EMAIL] = &input->email;
  texts[MP_CSV_FIELD_PHONE] = &input->phone;
  texts[MP_CSV_FIELD_ORGANISATION] = &input->organisation;
  texts[MP_CSV_FIELD_SECTOR] = &input->sector;
  texts[MP_CSV_FIELD_DIETARY] = &input->dietary;
  texts[MP_CSV_FIELD_ACCESSIBILITY] = &input->accessibility;
  texts[MP_CSV_FIELD_INTERPRETER] = &input->interpreter;

  for (guint f = 0; f < MP_N_CSV_FIELDS; f++)
    {
      char *text;

      if (texts[f] == NULL || values[f] == NULL)
        continue;

      text = dup_normalized (values[f]);
      if (text != NULL && strlen (text) > MP_CSV_IMPORT_MAX_FIELD_CHARS &&
          g_utf8_strlen (text, -1) > MP_CSV_IMPORT_MAX_FIELD_CHARS)
        {
          g_autofree char *reason = g_strdup_printf (_("The value in the column “%s” is longer than %u characters."),
                                                     column_title (checker, columns[f]),
                                                     (guint) MP_CSV_IMPORT_MAX_FIELD_CHARS);
          append_reason (reasons, reason);
        }
      *texts[f] = text;
    }

  if (input->name == NULL && (given != NULL || family != NULL))
    {
      if (given != NULL && family != NULL)
        input->name = g_strconcat (given, " ", family, NULL);
      else
        input->name = g_strdup (given != NULL ? given : family);
    }
  g_free (given);
  g_free (family);

  if (input->name == NULL)
    append_reason (reasons, _("The name is missing."));

  /* Microsoft Forms writes "anonymous" when it did not ask who it was. */
  if (input->email != NULL && g_ascii_strcasecmp (input->email, "anonymous") == 0)
    g_clear_pointer (&input->email, g_free);
  if (input->email != NULL && !mp_text_email_is_valid (input->email))
    {
      g_autofree char *shown = quote_value (input->email);
      g_autofree char *reason = g_strdup_printf (_("“%s” is not a valid e-mail address."), shown);
      append_reason (reasons, reason);
    }

  if (input->dietary != NULL && check_means_nothing (checker, input->dietary))
    g_clear_pointer (&input->dietary, g_free);
  if (input->accessibility != NULL && check_means_nothing (checker, input->accessibility))
    g_clear_pointer (&input->accessibility, g_free);
  if (input->interpreter != NULL && check_means_nothing (checker, input->interpreter))
    g_clear_pointer (&input->interpreter, g_free);

  for (MpCsvField f = MP_CSV_FIELD_CONSENT_FOLLOWUP; f <= MP_CSV_FIELD_CONSENT_PHOTO; f++)
    {
      MpConsentAnswer *answer = f == MP_CSV_FIELD_CONSENT_PHOTO ? &input->consent_photo
                                                                : &input->consent_followup;

      if (columns[f] < 0)
        *answer = MP_CONSENT_UNKNOWN;
      else if (!check_consent (checker, values[f], answer))
        {
          g_autofree char *shown = quote_value (values[f]);
          g_autofree char *reason = g_strdup_printf (_("“%s” in the column “%s” is not a yes or no answer."),
                                                     shown, column_title (checker, columns[f]));
          append_reason (reasons, reason);
        }
    }

  if (!check_status (checker, values[MP_CSV_FIELD_STATUS], &input->status))
    {
      g_autofree char *shown = quote_value (values[MP_CSV_FIELD_STATUS]);
      g_autofree char *reason = g_strdup_printf (_("“%s” is not a registration status (registered, "
                                                   "waiting list or cancelled)."), shown);
      append_reason (reasons, reason);
    }

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

  checker.self = self;
  checker.store = store;
  checker.sectors = sectors;
  checker.sector_names = sector_names;
  checker.answers = answers;
  checker.fallback_sector = fallback_sector;
  for (guint f = 0; f < MP_N_CSV_FIELDS; f++)
    checker.columns[f] = mp_csv_import_find_column (self, f);

  report = _mp_csv_import_report_new ();
  report->dry_run = (flags & MP_CSV_IMPORT_DRY_RUN) != 0;
  report->encoding = self->encoding;
  report->delimiter = self->delimiter;

  n_rows = self->n_records - 1;
  report->rows_read = n_rows;

  /* One block for all inputs; only their strings are allocated. */
  slots = g_new0 (MpRegistrationInput, MAX (n_rows, 1));
  inputs = g_ptr_array_sized_new (n_rows);

  for (guint r = 0; r < n_rows; r++)
    {
      const MpCsvRecord *record = &self->records[r + 1];
      MpRegistrationInput *input = &slots[n_good];
      GString *reasons = NULL;

      if ((r & 1023) == 0 && r > 0)
        {
          if (g_cancellable_is_cancelled (cancellable))
            {
              inputs_free (slots, n_good + 1);
              g_set_error_literal (error, MP_ERROR, MP_ERROR_CANCELLED,
                                   _("The import was stopped. Nothing was imported."));
              return NULL;
            }
          if (progress != NULL)
            progress (0.2 * r / n_rows, progress_data);
        }

      if (!check_row (&checker, record, input, &reasons))
        {
          _mp_csv_import_report_add_problem (report->bad_rows, record->line, g_string_free (reasons, FALSE));
          mp_registration_input_clear (input);
          memset (input, 0, sizeof *input);
          continue;
        }

      {
        char *warning = settle_sector (&checker, input);

        if (warning != NULL)
          _mp_csv_import_report_add_problem (report->warnings, record->line, warning);
      }

      g_ptr_array_add (inputs, input);
      n_good++;
    }

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

  ok = mp_store_import (store, event_id, inputs, report->dry_run, &report->counts,
                        cancellable, progress != NULL ? scaled_progress : NULL, &scale,
                        error);
  inputs_free (slots, n_good);
  if (!ok)
    return NULL;

  if (progress != NULL)
    progress (1.0, progress_data);

  return g_steal_pointer (&report);
}

