#!/usr/bin/env bash
# The report page of a large event, in the real window: from Alt+R on
# the event page to the frame that shows the counted report, and the
# longest the main loop went without answering meanwhile (a 5 ms tick
# at high priority; with the count on the main thread this was the
# whole count). The window logs both with MP_DEBUG_TIMING:
#   timing: report work=… frame=…     work = building the page's widgets
#                                     frame = Alt+R to the report painted
#   timing: report-stall max=… complete=… cpu=…
#                                     complete = Alt+R to the last row painted
#                                     cpu = of the longest gap, the time the
#                                     main thread ran (the rest it waited
#                                     for a core or for the X server)
#
#   bench/bench-report.sh [BUILD_DIR] [REGISTRATIONS] [ROUNDS]
#
# Makes the database once with bench-open (MP_BENCH_KEEP) and opens it
# with `moteplass --db FILE --event 1` on a virtual X screen of its own
# (cairo renderer, 1280×800, through tests/ui/ui-lib.sh as the UI
# tests); then ROUNDS times (5):
# Alt+R, wait for the report, Alt+Left back to the event. Prints every
# timing line and a summary:
#   report n=… frame-median=… frame-max=… complete-median=… stall-median=… stall-max=…
set -uo pipefail
build=$(realpath "${1:-build}")
size=${2:-100000}
rounds=${3:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
moteplass=$build/src/ui/moteplass
. "$here/tests/ui/ui-lib.sh"
ui_in_xvfb "$build" "$size" "$rounds"
ui_require xdotool

keep=${MP_BENCH_DIR:-/var/tmp}/moteplass-bench-report
mkdir -p "$keep"
db=$keep/open-$size.db
if [ ! -f "$db" ]; then
  MP_BENCH_KEEP=$keep "$build/bench/bench-open" --sizes "$size" --rounds 1 >/dev/null || exit 1
fi

ui_setup bench-report
export MP_LOCALEDIR=$build/po LANGUAGE=en LC_ALL=C.UTF-8 GSETTINGS_SCHEMA_DIR=$build/data
ui_app_env=(MP_DEBUG_TIMING=1)
fail () { echo "bench-report: $1" >&2; cat "$work/stderr" >&2; exit 1; }

ui_start --db "$db" --event 1 || fail "no window"
ui_state_has 'page=event' || fail "the event page did not appear"
sleep 1

for _ in $(seq 1 "$rounds"); do
  key alt+r
  ui_state_has 'report.state=report' 'report.rows=complete' || fail "the report did not appear"
  sleep 0.5
  key alt+Left
  ui_state_has 'page=event' || fail "Alt+Left did not go back to the event"
  sleep 0.5
done

grep '^timing: report' "$work/stderr" || true
frames=$(grep '^timing: report work' "$work/stderr" | sed -E 's/.*frame=([0-9.]+)ms.*/\1/' | sort -n)
stalls=$(grep '^timing: report-stall' "$work/stderr" | sed -E 's/.*max=([0-9.]+)ms.*/\1/' | sort -n)
completes=$(grep '^timing: report-stall' "$work/stderr" | sed -E 's/.*complete=([0-9.]+)ms.*/\1/' | sort -n)
median () { awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "-" }'; }
maximum () { tail -1; }
echo "report n=$(echo "$frames" | grep -c . || true) registrations=$size" \
  "frame-median=$(echo "$frames" | median)ms frame-max=$(echo "$frames" | maximum)ms" \
  "complete-median=$(echo "$completes" | median)ms" \
  "stall-median=$(echo "$stalls" | median)ms stall-max=$(echo "$stalls" | maximum)ms"
