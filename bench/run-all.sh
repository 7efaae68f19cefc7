#!/usr/bin/env bash
# Runs every benchmark on this machine and prints their figures, with
# the machine they ran on. Copy the output into bench/RESULTS.md.
#   bench/run-all.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."

echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "# $(uname -sr), $(df -h --output=source,fstype . | tail -1)"
# On the real disk, not in memory: an fsync must cost what it costs.
export MP_BENCH_DIR=${MP_BENCH_DIR:-/var/tmp}

"$build/bench/bench-door"
"$build/bench/bench-import"
"$build/bench/bench-tickets"
