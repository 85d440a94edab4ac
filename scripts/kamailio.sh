#!/usr/bin/env bash
# Starts and stops Sapa's Kamailio (SIP registrar/proxy) from resources/kamailio/kamailio.cfg.tmpl.
#   scripts/kamailio.sh start | stop | restart | status | config
# Settings (environment):
#   SAPA_SIP_HOST      address to listen on            (default 127.0.0.1)
#   SAPA_SIP_PORT      UDP/TCP SIP port                 (default 5060)
#   SAPA_SIP_WS_PORT   SIP over WebSocket port          (default 8088)
#   SAPA_SIP_SECRET    auth_ephemeral shared secret, the same value the Sapa server gets
#                      (required; at least 16 characters)
#   SAPA_KAMAILIO_DIR  run folder: config, pid file, log (default .data/kamailio)
#   SAPA_KAMAILIO_DEBUG  Kamailio log level (default 1; 3 = debug)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
HOST="${SAPA_SIP_HOST:-127.0.0.1}"
SIP_PORT="${SAPA_SIP_PORT:-5060}"
WS_PORT="${SAPA_SIP_WS_PORT:-8088}"
RUN_DIR="${SAPA_KAMAILIO_DIR:-$ROOT/.data/kamailio}"
DEBUG="${SAPA_KAMAILIO_DEBUG:-1}"
KAMAILIO="${KAMAILIO_BIN:-$(command -v kamailio || echo /usr/sbin/kamailio)}"
MODULES="${KAMAILIO_MODULES:-/usr/lib/x86_64-linux-gnu/kamailio/modules/}"
CFG="$RUN_DIR/kamailio.cfg"; PID="$RUN_DIR/kamailio.pid"; LOG="$RUN_DIR/kamailio.log"

die() { echo "kamailio.sh: $*" >&2; exit 1; }

render() {
  local secret="${SAPA_SIP_SECRET:-}"
  [ ${#secret} -ge 16 ] || die "SAPA_SIP_SECRET must be set (at least 16 characters)"
  # The secret goes into a quoted Kamailio string: refuse characters that would break it.
  [[ "$secret" =~ ^[A-Za-z0-9_.~+/=-]+$ ]] || die "SAPA_SIP_SECRET may contain only letters, digits and _.~+/=-"
  mkdir -p "$RUN_DIR"
  sed -e "s|@@HOST@@|$HOST|g" -e "s|@@SIP_PORT@@|$SIP_PORT|g" -e "s|@@WS_PORT@@|$WS_PORT|g" \
      -e "s|@@SECRET@@|$secret|g" -e "s|@@MODULES@@|$MODULES|g" -e "s|@@DEBUG@@|$DEBUG|g" \
      -e "s|@@LOG_STDERR@@|yes|g" "$ROOT/resources/kamailio/kamailio.cfg.tmpl" > "$CFG"
  chmod 600 "$CFG"
}

running() { [ -f "$PID" ] && kill -0 "$(cat "$PID")" 2>/dev/null; }

start() {
  [ -x "$KAMAILIO" ] || die "kamailio is not installed (Debian: apt-get install kamailio kamailio-websocket-modules kamailio-autheph-modules)"
  running && die "already running (pid $(cat "$PID"))"
  render
  "$KAMAILIO" -c -f "$CFG" >"$LOG" 2>&1 || { cat "$LOG" >&2; die "config check failed"; }
  # -DD: stay in the foreground (we keep the pid), -E: log to stderr (our log file)
  nohup "$KAMAILIO" -DD -E -f "$CFG" -Y "$RUN_DIR" >"$LOG" 2>&1 &
  echo $! > "$PID"
  # Ready when the WebSocket port accepts connections.
  for _ in $(seq 1 100); do
    if ! running; then cat "$LOG" >&2; die "kamailio exited during start"; fi
    if (exec 3<>"/dev/tcp/$HOST/$WS_PORT") 2>/dev/null; then
      echo "kamailio: ws://$HOST:$WS_PORT, sip:$HOST:$SIP_PORT (pid $(cat "$PID"))"; return 0
    fi
    sleep 0.1
  done
  die "kamailio did not open ws://$HOST:$WS_PORT"
}

stop() {
  if running; then
    local pid; pid="$(cat "$PID")"
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$PID"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) if running; then echo "running (pid $(cat "$PID"))"; else echo "stopped"; exit 3; fi ;;
  config) render; echo "$CFG" ;;
  *) die "usage: $0 start|stop|restart|status|config" ;;
esac
