// softphone.*, agent.setStatus, recording.*: the desktop side of the softphone. SIP itself
// runs in the renderer (sip.js); core hands out the server's SIP credentials, saves call
// wrap-ups (cache first so the timeline shows them at once, then the server, retried until
// it lands) and spools and uploads call recordings.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SapaError } from '../../../shared/errors.js';
import { API_PREFIX } from '../../../shared/http.js';
import { toE164 } from '../../../shared/phone.js';
import { CallWrapUp, DEFAULT_DISPOSITIONS, SipCredentials } from '../../../shared/softphone.js';
import { type CoreContext, type HandlerMap } from '../context.js';
import { RecordingSpool } from '../recordings/spool.js';

const RETRY_INTERVAL_MS = 10_000;
const STATUS_TIMEOUT_MS = 3_000;
const AUDIO_RANGE_BYTES = 1024 * 1024;

type SoftphoneMethod =
  | 'softphone.credentials' | 'softphone.dispositions' | 'softphone.saveWrapUp' | 'agent.setStatus'
  | 'recording.begin' | 'recording.chunk' | 'recording.finish' | 'recording.status' | 'recording.audio';

export function createSoftphoneHandlers(ctx: CoreContext) {
  const spool = new RecordingSpool(ctx.options.dataDir, ctx.logger);
  const pendingDir = path.join(ctx.options.dataDir, 'wrapups-pending');
  mkdirSync(pendingDir, { recursive: true, mode: 0o700 });

  const target = () => {
    const session = ctx.session();
    return session ? { serverUrl: ctx.server.currentUrl(), token: session.token } : null;
  };

  async function postWrapUp(w: CallWrapUp, token: string): Promise<void> {
    await ctx.server.request({
      method: 'POST', path: `${API_PREFIX}/calls/wrap-up`, json: w, token, schema: z.object({ id: z.uuid() }),
    });
  }

  /** Sends wrap-ups the server has not acknowledged; a rejected one is kept with its error. */
  async function flushPending(): Promise<void> {
    const session = ctx.session();
    if (!session) return;
    for (const file of readdirSync(pendingDir).filter((f) => f.endsWith('.json'))) {
      const w = CallWrapUp.parse(JSON.parse(readFileSync(path.join(pendingDir, file), 'utf8')));
      try {
        await postWrapUp(w, session.token);
        rmSync(path.join(pendingDir, file), { force: true });
      } catch (error) {
        if (error instanceof SapaError && error.code === 'OFFLINE') return; // try again later
        ctx.logger.warn('wrap-up refused by the server; kept on disk', { id: w.id, error: String(error) });
        renameSync(path.join(pendingDir, file), path.join(pendingDir, `${w.id}.rejected`));
      }
    }
  }

  const timer = setInterval(() => {
    void flushPending().catch((e: unknown) => ctx.logger.warn('wrap-up retry failed', { error: String(e) }));
    const t = target();
    if (t) spool.resumeAll(t);
  }, RETRY_INTERVAL_MS);
  timer.unref();

  const insertLocal = ctx.store.db.prepare(
    `INSERT OR IGNORE INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_id, agent_name,
       subject, body, disposition, duration_sec, recording_id, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );

  const handlers: HandlerMap<SoftphoneMethod> = {
    'softphone.credentials': async (_input, c) => c.server.request({
      path: `${API_PREFIX}/sip/credentials`, token: c.requireSession().token, schema: SipCredentials, timeoutMs: 5_000,
    }),

    'softphone.dispositions': async (_input, c) => {
      try {
        return await c.server.request({
          path: `${API_PREFIX}/calls/dispositions`, token: c.requireSession().token,
          schema: z.object({ dispositions: z.array(z.string()) }), timeoutMs: 3_000,
        });
      } catch {
        return { dispositions: [...DEFAULT_DISPOSITIONS] }; // offline: the built-in list
      }
    },

    'softphone.saveWrapUp': async (w, c) => {
      const session = c.requireSession();
      const number = toE164(w.number) ?? w.number;
      // version 0: the synced row (a real version) replaces this one when it arrives.
      insertLocal.run(
        w.id, w.customerId, w.direction === 'inbound' ? 'call_in' : 'call_out', w.direction, w.startedAt, w.endedAt,
        session.user.id, session.user.displayName, `${w.direction === 'inbound' ? 'Call from' : 'Call to'} ${number}`,
        w.notes || null, w.disposition, w.talkSec, w.recordingId,
      );
      try {
        await postWrapUp(w, session.token);
        return { id: w.id, server: 'saved' as const };
      } catch (error) {
        if (error instanceof SapaError && error.code !== 'OFFLINE' && error.code !== 'INTERNAL') throw error;
        const tmp = path.join(pendingDir, `${w.id}.tmp`);
        writeFileSync(tmp, JSON.stringify(w));
        renameSync(tmp, path.join(pendingDir, `${w.id}.json`));
        return { id: w.id, server: 'pending' as const };
      }
    },

    'agent.setStatus': async ({ status }, c) => {
      try {
        await c.server.request({
          method: 'PUT', path: `${API_PREFIX}/agents/me/status`, json: { status }, token: c.requireSession().token,
          schema: z.object({ status: z.string() }), timeoutMs: STATUS_TIMEOUT_MS,
        });
        return { status, reported: true };
      } catch (error) {
        if (error instanceof SapaError && error.code === 'UNAUTHENTICATED') throw error;
        return { status, reported: false };
      }
    },

    'recording.begin': ({ recordingId, mime }) => spool.begin(recordingId, mime),
    'recording.chunk': ({ recordingId, seq, data }) => ({ spooledBytes: spool.chunk(recordingId, seq, data) }),
    'recording.finish': ({ recordingId, durationMs, pauses }) => spool.finish(recordingId, durationMs, pauses, target()),
    'recording.status': ({ recordingId }) => spool.status(recordingId),

    'recording.audio': async ({ recordingId }, c) => {
      const token = c.requireSession().token;
      const meta = await c.server.request({
        path: `${API_PREFIX}/recordings/${recordingId}`, token,
        schema: z.object({ mime: z.string(), sizeBytes: z.number(), durationMs: z.number().nullable(), complete: z.boolean() }),
      });
      if (!meta.complete) throw new SapaError('CONFLICT', 'The recording is still uploading');
      // Read in ranges so a large recording never needs one huge response.
      const parts: Buffer[] = [];
      for (let start = 0; start < meta.sizeBytes; start += AUDIO_RANGE_BYTES) {
        const end = Math.min(start + AUDIO_RANGE_BYTES, meta.sizeBytes) - 1;
        const res = await fetch(`${c.server.currentUrl()}${API_PREFIX}/recordings/${recordingId}/audio`, {
          headers: { authorization: `Bearer ${token}`, range: `bytes=${start}-${end}` },
        });
        if (res.status !== 206) throw new SapaError('INTERNAL', `Recording range answered ${res.status}`);
        parts.push(Buffer.from(await res.arrayBuffer()));
      }
      return { mime: meta.mime, data: Buffer.concat(parts).toString('base64'), durationMs: meta.durationMs };
    },
  };

  return {
    handlers,
    close() { clearInterval(timer); },
  };
}
