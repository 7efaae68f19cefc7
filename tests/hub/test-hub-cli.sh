#!/usr/bin/env bash
# The hub through moteplass-cli, inside a throw-away PostgreSQL
# (with-hub.sh): setting up, a desk role with only the rights the README
# gives it, ~/.pgpass, the bad cases (unreachable, wrong password, a hub
# from a newer Møteplass, another hub), a desk offline for the whole
# event with a clock ten minutes slow, and an erasure while a desk is
# offline that leaves the name in no file and no hub table. Prints TAP.
set -uo pipefail

CLI=${MP_CLI:?MP_CLI names moteplass-cli}
SRC=${MP_SOURCE_DIR:?}
. "$(dirname "$(realpath "$0")")/../tap.sh"
tap_tmpdir

psql_hub () { psql -X -q -tA -v ON_ERROR_STOP=1 "$@"; }
json () {  # json FILE EXPR: a value from a JSON file (python3 of Debian)
  /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$@"
}

a=$tmp/a.db; b=$tmp/b.db; c=$tmp/c.db
hub="host=127.0.0.1 port=$PGPORT dbname=postgres"

# --- setting up -------------------------------------------------------
ok "hub init sets up the schema (libpq's PG* variables name the hub)" status_is 0 "$CLI" hub init
ok "… and says so" said "was set up (schema 2)"
ok "hub init again changes nothing" status_is 0 "$CLI" hub init "$hub user=postgres password=$PGPASSWORD"
ok "… and never prints the password" not_said "$PGPASSWORD"

# the desk role of the README, and two desks that log in with it
sed -n '/^-- moteplass_desk: begin/,/^-- moteplass_desk: end/p' "$SRC/README.md" >"$tmp/role.sql"
ok "the README gives the desk role's SQL" test -s "$tmp/role.sql"
ok "… and it runs on the hub" psql_hub -f "$tmp/role.sql"
psql_hub -c "CREATE ROLE desk_a LOGIN PASSWORD 'pw-a-7781' IN ROLE moteplass_desk;
             CREATE ROLE desk_b LOGIN PASSWORD 'pw-b-7782' IN ROLE moteplass_desk;
             CREATE ROLE desk_c LOGIN PASSWORD 'pw-c-7783' IN ROLE moteplass_desk;"
printf '127.0.0.1:%s:postgres:desk_a:pw-a-7781\n127.0.0.1:%s:postgres:desk_b:pw-b-7782\n127.0.0.1:%s:postgres:desk_c:pw-c-7783\n' \
  "$PGPORT" "$PGPORT" "$PGPORT" >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
# the desks find their passwords in a .pgpass file, not on the command line
desk () { env -u PGPASSWORD -u PGUSER PGPASSFILE="$tmp/pgpass" "$CLI" "$@"; }

e=$("$CLI" --db "$a" event add --title "Dialogmøte" --kind dialogmøte --starts 2026-03-08T09:00)
for i in $(seq 1 12); do
  "$CLI" --db "$a" register "$e" --name "Deltaker $i Nilsen" --email "d$i@example.org" --organisation "NAV Vestland" --sector NAV | cut -f2 >>"$tmp/tickets"
done
"$CLI" --db "$a" register "$e" --name "Zebulon Quaxworth" --email "zq-erase@example.org" --organisation "Erasure Test AS" --sector Næringsliv >/dev/null
t() { sed -n "${1}p" "$tmp/tickets"; }

# --- bad cases at join --------------------------------------------------
ok "a hub that cannot be reached: join fails" status_is 1 desk --db "$a" hub join "host=127.0.0.1 port=1 dbname=postgres user=desk_a connect_timeout=2"
ok "… saying so" said "cannot be reached"
ok "… and the database here is unchanged" said "was not changed"
ok "… not linked" status_is 0 "$CLI" --db "$a" hub status --json
ok "… status says not linked" said '"linked" : false'
ok "a new desk and an unreachable hub: join fails" status_is 1 desk --db "$tmp/new.db" hub join "host=127.0.0.1 port=1 dbname=postgres user=desk_a connect_timeout=2"
ok "… and leaves no empty database behind" test ! -e "$tmp/new.db"
ok "a wrong password: join fails" status_is 1 env -u PGPASSWORD "$CLI" --db "$a" hub join "$hub user=desk_a password=Wr0ngPw-991"
ok "… saying the hub refused the user name or password" said "refused the user name or password"
ok "… without printing the password" not_said "Wr0ngPw-991"

# --- desks with the desk role ----------------------------------------
ok "desk A joins as desk_a (password from .pgpass)" status_is 0 desk --db "$a" hub join "$hub user=desk_a" --desk "Desk A"
ok "desk B joins: a new database gets the hub's content" status_is 0 desk --db "$b" hub join "$hub user=desk_b" --desk "Desk B"
ok "… B has the event and its 13 registrations" status_is 0 "$CLI" --db "$b" event show 1
ok "… registered 13" said "Registered: 13"
ok "desk C joins for this event only (by its UUID)" status_is 0 desk --db "$c" hub join "$hub user=desk_c" --desk "Desk C" \
  --event "$("$CLI" --db "$a" event show "$e" --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["uuid"])')"
# (its own password file: the join keeps the password there)
desk_d () { env -u PGPASSWORD -u PGUSER PGPASSFILE="$tmp/pgpass-d" "$CLI" "$@"; }
printf 'other.example:5432:*:someone:keep-this-line\n' >"$tmp/pgpass-d"
ok "a desk joins with a postgresql:// URI, password in it" status_is 0 desk_d --db "$tmp/d.db" hub join "postgresql://desk_c:pw-c-7783@127.0.0.1:$PGPORT/postgres?sslmode=disable" --desk "Desk D"
ok "… saying the password is kept in the password file" said "The password is kept in $tmp/pgpass-d"
ok "… which has it for this hub, and its other lines still" equal "127.0.0.1:$PGPORT:postgres:desk_c:pw-c-7783 other.example:5432:*:someone:keep-this-line" "$(sort "$tmp/pgpass-d" | xargs)"
ok "… readable by its owner only" equal 600 "$(stat -c %a "$tmp/pgpass-d")"
ok "… and the database holds no password" equal 0 "$(sqlite3 "$tmp/d.db" "SELECT conninfo FROM hub_state" | grep -c -e pw-c-7783 -e password)"
ok "… D syncs with the password from the file" status_is 0 desk_d --db "$tmp/d.db" hub sync
ok "… its status shows the connection" status_is 0 "$CLI" --db "$tmp/d.db" hub status
ok "… without the password" said "Hub: user=desk_c dbname=postgres host=127.0.0.1 port=$PGPORT sslmode=disable"
ok "… never the password" not_said "pw-c-7783"
ok "a check-in at A" status_is 0 "$CLI" --db "$a" checkin "$e" "$(t 1)" --desk "Desk A"
ok "… A pushes" status_is 0 desk --db "$a" hub sync
ok "… B pulls" status_is 0 desk --db "$b" hub sync
ok "the same ticket at B: already checked in (exit 3)" status_is 3 "$CLI" --db "$b" checkin 1 "$(t 1)" --desk "Desk B"
ok "… at Desk A" said "Desk A"
ok "the desk role cannot delete the hub's rows" status_is 1 env -u PGPASSWORD PGPASSFILE="$tmp/pgpass" psql -X -q -v ON_ERROR_STOP=1 "$hub user=desk_a" -c "DELETE FROM moteplass.row"
ok "… permission denied" said "permission denied"
ok "… nor drop a table" status_is 1 env -u PGPASSWORD PGPASSFILE="$tmp/pgpass" psql -X -q -v ON_ERROR_STOP=1 "$hub user=desk_a" -c "DROP TABLE moteplass.desk"
ok "hub status: online, nothing waiting" status_is 0 desk --db "$a" hub status --json
ok "… synced" said '"state" : "synced"'
ok "… no password in the status" not_said "pw-a-7781"

# --- hub run: desks that keep themselves in sync --------------------------
# (not through the desk function: the signal must reach the program)
env -u PGPASSWORD -u PGUSER PGPASSFILE="$tmp/pgpass" "$CLI" --db "$a" hub run >"$tmp/run-a.out" 2>&1 &
run_a=$!
env -u PGPASSWORD -u PGUSER PGPASSFILE="$tmp/pgpass" "$CLI" --db "$b" hub run --json >"$tmp/run-b.out" 2>&1 &
run_b=$!
"$CLI" --db "$a" checkin "$e" "$(t 10)" --desk "Desk A" >/dev/null
arrived_at_b () {
  for _ in $(seq 1 100); do
    "$CLI" --db "$b" search 1 "Deltaker 10 " --json | grep -q '"arrived" : true' && return 0
    sleep 0.1
  done
  return 1
}
ok "hub run: a check-in at A reaches B by itself" arrived_at_b
ok "… where the ticket answers already checked in at Desk A" status_is 3 "$CLI" --db "$b" checkin 1 "$(t 10)" --desk "Desk B"
ok "… at Desk A" said "Desk A"
kill -TERM "$run_a" "$run_b"
ok "hub run stops on SIGTERM, A" wait "$run_a"
ok "… and B" wait "$run_b"
ok "… A printed its state" grep -q "synced" "$tmp/run-a.out"
ok "… B printed JSON lines" grep -q '"state":"synced"' "$tmp/run-b.out"

# --- a hub from a newer Møteplass, another hub ---------------------------
psql_hub -c "UPDATE moteplass.hub SET schema_version = 99"
ok "a hub from a newer Møteplass: sync refused" status_is 1 desk --db "$a" hub sync
ok "… saying so" said "newer Møteplass"
ok "… and hub init does not touch it" status_is 1 "$CLI" hub init
ok "… saying so" said "newer Møteplass"
psql_hub -c "UPDATE moteplass.hub SET schema_version = 2"
psql_hub -c "CREATE DATABASE hub2"
"$CLI" hub init "host=127.0.0.1 port=$PGPORT dbname=hub2 user=postgres" >/dev/null
ok "a database linked to one hub cannot join another" status_is 1 "$CLI" --db "$a" hub join "host=127.0.0.1 port=$PGPORT dbname=hub2 user=postgres"
ok "… saying so" said "linked to another hub"

# --- desk C offline for the whole event, its clock ten minutes slow -----
"$CLI" --db "$c" checkin 1 "$(t 2)" --desk "Desk C" >/dev/null     # before the cut
desk --db "$c" hub sync >/dev/null
pg_ctlcluster 15 regress stop -m immediate
"$CLI" --db "$a" checkin "$e" "$(t 3)" --desk "Desk A" >/dev/null
for i in 3 4 5 6 7 8; do
  MP_CLOCK_SKEW=-600 "$CLI" --db "$c" checkin 1 "$(t $i)" --desk "Desk C" >/dev/null
done
ok "offline, C's sync fails" status_is 1 desk --db "$c" hub sync
ok "… saying the hub cannot be reached" said "cannot be reached"
ok "… and that nothing is lost" said "Nothing is lost: 6 changes wait here"
ok "… hub status: offline since, 6 waiting" status_is 0 "$CLI" --db "$c" hub status
ok "… offline since" said "offline since"
ok "… 6 waiting" said "Changes waiting: 6"
ok "C answers from what it has while offline" status_is 3 "$CLI" --db "$c" checkin 1 "$(t 2)" --desk "Desk C"
pg_ctlcluster 15 regress start
ok "the day after: C syncs" status_is 0 desk --db "$c" hub sync
ok "… sent its 6 check-ins" said "Sent 6 changes"
for d in a b c; do desk --db "$tmp/$d.db" hub sync >/dev/null; done
for d in a b c; do
  id=1; [ $d = a ] && id=$e
  "$CLI" --db "$tmp/$d.db" report "$id" --json >"$tmp/report-$d.json"
done
ok "A, B and C count the same arrivals: 9" equal "9 9 9" "$(for d in a b c; do json "$tmp/report-$d.json" 'd["arrived"]'; done | xargs)"
ok "… one ticket admitted twice while offline, on every desk" equal "1 1 1" "$(for d in a b c; do json "$tmp/report-$d.json" 'd["admitted_twice"]'; done | xargs)"
ok "… the earlier by device time counts: C's (its clock was slow), A's is flagged" \
  equal "Desk A/Desk C" "$(json "$tmp/report-b.json" 'd["admitted_twice_list"][0]["desk"] + "/" + d["admitted_twice_list"][0]["counted_desk"]')"
ok "event show says so" status_is 0 "$CLI" --db "$b" event show 1
ok "… admitted twice, counted once" said "Admitted twice while offline (counted once): 1"
ok "… arrived 9" said "Arrived: 9"

# --- an erasure at A while B is offline (and edits the person) --------
for d in a b c; do desk --db "$tmp/$d.db" hub sync >/dev/null; done
ok "B has Zebulon before" status_is 0 "$CLI" --db "$b" search 1 Zebulon
ok "… yes" said "Zebulon Quaxworth"
sqlite3 "$b" "UPDATE person SET phone = '+47 99 88 77 66' WHERE name = 'Zebulon Quaxworth'"   # B, offline
pid=$("$CLI" --db "$a" search "$e" Zebulon --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["person_id"])')
ok "A erases Zebulon" status_is 0 "$CLI" --db "$a" erase-person "$pid"
ok "… and syncs" status_is 0 desk --db "$a" hub sync
ok "B comes back and syncs" status_is 0 desk --db "$b" hub sync
desk --db "$c" hub sync >/dev/null
desk_d --db "$tmp/d.db" hub sync >/dev/null
for d in a b c d; do sqlite3 "$tmp/$d.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null; done
ok "the name and e-mail are in no SQLite file's bytes" \
  equal 0 "$(cat "$tmp"/*.db "$tmp"/*.db-wal 2>/dev/null | grep -a -c -i -e zebulon -e quaxworth -e zq-erase)"
pg_dump -a -n moteplass postgres >"$tmp/hub.sql"
ok "… nor in any hub table" equal 0 "$(grep -c -i -e zebulon -e quaxworth -e zq-erase "$tmp/hub.sql")"
ok "… and the hub dump is not empty" test "$(grep -c 'checkin' "$tmp/hub.sql")" -gt 0
ok "B's edit did not bring the person back" status_is 0 "$CLI" --db "$b" search 1 Zebulon
ok "… nothing found" not_said "Zebulon"

# --- leave --------------------------------------------------------------
"$CLI" --db "$c" checkin 1 "$(t 9)" --desk "Desk C" >/dev/null
ok "leave is refused while changes wait" status_is 1 "$CLI" --db "$c" hub leave
ok "… saying so" said "1 change made here has not reached the hub"
ok "after a sync, C leaves" status_is 0 bash -c "env -u PGPASSWORD -u PGUSER PGPASSFILE='$tmp/pgpass' '$CLI' --db '$c' hub sync >/dev/null && '$CLI' --db '$c' hub leave"
ok "… not linked" status_is 0 "$CLI" --db "$c" hub status
ok "… says so" said "not linked"
ok "every file is sound" equal "ok ok ok" "$(for d in a b c; do sqlite3 "$tmp/$d.db" "PRAGMA integrity_check"; done | xargs)"

tap_done
