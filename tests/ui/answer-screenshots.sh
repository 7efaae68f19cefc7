#!/bin/bash
# Screenshots of every answer the door gives, at the desk and at the
# kiosk, to look at side by side (not a test):
#
#   tests/ui/answer-screenshots.sh [BUILD_DIR] [OUT_DIR]
#
# Writes OUT_DIR (default BUILD_DIR/artefacts/answers)/desk-OUTCOME.png
# and kiosk-OUTCOME.png: ready, checked-in, already, wrong-event,
# cancelled, waitlisted, not-a-ticket, undone and error (the database
# locked by another program) at the desk; the same and registered-before
# at the kiosk.
set -u

build=$(realpath "${1:-build}")
out=$(realpath -m "${2:-$build/artefacts/answers}")
here=$(dirname "$(realpath "$0")")
moteplass=$build/src/ui/moteplass
cli=$build/src/cli/moteplass-cli
pin_hash=$build/tests/mp-kiosk-pin-hash

. "$here/ui-lib.sh"
ui_in_xvfb "$@"
ui_require xdotool import sqlite3
ui_setup answers
artefacts=$out
mkdir -p "$out"
export MP_LOCALEDIR=$build/po GSETTINGS_SCHEMA_DIR=$build/data TZ=Europe/Oslo LANGUAGE=en LC_ALL=C.UTF-8
export MP_KIOSK_RESULT_SECONDS=60 MP_KIOSK_IDLE_SECONDS=600
ui_keyfile
printf "[no/moteplass/Moteplass]\nkiosk-pin-hash='%s'\nkiosk-language='en'\ndesk-name='Inngang 2'\nsound=false\n" \
  "$("$pin_hash" 2468)" > "$ui_keyfile"

db=$work/door.db
"$cli" --db "$db" event add --title "Frokostmøte om frivillighet" --kind breakfast_meeting \
  --starts 2026-11-24T08:30 --venue "Molde rådhus" >/dev/null
"$cli" --db "$db" event add --title "Seminar om inkludering" --kind seminar --starts 2026-12-01T09:00 >/dev/null
for person in "Kari Sørensen|Molde kommune" "Ola Nordmann|NAV Molde" "Per Avlyst|Molde kommune" \
              "Vera Venter|Røde Kors Molde" "Nils Nyberg|NAV Molde" "Oda Olsen|Molde kommune"; do
  IFS='|' read -r name org <<<"$person"
  "$cli" --db "$db" register 1 --name "$name" --organisation "$org" --sector Kommune >/dev/null
done
"$cli" --db "$db" register 2 --name "Nora Annen" --organisation "Sparebanken Møre" >/dev/null
sqlite3 "$db" "UPDATE registration SET status = 'cancelled' WHERE person_id = (SELECT id FROM person WHERE name = 'Per Avlyst');
               UPDATE registration SET status = 'waitlisted' WHERE person_id = (SELECT id FROM person WHERE name = 'Vera Venter');"
ticket () { sqlite3 "$db" "SELECT 'MP1' || r.token FROM registration r JOIN person p ON p.id = r.person_id WHERE p.name = '$1';"; }

scan () { xdotool type --delay 2 "$1"$'\r'; }
shot () { sleep 0.6; ui_shot "$1"; }
answers () { sed -n 's/^desk\.answers=//p' "$work/state" 2>/dev/null; }
desk_scan () {
  local before=$(answers)
  scan "$2"
  ui_state_has "desk.answers=$((before + 1))" || echo "desk $1: no answer" >&2
  shot "desk-$1"
}

# The desk
ui_start --db "$db" --event 1 --desk || { echo "no desk window" >&2; exit 1; }
ui_state_has 'desk.answer=ready'
shot desk-ready
desk_scan checked-in "$(ticket 'Kari Sørensen')"
desk_scan already "$(ticket 'Kari Sørensen')"
desk_scan wrong-event "$(ticket 'Nora Annen')"
desk_scan cancelled "$(ticket 'Per Avlyst')"
desk_scan waitlisted "$(ticket 'Vera Venter')"
desk_scan not-a-ticket "HELLO-WORLD-1234"
desk_scan checked-in-2 "$(ticket 'Ola Nordmann')"
key ctrl+z
ui_state_matches '^desk.answer=undone' && shot desk-undone
# Another program holds the write lock: the check-in cannot be saved.
( echo "BEGIN IMMEDIATE;"; sleep 12; echo "ROLLBACK;" ) | sqlite3 "$db" &
locker=$!
sleep 0.5
ui_timeout=20 desk_scan error "$(ticket 'Nils Nyberg')"
wait $locker
ui_stop

# The kiosk
ui_position="0 0"
ui_start --db "$db" --event 1 --kiosk || { echo "no kiosk window" >&2; exit 1; }
ui_state_has 'kiosk-page=welcome'
kiosk_scan () {
  scan "$2"
  ui_state_has "result=$3" || echo "kiosk $1: no answer" >&2
  shot "kiosk-$1"
}
kiosk_scan checked-in "$(ticket 'Oda Olsen')" checked-in
kiosk_scan already "$(ticket 'Oda Olsen')" already
kiosk_scan wrong-event "$(ticket 'Nora Annen')" wrong-event
kiosk_scan cancelled "$(ticket 'Per Avlyst')" cancelled
kiosk_scan waitlisted "$(ticket 'Vera Venter')" waitlisted
kiosk_scan not-a-ticket "HELLO-WORLD-1234" not-a-ticket
( echo "BEGIN IMMEDIATE;"; sleep 12; echo "ROLLBACK;" ) | sqlite3 "$db" &
locker=$!
sleep 0.5
ui_timeout=20 kiosk_scan error "$(ticket 'Nils Nyberg')" failed
wait $locker
ui_stop
# Someone registered already tries the walk-in form.
ui_start --db "$db" --event 1 --kiosk
ui_state_has 'kiosk-page=welcome'
sleep 0.4
set -- $(grep -m1 '^button=walk-in ' "$work/state")
xdotool mousemove $2 $3 click 1
ui_state_has 'kiosk-page=walk-in' && sleep 0.4
xdotool type --delay 20 "Ola Nordmann"; key Tab; xdotool type --delay 20 "NAV Molde"
shot kiosk-walk-in
key Return
ui_state_has 'result=registered-before' || echo "kiosk registered-before: no answer" >&2
shot kiosk-registered-before
ui_stop
echo "Screenshots in $out"
