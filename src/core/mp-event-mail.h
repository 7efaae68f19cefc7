/* mp-event-mail.h: an event's own e-mail settings
 *
 * The event's language (event.language) and, in event_mail, the From
 * name, Reply-To, subject and text its tickets are sent with. What is
 * not set falls back to the mail account (From name, Reply-To) or to
 * the ready-made template of the event's language (subject, text).
 */
#pragma once

#include <glib.h>

#include "mp-store.h"

G_BEGIN_DECLS

/* Owned strings, never NULL; "" means "not set: the fallback". */
typedef struct
{
  char *language;   /* "nb", "nn", "en", "uk", "ar" */
  char *from_name;
  char *reply_to;
  char *subject;
  char *body;
} MpEventMail;

MpEventMail *mp_event_mail_new   (void);
void         mp_event_mail_free  (MpEventMail *mail);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpEventMail, mp_event_mail_free)

/* MP_ERROR_NOT_FOUND for no such event. */
MpEventMail *mp_event_mail_get   (MpStore            *store,
                                  gint64              event_id,
                                  GError            **error);
/* Checks (language, Reply-To address, placeholders) and stores all of
 * @mail in one transaction; MP_ERROR_INVALID says what to fix. */
gboolean     mp_event_mail_set   (MpStore            *store,
                                  gint64              event_id,
                                  const MpEventMail  *mail,
                                  GError            **error);

G_END_DECLS
