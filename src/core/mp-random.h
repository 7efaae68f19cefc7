/* mp-random.h: bytes from the OS random source
 *
 * Tickets and UUIDs need unguessable bytes: they come from getrandom(2),
 * read in blocks so that an import of 100,000 rows does not make 300,000
 * system calls. Every byte is used once.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void  mp_random_bytes (guint8 *buf,
                       gsize   len);

G_END_DECLS
