#!/usr/bin/env bash
# What an attacker, a careless user or a bad day tried on moteplass-cli
# (issue 12): control characters and terminal escapes in names and desk
# names, texts longer than anyone needs, a title that made the PDF
# report take 43 s, negative numbers, a read-only folder, files that
# other users could read. Prints TAP.
set -uo pipefail
. "$(dirname "$(realpath "$0")")/../tap.sh"
CLI=${1:?usage: test-safety.sh MOTEPLASS_CLI}
tap_tmpdir
db=$tmp/m.db
umask 022

letters () { head -c "$1" /dev/zero | tr '\0' "$2"; }
json_field () { /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

e=$("$CLI" --db "$db" event add --title "Dialogmøte" --starts 2026-03-08T09:00)

# Names: escapes and controls go, the letters stay.
ok "register takes a name with terminal escapes" \
  status_is 0 "$CLI" --db "$db" --json register "$e" --name $'Kari\e[31m \e]0;pwned\aNordmann\x01' --organisation $'NAV\u202e Vestland'
ok "the stored name is clean" test "$(json_field "['name']" <"$tmp/out")" = "Kari Nordmann"
ok "the organisation lost its bidi override" test "$(json_field "['organisation']" <"$tmp/out")" = "NAV Vestland"
ticket=$(json_field "['ticket']" <"$tmp/out")
ok "Arabic and Cyrillic names are kept" \
  status_is 0 "$CLI" --db "$db" --json register "$e" --name "علي أحمد" --organisation "Олена Коваль"
ok "… as they were" test "$(json_field "['name']" <"$tmp/out")" = "علي أحمد"

# Lengths: 500 for a name like the import, 200 for a title, 60 for a desk.
ok "a name of 10,000 characters is refused" status_is 1 "$CLI" --db "$db" register "$e" --name "$(letters 10000 n)"
ok "… saying how long it may be" err_has "at most 500 characters"
ok "a name of 500 characters is taken" status_is 0 "$CLI" --db "$db" register "$e" --name "$(letters 500 n)"
ok "a title of 201 characters is refused" status_is 1 "$CLI" --db "$db" event add --title "$(letters 201 t)" --starts 2026-03-08T09:00
ok "… and no event was made" test "$("$CLI" --db "$db" --json event list | json_field '.__len__()')" = 1

# The desk name: cleaned, and capped at 60.
ok "checkin with an escape in the desk name" \
  status_is 0 "$CLI" --db "$db" --json checkin "$e" "$ticket" --desk $'Desk\e[2J\e[H 2\x07'
ok "the recorded desk name is clean" test "$(json_field "['desk']" <"$tmp/out")" = "Desk 2"
ok "… and so is the “already” answer" \
  status_is 3 "$CLI" --db "$db" checkin "$e" "$ticket"
ok "… which has no escape in it" sh -c "! grep -q \$'\\e' '$tmp/out'"
t2=$("$CLI" --db "$db" register "$e" --name "Per Hansen" | cut -f2)
ok "a desk name of 120,000 characters is refused" \
  status_is 1 "$CLI" --db "$db" checkin "$e" "$t2" --desk "$(letters 120000 d)"
ok "… saying why" err_has "desk name may be at most 60 characters"
ok "… and nothing was checked in" status_is 0 "$CLI" --db "$db" checkin "$e" "$t2" --desk "Desk 1"

# Negative numbers: refused, not "unlimited" or "the default".
ok "--capacity -5 is refused" status_is 2 "$CLI" --db "$db" event add --title "Møte" --starts 2026-03-08T09:00 --capacity -5
ok "… with a clear message" err_has "--capacity takes a whole number from 0"
ok "--capacity 0 is taken" status_is 0 "$CLI" --db "$db" event add --title "Lukket møte" --starts 2026-03-08T09:00 --capacity 0
ok "retention --months -1 is refused (it meant 12)" status_is 2 "$CLI" --db "$db" retention --months -1
ok "… saying so" err_has "--months takes a whole number from 0 to 1200"
ok "search --limit -3 is refused" status_is 2 "$CLI" --db "$db" search "$e" kari --limit -3
ok "tickets --registration -4 is refused" status_is 2 "$CLI" --db "$db" tickets "$e" -o "$tmp/t.pdf" --registration -4

# The report of a title of 100,000 letters (stored before the limit):
# produced, with the title cut at 200 letters and an ellipsis.
big=$tmp/big.db
"$CLI" --db "$big" event add --title "$(letters 200 T)" --starts 2026-03-08T09:00 >/dev/null
"$CLI" --db "$big" register 1 --name "Kari Nordmann" >/dev/null
if command -v sqlite3 >/dev/null && command -v pdftotext >/dev/null; then
  sqlite3 "$big" "UPDATE event SET title = printf('%.*c', 100000, 'T')"
  ok "report --pdf of a 100,000-letter title is written" status_is 0 "$CLI" --db "$big" report 1 --pdf "$tmp/big.pdf"
  ok "… with the title capped at 200 letters and …" \
    test "$(pdftotext "$tmp/big.pdf" - | tr -d '\n' | grep -o 'T*…' | head -1)" = "$(letters 200 T)…"
  ok "tickets of it are written too" status_is 0 "$CLI" --db "$big" tickets 1 -o "$tmp/big-tickets.pdf"
else
  echo "# sqlite3 or pdftotext missing: the long title is not checked"
fi

# An erased person's ticket checked in ("Welcome,  (Org)"); not now.
t3=$("$CLI" --db "$db" register "$e" --name "Erik Sletta" --email erik@example.no | cut -f2)
p3=$("$CLI" --db "$db" --json search "$e" erik | json_field "[0]['person_id']")
ok "erase-person" status_is 0 "$CLI" --db "$db" erase-person "$p3"
ok "… says no trace is left" out_has "no trace of it is left"
ok "the erased person's ticket is not valid" status_is 4 "$CLI" --db "$db" checkin "$e" "$t3"
ok "… and says so" out_has "This ticket is no longer valid"

# Capacity is a promise: past it, the waiting list.
full=$("$CLI" --db "$db" event add --title "Fullt møte" --starts 2026-03-08T09:00 --capacity 1)
"$CLI" --db "$db" register "$full" --name "Første Person" >/dev/null
ok "registering past capacity succeeds" status_is 0 "$CLI" --db "$db" --json register "$full" --name "Andre Person"
ok "… on the waiting list" test "$(json_field "['status']" <"$tmp/out")" = waitlisted
ok "… and says so" err_has "The event is full"
ok "--over-capacity registers" status_is 0 "$CLI" --db "$db" --json register "$full" --name "Tredje Person" --over-capacity
ok "… as registered" test "$(json_field "['status']" <"$tmp/out")" = registered
printf 'Navn\nFjerde Person\nFemte Person\n' >"$tmp/full.csv"
ok "the import's dry run says who would wait" status_is 0 "$CLI" --db "$db" import "$full" "$tmp/full.csv" --dry-run
ok "… how many" out_has "2 of them go to the waiting list"

# A withdrawal stands when an old file is imported again.
printf 'Navn,E-post,Samtykke\nGuri Aas,guri@example.no,ja\n' >"$tmp/consent.csv"
"$CLI" --db "$db" import "$e" "$tmp/consent.csv" >/dev/null
guri=$("$CLI" --db "$db" --json search "$e" guri | json_field "[0]['person_id']")
ok "the mailing list has her" status_is 0 "$CLI" --db "$db" mailing --event "$e"
ok "… by address" out_has "guri@example.no"
"$CLI" --db "$db" consent withdraw "$guri" --kind followup >/dev/null
ok "the same file again" status_is 0 "$CLI" --db "$db" import "$e" "$tmp/consent.csv"
ok "… says the consent was not given again" out_has "1 consent was not given again"
ok "the mailing list leaves her out" status_is 0 "$CLI" --db "$db" mailing --event "$e"
ok "… entirely" sh -c "! grep -q guri '$tmp/out'"
ok "her history says why" status_is 0 "$CLI" --db "$db" person export "$guri"
ok "… in words" out_has "A withdrawal stands until a later answer gives consent again"

# Erasure is honest: while another program reads, traces remain, and it
# says so; the next open wipes them.
rdb=$tmp/reader.db
"$CLI" --db "$rdb" event add --title "Lesing" --starts 2026-03-08T09:00 >/dev/null
"$CLI" --db "$rdb" register 1 --name "Zebulon Quixote" --email zebulon.quixote@example.no >/dev/null
"$CLI" --db "$rdb" register 1 --name "Olaf Xylofon" --email olaf.xylofon@example.no >/dev/null
/usr/bin/python3 -c '
import sqlite3, sys, time, os
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN"); c.execute("SELECT count(*) FROM person").fetchall()
open(sys.argv[2], "w").close()
time.sleep(4); c.execute("COMMIT")' "$rdb" "$tmp/reading" &
reader=$!
for _ in $(seq 100); do [ -e "$tmp/reading" ] && break; sleep 0.05; done
ok "erase-person while another program reads" \
  status_is 0 env MP_ERASE_WAIT_SECONDS=1 "$CLI" --db "$rdb" erase-person 1
ok "… says that traces remain" out_has "traces of the erased data remain"
ok "… and --json says it too" \
  status_is 0 env MP_ERASE_WAIT_SECONDS=1 "$CLI" --db "$rdb" --json erase-person 2
ok "… as traces_remain" test "$(json_field "['traces_remain']" <"$tmp/out")" = True
wait "$reader"
ok "the next command finishes the job" status_is 0 "$CLI" --db "$rdb" event list
ok "… and the addresses are gone from the files" \
  sh -c "! grep -q 'zebulon.quixote\|olaf.xylofon' '$rdb' '$rdb-wal' 2>/dev/null"

# Files: the database is the owner's only, whatever the umask.
ok "a new database is 0600 under umask 022" mode_is 600 "$db"
chmod 644 "$db"
ok "a database others can read still opens" status_is 0 "$CLI" --db "$db" event list
ok "… with a notice on standard error" err_has "is now readable by you only"
ok "… and it is 0600 now" mode_is 600 "$db"
ok "the next open says nothing" status_is 0 "$CLI" --db "$db" event list
ok "… on standard error" test ! -s "$tmp/err"

home=$tmp/home
mkdir -p "$home/data/moteplass"
chmod 755 "$home/data/moteplass"
ok "the default database is made by a verb that makes something" \
  status_is 0 env HOME="$home" XDG_DATA_HOME="$home/data" "$CLI" event add \
  --title "Dialogmøte" --kind seminar --starts 2026-03-08T09:00
ok "… in a data folder made 0700" mode_is 700 "$home/data/moteplass"
ok "… as a file of 0600" mode_is 600 "$home/data/moteplass/moteplass.db"

# A read-only folder: the message says so (root may write anywhere, so
# the check runs as nobody).
locked=$tmp/pub/locked
mkdir -p "$locked"
chmod 755 "$tmp" "$tmp/pub"
as_other=()
if [ "$(id -u)" = 0 ]; then
  if command -v setpriv >/dev/null; then
    as_other=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  fi
else
  chmod 555 "$locked"
fi
if [ "$(id -u)" != 0 ] || [ ${#as_other[@]} -gt 0 ]; then
  ok "a new database in a read-only folder is refused" \
    status_is 1 "${as_other[@]}" "$CLI" --db "$locked/new.db" event add \
    --title "Dialogmøte" --kind seminar --starts 2026-03-08T09:00
  ok "… saying the folder is read-only" err_has "the folder “$locked” is read-only"
  ok "… and leaving nothing there" test -z "$(ls -A "$locked")"
else
  echo "# root without setpriv: the read-only folder is not checked"
fi
chmod 700 "$tmp"

tap_done
