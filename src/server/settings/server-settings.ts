// Server settings an admin changes at run time (src/shared/server-settings.ts), stored one
// row per key in server_settings (migration 015). Defaults are what the environment said at
// start (sip/config.ts, messaging/config.ts) or the built-in value; a stored row wins. The
// code that used those variables asks `effective()` when it acts (a SIP credential issued,
// a mail or SMS sent, an auto-acknowledgement considered), so a change applies at the next
// use, on every server of the cluster, without a restart. One tiny table: no cache.
import { SapaError } from '../../shared/errors.js';
import {
  DEFAULT_CASE_NOTIFICATIONS, DEFAULT_CASE_WARN_PERCENT, DEFAULT_WIDGET_UPLOAD_MAX_BYTES, DEFAULT_WRAPUP_LIMIT_SEC, SERVER_SETTING_KEYS, ServerSettingsValues, type ServerSettingKey, type ServerSettingsAnswer,
  type ServerSettingsUpdate,
} from '../../shared/server-settings.js';
import { type Db } from '../db/db.js';
import { type MessagingConfig } from '../messaging/config.js';
import { type SipConfig } from '../sip/config.js';

export interface ServerSettings {
  /** The values in force now. */
  effective(): Promise<ServerSettingsValues>;
  answer(): Promise<ServerSettingsAnswer>;
  save(update: ServerSettingsUpdate, by: string): Promise<ServerSettingsAnswer>;
  /** SAPA_SMTP_URL with the host and port in force (its user and password kept); null: no relay. */
  smtpUrl(values: ServerSettingsValues): string | null;
}

function smtpParts(url: string | null): { host: string | null; port: number; credentials: boolean } {
  if (!url) return { host: null, port: 587, credentials: false };
  try {
    const u = new URL(url);
    return { host: u.hostname || null, port: u.port ? Number(u.port) : u.protocol === 'smtps:' ? 465 : 587, credentials: u.username !== '' };
  } catch {
    return { host: null, port: 587, credentials: false };
  }
}

/** The widget's settings from the environment: SAPA_WIDGET_ORIGINS is a comma-separated list. */
function widgetDefaults(env: NodeJS.ProcessEnv): Pick<ServerSettingsValues, 'widgetOrigins' | 'widgetUploadMaxBytes' | 'widgetQueue'> {
  const origins = (env.SAPA_WIDGET_ORIGINS ?? '').split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean);
  return { widgetOrigins: origins, widgetUploadMaxBytes: DEFAULT_WIDGET_UPLOAD_MAX_BYTES, widgetQueue: env.SAPA_WIDGET_QUEUE ?? 'general' };
}

/** What each setting is when no admin has set it. */
export function settingsDefaults(sip: SipConfig, messaging: MessagingConfig, env: NodeJS.ProcessEnv = process.env): ServerSettingsValues {
  const smtp = smtpParts(messaging.smtpUrl);
  const parsed = ServerSettingsValues.safeParse({
    sipWsUrls: sip.wsUrls, sipDomain: sip.domain, smsGatewayUrl: messaging.smsGatewayUrl, smtpHost: smtp.host, smtpPort: smtp.port,
    mailFrom: messaging.mailFrom, autoAck: messaging.autoAck, autoAckPerSenderPerDay: messaging.autoAckPerSenderPerDay,
    wrapUpLimitSec: DEFAULT_WRAPUP_LIMIT_SEC, caseWarnPercent: DEFAULT_CASE_WARN_PERCENT, caseNotifications: DEFAULT_CASE_NOTIFICATIONS,
    ...widgetDefaults(env),
  });
  // The environment is the operator's; a value the screen would refuse is still what it says.
  return parsed.success ? parsed.data : {
    sipWsUrls: sip.wsUrls, sipDomain: sip.domain, smsGatewayUrl: messaging.smsGatewayUrl, smtpHost: smtp.host, smtpPort: smtp.port,
    mailFrom: messaging.mailFrom, autoAck: messaging.autoAck, autoAckPerSenderPerDay: messaging.autoAckPerSenderPerDay,
    wrapUpLimitSec: DEFAULT_WRAPUP_LIMIT_SEC, caseWarnPercent: DEFAULT_CASE_WARN_PERCENT, caseNotifications: DEFAULT_CASE_NOTIFICATIONS,
    ...widgetDefaults(env),
  };
}

export function createServerSettings(db: Db, sip: SipConfig, messaging: MessagingConfig): ServerSettings {
  const defaults = settingsDefaults(sip, messaging);
  const envSmtp = messaging.smtpUrl;

  async function stored(): Promise<{ values: Partial<ServerSettingsValues>; updatedAt: Date | null }> {
    const rows = await db.query<{ key: string; value: unknown; updated_at: Date }>('SELECT key, value, updated_at FROM server_settings');
    const values: Partial<Record<ServerSettingKey, unknown>> = {};
    let updatedAt: Date | null = null;
    for (const r of rows) {
      if (!(SERVER_SETTING_KEYS as string[]).includes(r.key)) continue;
      const key = r.key as ServerSettingKey;
      // A row that no longer parses (a key whose rule got stricter) falls back to the default.
      const parsed = ServerSettingsValues.shape[key].safeParse(r.value);
      if (parsed.success) values[key] = parsed.data;
      const at = new Date(r.updated_at);
      if (!updatedAt || at > updatedAt) updatedAt = at;
    }
    return { values: values as Partial<ServerSettingsValues>, updatedAt };
  }

  async function answer(): Promise<ServerSettingsAnswer> {
    const s = await stored();
    return {
      values: { ...defaults, ...s.values },
      defaults,
      overridden: Object.keys(s.values).sort(),
      secrets: {
        sipSecret: sip.secret !== null,
        smtpCredentials: smtpParts(envSmtp).credentials,
        smsGatewayToken: messaging.smsGatewayToken !== null,
      },
      updatedAt: s.updatedAt ? s.updatedAt.toISOString() : null,
    };
  }

  return {
    async effective() {
      return { ...defaults, ...(await stored()).values };
    },
    answer,
    async save(update, by) {
      const entries = Object.entries(update) as [ServerSettingKey, unknown][];
      if (entries.length === 0) throw new SapaError('INVALID_INPUT', 'Nothing to change', ['body: name at least one setting']);
      await db.transaction(async (tx) => {
        for (const [key, value] of entries) {
          if (value === null) await tx.query('DELETE FROM server_settings WHERE key = $1', [key]);
          else {
            await tx.query(
              `INSERT INTO server_settings (key, value, updated_at, updated_by) VALUES ($1, $2::jsonb, now(), $3)
               ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by`,
              [key, JSON.stringify(value), by]);
          }
        }
      });
      return answer();
    },
    smtpUrl(values) {
      if (!values.smtpHost) return null;
      let u: URL;
      try {
        u = new URL(envSmtp ?? `smtp://${values.smtpHost}`);
      } catch {
        u = new URL(`smtp://${values.smtpHost}`);
      }
      u.hostname = values.smtpHost;
      u.port = String(values.smtpPort);
      return u.toString();
    },
  };
}
