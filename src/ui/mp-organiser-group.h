/* mp-organiser-group.h: Preferences, the organiser on tickets and badges
 *
 * The organiser's name and logo (GSettings organiser-name and
 * organiser-logo, read by mp_ticket_organiser_new_default()). A logo
 * chosen is checked (an SVG or PNG that Møteplass can draw) and copied
 * into Møteplass's own folder, so that moving or deleting the file later
 * does not take it off the tickets.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MP_TYPE_ORGANISER_GROUP (mp_organiser_group_get_type ())

G_DECLARE_FINAL_TYPE (MpOrganiserGroup, mp_organiser_group, MP, ORGANISER_GROUP, AdwPreferencesGroup)

void      mp_organiser_group_set_settings  (MpOrganiserGroup  *self,
                                            GSettings         *settings);
/* What choosing @path in the file chooser does: FALSE, with a message
 * that says why, when it is not a logo that can be used; nothing is
 * changed then. */
gboolean  mp_organiser_group_take_logo     (MpOrganiserGroup  *self,
                                            const char        *path,
                                            GError           **error);

G_END_DECLS
