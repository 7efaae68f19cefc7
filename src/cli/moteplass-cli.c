/* moteplass-cli: everything Møteplass does that needs no screen.
 *
 * Scripts, tests and benchmarks drive Møteplass through this. Every verb
 * takes --db FILE and --json; exit codes: 0 done, 1 failed (one line on
 * stderr says why), 2 usage. `checkin` also answers 3 (already checked
 * in) and 4 (not valid for this event).
 */
#define G_LOG_DOMAIN "moteplass-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp-cli.h"

typedef struct
{
  const char *name;
  const char *args;         /* shown in the usage line */
  const char *summary;
  int       (*run)        (int argc, char **argv);
} Verb;

static const Verb verbs[] = {
  { "event", N_("add|list|show …"), N_("Create, list and show events"), run_event },
  { "import", N_("EVENT_ID FILE.csv [--dry-run] [--strict] [--over-capacity]"), N_("Import registrations from a CSV file"), run_import },
  { "export", N_("EVENT_ID [--excel | --xlsx] [--consented] [-o FILE]"), N_("Export attendees as CSV or an Excel workbook"), run_export },
  { "register", N_("EVENT_ID --name N [--email E] [--organisation O] [--sector S] [--over-capacity]"), N_("Register one person"), run_register },
  { "tickets", N_("EVENT_ID -o FILE.pdf|FILE.png [--layout L] [--registration ID]"), N_("Render tickets or badges"), run_tickets },
  { "badge", N_("EVENT_ID REGISTRATION_ID [--printer NAME | --folder DIR] [--layout L]"), N_("Print one name badge without a dialog, or save it in a folder"), run_badge },
  { "printers", N_("[--json]"), N_("List the printers badges can be printed on"), run_printers },
  { "smtp", N_("set --server HOST --from ADDRESS […] | show | test ADDRESS"), N_("Set up, show or test the mail account tickets are sent from"), run_smtp },
  { "send-tickets", N_("EVENT_ID [--dry-run] [--registration ID] [--resend] [--rate N]"), N_("E-mail each registered attendee their ticket, once"), run_send_tickets },
  { "event-mail", N_("EVENT_ID [--language L] [--subject S] [--text T] …"), N_("Show or change an event’s e-mail text, language and sender"), run_event_mail },
  { "checkin", N_("EVENT_ID SCANNED_TEXT [--desk NAME] [--admit-anyway]"), N_("Check a ticket in"), run_checkin },
  { "search", N_("EVENT_ID QUERY"), N_("Find attendees by name, organisation or e-mail"), run_search },
  { "report", N_("EVENT_ID [--pdf F | --csv F [--excel] | --xlsx F]"), N_("Attendance by sector and organisation, arrival curve, answers"), run_report },
  { "report-period", N_("--from DATE --to DATE [--kind K]… [--pdf F | --csv F | --xlsx F]"), N_("Attendance over many events"), run_report_period },
  { "retention", N_("[--months N] [--dry-run]"), N_("Anonymise registrations of old events"), run_retention },
  { "backup", N_("DEST [--encrypt] [--passphrase-fd N]"), N_("Back up the database while it is in use, sealed with a passphrase if you like"), run_backup },
  { "restore", N_("BACKUP DEST [--force] [--passphrase-fd N]"), N_("Put a backup back, after checking it whole"), run_restore },
  { "erase-person", N_("PERSON_ID"), N_("Erase a person’s personal data"), run_erase_person },
  { "mailing", N_("[--event ID]… [--sector S] [--arrived] [--format csv|excel|vcard|bcc] [-o FILE]"), N_("The follow-up mailing list (only those who consented)"), run_mailing },
  { "consent", N_("withdraw PERSON_ID --kind followup|photo"), N_("Withdraw a consent"), run_consent },
  { "person", N_("export PERSON_ID [-o FILE]"), N_("Export everything stored about a person as JSON"), run_person },
  { "hub", N_("init|join|status|sync|run|leave [CONNECTION] …"), N_("Many desks, one truth: sync with a PostgreSQL hub"), run_hub },
  { "demo", N_("[--force | --remove]"), N_("Fill the database with a demo: three events with fictional attendees"), run_demo },
};


static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: moteplass-cli [--db FILE] [--json] VERB [ARGUMENTS…]"));
  fprintf (out, "%s\n\n", _("Møteplass registers attendees, prints QR tickets and checks people in."));
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    fprintf (out, "  %-13s %s\n  %-13s   %s\n", verbs[i].name, _(verbs[i].summary), "", _(verbs[i].args));
  fprintf (out, "\n%s\n", _("“moteplass-cli VERB --help” explains a verb. Exit status: 0 done, 1 failed, 2 usage; checkin: 3 already checked in, 4 not valid."));
}


int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *localedir = g_getenv ("MP_LOCALEDIR");
  const Verb *verb = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The verb is the first argument that is not an option (or the value
   * of --db); everything else goes to the verb's own option parser. */
  g_ptr_array_add (args, argv[0]);
  for (int i = 1; i < argc; i++)
    {
      if (verb == NULL && argv[i][0] != '-')
        {
          for (guint v = 0; v < G_N_ELEMENTS (verbs); v++)
            if (g_str_equal (argv[i], verbs[v].name))
              verb = &verbs[v];
          if (verb == NULL)
            {
              g_printerr ("moteplass-cli: %s\n", _("Unknown verb. “moteplass-cli --help” lists them."));
              g_printerr (_("(you wrote “%s”)\n"), argv[i]);
              return EXIT_USAGE;
            }
          continue;
        }
      if (verb == NULL && (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h")))
        {
          print_usage (stdout);
          return EXIT_OK;
        }
      if (verb == NULL && g_str_equal (argv[i], "--version"))
        {
          g_print ("moteplass-cli %s\n", PACKAGE_VERSION);
          return EXIT_OK;
        }
      g_ptr_array_add (args, argv[i]);
      if (verb == NULL && g_str_equal (argv[i], "--db") && i + 1 < argc)
        g_ptr_array_add (args, argv[++i]);
    }

  if (verb == NULL)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  g_ptr_array_add (args, NULL);
  {
    int status = verb->run (args->len - 1, (char **) args->pdata);

    g_clear_pointer (&cli_opt_db, g_free);
    return status;
  }
}
