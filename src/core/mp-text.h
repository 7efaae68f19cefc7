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

/* Cleaning text that people type or forms send, before it is stored.
 *
 * What goes: control characters (C0, DEL, C1), whole terminal escape
 * sequences (ESC [ … m, ESC ] … BEL, their C1 forms), the bidirectional
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069; the
 * marks LRM, RLM and ALM stay), zero-width spaces and byte order marks.
 * What stays: every letter of every script (Arabic, Cyrillic …) and
 * combining marks. The result is NFC, trimmed, with each run of white
 * space one space (a single line) or with its line breaks kept, at most
 * one empty line in a row (several lines). Lengths are counted in
 * characters after cleaning.
 *
 * The longest text each field takes; a desk name shows on a badge line
 * and in every "already checked in" answer, a title on the A6 ticket
 * and the top of each report page. A name allows as much as the import
 * always has. */
#define MP_TEXT_MAX_DESK           60
#define MP_TEXT_MAX_TITLE         200
#define MP_TEXT_MAX_VENUE         200
#define MP_TEXT_MAX_NAME          500
#define MP_TEXT_MAX_ORGANISATION  200
#define MP_TEXT_MAX_SECTOR        100
#define MP_TEXT_MAX_EMAIL         254
#define MP_TEXT_MAX_PHONE          50
#define MP_TEXT_MAX_ANSWER       2000
#define MP_TEXT_MAX_DESCRIPTION  5000
#define MP_TEXT_MAX_CONTACT       300

typedef enum
{
  MP_TEXT_FIELD_DESK,
  MP_TEXT_FIELD_TITLE,
  MP_TEXT_FIELD_VENUE,
  MP_TEXT_FIELD_DESCRIPTION,    /* several lines */
  MP_TEXT_FIELD_NAME,
  MP_TEXT_FIELD_ORGANISATION,
  MP_TEXT_FIELD_SECTOR,
  MP_TEXT_FIELD_EMAIL,
  MP_TEXT_FIELD_PHONE,
  MP_TEXT_FIELD_ANSWER,         /* dietary, accessibility, interpreter: several lines */
  MP_TEXT_FIELD_CONTACT,        /* an event's contact person: name, phone, e-mail on one line */
} MpTextField;

/* One line, cleaned; MP_ERROR_INVALID when longer than @max_chars or
 * not UTF-8. NULL for NULL (and no error). */
char      *mp_text_clean_line      (const char  *text,
                                    gsize        max_chars,
                                    GError     **error);
/* The same, keeping line breaks (as \n). */
char      *mp_text_clean_multiline (const char  *text,
                                    gsize        max_chars,
                                    GError     **error);
/* Cleans @text for @field, with its limit and a message that names it. */
char      *mp_text_clean_field     (const char  *text,
                                    MpTextField  field,
                                    GError     **error);
gsize      mp_text_field_max_chars (MpTextField  field);

/* At most @max_chars characters of @text, with "…" at the end when it
 * was cut: what a report or a ticket lays out, so that drawing a text
 * never costs more than drawing the longest one allowed. */
char      *mp_text_dup_capped      (const char  *text,
                                    gsize        max_chars);

/* Lower-cased, trimmed e-mail address, or NULL if @email is empty. */
char      *mp_text_email_key       (const char *email);
gboolean   mp_text_email_is_valid  (const char *email);

/* TRUE when every word of @folded_query is the start of some word of
 * @folded_text (both already folded with mp_text_fold()). */
gboolean   mp_text_folded_matches  (const char *folded_text,
                                    const char *folded_query);

G_END_DECLS
