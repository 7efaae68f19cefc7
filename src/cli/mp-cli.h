/* mp-cli.h: what the verbs of moteplass-cli share
 *
 * Every verb takes --db FILE and --json; exit codes: 0 done, 1 failed
 * (one line on stderr says why), 2 usage. `checkin` also answers 3
 * (already checked in) and 4 (not valid for this event).
 *
 * Each verb (or family of verbs) lives in a file of its own,
 * mp-cli-VERB.c, with a run_VERB () that main () finds in the table of
 * verbs in moteplass-cli.c.
 */
#pragma once

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp-admissions.h"
#include "mp-badge-print.h"
#include "mp-csv-export.h"
#include "mp-csv-import.h"
#include "mp-database.h"
#include "mp-demo-events.h"
#include "mp-mailing.h"
#include "mp-privacy.h"
#include "mp-period-report.h"
#include "mp-report.h"
#include "mp-report-export.h"
#include "mp-retention.h"
#include "mp-store.h"
#include "mp-text.h"
#include "mp-ticket-render.h"
#include "mp-time.h"

G_BEGIN_DECLS

enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
  EXIT_ALREADY = 3,
  EXIT_NOT_VALID = 4,
};

/* The options every verb takes. */
extern char     *cli_opt_db;
extern gboolean  cli_opt_json;

/* Prints "moteplass-cli: MESSAGE" on stderr; returns EXIT_FAILED. */
int          cli_fail              (GError             *error);
/* Prints @message and the verb's help on stderr; returns EXIT_USAGE. */
int          cli_usage_error       (GOptionContext     *context,
                                    const char         *message);
/* Parses the verb's options (and the common ones); FALSE and a usage
 * message on error. */
gboolean     cli_parse_options     (GOptionContext     *context,
                                    const GOptionEntry *entries,
                                    int                *argc,
                                    char             ***argv);
/* Opens the database of --db, or the user's default one, which must
 * exist: a verb that reads never makes an empty database. */
MpStore     *cli_open_store        (GError            **error);
/* The same, making the database when there is none (event add, demo). */
MpStore     *cli_create_store      (GError            **error);
gboolean     cli_parse_id          (const char         *text,
                                    gint64             *out,
                                    GError            **error);
/* A whole number from @min to @max for @option ("--capacity"); never
 * a negative one. */
gboolean     cli_parse_number      (const char         *option,
                                    const char         *text,
                                    guint               min,
                                    guint               max,
                                    guint              *out,
                                    GError            **error);
/* @text cleaned for @field (mp_text_clean_field); *@out is NULL when
 * nothing is left. FALSE and @error when it is too long. */
gboolean     cli_clean_text        (const char         *text,
                                    MpTextField         field,
                                    char              **out,
                                    GError            **error);
/* The event whose id is @id_text. */
MpEvent     *cli_event_from_args   (MpStore            *store,
                                    const char         *id_text,
                                    GError            **error);
/* Registration @registration_id, or MP_ERROR_NOT_FOUND when it is
 * another event's (the message says so, never whose it is). */
MpAttendee  *cli_attendee_of_event (MpStore            *store,
                                    MpEvent            *event,
                                    gint64              registration_id,
                                    GError            **error);
/* "consent [--db FILE] withdraw …": takes the sub-verb out of argv. */
const char  *cli_take_subverb      (int                *argc,
                                    char             ***argv,
                                    const char        **names,
                                    const char        **options_with_values);
/* Writes @text to @path (whole or not at all), or to standard output
 * when @path is NULL. */
gboolean     cli_write_output      (const char         *path,
                                    const char         *text,
                                    GError            **error);
/* What erase-person and retention say when an erasure's traces could
 * not be wiped from the files yet (mp_database_get_erasure_pending ()). */
const char  *cli_traces_remain_message (void);
void         cli_print_progress    (double              fraction,
                                    gpointer            user_data);

void         cli_print_json        (JsonBuilder        *builder);
void         cli_json_add_string   (JsonBuilder        *b,
                                    const char         *name,
                                    const char         *value);
/* null for NULL or "": keys are always there, null when unset. */
void         cli_json_add_nullable (JsonBuilder        *b,
                                    const char         *name,
                                    const char         *value);
void         cli_json_add_boolean  (JsonBuilder        *b,
                                    const char         *name,
                                    gboolean            value);
void         cli_json_add_int      (JsonBuilder        *b,
                                    const char         *name,
                                    gint64              value);
void         cli_json_add_event    (JsonBuilder        *b,
                                    MpEvent            *event);
void         cli_json_add_attendee (JsonBuilder        *b,
                                    MpAttendee         *a);

/* The verbs */
int run_event         (int argc, char **argv);
int run_register      (int argc, char **argv);
int run_checkin       (int argc, char **argv);
int run_search        (int argc, char **argv);
int run_report        (int argc, char **argv);
int run_report_period (int argc, char **argv);
int run_retention     (int argc, char **argv);
int run_backup        (int argc, char **argv);
int run_restore       (int argc, char **argv);
int run_erase_person  (int argc, char **argv);
int run_mailing       (int argc, char **argv);
int run_consent       (int argc, char **argv);
int run_person        (int argc, char **argv);
int run_import        (int argc, char **argv);
int run_export        (int argc, char **argv);
int run_demo          (int argc, char **argv);
int run_tickets       (int argc, char **argv);
int run_badge         (int argc, char **argv);
int run_printers      (int argc, char **argv);
int run_smtp          (int argc, char **argv);
int run_send_tickets  (int argc, char **argv);
int run_event_mail    (int argc, char **argv);
int run_hub           (int argc, char **argv);

G_END_DECLS
