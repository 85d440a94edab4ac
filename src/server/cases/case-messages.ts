// Working a case with the customer: internal notes (case.note: a timeline event marked
// internal, never sent), customer-visible replies (case.reply: composed in the reply
// composer, checked exactly like messages.send) and the customer notified when a case moves
// to a status the admin chose (server setting caseNotifications: an APPROVED paragraph per
// status, SMS or e-mail). Replies and notifications are written inside the sync push as
// outbound messages with pending_delivery set; a dispatcher delivers them after the push
// commits (a refusal or a crash before the commit sends nothing). Exactly once: the outbound
// id of a reply is the desktop's, a notification is keyed by the status change's timeline
// event (case_notifications), and the dispatcher claims each message with one conditional
// UPDATE before delivering it. A failed delivery stays on the message (visible on the case,
// retryable from the composer's sent list) and never undoes the status change.
import { v7 as uuidv7 } from 'uuid';
import { CaseNotifications, DEFAULT_CASE_NOTIFICATIONS, INTERNAL_DISPOSITION, NOTIFY_STATUSES, caseNoteSubject, type NotifyStatus } from '../../shared/cases.js';
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { can } from '../../shared/permissions.js';
import { MAX_SMS_SEGMENTS, countSms } from '../../shared/replies/sms.js';
import { renderTemplate } from '../../shared/replies/template.js';
import { buildVariables } from '../../shared/replies/variables.js';
import { type Db } from '../db/db.js';
import { markCaseResponded } from './sla.js';
import { withWriteTransaction } from '../db/write-transaction.js';
import { insertOutbound, type OutboundRow } from '../messaging/outbound-store.js';
import { checkMessage, deliver, loadCustomerFacts, type MessagingContext } from '../messaging/send.js';
import { type ServerMutationsOf } from '../sync/mutations/types.js';

type CaseStatus = 'open' | 'in_progress' | 'waiting_customer' | 'resolved' | 'closed';
interface CaseFacts { id: string; customer_id: string; case_no: string; subject: string; status: CaseStatus; assignee_id: string | null }

/** The case, if the user may work it: its assignee, a lead or an admin (as for case.setStatus). */
async function workableCase(tx: Db, caseId: string, user: SessionUser): Promise<CaseFacts> {
  const [k] = await tx.query<CaseFacts>(
    'SELECT id, customer_id, case_no, subject, status, assignee_id FROM cases WHERE id = $1', [caseId]);
  if (!k) throw new SapaError('NOT_FOUND', `Case ${caseId} does not exist`);
  if (k.assignee_id !== user.id && !can(user.role, 'cases.manageAny')) {
    throw new SapaError('FORBIDDEN', `Case ${k.case_no} is assigned to someone else: ask them or a team lead`);
  }
  return k;
}

export const caseWorkMutations = {
  'case.note': {
    async apply(tx, a, ctx) {
      const k = await workableCase(tx, a.caseId, ctx.user);
      const [seen] = await tx.query<{ customer_id: string }>('SELECT customer_id FROM interactions WHERE id = $1', [a.eventId]);
      if (seen) {
        if (seen.customer_id !== k.customer_id) throw new SapaError('CONFLICT', `Event ${a.eventId} belongs to another customer`);
        return;
      }
      // Written offline: the note keeps its time, never in the future.
      const at = new Date(Math.min(Date.parse(a.at), Date.now()));
      await tx.query(
        `INSERT INTO interactions (id, customer_id, channel, direction, started_at, agent_id, agent_name, subject, body, disposition)
         VALUES ($1, $2, 'case', 'outbound', $3, $4, $5, $6, $7, $8)`,
        [a.eventId, k.customer_id, at, ctx.user.id, ctx.user.displayName, caseNoteSubject(k.case_no, k.subject), a.body, INTERNAL_DISPOSITION]);
    },
  },
  'case.reply': {
    async apply(tx, a, ctx) {
      const k = await workableCase(tx, a.caseId, ctx.user);
      const [seen] = await tx.query<{ case_id: string | null }>('SELECT case_id FROM outbound_messages WHERE id = $1', [a.messageId]);
      if (seen) {
        if (seen.case_id !== k.id) throw new SapaError('CONFLICT', `Message ${a.messageId} belongs to another case`);
        return;
      }
      const checked = await checkMessage(tx, ctx.user, {
        customerId: k.customer_id, channel: a.channel, to: a.to, ...(a.subject ? { subject: a.subject } : {}),
        template: a.template, blanks: a.blanks, paragraphIds: a.paragraphIds, caseId: k.id, orderId: null, previewText: a.previewText,
      });
      await insertOutbound(tx, {
        id: a.messageId, interactionId: a.eventId, customerId: k.customer_id, channel: a.channel, to: checked.to,
        subject: checked.subject, body: checked.text, paragraphIds: [...new Set(a.paragraphIds)], threadId: checked.threadId,
        agent: { id: ctx.user.id, displayName: ctx.user.displayName }, autoAck: false,
        timelineSubject: `${k.case_no} · ${checked.subject ?? checked.text.slice(0, 80)}`, caseId: k.id, pendingDelivery: true,
      });
      // The first reply to the customer meets the response target (only the first counts).
      await markCaseResponded(tx, k.id);
    },
  },
} satisfies ServerMutationsOf<'case.note' | 'case.reply'>;

/** The admin's setting (server_settings key caseNotifications), or the default. */
export async function loadCaseNotifications(db: Db): Promise<CaseNotifications> {
  const [row] = await db.query<{ value: unknown }>("SELECT value FROM server_settings WHERE key = 'caseNotifications'");
  const parsed = CaseNotifications.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_CASE_NOTIFICATIONS;
}

const isNotifyStatus = (s: string): s is NotifyStatus => (NOTIFY_STATUSES as readonly string[]).includes(s);

interface ParagraphRow { id: string; title: string; body: string; status: string; channels: string[]; language: string }

/**
 * Called by case.setStatus inside its push, after the move is written: queues the customer's
 * notification for this transition (keyed by its timeline event, so once), or records why
 * none went out — as a row of case_notifications and an event on the case.
 */
export async function notifyStatusChange(tx: Db, k: { id: string; customer_id: string; case_no: string; subject: string }, eventId: string, to: CaseStatus, user: SessionUser): Promise<void> {
  if (!isNotifyStatus(to)) return;
  const rule = (await loadCaseNotifications(tx))[to];
  if (!rule.enabled) return;
  const [done] = await tx.query<{ n: number }>('SELECT 1 AS n FROM case_notifications WHERE status_event_id = $1', [eventId]);
  if (done) return;
  const customer = await loadCustomerFacts(tx, k.customer_id);
  const skip = async (reason: string) => {
    await tx.query(
      `INSERT INTO case_notifications (status_event_id, case_id, to_status, outcome, reason) VALUES ($1, $2, $3, 'skipped', $4)`,
      [eventId, k.id, to, reason]);
    await tx.query(
      `INSERT INTO interactions (id, customer_id, channel, direction, started_at, agent_name, subject, body, disposition)
       VALUES ($1, $2, 'case', 'outbound', now(), 'Sapa', $3, $4, 'not_notified')`,
      [uuidv7(), k.customer_id, `${k.case_no} · ${k.subject} · Customer not notified`, reason]);
  };
  // The paragraph in the customer's language; the other language if there is none.
  const paragraphs = await tx.query<ParagraphRow>(
    'SELECT id, title, body, status, channels, language FROM reply_paragraphs WHERE shortcut = $1 ORDER BY (language = $2) DESC, (status = \'approved\') DESC',
    [rule.shortcut, customer.language]);
  const paragraph = paragraphs[0];
  if (!paragraph) { await skip(`No reply paragraph has the shortcut "${rule.shortcut}" (Settings → case notifications): nothing was sent.`); return; }
  if (paragraph.status !== 'approved') {
    await skip(`The paragraph “${paragraph.title}” (${rule.shortcut}) is ${paragraph.status}, not approved: nothing was sent.`);
    return;
  }
  if (!paragraph.channels.includes(rule.channel)) {
    await skip(`The paragraph “${paragraph.title}” is not for ${rule.channel === 'sms' ? 'SMS' : 'e-mail'}: nothing was sent.`);
    return;
  }
  const address = rule.channel === 'sms'
    ? (customer.phones.find((p) => (p as { type?: string }).type === 'mobile') ?? customer.phones[0])?.e164 ?? null
    : customer.emails[0] ?? null;
  if (!address) {
    await skip(rule.channel === 'sms' ? 'The customer has no phone number for an SMS: nothing was sent.' : 'The customer has no e-mail address: nothing was sent.');
    return;
  }
  const rendered = renderTemplate(paragraph.body, buildVariables({
    customer: { fullName: customer.full_name, salutation: customer.salutation, tier: customer.tier, customerNo: customer.customer_no, language: customer.language },
    agent: { displayName: user.displayName }, case: { caseNo: k.case_no, subject: k.subject }, order: null, now: new Date(),
  }));
  if (!rendered.ready || !rendered.text.trim()) {
    await skip(`The paragraph “${paragraph.title}” needs values Sapa cannot fill in (${[...rendered.unresolved, ...rendered.missingBlanks].join(', ') || 'template errors'}): nothing was sent.`);
    return;
  }
  const text = rendered.text.trim();
  if (rule.channel === 'sms' && countSms(text).segments > MAX_SMS_SEGMENTS) {
    await skip(`The paragraph “${paragraph.title}” is too long for an SMS: nothing was sent.`);
    return;
  }
  const subject = rule.channel === 'email' ? `${k.case_no} · ${k.subject}` : null;
  const row = await insertOutbound(tx, {
    customerId: k.customer_id, channel: rule.channel, to: address, subject, body: text, paragraphIds: [paragraph.id],
    threadId: null, agent: { id: user.id, displayName: user.displayName }, autoAck: false,
    timelineSubject: `${k.case_no} · ${k.subject} · Customer notified: ${to}`, caseId: k.id, pendingDelivery: true,
  });
  await tx.query(
    `INSERT INTO case_notifications (status_event_id, case_id, to_status, outcome, message_id) VALUES ($1, $2, $3, 'queued', $4)`,
    [eventId, k.id, to, row.id]);
}

/**
 * One pass of the dispatcher: claims the messages written by committed pushes (one
 * conditional UPDATE in a write transaction: two instances never claim the same one) and
 * delivers each once. Answers how many it delivered or tried.
 */
export async function deliverPendingMessages(ctx: MessagingContext, limit = 50): Promise<number> {
  // Most passes find nothing: a read on the partial index, without the write lock.
  const [any] = await ctx.db.query<{ n: number }>('SELECT 1 AS n FROM outbound_messages WHERE pending_delivery LIMIT 1');
  if (!any) return 0;
  const claimed = await withWriteTransaction(ctx.db, (tx) => tx.query<OutboundRow>(
    `UPDATE outbound_messages SET pending_delivery = false, attempt_started_at = now()
     WHERE id IN (SELECT id FROM outbound_messages WHERE pending_delivery ORDER BY created_at LIMIT $1 FOR UPDATE)
     RETURNING *`, [limit]));
  for (const row of claimed) await deliver(ctx, row);
  return claimed.length;
}

export interface CaseMessageDispatcher { start(): void; kick(): void; stop(): Promise<void> }

/** Polls every `everyMs` on each instance, and at once when a push applied something (kick). */
export function caseMessageDispatcher(ctx: MessagingContext, onError: (error: unknown) => void, everyMs = 2_000): CaseMessageDispatcher {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  const tick = () => {
    if (running) { again = true; return; }
    running = (async () => {
      do {
        again = false;
        while ((await deliverPendingMessages(ctx)) > 0) { /* until none is left */ }
      } while (again);
    })().catch(onError).finally(() => { running = null; });
  };
  return {
    start() {
      if (timer) return;
      timer = setInterval(tick, everyMs);
      timer.unref();
      tick();
    },
    kick() { if (timer) tick(); },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
