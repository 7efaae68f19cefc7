#define G_LOG_DOMAIN "mp-save-chooser"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-save-chooser.h"
#include "mp-toast.h"

char *
mp_save_chooser_file_name (const char *title,
                           const char *what,
                           const char *extension)
{
  GString *name = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = title != NULL ? title : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || strchr ("/\\:*?\"<>|", (int) (c < 0x80 ? c : 'a')) != NULL)
        continue;
      if (g_unichar_isspace (c))
        {
          space = name->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (name, ' ');
      space = FALSE;
      g_string_append_unichar (name, c);
    }

  if (name->len > 0)
    /* Translators: between an event's title and what a file holds: "Dialogmøte – deltakere.csv" */
    g_string_append (name, _(" – "));
  g_string_append_printf (name, "%s.%s", what, extension);
  return g_string_free (name, FALSE);
}

typedef struct
{
  GtkWidget        *owner;
  MpSaveChosenFunc  chosen;
  gpointer          user_data;
} Request;

static void
response_cb (GtkNativeDialog *chooser,
             int              response,
             Request         *request)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        request->chosen (request->owner, path, request->user_data);
      else
        mp_toast_add (request->owner, adw_toast_new (_("Choose a file on this computer.")));
    }

  g_object_unref (request->owner);
  g_free (request);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

void
mp_save_chooser_ask (GtkWidget        *owner,
                     const char       *title,
                     const char       *name,
                     const char       *filter_name,
                     const char       *extension,
                     MpSaveChosenFunc  chosen,
                     gpointer          user_data)
{
  const char *forced = g_getenv ("MP_SAVE_FILE");
  g_autoptr(GtkFileFilter) filter = NULL;
  GtkFileChooserNative *chooser;
  GtkRoot *root;
  Request *request;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (chosen != NULL);

  /* Tests name the file instead of answering a dialog. */
  if (forced != NULL && forced[0] != '\0')
    {
      g_autofree char *path = g_strdup_printf ("%s.%s", forced, extension);

      chosen (owner, path, user_data);
      return;
    }

  root = gtk_widget_get_root (owner);
  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_suffix (filter, extension);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  request = g_new0 (Request, 1);
  request->owner = g_object_ref (owner);
  request->chosen = chosen;
  request->user_data = user_data;
  g_signal_connect (chooser, "response", G_CALLBACK (response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
