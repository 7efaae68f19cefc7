/* Times as people read and write them */
#include "config.h"

#include <string.h>

#include "mp-error.h"
#include "mp-time.h"

static void
test_parse_local_forms (void)
{
  g_autoptr(GError) error = NULL;
  gint64 a = 0, b = 0, c = 0, d = 0;

  /* TZ=Europe/Oslo in the test environment: 8 March is winter time */
  g_assert_true (mp_time_parse_local ("2026-03-08T09:00", &a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (a, ==, 1772956800);
  g_assert_true (mp_time_parse_local ("2026-03-08 09:00", &b, &error));
  g_assert_cmpint (b, ==, a);
  g_assert_true (mp_time_parse_local ("2026-03-08T09:00:00", &c, &error));
  g_assert_cmpint (c, ==, a);
  g_assert_true (mp_time_parse_local ("2026-03-08T08:00:00Z", &d, &error));
  g_assert_cmpint (d, ==, a);
}

static void
test_parse_summer_time (void)
{
  g_autoptr(GError) error = NULL;
  gint64 t = 0;

  g_assert_true (mp_time_parse_local ("2026-06-15T09:00", &t, &error));
  /* 07:00 UTC in summer */
  g_assert_cmpint (t % 86400, ==, 7 * 3600);
}

static void
test_parse_rejects_nonsense (void)
{
  const char *bad[] = { "", "tomorrow", "2026-13-01T09:00", "2026-03-08T25:00", "08.03.2026", "2026-03-08T09:00 extra" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 t = 0;

      g_assert_false (mp_time_parse_local (bad[i], &t, &error));
      g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "2026-03-08T09:00"));
    }
}

static void
test_format_english_source (void)
{
  g_autofree char *long_form = mp_time_format_long (1646726400); /* 2022-03-08 09:00 Oslo */
  g_autofree char *clock = mp_time_format_clock (1646726400);
  g_autofree char *iso = mp_time_format_iso (1646726400);

  g_assert_cmpstr (long_form, ==, "Tuesday 8 March 2022 at 09:00");
  g_assert_cmpstr (clock, ==, "09:00");
  g_assert_cmpstr (iso, ==, "2022-03-08T09:00:00+01:00");
  g_assert_cmpstr (mp_time_month_abbreviation (1646726400), ==, "MAR");
  /* 31 October 23:30 UTC is already November in Oslo */
  g_assert_cmpstr (mp_time_month_abbreviation (1667259000), ==, "NOV");
}

/* What people type into the editor's time fields */
static void
test_parse_clock (void)
{
  static const struct { const char *text; int hour, minute; } good[] = {
    { "09.00", 9, 0 }, { "9:00", 9, 0 }, { "9.00", 9, 0 }, { "0900", 9, 0 }, { "900", 9, 0 },
    { "9", 9, 0 }, { "09", 9, 0 }, { " 13.45 ", 13, 45 }, { "kl. 9.30", 9, 30 }, { "kl 10", 10, 0 },
    { "0", 0, 0 }, { "23:59", 23, 59 }, { "9,15", 9, 15 }, { "9 15", 9, 15 }, { "2359", 23, 59 },
    { "9 pm", 21, 0 }, { "9:30am", 9, 30 }, { "12 am", 0, 0 }, { "12pm", 12, 0 },
  };
  static const char *bad[] = {
    "", " ", "24.00", "9.60", "9.5", "9:5", "12345", "nine", "9.00.00", "-9", "9h", "13 pm", "0 am", "9..00", ".30",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      int hour = -1, minute = -1;

      g_test_message ("%s", good[i].text);
      g_assert_true (mp_time_parse_clock (good[i].text, &hour, &minute));
      g_assert_cmpint (hour, ==, good[i].hour);
      g_assert_cmpint (minute, ==, good[i].minute);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("%s", bad[i]);
      g_assert_false (mp_time_parse_clock (bad[i], NULL, NULL));
    }
  g_assert_false (mp_time_parse_clock (NULL, NULL, NULL));
  {
    g_autofree char *hm = mp_time_format_hm (9, 5);

    g_assert_cmpstr (hm, ==, "09:05");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time/parse/local-forms", test_parse_local_forms);
  g_test_add_func ("/time/parse/summer-time", test_parse_summer_time);
  g_test_add_func ("/time/parse/rejects-nonsense", test_parse_rejects_nonsense);
  g_test_add_func ("/time/format/english-source", test_format_english_source);
  g_test_add_func ("/time/parse/clock", test_parse_clock);

  return g_test_run ();
}
