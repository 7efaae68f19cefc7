#define G_LOG_DOMAIN "mp-kiosk-language"

#include "config.h"

#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "mp-kiosk-language.h"

#ifdef __GLIBC__
/* glibc caches each translation it has looked up; bumping this counter
 * (exported by glibc for exactly this, as GNU gettext's own tests do)
 * makes it look again under the new LANGUAGE. */
extern int _nl_msg_cat_cntr;
#endif

static const MpKioskLanguage languages[] = {
  { "nb", "Norsk bokmål", "nb:no", FALSE },
  { "nn", "Norsk nynorsk", "nn:nb", FALSE },
  { "en", "English", "en", FALSE },
  { "uk", "Українська", "uk", FALSE },
  { "ar", "العربية", "ar", TRUE },
};

static char *desktop_code;
static const char *current_code;

void
mp_kiosk_language_init (void)
{
  g_autofree char *messages_locale = g_strdup (setlocale (LC_MESSAGES, NULL));

  setlocale (LC_MESSAGES, "C");
  g_dgettext (GETTEXT_PACKAGE, "");
  setlocale (LC_MESSAGES, messages_locale);
}

const MpKioskLanguage *
mp_kiosk_languages (guint *n_languages)
{
  if (n_languages != NULL)
    *n_languages = G_N_ELEMENTS (languages);
  return languages;
}

const MpKioskLanguage *
mp_kiosk_language_find (const char *code)
{
  if (code == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (strcmp (languages[i].code, code) == 0)
      return &languages[i];
  return NULL;
}

static const char *
code_for_locale_name (const char *name)
{
  /* "nb_NO.UTF-8" → nb; "no" is Bokmål in practice */
  if (g_str_has_prefix (name, "nb") || g_str_has_prefix (name, "no"))
    return "nb";
  if (g_str_has_prefix (name, "nn"))
    return "nn";
  if (g_str_has_prefix (name, "en"))
    return "en";
  if (g_str_has_prefix (name, "uk"))
    return "uk";
  if (g_str_has_prefix (name, "ar"))
    return "ar";
  return NULL;
}

const char *
mp_kiosk_language_for_desktop (void)
{
  if (desktop_code == NULL)
    {
      const char * const *names = g_get_language_names ();
      const char *code = NULL;

      /* g_get_language_names() ends in "C"; the first one we speak wins. */
      for (guint i = 0; names[i] != NULL && code == NULL; i++)
        code = code_for_locale_name (names[i]);
      desktop_code = g_strdup (code != NULL ? code : "en");
    }
  return desktop_code;
}

const char *
mp_kiosk_language_get_current (void)
{
  return current_code;
}

void
mp_kiosk_language_apply (const char *code)
{
  const MpKioskLanguage *language = mp_kiosk_language_find (code);
  const char *messages_locale;

  g_return_if_fail (language != NULL);

  /* Remember the desktop's language before the first change hides it. */
  mp_kiosk_language_for_desktop ();

  /* gettext ignores LANGUAGE when the messages locale is "C" or "POSIX"
   * (a machine with no locale set, or one whose locale is not
   * generated). C.UTF-8 is built into glibc (Debian 12: libc-bin), is
   * not "C" to gettext, and changes nothing else. */
  messages_locale = setlocale (LC_MESSAGES, NULL);
  if (messages_locale == NULL
      || strcmp (messages_locale, "C") == 0
      || strcmp (messages_locale, "POSIX") == 0)
    {
      if (setlocale (LC_MESSAGES, "C.UTF-8") == NULL)
        g_debug ("The C.UTF-8 locale is missing: the kiosk cannot change language");
    }

  g_setenv ("LANGUAGE", language->language, TRUE);
#ifdef __GLIBC__
  ++_nl_msg_cat_cntr;
#endif
  current_code = language->code;

  gtk_widget_set_default_direction (language->rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
}
