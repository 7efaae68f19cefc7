/* What the kiosk shows, for MP_DEBUG_STATE: the page, the event, the
 * answer or the form, and where its buttons are, so that a test touches
 * them like a finger. */
#define G_LOG_DOMAIN "mp-kiosk-view"

#include "config.h"

#include "mp-kiosk-view-private.h"

/* Where a button's centre is in the window, for a test to touch it. */
void
_mp_kiosk_view_describe_button (GString    *state,
                                const char *name,
                                GtkWidget  *button)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (button));
  graphene_point_t centre = GRAPHENE_POINT_INIT (gtk_widget_get_width (button) / 2.0f,
                                                 gtk_widget_get_height (button) / 2.0f);
  graphene_point_t in_root;

  double surface_x = 0, surface_y = 0;

  if (root == NULL || !gtk_widget_get_mapped (button) || gtk_widget_get_width (button) == 0
      || !gtk_widget_compute_point (button, root, &centre, &in_root))
    return;
  /* From the window's widget to its X window (client-side shadows). */
  gtk_native_get_surface_transform (GTK_NATIVE (root), &surface_x, &surface_y);
  g_string_append_printf (state, "button=%s %d %d\n", name,
                          (int) (in_root.x + surface_x), (int) (in_root.y + surface_y));
}

void
mp_kiosk_view_describe (MpKioskView *self,
                        GString     *state)
{
  const char *page = mp_kiosk_view_get_page (self);

  for (GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->language_box));
       button != NULL; button = gtk_widget_get_next_sibling (button))
    {
      _mp_kiosk_view_describe_button (state, g_object_get_data (G_OBJECT (button), "mp-language"), button);
      /* the language marked as chosen: its check shown, the button on */
      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button))
          && gtk_widget_get_visible (g_object_get_data (G_OBJECT (button), "mp-check")))
        g_string_append_printf (state, "language-marked=%s\n",
                                (char *) g_object_get_data (G_OBJECT (button), "mp-language"));
    }
  _mp_kiosk_view_describe_button (state, "scan", self->scan_button);
  _mp_kiosk_view_describe_button (state, "walk-in", self->walk_in_button);
  _mp_kiosk_view_describe_button (state, "register", mp_walk_in_form_get_register_button (self->walk_in_form));
  _mp_kiosk_view_describe_button (state, "done", self->done_button);

  g_string_append_printf (state, "kiosk-page=%s\n", page);
  g_string_append_printf (state, "title=%s\n", gtk_label_get_text (self->title_label));
  {
    g_auto(GStrv) lines = g_strsplit (gtk_label_get_text (self->when_label), "\n", -1);

    g_string_append_printf (state, "when=%s\n", lines[0]);
    if (lines[0] != NULL && lines[1] != NULL)
      g_string_append_printf (state, "venue=%s\n", lines[1]);
  }
  if (g_strcmp0 (page, "result") == 0)
    {
      g_string_append_printf (state, "result=%s\n", mp_check_in_answer_get_kind (self->answer));
      g_string_append_printf (state, "result-title=%s\n", mp_check_in_answer_get_title (self->answer));
      g_string_append_printf (state, "result-detail=%s\n", mp_check_in_answer_get_detail (self->answer));
      g_string_append_printf (state, "result-size=%s\n", mp_check_in_answer_get_size_class (self->answer));
      g_string_append_printf (state, "result-advice=%s\n", mp_check_in_answer_get_advice (self->answer));
    }
  else if (g_strcmp0 (page, "walk-in") == 0)
    {
      g_string_append_printf (state, "walk-in-name=%s\n", mp_walk_in_form_get_name (self->walk_in_form));
      if (mp_walk_in_form_get_error (self->walk_in_form) != NULL)
        g_string_append_printf (state, "walk-in-error=%s\n", mp_walk_in_form_get_error (self->walk_in_form));
    }
  else if (g_strcmp0 (page, "pin") == 0)
    {
      g_string_append_printf (state, "pin-message=%s\n", gtk_label_get_text (self->pin_message));
      g_string_append_printf (state, "pin-locked=%s\n",
                              gtk_widget_get_sensitive (self->pin_entry) ? "no" : "yes");
    }
}
