#define G_LOG_DOMAIN "mp-toast"

#include "config.h"

#include "mp-toast.h"

AdwToastOverlay *
mp_toast_find_overlay (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  return ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY));
}

gboolean
mp_toast_add (GtkWidget *widget,
              AdwToast  *toast)
{
  AdwToastOverlay *overlay;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (ADW_IS_TOAST (toast), FALSE);

  overlay = mp_toast_find_overlay (widget);
  if (overlay == NULL)
    {
      g_debug ("No window to show “%s” in", adw_toast_get_title (toast));
      g_object_unref (toast);
      return FALSE;
    }
  adw_toast_overlay_add_toast (overlay, toast);
  return TRUE;
}

void
mp_toast_add_error (GtkWidget    *widget,
                    const GError *error)
{
  AdwToast *toast;

  g_return_if_fail (error != NULL);

  toast = adw_toast_new (error->message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  mp_toast_add (widget, toast);
}
