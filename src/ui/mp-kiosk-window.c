#define G_LOG_DOMAIN "mp-kiosk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-debug-state.h"
#include "mp-kiosk-language.h"
#include "mp-kiosk-view.h"
#include "mp-kiosk-window.h"
#include "mp-pin.h"
#include "mp-scan-capture.h"

#define IDLE_SECONDS      30
#define PIN_WAIT_SECONDS  30
#define PIN_WAIT_MAX      (15 * 60)
#define FREE_PIN_TRIES    5

struct _MpKioskWindow
{
  AdwWindow       parent_instance;

  MpStore        *store;
  MpEvent        *event;
  GSettings      *settings;
  char           *desk;
  char           *default_language;
  char           *language;
  MpScanCapture  *capture;
  GPtrArray      *disabled_actions;   /* GSimpleAction, to enable again */
  gboolean        leaving;
  GtkWindow      *return_to;          /* weak: the window it was opened from */

  gint64          last_activity;      /* monotonic µs */
  guint           idle_seconds;
  guint           idle_source;
  guint           idle_resets;

  guint           wrong_pins;
  gint64          locked_until;       /* monotonic µs */
  guint           lock_source;

  char           *pending_language;
  guint           language_source;

  guint           debug_state_source;

  MpKioskView    *view;
  AdwBin         *view_bin;
  GtkWidget      *lock_button;
};

G_DEFINE_FINAL_TYPE (MpKioskWindow, mp_kiosk_window, ADW_TYPE_WINDOW)

static guint
env_seconds (const char *name,
             guint       fallback)
{
  const char *value = g_getenv (name);
  guint64 seconds;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, 24 * 3600, &seconds, NULL))
    return fallback;
  return (guint) seconds;
}

gboolean
mp_kiosk_window_has_pin (GSettings *settings)
{
  g_autofree char *hash = NULL;

  if (settings == NULL)
    return FALSE;
  hash = g_settings_get_string (settings, "kiosk-pin-hash");
  return hash[0] != '\0';
}

/* What the kiosk shows, for tests (MP_DEBUG_STATE, mp-debug-state.h). */
static void
mp_kiosk_window_describe (GtkWidget *window,
                          GString   *state)
{
  MpKioskWindow *self = MP_KIOSK_WINDOW (window);

  g_string_append (state, "page=kiosk\n");
  g_string_append_printf (state, "language=%s\n", self->language);
  g_string_append_printf (state, "direction=%s\n",
                          gtk_widget_get_direction (GTK_WIDGET (self->view)) == GTK_TEXT_DIR_RTL ? "rtl" : "ltr");
  g_string_append_printf (state, "idle-resets=%u\n", self->idle_resets);
  g_string_append_printf (state, "wrong-pins=%u\n", self->wrong_pins);
  if (self->view != NULL)
    mp_kiosk_view_describe (self->view, state);
  _mp_kiosk_view_describe_button (state, "lock", self->lock_button);
}

static void
mp_kiosk_window_page_changed (MpKioskWindow *self)
{
  /* A PIN typed quickly must not be taken for a scan. */
  if (self->capture != NULL)
    mp_scan_capture_set_enabled (self->capture,
                                 g_strcmp0 (mp_kiosk_view_get_page (self->view), "pin") != 0);
}

static void mp_kiosk_window_language_chosen (MpKioskWindow *self,
                                             const char    *code);
static void mp_kiosk_window_pin_entered     (MpKioskWindow *self,
                                             const char    *pin);

/* A fresh view: nothing of the last visitor remains, and every string
 * is translated in the language now in force. */
static void
mp_kiosk_window_rebuild (MpKioskWindow *self,
                         const char    *language)
{
  gint64 start = g_get_monotonic_time ();

  g_free (self->language);
  self->language = g_strdup (language);
  mp_kiosk_language_apply (language);

  /* Nothing keeps the focus inside the view that goes. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  self->view = mp_kiosk_view_new (self->store, self->event, language, self->desk);
  g_signal_connect_object (self->view, "language-chosen",
                           G_CALLBACK (mp_kiosk_window_language_chosen), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "pin-entered",
                           G_CALLBACK (mp_kiosk_window_pin_entered), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "page-changed",
                           G_CALLBACK (mp_kiosk_window_page_changed), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->view_bin, GTK_WIDGET (self->view));
  mp_kiosk_window_page_changed (self);
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  g_debug ("Kiosk view built in %s in %.1f ms", language,
           (g_get_monotonic_time () - start) / 1000.0);
}

static gboolean
mp_kiosk_window_apply_language (gpointer user_data)
{
  MpKioskWindow *self = user_data;
  g_autofree char *code = g_steal_pointer (&self->pending_language);

  self->language_source = 0;
  mp_kiosk_window_rebuild (self, code);
  return G_SOURCE_REMOVE;
}

static void
mp_kiosk_window_language_chosen (MpKioskWindow *self,
                                 const char    *code)
{
  /* Not from inside the old view's own signal: it is about to go. */
  g_free (self->pending_language);
  self->pending_language = g_strdup (code);
  if (self->language_source == 0)
    self->language_source = g_idle_add (mp_kiosk_window_apply_language, self);
}

static gboolean
mp_kiosk_window_idle_check (gpointer user_data)
{
  MpKioskWindow *self = user_data;
  gint64 idle = g_get_monotonic_time () - self->last_activity;

  if (idle >= (gint64) self->idle_seconds * G_USEC_PER_SEC
      && (g_strcmp0 (mp_kiosk_view_get_page (self->view), "welcome") != 0
          || g_strcmp0 (self->language, self->default_language) != 0))
    {
      self->idle_resets++;
      mp_kiosk_window_rebuild (self, self->default_language);
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
mp_kiosk_window_input_event (MpKioskWindow          *self,
                             GdkEvent               *event,
                             GtkEventControllerLegacy *controller)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_SCROLL:
      self->last_activity = g_get_monotonic_time ();
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
mp_kiosk_window_scanned (MpKioskWindow *self,
                         const char    *text)
{
  self->last_activity = g_get_monotonic_time ();
  mp_kiosk_view_check_in (self->view, text);
}

static void
mp_kiosk_window_lock_clicked (MpKioskWindow *self)
{
  mp_kiosk_view_show_pin (self->view);
  /* A pause still running shows at once. */
  if (self->locked_until > g_get_monotonic_time ())
    mp_kiosk_view_set_pin_message (self->view, _("Too many wrong PINs. Wait a moment."), TRUE);
}

static guint
mp_kiosk_window_seconds_locked (MpKioskWindow *self)
{
  gint64 left = self->locked_until - g_get_monotonic_time ();

  return left > 0 ? (guint) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC) : 0;
}

static gboolean
mp_kiosk_window_lock_tick (gpointer user_data)
{
  MpKioskWindow *self = user_data;
  guint seconds = mp_kiosk_window_seconds_locked (self);

  if (seconds == 0)
    {
      self->lock_source = 0;
      mp_kiosk_view_set_pin_message (self->view, _("You can try again now."), FALSE);
      return G_SOURCE_REMOVE;
    }

  {
    g_autofree char *message =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "Too many wrong PINs. Try again in %u second.",
                                    "Too many wrong PINs. Try again in %u seconds.",
                                    seconds),
                       seconds);

    mp_kiosk_view_set_pin_message (self->view, message, TRUE);
  }
  return G_SOURCE_CONTINUE;
}

static void
mp_kiosk_window_enable_actions (MpKioskWindow *self)
{
  if (self->disabled_actions == NULL)
    return;
  for (guint i = 0; i < self->disabled_actions->len; i++)
    g_simple_action_set_enabled (g_ptr_array_index (self->disabled_actions, i), TRUE);
  g_clear_pointer (&self->disabled_actions, g_ptr_array_unref);
}

static void
mp_kiosk_window_set_return_to (MpKioskWindow *self,
                               GtkWindow     *window)
{
  if (self->return_to != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->return_to), (gpointer *) &self->return_to);
  self->return_to = window;
  if (window != NULL)
    g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->return_to);
}

/* The organiser's PIN: back to the window the kiosk was opened from; a
 * kiosk started on its own (--kiosk) ends the program. */
static void
mp_kiosk_window_leave (MpKioskWindow *self)
{
  self->leaving = TRUE;
  mp_kiosk_window_enable_actions (self);
  if (self->return_to != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->return_to), TRUE);
      gtk_window_present (self->return_to);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
mp_kiosk_window_pin_entered (MpKioskWindow *self,
                             const char    *pin)
{
  g_autofree char *hash = NULL;

  if (mp_kiosk_window_seconds_locked (self) > 0)
    return;

  hash = g_settings_get_string (self->settings, "kiosk-pin-hash");
  if (mp_pin_verify (hash, pin))
    {
      g_debug ("Kiosk left with the organiser's PIN");
      mp_kiosk_window_leave (self);
      return;
    }

  self->wrong_pins++;
  if (self->wrong_pins >= FREE_PIN_TRIES)
    {
      /* 30 s after the fifth wrong PIN, then 60 s, 120 s … up to 15 min */
      guint shift = MIN (self->wrong_pins - FREE_PIN_TRIES, 10);
      guint64 wait = (guint64) env_seconds ("MP_KIOSK_PIN_WAIT_SECONDS", PIN_WAIT_SECONDS) << shift;

      wait = MIN (wait, PIN_WAIT_MAX);
      self->locked_until = g_get_monotonic_time () + (gint64) wait * G_USEC_PER_SEC;
      g_clear_handle_id (&self->lock_source, g_source_remove);
      mp_kiosk_window_lock_tick (self);
      self->lock_source = g_timeout_add_seconds (1, mp_kiosk_window_lock_tick, self);
    }
  else
    {
      guint left = FREE_PIN_TRIES - self->wrong_pins;
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Wrong PIN. %u more try before a pause.",
                                      "Wrong PIN. %u more tries before a pause.",
                                      left),
                         left);

      mp_kiosk_view_set_pin_message (self->view, message, FALSE);
    }
}

static gboolean
mp_kiosk_window_close_request (GtkWindow *window)
{
  MpKioskWindow *self = MP_KIOSK_WINDOW (window);

  /* Alt+F4, the close button, a window manager's close: only the PIN
   * leaves. */
  if (!self->leaving)
    {
      mp_kiosk_view_show_pin (self->view);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (mp_kiosk_window_parent_class)->close_request (window);
}

/* Ctrl+Q, Ctrl+N, Ctrl+F, About…: none of the application's actions
 * runs while the kiosk does, whatever their shortcuts. */
static void
mp_kiosk_window_disable_actions (MpKioskWindow  *self,
                                 GtkApplication *application)
{
  g_auto(GStrv) names = g_action_group_list_actions (G_ACTION_GROUP (application));

  self->disabled_actions = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; names[i] != NULL; i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (application), names[i]);

      if (G_IS_SIMPLE_ACTION (action) && g_action_get_enabled (action))
        {
          g_simple_action_set_enabled (G_SIMPLE_ACTION (action), FALSE);
          g_ptr_array_add (self->disabled_actions, g_object_ref (action));
        }
    }
}

static void
mp_kiosk_window_dispose (GObject *object)
{
  MpKioskWindow *self = (MpKioskWindow *)object;

  mp_kiosk_window_enable_actions (self);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_handle_id (&self->lock_source, g_source_remove);
  g_clear_handle_id (&self->language_source, g_source_remove);
  g_clear_handle_id (&self->debug_state_source, g_source_remove);
  g_clear_object (&self->capture);
  mp_kiosk_window_set_return_to (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_KIOSK_WINDOW);
  self->view = NULL;
  g_clear_object (&self->store);
  g_clear_object (&self->event);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mp_kiosk_window_parent_class)->dispose (object);
}

static void
mp_kiosk_window_finalize (GObject *object)
{
  MpKioskWindow *self = (MpKioskWindow *)object;

  g_free (self->desk);
  g_free (self->default_language);
  g_free (self->language);
  g_free (self->pending_language);

  G_OBJECT_CLASS (mp_kiosk_window_parent_class)->finalize (object);
}

static void
mp_kiosk_window_class_init (MpKioskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mp_kiosk_window_dispose;
  object_class->finalize = mp_kiosk_window_finalize;
  window_class->close_request = mp_kiosk_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-kiosk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MpKioskWindow, view_bin);
  gtk_widget_class_bind_template_child (widget_class, MpKioskWindow, lock_button);
  gtk_widget_class_bind_template_callback (widget_class, mp_kiosk_window_lock_clicked);
}

static void
mp_kiosk_window_init (MpKioskWindow *self)
{
  GtkEventController *legacy;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Any touch or key, seen before anything else handles it. */
  legacy = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect_object (legacy, "event",
                           G_CALLBACK (mp_kiosk_window_input_event), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), legacy);

  self->capture = mp_scan_capture_new (GTK_WIDGET (self));
  g_signal_connect_object (self->capture, "scanned",
                           G_CALLBACK (mp_kiosk_window_scanned), self, G_CONNECT_SWAPPED);

  self->idle_seconds = env_seconds ("MP_KIOSK_IDLE_SECONDS", IDLE_SECONDS);
  self->last_activity = g_get_monotonic_time ();
  self->idle_source = g_timeout_add (250, mp_kiosk_window_idle_check, self);

  self->debug_state_source = mp_debug_state_watch (GTK_WIDGET (self), mp_kiosk_window_describe);
}

MpKioskWindow *
mp_kiosk_window_new (GtkApplication *application,
                     MpStore        *store,
                     MpEvent        *event,
                     GSettings      *settings)
{
  MpKioskWindow *self;
  g_autofree char *language = NULL;
  g_autofree char *desk = NULL;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (MP_IS_EVENT (event), NULL);
  g_return_val_if_fail (mp_kiosk_window_has_pin (settings), NULL);

  self = g_object_new (MP_TYPE_KIOSK_WINDOW, "application", application, NULL);
  self->store = g_object_ref (store);
  self->event = g_object_ref (event);
  self->settings = g_object_ref (settings);

  /* The check-ins made here say so, in every language alike. */
  desk = g_settings_get_string (settings, "desk-name");
  self->desk = mp_desk_name_resolve (desk, MP_DESK_KIND_KIOSK);

  language = g_settings_get_string (settings, "kiosk-language");
  self->default_language = g_strdup (mp_kiosk_language_find (language) != NULL
                                     ? language : mp_kiosk_language_for_desktop ());

  mp_kiosk_window_disable_actions (self, application);
  mp_kiosk_window_rebuild (self, self->default_language);
  gtk_window_fullscreen (GTK_WINDOW (self));

  return self;
}

/* -- opened from a window: it waits, hidden, for the organiser's PIN */

static void
start_over (GtkWindow *parent,
            MpStore   *store,
            MpEvent   *event,
            GSettings *settings,
            gboolean   return_to_parent)
{
  MpKioskWindow *kiosk = mp_kiosk_window_new (gtk_window_get_application (parent), store, event, settings);

  if (return_to_parent)
    {
      mp_kiosk_window_set_return_to (kiosk, parent);
      gtk_widget_set_visible (GTK_WIDGET (parent), FALSE);
    }
  gtk_window_present (GTK_WINDOW (kiosk));
}

/* -- no PIN yet: the organiser sets one here and now, twice */

typedef struct
{
  GtkWindow  *parent;
  MpStore    *store;
  MpEvent    *event;
  GSettings  *settings;
  GtkWidget  *entry;
  GtkWidget  *repeat;
  GtkLabel   *hint;
  gboolean    return_to_parent;
} PinRequest;

static void
pin_request_free (PinRequest *request)
{
  g_clear_object (&request->store);
  g_clear_object (&request->event);
  g_clear_object (&request->settings);
  g_free (request);
}

static gboolean
pin_request_ready (PinRequest *request)
{
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (request->entry));

  return mp_pin_is_acceptable (pin) && g_str_equal (pin, gtk_editable_get_text (GTK_EDITABLE (request->repeat)));
}

static void
pin_request_changed (AdwMessageDialog *dialog)
{
  PinRequest *request = g_object_get_data (G_OBJECT (dialog), "mp-pin-request");
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (request->entry));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (request->repeat));
  const char *hint = "";

  if (*pin != '\0' && !mp_pin_is_acceptable (pin))
    hint = _("A PIN is 4 to 12 digits.");
  else if (*repeat != '\0' && !g_str_equal (pin, repeat))
    hint = _("The two PINs are not the same.");
  gtk_label_set_text (request->hint, hint);
  adw_message_dialog_set_response_enabled (dialog, "start", pin_request_ready (request));
}

static gboolean
destroy_window_idle (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static gboolean
pin_request_start_idle (gpointer user_data)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (user_data), "start");
  return G_SOURCE_REMOVE;
}

/* Enter in the first field goes to the second; in the second it starts
 * the kiosk, but not from inside the entry's own key handling: the
 * response closes the dialog and the entry with it. */
static void
pin_request_activate (AdwMessageDialog *dialog)
{
  PinRequest *request = g_object_get_data (G_OBJECT (dialog), "mp-pin-request");

  if (pin_request_ready (request))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, pin_request_start_idle,
                     g_object_ref (dialog), g_object_unref);
}

static void
pin_request_response (AdwMessageDialog *dialog,
                      const char       *response)
{
  PinRequest *request = g_object_get_data (G_OBJECT (dialog), "mp-pin-request");
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;

  /* GTK 4.8's GtkPasswordEntry warns when its window goes while it has
   * the focus; the dialog closes right after this. */
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);

  if (g_strcmp0 (response, "start") != 0 || !pin_request_ready (request))
    return;

  hash = mp_pin_hash (gtk_editable_get_text (GTK_EDITABLE (request->entry)), &error);
  if (hash == NULL || !g_settings_set_string (request->settings, "kiosk-pin-hash", hash))
    {
      g_warning ("The kiosk PIN could not be kept: %s",
                 error != NULL ? error->message : "settings refused it");
      return;
    }

  start_over (request->parent, request->store, request->event, request->settings, request->return_to_parent);
  /* Started on its own (--kiosk): the window that asked goes, not from
   * inside its own dialog's response. */
  if (!request->return_to_parent)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_window_idle,
                     g_object_ref (request->parent), g_object_unref);
}

static GtkWidget *
pin_entry_new (const char *label)
{
  GtkWidget *entry = gtk_password_entry_new ();

  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  g_object_set (entry, "placeholder-text", label, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return entry;
}

static void
ask_for_pin (GtkWindow *parent,
             MpStore   *store,
             MpEvent   *event,
             GSettings *settings,
             gboolean   return_to_parent)
{
  AdwMessageDialog *dialog;
  PinRequest *request;
  GtkWidget *box, *hint;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Set a Kiosk PIN First"), NULL));
  if (settings == NULL)
    {
      adw_message_dialog_set_body (dialog, _("Settings cannot be kept on this computer, so no PIN can be set and the kiosk cannot start."));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  adw_message_dialog_set_body (dialog, _("The kiosk can only be left with the organiser’s PIN. Choose one of 4 to 12 digits now, or later in Preferences, and type it twice."));
  request = g_new0 (PinRequest, 1);
  request->parent = parent;
  request->store = g_object_ref (store);
  request->event = g_object_ref (event);
  request->settings = g_object_ref (settings);
  request->return_to_parent = return_to_parent;
  request->entry = pin_entry_new (_("Kiosk PIN"));
  request->repeat = pin_entry_new (_("The same PIN again"));
  hint = gtk_label_new ("");
  gtk_widget_add_css_class (hint, "error");
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  request->hint = GTK_LABEL (hint);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), request->entry);
  gtk_box_append (GTK_BOX (box), request->repeat);
  gtk_box_append (GTK_BOX (box), hint);
  adw_message_dialog_set_extra_child (dialog, box);
  g_object_set_data_full (G_OBJECT (dialog), "mp-pin-request", request, (GDestroyNotify) pin_request_free);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "start", _("_Start Kiosk"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "start", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "start", FALSE);
  adw_message_dialog_set_default_response (dialog, "start");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_signal_connect_object (request->entry, "changed", G_CALLBACK (pin_request_changed), dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (request->repeat, "changed", G_CALLBACK (pin_request_changed), dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (request->entry, "activate", G_CALLBACK (gtk_widget_grab_focus), request->repeat, G_CONNECT_SWAPPED);
  g_signal_connect_object (request->repeat, "activate", G_CALLBACK (pin_request_activate), dialog, G_CONNECT_SWAPPED);
  g_signal_connect (dialog, "response", G_CALLBACK (pin_request_response), NULL);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (request->entry);
}

void
mp_kiosk_window_ask_for_pin (GtkWindow *parent,
                             MpStore   *store,
                             MpEvent   *event,
                             GSettings *settings)
{
  g_return_if_fail (GTK_IS_WINDOW (parent));

  ask_for_pin (parent, store, event, settings, FALSE);
}

void
mp_kiosk_window_open (GtkWindow *parent,
                      MpStore   *store,
                      MpEvent   *event,
                      GSettings *settings)
{
  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (MP_IS_STORE (store));
  g_return_if_fail (MP_IS_EVENT (event));

  if (mp_kiosk_window_has_pin (settings))
    start_over (parent, store, event, settings, TRUE);
  else
    ask_for_pin (parent, store, event, settings, TRUE);
}
