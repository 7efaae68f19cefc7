/* mp-report-chart.h: the report's charts, drawn with cairo and Pango
 *
 * The same code draws on the screen (a GtkDrawingArea) and in the PDF.
 * The caller gives the rectangle and the colours of its style (light or
 * dark); the functions give back what they drew, so tests can check the
 * numbers a person would read off the chart.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "mp-report.h"

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} MpChartColor;

typedef struct
{
  MpChartColor foreground;   /* text and axes */
  MpChartColor background;   /* what the chart is drawn on */
  MpChartColor accent;       /* arrived */
  const char  *font_family;  /* NULL: "Sans" */
} MpChartPalette;

typedef struct
{
  double x, y, width, height;
} MpChartArea;

typedef enum
{
  MP_CHART_BAR_REGISTERED,
  MP_CHART_BAR_ARRIVED,
  MP_CHART_BAR_ARRIVALS,     /* one column of the arrival curve */
  MP_CHART_BAR_EARLIER,      /* the arrivals long before the others, summed */
  MP_CHART_BAR_LATER,        /* and long after */
} MpChartBarKind;

/* One bar as drawn, with the number written on it and its label. */
typedef struct
{
  MpChartBarKind  kind;
  char           *label;      /* the sector, or the slot's clock time */
  guint           value;
  double          x, y, width, height;
} MpChartBar;

/* A GArray of MpChartBar that frees the labels. */
GArray  *mp_chart_bars_new                (void);

/* The light and dark palettes of the PDF and of tests. */
void     mp_chart_palette_init_light      (MpChartPalette *palette);
void     mp_chart_palette_init_dark       (MpChartPalette *palette);

/* Horizontal bars, registered beside arrived, one group per sector that
 * had anyone registered or arrived, with a legend. The height a chart of
 * @n_rows sectors wants at @font_size points: */
double   mp_chart_sectors_height          (guint                 n_rows,
                                           double                font_size);
guint    mp_chart_sectors_count_rows      (MpReport             *report);
/* @bars, if not NULL, gets one MpChartBar per bar drawn. */
void     mp_chart_draw_sectors            (cairo_t              *cr,
                                           const MpChartArea    *area,
                                           const MpChartPalette *palette,
                                           double                font_size,
                                           MpReport             *report,
                                           GArray               *bars);

/* The arrival curve's time axis: where the arrivals really are.
 *
 * The rule (Tukey's fences, with a floor): the middle half of the
 * arrivals runs from the 5-minute slot of the one a quarter of the way
 * in to the slot of the one three quarters of the way in (nearest
 * rank). Arrivals more than one and a half times that spread, and at
 * least 30 minutes, before or after it are outliers: summed in one
 * "Earlier" column first and one "Later" column last, not spread over
 * a stretched axis. The axis runs from the first arrival that is not an
 * outlier to the last (and to the event's start, when the start lies
 * within the fences). Columns are 5 minutes wide, or 10, 15, 30, 60
 * … when more than MP_ARRIVAL_AXIS_MAX_BINS of them would be needed;
 * they are counted from the start, so the start is always on a column's
 * edge. */
#define MP_ARRIVAL_AXIS_MAX_BINS 48

typedef struct
{
  gint64  first_at;      /* UTC: where the first column begins */
  guint   bin_minutes;   /* 5, 10, 15, 30, 60, 120, … */
  guint   n_bins;
  guint  *arrivals;      /* [n_bins] */
  int     start_bin;     /* the column the event's start opens; -1 off the axis */
  guint   earlier;       /* outliers before the axis (0: no such column) */
  guint   later;         /* after it */
} MpArrivalAxis;

/* NULL when nobody arrived. */
MpArrivalAxis *mp_arrival_axis_new         (MpReport      *report);
void           mp_arrival_axis_free        (MpArrivalAxis *axis);
/* "Arrivals per 5 minutes" (or 10, 15 …); with @axis NULL, per 5. */
char          *mp_arrival_axis_dup_title   (const MpArrivalAxis *axis);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpArrivalAxis, mp_arrival_axis_free)

/* The arrivals on the axis above as columns over local clock times,
 * with the event's start marked; the outliers' columns (bars of kind
 * MP_CHART_BAR_EARLIER and MP_CHART_BAR_LATER) apart at the ends. */
void     mp_chart_draw_arrivals           (cairo_t              *cr,
                                           const MpChartArea    *area,
                                           const MpChartPalette *palette,
                                           double                font_size,
                                           MpReport             *report,
                                           GArray               *bars);

G_END_DECLS
