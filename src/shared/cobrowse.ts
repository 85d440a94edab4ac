// Browser sharing (co-browsing, docs/browser-sharing.md): the agent sees the page the
// customer is on, live, with the customer's consent. The customer's page runs rrweb's
// recorder (src/cobrowse/, served as /api/v1/widget/cobrowse.js), masks password and card
// fields before anything leaves the browser, and streams DOM events over a WebSocket; the
// server relays them to the agent's desktop and never stores them (src/server/cobrowse/).
//
// The flow: the agent asks for a session for the customer on screen and gets a 6-digit
// code; the customer's page is given the code (read out on the phone and typed into the
// script's prompt, or handed over by the web chat: `SapaCobrowse.start({ sessionCode })`);
// the customer consents; the agent's view follows the page until either side ends it.
import { z } from 'zod';
import { Timestamp } from './domain.js';

/** A sharing code: six digits, valid until the customer joins or it expires. */
export const COBROWSE_CODE = /^\d{6}$/;
export const CobrowseCode = z.string().trim().regex(COBROWSE_CODE, 'six digits');
/** A code nobody used expires after this long. */
export const COBROWSE_CODE_TTL_MS = 10 * 60_000;
/** One customer frame (a batch of rrweb events; a full snapshot of a large page is the biggest). */
export const COBROWSE_MAX_CUSTOMER_FRAME = 4 * 1024 * 1024;
/** What one session may relay in a 10-second window before the server ends it. */
export const COBROWSE_MAX_BYTES_PER_WINDOW = 16 * 1024 * 1024;
export const COBROWSE_WINDOW_MS = 10_000;
/** Agent frames are small commands (point, suggest, end). */
export const COBROWSE_MAX_AGENT_FRAME = 4096;
/** Failed joins (wrong or expired code, foreign origin) one address may make per window. */
export const COBROWSE_JOIN_FAILURES = 10;
export const COBROWSE_JOIN_WINDOW_MS = 10 * 60_000;
/** Paths kept per session for the history (only with the customer's consent), and fields named per form. */
export const COBROWSE_MAX_PAGES = 50;
export const COBROWSE_MAX_FORM_FIELDS = 40;

/** A page path (no origin, query or fragment: those may carry tokens, and the origin is fixed per session). */
export const PagePath = z.string().min(1).max(300).regex(/^\/[^\s?#]*$/, 'a path starting with / (no query or fragment)');
/** A form field's name as the page gives it (never its value). */
const FieldName = z.string().trim().min(1).max(80).regex(/^[^\u0000-\u001f<>]+$/, 'a plain name');

/** POST /cobrowse/sessions: the agent asks to share the browser of the customer on screen. */
export const CobrowseStartBody = z.object({
  customerId: z.uuid(),
  /** A web chat of the caller's with this customer: the code goes to the customer's widget, which starts sharing's prompt itself. */
  chatId: z.uuid().optional(),
}).strict();
export const CobrowseSession = z.object({
  id: z.uuid(),
  code: CobrowseCode,
  customerId: z.uuid(),
  expiresAt: Timestamp,
});
export type CobrowseSession = z.infer<typeof CobrowseSession>;

export const cobrowseRoutes = {
  'cobrowse.start': { method: 'POST', path: '/cobrowse/sessions', access: 'cobrowse.start', body: CobrowseStartBody, answer: CobrowseSession, status: 201 },
  /** The customer-side script (built by vite.cobrowse.config.ts), loaded by the company's site. */
  'cobrowse.script': { method: 'GET', path: '/widget/cobrowse.js', access: 'public', answer: 'file' },
  /** The customer's page streams here (first frame `join` or `resume`; its Origin must be an allowed site origin). */
  'cobrowse.customerSocket': { method: 'GET', path: '/cobrowse/customer', access: 'public', answer: 'websocket' },
  /** The agent's desktop (core) watches here (first frame `watch` with the session token). */
  'cobrowse.agentSocket': { method: 'GET', path: '/cobrowse/agent', access: 'public', answer: 'websocket' },
} as const;

// ── The customer's socket ────────────────────────────────────────────────────────────
export const CustomerFrame = z.discriminatedUnion('t', [
  /** Consent given: join with the code; `history` is the second consent (pages and forms into the customer's history). */
  z.object({ t: z.literal('join'), code: CobrowseCode, history: z.boolean(), path: PagePath }).strict(),
  /** The next page of the same site, in the same sharing (the script keeps the resume token in sessionStorage). */
  z.object({ t: z.literal('resume'), sessionId: z.uuid(), resume: z.string().min(20).max(100), path: PagePath }).strict(),
  /** A batch of rrweb events, already masked. Checked for shape only: the server relays them and keeps nothing. */
  z.object({ t: z.literal('ev'), e: z.array(z.object({ type: z.number().int(), timestamp: z.number() }).loose()).min(1).max(2000) }).strict(),
  /** A web form was submitted: its name and its fields' names only. */
  z.object({ t: z.literal('form'), name: z.string().trim().min(1).max(120), fields: z.array(FieldName).max(COBROWSE_MAX_FORM_FIELDS) }).strict(),
  z.object({ t: z.literal('end') }).strict(),
]);
export type CustomerFrame = z.infer<typeof CustomerFrame>;

export const EndedBy = z.enum(['customer', 'agent', 'expired', 'limit']);
export type EndedBy = z.infer<typeof EndedBy>;

export type ServerToCustomer =
  | { t: 'joined'; sessionId: string; resume: string; agentName: string; history: boolean }
  | { t: 'snapshot' }
  | { t: 'point'; nodeId: number }
  | { t: 'suggest'; url: string }
  | { t: 'ended'; by: EndedBy }
  | { t: 'error'; code: string; message: string };

// ── The agent's socket ───────────────────────────────────────────────────────────────
export const AgentFrame = z.discriminatedUnion('t', [
  z.object({ t: z.literal('watch'), token: z.string().min(1).max(200), sessionId: z.uuid() }).strict(),
  /** Point at an element: its id in rrweb's mirror (the same id on both sides). */
  z.object({ t: z.literal('point'), nodeId: z.number().int().nonnegative() }).strict(),
  /** Propose a page of the same site: a path (the server makes it absolute on the session's origin). */
  z.object({ t: z.literal('suggest'), path: PagePath }).strict(),
  z.object({ t: z.literal('end') }).strict(),
]);
export type AgentFrame = z.infer<typeof AgentFrame>;

/** What the agent's desktop hears (core hands it on to the renderer as `cobrowse.frame`). */
export const ServerToAgent = z.discriminatedUnion('t', [
  z.object({ t: z.literal('waiting') }),
  z.object({ t: z.literal('joined'), origin: z.string(), history: z.boolean() }),
  z.object({ t: z.literal('ev'), e: z.array(z.unknown()) }),
  z.object({ t: z.literal('page'), path: z.string(), pages: z.number().int() }),
  z.object({ t: z.literal('ended'), by: EndedBy }),
  z.object({ t: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type ServerToAgent = z.infer<typeof ServerToAgent>;

// ── The desktop API (core) ───────────────────────────────────────────────────────────
const SessionRef = z.object({ sessionId: z.uuid() }).strict();
const Ok = z.object({ ok: z.literal(true) });
export const cobrowseMethods = {
  /** Asks the server for a session and starts watching it; the code is for the customer. */
  'cobrowse.start': { input: CobrowseStartBody, output: CobrowseSession },
  'cobrowse.point': { input: SessionRef.extend({ nodeId: z.number().int().nonnegative() }).strict(), output: Ok },
  'cobrowse.suggest': { input: SessionRef.extend({ path: PagePath }).strict(), output: Ok },
  'cobrowse.end': { input: SessionRef, output: Ok },
} as const;

export const cobrowseEvents = {
  /** A frame of a watched session; `closed` when the desktop's link to it ended. */
  'cobrowse.frame': z.object({ sessionId: z.uuid(), frame: ServerToAgent }),
} as const;

/**
 * The same-origin rule of a proposed page, on both sides: a path, or an absolute URL on the
 * session's origin; anything else (another site, javascript:, data:) is refused.
 */
export function sameOriginUrl(candidate: string, origin: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin || (url.protocol !== 'https:' && url.protocol !== 'http:')) return null;
  return url.toString();
}
