#define G_LOG_DOMAIN "mp-registration-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-consent-group.h"
#include "mp-event-summary.h"
#include "mp-person-name.h"
#include "mp-registration-edit.h"
#include "mp-combo-row.h"
#include "mp-registration-editor.h"
#include "mp-ticket-mail-group.h"
#include "mp-time.h"

struct _MpRegistrationEditor
{
  AdwWindow         parent_instance;

  MpStore          *store;
  gint64            event_id;
  GPtrArray        *sectors;   /* MpSector, in the order of sector_row after "None" */
  MpAttendee       *attendee;  /* the one edited; NULL when adding */
  MpAttendee       *added;     /* the one just added */

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkButton        *add_button;
  GtkButton        *close_button;
  GtkStack         *stack;
  AdwStatusPage    *added_page;
  GtkWidget        *show_button;
  AdwEntryRow      *given_row;
  AdwEntryRow      *family_row;
  AdwEntryRow      *organisation_row;
  AdwComboRow      *sector_row;
  AdwEntryRow      *email_row;
  AdwEntryRow      *phone_row;
  GtkSwitch        *waitlist_switch;
  GtkSwitch        *followup_switch;
  GtkSwitch        *photo_switch;
  GtkSwitch        *over_capacity_switch;
  AdwComboRow      *status_row;
  AdwActionRow     *capacity_row;
  GtkWidget        *waitlist_row;
  GtkWidget        *new_consents_group;
  MpConsentGroup   *consent_group;
  AdwEntryRow      *dietary_row;
  AdwEntryRow      *accessibility_row;
  AdwEntryRow      *interpreter_row;
  AdwEntryRow      *note_row;
  AdwPreferencesGroup *history_group;
  GtkWidget        *cancel_group;
  MpTicketMailGroup *ticket_mail_group;
  guint             n_history;
  guint             n_exceptions;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_EVENT_ID,
  N_PROPS
};

enum {
  ADDED,
  SAVED,
  CANCEL_REQUESTED,
  CONSENTS_CHANGED,
  SHOW_REQUESTED,
  PRINT_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MpRegistrationEditor, mp_registration_editor, ADW_TYPE_WINDOW)

static char *
dup_stripped_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
mp_registration_editor_changed_cb (MpRegistrationEditor *self)
{
  g_autofree char *given = dup_stripped_text (self->given_row);
  g_autofree char *family = dup_stripped_text (self->family_row);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registration.add",
                                 given[0] != '\0' || family[0] != '\0');
}

/* A consent given or withdrawn in the history: the list shows it. */
static void
mp_registration_editor_consents_changed_cb (MpRegistrationEditor *self)
{
  if (self->attendee != NULL)
    g_signal_emit (self, signals[CONSENTS_CHANGED], 0, self->attendee);
}

static void
mp_registration_editor_show_error (MpRegistrationEditor *self,
                                   const GError         *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* What the form says, as the store takes it. */
static void
mp_registration_editor_read_input (MpRegistrationEditor *self,
                                   MpRegistrationInput  *input)
{
  guint sector = adw_combo_row_get_selected (self->sector_row);

  /* the store makes the name, "Given Family"; a whole name typed in the
   * first field alone is split there when that is safe */
  input->given_name = dup_stripped_text (self->given_row);
  input->family_name = dup_stripped_text (self->family_row);
  if (input->family_name[0] == '\0')
    {
      input->name = g_steal_pointer (&input->given_name);
      g_clear_pointer (&input->family_name, g_free);
    }
  input->organisation = dup_stripped_text (self->organisation_row);
  input->email = dup_stripped_text (self->email_row);
  input->phone = dup_stripped_text (self->phone_row);
  input->dietary = dup_stripped_text (self->dietary_row);
  input->accessibility = dup_stripped_text (self->accessibility_row);
  input->interpreter = dup_stripped_text (self->interpreter_row);
  input->note = dup_stripped_text (self->note_row);
  if (sector != GTK_INVALID_LIST_POSITION && sector > 0 && self->sectors != NULL
      && sector - 1 < self->sectors->len)
    input->sector = g_strdup (((MpSector *) g_ptr_array_index (self->sectors, sector - 1))->name);
}

/* After adding: who, and where they went; then Show, Print Ticket or
 * Add Another. */
static void
mp_registration_editor_show_added (MpRegistrationEditor *self,
                                   MpAttendee           *attendee)
{
  g_autofree char *title = NULL;
  const char *description = NULL;

  g_set_object (&self->added, attendee);
  if (mp_attendee_get_status (attendee) == MP_REGISTRATION_STATUS_WAITLISTED)
    {
      /* Translators: %s is a person's name */
      title = g_strdup_printf (_("%s Is on the Waiting List"), mp_attendee_get_name (attendee));
      description = gtk_switch_get_active (self->waitlist_switch)
                    ? _("Move them up from the list when a place is free")
                    : _("The event is full. Move them up from the list when a place is free");
      adw_status_page_set_icon_name (self->added_page, "alarm-symbolic");
    }
  else
    {
      /* Translators: %s is a person's name */
      title = g_strdup_printf (_("%s Is Registered"), mp_attendee_get_name (attendee));
      adw_status_page_set_icon_name (self->added_page, "object-select-symbolic");
    }
  adw_status_page_set_title (self->added_page, title);
  adw_status_page_set_description (self->added_page, description);
  gtk_stack_set_visible_child_name (self->stack, "added");
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), FALSE);
  gtk_button_set_label (self->close_button, _("_Close"));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->show_button);
  gtk_widget_grab_focus (self->show_button);
}

/* The event's capacity, for the form: when it is full, a registration
 * goes on the waiting list unless the organiser says otherwise. */
static void
mp_registration_editor_show_capacity (MpRegistrationEditor *self)
{
  g_autoptr(MpEvent) event = mp_store_get_event (self->store, self->event_id, NULL);
  MpEventCounts counts;
  g_autofree char *places = NULL;
  g_autofree char *subtitle = NULL;

  if (event == NULL || mp_event_get_capacity (event) < 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->capacity_row), FALSE);
      return;
    }
  mp_event_get_all_counts (event, &counts);
  if (counts.registered < (guint) mp_event_get_capacity (event))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->capacity_row), FALSE);
      return;
    }

  places = mp_event_summary_places (&counts, mp_event_get_capacity (event));
  /* Translators: %s is "52 of 52 registered · full · 4 on the waiting list" */
  subtitle = g_strdup_printf (_("The event is full (%s). Without this, the new registration goes on the waiting list"),
                              places);
  adw_action_row_set_subtitle (self->capacity_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->capacity_row), TRUE);
}

static void
mp_registration_editor_added_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  MpRegistrationEditor *self = MP_REGISTRATION_EDITOR (widget);
  g_autoptr(MpAttendee) added = self->added != NULL ? g_object_ref (self->added) : NULL;

  if (added == NULL)
    return;

  if (g_str_equal (action_name, "registration.add-another"))
    {
      AdwEntryRow *rows[] = { self->given_row, self->family_row, self->organisation_row, self->email_row,
                              self->phone_row, self->dietary_row, self->accessibility_row, self->interpreter_row };

      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
      adw_combo_row_set_selected (self->sector_row, 0);
      gtk_switch_set_active (self->waitlist_switch, FALSE);
      gtk_switch_set_active (self->followup_switch, FALSE);
      gtk_switch_set_active (self->photo_switch, FALSE);
      gtk_switch_set_active (self->over_capacity_switch, FALSE);
      g_clear_object (&self->added);
      mp_registration_editor_show_capacity (self);
      gtk_stack_set_visible_child_name (self->stack, "form");
      gtk_widget_set_visible (GTK_WIDGET (self->add_button), TRUE);
      gtk_button_set_label (self->close_button, _("_Cancel"));
      gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->add_button));
      gtk_widget_grab_focus (GTK_WIDGET (self->given_row));
      return;
    }

  /* closed first, so that the list (or the print dialog) has the
   * focus; held meanwhile, as closing may be its end */
  g_object_ref (self);
  gtk_window_close (GTK_WINDOW (self));
  g_signal_emit (self, signals[g_str_equal (action_name, "registration.show") ? SHOW_REQUESTED : PRINT_REQUESTED],
                 0, added);
  g_object_unref (self);
}

static void
mp_registration_editor_add_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  MpRegistrationEditor *self = MP_REGISTRATION_EDITOR (widget);
  g_autoptr(MpAttendee) attendee = NULL;
  g_autoptr(GError) error = NULL;
  MpRegistrationInput input = { 0 };

  if (self->attendee != NULL)
    {
      gint64 id = mp_attendee_get_registration_id (self->attendee);
      guint status = adw_combo_row_get_selected (self->status_row);

      mp_registration_editor_read_input (self, &input);
      input.status = status <= MP_REGISTRATION_STATUS_CANCELLED ? (MpRegistrationStatus) status
                                                                : mp_attendee_get_status (self->attendee);
      if (!mp_store_update_registration (self->store, id, &input, &error) ||
          (attendee = mp_store_get_attendee (self->store, id, &error)) == NULL)
        {
          mp_registration_input_clear (&input);
          mp_registration_editor_show_error (self, error);
          return;
        }
      mp_registration_input_clear (&input);
      g_signal_emit (self, signals[SAVED], 0, attendee);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  mp_registration_editor_read_input (self, &input);
  input.status = gtk_switch_get_active (self->waitlist_switch)
                 ? MP_REGISTRATION_STATUS_WAITLISTED : MP_REGISTRATION_STATUS_REGISTERED;
  input.over_capacity = gtk_widget_get_visible (GTK_WIDGET (self->capacity_row)) &&
                        gtk_switch_get_active (self->over_capacity_switch);
  input.source = MP_REGISTRATION_SOURCE_MANUAL;
  /* asked here, so a "no" is an answer too */
  input.consent_followup = gtk_switch_get_active (self->followup_switch) ? MP_CONSENT_YES : MP_CONSENT_NO;
  input.consent_photo = gtk_switch_get_active (self->photo_switch) ? MP_CONSENT_YES : MP_CONSENT_NO;

  attendee = mp_store_register (self->store, self->event_id, &input, &error);
  mp_registration_input_clear (&input);

  if (attendee == NULL)
    {
      mp_registration_editor_show_error (self, error);
      return;
    }

  g_signal_emit (self, signals[ADDED], 0, attendee);
  mp_registration_editor_show_added (self, attendee);
}

static void
mp_registration_editor_constructed (GObject *object)
{
  MpRegistrationEditor *self = MP_REGISTRATION_EDITOR (object);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (mp_registration_editor_parent_class)->constructed (object);

  /* Translators: no sector chosen */
  gtk_string_list_append (names, C_("sector", "Not Given"));
  self->sectors = mp_store_list_sectors (self->store, &error);
  if (self->sectors == NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  for (guint i = 0; self->sectors != NULL && i < self->sectors->len; i++)
    gtk_string_list_append (names, ((MpSector *) g_ptr_array_index (self->sectors, i))->name);
  adw_combo_row_set_model (self->sector_row, G_LIST_MODEL (names));

  mp_registration_editor_show_capacity (self);
  mp_registration_editor_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->given_row));
}

static void
mp_registration_editor_dispose (GObject *object)
{
  MpRegistrationEditor *self = (MpRegistrationEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_REGISTRATION_EDITOR);
  g_clear_object (&self->store);
  g_clear_pointer (&self->sectors, g_ptr_array_unref);
  g_clear_object (&self->attendee);
  g_clear_object (&self->added);

  G_OBJECT_CLASS (mp_registration_editor_parent_class)->dispose (object);
}

static void
mp_registration_editor_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MpRegistrationEditor *self = MP_REGISTRATION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_EVENT_ID:
      g_value_set_int64 (value, self->event_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_registration_editor_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  MpRegistrationEditor *self = MP_REGISTRATION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_EVENT_ID:
      self->event_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_registration_editor_cancel_registration_action (GtkWidget  *widget,
                                                   const char *action_name,
                                                   GVariant   *parameter)
{
  MpRegistrationEditor *self = MP_REGISTRATION_EDITOR (widget);
  g_autoptr(MpAttendee) attendee = self->attendee != NULL ? g_object_ref (self->attendee) : NULL;

  if (attendee == NULL)
    return;

  /* told before closing: closing may be the editor's end */
  g_signal_emit (self, signals[CANCEL_REQUESTED], 0, attendee);
  gtk_window_close (GTK_WINDOW (self));
}

static void
mp_registration_editor_class_init (MpRegistrationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mp_registration_editor_constructed;
  object_class->dispose = mp_registration_editor_dispose;
  object_class->get_property = mp_registration_editor_get_property;
  object_class->set_property = mp_registration_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENT_ID] =
    g_param_spec_int64 ("event-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The new registration. */
  signals[ADDED] =
    g_signal_new ("added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MP_TYPE_ATTENDEE);
  /* The edited registration, as saved. */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MP_TYPE_ATTENDEE);
  signals[CANCEL_REQUESTED] =
    g_signal_new ("cancel-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MP_TYPE_ATTENDEE);
  /* A consent of the edited person was given or withdrawn (at once). */
  signals[CONSENTS_CHANGED] =
    g_signal_new ("consents-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MP_TYPE_ATTENDEE);
  /* After adding: show the new registration in the list, or print its
   * ticket (the dialog has closed). */
  signals[SHOW_REQUESTED] =
    g_signal_new ("show-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MP_TYPE_ATTENDEE);
  signals[PRINT_REQUESTED] =
    g_signal_new ("print-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MP_TYPE_ATTENDEE);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-registration-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, close_button);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, added_page);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, show_button);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, given_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, family_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, sector_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, waitlist_switch);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, followup_switch);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, photo_switch);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, over_capacity_switch);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, capacity_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, waitlist_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, new_consents_group);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, consent_group);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, dietary_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, accessibility_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, interpreter_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, note_row);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, history_group);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, cancel_group);
  gtk_widget_class_bind_template_child (widget_class, MpRegistrationEditor, ticket_mail_group);
  gtk_widget_class_bind_template_callback (widget_class, mp_registration_editor_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_registration_editor_consents_changed_cb);

  gtk_widget_class_install_action (widget_class, "registration.add", NULL, mp_registration_editor_add_action);
  gtk_widget_class_install_action (widget_class, "registration.cancel-registration", NULL,
                                   mp_registration_editor_cancel_registration_action);
  gtk_widget_class_install_action (widget_class, "registration.show", NULL, mp_registration_editor_added_action);
  gtk_widget_class_install_action (widget_class, "registration.print-ticket", NULL, mp_registration_editor_added_action);
  gtk_widget_class_install_action (widget_class, "registration.add-another", NULL, mp_registration_editor_added_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mp_registration_editor_init (MpRegistrationEditor *self)
{
  g_type_ensure (MP_TYPE_TICKET_MAIL_GROUP);
  g_type_ensure (MP_TYPE_CONSENT_GROUP);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* every choice whole, never cut with "…" */
  mp_combo_row_list_whole (self->sector_row);

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->add_button));
}

MpRegistrationEditor *
mp_registration_editor_new (MpStore *store,
                            gint64   event_id)
{
  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  return g_object_new (MP_TYPE_REGISTRATION_EDITOR,
                       "store", store,
                       "event-id", event_id,
                       NULL);
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
mp_registration_editor_fill_history (MpRegistrationEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = mp_store_list_check_in_history (self->store, mp_attendee_get_registration_id (self->attendee), &error);

  if (history == NULL)
    {
      mp_registration_editor_show_error (self, error);
      return;
    }

  self->n_history = history->len;
  self->n_exceptions = 0;
  if (history->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Not checked in"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->history_group, row);
      return;
    }

  for (guint i = 0; i < history->len; i++)
    {
      MpCheckInRecord *record = g_ptr_array_index (history, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (record->is_undo ? "edit-undo-symbolic" : "object-select-symbolic");
      g_autofree char *when = mp_time_format_long (record->at);
      g_autofree char *subtitle = NULL;

      /* Translators: a line of the check-in history: the time, then the
       * desk's name: "tirsdag 8. mars 2022 kl. 09.00 · at desk Inngang 2" */
      subtitle = g_strdup_printf (_("%s · at desk %s"), when, record->desk);
      if (record->is_undo)
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Check-in undone"));
      else if (record->exception != MP_CHECK_IN_EXCEPTION_NONE)
        {
          /* Translators: a line of the check-in history: "Checked in by
           * exception (waiting list)" */
          g_autofree char *title = g_strdup_printf (_("Checked in by exception (%s)"),
                                                    mp_check_in_exception_get_label (record->exception));

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          self->n_exceptions++;
        }
      else
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Checked in"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (record->exception != MP_CHECK_IN_EXCEPTION_NONE && !record->is_undo)
        {
          gtk_image_set_from_icon_name (GTK_IMAGE (icon), "dialog-warning-symbolic");
          gtk_widget_add_css_class (icon, "warning");
        }
      else if (!record->is_undo)
        gtk_widget_add_css_class (icon, "success");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->history_group, row);
    }
}

MpRegistrationEditor *
mp_registration_editor_new_for_attendee (MpStore    *store,
                                         MpAttendee *attendee)
{
  MpRegistrationEditor *self;
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  const char *sector;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (MP_IS_ATTENDEE (attendee), NULL);

  self = g_object_new (MP_TYPE_REGISTRATION_EDITOR,
                       "store", store,
                       "event-id", mp_attendee_get_event_id (attendee),
                       NULL);
  self->attendee = g_object_ref (attendee);

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Registration"));
  gtk_button_set_label (self->add_button, _("_Save"));
  /* A name that could not be split is all in the first field. */
  if (mp_attendee_get_family_name (attendee)[0] != '\0' || mp_attendee_get_given_name (attendee)[0] != '\0')
    {
      set_text (self->given_row, mp_attendee_get_given_name (attendee));
      set_text (self->family_row, mp_attendee_get_family_name (attendee));
    }
  else
    set_text (self->given_row, mp_attendee_get_name (attendee));
  set_text (self->organisation_row, mp_attendee_get_organisation (attendee));
  set_text (self->email_row, mp_attendee_get_email (attendee));
  set_text (self->phone_row, mp_attendee_get_phone (attendee));
  set_text (self->dietary_row, mp_attendee_get_dietary (attendee));
  set_text (self->accessibility_row, mp_attendee_get_accessibility (attendee));
  set_text (self->interpreter_row, mp_attendee_get_interpreter (attendee));
  set_text (self->note_row, mp_attendee_get_note (attendee));

  sector = mp_attendee_get_sector (attendee);
  for (guint i = 0; sector != NULL && self->sectors != NULL && i < self->sectors->len; i++)
    if (g_strcmp0 (((MpSector *) g_ptr_array_index (self->sectors, i))->name, sector) == 0)
      adw_combo_row_set_selected (self->sector_row, i + 1);

  for (guint s = MP_REGISTRATION_STATUS_REGISTERED; s <= MP_REGISTRATION_STATUS_CANCELLED; s++)
    gtk_string_list_append (statuses, mp_registration_status_get_label (s));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  adw_combo_row_set_selected (self->status_row, mp_attendee_get_status (attendee));

  /* Consents keep their own history: given and withdrawn as acts. */
  gtk_widget_set_visible (GTK_WIDGET (self->status_row), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->capacity_row), FALSE);
  gtk_widget_set_visible (self->waitlist_row, FALSE);
  gtk_widget_set_visible (self->new_consents_group, FALSE);
  mp_consent_group_set_person (self->consent_group, store, mp_attendee_get_person_id (attendee));
  gtk_widget_set_visible (GTK_WIDGET (self->consent_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->ticket_mail_group), TRUE);
  mp_ticket_mail_group_set_attendee (self->ticket_mail_group, store, attendee);
  gtk_widget_set_visible (self->cancel_group, mp_attendee_get_status (attendee) != MP_REGISTRATION_STATUS_CANCELLED);
  mp_registration_editor_fill_history (self);
  mp_registration_editor_changed_cb (self);

  return self;
}

void
mp_registration_editor_describe (MpRegistrationEditor *self,
                                 GString              *out)
{
  g_return_if_fail (MP_IS_REGISTRATION_EDITOR (self));

  g_autofree char *name = mp_person_name_join (gtk_editable_get_text (GTK_EDITABLE (self->given_row)),
                                               gtk_editable_get_text (GTK_EDITABLE (self->family_row)));

  g_string_append_printf (out, "editor=%s|%s\n", self->attendee != NULL ? "edit" : "add", name);
  if (self->attendee != NULL)
    {
      g_string_append_printf (out, "editor.history=%u\n", self->n_history);
      mp_ticket_mail_group_describe (self->ticket_mail_group, out);
      /* (what only some have, only for them) */
      if (self->n_exceptions > 0)
        g_string_append_printf (out, "editor.history-exceptions=%u\n", self->n_exceptions);
      if (gtk_editable_get_text (GTK_EDITABLE (self->note_row))[0] != '\0')
        g_string_append_printf (out, "editor.note=%s\n", gtk_editable_get_text (GTK_EDITABLE (self->note_row)));
      mp_consent_group_describe (self->consent_group, out);
    }
  else if (gtk_widget_get_visible (GTK_WIDGET (self->capacity_row)))
    g_string_append (out, "editor.full=1\n");
  if (self->added != NULL)
    g_string_append_printf (out, "editor.added=%s|%s\n", mp_attendee_get_name (self->added),
                            mp_registration_status_to_string (mp_attendee_get_status (self->added)));
}
