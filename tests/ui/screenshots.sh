#!/bin/bash
# Screenshots of every screen of Møteplass at 1280×800 and 800×600, to
# look at (not a test): tests/ui/screenshots.sh [BUILD_DIR]
# Writes BUILD_DIR/artefacts/screens/SIZE-NAME.png.
set -eu

build=$(realpath "${1:-build}")
moteplass=$build/src/ui/moteplass
fixture=$build/tests/mp-ui-fixture
out=$build/artefacts/screens

if [ -z "${MP_IN_XVFB:-}" ]; then
  MP_IN_XVFB=1 exec "$(dirname "$0")/with-xvfb.sh" "$0" "$@"
fi

export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR=$build/data MP_LOCALEDIR=$build/po TZ=${TZ:-Europe/Oslo}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$fixture" --db "$work/demo.db" --demo
"$fixture" --db "$work/empty.db" --list >/dev/null

# shoot NAME WIDTH HEIGHT STEPS ARGS...
shoot () {
  local name=$1 w=$2 h=$3 steps=$4; shift 4
  "$moteplass" --non-unique "$@" 2>>"$work/stderr" &
  local pid=$! wid=
  for i in $(seq 1 1000); do
    wid=$(xdotool search --onlyvisible --pid $pid 2>/dev/null | head -1)
    [ -n "$wid" ] && break
    sleep 0.01
  done
  if [ -z "$wid" ]; then
    echo "$name at ${w}x${h}: no window" >&2
    kill $pid 2>/dev/null || true
    return 0
  fi
  xdotool windowsize $wid $w $h
  xdotool windowfocus --sync $wid 2>/dev/null || true
  xdotool mousemove $((w - 1)) $((h - 1))
  sleep 0.5
  eval "$steps"
  sleep 0.5
  import -window root -crop ${w}x${h}+0+0 "$out/${w}x${h}-$name.png"
  kill $pid; wait $pid 2>/dev/null || true
}

for size in 1280x800 800x600; do
  w=${size%x*} h=${size#*x}
  shoot events $w $h "" --db "$work/demo.db"
  shoot events-empty $w $h "" --db "$work/empty.db"
  shoot event $w $h "" --db "$work/demo.db" --event 1
  shoot event-search $w $h "xdotool type --delay 30 'nav'" --db "$work/demo.db" --event 1
  shoot event-no-matches $w $h "xdotool type --delay 30 zzz" --db "$work/demo.db" --event 2
  shoot event-selected $w $h "xdotool key Tab space Down shift+Down" --db "$work/demo.db" --event 1
  shoot new-event $w $h "xdotool key ctrl+n" --db "$work/demo.db"
  shoot add-attendee $w $h "xdotool key ctrl+shift+n" --db "$work/demo.db" --event 1
  printf "name,organisation\nKari,NAV\n" > "$work/list.csv"
  shoot error $w $h "" --db "$work/list.csv"
done

if [ -s "$work/stderr" ]; then cat "$work/stderr" >&2; fi
echo "Screenshots in $out"
