#!/bin/bash
# Screenshots of the organiser's screens of issue 17 (event page header,
# empty event, export, mailing list, registration editor with consents,
# add form, waiting list, import preview) at 1024×600, 1366×768 and
# 1920×1080, in Bokmål, to look at (not a test):
#   tests/ui/office-screenshots.sh [BUILD_DIR] [NAME_FILTER]
# Writes BUILD_DIR/artefacts/office/SIZE-NAME.png.
set -eu

build=$(realpath "${1:-build}")
out=$build/artefacts/office
. "$(dirname "$(realpath "$0")")/shots-lib.sh"
shots_setup 1920x1080 "$@"
shots_only=${2:-}
shots_settle=0.8
export LANGUAGE=nb LC_ALL=C.UTF-8
"$fixture" --db "$work/demo.db" --demo
"$cli" --db "$work/demo.db" event add --title "Frokostmøte: nye naboer" --kind frokostmøte \
  --starts "$(date -d 'next monday' +%Y-%m-%d)T08:00" --capacity 40 >/dev/null
empty=$("$cli" --db "$work/demo.db" --json event list | /usr/bin/python3 -c 'import json,sys; print(max(e["id"] for e in json.load(sys.stdin)))')
cat > "$work/wide.csv" <<'CSV'
Fornavn;Etternavn;E-post;Organisasjon;Sektor;Kommentar til arrangøren
Per Olav;Aasen;per.olav.aasen@vestlandfylke.no;Vestland fylkeskommune;Fylkeskommune;Kommer sammen med to kolleger fra avdeling for opplæring
Zainab;Sørli;zainab@molde.frivilligsentral.no;Molde frivilligsentral;Frivilligsentral;
Ivar;Berg;ivar.berg@zebra.no;Zebra AS;Næringsliv;Vegetar
CSV

# dialog W H: the newest other window of the program, sized to fit
dialog () {
  sleep 0.6
  local d
  d=$(other)
  if [ -n "$d" ]; then
    xdotool windowfocus --sync $d 2>/dev/null || true
    [ $# -eq 2 ] && xdotool windowsize $d $1 $2
    sleep 0.4
  fi
}

for size in 1024x600 1366x768 1920x1080; do
  w=${size%x*} h=${size#*x}
  dw=$((w < 700 ? w : 700)); dh=$((h - 40))
  shoot events $w $h "" --db "$work/demo.db"
  shoot event $w $h "" --db "$work/demo.db" --event 1
  shoot event-upcoming $w $h "" --db "$work/demo.db" --event 2
  shoot event-empty $w $h "" --db "$work/demo.db" --event "$empty"
  shoot add-attendee $w $h "xdotool key ctrl+shift+n; dialog 520 $dh" --db "$work/demo.db" --event 1
  shoot edit-registration $w $h "xdotool mousemove 200 251 click 1 mousemove $((w - 1)) $((h - 1)); xdotool key ctrl+e; dialog 560 $dh" --db "$work/demo.db" --event 1
  shoot export $w $h "xdotool key ctrl+shift+x; dialog" --db "$work/demo.db" --event 1
  shoot mailing $w $h "xdotool key ctrl+m; dialog" --db "$work/demo.db" --event 1
  MP_IMPORT_FILE="$work/wide.csv" shoot import-preview $w $h "xdotool key ctrl+i; dialog $dw $dh; xdotool mousemove 300 400; for i in \$(seq 1 12); do xdotool click 5; sleep 0.05; done" --db "$work/demo.db" --event "$empty"
done
shots_done
