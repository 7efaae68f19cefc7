#define G_LOG_DOMAIN "mp-retention-prompt"

#include "config.h"

#include <glib/gi18n.h>

#include "mp-retention.h"
#include "mp-retention-prompt.h"
#include "mp-time.h"

static guint
retention_months (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  return g_settings_get_uint (settings, "retention-months");
}

static guint
count_due (MpStore    *store,
           guint       months,
           GPtrArray **out_due)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  guint n = 0;

  if (months == 0)
    return 0;

  due = mp_retention_list_due (store, months, mp_time_now (), &error);
  if (due == NULL)
    {
      g_debug ("Retention: %s", error->message);
      return 0;
    }
  for (guint i = 0; i < due->len; i++)
    n += ((MpRetentionDue *) g_ptr_array_index (due, i))->registrations;

  if (out_due != NULL)
    *out_due = g_steal_pointer (&due);
  return n;
}

guint
mp_retention_prompt_check (GtkWindow       *window,
                           AdwToastOverlay *overlay,
                           MpStore         *store)
{
  guint months = retention_months ();
  guint n = count_due (store, months, NULL);
  g_autofree char *text = NULL;
  AdwToast *toast;

  g_object_set_data (G_OBJECT (window), "mp-retention-due", GUINT_TO_POINTER (n));
  if (n == 0)
    return 0;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: a reminder; %u is a number of registrations, then of months */
                                       "%u registration holds personal data older than %u months",
                                       "%u registrations hold personal data older than %u months",
                                       n),
                          n, months);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("Anonymise Now…"));
  adw_toast_set_action_name (toast, "win.anonymise-old-data");
  /* a reminder that waits until it is dealt with or dismissed */
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (overlay, toast);

  return n;
}

typedef struct
{
  GtkWindow       *window;
  AdwToastOverlay *overlay;
  MpStore         *store;
  guint            months;
} Confirm;

static void
confirm_free (Confirm *c)
{
  g_clear_object (&c->window);
  g_clear_object (&c->overlay);
  g_clear_object (&c->store);
  g_free (c);
}

static void
confirm_closure_free (gpointer  data,
                      GClosure *closure)
{
  confirm_free (data);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  Confirm *c = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_registrations = 0, n_events = 0;

  if (g_strcmp0 (response, "anonymise") == 0)
    {
      if (!mp_retention_anonymise (c->store, c->months, mp_time_now (), &n_registrations, &n_events, &error))
        text = g_strdup (error->message);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Anonymised %u registration",
                                             "Anonymised %u registrations",
                                             n_registrations),
                                n_registrations);
      g_object_set_data (G_OBJECT (c->window), "mp-retention-due",
                         GUINT_TO_POINTER (count_due (c->store, c->months, NULL)));
      adw_toast_overlay_add_toast (c->overlay, adw_toast_new (text));
    }
}

void
mp_retention_prompt_run (GtkWindow       *window,
                         AdwToastOverlay *overlay,
                         MpStore         *store)
{
  guint months = retention_months ();
  g_autoptr(GPtrArray) due = NULL;
  guint n = count_due (store, months, &due);
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;
  Confirm *c;

  if (n == 0)
    {
      adw_toast_overlay_add_toast (overlay, adw_toast_new (_("No personal data is older than the time it is kept")));
      return;
    }

  g_string_append_printf (body,
                          g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: %u is a number of months */
                                       "Names, e-mail addresses, phone numbers, answers and consents of people registered for events that ended more than %u month ago are removed for good. The counts in reports stay the same.",
                                       "Names, e-mail addresses, phone numbers, answers and consents of people registered for events that ended more than %u months ago are removed for good. The counts in reports stay the same.",
                                       months),
                          months);
  g_string_append (body, "\n");
  for (guint i = 0; i < MIN (due->len, 8); i++)
    {
      const MpRetentionDue *d = g_ptr_array_index (due, i);
      g_autofree char *date = mp_time_format_date (d->ends_at);

      g_string_append_printf (body, "\n• %s (%s): ", d->title, date);
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u registration", "%u registrations", d->registrations),
                              d->registrations);
    }
  if (due->len > 8)
    g_string_append_printf (body, "\n• …");

  dialog = adw_message_dialog_new (window, _("Anonymise Old Registrations?"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "anonymise", _("_Anonymise"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "anonymise", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  c = g_new0 (Confirm, 1);
  c->window = g_object_ref (window);
  c->overlay = g_object_ref (overlay);
  c->store = g_object_ref (store);
  c->months = months;
  g_signal_connect_data (dialog, "response", G_CALLBACK (confirm_response_cb), c,
                         confirm_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
