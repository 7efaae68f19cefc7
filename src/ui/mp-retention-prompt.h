/* mp-retention-prompt.h: reminding the organiser that old personal data
 * is due for anonymisation, and doing it after a confirmation */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

/* Shows a toast with "Anonymise Now…" (action win.anonymise-old-data) in
 * @overlay when registrations of events older than the retention-months
 * setting hold personal data. Returns how many are due. */
guint  mp_retention_prompt_check (GtkWindow       *window,
                                  AdwToastOverlay *overlay,
                                  MpStore         *store);

/* Asks for confirmation, then anonymises; the outcome comes as a toast. */
void   mp_retention_prompt_run   (GtkWindow       *window,
                                  AdwToastOverlay *overlay,
                                  MpStore         *store);

G_END_DECLS
