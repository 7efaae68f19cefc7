/* mp-sector.h: the sectors organisations belong to
 *
 * Sectors are data: the organiser may add, rename and order them. The
 * default ones are stored by their Norwegian names (DESIGN.md); a
 * person reading another language sees them through
 * mp_sector_display_name().
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *name;       /* as stored */
  int     position;
} MpSector;

void        mp_sector_free          (MpSector *sector);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpSector, mp_sector_free)

/* The sector's name for a person to read: a default sector ("Kommune",
 * "Frivillig organisasjon" …) translated into the current language, any
 * other sector as it is stored. */
const char *mp_sector_display_name  (const char *name);

G_END_DECLS
