#!/usr/bin/env bash
# The Debian packages Sapa's tests and demo run against, installed when missing.
# As root it installs them (apt-get); otherwise it prints the exact command to run.
#   bash scripts/system-packages.sh            install what is missing; fail if it cannot
#   bash scripts/system-packages.sh --optional install what is missing; only warn if it cannot
# Called by the README's two commands (scripts/demo.sh and npm test) and so by .ci/run.
set -uo pipefail
optional=false
[ "${1:-}" = "--optional" ] && optional=true

# chromium: e2e and SIP tests; kamailio*: the SIP proxy; sip-tester: sipp, the carrier;
# iproute2: network namespaces for SIP tests; nftables: the SIP tests cut the link for a
# few seconds inside their namespace; fonts-noto-core: Indonesian and English text
# in screenshots; openssl: scripts/kamailio.sh derives the JSON-RPC key from the SIP secret.
# (ipops, htable, jsonrpcs, rtpengine, dialog and jansson, which the Kamailio config also
# loads, are in the kamailio package.) rtpengine-daemon: the media relay between the
# trunk's plain RTP and the agents' WebRTC (scripts/rtpengine.sh), and the queue's hold
# media; kamailio-extra-modules: evapi, the link to the server's SIP bridge;
# kamailio-utils-modules: http_client; espeak-ng + sox: scripts/make-prompts.sh makes the
# Indonesian queue prompts in resources/prompts/ and the SIP tests' carrier audio.
packages=(chromium fonts-noto-core iproute2 nftables kamailio kamailio-websocket-modules kamailio-autheph-modules
  kamailio-extra-modules kamailio-utils-modules rtpengine-daemon espeak-ng sox openssl sip-tester)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  command="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    echo "== installing Debian packages: ${missing[*]}"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
      echo "could not install ${missing[*]}; run as root: $command" >&2
      $optional || exit 1
    fi
  else
    echo "missing Debian packages: ${missing[*]}" >&2
    echo "install them as root with:  sudo sh -c '$command'" >&2
    $optional || exit 1
  fi
fi

# The tests need PostgreSQL on 127.0.0.1:5432; the machine starts it, this starts it again
# if it has stopped (the demo runs on the embedded PGlite and does not need it).
if ! $optional && command -v pg_isready >/dev/null && ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  if [ "$(id -u)" -eq 0 ] && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
  pg_isready -h 127.0.0.1 -p 5432 -q || { echo "PostgreSQL is not answering on 127.0.0.1:5432" >&2; exit 1; }
fi
exit 0
