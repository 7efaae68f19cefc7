/* mp-xlsx-reader.c: an Excel workbook's package, up to its sheet
 *
 * An .xlsx file is a zip of XML parts (ECMA-376, Office Open XML). The
 * zip is read with libarchive and each part is parsed by libxml2's SAX2
 * parser straight from libarchive's inflated stream, so a part is never
 * held whole in memory, as text or as a tree. This file reads the
 * package (relationships, the workbook and its sheets, the date system,
 * cell styles, shared strings: the text of the cells, each string once,
 * kept in one pool with a bound); mp-xlsx-sheet.c reads the sheet's
 * cells into the import's table, as a CSV file's are.
 *
 * What is not a workbook is explained: an encrypted workbook is an OLE
 * compound file (MS-OFFCRYPTO), not a zip; so is an old .xls. A zip
 * that inflates to far more than a list of participants can be (a zip
 * bomb) is refused before it fills memory or the disk; so is a part
 * with a DTD (entity expansion is a classic bomb).
 */
#define G_LOG_DOMAIN "mp-xlsx"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mp-error.h"
#include "mp-xlsx-private.h"

/* The parts besides the sheet (workbook, relationships, styles) are small. */
#define MAX_SMALL_PART (16u * 1024 * 1024)
#define MIN_INFLATE   (64u * 1024 * 1024)
#define INFLATE_RATIO 100
#define MAX_INFLATE   (G_GUINT64_CONSTANT (4) * 1024 * 1024 * 1024)
/* How much inflated XML is handed to the parser at a time. */
#define CHUNK         (256u * 1024)

static struct {
  gsize   shared_bytes;
  guint   shared_strings;
  guint64 min_inflate;
} limits = {
  128u * 1024 * 1024,
  8u * 1024 * 1024,
  MIN_INFLATE,
};

typedef struct
{
  MpXlsx         *x;
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

gboolean
_mp_xlsx_fail (MpXlsx     *x,
               int         code,
               const char *message)
{
  if (x->error == NULL)
    g_set_error_literal (&x->error, MP_ERROR, code, message);
  if (x->parser != NULL)
    xmlStopParser (x->parser);
  return FALSE;
}

gboolean
_mp_xlsx_fail_damaged (MpXlsx     *x,
                       const char *detail)
{
  if (detail != NULL)
    g_debug ("damaged workbook: %s", detail);
  return _mp_xlsx_fail (x, MP_ERROR_INVALID,
                        _("This Excel workbook is damaged and cannot be read. Open it in Excel or "
                          "LibreOffice, save it again and import that file."));
}

static gboolean
fail_password (MpXlsx *x)
{
  return _mp_xlsx_fail (x, MP_ERROR_INVALID,
                        _("This workbook is protected with a password, so Møteplass cannot read it. "
                          "Open it in Excel, remove the password (File → Info → Protect Workbook), "
                          "save it and import it again."));
}

gboolean
_mp_xlsx_fail_too_large (MpXlsx *x)
{
  return _mp_xlsx_fail (x, MP_ERROR_INVALID,
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
part_open (MpXlsx     *x,
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
      _mp_xlsx_fail_damaged (x, archive_error_string (part->archive));
      part_close (part);
      return FALSE;
    }

  while ((r = archive_read_next_header (part->archive, &entry)) != ARCHIVE_EOF)
    {
      if (r < ARCHIVE_WARN)
        {
          _mp_xlsx_fail_damaged (x, archive_error_string (part->archive));
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

/* Up to @len inflated bytes of the part; 0 at its end, -1 on an error
 * (x->error), also when it is cancelled or inflates past its bounds. */
static int
part_read (Part *part,
           char *buffer,
           int   len)
{
  MpXlsx *x = part->x;
  la_ssize_t n;

  if (x->error != NULL)
    return -1;
  if (g_cancellable_is_cancelled (x->cancellable))
    {
      _mp_xlsx_fail (x, MP_ERROR_CANCELLED, _("The import was stopped. Nothing was imported."));
      return -1;
    }

  n = archive_read_data (part->archive, buffer, len);
  if (n < 0)
    {
      if (archive_read_has_encrypted_entries (part->archive) > 0)
        fail_password (x);
      else
        _mp_xlsx_fail_damaged (x, archive_error_string (part->archive));
      return -1;
    }

  part->read += n;
  x->inflated += n;
  if (part->read > part->max || x->inflated > x->budget)
    {
      g_autofree char *size = g_format_size (part->read > part->max ? part->max : x->budget);
      g_autofree char *message = g_strdup_printf (_("This workbook unpacks to far more than its size "
                                                    "(more than %s), which no list of participants "
                                                    "does. It may be damaged or made to do harm, so "
                                                    "it was not read."), size);

      _mp_xlsx_fail (x, MP_ERROR_INVALID, message);
      return -1;
    }
  return n;
}


/* The SAX2 parser over a part */

typedef struct
{
  MpXlsx               *x;
  const MpXlsxHandlers *handlers;
  gpointer              state;
} Parse;

static void
on_start (void           *data,
          const xmlChar  *name,
          const xmlChar  *prefix,
          const xmlChar  *uri,
          int             n_namespaces,
          const xmlChar **namespaces,
          int             n_attributes,
          int             n_defaulted,
          const xmlChar **attributes)
{
  Parse *p = data;

  if (p->handlers->start != NULL)
    p->handlers->start (p->state, (const char *) name, n_attributes, attributes);
}

static void
on_end (void          *data,
        const xmlChar *name,
        const xmlChar *prefix,
        const xmlChar *uri)
{
  Parse *p = data;

  if (p->handlers->end != NULL)
    p->handlers->end (p->state, (const char *) name);
}

static void
on_text (void          *data,
         const xmlChar *text,
         int            len)
{
  Parse *p = data;

  if (p->handlers->text != NULL)
    p->handlers->text (p->state, (const char *) text, len);
}

/* A workbook has no DTD; one with a DTD is refused before any entity
 * is declared. */
static void
on_dtd (void          *data,
        const xmlChar *name,
        const xmlChar *external_id,
        const xmlChar *system_id)
{
  Parse *p = data;

  _mp_xlsx_fail_damaged (p->x, "a DTD in a workbook part");
}

static void
on_xml_error (void        *data,
              xmlErrorPtr  error)
{
  Parse *p = data;

  if (error != NULL && error->level >= XML_ERR_ERROR)
    _mp_xlsx_fail_damaged (p->x, error->message);
}

static gpointer
init_libxml (gpointer data)
{
  xmlInitParser ();
  return NULL;
}

gboolean
_mp_xlsx_parse_part (MpXlsx                *x,
                     const char            *name,
                     guint64                max,
                     gboolean               required,
                     const MpXlsxHandlers  *handlers,
                     gpointer               state,
                     gboolean              *out_found)
{
  static GOnce once = G_ONCE_INIT;
  g_autofree char *buffer = NULL;
  Parse parse = { x, handlers, state };
  xmlSAXHandler sax;
  Part part;
  int n;

  g_once (&once, init_libxml, NULL);

  if (out_found != NULL)
    *out_found = FALSE;
  if (!part_open (x, name, max, &part))
    return required ? _mp_xlsx_fail_damaged (x, name) : x->error == NULL;
  if (out_found != NULL)
    *out_found = TRUE;

  /* Only these callbacks: no tree, no entities but XML's own five, no
   * network. */
  memset (&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start;
  sax.endElementNs = on_end;
  sax.characters = on_text;
  sax.cdataBlock = on_text;
  sax.ignorableWhitespace = on_text;
  sax.internalSubset = on_dtd;
  sax.serror = on_xml_error;

  x->parser = xmlCreatePushParserCtxt (&sax, &parse, NULL, 0, name);
  if (x->parser == NULL)
    {
      part_close (&part);
      return _mp_xlsx_fail_damaged (x, "xmlCreatePushParserCtxt");
    }
  xmlCtxtUseOptions (x->parser, XML_PARSE_NONET);

  /* Pushed, chunk by chunk: an error anywhere stops the parser between
   * two chunks or inside one, never inside its own read. */
  buffer = g_malloc (CHUNK);
  do
    {
      n = part_read (&part, buffer, CHUNK);
      if (n < 0)
        break;
      xmlParseChunk (x->parser, buffer, n, n == 0);
    }
  while (n > 0 && x->error == NULL);

  if (x->error == NULL && !x->parser->wellFormed)
    _mp_xlsx_fail_damaged (x, "not well-formed XML");
  xmlFreeParserCtxt (x->parser);
  x->parser = NULL;
  part_close (&part);
  return x->error == NULL;
}

const char *
_mp_xlsx_attribute (int              n_attributes,
                    const xmlChar  **attributes,
                    const char      *name,
                    char            *buffer,
                    gsize            size)
{
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **a = attributes + 5 * i;

      if (strcmp ((const char *) a[0], name) == 0)
        {
          gsize len = MIN ((gsize) (a[4] - a[3]), size - 1);

          memcpy (buffer, a[3], len);
          buffer[len] = '\0';
          return buffer;
        }
    }
  return NULL;
}

char *
_mp_xlsx_dup_attribute (int              n_attributes,
                        const xmlChar  **attributes,
                        const char      *name)
{
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **a = attributes + 5 * i;

      if (strcmp ((const char *) a[0], name) == 0)
        return g_strndup ((const char *) a[3], a[4] - a[3]);
    }
  return NULL;
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

static void
relationship_start (gpointer        state,
                    const char     *name,
                    int             n,
                    const xmlChar **attributes)
{
  GArray *rels = state;
  Relationship rel;

  if (strcmp (name, "Relationship") != 0)
    return;
  rel.id = _mp_xlsx_dup_attribute (n, attributes, "Id");
  rel.type = _mp_xlsx_dup_attribute (n, attributes, "Type");
  rel.target = _mp_xlsx_dup_attribute (n, attributes, "Target");
  if (rel.id != NULL && rel.type != NULL && rel.target != NULL)
    g_array_append_val (rels, rel);
  else
    relationship_clear (&rel);
}

/* The relationships of a part; an empty array when it has none. */
static GArray *
read_relationships (MpXlsx     *x,
                    const char *name)
{
  static const MpXlsxHandlers handlers = { relationship_start, NULL, NULL };
  GArray *rels = g_array_new (FALSE, TRUE, sizeof (Relationship));

  g_array_set_clear_func (rels, relationship_clear);
  _mp_xlsx_parse_part (x, name, MAX_SMALL_PART, FALSE, &handlers, rels, NULL);
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
fail_not_workbook (MpXlsx *x)
{
  Part part;
  char head[64] = { 0 };

  if (part_open (x, "mimetype", 1024, &part))
    {
      archive_read_data (part.archive, head, sizeof head - 1);
      part_close (&part);
      if (g_str_has_prefix (head, "application/vnd.oasis.opendocument.spreadsheet"))
        return _mp_xlsx_fail (x, MP_ERROR_INVALID,
                              _("This is an OpenDocument spreadsheet (.ods). Save it as an Excel workbook "
                                "(.xlsx) or as “CSV UTF-8” in LibreOffice, then import that file."));
    }
  if (x->error != NULL)
    return FALSE;
  return _mp_xlsx_fail (x, MP_ERROR_INVALID,
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

typedef struct
{
  MpXlsx     *x;
  GArray     *rels;
  const char *dir;
  GArray     *sheets;
  GArray     *hidden;
} WorkbookState;

static void
workbook_start (gpointer        data,
                const char     *name,
                int             n,
                const xmlChar **attributes)
{
  WorkbookState *state = data;

  if (strcmp (name, "workbookPr") == 0)
    {
      char date1904[8];

      if (_mp_xlsx_attribute (n, attributes, "date1904", date1904, sizeof date1904) != NULL)
        state->x->date1904 = strcmp (date1904, "1") == 0 || g_ascii_strcasecmp (date1904, "true") == 0;
    }
  else if (strcmp (name, "sheet") == 0)
    {
      g_autofree char *sheet_name = _mp_xlsx_dup_attribute (n, attributes, "name");
      g_autofree char *id = _mp_xlsx_dup_attribute (n, attributes, "id");
      g_autofree char *visibility = _mp_xlsx_dup_attribute (n, attributes, "state");
      const Relationship *rel = id != NULL ? find_relationship (state->rels, NULL, id) : NULL;
      Sheet sheet;

      /* Chart sheets and dialog sheets have no cells. */
      if (sheet_name == NULL || rel == NULL || !g_str_has_suffix (rel->type, "/worksheet"))
        return;
      sheet.name = g_steal_pointer (&sheet_name);
      sheet.path = resolve_target (state->dir, rel->target);
      if (visibility != NULL && strcmp (visibility, "visible") != 0)
        g_array_append_val (state->hidden, sheet);
      else
        g_array_append_val (state->sheets, sheet);
    }
}

/* The workbook's worksheets in order (hidden ones after the visible),
 * its date system, and where its shared strings and styles are. */
static gboolean
read_workbook (MpXlsx  *x,
               GArray  *sheets,
               char   **out_strings,
               char   **out_styles)
{
  static const MpXlsxHandlers handlers = { workbook_start, NULL, NULL };
  g_autoptr(GArray) package_rels = NULL;
  g_autoptr(GArray) rels = NULL;
  g_autoptr(GArray) hidden = g_array_new (FALSE, TRUE, sizeof (Sheet));
  g_autofree char *workbook = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *rels_name = NULL;
  const Relationship *rel;
  WorkbookState state;
  gboolean found;

  g_array_set_clear_func (hidden, sheet_clear);

  package_rels = read_relationships (x, "_rels/.rels");
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
  rels = read_relationships (x, rels_name);
  if (x->error != NULL)
    return FALSE;

  state = (WorkbookState) { x, rels, dir, sheets, hidden };
  if (!_mp_xlsx_parse_part (x, workbook, MAX_SMALL_PART, FALSE, &handlers, &state, &found))
    return FALSE;
  if (!found)
    return fail_not_workbook (x);

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
add_shared_string (MpXlsx  *x,
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
      return _mp_xlsx_fail (x, MP_ERROR_INVALID, reason);
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

typedef struct
{
  MpXlsx  *x;
  GString *raw;       /* the string's text as written */
  GString *text;      /* and unescaped */
  gboolean in_t;
  guint    phonetic;
} SharedState;

static void
shared_start (gpointer        data,
              const char     *name,
              int             n,
              const xmlChar **attributes)
{
  SharedState *state = data;

  if (strcmp (name, "si") == 0)
    g_string_truncate (state->raw, 0);
  /* Phonetic guides (Japanese furigana) are not the text. */
  else if (strcmp (name, "rPh") == 0)
    state->phonetic++;
  else if (strcmp (name, "t") == 0)
    state->in_t = TRUE;
}

static void
shared_end (gpointer    data,
            const char *name)
{
  SharedState *state = data;

  if (strcmp (name, "si") == 0)
    {
      g_string_truncate (state->text, 0);
      _mp_xlsx_append_unescaped (state->text, state->raw->str, state->raw->len);
      add_shared_string (state->x, state->text);
    }
  else if (strcmp (name, "rPh") == 0 && state->phonetic > 0)
    state->phonetic--;
  else if (strcmp (name, "t") == 0)
    state->in_t = FALSE;
}

static void
shared_text (gpointer    data,
             const char *text,
             int         len)
{
  SharedState *state = data;

  if (!state->in_t || state->phonetic > 0)
    return;
  g_string_append_len (state->raw, text, len);
  if (state->raw->len > limits.shared_bytes)
    add_shared_string (state->x, state->raw);
}

static gboolean
read_shared_strings (MpXlsx     *x,
                     const char *name)
{
  static const MpXlsxHandlers handlers = { shared_start, shared_end, shared_text };
  g_autoptr(GString) raw = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  SharedState state = { x, raw, text, FALSE, 0 };

  if (name == NULL)
    return TRUE;
  return _mp_xlsx_parse_part (x, name, G_MAXUINT64, FALSE, &handlers, &state, NULL);
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

typedef struct
{
  MpXlsx     *x;
  GHashTable *custom;       /* numFmtId of custom formats that are dates */
  gboolean    in_cell_xfs;
} StylesState;

static void
styles_start (gpointer        data,
              const char     *name,
              int             n,
              const xmlChar **attributes)
{
  StylesState *state = data;
  char id_text[24];

  if (strcmp (name, "numFmt") == 0)
    {
      g_autofree char *code = _mp_xlsx_dup_attribute (n, attributes, "formatCode");

      if (_mp_xlsx_attribute (n, attributes, "numFmtId", id_text, sizeof id_text) != NULL &&
          code != NULL && custom_date_format (code))
        g_hash_table_add (state->custom, GUINT_TO_POINTER ((guint) g_ascii_strtoull (id_text, NULL, 10)));
    }
  else if (strcmp (name, "cellXfs") == 0)
    state->in_cell_xfs = TRUE;
  else if (state->in_cell_xfs && strcmp (name, "xf") == 0)
    {
      guint id = _mp_xlsx_attribute (n, attributes, "numFmtId", id_text, sizeof id_text) != NULL
                 ? (guint) g_ascii_strtoull (id_text, NULL, 10) : 0;
      guint8 date = builtin_date_format (id) || g_hash_table_contains (state->custom, GUINT_TO_POINTER (id));

      if (state->x->date_styles->len < 65536)
        g_byte_array_append (state->x->date_styles, &date, 1);
    }
}

static void
styles_end (gpointer    data,
            const char *name)
{
  StylesState *state = data;

  if (strcmp (name, "cellXfs") == 0)
    state->in_cell_xfs = FALSE;
}

static gboolean
read_styles (MpXlsx     *x,
             const char *name)
{
  static const MpXlsxHandlers handlers = { styles_start, styles_end, NULL };
  g_autoptr(GHashTable) custom = g_hash_table_new (g_direct_hash, g_direct_equal);
  StylesState state = { x, custom, FALSE };

  if (name == NULL)
    return TRUE;
  return _mp_xlsx_parse_part (x, name, MAX_SMALL_PART, FALSE, &handlers, &state, NULL);
}


/* The workbook */

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
  MpXlsx x = { 0 };
  gboolean ok = FALSE;

  g_array_set_clear_func (found, sheet_clear);
  x.data = g_bytes_get_data (contents, &x.len);
  x.cancellable = cancellable;
  x.budget = MIN (MAX (limits.min_inflate, (guint64) x.len * INFLATE_RATIO), MAX_INFLATE);
  x.date_styles = g_byte_array_new ();
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
  if (!_mp_xlsx_read_sheet (&x, chosen->path, table))
    goto out;

  *out_sheet = g_strdup (chosen->name);
  ok = TRUE;

out:
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&x.error));
  g_clear_error (&x.error);
  g_byte_array_unref (x.date_styles);
  g_array_unref (x.strings);
  g_free (x.pool);
  return ok;
}
