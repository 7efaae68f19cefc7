#!/bin/bash
# The organiser's office, in the real window as a person uses it: the
# events list and the chosen event side by side in a wide window and
# alone in a narrow one; today's event's check-in desk straight from the
# list; a new event with a contact person and times typed as people
# write them ("815", "9.30"); the example events removed in one go, and
# only they; a ticket's code typed at the desk from the text under its
# symbol, checked in.
#
#   test-office-events.sh MOTEPLASS MOTEPLASS-CLI
#
# Screenshots: $MP_BUILD_DIR/artefacts/ui-office-events/. Prints TAP.

set -u

moteplass=$(realpath "$1")
cli=$(realpath "$2")
here=$(dirname "$(realpath "$0")")
. "$here/ui-lib.sh"

# a screen as large as the largest window measured
export MP_XVFB_SCREEN=1920x1080
ui_in_xvfb "$@"
ui_require xdotool import python3
ui_setup ui-office-events
export TZ=${TZ:-Europe/Oslo}

db=$work/office.db
"$cli" --db "$db" demo >/dev/null || { echo "Bail out! the demo failed"; exit 1; }
# the organiser's own event, beside the examples
real=$("$cli" --db "$db" event add --title "Budsjettmøte" --kind workshop --starts 2031-02-03T10:00)
"$cli" --db "$db" register "$real" --name "Eva Egen" --organisation "Molde kommune" >/dev/null
today=$("$cli" --db "$db" event list --json | python3 -c "
import json, sys, datetime
for e in json.load(sys.stdin):
    if e['starts_at'][:10] == datetime.date.today().isoformat(): print(e['id'])" | head -1)
json_of () { "$cli" --db "$db" event show "$1" --json; }
field () { python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }

# -- wide: the list and the chosen event side by side
ui_size="1366 768"
check "wide: the events and, beside them, the first event chosen" \
  "ui_start --db '$db' && ui_state_has 'page=events' 'layout=wide' && ui_state_matches '^chosen=$today|'"
check "the example events are marked as examples, the organiser's own is not" \
  "ui_state_has 'remove-examples=enabled' && [ \$(grep -c '^example=' '$work/state') = 3 ] && ! grep -qx 'example=$real' '$work/state'"
ui_shot 01-wide
pos=$(grep "^row-at=$real|" "$work/state" | cut -d'|' -f2)
xdotool mousemove --window $wid ${pos%,*} ${pos#*,} click 1
check "a click on another event chooses it, shown beside the list, without opening it" \
  "ui_state_has 'page=events' 'chosen=$real|Budsjettmøte'"
ui_shot 02-wide-chosen
key Return
check "Enter opens the chosen event's page" "ui_state_has 'page=event' 'event=$real|Budsjettmøte'"
key alt+Left
check "back to the events" "ui_state_has 'page=events'"

# today's row carries its desk
pos=$(ui_state_value desk-button | cut -d'|' -f2)
check "today's event (only) has an Open Check-in Desk button in its row" \
  "[ -n '$pos' ] && [ \$(grep -c '^desk-button=' '$work/state') = 1 ] && ui_state_matches '^desk-button=$today|'"
xdotool mousemove --window $wid ${pos%,*} ${pos#*,} click 1
check "Open Check-in Desk in the list opens that event's desk" \
  "ui_state_has 'page=desk' && ui_state_matches '^desk.event=$today|'"
ui_shot 03-desk-from-list

# a ticket's code typed by a person from the text under its symbol
ticket=$("$cli" --db "$db" search "$today" "" --json 2>/dev/null | python3 -c "
import json, sys
for a in json.load(sys.stdin):
    if a['status'] == 'registered' and not a['arrived']: print(a['ticket']); break")
name=$("$cli" --db "$db" search "$today" "" --json 2>/dev/null | python3 -c "
import json, sys
for a in json.load(sys.stdin):
    if a['ticket'] == '$ticket': print(a['name']); break")
typed=$(echo "${ticket#MP1}" | sed 's/..../& /g; s/ $//' | tr 'A-Z' 'a-z' | sed 's/o/0/; s/^/mp1 /')
before=$(ui_state_value desk.answers)
xdotool type --delay 60 "$typed"
check "the typed code is recognised as a ticket" "ui_state_has 'desk.search=$typed'"
ui_shot 04-code-typed
key Return
check "Enter checks in the ticket typed by hand ($typed), as a scan would" \
  "ui_state_has \"desk.answers=\$((before + 1))\" \"desk.answer=checked-in $name\""
ui_shot 05-code-checked-in
ui_stop

# -- narrow: the list alone, a click opens
ui_size="800 600"
ui_pointer="799 599"
check "narrow: the list alone" "ui_start --db '$db' && ui_state_has 'page=events' 'layout=narrow' && ! grep -q '^chosen=' '$work/state'"
ui_shot 06-narrow
key Return
check "narrow: Enter opens the first event" "ui_state_has 'page=event'"
ui_stop

# -- a new event, its times typed
ui_size="1024 600"
ui_pointer="1023 599"
check "the events again" "ui_start --db '$db' && ui_state_has 'page=events'"
key ctrl+n
editor=$(ui_other_window)
if [ -n "$editor" ]; then
  xdotool windowfocus --sync $editor 2>/dev/null
  sleep 0.3
  xdotool type --delay 60 "Frokostmøte: tema"
  key Tab Tab Tab
  xdotool type --delay 10 "Kari Nordmann, 912 34 567"
  key Tab Tab ctrl+a
  xdotool type --delay 10 "815"
  key Tab Tab ctrl+a
  xdotool type --delay 10 "9.3"
  ui_shot 07-time-half-typed
  xdotool type --delay 10 "0"
  ui_shot 08-new-event
  key Return
fi
check "Ctrl+N, a title, a contact, 815 and 9.30 typed, Enter: the event is made" \
  "[ -n '$editor' ] && ui_state_has 'page=event' && ui_state_matches '^event=[0-9]*|Frokostmøte: tema$'"
new=$(grep '^event=' "$work/state" | cut -d= -f2 | cut -d'|' -f1)
check "it starts at 08:15 and ends at 09:30, with its contact person" \
  "json_of $new | grep -q '\"starts_at\" : \"[0-9-]*T08:15:00' && json_of $new | grep -q '\"ends_at\" : \"[0-9-]*T09:30:00' \
   && [ \"\$(json_of $new | field contact)\" = 'Kari Nordmann, 912 34 567' ] && [ \"\$(json_of $new | field example)\" = False ]"
key alt+Left
ui_state_has 'page=events'

# -- the example events removed, the organiser's own kept
key F10
sleep 0.3
key Down Down Return
check "Remove Example Events: the examples leave the list at once, with a notice" \
  "ui_state_lacks 'example=' && ui_state_has 'remove-examples=disabled'"
ui_shot 09-examples-removed
check "when the notice goes, they are gone from the file; the organiser's own events stay" \
  "ui_wait_until 15 sh -c \"[ \\\$('$cli' --db '$db' event list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') = 2 ]\" \
   && '$cli' --db '$db' event show '$real' >/dev/null && '$cli' --db '$db' event show '$new' >/dev/null"
check "nothing was written to stderr" "[ ! -s '$work/stderr' ]"
ui_stop

ui_done
