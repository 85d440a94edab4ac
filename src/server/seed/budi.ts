// Customer #1, fixed for tests and demos: Bapak Budi Santoso.
import { type Channel } from '../../shared/domain.js';
import { insertCustomers } from '../customers/bulk-write.js';
import { type Db } from '../db/db.js';
import {
  CASE_COLUMNS, CONTRACT_COLUMNS, INTERACTION_COLUMNS, ORDER_COLUMNS, RECEIVABLE_COLUMNS, insertRows,
} from './bulk-insert.js';
import { DEMO_USERS } from './users.js';

export const BUDI = {
  id: '00000000-0000-4000-8000-000000000001',
  customerNo: 'C00000001',
  fullName: 'Budi Santoso',
  mobile: '+6281234567890',
  home: '+62215550123',
  email: 'budi.santoso@example.co.id',
} as const;

/** Budi's 12 interactions: channel and age (days before the reference time, distinct). */
export const BUDI_INTERACTIONS: readonly { channel: Channel; daysAgo: number; subject: string }[] = [
  { channel: 'call_in', daysAgo: 1, subject: 'Internet lambat sejak kemarin' },
  { channel: 'chat', daysAgo: 3, subject: 'Status keluhan internet' },
  { channel: 'email', daysAgo: 6, subject: 'Permintaan salinan invoice' },
  { channel: 'call_out', daysAgo: 10, subject: 'Konfirmasi jadwal teknisi' },
  { channel: 'sms', daysAgo: 15, subject: 'Pengingat pembayaran' },
  { channel: 'visit', daysAgo: 21, subject: 'Kunjungan ke gerai Jakarta Pusat' },
  { channel: 'call_in', daysAgo: 28, subject: 'Tanya tagihan bulan ini' },
  { channel: 'web_form', daysAgo: 36, subject: 'Formulir keluhan' },
  { channel: 'letter', daysAgo: 45, subject: 'Surat keberatan tagihan' },
  { channel: 'callback_request', daysAgo: 60, subject: 'Minta ditelepon kembali' },
  { channel: 'email', daysAgo: 75, subject: 'Pertanyaan promo' },
  { channel: 'call_in', daysAgo: 90, subject: 'Ganti paket langganan' },
];

const DAY = 86_400_000;
const id = (n: number): string => `00000000-0000-4000-8000-0000000b${String(n).padStart(4, '0')}`;
const date = (d: Date): string => d.toISOString().slice(0, 10);

/** Inserts Budi and his records; `now` is the reference time (call inside a write transaction). */
export async function seedBudi(tx: Db, now: Date): Promise<void> {
  const agent = DEMO_USERS[0];
  await insertCustomers(tx, [{
    id: BUDI.id, customerNo: BUDI.customerNo, externalId: 'DEMO-0001', fullName: BUDI.fullName, salutation: 'Bapak',
    phones: [{ e164: BUDI.mobile, type: 'mobile' }, { e164: BUDI.home, type: 'home' }], emails: [BUDI.email],
    address: 'Jl. Sudirman No. 45, Jakarta Pusat', city: 'Jakarta', branch: 'Jakarta Pusat', language: 'id',
    segment: 'consumer', tier: 'platinum', vvip: true, billing: 'postpaid', lifecycle: 'loyal',
    customerSince: '2015-03-14', lifetimeValueIdr: 48_500_000,
  }]);
  const base = now.getTime();
  await insertRows(tx, 'interactions', INTERACTION_COLUMNS, BUDI_INTERACTIONS.map((it, i) => {
    const started = new Date(base - it.daysAgo * DAY - (i + 1) * 60_000);
    const duration = it.channel.startsWith('call') ? 180 + i * 30 : null;
    return {
      id: id(100 + i), customer_id: BUDI.id, channel: it.channel,
      direction: it.channel === 'call_out' || it.channel === 'sms' ? 'outbound' : 'inbound',
      started_at: started, ended_at: duration ? new Date(started.getTime() + duration * 1000) : null,
      agent_id: agent?.id ?? null, agent_name: agent?.displayName ?? null, subject: it.subject,
      body: 'Catatan percakapan dengan Bapak Budi.', disposition: 'resolved', duration_sec: duration,
    };
  }));
  await insertRows(tx, 'cases', CASE_COLUMNS, [{
    id: id(200), case_no: 'K-000001', customer_id: BUDI.id, category: 'complaint',
    subject: 'Internet sering putus di malam hari', priority: 'high', status: 'open',
    opened_at: new Date(base - 3 * DAY), sla_due_at: new Date(base + 1 * DAY), resolved_at: null, assignee_id: agent?.id ?? null,
  }]);
  const placed = new Date(base - 40 * DAY);
  await insertRows(tx, 'orders', ORDER_COLUMNS, [{
    id: id(300), order_no: 'ORD-000001', customer_id: BUDI.id, product: 'Modem Wi-Fi 6', amount_idr: 1_250_000,
    status: 'delivered', placed_at: placed,
    status_history: [
      { status: 'placed', at: placed.toISOString() },
      { status: 'confirmed', at: new Date(placed.getTime() + DAY).toISOString() },
      { status: 'shipped', at: new Date(placed.getTime() + 2 * DAY).toISOString() },
      { status: 'delivered', at: new Date(placed.getTime() + 4 * DAY).toISOString() },
    ],
  }]);
  await insertRows(tx, 'receivables', RECEIVABLE_COLUMNS, [{
    id: id(400), invoice_no: 'INV-000001', customer_id: BUDI.id, amount_idr: 525_000, paid_idr: 0,
    issued_at: date(new Date(base - 45 * DAY)), due_date: date(new Date(base - 15 * DAY)), status: 'overdue',
  }]);
  await insertRows(tx, 'contracts', CONTRACT_COLUMNS, [{
    id: id(500), contract_no: 'KTR-000001', customer_id: BUDI.id, product: 'Paket Internet Rumah 100 Mbps',
    start_date: '2023-01-01', end_date: null, monthly_fee_idr: 525_000, status: 'active',
  }]);
}
