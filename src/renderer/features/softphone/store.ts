// The softphone's own store: registration, calls and their screen pops, wrap-ups waiting.
// Only the engine's modules (README.md) write call and registration state; components read
// it and call the actions exported by engine.ts. The agent's status is derived from it
// (presence.ts), never stored.
import { create } from 'zustand';
import { type CustomerSummary } from '../../../shared/domain.js';

export type RegistrationState = 'off' | 'connecting' | 'registered' | 'failed';

export type CallState = 'ringing' | 'dialing' | 'active' | 'ended';

export type ScreenPop =
  | { status: 'looking' }
  | { status: 'found'; customers: CustomerSummary[]; source: 'cache' | 'server' }
  | { status: 'unknown'; e164: string | null };

export interface CallView {
  id: string;
  direction: 'inbound' | 'outbound';
  /** The far end as received (SIP user part or display) — always shown. */
  number: string;
  e164: string | null;
  /**
   * The caller ID came from a trusted trunk (caller-trust.ts). False on an inbound call
   * from anywhere else — an agent, or a proxy that does not vouch: the card says so.
   * Outbound calls: true (the agent chose the number).
   */
  callerVerified: boolean;
  state: CallState;
  pop: ScreenPop;
  /**
   * On screen. A new incoming call waits (briefly, pop.ts POP_REVEAL_MS) for its screen
   * pop so that card and pop render once; it is in the store, answerable, meanwhile.
   */
  revealed: boolean;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  /** Hold as the far end has confirmed it (re-INVITE accepted). */
  held: boolean;
  /** A hold/resume re-INVITE in flight, or the last one failed. */
  holdPending: boolean;
  holdError: string | null;
  holdMs: number;
  muted: boolean;
  dtmfSent: string;
  /** Why the call ended (e.g. "Busy Here", "Agent Not Registered"). */
  endReason: string | null;
  recording: 'off' | 'on' | 'paused';
  recordingId: string | null;
  /** A consult call of an attended transfer points at the call being transferred. */
  consultFor: string | null;
  transferState: 'none' | 'transferring' | 'done' | 'failed';
  /** The call's media path broke (ICE disconnected or failed) and is being restored. */
  mediaRecovering: boolean;
  /**
   * The id the call's wrap-up will save its interaction under, known from the first ring so
   * a case filed during the call can link to it (absent on calls built before this existed).
   */
  interactionId?: string;
}

/** Why the phone is not registered, as an i18n key (softphone.registrationReason.*) plus
 *  the technical detail (a SIP status, a socket error) shown after it. */
export interface RegistrationReason {
  key: 'notConfigured' | 'noCredentials' | 'lostProxy' | 'cannotReach' | 'reconnecting' | 'refused';
  detail?: string;
  attempt?: number;
}

interface SoftphoneStore {
  registration: RegistrationState;
  reason: RegistrationReason | null;
  extension: string | null;
  /** The proxy the phone is registered at (or trying): the badge names it. */
  proxyUrl: string | null;
  calls: CallView[];
  /** The call the controls act on. */
  focusedCallId: string | null;
  /** Ended calls waiting for their wrap-up (oldest first). */
  wrapUps: CallView[];
  patchCall(id: string, patch: Partial<CallView>): void;
  /** The call's screen pop, also on its wrap-up if the call has ended meanwhile. */
  setPop(id: string, pop: ScreenPop): void;
}

export const useSoftphoneStore = create<SoftphoneStore>()((set) => ({
  registration: 'off',
  reason: null,
  extension: null,
  proxyUrl: null,
  calls: [],
  focusedCallId: null,
  wrapUps: [],
  patchCall(id, patch) {
    set((s) => ({ calls: s.calls.map((c) => (c.id === id ? { ...c, ...patch } : c)) }));
  },
  setPop(id, pop) {
    set((s) => ({
      calls: s.calls.map((c) => (c.id === id ? { ...c, pop } : c)),
      wrapUps: s.wrapUps.map((c) => (c.id === id ? { ...c, pop } : c)),
    }));
  },
}));

export function findCall(id: string | null): CallView | undefined {
  return id ? useSoftphoneStore.getState().calls.find((c) => c.id === id) : undefined;
}
