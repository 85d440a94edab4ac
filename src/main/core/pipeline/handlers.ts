// The sales screens' desktop methods. The rep's visit plan works offline: fetched from the
// server when it can be reached (and kept, visit-cache.ts), else read from what was kept;
// check-in, check-out, the report and costs go through the outbox, and a cost's receipt is
// spooled in the cache and uploaded once online (receipt-uploader.ts). Opportunities,
// budgets and the forecast span other reps' data and are read from the server.
import { fileTypeFromBuffer } from 'file-type';
import { v7 as uuidv7 } from 'uuid';
import { SapaError } from '../../../shared/errors.js';
import { type MutationArgs } from '../../../shared/mutations.js';
import { RECEIPT_MAX_BYTES, RECEIPT_TYPES, type Visit } from '../../../shared/pipeline.js';
import { type CoreContext, type HandlerMap } from '../context.js';
import { fieldSalesEffects } from './local-effects.js';
import { type ReceiptUploader } from './receipt-uploader.js';
import { cachedVisit, cachedVisits, storeFetchedVisits } from './visit-cache.js';

type Methods =
  | 'sales.settings' | 'sales.saveSettings' | 'sales.people' | 'opportunities.board' | 'opportunities.list' | 'opportunities.create'
  | 'opportunities.get' | 'opportunities.move' | 'opportunities.addActivity' | 'opportunities.forecast' | 'budgets.summary' | 'budgets.set'
  | 'costs.list' | 'visits.list' | 'visits.plan' | 'visits.realisation' | 'visits.checkIn' | 'visits.checkOut' | 'visits.report'
  | 'costs.record' | 'receipts.pending';

const token = (c: CoreContext) => ({ token: c.requireSession().token });
const nowIso = (c: CoreContext) => new Date((c.options.clock ?? Date.now)()).toISOString();
/** The first instant of a business day (Asia/Jakarta, UTC+7 all year). */
const dayStart = (day: string) => new Date(`${day}T00:00:00+07:00`).toISOString();
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00+07:00`) + 86_400_000).toISOString();

function ownVisit(c: CoreContext, visitId: string): Visit {
  const visit = cachedVisit(c.store.db, visitId);
  if (!visit) throw new SapaError('NOT_FOUND', 'This visit is not on this desktop: open the visit plan while online first');
  if (visit.ownerId !== c.requireSession().user.id) throw new SapaError('FORBIDDEN', 'This visit belongs to another rep');
  if (visit.status === 'cancelled') throw new SapaError('CONFLICT', 'The visit was cancelled');
  return visit;
}

const afterWrite = (c: CoreContext, visitId: string): Visit => cachedVisit(c.store.db, visitId) ?? ownVisit(c, visitId);

export function pipelineHandlers(receipts: ReceiptUploader): HandlerMap<Methods> {
  return {
    'sales.settings': (_i, c) => c.server.call('sales.settings', {}, token(c)),
    'sales.saveSettings': (body, c) => c.server.call('sales.saveSettings', { body }, token(c)),
    'sales.people': (_i, c) => c.server.call('sales.people', {}, token(c)),
    'opportunities.board': (query, c) => c.server.call('opportunities.board', { query }, token(c)),
    'opportunities.list': (query, c) => c.server.call('opportunities.list', { query }, token(c)),
    'opportunities.create': (body, c) => c.server.call('opportunities.create', { body }, token(c)),
    'opportunities.get': ({ id }, c) => c.server.call('opportunities.get', { params: { id } }, token(c)),
    'opportunities.move': ({ id, ...body }, c) => c.server.call('opportunities.move', { params: { id }, body }, token(c)),
    'opportunities.addActivity': ({ id, ...body }, c) => c.server.call('opportunities.addActivity', { params: { id }, body }, token(c)),
    'opportunities.forecast': (query, c) => c.server.call('opportunities.forecast', { query }, token(c)),
    'budgets.summary': (query, c) => c.server.call('budgets.summary', { query }, token(c)),
    'budgets.set': (body, c) => c.server.call('budgets.set', { body }, token(c)),
    'costs.list': (query, c) => c.server.call('costs.list', { query }, token(c)),
    'visits.realisation': (query, c) => c.server.call('visits.realisation', { query }, token(c)),

    async 'visits.list'({ from, to, owner }, c) {
      const me = c.requireSession().user.id;
      try {
        const answer = await c.server.call('visits.list', { query: { from, to, owner } }, token(c));
        const own = answer.visits.filter((v) => v.ownerId === me).map((v) => ({ ...v, plannedStart: new Date(v.plannedStart).toISOString() }));
        storeFetchedVisits(c.store.db, own, nowIso(c));
        // Own visits as kept (with what still waits in the outbox); others' as the server said.
        const kept = new Map(cachedVisits(c.store.db, me, dayStart(from), nextDay(to)).map((v) => [v.id, v]));
        return { visits: answer.visits.map((v) => kept.get(v.id) ?? v), offline: false };
      } catch (error) {
        if (!(error instanceof SapaError) || error.code !== 'OFFLINE' || (owner !== 'mine' && owner !== me)) throw error;
        return { visits: cachedVisits(c.store.db, me, dayStart(from), nextDay(to)), offline: true };
      }
    },
    async 'visits.plan'(input, c) {
      const visit = await c.server.call('visits.plan', { body: { id: uuidv7(), ...input } }, token(c));
      if (visit.ownerId === c.requireSession().user.id) {
        storeFetchedVisits(c.store.db, [{ ...visit, plannedStart: new Date(visit.plannedStart).toISOString() }], nowIso(c));
      }
      return visit;
    },
    'visits.checkIn'({ visitId, position }, c) {
      const visit = ownVisit(c, visitId);
      if (visit.checkInAt) throw new SapaError('CONFLICT', 'Already checked in');
      c.mutate('visit.checkIn', { visitId, at: nowIso(c), position });
      return afterWrite(c, visitId);
    },
    'visits.checkOut'({ visitId, position }, c) {
      const visit = ownVisit(c, visitId);
      if (visit.checkOutAt) throw new SapaError('CONFLICT', 'Already checked out');
      c.mutate('visit.checkOut', { visitId, at: nowIso(c), position });
      return afterWrite(c, visitId);
    },
    'visits.report'({ visitId, ...report }, c) {
      ownVisit(c, visitId);
      c.mutate('visit.report', { visitId, ...report, at: nowIso(c) });
      return afterWrite(c, visitId);
    },
    async 'costs.record'({ receipt, ...input }, c) {
      if (input.visitId) ownVisit(c, input.visitId);
      if (!input.visitId && !input.opportunityId) throw new SapaError('INVALID_INPUT', 'visitId: a cost belongs to a visit or an opportunity');
      let file: { content: Buffer; mediaType: (typeof RECEIPT_TYPES)[number] } | null = null;
      if (receipt) {
        const content = Buffer.from(receipt.base64, 'base64');
        if (content.length === 0) throw new SapaError('INVALID_INPUT', 'receipt: the file is empty');
        if (content.length > RECEIPT_MAX_BYTES) throw new SapaError('INVALID_INPUT', 'receipt: the file is larger than 5 MB');
        // Checked here too, so a wrong file is refused at once and not after the line returns.
        const mime = (await fileTypeFromBuffer(content))?.mime;
        if (!mime || !(RECEIPT_TYPES as readonly string[]).includes(mime)) {
          throw new SapaError('INVALID_INPUT', `receipt: a receipt is a photo (JPEG, PNG, WebP) or a PDF; this file is ${mime ?? 'of an unknown type'}`);
        }
        file = { content, mediaType: mime as (typeof RECEIPT_TYPES)[number] };
      }
      const author = c.requireSession().user;
      const args: MutationArgs<'cost.record'> = {
        id: uuidv7(), ...input, receiptId: file ? uuidv7() : null, createdAt: nowIso(c),
      };
      c.mutate('cost.record', args, (db) => {
        fieldSalesEffects['cost.record'].applyLocally(db, args);
        if (file && args.receiptId) {
          db.prepare('INSERT INTO receipt_spool (id, cost_id, author_id, media_type, content, created_at) VALUES (?, ?, ?, ?, ?, ?)')
            .run(args.receiptId, args.id, author.id, file.mediaType, file.content, args.createdAt);
        }
      });
      void receipts.drain();
      return { id: args.id, receiptId: args.receiptId, receiptType: file?.mediaType ?? null };
    },
    'receipts.pending': () => ({ count: receipts.pendingCount() }),
  };
}
