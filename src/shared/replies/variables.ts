// The values behind `{{…}}` variables, built the same way on the server and in the renderer
// from the same records, so both render the same text.
import { type Language, type Tier } from '../domain.js';
import { type VariableValues } from './template.js';

export interface VariableSources {
  customer: { fullName: string; salutation: 'Bapak' | 'Ibu' | null; tier: Tier; customerNo: string; language: Language };
  agent: { displayName: string } | null;
  case: { caseNo: string; subject: string } | null;
  order: { orderNo: string; status: string } | null;
  now: Date;
}

const TIER_LABELS: Record<Language, Record<Tier, string>> = {
  id: { platinum: 'Platinum', gold: 'Gold', silver: 'Silver', regular: 'Reguler' },
  en: { platinum: 'Platinum', gold: 'Gold', silver: 'Silver', regular: 'Regular' },
};
const SALUTATIONS: Record<Language, Record<'Bapak' | 'Ibu', string>> = {
  id: { Bapak: 'Bapak', Ibu: 'Ibu' },
  en: { Bapak: 'Mr', Ibu: 'Mrs' },
};
const FALLBACK_SALUTATION: Record<Language, string> = { id: 'Bapak/Ibu', en: 'Sir/Madam' };
const ORDER_STATUS: Record<Language, Record<string, string>> = {
  id: { placed: 'dipesan', confirmed: 'dikonfirmasi', shipped: 'dikirim', delivered: 'diterima', received: 'diterima sistem', verified: 'diverifikasi', provisioning: 'sedang disiapkan', installed: 'terpasang', cancelled: 'dibatalkan' },
  en: { placed: 'placed', confirmed: 'confirmed', shipped: 'shipped', delivered: 'delivered', received: 'received', verified: 'verified', provisioning: 'provisioning', installed: 'installed', cancelled: 'cancelled' },
};
const MONTHS: Record<Language, readonly string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
/** Jakarta time (UTC+7, no daylight saving): "today" must not depend on the machine's zone. */
const WIB_OFFSET_MS = 7 * 3_600_000;

export function formatToday(now: Date, language: Language): string {
  const d = new Date(now.getTime() + WIB_OFFSET_MS);
  return `${d.getUTCDate()} ${MONTHS[language][d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

export function buildVariables(s: VariableSources): VariableValues {
  const lang = s.customer.language;
  const first = s.customer.fullName.trim().split(/\s+/)[0] ?? s.customer.fullName;
  return {
    'customer.salutation': s.customer.salutation ? SALUTATIONS[lang][s.customer.salutation] : FALLBACK_SALUTATION[lang],
    'customer.name': s.customer.fullName,
    'customer.first_name': first,
    'customer.tier': TIER_LABELS[lang][s.customer.tier],
    'customer.number': s.customer.customerNo,
    'agent.name': s.agent?.displayName ?? null,
    'case.number': s.case?.caseNo ?? null,
    'case.subject': s.case?.subject ?? null,
    'order.number': s.order?.orderNo ?? null,
    'order.status': s.order ? (ORDER_STATUS[lang][s.order.status] ?? s.order.status) : null,
    today: formatToday(s.now, lang),
  };
}
