#!/bin/sh
# Runs every libFuzzer target for a while (make fuzz).
#
#   FUZZ_SECONDS  seconds per target (default 60)
#   FUZZ_BUILDDIR clang build folder (default build-fuzz)
#   FUZZ_JOBS     parallel fuzzing processes per target (default 1)
#
# Seeds come from tests/fuzz/corpus/NAME; what libFuzzer finds on the
# way is kept in fuzz-out/NAME/corpus for the next run, and inputs that
# crash are saved in fuzz-out/NAME/ (crash-*, leak-*, timeout-*).
# Exits non-zero if any target crashed.
set -eu

srcdir=$(cd "$(dirname "$0")/../.." && pwd)
builddir=${FUZZ_BUILDDIR:-"$srcdir/build-fuzz"}
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-1}
outdir="$srcdir/fuzz-out"
mkdir -p "$outdir"

if ! command -v clang >/dev/null 2>&1; then
  echo "run-fuzzers: clang is needed (apt install clang libclang-rt-14-dev)" >&2
  exit 2
fi

# Warnings are the gcc build's job; clang warns about a few other
# things (an unused g_autofree), which must not stop the fuzzing.
if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" "$srcdir" \
    -Dfuzz=true -Dgui=false -Dwerror=false \
    -Db_sanitize=address,undefined -Db_lundef=false \
    --buildtype=debugoptimized
fi
ninja -C "$builddir" tests/fuzz/fuzz-csv tests/fuzz/fuzz-ticket-parse tests/fuzz/fuzz-xlsx tests/fuzz/fuzz-migrate

# Stop at the first report, with a stack; leaks count.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1}"
export G_DEBUG=fatal-criticals
export LC_ALL=C.UTF-8 LANGUAGE=en

# -jobs makes libFuzzer write fuzz-N.log files in the current folder.
parallel=""
if [ "$jobs" -gt 1 ]; then
  parallel="-jobs=$jobs -workers=$jobs"
  cd "$outdir"
fi

status=0
for pair in fuzz-csv:csv fuzz-ticket-parse:ticket fuzz-xlsx:xlsx fuzz-migrate:migrate; do
  target=${pair%%:*}
  corpus=${pair#*:}
  mkdir -p "$outdir/$target/corpus"
  echo "run-fuzzers: $target for ${seconds}s"
  if ! "$builddir/tests/fuzz/$target" \
      -max_total_time="$seconds" \
      -max_len=65536 \
      -timeout=10 \
      -rss_limit_mb=2048 \
      $parallel \
      -print_final_stats=1 \
      -artifact_prefix="$outdir/$target/" \
      "$outdir/$target/corpus" "$srcdir/tests/fuzz/corpus/$corpus"; then
    echo "run-fuzzers: $target FAILED; see $outdir/$target/" >&2
    status=1
  fi
done

exit $status
