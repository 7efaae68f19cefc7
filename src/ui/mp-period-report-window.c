#define G_LOG_DOMAIN "mp-period-report-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-period-report.h"
#include "mp-period-report-window.h"
#include "mp-report-async.h"
#include "mp-report-export-chooser.h"

struct _MpPeriodReportWindow
{
  AdwWindow             parent_instance;

  MpStore              *store;
  MpPeriodReport       *report;    /* NULL while counting or the dates are not valid */
  GCancellable         *cancellable;       /* cancelled when the window goes */
  GCancellable         *load_cancellable;  /* the count under way */
  GtkCheckButton       *kind_checks[MP_N_EVENT_KINDS];

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkWidget            *export_button;
  AdwEntryRow          *from_row;
  AdwEntryRow          *to_row;
  AdwPreferencesGroup  *kinds_group;
  AdwPreferencesGroup  *summary_group;
  GtkListBox           *summary_list;
  GtkSpinner           *spinner;
};

G_DEFINE_FINAL_TYPE (MpPeriodReportWindow, mp_period_report_window, ADW_TYPE_WINDOW)

static void
add_summary_row (MpPeriodReportWindow *self,
                 const char           *title,
                 guint                 value)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *number = g_strdup_printf ("%u", value);
  GtkWidget *label = gtk_label_new (number);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (self->summary_list, row);
}

static void
show_summary (MpPeriodReportWindow *self,
              const char           *problem)
{
  gboolean counting = self->load_cancellable != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), counting);
  gtk_spinner_set_spinning (self->spinner, counting);
  /* a menu button stays sensitive when its items are not: say it */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "period-report.export", self->report != NULL);
  gtk_widget_set_sensitive (self->export_button, self->report != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_list), self->report != NULL);
  adw_preferences_group_set_description (self->summary_group,
                                         problem != NULL ? problem : counting ? _("Counting…") : NULL);
  if (self->report == NULL)
    return;

  add_summary_row (self, _("Events"), mp_period_report_get_n_events (self->report));
  add_summary_row (self, _("Registered"), mp_period_report_get_total_registered (self->report));
  add_summary_row (self, _("Arrived"), mp_period_report_get_total_arrived (self->report));
  add_summary_row (self, _("Different people who came"), mp_period_report_get_distinct_people (self->report));
  add_summary_row (self, _("People who came to more than one meeting"), mp_period_report_get_returning_people (self->report));
  add_summary_row (self, _("Organisations reached"), mp_period_report_get_n_organisations (self->report));
}

static void
report_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MpPeriodReportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  MpPeriodReport *report = mp_period_report_load_finish (MP_STORE (object), result, &error);

  /* Dates changed again, or the window closed: a newer count follows. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);
  self->report = report;
  show_summary (self, report == NULL ? error->message : NULL);
}

/* Counts again on a thread as the dates and kinds change; a count still
 * under way for the previous choice is cancelled. */
static void
recompute (MpPeriodReportWindow *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  gint64 from, to;
  guint kinds = 0;

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->report);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_list))) != NULL)
    gtk_list_box_remove (self->summary_list, child);

  for (guint k = 0; k < MP_N_EVENT_KINDS; k++)
    if (self->kind_checks[k] != NULL && gtk_check_button_get_active (self->kind_checks[k]))
      kinds |= 1u << k;

  if (mp_period_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->from_row)), &from, &error) &&
      mp_period_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->to_row)), &to, &error))
    {
      g_autoptr(GDateTime) last = g_date_time_new_from_unix_local (to);
      g_autoptr(GDateTime) next = g_date_time_add_days (last, 1);

      self->load_cancellable = g_cancellable_new ();
      mp_period_report_load_async (self->store, from, g_date_time_to_unix (next), kinds,
                                   self->load_cancellable, report_loaded_cb, g_object_ref (self));
    }

  show_summary (self, error != NULL ? error->message : NULL);
}

static void
mp_period_report_window_changed_cb (MpPeriodReportWindow *self)
{
  if (self->store != NULL)
    recompute (self);
}

/* Export: written on a thread by the core */

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MpPeriodReportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!mp_report_export_finish (object, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup (error->message);
    }
  else
    {
      g_autofree char *base = g_filename_display_basename (mp_report_export_get_path (result));
      /* Translators: %s is a file name */
      text = g_strdup_printf (_("Report saved as “%s”"), base);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
export_to (GtkWidget      *widget,
           MpReportFormat  format,
           const char     *path)
{
  MpPeriodReportWindow *self = MP_PERIOD_REPORT_WINDOW (widget);

  /* the dates changed since: nothing counted to write yet */
  if (self->report == NULL)
    return;

  mp_report_export_async (G_OBJECT (self->report), format, path,
                          self->cancellable, export_done_cb, g_object_ref (self));
}

static char *
suggested_name (GtkWidget  *widget,
                const char *extension)
{
  MpPeriodReportWindow *self = MP_PERIOD_REPORT_WINDOW (widget);

  /* Translators: suggested file name; the dates as typed, then the extension */
  return g_strdup_printf (_("Attendance %s to %s.%s"),
                          gtk_editable_get_text (GTK_EDITABLE (self->from_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->to_row)), extension);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MpPeriodReportWindow *self = MP_PERIOD_REPORT_WINDOW (widget);

  if (self->report != NULL)
    mp_report_export_chooser_ask (widget, self->toast_overlay, g_variant_get_string (parameter, NULL),
                                  suggested_name, export_to);
}

static void
mp_period_report_window_dispose (GObject *object)
{
  MpPeriodReportWindow *self = (MpPeriodReportWindow *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  mp_report_export_chooser_dismiss (GTK_WIDGET (self));
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_PERIOD_REPORT_WINDOW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->report);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mp_period_report_window_parent_class)->dispose (object);
}

static void
mp_period_report_window_class_init (MpPeriodReportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_period_report_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-period-report-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MpPeriodReportWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MpPeriodReportWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, MpPeriodReportWindow, from_row);
  gtk_widget_class_bind_template_child (widget_class, MpPeriodReportWindow, to_row);
  gtk_widget_class_bind_template_child (widget_class, MpPeriodReportWindow, kinds_group);
  gtk_widget_class_bind_template_child (widget_class, MpPeriodReportWindow, summary_group);
  gtk_widget_class_bind_template_child (widget_class, MpPeriodReportWindow, summary_list);
  gtk_widget_class_bind_template_child (widget_class, MpPeriodReportWindow, spinner);
  gtk_widget_class_bind_template_callback (widget_class, mp_period_report_window_changed_cb);

  gtk_widget_class_install_action (widget_class, "period-report.export", "s", export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mp_period_report_window_init (MpPeriodReportWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  for (guint k = 0; k < MP_N_EVENT_KINDS; k++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mp_event_kind_get_label (k));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
      g_signal_connect_object (check, "toggled", G_CALLBACK (mp_period_report_window_changed_cb),
                               self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->kinds_group, row);
      self->kind_checks[k] = GTK_CHECK_BUTTON (check);
    }
}

MpPeriodReportWindow *
mp_period_report_window_new (GtkWindow *parent,
                             MpStore   *store)
{
  MpPeriodReportWindow *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *from = g_strdup_printf ("%04d-01-01", g_date_time_get_year (now));
  g_autofree char *to = g_date_time_format (now, "%Y-%m-%d");

  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  self = g_object_new (MP_TYPE_PERIOD_REPORT_WINDOW, "transient-for", parent, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), to);
  self->store = g_object_ref (store);
  recompute (self);

  return self;
}
