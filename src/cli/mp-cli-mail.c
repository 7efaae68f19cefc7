/* mp-cli-mail.c: moteplass-cli smtp set | show | test, send-tickets, event-mail */
#define G_LOG_DOMAIN "moteplass-cli"

#include "config.h"

#include <glib-unix.h>
#include <unistd.h>

#include "mp-cli.h"
#include "mp-event-mail.h"
#include "mp-mail-composer.h"
#include "mp-mail-template.h"
#include "mp-mail-transport.h"
#include "mp-ticket-mailer.h"

/* The account of this computer, with the password from the
 * environment when it is there (else libcurl reads ~/.netrc). */
static MpMailAccount *
load_account (GError **error)
{
  MpMailAccount *account = mp_mail_account_load (NULL, error);
  const char *password = g_getenv ("MOTEPLASS_SMTP_PASSWORD");

  if (account != NULL && password != NULL && password[0] != '\0')
    account->password = g_strdup (password);
  return account;
}

/* Whether ~/.netrc names @host as a machine (libcurl does the rest). */
static gboolean
netrc_has_machine (const char *host)
{
  g_autofree char *path = g_build_filename (g_get_home_dir (), ".netrc", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) words = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  g_strdelimit (text, "\t\r\n", ' ');
  words = g_strsplit (text, " ", -1);
  for (guint i = 0; words[i] != NULL && words[i + 1] != NULL; i++)
    if (g_str_equal (words[i], "machine"))
      {
        /* the host's word may be followed by empty ones */
        guint j = i + 1;

        while (words[j] != NULL && words[j][0] == '\0')
          j++;
        if (words[j] != NULL && g_ascii_strcasecmp (words[j], host) == 0)
          return TRUE;
      }
  return FALSE;
}

/* smtp set */

static char *opt_server, *opt_security, *opt_from, *opt_from_name, *opt_reply_to, *opt_user, *opt_ca_file;
static int opt_port = -1;
static int opt_rate = -1;

static const GOptionEntry smtp_set_entries[] = {
  { "server", 0, 0, G_OPTION_ARG_STRING, &opt_server, N_("The mail server, e.g. smtp.office365.com"), N_("HOST") },
  { "port", 0, 0, G_OPTION_ARG_INT, &opt_port, N_("Its port (default: 587 for starttls, 465 for tls)"), N_("N") },
  { "security", 0, 0, G_OPTION_ARG_STRING, &opt_security, N_("starttls (default), tls, or none (only to this computer)"), N_("SECURITY") },
  { "from", 0, 0, G_OPTION_ARG_STRING, &opt_from, N_("The sender address tickets come from"), N_("ADDRESS") },
  { "from-name", 0, 0, G_OPTION_ARG_STRING, &opt_from_name, N_("The name shown with it (an event can have its own)"), N_("NAME") },
  { "reply-to", 0, 0, G_OPTION_ARG_STRING, &opt_reply_to, N_("Where answers go (an event can have its own)"), N_("ADDRESS") },
  { "user", 0, 0, G_OPTION_ARG_STRING, &opt_user, N_("The user name to log in with (empty: no login)"), N_("NAME") },
  { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_ca_file, N_("A PEM file of CA certificates, for a server with a private certificate"), N_("FILE") },
  { "rate", 0, 0, G_OPTION_ARG_INT, &opt_rate, N_("At most N messages a minute (default 30, as Microsoft 365 allows; 0: no limit)"), N_("N") },
  { NULL }
};

static void
replace (char       **field,
         const char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = g_strstrip (g_strdup (value));
}

static int
run_smtp_set (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpMailAccount) account = NULL;
  g_autofree char *path = mp_mail_account_dup_default_path ();

  g_option_context_set_summary (context,
                                _("Set up the mail account tickets are sent from, on this computer. Options not given keep their value. The password is never stored here: put it in MOTEPLASS_SMTP_PASSWORD or in ~/.netrc (“machine HOST login USER password …”)."));
  if (!cli_parse_options (context, smtp_set_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return cli_usage_error (context, _("“smtp set” takes no arguments besides its options."));

  account = mp_mail_account_load (NULL, &error);
  if (account == NULL)
    return cli_fail (error);

  if (opt_security != NULL)
    {
      MpMailSecurity security;

      if (!mp_mail_security_from_string (opt_security, &security))
        return cli_usage_error (context, _("The security is starttls, tls or none."));
      /* a port that was the old default follows the new one */
      if (account->port == mp_mail_security_default_port (account->security))
        account->port = 0;
      account->security = security;
    }
  if (opt_port != -1)
    {
      if (opt_port < 1 || opt_port > 65535)
        return cli_usage_error (context, _("The port must be a number from 1 to 65535 (587 for STARTTLS, 465 for TLS)."));
      account->port = opt_port;
    }
  if (opt_rate != -1)
    {
      if (opt_rate < 0 || opt_rate > 10000)
        return cli_usage_error (context, _("The rate is a number of messages a minute (0: no limit)."));
      account->rate = opt_rate;
    }
  replace (&account->server, opt_server);
  replace (&account->from, opt_from);
  replace (&account->from_name, opt_from_name);
  replace (&account->reply_to, opt_reply_to);
  replace (&account->user, opt_user);
  replace (&account->ca_file, opt_ca_file);
  if (opt_ca_file != NULL && opt_ca_file[0] != '\0' && !g_path_is_absolute (opt_ca_file))
    {
      g_autofree char *cwd = g_get_current_dir ();

      g_free (account->ca_file);
      account->ca_file = g_build_filename (cwd, opt_ca_file, NULL);
    }

  if (!mp_mail_account_check (account, &error))
    return cli_usage_error (NULL, error->message);
  if (!mp_mail_account_save (account, NULL, &error))
    return cli_fail (error);

  if (!cli_opt_json)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_print (_("The mail account was saved in %s.\n"), display);
    }
  return EXIT_OK;
}

/* smtp show */

static const char *
password_source (const MpMailAccount *account)
{
  if (account->password != NULL)
    return "environment";
  if (netrc_has_machine (account->server))
    return "netrc";
  return "none";
}

static int
run_smtp_show (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) check_error = NULL;
  g_autoptr(MpMailAccount) account = NULL;
  g_autofree char *path = mp_mail_account_dup_default_path ();
  g_autofree char *from = NULL;
  const char *password;

  g_option_context_set_summary (context, _("Show the mail account of this computer, and where its password comes from."));
  if (!cli_parse_options (context, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return cli_usage_error (context, _("“smtp show” takes no arguments."));

  account = load_account (&error);
  if (account == NULL)
    return cli_fail (error);
  password = password_source (account);
  mp_mail_account_check (account, &check_error);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_add_string (b, "server", account->server);
      cli_json_add_int (b, "port", mp_mail_account_get_port (account));
      cli_json_add_string (b, "security", mp_mail_security_to_string (account->security));
      cli_json_add_string (b, "user", account->user);
      cli_json_add_string (b, "from", account->from);
      cli_json_add_string (b, "from_name", account->from_name);
      cli_json_add_string (b, "reply_to", account->reply_to);
      cli_json_add_string (b, "ca_file", account->ca_file);
      cli_json_add_int (b, "rate", account->rate);
      cli_json_add_string (b, "password", password);
      cli_json_add_string (b, "file", path);
      if (check_error != NULL)
        cli_json_add_string (b, "problem", check_error->message);
      json_builder_end_object (b);
      cli_print_json (b);
      return EXIT_OK;
    }

  from = account->from[0] != '\0' ? mp_mail_format_mailbox (account->from_name, account->from) : g_strdup ("—");
  g_print ("%s %s, %s %u, %s\n", _("Server:"), account->server[0] != '\0' ? account->server : "—",
           _("port"), mp_mail_account_get_port (account), mp_mail_security_to_string (account->security));
  g_print ("%s %s\n", _("User:"), account->user[0] != '\0' ? account->user : _("(none: no login)"));
  g_print ("%s %s\n", _("From:"), from);
  g_print ("%s %s\n", _("Reply-To:"), account->reply_to[0] != '\0' ? account->reply_to : "—");
  if (account->rate > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Rate: at most %u message a minute\n", "Rate: at most %u messages a minute\n", account->rate), account->rate);
  else
    g_print ("%s\n", _("Rate: no limit"));
  g_print ("%s %s\n", _("CA file:"), account->ca_file[0] != '\0' ? account->ca_file : _("(the system’s certificates)"));
  if (g_str_equal (password, "environment"))
    g_print ("%s %s\n", _("Password:"), _("from MOTEPLASS_SMTP_PASSWORD"));
  else if (g_str_equal (password, "netrc"))
    g_print ("%s %s\n", _("Password:"), _("from ~/.netrc"));
  else
    g_print ("%s %s\n", _("Password:"), _("none found (set MOTEPLASS_SMTP_PASSWORD, or add “machine HOST login USER password …” to ~/.netrc)"));
  g_print ("%s %s\n", _("Settings:"), path);
  if (check_error != NULL)
    g_print ("%s\n", check_error->message);

  return EXIT_OK;
}

/* smtp test */

static int
run_smtp_test (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("ADDRESS"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpMailAccount) account = NULL;
  g_autofree char *reply = NULL;

  g_option_context_set_summary (context, _("Send a test message to ADDRESS through the mail account."));
  if (!cli_parse_options (context, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error (context, _("To whom? Give an e-mail address."));

  account = load_account (&error);
  if (account == NULL || !mp_ticket_mailer_send_test (account, argv[1], &reply, &error))
    return cli_fail (error);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_add_string (b, "sent_to", argv[1]);
      cli_json_add_string (b, "reply", reply);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else
    g_print (_("Test message sent to %s (the server answered: %s)\n"), argv[1], reply != NULL ? reply : "");
  return EXIT_OK;
}

int
run_smtp (int    argc,
          char **argv)
{
  static const char *names[] = { "set", "show", "test", NULL };
  static const char *with_values[] = {
    "--db", "--server", "--port", "--security", "--from", "--from-name", "--reply-to", "--user", "--ca-file", "--rate", NULL
  };
  const char *subverb = cli_take_subverb (&argc, &argv, names, with_values);

  if (g_strcmp0 (subverb, "set") == 0)
    return run_smtp_set (argc, argv);
  if (g_strcmp0 (subverb, "show") == 0)
    return run_smtp_show (argc, argv);
  if (g_strcmp0 (subverb, "test") == 0)
    return run_smtp_test (argc, argv);

  g_printerr ("moteplass-cli: %s\n", _("Use “smtp set …”, “smtp show” or “smtp test ADDRESS”."));
  return EXIT_USAGE;
}

/* send-tickets */

static gboolean opt_dry_run, opt_resend;
static char *opt_registration;

static const GOptionEntry send_entries[] = {
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, &opt_dry_run, N_("Tell who would get a ticket, send nothing (with --registration: show the message)"), NULL },
  { "registration", 0, 0, G_OPTION_ARG_STRING, &opt_registration, N_("Only this registration"), N_("ID") },
  { "resend", 0, 0, G_OPTION_ARG_NONE, &opt_resend, N_("Also to those who got their ticket already (on purpose)"), NULL },
  { "rate", 0, 0, G_OPTION_ARG_INT, &opt_rate, N_("At most N messages a minute (default: the account’s, 30 unless set; 0: no limit)"), N_("N") },
  { NULL }
};

static void
json_add_problems (JsonBuilder *b,
                   const char  *name,
                   GPtrArray   *problems)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < problems->len; i++)
    {
      MpTicketMailProblem *problem = g_ptr_array_index (problems, i);

      json_builder_begin_object (b);
      cli_json_add_int (b, "registration_id", problem->registration_id);
      cli_json_add_string (b, "name", problem->name);
      cli_json_add_string (b, "address", problem->address);
      cli_json_add_string (b, "reason", problem->reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
print_problems (GPtrArray  *problems,
                const char *heading)
{
  if (problems->len == 0)
    return;
  g_print ("%s\n", heading);
  for (guint i = 0; i < problems->len; i++)
    {
      MpTicketMailProblem *problem = g_ptr_array_index (problems, i);

      g_print ("  %" G_GINT64_FORMAT "  %s <%s>: %s\n", problem->registration_id,
               problem->name, problem->address, problem->reason);
    }
}

static void
print_entries (GPtrArray          *entries,
               MpTicketMailStatus  status,
               const char         *heading)
{
  gboolean first = TRUE;

  for (guint i = 0; i < entries->len; i++)
    {
      MpTicketMailEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *when = NULL;

      if (entry->status != status ||
          (status == MP_TICKET_MAIL_TO_SEND && entry->last_failure[0] == '\0'))
        continue;
      if (first)
        g_print ("%s\n", heading);
      first = FALSE;

      if (status == MP_TICKET_MAIL_TO_SEND)
        g_print ("  %" G_GINT64_FORMAT "  %s <%s>: %s\n", entry->registration_id,
                 entry->name, entry->address, entry->last_failure);
      else
        {
          when = mp_time_format_long (entry->sent_at);
          g_print ("  %" G_GINT64_FORMAT "  %s <%s>: %s, %s\n", entry->registration_id,
                   entry->name, entry->address, entry->sent_address, when);
        }
    }
}

static int
print_plan (MpStore             *store,
            MpEvent             *event,
            const MpMailAccount *account,
            gint64               registration_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  MpTicketMailCounts counts;

  entries = mp_ticket_mail_list_event (store, mp_event_get_id (event), &error);
  if (entries == NULL)
    return cli_fail (error);

  if (registration_id != 0)
    {
      for (guint i = entries->len; i > 0; i--)
        if (((MpTicketMailEntry *) g_ptr_array_index (entries, i - 1))->registration_id != registration_id)
          g_ptr_array_remove_index (entries, i - 1);
      if (entries->len == 0)
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, registration_id);

          g_printerr ("moteplass-cli: ");
          g_printerr (_("Registration %s is not one of this event’s.\n"), id);
          return EXIT_FAILED;
        }
    }
  mp_ticket_mail_count (entries, &counts);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_add_int (b, "event_id", mp_event_get_id (event));
      cli_json_add_int (b, "to_send", counts.to_send);
      cli_json_add_int (b, "sent", counts.sent);
      cli_json_add_int (b, "unconfirmed", counts.unconfirmed);
      cli_json_add_int (b, "address_changed", counts.address_changed);
      cli_json_add_int (b, "no_address", counts.no_address);
      cli_json_add_int (b, "not_admitted", counts.not_admitted);
      cli_json_add_int (b, "failed_before", counts.failed_before);
      json_builder_set_member_name (b, "registrations");
      json_builder_begin_array (b);
      for (guint i = 0; i < entries->len; i++)
        {
          MpTicketMailEntry *entry = g_ptr_array_index (entries, i);

          json_builder_begin_object (b);
          cli_json_add_int (b, "registration_id", entry->registration_id);
          cli_json_add_int (b, "person_id", entry->person_id);
          cli_json_add_string (b, "name", entry->name);
          cli_json_add_string (b, "address", entry->address);
          cli_json_add_string (b, "status", mp_ticket_mail_status_to_string (entry->status));
          if (entry->sent_at != 0)
            {
              g_autofree char *at = mp_time_format_iso (entry->sent_at);

              cli_json_add_string (b, "sent_address", entry->sent_address);
              cli_json_add_string (b, "sent_at", at);
              cli_json_add_string (b, "reply", entry->reply);
            }
          if (entry->last_failure[0] != '\0')
            cli_json_add_string (b, "last_failure", entry->last_failure);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      cli_print_json (b);
      return EXIT_OK;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u would get their ticket now.\n", "%u would get their ticket now.\n",
                        counts.to_send), counts.to_send);
  if (counts.sent > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u got it already.\n", "%u got it already.\n", counts.sent), counts.sent);
  if (counts.no_address > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u has no e-mail address.\n", "%u have no e-mail address.\n",
                          counts.no_address), counts.no_address);
  if (counts.not_admitted > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u is on the waiting list or cancelled (no ticket).\n",
                          "%u are on the waiting list or cancelled (no ticket).\n", counts.not_admitted),
             counts.not_admitted);
  print_entries (entries, MP_TICKET_MAIL_UNCONFIRMED,
                 _("May have got it (the connection ended before the server confirmed); sent again only with --registration ID --resend:"));
  print_entries (entries, MP_TICKET_MAIL_ADDRESS_CHANGED,
                 _("Got it at an address that has changed since; sent again only with --registration ID (or --resend):"));
  print_entries (entries, MP_TICKET_MAIL_TO_SEND, _("Tried before without success; will be tried again:"));

  if (registration_id != 0 && account != NULL && account->from[0] != '\0')
    {
      g_autoptr(MpEventMail) event_mail = mp_event_mail_get (store, mp_event_get_id (event), &error);
      g_autoptr(MpMailComposer) composer = NULL;
      g_autoptr(MpAttendee) attendee = NULL;
      g_autoptr(MpMailMessage) message = NULL;

      if (event_mail == NULL ||
          (composer = mp_mail_composer_new (event, event_mail, account, &error)) == NULL ||
          (attendee = mp_store_get_attendee (store, registration_id, &error)) == NULL ||
          (message = mp_mail_composer_compose (composer, attendee, mp_time_now (), &error)) == NULL)
        g_print ("%s\n", error->message);
      else
        {
          g_autofree char *text = g_strdup (message->text);

          g_strdelimit (text, "\r", ' ');
          g_print ("\n");
          for (guint i = 0; i < message->headers->len; i++)
            g_print ("%s\n", (const char *) g_ptr_array_index (message->headers, i));
          g_print ("%s %s\n\n%s\n", _("Subject as written:"), message->subject, text);
        }
    }

  return EXIT_OK;
}

/* The sending runs on a thread of its own, so that Ctrl+C (or SIGTERM)
 * can stop it between messages, or in one before its end has left. */
typedef struct
{
  MpStore               *store;
  MpEvent               *event;
  MpMailAccount         *account;
  MpTicketMailerOptions  options;
  GCancellable          *cancellable;
  MpTicketMailerResult   result;
  GError                *error;
  gboolean               ok;
  gboolean               show_progress;
  GMainLoop             *loop;
} Sending;

static void
on_progress (guint       done,
             guint       total,
             const char *name,
             gpointer    user_data)
{
  Sending *sending = user_data;

  if (sending->show_progress)
    g_printerr ("\r%u/%u", done, total);
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static gpointer
send_thread (gpointer user_data)
{
  Sending *sending = user_data;

  sending->ok = mp_ticket_mailer_send (sending->store, sending->event, sending->account,
                                       &sending->options, sending->cancellable,
                                       on_progress, sending, &sending->result, &sending->error);
  g_idle_add (quit_loop, sending->loop);
  return NULL;
}

static gboolean
on_stop_signal (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

static int
print_result (Sending *sending)
{
  MpTicketMailerResult *r = &sending->result;

  if (sending->show_progress && r->total > 0)
    g_printerr ("\n");

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_add_int (b, "event_id", mp_event_get_id (sending->event));
      cli_json_add_int (b, "queued", r->total);
      cli_json_add_int (b, "sent", r->sent);
      cli_json_add_int (b, "skipped", r->skipped);
      cli_json_add_int (b, "left", r->left);
      json_add_problems (b, "failed", r->failed);
      json_add_problems (b, "unconfirmed", r->unconfirmed);
      if (sending->error != NULL)
        cli_json_add_string (b, "error", sending->error->message);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else
    {
      if (r->total == 0 && sending->ok)
        g_print ("%s\n", _("Nobody is waiting for a ticket: everyone with an address got theirs."));
      else if (r->total > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "Sent %u of %u ticket.\n", "Sent %u of %u tickets.\n", r->total),
                 r->sent, r->total);
      print_problems (r->failed, _("Not sent:"));
      print_problems (r->unconfirmed,
                      _("May have arrived (the connection ended before the server confirmed); not sent again unless you do it on purpose with --registration ID --resend:"));
      if (r->skipped > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "%u changed while waiting (cancelled, erased or a new address) and was left for the next send.\n",
                              "%u changed while waiting (cancelled, erased or a new address) and were left for the next send.\n",
                              r->skipped), r->skipped);
    }

  if (sending->error != NULL)
    {
      g_printerr ("moteplass-cli: %s\n", sending->error->message);
      return EXIT_FAILED;
    }
  if (r->failed->len > 0 || r->unconfirmed->len > 0)
    {
      g_printerr ("moteplass-cli: ");
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%u ticket was not sent or not confirmed (listed above).\n",
                               "%u tickets were not sent or not confirmed (listed above).\n",
                               r->failed->len + r->unconfirmed->len),
                  r->failed->len + r->unconfirmed->len);
      return EXIT_FAILED;
    }
  return EXIT_OK;
}

int
run_send_tickets (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("EVENT_ID"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) account_error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpEvent) event = NULL;
  g_autoptr(MpMailAccount) account = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = NULL;
  GThread *thread;
  Sending sending = { 0 };
  gint64 registration_id = 0;
  guint sigint, sigterm;
  const char *retry_ms = g_getenv ("MP_MAIL_RETRY_BASE_MS");
  int status;

  g_option_context_set_summary (context,
                                _("E-mail every registered attendee with an address their ticket, once: those who got it already are left out. The message has the QR code, the ticket as a PDF and the event as a calendar file."));
  if (!cli_parse_options (context, send_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error (context, _("Which event? Give its id."));
  if (opt_registration != NULL && !cli_parse_id (opt_registration, &registration_id, &error))
    return cli_usage_error (context, error->message);
  if (opt_rate < -1 || opt_rate > 10000)
    return cli_usage_error (context, _("The rate is a number of messages a minute (0: no limit)."));

  store = cli_open_store (&error);
  if (store == NULL || (event = cli_event_from_args (store, argv[1], &error)) == NULL)
    return cli_fail (error);
  account = load_account (&error);
  if (account == NULL)
    return cli_fail (error);

  if (opt_dry_run)
    return print_plan (store, event, account, registration_id);

  sending.store = store;
  sending.event = event;
  sending.account = account;
  sending.cancellable = cancellable;
  sending.options.rate_per_minute = opt_rate >= 0 ? (guint) opt_rate : account->rate;
  sending.options.resend = opt_resend;
  sending.options.registration_id = registration_id;
  if (retry_ms != NULL)
    sending.options.retry_base_ms = (guint) g_ascii_strtoull (retry_ms, NULL, 10);
  sending.show_progress = !cli_opt_json && isatty (STDERR_FILENO);
  mp_ticket_mailer_result_init (&sending.result);

  loop = g_main_loop_new (NULL, FALSE);
  sending.loop = loop;
  sigint = g_unix_signal_add (SIGINT, on_stop_signal, cancellable);
  sigterm = g_unix_signal_add (SIGTERM, on_stop_signal, cancellable);
  thread = g_thread_new ("send-tickets", send_thread, &sending);
  g_main_loop_run (loop);
  g_thread_join (thread);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  status = print_result (&sending);
  mp_ticket_mailer_result_clear (&sending.result);
  g_clear_error (&sending.error);
  return status;
}

/* event-mail */

static char *opt_language, *opt_subject, *opt_text, *opt_text_file;
static gboolean opt_default_text;

static const GOptionEntry event_mail_entries[] = {
  { "language", 0, 0, G_OPTION_ARG_STRING, &opt_language, N_("The event’s language: nb, nn, en, uk or ar"), N_("LANG") },
  { "from-name", 0, 0, G_OPTION_ARG_STRING, &opt_from_name, N_("The sender’s name for this event (empty: the account’s)"), N_("NAME") },
  { "reply-to", 0, 0, G_OPTION_ARG_STRING, &opt_reply_to, N_("Where answers go for this event (empty: the account’s)"), N_("ADDRESS") },
  { "subject", 0, 0, G_OPTION_ARG_STRING, &opt_subject, N_("The subject, with {name} {event} {date} {time} {venue}"), N_("TEXT") },
  { "text", 0, 0, G_OPTION_ARG_STRING, &opt_text, N_("The message, with the same placeholders"), N_("TEXT") },
  { "text-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_text_file, N_("The message, from a UTF-8 file"), N_("FILE") },
  { "default", 0, 0, G_OPTION_ARG_NONE, &opt_default_text, N_("Use the ready-made subject and text of the event’s language"), NULL },
  { NULL }
};

int
run_event_mail (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("EVENT_ID"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpEvent) event = NULL;
  g_autoptr(MpEventMail) mail = NULL;
  g_autofree char *file_text = NULL;
  const MpMailLanguage *language;
  gboolean changed;

  g_option_context_set_summary (context,
                                _("Show or change an event’s e-mail: its language, sender name, reply address, subject and text. Placeholders: {name} {event} {date} {time} {venue}; a line whose placeholder is empty (no venue) is left out."));
  if (!cli_parse_options (context, event_mail_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error (context, _("Which event? Give its id."));
  if (opt_text != NULL && opt_text_file != NULL)
    return cli_usage_error (context, _("Give the text with --text or --text-file, not both."));
  if (opt_text_file != NULL)
    {
      if (!g_file_get_contents (opt_text_file, &file_text, NULL, &error))
        return cli_fail (error);
      if (!g_utf8_validate (file_text, -1, NULL))
        return cli_usage_error (context, _("The text file is not UTF-8."));
      opt_text = file_text;
    }

  store = cli_open_store (&error);
  if (store == NULL ||
      (event = cli_event_from_args (store, argv[1], &error)) == NULL ||
      (mail = mp_event_mail_get (store, mp_event_get_id (event), &error)) == NULL)
    return cli_fail (error);

  changed = opt_language != NULL || opt_from_name != NULL || opt_reply_to != NULL ||
            opt_subject != NULL || opt_text != NULL || opt_default_text;
  replace (&mail->language, opt_language);
  replace (&mail->from_name, opt_from_name);
  replace (&mail->reply_to, opt_reply_to);
  if (opt_default_text)
    {
      replace (&mail->subject, "");
      replace (&mail->body, "");
    }
  replace (&mail->subject, opt_subject);
  if (opt_text != NULL)
    {
      g_free (mail->body);
      mail->body = g_strdup (opt_text);
    }

  if (changed && !mp_event_mail_set (store, mp_event_get_id (event), mail, &error))
    return error->code == MP_ERROR_INVALID ? cli_usage_error (NULL, error->message) : cli_fail (error);

  language = mp_mail_language_find (mail->language);
  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_add_int (b, "event_id", mp_event_get_id (event));
      cli_json_add_string (b, "language", mail->language);
      cli_json_add_string (b, "from_name", mail->from_name);
      cli_json_add_string (b, "reply_to", mail->reply_to);
      cli_json_add_string (b, "subject", mail->subject[0] != '\0' ? mail->subject : language->subject);
      cli_json_add_string (b, "text", mail->body[0] != '\0' ? mail->body : language->body);
      json_builder_set_member_name (b, "ready_made");
      json_builder_add_boolean_value (b, mail->subject[0] == '\0' && mail->body[0] == '\0');
      json_builder_end_object (b);
      cli_print_json (b);
      return EXIT_OK;
    }

  g_print ("%s %s (%s)\n", _("Language:"), language->native_name, language->code);
  g_print ("%s %s\n", _("Sender’s name:"), mail->from_name[0] != '\0' ? mail->from_name : _("(the account’s)"));
  g_print ("%s %s\n", _("Reply-To:"), mail->reply_to[0] != '\0' ? mail->reply_to : _("(the account’s)"));
  g_print ("%s %s%s\n", _("Subject:"), mail->subject[0] != '\0' ? mail->subject : language->subject,
           mail->subject[0] != '\0' ? "" : _(" (ready-made)"));
  g_print ("%s%s\n%s\n", _("Text:"), mail->body[0] != '\0' ? "" : _(" (ready-made)"),
           mail->body[0] != '\0' ? mail->body : language->body);
  return EXIT_OK;
}
