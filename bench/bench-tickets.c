/* bench-tickets: how fast a PDF of N tickets is written
 *
 *   bench-tickets [--count N] [--layout ticket|sheet|badge|badge-label]
 *                 [--repeat R] [--vector-codes]
 *
 * Makes an event and N attendees with Norwegian names in memory (no
 * database), renders them into one PDF in a temporary folder R times per
 * layout and prints one line per layout:
 *
 *   tickets layout=ticket n=1000 pages=1000 median=0.183s min=0.179s rate=5464/s cpu=0.250s pdf=1.3MB
 *
 * cpu is the time of both threads (QR codes are made in a second one).
 * bench/node/tickets.js does the same with qrcode + pdfkit.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <time.h>

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

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);

  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
median_of (GArray *values)
{
  guint n = values->len;

  g_array_sort (values, compare_doubles);

  return n % 2 ? g_array_index (values, double, n / 2)
               : (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
}

static gboolean
bench_layout (MpEvent         *event,
              GPtrArray       *attendees,
              MpTicketLayout   layout,
              guint            repeat,
              gboolean         vector_codes,
              const char      *dir)
{
  g_autofree char *path = g_build_filename (dir, "tickets.pdf", NULL);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  GStatBuf st;
  double median, cpu;

  for (guint i = 0; i < repeat; i++)
    {
      g_autoptr(MpTicketRenderer) renderer = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_seconds ();
      double seconds;

      renderer = mp_ticket_renderer_new (event, layout);
      mp_ticket_renderer_set_vector_codes (renderer, vector_codes);
      if (!mp_ticket_renderer_render_to_file (renderer, path, attendees, NULL, NULL, NULL, &error))
        {
          g_printerr ("bench-tickets: %s\n", error->message);
          return FALSE;
        }
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      g_array_append_val (times, seconds);
      seconds = cpu_seconds () - cpu_start;
      g_array_append_val (cpu_times, seconds);
    }

  median = median_of (times);
  cpu = median_of (cpu_times);
  if (g_stat (path, &st) != 0)
    st.st_size = 0;

  /* cpu: both threads together, the QR codes being made in the second */
  g_print ("tickets layout=%s%s n=%u pages=%u median=%.3fs min=%.3fs rate=%.0f/s cpu=%.3fs pdf=%.1fMB\n",
           mp_ticket_layout_to_string (layout), vector_codes ? " codes=vector" : "",
           attendees->len, mp_ticket_layout_get_n_pages (layout, attendees->len),
           median, g_array_index (times, double, 0), attendees->len / median,
           cpu, st.st_size / 1e6);
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
  gboolean vector_codes = FALSE;
  gboolean ok = TRUE;
  const GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &count, "Tickets per PDF (1000)", "N" },
    { "layout", 'l', 0, G_OPTION_ARG_STRING, &layout_name, "Only this layout (ticket, sheet, badge, badge-label)", "LAYOUT" },
    { "repeat", 'r', 0, G_OPTION_ARG_INT, &repeat, "Runs per layout (5)", "R" },
    { "vector-codes", 0, 0, G_OPTION_ARG_NONE, &vector_codes, "QR codes as rectangles, not image masks", NULL },
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
    ok = bench_layout (event, attendees, layouts[i], repeat, vector_codes, dir);

  g_rmdir (dir);

  return ok ? 0 : 1;
}
