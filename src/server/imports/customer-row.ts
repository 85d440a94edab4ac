// One CSV row of the customer import as a zod schema: the rules of docs/csv-import.md, each
// with the reason a rejected row carries in rejects.csv. Input: the row's trimmed fields by
// column name, optional columns only when the file has them (an absent column stays absent
// in the output, so an update leaves that field alone). The first failing field, in column
// order, gives the row's reason.
import { z } from 'zod';
import { type CustomerPhone, LIFECYCLE_STAGES, TIERS } from '../../shared/domain.js';
import { toE164 } from '../../shared/phone.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TRUE_WORDS = new Set(['true', 'yes', 'ya', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'tidak', 'n', '0', '']);
const SALUTATIONS: Readonly<Record<string, 'Bapak' | 'Ibu'>> = { bapak: 'Bapak', bpk: 'Bapak', pak: 'Bapak', ibu: 'Ibu', bu: 'Ibu' };

/** The start of an offending value, as quoted in a reason. */
const quote = (input: unknown, chars = 40) => `"${String(input).slice(0, chars)}"`;

const required = (what: string, max: number) =>
  z.string().min(1, `${what} is missing`).max(max, `${what} is longer than ${max} characters`);

/** Empty → null; otherwise at most `max` characters. */
const optionalText = (what: string, max: number) =>
  z.string().max(max, `${what} is longer than ${max} characters`).transform((t) => t || null);

/** One of `allowed`, in any letter case; empty → `fallback` when there is one. */
const oneOf = <T extends string>(allowed: readonly T[], what: string, fallback?: T) =>
  z.string()
    .transform((t) => t || fallback || '')
    .refine((t) => (allowed as readonly string[]).includes(t.toLowerCase()), {
      error: (issue) => `Unknown ${what} ${quote(issue.input)} (expected ${allowed.join(', ')})`,
    })
    .transform((t) => t.toLowerCase() as T);

/** `a; b; c` → the non-empty parts, at most `max` of them. */
const list = (max: number, tooMany: string) =>
  z.string().transform((t) => t.split(';').map((p) => p.trim()).filter(Boolean)).pipe(z.array(z.string()).max(max, tooMany));

const PhoneNumber = z.string().transform((part, ctx) => {
  const e164 = toE164(part);
  if (!e164) {
    ctx.addIssue({ code: 'custom', message: `Invalid phone number ${quote(part)}` });
    return z.NEVER;
  }
  return e164;
});

const Phones = list(20, 'More than 20 phone numbers').pipe(z.array(PhoneNumber)).transform((numbers): CustomerPhone[] =>
  // Indonesian mobile numbers start with 8 after the country code; others are landlines.
  [...new Set(numbers)].map((e164) => ({ e164, type: e164.startsWith('+628') ? 'mobile' : 'home' })));

const EmailAddress = z.string().refine((part) => part.length <= 254 && EMAIL.test(part), {
  error: (issue) => `Invalid e-mail address ${quote(issue.input, 60)}`,
});

const Emails = list(20, 'More than 20 e-mail addresses').pipe(z.array(EmailAddress)).transform((parts) => [...new Set(parts)]);

/** YYYY-MM-DD and a real calendar day; empty → null. */
const CustomerSince = z.string().refine((t) => {
  if (!t) return true;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  return m !== null && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === t;
}, { error: (issue) => `Invalid customer_since date ${quote(issue.input)} (expected YYYY-MM-DD)` }).transform((t) => t || null);

/** Bapak / Bpk / Pak (with or without a dot) or Ibu / Bu; empty → null. */
const Salutation = z.string()
  .refine((t) => !t || Object.hasOwn(SALUTATIONS, t.toLowerCase().replace(/\.$/, '')), {
    error: (issue) => `Unknown salutation ${quote(issue.input)} (expected Bapak or Ibu)`,
  })
  .transform((t) => (t ? SALUTATIONS[t.toLowerCase().replace(/\.$/, '')] ?? null : null));

const Vvip = z.string()
  .refine((t) => TRUE_WORDS.has(t.toLowerCase()) || FALSE_WORDS.has(t.toLowerCase()), {
    error: (issue) => `Invalid vvip value ${quote(issue.input)} (expected true or false)`,
  })
  .transform((t) => TRUE_WORDS.has(t.toLowerCase()));

/** Whole rupiah, possibly negative; empty → 0. */
const LifetimeValue = z.string()
  .refine((t) => !t || /^-?\d{1,15}$/.test(t), {
    error: (issue) => `Invalid lifetime_value_idr ${quote(issue.input)} (expected whole rupiah)`,
  })
  .transform((t) => (t ? Number(t) : 0));

/** Keys are the CSV's column names, in the order their rules are checked. */
const Columns = z.object({
  external_id: required('external_id', 64),
  full_name: required('full_name', 200),
  phones: Phones,
  emails: Emails,
  tier: oneOf(TIERS, 'tier'),
  segment: optionalText('segment', 50),
  city: optionalText('city', 100),
  customer_since: CustomerSince,
  salutation: Salutation.optional(),
  address: optionalText('address', 500).optional(),
  branch: optionalText('branch', 100).optional(),
  language: oneOf(['id', 'en'] as const, 'language', 'id').optional(),
  vvip: Vvip.optional(),
  billing: oneOf(['prepaid', 'postpaid'] as const, 'billing', 'prepaid').optional(),
  lifecycle: oneOf(LIFECYCLE_STAGES, 'lifecycle', 'customer').optional(),
  lifetime_value_idr: LifetimeValue.optional(),
});

/** Column names → the customer's field names (an optional column only when the file has it). */
export const CustomerRow = Columns.transform((c) => ({
  externalId: c.external_id,
  fullName: c.full_name,
  phones: c.phones,
  emails: c.emails,
  tier: c.tier,
  segment: c.segment,
  city: c.city,
  customerSince: c.customer_since,
  ...(c.salutation !== undefined ? { salutation: c.salutation } : {}),
  ...(c.address !== undefined ? { address: c.address } : {}),
  ...(c.branch !== undefined ? { branch: c.branch } : {}),
  ...(c.language !== undefined ? { language: c.language } : {}),
  ...(c.vvip !== undefined ? { vvip: c.vvip } : {}),
  ...(c.billing !== undefined ? { billing: c.billing } : {}),
  ...(c.lifecycle !== undefined ? { lifecycle: c.lifecycle } : {}),
  ...(c.lifetime_value_idr !== undefined ? { lifetimeValueIdr: c.lifetime_value_idr } : {}),
}));
/** A validated row: a customer without id or customer number. */
export type ImportedCustomer = z.output<typeof CustomerRow>;
/** The row as the schema reads it: trimmed fields by column name. */
export type CustomerRowInput = z.input<typeof Columns>;
