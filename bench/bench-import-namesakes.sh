#!/usr/bin/env bash
# Does an import cost more when the database already holds many people?
#
#   bench/bench-import-namesakes.sh [BUILD_DIR] [ROWS] [PEOPLE] [RUNS]
#
# A file of ROWS registrations (default 10,000): most are new people,
# some are people the database knows (by e-mail, or by name and
# organisation without one), and a tenth are "Anonym Deltaker" at one
# volunteer centre, half of them with an address of their own. It is
# imported (moteplass-cli import, whole process, best of RUNS) into a new
# event of an empty database, and into one of PEOPLE people (default
# 1,000,000), each registered for an earlier event, of whom a fifth are
# kiosk walk-ins called "Anonym Deltaker" at that volunteer centre: the
# people built with SQL from a recursive CTE, the way the store keeps
# them (keys as the store makes them for plain ASCII names).
# Prints lines like
#   import-namesakes rows=10000 people=1000000 empty=0.21s full=0.45s full/empty=2.14
set -euo pipefail
build=$(realpath "${1:-build}")
rows=${2:-10000}
people=${3:-1000000}
runs=${4:-3}
cli=$build/src/cli/moteplass-cli
command -v sqlite3 >/dev/null || { echo "bench-import-namesakes: sqlite3 is missing" >&2; exit 1; }

work=$(mktemp -d "${MP_BENCH_DIR:-/var/tmp}/moteplass-namesakes-XXXXXX")
trap 'rm -rf "$work"' EXIT

# the file
awk -v n="$rows" -v people="$people" 'BEGIN {
  srand (13);
  print "Navn,E-post,Organisasjon";
  for (i = 1; i <= n; i++) {
    r = i % 20;
    k = 1 + int (rand () * people);
    if (k % 5 == 0) k++;                        # (a known person, not a walk-in)
    if (r == 0)      printf "Person %d,person.%d@example.no,Lag %d\n", k, k, k % 500;   # known, by e-mail
    else if (r == 1) printf "Person %d,,Lag %d\n", k, k % 500;                         # known, by name
    else if (r == 2) printf "Anonym Deltaker,anonym.%d@example.no,Frivilligsentralen Sentrum\n", i;
    else if (r == 3) printf "Anonym Deltaker,,Frivilligsentralen Sentrum\n";
    else             printf "Ny Person %d,ny.%d@example.no,Lag %d\n", i, i, i % 50;
  }
}' > "$work/rows.csv"

empty=$work/empty.db
"$cli" --db "$empty" event add --title "Vårmøtet" --kind seminar --starts 2026-03-08T09:00 >/dev/null
"$cli" --db "$empty" event add --title "Høstmøtet" --kind seminar --starts 2026-09-08T09:00 >/dev/null

# The full one: the same two events, and the people, made by SQLite.
full=$work/full.db
cp "$empty" "$full"
a=$(date +%s%N)
sqlite3 "$full" <<EOF
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -262144;
BEGIN;
INSERT INTO organisation (name, fold_key)
  SELECT 'Lag ' || value, 'lag ' || value FROM generate_series (0, 499);
INSERT INTO organisation (name, fold_key) VALUES ('Frivilligsentralen Sentrum', 'frivilligsentralen sentrum');
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $people)
INSERT INTO person (id, uuid, name, email, email_key, organisation_id, name_key, sort_key, created_at)
  SELECT i, lower (hex (randomblob (16))),
         CASE WHEN i % 5 = 0 THEN 'Anonym Deltaker' ELSE 'Person ' || i END,
         CASE WHEN i % 5 = 0 THEN NULL ELSE 'person.' || i || '@example.no' END,
         CASE WHEN i % 5 = 0 THEN NULL ELSE 'person.' || i || '@example.no' END,
         CASE WHEN i % 5 = 0 THEN (SELECT id FROM organisation WHERE fold_key = 'frivilligsentralen sentrum')
              ELSE (SELECT id FROM organisation WHERE fold_key = 'lag ' || (i % 500)) END,
         CASE WHEN i % 5 = 0 THEN 'anonym deltaker|frivilligsentralen sentrum'
              ELSE 'person ' || i || '|lag ' || (i % 500) END,
         x'00', 1700000000
  FROM n;
INSERT INTO registration (uuid, event_id, person_id, token, status, source, created_at)
  SELECT lower (hex (randomblob (16))), 1, id, lower (hex (randomblob (16))), 'registered',
         CASE WHEN id % 5 = 0 THEN 'kiosk' ELSE 'import' END, 1700000000
  FROM person;
COMMIT;
EOF
sqlite3 "$full" "PRAGMA wal_checkpoint (TRUNCATE)" >/dev/null
b=$(date +%s%N)
echo "# built $(sqlite3 "$full" "SELECT count (*) FROM person") people in $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f", (b - a) / 1e9 }') s ($(du -m "$full" | cut -f1) MB)"

# best IMPORT of RUNS: DB copied fresh each time (not timed)
best_of () {
  local db=$1 best=999999 t
  for _ in $(seq 1 "$runs"); do
    rm -f "$work/run.db" "$work/run.db-wal" "$work/run.db-shm"
    cp "$db" "$work/run.db"
    sync "$work/run.db"             # the copy on disk: its write-back is not the import's
    cat "$work/run.db" >/dev/null   # in the page cache, as a database in use is
    /usr/bin/time -f "%e" -o "$work/t" "$cli" --db "$work/run.db" import 2 "$work/rows.csv" >"$work/out"
    t=$(cat "$work/t")
    if awk "BEGIN { exit !($t < $best) }"; then best=$t; cp "$work/out" "$work/best-out"; fi
  done
  echo "$best"
}
t_empty=$(best_of "$empty")
echo "# into the empty one: $(grep "new registration" "$work/best-out")"
t_full=$(best_of "$full")
echo "# into the full one: $(grep "new registration" "$work/best-out")"
echo "import-namesakes rows=$rows people=$people empty=${t_empty}s full=${t_full}s" \
     "full/empty=$(awk -v a="$t_full" -v b="$t_empty" 'BEGIN { printf "%.2f", a / b }') load=$(cut -d' ' -f1 /proc/loadavg)"
