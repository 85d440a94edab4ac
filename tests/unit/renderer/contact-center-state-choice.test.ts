// The status selector's options round-trip to the request the server takes, and a state the
// agent cannot choose (the router's "missed offers") shows no option as picked.
import { describe, expect, it } from 'vitest';
import { SetAgentStateRequest, type AgentStateView } from '../../../src/shared/contact-center.js';
import { STATE_CHOICES, choiceOf, requestOf } from '../../../src/renderer/features/contact-center/state-choice.js';

const view = (patch: Partial<AgentStateView>): AgentStateView => ({
  chosen: 'ready', reason: null, derived: 'ready', since: '2026-12-02T06:00:00.000Z', wrapUpUntil: null, ...patch,
});

describe('status choices', () => {
  it('every choice is a valid request and reads back as itself', () => {
    for (const choice of STATE_CHOICES) {
      const request = requestOf(choice);
      expect(SetAgentStateRequest.parse(request)).toEqual(request);
      const state = request?.state === 'not_ready' ? view({ chosen: 'not_ready', reason: request.reason }) : view({ chosen: request?.state ?? 'ready' });
      expect(choiceOf(state)).toBe(choice);
    }
  });

  it('refuses what the agent may not choose', () => {
    expect(requestOf('not_ready:missed_offers')).toBeNull();
    expect(requestOf('busy')).toBeNull();
    expect(choiceOf(view({ chosen: 'not_ready', reason: 'missed_offers', derived: 'not_ready' }))).toBe('');
    expect(choiceOf(null)).toBe('');
  });
});
