// How the customer lifecycle (suspect → prospect → customer → loyal → advocate) moves with the
// selling work (docs/sales.md): forward only, one rule in one place. A qualified suspect
// becomes a prospect; a won contract makes a customer; loyal and advocate are set by people.
import { LIFECYCLE_STAGES, type LifecycleStage } from '../domain.js';

export function stageRank(stage: LifecycleStage): number {
  return LIFECYCLE_STAGES.indexOf(stage);
}

/** The stage after an advance to `to`: `to` when it is further along, else unchanged (never backwards). */
export function advancedStage(current: LifecycleStage, to: LifecycleStage): LifecycleStage {
  return stageRank(to) > stageRank(current) ? to : current;
}
