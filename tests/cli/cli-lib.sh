# What the CLI test scripts share (sourced): a temporary folder, TAP
# lines, and checks of an exit status and of what was printed.
#   . "$(dirname "$0")/cli-lib.sh"; cli_setup "$@"
# sets CLI (the moteplass-cli under test) and tmp.

cli_setup () {
  CLI=${1:?usage: $0 MOTEPLASS_CLI}
  tmp=$(mktemp -d)
  trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
  n=0
  failed=0
}

ok () {  # ok DESCRIPTION COMMAND...
  local what=$1; shift
  n=$((n + 1))
  if "$@"; then echo "ok $n - $what"; else echo "not ok $n - $what"; failed=1; fi
}

status_is () {  # status_is EXPECTED COMMAND...: stdout and stderr kept in $tmp/out, $tmp/err
  local expected=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" != "$expected" ]; then
    echo "# expected exit $expected, got $got: ${*:0:3}…"; sed 's/^/# /' "$tmp/out" "$tmp/err" | cut -c1-200
    return 1
  fi
}

err_has () {  # err_has TEXT: standard error of the last status_is contains TEXT
  grep -qF -- "$1" "$tmp/err" || { echo "# no “$1” in:"; sed 's/^/#   /' "$tmp/err" | cut -c1-200; return 1; }
}

out_has () {  # out_has TEXT: standard output of the last status_is contains TEXT
  grep -qF -- "$1" "$tmp/out" || { echo "# no “$1” in:"; sed 's/^/#   /' "$tmp/out" | cut -c1-200; return 1; }
}

mode_is () {  # mode_is OCTAL PATH
  local got
  got=$(stat -c %a "$2")
  [ "$got" = "$1" ] || { echo "# $2 is $got, not $1"; return 1; }
}

cli_done () {
  echo "1..$n"
  exit $failed
}
