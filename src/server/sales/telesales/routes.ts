// Telesales routes (src/shared/sales/telesales.ts): campaigns, their lists and results, the
// call list worked by agents, and the do-not-call list.
import { audit } from '../../auth/audit.js';
import { type Db } from '../../db/db.js';
import { withWriteTransaction } from '../../db/write-transaction.js';
import { type RegisterRoute } from '../../http/route.js';
import { businessToday } from '../../integrations/upsert.js';
import { addContacts, campaignResults, createCampaign, listCampaigns } from './campaigns.js';
import { addDoNotCall, isDoNotCall, listDoNotCall, requireE164 } from './dnc.js';
import { disposeContact, nextContact } from './work.js';

export function registerTelesalesRoutes(register: RegisterRoute, db: Db): void {
  register('campaigns.list', async () => ({ campaigns: await listCampaigns(db) }));
  register('campaigns.create', async ({ body, user }) => {
    const c = await createCampaign(db, body, user.id);
    await audit(db, 'campaigns.create', user.id, c.id, { name: c.name });
    return c;
  });
  register('campaigns.addContacts', async ({ params, body, user }) => {
    const added = await withWriteTransaction(db, (tx) => addContacts(tx, params.id, body));
    await audit(db, 'campaigns.addContacts', user.id, params.id, { from: body.from, added: added.added, excluded: added.excludedDoNotCall });
    return added;
  });
  register('campaigns.next', async ({ params, user }) => nextContact(db, params.id, user, businessToday()));
  register('campaigns.dispose', async ({ params, body, user }) => disposeContact(db, params.id, body.disposition, body.note, user));
  register('campaigns.results', async ({ params }) => campaignResults(db, params.id));

  register('dnc.list', async () => listDoNotCall(db));
  register('dnc.add', async ({ body, user }) => {
    const entry = await addDoNotCall(db, body.phone, body.reason, user.id);
    await audit(db, 'dnc.add', user.id, entry.e164);
    return entry;
  });
  register('dnc.remove', async ({ body, user }) => {
    const e164 = requireE164(body.phone);
    await db.query('DELETE FROM do_not_call WHERE e164 = $1', [e164]);
    await audit(db, 'dnc.remove', user.id, e164);
    return { e164, listed: false };
  });
  register('dnc.check', async ({ query }) => {
    const e164 = requireE164(query.phone);
    return { e164, listed: await isDoNotCall(db, e164) };
  });
}
