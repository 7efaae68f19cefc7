/* mp-person-name.h: given and family names, and the surname order
 *
 * A person's name is kept as it is written ("Per Olav Aasen") and, when
 * the source has them (Fornavn / Etternavn columns, the two fields of
 * the window's form) or the name can be split safely, as a given and a
 * family name too. Lists sort by family name, then given name, the
 * Norwegian way (Æ Ø Å after Z, "Aa" with Å); badges and tickets print
 * the name as written, "Given Family".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Splits @name (already cleaned: one line, single spaces) into a given
 * and a family name when that is safe, the way a Norwegian reads a
 * name: the last word is the family name ("Per Olav Aasen" → "Per
 * Olav" + "Aasen"), with the lower-case particles before it ("Anne van
 * der Berg" → "Anne" + "van der Berg"). Not split, FALSE and both NULL:
 * one word; a word that is not a name (digits, "@", brackets, "&", a
 * comma); a last word such as "Jr." or "III"; letters of a script whose
 * names are not written given name first (Arabic, Hebrew, Chinese,
 * Japanese, Korean …) or of several scripts. */
gboolean   mp_person_name_split      (const char  *name,
                                      char       **out_given,
                                      char       **out_family);

/* "Given Family", or whichever of the two is not empty; "" for none. */
char      *mp_person_name_join       (const char  *given,
                                      const char  *family);

/* The key of the surname order, whose memcmp() order is the list's:
 * the family name, then the given name, then the name as written (so
 * that the order is total); with no family name, the name as written
 * alone, as if it were a family name. */
GBytes    *mp_person_name_sort_key   (const char  *name,
                                      const char  *given,
                                      const char  *family);

G_END_DECLS
