# shots-lib.sh: what the screenshot scripts (screenshots.sh,
# office-screenshots.sh, office-events-screenshots.sh: pictures to look
# at, not tests) share, sourced (never run):
#
#   build=$(realpath "${1:-build}"); out=$build/artefacts/NAME
#   . "$(dirname "$(realpath "$0")")/shots-lib.sh"
#   shots_setup 1920x1080 "$@"   # own X screen, environment, $work
#   shoot events 1366 768 "" --db "$work/demo.db"
#   shots_done
#
# shots_setup SCREEN "$@": runs the calling script again on a virtual X
# screen of SCREEN (with-xvfb.sh), sets the environment of the UI tests
# (X11, cairo, settings in memory, the build's schemas and translations,
# Oslo time), makes $out and $work (removed on exit). Sets $moteplass,
# $cli and $fixture from $build.
#
# shoot NAME WIDTH HEIGHT STEPS ARGS...: starts the program with ARGS,
# sizes its window, runs STEPS (eval'd; $pid and $wid are the program
# and its window), and writes $out/${shots_prefix}WIDTHxHEIGHT-NAME.png.
# Settings: shots_settle (seconds before and after STEPS, default 0.5),
# shots_only (only names containing it), shots_prefix (default none).

shots_settle=0.5
shots_only=
shots_prefix=

shots_setup () {
  local screen=$1; shift
  if [ -z "${MP_IN_XVFB:-}" ]; then
    MP_IN_XVFB=1 MP_XVFB_SCREEN=$screen exec "$(dirname "$(realpath "${BASH_SOURCE[0]}")")/with-xvfb.sh" "$0" "$@"
  fi
  moteplass=$build/src/ui/moteplass
  cli=$build/src/cli/moteplass-cli
  fixture=$build/tests/mp-ui-fixture
  export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none GSETTINGS_BACKEND=memory
  export GSETTINGS_SCHEMA_DIR=$build/data MP_LOCALEDIR=$build/po TZ=${TZ:-Europe/Oslo}
  mkdir -p "$out"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
}

shoot () {
  local name=$1 w=$2 h=$3 steps=$4 i; shift 4
  if [ -n "$shots_only" ] && [[ "$name" != *$shots_only* ]]; then return 0; fi
  "$moteplass" --non-unique "$@" 2>>"$work/stderr" &
  pid=$! wid=
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
  sleep $shots_settle
  eval "$steps"
  sleep $shots_settle
  import -window root -crop ${w}x${h}+0+0 "$out/$shots_prefix${w}x${h}-$name.png"
  kill $pid; wait $pid 2>/dev/null || true
}

# other: the newest other window of the program (a dialog)
other () { xdotool search --onlyvisible --pid $pid 2>/dev/null | grep -vx "$wid" | tail -1; }

# shots_done: what the program wrote to stderr, and where the pictures are
shots_done () {
  if [ -s "$work/stderr" ]; then sed 's/^/stderr: /' "$work/stderr" >&2; fi
  echo "Screenshots in $out"
}
