#!/bin/bash
# Møteplass as a screen reader sees it: the real program under a virtual
# X screen of its own, in a D-Bus session of its own with the AT-SPI
# accessibility bus, its accessible tree walked through AT-SPI by
# mp-a11y-walk, screen by screen.
#
#   test-a11y.sh MOTEPLASS MOTEPLASS-CLI MP-A11Y-WALK
#
# Fails listing every control (button, toggle, check box, radio, entry,
# spin button, combo box, switch, menu item ...) that has no accessible
# name; walks the keyboard focus with Tab and fails on a focus that is
# lost or trapped; checks that the desk's answer is in the tree as an
# alert. Skips, saying why, only when the AT-SPI bus cannot start.
# The trees, the focus walks and screenshots are kept in
# $MP_BUILD_DIR/artefacts/ui-a11y/. Prints TAP.

set -u

moteplass=$(realpath "$1")
cli=$(realpath "$2")
walker=$(realpath "$3")
here=$(dirname "$(realpath "$0")")
src=$(realpath "$here/../..")
. "$here/ui-lib.sh"

ui_in_xvfb "$@"
ui_require xdotool import

# A session bus of our own, with the accessibility bus on it.
ui_in_atspi "$@"
if [ -n "${MP_ATSPI_MISSING:-}" ]; then
  echo "1..0 # SKIP $MP_ATSPI_MISSING"
  exit 0
fi

ui_setup ui-a11y '*'
unset GTK_A11Y
export LANGUAGE=${LANGUAGE:-en}

# A failed check shows the walker's findings, not the state.
ui_diagnose () {
  if [ -s "$work/out" ]; then sed 's/^/# /' "$work/out"; fi
  if [ -s "$work/stderr" ]; then sed 's/^/# stderr: /' "$work/stderr"; fi
}

# Starts Møteplass and waits for its window, and for AT-SPI to learn of it.
start () { ui_start "$@" || return 1; sleep 0.3; }

# The newest window of $pid other than the main one, focused.
focus_dialog () {
  local w
  w=$(ui_other_window)
  [ -n "$w" ] && xdotool windowfocus --sync $w 2>/dev/null
  sleep 0.4
  dialog=$w
  [ -n "$w" ]
}

# names SCREEN [WALKER ARGS]: every control on the showing screen has a
# name; the whole tree is kept as SCREEN.tree.
names () {
  local screen=$1; shift
  "$walker" --pid $pid --dump "$artefacts/$screen.tree" "$@" > "$work/out" 2>"$work/walk"
  local status=$?
  ui_shot "$screen"
  if [ $status = 77 ]; then
    cp "$work/walk" "$work/out"
    not_ok "$screen: the application is on the AT-SPI desktop"
  elif [ $status = 0 ]; then
    ok "$screen: every control has an accessible name ($(cut -d' ' -f2 "$work/walk") elements)"
  else
    not_ok "$screen: every control has an accessible name (these have none:)"
  fi
}

# tab_walk SCREEN COUNT: presses Tab COUNT times and records where the
# focus goes after each (AT-SPI focus events); fails when the focus is
# trapped: no focus event for 3 Tabs in a row, or fewer than 3 places
# visited. Kept as SCREEN.focus. (A focus event missing for one or two
# Tabs is libadwaita 1.2's AdwEntryRow: its text field takes the focus
# but is not in the accessible tree, so AT-SPI is not told.)
tab_walk () {
  local screen=$1 count=$2
  "$walker" --pid $pid --tab "$count" > "$artefacts/$screen.focus" 2>"$work/walk"
  cp "$artefacts/$screen.focus" "$work/out"
  local longest
  longest=$(awk '/\(unchanged\)$|^none$/ { run++; if (run > max) max = run; next } { run = 0 } END { print max + 0 }' \
              "$artefacts/$screen.focus")
  if [ "$(wc -l < "$artefacts/$screen.focus")" = "$count" ] && [ "$longest" -lt 3 ] \
     && [ "$(sed 's/ (unchanged)$//' "$artefacts/$screen.focus" | sort -u | grep -vc '^none$')" -ge 3 ]; then
    ok "$screen: Tab moves the focus through the screen and never loses it"
  else
    cat "$work/walk" >> "$work/out"
    not_ok "$screen: Tab moves the focus through the screen and never loses it"
  fi
}

# First line of $artefacts/SCREEN.focus matching PATTERN, as a line number.
focus_index () { grep -n -m1 -- "$2" "$artefacts/$1.focus" | cut -d: -f1; }

"$cli" --db "$work/demo.db" demo >/dev/null || { echo "Bail out! moteplass-cli demo failed"; exit 1; }
printf 'name,organisation\nKari,NAV\n' > "$work/list.csv"
printf 'Navn;E-post;Organisasjon;Sektor\nKari Nordmann;kari@nav.no;NAV Vestland;NAV\nOla Hansen;ola@example.no;Røde Kors;Frivillig organisasjon\n' > "$work/registrations.csv"

# The events list, its main menu, the new event dialog.
if start --db "$work/demo.db"; then
  names events
  tab_walk events 8
  key F10
  sleep 0.4
  names events-menu
  key Escape
  sleep 0.2
  key ctrl+n
  if focus_dialog; then
    names new-event
    tab_walk new-event 8
    key Escape
  else
    not_ok "new-event: Ctrl+N opens the dialog"
  fi
  ui_stop
else
  not_ok "the window appears"
fi

# The event page (a demo event with attendees), and the add-attendee
# dialog.
if start --db "$work/demo.db" --event 1; then
  names event
  tab_walk event 8
  # The order follows the screen: search and filter, then the list of
  # attendees, then out of it in one Tab (not row after row: GTK 4.8's
  # lists take one Tab per row, and an event may have 100,000).
  f=$(focus_index event '^push button|Filter'); l=$(focus_index event '^table row|')
  after=$(sed -n "$(( ${l:-0} + 1 ))p" "$artefacts/event.focus")
  cp "$artefacts/event.focus" "$work/out"
  if [ -n "$f" ] && [ -n "$l" ] && [ "$f" -lt "$l" ]; then
    ok "event: the focus goes from the search and the filter to the list"
  else
    not_ok "event: the focus goes from the search and the filter to the list"
  fi
  if [ -n "$l" ] && [ -n "$after" ] && ! echo "$after" | grep -q '^table row|'; then
    ok "event: one Tab leaves the attendee list (to $after)"
  else
    not_ok "event: one Tab leaves the attendee list"
  fi
  key ctrl+shift+n
  if focus_dialog; then
    names add-attendee
    tab_walk add-attendee 8
    key Escape
  else
    not_ok "add-attendee: Ctrl+Shift+N opens the dialog"
  fi
  ui_stop
else
  not_ok "the window appears on the event page"
fi

# An error screen: a file that is not a database.
if start --db "$work/list.csv"; then
  names error
  ui_stop
else
  not_ok "the window appears with an error"
fi

# The screens the other parts of Møteplass add, once they are there.
if [ -f "$src/ui/mp-desk-page.ui" ]; then
  if start --db "$work/demo.db" --event 1 --desk; then
    names desk
    tab_walk desk 8
    if "$walker" --pid $pid --press "Walk-in: Register Someone New" > "$work/out" 2>&1; then
      sleep 0.5
      names desk-walk-in
    else
      not_ok "desk: the walk-in button can be pressed through AT-SPI"
    fi
    # The answer to a scan is read out: it is in the tree as an alert
    # whose name and description are the answer's words.
    ui_stop
    start --db "$work/demo.db" --event 1 --desk
    xdotool type --delay 2 "NOT-A-TICKET"; key Return
    message=
    for i in $(seq 1 100); do
      message=$(grep '^desk.message=' "$work/state" 2>/dev/null | cut -d= -f2-)
      [ -n "$message" ] && break
      sleep 0.05
    done
    if [ -n "$message" ] && "$walker" --pid $pid --role alert --text "$message" > "$work/out" 2>&1; then
      ok "desk: the answer to a scan is an alert a screen reader reads out ($(cat "$work/out"): $message)"
    else
      echo "desk.message: '$message'" >> "$work/out"
      not_ok "desk: the answer to a scan is an alert a screen reader reads out"
    fi
    ui_shot desk-answer
    ui_stop
  else
    not_ok "the desk appears"
  fi
else
  skip "desk: every control has an accessible name" "the desk is not built yet"
fi

# The report page, opened as a screen reader user would: its button
# pressed through AT-SPI.
if [ -f "$src/ui/mp-report-page.ui" ]; then
  if start --db "$work/demo.db" --event 1; then
    pressed=1
    for i in 1 2 3 4 5; do
      "$walker" --pid $pid --press Report > "$work/out" 2>&1 && { pressed=0; break; }
      sleep 0.5
    done
    if [ $pressed = 0 ]; then
      sleep 1
      names report
      tab_walk report 6
    else
      not_ok "report: the Report button can be pressed through AT-SPI"
    fi
    ui_stop
  else
    not_ok "the window appears for the report"
  fi
else
  skip "report: every control has an accessible name" "the report page is not built yet"
fi

# The import dialog (Ctrl+I on the event page).
if [ -f "$src/ui/mp-import-dialog.ui" ]; then
  if start --db "$work/demo.db" --event 2; then
    key ctrl+i
    if focus_dialog; then
      # GTK's file chooser first (not ours), then the import dialog.
      key ctrl+l
      xdotool type --delay 5 "$work/registrations.csv"
      sleep 0.5
      key Return
      sleep 1
      # With no window manager the dialog that follows gets the keyboard
      # from us.
      chooser=$dialog
      for i in $(seq 1 100); do
        w=$(xdotool search --onlyvisible --pid $pid 2>/dev/null | grep -vx "$wid" | grep -vx "$chooser" | head -1)
        [ -n "$w" ] && break
        key Return
        sleep 0.1
      done
      [ -n "$w" ] && xdotool windowfocus --sync $w 2>/dev/null
      sleep 0.5
      names import
      tab_walk import 6
    else
      not_ok "import: Ctrl+I opens the import dialog"
    fi
    ui_stop
  else
    not_ok "the window appears for the import"
  fi
else
  skip "import: every control has an accessible name" "the import dialog is not built yet"
fi

# The kiosk, with a PIN in the settings as Preferences keeps it: the
# welcome screen and the walk-in form.
pin_hash=${MP_BUILD_DIR:-}/tests/mp-kiosk-pin-hash
if [ -f "$src/ui/mp-kiosk-window.ui" ] && [ -x "$pin_hash" ]; then
  mkdir -p "$work/config/glib-2.0/settings"
  printf "[no/moteplass/Moteplass]\nkiosk-pin-hash='%s'\n" "$("$pin_hash" 2468)" \
    > "$work/config/glib-2.0/settings/keyfile"
  if GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME=$work/config start --db "$work/demo.db" --event 1 --kiosk; then
    names kiosk
    tab_walk kiosk 6
    if "$walker" --pid $pid --press "I have no ticket" > "$work/out" 2>&1; then
      sleep 0.5
      names kiosk-walk-in
      tab_walk kiosk-walk-in 6
    else
      not_ok "kiosk: “I have no ticket” can be pressed through AT-SPI"
    fi
    ui_stop
  else
    not_ok "the kiosk appears"
  fi
else
  skip "kiosk: every control has an accessible name" "the kiosk or mp-kiosk-pin-hash is not built yet"
fi

if [ -f "$src/ui/mp-preferences-window.ui" ]; then
  if start --db "$work/demo.db"; then
    key ctrl+comma
    if focus_dialog; then
      names preferences
    else
      not_ok "preferences: Ctrl+, opens the preferences"
    fi
    ui_stop
  else
    not_ok "the window appears for the preferences"
  fi
else
  skip "preferences: every control has an accessible name" "the preferences are not built yet"
fi

[ -s "$work/stderr" ] && sed 's/^/# stderr: /' "$work/stderr"

ui_done
