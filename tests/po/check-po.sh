#!/usr/bin/env bash
# The translations are whole: every file with translatable strings is in
# po/POTFILES; every po/*.po passes msgfmt --check (formats, plural forms,
# accelerators); Bokmål and Nynorsk have no untranslated or fuzzy message,
# also against a template made fresh from the sources now (so a string
# added to the code and not yet translated fails here).
# Prints TAP.
#
#   tests/po/check-po.sh [SOURCE_DIR]     (default: $MP_SOURCE_DIR)
set -uo pipefail

SRC=${1:-${MP_SOURCE_DIR:?usage: check-po.sh SOURCE_DIR}}
PO=$SRC/po
COMPLETE="nb nn"      # languages that must be 100 % translated
. "$(dirname "$(realpath "$0")")/../tap.sh"

for tool in msgfmt msgmerge msgattrib xgettext; do
  command -v "$tool" >/dev/null || { echo "1..0 # SKIP $tool is not installed"; exit 0; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

comment () { sed 's/^/# /' "$@"; }

linguas=$(sed -e 's/#.*//' "$PO/LINGUAS" | tr -s ' \t' '\n' | grep -v '^$')
grep -v -e '^#' -e '^[[:space:]]*$' "$PO/POTFILES" | sort > "$tmp/potfiles"

# -- POTFILES

potfiles_exist () {
  local missing=0
  while read -r f; do
    [ -f "$SRC/$f" ] || { echo "# listed but not there: $f"; missing=1; }
  done < "$tmp/potfiles"
  return $missing
}
ok "every file in po/POTFILES exists" potfiles_exist

# What has translatable strings: C files that call the glib gettext
# macros, .ui files with translatable="yes", the .in files of data/ and a
# settings schema with a gettext domain.
potfiles_complete () {
  (
    cd "$SRC" || exit 1
    grep -l -E '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|g_dcgettext|g_dpgettext2)[[:space:]]*\(' \
      src/*/*.c 2>/dev/null
    grep -rl --include='*.ui' 'translatable="yes"' ui 2>/dev/null
    ls data/*.desktop.in data/*.metainfo.xml.in 2>/dev/null
    grep -l 'gettext-domain=' data/*.gschema.xml 2>/dev/null
  ) | sort -u > "$tmp/marked"
  comm -23 "$tmp/marked" "$tmp/potfiles" > "$tmp/unlisted"
  [ -s "$tmp/unlisted" ] && { echo "# has translatable strings but is not in po/POTFILES:"; comment "$tmp/unlisted"; return 1; }
  return 0
}
ok "po/POTFILES lists every file with translatable strings" potfiles_complete

# -- a fresh template, made the way meson's i18n.gettext(preset: 'glib') does

fresh_pot () {  # fresh_pot [FILE-LIST OUTPUT]
  xgettext --package-name=moteplass -D "$SRC" -f "${1:-$tmp/potfiles}" -o "${2:-$tmp/moteplass.pot}" \
    --from-code=UTF-8 --add-comments \
    --keyword=_ --keyword=N_ --keyword=NA_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
    --flag=N_:1:pass-c-format --flag=NA_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
    --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
    --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
    --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
    --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
    --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
    --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
    2>"$tmp/xgettext.err"
  local rc=$?
  # xgettext warns where a G_GINT64_FORMAT inside _() cut a msgid short
  [ -s "$tmp/xgettext.err" ] && comment "$tmp/xgettext.err"
  return $rc
}
ok "xgettext makes a template from po/POTFILES" fresh_pot
[ -f "$tmp/moteplass.pot" ] || : > "$tmp/moteplass.pot"

# xgettext cannot see through a macro such as G_GINT64_FORMAT inside _():
# the msgid stops at the macro and the string is never translated. Known,
# needs a source change ("%" PRId64 from <inttypes.h>, which xgettext
# understands, or the number formatted apart), so it is a TODO, not a
# failure, until then.
n=$((n + 1))
if grep -q 'ends in the middle of a directive' "$tmp/xgettext.err" 2>/dev/null; then
  echo "not ok $n - no msgid is cut short by a format macro # TODO $(grep -c 'ends in the middle of a directive' "$tmp/xgettext.err") strings use G_GINT64_FORMAT inside _()"
else
  echo "ok $n - no msgid is cut short by a format macro"
fi

# -- every language

stats () {  # stats FILE.po -> "N translated messages, ..." (msgfmt prints it on stderr)
  msgfmt --statistics -o /dev/null "$1" 2>&1
}

checks () {  # checks FILE.po
  if ! msgfmt --check --check-accelerators=_ -o /dev/null "$1" 2>"$tmp/msgfmt.err"; then
    comment "$tmp/msgfmt.err"
    return 1
  fi
}

complete () {  # complete FILE.po: no untranslated, no fuzzy message
  local s
  s=$(stats "$1")
  echo "# $(basename "$1"): $s"
  case $s in
    *untranslated*|*fuzzy*)
      msgattrib --untranslated --no-obsolete --no-wrap "$1" 2>/dev/null \
        | grep '^msgid ' | grep -v '^msgid ""$' | head -n 40 | sed 's/^/#   untranslated: /'
      msgattrib --only-fuzzy --no-obsolete --no-wrap "$1" 2>/dev/null \
        | grep '^msgid ' | grep -v '^msgid ""$' | head -n 40 | sed 's/^/#   fuzzy: /'
      return 1 ;;
  esac
  return 0
}

plural_header () {  # plural_header FILE.po
  grep -q '^"Plural-Forms: nplurals=2; plural=(n != 1);\\n"$' "$1" ||
    { echo "# $(basename "$1"): expected Plural-Forms: nplurals=2; plural=(n != 1);"; return 1; }
}

for lang in $linguas; do
  file=$PO/$lang.po
  ok "po/$lang.po exists (listed in po/LINGUAS)" test -f "$file"
  [ -f "$file" ] || continue
  ok "po/$lang.po passes msgfmt --check" checks "$file"

  if [[ " $COMPLETE " == *" $lang "* ]]; then
    ok "po/$lang.po has the nb/nn plural forms" plural_header "$file"
    ok "po/$lang.po is complete: nothing untranslated or fuzzy" complete "$file"
    msgmerge -q -o "$tmp/$lang.po" "$file" "$tmp/moteplass.pot" 2>/dev/null ||
      cp "$file" "$tmp/$lang.po"
    ok "po/$lang.po has every string of the sources as they are now" complete "$tmp/$lang.po"
    ok "po/$lang.po merged with the fresh template passes msgfmt --check" checks "$tmp/$lang.po"
  else
    echo "# $lang.po: $(stats "$file")"
  fi
done

# -- Ukrainian and Arabic: not whole, but everything an attendee reads:
# the kiosk and its walk-in form, the answers to a scan, tickets and
# badges, sectors, event kinds, dates. The widgets the desk shares with
# the kiosk mark the attendee's words with NA_ (src/ui/mp-audience.h):
# from them, only those.
ATTENDEE_LANGS="uk ar"
printf '%s\n' src/ui/mp-kiosk-view.c src/ui/mp-kiosk-window.c ui/mp-kiosk-view.ui ui/mp-kiosk-window.ui \
  src/core/mp-check-in-result.c src/core/mp-ticket-render.c src/core/mp-time.c src/core/mp-enums.c \
  src/core/mp-sector.c \
  > "$tmp/attendee-files"
attendee_pot () {
  fresh_pot "$tmp/attendee-files" "$tmp/attendee-whole.pot" &&
  xgettext --package-name=moteplass -D "$SRC" -o "$tmp/attendee-shared.pot" --from-code=UTF-8 \
    --add-comments -k --keyword=NA_ --flag=NA_:1:pass-c-format \
    src/ui/mp-check-in-answer.c src/ui/mp-check-in-answer-table.c src/ui/mp-walk-in-form.c &&
  msgcat --use-first -o "$tmp/attendee.pot" "$tmp/attendee-whole.pot" "$tmp/attendee-shared.pot"
}
ok "xgettext makes a template of what attendees read" attendee_pot
for lang in $ATTENDEE_LANGS; do
  [ -f "$PO/$lang.po" ] || continue
  msgmerge -q -o "$tmp/$lang-attendee.po" "$PO/$lang.po" "$tmp/attendee.pot" 2>/dev/null ||
    cp "$PO/$lang.po" "$tmp/$lang-attendee.po"
  ok "po/$lang.po translates everything an attendee reads (kiosk, scan answers, tickets, dates)" \
    complete "$tmp/$lang-attendee.po"
done

tap_done
