#!/usr/bin/env bash
# The hub's figures, against a throw-away PostgreSQL 15 on this machine
# (pg_virtualenv, through tests/hub/with-hub.sh):
#   propagation  a check-in at desk A until desk B has it (and would
#                answer "already"): p50/p99 over 1,000 check-ins
#   load         20 desk processes, 2 scans a second each for 60 s:
#                the door's latency, and every check-in's lag to every
#                other desk
#   join         a new desk joining a hub with 100,000 registrations,
#                until it has checked someone in
#   bench/bench-hub.sh [BUILD_DIR] [all|propagation|load|join] [DESKS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
what=${2:-all}
desks=${3:-20}
seconds=${4:-60}

if [ -z "${MP_BENCH_IN_HUB:-}" ]; then
  # fsync on, as a real hub has it
  exec env MP_BENCH_IN_HUB=1 MP_HUB_FSYNC=on tests/hub/with-hub.sh "$0" "$@"
fi

build=$(cd "$build" && pwd)
CLI=$build/src/cli/moteplass-cli
DESK=$build/bench/bench-hub-desk
dir=$(mktemp -d "${MP_BENCH_DIR:-/var/tmp}/moteplass-hub-bench-XXXXXX")
trap 'rm -rf "$dir"' EXIT

echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

csv () {  # csv N: N generated registrations
  /usr/bin/python3 - "$1" <<'PY'
import sys
n = int(sys.argv[1])
print("Fornavn;Etternavn;E-post;Organisasjon;Sektor")
sectors = ["Kommune", "NAV", "Frivillig organisasjon", "Næringsliv", "Annet"]
for i in range(n):
    print(f"Navn{i};Etternavnsen{i % 977};p{i}@example.org;Organisasjon {i % 1500};{sectors[i % 5]}")
PY
}

stats () {  # stats LABEL UNIT < numbers (µs)
  /usr/bin/python3 -c '
import sys
label, unit = sys.argv[1], sys.argv[2]
v = sorted(float(x) for x in sys.stdin if x.strip())
if not v:
    print(f"{label}: no samples"); sys.exit()
q = lambda p: v[min(len(v) - 1, int(p * len(v)))]
div = 1000.0 if unit == "ms" else 1.0
print(f"{label}: n={len(v)} median={q(0.5)/div:.2f}{unit} p99={q(0.99)/div:.2f}{unit} max={v[-1]/div:.2f}{unit}")
' "$1" "$2"
}

door_figures () {  # door_figures SCAN_FILES… LABEL
  local label=${*: -1}
  local files=("${@:1:$#-1}")
  cat "${files[@]}" | cut -f1 | stats "  door, $label: wall" ms
  cat "${files[@]}" | cut -f2 | stats "  door, $label: its own CPU" ms
  cat "${files[@]}" | awk -F'\t' '$3 == 1 { n++; print $1 > "/dev/stderr" } END { printf "  door, %s: %d scans waited for the worker'"'"'s write lock\n", "'"$label"'", n }' 2>"$dir/waited"
  [ -s "$dir/waited" ] && stats "    those scans: wall" ms <"$dir/waited" || true
}

lags () {  # lags PREFIX…: µs from a check-in committed at one desk
           # (PREFIX.commit) until each other desk had it (PREFIX.seen)
  /usr/bin/python3 -c '
import sys
prefixes = sys.argv[1:]
commits = {}
for p in prefixes:
    for line in open(p + ".commit"):
        u, t = line.split()
        commits[u] = (p, int(t))
missing = 0
for p in prefixes:
    seen = {}
    for line in open(p + ".seen"):
        u, t = line.split()
        seen[u] = int(t)
    for u, (origin, t) in commits.items():
        if origin == p:
            continue
        if u in seen:
            print(seen[u] - t)
        else:
            missing += 1
print("missing", missing, file=sys.stderr)
' "$@"
}

if [ "$what" = all ] || [ "$what" = propagation ]; then
  "$CLI" hub init "dbname=postgres" >/dev/null
  csv 2000 >"$dir/p.csv"
  e=$("$CLI" --db "$dir/pa.db" event add --title "Propagation" --kind konferanse --starts 2026-06-01T09:00)
  "$CLI" --db "$dir/pa.db" import "$e" "$dir/p.csv" >/dev/null
  "$CLI" --db "$dir/pa.db" hub join "dbname=postgres" --desk "Desk A" >/dev/null
  "$CLI" --db "$dir/pb.db" hub join "dbname=postgres" --desk "Desk B" >/dev/null
  "$DESK" "$dir/pb.db" "Desk B" 0 40 "$dir/pb" &
  watcher=$!
  # 1,000 different tickets at desk A, 25 a second
  "$DESK" "$dir/pa.db" "Desk A" 25 45 "$dir/pa" 1000
  kill "$watcher" 2>/dev/null || true
  wait "$watcher" 2>/dev/null || true
  echo "propagation: a check-in at desk A until desk B has it"
  touch "$dir/pb.commit" "$dir/pa.seen"
  lags "$dir/pa" "$dir/pb" 2>"$dir/missing" | stats "  A to B" ms
  echo "  $(cat "$dir/missing") of $(wc -l <"$dir/pa.commit") check-ins"
fi

if [ "$what" = all ] || [ "$what" = load ]; then
  psql -X -q -c "CREATE DATABASE load" postgres
  "$CLI" hub init "dbname=load" >/dev/null
  csv 5000 >"$dir/l.csv"
  e=$("$CLI" --db "$dir/l1.db" event add --title "Load" --kind konferanse --starts 2026-06-01T09:00)
  "$CLI" --db "$dir/l1.db" import "$e" "$dir/l.csv" >/dev/null
  "$CLI" --db "$dir/l1.db" hub join "dbname=load" --desk "Desk 1" >/dev/null
  for i in $(seq 2 "$desks"); do
    "$CLI" --db "$dir/l$i.db" hub join "dbname=load" --desk "Desk $i" >/dev/null
  done
  echo "load: $desks desks, 2 scans a second each for $seconds s, one hub"
  # the same desks alone first (no worker, no hub): what this machine
  # gives the door under 20 processes anyway
  for round in alone hub; do
    pids=()
    for i in $(seq 1 "$desks"); do
      if [ $round = alone ]; then
        MP_BENCH_NO_HUB=1 "$DESK" "$dir/l$i.db" "Desk $i" 2 "$seconds" "$dir/alone$i" &
      else
        "$DESK" "$dir/l$i.db" "Desk $i" 2 "$seconds" "$dir/l$i" &
      fi
      pids+=($!)
    done
    sleep 5
    echo "  ($round) load average during the run: $(cut -d' ' -f1-3 /proc/loadavg)"
    wait "${pids[@]}"
    if [ $round = alone ]; then
      door_figures "$dir"/alone*.scan "the desks alone (no hub)"
      # what they admitted alone goes to the hub before the measured run
      for i in $(seq 1 "$desks"); do "$CLI" --db "$dir/l$i.db" hub sync >/dev/null; done
      for i in $(seq 1 "$desks"); do "$CLI" --db "$dir/l$i.db" hub sync >/dev/null; done
    fi
  done
  door_figures $(for i in $(seq 1 "$desks"); do echo "$dir/l$i.scan"; done) "the desks syncing with the hub"
  lags $(for i in $(seq 1 "$desks"); do echo "$dir/l$i"; done) 2>"$dir/missing" | stats "  lag, check-in at one desk until each other desk has it" ms
  echo "  $(cat "$dir/missing") (desk, check-in) pairs never arrived, of $(cat "$dir"/l*.commit | wc -l) check-ins x $((desks - 1)) desks"
fi

if [ "$what" = all ] || [ "$what" = join ]; then
  psql -X -q -c "CREATE DATABASE big" postgres
  "$CLI" hub init "dbname=big" >/dev/null
  csv 100000 >"$dir/big.csv"
  e=$("$CLI" --db "$dir/big.db" event add --title "Big" --kind konferanse --starts 2026-06-01T09:00)
  "$CLI" --db "$dir/big.db" import "$e" "$dir/big.csv" >/dev/null
  t0=$(date +%s.%N)
  "$CLI" --db "$dir/big.db" hub join "dbname=big" --desk "Office" >/dev/null
  t1=$(date +%s.%N)
  token=$(sqlite3 "$dir/big.db" "SELECT token FROM registration ORDER BY id DESC LIMIT 1")
  t2=$(date +%s.%N)
  "$CLI" --db "$dir/new.db" hub join "dbname=big" --desk "New desk" >"$dir/join.out"
  t3=$(date +%s.%N)
  "$CLI" --db "$dir/new.db" checkin 1 "MP1$token" --desk "New desk" >/dev/null
  t4=$(date +%s.%N)
  echo "join: a hub with 100,000 registrations"
  /usr/bin/python3 -c "import sys; t0,t1,t2,t3,t4=[float(x) for x in sys.argv[1:]]; print(f'  the office pushes it all: {t1-t0:.1f} s'); print(f'  a new desk joins: {t3-t2:.2f} s; its first check-in {1000*(t4-t3):.0f} ms; join to checked in {t4-t2:.2f} s')" "$t0" "$t1" "$t2" "$t3" "$t4"
  sed 's/^/  /' "$dir/join.out"
fi
