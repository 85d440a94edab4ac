// Reminders of an open invoice (docs/receivables.md): an approved billing paragraph of the
// reply library, sent by SMS or e-mail through messaging's own send (messaging/send.ts) —
// so the server renders the text again and sends only what the collector previewed, refuses
// a paragraph no longer approved, sends once per idempotency key, and records the message
// as an interaction in the customer's timeline. The invoice fills the blanks it can answer
// (amount, due date, invoice number); the collector fills the rest. A VVIP customer's
// reminder needs the collector's explicit confirmation.
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { type OutboundMessage } from '../../shared/replies/messages.js';
import { blankNames, renderTemplate } from '../../shared/replies/template.js';
import { buildVariables } from '../../shared/replies/variables.js';
import {
  type ReminderChannel, type ReminderPreview, type ReminderPreviewRequest, type ReminderRequest,
} from '../../shared/receivables.js';
import { type Db } from '../db/db.js';
import { sendMessage, type MessagingContext } from '../messaging/send.js';

interface Facts {
  invoice_no: string; amount_idr: number; paid_idr: number; due_date: string;
  customer_id: string; full_name: string; salutation: 'Bapak' | 'Ibu' | null; tier: 'platinum' | 'gold' | 'silver' | 'regular';
  customer_no: string; language: 'id' | 'en'; vvip: boolean; emails: string[]; phones: { e164: string; type?: string }[];
}

async function loadFacts(db: Db, receivableId: string): Promise<Facts> {
  const [f] = await db.query<Facts>(
    `SELECT r.invoice_no, r.amount_idr, r.paid_idr, r.due_date, c.id AS customer_id, c.full_name, c.salutation, c.tier, c.customer_no,
            c.language, c.vvip, c.emails, c.phones
     FROM receivables r JOIN customers c ON c.id = r.customer_id WHERE r.id = $1`, [receivableId]);
  if (!f) throw new SapaError('NOT_FOUND', 'No such invoice');
  return f;
}

/** The customer's number (a mobile first) or address for the channel. */
function recipient(f: Facts, channel: ReminderChannel): string | null {
  if (channel === 'email') return f.emails[0] ?? null;
  return (f.phones.find((p) => p.type === 'mobile') ?? f.phones[0])?.e164 ?? null;
}

const MONEY = { id: 'id-ID', en: 'en-US' } as const;

/** The blanks an invoice answers, under the names the library's billing paragraphs use. */
function invoiceBlanks(f: Facts): Record<string, string> {
  const open = (f.amount_idr - f.paid_idr).toLocaleString(MONEY[f.language]);
  const [y, m, d] = f.due_date.split('-');
  const due = f.language === 'id' ? `${d}-${m}-${y}` : f.due_date;
  return { jumlah: open, amount: open, jatuh_tempo: due, due_date: due, nomor_tagihan: f.invoice_no, invoice_no: f.invoice_no };
}

interface Paragraph { id: string; title: string; category: string; language: string; body: string }

async function billingParagraphs(db: Db, channel: ReminderChannel, language: string): Promise<Paragraph[]> {
  return db.query<Paragraph>(
    `SELECT id, title, category, language, body FROM reply_paragraphs
     WHERE status = 'approved' AND (category = 'billing' OR category LIKE 'billing/%') AND $1 = ANY(channels)
     ORDER BY (language = $2) DESC, category, title`, [channel, language]);
}

function render(f: Facts, user: SessionUser, body: string, blanks: Record<string, string>) {
  const values = buildVariables({
    customer: { fullName: f.full_name, salutation: f.salutation, tier: f.tier, customerNo: f.customer_no, language: f.language },
    agent: { displayName: user.displayName }, case: null, order: null, now: new Date(),
  });
  const wanted = new Set(blankNames(body));
  const fromInvoice = Object.fromEntries(Object.entries(invoiceBlanks(f)).filter(([k]) => wanted.has(k)));
  // The invoice's values win: a collector cannot send another amount than the invoice's.
  const all = { ...blanks, ...fromInvoice };
  return { rendered: renderTemplate(body, values, all), filled: fromInvoice, blanks: all };
}

export async function reminderPreview(
  db: Db, user: SessionUser, receivableId: string, req: ReminderPreviewRequest & { blanks: Record<string, string> },
): Promise<ReminderPreview> {
  const f = await loadFacts(db, receivableId);
  const paragraphs = await billingParagraphs(db, req.channel, f.language);
  const chosen = req.paragraphId ? paragraphs.find((p) => p.id === req.paragraphId) : undefined;
  if (req.paragraphId && !chosen) {
    throw new SapaError('CONFLICT', 'That paragraph is not an approved billing paragraph for this channel', { paragraphId: req.paragraphId });
  }
  const r = chosen ? render(f, user, chosen.body, req.blanks) : null;
  return {
    customerName: f.full_name, vvip: f.vvip, to: recipient(f, req.channel),
    paragraphs: paragraphs.map(({ id, title, category, language }) => ({ id, title, category, language })),
    paragraphId: chosen?.id ?? null, text: r ? r.rendered.text : null, filled: r?.filled ?? {},
    missingBlanks: r?.rendered.missingBlanks ?? [],
  };
}

const SUBJECT = { id: (no: string) => `Pengingat tagihan ${no}`, en: (no: string) => `Payment reminder ${no}` } as const;

export async function sendReminder(
  ctx: MessagingContext, user: SessionUser, receivableId: string,
  req: ReminderRequest & { blanks: Record<string, string>; confirmVvip: boolean },
): Promise<OutboundMessage> {
  const f = await loadFacts(ctx.db, receivableId);
  if (f.amount_idr - f.paid_idr <= 0) throw new SapaError('CONFLICT', 'This invoice is paid', { invoiceNo: f.invoice_no });
  if (f.vvip && !req.confirmVvip) {
    throw new SapaError('CONFLICT', 'This customer is VVIP: confirm the reminder before it is sent', { reason: 'vvip' });
  }
  const [p] = await ctx.db.query<Paragraph & { status: string; channels: string[] }>(
    'SELECT id, title, category, language, body, status, channels FROM reply_paragraphs WHERE id = $1', [req.paragraphId]);
  if (!p || p.status !== 'approved' || !(p.category === 'billing' || p.category.startsWith('billing/')) || !p.channels.includes(req.channel)) {
    throw new SapaError('CONFLICT', 'That paragraph is not an approved billing paragraph for this channel', { paragraphId: req.paragraphId });
  }
  const to = recipient(f, req.channel);
  if (!to) {
    throw new SapaError('INVALID_INPUT', req.channel === 'sms' ? 'The customer has no phone number' : 'The customer has no e-mail address');
  }
  const { blanks } = render(f, user, p.body, req.blanks);
  return sendMessage(ctx, user, {
    customerId: f.customer_id, channel: req.channel, to, template: p.body, blanks, paragraphIds: [p.id],
    caseId: null, orderId: null, previewText: req.previewText, idempotencyKey: req.idempotencyKey,
    ...(req.channel === 'email' ? { subject: SUBJECT[f.language](f.invoice_no) } : {}),
  });
}
