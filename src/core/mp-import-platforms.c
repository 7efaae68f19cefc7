/* mp-import-platforms.c: which column holds what, and who wrote the file
 *
 * General rules, not special cases per file (the fixtures in
 * tests/data/platforms/ and their README say where each platform's
 * columns come from):
 *
 * - A header is matched to a field by the words forms and spreadsheets
 *   use, in Bokmål, Nynorsk and English, whole ("E-post") or as a
 *   question written out ("Hva heter du?", "Hvilken organisasjon
 *   representerer du?").
 * - Columns about the event, the organiser, an order's numbers and
 *   money, a ticket or the platform's own timestamps are never the
 *   person's: "Event Name", "Organizer Name", "Attendee #", "Order #",
 *   "Barcode #", "Position ID", "E-mail address verified", "Start time",
 *   "Last modified time".
 * - Except the one time that is the person's act: when the form was
 *   sent or the ticket ordered ("Timestamp", "Completion time",
 *   "$created", "Order date"). It dates the answers, so that a "yes"
 *   after a withdrawal gives the consent again only when it is later.
 * - A column about the attendee ("Attendee email") is the person's own;
 *   one about the buyer, the order or the invoice ("Buyer Email",
 *   "Invoice address name", pretix's order "Email" beside an attendee
 *   e-mail) is only a fallback, used when the row has nothing of its
 *   own, and so is what a form platform records of the account that
 *   answered (Microsoft Forms' "Email" and "Name").
 */
#define G_LOG_DOMAIN "mp-csv-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mp-import-private.h"
#include "mp-text-private.h"
#include "mp-text.h"

const char *
mp_import_platform_get_label (MpImportPlatform platform)
{
  switch (platform)
    {
    case MP_IMPORT_PLATFORM_MICROSOFT_FORMS: return "Microsoft Forms";
    case MP_IMPORT_PLATFORM_GOOGLE_FORMS: return "Google Forms";
    case MP_IMPORT_PLATFORM_NETTSKJEMA: return "Nettskjema";
    /* Translators: pretix is a ticket shop; this is one of its exports */
    case MP_IMPORT_PLATFORM_PRETIX_CHECKIN: return _("pretix (check-in list)");
    /* Translators: pretix is a ticket shop; this is one of its exports */
    case MP_IMPORT_PLATFORM_PRETIX_ORDERS: return _("pretix (order data)");
    /* Translators: Eventbrite is a ticket shop; this is one of its reports */
    case MP_IMPORT_PLATFORM_EVENTBRITE: return _("Eventbrite (attendee summary)");
    case MP_IMPORT_PLATFORM_MOTEPLASS: return "Møteplass";
    case MP_IMPORT_PLATFORM_UNKNOWN:
    default:
      return NULL;
    }
}

const char *
mp_import_platform_to_string (MpImportPlatform platform)
{
  switch (platform)
    {
    case MP_IMPORT_PLATFORM_MICROSOFT_FORMS: return "microsoft-forms";
    case MP_IMPORT_PLATFORM_GOOGLE_FORMS: return "google-forms";
    case MP_IMPORT_PLATFORM_NETTSKJEMA: return "nettskjema";
    case MP_IMPORT_PLATFORM_PRETIX_CHECKIN: return "pretix-checkin";
    case MP_IMPORT_PLATFORM_PRETIX_ORDERS: return "pretix-orders";
    case MP_IMPORT_PLATFORM_EVENTBRITE: return "eventbrite";
    case MP_IMPORT_PLATFORM_MOTEPLASS: return "moteplass";
    case MP_IMPORT_PLATFORM_UNKNOWN:
    default:
      return NULL;
    }
}


/* Header names */

/* Headers as they come out of mp_text_fold(): what forms and
 * spreadsheets call each field in Bokmål, Nynorsk and English, and the
 * short names people give questions in a Nettskjema codebook. */
static const struct {
  MpCsvField  field;
  const char *names[28];
} header_names[] = {
  { MP_CSV_FIELD_NAME, { "navn", "namn", "name", "fullt navn", "fullt namn", "full name",
                         "deltaker", "deltakar", "participant", "attendee", "ditt navn",
                         "ditt namn", "your name", "navn pa deltaker", "namn pa deltakar",
                         "fornavn og etternavn", "forenamn og etternamn",
                         "first and last name", "deltakernavn", "deltakarnamn", "fullname",
                         "fulltnavn", "hele navnet", NULL } },
  { MP_CSV_FIELD_GIVEN_NAME, { "fornavn", "forenamn", "fornamn", "first name", "firstname",
                               "given name", "givenname", NULL } },
  { MP_CSV_FIELD_FAMILY_NAME, { "etternavn", "etternamn", "last name", "lastname", "surname",
                                "family name", "familyname", NULL } },
  { MP_CSV_FIELD_EMAIL, { "e post", "epost", "e postadresse", "epostadresse", "e post adresse",
                          "email", "e mail", "email address", "e mail address", "mail",
                          "e mail adresse", "epost adresse", "mailadresse", NULL } },
  { MP_CSV_FIELD_PHONE, { "telefon", "telefonnummer", "mobil", "mobilnummer", "mobiltelefon",
                          "tlf", "tlf nr", "telefon nr", "phone", "phone number", "mobile",
                          "mobile number", "telephone", "cell phone", "mobilnr", "tlfnr", NULL } },
  { MP_CSV_FIELD_ORGANISATION, { "organisasjon", "virksomhet", "verksemd", "arbeidsgiver",
                                 "arbeidsgjevar", "arbeidssted", "arbeidsstad", "firma",
                                 "organisation", "organization", "company", "employer",
                                 "organisasjon virksomhet", "organisasjon verksemd", "org",
                                 "orgnavn", "org navn", "organisasjonsnavn", "virksomhetsnavn",
                                 "arbeidsplass", NULL } },
  { MP_CSV_FIELD_SECTOR, { "sektor", "sector", NULL } },
  { MP_CSV_FIELD_DIETARY, { "allergier", "allergiar", "matallergi", "matallergier", "kosthold",
                            "kosthald", "dietary needs", "dietary requirements", "diet",
                            "allergies", "food allergies", "spesielle kostbehov", "kost",
                            "allergi", "mat", NULL } },
  { MP_CSV_FIELD_ACCESSIBILITY, { "tilrettelegging", "tilretteleggingsbehov", "accessibility",
                                  "accessibility needs", "universell utforming", "uu", NULL } },
  { MP_CSV_FIELD_INTERPRETER, { "tolk", "tolkesprak", "tolkebehov", "behov for tolk",
                                "interpreter", "interpreter language", NULL } },
  { MP_CSV_FIELD_CONSENT_FOLLOWUP, { "samtykke", "samtykke til oppfolging", "samtykke oppfolging",
                                     "oppfolging", "consent", "consent to follow up",
                                     "follow up", "followup", NULL } },
  { MP_CSV_FIELD_CONSENT_PHOTO, { "samtykke foto", "fotosamtykke", "samtykke til foto",
                                  "samtykke til fotografering", "bildesamtykke", "photo consent",
                                  "consent to photos", "consent to photo", "foto", "photo",
                                  "photos", "samtykke bilde", "bilde", NULL } },
  { MP_CSV_FIELD_STATUS, { "status", "pameldingsstatus", "registration status", NULL } },
};

/* When the person sent the form or ordered the ticket, as the
 * platforms call it (folded): Google Forms' first column, Microsoft
 * Forms' completion (never its start or last change), Nettskjema's
 * $created (older: Levert), pretix' order date and time (two columns),
 * Eventbrite's Order Date. */
static const char *answered_at_names[] = {
  "timestamp", "tidsmerke", "tidsstempel", "completion time", "fullforingstidspunkt",
  "fullforingstid", "created", "levert", "order date", "order time", "submitted",
  "submitted at", "submission time", "submission date", "innsendt", "sendt inn",
  "when answered", NULL,
};

/* Words that give away a question written out in full, as Google Forms
 * and Nettskjema headers are ("Hvilken organisasjon representerer du?").
 * The first rule that matches wins, so the order matters. */
static const char *photo_words[] = { "foto", "photo", "bilde", "bilete", NULL };
static const char *consent_words[] = { "samtykk", "consent", "tillat", "agree", "kan vi", "may we",
                                       "can we", "greit at", "ok at", "lov", NULL };
static const char *given_words[] = { "fornavn", "forenamn", "first name", "given name", NULL };
static const char *family_words[] = { "etternavn", "etternamn", "last name", "surname", "family name", NULL };

static const struct {
  MpCsvField  field;
  const char *words[16];
} header_keywords[] = {
  { MP_CSV_FIELD_CONSENT_FOLLOWUP, { "samtykk", "consent", "oppfolging", "follow up", "followup", "agree",
                                     "kontakte deg", "kontakter deg", "kontakta deg", "contact you",
                                     "referat", "invitasjon", "nyhetsbrev", "newsletter", NULL } },
  { MP_CSV_FIELD_EMAIL, { "e post", "epost", "email", "e mail", NULL } },
  { MP_CSV_FIELD_PHONE, { "telefon", "mobil", "tlf", "phone", "mobile", NULL } },
  { MP_CSV_FIELD_SECTOR, { "sektor", "sector", NULL } },
  { MP_CSV_FIELD_DIETARY, { "allerg", "matallerg", "kosthold", "kosthald", "kostbehov", "diet", "food", NULL } },
  { MP_CSV_FIELD_ACCESSIBILITY, { "tilrettelegg", "accessib", "universell", "rullestol", "wheelchair", NULL } },
  { MP_CSV_FIELD_INTERPRETER, { "tolk", "interpret", NULL } },
  { MP_CSV_FIELD_ORGANISATION, { "organisasjon", "virksomhet", "verksemd", "arbeidsgiv", "arbeidsgjev",
                                 "arbeidssted", "arbeidsstad", "organisation", "organization",
                                 "company", "employer", "jobber", "jobbar", NULL } },
  { MP_CSV_FIELD_FAMILY_NAME, { "etternavn", "etternamn", "surname", "last name", "family name", NULL } },
  { MP_CSV_FIELD_GIVEN_NAME, { "fornavn", "forenamn", "first name", "given name", NULL } },
  { MP_CSV_FIELD_NAME, { "navn", "namn", "name", "heter", "heiter", NULL } },
  { MP_CSV_FIELD_STATUS, { "status", NULL } },
};

/* Words of short headers that are a platform's bookkeeping: times,
 * money, tickets, seats, check-in, quiz scores. */
static const char *bookkeeping_words[] = {
  "time", "tid", "tidspunkt", "date", "dato", "timestamp", "tidsmerke", "tidsstempel",
  "created", "levert", "submitted", "modified", "completion", "points", "poeng", "feedback",
  "score", "poengsum", "price", "pris", "total", "tax", "mva", "fee", "fees", "gebyr",
  "currency", "valuta", "quantity", "antall", "qty", "product", "produkt", "variation",
  "voucher", "rabattkode", "seat", "sete", "locale", "channel", "provider", "providers",
  "checked", "sjekket", "innsjekket", "pseudonymization", "ticket", "billett", "billettype",
  "attention", "verified", "paid", "betalt", "payment", "betaling", "barcode", "strekkode",
  "secret", "source", "kilde", "desk", "registered", "ip", "tier", "group", "gruppe",
  "vat", "comment", "kommentar", "referanse", "reference", NULL,
};

/* Words that make a short header a number, not a person's text. */
static const char *number_words[] = {
  "id", "nr", "no", "num", "number", "nummer", "code", "kode", "uuid", "token", NULL,
};

static const char *event_words[] = {
  "event", "arrangement", "arrangementet", "arrangementsnavn", "eventnavn", "kurs",
  "moete", "mote", "konferanse", "webinar", NULL,
};

static const char *organiser_words[] = {
  "organizer", "organiser", "arrangor", "arrangoer", "host", "vert", "venue", NULL,
};

static const char *attendee_words[] = {
  "attendee", "deltaker", "deltakar", "deltakeren", "deltakaren", "participant",
  "deltakers", "deltakars", NULL,
};

static const char *buyer_words[] = {
  "buyer", "purchaser", "kjoper", "kjopar", "bestiller", "order", "ordre", "bestilling",
  "invoice", "faktura", "billing", "payer", "betaler", "customer", "kunde", NULL,
};

/* Whether @key starts a word of @folded (words are separated by one
 * space, as mp_text_fold() leaves them), or with @whole is one. */
static gboolean
find_word (const char *folded,
           const char *key,
           gboolean    whole)
{
  gsize key_len = strlen (key);

  if (!whole)
    return _mp_text_word_starts_somewhere (folded, key, key_len);
  for (const char *p = folded; p != NULL && *p != '\0'; )
    {
      if (strncmp (p, key, key_len) == 0 && (p[key_len] == ' ' || p[key_len] == '\0'))
        return TRUE;
      p = strchr (p, ' ');
      if (p != NULL)
        p++;
    }
  return FALSE;
}

static gboolean
find_any_word (const char  *folded,
               const char *const *keys,
               gboolean     whole)
{
  for (guint i = 0; keys[i] != NULL; i++)
    if (find_word (folded, keys[i], whole))
      return TRUE;
  return FALSE;
}

#define has_word_prefix(folded, ...) find_word (folded, __VA_ARGS__, FALSE)
#define has_any_word_prefix(folded, ...) find_any_word (folded, __VA_ARGS__, FALSE)
#define has_word(folded, ...) find_word (folded, __VA_ARGS__, TRUE)
#define has_any_word(folded, ...) find_any_word (folded, __VA_ARGS__, TRUE)

static guint
count_words (const char *folded)
{
  guint n = folded[0] != '\0';

  for (const char *p = folded; *p != '\0'; p++)
    if (*p == ' ')
      n++;
  return n;
}

/* A word that ends like a number: "organisasjonsnummer", "ordrenr". */
static gboolean
has_number_suffix (const char *folded)
{
  static const char *suffixes[] = { "nummer", "number", "nr", NULL };
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);

  for (guint w = 0; words[w] != NULL; w++)
    for (guint s = 0; suffixes[s] != NULL; s++)
      if (g_str_has_suffix (words[w], suffixes[s]) && strlen (words[w]) > strlen (suffixes[s]) &&
          !g_str_has_prefix (words[w], "telefon") && !g_str_has_prefix (words[w], "mobil") &&
          !g_str_has_prefix (words[w], "tlf"))
        return TRUE;
  return FALSE;
}

/* A column that never holds the person's name, e-mail or answers,
 * whatever words it has: bookkeeping, numbers, the event, the organiser. */
static gboolean
is_bookkeeping (const char *raw,
                const char *folded)
{
  gboolean short_header = count_words (folded) <= 4;
  gboolean phone = has_any_word_prefix (folded, (const char *[]) { "telefon", "mobil", "tlf", "phone", "mobile", NULL });

  if (!short_header)
    return FALSE;
  if (!phone && (has_any_word (folded, number_words) || has_number_suffix (folded)))
    return TRUE;
  if (has_any_word (folded, bookkeeping_words))
    return TRUE;
  if (has_any_word (folded, organiser_words))
    return TRUE;
  /* "Event Name", "Arrangement", but not "Arrangementet du kommer fra" */
  {
    g_autofree char *first = g_strndup (folded, strcspn (folded, " "));

    if (g_strv_contains (event_words, first))
      return TRUE;
  }
  return FALSE;
}

static MpCsvField
guess_folded (const char *folded)
{
  /* Our own export's headers, in the language it was made in. */
  for (MpCsvField f = MP_CSV_FIELD_NAME; f < MP_N_CSV_FIELDS; f++)
    {
      g_autofree char *label = mp_text_fold (mp_csv_field_get_label (f));

      if (strcmp (folded, label) == 0)
        return f;
    }

  if (has_any_word_prefix (folded, photo_words) &&
      (has_any_word_prefix (folded, consent_words) || count_words (folded) <= 2))
    return MP_CSV_FIELD_CONSENT_PHOTO;
  if (has_any_word_prefix (folded, given_words) && has_any_word_prefix (folded, family_words))
    return MP_CSV_FIELD_NAME;

  for (guint i = 0; i < G_N_ELEMENTS (header_keywords); i++)
    if (has_any_word_prefix (folded, header_keywords[i].words))
      return header_keywords[i].field;

  /* Nettskjema codebook names: "org_navn", "orgnr" is caught above */
  if (has_word (folded, "org"))
    return MP_CSV_FIELD_ORGANISATION;

  return MP_CSV_FIELD_IGNORE;
}

MpCsvField
mp_csv_field_guess (const char *header)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (header != NULL, MP_CSV_FIELD_IGNORE);

  folded = mp_text_fold (header);
  if (folded[0] == '\0')
    return MP_CSV_FIELD_IGNORE;
  if (g_strv_contains (answered_at_names, folded))
    return MP_CSV_FIELD_ANSWERED_AT;

  /* Nettskjema's other columns ($submission_id, $answer_time_ms) and
   * numbers ("Attendee #", "Order #") */
  if (header[0] == '$' || strchr (header, '#') != NULL)
    return MP_CSV_FIELD_IGNORE;

  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    for (guint j = 0; header_names[i].names[j] != NULL; j++)
      if (strcmp (folded, header_names[i].names[j]) == 0)
        return header_names[i].field;

  if (is_bookkeeping (header, folded))
    return MP_CSV_FIELD_IGNORE;
  return guess_folded (folded);
}


/* Platforms */

static gboolean
folded_among (char      **folded,
              guint       n,
              const char *name)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (folded[i], name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
prefix_among (char      **folded,
              guint       n,
              const char *prefix)
{
  for (guint i = 0; i < n; i++)
    if (g_str_has_prefix (folded[i], prefix))
      return TRUE;
  return FALSE;
}

static gboolean
raw_among (const char *const *headers,
           guint              n,
           const char        *name)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (headers[i]));

      if (g_ascii_strcasecmp (trimmed, name) == 0)
        return TRUE;
    }
  return FALSE;
}

static MpImportPlatform
guess_platform (const char *const *headers,
                char             **folded,
                guint              n)
{
  if (n == 0)
    return MP_IMPORT_PLATFORM_UNKNOWN;

  /* Microsoft Forms: ID, Start time, Completion time, Email, Name
   * (Norwegian: Starttidspunkt, Fullføringstidspunkt) */
  if (folded_among (folded, n, "id") &&
      (prefix_among (folded, n, "start time") || prefix_among (folded, n, "starttid")) &&
      (prefix_among (folded, n, "completion time") || prefix_among (folded, n, "fullforingstid")))
    return MP_IMPORT_PLATFORM_MICROSOFT_FORMS;

  /* Google Forms always puts its timestamp first. */
  if (strcmp (folded[0], "timestamp") == 0 || strcmp (folded[0], "tidsmerke") == 0 ||
      strcmp (folded[0], "tidsstempel") == 0)
    return MP_IMPORT_PLATFORM_GOOGLE_FORMS;

  /* Nettskjema: $submission_id, $created (or the older Svar-ID, Levert) */
  for (guint i = 0; i < n; i++)
    if (headers[i][0] == '$')
      return MP_IMPORT_PLATFORM_NETTSKJEMA;
  if (folded_among (folded, n, "svar id") && folded_among (folded, n, "levert"))
    return MP_IMPORT_PLATFORM_NETTSKJEMA;

  /* pretix: order data (Orders / Order positions) and the check-in list */
  if (folded_among (folded, n, "event slug") && folded_among (folded, n, "order code"))
    return MP_IMPORT_PLATFORM_PRETIX_ORDERS;
  if (folded_among (folded, n, "order code") && folded_among (folded, n, "attendee name"))
    return MP_IMPORT_PLATFORM_PRETIX_CHECKIN;

  /* Eventbrite's attendee summary */
  if (raw_among (headers, n, "Attendee #") && raw_among (headers, n, "Order #"))
    return MP_IMPORT_PLATFORM_EVENTBRITE;

  /* Our own export */
  {
    g_autofree char *ticket = mp_text_fold (C_("csv header", "Ticket"));
    g_autofree char *checked_in = mp_text_fold (C_("csv header", "Checked in at"));

    if ((folded_among (folded, n, ticket) && folded_among (folded, n, checked_in)) ||
        (folded_among (folded, n, "ticket") && folded_among (folded, n, "checked in at")))
      return MP_IMPORT_PLATFORM_MOTEPLASS;
  }

  return MP_IMPORT_PLATFORM_UNKNOWN;
}

MpImportPlatform
_mp_import_guess_columns (const char *const *headers,
                          guint              n_columns,
                          MpCsvField        *fields,
                          MpCsvRole         *roles)
{
  g_autoptr(GPtrArray) folded = g_ptr_array_new_full (n_columns + 1, g_free);
  MpImportPlatform platform;
  gboolean has_attendee_email = FALSE;

  for (guint i = 0; i < n_columns; i++)
    g_ptr_array_add (folded, mp_text_fold (headers[i]));
  g_ptr_array_add (folded, NULL);

  platform = guess_platform (headers, (char **) folded->pdata, n_columns);

  for (guint i = 0; i < n_columns; i++)
    {
      const char *f = folded->pdata[i];

      fields[i] = mp_csv_field_guess (headers[i]);
      roles[i] = MP_CSV_ROLE_PRIMARY;
      /* the time of the person's own act, even an order's */
      if (fields[i] == MP_CSV_FIELD_IGNORE || fields[i] == MP_CSV_FIELD_ANSWERED_AT)
        continue;

      if (has_any_word (f, buyer_words) && !has_any_word (f, attendee_words))
        roles[i] = MP_CSV_ROLE_FALLBACK;
      if (fields[i] == MP_CSV_FIELD_EMAIL && has_any_word (f, attendee_words))
        has_attendee_email = TRUE;

      /* What Microsoft Forms records of the account that answered: on a
       * form anyone can answer, "anonymous" and nothing. */
      if (platform == MP_IMPORT_PLATFORM_MICROSOFT_FORMS && i < 6 &&
          (strcmp (f, "email") == 0 || strcmp (f, "e post") == 0 ||
           strcmp (f, "name") == 0 || strcmp (f, "navn") == 0))
        roles[i] = MP_CSV_ROLE_FALLBACK;
    }

  /* pretix' order positions: "Email" is the order's, beside each
   * attendee's "Attendee email". */
  if (has_attendee_email)
    for (guint i = 0; i < n_columns; i++)
      if (fields[i] == MP_CSV_FIELD_EMAIL && !has_any_word (folded->pdata[i], attendee_words))
        roles[i] = MP_CSV_ROLE_FALLBACK;

  return platform;
}
