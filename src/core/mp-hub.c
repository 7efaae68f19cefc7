/* mp-hub.c: MpHub, the worker that keeps one database in sync
 *
 * One thread per desk with its own SQLite connection and its own libpq
 * connection; libpq is never called on the caller's thread. The thread
 * pushes when something was written here (it looks at the database's
 * data_version every LOOK_MS, or at once when nudged), pulls when the
 * hub's NOTIFY says another desk pushed, and after every (re)connect
 * does both, because notifications sent while it was away are lost.
 * It waits on the connection's socket with a timeout, and the connection
 * has TCP keepalives and a user timeout, so a dead network is noticed
 * within seconds; then it is offline, keeps counting what waits, and
 * tries again with a growing pause (at most RETRY_MAX_MS).
 *
 * The caller's main context hears only what changed (an idle source in
 * it, as g_main_context_invoke would add from another thread): the properties
 * (state, waiting, offline-since, last-sync) and "changes-arrived".
 */
#define G_LOG_DOMAIN "mp-hub"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <poll.h>
#include <unistd.h>

#include "mp-hub-private.h"
#include "mp-time.h"

#define LOOK_MS       50
#define RETRY_MIN_MS  250
#define RETRY_MAX_MS  4000
#define RECORD_US     (10 * G_USEC_PER_SEC)
#define PULL_GAP_US   (20 * 1000)

struct _MpHub
{
  GObject       parent_instance;

  MpDatabase   *database;       /* the caller's; the worker opens its own */
  GMainContext *context;
  GThread      *thread;
  int           wake[2];        /* a byte: look now (nudge, stop) */

  GMutex        lock;           /* guards what follows */
  gboolean      stopping;
  MpHubState    state;
  guint         waiting;
  gint64        offline_since;
  gint64        last_sync;
  char         *last_error;
  guint         arrived;        /* rows pulled since the main context last heard */
  gboolean      report_queued;

  /* as the main context last saw them */
  MpHubState    shown_state;
  guint         shown_waiting;
  gint64        shown_offline_since;
  gint64        shown_last_sync;
};

G_DEFINE_FINAL_TYPE (MpHub, mp_hub, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_WAITING,
  PROP_OFFLINE_SINCE,
  PROP_LAST_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGES_ARRIVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- main context side ---- */

static gboolean
report_in_main (gpointer data)
{
  MpHub *self = data;
  MpHubState state;
  guint waiting, arrived;
  gint64 offline_since, last_sync;

  g_mutex_lock (&self->lock);
  state = self->state;
  waiting = self->waiting;
  offline_since = self->offline_since;
  last_sync = self->last_sync;
  arrived = self->arrived;
  self->arrived = 0;
  self->report_queued = FALSE;
  g_mutex_unlock (&self->lock);

  g_object_freeze_notify (G_OBJECT (self));
  if (state != self->shown_state)
    {
      self->shown_state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (waiting != self->shown_waiting)
    {
      self->shown_waiting = waiting;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING]);
    }
  if (offline_since != self->shown_offline_since)
    {
      self->shown_offline_since = offline_since;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_SINCE]);
    }
  if (last_sync != self->shown_last_sync)
    {
      self->shown_last_sync = last_sync;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  if (arrived > 0)
    g_signal_emit (self, signals[CHANGES_ARRIVED], 0, arrived);

  return G_SOURCE_REMOVE;
}

/* Called with the lock held. */
static void
queue_report (MpHub *self)
{
  if (self->report_queued)
    return;
  self->report_queued = TRUE;
  /* always later, never inside the caller (who holds the lock) */
  {
    g_autoptr(GSource) source = g_idle_source_new ();

    g_source_set_priority (source, G_PRIORITY_DEFAULT);
    g_source_set_callback (source, report_in_main, g_object_ref (self), g_object_unref);
    g_source_set_static_name (source, "[mp-hub] report");
    g_source_attach (source, self->context);
  }
}

/* ---- worker side ---- */

static void
set_online (MpHub *self,
            guint  waiting,
            guint  arrived)
{
  g_mutex_lock (&self->lock);
  self->state = waiting > 0 ? MP_HUB_STATE_WAITING : MP_HUB_STATE_SYNCED;
  self->waiting = waiting;
  self->offline_since = 0;
  self->last_sync = mp_time_now ();
  self->arrived += arrived;
  g_clear_pointer (&self->last_error, g_free);
  if (self->state != self->shown_state || waiting != self->shown_waiting || arrived > 0 ||
      self->last_sync != self->shown_last_sync)
    queue_report (self);
  g_mutex_unlock (&self->lock);
}

static void
set_offline (MpHub      *self,
             guint       waiting,
             const char *why)
{
  g_mutex_lock (&self->lock);
  if (self->state != MP_HUB_STATE_OFFLINE || self->offline_since == 0)
    self->offline_since = mp_time_now ();
  self->state = MP_HUB_STATE_OFFLINE;
  self->waiting = waiting;
  if (why != NULL)
    {
      g_free (self->last_error);
      self->last_error = g_strdup (why);
    }
  queue_report (self);
  g_mutex_unlock (&self->lock);
}

static gboolean
is_stopping (MpHub *self)
{
  gboolean stopping;

  g_mutex_lock (&self->lock);
  stopping = self->stopping;
  g_mutex_unlock (&self->lock);
  return stopping;
}

static void
drain_wake (MpHub *self)
{
  char buf[64];

  while (read (self->wake[0], buf, sizeof buf) > 0)
    ;
}

/* The worker's own connection to the same file. Its commits need not
 * survive a power cut: what it writes comes again from the hub, or is
 * pushed again. */
static MpDatabase *
open_worker_database (MpDatabase  *main_db,
                      GError     **error)
{
  g_autoptr(MpDatabase) db = mp_database_open_worker (main_db, MP_DATABASE_FLAGS_NONE, error);

  if (db == NULL)
    return NULL;
  mp_database_set_busy_timeout (db, 10000);
  if (!_mp_database_exec (db, "PRAGMA synchronous = NORMAL", error))
    return NULL;
  return g_steal_pointer (&db);
}

/* Waits up to @timeout_ms for the hub's socket (@fd, or -1) or a wake.
 * Returns the poll flags of the socket. */
static short
wait_for (MpHub *self,
          int    fd,
          int    timeout_ms)
{
  struct pollfd fds[2] = {
    { self->wake[0], POLLIN, 0 },
    { fd, POLLIN, 0 },
  };
  int rc = poll (fds, fd >= 0 ? 2 : 1, timeout_ms);

  if (rc > 0 && (fds[0].revents & POLLIN))
    drain_wake (self);
  return rc > 0 && fd >= 0 ? fds[1].revents : 0;
}

/* Whether another desk pushed (a notification not from @desk_id). */
static gboolean
take_notifications (PGconn     *conn,
                    const char *desk_id)
{
  gboolean others = FALSE;
  PGnotify *notify;

  while ((notify = PQnotifies (conn)) != NULL)
    {
      if (g_strcmp0 (notify->extra, desk_id) != 0)
        others = TRUE;
      PQfreemem (notify);
    }
  return others;
}

static gpointer
worker (gpointer data)
{
  MpHub *self = data;
  g_autoptr(MpDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  int retry_ms = RETRY_MIN_MS;

  db = open_worker_database (self->database, &error);
  if (db == NULL)
    {
      set_offline (self, 0, error->message);
      g_warning ("The hub's worker cannot open the database: %s", error->message);
      return NULL;
    }

  while (!is_stopping (self))
    {
      g_autoptr(MpHubSession) session = NULL;
      gboolean need_push = TRUE, need_pull = TRUE;
      gint64 data_version = mp_database_get_data_version (db);
      gint64 waiting, recorded = 0, last_pull = 0;
      PGconn *conn;

      g_clear_error (&error);
      session = _mp_hub_session_open (db, TRUE, &error);
      if (session == NULL)
        {
          gint64 until = g_get_monotonic_time () + retry_ms * 1000;

          _mp_hub_record_state (db, FALSE, error->message);
          set_offline (self, _mp_hub_count_waiting (db), error->message);
          /* offline: keep counting what waits, and come back sooner
           * when nudged */
          while (!is_stopping (self) && g_get_monotonic_time () < until)
            {
              gint64 dv;

              wait_for (self, -1, LOOK_MS * 4);
              dv = mp_database_get_data_version (db);
              if (dv != data_version)
                {
                  data_version = dv;
                  set_offline (self, _mp_hub_count_waiting (db), NULL);
                }
            }
          retry_ms = MIN (retry_ms * 2, RETRY_MAX_MS);
          continue;
        }
      retry_ms = RETRY_MIN_MS;
      conn = _mp_hub_session_get_conn (session);

      while (!is_stopping (self))
        {
          guint pushed = 0, pulled = 0;
          gint64 now = g_get_monotonic_time ();
          gboolean do_pull = need_pull && now - last_pull >= PULL_GAP_US;
          int timeout_ms = LOOK_MS;
          short revents = 0;
          gint64 dv;

          if (need_push && !_mp_hub_session_push (session, &pushed, &error))
            break;
          if (do_pull)
            {
              if (!_mp_hub_session_pull (session, &pulled, &error))
                break;
              last_pull = g_get_monotonic_time ();
              need_pull = FALSE;
            }
          if (need_push || do_pull)
            {
              /* in the file for `hub status`: when it changes, and now
               * and then, not at every round (each is a write) */
              if (g_get_monotonic_time () - recorded > RECORD_US)
                {
                  _mp_hub_record_state (db, TRUE, NULL);
                  recorded = g_get_monotonic_time ();
                }
              set_online (self, _mp_hub_count_waiting (db), pulled);
            }
          need_push = FALSE;

          /* libpq may have read notifications already, while it waited
           * for the answers of the round: those first, then the socket.
           * Pulls come at most every PULL_GAP_US: under many desks, one
           * pull takes what several notifications announced. */
          if (take_notifications (conn, _mp_hub_session_get_desk_id (session)))
            need_pull = TRUE;
          if (need_pull)
            timeout_ms = MAX (0, (int) ((last_pull + PULL_GAP_US - g_get_monotonic_time ()) / 1000));
          if (timeout_ms > 0)
            revents = wait_for (self, PQsocket (conn), timeout_ms);
          if (revents & (POLLIN | POLLERR | POLLHUP))
            {
              if (!PQconsumeInput (conn) || PQstatus (conn) != CONNECTION_OK)
                {
                  _mp_hub_pg_error (conn, NULL, &error);
                  break;
                }
              if (take_notifications (conn, _mp_hub_session_get_desk_id (session)))
                need_pull = TRUE;
            }

          dv = mp_database_get_data_version (db);
          if (dv != data_version)
            {
              data_version = dv;
              waiting = _mp_hub_count_waiting (db);
              need_push = waiting > 0;
            }
        }

      if (error != NULL)
        {
          g_debug ("hub: %s", error->message);
          _mp_hub_record_state (db, FALSE, error->message);
          set_offline (self, _mp_hub_count_waiting (db), error->message);
        }
    }

  return NULL;
}

/* ---- the object ---- */

MpHub *
mp_hub_new (MpDatabase *database)
{
  MpHub *self;

  g_return_val_if_fail (MP_IS_DATABASE (database), NULL);

  self = g_object_new (MP_TYPE_HUB, NULL);
  self->database = g_object_ref (database);
  return self;
}

MpDatabase *
mp_hub_get_database (MpHub *self)
{
  g_return_val_if_fail (MP_IS_HUB (self), NULL);
  return self->database;
}

gboolean
mp_hub_is_running (MpHub *self)
{
  gboolean running;

  g_return_val_if_fail (MP_IS_HUB (self), FALSE);
  g_mutex_lock (&self->lock);
  running = self->thread != NULL;
  g_mutex_unlock (&self->lock);
  return running;
}

void
mp_hub_start (MpHub *self)
{
  g_return_if_fail (MP_IS_HUB (self));
  g_return_if_fail (self->thread == NULL);

  if (self->context == NULL)
    self->context = g_main_context_ref_thread_default ();
  g_mutex_lock (&self->lock);
  self->stopping = FALSE;
  self->state = MP_HUB_STATE_CONNECTING;
  queue_report (self);
  self->thread = g_thread_new ("mp-hub", worker, self);
  g_mutex_unlock (&self->lock);
}

void
mp_hub_nudge (MpHub *self)
{
  g_return_if_fail (MP_IS_HUB (self));

  if (write (self->wake[1], "n", 1) < 0 && errno != EAGAIN)
    g_debug ("hub: nudge lost");
}

static void
stop_worker (MpHub    *self,
             gboolean  report)
{
  GThread *thread;

  g_mutex_lock (&self->lock);
  thread = g_steal_pointer (&self->thread);
  self->stopping = TRUE;
  g_mutex_unlock (&self->lock);
  if (thread == NULL)
    return;
  mp_hub_nudge (self);
  g_thread_join (thread);

  /* Not syncing any more: what the main context shows says so. */
  g_mutex_lock (&self->lock);
  self->state = MP_HUB_STATE_NOT_LINKED;
  self->waiting = 0;
  self->offline_since = 0;
  g_clear_pointer (&self->last_error, g_free);
  if (report && self->context != NULL)
    queue_report (self);
  g_mutex_unlock (&self->lock);
}

void
mp_hub_stop (MpHub *self)
{
  g_return_if_fail (MP_IS_HUB (self));

  stop_worker (self, TRUE);
}

MpHubState
mp_hub_get_state (MpHub *self)
{
  g_return_val_if_fail (MP_IS_HUB (self), MP_HUB_STATE_NOT_LINKED);
  return self->shown_state;
}

guint
mp_hub_get_waiting (MpHub *self)
{
  g_return_val_if_fail (MP_IS_HUB (self), 0);
  return self->shown_waiting;
}

gint64
mp_hub_get_offline_since (MpHub *self)
{
  g_return_val_if_fail (MP_IS_HUB (self), 0);
  return self->shown_offline_since;
}

gint64
mp_hub_get_last_sync (MpHub *self)
{
  g_return_val_if_fail (MP_IS_HUB (self), 0);
  return self->shown_last_sync;
}

char *
mp_hub_dup_last_error (MpHub *self)
{
  char *copy;

  g_return_val_if_fail (MP_IS_HUB (self), NULL);
  g_mutex_lock (&self->lock);
  copy = g_strdup (self->last_error);
  g_mutex_unlock (&self->lock);
  return copy;
}

static void
mp_hub_dispose (GObject *object)
{
  MpHub *self = MP_HUB (object);

  stop_worker (self, FALSE);
  G_OBJECT_CLASS (mp_hub_parent_class)->dispose (object);
}

static void
mp_hub_finalize (GObject *object)
{
  MpHub *self = MP_HUB (object);

  close (self->wake[0]);
  close (self->wake[1]);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->database);
  g_free (self->last_error);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (mp_hub_parent_class)->finalize (object);
}

static void
mp_hub_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  MpHub *self = MP_HUB (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->shown_state);
      break;
    case PROP_WAITING:
      g_value_set_uint (value, self->shown_waiting);
      break;
    case PROP_OFFLINE_SINCE:
      g_value_set_int64 (value, self->shown_offline_since);
      break;
    case PROP_LAST_SYNC:
      g_value_set_int64 (value, self->shown_last_sync);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_hub_class_init (MpHubClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mp_hub_dispose;
  object_class->finalize = mp_hub_finalize;
  object_class->get_property = mp_hub_get_property;

  /* an MpHubState */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      MP_HUB_STATE_NOT_LINKED, MP_HUB_STATE_OFFLINE, MP_HUB_STATE_NOT_LINKED,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WAITING] =
    g_param_spec_uint ("waiting", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFLINE_SINCE] =
    g_param_spec_int64 ("offline-since", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNC] =
    g_param_spec_int64 ("last-sync", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Rows from other desks were applied here: reload what is shown. */
  signals[CHANGES_ARRIVED] =
    g_signal_new ("changes-arrived", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
mp_hub_init (MpHub *self)
{
  g_mutex_init (&self->lock);
  if (!g_unix_open_pipe (self->wake, FD_CLOEXEC, NULL) ||
      !g_unix_set_fd_nonblocking (self->wake[0], TRUE, NULL) ||
      !g_unix_set_fd_nonblocking (self->wake[1], TRUE, NULL))
    g_error ("no pipe for the hub's worker");
}
