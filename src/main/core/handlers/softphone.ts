// softphone.*, agent.setStatus, recording.*: the desktop side of the softphone. SIP itself
// runs in the renderer (sip.js); core hands out the server's SIP credentials, saves call
// wrap-ups through the outbox (cache at once, server exactly once) and spools and uploads
// call recordings (playing them back is recording-playback.ts).
import { v7 as uuidv7 } from 'uuid';
import { SapaError } from '../../../shared/errors.js';
import { toE164 } from '../../../shared/phone.js';
import { DEFAULT_DISPOSITIONS } from '../../../shared/softphone.js';
import { type DispositionsAnswer } from '../../../shared/softphone-api.js';
import { type CoreContext, type HandlerMap } from '../context.js';
import { PENDING_CUSTOMER_NO } from '../outbox/customer-create-effect.js';
import { RecordingSpool } from '../recordings/spool.js';

const RETRY_INTERVAL_MS = 10_000;
const STATUS_TIMEOUT_MS = 3_000;

type SoftphoneMethod =
  | 'softphone.credentials' | 'softphone.dispositions' | 'softphone.recordCallEvent' | 'softphone.saveWrapUp' | 'softphone.createCustomer' | 'agent.setStatus'
  | 'recording.begin' | 'recording.chunk' | 'recording.mark' | 'recording.finish' | 'recording.status';

export function createSoftphoneHandlers(ctx: CoreContext) {
  const spool = new RecordingSpool(ctx.options.dataDir, ctx.logger, ctx.options.desktopKey);

  const target = () => {
    const session = ctx.session();
    return session ? { serverUrl: ctx.server.currentUrl(), token: session.token } : null;
  };

  const resume = () => {
    const t = target();
    if (!t) return;
    try {
      spool.resumeAll(t);
    } catch (error) { // from a timer or an event: must never take core down
      ctx.logger.error('recording uploads could not resume', { error: String(error) });
    }
  };
  const timer = setInterval(resume, RETRY_INTERVAL_MS);
  timer.unref();
  // Recordings left by the last run (one cut off by a crash included) go up as soon as a
  // session is known, not only at the next retry tick.
  resume();
  const unsubscribe = ctx.events.subscribe((event) => { if (event === 'session.changed') resume(); });

  let lastDispositions: DispositionsAnswer | null = null;
  const handlers: HandlerMap<SoftphoneMethod> = {
    'softphone.credentials': async (_input, c) => c.server.call('sip.credentials', {}, {
      token: c.requireSession().token, timeoutMs: 5_000,
    }),

    // The last answer is kept for this run: offline, the panel offers what the server last
    // said (a disposition an admin added, with its labels), the built-in list only when the
    // server was never reached. The server accepts both (src/server/calls/dispositions.ts).
    'softphone.dispositions': async (_input, c) => {
      try {
        lastDispositions = await c.server.call('calls.dispositions', {}, { token: c.requireSession().token, timeoutMs: 3_000 });
        return lastDispositions;
      } catch {
        return lastDispositions ?? { dispositions: [...DEFAULT_DISPOSITIONS] };
      }
    },

    // Written to the outbox at once, so a hold or a paragraph survives a crash and a line
    // that is down; the server keeps it under the interaction id the wrap-up will carry.
    'softphone.recordCallEvent': (input, c) => {
      const id = uuidv7();
      c.mutate('call.event', { id, ...input });
      return { id };
    },

    // Through the outbox (src/main/core/outbox/README.md): the interaction is in the cache
    // at once and reaches the server exactly once, offline or not; its timing follows as
    // `call.details`, a follow-up as a call-back.
    'softphone.saveWrapUp': (w, c) => {
      const number = toE164(w.number) ?? w.number;
      c.mutate('interaction.create', {
        id: w.id, customerId: w.customerId, phoneE164: toE164(w.number),
        channel: w.direction === 'inbound' ? 'call_in' : 'call_out', direction: w.direction,
        startedAt: w.startedAt, endedAt: w.endedAt,
        subject: `${w.direction === 'inbound' ? 'Call from' : 'Call to'} ${number}`,
        body: w.notes || null, disposition: w.disposition, durationSec: w.talkSec, recordingId: w.recordingId,
      });
      c.mutate('call.details', {
        interactionId: w.id, number, answeredAt: w.answeredAt, talkSec: w.talkSec, holdSec: w.holdSec, acwSec: w.acwSec,
        followUpAt: w.followUpAt,
      });
      c.mutate('call.event', { id: uuidv7(), interactionId: w.id, kind: 'wrap_up_saved', at: new Date().toISOString() });
      if (w.followUpAt) {
        c.mutate('callback.create', {
          id: uuidv7(), customerId: w.customerId, phoneE164: toE164(w.number), dueAt: w.followUpAt,
          note: w.notes ? w.notes.slice(0, 2000) : null, createdAt: new Date().toISOString(),
        });
      }
      return { id: w.id, server: 'queued' as const };
    },

    // Through the outbox too, so a stranger can become a customer while the line is down.
    'softphone.createCustomer': (input, c) => {
      const e164 = toE164(input.phone);
      if (!e164) throw new SapaError('INVALID_INPUT', `"${input.phone}" is not a phone number`);
      const id = uuidv7();
      c.mutate('customer.create', {
        id, salutation: input.salutation, fullName: input.fullName, phoneE164: e164, email: input.email,
        tier: input.tier, createdAt: new Date().toISOString(),
      });
      return {
        id, customerNo: PENDING_CUSTOMER_NO, fullName: input.fullName, salutation: input.salutation, tier: input.tier,
        vvip: false, city: null, phones: [{ e164, type: 'mobile' as const }], emails: input.email ? [input.email] : [],
      };
    },

    'agent.setStatus': async ({ status }, c) => {
      try {
        await c.server.call('agents.reportStatus', { body: { status } }, { token: c.requireSession().token, timeoutMs: STATUS_TIMEOUT_MS });
        return { status, reported: true };
      } catch (error) {
        if (error instanceof SapaError && error.code === 'UNAUTHENTICATED') throw error;
        return { status, reported: false };
      }
    },

    'recording.begin': ({ recordingId, mime }) => spool.begin(recordingId, mime),
    'recording.chunk': ({ recordingId, seq, data }) => ({ spooledBytes: spool.chunk(recordingId, seq, data) }),
    'recording.mark': ({ recordingId, kind, atMs }) => spool.mark(recordingId, kind, atMs),
    'recording.finish': ({ recordingId, durationMs, pauses }) => spool.finish(recordingId, durationMs, pauses, target()),
    'recording.status': ({ recordingId }) => spool.status(recordingId),
  };

  return {
    handlers,
    /** Deletes every spooled recording (an admin's wipe order). */
    wipeSpool: () => spool.wipe(),
    close() {
      clearInterval(timer);
      unsubscribe();
    },
  };
}
