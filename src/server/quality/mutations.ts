// evaluation.submit: a lead's evaluation saved while their desktop could not reach the
// server, pushed by its outbox when it can. The same checks and the same write as the
// create route (evaluations.ts): the caller may evaluate this agent, the answers fit the
// pinned version and are scored here. Its id makes a Save repeated after a timeout (route,
// then outbox) one evaluation.
import { type ServerMutationsOf } from '../sync/mutations/types.js';
import { assertMayEvaluate } from './access.js';
import { interactionOf } from './evaluations.js';
import { clearQueued } from './sampling.js';
import { alreadySaved, insertEvaluation } from './submit.js';

export const evaluationMutations = {
  'evaluation.submit': {
    async apply(tx, a, ctx) {
      const interaction = await interactionOf(tx, a.interactionId);
      await assertMayEvaluate(tx, ctx.user, interaction.agentId);
      if (await alreadySaved(tx, a.id, ctx.user.id)) return;
      const at = new Date();
      const created = await insertEvaluation(tx, {
        id: a.id, interactionId: a.interactionId, agentId: interaction.agentId, evaluatorId: ctx.user.id, formVersionId: a.formVersionId,
        answers: a.answers, comments: a.comments, rescoreOf: null, recordingMs: interaction.recordingMs,
      }, at, 'quality.evaluations.create', null);
      // As the route does: scoring a sampled interaction clears it from the review queue.
      await clearQueued(tx, a.interactionId, created, at);
    },
  },
} satisfies ServerMutationsOf<'evaluation.submit'>;
