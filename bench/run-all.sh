#!/usr/bin/env bash
# Runs every benchmark on this machine and prints their figures, with
# the machine they ran on. Copy the output into bench/RESULTS.md.
#   bench/run-all.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."

echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "# $(uname -sr), $(df -h --output=source,fstype . | tail -1)"
# On the real disk, not in memory: an fsync must cost what it costs.
export MP_BENCH_DIR=${MP_BENCH_DIR:-/var/tmp}

"$build/bench/bench-door"
# The door with the hub's capture triggers (a desk linked to a hub).
"$build/bench/bench-door" --hub-triggers
# The door when another desk (or the hub's worker) wrote before every scan.
"$build/bench/bench-door" --other-desk --scans 2000
"$build/bench/bench-import"
# The import's floor: SQLite alone storing the rows our schema keeps.
bench/import-floor.sh "$build" 100000 3
# The import's dry run, and a check-in on the same file during it.
bench/dry-run-door.sh "$build" 100000
# The longest lock an import holds, and the longest check-in beside it.
"$build/bench/bench-import-door" --sizes 100000,400000
# The same rows as CSV and as .xlsx, dry run.
bench/bench-import-xlsx.sh "$build" 100000 3
# 10,000 rows into an empty database and into one of a million people.
bench/bench-import-namesakes.sh "$build"
"$build/bench/bench-tickets"
# A report and tickets of a title of one word of 200 to 100,000 letters.
bench/bench-long-text.sh "$build" 3
# Badges to a folder and through CUPS (a private cupsd, as root), tickets to PDF.
bench/bench-badges.sh "$build" 20
"$build/bench/bench-open" --sizes 1000,10000,100000 --rounds 3
# Tickets e-mailed to a local SMTP server (aiosmtpd), no rate limit.
bench/bench-mail.sh "$build" 100,1000
# The window opening a 100,000-attendee event (needs the GUI build).
if [ -x "$build/src/ui/moteplass" ]; then
  bench/bench-window.sh "$build" 100000 5
  # A search keystroke and a sort switch in that window.
  bench/bench-keystroke.sh "$build" 100000
  # Alt+R to the report of that event, and the longest stall meanwhile.
  bench/bench-report.sh "$build" 100000 5
fi
# Many desks, one hub: propagation, 20 desks' load, joining 100,000
# (a throw-away PostgreSQL through pg_virtualenv).
bench/bench-hub.sh "$build" all
