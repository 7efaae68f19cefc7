#pragma once

#include "mp-attendee-index.h"
#include "mp-store.h"

G_BEGIN_DECLS

G_END_DECLS
