#define G_LOG_DOMAIN "mp-report-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "mp-report-chart.h"
#include "mp-time.h"

static void
chart_bar_clear (gpointer data)
{
  MpChartBar *bar = data;

  g_free (bar->label);
}

GArray *
mp_chart_bars_new (void)
{
  GArray *bars = g_array_new (FALSE, TRUE, sizeof (MpChartBar));

  g_array_set_clear_func (bars, chart_bar_clear);
  return bars;
}

void
mp_chart_palette_init_light (MpChartPalette *palette)
{
  /* libadwaita's window foreground, background and blue accent */
  *palette = (MpChartPalette) {
    { 0, 0, 0, 0.8 },
    { 1, 1, 1, 1 },
    { 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0, 1 },
    NULL,
  };
}

void
mp_chart_palette_init_dark (MpChartPalette *palette)
{
  *palette = (MpChartPalette) {
    { 1, 1, 1, 1 },
    { 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0, 1 },
    { 0x78 / 255.0, 0xae / 255.0, 0xed / 255.0, 1 },
    NULL,
  };
}

static void
set_color (cairo_t            *cr,
           const MpChartColor *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

/* A colour between @a (at 0) and @b (at 1), opaque. */
static void
set_mix (cairo_t            *cr,
         const MpChartColor *a,
         const MpChartColor *b,
         double              t)
{
  cairo_set_source_rgb (cr,
                        a->red + (b->red - a->red) * t,
                        a->green + (b->green - a->green) * t,
                        a->blue + (b->blue - a->blue) * t);
}

static PangoLayout *
make_layout (cairo_t              *cr,
             const MpChartPalette *palette,
             double                font_size,
             gboolean              bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();

  pango_font_description_set_family (font, palette->font_family != NULL ? palette->font_family : "Sans");
  /* in the surface's units: pixels on screen, points in the PDF */
  pango_font_description_set_absolute_size (font, font_size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);

  return layout;
}

static void
text_size (PangoLayout *layout,
           const char  *text,
           double      *width,
           double      *height)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

static void
show_text_at (cairo_t     *cr,
              PangoLayout *layout,
              const char  *text,
              double       x,
              double       y)
{
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
add_bar (GArray         *bars,
         MpChartBarKind  kind,
         const char     *label,
         guint           value,
         double          x,
         double          y,
         double          width,
         double          height)
{
  MpChartBar bar = { kind, g_strdup (label), value, x, y, width, height };

  if (bars != NULL)
    g_array_append_val (bars, bar);
  else
    g_free (bar.label);
}

/* Sectors */

#define LEGEND_LINES 2.2
#define ROW_LINES    3.0

static gboolean
sector_shown (const MpSectorCount *s)
{
  return s->registered > 0 || s->arrived > 0;
}

guint
mp_chart_sectors_count_rows (MpReport *report)
{
  guint n = 0;

  for (guint i = 0; i < mp_report_get_n_sectors (report); i++)
    if (sector_shown (mp_report_get_sector (report, i)))
      n++;
  return n;
}

double
mp_chart_sectors_height (guint  n_rows,
                         double font_size)
{
  return font_size * (LEGEND_LINES + ROW_LINES * MAX (n_rows, 1)) + font_size;
}

/* A swatch in the current colour, then its name in @text_color. */
static void
draw_legend_item (cairo_t            *cr,
                  PangoLayout        *layout,
                  double             *x,
                  double              y,
                  double              font_size,
                  const MpChartColor *text_color,
                  const char         *text)
{
  double w;

  cairo_rectangle (cr, *x, y + font_size * 0.2, font_size, font_size);
  cairo_fill (cr);
  *x += font_size * 1.4;
  set_color (cr, text_color);
  text_size (layout, text, &w, NULL);
  show_text_at (cr, layout, text, *x, y);
  *x += w + font_size * 1.5;
}

static void
draw_message (cairo_t              *cr,
              const MpChartArea    *area,
              const MpChartPalette *palette,
              double                font_size,
              const char           *message)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, palette, font_size, FALSE);
  double w, h;

  text_size (layout, message, &w, &h);
  set_color (cr, &palette->foreground);
  show_text_at (cr, layout, message, area->x + (area->width - w) / 2, area->y + (area->height - h) / 2);
}

void
mp_chart_draw_sectors (cairo_t              *cr,
                       const MpChartArea    *area,
                       const MpChartPalette *palette,
                       double                font_size,
                       MpReport             *report,
                       GArray               *bars)
{
  g_autoptr(PangoLayout) layout = NULL;
  double label_width = 0, number_width, bar_x, bar_room, y, legend_x;
  double row_height = font_size * ROW_LINES;
  double bar_height = font_size * 1.1;
  guint max = 1;
  char number[32];

  g_return_if_fail (cr != NULL && area != NULL && palette != NULL);
  g_return_if_fail (MP_IS_REPORT (report));

  cairo_save (cr);
  layout = make_layout (cr, palette, font_size, FALSE);

  if (mp_chart_sectors_count_rows (report) == 0)
    {
      draw_message (cr, area, palette, font_size, _("Nobody has registered yet."));
      cairo_restore (cr);
      return;
    }

  for (guint i = 0; i < mp_report_get_n_sectors (report); i++)
    {
      const MpSectorCount *s = mp_report_get_sector (report, i);
      double w;

      if (!sector_shown (s))
        continue;
      text_size (layout, s->sector[0] ? s->sector : _("No sector"), &w, NULL);
      label_width = MAX (label_width, w);
      max = MAX (max, MAX (s->registered, s->arrived));
    }
  /* long sector names are cut with … rather than squeezing the bars */
  label_width = MIN (label_width, area->width * 0.38);
  g_snprintf (number, sizeof number, "%u", max);
  text_size (layout, number, &number_width, NULL);

  bar_x = area->x + label_width + font_size;
  bar_room = MAX (area->x + area->width - bar_x - number_width - font_size * 0.6, 1);

  /* legend */
  legend_x = bar_x;
  y = area->y;
  set_mix (cr, &palette->foreground, &palette->background, 0.65);
  draw_legend_item (cr, layout, &legend_x, y, font_size, &palette->foreground, C_("report chart", "Registered"));
  set_color (cr, &palette->accent);
  draw_legend_item (cr, layout, &legend_x, y, font_size, &palette->foreground, C_("report chart", "Arrived"));
  y += font_size * LEGEND_LINES;

  for (guint i = 0; i < mp_report_get_n_sectors (report); i++)
    {
      const MpSectorCount *s = mp_report_get_sector (report, i);
      const char *label;
      double h, reg_w, arr_w, top;

      if (!sector_shown (s))
        continue;

      label = s->sector[0] ? s->sector : _("No sector");
      pango_layout_set_width (layout, label_width * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      text_size (layout, label, NULL, &h);
      set_color (cr, &palette->foreground);
      show_text_at (cr, layout, label, area->x, y + (row_height - font_size * 0.4 - h) / 2);
      pango_layout_set_width (layout, -1);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);

      top = y + (row_height - font_size * 0.4 - 2 * bar_height) / 2;
      reg_w = bar_room * s->registered / max;
      arr_w = bar_room * s->arrived / max;

      set_mix (cr, &palette->foreground, &palette->background, 0.65);
      cairo_rectangle (cr, bar_x, top, reg_w, bar_height);
      cairo_fill (cr);
      add_bar (bars, MP_CHART_BAR_REGISTERED, label, s->registered, bar_x, top, reg_w, bar_height);

      set_color (cr, &palette->accent);
      cairo_rectangle (cr, bar_x, top + bar_height, arr_w, bar_height);
      cairo_fill (cr);
      add_bar (bars, MP_CHART_BAR_ARRIVED, label, s->arrived, bar_x, top + bar_height, arr_w, bar_height);

      /* the numbers, just past the end of each bar */
      {
        g_autoptr(PangoLayout) small = make_layout (cr, palette, font_size * 0.85, FALSE);
        double th;

        set_color (cr, &palette->foreground);
        g_snprintf (number, sizeof number, "%u", s->registered);
        text_size (small, number, NULL, &th);
        show_text_at (cr, small, number, bar_x + reg_w + font_size * 0.3, top + (bar_height - th) / 2);
        g_snprintf (number, sizeof number, "%u", s->arrived);
        show_text_at (cr, small, number, bar_x + arr_w + font_size * 0.3, top + bar_height + (bar_height - th) / 2);
      }

      y += row_height;
    }

  cairo_restore (cr);
}

/* Arrivals */

/* The slot of the arrival of rank @rank (1-based) in slot order. */
static int
slot_of_rank (MpReport *report,
              guint     rank)
{
  guint seen = 0, n = mp_report_get_n_arrival_buckets (report);

  for (guint i = 0; i < n; i++)
    {
      const MpArrivalBucket *b = mp_report_get_arrival_bucket (report, i);

      seen += b->arrivals;
      if (seen >= rank)
        return b->slot;
    }
  return mp_report_get_arrival_bucket (report, n - 1)->slot;
}

/* floor (a / b) for b > 0 */
static int
floor_div (int a,
           int b)
{
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

#define FENCE_MIN_SLOTS 6   /* 30 minutes */

MpArrivalAxis *
mp_arrival_axis_new (MpReport *report)
{
  static const guint widths[] = { 1, 2, 3, 6, 12, 24, 48, 96, 288 };  /* in 5-minute slots */
  guint n = 0, total = 0, k = 1;
  int q1, q3, fence, lo, hi, first = G_MAXINT, last = G_MININT, first_bin;
  MpArrivalAxis *axis;
  gint64 starts_at;

  g_return_val_if_fail (MP_IS_REPORT (report), NULL);

  n = mp_report_get_n_arrival_buckets (report);
  for (guint i = 0; i < n; i++)
    total += mp_report_get_arrival_bucket (report, i)->arrivals;
  if (total == 0)
    return NULL;

  /* nearest rank: the quarter and three-quarter marks */
  q1 = slot_of_rank (report, MAX ((total + 3) / 4, 1));
  q3 = slot_of_rank (report, MAX ((3 * total + 3) / 4, 1));
  fence = MAX (3 * (q3 - q1) / 2, FENCE_MIN_SLOTS);
  lo = q1 - fence;
  hi = q3 + fence;

  axis = g_new0 (MpArrivalAxis, 1);
  for (guint i = 0; i < n; i++)
    {
      const MpArrivalBucket *b = mp_report_get_arrival_bucket (report, i);

      if (b->arrivals == 0)
        continue;
      if (b->slot < lo)
        axis->earlier += b->arrivals;
      else if (b->slot > hi)
        axis->later += b->arrivals;
      else
        {
          first = MIN (first, b->slot);
          last = MAX (last, b->slot);
        }
    }
  /* the start, when it lies among the arrivals' fences: the line that
   * tells when to put the coffee on */
  if (lo <= 0 && 0 <= hi)
    {
      first = MIN (first, 0);
      last = MAX (last, 0);
    }

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      k = widths[w];
      if ((guint) (floor_div (last, (int) k) - floor_div (first, (int) k) + 1) <= MP_ARRIVAL_AXIS_MAX_BINS)
        break;
    }

  starts_at = mp_event_get_starts_at (mp_report_get_event (report));
  first_bin = floor_div (first, (int) k);
  axis->bin_minutes = k * (MP_ARRIVAL_BUCKET_SECONDS / 60);
  axis->n_bins = (guint) (floor_div (last, (int) k) - first_bin + 1);
  axis->first_at = starts_at + (gint64) first_bin * k * MP_ARRIVAL_BUCKET_SECONDS;
  axis->start_bin = (first_bin <= 0 && 0 < first_bin + (int) axis->n_bins) ? -first_bin : -1;
  axis->arrivals = g_new0 (guint, axis->n_bins);
  for (guint i = 0; i < n; i++)
    {
      const MpArrivalBucket *b = mp_report_get_arrival_bucket (report, i);

      /* (an empty bucket may lie outside the first and last arrival
       * the bins were made for) */
      if (b->arrivals > 0 && b->slot >= lo && b->slot <= hi)
        axis->arrivals[floor_div (b->slot, (int) k) - first_bin] += b->arrivals;
    }

  return axis;
}

void
mp_arrival_axis_free (MpArrivalAxis *axis)
{
  if (axis == NULL)
    return;
  g_free (axis->arrivals);
  g_free (axis);
}

char *
mp_arrival_axis_dup_title (const MpArrivalAxis *axis)
{
  guint minutes = axis != NULL ? axis->bin_minutes : MP_ARRIVAL_BUCKET_SECONDS / 60;

  if (minutes == 5)
    return g_strdup (_("Arrivals per 5 Minutes"));
  /* Translators: the title of the arrival chart; %u is 10, 15, 30 … */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Arrivals per %u Minute", "Arrivals per %u Minutes", minutes),
                          minutes);
}

/* A step for the value axis: 1, 2 or 5 times a power of ten, giving at
 * most four lines. */
static guint
nice_step (guint max)
{
  guint step = 1;

  for (;;)
    {
      if (max / step <= 4)
        return step;
      if (max / (step * 2) <= 4)
        return step * 2;
      if (max / (step * 5) <= 4)
        return step * 5;
      step *= 10;
    }
}

/* One column: its bar from the base line up, its number above it. */
static void
draw_column (cairo_t              *cr,
             PangoLayout          *small,
             const MpChartPalette *palette,
             GArray               *bars,
             MpChartBarKind        kind,
             const char           *label,
             guint                 value,
             double                x,
             double                column_w,
             double                base,
             double                plot_h,
             guint                 max,
             double                gap,
             double                number_h)
{
  double h = plot_h * value / max;
  char number[32];

  if (kind == MP_CHART_BAR_ARRIVALS)
    set_color (cr, &palette->accent);
  else
    set_mix (cr, &palette->accent, &palette->background, 0.45);
  cairo_rectangle (cr, x + gap / 2, base - h, column_w - gap, h);
  cairo_fill (cr);
  add_bar (bars, kind, label, value, x + gap / 2, base - h, column_w - gap, h);

  if (value > 0)
    {
      double w;

      set_color (cr, &palette->foreground);
      g_snprintf (number, sizeof number, "%u", value);
      text_size (small, number, &w, NULL);
      if (w <= column_w)
        show_text_at (cr, small, number, x + (column_w - w) / 2, base - h - number_h);
    }
}

void
mp_chart_draw_arrivals (cairo_t              *cr,
                        const MpChartArea    *area,
                        const MpChartPalette *palette,
                        double                font_size,
                        MpReport             *report,
                        GArray               *bars)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoLayout) small = NULL;
  g_autoptr(MpArrivalAxis) axis = NULL;
  guint max = 1, step, label_every, n_columns;
  double axis_width, plot_x, plot_y, plot_w, plot_h, column_w, clock_w, th, side_w, bins_x, base;
  const char *earlier_text = C_("arrival chart", "Earlier");
  const char *later_text = C_("arrival chart", "Later");
  char number[32];

  g_return_if_fail (cr != NULL && area != NULL && palette != NULL);
  g_return_if_fail (MP_IS_REPORT (report));

  axis = mp_arrival_axis_new (report);
  if (axis == NULL)
    {
      cairo_save (cr);
      draw_message (cr, area, palette, font_size, _("Nobody has arrived yet."));
      cairo_restore (cr);
      return;
    }

  cairo_save (cr);
  layout = make_layout (cr, palette, font_size, FALSE);
  small = make_layout (cr, palette, font_size * 0.85, FALSE);

  max = MAX (max, MAX (axis->earlier, axis->later));
  for (guint i = 0; i < axis->n_bins; i++)
    max = MAX (max, axis->arrivals[i]);
  step = nice_step (max);
  max = ((max + step - 1) / step) * step;

  g_snprintf (number, sizeof number, "%u", max);
  text_size (layout, number, &axis_width, &th);
  plot_x = area->x + axis_width + font_size * 0.6;
  plot_y = area->y + font_size * 2.4;    /* room for the start label and numbers */
  plot_w = MAX (area->x + area->width - plot_x, 1);
  plot_h = MAX (area->height - font_size * 2.4 - th * 1.6, 1);
  base = plot_y + plot_h;

  /* The outliers' columns are as wide as their words, apart from the
   * rest by a gap; the time columns share what is left. */
  {
    double ew = 0, lw = 0;

    if (axis->earlier > 0)
      text_size (small, earlier_text, &ew, NULL);
    if (axis->later > 0)
      text_size (small, later_text, &lw, NULL);
    side_w = MAX (ew, lw) + font_size;
    side_w = MIN (side_w, plot_w * 0.2);
  }
  n_columns = (axis->earlier > 0) + (axis->later > 0);
  bins_x = plot_x + (axis->earlier > 0 ? side_w + font_size : 0);
  column_w = MAX (plot_w - n_columns * (side_w + font_size), 1) / axis->n_bins;

  /* value lines */
  cairo_set_line_width (cr, 1);
  for (guint v = 0; v <= max; v += step)
    {
      double ly = base - plot_h * v / max;
      double w;

      set_mix (cr, &palette->background, &palette->foreground, 0.15);
      cairo_move_to (cr, plot_x, round (ly) + 0.5);
      cairo_line_to (cr, plot_x + plot_w, round (ly) + 0.5);
      cairo_stroke (cr);
      set_color (cr, &palette->foreground);
      g_snprintf (number, sizeof number, "%u", v);
      text_size (layout, number, &w, NULL);
      show_text_at (cr, layout, number, plot_x - font_size * 0.4 - w, ly - th / 2);
    }

  /* clock times under the columns, as many as fit */
  {
    g_autofree char *sample = mp_time_format_clock (axis->first_at);

    text_size (small, sample, &clock_w, NULL);
    label_every = 1;
    while (column_w * label_every < clock_w * 1.5)
      label_every++;
  }

  if (axis->earlier > 0)
    {
      double w;

      draw_column (cr, small, palette, bars, MP_CHART_BAR_EARLIER, earlier_text, axis->earlier,
                   plot_x, side_w, base, plot_h, max, MIN (side_w * 0.15, font_size * 0.3), th);
      set_color (cr, &palette->foreground);
      text_size (small, earlier_text, &w, NULL);
      show_text_at (cr, small, earlier_text, plot_x + (side_w - w) / 2, base + th * 0.3);
    }

  for (guint i = 0; i < axis->n_bins; i++)
    {
      gint64 at = axis->first_at + (gint64) i * axis->bin_minutes * 60;
      g_autofree char *clock = mp_time_format_clock (at);
      double x = bins_x + column_w * i;
      int from_start = (int) i - (axis->start_bin >= 0 ? axis->start_bin : 0);

      draw_column (cr, small, palette, bars, MP_CHART_BAR_ARRIVALS, clock, axis->arrivals[i],
                   x, column_w, base, plot_h, max, MIN (column_w * 0.15, font_size * 0.3), th);
      /* label columns counted from the start, so the start time shows */
      if (((from_start % (int) label_every) + (int) label_every) % (int) label_every == 0)
        {
          double w;

          set_color (cr, &palette->foreground);
          text_size (small, clock, &w, NULL);
          show_text_at (cr, small, clock, x + (column_w - w) / 2, base + th * 0.3);
        }
    }

  if (axis->later > 0)
    {
      double x = plot_x + plot_w - side_w, w;

      draw_column (cr, small, palette, bars, MP_CHART_BAR_LATER, later_text, axis->later,
                   x, side_w, base, plot_h, max, MIN (side_w * 0.15, font_size * 0.3), th);
      set_color (cr, &palette->foreground);
      text_size (small, later_text, &w, NULL);
      show_text_at (cr, small, later_text, x + (side_w - w) / 2, base + th * 0.3);
    }

  /* the start of the event */
  if (axis->start_bin >= 0)
    {
      gint64 starts_at = mp_event_get_starts_at (mp_report_get_event (report));
      double sx = round (bins_x + column_w * axis->start_bin) + 0.5;
      g_autofree char *clock = mp_time_format_clock (starts_at);
      /* Translators: marks the event's start on the arrival chart; %s is a time like 09.00 */
      g_autofree char *text = g_strdup_printf (_("Start %s"), clock);
      double dashes[] = { 4, 3 }, w;

      set_color (cr, &palette->foreground);
      cairo_set_dash (cr, dashes, 2, 0);
      cairo_move_to (cr, sx, plot_y - font_size * 0.8);
      cairo_line_to (cr, sx, base);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      text_size (small, text, &w, NULL);
      show_text_at (cr, small, text,
                    CLAMP (sx - w / 2, area->x, area->x + area->width - w),
                    area->y);
    }

  /* base line */
  set_color (cr, &palette->foreground);
  cairo_move_to (cr, plot_x, round (base) + 0.5);
  cairo_line_to (cr, plot_x + plot_w, round (base) + 0.5);
  cairo_stroke (cr);

  cairo_restore (cr);
}
