/* mp-number.h: counts as a person reads them in their language
 *
 * "100 000" in Norwegian, "100,000" in English: the grouping of the
 * locale's LC_NUMERIC.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *mp_number_format (guint64 n);

G_END_DECLS
