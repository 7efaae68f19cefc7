#pragma once

#include "mp-text.h"

G_BEGIN_DECLS

/* Norwegian order of two strings that need not be NUL-terminated (the
 * SQLite collation callback). */
int _mp_text_collate_len (const char *a,
                          int         a_len,
                          const char *b,
                          int         b_len);

/* Appends the primary weights of @text's Norwegian order to @key (no
 * end mark, no tie-break): for keys made of several parts, such as a
 * family name and then a given name (mp-person-name.c). */
void _mp_text_append_sort_weights (GByteArray *key,
                                   const char *text);

/* Whether one of the words of @text (separated by one space, as
 * mp_text_fold() leaves them) starts with the @word_len bytes of @word. */
gboolean _mp_text_word_starts_somewhere (const char *text,
                                         const char *word,
                                         gsize       word_len);
/* Appends one content line of a vCard (RFC 6350 3.2) or an iCalendar
 * object (RFC 5545 3.1): "NAME:value" and CRLF, folded with CRLF and a
 * space so that no line is longer than 75 octets, never inside a UTF-8
 * character. With @escape, backslash, comma, semicolon and newlines in
 * @value are escaped as TEXT values need; without, @value is written as
 * it is (dates, RRULE). @name may carry parameters ("DTSTART;TZID=…"). */
void _mp_text_append_content_line (GString    *out,
                                   const char *name,
                                   const char *value,
                                   gboolean    escape);

G_END_DECLS
