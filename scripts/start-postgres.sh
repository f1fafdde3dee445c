#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 server on 127.0.0.1:${PGPORT:-54329} and prints its DATABASE_URL.
# initdb refuses to run as root, so the cluster belongs to the postgres user.
set -euo pipefail
B=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PORT=${PGPORT:-54329}
D=$(mktemp -d /tmp/stockroom-pg.XXXXXX)
chown postgres "$D"
runuser -u postgres -- "$B/initdb" -D "$D/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
runuser -u postgres -- "$B/pg_ctl" -D "$D/data" -l "$D/log" \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $D -c fsync=off -c synchronous_commit=off -c max_connections=200" -w start >/dev/null
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
