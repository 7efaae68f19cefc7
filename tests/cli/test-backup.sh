#!/usr/bin/env bash
# backup, backup --encrypt and restore through moteplass-cli: a sealed
# backup comes back whole with its passphrase (from the environment or a
# file descriptor); a wrong passphrase, a flipped byte or a cut-off file
# is a clear error that changes nothing; restore replaces a file only
# with --force; a backup never goes over the database. Prints TAP.
set -uo pipefail
. "$(dirname "$(realpath "$0")")/../tap.sh"
CLI=${1:?usage: test-backup.sh MOTEPLASS_CLI}
tap_tmpdir
db=$tmp/m.db
pass="korrekt hest batteri stift"

"$CLI" --db "$db" event add --title "Dialogmøte" --starts 2026-03-08T09:00 >/dev/null
for i in $(seq 1 150); do echo "Deltaker $i,deltaker$i@kommune.no"; done |
  sed '1i Navn,E-post' >"$tmp/people.csv"
"$CLI" --db "$db" import 1 "$tmp/people.csv" >/dev/null

registered () { "$CLI" --db "$1" --json event list | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["registered"])'; }
journal_mode () { /usr/bin/python3 -c 'import sys; d=open(sys.argv[1],"rb").read(20); print({1:"delete",2:"wal"}.get(d[18]))' "$1"; }

# Never over the database
for target in "$db" "$db-wal" "$db-shm"; do
  : >>"$db-wal"; : >>"$db-shm"
  ok "backup onto ${target##*/} is refused" status_is 1 "$CLI" --db "$db" backup "$target"
  ok "… saying why" err_has "is an open Møteplass database or one of its files"
done
ln -s "$db" "$tmp/link.db"
ok "backup onto a link to the database is refused" status_is 1 "$CLI" --db "$db" backup "$tmp/link.db"
ok "the database is still whole" test "$(registered "$db")" = 150
ok "… and in WAL mode" test "$(journal_mode "$db")" = wal

# Plain
ok "a plain backup" status_is 0 "$CLI" --db "$db" backup "$tmp/plain.db"
ok "… is in WAL mode like the database" test "$(journal_mode "$tmp/plain.db")" = wal
ok "… and the owner's only" mode_is 600 "$tmp/plain.db"

# Sealed, passphrase from the environment
ok "backup --encrypt" status_is 0 env MOTEPLASS_PASSPHRASE="$pass" "$CLI" --db "$db" backup --encrypt "$tmp/sealed.mpb"
ok "… says it is sealed" out_has "sealed with the passphrase"
ok "… holds no name in the clear" sh -c "! grep -q 'Deltaker\|kommune.no\|SQLite format' '$tmp/sealed.mpb'"
ok "… is the owner's only" mode_is 600 "$tmp/sealed.mpb"
ok "a short passphrase is refused" status_is 1 env MOTEPLASS_PASSPHRASE=kort "$CLI" --db "$db" backup --encrypt "$tmp/short.mpb"
ok "… and nothing is written" test ! -e "$tmp/short.mpb"
ok "without a terminal or a passphrase, it says how to give one" \
  status_is 1 setsid "$CLI" --db "$db" backup --encrypt "$tmp/none.mpb"
ok "… naming --passphrase-fd" err_has "--passphrase-fd"

# Restore, passphrase from a file descriptor
printf '%s\n' "$pass" >"$tmp/pass.txt"
ok "restore with --passphrase-fd" status_is 0 "$CLI" restore "$tmp/sealed.mpb" "$tmp/restored.db" --passphrase-fd 3 3<"$tmp/pass.txt"
ok "… has every registration" test "$(registered "$tmp/restored.db")" = 150
ok "… in WAL mode" test "$(journal_mode "$tmp/restored.db")" = wal
ok "… 0600" mode_is 600 "$tmp/restored.db"
ok "a plain backup restores too" status_is 0 "$CLI" restore "$tmp/plain.db" "$tmp/from-plain.db"
ok "… whole" test "$(registered "$tmp/from-plain.db")" = 150

# Refusals that change nothing
ok "restore over an existing file is refused" status_is 1 "$CLI" restore "$tmp/sealed.mpb" "$tmp/restored.db"
ok "… pointing at --force" err_has "--force"
ok "a wrong passphrase is refused" \
  status_is 1 env MOTEPLASS_PASSPHRASE="feil passord" "$CLI" restore "$tmp/sealed.mpb" "$tmp/wrong.db"
ok "… saying so" err_has "passphrase does not open"
ok "… and writes nothing" test ! -e "$tmp/wrong.db"

size=$(stat -c %s "$tmp/sealed.mpb")
cp "$tmp/sealed.mpb" "$tmp/flipped.mpb"
printf '\x55' | dd of="$tmp/flipped.mpb" bs=1 seek=$((size / 2)) conv=notrunc status=none
ok "a flipped byte is found" \
  status_is 1 env MOTEPLASS_PASSPHRASE="$pass" "$CLI" restore "$tmp/flipped.mpb" "$tmp/flipped.db"
ok "… as damage" err_has "is damaged"
ok "… and nothing is written" test ! -e "$tmp/flipped.db"
head -c $((size - 1000)) "$tmp/sealed.mpb" >"$tmp/cut.mpb"
ok "a cut-off file is found" \
  status_is 1 env MOTEPLASS_PASSPHRASE="$pass" "$CLI" restore "$tmp/cut.mpb" "$tmp/cut.db"
ok "… as cut off or damaged" err_has "cut off"
ok "… and nothing is written" test ! -e "$tmp/cut.db"
ok "no temporary file is left" test -z "$(ls -A "$tmp" | grep '^\.moteplass-')"

"$CLI" --db "$tmp/restored.db" event add --title "Ekstra" --starts 2026-04-08T09:00 >/dev/null
ok "restore --force replaces an existing file" \
  status_is 0 env MOTEPLASS_PASSPHRASE="$pass" "$CLI" restore "$tmp/sealed.mpb" "$tmp/restored.db" --force
ok "… with the backup's contents" test "$("$CLI" --db "$tmp/restored.db" --json event list | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 1

tap_done
