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

here=$(dirname "$(realpath "$0")")
. "$here/ui-lib.sh"

moteplass=$(realpath "$1")
cli=$(realpath "$2")

ui_in_xvfb "$@"
ui_require xdotool import sqlite3
ui_setup ui-report
ui_shot_delay=0.3
# The report's Export… writes here, without the file chooser.
ui_app_env=(MP_REPORT_EXPORT_FILE="$work/exported")

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
  "ui_start --db '$db' && ui_state_has 'page=events' 'retention_due=2'"
ui_shot "1-events-retention-reminder"

# The toast's button sits at the bottom, right of the middle.
xdotool mousemove --window $wid 834 747 click 1
dialog=$(ui_other_window)
check "Anonymise Now… asks first, in a dialog" "[ -n '$dialog' ]"
ui_shot "1b-retention-confirm"
check "nothing changed while it asks" "'$cli' --db '$db' search '$old' Gunnar | grep -q 'Gunnar Gammel'"
if [ -n "$dialog" ]; then
  xdotool windowfocus --sync $dialog 2>/dev/null
  key Tab Return
fi
check "after Anonymise, nothing is due" "ui_state_has 'retention_due=0'"
check "Gunnar's name is gone, the count of the old event stayed" \
  "! '$cli' --db '$db' search '$old' Gunnar | grep -q Gunnar && '$cli' --db '$db' report '$old' --json | grep -q '\"registered\" : 2'"
ui_shot "1c-retention-done"
ui_stop

open_period_window () {
  key F10
  sleep 0.3
  key Down Return
  period=$(ui_other_window)
  [ -n "$period" ]
}

# The period's count is slow on purpose: the window is closed while its
# thread counts, and the program goes on without it.
export MP_DEBUG_REPORT_DELAY_MS=1000
check "the events page again" "ui_start --db '$db' && ui_state_has 'page=events'"
check "the menu's Report Over a Period… opens its window" "open_period_window"
ui_shot_now "1d-period-report-counting"
if [ -n "$period" ]; then
  xdotool windowfocus --sync $period 2>/dev/null
  key Escape
fi
sleep 1.5
check "closed while it counted: the program goes on, nothing logged" \
  "kill -0 $pid && ! xdotool search --onlyvisible --pid $pid 2>/dev/null | grep -qvx '$wid' && ! grep -q -e CRITICAL -e WARNING '$work/stderr'"
check "opened again, it counts anew" "open_period_window"
# (the shot waits for the spinner to stop: the count is done)
ui_shot "1d-period-report"
ui_stop
unset MP_DEBUG_REPORT_DELAY_MS

# A slow count: the page says so, the window answers, leaving drops it.
export MP_DEBUG_REPORT_DELAY_MS=1500
check "slow count: the event opens" "ui_start --db '$db' --event 1 && ui_state_has 'page=event'"
key alt+r
check "while it counts, the report page says so (spinner), with no figures yet" \
  "ui_state_has 'page=report' 'report.event=1' 'report.state=loading' && ! grep -q '^report.registered=' '$work/state'"
ui_shot_now "2-report-counting"
key alt+Left
check "the window answers while it counts: Alt+Left goes back to the event at once" \
  "ui_state_has 'page=event'"
sleep 2
check "the count left behind is dropped: still the event page, nothing logged" \
  "kill -0 $pid && grep -qx 'page=event' '$work/state' && ! grep -q -e CRITICAL -e WARNING '$work/stderr'"
key alt+r
check "Alt+R again: counting, then the report (waited for, not slept)" \
  "ui_state_has 'page=report' 'report.state=loading' && ui_state_has 'report.state=report' 'report.registered=$registered'"
ui_stop
unset MP_DEBUG_REPORT_DELAY_MS

# One ticket of event 1 scanned at 16:12, hours after the others: the
# arrival curve keeps its width for the rest and sums it as "Later".
sqlite3 "$db" "UPDATE checkin SET at = (SELECT starts_at FROM event WHERE id = 1) + 7 * 3600 + 12 * 60
               WHERE id = (SELECT max(c.id) FROM checkin c JOIN registration r ON r.id = c.registration_id WHERE r.event_id = 1)"
check "the event opens" "ui_start --db '$db' --event 1 && ui_state_has 'page=event'"
key alt+r
check "Alt+R opens its report with the counts of the CLI's report" \
  "ui_state_has 'page=report' 'report.event=1' 'report.state=report' 'report.registered=$registered' 'report.arrived=$arrived' 'report.rows=complete'"
title=$("$cli" --db "$db" event show 1 --json | python3 -c "import json,sys; print(json.load(sys.stdin)['title'])")
check "the page carries the event's title" "ui_state_has 'report.title=$title'"
check "a held event has a no-show rate" "ui_state_matches '^report.no_shows=[0-9]* % No-shows$'"
check "the 16:12 arrival is one Later column; the axis stays short" \
  "ui_state_matches '^report.arrival_axis=[0-9]*×5 min earlier=0 later=1$' && ! ui_state_matches '^report.arrival_axis=[4-9][0-9]'"
check "answers are grouped by question, each under its heading" \
  "ui_state_matches '^report.answers.Dietary needs=[1-9]' && ui_state_matches '^report.answers.Interpreter languages=[1-9]'"
check "the chart has a row per sector with people, and an arrival curve" \
  "grep -q '^report.chart_rows=[1-9]' '$work/state' && grep -q '^report.arrival_slots=[1-9]' '$work/state'"
ui_shot "2-report-light-1280"
# the lower half: arrival curve, organisations, answers
xdotool mousemove --window $wid 640 500
for i in $(seq 1 12); do xdotool click 5; done
ui_shot "2a-report-light-1280-scrolled"
# A sector's organisations are listed when it is opened (not before: a
# large event has over a thousand); the first sector's row, scrolled so.
check "the organisations are not listed before a sector is opened" "ui_state_has 'report.organisations_listed=0'"
xdotool mousemove --window $wid 640 203 click 1
check "opening a sector lists its organisations" "ui_state_matches '^report.organisations_listed=[1-9]'"
ui_shot "2a2-report-sector-opened"
xdotool mousemove --window $wid 640 203 click 1
xdotool mousemove --window $wid 640 500
for i in $(seq 1 30); do xdotool click 5; done
ui_shot "2b-report-light-1280-bottom"
for i in $(seq 1 60); do xdotool click 4; done
xdotool mousemove 1279 799

# Export… → PDF (the test names the file instead of a dialog)
key alt+e
sleep 0.3
ui_shot "2c-export-menu"
key Return
check "Export… PDF writes the file off the main thread, and says so" \
  "ui_state_has 'report.exported=$work/exported.pdf' && pdfinfo '$work/exported.pdf' | grep -q 'Pages:'"
ui_shot "2d-exported-toast"
ui_stop

export ADW_DEBUG_COLOR_SCHEME=prefer-dark
check "dark: the window opens on the report" "ui_start --db '$db' --event 2 && ui_state_has 'page=event'"
key alt+r
check "dark: the report shows event 2 in dark style" "ui_state_has 'page=report' 'report.event=2' 'report.state=report' 'report.dark=1'"
ui_shot "3-report-dark-1280"
ui_stop
unset ADW_DEBUG_COLOR_SCHEME

# The event deleted by someone else while its report was counted: the
# page says what went wrong, in words, with Try Again.
cp "$db" "$work/gone.db"
export MP_DEBUG_REPORT_DELAY_MS=1500
check "an event being counted: the event opens" "ui_start --db '$work/gone.db' --event 3 && ui_state_has 'page=event'"
key alt+r
ui_state_has 'report.state=loading'
sqlite3 "$work/gone.db" "PRAGMA foreign_keys = ON; DELETE FROM event WHERE id = 3"
check "deleted meanwhile: the report page says so in words, no crash" \
  "ui_state_has 'report.state=error' 'report.error=There is no event number 3.' && kill -0 $pid"
ui_shot "2f-report-error"
ui_stop
unset MP_DEBUG_REPORT_DELAY_MS

check "an event next week: the event opens" "ui_start --db '$db' --event 3 && ui_state_has 'page=event'"
key alt+r
check "not held yet: no no-show rate, the tile says so" \
  "ui_state_has 'page=report' 'report.event=3' 'report.state=report' 'report.no_shows=– Not held yet'"
ui_shot "2g-report-not-held-yet"
ui_stop

ui_size="800 600"
check "small window: the report at 800×600" "ui_start --db '$db' --event 1 && ui_state_has 'page=event'"
key alt+r
check "small window: report shown" "ui_state_has 'page=report' 'report.state=report'"
ui_shot "4-report-light-800"
ui_stop

ui_done
