/* mp-kiosk-language.h: the kiosk's five languages, switched at a touch
 *
 * The kiosk speaks Norsk bokmål, Norsk nynorsk, English, Ukrainian and
 * Arabic, and changes language while it runs: the gettext language is
 * set anew (LANGUAGE, with glibc's catalogue cache invalidated) and
 * GTK's default text direction follows (right to left for Arabic).
 *
 * GLib's g_dgettext() (the core's _(), C_()) decides once per process
 * whether to translate at all; main.c makes it decide yes, or a kiosk
 * started in English under C.UTF-8 could never leave English.
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
