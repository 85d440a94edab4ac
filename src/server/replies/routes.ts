// Library HTTP routes: everyone signed in reads (desktops get it by sync anyway); leads and
// admins create, edit, approve and retire.
import { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { RevisionsResponse, SaveParagraphRequest, repliesPaths } from '../../shared/replies/messages.js';
import { authenticate, currentUser, requireRole } from '../auth/guard.js';
import { type Db } from '../db/db.js';
import { parseInput } from '../http/validate.js';
import { createParagraph, editParagraph, listParagraphs, listRevisions, setStatus } from './library.js';

const IdParams = z.object({ id: z.uuid() });

export function registerReplyRoutes(app: FastifyInstance, db: Db): void {
  const auth = authenticate(db);
  const leads = [auth, requireRole('lead', 'admin')];
  app.get(repliesPaths.paragraphs, { preHandler: auth }, async () => ({ paragraphs: await listParagraphs(db) }));
  app.post(repliesPaths.paragraphs, { preHandler: leads }, async (request, reply) => {
    const input = parseInput(SaveParagraphRequest, request.body, 'paragraph');
    reply.code(201);
    return createParagraph(db, input, currentUser(request));
  });
  app.put('/replies/paragraphs/:id', { preHandler: leads }, async (request) => {
    const { id } = parseInput(IdParams, request.params, 'paragraph id');
    return editParagraph(db, id, parseInput(SaveParagraphRequest, request.body, 'paragraph'), currentUser(request));
  });
  app.post('/replies/paragraphs/:id/approve', { preHandler: leads }, async (request) => {
    const { id } = parseInput(IdParams, request.params, 'paragraph id');
    return setStatus(db, id, 'approved', currentUser(request));
  });
  app.post('/replies/paragraphs/:id/retire', { preHandler: leads }, async (request) => {
    const { id } = parseInput(IdParams, request.params, 'paragraph id');
    return setStatus(db, id, 'retired', currentUser(request));
  });
  app.get('/replies/paragraphs/:id/revisions', { preHandler: auth }, async (request) => {
    const { id } = parseInput(IdParams, request.params, 'paragraph id');
    return RevisionsResponse.parse({ revisions: await listRevisions(db, id) });
  });
}
