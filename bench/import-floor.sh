#!/usr/bin/env bash
# How fast could a Møteplass import ever be? The floor set by SQLite
# alone, for the rows our schema keeps, next to sqlite3's .import.
#
#   bench/import-floor.sh [BUILD_DIR] [ROWS] [RUNS]
#
# For the CSV that bench-import writes, times (best of RUNS, whole
# processes, wall clock):
#   sqlite3     sqlite3 .import --csv into a bare table (as bench-import);
#   floor       the sqlite3 program copying the rows a real import made
#               (organisations, people, registrations, consents) from
#               one database into a fresh Møteplass database, with what
#               every import keeps: WAL, synchronous=FULL, foreign keys
#               on, one transaction, the random-key indexes dropped and
#               rebuilt. No parsing, no checks, no merging, no tokens:
#               only SQLite storing the same rows;
#   lean        the same copy into the leanest schema that keeps what
#               DESIGN.md asks for (no key columns in the person row,
#               UUIDs as blobs, only the unique indexes): the floor of
#               any schema change;
#   moteplass   `moteplass-cli import` of the CSV (all of it).
# Prints lines like
#   import-floor rows=100000 sqlite3=0.30s floor=0.95s moteplass=1.30s floor/sqlite3=3.2
set -euo pipefail
build=$(realpath "${1:-build}")
n=${2:-100000}
runs=${3:-3}
cli=$build/src/cli/moteplass-cli
command -v sqlite3 >/dev/null || { echo "import-floor: sqlite3 is missing" >&2; exit 1; }

work=$(mktemp -d "${MP_BENCH_DIR:-/var/tmp}/moteplass-import-floor-XXXXXX")
trap 'rm -rf "$work"' EXIT

csv=$(MP_BENCH_DIR=$work "$build/bench/bench-import" --sizes "$n" --runs 1 --keep | sed -n 's/^file //p')
[ -f "$csv" ] || { echo "import-floor: no CSV from bench-import" >&2; exit 1; }

now () { date +%s%N; }
seconds () { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }
fresh () { rm -f "$1" "$1-wal" "$1-shm"; "$cli" --db "$1" event add --title Floor --kind seminar --starts 2026-03-08T09:00 >/dev/null; }
best () { sort -n | head -1; }

# The rows to copy: a real import of the file.
fresh "$work/source.db"
"$cli" --db "$work/source.db" import 1 "$csv" >/dev/null

# What every copy below starts with: the durability every import keeps,
# one transaction, the random-key indexes dropped (rebuilt after).
copy_start="PRAGMA synchronous = FULL;
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -65536;
PRAGMA temp_store = MEMORY;
ATTACH '$work/source.db' AS src;
BEGIN IMMEDIATE;
DROP INDEX person_email;
DROP INDEX person_name;
DROP INDEX registration_token;"

# The three side by side in each round, so that other work on the
# machine weighs on all of them alike; the best round of each counts.
for _ in $(seq 1 "$runs"); do
  rm -f "$work/bare.db"
  a=$(now); sqlite3 "$work/bare.db" ".import --csv $csv people"; b=$(now)
  echo "sqlite3 $(seconds "$a" "$b")"

  fresh "$work/floor.db"
  a=$(now)
  sqlite3 "$work/floor.db" <<EOF
$copy_start
INSERT INTO main.organisation SELECT * FROM src.organisation;
INSERT INTO main.person SELECT * FROM src.person;
INSERT INTO main.registration SELECT * FROM src.registration;
INSERT INTO main.consent SELECT * FROM src.consent;
CREATE UNIQUE INDEX person_email ON person (email_key) WHERE email_key IS NOT NULL;
CREATE INDEX person_name ON person (name_key);
CREATE UNIQUE INDEX registration_token ON registration (token);
COMMIT;
EOF
  b=$(now)
  echo "floor $(seconds "$a" "$b")"

  # The same rows in the leanest schema that still keeps what DESIGN.md
  # asks for: no search or sort keys in the person row (email_key,
  # name_key, sort_key), UUIDs as 16-byte blobs, no index by person on
  # registrations and consents; still WAL, full sync, foreign keys, one
  # transaction, and the unique indexes the merging and the door need.
  fresh "$work/lean.db"
  a=$(now)
  sqlite3 "$work/lean.db" <<EOF
$copy_start
DROP INDEX registration_person;
DROP INDEX consent_person;
ALTER TABLE person DROP COLUMN email_key;
ALTER TABLE person DROP COLUMN name_key;
ALTER TABLE person DROP COLUMN sort_key;
INSERT INTO main.organisation SELECT * FROM src.organisation;
INSERT INTO main.person SELECT id, randomblob (16), name, email, phone, organisation_id, sector_id, created_at, erased_at FROM src.person;
INSERT INTO main.registration SELECT id, randomblob (16), event_id, person_id, token, status, source, dietary, accessibility, interpreter, created_at FROM src.registration;
INSERT INTO main.consent SELECT * FROM src.consent;
CREATE UNIQUE INDEX person_email ON person (lower (email)) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX registration_token ON registration (token);
COMMIT;
EOF
  b=$(now)
  echo "lean $(seconds "$a" "$b")"

  fresh "$work/ours.db"
  a=$(now); "$cli" --db "$work/ours.db" import 1 "$csv" >/dev/null; b=$(now)
  echo "ours $(seconds "$a" "$b")"
done > "$work/times"
t_sqlite3=$(awk '$1 == "sqlite3" { print $2 }' "$work/times" | best)
t_floor=$(awk '$1 == "floor" { print $2 }' "$work/times" | best)
t_lean=$(awk '$1 == "lean" { print $2 }' "$work/times" | best)
t_ours=$(awk '$1 == "ours" { print $2 }' "$work/times" | best)

size=$(stat -c %s "$work/source.db")
echo "import-floor rows=$n db-bytes=$size csv-bytes=$(stat -c %s "$csv") sqlite3=${t_sqlite3}s floor=${t_floor}s lean=${t_lean}s moteplass=${t_ours}s" \
     "floor/sqlite3=$(awk -v a="$t_floor" -v b="$t_sqlite3" 'BEGIN { printf "%.2f", a / b }')" \
     "lean/sqlite3=$(awk -v a="$t_lean" -v b="$t_sqlite3" 'BEGIN { printf "%.2f", a / b }')" \
     "moteplass/sqlite3=$(awk -v a="$t_ours" -v b="$t_sqlite3" 'BEGIN { printf "%.2f", a / b }')"
