/* mp-kiosk-view-private.h: shared by mp-kiosk-view.c (what one visitor
 * sees) and mp-kiosk-view-debug.c (what tests read) */
#pragma once

#include "mp-check-in-answer.h"
#include "mp-kiosk-view.h"
#include "mp-walk-in-form.h"

G_BEGIN_DECLS

struct _MpKioskView
{
  GtkWidget        parent_instance;

  MpStore         *store;
  MpEvent         *event;
  char            *language;
  char            *desk;

  GtkStack        *stack;
  GtkBox          *language_box;
  GtkLabel        *title_label;
  GtkLabel        *when_label;
  GtkWidget       *scan_button;
  GtkWidget       *walk_in_button;
  MpCheckInAnswer *answer;
  GtkWidget       *done_button;
  MpWalkInForm    *walk_in_form;
  GtkWidget       *pin_entry;
  GtkLabel        *pin_message;
  GtkGrid         *pin_pad;
};

G_END_DECLS
