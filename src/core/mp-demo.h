/* mp-demo.h: fictional but believable participants
 *
 * For the demo database and the benchmarks: people with Norwegian and
 * immigrant names from municipalities, NAV offices, volunteer centres,
 * NGOs and immigrant councils, with an organisation that fits their
 * sector, an e-mail address that fits both, and the answers people
 * give. The same seed gives the same people.
 */
#pragma once

#include <glib.h>

#include "mp-store.h"

G_BEGIN_DECLS

/* Fills @input (whose strings must be unset or already cleared) with
 * one fictional person and their answers; source is IMPORT, status
 * REGISTERED. Free with mp_registration_input_clear(). */
void   mp_demo_fill_input   (GRand               *rand,
                             MpRegistrationInput *input);

G_END_DECLS
