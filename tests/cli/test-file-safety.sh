#!/usr/bin/env bash
# Files moteplass-cli writes: never over the database it has open, its
# -wal file or a link to it (the database stays exactly as it was), and
# readable by their owner only, whatever the umask. Prints TAP.
set -uo pipefail

CLI=${1:?usage: test-file-safety.sh MOTEPLASS_CLI}
. "$(dirname "$(realpath "$0")")/../tap.sh"
tap_tmpdir
db=$tmp/test.db
umask 022

# refused COMMAND...: exits 1 and says the file is a database
refused () {
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" != 1 ] || ! grep -q "database" "$tmp/err"; then
    echo "# expected a refusal (exit 1), got $got: $*"; sed 's/^/# /' "$tmp/out" "$tmp/err"
    return 1
  fi
}

# writes COMMAND...: succeeds (its output kept out of the TAP stream)
writes () {
  "$@" >"$tmp/out" 2>"$tmp/err" || { echo "# failed: $*"; sed 's/^/# /' "$tmp/out" "$tmp/err"; return 1; }
}

e=$("$CLI" --db "$db" event add --title "Dialogmøte" --kind dialogmøte --starts 2026-03-08T09:00)
ticket=$("$CLI" --db "$db" register "$e" --name "Kari Nordmann" --email kari@nav.no \
  --organisation "NAV Vestland" --sector NAV --consent | cut -f2)
"$CLI" --db "$db" checkin "$e" "$ticket" >/dev/null
"$CLI" --db "$db" event list >/dev/null     # the last close folds the log in
before=$(sha256sum "$db" | cut -d' ' -f1)
ln -s "$db" "$tmp/innocent.csv"
# tickets take only .pdf and .png names: links with those names
ln -s "$db" "$tmp/tickets-link.pdf"
ln -s "$db-wal" "$tmp/tickets-link.png"

for target in "$db" "$db-wal" "$tmp/innocent.csv"; do
  name=${target#"$tmp"/}
  ok "export refuses $name" refused "$CLI" --db "$db" export "$e" -o "$target"
  ok "mailing refuses $name" refused "$CLI" --db "$db" mailing -o "$target"
  ok "person export refuses $name" refused "$CLI" --db "$db" person export 1 -o "$target"
  ok "report PDF refuses $name" refused "$CLI" --db "$db" report "$e" --pdf "$target"
  ok "report CSV refuses $name" refused "$CLI" --db "$db" report "$e" --csv "$target"
  ok "report XLSX refuses $name" refused "$CLI" --db "$db" report "$e" --xlsx "$target"
  ok "backup refuses $name" refused "$CLI" --db "$db" backup "$target"
done

ok "tickets refuse a .pdf link to the database" refused "$CLI" --db "$db" tickets "$e" -o "$tmp/tickets-link.pdf"
ok "tickets refuse a .png link to its -wal" refused "$CLI" --db "$db" tickets "$e" -o "$tmp/tickets-link.png"

ok "the database is byte for byte as it was" [ "$(sha256sum "$db" | cut -d' ' -f1)" = "$before" ]
ok "the link is still a link to it" [ -L "$tmp/innocent.csv" ]
ok "no -wal file was made by a writer" [ ! -s "$db-wal" ]
ok "the database still reads" [ "$("$CLI" --db "$db" search "$e" kari | cut -f2)" != "" ]

ok "an export is written" writes "$CLI" --db "$db" export "$e" -o "$tmp/out.csv"
ok "  readable by its owner only (umask 022)" mode_is 600 "$tmp/out.csv"
ok "a backup is written" writes "$CLI" --db "$db" backup "$tmp/backup.db"
ok "  readable by its owner only" mode_is 600 "$tmp/backup.db"
ok "a report is written" writes "$CLI" --db "$db" report "$e" --xlsx "$tmp/report.xlsx"
ok "  readable by its owner only" mode_is 600 "$tmp/report.xlsx"
ok "tickets are written" writes "$CLI" --db "$db" tickets "$e" -o "$tmp/tickets.pdf"
ok "  readable by their owner only" mode_is 600 "$tmp/tickets.pdf"
ok "a person's data is written" writes "$CLI" --db "$db" person export 1 -o "$tmp/person.json"
ok "  readable by its owner only" mode_is 600 "$tmp/person.json"

tap_done
