#!/usr/bin/env bash
# A dead network between a desk and the hub (a cable pulled, the Wi-Fi
# gone): packets vanish, nothing answers, nothing closes the connection.
# Not a stopped hub (that closes its connections at once), and not a
# stopped process (the kernel still answers for it). Without iptables:
# the desk runs in a network namespace of its own, joined to this one by
# a virtual cable (a veth pair) and a TCP relay on this side to the hub;
# taking this side of the cable down drops every packet. `hub run`
# must say offline within its keepalive and user timeouts, keep the
# door's check-ins, and say synced again, with them sent, when the cable
# is back. Needs root (network namespaces); skipped otherwise. Run
# inside with-hub.sh. Prints TAP.
set -u

CLI=${MP_CLI:?MP_CLI names moteplass-cli}
. "$(dirname "$(realpath "$0")")/../tap.sh"

need ip /usr/bin/python3
if [ "$(id -u)" != 0 ]; then echo "1..0 # SKIP network namespaces need root"; exit 0; fi

tmp=$(mktemp -d)
ns=mpdn$$
veth=mpd$$a
peer=mpd$$b
net=10.$((RANDOM % 200 + 20)).$((RANDOM % 250))
relay= run=
cleanup () {
  for p in $run $relay; do kill "$p" 2>/dev/null; done
  ip netns del "$ns" 2>/dev/null
  ip link del "$veth" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

if ! ip netns add "$ns" 2>/dev/null; then echo "1..0 # SKIP no network namespaces here"; exit 0; fi
ip link add "$veth" type veth peer name "$peer" &&
  ip link set "$peer" netns "$ns" &&
  ip addr add "$net.1/24" dev "$veth" && ip link set "$veth" up &&
  ip netns exec "$ns" ip addr add "$net.2/24" dev "$peer" &&
  ip netns exec "$ns" ip link set "$peer" up &&
  ip netns exec "$ns" ip link set lo up || { echo "Bail out! the virtual cable could not be laid"; exit 1; }

# the relay: this side of the cable to the hub on loopback
cat >"$tmp/relay.py" <<'EOF'
import asyncio, sys

async def pipe(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except Exception:
        pass
    finally:
        writer.close()

async def handle(reader, writer):
    up_reader, up_writer = await asyncio.open_connection(sys.argv[3], int(sys.argv[4]))
    await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

async def main():
    server = await asyncio.start_server(handle, sys.argv[1], int(sys.argv[2]))
    print("ready", flush=True)
    async with server:
        await server.serve_forever()

asyncio.run(main())
EOF
/usr/bin/python3 "$tmp/relay.py" "$net.1" "$PGPORT" 127.0.0.1 "$PGPORT" >"$tmp/relay.out" 2>&1 &
relay=$!
for _ in $(seq 1 100); do grep -q ready "$tmp/relay.out" && break; sleep 0.05; done

# the desk, in its namespace, reaches the hub through the cable
now_ms () { echo $(( $(date +%s%N) / 1000000 )); }
saw () { grep -q "\"state\":\"$1\"" "$tmp/run.out" 2>/dev/null; }
wait_for_state () {  # wait_for_state STATE SECONDS: 0 when hub run printed it
  local i
  for i in $(seq 1 $(($2 * 20))); do saw "$1" && return 0; sleep 0.05; done
  return 1
}

"$CLI" hub init >/dev/null
e=$("$CLI" --db "$tmp/door.db" event add --title "Dialogmøte" --starts 2026-03-08T09:00)
for i in 1 2 3; do
  "$CLI" --db "$tmp/door.db" register "$e" --name "Deltaker $i Nilsen" | cut -f2 >>"$tmp/tickets"
done
ok "the desk joins through the cable" bash -c "ip netns exec '$ns' env PGHOST='$net.1' '$CLI' --db '$tmp/door.db' hub join '' --desk Door >/dev/null"
# (not through a shell function: one in the background is a shell of its
# own, and SIGTERM must reach hub run itself)
ip netns exec "$ns" env PGHOST="$net.1" "$CLI" --db "$tmp/door.db" hub run --json >"$tmp/run.out" 2>&1 &
run=$!
ok "hub run: synced" wait_for_state synced 20

: >"$tmp/run.out"
cut_at=$(now_ms)
ip link set "$veth" down
ok "the cable pulled: hub run says offline by itself …" wait_for_state offline 40
offline_ms=$(( $(now_ms) - cut_at ))
echo "# offline said $offline_ms ms after the cable was pulled (keepalives: 5 s idle, 3 probes 2 s apart; user timeout 10 s)"
ok "… within the keepalive and user timeouts (at most 20 s)" test "$offline_ms" -le 20000
ok "the door goes on: a check-in here" bash -c "'$CLI' --db '$tmp/door.db' checkin '$e' '$(sed -n 1p "$tmp/tickets")' --desk Door >/dev/null"
ok "… waits, counted" bash -c "for i in \$(seq 1 100); do grep -q '\"waiting\":1' '$tmp/run.out' && exit 0; sleep 0.1; done; exit 1"

: >"$tmp/run.out"
back_at=$(now_ms)
ip link set "$veth" up
ok "the cable back: hub run says synced by itself" wait_for_state synced 30
echo "# synced again $(( $(now_ms) - back_at )) ms after the cable was back"
ok "… and the check-in made meanwhile is on the hub" \
  test "$(psql -X -q -tA -c "SELECT count (*) FROM moteplass.row WHERE tbl = 'checkin'")" = 1

kill -TERM "$run"
wait "$run"
status=$?
run=
ok "hub run stops on SIGTERM (exit $status)" test "$status" = 0

tap_done
