#define G_LOG_DOMAIN "mp-event-mail"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-database-private.h"
#include "mp-error.h"
#include "mp-event-mail.h"
#include "mp-mail-template.h"
#include "mp-text.h"

MpEventMail *
mp_event_mail_new (void)
{
  MpEventMail *mail = g_new0 (MpEventMail, 1);

  mail->language = g_strdup ("nb");
  mail->from_name = g_strdup ("");
  mail->reply_to = g_strdup ("");
  mail->subject = g_strdup ("");
  mail->body = g_strdup ("");
  return mail;
}

void
mp_event_mail_free (MpEventMail *mail)
{
  if (mail == NULL)
    return;
  g_free (mail->language);
  g_free (mail->from_name);
  g_free (mail->reply_to);
  g_free (mail->subject);
  g_free (mail->body);
  g_free (mail);
}

MpEventMail *
mp_event_mail_get (MpStore  *store,
                   gint64    event_id,
                   GError  **error)
{
  MpDatabase *db = mp_store_get_database (store);
  g_autoptr(MpEventMail) mail = mp_event_mail_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _mp_database_prepare_cached (db,
                                      "SELECT e.language, m.from_name, m.reply_to, m.subject, m.body"
                                      " FROM event e LEFT JOIN event_mail m ON m.event_id = e.id"
                                      " WHERE e.id = ?",
                                      error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, event_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      char **fields[] = { &mail->language, &mail->from_name, &mail->reply_to, &mail->subject, &mail->body };

      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        {
          g_free (*fields[i]);
          *fields[i] = g_strdup (_mp_column_text (stmt, i));
        }
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_NOT_FOUND, _("There is no such event."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _mp_database_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&mail);
}

gboolean
mp_event_mail_set (MpStore            *store,
                   gint64              event_id,
                   const MpEventMail  *mail,
                   GError            **error)
{
  MpDatabase *db = mp_store_get_database (store);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (mail != NULL, FALSE);

  if (mp_mail_language_find (mail->language) == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("“%s” is not a language tickets can be sent in. Use nb, nn, en, uk or ar."),
                   mail->language);
      return FALSE;
    }
  if (mail->reply_to[0] != '\0' && !mp_text_email_is_valid (mail->reply_to))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("The reply address “%s” is not an e-mail address."), mail->reply_to);
      return FALSE;
    }
  if (strpbrk (mail->from_name, "\r\n") != NULL || strpbrk (mail->subject, "\r\n") != NULL)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                           _("The sender’s name and the subject must be one line each."));
      return FALSE;
    }
  if (!mp_mail_template_check (mail->subject, error) ||
      !mp_mail_template_check (mail->body, error))
    return FALSE;

  if (!_mp_database_begin (db, error))
    return FALSE;

  stmt = _mp_database_prepare_cached (db, "UPDATE event SET language = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, mail->language, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, event_id);
  if (!_mp_database_step_done (db, stmt, error))
    goto failed;
  if (sqlite3_changes (_mp_database_get_handle (db)) == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_NOT_FOUND, _("There is no such event."));
      goto failed;
    }

  stmt = _mp_database_prepare_cached (db,
                                      "INSERT INTO event_mail (event_id, from_name, reply_to, subject, body)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5)"
                                      " ON CONFLICT (event_id) DO UPDATE SET from_name = ?2, reply_to = ?3,"
                                      " subject = ?4, body = ?5",
                                      error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, event_id);
  _mp_bind_text_or_null (stmt, 2, mail->from_name);
  _mp_bind_text_or_null (stmt, 3, mail->reply_to);
  _mp_bind_text_or_null (stmt, 4, mail->subject);
  _mp_bind_text_or_null (stmt, 5, mail->body);
  if (!_mp_database_step_done (db, stmt, error) ||
      !_mp_database_commit (db, error))
    goto failed;

  return TRUE;

failed:
  _mp_database_rollback (db);
  return FALSE;
}
