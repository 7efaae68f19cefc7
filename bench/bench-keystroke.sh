#!/usr/bin/env bash
# One search keystroke and one sort switch on a large event, in the real
# window: from the key event (or the header click being handled) to the
# frame that shows the changed list. The window logs both with
# MP_DEBUG_TIMING (src/ui/mp-frame-timing.h).
#
#   bench/bench-keystroke.sh [BUILD_DIR] [REGISTRATIONS]
#
# Makes the database once with bench-open (MP_BENCH_KEEP), opens it with
# `moteplass --db FILE --event 1` on a virtual X screen of its own (cairo
# renderer, 1280×800, as the UI tests), types "sorensen" and "aasen"
# with 300 ms between keys, clears the search, then clicks the column
# headers (organisation, sector, status, arrived, name, name again for
# backwards). Prints every timing line and a summary:
#   search n=14 work-median=… frame-median=… frame-max=… busy-median=… busy-max=…
#   sort n=6 work-median=… frame-median=… frame-max=… busy-median=… busy-max=…
# ("frame" is from the key to the painted frame; "busy" is the change's
# work plus the frame's own drawing, without the wait for the frame
# clock's turn.)
set -euo pipefail
build=$(realpath "${1:-build}")
n=${2:-100000}
here=$(cd "$(dirname "$0")/.." && pwd)

if [ -z "${MP_IN_XVFB:-}" ] && command -v xvfb-run >/dev/null; then
  MP_IN_XVFB=1 exec "$here/tests/ui/with-xvfb.sh" "$0" "$build" "$n"
fi
command -v xdotool >/dev/null || { echo "bench-keystroke: xdotool is missing" >&2; exit 1; }

keep=${MP_BENCH_DIR:-/var/tmp}/moteplass-bench-keystroke
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

MP_DEBUG_TIMING=1 "$build/src/ui/moteplass" --non-unique --db "$db" --event 1 \
  >/dev/null 2>"$work/stderr" &
pid=$!
wid=
for _ in $(seq 1 1000); do
  wid=$(xdotool search --onlyvisible --pid $pid 2>/dev/null | head -1 || true)
  [ -n "$wid" ] && break
  sleep 0.01
done
[ -n "$wid" ] || { echo "bench-keystroke: no window" >&2; cat "$work/stderr" >&2; exit 1; }
xdotool windowsize $wid 1280 800
xdotool windowfocus --sync $wid 2>/dev/null || true
xdotool mousemove 1279 799
# Its first frame is the event page (an unknown event would have brought
# up the events list, whose window title is the application's). No
# MP_DEBUG_STATE here: writing the test state every 50 ms would weigh on
# the frames being measured.
for _ in $(seq 1 500); do grep -q '^timing: first-frame' "$work/stderr" 2>/dev/null && break; sleep 0.02; done
grep -q '^timing: first-frame' "$work/stderr" || { echo "bench-keystroke: the window did not draw" >&2; exit 1; }
[ "$(xdotool getwindowname $wid)" != "Møteplass" ] || { echo "bench-keystroke: the event page did not appear" >&2; exit 1; }
sleep 1

for word in sorensen aasen; do
  xdotool type --delay 300 "$word"
  sleep 0.5
  xdotool key Escape
  sleep 0.5
done
# The header row of the column view at 1280×800 (y 217, below the
# event header's three lines; Name, Organisation and Sector share what
# Status, Arrived and E-mailed leave): Organisation, Sector, Status,
# Arrived, then Name twice (ascending is the default: the first click on
# Name after another column sorts it ascending, the second backwards).
for x in 381 727 1020 1130 40 40; do
  xdotool mousemove $x 217 click 1
  sleep 0.8
done
xdotool mousemove 1279 799

grep "^timing:" "$work/stderr" || true
# Medians and maxima of: work, frame (key to painted), and busy = work +
# draw (what the change cost the window: the frame without the wait for
# the frame clock's turn).
summary () {
  grep "^timing: $1 " "$work/stderr" |
    sed -E 's/.*work=([0-9.]+)ms frame=([0-9.]+)ms draw=([0-9.]+)ms/\1 \2 \3/' | awk -v what="$1" '
      function sort(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t } }
      { w[NR] = $1; f[NR] = $2; b[NR] = $1 + $3 }
      END {
        if (NR == 0) { print what " n=0"; exit }
        sort(w, NR); sort(f, NR); sort(b, NR)
        m = int((NR + 1) / 2)
        printf "%s n=%d work-median=%.2fms work-max=%.2fms frame-median=%.2fms frame-max=%.2fms busy-median=%.2fms busy-max=%.2fms\n",
               what, NR, w[m], w[NR], f[m], f[NR], b[m], b[NR]
      }'
}
echo "registrations=$n"
summary search
summary sort
