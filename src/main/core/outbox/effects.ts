// The one map of core's local effects, one entry per mutation of src/shared/mutations.ts
// (`satisfies LocalEffects`: a missing or misspelt entry does not compile). Each entry
// lives with its feature; this file only gathers them.
import { callbackEffects } from '../callbacks/local-effects.js';
import { caseEffects, caseStatusEffects, caseWorkEffects } from '../cases/local-effects.js';
import { noteEffects } from '../notes/local-effects.js';
import { orderRequestEffects } from '../orders/local-effects.js';
import { fieldSalesEffects } from '../pipeline/local-effects.js';
import { evaluationEffects } from '../quality/drafts.js';
import { workingSetEffects } from '../sync/working-set-effects.js';
import { customerUpdateEffects, interactionEffects } from './builtin-effects.js';
import { customerCreateEffects } from './customer-create-effect.js';
import { SERVER_ONLY, type LocalEffects } from './local-effects.js';

export const LOCAL_EFFECTS = {
  ...interactionEffects,
  ...noteEffects,
  ...callbackEffects,
  ...caseEffects,
  ...caseStatusEffects,
  ...orderRequestEffects,
  ...fieldSalesEffects,
  ...caseWorkEffects,
  ...customerCreateEffects,
  ...customerUpdateEffects,
  ...workingSetEffects,
  ...evaluationEffects,
  // The timeline shows the wrap-up's interaction itself; its timing lives on the server.
  'call.details': SERVER_ONLY,
  // Call events are read by leads on the server (the review timeline), not on the desktop.
  'call.event': SERVER_ONLY,
} satisfies LocalEffects;
