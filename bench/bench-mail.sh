#!/usr/bin/env bash
# Tickets e-mailed through a real SMTP server on loopback (the tests'
# aiosmtpd server, tests/mail/smtp-server.py) with no rate limit:
# moteplass-cli send-tickets for N registrations, each message composed
# (QR PNG, the ticket PDF, the .ics) and sent over one STARTTLS + AUTH
# connection, its outbox row claimed, marked and finished on disk.
# Prints messages a second and peak memory (max RSS, /usr/bin/time -v)
# for each size, so that memory can be seen not to grow with N.
#
#   bench/bench-mail.sh [BUILD_DIR] [SIZES]     (default: 100,1000)
#
# The server is Python on the same 2 cores: it parses and stores every
# message, so the figure is a floor for the sender, not its ceiling;
# the sender's own CPU time is printed beside it.
set -uo pipefail
build=$(realpath "${1:-build}")
sizes=${2:-100,1000}
cd "$(dirname "$0")/.."
cli=$build/src/cli/moteplass-cli
work=$(mktemp -d "${MP_BENCH_DIR:-/var/tmp}/bench-mail-XXXXXX")
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT

/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || { echo "bench-mail: python3-aiosmtpd is not installed"; exit 0; }

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
mkdir -p "$work/server"
/usr/bin/python3 tests/mail/smtp-server.py --dir "$work/server" --cert "$work/cert.pem" --key "$work/key.pem" \
  --user bench@example.no --password bench >"$work/server/log" 2>&1 &
server_pid=$!
for _ in $(seq 200); do [ -f "$work/server/port" ] && break; sleep 0.05; done
port=$(cat "$work/server/port")
# the server's user + system time so far, in clock ticks
server_cpu () { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }

export XDG_CONFIG_HOME=$work/config HOME=$work MOTEPLASS_SMTP_PASSWORD=bench
"$cli" smtp set --server localhost --port "$port" --from bench@example.no --from-name "Møteplass bench" \
  --user bench@example.no --ca-file "$work/cert.pem" >/dev/null

echo "send-tickets over STARTTLS + AUTH to aiosmtpd on loopback, no rate limit ($(curl-config --version 2>/dev/null || echo libcurl))"
for n in ${sizes//,/ }; do
  db=$work/mail-$n.db
  event=$("$cli" --db "$db" event add --title "Dialogmøte om integrering og frivillighet" --kind dialogmøte \
            --starts 2030-03-08T09:00 --ends 2030-03-08T12:00 --venue "Fylkeshuset, Bergen")
  { echo "Navn,E-post,Organisasjon,Sektor"
    for i in $(seq "$n"); do echo "Deltaker Sørensen $i,deltaker$i@example.no,NAV Vestland,NAV"; done
  } > "$work/r-$n.csv"
  "$cli" --db "$db" import "$event" "$work/r-$n.csv" >/dev/null
  before=$(ls "$work/server/mail" 2>/dev/null | wc -l)

  s0=$(server_cpu)
  t0=$(date +%s.%N)
  /usr/bin/time -v "$cli" --db "$db" send-tickets "$event" --rate 0 >"$work/out" 2>"$work/time"
  status=$?
  t1=$(date +%s.%N)
  s1=$(server_cpu)

  after=$(ls "$work/server/mail" | wc -l)
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time")
  cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { print u + s }' "$work/time")
  awk -v n="$n" -v got=$((after - before)) -v t0="$t0" -v t1="$t1" -v rss="$rss" -v cpu="$cpu" -v status="$status" \
      -v scpu="$(awk "BEGIN { print ($s1 - $s0) / $(getconf CLK_TCK) }")" -v load="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
    printf "%6d tickets: %6.2f s, %6.1f messages/s, sender CPU %.2f s (%.2f ms a message), max RSS %.1f MB; server CPU %.2f s; %d stored, exit %d; load %s\n",
           n, t1 - t0, n / (t1 - t0), cpu, cpu * 1000 / n, rss / 1024, scpu, got, status, load
  }'
done
echo "connections: $(wc -l < "$work/server/connections") for all of the above"
