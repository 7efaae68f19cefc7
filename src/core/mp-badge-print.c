#define G_LOG_DOMAIN "mp-badge-print"

#include "config.h"

#include <cups/cups.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mp-badge-print.h"
#include "mp-error.h"
#include "mp-file.h"

/* How long to wait for CUPS to accept a connection. A desk must not
 * hang at the door because the print service is gone. */
#define CUPS_CONNECT_TIMEOUT_MS 1500
/* How long one request may take once connected. */
#define CUPS_REQUEST_TIMEOUT_S  10.0

/* Longest file name stem, in characters, for a badge saved in a folder. */
#define MAX_STEM_CHARS 80

struct _MpBadgePrinter
{
  GObject         parent_instance;

  char           *printer_name;  /* NULL for the folder */
  char           *folder;
  MpTicketLayout  layout;
};

G_DEFINE_FINAL_TYPE (MpBadgePrinter, mp_badge_printer, G_TYPE_OBJECT)

static void
mp_badge_printer_finalize (GObject *object)
{
  MpBadgePrinter *self = MP_BADGE_PRINTER (object);

  g_clear_pointer (&self->printer_name, g_free);
  g_clear_pointer (&self->folder, g_free);

  G_OBJECT_CLASS (mp_badge_printer_parent_class)->finalize (object);
}

static void
mp_badge_printer_class_init (MpBadgePrinterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_badge_printer_finalize;
}

static void
mp_badge_printer_init (MpBadgePrinter *self)
{
  self->layout = MP_TICKET_LAYOUT_BADGE_LABEL;
}

MpBadgePrinter *
mp_badge_printer_new (const char     *printer_name,
                      const char     *folder,
                      MpTicketLayout  layout)
{
  MpBadgePrinter *self;

  g_return_val_if_fail (layout < MP_N_TICKET_LAYOUTS, NULL);

  self = g_object_new (MP_TYPE_BADGE_PRINTER, NULL);
  if (printer_name != NULL && *printer_name != '\0')
    self->printer_name = g_strdup (printer_name);
  if (folder != NULL && *folder != '\0')
    self->folder = g_strdup (folder);
  else
    self->folder = mp_badge_printer_dup_default_folder ();
  self->layout = layout;

  return self;
}

const char *
mp_badge_printer_get_printer_name (MpBadgePrinter *self)
{
  g_return_val_if_fail (MP_IS_BADGE_PRINTER (self), NULL);

  return self->printer_name;
}

const char *
mp_badge_printer_get_folder (MpBadgePrinter *self)
{
  g_return_val_if_fail (MP_IS_BADGE_PRINTER (self), NULL);

  return self->folder;
}

MpTicketLayout
mp_badge_printer_get_layout (MpBadgePrinter *self)
{
  g_return_val_if_fail (MP_IS_BADGE_PRINTER (self), MP_TICKET_LAYOUT_BADGE_LABEL);

  return self->layout;
}

char *
mp_badge_printer_dup_default_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents == NULL)
    documents = g_get_home_dir ();

  /* Translators: the folder in Documents where name badges are saved as
   * PDF files when no badge printer is chosen. */
  return g_build_filename (documents, _("Møteplass badges"), NULL);
}

/* A file name stem a person recognises: the attendee's name, with
 * nothing a file system or a shell could trip on. */
static char *
badge_file_stem (MpAttendee *attendee)
{
  const char *name = mp_attendee_get_name (attendee);
  g_autoptr(GString) stem = g_string_new (NULL);
  guint n_chars = 0;
  gboolean last_was_space = TRUE;  /* drops leading spaces */

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    name = "";

  for (const char *p = name; *p != '\0' && n_chars < MAX_STEM_CHARS; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '-' || c == '_' || c == '\'' || c == '.')
        {
          if (c == '.' && stem->len == 0)
            continue;  /* no hidden files */
          g_string_append_unichar (stem, c);
          last_was_space = FALSE;
          n_chars++;
        }
      else if (!last_was_space)
        {
          g_string_append_c (stem, ' ');
          last_was_space = TRUE;
          n_chars++;
        }
    }

  while (stem->len > 0 && (stem->str[stem->len - 1] == ' ' || stem->str[stem->len - 1] == '.'))
    g_string_truncate (stem, stem->len - 1);

  if (stem->len == 0)
    /* Translators: the file name of a badge for someone with no usable name */
    g_string_assign (stem, C_("file name", "badge"));

  return g_string_free (g_steal_pointer (&stem), FALSE);
}

static char *
render_badge (MpEvent         *event,
              MpAttendee      *attendee,
              MpTicketLayout   layout,
              const char      *path,
              GCancellable    *cancellable,
              GError         **error)
{
  g_autoptr(MpTicketRenderer) renderer = mp_ticket_renderer_new (event, layout);
  g_autoptr(GPtrArray) attendees = g_ptr_array_new ();

  g_ptr_array_add (attendees, attendee);

  if (!mp_ticket_renderer_render_to_file (renderer, path, attendees, cancellable,
                                          NULL, NULL, error))
    return NULL;

  return g_strdup (path);
}

/* Renders into a hidden file in the folder (mp_file_writer_new()), then
 * gives it the first free name, which never replaces a file another
 * desk saved a moment ago. The badge appears whole or not at all. */
static char *
save_in_folder (MpBadgePrinter  *self,
                MpEvent         *event,
                MpAttendee      *attendee,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autofree char *stem = badge_file_stem (attendee);
  g_autofree char *first = NULL;
  g_autofree char *rendered = NULL;
  g_autoptr(MpFileWriter) writer = NULL;

  /* Badges carry names: a folder made for them is the owner's only. */
  if (g_mkdir_with_parents (self->folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, MP_ERROR,
                   saved_errno == EACCES || saved_errno == EROFS ? MP_ERROR_READ_ONLY : MP_ERROR_IO,
                   /* Translators: %s is a folder, then the reason */
                   _("Badges cannot be saved in “%s”: %s"),
                   self->folder, g_strerror (saved_errno));
      return NULL;
    }

  first = g_strdup_printf ("%s/%s.pdf", self->folder, stem);
  writer = mp_file_writer_new (first, error);
  if (writer == NULL)
    return NULL;

  /* The renderer writes the file by its temporary name. */
  rendered = render_badge (event, attendee, self->layout, mp_file_writer_get_temp_path (writer),
                           cancellable, error);
  if (rendered == NULL)
    return NULL;

  for (guint n = 1; n < 10000; n++)
    {
      g_autofree char *file_name = n == 1
        ? g_strdup_printf ("%s.pdf", stem)
        : g_strdup_printf ("%s (%u).pdf", stem, n);
      g_autofree char *path = g_build_filename (self->folder, file_name, NULL);
      g_autoptr(GError) local_error = NULL;

      if (mp_file_writer_commit_new (writer, path, &local_error))
        return g_steal_pointer (&path);

      if (!g_error_matches (local_error, MP_ERROR, MP_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  g_set_error (error, MP_ERROR, MP_ERROR_IO,
               _("Badges cannot be saved in “%s”: %s"),
               self->folder, g_strerror (EEXIST));
  return NULL;
}

/* Gives up on a request that hangs instead of waiting forever. */
static int
cups_timeout_cb (http_t *http,
                 void   *user_data)
{
  (void) http;
  (void) user_data;

  return 0;
}

static http_t *
cups_connect (void)
{
  http_t *http = httpConnect2 (cupsServer (), ippPort (), NULL, AF_UNSPEC,
                               cupsEncryption (), 1, CUPS_CONNECT_TIMEOUT_MS, NULL);

  if (http != NULL)
    httpSetTimeout (http, CUPS_REQUEST_TIMEOUT_S, cups_timeout_cb, NULL);

  return http;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (http_t, httpClose)

/* Fails with MP_ERROR_PRINTER unless the queue is there, accepts jobs
 * and is not stopped. */
static gboolean
check_printer (http_t      *http,
               const char  *name,
               GError     **error)
{
  cups_dest_t *dest = cupsGetNamedDest (http, name, NULL);
  const char *state;
  const char *accepting;
  const char *reasons;
  gboolean ok = TRUE;

  if (dest == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_PRINTER,
                   /* Translators: %s is the name of a printer */
                   _("The badge printer “%s” is not there. Choose another printer in Preferences."),
                   name);
      return FALSE;
    }

  state = cupsGetOption ("printer-state", dest->num_options, dest->options);
  accepting = cupsGetOption ("printer-is-accepting-jobs", dest->num_options, dest->options);
  reasons = cupsGetOption ("printer-state-reasons", dest->num_options, dest->options);

  if (state != NULL && atoi (state) == IPP_PSTATE_STOPPED)
    {
      if (reasons != NULL && *reasons != '\0' && g_strcmp0 (reasons, "none") != 0
          && g_strcmp0 (reasons, "paused") != 0)
        g_set_error (error, MP_ERROR, MP_ERROR_PRINTER,
                     /* Translators: %s is a printer, then CUPS's reason (in English), e.g. media-empty */
                     _("The badge printer “%s” is stopped (%s)."), name, reasons);
      else
        g_set_error (error, MP_ERROR, MP_ERROR_PRINTER,
                     _("The badge printer “%s” is stopped."), name);
      ok = FALSE;
    }
  else if (accepting != NULL && g_ascii_strcasecmp (accepting, "false") == 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_PRINTER,
                   _("The badge printer “%s” does not accept jobs now."), name);
      ok = FALSE;
    }

  cupsFreeDests (1, dest);
  return ok;
}

static char *
print_with_cups (MpBadgePrinter  *self,
                 MpEvent         *event,
                 MpAttendee      *attendee,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(http_t) http = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *rendered = NULL;
  g_autofree char *title = NULL;
  int fd;
  int job_id;

  http = cups_connect ();
  if (http == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_PRINTER,
                   /* Translators: %s is the name of a printer */
                   _("The badge printer “%s” cannot be reached: the print service (CUPS) is not running."),
                   self->printer_name);
      return NULL;
    }

  if (!check_printer (http, self->printer_name, error))
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  fd = g_file_open_tmp ("moteplass-badge-XXXXXX.pdf", &tmp_path, &local_error);
  if (fd < 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_IO,
                   _("The badge could not be made: %s"), local_error->message);
      return NULL;
    }
  close (fd);

  rendered = render_badge (event, attendee, self->layout, tmp_path, cancellable, error);
  if (rendered == NULL)
    {
      g_unlink (tmp_path);
      return NULL;
    }

  /* No name in the job's title: CUPS keeps a history of jobs, and the
   * attendee's personal data must stay where it can be erased. */
  /* Translators: the title of a print job in the printer's queue */
  title = g_strdup (_("Møteplass badge"));
  job_id = cupsPrintFile2 (http, self->printer_name, tmp_path, title, 0, NULL);
  g_unlink (tmp_path);

  if (job_id <= 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_PRINTER,
                   /* Translators: %s is a printer, then CUPS's message (often in English) */
                   _("The badge printer “%s” did not print: CUPS refused the job: %s"),
                   self->printer_name, cupsLastErrorString ());
      return NULL;
    }

  /* Translators: where a badge went: a printer's name and the job's number */
  return g_strdup_printf (_("%s (job %d)"), self->printer_name, job_id);
}

char *
mp_badge_printer_print (MpBadgePrinter  *self,
                        MpEvent         *event,
                        MpAttendee      *attendee,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_return_val_if_fail (MP_IS_BADGE_PRINTER (self), NULL);
  g_return_val_if_fail (MP_IS_EVENT (event), NULL);
  g_return_val_if_fail (MP_IS_ATTENDEE (attendee), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (self->printer_name != NULL)
    return print_with_cups (self, event, attendee, cancellable, error);
  else
    return save_in_folder (self, event, attendee, cancellable, error);
}

typedef struct
{
  MpEvent    *event;     /* a copy: the caller's may change */
  MpAttendee *attendee;  /* immutable once the store made it */
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_clear_object (&data->event);
  g_clear_object (&data->attendee);
  g_free (data);
}

static void
print_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MpBadgePrinter *self = source_object;
  PrintData *data = task_data;
  GError *error = NULL;
  char *where;

  where = mp_badge_printer_print (self, data->event, data->attendee, cancellable, &error);
  if (where == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, where, g_free);
}

void
mp_badge_printer_print_async (MpBadgePrinter      *self,
                              MpEvent             *event,
                              MpAttendee          *attendee,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PrintData *data;

  g_return_if_fail (MP_IS_BADGE_PRINTER (self));
  g_return_if_fail (MP_IS_EVENT (event));
  g_return_if_fail (MP_IS_ATTENDEE (attendee));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (PrintData, 1);
  data->event = mp_event_copy (event);
  data->attendee = g_object_ref (attendee);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mp_badge_printer_print_async);
  g_task_set_task_data (task, data, (GDestroyNotify) print_data_free);
  g_task_run_in_thread (task, print_thread);
}

char *
mp_badge_printer_print_finish (MpBadgePrinter  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (MP_IS_BADGE_PRINTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mp_badge_printer_print_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static int
compare_printers (gconstpointer a,
                  gconstpointer b)
{
  const cups_dest_t *da = a;
  const cups_dest_t *db = b;

  if (da->is_default != db->is_default)
    return da->is_default ? -1 : 1;

  return g_utf8_collate (da->name, db->name);
}

GStrv
mp_badge_printer_list_printers (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(http_t) http = cups_connect ();
  cups_dest_t *dests = NULL;
  int n_dests = 0;

  if (http == NULL)
    return g_strv_builder_end (builder);

  n_dests = cupsGetDests2 (http, &dests);
  if (n_dests > 0)
    qsort (dests, n_dests, sizeof *dests, compare_printers);

  for (int i = 0; i < n_dests; i++)
    if (dests[i].instance == NULL && dests[i].name != NULL)
      g_strv_builder_add (builder, dests[i].name);

  cupsFreeDests (n_dests, dests);

  return g_strv_builder_end (builder);
}
