#!/usr/bin/env bash
# The follow-up mailing list and a person's rights, through moteplass-cli:
# only those who consented are listed, whatever the filters; a consent
# can be withdrawn; a person's data comes out as JSON. Prints TAP.
set -uo pipefail

CLI=${1:?usage: test-mailing.sh MOTEPLASS_CLI}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/test.db
. "$(dirname "$(realpath "$0")")/../tap.sh"

# register EVENT NAME EMAIL ORGANISATION SECTOR [--consent]: prints the ticket
register () {
  local event=$1 name=$2 email=$3 org=$4 sector=$5; shift 5
  "$CLI" --db "$db" register "$event" --name "$name" --email "$email" \
    --organisation "$org" --sector "$sector" "$@" | cut -f2
}

e1=$("$CLI" --db "$db" event add --title "Dialogmøte" --kind dialogmøte --starts 2026-03-08T09:00)
e2=$("$CLI" --db "$db" event add --title "Frokostmøte" --kind frokostmøte --starts 2026-04-08T08:00)

# person 1..4, in this order
t_oystein=$(register "$e1" "Øystein Berg" oystein@nav.no "NAV Vestland" NAV --consent)
t_anne=$(register "$e2" "Anne Aas" anne@bergen.kommune.no "Bergen kommune" Kommune --consent)
t_bjorn=$(register "$e1" "Bjørn Dahl" bjorn@nav.no "NAV Bergen" NAV)
t_carl=$(register "$e2" "Carl Eik" carl@fjell.kommune.no "Fjell, kommune" Kommune --consent)
"$CLI" --db "$db" checkin "$e1" "$t_oystein" >/dev/null
"$CLI" --db "$db" checkin "$e1" "$t_bjorn" >/dev/null
"$CLI" --db "$db" checkin "$e2" "$t_carl" >/dev/null
: "$t_anne"

ok "mailing lists those who consented (CSV)" status_is 0 "$CLI" --db "$db" mailing
ok "in Norwegian surname order (Aas as Ås, last), without Bjørn" out_is 'Name,E-mail,Organisation,Sector
Øystein Berg,oystein@nav.no,NAV Vestland,NAV
Carl Eik,carl@fjell.kommune.no,"Fjell, kommune",Kommune
Anne Aas,anne@bergen.kommune.no,Bergen kommune,Kommune'

ok "filtered by event" status_is 0 "$CLI" --db "$db" mailing --event "$e1" --format bcc
ok "event 1 BCC line is Øystein alone" out_is 'oystein@nav.no'
ok "filtered by two events and arrived" status_is 0 "$CLI" --db "$db" mailing --event "$e1" --event "$e2" --arrived --format bcc
ok "BCC line of those who came" out_is 'oystein@nav.no, carl@fjell.kommune.no'
ok "filtered by sector (an alias)" status_is 0 "$CLI" --db "$db" mailing --sector nav --format bcc
ok "NAV without consent is not there" out_is 'oystein@nav.no'

ok "vCard" status_is 0 "$CLI" --db "$db" mailing --event "$e2" --format vcard
ok "vCard 4.0 with CRLF and escaped comma" \
  test "$(tr -d '\r' < "$tmp/out" | grep -c '^BEGIN:VCARD$')" = 2
ok "vCard lines end in CRLF" test "$(grep -c $'\r$' "$tmp/out")" = "$(wc -l < "$tmp/out")"
ok "ORG escapes the comma" grep -q '^ORG:Fjell\\, kommune' "$tmp/out"

ok "Excel CSV to a file" status_is 0 "$CLI" --db "$db" mailing --format excel -o "$tmp/list.csv"
ok "starts with a byte order mark and uses semicolons" \
  bash -c "head -c 3 '$tmp/list.csv' | od -An -tx1 | grep -q 'ef bb bf' && grep -q '^Øystein Berg;' '$tmp/list.csv'"
ok "says how many were written" grep -q "^3 people written to" "$tmp/err"
ok "and how many were left out for lack of consent (Bjørn)" grep -qx "1 person left out: no consent to follow-up" "$tmp/err"

ok "mailing --json" status_is 0 "$CLI" --db "$db" --json mailing --event "$e1"
ok "JSON has Øystein's person id" grep -q '"person_id" : 1,' "$tmp/out"

ok "withdrawing Carl's follow-up consent" status_is 0 "$CLI" --db "$db" consent withdraw 4 --kind followup
ok "Carl is off the list" status_is 0 "$CLI" --db "$db" mailing --format bcc
ok "BCC line without Carl" out_is 'oystein@nav.no, anne@bergen.kommune.no'
ok "withdrawing again fails (exit 1)" status_is 1 "$CLI" --db "$db" consent withdraw 4 --kind followup
ok "withdrawing a consent never given fails (exit 1)" status_is 1 "$CLI" --db "$db" consent withdraw 3 --kind followup
ok "an unknown kind is a usage error" status_is 2 "$CLI" --db "$db" consent withdraw 4 --kind spam
ok "no kind is a usage error" status_is 2 "$CLI" --db "$db" consent withdraw 4
ok "no sub-verb is a usage error" status_is 2 "$CLI" --db "$db" consent 4

ok "person export" status_is 0 "$CLI" --db "$db" person export 4
ok "has Carl's name and e-mail" grep -q '"email" : "carl@fjell.kommune.no"' "$tmp/out"
ok "has the withdrawn consent" grep -q '"withdrawn_at" : "20' "$tmp/out"
ok "has the check-in" grep -q '"desk" : ' "$tmp/out"
ok "has nothing of anyone else" bash -c "! grep -q -e Anne -e Øystein -e Bjørn '$tmp/out'"
ok "person export to a file" status_is 0 "$CLI" --db "$db" person export 2 -o "$tmp/anne.json"
ok "the file is Anne's" grep -q '"name" : "Anne Aas"' "$tmp/anne.json"
ok "an unknown person fails (exit 1)" status_is 1 "$CLI" --db "$db" person export 99
ok "a person id that is not a number is a usage error" status_is 2 "$CLI" --db "$db" person export kari

ok "an unknown event fails (exit 1)" status_is 1 "$CLI" --db "$db" mailing --event 99
ok "an unknown sector fails (exit 1)" status_is 1 "$CLI" --db "$db" mailing --sector Romfart
ok "an unknown format is a usage error" status_is 2 "$CLI" --db "$db" mailing --format pdf
ok "a stray argument is a usage error" status_is 2 "$CLI" --db "$db" mailing 1
ok "mailing --help" status_is 0 "$CLI" --db "$db" mailing --help
ok "--help names the formats" grep -q "vcard" "$tmp/out"

tap_done
