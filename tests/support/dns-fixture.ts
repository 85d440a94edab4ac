// A DNS resolver for mailauth that answers from a table instead of the network (the test
// machines have no internet). Records are given as they are published — an SPF policy, a
// DKIM key record, a DMARC policy — and answered in the shape node:dns gives: each TXT
// record as its 255-byte character-strings. Any other name answers ENOTFOUND, like a real
// resolver for a name nobody published.
import { type DNSResolver } from '../../src/server/messaging/mail-auth.js';

function characterStrings(record: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < record.length; i += 255) parts.push(record.slice(i, i + 255));
  return parts;
}

export function fixtureResolver(txt: Record<string, string[]>): DNSResolver & { queries: string[] } {
  const table = new Map(Object.entries(txt).map(([name, records]) => [name.toLowerCase(), records]));
  const queries: string[] = [];
  const resolve = async (name: string, rrtype: string): Promise<string[][]> => {
    const key = name.toLowerCase().replace(/\.$/, '');
    queries.push(`${rrtype} ${key}`);
    const records = rrtype === 'TXT' ? table.get(key) : undefined;
    if (records) return records.map(characterStrings);
    throw Object.assign(new Error(`query${rrtype} ENOTFOUND ${name}`), { code: 'ENOTFOUND', hostname: name });
  };
  return Object.assign(resolve, { queries });
}
