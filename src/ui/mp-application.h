/* mp-application.h: the Møteplass application: command line, windows,
 * app-wide actions and settings */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_APPLICATION (mp_application_get_type ())

G_DECLARE_FINAL_TYPE (MpApplication, mp_application, MP, APPLICATION, AdwApplication)

MpApplication *mp_application_new          (void);
/* NULL when the GSettings schema is not installed (running uninstalled
 * without GSETTINGS_SCHEMA_DIR): settings are then not kept. */
GSettings     *mp_application_get_settings (MpApplication *self);

G_END_DECLS
