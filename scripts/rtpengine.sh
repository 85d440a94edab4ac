#!/usr/bin/env bash
# Starts and stops the site's rtpengine, the media relay Kamailio drives (its rtpengine
# module): plain RTP (G.711) towards the carrier trunk ↔ DTLS-SRTP + ICE towards the
# agents' WebRTC softphones, and the queue's hold music and announcements (NG "play
# media"). User space only (no kernel module, --table=-1), so it runs without privileges.
#   scripts/rtpengine.sh start | stop | restart | status
# Settings (environment):
#   SAPA_RTPENGINE_INTERFACE  media address (default 127.0.0.1): the address both the
#                             trunk and the desktops can reach
#   SAPA_RTPENGINE_NG         NG control address host:port (default 127.0.0.1:22222);
#                             Kamailio's SAPA_RTPENGINE_NG must be the same
#   SAPA_RTPENGINE_CLI        its command-line control port host:port (default: the NG
#                             port + 1 on the same host; rtpengine's own default, 2224,
#                             collides when two sites run on one machine)
#   SAPA_RTPENGINE_PORT_MIN   lowest media port (default 30000)
#   SAPA_RTPENGINE_PORT_MAX   highest media port (default 30999); 4 ports per call leg pair
#   SAPA_RTPENGINE_DIR        run folder: pid file, log (default .data/rtpengine)
#   SAPA_RTPENGINE_LOG_LEVEL  syslog level 0-7 (default 5; 7 = debug)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
INTERFACE="${SAPA_RTPENGINE_INTERFACE:-127.0.0.1}"
NG="${SAPA_RTPENGINE_NG:-127.0.0.1:22222}"
CLI="${SAPA_RTPENGINE_CLI:-${NG%:*}:$(( ${NG##*:} + 1 ))}"
PORT_MIN="${SAPA_RTPENGINE_PORT_MIN:-30000}"
PORT_MAX="${SAPA_RTPENGINE_PORT_MAX:-30999}"
RUN_DIR="${SAPA_RTPENGINE_DIR:-$ROOT/.data/rtpengine}"
LOG_LEVEL="${SAPA_RTPENGINE_LOG_LEVEL:-5}"
RTPENGINE="${RTPENGINE_BIN:-$(command -v rtpengine || echo /usr/bin/rtpengine)}"
PID="$RUN_DIR/rtpengine.pid"; LOG="$RUN_DIR/rtpengine.log"

die() { echo "rtpengine.sh: $*" >&2; exit 1; }

check_settings() {
  [[ "$NG" =~ ^([0-9.]+):([0-9]+)$ ]] || die "SAPA_RTPENGINE_NG must be IPv4:port (got $NG)"
  [[ "$PORT_MIN" =~ ^[0-9]+$ && "$PORT_MAX" =~ ^[0-9]+$ ]] || die "SAPA_RTPENGINE_PORT_MIN/MAX must be port numbers"
  [ "$PORT_MIN" -lt "$PORT_MAX" ] || die "SAPA_RTPENGINE_PORT_MIN must be below SAPA_RTPENGINE_PORT_MAX"
  [[ "$LOG_LEVEL" =~ ^[0-7]$ ]] || die "SAPA_RTPENGINE_LOG_LEVEL must be 0-7"
}

running() { [ -f "$PID" ] && kill -0 "$(cat "$PID")" 2>/dev/null; }

# NG "ping" over UDP (bencode: d7:command4:pinge with a cookie in front) → "pong".
pong() {
  local host="${NG%:*}" port="${NG##*:}" reply
  exec 4<>"/dev/udp/$host/$port" || return 1
  printf 'sapa d7:command4:pinge' >&4
  reply="$(timeout 0.3 dd bs=512 count=1 status=none <&4 2>/dev/null || true)"
  exec 4>&-
  [[ "$reply" == *pong* ]]
}

start() {
  [ -x "$RTPENGINE" ] || die "rtpengine is not installed (Debian: apt-get install rtpengine-daemon)"
  check_settings
  running && die "already running (pid $(cat "$PID"))"
  mkdir -p "$RUN_DIR"
  # --config-file=none: only these settings, not the package's /etc/rtpengine/rtpengine.conf
  # (its listen-http=localhost:2225 made a second rtpengine on the machine fail to start);
  # --table=-1: no kernel forwarding; --delete-delay=0: a call's ports are free at once
  # after Kamailio deletes it; the working folder is the repo, so prompt files may be
  # given relative to it (resources/prompts/…).
  cd "$ROOT"
  nohup "$RTPENGINE" --config-file=none --foreground --log-stderr --table=-1 --interface="$INTERFACE" \
      --listen-ng="$NG" --listen-cli="$CLI" --port-min="$PORT_MIN" --port-max="$PORT_MAX" --log-level="$LOG_LEVEL" \
      --delete-delay=0 </dev/null >"$LOG" 2>&1 &
  echo $! > "$PID"
  for _ in $(seq 1 50); do
    if ! running; then cat "$LOG" >&2; die "rtpengine exited during start"; fi
    if pong; then echo "rtpengine: ng $NG, media $INTERFACE:$PORT_MIN-$PORT_MAX (pid $(cat "$PID"))"; return 0; fi
    sleep 0.1
  done
  die "rtpengine did not answer an NG ping on $NG"
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
  *) die "usage: $0 start|stop|restart|status" ;;
esac
