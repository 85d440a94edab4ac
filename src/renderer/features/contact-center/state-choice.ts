// The status selector's options as one string each ("ready", "not_ready:meal", "offline"),
// and back to the request the server takes. Pure, so it is unit-tested.
import { AGENT_CHOSEN_REASONS, type AgentStateView, type SetAgentStateRequest } from '../../../shared/contact-center.js';

export const STATE_CHOICES = ['ready', ...AGENT_CHOSEN_REASONS.map((r) => `not_ready:${r}` as const), 'offline'] as const;
export type StateChoice = (typeof STATE_CHOICES)[number];

export function choiceOf(state: AgentStateView | null): StateChoice | '' {
  if (!state) return '';
  if (state.chosen !== 'not_ready') return state.chosen;
  const reason = state.reason;
  // missed_offers is the router's reason: the agent sees "not ready" and picks again.
  return reason && reason !== 'missed_offers' ? `not_ready:${reason}` : '';
}

export function requestOf(choice: string): SetAgentStateRequest | null {
  if (choice === 'ready' || choice === 'offline') return { state: choice };
  const reason = AGENT_CHOSEN_REASONS.find((r) => choice === `not_ready:${r}`);
  return reason ? { state: 'not_ready', reason } : null;
}
