#!/usr/bin/env bash
# Starts and stops Sapa's Kamailio (SIP registrar/proxy) from resources/kamailio/kamailio.cfg.tmpl.
#   scripts/kamailio.sh start | stop | restart | status | config
# Settings (environment):
#   SAPA_SIP_HOST      address to listen on            (default 127.0.0.1)
#   SAPA_SIP_PORT      UDP/TCP SIP port                 (default 5060)
#   SAPA_SIP_WS_PORT   SIP over WebSocket port          (default 8088)
#   SAPA_SIP_SECRET    auth_ephemeral shared secret, the same value the Sapa server gets
#                      (required; at least 16 characters)
#   SAPA_SIP_TRUNKS    trunk addresses (IPs or CIDRs, comma-separated) that may send calls
#                      without authenticating: the carrier's signalling addresses. Empty
#                      (the default): no unauthenticated call is let in from anywhere
#   SAPA_SIP_RPC_HOST  address of the JSON-RPC listener the Sapa server revokes SIP
#                      credentials through (default 127.0.0.1; the server's SAPA_SIP_RPC_URLS)
#   SAPA_SIP_RPC_PORT  its port (default 5090)
#   SAPA_RTPENGINE_NG  the site's rtpengine NG control address host:port, the same value
#                      scripts/rtpengine.sh gets (default 127.0.0.1:22222)
#   SAPA_SIP_TRUNK_GATEWAY  the carrier's address host:port that agents' calls to customer
#                      numbers go out to (empty, the default: no outbound calls to the PSTN)
#   SAPA_SIP_CALLER_ID the company's number the customer sees on outbound calls (digits,
#                      optionally a leading +; P-Asserted-Identity and From user)
#   SAPA_SIP_EVAPI     address host:port the server's SIP bridge connects to (evapi) to
#                      queue hotline calls (empty, the default: no queue; trunk calls only
#                      reach extensions)
#   SAPA_SITE_CODE     this site's code (sites.code) the bridge hears calls from (default jakarta)
#   SAPA_KAMAILIO_DIR  run folder: config, pid file, log (default .data/kamailio)
#   SAPA_KAMAILIO_DEBUG  Kamailio log level (default 1; 3 = debug)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
HOST="${SAPA_SIP_HOST:-127.0.0.1}"
SIP_PORT="${SAPA_SIP_PORT:-5060}"
WS_PORT="${SAPA_SIP_WS_PORT:-8088}"
RUN_DIR="${SAPA_KAMAILIO_DIR:-$ROOT/.data/kamailio}"
DEBUG="${SAPA_KAMAILIO_DEBUG:-1}"
RPC_HOST="${SAPA_SIP_RPC_HOST:-127.0.0.1}"
RPC_PORT="${SAPA_SIP_RPC_PORT:-5090}"
RTPENGINE_NG="${SAPA_RTPENGINE_NG:-127.0.0.1:22222}"
KAMAILIO="${KAMAILIO_BIN:-$(command -v kamailio || echo /usr/sbin/kamailio)}"
MODULES="${KAMAILIO_MODULES:-/usr/lib/x86_64-linux-gnu/kamailio/modules/}"
CFG="$RUN_DIR/kamailio.cfg"; PID="$RUN_DIR/kamailio.pid"; LOG="$RUN_DIR/kamailio.log"

die() { echo "kamailio.sh: $*" >&2; exit 1; }

render() {
  local secret="${SAPA_SIP_SECRET:-}"
  [ ${#secret} -ge 16 ] || die "SAPA_SIP_SECRET must be set (at least 16 characters)"
  # The secret goes into a quoted Kamailio string: refuse characters that would break it.
  [[ "$secret" =~ ^[A-Za-z0-9_.~+/=-]+$ ]] || die "SAPA_SIP_SECRET may contain only letters, digits and _.~+/=-"
  [[ "$RPC_PORT" =~ ^[0-9]+$ ]] || die "SAPA_SIP_RPC_PORT must be a port number"
  local trunks; trunks="$(trunk_list "${SAPA_SIP_TRUNKS:-}")" || exit 1
  local trunks_define=""
  [ -n "$trunks" ] && trunks_define="#!define SAPA_TRUNKS \"$trunks\""
  # The server derives the same key (src/server/sip/kamailio-rpc.ts rpcKey).
  [[ "$RTPENGINE_NG" =~ ^[0-9.]+:[0-9]+$ ]] || die "SAPA_RTPENGINE_NG must be IPv4:port (got $RTPENGINE_NG)"
  local gateway="${SAPA_SIP_TRUNK_GATEWAY:-}" gateway_define="" caller_id="${SAPA_SIP_CALLER_ID:-}" caller_id_define=""
  if [ -n "$gateway" ]; then
    [[ "$gateway" =~ ^[A-Za-z0-9.-]+:[0-9]+$ ]] || die "SAPA_SIP_TRUNK_GATEWAY must be host:port (got $gateway)"
    gateway_define="#!define SAPA_TRUNK_GATEWAY \"$gateway\""
  fi
  if [ -n "$caller_id" ]; then
    [[ "$caller_id" =~ ^\+?[0-9]{3,15}$ ]] || die "SAPA_SIP_CALLER_ID must be a phone number (digits, optionally a leading +)"
    caller_id_define="#!define SAPA_CALLER_ID \"$caller_id\""
  fi
  local evapi="${SAPA_SIP_EVAPI:-}" evapi_define="" site="${SAPA_SITE_CODE:-jakarta}"
  if [ -n "$evapi" ]; then
    [[ "$evapi" =~ ^[0-9.]+:[0-9]+$ ]] || die "SAPA_SIP_EVAPI must be IPv4:port (got $evapi)"
    evapi_define="#!define SAPA_EVAPI \"$evapi\""
  fi
  [[ "$site" =~ ^[A-Za-z0-9_-]{1,16}$ ]] || die "SAPA_SITE_CODE must be letters, digits, _ or - (got $site)"
  local site_define="#!define SAPA_SITE \"$site\""
  local rpc_key
  rpc_key="$(printf '%s' "sapa-kamailio-rpc" | openssl dgst -sha256 -hmac "$secret" | awk '{print $NF}')"
  [[ "$rpc_key" =~ ^[0-9a-f]{64}$ ]] || die "could not derive the RPC key (is openssl installed?)"
  mkdir -p "$RUN_DIR"
  sed -e "s|@@HOST@@|$HOST|g" -e "s|@@SIP_PORT@@|$SIP_PORT|g" -e "s|@@WS_PORT@@|$WS_PORT|g" \
      -e "s|@@SECRET@@|$secret|g" -e "s|@@MODULES@@|$MODULES|g" -e "s|@@DEBUG@@|$DEBUG|g" \
      -e "s|@@RPC_HOST@@|$RPC_HOST|g" -e "s|@@RPC_PORT@@|$RPC_PORT|g" -e "s|@@RPC_KEY@@|$rpc_key|g" \
      -e "s|@@TRUNKS_DEFINE@@|$trunks_define|g" -e "s|@@RTPENGINE_NG@@|$RTPENGINE_NG|g" \
      -e "s|@@GATEWAY_DEFINE@@|$gateway_define|g" -e "s|@@EVAPI_DEFINE@@|$evapi_define|g" \
      -e "s|@@SITE_DEFINE@@|$site_define|g" -e "s|@@CALLER_ID_DEFINE@@|$caller_id_define|g" \
      -e "s|@@LOG_STDERR@@|yes|g" "$ROOT/resources/kamailio/kamailio.cfg.tmpl" > "$CFG"
  chmod 600 "$CFG"
}

# SAPA_SIP_TRUNKS → the comma-separated CIDR list ipops' is_in_subnet takes: a bare
# address gets /32 (IPv4) or /128 (IPv6); anything that is not an address is refused.
trunk_list() {
  local out="" entry addr mask
  IFS=',' read -ra entries <<< "$1"
  for entry in "${entries[@]}"; do
    entry="${entry//[[:space:]]/}"
    [ -z "$entry" ] && continue
    addr="${entry%%/*}"; mask=""
    [ "$addr" != "$entry" ] && mask="${entry#*/}"
    if [[ "$addr" =~ ^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$ ]]; then
      for octet in "${BASH_REMATCH[@]:1}"; do [ "$octet" -le 255 ] || die "SAPA_SIP_TRUNKS: bad address $entry"; done
      [ -z "$mask" ] && mask=32
      [[ "$mask" =~ ^[0-9]+$ ]] && [ "$mask" -le 32 ] || die "SAPA_SIP_TRUNKS: bad prefix length in $entry"
    elif [[ "$addr" =~ ^[0-9A-Fa-f:]+$ && "$addr" == *:* ]]; then
      [ -z "$mask" ] && mask=128
      [[ "$mask" =~ ^[0-9]+$ ]] && [ "$mask" -le 128 ] || die "SAPA_SIP_TRUNKS: bad prefix length in $entry"
    else
      die "SAPA_SIP_TRUNKS: $entry is not an IP address or CIDR"
    fi
    out="${out:+$out,}$addr/$mask"
  done
  printf '%s' "$out"
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
