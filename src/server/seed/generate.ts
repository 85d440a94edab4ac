// Deterministic demo customers and their records, one batch at a time (seeded faker id_ID).
import { type Faker } from '@faker-js/faker';
import { CHANNELS, type Channel, type Tier } from '../../shared/domain.js';
import { type CustomerRecord, formatCustomerNo } from '../customers/bulk-write.js';
import { BODIES, CASE_CATEGORIES, CITIES, DISPOSITIONS, PRODUCTS, SUBJECTS } from './texts.js';
import { DEMO_USERS } from './users.js';

const DAY = 86_400_000;
/** Demo contacts: every channel but case events (those only come from cases being worked). */
// Cases, orders and browser sharing sessions have their own writers; WhatsApp and browser
// sharing stay out so the demo set of a seed is what it was before those channels came (e2e rely on it).
const CONTACT_CHANNELS = CHANNELS.filter((c): c is Exclude<Channel, 'case' | 'order' | 'cobrowse' | 'whatsapp'> =>
  c !== 'case' && c !== 'order' && c !== 'cobrowse' && c !== 'whatsapp');
const CITY_BAG = CITIES.flatMap((c) => Array.from({ length: c.weight }, () => c));
const AGENTS = DEMO_USERS.filter((u) => u.role === 'agent');
// Seeded ids are time-ordered like every id Sapa generates (UUIDv7, decision 0006): the
// millisecond field counts up by customer number and by record within a customer, so the
// seeded data loads into B-tree indexes in the order real data arrives.
const ID_EPOCH_MS = Date.UTC(2020, 0, 1);
const IDS_PER_CUSTOMER = 256; // more than 200 interactions + 4 records

/** A UUIDv7-shaped id for the `seq`-th record of customer `no`; the random bits come from faker. */
export function seededId(f: Faker, no: number, seq: number): string {
  // Drawing a v4 keeps faker's sequence, and so every other seeded value, as it was.
  const random = f.string.uuid();
  const ms = (ID_EPOCH_MS + no * IDS_PER_CUSTOMER + seq).toString(16).padStart(12, '0');
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${random.slice(15)}`;
}

export interface GeneratedBatch {
  customers: CustomerRecord[];
  interactions: Record<string, unknown>[];
  cases: Record<string, unknown>[];
  orders: Record<string, unknown>[];
  receivables: Record<string, unknown>[];
  contracts: Record<string, unknown>[];
}

function pickTier(f: Faker): Tier {
  const r = f.number.float({ min: 0, max: 1 });
  return r < 0.01 ? 'platinum' : r < 0.07 ? 'gold' : r < 0.27 ? 'silver' : 'regular';
}

/**
 * Interactions for one customer: exponential around the mean, capped at 200, with a few
 * heavy contacts (0.5 %) near 200 so the timeline is tested at depth.
 */
export function interactionCount(f: Faker, mean: number): number {
  if (mean <= 0) return 0;
  if (f.number.float({ min: 0, max: 1 }) < 0.005) return f.number.int({ min: 150, max: 200 });
  const body = Math.max(0.1, (mean - 0.875) / 0.995);
  return Math.min(200, Math.floor(-body * Math.log(1 - f.number.float({ min: 0, max: 0.999999 }))));
}

function mobile(f: Faker): string {
  return `+628${f.helpers.arrayElement(['11', '12', '13', '21', '22', '52', '53', '55', '56', '57', '58', '77', '78', '95', '96'])}${f.string.numeric(7)}`;
}

export function generateBatch(f: Faker, firstNo: number, count: number, now: Date, interactionsMean: number): GeneratedBatch {
  const out: GeneratedBatch = { customers: [], interactions: [], cases: [], orders: [], receivables: [], contracts: [] };
  const base = now.getTime();
  for (let k = 0; k < count; k++) {
    const no = firstNo + k;
    const sex = f.helpers.arrayElement(['male', 'female'] as const);
    const first = f.person.firstName(sex);
    const last = f.person.lastName(sex);
    const place = f.helpers.arrayElement(CITY_BAG);
    const tier = pickTier(f);
    let seq = 0;
    const nextId = () => seededId(f, no, seq++);
    const id = nextId();
    const phones: CustomerRecord['phones'] = [{ e164: mobile(f), type: 'mobile' }];
    if (f.datatype.boolean(0.35)) {
      phones.push({ e164: `+62${place.areaCode}${f.string.numeric({ length: place.areaCode.length === 2 ? 7 : 6, allowLeadingZeros: false })}`, type: 'home' });
    }
    const emailUser = `${first}.${last}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
    out.customers.push({
      id, customerNo: formatCustomerNo(no), externalId: `EXT-${String(no).padStart(8, '0')}`,
      fullName: `${first} ${last}`, salutation: sex === 'male' ? 'Bapak' : 'Ibu', phones,
      emails: f.datatype.boolean(0.7) ? [`${emailUser}${no}@${f.helpers.arrayElement(['gmail.com', 'yahoo.co.id', 'outlook.com'])}`] : [],
      address: `${f.location.street()} No. ${f.number.int({ min: 1, max: 200 })}`, city: place.city, branch: place.branch,
      language: f.datatype.boolean(0.95) ? 'id' : 'en', segment: f.helpers.arrayElement(['consumer', 'consumer', 'sme', 'corporate']),
      tier, vvip: tier === 'platinum' ? f.datatype.boolean(0.3) : f.datatype.boolean(0.002),
      billing: f.datatype.boolean(0.6) ? 'prepaid' : 'postpaid',
      lifecycle: f.helpers.arrayElement(['suspect', 'prospect', 'customer', 'customer', 'customer', 'loyal', 'advocate']),
      customerSince: new Date(base - f.number.int({ min: 30, max: 5000 }) * DAY).toISOString().slice(0, 10),
      lifetimeValueIdr: f.number.int({ min: 0, max: tier === 'platinum' ? 200_000_000 : 20_000_000 }),
    });
    for (let j = interactionCount(f, interactionsMean); j > 0; j--) {
      const channel = f.helpers.arrayElement(CONTACT_CHANNELS);
      const started = new Date(base - f.number.int({ min: 60_000, max: 730 * DAY }));
      const isCall = channel === 'call_in' || channel === 'call_out';
      const duration = isCall ? f.number.int({ min: 30, max: 1800 }) : null;
      const agent = f.helpers.arrayElement(AGENTS);
      out.interactions.push({
        id: nextId(), customer_id: id, channel,
        direction: channel === 'call_out' || channel === 'sms' || channel === 'letter' ? 'outbound' : 'inbound',
        started_at: started, ended_at: duration ? new Date(started.getTime() + duration * 1000) : null,
        agent_id: agent?.id ?? null, agent_name: agent?.displayName ?? null,
        subject: f.helpers.arrayElement(SUBJECTS[channel]), body: f.helpers.arrayElement(BODIES),
        disposition: f.helpers.arrayElement(DISPOSITIONS), duration_sec: duration,
      });
    }
    if (interactionsMean > 0) addRecords(f, out, id, no, base, nextId);
  }
  return out;
}

function addRecords(f: Faker, out: GeneratedBatch, customerId: string, no: number, base: number, nextId: () => string): void {
  if (f.datatype.boolean(0.15)) {
    const opened = base - f.number.int({ min: 1, max: 200 }) * DAY;
    const status = f.helpers.arrayElement(['open', 'in_progress', 'resolved', 'closed'] as const);
    const done = status === 'resolved' || status === 'closed';
    out.cases.push({
      id: nextId(), case_no: `K-${no}-1`, customer_id: customerId, category: f.helpers.arrayElement(CASE_CATEGORIES),
      subject: f.helpers.arrayElement(SUBJECTS.call_in), priority: f.helpers.arrayElement(['low', 'normal', 'normal', 'high', 'urgent']),
      status, opened_at: new Date(opened), sla_due_at: new Date(opened + 3 * DAY),
      resolved_at: done ? new Date(opened + f.number.int({ min: 1, max: 5 }) * DAY) : null, assignee_id: f.helpers.arrayElement(AGENTS)?.id ?? null,
    });
  }
  if (f.datatype.boolean(0.4)) {
    const product = f.helpers.arrayElement(PRODUCTS);
    const placed = base - f.number.int({ min: 1, max: 400 }) * DAY;
    const steps = f.number.int({ min: 1, max: 4 });
    const flow = ['placed', 'confirmed', 'shipped', 'delivered'].slice(0, steps);
    out.orders.push({
      id: nextId(), order_no: `ORD-${no}-1`, customer_id: customerId, product: product.name, amount_idr: product.priceIdr,
      status: flow[flow.length - 1], placed_at: new Date(placed),
      status_history: flow.map((s, i) => ({ status: s, at: new Date(placed + i * DAY).toISOString() })),
    });
  }
  if (f.datatype.boolean(0.5)) {
    const amount = f.helpers.arrayElement(PRODUCTS).priceIdr;
    const due = base + f.number.int({ min: -60, max: 30 }) * DAY;
    const paid = f.helpers.arrayElement([0, amount, Math.round(amount / 2)]);
    const status = paid >= amount ? 'paid' : due < base ? 'overdue' : paid > 0 ? 'partly_paid' : 'open';
    out.receivables.push({
      id: nextId(), invoice_no: `INV-${no}-1`, customer_id: customerId, amount_idr: amount, paid_idr: paid,
      issued_at: new Date(due - 30 * DAY).toISOString().slice(0, 10), due_date: new Date(due).toISOString().slice(0, 10), status,
    });
  }
  if (f.datatype.boolean(0.5)) {
    const product = f.helpers.arrayElement(PRODUCTS);
    const start = base - f.number.int({ min: 30, max: 1500 }) * DAY;
    const ended = f.datatype.boolean(0.2);
    out.contracts.push({
      id: nextId(), contract_no: `KTR-${no}-1`, customer_id: customerId, product: product.name,
      start_date: new Date(start).toISOString().slice(0, 10),
      end_date: ended ? new Date(start + 365 * DAY).toISOString().slice(0, 10) : null,
      monthly_fee_idr: product.priceIdr, status: ended ? 'ended' : 'active',
    });
  }
}
