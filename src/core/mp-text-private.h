#pragma once

#include "mp-text.h"

G_BEGIN_DECLS

/* Norwegian order of two strings that need not be NUL-terminated (the
 * SQLite collation callback). */
int _mp_text_collate_len (const char *a,
                          int         a_len,
                          const char *b,
                          int         b_len);

/* Whether one of the words of @text (separated by one space, as
 * mp_text_fold() leaves them) starts with the @word_len bytes of @word. */
gboolean _mp_text_word_starts_somewhere (const char *text,
                                         const char *word,
                                         gsize       word_len);

G_END_DECLS
