#define G_LOG_DOMAIN "moteplass"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mp-application.h"
#include "mp-kiosk-language.h"

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

  /* Before anything translates: the kiosk changes language while it runs. */
  mp_kiosk_language_init ();

  g_set_application_name (_("Møteplass"));

  app = mp_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
