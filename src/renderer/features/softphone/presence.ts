// The agent's status as the lead sees it (available, on a call, after-call work, offline),
// owned here alone: derived from the softphone's state, never set by the code that
// handles calls. agentStatusFor is the policy; PresenceReporter tells core (and through
// it the server) each change once, in order; watchPresence joins them to the store.
import { type AgentStatus } from '../../../shared/softphone.js';
import { type CallState, type RegistrationState } from './store.js';

export interface PresenceInputs {
  registration: RegistrationState;
  calls: readonly { state: CallState }[];
  /** Ended calls still waiting for their wrap-up. */
  wrapUps: readonly unknown[];
}

/**
 * A call in progress (answered, held included) is "on a call" whatever the registration
 * does; otherwise a wrap-up still open is after-call work; otherwise the agent is available
 * while registered — a ringing or dialling call does not change that — and offline while
 * the phone cannot take calls (connecting, failed, stopped).
 */
export function agentStatusFor({ registration, calls, wrapUps }: PresenceInputs): AgentStatus {
  if (calls.some((c) => c.state === 'active')) return 'on_call';
  if (wrapUps.length > 0) return 'after_call_work';
  return registration === 'registered' ? 'available' : 'offline';
}

/** Sends a status; answers whether the server has it (false: not now, e.g. offline). */
export type StatusReport = (status: AgentStatus) => Promise<boolean>;

/**
 * Reports each new status once. One report at a time, so the server sees changes in the
 * order they happened; statuses that come and go while a report is on its way are skipped
 * (only the latest is sent). A report that did not reach the server is tried again at the
 * next change of the softphone's state.
 */
export class PresenceReporter {
  private wanted: AgentStatus | null = null;
  private reported: AgentStatus | null = null;
  private sending: Promise<void> | null = null;

  constructor(private readonly report: StatusReport) {}

  /** The status the server has (null before the first report reached it). */
  get current(): AgentStatus | null { return this.reported; }

  update(status: AgentStatus): void {
    this.wanted = status;
    // Most store changes (a pop, a DTMF digit) leave the status as it is: nothing to do.
    if (!this.sending && status === this.reported) return;
    this.sending ??= this.flush().finally(() => { this.sending = null; });
  }

  /** Resolves once nothing is on its way (tests; shutdown). */
  async settled(): Promise<void> {
    while (this.sending) await this.sending;
  }

  private async flush(): Promise<void> {
    while (this.wanted !== null && this.wanted !== this.reported) {
      const status = this.wanted;
      let reached = false;
      try { reached = await this.report(status); } catch { reached = false; }
      if (!reached) return;
      this.reported = status;
    }
  }
}

/** The part of the softphone store presence reads (a zustand store is one). */
export interface PresenceSource {
  getState(): PresenceInputs;
  subscribe(listener: (state: PresenceInputs) => void): () => void;
}

/**
 * From now on every change of the store that changes the status is reported; answers the
 * reporter (for the engine) and the undo.
 */
export function watchPresence(source: PresenceSource, report: StatusReport): { reporter: PresenceReporter; stop: () => void } {
  const reporter = new PresenceReporter(report);
  reporter.update(agentStatusFor(source.getState()));
  const stop = source.subscribe((state) => reporter.update(agentStatusFor(state)));
  return { reporter, stop };
}
