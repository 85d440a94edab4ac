// The customer's end of a trunk call's media, in the test itself: one UDP socket at the port
// the customer's SDP names (scenarios/monitor-customer.xml; sipp does the signalling only).
// It keeps every RTP packet rtpengine sends — what the customer hears — and, once the first
// one told it where rtpengine is, speaks an `hz` tone back in the same G.711 law, 20 ms a packet.
import { createSocket, type RemoteInfo } from 'node:dgram';
import { type TappedPacket } from './rtp-tap.js';
import { linearToAlaw, linearToUlaw } from './tones.js';

export interface CustomerMedia {
  packets: TappedPacket[];
  /** Packets the customer sent. */
  sent(): number;
  close(): Promise<void>;
}

export async function customerMedia(host: string, port: number, hz: number): Promise<CustomerMedia> {
  const packets: TappedPacket[] = [];
  const socket = createSocket('udp4');
  let peer: RemoteInfo | null = null;
  let payloadType = 8;
  let seq = 0;
  let timer: NodeJS.Timeout | null = null;
  const ssrc = 0x5a5a0001;
  const speak = (): void => {
    if (!peer) return;
    const rtp = Buffer.alloc(12 + 160);
    rtp[0] = 0x80; rtp[1] = payloadType; rtp.writeUInt16BE(seq & 0xffff, 2); rtp.writeUInt32BE((seq * 160) >>> 0, 4); rtp.writeUInt32BE(ssrc, 8);
    for (let i = 0; i < 160; i++) {
      const x = 0.3 * Math.sin((2 * Math.PI * hz * (seq * 160 + i)) / 8000);
      rtp[12 + i] = payloadType === 8 ? linearToAlaw(x) : linearToUlaw(x);
    }
    seq++;
    socket.send(rtp, peer.port, peer.address);
  };
  socket.on('message', (msg, from) => {
    if (msg.length < 12 || msg[0] === undefined || (msg[0] >> 6) !== 2) return;
    const pt = (msg[1] ?? 0) & 0x7f;
    let offset = 12 + 4 * (msg[0] & 0x0f);
    if (msg[0] & 0x10) offset += 4 + 4 * msg.readUInt16BE(offset + 2);
    packets.push({ at: Date.now(), payloadType: pt, payload: msg.subarray(offset) });
    if (pt === 0 || pt === 8) payloadType = pt;
    if (!peer) {
      peer = from;
      timer = setInterval(speak, 20);
    }
  });
  await new Promise<void>((resolve) => socket.bind(port, host, resolve));
  return {
    packets,
    sent: () => seq,
    async close() {
      if (timer) clearInterval(timer);
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
}
