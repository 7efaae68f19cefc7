/* mp-qr.h: a QR code, ready to draw with cairo
 *
 * Encoded with libqrencode at error correction level M, in the smallest
 * version that holds the text. A ticket text ("MP1" + 26 base32
 * characters) is all capitals and digits, so it is encoded in
 * alphanumeric mode and fits version 2 (25 × 25 modules).
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* The light margin a scanner needs around the symbol, in modules. */
#define MP_QR_QUIET_ZONE 4

typedef struct _MpQrCode MpQrCode;

MpQrCode *mp_qr_code_new          (const char  *text,
                                   GError     **error);
void      mp_qr_code_free         (MpQrCode    *self);

/* The QR version, 1 to 40. */
guint     mp_qr_code_get_version  (MpQrCode    *self);
/* Modules along one side of the symbol, without the quiet zone. */
guint     mp_qr_code_get_modules  (MpQrCode    *self);
/* Whether the module at column @x, row @y is dark. */
gboolean  mp_qr_code_get_module   (MpQrCode    *self,
                                   guint        x,
                                   guint        y);

/* Draws the code into the square at (@x, @y) with sides of @size user
 * units. The square includes the quiet zone and is filled white; the
 * symbol itself is (@size × modules / (modules + 2 × MP_QR_QUIET_ZONE))
 * wide. Keeps the cairo_t's source; clears its path, as a fill does. */
void      mp_qr_code_draw         (MpQrCode    *self,
                                   cairo_t     *cr,
                                   double       x,
                                   double       y,
                                   double       size);

/* Draws the same as mp_qr_code_draw(), but the symbol as one 1-bit
 * image mask scaled without smoothing: in a PDF an /ImageMask with
 * /Interpolate false, which printers and viewers draw with sharp
 * module edges. About seven times cheaper for cairo to write than the
 * rectangles, whose every corner is a number printed into the PDF. */
void      mp_qr_code_draw_mask    (MpQrCode    *self,
                                   cairo_t     *cr,
                                   double       x,
                                   double       y,
                                   double       size);

/* The side of the square mp_qr_code_draw() needs for a symbol (without
 * quiet zone) of @symbol_size. */
double    mp_qr_code_get_size_for_symbol (MpQrCode *self,
                                          double    symbol_size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpQrCode, mp_qr_code_free)

G_END_DECLS
