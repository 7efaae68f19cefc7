/* mp-cli-backup.c: moteplass-cli backup [--encrypt], restore
 *
 * The passphrase of a sealed backup comes, in this order, from the
 * environment variable MOTEPLASS_PASSPHRASE, from the first line read
 * from --passphrase-fd N (for scripts: `3< file` or a pipe), or from the
 * terminal, asked with echo off (twice when sealing). It is never an
 * argument: those are visible to every user in the list of processes.
 */
#define G_LOG_DOMAIN "moteplass-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include "mp-backup.h"
#include "mp-cli.h"

#define MAX_PASSPHRASE_BYTES 1024

static gboolean opt_encrypt;
static gboolean opt_force;
static char *opt_passphrase_fd;

static void
passphrase_free (char *passphrase)
{
  if (passphrase != NULL)
    {
      sodium_memzero (passphrase, strlen (passphrase));
      g_free (passphrase);
    }
}

typedef char MpPassphrase;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpPassphrase, passphrase_free)

/* One line from @fd, without its line break; NULL at once on EOF. */
static char *
read_line (int       fd,
           GError  **error)
{
  char *line = g_malloc0 (MAX_PASSPHRASE_BYTES + 1);
  gsize len = 0;

  while (len < MAX_PASSPHRASE_BYTES)
    {
      char c;
      ssize_t n = read (fd, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int errsv = errno;

          passphrase_free (line);
          g_set_error (error, MP_ERROR, MP_ERROR_IO,
                       _("The passphrase could not be read: %s"), g_strerror (errsv));
          return NULL;
        }
      if (n == 0 || c == '\n')
        break;
      line[len++] = c;
    }

  if (len > 0 && line[len - 1] == '\r')
    line[--len] = '\0';
  return line;
}

/* Asks on the terminal itself (not standard input, which a script may
 * use), with echo off. */
static char *
ask_on_terminal (int          tty,
                 const char  *prompt,
                 GError     **error)
{
  struct termios saved, quiet;
  gboolean restore = FALSE;
  char *line;

  if (write (tty, prompt, strlen (prompt)) < 0)
    g_debug ("prompt: %s", g_strerror (errno));
  if (tcgetattr (tty, &saved) == 0)
    {
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      quiet.c_lflag |= ECHONL;
      restore = tcsetattr (tty, TCSAFLUSH, &quiet) == 0;
    }
  line = read_line (tty, error);
  if (restore)
    tcsetattr (tty, TCSAFLUSH, &saved);

  return line;
}

static char *
get_passphrase (gboolean   sealing,
                GError   **error)
{
  const char *from_env = g_getenv ("MOTEPLASS_PASSPHRASE");
  g_autoptr(MpPassphrase) first = NULL;
  g_autoptr(MpPassphrase) again = NULL;
  int tty;

  if (from_env != NULL)
    return g_strdup (from_env);

  if (opt_passphrase_fd != NULL)
    {
      guint fd;

      if (!cli_parse_number ("--passphrase-fd", opt_passphrase_fd, 0, G_MAXINT, &fd, error))
        return NULL;
      return read_line ((int) fd, error);
    }

  tty = open ("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
  if (tty < 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                           _("A passphrase is needed, and there is no terminal to ask on. Give it with --passphrase-fd N or in MOTEPLASS_PASSPHRASE."));
      return NULL;
    }

  first = ask_on_terminal (tty, _("Passphrase: "), error);
  if (first != NULL && sealing)
    {
      again = ask_on_terminal (tty, _("The same passphrase again: "), error);
      if (again != NULL && strcmp (first, again) != 0)
        {
          g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID,
                               _("The two passphrases differ. Nothing was written."));
          g_clear_pointer (&first, passphrase_free);
        }
      else if (again == NULL)
        g_clear_pointer (&first, passphrase_free);
    }
  close (tty);

  return g_steal_pointer (&first);
}

static const GOptionEntry backup_entries[] = {
  { "encrypt", 0, 0, G_OPTION_ARG_NONE, &opt_encrypt, N_("Seal the backup with a passphrase"), NULL },
  { "passphrase-fd", 0, 0, G_OPTION_ARG_STRING, &opt_passphrase_fd, N_("Read the passphrase from file descriptor N (for scripts)"), N_("N") },
  { NULL }
};

int
run_backup (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DEST"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpPassphrase) passphrase = NULL;
  MpDatabase *database;

  g_option_context_set_summary (context,
                                _("Copy the database to DEST while it is in use. DEST appears whole or not at all. "
                                  "With --encrypt, the copy is sealed with a passphrase (asked on the terminal, or "
                                  "read from --passphrase-fd N or MOTEPLASS_PASSPHRASE)."));
  if (!cli_parse_options (context, backup_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error (context, _("Where to? Give the backup file’s name."));

  if (opt_encrypt)
    {
      passphrase = get_passphrase (TRUE, &error);
      if (passphrase == NULL || !mp_backup_check_passphrase (passphrase, &error))
        return cli_fail (error);
    }

  store = cli_open_store (&error);
  if (store == NULL)
    return cli_fail (error);
  database = mp_store_get_database (store);

  if (opt_encrypt ? !mp_database_backup_sealed (database, argv[1], passphrase, NULL, &error)
                  : !mp_database_backup (database, argv[1], NULL, &error))
    return cli_fail (error);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_add_string (b, "backup", argv[1]);
      cli_json_add_boolean (b, "encrypted", opt_encrypt);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else if (opt_encrypt)
    g_print (_("Backed up to %s, sealed with the passphrase\n"), argv[1]);
  else
    g_print (_("Backed up to %s\n"), argv[1]);
  return EXIT_OK;
}

static const GOptionEntry restore_entries[] = {
  { "force", 0, 0, G_OPTION_ARG_NONE, &opt_force, N_("Replace DEST when it exists (never while a program has it open)"), NULL },
  { "passphrase-fd", 0, 0, G_OPTION_ARG_STRING, &opt_passphrase_fd, N_("Read the passphrase from file descriptor N (for scripts)"), N_("N") },
  { NULL }
};

int
run_restore (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("BACKUP DEST"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpPassphrase) passphrase = NULL;
  gboolean sealed;

  g_option_context_set_summary (context,
                                _("Put a backup back as the database DEST, after checking it whole: a sealed backup "
                                  "must open with its passphrase and be complete, and the database in it must pass "
                                  "SQLite’s integrity check. DEST appears whole or not at all."));
  if (!cli_parse_options (context, restore_entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 3)
    return cli_usage_error (context, _("Give the backup and the database file to restore it as."));

  sealed = mp_backup_is_sealed (argv[1], &error);
  if (error != NULL)
    return cli_fail (error);

  /* Before the passphrase is asked: no point typing it in vain. */
  if (!opt_force && g_file_test (argv[2], G_FILE_TEST_EXISTS))
    {
      g_printerr ("moteplass-cli: ");
      g_printerr (_("“%s” exists already and was not replaced. Give --force to replace it (when no desk has it open).\n"),
                  argv[2]);
      return EXIT_FAILED;
    }

  if (sealed && (passphrase = get_passphrase (FALSE, &error)) == NULL)
    return cli_fail (error);

  if (!mp_backup_restore (argv[1], argv[2], passphrase,
                          opt_force ? MP_RESTORE_FLAGS_FORCE : MP_RESTORE_FLAGS_NONE, &error))
    return cli_fail (error);

  if (cli_opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_add_string (b, "backup", argv[1]);
      cli_json_add_string (b, "restored", argv[2]);
      cli_json_add_boolean (b, "encrypted", sealed);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else
    g_print (_("Restored %s as %s\n"), argv[1], argv[2]);
  return EXIT_OK;
}
