#!/usr/bin/env bash
# Opening the event page of a large event in the real window: the time
# from exec until the window is on the screen with the event page drawn,
# and the peak RSS of the process.
#
#   bench/bench-window.sh [BUILD_DIR] [REGISTRATIONS] [RUNS]
#
# Makes the database once with bench-open (MP_BENCH_KEEP), then runs
# `moteplass --db FILE --event 1` RUNS times on a virtual X screen of its
# own (cairo renderer, as the UI tests). The first frame is the time from
# exec until the window has painted its first frame (it logs the moment
# with MP_DEBUG_TIMING); "mapped" is when xdotool, polling every 5 ms,
# first sees the window on the screen. Then it checks through
# MP_DEBUG_STATE that it shows the event page, not an error. Prints lines
# like
#   window registrations=100000 run=1 first-frame=0.412s mapped=0.380s maxrss=118.4MB
# and the median of the runs.
set -euo pipefail
build=$(realpath "${1:-build}")
n=${2:-100000}
runs=${3:-5}
here=$(cd "$(dirname "$0")/.." && pwd)

if [ -z "${MP_IN_XVFB:-}" ] && command -v xvfb-run >/dev/null; then
  MP_IN_XVFB=1 exec "$here/tests/ui/with-xvfb.sh" "$0" "$build" "$n" "$runs"
fi
for tool in xdotool /usr/bin/time; do
  command -v $tool >/dev/null || { echo "bench-window: $tool is missing" >&2; exit 1; }
done

keep=${MP_BENCH_DIR:-/var/tmp}/moteplass-bench-window
mkdir -p "$keep"
db=$keep/open-$n.db
if [ ! -f "$db" ]; then
  MP_BENCH_KEEP=$keep "$build/bench/bench-open" --sizes "$n" --rounds 1 >/dev/null
fi

export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none GSETTINGS_BACKEND=memory
export MP_LOCALEDIR=$build/po GSETTINGS_SCHEMA_DIR=$build/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

times=()
for run in $(seq 1 "$runs"); do
  rm -f "$work/state" "$work/rss"
  # The file stays in the OS cache between runs, as on a laptop that
  # has just had it open.
  start=$(date +%s%N)
  MP_DEBUG_TIMING=1 MP_DEBUG_STATE=$work/state /usr/bin/time -f %M -o "$work/rss" \
    "$build/src/ui/moteplass" --db "$db" --event 1 >/dev/null 2>"$work/stderr" &
  pid=$!
  shown=
  for _ in $(seq 1 2000); do
    if xdotool search --onlyvisible --pid "$(pgrep -P "$pid" || echo 0)" >/dev/null 2>&1; then
      shown=$(date +%s%N)
      break
    fi
    sleep 0.005
  done
  # It must be the event page that came up, not an error.
  for _ in $(seq 1 400); do
    if [ -f "$work/state" ] && grep -q '^page=event' "$work/state"; then
      break
    fi
    sleep 0.005
  done
  grep -q '^page=event' "$work/state" 2>/dev/null || shown=
  kill "$(pgrep -P "$pid")" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -z "$shown" ]; then
    echo "bench-window: the event page did not appear" >&2
    cat "$work/stderr" >&2
    exit 1
  fi
  # The window logs when its first frame was painted (wall clock, µs).
  painted=$(sed -n 's/^timing: first-frame wall=\([0-9]*\)us$/\1/p' "$work/stderr" | head -1)
  if [ -z "$painted" ]; then
    echo "bench-window: no first-frame line (MP_DEBUG_TIMING)" >&2
    exit 1
  fi
  mapped=$(awk -v a="$start" -v b="$shown" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  seconds=$(awk -v a="$start" -v b="$painted" 'BEGIN { printf "%.3f", (b * 1000 - a) / 1e9 }')
  rss=$(tail -n 1 "$work/rss" | awk '{ printf "%.1f", $1 / 1024 }')
  echo "window registrations=$n run=$run first-frame=${seconds}s mapped=${mapped}s maxrss=${rss}MB"
  times+=("$seconds")
done
printf '%s\n' "${times[@]}" | sort -n |
  awk -v n="$n" '{ t[NR] = $1 } END { printf "window registrations=%s runs=%d median=%.3fs best=%.3fs\n", n, NR, t[int((NR + 1) / 2)], t[1] }'
