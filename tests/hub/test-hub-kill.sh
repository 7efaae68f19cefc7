#!/usr/bin/env bash
# A desk killed (SIGKILL) in the middle of a sync, again and again, at
# random moments: while desk A pushes imports and check-ins, and while
# desk B pulls them. Afterwards nothing is lost and nothing doubled: A, B
# and the hub hold the same rows, each once, and every check-in the door
# confirmed. Runs inside with-hub.sh; prints TAP.
set -uo pipefail

CLI=${MP_CLI:?MP_CLI names moteplass-cli}
KILLS=${MP_HUB_KILLS:-50}
. "$(dirname "$(realpath "$0")")/../tap.sh"
tap_tmpdir
psql_hub () { psql -X -q -tA -v ON_ERROR_STOP=1 "$@"; }
q () { sqlite3 "$1" "$2"; }
quiet () { "$@" >/dev/null; }

a=$tmp/a.db; b=$tmp/b.db
"$CLI" hub init >/dev/null
e=$("$CLI" --db "$a" event add --title "Frokostmøte" --kind frokostmøte --starts 2026-04-08T08:00)
batch () {  # batch N: a CSV of 25 new people
  echo "Fornavn;Etternavn;E-post;Organisasjon;Sektor"
  for i in $(seq 1 25); do echo "Navn$1x$i;Kill;k$1-$i@example.org;Org $((i % 7));Kommune"; done
}
batch 0 >"$tmp/0.csv"
"$CLI" --db "$a" import "$e" "$tmp/0.csv" >/dev/null
ok "desk A joins" quiet "$CLI" --db "$a" hub join --desk "Desk A"
ok "desk B joins" quiet "$CLI" --db "$b" hub join --desk "Desk B"

confirmed=0
kills=0
round=0
while [ "$kills" -lt "$KILLS" ] && [ "$round" -lt $((KILLS * 4)) ]; do
  round=$((round + 1))
  batch "$round" >"$tmp/r.csv"
  "$CLI" --db "$a" import "$e" "$tmp/r.csv" >/dev/null
  for token in $(q "$a" "SELECT token FROM registration ORDER BY random() LIMIT 4"); do
    "$CLI" --db "$a" checkin "$e" "MP1$token" --desk "Desk A" >/dev/null 2>&1
    [ $? = 0 ] && confirmed=$((confirmed + 1))
  done
  # kill the pushing desk or the pulling one, at a random moment
  if [ $((round % 2)) = 0 ]; then who=$a; else who=$b; fi
  "$CLI" --db "$who" hub sync >/dev/null 2>&1 &
  pid=$!
  sleep "0.0$((RANDOM % 6))$((RANDOM % 10))"
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null
done
echo "# $kills syncs killed in $round rounds, $confirmed check-ins confirmed"
ok "at least $KILLS syncs were killed" test "$kills" -ge "$KILLS"

ok "A syncs to the end" quiet "$CLI" --db "$a" hub sync
ok "B syncs to the end" quiet "$CLI" --db "$b" hub sync
ok "A has nothing waiting" equal 0 "$(q "$a" "SELECT count(*) FROM hub_change")"

people=$(( (round + 1) * 25 ))
ok "every registration on A, B and the hub, once" \
  equal "$people $people $people" \
  "$(q "$a" "SELECT count(DISTINCT uuid) FROM registration") $(q "$b" "SELECT count(DISTINCT uuid) FROM registration") $(psql_hub -c "SELECT count(*) FROM moteplass.row WHERE tbl = 'registration'")"
ok "… no row twice on B" equal "$people $people" "$(q "$b" "SELECT count(*) FROM registration") $(q "$b" "SELECT count(*) FROM person")"
ok "every confirmed check-in on A, B and the hub, once" \
  equal "$confirmed $confirmed $confirmed $confirmed" \
  "$(q "$a" "SELECT count(*) FROM checkin") $(q "$b" "SELECT count(*) FROM checkin") $(q "$b" "SELECT count(DISTINCT uuid) FROM checkin") $(psql_hub -c "SELECT count(*) FROM moteplass.row WHERE tbl = 'checkin'")"
ok "A and B hold the same check-ins" \
  equal "$(q "$a" "SELECT group_concat(uuid) FROM (SELECT uuid FROM checkin ORDER BY uuid)")" \
        "$(q "$b" "SELECT group_concat(uuid) FROM (SELECT uuid FROM checkin ORDER BY uuid)")"
ok "both files are sound" equal "ok ok" "$(q "$a" "PRAGMA integrity_check") $(q "$b" "PRAGMA integrity_check")"
ok "B's arrived count is A's" equal "$("$CLI" --db "$a" event show "$e" | grep Arrived)" "$("$CLI" --db "$b" event show 1 | grep Arrived)"

tap_done
