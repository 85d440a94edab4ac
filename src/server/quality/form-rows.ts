// Reading forms and versions: rows → the shapes of src/shared/quality/evaluation.ts. A
// stored definition is parsed, never cast (it was valid when saved; a failure here means
// the rules changed under it, which must be said, not papered over).
import { SapaError } from '../../shared/errors.js';
import { type FormVersion, type FormVersionSummary, type QualityForm } from '../../shared/quality/evaluation.js';
import { FormDefinition } from '../../shared/quality/form.js';
import { type Db } from '../db/db.js';
import { iso, isoOrNull } from '../db/timestamps.js';

interface VersionRow {
  id: string; form_id: string; version: number; definition: unknown; created_at: Date; updated_at: Date; used_at: Date | null;
  name_id: string; name_en: string;
}

const summary = (r: VersionRow): FormVersionSummary => ({
  id: r.id, version: r.version, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at), usedAt: isoOrNull(r.used_at),
});

export function parseDefinition(raw: unknown, versionId: string): FormDefinition {
  const parsed = FormDefinition.safeParse(raw);
  if (!parsed.success) throw new SapaError('INTERNAL', `The stored definition of form version ${versionId} no longer parses`);
  return parsed.data;
}

const VERSION_SELECT = `SELECT v.id::text AS id, v.form_id::text AS form_id, v.version, v.definition, v.created_at, v.updated_at, v.used_at,
  f.name_id, f.name_en FROM quality_form_versions v JOIN quality_forms f ON f.id = v.form_id`;

export async function readVersion(db: Db, id: string, lock = false): Promise<FormVersion | null> {
  const [r] = await db.query<VersionRow>(`${VERSION_SELECT} WHERE v.id = $1${lock ? ' FOR UPDATE OF v' : ''}`, [id]);
  return r ? { ...summary(r), formId: r.form_id, name: { id: r.name_id, en: r.name_en }, definition: parseDefinition(r.definition, r.id) } : null;
}

export async function readForms(db: Db, formId?: string): Promise<QualityForm[]> {
  const forms = await db.query<{ id: string; name_id: string; name_en: string; created_at: Date }>(
    `SELECT id::text AS id, name_id, name_en, created_at FROM quality_forms ${formId ? 'WHERE id = $1' : ''} ORDER BY name_en, id LIMIT 500`,
    formId ? [formId] : []);
  if (forms.length === 0) return [];
  const versions = await db.query<VersionRow>(`${VERSION_SELECT} WHERE v.form_id = ANY($1::uuid[]) ORDER BY v.version`, [forms.map((f) => f.id)]);
  return forms.map((f) => ({
    id: f.id, name: { id: f.name_id, en: f.name_en }, createdAt: iso(f.created_at),
    versions: versions.filter((v) => v.form_id === f.id).map(summary),
  }));
}
