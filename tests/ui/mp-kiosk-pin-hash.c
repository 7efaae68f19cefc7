/* mp-kiosk-pin-hash PIN: prints the hash that kiosk-pin-hash keeps for
 * PIN, as the Preferences would store it. For the kiosk's UI test. */
#include "config.h"

#include <stdio.h>

#include "mp-pin.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "usage: mp-kiosk-pin-hash PIN\n");
      return 2;
    }

  hash = mp_pin_hash (argv[1], &error);
  if (hash == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  printf ("%s\n", hash);
  return 0;
}
