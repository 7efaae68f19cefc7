#define G_LOG_DOMAIN "mp-mailing-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-file.h"
#include "mp-mailing-dialog.h"
#include "mp-mailing.h"
#include "mp-number.h"
#include "mp-save-chooser.h"
#include "mp-time.h"
#include "mp-toast.h"

/* People listed by name in the dialog; beyond this a line says how many more. */
#define MAX_LISTED 200

struct _MpMailingDialog
{
  AdwWindow        parent_instance;

  MpStore         *store;
  MpEvent         *event;
  GPtrArray       *events;      /* MpEvent, in the order of their rows */
  GPtrArray       *sectors;     /* MpSector, after "All sectors" */
  GPtrArray       *checks;      /* GtkCheckButton, one per event */
  GPtrArray       *person_rows; /* rows added to people_row */
  GPtrArray       *entries;     /* MpMailingEntry: the list as last read */
  guint            left_out;
  guint            generation;  /* of the read under way */
  GCancellable    *cancellable;
  gboolean         filling;
  char            *last;        /* the last copy or save, for tests */

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkSpinner      *spinner;
  AdwExpanderRow  *events_row;
  AdwComboRow     *sector_row;
  GtkSwitch       *arrived_switch;
  AdwExpanderRow  *people_row;
};

G_DEFINE_FINAL_TYPE (MpMailingDialog, mp_mailing_dialog, ADW_TYPE_WINDOW)

static void mp_mailing_dialog_filter_changed_cb (MpMailingDialog *self);

/* What the filters say now */

static GArray *
dup_event_ids (MpMailingDialog *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      {
        gint64 id = mp_event_get_id (g_ptr_array_index (self->events, i));

        g_array_append_val (ids, id);
      }
  return ids;
}

static gint64
selected_sector_id (MpMailingDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->sector_row);

  if (self->sectors == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected - 1 >= self->sectors->len)
    return 0;
  return ((MpSector *) g_ptr_array_index (self->sectors, selected - 1))->id;
}

/* Reading the list, on a thread */

typedef struct
{
  MpDatabase *main_db;
  GArray     *event_ids;
  gint64      sector_id;
  gboolean    arrived;
  guint       generation;
  GPtrArray  *entries;
  guint       left_out;
} Work;

static void
work_free (Work *work)
{
  g_clear_object (&work->main_db);
  g_clear_pointer (&work->event_ids, g_array_unref);
  g_clear_pointer (&work->entries, g_ptr_array_unref);
  g_free (work);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Work *work = task_data;
  g_autoptr(MpDatabase) database = NULL;
  g_autoptr(MpStore) store = NULL;
  GError *error = NULL;

  database = mp_database_open_worker (work->main_db, MP_DATABASE_FLAGS_READ_ONLY, &error);
  if (database == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  store = mp_store_new (database);
  work->entries = mp_mailing_list (store, (const gint64 *) work->event_ids->data, work->event_ids->len,
                                   work->sector_id, work->arrived, &error);
  if (work->entries == NULL ||
      !mp_mailing_count_left_out (store, (const gint64 *) work->event_ids->data, work->event_ids->len,
                                  work->sector_id, work->arrived, &work->left_out, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
mp_mailing_dialog_show_list (MpMailingDialog *self)
{
  guint n = self->entries != NULL ? self->entries->len : 0;
  guint no_email = 0;
  g_autofree char *count = mp_number_format (n);
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  for (guint i = 0; i < self->person_rows->len; i++)
    adw_expander_row_remove (self->people_row, g_ptr_array_index (self->person_rows, i));
  g_ptr_array_set_size (self->person_rows, 0);

  for (guint i = 0; i < n; i++)
    {
      MpMailingEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->email[0] == '\0')
        no_email++;
      if (i < MAX_LISTED)
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->name);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                       entry->email[0] != '\0' ? entry->email : _("No e-mail address"));
          adw_expander_row_add_row (self->people_row, row);
          g_ptr_array_add (self->person_rows, row);
        }
    }
  if (n > MAX_LISTED)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = mp_number_format (n - MAX_LISTED);
      g_autofree char *text = g_strdup_printf (_("And %s more"), more);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_expander_row_add_row (self->people_row, row);
      g_ptr_array_add (self->person_rows, row);
    }

  /* Translators: how many are on the mailing list */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s person on the list", "%s people on the list", n), count);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->people_row), title);
  if (self->left_out > 0)
    {
      g_autofree char *left = mp_number_format (self->left_out);

      g_string_append_printf (subtitle,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%s left out: did not consent to follow-up",
                                           "%s left out: did not consent to follow-up", self->left_out),
                              left);
    }
  if (no_email > 0)
    {
      g_autofree char *none = mp_number_format (no_email);

      if (subtitle->len > 0)
        g_string_append (subtitle, _(" · "));
      g_string_append_printf (subtitle,
                              g_dngettext (GETTEXT_PACKAGE, "%s without an e-mail address",
                                           "%s without an e-mail address", no_email),
                              none);
    }
  adw_expander_row_set_subtitle (self->people_row, subtitle->str);
  adw_expander_row_set_enable_expansion (self->people_row, n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mailing.copy", n > no_email);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mailing.save", n > 0);
}

static void
mp_mailing_dialog_read_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  MpMailingDialog *self = MP_MAILING_DIALOG (source);
  Work *work = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* a newer read is under way, or the dialog has gone */
  if (work->generation != self->generation || self->cancellable == NULL)
    return;
  g_clear_object (&self->cancellable);
  gtk_spinner_set_spinning (self->spinner, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      mp_toast_add_error (GTK_WIDGET (self->people_row), error);
      return;
    }

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = g_steal_pointer (&work->entries);
  self->left_out = work->left_out;
  mp_mailing_dialog_show_list (self);
}

void
mp_mailing_dialog_reload (MpMailingDialog *self)
{
  g_autoptr(GTask) task = NULL;
  Work *work;

  g_return_if_fail (MP_IS_MAILING_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  work = g_new0 (Work, 1);
  work->main_db = g_object_ref (mp_store_get_database (self->store));
  work->event_ids = dup_event_ids (self);
  work->sector_id = selected_sector_id (self);
  work->arrived = gtk_switch_get_active (self->arrived_switch);
  work->generation = ++self->generation;

  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mailing.copy", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mailing.save", FALSE);
  task = g_task_new (self, self->cancellable, mp_mailing_dialog_read_cb, NULL);
  g_task_set_source_tag (task, mp_mailing_dialog_reload);
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  g_task_run_in_thread (task, read_thread);
}

static void
mp_mailing_dialog_update_events_subtitle (MpMailingDialog *self)
{
  g_autoptr(GArray) ids = dup_event_ids (self);
  g_autofree char *subtitle = NULL;

  if (ids->len == 0)
    subtitle = g_strdup (_("All events"));
  else if (ids->len == 1 && g_array_index (ids, gint64, 0) == mp_event_get_id (self->event))
    subtitle = g_strdup (_("This event"));
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", ids->len), ids->len);
  adw_expander_row_set_subtitle (self->events_row, subtitle);
}

static void
mp_mailing_dialog_filter_changed_cb (MpMailingDialog *self)
{
  if (self->filling)
    return;
  mp_mailing_dialog_update_events_subtitle (self);
  mp_mailing_dialog_reload (self);
}

/* Copy and save */

static void
mp_mailing_dialog_copy_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  MpMailingDialog *self = MP_MAILING_DIALOG (widget);
  g_autofree char *bcc = NULL;
  guint n = 0;

  if (self->entries == NULL)
    return;
  bcc = mp_mailing_to_bcc (self->entries);
  for (guint i = 0; i < self->entries->len; i++)
    if (((MpMailingEntry *) g_ptr_array_index (self->entries, i))->email[0] != '\0')
      n++;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), bcc);
  g_free (self->last);
  self->last = g_strdup_printf ("copied|%u", n);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new_format (g_dngettext (GETTEXT_PACKAGE,
                                                                  "%u address copied, for the Bcc line",
                                                                  "%u addresses copied, for the Bcc line", n),
                                                     n));
}

static void
mp_mailing_dialog_chosen_cb (GtkWidget  *widget,
                             const char *path,
                             gpointer    user_data)
{
  MpMailingDialog *self = MP_MAILING_DIALOG (widget);
  const char *format = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = g_path_get_basename (path);

  if (self->entries == NULL)
    return;
  if (g_str_equal (format, "vcard"))
    text = mp_mailing_to_vcard (self->entries);
  else
    text = mp_mailing_to_csv (self->entries, g_str_equal (format, "excel"));

  if (!mp_file_replace_contents (path, text, strlen (text), &error))
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  g_free (self->last);
  self->last = g_strdup_printf ("saved|%u|%s", self->entries->len, path);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new_format (g_dngettext (GETTEXT_PACKAGE,
                                                                  "%u person saved in “%s”",
                                                                  "%u people saved in “%s”", self->entries->len),
                                                     self->entries->len, name));
}

static void
mp_mailing_dialog_save_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  MpMailingDialog *self = MP_MAILING_DIALOG (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  /* interned: the callback keeps it */
  const char *kept = g_intern_string (format);
  gboolean vcard = g_str_equal (format, "vcard");
  const char *extension = vcard ? "vcf" : "csv";
  /* Translators: the end of a mailing list's file name: "Dialogmøte – e-postliste.csv" */
  g_autofree char *name = mp_save_chooser_file_name (mp_event_get_title (self->event), C_("file name", "mailing list"),
                                                     extension);

  mp_save_chooser_ask (widget, _("Save the Mailing List"), name,
                       vcard ? _("Contact cards (vCard)") : _("CSV files"),
                       extension, mp_mailing_dialog_chosen_cb, (gpointer) kept);
}

/* The events to choose from, this one checked */

static void
mp_mailing_dialog_fill (MpMailingDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->filling = TRUE;
  self->events = mp_store_list_events (self->store, &error);
  if (self->events == NULL)
    {
      mp_toast_add_error (GTK_WIDGET (self->events_row), error);
      self->events = g_ptr_array_new_with_free_func (g_object_unref);
    }
  for (guint i = 0; i < self->events->len; i++)
    {
      MpEvent *event = g_ptr_array_index (self->events, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *when = mp_time_format_long (mp_event_get_starts_at (event));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mp_event_get_title (event));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), mp_event_get_id (event) == mp_event_get_id (self->event));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (mp_mailing_dialog_filter_changed_cb),
                               self, G_CONNECT_SWAPPED);
      adw_expander_row_add_row (self->events_row, row);
      g_ptr_array_add (self->checks, check);
    }

  /* Translators: the mailing list's sector filter: no filter */
  gtk_string_list_append (names, _("All Sectors"));
  self->sectors = mp_store_list_sectors (self->store, &error);
  for (guint i = 0; self->sectors != NULL && i < self->sectors->len; i++)
    gtk_string_list_append (names, ((MpSector *) g_ptr_array_index (self->sectors, i))->name);
  adw_combo_row_set_model (self->sector_row, G_LIST_MODEL (names));
  self->filling = FALSE;

  mp_mailing_dialog_update_events_subtitle (self);
  mp_mailing_dialog_reload (self);
}

/* GObject */

static void
mp_mailing_dialog_dispose (GObject *object)
{
  MpMailingDialog *self = MP_MAILING_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_MAILING_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->event);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->sectors, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->person_rows, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->last, g_free);

  G_OBJECT_CLASS (mp_mailing_dialog_parent_class)->dispose (object);
}

static void
mp_mailing_dialog_class_init (MpMailingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_mailing_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-mailing-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MpMailingDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MpMailingDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, MpMailingDialog, events_row);
  gtk_widget_class_bind_template_child (widget_class, MpMailingDialog, sector_row);
  gtk_widget_class_bind_template_child (widget_class, MpMailingDialog, arrived_switch);
  gtk_widget_class_bind_template_child (widget_class, MpMailingDialog, people_row);
  gtk_widget_class_bind_template_callback (widget_class, mp_mailing_dialog_filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "mailing.copy", NULL, mp_mailing_dialog_copy_action);
  gtk_widget_class_install_action (widget_class, "mailing.save", "s", mp_mailing_dialog_save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "mailing.copy", NULL);
}

static void
mp_mailing_dialog_init (MpMailingDialog *self)
{
  self->checks = g_ptr_array_new ();
  self->person_rows = g_ptr_array_new ();
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filling = FALSE;
}

MpMailingDialog *
mp_mailing_dialog_new (GtkWidget *owner,
                       MpStore   *store,
                       MpEvent   *event)
{
  MpMailingDialog *self;
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);
  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (MP_IS_EVENT (event), NULL);

  self = g_object_new (MP_TYPE_MAILING_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->event = g_object_ref (event);
  root = gtk_widget_get_root (owner);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  mp_mailing_dialog_fill (self);
  return self;
}

/* Where @widget's middle is in its window, "x,y" (tests click there). */
static void
append_place (GString    *out,
              const char *key,
              GtkWidget  *widget)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  graphene_point_t centre = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0f,
                                                 gtk_widget_get_height (widget) / 2.0f);
  graphene_point_t at;

  if (root != NULL && gtk_widget_get_mapped (widget) && gtk_widget_compute_point (widget, root, &centre, &at))
    g_string_append_printf (out, "%s=%d,%d\n", key, (int) at.x, (int) at.y);
}

void
mp_mailing_dialog_describe (MpMailingDialog *self,
                            GString         *out)
{
  g_autoptr(GArray) ids = NULL;
  guint selected;

  g_return_if_fail (MP_IS_MAILING_DIALOG (self));

  ids = dup_event_ids (self);
  selected = adw_combo_row_get_selected (self->sector_row);
  g_string_append (out, "mailing.events=");
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (ids, gint64, i));
  g_string_append_printf (out, "\nmailing.filter=%s|%d\n",
                          selected > 0 && self->sectors != NULL && selected - 1 < self->sectors->len
                          ? ((MpSector *) g_ptr_array_index (self->sectors, selected - 1))->name : "",
                          gtk_switch_get_active (self->arrived_switch));
  if (self->cancellable != NULL)
    g_string_append (out, "mailing=busy\n");
  else if (self->entries != NULL)
    {
      g_string_append_printf (out, "mailing=%u|%u\n", self->entries->len, self->left_out);
      for (guint i = 0; i < self->entries->len && i < MAX_LISTED; i++)
        {
          MpMailingEntry *entry = g_ptr_array_index (self->entries, i);

          g_string_append_printf (out, "mailing.person=%s|%s\n", entry->name, entry->email);
        }
    }
  if (self->last != NULL)
    g_string_append_printf (out, "mailing.last=%s\n", self->last);

  for (guint i = 0; i < self->checks->len; i++)
    {
      g_autofree char *key = g_strdup_printf ("mailing.at.event.%" G_GINT64_FORMAT,
                                              mp_event_get_id (g_ptr_array_index (self->events, i)));

      append_place (out, key, g_ptr_array_index (self->checks, i));
    }
  append_place (out, "mailing.at.events", GTK_WIDGET (self->events_row));
  append_place (out, "mailing.at.sector", GTK_WIDGET (self->sector_row));
}
