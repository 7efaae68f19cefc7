#!/bin/bash
# Badges at the door, end to end: the check-in desk with "Print a badge
# at check-in" on and the badge printer set to MoteplassPDF, a queue of a
# private cupsd with cups-pdf (tests/print/cups-env.sh; root only). A
# scan checks in and a PDF comes out of CUPS that scans to the same
# ticket; with the printer stopped (cupsdisable) the next check-in still
# succeeds (database row) and the desk says the badge failed.
#
#   test-desk-badge.sh MOTEPLASS MOTEPLASS-CLI
#
# Screenshots go to $MP_BUILD_DIR/artefacts/ui-desk-badge/. Prints TAP.

set -u

moteplass=$(realpath "$1")
cli=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../ui/ui-lib.sh"

ui_in_xvfb "$@"
ui_require xdotool import sqlite3 pdftoppm zbarimg
ui_setup ui-desk-badge
export LANGUAGE=en LC_ALL=C.UTF-8 TZ=Europe/Oslo
. "$here/cups-env.sh"
ui_exit_hook=mp_cups_stop

mp_cups_start_or_skip

# Settings as on the desk's computer: badges on, printed on MoteplassPDF.
ui_keyfile
cat > "$ui_keyfile" <<'CONF'
[no/moteplass/Moteplass]
desk-name='Inngang 1'
print-badges=true
badge-printer='MoteplassPDF'
badge-layout='badge-label'
sound=false
CONF

# A print job takes its time: the waits are 15 s.
ui_timeout=15
ui_diagnose () {
  if [ -f "$work/state" ]; then grep '^desk\.' "$work/state" | sed 's/^/# state: /'; fi
  if [ -s "$work/stderr" ]; then sed 's/^/# stderr: /' "$work/stderr" | head -20; fi
}

# Waits up to 15 s for a desk.badge= line that starts with $1.
badge_is () { ui_state_matches "^desk\.badge=$1"; }

db () { sqlite3 -batch "$work/door.db" "$1"; }
scan () { xdotool type --delay 2 "$1"$'\r'; }

# The program, on the door's database.
start () { ui_start --db "$work/door.db" "$@"; }

# The newest complete PDF cups-pdf wrote, within 30 s.
wait_for_pdf () {
  local pdf
  for i in $(seq 1 300); do
    pdf=$(find "$MP_TEST_CUPS_OUT" -name '*.pdf' -size +1k | head -1)
    if [ -n "$pdf" ] && tail -c 64 "$pdf" | grep -q '%%EOF'; then echo "$pdf"; return 0; fi
    sleep 0.1
  done
  return 1
}

"$cli" --db "$work/door.db" event add --title "Frokostmøte om frivillighet" --kind breakfast_meeting \
  --starts 2026-11-24T08:30 --venue "Molde rådhus" >/dev/null \
  || { echo "Bail out! the CLI could not make the event"; exit 1; }
for name in "Kari Sørensen" "Ola Nordmann"; do
  "$cli" --db "$work/door.db" register 1 --name "$name" --organisation "Molde kommune" >/dev/null \
    || { echo "Bail out! the CLI could not register $name"; exit 1; }
done
ticket_of () { db "SELECT 'MP1' || r.token FROM registration r JOIN person p ON p.id = r.person_id WHERE p.name = '$1';"; }
kari=$(ticket_of "Kari Sørensen")
ola=$(ticket_of "Ola Nordmann")

check "the desk opens with badges on" "start --event 1 --desk && ui_state_has 'page=desk' 'desk.answer=ready' 'desk.name=Inngang 1'"

scan "$kari"
check "a scan checks Kari in" "ui_state_has 'desk.answer=checked-in Kari Sørensen'"
check "and the desk says the badge was printed" "badge_is printed"
ui_shot 01-badge-printed
pdf=$(wait_for_pdf)
code=
if [ -n "$pdf" ]; then
  pdftoppm -r 150 -png -singlefile "$pdf" "$work/badge"
  code=$(zbarimg --nodbus -q --raw "$work/badge.png" 2>/dev/null)
fi
check "CUPS wrote a PDF badge that scans to Kari's ticket" "[ -n '$pdf' ] && [ '$code' = '$kari' ]"

cupsdisable MoteplassPDF
scan "$ola"
check "with the printer stopped, the scan still checks Ola in" "ui_state_has 'desk.answer=checked-in Ola Nordmann'"
check "the check-in is in the database, with the desk's name" \
  "[ \"\$(db \"SELECT c.desk FROM checkin c JOIN registration r ON r.id = c.registration_id JOIN person p ON p.id = r.person_id WHERE p.name = 'Ola Nordmann' AND c.undoes IS NULL\")\" = 'Inngang 1' ]"
check "the desk says the badge failed, and why" "badge_is 'failed: .*MoteplassPDF.* is stopped'"
ui_shot 02-badge-failed
cupsenable MoteplassPDF

kill $pid 2>/dev/null; wait $pid 2>/dev/null; pid=
ui_done
