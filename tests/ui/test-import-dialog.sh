#!/bin/bash
# The import wizard with Excel workbooks, driven from outside as a
# person would: a Microsoft Forms workbook is recognised (platform,
# sheet, the form's own columns as fallbacks, "Hva heter du?" as the
# name), and a pretix workbook whose people are on its second sheet is
# imported after choosing that sheet in the wizard.
#
#   test-import-dialog.sh MOTEPLASS MP-UI-FIXTURE
#
# Screenshots in $MP_BUILD_DIR/artefacts/ui-import-dialog/. Prints TAP.

set -u

here=$(dirname "$(realpath "$0")")
. "$here/ui-lib.sh"

moteplass=$(realpath "$1")
fixture=$(realpath "$2")

ui_in_xvfb "$@"
ui_require xdotool import
/usr/bin/python3 -c "import openpyxl" 2>/dev/null || { echo "1..0 # SKIP python3-openpyxl is not installed"; exit 0; }
ui_setup ui-import-dialog

src=${MP_SOURCE_DIR:?}
dialog_of () { ui_other_window; }
close_wait () {
  for i in $(seq 1 250); do
    xdotool search --onlyvisible --pid $pid 2>/dev/null | grep -qx "$1" || break
    sleep 0.02
  done
  xdotool windowfocus --sync $wid 2>/dev/null
}

"$fixture" --db "$work/import.db" || { echo "Bail out! the fixture failed"; exit 1; }
/usr/bin/python3 "$src/tests/data/platforms/make-workbooks.py" "$work" || { echo "Bail out! openpyxl failed"; exit 1; }

ui_app_env=(MP_IMPORT_FILE="$work/microsoft-forms.xlsx")
check "the window opens on the breakfast event" \
  "ui_start --db '$work/import.db' --event 2 && ui_state_has 'page=event' 'counts=3|0'"

key ctrl+i
dialog=$(dialog_of)
check "a Microsoft Forms workbook: platform, sheet, and which column became what" \
  "[ -n '$dialog' ] && ui_state_has 'import=preview' 'import.busy=0' 'import.platform=microsoft-forms' \
     'import.sheet=Form1' 'import.sheets=Form1|Ark2' \
     'import.preview=new:3|merged:0|unchanged:0|repeated:0|bad:0'"
check "  “Hva heter du?” is the name, the form's Email and Name are there too" \
  "ui_state_matches '^import.columns=ID:ignore|Start time:ignore|Completion time:answered-at|Email:email|Name:name|Last modified time:ignore|Hva heter du?:name|E-postadresse:email|'"
if [ -n "$dialog" ]; then
  xdotool windowsize $dialog 720 900
  xdotool windowfocus --sync $dialog 2>/dev/null
  sleep 0.5; ui_shot 01-microsoft-forms-preview
  key ctrl+Return
fi
check "Ctrl+Return imports the three" "ui_state_has 'import=done' 'import.result=added:3|merged:0|unchanged:0|repeated:0|skipped:0'"
sleep 0.3; ui_shot 02-microsoft-forms-done
check "the database has them" \
  "\"$fixture\" --db \"$work/import.db\" --list | grep -qxF '2|Frokostmøte: Frivilligsentralene inviterer|breakfast_meeting|6|0'"
if [ -n "$dialog" ]; then key Escape; close_wait $dialog; fi
ui_stop

# pretix' order data: the first sheet has the orders, the people are on
# the second; the wizard offers the sheets and reads the one chosen.
ui_app_env=(MP_IMPORT_FILE="$work/pretix.xlsx")
ui_start --db "$work/import.db" --event 2
key ctrl+i
dialog=$(dialog_of)
check "a pretix workbook opens on its first sheet, the orders" \
  "[ -n '$dialog' ] && ui_state_has 'import=preview' 'import.busy=0' 'import.platform=pretix-orders' \
     'import.sheet=Orders' 'import.sheets=Orders|Order positions|Order fees'"
if [ -n "$dialog" ]; then
  xdotool windowsize $dialog 720 1200
  xdotool windowfocus --sync $dialog 2>/dev/null
  sleep 0.5; ui_shot 03-pretix-orders
  # The sheet row heads the Columns (see the screenshot): click it,
  # then the next sheet in its list.
  xdotool mousemove 360 624 click 1
  sleep 0.5; ui_shot 04-sheet-list
  key Down Return
  xdotool mousemove 1279 799
fi
# Kari came through the form already (same address); Yusuf is new and
# does not get the office's address.
check "choosing “Order positions” reads that sheet: Yusuf new, Kari known, the office's address nobody's" \
  "ui_state_has 'import=preview' 'import.busy=0' 'import.sheet=Order positions' \
     'import.preview=new:1|merged:0|unchanged:1|repeated:0|bad:0' 'import.warning_lines=3'"
sleep 0.5; ui_shot 05-pretix-order-positions
if [ -n "$dialog" ]; then key ctrl+Return; fi
check "and imports him" "ui_state_has 'import=done' 'import.result=added:1|merged:0|unchanged:1|repeated:0|skipped:0'"
if [ -n "$dialog" ]; then key Escape; close_wait $dialog; fi
check "nothing was written to stderr" "[ ! -s '$work/stderr' ]"
ui_stop

ui_done
