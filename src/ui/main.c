#define G_LOG_DOMAIN "moteplass"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mp-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MpApplication) app = NULL;
  const char *localedir = g_getenv ("MP_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* GLib decides at the first g_dgettext() (the core's _() goes through
   * it) whether to translate at all, for good, and says no when the
   * program starts in English under a locale that is neither "C" nor
   * "en_*", such as C.UTF-8. The kiosk changes language while it runs
   * (mp-kiosk-language.c), so GLib decides while LC_MESSAGES is "C". */
  {
    g_autofree char *messages_locale = g_strdup (setlocale (LC_MESSAGES, NULL));

    setlocale (LC_MESSAGES, "C");
    g_dgettext (GETTEXT_PACKAGE, "");
    setlocale (LC_MESSAGES, messages_locale);
  }

  g_set_application_name (_("Møteplass"));

  app = mp_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
