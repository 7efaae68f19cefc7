/* mp-ticket-organiser.c: the organiser's name and logo on tickets
 *
 * SVG through librsvg (Debian 12's librsvg2-dev, 2.54): vector in the
 * PDF, sharp at any size. PNG through cairo itself. The file is read
 * whole once (at most MP_TICKET_LOGO_MAX_BYTES), and a PNG's size is
 * read from its header before cairo decodes it, so a picture of
 * 50,000 × 50,000 pixels is refused instead of filling the memory.
 */
#define G_LOG_DOMAIN "mp-ticket-organiser"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <librsvg/rsvg.h>
#include <string.h>

#include "mp-error.h"
#include "mp-text.h"
#include "mp-ticket-organiser.h"

struct _MpTicketOrganiser
{
  GObject          parent_instance;

  char            *name;
  RsvgHandle      *svg;
  cairo_surface_t *png;
  double           aspect;
  GMutex           lock;      /* librsvg's handle is drawn by one thread at a time */
};

G_DEFINE_FINAL_TYPE (MpTicketOrganiser, mp_ticket_organiser, G_TYPE_OBJECT)

static void
mp_ticket_organiser_finalize (GObject *object)
{
  MpTicketOrganiser *self = (MpTicketOrganiser *)object;

  g_free (self->name);
  g_clear_object (&self->svg);
  g_clear_pointer (&self->png, cairo_surface_destroy);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (mp_ticket_organiser_parent_class)->finalize (object);
}

static void
mp_ticket_organiser_class_init (MpTicketOrganiserClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_ticket_organiser_finalize;
}

static void
mp_ticket_organiser_init (MpTicketOrganiser *self)
{
  g_mutex_init (&self->lock);
  self->name = g_strdup ("");
  self->aspect = 1;
}

static gboolean
logo_error (GError     **error,
            const char  *path,
            const char  *why)
{
  g_autofree char *display = g_filename_display_basename (path);

  /* Translators: the first %s is a file name, the second why it cannot be used */
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID, _("The logo “%s” cannot be used: %s"), display, why);
  return FALSE;
}

typedef struct
{
  const guchar *data;
  gsize         length;
  gsize         offset;
} PngReader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *out,
          unsigned int   length)
{
  PngReader *reader = closure;

  if (reader->length - reader->offset < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (out, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
load_png (MpTicketOrganiser  *self,
          const char         *path,
          GBytes             *bytes,
          GError            **error)
{
  gsize length;
  const guchar *data = g_bytes_get_data (bytes, &length);
  PngReader reader = { data, length, 0 };
  guint32 width, height;

  /* signature, then the IHDR chunk: its width and height */
  if (length < 24 || memcmp (data + 12, "IHDR", 4) != 0)
    return logo_error (error, path, _("it is not a PNG or SVG picture."));
  width = (guint32) data[16] << 24 | (guint32) data[17] << 16 | (guint32) data[18] << 8 | data[19];
  height = (guint32) data[20] << 24 | (guint32) data[21] << 16 | (guint32) data[22] << 8 | data[23];
  if (width == 0 || height == 0 || width > MP_TICKET_LOGO_MAX_PIXELS || height > MP_TICKET_LOGO_MAX_PIXELS)
    return logo_error (error, path, _("the picture is too large; a logo of at most 6000 × 6000 pixels is plenty."));

  self->png = cairo_image_surface_create_from_png_stream (read_png, &reader);
  if (cairo_surface_status (self->png) != CAIRO_STATUS_SUCCESS)
    {
      g_clear_pointer (&self->png, cairo_surface_destroy);
      return logo_error (error, path, _("the PNG picture is damaged."));
    }
  self->aspect = (double) cairo_image_surface_get_width (self->png) / cairo_image_surface_get_height (self->png);
  return TRUE;
}

static gboolean
load_svg (MpTicketOrganiser  *self,
          const char         *path,
          GBytes             *bytes,
          GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  double width = 0, height = 0;

  self->svg = rsvg_handle_new_from_data (data, length, &local_error);
  if (self->svg == NULL)
    return logo_error (error, path, _("it is not a PNG or SVG picture."));

  if (!rsvg_handle_get_intrinsic_size_in_pixels (self->svg, &width, &height))
    {
      gboolean has_width, has_height, has_viewbox;
      RsvgLength w, h;
      RsvgRectangle viewbox;

      rsvg_handle_get_intrinsic_dimensions (self->svg, &has_width, &w, &has_height, &h, &has_viewbox, &viewbox);
      if (has_viewbox)
        {
          width = viewbox.width;
          height = viewbox.height;
        }
    }
  if (width > 0 && height > 0)
    self->aspect = CLAMP (width / height, 0.05, 20);
  return TRUE;
}

static gboolean
load_logo (MpTicketOrganiser  *self,
           const char         *path,
           GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &local_error);
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length;

  if (file == NULL)
    return logo_error (error, path, local_error->message);
  length = g_mapped_file_get_length (file);
  if (length > MP_TICKET_LOGO_MAX_BYTES)
    return logo_error (error, path, _("the file is larger than 8 MB."));
  bytes = g_mapped_file_get_bytes (file);
  data = g_bytes_get_data (bytes, NULL);

  if (length >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return load_png (self, path, bytes, error);
  return load_svg (self, path, bytes, error);
}

MpTicketOrganiser *
mp_ticket_organiser_new (const char  *name,
                         const char  *logo_path,
                         GError     **error)
{
  g_autoptr(MpTicketOrganiser) self = g_object_new (MP_TYPE_TICKET_ORGANISER, NULL);

  if (name != NULL && name[0] != '\0')
    {
      g_autofree char *clean = mp_text_clean_field (name, MP_TEXT_FIELD_ORGANISATION, error);

      if (clean == NULL)
        return NULL;
      g_free (self->name);
      self->name = g_steal_pointer (&clean);
    }

  if (logo_path != NULL && logo_path[0] != '\0' && !load_logo (self, logo_path, error))
    return NULL;

  return g_steal_pointer (&self);
}

MpTicketOrganiser *
mp_ticket_organiser_new_default (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *logo = NULL;
  MpTicketOrganiser *self;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "organiser-name")
      || !g_settings_schema_has_key (schema, "organiser-logo"))
    return NULL;

  settings = g_settings_new_full (schema, NULL, NULL);
  name = g_settings_get_string (settings, "organiser-name");
  logo = g_settings_get_string (settings, "organiser-logo");
  g_strstrip (name);
  if (name[0] == '\0' && logo[0] == '\0')
    return NULL;

  self = mp_ticket_organiser_new (name, logo, &error);
  if (self == NULL)
    {
      /* said when it was chosen; the name is still worth printing */
      g_debug ("%s", error->message);
      g_clear_error (&error);
      self = mp_ticket_organiser_new (name, NULL, &error);
      if (self == NULL)
        g_debug ("%s", error->message);
    }
  return self;
}

const char *
mp_ticket_organiser_get_name (MpTicketOrganiser *self)
{
  g_return_val_if_fail (MP_IS_TICKET_ORGANISER (self), "");
  return self->name;
}

gboolean
mp_ticket_organiser_has_logo (MpTicketOrganiser *self)
{
  g_return_val_if_fail (MP_IS_TICKET_ORGANISER (self), FALSE);
  return self->svg != NULL || self->png != NULL;
}

double
mp_ticket_organiser_get_logo_aspect (MpTicketOrganiser *self)
{
  g_return_val_if_fail (MP_IS_TICKET_ORGANISER (self), 1);
  return self->aspect;
}

double
mp_ticket_organiser_draw_logo (MpTicketOrganiser *self,
                               cairo_t           *cr,
                               double             x,
                               double             y,
                               double             width,
                               double             height)
{
  double w, h;

  g_return_val_if_fail (MP_IS_TICKET_ORGANISER (self), 0);

  if (!mp_ticket_organiser_has_logo (self) || width <= 0 || height <= 0)
    return 0;

  w = MIN (width, height * self->aspect);
  h = w / self->aspect;
  y += (height - h) / 2;

  cairo_save (cr);
  if (self->svg != NULL)
    {
      RsvgRectangle viewport = { x, y, w, h };

      g_mutex_lock (&self->lock);
      if (!rsvg_handle_render_document (self->svg, cr, &viewport, NULL))
        g_debug ("The logo could not be drawn");
      g_mutex_unlock (&self->lock);
    }
  else
    {
      cairo_translate (cr, x, y);
      cairo_scale (cr, w / cairo_image_surface_get_width (self->png), h / cairo_image_surface_get_height (self->png));
      cairo_set_source_surface (cr, self->png, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
      cairo_paint (cr);
    }
  cairo_restore (cr);

  return w;
}
