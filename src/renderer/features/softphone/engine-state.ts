// The softphone engine's state, in one object (engine.ts makes the only one): the user
// agent, the calls' sip.js sessions and the early screen-pop lookups. What the screen
// shows lives in the store (store.ts); this is what cannot go into a store.
import { type LiveCalls } from './live-calls.js';
import { type EarlyPops } from './pop.js';
import { type PresenceReporter } from './presence.js';
import { type SipAgent } from './ua.js';

export interface SoftphoneEngine {
  readonly agent: SipAgent;
  readonly live: LiveCalls;
  readonly pops: EarlyPops;
  /** The agent-status reporter of the running softphone (a new one each start: the agent may differ). */
  presence: PresenceReporter | null;
  /** Undoes what start() subscribed to (device changes, the store for presence). */
  unsubscribe: (() => void)[];
}
