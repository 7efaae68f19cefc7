/* mp-a11y-walk: reads the accessible tree of a running Møteplass through
 * AT-SPI, as a screen reader does, and judges it.
 *
 *   mp-a11y-walk --pid PID [--window TITLE] [--dump FILE]
 *       walks every showing element of the application with process PID
 *       (only the top-level window whose name contains TITLE, if given)
 *       and lists, one a line, every control without an accessible name:
 *       push, toggle and menu buttons, check boxes, radios, entries and
 *       text boxes, spin buttons, combo boxes and drop-downs, switches,
 *       sliders, links and menu items. Exits 1 if there is any.
 *   mp-a11y-walk --pid PID --focused
 *       prints the role and name of the element that has the keyboard
 *       focus ("push button|New Event"), or "none".
 *   mp-a11y-walk --pid PID --tab N [--key KEY]
 *       presses Tab (or KEY) N times with xdotool and prints, after each,
 *       the element the focus went to, as the focus events of AT-SPI
 *       tell it: "role|name@x,y", with " (unchanged)" when the focus
 *       did not move.
 *   mp-a11y-walk --pid PID --press NAME
 *       presses the showing button whose accessible name is NAME through
 *       its AT-SPI action, as a screen reader user would; exits 1 if
 *       there is none.
 *   mp-a11y-walk --pid PID --role ROLE --text TEXT
 *       waits up to 5 s for a showing element with the AT-SPI role ROLE
 *       ("alert", "notification", ...) whose name, description or text
 *       (its own or a descendant's) contains TEXT; exits 1 if none comes.
 *
 * Exit status 77 when the AT-SPI bus or the application cannot be
 * reached: the caller decides whether that is a skip or a failure.
 */
#include <atspi/atspi.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_UNREACHABLE 77

/* libatspi 2.46 declares no autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiAccessible, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiStateSet, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiText, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiComponent, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiAction, g_object_unref)

static gint pid = 0;
static char *window_title = NULL;
static char *dump_path = NULL;
static gboolean focused = FALSE;
static char *want_role = NULL;
static char *want_text = NULL;
static gint timeout_s = 10;
static gboolean all = FALSE;
static gint tabs = 0;
static char *press = NULL;
static char *tab_key = NULL;

static const GOptionEntry entries[] = {
  { "pid", 0, 0, G_OPTION_ARG_INT, &pid, "Process of the application", "PID" },
  { "window", 0, 0, G_OPTION_ARG_STRING, &window_title, "Only the window with this in its name", "TITLE" },
  { "dump", 0, 0, G_OPTION_ARG_FILENAME, &dump_path, "Write the whole tree to FILE", "FILE" },
  { "focused", 0, 0, G_OPTION_ARG_NONE, &focused, "Print the focused element", NULL },
  { "role", 0, 0, G_OPTION_ARG_STRING, &want_role, "Wait for an element of this role", "ROLE" },
  { "text", 0, 0, G_OPTION_ARG_STRING, &want_text, "… whose text contains TEXT", "TEXT" },
  { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout_s, "Seconds to wait for the application", "S" },
  { "tab", 0, 0, G_OPTION_ARG_INT, &tabs, "Press Tab N times, print where the focus goes", "N" },
  { "key", 0, 0, G_OPTION_ARG_STRING, &tab_key, "… with this key instead of Tab (xdotool's name)", "KEY" },
  { "press", 0, 0, G_OPTION_ARG_STRING, &press, "Press the button named NAME, as a screen reader user does", "NAME" },
  { "all", 0, 0, G_OPTION_ARG_NONE, &all, "Walk hidden elements too", NULL },
  { NULL }
};

/* The roles a person operates, which a screen reader must be able to name. */
static gboolean
is_control (AtspiRole role)
{
  switch (role)
    {
    case ATSPI_ROLE_PUSH_BUTTON:
    case ATSPI_ROLE_TOGGLE_BUTTON:
    case ATSPI_ROLE_CHECK_BOX:
    case ATSPI_ROLE_RADIO_BUTTON:
    case ATSPI_ROLE_ENTRY:
    case ATSPI_ROLE_PASSWORD_TEXT:
    case ATSPI_ROLE_TEXT:
    case ATSPI_ROLE_SPIN_BUTTON:
    case ATSPI_ROLE_COMBO_BOX:
    case ATSPI_ROLE_SLIDER:
    case ATSPI_ROLE_LINK:
    case ATSPI_ROLE_MENU_ITEM:
    case ATSPI_ROLE_CHECK_MENU_ITEM:
    case ATSPI_ROLE_RADIO_MENU_ITEM:
    case ATSPI_ROLE_PUSH_BUTTON_MENU:
      return TRUE;
    default:
      return FALSE;
    }
}

/* GTK 4.8 answers an element without a name with its type name
 * ("GtkImage", "GtkMenuButton"): that is no name to a person. */
static gboolean
is_no_name (const char *name)
{
  g_auto(GStrv) words = NULL;

  if (name == NULL)
    return TRUE;
  words = g_strsplit (name, " ", -1);
  for (int i = 0; words[i] != NULL; i++)
    {
      const char *w = words[i];

      if (*w == '\0')
        continue;
      if (!(g_str_has_prefix (w, "Gtk") || g_str_has_prefix (w, "Adw") || g_str_has_prefix (w, "Mp")))
        return FALSE;
      for (const char *c = w; *c != '\0'; c++)
        if (!g_ascii_isalnum (*c))
          return FALSE;
    }
  return TRUE;
}

/* GTK 4.8 names a button with a mnemonic label twice, the raw label and
 * the label shown ("_Check In Check In"): a screen reader reads out the
 * underscore and the words twice. */
static gboolean
is_garbled_name (const char *name)
{
  size_t len;

  if (name == NULL)
    return FALSE;
  if (name[0] == '_' || strstr (name, " _") != NULL)
    return TRUE;
  for (const char *u = strchr (name, '_'); u != NULL; u = strchr (u + 1, '_'))
    if (g_ascii_isalpha (u[1]) && u > name && g_ascii_isalpha (u[-1]))
      return TRUE;
  len = strlen (name);
  if (len >= 3 && len % 2 == 1 && name[len / 2] == ' ' &&
      strncmp (name, name + len / 2 + 1, len / 2) == 0)
    return TRUE;
  return FALSE;
}

static gboolean
has_state (AtspiAccessible *node,
           AtspiStateType   type)
{
  g_autoptr(AtspiStateSet) states = atspi_accessible_get_state_set (node);

  return states != NULL && atspi_state_set_contains (states, type);
}

static char *
describe (AtspiAccessible *node)
{
  g_autofree char *role = atspi_accessible_get_role_name (node, NULL);
  g_autofree char *name = atspi_accessible_get_name (node, NULL);

  return g_strdup_printf ("%s|%s", role != NULL ? role : "?", name != NULL ? name : "");
}

static char *
describe_states (AtspiAccessible *node)
{
  AtspiStateSet *states = atspi_accessible_get_state_set (node);
  GArray *list = states != NULL ? atspi_state_set_get_states (states) : NULL;
  GString *out = g_string_new (NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      GEnumClass *klass = g_type_class_ref (ATSPI_TYPE_STATE_TYPE);
      GEnumValue *value = g_enum_get_value (klass, g_array_index (list, AtspiStateType, i));

      g_string_append_printf (out, "%s%s", i ? "," : "", value != NULL ? value->value_nick : "?");
      g_type_class_unref (klass);
    }
  if (list != NULL)
    g_array_unref (list);
  g_clear_object (&states);
  return g_string_free (out, FALSE);
}

/* Where an element is, for a person fixing it: the names of the nearest
 * named ancestors and of the element's own children, if any. */
static char *
whereabouts (AtspiAccessible *node)
{
  GString *where = g_string_new (NULL);
  g_autoptr(AtspiAccessible) parent = atspi_accessible_get_parent (node, NULL);
  int found = 0;

  while (parent != NULL && found < 3)
    {
      g_autofree char *name = atspi_accessible_get_name (parent, NULL);
      g_autofree char *role = atspi_accessible_get_role_name (parent, NULL);
      AtspiAccessible *next;

      if (role != NULL && g_strcmp0 (role, "application") == 0)
        break;
      if (name != NULL && *name != '\0')
        {
          g_string_append_printf (where, "%s%s “%s”", found ? " < " : " in ", role, name);
          found++;
        }
      next = atspi_accessible_get_parent (parent, NULL);
      g_object_unref (parent);
      parent = next;
    }
  return g_string_free (where, FALSE);
}

static gboolean
text_contains (AtspiAccessible *node,
               const char      *text)
{
  g_autofree char *name = atspi_accessible_get_name (node, NULL);
  g_autofree char *description = atspi_accessible_get_description (node, NULL);
  g_autoptr(AtspiText) text_iface = atspi_accessible_get_text_iface (node);

  if ((name != NULL && strstr (name, text) != NULL) ||
      (description != NULL && strstr (description, text) != NULL))
    return TRUE;
  if (text_iface != NULL)
    {
      int count = atspi_text_get_character_count (text_iface, NULL);
      g_autofree char *content = atspi_text_get_text (text_iface, 0, count, NULL);

      if (content != NULL && strstr (content, text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
subtree_contains (AtspiAccessible *node,
                  const char      *text,
                  int              depth)
{
  int n;

  if (text_contains (node, text))
    return TRUE;
  if (depth > 20)
    return FALSE;
  n = atspi_accessible_get_child_count (node, NULL);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(AtspiAccessible) child = atspi_accessible_get_child_at_index (node, i, NULL);

      if (child != NULL && subtree_contains (child, text, depth + 1))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_on_screen (AtspiAccessible *node)
{
  g_autoptr(AtspiComponent) component = atspi_accessible_get_component_iface (node);
  AtspiRect *r;
  gboolean on_screen;

  /* Stack pages and the like have no extents of their own. */
  if (component == NULL)
    return TRUE;
  r = atspi_component_get_extents (component, ATSPI_COORD_TYPE_WINDOW, NULL);
  on_screen = r == NULL || (r->width > 0 && r->height > 0);
  g_free (r);
  return on_screen;
}

typedef struct {
  GString         *dump;
  GPtrArray       *unnamed;
  int              visited;
  AtspiAccessible *focus;
  AtspiAccessible *wanted;
  AtspiAccessible *pressed;
} Walk;

/* GTK 4.8's header row of a GtkColumnView takes no Tab stop and has no
 * name to give; its cells are the column titles. */
static gboolean
is_column_header_row (AtspiAccessible *node)
{
  g_autoptr(AtspiAccessible) first = atspi_accessible_get_child_at_index (node, 0, NULL);
  g_autofree char *name = first != NULL ? atspi_accessible_get_name (first, NULL) : NULL;

  return g_strcmp0 (name, "GtkColumnViewTitle") == 0;
}

static gboolean
is_file_chooser (AtspiAccessible *node)
{
  g_autofree char *name = atspi_accessible_get_name (node, NULL);

  return g_strcmp0 (name, "GtkFileChooserWidget") == 0;
}

static void
walk (Walk            *w,
      AtspiAccessible *node,
      int              depth,
      gboolean         in_combo,
      gboolean         in_file_chooser)
{
  AtspiRole role;
  int n;

  if (depth > 60 || w->visited > 20000)
    return;
  w->visited++;

  /* Hidden stack pages, pages of a leaflet and closed popovers are not
   * on the screen: skip them. GTK 4.8 marks everything "visible" and
   * only windows "showing", but gives what is not shown no size. */
  if (depth > 0 && !all && !is_on_screen (node))
    return;

  role = atspi_accessible_get_role (node, NULL);
  if (w->dump != NULL)
    {
      g_autofree char *d = describe (node);
      g_autofree char *st = describe_states (node);

      AtspiComponent *component = atspi_accessible_get_component_iface (node);
      AtspiRect *r = component != NULL ? atspi_component_get_extents (component, ATSPI_COORD_TYPE_WINDOW, NULL) : NULL;

      g_string_append_printf (w->dump, "%*s%s  [%s] %d,%d %dx%d\n", depth * 2, "", d, st,
                              r ? r->x : -9, r ? r->y : -9, r ? r->width : -9, r ? r->height : -9);
      g_clear_pointer (&r, g_free);
      g_clear_object (&component);
    }

  /* A row that takes the focus is read out by its name as well. */
  if (is_control (role) ||
      ((role == ATSPI_ROLE_LIST_ITEM || role == ATSPI_ROLE_TABLE_ROW ||
        role == ATSPI_ROLE_TABLE_CELL) &&
       has_state (node, ATSPI_STATE_FOCUSABLE)))
    {
      g_autofree char *name = atspi_accessible_get_name (node, NULL);
      gboolean needs_name = TRUE;

      /* A text role is a control only when it can be typed into;
       * read-only text is a label. */
      if (role == ATSPI_ROLE_TEXT && !has_state (node, ATSPI_STATE_EDITABLE))
        needs_name = FALSE;
      /* AdwComboRow (libadwaita 1.2) shows its current value in a list
       * of one item that Tab never reaches; the combo box is named. */
      if (role == ATSPI_ROLE_LIST_ITEM && in_combo)
        needs_name = FALSE;
      if (role == ATSPI_ROLE_TABLE_ROW && is_column_header_row (node))
        needs_name = FALSE;
      /* GTK 4.8's own file chooser (places, column headers, the file
       * type drop-down) is not ours to name. */
      if (in_file_chooser)
        needs_name = FALSE;

      if (needs_name && is_no_name (name))
        {
          g_autofree char *d = describe (node);
          g_autofree char *where = whereabouts (node);

          g_ptr_array_add (w->unnamed, g_strdup_printf ("%s%s", d, where));
        }
      else if (needs_name && is_garbled_name (name))
        {
          g_autofree char *d = describe (node);
          g_autofree char *where = whereabouts (node);

          g_ptr_array_add (w->unnamed, g_strdup_printf ("%s%s (read out garbled)", d, where));
        }
    }

  if (press != NULL && w->pressed == NULL &&
      (role == ATSPI_ROLE_PUSH_BUTTON || role == ATSPI_ROLE_TOGGLE_BUTTON))
    {
      g_autofree char *name = atspi_accessible_get_name (node, NULL);

      if (g_strcmp0 (name, press) == 0)
        w->pressed = g_object_ref (node);
    }

  if (w->focus == NULL && has_state (node, ATSPI_STATE_FOCUSED))
    w->focus = g_object_ref (node);

  if (w->wanted == NULL && want_role != NULL)
    {
      g_autofree char *role_name = atspi_accessible_get_role_name (node, NULL);

      if (g_strcmp0 (role_name, want_role) == 0 &&
          (want_text == NULL || subtree_contains (node, want_text, 0)))
        w->wanted = g_object_ref (node);
    }

  n = atspi_accessible_get_child_count (node, NULL);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(AtspiAccessible) child = atspi_accessible_get_child_at_index (node, i, NULL);

      if (child != NULL)
        walk (w, child, depth + 1, in_combo || role == ATSPI_ROLE_COMBO_BOX,
              in_file_chooser || is_file_chooser (node));
    }
}

static AtspiAccessible *last_focus = NULL;
static gboolean focus_moved = FALSE;

static void
focus_changed_cb (AtspiEvent *event,
                  void       *user_data G_GNUC_UNUSED)
{
  if (event->detail1 == 1 && event->source != NULL &&
      (gint) atspi_accessible_get_process_id (event->source, NULL) == pid)
    {
      g_set_object (&last_focus, event->source);
      focus_moved = TRUE;
    }
  g_boxed_free (ATSPI_TYPE_EVENT, event);
}

static void
spin (int ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5 * 1000);
    }
}

static char *
describe_at (AtspiAccessible *node)
{
  g_autofree char *d = describe (node);
  g_autoptr(AtspiComponent) component = atspi_accessible_get_component_iface (node);
  AtspiRect *r = component != NULL ? atspi_component_get_extents (component, ATSPI_COORD_TYPE_WINDOW, NULL) : NULL;
  char *result = g_strdup_printf ("%s@%d,%d", d, r != NULL ? r->x : -1, r != NULL ? r->y : -1);

  g_free (r);
  return result;
}

static int
walk_focus_with_tab (void)
{
  AtspiEventListener *listener = atspi_event_listener_new (focus_changed_cb, NULL, NULL);
  g_autoptr(GError) error = NULL;

  if (!atspi_event_listener_register (listener, "object:state-changed:focused", &error))
    {
      g_printerr ("mp-a11y-walk: %s\n", error->message);
      return EXIT_UNREACHABLE;
    }
  spin (200);
  for (int i = 0; i < tabs; i++)
    {
      const char *argv[] = { "xdotool", "key", "--clearmodifiers", tab_key != NULL ? tab_key : "Tab", NULL };

      focus_moved = FALSE;
      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, &error))
        {
          g_printerr ("mp-a11y-walk: %s\n", error->message);
          return 2;
        }
      spin (100);
      if (last_focus == NULL)
        g_print ("none\n");
      else
        {
          g_autofree char *d = describe_at (last_focus);
          g_print ("%s%s\n", d, focus_moved ? "" : " (unchanged)");
        }
    }
  atspi_event_listener_deregister (listener, "object:state-changed:focused", NULL);
  g_object_unref (listener);
  g_clear_object (&last_focus);
  return 0;
}

static AtspiAccessible *
find_application (void)
{
  g_autoptr(AtspiAccessible) desktop = atspi_get_desktop (0);
  int n;

  if (desktop == NULL)
    return NULL;
  n = atspi_accessible_get_child_count (desktop, NULL);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(AtspiAccessible) app = atspi_accessible_get_child_at_index (desktop, i, NULL);

      if (app != NULL && (gint) atspi_accessible_get_process_id (app, NULL) == pid)
        return g_steal_pointer (&app);
    }
  return NULL;
}

/* The application's top-level windows that are showing (and whose name
 * contains --window, if given). */
static GPtrArray *
find_windows (AtspiAccessible *app)
{
  GPtrArray *windows = g_ptr_array_new_with_free_func (g_object_unref);
  int n = atspi_accessible_get_child_count (app, NULL);

  for (int i = 0; i < n; i++)
    {
      g_autoptr(AtspiAccessible) window = atspi_accessible_get_child_at_index (app, i, NULL);
      g_autofree char *name = NULL;

      if (window != NULL && g_getenv ("MP_A11Y_DEBUG") != NULL)
        {
          g_autofree char *d = describe (window);
          g_autofree char *st = describe_states (window);
          g_printerr ("top-level %d: %s [%s]\n", i, d, st);
        }
      /* GTK 4.8 marks only the main window "showing"; a dialog is
       * "visible" and has a size. */
      if (window == NULL ||
          !(has_state (window, ATSPI_STATE_SHOWING) ||
            (has_state (window, ATSPI_STATE_VISIBLE) && is_on_screen (window))))
        continue;
      name = atspi_accessible_get_name (window, NULL);
      if (window_title != NULL && (name == NULL || strstr (name, window_title) == NULL))
        continue;
      g_ptr_array_add (windows, g_steal_pointer (&window));
    }
  return windows;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- judge Møteplass's accessible tree");
  g_autoptr(GError) error = NULL;
  g_autoptr(AtspiAccessible) app = NULL;
  g_autoptr(GPtrArray) windows = NULL;
  gint64 deadline;
  Walk w = { 0 };
  int status = 0;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || pid <= 0)
    {
      g_printerr ("mp-a11y-walk: %s\n", error != NULL ? error->message : "--pid is needed");
      return 2;
    }

  if (atspi_init () > 1)
    {
      g_printerr ("mp-a11y-walk: the AT-SPI bus cannot be reached\n");
      return EXIT_UNREACHABLE;
    }

  /* The application registers with the registry some time after its
   * window maps; wait for it and for a showing window. */
  deadline = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;
  for (;;)
    {
      g_clear_object (&app);
      g_clear_pointer (&windows, g_ptr_array_unref);
      app = find_application ();
      if (app != NULL)
        {
          atspi_accessible_set_cache_mask (app, ATSPI_CACHE_NONE);
          windows = find_windows (app);
          if (windows->len > 0)
            break;
        }
      if (g_get_monotonic_time () > deadline)
        {
          g_printerr ("mp-a11y-walk: process %d %s\n", pid,
                      app == NULL ? "is not on the AT-SPI desktop"
                                  : "has no showing window of that name");
          return EXIT_UNREACHABLE;
        }
      g_usleep (50 * 1000);
    }

  if (tabs > 0)
    return walk_focus_with_tab ();

  if (press != NULL)
    {
      g_autoptr(AtspiAction) action = NULL;

      w.unnamed = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < windows->len && w.pressed == NULL; i++)
        walk (&w, windows->pdata[i], 0, FALSE, FALSE);
      g_ptr_array_unref (w.unnamed);
      g_clear_object (&w.focus);
      if (w.pressed == NULL)
        {
          g_print ("no showing button named “%s”\n", press);
          return 1;
        }
      action = atspi_accessible_get_action_iface (w.pressed);
      g_object_unref (w.pressed);
      if (action == NULL || !atspi_action_do_action (action, 0, &error))
        {
          g_print ("“%s” cannot be pressed: %s\n", press, error != NULL ? error->message : "no action");
          return 1;
        }
      return 0;
    }

  if (want_role != NULL)
    {
      deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
      for (;;)
        {
          for (guint i = 0; i < windows->len && w.wanted == NULL; i++)
            {
              w.unnamed = g_ptr_array_new_with_free_func (g_free);
              walk (&w, windows->pdata[i], 0, FALSE, FALSE);
              g_ptr_array_unref (w.unnamed);
            }
          if (w.wanted != NULL || g_get_monotonic_time () > deadline)
            break;
          g_usleep (100 * 1000);
        }
      if (w.wanted == NULL)
        {
          g_print ("no showing %s with “%s”\n", want_role, want_text != NULL ? want_text : "");
          return 1;
        }
      {
        g_autofree char *d = describe (w.wanted);
        g_print ("%s\n", d);
      }
      g_object_unref (w.wanted);
      g_clear_object (&w.focus);
      return 0;
    }

  w.unnamed = g_ptr_array_new_with_free_func (g_free);
  if (dump_path != NULL)
    w.dump = g_string_new (NULL);
  for (guint i = 0; i < windows->len; i++)
    walk (&w, windows->pdata[i], 0, FALSE, FALSE);

  if (dump_path != NULL &&
      !g_file_set_contents (dump_path, w.dump->str, -1, &error))
    g_printerr ("mp-a11y-walk: %s\n", error->message);

  if (focused)
    {
      if (w.focus != NULL)
        {
          g_autofree char *d = describe (w.focus);
          g_print ("%s\n", d);
        }
      else
        g_print ("none\n");
    }
  else
    {
      for (guint i = 0; i < w.unnamed->len; i++)
        g_print ("%s\n", (char *) w.unnamed->pdata[i]);
      if (w.unnamed->len > 0)
        status = 1;
      g_printerr ("mp-a11y-walk: %d elements, %u controls without a name\n",
                  w.visited, w.unnamed->len);
    }

  g_clear_object (&w.focus);
  g_ptr_array_unref (w.unnamed);
  if (w.dump != NULL)
    g_string_free (w.dump, TRUE);
  return status;
}
