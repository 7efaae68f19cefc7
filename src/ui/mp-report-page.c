#define G_LOG_DOMAIN "mp-report-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-hub-indicator.h"
#include "mp-a11y.h"
#include "mp-file.h"
#include "mp-report-async.h"
#include "mp-report-chart.h"
#include "mp-report-export-chooser.h"
#include "mp-report-page-private.h"
#include "mp-time.h"


G_DEFINE_FINAL_TYPE (MpReportPage, mp_report_page, GTK_TYPE_WIDGET)

#define CHART_FONT_SIZE 13.0   /* pixels */

/* The chart colours of the current style, light or dark. */
static void
palette_from_style (GtkWidget      *widget,
                    MpChartPalette *palette)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA fg, bg, accent;

  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "card_bg_color", &bg))
    bg = (GdkRGBA) { 1, 1, 1, 1 };
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    accent = (GdkRGBA) { 0.11, 0.44, 0.85, 1 };
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* the card is drawn over the window: mix its translucent colour */
  if (bg.alpha < 1)
    {
      gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
      double base = dark ? 0.14 : 0.98;

      bg.red = base + (bg.red - base) * bg.alpha;
      bg.green = base + (bg.green - base) * bg.alpha;
      bg.blue = base + (bg.blue - base) * bg.alpha;
      bg.alpha = 1;
    }

  palette->foreground = (MpChartColor) { fg.red, fg.green, fg.blue, fg.alpha };
  palette->background = (MpChartColor) { bg.red, bg.green, bg.blue, 1 };
  palette->accent = (MpChartColor) { accent.red, accent.green, accent.blue, 1 };
  palette->font_family = NULL;
}

static void
draw_sectors (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  MpReportPage *self = user_data;
  MpChartPalette palette;
  MpChartArea rect = { 16, 16, width - 32, height - 32 };

  if (self->report == NULL)
    return;
  palette_from_style (GTK_WIDGET (area), &palette);
  mp_chart_draw_sectors (cr, &rect, &palette, CHART_FONT_SIZE, self->report, NULL);
}

static void
draw_arrivals (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  MpReportPage *self = user_data;
  MpChartPalette palette;
  MpChartArea rect = { 16, 12, width - 32, height - 24 };

  if (self->report == NULL)
    return;
  palette_from_style (GTK_WIDGET (area), &palette);
  mp_chart_draw_arrivals (cr, &rect, &palette, CHART_FONT_SIZE, self->report, NULL);
}

static void
style_changed_cb (MpReportPage *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->sector_chart));
  gtk_widget_queue_draw (GTK_WIDGET (self->arrival_chart));
}

static void
remove_all (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (container))
        gtk_flow_box_remove (GTK_FLOW_BOX (container), child);
      else
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
    }
}

static void
add_stat (MpReportPage *self,
          const char   *value,
          const char   *caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *number = gtk_label_new (value);
  GtkWidget *label = gtk_label_new (caption);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_top (number, 12);
  gtk_widget_add_css_class (number, "title-1");
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* a long caption ("Uregistrert oppmøte") takes two lines rather than
   * making every tile as wide as it */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), label);
  gtk_flow_box_append (self->stats_box, box);
  {
    /* The tile takes the focus: a screen reader reads "58 registered". */
    g_autofree char *spoken = g_strdup_printf ("%s %s", value, caption);

    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  }
}

static GtkWidget *
count_row (const char *title,
           const char *subtitle,
           guint       count)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *number = g_strdup_printf ("%u", count);
  GtkWidget *label = gtk_label_new (number);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

#define ORGANISATIONS_PER_FRAME 20

/* Adds the sector's next organisations (the expander keeps where it is
 * in "mp-next-organisation"); FALSE when they are all there. */
static gboolean
append_organisations (MpReportPage   *self,
                      AdwExpanderRow *expander)
{
  guint next = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (expander), "mp-next-organisation"));
  guint end = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (expander), "mp-end-organisation"));
  guint added;

  if (self->report == NULL)
    return FALSE;

  end = MIN (end, mp_report_get_n_organisations (self->report));
  for (added = 0; added < ORGANISATIONS_PER_FRAME && next < end; added++, next++)
    {
      const MpOrganisationCount *o = mp_report_get_organisation (self->report, next);

      adw_expander_row_add_row (expander, count_row (o->organisation, NULL, o->arrived));
      self->organisations_listed++;
    }
  g_object_set_data (G_OBJECT (expander), "mp-next-organisation", GUINT_TO_POINTER (next));

  return next < end;
}

static gboolean
organisations_tick (GtkWidget     *expander,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  MpReportPage *self = MP_REPORT_PAGE (user_data);

  if (append_organisations (self, ADW_EXPANDER_ROW (expander)))
    return G_SOURCE_CONTINUE;
  if (self->organisations_adding > 0)
    self->organisations_adding--;
  return G_SOURCE_REMOVE;
}

/* Opening a sector's row lists its organisations, once: the first at
 * once, the rest a few a frame (a sector may have hundreds). */
static void
organisations_expanded_cb (AdwExpanderRow *expander,
                           GParamSpec     *pspec,
                           MpReportPage   *self)
{
  if (self->report == NULL || !adw_expander_row_get_expanded (expander) ||
      g_object_get_data (G_OBJECT (expander), "mp-filled") != NULL)
    return;

  g_object_set_data (G_OBJECT (expander), "mp-filled", GINT_TO_POINTER (TRUE));
  g_object_set_data (G_OBJECT (expander), "mp-next-organisation",
                     g_object_get_data (G_OBJECT (expander), "mp-first-organisation"));
  _mp_report_page_timing_start (self);
  if (append_organisations (self, expander))
    {
      self->organisations_adding++;
      gtk_widget_add_tick_callback (GTK_WIDGET (expander), organisations_tick, self, NULL);
    }
}

static const char *
sector_label (const char *sector)
{
  return sector[0] ? sector : _("No sector");
}

/* One expander for the sector of the next organisation. */
static void
append_sector_row (MpReportPage *self)
{
  guint n_orgs = mp_report_get_n_organisations (self->report);
  guint i = self->next_organisation;
  const MpOrganisationCount *first = mp_report_get_organisation (self->report, i);
  GtkWidget *expander = adw_expander_row_new ();
  guint people = 0, orgs = 0, j;
  g_autofree char *subtitle = NULL;
  g_autofree char *of_orgs = NULL;

  for (j = i; j < n_orgs && g_strcmp0 (mp_report_get_organisation (self->report, j)->sector, first->sector) == 0; j++)
    {
      people += mp_report_get_organisation (self->report, j)->arrived;
      orgs++;
    }
  /* Rows made when opened: a large event has over a thousand
   * organisations, and making them all up front held the window. */
  g_object_set_data (G_OBJECT (expander), "mp-first-organisation", GUINT_TO_POINTER (i));
  g_object_set_data (G_OBJECT (expander), "mp-end-organisation", GUINT_TO_POINTER (j));
  g_signal_connect_object (expander, "notify::expanded", G_CALLBACK (organisations_expanded_cb), self, 0);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), sector_label (first->sector));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  mp_a11y_name_expander_row (ADW_EXPANDER_ROW (expander));
  /* Translators: under a sector: "5 people from 3 organisations" */
  of_orgs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u organisation", "%u organisations", orgs), orgs);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person from %s", "%u people from %s", people),
                              people, of_orgs);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  gtk_list_box_append (self->organisations_list, expander);
  self->next_organisation = j;
}

/* Adds the next row of the lists; FALSE when they are complete. */
static gboolean
append_next_row (MpReportPage *self)
{
  if (self->report == NULL)
    return FALSE;

  if (self->next_organisation < mp_report_get_n_organisations (self->report))
    {
      append_sector_row (self);
      return TRUE;
    }

  for (; self->next_answer_kind < MP_N_ANSWER_KINDS; self->next_answer_kind++, self->next_answer = 0)
    if (self->next_answer < mp_report_get_n_answers (self->report, self->next_answer_kind))
      {
        const MpAnswerCount *a = mp_report_get_answer (self->report, self->next_answer_kind, self->next_answer++);

        gtk_list_box_append (self->answer_lists[self->next_answer_kind], count_row (a->answer, NULL, a->count));
        return TRUE;
      }

  return FALSE;
}

#define ROWS_PER_FRAME 4

static gboolean
append_rows_tick (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  MpReportPage *self = MP_REPORT_PAGE (widget);

  /* the first frame lays out the figures and charts: rows from the next */
  if (self->rows_skip_frame)
    {
      self->rows_skip_frame = FALSE;
      return G_SOURCE_CONTINUE;
    }

  for (guint added = 0; added < ROWS_PER_FRAME; added++)
    if (!append_next_row (self))
      {
        self->rows_tick = 0;
        return G_SOURCE_REMOVE;
      }

  return G_SOURCE_CONTINUE;
}

/* The event's title and date: known before the counting is done. */
static void
show_event (MpReportPage *self,
            MpEvent      *event)
{
  g_autofree char *date = mp_time_format_long (mp_event_get_starts_at (event));

  g_free (self->title);
  self->title = g_strdup (mp_event_get_title (event));
  adw_window_title_set_subtitle (self->window_title, self->title);
  gtk_label_set_text (self->title_label, self->title);
  if (mp_event_get_venue (event)[0])
    {
      g_autofree char *line = g_strdup_printf ("%s · %s", date, mp_event_get_venue (event));
      gtk_label_set_text (self->date_label, line);
    }
  else
    gtk_label_set_text (self->date_label, date);
}

static void
fill (MpReportPage *self)
{
  const MpEventCounts *counts = mp_report_get_counts (self->report);
  g_autofree char *no_shows = NULL;
  guint n_orgs = mp_report_get_n_organisations (self->report);
  guint n_answers = 0;
  char buf[32];

  show_event (self, mp_report_get_event (self->report));
  remove_all (GTK_WIDGET (self->stats_box));
#define STAT(value, caption) G_STMT_START { g_snprintf (buf, sizeof buf, "%u", value); add_stat (self, buf, caption); } G_STMT_END
  STAT (counts->registered, _("Registered"));
  STAT (counts->arrived, _("Arrived"));
  STAT (counts->walk_ins, _("Walk-ins"));
  /* let in by a desk though on the waiting list or cancelled */
  if (mp_report_get_n_exceptions (self->report) > 0)
    STAT (mp_report_get_n_exceptions (self->report), _("Admitted by exception"));
  STAT (counts->waitlisted, _("Waiting list"));
  STAT (counts->cancelled, _("Cancelled"));
#undef STAT
  no_shows = mp_report_format_no_shows (self->report);
  add_stat (self, no_shows, mp_report_get_no_shows_caption (self->report));
  /* desks that could not reach the hub admitted some tickets twice */
  if (mp_report_get_n_admitted_twice (self->report) > 0)
    {
      g_snprintf (buf, sizeof buf, "%u", mp_report_get_n_admitted_twice (self->report));
      add_stat (self, buf, _("Admitted twice while offline, counted once"));
    }
  {
    guint n_stats = 0;

    /* one row of up to six; more in two even rows (never one alone) */
    for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->stats_box)); c != NULL; c = gtk_widget_get_next_sibling (c))
      n_stats++;
    gtk_flow_box_set_max_children_per_line (self->stats_box, n_stats <= 6 ? n_stats : (n_stats + 1) / 2);
  }

  gtk_drawing_area_set_content_height (self->sector_chart,
                                       (int) mp_chart_sectors_height (mp_chart_sectors_count_rows (self->report), CHART_FONT_SIZE) + 32);
  gtk_widget_queue_draw (GTK_WIDGET (self->sector_chart));
  gtk_widget_queue_draw (GTK_WIDGET (self->arrival_chart));
  {
    g_autoptr(MpArrivalAxis) axis = mp_arrival_axis_new (self->report);
    g_autofree char *heading = mp_arrival_axis_dup_title (axis);

    gtk_label_set_text (self->arrivals_heading, heading);
  }

  /* organisations and answers: a few rows a frame, from the next one */
  remove_all (GTK_WIDGET (self->organisations_list));
  for (guint k = 0; k < MP_N_ANSWER_KINDS; k++)
    remove_all (GTK_WIDGET (self->answer_lists[k]));
  self->organisations_listed = 0;
  self->organisations_adding = 0;
  self->next_organisation = 0;
  self->next_answer_kind = 0;
  self->next_answer = 0;
  self->rows_skip_frame = TRUE;
  if (self->rows_tick == 0)
    self->rows_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), append_rows_tick, NULL, NULL);

  for (guint k = 0; k < MP_N_ANSWER_KINDS; k++)
    {
      guint n = mp_report_get_n_answers (self->report, k);

      gtk_widget_set_visible (self->answer_headings[k], n > 0);
      gtk_widget_set_visible (GTK_WIDGET (self->answer_lists[k]), n > 0);
      n_answers += n;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->organisations_list), n_orgs > 0);
  adw_preferences_group_set_description (self->organisations_group,
                                         n_orgs > 0 ? NULL : _("Nobody from an organisation has arrived yet."));
  adw_preferences_group_set_description (self->answers_group,
                                         n_answers > 0 ? NULL : _("Nobody answered the questions about diet, accessibility or interpreting."));
}

/* The stall watch ends with the frame that shows the last row. */
static void
show_state (MpReportPage *self,
            const char   *state)
{
  gboolean loading = g_str_equal (state, "loading");

  gtk_stack_set_visible_child_name (self->content_stack, state);
  gtk_spinner_set_spinning (self->spinner, loading);
  /* a menu button stays sensitive when its items are not: say it */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report-page.export", self->report != NULL);
  gtk_widget_set_sensitive (self->export_button, self->report != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report-page.reload", !loading);
}

static void
show_load_error (MpReportPage *self,
                 const char   *message)
{
  g_free (self->load_error);
  self->load_error = g_strdup (message);
  adw_status_page_set_description (self->error_status, message);
  show_state (self, "error");
}

static void
report_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MpReportPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpReport) report = mp_report_load_finish (MP_STORE (object), result, &error);
  gint64 shown_at;

  /* Left, closed, or counting another event: not ours to show. The
   * page may be disposed by now; it is still alive (our reference). */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);
  if (report == NULL)
    {
      show_load_error (self, error->message);
      return;
    }

  shown_at = g_get_monotonic_time ();
  g_clear_object (&self->report);
  self->report = g_steal_pointer (&report);
  fill (self);
  show_state (self, "report");
  _mp_report_page_timing_shown (self, shown_at);
}

gboolean
mp_report_page_load (MpReportPage  *self,
                     gint64         event_id,
                     GError       **error)
{
  g_autoptr(MpEvent) event = NULL;

  g_return_val_if_fail (MP_IS_REPORT_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  /* One row: the header is right at once, and an event that is gone
   * is said before the page changes. */
  event = mp_store_get_event (self->store, event_id, error);
  if (event == NULL)
    return FALSE;

  mp_report_page_cancel (self);
  if (self->rows_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->rows_tick);
  self->rows_tick = 0;
  g_clear_object (&self->report);
  g_clear_pointer (&self->last_export, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->load_error, g_free);
  self->event_id = event_id;
  show_event (self, event);
  show_state (self, "loading");

  _mp_report_page_timing_start (self);
  self->load_cancellable = g_cancellable_new ();
  mp_report_load_async (self->store, event_id, self->load_cancellable,
                        report_loaded_cb, g_object_ref (self));
  return TRUE;
}

void
mp_report_page_cancel (MpReportPage *self)
{
  g_return_if_fail (MP_IS_REPORT_PAGE (self));

  if (self->load_cancellable == NULL)
    return;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  _mp_report_page_timing_stop (self);
  gtk_spinner_set_spinning (self->spinner, FALSE);
}

void
mp_report_page_refresh (MpReportPage *self)
{
  g_return_if_fail (MP_IS_REPORT_PAGE (self));

  /* nothing shown yet, or a count under way: that one will do */
  if (self->store == NULL || self->report == NULL || self->load_cancellable != NULL)
    return;
  self->load_cancellable = g_cancellable_new ();
  mp_report_load_async (self->store, self->event_id, self->load_cancellable,
                        report_loaded_cb, g_object_ref (self));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MpReportPage *self = MP_REPORT_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->event_id != 0 && self->store != NULL &&
      !mp_report_page_load (self, self->event_id, &error))
    show_load_error (self, error->message);
}

/* Export: written on a thread by the core */

static void
toast (MpReportPage *self,
       const char   *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MpReportPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mp_report_export_finish (object, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      toast (self, error->message);
      return;
    }

  {
    const char *path = mp_report_export_get_path (result);
    g_autofree char *base = g_filename_display_basename (path);
    /* Translators: %s is a file name */
    g_autofree char *text = g_strdup_printf (_("Report saved as “%s”"), base);

    g_free (self->last_export);
    self->last_export = g_strdup (path);
    toast (self, text);
  }
}

static void
export_to (GtkWidget      *widget,
           MpReportFormat  format,
           const char     *path)
{
  MpReportPage *self = MP_REPORT_PAGE (widget);

  /* counting again since the file was asked for: nothing to write yet */
  if (self->report == NULL)
    return;

  mp_report_export_async (G_OBJECT (self->report), format, path, self->cancellable,
                          export_done_cb, g_object_ref (self));
}

/* A file name from the title (mp_file_name_from_title()) */
static char *
suggested_name (GtkWidget  *widget,
                const char *extension)
{
  MpReportPage *self = MP_REPORT_PAGE (widget);
  g_autofree char *safe = mp_file_name_from_title (self->title, _("Event"));

  /* Translators: the suggested file name of a report; %s is the event's title */
  return g_strdup_printf (_("%s – report.%s"), safe, extension);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MpReportPage *self = MP_REPORT_PAGE (widget);
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (self->report == NULL)
    return;

  mp_report_export_chooser_ask (widget, overlay != NULL ? ADW_TOAST_OVERLAY (overlay) : NULL,
                                g_variant_get_string (parameter, NULL), suggested_name, export_to);
}

void
mp_report_page_set_store (MpReportPage *self,
                          MpStore      *store)
{
  g_return_if_fail (MP_IS_REPORT_PAGE (self));

  g_set_object (&self->store, store);
}

gint64
mp_report_page_get_event_id (MpReportPage *self)
{
  g_return_val_if_fail (MP_IS_REPORT_PAGE (self), 0);

  return self->event_id;
}

const char *
mp_report_page_get_title (MpReportPage *self)
{
  g_return_val_if_fail (MP_IS_REPORT_PAGE (self), NULL);

  return self->title != NULL ? self->title : "";
}

static void
mp_report_page_dispose (GObject *object)
{
  MpReportPage *self = (MpReportPage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  mp_report_page_cancel (self);
  _mp_report_page_timing_stop (self);
  g_clear_pointer (&self->timing, g_free);
  if (self->rows_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->rows_tick);
  self->rows_tick = 0;
  mp_report_export_chooser_dismiss (GTK_WIDGET (self));
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_REPORT_PAGE);
  /* the template's box is a direct child, not one of the bound ones */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->report);
  g_clear_object (&self->store);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->last_export, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->load_error, g_free);

  G_OBJECT_CLASS (mp_report_page_parent_class)->dispose (object);
}

static void
mp_report_page_class_init (MpReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_report_page_dispose;

  g_type_ensure (MP_TYPE_HUB_INDICATOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-report-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, MpReportPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, MpReportPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, MpReportPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, MpReportPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MpReportPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, MpReportPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, MpReportPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, MpReportPage, arrivals_heading);
  gtk_widget_class_bind_template_child (widget_class, MpReportPage, stats_box);
  gtk_widget_class_bind_template_child (widget_class, MpReportPage, sector_chart);
  gtk_widget_class_bind_template_child (widget_class, MpReportPage, arrival_chart);
  gtk_widget_class_bind_template_child (widget_class, MpReportPage, organisations_group);
  gtk_widget_class_bind_template_child (widget_class, MpReportPage, organisations_list);
  gtk_widget_class_bind_template_child (widget_class, MpReportPage, answers_group);

  gtk_widget_class_install_action (widget_class, "report-page.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "report-page.reload", NULL, reload_action);
}

static void
mp_report_page_init (MpReportPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  for (guint k = 0; k < MP_N_ANSWER_KINDS; k++)
    {
      GtkWidget *heading = gtk_label_new (mp_answer_kind_get_title (k));
      GtkWidget *list = gtk_list_box_new ();

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_widget_set_margin_top (heading, k > 0 ? 12 : 0);
      gtk_widget_add_css_class (heading, "heading");
      gtk_widget_add_css_class (heading, "dim-label");
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_widget_set_margin_top (list, 6);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL, -1);
      adw_preferences_group_add (self->answers_group, heading);
      adw_preferences_group_add (self->answers_group, list);
      self->answer_headings[k] = heading;
      self->answer_lists[k] = GTK_LIST_BOX (list);
    }
  gtk_drawing_area_set_draw_func (self->sector_chart, draw_sectors, self, NULL);
  gtk_drawing_area_set_draw_func (self->arrival_chart, draw_arrivals, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report-page.export", FALSE);
  gtk_widget_set_sensitive (self->export_button, FALSE);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
}
