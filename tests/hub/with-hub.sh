#!/usr/bin/env bash
# with-hub.sh COMMAND ARGS…: runs COMMAND inside a throw-away PostgreSQL 15
# cluster (Debian's pg_virtualenv, as root or as a user), with libpq's
# PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE naming it and
# PG_CLUSTER_CONF_ROOT set, so that `pg_ctlcluster 15 regress stop -m
# immediate` and `… start` cut and restore the hub. COMMAND prints TAP on
# standard output; pg_virtualenv's own chatter goes to standard error.
# Without pg_virtualenv or PostgreSQL 15 the test is skipped, saying why.
set -u

if ! command -v pg_virtualenv >/dev/null || [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
  echo "1..0 # SKIP pg_virtualenv or PostgreSQL 15 is missing (make test-deps installs postgresql-15 and postgresql-common)"
  exit 0
fi

# A port nobody listens on: tests run in parallel, and other programs
# may have a PostgreSQL of their own.
port=
for _ in $(seq 1 50); do
  p=$((20000 + RANDOM % 20000))
  if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || { echo "Bail out! no free port"; exit 1; }

exec 3>&1
# -t: a temporary cluster directory even as root, so that two of these
# can run at once
# fsync off for the tests (MP_HUB_FSYNC=on for the benchmarks)
pg_virtualenv -t -v 15 -c "-p $port" -o "fsync=${MP_HUB_FSYNC:-off}" bash -c 'exec "$@" 1>&3 3>&-' with-hub "$@" 1>&2
