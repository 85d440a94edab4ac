// The softphone engine's state, in one object (engine.ts makes the only one): the user
// agent, the calls' sip.js sessions, the early screen-pop lookups, and what start() set up.
// What the screen shows lives in the store (store.ts); this is what cannot go into a store.
import { type LiveCalls } from './live-calls.js';
import { type EarlyPops } from './pop.js';
import { type SipAgent } from './ua.js';

export interface SoftphoneEngine {
  readonly agent: SipAgent;
  readonly live: LiveCalls;
  readonly pops: EarlyPops;
  /**
   * Undoes what start() subscribed to: device changes, and the store for presence (a new
   * reporter each start: the next agent to sign in may be someone else).
   */
  unsubscribe: (() => void)[];
}
