// What the screen shows of a listen/whisper/barge session on this desktop: as the lead (the
// floor's controls and mode indicator) or as the agent (the call card's "your lead is
// whispering / has joined"; a listen is not shown, decision 0024).
import { create } from 'zustand';
import { type MonitorEndReason, type MonitorMode } from '../../../shared/monitor.js';

export interface MonitorView {
  sessionId: string;
  role: 'lead' | 'agent';
  mode: MonitorMode;
  agentId: string;
  agentName: string;
  leadName: string;
  /** The lead's call to the agent: placed, answered with audio flowing, or ended. */
  media: 'connecting' | 'connected' | 'ended';
  /** Why the lead's call failed (SIP status), when it did. */
  error: string | null;
  /** The server ended the session (the call ended, another session replaced it). */
  endReason: MonitorEndReason | null;
}

interface MonitorStore {
  session: MonitorView | null;
  patch(sessionId: string, patch: Partial<MonitorView>): void;
}

export const useMonitorStore = create<MonitorStore>()((set) => ({
  session: null,
  patch(sessionId, patch) {
    set((s) => (s.session?.sessionId === sessionId ? { session: { ...s.session, ...patch } } : s));
  },
}));
