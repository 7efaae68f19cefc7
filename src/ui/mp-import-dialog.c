#define G_LOG_DOMAIN "mp-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-csv-import.h"
#include "mp-import-dialog.h"
#include "mp-number.h"
#include "mp-text.h"

/* Bad rows listed one by one; beyond this a line says how many more. */
#define MAX_LISTED_PROBLEMS 200
#define SAMPLE_ROWS 5

typedef enum
{
  STATE_LOADING,
  STATE_PREVIEW,
  STATE_IMPORTING,
  STATE_DONE,
  STATE_ERROR,
} State;

static const char *state_names[] = { "loading", "preview", "importing", "done", "error" };
static const char *state_pages[] = { "loading", "preview", "progress", "summary", "error" };

struct _MpImportDialog
{
  AdwWindow           parent_instance;

  MpStore            *store;
  gint64              event_id;
  GFile              *file;
  MpCsvImport        *import;
  MpCsvImportReport  *preview;      /* the last dry run */
  MpCsvImportReport  *result;       /* the import */
  GTask              *task;         /* running: a dry run or the import */
  GCancellable       *cancellable;  /* of the task */
  gboolean            rerun;        /* the mapping changed during a dry run */
  gboolean            disposed;
  State               state;
  char               *error_message;
  GPtrArray          *column_rows;  /* AdwComboRow, one per column */
  GPtrArray          *problem_rows; /* rows added to bad_row */
  GPtrArray          *warning_rows; /* rows added to warnings_row */
  GPtrArray          *merged_rows;  /* rows added to merged_row */
  char               *sheet;        /* the sheet asked for, or NULL */
  gboolean            filling_sheets;
  guint               progress_id;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkWidget          *cancel_button;
  GtkWidget          *import_button;
  GtkStack           *stack;
  AdwStatusPage      *error_page;
  AdwPreferencesGroup *outcome_group;
  GtkSpinner         *dry_run_spinner;
  GtkLabel           *new_label;
  AdwExpanderRow     *merged_row;
  GtkLabel           *merged_label;
  GtkLabel           *unchanged_label;
  GtkLabel           *repeated_label;
  GtkLabel           *bad_label;
  AdwExpanderRow     *bad_row;
  GtkLabel           *warnings_label;
  AdwExpanderRow     *warnings_row;
  GtkSwitch          *reject_email_switch;
  AdwPreferencesGroup *columns_group;
  AdwComboRow        *sheet_row;
  AdwActionRow       *platform_row;
  GtkGrid            *sample_grid;
  AdwActionRow       *encoding_row;
  AdwActionRow       *delimiter_row;
  AdwActionRow       *rows_row;
  GtkProgressBar     *progress_bar;
  AdwStatusPage      *summary_page;
};

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MpImportDialog, mp_import_dialog, ADW_TYPE_WINDOW)

static void mp_import_dialog_start_dry_run (MpImportDialog *self);

/* Cancelled by the person: the core says so in its own domain, GIO in its. */
static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, MP_ERROR, MP_ERROR_CANCELLED);
}

/* Work in a thread. The worker has its own connection to the same file:
 * SQLite connections here are opened without their own mutex, so the
 * window's connection must never be used from two threads. WAL lets the
 * window keep reading while the import writes; the import is one
 * transaction, so the window sees all of it or nothing. */

typedef struct
{
  GFile            *file;
  char             *sheet;
  MpCsvImport      *import;
  MpDatabase       *main_db;   /* the window's; the thread opens its own */
  gint64            event_id;
  MpCsvImportFlags  flags;
  gint              permille;  /* progress, atomic */
} Work;

static void
work_free (Work *work)
{
  g_clear_object (&work->file);
  g_free (work->sheet);
  g_clear_object (&work->import);
  g_clear_object (&work->main_db);
  g_free (work);
}

static void
work_progress (double   fraction,
               gpointer user_data)
{
  Work *work = user_data;

  g_atomic_int_set (&work->permille, (gint) CLAMP (fraction * 1000, 0, 1000));
}

static void
read_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Work *work = task_data;
  GError *error = NULL;
  MpCsvImport *import = mp_csv_import_new_for_file_full (work->file, work->sheet, cancellable, &error);

  if (import == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, import, g_object_unref);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Work *work = task_data;
  g_autoptr(MpDatabase) database = NULL;
  g_autoptr(MpStore) store = NULL;
  MpCsvImportReport *report;
  GError *error = NULL;

  database = mp_database_open_worker (work->main_db, MP_DATABASE_FLAGS_NONE, &error);
  if (database == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  store = mp_store_new (database);

  report = mp_csv_import_run (work->import, store, work->event_id, work->flags,
                              cancellable, work_progress, work, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) mp_csv_import_report_unref);
}

static GTask *
mp_import_dialog_new_task (MpImportDialog      *self,
                           GAsyncReadyCallback  callback,
                           Work                *work)
{
  GTask *task;

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, callback, NULL);
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  g_set_object (&self->task, task);
  return task;
}

static Work *
mp_import_dialog_new_work (MpImportDialog   *self,
                           MpCsvImportFlags  flags)
{
  Work *work = g_new0 (Work, 1);

  work->file = g_object_ref (self->file);
  work->sheet = g_strdup (self->sheet);
  work->import = self->import != NULL ? g_object_ref (self->import) : NULL;
  work->main_db = g_object_ref (mp_store_get_database (self->store));
  work->event_id = self->event_id;
  work->flags = flags;
  if (gtk_switch_get_active (self->reject_email_switch))
    work->flags |= MP_CSV_IMPORT_REJECT_BAD_EMAIL;
  return work;
}

/* What is shown */

static void
mp_import_dialog_set_state (MpImportDialog *self,
                            State           state)
{
  self->state = state;
  gtk_stack_set_visible_child_name (self->stack, state_pages[state]);
  gtk_widget_set_visible (self->import_button, state == STATE_PREVIEW);
  gtk_widget_set_visible (self->cancel_button, state != STATE_DONE);
}

static void
mp_import_dialog_show_error (MpImportDialog *self,
                             const char     *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  adw_status_page_set_description (self->error_page, message);
  mp_import_dialog_set_state (self, STATE_ERROR);
}

static void
set_count (GtkLabel *label,
           guint     n)
{
  g_autofree char *text = mp_number_format (n);

  gtk_label_set_label (label, text);
}

static void
mp_import_dialog_clear_problems (MpImportDialog *self)
{
  for (guint i = 0; i < self->problem_rows->len; i++)
    adw_expander_row_remove (self->bad_row, g_ptr_array_index (self->problem_rows, i));
  g_ptr_array_set_size (self->problem_rows, 0);
  for (guint i = 0; i < self->warning_rows->len; i++)
    adw_expander_row_remove (self->warnings_row, g_ptr_array_index (self->warning_rows, i));
  g_ptr_array_set_size (self->warning_rows, 0);
  for (guint i = 0; i < self->merged_rows->len; i++)
    adw_expander_row_remove (self->merged_row, g_ptr_array_index (self->merged_rows, i));
  g_ptr_array_set_size (self->merged_rows, 0);
}

static void
add_expander_row (AdwExpanderRow *expander,
                  GPtrArray      *rows,
                  const char     *title,
                  const char     *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_add_row (expander, row);
  g_ptr_array_add (rows, row);
}

/* Lists the problems of one kind, line by line, up to a limit. */
static void
list_problems (AdwExpanderRow    *expander,
               GPtrArray         *rows,
               MpCsvImportReport *report,
               gboolean           warnings)
{
  guint n = warnings ? mp_csv_import_report_get_n_warnings (report)
                     : mp_csv_import_report_get_n_bad_rows (report);

  for (guint i = 0; i < n && i < MAX_LISTED_PROBLEMS; i++)
    {
      const MpCsvProblem *problem = warnings ? mp_csv_import_report_get_warning (report, i)
                                             : mp_csv_import_report_get_bad_row (report, i);
      /* Translators: a row of the file, by its line number */
      g_autofree char *title = g_strdup_printf (_("Line %u"), problem->line);

      add_expander_row (expander, rows, title, problem->reason);
    }
  if (n > MAX_LISTED_PROBLEMS)
    {
      g_autofree char *more = mp_number_format (n - MAX_LISTED_PROBLEMS);
      /* Translators: %s is a number */
      g_autofree char *title = g_strdup_printf (_("And %s more"), more);

      add_expander_row (expander, rows, title, NULL);
    }
}

/* Who rows were merged with, so that a wrong merge (two people of one
 * name at one organisation) is seen before the import. */
static void
list_merged (MpImportDialog    *self,
             MpCsvImportReport *report)
{
  guint n = mp_csv_import_report_get_n_merged (report);

  for (guint i = 0; i < n && i < MAX_LISTED_PROBLEMS; i++)
    {
      guint line = 0;
      const MpImportMerged *m = mp_csv_import_report_get_merged (report, i, &line);
      /* Translators: a row of the file and the person already known it was merged with */
      g_autofree char *title = g_strdup_printf (_("Line %u: %s"), line, m->name);
      g_autofree char *subtitle = NULL;

      if (m->organisation != NULL && m->email != NULL)
        subtitle = g_strdup_printf ("%s · %s", m->organisation, m->email);
      else if (m->organisation != NULL || m->email != NULL)
        subtitle = g_strdup (m->organisation != NULL ? m->organisation : m->email);
      add_expander_row (self->merged_row, self->merged_rows, title, subtitle);
    }
  if (n > MAX_LISTED_PROBLEMS)
    {
      g_autofree char *more = mp_number_format (n - MAX_LISTED_PROBLEMS);
      g_autofree char *title = g_strdup_printf (_("And %s more"), more);

      add_expander_row (self->merged_row, self->merged_rows, title, NULL);
    }
}

static void
mp_import_dialog_show_outcome (MpImportDialog *self)
{
  MpCsvImportReport *report = self->preview;
  const MpImportCounts *counts;
  guint n_bad, n_warnings;

  mp_import_dialog_clear_problems (self);

  if (report == NULL)
    {
      gtk_label_set_label (self->new_label, "–");
      gtk_label_set_label (self->merged_label, "–");
      gtk_label_set_label (self->unchanged_label, "–");
      gtk_label_set_label (self->repeated_label, "–");
      adw_expander_row_set_enable_expansion (self->merged_row, FALSE);
      gtk_label_set_label (self->bad_label, "–");
      gtk_label_set_label (self->warnings_label, "–");
      adw_expander_row_set_enable_expansion (self->bad_row, FALSE);
      adw_expander_row_set_enable_expansion (self->warnings_row, FALSE);
      return;
    }

  counts = mp_csv_import_report_get_counts (report);
  n_bad = mp_csv_import_report_get_n_bad_rows (report);
  n_warnings = mp_csv_import_report_get_n_warnings (report);
  set_count (self->new_label, counts->new_people);
  set_count (self->merged_label, counts->merged);
  set_count (self->unchanged_label, counts->unchanged);
  set_count (self->repeated_label, counts->repeated);
  adw_expander_row_set_enable_expansion (self->merged_row, counts->merged > 0);
  set_count (self->bad_label, n_bad);
  set_count (self->warnings_label, n_warnings);
  adw_expander_row_set_enable_expansion (self->bad_row, n_bad > 0);
  adw_expander_row_set_enable_expansion (self->warnings_row, n_warnings > 0);
  if (n_bad > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->bad_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->bad_label), "warning");

  list_problems (self->bad_row, self->problem_rows, report, FALSE);
  list_problems (self->warnings_row, self->warning_rows, report, TRUE);
  list_merged (self, report);
}

static void
mp_import_dialog_update_import_button (MpImportDialog *self)
{
  gboolean ready = self->state == STATE_PREVIEW && self->task == NULL && self->preview != NULL
                   && mp_csv_import_report_get_rows_good (self->preview) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", ready);
}

/* The dry run */

static void
mp_import_dialog_apply_mapping (MpImportDialog *self)
{
  for (guint c = 0; c < self->column_rows->len; c++)
    {
      guint selected = adw_combo_row_get_selected (g_ptr_array_index (self->column_rows, c));

      mp_csv_import_set_field (self->import, c, selected < MP_N_CSV_FIELDS ? (MpCsvField) selected : MP_CSV_FIELD_IGNORE);
    }
}

static void
mp_import_dialog_dry_run_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  MpImportDialog *self = MP_IMPORT_DIALOG (object);
  g_autoptr(GError) error = NULL;
  MpCsvImportReport *report = g_task_propagate_pointer (G_TASK (result), &error);

  /* A dry run of a sheet no longer shown, or of a closed dialog. */
  if (G_TASK (result) != self->task || self->disposed)
    {
      g_clear_pointer (&report, mp_csv_import_report_unref);
      return;
    }
  g_clear_object (&self->task);

  gtk_spinner_stop (self->dry_run_spinner);

  if (self->rerun)
    {
      g_clear_pointer (&report, mp_csv_import_report_unref);
      mp_import_dialog_start_dry_run (self);
      return;
    }

  g_clear_pointer (&self->preview, mp_csv_import_report_unref);
  self->preview = report;
  if (report == NULL && !is_cancelled (error))
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }

  mp_import_dialog_show_outcome (self);
  mp_import_dialog_update_import_button (self);
}

static void
mp_import_dialog_start_dry_run (MpImportDialog *self)
{
  g_autoptr(GTask) task = NULL;

  self->rerun = FALSE;
  mp_import_dialog_apply_mapping (self);
  g_clear_pointer (&self->preview, mp_csv_import_report_unref);

  if (!mp_csv_import_has_name (self->import))
    {
      mp_import_dialog_show_outcome (self);
      adw_preferences_group_set_description (self->outcome_group,
                                             _("Choose the column that holds the name, or the given and family names"));
      mp_import_dialog_update_import_button (self);
      return;
    }
  adw_preferences_group_set_description (self->outcome_group,
                                         _("Nothing is written before you choose Import"));

  gtk_spinner_start (self->dry_run_spinner);
  task = mp_import_dialog_new_task (self, mp_import_dialog_dry_run_cb,
                                    mp_import_dialog_new_work (self, MP_CSV_IMPORT_DRY_RUN));
  g_task_set_source_tag (task, mp_import_dialog_start_dry_run);
  g_task_run_in_thread (task, run_thread);
  mp_import_dialog_update_import_button (self);
}

static void
mp_import_dialog_mapping_changed_cb (MpImportDialog *self)
{
  if (self->state != STATE_PREVIEW)
    return;

  /* The worker reads the mapping: change it only when it is done. */
  if (self->task != NULL)
    {
      self->rerun = TRUE;
      g_cancellable_cancel (self->cancellable);
      return;
    }

  mp_import_dialog_start_dry_run (self);
}

/* The preview */

static GListModel *
new_field_model (void)
{
  GtkStringList *fields = gtk_string_list_new (NULL);

  for (guint f = 0; f < MP_N_CSV_FIELDS; f++)
    gtk_string_list_append (fields, mp_csv_field_get_label (f));

  return G_LIST_MODEL (fields);
}

/* The first non-empty value of a column, as a hint of what it holds. */
static const char *
column_example (MpCsvImport *import,
                guint        column)
{
  guint n = mp_csv_import_get_n_rows (import);

  for (guint r = 0; r < n && r < 50; r++)
    {
      const char *cell = mp_csv_import_get_cell (import, r, column);

      if (cell != NULL && cell[0] != '\0')
        return cell;
    }

  return NULL;
}

static GtkWidget *
sample_label (const char *text,
              gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* whole, up to a long comment's first words; the grid scrolls sideways */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
mp_import_dialog_clear_preview (MpImportDialog *self)
{
  GtkWidget *child;

  for (guint i = 0; i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->column_rows, i));
  g_ptr_array_set_size (self->column_rows, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sample_grid))) != NULL)
    gtk_grid_remove (self->sample_grid, child);
}

/* A workbook's sheets, to choose from when there are several. */
static void
mp_import_dialog_show_sheets (MpImportDialog *self)
{
  guint n = mp_csv_import_get_n_sheets (self->import);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row), n > 1);
  if (n <= 1)
    return;

  for (guint i = 0; i < n; i++)
    {
      gtk_string_list_append (names, mp_csv_import_get_sheet (self->import, i));
      if (g_strcmp0 (mp_csv_import_get_sheet (self->import, i), mp_csv_import_get_sheet_name (self->import)) == 0)
        selected = i;
    }
  self->filling_sheets = TRUE;
  adw_combo_row_set_model (self->sheet_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->sheet_row, selected);
  self->filling_sheets = FALSE;
}

static void
mp_import_dialog_show_preview (MpImportDialog *self)
{
  g_autoptr(GListModel) fields = new_field_model ();
  guint n_columns = mp_csv_import_get_n_columns (self->import);
  guint n_rows = mp_csv_import_get_n_rows (self->import);
  g_autofree char *rows = mp_number_format (n_rows);
  const char *platform = mp_import_platform_get_label (mp_csv_import_get_platform (self->import));
  gboolean workbook = mp_csv_import_is_workbook (self->import);

  mp_import_dialog_clear_preview (self);
  mp_import_dialog_show_sheets (self);
  {
    g_autofree char *basename = g_file_get_basename (self->file);
    /* Translators: the file's name and the platform it came from:
     * "svar.xlsx · Microsoft Forms" */
    g_autofree char *subtitle = platform != NULL ? g_strdup_printf (_("%s · %s"), basename, platform)
                                                 : g_strdup (basename);

    adw_window_title_set_subtitle (self->window_title, subtitle);
  }
  adw_action_row_set_subtitle (self->platform_row,
                               platform != NULL ? platform
                               : _("No platform Møteplass knows: the columns are matched by their headers"));
  adw_action_row_set_subtitle (self->encoding_row, mp_csv_import_get_encoding_label (self->import));
  adw_action_row_set_subtitle (self->delimiter_row, mp_csv_import_get_delimiter_label (self->import));
  gtk_widget_set_visible (GTK_WIDGET (self->encoding_row), !workbook);
  gtk_widget_set_visible (GTK_WIDGET (self->delimiter_row), !workbook);
  adw_action_row_set_subtitle (self->rows_row, rows);

  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *row = adw_combo_row_new ();
      const char *header = mp_csv_import_get_header (self->import, c);
      const char *example = column_example (self->import, c);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     header != NULL && header[0] != '\0' ? header : "—");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (example != NULL || mp_csv_import_get_role (self->import, c) == MP_CSV_ROLE_FALLBACK)
        {
          g_autoptr(GString) subtitle = g_string_new (NULL);

          /* What a platform wrote for its own records: the buyer's
           * address, the account that filled in the form. */
          if (mp_csv_import_get_role (self->import, c) == MP_CSV_ROLE_FALLBACK)
            g_string_append (subtitle, _("Only for rows without one of their own"));
          if (example != NULL)
            {
              if (subtitle->len > 0)
                g_string_append (subtitle, " · ");
              /* short, so that the column's choice beside it is not cut */
              g_autofree char *shown = mp_text_dup_capped (example, 32);

              /* Translators: an example value from a column of the file */
              g_string_append_printf (subtitle, _("For example “%s”"), shown);
            }
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
        }
      adw_combo_row_set_model (ADW_COMBO_ROW (row), fields);
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), mp_csv_import_get_field (self->import, c));
      g_signal_connect_object (row, "notify::selected",
                               G_CALLBACK (mp_import_dialog_mapping_changed_cb),
                               self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
    }

  for (guint c = 0; c < n_columns; c++)
    gtk_grid_attach (self->sample_grid, sample_label (mp_csv_import_get_header (self->import, c), TRUE), c, 0, 1, 1);
  for (guint r = 0; r < n_rows && r < SAMPLE_ROWS; r++)
    for (guint c = 0; c < n_columns; c++)
      gtk_grid_attach (self->sample_grid, sample_label (mp_csv_import_get_cell (self->import, r, c), FALSE), c, r + 1, 1, 1);

  mp_import_dialog_set_state (self, STATE_PREVIEW);
  mp_import_dialog_start_dry_run (self);
}

static void mp_import_dialog_read_cb (GObject      *object,
                                      GAsyncResult *result,
                                      gpointer      user_data);
static void read_file_thread (GTask        *task,
                              gpointer      source_object,
                              gpointer      task_data,
                              GCancellable *cancellable);

static void
mp_import_dialog_sheet_changed_cb (MpImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  guint selected;
  const char *name;

  if (self->filling_sheets || self->import == NULL || self->state != STATE_PREVIEW)
    return;
  selected = adw_combo_row_get_selected (self->sheet_row);
  if (selected >= mp_csv_import_get_n_sheets (self->import))
    return;
  name = mp_csv_import_get_sheet (self->import, selected);
  if (g_strcmp0 (name, mp_csv_import_get_sheet_name (self->import)) == 0)
    return;

  /* A dry run of the sheet shown is of no use now. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_spinner_stop (self->dry_run_spinner);
  g_free (self->sheet);
  self->sheet = g_strdup (name);
  mp_import_dialog_set_state (self, STATE_LOADING);
  task = mp_import_dialog_new_task (self, mp_import_dialog_read_cb, mp_import_dialog_new_work (self, 0));
  g_task_set_source_tag (task, mp_import_dialog_sheet_changed_cb);
  g_task_run_in_thread (task, read_file_thread);
}

static void
mp_import_dialog_read_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  MpImportDialog *self = MP_IMPORT_DIALOG (object);
  g_autoptr(GError) error = NULL;
  MpCsvImport *import = g_task_propagate_pointer (G_TASK (result), &error);

  if (G_TASK (result) == self->task)
    g_clear_object (&self->task);
  if (self->disposed)
    {
      g_clear_object (&import);
      return;
    }

  if (import == NULL && self->import != NULL)
    {
      /* Another sheet could not be read: stay with the one shown. */
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      g_free (self->sheet);
      self->sheet = g_strdup (mp_csv_import_get_sheet_name (self->import));
      mp_import_dialog_show_sheets (self);
      mp_import_dialog_set_state (self, STATE_PREVIEW);
      mp_import_dialog_start_dry_run (self);
      return;
    }
  if (import == NULL)
    {
      mp_import_dialog_show_error (self, error->message);
      return;
    }

  g_clear_object (&self->import);
  self->import = import;
  mp_import_dialog_show_preview (self);
}

/* The import */

static gboolean
mp_import_dialog_update_progress (gpointer user_data)
{
  MpImportDialog *self = user_data;
  Work *work = self->task != NULL ? g_task_get_task_data (self->task) : NULL;

  if (work != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&work->permille) / 1000.0);

  return G_SOURCE_CONTINUE;
}

static void
mp_import_dialog_import_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  MpImportDialog *self = MP_IMPORT_DIALOG (object);
  g_autoptr(GError) error = NULL;
  MpCsvImportReport *report = g_task_propagate_pointer (G_TASK (result), &error);

  if (G_TASK (result) == self->task)
    g_clear_object (&self->task);
  g_clear_handle_id (&self->progress_id, g_source_remove);

  if (report != NULL)
    {
      g_clear_pointer (&self->result, mp_csv_import_report_unref);
      self->result = report;
      g_signal_emit (self, signals[IMPORTED], 0);
    }
  if (self->disposed)
    return;

  if (report == NULL && is_cancelled (error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Import cancelled: nothing was changed")));
      mp_import_dialog_set_state (self, STATE_PREVIEW);
      mp_import_dialog_update_import_button (self);
      return;
    }
  if (report == NULL)
    {
      AdwToast *toast = adw_toast_new (error->message);

      /* The import is one transaction: nothing was written. */
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      mp_import_dialog_set_state (self, STATE_PREVIEW);
      mp_import_dialog_update_import_button (self);
      return;
    }

  {
    const MpImportCounts *counts = mp_csv_import_report_get_counts (report);
    g_autofree char *added = mp_number_format (counts->new_registrations);
    g_autofree char *merged = mp_number_format (counts->merged);
    g_autofree char *unchanged = mp_number_format (counts->unchanged);
    g_autofree char *repeated = mp_number_format (counts->repeated);
    g_autofree char *skipped = mp_number_format (mp_csv_import_report_get_n_bad_rows (report));
    g_autofree char *no_email = mp_number_format (mp_csv_import_report_get_n_without_email (report));
    g_autofree char *description = NULL;

    /* Translators: the summary of an import; each %s is a number */
    description = g_strdup_printf (_("Added: %s, of them merged with people already known: %s\n"
                                     "Already registered: %s\nRepeated in the file: %s\nRows skipped: %s\n"
                                     "Imported without the e-mail address they gave (not valid): %s"),
                                   added, merged, unchanged, repeated, skipped, no_email);
    adw_status_page_set_description (self->summary_page, description);
  }
  mp_import_dialog_set_state (self, STATE_DONE);
}

static void
mp_import_dialog_import_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  MpImportDialog *self = MP_IMPORT_DIALOG (widget);
  g_autoptr(GTask) task = NULL;

  if (self->state != STATE_PREVIEW || self->task != NULL || self->import == NULL)
    return;

  mp_import_dialog_apply_mapping (self);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  mp_import_dialog_set_state (self, STATE_IMPORTING);
  task = mp_import_dialog_new_task (self, mp_import_dialog_import_cb,
                                    mp_import_dialog_new_work (self, MP_CSV_IMPORT_FLAGS_NONE));
  g_task_set_source_tag (task, mp_import_dialog_import_action);
  g_task_run_in_thread (task, run_thread);
  self->progress_id = g_timeout_add (100, mp_import_dialog_update_progress, self);
  mp_import_dialog_update_import_button (self);
}

static void
mp_import_dialog_cancel_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  MpImportDialog *self = MP_IMPORT_DIALOG (widget);

  /* During the import, Cancel stops it and the window stays to say so. */
  if (self->state == STATE_IMPORTING)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
mp_import_dialog_close_request (GtkWindow *window)
{
  MpImportDialog *self = MP_IMPORT_DIALOG (window);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (mp_import_dialog_parent_class)->close_request (window);
}

static void
mp_import_dialog_dispose (GObject *object)
{
  MpImportDialog *self = (MpImportDialog *)object;

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->task);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->import);
  g_clear_object (&self->file);
  g_clear_object (&self->store);
  g_clear_pointer (&self->preview, mp_csv_import_report_unref);
  g_clear_pointer (&self->result, mp_csv_import_report_unref);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->problem_rows, g_ptr_array_unref);
  g_clear_pointer (&self->warning_rows, g_ptr_array_unref);
  g_clear_pointer (&self->merged_rows, g_ptr_array_unref);
  g_clear_pointer (&self->sheet, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (mp_import_dialog_parent_class)->dispose (object);
}

static void
mp_import_dialog_class_init (MpImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mp_import_dialog_dispose;
  window_class->close_request = mp_import_dialog_close_request;

  /* The import wrote to the database. */
  signals[IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, outcome_group);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, dry_run_spinner);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, new_label);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, merged_row);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, merged_label);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, unchanged_label);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, repeated_label);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, bad_label);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, bad_row);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, warnings_row);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, reject_email_switch);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, platform_row);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, sample_grid);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, rows_row);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MpImportDialog, summary_page);

  gtk_widget_class_install_action (widget_class, "import.import", NULL, mp_import_dialog_import_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, mp_import_dialog_cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "import.import", NULL);
}

static void
mp_import_dialog_init (MpImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->column_rows = g_ptr_array_new ();
  self->problem_rows = g_ptr_array_new ();
  self->warning_rows = g_ptr_array_new ();
  self->merged_rows = g_ptr_array_new ();
  g_signal_connect_object (self->sheet_row, "notify::selected",
                           G_CALLBACK (mp_import_dialog_sheet_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reject_email_switch, "notify::active",
                           G_CALLBACK (mp_import_dialog_mapping_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->import_button);
  mp_import_dialog_set_state (self, STATE_LOADING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", FALSE);
}

MpImportDialog *
mp_import_dialog_new (MpStore *store,
                      gint64   event_id,
                      GFile   *file)
{
  MpImportDialog *self;
  g_autoptr(GTask) task = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (MP_TYPE_IMPORT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->event_id = event_id;
  self->file = g_object_ref (file);

  basename = g_file_get_basename (file);
  adw_window_title_set_subtitle (self->window_title, basename);

  task = mp_import_dialog_new_task (self, mp_import_dialog_read_cb, mp_import_dialog_new_work (self, 0));
  g_task_set_source_tag (task, mp_import_dialog_new);
  g_task_run_in_thread (task, read_file_thread);

  return self;
}

void
mp_import_dialog_describe (MpImportDialog *self,
                           GString        *out)
{
  g_return_if_fail (MP_IS_IMPORT_DIALOG (self));

  g_string_append_printf (out, "import=%s\n", state_names[self->state]);
  if (self->error_message != NULL)
    g_string_append_printf (out, "import.error=%s\n", self->error_message);
  if (self->import == NULL)
    return;

  g_string_append_printf (out, "import.platform=%s\n",
                          mp_import_platform_to_string (mp_csv_import_get_platform (self->import)) ?: "");
  if (mp_csv_import_is_workbook (self->import))
    {
      g_string_append_printf (out, "import.sheet=%s\nimport.sheets=", mp_csv_import_get_sheet_name (self->import));
      for (guint i = 0; i < mp_csv_import_get_n_sheets (self->import); i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", mp_csv_import_get_sheet (self->import, i));
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "import.encoding=%s\n", mp_csv_import_get_encoding_label (self->import));
  g_string_append_printf (out, "import.delimiter=%s\n", mp_csv_import_get_delimiter_label (self->import));
  g_string_append (out, "import.columns=");
  for (guint c = 0; c < self->column_rows->len; c++)
    {
      guint selected = adw_combo_row_get_selected (g_ptr_array_index (self->column_rows, c));

      g_string_append_printf (out, "%s%s:%s", c > 0 ? "|" : "",
                              mp_csv_import_get_header (self->import, c),
                              mp_csv_field_to_string (selected < MP_N_CSV_FIELDS ? (MpCsvField) selected : MP_CSV_FIELD_IGNORE));
    }
  g_string_append_printf (out, "\nimport.rows=%u\n", mp_csv_import_get_n_rows (self->import));

  g_string_append_printf (out, "import.busy=%d\n", self->task != NULL);

  if (self->preview != NULL && self->task == NULL)
    {
      const MpImportCounts *counts = mp_csv_import_report_get_counts (self->preview);

      g_string_append_printf (out, "import.preview=new:%u|merged:%u|unchanged:%u|repeated:%u|bad:%u\n",
                              counts->new_people, counts->merged, counts->unchanged, counts->repeated,
                              mp_csv_import_report_get_n_bad_rows (self->preview));
      g_string_append (out, "import.merged_people=");
      for (guint i = 0; i < mp_csv_import_report_get_n_merged (self->preview); i++)
        {
          guint line = 0;
          const MpImportMerged *m = mp_csv_import_report_get_merged (self->preview, i, &line);

          g_string_append_printf (out, "%s%u:%s", i > 0 ? "," : "", line, m->name);
        }
      g_string_append_c (out, '\n');
      g_string_append (out, "import.bad_lines=");
      for (guint i = 0; i < mp_csv_import_report_get_n_bad_rows (self->preview); i++)
        g_string_append_printf (out, "%s%u", i > 0 ? "," : "",
                                mp_csv_import_report_get_bad_row (self->preview, i)->line);
      g_string_append (out, "\nimport.warning_lines=");
      for (guint i = 0; i < mp_csv_import_report_get_n_warnings (self->preview); i++)
        g_string_append_printf (out, "%s%u", i > 0 ? "," : "",
                                mp_csv_import_report_get_warning (self->preview, i)->line);
      g_string_append_c (out, '\n');
    }
  if (self->result != NULL)
    {
      const MpImportCounts *counts = mp_csv_import_report_get_counts (self->result);

      g_string_append_printf (out, "import.result=added:%u|merged:%u|unchanged:%u|repeated:%u|skipped:%u\n",
                              counts->new_registrations, counts->merged, counts->unchanged, counts->repeated,
                              mp_csv_import_report_get_n_bad_rows (self->result));
    }
}

gboolean
mp_import_dialog_set_column_field (MpImportDialog *self,
                                   guint           column,
                                   MpCsvField      field)
{
  g_return_val_if_fail (MP_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (field < MP_N_CSV_FIELDS, FALSE);

  if (column >= self->column_rows->len)
    return FALSE;

  adw_combo_row_set_selected (g_ptr_array_index (self->column_rows, column), field);
  return TRUE;
}
