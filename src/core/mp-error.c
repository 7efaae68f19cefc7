#define G_LOG_DOMAIN "mp-error"

#include "config.h"

#include "mp-error.h"

G_DEFINE_QUARK (mp-error-quark, mp_error)
