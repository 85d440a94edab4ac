// Server settings an admin changes at run time from /admin/settings (before: environment
// variables only). Each has the environment (or the built-in default) as its value until an
// admin sets it; clearing it goes back to the environment. Secrets (the SIP shared secret,
// SMTP user and password, the SMS gateway token) are never settings: they stay in the
// environment, and the screen only says whether each is set.
import { z } from 'zod';
import { CaseWarnPercent, DEFAULT_CASE_WARN_PERCENT } from './case-sla.js';
import { CaseNotifications, DEFAULT_CASE_NOTIFICATIONS } from './cases.js';
import { DEFAULT_WRAPUP_LIMIT_SEC, WrapUpLimitSec } from './org.js';

const CONTROL = /[\u0000-\u001f\u007f]/;

function urlWithScheme(schemes: readonly string[], what: string) {
  return z.string().trim().max(500).refine((s) => {
    try {
      const u = new URL(s);
      return schemes.includes(u.protocol) && u.hostname !== '' && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, `${what}: a ${schemes.map((p) => `${p}//`).join(' or ')} URL with a host and no user or password`);
}

/** A SIP proxy's WebSocket: ws:// (lab, loopback) or wss:// (production). */
export const SipWsUrl = urlWithScheme(['ws:', 'wss:'], 'SIP proxy');
export const HttpUrl = urlWithScheme(['http:', 'https:'], 'gateway');
/** A host name or address (no scheme, no port). */
export const HostName = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[?[0-9A-Fa-f:.]+\]?$/,
  'a host name or IP address, without scheme or port');
export const Port = z.number().int().min(1).max(65_535);
/** A sender: "Name <address@domain>" or a bare address. */
export const MailFrom = z.string().trim().min(3).max(200).refine((s) => !CONTROL.test(s), 'must not contain control characters')
  .refine((s) => /^(?:[^<>@]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/.test(s),
    'an address like cs@example.co.id or "Name <cs@example.co.id>"');

/** A web site allowed to embed the chat widget: scheme://host[:port], nothing else. */
export const SiteOrigin = z.string().trim().max(200).refine((s) => {
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === s.replace(/\/$/, '');
  } catch {
    return false;
  }
}, 'an origin like https://www.example.co.id (scheme, host and port only)').transform((s) => s.replace(/\/$/, ''));
export const DEFAULT_WIDGET_UPLOAD_MAX_BYTES = 2 * 1024 * 1024;

/** The effective settings (every key has a value). */
export const ServerSettingsValues = z.object({
  /** SIP proxies' WebSocket URLs, tried in order by the softphone. */
  sipWsUrls: z.array(SipWsUrl).min(1).max(10),
  /** The SIP domain the issued credentials name (the proxies' alias). */
  sipDomain: HostName,
  /** SMS gateway (POST JSON {to, text, reference}); null: SMS sends fail visibly. */
  smsGatewayUrl: HttpUrl.nullable(),
  /** SMTP relay host and port; user and password stay in SAPA_SMTP_URL. null host: no relay. */
  smtpHost: HostName.nullable(),
  smtpPort: Port,
  mailFrom: MailFrom,
  /** Inbound mail auto-acknowledgement, and at most this many to one sender a day. */
  autoAck: z.boolean(),
  autoAckPerSenderPerDay: z.number().int().min(0).max(100),
  /** After-call work limit shown in the wrap-up panel (seconds; 0 = no limit). */
  wrapUpLimitSec: WrapUpLimitSec,
  /** A case's assignee is warned "due soon" in the last N % of its resolution target (Organisation → Case SLA). */
  caseWarnPercent: CaseWarnPercent,
  /** Which case status changes notify the customer, with which approved paragraph and channel (docs/cases.md). */
  caseNotifications: CaseNotifications,
  /** Sites whose pages may embed the chat widget (docs/web-widget.md); empty: the widget is off everywhere. */
  widgetOrigins: z.array(SiteOrigin).max(50),
  /** Largest image or PDF a customer may send in a chat (bytes). */
  widgetUploadMaxBytes: z.number().int().min(10_000).max(10 * 1024 * 1024),
  /** The queue web chats wait in. */
  widgetQueue: z.string().trim().min(1).max(60).regex(/^[a-z0-9_-]+$/),
});
export type ServerSettingsValues = z.infer<typeof ServerSettingsValues>;
export type ServerSettingKey = keyof ServerSettingsValues;
export const SERVER_SETTING_KEYS = Object.keys(ServerSettingsValues.shape) as ServerSettingKey[];

/** PUT /admin/settings: the keys to change; a key set to null goes back to the environment. */
export const ServerSettingsUpdate = z.object(
  Object.fromEntries(SERVER_SETTING_KEYS.map((k) => [k, ServerSettingsValues.shape[k].nullable().optional()])) as {
    [K in ServerSettingKey]: z.ZodOptional<z.ZodNullable<(typeof ServerSettingsValues.shape)[K]>>
  },
).strict();
export type ServerSettingsUpdate = z.input<typeof ServerSettingsUpdate>;

export const ServerSettingsAnswer = z.object({
  values: ServerSettingsValues,
  /** What each key is when no admin has set it (environment or built-in default). */
  defaults: ServerSettingsValues,
  /** Keys an admin has set (the others follow the environment). */
  overridden: z.array(z.string()),
  /** Which secrets the environment holds (never their values). */
  secrets: z.object({ sipSecret: z.boolean(), smtpCredentials: z.boolean(), smsGatewayToken: z.boolean() }),
  updatedAt: z.string().nullable(),
});
export type ServerSettingsAnswer = z.infer<typeof ServerSettingsAnswer>;

export { DEFAULT_CASE_NOTIFICATIONS, DEFAULT_CASE_WARN_PERCENT, DEFAULT_WRAPUP_LIMIT_SEC };
