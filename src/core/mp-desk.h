/* mp-desk.h: the name a desk records with every check-in
 *
 * The one rule for it, for the desk page, the event page, the kiosk,
 * the command line and the store alike.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MP_DESK_KIND_DESK,    /* a desk with a person at it (and the CLI) */
  MP_DESK_KIND_KIOSK,   /* the self-service kiosk */
} MpDeskKind;

/* @setting (the "desk-name" setting, or what the CLI was given) with
 * spaces trimmed; when that is empty or NULL, the computer's host name
 * for a desk, and "Kiosk" for the kiosk (the same word in every
 * language: it is data, read in reports). */
char  *mp_desk_name_resolve  (const char *setting,
                              MpDeskKind  kind);

/* What a check-in or an undo records: mp_desk_name_resolve() cleaned of
 * control characters and terminal escapes (mp_text_clean_field()), at
 * most MP_TEXT_MAX_DESK characters; MP_ERROR_INVALID with words to show
 * when the setting is longer. */
char  *mp_desk_name_check    (const char  *setting,
                              MpDeskKind   kind,
                              GError     **error);

G_END_DECLS
