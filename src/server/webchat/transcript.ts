// The transcript of a web chat as plain text: what lands in the timeline (and the lead's
// review) and what is mailed to the customer. System lines are worded in the chat's language.
import { type Db } from '../db/db.js';
import { messagesOf, type ConversationRow } from './store.js';

const SYSTEM: Record<string, { id: string; en: string }> = {
  agent_joined: { id: 'Agen bergabung', en: 'An agent joined' },
  transferred: { id: 'Percakapan dialihkan', en: 'The chat was transferred' },
  customer_left: { id: 'Pelanggan mengakhiri percakapan', en: 'The customer ended the chat' },
  agent_ended: { id: 'Agen mengakhiri percakapan', en: 'The agent ended the chat' },
  verified: { id: 'Identitas terverifikasi dengan kode', en: 'Identity verified by code' },
};

export function systemText(body: string, language: 'id' | 'en'): string {
  return SYSTEM[body]?.[language] ?? body;
}

export async function transcriptText(db: Db, c: ConversationRow): Promise<string> {
  const lines = (await messagesOf(db, c.id)).map((m) => {
    const time = new Date(m.at).toISOString().slice(11, 16);
    const who = m.author === 'customer' ? c.visitor_name : m.author === 'agent' ? (m.agentName ?? 'Agent') : '—';
    const body = m.author === 'system' ? systemText(m.body, c.language) : m.body;
    return `[${time} UTC] ${who}: ${body}${m.file ? ` [${m.file.name}, ${m.file.mime}]` : ''}`;
  });
  return lines.join('\n').slice(0, 100_000);
}
