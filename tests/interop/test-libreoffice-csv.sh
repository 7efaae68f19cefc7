#!/usr/bin/env bash
# Every CSV file Møteplass writes, opened by LibreOffice Calc (headless,
# formulas evaluated as a person opening the file would have them), has
# no live formula, whatever the names and organisations start with:
# = + - @ (issue 12 item 4, issue 13). Run by `make test-interop`, not
# by `make test`: LibreOffice is a large install (INTEROP_PACKAGES in
# the Makefile).
#
#   test-libreoffice-csv.sh MOTEPLASS_CLI
#
# Prints TAP.
set -uo pipefail

CLI=${1:?usage: test-libreoffice-csv.sh MOTEPLASS_CLI}
. "$(dirname "$(realpath "$0")")/../tap.sh"
tap_tmpdir

soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ]; then
  echo "1..0 # SKIP LibreOffice is not installed (apt install libreoffice-calc-nogui)"
  exit 0
fi
export HOME=$tmp   # a profile of its own

db=$tmp/m.db
event=$("$CLI" --db "$db" event add --title "Dialogmøte" --starts 2026-03-08T09:00)
# What a hostile or careless form-filler types, each a classic formula
# injection; imported as a file would bring them.
cat > "$tmp/hostile.csv" <<'CSV'
Navn;E-post;Organisasjon;Sektor;Samtykke;Allergier
=1+1;a@x.no;"=HYPERLINK(""http://x.invalid"";""klikk"")";Kommune;ja;=2+3
"+1+HYPERLINK(""http://x.invalid"")";b@x.no;+47 Org;NAV;ja;+1
-1+cmd|' /C calc'!A0;c@x.no;-5 Forening;NAV;ja;-2+2
"@SUM(1;2)";d@x.no;@Org;Kommune;ja;@x
Kari Nordmann;kari@x.no;=1+1;Kommune;ja;Vegetar
CSV
"$CLI" --db "$db" import "$event" "$tmp/hostile.csv" >"$tmp/import.log" 2>&1
ok "the five are imported" grep -q "^5 new registrations" "$tmp/import.log"
"$CLI" --db "$db" checkin "$event" "$("$CLI" --db "$db" --json search "$event" kari | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["ticket"])')" >/dev/null

# file, separator
outputs=()
"$CLI" --db "$db" export "$event" -o "$tmp/export.csv" 2>/dev/null && outputs+=("export.csv:44")
"$CLI" --db "$db" export "$event" --excel -o "$tmp/export-excel.csv" 2>/dev/null && outputs+=("export-excel.csv:59")
"$CLI" --db "$db" mailing --event "$event" -o "$tmp/mailing.csv" 2>/dev/null && outputs+=("mailing.csv:44")
"$CLI" --db "$db" mailing --event "$event" --format excel -o "$tmp/mailing-excel.csv" 2>/dev/null && outputs+=("mailing-excel.csv:59")
"$CLI" --db "$db" report "$event" --csv "$tmp/report.csv" >/dev/null 2>&1 && outputs+=("report.csv:44")
"$CLI" --db "$db" report "$event" --csv "$tmp/report-excel.csv" --excel >/dev/null 2>&1 && outputs+=("report-excel.csv:59")
ok "the CLI wrote six CSV files" test "${#outputs[@]}" = 6
ok "the export has what they typed" bash -c "grep -qF 'HYPERLINK' '$tmp/export.csv' && grep -qF \"cmd|' /C calc'\" '$tmp/export.csv' && grep -qF 'SUM(1;2)' '$tmp/export.csv'"

for pair in "${outputs[@]}"; do
  file=${pair%%:*}; sep=${pair#*:}
  # CSV import options: separator, quote, UTF-8, from line 1, columns
  # as detected, English, quoted fields not as text, special numbers
  # detected, ..., formulas evaluated (token 13).
  filter="CSV:$sep,34,76,1,,1033,false,true,false,false,false,-1,true"
  rm -f "$tmp/${file%.csv}.fods"
  timeout 120 "$soffice" --headless --norestore --infilter="$filter" --convert-to fods \
    --outdir "$tmp" "$tmp/$file" >"$tmp/soffice.log" 2>&1
  ok "LibreOffice opens $file" test -s "$tmp/${file%.csv}.fods"
  if grep -q 'table:formula=' "$tmp/${file%.csv}.fods" 2>/dev/null; then
    echo "# live formulas in $file:"
    grep -o 'table:formula="[^"]*"' "$tmp/${file%.csv}.fods" | head -5 | sed 's/^/#   /'
    ok "no live formula in $file" false
  else
    ok "no live formula in $file" true
  fi
done

tap_done
