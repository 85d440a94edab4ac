// The one map of the server's mutation handlers, one entry per mutation of
// src/shared/mutations.ts (`satisfies ServerMutations`: a missing or misspelt handler does
// not compile). Each entry lives with its feature; this file only gathers them, so the
// server knows every mutation whichever routes are registered.
import { callEventMutations } from '../../calls/call-events.js';
import { callMutations } from '../../calls/mutations.js';
import { caseMutations } from '../../cases/mutations.js';
import { caseWorkMutations } from '../../cases/case-messages.js';
import { callbackMutations } from '../../callbacks/mutations.js';
import { customerMutations } from '../../customers/mutations.js';
import { interactionMutations } from '../../interactions/mutations.js';
import { noteMutations } from '../../notes/mutations.js';
import { orderMutations } from '../../orders/mutations.js';
import { visitMutations } from '../../pipeline/mutations.js';
import { evaluationMutations } from '../../quality/mutations.js';
import { workingSetMutations } from '../working-set-mutations.js';
import { type ServerMutations } from './types.js';

export const SERVER_MUTATIONS = {
  ...interactionMutations,
  ...noteMutations,
  ...callbackMutations,
  ...customerMutations,
  ...workingSetMutations,
  ...callMutations,
  ...callEventMutations,
  ...evaluationMutations,
  ...caseMutations,
  ...orderMutations,
  ...caseWorkMutations,
  ...visitMutations,
} satisfies ServerMutations;
