#!/usr/bin/env bash
# moteplass-cli badge and printers: a badge saved in a folder scans to the
# attendee's ticket; then, against a private cupsd with a cups-pdf queue
# (tests/print/cups-env.sh, root only), a badge printed on MoteplassPDF
# comes out of CUPS as a PDF that scans to the same ticket, and a stopped
# queue fails with exit 1 and a plain reason. Prints TAP.
set -uo pipefail

CLI=${1:?usage: test-cli-badge.sh MOTEPLASS_CLI}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
. "$here/cups-env.sh"
trap 'mp_cups_stop; rm -rf "$tmp"' EXIT
db=$tmp/test.db
. "$(dirname "$(realpath "$0")")/../tap.sh"

scans_to () {  # scans_to PDF EXPECTED-TEXT
  pdftoppm -r 150 -png -singlefile "$1" "$tmp/scan" || return 1
  local got
  got=$(zbarimg --nodbus -q --raw "$tmp/scan.png" 2>/dev/null)
  rm -f "$tmp/scan.png"
  [ "$got" = "$2" ] || { echo "# $1 scans to '$got', not '$2'"; return 1; }
}

need pdftoppm
need zbarimg

event=$("$CLI" --db "$db" event add --title "Frokostseminar om frivillighet" \
          --kind seminar --starts 2026-03-08T08:00 --venue "Bergen")
reg=$("$CLI" --db "$db" --json register "$event" --name "Åse Ødegård" --organisation "NAV Vestland" \
        | sed -n 's/.*"registration_id" : \([0-9]*\).*/\1/p' | head -1)
ticket=$("$CLI" --db "$db" --json search "$event" odegard | sed -n 's/.*"ticket" : "\([^"]*\)".*/\1/p' | head -1)
ok "a registration and its ticket" test -n "$reg" -a -n "$ticket"

ok "badge --folder saves a PDF" status_is 0 "$CLI" --db "$db" badge "$event" "$reg" --folder "$tmp/badges"
ok "named after the attendee" test -f "$tmp/badges/Åse Ødegård.pdf"
ok "the badge scans to the ticket" scans_to "$tmp/badges/Åse Ødegård.pdf" "$ticket"
ok "a second badge does not replace the first" status_is 0 "$CLI" --db "$db" --json badge "$event" "$reg" --folder "$tmp/badges" --layout badge
ok "it is Åse Ødegård (2).pdf, said in JSON" grep -q '"file" : ".*/Åse Ødegård (2).pdf"' "$tmp/out"
ok "both --printer and --folder is a usage error" status_is 2 "$CLI" --db "$db" badge "$event" "$reg" --printer X --folder "$tmp"
ok "an unknown layout is a usage error" status_is 2 "$CLI" --db "$db" badge "$event" "$reg" --layout poster
ok "an unknown registration fails with exit 1" status_is 1 "$CLI" --db "$db" badge "$event" 999 --folder "$tmp/badges"

mp_cups_start
rc=$?
if [ $rc != 0 ]; then
  reason=${mp_cups_skip_reason:-cupsd did not start}
  for what in "printers lists the queue" "badge --printer prints through CUPS" \
              "the PDF from CUPS scans to the ticket" "a stopped printer fails with exit 1" \
              "and says it is stopped" "a missing printer fails with exit 1"; do
    skip "$what" "$reason"
  done
else
  status_is 0 "$CLI" printers
  ok "printers lists the queue" grep -qx MoteplassPDF "$tmp/out"
  ok "badge --printer prints through CUPS" status_is 0 "$CLI" --db "$db" badge "$event" "$reg" --printer MoteplassPDF
  pdf=
  for _ in $(seq 300); do
    pdf=$(find "$MP_TEST_CUPS_OUT" -name '*.pdf' -size +1k | head -1)
    if [ -n "$pdf" ] && tail -c 64 "$pdf" | grep -q '%%EOF'; then break; fi
    pdf=; sleep 0.1
  done
  ok "the PDF from CUPS scans to the ticket" scans_to "${pdf:-none}" "$ticket"
  cupsdisable MoteplassPDF
  ok "a stopped printer fails with exit 1" status_is 1 "$CLI" --db "$db" badge "$event" "$reg" --printer MoteplassPDF
  ok "and says it is stopped" grep -q "The badge printer “MoteplassPDF” is stopped" "$tmp/err"
  ok "a missing printer fails with exit 1" status_is 1 "$CLI" --db "$db" badge "$event" "$reg" --printer Nowhere
fi

tap_done
