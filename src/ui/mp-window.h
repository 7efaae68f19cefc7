/* mp-window.h: a Møteplass window on one database */
#pragma once

#include <adwaita.h>

#include "mp-hub.h"
#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_WINDOW (mp_window_get_type ())

G_DECLARE_FINAL_TYPE (MpWindow, mp_window, MP, WINDOW, AdwApplicationWindow)

/* @settings: the application's (window size, and the pages': desk name,
 * sounds, badges), or NULL (none kept). */
MpWindow *mp_window_new          (GtkApplication *application,
                                  GSettings      *settings);
MpStore  *mp_window_get_store    (MpWindow      *self);
void      mp_window_set_store    (MpWindow      *self,
                                  MpStore       *store);
/* The hub's worker of the store's database (the application's): its
 * state in the pages' header bars, and "changes-arrived" refreshes the
 * page shown at once. Property "hub". */
MpHub    *mp_window_get_hub      (MpWindow      *self);
void      mp_window_set_hub      (MpWindow      *self,
                                  MpHub         *hub);
/* Shows why the database could not be opened, in place of the events. */
void      mp_window_show_error   (MpWindow      *self,
                                  const char    *path,
                                  const GError  *error);
gboolean  mp_window_open_event   (MpWindow      *self,
                                  gint64         event_id,
                                  GError       **error);
/* Before a window opened on an event is presented: its page first. */
void      mp_window_show_event_page (MpWindow   *self);
gboolean  mp_window_open_desk    (MpWindow      *self,
                                  gint64         event_id,
                                  GError       **error);
void      mp_window_show_events  (MpWindow      *self);
void      mp_window_new_event    (MpWindow      *self);
void      mp_window_focus_search (MpWindow      *self);
void      mp_window_add_toast    (MpWindow      *self,
                                  AdwToast      *toast);

G_END_DECLS
