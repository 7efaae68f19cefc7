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
out=$build/artefacts/office-screens
. "$(dirname "$(realpath "$0")")/shots-lib.sh"
shots_setup 1920x1080 "$@"
shots_settle=0.8
shots_prefix=$lang-
export LANGUAGE=$lang LC_ALL=C.UTF-8 CUPS_SERVER=/nonexistent/moteplass-test-cups.sock
"$cli" --db "$work/demo.db" demo >/dev/null

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

shots_done
