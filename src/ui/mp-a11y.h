/* mp-a11y.h: what GTK 4.8 and libadwaita 1.2 leave unnamed for a screen
 * reader, named. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void mp_a11y_init                 (void);
void mp_a11y_name_expander_row    (AdwExpanderRow *row);
void mp_a11y_name_expander_switch (AdwExpanderRow *row);
void mp_a11y_name_list_row        (GtkWidget      *cell_child,
                                   const char     *name);
void mp_a11y_tab_leaves_list      (GtkWidget      *list);
void mp_a11y_name_flow_box_child  (GtkWidget      *button);

G_END_DECLS
