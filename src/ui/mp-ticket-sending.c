/* One sending of tickets by e-mail from the window: see mp-ticket-sending.h. */
#define G_LOG_DOMAIN "mp-ticket-sending"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-error.h"
#include "mp-smtp-password.h"
#include "mp-ticket-sending.h"

struct _MpTicketSending
{
  GObject               parent_instance;

  MpStore              *store;
  gint64                event_id;
  gboolean              resend;
  gint64                registration_id;

  GCancellable         *cancellable;
  gboolean              running;
  guint                 done;
  guint                 total;
  guint                 rate;
  MpTicketMailerResult  result;
  GError               *error;
};

G_DEFINE_FINAL_TYPE (MpTicketSending, mp_ticket_sending, G_TYPE_OBJECT)

enum {
  PROGRESS,
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the thread works on: its own, and nothing of the window's. */
typedef struct
{
  MpDatabase           *main_db;   /* until the worker's connection is open */
  gint64                event_id;
  MpTicketMailerOptions options;
  GMainContext         *context;   /* the window's, for the progress */
  MpTicketSending      *self;      /* only to post progress to @context */
  MpTicketMailerResult  result;
  guint                 rate;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->main_db);
  g_main_context_unref (job->context);
  mp_ticket_mailer_result_clear (&job->result);
  g_free (job);
}

typedef struct
{
  MpTicketSending *self;
  guint            done;
  guint            total;
  guint            rate;
  char            *name;
} Progress;

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->self);
  g_free (progress->name);
  g_free (progress);
}

static gboolean
progress_cb (gpointer data)
{
  Progress *progress = data;
  MpTicketSending *self = progress->self;

  if (self->running)
    {
      self->done = progress->done;
      self->total = progress->total;
      self->rate = progress->rate;
      g_signal_emit (self, signals[PROGRESS], 0, progress->name);
    }
  return G_SOURCE_REMOVE;
}

static void
post_progress (Job        *job,
               guint       done,
               guint       total,
               const char *name)
{
  Progress *progress = g_new0 (Progress, 1);

  progress->self = g_object_ref (job->self);
  progress->done = done;
  progress->total = total;
  progress->rate = job->rate;
  progress->name = g_strdup (name);
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, progress_cb, progress,
                              (GDestroyNotify) progress_free);
}

static void
mailer_progress_cb (guint       done,
                    guint       total,
                    const char *name,
                    gpointer    user_data)
{
  post_progress (user_data, done, total, name);
}

gboolean
mp_ticket_sending_check_account (const MpMailAccount  *account,
                                 GError              **error)
{
  if (account->server[0] == '\0' || account->from[0] == '\0')
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                           _("No mail account is set up on this computer. Set one up in Preferences (E-mail): the server, and the address tickets come from."));
      return FALSE;
    }
  return mp_mail_account_check (account, error);
}

void
mp_ticket_sending_set_no_password (const MpMailAccount  *account,
                                   GError              **error)
{
  g_set_error (error, MP_ERROR, MP_ERROR_NOT_FOUND,
               _("The keyring has no password for %s on %s. Type it in Preferences (E-mail)."),
               account->user, account->server);
}

MpMailAccount *
mp_ticket_sending_load_account (GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(MpMailAccount) account = mp_mail_account_load (NULL, error);
  g_autoptr(GError) local_error = NULL;

  if (account == NULL || !mp_ticket_sending_check_account (account, error))
    return NULL;

  /* No user name: a relay that takes mail without logging in. */
  if (account->user[0] == '\0')
    return g_steal_pointer (&account);

  account->password = mp_smtp_password_lookup_sync (account->server, account->user, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (account->password == NULL)
    {
      mp_ticket_sending_set_no_password (account, error);
      return NULL;
    }

  return g_steal_pointer (&account);
}

static void
send_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpMailAccount) account = NULL;
  g_autoptr(MpDatabase) db = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpEvent) event = NULL;

  account = mp_ticket_sending_load_account (cancellable, &error);
  if (account != NULL)
    {
      job->options.rate_per_minute = account->rate;
      job->rate = account->rate;
      db = mp_database_open_worker (job->main_db, MP_DATABASE_FLAGS_NONE, &error);
    }
  g_clear_object (&job->main_db);

  if (db != NULL)
    {
      store = mp_store_new (db);
      event = mp_store_get_event (store, job->event_id, &error);
    }
  if (event == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  post_progress (job, 0, 0, "");
  if (!mp_ticket_mailer_send (store, event, account, &job->options, cancellable,
                              mailer_progress_cb, job, &job->result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
send_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  MpTicketSending *self = MP_TICKET_SENDING (source);
  Job *job = g_task_get_task_data (G_TASK (result));

  g_clear_error (&self->error);
  g_task_propagate_boolean (G_TASK (result), &self->error);

  /* the result moves to self; the job keeps empty arrays */
  mp_ticket_mailer_result_clear (&self->result);
  self->result = job->result;
  mp_ticket_mailer_result_init (&job->result);
  self->rate = job->rate;
  self->total = self->result.total;
  self->done = self->result.total - self->result.left;
  self->running = FALSE;

  g_signal_emit (self, signals[FINISHED], 0);
}

void
mp_ticket_sending_start (MpTicketSending *self)
{
  g_autoptr(GTask) task = NULL;
  const char *retry_ms = g_getenv ("MP_MAIL_RETRY_BASE_MS");
  Job *job;

  g_return_if_fail (MP_IS_TICKET_SENDING (self));
  g_return_if_fail (!self->running);

  job = g_new0 (Job, 1);
  job->main_db = g_object_ref (mp_store_get_database (self->store));
  job->event_id = self->event_id;
  job->options.resend = self->resend;
  job->options.registration_id = self->registration_id;
  /* for tests, as for the command line */
  if (retry_ms != NULL)
    job->options.retry_base_ms = (guint) g_ascii_strtoull (retry_ms, NULL, 10);
  job->context = g_main_context_ref_thread_default ();
  job->self = self;
  mp_ticket_mailer_result_init (&job->result);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_error (&self->error);
  mp_ticket_mailer_result_clear (&self->result);
  mp_ticket_mailer_result_init (&self->result);
  self->running = TRUE;
  self->done = 0;
  self->total = 0;

  task = g_task_new (self, self->cancellable, send_done_cb, NULL);
  g_task_set_source_tag (task, mp_ticket_sending_start);
  /* a stopped sending still says what it did, in the mailer's words */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, send_thread);
}

void
mp_ticket_sending_cancel (MpTicketSending *self)
{
  g_return_if_fail (MP_IS_TICKET_SENDING (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
mp_ticket_sending_get_running (MpTicketSending *self)
{
  g_return_val_if_fail (MP_IS_TICKET_SENDING (self), FALSE);
  return self->running;
}

guint
mp_ticket_sending_get_done (MpTicketSending *self)
{
  g_return_val_if_fail (MP_IS_TICKET_SENDING (self), 0);
  return self->done;
}

guint
mp_ticket_sending_get_total (MpTicketSending *self)
{
  g_return_val_if_fail (MP_IS_TICKET_SENDING (self), 0);
  return self->total;
}

guint
mp_ticket_sending_get_rate (MpTicketSending *self)
{
  g_return_val_if_fail (MP_IS_TICKET_SENDING (self), 0);
  return self->rate;
}

const MpTicketMailerResult *
mp_ticket_sending_get_result (MpTicketSending *self)
{
  g_return_val_if_fail (MP_IS_TICKET_SENDING (self), NULL);
  return &self->result;
}

const GError *
mp_ticket_sending_get_error (MpTicketSending *self)
{
  g_return_val_if_fail (MP_IS_TICKET_SENDING (self), NULL);
  return self->error;
}

/* The test message */

static void
test_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *address = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpMailAccount) account = mp_ticket_sending_load_account (cancellable, &error);
  char *reply = NULL;

  if (account == NULL || !mp_ticket_mailer_send_test (account, address, &reply, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, reply != NULL ? reply : g_strdup (""), g_free);
}

void
mp_ticket_sending_test_async (const char          *address,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, mp_ticket_sending_test_async);
  g_task_set_task_data (task, g_strdup (address), g_free);
  g_task_run_in_thread (task, test_thread);
}

char *
mp_ticket_sending_test_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* GObject */

static void
mp_ticket_sending_dispose (GObject *object)
{
  MpTicketSending *self = MP_TICKET_SENDING (object);

  /* A sending is never left running unseen: the task holds a reference
   * until its thread returns. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mp_ticket_sending_parent_class)->dispose (object);
}

static void
mp_ticket_sending_finalize (GObject *object)
{
  MpTicketSending *self = MP_TICKET_SENDING (object);

  mp_ticket_mailer_result_clear (&self->result);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (mp_ticket_sending_parent_class)->finalize (object);
}

static void
mp_ticket_sending_class_init (MpTicketSendingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mp_ticket_sending_dispose;
  object_class->finalize = mp_ticket_sending_finalize;

  /* After each message (and once at the start): the name of the one
   * just handled; the counts are the object's. */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mp_ticket_sending_init (MpTicketSending *self)
{
  mp_ticket_mailer_result_init (&self->result);
}

MpTicketSending *
mp_ticket_sending_new (MpStore  *store,
                       gint64    event_id,
                       gboolean  resend,
                       gint64    registration_id)
{
  MpTicketSending *self;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  self = g_object_new (MP_TYPE_TICKET_SENDING, NULL);
  self->store = g_object_ref (store);
  self->event_id = event_id;
  self->resend = resend;
  self->registration_id = registration_id;
  return self;
}
