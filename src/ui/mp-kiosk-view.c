#define G_LOG_DOMAIN "mp-kiosk-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mp-error.h"
#include "mp-kiosk-language.h"
#include "mp-kiosk-view.h"
#include "mp-time.h"

/* How long an answer stays before the welcome screen comes back.
 * MP_KIOSK_RESULT_SECONDS overrides it (tests). */
#define RESULT_SECONDS 8

struct _MpKioskView
{
  GtkWidget        parent_instance;

  MpStore         *store;
  MpEvent         *event;
  char            *language;
  char            *desk;
  char            *result_kind;     /* for MP_DEBUG_STATE */
  GtkWidget       *selected_sector;
  guint            result_source;

  GtkStack        *stack;
  GtkBox          *language_box;
  GtkLabel        *title_label;
  GtkLabel        *when_label;
  GtkWidget       *scan_button;
  GtkWidget       *walk_in_button;
  GtkWidget       *result_box;
  GtkImage        *result_icon;
  GtkLabel        *result_title;
  GtkLabel        *result_detail;
  GtkLabel        *result_advice;
  GtkEntry        *name_entry;
  GtkEntry        *organisation_entry;
  GtkEntry        *email_entry;
  GtkFlowBox      *sector_box;
  GtkCheckButton  *followup_check;
  GtkCheckButton  *photo_check;
  GtkLabel        *walk_in_error;
  GtkWidget       *register_button;
  GtkWidget       *pin_entry;
  GtkLabel        *pin_message;
  GtkGrid         *pin_pad;
};

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
  g_clear_handle_id (&self->result_source, g_source_remove);
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
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

static gboolean
mp_kiosk_view_result_timeout (gpointer user_data)
{
  MpKioskView *self = user_data;

  self->result_source = 0;
  mp_kiosk_view_show_page (self, "welcome");
  return G_SOURCE_REMOVE;
}

typedef enum
{
  RESULT_GREEN,
  RESULT_AMBER,
  RESULT_RED,
} ResultColour;

/* Fills the screen with an answer: colour, icon and words, never colour
 * alone. */
static void
mp_kiosk_view_show_result (MpKioskView  *self,
                           ResultColour  colour,
                           const char   *kind,
                           const char   *title,
                           const char   *detail,
                           const char   *advice)
{
  static const char *classes[] = { "green", "amber", "red" };
  static const char *icons[] = { "emblem-ok-symbolic", "dialog-warning-symbolic", "dialog-error-symbolic" };
  const char *seconds = g_getenv ("MP_KIOSK_RESULT_SECONDS");
  guint timeout = RESULT_SECONDS;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (self->result_box, classes[i]);
  gtk_widget_add_css_class (self->result_box, classes[colour]);
  gtk_image_set_from_icon_name (self->result_icon, icons[colour]);
  gtk_label_set_text (self->result_title, title);
  gtk_label_set_text (self->result_detail, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->result_detail), detail != NULL && detail[0] != '\0');
  gtk_label_set_text (self->result_advice, advice);
  g_free (self->result_kind);
  self->result_kind = g_strdup (kind);

  mp_kiosk_view_show_page (self, "result");

  if (seconds != NULL && g_ascii_strtoull (seconds, NULL, 10) > 0)
    timeout = (guint) g_ascii_strtoull (seconds, NULL, 10);
  self->result_source = g_timeout_add_seconds (timeout, mp_kiosk_view_result_timeout, self);
}

static void
mp_kiosk_view_show_check_in_result (MpKioskView     *self,
                                    MpCheckInResult *result)
{
  MpAttendee *attendee = mp_check_in_result_get_attendee (result);
  const char *name = attendee != NULL ? mp_attendee_get_name (attendee) : "";
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;

  switch (mp_check_in_result_get_outcome (result))
    {
    case MP_CHECK_IN_CHECKED_IN:
      /* Translators: the kiosk greets the person whose ticket was
       * scanned: "Welcome, Kari Nordmann!" */
      title = g_strdup_printf (_("Welcome, %s!"), name);
      mp_kiosk_view_show_result (self, RESULT_GREEN, "checked-in", title,
                                 mp_attendee_get_organisation (attendee),
                                 _("You are checked in. Come on in!"));
      break;

    case MP_CHECK_IN_ALREADY:
      {
        g_autofree char *clock = mp_time_format_clock (mp_check_in_result_get_at (result));

        /* Translators: "Kari Nordmann, checked in at 08.42" */
        detail = g_strdup_printf (_("%s, checked in at %s"), name, clock);
        mp_kiosk_view_show_result (self, RESULT_AMBER, "already", _("You are already checked in"), detail,
                                   _("You can go straight in. If this is not your ticket, please ask at the desk."));
      }
      break;

    case MP_CHECK_IN_WRONG_EVENT:
      mp_kiosk_view_show_result (self, RESULT_RED, "wrong-event", _("This ticket is for another event"), NULL,
                                 _("Look at the date and the name of the event on your ticket, or ask at the desk."));
      break;

    case MP_CHECK_IN_CANCELLED:
      mp_kiosk_view_show_result (self, RESULT_RED, "cancelled", _("This registration was cancelled"), name,
                                 _("Please ask at the desk: they can register you again."));
      break;

    case MP_CHECK_IN_WAITLISTED:
      mp_kiosk_view_show_result (self, RESULT_AMBER, "waitlisted", _("You are on the waiting list"), name,
                                 _("Please ask at the desk whether there is room."));
      break;

    case MP_CHECK_IN_NOT_A_TICKET:
    default:
      mp_kiosk_view_show_result (self, RESULT_RED, "not-a-ticket", _("This is not a ticket for this event"), NULL,
                                 _("Try again with the QR code on your ticket, or ask at the desk."));
      break;
    }
}

static void
mp_kiosk_view_show_failure (MpKioskView  *self,
                            const GError *error)
{
  /* The attendee cannot mend a database; the organiser finds the cause
   * in the log. */
  g_warning ("Kiosk: %s", error->message);
  mp_kiosk_view_show_result (self, RESULT_RED, "failed", _("Something went wrong"), NULL,
                             _("Nothing was recorded. Please ask at the desk."));
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
mp_kiosk_view_show_walk_in_error (MpKioskView *self,
                                  const char  *message,
                                  GtkWidget   *focus)
{
  gtk_label_set_text (self->walk_in_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->walk_in_error), TRUE);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

static void
mp_kiosk_view_register_clicked (MpKioskView *self)
{
  MpRegistrationInput input = { 0 };
  g_autoptr(MpAttendee) attendee = NULL;
  g_autoptr(MpCheckInResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));

  if (name[0] == '\0')
    {
      mp_kiosk_view_show_walk_in_error (self, _("Please write your name."), GTK_WIDGET (self->name_entry));
      return;
    }

  input.name = g_strdup (name);
  input.organisation = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->organisation_entry)));
  input.email = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->email_entry)));
  if (self->selected_sector != NULL)
    input.sector = g_strdup (g_object_get_data (G_OBJECT (self->selected_sector), "mp-sector"));
  input.consent_followup = gtk_check_button_get_active (self->followup_check) ? MP_CONSENT_YES : MP_CONSENT_NO;
  input.consent_photo = gtk_check_button_get_active (self->photo_check) ? MP_CONSENT_YES : MP_CONSENT_NO;
  input.status = MP_REGISTRATION_STATUS_REGISTERED;
  input.source = MP_REGISTRATION_SOURCE_KIOSK;

  attendee = mp_store_register (self->store, mp_event_get_id (self->event), &input, &error);
  mp_registration_input_clear (&input);

  if (attendee == NULL)
    {
      if (g_error_matches (error, MP_ERROR, MP_ERROR_EXISTS))
        /* Not checked in from here: typing a name must not be enough to
         * check in someone else. The desk can find them by name. */
        mp_kiosk_view_show_result (self, RESULT_AMBER, "registered-before", _("You are already registered"), name,
                                   _("Scan your ticket, or ask at the desk: they will find you by name."));
      else if (g_error_matches (error, MP_ERROR, MP_ERROR_INVALID))
        mp_kiosk_view_show_walk_in_error (self, error->message, NULL);
      else
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
mp_kiosk_view_sector_toggled (MpKioskView     *self,
                              GtkToggleButton *button)
{
  if (gtk_toggle_button_get_active (button))
    self->selected_sector = GTK_WIDGET (button);
  else if (self->selected_sector == GTK_WIDGET (button))
    self->selected_sector = NULL;
}

static void
mp_kiosk_view_language_toggled (MpKioskView     *self,
                                GtkToggleButton *button)
{
  const char *code = g_object_get_data (G_OBJECT (button), "mp-language");

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
    _mp_kiosk_view_describe_button (state, g_object_get_data (G_OBJECT (button), "mp-language"), button);
  _mp_kiosk_view_describe_button (state, "scan", self->scan_button);
  _mp_kiosk_view_describe_button (state, "walk-in", self->walk_in_button);
  _mp_kiosk_view_describe_button (state, "register", self->register_button);

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
      g_string_append_printf (state, "result=%s\n", self->result_kind);
      g_string_append_printf (state, "result-title=%s\n", gtk_label_get_text (self->result_title));
      g_string_append_printf (state, "result-advice=%s\n", gtk_label_get_text (self->result_advice));
    }
  else if (g_strcmp0 (page, "walk-in") == 0)
    {
      g_string_append_printf (state, "walk-in-name=%s\n", gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
      if (gtk_widget_get_visible (GTK_WIDGET (self->walk_in_error)))
        g_string_append_printf (state, "walk-in-error=%s\n", gtk_label_get_text (self->walk_in_error));
    }
  else if (g_strcmp0 (page, "pin") == 0)
    {
      g_string_append_printf (state, "pin-message=%s\n", gtk_label_get_text (self->pin_message));
      g_string_append_printf (state, "pin-locked=%s\n",
                              gtk_widget_get_sensitive (self->pin_entry) ? "no" : "yes");
    }
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
      GtkWidget *button = gtk_toggle_button_new_with_label (languages[i].native_name);
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

      /* Each name in its own direction, whatever the kiosk's. */
      gtk_widget_set_direction (label, languages[i].rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
      gtk_widget_add_css_class (button, "kiosk-language");
      g_object_set_data (G_OBJECT (button), "mp-language", (gpointer) languages[i].code);
      if (group == NULL)
        group = GTK_TOGGLE_BUTTON (button);
      else
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      if (g_strcmp0 (languages[i].code, self->language) == 0)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
      g_signal_connect_object (button, "toggled",
                               G_CALLBACK (mp_kiosk_view_language_toggled), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->language_box, button);
    }
}

static void
mp_kiosk_view_add_sectors (MpKioskView *self)
{
  g_autoptr(GPtrArray) sectors = NULL;
  g_autoptr(GError) error = NULL;
  GtkToggleButton *group = NULL;

  sectors = mp_store_list_sectors (self->store, &error);
  if (sectors == NULL)
    {
      g_warning ("Kiosk: %s", error->message);
      return;
    }

  for (guint i = 0; i < sectors->len; i++)
    {
      MpSector *sector = g_ptr_array_index (sectors, i);
      GtkWidget *button = gtk_toggle_button_new_with_label (mp_sector_display_name (sector->name));

      gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), TRUE);
      gtk_label_set_justify (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (button, "kiosk-sector");
      g_object_set_data_full (G_OBJECT (button), "mp-sector", g_strdup (sector->name), g_free);
      if (group == NULL)
        group = GTK_TOGGLE_BUTTON (button);
      else
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      g_signal_connect_object (button, "toggled",
                               G_CALLBACK (mp_kiosk_view_sector_toggled), self, G_CONNECT_SWAPPED);
      gtk_flow_box_append (self->sector_box, button);
      /* The flow box's child takes the focus too: name it as the button. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (button)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, mp_sector_display_name (sector->name), -1);
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

  g_clear_handle_id (&self->result_source, g_source_remove);
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
  g_free (self->result_kind);

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

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-kiosk-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, stack);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, language_box);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, title_label);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, when_label);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, scan_button);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, walk_in_button);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, result_box);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, result_icon);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, result_title);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, result_detail);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, result_advice);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, name_entry);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, organisation_entry);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, email_entry);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, sector_box);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, followup_check);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, photo_check);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, walk_in_error);
  gtk_widget_class_bind_template_child (widget_class, MpKioskView, register_button);
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
  g_type_ensure (ADW_TYPE_CLAMP);
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
  mp_kiosk_view_add_sectors (self);
  mp_kiosk_view_add_pin_pad (self);

  return self;
}
