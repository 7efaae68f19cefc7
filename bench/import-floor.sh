#!/usr/bin/env bash
# How fast could a Møteplass import ever be? Against its real floor:
# SQLite itself storing exactly the rows, indexes and triggers an import
# leaves behind.
#
#   bench/import-floor.sh [BUILD_DIR] [ROWS] [RUNS]
#
# The CSV that bench-import writes (ROWS registrations), and the same
# rows as an .xlsx workbook (openpyxl, shared strings, as the platforms
# write them). A real import of the CSV gives the rows. Then, side by
# side in each round (best of RUNS, whole processes, wall clock):
#   floor      the sqlite3 program, in a fresh Møteplass database (same
#              schema): the tables' indexes and triggers taken away, the
#              rows the import left (organisations, people, registrations,
#              consents, the event's counts, the audit entry) copied in
#              with INSERT … SELECT from the imported file, then the
#              indexes and triggers made again; one transaction, WAL,
#              synchronous=FULL, foreign keys on. No parsing, checking,
#              matching, tokens: SQLite storing the same rows;
#   csv        `moteplass-cli import` of the CSV into an empty event;
#   xlsx       the same of the workbook;
#   sqlite3    sqlite3's own .import of the CSV into a bare table, for
#              scale;
#   open-door  the floor as an import must write beside a working door
#              (issue 12): the same copy with the indexes and triggers
#              kept, in as many short transactions as the real import
#              took, each folded into the file after its commit (as the
#              import does), so that a desk waits a moment, not for the
#              whole file. Still no parsing, checking or matching.
# Prints lines like
#   import-floor rows=100000 … floor=0.95s/0.80s-cpu csv=1.30s/1.10s-cpu … csv/floor=1.37 … open-door/floor=1.5 … cpu:csv/floor=1.38 …
set -euo pipefail
build=$(realpath "${1:-build}")
n=${2:-100000}
runs=${3:-3}
cli=$build/src/cli/moteplass-cli
command -v sqlite3 >/dev/null || { echo "import-floor: sqlite3 is missing" >&2; exit 1; }
/usr/bin/python3 -c "import openpyxl" 2>/dev/null || { echo "import-floor: python3-openpyxl is missing" >&2; exit 1; }

work=$(mktemp -d "${MP_BENCH_DIR:-/var/tmp}/moteplass-import-floor-XXXXXX")
trap 'rm -rf "$work"' EXIT

csv=$(MP_BENCH_DIR=$work "$build/bench/bench-import" --sizes "$n" --runs 1 --keep | sed -n 's/^file //p')
[ -f "$csv" ] || { echo "import-floor: no CSV from bench-import" >&2; exit 1; }
xlsx=$work/rows.xlsx
/usr/bin/python3 - "$csv" "$xlsx" <<'PY'
import csv, sys
import openpyxl
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet("Påmeldinger")
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    for row in csv.reader(f):
        ws.append(row)
wb.save(sys.argv[2])
PY

# timed NAME COMMAND...: "NAME wall cpu" (user + system), whole process
timed () {
  local name=$1; shift
  /usr/bin/time -f "$name %e %U %S" -o "$work/one" "$@" >/dev/null
  awk '{ printf "%s %.3f %.3f\n", $1, $2, $3 + $4 }' "$work/one"
}
fresh () { rm -f "$1" "$1-wal" "$1-shm"; "$cli" --db "$1" event add --title Floor --kind seminar --starts 2026-03-08T09:00 >/dev/null; }
best () { sort -n | head -1; }

# The rows to copy: a real import of the file (and how many
# transactions it took).
fresh "$work/source.db"
G_MESSAGES_DEBUG=mp-store "$cli" --db "$work/source.db" import 1 "$csv" >"$work/chunks" 2>&1
chunks=$(grep -ac "this part held the lock" "$work/chunks" || true)
[ "$chunks" -ge 1 ] || chunks=1
# (no unfinished batch: the import is whole; a Møteplass without batches has none)
[ "$(sqlite3 "$work/source.db" "SELECT count (*) FROM import_batch" 2>/dev/null || echo 0)" = 0 ]

# What the import's tables carry besides their rows, from the schema
# itself: taken away before the copy, made again after it.
tables="'organisation', 'person', 'registration', 'consent', 'event_counts', 'audit_log'"
fresh "$work/schema.db"
drop=$(sqlite3 "$work/schema.db" "SELECT group_concat ('DROP ' || upper (type) || ' \"' || name || '\"', ';' || char (10))
  FROM sqlite_schema WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN ($tables)")
make=$(sqlite3 "$work/schema.db" "SELECT group_concat (sql, ';' || char (10))
  FROM sqlite_schema WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN ($tables)")

# (a Møteplass from before the counts kept in the database has no event_counts)
counts_copy=
[ -n "$(sqlite3 "$work/schema.db" "SELECT name FROM sqlite_schema WHERE name = 'event_counts'")" ] &&
  counts_copy="INSERT OR REPLACE INTO main.event_counts SELECT * FROM src.event_counts;"

for _ in $(seq 1 "$runs"); do
  fresh "$work/floor.db"
  cat > "$work/floor.sql" <<EOF
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -65536;
PRAGMA temp_store = MEMORY;
ATTACH '$work/source.db' AS src;
BEGIN IMMEDIATE;
$drop;
INSERT INTO main.organisation SELECT * FROM src.organisation;
INSERT INTO main.person SELECT * FROM src.person;
INSERT INTO main.registration SELECT * FROM src.registration;
INSERT INTO main.consent SELECT * FROM src.consent;
$counts_copy
INSERT INTO main.audit_log SELECT * FROM src.audit_log WHERE action = 'import';
$make;
COMMIT;
EOF
  timed floor sqlite3 -init "$work/floor.sql" "$work/floor.db" .quit
  fresh "$work/open.db"
  {
    cat <<EOF
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -65536;
PRAGMA temp_store = MEMORY;
PRAGMA wal_autocheckpoint = 0;
ATTACH '$work/source.db' AS src;
INSERT INTO main.organisation SELECT * FROM src.organisation;
EOF
    people=$(sqlite3 "$work/source.db" "SELECT max (id) FROM person")
    step=$(( people / chunks + 1 ))
    for c in $(seq 0 $(( chunks - 1 ))); do
      from=$(( c * step )) to=$(( (c + 1) * step ))
      cat <<EOF
BEGIN IMMEDIATE;
INSERT INTO main.person SELECT * FROM src.person WHERE id > $from AND id <= $to;
INSERT INTO main.registration SELECT * FROM src.registration WHERE person_id > $from AND person_id <= $to;
INSERT INTO main.consent SELECT * FROM src.consent WHERE person_id > $from AND person_id <= $to;
COMMIT;
PRAGMA main.wal_checkpoint(PASSIVE);
EOF
    done
    cat <<EOF
$counts_copy
INSERT INTO main.audit_log SELECT * FROM src.audit_log WHERE action = 'import';
EOF
  } > "$work/open.sql"
  timed open-door sqlite3 -init "$work/open.sql" "$work/open.db" .quit
  fresh "$work/csv.db"
  timed csv "$cli" --db "$work/csv.db" import 1 "$csv"
  fresh "$work/xlsx.db"
  timed xlsx "$cli" --db "$work/xlsx.db" import 1 "$xlsx"
  rm -f "$work/bare.db"
  timed sqlite3 sqlite3 "$work/bare.db" ".import --csv $csv people"
done > "$work/times"

# the same rows, whichever file they came from
for db in floor open csv xlsx; do
  rows=$(sqlite3 "$work/$db.db" "SELECT count (*) FROM registration")
  [ "$rows" = "$(sqlite3 "$work/source.db" "SELECT count (*) FROM registration")" ] ||
    { echo "import-floor: $db.db has $rows registrations" >&2; exit 1; }
done

# best wall time and best processor time of each (the processor time
# is what other work on a shared machine changes least)
wall () { awk -v k="$1" '$1 == k { print $2 }' "$work/times" | best; }
cpu () { awk -v k="$1" '$1 == k { print $3 }' "$work/times" | best; }
ratio () { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "import-floor rows=$n db-bytes=$(stat -c %s "$work/source.db") csv-bytes=$(stat -c %s "$csv") xlsx-bytes=$(stat -c %s "$xlsx")" \
     "floor=$(wall floor)s/$(cpu floor)s-cpu csv=$(wall csv)s/$(cpu csv)s-cpu xlsx=$(wall xlsx)s/$(cpu xlsx)s-cpu" \
     "sqlite3=$(wall sqlite3)s/$(cpu sqlite3)s-cpu" \
     "open-door=$(wall open-door)s/$(cpu open-door)s-cpu transactions=$chunks" \
     "csv/floor=$(ratio "$(wall csv)" "$(wall floor)") xlsx/floor=$(ratio "$(wall xlsx)" "$(wall floor)")" \
     "open-door/floor=$(ratio "$(wall open-door)" "$(wall floor)") csv/open-door=$(ratio "$(wall csv)" "$(wall open-door)") xlsx/open-door=$(ratio "$(wall xlsx)" "$(wall open-door)")" \
     "cpu:csv/floor=$(ratio "$(cpu csv)" "$(cpu floor)") cpu:xlsx/floor=$(ratio "$(cpu xlsx)" "$(cpu floor)")" \
     "load=$(cut -d' ' -f1 /proc/loadavg)"
