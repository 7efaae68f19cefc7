/* Preferences: every row writes its GSettings key and follows it; the
 * kiosk PIN is kept only as a hash; a badge printer CUPS does not list
 * now is not forgotten. Runs under Xvfb (with-xvfb.sh), with the memory
 * GSettings backend and no CUPS server (CUPS_SERVER points nowhere). */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "mp-attendee-private.h"
#include "mp-error.h"
#include "mp-organiser-group.h"
#include "mp-pin.h"
#include "mp-ticket.h"
#include "mp-preferences-window.h"
#include "mp-test-util.h"
#include "mp-ticket-render.h"
#include "mp-ui-test-util.h"

static GSettings *
fresh_settings (void)
{
  GSettings *settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) names = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  names = g_settings_schema_list_keys (schema);
  for (guint i = 0; names[i] != NULL; i++)
    g_settings_reset (settings, names[i]);

  return settings;
}

/* Runs the main loop until the printer list came back from its thread
 * and filled @row anew (CUPS_SERVER points at no server: it fails at
 * once), or 10 s. */
static void
wait_for_printers (AdwComboRow *row)
{
  GListModel *choices = adw_combo_row_get_model (row);
  MpTestItemsChanged changes = { 0 };
  gulong handler = g_signal_connect (choices, "items-changed", G_CALLBACK (mp_test_record_items_changed), &changes);

  g_assert_true (mp_test_wait_until (mp_test_is_nonzero, &changes.n, 10000));
  g_signal_handler_disconnect (choices, handler);
}

static void
test_rows_follow_settings (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  MpPreferencesWindow *window = mp_preferences_window_new (NULL, settings);
  GtkWidget *desk = mp_test_find_row (GTK_WIDGET (window), "Desk name (empty: this computer’s name)");
  GtkWidget *layout = mp_test_find_row (GTK_WIDGET (window), "Badge _layout");
  GtkWidget *language = mp_test_find_row (GTK_WIDGET (window), "Kiosk _language");
  GtkWidget *retention = mp_test_find_row (GTK_WIDGET (window), "_Months to keep personal data");
  GtkWidget *sounds = mp_test_find_row (GTK_WIDGET (window), "_Sounds");
  GtkWidget *spin;
  GtkWidget *sound_switch;
  g_autofree char *desk_name = NULL;
  g_autofree char *layout_name = NULL;
  g_autofree char *language_code = NULL;

  g_assert_nonnull (desk);
  g_assert_nonnull (layout);
  g_assert_nonnull (language);
  g_assert_nonnull (retention);
  g_assert_nonnull (sounds);

  /* widget → settings */
  gtk_editable_set_text (GTK_EDITABLE (desk), "Hovedinngang");
  desk_name = g_settings_get_string (settings, "desk-name");
  g_assert_cmpstr (desk_name, ==, "Hovedinngang");

  adw_combo_row_set_selected (ADW_COMBO_ROW (layout), MP_TICKET_LAYOUT_BADGE);
  layout_name = g_settings_get_string (settings, "badge-layout");
  g_assert_cmpstr (layout_name, ==, "badge");

  /* the desktop's, then nb, nn, en, uk, ar */
  adw_combo_row_set_selected (ADW_COMBO_ROW (language), 4);
  language_code = g_settings_get_string (settings, "kiosk-language");
  g_assert_cmpstr (language_code, ==, "uk");
  adw_combo_row_set_selected (ADW_COMBO_ROW (language), 0);
  g_clear_pointer (&language_code, g_free);
  language_code = g_settings_get_string (settings, "kiosk-language");
  g_assert_cmpstr (language_code, ==, "");

  spin = mp_test_find_of_type (retention, GTK_TYPE_SPIN_BUTTON);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 6);
  g_assert_cmpuint (g_settings_get_uint (settings, "retention-months"), ==, 6);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "retention-months"), ==, 0);

  /* settings → widget */
  sound_switch = mp_test_find_of_type (sounds, GTK_TYPE_SWITCH);
  g_settings_set_boolean (settings, "sound", FALSE);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (sound_switch)));
  g_settings_set_string (settings, "kiosk-language", "ar");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (language)), ==, 5);
  g_settings_set_string (settings, "badge-layout", "sheet");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (layout)), ==, MP_TICKET_LAYOUT_SHEET);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_pin (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  MpPreferencesWindow *window = mp_preferences_window_new (NULL, settings);
  AdwActionRow *row = ADW_ACTION_ROW (mp_test_find_row (GTK_WIDGET (window), "Organiser’s PIN"));
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;

  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Not set"));

  g_assert_false (mp_preferences_window_save_pin (window, "12", &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_clear_error (&error);
  hash = g_settings_get_string (settings, "kiosk-pin-hash");
  g_assert_cmpstr (hash, ==, "");
  g_clear_pointer (&hash, g_free);

  g_assert_true (mp_preferences_window_save_pin (window, "2580", &error));
  g_assert_no_error (error);
  hash = g_settings_get_string (settings, "kiosk-pin-hash");
  g_assert_null (strstr (hash, "2580"));
  g_assert_true (mp_pin_verify (hash, "2580"));
  g_assert_false (mp_pin_verify (hash, "0000"));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Set."));

  /* removed elsewhere: the row follows */
  g_settings_reset (settings, "kiosk-pin-hash");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Not set"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_printer_choices (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  MpPreferencesWindow *window;
  AdwComboRow *printer_row;
  GtkWidget *folder_row;
  g_auto(GStrv) choices = NULL;
  g_autofree char *printer = NULL;

  /* A printer chosen earlier, and CUPS not answering now */
  g_settings_set_string (settings, "badge-printer", "Kontorskriver");
  window = mp_preferences_window_new (NULL, settings);
  printer_row = ADW_COMBO_ROW (mp_test_find_row (GTK_WIDGET (window), "Badge _printer"));
  wait_for_printers (printer_row);
  folder_row = mp_test_find_row (GTK_WIDGET (window), "Badge folder");

  choices = mp_preferences_window_dup_printer_choices (window);
  g_assert_cmpuint (g_strv_length (choices), ==, 2);
  g_assert_cmpstr (choices[0], ==, "");
  g_assert_cmpstr (choices[1], ==, "Kontorskriver");
  g_assert_cmpuint (adw_combo_row_get_selected (printer_row), ==, 1);
  {
    GtkStringObject *item = g_list_model_get_item (adw_combo_row_get_model (printer_row), 1);

    g_assert_cmpstr (gtk_string_object_get_string (item), ==, "Kontorskriver (not found now)");
    g_object_unref (item);
  }
  g_assert_false (gtk_widget_get_sensitive (folder_row));

  /* back to the folder */
  adw_combo_row_set_selected (printer_row, 0);
  printer = g_settings_get_string (settings, "badge-printer");
  g_assert_cmpstr (printer, ==, "");
  g_assert_true (gtk_widget_get_sensitive (folder_row));
  g_settings_set_string (settings, "badge-folder", "/srv/badges");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (folder_row)), ==, "/srv/badges");

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_pin_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
        return window;
    }

  return NULL;
}

static void
collect_password_entries (GtkWidget *widget,
                          GPtrArray *out)
{
  if (GTK_IS_PASSWORD_ENTRY (widget))
    g_ptr_array_add (out, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_password_entries (child, out);
}

/* The "Set PIN…" dialog as a person uses it: two entries that must be
 * the same 4 to 12 digits before "Set PIN" can be pressed. */
static void
test_pin_dialog (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  MpPreferencesWindow *window = mp_preferences_window_new (NULL, settings);
  GtkWidget *row = mp_test_find_row (GTK_WIDGET (window), "Organiser’s PIN");
  GtkWidget *button = NULL;
  GtkWidget *dialog;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autofree char *hash = NULL;

  /* the row's "Set PIN…" button */
  {
    GtkWidget *stack[64];
    guint n = 0;

    stack[n++] = row;
    while (n > 0)
      {
        GtkWidget *w = stack[--n];

        if (GTK_IS_BUTTON (w) && gtk_widget_get_visible (w)
            && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), "_Set PIN…") == 0)
          button = w;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL && n < G_N_ELEMENTS (stack);
             c = gtk_widget_get_next_sibling (c))
          stack[n++] = c;
      }
  }
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");

  dialog = find_pin_dialog ();
  g_assert_nonnull (dialog);
  collect_password_entries (dialog, entries);
  g_assert_cmpuint (entries->len, ==, 2);

  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "set"));
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), "12");
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[1]), "12");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "set"));
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), "246810");
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[1]), "246811");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "set"));
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[1]), "246810");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "set"));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "set");
  hash = g_settings_get_string (settings, "kiosk-pin-hash");
  g_assert_true (mp_pin_verify (hash, "246810"));
  g_assert_null (strstr (hash, "246810"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The organiser's name and logo: set in Preferences, on every ticket
 * rendered after (the renderer reads them); a file that is no picture
 * is refused with a message, and the setting stays as it was. */
static guint
count_red_pixels (MpTicketRenderer *renderer,
                  MpAttendee       *attendee)
{
  double width, height;
  cairo_surface_t *image;
  cairo_t *cr;
  const guchar *data;
  guint n = 0;

  mp_ticket_layout_get_page_size (mp_ticket_renderer_get_layout (renderer), &width, &height);
  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
  cr = cairo_create (image);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  mp_ticket_renderer_draw_page (renderer, cr, &attendee, 1);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  for (int y = 0; y < (int) height; y++)
    for (int x = 0; x < (int) width; x++)
      if ((*(const guint32 *) (data + y * cairo_image_surface_get_stride (image) + x * 4) & 0xffffff) == 0xff0000)
        n++;
  cairo_surface_destroy (image);
  return n;
}

static void
test_organiser (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  MpPreferencesWindow *window = mp_preferences_window_new (NULL, settings);
  GtkWidget *name = mp_test_find_row (GTK_WIDGET (window), "Organiser’s name");
  GtkWidget *group = mp_test_find_of_type (GTK_WIDGET (window), MP_TYPE_ORGANISER_GROUP);
  g_autofree char *dir = g_dir_make_tmp ("mp-prefs-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "logo.svg", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *after_bad = NULL;
  g_autoptr(MpTicketOrganiser) organiser = NULL;
  g_autoptr(MpEvent) event = mp_event_new ();
  g_autoptr(MpAttendee) attendee = mp_attendee_new ();
  g_autoptr(MpTicketRenderer) renderer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (name);
  g_assert_nonnull (group);
  g_assert_null (mp_ticket_organiser_new_default ());

  gtk_editable_set_text (GTK_EDITABLE (name), "Vestland fylkeskommune");
  {
    g_autofree char *stored = g_settings_get_string (settings, "organiser-name");

    g_assert_cmpstr (stored, ==, "Vestland fylkeskommune");
  }

  g_assert_true (g_file_set_contents (svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"30\" height=\"10\">"
                                      "<rect width=\"30\" height=\"10\" fill=\"#ff0000\"/></svg>", -1, NULL));
  g_assert_true (g_file_set_contents (text, "no picture", -1, NULL));
  g_assert_true (mp_organiser_group_take_logo (MP_ORGANISER_GROUP (group), svg, &error));
  g_assert_no_error (error);
  kept = g_settings_get_string (settings, "organiser-logo");
  /* a copy in Møteplass's own folder, not the file chosen */
  g_assert_true (g_str_has_prefix (kept, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (kept, "organiser-logo.svg"));
  g_unlink (svg);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));

  g_assert_false (mp_organiser_group_take_logo (MP_ORGANISER_GROUP (group), text, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "notes.txt"));
  after_bad = g_settings_get_string (settings, "organiser-logo");
  g_assert_cmpstr (after_bad, ==, kept);

  /* what a ticket printed now carries */
  organiser = mp_ticket_organiser_new_default ();
  g_assert_nonnull (organiser);
  g_assert_cmpstr (mp_ticket_organiser_get_name (organiser), ==, "Vestland fylkeskommune");
  g_assert_true (mp_ticket_organiser_has_logo (organiser));
  mp_event_set_title (event, "Dialogmøte");
  mp_event_set_starts_at (event, 1773129600);
  attendee->name = g_strdup ("Kari Nordmann");
  attendee->organisation = g_strdup ("");
  attendee->token = mp_ticket_token_new ();
  renderer = mp_ticket_renderer_new (event, MP_TICKET_LAYOUT_TICKET);
  g_assert_cmpuint (count_red_pixels (renderer, attendee), >, 100);

  g_unlink (text);
  g_unlink (kept);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("mp-prefs-data-XXXXXX", NULL);
  int status;

  /* No print server: the printer list comes back empty at once. */
  g_setenv ("CUPS_SERVER", "/nonexistent/moteplass-test-cups.sock", TRUE);
  /* the logo's copy goes to Møteplass's folder: a throw-away one */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "");
  if (!mp_test_init_gtk (&argc, &argv))
    return g_test_run ();

  g_test_add_func ("/ui/preferences/rows-follow-settings", test_rows_follow_settings);
  g_test_add_func ("/ui/preferences/pin", test_pin);
  g_test_add_func ("/ui/preferences/pin-dialog", test_pin_dialog);
  g_test_add_func ("/ui/preferences/printer-choices", test_printer_choices);
  g_test_add_func ("/ui/preferences/organiser", test_organiser);

  status = g_test_run ();
  mp_test_remove_tree (data_home);
  return status;
}
