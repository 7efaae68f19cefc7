#define G_LOG_DOMAIN "mp-desk"

#include "config.h"

#include "mp-desk.h"

char *
mp_desk_name_resolve (const char *setting,
                      MpDeskKind  kind)
{
  g_autofree char *name = g_strstrip (g_strdup (setting != NULL ? setting : ""));

  if (name[0] != '\0')
    return g_steal_pointer (&name);

  return g_strdup (kind == MP_DESK_KIND_KIOSK ? "Kiosk" : g_get_host_name ());
}
