/* mp-csv-writer.h: the one way Møteplass writes a CSV field
 *
 * Every CSV file Møteplass writes (attendee export, mailing list,
 * report) goes through here: RFC 4180 quoting, the two dialects, and
 * the formula guard, which is always on. A spreadsheet runs a cell that
 * starts with = + - @ tab CR or LF as a formula, and a name typed at
 * the kiosk as "=HYPERLINK(…)" or "-1+cmd|' /C calc'!A0" must arrive as
 * text: such a cell gets a ' in front (after any ' it already starts
 * with, so that mp-csv-import.c, which takes one off again, reads back
 * exactly what was written). Only numbers we wrote ourselves in a
 * column of numbers (counts) go out bare.
 *
 * The writer appends to a GString the caller owns, so a caller may
 * stream it out in pieces (mp-csv-export.c) or keep it whole.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  /* RFC 4180 as most programs read it: commas, LF, no byte order mark. */
  MP_CSV_DIALECT_PLAIN,
  /* What Excel with Norwegian settings opens without asking: its list
   * separator ';', CRLF, a UTF-8 byte order mark (else it reads ANSI),
   * and a decimal comma in numbers (it reads 12.5 as a date). */
  MP_CSV_DIALECT_EXCEL,
} MpCsvDialect;

typedef struct
{
  /*< private >*/
  GString       *out;
  MpCsvDialect   dialect;
  char           separator;
  const char    *eol;
  gboolean       first_in_row;
} MpCsvWriter;

/* Starts a file in @out: the byte order mark for Excel, nothing else. */
void      mp_csv_writer_init     (MpCsvWriter   *writer,
                                  GString       *out,
                                  MpCsvDialect   dialect);
/* A text cell (NULL is empty), formula-guarded and quoted as needed. */
void      mp_csv_writer_text     (MpCsvWriter   *writer,
                                  const char    *text);
/* A cell of a numeric column, as we formatted it ("12", "-3", "12.5"):
 * written bare when it is a plain number (decimal comma for Excel),
 * and as guarded text when it is anything else. */
void      mp_csv_writer_number   (MpCsvWriter   *writer,
                                  const char    *number);
/* An integer count: mp_csv_writer_number() of its decimal digits. */
void      mp_csv_writer_count    (MpCsvWriter   *writer,
                                  gint64         count);
/* Ends the row (CRLF for Excel, LF otherwise); at the start of a row,
 * a blank line. */
void      mp_csv_writer_end_row  (MpCsvWriter   *writer);

G_END_DECLS
