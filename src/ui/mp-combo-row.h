/* mp-combo-row.h: choices listed whole
 *
 * AdwComboRow's own list shortens every choice to 20 characters with
 * "…" ("Navneskilt på etikettrull…", "Innvandrerorganisasjon …"). These
 * rows list their choices wrapped instead, and show the chosen one under
 * their title, where it has the row's width.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void  mp_combo_row_list_whole  (AdwComboRow *row);

G_END_DECLS
