/* bench-tickets: how fast a PDF of N tickets is written
 *
 *   bench-tickets [--count N] [--layout ticket|sheet|badge|badge-label] [--repeat R]
 *
 * Makes an event and N attendees with Norwegian names in memory (no
 * database), renders them into one PDF in a temporary folder R times per
 * layout and prints one line per layout:
 *
 *   tickets layout=ticket n=1000 median=0.183s min=0.179s rate=5464/s pdf=1.9MB
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>

#include "mp-attendee-private.h"
#include "mp-ticket-render.h"
#include "mp-ticket.h"

static const char *first_names[] = {
  "Kari", "Ola", "Ingrid", "Lars", "Åse", "Bjørn", "Øystein", "Sigrid",
  "Håkon", "Marit", "Silje", "Eirik", "Ragnhild", "Torbjørn", "Solveig",
  "Jørgen", "Astrid", "Knut", "Hanne", "Espen", "Tone", "Magnus", "Nora",
  "Anne-Marit", "Per Olav", "Kristin", "Ahmed", "Fatima", "Olena", "Mohammed",
  "Amina", "Yusuf", "Daniel", "Ida", "Sander", "Emma", "Jonas", "Thea",
};

static const char *last_names[] = {
  "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
  "Kristiansen", "Jensen", "Karlsen", "Ødegård", "Sæther", "Åsheim", "Berg",
  "Haugen", "Hagen", "Bakken", "Solberg", "Strand", "Lie", "Dahl", "Moen",
  "Halvorsen", "Bjørnstad", "Sørensen", "Ali", "Hassan", "Kovalenko",
  "Ødegård-Johansen", "Gundersen", "Lund", "Aasen", "Eriksen", "Myhre",
};

static const char *organisations[] = {
  "Hamar kommune", "Stange kommune", "Løten kommune", "Innlandet fylkeskommune",
  "NAV Innlandet", "NAV Hamar", "IMDi Indre Øst", "Røde Kors Hamar",
  "Frivilligsentralen i Stange", "Norsk Folkehjelp Innlandet",
  "Innvandrerrådet i Hamar", "Somalisk forening Innlandet",
  "Ukrainsk forening Hamar", "Sparebanken Øst", "Universitetet i Innlandet",
  "Hamar katedralskole", "Kirkens Bymisjon", "Redd Barna", "",
};

static MpAttendee *
make_attendee (GRand *rand)
{
  MpAttendee *attendee = mp_attendee_new ();
  const char *first = first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))];
  const char *last = last_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (last_names))];

  attendee->name = g_strdup_printf ("%s %s", first, last);
  attendee->organisation = g_strdup (organisations[g_rand_int_range (rand, 0, G_N_ELEMENTS (organisations))]);
  attendee->token = mp_ticket_token_new ();

  return attendee;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static gboolean
bench_layout (MpEvent         *event,
              GPtrArray       *attendees,
              MpTicketLayout   layout,
              guint            repeat,
              const char      *dir)
{
  g_autofree char *path = g_build_filename (dir, "tickets.pdf", NULL);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  GStatBuf st;
  double median;

  for (guint i = 0; i < repeat; i++)
    {
      g_autoptr(MpTicketRenderer) renderer = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double seconds;

      renderer = mp_ticket_renderer_new (event, layout);
      if (!mp_ticket_renderer_render_to_file (renderer, path, attendees, NULL, NULL, NULL, &error))
        {
          g_printerr ("bench-tickets: %s\n", error->message);
          return FALSE;
        }
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      g_array_append_val (times, seconds);
    }

  g_array_sort (times, compare_doubles);
  median = repeat % 2 ? g_array_index (times, double, repeat / 2)
                      : (g_array_index (times, double, repeat / 2 - 1) + g_array_index (times, double, repeat / 2)) / 2;
  if (g_stat (path, &st) != 0)
    st.st_size = 0;

  g_print ("tickets layout=%s n=%u pages=%u median=%.3fs min=%.3fs rate=%.0f/s pdf=%.1fMB\n",
           mp_ticket_layout_to_string (layout), attendees->len,
           mp_ticket_layout_get_n_pages (layout, attendees->len),
           median, g_array_index (times, double, 0), attendees->len / median,
           st.st_size / 1e6);
  g_unlink (path);

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEvent) event = mp_event_new ();
  g_autoptr(GPtrArray) attendees = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_autoptr(GDateTime) starts = NULL;
  g_autofree char *layout_name = NULL;
  g_autofree char *dir = NULL;
  int count = 1000;
  int repeat = 5;
  gboolean ok = TRUE;
  const GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &count, "Tickets per PDF (1000)", "N" },
    { "layout", 'l', 0, G_OPTION_ARG_STRING, &layout_name, "Only this layout (ticket, sheet, badge, badge-label)", "LAYOUT" },
    { "repeat", 'r', 0, G_OPTION_ARG_INT, &repeat, "Runs per layout (5)", "R" },
    { NULL }
  };
  MpTicketLayout layouts[] = { MP_TICKET_LAYOUT_TICKET, MP_TICKET_LAYOUT_SHEET, MP_TICKET_LAYOUT_BADGE };
  guint n_layouts = G_N_ELEMENTS (layouts);

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- time writing tickets to PDF");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-tickets: %s\n", error->message);
      return 2;
    }
  if (count < 1 || repeat < 1)
    {
      g_printerr ("bench-tickets: --count and --repeat must be at least 1\n");
      return 2;
    }
  if (layout_name != NULL)
    {
      if (!mp_ticket_layout_from_string (layout_name, &layouts[0]))
        {
          g_printerr ("bench-tickets: unknown layout “%s”\n", layout_name);
          return 2;
        }
      n_layouts = 1;
    }

  starts = g_date_time_new_local (2026, 3, 10, 9, 0, 0);
  mp_event_set_title (event, "Dialogmøte om integrering og frivillighet");
  mp_event_set_kind (event, MP_EVENT_KIND_DIALOGUE_MEETING);
  mp_event_set_venue (event, "Storsalen, Kulturhuset, Torggata 1, Hamar");
  mp_event_set_starts_at (event, g_date_time_to_unix (starts));
  mp_event_set_ends_at (event, g_date_time_to_unix (starts) + 3 * 3600 + 1800);

  for (int i = 0; i < count; i++)
    g_ptr_array_add (attendees, make_attendee (rand));

  dir = g_dir_make_tmp ("mp-bench-tickets-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("bench-tickets: %s\n", error->message);
      return 1;
    }

  for (guint i = 0; ok && i < n_layouts; i++)
    ok = bench_layout (event, attendees, layouts[i], repeat, dir);

  g_rmdir (dir);

  return ok ? 0 : 1;
}
