/* mp-clipboard: prints the text on the X clipboard (what Copy Addresses
 * put there), for the window tests: another program reading it, as an
 * e-mail program pasting into its Bcc line would. */
#include "config.h"

#include <gtk/gtk.h>
#include <locale.h>
#include <stdio.h>

static void
read_cb (GObject      *clipboard,
         GAsyncResult *result,
         gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, &error);
  if (*text == NULL)
    *text = g_strdup_printf ("(none: %s)", error != NULL ? error->message : "empty");
}

int
main (int   argc,
      char *argv[])
{
  char *text = NULL;

  setlocale (LC_ALL, "");
  if (!gtk_init_check ())
    {
      fprintf (stderr, "mp-clipboard: no display\n");
      return 1;
    }
  gdk_clipboard_read_text_async (gdk_display_get_clipboard (gdk_display_get_default ()),
                                 NULL, read_cb, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  printf ("%s\n", text);
  g_free (text);
  return 0;
}
