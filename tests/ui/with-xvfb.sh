#!/bin/bash
# with-xvfb.sh CMD ARGS...: runs CMD on a virtual X screen of its own
# (1280×800, or MP_XVFB_SCREEN=WIDTHxHEIGHT or WIDTHxHEIGHTxDEPTH for a
# larger one), never on the desktop of the person running the tests; as it
# is only when xvfb-run is missing. The server
# number starts at a random place: xvfb-run -a alone races with other
# xvfb-runs starting at the same moment (both pick :99). -noreset: by
# default the server resets when its last client leaves, and a program
# started in that moment cannot open the display.
if ! command -v xvfb-run >/dev/null; then
  exec "$@"
fi
screen=${MP_XVFB_SCREEN:-1280x800}
# (the depth is 24 unless given)
[[ $screen =~ ^[0-9]+x[0-9]+$ ]] && screen=${screen}x24
exec xvfb-run -a -n $((100 + RANDOM % 800)) -s "-screen 0 $screen -nolisten tcp -noreset" "$@"
