#pragma once

#include "mp-text.h"

G_BEGIN_DECLS

/* Norwegian order of two strings that need not be NUL-terminated (the
 * SQLite collation callback). */
int _mp_text_collate_len (const char *a,
                          int         a_len,
                          const char *b,
                          int         b_len);

G_END_DECLS
