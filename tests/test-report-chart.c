/* The charts draw what the report says: bar lengths in proportion to the
 * fixture's numbers, labels and colours as given, light and dark. */
#include "config.h"

#include "mp-report-chart.h"
#include "mp-report-fixture.h"

typedef struct
{
  MpTestFixture     base;
  ReportFixture     fx;
  MpReport         *report;
  cairo_surface_t  *surface;
  cairo_t          *cr;
  GArray           *bars;
} ChartFixture;

static void
chart_set_up (ChartFixture  *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  mp_test_fixture_set_up (&f->base, data);
  fixture_build (f->base.store, &f->fx);
  f->report = mp_report_new_for_event (f->base.store, f->fx.e1, &error);
  g_assert_no_error (error);
  f->surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 600);
  f->cr = cairo_create (f->surface);
  f->bars = mp_chart_bars_new ();
}

static void
chart_tear_down (ChartFixture  *f,
                 gconstpointer  data)
{
  g_array_unref (f->bars);
  cairo_destroy (f->cr);
  cairo_surface_destroy (f->surface);
  g_clear_object (&f->report);
  mp_test_fixture_tear_down (&f->base, data);
}

static MpChartBar *
bar (ChartFixture *f,
     guint         i)
{
  return &g_array_index (f->bars, MpChartBar, i);
}

/* The colour at the middle of a bar, as 0xRRGGBB. */
static guint32
colour_at_centre (ChartFixture *f,
                  MpChartBar   *b)
{
  int x = (int) (b->x + b->width / 2), y = (int) (b->y + b->height / 2);
  const guint32 *row;

  cairo_surface_flush (f->surface);
  row = (const guint32 *) (cairo_image_surface_get_data (f->surface) + y * cairo_image_surface_get_stride (f->surface));
  return row[x] & 0xffffff;
}

static guint32
rgb (const MpChartColor *c)
{
  return ((guint32) (c->red * 255 + 0.5) << 16) | ((guint32) (c->green * 255 + 0.5) << 8) | (guint32) (c->blue * 255 + 0.5);
}

static void
paint_background (ChartFixture         *f,
                  const MpChartPalette *p)
{
  cairo_set_source_rgb (f->cr, p->background.red, p->background.green, p->background.blue);
  cairo_paint (f->cr);
}

static void
test_sector_bars (ChartFixture  *f,
                  gconstpointer  data)
{
  MpChartPalette palette;
  MpChartArea area = { 10, 10, 780, 0 };
  static const struct { const char *label; guint registered, arrived; } expected[] = {
    { "Kommune", 3, 3 },
    { "NAV", 1, 1 },
    { "Frivillig organisasjon", 2, 2 },
    { "No sector", 1, 0 },
  };
  double unit;

  mp_chart_palette_init_light (&palette);
  g_assert_cmpuint (mp_chart_sectors_count_rows (f->report), ==, 4);
  area.height = mp_chart_sectors_height (4, 12);
  g_assert_cmpfloat (area.height, <=, 590);
  paint_background (f, &palette);
  mp_chart_draw_sectors (f->cr, &area, &palette, 12, f->report, f->bars);
  g_assert_cmpint (cairo_status (f->cr), ==, CAIRO_STATUS_SUCCESS);

  g_assert_cmpuint (f->bars->len, ==, 2 * G_N_ELEMENTS (expected));
  /* the longest bar is 3: one person is a third of it */
  unit = bar (f, 0)->width / 3;
  g_assert_cmpfloat (unit, >, 20);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      MpChartBar *reg = bar (f, 2 * i), *arr = bar (f, 2 * i + 1);

      g_assert_cmpint (reg->kind, ==, MP_CHART_BAR_REGISTERED);
      g_assert_cmpint (arr->kind, ==, MP_CHART_BAR_ARRIVED);
      g_assert_cmpstr (reg->label, ==, expected[i].label);
      g_assert_cmpstr (arr->label, ==, expected[i].label);
      g_assert_cmpuint (reg->value, ==, expected[i].registered);
      g_assert_cmpuint (arr->value, ==, expected[i].arrived);
      g_assert_cmpfloat_with_epsilon (reg->width, unit * expected[i].registered, 1e-6);
      g_assert_cmpfloat_with_epsilon (arr->width, unit * expected[i].arrived, 1e-6);
      /* arrived right under registered, all bars start at the same x */
      g_assert_cmpfloat_with_epsilon (arr->y, reg->y + reg->height, 1e-6);
      g_assert_cmpfloat_with_epsilon (arr->x, bar (f, 0)->x, 1e-6);
      /* inside the area, rows going down without overlapping */
      g_assert_cmpfloat (reg->x + reg->width, <=, area.x + area.width);
      g_assert_cmpfloat (arr->y + arr->height, <=, area.y + area.height);
      if (i > 0)
        g_assert_cmpfloat (reg->y, >=, bar (f, 2 * i - 1)->y + bar (f, 2 * i - 1)->height);
      if (arr->width > 2)
        g_assert_cmphex (colour_at_centre (f, arr), ==, rgb (&palette.accent));
    }
  /* the labels sit left of the bars, room enough for "Frivillig organisasjon" */
  g_assert_cmpfloat (bar (f, 0)->x, >, area.x + 100);
}

static void
test_arrival_columns (ChartFixture  *f,
                      gconstpointer  data)
{
  MpChartPalette palette;
  MpChartArea area = { 20, 20, 600, 240 };
  static const struct { const char *label; guint arrivals; } expected[] = {
    { "08:40", 1 }, { "08:45", 0 }, { "08:50", 1 }, { "08:55", 2 }, { "09:00", 1 }, { "09:05", 1 },
  };
  double one;

  mp_chart_palette_init_dark (&palette);
  paint_background (f, &palette);
  mp_chart_draw_arrivals (f->cr, &area, &palette, 12, f->report, f->bars);
  g_assert_cmpint (cairo_status (f->cr), ==, CAIRO_STATUS_SUCCESS);

  g_assert_cmpuint (f->bars->len, ==, G_N_ELEMENTS (expected));
  one = bar (f, 0)->height;
  g_assert_cmpfloat (one, >, 10);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      MpChartBar *b = bar (f, i);

      g_assert_cmpint (b->kind, ==, MP_CHART_BAR_ARRIVALS);
      g_assert_cmpstr (b->label, ==, expected[i].label);
      g_assert_cmpuint (b->value, ==, expected[i].arrivals);
      g_assert_cmpfloat_with_epsilon (b->height, one * expected[i].arrivals, 1e-6);
      g_assert_cmpfloat_with_epsilon (b->width, bar (f, 0)->width, 1e-6);
      /* all stand on one base line, left to right, inside the area */
      g_assert_cmpfloat_with_epsilon (b->y + b->height, bar (f, 0)->y + one, 1e-6);
      g_assert_cmpfloat (b->x, >=, area.x);
      g_assert_cmpfloat (b->x + b->width, <=, area.x + area.width + 1e-6);
      g_assert_cmpfloat (b->y, >=, area.y);
      if (i > 0)
        g_assert_cmpfloat (b->x, >, bar (f, i - 1)->x);
      if (b->height > 2)
        g_assert_cmphex (colour_at_centre (f, b), ==, rgb (&palette.accent));
    }
}

/* One check-in at 16:12 (a latecomer, or a ticket scanned after the
 * meeting) must not stretch the axis to the afternoon: the bulk of the
 * arrivals, 08:41 to 09:07, keeps most of the width, and the 16:12 one
 * is a "Later" column of its own. */
static void
test_arrival_outlier_is_summed_later (ChartFixture  *f,
                                      gconstpointer  data)
{
  g_autoptr(MpAttendee) late = fixture_register (f->base.store, f->fx.e1, "Sen Ankomst", "sen@example.no", NULL, NULL,
                                                 NULL, NULL, NULL, MP_REGISTRATION_SOURCE_IMPORT);
  g_autoptr(MpReport) report = NULL;
  g_autoptr(MpArrivalAxis) axis = NULL;
  g_autoptr(GError) error = NULL;
  MpChartPalette palette;
  MpChartArea area = { 20, 20, 600, 240 };
  static const guint expected[] = { 1, 0, 1, 2, 1, 1 };   /* 08:40 … 09:05 */
  double bulk_w = 0, first_x, last_end;
  guint n_time = 0, n_later = 0;

  fixture_arrive (f->base.store, f->fx.e1, late, FIXTURE_E1_START + 7 * 3600 + 12 * 60);
  report = mp_report_new_for_event (f->base.store, f->fx.e1, &error);
  g_assert_no_error (error);
  /* the report's own 5-minute slots still run to 16:10 … */
  g_assert_cmpuint (mp_report_get_n_arrival_buckets (report), ==, 91);

  /* … the chart's axis does not */
  axis = mp_arrival_axis_new (report);
  g_assert_nonnull (axis);
  g_assert_cmpuint (axis->bin_minutes, ==, 5);
  g_assert_cmpuint (axis->n_bins, ==, G_N_ELEMENTS (expected));
  g_assert_cmpint (axis->first_at, ==, FIXTURE_E1_START - 20 * 60);
  g_assert_cmpint (axis->start_bin, ==, 4);
  g_assert_cmpuint (axis->earlier, ==, 0);
  g_assert_cmpuint (axis->later, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (axis->arrivals[i], ==, expected[i]);

  mp_chart_palette_init_light (&palette);
  paint_background (f, &palette);
  mp_chart_draw_arrivals (f->cr, &area, &palette, 12, report, f->bars);
  g_assert_cmpint (cairo_status (f->cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpuint (f->bars->len, ==, G_N_ELEMENTS (expected) + 1);
  first_x = bar (f, 0)->x;
  last_end = first_x;
  for (guint i = 0; i < f->bars->len; i++)
    {
      MpChartBar *b = bar (f, i);

      if (b->kind == MP_CHART_BAR_ARRIVALS)
        {
          n_time++;
          bulk_w += b->width;
          last_end = b->x + b->width;
        }
      else
        {
          g_assert_cmpint (b->kind, ==, MP_CHART_BAR_LATER);
          g_assert_cmpuint (b->value, ==, 1);
          g_assert_cmpstr (b->label, ==, "Later");
          g_assert_cmpuint (i, ==, f->bars->len - 1);
          /* right of the others, inside the area */
          g_assert_cmpfloat (b->x, >, last_end);
          g_assert_cmpfloat (b->x + b->width, <=, area.x + area.width + 1e-6);
          n_later++;
        }
    }
  g_assert_cmpuint (n_time, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (n_later, ==, 1);
  /* the 26 minutes of real arrivals take most of the chart's width */
  g_assert_cmpfloat (last_end - first_x, >, 0.75 * area.width);
  g_assert_cmpfloat (bulk_w, >, 0.6 * area.width);
}

/* An all-day conference: the axis widens its columns rather than
 * drawing over a hundred thin ones; arrivals before the first and
 * after the last fence are still counted, once. */
static void
test_arrival_axis_widens_columns (ChartFixture  *f,
                                  gconstpointer  data)
{
  gint64 e = fixture_event (f->base.store, "Konferanse", MP_EVENT_KIND_CONFERENCE, FIXTURE_E2_START);
  g_autoptr(MpReport) report = NULL;
  g_autoptr(MpArrivalAxis) axis = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0;

  /* one arrival every 10 minutes from the start for eight hours */
  for (guint i = 0; i < 48; i++)
    {
      g_autofree char *name = g_strdup_printf ("Deltaker %u", i);
      g_autofree char *email = g_strdup_printf ("d%u@example.no", i);
      g_autoptr(MpAttendee) a = fixture_register (f->base.store, e, name, email, NULL, NULL, NULL, NULL, NULL,
                                                  MP_REGISTRATION_SOURCE_IMPORT);

      fixture_arrive (f->base.store, e, a, FIXTURE_E2_START + i * 600);
    }
  report = mp_report_new_for_event (f->base.store, e, &error);
  g_assert_no_error (error);
  axis = mp_arrival_axis_new (report);
  g_assert_nonnull (axis);
  g_assert_cmpuint (axis->n_bins, <=, MP_ARRIVAL_AXIS_MAX_BINS);
  g_assert_cmpuint (axis->bin_minutes, ==, 10);
  g_assert_cmpint (axis->start_bin, ==, 0);
  for (guint i = 0; i < axis->n_bins; i++)
    total += axis->arrivals[i];
  g_assert_cmpuint (total + axis->earlier + axis->later, ==, 48);
  g_assert_cmpuint (axis->later, ==, 0);
  {
    g_autofree char *title = mp_arrival_axis_dup_title (axis);

    g_assert_cmpstr (title, ==, "Arrivals per 10 Minutes");
  }
}

static void
test_empty_report_draws_a_message (ChartFixture  *f,
                                   gconstpointer  data)
{
  gint64 e = mp_test_add_event (f->base.store, "Tomt");
  g_autoptr(GError) error = NULL;
  g_autoptr(MpReport) empty = mp_report_new_for_event (f->base.store, e, &error);
  MpChartPalette palette;
  MpChartArea area = { 0, 0, 400, 200 };

  g_assert_no_error (error);
  mp_chart_palette_init_light (&palette);
  mp_chart_draw_sectors (f->cr, &area, &palette, 12, empty, f->bars);
  mp_chart_draw_arrivals (f->cr, &area, &palette, 12, empty, f->bars);
  g_assert_cmpuint (f->bars->len, ==, 0);
  g_assert_cmpint (cairo_status (f->cr), ==, CAIRO_STATUS_SUCCESS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report-chart/sector-bars", ChartFixture, NULL, chart_set_up, test_sector_bars, chart_tear_down);
  g_test_add ("/report-chart/arrival-columns", ChartFixture, NULL, chart_set_up, test_arrival_columns, chart_tear_down);
  g_test_add ("/report-chart/arrival-outlier-later", ChartFixture, NULL, chart_set_up, test_arrival_outlier_is_summed_later, chart_tear_down);
  g_test_add ("/report-chart/arrival-axis-wide-columns", ChartFixture, NULL, chart_set_up, test_arrival_axis_widens_columns, chart_tear_down);
  g_test_add ("/report-chart/empty", ChartFixture, NULL, chart_set_up, test_empty_report_draws_a_message, chart_tear_down);

  return g_test_run ();
}
