#!/usr/bin/env bash
# Reports through moteplass-cli: the numbers of a small hand-made event,
# the PDF rendered with pdftoppm (a PNG of page 1 is kept in the build
# dir to look at), the XLSX unzipped and its sheet XML parsed, the CSV,
# the report over a period, and retention. Prints TAP.
set -uo pipefail

CLI=${1:?usage: test-report.sh MOTEPLASS_CLI}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/test.db
artefacts=${MP_BUILD_DIR:-$tmp}/tests/report-artefacts
mkdir -p "$artefacts"
. "$(dirname "$(realpath "$0")")/../tap.sh"

json_is () {  # json_is PYTHON_EXPRESSION_ON_j EXPECTED: on the last standard output
  local got
  got=$(python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($1)" "$tmp/out")
  if [ "$got" != "$2" ]; then echo "# $1: expected $2, got $got"; return 1; fi
}

file_has () {  # file_has FILE TEXT
  if ! grep -qF -- "$2" "$1"; then echo "# $1 lacks: $2"; sed 's/^/#   /' "$1" | head -40; return 1; fi
}

# The event: six registered from an import (with answers), a walk-in;
# four arrive (one of them the walk-in), one arrival is undone.
e1=$("$CLI" --db "$db" event add --title "Dialogmøte" --kind dialogmøte --starts 2026-03-10T09:00 --ends 2026-03-10T12:00 --venue "Fylkeshuset")
cat >"$tmp/people.csv" <<'CSV'
Navn,E-post,Organisasjon,Sektor,Allergier,Tilrettelegging,Tolk
Kari Nordmann,kari@bergen.kommune.no,Bergen kommune,Kommune,Vegetar,,
Per Hansen,per@bergen.kommune.no,Bergen kommune,Kommune,  vegetar ,,
Ola Berg,ola@askoy.kommune.no,Askøy kommune,Kommune,Glutenfri,Rullestol,
Lise Dahl,lise@nav.no,NAV Vestland,NAV,VEGETAR,,Arabisk
Ahmed Ali,ahmed@redcross.no,Røde Kors,Frivillig organisasjon,,,arabisk
Eva Lie,eva@example.no,,,,Teleslynge,
CSV
"$CLI" --db "$db" import "$e1" "$tmp/people.csv" >/dev/null
ticket () { "$CLI" --db "$db" search "$e1" "$1" --json | python3 -c "import json,sys; print(json.load(sys.stdin)[0]['ticket'])"; }
"$CLI" --db "$db" checkin "$e1" "$(ticket Kari)" >/dev/null
"$CLI" --db "$db" checkin "$e1" "$(ticket Lise)" >/dev/null
"$CLI" --db "$db" checkin "$e1" "$(ticket Ahmed)" --json >"$tmp/ahmed.json"
walk_in=$("$CLI" --db "$db" register "$e1" --name "Walk In" --organisation "Røde Kors" --source desk | cut -f2)
"$CLI" --db "$db" checkin "$e1" "$walk_in" >/dev/null
"$CLI" --db "$db" checkin "$e1" "$(ticket Eva)" >/dev/null

ok "report --json" status_is 0 "$CLI" --db "$db" report "$e1" --json
ok "counts" json_is '(j["registered"], j["arrived"], j["walk_ins"])' "(7, 5, 1)"
ok "Kommune: 3 registered, 1 arrived" json_is '[(s["registered"], s["arrived"]) for s in j["sectors"] if s["sector"] == "Kommune"][0]' "(3, 1)"
ok "Frivillig organisasjon: 2 and 2 (the walk-in through Røde Kors)" json_is '[(s["registered"], s["arrived"]) for s in j["sectors"] if s["sector"] == "Frivillig organisasjon"][0]' "(2, 2)"
ok "dietary answers summed up ignoring case and spaces" json_is '[(a["answer"], a["count"]) for a in j["answers"]["dietary"]]' "[('Vegetar', 3), ('Glutenfri', 1)]"
ok "interpreter: arabisk twice" json_is '[a["count"] for a in j["answers"]["interpreter"]]' "[2]"
ok "arrival curve counts every arrival once" json_is 'sum(a["arrivals"] for a in j["arrivals"])' "5"

ok "report --pdf" status_is 0 "$CLI" --db "$db" report "$e1" --pdf "$tmp/report.pdf"
ok "the PDF is A4" bash -c "pdfinfo '$tmp/report.pdf' | grep -q 'Page size: *595.* x 841.* pts (A4)'"
ok "the PDF renders (pdftoppm)" pdftoppm -r 100 -png -f 1 -l 1 -singlefile "$tmp/report.pdf" "$artefacts/report-page-1"
ok "its text has the title, counts, sectors, answers" bash -c "pdftotext '$tmp/report.pdf' '$tmp/report.txt' && grep -q Dialogmøte '$tmp/report.txt' && grep -q 'Arrivals by sector' '$tmp/report.txt' && grep -q 'Frivillig organisasjon' '$tmp/report.txt' && grep -q 'Teleslynge' '$tmp/report.txt' && grep -q 'Røde Kors' '$tmp/report.txt'"

ok "report --xlsx" status_is 0 "$CLI" --db "$db" report "$e1" --xlsx "$tmp/report.xlsx"
cat >"$tmp/xlsx.py" <<'PY'
# Prints each sheet as "name: row|row|..." with cells joined by ";",
# read from the workbook's XML as a spreadsheet program would.
import sys, zipfile, xml.etree.ElementTree as ET
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
strings = []
if "xl/sharedStrings.xml" in z.namelist():
    for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
        strings.append("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])))
rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
for sheet in ET.fromstring(z.read("xl/workbook.xml")).find("m:sheets", ns):
    target = rels[sheet.get("{%s}id" % ns["r"])]
    root = ET.fromstring(z.read("xl/" + target.lstrip("/").replace("xl/", "")))
    rows = []
    for row in root.find("m:sheetData", ns):
        cells = []
        for c in row:
            v = c.find("m:v", ns)
            text = "" if v is None else v.text
            if c.get("t") == "s":
                text = strings[int(text)]
            elif c.get("t") == "inlineStr":
                text = "".join(t.text or "" for t in c.iter("{%s}t" % ns["m"]))
            cells.append(text)
        rows.append(";".join(cells))
    print(sheet.get("name") + ": " + "|".join(rows))
PY
ok "the XLSX is a valid workbook" bash -c "python3 '$tmp/xlsx.py' '$tmp/report.xlsx' >'$tmp/sheets.txt'"
ok "a sheet per table" bash -c "cut -d: -f1 '$tmp/sheets.txt' | tr '\n' ' ' | grep -qx 'Summary Sectors Organisations Arrivals Answers '"
ok "Summary cells" file_has "$tmp/sheets.txt" "Summary: What;Value|Event;Dialogmøte|"
ok "Summary numbers are numbers" file_has "$tmp/sheets.txt" "|Registered;7|Arrived;5|Walk-ins;1|"
ok "Sectors cells" file_has "$tmp/sheets.txt" "Sectors: Sector;Registered;Arrived|Kommune;3;1|Fylkeskommune;0;0|NAV;1;1|"
ok "Organisations cells" file_has "$tmp/sheets.txt" "Organisations: Organisation;Sector;Arrived|Bergen kommune;Kommune;1|NAV Vestland;NAV;1|Røde Kors;Frivillig organisasjon;2"
ok "Answers cells" file_has "$tmp/sheets.txt" "Answers: Question;Answer;People|Dietary needs;"

ok "report --csv" status_is 0 "$CLI" --db "$db" report "$e1" --csv "$tmp/report.csv"
ok "CSV sections" bash -c "grep -qx 'Sectors' '$tmp/report.csv' && grep -qx 'Kommune,3,1' '$tmp/report.csv' && grep -qx 'Røde Kors,Frivillig organisasjon,2' '$tmp/report.csv'"
ok "report --csv --excel" status_is 0 "$CLI" --db "$db" report "$e1" --csv "$tmp/excel.csv" --excel
ok "Excel CSV: BOM, semicolons, CRLF" bash -c "head -c 3 '$tmp/excel.csv' | od -An -tx1 | grep -q 'ef bb bf' && grep -q \$'^Kommune;3;1\r\$' '$tmp/excel.csv'"
ok "two files at once is a usage error" status_is 2 "$CLI" --db "$db" report "$e1" --pdf "$tmp/a.pdf" --xlsx "$tmp/a.xlsx"
ok "an unwritable place is a clear error" status_is 1 "$CLI" --db "$db" report "$e1" --pdf "$tmp/no/such/dir/r.pdf"
ok "it says which file" file_has "$tmp/err" "no/such/dir/r.pdf"

# A second meeting: Kari comes back; a seminar Lise comes to.
e2=$("$CLI" --db "$db" event add --title "Frokostmøte" --kind frokostmøte --starts 2026-04-15T08:00)
kari2=$("$CLI" --db "$db" register "$e2" --name "Kari Nordmann" --email KARI@bergen.kommune.no --organisation "Bergen kommune" | cut -f2)
nina=$("$CLI" --db "$db" register "$e2" --name "Nina Berg" --email nina@frivilligsentral.no --organisation "Bergen frivilligsentral" --sector Frivilligsentral | cut -f2)
"$CLI" --db "$db" checkin "$e2" "$kari2" >/dev/null
"$CLI" --db "$db" checkin "$e2" "$nina" >/dev/null
e3=$("$CLI" --db "$db" event add --title "Seminar" --kind seminar --starts 2026-05-20T10:00)
lise3=$("$CLI" --db "$db" register "$e3" --name "Lise Dahl" --email lise@nav.no --organisation "NAV Vestland" | cut -f2)
"$CLI" --db "$db" checkin "$e3" "$lise3" >/dev/null

ok "report-period --json" status_is 0 "$CLI" --db "$db" report-period --from 2026-03-01 --to 2026-05-31 --json
# arrived: Kari, Lise, Ahmed, the walk-in; Kari, Nina; Lise. Organisations
# reached: Bergen kommune, NAV Vestland, Røde Kors, Bergen frivilligsentral.
ok "period: 3 events, 8 arrivals, 6 people, 2 came back, 4 organisations" \
  json_is '(len(j["events"]), j["arrived"], j["distinct_people"], j["returning_people"], j["organisations_reached"])' "(3, 8, 6, 2, 4)"
ok "period: Kommune 2 arrivals in total" json_is '[s["arrived"] for s in j["sectors"] if s["sector"] == "Kommune"][0]' "2"
ok "period: the breakfast by sector" json_is 'j["events"][1]["arrived_by_sector"]["Frivilligsentral"]' "1"
ok "report-period --kind" status_is 0 "$CLI" --db "$db" report-period --from 2026-03-01 --to 2026-05-31 --kind dialogmøte --kind frokostmøte --json
ok "kinds: 2 events, only Kari came back" json_is '(len(j["events"]), j["returning_people"])' "(2, 1)"
ok "the last day is included" status_is 0 "$CLI" --db "$db" report-period --from 2026-05-20 --to 2026-05-20 --json
ok "one event on that day" json_is 'len(j["events"])' "1"
ok "report-period --xlsx" status_is 0 "$CLI" --db "$db" report-period --from 2026-03-01 --to 2026-05-31 --xlsx "$tmp/period.xlsx"
ok "period workbook cells" bash -c "python3 '$tmp/xlsx.py' '$tmp/period.xlsx' >'$tmp/period-sheets.txt' && grep -q '^Events: Event;Date;Kind;Registered;Arrived;Kommune;.*|Frokostmøte;2026-04-15;Breakfast meeting;2;2;1;0;0;0;0;0;1;' '$tmp/period-sheets.txt'"
ok "report-period --pdf" status_is 0 "$CLI" --db "$db" report-period --from 2026-03-01 --to 2026-05-31 --pdf "$tmp/period.pdf"
ok "the period PDF renders" pdftoppm -r 100 -png -f 1 -l 1 -singlefile "$tmp/period.pdf" "$artefacts/period-page-1"
ok "report-period --csv" status_is 0 "$CLI" --db "$db" report-period --from 2026-03-01 --to 2026-05-31 --csv "$tmp/period.csv"
ok "period CSV total row" bash -c "grep -q '^Total,,,' '$tmp/period.csv'"
ok "a bad date is a usage error" status_is 2 "$CLI" --db "$db" report-period --from 2026-02-30 --to 2026-05-31
ok "an unknown kind is a usage error" status_is 2 "$CLI" --db "$db" report-period --from 2026-03-01 --to 2026-05-31 --kind party
ok "a period that ends before it starts fails" status_is 1 "$CLI" --db "$db" report-period --from 2026-05-01 --to 2026-04-01

# Retention: an event of 2020 is due; the ones of 2026 are not.
old=$("$CLI" --db "$db" event add --title "Gammelt møte" --kind seminar --starts 2020-01-15T09:00)
"$CLI" --db "$db" register "$old" --name "Gunnar Gammel" --email gunnar@old.example --organisation "NAV Vestland" >/dev/null
olav=$("$CLI" --db "$db" register "$old" --name "Lise Dahl" --email lise@nav.no --organisation "NAV Vestland" | cut -f2)
"$CLI" --db "$db" checkin "$old" "$olav" >/dev/null
ok "report of the old event before" status_is 0 "$CLI" --db "$db" report "$old" --json
cp "$tmp/out" "$tmp/old-before.json"

ok "retention --dry-run" status_is 0 "$CLI" --db "$db" retention --months 12 --dry-run --json
ok "dry run: one event, 2 registrations due" json_is '([e["title"] for e in j["events"]], j["registrations"])' "(['Gammelt møte'], 2)"
ok "dry run changed nothing" bash -c "'$CLI' --db '$db' search '$old' Gunnar | grep -q 'Gunnar Gammel'"
ok "retention (text)" status_is 0 "$CLI" --db "$db" retention --months 12
ok "it says how many" file_has "$tmp/out" "Anonymised 2 registrations"
ok "report of the old event after" status_is 0 "$CLI" --db "$db" report "$old" --json
ok "its counts did not change" python3 -c "
import json, sys
a, b = json.load(open('$tmp/old-before.json')), json.load(open('$tmp/out'))
keys = ('registered', 'arrived', 'walk_ins', 'cancelled', 'sectors', 'organisations')
sys.exit(0 if all(a[k] == b[k] for k in keys) else 1)"
ok "Gunnar is gone" status_is 0 "$CLI" --db "$db" search "$old" Gunnar
ok "nobody found" bash -c "! grep -q Gunnar '$tmp/out'"
ok "Lise is still registered for the seminar" bash -c "'$CLI' --db '$db' search '$e3' Lise | grep -q 'Lise Dahl'"
ok "nothing is due any more" status_is 0 "$CLI" --db "$db" retention --months 12 --dry-run --json
ok "zero due" json_is 'j["registrations"]' "0"
ok "the new meetings were not touched" bash -c "'$CLI' --db '$db' search '$e1' Kari | grep -q 'Kari Nordmann'"
ok "a bad --months is a usage error" status_is 2 "$CLI" --db "$db" retention --months -5

tap_done
