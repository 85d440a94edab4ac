// cases.board, cases.boardOptions, cases.assign, cases.teamQueue, admin.org.caseSla.*: the
// lead's case board, (re)assignment, the team queue and the SLA matrix live on the server
// (other teams' cases are not in a desktop's cache); one call each. An assignment reaches the
// cache through the sync pull the server's poke starts.
import { type caseBoardMethods } from '../../../shared/case-board-api.js';
import { type HandlerMap } from '../context.js';

export const caseBoardHandlers: HandlerMap<keyof typeof caseBoardMethods> = {
  'cases.board': (query, ctx) => ctx.server.call('cases.board', { query }, { token: ctx.requireSession().token }),
  'cases.boardOptions': (_input, ctx) => ctx.server.call('cases.boardOptions', {}, { token: ctx.requireSession().token }),
  'cases.assign': ({ caseId, to }, ctx) =>
    ctx.server.call('cases.assign', { params: { id: caseId }, body: to }, { token: ctx.requireSession().token }),
  'cases.teamQueue': (_input, ctx) => ctx.server.call('cases.teamQueue', {}, { token: ctx.requireSession().token, timeoutMs: 5_000 }),
  'admin.org.caseSla.get': (_input, ctx) => ctx.server.call('caseSla.read', {}, { token: ctx.requireSession().token }),
  'admin.org.caseSla.save': (body, ctx) => ctx.server.call('caseSla.save', { body }, { token: ctx.requireSession().token }),
};
