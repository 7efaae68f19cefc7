#define G_LOG_DOMAIN "mp-desk-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-hub-indicator.h"
#include "mp-desk.h"
#include "mp-desk-page-private.h"
#include "mp-kiosk-window.h"
#include "mp-time.h"

/* How often the counter looks for check-ins made at other desks. */
#define POLL_SECONDS 1
/* How long a refusal the desk may overrule stays: time to ask. */
#define ADMIT_OFFER_SECONDS 20

G_DEFINE_FINAL_TYPE (MpDeskPage, mp_desk_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_EVENT,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The name this desk records with every check-in (mp-desk.h). */
const char *
_mp_desk_page_get_desk_name (MpDeskPage *self)
{
  g_autofree char *setting = self->settings != NULL ? g_settings_get_string (self->settings, "desk-name") : NULL;

  g_free (self->desk_name);
  self->desk_name = mp_desk_name_resolve (setting, MP_DESK_KIND_DESK);
  return self->desk_name;
}

/* The counter */

static void
mp_desk_page_show_counts (MpDeskPage *self)
{
  g_autofree char *arrived = NULL;
  g_autofree char *walk_ins = NULL;

  /* Translators: the desk's counter: arrived / registered, "37 / 120" */
  arrived = g_strdup_printf (C_("desk counter", "%u / %u"), self->counts.arrived, self->counts.registered);
  gtk_label_set_label (self->arrived_label, arrived);
  /* Translators: under "37 / 120" on the desk's counter */
  walk_ins = g_strdup_printf (ngettext ("arrived of registered, %u walk-in",
                                        "arrived of registered, %u walk-ins",
                                        self->counts.walk_ins),
                              self->counts.walk_ins);
  gtk_label_set_label (self->walk_ins_label, walk_ins);
}

static void
mp_desk_page_set_counts (MpDeskPage          *self,
                         const MpEventCounts *counts)
{
  self->counts = *counts;
  self->have_counts = TRUE;
  mp_desk_page_show_counts (self);
}

/* Counting costs tens of milliseconds at 100,000 registrations: done
 * when the desk opens and when another desk has written; this desk's
 * own check-ins bring the counts after them (MpCheckInResult). */
static void
mp_desk_page_update_counts (MpDeskPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->event == NULL)
    return;

  MpEventCounts counts;

  if (!mp_store_get_counts (self->store, mp_event_get_id (self->event), &counts, &error))
    {
      g_debug ("Counts: %s", error->message);
      return;
    }
  mp_desk_page_set_counts (self, &counts);
}

static gboolean
mp_desk_page_poll_cb (gpointer user_data)
{
  MpDeskPage *self = user_data;
  gint64 version;

  if (self->store == NULL)
    return G_SOURCE_CONTINUE;

  /* Another desk on the same file has committed something. */
  version = mp_database_get_data_version (mp_store_get_database (self->store));
  if (version != self->data_version)
    {
      self->data_version = version;
      mp_desk_page_update_counts (self);
      mp_desk_search_refresh (self->search);
    }
  return G_SOURCE_CONTINUE;
}

void
mp_desk_page_look_for_changes (MpDeskPage *self)
{
  g_return_if_fail (MP_IS_DESK_PAGE (self));

  mp_desk_page_poll_cb (self);
}

/* The answer */

gboolean
_mp_desk_page_walk_in_shown (MpDeskPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "walk-in") == 0;
}

/* Admit Anyway: offered for the refusal shown (waiting list, cancelled),
 * until another answer comes or this one has had its time. A scan that
 * comes meanwhile is answered as usual and admits no one. */
static void
mp_desk_page_set_admit_offer (MpDeskPage      *self,
                              MpCheckInResult *result)
{
  gboolean offer = result != NULL && mp_check_in_result_can_admit_anyway (result);

  g_clear_pointer (&self->admit_name, g_free);
  self->admit_registration_id = 0;
  if (offer)
    {
      MpAttendee *attendee = mp_check_in_result_get_attendee (result);

      self->admit_registration_id = mp_attendee_get_registration_id (attendee);
      self->admit_name = g_strdup (mp_attendee_get_name (attendee));
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "desk.admit-anyway", offer);
  gtk_widget_set_visible (self->admit_button, offer);
  gtk_widget_set_visible (self->banner_admit_button, offer);
}

static void
mp_desk_page_answer_expired_cb (MpDeskPage *self)
{
  mp_desk_page_set_admit_offer (self, NULL);
  mp_check_in_answer_show_ready (self->answer);
  mp_badge_notice_hide (self->badge_notice);
}

static void
mp_desk_page_banner_expired_cb (MpDeskPage *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static void
mp_desk_page_update_undo (MpDeskPage *self)
{
  gboolean can_undo = self->undo_checkin_id != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "desk.undo", can_undo);
  if (can_undo)
    {
      /* Translators: a button: "Undo Kari Nordmann" (her check-in) */
      g_autofree char *label = g_strdup_printf (_("Undo %s"), self->undo_name);
      /* Translators: tooltip of the undo button */
      g_autofree char *tooltip = g_strdup_printf (_("Undo the check-in of %s (Ctrl+Z)"), self->undo_name);

      adw_button_content_set_label (self->undo_content, label);
      gtk_widget_set_tooltip_text (self->undo_button, tooltip);
    }
  else
    {
      adw_button_content_set_label (self->undo_content, _("Undo"));
      gtk_widget_set_tooltip_text (self->undo_button, _("Nothing to undo"));
    }
}

static void
mp_desk_page_show_result (MpDeskPage      *self,
                          MpCheckInResult *result)
{
  MpCheckInOutcome outcome = mp_check_in_result_get_outcome (result);
  MpAttendee *attendee = mp_check_in_result_get_attendee (result);
  MpEventCounts counts;

  mp_check_in_answer_show_result (self->answer, result);
  /* Over an open walk-in form: a banner, and the form stays as it is. */
  if (_mp_desk_page_walk_in_shown (self))
    {
      mp_check_in_answer_show_result (self->banner, result);
      gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
    }
  mp_desk_page_set_admit_offer (self, result);
  if (self->admit_registration_id != 0)
    {
      mp_check_in_answer_hold (self->answer, ADMIT_OFFER_SECONDS);
      mp_check_in_answer_hold (self->banner, ADMIT_OFFER_SECONDS);
    }
  _mp_desk_page_timing_answered (self, mp_check_in_outcome_to_string (outcome));
  if (mp_check_in_result_get_counts (result, &counts))
    mp_desk_page_set_counts (self, &counts);

  if (outcome != MP_CHECK_IN_CHECKED_IN)
    {
      mp_badge_notice_hide (self->badge_notice);
      return;
    }

  g_free (self->undo_name);
  self->undo_name = g_strdup (mp_attendee_get_name (attendee));
  self->undo_walk_in = mp_attendee_is_walk_in (attendee);
  self->undo_checkin_id = mp_check_in_result_get_checkin_id (result);
  mp_desk_page_update_undo (self);
  mp_badge_notice_print (self->badge_notice, self->settings, self->event, attendee);
}

static void
mp_desk_page_show_error (MpDeskPage   *self,
                         const GError *error)
{
  mp_desk_page_set_admit_offer (self, NULL);
  mp_check_in_answer_show_failure (self->answer, error);
  if (_mp_desk_page_walk_in_shown (self))
    {
      mp_check_in_answer_show_failure (self->banner, error);
      gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
    }
  _mp_desk_page_timing_answered (self, "error");
}

/* Checking in */

static void
mp_desk_page_scanned_cb (MpDeskPage    *self,
                         const char    *text,
                         MpScanCapture *capture)
{
  _mp_desk_page_timing_start (self, mp_scan_capture_get_last_scan_time (capture),
                              mp_scan_capture_get_last_scan_key_time (capture),
                              g_utf8_strlen (text, -1));
  mp_desk_page_check_in_text (self, text);
}

void
mp_desk_page_check_in_text (MpDeskPage *self,
                            const char *scanned_text)
{
  g_autoptr(MpCheckInResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MP_IS_DESK_PAGE (self));
  g_return_if_fail (scanned_text != NULL);

  if (self->store == NULL || self->event == NULL)
    return;

  /* Returns after the commit: what is shown next is on disk. */
  result = mp_store_check_in (self->store, mp_event_get_id (self->event), scanned_text,
                              _mp_desk_page_get_desk_name (self), &error);
  _mp_desk_page_timing_committed (self);
  if (result == NULL)
    mp_desk_page_show_error (self, error);
  else
    mp_desk_page_show_result (self, result);
}

static void
mp_desk_page_check_in_attendee (MpDeskPage *self,
                                MpAttendee *attendee)
{
  g_autoptr(MpCheckInResult) result = NULL;
  g_autoptr(GError) error = NULL;

  _mp_desk_page_timing_start (self, g_get_monotonic_time (), 0, 0);
  result = mp_store_check_in_registration (self->store, mp_event_get_id (self->event),
                                           mp_attendee_get_registration_id (attendee),
                                           _mp_desk_page_get_desk_name (self), &error);
  _mp_desk_page_timing_committed (self);
  if (result == NULL)
    mp_desk_page_show_error (self, error);
  else
    mp_desk_page_show_result (self, result);
}

/* Admit anyway: the one deliberate act that lets in someone the door
 * refuses, recorded as an exception with this desk and the time. */
static void
mp_desk_page_admit_anyway_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  MpDeskPage *self = MP_DESK_PAGE (widget);
  g_autoptr(MpCheckInResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 registration_id = self->admit_registration_id;

  if (self->store == NULL || self->event == NULL || registration_id == 0)
    return;

  mp_desk_page_set_admit_offer (self, NULL);
  _mp_desk_page_timing_start (self, g_get_monotonic_time (), 0, 0);
  result = mp_store_admit_registration_anyway (self->store, mp_event_get_id (self->event), registration_id,
                                               _mp_desk_page_get_desk_name (self), &error);
  _mp_desk_page_timing_committed (self);
  if (result == NULL)
    mp_desk_page_show_error (self, error);
  else
    mp_desk_page_show_result (self, result);
  mp_desk_page_focus_search (self);
}

/* Name search */

static void
mp_desk_page_picked_cb (MpDeskPage   *self,
                        MpAttendee   *attendee,
                        MpDeskSearch *search)
{
  mp_desk_page_check_in_attendee (self, attendee);
  /* Ready for the next person. */
  mp_desk_search_clear (self->search);
  mp_desk_search_focus (self->search);
}

/* A ticket's code typed by hand from the text under its symbol (the
 * scanner failed): checked in as a scan would be. */
static void
mp_desk_page_code_typed_cb (MpDeskPage   *self,
                            const char   *text,
                            MpDeskSearch *search)
{
  _mp_desk_page_timing_start (self, g_get_monotonic_time (), 0, 0);
  mp_desk_page_check_in_text (self, text);
  mp_desk_search_clear (self->search);
  mp_desk_search_focus (self->search);
}

/* Walk-ins: the form takes the answer's place; what is typed in it
 * stays until it is registered, whatever else happens at the desk. */

static void
mp_desk_page_show_answer (MpDeskPage *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "answer");
  mp_desk_search_focus (self->search);
}

static void
mp_desk_page_walk_in_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  MpDeskPage *self = MP_DESK_PAGE (widget);

  /* Whatever was searched for is likely the walk-in's name (a form
   * begun before keeps what was typed). */
  if (mp_walk_in_form_is_empty (self->walk_in_form))
    mp_walk_in_form_set_name (self->walk_in_form, mp_desk_search_get_text (self->search));
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "walk-in");
  mp_walk_in_form_open (self->walk_in_form);
}

static void
mp_desk_page_cancel_walk_in_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  MpDeskPage *self = MP_DESK_PAGE (widget);

  if (_mp_desk_page_walk_in_shown (self))
    mp_desk_page_show_answer (self);
}

static void
mp_desk_page_cancel_walk_in_cb (MpDeskPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "desk.cancel-walk-in", NULL);
}

static void
mp_desk_page_register_walk_in_cb (MpDeskPage *self)
{
  g_autoptr(MpAttendee) attendee = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->event == NULL)
    return;

  attendee = mp_walk_in_form_register (self->walk_in_form, self->store, mp_event_get_id (self->event), &error);
  if (attendee == NULL)
    {
      /* (an incomplete form says so itself) */
      if (!g_error_matches (error, MP_ERROR, MP_ERROR_INVALID))
        mp_walk_in_form_show_error (self->walk_in_form, error->message);
      return;
    }

  /* Registered: the form's work is done, and the answer shows it. */
  mp_walk_in_form_clear (self->walk_in_form);
  mp_desk_search_clear (self->search);
  mp_desk_page_show_answer (self);
  mp_desk_page_check_in_attendee (self, attendee);
}

/* The kiosk, on this screen: the organiser's PIN brings the desk back. */
static void
mp_desk_page_start_kiosk_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  MpDeskPage *self = MP_DESK_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->store == NULL || self->event == NULL || !GTK_IS_WINDOW (root))
    return;
  mp_kiosk_window_open (GTK_WINDOW (root), self->store, self->event, self->settings);
}

/* Undo */

static void
mp_desk_page_undo_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  MpDeskPage *self = MP_DESK_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  MpEventCounts counts = { 0 };

  if (self->store == NULL || self->undo_checkin_id == 0)
    return;

  if (!mp_store_undo_check_in_full (self->store, self->undo_checkin_id, _mp_desk_page_get_desk_name (self),
                                    &counts, &error))
    {
      mp_desk_page_show_error (self, error);
      return;
    }

  name = g_steal_pointer (&self->undo_name);
  self->undo_checkin_id = 0;
  mp_desk_page_update_undo (self);

  mp_desk_page_set_admit_offer (self, NULL);
  mp_check_in_answer_show_undone (self->answer, name, self->undo_walk_in);
  mp_badge_notice_hide (self->badge_notice);
  /* (zeroed when they could not be counted: the undo stands) */
  if (counts.registered > 0)
    mp_desk_page_set_counts (self, &counts);
  else
    mp_desk_page_update_counts (self);
  mp_desk_search_refresh (self->search);
}

/* Ctrl+Z undoes the last check-in, before an entry takes it for its own
 * text undo; in the walk-in form it stays the entries' own. */
static gboolean
mp_desk_page_capture_key_cb (MpDeskPage            *self,
                             guint                  keyval,
                             guint                  keycode,
                             GdkModifierType        state,
                             GtkEventControllerKey *controller)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK);

  if ((keyval == GDK_KEY_z || keyval == GDK_KEY_Z) && mods == GDK_CONTROL_MASK
      && !_mp_desk_page_walk_in_shown (self))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "desk.undo", NULL);
      return TRUE;
    }
  /* The second key that admits anyway: Ctrl+Enter, never Enter alone
   * (the scanner's), wherever the focus is. */
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
      && mods == GDK_CONTROL_MASK && self->admit_registration_id != 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "desk.admit-anyway", NULL);
      return TRUE;
    }
  return FALSE;
}

/* Only a desk on screen takes scans. */

static void
mp_desk_page_map (GtkWidget *widget)
{
  MpDeskPage *self = MP_DESK_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (mp_desk_page_parent_class)->map (widget);

  /* The scanner types into the window, whatever has focus. */
  root = gtk_widget_get_root (widget);
  if (self->capture == NULL && root != NULL)
    {
      self->capture = mp_scan_capture_new (GTK_WIDGET (root));
      mp_scan_capture_set_type_ahead (self->capture, mp_desk_search_get_editable (self->search));
      g_signal_connect_object (self->capture, "scanned",
                               G_CALLBACK (mp_desk_page_scanned_cb), self, G_CONNECT_SWAPPED);
    }

  if (self->poll_source == 0)
    self->poll_source = g_timeout_add_seconds (POLL_SECONDS, mp_desk_page_poll_cb, self);
}

static void
mp_desk_page_unmap (GtkWidget *widget)
{
  MpDeskPage *self = MP_DESK_PAGE (widget);

  if (self->capture != NULL)
    {
      g_object_run_dispose (G_OBJECT (self->capture));
      g_clear_object (&self->capture);
    }
  g_clear_handle_id (&self->poll_source, g_source_remove);

  GTK_WIDGET_CLASS (mp_desk_page_parent_class)->unmap (widget);
}

/* GObject */

static void
mp_desk_page_set_settings (MpDeskPage *self,
                           GSettings  *settings)
{
  if (!g_set_object (&self->settings, settings))
    return;

  if (settings != NULL)
    g_settings_bind (settings, "sound", self->answer, "play-sounds", G_SETTINGS_BIND_GET);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

static void
mp_desk_page_dispose (GObject *object)
{
  MpDeskPage *self = (MpDeskPage *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->capture != NULL)
    {
      g_object_run_dispose (G_OBJECT (self->capture));
      g_clear_object (&self->capture);
    }
  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_clear_pointer (&self->debug, _mp_desk_page_debug_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_DESK_PAGE);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->event);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->desk_name, g_free);
  g_clear_pointer (&self->undo_name, g_free);
  g_clear_pointer (&self->admit_name, g_free);

  G_OBJECT_CLASS (mp_desk_page_parent_class)->dispose (object);
}

static void
mp_desk_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MpDeskPage *self = MP_DESK_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;

    case PROP_TITLE:
      g_value_set_string (value, mp_desk_page_get_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_desk_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MpDeskPage *self = MP_DESK_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      mp_desk_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_SETTINGS:
      mp_desk_page_set_settings (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_desk_page_class_init (MpDeskPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_desk_page_dispose;
  object_class->get_property = mp_desk_page_get_property;
  object_class->set_property = mp_desk_page_set_property;
  widget_class->map = mp_desk_page_map;
  widget_class->unmap = mp_desk_page_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL, MP_TYPE_EVENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MP_TYPE_BADGE_NOTICE);
  g_type_ensure (MP_TYPE_CHECK_IN_ANSWER);
  g_type_ensure (MP_TYPE_DESK_SEARCH);
  g_type_ensure (MP_TYPE_WALK_IN_FORM);
  g_type_ensure (MP_TYPE_HUB_INDICATOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-desk-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, undo_button);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, undo_content);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, answer);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, admit_button);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, banner);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, banner_admit_button);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, badge_notice);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, search);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, arrived_label);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, walk_ins_label);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, walk_in_form);
  gtk_widget_class_bind_template_callback (widget_class, mp_desk_page_answer_expired_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_desk_page_banner_expired_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_desk_page_picked_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_desk_page_code_typed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_desk_page_register_walk_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_desk_page_cancel_walk_in_cb);

  gtk_widget_class_install_action (widget_class, "desk.undo", NULL, mp_desk_page_undo_action);
  gtk_widget_class_install_action (widget_class, "desk.walk-in", NULL, mp_desk_page_walk_in_action);
  gtk_widget_class_install_action (widget_class, "desk.cancel-walk-in", NULL, mp_desk_page_cancel_walk_in_action);
  gtk_widget_class_install_action (widget_class, "desk.admit-anyway", NULL, mp_desk_page_admit_anyway_action);
  gtk_widget_class_install_action (widget_class, "desk.start-kiosk", NULL, mp_desk_page_start_kiosk_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "desk.walk-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "desk.cancel-walk-in", NULL);
}

static void
mp_desk_page_init (MpDeskPage *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->debug = _mp_desk_page_debug_new ();

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed",
                           G_CALLBACK (mp_desk_page_capture_key_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  mp_desk_page_update_undo (self);
  mp_desk_page_set_admit_offer (self, NULL);
}

void
mp_desk_page_set_store (MpDeskPage *self,
                        MpStore    *store)
{
  g_return_if_fail (MP_IS_DESK_PAGE (self));
  g_return_if_fail (store == NULL || MP_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  mp_walk_in_form_set_store (self->walk_in_form, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
mp_desk_page_load (MpDeskPage  *self,
                   gint64       event_id,
                   GError     **error)
{
  g_autoptr(MpEvent) event = NULL;

  g_return_val_if_fail (MP_IS_DESK_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  event = mp_store_get_event (self->store, event_id, error);
  if (event == NULL)
    return FALSE;

  g_set_object (&self->event, event);
  self->undo_checkin_id = 0;
  g_clear_pointer (&self->undo_name, g_free);
  mp_desk_page_set_admit_offer (self, NULL);
  self->data_version = mp_database_get_data_version (mp_store_get_database (self->store));
  /* The name search's index (≈ 0.15 s at 100,000 registrations) is
   * built on another thread, before the first forgotten ticket. */
  mp_store_prefetch_attendee_index (self->store, event_id);

  adw_window_title_set_subtitle (self->window_title, mp_event_get_title (event));
  mp_desk_search_clear (self->search);
  mp_desk_search_set_event (self->search, self->store, event_id);
  /* Another event's walk-in would be registered for the wrong one. */
  mp_walk_in_form_clear (self->walk_in_form);
  mp_desk_page_show_answer (self);
  mp_desk_page_update_counts (self);
  mp_desk_page_update_undo (self);
  mp_check_in_answer_show_ready (self->answer);
  mp_badge_notice_hide (self->badge_notice);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  return TRUE;
}

MpEvent *
mp_desk_page_get_event (MpDeskPage *self)
{
  g_return_val_if_fail (MP_IS_DESK_PAGE (self), NULL);

  return self->event;
}

gint64
mp_desk_page_get_event_id (MpDeskPage *self)
{
  g_return_val_if_fail (MP_IS_DESK_PAGE (self), 0);

  return self->event != NULL ? mp_event_get_id (self->event) : 0;
}

const char *
mp_desk_page_get_title (MpDeskPage *self)
{
  g_return_val_if_fail (MP_IS_DESK_PAGE (self), NULL);

  return self->event != NULL ? mp_event_get_title (self->event) : "";
}

void
mp_desk_page_focus_search (MpDeskPage *self)
{
  g_return_if_fail (MP_IS_DESK_PAGE (self));

  if (!_mp_desk_page_walk_in_shown (self))
    mp_desk_search_focus (self->search);
}
