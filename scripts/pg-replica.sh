#!/usr/bin/env bash
# A PostgreSQL streaming replica of the local primary, for DATABASE_READ_URL (the read-replica
# tests, and an operator trying the setup on one machine; docs/operator-guide.md "Read replicas").
#
#   scripts/pg-replica.sh start    prepare the primary, make the standby if needed, start it,
#                                  wait until it streams; re-running reuses a healthy standby
#                                  and rebuilds a broken one (idempotent)
#   scripts/pg-replica.sh stop     stop the standby (its data and replication slot stay)
#   scripts/pg-replica.sh status   exit 0 when streaming, print replay position and lag
#   scripts/pg-replica.sh remove   stop, drop the replication slot and the standby's data
#
# Env: SAPA_PRIMARY_HOST (127.0.0.1), SAPA_PRIMARY_PORT (5432), SAPA_REPLICA_PORT (5433),
# SAPA_REPLICA_DIR (/var/lib/postgresql/<major>/sapa-replica). Needs root (pg binaries run as
# the postgres user through runuser) and a primary that trusts 127.0.0.1, as the tests do.
#
# The standby is a copy made by pg_basebackup (every database of the primary), a hot standby
# with hot_standby_feedback (the primary keeps rows a long pull on the standby still reads,
# instead of the standby cancelling that pull), fed through the physical slot `sapa_replica`
# (the primary keeps the WAL the standby has not received, so a stopped standby catches up
# on start). `remove` drops the slot: a slot nobody reads keeps WAL for ever.
set -euo pipefail

PRIMARY_HOST="${SAPA_PRIMARY_HOST:-127.0.0.1}"
PRIMARY_PORT="${SAPA_PRIMARY_PORT:-5432}"
REPLICA_PORT="${SAPA_REPLICA_PORT:-5433}"
SLOT=sapa_replica
ACTION="${1:-status}"

psql_on() { # psql_on <port> <sql>: one value (or rows) from database postgres as postgres
  psql -X -h 127.0.0.1 -p "$1" -U postgres -d postgres -Atqc "$2"
}
primary() { psql -X -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres -d postgres -Atqc "$1"; }

primary 'SELECT 1' >/dev/null 2>&1 || { echo "pg-replica: the primary ${PRIMARY_HOST}:${PRIMARY_PORT} does not answer" >&2; exit 1; }
MAJOR="$(primary 'SHOW server_version_num')"
MAJOR="$((MAJOR / 10000))"
BIN="/usr/lib/postgresql/${MAJOR}/bin"
DATA="${SAPA_REPLICA_DIR:-/var/lib/postgresql/${MAJOR}/sapa-replica}"
LOG="/var/log/postgresql/sapa-replica-${MAJOR}.log"
[ -x "$BIN/pg_ctl" ] || { echo "pg-replica: no PostgreSQL ${MAJOR} binaries in $BIN" >&2; exit 1; }

as_postgres() { runuser -u postgres -- "$@"; }
running() { as_postgres "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

# The primary must accept a replication connection from 127.0.0.1 and have WAL senders
# and slots to spare; changes are made only when missing, then the config is reloaded.
prepare_primary() {
  local level senders slots hba reload=false restart=false
  level="$(primary 'SHOW wal_level')"
  senders="$(primary 'SHOW max_wal_senders')"
  slots="$(primary 'SHOW max_replication_slots')"
  if [ "$level" = minimal ]; then primary "ALTER SYSTEM SET wal_level = replica"; restart=true; fi
  if [ "$senders" -lt 2 ]; then primary "ALTER SYSTEM SET max_wal_senders = 10"; restart=true; fi
  if [ "$slots" -lt 2 ]; then primary "ALTER SYSTEM SET max_replication_slots = 10"; restart=true; fi
  hba="$(primary 'SHOW hba_file')"
  if ! grep -Eq '^[[:space:]]*host[[:space:]]+replication[[:space:]]+(all|postgres)[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
    printf '# scripts/pg-replica.sh: the local standby streams from here\nhost replication all 127.0.0.1/32 trust\n' >>"$hba"
    reload=true
  fi
  if $restart; then
    echo "pg-replica: restarting the primary for wal_level/max_wal_senders/max_replication_slots"
    pg_ctlcluster --skip-systemctl-redirect "$MAJOR" main restart
  elif $reload; then
    primary 'SELECT pg_reload_conf()' >/dev/null
  fi
  primary "SELECT 1 FROM pg_replication_slots WHERE slot_name = '$SLOT'" | grep -q 1 \
    || primary "SELECT pg_create_physical_replication_slot('$SLOT', true)" >/dev/null
}

# The settings a hot standby must have at least as high as its primary, copied from it.
write_config() {
  local n
  {
    echo "# scripts/pg-replica.sh: a hot standby of ${PRIMARY_HOST}:${PRIMARY_PORT}"
    echo "port = ${REPLICA_PORT}"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = '/var/run/postgresql'"
    echo "hot_standby = on"
    echo "hot_standby_feedback = on"
    echo "primary_slot_name = '${SLOT}'"
    for n in max_connections max_worker_processes max_wal_senders max_prepared_transactions max_locks_per_transaction; do
      echo "$n = $(primary "SHOW $n")"
    done
  } >"$DATA/postgresql.conf"
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$DATA/pg_hba.conf"
  : >"$DATA/pg_ident.conf"
  chown postgres:postgres "$DATA/postgresql.conf" "$DATA/pg_hba.conf" "$DATA/pg_ident.conf"
}

basebackup() {
  echo "pg-replica: copying ${PRIMARY_HOST}:${PRIMARY_PORT} into $DATA (pg_basebackup)"
  running && as_postgres "$BIN/pg_ctl" -D "$DATA" -m immediate stop >/dev/null || true
  rm -rf "$DATA"
  install -d -o postgres -g postgres -m 700 "$DATA"
  # -R writes standby.signal and primary_conninfo; -X stream copies the WAL of the copy itself.
  as_postgres "$BIN/pg_basebackup" -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres -D "$DATA" \
    -X stream -S "$SLOT" -R -c fast
  write_config
}

start_standby() {
  install -d -o postgres -g postgres /var/log/postgresql
  touch "$LOG" && chown postgres:postgres "$LOG"
  running || as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 120 start >/dev/null
}

# Streaming: the standby answers, is in recovery, and its WAL receiver is connected.
streaming() {
  [ "$(psql_on "$REPLICA_PORT" 'SELECT pg_is_in_recovery()' 2>/dev/null)" = t ] \
    && [ "$(psql_on "$REPLICA_PORT" "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'" 2>/dev/null)" = 1 ]
}

wait_streaming() { # wait_streaming <seconds>
  local i
  for ((i = 0; i < $1 * 4; i++)); do streaming && return 0; sleep 0.25; done
  return 1
}

healthy_copy() { # a standby of this major version pointed at our slot
  [ -f "$DATA/PG_VERSION" ] && [ "$(cat "$DATA/PG_VERSION")" = "$MAJOR" ] && [ -f "$DATA/standby.signal" ] \
    && [ -f "$DATA/postgresql.conf" ] && grep -q "^port = ${REPLICA_PORT}$" "$DATA/postgresql.conf"
}

start() {
  [ "$(id -u)" -eq 0 ] || { echo "pg-replica: run as root (pg binaries run as postgres through runuser)" >&2; exit 1; }
  prepare_primary
  if streaming; then echo "pg-replica: streaming on 127.0.0.1:${REPLICA_PORT}"; return 0; fi
  if ! healthy_copy; then basebackup; fi
  if start_standby && wait_streaming 30; then
    echo "pg-replica: streaming on 127.0.0.1:${REPLICA_PORT}"
    return 0
  fi
  # A copy that cannot catch up (its slot was dropped and the WAL is gone, a crash left it
  # unusable): make it again, once.
  echo "pg-replica: the standby does not stream; making it again (log: $LOG)" >&2
  basebackup
  start_standby && wait_streaming 60 || { echo "pg-replica: the new standby does not stream either; see $LOG" >&2; exit 1; }
  echo "pg-replica: streaming on 127.0.0.1:${REPLICA_PORT}"
}

stop() {
  if running; then as_postgres "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null; fi
  echo "pg-replica: stopped"
}

status() {
  if ! streaming; then
    running && echo "pg-replica: running on ${REPLICA_PORT} but not streaming (log: $LOG)" || echo "pg-replica: stopped"
    return 3
  fi
  echo "pg-replica: streaming on 127.0.0.1:${REPLICA_PORT}"
  psql_on "$REPLICA_PORT" "SELECT 'replayed ' || pg_last_wal_replay_lsn() || ', paused ' || pg_is_wal_replay_paused()
    || ', last replayed commit ' || coalesce(round(extract(epoch FROM now() - pg_last_xact_replay_timestamp()))::text || ' s ago', 'none')"
  primary "SELECT 'primary sees: ' || state || ', replay lag ' || coalesce(replay_lag::text, '0')
    || ', bytes behind ' || pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) FROM pg_stat_replication WHERE application_name = 'walreceiver'
    OR client_addr = '127.0.0.1' LIMIT 1"
}

remove() {
  stop
  primary "SELECT pg_drop_replication_slot('$SLOT') FROM pg_replication_slots WHERE slot_name = '$SLOT' AND NOT active" >/dev/null
  rm -rf "$DATA"
  echo "pg-replica: removed $DATA and the slot $SLOT"
}

case "$ACTION" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  remove) remove ;;
  *) echo "usage: $0 start|stop|status|remove" >&2; exit 2 ;;
esac
