/* mp-schema.h: the numbered migrations of the Møteplass database
 *
 * Migration N takes a database from version N-1 to N. They only ever go
 * forward and each runs inside the transaction that opens the file.
 * Never edit a migration that has been released: add the next one.
 */
#pragma once

static const char *const mp_schema_migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value"
  ") WITHOUT ROWID;"

  "CREATE TABLE sector ("
  "  id       INTEGER PRIMARY KEY,"
  "  name     TEXT NOT NULL UNIQUE,"
  "  position INTEGER NOT NULL"
  ");"

  "CREATE TABLE organisation ("
  "  id        INTEGER PRIMARY KEY,"
  "  name      TEXT NOT NULL,"
  "  fold_key  TEXT NOT NULL UNIQUE,"          /* mp_text_fold (name) */
  "  sector_id INTEGER REFERENCES sector (id) ON DELETE SET NULL"
  ");"

  "CREATE TABLE event ("
  "  id          INTEGER PRIMARY KEY,"
  "  uuid        TEXT NOT NULL UNIQUE,"
  "  title       TEXT NOT NULL CHECK (title <> ''),"
  "  kind        TEXT NOT NULL,"
  "  venue       TEXT NOT NULL DEFAULT '',"
  "  starts_at   INTEGER NOT NULL,"            /* UTC seconds */
  "  ends_at     INTEGER,"
  "  capacity    INTEGER CHECK (capacity IS NULL OR capacity >= 0),"
  "  description TEXT NOT NULL DEFAULT '',"
  "  questions   INTEGER NOT NULL DEFAULT 0,"
  "  created_at  INTEGER NOT NULL"
  ");"

  /* All personal data lives here and in registration answers and
   * consent, so that it can be exported or erased in one place. */
  "CREATE TABLE person ("
  "  id              INTEGER PRIMARY KEY,"
  "  uuid            TEXT NOT NULL,"           /* for merging desks later */
  "  name            TEXT NOT NULL,"
  "  email           TEXT,"
  "  email_key       TEXT,"                    /* lower-cased e-mail */
  "  phone           TEXT,"
  "  organisation_id INTEGER REFERENCES organisation (id) ON DELETE SET NULL,"
  "  sector_id       INTEGER REFERENCES sector (id) ON DELETE SET NULL,"
  "  name_key        TEXT NOT NULL,"           /* fold (name) | fold (org) */
  "  sort_key        BLOB NOT NULL,"           /* Norwegian order of name */
  "  created_at      INTEGER NOT NULL,"
  "  erased_at       INTEGER"
  ");"
  "CREATE UNIQUE INDEX person_email ON person (email_key) WHERE email_key IS NOT NULL;"
  "CREATE INDEX person_name ON person (name_key);"

  "CREATE TABLE registration ("
  "  id            INTEGER PRIMARY KEY,"
  "  uuid          TEXT NOT NULL,"
  "  event_id      INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,"
  "  person_id     INTEGER NOT NULL REFERENCES person (id),"
  "  token         TEXT NOT NULL,"
  "  status        TEXT NOT NULL DEFAULT 'registered'"
  /* OR, not IN (…): an IN list builds a temporary table on every insert */
  "                CHECK (status = 'registered' OR status = 'waitlisted' OR status = 'cancelled'),"
  "  source        TEXT NOT NULL"
  "                CHECK (source = 'import' OR source = 'kiosk' OR source = 'desk' OR source = 'manual'),"
  "  dietary       TEXT,"
  "  accessibility TEXT,"
  "  interpreter   TEXT,"
  "  created_at    INTEGER NOT NULL"
  ");"
  /* Named indexes, not column constraints: a large import drops and
   * rebuilds them (see mp-store.c), which is many times faster than
   * inserting into them row by row. */
  "CREATE UNIQUE INDEX registration_token ON registration (token);"
  "CREATE UNIQUE INDEX registration_event_person ON registration (event_id, person_id);"
  "CREATE INDEX registration_person ON registration (person_id);"

  /* Consents, with when and how they were given; withdrawn, not deleted. */
  "CREATE TABLE consent ("
  "  id              INTEGER PRIMARY KEY,"
  "  person_id       INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
  "  registration_id INTEGER REFERENCES registration (id) ON DELETE SET NULL,"
  "  kind            TEXT NOT NULL CHECK (kind = 'followup' OR kind = 'photo'),"
  "  given_at        INTEGER NOT NULL,"
  "  source          TEXT NOT NULL,"
  "  withdrawn_at    INTEGER"
  ");"
  "CREATE INDEX consent_person ON consent (person_id);"

  /* Append-only: an undo is a new row pointing at the check-in it undoes. */
  "CREATE TABLE checkin ("
  "  id              INTEGER PRIMARY KEY,"
  "  uuid            TEXT NOT NULL,"
  "  registration_id INTEGER NOT NULL REFERENCES registration (id) ON DELETE CASCADE,"
  "  desk            TEXT NOT NULL,"
  "  at              INTEGER NOT NULL,"         /* UTC seconds */
  "  undoes          INTEGER REFERENCES checkin (id) ON DELETE CASCADE"
  ");"
  "CREATE INDEX checkin_registration ON checkin (registration_id);"
  "CREATE UNIQUE INDEX checkin_undoes ON checkin (undoes) WHERE undoes IS NOT NULL;"

  "CREATE TABLE audit_log ("
  "  id       INTEGER PRIMARY KEY,"
  "  at       INTEGER NOT NULL,"
  "  action   TEXT NOT NULL,"                   /* check-in, undo, erase, import … */
  "  subject  TEXT,"                            /* a uuid, never a name */
  "  desk     TEXT,"
  "  detail   TEXT"
  ");"

  /* The in-memory search index of an event is rebuilt when this moves;
   * the store bumps it in every transaction that changes names. */
  "INSERT INTO meta (key, value) VALUES ('names_rev', 0);"

  "INSERT INTO sector (name, position) VALUES"
  " ('Kommune', 1), ('Fylkeskommune', 2), ('NAV', 3),"
  " ('Statlig virksomhet', 4), ('Frivillig organisasjon', 5),"
  " ('Innvandrerorganisasjon / innvandrerråd', 6), ('Frivilligsentral', 7),"
  " ('Næringsliv', 8), ('Utdanning og forskning', 9), ('Asylmottak', 10),"
  " ('Politikk (folkevalgt)', 11), ('Privatperson', 12), ('Annet', 13);",

  /* 1 → 2 */
  /* A registration's current check-in is looked for among the check-ins
   * that are not undos, newest first (counts, lists, the desk): this
   * answers that from the index alone. */
  "CREATE INDEX checkin_active ON checkin (registration_id, id) WHERE undoes IS NULL;",

  /* 2 → 3: tickets by e-mail (mp-mail-*.c) */
  /* The language the event's e-mail (and what else attendees read) is
   * written in. */
  "ALTER TABLE event ADD COLUMN language TEXT NOT NULL DEFAULT 'nb'"
  "  CHECK (language = 'nb' OR language = 'nn' OR language = 'en' OR language = 'uk' OR language = 'ar');"

  /* The event's own From name, Reply-To, subject and text; NULL: the
   * account's (From name, Reply-To) or the language's template. */
  "CREATE TABLE event_mail ("
  "  event_id  INTEGER PRIMARY KEY REFERENCES event (id) ON DELETE CASCADE,"
  "  from_name TEXT,"
  "  reply_to  TEXT,"
  "  subject   TEXT,"
  "  body      TEXT"
  ");"

  /* One row per message to send or sent (a resend is a new row), never
   * the message itself. See mp-mail-outbox.h for the states and why
   * nobody gets two copies. */
  "CREATE TABLE outbox ("
  "  id              INTEGER PRIMARY KEY,"
  "  registration_id INTEGER NOT NULL REFERENCES registration (id) ON DELETE CASCADE,"
  "  kind            TEXT NOT NULL CHECK (kind = 'ticket'),"
  "  state           TEXT NOT NULL"
  "                  CHECK (state = 'queued' OR state = 'sending' OR state = 'unconfirmed'"
  "                         OR state = 'sent' OR state = 'failed'),"
  "  address         TEXT,"                      /* NULL once the person is erased */
  "  message_id      TEXT,"                      /* of the last attempt */
  "  tries           INTEGER NOT NULL DEFAULT 0,"
  "  queued_at       INTEGER NOT NULL,"
  "  attempted_at    INTEGER,"
  "  done_at         INTEGER,"                   /* sent or failed */
  "  reply           TEXT,"                      /* the server's last answer */
  "  reason          TEXT"                       /* why it failed, in plain words */
  ");"
  "CREATE INDEX outbox_registration ON outbox (registration_id, kind);"
  "CREATE UNIQUE INDEX outbox_open ON outbox (registration_id, kind)"
  "  WHERE state = 'queued' OR state = 'sending';"

  /* Erasure and anonymisation take the address (and the server's words,
   * which may quote it) out of the outbox, whoever erases: the store,
   * retention, or anything later. A queued message to them is dropped. */
  "CREATE TRIGGER outbox_person_erased AFTER UPDATE OF erased_at ON person"
  "  WHEN NEW.erased_at IS NOT NULL"
  " BEGIN"
  "  DELETE FROM outbox WHERE state = 'queued'"
  "   AND registration_id IN (SELECT id FROM registration WHERE person_id = NEW.id);"
  "  UPDATE outbox SET address = NULL, reply = NULL, reason = NULL"
  "   WHERE registration_id IN (SELECT id FROM registration WHERE person_id = NEW.id);"
  " END;"
  "CREATE TRIGGER outbox_registration_anonymised AFTER UPDATE OF person_id ON registration"
  "  WHEN (SELECT erased_at FROM person WHERE id = NEW.person_id) IS NOT NULL"
  " BEGIN"
  "  DELETE FROM outbox WHERE state = 'queued' AND registration_id = NEW.id;"
  "  UPDATE outbox SET address = NULL, reply = NULL, reason = NULL"
  "   WHERE registration_id = NEW.id;"
  " END;",

  /* 3 → 4: the hub (mp-hub-*.c). A consent is replicated by a UUID of
   * its own, given by SQLite itself so that no write path can forget
   * it; the table is rebuilt because ALTER TABLE cannot add a column
   * with such a default. hub_change is the local change log the
   * triggers of a linked database append to (they are made by
   * `hub join` from the table description in mp-hub-tables.c, so an
   * unlinked database pays nothing); hub_state is the one row that
   * says which hub, how far, and whether a batch from the hub is being
   * applied (the triggers' WHEN reads it). */
  "CREATE TABLE consent_v3 ("
  "  id              INTEGER PRIMARY KEY,"
  "  uuid            TEXT NOT NULL DEFAULT (lower (hex (randomblob (4)) || '-' || hex (randomblob (2)) || '-4'"
  "                    || substr (hex (randomblob (2)), 2) || '-' || substr ('89ab', 1 + (abs (random ()) % 4), 1)"
  "                    || substr (hex (randomblob (2)), 2) || '-' || hex (randomblob (6)))),"
  "  person_id       INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
  "  registration_id INTEGER REFERENCES registration (id) ON DELETE SET NULL,"
  "  kind            TEXT NOT NULL CHECK (kind = 'followup' OR kind = 'photo'),"
  "  given_at        INTEGER NOT NULL,"
  "  source          TEXT NOT NULL,"
  "  withdrawn_at    INTEGER"
  ");"
  "INSERT INTO consent_v3 (id, person_id, registration_id, kind, given_at, source, withdrawn_at)"
  " SELECT id, person_id, registration_id, kind, given_at, source, withdrawn_at FROM consent;"
  "DROP TABLE consent;"
  "ALTER TABLE consent_v3 RENAME TO consent;"
  "CREATE INDEX consent_person ON consent (person_id);"

  "CREATE TABLE hub_change ("
  "  seq INTEGER PRIMARY KEY,"                  /* local order: never a clock */
  "  tbl TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  at  INTEGER NOT NULL"                      /* device time, ms: last writer wins */
  ");"
  /* no index on (tbl, key): each would be one more page written by
   * every check-in (a pull reads the few waiting rows into memory) */
  "CREATE TABLE hub_state ("
  "  id            INTEGER PRIMARY KEY CHECK (id = 1),"
  "  applying      INTEGER NOT NULL DEFAULT 0,"
  "  conninfo      TEXT,"                       /* as given, password included if it was */
  "  hub_id        TEXT,"                       /* the hub's own UUID */
  "  desk          TEXT,"                       /* this desk's name on the hub */
  "  desk_id       TEXT,"                       /* and its UUID, new at each join */
  "  events        TEXT,"                       /* event UUIDs this desk pulls, comma-separated; NULL: all */
  "  last_seen     INTEGER NOT NULL DEFAULT 0,"  /* the hub_seq pulled up to */
  "  last_sync_at  INTEGER,"
  "  online        INTEGER NOT NULL DEFAULT 0,"
  "  offline_since INTEGER,"
  "  skipped       INTEGER NOT NULL DEFAULT 0,"  /* rows from the hub that could not be applied */
  "  last_error    TEXT"
  ");"
  "INSERT INTO hub_state (id) VALUES (1);",

  /* 4 → 5: consents as acts with their time (issue 12). answered_at:
   * when the person gave the answer that gave the consent, if known.
   * not_granted: this row records a "yes" that did NOT give the consent
   * again after a withdrawal, and why ('answer-not-later': the answer
   * is not later than the withdrawal; 'answer-undated': it has no
   * time); such a row is never active: its withdrawn_at is set when it
   * is written, so every "withdrawn_at IS NULL" leaves it out. */
  "ALTER TABLE consent ADD COLUMN answered_at INTEGER;"
  "ALTER TABLE consent ADD COLUMN not_granted TEXT;",

  /* 5 → 6: what the database keeps right by itself, whoever writes (the
   * store, the hub's worker applying pulled rows, another desk, the CLI,
   * retention), and imports written in short transactions (engine).
   * Nothing here is replicated: every computer derives it. The hub's
   * capture triggers must not fire for these columns (they list the
   * replicated ones, mp-hub-tables.c); this migration's own updates are
   * not logged (applying). */
  "UPDATE hub_state SET applying = 1;"

  /* A large import is written in batches of short transactions (the
   * door is never kept waiting long). A batch is unfinished while its
   * row is here: its rows (registration, person, consent, organisation
   * .batch) are left out by every reader and by the counts, and its
   * changes are held back from the hub (hub_change.batch). Its last
   * short transaction deletes the row (and adds its counts); a failed,
   * stopped or killed one is removed row by row, then this row
   * (mp-import-batch.c; after a kill at the next open). */
  "CREATE TABLE import_batch ("
  "  id                 INTEGER PRIMARY KEY AUTOINCREMENT,"   /* never reused: hub_change keeps old ones */
  "  event_id           INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,"
  "  owner              TEXT NOT NULL,"          /* the process writing it: boot, pid, start time */
  "  started_at         INTEGER NOT NULL,"
  "  first_person       INTEGER NOT NULL,"       /* its rows have ids from these on */
  "  first_registration INTEGER NOT NULL,"
  "  first_consent      INTEGER NOT NULL,"
  "  first_organisation INTEGER NOT NULL,"
  "  registered         INTEGER NOT NULL DEFAULT 0,"   /* its registrations so far */
  "  waitlisted         INTEGER NOT NULL DEFAULT 0,"
  "  cancelled          INTEGER NOT NULL DEFAULT 0"
  ");"
  "ALTER TABLE registration ADD COLUMN batch INTEGER;"
  "ALTER TABLE person ADD COLUMN batch INTEGER;"
  "ALTER TABLE consent ADD COLUMN batch INTEGER;"
  "ALTER TABLE organisation ADD COLUMN batch INTEGER;"
  /* What a batch gave people known before (an address, a phone …): taken
   * back if the batch is rolled back. */
  "CREATE TABLE import_completed ("
  "  batch           INTEGER NOT NULL,"
  "  person_id       INTEGER NOT NULL,"
  "  email           TEXT,"
  "  phone           TEXT,"
  "  organisation_id INTEGER,"
  "  sector_id       INTEGER"
  ");"
  "CREATE INDEX import_completed_batch ON import_completed (batch);"
  /* the batch under way in this transaction (set and cleared inside it
   * by the importer), which the capture triggers copy into hub_change */
  "ALTER TABLE hub_state ADD COLUMN importing INTEGER;"
  "ALTER TABLE hub_change ADD COLUMN batch INTEGER;"

  /* People without an e-mail address are matched by name and
   * organisation; with one, only those without an address are: both are
   * one seek here however many namesakes there are. */
  "DROP INDEX person_name;"
  "CREATE INDEX person_name ON person (name_key, email_key);"

  /* A registration's current check-in, the one that counts: not an undo,
   * not undone; of two admitted while desks were apart (the hub), the
   * earliest by (at, uuid) (mp-admissions.h). Kept by the checkin_current
   * triggers below; every reader uses it. */
  "ALTER TABLE registration ADD COLUMN checkin_id INTEGER;"
  /* Nothing looks for standing check-ins across registrations any more;
   * the triggers look at one registration's few (checkin_registration),
   * and a check-in writes one index page less. */
  "DROP INDEX checkin_active;"
  "UPDATE registration SET checkin_id = ("
  "  SELECT c.id FROM checkin c WHERE c.registration_id = registration.id AND c.undoes IS NULL"
  "   AND NOT EXISTS (SELECT 1 FROM checkin u WHERE u.undoes = c.id) ORDER BY c.at, c.uuid LIMIT 1)"
  " WHERE id IN (SELECT registration_id FROM checkin);"

  /* An event's counts, kept by the registration_counts triggers: read
   * in one row, never counted again. Arrived: registrations with a
   * current check-in (whatever their status); a walk-in is one
   * registered at a desk or the kiosk (mp_registration_source_is_walk_in).
   * Registrations of unfinished import batches are left out. */
  "CREATE TABLE event_counts ("
  "  event_id   INTEGER PRIMARY KEY REFERENCES event (id) ON DELETE CASCADE,"
  "  registered INTEGER NOT NULL DEFAULT 0,"
  "  waitlisted INTEGER NOT NULL DEFAULT 0,"
  "  cancelled  INTEGER NOT NULL DEFAULT 0,"
  "  arrived    INTEGER NOT NULL DEFAULT 0,"
  "  walk_ins   INTEGER NOT NULL DEFAULT 0"
  ");"
  "INSERT INTO event_counts (event_id, registered, waitlisted, cancelled, arrived, walk_ins)"
  " SELECT e.id, count (r.id) FILTER (WHERE r.status = 'registered'),"
  "  count (r.id) FILTER (WHERE r.status = 'waitlisted'), count (r.id) FILTER (WHERE r.status = 'cancelled'),"
  "  count (r.checkin_id), count (r.checkin_id) FILTER (WHERE r.source = 'desk' OR r.source = 'kiosk')"
  " FROM event e LEFT JOIN registration r ON r.event_id = e.id GROUP BY e.id;"

  "CREATE TRIGGER event_counts_event AFTER INSERT ON event BEGIN"
  "  INSERT INTO event_counts (event_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;"
  " END;"

#define MP_SCHEMA_6_CURRENT_CHECKIN(reg) \
  "  UPDATE registration SET checkin_id = k.id FROM (SELECT (" \
  "    SELECT c.id FROM checkin c WHERE c.registration_id = " reg " AND c.undoes IS NULL" \
  "     AND NOT EXISTS (SELECT 1 FROM checkin u WHERE u.undoes = c.id) ORDER BY c.at, c.uuid LIMIT 1) AS id) AS k" \
  "   WHERE registration.id = " reg " AND registration.checkin_id IS NOT k.id;"
  "CREATE TRIGGER checkin_current_insert AFTER INSERT ON checkin BEGIN"
  MP_SCHEMA_6_CURRENT_CHECKIN ("NEW.registration_id")
  " END;"
  "CREATE TRIGGER checkin_current_delete AFTER DELETE ON checkin BEGIN"
  MP_SCHEMA_6_CURRENT_CHECKIN ("OLD.registration_id")
  " END;"
  "CREATE TRIGGER checkin_current_update AFTER UPDATE OF registration_id, at, uuid, undoes ON checkin BEGIN"
  MP_SCHEMA_6_CURRENT_CHECKIN ("OLD.registration_id")
  MP_SCHEMA_6_CURRENT_CHECKIN ("NEW.registration_id")
  " END;"

  /* What one registration adds to its event's counts, with a sign. */
#define MP_SCHEMA_6_COUNTS(row, sign) \
  " registered = registered " sign " (" row ".status = 'registered')," \
  " waitlisted = waitlisted " sign " (" row ".status = 'waitlisted')," \
  " cancelled = cancelled " sign " (" row ".status = 'cancelled')," \
  " arrived = arrived " sign " (" row ".checkin_id IS NOT NULL)," \
  " walk_ins = walk_ins " sign " (" row ".checkin_id IS NOT NULL" \
  "   AND (" row ".source = 'desk' OR " row ".source = 'kiosk'))"
/* (NOT EXISTS, not NOT IN: a trigger would build the IN list again
 * for every row) */
#define MP_SCHEMA_6_SETTLED(row) \
  " WHEN " row ".batch IS NULL OR NOT EXISTS (SELECT 1 FROM import_batch b WHERE b.id = " row ".batch)"
  "CREATE TRIGGER registration_counts_insert AFTER INSERT ON registration"
  MP_SCHEMA_6_SETTLED ("NEW") " BEGIN"
  "  UPDATE event_counts SET" MP_SCHEMA_6_COUNTS ("NEW", "+") " WHERE event_id = NEW.event_id;"
  " END;"
  "CREATE TRIGGER registration_counts_delete AFTER DELETE ON registration"
  MP_SCHEMA_6_SETTLED ("OLD") " BEGIN"
  "  UPDATE event_counts SET" MP_SCHEMA_6_COUNTS ("OLD", "-") " WHERE event_id = OLD.event_id;"
  " END;"
  "CREATE TRIGGER registration_counts_update AFTER UPDATE OF event_id, status, source, checkin_id ON registration"
  MP_SCHEMA_6_SETTLED ("NEW") " BEGIN"
  "  UPDATE event_counts SET"
  "   registered = registered + (event_id = NEW.event_id AND NEW.status = 'registered')"
  "                           - (event_id = OLD.event_id AND OLD.status = 'registered'),"
  "   waitlisted = waitlisted + (event_id = NEW.event_id AND NEW.status = 'waitlisted')"
  "                           - (event_id = OLD.event_id AND OLD.status = 'waitlisted'),"
  "   cancelled = cancelled + (event_id = NEW.event_id AND NEW.status = 'cancelled')"
  "                         - (event_id = OLD.event_id AND OLD.status = 'cancelled'),"
  "   arrived = arrived + (event_id = NEW.event_id AND NEW.checkin_id IS NOT NULL)"
  "                     - (event_id = OLD.event_id AND OLD.checkin_id IS NOT NULL),"
  "   walk_ins = walk_ins + (event_id = NEW.event_id AND NEW.checkin_id IS NOT NULL"
  "                          AND (NEW.source = 'desk' OR NEW.source = 'kiosk'))"
  "                       - (event_id = OLD.event_id AND OLD.checkin_id IS NOT NULL"
  "                          AND (OLD.source = 'desk' OR OLD.source = 'kiosk'))"
  "   WHERE event_id = OLD.event_id OR event_id = NEW.event_id;"
  " END;"
#undef MP_SCHEMA_6_CURRENT_CHECKIN
#undef MP_SCHEMA_6_COUNTS
#undef MP_SCHEMA_6_SETTLED

  "UPDATE hub_state SET applying = 0;",

  /* 6 → 7: at the door (issue 16). checkin.exception: this check-in let
   * in, on purpose and at a desk, a registration the door refuses, and
   * why: 'waitlisted' or 'cancelled' (its status then); NULL for an
   * ordinary one. For the counts it is a check-in like any other.
   * registration.note: the organiser's note for the door.
   * registration.status_at: when the status last changed (UTC seconds),
   * kept by the trigger whoever writes, so that the door can say when a
   * registration was cancelled; NULL when not known. */
  "ALTER TABLE checkin ADD COLUMN exception TEXT"
  "  CHECK (exception IS NULL OR exception = 'waitlisted' OR exception = 'cancelled');"
  "ALTER TABLE registration ADD COLUMN note TEXT;"
  "ALTER TABLE registration ADD COLUMN status_at INTEGER;"
  "CREATE TRIGGER registration_status_at AFTER UPDATE OF status ON registration"
  "  WHEN NEW.status IS NOT OLD.status"
  " BEGIN"
  "  UPDATE registration SET status_at = unixepoch () WHERE id = NEW.id;"
  " END;",

  /* 7 → 8: surname order (issue 17, office17a). A person's given and
   * family names, kept apart when the source has them or the name can
   * be split safely (mp-person-name.h); NULL when not known. The sort
   * key becomes the surname order's. Existing people are split by the
   * same rule, through SQL functions the database connection defines
   * (mp-database.c): mp_name_given, mp_name_family, mp_name_sort_key. */
  "ALTER TABLE person ADD COLUMN given_name TEXT;"
  "ALTER TABLE person ADD COLUMN family_name TEXT;"
  "UPDATE person SET given_name = mp_name_given (name), family_name = mp_name_family (name)"
  " WHERE erased_at IS NULL AND name <> '';"
  "UPDATE person SET sort_key = mp_name_sort_key (name, given_name, family_name)"
  " WHERE erased_at IS NULL AND name <> '';",

  /* 8 → 9: events in the office (issue 17, office17b). contact: who to
   * ask about the event. example: an example event of the demo or the
   * first start, with fictional attendees, removed together. Both
   * replicate (mp-hub-tables.c). */
  "ALTER TABLE event ADD COLUMN contact TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE event ADD COLUMN example INTEGER NOT NULL DEFAULT 0;",

  /* 9 → 10: the hub, registrations merged (mp-hub-merge.c). The same
   * person registered for the same event at two desks apart: the
   * earlier registration stays, and the key of the other names it from
   * then on (its check-ins and consents, from any desk, land on it). */
  "CREATE TABLE hub_alias ("
  "  tbl    TEXT NOT NULL,"
  "  key    TEXT NOT NULL,"                      /* the key that lost */
  "  target TEXT NOT NULL,"                      /* the key of the row that stays */
  "  PRIMARY KEY (tbl, key)"
  ") WITHOUT ROWID;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (mp_schema_migrations) == MP_SCHEMA_VERSION);
