#!/usr/bin/env bash
# Does drawing a report or a ticket cost more than its text is long?
#
#   bench/bench-long-text.sh [BUILD_DIR] [ROUNDS]
#
# An event whose title is one word of N letters (no space to break at:
# the worst case for Pango's line breaking), with one attendee whose
# name and organisation are as long as they may be (500 and 200
# letters). N is 200, the longest title Møteplass takes, and 1,000,
# 10,000 and 100,000, as a database from before the limits may hold
# (written with sqlite3). Times, whole process, wall clock, the median
# of ROUNDS (default 3): `report 1 --pdf` and `tickets 1` (A6 ticket and
# badge). A 100,000-letter title took 43 s before the text laid out was
# capped. Prints lines like
#   long-text title=100000 report-pdf=0.081 ticket=0.062 badge=0.060
set -euo pipefail
build=$(realpath "${1:-build}")
rounds=${2:-3}
cli=$build/src/cli/moteplass-cli
command -v sqlite3 >/dev/null || { echo "bench-long-text: sqlite3 is missing" >&2; exit 1; }

work=$(mktemp -d "${MP_BENCH_DIR:-/var/tmp}/moteplass-long-text-XXXXXX")
trap 'rm -rf "$work"' EXIT

now () { date +%s%N; }
letters () { head -c "$1" /dev/zero | tr '\0' "$2"; }
median () { sort -n | awk '{ v[NR] = $1 } END { printf "%.3f", v[int((NR + 1) / 2)] }'; }

time_of () {  # time_of COMMAND... : seconds, median of $rounds
  for _ in $(seq "$rounds"); do
    local a b
    a=$(now); "$@" >/dev/null 2>&1; b=$(now)
    awk -v a="$a" -v b="$b" 'BEGIN { printf "%.4f\n", (b - a) / 1e9 }'
  done | median
}

for n in 200 1000 10000 100000; do
  db=$work/title-$n.db
  "$cli" --db "$db" event add --title "$(letters 200 T)" --starts 2026-03-08T09:00 >/dev/null
  "$cli" --db "$db" register 1 --name "$(letters 500 N)" --organisation "$(letters 200 O)" >/dev/null
  sqlite3 "$db" "UPDATE event SET title = printf('%.*c', $n, 'T')"
  report=$(time_of "$cli" --db "$db" report 1 --pdf "$work/r.pdf")
  ticket=$(time_of "$cli" --db "$db" tickets 1 -o "$work/t.pdf")
  badge=$(time_of "$cli" --db "$db" tickets 1 -o "$work/b.pdf" --layout badge)
  echo "long-text title=$n report-pdf=$report ticket=$ticket badge=$badge"
done
