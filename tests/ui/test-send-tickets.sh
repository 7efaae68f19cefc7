#!/bin/bash
# Tickets by e-mail from the window, as a person sends them, to the real
# SMTP server of the e-mail tests (tests/mail/smtp-server.py: aiosmtpd,
# STARTTLS on a certificate made here, AUTH), with the password in a
# real GNOME keyring (with-keyring.sh: gnome-keyring-daemon in a D-Bus
# session of its own):
#
#  - Preferences (Ctrl+,), the E-mail page: the password typed into the
#    keyring (never into a file), Test sends a test message and shows
#    the server's answer;
#  - the event page, Ctrl+Shift+T: the counts, the preview (screenshot),
#    Ctrl+Return sends; the result lists the refused address with its
#    reason (screenshot); Send Again tries it again; every registration
#    with an address has exactly one message;
#  - a second event sent at a rate, stopped midway, then the rest sent:
#    still exactly one each;
#  - the attendee list shows who has been sent their ticket; the
#    registration editor's Send Ticket Again sends one more on purpose;
#  - without a keyring: a clear message, nothing sent.
#
#   test-send-tickets.sh MOTEPLASS MOTEPLASS-CLI
#
# Screenshots go to $MP_BUILD_DIR/artefacts/ui-send-tickets/. Prints TAP.

set -u

here=$(dirname "$(realpath "$0")")
. "$here/ui-lib.sh"

moteplass=$(realpath "$1")
cli=$(realpath "$2")
src=$(realpath "$here/../..")
PY=/usr/bin/python3

if [ -z "${MP_KEYRING:-}${MP_KEYRING_MISSING:-}" ]; then
  exec "$here/with-keyring.sh" "$0" "$@"
fi
ui_in_xvfb "$@"
ui_require xdotool import sqlite3 openssl
if [ -n "${MP_KEYRING_MISSING:-}" ]; then
  echo "1..0 # SKIP no keyring: $MP_KEYRING_MISSING"
  exit 0
fi
"$PY" -c 'import aiosmtpd' 2>/dev/null || { echo "1..0 # SKIP python3-aiosmtpd is not installed"; exit 0; }
ui_setup ui-send-tickets

server_pid=
stop_server () { if [ -n "$server_pid" ]; then kill $server_pid 2>/dev/null; wait $server_pid 2>/dev/null; fi; }
ui_exit_hook=stop_server

export HOME=$work/home XDG_CONFIG_HOME=$work/config MP_MAIL_RETRY_BASE_MS=50
mkdir -p "$HOME"
unset MOTEPLASS_SMTP_PASSWORD
user=kari@bergen.kommune.no
db=$work/events.db

sql () { sqlite3 -cmd '.timeout 3000' "$db" "$1"; }
count_at () { "$PY" "$src/tests/mail/check-mail.py" counts "$work/smtp/mail" |
                "$PY" -c "import json,sys; print(json.load(sys.stdin).get('$1'.lower(), 0))"; }
# every_one_once EVENT: each registered attendee with an address has
# exactly one message at the server
every_one_once () {
  local address bad=0
  for address in $(sql "SELECT p.email FROM registration r JOIN person p ON p.id = r.person_id
                         WHERE r.event_id = $1 AND r.status = 'registered' AND p.email LIKE '%@%'
                         AND p.email <> 'refused@nav.no'"); do
    if [ "$(count_at "$address")" != 1 ]; then echo "# $address: $(count_at "$address") messages"; bad=1; fi
  done
  [ $bad = 0 ]
}
count_is () { [ "$(count_at "$1")" = "$2" ]; }
password_is () { [ "$(secret-tool lookup xdg:schema no.moteplass.Moteplass.Smtp server localhost user "$user")" = "$1" ]; }

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
mkdir -p "$work/smtp"
"$PY" "$src/tests/mail/smtp-server.py" --dir "$work/smtp" --cert "$work/cert.pem" --key "$work/key.pem" \
  --user "$user" --password 'rett passord' --refuse refused@nav.no >"$work/smtp/log" 2>&1 &
server_pid=$!
check "the SMTP server starts (STARTTLS, AUTH)" "ui_wait_until 10 test -s '$work/smtp/port'"
port=$(cat "$work/smtp/port")

# The account, as the command line sets it (the window binds the same file)
"$cli" smtp set --server localhost --port "$port" --security starttls --from "$user" \
  --from-name "Kari Nordmann" --user "$user" --ca-file "$work/cert.pem" --rate 0 >/dev/null

# Two events: one to send at once, one to stop midway
e1=$("$cli" --db "$db" event add --title "Dialogmøte om integrering og frivillighet" \
       --kind dialogmøte --starts 2026-03-08T09:00 --ends 2026-03-08T12:00 --venue "Fylkeshuset, Bergen")
register () { "$cli" --db "$db" register "$1" --name "$2" ${3:+--email "$3"} --organisation "NAV Vestland" --sector NAV >/dev/null; }
register "$e1" "Åse Sørensen" ase@nav.no
register "$e1" "Øystein Berg" oystein@nav.no
register "$e1" "Reidar Avvist" refused@nav.no
register "$e1" "Олена Коваль" olena@nav.no
register "$e1" "Carl Eik" carl@fjell.kommune.no
register "$e1" "Uten Adresse"
register "$e1" "Vera Venteliste" vera@nav.no
sql "UPDATE registration SET status = 'waitlisted' WHERE person_id = (SELECT id FROM person WHERE name = 'Vera Venteliste')"
e2=$("$cli" --db "$db" event add --title "Frokostmøte" --starts 2026-04-08T08:00 --venue "Bergen rådhus")
for i in $(seq 1 12); do register "$e2" "Deltaker Nummer$i" "deltaker$i@frivillig.no"; done

# -- the password, through Preferences, into the keyring

check "the window opens the event" "ui_start --db '$db' --event $e1 && ui_state_has 'page=event'"
key ctrl+comma
prefs=$(ui_other_window)
check "Preferences open" "[ -n '$prefs' ]"
xdotool windowsize "$prefs" 700 760
xdotool windowfocus --sync "$prefs" 2>/dev/null
# the E-mail page: its tab in the header's view switcher
xdotool key --clearmodifiers alt+e
sleep 0.5
ui_shot 01-preferences-mail
# the password row takes the focus from the page's "password" action
xdotool key --clearmodifiers alt+w
sleep 0.3
xdotool type --delay 5 'rett passord'
key Return
check "the password is in the keyring, under the server and the user" \
  "ui_wait_until 10 password_is 'rett passord'"
check "and in no file of the settings" "! grep -rq 'rett passord' '$XDG_CONFIG_HOME'"
xdotool key --clearmodifiers alt+t
check "Test sends a test message to the organiser" "ui_wait_until 20 count_is $user 1"
# the answer, at the end of the page
xdotool mousemove 340 500
for _ in 1 2 3 4 5 6 7 8 9 10; do xdotool click 5; done
xdotool mousemove 1279 799
ui_shot 02-preferences-test
# A field typed in the window reaches the file the command line reads
xdotool key --clearmodifiers alt+r
sleep 0.3
xdotool type --delay 5 'post@bergen.kommune.no'
check "the Reply-To typed in Preferences is in the account's file, which the command line reads" \
  "ui_wait_until 5 grep -q \"^reply-to='post@bergen.kommune.no'\" '$XDG_CONFIG_HOME/moteplass/mail.ini' && \
   '$cli' --json smtp show | grep -q '\"reply_to\" *: *\"post@bergen.kommune.no\"'"
check "the account's file stays its owner's alone" "[ \"\$(stat -c %a '$XDG_CONFIG_HOME/moteplass/mail.ini')\" = 600 ]"
key Escape
xdotool windowfocus --sync $wid 2>/dev/null

# -- sending the first event

key ctrl+shift+t
dialog=$(ui_other_window)
check "Ctrl+Shift+T opens Send Tickets" "[ -n '$dialog' ] && ui_state_has 'send-tickets=plan'"
xdotool windowsize "$dialog" 760 760
xdotool windowfocus --sync "$dialog" 2>/dev/null
check "it counts 5 to send, none sent, 1 without an address" "ui_state_has 'send-tickets.counts=5|0|0|0|1|0'"
check "it shows the message as it will be sent" "ui_state_matches '^send-tickets.preview=Your ticket\\|^send-tickets.preview=Billett'"
ui_shot 03-send-tickets-preview
# The event's own subject, typed in the dialog: a wrong placeholder first
xdotool key --clearmodifiers alt+b
key ctrl+a
xdotool type --delay 5 'Billett til {event} for {navn}'
check "an unknown placeholder is refused, saying which, and nothing can be sent" \
  "ui_state_has 'send-tickets.can-send=no' && ui_state_matches '^send-tickets.message-error=.*{navn}'"
key ctrl+a
xdotool type --delay 5 'Billett til {event} for {name}'
check "the preview follows the subject as typed" \
  "ui_state_has 'send-tickets.preview=Billett til Dialogmøte om integrering og frivillighet for Åse Sørensen' 'send-tickets.can-send=yes'"
key ctrl+Return
check "Ctrl+Return sends: the result says 4 sent of 5, 1 failed" "ui_state_has 'send-tickets=result' 'send-tickets.result=4|5|0|1|0'"
check "the refused address is listed with the server's reason" "ui_state_matches '^send-tickets.failed=Reidar Avvist|.*550'"
ui_shot 04-send-tickets-result
check "every registration with an address got exactly one message" "every_one_once $e1"
check "the event keeps the subject typed in the dialog" \
  "'$cli' --db '$db' --json event-mail $e1 | grep -q '\"subject\" *: *\"Billett til {event} for {name}\"'"
check "the refused one got none" "[ \"\$(count_at refused@nav.no)\" = 0 ]"
check "nobody on the waiting list or without an address got one" "[ \"\$(count_at vera@nav.no)\" = 0 ]"
# Send Again to Those Who Failed (the focused button, once counted)
check "the result offers to send again to the one who failed" "ui_state_has 'send-tickets.again=Send _Again to Those Who Failed'"
key Return
check "sending again tries only the one who failed" "ui_state_has 'send-tickets.result=0|1|0|1|0'"
check "still exactly one each" "every_one_once $e1"
key Escape

check "the attendee list shows who has been sent their ticket" \
  "ui_state_has 'mail=Åse Sørensen|sent' 'mail=Reidar Avvist|failed'"
check "and not for those who have none" "ui_state_lacks 'mail=Uten Adresse'"
ui_shot 05-attendees-sent

# -- Send Ticket Again, on purpose, from the registration editor
key ctrl+f
# "Aase", the old spelling that finds "Åse": a letter the keyboard map
# lacks is typed by remapping a key for a moment, which a busy machine
# can read after the map is back (the search then was "se")
xdotool type --delay 20 "Aase"
check "the search finds Åse by the old spelling" "ui_state_has 'query=Aase' 'matches=1 of 7 shown'"
xdotool mousemove 200 251 click 1
xdotool mousemove 1279 799
check "a click on her row selects her" "ui_state_has 'selected=1'"
key ctrl+e
editor=$(ui_other_window)
check "the registration editor shows the ticket e-mail" "[ -n '$editor' ] && ui_state_matches '^editor.ticket-mail=sent'"
xdotool windowsize "$editor" 480 760
xdotool windowfocus --sync "$editor" 2>/dev/null
ui_shot 06-editor-ticket-mail
xdotool key --clearmodifiers alt+a
check "Send Ticket Again sends one more, on purpose" "ui_wait_until 20 count_is ase@nav.no 2"
check "and the editor says so" "ui_state_matches '^editor.ticket-mail=sent|Sent .* to ase@nav.no. The server answered: 250'"
ui_shot 07-editor-sent-again
key Escape
xdotool windowfocus --sync $wid 2>/dev/null

# -- the second event, at a rate, stopped midway

ui_stop
"$cli" smtp set --rate 120 >/dev/null   # one every half second
check "the window opens the second event" "ui_start --db '$db' --event $e2 && ui_state_has 'page=event'"
key ctrl+shift+t
dialog=$(ui_other_window)
xdotool windowsize "$dialog" 760 760
xdotool windowfocus --sync "$dialog" 2>/dev/null
check "12 to send" "ui_state_has 'send-tickets.counts=12|0|0|0|0|0'"
key ctrl+Return
check "it sends, at the account's rate" "ui_wait_until 20 ui_state_matches '^send-tickets.progress=[3-9]|12'"
ui_shot_now 08-sending
# Stop Sending has the focus
key Return
check "Stop ends the sending midway" "ui_state_has 'send-tickets=result' && ui_state_matches '^send-tickets.result=[0-9]*|12|[1-9][0-9]*|0|0'"
ui_shot 09-stopped
sent_before=$(ls "$work/smtp/mail" | wc -l)
check "what was stopped was not sent" "[ \$(sql \"SELECT count(*) FROM outbox o JOIN registration r ON r.id = o.registration_id WHERE r.event_id = $e2 AND o.state = 'sent'\") -lt 12 ]"
"$cli" smtp set --rate 0 >/dev/null
# Send the Rest (the focused button); the sending reads the rate anew
check "the result offers to send the rest" "ui_state_matches '^send-tickets.again=_Send the Rest ([1-9][0-9]*)'"
key Return
check "Send the Rest sends the others" "ui_state_has 'send-tickets=result' && ui_state_matches '^send-tickets.result=[0-9]*|[0-9]*|0|0|0' && [ \$(sql \"SELECT count(*) FROM outbox o JOIN registration r ON r.id = o.registration_id WHERE r.event_id = $e2 AND o.state = 'sent'\") = 12 ]"
check "every one of the second event got exactly one message" "every_one_once $e2"
: "$sent_before"
ui_stop

# -- no keyring: a clear message, nothing sent

# Carl's message as a sending killed in the window of doubt leaves it
sql "UPDATE outbox SET state = 'unconfirmed' WHERE address = 'carl@fjell.kommune.no'"
ui_app_env=(DBUS_SESSION_BUS_ADDRESS=unix:path=$work/no-such-bus)
check "the window opens without a keyring" "ui_start --db '$db' --event $e1 && ui_state_has 'page=event'"
messages_before=$(ls "$work/smtp/mail" | wc -l)
key ctrl+shift+t
dialog=$(ui_other_window)
xdotool windowfocus --sync "$dialog" 2>/dev/null
check "the list marks the one who may have got theirs" "ui_state_has 'mail=Carl Eik|unconfirmed'"
check "Send Tickets counts 1 to send (the refused), 3 sent, 1 that may have arrived" \
  "ui_state_has 'send-tickets.counts=1|3|1|0|1|1'"
check "Send Tickets says the keyring cannot be reached" "ui_state_matches '^send-tickets.account=The keyring cannot be reached'"
check "and does not offer to send" "ui_state_has 'send-tickets.can-send=no'"
ui_shot 10-no-keyring
check "nothing was sent" "[ \$(ls '$work/smtp/mail' | wc -l) = $messages_before ]"

ui_done
