#!/usr/bin/env bash
# Tickets by e-mail through a real SMTP server on loopback: Debian's
# aiosmtpd (tests/mail/smtp-server.py) with STARTTLS on a self-signed
# certificate made here and named as the CA file, and AUTH. The server
# stores each message as it arrives; tests/mail/check-mail.py reads them
# as a mail reader would. Every registration with an address gets one
# message, the codes in it scan and check in; refusals, a server that is
# down, a wrong password, a 451, cancelling and SIGKILL at random moments
# never make anyone get two. Prints TAP.
set -uo pipefail
. "$(dirname "$(realpath "$0")")/../tap.sh"

CLI=${1:?usage: test-send-tickets.sh MOTEPLASS_CLI}
SRC=${MP_SOURCE_DIR:?}
PY=/usr/bin/python3
SERVER=$SRC/tests/mail/smtp-server.py
CHECK=$SRC/tests/mail/check-mail.py
tmp=$(mktemp -d)
servers=()
cleanup () {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
db=$tmp/test.db

need pdftoppm zbarimg openssl sqlite3
"$PY" -c 'import aiosmtpd, icalendar' 2>/dev/null ||
  { echo "1..0 # SKIP python3-aiosmtpd and python3-icalendar are not installed"; exit 0; }

# A home and a configuration of our own: the account file and ~/.netrc.
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config
mkdir -p "$HOME"
unset MOTEPLASS_SMTP_PASSWORD
export MP_MAIL_RETRY_BASE_MS=50

# start_server NAME ARGS...: a server in $tmp/NAME; sets $port
start_server () {
  local name=$1; shift
  mkdir -p "$tmp/$name"
  "$PY" "$SERVER" --dir "$tmp/$name" --cert "$tmp/cert.pem" --key "$tmp/key.pem" "$@" \
    >"$tmp/$name/log" 2>&1 &
  servers+=($!)
  for _ in $(seq 200); do [ -f "$tmp/$name/port" ] && break; sleep 0.05; done
  port=$(cat "$tmp/$name/port" 2>/dev/null)
  [ -n "$port" ]
}

count_at () {  # count_at SERVER ADDRESS: messages stored for ADDRESS
  "$PY" "$CHECK" counts "$tmp/$1/mail" | "$PY" -c "import json,sys; print(json.load(sys.stdin).get('$2'.lower(), 0))"
}

json_field () {  # json_field FILE EXPRESSION (on the parsed JSON, as j)
  "$PY" -c "import json,sys; j=json.load(open('$1')); print($2)"
}

sql () { sqlite3 -cmd '.timeout 3000' "$db" "$1"; }

# The certificate of "localhost", made here, is the CA file.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null
ok "a self-signed certificate for localhost" test -s "$tmp/cert.pem"

ok "the SMTP server starts (STARTTLS, AUTH)" start_server main --user kari@bergen.kommune.no --password 'rett passord' \
  --refuse refused@nav.no --tempfail-once carl@fjell.kommune.no
main_port=$port

# The account
ok "smtp set refuses no encryption to another computer" \
  status_is 2 "$CLI" smtp set --server smtp.example.no --security none --from kari@bergen.kommune.no
ok "smtp set saves the account" status_is 0 "$CLI" smtp set --server localhost --port "$main_port" \
  --security starttls --from kari@bergen.kommune.no --from-name "Kari Nordmann (Bergen kommune)" \
  --user kari@bergen.kommune.no --ca-file "$tmp/cert.pem"
ok "the account file holds no password" bash -c "! grep -qi passord '$XDG_CONFIG_HOME/moteplass/mail.ini'"
ok "smtp show --json" status_is 0 "$CLI" --json smtp show
ok "smtp show: the server, STARTTLS, no password found yet" \
  test "$(json_field "$tmp/out" "j['server'], j['port'] == $main_port, j['security'], j['password']")" = "localhost True starttls none"

# Logging in: a wrong password, then the right one from ~/.netrc
ok "smtp test with a wrong password fails" \
  status_is 1 env MOTEPLASS_SMTP_PASSWORD=galt "$CLI" smtp test kari@bergen.kommune.no
ok "and says the user name and password were not accepted" grep -q "did not accept the user name" "$tmp/err"
printf 'machine localhost login kari@bergen.kommune.no password "rett passord"\n' > "$HOME/.netrc"
chmod 600 "$HOME/.netrc"
ok "smtp test with the password from ~/.netrc" status_is 0 "$CLI" smtp test kari@bergen.kommune.no
ok "the server took it (250)" grep -q "answered: 250" "$tmp/out"
ok "the test message arrived" test "$(count_at main kari@bergen.kommune.no)" = 1

# Certificates are verified: without the CA file the self-signed one fails
"$CLI" smtp set --ca-file "" >/dev/null
ok "without the CA file the certificate is not trusted" \
  status_is 1 "$CLI" smtp test kari@bergen.kommune.no
ok "and the error says so" grep -q "certificate of the mail server localhost could not be verified" "$tmp/err"
"$CLI" smtp set --ca-file "$tmp/cert.pem" >/dev/null

# TLS from the first byte (smtps://, as on port 465)
ok "a second server with TLS from the start" start_server tls --tls tls --user kari@bergen.kommune.no --password 'rett passord'
tls_port=$port
"$CLI" smtp set --security tls --port "$tls_port" >/dev/null
ok "smtp test over smtps://" status_is 0 "$CLI" smtp test kari@bergen.kommune.no
ok "arrives through TLS" test "$(count_at tls kari@bergen.kommune.no)" = 1
"$CLI" smtp set --security starttls --port "$main_port" >/dev/null

# The event and its registrations
event=$("$CLI" --db "$db" event add --title "Dialogmøte om integrering og frivillighet" \
          --kind dialogmøte --starts 2026-03-08T09:00 --ends 2026-03-08T12:00 --venue "Fylkeshuset, Bergen")
register () {  # register NAME EMAIL: prints the registration id
  "$CLI" --db "$db" --json register "$event" --name "$1" --email "$2" --organisation "NAV Vestland" --sector NAV |
    "$PY" -c 'import json,sys; print(json.load(sys.stdin)["registration_id"])'
}
r_ase=$(register "Åse Sørensen" ase@nav.no)
r_oystein=$(register "Øystein Berg" oystein@nav.no)
r_refused=$(register "Reidar Avvist" refused@nav.no)
r_carl=$(register "Carl Eik" carl@fjell.kommune.no)
r_olena=$(register "Олена Коваль" olena@nav.no)
r_long=$(register "Anne-Marie Strand Øvrebø-Kvinnherad" anne-marie.strand.ovrebo@vestlandfylke.no)
r_quote=$(register 'Per "Pelle" Hansen, jr.' per@nav.no)
r_wait=$(register "Vera Venteliste" vera@nav.no)
"$CLI" --db "$db" register "$event" --name "Uten Adresse" --organisation "NAV Vestland" >/dev/null
"$CLI" --db "$db" register "$event" --name "Også Uten" >/dev/null
sql "UPDATE registration SET status = 'waitlisted' WHERE id = $r_wait"
: "$r_long" "$r_quote"

ok "the dry run counts those to send, without address, not admitted" \
  status_is 0 "$CLI" --db "$db" --json send-tickets "$event" --dry-run
ok "7 to send, 2 without an address, 1 on the waiting list" \
  test "$(json_field "$tmp/out" "j['to_send'], j['no_address'], j['not_admitted'], j['sent']")" = "7 2 1 0"

ok "the dry run of one registration shows its message" \
  status_is 0 "$CLI" --db "$db" send-tickets "$event" --dry-run --registration "$r_olena"
ok "with its headers and words" bash -c "grep -q '^Subject: =?UTF-8?B?' '$tmp/out' && grep -q '^Auto-Submitted: auto-generated' '$tmp/out' && grep -q '^Hei Олена Коваль,' '$tmp/out' && grep -q '^Tid: søndag 8. mars 2026 kl. 09.00–12.00' '$tmp/out'"

# The server is down: a clear error, nothing marked sent
down_port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$CLI" smtp set --port "$down_port" >/dev/null
ok "with the server down, send-tickets fails" status_is 1 "$CLI" --db "$db" send-tickets "$event" --rate 0
ok "and says it could not connect" grep -q "Could not connect to the mail server localhost, port $down_port" "$tmp/err"
ok "nothing is marked sent" test "$(sql "SELECT count(*) FROM outbox WHERE state <> 'queued'")" = 0
ok "all 7 are still to send" bash -c "'$CLI' --db '$db' --json send-tickets '$event' --dry-run | grep -q '\"to_send\" : 7'"
"$CLI" smtp set --port "$main_port" >/dev/null

# A wrong password: a clear error, nothing sent
ok "with a wrong password, send-tickets fails" \
  status_is 1 env MOTEPLASS_SMTP_PASSWORD=galt "$CLI" --db "$db" send-tickets "$event" --rate 0
ok "and says the password was not accepted" grep -q "did not accept the user name" "$tmp/err"
ok "nothing was sent" test "$(sql "SELECT count(*) FROM outbox WHERE state IN ('sent', 'sending', 'unconfirmed', 'failed')")" = 0

# Sending: one refused with 550, one answered 451 once
ok "send-tickets sends (exit 1: one was refused)" status_is 1 "$CLI" --db "$db" --json send-tickets "$event" --rate 0
cp "$tmp/out" "$tmp/first.json"
ok "6 sent of 7" test "$(json_field "$tmp/first.json" "j['sent'], j['queued']")" = "6 7"
ok "the refused one failed with the server's reason" \
  test "$(json_field "$tmp/first.json" "j['failed'][0]['registration_id'] == $r_refused and '550 5.1.1' in j['failed'][0]['reason']")" = True
ok "the 451 was answered once" test "$(cat "$tmp/main/tempfailed")" = carl@fjell.kommune.no
ok "the failed one is recorded with its reason" \
  test "$(sql "SELECT state, reason LIKE '%Recipient address rejected%' FROM outbox WHERE registration_id = $r_refused")" = "failed|1"
connections=$(wc -l < "$tmp/main/connections")
ok "one connection carried many messages ($connections connections for 8 messages and 3 tests)" test "$connections" -le 7

mkdir -p "$tmp/scan"
ok "every message parses and its codes scan to its registration's ticket" \
  bash -c "'$PY' '$CHECK' tickets '$tmp/main/mail' '$db' '$event' '$tmp/scan' --refused refused@nav.no > '$tmp/codes' 2> '$tmp/check-err'"
sed 's/^/# /' "$tmp/check-err"
ok "six tickets came back from the messages" test "$(sort -u "$tmp/codes" | wc -l)" = 6
while read -r code; do
  ok "the e-mailed ticket $code checks in" status_is 0 "$CLI" --db "$db" checkin "$event" "$code"
done < <(sort -u "$tmp/codes")

# Sending again sends only to those not yet sent
ok "a second send tries only the refused one again" status_is 1 "$CLI" --db "$db" --json send-tickets "$event" --rate 0
ok "queued 1, sent 0" test "$(json_field "$tmp/out" "j['queued'], j['sent']")" = "1 0"
r_late=$(register "Lars Sein" lars@nav.no)
ok "after a late registration, a send" status_is 1 "$CLI" --db "$db" --json send-tickets "$event" --rate 0
ok "sends the late one and nobody else" test "$(json_field "$tmp/out" "j['queued'], j['sent']")" = "2 1"
ok "still one message each" \
  bash -c "'$PY' '$CHECK' tickets '$tmp/main/mail' '$db' '$event' '$tmp/scan' --refused refused@nav.no >/dev/null"

# On purpose: one registration, again
ok "--registration of one who got it says so" status_is 1 "$CLI" --db "$db" send-tickets "$event" --registration "$r_ase"
ok "and points to --resend" grep -q "was sent their ticket .* Send it again on purpose with --resend" "$tmp/err"
ok "--registration --resend sends it again" status_is 0 "$CLI" --db "$db" send-tickets "$event" --registration "$r_ase" --resend --rate 0
ok "Åse has two messages now, on purpose" test "$(count_at main ase@nav.no)" = 2

# A new address: counted apart, sent again only on purpose
sql "UPDATE person SET email = 'oystein.berg@nav.no', email_key = 'oystein.berg@nav.no' WHERE id = (SELECT person_id FROM registration WHERE id = $r_oystein)"
ok "the dry run lists the changed address" status_is 0 "$CLI" --db "$db" --json send-tickets "$event" --dry-run
ok "as address-changed" test "$(json_field "$tmp/out" "[r['status'] for r in j['registrations'] if r['registration_id'] == $r_oystein][0]")" = address-changed
"$CLI" --db "$db" send-tickets "$event" --rate 0 >/dev/null 2>&1
ok "a plain send does not send to the new address" test "$(count_at main oystein.berg@nav.no)" = 0
ok "--registration sends to the new address" status_is 0 "$CLI" --db "$db" send-tickets "$event" --registration "$r_oystein" --rate 0
ok "the new address got one" test "$(count_at main oystein.berg@nav.no)" = 1

# Rate: 3 messages at 60 a minute start a second apart (the first one
# also connects, so its arrival is later by that; the bounds allow for it)
rate_event=$("$CLI" --db "$db" event add --title "Frokostmøte" --starts 2026-04-08T08:00)
for i in 1 2 3; do "$CLI" --db "$db" register "$rate_event" --name "Rate $i" --email "rate$i@nav.no" >/dev/null; done
ok "three messages at --rate 60" status_is 0 "$CLI" --db "$db" send-tickets "$rate_event" --rate 60
ok "they arrived about a second apart" "$PY" -c "
import glob, os, email
t = sorted(os.stat(p).st_mtime for p in glob.glob('$tmp/main/mail/*.eml')
           if email.message_from_binary_file(open(p, 'rb'))['X-Envelope-To'].startswith('rate'))
assert len(t) == 3 and t[2] - t[1] >= 0.7 and t[2] - t[0] >= 1.4, t"

# Privacy: the access export lists what was sent; erasure forgets the address
person_ase=$(sql "SELECT person_id FROM registration WHERE id = $r_ase")
ok "person export" status_is 0 "$CLI" --db "$db" person export "$person_ase"
ok "lists Åse's two ticket e-mails, sent, with the server's answer" \
  test "$(json_field "$tmp/out" "[(e['state'], e['address'], e['server_reply'][:3]) for e in j['emails']] == [('sent', 'ase@nav.no', '250')] * 2")" = True
ok "the outbox keeps no message text" test "$(sql "SELECT count(*) FROM pragma_table_info('outbox') WHERE name IN ('body', 'text', 'html', 'message')")" = 0
ok "erase-person" status_is 0 "$CLI" --db "$db" erase-person "$person_ase"
ok "the outbox no longer holds Åse's address" test "$(sql "SELECT count(*) FROM outbox WHERE address LIKE '%ase@%' OR reply LIKE '%ase@%'")" = 0
ok "an erased person gets nothing" bash -c "'$CLI' --db '$db' send-tickets '$event' --rate 0 >/dev/null 2>&1; test \"\$('$PY' '$CHECK' counts '$tmp/main/mail' | grep -o '\"ase@nav.no\": [0-9]*')\" = '\"ase@nav.no\": 2'"

# The window of doubt, made wide: the server holds its 250 for 3 s after
# storing the message; the sender is killed meanwhile.
ok "a server that answers slowly for one address" start_server slow --user kari@bergen.kommune.no --password 'rett passord' --slow slow@nav.no
"$CLI" smtp set --port "$port" >/dev/null
doubt_event=$("$CLI" --db "$db" event add --title "Seminar" --starts 2026-05-08T10:00)
r_slow=$("$CLI" --db "$db" --json register "$doubt_event" --name "Sakte Svar" --email slow@nav.no |
           "$PY" -c 'import json,sys; print(json.load(sys.stdin)["registration_id"])')
"$CLI" --db "$db" send-tickets "$doubt_event" --rate 0 >/dev/null 2>&1 &
sender=$!
for _ in $(seq 200); do [ -f "$tmp/slow/slow" ] && break; sleep 0.02; done
ok "a second sender meanwhile is turned away" status_is 1 "$CLI" --db "$db" send-tickets "$doubt_event" --rate 0
ok "saying tickets are being sent already" grep -q "Tickets are being sent from this database already" "$tmp/err"
kill -KILL "$sender"; wait "$sender" 2>/dev/null
ok "killed while the server held its answer: the server has the message" test "$(count_at slow slow@nav.no)" = 1
ok "the outbox says it may have arrived" test "$(sql "SELECT state FROM outbox WHERE registration_id = $r_slow")" = unconfirmed
ok "the dry run reports it as unconfirmed" \
  bash -c "'$CLI' --db '$db' --json send-tickets '$doubt_event' --dry-run | grep -q '\"unconfirmed\" : 1'"
ok "a plain send does not send it again" status_is 0 "$CLI" --db "$db" send-tickets "$doubt_event" --rate 0
ok "still one message" test "$(count_at slow slow@nav.no)" = 1
ok "naming it without --resend says it may have arrived" status_is 1 "$CLI" --db "$db" send-tickets "$doubt_event" --registration "$r_slow"
ok "with the reason" grep -q "may have got their ticket" "$tmp/err"

# Cancel (SIGTERM): the message under way stops before its end or
# finishes; the rest stays queued; nothing is sent twice.
cancel_event=$("$CLI" --db "$db" event add --title "Konferanse" --starts 2026-06-08T10:00)
for i in $(seq 20); do "$CLI" --db "$db" register "$cancel_event" --name "Avbrutt $i" --email "cancel$i@nav.no" >/dev/null; done
"$CLI" smtp set --port "$main_port" >/dev/null
"$CLI" --db "$db" send-tickets "$cancel_event" --rate 300 >"$tmp/cancel-out" 2>"$tmp/cancel-err" &
sender=$!
sleep 0.9
kill -TERM "$sender"; wait "$sender"; status=$?
ok "SIGTERM stops the sending (exit 1)" test "$status" = 1
ok "and says what stays queued" grep -q "Sending was stopped; [0-9]* tickets\? w.* not sent yet" "$tmp/cancel-err"
ok "a send after it sends the rest" status_is 0 "$CLI" --db "$db" send-tickets "$cancel_event" --rate 0
ok "each of the 20 got exactly one" "$PY" -c "
import json, subprocess
c = json.loads(subprocess.run(['$PY', '$CHECK', 'counts', '$tmp/main/mail'], capture_output=True, text=True).stdout)
assert all(c.get('cancel%d@nav.no' % i) == 1 for i in range(1, 21)), c"

# SIGKILL at random moments, 25 times, against a server that takes a
# little while (so that kills land in every step, the doubt window
# included); then one send to the end. The guarantee: nobody got two;
# everyone the outbox calls sent got exactly one; those it calls
# unconfirmed (killed between the end of the message and the answer)
# got at most one, and are reported, not resent.
ok "a server with small random delays" start_server kill --user kari@bergen.kommune.no --password 'rett passord' --delay-ms 12
"$CLI" smtp set --port "$port" >/dev/null
kill_event=$("$CLI" --db "$db" event add --title "Verksted" --starts 2026-09-08T10:00 --ends 2026-09-08T15:00)
for i in $(seq 400); do echo "Navn $i,kill$i@nav.no,NAV"; done | sed '1i Navn,E-post,Sektor' > "$tmp/kill.csv"
"$CLI" --db "$db" import "$kill_event" "$tmp/kill.csv" >/dev/null
# (until 25 kills have landed: a send that finished before its kill, on
# a fast machine, is not one; 400 people so that there is always more)
kills=0 tries=0
while [ "$kills" -lt 25 ] && [ "$tries" -lt 80 ]; do
  tries=$((tries + 1))
  "$CLI" --db "$db" send-tickets "$kill_event" --rate 0 >/dev/null 2>&1 &
  sender=$!
  sleep "0.$(printf '%02d' $((RANDOM % 30 + 5)))"
  if kill -KILL "$sender" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$sender" 2>/dev/null
done
ok "the sender was killed at least 20 times ($kills)" test "$kills" -ge 20
ok "one send after the kills finishes the rest" status_is 0 "$CLI" --db "$db" send-tickets "$kill_event" --rate 0
"$CLI" --db "$db" --json send-tickets "$kill_event" --dry-run > "$tmp/kill-plan.json"
"$PY" "$CHECK" counts "$tmp/kill/mail" > "$tmp/kill-counts.json"
ok "nobody got two; sent = exactly one; unconfirmed = at most one; none left" "$PY" -c "
import json
plan = json.load(open('$tmp/kill-plan.json')); counts = json.load(open('$tmp/kill-counts.json'))
bad = []
states = {}
for r in plan['registrations']:
    got = counts.get(r['address'].lower(), 0)
    states[r['status']] = states.get(r['status'], 0) + 1
    if got > 1 or (r['status'] == 'sent' and got != 1) or (r['status'] == 'unconfirmed' and got > 1) \
       or r['status'] not in ('sent', 'unconfirmed'):
        bad.append((r['registration_id'], r['status'], got))
print('# after the kills:', states, 'messages:', sum(counts.values()))
assert len(plan['registrations']) == 400 and not bad, bad"

tap_done
