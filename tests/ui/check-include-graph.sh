#!/bin/bash
# The window's code includes in one direction only: the application
# includes the window, the window its pages, the pages their widgets; no
# widget includes a page, no page the window. Each file of src/ui is a
# node of its type (mp-desk-page.c, -private.h, -debug.c and .h are all
# "mp-desk-page"); each #include "mp-….h" of a file of src/ui is an edge;
# tsort(1) finds a cycle if there is one. Also: only the window and the
# application include mp-window.h. Prints TAP.
#
#   tests/ui/check-include-graph.sh [SOURCE_DIR]
set -u
src=${1:-${MP_SOURCE_DIR:-.}}/src/ui
. "$(dirname "$(realpath "$0")")/../tap.sh"

module () { basename "$1" | sed -E 's/\.(c|h)$//; s/-(private|debug|actions)$//'; }

edges=$(for f in "$src"/*.c "$src"/*.h; do
  from=$(module "$f")
  sed -n 's/^#include "\(mp-[^"]*\.h\)".*/\1/p' "$f" | while read -r h; do
    [ -f "$src/$h" ] || continue          # a header of the core
    to=$(module "$h")
    [ "$from" = "$to" ] || echo "$from $to"
  done
done | sort -u)

if out=$(echo "$edges" | tsort 2>&1 >/dev/null) && [ -z "$out" ]; then
  ok "the include graph of src/ui has no cycle ($(echo "$edges" | wc -l) edges)"
else
  not_ok "the include graph of src/ui has a cycle"
  echo "$out" | sed 's/^/# /'
fi

others=$(grep -l '#include "mp-window.h"' "$src"/*.c "$src"/*.h | xargs -n1 basename | grep -vxE 'mp-window\.(c|h)|mp-application\.c')
check "only the window and the application include mp-window.h (not: $(echo $others))" '[ -z "$others" ]'

tap_done
