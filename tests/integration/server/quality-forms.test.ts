// Quality forms on both engines (src/server/quality/forms.ts): leads and admins create forms
// and versions, agents cannot; a form whose weights do not add up to 100 (or with any other
// broken rule) is a 400 naming the place; labels keep unicode and markup as text; a version
// is edited only while no evaluation uses it — after that the server answers 409 and the
// database itself refuses the change (trigger), and a new version is the way on.
import { expect, it } from 'vitest';
import { type AuditPage } from '../../../src/shared/audit.js';
import { type FormVersion, type QualityForm } from '../../../src/shared/quality/evaluation.js';
import { forEachDatabase } from '../helpers/databases.js';
import { addCall, addTeam, addUser, goodAnswers, sampleDefinition, type QUser } from '../helpers/quality.js';
import { useTestServer } from '../helpers/server.js';

forEachDatabase('quality forms', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 2, interactionsMean: 0, seed: 5 } });
  const call = async (who: QUser | null, method: string, path: string, body?: unknown) =>
    t.current.api(path, { method, ...(who ? { token: who.token } : {}), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const db = () => t.current.server.db;
  const name = { id: 'Formulir Mutu Panggilan', en: 'Call quality form' };

  it('a lead creates a form (version 1, defaults filled, audited); an agent gets 403, anonymous 401', async () => {
    const lead = await addUser(db(), 'lead');
    const agent = await addUser(db(), 'agent');
    const created = await call(lead, 'POST', '/quality/forms', { name, definition: sampleDefinition() });
    expect(created.status, created.text).toBe(201);
    const version = created.body as FormVersion;
    expect(version).toMatchObject({ version: 1, usedAt: null, name });
    expect(version.definition.sections[0]?.items[0]).toMatchObject({ points: 1, allowNa: true, critical: false, fatal: false });
    expect((await call(agent, 'POST', '/quality/forms', { name, definition: sampleDefinition() })).status).toBe(403);
    expect((await call(agent, 'GET', '/quality/forms')).status).toBe(403);
    expect((await call(null, 'GET', '/quality/forms')).status).toBe(401);
    const forms = (await call(lead, 'GET', '/quality/forms')).body as { forms: QualityForm[] };
    expect(forms.forms.find((f) => f.id === version.formId)?.versions.map((v) => v.version)).toEqual([1]);
    const admin = await t.current.login('admin1', 'admin1-pass');
    const audit = (await t.current.api('/admin/audit?action=quality.forms.create', { token: admin })).body as AuditPage;
    expect(audit.entries[0]).toMatchObject({ actorId: lead.id, subject: version.formId, details: { version: 1, versionId: version.id } });
  });

  it('refuses weights that do not add up to 100 with a 400 saying the sum, and writes nothing', async () => {
    const lead = await addUser(db(), 'lead');
    const definition = sampleDefinition();
    definition.sections[1] = { ...definition.sections[1]!, weight: 60 };
    const res = await call(lead, 'POST', '/quality/forms', { name: { id: 'Salah', en: 'Wrong weights' }, definition });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_INPUT', details: expect.arrayContaining(['definition.sections: section weights add up to 90, not 100']) });
    expect(await db().query("SELECT 1 FROM quality_forms WHERE name_en = 'Wrong weights'")).toEqual([]);
  });

  it.each([
    ['an empty body', {}],
    ['a label without English', { name: { id: 'Hanya' }, definition: sampleDefinition() }],
    ['a label with a control character', { name: { id: 'a\u0007b', en: 'x' }, definition: sampleDefinition() }],
    ['an item both critical and fatal', (() => {
      const d = sampleDefinition();
      (d.sections[0]!.items[1] as Record<string, unknown>).fatal = true;
      return { name, definition: d };
    })()],
    ['an unknown field', { name, definition: sampleDefinition(), score: 100 }],
    ['a huge label', { name: { id: 'x'.repeat(201), en: 'x' }, definition: sampleDefinition() }],
  ])('refuses %s with a 400 that names the problem', async (_what, body) => {
    const res = await call(await addUser(db(), 'admin'), 'POST', '/quality/forms', body);
    expect(res.status).toBe(400);
    expect(((res.body as { details?: unknown[] }).details ?? []).length).toBeGreaterThan(0);
  });

  it('keeps unicode and script in labels and guidance as plain text', async () => {
    const lead = await addUser(db(), 'lead');
    const definition = sampleDefinition();
    const label = { id: 'Salam <script>alert("x")</script> — ramah ✓', en: "Greeting <img src=x onerror=alert(1)> 💬 'quoted'" };
    definition.sections[0] = { ...definition.sections[0]!, label };
    const fancy = { id: 'Formulir 📞 «mutu» ﷽', en: 'Form \u202Eright-to-left\u202C' };
    const created = await call(lead, 'POST', '/quality/forms', { name: fancy, definition });
    expect(created.status, created.text).toBe(201);
    const back = (await call(lead, 'GET', `/quality/form-versions/${(created.body as FormVersion).id}`)).body as FormVersion;
    expect(back.name).toEqual(fancy);
    expect(back.definition.sections[0]?.label).toEqual(label);
  });

  it('edits a version no evaluation uses; once used, 409 and the database refuses too; a new version is made instead', async () => {
    const lead = await addUser(db(), 'lead');
    const agent = await addUser(db(), 'agent');
    await addTeam(db(), lead, [agent]);
    const v1 = (await call(lead, 'POST', '/quality/forms', { name, definition: sampleDefinition() })).body as FormVersion;
    const edited = sampleDefinition();
    edited.sections[0]!.items[0] = { ...edited.sections[0]!.items[0]!, label: { id: 'Menyapa', en: 'Greets' } };
    const ok = await call(lead, 'PUT', `/quality/form-versions/${v1.id}`, { definition: edited });
    expect(ok.status, ok.text).toBe(200);
    expect((ok.body as FormVersion).definition.sections[0]?.items[0]?.label).toEqual({ id: 'Menyapa', en: 'Greets' });

    const interactionId = await addCall(db(), agent);
    const evaluated = await call(lead, 'POST', '/quality/evaluations', { interactionId, formVersionId: v1.id, answers: goodAnswers() });
    expect(evaluated.status, evaluated.text).toBe(201);
    const refused = await call(lead, 'PUT', `/quality/form-versions/${v1.id}`, { definition: sampleDefinition() });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('is used by 1 evaluation(s) and cannot change: make a new version') });
    expect(((await call(lead, 'GET', `/quality/form-versions/${v1.id}`)).body as FormVersion).definition).toEqual((ok.body as FormVersion).definition);
    // Around the server: the trigger.
    await expect(db().query("UPDATE quality_form_versions SET definition = '{}'::jsonb WHERE id = $1", [v1.id])).rejects.toThrow(/is used by an evaluation/);
    await expect(db().query('UPDATE quality_form_versions SET used_at = NULL WHERE id = $1', [v1.id])).rejects.toThrow(/is used by an evaluation/);
    await expect(db().query('DELETE FROM quality_form_versions WHERE id = $1', [v1.id])).rejects.toThrow(/is used by an evaluation/);

    const v2 = await call(lead, 'POST', `/quality/forms/${v1.formId}/versions`, { definition: sampleDefinition() });
    expect(v2.status, v2.text).toBe(201);
    expect(v2.body).toMatchObject({ formId: v1.formId, version: 2, usedAt: null });
    const form = (await call(lead, 'GET', `/quality/forms/${v1.formId}`)).body as QualityForm;
    expect(form.versions.map((v) => [v.version, v.usedAt !== null])).toEqual([[1, true], [2, false]]);
    expect((await call(agent, 'PUT', `/quality/form-versions/${v1.id}`, { definition: sampleDefinition() })).status).toBe(403);
    expect((await call(lead, 'PUT', `/quality/form-versions/${crypto.randomUUID()}`, { definition: sampleDefinition() })).status).toBe(404);
    expect((await call(lead, 'POST', `/quality/forms/${crypto.randomUUID()}/versions`, { definition: sampleDefinition() })).status).toBe(404);
  });
});
