/* mp-cut-text.h: text that did not fit, for tests
 *
 * With MP_DEBUG_CUT_TEXT set (and MP_DEBUG_STATE), the window's state
 * lists every label and inscription on the screen, in every window of
 * the program, that Pango shortened with "…" because it did not fit
 * (gtk_label_get_layout() + pango_layout_is_ellipsized(); for an
 * inscription, its text measured against its width), as
 *   cut=WINDOW|LABEL TEXT
 * Text that is meant to be shortened when long (a person's name in a
 * list of thousands) carries the style class MP_ELLIPSIS_OK, on itself
 * or an ancestor, and is not listed. tests/ui/test-cut-text.sh reads it.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MP_ELLIPSIS_OK "ellipsis-ok"

gboolean  mp_cut_text_enabled   (void);
/* Appends a cut= line for each text cut short in the program's
 * windows that are shown. */
void      mp_cut_text_describe  (GString *state);

G_END_DECLS
