#!/bin/bash
# Two desks at two doors, each a window in desk mode on a database of its
# own, both joined to one hub (a throw-away PostgreSQL: run inside
# tests/hub/with-hub.sh). The windows run the sync themselves (no
# `hub run` beside them). A ticket scanned at window A answers amber
# "already checked in … (Desk A)" at window B a second later; the header
# bars say "Synced"; the hub stopped (immediate shutdown), they say
# "Offline since …" and the door goes on; the hub started again, they
# say "Synced" and what was scanned meanwhile has reached the other.
# Screenshots of both windows side by side are kept in
# $MP_BUILD_DIR/artefacts/ui-hub-windows/ (a screen of 2560×800).
#
#   with-hub.sh test-hub-windows.sh MOTEPLASS MOTEPLASS-CLI
#
# Prints TAP.

set -u

here=$(dirname "$(realpath "$0")")
. "$here/ui-lib.sh"

moteplass=$(realpath "$1")
cli=$(realpath "$2")

# A screen wide enough for two windows of 1280×800 side by side.
if [ -z "${MP_IN_XVFB:-}" ] && command -v xvfb-run >/dev/null; then
  MP_IN_XVFB=1 exec xvfb-run -a -n $((100 + RANDOM % 800)) \
    -s '-screen 0 2560x800x24 -nolisten tcp -noreset' "$0" "$@"
fi
ui_in_xvfb "$@"
ui_require xdotool import sqlite3 pg_ctlcluster pdftotext
ui_setup ui-hub-windows
export LANGUAGE=en LC_ALL=C.UTF-8 TZ=Europe/Oslo
ui_timeout=20

# Two programs: $pid_a/$wid_a at the left, $pid_b/$wid_b at the right,
# each with its own settings (its desk name) and its own state file.
pid_a= pid_b=
ui_exit_hook=stop_both
stop_both () {
  for p in $pid_a $pid_b; do kill "$p" 2>/dev/null; done
  # the hub must be up again for pg_virtualenv to drop it
  pg_ctlcluster 15 regress start 2>/dev/null
}

ui_diagnose () {
  local d
  for d in a b; do
    if [ -f "$work/state-$d" ]; then sed "s/^/# state $d: /" "$work/state-$d" | grep -E "page=|hub=|desk\.(answer|message|counter|name)="; fi
    if [ -s "$work/stderr-$d" ]; then sed "s/^/# stderr $d: /" "$work/stderr-$d" | head -20; fi
  done
}

# launch_desk a|b NAME X: the window of desk NAME at x=X, in desk mode.
launch_desk () {
  local d=$1 name=$2 x=$3 w=
  mkdir -p "$work/config-$d/glib-2.0/settings"
  printf "[no/moteplass/Moteplass]\ndesk-name='%s'\n" "$name" >"$work/config-$d/glib-2.0/settings/keyfile"
  env GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$work/config-$d" MP_DEBUG_STATE="$work/state-$d" \
    "$moteplass" --non-unique --db "$work/$d.db" --event 1 --desk 2>"$work/stderr-$d" &
  eval "pid_$d=$!"
  for _ in $(seq 1 1000); do
    w=$(xdotool search --onlyvisible --pid "$(eval echo \$pid_$d)" 2>/dev/null | head -1)
    [ -n "$w" ] && break
    sleep 0.01
  done
  [ -n "$w" ] || return 1
  eval "wid_$d=$w"
  xdotool windowsize "$w" 1280 800
  xdotool windowmove "$w" "$x" 0
}

has () {  # has a|b LINE...: the state file of a desk has every line, now
  local d=$1 line; shift
  for line in "$@"; do grep -qxF -- "$line" "$work/state-$d" 2>/dev/null || return 1; done
}
wait_for () { ui_wait has "$@"; }
matches () { grep -q -- "$2" "$work/state-$1" 2>/dev/null; }
value () { grep -m1 "^$2=" "$work/state-$1" 2>/dev/null | cut -d= -f2-; }

# scan a|b TEXT: a scanner at that window's desk (the keys go to it)
scan () {
  local w
  w=$(eval echo \$wid_$1)
  xdotool windowfocus --sync "$w" 2>/dev/null
  xdotool type --window "$w" --delay 2 "$2"$'\r'
}
scan_expect () {  # scan_expect a|b TICKET ANSWER-LINE
  local before
  before=$(value "$1" desk.answers)
  scan "$1" "$2"
  wait_for "$1" "desk.answers=$((before + 1))" "desk.answer=$3"
}

# --- the hub and the two desks' databases, as the README says ---------
"$cli" hub init >/dev/null || { echo "Bail out! hub init failed"; exit 1; }
"$cli" --db "$work/a.db" event add --title "Dialogmøte om frivillighet" --kind dialogmøte \
  --starts "$(date +%Y-%m-%d)T08:30" >/dev/null || { echo "Bail out! no event"; exit 1; }
for person in "Kari Sørensen|Molde kommune" "Ola Nordmann|NAV Molde" "Åse Åsen|Røde Kors Molde" \
              "Ahmed Hassan|Somalisk forening" "Ingrid Bakke|Møre og Romsdal fylkeskommune"; do
  IFS='|' read -r name org <<<"$person"
  "$cli" --db "$work/a.db" register 1 --name "$name" --organisation "$org" >/dev/null
done
mapfile -t tickets < <(sqlite3 "$work/a.db" "SELECT 'MP1' || r.token FROM registration r JOIN person p ON p.id = r.person_id ORDER BY p.name")
check "desk A joins the hub with the event" "'$cli' --db '$work/a.db' hub join '' --desk 'Desk A' >/dev/null"
check "desk B, a new computer, joins and gets it" "'$cli' --db '$work/b.db' hub join '' --desk 'Desk B' >/dev/null"

# --- two windows in desk mode, side by side ------------------------------
check "window A opens at the desk" "launch_desk a 'Desk A' 0 && wait_for a page=desk 'desk.answer=ready' 'desk.name=Desk A'"
check "window B opens at the desk" "launch_desk b 'Desk B' 1280 && wait_for b page=desk 'desk.answer=ready' 'desk.name=Desk B'"
check "both header bars say the hub is synced (the windows sync by themselves)" \
  "wait_for a hub=Synced && wait_for b hub=Synced"
ui_shot 01-both-synced

check "a scan at window A: welcome" "scan_expect a '${tickets[0]}' 'checked-in Ahmed Hassan'"
t_a=$(date +%s%N)
# the counter at B moves by itself when A's check-in arrives
ui_wait_until 5 has b 'desk.counter=1/5 walkins=0'
t_b=$(date +%s%N)
echo "# A's check-in reached B's counter after $(( (t_b - t_a) / 1000000 )) ms"
ui_shot 02-a-checked-in
sleep_until=$(( t_a + 1000000000 - $(date +%s%N) ))
[ $sleep_until -gt 0 ] && sleep "0.$(printf '%09d' $sleep_until)"
check "a second after, the same ticket at window B: amber, already checked in at Desk A" \
  "scan_expect b '${tickets[0]}' 'already Ahmed Hassan' && matches b '^desk.message=.*(Desk A)'"
ui_shot 03-b-already-at-desk-a
check "… and B recorded nothing new: one check-in in each file" \
  "[ \"\$(sqlite3 '$work/a.db' 'SELECT count(*) FROM checkin')\" = 1 ] && [ \"\$(sqlite3 '$work/b.db' 'SELECT count(*) FROM checkin')\" = 1 ]"

# --- the hub goes away ------------------------------------------------
pg_ctlcluster 15 regress stop -m immediate
check "the hub stopped: both header bars say offline since …" \
  "ui_wait matches a '^hub=Offline since ' && ui_wait matches b '^hub=Offline since '"
check "offline, the door goes on: a scan at A is welcome" "scan_expect a '${tickets[1]}' 'checked-in Ingrid Bakke'"
check "… and A's header counts what waits" "ui_wait matches a '^hub=Offline since .*, 1 waiting$'"
# the same ticket at both doors while they cannot reach each other
check "apart, one ticket is welcome at A …" "scan_expect a '${tickets[2]}' 'checked-in Kari Sørensen'"
check "… and at B" "scan_expect b '${tickets[2]}' 'checked-in Kari Sørensen'"
ui_shot 04-offline

pg_ctlcluster 15 regress start
check "the hub back: both header bars say synced again, by themselves" \
  "wait_for a hub=Synced && wait_for b hub=Synced"
check "… and what A scanned offline reached B: amber there" \
  "scan_expect b '${tickets[1]}' 'already Ingrid Bakke' && matches b '^desk.message=.*(Desk A)'"
ui_shot 05-synced-again

# the event page and the report say it: admitted twice, counted once
check "back at A's event page: 3 arrived, 1 ticket admitted twice while offline, marked in its row" \
  "xdotool windowfocus --sync \$wid_a 2>/dev/null; xdotool key --clearmodifiers alt+Left; \
   wait_for a page=event admitted_twice=1 'row_admitted_twice=Kari Sørensen' && matches a '^counts=.*3'"
ui_shot 06-event-page-admitted-twice
check "A's report: arrived 3, admitted twice 1" \
  "xdotool key --clearmodifiers alt+r; wait_for a page=report report.state=report report.arrived=3 report.admitted_twice=1"
ui_shot 07-report-admitted-twice
check "… and in the report's PDF" \
  "'$cli' --db '$work/a.db' report 1 --pdf '$work/report.pdf' >/dev/null && pdftotext '$work/report.pdf' - | grep -q 'Admitted twice'"

# quit_desk a|b: Ctrl+Q, as a person closes it: the worker stops, the
# program ends (within 10 s)
quit_desk () {
  local p w
  p=$(eval echo \$pid_$1)
  w=$(eval echo \$wid_$1)
  xdotool windowfocus --sync "$w" 2>/dev/null
  xdotool key --clearmodifiers ctrl+q
  if ! ui_wait_until 10 ui_gone "$p"; then
    echo "# $1 did not end:"
    gdb -p "$p" -batch -ex "thread apply all bt" 2>/dev/null | grep -E "^Thread| in (mp_|_mp_|g_thread_join|gtk_|g_application|PQ|pq|poll|main|sqlite3_step)" | grep -v -E "aqueue|gst" | head -80 | sed "s/^/#   /"
    return 1
  fi
  wait "$p"
}
ui_gone () { ! kill -0 "$1" 2>/dev/null; }
for d in a b; do
  check "window $d quits cleanly, its worker stopped (exit 0)" "quit_desk $d"
  eval "pid_$d="
done
check "every file is sound" \
  "[ \"\$(sqlite3 '$work/a.db' 'PRAGMA integrity_check')\" = ok ] && [ \"\$(sqlite3 '$work/b.db' 'PRAGMA integrity_check')\" = ok ]"

ui_done
