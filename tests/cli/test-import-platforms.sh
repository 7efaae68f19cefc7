#!/usr/bin/env bash
# Imports as an organiser makes them, through moteplass-cli: workbooks
# written by openpyxl in the shapes Microsoft Forms and Nettskjema give
# (tests/data/platforms/make-workbooks.py), the dry run's list of
# columns and platform (text and --json), --map, --sheet,
# --reject-bad-email, the summary in the singular; then --json on every
# verb with the same keys every time, and a --db that does not exist.
# Prints TAP.
set -uo pipefail

CLI=${1:?usage: test-import-platforms.sh MOTEPLASS_CLI}
SRC=${MP_SOURCE_DIR:?}
. "$(dirname "$(realpath "$0")")/../tap.sh"
tap_tmpdir
db=$tmp/test.db

has () { grep -qF -- "$1" "$tmp/${2:-out}" || { echo "# no “$1” in:"; sed 's/^/# /' "$tmp/${2:-out}"; return 1; }; }

json_is () {  # json_is PYTHON_EXPRESSION_ON_j EXPECTED: on the last standard output
  local got
  got=$(/usr/bin/python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($1)" "$tmp/out" 2>&1)
  [ "$got" = "$2" ] || { echo "# $1: got $got, expected $2"; return 1; }
}

event=$("$CLI" --db "$db" event add --title "Dialogmøte om integrering" --starts 2026-03-08T09:00)
ok "event add makes the database and the event" test "$event" = 1

if /usr/bin/python3 -c "import openpyxl" 2>/dev/null; then
  ok "openpyxl writes the workbooks" /usr/bin/python3 "$SRC/tests/data/platforms/make-workbooks.py" "$tmp"

  ok "dry run of Microsoft Forms' workbook" status_is 0 "$CLI" --db "$db" import "$event" "$tmp/microsoft-forms.xlsx" --dry-run
  ok "it names the platform" has "It looks like an export from Microsoft Forms."
  ok "and the sheet, and the other sheets" has "Other sheets (choose one with --sheet): “Ark2”."
  ok "“Hva heter du?” is the name" has "  7 “Hva heter du?”: name"
  ok "the form's own Email column only where there is no answer" has "  4 “Email”: email, only for rows without one of their own"
  ok "Start time is ignored" has "  2 “Start time”: ignored"
  ok "Completion time is when the person answered" has "  3 “Completion time”: answered-at"
  ok "the summary" has "3 new registrations (3 new people, 0 merged with people already known); 0 were registered already; 0 rows repeat earlier rows."
  ok "the dry run wrote nothing" status_is 0 "$CLI" --db "$db" --json export "$event"
  ok "  (no attendees)" json_is 'len(j)' 0
  ok "the same dry run as JSON" status_is 0 "$CLI" --db "$db" --json import "$event" "$tmp/microsoft-forms.xlsx" --dry-run
  ok "JSON: platform, file type, sheet and sheets" \
    json_is '(j["platform"], j["platform_label"], j["file_type"], j["sheet"], j["sheets"], j["delimiter"])' \
    "('microsoft-forms', 'Microsoft Forms', 'xlsx', 'Form1', ['Form1', 'Ark2'], None)"
  ok "JSON: every column with its field and role" \
    json_is '[(c["header"], c["field"], c["role"]) for c in j["columns"]][2:8]' \
    "[('Completion time', 'answered-at', 'primary'), ('Email', 'email', 'fallback'), ('Name', 'name', 'fallback'), ('Last modified time', 'ignored', None), ('Hva heter du?', 'name', 'primary'), ('E-postadresse', 'email', 'primary')]"
  ok "the import" status_is 0 "$CLI" --db "$db" import "$event" "$tmp/microsoft-forms.xlsx"
  ok "export --json gives JSON" status_is 0 "$CLI" --db "$db" --json export "$event"
  ok "every person, e-mail, organisation and sector as written in the form" \
    json_is 'sorted((a["name"], a["email"], a["organisation"], a["sector"]) for a in j)' \
    "[('Kari Nordmann', 'kari.nordmann@bergen.kommune.no', 'Bergen kommune', 'Kommune'), ('Олена Коваленко', 'olena.k@gmail.com', 'Ukrainsk forening i Bergen', 'Innvandrerorganisasjon / innvandrerråd'), ('أحمد حسن', 'ahmed.hassan@nav.no', 'NAV Årstad', 'NAV')]"
  for who in 1:followup,photo 2:followup 3:photo; do
    id=${who%%:*}; want=${who#*:}
    ok "person $id consented to $want and nothing else" status_is 0 "$CLI" --db "$db" person export "$id"
    ok "  (checked)" json_is '",".join(sorted(c["kind"] for c in j["consents"] if c["withdrawn_at"] is None))' "$want"
  done
  ok "the consents are dated by the Completion time (10:16:22 in Norway)" status_is 0 "$CLI" --db "$db" person export 1
  ok "  (checked)" json_is 'sorted(set(c["answered_at"] for c in j["consents"]))' "['2026-02-03T10:16:22+01:00']"
  ok "a two-line answer keeps its lines" status_is 0 "$CLI" --db "$db" person export 2
  ok "  (checked)" json_is 'j["registrations"][0]["answers"]["dietary"]' "Halal
Ingen nøtter"

  e2=$("$CLI" --db "$db" event add --title "Frokostmøte" --starts 2026-04-08T08:00)
  ok "--sheet picks a sheet by name" status_is 0 "$CLI" --db "$db" import "$e2" "$tmp/nettskjema.xlsx" --sheet "svar" --dry-run
  ok "Nettskjema with its codebook" has "It looks like an export from Nettskjema."
  ok "the codebook's org is the organisation" has "“org”: organisation"
  ok "a sheet that is not there" status_is 1 "$CLI" --db "$db" import "$e2" "$tmp/nettskjema.xlsx" --sheet "Påmeldinger"
  ok "is named with the sheets there are" has "The workbook has no sheet called “Påmeldinger”. Its sheets are: “Svar”." err
  ok "Nettskjema's workbook imported" status_is 0 "$CLI" --db "$db" --json import "$e2" "$tmp/nettskjema.xlsx"
  ok "  every row, none bad" json_is '(j["rows"], j["new_people"] + j["merged"] + j["unchanged"] + j["repeated"], len(j["bad_rows"]))' "(3, 3, 0)"
  ok "export of the breakfast" status_is 0 "$CLI" --db "$db" --json export "$e2"
  ok "  names, organisations, sectors from the codebook values" \
    json_is 'sorted((a["name"], a["organisation"], a["sector"]) for a in j)' \
    "[('Amina Yusuf', 'Frivilligsentralen i Årstad', 'Frivilligsentral'), ('Kari Nordmann', 'Bergen kommune', 'Kommune'), ('Mykola Shevchenko', 'Ukrainsk forening i Bergen', 'Innvandrerorganisasjon / innvandrerråd')]"
else
  for i in $(seq 1 37); do skip "a workbook test" "python3-openpyxl is not installed"; done
fi

# --map: a name question no rule knows
printf 'Tidsmerke,Hvem kommer?,Hvor kommer du fra?\n03.02.2026 10:14:22,Kari Hansen,Molde kommune\n' > "$tmp/map.csv"
e3=$("$CLI" --db "$db" event add --title "Seminar" --starts 2026-05-08T09:00)
ok "without a name column the dry run fails" status_is 1 "$CLI" --db "$db" import "$e3" "$tmp/map.csv" --dry-run
ok "  and shows what each column became" has "  2 “Hvem kommer?”: ignored"
ok "--map 'Hvem kommer?=name' --map ...=organisation" \
  status_is 0 "$CLI" --db "$db" import "$e3" "$tmp/map.csv" --map 'Hvem kommer?=name' --map 'hvor kommer du fra=organisation'
ok "  reads right in the singular" has "1 new registration (1 new person, 0 merged with people already known); 0 were registered already; 0 rows repeat earlier rows."
ok "a --map of a column that is not there is a usage error" \
  status_is 2 "$CLI" --db "$db" import "$e3" "$tmp/map.csv" --map 'Navn=name' --dry-run
ok "  naming the columns" has 'No one column is called “Navn”. The columns are: “Tidsmerke”, “Hvem kommer?”, “Hvor kommer du fra?”.' err
ok "a --map to no field is a usage error" \
  status_is 2 "$CLI" --db "$db" import "$e3" "$tmp/map.csv" --map 'Hvem kommer?=skostørrelse' --dry-run
ok "--sheet on a CSV file is a usage error" status_is 2 "$CLI" --db "$db" import "$e3" "$tmp/map.csv" --sheet Ark1

# a bad e-mail address: the person is kept unless the organiser says otherwise
printf 'Navn;E-post\nLise Lund;lise.lund(at)molde.no\nIvar Berg;ivar@berg.no\n' > "$tmp/email.csv"
ok "a bad address keeps the person" status_is 0 "$CLI" --db "$db" import "$e3" "$tmp/email.csv" --dry-run
ok "  the dry run says so, on its line" has "line 2 (warning): “lise.lund(at)molde.no” is not a valid e-mail address, so the person was imported without one." err
ok "  and in the summary" has "1 person is imported without the e-mail address they gave, because it is not one."
ok "  2 new registrations" has "2 new registrations (2 new people"
ok "--reject-bad-email skips the row" status_is 0 "$CLI" --db "$db" import "$e3" "$tmp/email.csv" --dry-run --reject-bad-email
ok "  as a bad row" has "line 2: “lise.lund(at)molde.no” is not a valid e-mail address." err
ok "  1 new registration" has "1 new registration (1 new person"

# Counts that add up: on an empty event, ten rows of which one repeats
# another are nine new people and one repeated row, not eleven things;
# "merged" is only someone already in the database, and says who.
e4=$("$CLI" --db "$db" event add --title "Telling" --starts 2026-04-01T09:00)
e5=$("$CLI" --db "$db" event add --title "Telling igjen" --starts 2026-05-01T09:00)
{ echo "Navn;E-post;Organisasjon"
  for i in 1 2 3 4 5 6 7 8 9; do echo "Telle Person $i;telle$i@example.no;Tellelaget"; done
  echo "T. Person;TELLE3@example.no;"; } > "$tmp/ten.csv"
ok "ten rows, one of them a repeat: the dry run" status_is 0 "$CLI" --db "$db" import "$e4" "$tmp/ten.csv" --dry-run
ok "  counts each row once" has "9 new registrations (9 new people, 0 merged with people already known); 0 were registered already; 1 row repeats an earlier row."
ok "  and the same as JSON" status_is 0 "$CLI" --db "$db" --json import "$e4" "$tmp/ten.csv"
ok "  adding up to the ten rows" json_is '(j["new_people"], j["merged"], j["unchanged"], j["repeated"], j["new_registrations"], j["merged_people"])' "(9, 0, 0, 1, 9, [])"
ok "the same people into another event: merged, and who" status_is 0 "$CLI" --db "$db" import "$e5" "$tmp/ten.csv"
ok "  counted" has "9 new registrations (0 new people, 9 merged with people already known); 0 were registered already; 1 row repeats an earlier row."
ok "  listed with their lines" has "  line 4: Telle Person 3, Tellelaget <telle3@example.no>"
ok "  (the list's heading)" has "Merged with people already known (check that each is the same person):"
ok "the dry run of it again, as JSON" status_is 0 "$CLI" --db "$db" --json import "$e5" "$tmp/ten.csv" --dry-run
ok "  registered already, nobody merged" json_is '(j["unchanged"], j["repeated"], j["merged"], len(j["merged_people"]))' "(9, 1, 0, 0)"
ok "the file into a third event, dry, as JSON" status_is 0 "$CLI" --db "$db" --json import "$e3" "$tmp/ten.csv" --dry-run
ok "  merged_people: line, person, name, organisation, e-mail" \
  json_is '[(m["line"], m["name"], m["organisation"], m["email"]) for m in j["merged_people"]][2]' "(4, 'Telle Person 3', 'Tellelaget', 'telle3@example.no')"

# a platform's CSV, with its names lost by Excel's semicolon CSV
ok "Microsoft Forms saved as semicolon CSV" status_is 0 "$CLI" --db "$db" import "$e3" "$SRC/tests/data/platforms/microsoft-forms-semicolon.csv" --dry-run
ok "  every row with question marks is named with the advice" has "line 3 (warning): “???? ???” has question marks where there were letters" err
ok "  (both)" has "line 4 (warning): “????? ?????????” has question marks" err

# --json on every verb, the same keys every time
json_keys () {  # the sorted keys of the object (or of each object in an array)
  /usr/bin/python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
items = j if isinstance(j, list) else [j]
keys = {tuple(sorted(i.keys())) for i in items}
assert len(keys) == 1, keys
print(",".join(keys.pop()))' "$tmp/out"
}
same_keys () {  # same_keys NAME COMMAND...: the keys of this call, as the last one of NAME
  local name=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err" || { sed 's/^/# /' "$tmp/err"; return 1; }
  local keys; keys=$(json_keys) || return 1
  if [ -f "$tmp/keys-$name" ]; then
    [ "$keys" = "$(cat "$tmp/keys-$name")" ] || { echo "# $name: $keys, before $(cat "$tmp/keys-$name")"; return 1; }
  else
    echo "$keys" > "$tmp/keys-$name"
  fi
}
j () { "$CLI" --db "$db" --json "$@"; }
ticket=$(j search "$e3" kari | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["ticket"])')
registration=$(j search "$e3" kari | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["registration_id"])')
ok "event add --json" same_keys event j event add --title "Uten sted" --starts 2026-06-01T10:00
ok "event add --json with venue, end and capacity: the same keys" \
  same_keys event j event add --title "Med sted" --starts 2026-06-02T10:00 --ends 2026-06-02T12:00 --venue Rådhuset --capacity 40
ok "event list --json" same_keys event j event list
ok "event show --json" status_is 0 j event show "$e3"
ok "register --json" same_keys attendee j register "$e3" --name "Tor Test"
ok "register --json with everything" same_keys attendee j register "$e3" --name "Siri Dahl" --email siri@dahl.no --organisation "Dahl AS" --sector Næringsliv
ok "export --json: the same keys for everyone" same_keys attendee j export "$e3"
ok "checkin --json" same_keys checkin j checkin "$e3" "$ticket" --desk "Desk 1"
"$CLI" --db "$db" --json checkin "$e3" MP1AAAAAAAAAAAAAAAAAAAAAAAAAA >"$tmp/out" 2>&1
ok "checkin --json of a made-up ticket: the same keys" test "$(json_keys)" = "$(cat "$tmp/keys-checkin")"
ok "search --json" same_keys attendee j search "$e3" kari
ok "tickets --json answers with an object" same_keys tickets j tickets "$e3" -o "$tmp/t.pdf"
ok "  saying what it wrote" json_is '(j["output"].endswith("t.pdf"), j["tickets"], j["layout"])' "(True, 3, 'ticket')"
ok "badge --json to a folder" same_keys badge j badge "$e3" "$registration" --folder "$tmp/badges"
ok "backup --json answers with an object" same_keys backup j backup "$tmp/kopi.db"
ok "consent withdraw --json" same_keys consent j consent withdraw 1 --kind followup
ok "mailing --json" same_keys mailing j mailing --event "$event"
ok "report --json" status_is 0 j report "$e3"
ok "report-period --json" status_is 0 j report-period --from 2026-01-01 --to 2026-12-31
ok "retention --dry-run --json" same_keys retention j retention --months 12 --dry-run
ok "retention --json: the same keys" same_keys retention j retention --months 12
ok "retention --months 0 --json: the same keys" same_keys retention j retention --months 0
ok "erase-person --json answers with an object" same_keys erase j erase-person 4
ok "  naming the person" json_is '(j["person_id"], j["erased"])' "(4, True)"
ok "printers --json" status_is 0 j printers
ok "demo --json on a new database" same_keys demo "$CLI" --db "$tmp/demo.db" --json demo
ok "  counts the events" json_is 'j["events_added"] > 0' "True"

# a --db that does not exist is an error for every verb that reads
missing=$tmp/skrivefeil.db
for verb in "event list" "event show 1" "import 1 $tmp/map.csv" "export 1" "register 1 --name X" \
            "checkin 1 MP1AAAAAAAAAAAAAAAAAAAAAAAAAA" "search 1 kari" "tickets 1 -o $tmp/x.pdf" \
            "badge 1 1 --folder $tmp/b" "report 1" "report-period --from 2026-01-01 --to 2026-12-31" \
            "retention --dry-run" "backup $tmp/b.db" "erase-person 1" "mailing --event 1" \
            "consent withdraw 1 --kind photo" "person export 1"; do
  # shellcheck disable=SC2086
  ok "$verb on a missing --db fails" status_is 1 "$CLI" --db "$missing" $verb
  ok "  saying so, and makes no file" bash -c "grep -qF 'There is no database “$missing”' '$tmp/err' && [ ! -e '$missing' ]"
done

tap_done
