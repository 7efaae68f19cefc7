# tap.sh: TAP for the shell tests, sourced (never run), by the CLI, print,
# po and UI scripts alike:
#
#   . "$(dirname "$(realpath "$0")")/../tap.sh"
#   ok "the event is listed" grep -q Dialogmøte "$tmp/out"
#   ...
#   tap_done
#
#   ok DESCRIPTION [COMMAND...]  a test that passes when COMMAND (run as
#                                given) succeeds, or with no command
#   not_ok DESCRIPTION           a test that failed; calls tap_diagnose
#                                (if the script defines it) to say why
#   check DESCRIPTION 'COMMAND'  passes when the command string (eval'd)
#                                succeeds
#   skip DESCRIPTION [WHY]       a test skipped
#   need TOOL...                 skips the whole script ("1..0 # SKIP")
#                                when a tool is not installed
#   tap_tmpdir                   a temporary folder in $tmp, removed on
#                                exit (made writable first); a script
#                                with its own EXIT trap makes $tmp itself
#   status_is EXPECTED COMMAND…  COMMAND's exit status is EXPECTED; its
#                                output is kept in $tmp/out and $tmp/err
#   out_is EXPECTED              the last status_is printed EXPECTED, exactly
#   out_has TEXT, err_has TEXT   its standard output (error) contains TEXT
#   said TEXT, not_said TEXT     either of the two has (has not) TEXT
#   equal EXPECTED GOT           the two strings are the same
#   mode_is OCTAL PATH           the file's permissions are OCTAL
#   tap_done                     the plan, and the exit status (1 when
#                                anything failed)
# The count is in $n; $failed is 1 once a test failed.

n=0
failed=0

ok () {
  local what=$1; shift
  if [ $# -eq 0 ] || "$@"; then
    n=$((n + 1))
    echo "ok $n - $what"
  else
    not_ok "$what"
  fi
}

not_ok () {
  n=$((n + 1))
  failed=1
  echo "not ok $n - $1"
  if declare -F tap_diagnose >/dev/null; then tap_diagnose; fi
}

check () { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

skip () { n=$((n + 1)); echo "ok $n - $1 # SKIP ${2:-}"; }

need () {
  local tool
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null; then
      echo "1..0 # SKIP $tool is not installed"
      exit 0
    fi
  done
}

tap_tmpdir () {
  tmp=$(mktemp -d)
  trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
}

# Diagnostics are cut at 200 characters a line: some tests pass
# arguments of 100,000.
status_is () {
  local expected=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" != "$expected" ]; then
    echo "# expected exit $expected, got $got: $*" | cut -c1-200
    sed 's/^/# /' "$tmp/out" "$tmp/err" | cut -c1-200
    return 1
  fi
}

out_is () {
  if [ "$(cat "$tmp/out")" != "$1" ]; then
    echo "# expected:"; printf '%s\n' "$1" | sed 's/^/#   /'
    echo "# got:"; sed 's/^/#   /' "$tmp/out"
    return 1
  fi
}

out_has () {
  grep -qF -- "$1" "$tmp/out" || { echo "# no “$1” in:"; sed 's/^/#   /' "$tmp/out" | cut -c1-200; return 1; }
}

err_has () {
  grep -qF -- "$1" "$tmp/err" || { echo "# no “$1” in:"; sed 's/^/#   /' "$tmp/err" | cut -c1-200; return 1; }
}

said () {
  grep -qF -- "$1" "$tmp/out" "$tmp/err" && return 0
  echo "# expected to see: $1"; sed 's/^/#   /' "$tmp/out" "$tmp/err"
  return 1
}

not_said () {
  grep -qF -- "$1" "$tmp/out" "$tmp/err" || return 0
  echo "# did not expect: $1"; sed 's/^/#   /' "$tmp/out" "$tmp/err"
  return 1
}

equal () {
  [ "$1" = "$2" ] || { echo "# expected “$1”, got “$2”"; return 1; }
}

mode_is () {
  local got
  got=$(stat -c %a "$2")
  [ "$got" = "$1" ] || { echo "# $2 has mode $got, not $1"; return 1; }
}

tap_done () {
  echo "1..$n"
  exit $failed
}
