/* mp-xlsx-private.h: what the two files of the workbook reader share
 *
 *   mp-xlsx-reader.c  the package: the zip and its parts, each streamed
 *                     from libarchive into libxml2's SAX2 parser; the
 *                     workbook, its relationships, styles and shared
 *                     strings; the errors; _mp_xlsx_read()
 *   mp-xlsx-sheet.c   one sheet's cells into the import's table
 *
 * SAX2, not xmlTextReader: nothing is built for a node (the reader made
 * and freed a tree node, attributes and all, for each of a sheet's
 * million cells), names arrive as the parser's own strings and values
 * as pointers into its buffer.
 */
#pragma once

#include <libxml/parser.h>

#include "mp-import-private.h"

G_BEGIN_DECLS

/* Excel's own limits: XFD columns, 1,048,576 rows. */
#define MP_XLSX_MAX_COLUMNS 16384
#define MP_XLSX_MAX_ROWS    1048576u

typedef struct
{
  const guchar     *data;
  gsize             len;
  GCancellable     *cancellable;
  GError           *error;        /* the first one */
  xmlParserCtxtPtr  parser;       /* of the part being read: stopped on an error */
  guint64           inflated;
  guint64           budget;

  gboolean          date1904;
  GByteArray       *date_styles;  /* 1 per cellXfs index whose format is a date */

  /* Shared strings: NUL-terminated, one after another. */
  char             *pool;
  gsize             pool_len;
  gsize             pool_size;
  GArray           *strings;      /* guint32 offsets into pool */
} MpXlsx;

/* Errors, each always FALSE; the first one stays and stops the part. */
gboolean    _mp_xlsx_fail              (MpXlsx      *x,
                                        int          code,
                                        const char  *message);
gboolean    _mp_xlsx_fail_damaged      (MpXlsx      *x,
                                        const char  *detail);
gboolean    _mp_xlsx_fail_too_large    (MpXlsx      *x);

/* What a part's elements and text are given to: @name is the element's
 * local name (any namespace); @attributes are libxml2's SAX2 five-tuples
 * (local name, prefix, URI, value, end of value), read them with
 * _mp_xlsx_attribute(). @state is the caller's. */
typedef struct
{
  void (*start) (gpointer        state,
                 const char     *name,
                 int             n_attributes,
                 const xmlChar **attributes);
  void (*end)   (gpointer        state,
                 const char     *name);
  void (*text)  (gpointer        state,
                 const char     *text,
                 int             len);
} MpXlsxHandlers;

/* Streams the zip entry @name (inflating to at most @max bytes) through
 * @handlers. *@out_found says whether the part is there; a missing part
 * is an error only when @required. FALSE with x->error set on any
 * error: damaged zip or XML, a DTD, too large, cancelled. */
gboolean    _mp_xlsx_parse_part        (MpXlsx                *x,
                                        const char            *name,
                                        guint64                max,
                                        gboolean               required,
                                        const MpXlsxHandlers  *handlers,
                                        gpointer               state,
                                        gboolean              *out_found);

/* The value of the attribute called @name, copied into @buffer of @size
 * bytes (NUL-terminated, cut to fit), or NULL when it has none. */
const char *_mp_xlsx_attribute         (int              n_attributes,
                                        const xmlChar  **attributes,
                                        const char      *name,
                                        char            *buffer,
                                        gsize            size);
/* The same, newly allocated. */
char       *_mp_xlsx_dup_attribute     (int              n_attributes,
                                        const xmlChar  **attributes,
                                        const char      *name);

/* Excel writes characters XML cannot carry as _xHHHH_ ("_x000D_" for a
 * carriage return) and a literal "_x" as "_x005F_x": @len bytes of
 * @text are appended to @out with those undone. Controls other than
 * tab and line breaks are dropped. */
void        _mp_xlsx_append_unescaped  (GString     *out,
                                        const char  *text,
                                        gsize        len);

/* The sheet part @name into @table (mp-xlsx-sheet.c). */
gboolean    _mp_xlsx_read_sheet        (MpXlsx         *x,
                                        const char     *name,
                                        MpImportTable  *table);

G_END_DECLS
