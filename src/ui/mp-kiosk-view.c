#define G_LOG_DOMAIN "mp-kiosk-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mp-error.h"
#include "mp-kiosk-language.h"
#include "mp-kiosk-view-private.h"
#include "mp-time.h"

/* How long an answer stays before the welcome screen comes back.
 * MP_KIOSK_RESULT_SECONDS overrides it (tests). */
#define RESULT_SECONDS 8


G_DEFINE_FINAL_TYPE (MpKioskView, mp_kiosk_view, GTK_TYPE_WIDGET)

enum {
  LANGUAGE_CHOSEN,
  PIN_ENTERED,
  PAGE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mp_kiosk_view_show_page (MpKioskView *self,
                         const char  *page)
{
  /* (an answer left early does not come back to welcome later) */
  mp_check_in_answer_cancel_reset (self->answer);
  gtk_stack_set_visible_child_name (self->stack, page);
  g_signal_emit (self, signals[PAGE_CHANGED], 0);
}

static void
mp_kiosk_view_back_clicked (MpKioskView *self)
{
  mp_kiosk_view_show_page (self, "welcome");
}

static void
mp_kiosk_view_scan_clicked (MpKioskView *self)
{
  mp_kiosk_view_show_page (self, "scan");
}

static void
mp_kiosk_view_walk_in_clicked (MpKioskView *self)
{
  mp_kiosk_view_show_page (self, "walk-in");
  mp_walk_in_form_focus_name (self->walk_in_form);
}

/* The answer fills the screen: colour, icon and words, never colour
 * alone (mp-check-in-answer.c), until Done or its time is up. */
static void
mp_kiosk_view_show_check_in_result (MpKioskView     *self,
                                    MpCheckInResult *result)
{
  mp_check_in_answer_show_result (self->answer, result);
  mp_kiosk_view_show_page (self, "result");
}

static void
mp_kiosk_view_show_failure (MpKioskView  *self,
                            const GError *error)
{
  /* The attendee cannot mend a database; the organiser finds the cause
   * in the log. */
  g_warning ("Kiosk: %s", error->message);
  mp_check_in_answer_show_failure (self->answer, error);
  mp_kiosk_view_show_page (self, "result");
}

void
mp_kiosk_view_check_in (MpKioskView *self,
                        const char  *scanned_text)
{
  g_autoptr(MpCheckInResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MP_IS_KIOSK_VIEW (self));

  /* The PIN pad belongs to the organiser: a scan does not interrupt it. */
  if (g_strcmp0 (mp_kiosk_view_get_page (self), "pin") == 0)
    return;

  result = mp_store_check_in (self->store, mp_event_get_id (self->event), scanned_text, self->desk, &error);
  if (result == NULL)
    mp_kiosk_view_show_failure (self, error);
  else
    mp_kiosk_view_show_check_in_result (self, result);
}

static void
mp_kiosk_view_register_clicked (MpKioskView *self)
{
  g_autoptr(MpAttendee) attendee = NULL;
  g_autoptr(MpCheckInResult) result = NULL;
  g_autoptr(GError) error = NULL;

  attendee = mp_walk_in_form_register (self->walk_in_form, self->store, mp_event_get_id (self->event), &error);
  if (attendee == NULL)
    {
      if (g_error_matches (error, MP_ERROR, MP_ERROR_EXISTS))
        {
          g_autofree char *name = g_strstrip (g_strdup (mp_walk_in_form_get_name (self->walk_in_form)));

          /* Not checked in from here: typing a name must not be enough
           * to check in someone else. The desk can find them by name. */
          mp_check_in_answer_show_registered_before (self->answer, name);
          mp_kiosk_view_show_page (self, "result");
        }
      else if (!g_error_matches (error, MP_ERROR, MP_ERROR_INVALID))  /* (the form says what) */
        mp_kiosk_view_show_failure (self, error);
      return;
    }

  result = mp_store_check_in_registration (self->store, mp_event_get_id (self->event),
                                           mp_attendee_get_registration_id (attendee),
                                           self->desk, &error);
  if (result == NULL)
    mp_kiosk_view_show_failure (self, error);
  else
    mp_kiosk_view_show_check_in_result (self, result);
}

static void
mp_kiosk_view_language_toggled (MpKioskView     *self,
                                GtkToggleButton *button)
{
  const char *code = g_object_get_data (G_OBJECT (button), "mp-language");

  /* The language in force has a check (and is bold, style.css). */
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (button), "mp-check"),
                          gtk_toggle_button_get_active (button));
  if (gtk_toggle_button_get_active (button) && g_strcmp0 (code, self->language) != 0)
    g_signal_emit (self, signals[LANGUAGE_CHOSEN], 0, code);
}

static void
mp_kiosk_view_pin_activated (MpKioskView *self)
{
  g_autofree char *pin = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->pin_entry)));

  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
  if (pin[0] != '\0')
    g_signal_emit (self, signals[PIN_ENTERED], 0, pin);
}

static void
mp_kiosk_view_pin_key_clicked (MpKioskView *self,
                               GtkButton   *button)
{
  const char *key = g_object_get_data (G_OBJECT (button), "mp-key");
  GtkEditable *entry = GTK_EDITABLE (self->pin_entry);

  if (g_strcmp0 (key, "ok") == 0)
    mp_kiosk_view_pin_activated (self);
  else if (g_strcmp0 (key, "back") == 0)
    {
      int length = (int) g_utf8_strlen (gtk_editable_get_text (entry), -1);

      if (length > 0)
        gtk_editable_delete_text (entry, length - 1, length);
    }
  else
    {
      int position = -1;

      gtk_editable_insert_text (entry, key, -1, &position);
    }
}

void
mp_kiosk_view_show_pin (MpKioskView *self)
{
  g_return_if_fail (MP_IS_KIOSK_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
  mp_kiosk_view_show_page (self, "pin");
  gtk_widget_grab_focus (self->pin_entry);
}

void
mp_kiosk_view_set_pin_message (MpKioskView *self,
                               const char  *message,
                               gboolean     locked)
{
  g_return_if_fail (MP_IS_KIOSK_VIEW (self));

  gtk_label_set_text (self->pin_message, message != NULL ? message : "");
  gtk_widget_set_sensitive (self->pin_entry, !locked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pin_pad), !locked);
  if (!locked && g_strcmp0 (mp_kiosk_view_get_page (self), "pin") == 0)
    gtk_widget_grab_focus (self->pin_entry);
}

const char *
mp_kiosk_view_get_page (MpKioskView *self)
{
  g_return_val_if_fail (MP_IS_KIOSK_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

static void
mp_kiosk_view_add_languages (MpKioskView *self)
{
  const MpKioskLanguage *languages;
  GtkToggleButton *group = NULL;
  guint n;

  languages = mp_kiosk_languages (&n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
      GtkWidget *label = gtk_label_new (languages[i].native_name);

      /* Each name in its own direction, whatever the kiosk's. */
      gtk_widget_set_direction (label, languages[i].rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
      gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
      gtk_widget_set_visible (check, FALSE);
      gtk_box_append (GTK_BOX (box), check);
      gtk_box_append (GTK_BOX (box), label);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      languages[i].native_name, -1);
      gtk_widget_add_css_class (button, "kiosk-language");
      g_object_set_data (G_OBJECT (button), "mp-language", (gpointer) languages[i].code);
      g_object_set_data (G_OBJECT (button), "mp-check", check);
      if (group == NULL)
        group = GTK_TOGGLE_BUTTON (button);
      else
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      if (g_strcmp0 (languages[i].code, self->language) == 0)
        {
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
          gtk_widget_set_visible (check, TRUE);
        }
      g_signal_connect_object (button, "toggled",
                               G_CALLBACK (mp_kiosk_view_language_toggled), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->language_box, button);
    }
}

static void
mp_kiosk_view_add_pin_pad (MpKioskView *self)
{
  static const char *keys[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "back", "0", "ok" };

  /* A keypad reads 1 2 3 from the left in every language. */
  gtk_widget_set_direction (GTK_WIDGET (self->pin_pad), GTK_TEXT_DIR_LTR);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkWidget *button;

      if (g_strcmp0 (keys[i], "back") == 0)
        {
          button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
          gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete the last digit"),
                                          -1);
        }
      else if (g_strcmp0 (keys[i], "ok") == 0)
        {
          button = gtk_button_new_with_label (_("OK"));
          gtk_widget_add_css_class (button, "suggested-action");
        }
      else
        button = gtk_button_new_with_label (keys[i]);

      gtk_widget_add_css_class (button, "kiosk-pin-key");
      gtk_widget_set_focus_on_click (button, FALSE);
      g_object_set_data (G_OBJECT (button), "mp-key", (gpointer) keys[i]);
      g_signal_connect_object (button, "clicked",
                               G_CALLBACK (mp_kiosk_view_pin_key_clicked), self, G_CONNECT_SWAPPED);
      gtk_grid_attach (self->pin_pad, button, (int) (i % 3), (int) (i / 3), 1, 1);
    }
}

static void
mp_kiosk_view_dispose (GObject *object)
{
  MpKioskView *self = (MpKioskView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_KIOSK_VIEW);
  g_clear_object (&self->store);
  g_clear_object (&self->event);

  G_OBJECT_CLASS (mp_kiosk_view_parent_class)->dispose (object);
}

static void
mp_kiosk_view_finalize (GObject *object)
{
  MpKioskView *self = (MpKioskView *)object;

  g_free (self->language);
  g_free (self->desk);

  G_OBJECT_CLASS (mp_kiosk_view_parent_class)->finalize (object);
}

static void
mp_kiosk_view_class_init (MpKioskViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_kiosk_view_dispose;
  object_class->finalize = mp_kiosk_view_finalize;

  signals[LANGUAGE_CHOSEN] =
    g_signal_new ("language-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[PIN_ENTERED] =
    g_signal_new ("pin-entered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[PAGE_CHANGED] =
    g_signal_new ("page-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (MP_TYPE_CHECK_IN_ANSWER);
  g_type_ensure (MP_TYPE_WALK_IN_FORM);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-kiosk-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, stack);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, language_box);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, title_label);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, when_label);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, scan_button);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, walk_in_button);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, answer);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, done_button);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, walk_in_form);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, pin_entry);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, pin_message);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, pin_pad);
  gtk_widget_class_bind_template_callback (widget_class, mp_kiosk_view_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, mp_kiosk_view_scan_clicked);
  gtk_widget_class_bind_template_callback (widget_class, mp_kiosk_view_walk_in_clicked);
  gtk_widget_class_bind_template_callback (widget_class, mp_kiosk_view_register_clicked);
  gtk_widget_class_bind_template_callback (widget_class, mp_kiosk_view_pin_activated);
}

static void
mp_kiosk_view_init (MpKioskView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MpKioskView *
mp_kiosk_view_new (MpStore    *store,
                   MpEvent    *event,
                   const char *language,
                   const char *desk)
{
  MpKioskView *self;
  g_autofree char *date = NULL;
  g_autofree char *starts = NULL;
  g_autofree char *ends = NULL;
  g_autofree char *when = NULL;
  const char *result_seconds = g_getenv ("MP_KIOSK_RESULT_SECONDS");

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (MP_IS_EVENT (event), NULL);

  self = g_object_new (MP_TYPE_KIOSK_VIEW, NULL);
  self->store = g_object_ref (store);
  self->event = g_object_ref (event);
  self->language = g_strdup (language);
  self->desk = g_strdup (desk);

  gtk_label_set_text (self->title_label, mp_event_get_title (event));
  date = mp_time_format_date (mp_event_get_starts_at (event));
  starts = mp_time_format_clock (mp_event_get_starts_at (event));
  if (mp_event_get_ends_at (event) > mp_event_get_starts_at (event))
    {
      ends = mp_time_format_clock (mp_event_get_ends_at (event));
      /* Translators: the date of the event and its time from start to
       * end: "Tuesday 8 March 2022, 09:00–12:00" */
      when = g_strdup_printf (_("%1$s, %2$s–%3$s"), date, starts, ends);
    }
  else
    when = mp_time_format_long (mp_event_get_starts_at (event));
  if (mp_event_get_venue (event) != NULL && mp_event_get_venue (event)[0] != '\0')
    {
      char *with_venue = g_strdup_printf ("%s\n%s", when, mp_event_get_venue (event));

      g_free (when);
      when = with_venue;
    }
  gtk_label_set_text (self->when_label, when);

  mp_kiosk_view_add_languages (self);
  mp_walk_in_form_set_store (self->walk_in_form, store);
  if (result_seconds != NULL && g_ascii_strtoull (result_seconds, NULL, 10) > 0)
    mp_check_in_answer_set_reset_seconds (self->answer, (guint) g_ascii_strtoull (result_seconds, NULL, 10));
  else
    mp_check_in_answer_set_reset_seconds (self->answer, RESULT_SECONDS);
  mp_kiosk_view_add_pin_pad (self);

  return self;
}
