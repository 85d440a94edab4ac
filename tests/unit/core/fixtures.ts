// Builders for cache tests: domain rows with sensible defaults and a pull batch around them,
// so tests fill the cache through the real apply path.
import { randomUUID } from 'node:crypto';
import { type Case, type Customer, type Interaction } from '../../../src/shared/domain.js';
import { type PullResponse } from '../../../src/shared/sync.js';

let counter = 0;

export function customer(overrides: Partial<Customer> = {}): Customer {
  counter += 1;
  return {
    id: randomUUID(), customerNo: `C${String(counter).padStart(8, '0')}`, externalId: null,
    fullName: `Pelanggan ${counter}`, salutation: 'Bapak', phones: [], emails: [], address: null,
    city: 'Jakarta', branch: null, language: 'id', segment: null, tier: 'regular', vvip: false,
    billing: 'prepaid', lifecycle: 'customer', customerSince: '2020-01-01', lifetimeValueIdr: 0,
    version: counter, updatedAt: '2026-01-01T00:00:00.000Z', ...overrides,
  };
}

export function interaction(customerId: string, startedAt: string, overrides: Partial<Interaction> = {}): Interaction {
  counter += 1;
  return {
    id: randomUUID(), customerId, channel: 'call_in', direction: 'inbound', startedAt, endedAt: null,
    agentId: null, agentName: 'Agen Satu', subject: `Subjek ${counter}`, body: null, disposition: null,
    durationSec: 60, recordingId: null, version: counter, ...overrides,
  };
}

export function complaintCase(customerId: string, openedAt: string, overrides: Partial<Case> = {}): Case {
  counter += 1;
  return {
    id: randomUUID(), caseNo: `K${counter}`, customerId, category: 'complaint', subject: 'Tagihan salah',
    priority: 'normal', status: 'open', openedAt, slaDueAt: openedAt, resolvedAt: null, assigneeId: null,
    version: counter, ...overrides,
  };
}

export function batch(changes: Partial<PullResponse['changes']>, extra: Partial<PullResponse> = {}): PullResponse {
  return {
    nextCursor: counter, more: false, headVersion: counter, remainingEstimate: 0,
    changes: {
      users: [], customers: [], interactions: [], cases: [], orders: [], receivables: [], contracts: [], notes: [], callbacks: [], reply_paragraphs: [],
      ...changes,
    },
    tombstones: [],
    ...extra,
  };
}
