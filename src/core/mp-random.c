#define G_LOG_DOMAIN "mp-random"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "mp-random.h"

#define POOL_SIZE 4096

/* One pool per thread: no lock, and a worker thread never shares bytes
 * with the main thread. */
static __thread guint8 pool[POOL_SIZE];
static __thread gsize pool_left;

static void
fill (guint8 *buf,
      gsize   len)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = getrandom (buf + done, len - done, 0);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          /* Without the OS random source there is no safe ticket. */
          g_error ("getrandom() failed: %s", g_strerror (errno));
        }
      done += (gsize) n;
    }
}

void
mp_random_bytes (guint8 *buf,
                 gsize   len)
{
  while (len > 0)
    {
      gsize take;

      if (pool_left == 0)
        {
          fill (pool, POOL_SIZE);
          pool_left = POOL_SIZE;
        }

      take = MIN (len, pool_left);
      memcpy (buf, pool + POOL_SIZE - pool_left, take);
      /* bytes handed out are not kept */
      memset (pool + POOL_SIZE - pool_left, 0, take);
      pool_left -= take;
      buf += take;
      len -= take;
    }
}
