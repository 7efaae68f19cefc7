#!/usr/bin/env bash
# The round trip a person makes, through moteplass-cli: create an event,
# import a CSV, print the tickets to PDF, scan every printed QR code and
# check each one in. Every ticket succeeds once, answers "already" the
# second time; a made-up ticket and a shop barcode are not valid.
# Prints TAP.
set -uo pipefail

CLI=${1:?usage: test-round-trip.sh MOTEPLASS_CLI}
SRC=${MP_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/test.db
. "$(dirname "$(realpath "$0")")/../tap.sh"

need pdftoppm
need zbarimg

event=$("$CLI" --db "$db" event add --title "Dialogmøte om integrering og frivillighet" \
          --kind dialogmøte --starts 2026-03-08T09:00 --ends 2026-03-08T12:00 --venue "Fylkeshuset, Bergen")
ok "event add prints the new id" test "$event" = 1

ok "import of a semicolon Windows-style CSV" status_is 0 "$CLI" --db "$db" import "$event" "$SRC/tests/data/round-trip.csv"
ok "import reports 6 new registrations" grep -q "^6 new registrations" "$tmp/out"
ok "importing the same file again changes nothing" status_is 0 "$CLI" --db "$db" import "$event" "$SRC/tests/data/round-trip.csv"
ok "second import: 0 new, 6 already registered" grep -q "^0 new registrations.*6 were registered already" "$tmp/out"

ok "search finds Sørensen by 'sorensen'" status_is 0 "$CLI" --db "$db" search "$event" sorensen
ok "search result is Kari Sørensen" grep -q "Kari Sørensen, NAV Vestland" "$tmp/out"
ok "search finds Åsen by 'aasen'" status_is 0 "$CLI" --db "$db" search "$event" aasen
ok "search result is Per Åsen" grep -q "Per Åsen" "$tmp/out"

ok "tickets render to one PDF" status_is 0 "$CLI" --db "$db" tickets "$event" -o "$tmp/tickets.pdf"
ok "pdftoppm turns the PDF into images" pdftoppm -r 150 -png "$tmp/tickets.pdf" "$tmp/page"
zbarimg --nodbus -q --raw "$tmp"/page-*.png 2>/dev/null | sort > "$tmp/codes"
ok "zbarimg finds six QR codes" test "$(wc -l < "$tmp/codes")" = 6
ok "every code is a Møteplass ticket" test "$(grep -c '^MP1[A-Z2-7]\{26\}$' "$tmp/codes")" = 6

while read -r code; do
  ok "scan $code checks in" status_is 0 "$CLI" --db "$db" checkin "$event" "$code" --desk "Desk 2"
  ok "the answer welcomes by name" grep -q "^Welcome, " "$tmp/out"
done < "$tmp/codes"

while read -r code; do
  ok "second scan of $code answers already (exit 3)" status_is 3 "$CLI" --db "$db" checkin "$event" "$code" --desk "Desk 1"
  ok "and says where and when" grep -q "already checked in at [0-9][0-9]:[0-9][0-9] (Desk 2)" "$tmp/out"
done < "$tmp/codes"

ok "a made-up ticket is not valid (exit 4)" status_is 4 "$CLI" --db "$db" checkin "$event" MP1AAAAAAAAAAAAAAAAAAAAAAAAAA
ok "and is answered in plain words" grep -q "not for this event" "$tmp/out"
ok "a shop barcode is not a ticket (exit 4)" status_is 4 "$CLI" --db "$db" checkin "$event" 7038010013690
ok "and is answered in plain words" grep -q "not a Møteplass ticket" "$tmp/out"

ok "report counts six arrivals" status_is 0 "$CLI" --db "$db" --json report "$event"
ok "report JSON says arrived 6" grep -q '"arrived" : 6,' "$tmp/out"

# The attendees as an Excel workbook: the CSV export's rows and words.
ok "export --xlsx writes a workbook" status_is 0 "$CLI" --db "$db" export "$event" --xlsx -o "$tmp/attendees.xlsx"
ok "… and says how many" grep -q "^6 attendees written to" "$tmp/err"
ok "export --xlsx without -o is a usage error" status_is 2 "$CLI" --db "$db" export "$event" --xlsx
if /usr/bin/python3 -c "import openpyxl" 2>/dev/null; then
  "$CLI" --db "$db" export "$event" -o "$tmp/attendees.csv" 2>/dev/null
  ok "the workbook holds what the CSV export holds" /usr/bin/python3 -c '
import csv, sys, openpyxl
rows = [[c if c is not None else "" for c in r] for r in openpyxl.load_workbook(sys.argv[1]).active.iter_rows(values_only=True)]
want = [[c[1:] if c[:1] == "\x27" else c for c in r] for r in csv.reader(open(sys.argv[2], encoding="utf-8"))]
sys.exit(0 if rows == want else "%r\n%r" % (rows, want))' "$tmp/attendees.xlsx" "$tmp/attendees.csv"
else
  skip "the workbook holds what the CSV export holds" "python3-openpyxl is not installed"
fi

ok "a registration with an unknown event fails with exit 1" status_is 1 "$CLI" --db "$db" register 99 --name "Kari"
ok "usage errors exit 2" status_is 2 "$CLI" --db "$db" checkin "$event"
ok "an unknown verb exits 2" status_is 2 "$CLI" --db "$db" frobnicate
ok "a database from a newer version exits 1 with a clear reason" \
  bash -c "sqlite3 '$tmp/future.db' 'PRAGMA application_id=1297108051; PRAGMA user_version=99; CREATE TABLE t(x);' &&
           ! '$CLI' --db '$tmp/future.db' event list 2>'$tmp/err' && grep -q 'newer version of Møteplass' '$tmp/err'"

tap_done
