#!/bin/bash
# with-keyring.sh CMD ARGS...: runs CMD in a D-Bus session of its own
# with a GNOME keyring daemon (Debian's gnome-keyring) serving the Secret
# Service on it, its keyring unlocked and kept in a temporary folder, as
# a desktop session has after login. CMD finds MP_KEYRING=1 in its
# environment when the keyring answers, or MP_KEYRING_MISSING=why.
if [ -z "${MP_IN_KEYRING_DBUS:-}" ]; then
  if ! command -v dbus-run-session >/dev/null; then
    MP_KEYRING_MISSING="dbus-run-session is not installed (Debian: dbus)" exec "$@"
  fi
  MP_IN_KEYRING_DBUS=1 exec dbus-run-session -- "$0" "$@"
fi

if ! command -v gnome-keyring-daemon >/dev/null || ! command -v secret-tool >/dev/null; then
  MP_KEYRING_MISSING="gnome-keyring or secret-tool is not installed (Debian: gnome-keyring libsecret-tools)" exec "$@"
fi

keyring_home=$(mktemp -d)
# The daemon ends with the D-Bus session it serves.
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME=$keyring_home/data XDG_RUNTIME_DIR=$keyring_home/run
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# The login keyring, made and unlocked with a password of the test's
# own (with an empty one the daemon asks for one through a prompt).
eval "$(printf 'moteplass-test' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"

# The Secret Service answers a store and a lookup.
ready=
for _ in $(seq 1 50); do
  if printf probe | secret-tool store --label=probe mp-probe 1 2>/dev/null &&
     [ "$(secret-tool lookup mp-probe 1 2>/dev/null)" = probe ]; then
    secret-tool clear mp-probe 1 2>/dev/null
    ready=1
    break
  fi
  sleep 0.1
done
if [ -z "$ready" ]; then
  MP_KEYRING_MISSING="the GNOME keyring did not answer" "$@"
  exit $?
fi

MP_KEYRING=1 "$@"
