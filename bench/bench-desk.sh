#!/usr/bin/env bash
# The check-in desk at a large event, measured in the running program:
# from the scanner's Return to the first frame that shows the answer,
# the committed check-in included.
#
#   bench/bench-desk.sh [BUILD_DIR] [REGISTRATIONS] [SCANS]
#
# Makes the database once with bench-open (MP_BENCH_KEEP; N registrations,
# 40 % already checked in), copies it, starts `moteplass --desk` on a
# virtual X screen of its own (cairo renderer, as the UI tests) and types
# SCANS tickets of people not yet arrived with xdotool at scanner speed
# (2 ms a key, then Return), one every 250 ms. The desk (MP_DEBUG_TIMING=1)
# logs on standard error, for each answer, on the frame clock's after-paint,
# a line "timing: scan outcome=… …" with:
#   handler_to_frame_us  the Return key's handler to the end of that frame
#   key_to_frame_ms      the X server's time stamp of Return to the same
#                        (includes the way from the server to the program)
#   check_in_us          of which the check-in, committed (synchronous=FULL)
#   cpu_us               the main thread's CPU time over the same span
# Prints the median, p99 and maximum of each, and checks that every scan
# was recorded once.
set -euo pipefail
build=$(realpath "${1:-build}")
n=${2:-100000}
scans=${3:-200}
here=$(cd "$(dirname "$0")/.." && pwd)

if [ -z "${MP_IN_XVFB:-}" ] && command -v xvfb-run >/dev/null; then
  MP_IN_XVFB=1 exec "$here/tests/ui/with-xvfb.sh" "$0" "$build" "$n" "$scans"
fi
for tool in xdotool sqlite3 python3; do
  command -v $tool >/dev/null || { echo "bench-desk: $tool is missing" >&2; exit 1; }
done

keep=${MP_BENCH_DIR:-/var/tmp}/moteplass-bench-window
mkdir -p "$keep"
if [ ! -f "$keep/open-$n.db" ]; then
  MP_BENCH_KEEP=$keep "$build/bench/bench-open" --sizes "$n" --rounds 1 >/dev/null
fi

work=$(mktemp -d "${MP_BENCH_DIR:-/var/tmp}/moteplass-bench-desk-XXXXXX")
pid=
trap 'if [ -n "$pid" ]; then kill $pid 2>/dev/null; fi; rm -rf "$work"' EXIT
# A copy on the real disk, so that each run checks the same people in.
sqlite3 "$keep/open-$n.db" ".backup '$work/desk.db'"
mapfile -t tickets < <(sqlite3 "$work/desk.db" "
  SELECT 'MP1' || r.token FROM registration r
   WHERE r.event_id = 1 AND r.status = 'registered'
     AND NOT EXISTS (SELECT 1 FROM checkin c WHERE c.registration_id = r.id)
   ORDER BY random() LIMIT $scans;")
[ ${#tickets[@]} = "$scans" ] || { echo "bench-desk: only ${#tickets[@]} people not yet arrived" >&2; exit 1; }

export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none
export GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME=$work/config
export GSETTINGS_SCHEMA_DIR=$build/data MP_LOCALEDIR=$build/po
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
printf "[no/moteplass/Moteplass]\ndesk-name='Bench'\n" > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"

MP_DEBUG_STATE=$work/state MP_DEBUG_TIMING=1 \
  "$build/src/ui/moteplass" --non-unique --db "$work/desk.db" --event 1 --desk 2>"$work/stderr" &
pid=$!
wid=
for _ in $(seq 1 1000); do
  wid=$(xdotool search --onlyvisible --pid $pid 2>/dev/null | head -1 || true)
  [ -n "$wid" ] && break
  sleep 0.01
done
[ -n "$wid" ] || { echo "bench-desk: no window" >&2; cat "$work/stderr" >&2; exit 1; }
xdotool windowsize $wid 1280 800
xdotool windowfocus --sync $wid
for _ in $(seq 1 500); do grep -qx 'desk.answer=ready' "$work/state" 2>/dev/null && break; sleep 0.02; done
sleep 1

next=$(date +%s%N)
for t in "${tickets[@]}"; do
  xdotool type --delay 2 "$t"$'\r'
  next=$((next + 250000000))
  wait_ns=$((next - $(date +%s%N)))
  if [ $wait_ns -gt 0 ]; then sleep "$(printf '0.%09d' $wait_ns)"; fi
done
for _ in $(seq 1 500); do grep -qx "desk.answers=$scans" "$work/state" 2>/dev/null && break; sleep 0.02; done
sleep 0.5
kill $pid; wait $pid 2>/dev/null || true; pid=

grep '^timing: scan ' "$work/stderr" > "$work/timing" || true
grep -v '^timing: ' "$work/stderr" > "$work/other" || true
recorded=$(sqlite3 "$work/desk.db" "SELECT count(*), count(DISTINCT registration_id) FROM checkin WHERE desk = 'Bench';")
echo "desk registrations=$n scans=$scans recorded=$recorded answers=$(sed -n 's/^desk.answers=//p' "$work/state") sound=$(sed -n 's/^desk.sound=//p' "$work/state")"
python3 - "$work/timing" <<'EOF'
import re, statistics, sys
rows = [dict((k, float(v)) for k, v in re.findall(r'(\w+)=(-?[\d.]+)\b', l)) for l in open(sys.argv[1])]
def show(name, key, scale):
    v = sorted(r[key] / scale for r in rows if key in r and r[key] >= 0)
    p99 = v[min(len(v) - 1, int(round(0.99 * len(v))) - 1)]
    print("desk %-22s n=%d median=%.1f ms p99=%.1f ms max=%.1f ms" % (name, len(v), statistics.median(v), p99, v[-1]))
outcomes = {}
for l in open(sys.argv[1]):
    m = re.search(r'outcome=(\S+)', l)
    outcomes[m.group(1)] = outcomes.get(m.group(1), 0) + 1
print("desk outcomes " + " ".join("%s=%d" % kv for kv in sorted(outcomes.items())))
for l in open(sys.argv[1]):
    if 'outcome=checked-in' not in l:
        print("#   " + l.strip())
show("return-to-frame", "handler_to_frame_us", 1000)
show("x-key-time-to-frame", "key_to_frame_ms", 1)
show("check-in-committed", "check_in_us", 1000)
show("main-thread-cpu", "cpu_us", 1000)
EOF
if [ -s "$work/other" ]; then echo "# stderr:"; sed 's/^/#   /' "$work/other" | head; fi
