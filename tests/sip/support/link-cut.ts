// Cuts the link inside the test's network namespace for a while (nftables, package
// nftables): every UDP packet (the calls' media and ICE checks) and the SIP WebSocket's TCP
// segments are dropped, as when an agent's cable or Wi-Fi goes. TCP survives a cut of a
// few seconds by retransmitting, as it would on a real network; RTP and ICE do not.
import { execFileSync } from 'node:child_process';

const TABLE = 'sapa_link_cut';

function nft(script: string): void {
  execFileSync('nft', ['-f', '-'], { input: script, stdio: ['pipe', 'pipe', 'pipe'] });
}

export interface CutOptions {
  /**
   * Addresses whose UDP still flows: the carrier's (TRUNK_IP), so that only the agent's side
   * of a trunk call goes dark, as when the agent's own cable goes and the carrier stays up.
   * rtpengine's NG control port also stays open (Kamailio ↔ relay is not the agent's link).
   */
  spare?: string[];
  ngPort?: number;
}

/** Drops media and the SIP WebSocket (port `wsPort`) for `ms`, then lets everything through again. */
export async function cutLink(ms: number, wsPort: number, options: CutOptions = {}): Promise<void> {
  const spared = options.spare?.length ? `{ ${options.spare.join(', ')} }` : '';
  const udp = spared
    ? `meta nfproto ipv6 meta l4proto udp drop
    ip saddr != ${spared} ip daddr != ${spared} udp sport != ${options.ngPort ?? 22222} udp dport != ${options.ngPort ?? 22222} drop`
    : 'meta l4proto udp drop';
  nft(`table inet ${TABLE} {
  chain input {
    type filter hook input priority 0; policy accept;
    ${udp}
    tcp dport ${wsPort} drop
    tcp sport ${wsPort} drop
  }
}`);
  try {
    await new Promise((resolve) => setTimeout(resolve, ms));
  } finally {
    nft(`delete table inet ${TABLE}`);
  }
}
