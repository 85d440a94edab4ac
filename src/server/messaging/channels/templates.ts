// The admins' list of approved WhatsApp templates: the name and language registered with
// Meta, the text it says ({{1}} … where the agent fills in values) and the reply paragraph it
// stands for. Only these may go out once the 24-hour window has closed.
import { v7 as uuidv7 } from 'uuid';
import { SapaError } from '../../../shared/errors.js';
import { templateParamCount, type WhatsappTemplate, type WhatsappTemplateInput } from '../../../shared/messaging-channels.js';
import { type Db } from '../../db/db.js';

interface TemplateRow { id: string; name: string; language: string; body: string; paragraph_id: string | null; active: boolean }

export function toTemplate(r: TemplateRow): WhatsappTemplate {
  return { id: r.id, name: r.name, language: r.language, body: r.body, paragraphId: r.paragraph_id, active: r.active, paramCount: templateParamCount(r.body) };
}

export async function listTemplates(db: Db, activeOnly = false): Promise<WhatsappTemplate[]> {
  const rows = await db.query<TemplateRow>(
    `SELECT * FROM whatsapp_templates ${activeOnly ? 'WHERE active' : ''} ORDER BY name, language`);
  return rows.map(toTemplate);
}

export async function loadTemplate(db: Db, id: string): Promise<WhatsappTemplate | null> {
  const [row] = await db.query<TemplateRow>('SELECT * FROM whatsapp_templates WHERE id = $1', [id]);
  return row ? toTemplate(row) : null;
}

export async function saveTemplate(db: Db, input: WhatsappTemplateInput): Promise<WhatsappTemplate> {
  if (input.paragraphId) {
    const [p] = await db.query<{ id: string }>('SELECT id FROM reply_paragraphs WHERE id = $1', [input.paragraphId]);
    if (!p) throw new SapaError('NOT_FOUND', 'That reply paragraph does not exist');
  }
  const [clash] = await db.query<{ id: string }>(
    'SELECT id FROM whatsapp_templates WHERE name = $1 AND language = $2 AND id <> $3', [input.name, input.language, input.id ?? '00000000-0000-0000-0000-000000000000']);
  if (clash) throw new SapaError('CONFLICT', `A template ${input.name} (${input.language}) is already listed`);
  const id = input.id ?? uuidv7();
  const [row] = await db.query<TemplateRow>(
    `INSERT INTO whatsapp_templates (id, name, language, body, paragraph_id, active) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, language = EXCLUDED.language, body = EXCLUDED.body,
       paragraph_id = EXCLUDED.paragraph_id, active = EXCLUDED.active
     RETURNING *`, [id, input.name, input.language, input.body, input.paragraphId, input.active]);
  if (!row) throw new SapaError('INTERNAL', 'template save returned nothing');
  return toTemplate(row);
}
