/* mp-file-private.h: the process's list of open database files, which
 * mp-file.c never writes over. Filled and emptied by mp-database.c;
 * nothing outside src/core/ includes this. Thread-safe. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @path is a database opened by @owner (an MpDatabase): its file and
 * its -wal, -shm and -journal files are off limits until @owner
 * unregisters. Several owners may register the same file. */
void  _mp_file_register_database    (gconstpointer  owner,
                                     const char    *path);
void  _mp_file_unregister_database  (gconstpointer  owner);

G_END_DECLS
