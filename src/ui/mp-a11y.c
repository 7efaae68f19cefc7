#define G_LOG_DOMAIN "mp-a11y"

#include "config.h"

#include "mp-a11y.h"

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
mp_a11y_expander_title_changed_cb (AdwExpanderRow *row,
                                   GParamSpec     *pspec,
                                   gpointer        user_data)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  GtkWidget *enable_switch = find_descendant (GTK_WIDGET (row), GTK_TYPE_SWITCH);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  if (enable_switch != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (enable_switch), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

/* An AdwExpanderRow (libadwaita 1.2) is a row that takes the focus with
 * its header inside it: the row itself has no name, nor has the switch
 * of one with show-enable-switch. Give both the row's title, and keep it
 * so. */
void
mp_a11y_name_expander_row (AdwExpanderRow *row)
{
  g_return_if_fail (ADW_IS_EXPANDER_ROW (row));

  mp_a11y_expander_title_changed_cb (row, NULL, NULL);
  g_signal_connect (row, "notify::title",
                    G_CALLBACK (mp_a11y_expander_title_changed_cb), NULL);
}

void
mp_a11y_name_expander_switch (AdwExpanderRow *row)
{
  mp_a11y_name_expander_row (row);
}

/* A row of a GtkColumnView or GtkListView takes the focus, but GTK 4.8
 * gives it no name: a screen reader says "GtkListItemWidget". The row
 * widget is not ours to reach, except as the nearest ancestor of a cell's
 * child that can take the focus; call this when a cell is bound. */
void
mp_a11y_name_list_row (GtkWidget  *cell_child,
                       const char *name)
{
  GtkWidget *row;

  g_return_if_fail (GTK_IS_WIDGET (cell_child));

  for (row = gtk_widget_get_parent (cell_child); row != NULL; row = gtk_widget_get_parent (row))
    {
      GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (row));

      if (role == GTK_ACCESSIBLE_ROLE_ROW || role == GTK_ACCESSIBLE_ROLE_LIST_ITEM)
        break;
    }
  if (row == NULL)
    return;
  if (name != NULL && *name != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* A GtkFlowBox wraps each button in a child of its own, which a screen
 * reader meets as a nameless table cell, and Tab stops at: the cell
 * takes the button's name (its mnemonic underline left out) and leaves
 * the focus to the button. */
void
mp_a11y_name_flow_box_child (GtkWidget *button)
{
  GtkWidget *cell, *content;
  g_autoptr(GString) name = NULL;

  g_return_if_fail (GTK_IS_BUTTON (button));

  cell = gtk_widget_get_parent (button);
  if (!GTK_IS_FLOW_BOX_CHILD (cell))
    return;
  content = gtk_button_get_child (GTK_BUTTON (button));
  name = g_string_new (ADW_IS_BUTTON_CONTENT (content) ? adw_button_content_get_label (ADW_BUTTON_CONTENT (content))
                                                       : gtk_button_get_label (GTK_BUTTON (button)));
  g_string_replace (name, "_", "", 1);
  gtk_widget_set_focusable (cell, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, name->str, -1);
}

static gboolean
mp_a11y_list_key_pressed_cb (GtkEventControllerKey *controller,
                             guint                  keyval,
                             guint                  keycode,
                             GdkModifierType        state,
                             GtkWidget             *list)
{
  GtkDirectionType direction;
  GtkRoot *root;
  gboolean moved;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  if (keyval == GDK_KEY_ISO_Left_Tab || ((keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab) && (state & GDK_SHIFT_MASK)))
    direction = GTK_DIR_TAB_BACKWARD;
  else if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = GTK_DIR_TAB_FORWARD;
  else
    return FALSE;

  root = gtk_widget_get_root (list);
  if (root == NULL)
    return FALSE;

  /* With the list out of the focus chain for a moment, the window moves
   * the focus to whatever comes before or after the list. */
  gtk_widget_set_can_focus (list, FALSE);
  moved = gtk_widget_child_focus (GTK_WIDGET (root), direction);
  gtk_widget_set_can_focus (list, TRUE);
  return moved;
}

/* In GTK 4.8 Tab moves from row to row of a GtkListView or GtkColumnView
 * (GTK 4.12 added tab-behavior for this): with 100,000 attendees the
 * keyboard could never leave the list. Make the list one stop of the Tab
 * chain, as a GtkListBox is; the arrow keys still move inside it. */
void
mp_a11y_tab_leaves_list (GtkWidget *list)
{
  GtkEventController *controller;

  g_return_if_fail (GTK_IS_WIDGET (list));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed",
                           G_CALLBACK (mp_a11y_list_key_pressed_cb), list, 0);
  gtk_widget_add_controller (list, controller);
}

static void
mp_a11y_button_label_changed_cb (GtkButton  *button,
                                 GParamSpec *pspec,
                                 gpointer    user_data)
{
  /* GTK 4.8 gives a button with a mnemonic both its raw label as name
   * ("_Cancel") and the label it shows (labelled-by): a screen reader
   * says "underscore Cancel Cancel". The label shown is the right name. */
  if (gtk_button_get_use_underline (button) && gtk_button_get_label (button) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static gboolean
mp_a11y_widget_mapped_cb (GSignalInvocationHint *hint,
                          guint                  n_values,
                          const GValue          *values,
                          gpointer               user_data)
{
  static GQuark watched;
  GObject *object = g_value_get_object (&values[0]);

  if (!GTK_IS_BUTTON (object))
    return TRUE;
  if (watched == 0)
    watched = g_quark_from_static_string ("mp-a11y-label-watched");
  if (g_object_get_qdata (object, watched) == NULL)
    {
      g_object_set_qdata (object, watched, GINT_TO_POINTER (1));
      g_signal_connect (object, "notify::label", G_CALLBACK (mp_a11y_button_label_changed_cb), NULL);
      g_signal_connect (object, "notify::use-underline", G_CALLBACK (mp_a11y_button_label_changed_cb), NULL);
    }
  mp_a11y_button_label_changed_cb (GTK_BUTTON (object), NULL, NULL);
  return TRUE;
}

/* Once, at start-up: every button with a mnemonic, in every window
 * (GTK's own dialogs too), is named by the words it shows. */
void
mp_a11y_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* A signal is known once its class is. */
      g_type_class_unref (g_type_class_ref (GTK_TYPE_WIDGET));
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                                  mp_a11y_widget_mapped_cb, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}
