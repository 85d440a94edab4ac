// Prospects on a real server and database (both engines; docs/sales.md): the form and the
// CSV import de-duplicate against existing customers by phone in every written form and by
// e-mail ignoring case — a duplicate is merged into the customer (their interest added, no
// new row) and the report says with whom; a re-import of the same file writes nothing new;
// new prospects go round-robin to the reps of the branch's rule; a rep sees only their own;
// bad lines are rejected with a reason; roles are checked.
import { expect, it } from 'vitest';
import { createSession } from '../../../src/server/auth/sessions.js';
import { BUDI } from '../../../src/server/seed/budi.js';
import { type z } from 'zod';
import { type ProspectImportReport, type ProspectList, type ProspectSaveAnswer } from '../../../src/shared/sales/prospects.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

forEachDatabase('sales prospects', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 3, interactionsMean: 0, seed: 7 } });
  const db = () => s.current.server.db;
  async function tokenOf(username: string): Promise<string> {
    const [u] = await db().query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
    return (await createSession(db(), u?.id ?? '', 60_000)).token;
  }
  const idOf = async (username: string) => (await db().query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]))[0]?.id ?? '';
  const customers = async () => Number((await db().query<{ n: number }>('SELECT count(*)::int AS n FROM customers'))[0]?.n);
  async function importCsv(token: string, csv: string): Promise<ProspectImportReport> {
    const start = await s.current.api('/sales/prospects/import?fileName=prospects.csv', { method: 'POST', token, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(start.status, start.text).toBe(202);
    const id = (start.body as { id: string }).id;
    for (let i = 0; i < 200; i += 1) {
      const r = await s.current.api(`/sales/prospects/imports/${id}`, { token });
      const report = r.body as ProspectImportReport;
      if (report.status.state !== 'running') return report;
      await new Promise((ok) => setTimeout(ok, 50));
    }
    throw new Error('the import did not finish');
  }

  it('merges a prospect written in any phone form, or with the e-mail in another case, into the existing customer', async () => {
    const rep = await tokenOf('sales1');
    const before = await customers();
    for (const [i, phone] of ['0812-3456-7890', '+62 812 3456 7890', '6281234567890', '(0812) 3456 7890'].entries()) {
      const res = await s.current.api('/sales/prospects', { method: 'POST', token: rep, body: JSON.stringify({
        fullName: 'Budi S.', phones: [phone], interest: `Fiber ${i}`, source: 'pameran' }) });
      expect(res.status, res.text).toBe(200);
      const saved = res.body as ProspectSaveAnswer;
      expect(saved).toMatchObject({ outcome: 'merged', matchedBy: `phone ${BUDI.mobile}`, customer: { id: BUDI.id, customerNo: BUDI.customerNo, lifecycle: 'loyal' } });
    }
    const byEmail = await s.current.api('/sales/prospects', { method: 'POST', token: rep, body: JSON.stringify({
      fullName: 'Pak Budi', emails: ['  BUDI.Santoso@Example.co.id '], interest: 'TV kabel' }) });
    expect(byEmail.body).toMatchObject({ outcome: 'merged', matchedBy: 'e-mail budi.santoso@example.co.id', customer: { id: BUDI.id } });
    expect(await customers()).toBe(before);
    const [profile] = await db().query<{ interest: string; source: string }>('SELECT interest, source FROM prospect_profiles WHERE customer_id = $1', [BUDI.id]);
    expect(profile?.interest.split('\n')).toEqual(['Fiber 0', 'Fiber 1', 'Fiber 2', 'Fiber 3', 'TV kabel']);
    expect(profile?.source).toBe('pameran');
  });

  it('refuses a prospect with nothing to de-duplicate by, an unreadable number, an unknown product, a stranger as owner', async () => {
    const rep = await tokenOf('sales1');
    const post = (body: unknown) => s.current.api('/sales/prospects', { method: 'POST', token: rep, body: JSON.stringify(body) });
    expect((await post({ fullName: 'Tanpa Kontak' })).text).toContain('needs a phone number or an e-mail');
    expect((await post({ fullName: 'Salah', phones: ['12'] })).text).toContain('Not a valid phone number or e-mail: 12');
    expect((await post({ fullName: 'Produk', phones: ['0813 1111 2222'], productsOfInterest: ['NOPE'] })).text).toContain('Unknown product NOPE');
    expect((await post({ fullName: 'Owner', phones: ['0813 1111 2223'], ownerId: await idOf('agent1') })).text).toContain('not an active sales rep');
    expect((await post({ fullName: '', phones: ['0813 1111 2224'] })).status).toBe(400);
    expect((await post({ fullName: 'x'.repeat(201), phones: ['0813 1111 2224'] })).status).toBe(400);
  });

  it('imports a CSV: a duplicate of a customer is merged, the report names them; re-importing writes nothing new', async () => {
    const manager = await tokenOf('salesmgr1');
    const rules = await s.current.api('/sales/assignment-rules', { method: 'PUT', token: manager, body: JSON.stringify({
      rules: [{ branch: 'Bandung', repIds: [await idOf('sales1'), await idOf('sales2')] }] }) });
    expect(rules.status, rules.text).toBe(200);
    const csv = [
      'name,phone,email,source,interest,branch',
      'Budi Santoso,0812-3456-7890,,referral,Paket keluarga,Bandung',
      'Rina Wijaya,0857 1111 0001,rina@example.id,pameran,Fiber 100,Bandung',
      'Agus Salim,+62 857 1111 0002,,pameran,,Bandung',
      '"<script>alert(1)</script>",0857 1111 0003,,web,,Bandung',
      'Tanpa Nomor,,,web,,Bandung',
      'Rina W.,,RINA@EXAMPLE.ID,pameran,Fiber 100,Bandung',
    ].join('\n');
    const before = await customers();
    const first = await importCsv(manager, csv);
    expect(first.status).toMatchObject({ state: 'done', rowsRead: 6, rowsInserted: 3, rowsUpdated: 2, rowsRejected: 1 });
    expect(first.lines.map((l) => [l.line, l.outcome])).toEqual([[2, 'merged'], [3, 'created'], [4, 'created'], [5, 'created'], [6, 'rejected'], [7, 'merged']]);
    expect(first.lines[0]?.reason).toBe(`merged with ${BUDI.customerNo} Budi Santoso (same phone ${BUDI.mobile})`);
    expect(first.lines[4]?.reason).toContain('needs a phone number or an e-mail');
    expect(first.lines[5]?.reason).toContain(`merged with ${first.lines[1]?.customerNo} Rina Wijaya (same e-mail rina@example.id)`);
    expect(await customers()).toBe(before + 3);
    // Round-robin over the Bandung pool: the three new prospects alternate between the two reps.
    const owners = await db().query<{ username: string }>(
      `SELECT u.username FROM prospect_profiles p JOIN users u ON u.id = p.owner_id WHERE p.customer_id = ANY($1::uuid[]) ORDER BY p.created_at, p.customer_id`,
      [first.lines.filter((l) => l.outcome === 'created').map((l) => l.customerId)]);
    expect(owners.map((o) => o.username).sort()).toEqual(['sales1', 'sales1', 'sales2']);
    const [script] = await db().query<{ full_name: string }>('SELECT full_name FROM customers WHERE id = $1', [first.lines[3]?.customerId ?? null]);
    expect(script?.full_name).toBe('<script>alert(1)</script>');

    const again = await importCsv(manager, csv);
    expect(again.status).toMatchObject({ state: 'done', rowsInserted: 0, rowsUpdated: 5, rowsRejected: 1 });
    expect(await customers()).toBe(before + 3);
    const [rina] = await db().query<{ interest: string }>('SELECT interest FROM prospect_profiles WHERE customer_id = $1', [first.lines[1]?.customerId ?? null]);
    expect(rina?.interest).toBe('Fiber 100');
  });

  it('fails an import without a name column, and one that is not CSV', async () => {
    const rep = await tokenOf('sales1');
    expect((await importCsv(rep, 'phone,email\n0812,a@b.id\n')).status).toMatchObject({ state: 'failed', error: expect.stringContaining('lacks the column name') });
    expect((await importCsv(rep, 'name,phone\n"Unclosed,0812\n')).status).toMatchObject({ state: 'failed', error: expect.stringContaining('not valid CSV') });
  });

  it('shows a rep only their own prospects and imports; a manager everyone\'s; qualifies suspect → prospect only by hand', async () => {
    const [rep1, rep2, manager] = [await tokenOf('sales1'), await tokenOf('sales2'), await tokenOf('salesmgr1')];
    const created = await s.current.api('/sales/prospects', { method: 'POST', token: rep1, body: JSON.stringify({ fullName: 'Dewi Kartika', phones: ['0858 2222 0001'] }) });
    const mine = (created.body as ProspectSaveAnswer).customer.id;
    expect(created.body).toMatchObject({ outcome: 'created', ownerName: 'Bima Saputra', customer: { lifecycle: 'suspect' } });
    const list = async (token: string) => ((await s.current.api('/sales/prospects', { token })).body as z.infer<typeof ProspectList>).prospects.map((p) => p.customerId);
    expect(await list(rep1)).toContain(mine);
    expect(await list(rep2)).not.toContain(mine);
    expect(await list(manager)).toContain(mine);
    expect((await s.current.api(`/sales/prospects/${mine}/stage`, { method: 'POST', token: rep2, body: JSON.stringify({ to: 'prospect' }) })).status).toBe(404);
    const q = await s.current.api(`/sales/prospects/${mine}/stage`, { method: 'POST', token: rep1, body: JSON.stringify({ to: 'prospect' }) });
    expect(q.body).toMatchObject({ lifecycle: 'prospect' });
    const toCustomer = await s.current.api(`/sales/prospects/${mine}/stage`, { method: 'POST', token: rep1, body: JSON.stringify({ to: 'customer' }) });
    expect(toCustomer.status).toBe(409);
    expect(toCustomer.text).toContain('becomes a customer when a contract is won');
    // The manager hands the prospect to the other rep; the reps' views follow.
    const assigned = await s.current.api(`/sales/prospects/${mine}/assign`, { method: 'POST', token: manager, body: JSON.stringify({ ownerId: await idOf('sales2') }) });
    expect(assigned.body).toMatchObject({ ownerName: 'Lina Marlina' });
    expect(await list(rep2)).toContain(mine);
    // An import is seen by who ran it and by managers.
    const report = await importCsv(rep1, 'name,phone\nEko,0858 2222 0002\n');
    expect((await s.current.api(`/sales/prospects/imports/${report.status.id}`, { token: rep2 })).status).toBe(404);
    expect((await s.current.api(`/sales/prospects/imports/${report.status.id}`, { token: manager })).status).toBe(200);
  });

  it('keeps agents and leads out of prospects, and reps out of assignment and the catalogue', async () => {
    const [agent, lead, rep] = [await tokenOf('agent1'), await tokenOf('lead1'), await tokenOf('sales1')];
    expect((await s.current.api('/sales/prospects', { token: agent })).status).toBe(403);
    expect((await s.current.api('/sales/prospects', { method: 'POST', token: lead, body: JSON.stringify({ fullName: 'X', phones: ['0858 3333 0001'] }) })).status).toBe(403);
    expect((await s.current.api('/sales/assignment-rules', { token: rep })).status).toBe(403);
    expect((await s.current.api('/admin/users', { token: rep })).status).toBe(403);
    const product = { code: 'FIBER50', nameId: 'Fiber 50', nameEn: 'Fiber 50', category: 'internet', priceIdr: 350000 };
    expect((await s.current.api('/sales/products', { method: 'POST', token: agent, body: JSON.stringify(product) })).status).toBe(403);
    expect((await s.current.api('/sales/products', { method: 'POST', token: rep, body: JSON.stringify(product) })).status).toBe(403);
  });
});
