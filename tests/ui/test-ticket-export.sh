#!/bin/bash
# Tickets exported to PDF from the window, as a person does it: the event
# page, Ctrl+Shift+E (Export Tickets as PDF…), Enter, a file name typed in
# the file chooser, Enter; the export runs on a thread with a progress
# bar; then every QR code in the PDF is scanned with zbarimg and must be
# a ticket of that event's registrations, each once.
#
#   test-ticket-export.sh MOTEPLASS MP-UI-FIXTURE
#
# Printing goes through GTK's print dialog to its "Print to File" printer
# and must scan the same.
#
# Screenshots go to $MP_BUILD_DIR/artefacts/ui-ticket-export/. Prints TAP.

set -u

here=$(dirname "$(realpath "$0")")
. "$here/ui-lib.sh"

moteplass=$(realpath "$1")
fixture=$(realpath "$2")

ui_in_xvfb "$@"
ui_require xdotool import pdftoppm pdfinfo zbarimg sqlite3
ui_setup ui-ticket-export
# No print server: the print dialog lists no CUPS queues, quickly.
export CUPS_SERVER=/nonexistent/moteplass-test-cups.sock

# Exports the tickets through the dialog to $1; $2 is how many times to
# press Down in the Layout row first (0: the ticket layout).
export_to () {
  local pdf=$1 dialog chooser
  key ctrl+shift+e
  dialog=$(ui_other_window)
  [ -n "$dialog" ] || return 1
  xdotool windowfocus --sync $dialog 2>/dev/null
  ui_shot "$3-dialog"
  key Return
  chooser=$(ui_other_window $dialog)
  [ -n "$chooser" ] || return 1
  xdotool windowsize $chooser 1000 700
  xdotool windowfocus --sync $chooser 2>/dev/null
  ui_shot "$3-chooser"
  key ctrl+a
  xdotool type --delay 5 "$pdf"
  key Return
  ui_wait_until 30 test -s "$pdf"
  ui_shot "$3-done"
  xdotool windowfocus --sync $wid 2>/dev/null
  [ -s "$pdf" ]
}

# Every code on every page of $1, sorted, into $2.
scan_all () {
  rm -f "$work"/page-*.png
  pdftoppm -r 150 -png "$1" "$work/page" || return 1
  for page in "$work"/page-*.png; do
    zbarimg --nodbus -q --raw "$page" 2>/dev/null
  done | sort > "$2"
}

# GTK's "Print to File" writes output.pdf in the working folder.
cd "$work"
TZ=Europe/Oslo "$fixture" --db "$work/events.db" || { echo "Bail out! the fixture failed"; exit 1; }
sqlite3 "$work/events.db" \
  "SELECT 'MP1' || token FROM registration WHERE event_id = 1 AND status = 'registered'" \
  | sort > "$work/expected"

check "the window opens the event" "ui_start --db '$work/events.db' --event 1 && ui_state_has 'page=event'"
ui_shot 01-event

mkdir -p "$work/out"
check "Ctrl+Shift+E, Enter, a file name and Enter export the tickets as PDF" \
  "export_to '$work/out/alle billetter.pdf' 0 02"
scan_all "$work/out/alle billetter.pdf" "$work/codes"
check "every registered attendee's ticket is in the PDF, once, and nothing else" \
  "[ -s '$work/expected' ] && cmp -s '$work/codes' '$work/expected'"
[ $failed = 0 ] || { echo "# expected:"; sed 's/^/#   /' "$work/expected"; echo "# scanned:"; sed 's/^/#   /' "$work/codes"; }

# Printing: Ctrl+P, Enter, GTK's print dialog; its "Print to File" writes
# output.pdf in the working folder, which must scan like the export.
print_to_file () {
  local dialog printer
  key ctrl+p
  dialog=$(ui_other_window)
  [ -n "$dialog" ] || return 1
  xdotool windowfocus --sync $dialog 2>/dev/null
  sleep 0.3
  key Return
  printer=$(ui_other_window $dialog)
  [ -n "$printer" ] || return 1
  xdotool windowfocus --sync $printer 2>/dev/null
  sleep 1
  # No window manager: the dialog sits at the top left at its own size.
  xdotool mousemove --window $printer 82 96 click 1
  ui_shot 03-print-dialog
  # Print, at the bottom right (the dialog's width follows the file name)
  local size w h
  size=$(xdotool getwindowgeometry $printer | sed -n 's/.*Geometry: \([0-9]*x[0-9]*\).*/\1/p')
  w=${size%x*}; h=${size#*x}
  xdotool mousemove --window $printer $((w - 35)) $((h - 23)) click 1 mousemove 1279 799
  printed () { [ -s "$work/output.pdf" ] && pdfinfo "$work/output.pdf" >/dev/null 2>&1; }
  ui_wait_until 10 printed
  ui_shot 03-printed
  # Escape closes the dialog once it has the keyboard back.
  for i in $(seq 1 50); do
    xdotool search --onlyvisible --pid $pid 2>/dev/null | grep -qx "$dialog" || break
    xdotool windowfocus --sync $dialog 2>/dev/null
    key Escape
    sleep 0.2
  done
  xdotool windowfocus --sync $wid 2>/dev/null
  [ -s "$work/output.pdf" ]
}
check "Ctrl+P prints through GTK's print dialog (to a file here)" "print_to_file"
scan_all "$work/output.pdf" "$work/codes-printed"
check "the printed tickets scan like the exported ones" "cmp -s '$work/codes-printed' '$work/expected'"

# One selected attendee: only her ticket.
key ctrl+f
xdotool type --delay 30 "kovalenko"
ui_state_has 'query=kovalenko' 'matches=1 of 12'
# a click on the row, as a person would (no window manager: the window
# sits at the top left)
xdotool mousemove --window $wid 60 251 click 1 mousemove 1279 799
check "one attendee is found and selected" "ui_state_has 'selected=1'"
sqlite3 "$work/events.db" "SELECT 'MP1' || r.token FROM registration r JOIN person p ON p.id = r.person_id
                           WHERE r.event_id = 1 AND p.name = 'Olena Kovalenko'" > "$work/expected-one"
check "with a selection, the dialog exports only the selected attendee's ticket" \
  "export_to '$work/out/olena.pdf' 0 03 && scan_all '$work/out/olena.pdf' '$work/codes-one' \
   && [ -s '$work/expected-one' ] && cmp -s '$work/codes-one' '$work/expected-one'"

# GTK's CUPS print backend says once that it has no system bus for
# avahi (there is none here); anything else on stderr is ours.
quiet () { ! grep -v "avahi printers will not be available" "$work/stderr" | grep -q .; }
check "nothing was written to stderr" "quiet"
kill $pid 2>/dev/null; wait $pid 2>/dev/null; pid=

# In the export dialog ($dialog): Enter, then the file name $1 typed in
# the file chooser, and Enter.
choose_file () {
  local chooser
  key Return
  chooser=$(ui_other_window $dialog)
  xdotool windowfocus --sync $chooser 2>/dev/null
  sleep 0.5
  key ctrl+a
  xdotool type --delay 5 "$1"
  key Return
}

# Opens the export dialog (as $dialog) and starts exporting to $1; once
# it runs, a screenshot named $2.
start_export () {
  key ctrl+shift+e
  dialog=$(ui_other_window)
  xdotool windowfocus --sync $dialog 2>/dev/null
  sleep 0.3
  choose_file "$1"
  sleep 0.8
  xdotool windowfocus --sync $dialog 2>/dev/null
  ui_shot_now "$2"
}

# A big event: the export runs on a thread with a progress bar and can
# be stopped; stopped, it leaves no file.
rm -f "$work/events.db"*
TZ=Europe/Oslo "$fixture" --db "$work/events.db" --big 20000 || { echo "Bail out! the fixture failed"; exit 1; }
big=$(sqlite3 "$work/events.db" "SELECT id FROM event WHERE title = 'Stor konferanse'")
sqlite3 "$work/events.db" \
  "SELECT 'MP1' || token FROM registration WHERE event_id = $big AND status = 'registered'" | sort > "$work/expected-big"
ui_start --db "$work/events.db" --event "$big" && ui_state_has 'page=event'
start_export "$work/out/stopped.pdf" 04-progress
key space
sleep 1
ui_shot 05-stopped
check "an export stopped with Cancel leaves no file, not even a half-written one" \
  "[ ! -e '$work/out/stopped.pdf' ] && [ -z \"\$(ls -A '$work/out' | grep -v -e '^alle billetter.pdf\$' -e '^olena.pdf\$')\" ]"

xdotool windowfocus --sync $dialog 2>/dev/null
t0=$(date +%s.%N)
choose_file "$work/out/big.pdf"
ui_wait_until 60 test -s "$work/out/big.pdf"
t1=$(date +%s.%N)
echo "# 20,000 tickets exported through the window in $(awk "BEGIN { printf \"%.1f\", $t1 - $t0 }") s (file chooser typing included)"
check "20,000 tickets export whole: 20,000 pages" \
  "[ \"\$(pdfinfo '$work/out/big.pdf' | sed -n 's/^Pages: *//p')\" = 20000 ]"
pdftoppm -r 150 -png -f 1 -l 1 -singlefile "$work/out/big.pdf" "$work/first"
pdftoppm -r 150 -png -f 20000 -l 20000 -singlefile "$work/out/big.pdf" "$work/last"
first=$(zbarimg --nodbus -q --raw "$work/first.png" 2>/dev/null)
last=$(zbarimg --nodbus -q --raw "$work/last.png" 2>/dev/null)
check "the first and the last page scan to tickets of that event" \
  "[ -n '$first' ] && [ -n '$last' ] && [ '$first' != '$last' ] \
   && grep -qxF '$first' '$work/expected-big' && grep -qxF '$last' '$work/expected-big'"
ui_shot 06-big-done
# Closing the dialog while it exports stops the export, quietly.
xdotool windowfocus --sync $wid 2>/dev/null
start_export "$work/out/closed.pdf" 07-closing
key Escape
sleep 1.5
ui_shot 08-closed
check "closing the dialog during an export stops it: no file, the window goes on" \
  "[ ! -e '$work/out/closed.pdf' ] && kill -0 $pid && [ -z \"\$(ls -A '$work/out' | grep -v -e '^alle billetter.pdf\$' -e '^olena.pdf\$' -e '^big.pdf\$')\" ]"
check "nothing was written to stderr with the big event" "[ ! -s '$work/stderr' ]"
kill $pid 2>/dev/null; wait $pid 2>/dev/null; pid=
ui_done
