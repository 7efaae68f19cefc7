/* A stand-in for libFuzzer: runs a fuzz target once on every file of
 * the files and folders given, so that the seed corpus is a test even
 * without clang. */
#include "config.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static guint n_inputs;

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char **) a, *(char **) b);
}

static void
run_path (const char *path)
{
  g_autoptr(GError) error = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        g_error ("%s", error->message);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
      g_ptr_array_sort (names, compare_paths);
      for (guint i = 0; i < names->len; i++)
        run_path (names->pdata[i]);
    }
  else
    {
      g_autofree char *contents = NULL;
      gsize len = 0;
      guint8 *copy;

      if (!g_file_get_contents (path, &contents, &len, &error))
        g_error ("%s", error->message);

      /* An exact-size copy, so that AddressSanitizer sees a read past
       * the end as libFuzzer would. */
      copy = g_malloc (MAX (len, 1));
      memcpy (copy, contents, len);
      LLVMFuzzerTestOneInput (copy, len);
      g_free (copy);
      n_inputs++;
    }
}

int
main (int   argc,
      char *argv[])
{
  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s FILE-OR-DIRECTORY...\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    run_path (argv[i]);

  /* TAP, for meson test */
  printf ("1..1\nok 1 - %u inputs\n", n_inputs);
  return 0;
}
