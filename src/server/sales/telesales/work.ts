// Working a campaign's call list: "next contact" claims one pending contact for the caller
// (FOR UPDATE SKIP LOCKED, so two agents never get the same one; a claim left for 30 minutes
// goes back to the list), with the call script and the campaign's dispositions; the
// disposition closes the contact. A number put on the do-not-call list after the list was
// built is excluded when it comes up, never handed out.
import { SapaError } from '../../../shared/errors.js';
import { type SessionUser } from '../../../shared/http.js';
import { can } from '../../../shared/permissions.js';
import { type NextContactAnswer } from '../../../shared/sales/telesales.js';
import { type Language, type Salutation, type Tier } from '../../../shared/domain.js';
import { type Db } from '../../db/db.js';
import { withWriteTransaction } from '../../db/write-transaction.js';
import { readCampaign } from './campaigns.js';

const CLAIM_TTL = "interval '30 minutes'";

interface ContactRow {
  id: string; customer_id: string; customer_no: string; full_name: string; salutation: Salutation | null; language: Language; tier: Tier; phone_e164: string;
}
const CONTACT_SELECT = `SELECT k.id, k.customer_id, c.customer_no, c.full_name, c.salutation, c.language, c.tier, k.phone_e164
  FROM campaign_contacts k JOIN customers c ON c.id = k.customer_id`;

export async function nextContact(db: Db, campaignId: string, user: SessionUser, today: string): Promise<NextContactAnswer> {
  const campaign = await readCampaign(db, campaignId);
  if (today < campaign.startsOn) throw new SapaError('CONFLICT', `The campaign ${campaign.name} starts on ${campaign.startsOn}`);
  if (today > campaign.endsOn) throw new SapaError('CONFLICT', `The campaign ${campaign.name} ended on ${campaign.endsOn}`);
  const contact = await withWriteTransaction(db, async (tx) => {
    // One contact at a time: the caller's open claim comes back first (a reload, a crash).
    const [mine] = await tx.query<ContactRow>(`${CONTACT_SELECT} WHERE k.campaign_id = $1 AND k.status = 'claimed' AND k.claimed_by = $2 LIMIT 1`, [campaignId, user.id]);
    if (mine && !(await listed(tx, mine.phone_e164))) return mine;
    if (mine) await exclude(tx, mine.id);
    for (;;) {
      const [claimed] = await tx.query<{ id: string; phone_e164: string }>(
        `UPDATE campaign_contacts SET status = 'claimed', claimed_by = $2, claimed_at = now()
         WHERE id = (SELECT id FROM campaign_contacts WHERE campaign_id = $1
                       AND (status = 'pending' OR (status = 'claimed' AND claimed_at < now() - ${CLAIM_TTL}))
                     ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
         RETURNING id, phone_e164`, [campaignId, user.id]);
      if (!claimed) return null;
      if (await listed(tx, claimed.phone_e164)) { await exclude(tx, claimed.id); continue; }
      const [row] = await tx.query<ContactRow>(`${CONTACT_SELECT} WHERE k.id = $1`, [claimed.id]);
      return row ?? null;
    }
  });
  const script = await db.query<{ id: string; title: string; body: string; language: 'id' | 'en' }>(
    `SELECT id, title, body, language FROM reply_paragraphs WHERE id = ANY($1::uuid[]) AND status = 'approved'
     ORDER BY array_position($1::uuid[], id)`, [campaign.scriptParagraphIds]);
  const dispositions = await db.query<{ code: string; label_id: string; label_en: string }>(
    'SELECT code, label_id, label_en FROM dispositions WHERE code = ANY($1::text[]) ORDER BY array_position($1::text[], code)', [campaign.dispositionCodes]);
  return {
    campaign: { id: campaign.id, name: campaign.name },
    contact: contact ? { id: contact.id, customerId: contact.customer_id, customerNo: contact.customer_no, customerName: contact.full_name,
      salutation: contact.salutation, language: contact.language, tier: contact.tier, phone: contact.phone_e164 } : null,
    script,
    dispositions: dispositions.map((d) => ({ code: d.code, labelId: d.label_id, labelEn: d.label_en })),
  };
}

async function listed(tx: Db, e164: string): Promise<boolean> {
  return (await tx.query('SELECT 1 FROM do_not_call WHERE e164 = $1', [e164])).length > 0;
}
async function exclude(tx: Db, contactId: string): Promise<void> {
  await tx.query("UPDATE campaign_contacts SET status = 'excluded', claimed_by = NULL, claimed_at = NULL WHERE id = $1", [contactId]);
}

export async function disposeContact(db: Db, contactId: string, disposition: string, note: string, user: SessionUser) {
  return withWriteTransaction(db, async (tx) => {
    const [k] = await tx.query<{ status: string; claimed_by: string | null; campaign_id: string; disposition_codes: string[] }>(
      `SELECT k.status, k.claimed_by::text AS claimed_by, k.campaign_id, c.disposition_codes FROM campaign_contacts k
       JOIN campaigns c ON c.id = k.campaign_id WHERE k.id = $1 FOR UPDATE OF k`, [contactId]);
    if (!k) throw new SapaError('NOT_FOUND', `No campaign contact ${contactId}`);
    // Another agent's contact: only a campaign manager may close it for them.
    if (k.claimed_by !== user.id && !can(user.role, 'campaigns.manage')) throw new SapaError('FORBIDDEN', 'This contact is another agent\'s');
    if (k.status === 'done') throw new SapaError('CONFLICT', 'This contact has a disposition already');
    if (k.status !== 'claimed') throw new SapaError('CONFLICT', `This contact is ${k.status}; take it with "Next contact" first`);
    if (!k.disposition_codes.includes(disposition)) {
      throw new SapaError('INVALID_INPUT', `disposition: ${disposition} is not one of this campaign's (${k.disposition_codes.join(', ')})`);
    }
    const [row] = await tx.query<{ done_at: Date }>(
      `UPDATE campaign_contacts SET status = 'done', disposition = $2, note = $3, done_by = $4, done_at = now() WHERE id = $1 RETURNING done_at`,
      [contactId, disposition, note || null, user.id]);
    return { id: contactId, disposition, doneAt: (row?.done_at ?? new Date()).toISOString() };
  });
}
