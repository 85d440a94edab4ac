// Telesales campaigns (src/shared/sales/telesales.ts): create, build the call list from a
// customer filter or a CSV, results. The list keeps one row per customer (a second build adds
// only who is not on it); numbers on the do-not-call list go in as `excluded`, never `pending`.
import { parse } from 'csv-parse/sync';
import { SapaError } from '../../../shared/errors.js';
import { toE164 } from '../../../shared/phone.js';
import {
  type AddContactsAnswer, type AddContactsBody, type Campaign, type CampaignInput, type CampaignResults, CONTACT_LIST_MAX, percent,
} from '../../../shared/sales/telesales.js';
import { type Db } from '../../db/db.js';

interface CampaignRow {
  id: string; name: string; starts_on: string; ends_on: string; script_paragraph_ids: string[]; disposition_codes: string[];
  success_codes: string[]; created_at: Date; total: number; pending: number; claimed: number; done: number; excluded: number;
}

const SELECT = `SELECT c.id, c.name, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on,
  c.script_paragraph_ids::text[] AS script_paragraph_ids, c.disposition_codes, c.success_codes, c.created_at,
  count(k.id)::int AS total, (count(k.id) FILTER (WHERE k.status = 'pending'))::int AS pending,
  (count(k.id) FILTER (WHERE k.status = 'claimed'))::int AS claimed, (count(k.id) FILTER (WHERE k.status = 'done'))::int AS done,
  (count(k.id) FILTER (WHERE k.status = 'excluded'))::int AS excluded
  FROM campaigns c LEFT JOIN campaign_contacts k ON k.campaign_id = c.id`;

const toCampaign = (r: CampaignRow): Campaign => ({
  id: r.id, name: r.name, startsOn: r.starts_on, endsOn: r.ends_on, scriptParagraphIds: r.script_paragraph_ids,
  dispositionCodes: r.disposition_codes, successCodes: r.success_codes, createdAt: r.created_at.toISOString(),
  counts: { total: r.total, pending: r.pending, claimed: r.claimed, done: r.done, excluded: r.excluded },
});

export async function listCampaigns(db: Db): Promise<Campaign[]> {
  const rows = await db.query<CampaignRow>(`${SELECT} GROUP BY c.id ORDER BY c.ends_on DESC, c.name LIMIT 500`);
  return rows.map(toCampaign);
}

export async function readCampaign(db: Db, id: string): Promise<Campaign> {
  const [row] = await db.query<CampaignRow>(`${SELECT} WHERE c.id = $1 GROUP BY c.id`, [id]);
  if (!row) throw new SapaError('NOT_FOUND', `No campaign ${id}`);
  return toCampaign(row);
}

export async function createCampaign(db: Db, c: CampaignInput, actorId: string): Promise<Campaign> {
  const codes = [...new Set(c.dispositionCodes)];
  const known = await db.query<{ code: string }>('SELECT code FROM dispositions WHERE code = ANY($1::text[]) AND active', [codes]);
  const unknown = codes.filter((x) => !known.some((k) => k.code === x));
  if (unknown.length > 0) throw new SapaError('INVALID_INPUT', `dispositionCodes: no active disposition ${unknown.join(', ')}`);
  const scripts = [...new Set(c.scriptParagraphIds)];
  if (scripts.length > 0) {
    const found = await db.query<{ id: string }>(
      "SELECT id FROM reply_paragraphs WHERE id = ANY($1::uuid[]) AND status = 'approved' AND 'call_script' = ANY(channels)", [scripts]);
    if (found.length !== scripts.length) throw new SapaError('INVALID_INPUT', 'scriptParagraphIds: a paragraph is not an approved call script');
  }
  const id = crypto.randomUUID();
  await db.query(
    `INSERT INTO campaigns (id, name, starts_on, ends_on, script_paragraph_ids, disposition_codes, success_codes, created_by)
     VALUES ($1, $2, $3::date, $4::date, $5::uuid[], $6::text[], $7::text[], $8)`,
    [id, c.name, c.startsOn, c.endsOn, scripts, codes, [...new Set(c.successCodes)], actorId]);
  return readCampaign(db, id);
}

/** The customers of a CSV: a `customer_no` or a `phone` column (any written form). */
async function customersFromCsv(db: Db, csv: string): Promise<{ ids: string[]; unmatched: string[] }> {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (err) {
    throw new SapaError('INVALID_INPUT', `The file is not valid CSV: ${(err as Error).message}`);
  }
  const [head, ...rows] = records;
  const names = (head ?? []).map((h) => h.trim().toLowerCase());
  const noCol = names.indexOf('customer_no');
  const phoneCol = names.findIndex((n) => n === 'phone' || n === 'telepon');
  if (noCol < 0 && phoneCol < 0) throw new SapaError('INVALID_INPUT', 'The header row needs a phone or a customer_no column');
  if (rows.length > CONTACT_LIST_MAX) throw new SapaError('INVALID_INPUT', `A list holds at most ${CONTACT_LIST_MAX} contacts`);
  const ids: string[] = [];
  const unmatched: string[] = [];
  for (const [i, r] of rows.entries()) {
    const line = i + 2;
    const no = noCol >= 0 ? (r[noCol] ?? '').trim() : '';
    const phone = phoneCol >= 0 ? (r[phoneCol] ?? '').trim() : '';
    let id: string | undefined;
    if (no) id = (await db.query<{ id: string }>('SELECT id FROM customers WHERE customer_no = $1', [no]))[0]?.id;
    if (!id && phone) {
      const e164 = toE164(phone);
      if (!e164) { if (unmatched.length < 200) unmatched.push(`line ${line}: ${phone.slice(0, 40)} is not a phone number`); continue; }
      id = (await db.query<{ id: string }>(
        'SELECT customer_id AS id FROM customer_phones WHERE e164 = $1 ORDER BY customer_id LIMIT 1', [e164]))[0]?.id;
    }
    if (id) ids.push(id);
    else if (unmatched.length < 200) unmatched.push(`line ${line}: no customer ${no || phone}`.slice(0, 120));
  }
  return { ids: [...new Set(ids)], unmatched };
}

export async function addContacts(tx: Db, campaignId: string, body: AddContactsBody): Promise<AddContactsAnswer> {
  await readCampaign(tx, campaignId);
  let ids: string[];
  let unmatched: string[] = [];
  if (body.from === 'filter') {
    const f = body.filter;
    if (f.tiers.length === 0 && !f.segment && !f.branch && f.lifecycle.length === 0) {
      throw new SapaError('INVALID_INPUT', 'filter: choose at least one of tier, segment, branch or lifecycle stage');
    }
    const rows = await tx.query<{ id: string }>(
      `SELECT id FROM customers WHERE (cardinality($1::text[]) = 0 OR tier = ANY($1::text[]))
         AND ($2 = '' OR lower(segment) = lower($2)) AND ($3 = '' OR branch = $3)
         AND (cardinality($4::text[]) = 0 OR lifecycle = ANY($4::text[])) AND jsonb_array_length(phones) > 0
       ORDER BY customer_no LIMIT $5`, [f.tiers, f.segment, f.branch, f.lifecycle, CONTACT_LIST_MAX + 1]);
    if (rows.length > CONTACT_LIST_MAX) throw new SapaError('INVALID_INPUT', `The filter matches more than ${CONTACT_LIST_MAX} customers; narrow it`);
    ids = rows.map((r) => r.id);
  } else {
    ({ ids, unmatched } = await customersFromCsv(tx, body.csv));
  }
  // Each customer's first mobile number (else their first number); DNC → excluded.
  const inserted = await tx.query<{ status: string }>(
    `INSERT INTO campaign_contacts (id, campaign_id, customer_id, phone_e164, status)
     SELECT gen_random_uuid(), $1, c.id, ph.e164, CASE WHEN EXISTS (SELECT 1 FROM do_not_call d WHERE d.e164 = ph.e164) THEN 'excluded' ELSE 'pending' END
     FROM customers c CROSS JOIN LATERAL (
       SELECT p->>'e164' AS e164 FROM jsonb_array_elements(c.phones) WITH ORDINALITY AS x(p, n)
       ORDER BY (p->>'type' = 'mobile') DESC, n LIMIT 1) ph
     WHERE c.id = ANY($2::uuid[])
     ON CONFLICT (campaign_id, customer_id) DO NOTHING RETURNING status`, [campaignId, ids]);
  const excluded = inserted.filter((r) => r.status === 'excluded').length;
  return { added: inserted.length - excluded, excludedDoNotCall: excluded, alreadyOnList: ids.length - inserted.length, unmatched };
}

export async function campaignResults(db: Db, id: string): Promise<CampaignResults> {
  const c = await readCampaign(db, id);
  const by = await db.query<{ code: string; count: number }>(
    `SELECT disposition AS code, count(*)::int AS count FROM campaign_contacts WHERE campaign_id = $1 AND status = 'done'
     GROUP BY disposition ORDER BY count(*) DESC, disposition`, [id]);
  const conversions = by.filter((b) => c.successCodes.includes(b.code)).reduce((s, b) => s + b.count, 0);
  const { total, excluded, done, pending } = c.counts;
  return {
    campaignId: id, total, excluded, done, pending: pending + c.counts.claimed,
    contactedPct: percent(done, total - excluded), conversions, conversionPct: percent(conversions, done), byDisposition: by,
  };
}
