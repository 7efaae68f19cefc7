#define G_LOG_DOMAIN "mp-walk-in-form"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mp-error.h"
#include "mp-sector.h"
#include "mp-walk-in-form.h"

/* The words of the form, for the volunteer at the desk and for the
 * attendee at the kiosk. */
typedef struct
{
  const char *heading;
  const char *name;
  const char *organisation;
  const char *sector;
  const char *email;
  const char *followup;
  const char *photo;
  const char *register_label;
  const char *cancel;
  const char *name_missing;
} FormWords;

static const FormWords form_words[] = {
  [MP_AUDIENCE_DESK] = {
    N_("Walk-in"),
    N_("_Name"),
    N_("_Organisation"),
    N_("_Sector"),
    N_("_E-mail"),
    N_("May we e-mail you about what happens after the meeting? (follow-up)"),
    N_("Is it all right if you appear in photos from the meeting?"),
    N_("_Register and Check In"),
    N_("_Cancel"),
    N_("Write the person’s name first."),
  },
  [MP_AUDIENCE_ATTENDEE] = {
    NA_("Register here"),
    NA_("Your name"),
    NA_("Organisation (if any)"),
    NA_("Sector (what fits you best)"),
    NA_("E-mail (if you want to hear from us)"),
    NA_("Yes, the organiser may contact me after the event"),
    NA_("Yes, photos of me from the event may be used"),
    NA_("Register and check in"),
    NA_("Cancel"),
    NA_("Please write your name."),
  },
};

struct _MpWalkInForm
{
  GtkWidget        parent_instance;

  MpAudience       audience;
  GPtrArray       *sectors;      /* MpSector, in the order of the tiles */

  /* Template widgets */
  GtkWidget       *scroller;
  GtkWidget       *fields;
  GtkLabel        *heading;
  GtkLabel        *name_label;
  GtkEntry        *name_entry;
  GtkLabel        *name_error;
  GtkLabel        *organisation_label;
  GtkEntry        *organisation_entry;
  GtkLabel        *sector_label;
  GtkFlowBox      *sector_box;
  GtkLabel        *email_label;
  GtkEntry        *email_entry;
  GtkCheckButton  *followup_check;
  GtkLabel        *followup_label;
  GtkCheckButton  *photo_check;
  GtkLabel        *photo_label;
  GtkWidget       *bar;
  GtkLabel        *error_label;
  GtkBox          *button_box;
  GtkButton       *register_button;
  GtkButton       *cancel_button;
};

G_DEFINE_FINAL_TYPE (MpWalkInForm, mp_walk_in_form, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_AUDIENCE,
  PROP_NAME,
  PROP_ORGANISATION,
  PROP_EMAIL,
  PROP_SECTOR,
  PROP_CONSENT_FOLLOWUP,
  PROP_CONSENT_PHOTO,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SUBMITTED,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mp_walk_in_form_hide_error (MpWalkInForm *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label))
      && !gtk_widget_get_visible (GTK_WIDGET (self->name_error)))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_entry), "error");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* No name: said at the name field, which gets the focus. */
static void
mp_walk_in_form_show_name_missing (MpWalkInForm *self,
                                   const char   *message)
{
  gtk_label_set_label (self->name_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_entry), "error");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

void
mp_walk_in_form_show_error (MpWalkInForm *self,
                            const char   *message)
{
  g_return_if_fail (MP_IS_WALK_IN_FORM (self));
  g_return_if_fail (message != NULL);

  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
mp_walk_in_form_activated_cb (MpWalkInForm *self)
{
  g_signal_emit (self, signals[SUBMITTED], 0);
}

static void
mp_walk_in_form_name_changed_cb (MpWalkInForm *self)
{
  mp_walk_in_form_hide_error (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

static void
mp_walk_in_form_register_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  g_signal_emit (widget, signals[SUBMITTED], 0);
}

static void
mp_walk_in_form_cancel_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  g_signal_emit (widget, signals[CANCELLED], 0);
}

/* The sectors are one stop on the Tab path (arrows move between them,
 * Space picks one), so that the form stays quick by keyboard. */
static gboolean
mp_walk_in_form_sector_key_cb (MpWalkInForm          *self,
                               guint                  keyval,
                               guint                  keycode,
                               GdkModifierType        state,
                               GtkEventControllerKey *controller)
{
  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    {
      gtk_widget_grab_focus ((state & GDK_SHIFT_MASK) != 0
                             ? GTK_WIDGET (self->organisation_entry) : GTK_WIDGET (self->email_entry));
      return TRUE;
    }
  if (keyval == GDK_KEY_ISO_Left_Tab)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->organisation_entry));
      return TRUE;
    }
  return FALSE;
}

static void
mp_walk_in_form_sector_changed_cb (MpWalkInForm *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTOR]);
}

/* The tiles: the sector's name in the data at the desk, in the
 * attendee's language at the kiosk. */
static void
mp_walk_in_form_fill_sectors (MpWalkInForm *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sector_box))) != NULL)
    gtk_flow_box_remove (self->sector_box, child);

  for (guint i = 0; self->sectors != NULL && i < self->sectors->len; i++)
    {
      MpSector *sector = g_ptr_array_index (self->sectors, i);
      const char *text = self->audience == MP_AUDIENCE_DESK ? sector->name : mp_sector_display_name (sector->name);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      /* several to a line: short ones to tap */
      if (self->audience == MP_AUDIENCE_DESK)
        gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      gtk_flow_box_append (self->sector_box, label);
      gtk_widget_add_css_class (gtk_widget_get_parent (label), "sector-chip");
      /* The chip takes the focus: a screen reader says its sector. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (label)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
    }
}

static char *
dup_stripped (GtkEntry *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

MpAttendee *
mp_walk_in_form_register (MpWalkInForm  *self,
                          MpStore       *store,
                          gint64         event_id,
                          GError       **error)
{
  MpRegistrationInput input = { 0 };
  g_autoptr(GError) local_error = NULL;
  MpAttendee *attendee;

  g_return_val_if_fail (MP_IS_WALK_IN_FORM (self), NULL);
  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  input.name = dup_stripped (self->name_entry);
  if (input.name[0] == '\0')
    {
      const char *message = gettext (form_words[self->audience].name_missing);

      mp_registration_input_clear (&input);
      mp_walk_in_form_show_name_missing (self, message);
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID, message);
      return NULL;
    }
  input.organisation = dup_stripped (self->organisation_entry);
  input.email = dup_stripped (self->email_entry);
  input.sector = g_strdup (mp_walk_in_form_get_sector (self));
  input.consent_followup = gtk_check_button_get_active (self->followup_check) ? MP_CONSENT_YES : MP_CONSENT_NO;
  input.consent_photo = gtk_check_button_get_active (self->photo_check) ? MP_CONSENT_YES : MP_CONSENT_NO;
  input.status = MP_REGISTRATION_STATUS_REGISTERED;
  input.source = self->audience == MP_AUDIENCE_DESK ? MP_REGISTRATION_SOURCE_DESK : MP_REGISTRATION_SOURCE_KIOSK;

  attendee = mp_store_register (store, event_id, &input, &local_error);
  mp_registration_input_clear (&input);
  if (attendee == NULL)
    {
      if (g_error_matches (local_error, MP_ERROR, MP_ERROR_INVALID))
        mp_walk_in_form_show_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return attendee;
}

void
mp_walk_in_form_clear (MpWalkInForm *self)
{
  g_return_if_fail (MP_IS_WALK_IN_FORM (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->organisation_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_entry), "");
  gtk_flow_box_unselect_all (self->sector_box);
  gtk_check_button_set_active (self->followup_check, FALSE);
  gtk_check_button_set_active (self->photo_check, FALSE);
  mp_walk_in_form_hide_error (self);
}

void
mp_walk_in_form_focus_name (MpWalkInForm *self)
{
  g_return_if_fail (MP_IS_WALK_IN_FORM (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
  gtk_editable_set_position (GTK_EDITABLE (self->name_entry), -1);
}

void
mp_walk_in_form_open (MpWalkInForm *self)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (MP_IS_WALK_IN_FORM (self));

  /* From the top, the Name label in sight, whatever was scrolled last. */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  mp_walk_in_form_focus_name (self);
}

gboolean
mp_walk_in_form_is_empty (MpWalkInForm *self)
{
  g_return_val_if_fail (MP_IS_WALK_IN_FORM (self), TRUE);

  return gtk_editable_get_text (GTK_EDITABLE (self->name_entry))[0] == '\0'
         && gtk_editable_get_text (GTK_EDITABLE (self->organisation_entry))[0] == '\0'
         && gtk_editable_get_text (GTK_EDITABLE (self->email_entry))[0] == '\0'
         && mp_walk_in_form_get_sector (self) == NULL
         && !gtk_check_button_get_active (self->followup_check)
         && !gtk_check_button_get_active (self->photo_check);
}

double
mp_walk_in_form_get_scroll (MpWalkInForm *self)
{
  g_return_val_if_fail (MP_IS_WALK_IN_FORM (self), 0);

  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)));
}

/* Words and sizes for the audience */

static void
set_css_class (GtkWidget  *widget,
               const char *css_class,
               gboolean    on)
{
  if (on)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

static void
mp_walk_in_form_apply_audience (MpWalkInForm *self)
{
  gboolean desk = self->audience == MP_AUDIENCE_DESK;
  const FormWords *words = &form_words[self->audience];

  gtk_widget_remove_css_class (GTK_WIDGET (self), desk ? "attendee" : "desk");
  gtk_widget_add_css_class (GTK_WIDGET (self), desk ? "desk" : "attendee");

  /* libadwaita's type at the desk; the kiosk's sizes are in style.css */
  set_css_class (GTK_WIDGET (self->cancel_button), "flat", desk);

  gtk_label_set_label (self->heading, gettext (words->heading));
  gtk_label_set_label (self->name_label, gettext (words->name));
  gtk_label_set_label (self->organisation_label, gettext (words->organisation));
  gtk_label_set_label (self->sector_label, gettext (words->sector));
  gtk_label_set_label (self->email_label, gettext (words->email));
  gtk_label_set_label (self->followup_label, gettext (words->followup));
  gtk_label_set_label (self->photo_label, gettext (words->photo));
  gtk_button_set_label (self->register_button, gettext (words->register_label));
  gtk_button_set_label (self->cancel_button, gettext (words->cancel));

  /* The whole answer area at the desk, the whole screen at the kiosk:
   * Cancel beside Register, the sectors several to a line. */
  gtk_box_set_spacing (GTK_BOX (self->fields), desk ? 8 : 12);
  gtk_flow_box_set_max_children_per_line (self->sector_box, desk ? 4 : 3);
  /* (one to a line at the least at the desk: two chips as wide as the
   * longest sector would hold the whole window at 900 pixels) */
  gtk_flow_box_set_min_children_per_line (self->sector_box, desk ? 1 : 3);
  gtk_flow_box_set_column_spacing (self->sector_box, desk ? 6 : 8);
  gtk_flow_box_set_row_spacing (self->sector_box, desk ? 6 : 8);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->button_box), GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (self->button_box, desk ? 12 : 24);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (self->bar), 400);
  /* (at the desk each button as wide as its words: two as wide as
   * "Register and Check In" would keep the window from narrowing) */
  gtk_box_set_homogeneous (self->button_box, !desk);
  gtk_box_reorder_child_after (self->button_box, GTK_WIDGET (self->register_button), GTK_WIDGET (self->cancel_button));
  mp_walk_in_form_fill_sectors (self);
}

/* GObject */

static void
mp_walk_in_form_dispose (GObject *object)
{
  MpWalkInForm *self = (MpWalkInForm *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_WALK_IN_FORM);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->sectors, g_ptr_array_unref);

  G_OBJECT_CLASS (mp_walk_in_form_parent_class)->dispose (object);
}

static void
mp_walk_in_form_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MpWalkInForm *self = MP_WALK_IN_FORM (object);

  switch (prop_id)
    {
    case PROP_AUDIENCE:
      g_value_set_enum (value, self->audience);
      break;

    case PROP_NAME:
      g_value_set_string (value, gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
      break;

    case PROP_ORGANISATION:
      g_value_set_string (value, gtk_editable_get_text (GTK_EDITABLE (self->organisation_entry)));
      break;

    case PROP_EMAIL:
      g_value_set_string (value, gtk_editable_get_text (GTK_EDITABLE (self->email_entry)));
      break;

    case PROP_SECTOR:
      g_value_set_string (value, mp_walk_in_form_get_sector (self));
      break;

    case PROP_CONSENT_FOLLOWUP:
      g_value_set_boolean (value, gtk_check_button_get_active (self->followup_check));
      break;

    case PROP_CONSENT_PHOTO:
      g_value_set_boolean (value, gtk_check_button_get_active (self->photo_check));
      break;

    case PROP_ERROR:
      g_value_set_string (value, mp_walk_in_form_get_error (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_walk_in_form_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MpWalkInForm *self = MP_WALK_IN_FORM (object);
  const char *text;

  switch (prop_id)
    {
    case PROP_AUDIENCE:
      mp_walk_in_form_set_audience (self, g_value_get_enum (value));
      break;

    case PROP_NAME:
      mp_walk_in_form_set_name (self, g_value_get_string (value));
      break;

    case PROP_ORGANISATION:
      text = g_value_get_string (value);
      gtk_editable_set_text (GTK_EDITABLE (self->organisation_entry), text != NULL ? text : "");
      break;

    case PROP_EMAIL:
      text = g_value_get_string (value);
      gtk_editable_set_text (GTK_EDITABLE (self->email_entry), text != NULL ? text : "");
      break;

    case PROP_SECTOR:
      text = g_value_get_string (value);
      gtk_flow_box_unselect_all (self->sector_box);
      for (guint i = 0; text != NULL && self->sectors != NULL && i < self->sectors->len; i++)
        if (g_strcmp0 (((MpSector *) g_ptr_array_index (self->sectors, i))->name, text) == 0)
          gtk_flow_box_select_child (self->sector_box, gtk_flow_box_get_child_at_index (self->sector_box, (int) i));
      break;

    case PROP_CONSENT_FOLLOWUP:
      gtk_check_button_set_active (self->followup_check, g_value_get_boolean (value));
      break;

    case PROP_CONSENT_PHOTO:
      gtk_check_button_set_active (self->photo_check, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_walk_in_form_class_init (MpWalkInFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_walk_in_form_dispose;
  object_class->get_property = mp_walk_in_form_get_property;
  object_class->set_property = mp_walk_in_form_set_property;

  properties[PROP_AUDIENCE] =
    g_param_spec_enum ("audience", NULL, NULL, MP_TYPE_AUDIENCE, MP_AUDIENCE_DESK,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORGANISATION] =
    g_param_spec_string ("organisation", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECTOR] =
    g_param_spec_string ("sector", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONSENT_FOLLOWUP] =
    g_param_spec_boolean ("consent-followup", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONSENT_PHOTO] =
    g_param_spec_boolean ("consent-photo", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SUBMITTED] =
    g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CANCELLED] =
    g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/no/moteplass/Moteplass/mp-walk-in-form.ui");
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, scroller);
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, fields);
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, heading);
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, name_label);
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, name_entry);
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, name_error);
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, organisation_label);
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, organisation_entry);
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, sector_label);
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, sector_box);
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, email_label);
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, email_entry);
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, followup_check);
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, followup_label);
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, photo_check);
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, photo_label);
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, bar);
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, button_box);
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, register_button);
  gtk_widget_class_bind_template_child (widget_class, MpWalkInForm, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, mp_walk_in_form_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_walk_in_form_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mp_walk_in_form_sector_changed_cb);

  gtk_widget_class_install_action (widget_class, "walk-in.register", NULL, mp_walk_in_form_register_action);
  gtk_widget_class_install_action (widget_class, "walk-in.cancel", NULL, mp_walk_in_form_cancel_action);
}

static void
mp_walk_in_form_init (MpWalkInForm *self)
{
  GtkEventController *controller;

  g_type_ensure (ADW_TYPE_CLAMP);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed",
                           G_CALLBACK (mp_walk_in_form_sector_key_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->sector_box), controller);

  mp_walk_in_form_apply_audience (self);
}

GtkWidget *
mp_walk_in_form_new (MpAudience audience)
{
  return g_object_new (MP_TYPE_WALK_IN_FORM, "audience", audience, NULL);
}

MpAudience
mp_walk_in_form_get_audience (MpWalkInForm *self)
{
  g_return_val_if_fail (MP_IS_WALK_IN_FORM (self), MP_AUDIENCE_DESK);

  return self->audience;
}

void
mp_walk_in_form_set_audience (MpWalkInForm *self,
                              MpAudience    audience)
{
  g_return_if_fail (MP_IS_WALK_IN_FORM (self));
  g_return_if_fail (audience == MP_AUDIENCE_DESK || audience == MP_AUDIENCE_ATTENDEE);

  if (self->audience == audience)
    return;
  self->audience = audience;
  mp_walk_in_form_apply_audience (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIENCE]);
}

void
mp_walk_in_form_set_store (MpWalkInForm *self,
                           MpStore      *store)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MP_IS_WALK_IN_FORM (self));
  g_return_if_fail (store == NULL || MP_IS_STORE (store));

  g_clear_pointer (&self->sectors, g_ptr_array_unref);
  if (store != NULL)
    {
      self->sectors = mp_store_list_sectors (store, &error);
      if (self->sectors == NULL)
        g_warning ("Sectors: %s", error->message);
    }
  mp_walk_in_form_fill_sectors (self);
}

const char *
mp_walk_in_form_get_name (MpWalkInForm *self)
{
  g_return_val_if_fail (MP_IS_WALK_IN_FORM (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
}

void
mp_walk_in_form_set_name (MpWalkInForm *self,
                          const char   *name)
{
  g_return_if_fail (MP_IS_WALK_IN_FORM (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name != NULL ? name : "");
}

const char *
mp_walk_in_form_get_sector (MpWalkInForm *self)
{
  g_autoptr(GList) selected = NULL;
  int index;

  g_return_val_if_fail (MP_IS_WALK_IN_FORM (self), NULL);

  selected = gtk_flow_box_get_selected_children (self->sector_box);
  if (selected == NULL || self->sectors == NULL)
    return NULL;
  index = gtk_flow_box_child_get_index (selected->data);
  if (index < 0 || (guint) index >= self->sectors->len)
    return NULL;
  return ((MpSector *) g_ptr_array_index (self->sectors, index))->name;
}

const char *
mp_walk_in_form_get_error (MpWalkInForm *self)
{
  g_return_val_if_fail (MP_IS_WALK_IN_FORM (self), NULL);

  if (gtk_widget_get_visible (GTK_WIDGET (self->name_error)))
    return gtk_label_get_label (self->name_error);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}

const char *
mp_walk_in_form_get_error_field (MpWalkInForm *self)
{
  g_return_val_if_fail (MP_IS_WALK_IN_FORM (self), NULL);

  if (gtk_widget_get_visible (GTK_WIDGET (self->name_error)))
    return "name";
  if (gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return "form";
  return NULL;
}

const char *
mp_walk_in_form_get_focus_field (MpWalkInForm *self)
{
  GtkRoot *root;
  GtkWidget *focus;
  const struct
  {
    const char *name;
    GtkWidget  *widget;
  } fields[] = {
    { "name", GTK_WIDGET (self->name_entry) },
    { "organisation", GTK_WIDGET (self->organisation_entry) },
    { "sector", GTK_WIDGET (self->sector_box) },
    { "email", GTK_WIDGET (self->email_entry) },
    { "followup", GTK_WIDGET (self->followup_check) },
    { "photo", GTK_WIDGET (self->photo_check) },
  };

  g_return_val_if_fail (MP_IS_WALK_IN_FORM (self), NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  for (guint i = 0; focus != NULL && i < G_N_ELEMENTS (fields); i++)
    if (focus == fields[i].widget || gtk_widget_is_ancestor (focus, fields[i].widget))
      return fields[i].name;
  return NULL;
}

GtkWidget *
mp_walk_in_form_get_register_button (MpWalkInForm *self)
{
  g_return_val_if_fail (MP_IS_WALK_IN_FORM (self), NULL);

  return GTK_WIDGET (self->register_button);
}
