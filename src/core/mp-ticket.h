/* mp-ticket.h: what a ticket's QR code says
 *
 * A ticket is "MP1" followed by 26 characters of RFC 4648 base32: 130
 * bits, 128 of them from the OS random source. Only capitals and digits,
 * so that it fits the QR alphanumeric mode (a larger, easier code) and
 * so that a USB scanner set to a US layout types it the same on a
 * Norwegian keyboard. The scanned text is parsed leniently: lower case
 * (caps lock), surrounding white space and one separator after "MP1"
 * (":", "-", "Ø" ... what a scanner types for ':' on other layouts) are
 * accepted.
 *
 * Printed under the code for a person to type when a scanner fails, a
 * ticket reads "MP1 ABCD EFGH IJKL MNOP QRST UVWX YZ"
 * (mp_ticket_format_readable()). What a person types from that is
 * accepted too: spaces or hyphens between the groups (or anywhere in
 * the token), and the digits 0, 1 and 8, which the alphabet does not
 * use, read as the letters O, I and B they are mistaken for.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MP_TICKET_PREFIX      "MP1"
#define MP_TICKET_TOKEN_CHARS 26

/* A new random token: 26 base32 characters, NUL-terminated. */
char     *mp_ticket_token_new        (void);
/* "MP1" + token */
char     *mp_ticket_text_for_token   (const char *token);
/* Whether @token is 26 characters of the base32 alphabet. */
gboolean  mp_ticket_token_is_valid   (const char *token);
/* "MP1 ABCD EFGH IJKL MNOP QRST UVWX YZ": the ticket's text in groups
 * of four, for a person to read and type. */
char     *mp_ticket_format_readable  (const char *token);
/* Extracts the token from scanned text, or returns NULL when the text is
 * not a Møteplass ticket. Never reads past @len bytes; @len may be -1 for
 * a NUL-terminated string. */
char     *mp_ticket_parse            (const char *scanned,
                                      gssize      len);

G_END_DECLS
