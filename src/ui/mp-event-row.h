/* mp-event-row.h: one event in the events list */
#pragma once

#include <gtk/gtk.h>

#include "mp-event.h"

G_BEGIN_DECLS

#define MP_TYPE_EVENT_ROW (mp_event_row_get_type ())

G_DECLARE_FINAL_TYPE (MpEventRow, mp_event_row, MP, EVENT_ROW, GtkListBoxRow)

GtkWidget *mp_event_row_new       (MpEvent    *event);
MpEvent   *mp_event_row_get_event (MpEventRow *self);

G_END_DECLS
