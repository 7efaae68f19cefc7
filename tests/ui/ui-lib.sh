# ui-lib.sh: the prologue every UI test script shares, sourced (never run).
#
#   here=$(dirname "$(realpath "$0")")
#   . "$here/ui-lib.sh"
#   moteplass=$(realpath "$1")          # the program ui_start runs
#   ui_in_xvfb "$@"                     # a virtual X screen of its own
#   ui_require xdotool import sqlite3   # else 1..0 # SKIP
#   ui_setup ui-window                  # environment, $work, $artefacts
#   check "the window appears" "ui_start --db '$work/events.db'"
#   ui_shot 01-events
#   ...
#   ui_done                             # the plan, and the exit status
#
# What it gives a script:
#   $work       a temporary folder, removed on exit (with the program,
#               if one still runs, and ui_exit_hook, if set, called first)
#   $artefacts  $MP_BUILD_DIR/artefacts/NAME (screenshots, trees), emptied
#   $pid, $wid  the program ui_start started, and its window
#   $work/state   what the window shows (MP_DEBUG_STATE)
#   $work/stderr  what the program wrote to stderr
#   TAP from tests/tap.sh: ok, not_ok, skip, check, need; ui_done ends
#   (tap_done); the count in $n, $failed.
#   and, each documented below: ui_in_atspi, ui_keyfile, ui_launch,
#   ui_wait_window, ui_stop, ui_other_window, key, ui_wait_until, ui_wait,
#   ui_state_matches, ui_state_lacks, ui_state_value.
#
# Settings a script may change before calling the functions:
#   ui_shot_delay  seconds to wait before a screenshot (default none)
#   ui_timeout     seconds ui_state_has & co. wait (default 10)
#   ui_size        the window's size for ui_start (default "1280 800")
#   ui_position    where ui_start moves the window (default: left as is)
#   ui_pointer     where ui_start leaves the pointer (default "1279 799")
#   ui_app_env     an array of VAR=VALUE the program is started with
#   ui_exit_hook   a command run on exit, after the program is killed
# and it may define ui_diagnose (what a not_ok prints) anew.

# Needs bash; the caller chooses set -u.
ui_lib_dir=$(dirname "$(realpath "${BASH_SOURCE[0]}")")
. "$ui_lib_dir/../tap.sh"

pid=
wid=
ui_shot_delay=
ui_timeout=10
ui_size="1280 800"
ui_position=
ui_pointer="1279 799"
ui_app_env=()
ui_exit_hook=

# ui_in_xvfb "$@": runs the calling script again on a virtual X screen
# of its own (with-xvfb.sh), never on the desktop of the person running
# the tests (xdotool types); with no X display at all, skips the test.
ui_in_xvfb () {
  if [ -z "${MP_IN_XVFB:-}" ] && command -v xvfb-run >/dev/null; then
    MP_IN_XVFB=1 exec "$ui_lib_dir/with-xvfb.sh" "$0" "$@"
  fi
  if [ -z "${DISPLAY:-}" ]; then
    echo "1..0 # SKIP no X display and no xvfb-run"
    exit 0
  fi
}

# ui_in_atspi "$@": runs the calling script again in a D-Bus session of
# its own with the AT-SPI bus (with-atspi.sh), which then sets MP_ATSPI=1
# or MP_ATSPI_MISSING=why.
ui_in_atspi () {
  if [ -z "${MP_ATSPI:-}${MP_ATSPI_MISSING:-}" ]; then
    exec "$ui_lib_dir/with-atspi.sh" "$0" "$@"
  fi
}

# ui_require TOOL...: skips the whole test when a tool is not installed.
ui_require () { need "$@"; }

# ui_setup NAME [GLOB]: the environment of a UI test (X11, the cairo
# renderer, no accessibility bus, settings in memory, criticals fatal),
# $artefacts (NAME under the build folder, its files matching GLOB,
# default *.png, removed), $work and the cleanup on exit.
ui_setup () {
  export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none GSETTINGS_BACKEND=memory
  export G_DEBUG=${G_DEBUG:-fatal-criticals}
  artefacts=${MP_BUILD_DIR:-$(dirname "$moteplass")/../..}/artefacts/$1
  mkdir -p "$artefacts"
  rm -f "$artefacts"/${2:-*.png}
  work=$(mktemp -d)
  trap ui_cleanup EXIT
}

ui_cleanup () {
  if [ -n "$pid" ]; then kill $pid 2>/dev/null; fi
  if [ -n "$ui_exit_hook" ]; then $ui_exit_hook; fi
  rm -rf "$work"
}

# ui_keyfile: settings in a keyfile of the test's own, as on a real
# machine (GSETTINGS_BACKEND=keyfile under $work/config); write them to
# the file named in $ui_keyfile.
ui_keyfile () {
  export GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$work/config"
  mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
  ui_keyfile=$XDG_CONFIG_HOME/glib-2.0/settings/keyfile
}

# -- TAP (tests/tap.sh)

# ui_done: the plan, and the exit status (1 when anything failed).
ui_done () { tap_done; }

# What a failed check prints as TAP comments: the state file and stderr.
# A script may define ui_diagnose anew.
tap_diagnose () { ui_diagnose; }
ui_diagnose () {
  if [ -f "$work/state" ]; then sed 's/^/# state: /' "$work/state"; fi
  if [ -s "$work/stderr" ]; then sed 's/^/# stderr: /' "$work/stderr"; fi
}

# -- the program

# ui_launch ARGS...: starts Møteplass (--non-unique ARGS, with the
# variables of ui_app_env) in the background; sets $pid.
ui_launch () {
  : > "$work/stderr"
  rm -f "$work/state"
  env "${ui_app_env[@]}" MP_DEBUG_STATE="$work/state" \
    "$moteplass" --non-unique "$@" 2>"$work/stderr" &
  pid=$!
}

# ui_wait_window: waits up to 10 s for a visible window of $pid (polling
# every 10 ms); sets $wid; fails when none came or the program ended.
ui_wait_window () {
  local i
  wid=
  for i in $(seq 1 1000); do
    wid=$(xdotool search --onlyvisible --pid $pid 2>/dev/null | head -1)
    [ -n "$wid" ] && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.01
  done
  [ -n "$wid" ]
}

# ui_start ARGS...: starts Møteplass and waits for its window; with no
# window manager, sizes ($ui_size), places ($ui_position) and focuses it,
# and moves the pointer away ($ui_pointer). Sets $pid and $wid.
ui_start () {
  ui_launch "$@"
  ui_wait_window || return 1
  xdotool windowsize $wid $ui_size
  if [ -n "$ui_position" ]; then xdotool windowmove $wid $ui_position; fi
  xdotool windowfocus --sync $wid 2>/dev/null
  xdotool mousemove $ui_pointer
  return 0
}

# ui_other_window [WINDOW...]: the newest visible window of the program
# other than its main window $wid and the WINDOWs given (a dialog, a file
# chooser), waited for up to $ui_timeout s; prints nothing when none came.
ui_other_window () {
  local w= i
  for i in $(seq 1 $((ui_timeout * 50))); do
    w=$(xdotool search --onlyvisible --pid $pid 2>/dev/null | grep -vxF "$(printf '%s\n' "$wid" "$@")" | tail -1)
    [ -n "$w" ] && break
    sleep 0.02
  done
  echo "$w"
}

# ui_program_ended: the program ui_start started has ended (for ui_wait).
ui_program_ended () { ! kill -0 $pid 2>/dev/null; }

# ui_stop: ends the program ui_start started.
ui_stop () {
  if [ -n "$pid" ]; then kill $pid 2>/dev/null; wait $pid 2>/dev/null; fi
  pid=
}

key () { xdotool key --clearmodifiers "$@"; }
# (xdotool type: a letter the US keyboard map lacks — æ, ø, å, Arabic —
# is typed by binding a spare key to it for the --delay after the key is
# released; a window busy for longer reads it unbound. Such text is typed
# with --delay 60, as the tests run beside others; a search can use an
# ASCII spelling Norwegian matching accepts, "Aase" for "Åse".)

# ui_shot NAME: the whole screen into $artefacts/NAME.png, once it has
# stopped changing (two pictures 150 ms apart the same: a cross-fade, a
# new page or a dialog has finished drawing), or after 3 s as it is then.
ui_shot () {
  if [ -n "$ui_shot_delay" ]; then sleep "$ui_shot_delay"; fi
  ui_wait_still
  mv -f "$work/shot-a.png" "$artefacts/$1.png"
}

# ui_shot_now NAME: the screen as it is this moment (what is under way:
# a progress bar, a spinner; waiting would let it finish).
ui_shot_now () {
  if [ -n "$ui_shot_delay" ]; then sleep "$ui_shot_delay"; fi
  import -window root "$artefacts/$1.png" 2>/dev/null
}

# ui_wait_still: waits until the screen stops changing (at most 3 s);
# the last picture of it is $work/shot-a.png.
ui_wait_still () {
  import -window root "$work/shot-a.png" 2>/dev/null
  ui_wait_until 3 ui_screen_still
}
ui_screen_still () {
  sleep 0.15
  import -window root "$work/shot-b.png" 2>/dev/null
  if cmp -s "$work/shot-a.png" "$work/shot-b.png"; then return 0; fi
  mv -f "$work/shot-b.png" "$work/shot-a.png"
  return 1
}

# -- waiting for what the window shows

# ui_wait_until SECONDS COMMAND...: runs the command every 20 ms until it
# succeeds, for up to SECONDS (a deadline, not a pause: it returns as
# soon as the command succeeds); fails when it never did. The shell's
# mp_test_wait_until ().
ui_wait_until () {
  local deadline=$(( $(date +%s%N) + ${1%.*} * 1000000000 )); shift
  while true; do
    "$@" && return 0
    [ "$(date +%s%N)" -lt $deadline ] || return 1
    sleep 0.02
  done
}

# ui_wait COMMAND...: ui_wait_until with $ui_timeout seconds.
ui_wait () { ui_wait_until "$ui_timeout" "$@"; }

# ui_state_has LINE...: waits until the state file has every line given
# (whole lines).
ui_state_has () { ui_wait ui_state_has_now "$@"; }
ui_state_has_now () {
  local line
  for line in "$@"; do
    grep -qxF -- "$line" "$work/state" 2>/dev/null || return 1
  done
}

# ui_state_matches REGEX: waits until a line of the state file matches.
ui_state_matches () { ui_wait grep -q -- "$1" "$work/state" 2>/dev/null; }

# ui_state_lacks TEXT: waits until no line of the state file has TEXT.
ui_state_lacks () { ui_wait ui_state_lacks_now "$1"; }
ui_state_lacks_now () { [ -f "$work/state" ] && ! grep -qF -- "$1" "$work/state"; }

# ui_state_value KEY: the value of the first KEY= line, now.
ui_state_value () { grep -m1 "^$1=" "$work/state" 2>/dev/null | cut -d= -f2-; }
