// The SIP bridge's decisions, against a test double of the router's port (the real router
// is another module) and a recording rtpengine: what Kamailio is told for each answer of
// the router, what the caller hears, and what the router hears back.
import { afterEach, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { KamailioEvent, type BridgeCommand } from '../../../../src/shared/sip-bridge.js';
import type { ArrivalAnswer, CallOffer, CallRouterPort, QueueStanding } from '../../../../src/server/contact-center/call-router-port.js';
import { createSipBridge, LIMIT_CHECK_MS, ringFailureReason } from '../../../../src/server/contact-center/sip-bridge/bridge.js';
import { loadPrompts, wavDurationMs } from '../../../../src/server/contact-center/sip-bridge/prompts.js';
import type { RtpengineNg } from '../../../../src/server/contact-center/sip-bridge/rtpengine-ng.js';
import { readFileSync } from 'node:fs';

const PROMPTS = path.resolve(import.meta.dirname, '../../../../resources/prompts');
const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.2\r\ns=-\r\nc=IN IP4 127.0.0.2\r\nt=0 0\r\nm=audio 40000 RTP/AVP 8\r\n';
const held = (event: 'arrive' | 'held' | 'ring_failed', extra: Partial<Record<string, unknown>> = {}) => KamailioEvent.parse({
  event, callId: 'c1@127.0.0.2', fromTag: 'ft1', caller: '6281234567890', dialled: '150', site: 'jakarta', trusted: true,
  code: 0, reservation: '', sdp64: event === 'arrive' ? Buffer.from(SDP).toString('base64') : '', ...extra,
});

function world(arrival: ArrivalAnswer, standing: QueueStanding | null = { position: 1, expectedWaitSec: null, waitedSec: 10, overLimit: null }, announceEveryMs = 20_000) {
  const sent: BridgeCommand[] = [];
  const ng: { name: string; args: Record<string, unknown> }[] = [];
  const calls: string[] = [];
  let offerListener: ((o: CallOffer) => void) | null = null;
  const router: CallRouterPort = {
    arrive: async (c) => { calls.push(`arrive ${c.sipCallId} ${c.callerNumber} ${c.dialledNumber} ${c.siteCode} ${c.trusted}`); return arrival; },
    answered: async (t, r) => { calls.push(`answered ${t} ${r}`); },
    ringFailed: async (t, r, why) => { calls.push(`ringFailed ${t} ${r} ${why}`); },
    ended: async (id, why) => { calls.push(`ended ${id} ${why}`); },
    convertToCallback: async (id) => { calls.push(`callback ${id}`); return { callbackTaskId: 'cb1' }; },
    standing: async () => standing,
    onCallOffer: (site, listener) => { calls.push(`subscribe ${site}`); offerListener = listener; return () => { offerListener = null; }; },
  };
  const rtpengine: RtpengineNg = {
    command: async (name, args) => {
      ng.push({ name, args });
      const answer: Record<string, string> = { result: 'ok' };
      if (name === 'answer') answer.sdp = 'v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 30002 RTP/AVP 8\r\n';
      return answer;
    },
    close: () => undefined,
  };
  const bridge = createSipBridge({
    router, siteCode: 'jakarta', rtpengine, send: (c) => { sent.push(c); return true; }, prompts: loadPrompts(PROMPTS),
    peerSites: { yogyakarta: '127.0.0.1:5062' }, announceEveryMs, log: { info: vi.fn(), warn: vi.fn() },
  });
  return { bridge, sent, ng, calls, offer: (o: CallOffer) => offerListener?.(o), played: () => ng.filter((c) => c.name === 'play media').map((c) => path.basename(String(c.args.file))) };
}

afterEach(() => { vi.useRealTimers(); });

describe('the SIP bridge', () => {
  it('ends the hold media on rtpengine once the call is answered', async () => {
    const w = world({ outcome: 'queued', taskId: 't1', position: 2, expectedWaitSec: 120 });
    await w.bridge.handle(held('arrive'));
    await w.bridge.handle(KamailioEvent.parse({ event: 'answered', callId: 'c1@127.0.0.2', reservation: 't1 r1' }));
    expect(w.ng.filter((c) => c.name === 'delete').map((c) => c.args['call-id'])).toEqual(['c1@127.0.0.2~sapa-queue']);
  });

  it('opens the early media on rtpengine and sends its SDP back for the 183', async () => {
    const w = world({ outcome: 'queued', taskId: 't1', position: 2, expectedWaitSec: 120 });
    await w.bridge.handle(held('arrive'));
    expect(w.ng.map((c) => c.name)).toEqual(['offer', 'answer']);
    // the hold media is an rtpengine call of its own, beside the SIP call's (the agent's leg)
    expect(w.ng[0]?.args).toMatchObject({ 'call-id': 'c1@127.0.0.2~sapa-queue', 'from-tag': 'ft1', sdp: SDP, ICE: 'force' });
    expect(w.ng[1]?.args).toMatchObject({ 'from-tag': 'ft1', 'to-tag': 'sapa-queue', 'transport-protocol': 'RTP/AVP' });
    expect(w.sent).toEqual([{ cmd: 'early', callId: 'c1@127.0.0.2', sdp64: Buffer.from('v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 30002 RTP/AVP 8\r\n').toString('base64') }]);
    expect(w.calls).toEqual(['subscribe jakarta']);   // the router hears of it once the caller has the 183
  });

  it('a queued caller hears the welcome, their position and the expected wait, then the music on repeat', async () => {
    vi.useFakeTimers();
    const w = world({ outcome: 'queued', taskId: 't1', position: 2, expectedWaitSec: 120 });
    await w.bridge.handle(held('held'));
    expect(w.calls).toContain('arrive c1@127.0.0.2 6281234567890 150 jakarta true');
    expect(w.played()).toEqual(['welcome.wav']);
    await vi.advanceTimersByTimeAsync(wavDurationMs(readFileSync(path.join(PROMPTS, 'welcome.wav'))));
    expect(w.played()).toEqual(['welcome.wav', 'position-2.wav']);
    await vi.advanceTimersByTimeAsync(5_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(w.played()).toEqual(['welcome.wav', 'position-2.wav', 'wait-2.wav', 'music.wav']);
    expect(w.ng.at(-1)?.args['repeat-times']).toBe(999);
    // …and again every announceEveryMs, from the router's standing.
    await vi.advanceTimersByTimeAsync(20_000);
    expect(w.played()).toContain('position-1.wav');
    w.bridge.close();
  });

  it('a short interval never cuts a prompt: the next announcement comes after the prompts and that much music', async () => {
    vi.useFakeTimers();
    const ms = (name: string) => wavDurationMs(readFileSync(path.join(PROMPTS, `${name}.wav`)));
    const w = world({ outcome: 'queued', taskId: 't1', position: 1, expectedWaitSec: null }, undefined, 5_000);
    await w.bridge.handle(held('held'));
    // The welcome (about 8 s) is longer than the interval: nothing else starts while it plays.
    await vi.advanceTimersByTimeAsync(ms('welcome') - 1);
    expect(w.played()).toEqual(['welcome.wav']);
    await vi.advanceTimersByTimeAsync(1 + ms('position-1'));
    expect(w.played()).toEqual(['welcome.wav', 'position-1.wav', 'music.wav']);
    // 5 s of music, then the position again (from the router's standing), then the music.
    await vi.advanceTimersByTimeAsync(5_000 - 1);
    expect(w.played()).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(w.played().slice(3)).toEqual(['position-1.wav']);
    await vi.advanceTimersByTimeAsync(ms('position-1') + 5_000);
    expect(w.played().slice(3)).toEqual(['position-1.wav', 'music.wav', 'position-1.wav']);
    w.bridge.close();
  });

  it("rings the agent the router offers, with the reservation Kamailio hands back with the ring's outcome", async () => {
    const w = world({ outcome: 'queued', taskId: 't1', position: 1, expectedWaitSec: null });
    await w.bridge.handle(held('held'));
    w.offer({ taskId: 't1', reservationId: 'r1', sipCallId: 'c1@127.0.0.2', siteCode: 'jakarta', extension: '1001', agentId: 'a1', expiresAt: new Date(Date.now() + 15_000) });
    expect(w.sent.at(-1)).toEqual({ cmd: 'ring', callId: 'c1@127.0.0.2', extension: '1001', ringSec: '15', reservation: 't1 r1' });
    await w.bridge.handle(held('ring_failed', { code: 408, reservation: 't1 r1' }));
    await w.bridge.handle(KamailioEvent.parse({ event: 'answered', callId: 'c1@127.0.0.2', reservation: 't1 r2' }));
    await w.bridge.handle(KamailioEvent.parse({ event: 'ended', callId: 'c1@127.0.0.2', reason: 'hangup' }));
    expect(w.calls.slice(2)).toEqual(['ringFailed t1 r1 no_answer', 'answered t1 r2', 'ended c1@127.0.0.2 hangup']);
    w.bridge.close();
  });

  it('an agent free at once is rung while the music plays', async () => {
    const w = world({ outcome: 'ring', taskId: 't1', reservationId: 'r1', extension: '1002', agentId: 'a2' });
    await w.bridge.handle(held('held'));
    expect(w.played()).toEqual(['music.wav']);
    expect(w.sent.at(-1)).toMatchObject({ cmd: 'ring', extension: '1002', reservation: 't1 r1' });
    w.bridge.close();
  });

  it('over the limit: the call-back promise, the call-back task, then the caller is released', async () => {
    vi.useFakeTimers();
    const w = world({ outcome: 'queued', taskId: 't1', position: 9, expectedWaitSec: null }, { position: 9, expectedWaitSec: null, waitedSec: 300, overLimit: { action: 'callback' } });
    await w.bridge.handle(held('held'));
    // the welcome and the position, then 20 s of music, then the router's standing says: over the limit
    const spoken = ['welcome', 'position-9'].reduce((ms, name) => ms + wavDurationMs(readFileSync(path.join(PROMPTS, `${name}.wav`))), 0);
    await vi.advanceTimersByTimeAsync(spoken + 20_000);
    expect(w.calls).toContain('callback c1@127.0.0.2');
    expect(w.played().at(-1)).toBe('callback.wav');
    await vi.advanceTimersByTimeAsync(wavDurationMs(readFileSync(path.join(PROMPTS, 'callback.wav'))));
    expect(w.sent.at(-1)).toEqual({ cmd: 'reject', callId: 'c1@127.0.0.2', code: '480' });
  });

  it('the limits are looked at between announcements: past the overflow wait the music stops for the overflow prompt within seconds, not at the next announcement', async () => {
    vi.useFakeTimers();
    const standing: QueueStanding = { position: 1, expectedWaitSec: null, waitedSec: 10, overLimit: null };
    // announcements a minute apart (the default is 30 s of music): far later than the limit
    const w = world({ outcome: 'queued', taskId: 't1', position: 1, expectedWaitSec: null }, standing, 60_000);
    await w.bridge.handle(held('held'));
    const spoken = ['welcome', 'position-1'].reduce((ms, name) => ms + wavDurationMs(readFileSync(path.join(PROMPTS, `${name}.wav`))), 0);
    await vi.advanceTimersByTimeAsync(spoken + 1_000);
    expect(w.played()).toEqual(['welcome.wav', 'position-1.wav', 'music.wav']);
    standing.overLimit = { action: 'overflow', toSiteCode: 'yogyakarta' };
    await vi.advanceTimersByTimeAsync(LIMIT_CHECK_MS);
    expect(w.played().at(-1)).toBe('overflow.wav');
    await vi.advanceTimersByTimeAsync(wavDurationMs(readFileSync(path.join(PROMPTS, 'overflow.wav'))));
    expect(w.sent.at(-1)).toEqual({ cmd: 'forward', callId: 'c1@127.0.0.2', target: '127.0.0.1:5062' });
    // nothing else plays for that caller afterwards: no announcement, no second overflow
    const heard = w.played().length;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(w.played()).toHaveLength(heard);
    expect(w.sent.filter((c) => c.cmd === 'forward')).toHaveLength(1);
  });

  it("overflow goes to the other site's Kamailio after the announcement; an unknown site turns the caller away", async () => {
    vi.useFakeTimers();
    const w = world({ outcome: 'overflow', taskId: 't1', toSiteCode: 'yogyakarta' });
    await w.bridge.handle(held('held'));
    expect(w.played()).toEqual(['overflow.wav']);
    await vi.advanceTimersByTimeAsync(wavDurationMs(readFileSync(path.join(PROMPTS, 'overflow.wav'))));
    expect(w.sent.at(-1)).toEqual({ cmd: 'forward', callId: 'c1@127.0.0.2', target: '127.0.0.1:5062' });
    const lost = world({ outcome: 'overflow', taskId: null, toSiteCode: 'bandung' });
    await lost.bridge.handle(held('held'));
    expect(lost.sent.at(-1)).toEqual({ cmd: 'reject', callId: 'c1@127.0.0.2', code: '480' });
  });

  it('no queue for the number: 404; the site closed: the announcement, then 480', async () => {
    const w = world({ outcome: 'rejected', reason: 'no_queue' });
    await w.bridge.handle(held('held'));
    expect(w.sent.at(-1)).toEqual({ cmd: 'reject', callId: 'c1@127.0.0.2', code: '404' });
  });

  it('maps SIP failures to the router\'s reasons', () => {
    expect([486, 600, 408, 603, 480, 500].map(ringFailureReason)).toEqual(['busy', 'busy', 'no_answer', 'declined', 'unreachable', 'unreachable']);
  });
});

describe('the wire contract', () => {
  it.each([
    ['a caller number with SIP syntax in it', { caller: '0812;tag=x' }],
    ['a Call-ID with a quote', { callId: 'a"b' }],
    ['an SDP that is not base64', { sdp64: 'v=0\r\n' }],
    ['a reservation of another shape', { reservation: 'x' }],
    ['an extra field', { extra: 1 }],
  ])('refuses %s', (_why, extra) => {
    expect(KamailioEvent.safeParse({ ...held('arrive'), ...extra }).success).toBe(false);
  });
});
