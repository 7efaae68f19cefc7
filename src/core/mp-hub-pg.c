/* mp-hub-pg.c: the hub's schema in PostgreSQL, and connecting to it
 *
 * The hub keeps every replicated row of every desk in one table,
 * moteplass.row: its table and key, the row as JSON (references by key,
 * see mp-hub-tables.c), whether it is deleted, the device time of its
 * last change (last writer wins), the desk it came from, and hub_seq.
 *
 * hub_seq is the order desks pull in ("everything after N"). It is given
 * inside each push transaction after pg_advisory_xact_lock, so pushes are
 * serialised and a number is never visible before a smaller one: a desk
 * that pulled up to 105 cannot miss 104 committing later. An update gets
 * a new number (trigger), so pulls see updates, not only inserts.
 *
 * The hub's rules, in its trigger, hold whatever a desk sends:
 * - a deleted row stays deleted (UUIDs are not reused);
 * - an erased person stays erased: a desk that was offline cannot bring
 *   the name back, whatever its clock says;
 * - a consent withdrawn stays withdrawn on that row (giving it again is
 *   a new act, a new row).
 */
#define G_LOG_DOMAIN "mp-hub"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mp-file.h"
#include "mp-hub-private.h"

/* Every version of the hub's schema, from the one before: forward only,
 * each in the transaction of `hub init`. */
static const char *const hub_migrations[] = {
  /* 0 → 1 */
  "CREATE SCHEMA IF NOT EXISTS moteplass;"
  "CREATE TABLE moteplass.hub ("
  "  id             int PRIMARY KEY CHECK (id = 1),"
  "  hub_id         uuid NOT NULL DEFAULT gen_random_uuid (),"
  "  schema_version int NOT NULL,"
  "  created_at     timestamptz NOT NULL DEFAULT now ()"
  ");"
  "INSERT INTO moteplass.hub (id, schema_version) VALUES (1, 0);"
  "CREATE SEQUENCE moteplass.hub_seq;"
  "CREATE TABLE moteplass.row ("
  "  tbl        text NOT NULL,"
  "  key        text NOT NULL,"
  "  hub_seq    bigint NOT NULL DEFAULT nextval ('moteplass.hub_seq'),"
  "  updated_at bigint NOT NULL,"                    /* device time, ms */
  "  origin     text NOT NULL,"                      /* the desk it came from (its id) */
  "  deleted    boolean NOT NULL DEFAULT false,"
  "  event_key  text,"                               /* the event it belongs to */
  "  data       jsonb,"
  "  PRIMARY KEY (tbl, key)"
  ");"
  "CREATE INDEX row_pull ON moteplass.row (tbl, hub_seq);"
  "CREATE INDEX row_seq ON moteplass.row (hub_seq);"
  "CREATE TABLE moteplass.desk ("
  "  id          text PRIMARY KEY,"
  "  name        text NOT NULL,"
  "  joined_at   timestamptz NOT NULL DEFAULT now (),"
  "  last_seen_at timestamptz NOT NULL DEFAULT now (),"
  "  pulled_to   bigint NOT NULL DEFAULT 0"
  ");"
  "CREATE FUNCTION moteplass.row_before_update () RETURNS trigger LANGUAGE plpgsql AS $$"
  "BEGIN"
  "  IF OLD.deleted THEN RETURN NULL; END IF;"
  "  IF OLD.tbl = 'person' AND NOT NEW.deleted AND OLD.data->>'erased_at' IS NOT NULL"
  "     AND NEW.data->>'erased_at' IS NULL THEN"
  "    RETURN NULL;"
  "  END IF;"
  "  IF OLD.tbl = 'consent' AND NOT NEW.deleted AND OLD.data->>'withdrawn_at' IS NOT NULL"
  "     AND NEW.data->>'withdrawn_at' IS NULL THEN"
  "    NEW.data := jsonb_set (NEW.data, '{withdrawn_at}', OLD.data->'withdrawn_at');"
  "  END IF;"
  "  NEW.hub_seq := nextval ('moteplass.hub_seq');"
  "  RETURN NEW;"
  "END $$;"
  "CREATE TRIGGER row_before_update BEFORE UPDATE ON moteplass.row"
  "  FOR EACH ROW EXECUTE FUNCTION moteplass.row_before_update ();",

  /* 1 → 2 (the window's hub, issue 14): a desk that pulls some events
   * only gets the people registered for them, and their organisations
   * (mp-hub-pull.c): the indexes that find them. An erased person's
   * registrations hold no answers and they have no consents, whichever
   * desk sends them, whenever: a desk offline at the erasure cannot
   * bring a dietary need back. */
  "CREATE INDEX row_registration_person ON moteplass.row ((data->>'person_id')) WHERE tbl = 'registration';"
  "CREATE INDEX row_person_organisation ON moteplass.row ((data->>'organisation_id')) WHERE tbl = 'person';"
  "CREATE FUNCTION moteplass.row_of_erased_person () RETURNS trigger LANGUAGE plpgsql AS $$"
  "BEGIN"
  "  IF NEW.deleted OR NEW.data IS NULL OR jsonb_typeof (NEW.data) <> 'object'"
  "     OR NEW.tbl NOT IN ('registration', 'consent')"
  "     OR NOT EXISTS (SELECT 1 FROM moteplass.row p WHERE p.tbl = 'person' AND p.key = NEW.data->>'person_id'"
  "                    AND p.data->>'erased_at' IS NOT NULL) THEN"
  "    RETURN NEW;"
  "  END IF;"
  "  IF NEW.tbl = 'registration' THEN"
  "    NEW.data := NEW.data || '{\"dietary\": null, \"accessibility\": null, \"interpreter\": null}'::jsonb;"
  "  ELSE"
  "    NEW.deleted := true;"
  "    NEW.data := 'null'::jsonb;"
  "  END IF;"
  "  RETURN NEW;"
  "END $$;"
  "CREATE TRIGGER row_of_erased_person BEFORE INSERT OR UPDATE ON moteplass.row"
  "  FOR EACH ROW EXECUTE FUNCTION moteplass.row_of_erased_person ();",
};

gboolean
_mp_hub_pg_error (PGconn     *conn,
                  PGresult   *result,
                  GError    **error)
{
  const char *message = NULL;
  const char *state = NULL;

  if (result != NULL)
    {
      message = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);
      state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
    }
  if (message == NULL)
    message = PQerrorMessage (conn);

  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *line = g_strchomp (g_strdup (message));

      g_set_error (error, MP_ERROR, MP_ERROR_NETWORK, _("The connection to the hub was lost: %s"), line);
    }
  else if (state != NULL && g_str_has_prefix (state, "42501"))
    g_set_error (error, MP_ERROR, MP_ERROR_FAILED,
                 _("The hub refused: this role may not do that (%s). See “Many desks: the hub” in the README for the rights a desk needs."),
                 message);
  else
    g_set_error (error, MP_ERROR, MP_ERROR_FAILED, _("The hub answered with an error: %s"), message);
  return FALSE;
}

gboolean
_mp_hub_pg_exec (PGconn      *conn,
                 const char  *sql,
                 GError     **error)
{
  PGresult *result = PQexec (conn, sql);
  gboolean ok = PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK;

  if (!ok)
    _mp_hub_pg_error (conn, result, error);
  PQclear (result);
  return ok;
}

/* @options as a keyword string: the password as stars (@password_as
 * "********"), or left out (@password_as NULL). */
static char *
options_to_keywords (PQconninfoOption *options,
                     const char       *password_as)
{
  GString *out = g_string_new (NULL);

  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      const char *value = o->val;

      if (value == NULL || *value == '\0')
        continue;
      if (g_str_equal (o->keyword, "password"))
        {
          if (password_as == NULL)
            continue;
          value = password_as;
        }
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s=", o->keyword);
      if (strpbrk (value, " '\\") != NULL)
        {
          g_string_append_c (out, '\'');
          for (const char *p = value; *p; p++)
            {
              if (*p == '\'' || *p == '\\')
                g_string_append_c (out, '\\');
              g_string_append_c (out, *p);
            }
          g_string_append_c (out, '\'');
        }
      else
        g_string_append (out, value);
    }
  return g_string_free (out, FALSE);
}

char *
mp_hub_conninfo_for_display (const char *conninfo)
{
  PQconninfoOption *options;
  char *out;

  if (conninfo == NULL)
    return g_strdup ("");
  options = PQconninfoParse (conninfo, NULL);
  if (options == NULL)
    return g_strdup (_("(a connection string that cannot be read)"));

  out = options_to_keywords (options, "********");
  PQconninfoFree (options);
  if (*out == '\0')
    {
      g_free (out);
      return g_strdup (_("(libpq defaults: PGHOST, PGSERVICE …)"));
    }
  return out;
}

gboolean
mp_hub_conninfo_split_password (const char  *conninfo,
                                char       **out_without,
                                char       **out_password,
                                GError     **error)
{
  char *parse_error = NULL;
  PQconninfoOption *options = PQconninfoParse (conninfo != NULL ? conninfo : "", &parse_error);

  if (options == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("The hub’s address cannot be read: %s"),
                   parse_error != NULL ? g_strchomp (parse_error) : "");
      PQfreemem (parse_error);
      return FALSE;
    }

  if (out_password != NULL)
    {
      *out_password = NULL;
      for (PQconninfoOption *o = options; o->keyword != NULL; o++)
        if (g_str_equal (o->keyword, "password") && o->val != NULL && *o->val != '\0')
          *out_password = g_strdup (o->val);
    }
  if (out_without != NULL)
    *out_without = options_to_keywords (options, NULL);
  PQconninfoFree (options);
  return TRUE;
}

char *
mp_hub_dup_password_file (const char *conninfo)
{
  PQconninfoOption *options = PQconninfoParse (conninfo != NULL ? conninfo : "", NULL);
  char *path = NULL;

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "passfile") && o->val != NULL && *o->val != '\0')
      path = g_strdup (o->val);
  if (options != NULL)
    PQconninfoFree (options);
  if (path == NULL && g_getenv ("PGPASSFILE") != NULL && *g_getenv ("PGPASSFILE") != '\0')
    path = g_strdup (g_getenv ("PGPASSFILE"));
  if (path == NULL)
    path = g_build_filename (g_get_home_dir (), ".pgpass", NULL);
  return path;
}

/* One field of a line of the password file: ':' and '\' escaped. */
static void
append_pgpass_field (GString    *line,
                     const char *value)
{
  for (const char *p = value; *p; p++)
    {
      if (*p == ':' || *p == '\\')
        g_string_append_c (line, '\\');
      g_string_append_c (line, *p);
    }
}

/* Whether @line is for @fields (host, port, database, user), exactly. */
static gboolean
pgpass_line_is_for (const char        *line,
                    const char *const *fields)
{
  const char *p = line;

  for (guint f = 0; f < 4; f++)
    {
      g_autoptr(GString) field = g_string_new (NULL);

      for (; *p && *p != ':'; p++)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          g_string_append_c (field, *p);
        }
      if (*p != ':' || !g_str_equal (field->str, fields[f]))
        return FALSE;
      p++;
    }
  return TRUE;
}

gboolean
_mp_hub_pg_remember_password (PGconn      *conn,
                              const char  *conninfo,
                              const char  *password,
                              GError     **error)
{
  g_autofree char *path = mp_hub_dup_password_file (conninfo);
  g_autofree char *old = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  const char *host = PQhost (conn);
  const char *fields[4];

  /* as libpq looks the password up: a socket in the default folder is
   * "localhost" */
  if (host == NULL || *host == '\0' || g_str_equal (host, "/var/run/postgresql") || g_str_equal (host, "/run/postgresql"))
    host = "localhost";
  fields[0] = host;
  fields[1] = PQport (conn) != NULL ? PQport (conn) : "5432";
  fields[2] = PQdb (conn) != NULL ? PQdb (conn) : "";
  fields[3] = PQuser (conn) != NULL ? PQuser (conn) : "";

  for (guint f = 0; f < 4; f++)
    {
      append_pgpass_field (line, fields[f]);
      g_string_append_c (line, ':');
    }
  append_pgpass_field (line, password);
  g_string_append_c (line, '\n');

  /* the lines for other servers stay; an older one for this one goes */
  if (g_file_get_contents (path, &old, NULL, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (old, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (*lines[i] == '\0' && lines[i + 1] == NULL)
            break;
          if (pgpass_line_is_for (lines[i], fields))
            continue;
          g_string_append (out, lines[i]);
          g_string_append_c (out, '\n');
        }
    }
  g_string_append (out, line->str);

  if (!mp_file_replace_contents (path, out->str, out->len, &local_error))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_IO,
                   _("The password could not be kept in %s: %s. Put it there yourself (see the README), and join without it."),
                   path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static void
quiet_notice (void       *arg,
              const char *message)
{
  g_debug ("hub: %s", message);
}

PGconn *
_mp_hub_pg_connect (const char  *conninfo,
                    GError     **error)
{
  /* Ours first: a value in @conninfo (the last keyword, expanded) wins. */
  static const char *const keywords[] = {
    "connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval",
    "keepalives_count", "tcp_user_timeout", "application_name", "dbname", NULL
  };
  const char *values[] = {
    "5", "1", "5", "2", "3", "10000", "moteplass", conninfo != NULL ? conninfo : "", NULL
  };
  char *parse_error = NULL;
  PQconninfoOption *check;
  PGconn *conn;

  /* A connection string libpq cannot read is the user's mistake, not
   * the network's: say so. */
  check = PQconninfoParse (conninfo != NULL ? conninfo : "", &parse_error);
  if (check == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID,
                   _("The hub’s address cannot be read: %s"),
                   parse_error != NULL ? g_strchomp (parse_error) : "");
      PQfreemem (parse_error);
      return NULL;
    }
  PQconninfoFree (check);

  conn = PQconnectdbParams (keywords, values, 1);
  if (conn == NULL || PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *shown = mp_hub_conninfo_for_display (conninfo);
      g_autofree char *message = g_strchomp (g_strdup (conn != NULL ? PQerrorMessage (conn) : "out of memory"));

      if (conn != NULL && PQconnectionNeedsPassword (conn))
        g_set_error (error, MP_ERROR, MP_ERROR_NETWORK,
                     _("The hub (%s) wants a password that was not given or is wrong. Put it in ~/.pgpass, or in the connection string. %s"),
                     shown, message);
      else if (conn != NULL && strstr (message, "password authentication failed") != NULL)
        g_set_error (error, MP_ERROR, MP_ERROR_NETWORK,
                     _("The hub (%s) refused the user name or password. %s"), shown, message);
      else
        g_set_error (error, MP_ERROR, MP_ERROR_NETWORK,
                     _("The hub (%s) cannot be reached: %s"), shown, message);
      PQfinish (conn);
      return NULL;
    }

  PQsetNoticeProcessor (conn, quiet_notice, NULL);
  return conn;
}

/* The hub's schema version, 0 when it has none; FALSE on error. */
static gboolean
query_version (PGconn      *conn,
               int         *out_version,
               char       **out_hub_id,
               GError     **error)
{
  PGresult *result;

  *out_version = 0;
  if (out_hub_id != NULL)
    *out_hub_id = NULL;

  result = PQexec (conn, "SELECT to_regclass ('moteplass.hub') IS NOT NULL");
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      _mp_hub_pg_error (conn, result, error);
      PQclear (result);
      return FALSE;
    }
  if (PQgetvalue (result, 0, 0)[0] != 't')
    {
      PQclear (result);
      return TRUE;
    }
  PQclear (result);

  result = PQexec (conn, "SELECT schema_version, hub_id FROM moteplass.hub WHERE id = 1");
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      _mp_hub_pg_error (conn, result, error);
      PQclear (result);
      return FALSE;
    }
  if (PQntuples (result) == 1)
    {
      *out_version = atoi (PQgetvalue (result, 0, 0));
      if (out_hub_id != NULL)
        *out_hub_id = g_strdup (PQgetvalue (result, 0, 1));
    }
  PQclear (result);
  return TRUE;
}

static gboolean
refuse_newer (int          version,
              GError     **error)
{
  g_set_error (error, MP_ERROR, MP_ERROR_TOO_NEW,
               _("The hub was set up by a newer Møteplass (hub schema %d; this one knows up to %d). Update Møteplass on this computer."),
               version, MP_HUB_SCHEMA_VERSION);
  return FALSE;
}

gboolean
_mp_hub_pg_check_schema (PGconn      *conn,
                         char       **out_hub_id,
                         GError     **error)
{
  int version = 0;

  if (!query_version (conn, &version, out_hub_id, error))
    return FALSE;
  if (version == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_NOT_FOUND,
                           _("This database is not a Møteplass hub yet. Set it up with “moteplass-cli hub init”."));
      return FALSE;
    }
  if (version > MP_HUB_SCHEMA_VERSION)
    return refuse_newer (version, error);
  if (version < MP_HUB_SCHEMA_VERSION)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_FAILED,
                   _("The hub has an older schema (%d). Upgrade it with “moteplass-cli hub init” (as the hub’s owner)."),
                   version);
      return FALSE;
    }
  return TRUE;
}

gboolean
mp_hub_init_schema (const char  *conninfo,
                    int         *out_from,
                    int         *out_to,
                    GError     **error)
{
  PGconn *conn;
  int version = 0;
  gboolean ok = FALSE;

  conn = _mp_hub_pg_connect (conninfo, error);
  if (conn == NULL)
    return FALSE;

  if (!_mp_hub_pg_exec (conn, "BEGIN; SELECT pg_advisory_xact_lock (7365)", error))
    goto out;
  if (!query_version (conn, &version, NULL, error))
    goto out;
  if (out_from != NULL)
    *out_from = version;
  if (version > MP_HUB_SCHEMA_VERSION)
    {
      refuse_newer (version, error);
      goto out;
    }
  for (int v = version; v < MP_HUB_SCHEMA_VERSION; v++)
    {
      g_autofree char *bump = g_strdup_printf ("UPDATE moteplass.hub SET schema_version = %d", v + 1);

      if (!_mp_hub_pg_exec (conn, hub_migrations[v], error) ||
          !_mp_hub_pg_exec (conn, bump, error))
        goto out;
    }
  if (!_mp_hub_pg_exec (conn, "COMMIT", error))
    goto out;
  if (out_to != NULL)
    *out_to = MP_HUB_SCHEMA_VERSION;
  ok = TRUE;

out:
  PQfinish (conn);
  return ok;
}

G_STATIC_ASSERT (G_N_ELEMENTS (hub_migrations) == MP_HUB_SCHEMA_VERSION);
