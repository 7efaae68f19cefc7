#!/bin/bash
# No text cut short: the main screens of the real window at 1024×600 in
# Bokmål and Nynorsk (and English), driven as a person would, and every
# label and inscription on the screen checked for a "…" that Pango put
# there because the text did not fit (MP_DEBUG_CUT_TEXT, read through
# MP_DEBUG_STATE: gtk_label_get_layout + pango_layout_is_ellipsized; see
# src/ui/mp-cut-text.h). Text meant to be shortened when it is long
# (people's names and organisations in the attendee list) is marked and
# not counted. Fails listing each cut text and the screen it was on.
#
#   test-cut-text.sh MOTEPLASS MOTEPLASS-CLI [LANGUAGES]
#
# The words are those of the .mo files as they are: a language whose
# translation is missing shows English, and the test still holds when
# translations come (it checks whatever is shown).
#
# Screenshots: $MP_BUILD_DIR/artefacts/ui-cut-text/. Prints TAP.

set -u

moteplass=$(realpath "$1")
cli=$(realpath "$2")
languages=${3:-nb nn en}
here=$(dirname "$(realpath "$0")")
. "$here/ui-lib.sh"

ui_in_xvfb "$@"
ui_require xdotool import
ui_setup ui-cut-text
export TZ=${TZ:-Europe/Oslo} CUPS_SERVER=/nonexistent/moteplass-test-cups.sock
ui_size="1024 600"
ui_pointer="1023 599"

# The cut= lines of the state once the screen is still
cut_lines () { ui_wait_still; sleep 0.2; grep '^cut=' "$work/state" 2>/dev/null; }

# screen NAME STEPS: does STEPS on the window (or the dialog it opens),
# then checks nothing is cut, and keeps a screenshot.
screen () {
  local name=$1 steps=$2 cuts
  eval "$steps"
  cuts=$(cut_lines)
  import -window root -crop 1024x600+0+0 "$artefacts/$lang-$name.png" 2>/dev/null
  if [ -z "$cuts" ]; then
    ok "$lang $name: no text cut short"
  else
    n=$((n + 1)); failed=1
    echo "not ok $n - $lang $name: no text cut short"
    echo "$cuts" | sed 's/^/# /'
  fi
}

# The key of a translated mnemonic: "_Oppsett" → o
mnemonic () {
  local text=$1
  if command -v gettext >/dev/null && [ -n "${MP_LOCALEDIR:-}" ]; then
    text=$(LANGUAGE=$lang TEXTDOMAINDIR=$MP_LOCALEDIR gettext moteplass "$1")
  fi
  echo "$text" | sed -n 's/^[^_]*_\(.\).*/\1/p' | tr '[:upper:]' '[:lower:]'
}

# A dialog the window opened, focused
focus_dialog () {
  local d
  d=$(ui_other_window)
  [ -n "$d" ] && xdotool windowfocus --sync "$d" 2>/dev/null
}
close_dialog () { key Escape; sleep 0.3; xdotool windowfocus --sync $wid 2>/dev/null; }

for lang in $languages; do
  db=$work/demo-$lang.db
  LANGUAGE=$lang "$cli" --db "$db" demo >/dev/null || { echo "Bail out! the demo failed"; exit 1; }
  ui_app_env=(LANGUAGE=$lang MP_DEBUG_CUT_TEXT=1)

  check "$lang: the window opens on the events" "ui_start --db '$db' && ui_state_has 'page=events'"
  screen events ""
  screen new-event "key ctrl+n; focus_dialog"
  close_dialog
  screen preferences "key ctrl+comma; focus_dialog"
  # the badge layouts, listed whole
  screen preferences-layouts "key alt+$(mnemonic 'Badge _layout')"
  key Escape
  close_dialog
  ui_stop

  check "$lang: the event page" "ui_start --db '$db' --event 2 && ui_state_has 'page=event'"
  screen event ""
  screen add-attendee "key ctrl+shift+n; focus_dialog"
  # the sectors, "Innvandrerorganisasjon / innvandrerråd" whole
  screen add-attendee-sectors "key Tab Tab space"
  key Escape
  close_dialog
  screen export-tickets "key ctrl+shift+e; focus_dialog"
  screen export-tickets-layouts "key alt+$(mnemonic '_Layout')"
  key Escape
  close_dialog
  screen report "key alt+r; ui_state_has 'report.state=report' 'report.rows=complete'"
  ui_stop

  check "$lang: the check-in desk" "ui_start --db '$db' --event 2 --desk && ui_state_has 'page=desk'"
  screen desk ""
  ui_stop
done

ui_done
