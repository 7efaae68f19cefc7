#define G_LOG_DOMAIN "mp-mail-transport"

#include "config.h"

#include <curl/curl.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-mail-transport.h"

G_DEFINE_QUARK (mp-mail-error-quark, mp_mail_error)

/* The SMTP command a server's answer belongs to. */
typedef enum
{
  STAGE_CONNECT,
  STAGE_EHLO,
  STAGE_STARTTLS,
  STAGE_AUTH,
  STAGE_MAIL,
  STAGE_RCPT,
  STAGE_DATA,
} Stage;

struct _MpMailTransport
{
  GObject              parent_instance;

  CURL                *curl;
  MpMailAccount       *account;
  char                 error_buffer[CURL_ERROR_SIZE];

  /* one message at a time */
  Stage                stage;
  gboolean             quitting;       /* QUIT sent after an error: its answer is not kept */
  GString             *reply;          /* the answer to the last command before QUIT */
  gboolean             reply_continues;
  MpMailBeforeEndFunc  before_end;
  gpointer             before_end_data;
  gboolean             end_reached;    /* @before_end was called and said yes */
  GError              *before_end_error;
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (MpMailTransport, mp_mail_transport, G_TYPE_OBJECT)

static void
mp_mail_transport_finalize (GObject *object)
{
  MpMailTransport *self = (MpMailTransport *) object;

  /* sends QUIT on a connection still open */
  g_clear_pointer (&self->curl, curl_easy_cleanup);
  g_clear_pointer (&self->account, mp_mail_account_free);
  g_string_free (self->reply, TRUE);
  g_clear_error (&self->before_end_error);

  G_OBJECT_CLASS (mp_mail_transport_parent_class)->finalize (object);
}

static void
mp_mail_transport_class_init (MpMailTransportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_mail_transport_finalize;
}

static void
mp_mail_transport_init (MpMailTransport *self)
{
  self->reply = g_string_new (NULL);
}

static void
global_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&done, 1);
    }
}

const char *
mp_mail_transport_get_library_version (void)
{
  global_init ();
  return curl_version ();
}

/* libcurl shows us each command it sends and each line it reads: the
 * commands tell which one an error answers; the last answer is what
 * the outbox keeps. Credentials pass through here too (the line after
 * "AUTH PLAIN"): only a command's first word is ever looked at. */
static int
on_debug (CURL          *curl,
          curl_infotype  type,
          char          *data,
          size_t         size,
          void          *user_data)
{
  MpMailTransport *self = user_data;

  if (type == CURLINFO_HEADER_OUT)
    {
      static const struct { const char *verb; Stage stage; } verbs[] = {
        { "EHLO ", STAGE_EHLO }, { "HELO ", STAGE_EHLO }, { "STARTTLS", STAGE_STARTTLS },
        { "AUTH ", STAGE_AUTH }, { "MAIL ", STAGE_MAIL }, { "RCPT ", STAGE_RCPT },
        { "DATA", STAGE_DATA },
      };

      if (size >= 4 && g_ascii_strncasecmp (data, "QUIT", 4) == 0)
        self->quitting = TRUE;

      for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
        {
          gsize len = strlen (verbs[i].verb);

          if (size >= len && g_ascii_strncasecmp (data, verbs[i].verb, len) == 0)
            {
              self->stage = verbs[i].stage;
              break;
            }
        }
    }
  else if (type == CURLINFO_HEADER_IN && !self->quitting)
    {
      gsize len = size;

      while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r'))
        len--;
      /* a multi-line answer ("250-…" lines, then "250 …") is kept whole */
      if (self->reply_continues)
        g_string_append_c (self->reply, ' ');
      else
        g_string_truncate (self->reply, 0);
      g_string_append_len (self->reply, data, len);
      self->reply_continues = len > 3 && data[3] == '-';
    }

  return 0;
}

static int
on_progress (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  MpMailTransport *self = user_data;

  /* Once the end is on its way, stopping would only add doubt. */
  return !self->end_reached && g_cancellable_is_cancelled (self->cancellable);
}

MpMailTransport *
mp_mail_transport_new (const MpMailAccount  *account,
                       GError              **error)
{
  g_autoptr(MpMailTransport) self = NULL;
  g_autofree char *url = NULL;
  g_autofree char *from = NULL;
  CURL *curl;

  g_return_val_if_fail (account != NULL, NULL);

  if (!mp_mail_account_check (account, error))
    return NULL;

  global_init ();
  self = g_object_new (MP_TYPE_MAIL_TRANSPORT, NULL);
  self->account = mp_mail_account_copy (account);
  self->curl = curl = curl_easy_init ();
  if (curl == NULL)
    {
      g_set_error_literal (error, MP_MAIL_ERROR, MP_MAIL_ERROR_FAILED,
                           _("The mail library could not start."));
      return NULL;
    }

  url = mp_mail_account_dup_url (account);
  if (account->user[0] != '\0' && account->password == NULL)
    {
      /* libcurl 7.88 reads ~/.netrc only when CURLOPT_USERNAME is not
       * set; a user name in the URL is looked up there with its
       * password (the entry whose login matches). */
      g_autofree char *user = g_uri_escape_string (account->user, NULL, FALSE);
      const char *host = strstr (url, "://") + 3;
      char *with_user = g_strdup_printf ("%.*s%s@%s", (int) (host - url), url, user, host);

      g_free (url);
      url = with_user;
    }
  from = g_strdup_printf ("<%s>", account->from);
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt (curl, CURLOPT_MAIL_FROM, from);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, self->error_buffer);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);

  /* Encrypted or nothing; the certificate checked, always. */
  curl_easy_setopt (curl, CURLOPT_USE_SSL,
                    (long) (account->security == MP_MAIL_SECURITY_NONE ? CURLUSESSL_NONE : CURLUSESSL_ALL));
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (account->ca_file[0] != '\0')
    curl_easy_setopt (curl, CURLOPT_CAINFO, account->ca_file);

  if (account->password != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_USERNAME, account->user);
      curl_easy_setopt (curl, CURLOPT_PASSWORD, account->password);
    }
  else
    curl_easy_setopt (curl, CURLOPT_NETRC, (long) CURL_NETRC_OPTIONAL);

  /* A server that stops answering is given up on within a minute. */
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, 20L);
  curl_easy_setopt (curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, 60L);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_TIME, 60L);

  curl_easy_setopt (curl, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt (curl, CURLOPT_DEBUGFUNCTION, on_debug);
  curl_easy_setopt (curl, CURLOPT_DEBUGDATA, self);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, self);

  return g_steal_pointer (&self);
}

/* The last part of a message, read through a callback so that the end
 * of the message is known the moment it is about to leave. */
typedef struct
{
  MpMailTransport *transport;
  GBytes          *bytes;
  gsize            offset;
} LastPart;

static size_t
read_last_part (char   *buffer,
                size_t  size,
                size_t  nitems,
                void   *user_data)
{
  LastPart *part = user_data;
  MpMailTransport *self = part->transport;
  gsize len;
  const char *data = g_bytes_get_data (part->bytes, &len);
  gsize n = MIN (size * nitems, len - part->offset);

  /* The last bytes of the message are being handed over: libcurl has
   * not sent them yet, nor the closing boundary and the final "." that
   * follow. Record first that the message may now arrive. (A part of
   * known size is not asked again at its end, so this cannot wait for
   * a read that returns 0.) */
  if (part->offset + n == len && !self->end_reached)
    {
      if (self->before_end != NULL &&
          !self->before_end (self->before_end_data, &self->before_end_error))
        return CURL_READFUNC_ABORT;
      self->end_reached = TRUE;
    }

  memcpy (buffer, data + part->offset, n);
  part->offset += n;
  return n;
}

static int
seek_last_part (void       *user_data,
                curl_off_t  offset,
                int         origin)
{
  LastPart *part = user_data;

  if (origin != SEEK_SET || offset < 0 || (gsize) offset > g_bytes_get_size (part->bytes))
    return CURL_SEEKFUNC_CANTSEEK;
  part->offset = offset;
  return CURL_SEEKFUNC_OK;
}

static void
free_last_part (void *user_data)
{
  LastPart *part = user_data;

  g_bytes_unref (part->bytes);
  g_free (part);
}

static void
set_part_bytes (MpMailTransport *self,
                curl_mimepart   *part,
                GBytes          *bytes,
                gboolean         last)
{
  if (last)
    {
      LastPart *data = g_new0 (LastPart, 1);

      data->transport = self;
      data->bytes = g_bytes_ref (bytes);
      curl_mime_data_cb (part, g_bytes_get_size (bytes), read_last_part, seek_last_part,
                         free_last_part, data);
    }
  else
    {
      gsize len;
      const char *data = g_bytes_get_data (bytes, &len);

      curl_mime_data (part, data, len);
    }
}

static void
add_text_part (MpMailTransport *self,
               curl_mime       *mime,
               const char      *text,
               const char      *type,
               gboolean         last)
{
  curl_mimepart *part = curl_mime_addpart (mime);
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));

  set_part_bytes (self, part, bytes, last);
  curl_mime_type (part, type);
  curl_mime_encoder (part, "quoted-printable");
}

static void
add_file_part (MpMailTransport *self,
               curl_mime       *mime,
               GBytes          *bytes,
               const char      *type,
               const char      *name,
               gboolean         last)
{
  curl_mimepart *part = curl_mime_addpart (mime);

  set_part_bytes (self, part, bytes, last);
  curl_mime_type (part, type);
  curl_mime_filename (part, name);
  curl_mime_encoder (part, "base64");
}

/* See mp-mail-message.h for the structure. libcurl writes the
 * boundaries, Content-Type and Content-Transfer-Encoding headers and
 * the encodings. */
static curl_mime *
build_mime (MpMailTransport *self,
            MpMailMessage   *message)
{
  curl_mime *mime = curl_mime_init (self->curl);
  gboolean has_pdf = message->pdf != NULL;
  gboolean has_ics = message->ics != NULL;

  if (message->html != NULL && message->image != NULL)
    {
      curl_mime *alternative = curl_mime_init (self->curl);
      curl_mime *related = curl_mime_init (self->curl);
      struct curl_slist *image_headers = NULL;
      g_autofree char *content_id = g_strdup_printf ("Content-ID: <%s>", message->image_id);
      g_autofree char *disposition = g_strdup_printf ("Content-Disposition: inline; filename=\"%s\"",
                                                      message->image_name);
      curl_mimepart *part;

      add_text_part (self, alternative, message->text, "text/plain; charset=utf-8", FALSE);

      add_text_part (self, related, message->html, "text/html; charset=utf-8", FALSE);
      part = curl_mime_addpart (related);
      set_part_bytes (self, part, message->image, FALSE);
      curl_mime_type (part, "image/png");
      curl_mime_encoder (part, "base64");
      image_headers = curl_slist_append (image_headers, content_id);
      image_headers = curl_slist_append (image_headers, disposition);
      curl_mime_headers (part, image_headers, 1);

      part = curl_mime_addpart (alternative);
      curl_mime_subparts (part, related);
      curl_mime_type (part, "multipart/related; type=\"text/html\"");

      part = curl_mime_addpart (mime);
      curl_mime_subparts (part, alternative);
      curl_mime_type (part, "multipart/alternative");
    }
  else
    add_text_part (self, mime, message->text, "text/plain; charset=utf-8", !has_pdf && !has_ics);

  if (has_pdf)
    add_file_part (self, mime, message->pdf, "application/pdf", message->pdf_name, !has_ics);
  if (has_ics)
    add_file_part (self, mime, message->ics, "text/calendar; charset=utf-8; method=PUBLISH",
                   message->ics_name, TRUE);

  return mime;
}

static const char *
reply_or (MpMailTransport *self,
          const char      *fallback)
{
  return self->reply->len > 0 ? self->reply->str : fallback;
}

/* Failures that concern every message: nothing can be sent. */
static gboolean
set_stop_error (MpMailTransport  *self,
                CURLcode          rc,
                long              code,
                GError          **error)
{
  const MpMailAccount *account = self->account;
  const char *detail = self->error_buffer[0] != '\0' ? self->error_buffer : curl_easy_strerror (rc);
  guint port = mp_mail_account_get_port (account);

  switch (rc)
    {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
      g_set_error (error, MP_MAIL_ERROR, MP_MAIL_ERROR_CONNECT,
                   _("Could not connect to the mail server %s, port %u (%s). Check the server’s name and port, and that this computer is online. Nothing was sent."),
                   account->server, port, detail);
      return TRUE;

    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      g_set_error (error, MP_MAIL_ERROR, MP_MAIL_ERROR_TLS,
                   _("The certificate of the mail server %s could not be verified (%s). For a server with a private certificate, name its CA file with “smtp set --ca-file”. Nothing was sent."),
                   account->server, detail);
      return TRUE;

    case CURLE_USE_SSL_FAILED:
      g_set_error (error, MP_MAIL_ERROR, MP_MAIL_ERROR_TLS,
                   _("The mail server %s does not offer STARTTLS on port %u, so the connection cannot be encrypted. Check the port (587 for STARTTLS, 465 for TLS). Nothing was sent."),
                   account->server, port);
      return TRUE;

    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
      g_set_error (error, MP_MAIL_ERROR, MP_MAIL_ERROR_TLS,
                   _("The connection to the mail server %s could not be encrypted (%s). Check the security setting: starttls for port 587, tls for port 465. Nothing was sent."),
                   account->server, detail);
      return TRUE;

    case CURLE_LOGIN_DENIED:
    case CURLE_AUTH_ERROR:
      g_set_error (error, MP_MAIL_ERROR, MP_MAIL_ERROR_LOGIN,
                   _("The mail server did not accept the user name “%s” and its password (%s). Check the password (MOTEPLASS_SMTP_PASSWORD, ~/.netrc or the keyring); with Microsoft 365, SMTP AUTH must be turned on for the mailbox. Nothing was sent."),
                   account->user, reply_or (self, detail));
      return TRUE;

    default:
      break;
    }

  if (self->stage <= STAGE_AUTH)
    {
      /* the greeting or EHLO refused, the connection lost while setting up */
      if (code == 530 || code == 535 || code == 534 || code == 538)
        g_set_error (error, MP_MAIL_ERROR, MP_MAIL_ERROR_LOGIN,
                     _("The mail server wants a user name and password that it accepts (%s). Set the user with “smtp set --user NAME” and the password in MOTEPLASS_SMTP_PASSWORD or ~/.netrc. Nothing was sent."),
                     reply_or (self, detail));
      else
        g_set_error (error, MP_MAIL_ERROR, MP_MAIL_ERROR_CONNECT,
                     _("The mail server %s, port %u, did not let the connection begin (%s). Nothing was sent."),
                     account->server, port, reply_or (self, detail));
      return TRUE;
    }

  if (self->stage == STAGE_MAIL && code >= 500)
    {
      if (code == 530)
        g_set_error (error, MP_MAIL_ERROR, MP_MAIL_ERROR_LOGIN,
                     _("The mail server wants a user name and password (%s). Set the user with “smtp set --user NAME” and the password in MOTEPLASS_SMTP_PASSWORD or ~/.netrc. Nothing was sent."),
                     reply_or (self, detail));
      else
        g_set_error (error, MP_MAIL_ERROR, MP_MAIL_ERROR_SENDER,
                     _("The mail server refused to send from %s (%s). The account may not be allowed to send as this address. Nothing was sent."),
                     account->from, reply_or (self, detail));
      return TRUE;
    }

  return FALSE;
}

MpMailOutcome
mp_mail_transport_send (MpMailTransport      *self,
                        MpMailMessage        *message,
                        MpMailBeforeEndFunc   before_end,
                        gpointer              before_end_data,
                        GCancellable         *cancellable,
                        char                **out_reply,
                        char                **out_reason,
                        GError              **error)
{
  struct curl_slist *headers = NULL;
  struct curl_slist *recipients = NULL;
  g_autofree char *rcpt = NULL;
  curl_mime *mime;
  CURLcode rc;
  long code = 0;
  MpMailOutcome outcome;
  char *reason = NULL;

  g_return_val_if_fail (MP_IS_MAIL_TRANSPORT (self), MP_MAIL_OUTCOME_STOP);
  g_return_val_if_fail (message != NULL, MP_MAIL_OUTCOME_STOP);

  if (g_cancellable_is_cancelled (cancellable))
    return MP_MAIL_OUTCOME_CANCELLED;

  self->stage = STAGE_CONNECT;
  self->quitting = FALSE;
  self->reply_continues = FALSE;
  g_string_truncate (self->reply, 0);
  self->error_buffer[0] = '\0';
  self->before_end = before_end;
  self->before_end_data = before_end_data;
  self->end_reached = FALSE;
  g_clear_error (&self->before_end_error);
  self->cancellable = cancellable;

  for (guint i = 0; i < message->headers->len; i++)
    headers = curl_slist_append (headers, g_ptr_array_index (message->headers, i));
  rcpt = g_strdup_printf ("<%s>", message->to_address);
  recipients = curl_slist_append (NULL, rcpt);
  mime = build_mime (self, message);

  curl_easy_setopt (self->curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (self->curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt (self->curl, CURLOPT_MIMEPOST, mime);

  rc = curl_easy_perform (self->curl);
  curl_easy_getinfo (self->curl, CURLINFO_RESPONSE_CODE, &code);

  curl_easy_setopt (self->curl, CURLOPT_MIMEPOST, NULL);
  curl_easy_setopt (self->curl, CURLOPT_MAIL_RCPT, NULL);
  curl_easy_setopt (self->curl, CURLOPT_HTTPHEADER, NULL);
  curl_mime_free (mime);
  curl_slist_free_all (recipients);
  curl_slist_free_all (headers);
  self->cancellable = NULL;
  self->before_end = NULL;

  g_debug ("%s: curl %d, code %ld, stage %d, end %d, “%s”",
           message->to_address, rc, code, self->stage, self->end_reached, self->reply->str);

  if (rc == CURLE_OK)
    outcome = MP_MAIL_OUTCOME_SENT;
  else if (rc == CURLE_ABORTED_BY_CALLBACK && self->before_end_error != NULL)
    {
      /* the caller could not record the end: it did not go out */
      g_propagate_error (error, g_steal_pointer (&self->before_end_error));
      outcome = MP_MAIL_OUTCOME_STOP;
    }
  else if (rc == CURLE_ABORTED_BY_CALLBACK && !self->end_reached)
    outcome = MP_MAIL_OUTCOME_CANCELLED;
  else if (self->end_reached)
    {
      /* after the end: an answer is an answer, silence is doubt */
      if (self->stage == STAGE_DATA && code >= 500)
        {
          outcome = MP_MAIL_OUTCOME_REFUSED;
          reason = g_strdup_printf (_("The mail server refused the message: %s"), reply_or (self, ""));
        }
      else if (self->stage == STAGE_DATA && code >= 400 && code != 354)
        {
          outcome = MP_MAIL_OUTCOME_TRY_LATER;
          reason = g_strdup_printf (_("The mail server asked to try again later: %s"), reply_or (self, ""));
        }
      else
        {
          outcome = MP_MAIL_OUTCOME_UNCONFIRMED;
          reason = g_strdup_printf (_("The connection ended after the whole message was sent but before the server confirmed it (%s). It may have arrived."),
                                    self->error_buffer[0] != '\0' ? self->error_buffer : curl_easy_strerror (rc));
        }
    }
  else if (set_stop_error (self, rc, code, error))
    outcome = MP_MAIL_OUTCOME_STOP;
  else if ((self->stage == STAGE_RCPT || self->stage == STAGE_DATA) && code >= 500)
    {
      outcome = MP_MAIL_OUTCOME_REFUSED;
      reason = g_strdup_printf (self->stage == STAGE_RCPT
                                ? _("The mail server refused the address: %s")
                                : _("The mail server refused the message: %s"),
                                reply_or (self, ""));
    }
  else if (code >= 400 && code < 500)
    {
      outcome = MP_MAIL_OUTCOME_TRY_LATER;
      reason = g_strdup_printf (_("The mail server asked to try again later: %s"), reply_or (self, ""));
    }
  else
    {
      outcome = MP_MAIL_OUTCOME_TRY_LATER;
      reason = g_strdup_printf (_("The connection to the mail server was lost before the message was complete (%s)."),
                                self->error_buffer[0] != '\0' ? self->error_buffer : curl_easy_strerror (rc));
    }

  if (out_reply != NULL)
    *out_reply = self->reply->len > 0 ? g_strdup (self->reply->str) : NULL;
  if (out_reason != NULL)
    *out_reason = reason;
  else
    g_free (reason);

  return outcome;
}
