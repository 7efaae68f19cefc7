#!/bin/bash
# The check-in desk as at a real door: registrations made with the CLI,
# tickets rendered to PDF and decoded with zbarimg, the program started
# in desk mode, and a "scanner" (xdotool typing each decoded text and
# Return at 2 ms a key) checking people in. The database is read back
# with sqlite3; what the desk shows comes through MP_DEBUG_STATE.
# Screenshots are kept in $MP_BUILD_DIR/artefacts/ui-desk/.
#
#   test-desk.sh MOTEPLASS MOTEPLASS-CLI [N_SCANS]
#
# N_SCANS (default 200) scans in a row at one every 300 ms close the run.
# Prints TAP.

set -u

here=$(dirname "$(realpath "$0")")
. "$here/ui-lib.sh"

moteplass=$(realpath "$1")
cli=$(realpath "$2")
n_scans=${3:-200}

ui_in_xvfb "$@"
ui_require xdotool import sqlite3 pdftoppm zbarimg
ui_setup ui-desk
export LANGUAGE=en LC_ALL=C.UTF-8 TZ=Europe/Oslo

# The desk's name comes from its settings, as on a real machine.
ui_keyfile
cat > "$ui_keyfile" <<'EOF'
[no/moteplass/Moteplass]
desk-name='Inngang 2'
EOF

ui_diagnose () {
  if [ -f "$work/state" ]; then sed 's/^/# state: /' "$work/state"; fi
  if [ -s "$work/stderr" ]; then sed 's/^/# stderr: /' "$work/stderr" | head -20; fi
}

answers () { sed -n 's/^desk\.answers=//p' "$work/state" 2>/dev/null; }

# A keyboard-wedge scanner: the text and Return, 2 ms a key, from one
# process (a carriage return is typed as Return), so no pause before it.
scan () { xdotool type --delay 2 "$1"$'\r'; }

# Scans and waits for the desk to answer it: $2 is the expected answer line.
scan_expect () {
  local before=$(answers)
  scan "$1"
  ui_state_has "desk.answers=$((before + 1))" "desk.answer=$2"
}

db () { sqlite3 -batch "$work/door.db" "$1"; }

# The program, on the door's database.
start () { ui_start --db "$work/door.db" "$@"; }

# The door: a breakfast meeting with six registrations, another event
# with one, made through the CLI.
"$cli" --db "$work/door.db" event add --title "Frokostmøte om frivillighet" --kind breakfast_meeting \
  --starts 2026-11-24T08:30 --venue "Molde rådhus" >/dev/null \
  && "$cli" --db "$work/door.db" event add --title "Seminar om inkludering" --kind seminar \
       --starts 2026-12-01T09:00 >/dev/null \
  || { echo "Bail out! the CLI could not make the events"; exit 1; }
for person in "Kari Sørensen|Molde kommune|Kommune" "Ola Nordmann|NAV Molde|NAV" \
              "Åse Åsen|Røde Kors Molde|Frivillig organisasjon" "Ahmed Hassan|Somalisk forening|Innvandrerorganisasjon" \
              "Ingrid Bakke|Møre og Romsdal fylkeskommune|Fylkeskommune" "Per Avlyst|Molde kommune|Kommune"; do
  IFS='|' read -r name org sector <<<"$person"
  "$cli" --db "$work/door.db" register 1 --name "$name" --organisation "$org" --sector "$sector" >/dev/null \
    || { echo "Bail out! the CLI could not register $name"; exit 1; }
done
"$cli" --db "$work/door.db" register 2 --name "Nora Annen" --organisation "Sparebanken Møre" >/dev/null

# Tickets as PDF, decoded as a scanner would see them.
"$cli" --db "$work/door.db" tickets 1 -o "$work/tickets-1.pdf" >/dev/null
"$cli" --db "$work/door.db" tickets 2 -o "$work/tickets-2.pdf" >/dev/null
pdftoppm -r 100 -png "$work/tickets-1.pdf" "$work/t1"
pdftoppm -r 100 -png "$work/tickets-2.pdf" "$work/t2"
mapfile -t tickets < <(for f in "$work"/t1-*.png; do zbarimg --nodbus -q --raw "$f"; done)
other=$(zbarimg --nodbus -q --raw "$work"/t2-*.png | head -1)
check "the six tickets of the event and one of another are decoded from the PDFs" \
  "[ \${#tickets[@]} = 6 ] && [ -n '$other' ]"

# Per's registration was cancelled after his ticket was sent (there is no
# CLI verb for it).
db "UPDATE registration SET status = 'cancelled' WHERE person_id = (SELECT id FROM person WHERE name = 'Per Avlyst');"
cancelled_ticket=

# Which ticket is whose, from the database (the scans do not need it).
name_of () { db "SELECT p.name FROM registration r JOIN person p ON p.id = r.person_id WHERE 'MP1' || r.token = '$1';"; }

check "moteplass --event 1 --desk opens the desk, ready, with the counter" \
  "start --event 1 --desk && ui_state_has 'page=desk' 'desk.answer=ready' 'desk.name=Inngang 2' 'desk.counter=0/5 walkins=0'"
# on the screen, and the keyboard in the name search: ready for the scanner
ui_state_has 'desk.focus=search'

# Everyone but the cancelled one, scanned in.
scanned=0
for t in "${tickets[@]}"; do
  who=$(name_of "$t")
  [ "$who" = "Per Avlyst" ] && { cancelled_ticket=$t; continue; }
  if scan_expect "$t" "checked-in $who"; then scanned=$((scanned + 1)); fi
  [ $scanned = 1 ] && ui_shot 01-welcome
done
check "each ticket scanned is welcomed by name" "[ $scanned = 5 ]"
check "the database shows each check-in once, with the desk's name" \
  "[ \"\$(db \"SELECT count(*), count(DISTINCT registration_id) FROM checkin WHERE undoes IS NULL AND desk = 'Inngang 2';\")\" = '5|5' ] \
   && [ \"\$(db 'SELECT count(*) FROM checkin;')\" = 5 ]"
check "the counter follows" "ui_state_has 'desk.counter=5/5 walkins=0'"

# (the first ticket of those let in: the list is in surname order, and
# Per Avlyst, cancelled, may come first)
for t in "${tickets[@]}"; do [ "$t" != "$cancelled_ticket" ] && { first_in=$t; break; }; done
check "a repeated scan answers “already”, with the time and desk, and records nothing" \
  "scan_expect '$first_in' \"already \$(name_of '$first_in')\" \
   && grep -qE '^desk.message=.* is already checked in at [0-9]{2}[.:][0-9]{2} \\(Inngang 2\\)$' '$work/state' \
   && [ \"\$(db 'SELECT count(*) FROM checkin;')\" = 5 ]"
ui_shot 02-already

check "a made-up code answers “not a ticket”" "scan_expect 'HELLO-WORLD-1234' 'not-a-ticket '"
ui_shot 03-not-a-ticket
check "a ticket for another event answers so" "scan_expect '$other' 'wrong-event '"
check "a cancelled registration answers so (and offers Admit Anyway: test-door.sh)" "scan_expect '$cancelled_ticket' 'cancelled Per Avlyst'"
lower=$(echo "${tickets[1]}" | tr 'A-Z' 'a-z')
check "a scanner with caps lock on types the ticket in lower case: still recognised" \
  "scan_expect '$lower' \"already \$(name_of '${tickets[1]}')\""
check "no bad scan was recorded" "[ \"\$(db 'SELECT count(*) FROM checkin;')\" = 5 ]"

# Undo the last check-in: recorded as an undo, nothing deleted.
undo_name=$(sed -n 's/^desk\.undo=//p' "$work/state")
key ctrl+z
check "Ctrl+Z undoes the last check-in, named on screen, as an undo row" \
  "[ -n '$undo_name' ] && ui_state_has \"desk.answer=undone $undo_name\" 'desk.counter=4/5 walkins=0' 'desk.undo=' \
   && [ \"\$(db 'SELECT count(*) FROM checkin WHERE undoes IS NOT NULL;')\" = 1 ] \
   && [ \"\$(db 'SELECT count(*) FROM checkin;')\" = 6 ]"
ui_shot 04-undone

# Scanning while the name search has focus and half a name typed by hand.
xdotool type --delay 150 "kar"
undone_ticket=
for t in "${tickets[@]}"; do [ "$(name_of "$t")" = "$undo_name" ] && undone_ticket=$t; done
check "hand typing goes into the name search" "ui_state_has 'desk.search=kar' 'desk.focus=search'"
check "a scan while the search has focus checks in and leaves the search as it was" \
  "scan_expect '$undone_ticket' 'checked-in $undo_name' && ui_state_has 'desk.search=kar' \
   && [ \"\$(db \"SELECT count(*) FROM checkin WHERE undoes IS NULL AND desk = 'Inngang 2';\")\" = 6 ]"
key ctrl+a BackSpace

# A scanner that stalls for a moment after a few characters (a busy USB
# hub): still one scan, and nothing left in the search.
"$cli" --db "$work/door.db" register 1 --name "Stein Stopp" >/dev/null
t=$(db "SELECT 'MP1' || token FROM registration r JOIN person p ON p.id = r.person_id WHERE p.name = 'Stein Stopp';")
before=$(answers)
xdotool type --delay 2 "${t:0:5}"; sleep 0.1; xdotool type --delay 2 "${t:5}"$'\r'
check "a scan that stalls for 100 ms after five characters is still one scan, and the search stays empty" \
  "ui_state_has \"desk.answers=\$((before + 1))\" 'desk.answer=checked-in Stein Stopp' 'desk.search='"

# Name search: a person registered meanwhile is found by a few letters
# without the Norwegian letters, Enter checks her in; "sorensen" finds
# Kari Sørensen.
"$cli" --db "$work/door.db" register 1 --name "Nina Sørli" --organisation "Kirkens Bymisjon" >/dev/null
xdotool type --delay 120 "sorli"
check "name search “sorli” finds Nina Sørli (registered meanwhile, elsewhere)" \
  "ui_state_has 'desk.search=sorli' 'desk.result=Nina Sørli|Kirkens Bymisjon|' 'desk.selected=Nina Sørli'"
ui_shot 05-search
before=$(answers)
key Return
check "Enter checks the picked person in" \
  "ui_state_has \"desk.answers=\$((before + 1))\" 'desk.answer=checked-in Nina Sørli' 'desk.search=' \
   && [ \"\$(db \"SELECT count(*) FROM checkin c JOIN registration r ON r.id = c.registration_id JOIN person p ON p.id = r.person_id WHERE p.name = 'Nina Sørli' AND c.desk = 'Inngang 2';\")\" = 1 ]"
xdotool type --delay 120 "sorensen"
check "name search “sorensen” finds Kari Sørensen, shown as arrived" \
  "ui_state_has 'desk.search=sorensen' 'desk.result=Kari Sørensen|Molde kommune|arrived'"
key Escape
xdotool key dead_acute; sleep 0.1; xdotool key e
check "a dead key and a letter make é in the search (the input method sees them as typed)" \
  "ui_state_has 'desk.search=é'"
key Escape

# A walk-in, by keyboard only.
key ctrl+shift+n
check "Ctrl+Shift+N opens the walk-in form with the name focused" "ui_state_has 'desk.pane=walk-in' 'desk.focus=walk-in-name'"
# Typed at a brisk person's pace, 45 ms a key (xdotool waits half its
# --delay after a key's press and half after its release; a scanner is
# 1–2 ms a key).
xdotool type --delay 90 "Zainab Ali"
key Tab
xdotool type --delay 90 "Molde frivilligsentral"
key Tab space                        # the first sector: Kommune
key Tab
xdotool type --delay 90 "zainab@example.org"
key Tab space                        # yes to follow-up
check "the walk-in form is filled by keyboard: name, organisation, a sector picked, e-mail" \
  "ui_state_has 'desk.walk-in=Zainab Ali|Molde frivilligsentral|Kommune|zainab@example.org|followup'"
ui_shot 06-walk-in
before=$(answers)
key Tab Tab Tab Return               # past the photo question and Cancel to the button
check "Register and Check In registers the walk-in and checks her in at once" \
  "ui_state_has \"desk.answers=\$((before + 1))\" 'desk.answer=checked-in Zainab Ali' 'desk.pane=answer' 'desk.counter=8/8 walkins=1' \
   && [ \"\$(db \"SELECT r.source, c.desk, o.name, s.name, p.email FROM registration r JOIN person p ON p.id = r.person_id JOIN checkin c ON c.registration_id = r.id JOIN organisation o ON o.id = p.organisation_id JOIN sector s ON s.id = p.sector_id WHERE p.name = 'Zainab Ali';\")\" = 'desk|Inngang 2|Molde frivilligsentral|Kommune|zainab@example.org' ] \
   && \"$cli\" --db \"$work/door.db\" mailing --event 1 | grep -q 'zainab@example.org'"

# Another desk on the same file checks someone in: the counter follows.
"$cli" --db "$work/door.db" register 1 --name "Ola Annen" >/dev/null
t=$(db "SELECT 'MP1' || token FROM registration r JOIN person p ON p.id = r.person_id WHERE p.name = 'Ola Annen';")
"$cli" --db "$work/door.db" checkin 1 "$t" --desk "Inngang 1" >/dev/null
check "a check-in at another desk shows in the counter within seconds" "ui_state_has 'desk.counter=9/9 walkins=1'"

# Badges at check-in: to a folder when no printer is named; a printer that
# does not exist fails the badge, never the check-in.
"$cli" --db "$work/door.db" register 1 --name "Berit Badge" --organisation "Molde kommune" >/dev/null
"$cli" --db "$work/door.db" register 1 --name "Petter Printerløs" >/dev/null
badge_ticket () { db "SELECT 'MP1' || token FROM registration r JOIN person p ON p.id = r.person_id WHERE p.name = '$1';"; }
kill $pid 2>/dev/null; wait $pid 2>/dev/null; pid=
cat >> "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile" <<BADGES
print-badges=true
badge-folder='$work/badges'
BADGES
start --event 1 --desk && ui_state_has 'desk.answer=ready'
check "with badges on and no printer, a check-in saves the badge as a PDF in the badge folder" \
  "scan_expect '$(badge_ticket 'Berit Badge')' 'checked-in Berit Badge' && ui_state_has 'desk.badge=printed' \
   && [ \$(ls '$work/badges'/*.pdf 2>/dev/null | wc -l) = 1 ]"
kill $pid 2>/dev/null; wait $pid 2>/dev/null; pid=
echo "badge-printer='Moteplass-no-such-printer'" >> "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
start --event 1 --desk && ui_state_has 'desk.answer=ready'
check "a missing badge printer does not stop the check-in: the desk says the badge was not printed" \
  "scan_expect '$(badge_ticket 'Petter Printerløs')' 'checked-in Petter Printerløs' \
   && ui_state_matches '^desk.badge=failed: ..*' \
   && [ \"\$(db \"SELECT count(*) FROM checkin c JOIN registration r ON r.id = c.registration_id JOIN person p ON p.id = r.person_id WHERE p.name = 'Petter Printerløs' AND c.undoes IS NULL;\")\" = 1 ]"
ui_shot 07-badge-not-printed

check "the answer goes back to “ready” by itself" "ui_wait_until 30 ui_state_has_now 'desk.answer=ready'"
# From the event page and back.
kill $pid 2>/dev/null; wait $pid 2>/dev/null; pid=
start --event 1 && ui_state_has 'page=event'
key alt+d
check "the event page's Check-in Desk button (Alt+D) opens the desk of that event, ready to search" \
  "ui_state_has 'page=desk' 'desk.event=1|Frokostmøte om frivillighet' 'desk.answer=ready' 'desk.focus=search'"
ui_shot 08-desk-from-event
scan_expect "$first_in" "already $(name_of "$first_in")" >/dev/null
key alt+Left
check "Alt+Left goes back from the desk to the event page" "ui_state_has 'page=event'"
check "nothing was written to stderr" "[ ! -s '$work/stderr' ]"

# 200 scans in a row, one every 300 ms: none lost, none doubled.
if [ "$n_scans" -gt 0 ]; then
  rows=$(for i in $(seq 1 $n_scans); do printf 'Deltaker %03d,deltaker%03d@example.org,Kommune\n' $i $i; done)
  printf 'name,email,sector\n%s\n' "$rows" > "$work/queue.csv"
  "$cli" --db "$work/door.db" event add --title "Konferanse" --kind conference --starts 2026-12-02T09:00 >/dev/null
  "$cli" --db "$work/door.db" import 3 "$work/queue.csv" >/dev/null
  mapfile -t queue < <(db "SELECT 'MP1' || token FROM registration WHERE event_id = 3 ORDER BY id;")
  kill $pid 2>/dev/null; wait $pid 2>/dev/null; pid=
  start --event 3 --desk && ui_state_has 'desk.answer=ready' 'desk.focus=search'
  # One scan starts every 300 ms (xdotool itself takes about 100 ms).
  t0=$(date +%s%N)
  next=$t0
  for q in "${queue[@]}"; do
    scan "$q"
    next=$((next + 300000000))
    wait_ns=$((next - $(date +%s%N)))
    [ $wait_ns -gt 0 ] && sleep "$(printf '0.%09d' $wait_ns)"
  done
  ui_state_has "desk.answers=${#queue[@]}" "desk.counter=${#queue[@]}/${#queue[@]} walkins=0"
  t1=$(date +%s%N)
  check "$n_scans scans in a row at one every 300 ms: none lost, none doubled" \
    "[ ${#queue[@]} = $n_scans ] && ui_state_has 'desk.answers=$n_scans' \
     && [ \"\$(db \"SELECT count(*), count(DISTINCT c.registration_id) FROM checkin c JOIN registration r ON r.id = c.registration_id WHERE r.event_id = 3 AND c.desk = 'Inngang 2';\")\" = '$n_scans|$n_scans' ]"
  echo "# $n_scans scans took $(( (t1 - t0) / 1000000 )) ms"
  check "nothing was written to stderr during the queue" "[ ! -s '$work/stderr' ]"
fi

kill $pid 2>/dev/null; wait $pid 2>/dev/null; pid=
ui_done
