#!/bin/bash
# The self-service kiosk, on a temporary database, driven from outside
# as an attendee and an organiser would, under a virtual X screen:
# keys that must not leave it, a scan that checks in, a walk-in in
# Arabic, the idle reset, the five languages, and the PIN that leaves.
#
#   test-kiosk.sh MOTEPLASS MOTEPLASS-CLI MP-KIOSK-PIN-HASH
#
# The kiosk tells what it shows through MP_DEBUG_STATE, including where
# its buttons are ("button=NAME X Y"), so that the test touches them
# like a finger. Settings live in a keyfile of the test's own
# (GSETTINGS_BACKEND=keyfile, XDG_CONFIG_HOME). Screenshots are kept in
# $MP_BUILD_DIR/artefacts/ui-kiosk/. Prints TAP.

set -u

here=$(dirname "$(realpath "$0")")
. "$here/ui-lib.sh"

moteplass=$(realpath "$1")
cli=$(realpath "$2")
pin_hash=$(realpath "$3")

ui_in_xvfb "$@"
ui_require xdotool import sqlite3 zbarimg
ui_setup ui-kiosk
export TZ=Europe/Oslo

# Settings of our own: a PIN hash, as Preferences would keep it.
ui_keyfile
PIN=2468
hash=$("$pin_hash" $PIN) || { echo "Bail out! cannot hash a PIN"; exit 1; }
settings () {  # settings KIOSK-LANGUAGE [PIN-HASH]
  printf "[no/moteplass/Moteplass]\nkiosk-pin-hash='%s'\nkiosk-language='%s'\ndesk-name='Foyer'\n" \
    "${2-$hash}" "$1" > "$ui_keyfile"
}

# Fast clocks for the test: reset after 8 s idle, answers stay 3 s, a
# 3 s pause after five wrong PINs. (8 s, not less: on a loaded machine
# the steps between two touches took over 4 s, and the reset came in the
# middle of one.) Waits last long enough for the reset to come.
export MP_KIOSK_IDLE_SECONDS=8 MP_KIOSK_RESULT_SECONDS=3 MP_KIOSK_PIN_WAIT_SECONDS=3
ui_timeout=20

alive () { kill -0 $pid 2>/dev/null && xdotool search --onlyvisible --pid $pid 2>/dev/null | grep -qx "$wid"; }

# The kiosk fills the screen: with no window manager, that is ours to do.
ui_position="0 0"
ui_pointer="1279 0"

# touch NAME: clicks the centre of the button the kiosk reports as NAME,
# like a finger: down, up, away.
touch_button () {
  local line
  # Let a page that just came finish its cross-fade and its layout (its
  # buttons are reported before they have settled).
  sleep 0.4
  ui_wait_until 5 grep -q "^button=$1 " "$work/state" || return 1
  line=$(grep -m1 "^button=$1 " "$work/state")
  set -- $line
  xdotool mousemove $2 $3 click 1
  sleep 0.1
  xdotool mousemove 1279 0
}

# A scanner, a moment after the last key (else the keys would be one burst).
scan () { sleep 0.3; xdotool type --delay 2 "$1"; xdotool key Return; }

checkins () { sqlite3 "$work/events.db" "SELECT count(*) FROM checkin c JOIN registration r ON r.id = c.registration_id WHERE r.id = $1 AND c.undoes IS NULL AND c.desk = 'Foyer'"; }

# -- a database made as the organiser would, tickets decoded from print

db="--db $work/events.db"
"$cli" $db event add --title "Dialogmøte om integrering og frivillighet" --kind dialogmøte \
  --starts 2026-03-10T09:00 --ends 2026-03-10T12:00 --venue "Fylkeshuset, Hamar" >/dev/null &&
"$cli" $db register 1 --name "Kari Nordmann" --email kari@nav.no --organisation "NAV Innlandet" --sector NAV >/dev/null &&
"$cli" $db register 1 --name "Олена Коваленко" --organisation "Українська громада" >/dev/null &&
"$cli" $db tickets 1 -o "$work/kari.png" --registration 1 >/dev/null ||
  { echo "Bail out! the command line could not set up the event"; exit 1; }
kari=$(zbarimg --nodbus -q --raw "$work/kari.png")

# The keyfile holds an Argon2id hash for kiosk-pin-hash, and not the PIN.
pin_kept_as_hash () {
  local keyfile=$work/config/glib-2.0/settings/keyfile
  sed -n 's/^kiosk-pin-hash=//p' "$keyfile" | grep -q '^.\$argon2id\$v=' && ! grep -q "$1" "$keyfile"
}

# -- no PIN: the kiosk does not start

settings en ""
ui_start --db "$work/events.db" --event 1 --kiosk
check "without a PIN the kiosk does not start: the window asks for one" \
  "ui_state_has 'page=events' && ! grep -q '^page=kiosk' '$work/state' && [ \$(xdotool search --onlyvisible --pid $pid | wc -l) -ge 2 ]"
ui_shot 00-no-pin
# The organiser sets one there and then, twice: two that differ do not
# start it; the same twice starts the kiosk, and only a hash is kept.
dialog=$(xdotool search --onlyvisible --pid $pid 2>/dev/null | grep -vx "$wid" | head -1)
if [ -n "$dialog" ]; then
  xdotool windowfocus --sync $dialog 2>/dev/null
  sleep 0.3
  xdotool type --delay 120 "1357"
  key Return                          # to the second field
  xdotool type --delay 120 "1375"
  key Return
fi
sleep 0.8
check "the PIN is asked twice: two that differ do not start the kiosk" \
  "[ -n '$dialog' ] && ! grep -q '^page=kiosk' '$work/state' && xdotool search --onlyvisible --pid $pid | grep -qx '$dialog'"
key ctrl+a BackSpace
xdotool type --delay 120 "1357"
key Return
check "the same PIN twice starts the kiosk, and is kept only as a hash" \
  "[ -n '$dialog' ] && ui_state_has 'page=kiosk' 'kiosk-page=welcome' \
   && pin_kept_as_hash 1357"
ui_stop

# -- the kiosk, in English

settings en
check "the kiosk starts with a PIN set" "ui_start --db '$work/events.db' --event 1 --kiosk"
check "it welcomes with the event, its date and time, in English" \
  "ui_state_has 'page=kiosk' 'kiosk-page=welcome' 'language=en' 'direction=ltr' \
     'title=Dialogmøte om integrering og frivillighet' \
     'when=Tuesday 10 March 2026, 09:00–12:00'"
ui_shot kiosk-welcome-en

for k in Escape alt+F4 ctrl+q ctrl+w F10 Menu ctrl+n ctrl+shift+n ctrl+f ctrl+comma ctrl+question alt+Left super; do
  key $k
  sleep 0.3
  check "$k does not leave the kiosk" "alive && ui_state_has 'page=kiosk'"
done

# A scan at scanner speed, from the ticket as printed.
scan "$kari"
check "a scan checks the attendee in: green, with the name" \
  "ui_state_has 'kiosk-page=result' 'result=checked-in' 'result-title=Welcome, Kari Nordmann!' && [ \$(checkins 1) = 1 ]"
ui_shot kiosk-result-green
check "the answer goes back to welcome by itself" "ui_state_has 'kiosk-page=welcome'"

scan "$kari"
check "the same ticket again: amber, already checked in, nothing new recorded" \
  "ui_state_has 'kiosk-page=result' 'result=already' && [ \$(checkins 1) = 1 ]"
ui_shot kiosk-result-amber

scan "HELLO-WORLD-1234"
check "a made-up code: red, not a ticket" \
  "ui_state_has 'kiosk-page=result' 'result=not-a-ticket' && [ \$(sqlite3 '$work/events.db' 'SELECT count(*) FROM checkin') = 1 ]"
ui_shot kiosk-result-red

# -- the five languages

declare -A when=(
  [nb]="when=tirsdag 10. mars 2026, 09.00–12.00"
  [nn]="when=tysdag 10. mars 2026, 09.00–12.00"
  [uk]="when=вівторок, 10 березня 2026 р., 09:00–12:00"
  [ar]="when=الثلاثاء، 10 مارس 2026، 09:00–12:00"
)
key Escape
ui_state_has 'kiosk-page=welcome'
for lang in nb nn uk ar en; do
  touch_button $lang
  dir=ltr; [ $lang = ar ] && dir=rtl
  check "touching $lang switches the kiosk to it at once ($dir)" \
    "ui_state_has 'language=$lang' 'direction=$dir' 'kiosk-page=welcome'"
  if [ -n "${when[$lang]:-}" ]; then
    check "the date reads the $lang way" "ui_state_has '${when[$lang]}' || { echo '# when: '\"\$(ui_state_value when)\"; false; }"
  fi
  ui_shot kiosk-welcome-$lang
done

# The smallest screen a kiosk should have: 800×600, in the longest language.
touch_button uk
ui_state_has 'language=uk'
xdotool windowsize $wid 800 600
ui_shot kiosk-welcome-uk-800x600 && convert "$artefacts/kiosk-welcome-uk-800x600.png" -crop 800x600+0+0 "$artefacts/kiosk-welcome-uk-800x600.png"
touch_button walk-in
ui_state_has 'kiosk-page=walk-in'
ui_shot kiosk-walk-in-uk-800x600 && convert "$artefacts/kiosk-walk-in-uk-800x600.png" -crop 800x600+0+0 "$artefacts/kiosk-walk-in-uk-800x600.png"
# all seven buttons reported (the idle reset builds the view anew: they
# come with its layout), each inside 800×600
buttons_on_screen () {
  awk '/^button=(nb|nn|en|uk|ar|scan|walk-in) / { if ($2 < 0 || $2 >= 800 || $3 < 0 || $3 >= 600) bad = 1; n++ } END { exit bad || n != 7 }' "$work/state"
}
seven_buttons () { [ "$(grep -cE '^button=(nb|nn|en|uk|ar|scan|walk-in) ' "$work/state")" = 7 ]; }
check "at 800×600 every language button and both choices are on the screen" \
  "ui_state_has 'language=en' 'kiosk-page=welcome' && ui_wait seven_buttons && buttons_on_screen"
xdotool windowsize $wid 1280 800

# -- the idle reset: back to welcome and the default language

touch_button uk
ui_state_has 'language=uk'
touch_button walk-in
xdotool type --delay 30 "Taras"
check "the walk-in form takes a name" "ui_state_has 'kiosk-page=walk-in' 'walk-in-name=Taras'"
check "after the idle time the kiosk is back at welcome, in English, the name forgotten" \
  "ui_state_has 'kiosk-page=welcome' 'language=en' 'direction=ltr' && [ \$(ui_state_value idle-resets) -ge 1 ]"
touch_button walk-in
check "a new visitor finds the form empty" "ui_state_has 'kiosk-page=walk-in' 'walk-in-name='"
key Escape

# -- a walk-in, in Arabic

xdotool mousemove 1279 0
ui_state_has 'kiosk-page=welcome'
touch_button ar
ui_state_has 'language=ar'
touch_button walk-in
ui_state_has 'kiosk-page=walk-in'
xdotool type --delay 60 "سارة أحمد"
key Tab
xdotool type --delay 30 "Frivilligsentralen"
check "the walk-in form in Arabic, right to left" "ui_state_has 'language=ar' 'direction=rtl' 'walk-in-name=سارة أحمد'"
ui_shot kiosk-walk-in-ar
touch_button register
check "registering checks the walk-in in at once, as a kiosk registration" \
  "ui_state_has 'kiosk-page=result' 'result=checked-in' \
   && [ \"\$(sqlite3 '$work/events.db' \"SELECT r.source, count(c.id) FROM registration r JOIN person p ON p.id = r.person_id JOIN checkin c ON c.registration_id = r.id WHERE p.name = 'سارة أحمد' GROUP BY r.id\")\" = 'kiosk|1' ]"
ui_shot kiosk-result-green-ar
ui_state_has 'kiosk-page=welcome'

# -- the PIN

touch_button lock
check "the lock asks for the organiser's PIN" "ui_state_has 'kiosk-page=pin'"
ui_shot kiosk-pin
for i in 1 2 3 4; do
  xdotool type --delay 120 "1111"; key Return
  ui_state_has "wrong-pins=$i"
done
check "four wrong PINs do not leave, and say how many tries are left" \
  "alive && grep -q '^pin-message=Wrong PIN. 1 more try before a pause.$' '$work/state'"
xdotool type --delay 120 "1111"; key Return
check "the fifth wrong PIN makes the kiosk wait, and says how long" \
  "alive && ui_state_has 'pin-locked=yes' && grep -qE '^pin-message=Too many wrong PINs. Try again in [0-9]+ seconds?\.$' '$work/state'"
ui_shot kiosk-pin-wait
xdotool type --delay 120 "$PIN"; key Return
# (what does not happen: a moment for it not to)
sleep 0.8
check "while it waits, even the right PIN does not leave" "alive"
# The idle reset (8 s, after the 3 s wait) closes the pad: the organiser opens it again.
ui_state_has 'kiosk-page=welcome'
touch_button lock
check "after the wait the PIN pad takes a PIN again" "ui_state_has 'kiosk-page=pin' 'pin-locked=no'"
xdotool type --delay 120 "9999"; key Return
check "a wrong PIN after the wait makes it wait longer (6 s)" \
  "alive && ui_state_has 'pin-locked=yes' && grep -qE '^pin-message=Too many wrong PINs. Try again in [4-6] seconds\.$' '$work/state'"
ui_state_has 'kiosk-page=welcome'
touch_button lock
ui_state_has 'kiosk-page=pin' 'pin-locked=no'
xdotool type --delay 120 "$PIN"; key Return
check "the right PIN leaves the kiosk: the program ends" "ui_wait ui_program_ended"
wait $pid 2>/dev/null
pid=

# -- the default language: Preferences' kiosk-language, else the desktop's

settings ar
ui_start --db "$work/events.db" --event 1 --kiosk
check "with kiosk-language=ar the kiosk starts in Arabic, right to left" \
  "ui_state_has 'language=ar' 'direction=rtl' 'kiosk-page=welcome'"
ui_stop

settings ""
LANGUAGE=uk ui_start --db "$work/events.db" --event 1 --kiosk
check "with no kiosk-language the kiosk starts in the desktop's language (uk)" \
  "ui_state_has 'language=uk' 'direction=ltr' 'when=вівторок, 10 березня 2026 р., 09:00–12:00'"
ui_stop

ui_done
