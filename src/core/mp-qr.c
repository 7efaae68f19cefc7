#define G_LOG_DOMAIN "mp-qr"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <qrencode.h>
#include <string.h>

#include "mp-error.h"
#include "mp-qr.h"

/* A rectangle of dark modules, in module units. */
typedef struct
{
  guint8 x;
  guint8 y;
  guint8 width;
  guint8 height;
} QrRect;

struct _MpQrCode
{
  guint    version;
  guint    modules;
  guint8  *dark;    /* modules × modules, 1 where dark */
  GArray  *rects;   /* of QrRect, covering every dark module once */
  cairo_surface_t *mask;  /* A1, one pixel a module; made when first drawn */
};

/* Merges the dark modules into few rectangles, so that a PDF path holds
 * about a hundred "re" instead of several hundred: first runs along each
 * row, then runs of the same columns on following rows. */
static void
build_rects (MpQrCode *self)
{
  guint n = self->modules;
  g_autofree guint8 *used = g_malloc0 (n * n);

  self->rects = g_array_new (FALSE, FALSE, sizeof (QrRect));

  for (guint y = 0; y < n; y++)
    {
      guint x = 0;

      while (x < n)
        {
          QrRect rect;
          guint end;

          if (!self->dark[y * n + x] || used[y * n + x])
            {
              x++;
              continue;
            }

          end = x;
          while (end < n && self->dark[y * n + end] && !used[y * n + end])
            end++;

          rect.x = x;
          rect.y = y;
          rect.width = end - x;
          rect.height = 1;

          /* Extend down while the next row has exactly this run. */
          for (guint below = y + 1; below < n; below++)
            {
              const guint8 *row = self->dark + below * n;
              gboolean same = (x == 0 || !row[x - 1]) && (end == n || !row[end]);

              for (guint i = x; same && i < end; i++)
                same = row[i] && !used[below * n + i];
              if (!same)
                break;
              memset (used + below * n + x, 1, end - x);
              rect.height++;
            }

          memset (used + y * n + x, 1, end - x);
          g_array_append_val (self->rects, rect);
          x = end;
        }
    }
}

MpQrCode *
mp_qr_code_new (const char  *text,
                GError     **error)
{
  g_autoptr(MpQrCode) self = NULL;
  QRcode *code;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*text == '\0')
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                           _("There is nothing to put in the QR code"));
      return NULL;
    }

  /* With case sensitivity on, libqrencode splits the text into the
   * densest modes itself (alphanumeric for a ticket); QR_MODE_8 is only
   * the hint for what it cannot encode otherwise. */
  errno = 0;
  code = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == NULL)
    {
      if (errno == ERANGE)
        g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                             _("The text is too long for a QR code"));
      else
        g_set_error (error, MP_ERROR, MP_ERROR_FAILED,
                     _("Could not make a QR code: %s"), g_strerror (errno));
      return NULL;
    }

  self = g_new0 (MpQrCode, 1);
  self->version = code->version;
  self->modules = code->width;
  self->dark = g_malloc (self->modules * self->modules);
  /* libqrencode: bit 0 of each byte is the module's colour */
  for (guint i = 0; i < self->modules * self->modules; i++)
    self->dark[i] = code->data[i] & 1;
  QRcode_free (code);

  build_rects (self);

  return g_steal_pointer (&self);
}

void
mp_qr_code_free (MpQrCode *self)
{
  if (self == NULL)
    return;

  g_free (self->dark);
  g_clear_pointer (&self->mask, cairo_surface_destroy);
  if (self->rects != NULL)
    g_array_unref (self->rects);
  g_free (self);
}

guint
mp_qr_code_get_version (MpQrCode *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->version;
}

guint
mp_qr_code_get_modules (MpQrCode *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->modules;
}

gboolean
mp_qr_code_get_module (MpQrCode *self,
                       guint     x,
                       guint     y)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (x >= self->modules || y >= self->modules)
    return FALSE;

  return self->dark[y * self->modules + x] != 0;
}

double
mp_qr_code_get_size_for_symbol (MpQrCode *self,
                                double    symbol_size)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return symbol_size * (self->modules + 2 * MP_QR_QUIET_ZONE) / self->modules;
}

void
mp_qr_code_draw (MpQrCode *self,
                 cairo_t  *cr,
                 double    x,
                 double    y,
                 double    size)
{
  double module;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  module = size / (self->modules + 2 * MP_QR_QUIET_ZONE);

  cairo_save (cr);
  cairo_new_path (cr);

  cairo_rectangle (cr, x, y, size, size);
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_fill (cr);

  /* One path, filled once: no hairline seams between rectangles when
   * rasterised with antialiasing. */
  x += MP_QR_QUIET_ZONE * module;
  y += MP_QR_QUIET_ZONE * module;
  for (guint i = 0; i < self->rects->len; i++)
    {
      const QrRect *r = &g_array_index (self->rects, QrRect, i);

      cairo_rectangle (cr,
                       x + r->x * module, y + r->y * module,
                       r->width * module, r->height * module);
    }
  cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
  cairo_fill (cr);

  cairo_restore (cr);
}

static cairo_surface_t *
get_mask (MpQrCode *self)
{
  guint8 *data;
  int stride;

  if (self->mask != NULL)
    return self->mask;

  /* A fresh surface per code: a PDF surface knows sources by their
   * unique id, so one surface reused for several codes would print the
   * first code everywhere. */
  self->mask = cairo_image_surface_create (CAIRO_FORMAT_A1, self->modules, self->modules);
  if (cairo_surface_status (self->mask) != CAIRO_STATUS_SUCCESS)
    return self->mask;

  cairo_surface_flush (self->mask);
  data = cairo_image_surface_get_data (self->mask);
  stride = cairo_image_surface_get_stride (self->mask);
  for (guint y = 0; y < self->modules; y++)
    {
      guint32 *row = (guint32 *) (data + y * stride);

      for (guint x = 0; x < self->modules; x++)
        {
          if (!self->dark[y * self->modules + x])
            continue;
          /* A1 packs pixels into 32-bit words in the machine's order */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
          row[x / 32] |= 1u << (x % 32);
#else
          row[x / 32] |= 0x80000000u >> (x % 32);
#endif
        }
    }
  cairo_surface_mark_dirty (self->mask);

  return self->mask;
}

void
mp_qr_code_draw_mask (MpQrCode *self,
                      cairo_t  *cr,
                      double    x,
                      double    y,
                      double    size)
{
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;
  double module;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  module = size / (self->modules + 2 * MP_QR_QUIET_ZONE);

  cairo_save (cr);
  cairo_new_path (cr);

  cairo_rectangle (cr, x, y, size, size);
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_fill (cr);

  pattern = cairo_pattern_create_for_surface (get_mask (self));
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_NONE);
  /* pattern space is module units, with the symbol's corner at 0,0 */
  cairo_matrix_init_scale (&matrix, 1 / module, 1 / module);
  cairo_matrix_translate (&matrix,
                          -(x + MP_QR_QUIET_ZONE * module),
                          -(y + MP_QR_QUIET_ZONE * module));
  cairo_pattern_set_matrix (pattern, &matrix);

  cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
  cairo_mask (cr, pattern);
  cairo_pattern_destroy (pattern);

  cairo_restore (cr);
}
