// The SIP bridge's wire contract: the JSON messages Kamailio (evapi, see
// resources/kamailio/kamailio.cfg.tmpl, route[QUEUE]) and the server's bridge
// (src/server/contact-center/sip-bridge/) exchange, each in a netstring. Kamailio is a
// trusted peer only after the key, but its messages carry what callers sent (numbers,
// tags), so every field is checked here before the router sees it.
import { z } from 'zod';

/** SIP token-ish text as Kamailio escapes it: no quotes, no control characters, bounded. */
const SipText = z.string().min(1).max(256).regex(/^[^"\\\u0000-\u001f]+$/);
/** A caller or dialled number as the trunk sent it (From / Request-URI user). */
const SipUser = z.string().min(1).max(64).regex(/^[A-Za-z0-9+*#._~-]+$/);
/**
 * "<taskId> <reservationId>" of the agent being rung, which Kamailio keeps for the call and
 * hands back with the ring's outcome, so any server instance can report it; "" otherwise.
 */
const Base64Sdp = z.string().max(16_384).regex(/^[A-Za-z0-9+/]+={0,2}$/);
const Reservation = z.union([z.literal(''), z.string().regex(/^[A-Za-z0-9-]{1,48} [A-Za-z0-9-]{1,48}$/)]);

const Held = { callId: SipText, fromTag: SipText, caller: SipUser, dialled: SipUser, site: z.string().min(1).max(16).regex(/^[A-Za-z0-9_-]+$/),
  trusted: z.boolean(), code: z.number().int().min(0).max(699), reservation: Reservation,
  /** The caller's SDP offer, base64 ("arrive" only; "" otherwise). */
  sdp64: z.union([z.literal(''), Base64Sdp]) };

export const KamailioEvent = z.discriminatedUnion('event', [
  /** A trunk call to a hotline: its INVITE suspended until a command ("early" first). */
  z.object({ event: z.literal('arrive'), ...Held }).strict(),
  /** The 183 went out with the early media's SDP: the caller hears what rtpengine plays. */
  z.object({ event: z.literal('held'), ...Held }).strict(),
  /** The agent's leg failed with `code` (408: no answer): the caller is suspended again. */
  z.object({ event: z.literal('ring_failed'), ...Held }).strict(),
  /** The agent's leg answered: media switched from the hold player to the agent. */
  z.object({ event: z.literal('answered'), callId: SipText, reservation: Reservation }).strict(),
  /** BYE from either side (hangup) or CANCEL while waiting (caller_left). */
  z.object({ event: z.literal('ended'), callId: SipText, reason: z.enum(['hangup', 'caller_left']) }).strict(),
]);
export type KamailioEvent = z.infer<typeof KamailioEvent>;
export type HeldCallEvent = Extract<KamailioEvent, { event: 'arrive' | 'held' | 'ring_failed' }>;

export const BridgeCommand = z.discriminatedUnion('cmd', [
  z.object({ cmd: z.literal('hello'), key: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
  /** Answer the waiting caller 183 with this SDP (rtpengine's, base64) and hold on. */
  z.object({ cmd: z.literal('early'), callId: SipText, sdp64: Base64Sdp }).strict(),
  /** Ring the reserved agent (the caller keeps hearing the music until they answer). */
  z.object({ cmd: z.literal('ring'), callId: SipText, extension: z.string().regex(/^[1-8][0-9]{3}$/), ringSec: z.string().regex(/^[0-9]{1,3}$/), reservation: Reservation }).strict(),
  /** Turn the caller away with a final answer (after a call-back was promised, or no queue). */
  z.object({ cmd: z.literal('reject'), callId: SipText, code: z.string().regex(/^[456][0-9]{2}$/) }).strict(),
  /** Overflow: relay the caller's INVITE to the other site's Kamailio (host:port). */
  z.object({ cmd: z.literal('forward'), callId: SipText, target: z.string().regex(/^[A-Za-z0-9.-]+:[0-9]{1,5}$/) }).strict(),
]);
export type BridgeCommand = z.infer<typeof BridgeCommand>;
