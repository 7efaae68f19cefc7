#!/bin/bash
# The report page of the real window, under a virtual X screen: reached
# from the event page's Report button (Alt+R), it shows the counts and
# the charts in light and dark style, exports a PDF off the main thread,
# and the events page reminds of registrations due for anonymisation.
#
#   test-report-page.sh MOTEPLASS MOTEPLASS-CLI
#
# The report is counted on a thread: the page says it is counting, the
# window answers meanwhile, and leaving drops the count (checked with
# MP_DEBUG_REPORT_DELAY_MS, which makes the count slow on purpose).
#
# Screenshots are kept in $MP_BUILD_DIR/artefacts/ui-report/. Prints TAP.

set -u

moteplass=$(realpath "$1")
cli=$(realpath "$2")

if [ -z "${MP_IN_XVFB:-}" ] && command -v xvfb-run >/dev/null; then
  MP_IN_XVFB=1 exec "$(dirname "$0")/with-xvfb.sh" "$0" "$@"
fi
if [ -z "${DISPLAY:-}" ]; then
  echo "1..0 # SKIP no X display and no xvfb-run"
  exit 0
fi
for tool in xdotool import; do
  if ! command -v $tool >/dev/null; then
    echo "1..0 # SKIP $tool is not installed"
    exit 0
  fi
done

export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none GSETTINGS_BACKEND=memory
export G_DEBUG=${G_DEBUG:-fatal-criticals}

artefacts=${MP_BUILD_DIR:-$(dirname "$moteplass")/../..}/artefacts/ui-report
mkdir -p "$artefacts"
rm -f "$artefacts"/*.png
work=$(mktemp -d)
pid=
trap 'if [ -n "$pid" ]; then kill $pid 2>/dev/null; fi; rm -rf "$work"' EXIT

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () {
  n=$((n + 1)); failed=1
  echo "not ok $n - $1"
  if [ -f "$work/state" ]; then sed 's/^/# state: /' "$work/state"; fi
  if [ -s "$work/stderr" ]; then sed 's/^/# stderr: /' "$work/stderr"; fi
}
check () { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }
shot () { sleep 0.3; import -window root "$artefacts/$1.png" 2>/dev/null; }

state_has () {
  local i line all
  for i in $(seq 1 500); do
    all=1
    for line in "$@"; do
      grep -qxF -- "$line" "$work/state" 2>/dev/null || { all=0; break; }
    done
    [ $all = 1 ] && return 0
    sleep 0.02
  done
  return 1
}

start () {
  : > "$work/stderr"
  rm -f "$work/state"
  MP_DEBUG_STATE="$work/state" MP_REPORT_EXPORT_FILE="$work/exported" \
    "$moteplass" --non-unique "$@" 2>"$work/stderr" &
  pid=$!
  wid=
  for i in $(seq 1 1000); do
    wid=$(xdotool search --onlyvisible --pid $pid 2>/dev/null | head -1)
    [ -n "$wid" ] && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.01
  done
  [ -n "$wid" ] || return 1
  xdotool windowsize $wid ${SIZE:-1280 800}
  xdotool windowfocus --sync $wid 2>/dev/null
  xdotool mousemove 1279 799
  return 0
}

stop () { kill $pid 2>/dev/null; wait $pid 2>/dev/null; pid=; }
key () { xdotool key --clearmodifiers "$@"; }

# The demo (three events with realistic arrivals and answers), and an
# event of 2020 whose registrations are long past the 12 months.
db=$work/report.db
"$cli" --db "$db" demo >/dev/null || { echo "Bail out! the demo failed"; exit 1; }
old=$("$cli" --db "$db" event add --title "Gammelt møte" --kind seminar --starts 2020-01-15T09:00)
"$cli" --db "$db" register "$old" --name "Gunnar Gammel" --email gunnar@old.example >/dev/null
"$cli" --db "$db" register "$old" --name "Guri Gammel" --email guri@old.example >/dev/null
"$cli" --db "$db" report 1 --json > "$work/report.json"
registered=$(python3 -c "import json; print(json.load(open('$work/report.json'))['registered'])")
arrived=$(python3 -c "import json; print(json.load(open('$work/report.json'))['arrived'])")

check "the window opens on the events page and knows 2 registrations are due" \
  "start --db '$db' && state_has 'page=events' 'retention_due=2'"
shot "1-events-retention-reminder"

# The toast's button sits at the bottom, right of the middle.
xdotool mousemove --window $wid 834 747 click 1
dialog=
for i in $(seq 1 250); do
  dialog=$(xdotool search --onlyvisible --pid $pid 2>/dev/null | grep -vx "$wid" | head -1)
  [ -n "$dialog" ] && break
  sleep 0.02
done
check "Anonymise Now… asks first, in a dialog" "[ -n '$dialog' ]"
shot "1b-retention-confirm"
check "nothing changed while it asks" "'$cli' --db '$db' search '$old' Gunnar | grep -q 'Gunnar Gammel'"
if [ -n "$dialog" ]; then
  xdotool windowfocus --sync $dialog 2>/dev/null
  key Tab Return
fi
check "after Anonymise, nothing is due" "state_has 'retention_due=0'"
check "Gunnar's name is gone, the count of the old event stayed" \
  "! '$cli' --db '$db' search '$old' Gunnar | grep -q Gunnar && '$cli' --db '$db' report '$old' --json | grep -q '\"registered\" : 2'"
shot "1c-retention-done"
stop

check "the events page again" "start --db '$db' && state_has 'page=events'"
key F10
sleep 0.3
key Down Return
period=
for i in $(seq 1 250); do
  period=$(xdotool search --onlyvisible --pid $pid 2>/dev/null | grep -vx "$wid" | head -1)
  [ -n "$period" ] && break
  sleep 0.02
done
check "the menu's Report Over a Period… opens its window" "[ -n '$period' ]"
shot "1d-period-report"
stop

# A slow count: the page says so, the window answers, leaving drops it.
export MP_DEBUG_REPORT_DELAY_MS=1500
check "slow count: the event opens" "start --db '$db' --event 1 && state_has 'page=event'"
key alt+r
check "while it counts, the report page says so (spinner), with no figures yet" \
  "state_has 'page=report' 'report.event=1' 'report.state=loading' && ! grep -q '^report.registered=' '$work/state'"
shot "2-report-counting"
key alt+Left
check "the window answers while it counts: Alt+Left goes back to the event at once" \
  "state_has 'page=event'"
sleep 2
check "the count left behind is dropped: still the event page, nothing logged" \
  "kill -0 $pid && grep -qx 'page=event' '$work/state' && ! grep -q -e CRITICAL -e WARNING '$work/stderr'"
key alt+r
check "Alt+R again: counting, then the report (waited for, not slept)" \
  "state_has 'page=report' 'report.state=loading' && state_has 'report.state=report' 'report.registered=$registered'"
stop
unset MP_DEBUG_REPORT_DELAY_MS

check "the event opens" "start --db '$db' --event 1 && state_has 'page=event'"
key alt+r
check "Alt+R opens its report with the counts of the CLI's report" \
  "state_has 'page=report' 'report.event=1' 'report.state=report' 'report.registered=$registered' 'report.arrived=$arrived' 'report.rows=complete'"
check "the chart has a row per sector with people, and an arrival curve" \
  "grep -q '^report.chart_rows=[1-9]' '$work/state' && grep -q '^report.arrival_slots=[1-9]' '$work/state'"
shot "2-report-light-1280"
# the lower half: arrival curve, organisations, answers
xdotool mousemove --window $wid 640 500
for i in $(seq 1 12); do xdotool click 5; done
shot "2a-report-light-1280-scrolled"
for i in $(seq 1 30); do xdotool click 5; done
shot "2b-report-light-1280-bottom"
for i in $(seq 1 60); do xdotool click 4; done
xdotool mousemove 1279 799

# Export… → PDF (the test names the file instead of a dialog)
key alt+e
sleep 0.3
shot "2c-export-menu"
key Return
check "Export… PDF writes the file off the main thread, and says so" \
  "state_has 'report.exported=$work/exported.pdf' && pdfinfo '$work/exported.pdf' | grep -q 'Pages:'"
shot "2d-exported-toast"
stop

export ADW_DEBUG_COLOR_SCHEME=prefer-dark
check "dark: the window opens on the report" "start --db '$db' --event 2 && state_has 'page=event'"
key alt+r
check "dark: the report shows event 2 in dark style" "state_has 'page=report' 'report.event=2' 'report.state=report' 'report.dark=1'"
shot "3-report-dark-1280"
stop
unset ADW_DEBUG_COLOR_SCHEME

SIZE="800 600"
check "small window: the report at 800×600" "start --db '$db' --event 1 && state_has 'page=event'"
key alt+r
check "small window: report shown" "state_has 'page=report' 'report.state=report'"
shot "4-report-light-800"
stop

echo "1..$n"
exit $failed
