/* Tickets by e-mail, without a server: headers (RFC 2047, RFC 5322
 * dates), templates and dates in five languages, the account file and
 * the GSettings schema that reads it, the .ics, a composed message, and
 * the outbox's states, erasure and access export. The sending itself,
 * through a real SMTP server, is tests/mail/test-send-tickets.sh. */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "mp-attendee-list.h"
#include "mp-event-mail.h"
#include "mp-mail-account.h"
#include "mp-mail-composer.h"
#include "mp-mail-message.h"
#include "mp-mail-outbox-private.h"
#include "mp-mail-template.h"
#include "mp-privacy.h"
#include "mp-retention.h"
#include "mp-test-util.h"
#include "mp-time.h"

/* 2026-03-08 09:00 and 12:00 in Oslo (winter time, +01:00) */
#define STARTS 1772956800
#define ENDS   (STARTS + 3 * 3600)

/* Decodes a header value made of encoded words (as a mail reader does). */
static char *
decode_words (const char *value)
{
  GString *out = g_string_new (NULL);
  g_auto(GStrv) words = g_strsplit (value, "\r\n ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *w = words[i];
      g_autofree char *b64 = NULL;
      g_autofree guchar *bytes = NULL;
      gsize len;

      g_assert_true (g_str_has_prefix (w, "=?UTF-8?B?"));
      g_assert_true (g_str_has_suffix (w, "?="));
      g_assert_cmpuint (strlen (w), <=, 75);
      b64 = g_strndup (w + 10, strlen (w) - 12);
      bytes = g_base64_decode (b64, &len);
      /* every word whole characters (RFC 2047 5) */
      g_assert_true (g_utf8_validate ((const char *) bytes, len, NULL));
      g_string_append_len (out, (const char *) bytes, len);
    }
  return g_string_free (out, FALSE);
}

static void
test_encoded_words (void)
{
  g_autofree char *ascii = mp_mail_encode_header_text ("Your ticket for the meeting");
  g_autofree char *norwegian = mp_mail_encode_header_text ("Billetten din til Dialogmøte om integrering");
  g_autofree char *decoded = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *long_encoded = NULL;
  g_autofree char *long_decoded = NULL;
  g_autofree char *lookalike = mp_mail_encode_header_text ("=?UTF-8?B?x?=");

  g_assert_cmpstr (ascii, ==, "Your ticket for the meeting");

  decoded = decode_words (norwegian);
  g_assert_cmpstr (decoded, ==, "Billetten din til Dialogmøte om integrering");

  /* long enough for several words, with two-byte and three-byte
   * characters at every offset */
  for (int i = 0; i < 40; i++)
    g_string_append (long_text, "Ø–å ");
  long_encoded = mp_mail_encode_header_text (long_text->str);
  g_assert_nonnull (strstr (long_encoded, "\r\n "));
  long_decoded = decode_words (long_encoded);
  g_assert_cmpstr (long_decoded, ==, long_text->str);

  /* ASCII that would read as an encoded word is encoded */
  g_assert_true (g_str_has_prefix (lookalike, "=?UTF-8?B?"));
}

static void
test_mailbox (void)
{
  g_autofree char *plain = mp_mail_format_mailbox ("Kari Nordmann", "kari@nav.no");
  g_autofree char *comma = mp_mail_format_mailbox ("Nordmann, Kari \"K\"", "kari@nav.no");
  g_autofree char *none = mp_mail_format_mailbox ("", "kari@nav.no");
  g_autofree char *norwegian = mp_mail_format_mailbox ("Åse Sørensen", "ase@nav.no");
  g_autofree char *word = NULL;

  g_assert_cmpstr (plain, ==, "Kari Nordmann <kari@nav.no>");
  g_assert_cmpstr (comma, ==, "\"Nordmann, Kari \\\"K\\\"\" <kari@nav.no>");
  g_assert_cmpstr (none, ==, "<kari@nav.no>");
  g_assert_true (g_str_has_suffix (norwegian, " <ase@nav.no>"));
  word = g_strndup (norwegian, strlen (norwegian) - strlen (" <ase@nav.no>"));
  {
    g_autofree char *decoded = decode_words (word);
    g_assert_cmpstr (decoded, ==, "Åse Sørensen");
  }
}

static void
test_date_header (void)
{
  g_autoptr(GTimeZone) tz = mp_mail_event_time_zone ();
  g_autoptr(GDateTime) winter = g_date_time_new (tz, 2026, 3, 8, 9, 0, 0);
  g_autoptr(GDateTime) summer = g_date_time_new (tz, 2026, 6, 1, 18, 5, 7);
  g_autofree char *w = NULL;
  g_autofree char *s = NULL;

  /* English names whatever the locale */
  setlocale (LC_TIME, "nb_NO.UTF-8");
  w = mp_mail_format_date_header (winter);
  s = mp_mail_format_date_header (summer);
  setlocale (LC_TIME, "C.UTF-8");
  g_assert_cmpstr (w, ==, "Sun, 08 Mar 2026 09:00:00 +0100");
  g_assert_cmpstr (s, ==, "Mon, 01 Jun 2026 18:05:07 +0200");
}

static void
test_template_expand (void)
{
  MpMailFields fields = { "Kari", "Dialogmøte", "søndag 8. mars 2026", "09.00–12.00", "" };
  g_autofree char *text = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;

  text = mp_mail_template_expand ("Hei {name},\n{event} {date} kl. {time}\nSted: {venue}\n{ukjent} {\nSlutt", &fields, TRUE);
  g_assert_cmpstr (text, ==, "Hei Kari,\nDialogmøte søndag 8. mars 2026 kl. 09.00–12.00\n{ukjent} {\nSlutt");
  kept = mp_mail_template_expand ("Sted: {venue}.", &fields, FALSE);
  g_assert_cmpstr (kept, ==, "Sted: .");

  g_assert_true (mp_mail_template_check ("Hei {name} { } {}", NULL));
  g_assert_false (mp_mail_template_check ("Hei {navn}", &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "{navn}"));

  /* every ready-made template uses only known placeholders */
  {
    guint n;
    const MpMailLanguage *languages = mp_mail_languages (&n);

    g_assert_cmpuint (n, ==, 5);
    for (guint i = 0; i < n; i++)
      {
        g_assert_true (mp_mail_template_check (languages[i].subject, NULL));
        g_assert_true (mp_mail_template_check (languages[i].body, NULL));
        g_assert_nonnull (strstr (languages[i].body, "{name}"));
        g_assert_nonnull (strstr (languages[i].subject, "{event}"));
      }
  }
}

static void
test_dates_in_five_languages (void)
{
  static const struct { const char *code, *date, *time; } expected[] = {
    { "nb", "søndag 8. mars 2026", "09.00–12.00" },
    { "nn", "sundag 8. mars 2026", "09.00–12.00" },
    { "en", "Sunday 8 March 2026", "09:00–12:00" },
    { "uk", "неділя, 8 березня 2026", "09:00–12:00" },
    { "ar", "الأحد 8 مارس 2026", "09:00–12:00" },
  };
  g_autoptr(GTimeZone) tz = mp_mail_event_time_zone ();
  g_autoptr(GDateTime) starts = g_date_time_new (tz, 2026, 3, 8, 9, 0, 0);
  g_autoptr(GDateTime) ends = g_date_time_new (tz, 2026, 3, 8, 12, 0, 0);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const MpMailLanguage *language = mp_mail_language_find (expected[i].code);
      g_autofree char *date = mp_mail_format_date (language, starts);
      g_autofree char *time = mp_mail_format_time (language, starts, ends);
      g_autofree char *start_only = mp_mail_format_time (language, starts, NULL);

      g_assert_cmpstr (date, ==, expected[i].date);
      g_assert_cmpstr (time, ==, expected[i].time);
      g_assert_true (g_str_has_prefix (expected[i].time, start_only));
    }
  g_assert_true (mp_mail_language_find ("ar")->rtl);
  g_assert_null (mp_mail_language_find ("sv"));
}

static void
test_account_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("moteplass-mail-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "sub", "mail.ini", NULL);
  g_autoptr(MpMailAccount) empty = NULL;
  g_autoptr(MpMailAccount) account = mp_mail_account_new ();
  g_autoptr(MpMailAccount) loaded = NULL;
  g_autofree char *text = NULL;
  GStatBuf st;

  g_assert_no_error (error);

  /* no file: an empty account, not an error */
  empty = mp_mail_account_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (empty->server, ==, "");
  g_assert_cmpuint (empty->rate, ==, 30);

  g_free (account->server);
  account->server = g_strdup ("smtp.office365.com");
  account->security = MP_MAIL_SECURITY_TLS;
  g_free (account->from);
  account->from = g_strdup ("kari@bergen.kommune.no");
  g_free (account->from_name);
  account->from_name = g_strdup ("Kari 'K' Nordmann");
  g_free (account->user);
  account->user = g_strdup ("kari@bergen.kommune.no");
  account->rate = 12;
  account->password = g_strdup ("hemmelig-passord");
  g_assert_true (mp_mail_account_save (account, path, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_null (strstr (text, "hemmelig"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  loaded = mp_mail_account_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->server, ==, "smtp.office365.com");
  g_assert_cmpint (loaded->security, ==, MP_MAIL_SECURITY_TLS);
  g_assert_cmpuint (mp_mail_account_get_port (loaded), ==, 465);
  g_assert_cmpstr (loaded->from_name, ==, "Kari 'K' Nordmann");
  g_assert_cmpuint (loaded->rate, ==, 12);
  g_assert_null (loaded->password);

  {
    g_autofree char *url = mp_mail_account_dup_url (loaded);
    g_assert_cmpstr (url, ==, "smtps://smtp.office365.com:465");
  }

  mp_test_remove_tree (dir);
}

/* The window binds the same file through GSettings' keyfile backend
 * and the schema in data/: both must read what the other wrote. */
static void
test_account_gsettings (void)
{
  g_autofree char *compiler = g_find_program_in_path ("glib-compile-schemas");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *schema_dir = NULL;
  g_autofree char *source = NULL;
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;
  g_autoptr(GSettingsSchemaSource) schemas = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(MpMailAccount) account = mp_mail_account_new ();
  g_autoptr(MpMailAccount) loaded = NULL;
  g_autofree char *security = NULL;
  g_autofree char *from = NULL;
  int status;

  if (compiler == NULL)
    {
      g_test_skip ("glib-compile-schemas is not installed");
      return;
    }

  dir = g_dir_make_tmp ("moteplass-mail-XXXXXX", &error);
  g_assert_no_error (error);
  schema_dir = g_build_filename (dir, "schemas", NULL);
  g_mkdir (schema_dir, 0700);
  source = g_build_filename (g_getenv ("MP_SOURCE_DIR"), "data", "no.moteplass.Moteplass.gschema.xml", NULL);
  {
    g_autofree char *copy = g_build_filename (schema_dir, "no.moteplass.Moteplass.gschema.xml", NULL);
    g_autofree char *xml = NULL;

    g_assert_true (g_file_get_contents (source, &xml, NULL, NULL));
    g_assert_true (g_file_set_contents (copy, xml, -1, NULL));
  }
  command = g_strdup_printf ("%s --strict %s", compiler, schema_dir);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  path = g_build_filename (dir, "mail.ini", NULL);
  g_free (account->server);
  account->server = g_strdup ("smtp.example.no");
  account->port = 2525;
  account->security = MP_MAIL_SECURITY_NONE;
  g_free (account->from);
  account->from = g_strdup ("post@example.no");
  g_assert_true (mp_mail_account_save (account, path, &error));

  schemas = g_settings_schema_source_new_from_directory (schema_dir, NULL, FALSE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (schemas, "no.moteplass.Moteplass.Mail", FALSE);
  g_assert_nonnull (schema);
  backend = g_keyfile_settings_backend_new (path, "/no/moteplass/Moteplass/mail/", "mail");
  settings = g_settings_new_full (schema, backend, NULL);

  security = g_settings_get_string (settings, "security");
  from = g_settings_get_string (settings, "from");
  g_assert_cmpuint (g_settings_get_uint (settings, "port"), ==, 2525);
  g_assert_cmpstr (security, ==, "none");
  g_assert_cmpstr (from, ==, "post@example.no");
  g_assert_cmpuint (g_settings_get_uint (settings, "rate"), ==, 30);

  /* and back: what the window writes, the command line reads */
  g_settings_set_string (settings, "reply-to", "svar@example.no");
  g_settings_set_uint (settings, "rate", 20);
  g_settings_sync ();
  g_clear_object (&settings);
  g_clear_object (&backend);

  loaded = mp_mail_account_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->reply_to, ==, "svar@example.no");
  g_assert_cmpuint (loaded->rate, ==, 20);
  g_assert_cmpstr (loaded->server, ==, "smtp.example.no");

  mp_test_remove_tree (dir);
}

static void
test_account_check (void)
{
  g_autoptr(MpMailAccount) account = mp_mail_account_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (mp_mail_account_check (account, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_clear_error (&error);

  g_free (account->server);
  account->server = g_strdup ("smtp.example.no");
  g_free (account->from);
  account->from = g_strdup ("post@example.no");
  g_assert_true (mp_mail_account_check (account, NULL));

  /* no encryption only to this computer */
  account->security = MP_MAIL_SECURITY_NONE;
  g_assert_false (mp_mail_account_check (account, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_clear_error (&error);
  for (guint i = 0; i < 4; i++)
    {
      static const char *const loopback[] = { "localhost", "127.0.0.1", "::1", "127.3.2.1" };

      g_free (account->server);
      account->server = g_strdup (loopback[i]);
      g_assert_true (mp_mail_account_check (account, NULL));
    }
  g_assert_false (mp_mail_host_is_loopback ("10.0.0.1"));
  g_assert_false (mp_mail_host_is_loopback ("localhost.example.no"));

  g_free (account->from);
  account->from = g_strdup ("not an address");
  g_assert_false (mp_mail_account_check (account, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
}

/* A store with one event (09:00–12:00 on 8 March 2026, Oslo) */
typedef struct
{
  MpTestFixture  base;
  MpEvent       *event;
  gint64         event_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  mp_test_fixture_set_up (&f->base, data);
  f->event = mp_event_new ();
  mp_event_set_title (f->event, "Dialogmøte om integrering og frivillighet i Vestland fylkeskommune, vår 2026");
  mp_event_set_kind (f->event, MP_EVENT_KIND_DIALOGUE_MEETING);
  mp_event_set_venue (f->event, "Fylkeshuset, Bergen; sal 2");
  mp_event_set_starts_at (f->event, STARTS);
  mp_event_set_ends_at (f->event, ENDS);
  mp_store_add_event (f->base.store, f->event, &error);
  g_assert_no_error (error);
  f->event_id = mp_event_get_id (f->event);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->event);
  mp_test_fixture_tear_down (&f->base, data);
}

static MpMailAccount *
test_account (void)
{
  MpMailAccount *account = mp_mail_account_new ();

  g_free (account->server);
  account->server = g_strdup ("localhost");
  g_free (account->from);
  account->from = g_strdup ("kari@bergen.kommune.no");
  g_free (account->from_name);
  account->from_name = g_strdup ("Kari Nordmann");
  return account;
}

static void
test_ics (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(MpAttendee) attendee = mp_test_register (f->base.store, f->event_id, "Åse Sørensen", "ase@nav.no", "NAV", "NAV");
  g_autoptr(MpEventMail) mail = mp_event_mail_new ();
  g_autoptr(MpMailAccount) account = test_account ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MpMailComposer) composer = mp_mail_composer_new (f->event, mail, account, &error);
  g_autofree char *ics = NULL;
  g_autofree char *uid = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  ics = mp_mail_composer_dup_ics (composer, attendee, STARTS - 86400);

  /* CRLF only, no line longer than 75 octets */
  g_assert_true (g_str_has_suffix (ics, "END:VCALENDAR\r\n"));
  lines = g_strsplit (ics, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
    }

  g_assert_nonnull (strstr (ics, "\r\nDTSTART;TZID=Europe/Oslo:20260308T090000\r\n"));
  g_assert_nonnull (strstr (ics, "\r\nDTEND;TZID=Europe/Oslo:20260308T120000\r\n"));
  g_assert_nonnull (strstr (ics, "\r\nDTSTAMP:20260307T080000Z\r\n"));
  g_assert_nonnull (strstr (ics, "BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo\r\n"));
  g_assert_nonnull (strstr (ics, "\r\nLOCATION:Fylkeshuset\\, Bergen\\; sal 2\r\n"));
  uid = g_strdup_printf ("\r\nUID:%s\r\n", mp_attendee_get_uuid (attendee));
  g_assert_nonnull (strstr (ics, uid));
  /* the long title is folded, and unfolds to itself */
  g_assert_nonnull (strstr (ics, "\r\n "));
}

static void
test_compose (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(MpAttendee) attendee = mp_test_register (f->base.store, f->event_id, "Åse Sørensen", "ase@nav.no", "NAV", "NAV");
  g_autoptr(MpEventMail) mail = mp_event_mail_new ();
  g_autoptr(MpMailAccount) account = test_account ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MpMailComposer) composer = NULL;
  g_autoptr(MpMailMessage) message = NULL;
  g_autofree char *ticket = mp_attendee_dup_ticket_text (attendee);
  g_autofree char *cid = NULL;
  g_autoptr(GString) headers = g_string_new (NULL);
  gsize len;
  const char *bytes;

  g_free (mail->language);
  mail->language = g_strdup ("ar");
  g_free (mail->reply_to);
  mail->reply_to = g_strdup ("svar@bergen.kommune.no");
  composer = mp_mail_composer_new (f->event, mail, account, &error);
  g_assert_no_error (error);
  message = mp_mail_composer_compose (composer, attendee, STARTS - 86400, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (message->to_address, ==, "ase@nav.no");
  g_assert_cmpstr (message->from_address, ==, "kari@bergen.kommune.no");
  for (guint i = 0; i < message->headers->len; i++)
    g_string_append_printf (headers, "%s\n", (char *) g_ptr_array_index (message->headers, i));
  g_assert_nonnull (strstr (headers->str, "From: Kari Nordmann <kari@bergen.kommune.no>\n"));
  g_assert_nonnull (strstr (headers->str, "Reply-To: <svar@bergen.kommune.no>\n"));
  g_assert_nonnull (strstr (headers->str, "Auto-Submitted: auto-generated\n"));
  g_assert_nonnull (strstr (headers->str, "Content-Language: ar\n"));
  g_assert_nonnull (strstr (headers->str, "Subject: =?UTF-8?B?"));
  g_assert_nonnull (strstr (headers->str, "\nDate: Sat, 07 Mar 2026 09:00:00 +0100\n"));
  g_assert_true (g_str_has_prefix (message->message_id, "<"));
  g_assert_true (g_str_has_suffix (message->message_id, "@bergen.kommune.no>"));

  /* the Arabic template, the placeholders filled in, the ticket */
  g_assert_true (g_str_has_prefix (message->subject, "تذكرتك: Dialogmøte"));
  g_assert_nonnull (strstr (message->text, "مرحبًا Åse Sørensen،\r\n"));
  g_assert_nonnull (strstr (message->text, "الأحد 8 مارس 2026، 09:00–12:00"));
  g_assert_nonnull (strstr (message->text, ticket));
  g_assert_null (strstr (message->text, "{"));

  /* the HTML right to left, with the code inline */
  g_assert_nonnull (strstr (message->html, "<html lang=\"ar\" dir=\"rtl\">"));
  cid = g_strdup_printf ("src=\"cid:%s\"", message->image_id);
  g_assert_nonnull (strstr (message->html, cid));
  g_assert_nonnull (strstr (message->html, "Fylkeshuset, Bergen; sal 2"));
  bytes = g_bytes_get_data (message->image, &len);
  g_assert_cmpuint (len, >, 100);
  g_assert_cmpmem (bytes, 8, "\x89PNG\r\n\x1a\n", 8);
  bytes = g_bytes_get_data (message->pdf, &len);
  g_assert_cmpmem (bytes, 5, "%PDF-", 5);
  g_assert_cmpstr (message->pdf_name, ==, "ticket.pdf");
  g_assert_nonnull (message->ics);

  /* no address: a clear error, no message */
  {
    g_autoptr(MpAttendee) nobody = mp_test_register (f->base.store, f->event_id, "Dina Fjell", NULL, NULL, NULL);
    g_autoptr(MpMailMessage) none = mp_mail_composer_compose (composer, nobody, STARTS, &error);

    g_assert_null (none);
    g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  }
}

static void
test_event_mail (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(MpEventMail) mail = NULL;
  g_autoptr(MpEventMail) again = NULL;
  g_autoptr(GError) error = NULL;

  mail = mp_event_mail_get (f->base.store, f->event_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mail->language, ==, "nb");
  g_assert_cmpstr (mail->subject, ==, "");

  g_free (mail->language);
  mail->language = g_strdup ("sv");
  g_assert_false (mp_event_mail_set (f->base.store, f->event_id, mail, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_clear_error (&error);

  g_free (mail->language);
  mail->language = g_strdup ("nn");
  g_free (mail->body);
  mail->body = g_strdup ("Hei {navn}");
  g_assert_false (mp_event_mail_set (f->base.store, f->event_id, mail, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_clear_error (&error);

  g_free (mail->body);
  mail->body = g_strdup ("Hei {name}, sjå vedlegget.");
  g_free (mail->subject);
  mail->subject = g_strdup ("Billett: {event}");
  g_assert_true (mp_event_mail_set (f->base.store, f->event_id, mail, &error));
  g_assert_no_error (error);

  again = mp_event_mail_get (f->base.store, f->event_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->language, ==, "nn");
  g_assert_cmpstr (again->subject, ==, "Billett: {event}");
  g_assert_cmpstr (again->body, ==, "Hei {name}, sjå vedlegget.");

  g_assert_null (mp_event_mail_get (f->base.store, 999, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FOUND);
}

static MpTicketMailEntry *
entry_for (GPtrArray *entries,
           gint64     registration_id)
{
  for (guint i = 0; i < entries->len; i++)
    {
      MpTicketMailEntry *entry = g_ptr_array_index (entries, i);

      if (entry->registration_id == registration_id)
        return entry;
    }
  g_assert_not_reached ();
}

static MpTicketMailStatus
status_of (Fixture *f,
           gint64   registration_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = mp_ticket_mail_list_event (f->base.store, f->event_id, &error);

  g_assert_no_error (error);
  return entry_for (entries, registration_id)->status;
}

static gint64
queue_one (Fixture    *f,
           gint64      registration_id,
           const char *address)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) addresses = g_ptr_array_new ();
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  g_array_append_val (ids, registration_id);
  g_ptr_array_add (addresses, (gpointer) address);
  g_assert_true (_mp_outbox_queue (f->base.db, f->event_id, ids, addresses, out, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, 1);
  return g_array_index (out, gint64, 0);
}

static gboolean
claim (Fixture    *f,
       gint64      outbox_id,
       const char *address)
{
  g_autoptr(GError) error = NULL;
  gboolean claimed;

  g_assert_true (_mp_outbox_claim (f->base.db, outbox_id, address, "<x@y>", STARTS, &claimed, &error));
  g_assert_no_error (error);
  return claimed;
}

/* The states that keep anyone from getting two copies (mp-mail-outbox.h). */
static void
test_outbox_states (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MpAttendee) ase = mp_test_register (f->base.store, f->event_id, "Åse Sørensen", "ase@nav.no", "NAV", "NAV");
  g_autoptr(MpAttendee) bjorn = mp_test_register (f->base.store, f->event_id, "Bjørn Dahl", "bjorn@nav.no", "NAV", "NAV");
  g_autoptr(MpAttendee) dina = mp_test_register (f->base.store, f->event_id, "Dina Fjell", NULL, NULL, NULL);
  g_autoptr(MpAttendee) erik = mp_test_register (f->base.store, f->event_id, "Erik Gran", "erik@nav.no", "NAV", "NAV");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 a = mp_attendee_get_registration_id (ase);
  gint64 b = mp_attendee_get_registration_id (bjorn);
  gint64 e = mp_attendee_get_registration_id (erik);
  gint64 row;
  MpTicketMailCounts counts;

  g_assert_true (mp_store_set_status (f->base.store, e, MP_REGISTRATION_STATUS_WAITLISTED, &error));
  entries = mp_ticket_mail_list_event (f->base.store, f->event_id, &error);
  g_assert_no_error (error);
  mp_ticket_mail_count (entries, &counts);
  g_assert_cmpuint (counts.to_send, ==, 2);
  g_assert_cmpuint (counts.no_address, ==, 1);
  g_assert_cmpuint (counts.not_admitted, ==, 1);
  g_assert_cmpint (entry_for (entries, mp_attendee_get_registration_id (dina))->status, ==, MP_TICKET_MAIL_NO_ADDRESS);

  /* claimed, then the sender died before the end left: back to queued,
   * and still to send */
  row = queue_one (f, a, "ase@nav.no");
  g_assert_true (claim (f, row, "ase@nav.no"));
  g_assert_true (_mp_outbox_recover (f->base.db, &error));
  g_assert_cmpint (mp_test_count_rows (&f->base, "SELECT count(*) FROM outbox WHERE state = 'queued'"), ==, 1);
  g_assert_cmpint (status_of (f, a), ==, MP_TICKET_MAIL_TO_SEND);

  /* the end left: unconfirmed survives recovery and is not sent again */
  g_assert_true (claim (f, row, "ase@nav.no"));
  g_assert_true (_mp_outbox_mark_unconfirmed (f->base.db, row, &error));
  g_assert_true (_mp_outbox_recover (f->base.db, &error));
  g_assert_cmpint (status_of (f, a), ==, MP_TICKET_MAIL_UNCONFIRMED);
  g_assert_cmpint (mp_test_count_rows (&f->base, "SELECT tries FROM outbox"), ==, 2);

  /* sent: with the server's answer */
  g_assert_true (_mp_outbox_finish (f->base.db, row, "sent", STARTS, "250 2.0.0 Ok: queued as X", NULL, &error));
  g_assert_cmpint (status_of (f, a), ==, MP_TICKET_MAIL_SENT);

  /* a new address: counted apart, not to send */
  {
    sqlite3 *db = _mp_database_get_handle (f->base.db);
    g_autofree char *sql = g_strdup_printf ("UPDATE person SET email = 'ase.sorensen@nav.no', email_key = 'ase.sorensen@nav.no'"
                                            " WHERE id = %" G_GINT64_FORMAT, mp_attendee_get_person_id (ase));

    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_cmpint (status_of (f, a), ==, MP_TICKET_MAIL_ADDRESS_CHANGED);

  /* a claim for an address that is no longer theirs drops the row */
  row = queue_one (f, b, "bjorn@nav.no");
  g_assert_true (mp_store_set_status (f->base.store, b, MP_REGISTRATION_STATUS_CANCELLED, &error));
  g_assert_false (claim (f, row, "bjorn@nav.no"));
  g_assert_cmpint (mp_test_count_rows (&f->base, "SELECT count(*) FROM outbox WHERE state = 'queued'"), ==, 0);

  /* only one open row per registration */
  row = queue_one (f, a, "ase.sorensen@nav.no");
  g_assert_true (claim (f, row, "ase.sorensen@nav.no"));
  {
    sqlite3 *db = _mp_database_get_handle (f->base.db);
    g_autofree char *sql = g_strdup_printf ("INSERT INTO outbox (registration_id, kind, state, queued_at)"
                                            " VALUES (%" G_GINT64_FORMAT ", 'ticket', 'queued', 0)", a);

    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  }
}

static MpAttendeeTicketMail
mark_of (Fixture *f,
         gint64   registration_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpAttendee) attendee = mp_store_get_attendee (f->base.store, registration_id, &error);

  g_assert_no_error (error);
  return mp_attendee_get_ticket_mail (attendee);
}

/* What the attendee list shows of the ticket e-mail comes from the same
 * rule as the outbox's statuses, and a reload of the list notices it
 * changed (the window refreshes its rows after a send). */
static void
test_outbox_attendee_mark (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(MpAttendee) ase = mp_test_register (f->base.store, f->event_id, "Åse Sørensen", "ase@nav.no", "NAV", "NAV");
  g_autoptr(MpAttendee) bjorn = mp_test_register (f->base.store, f->event_id, "Bjørn Dahl", "bjorn@nav.no", "NAV", "NAV");
  g_autoptr(MpAttendeeList) list = NULL;
  g_autoptr(MpAttendee) shown = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a = mp_attendee_get_registration_id (ase);
  gint64 b = mp_attendee_get_registration_id (bjorn);
  MpTestItemsChanged changes = { 0 };
  gint64 row;

  g_assert_cmpint (mp_attendee_get_ticket_mail (ase), ==, MP_ATTENDEE_TICKET_MAIL_NONE);
  list = mp_attendee_list_new (f->base.store, f->event_id, &error);
  g_assert_no_error (error);
  /* the list holds Åse's row (after Bjørn Dahl: D before S) */
  shown = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpint (mp_attendee_get_registration_id (shown), ==, a);
  g_signal_connect (list, "items-changed", G_CALLBACK (mp_test_record_items_changed), &changes);

  /* queued and under way: nothing to show yet */
  row = queue_one (f, a, "ase@nav.no");
  g_assert_cmpint (mark_of (f, a), ==, MP_ATTENDEE_TICKET_MAIL_NONE);
  g_assert_true (claim (f, row, "ase@nav.no"));
  g_assert_cmpint (mark_of (f, a), ==, MP_ATTENDEE_TICKET_MAIL_NONE);

  /* refused */
  g_assert_true (_mp_outbox_finish (f->base.db, row, "failed", STARTS, "550 no", "refused", &error));
  g_assert_cmpint (mark_of (f, a), ==, MP_ATTENDEE_TICKET_MAIL_FAILED);
  g_assert_cmpint (status_of (f, a), ==, MP_TICKET_MAIL_TO_SEND);

  g_assert_true (mp_attendee_list_reload (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n, ==, 1);
  g_clear_object (&shown);
  shown = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpint (mp_attendee_get_ticket_mail (shown), ==, MP_ATTENDEE_TICKET_MAIL_FAILED);

  /* may have arrived, then sent */
  row = queue_one (f, a, "ase@nav.no");
  g_assert_true (claim (f, row, "ase@nav.no"));
  g_assert_true (_mp_outbox_mark_unconfirmed (f->base.db, row, &error));
  g_assert_cmpint (mark_of (f, a), ==, MP_ATTENDEE_TICKET_MAIL_UNCONFIRMED);
  g_assert_cmpint (status_of (f, a), ==, MP_TICKET_MAIL_UNCONFIRMED);
  g_assert_true (_mp_outbox_finish (f->base.db, row, "sent", STARTS, "250 ok", NULL, &error));
  g_assert_cmpint (mark_of (f, a), ==, MP_ATTENDEE_TICKET_MAIL_SENT);
  g_assert_cmpint (status_of (f, a), ==, MP_TICKET_MAIL_SENT);

  /* a resend on purpose that fails does not take back the one sent */
  row = queue_one (f, a, "ase@nav.no");
  g_assert_true (claim (f, row, "ase@nav.no"));
  g_assert_true (_mp_outbox_finish (f->base.db, row, "failed", STARTS, "550 no", "refused", &error));
  g_assert_cmpint (mark_of (f, a), ==, MP_ATTENDEE_TICKET_MAIL_SENT);

  /* an address written in other capitals is the same address */
  {
    sqlite3 *db = _mp_database_get_handle (f->base.db);
    g_autofree char *sql = g_strdup_printf ("UPDATE person SET email = 'Ase@NAV.no' WHERE id = %" G_GINT64_FORMAT,
                                            mp_attendee_get_person_id (ase));

    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_cmpint (mark_of (f, a), ==, MP_ATTENDEE_TICKET_MAIL_SENT);

  /* a new address */
  {
    sqlite3 *db = _mp_database_get_handle (f->base.db);
    g_autofree char *sql = g_strdup_printf ("UPDATE person SET email = 'ase.sorensen@nav.no', email_key = 'ase.sorensen@nav.no'"
                                            " WHERE id = %" G_GINT64_FORMAT, mp_attendee_get_person_id (ase));

    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_cmpint (mark_of (f, a), ==, MP_ATTENDEE_TICKET_MAIL_ADDRESS_CHANGED);
  g_assert_cmpint (status_of (f, a), ==, MP_TICKET_MAIL_ADDRESS_CHANGED);

  /* another's messages are not Bjørn's */
  g_assert_cmpint (mark_of (f, b), ==, MP_ATTENDEE_TICKET_MAIL_NONE);
}

/* Erasure, whoever erases, takes the address out of the outbox; the
 * access export lists what was sent when. */
static void
test_outbox_privacy (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MpAttendee) ase = mp_test_register (f->base.store, f->event_id, "Åse Sørensen", "ase@nav.no", "NAV", "NAV");
  g_autoptr(MpAttendee) bjorn = mp_test_register (f->base.store, f->event_id, "Bjørn Dahl", "bjorn@nav.no", "NAV", "NAV");
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *emails;
  JsonObject *email;
  gint64 row;

  row = queue_one (f, mp_attendee_get_registration_id (ase), "ase@nav.no");
  g_assert_true (claim (f, row, "ase@nav.no"));
  g_assert_true (_mp_outbox_finish (f->base.db, row, "sent", STARTS, "250 2.0.0 Ok: queued as ABC", NULL, &error));

  json = mp_store_export_person_json (f->base.store, mp_attendee_get_person_id (ase), &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  emails = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "emails");
  g_assert_cmpuint (json_array_get_length (emails), ==, 1);
  email = json_array_get_object_element (emails, 0);
  g_assert_cmpstr (json_object_get_string_member (email, "state"), ==, "sent");
  g_assert_cmpstr (json_object_get_string_member (email, "address"), ==, "ase@nav.no");
  g_assert_cmpstr (json_object_get_string_member (email, "server_reply"), ==, "250 2.0.0 Ok: queued as ABC");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (email, "done_at"), "2026-03-08T09:00:00"));

  /* a queued message to someone erased is dropped, a sent one forgets the address */
  queue_one (f, mp_attendee_get_registration_id (bjorn), "bjorn@nav.no");
  g_assert_true (mp_store_erase_person (f->base.store, mp_attendee_get_person_id (ase), &error));
  g_assert_true (mp_store_erase_person (f->base.store, mp_attendee_get_person_id (bjorn), &error));
  g_assert_no_error (error);
  g_assert_cmpint (mp_test_count_rows (&f->base, "SELECT count(*) FROM outbox"), ==, 1);
  g_assert_cmpint (mp_test_count_rows (&f->base, "SELECT count(*) FROM outbox WHERE address IS NULL AND reply IS NULL AND state = 'sent'"), ==, 1);
  g_assert_cmpint (mp_test_count_rows (&f->base, "SELECT count(*) FROM outbox WHERE address LIKE '%nav.no%'"), ==, 0);
}

/* Retention moves an old registration to an anonymous person: the
 * outbox forgets the address with it. */
static void
test_outbox_retention (Fixture       *f,
                       gconstpointer  data)
{
  gint64 now = STARTS;
  g_autoptr(MpEvent) old = mp_event_new ();
  g_autoptr(MpAttendee) in_old = NULL;
  g_autoptr(MpAttendee) in_new = NULL;
  g_autoptr(GError) error = NULL;
  gint64 event_id = f->event_id;
  gint64 row;
  guint n_registrations = 0;

  mp_event_set_title (old, "Frokostmøte 2024");
  mp_event_set_kind (old, MP_EVENT_KIND_BREAKFAST_MEETING);
  mp_event_set_starts_at (old, now - 400 * 86400);
  g_assert_true (mp_store_add_event (f->base.store, old, &error));
  in_old = mp_test_register (f->base.store, mp_event_get_id (old), "Åse Sørensen", "ase@nav.no", "NAV", "NAV");
  in_new = mp_test_register (f->base.store, f->event_id, "Åse Sørensen", "ase@nav.no", "NAV", "NAV");

  f->event_id = mp_event_get_id (old);
  row = queue_one (f, mp_attendee_get_registration_id (in_old), "ase@nav.no");
  f->event_id = event_id;
  g_assert_true (claim (f, row, "ase@nav.no"));
  g_assert_true (_mp_outbox_finish (f->base.db, row, "sent", now - 401 * 86400, "250 Ok", NULL, &error));

  g_assert_true (mp_retention_anonymise (f->base.store, 12, now, &n_registrations, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_registrations, ==, 1);
  g_assert_cmpint (mp_test_count_rows (&f->base, "SELECT count(*) FROM outbox WHERE address IS NULL AND state = 'sent'"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mail/header/encoded-words-whole-characters", test_encoded_words);
  g_test_add_func ("/mail/header/mailbox-quoted-or-encoded", test_mailbox);
  g_test_add_func ("/mail/header/date-in-english", test_date_header);
  g_test_add_func ("/mail/template/placeholders-and-empty-lines", test_template_expand);
  g_test_add_func ("/mail/template/dates-in-five-languages", test_dates_in_five_languages);
  g_test_add_func ("/mail/account/file-without-password", test_account_file);
  g_test_add_func ("/mail/account/same-file-as-gsettings", test_account_gsettings);
  g_test_add_func ("/mail/account/no-encryption-only-to-loopback", test_account_check);
  MP_TEST_ADD_OWN ("/mail/ics/oslo-time-crlf-folded", test_ics);
  MP_TEST_ADD_OWN ("/mail/compose/arabic-ticket", test_compose);
  MP_TEST_ADD_OWN ("/mail/event-mail/checked-and-stored", test_event_mail);
  MP_TEST_ADD_OWN ("/mail/outbox/states", test_outbox_states);
  MP_TEST_ADD_OWN ("/mail/outbox/attendee-mark", test_outbox_attendee_mark);
  MP_TEST_ADD_OWN ("/mail/outbox/erasure-and-access", test_outbox_privacy);
  MP_TEST_ADD_OWN ("/mail/outbox/retention", test_outbox_retention);

  return g_test_run ();
}
