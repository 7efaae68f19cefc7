#!/bin/bash
# Screenshots of every screen of Møteplass at 1280×800 and 800×600, to
# look at (not a test): tests/ui/screenshots.sh [BUILD_DIR]
# Writes BUILD_DIR/artefacts/screens/SIZE-NAME.png.
set -eu

build=$(realpath "${1:-build}")
out=$build/artefacts/screens
. "$(dirname "$(realpath "$0")")/shots-lib.sh"
shots_setup 1280x800 "$@"
"$fixture" --db "$work/demo.db" --demo
"$fixture" --db "$work/empty.db" --list >/dev/null

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

shots_done
