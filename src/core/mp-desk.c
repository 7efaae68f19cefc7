#define G_LOG_DOMAIN "mp-desk"

#include "config.h"

#include "mp-desk.h"
#include "mp-text.h"

char *
mp_desk_name_resolve (const char *setting,
                      MpDeskKind  kind)
{
  g_autofree char *name = g_strstrip (g_strdup (setting != NULL ? setting : ""));

  if (name[0] != '\0')
    return g_steal_pointer (&name);

  return g_strdup (kind == MP_DESK_KIND_KIOSK ? "Kiosk" : g_get_host_name ());
}

char *
mp_desk_name_check (const char  *setting,
                    MpDeskKind   kind,
                    GError     **error)
{
  g_autofree char *cleaned = NULL;

  if (setting != NULL)
    {
      cleaned = mp_text_clean_field (setting, MP_TEXT_FIELD_DESK, error);
      if (cleaned == NULL)
        return NULL;
    }

  /* A name that was nothing but escapes is no name: the default. */
  return mp_desk_name_resolve (cleaned, kind);
}
