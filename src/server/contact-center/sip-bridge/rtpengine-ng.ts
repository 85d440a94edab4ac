// The bridge's line to a site's rtpengine (NG protocol over UDP: "<cookie> <bencode>"),
// for the waiting caller's leg only: Kamailio's rtpengine module cannot answer an offer
// from inside the INVITE it is holding (it accepts an answer only in replies, ACK and
// PRACK), so the bridge makes the queue's side of the early-media session and plays the
// prompts; Kamailio takes the call over from there when an agent is rung.
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { bdecode, bencode, type Bencodable, type Decoded } from './bencode.js';

const TIMEOUT_MS = 1_500;

export class RtpengineError extends Error {}

export interface RtpengineNg {
  command(name: string, args: Record<string, Bencodable>): Promise<Record<string, Decoded>>;
  close(): void;
}

export function rtpengineNg(host: string, port: number): RtpengineNg {
  const socket = createSocket('udp4');
  socket.unref();
  const pending = new Map<string, { resolve(v: Record<string, Decoded>): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
  socket.on('message', (msg) => {
    const space = msg.indexOf(0x20);
    if (space < 0) return;
    const cookie = msg.toString('latin1', 0, space);
    const waiter = pending.get(cookie);
    if (!waiter) return;
    pending.delete(cookie);
    clearTimeout(waiter.timer);
    try {
      const answer = bdecode(msg.subarray(space + 1));
      if (typeof answer !== 'object' || Array.isArray(answer)) throw new Error('answer is not a dictionary');
      if (answer.result !== 'ok' && answer.result !== 'pong') throw new RtpengineError(`rtpengine: ${String(answer['error-reason'] ?? answer.result)}`);
      waiter.resolve(answer);
    } catch (error) {
      waiter.reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
  return {
    command(name, args) {
      const cookie = randomBytes(8).toString('hex');
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => { pending.delete(cookie); reject(new RtpengineError(`rtpengine ${host}:${port} did not answer "${name}"`)); }, TIMEOUT_MS);
        pending.set(cookie, { resolve, reject, timer });
        socket.send(Buffer.concat([Buffer.from(`${cookie} `), bencode({ ...args, command: name })]), port, host, (error) => {
          if (error) { pending.delete(cookie); clearTimeout(timer); reject(new RtpengineError(error.message)); }
        });
      });
    },
    close() {
      for (const waiter of pending.values()) { clearTimeout(waiter.timer); waiter.reject(new RtpengineError('closed')); }
      pending.clear();
      socket.close();
    },
  };
}

/** The queue's placeholder side: receives only, on the discard port, so nothing loops. */
const QUEUE_SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=queue\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 8 0 101\r\n'
  + 'a=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n';
export const QUEUE_TAG = 'sapa-queue';

/** The same flags Kamailio's config gives (TO_WEBRTC, TO_TRUNK), as NG dictionaries. */
const TO_WEBRTC = { ICE: 'force', DTLS: 'passive', SDES: ['off'], 'transport-protocol': 'RTP/SAVPF', 'rtcp-mux': ['offer', 'require'], flags: ['generate-mid'], replace: ['origin', 'session-connection'] };
const TO_TRUNK = { ICE: 'remove', DTLS: 'off', 'transport-protocol': 'RTP/AVP', 'rtcp-mux': ['demux'], replace: ['origin', 'session-connection'], codec: { strip: ['all'], except: ['PCMU', 'PCMA', 'telephone-event'] } };

/**
 * The waiting caller's media is an rtpengine call of its own, beside the SIP call's: when
 * the agent's leg was offered on the same call and caller tag, rtpengine kept forwarding
 * the caller's audio to the queue's placeholder side and the agent heard nothing (and,
 * seeing no media, restarted ICE with a re-INVITE the carrier did not expect) — found by
 * tests/sip/hotline-queue.spec.ts. The 200 OK from the agent carries its own SDP (another
 * dialog than the 183's, as SIP allows); the bridge deletes the hold call once the call is
 * answered, turned away, forwarded or has ended.
 */
export function holdCallId(callId: string): string {
  return `${callId}~${QUEUE_TAG}`;
}

/** Opens the waiting caller's media: the caller's offer, answered by the queue's side; returns the SDP for the 183. */
export async function openHoldMedia(ng: RtpengineNg, callId: string, fromTag: string, callerSdp: string): Promise<string> {
  const id = holdCallId(callId);
  await ng.command('offer', { 'call-id': id, 'from-tag': fromTag, sdp: callerSdp, ...TO_WEBRTC });
  const answer = await ng.command('answer', { 'call-id': id, 'from-tag': fromTag, 'to-tag': QUEUE_TAG, sdp: QUEUE_SDP, ...TO_TRUNK });
  if (typeof answer.sdp !== 'string') throw new RtpengineError('rtpengine answered without SDP');
  return answer.sdp;
}

export async function playToCaller(ng: RtpengineNg, callId: string, fromTag: string, file: string, repeat: number): Promise<void> {
  await ng.command('play media', { 'call-id': holdCallId(callId), 'from-tag': fromTag, file, 'repeat-times': repeat });
}

/** Ends the waiting caller's media (the prompts and the music stop with it). */
export async function closeHoldMedia(ng: RtpengineNg, callId: string): Promise<void> {
  await ng.command('delete', { 'call-id': holdCallId(callId) });
}
