#define G_LOG_DOMAIN "mp-report-export"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "mp-csv-writer.h"
#include "mp-error.h"
#include "mp-file.h"
#include "mp-report-chart.h"
#include "mp-report-export.h"
#include "mp-text.h"
#include "mp-time.h"

gboolean
mp_report_format_from_path (const char     *path,
                            MpReportFormat *out_format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".pdf"))
    *out_format = MP_REPORT_FORMAT_PDF;
  else if (g_str_has_suffix (lower, ".csv"))
    *out_format = MP_REPORT_FORMAT_CSV;
  else if (g_str_has_suffix (lower, ".xlsx"))
    *out_format = MP_REPORT_FORMAT_XLSX;
  else
    return FALSE;

  return TRUE;
}

/* Tables: what CSV and XLSX both write */

typedef struct
{
  char     *text;
  gboolean  number;
} Cell;

typedef struct
{
  char      *title;     /* the CSV section's title and the sheet's name */
  guint      n_columns;
  GArray    *cells;     /* Cell, row after row; row 0 is the header */
} Table;

static void
cell_clear (gpointer data)
{
  g_free (((Cell *) data)->text);
}

static void
table_free (Table *table)
{
  g_free (table->title);
  g_array_unref (table->cells);
  g_free (table);
}

static Table *
table_new (GPtrArray  *tables,
           const char *title,
           guint       n_columns)
{
  Table *table = g_new0 (Table, 1);

  table->title = g_strdup (title);
  table->n_columns = n_columns;
  table->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (table->cells, cell_clear);
  g_ptr_array_add (tables, table);

  return table;
}

static void
add_text (Table      *table,
          const char *text)
{
  Cell cell = { g_strdup (text != NULL ? text : ""), FALSE };

  g_array_append_val (table->cells, cell);
}

static void
add_number (Table  *table,
            double  value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  Cell cell;

  if (value == floor (value))
    g_snprintf (buf, sizeof buf, "%.0f", value);
  else
    g_ascii_formatd (buf, sizeof buf, "%.1f", value);
  cell.text = g_strdup (buf);
  cell.number = TRUE;
  g_array_append_val (table->cells, cell);
}

static guint
table_n_rows (Table *table)
{
  return table->cells->len / table->n_columns;
}

static Cell *
table_cell (Table *table,
            guint  row,
            guint  column)
{
  return &g_array_index (table->cells, Cell, row * table->n_columns + column);
}

static const char *
sector_label (const char *sector)
{
  return sector[0] ? sector : _("No sector");
}

static GPtrArray *
event_tables (MpReport *report)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  MpEvent *event = mp_report_get_event (report);
  const MpEventCounts *counts = mp_report_get_counts (report);
  g_autofree char *date = mp_time_format_long (mp_event_get_starts_at (event));
  Table *t;

  t = table_new (tables, C_("report table", "Summary"), 2);
  add_text (t, _("What"));
  add_text (t, _("Value"));
  add_text (t, _("Event"));
  add_text (t, mp_event_get_title (event));
  add_text (t, _("Starts"));
  add_text (t, date);
  add_text (t, _("Venue"));
  add_text (t, mp_event_get_venue (event));
  add_text (t, _("Registered"));
  add_number (t, counts->registered);
  add_text (t, _("Arrived"));
  add_number (t, counts->arrived);
  add_text (t, _("Walk-ins"));
  add_number (t, counts->walk_ins);
  add_text (t, _("Waiting list"));
  add_number (t, counts->waitlisted);
  add_text (t, _("Cancelled"));
  add_number (t, counts->cancelled);
  add_text (t, _("No-shows (%)"));
  if (mp_report_get_held (report))
    add_number (t, round (mp_report_get_no_show_rate (report) * 1000) / 10);
  else
    add_text (t, _("not held yet"));
  add_text (t, _("Admitted by exception"));
  add_number (t, mp_report_get_n_exceptions (report));
  if (mp_report_get_n_admitted_twice (report) > 0)
    {
      add_text (t, _("Admitted twice while offline (counted once)"));
      add_number (t, mp_report_get_n_admitted_twice (report));
    }

  t = table_new (tables, C_("report table", "Sectors"), 3);
  add_text (t, _("Sector"));
  add_text (t, _("Registered"));
  add_text (t, _("Arrived"));
  for (guint i = 0; i < mp_report_get_n_sectors (report); i++)
    {
      const MpSectorCount *s = mp_report_get_sector (report, i);

      add_text (t, sector_label (s->sector));
      add_number (t, s->registered);
      add_number (t, s->arrived);
    }

  t = table_new (tables, C_("report table", "Organisations"), 3);
  add_text (t, _("Organisation"));
  add_text (t, _("Sector"));
  add_text (t, _("Arrived"));
  for (guint i = 0; i < mp_report_get_n_organisations (report); i++)
    {
      const MpOrganisationCount *o = mp_report_get_organisation (report, i);

      add_text (t, o->organisation);
      add_text (t, sector_label (o->sector));
      add_number (t, o->arrived);
    }

  t = table_new (tables, C_("report table", "Arrivals"), 3);
  add_text (t, _("From"));
  add_text (t, _("Minutes from start"));
  add_text (t, _("Arrivals"));
  for (guint i = 0; i < mp_report_get_n_arrival_buckets (report); i++)
    {
      const MpArrivalBucket *b = mp_report_get_arrival_bucket (report, i);
      g_autofree char *clock = mp_time_format_clock (b->starts_at);

      add_text (t, clock);
      add_number (t, b->slot * (MP_ARRIVAL_BUCKET_SECONDS / 60));
      add_number (t, b->arrivals);
    }

  t = table_new (tables, C_("report table", "Answers"), 3);
  add_text (t, _("Question"));
  add_text (t, _("Answer"));
  add_text (t, _("People"));
  for (guint k = 0; k < MP_N_ANSWER_KINDS; k++)
    for (guint i = 0; i < mp_report_get_n_answers (report, k); i++)
      {
        const MpAnswerCount *a = mp_report_get_answer (report, k, i);

        add_text (t, mp_answer_kind_get_title (k));
        add_text (t, a->answer);
        add_number (t, a->count);
      }

  return tables;
}

static char *
period_kinds_text (MpPeriodReport *report)
{
  guint kinds = mp_period_report_get_kinds (report);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (kinds == 0)
    return g_strdup (_("All kinds"));
  for (guint k = 0; k < MP_N_EVENT_KINDS; k++)
    if (kinds & (1u << k))
      g_ptr_array_add (names, (gpointer) mp_event_kind_get_label (k));
  g_ptr_array_add (names, NULL);

  return g_strjoinv (", ", (char **) names->pdata);
}

/* The last day of the period, as people say it ("to 31 March"). */
static char *
period_last_day (MpPeriodReport *report)
{
  return mp_time_format_date (mp_period_report_get_to (report) - 1);
}

static GPtrArray *
period_tables (MpPeriodReport *report)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  g_autofree char *from = mp_time_format_date (mp_period_report_get_from (report));
  g_autofree char *to = period_last_day (report);
  g_autofree char *kinds = period_kinds_text (report);
  guint n_sectors = mp_period_report_get_n_sectors (report);
  Table *t;

  t = table_new (tables, C_("report table", "Summary"), 2);
  add_text (t, _("What"));
  add_text (t, _("Value"));
  add_text (t, C_("period", "From"));
  add_text (t, from);
  add_text (t, C_("period", "To"));
  add_text (t, to);
  add_text (t, _("Kinds of event"));
  add_text (t, kinds);
  add_text (t, _("Events"));
  add_number (t, mp_period_report_get_n_events (report));
  add_text (t, _("Registered"));
  add_number (t, mp_period_report_get_total_registered (report));
  add_text (t, _("Arrived"));
  add_number (t, mp_period_report_get_total_arrived (report));
  add_text (t, _("Different people who came"));
  add_number (t, mp_period_report_get_distinct_people (report));
  add_text (t, _("People who came to more than one meeting"));
  add_number (t, mp_period_report_get_returning_people (report));
  add_text (t, _("Organisations reached"));
  add_number (t, mp_period_report_get_n_organisations (report));

  t = table_new (tables, C_("report table", "Events"), 5 + n_sectors);
  add_text (t, _("Event"));
  add_text (t, _("Date"));
  add_text (t, _("Kind"));
  add_text (t, _("Registered"));
  add_text (t, _("Arrived"));
  for (guint s = 0; s < n_sectors; s++)
    add_text (t, sector_label (mp_period_report_get_sector (report, s)));
  for (guint i = 0; i < mp_period_report_get_n_events (report); i++)
    {
      const MpPeriodEvent *e = mp_period_report_get_event (report, i);
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (e->starts_at);
      g_autofree char *day = g_date_time_format (dt, "%Y-%m-%d");

      add_text (t, e->title);
      add_text (t, day);
      add_text (t, mp_event_kind_get_label (e->kind));
      add_number (t, e->registered);
      add_number (t, e->arrived);
      for (guint s = 0; s < n_sectors; s++)
        add_number (t, e->by_sector[s]);
    }
  add_text (t, _("Total"));
  add_text (t, "");
  add_text (t, "");
  add_number (t, mp_period_report_get_total_registered (report));
  add_number (t, mp_period_report_get_total_arrived (report));
  for (guint s = 0; s < n_sectors; s++)
    add_number (t, mp_period_report_get_sector_total (report, s));

  t = table_new (tables, C_("report table", "Organisations"), 4);
  add_text (t, _("Organisation"));
  add_text (t, _("Sector"));
  add_text (t, _("Meetings"));
  add_text (t, _("People"));
  for (guint i = 0; i < mp_period_report_get_n_organisations (report); i++)
    {
      const MpPeriodOrganisation *o = mp_period_report_get_organisation (report, i);

      add_text (t, o->organisation);
      add_text (t, sector_label (o->sector));
      add_number (t, o->events);
      add_number (t, o->people);
    }

  return tables;
}

/* CSV */

static gboolean
write_csv (GPtrArray   *tables,
           gboolean     excel,
           const char  *path,
           GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  MpCsvWriter csv;

  mp_csv_writer_init (&csv, out, excel ? MP_CSV_DIALECT_EXCEL : MP_CSV_DIALECT_PLAIN);
  for (guint i = 0; i < tables->len; i++)
    {
      Table *t = g_ptr_array_index (tables, i);

      if (i > 0)
        mp_csv_writer_end_row (&csv);
      mp_csv_writer_text (&csv, t->title);
      mp_csv_writer_end_row (&csv);
      for (guint r = 0; r < table_n_rows (t); r++)
        {
          for (guint c = 0; c < t->n_columns; c++)
            {
              Cell *cell = table_cell (t, r, c);

              if (cell->number)
                mp_csv_writer_number (&csv, cell->text);
              else
                mp_csv_writer_text (&csv, cell->text);
            }
          mp_csv_writer_end_row (&csv);
        }
    }

  return mp_file_replace_contents (path, out->str, out->len, error);
}

/* XLSX */

/* Sheet names: at most 31 characters, none of []:*?/\ */
static char *
sheet_name (const char *title)
{
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = title; *p && g_utf8_strlen (name->str, -1) < 31; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (strchr ("[]:*?/\\", (int) c) != NULL && c < 128)
        c = '-';
      g_string_append_unichar (name, c);
    }

  return g_string_free (g_steal_pointer (&name), FALSE);
}

static gboolean
write_xlsx (GPtrArray   *tables,
            const char  *path,
            GError     **error)
{
  g_autoptr(MpFileWriter) writer = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .tmpdir = dir, .use_zip64 = LXW_FALSE };
  lxw_workbook *workbook;
  lxw_format *bold;
  lxw_error rc;

  /* libxlsxwriter writes to a file name: the writer's temporary one,
   * which the writer then syncs and renames. */
  writer = mp_file_writer_new (path, error);
  if (writer == NULL)
    return FALSE;

  workbook = workbook_new_opt (mp_file_writer_get_temp_path (writer), &options);
  if (workbook == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, MP_ERROR, MP_ERROR_IO,
                   _("Could not write “%s”: %s"), display, g_strerror (ENOMEM));
      return FALSE;
    }
  bold = workbook_add_format (workbook);
  format_set_bold (bold);

  for (guint i = 0; i < tables->len; i++)
    {
      Table *t = g_ptr_array_index (tables, i);
      g_autofree char *name = sheet_name (t->title);
      lxw_worksheet *sheet = workbook_add_worksheet (workbook, name);

      if (sheet == NULL)
        continue;

      for (guint c = 0; c < t->n_columns; c++)
        {
          glong width = 8;

          for (guint r = 0; r < table_n_rows (t); r++)
            width = MAX (width, g_utf8_strlen (table_cell (t, r, c)->text, -1) + 2);
          worksheet_set_column (sheet, c, c, MIN (width, 60), NULL);
        }

      for (guint r = 0; r < table_n_rows (t); r++)
        for (guint c = 0; c < t->n_columns; c++)
          {
            Cell *cell = table_cell (t, r, c);

            if (cell->number)
              worksheet_write_number (sheet, r, c, g_ascii_strtod (cell->text, NULL), NULL);
            else
              worksheet_write_string (sheet, r, c, cell->text, r == 0 ? bold : NULL);
          }
      worksheet_freeze_panes (sheet, 1, 0);
    }

  rc = workbook_close (workbook);
  if (rc != LXW_NO_ERROR)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, MP_ERROR, MP_ERROR_IO,
                   _("Could not write “%s”: %s"), display, lxw_strerror (rc));
      return FALSE;
    }

  return mp_file_writer_commit (writer, error);
}

/* PDF */

#define PAGE_WIDTH  595.28   /* A4 in points */
#define PAGE_HEIGHT 841.89
#define MARGIN      50.0
#define BODY_SIZE   10.0

typedef struct
{
  cairo_t        *cr;
  MpChartPalette  palette;
  double          y;
  guint           page;
  char           *footer;
} Pdf;

/* Nothing longer than the longest text allowed in (an answer) is laid
 * out: Pango breaks one long word into lines in time that grows as the
 * square of its length (a 100,000-character title took 43 s). Titles
 * are capped tighter where they are drawn. */
#define MAX_LAID_OUT   MP_TEXT_MAX_ANSWER
#define MAX_FOOTER_TITLE 80

static double
content_width (void)
{
  return PAGE_WIDTH - 2 * MARGIN;
}

static PangoLayout *
pdf_layout (Pdf        *pdf,
            double      size,
            gboolean    bold,
            double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();

  pango_font_description_set_family (font, "Sans");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, width * PANGO_SCALE);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }

  return layout;
}

static void
pdf_footer (Pdf *pdf)
{
  g_autoptr(PangoLayout) layout = pdf_layout (pdf, 8, FALSE, content_width ());
  g_autofree char *text = g_strdup_printf ("%s · %u", pdf->footer, pdf->page);

  cairo_set_source_rgba (pdf->cr, 0, 0, 0, 0.6);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  cairo_move_to (pdf->cr, MARGIN, PAGE_HEIGHT - MARGIN / 2 - 8);
  pango_cairo_show_layout (pdf->cr, layout);
}

/* A new page if @height does not fit on this one. */
static void
pdf_need (Pdf    *pdf,
          double  height)
{
  if (pdf->y + height <= PAGE_HEIGHT - MARGIN)
    return;

  pdf_footer (pdf);
  cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = MARGIN;
}

static void
pdf_text (Pdf        *pdf,
          const char *text,
          double      size,
          gboolean    bold,
          double      space_after)
{
  g_autoptr(PangoLayout) layout = pdf_layout (pdf, size, bold, content_width ());
  g_autofree char *capped = mp_text_dup_capped (text, MAX_LAID_OUT);
  int w, h;

  pango_layout_set_text (layout, capped, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  pdf_need (pdf, h);
  cairo_set_source_rgb (pdf->cr, 0, 0, 0);
  cairo_move_to (pdf->cr, MARGIN, pdf->y);
  pango_cairo_show_layout (pdf->cr, layout);
  pdf->y += h + space_after;
}

/* A heading stays with at least @keep points of what follows it. */
static void
pdf_heading (Pdf        *pdf,
             const char *text,
             double      keep)
{
  pdf_need (pdf, 30 + keep);
  pdf->y += 8;
  pdf_text (pdf, text, 14, TRUE, 6);
}

/* "text ........ number" with the number right-aligned. */
static void
pdf_row (Pdf        *pdf,
         const char *text,
         guint       value,
         double      indent,
         gboolean    bold)
{
  double number_column = 60;
  g_autoptr(PangoLayout) left = pdf_layout (pdf, BODY_SIZE, bold, content_width () - indent - number_column);
  g_autoptr(PangoLayout) right = pdf_layout (pdf, BODY_SIZE, bold, number_column);
  char number[32];
  int w, h;

  g_autofree char *capped = mp_text_dup_capped (text, MAX_LAID_OUT);

  g_snprintf (number, sizeof number, "%u", value);
  pango_layout_set_text (left, capped, -1);
  pango_layout_get_pixel_size (left, &w, &h);
  pdf_need (pdf, h);
  cairo_set_source_rgb (pdf->cr, 0, 0, 0);
  cairo_move_to (pdf->cr, MARGIN + indent, pdf->y);
  pango_cairo_show_layout (pdf->cr, left);
  pango_layout_set_text (right, number, -1);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
  cairo_move_to (pdf->cr, MARGIN + content_width () - number_column, pdf->y);
  pango_cairo_show_layout (pdf->cr, right);
  pdf->y += h + 2;
}

typedef struct
{
  const char *label;
  char       *value;
} Stat;

/* @text in @layout at the largest size from @max_size down to
 * @min_size at which no word is wider than the layout (lines break
 * between words only); failing that, at @min_size, broken anywhere.
 * Nothing is drawn outside the layout's width. */
static void
pdf_fit (PangoLayout *layout,
         const char  *text,
         double       max_size,
         double       min_size)
{
  PangoFontDescription *font = pango_font_description_copy (pango_layout_get_font_description (layout));
  int width = pango_layout_get_width (layout);
  double size;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  for (size = max_size; size >= min_size; size -= 0.5)
    {
      PangoRectangle logical;

      pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_get_extents (layout, NULL, &logical);
      if (logical.x >= 0 && logical.x + logical.width <= width)
        break;
    }
  if (size < min_size)
    pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_font_description_free (font);
}

#define STAT_PAD      5.0
#define STAT_GAP      4.0
#define STATS_PER_ROW 6

/* The key numbers as boxes, a big number over a small label, at most
 * six to a row. Each text is measured: a label wider than its box is
 * set smaller, then broken, and the boxes of a row are as tall as
 * its tallest needs ("Uregistrert oppmøte" in 8.5 points does not fit
 * a sixth of the page on one line). */
static void
pdf_stats (Pdf        *pdf,
           const Stat *stats,
           guint       n)
{
  guint rows = (n + STATS_PER_ROW - 1) / STATS_PER_ROW;
  guint per_row = (n + rows - 1) / rows;

  for (guint first = 0; first < n; first += per_row)
    {
      guint in_row = MIN (per_row, n - first);
      double box_w = content_width () / per_row;
      double inner = box_w - STAT_GAP - 2 * STAT_PAD;
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_object_unref);
      double value_h = 0, label_h = 0, box_h;

      for (guint i = 0; i < in_row; i++)
        {
          PangoLayout *big = pdf_layout (pdf, 20, TRUE, inner);
          PangoLayout *small = pdf_layout (pdf, 8.5, FALSE, inner);
          int w, h;

          pango_layout_set_alignment (big, PANGO_ALIGN_CENTER);
          pdf_fit (big, stats[first + i].value, 20, 10);
          pango_layout_get_pixel_size (big, &w, &h);
          value_h = MAX (value_h, h);
          pango_layout_set_alignment (small, PANGO_ALIGN_CENTER);
          pdf_fit (small, stats[first + i].label, 8.5, 6);
          pango_layout_get_pixel_size (small, &w, &h);
          label_h = MAX (label_h, h);
          g_ptr_array_add (values, big);
          g_ptr_array_add (labels, small);
        }
      box_h = STAT_PAD + value_h + 2 + label_h + STAT_PAD;

      pdf_need (pdf, box_h + 10);
      for (guint i = 0; i < in_row; i++)
        {
          double x = MARGIN + box_w * i;

          cairo_set_source_rgb (pdf->cr, 0.95, 0.95, 0.95);
          cairo_rectangle (pdf->cr, x + STAT_GAP / 2, pdf->y, box_w - STAT_GAP, box_h);
          cairo_fill (pdf->cr);
          cairo_set_source_rgb (pdf->cr, 0, 0, 0);
          cairo_move_to (pdf->cr, x + STAT_GAP / 2 + STAT_PAD, pdf->y + STAT_PAD);
          pango_cairo_show_layout (pdf->cr, g_ptr_array_index (values, i));
          cairo_move_to (pdf->cr, x + STAT_GAP / 2 + STAT_PAD, pdf->y + STAT_PAD + value_h + 2);
          pango_cairo_show_layout (pdf->cr, g_ptr_array_index (labels, i));
        }
      pdf->y += box_h + (first + per_row < n ? STAT_GAP : 10);
    }
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static Pdf *
pdf_begin (GByteArray *bytes,
           const char *title,
           const char *footer)
{
  Pdf *pdf = g_new0 (Pdf, 1);
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, PAGE_WIDTH, PAGE_HEIGHT);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Møteplass");
  pdf->cr = cairo_create (surface);
  cairo_surface_destroy (surface);
  mp_chart_palette_init_light (&pdf->palette);
  pdf->palette.foreground = (MpChartColor) { 0, 0, 0, 1 };
  pdf->y = MARGIN;
  pdf->page = 1;
  pdf->footer = g_strdup (footer);

  return pdf;
}

static gboolean
pdf_end (Pdf         *pdf,
         GByteArray  *bytes,
         const char  *path,
         GError     **error)
{
  cairo_surface_t *surface = cairo_get_target (pdf->cr);
  cairo_status_t status;

  pdf_footer (pdf);
  cairo_show_page (pdf->cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_destroy (pdf->cr);
  g_free (pdf->footer);
  g_free (pdf);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, MP_ERROR, MP_ERROR_IO,
                   _("Could not write “%s”: %s"), display, cairo_status_to_string (status));
      return FALSE;
    }

  return mp_file_replace_contents (path, bytes->data, bytes->len, error);
}

static gboolean
write_event_pdf (MpReport    *report,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  MpEvent *event = mp_report_get_event (report);
  const MpEventCounts *counts = mp_report_get_counts (report);
  g_autofree char *date = mp_time_format_long (mp_event_get_starts_at (event));
  g_autofree char *title = mp_text_dup_capped (mp_event_get_title (event), MP_TEXT_MAX_TITLE);
  g_autofree char *footer_title = mp_text_dup_capped (title, MAX_FOOTER_TITLE);
  g_autofree char *footer = g_strdup_printf ("%s · %s", footer_title, date);
  Pdf *pdf = pdf_begin (bytes, title, footer);
  Stat stats[8] = {
    { _("Registered"), g_strdup_printf ("%u", counts->registered) },
    { _("Arrived"), g_strdup_printf ("%u", counts->arrived) },
    { _("Walk-ins"), g_strdup_printf ("%u", counts->walk_ins) },
    { _("Waiting list"), g_strdup_printf ("%u", counts->waitlisted) },
    { _("Cancelled"), g_strdup_printf ("%u", counts->cancelled) },
    { mp_report_get_no_shows_caption (report), mp_report_format_no_shows (report) },
  };
  guint n_stats = 6;
  guint rows = mp_chart_sectors_count_rows (report);
  gboolean any_answer = FALSE;

  /* two boxes only when there are any */
  if (mp_report_get_n_exceptions (report) > 0)
    /* Translators: the report's box for those a desk let in though they
     * were on the waiting list or cancelled (only when there are any) */
    stats[n_stats++] = (Stat) { C_("report", "By exception"),
                                g_strdup_printf ("%u", mp_report_get_n_exceptions (report)) };
  if (mp_report_get_n_admitted_twice (report) > 0)
    /* the hub: desks apart; counted once in Arrived. Translators: keep
     * it short, it is under a number in a narrow box */
    stats[n_stats++] = (Stat) { _("Admitted twice"),
                                g_strdup_printf ("%u", mp_report_get_n_admitted_twice (report)) };
  g_assert (n_stats <= G_N_ELEMENTS (stats));

  pdf_text (pdf, title, 20, TRUE, 4);
  {
    g_autofree char *line = mp_event_get_venue (event)[0]
      ? g_strdup_printf ("%s · %s", date, mp_event_get_venue (event))
      : g_strdup (date);
    pdf_text (pdf, line, 11, FALSE, 14);
  }
  pdf_stats (pdf, stats, n_stats);
  for (guint i = 0; i < n_stats; i++)
    g_free (stats[i].value);

  {
    double h = mp_chart_sectors_height (rows, 9);
    MpChartArea area;

    pdf_heading (pdf, _("Arrivals by sector"), h);
    area = (MpChartArea) { MARGIN, pdf->y, content_width (), h };
    mp_chart_draw_sectors (pdf->cr, &area, &pdf->palette, 9, report, NULL);
    pdf->y += h + 6;
  }

  {
    double h = 180;
    MpChartArea area;

    g_autoptr(MpArrivalAxis) axis = mp_arrival_axis_new (report);
    guint minutes = axis != NULL ? axis->bin_minutes : MP_ARRIVAL_BUCKET_SECONDS / 60;
    /* Translators: a heading in the report's PDF; %u is 10, 15, 30 … */
    g_autofree char *heading = minutes == 5
      ? g_strdup (_("Arrival curve (arrivals per 5 minutes)"))
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Arrival curve (arrivals per %u minute)",
                                      "Arrival curve (arrivals per %u minutes)", minutes),
                         minutes);

    pdf_heading (pdf, heading, h);
    area = (MpChartArea) { MARGIN, pdf->y, content_width (), h };
    mp_chart_draw_arrivals (pdf->cr, &area, &pdf->palette, 9, report, NULL);
    pdf->y += h + 6;
  }

  pdf_heading (pdf, _("Organisations present"), 40);
  if (mp_report_get_n_organisations (report) == 0)
    pdf_text (pdf, _("No organisation has arrived yet."), BODY_SIZE, FALSE, 4);
  for (guint i = 0; i < mp_report_get_n_organisations (report); i++)
    {
      const MpOrganisationCount *o = mp_report_get_organisation (report, i);

      if (i == 0 || g_strcmp0 (o->sector, mp_report_get_organisation (report, i - 1)->sector) != 0)
        {
          guint total = 0;

          for (guint j = i; j < mp_report_get_n_organisations (report) &&
                            g_strcmp0 (mp_report_get_organisation (report, j)->sector, o->sector) == 0; j++)
            total += mp_report_get_organisation (report, j)->arrived;
          pdf_need (pdf, 40);
          pdf->y += 4;
          pdf_row (pdf, sector_label (o->sector), total, 0, TRUE);
        }
      pdf_row (pdf, o->organisation, o->arrived, 14, FALSE);
    }

  pdf_heading (pdf, _("Answers to the registration questions"), 40);
  for (guint k = 0; k < MP_N_ANSWER_KINDS; k++)
    {
      if (mp_report_get_n_answers (report, k) == 0)
        continue;
      any_answer = TRUE;
      pdf_need (pdf, 40);
      pdf->y += 4;
      pdf_text (pdf, mp_answer_kind_get_title (k), BODY_SIZE, TRUE, 2);
      for (guint i = 0; i < mp_report_get_n_answers (report, k); i++)
        {
          const MpAnswerCount *a = mp_report_get_answer (report, k, i);

          pdf_row (pdf, a->answer, a->count, 14, FALSE);
        }
    }
  if (!any_answer)
    pdf_text (pdf, _("Nobody answered the questions."), BODY_SIZE, FALSE, 4);

  return pdf_end (pdf, bytes, path, error);
}

static gboolean
write_period_pdf (MpPeriodReport  *report,
                  const char      *path,
                  GError         **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *from = mp_time_format_date (mp_period_report_get_from (report));
  g_autofree char *to = period_last_day (report);
  g_autofree char *kinds = period_kinds_text (report);
  /* Translators: the title of a report over a period; the dates are long dates */
  g_autofree char *title = g_strdup_printf (_("Meetings from %s to %s"), from, to);
  Pdf *pdf = pdf_begin (bytes, title, title);
  Stat stats[] = {
    { _("Events"), g_strdup_printf ("%u", mp_period_report_get_n_events (report)) },
    { _("Arrived"), g_strdup_printf ("%u", mp_period_report_get_total_arrived (report)) },
    { _("Different people"), g_strdup_printf ("%u", mp_period_report_get_distinct_people (report)) },
    { _("Came more than once"), g_strdup_printf ("%u", mp_period_report_get_returning_people (report)) },
    { _("Organisations"), g_strdup_printf ("%u", mp_period_report_get_n_organisations (report)) },
  };
  guint n_sectors = mp_period_report_get_n_sectors (report);

  pdf_text (pdf, title, 18, TRUE, 4);
  pdf_text (pdf, kinds, 11, FALSE, 14);
  pdf_stats (pdf, stats, G_N_ELEMENTS (stats));
  for (guint i = 0; i < G_N_ELEMENTS (stats); i++)
    g_free (stats[i].value);

  pdf_heading (pdf, _("Arrivals by sector"), 40);
  for (guint s = 0; s < n_sectors; s++)
    if (mp_period_report_get_sector_total (report, s) > 0)
      pdf_row (pdf, sector_label (mp_period_report_get_sector (report, s)),
               mp_period_report_get_sector_total (report, s), 0, FALSE);
  pdf_row (pdf, _("Total"), mp_period_report_get_total_arrived (report), 0, TRUE);

  pdf_heading (pdf, _("Events"), 40);
  if (mp_period_report_get_n_events (report) == 0)
    pdf_text (pdf, _("No event in this period."), BODY_SIZE, FALSE, 4);
  for (guint i = 0; i < mp_period_report_get_n_events (report); i++)
    {
      const MpPeriodEvent *e = mp_period_report_get_event (report, i);
      g_autofree char *day = mp_time_format_date (e->starts_at);
      g_autofree char *event_title = mp_text_dup_capped (e->title, MP_TEXT_MAX_TITLE);
      g_autofree char *line = g_strdup_printf ("%s — %s, %s", event_title, mp_event_kind_get_label (e->kind), day);
      g_autoptr(GString) sectors = g_string_new (NULL);

      pdf_need (pdf, 44);
      pdf->y += 4;
      pdf_row (pdf, line, e->arrived, 0, TRUE);
      for (guint s = 0; s < n_sectors; s++)
        if (e->by_sector[s] > 0)
          g_string_append_printf (sectors, "%s%s %u", sectors->len ? " · " : "",
                                  sector_label (mp_period_report_get_sector (report, s)), e->by_sector[s]);
      if (sectors->len > 0)
        {
          g_autoptr(PangoLayout) layout = pdf_layout (pdf, 8.5, FALSE, content_width () - 14);
          int w, h;

          pango_layout_set_text (layout, sectors->str, -1);
          pango_layout_get_pixel_size (layout, &w, &h);
          pdf_need (pdf, h);
          cairo_set_source_rgba (pdf->cr, 0, 0, 0, 0.75);
          cairo_move_to (pdf->cr, MARGIN + 14, pdf->y);
          pango_cairo_show_layout (pdf->cr, layout);
          pdf->y += h + 2;
        }
    }

  pdf_heading (pdf, _("Organisations reached"), 40);
  for (guint i = 0; i < mp_period_report_get_n_organisations (report); i++)
    {
      const MpPeriodOrganisation *o = mp_period_report_get_organisation (report, i);

      if (i == 0 || g_strcmp0 (o->sector, mp_period_report_get_organisation (report, i - 1)->sector) != 0)
        {
          pdf_need (pdf, 40);
          pdf->y += 4;
          pdf_text (pdf, sector_label (o->sector), BODY_SIZE, TRUE, 2);
        }
      {
        /* Translators: an organisation and how many meetings it came to */
        g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u meeting)", "%s (%u meetings)", o->events),
                                                 o->organisation, o->events);
        pdf_row (pdf, text, o->people, 14, FALSE);
      }
    }

  return pdf_end (pdf, bytes, path, error);
}

gboolean
mp_report_export (MpReport        *report,
                  MpReportFormat   format,
                  const char      *path,
                  GError         **error)
{
  g_autoptr(GPtrArray) tables = NULL;

  g_return_val_if_fail (MP_IS_REPORT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (format == MP_REPORT_FORMAT_PDF)
    return write_event_pdf (report, path, error);

  tables = event_tables (report);
  if (format == MP_REPORT_FORMAT_XLSX)
    return write_xlsx (tables, path, error);
  return write_csv (tables, format == MP_REPORT_FORMAT_CSV_EXCEL, path, error);
}

gboolean
mp_period_report_export (MpPeriodReport  *report,
                         MpReportFormat   format,
                         const char      *path,
                         GError         **error)
{
  g_autoptr(GPtrArray) tables = NULL;

  g_return_val_if_fail (MP_IS_PERIOD_REPORT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (format == MP_REPORT_FORMAT_PDF)
    return write_period_pdf (report, path, error);

  tables = period_tables (report);
  if (format == MP_REPORT_FORMAT_XLSX)
    return write_xlsx (tables, path, error);
  return write_csv (tables, format == MP_REPORT_FORMAT_CSV_EXCEL, path, error);
}
