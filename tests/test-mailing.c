/* The follow-up mailing list, consent withdrawal and the access request. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "mp-database-private.h"
#include "mp-mailing.h"
#include "mp-privacy.h"
#include "mp-test-util.h"

/* The hand-made fixture: two events, seven people.
 *
 *   name          events  follow-up consent   sector     arrived
 *   Øystein Berg  E1      yes                 NAV        E1
 *   Anne Aas      E1, E2  yes                 Kommune    E2
 *   Åse Lie       E2      yes (no e-mail)     Frivillig  -
 *   Erik Gran     E1      yes                 Kommune    E1, undone
 *   Bjørn Dahl    E1      no                  NAV        E1
 *   Carl Eik      E2      withdrawn           Kommune    E2
 *   Dina Fjell    E1      yes, then erased    Kommune    E1
 *
 * Norwegian surname order of those on the list: Øystein Berg, Erik
 * Gran, Åse Lie, Anne Aas ("Aa" as Å, after Z). */
typedef struct
{
  MpTestFixture  base;
  gint64         e1, e2;
  gint64         oystein, anne, ase, erik, bjorn, carl, dina;
} Fixture;

static MpAttendee *
register_person (Fixture    *f,
                 gint64      event_id,
                 const char *name,
                 const char *email,
                 const char *organisation,
                 const char *sector,
                 gboolean    consent)
{
  MpRegistrationInput input = {
    .name = (char *) name,
    .email = (char *) email,
    .organisation = (char *) organisation,
    .sector = (char *) sector,
    .consent_followup = consent ? MP_CONSENT_YES : MP_CONSENT_NO,
    .source = MP_REGISTRATION_SOURCE_IMPORT,
  };
  g_autoptr(GError) error = NULL;
  MpAttendee *attendee = mp_store_register (f->base.store, event_id, &input, &error);

  g_assert_no_error (error);
  g_assert_nonnull (attendee);
  return attendee;
}

static gint64
check_in (Fixture    *f,
          gint64      event_id,
          MpAttendee *attendee)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCheckInResult) result =
    mp_store_check_in_registration (f->base.store, event_id,
                                    mp_attendee_get_registration_id (attendee), "Desk 1", &error);

  g_assert_no_error (error);
  g_assert_true (mp_check_in_result_is_admitted (result));
  return mp_check_in_result_get_checkin_id (result);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpAttendee) oystein = NULL, anne1 = NULL, anne2 = NULL, ase = NULL;
  g_autoptr(MpAttendee) erik = NULL, bjorn = NULL, carl = NULL, dina = NULL;
  gint64 erik_checkin;

  mp_test_fixture_set_up (&f->base, data);
  f->e1 = mp_test_add_event (f->base.store, "Dialogmøte om integrering");
  f->e2 = mp_test_add_event (f->base.store, "Frokostmøte om frivillighet");

  oystein = register_person (f, f->e1, "Øystein Berg", "oystein@nav.no", "NAV Vestland", "NAV", TRUE);
  anne1 = register_person (f, f->e1, "Anne Aas", "anne@bergen.kommune.no", "Bergen kommune", "Kommune", TRUE);
  anne2 = register_person (f, f->e2, "Anne Aas", "anne@bergen.kommune.no", "Bergen kommune", "Kommune", TRUE);
  ase = register_person (f, f->e2, "Åse Lie", NULL, "Røde Kors", "Frivillig organisasjon", TRUE);
  erik = register_person (f, f->e1, "Erik Gran", "erik@askoy.kommune.no", "Askøy kommune", "Kommune", TRUE);
  bjorn = register_person (f, f->e1, "Bjørn Dahl", "bjorn@nav.no", "NAV Bergen", "NAV", FALSE);
  carl = register_person (f, f->e2, "Carl Eik", "carl@fjell.kommune.no", "Fjell kommune", "Kommune", TRUE);
  dina = register_person (f, f->e1, "Dina Fjell", "dina@voss.kommune.no", "Voss kommune", "Kommune", TRUE);

  f->oystein = mp_attendee_get_person_id (oystein);
  f->anne = mp_attendee_get_person_id (anne1);
  g_assert_cmpint (mp_attendee_get_person_id (anne2), ==, f->anne);
  f->ase = mp_attendee_get_person_id (ase);
  f->erik = mp_attendee_get_person_id (erik);
  f->bjorn = mp_attendee_get_person_id (bjorn);
  f->carl = mp_attendee_get_person_id (carl);
  f->dina = mp_attendee_get_person_id (dina);

  check_in (f, f->e1, oystein);
  check_in (f, f->e2, anne2);
  check_in (f, f->e1, bjorn);
  check_in (f, f->e2, carl);
  check_in (f, f->e1, dina);
  erik_checkin = check_in (f, f->e1, erik);
  mp_store_undo_check_in (f->base.store, erik_checkin, "Desk 1", &error);
  g_assert_no_error (error);

  mp_store_withdraw_consent (f->base.store, f->carl, MP_CONSENT_KIND_FOLLOWUP, &error);
  g_assert_no_error (error);
  mp_store_erase_person (f->base.store, f->dina, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  mp_test_fixture_tear_down (&f->base, data);
}

/* The names on the list, joined by "|". */
static char *
list_names (Fixture      *f,
            const gint64 *events,
            guint         n_events,
            const char   *sector,
            gboolean      arrived)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  gint64 sector_id = 0;

  if (sector != NULL)
    {
      sector_id = mp_store_find_sector (f->base.store, sector);
      g_assert_cmpint (sector_id, !=, 0);
    }

  entries = mp_mailing_list (f->base.store, events, n_events, sector_id, arrived, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    g_strv_builder_add (names, ((MpMailingEntry *) g_ptr_array_index (entries, i))->name);
  strv = g_strv_builder_end (names);
  return g_strjoinv ("|", strv);
}

#define ASSERT_LIST(expected, events, n, sector, arrived) \
  G_STMT_START { \
    g_autofree char *got_ = list_names (f, events, n, sector, arrived); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  const gint64 e1[] = { f->e1 }, e2[] = { f->e2 }, both[] = { f->e1, f->e2 };

  ASSERT_LIST ("Øystein Berg|Erik Gran|Åse Lie|Anne Aas", NULL, 0, NULL, FALSE);
  ASSERT_LIST ("Øystein Berg|Erik Gran|Åse Lie|Anne Aas", both, 2, NULL, FALSE);
  ASSERT_LIST ("Øystein Berg|Erik Gran|Anne Aas", e1, 1, NULL, FALSE);
  ASSERT_LIST ("Åse Lie|Anne Aas", e2, 1, NULL, FALSE);

  ASSERT_LIST ("Øystein Berg", NULL, 0, "NAV", FALSE);
  ASSERT_LIST ("Erik Gran|Anne Aas", NULL, 0, "Kommune", FALSE);
  ASSERT_LIST ("Anne Aas", e2, 1, "Kommune", FALSE);
  ASSERT_LIST ("Åse Lie", NULL, 0, "frivillig", FALSE);
  ASSERT_LIST ("", NULL, 0, "Næringsliv", FALSE);

  /* Erik's check-in was undone: he did not arrive. */
  ASSERT_LIST ("Øystein Berg|Anne Aas", NULL, 0, NULL, TRUE);
  ASSERT_LIST ("Øystein Berg|Anne Aas", both, 2, NULL, TRUE);
  ASSERT_LIST ("Øystein Berg", e1, 1, NULL, TRUE);
  ASSERT_LIST ("Anne Aas", e2, 1, NULL, TRUE);
  ASSERT_LIST ("", e1, 1, "Kommune", TRUE);
  ASSERT_LIST ("Anne Aas", both, 2, "Kommune", TRUE);
}

static void
test_entry_fields (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = mp_mailing_list (f->base.store, NULL, 0, 0, FALSE, &error);
  MpMailingEntry *anne, *ase;

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 4);
  /* surname order: Berg, Gran, Lie, Aas (as Ås) */
  anne = g_ptr_array_index (entries, 3);
  g_assert_cmpint (anne->person_id, ==, f->anne);
  g_assert_cmpstr (anne->email, ==, "anne@bergen.kommune.no");
  g_assert_cmpstr (anne->organisation, ==, "Bergen kommune");
  g_assert_cmpstr (anne->sector, ==, "Kommune");
  ase = g_ptr_array_index (entries, 2);
  g_assert_cmpint (ase->person_id, ==, f->ase);
  g_assert_cmpstr (ase->email, ==, "");
  g_assert_cmpstr (ase->sector, ==, "Frivillig organisasjon");
}

/* Whatever the filters, only people with an active follow-up consent. */
static void
test_never_without_consent (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sectors = mp_store_list_sectors (f->base.store, &error);
  const gint64 event_sets[][2] = { { 0, 0 }, { f->e1, 0 }, { f->e2, 0 }, { f->e1, f->e2 }, { 999, 0 } };
  const guint event_counts[] = { 0, 1, 1, 2, 1 };
  const gint64 consented[] = { f->anne, f->erik, f->oystein, f->ase };
  const char *outsiders[] = { "Bjørn Dahl", "bjorn@nav.no", "Carl Eik", "carl@fjell.kommune.no",
                              "Dina Fjell", "dina@voss.kommune.no" };
  guint n_lists = 0, n_nonempty = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (sectors->len, ==, 13);

  for (guint e = 0; e < G_N_ELEMENTS (event_sets); e++)
    for (guint s = 0; s <= sectors->len; s++)
      for (int arrived = 0; arrived <= 1; arrived++)
        {
          gint64 sector_id = s == 0 ? 0 : ((MpSector *) g_ptr_array_index (sectors, s - 1))->id;
          g_autoptr(GPtrArray) entries =
            mp_mailing_list (f->base.store, event_sets[e], event_counts[e], sector_id, arrived, &error);
          g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
          g_autofree char *csv = NULL, *vcard = NULL, *bcc = NULL;

          g_assert_no_error (error);
          n_lists++;
          if (entries->len > 0)
            n_nonempty++;

          for (guint i = 0; i < entries->len; i++)
            {
              MpMailingEntry *entry = g_ptr_array_index (entries, i);
              gboolean allowed = FALSE;

              for (guint k = 0; k < G_N_ELEMENTS (consented); k++)
                allowed |= entry->person_id == consented[k];
              g_assert_true (allowed);
              g_assert_true (g_hash_table_add (seen, &entry->person_id));   /* each person once */
            }

          /* Nor in any of the outputs. */
          csv = mp_mailing_to_csv (entries, arrived);
          vcard = mp_mailing_to_vcard (entries);
          bcc = mp_mailing_to_bcc (entries);
          for (guint o = 0; o < G_N_ELEMENTS (outsiders); o++)
            {
              g_assert_null (strstr (csv, outsiders[o]));
              g_assert_null (strstr (vcard, outsiders[o]));
              g_assert_null (strstr (bcc, outsiders[o]));
            }
        }

  g_assert_cmpuint (n_lists, ==, 5 * 14 * 2);
  g_assert_cmpuint (n_nonempty, >, 0);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const gint64 e2[] = { f->e2 };
  g_autoptr(GPtrArray) entries = mp_mailing_list (f->base.store, e2, 1, 0, FALSE, &error);
  g_autofree char *csv = NULL, *excel = NULL;

  g_assert_no_error (error);
  csv = mp_mailing_to_csv (entries, FALSE);
  g_assert_cmpstr (csv, ==,
                   "Name,E-mail,Organisation,Sector\n"
                   "Åse Lie,,Røde Kors,Frivillig organisasjon\n"
                   "Anne Aas,anne@bergen.kommune.no,Bergen kommune,Kommune\n");
  excel = mp_mailing_to_csv (entries, TRUE);
  g_assert_cmpstr (excel, ==,
                   "\xef\xbb\xbfName;E-mail;Organisation;Sector\r\n"
                   "Åse Lie;;Røde Kors;Frivillig organisasjon\r\n"
                   "Anne Aas;anne@bergen.kommune.no;Bergen kommune;Kommune\r\n");
}

static MpMailingEntry *
entry_new (const char *name,
           const char *email,
           const char *organisation,
           const char *sector)
{
  MpMailingEntry *entry = g_new0 (MpMailingEntry, 1);

  entry->name = g_strdup (name);
  entry->email = g_strdup (email);
  entry->organisation = g_strdup (organisation);
  entry->sector = g_strdup (sector);
  return entry;
}

static void
test_csv_quoting (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_mailing_entry_free);
  g_autofree char *csv = NULL, *excel = NULL;

  g_ptr_array_add (entries, entry_new ("Berg, \"Øystein\"", "o@x.no", "=SUM(A1)", "NAV"));
  csv = mp_mailing_to_csv (entries, FALSE);
  g_assert_cmpstr (csv, ==,
                   "Name,E-mail,Organisation,Sector\n"
                   "\"Berg, \"\"Øystein\"\"\",o@x.no,'=SUM(A1),NAV\n");
  excel = mp_mailing_to_csv (entries, TRUE);
  g_assert_cmpstr (excel, ==,
                   "\xef\xbb\xbfName;E-mail;Organisation;Sector\r\n"
                   "\"Berg, \"\"Øystein\"\"\";o@x.no;'=SUM(A1);NAV\r\n");
}

static void
test_vcard_bytes (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_mailing_entry_free);
  g_autofree char *vcard = NULL;
  g_autofree char *long_name = g_strnfill (71, 'a');
  g_autofree char *long_org = g_strnfill (80, 'b');
  g_autofree char *name_with_o = g_strconcat (long_name, "øy", NULL);
  g_autofree char *expected = NULL;

  g_ptr_array_add (entries, entry_new ("Berg, Øystein; \\ ny\nlinje", "o@x.no",
                                       "NAV; Vestland", "Innvandrerorganisasjon / innvandrerråd"));
  g_ptr_array_add (entries, entry_new (name_with_o, "", long_org, ""));
  vcard = mp_mailing_to_vcard (entries);

  /* "FN:" and 71 octets are 74; "ø" would end at octet 76, so the line
   * breaks before it rather than inside it. "ORG:" and 80 octets break
   * after 75, and the continuation's space counts. */
  expected = g_strconcat ("BEGIN:VCARD\r\n"
                          "VERSION:4.0\r\n"
                          "FN:Berg\\, Øystein\\; \\\\ ny\\nlinje\r\n"
                          "EMAIL:o@x.no\r\n"
                          "ORG:NAV\\; Vestland\r\n"
                          "CATEGORIES:Innvandrerorganisasjon / innvandrerråd\r\n"
                          "END:VCARD\r\n"
                          "BEGIN:VCARD\r\n"
                          "VERSION:4.0\r\n"
                          "FN:", long_name, "\r\n"
                          " øy\r\n"
                          "ORG:", long_org + 9, "\r\n"
                          " bbbbbbbbb\r\n"
                          "END:VCARD\r\n", NULL);
  g_assert_cmpstr (vcard, ==, expected);

  /* No physical line is longer than 75 octets. */
  {
    g_auto(GStrv) lines = g_strsplit (vcard, "\r\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
  }
}

static void
test_vcard_long_utf8_folds_cleanly (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_mailing_entry_free);
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GString) unfolded = g_string_new (NULL);
  g_autofree char *vcard = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < 100; i++)
    g_string_append (name, "æøå");
  g_ptr_array_add (entries, entry_new (name->str, "", "", ""));
  vcard = mp_mailing_to_vcard (entries);
  lines = g_strsplit (vcard, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      if (i >= 2 && lines[i][0] == ' ')
        g_string_append (unfolded, lines[i] + 1);
      else if (i == 2)
        g_string_append (unfolded, lines[i]);
    }
  g_assert_true (g_str_has_prefix (unfolded->str, "FN:"));
  g_assert_cmpstr (unfolded->str + 3, ==, name->str);
}

static void
test_bcc (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = mp_mailing_list (f->base.store, NULL, 0, 0, FALSE, &error);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *bcc = NULL, *empty = NULL;

  g_assert_no_error (error);
  bcc = mp_mailing_to_bcc (entries);
  /* Åse has no e-mail and is left out. */
  g_assert_cmpstr (bcc, ==, "oystein@nav.no, erik@askoy.kommune.no, anne@bergen.kommune.no");
  empty = mp_mailing_to_bcc (none);
  g_assert_cmpstr (empty, ==, "");
}

static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (_mp_database_get_handle (f->base.db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *json)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_withdraw_then_consent_again (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autofree char *names = NULL;
  JsonArray *consents;
  JsonObject *first, *second;

  /* Carl withdrew in the fixture; withdrawing again finds nothing. */
  g_assert_false (mp_store_withdraw_consent (f->base.store, f->carl, MP_CONSENT_KIND_FOLLOWUP, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (mp_store_withdraw_consent (f->base.store, f->dina, MP_CONSENT_KIND_FOLLOWUP, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (mp_store_give_consent (f->base.store, 4242, MP_CONSENT_KIND_FOLLOWUP, "manual", &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The withdrawal is in the audit log, by uuid, without a name. */
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log WHERE action = 'withdraw-consent'"
                                  " AND subject = (SELECT uuid FROM person WHERE name = 'Carl Eik')"
                                  " AND detail = 'followup'"), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log WHERE instr (coalesce (subject, '') ||"
                                  " coalesce (detail, '') || coalesce (desk, ''), 'Carl') > 0"), ==, 0);

  mp_store_give_consent (f->base.store, f->carl, MP_CONSENT_KIND_FOLLOWUP, "manual", &error);
  g_assert_no_error (error);
  /* Given twice, it is still one active consent. */
  mp_store_give_consent (f->base.store, f->carl, MP_CONSENT_KIND_FOLLOWUP, "manual", &error);
  g_assert_no_error (error);

  names = list_names (f, NULL, 0, NULL, FALSE);
  g_assert_cmpstr (names, ==, "Øystein Berg|Carl Eik|Erik Gran|Åse Lie|Anne Aas");

  json = mp_store_export_person_json (f->base.store, f->carl, &error);
  g_assert_no_error (error);
  consents = json_object_get_array_member (parse_object (parser, json), "consents");
  g_assert_cmpuint (json_array_get_length (consents), ==, 2);
  first = json_array_get_object_element (consents, 0);
  second = json_array_get_object_element (consents, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "followup");
  g_assert_cmpstr (json_object_get_string_member (first, "source"), ==, "import");
  g_assert_false (json_object_get_null_member (first, "withdrawn_at"));
  g_assert_nonnull (json_object_get_string_member (first, "withdrawn_at"));
  g_assert_cmpstr (json_object_get_string_member (second, "source"), ==, "manual");
  g_assert_true (json_object_get_null_member (second, "withdrawn_at"));

  /* And withdrawn once more: off the list again, history of three. */
  mp_store_withdraw_consent (f->base.store, f->carl, MP_CONSENT_KIND_FOLLOWUP, &error);
  g_assert_no_error (error);
  g_clear_pointer (&names, g_free);
  names = list_names (f, NULL, 0, NULL, FALSE);
  g_assert_cmpstr (names, ==, "Øystein Berg|Erik Gran|Åse Lie|Anne Aas");
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM consent WHERE person_id ="
                                  " (SELECT id FROM person WHERE name = 'Carl Eik')"), ==, 2);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log WHERE action = 'withdraw-consent'"), ==, 2);

  /* A photo consent was never given. */
  g_assert_false (mp_store_withdraw_consent (f->base.store, f->anne, MP_CONSENT_KIND_PHOTO, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The history the registration editor shows: oldest first, how and
   * when each was given and withdrawn; none stands now. */
  {
    g_autoptr(GPtrArray) history = mp_store_list_consents (f->base.store, f->carl, &error);
    MpConsentRecord *a, *b;

    g_assert_no_error (error);
    g_assert_cmpuint (history->len, ==, 2);
    a = g_ptr_array_index (history, 0);
    b = g_ptr_array_index (history, 1);
    g_assert_cmpint (a->kind, ==, MP_CONSENT_KIND_FOLLOWUP);
    g_assert_cmpstr (a->source, ==, "import");
    g_assert_cmpint (a->withdrawn_at, >=, a->given_at);
    g_assert_false (mp_consent_record_is_active (a));
    g_assert_cmpstr (b->source, ==, "manual");
    g_assert_cmpint (b->withdrawn_at, >, 0);
    g_assert_false (mp_consent_record_is_active (b));
    g_assert_null (mp_consent_record_get_not_granted_reason (b));
  }
  /* An old file read again says "yes" without a time: recorded as not
   * given again, with why. */
  {
    g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
    g_autoptr(GPtrArray) history = NULL;
    MpRegistrationInput input = {
      .name = (char *) "Carl Eik",
      .email = (char *) "carl@fjell.kommune.no",
      .consent_followup = MP_CONSENT_YES,
      .source = MP_REGISTRATION_SOURCE_IMPORT,
    };
    MpImportCounts counts = { 0 };
    MpConsentRecord *c;

    g_ptr_array_add (inputs, &input);
    g_assert_true (mp_store_import (f->base.store, f->e1, inputs, FALSE, &counts, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    history = mp_store_list_consents (f->base.store, f->carl, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (history->len, ==, 3);
    c = g_ptr_array_index (history, 2);
    g_assert_cmpstr (c->not_granted, ==, "answer-undated");
    g_assert_false (mp_consent_record_is_active (c));
    g_assert_nonnull (mp_consent_record_get_not_granted_reason (c));
    g_assert_cmpstr (c->event_title, !=, NULL);
  }
  {
    g_autoptr(GPtrArray) none = mp_store_list_consents (f->base.store, f->dina, &error);

    g_assert_null (none);
    g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FOUND);
  }
}

static void
test_access_request (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonObject *root, *person, *reg1, *reg2, *answers;
  JsonArray *registrations, *checkins, *consents;
  const char *others[] = { "Øystein", "oystein@", "Åse", "Erik", "erik@", "Bjørn", "bjorn@",
                           "Carl", "carl@", "Dina", "dina@", "NAV Vestland", "Røde Kors" };

  json = mp_store_export_person_json (f->base.store, f->anne, &error);
  g_assert_no_error (error);
  root = parse_object (parser, json);

  person = json_object_get_object_member (root, "person");
  g_assert_cmpint (json_object_get_int_member (person, "id"), ==, f->anne);
  g_assert_cmpstr (json_object_get_string_member (person, "name"), ==, "Anne Aas");
  g_assert_cmpstr (json_object_get_string_member (person, "given_name"), ==, "Anne");
  g_assert_cmpstr (json_object_get_string_member (person, "family_name"), ==, "Aas");
  g_assert_cmpstr (json_object_get_string_member (person, "email"), ==, "anne@bergen.kommune.no");
  g_assert_cmpstr (json_object_get_string_member (person, "organisation"), ==, "Bergen kommune");
  g_assert_cmpstr (json_object_get_string_member (person, "sector"), ==, "Kommune");
  g_assert_true (json_object_get_null_member (person, "erased_at"));

  registrations = json_object_get_array_member (root, "registrations");
  g_assert_cmpuint (json_array_get_length (registrations), ==, 2);
  reg1 = json_array_get_object_element (registrations, 0);
  reg2 = json_array_get_object_element (registrations, 1);
  g_assert_cmpstr (json_object_get_string_member (reg1, "event_title"), ==, "Dialogmøte om integrering");
  g_assert_cmpstr (json_object_get_string_member (reg2, "event_title"), ==, "Frokostmøte om frivillighet");
  g_assert_cmpstr (json_object_get_string_member (reg1, "status"), ==, "registered");
  g_assert_cmpstr (json_object_get_string_member (reg1, "source"), ==, "import");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (reg1, "ticket"), "MP1"));
  answers = json_object_get_object_member (reg1, "answers");
  g_assert_true (json_object_has_member (answers, "dietary"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (reg1, "checkins")), ==, 0);
  checkins = json_object_get_array_member (reg2, "checkins");
  g_assert_cmpuint (json_array_get_length (checkins), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (checkins, 0), "desk"), ==, "Desk 1");
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (checkins, 0), "undone"));

  consents = json_object_get_array_member (root, "consents");
  g_assert_cmpuint (json_array_get_length (consents), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (consents, 0), "kind"), ==, "followup");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (consents, 0), "withdrawn_at"));

  /* Nothing of anyone else. */
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      if (strstr (json, others[i]) != NULL)
        g_error ("the access export of Anne Aas mentions “%s”", others[i]);
    }

  /* Erik's undone check-in says so. */
  g_clear_pointer (&json, g_free);
  json = mp_store_export_person_json (f->base.store, f->erik, &error);
  g_assert_no_error (error);
  root = parse_object (parser, json);
  registrations = json_object_get_array_member (root, "registrations");
  checkins = json_object_get_array_member (json_array_get_object_element (registrations, 0), "checkins");
  g_assert_cmpuint (json_array_get_length (checkins), ==, 1);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (checkins, 0), "undone"));
  g_assert_null (strstr (json, "Anne"));

  /* An erased person has nothing personal left to export. */
  g_clear_pointer (&json, g_free);
  json = mp_store_export_person_json (f->base.store, f->dina, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (json, "Dina"));
  g_assert_null (strstr (json, "dina@"));
  root = parse_object (parser, json);
  g_assert_false (json_object_get_null_member (json_object_get_object_member (root, "person"), "erased_at"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "consents")), ==, 0);

  g_clear_pointer (&json, g_free);
  json = mp_store_export_person_json (f->base.store, 4242, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FOUND);
  g_assert_null (json);
}

static guint
left_out (Fixture      *f,
          const gint64 *events,
          guint         n,
          const char   *sector,
          gboolean      arrived)
{
  g_autoptr(GError) error = NULL;
  gint64 sector_id = sector != NULL ? mp_store_find_sector (f->base.store, sector) : 0;
  guint count = G_MAXUINT;

  g_assert_true (mp_mailing_count_left_out (f->base.store, events, n, sector_id, arrived, &count, &error));
  g_assert_no_error (error);
  return count;
}

/* What the window says is left out: the same filters, no consent
 * (Bjørn never gave one, Carl withdrew his; Dina is erased). */
static void
test_left_out_for_lack_of_consent (Fixture       *f,
                                   gconstpointer  data)
{
  const gint64 e1[] = { f->e1 }, e2[] = { f->e2 }, both[] = { f->e1, f->e2 };

  g_assert_cmpuint (left_out (f, NULL, 0, NULL, FALSE), ==, 2);
  g_assert_cmpuint (left_out (f, both, 2, NULL, FALSE), ==, 2);
  g_assert_cmpuint (left_out (f, e1, 1, NULL, FALSE), ==, 1);
  g_assert_cmpuint (left_out (f, e2, 1, NULL, FALSE), ==, 1);
  g_assert_cmpuint (left_out (f, NULL, 0, "NAV", FALSE), ==, 1);
  g_assert_cmpuint (left_out (f, both, 2, "Kommune", FALSE), ==, 1);
  g_assert_cmpuint (left_out (f, both, 2, NULL, TRUE), ==, 2);
  g_assert_cmpuint (left_out (f, e1, 1, "Kommune", TRUE), ==, 0);
  g_assert_cmpuint (left_out (f, NULL, 0, "Næringsliv", FALSE), ==, 0);
}

/* With the names known apart, each card has N (family;given). */
static void
test_vcard_has_names_apart (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const gint64 e2[] = { f->e2 };
  g_autoptr(GPtrArray) entries = mp_mailing_list (f->base.store, e2, 1, 0, FALSE, &error);
  g_autofree char *vcard = NULL;

  g_assert_no_error (error);
  vcard = mp_mailing_to_vcard (entries);
  g_assert_nonnull (strstr (vcard, "FN:Åse Lie\r\nN:Lie;Åse;;;\r\n"));
  g_assert_nonnull (strstr (vcard, "FN:Anne Aas\r\nN:Aas;Anne;;;\r\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  MP_TEST_ADD_OWN ("/mailing/filters/event-sector-arrived", test_filters);
  MP_TEST_ADD_OWN ("/mailing/entry-fields", test_entry_fields);
  MP_TEST_ADD_OWN ("/mailing/never-without-consent", test_never_without_consent);
  MP_TEST_ADD_OWN ("/mailing/csv", test_csv);
  g_test_add_func ("/mailing/csv/quoting-and-excel", test_csv_quoting);
  g_test_add_func ("/mailing/vcard/escaping-and-folding-bytes", test_vcard_bytes);
  g_test_add_func ("/mailing/vcard/folds-between-characters", test_vcard_long_utf8_folds_cleanly);
  MP_TEST_ADD_OWN ("/mailing/bcc", test_bcc);
  MP_TEST_ADD_OWN ("/mailing/left-out-for-lack-of-consent", test_left_out_for_lack_of_consent);
  MP_TEST_ADD_OWN ("/mailing/vcard/names-apart", test_vcard_has_names_apart);
  MP_TEST_ADD_OWN ("/privacy/consent/withdraw-then-give-again", test_withdraw_then_consent_again);
  MP_TEST_ADD_OWN ("/privacy/access-request-json", test_access_request);

  return g_test_run ();
}
