// The central server's HTTP API: paths and body schemas shared by server and core.
// Every path is under /api/v1; every call but login and health needs
// `Authorization: Bearer <token>`.
import { z } from 'zod';
import { Customer360, CustomerSummary, HistoryPage, Role, Channel } from './domain.js';

export const API_PREFIX = '/api/v1';

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionUser = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: SessionUser,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const SearchQuery = z.object({
  q: z.string().max(200),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const SearchResponse = z.object({ results: z.array(CustomerSummary) });
export type SearchResponse = z.infer<typeof SearchResponse>;

/** GET /customers/by-phone?phone=… — any form of the number; answers the matches. */
export const PhoneLookupResponse = z.object({
  e164: z.string().nullable(),
  customers: z.array(CustomerSummary),
});
export type PhoneLookupResponse = z.infer<typeof PhoneLookupResponse>;

export const Customer360Response = Customer360;

/** GET /customers/:id/interactions?limit=&before=<startedAt>|<id>&channels=a,b */
export const HistoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  beforeStartedAt: z.string().max(40).optional(),
  beforeId: z.uuid().optional(),
  channels: z
    .string()
    .max(300)
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : undefined))
    .pipe(z.array(Channel).optional()),
});
export const HistoryResponse = HistoryPage;

export const ImportStatus = z.object({
  id: z.uuid(),
  fileName: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  rowsRead: z.number().int(),
  rowsInserted: z.number().int(),
  rowsUpdated: z.number().int(),
  rowsRejected: z.number().int(),
  bytesRead: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type ImportStatus = z.infer<typeof ImportStatus>;

/** Columns of the customer CSV import (see docs/csv-import.md). */
export const IMPORT_REQUIRED_COLUMNS = [
  'external_id', 'full_name', 'phones', 'emails', 'tier', 'segment', 'city', 'customer_since',
] as const;
export const IMPORT_OPTIONAL_COLUMNS = [
  'salutation', 'address', 'branch', 'language', 'vvip', 'billing', 'lifecycle', 'lifetime_value_idr',
] as const;

/**
 * The queues of a fresh install (migration 014 seeds them). The queues an admin can give a
 * user are the active rows of the queues table (the Organisation screen); the server checks
 * a scope's queues against it (src/server/admin/routes.ts).
 */
export const QUEUES = ['billing', 'network', 'vip', 'general'] as const;

/** PUT /admin/users/:id/scope: the branch and queues a user's working set follows. */
export const UserScopeRequest = z.object({
  /** A customers.branch value (e.g. "Jakarta Pusat"), or null for no branch. */
  branch: z.string().trim().min(1).max(100).nullable(),
  queues: z.array(z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'a queue code')).max(50)
    .refine((qs) => new Set(qs).size === qs.length, 'a queue is listed twice'),
}).strict();
