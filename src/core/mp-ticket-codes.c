/* mp-ticket-codes.c: QR codes made ahead on a second thread while the
 * first one draws the pages of a file (choosing a code's mask is a
 * quarter of the work of a PDF of tickets)
 */
#define G_LOG_DOMAIN "mp-ticket-render"

#include "config.h"

#include "mp-ticket-render-private.h"

/* QR codes made ahead in a second thread while the first one draws:
 * choosing a code's mask is a quarter of the work of a PDF of tickets. */
struct _CodePrefetch
{
  GMutex       lock;
  GCond        cond;
  GPtrArray   *attendees;
  MpQrCode   **codes;      /* [i] for attendees[i], NULL once taken */
  guint        produced;   /* codes [0, produced) are made */
  guint        consumed;   /* and [0, consumed) taken */
  gboolean     stop;
  GThread     *thread;
};

#define PREFETCH_AHEAD 64

static gpointer
prefetch_thread (gpointer data)
{
  CodePrefetch *prefetch = data;

  for (guint i = 0; i < prefetch->attendees->len; i++)
    {
      g_autofree char *text = NULL;
      MpQrCode *code;

      g_mutex_lock (&prefetch->lock);
      while (!prefetch->stop && prefetch->produced - prefetch->consumed >= PREFETCH_AHEAD)
        g_cond_wait (&prefetch->cond, &prefetch->lock);
      if (prefetch->stop)
        {
          g_mutex_unlock (&prefetch->lock);
          break;
        }
      g_mutex_unlock (&prefetch->lock);

      /* Only reads the token, which nobody changes while we render */
      text = mp_attendee_dup_ticket_text (g_ptr_array_index (prefetch->attendees, i));
      code = mp_qr_code_new (text, NULL);

      g_mutex_lock (&prefetch->lock);
      prefetch->codes[i] = code;
      prefetch->produced = i + 1;
      g_cond_broadcast (&prefetch->cond);
      g_mutex_unlock (&prefetch->lock);
    }

  return NULL;
}

static CodePrefetch *
code_prefetch_start (GPtrArray *attendees)
{
  CodePrefetch *prefetch;

  if (attendees->len < 2 * PREFETCH_AHEAD || g_get_num_processors () < 2)
    return NULL;

  prefetch = g_new0 (CodePrefetch, 1);
  g_mutex_init (&prefetch->lock);
  g_cond_init (&prefetch->cond);
  prefetch->attendees = g_ptr_array_ref (attendees);
  prefetch->codes = g_new0 (MpQrCode *, attendees->len);
  prefetch->thread = g_thread_new ("mp-qr-prefetch", prefetch_thread, prefetch);

  return prefetch;
}

static void
code_prefetch_stop (CodePrefetch *prefetch)
{
  if (prefetch == NULL)
    return;

  g_mutex_lock (&prefetch->lock);
  prefetch->stop = TRUE;
  g_cond_broadcast (&prefetch->cond);
  g_mutex_unlock (&prefetch->lock);
  g_thread_join (prefetch->thread);

  for (guint i = 0; i < prefetch->attendees->len; i++)
    mp_qr_code_free (prefetch->codes[i]);
  g_free (prefetch->codes);
  g_ptr_array_unref (prefetch->attendees);
  g_cond_clear (&prefetch->cond);
  g_mutex_clear (&prefetch->lock);
  g_free (prefetch);
}

/* The code of the next attendee in order from the second thread, or a
 * code made here for anyone else. */
MpQrCode *
_mp_ticket_take_code (MpTicketRenderer *self,
                      MpAttendee       *attendee)
{
  CodePrefetch *prefetch = self->prefetch;
  g_autofree char *text = NULL;

  if (prefetch != NULL &&
      prefetch->consumed < prefetch->attendees->len &&
      g_ptr_array_index (prefetch->attendees, prefetch->consumed) == attendee)
    {
      MpQrCode *code;

      g_mutex_lock (&prefetch->lock);
      while (prefetch->produced <= prefetch->consumed)
        g_cond_wait (&prefetch->cond, &prefetch->lock);
      code = g_steal_pointer (&prefetch->codes[prefetch->consumed]);
      prefetch->consumed++;
      g_cond_broadcast (&prefetch->cond);
      g_mutex_unlock (&prefetch->lock);

      return code;
    }

  text = mp_attendee_dup_ticket_text (attendee);

  return mp_qr_code_new (text, NULL);
}

void
_mp_ticket_renderer_start_code_prefetch (MpTicketRenderer *self,
                                         GPtrArray        *attendees)
{
  g_return_if_fail (self->prefetch == NULL);
  self->prefetch = code_prefetch_start (attendees);
}

void
_mp_ticket_renderer_stop_code_prefetch (MpTicketRenderer *self)
{
  g_clear_pointer (&self->prefetch, code_prefetch_stop);
}
