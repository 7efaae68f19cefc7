/* mp-time-entry.h: a time of day a person types, "09.00"
 *
 * One small entry instead of four −/+ buttons: "9", "9:00", "0900",
 * "kl. 9.30" are all understood (mp_time_parse_clock()), Up and Down
 * step five minutes, and leaving the field writes the time back the
 * way the language writes it ("09.00" in Norwegian). Text that is no
 * time is marked in red and keeps the last good time.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MP_TYPE_TIME_ENTRY (mp_time_entry_get_type ())

G_DECLARE_FINAL_TYPE (MpTimeEntry, mp_time_entry, MP, TIME_ENTRY, GtkWidget)

GtkWidget  *mp_time_entry_new         (void);
/* The last time typed that was one: hours 0–23, minutes 0–59. */
int         mp_time_entry_get_hour    (MpTimeEntry *self);
int         mp_time_entry_get_minute  (MpTimeEntry *self);
void        mp_time_entry_set_time    (MpTimeEntry *self,
                                       int          hour,
                                       int          minute);
/* Whether what is typed now is a time. */
gboolean    mp_time_entry_get_valid   (MpTimeEntry *self);
GtkEditable *mp_time_entry_get_editable (MpTimeEntry *self);

G_END_DECLS
