#!/bin/bash
# At the door (issue 16), as a volunteer and a queue would have it: the
# program started in desk mode on a database the CLI made, a "scanner"
# (xdotool typing a ticket and Return at 2 ms a key) and a person at the
# keyboard. The database is read back with sqlite3; what the window
# shows comes through MP_DEBUG_STATE.
#
#   test-door.sh MOTEPLASS MOTEPLASS-CLI MP-KIOSK-PIN-HASH
#
#  - a waiting-list ticket: Enter does not let them in, a scan meanwhile
#    is answered as usual and admits no one, Ctrl+Enter does: recorded
#    as an exception with the desk and the time; a cancelled one says
#    when, and Alt+A lets them in; at the kiosk both stay amber;
#  - a ticket for another event names it; an erased person's ticket is
#    no longer valid; the green answer shows what the volunteer needs;
#  - the walk-in form in the answer's place: at the top, Name focused, a
#    missing name said at the field, a fast typist's (40 ms a key) every
#    letter shown as typed, a scan while it is open answered in a banner
#    with the form as it was; the badge printed; its undo says no "scan";
#  - the kiosk opened from the desk, the chosen language marked, and the
#    PIN back to the desk;
#  - every answer of the desk and the kiosk at 1366×768 and 1920×1080,
#    kept in $MP_BUILD_DIR/artefacts/ui-door/ to look at.
#
# Prints TAP.

set -u

here=$(dirname "$(realpath "$0")")
. "$here/ui-lib.sh"

moteplass=$(realpath "$1")
cli=$(realpath "$2")
pin_hash=$(realpath "$3")

# A big screen: the door's 1920×1080 monitor fits, and so does a laptop.
export MP_XVFB_SCREEN=1920x1080x24
ui_in_xvfb "$@"
ui_require xdotool import convert sqlite3
ui_setup ui-door
export LANGUAGE=en LC_ALL=C.UTF-8 TZ=Europe/Oslo
export MP_KIOSK_RESULT_SECONDS=30 MP_KIOSK_IDLE_SECONDS=600
ui_size="1366 768"
ui_position="0 0"
ui_pointer="1919 1079"

PIN=2468
hash=$("$pin_hash" $PIN) || { echo "Bail out! cannot hash a PIN"; exit 1; }
ui_keyfile
cat > "$ui_keyfile" <<EOF
[no/moteplass/Moteplass]
desk-name='Inngang 2'
kiosk-pin-hash='$hash'
kiosk-language='en'
print-badges=true
badge-folder='$work/badges'
sound=false
EOF

ui_diagnose () {
  if [ -f "$work/state" ]; then sed 's/^/# state: /' "$work/state"; fi
  if [ -s "$work/stderr" ]; then sed 's/^/# stderr: /' "$work/stderr" | head -20; fi
}

db=$work/door.db
sql () { sqlite3 -batch "$db" "$1"; }
answers () { sed -n 's/^desk\.answers=//p' "$work/state" 2>/dev/null; }
scan () { xdotool type --delay 2 "$1"$'\r'; }
scan_expect () {  # scan_expect TICKET 'KIND NAME' [MORE STATE LINES]
  local before=$(answers) t=$1 expect=$2
  shift 2
  scan "$t"
  ui_state_has "desk.answers=$((before + 1))" "desk.answer=$expect" "$@"
}
ticket () { sql "SELECT 'MP1' || r.token FROM registration r JOIN person p ON p.id = r.person_id WHERE p.name = '$1';"; }
checkins_of () { sql "SELECT count(*) FROM checkin c JOIN registration r ON r.id = c.registration_id JOIN person p ON p.id = r.person_id WHERE p.name = '$1' AND c.undoes IS NULL;"; }
# shot NAME WIDTH HEIGHT: the window's part of the screen
shot () { ui_shot "$1" && convert "$artefacts/$1.png" -crop "${2}x${3}+0+0" +repage "$artefacts/$1.png"; }
touch_button () {
  local line
  sleep 0.4
  ui_wait_until 5 grep -q "^button=$1 " "$work/state" || return 1
  line=$(grep -m1 "^button=$1 " "$work/state")
  set -- $line
  xdotool mousemove $2 $3 click 1
  sleep 0.1
  xdotool mousemove $ui_pointer
}
# kiosk_on_screen WIDTH HEIGHT: the kiosk's window (the desk's is hidden
# meanwhile) placed, sized and given the keyboard, as a window manager
# would; there is none here.
kiosk_on_screen () {
  local k
  k=$(ui_other_window)
  [ -n "$k" ] || return 1
  xdotool windowsize $k $1 $2 windowmove $k 0 0
  xdotool windowfocus --sync $k 2>/dev/null
  xdotool mousemove $ui_pointer
}

# -- the door's database, made with the CLI

make_door () {
  rm -f "$db"
  "$cli" --db "$db" event add --title "Frokostmøte om frivillighet" --kind breakfast_meeting \
    --starts 2026-11-24T08:30 --venue "Molde rådhus" >/dev/null &&
  "$cli" --db "$db" event add --title "Seminar om inkludering" --kind seminar --starts 2026-12-01T09:00 >/dev/null &&
  "$cli" --db "$db" register 1 --name "Kari Sørensen" --organisation "Molde kommune" --sector Kommune \
    --dietary "Halal" --accessibility "Rullestol: plass ved døra" --interpreter "Arabisk" \
    --note $'Holder innlegg kl. 10\nHent Anne' >/dev/null || return 1
  local person
  for person in "Ola Nordmann|NAV Molde" "Vera Venter|Røde Kors Molde" "Per Avlyst|Molde kommune" \
                "Erik Slettet|" "Siri Skanner|NAV Molde" "Nils Nyberg|NAV Molde" "Kim Kansellert|" \
                "Oda Olsen|Molde kommune"; do
    IFS='|' read -r name org <<<"$person"
    "$cli" --db "$db" register 1 --name "$name" ${org:+--organisation "$org"} >/dev/null || return 1
  done
  "$cli" --db "$db" register 2 --name "Nora Annen" --organisation "Sparebanken Møre" >/dev/null || return 1
  erik_ticket=$(ticket 'Erik Slettet')
  "$cli" --db "$db" erase-person "$(sql "SELECT id FROM person WHERE name = 'Erik Slettet';")" >/dev/null || return 1
  # the organiser moved two to the waiting list and cancelled two
  sql "UPDATE registration SET status = 'waitlisted' WHERE person_id IN (SELECT id FROM person WHERE name IN ('Vera Venter', 'Nils Nyberg'));
       UPDATE registration SET status = 'cancelled' WHERE person_id IN (SELECT id FROM person WHERE name IN ('Per Avlyst', 'Kim Kansellert'));"
}
make_door || { echo "Bail out! the CLI could not set up the door"; exit 1; }
sqlite3 "$db" ".backup '$work/door-fresh.db'"
# the door as the CLI left it, for another run of the program
fresh_door () { rm -f "$db" "$db-wal" "$db-shm"; cp "$work/door-fresh.db" "$db"; }

check "moteplass --desk opens the desk at 1366×768, at its normal size, ready" \
  "ui_start --db '$db' --event 1 --desk && ui_state_has 'page=desk' 'desk.answer=ready' 'desk.focus=search' 'desk.size=size-normal'"

# -- admit anyway

check "a waiting-list ticket: amber, says so, and offers Admit Anyway" \
  "scan_expect '$(ticket 'Vera Venter')' 'waitlisted Vera Venter' 'desk.admit-anyway=Vera Venter' \
   'desk.message=Vera Venter is on the waiting list'"
key Return
sleep 0.5
check "Enter alone (the scanner's key) does not let her in" \
  "[ \$(checkins_of 'Vera Venter') = 0 ] && ui_state_has 'desk.answer=waitlisted Vera Venter'"
check "a scan meanwhile is answered as usual, and takes the offer away" \
  "scan_expect '$(ticket 'Ola Nordmann')' 'checked-in Ola Nordmann' 'desk.admit-anyway=' \
   && [ \$(checkins_of 'Vera Venter') = 0 ]"
key ctrl+Return
sleep 0.5
check "Ctrl+Enter with no refusal shown admits no one" "[ \$(checkins_of 'Vera Venter') = 0 ]"
scan_expect "$(ticket 'Vera Venter')" 'waitlisted Vera Venter' 'desk.admit-anyway=Vera Venter' >/dev/null
before=$(answers)
key ctrl+Return
check "Ctrl+Enter, the second key, admits her: green, and said to be an exception" \
  "ui_state_has \"desk.answers=\$((before + 1))\" 'desk.answer=admitted-by-exception Vera Venter' \
     'desk.message=Røde Kors Molde. Admitted by exception (waiting list)' 'desk.admit-anyway=' 'desk.undo=Vera Venter'"
check "recorded as an exception (waiting list), with the desk and the time, counted as arrived" \
  "[ \"\$(sql \"SELECT c.exception, c.desk, c.at > 0 FROM checkin c JOIN registration r ON r.id = c.registration_id JOIN person p ON p.id = r.person_id WHERE p.name = 'Vera Venter';\")\" = 'waitlisted|Inngang 2|1' ] \
   && ui_state_matches '^desk.counter=2/'"
check "scanned again: already checked in" "scan_expect '$(ticket 'Vera Venter')' 'already Vera Venter' 'desk.admit-anyway='"

check "a cancelled registration: amber, and when it was cancelled" \
  "scan_expect '$(ticket 'Per Avlyst')' 'cancelled Per Avlyst' 'desk.admit-anyway=Per Avlyst' \
   && ui_state_matches '^desk.message=The registration of Per Avlyst was cancelled on .*[0-9]'"
before=$(answers)
key alt+a
check "Alt+A (Admit Anyway) lets him in, recorded as an exception (cancelled)" \
  "ui_state_has \"desk.answers=\$((before + 1))\" 'desk.answer=admitted-by-exception Per Avlyst' \
   && [ \"\$(sql \"SELECT c.exception, c.desk FROM checkin c JOIN registration r ON r.id = c.registration_id JOIN person p ON p.id = r.person_id WHERE p.name = 'Per Avlyst';\")\" = 'cancelled|Inngang 2' ]"
check "the report counts the two exceptions" \
  "\"$cli\" --db '$db' report 1 | grep -qE '^Admitted by exception +2$'"

# -- every refusal says why

check "a ticket for another event names it and its date" \
  "scan_expect '$(ticket 'Nora Annen')' 'wrong-event ' 'desk.message=This ticket is for Seminar om inkludering, Tuesday 1 December 2026'"
check "an erased person's ticket is no longer valid (its own answer, red)" \
  "scan_expect '$erik_ticket' 'not-valid ' 'desk.message=This ticket is no longer valid'"
check "a made-up code is not a ticket" "scan_expect 'HELLO-WORLD-1234' 'not-a-ticket '"

# -- what the volunteer needs to know

check "the green answer shows dietary, accessibility, interpreter and the organiser's note" \
  "scan_expect '$(ticket 'Kari Sørensen')' 'checked-in Kari Sørensen' 'desk.need=Dietary: Halal' \
     'desk.need=Accessibility: Rullestol: plass ved døra' 'desk.need=Interpreter: Arabisk' \
     'desk.need=Note: Holder innlegg kl. 10 · Hent Anne'"
check "the CLI says the same on check-in" \
  "\"$cli\" --db '$db' --json checkin 1 '$(ticket 'Kari Sørensen')' | grep -q '\"dietary\" : \"Halal\"'"

# -- the walk-in form, full size and safe

key ctrl+shift+n
check "Ctrl+Shift+N: the walk-in form in the answer's place, at the top, Name focused" \
  "ui_state_has 'desk.pane=walk-in' 'desk.focus=walk-in-name' 'desk.walk-in-scroll=0'"
key Return
check "Enter with no name: said at the Name field, which keeps the focus; nothing registered" \
  "ui_state_has 'desk.walk-in-error=name|Write the person’s name first.' 'desk.focus=walk-in-name' \
   && [ \$(sql 'SELECT count(*) FROM registration WHERE source = \"desk\";') = 0 ]"
name="Zainab Ali-Haddad Bjørnstad"
# (xdotool waits half its --delay after each key press and release)
xdotool type --delay 80 "$name" &
typist=$!
sleep 0.6
mid=$(sed -n 's/^desk\.walk-in=\([^|]*\)|.*/\1/p' "$work/state")
wait $typist
check "a fast typist (40 ms a key) sees each letter as it is typed (“$mid” after 0.6 s)" \
  "[ \${#mid} -ge 5 ] && [ \"\${mid}\" = \"\${name:0:\${#mid}}\" ]"
check "and every character is kept, the complaint gone" \
  "ui_state_has 'desk.walk-in=$name||||' && ! grep -q '^desk.walk-in-error=' '$work/state'"
key Tab
xdotool type --delay 80 "Molde frivilligsentral"
ui_state_has "desk.walk-in=$name|Molde frivilligsentral|||"
shot door-walk-in-typed 1366 768
check "a scan while the form is open: answered in a banner, the form as it was, the focus where it was" \
  "scan_expect '$(ticket 'Siri Skanner')' 'checked-in Siri Skanner' 'desk.banner=checked-in Siri Skanner' \
     'desk.pane=walk-in' \"desk.walk-in=$name|Molde frivilligsentral|||\" 'desk.focus=walk-in-organisation'"
shot door-walk-in-scan 1366 768
check "a waiting-list scan in the banner can be let in from there too, the form untouched" \
  "scan_expect '$(ticket 'Nils Nyberg')' 'waitlisted Nils Nyberg' 'desk.banner=waitlisted Nils Nyberg' \
     \"desk.walk-in=$name|Molde frivilligsentral|||\""
shot door-walk-in-banner-waitlisted 1366 768
key Escape
key ctrl+shift+n
check "closed and opened again (Esc, Ctrl+Shift+N): what was typed is still there, Name focused" \
  "ui_state_has 'desk.pane=walk-in' 'desk.focus=walk-in-name' \"desk.walk-in=$name|Molde frivilligsentral|||\""
before=$(answers)
key Return
check "registered: checked in, the answer back in its place, the badge printed and said so" \
  "ui_state_has \"desk.answers=\$((before + 1))\" \"desk.answer=checked-in $name\" 'desk.pane=answer' 'desk.badge=printed' \
   && [ \"\$(sql \"SELECT r.source, c.desk FROM registration r JOIN person p ON p.id = r.person_id JOIN checkin c ON c.registration_id = r.id WHERE p.name = '$name';\")\" = 'desk|Inngang 2' ] \
   && ls '$work/badges'/*.pdf >/dev/null 2>&1"
shot door-walk-in-registered 1366 768
key ctrl+z
check "undoing a walk-in does not ask to scan a ticket they never had" \
  "ui_state_has \"desk.answer=undone-walk-in $name\" && ui_state_matches '^desk.advice=.*find them by name' \
   && ! grep -q '^desk.advice=.*[Ss]can' '$work/state'"

# -- the event page marks the exceptions

key alt+Left
check "the event page marks who was let in by exception, and why" \
  "ui_state_has 'page=event' 'row-exception=Vera Venter|waitlisted' 'row-exception=Per Avlyst|cancelled' \
   && [ \$(grep -c '^row-exception=' '$work/state') = 2 ]"
shot door-event-page-exceptions 1366 768
key alt+d
ui_state_has 'page=desk' 'desk.answer=ready'

# -- the kiosk opened from the desk, and back with the PIN

key alt+k
check "Kiosk (Alt+K): the kiosk takes the screen, in English, the language marked" \
  "kiosk_on_screen 1366 768 && ui_state_has 'page=kiosk' 'kiosk-page=welcome' 'language=en' 'language-marked=en'"
kiosk_checkins=$(sql 'SELECT count(*) FROM checkin;')
scan "$(ticket 'Nils Nyberg')"
check "at the kiosk a waiting-list ticket stays amber: to the desk" \
  "ui_state_has 'kiosk-page=result' 'result=waitlisted' 'result-advice=Please go to the desk: they will see whether there is room.'"
key ctrl+Return
key alt+a
sleep 0.5
check "and no key there lets them in" \
  "ui_state_has 'result=waitlisted' && [ \$(sql 'SELECT count(*) FROM checkin;') = $kiosk_checkins ]"
scan "$(ticket 'Kim Kansellert')"
check "a cancelled one: amber too, and sent to the desk" \
  "ui_state_has 'result=cancelled' 'result-advice=Please go to the desk: they can let you in.' \
   && [ \$(sql 'SELECT count(*) FROM checkin;') = $kiosk_checkins ]"
scan "$(ticket 'Nora Annen')"
check "a ticket for another event tells the attendee which" \
  "ui_state_has 'result=wrong-event' 'result-detail=This ticket is for Seminar om inkludering, Tuesday 1 December 2026'"
touch_button done
ui_state_has 'kiosk-page=welcome'
touch_button nb
check "touching Norsk bokmål marks it chosen (a check and bold), and only it" \
  "ui_state_has 'language=nb' 'language-marked=nb' && [ \$(grep -c '^language-marked=' '$work/state') = 1 ]"
shot door-kiosk-language-nb 1366 768
touch_button en
ui_state_has 'language=en'
touch_button lock
ui_state_has 'kiosk-page=pin'
xdotool type --delay 100 "$PIN"; key Return
check "the right PIN goes back to the desk it was opened from; the program runs on" \
  "ui_state_has 'page=desk' && kill -0 $pid && [ \$(xdotool search --onlyvisible --pid $pid | wc -l) = 1 ] \
   && [ \$(xdotool search --onlyvisible --pid $pid) = $wid ]"
check "nothing was written to stderr" "[ ! -s '$work/stderr' ]"
ui_stop

# -- every answer at 1366×768 and 1920×1080, to look at

shots_at () {  # shots_at WIDTH HEIGHT DESK-SIZE-CLASS KIOSK-SIZE-CLASS
  local w=$1 h=$2 size=$3 kiosk_size=$4
  fresh_door
  ui_size="$w $h"
  ui_start --db "$db" --event 1 --desk || return 1
  ui_state_has 'desk.answer=ready' "desk.size=$size" || return 1
  shot "desk-${w}x${h}-ready" $w $h
  scan_expect "$(ticket 'Kari Sørensen')" 'checked-in Kari Sørensen' && shot "desk-${w}x${h}-checked-in-needs" $w $h
  scan_expect "$(ticket 'Ola Nordmann')" 'checked-in Ola Nordmann' && shot "desk-${w}x${h}-checked-in" $w $h
  scan_expect "$(ticket 'Vera Venter')" 'waitlisted Vera Venter' && shot "desk-${w}x${h}-waitlisted" $w $h
  key ctrl+Return; ui_state_has 'desk.answer=admitted-by-exception Vera Venter' && shot "desk-${w}x${h}-admitted" $w $h
  scan_expect "$(ticket 'Per Avlyst')" 'cancelled Per Avlyst' && shot "desk-${w}x${h}-cancelled" $w $h
  scan_expect "$(ticket 'Ola Nordmann')" 'already Ola Nordmann' && shot "desk-${w}x${h}-already" $w $h
  scan_expect "$(ticket 'Nora Annen')" 'wrong-event ' && shot "desk-${w}x${h}-wrong-event" $w $h
  scan_expect 'HELLO-WORLD-1234' 'not-a-ticket ' && shot "desk-${w}x${h}-not-a-ticket" $w $h
  scan_expect "$erik_ticket" 'not-valid ' && shot "desk-${w}x${h}-not-valid" $w $h
  key ctrl+z; ui_state_matches '^desk.answer=undone' && shot "desk-${w}x${h}-undone" $w $h
  key ctrl+shift+n; ui_state_has 'desk.pane=walk-in' && shot "desk-${w}x${h}-walk-in" $w $h
  key Escape
  key alt+k
  kiosk_on_screen $w $h && ui_state_has 'kiosk-page=welcome' && shot "kiosk-${w}x${h}-welcome" $w $h
  local k
  for k in "Oda Olsen|checked-in" "Oda Olsen|already" "Nils Nyberg|waitlisted" "Kim Kansellert|cancelled" \
           "Nora Annen|wrong-event" "HELLO|not-a-ticket" "ERASED|not-valid"; do
    IFS='|' read -r who kind <<<"$k"
    case $who in
      HELLO) scan 'HELLO-WORLD-1234' ;;
      ERASED) scan "$erik_ticket" ;;
      *) scan "$(ticket "$who")" ;;
    esac
    ui_state_has "result=$kind" "result-size=$kiosk_size" && shot "kiosk-${w}x${h}-$kind" $w $h || return 1
    touch_button done
    ui_state_has 'kiosk-page=welcome' || return 1
  done
  ui_stop
}
check "every answer of the desk and the kiosk at 1366×768, shot" "shots_at 1366 768 size-normal size-large"
check "every answer at 1920×1080: the text grows (huge), shot" "shots_at 1920 1080 size-huge size-huge"
echo "# screenshots in $artefacts"

ui_done
