/* mp-csv-import-fields.c: the fields an import fills, their names, and
 * recognising them from a column's header in Bokmål, Nynorsk or English
 */
#define G_LOG_DOMAIN "mp-csv-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mp-csv-import-private.h"
#include "mp-csv-private.h"
#include "mp-error.h"
#include "mp-text-private.h"

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

gboolean
_mp_csv_has_any_word_prefix (const char         *folded,
                             const char * const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    if (_mp_text_word_starts_somewhere (folded, keys[i], strlen (keys[i])))
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

  if (_mp_csv_has_any_word_prefix (folded, consent_words) && _mp_csv_has_any_word_prefix (folded, photo_words))
    return MP_CSV_FIELD_CONSENT_PHOTO;
  if (_mp_csv_has_any_word_prefix (folded, given_words) && _mp_csv_has_any_word_prefix (folded, family_words))
    return MP_CSV_FIELD_NAME;

  for (guint i = 0; i < G_N_ELEMENTS (header_keywords); i++)
    if (_mp_csv_has_any_word_prefix (folded, header_keywords[i].words))
      return header_keywords[i].field;

  return MP_CSV_FIELD_IGNORE;
}


