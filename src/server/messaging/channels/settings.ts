// The channels' settings: the environment gives the defaults, an admin's saved settings
// (messaging_channel_settings, one row) win. Read when a webhook arrives or a message goes
// out, so a changed token or secret takes effect at once.
//   SAPA_WHATSAPP_GRAPH_URL        Graph API base (default https://graph.facebook.com; tests: a local stand-in)
//   SAPA_WHATSAPP_API_VERSION      e.g. v21.0
//   SAPA_WHATSAPP_PHONE_NUMBER_ID  the business number's id (Meta's WhatsApp Manager)
//   SAPA_WHATSAPP_ACCESS_TOKEN     a system user's permanent token (bearer)
//   SAPA_WHATSAPP_APP_SECRET       the Meta app's secret: checks X-Hub-Signature-256
//   SAPA_WHATSAPP_VERIFY_TOKEN     the token typed into the webhook setup (GET verification)
//   SAPA_SMS_INBOUND_SECRET        the shared secret our SMS gateway signs its webhooks with
import { type ChannelSettingsInput, type ChannelSettingsView } from '../../../shared/messaging-channels.js';
import { type Db } from '../../db/db.js';

export interface WhatsappSettings {
  graphBaseUrl: string; apiVersion: string; phoneNumberId: string | null;
  accessToken: string | null; appSecret: string | null; verifyToken: string | null;
}
export interface ChannelSettings { whatsapp: WhatsappSettings; sms: { inboundSecret: string | null } }

type Saved = { whatsapp?: Partial<Record<keyof WhatsappSettings, string | null>>; sms?: { inboundSecret?: string | null } };

export function channelSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ChannelSettings {
  return {
    whatsapp: {
      graphBaseUrl: env.SAPA_WHATSAPP_GRAPH_URL || 'https://graph.facebook.com',
      apiVersion: env.SAPA_WHATSAPP_API_VERSION || 'v21.0',
      phoneNumberId: env.SAPA_WHATSAPP_PHONE_NUMBER_ID || null,
      accessToken: env.SAPA_WHATSAPP_ACCESS_TOKEN || null,
      appSecret: env.SAPA_WHATSAPP_APP_SECRET || null,
      verifyToken: env.SAPA_WHATSAPP_VERIFY_TOKEN || null,
    },
    sms: { inboundSecret: env.SAPA_SMS_INBOUND_SECRET || null },
  };
}

async function readSaved(db: Db): Promise<Saved> {
  const [row] = await db.query<{ settings: Saved }>('SELECT settings FROM messaging_channel_settings WHERE id = 1');
  return row?.settings ?? {};
}

/** A saved value wins when it is a value; absent or null falls back to the environment's. */
function over<T extends object>(base: T, saved: Partial<Record<keyof T, unknown>> | undefined): T {
  const out = { ...base };
  for (const [k, v] of Object.entries(saved ?? {})) if (typeof v === 'string' && v !== '') (out as Record<string, unknown>)[k] = v;
  return out;
}

export function channelSettingsStore(db: Db, env: ChannelSettings) {
  const effective = async (): Promise<ChannelSettings> => {
    const saved = await readSaved(db);
    return { whatsapp: over(env.whatsapp, saved.whatsapp), sms: over(env.sms, saved.sms) };
  };
  const view = async (): Promise<ChannelSettingsView> => {
    const s = await effective();
    return {
      whatsapp: {
        graphBaseUrl: s.whatsapp.graphBaseUrl, apiVersion: s.whatsapp.apiVersion, phoneNumberId: s.whatsapp.phoneNumberId,
        accessTokenSet: !!s.whatsapp.accessToken, appSecretSet: !!s.whatsapp.appSecret, verifyTokenSet: !!s.whatsapp.verifyToken,
      },
      sms: { inboundSecretSet: !!s.sms.inboundSecret },
    };
  };
  return {
    effective,
    view,
    async save(input: ChannelSettingsInput): Promise<ChannelSettingsView> {
      const saved = await readSaved(db);
      const next: Saved = { whatsapp: { ...saved.whatsapp, ...input.whatsapp }, sms: { ...saved.sms, ...input.sms } };
      await db.query(
        `INSERT INTO messaging_channel_settings (id, settings) VALUES (1, $1::jsonb)
         ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings`, [JSON.stringify(next)]);
      return view();
    },
  };
}
export type ChannelSettingsStore = ReturnType<typeof channelSettingsStore>;
