/* mp-text.h: names, Norwegian style
 *
 * Møteplass sorts and matches names the way a Norwegian expects:
 * Æ Ø Å come after Z, "Aasen" sorts and matches with "Åsen",
 * "Sorensen" finds "Sørensen", and case and accents do not matter.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Folds text for matching: lower case, no accents, ø→o, æ→ae, å→a,
 * aa→a, and every run of punctuation or space becomes one space.
 * "  Åse-Marit  Sørensen " → "ase marit sorensen". Never returns NULL. */
char      *mp_text_fold            (const char *text);

/* A byte string whose memcmp() order is the Norwegian order of @text:
 * digits, then a–z, then æ ø å (aa counts as å), then other scripts.
 * Ties are broken by the original bytes so the order is total. */
GBytes    *mp_text_sort_key        (const char *text);
int        mp_text_collate         (const char *a,
                                    const char *b);

/* Trims, folds every run of white space (newlines included) into one
 * space and drops control characters. Returns NULL for NULL input. */
char      *mp_text_normalize_space (const char *text);
/* The same for each line of @text, keeping the line breaks between
 * them (as LF) and dropping empty lines: answers people wrote on
 * several lines keep them. Returns NULL for NULL input. */
char      *mp_text_normalize_lines (const char *text);

/* Lower-cased, trimmed e-mail address, or NULL if @email is empty. */
char      *mp_text_email_key       (const char *email);
gboolean   mp_text_email_is_valid  (const char *email);

/* TRUE when every word of @folded_query is the start of some word of
 * @folded_text (both already folded with mp_text_fold()). */
gboolean   mp_text_folded_matches  (const char *folded_text,
                                    const char *folded_query);

G_END_DECLS
