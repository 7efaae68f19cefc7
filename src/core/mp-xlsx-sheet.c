/* mp-xlsx-sheet.c: one sheet of an Excel workbook into the import's table
 *
 * Values are what Excel stores: shared and inline strings, numbers
 * (written as plain numbers, so a phone number stays 98765432),
 * booleans (TRUE, FALSE), and dates: serial numbers whose cell style
 * has a date format, counted from 1900 with Excel's leap day 29
 * February 1900, or from 1904 when the workbook says date1904.
 *
 * The hot loop of a large workbook (a million cells): no allocation per
 * cell; a cell's text is gathered in one buffer, formatted in place and
 * copied once, into the table.
 */
#define G_LOG_DOMAIN "mp-xlsx"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-xlsx-private.h"

typedef enum
{
  CELL_NUMBER,
  CELL_SHARED,
  CELL_INLINE,
  CELL_STRING,    /* a formula's text result */
  CELL_BOOLEAN,
  CELL_ERROR,
  CELL_DATE_ISO,
} CellType;

typedef struct
{
  MpXlsx        *x;
  MpImportTable *table;
  guint          row;        /* the row number (1-based) */
  guint          next_col;   /* the column the next cell goes in */
  guint          col;
  CellType       type;
  gboolean       date;
  gboolean       in_row;
  gboolean       in_cell;
  gboolean       in_value;   /* inside <v>, or <t> of an inline string */
  guint          phonetic;   /* inside an inline string's <rPh> */
  GString       *value;      /* the cell's text as written */
  GString       *unescaped;
} SheetState;

void
_mp_xlsx_append_unescaped (GString    *out,
                           const char *text,
                           gsize       len)
{
  const char *end = text + len;
  const char *p = text;

  while (p < end)
    {
      const char *mark = memchr (p, '_', end - p);

      if (mark == NULL)
        {
          g_string_append_len (out, p, end - p);
          return;
        }
      g_string_append_len (out, p, mark - p);
      p = mark;
      if (end - p >= 7 && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]) &&
          g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        {
          gunichar c = (g_ascii_xdigit_value (p[2]) << 12) | (g_ascii_xdigit_value (p[3]) << 8) |
                       (g_ascii_xdigit_value (p[4]) << 4) | g_ascii_xdigit_value (p[5]);

          if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && g_unichar_validate (c)))
            g_string_append_unichar (out, c);
          p += 7;
        }
      else
        g_string_append_c (out, *p++);
    }
}

/* Days since 1970-01-01 → year, month, day (proleptic Gregorian;
 * Howard Hinnant's civil_from_days). */
static void
civil_from_days (gint64  z,
                 int    *y,
                 int    *m,
                 int    *d)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (int) (doy - (153 * mp + 2) / 5 + 1);
  *m = (int) (mp < 10 ? mp + 3 : mp - 9);
  *y = (int) (yoe + era * 400 + (*m <= 2));
}

static char *
put_digits (char *out,
            int   value,
            int   width)
{
  for (int i = width - 1; i >= 0; i--, value /= 10)
    out[i] = '0' + value % 10;
  return out + width;
}

/* "2026-02-03", "2026-02-03 10:14", "10:14:22": a serial date as Excel
 * counts it, into @out (at least 24 bytes). FALSE when it is no date. */
static gboolean
format_serial (double    serial,
               gboolean  date1904,
               char     *out)
{
  gint64 days, seconds;
  char *p = out;

  /* 9999-12-31 is Excel's last day. */
  if (!(serial >= 0 && serial < 2958466))
    return FALSE;

  days = (gint64) floor (serial);
  seconds = (gint64) llround ((serial - days) * 86400);
  if (seconds >= 86400)
    days++, seconds = 0;

  if (date1904 || days != 0)
    {
      int y, m, d;

      /* Lotus 1-2-3 took 1900 for a leap year and Excel kept it: serial
       * 60 is 29 February 1900, which never was, and the days before it
       * are one off from the days after. */
      if (!date1904 && days == 60)
        y = 1900, m = 2, d = 29;
      else if (date1904)
        civil_from_days (days - 24107, &y, &m, &d);                      /* 1904-01-01 */
      else
        civil_from_days ((days < 60 ? days : days - 1) - 25568, &y, &m, &d);  /* 1899-12-31 */
      p = put_digits (p, y, 4);
      *p++ = '-';
      p = put_digits (p, m, 2);
      *p++ = '-';
      p = put_digits (p, d, 2);
      if (seconds != 0)
        *p++ = ' ';
    }
  if (seconds != 0 || p == out)
    {
      p = put_digits (p, (int) (seconds / 3600), 2);
      *p++ = ':';
      p = put_digits (p, (int) (seconds / 60 % 60), 2);
      if (seconds % 60 != 0)
        {
          *p++ = ':';
          p = put_digits (p, (int) (seconds % 60), 2);
        }
    }
  *p = '\0';
  return TRUE;
}

/* A number as a person would type it: 98765432, 4.5, not 9.8765432E7;
 * into @out (G_ASCII_DTOSTR_BUF_SIZE bytes) when it must be rewritten.
 * The text itself when it already is (an integer as Excel writes it). */
static const char *
format_number (const char *text,
               char       *out)
{
  const char *p = text + (text[0] == '-');
  char *end = NULL;
  double value;

  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '\0' && p - text < 16 && p > text + (text[0] == '-'))
    return text;

  value = g_ascii_strtod (text, &end);
  if (end == text || !isfinite (value))
    return text;
  if (value == floor (value) && fabs (value) < 1e15)
    g_snprintf (out, G_ASCII_DTOSTR_BUF_SIZE, "%.0f", value);
  else
    g_ascii_formatd (out, G_ASCII_DTOSTR_BUF_SIZE, "%.15g", value);
  return out;
}

/* Column "B3" → 1; -1 when @ref has no column. */
static int
column_of (const char *ref)
{
  int col = 0;
  const char *p = ref;

  for (; g_ascii_isalpha (*p); p++)
    {
      col = col * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (col > MP_XLSX_MAX_COLUMNS)
        return MP_XLSX_MAX_COLUMNS;
    }
  return p == ref ? -1 : col - 1;
}

static gboolean
finish_cell (SheetState *state)
{
  MpXlsx *x = state->x;
  char formatted[MAX (G_ASCII_DTOSTR_BUF_SIZE, 32)];
  const char *text = state->value->str;
  gsize len;

  switch (state->type)
    {
    case CELL_SHARED:
      {
        char *end = NULL;
        guint64 index = g_ascii_strtoull (text, &end, 10);

        if (text[0] == '\0')
          return TRUE;
        if (end == text || *end != '\0' || index >= x->strings->len)
          return _mp_xlsx_fail_damaged (x, "a shared string that is not there");
        text = x->pool + g_array_index (x->strings, guint32, index);
      }
      break;
    case CELL_BOOLEAN:
      text = strcmp (text, "1") == 0 ? "TRUE" : text[0] != '\0' ? "FALSE" : "";
      break;
    case CELL_ERROR:
      /* #N/A, #REF!: no answer */
      text = "";
      break;
    case CELL_NUMBER:
      if (text[0] == '\0')
        break;
      if (!state->date || !format_serial (g_ascii_strtod (text, NULL), x->date1904, formatted))
        text = format_number (text, formatted);
      else
        text = formatted;
      break;
    case CELL_INLINE:
    case CELL_STRING:
      g_string_truncate (state->unescaped, 0);
      _mp_xlsx_append_unescaped (state->unescaped, state->value->str, state->value->len);
      text = state->unescaped->str;
      break;
    case CELL_DATE_ISO:
    default:
      break;
    }

  len = strlen (text);
  if (len == 0)
    return TRUE;
  if (state->col < state->next_col)
    return _mp_xlsx_fail_damaged (x, "cells out of order");

  while (state->next_col < state->col)
    {
      if (!_mp_import_table_add_cell (state->table, state->row, "", 0))
        return _mp_xlsx_fail_too_large (x);
      state->next_col++;
    }
  if (!_mp_import_table_add_cell (state->table, state->row, text, len))
    return _mp_xlsx_fail_too_large (x);
  state->next_col++;
  return TRUE;
}

static void
start_cell (SheetState     *state,
            int             n,
            const xmlChar **attributes)
{
  const xmlChar *type = NULL, *type_end = NULL;
  char ref[24] = "", style[16] = "";
  int col = -1;

  /* One pass over the attributes: r, t, s. */
  for (int i = 0; i < n; i++)
    {
      const xmlChar **a = attributes + 5 * i;
      const char *name = (const char *) a[0];
      gsize len = a[4] - a[3];

      if (name[1] != '\0')
        continue;
      if (name[0] == 'r')
        {
          len = MIN (len, sizeof ref - 1);
          memcpy (ref, a[3], len);
          ref[len] = '\0';
          col = column_of (ref);
        }
      else if (name[0] == 't')
        type = a[3], type_end = a[4];
      else if (name[0] == 's')
        {
          len = MIN (len, sizeof style - 1);
          memcpy (style, a[3], len);
          style[len] = '\0';
        }
    }

  state->col = col >= 0 ? (guint) col : state->next_col;
  if (state->col >= MP_XLSX_MAX_COLUMNS)
    {
      _mp_xlsx_fail_damaged (state->x, "a column past XFD");
      return;
    }

  state->type = CELL_NUMBER;
  if (type != NULL)
    {
      gsize len = type_end - type;

#define TYPE_IS(word) (len == sizeof word - 1 && memcmp (type, word, len) == 0)
      if (TYPE_IS ("s"))
        state->type = CELL_SHARED;
      else if (TYPE_IS ("inlineStr"))
        state->type = CELL_INLINE;
      else if (TYPE_IS ("str"))
        state->type = CELL_STRING;
      else if (TYPE_IS ("b"))
        state->type = CELL_BOOLEAN;
      else if (TYPE_IS ("e"))
        state->type = CELL_ERROR;
      else if (TYPE_IS ("d"))
        state->type = CELL_DATE_ISO;
#undef TYPE_IS
    }

  state->date = FALSE;
  if (style[0] != '\0')
    {
      guint64 index = g_ascii_strtoull (style, NULL, 10);

      state->date = index < state->x->date_styles->len && state->x->date_styles->data[index];
    }
  g_string_truncate (state->value, 0);
  state->in_cell = TRUE;
  state->in_value = FALSE;
  state->phonetic = 0;
}

static void
start_row (SheetState     *state,
           int             n,
           const xmlChar **attributes)
{
  char number[24];
  guint row = state->row + 1;

  if (_mp_xlsx_attribute (n, attributes, "r", number, sizeof number) != NULL)
    {
      char *end = NULL;
      guint64 value = g_ascii_strtoull (number, &end, 10);

      if (end == number || value == 0 || value > MP_XLSX_MAX_ROWS)
        {
          _mp_xlsx_fail_damaged (state->x, "a row number out of range");
          return;
        }
      row = value;
    }
  /* Rows go forward, so that every row has a line of its own. */
  if (row <= state->row)
    {
      _mp_xlsx_fail_damaged (state->x, "rows out of order");
      return;
    }

  state->row = row;
  state->next_col = 0;
  state->in_row = TRUE;
}

static void
sheet_start (gpointer        data,
             const char     *name,
             int             n,
             const xmlChar **attributes)
{
  SheetState *state = data;

  switch (name[0])
    {
    case 'c':
      if (name[1] == '\0' && state->in_row)
        start_cell (state, n, attributes);
      break;
    case 'v':
      if (name[1] == '\0' && state->in_cell)
        state->in_value = TRUE;
      break;
    case 't':
      if (name[1] == '\0' && state->in_cell && state->type == CELL_INLINE)
        state->in_value = TRUE;
      break;
    case 'r':
      if (strcmp (name, "row") == 0)
        start_row (state, n, attributes);
      /* Phonetic guides (Japanese furigana) are not the text. */
      else if (strcmp (name, "rPh") == 0 && state->in_cell)
        state->phonetic++;
      break;
    default:
      break;
    }
}

static void
sheet_end (gpointer    data,
           const char *name)
{
  SheetState *state = data;

  switch (name[0])
    {
    case 'c':
      if (name[1] == '\0' && state->in_cell)
        {
          state->in_cell = state->in_value = FALSE;
          finish_cell (state);
        }
      break;
    case 'v':
    case 't':
      if (name[1] == '\0')
        state->in_value = FALSE;
      break;
    case 'r':
      if (strcmp (name, "row") == 0 && state->in_row)
        {
          _mp_import_table_end_row (state->table);
          state->in_row = FALSE;
        }
      else if (strcmp (name, "rPh") == 0 && state->phonetic > 0)
        state->phonetic--;
      break;
    default:
      break;
    }
}

static void
sheet_text (gpointer    data,
            const char *text,
            int         len)
{
  SheetState *state = data;

  if (!state->in_value || state->phonetic > 0)
    return;
  g_string_append_len (state->value, text, len);
  if (state->value->len > MP_IMPORT_MAX_TEXT / 4)
    _mp_xlsx_fail_too_large (state->x);
}

gboolean
_mp_xlsx_read_sheet (MpXlsx         *x,
                     const char     *name,
                     MpImportTable  *table)
{
  static const MpXlsxHandlers handlers = { sheet_start, sheet_end, sheet_text };
  g_autoptr(GString) value = g_string_sized_new (256);
  g_autoptr(GString) unescaped = g_string_sized_new (256);
  SheetState state = { .x = x, .table = table, .value = value, .unescaped = unescaped };

  if (!_mp_xlsx_parse_part (x, name, G_MAXUINT64, TRUE, &handlers, &state, NULL))
    return FALSE;
  if (state.in_row)
    return _mp_xlsx_fail_damaged (x, "a row that never ends");
  return TRUE;
}
