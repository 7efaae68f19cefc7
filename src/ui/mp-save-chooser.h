/* mp-save-chooser.h: where to save a file, for the export and mailing
 * list dialogs: a save dialog with the name offered, one filter, and a
 * path (never a remote place) handed back. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*MpSaveChosenFunc) (GtkWidget  *owner,
                                  const char *path,
                                  gpointer    user_data);

/* A file name from @title (an event's) and @what ("deltakere"), with
 * @extension: "Dialogmøte nye naboer – deltakere.csv". Characters file
 * systems mind are dropped, spaces kept single. */
char *mp_save_chooser_file_name (const char       *title,
                                 const char       *what,
                                 const char       *extension);

/* Asks where to save, offering @name; calls @chosen with the path, not
 * at all when the person cancels. @filter_name names the files with
 * @extension. With MP_SAVE_FILE=PATH set (tests), PATH.EXTENSION is
 * taken at once. The chooser stands in front of @owner's window. */
void  mp_save_chooser_ask       (GtkWidget        *owner,
                                 const char       *title,
                                 const char       *name,
                                 const char       *filter_name,
                                 const char       *extension,
                                 MpSaveChosenFunc  chosen,
                                 gpointer          user_data);

G_END_DECLS
