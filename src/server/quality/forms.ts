// Quality form routes: create a form (its version 1), new versions, and edits of a version
// while no evaluation uses it. A used version is frozen — here (a clear 409) and by the
// database (migration 020_quality's trigger), so no path around the server changes it.
import { randomUUID } from 'node:crypto';
import { SapaError } from '../../shared/errors.js';
import { type FormDefinition } from '../../shared/quality/form.js';
import { audit } from '../auth/audit.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { type QualityContext } from './context.js';
import { withQualityRefusals } from './db-refusals.js';
import { readForms, readVersion } from './form-rows.js';

async function insertVersion(tx: Db, formId: string, version: number, definition: FormDefinition, by: string, now: Date): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO quality_form_versions (id, form_id, version, definition, created_at, created_by, updated_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $5)`, [id, formId, version, JSON.stringify(definition), now, by]);
  return id;
}

async function mustReadVersion(db: Db, id: string) {
  const version = await readVersion(db, id);
  if (!version) throw new SapaError('NOT_FOUND', `No form version ${id}`);
  return version;
}

export function registerFormRoutes(register: RegisterRoute, { db, now }: QualityContext): void {
  register('quality.forms.list', async () => ({ forms: await readForms(db) }));

  register('quality.forms.read', async ({ params }) => {
    const [form] = await readForms(db, params.id);
    if (!form) throw new SapaError('NOT_FOUND', `No quality form ${params.id}`);
    return form;
  });

  register('quality.forms.create', async ({ body, user, request }) => {
    const formId = randomUUID();
    const versionId = await db.transaction(async (tx) => {
      const at = now();
      await tx.query('INSERT INTO quality_forms (id, name_id, name_en, created_at, created_by) VALUES ($1, $2, $3, $4, $5)',
        [formId, body.name.id, body.name.en, at, user.id]);
      const id = await insertVersion(tx, formId, 1, body.definition, user.id, at);
      await audit(tx, 'quality.forms.create', user.id, formId, { versionId: id, version: 1, name: body.name.en }, request.ip);
      return id;
    });
    return mustReadVersion(db, versionId);
  });

  register('quality.forms.newVersion', async ({ params, body, user, request }) => {
    const versionId = await db.transaction(async (tx) => {
      // The form row's lock orders two new versions made at once (each gets its own number).
      const [form] = await tx.query('SELECT 1 FROM quality_forms WHERE id = $1 FOR UPDATE', [params.id]);
      if (!form) throw new SapaError('NOT_FOUND', `No quality form ${params.id}`);
      const [last] = await tx.query<{ n: number }>('SELECT coalesce(max(version), 0)::int AS n FROM quality_form_versions WHERE form_id = $1', [params.id]);
      const version = (last?.n ?? 0) + 1;
      const id = await insertVersion(tx, params.id, version, body.definition, user.id, now());
      await audit(tx, 'quality.forms.newVersion', user.id, params.id, { versionId: id, version }, request.ip);
      return id;
    });
    return mustReadVersion(db, versionId);
  });

  register('quality.versions.read', async ({ params }) => mustReadVersion(db, params.id));

  register('quality.versions.edit', async ({ params, body, user, request }) => {
    await withQualityRefusals(`Form version ${params.id}`, () => db.transaction(async (tx) => {
      const version = await readVersion(tx, params.id, true);
      if (!version) throw new SapaError('NOT_FOUND', `No form version ${params.id}`);
      if (version.usedAt) {
        const [n] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM quality_evaluations WHERE form_version_id = $1', [params.id]);
        throw new SapaError('CONFLICT',
          `Version ${version.version} of "${version.name.en}" is used by ${n?.n ?? 0} evaluation(s) and cannot change: make a new version`,
          { usedAt: version.usedAt });
      }
      await tx.query('UPDATE quality_form_versions SET definition = $2::jsonb, updated_at = $3 WHERE id = $1',
        [params.id, JSON.stringify(body.definition), now()]);
      await audit(tx, 'quality.versions.edit', user.id, params.id, { formId: version.formId, version: version.version }, request.ip);
    }));
    return mustReadVersion(db, params.id);
  });
}
