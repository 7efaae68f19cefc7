/* mp-kiosk-language.h: the kiosk's five languages, switched at a touch
 *
 * The kiosk speaks Norsk bokmål, Norsk nynorsk, English, Ukrainian and
 * Arabic, and changes language while it runs: the gettext language is
 * set anew (LANGUAGE, with glibc's catalogue cache invalidated) and
 * GTK's default text direction follows (right to left for Arabic).

 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *code;         /* nb, nn, en, uk, ar */
  const char *native_name;  /* the language's name in itself */
  const char *language;     /* the LANGUAGE value that selects it */
  gboolean    rtl;
} MpKioskLanguage;

/* Call once, after textdomain() and before anything is translated.
 * GLib's g_dgettext() (the core's _() and C_()) decides at its first
 * call, for good, whether to translate at all, and says no when the
 * program starts in English under a locale that is neither "C" nor
 * "en_*", such as C.UTF-8; then the kiosk could never leave English.
 * This makes it decide while LC_MESSAGES is "C", which means yes. */
void                   mp_kiosk_language_init          (void);

/* The kiosk's languages, in the order of the buttons. */
const MpKioskLanguage *mp_kiosk_languages              (guint      *n_languages);
/* NULL when @code is none of them. */
const MpKioskLanguage *mp_kiosk_language_find          (const char *code);

/* The kiosk language closest to the desktop's (as it was when the
 * program started), English when none is close. */
const char            *mp_kiosk_language_for_desktop   (void);

/* Makes @code the language of every string translated from now on, and
 * sets GTK's default text direction to match. */
void                   mp_kiosk_language_apply         (const char *code);

/* The code last applied, or NULL. */
const char            *mp_kiosk_language_get_current   (void);

G_END_DECLS
