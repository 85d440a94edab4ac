// "Call me" from the widget: a number and a time (as soon as possible, or a quarter-hour slot
// within working hours) → a call-back row due then, and at once its call-back task in the
// queue with that time as its not-before, so the lead's queue shows it before it falls due;
// the call-back sweep (callbacks/callback-tasks.ts) settles and withdraws it as for any
// call-back. The customer is told by SMS, with a signed link that cancels it.
import { v7 as uuidv7 } from 'uuid';
import { SapaError } from '../../shared/errors.js';
import { formatPhone } from '../../shared/phone.js';
import { type SlaSettings, workingMinutesBetween } from '../../shared/replies/sla.js';
import { type CallMeRequest } from '../../shared/webchat.js';
import { createTask } from '../contact-center/intake.js';
import { loadSla } from '../messaging/inbound.js';
import { findOrCreateCustomer } from './customers.js';
import { type Signer } from './secret.js';
import { phoneOf, type WebchatDeps } from './service.js';

const SLOT_MS = 15 * 60_000;
/** The first slot is at least this far ahead (the agent needs a moment; the customer too). */
const FIRST_SLOT_AFTER_MS = 10 * 60_000;
const SLOT_DAYS = 4;
const MAX_SLOTS = 120;
const CANCEL_VALID_MS = 8 * 86_400_000;

export interface CallMeDeps extends WebchatDeps {
  signer: Signer;
  /** The server's "now" for slots and due times: the case clock (a test server may run it ahead). */
  now(): Date;
}

/** Working hours change rarely; the widget's config is asked by every visitor: a few seconds' copy. */
let slaCache: { at: number; db: unknown; sla: Promise<SlaSettings> } | null = null;
function workingHours(db: CallMeDeps['db']): Promise<SlaSettings> {
  if (!slaCache || slaCache.db !== db || Date.now() - slaCache.at > 5_000) slaCache = { at: Date.now(), db, sla: loadSla(db) };
  return slaCache.sla;
}

const inHours = (at: Date, sla: SlaSettings) => workingMinutesBetween(at, new Date(at.getTime() + SLOT_MS), sla) === 15;

export async function callMeSlots(d: CallMeDeps): Promise<{ slots: string[]; openNow: boolean }> {
  const sla = await workingHours(d.db);
  const now = d.now();
  const first = Math.ceil((now.getTime() + FIRST_SLOT_AFTER_MS) / SLOT_MS) * SLOT_MS;
  const slots: string[] = [];
  for (let t = first; t < now.getTime() + SLOT_DAYS * 86_400_000 && slots.length < MAX_SLOTS; t += SLOT_MS) {
    if (inHours(new Date(t), sla)) slots.push(new Date(t).toISOString());
  }
  return { slots, openNow: workingMinutesBetween(now, new Date(now.getTime() + 60_000), sla) === 1 };
}

function localTime(at: Date, sla: SlaSettings, language: 'id' | 'en'): string {
  const local = new Date(at.getTime() + sla.utcOffsetMinutes * 60_000);
  const zone = sla.utcOffsetMinutes === 420 ? 'WIB' : sla.utcOffsetMinutes === 480 ? 'WITA' : sla.utcOffsetMinutes === 540 ? 'WIT' : 'UTC';
  const fmt = new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  return `${fmt.format(local)} ${zone}`;
}

export async function requestCallMe(d: CallMeDeps, r: CallMeRequest, origin: string, base: string): Promise<{ id: string; dueAt: string; smsSent: boolean }> {
  const phone = phoneOf(r.phone);
  if (!phone) throw new SapaError('INVALID_INPUT', 'A phone number is needed', ['phone: required']);
  const now = d.now();
  const sla = await loadSla(d.db);
  let due: Date;
  if (r.when === 'asap') due = now;
  else {
    due = new Date(r.when);
    if (due.getTime() % SLOT_MS !== 0 || due <= now || due.getTime() > now.getTime() + SLOT_DAYS * 86_400_000 || !inHours(due, sla)) {
      throw new SapaError('INVALID_INPUT', 'Choose one of the offered times (within working hours)', ['when: not an offered slot']);
    }
  }
  const { customerId } = await findOrCreateCustomer(d.db, { name: r.name, phoneE164: phone, email: null, language: r.language }, now);
  const callbackId = uuidv7();
  const id = uuidv7();
  const note = r.language === 'id' ? `Minta ditelepon dari situs web (${r.name})` : `Asked to be called from the web site (${r.name})`;
  await d.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO callbacks (id, customer_id, phone_e164, due_at, note, status, created_at) VALUES ($1, $2, $3, $4, $5, 'open', $6)`,
      [callbackId, customerId, phone, due, note, now]);
    await tx.query('INSERT INTO webchat_callme (id, callback_id, phone_e164, visitor_name, origin, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [id, callbackId, phone, r.name, origin, now]);
  });
  const { widgetQueue } = await d.settings.effective();
  await createTask(d.cc.ctx, { kind: 'callback', sourceRef: callbackId, queueCode: widgetQueue, customerId, from: phone, subject: note, notBefore: due });
  // The SMS: sent now; a gateway that is down does not lose the request (the agent still calls).
  let smsSent = false;
  const messaging = d.messaging();
  if (messaging) {
    const token = await d.signer.sign(`callme.${id}.${now.getTime() + CANCEL_VALID_MS}`);
    const link = `${base}/api/v1/webchat/callme/cancel?t=${encodeURIComponent(token)}`;
    const when = r.when === 'asap' ? (r.language === 'id' ? 'secepatnya' : 'as soon as possible') : localTime(due, sla, r.language);
    const text = r.language === 'id'
      ? `Kami akan menelepon ${formatPhone(phone)} ${r.when === 'asap' ? when : `pada ${when}`}. Batalkan: ${link}`
      : `We will call ${formatPhone(phone)} ${r.when === 'asap' ? when : `at ${when}`}. Cancel: ${link}`;
    try {
      await messaging.transports.sms({ to: phone, text, reference: `callme-${id}` });
      smsSent = true;
    } catch {
      smsSent = false;
    }
  }
  return { id, dueAt: due.toISOString(), smsSent };
}

async function callMeOf(d: CallMeDeps, token: string): Promise<{ id: string; callback_id: string; cancelled_at: Date | null; status: string; due_at: Date; language: string }> {
  const payload = await d.signer.open(token);
  const [kind, id, until] = payload?.split('.') ?? [];
  if (kind !== 'callme' || !id || !(Number(until) > Date.now())) throw new SapaError('NOT_FOUND', 'This link is not valid (any more)');
  const [row] = await d.db.query<{ id: string; callback_id: string; cancelled_at: Date | null; status: string; due_at: Date; language: string }>(
    `SELECT w.id, w.callback_id, w.cancelled_at, c.status, c.due_at, cu.language FROM webchat_callme w
       JOIN callbacks c ON c.id = w.callback_id JOIN customers cu ON cu.id = c.customer_id WHERE w.id = $1`, [id]);
  if (!row) throw new SapaError('NOT_FOUND', 'This request does not exist');
  return row;
}

export async function cancelCallMe(d: CallMeDeps, token: string): Promise<void> {
  const row = await callMeOf(d, token);
  if (row.status !== 'open') return;
  await d.db.query("UPDATE callbacks SET status = 'cancelled' WHERE id = $1 AND status = 'open'", [row.callback_id]);
  await d.db.query('UPDATE webchat_callme SET cancelled_at = $2 WHERE id = $1', [row.id, d.now()]);
  await d.cc.intake.withdraw('callback', row.callback_id);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The small page the SMS link opens: a button (a link preview must not cancel by fetching it). */
export async function cancelPage(d: CallMeDeps, token: string, justCancelled: boolean): Promise<string> {
  const row = await callMeOf(d, token);
  const sla = await loadSla(d.db);
  const id = row.language !== 'en';
  const cancelled = justCancelled || row.status === 'cancelled';
  const when = localTime(new Date(row.due_at), sla, id ? 'id' : 'en');
  const title = id ? 'Permintaan telepon' : 'Call request';
  const body = cancelled
    ? `<p role="status">${id ? 'Permintaan telepon Anda telah dibatalkan.' : 'Your call request has been cancelled.'}</p>`
    : row.status === 'done'
      ? `<p>${id ? 'Kami sudah menelepon Anda.' : 'We have called you already.'}</p>`
      : `<p>${id ? `Kami akan menelepon Anda pada ${escapeHtml(when)}.` : `We will call you at ${escapeHtml(when)}.`}</p>
         <form method="post"><input type="hidden" name="t" value="${escapeHtml(token)}">
         <button type="submit">${id ? 'Batalkan permintaan' : 'Cancel the request'}</button></form>`;
  return `<!doctype html><html lang="${id ? 'id' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}button{font:inherit;padding:.6rem 1rem;min-height:44px}</style></head>
<body><main><h1>${title}</h1>${body}</main></body></html>`;
}
