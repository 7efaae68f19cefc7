#define G_LOG_DOMAIN "mp-sector"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mp-sector.h"

void
mp_sector_free (MpSector *sector)
{
  if (sector == NULL)
    return;
  g_free (sector->name);
  g_free (sector);
}

/* The default sectors (mp-schema.h), as stored, and their names for
 * other languages. Sectors the organiser added show as written. */
static const struct
{
  const char *name;
  const char *label;
} default_sectors[] = {
  { "Kommune", NC_("sector", "Municipality") },
  { "Fylkeskommune", NC_("sector", "County council") },
  { "NAV", NC_("sector", "NAV (labour and welfare)") },
  { "Statlig virksomhet", NC_("sector", "Government agency") },
  { "Frivillig organisasjon", NC_("sector", "Voluntary organisation") },
  { "Innvandrerorganisasjon / innvandrerråd", NC_("sector", "Immigrant organisation or council") },
  { "Frivilligsentral", NC_("sector", "Volunteer centre") },
  { "Næringsliv", NC_("sector", "Business") },
  { "Utdanning og forskning", NC_("sector", "Education and research") },
  { "Asylmottak", NC_("sector", "Asylum reception centre") },
  { "Politikk (folkevalgt)", NC_("sector", "Politics (elected)") },
  { "Privatperson", NC_("sector", "Private person") },
  { "Annet", NC_("sector", "Other") },
};

const char *
mp_sector_display_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (default_sectors); i++)
    if (g_strcmp0 (default_sectors[i].name, name) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "sector", default_sectors[i].label);

  return name;
}
