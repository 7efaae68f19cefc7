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

  /* 5 → 6: the hub, registrations merged (mp-hub-merge.c). The same
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
