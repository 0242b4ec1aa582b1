#!/usr/bin/env bash
# The one test command (README and .ci/run): installs what the tests need on Debian,
# starts a throwaway PostgreSQL cluster on loopback, and runs every test on SQLite,
# PostgreSQL and headless Chromium. Ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y --no-install-recommends "${need[@]}" >/tmp/gongkai-apt.log 2>&1 \
    || { $SUDO apt-get update >/tmp/gongkai-apt.log 2>&1 && $SUDO apt-get install -y --no-install-recommends "${need[@]}" >>/tmp/gongkai-apt.log 2>&1; } \
    || { tail -30 /tmp/gongkai-apt.log; exit 1; }
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

# A throwaway PostgreSQL cluster (PostgreSQL refuses to run as root, so it runs as the postgres user).
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDIR=$(mktemp -d /tmp/gongkai-pg-XXXXXX)
PGPORT=${GONGKAI_TEST_PG_PORT:-$((20000 + RANDOM % 20000))}
as_pg() { if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$PGDIR"; su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
as_pg "$PGBIN/initdb -D $PGDIR/data -A trust -U postgres -E UTF8 --locale=C.UTF-8 >$PGDIR/initdb.log 2>&1" || { cat "$PGDIR/initdb.log"; exit 1; }
as_pg "$PGBIN/pg_ctl -D $PGDIR/data -l $PGDIR/server.log -w -o \"-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start >/dev/null" || { cat "$PGDIR/server.log"; exit 1; }
cleanup() { as_pg "$PGBIN/pg_ctl -D $PGDIR/data -m immediate stop >/dev/null 2>&1" || true; rm -rf "$PGDIR"; }
trap cleanup EXIT

export GONGKAI_TEST_PG_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
node scripts/test.mjs "$@"
