#!/bin/bash
# Møteplass for people who see less well, and in Norwegian: the event
# page and the desk in libadwaita's high-contrast style and with text
# 1.5 times as large (Xft.dpi 144 instead of 96 in the X server's
# resources, which GTK reads as gtk-xft-dpi when no XSETTINGS daemon
# runs, as under Xvfb), and the events list and the event page in Bokmål and Nynorsk.
#
#   test-a11y-screens.sh MOTEPLASS MOTEPLASS-CLI [MP-A11Y-WALK]
#
# Screenshots are kept, to be looked at, in
# $MP_BUILD_DIR/artefacts/ui-a11y-screens/. The checks: each screen comes
# up and says nothing on stderr; with MP-A11Y-WALK and the AT-SPI bus,
# nothing of it lies outside its window (GTK allocates a page wider than
# the window when its content needs more, and clips it: the extents of
# the outer widgets tell). Prints TAP.

set -u

moteplass=$(realpath "$1")
cli=$(realpath "$2")
walker=${3:+$(realpath "$3")}
here=$(dirname "$(realpath "$0")")
. "$here/ui-lib.sh"

ui_in_xvfb "$@"
ui_require xdotool import xprop
if [ -n "$walker" ]; then
  ui_in_atspi "$@"
fi

ui_setup ui-a11y-screens
if [ -n "${MP_ATSPI:-}" ]; then
  unset GTK_A11Y
fi
export TZ=${TZ:-Europe/Oslo}

# A failed check shows what the program said.
ui_diagnose () {
  if [ -s "$work/stderr" ]; then sed 's/^/# stderr: /' "$work/stderr"; fi
}

LANGUAGE=en "$cli" --db "$work/demo.db" demo >/dev/null || { echo "Bail out! moteplass-cli demo failed"; exit 1; }

# shoot NAME WIDTH HEIGHT STEPS ENV... -- ARGS...: starts Møteplass with
# ENV, does STEPS, keeps NAME.png; fails when no window came or anything
# was written to stderr.
shoot () {
  local name=$1 w=$2 h=$3 steps=$4; shift 4
  local envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  if [ "${envs[0]}" = LARGE_TEXT=1 ]; then
    xprop -root -f RESOURCE_MANAGER 8s -set RESOURCE_MANAGER "$(printf 'Xft.dpi:\t144\n')"
  else
    xprop -root -remove RESOURCE_MANAGER 2>/dev/null
  fi
  local ui_app_env=("${envs[@]}") wid=
  ui_launch "$@"
  if ! ui_wait_window; then
    not_ok "$name: the window appears"
    kill $pid 2>/dev/null; pid=
    return 1
  fi
  xdotool windowsize $wid $w $h
  xdotool windowfocus --sync $wid 2>/dev/null
  xdotool mousemove $((w - 1)) $((h - 1))
  ui_wait_still
  eval "$steps"
  ui_wait_still
  convert "$work/shot-a.png" -crop ${w}x${h}+0+0 "$artefacts/$name.png"
  # Nothing may lie left of or above its window: the outer widgets
  # (seven levels down) of every window have no negative position.
  clipped=
  if [ -n "${MP_ATSPI:-}" ]; then
    "$walker" --pid $pid --dump "$work/tree" >/dev/null 2>&1
    # (A header bar sits at -1,-1 by design: a pixel is no clipping.)
    clipped=$(grep -E '^ {0,14}[^ ].* (-([2-9]|[0-9]{2,}),-?[0-9]+|-?[0-9]+,-([2-9]|[0-9]{2,})) [0-9]+x[0-9]+$' "$work/tree" | head -3)
    cp "$work/tree" "$artefacts/$name.tree"
  fi
  cp "$work/state" "$work/state.$name" 2>/dev/null
  kill $pid 2>/dev/null; wait $pid 2>/dev/null; pid=
  if [ -s "$artefacts/$name.png" ] && [ ! -s "$work/stderr" ]; then
    ok "$name: shown, and nothing on stderr"
  else
    not_ok "$name: shown, and nothing on stderr"
  fi
  if [ -z "${MP_ATSPI:-}" ]; then
    ok "$name: fits its window # SKIP ${MP_ATSPI_MISSING:-no mp-a11y-walk given}"
  elif [ -z "$clipped" ]; then
    ok "$name: fits its window"
  else
    n=$((n + 1)); failed=1
    echo "not ok $n - $name: fits its window (clipped:)"
    echo "$clipped" | sed 's/^/# /'
  fi
}

hc=ADW_DEBUG_HIGH_CONTRAST=1
large=LARGE_TEXT=1

for size in 1280x800 800x600; do
  w=${size%x*} h=${size#*x}
  shoot high-contrast-events-$size $w $h "" LANGUAGE=en $hc -- --db "$work/demo.db"
  shoot high-contrast-event-$size $w $h "" LANGUAGE=en $hc -- --db "$work/demo.db" --event 1
  shoot large-text-events-$size $w $h "" $large LANGUAGE=en -- --db "$work/demo.db"
  shoot large-text-event-$size $w $h "" $large LANGUAGE=en -- --db "$work/demo.db" --event 1
  shoot large-text-new-event-$size $w $h "xdotool key ctrl+n" $large LANGUAGE=en -- --db "$work/demo.db"
  if [ -f "$here/../../ui/mp-desk-page.ui" ]; then
    shoot high-contrast-desk-$size $w $h "xdotool type --delay 2 NOT-A-TICKET; xdotool key Return" \
      LANGUAGE=en $hc -- --db "$work/demo.db" --event 1 --desk
    shoot large-text-desk-$size $w $h "xdotool type --delay 2 NOT-A-TICKET; xdotool key Return" \
      $large LANGUAGE=en -- --db "$work/demo.db" --event 1 --desk
  fi
done

# Bokmål and Nynorsk: the window's title and the event page's words come
# from the .mo files.
# The demo events are made in the same language, as `make run` does.
for lang in nb nn; do
  LANGUAGE=$lang "$cli" --db "$work/demo-$lang.db" demo >/dev/null
  shoot $lang-events 1280 800 "" LANGUAGE=$lang -- --db "$work/demo-$lang.db"
  shoot $lang-event 1280 800 "" LANGUAGE=$lang -- --db "$work/demo-$lang.db" --event 1
  shoot $lang-new-event 1280 800 "xdotool key ctrl+n" LANGUAGE=$lang -- --db "$work/demo-$lang.db"
  shoot $lang-add-attendee 1280 800 "xdotool key ctrl+shift+n" LANGUAGE=$lang -- --db "$work/demo-$lang.db" --event 1
done
# "Upcoming" and "Today" are "Kommande"/"I dag" (nn) and "Kommende"/"I dag" (nb).
msg () { LANGUAGE=$1 TEXTDOMAINDIR=${MP_LOCALEDIR:-} gettext moteplass "$2"; }
if command -v gettext >/dev/null && [ -n "${MP_LOCALEDIR:-}" ]; then
  for lang in nb nn; do
    t=$(msg $lang "Registered")
    if [ "$t" != "Registered" ]; then
      ok "$lang: the .mo file translates (Registered → $t)"
    else
      not_ok "$lang: the .mo file translates"
    fi
  done
fi

ui_done
