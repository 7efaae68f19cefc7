#!/usr/bin/env bash
# Badges and tickets, timed as a person meets them through moteplass-cli
# (one process per badge: database open, render, hand-over included):
#   - a badge saved as PDF in a folder;
#   - a badge handed to CUPS (a private cupsd with a cups-pdf queue, as
#     in the tests; root only, else skipped): the time until CUPS has
#     accepted the job, and until cups-pdf has written the last PDF;
#   - a stopped printer: how long until the desk hears it;
#   - tickets of 1,000 and 20,000 attendees exported to one PDF.
#
#   bench/bench-badges.sh [BUILD_DIR] [N_BADGES]
set -uo pipefail
build=$(realpath "${1:-build}")
n=${2:-20}
cd "$(dirname "$0")/.."
cli=$build/src/cli/moteplass-cli
fixture=$build/tests/mp-ui-fixture
work=$(mktemp -d)
. tests/print/cups-env.sh
trap 'mp_cups_stop; rm -rf "$work"' EXIT

now () { date +%s.%N; }
ms_each () { awk "BEGIN { printf \"%.1f\", ($2 - $1) * 1000 / $3 }"; }

"$cli" --db "$work/b.db" event add --title "Frokostmøte" --kind seminar --starts 2030-01-01T08:30 >/dev/null
"$cli" --db "$work/b.db" register 1 --name "Kari Sørensen" --organisation "Molde kommune" >/dev/null

t0=$(now)
for i in $(seq "$n"); do "$cli" --db "$work/b.db" badge 1 1 --folder "$work/folder" >/dev/null; done
t1=$(now)
echo "badge to a folder: $(ms_each "$t0" "$t1" "$n") ms each ($n badges)"

if mp_cups_start >/dev/null 2>&1; then
  t0=$(now)
  for i in $(seq "$n"); do "$cli" --db "$work/b.db" badge 1 1 --printer MoteplassPDF >/dev/null; done
  t1=$(now)
  for i in $(seq 1200); do
    [ "$(find "$MP_TEST_CUPS_OUT" -name '*.pdf' | wc -l)" -ge "$n" ] && break
    sleep 0.05
  done
  t2=$(now)
  echo "badge to CUPS, job accepted: $(ms_each "$t0" "$t1" "$n") ms each ($n badges)"
  echo "badge to CUPS, all $n PDFs written by cups-pdf: $(awk "BEGIN { printf \"%.1f\", $t2 - $t0 }") s"
  cupsdisable MoteplassPDF
  t0=$(now)
  "$cli" --db "$work/b.db" badge 1 1 --printer MoteplassPDF 2>/dev/null
  t1=$(now)
  echo "stopped printer reported after: $(ms_each "$t0" "$t1" 1) ms"
else
  echo "badge to CUPS: skipped (${mp_cups_skip_reason:-cupsd did not start})"
fi

t0=$(now)
CUPS_SERVER=$work/no-cupsd.sock "$cli" printers >/dev/null 2>&1
t1=$(now)
echo "printers with no print server: $(ms_each "$t0" "$t1" 1) ms"

if [ -x "$fixture" ]; then
  "$fixture" --db "$work/big.db" --big 20000 >/dev/null
  big=$(sqlite3 "$work/big.db" "SELECT id FROM event WHERE title = 'Stor konferanse'")
  t1=$(now)
  "$cli" --db "$work/big.db" tickets "$big" -o "$work/big.pdf" >/dev/null
  t2=$(now)
  echo "tickets of 20,000 attendees to one PDF: $(awk "BEGIN { printf \"%.2f\", $t2 - $t1 }") s ($(du -m "$work/big.pdf" | cut -f1) MB)"
fi
