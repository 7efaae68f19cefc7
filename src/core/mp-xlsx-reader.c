/* mp-xlsx-reader.c: one sheet of an Excel workbook into the import's table
 *
 * An .xlsx file is a zip of XML parts (ECMA-376, Office Open XML). The
 * zip is read with libarchive and each part is parsed with libxml2's
 * xmlTextReader straight from libarchive's inflated stream, so a sheet
 * is never held whole in memory, as text or as a tree: only the cells
 * go into the table, as a CSV file's do. Shared strings (the text of
 * the cells, each string once) are kept in one pool with a bound.
 *
 * Values are what Excel stores: shared and inline strings, numbers
 * (written as plain numbers, so a phone number stays 98765432),
 * booleans (TRUE, FALSE), and dates: serial numbers whose cell style
 * has a date format, counted from 1900 with Excel's leap day 29
 * February 1900, or from 1904 when the workbook says date1904.
 *
 * What is not a workbook is explained: an encrypted workbook is an OLE
 * compound file (MS-OFFCRYPTO), not a zip; so is an old .xls. A zip
 * that inflates to far more than a list of participants can be (a zip
 * bomb) is refused before it fills memory or the disk.
 */
#define G_LOG_DOMAIN "mp-xlsx"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mp-error.h"
#include "mp-import-private.h"

/* Excel's own limits: XFD columns, 1,048,576 rows. */
#define MAX_COLUMNS   16384
#define MAX_ROWS      1048576u
/* The parts besides the sheet (workbook, relationships, styles) are small. */
#define MAX_SMALL_PART (16u * 1024 * 1024)
#define MIN_INFLATE   (64u * 1024 * 1024)
#define INFLATE_RATIO 100
#define MAX_INFLATE   (G_GUINT64_CONSTANT (4) * 1024 * 1024 * 1024)

static struct {
  gsize   shared_bytes;
  guint   shared_strings;
  guint64 min_inflate;
} limits = {
  128u * 1024 * 1024,
  8u * 1024 * 1024,
  MIN_INFLATE,
};

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
  const guchar *data;
  gsize         len;
  GCancellable *cancellable;
  GError       *error;        /* the first one */
  guint64       inflated;
  guint64       budget;

  gboolean      date1904;
  GArray       *date_styles;  /* gboolean per cellXfs index */

  /* Shared strings: NUL-terminated, one after another. */
  char         *pool;
  gsize         pool_len;
  gsize         pool_size;
  GArray       *strings;      /* guint32 offsets into pool */
} Xlsx;

typedef struct
{
  Xlsx           *x;
  struct archive *archive;
  guint64         max;        /* bytes this part may inflate to */
  guint64         read;
} Part;

/* For tests: smaller bounds, so that reaching them takes a small file. */
void
_mp_xlsx_set_test_limits (gsize   shared_bytes,
                          guint   shared_strings,
                          guint64 min_inflate)
{
  limits.shared_bytes = shared_bytes;
  limits.shared_strings = shared_strings;
  limits.min_inflate = min_inflate;
}


/* Errors */

static gboolean
fail (Xlsx       *x,
      int         code,
      const char *message)
{
  if (x->error == NULL)
    g_set_error_literal (&x->error, MP_ERROR, code, message);
  return FALSE;
}

static gboolean
fail_damaged (Xlsx       *x,
              const char *detail)
{
  if (detail != NULL)
    g_debug ("damaged workbook: %s", detail);
  return fail (x, MP_ERROR_INVALID,
               _("This Excel workbook is damaged and cannot be read. Open it in Excel or "
                 "LibreOffice, save it again and import that file."));
}

static gboolean
fail_password (Xlsx *x)
{
  return fail (x, MP_ERROR_INVALID,
               _("This workbook is protected with a password, so Møteplass cannot read it. "
                 "Open it in Excel, remove the password (File → Info → Protect Workbook), "
                 "save it and import it again."));
}

static gboolean
fail_too_large (Xlsx *x)
{
  return fail (x, MP_ERROR_INVALID,
               _("The sheet has more cells than Møteplass can read at once. Save the rows you "
                 "need in a workbook of their own, or import the file in parts."));
}

gboolean
_mp_xlsx_is_zip (GBytes *contents)
{
  gsize len;
  const guchar *data = g_bytes_get_data (contents, &len);

  return len >= 4 && data[0] == 'P' && data[1] == 'K' &&
         ((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6) ||
          (data[2] == 7 && data[3] == 8));
}

gboolean
_mp_xlsx_is_ole (GBytes *contents)
{
  gsize len;
  const guchar *data = g_bytes_get_data (contents, &len);

  return len >= 8 && memcmp (data, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0;
}

gboolean
_mp_xlsx_explain_ole (GBytes  *contents,
                      GError **error)
{
  /* The stream's name in the compound file's directory, UTF-16LE. */
  static const char encrypted[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
  gsize len;
  const guchar *data = g_bytes_get_data (contents, &len);

  if (memmem (data, len, encrypted, sizeof encrypted - 1) != NULL)
    g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                         _("This workbook is protected with a password, so Møteplass cannot read "
                           "it. Open it in Excel, remove the password (File → Info → Protect "
                           "Workbook), save it and import it again."));
  else
    g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                         _("This is an old Excel workbook (.xls) or another Office file. Open it "
                           "in Excel or LibreOffice and save it as an Excel workbook (.xlsx) or "
                           "as “CSV UTF-8”, then import that file."));
  return FALSE;
}


/* Parts of the zip */

static void
part_close (Part *part)
{
  g_clear_pointer (&part->archive, archive_read_free);
}

/* Opens the zip entry @name for reading. FALSE without an error when
 * there is no such entry. */
static gboolean
part_open (Xlsx       *x,
           const char *name,
           guint64     max,
           Part       *part)
{
  struct archive_entry *entry;
  int r;

  memset (part, 0, sizeof *part);
  part->x = x;
  part->max = max;
  part->archive = archive_read_new ();
  archive_read_support_format_zip_seekable (part->archive);
  if (archive_read_open_memory (part->archive, x->data, x->len) != ARCHIVE_OK)
    {
      fail_damaged (x, archive_error_string (part->archive));
      part_close (part);
      return FALSE;
    }

  while ((r = archive_read_next_header (part->archive, &entry)) != ARCHIVE_EOF)
    {
      if (r < ARCHIVE_WARN)
        {
          fail_damaged (x, archive_error_string (part->archive));
          part_close (part);
          return FALSE;
        }
      if (g_ascii_strcasecmp (archive_entry_pathname (entry), name) != 0)
        continue;
      if (archive_entry_is_encrypted (entry))
        {
          fail_password (x);
          part_close (part);
          return FALSE;
        }
      return TRUE;
    }

  part_close (part);
  return FALSE;
}

static int
part_read (void *context,
           char *buffer,
           int   len)
{
  Part *part = context;
  Xlsx *x = part->x;
  la_ssize_t n;

  if (x->error != NULL)
    return -1;
  if (g_cancellable_is_cancelled (x->cancellable))
    {
      fail (x, MP_ERROR_CANCELLED, _("The import was stopped. Nothing was imported."));
      return -1;
    }

  n = archive_read_data (part->archive, buffer, len);
  if (n < 0)
    {
      if (archive_read_has_encrypted_entries (part->archive) > 0)
        fail_password (x);
      else
        fail_damaged (x, archive_error_string (part->archive));
      return -1;
    }

  part->read += n;
  x->inflated += n;
  if (part->read > part->max || x->inflated > x->budget)
    {
      g_autofree char *size = g_format_size (part->read > part->max ? part->max : x->budget);

      if (x->error == NULL)
        g_set_error (&x->error, MP_ERROR, MP_ERROR_INVALID,
                     _("This workbook unpacks to far more than its size (more than %s), which no "
                       "list of participants does. It may be damaged or made to do harm, so it "
                       "was not read."), size);
      return -1;
    }
  return n;
}

static void
on_xml_error (void      *user_data,
              xmlErrorPtr error)
{
  Xlsx *x = user_data;

  if (error != NULL && error->level >= XML_ERR_ERROR)
    fail_damaged (x, error->message);
}

static gpointer
init_libxml (gpointer data)
{
  xmlInitParser ();
  return NULL;
}

/* An XML reader over the part, or NULL (with x->error) when the part
 * is not there and @required. */
static xmlTextReaderPtr
part_reader (Xlsx       *x,
             const char *name,
             guint64     max,
             gboolean    required,
             Part       *part)
{
  static GOnce once = G_ONCE_INIT;
  xmlTextReaderPtr reader;

  g_once (&once, init_libxml, NULL);

  if (!part_open (x, name, max, part))
    {
      if (required)
        fail_damaged (x, name);
      return NULL;
    }

  /* No network, no entities: a workbook has no DTD, and one with a
   * DTD is refused below (entity expansion is a classic bomb). */
  reader = xmlReaderForIO (part_read, NULL, part, name, NULL, XML_PARSE_NONET);
  if (reader == NULL)
    {
      fail_damaged (x, "xmlReaderForIO");
      part_close (part);
      return NULL;
    }
  xmlTextReaderSetStructuredErrorHandler (reader, on_xml_error, x);
  return reader;
}

/* Steps the reader; FALSE at the end or on an error (x->error). */
static gboolean
next_node (Xlsx             *x,
           xmlTextReaderPtr  reader)
{
  int r = xmlTextReaderRead (reader);

  if (r == 1)
    {
      if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_DOCUMENT_TYPE)
        return fail_damaged (x, "a DTD in a workbook part");
      return x->error == NULL;
    }
  if (r < 0)
    fail_damaged (x, "not well-formed XML");
  return FALSE;
}

static gboolean
is_element (xmlTextReaderPtr  reader,
            const char       *name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT &&
         strcmp ((const char *) xmlTextReaderConstLocalName (reader), name) == 0;
}

static gboolean
is_end (xmlTextReaderPtr  reader,
        const char       *name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT &&
         strcmp ((const char *) xmlTextReaderConstLocalName (reader), name) == 0;
}

/* An attribute by its local name, whatever its namespace. */
static char *
attribute (xmlTextReaderPtr  reader,
           const char       *name)
{
  char *value = NULL;

  if (xmlTextReaderMoveToFirstAttribute (reader) != 1)
    return NULL;
  do
    {
      if (strcmp ((const char *) xmlTextReaderConstLocalName (reader), name) == 0)
        {
          value = g_strdup ((const char *) xmlTextReaderConstValue (reader));
          break;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (reader) == 1);
  xmlTextReaderMoveToElement (reader);
  return value;
}

static gboolean
is_text (xmlTextReaderPtr reader)
{
  int type = xmlTextReaderNodeType (reader);

  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
         type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE;
}

/* Excel writes characters XML cannot carry as _xHHHH_ ("_x000D_" for a
 * carriage return) and a literal "_x" as "_x005F_x". Controls other
 * than tab and line breaks are dropped. */
static void
append_unescaped (GString    *out,
                  const char *text)
{
  for (const char *p = text; *p != '\0'; )
    {
      if (p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]) &&
          g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        {
          gunichar c = (g_ascii_xdigit_value (p[2]) << 12) | (g_ascii_xdigit_value (p[3]) << 8) |
                       (g_ascii_xdigit_value (p[4]) << 4) | g_ascii_xdigit_value (p[5]);

          if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && g_unichar_validate (c)))
            g_string_append_unichar (out, c);
          p += 7;
          continue;
        }
      g_string_append_c (out, *p++);
    }
}


/* The package: where the workbook and its parts are */

/* "worksheets/sheet1.xml" beside "xl/workbook.xml" is
 * "xl/worksheets/sheet1.xml"; "/xl/..." is from the root. */
static char *
resolve_target (const char *dir,
                const char *target)
{
  g_autofree char *joined = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  if (target[0] == '/')
    joined = g_strdup (target + 1);
  else if (dir[0] == '\0')
    joined = g_strdup (target);
  else
    joined = g_strconcat (dir, "/", target, NULL);

  parts = g_strsplit (joined, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || strcmp (parts[i], ".") == 0)
        continue;
      if (strcmp (parts[i], "..") == 0)
        {
          if (kept->len > 0)
            g_ptr_array_set_size (kept, kept->len - 1);
          continue;
        }
      g_ptr_array_add (kept, parts[i]);
    }
  g_ptr_array_add (kept, NULL);
  return g_strjoinv ("/", (char **) kept->pdata);
}

typedef struct
{
  char *id;
  char *type;
  char *target;
} Relationship;

static void
relationship_clear (gpointer data)
{
  Relationship *rel = data;

  g_free (rel->id);
  g_free (rel->type);
  g_free (rel->target);
}

/* The relationships of a part; an empty array when it has none. */
static GArray *
read_relationships (Xlsx       *x,
                    const char *name,
                    gboolean   *found)
{
  GArray *rels = g_array_new (FALSE, TRUE, sizeof (Relationship));
  Part part;
  xmlTextReaderPtr reader;

  g_array_set_clear_func (rels, relationship_clear);
  reader = part_reader (x, name, MAX_SMALL_PART, FALSE, &part);
  *found = reader != NULL;
  if (reader == NULL)
    return rels;

  while (next_node (x, reader))
    if (is_element (reader, "Relationship"))
      {
        Relationship rel = {
          attribute (reader, "Id"), attribute (reader, "Type"), attribute (reader, "Target"),
        };

        if (rel.id != NULL && rel.type != NULL && rel.target != NULL)
          g_array_append_val (rels, rel);
        else
          relationship_clear (&rel);
      }

  xmlFreeTextReader (reader);
  part_close (&part);
  return rels;
}

static const Relationship *
find_relationship (GArray     *rels,
                   const char *type_suffix,
                   const char *id)
{
  for (guint i = 0; i < rels->len; i++)
    {
      const Relationship *rel = &g_array_index (rels, Relationship, i);

      if (id != NULL && strcmp (rel->id, id) == 0)
        return rel;
      if (type_suffix != NULL && g_str_has_suffix (rel->type, type_suffix))
        return rel;
    }
  return NULL;
}

/* A zip that is no workbook: say what it is. */
static gboolean
fail_not_workbook (Xlsx *x)
{
  Part part;
  char head[64] = { 0 };

  if (part_open (x, "mimetype", 1024, &part))
    {
      archive_read_data (part.archive, head, sizeof head - 1);
      part_close (&part);
      if (g_str_has_prefix (head, "application/vnd.oasis.opendocument.spreadsheet"))
        return fail (x, MP_ERROR_INVALID,
                     _("This is an OpenDocument spreadsheet (.ods). Save it as an Excel workbook "
                       "(.xlsx) or as “CSV UTF-8” in LibreOffice, then import that file."));
    }
  if (x->error != NULL)
    return FALSE;
  return fail (x, MP_ERROR_INVALID,
               _("This is a zip file, not an Excel workbook. Import the spreadsheet itself "
                 "(.xlsx or .csv)."));
}

typedef struct
{
  char *name;
  char *path;   /* the part, resolved */
} Sheet;

static void
sheet_clear (gpointer data)
{
  Sheet *sheet = data;

  g_free (sheet->name);
  g_free (sheet->path);
}

/* The workbook's worksheets in order (hidden ones after the visible),
 * its date system, and where its shared strings and styles are. */
static gboolean
read_workbook (Xlsx    *x,
               GArray  *sheets,
               char   **out_strings,
               char   **out_styles)
{
  g_autoptr(GArray) package_rels = NULL;
  g_autoptr(GArray) rels = NULL;
  g_autoptr(GArray) hidden = g_array_new (FALSE, TRUE, sizeof (Sheet));
  g_autofree char *workbook = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *rels_name = NULL;
  const Relationship *rel;
  gboolean found;
  Part part;
  xmlTextReaderPtr reader;

  g_array_set_clear_func (hidden, sheet_clear);

  package_rels = read_relationships (x, "_rels/.rels", &found);
  if (x->error != NULL)
    return FALSE;
  rel = find_relationship (package_rels, "/officeDocument", NULL);
  workbook = rel != NULL ? resolve_target ("", rel->target) : g_strdup ("xl/workbook.xml");

  dir = g_path_get_dirname (workbook);
  if (strcmp (dir, ".") == 0)
    dir[0] = '\0';
  base = g_path_get_basename (workbook);
  rels_name = dir[0] != '\0' ? g_strconcat (dir, "/_rels/", base, ".rels", NULL)
                             : g_strconcat ("_rels/", base, ".rels", NULL);
  rels = read_relationships (x, rels_name, &found);
  if (x->error != NULL)
    return FALSE;

  reader = part_reader (x, workbook, MAX_SMALL_PART, FALSE, &part);
  if (reader == NULL)
    return x->error == NULL ? fail_not_workbook (x) : FALSE;

  while (next_node (x, reader))
    {
      if (is_element (reader, "workbookPr"))
        {
          g_autofree char *date1904 = attribute (reader, "date1904");

          x->date1904 = date1904 != NULL && (strcmp (date1904, "1") == 0 ||
                                             g_ascii_strcasecmp (date1904, "true") == 0);
        }
      else if (is_element (reader, "sheet"))
        {
          g_autofree char *name = attribute (reader, "name");
          g_autofree char *id = attribute (reader, "id");
          g_autofree char *state = attribute (reader, "state");
          const Relationship *sheet_rel = id != NULL ? find_relationship (rels, NULL, id) : NULL;
          Sheet sheet;

          /* Chart sheets and dialog sheets have no cells. */
          if (name == NULL || sheet_rel == NULL || !g_str_has_suffix (sheet_rel->type, "/worksheet"))
            continue;
          sheet.name = g_steal_pointer (&name);
          sheet.path = resolve_target (dir, sheet_rel->target);
          if (state != NULL && strcmp (state, "visible") != 0)
            g_array_append_val (hidden, sheet);
          else
            g_array_append_val (sheets, sheet);
        }
    }
  xmlFreeTextReader (reader);
  part_close (&part);
  if (x->error != NULL)
    return FALSE;

  g_array_append_vals (sheets, hidden->data, hidden->len);
  g_array_set_clear_func (hidden, NULL);
  if (sheets->len == 0)
    return fail_not_workbook (x);

  rel = find_relationship (rels, "/sharedStrings", NULL);
  *out_strings = rel != NULL ? resolve_target (dir, rel->target) : NULL;
  rel = find_relationship (rels, "/styles", NULL);
  *out_styles = rel != NULL ? resolve_target (dir, rel->target) : NULL;
  return TRUE;
}


/* Shared strings and styles */

static gboolean
add_shared_string (Xlsx    *x,
                   GString *text)
{
  guint32 offset;

  if (x->strings->len >= limits.shared_strings ||
      x->pool_len + text->len + 1 > limits.shared_bytes)
    {
      g_autofree char *size = g_format_size (limits.shared_bytes);
      g_autofree char *reason = g_strdup_printf (_("The workbook has more text than Møteplass reads "
                                                   "at once (more than %s, or %u different "
                                                   "texts). Save the sheet you need as a workbook "
                                                   "of its own, or as “CSV UTF-8”, and import that."),
                                                 size, limits.shared_strings);
      return fail (x, MP_ERROR_INVALID, reason);
    }

  if (x->pool_len + text->len + 1 > x->pool_size)
    {
      gsize size = MAX (x->pool_size, 4096);

      while (size < x->pool_len + text->len + 1)
        size *= 2;
      x->pool = g_realloc (x->pool, MIN (size, limits.shared_bytes));
      x->pool_size = MIN (size, limits.shared_bytes);
    }
  offset = x->pool_len;
  memcpy (x->pool + offset, text->str, text->len + 1);
  x->pool_len += text->len + 1;
  g_array_append_val (x->strings, offset);
  return TRUE;
}

static gboolean
read_shared_strings (Xlsx       *x,
                     const char *name)
{
  g_autoptr(GString) text = g_string_new (NULL);
  Part part;
  xmlTextReaderPtr reader;
  gboolean in_t = FALSE;
  guint phonetic = 0;

  if (name == NULL)
    return TRUE;
  reader = part_reader (x, name, G_MAXUINT64, FALSE, &part);
  if (reader == NULL)
    return x->error == NULL;

  while (next_node (x, reader))
    {
      if (is_element (reader, "si"))
        {
          g_string_truncate (text, 0);
          if (xmlTextReaderIsEmptyElement (reader) && !add_shared_string (x, text))
            break;
        }
      else if (is_end (reader, "si"))
        {
          if (!add_shared_string (x, text))
            break;
        }
      /* Phonetic guides (Japanese furigana) are not the text. */
      else if (is_element (reader, "rPh") && !xmlTextReaderIsEmptyElement (reader))
        phonetic++;
      else if (is_end (reader, "rPh") && phonetic > 0)
        phonetic--;
      else if (is_element (reader, "t"))
        in_t = !xmlTextReaderIsEmptyElement (reader);
      else if (is_end (reader, "t"))
        in_t = FALSE;
      else if (in_t && phonetic == 0 && is_text (reader))
        {
          append_unescaped (text, (const char *) xmlTextReaderConstValue (reader));
          if (text->len > limits.shared_bytes)
            {
              add_shared_string (x, text);
              break;
            }
        }
    }

  xmlFreeTextReader (reader);
  part_close (&part);
  return x->error == NULL;
}

/* Excel's built-in date and time formats (ECMA-376 18.8.30). */
static gboolean
builtin_date_format (guint id)
{
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

/* A custom number format shows a date or time when it has y, m, d, h or
 * s outside quoted text, escapes and [colour] brackets. */
static gboolean
custom_date_format (const char *code)
{
  gboolean quoted = FALSE;

  for (const char *p = code; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '[')
        {
          const char *close = strchr (p, ']');

          /* [h], [mm], [ss]: elapsed time */
          if (close != NULL && close - p > 1 && strchr ("hHmMsS", p[1]) != NULL)
            return TRUE;
          if (close == NULL)
            return FALSE;
          p = close;
        }
      else if (strchr ("yYmMdDhHsS", *p) != NULL)
        return TRUE;
      else if (*p == ';')
        return FALSE;   /* only the first section decides */
    }
  return FALSE;
}

static gboolean
read_styles (Xlsx       *x,
             const char *name)
{
  g_autoptr(GHashTable) custom = g_hash_table_new (g_direct_hash, g_direct_equal);
  Part part;
  xmlTextReaderPtr reader;
  gboolean in_cell_xfs = FALSE;

  if (name == NULL)
    return TRUE;
  reader = part_reader (x, name, MAX_SMALL_PART, FALSE, &part);
  if (reader == NULL)
    return x->error == NULL;

  while (next_node (x, reader))
    {
      if (is_element (reader, "numFmt"))
        {
          g_autofree char *id = attribute (reader, "numFmtId");
          g_autofree char *code = attribute (reader, "formatCode");

          if (id != NULL && code != NULL && custom_date_format (code))
            g_hash_table_add (custom, GUINT_TO_POINTER ((guint) g_ascii_strtoull (id, NULL, 10)));
        }
      else if (is_element (reader, "cellXfs"))
        in_cell_xfs = !xmlTextReaderIsEmptyElement (reader);
      else if (is_end (reader, "cellXfs"))
        in_cell_xfs = FALSE;
      else if (in_cell_xfs && is_element (reader, "xf"))
        {
          g_autofree char *id_text = attribute (reader, "numFmtId");
          guint id = id_text != NULL ? (guint) g_ascii_strtoull (id_text, NULL, 10) : 0;
          gboolean date = builtin_date_format (id) || g_hash_table_contains (custom, GUINT_TO_POINTER (id));

          if (x->date_styles->len < 65536)
            g_array_append_val (x->date_styles, date);
        }
    }

  xmlFreeTextReader (reader);
  part_close (&part);
  return x->error == NULL;
}


/* The sheet */

/* "2026-02-03", "2026-02-03 10:14", "10:14:22": a serial date as
 * Excel counts it. */
static char *
format_serial (double   serial,
               gboolean date1904)
{
  gint64 days;
  gint64 seconds;
  GDate date;
  char day[16] = "", time[16] = "";

  /* 9999-12-31 is Excel's last day. */
  if (!(serial >= 0 && serial < 2958466))
    return NULL;

  days = (gint64) floor (serial);
  seconds = (gint64) llround ((serial - days) * 86400);
  if (seconds >= 86400)
    days++, seconds = 0;

  if (seconds != 0)
    {
      if (seconds % 60 != 0)
        g_snprintf (time, sizeof time, "%02d:%02d:%02d", (int) (seconds / 3600),
                    (int) (seconds / 60 % 60), (int) (seconds % 60));
      else
        g_snprintf (time, sizeof time, "%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60));
    }

  if (date1904)
    {
      g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1904);
      g_date_add_days (&date, days);
    }
  else if (days == 0)
    return g_strdup (time[0] != '\0' ? time : "00:00");
  /* Lotus 1-2-3 took 1900 for a leap year and Excel kept it: serial 60
   * is 29 February 1900, which never was, and the days before it are
   * one off from the days after. */
  else if (days == 60)
    g_strlcpy (day, "1900-02-29", sizeof day);
  else
    {
      g_date_set_dmy (&date, 31, G_DATE_DECEMBER, 1899);
      g_date_add_days (&date, days < 60 ? days : days - 1);
    }

  if (day[0] == '\0')
    g_snprintf (day, sizeof day, "%04d-%02d-%02d", g_date_get_year (&date),
                g_date_get_month (&date), g_date_get_day (&date));
  return time[0] != '\0' ? g_strconcat (day, " ", time, NULL) : g_strdup (day);
}

/* A number as a person would type it: 98765432, 4.5, not 9.8765432E7. */
static char *
format_number (const char *text)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (end == text || !isfinite (value))
    return g_strdup (text);
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%.0f", value);
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", value));
}

typedef struct
{
  Xlsx          *x;
  MpImportTable *table;
  guint          row;        /* the row number (1-based) */
  guint          next_col;   /* the column the next cell goes in */
  guint          col;
  CellType       type;
  gboolean       date;
  GString       *value;
  gboolean       in_value;   /* inside <v>, or <t> of an inline string */
} SheetState;

/* Column "B3" → 1; -1 when @ref has no column. */
static int
column_of (const char *ref)
{
  int col = 0;
  const char *p = ref;

  for (; g_ascii_isalpha (*p); p++)
    {
      col = col * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (col > MAX_COLUMNS)
        return MAX_COLUMNS;
    }
  return p == ref ? -1 : col - 1;
}

static gboolean
finish_cell (SheetState *state)
{
  Xlsx *x = state->x;
  g_autofree char *owned = NULL;
  const char *text = state->value->str;

  switch (state->type)
    {
    case CELL_SHARED:
      {
        char *end = NULL;
        guint64 index = g_ascii_strtoull (text, &end, 10);

        if (text[0] == '\0')
          return TRUE;
        if (end == text || *end != '\0' || index >= x->strings->len)
          return fail_damaged (x, "a shared string that is not there");
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
      if (state->date)
        owned = format_serial (g_ascii_strtod (text, NULL), x->date1904);
      if (owned == NULL)
        owned = format_number (text);
      text = owned;
      break;
    case CELL_INLINE:
    case CELL_STRING:
    case CELL_DATE_ISO:
    default:
      break;
    }

  if (text[0] == '\0')
    return TRUE;
  if (state->col < state->next_col)
    return fail_damaged (x, "cells out of order");

  while (state->next_col < state->col)
    {
      if (!_mp_import_table_add_cell (state->table, state->row, "", 0))
        return fail_too_large (x);
      state->next_col++;
    }
  if (!_mp_import_table_add_cell (state->table, state->row, text, strlen (text)))
    return fail_too_large (x);
  state->next_col++;
  return TRUE;
}

static gboolean
start_cell (SheetState       *state,
            xmlTextReaderPtr  reader)
{
  /* copies: a value may live in the reader's buffer until the next call */
  char ref_buf[24] = "", type_buf[16] = "", style_buf[16] = "";
  const char *ref = NULL, *type = NULL, *style = NULL;
  int col;

  /* One pass over the attributes: a sheet has a million cells. */
  if (xmlTextReaderMoveToFirstAttribute (reader) == 1)
    {
      do
        {
          const char *name = (const char *) xmlTextReaderConstLocalName (reader);
          const char *value = (const char *) xmlTextReaderConstValue (reader);

          if (value == NULL)
            continue;
          if (name[0] == 'r' && name[1] == '\0')
            g_strlcpy (ref_buf, value, sizeof ref_buf), ref = ref_buf;
          else if (name[0] == 't' && name[1] == '\0')
            g_strlcpy (type_buf, value, sizeof type_buf), type = type_buf;
          else if (name[0] == 's' && name[1] == '\0')
            g_strlcpy (style_buf, value, sizeof style_buf), style = style_buf;
        }
      while (xmlTextReaderMoveToNextAttribute (reader) == 1);
    }

  col = ref != NULL ? column_of (ref) : -1;
  state->col = col >= 0 ? (guint) col : state->next_col;
  if (state->col >= MAX_COLUMNS)
    return fail_damaged (state->x, "a column past XFD");

  state->type = CELL_NUMBER;
  if (type != NULL)
    {
      if (strcmp (type, "s") == 0)
        state->type = CELL_SHARED;
      else if (strcmp (type, "inlineStr") == 0)
        state->type = CELL_INLINE;
      else if (strcmp (type, "str") == 0)
        state->type = CELL_STRING;
      else if (strcmp (type, "b") == 0)
        state->type = CELL_BOOLEAN;
      else if (strcmp (type, "e") == 0)
        state->type = CELL_ERROR;
      else if (strcmp (type, "d") == 0)
        state->type = CELL_DATE_ISO;
    }

  state->date = FALSE;
  if (style != NULL)
    {
      guint64 index = g_ascii_strtoull (style, NULL, 10);

      state->date = index < state->x->date_styles->len &&
                    g_array_index (state->x->date_styles, gboolean, index);
    }
  g_string_truncate (state->value, 0);
  xmlTextReaderMoveToElement (reader);
  return TRUE;
}

static gboolean
start_row (SheetState       *state,
           xmlTextReaderPtr  reader)
{
  g_autofree char *number = attribute (reader, "r");
  guint row = state->row + 1;

  if (number != NULL)
    {
      char *end = NULL;
      guint64 value = g_ascii_strtoull (number, &end, 10);

      if (end == number || value == 0 || value > MAX_ROWS)
        return fail_damaged (state->x, "a row number out of range");
      row = value;
    }
  /* Rows go forward, so that every row has a line of its own. */
  if (row <= state->row)
    return fail_damaged (state->x, "rows out of order");

  state->row = row;
  state->next_col = 0;
  return TRUE;
}

static gboolean
read_sheet (Xlsx          *x,
            const char    *name,
            MpImportTable *table)
{
  g_autoptr(GString) value = g_string_new (NULL);
  SheetState state = { .x = x, .table = table, .value = value };
  Part part;
  xmlTextReaderPtr reader;
  gboolean in_row = FALSE, in_cell = FALSE;

  reader = part_reader (x, name, G_MAXUINT64, TRUE, &part);
  if (reader == NULL)
    return FALSE;

  /* The hot loop of a big workbook: each node's type and name are
   * asked once. */
  while (next_node (x, reader))
    {
      int type = xmlTextReaderNodeType (reader);
      const char *tag;
      gboolean empty;

      if (type != XML_READER_TYPE_ELEMENT && type != XML_READER_TYPE_END_ELEMENT)
        {
          if (in_cell && state.in_value &&
              (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
               type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE))
            {
              const char *text = (const char *) xmlTextReaderConstValue (reader);

              if (state.type == CELL_INLINE || state.type == CELL_STRING)
                append_unescaped (value, text);
              else
                g_string_append (value, text);
              if (value->len > MP_IMPORT_MAX_TEXT / 4)
                {
                  fail_too_large (x);
                  break;
                }
            }
          continue;
        }

      tag = (const char *) xmlTextReaderConstLocalName (reader);
      empty = type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement (reader);

      if (strcmp (tag, "c") == 0)
        {
          if (type == XML_READER_TYPE_ELEMENT && in_row)
            {
              if (!start_cell (&state, reader))
                break;
              in_cell = !empty;
            }
          else if (type == XML_READER_TYPE_END_ELEMENT && in_cell)
            {
              in_cell = FALSE;
              if (!finish_cell (&state))
                break;
            }
        }
      else if (in_cell && (strcmp (tag, "v") == 0 ||
                           (state.type == CELL_INLINE && strcmp (tag, "t") == 0)))
        state.in_value = type == XML_READER_TYPE_ELEMENT && !empty;
      else if (strcmp (tag, "row") == 0)
        {
          if (type == XML_READER_TYPE_ELEMENT)
            {
              if (!start_row (&state, reader))
                break;
              in_row = !empty;
            }
          else
            {
              _mp_import_table_end_row (table);
              in_row = FALSE;
            }
        }
    }

  if (x->error == NULL && state.row > 0 && in_row)
    fail_damaged (x, "a row that never ends");
  xmlFreeTextReader (reader);
  part_close (&part);
  return x->error == NULL;
}

gboolean
_mp_xlsx_read (GBytes         *contents,
               const char     *sheet,
               MpImportTable  *table,
               GPtrArray      *sheets,
               char          **out_sheet,
               GCancellable   *cancellable,
               GError        **error)
{
  g_autoptr(GArray) found = g_array_new (FALSE, TRUE, sizeof (Sheet));
  g_autofree char *strings_part = NULL;
  g_autofree char *styles_part = NULL;
  const Sheet *chosen = NULL;
  Xlsx x = { 0 };
  gboolean ok = FALSE;

  g_array_set_clear_func (found, sheet_clear);
  x.data = g_bytes_get_data (contents, &x.len);
  x.cancellable = cancellable;
  x.budget = MIN (MAX (limits.min_inflate, (guint64) x.len * INFLATE_RATIO), MAX_INFLATE);
  x.date_styles = g_array_new (FALSE, TRUE, sizeof (gboolean));
  x.strings = g_array_new (FALSE, FALSE, sizeof (guint32));

  _mp_import_table_init (table, 64 * 1024);

  if (!read_workbook (&x, found, &strings_part, &styles_part))
    goto out;

  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (sheets, g_strdup (g_array_index (found, Sheet, i).name));

  if (sheet == NULL)
    chosen = &g_array_index (found, Sheet, 0);
  else
    {
      g_autofree char *wanted = g_utf8_casefold (sheet, -1);

      for (guint i = 0; i < found->len && chosen == NULL; i++)
        if (strcmp (g_array_index (found, Sheet, i).name, sheet) == 0)
          chosen = &g_array_index (found, Sheet, i);
      for (guint i = 0; i < found->len && chosen == NULL; i++)
        {
          g_autofree char *name = g_utf8_casefold (g_array_index (found, Sheet, i).name, -1);

          if (strcmp (name, wanted) == 0)
            chosen = &g_array_index (found, Sheet, i);
        }
      if (chosen == NULL)
        {
          g_autoptr(GString) names = g_string_new (NULL);

          for (guint i = 0; i < found->len; i++)
            g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "",
                                    g_array_index (found, Sheet, i).name);
          g_set_error (&x.error, MP_ERROR, MP_ERROR_INVALID,
                       _("The workbook has no sheet called “%s”. Its sheets are: %s."),
                       sheet, names->str);
          goto out;
        }
    }

  if (!read_styles (&x, styles_part) || !read_shared_strings (&x, strings_part))
    goto out;
  if (!read_sheet (&x, chosen->path, table))
    goto out;

  *out_sheet = g_strdup (chosen->name);
  ok = TRUE;

out:
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&x.error));
  g_clear_error (&x.error);
  g_array_unref (x.date_styles);
  g_array_unref (x.strings);
  g_free (x.pool);
  return ok;
}
