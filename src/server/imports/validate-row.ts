// Validates one CSV record into a customer (without id / customer number), or says why not.
import {
  type BillingType, type CustomerPhone, type Language, type LifecycleStage, type Salutation, type Tier,
  LIFECYCLE_STAGES, TIERS,
} from '../../shared/domain.js';
import { toE164 } from '../../shared/phone.js';
import { type HeaderMap, type ImportColumn } from './columns.js';

export const MAX_FIELD_CHARS = 10_000;

export interface ImportedCustomer {
  externalId: string;
  fullName: string;
  phones: CustomerPhone[];
  emails: string[];
  tier: Tier;
  segment: string | null;
  city: string | null;
  customerSince: string | null;
  salutation?: Salutation | null;
  address?: string | null;
  branch?: string | null;
  language?: Language;
  vvip?: boolean;
  billing?: BillingType;
  lifecycle?: LifecycleStage;
  lifetimeValueIdr?: number;
}

export type RowResult = { ok: true; customer: ImportedCustomer } | { ok: false; reason: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TRUE_WORDS = new Set(['true', 'yes', 'ya', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'tidak', 'n', '0', '']);

class RowError extends Error {}
const fail = (reason: string): never => { throw new RowError(reason); };

/** `width` is the number of fields in the header row; every row must have as many. */
export function validateRow(record: readonly string[], header: HeaderMap, width: number): RowResult {
  if (record.length !== width) {
    return { ok: false, reason: `Row has ${record.length} fields; the header has ${width}` };
  }
  for (const [column, index] of header) {
    const value = record[index] ?? '';
    if (value.length > MAX_FIELD_CHARS) {
      return { ok: false, reason: `Field ${column} is too long (${value.length} characters; limit ${MAX_FIELD_CHARS})` };
    }
  }
  const get = (c: ImportColumn): string | undefined => {
    const i = header.get(c);
    return i === undefined ? undefined : (record[i] ?? '').trim();
  };
  try {
    return { ok: true, customer: build(get) };
  } catch (err) {
    if (err instanceof RowError) return { ok: false, reason: err.message };
    throw err;
  }
}

function build(get: (c: ImportColumn) => string | undefined): ImportedCustomer {
  const externalId = get('external_id') ?? '';
  if (!externalId) fail('external_id is missing');
  if (externalId.length > 64) fail('external_id is longer than 64 characters');
  const fullName = get('full_name') ?? '';
  if (!fullName) fail('full_name is missing');
  if (fullName.length > 200) fail('full_name is longer than 200 characters');
  const customer: ImportedCustomer = {
    externalId,
    fullName,
    phones: parsePhones(get('phones') ?? ''),
    emails: parseEmails(get('emails') ?? ''),
    tier: parseTier(get('tier') ?? ''),
    segment: optionalText(get('segment'), 'segment', 50),
    city: optionalText(get('city'), 'city', 100),
    customerSince: parseDate(get('customer_since') ?? ''),
  };
  const salutation = get('salutation');
  if (salutation !== undefined) customer.salutation = parseSalutation(salutation);
  const address = get('address');
  if (address !== undefined) customer.address = optionalText(address, 'address', 500);
  const branch = get('branch');
  if (branch !== undefined) customer.branch = optionalText(branch, 'branch', 100);
  const language = get('language');
  if (language !== undefined) customer.language = oneOf(language || 'id', ['id', 'en'] as const, 'language');
  const vvip = get('vvip');
  if (vvip !== undefined) customer.vvip = parseBool(vvip);
  const billing = get('billing');
  if (billing !== undefined) customer.billing = oneOf(billing || 'prepaid', ['prepaid', 'postpaid'] as const, 'billing');
  const lifecycle = get('lifecycle');
  if (lifecycle !== undefined) customer.lifecycle = oneOf(lifecycle || 'customer', LIFECYCLE_STAGES, 'lifecycle');
  const ltv = get('lifetime_value_idr');
  if (ltv !== undefined) customer.lifetimeValueIdr = parseAmount(ltv);
  return customer;
}

function parsePhones(text: string): CustomerPhone[] {
  const parts = text.split(';').map((p) => p.trim()).filter(Boolean);
  if (parts.length > 20) fail('More than 20 phone numbers');
  const phones: CustomerPhone[] = [];
  for (const part of parts) {
    const e164 = toE164(part);
    if (!e164) fail(`Invalid phone number "${part.slice(0, 40)}"`);
    else if (!phones.some((p) => p.e164 === e164)) {
      // Indonesian mobile numbers start with 8 after the country code; others are landlines.
      phones.push({ e164, type: e164.startsWith('+628') ? 'mobile' : 'home' });
    }
  }
  return phones;
}

function parseEmails(text: string): string[] {
  const parts = text.split(';').map((p) => p.trim()).filter(Boolean);
  if (parts.length > 20) fail('More than 20 e-mail addresses');
  for (const part of parts) {
    if (part.length > 254 || !EMAIL.test(part)) fail(`Invalid e-mail address "${part.slice(0, 60)}"`);
  }
  return [...new Set(parts)];
}

function parseTier(text: string): Tier {
  return oneOf(text, TIERS, 'tier');
}

function oneOf<T extends string>(text: string, allowed: readonly T[], what: string): T {
  const value = text.toLowerCase();
  const match = allowed.find((a) => a === value);
  if (!match) fail(`Unknown ${what} "${text.slice(0, 40)}" (expected ${allowed.join(', ')})`);
  return match as T;
}

function parseSalutation(text: string): Salutation | null {
  if (!text) return null;
  const lower = text.toLowerCase().replace(/\.$/, '');
  if (['bapak', 'bpk', 'pak'].includes(lower)) return 'Bapak';
  if (['ibu', 'bu'].includes(lower)) return 'Ibu';
  return fail(`Unknown salutation "${text.slice(0, 40)}" (expected Bapak or Ibu)`);
}

function parseDate(text: string): string | null {
  if (!text) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !date || date.toISOString().slice(0, 10) !== text) {
    fail(`Invalid customer_since date "${text.slice(0, 40)}" (expected YYYY-MM-DD)`);
  }
  return text;
}

function parseBool(text: string): boolean {
  const lower = text.toLowerCase();
  if (TRUE_WORDS.has(lower)) return true;
  if (FALSE_WORDS.has(lower)) return false;
  return fail(`Invalid vvip value "${text.slice(0, 40)}" (expected true or false)`);
}

function parseAmount(text: string): number {
  if (!text) return 0;
  if (!/^-?\d{1,15}$/.test(text)) fail(`Invalid lifetime_value_idr "${text.slice(0, 40)}" (expected whole rupiah)`);
  return Number(text);
}

function optionalText(text: string | undefined, what: string, max: number): string | null {
  if (!text) return null;
  if (text.length > max) fail(`${what} is longer than ${max} characters`);
  return text;
}
