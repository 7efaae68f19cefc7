#!/usr/bin/env bash
# Does the import's dry run (the wizard's preview) keep the door waiting?
#
#   bench/dry-run-door.sh [BUILD_DIR] [ROWS]
#
# With the CSV that bench-import writes (ROWS rows, default 100,000):
# `moteplass-cli import 1 FILE --dry-run` into an empty event, three
# times (whole process, wall clock); then the same dry run again six
# times, each with a `moteplass-cli checkin` on the same database file
# started OFFSET seconds into it, and how long that check-in took (it
# waits for the write lock, if the dry run holds it; an offset after
# the dry run's end measures a check-in alone). Prints lines like
#   dry-run rows=100000 seconds=0.291
#   dry-run-checkin rows=100000 offset=0.20 checkin=0.021 dry-run=0.312
set -euo pipefail
build=$(realpath "${1:-build}")
n=${2:-100000}
cli=$build/src/cli/moteplass-cli
command -v sqlite3 >/dev/null || { echo "dry-run-door: sqlite3 is missing" >&2; exit 1; }

work=$(mktemp -d "${MP_BENCH_DIR:-/var/tmp}/moteplass-dry-run-door-XXXXXX")
trap 'rm -rf "$work"' EXIT

csv=$(MP_BENCH_DIR=$work "$build/bench/bench-import" --sizes "$n" --runs 1 --keep | sed -n 's/^file //p')
[ -f "$csv" ] || { echo "dry-run-door: no CSV from bench-import" >&2; exit 1; }

now () { date +%s%N; }
seconds () { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }

db=$work/door.db
"$cli" --db "$db" event add --title Dørtest --kind seminar --starts 2026-03-08T09:00 >/dev/null
for i in 1 2 3 4 5 6; do
  "$cli" --db "$db" register 1 --name "Gjest $i" >/dev/null
done
mapfile -t tickets < <(sqlite3 "$db" "SELECT 'MP1' || token FROM registration ORDER BY id")

for run in 1 2 3; do
  t0=$(now)
  "$cli" --db "$db" import 1 "$csv" --dry-run >/dev/null
  echo "dry-run rows=$n seconds=$(seconds "$t0" "$(now)")"
done

k=0
for offset in 0.10 0.15 0.20 0.25 0.40 0.60; do
  t0=$(now)
  "$cli" --db "$db" import 1 "$csv" --dry-run >/dev/null &
  dry=$!
  sleep "$offset"
  t1=$(now)
  "$cli" --db "$db" checkin 1 "${tickets[$k]}" --desk Inngang >/dev/null
  t2=$(now)
  wait "$dry"
  echo "dry-run-checkin rows=$n offset=$offset checkin=$(seconds "$t1" "$t2") dry-run=$(seconds "$t0" "$(now)")"
  k=$((k + 1))
done
