// Library HTTP routes: everyone signed in reads (desktops get it by sync anyway); leads and
// admins create, edit, approve and retire (replies.manage).
import { RevisionsResponse } from '../../shared/replies/messages.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { createParagraph, editParagraph, listParagraphs, listRevisions, setStatus } from './library.js';

export function registerReplyRoutes(register: RegisterRoute, db: Db): void {
  register('replies.list', async () => ({ paragraphs: await listParagraphs(db) }));
  register('replies.create', async ({ body, user }) => createParagraph(db, body, user));
  register('replies.edit', async ({ params, body, user }) => editParagraph(db, params.id, body, user));
  register('replies.approve', async ({ params, user }) => setStatus(db, params.id, 'approved', user));
  register('replies.retire', async ({ params, user }) => setStatus(db, params.id, 'retired', user));
  register('replies.revisions', async ({ params }) => RevisionsResponse.parse({ revisions: await listRevisions(db, params.id) }));
}
