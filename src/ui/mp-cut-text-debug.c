/* The test hook of mp-cut-text.h: labels and inscriptions that Pango
 * shortened, walked from every shown window. Silent unless asked. */
#define G_LOG_DOMAIN "mp-cut-text"

#include "config.h"

#include "mp-cut-text.h"

gboolean
mp_cut_text_enabled (void)
{
  const char *value = g_getenv ("MP_DEBUG_CUT_TEXT");

  return value != NULL && value[0] != '\0' && g_strcmp0 (value, "0") != 0;
}

static gboolean
allowed (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (gtk_widget_has_css_class (widget, MP_ELLIPSIS_OK))
      return TRUE;
  return FALSE;
}

/* Whether the widget is drawn: shown, mapped, with a size, and not
 * scrolled out of its window (a row far down a list is not looked at). */
static gboolean
on_screen (GtkWidget *widget,
           GtkWidget *window)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) <= 0 ||
      !gtk_widget_compute_bounds (widget, window, &bounds))
    return FALSE;
  return bounds.origin.x < gtk_widget_get_width (window) && bounds.origin.y < gtk_widget_get_height (window) &&
         bounds.origin.x + bounds.size.width > 0 && bounds.origin.y + bounds.size.height > 0;
}

static gboolean
inscription_cut (GtkInscription *inscription)
{
  const char *text = gtk_inscription_get_text (inscription);
  g_autoptr(PangoLayout) layout = NULL;
  int width, height;

  if (text == NULL || text[0] == '\0' ||
      gtk_inscription_get_text_overflow (inscription) == GTK_INSCRIPTION_OVERFLOW_CLIP)
    return FALSE;

  /* one line as wide as the text wants, against the width it has */
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (inscription), text);
  pango_layout_get_pixel_size (layout, &width, &height);
  if (gtk_inscription_get_min_lines (inscription) > 1 || gtk_inscription_get_nat_lines (inscription) > 1)
    {
      pango_layout_set_width (layout, gtk_widget_get_width (GTK_WIDGET (inscription)) * PANGO_SCALE);
      pango_layout_set_wrap (layout, gtk_inscription_get_wrap_mode (inscription));
      pango_layout_get_pixel_size (layout, &width, &height);
      return height > gtk_widget_get_height (GTK_WIDGET (inscription)) + 1;
    }
  return width > gtk_widget_get_width (GTK_WIDGET (inscription)) + 1;
}

static void
describe_tree (GtkWidget  *widget,
               GtkWidget  *window,
               const char *window_name,
               GString    *state)
{
  const char *text = NULL;
  gboolean cut = FALSE;

  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;

  if (GTK_IS_LABEL (widget) && on_screen (widget, window))
    {
      text = gtk_label_get_text (GTK_LABEL (widget));
      cut = text[0] != '\0' && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget)));
    }
  else if (GTK_IS_INSCRIPTION (widget) && on_screen (widget, window))
    {
      text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
      cut = inscription_cut (GTK_INSCRIPTION (widget));
    }

  if (cut && !allowed (widget))
    {
      g_autofree char *one_line = g_strdelimit (g_strdup (text), "\n\r", ' ');

      g_string_append_printf (state, "cut=%s|%s\n", window_name, one_line);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    describe_tree (child, window, window_name, state);
}

void
mp_cut_text_describe (GString *state)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    {
      GtkWidget *window = l->data;
      const char *name;

      if (!gtk_widget_get_mapped (window))
        continue;
      name = gtk_window_get_title (GTK_WINDOW (window));
      describe_tree (window, window, name != NULL ? name : G_OBJECT_TYPE_NAME (window), state);
    }
}
