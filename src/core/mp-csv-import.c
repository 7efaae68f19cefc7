#define G_LOG_DOMAIN "mp-csv-import"

#include "config.h"

#include <csv.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mp-csv-import.h"
#include "mp-csv-private.h"
#include "mp-error.h"
#include "mp-text.h"

/* Larger than any sign-up list; keeps cell offsets in 32 bits. */
#define MAX_FILE_SIZE   (512u * 1024 * 1024)
#define MAX_FIELD_CHARS 500
/* How much of the file the delimiter guess looks at. */
#define SNIFF_BYTES     (64 * 1024)
#define SNIFF_RECORDS   50

typedef struct
{
  guint line;        /* physical line where the record starts */
  guint first_cell;  /* index into cells */
  guint n_cells;
} MpCsvRecord;

struct _MpCsvImport
{
  GObject        parent_instance;

  MpCsvEncoding  encoding;
  char           delimiter;

  /* The text of every cell, NUL-terminated, one after another. Offset 0
   * holds the empty string that all empty cells share, so a file is
   * stored in one block and two arrays instead of a malloc per cell. */
  char          *arena;
  gsize          arena_len;
  gsize          arena_size;
  guint32       *cells;
  gsize          n_cells;
  gsize          cells_size;
  MpCsvRecord   *records;    /* records[0] is the header */
  gsize          n_records;
  gsize          records_size;

  guint          n_columns;
  MpCsvField    *fields;
};

G_DEFINE_FINAL_TYPE (MpCsvImport, mp_csv_import, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (MpCsvField, mp_csv_field,
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_IGNORE, "ignore"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_NAME, "name"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_GIVEN_NAME, "given-name"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_FAMILY_NAME, "family-name"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_EMAIL, "email"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_PHONE, "phone"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_ORGANISATION, "organisation"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_SECTOR, "sector"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_DIETARY, "dietary"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_ACCESSIBILITY, "accessibility"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_INTERPRETER, "interpreter"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_CONSENT_FOLLOWUP, "consent-followup"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_CONSENT_PHOTO, "consent-photo"),
  G_DEFINE_ENUM_VALUE (MP_CSV_FIELD_STATUS, "status"))

static const char *field_codes[MP_N_CSV_FIELDS] = {
  "ignore", "name", "given-name", "family-name", "email", "phone",
  "organisation", "sector", "dietary", "accessibility", "interpreter",
  "consent-followup", "consent-photo", "status",
};

const char *
mp_csv_field_get_label (MpCsvField field)
{
  switch (field)
    {
    case MP_CSV_FIELD_IGNORE: return _("Do not import");
    case MP_CSV_FIELD_NAME: return _("Name");
    case MP_CSV_FIELD_GIVEN_NAME: return _("Given name");
    case MP_CSV_FIELD_FAMILY_NAME: return _("Family name");
    case MP_CSV_FIELD_EMAIL: return _("E-mail");
    case MP_CSV_FIELD_PHONE: return _("Phone");
    case MP_CSV_FIELD_ORGANISATION: return _("Organisation");
    case MP_CSV_FIELD_SECTOR: return _("Sector");
    case MP_CSV_FIELD_DIETARY: return _("Dietary needs");
    case MP_CSV_FIELD_ACCESSIBILITY: return _("Accessibility needs");
    case MP_CSV_FIELD_INTERPRETER: return _("Interpreter");
    case MP_CSV_FIELD_CONSENT_FOLLOWUP: return _("Consent to follow-up");
    case MP_CSV_FIELD_CONSENT_PHOTO: return _("Consent to photos");
    case MP_CSV_FIELD_STATUS: return _("Status");
    case MP_N_CSV_FIELDS:
    default:
      g_return_val_if_reached ("");
    }
}

const char *
mp_csv_field_to_string (MpCsvField field)
{
  g_return_val_if_fail (field < MP_N_CSV_FIELDS, NULL);
  return field_codes[field];
}

gboolean
mp_csv_field_from_string (const char *text,
                          MpCsvField *out_field)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < MP_N_CSV_FIELDS; i++)
    if (g_ascii_strcasecmp (text, field_codes[i]) == 0)
      {
        if (out_field != NULL)
          *out_field = i;
        return TRUE;
      }

  return FALSE;
}

const char *
mp_csv_encoding_get_label (MpCsvEncoding encoding)
{
  switch (encoding)
    {
    case MP_CSV_ENCODING_UTF8: return _("UTF-8");
    case MP_CSV_ENCODING_UTF8_BOM: return _("UTF-8 with BOM");
    case MP_CSV_ENCODING_WINDOWS_1252: return _("Windows-1252");
    case MP_CSV_ENCODING_UTF16: return _("UTF-16");
    default:
      g_return_val_if_reached ("");
    }
}

static const char *
delimiter_label (char delimiter)
{
  switch (delimiter)
    {
    case ',': return _("comma");
    case ';': return _("semicolon");
    case '\t': return _("tab");
    default: return "";
    }
}


/* Header names */

/* Headers as they come out of mp_text_fold(): what forms and
 * spreadsheets call each field in Bokmål, Nynorsk and English. */
static const struct {
  MpCsvField  field;
  const char *names[24];
} header_names[] = {
  { MP_CSV_FIELD_NAME, { "navn", "namn", "name", "fullt navn", "fullt namn", "full name",
                         "deltaker", "deltakar", "participant", "attendee", "ditt navn",
                         "ditt namn", "your name", "navn pa deltaker", "namn pa deltakar",
                         "fornavn og etternavn", "forenamn og etternamn",
                         "first and last name", "deltakernavn", "deltakarnamn", NULL } },
  { MP_CSV_FIELD_GIVEN_NAME, { "fornavn", "forenamn", "fornamn", "first name", "firstname",
                               "given name", "givenname", NULL } },
  { MP_CSV_FIELD_FAMILY_NAME, { "etternavn", "etternamn", "last name", "lastname", "surname",
                                "family name", "familyname", NULL } },
  { MP_CSV_FIELD_EMAIL, { "e post", "epost", "e postadresse", "epostadresse", "e post adresse",
                          "email", "e mail", "email address", "e mail address", "mail",
                          "e mail adresse", NULL } },
  { MP_CSV_FIELD_PHONE, { "telefon", "telefonnummer", "mobil", "mobilnummer", "mobiltelefon",
                          "tlf", "tlf nr", "telefon nr", "phone", "phone number", "mobile",
                          "mobile number", "telephone", NULL } },
  { MP_CSV_FIELD_ORGANISATION, { "organisasjon", "virksomhet", "verksemd", "arbeidsgiver",
                                 "arbeidsgjevar", "arbeidssted", "arbeidsstad", "firma",
                                 "organisation", "organization", "company", "employer",
                                 "organisasjon virksomhet", "organisasjon verksemd", NULL } },
  { MP_CSV_FIELD_SECTOR, { "sektor", "sector", NULL } },
  { MP_CSV_FIELD_DIETARY, { "allergier", "allergiar", "matallergi", "matallergier", "kosthold",
                            "kosthald", "dietary needs", "dietary requirements", "diet",
                            "allergies", "food allergies", "spesielle kostbehov", NULL } },
  { MP_CSV_FIELD_ACCESSIBILITY, { "tilrettelegging", "tilretteleggingsbehov", "accessibility",
                                  "accessibility needs", "universell utforming", NULL } },
  { MP_CSV_FIELD_INTERPRETER, { "tolk", "tolkesprak", "tolkebehov", "behov for tolk",
                                "interpreter", "interpreter language", NULL } },
  { MP_CSV_FIELD_CONSENT_FOLLOWUP, { "samtykke", "samtykke til oppfolging", "samtykke oppfolging",
                                     "oppfolging", "consent", "consent to follow up",
                                     "follow up", "followup", NULL } },
  { MP_CSV_FIELD_CONSENT_PHOTO, { "samtykke foto", "fotosamtykke", "samtykke til foto",
                                  "samtykke til fotografering", "bildesamtykke", "photo consent",
                                  "consent to photos", "consent to photo", "foto", "photo",
                                  "photos", NULL } },
  { MP_CSV_FIELD_STATUS, { "status", "pameldingsstatus", "registration status", NULL } },
};

/* Words that give away a question written out in full, as Google Forms
 * and Nettskjema headers are ("Hvilken organisasjon representerer du?").
 * The first rule that matches wins, so the order matters. */
static const char *photo_words[] = { "foto", "photo", "bilde", "bilete", NULL };
static const char *consent_words[] = { "samtykk", "consent", "tillat", "agree", NULL };
static const char *given_words[] = { "fornavn", "forenamn", "first name", "given name", NULL };
static const char *family_words[] = { "etternavn", "etternamn", "last name", "surname", "family name", NULL };

static const struct {
  MpCsvField  field;
  const char *words[12];
} header_keywords[] = {
  { MP_CSV_FIELD_CONSENT_FOLLOWUP, { "samtykk", "consent", "oppfolging", "follow up", "followup", NULL } },
  { MP_CSV_FIELD_EMAIL, { "e post", "epost", "email", "e mail", NULL } },
  { MP_CSV_FIELD_PHONE, { "telefon", "mobil", "tlf", "phone", "mobile", NULL } },
  { MP_CSV_FIELD_SECTOR, { "sektor", "sector", NULL } },
  { MP_CSV_FIELD_DIETARY, { "allerg", "matallerg", "kosthold", "kosthald", "kostbehov", "diet", "food", NULL } },
  { MP_CSV_FIELD_ACCESSIBILITY, { "tilrettelegg", "accessib", "universell", "rullestol", "wheelchair", NULL } },
  { MP_CSV_FIELD_INTERPRETER, { "tolk", "interpret", NULL } },
  { MP_CSV_FIELD_ORGANISATION, { "organisasjon", "virksomhet", "verksemd", "arbeidsgiv", "arbeidsgjev",
                                 "arbeidssted", "arbeidsstad", "organisation", "organization",
                                 "company", "employer", NULL } },
  { MP_CSV_FIELD_FAMILY_NAME, { "etternavn", "etternamn", "surname", "last name", "family name", NULL } },
  { MP_CSV_FIELD_GIVEN_NAME, { "fornavn", "forenamn", "first name", "given name", NULL } },
  { MP_CSV_FIELD_NAME, { "navn", "namn", "name", NULL } },
};

/* Whether @key starts a word of @folded (words are separated by one
 * space, as mp_text_fold() leaves them). */
static gboolean
has_word_prefix (const char *folded,
                 const char *key)
{
  gsize key_len = strlen (key);

  for (const char *p = folded; p != NULL && *p != '\0'; )
    {
      if (strncmp (p, key, key_len) == 0)
        return TRUE;
      p = strchr (p, ' ');
      if (p != NULL)
        p++;
    }
  return FALSE;
}

static gboolean
has_any_word_prefix (const char  *folded,
                     const char *const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    if (has_word_prefix (folded, keys[i]))
      return TRUE;
  return FALSE;
}

MpCsvField
mp_csv_field_guess (const char *header)
{
  g_autofree char *folded = mp_text_fold (header);

  if (folded[0] == '\0')
    return MP_CSV_FIELD_IGNORE;

  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    for (guint j = 0; header_names[i].names[j] != NULL; j++)
      if (strcmp (folded, header_names[i].names[j]) == 0)
        return header_names[i].field;

  /* Our own export's headers, in the language it was made in. */
  for (MpCsvField f = MP_CSV_FIELD_NAME; f < MP_N_CSV_FIELDS; f++)
    {
      g_autofree char *label = mp_text_fold (mp_csv_field_get_label (f));

      if (strcmp (folded, label) == 0)
        return f;
    }

  if (has_any_word_prefix (folded, consent_words) && has_any_word_prefix (folded, photo_words))
    return MP_CSV_FIELD_CONSENT_PHOTO;
  if (has_any_word_prefix (folded, given_words) && has_any_word_prefix (folded, family_words))
    return MP_CSV_FIELD_NAME;

  for (guint i = 0; i < G_N_ELEMENTS (header_keywords); i++)
    if (has_any_word_prefix (folded, header_keywords[i].words))
      return header_keywords[i].field;

  return MP_CSV_FIELD_IGNORE;
}


/* Report */

struct _MpCsvImportReport
{
  gatomicrefcount  ref_count;

  guint            rows_read;
  GArray          *bad_rows;   /* MpCsvProblem */
  GArray          *warnings;   /* MpCsvProblem */
  MpImportCounts   counts;
  gboolean         dry_run;
  MpCsvEncoding    encoding;
  char             delimiter;
};

G_DEFINE_BOXED_TYPE (MpCsvImportReport, mp_csv_import_report,
                     mp_csv_import_report_ref, mp_csv_import_report_unref)

static void
problem_clear (gpointer data)
{
  MpCsvProblem *problem = data;

  g_clear_pointer (&problem->reason, g_free);
}

static MpCsvImportReport *
mp_csv_import_report_new (void)
{
  MpCsvImportReport *self = g_new0 (MpCsvImportReport, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->bad_rows = g_array_new (FALSE, FALSE, sizeof (MpCsvProblem));
  g_array_set_clear_func (self->bad_rows, problem_clear);
  self->warnings = g_array_new (FALSE, FALSE, sizeof (MpCsvProblem));
  g_array_set_clear_func (self->warnings, problem_clear);

  return self;
}

MpCsvImportReport *
mp_csv_import_report_ref (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mp_csv_import_report_unref (MpCsvImportReport *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->bad_rows);
      g_array_unref (self->warnings);
      g_free (self);
    }
}

guint
mp_csv_import_report_get_rows_read (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rows_read;
}

guint
mp_csv_import_report_get_rows_good (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rows_read - self->bad_rows->len;
}

guint
mp_csv_import_report_get_n_bad_rows (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->bad_rows->len;
}

const MpCsvProblem *
mp_csv_import_report_get_bad_row (MpCsvImportReport *self,
                                  guint              index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->bad_rows->len, NULL);
  return &g_array_index (self->bad_rows, MpCsvProblem, index);
}

guint
mp_csv_import_report_get_n_warnings (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->warnings->len;
}

const MpCsvProblem *
mp_csv_import_report_get_warning (MpCsvImportReport *self,
                                  guint              index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->warnings->len, NULL);
  return &g_array_index (self->warnings, MpCsvProblem, index);
}

const MpImportCounts *
mp_csv_import_report_get_counts (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->counts;
}

gboolean
mp_csv_import_report_get_dry_run (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->dry_run;
}

MpCsvEncoding
mp_csv_import_report_get_encoding (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, MP_CSV_ENCODING_UTF8);
  return self->encoding;
}

const char *
mp_csv_import_report_get_encoding_label (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return mp_csv_encoding_get_label (self->encoding);
}

char
mp_csv_import_report_get_delimiter (MpCsvImportReport *self)
{
  g_return_val_if_fail (self != NULL, ',');
  return self->delimiter;
}

static void
add_problem (GArray     *problems,
             guint       line,
             char       *reason)
{
  MpCsvProblem problem = { line, reason };

  g_array_append_val (problems, problem);
}


/* Reading the file */

static void
mp_csv_import_finalize (GObject *object)
{
  MpCsvImport *self = (MpCsvImport *)object;

  g_clear_pointer (&self->arena, g_free);
  g_clear_pointer (&self->cells, g_free);
  g_clear_pointer (&self->records, g_free);
  g_clear_pointer (&self->fields, g_free);

  G_OBJECT_CLASS (mp_csv_import_parent_class)->finalize (object);
}

static void
mp_csv_import_class_init (MpCsvImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_csv_import_finalize;
}

static void
mp_csv_import_init (MpCsvImport *self)
{
  self->delimiter = ',';
}

static gboolean
set_not_text_error (GError **error)
{
  g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                       _("This is not a CSV file. If it is an Excel workbook, open it in "
                         "Excel and save it as “CSV UTF-8”, then import that file."));
  return FALSE;
}

/* Turns @contents into UTF-8 text without a byte order mark. The
 * result shares @contents' memory when it is UTF-8 already. */
static GBytes *
decode_text (GBytes         *contents,
             MpCsvEncoding  *out_encoding,
             GError        **error)
{
  gsize len;
  const guchar *data = g_bytes_get_data (contents, &len);
  g_autoptr(GError) local_error = NULL;
  const char *from = NULL;
  gsize skip = 0;
  char *converted;
  gsize converted_len = 0;

  if (len == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID, _("The file is empty."));
      return NULL;
    }
  if (len > MAX_FILE_SIZE)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                           _("The file is too large to be a list of participants "
                             "(more than 512 MB)."));
      return NULL;
    }

  /* An .xlsx workbook is a zip file; an old .xls is an OLE2 file. */
  if ((len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0) ||
      (len >= 4 && memcmp (data, "\xd0\xcf\x11\xe0", 4) == 0))
    {
      set_not_text_error (error);
      return NULL;
    }

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      if (!g_utf8_validate_len ((const char *) data + 3, len - 3, NULL))
        {
          g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                               _("The file says it is UTF-8 text, but it is not. Save it "
                                 "again as “CSV UTF-8” and import that file."));
          return NULL;
        }
      *out_encoding = MP_CSV_ENCODING_UTF8_BOM;
      return g_bytes_new_from_bytes (contents, 3, len - 3);
    }

  if (len >= 2 && data[0] == 0xff && data[1] == 0xfe)
    from = "UTF-16LE", skip = 2;
  else if (len >= 2 && data[0] == 0xfe && data[1] == 0xff)
    from = "UTF-16BE", skip = 2;

  if (from != NULL)
    *out_encoding = MP_CSV_ENCODING_UTF16;
  else if (g_utf8_validate_len ((const char *) data, len, NULL))
    {
      *out_encoding = MP_CSV_ENCODING_UTF8;
      return g_bytes_ref (contents);
    }
  else if (memchr (data, '\0', MIN (len, 8192)) != NULL)
    {
      set_not_text_error (error);
      return NULL;
    }
  else
    {
      /* Excel on Windows saves "CSV (semicolon separated)" in the
       * ANSI code page, which is Windows-1252 in Norway. */
      from = "WINDOWS-1252";
      *out_encoding = MP_CSV_ENCODING_WINDOWS_1252;
    }

  converted = g_convert ((const char *) data + skip, len - skip, "UTF-8", from,
                         NULL, &converted_len, &local_error);
  if (converted == NULL || memchr (converted, '\0', converted_len) != NULL)
    {
      g_free (converted);
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                           _("The file is not text in an encoding Møteplass knows. Save it "
                             "as “CSV UTF-8” and import that file."));
      return NULL;
    }

  return g_bytes_new_take (converted, converted_len);
}

/* Excel understands a first line "sep=;" and some people add one. */
static gboolean
skip_sep_line (const char **text,
               gsize       *len,
               char        *delimiter)
{
  const char *p = *text;
  gsize n = *len;

  if (n >= 5 && g_ascii_strncasecmp (p, "sep=", 4) == 0 &&
      (p[4] == ',' || p[4] == ';' || p[4] == '\t') &&
      (n == 5 || p[5] == '\r' || p[5] == '\n'))
    {
      gsize skip = 5;

      if (skip < n && p[skip] == '\r')
        skip++;
      if (skip < n && p[skip] == '\n')
        skip++;
      *delimiter = p[4];
      *text = p + skip;
      *len = n - skip;
      return TRUE;
    }

  return FALSE;
}

/* Picks the delimiter that splits the first records into the same
 * number of fields as the header, counting outside quotes only. */
static char
guess_delimiter (const char *text,
                 gsize       len)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[G_N_ELEMENTS (candidates)][SNIFF_RECORDS] = { { 0 } };
  guint line_counts[G_N_ELEMENTS (candidates)] = { 0 };
  guint n_records = 0;
  gboolean in_quotes = FALSE;
  gboolean blank = TRUE;
  const char *end = text + MIN (len, SNIFF_BYTES);
  int best = -1;
  guint best_consistent = 0, best_fields = 0;

  for (const char *p = text; p <= end && n_records < SNIFF_RECORDS; p++)
    {
      char c = p < end ? *p : '\n';

      if (c == '"')
        in_quotes = !in_quotes;
      if (in_quotes)
        {
          blank = FALSE;
          continue;
        }

      if (c == '\n' || c == '\r')
        {
          if (!blank)
            {
              for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
                counts[i][n_records] = line_counts[i];
              n_records++;
            }
          memset (line_counts, 0, sizeof line_counts);
          blank = TRUE;
          continue;
        }

      if (c != ' ')
        blank = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
        if (c == candidates[i])
          line_counts[i]++;
    }

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      guint header = n_records > 0 ? counts[i][0] : 0;
      guint consistent = 0;

      if (header == 0)
        continue;
      for (guint r = 1; r < n_records; r++)
        if (counts[i][r] == header)
          consistent++;

      if (best < 0 || consistent > best_consistent ||
          (consistent == best_consistent && header > best_fields))
        {
          best = i;
          best_consistent = consistent;
          best_fields = header;
        }
    }

  return best >= 0 ? candidates[best] : ',';
}

typedef struct
{
  MpCsvImport *self;
  guint        line;           /* the line being fed to libcsv */
  guint        pending_start;  /* where the open record started, or 0 */
  guint        row_line;
  gsize        row_first;
  guint        row_cells;
  gboolean     row_has_text;
} Parser;

static void
grow (gpointer *array,
      gsize    *size,
      gsize     needed,
      gsize     element)
{
  gsize new_size = MAX (*size, 64);

  while (new_size < needed)
    new_size *= 2;
  *array = g_realloc_n (*array, new_size, element);
  *size = new_size;
}

static void
on_field (void   *data,
          size_t  len,
          void   *user_data)
{
  Parser *parser = user_data;
  MpCsvImport *self = parser->self;
  guint32 offset = 0;

  if (parser->row_cells == 0)
    {
      parser->row_line = parser->pending_start != 0 ? parser->pending_start : parser->line;
      parser->row_first = self->n_cells;
    }

  if (len > 0)
    {
      if (self->arena_len + len + 1 > self->arena_size)
        grow ((gpointer *) &self->arena, &self->arena_size, self->arena_len + len + 1, 1);
      offset = self->arena_len;
      memcpy (self->arena + offset, data, len);
      self->arena[offset + len] = '\0';
      self->arena_len += len + 1;
      parser->row_has_text = TRUE;
    }

  if (self->n_cells == self->cells_size)
    grow ((gpointer *) &self->cells, &self->cells_size, self->n_cells + 1, sizeof (guint32));
  self->cells[self->n_cells++] = offset;
  parser->row_cells++;
}

static void
on_record (int   c,
           void *user_data)
{
  Parser *parser = user_data;
  MpCsvImport *self = parser->self;

  if (parser->row_cells > 0 && parser->row_has_text)
    {
      if (self->n_records == self->records_size)
        grow ((gpointer *) &self->records, &self->records_size, self->n_records + 1,
              sizeof (MpCsvRecord));
      self->records[self->n_records++] = (MpCsvRecord) {
        .line = parser->row_line,
        .first_cell = parser->row_first,
        .n_cells = parser->row_cells,
      };
    }
  else if (parser->row_cells > 0)
    {
      /* A row of empty cells (";;;;" from Excel) counts as blank. */
      self->n_cells = parser->row_first;
    }

  parser->pending_start = 0;
  parser->row_cells = 0;
  parser->row_has_text = FALSE;
}

/* Whether libcsv will skip this line as blank: nothing but spaces (and
 * tabs, unless they separate fields) before the end of the line. */
static gboolean
line_is_blank (const char *p,
               const char *end,
               char        delimiter)
{
  for (; p < end; p++)
    {
      if (*p == ' ' || (*p == '\t' && delimiter != '\t'))
        continue;
      return *p == '\n' || *p == '\r';
    }
  return TRUE;
}

static gboolean
parse_text (MpCsvImport  *self,
            const char   *text,
            gsize         len,
            guint         first_line,
            GError      **error)
{
  struct csv_parser csv;
  Parser parser = { .self = self };
  const char *p = text;
  const char *next_lf = memchr (text, '\n', len);
  const char *end = text + len;
  guint line = first_line;

  /* Not CSV_STRICT: a stray quote inside an unquoted field (Kari "Kia"
   * Nordmann) is something people type, and libcsv keeps it as it is.
   * A quote that never closes is caught below. */
  if (csv_init (&csv, CSV_APPEND_NULL) != 0)
    g_error ("Out of memory");
  csv_set_delim (&csv, (unsigned char) self->delimiter);
  csv_set_realloc_func (&csv, g_realloc);
  csv_set_free_func (&csv, g_free);
  csv_set_blk_size (&csv, 256);

  /* The text is handed over one physical line at a time, so that each
   * record knows the line it starts on. A line ends in LF, CRLF, or a
   * lone CR (old Mac files, and what libcsv ends a record on too). */
  self->arena_size = len + 64;
  self->arena = g_malloc (self->arena_size);
  self->arena[0] = '\0';
  self->arena_len = 1;

  while (p < end)
    {
      const char *chunk_end, *cr;
      gsize chunk_len;

      /* remembered, so that a file of lone CRs is not searched for an
       * LF once per line */
      if (next_lf != NULL && next_lf < p)
        next_lf = memchr (p, '\n', end - p);
      chunk_end = next_lf != NULL ? next_lf + 1 : end;
      cr = memchr (p, '\r', chunk_end - p);
      if (cr != NULL && cr + 1 < chunk_end && cr[1] != '\n')
        chunk_end = cr + 1;
      chunk_len = chunk_end - p;

      parser.line = line;
      if (parser.pending_start == 0 && !line_is_blank (p, chunk_end, self->delimiter))
        parser.pending_start = line;

      if (csv_parse (&csv, p, chunk_len, on_field, on_record, &parser) != chunk_len)
        g_error ("libcsv: %s", csv_strerror (csv_error (&csv)));

      p = chunk_end;
      line++;
    }

  /* A last line break closes the last record, unless a quote is still
   * open: then a record has started (on pending_start) and not ended. */
  if (csv_parse (&csv, "\n", 1, on_field, on_record, &parser) != 1)
    g_error ("libcsv: %s", csv_strerror (csv_error (&csv)));
  if (parser.pending_start != 0)
    {
      csv_free (&csv);
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("A quotation mark on line %u is never closed, so the rest of the file "
                     "cannot be read. Check that line in a spreadsheet program."),
                   parser.pending_start);
      return FALSE;
    }
  csv_fini (&csv, on_field, on_record, &parser);

  csv_free (&csv);
  return TRUE;
}

static inline const char *
cell_text (MpCsvImport *self,
           const MpCsvRecord *record,
           guint        column)
{
  if (column >= record->n_cells)
    return "";
  return self->arena + self->cells[record->first_cell + column];
}

static void
guess_fields (MpCsvImport *self)
{
  self->n_columns = self->records[0].n_cells;
  self->fields = g_new0 (MpCsvField, self->n_columns);

  for (guint i = 0; i < self->n_columns; i++)
    self->fields[i] = mp_csv_field_guess (cell_text (self, &self->records[0], i));
}

MpCsvImport *
mp_csv_import_new (GBytes  *contents,
                   GError **error)
{
  g_autoptr(MpCsvImport) self = NULL;
  g_autoptr(GBytes) text = NULL;
  const char *data;
  gsize len;
  guint first_line = 1;

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MP_TYPE_CSV_IMPORT, NULL);

  text = decode_text (contents, &self->encoding, error);
  if (text == NULL)
    return NULL;

  data = g_bytes_get_data (text, &len);
  if (skip_sep_line (&data, &len, &self->delimiter))
    first_line = 2;
  else
    self->delimiter = guess_delimiter (data, len);

  if (!parse_text (self, data, len, first_line, error))
    return NULL;

  if (self->n_records == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID, _("The file is empty."));
      return NULL;
    }

  guess_fields (self);

  return g_steal_pointer (&self);
}

MpCsvImport *
mp_csv_import_new_for_file (GFile         *file,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A local file is mapped rather than read: no copy of the file is
   * made when it is UTF-8 already. What cannot be mapped (a pipe,
   * /dev/stdin, a remote file) is read. */
  path = g_file_get_path (file);
  if (path != NULL)
    {
      g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &local_error);

      if (mapped != NULL)
        contents = g_mapped_file_get_bytes (mapped);
      else if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) &&
               !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ACCES) &&
               !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ISDIR))
        g_clear_error (&local_error);
    }

  if (contents == NULL && local_error == NULL)
    {
      char *data = NULL;
      gsize len = 0;

      if (g_file_load_contents (file, cancellable, &data, &len, NULL, &local_error))
        contents = g_bytes_new_take (data, len);
    }

  if (contents == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error_literal (error, MP_ERROR, MP_ERROR_CANCELLED, local_error->message);
      else
        g_set_error (error, MP_ERROR,
                     g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                     ? MP_ERROR_NOT_FOUND : MP_ERROR_IO,
                     _("Could not read “%s”: %s"), name, local_error->message);
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_CANCELLED, local_error->message);
      return NULL;
    }

  return mp_csv_import_new (contents, error);
}

MpCsvEncoding
mp_csv_import_get_encoding (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), MP_CSV_ENCODING_UTF8);
  return self->encoding;
}

const char *
mp_csv_import_get_encoding_label (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), NULL);
  return mp_csv_encoding_get_label (self->encoding);
}

char
mp_csv_import_get_delimiter (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), ',');
  return self->delimiter;
}

const char *
mp_csv_import_get_delimiter_label (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), NULL);
  return delimiter_label (self->delimiter);
}

guint
mp_csv_import_get_n_columns (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), 0);
  return self->n_columns;
}

const char *
mp_csv_import_get_header (MpCsvImport *self,
                          guint        column)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);
  return cell_text (self, &self->records[0], column);
}

MpCsvField
mp_csv_import_get_field (MpCsvImport *self,
                         guint        column)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), MP_CSV_FIELD_IGNORE);
  g_return_val_if_fail (column < self->n_columns, MP_CSV_FIELD_IGNORE);
  return self->fields[column];
}

void
mp_csv_import_set_field (MpCsvImport *self,
                         guint        column,
                         MpCsvField   field)
{
  g_return_if_fail (MP_IS_CSV_IMPORT (self));
  g_return_if_fail (column < self->n_columns);
  g_return_if_fail (field < MP_N_CSV_FIELDS);
  self->fields[column] = field;
}

int
mp_csv_import_find_column (MpCsvImport *self,
                           MpCsvField   field)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), -1);

  for (guint i = 0; i < self->n_columns; i++)
    if (self->fields[i] == field)
      return i;
  return -1;
}

gboolean
mp_csv_import_has_name (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), FALSE);

  return mp_csv_import_find_column (self, MP_CSV_FIELD_NAME) >= 0 ||
         mp_csv_import_find_column (self, MP_CSV_FIELD_GIVEN_NAME) >= 0 ||
         mp_csv_import_find_column (self, MP_CSV_FIELD_FAMILY_NAME) >= 0;
}

guint
mp_csv_import_get_n_rows (MpCsvImport *self)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), 0);
  return self->n_records - 1;
}

guint
mp_csv_import_get_row_line (MpCsvImport *self,
                            guint        row)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), 0);
  g_return_val_if_fail (row + 1 < self->n_records, 0);
  return self->records[row + 1].line;
}

const char *
mp_csv_import_get_cell (MpCsvImport *self,
                        guint        row,
                        guint        column)
{
  g_return_val_if_fail (MP_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (row + 1 < self->n_records, NULL);
  return cell_text (self, &self->records[row + 1], column);
}


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
  if (has_any_word_prefix (folded, agree_words))
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
  const char *header = cell_text (checker->self, &checker->self->records[0], column);

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
      if (text != NULL && strlen (text) > MAX_FIELD_CHARS &&
          g_utf8_strlen (text, -1) > MAX_FIELD_CHARS)
        {
          g_autofree char *reason = g_strdup_printf (_("The value in the column “%s” is longer than %u characters."),
                                                     column_title (checker, columns[f]),
                                                     (guint) MAX_FIELD_CHARS);
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

  report = mp_csv_import_report_new ();
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
          add_problem (report->bad_rows, record->line, g_string_free (reasons, FALSE));
          mp_registration_input_clear (input);
          memset (input, 0, sizeof *input);
          continue;
        }

      {
        char *warning = settle_sector (&checker, input);

        if (warning != NULL)
          add_problem (report->warnings, record->line, warning);
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
