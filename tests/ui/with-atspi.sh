#!/bin/bash
# with-atspi.sh CMD ARGS...: runs CMD in a D-Bus session of its own with
# the AT-SPI accessibility bus on it (Debian's at-spi2-core; the registry
# daemon is started by that bus on demand), as a desktop with a screen
# reader has. CMD finds MP_ATSPI=1 in its environment when the bus is up,
# or MP_ATSPI_MISSING=why when it could not start (CMD then skips).
if [ -z "${MP_IN_DBUS:-}" ]; then
  if ! command -v dbus-run-session >/dev/null; then
    MP_ATSPI_MISSING="dbus-run-session is not installed (Debian: dbus)" exec "$@"
  fi
  MP_IN_DBUS=1 exec dbus-run-session -- "$0" "$@"
fi

launcher=
for l in /usr/libexec/at-spi-bus-launcher /usr/lib/at-spi2-core/at-spi-bus-launcher; do
  [ -x "$l" ] && launcher=$l && break
done
if [ -z "$launcher" ]; then
  MP_ATSPI_MISSING="at-spi-bus-launcher is not installed (Debian: at-spi2-core)" exec "$@"
fi

"$launcher" --launch-immediately >/dev/null 2>&1 &
bus_pid=$!
address=
for i in $(seq 1 100); do
  address=$(dbus-send --session --print-reply=literal --dest=org.a11y.Bus \
              /org/a11y/bus org.a11y.Bus.GetAddress 2>/dev/null | tr -d ' ')
  [ -n "$address" ] && break
  sleep 0.05
done
if [ -z "$address" ]; then
  kill $bus_pid 2>/dev/null
  MP_ATSPI_MISSING="the AT-SPI accessibility bus did not start" exec "$@"
fi

MP_ATSPI=1 "$@"
status=$?
kill $bus_pid 2>/dev/null
exit $status
