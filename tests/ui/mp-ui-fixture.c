/* mp-ui-fixture: prepares and inspects databases for the window tests,
 * through the core (the same code the window runs).
 *
 *   mp-ui-fixture --db FILE [--big N]   three events with attendees;
 *                                        --big adds an event with N more
 *   mp-ui-fixture --db FILE --demo      the example events of a first start
 *   mp-ui-fixture --db FILE --list      prints id|title|kind|registered|arrived
 */
#define G_LOG_DOMAIN "mp-ui-fixture"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "mp-demo-events.h"
#include "mp-store.h"
#include "mp-time.h"

static const struct {
  const char *name;
  const char *organisation;
  const char *sector;
  gboolean    arrived;
} people[] = {
  { "Kari Sørensen", "Molde kommune", "Kommune", TRUE },
  { "Ola Nordmann", "NAV Molde", "NAV", TRUE },
  { "Åse Åsen", "Røde Kors Molde", "Frivillig organisasjon", FALSE },
  { "Ahmed Hassan", "Somalisk forening i Molde", "Innvandrerorganisasjon / innvandrerråd", TRUE },
  { "Ingrid Bakke", "Møre og Romsdal fylkeskommune", "Fylkeskommune", FALSE },
  { "Olena Kovalenko", "Molde frivilligsentral", "Frivilligsentral", FALSE },
  { "Per Aasen", "IMDi Midt-Norge", "Statlig virksomhet", TRUE },
  { "Sofie Lie", "Høgskolen i Molde", "Utdanning og forskning", FALSE },
  { "Emil Øvrebø", "Sparebanken Møre", "Næringsliv", FALSE },
  { "Fatima Ali", "", "Privatperson", FALSE },
  { "Lars Ødegård", "Molde kommune", "Politikk (folkevalgt)", FALSE },
  { "Nina Sorensen", "Kirkens Bymisjon", "Frivillig organisasjon", FALSE },
};

static gint64
add_event (MpStore     *store,
           const char  *title,
           MpEventKind  kind,
           const char  *venue,
           const char  *starts)
{
  g_autoptr(MpEvent) event = mp_event_new ();
  g_autoptr(GError) error = NULL;
  gint64 starts_at = 0;

  if (!mp_time_parse_local (starts, &starts_at, &error))
    g_error ("%s", error->message);
  mp_event_set_title (event, title);
  mp_event_set_kind (event, kind);
  mp_event_set_venue (event, venue);
  mp_event_set_starts_at (event, starts_at);
  mp_event_set_ends_at (event, starts_at + 3 * 3600);
  if (!mp_store_add_event (store, event, &error))
    g_error ("%s", error->message);

  return mp_event_get_id (event);
}

static void
register_person (MpStore    *store,
                 gint64      event_id,
                 const char *name,
                 const char *organisation,
                 const char *sector,
                 gboolean    arrived)
{
  MpRegistrationInput input = { 0 };
  g_autoptr(MpAttendee) attendee = NULL;
  g_autoptr(GError) error = NULL;

  input.name = g_strdup (name);
  input.organisation = g_strdup (organisation);
  input.sector = g_strdup (sector);
  input.status = MP_REGISTRATION_STATUS_REGISTERED;
  input.source = MP_REGISTRATION_SOURCE_MANUAL;
  attendee = mp_store_register (store, event_id, &input, &error);
  mp_registration_input_clear (&input);
  if (attendee == NULL)
    g_error ("%s", error->message);

  if (arrived)
    {
      g_autoptr(MpCheckInResult) result = NULL;

      result = mp_store_check_in_registration (store, event_id,
                                               mp_attendee_get_registration_id (attendee),
                                               "Inngang", &error);
      if (result == NULL)
        g_error ("%s", error->message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(MpDatabase) database = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean list = FALSE;
  gboolean demo = FALSE;
  int big = 0;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &path, "Database", "FILE" },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, "List the events", NULL },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Add the example events", NULL },
    { "big", 0, 0, G_OPTION_ARG_INT, &big, "Add an event with N attendees", "N" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || path == NULL)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--db is needed");
      return 2;
    }

  database = mp_database_open (path, MP_DATABASE_FLAGS_NONE, &error);
  if (database == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  store = mp_store_new (database);

  if (list)
    {
      g_autoptr(GPtrArray) events = mp_store_list_events (store, &error);

      if (events == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      for (guint i = 0; i < events->len; i++)
        {
          MpEvent *event = g_ptr_array_index (events, i);

          g_print ("%" G_GINT64_FORMAT "|%s|%s|%u|%u\n",
                   mp_event_get_id (event), mp_event_get_title (event),
                   mp_event_kind_to_string (mp_event_get_kind (event)),
                   mp_event_get_registered (event), mp_event_get_arrived (event));
        }
      return 0;
    }

  if (demo)
    {
      if (!mp_demo_populate (store, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      return 0;
    }

  {
    gint64 dialogue = add_event (store, "Dialogmøte om integrering og frivillighet",
                                 MP_EVENT_KIND_DIALOGUE_MEETING, "Fylkeshuset, Molde",
                                 "2030-03-08T09:00");
    gint64 breakfast = add_event (store, "Frokostmøte: Frivilligsentralene inviterer",
                                  MP_EVENT_KIND_BREAKFAST_MEETING, "Molde frivilligsentral",
                                  "2030-04-24T08:00");
    gint64 past = add_event (store, "Konferanse om inkludering i arbeidslivet",
                             MP_EVENT_KIND_CONFERENCE, "Scandic Seilet",
                             "2024-10-15T10:00");

    for (guint i = 0; i < G_N_ELEMENTS (people); i++)
      register_person (store, dialogue, people[i].name, people[i].organisation,
                       people[i].sector, people[i].arrived);
    for (guint i = 0; i < 3; i++)
      register_person (store, breakfast, people[i].name, people[i].organisation,
                       people[i].sector, FALSE);
    for (guint i = 3; i < G_N_ELEMENTS (people); i++)
      register_person (store, past, people[i].name, people[i].organisation,
                       people[i].sector, i % 2 == 0);
  }

  if (big > 0)
    {
      static const char *given[] = { "Anne", "Bjørn", "Camilla", "Dag", "Eva", "Frode", "Guro", "Håkon", "Ida", "Jon", "Kristin", "Lars", "Marte", "Nils", "Oda", "Pål", "Randi", "Sindre", "Tone", "Ulrik", "Vilde", "Øystein", "Åshild", "Yusuf" };
      static const char *family[] = { "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Henriksen", "Lund", "Halvorsen", "Sørensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg", "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen", "Bakken", "Kristoffersen", "Mathisen", "Lie", "Åsen", "Ødegård" };
      static const char *sectors[] = { "Kommune", "Fylkeskommune", "NAV", "Statlig virksomhet", "Frivillig organisasjon", "Frivilligsentral", "Næringsliv", "Privatperson" };
      g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
      gint64 event_id = add_event (store, "Stor konferanse", MP_EVENT_KIND_CONFERENCE,
                                   "Molde Idrettspark", "2030-06-01T09:00");
      MpImportCounts counts = { 0 };

      for (int i = 0; i < big; i++)
        {
          MpRegistrationInput *input = g_new0 (MpRegistrationInput, 1);

          input->name = g_strdup_printf ("%s %s %d", given[i % G_N_ELEMENTS (given)],
                                         family[(i / G_N_ELEMENTS (given)) % G_N_ELEMENTS (family)], i);
          input->organisation = g_strdup_printf ("Organisasjon %d", i % 500);
          input->sector = g_strdup (sectors[i % G_N_ELEMENTS (sectors)]);
          input->status = MP_REGISTRATION_STATUS_REGISTERED;
          input->source = MP_REGISTRATION_SOURCE_IMPORT;
          g_ptr_array_add (inputs, input);
        }
      if (!mp_store_import (store, event_id, inputs, FALSE, &counts, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      for (guint i = 0; i < inputs->len; i++)
        mp_registration_input_clear (g_ptr_array_index (inputs, i));
    }

  return 0;
}
