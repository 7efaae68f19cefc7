#!/usr/bin/env bash
# moteplass-cli killed (SIGKILL) at random moments, at least 50 times
# while it is at work, and what it leaves:
#   test-kill.sh MOTEPLASS_CLI checkin  every check-in the CLI reported as
#                                       done is in the database exactly once
#                                       (0 lost, 0 doubled)
#   test-kill.sh MOTEPLASS_CLI backup   no temporary file survives the next
#                                       backup; the database is intact and in
#                                       WAL mode; the backup, when there, whole
#   test-kill.sh MOTEPLASS_CLI import   all or nothing: after the next
#                                       open, an event has none or every
#                                       row of the file, and nothing of it
#                                       is half there (people, phones, counts)
#   test-kill.sh MOTEPLASS_CLI erase    a person is intact or wholly erased,
#                                       never half; the next open wipes the
#                                       erased ones' traces from the files
# The delay before the kill is random, from 0 to as long as one run takes
# uninterrupted (measured first), so that most kills land while it works.
# Prints TAP.
set -uo pipefail
. "$(dirname "$(realpath "$0")")/../tap.sh"
CLI=${1:?usage: test-kill.sh MOTEPLASS_CLI}
tap_tmpdir
mode=${2:?usage: test-kill.sh MOTEPLASS_CLI checkin|backup|import|erase}
db=$tmp/m.db
want_kills=${MP_TEST_KILLS:-50}

need sqlite3

now_ms () { echo $(( $(date +%s%N) / 1000000 )); }
sql () { sqlite3 -batch -noheader "$db" "$1"; }
journal_mode () { /usr/bin/python3 -c 'import sys; d=open(sys.argv[1],"rb").read(20); print({1:"delete",2:"wal"}.get(d[18]))' "$1"; }

# run_killed MAX_MS COMMAND...: runs it, SIGKILLs it after 0..MAX_MS ms;
# sets $status (137 when the kill landed while it was running).
run_killed () {
  local max=$1; shift
  "$@" >"$tmp/run-out" 2>"$tmp/run-err" &
  local pid=$!
  sleep "$(printf '0.%03d' $((RANDOM % (max + 1))))"
  kill -KILL "$pid" 2>/dev/null
  { wait "$pid"; } 2>/dev/null
  status=$?
}

# how long one uninterrupted run takes, in ms (the slowest of three)
measure () {
  local slowest=5 a b
  for _ in 1 2 3; do
    a=$(now_ms); "$@" >/dev/null 2>&1; b=$(now_ms)
    [ $((b - a)) -gt "$slowest" ] && slowest=$((b - a))
  done
  [ "$slowest" -gt 999 ] && slowest=999
  echo "$slowest"
}

people () {  # people N: a CSV of N registrations
  echo "Navn,E-post"
  for i in $(seq 1 "$1"); do echo "Deltaker $i,deltaker$i@kommune.no"; done
}

"$CLI" --db "$db" event add --title "Dialogmøte" --starts 2026-03-08T09:00 >/dev/null

case $mode in
checkin)
  people 400 >"$tmp/people.csv"
  "$CLI" --db "$db" import 1 "$tmp/people.csv" >/dev/null
  mapfile -t tickets < <(sql "SELECT token FROM registration ORDER BY id")
  "$CLI" --db "$db" checkin 1 "MP1${tickets[0]}" >/dev/null  # warm the page cache
  max=$(measure "$CLI" --db "$db" checkin 1 "MP1${tickets[0]}")
  echo "# one check-in takes up to $max ms"

  kills=0 reported=0 lost=0 wrong=0 tried=0
  for ((i = 1; i < ${#tickets[@]} && kills < want_kills; i++)); do
    ticket=MP1${tickets[$i]}
    tried=$((tried + 1))
    run_killed "$max" "$CLI" --db "$db" checkin 1 "$ticket" --desk "Desk $i"
    [ "$status" = 137 ] && kills=$((kills + 1))
    [ "$status" = 0 ] && reported=$((reported + 1))
    # the same ticket again, to the end: "already" if and only if the
    # killed run committed; a run that said "Welcome" must have
    "$CLI" --db "$db" checkin 1 "$ticket" --desk "Again" >/dev/null 2>&1
    again=$?
    if [ "$status" = 0 ] && [ "$again" != 3 ]; then lost=$((lost + 1)); fi
    if [ "$again" != 0 ] && [ "$again" != 3 ]; then wrong=$((wrong + 1)); fi
  done
  echo "# $tried check-ins, $kills killed while running, $reported finished first"
  ok "at least $want_kills check-ins were killed while running" test "$kills" -ge "$want_kills"
  ok "no check-in reported as done was lost" test "$lost" = 0
  ok "every retry answered checked in or already" test "$wrong" = 0
  ok "no registration is checked in twice" \
    test -z "$(sql "SELECT registration_id FROM checkin WHERE undoes IS NULL GROUP BY registration_id HAVING count(*) > 1")"
  ok "every ticket tried is checked in once" \
    test "$(sql "SELECT count(DISTINCT registration_id) FROM checkin WHERE undoes IS NULL")" = $((tried + 1))
  ok "the audit log has one check-in per check-in" \
    test "$(sql "SELECT count(*) FROM audit_log WHERE action = 'check-in'")" = "$(sql "SELECT count(*) FROM checkin")"
  ok "the database passes its integrity check" test "$(sql "PRAGMA integrity_check")" = ok
  ;;

backup)
  people 4000 >"$tmp/people.csv"
  "$CLI" --db "$db" import 1 "$tmp/people.csv" >/dev/null
  mkdir "$tmp/backups"
  dest=$tmp/backups/copy.db
  max=$(measure "$CLI" --db "$db" backup "$dest")
  echo "# one backup of $(stat -c %s "$db") bytes takes up to $max ms"
  rm -f "$dest"

  # A few sealed backups too: killed, they leave their plain copy
  # beside the database, which the next backup must remove as well.
  export MOTEPLASS_PASSPHRASE="korrekt hest batteri stift"
  max_sealed=$(measure "$CLI" --db "$db" backup --encrypt "$tmp/backups/sealed.mpb")
  echo "# a sealed one takes up to $max_sealed ms"
  sealed_kills=0
  for _ in $(seq 1 20); do
    [ "$sealed_kills" -ge 10 ] && break
    run_killed "$max_sealed" "$CLI" --db "$db" backup --encrypt "$tmp/backups/sealed.mpb"
    [ "$status" = 137 ] && sealed_kills=$((sealed_kills + 1))
  done

  kills=0 tried=0 torn=0
  while [ "$kills" -lt "$want_kills" ] && [ "$tried" -lt $((want_kills * 4)) ]; do
    tried=$((tried + 1))
    run_killed "$max" "$CLI" --db "$db" backup "$dest"
    [ "$status" = 137 ] && kills=$((kills + 1))
    # whatever is at the destination is a whole backup, never half of one
    # (read as immutable: a reader of a WAL file would leave -wal and -shm)
    if [ -e "$dest" ] && [ "$(sqlite3 "file:$dest?immutable=1" "PRAGMA quick_check" 2>&1)" != ok ]; then
      torn=$((torn + 1))
    fi
  done
  # anything but the backups themselves, the database and this script's
  # own files is a leftover, whatever its name
  leftovers () {
    { ls -A "$tmp/backups" | grep -vx 'copy\.db\|sealed\.mpb'
      ls -A "$tmp" | grep -vx 'backups\|m\.db\|m\.db-wal\|m\.db-shm\|people\.csv\|run-out\|run-err\|out\|err'; } || true
  }
  left=$(leftovers | wc -l)
  echo "# $tried backups, $kills killed while running (and $sealed_kills sealed ones); $left temporary files left"
  ok "at least $want_kills backups were killed while running" test "$kills" -ge "$want_kills"
  ok "… and at least 5 sealed ones" test "$sealed_kills" -ge 5
  ok "the destination was never a torn backup" test "$torn" = 0
  ok "the next backup succeeds" status_is 0 "$CLI" --db "$db" backup "$dest"
  ok "… and no temporary file survives it" test -z "$(leftovers)"
  leftovers | sed "s/^/# left: /"
  ok "the backup is whole" test "$(sqlite3 "file:$dest?immutable=1" "SELECT count(*) FROM registration")" = 4000
  ok "the database passes its integrity check" test "$(sql "PRAGMA integrity_check")" = ok
  ok "… and is in WAL mode" test "$(journal_mode "$db")" = wal
  ok "… with every registration" test "$(sql "SELECT count(*) FROM registration")" = 4000
  ;;

import)
  # Each try imports into an event of its own: 400 people known from
  # the first event (who get a phone from the file, the first time an
  # import goes through) and 1,600 new people of the try's own. The
  # import is written in many short transactions (MP_IMPORT_CHUNK_MS),
  # so that most kills land between two of them; after each, any
  # command (here: event list) opens the database and takes out what a
  # killed import left.
  known=400 new=1600
  rows=$((known + new))
  people "$known" >"$tmp/known.csv"
  "$CLI" --db "$db" import 1 "$tmp/known.csv" >/dev/null
  file_for () {  # file_for TRY
    awk -v try="$1" -v known="$known" -v new="$new" 'BEGIN {
      print "Navn,E-post,Telefon"
      for (i = 1; i <= known; i++) printf "Deltaker %d,deltaker%d@kommune.no,9%07d\n", i, i, i
      for (i = 1; i <= new; i++) printf "Ny %s %d,ny.%s.%d@kommune.no,\n", try, i, try, i
    }'
  }
  export MP_IMPORT_CHUNK_MS=2
  # (measured on a copy: a run that goes through changes what follows)
  cp "$db" "$tmp/copy.db"
  file_for 0 >"$tmp/try.csv"
  e=$("$CLI" --db "$tmp/copy.db" event add --title "Måling" --starts 2026-03-09T09:00)
  max=$(measure sh -c "rm -f '$tmp/measure.db'* && cp '$tmp/copy.db' '$tmp/measure.db' &&
                       '$CLI' --db '$tmp/measure.db' import $e '$tmp/try.csv'")
  echo "# one import of $rows rows in short transactions takes up to $max ms"
  phones=$(sql "SELECT count (*) FROM person WHERE phone IS NOT NULL")
  people_before=$(sql "SELECT count (*) FROM person")

  kills=0 tried=0 torn=0 whole=0 left=0 miscounted=0 phones_torn=0 doubled=0
  while [ "$kills" -lt "$want_kills" ] && [ "$tried" -lt $((want_kills * 4)) ]; do
    tried=$((tried + 1))
    file_for "$tried" >"$tmp/try.csv"
    e=$("$CLI" --db "$db" event add --title "Forsøk $tried" --starts 2026-03-09T09:00)
    run_killed "$max" "$CLI" --db "$db" import "$e" "$tmp/try.csv"
    [ "$status" = 137 ] && kills=$((kills + 1))
    # the next open (any command) finishes what the kill left
    "$CLI" --db "$db" event list >/dev/null 2>&1
    got=$(sql "SELECT count(*) FROM registration WHERE event_id = $e")
    if [ "$got" = "$rows" ]; then whole=$((whole + 1)); elif [ "$got" != 0 ]; then
      torn=$((torn + 1)); echo "# event $e has $got of $rows registrations"
    fi
    [ "$(sql "SELECT count (*) FROM import_batch")" = 0 ] || left=$((left + 1))
    [ "$(sql "SELECT registered FROM event_counts WHERE event_id = $e")" = "$got" ] || miscounted=$((miscounted + 1))
    # the new people are there with their registrations, or not at all
    [ "$(sql "SELECT count (*) FROM person WHERE name LIKE 'Ny $tried %'")" = "$(( got == rows ? new : 0 ))" ] ||
      doubled=$((doubled + 1))
    # the known people's phones came from an import that went through,
    # or not at all
    have=$(sql "SELECT count (*) FROM person WHERE phone IS NOT NULL")
    if [ "$whole" -gt 0 ]; then [ "$have" = "$((phones + known))" ] || phones_torn=$((phones_torn + 1));
    else [ "$have" = "$phones" ] || phones_torn=$((phones_torn + 1)); fi
    # a killed import leaves nothing in the way of the next
    if [ "$status" = 137 ] && [ "$got" = 0 ]; then
      "$CLI" --db "$db" import "$e" "$tmp/try.csv" >/dev/null 2>&1 || torn=$((torn + 1))
      [ "$(sql "SELECT count(*) FROM registration WHERE event_id = $e")" = "$rows" ] && whole=$((whole + 1))
    fi
  done
  echo "# $tried imports, $kills killed while running"
  ok "at least $want_kills imports were killed while running" test "$kills" -ge "$want_kills"
  ok "after the next open, every event has none or all of the rows" test "$torn" = 0
  ok "… and no unfinished import is left" test "$left" = 0
  ok "… and the event's counts are its registrations" test "$miscounted" = 0
  ok "… and the new people are there with them, or not at all" test "$doubled" = 0
  ok "… and the phones given to people known before too" test "$phones_torn" = 0
  ok "no person is doubled" \
    test -z "$(sql "SELECT email_key FROM person WHERE email_key IS NOT NULL GROUP BY email_key HAVING count(*) > 1")"
  ok "the people are those of the imports that went through" \
    test "$(sql "SELECT count(*) FROM person")" = "$((people_before + whole * new))"
  ok "the database passes its integrity check" test "$(sql "PRAGMA integrity_check")" = ok
  ok "… and its foreign keys hold" test -z "$(sql "PRAGMA foreign_key_check")"
  unset MP_IMPORT_CHUNK_MS
  ;;

erase)
  people 400 | sed '1s/$/,Samtykke,Allergier/; 2,$s/$/,ja,vegetar/' >"$tmp/people.csv"
  "$CLI" --db "$db" import 1 "$tmp/people.csv" >/dev/null
  max=$(measure "$CLI" --db "$db" erase-person 1)
  echo "# one erasure takes up to $max ms"
  # a person is one of two things, never a mix: everything there, or
  # nothing (name, e-mail, answers, consents all gone and erased_at set)
  state () {
    sql "SELECT (p.name <> '') || (p.email IS NOT NULL) || (r.dietary IS NOT NULL)
           || ((SELECT count(*) FROM consent c WHERE c.person_id = p.id) > 0) || (p.erased_at IS NOT NULL)
         FROM person p JOIN registration r ON r.person_id = p.id WHERE p.id = $1"
  }

  kills=0 tried=0 half=0 erased=0
  for ((i = 4; i <= 400 && kills < want_kills; i++)); do
    tried=$((tried + 1))
    run_killed "$max" "$CLI" --db "$db" erase-person "$i"
    [ "$status" = 137 ] && kills=$((kills + 1))
    case $(state "$i") in
      11110) ;;
      00001) erased=$((erased + 1)) ;;
      *) half=$((half + 1)); echo "# person $i is half erased: $(state "$i")" ;;
    esac
  done
  echo "# $tried erasures, $kills killed while running, $erased of them erased"
  ok "at least $want_kills erasures were killed while running" test "$kills" -ge "$want_kills"
  ok "no person is half erased" test "$half" = 0
  ok "the next open finishes what was pending" status_is 0 "$CLI" --db "$db" event list
  ok "… and no erasure is pending" test "$(sql "SELECT count(*) FROM meta WHERE key = 'erasure_pending'")" = 0
  gone=1
  for id in $(sql "SELECT id FROM person WHERE erased_at IS NOT NULL AND id > 1"); do
    for f in "$db" "$db-wal"; do
      [ -e "$f" ] && grep -q "deltaker$id@kommune.no" "$f" && { gone=0; echo "# deltaker$id is still in ${f##*/}"; }
    done
  done
  ok "the erased people's addresses are gone from the files" test "$gone" = 1
  ok "the database passes its integrity check" test "$(sql "PRAGMA integrity_check")" = ok
  ;;

*)
  echo "test-kill.sh: unknown mode $mode" >&2
  exit 2
  ;;
esac

tap_done
