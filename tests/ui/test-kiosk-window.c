/* The kiosk window from inside: closing it (the window manager's close
 * button, Alt+F4) does nothing, the application's actions are off while
 * it runs and on again after, and a language switch changes what
 * gettext answers and GTK's text direction at once, dates included. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mp-test-util.h"
#include "mp-ui-test-util.h"

#include "mp-kiosk-language.h"
#include "mp-kiosk-window.h"
#include "mp-pin.h"
#include "mp-time.h"

static void
test_close_does_not_leave (MpTestFixture *f,
                           gconstpointer  data)
{
  g_autoptr(GtkApplication) app = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_autoptr(GSimpleAction) quit = g_simple_action_new ("quit", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(MpEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = mp_pin_hash ("2468", &error);
  MpKioskWindow *kiosk;
  gint64 event_id = mp_test_add_event (f->store, "Dialogmøte");

  g_assert_no_error (error);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (quit));

  g_settings_set_string (settings, "kiosk-pin-hash", "");
  g_assert_false (mp_kiosk_window_has_pin (settings));
  g_settings_set_string (settings, "kiosk-pin-hash", hash);
  g_assert_true (mp_kiosk_window_has_pin (settings));

  event = mp_store_get_event (f->store, event_id, &error);
  g_assert_no_error (error);

  kiosk = mp_kiosk_window_new (app, f->store, event, settings);
  g_object_add_weak_pointer (G_OBJECT (kiosk), (gpointer *) &kiosk);
  gtk_window_present (GTK_WINDOW (kiosk));
  g_assert_true (mp_test_wait_until (mp_test_is_mapped, kiosk, 5000));

  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "quit"));

  /* Refused there and then (close-request), and nothing comes later. */
  gtk_window_close (GTK_WINDOW (kiosk));
  g_assert_nonnull (kiosk);
  mp_test_wait_until (mp_test_nothing_pending, NULL, 1000);
  g_assert_nonnull (kiosk);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (kiosk)));

  /* Only the PIN leaves (the UI test types it); here the window goes. */
  gtk_window_destroy (GTK_WINDOW (kiosk));
  g_assert_true (mp_test_wait_until (mp_test_is_null, &kiosk, 1000));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "quit"));

  mp_kiosk_language_apply ("en");
}

static void
test_language_switch (MpTestFixture *f,
                      gconstpointer  data)
{
  g_autoptr(GDateTime) tuesday = g_date_time_new_local (2026, 3, 10, 9, 0, 0);
  gint64 when = g_date_time_to_unix (tuesday);
  struct
  {
    const char     *code;
    const char     *scan;
    const char     *date;
    GtkTextDirection direction;
  } cases[] = {
    { "uk", "Відскануйте квиток", "вівторок, 10 березня 2026 р.", GTK_TEXT_DIR_LTR },
    { "ar", "امسح تذكرتك", "الثلاثاء، 10 مارس 2026", GTK_TEXT_DIR_RTL },
    { "en", "Scan your ticket", "Tuesday 10 March 2026", GTK_TEXT_DIR_LTR },
    { "uk", "Відскануйте квиток", "вівторок, 10 березня 2026 р.", GTK_TEXT_DIR_LTR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = NULL;

      mp_kiosk_language_apply (cases[i].code);
      date = mp_time_format_date (when);
      g_assert_cmpstr (mp_kiosk_language_get_current (), ==, cases[i].code);
      g_assert_cmpstr (_("Scan your ticket"), ==, cases[i].scan);
      g_assert_cmpstr (date, ==, cases[i].date);
      g_assert_cmpint (gtk_widget_get_default_direction (), ==, cases[i].direction);
    }

  g_assert_null (mp_kiosk_language_find ("de"));
  mp_kiosk_language_apply ("en");
}

int
main (int   argc,
      char *argv[])
{
  /* The hardest case: a machine with no locale at all ("C", where
   * gettext ignores LANGUAGE); the UI test runs under C.UTF-8. */
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C");
  mp_test_bind_textdomain ();
  mp_kiosk_language_init ();
  if (!mp_test_init_gtk (&argc, &argv))
    return g_test_run ();

  MP_TEST_ADD ("/kiosk/close-does-not-leave", test_close_does_not_leave);
  MP_TEST_ADD ("/kiosk/language-switches-at-once", test_language_switch);

  return g_test_run ();
}
