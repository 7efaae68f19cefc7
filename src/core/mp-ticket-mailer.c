#define G_LOG_DOMAIN "mp-ticket-mailer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "mp-database-private.h"
#include "mp-error.h"
#include "mp-event-mail.h"
#include "mp-mail-composer.h"
#include "mp-mail-outbox-private.h"
#include "mp-mail-transport.h"
#include "mp-ticket-mailer.h"
#include "mp-time.h"

void
mp_ticket_mail_problem_free (MpTicketMailProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->name);
  g_free (problem->address);
  g_free (problem->reason);
  g_free (problem);
}

void
mp_ticket_mailer_result_init (MpTicketMailerResult *result)
{
  memset (result, 0, sizeof *result);
  result->failed = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_ticket_mail_problem_free);
  result->unconfirmed = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_ticket_mail_problem_free);
}

void
mp_ticket_mailer_result_clear (MpTicketMailerResult *result)
{
  g_clear_pointer (&result->failed, g_ptr_array_unref);
  g_clear_pointer (&result->unconfirmed, g_ptr_array_unref);
}

static void
add_problem (GPtrArray  *problems,
             gint64      registration_id,
             const char *name,
             const char *address,
             const char *reason)
{
  MpTicketMailProblem *problem = g_new0 (MpTicketMailProblem, 1);

  problem->registration_id = registration_id;
  problem->name = g_strdup (name);
  problem->address = g_strdup (address);
  problem->reason = g_strdup (reason);
  g_ptr_array_add (problems, problem);
}

/* The sending lock: an exclusive flock on DATABASE-mail.lock, which the
 * kernel drops when the process ends, however it ends. -1 and @error
 * when another sender holds it. */
static int
take_sending_lock (MpDatabase  *db,
                   GError     **error)
{
  g_autofree char *path = g_strconcat (mp_database_get_path (db), "-mail.lock", NULL);
  int fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, MP_ERROR, MP_ERROR_IO,
                   _("Could not write “%s”: %s"), display, g_strerror (errsv));
      return -1;
    }

  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int errsv = errno;

      close (fd);
      if (errsv == EWOULDBLOCK)
        g_set_error_literal (error, MP_MAIL_ERROR, MP_MAIL_ERROR_BUSY,
                             _("Tickets are being sent from this database already (by another window or command). Wait until that has finished."));
      else
        g_set_error (error, MP_ERROR, MP_ERROR_IO,
                     _("Could not lock the outbox: %s"), g_strerror (errsv));
      return -1;
    }

  return fd;
}

static void
release_sending_lock (int fd)
{
  if (fd >= 0)
    close (fd);
}

/* Sleeps until @until (monotonic µs); FALSE when cancelled first. */
static gboolean
wait_until (gint64        until,
            GCancellable *cancellable)
{
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();

      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      if (now >= until)
        return TRUE;
      g_usleep (MIN (until - now, 50 * 1000));
    }
}

static gboolean
mark_unconfirmed (gpointer   user_data,
                  GError   **error)
{
  struct { MpDatabase *db; gint64 outbox_id; } *target = user_data;

  return _mp_outbox_mark_unconfirmed (target->db, target->outbox_id, error);
}

typedef struct
{
  gint64 outbox_id;
  gint64 registration_id;
  guint  tries;
  gint64 not_before;   /* monotonic µs */
} Item;

/* Which registrations to queue: see mp-mail-outbox.h. */
static gboolean
choose (GPtrArray                    *entries,
        const MpTicketMailerOptions  *options,
        GArray                       *registration_ids,
        GPtrArray                    *addresses,
        GError                      **error)
{
  for (guint i = 0; i < entries->len; i++)
    {
      MpTicketMailEntry *entry = g_ptr_array_index (entries, i);
      gboolean take;

      if (options->registration_id != 0 && entry->registration_id != options->registration_id)
        continue;

      switch (entry->status)
        {
        case MP_TICKET_MAIL_TO_SEND:
          take = TRUE;
          break;
        case MP_TICKET_MAIL_ADDRESS_CHANGED:
          /* naming the one registration is sending again on purpose */
          take = options->resend || options->registration_id != 0;
          break;
        case MP_TICKET_MAIL_SENT:
        case MP_TICKET_MAIL_UNCONFIRMED:
          take = options->resend;
          if (!take && options->registration_id != 0)
            {
              g_autofree char *when = mp_time_format_long (entry->sent_at);

              g_set_error (error, MP_ERROR, MP_ERROR_EXISTS,
                           entry->status == MP_TICKET_MAIL_SENT
                           ? _("%s was sent their ticket %s (to %s). Send it again on purpose with --resend.")
                           : _("%s may have got their ticket %s (to %s): the connection ended before the server confirmed it. Send it again on purpose with --resend."),
                           entry->name, when, entry->sent_address);
              return FALSE;
            }
          break;
        case MP_TICKET_MAIL_NO_ADDRESS:
        case MP_TICKET_MAIL_NOT_ADMITTED:
        default:
          take = FALSE;
          if (options->registration_id != 0)
            {
              g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                           entry->status == MP_TICKET_MAIL_NO_ADDRESS
                           ? _("%s has no valid e-mail address, so no ticket can be sent.")
                           : _("%s is on the waiting list or cancelled, so they have no ticket to send."),
                           entry->name);
              return FALSE;
            }
          break;
        }

      if (take)
        {
          g_array_append_val (registration_ids, entry->registration_id);
          g_ptr_array_add (addresses, g_strdup (entry->address));
        }
    }

  if (options->registration_id != 0 && registration_ids->len == 0 && (error == NULL || *error == NULL))
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, options->registration_id);

      g_set_error (error, MP_ERROR, MP_ERROR_NOT_FOUND,
                   _("Registration %s is not one of this event’s."), id);
      return FALSE;
    }

  return TRUE;
}

/* The index in @retries of the item due first, or -1. */
static int
first_retry (GArray *retries)
{
  int best = -1;

  for (guint i = 0; i < retries->len; i++)
    if (best < 0 || g_array_index (retries, Item, i).not_before < g_array_index (retries, Item, best).not_before)
      best = i;
  return best;
}

gboolean
mp_ticket_mailer_send (MpStore                      *store,
                       MpEvent                      *event,
                       const MpMailAccount          *account,
                       const MpTicketMailerOptions  *options,
                       GCancellable                 *cancellable,
                       MpTicketMailerProgressFunc    progress,
                       gpointer                      progress_data,
                       MpTicketMailerResult         *result,
                       GError                      **error)
{
  MpDatabase *db;
  g_autoptr(MpEventMail) event_mail = NULL;
  g_autoptr(MpMailComposer) composer = NULL;
  g_autoptr(MpMailTransport) transport = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GArray) registration_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) outbox_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) fresh = g_array_new (FALSE, FALSE, sizeof (Item));
  g_autoptr(GArray) retries = g_array_new (FALSE, FALSE, sizeof (Item));
  g_autoptr(GError) stop_error = NULL;
  guint max_tries, retry_base_ms, next_fresh = 0, done = 0;
  gint64 interval, next_start = 0;
  int lock;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);
  g_return_val_if_fail (MP_IS_EVENT (event), FALSE);
  g_return_val_if_fail (account != NULL && options != NULL && result != NULL, FALSE);

  db = mp_store_get_database (store);
  max_tries = options->max_tries > 0 ? options->max_tries : 4;
  retry_base_ms = options->retry_base_ms > 0 ? options->retry_base_ms : 2000;
  interval = options->rate_per_minute > 0 ? 60 * G_USEC_PER_SEC / options->rate_per_minute : 0;

  /* Everything that can be found wrong before the first message. */
  event_mail = mp_event_mail_get (store, mp_event_get_id (event), error);
  if (event_mail == NULL)
    return FALSE;
  composer = mp_mail_composer_new (event, event_mail, account, error);
  if (composer == NULL)
    return FALSE;
  transport = mp_mail_transport_new (account, error);
  if (transport == NULL)
    return FALSE;

  lock = take_sending_lock (db, error);
  if (lock < 0)
    return FALSE;

  if (!_mp_outbox_recover (db, error) ||
      (entries = mp_ticket_mail_list_event (store, mp_event_get_id (event), error)) == NULL ||
      !choose (entries, options, registration_ids, addresses, error) ||
      !_mp_outbox_queue (db, mp_event_get_id (event), registration_ids, addresses, outbox_ids, error))
    {
      release_sending_lock (lock);
      return FALSE;
    }
  g_clear_pointer (&entries, g_ptr_array_unref);

  for (guint i = 0; i < outbox_ids->len; i++)
    {
      Item item = { g_array_index (outbox_ids, gint64, i), g_array_index (registration_ids, gint64, i), 0, 0 };

      g_array_append_val (fresh, item);
    }
  result->total = fresh->len;

  while (next_fresh < fresh->len || retries->len > 0)
    {
      g_autoptr(MpAttendee) attendee = NULL;
      g_autoptr(MpMailMessage) message = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *reply = NULL;
      g_autofree char *reason = NULL;
      struct { MpDatabase *db; gint64 outbox_id; } target;
      int retry = first_retry (retries);
      gint64 now_us = g_get_monotonic_time ();
      gboolean claimed = FALSE;
      MpMailOutcome outcome;
      Item item;

      if (retry >= 0 && (g_array_index (retries, Item, retry).not_before <= now_us || next_fresh == fresh->len))
        {
          item = g_array_index (retries, Item, retry);
          g_array_remove_index_fast (retries, retry);
          if (!wait_until (item.not_before, cancellable))
            {
              g_array_append_val (retries, item);
              break;
            }
        }
      else
        item = g_array_index (fresh, Item, next_fresh++);

      if (!wait_until (next_start, cancellable))
        {
          /* not begun: still queued */
          g_array_append_val (retries, item);
          break;
        }
      next_start = g_get_monotonic_time () + interval;

      attendee = mp_store_get_attendee (store, item.registration_id, &local_error);
      if (attendee != NULL)
        message = mp_mail_composer_compose (composer, attendee, mp_time_now (), &local_error);
      if (message == NULL)
        {
          /* deleted since, or a ticket that cannot be drawn */
          if (!_mp_outbox_finish (db, item.outbox_id, "failed", mp_time_now (), NULL, local_error->message, &stop_error))
            break;
          add_problem (result->failed, item.registration_id,
                       attendee != NULL ? mp_attendee_get_name (attendee) : "", "", local_error->message);
          goto next;
        }

      if (!_mp_outbox_claim (db, item.outbox_id, message->to_address, message->message_id,
                             mp_time_now (), &claimed, &stop_error))
        break;
      if (!claimed)
        {
          result->skipped++;
          goto next;
        }

      item.tries++;
      target.db = db;
      target.outbox_id = item.outbox_id;
      outcome = mp_mail_transport_send (transport, message, mark_unconfirmed, &target, cancellable,
                                        &reply, &reason, &local_error);
      switch (outcome)
        {
        case MP_MAIL_OUTCOME_SENT:
          if (!_mp_outbox_finish (db, item.outbox_id, "sent", mp_time_now (), reply, NULL, &stop_error))
            goto stop;
          result->sent++;
          break;

        case MP_MAIL_OUTCOME_REFUSED:
          if (!_mp_outbox_finish (db, item.outbox_id, "failed", mp_time_now (), reply, reason, &stop_error))
            goto stop;
          add_problem (result->failed, item.registration_id, mp_attendee_get_name (attendee),
                       message->to_address, reason);
          break;

        case MP_MAIL_OUTCOME_TRY_LATER:
          if (item.tries < max_tries)
            {
              if (!_mp_outbox_finish (db, item.outbox_id, "queued", mp_time_now (), reply, reason, &stop_error))
                goto stop;
              item.not_before = g_get_monotonic_time () +
                                (gint64) retry_base_ms * 1000 * (1 << MIN (item.tries - 1, 10));
              g_array_append_val (retries, item);
              continue;
            }
          else
            {
              g_autofree char *gave_up = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                       "%s (tried %u time)",
                                                                       "%s (tried %u times)",
                                                                       item.tries),
                                                          reason, item.tries);

              if (!_mp_outbox_finish (db, item.outbox_id, "failed", mp_time_now (), reply, gave_up, &stop_error))
                goto stop;
              add_problem (result->failed, item.registration_id, mp_attendee_get_name (attendee),
                           message->to_address, gave_up);
            }
          break;

        case MP_MAIL_OUTCOME_UNCONFIRMED:
          if (!_mp_outbox_finish (db, item.outbox_id, "unconfirmed", mp_time_now (), reply, reason, &stop_error))
            goto stop;
          add_problem (result->unconfirmed, item.registration_id, mp_attendee_get_name (attendee),
                       message->to_address, reason);
          break;

        case MP_MAIL_OUTCOME_CANCELLED:
        case MP_MAIL_OUTCOME_STOP:
        default:
          /* its end never left: it goes back to the queue */
          _mp_outbox_finish (db, item.outbox_id, "queued", mp_time_now (), reply, NULL, NULL);
          g_array_append_val (retries, item);
          if (outcome == MP_MAIL_OUTCOME_STOP)
            stop_error = g_steal_pointer (&local_error);
          goto stop;
        }

    next:
      done++;
      if (progress != NULL)
        progress (done, result->total, attendee != NULL ? mp_attendee_get_name (attendee) : "", progress_data);
    }

stop:
  result->left = (fresh->len - next_fresh) + retries->len;
  release_sending_lock (lock);

  if (stop_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&stop_error));
      return FALSE;
    }
  if (result->left > 0 && g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_CANCELLED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Sending was stopped; %u ticket was not sent yet and stays queued for the next send.",
                                "Sending was stopped; %u tickets were not sent yet and stay queued for the next send.",
                                result->left),
                   result->left);
      return FALSE;
    }

  return TRUE;
}

gboolean
mp_ticket_mailer_send_test (const MpMailAccount  *account,
                            const char           *address,
                            char                **out_reply,
                            GError              **error)
{
  g_autoptr(MpMailTransport) transport = NULL;
  g_autoptr(MpMailMessage) message = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *reason = NULL;
  MpMailOutcome outcome;

  transport = mp_mail_transport_new (account, error);
  if (transport == NULL)
    return FALSE;
  message = mp_mail_test_message_new (account, address, mp_time_now (), error);
  if (message == NULL)
    return FALSE;

  outcome = mp_mail_transport_send (transport, message, NULL, NULL, NULL, &reply, &reason, error);
  if (outcome == MP_MAIL_OUTCOME_STOP)
    return FALSE;
  if (outcome != MP_MAIL_OUTCOME_SENT)
    {
      g_set_error_literal (error, MP_MAIL_ERROR, MP_MAIL_ERROR_FAILED, reason);
      return FALSE;
    }

  if (out_reply != NULL)
    *out_reply = g_steal_pointer (&reply);
  return TRUE;
}
