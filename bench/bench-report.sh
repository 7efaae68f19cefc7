#!/usr/bin/env bash
# The report page of a large event, in the real window: from Alt+R on
# the event page to the frame that shows the counted report, and the
# longest the main loop went without answering meanwhile (a 5 ms tick
# at high priority; with the count on the main thread this was the
# whole count). The window logs both with MP_DEBUG_TIMING:
#   timing: report work=… frame=…     work = building the page's widgets
#                                     frame = Alt+R to the report painted
#   timing: report-stall max=… complete=…
#                                     complete = Alt+R to the last row painted
#
#   bench/bench-report.sh [BUILD_DIR] [REGISTRATIONS] [ROUNDS]
#
# Makes the database once with bench-open (MP_BENCH_KEEP) and opens it
# with `moteplass --db FILE --event 1` on a virtual X screen of its own
# (cairo renderer, 1280×800, as the UI tests); then ROUNDS times (5):
# Alt+R, wait for the report, Alt+Left back to the event. Prints every
# timing line and a summary:
#   report n=… frame-median=… frame-max=… complete-median=… stall-median=… stall-max=…
set -euo pipefail
build=$(realpath "${1:-build}")
n=${2:-100000}
rounds=${3:-5}
here=$(cd "$(dirname "$0")/.." && pwd)

if [ -z "${MP_IN_XVFB:-}" ] && command -v xvfb-run >/dev/null; then
  MP_IN_XVFB=1 exec "$here/tests/ui/with-xvfb.sh" "$0" "$build" "$n" "$rounds"
fi
command -v xdotool >/dev/null || { echo "bench-report: xdotool is missing" >&2; exit 1; }

keep=${MP_BENCH_DIR:-/var/tmp}/moteplass-bench-report
mkdir -p "$keep"
db=$keep/open-$n.db
if [ ! -f "$db" ]; then
  MP_BENCH_KEEP=$keep "$build/bench/bench-open" --sizes "$n" --rounds 1 >/dev/null
fi

export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none GSETTINGS_BACKEND=memory
export MP_LOCALEDIR=$build/po LANGUAGE=en LC_ALL=C.UTF-8 GSETTINGS_SCHEMA_DIR=$build/data
work=$(mktemp -d)
pid=
trap 'if [ -n "$pid" ]; then kill $pid 2>/dev/null || true; fi; rm -rf "$work"' EXIT

MP_DEBUG_TIMING=1 MP_DEBUG_STATE=$work/state "$build/src/ui/moteplass" --non-unique --db "$db" --event 1 \
  >/dev/null 2>"$work/stderr" &
pid=$!
wid=
for _ in $(seq 1 1000); do
  wid=$(xdotool search --onlyvisible --pid $pid 2>/dev/null | head -1 || true)
  [ -n "$wid" ] && break
  sleep 0.01
done
[ -n "$wid" ] || { echo "bench-report: no window" >&2; cat "$work/stderr" >&2; exit 1; }
xdotool windowsize $wid 1280 800
xdotool windowfocus --sync $wid 2>/dev/null || true
xdotool mousemove 1279 799

wait_state () {
  for _ in $(seq 1 1000); do grep -qx "$1" "$work/state" 2>/dev/null && return 0; sleep 0.01; done
  echo "bench-report: never saw $1" >&2
  exit 1
}
wait_state 'page=event'
sleep 1

for _ in $(seq 1 "$rounds"); do
  xdotool key --clearmodifiers alt+r
  wait_state 'report.state=report'
  sleep 0.5
  xdotool key --clearmodifiers alt+Left
  wait_state 'page=event'
  sleep 0.5
done

grep '^timing: report' "$work/stderr" || true
frames=$(grep '^timing: report work' "$work/stderr" | sed -E 's/.*frame=([0-9.]+)ms/\1/' | sort -n)
stalls=$(grep '^timing: report-stall' "$work/stderr" | sed -E 's/.*max=([0-9.]+)ms.*/\1/' | sort -n)
completes=$(grep '^timing: report-stall' "$work/stderr" | sed -E 's/.*complete=([0-9.]+)ms.*/\1/' | sort -n)
median () { awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "-" }'; }
maximum () { tail -1; }
echo "report n=$(echo "$frames" | grep -c . || true) registrations=$n" \
  "frame-median=$(echo "$frames" | median)ms frame-max=$(echo "$frames" | maximum)ms" \
  "complete-median=$(echo "$completes" | median)ms" \
  "stall-median=$(echo "$stalls" | median)ms stall-max=$(echo "$stalls" | maximum)ms"
