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
  MP_CHART_BAR_ARRIVALS,     /* one 5-minute slot of the arrival curve */
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

/* Arrivals per 5 minutes as columns over local clock times, with the
 * event's start marked. */
void     mp_chart_draw_arrivals           (cairo_t              *cr,
                                           const MpChartArea    *area,
                                           const MpChartPalette *palette,
                                           double                font_size,
                                           MpReport             *report,
                                           GArray               *bars);

G_END_DECLS
