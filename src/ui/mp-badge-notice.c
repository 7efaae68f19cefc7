#define G_LOG_DOMAIN "mp-badge-notice"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-badge-notice.h"
#include "mp-badge-print.h"

struct _MpBadgeNotice
{
  GtkWidget      parent_instance;

  GCancellable  *cancellable;
  char          *state;

  /* Template widgets */
  GtkRevealer   *revealer;
  GtkWidget     *box;
  GtkImage      *icon;
  GtkLabel      *label;
};

G_DEFINE_FINAL_TYPE (MpBadgeNotice, mp_badge_notice, GTK_TYPE_WIDGET)

static void
mp_badge_notice_set_state (MpBadgeNotice *self,
                           char          *state)
{
  g_free (self->state);
  self->state = state;
}

static void
mp_badge_notice_printed_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(MpBadgeNotice) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = mp_badge_printer_print_finish (MP_BADGE_PRINTER (source), result, &error);
  g_autofree char *notice = NULL;

  /* The desk went away meanwhile. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->label == NULL)
    return;

  if (where == NULL)
    {
      mp_badge_notice_set_state (self, g_strdup_printf ("failed: %s", error->message));
      /* Translators: a notice at the desk; the check-in itself is saved */
      notice = g_strdup_printf (_("Badge not printed: %s"), error->message);
      gtk_image_set_from_icon_name (self->icon, "printer-error-symbolic");
      gtk_widget_add_css_class (self->box, "failed");
    }
  else
    {
      mp_badge_notice_set_state (self, g_strdup ("printed"));
      /* Translators: a notice at the desk: where the badge went */
      notice = g_strdup_printf (_("Badge printed: %s"), where);
      gtk_image_set_from_icon_name (self->icon, "printer-symbolic");
      gtk_widget_remove_css_class (self->box, "failed");
    }
  gtk_label_set_label (self->label, notice);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

void
mp_badge_notice_print (MpBadgeNotice *self,
                       GSettings     *settings,
                       MpEvent       *event,
                       MpAttendee    *attendee)
{
  g_autoptr(MpBadgePrinter) printer = NULL;
  g_autofree char *printer_name = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *layout_name = NULL;
  MpTicketLayout layout = MP_TICKET_LAYOUT_BADGE_LABEL;

  g_return_if_fail (MP_IS_BADGE_NOTICE (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));
  g_return_if_fail (MP_IS_EVENT (event));
  g_return_if_fail (MP_IS_ATTENDEE (attendee));

  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  if (settings == NULL || !g_settings_get_boolean (settings, "print-badges"))
    {
      mp_badge_notice_set_state (self, g_strdup ("off"));
      return;
    }

  printer_name = g_settings_get_string (settings, "badge-printer");
  folder = g_settings_get_string (settings, "badge-folder");
  layout_name = g_settings_get_string (settings, "badge-layout");
  if (!mp_ticket_layout_from_string (layout_name, &layout))
    layout = MP_TICKET_LAYOUT_BADGE_LABEL;

  mp_badge_notice_set_state (self, g_strdup ("printing"));
  printer = mp_badge_printer_new (printer_name, folder, layout);
  mp_badge_printer_print_async (printer, event, attendee, self->cancellable,
                                mp_badge_notice_printed_cb, g_object_ref (self));
}

void
mp_badge_notice_hide (MpBadgeNotice *self)
{
  g_return_if_fail (MP_IS_BADGE_NOTICE (self));

  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

const char *
mp_badge_notice_get_state (MpBadgeNotice *self)
{
  g_return_val_if_fail (MP_IS_BADGE_NOTICE (self), NULL);

  return self->state;
}

static void
mp_badge_notice_dispose (GObject *object)
{
  MpBadgeNotice *self = (MpBadgeNotice *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_BADGE_NOTICE);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mp_badge_notice_parent_class)->dispose (object);
}

static void
mp_badge_notice_finalize (GObject *object)
{
  MpBadgeNotice *self = (MpBadgeNotice *)object;

  g_free (self->state);

  G_OBJECT_CLASS (mp_badge_notice_parent_class)->finalize (object);
}

static void
mp_badge_notice_class_init (MpBadgeNoticeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_badge_notice_dispose;
  object_class->finalize = mp_badge_notice_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-badge-notice.ui");
  gtk_widget_class_bind_template_child (widget_class, MpBadgeNotice, revealer);
  gtk_widget_class_bind_template_child (widget_class, MpBadgeNotice, box);
  gtk_widget_class_bind_template_child (widget_class, MpBadgeNotice, icon);
  gtk_widget_class_bind_template_child (widget_class, MpBadgeNotice, label);
}

static void
mp_badge_notice_init (MpBadgeNotice *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->state = g_strdup ("off");
}
