#!/bin/bash
# Screenshots of the organiser's screens at 1024×600, 1366×768 and
# 1920×1080, in Bokmål, to look at (not a test):
#   tests/ui/office-events-screenshots.sh [BUILD_DIR] [LANGUAGE]
# Writes BUILD_DIR/artefacts/office-screens/LANG-SIZE-NAME.png: the
# events (the chosen event beside them when wide), a new event, the event
# page, its report (top and bottom), the tickets dialog, the desk and
# Preferences.
set -u

build=$(realpath "${1:-build}")
lang=${2:-nb}
moteplass=$build/src/ui/moteplass
cli=$build/src/cli/moteplass-cli
out=$build/artefacts/office-screens
here=$(dirname "$(realpath "$0")")

if [ -z "${MP_IN_XVFB:-}" ]; then
  MP_IN_XVFB=1 MP_XVFB_SCREEN=1920x1080 exec "$here/with-xvfb.sh" "$0" "$@"
fi

export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR=$build/data MP_LOCALEDIR=$build/po TZ=${TZ:-Europe/Oslo}
export LANGUAGE=$lang LC_ALL=C.UTF-8 CUPS_SERVER=/nonexistent/moteplass-test-cups.sock
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$cli" --db "$work/demo.db" demo >/dev/null

# shoot NAME WIDTH HEIGHT STEPS ARGS...
shoot () {
  local name=$1 w=$2 h=$3 steps=$4 wid= pid; shift 4
  "$moteplass" --non-unique "$@" 2>>"$work/stderr" &
  pid=$!
  for i in $(seq 1 1000); do
    wid=$(xdotool search --onlyvisible --pid $pid 2>/dev/null | head -1)
    [ -n "$wid" ] && break
    sleep 0.01
  done
  if [ -z "$wid" ]; then echo "$name: no window" >&2; kill $pid 2>/dev/null; return 0; fi
  xdotool windowsize $wid $w $h
  xdotool windowfocus --sync $wid 2>/dev/null || true
  xdotool mousemove $((w - 1)) $((h - 1))
  sleep 0.8
  eval "$steps"
  sleep 0.8
  import -window root -crop ${w}x${h}+0+0 "$out/$lang-${w}x${h}-$name.png"
  kill $pid; wait $pid 2>/dev/null || true
}

other () { xdotool search --onlyvisible --pid $pid 2>/dev/null | grep -vx "$wid" | tail -1; }

for size in 1024x600 1366x768 1920x1080; do
  w=${size%x*} h=${size#*x}
  shoot events $w $h "" --db "$work/demo.db"
  shoot new-event $w $h "xdotool key ctrl+n" --db "$work/demo.db"
  shoot event $w $h "" --db "$work/demo.db" --event 2
  shoot report $w $h "xdotool key alt+r; sleep 1.5" --db "$work/demo.db" --event 2
  shoot report-bottom $w $h "xdotool key alt+r; sleep 1.5; xdotool mousemove $((w / 2)) $((h / 2)); for i in \$(seq 1 60); do xdotool click 5; done" --db "$work/demo.db" --event 2
  shoot report-upcoming $w $h "xdotool key alt+r; sleep 1.5" --db "$work/demo.db" --event 3
  shoot tickets $w $h "xdotool key ctrl+shift+e" --db "$work/demo.db" --event 2
  shoot desk $w $h "" --db "$work/demo.db" --event 2 --desk
  shoot preferences $w $h "xdotool key ctrl+comma" --db "$work/demo.db"
  shoot preferences-bottom $w $h "xdotool key ctrl+comma; sleep 0.5; xdotool mousemove 300 300; for i in \$(seq 1 20); do xdotool click 5; done" --db "$work/demo.db"
done

if [ -s "$work/stderr" ]; then grep -v "^$" "$work/stderr" >&2; fi
echo "Screenshots in $out"
