#!/bin/bash
# The real Møteplass window on a temporary database, driven from outside
# with the keyboard as a person would, under a virtual X screen.
#
#   test-window.sh MOTEPLASS MP-UI-FIXTURE
#
# The window tells what it shows through MP_DEBUG_STATE (a text file it
# keeps up to date); the database is read back through the core. A
# screenshot of each step is kept in $MP_BUILD_DIR/artefacts/ui-window/.
# Prints TAP.

set -u

here=$(dirname "$(realpath "$0")")
. "$here/ui-lib.sh"

moteplass=$(realpath "$1")
fixture=$(realpath "$2")

ui_in_xvfb "$@"
ui_require xdotool import
ui_setup ui-window

rows () { grep '^row=' "$work/state" | cut -d'|' -f1 | cut -d= -f2-; }

# Waits until window $1 is gone, then gives the keyboard back to the main
# window (with no window manager, nobody else does).
close_wait () {
  for i in $(seq 1 250); do
    xdotool search --onlyvisible --pid $pid 2>/dev/null | grep -qx "$1" || break
    sleep 0.02
  done
  xdotool windowfocus --sync $wid 2>/dev/null
}

in_db () { "$fixture" --db "$work/events.db" --list | grep -q "^$1|"; }
dialog_of () { ui_other_window; }

TZ=Europe/Oslo "$fixture" --db "$work/events.db" || { echo "Bail out! the fixture failed"; exit 1; }

check "the window appears" "ui_start --db '$work/events.db'"

check "the events page lists upcoming events first, past last" \
  "ui_state_has 'page=events' 'view=list' \
     'upcoming=1|Dialogmøte om integrering og frivillighet|dialogue_meeting|12|4' \
     'upcoming=2|Frokostmøte: Frivilligsentralene inviterer|breakfast_meeting|3|0' \
     'past=3|Konferanse om inkludering i arbeidslivet|conference|9|4' \
   && [ \"\$(grep -E '^(upcoming|past)=' \$work/state | cut -d'|' -f1)\" = \"\$(printf 'upcoming=1\nupcoming=2\npast=3')\" ]"
ui_shot 01-events

key Return
check "Enter opens the first upcoming event with its attendees" \
  "ui_state_has 'page=event' 'event=1|Dialogmøte om integrering og frivillighet' 'counts=12|4' 'matches=12 people' \
   && [ \$(rows | wc -l) = 12 ]"
ui_shot 02-event

xdotool type --delay 40 "sorensen"
check "typing “sorensen” finds Sorensen and Sørensen (in that order), nobody else" \
  "ui_state_has 'query=sorensen' 'matches=2 of 12 shown' \
   && [ \"\$(rows)\" = \"\$(printf 'Nina Sorensen\nKari Sørensen')\" ]"
ui_shot 03-search-sorensen

key Escape
check "Escape clears the search" "ui_state_has 'query=' 'matches=12 people'"

key BackSpace
xdotool type --delay 40 "aasen"
check "typing “aasen” finds Åsen and Aasen" \
  "ui_state_has 'query=aasen' 'matches=2 of 12 shown' \
   && [ \"\$(rows)\" = \"\$(printf 'Per Aasen\nÅse Åsen')\" ]"

# Add a walk-in by hand, then check her in from the list.
key ctrl+shift+n
dialog=$(dialog_of)
if [ -n "$dialog" ]; then
  xdotool windowfocus --sync $dialog 2>/dev/null
  sleep 0.3
  xdotool type --delay 20 "Zainab"
  key Tab
  xdotool type --delay 60 "Sørli"
  key Tab
  xdotool type --delay 20 "Molde frivilligsentral"
  ui_shot 04-add-attendee
  key Return
  ui_state_has 'editor.added=Zainab Sørli|registered' >/dev/null
  ui_shot 04b-added
  key Escape
  close_wait $dialog
fi
key ctrl+f
xdotool type --delay 40 "zainab"
check "Ctrl+Shift+N adds an attendee by hand, found at once" \
  "[ -n '$dialog' ] && ui_state_has 'counts=13|4' 'query=zainab' 'matches=1 of 13 shown' \
   && [ \"\$(rows)\" = 'Zainab Sørli' ]"
key Tab Tab space
check "a found attendee can be selected" "ui_state_has 'selected=1'"
key ctrl+Return
check "Ctrl+Return checks the selected attendee in, and the list shows the time" \
  "ui_state_has 'counts=13|5' && grep -qE '^row=Zainab Sørli\|Molde frivilligsentral\|[^|]*\|registered\|[0-9]{2}[.:][0-9]{2}$' '$work/state'"
ui_shot 05-checked-in

key alt+Left
check "Alt+Left goes back to the events" "ui_state_has 'page=events'"

key ctrl+n
editor=$(ui_other_window)
check "Ctrl+N opens the new event dialog" "[ -n '$editor' ]"
if [ -n "$editor" ]; then
  xdotool windowfocus --sync $editor 2>/dev/null
  sleep 0.3
  xdotool type --delay 60 "Nabolagsmøte på Bekkevoll"
  ui_shot 06-new-event
  key Return
fi
check "Enter creates the event and opens it" \
  "ui_state_has 'page=event' 'event=4|Nabolagsmøte på Bekkevoll' 'view=empty'"
ui_shot 07-new-event-opened

check "the new event is in the database" \
  "\"$fixture\" --db \"$work/events.db\" --list | grep -qxF '4|Nabolagsmøte på Bekkevoll|dialogue_meeting|0|0'"

check "nothing was written to stderr" "[ ! -s '$work/stderr' ]"

key ctrl+q
ui_wait_until 5 ui_program_ended
if kill -0 $pid 2>/dev/null; then
  not_ok "Ctrl+Q quits"
  ui_stop
else
  wait $pid; status=$?
  pid=
  check "Ctrl+Q quits" "[ $status = 0 ]"
fi

# Delete: asked first, hidden at once, deleted when the undo toast goes
# (or when the window closes before that).
ui_start --db "$work/events.db"
ui_state_has 'page=events' 'upcoming=4|Nabolagsmøte på Bekkevoll|dialogue_meeting|0|0'
key Delete
dialog=$(dialog_of)
if [ -n "$dialog" ]; then
  xdotool windowfocus --sync $dialog 2>/dev/null
  ui_shot 08-delete-confirm
  key Tab Return
fi
check "Delete asks, then hides the event but keeps it while undo is possible" \
  "[ -n '$dialog' ] && ui_state_has 'page=events' 'upcoming=1|Dialogmøte om integrering og frivillighet|dialogue_meeting|13|5' \
   && ui_state_lacks 'upcoming=4|' && in_db 4"
ui_shot 09-deleted-toast
not_in_db () { ! in_db "$1"; }
check "the event is deleted from the database when the undo toast times out" "ui_wait_until 12 not_in_db 4"

xdotool windowfocus --sync $wid 2>/dev/null
ui_state_has 'upcoming=1|Dialogmøte om integrering og frivillighet|dialogue_meeting|13|5'
key Delete
dialog=$(dialog_of)
if [ -n "$dialog" ]; then
  xdotool windowfocus --sync $dialog 2>/dev/null
  sleep 0.2
  key Tab Return
fi
ui_state_has 'upcoming=2|Frokostmøte: Frivilligsentralene inviterer|breakfast_meeting|3|0'
xdotool windowfocus --sync $wid 2>/dev/null
key ctrl+q
ui_wait_until 5 ui_program_ended
ui_stop
check "a delete waiting for its undo toast is done when the window closes" \
  "! in_db 1 && in_db 2 && in_db 3"

# An event number that does not exist: the window opens on the events
# (it had put up the event page before reading the event).
ui_start --db "$work/events.db" --event 999
check "--event with a number that does not exist opens the events instead" \
  "ui_state_has 'page=events' && ui_state_matches '^upcoming=2|'"
ui_shot 06b-no-such-event
ui_stop

# A file that is not a Møteplass database: said in the window, not only
# on stderr, and the file is left as it was.
printf 'name,organisation\nKari,NAV\n' > "$work/not-a-db.csv"
cp "$work/not-a-db.csv" "$work/not-a-db.orig"
ui_start --db "$work/not-a-db.csv"
check "a file that is not a database is explained in the window and left untouched" \
  "ui_state_has 'page=error' && grep -q '^error=.' '$work/state' && cmp -s '$work/not-a-db.csv' '$work/not-a-db.orig'"
ui_shot 10-error
ui_stop

# First start on a new file: an empty state that offers example events.
ui_start --db "$work/new/first.db"
check "a new database starts with the empty state" \
  "ui_state_has 'page=events' 'view=empty' && [ -f '$work/new/first.db' ]"
ui_shot 11-first-start
key Tab Return
check "“Add Example Events” fills the database with living events" \
  "ui_state_has 'view=list' && [ \$(grep -cE '^(today|upcoming|past)=' '$work/state') -ge 3 ] \
   && [ \$(\"$fixture\" --db '$work/new/first.db' --list | wc -l) -ge 3 ]"
ui_shot 12-examples
check "nothing was written to stderr on the first start" "[ ! -s '$work/stderr' ]"
ui_stop

# The organiser's event page: import through the wizard, sort, search,
# filter, edit, and a change made elsewhere showing up by itself. The
# file chooser is stood in for by MP_IMPORT_FILE (see mp-event-page.c).
cli=${MP_BUILD_DIR:-$(dirname "$moteplass")/../..}/src/cli/moteplass-cli
"$fixture" --db "$work/import.db" || { echo "Bail out! the fixture failed"; exit 1; }
cat > "$work/påmeldinger.csv" <<'CSV'
Navn;E-post;Organisasjon;Sektor;Kommentar
Mona Sørensen;mona@orsta.kommune.no;Ørsta kommune;Kommune;kommer kanskje sent
Kari Sørensen;;Molde kommune;Kommune;
Bjørn Aasen;bjorn@nav.no;NAV Ålesund;NAV;
;mangler@navn.no;Uten navn;Annet;
Ivar Berg;ivar@berg.no;Zebra AS;Næringsliv;
;ikke-en-adresse;Molde frivilligsentral;Frivilligsentral;
CSV
export MP_IMPORT_FILE="$work/påmeldinger.csv"
check "the window opens on the breakfast event" \
  "ui_start --db '$work/import.db' --event 2 && ui_state_has 'page=event' 'event=2|Frokostmøte: Frivilligsentralene inviterer' 'matches=3 people'"
unset MP_IMPORT_FILE

key ctrl+i
dialog=$(dialog_of)
check "Ctrl+I reads the file and previews the import: 3 new, 1 already registered, lines 5 and 7 bad" \
  "[ -n '$dialog' ] && ui_state_has 'import=preview' 'import.busy=0' 'import.encoding=UTF-8' 'import.delimiter=semicolon' \
     'import.columns=Navn:name|E-post:email|Organisasjon:organisation|Sektor:sector|Kommentar:ignore' \
     'import.preview=new:3|merged:0|unchanged:1|repeated:0|bad:2' 'import.bad_lines=5,7'"
check "the preview wrote nothing" \
  "\"$fixture\" --db \"$work/import.db\" --list | grep -qxF '2|Frokostmøte: Frivilligsentralene inviterer|breakfast_meeting|3|0'"
if [ -n "$dialog" ]; then
  xdotool windowsize $dialog 720 640
  xdotool windowfocus --sync $dialog 2>/dev/null
  ui_shot 13-import-preview
  key ctrl+Return
fi
check "Ctrl+Return imports and sums up" \
  "ui_state_has 'import=done' 'import.result=added:3|merged:0|unchanged:1|repeated:0|skipped:2'"
ui_shot 14-import-done
check "the database has the three new registrations" \
  "\"$fixture\" --db \"$work/import.db\" --list | grep -qxF '2|Frokostmøte: Frivilligsentralene inviterer|breakfast_meeting|6|0'"
if [ -n "$dialog" ]; then key Escape; close_wait $dialog; fi
check "closing the summary shows the event with its new attendees" \
  "ui_state_lacks 'import=' && ui_state_has 'counts=6|0' 'matches=6 people'"

# The column headers sort: Norwegian order, Z before Ø before Å.
xdotool mousemove 381 217 click 1
check "clicking Organisation sorts by organisation, the Norwegian way" \
  "ui_state_has 'sort=organisation|ascending' \
   && [ \"\$(rows)\" = \"\$(printf 'Kari Sørensen\nOla Nordmann\nBjørn Aasen\nÅse Åsen\nIvar Berg\nMona Sørensen')\" ]"
ui_shot 15-sorted-by-organisation
xdotool mousemove 381 217 click 1
check "clicking it again sorts backwards" \
  "ui_state_has 'sort=organisation|descending' \
   && [ \"\$(rows)\" = \"\$(printf 'Mona Sørensen\nIvar Berg\nÅse Åsen\nBjørn Aasen\nOla Nordmann\nKari Sørensen')\" ]"
xdotool mousemove 1279 799
xdotool type --delay 40 "sorensen"
check "the search keeps the sort: “sorensen” finds both, Ørsta first" \
  "ui_state_has 'query=sorensen' 'matches=2 of 6 shown' \
   && [ \"\$(rows)\" = \"\$(printf 'Mona Sørensen\nKari Sørensen')\" ]"
key Escape
ui_state_has 'query=' >/dev/null

# The filter popover, by keyboard once open: the third sector is NAV.
xdotool mousemove 1105 172 click 1
sleep 0.5
key space
sleep 0.3
key Down Down Down Return
check "filtering by sector NAV shows the two from NAV" \
  "ui_state_has 'filter=sector=NAV|status=|arrived=' 'matches=2 of 6 shown' \
   && [ \"\$(rows)\" = \"\$(printf 'Bjørn Aasen\nOla Nordmann')\" ]"
ui_shot 16-filter-nav
key Escape
xdotool mousemove 1279 799

# Edit the first one (still by organisation, backwards): select the row,
# Ctrl+E, change the family name, Enter.
xdotool mousemove 200 251 click 1
xdotool mousemove 1279 799
key ctrl+e
editor=$(dialog_of)
check "Ctrl+E opens the selected registration with its check-in history" \
  "[ -n '$editor' ] && ui_state_has 'editor=edit|Bjørn Aasen' 'editor.history=0'"
if [ -n "$editor" ]; then
  xdotool windowfocus --sync $editor 2>/dev/null
  ui_shot 17-edit-registration
  key Tab End
  xdotool type --delay 20 -- "-Berg"
  key Return
  close_wait $editor
fi
check "the edit is saved and shown in the list" \
  "ui_state_lacks 'editor=' && ui_state_has 'filter=sector=NAV|status=|arrived=' \
   && [ \"\$(rows)\" = \"\$(printf 'Bjørn Aasen-Berg\nOla Nordmann')\" ]"
check "the edit is in the database" \
  "\"$cli\" --db \"$work/import.db\" search 2 aasen | grep -qF 'Bjørn Aasen-Berg'"

# Another desk (here the command line) registers someone: the page
# notices within seconds, filter and selection kept.
"$cli" --db "$work/import.db" register 2 --name "Lise Lund" --organisation "NAV Molde" --sector NAV >/dev/null
check "a registration made elsewhere appears by itself" \
  "ui_state_has 'counts=7|0' 'matches=3 of 7 shown' 'selected=1'"
ui_shot 18-live-refresh

xdotool windowsize $wid 800 600
ui_shot 19-event-page-800x600
xdotool windowsize $wid 1280 800

key alt+Left
ui_state_has 'page=events' >/dev/null
"$cli" --db "$work/import.db" register 2 --name "Siri Strand" --organisation "Molde kommune" --sector Kommune >/dev/null
check "the events list shows a registration made elsewhere by itself" \
  "ui_state_has 'page=events' 'upcoming=2|Frokostmøte: Frivilligsentralene inviterer|breakfast_meeting|8|0'"
check "nothing was written to stderr on the event page" "[ ! -s '$work/stderr' ]"
ui_stop

# Back from the check-in desk, the event page shows what the desk did
# (through the same connection, which the data version does not see).
ticket=$("$cli" --db "$work/import.db" register 2 --name "Tor Test" | tail -1 | cut -f2)
ui_start --db "$work/import.db" --event 2
ui_state_has 'page=event' 'counts=9|0' >/dev/null
sleep 0.5
xdotool mousemove 954 27 click 1
xdotool mousemove 1279 799
check "the Check-in Desk button opens the desk" "ui_state_has 'page=desk' 'desk.answer=ready'"
xdotool type --delay 2 "$ticket"; key Return
ui_state_has 'desk.counter=1/9 walkins=0' >/dev/null
key alt+Left
check "back from the desk, the event page counts the arrival made there" \
  "[ -n '$ticket' ] && ui_state_has 'page=event' 'counts=9|1'"
ui_stop

ui_done
