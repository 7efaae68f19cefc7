/* mp-toast.h: a notice at the bottom of the window, from anywhere in it
 *
 * A page does not know its window: it shows a toast in the nearest
 * AdwToastOverlay above it (the window's, around every page), so that
 * pages need not include the window's header nor call up to it.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The AdwToastOverlay above @widget, or NULL (not in a window yet). */
AdwToastOverlay *mp_toast_find_overlay (GtkWidget  *widget);
/* Shows @toast (taking it) above @widget; FALSE (and @toast dropped)
 * when there is no overlay above it. */
gboolean         mp_toast_add          (GtkWidget  *widget,
                                        AdwToast   *toast);
/* A toast that says @error's message, in front of the others. */
void             mp_toast_add_error    (GtkWidget    *widget,
                                        const GError *error);

G_END_DECLS
