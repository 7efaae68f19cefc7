#!/bin/bash
# The organiser's office work in the real window, driven from outside as
# a person would (issue 17): the follow-up mailing list for two events
# filtered by sector, saved as CSV and vCard and copied for a Bcc line,
# with no one in it who did not consent; a consent withdrawn in the
# registration editor, and the person gone from the list; the list in
# surname order, then by first name from the Name column's menu; an
# event at capacity putting the next person added by hand on the waiting
# list, and Move Up; the attendee export, which writes what the command
# line writes. Screenshots in $MP_BUILD_DIR/artefacts/ui-office/.
#
#   test-office.sh MOTEPLASS MOTEPLASS-CLI MP-CLIPBOARD
#
# Prints TAP.

set -u

here=$(dirname "$(realpath "$0")")
. "$here/ui-lib.sh"

moteplass=$(realpath "$1")
cli=$(realpath "$2")
clipboard=$(realpath "$3")

ui_in_xvfb "$@"
ui_require xdotool import
ui_setup ui-office

db=$work/office.db
c () { "$cli" --db "$db" "$@"; }
rows () { grep '^row=' "$work/state" | cut -d'|' -f1 | cut -d= -f2-; }
people () { grep '^mailing.person=' "$work/state" | cut -d= -f2- | cut -d'|' -f1; }
# the newest other window, focused
dialog_of () {
  local d
  d=$(ui_other_window "$@")
  if [ -n "$d" ]; then xdotool windowfocus --sync "$d" 2>/dev/null; sleep 0.3; fi
  echo "$d"
}
# click WINDOW at the "x,y" the state file gives for KEY
click_at () {
  local at
  at=$(ui_state_value "$2")
  [ -n "$at" ] || return 1
  xdotool mousemove --window "$1" "${at%,*}" "${at#*,}" click 1
  xdotool mousemove 1279 799
}
close_wait () {
  for _ in $(seq 1 250); do
    xdotool search --onlyvisible --pid $pid 2>/dev/null | grep -qx "$1" || break
    sleep 0.02
  done
  xdotool windowfocus --sync $wid 2>/dev/null
}
# Escape closes a dialog (each notice it shows takes an Escape first)
escape_close () {
  for _ in 1 2 3 4 5 6; do
    xdotool search --onlyvisible --pid $pid 2>/dev/null | grep -qx "$1" || break
    xdotool windowfocus --sync "$1" 2>/dev/null
    key Escape
    sleep 0.3
  done
  close_wait "$1"
}

# Two events to take the list from, and a third that stays out of it.
e1=$(c event add --title "Dialogmøte om integrering" --kind dialogmøte --starts 2031-03-08T09:00 --capacity 3)
e2=$(c event add --title "Frokostmøte om frivillighet" --kind frokostmøte --starts 2031-04-08T08:00)
e3=$(c event add --title "Konferanse om arbeid" --kind konferanse --starts 2031-05-08T09:00)
reg () { c register "$@" >/dev/null; }
reg "$e1" --name "Øystein Berg" --email oystein@nav.no --organisation "NAV Vestland" --sector NAV --consent
reg "$e1" --name "Anne Aas" --email anne@bergen.kommune.no --organisation "Bergen kommune" --sector Kommune --consent
reg "$e1" --name "Bjørn Dahl" --email bjorn@nav.no --organisation "NAV Bergen" --sector NAV
reg "$e2" --name "Carl Eik" --email carl@nav.no --organisation "NAV Askøy" --sector NAV --consent
reg "$e2" --name "Åse Lie" --email ase@rodekors.no --organisation "Røde Kors" --sector "Frivillig organisasjon" --consent
reg "$e2" --name "Siri Strand" --email siri@nav.no --organisation "NAV Fjell" --sector NAV
reg "$e3" --name "Petter Ek" --email petter@nav.no --organisation "NAV Sotra" --sector NAV --consent

ui_app_env=(MP_SAVE_FILE="$work/saved")
check "the window opens on the first event, in surname order (“Aas” as “Ås”, last)" \
  "ui_start --db '$db' --event $e1 && ui_state_has 'page=event' 'sort=name|ascending' \
   && [ \"\$(rows)\" = \"\$(printf 'Øystein Berg\nBjørn Dahl\nAnne Aas')\" ]"
check "the header says the places in one line: full at 3 of 3" \
  "ui_state_has 'summary=3 of 3 registered · full' 'arrived.shown=0'"
ui_shot 01-event-full

# -- The mailing list: two events, one sector

key ctrl+m
mailing=$(dialog_of)
check "Ctrl+M opens the mailing list of this event: those who consented, and one left out" \
  "[ -n '$mailing' ] && ui_state_has 'mailing.events=$e1' 'mailing=2|1' \
   && [ \"\$(people)\" = \"\$(printf 'Øystein Berg\nAnne Aas')\" ]"
if [ -n "$mailing" ]; then
  xdotool windowsize $mailing 560 760
  click_at $mailing mailing.at.events
  ui_wait ui_state_matches "^mailing.at.event.$e2="
  click_at $mailing "mailing.at.event.$e2"
  ui_state_has "mailing.events=$e1,$e2" >/dev/null
  click_at $mailing mailing.at.sector
  sleep 0.4
  # All Sectors, Kommune, Fylkeskommune, NAV
  key Down Down Down Return
fi
check "choosing the second event and the sector NAV: Øystein and Carl, two left out for lack of consent" \
  "ui_state_has 'mailing.events=$e1,$e2' 'mailing.filter=NAV|0' 'mailing=2|2' \
   && [ \"\$(people)\" = \"\$(printf 'Øystein Berg\nCarl Eik')\" ]"
ui_shot 02-mailing-two-events-nav

if [ -n "$mailing" ]; then key alt+s; fi
check "Save as CSV writes what “moteplass-cli mailing” writes for the same choice" \
  "ui_state_has 'mailing.last=saved|2|$work/saved.csv' \
   && c mailing --event $e1 --event $e2 --sector NAV -o '$work/cli.csv' 2>/dev/null \
   && cmp '$work/saved.csv' '$work/cli.csv'"
if [ -n "$mailing" ]; then key alt+v; fi
check "Save as vCard writes the same cards as the command line" \
  "ui_state_has 'mailing.last=saved|2|$work/saved.vcf' \
   && c mailing --event $e1 --event $e2 --sector NAV --format vcard -o '$work/cli.vcf' 2>/dev/null \
   && cmp '$work/saved.vcf' '$work/cli.vcf' && [ \$(grep -c '^BEGIN:VCARD' '$work/saved.vcf') = 2 ]"
check "no one without consent is in either file, nor anyone of the third event" \
  "! grep -qE 'Bjørn|Siri|Petter|bjorn@|siri@|petter@' '$work/saved.csv' '$work/saved.vcf' \
   && grep -q 'Øystein Berg' '$work/saved.csv' && grep -q 'Carl Eik' '$work/saved.vcf'"
if [ -n "$mailing" ]; then key alt+c; fi
check "Copy Addresses puts the Bcc line on the clipboard" \
  "ui_state_has 'mailing.last=copied|2' && [ \"\$('$clipboard')\" = 'oystein@nav.no, carl@nav.no' ]"
ui_shot 03-mailing-copied
if [ -n "$mailing" ]; then escape_close $mailing; fi

# -- A consent withdrawn in the registration editor

key ctrl+f
xdotool type --delay 30 "oystein"
ui_state_has 'matches=1 of 3 shown' >/dev/null
xdotool mousemove 200 251 click 1
xdotool mousemove 1279 799
key ctrl+e
editor=$(dialog_of)
check "Ctrl+E shows Øystein's consents: follow-up given, photos not" \
  "[ -n '$editor' ] && ui_state_has 'editor=edit|Øystein Berg' 'consent.followup=given|1' 'consent.photo=none|0'"
if [ -n "$editor" ]; then
  xdotool windowsize $editor 560 760
  ui_wait ui_state_matches '^consent.followup.switch='
  ui_shot 04-editor-consents
  click_at $editor consent.followup.switch
fi
check "switching follow-up off withdraws it now, with its time in the history" \
  "ui_state_has 'consent.followup=withdrawn|2' \
   && c person export 1 | grep -q '\"withdrawn_at\" : \"20'"
ui_shot 05-editor-consent-withdrawn
if [ -n "$editor" ]; then escape_close $editor; fi
key ctrl+m
mailing=$(dialog_of)
check "the mailing list no longer has Øystein: Anne alone, two left out" \
  "[ -n '$mailing' ] && ui_state_has 'mailing.events=$e1' 'mailing=1|2' \
   && [ \"\$(people)\" = 'Anne Aas' ] && ! c mailing --event $e1 | grep -q Øystein"
if [ -n "$mailing" ]; then escape_close $mailing; fi
key ctrl+f Escape
ui_state_has 'query=' >/dev/null

# -- Sorting by first name, from the Name column's menu

xdotool mousemove 40 217 click 3
sleep 0.5
key i
xdotool mousemove 1279 799
check "the Name column's menu sorts by first name" \
  "ui_state_has 'sort=given-name|ascending' \
   && [ \"\$(rows)\" = \"\$(printf 'Anne Aas\nBjørn Dahl\nØystein Berg')\" ]"
ui_shot 06-sorted-by-first-name
xdotool mousemove 40 217 click 3
sleep 0.5
key f
xdotool mousemove 1279 799
check "and back to the surname order" \
  "ui_state_has 'sort=name|ascending' \
   && [ \"\$(rows)\" = \"\$(printf 'Øystein Berg\nBjørn Dahl\nAnne Aas')\" ]"

# -- At capacity: the waiting list, then Move Up

key ctrl+shift+n
editor=$(dialog_of)
check "adding by hand at a full event says so" "[ -n '$editor' ] && ui_state_has 'editor=add|' 'editor.full=1'"
if [ -n "$editor" ]; then
  xdotool type --delay 20 "Mona"
  key Tab
  xdotool type --delay 20 "Berg"
  key Return
fi
check "the next person added by hand goes on the waiting list" \
  "ui_state_has 'editor.added=Mona Berg|waitlisted' && c search $e1 mona | grep -q 'Mona Berg'"
ui_shot 07-added-to-waiting-list
if [ -n "$editor" ]; then key Return; close_wait $editor; fi
check "Show in the List selects her row; Move Up is offered" \
  "ui_state_has 'selected=1' 'move-up=1' 'summary=3 of 3 registered · full · 1 on the waiting list'"
ui_shot 08-waiting-selected

# Bjørn cancels (in his registration): a place is free.
key ctrl+f
xdotool type --delay 30 "bjorn"
ui_state_has 'matches=1 of 4 shown' >/dev/null
xdotool mousemove 200 251 click 1
xdotool mousemove 1279 799
key ctrl+e
editor=$(dialog_of)
if [ -n "$editor" ]; then key alt+r; close_wait $editor; fi
check "cancelling Bjørn's registration frees a place" \
  "ui_state_has 'summary=2 of 3 registered · 1 place left · 1 on the waiting list · 1 cancelled'"
ui_shot 08b-place-freed
key ctrl+f
xdotool type --delay 30 "mona"
ui_state_has 'matches=1 of 4 shown' >/dev/null
xdotool mousemove 200 251 click 1
xdotool mousemove 1279 799
ui_state_has 'move-up=1' >/dev/null
# (once the toast of Bjørn's cancellation, with its Undo, is gone: it
# lies over the bottom of the window, the selection bar's Move Up under
# its edge, for five seconds)
sleep 6
click_at $wid move-up.at
check "Move Up registers her in the free place" \
  "ui_state_has 'summary=3 of 3 registered · full · 1 cancelled' 'move-up=0' \
   && c --json search $e1 mona | grep -q '\"status\" : \"registered\"'"
ui_shot 09-moved-up

# -- The export writes what the command line writes

key ctrl+shift+x
export=$(dialog_of)
check "Ctrl+Shift+X asks for the format, CSV first" "[ -n '$export' ] && ui_state_has 'export=csv|all'"
ui_shot 10-export
if [ -n "$export" ]; then key Return; close_wait $export; fi
check "the CSV is the command line's, byte for byte" \
  "ui_wait test -s '$work/saved.csv' && c export $e1 -o '$work/cli-export.csv' 2>/dev/null \
   && ui_wait cmp -s '$work/saved.csv' '$work/cli-export.csv'"
key ctrl+shift+x
export=$(dialog_of)
if [ -n "$export" ]; then key alt+x; ui_state_has 'export=excel|all' >/dev/null; key Return; close_wait $export; fi
check "so is the CSV for Excel" \
  "c export $e1 --excel -o '$work/cli-export-excel.csv' 2>/dev/null \
   && ui_wait cmp -s '$work/saved.csv' '$work/cli-export-excel.csv'"
key ctrl+shift+x
export=$(dialog_of)
if [ -n "$export" ]; then key alt+w; ui_state_has 'export=xlsx|all' >/dev/null; key Return; close_wait $export; fi
same_sheet () {
  /usr/bin/python3 -c '
import sys, openpyxl
a, b = (list(openpyxl.load_workbook(f).active.iter_rows(values_only=True)) for f in sys.argv[1:])
sys.exit(0 if a == b and len(a) == 5 else 1)' "$work/saved.xlsx" "$work/cli-export.xlsx"
}
if /usr/bin/python3 -c "import openpyxl" 2>/dev/null; then
  check "and the workbook holds the command line's cells" \
    "ui_wait test -s '$work/saved.xlsx' && c export $e1 --xlsx -o '$work/cli-export.xlsx' 2>/dev/null && same_sheet"
else
  skip "and the workbook holds the command line's cells" "python3-openpyxl is not installed"
fi

check "nothing was written to stderr" "[ ! -s '$work/stderr' ]"
ui_stop
ui_done
