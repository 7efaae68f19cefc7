#!/usr/bin/env bash
# The translations reach the user: with LANGUAGE=nb or nn, moteplass-cli
# answers in Bokmål or Nynorsk from the .mo files meson built
# (MP_LOCALEDIR=build/po, where they are build/po/LANG/LC_MESSAGES/
# moteplass.mo): the help, an event's date and time, and the answers of a
# check-in. English stays English.
#
# LC_ALL=C.UTF-8 is enough: glibc (2.35 and later, Debian 12 has 2.36)
# has C.UTF-8 built in, and gettext honours LANGUAGE under any locale but
# plain "C"/"POSIX". No nb_NO or nn_NO locale needs to be generated.
# Prints TAP.
#
#   tests/po/test-translations.sh MOTEPLASS_CLI     (needs MP_LOCALEDIR)
set -uo pipefail

CLI=${1:?usage: test-translations.sh MOTEPLASS_CLI}
LOCALEDIR=${MP_LOCALEDIR:?MP_LOCALEDIR must point at the built .mo files (build/po)}
export TZ=Europe/Oslo LC_ALL=C.UTF-8 MP_LOCALEDIR=$LOCALEDIR
unset LANG LC_MESSAGES
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$(realpath "$0")")/../tap.sh"

run () {  # run LANGUAGE EXPECTED_STATUS ARGS...: moteplass-cli, output in $tmp/out, $tmp/err
  local lang=$1 expected=$2; shift 2
  LANGUAGE=$lang "$CLI" "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" != "$expected" ]; then
    echo "# expected exit $expected, got $got: LANGUAGE=$lang moteplass-cli $*"
    sed 's/^/# /' "$tmp/out" "$tmp/err"
    return 1
  fi
}

has () {  # has FILE LINE: FILE has LINE, whole and exact
  grep -qxF -- "$2" "$1" && return 0
  echo "# expected the line: $2"
  sed 's/^/#   got: /' "$1"
  return 1
}

has_re () {  # has_re FILE REGEX: a whole line of FILE matches REGEX
  grep -qx -- "$2" "$1" && return 0
  echo "# expected a line like: $2"
  sed 's/^/#   got: /' "$1"
  return 1
}

# lang | usage | weekday | welcome | already checked in | not a ticket | unknown verb | kind
check_language () {
  local lang=$1 usage=$2 tuesday=$3 welcome=$4 already=$5 not_ticket=$6 unknown=$7
  local db=$tmp/$lang.db token

  ok "$lang: $lang/LC_MESSAGES/moteplass.mo is built in MP_LOCALEDIR" \
    test -f "$LOCALEDIR/$lang/LC_MESSAGES/moteplass.mo"

  ok "$lang: --help runs" run "$lang" 0 --help
  ok "$lang: the help is translated" has "$tmp/out" "$usage"

  ok "$lang: event add" run "$lang" 0 --db "$db" event add --title "Dialogmøte om frivillighet" \
    --kind dialogmøte --starts 2022-03-08T09:00 --ends 2022-03-08T11:30 --venue Fylkeshuset
  ok "$lang: the event starts at 1646726400 (09:00 in Oslo)" \
    bash -c "LANGUAGE=$lang '$CLI' --db '$db' --json event show 1 | grep -qF '\"starts_at\" : \"2022-03-08T09:00:00+01:00\"'"
  ok "$lang: event show" run "$lang" 0 --db "$db" event show 1
  ok "$lang: mp_time_format_long (1646726400) is \"$tuesday 8. mars 2022 kl. 09.00\"" \
    has "$tmp/out" "Start: $tuesday 8. mars 2022 kl. 09.00"
  ok "$lang: the end reads \"kl. 11.30\"" has "$tmp/out" "Slutt: $tuesday 8. mars 2022 kl. 11.30"
  ok "$lang: the kind of event is translated" has "$tmp/out" "Type: Dialogmøte"

  ok "$lang: register" run "$lang" 0 --db "$db" register 1 --name "Kari Nordmann" --organisation "NAV Vestland"
  token=$(cut -f2 "$tmp/out")

  ok "$lang: checkin checks in (exit 0)" run "$lang" 0 --db "$db" checkin 1 "$token" --desk "Inngang 2"
  ok "$lang: and welcomes in $lang" has "$tmp/out" "$welcome"
  ok "$lang: a second scan answers already (exit 3)" run "$lang" 3 --db "$db" checkin 1 "$token" --desk "Inngang 1"
  ok "$lang: and says when and where, the Norwegian way" has_re "$tmp/out" "$already"
  ok "$lang: a shop barcode is not a ticket (exit 4)" run "$lang" 4 --db "$db" checkin 1 7038010013690
  ok "$lang: and says so in $lang" has "$tmp/out" "$not_ticket"

  ok "$lang: an unknown verb exits 2" run "$lang" 2 --db "$db" frobnicate
  ok "$lang: and is explained in $lang" has "$tmp/err" "moteplass-cli: $unknown"
}

check_language nb \
  "Bruk: moteplass-cli [--db FIL] [--json] KOMMANDO [ARGUMENTER…]" \
  tirsdag \
  "Velkommen, Kari Nordmann (NAV Vestland)" \
  "Kari Nordmann er allerede sjekket inn kl\. [0-2][0-9]\.[0-5][0-9] (Inngang 2)" \
  "Dette er ikke en Møteplass-billett" \
  "Ukjent kommando. «moteplass-cli --help» viser alle."

check_language nn \
  "Bruk: moteplass-cli [--db FIL] [--json] KOMMANDO [ARGUMENT…]" \
  tysdag \
  "Velkomen, Kari Nordmann (NAV Vestland)" \
  "Kari Nordmann er allereie sjekka inn kl\. [0-2][0-9]\.[0-5][0-9] (Inngang 2)" \
  "Dette er ikkje ein Møteplass-billett" \
  "Ukjend kommando. «moteplass-cli --help» viser alle."

# The source language is untouched by all this.
db=$tmp/en.db
ok "en: --help is English" run en 0 --help
ok "en: the usage line" has "$tmp/out" "Usage: moteplass-cli [--db FILE] [--json] VERB [ARGUMENTS…]"
ok "en: event add" run en 0 --db "$db" event add --title "Dialogue meeting" --starts 2022-03-08T09:00
ok "en: event show" run en 0 --db "$db" event show 1
ok "en: the date is English" has "$tmp/out" "Starts: Tuesday 8 March 2022 at 09:00"

tap_done
