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

  /* 2 → 3: consents as acts with their time (issue 12). answered_at:
   * when the person gave the answer that gave the consent, if known.
   * not_granted: this row records a "yes" that did NOT give the consent
   * again after a withdrawal, and why ('answer-not-later': the answer
   * is not later than the withdrawal; 'answer-undated': it has no
   * time); such a row is never active: its withdrawn_at is set when it
   * is written, so every "withdrawn_at IS NULL" leaves it out. */
  "ALTER TABLE consent ADD COLUMN answered_at INTEGER;"
  "ALTER TABLE consent ADD COLUMN not_granted TEXT;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (mp_schema_migrations) == MP_SCHEMA_VERSION);
