// De-duplication keys of a person (docs/sales.md, "De-duplication"): a prospect is the same
// person as an existing customer when one of their phone numbers is the same number in any
// written form (0812-3456-7890, +62 812 3456 7890, 6281234567890, (0812) 3456 7890 are one
// number: toE164) or one of their e-mail addresses is the same ignoring case and spaces.
import { toE164 } from '../phone.js';

export interface DedupeKeys { phones: string[]; emails: string[] }

/** Lower-case, trimmed e-mail, or null when it does not look like name@domain.tld. */
export function normaliseEmail(input: string): string | null {
  const e = input.trim().toLowerCase();
  if (e.length === 0 || e.length > 254) return null;
  return /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]{2,}$/.test(e) ? e : null;
}

/**
 * The keys of a person from what was typed or imported: the valid phone numbers as E.164 and
 * the valid e-mails normalised, each once. `invalid` lists what could not be read, for the
 * caller to refuse or report.
 */
export function dedupeKeys(phones: readonly string[], emails: readonly string[]): DedupeKeys & { invalid: string[] } {
  const out = { phones: [] as string[], emails: [] as string[], invalid: [] as string[] };
  for (const p of phones) {
    if (p.trim() === '') continue;
    const e164 = toE164(p);
    if (!e164) out.invalid.push(p);
    else if (!out.phones.includes(e164)) out.phones.push(e164);
  }
  for (const m of emails) {
    if (m.trim() === '') continue;
    const e = normaliseEmail(m);
    if (!e) out.invalid.push(m);
    else if (!out.emails.includes(e)) out.emails.push(e);
  }
  return out;
}

/** A list cell of several values: `0812 3456 7890; +62 811…` (`;` or `,` between them). */
export function splitList(cell: string): string[] {
  return cell.split(/[;,]/).map((s) => s.trim()).filter((s) => s.length > 0);
}
