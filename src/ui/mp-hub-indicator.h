/* mp-hub-indicator.h: the hub's state in a header bar
 *
 * "Synced", "3 changes waiting", "Offline since 10.42" in words and an
 * icon, with the whole of it as the accessible label and more in the
 * tooltip (the last sync, why it is offline). Hidden while the database
 * is not linked to a hub.
 *
 * Property "hub" (an MpHub, or NULL): set it, or leave it unset and the
 * indicator follows the "hub" property of the window it is in (the
 * pages' header bars need not know about the hub).
 */
#pragma once

#include <gtk/gtk.h>

#include "mp-hub.h"

G_BEGIN_DECLS

#define MP_TYPE_HUB_INDICATOR (mp_hub_indicator_get_type ())

G_DECLARE_FINAL_TYPE (MpHubIndicator, mp_hub_indicator, MP, HUB_INDICATOR, GtkWidget)

GtkWidget  *mp_hub_indicator_new       (void);
MpHub      *mp_hub_indicator_get_hub   (MpHubIndicator *self);
void        mp_hub_indicator_set_hub   (MpHubIndicator *self,
                                        MpHub          *hub);

/* The words shown for @hub's state ("Synced", "Offline since 10.42" …);
 * NULL when it is not linked. */
char       *mp_hub_state_dup_words     (MpHub          *hub);
/* The whole of it, for a screen reader and the tooltip's first line. */
char       *mp_hub_state_dup_sentence  (MpHub          *hub);

G_END_DECLS
