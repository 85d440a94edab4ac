// Who is signed in. Core owns the session; this slice mirrors it from auth.* calls and
// the session.changed event.
import { create } from 'zustand';
import { type SessionUser } from '../../../shared/http.js';
import { type ErrorCode } from '../../../shared/errors.js';
import { type SignedOutNotice } from '../../../shared/api.js';
import { sapa } from '../../platform/sapa.js';
import { errorCodeOf, errorDetailsOf } from '../../platform/errors.js';
import { logger } from '../../platform/logger.js';

export interface LoginFailure {
  code: ErrorCode;
  /** When a lock-out lifts (ISO timestamp), if core said so. */
  until: string | null;
}

interface AuthState {
  status: 'unknown' | 'signed_out' | 'signed_in';
  user: SessionUser | null;
  pending: boolean;
  failure: LoginFailure | null;
  /** Why core signed the agent out by itself (shown on the sign-in screen until the next sign-in). */
  signedOut: SignedOutNotice | null;
  setUser(user: SessionUser | null, signedOut?: SignedOutNotice | null): void;
  loadSession(): Promise<void>;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

function lockedUntil(details: unknown): string | null {
  if (details && typeof details === 'object' && 'until' in details && typeof details.until === 'string') {
    return details.until;
  }
  return null;
}

export const useAuthStore = create<AuthState>()((set) => ({
  status: 'unknown',
  user: null,
  pending: false,
  failure: null,
  signedOut: null,
  setUser(user, signedOut = null) {
    set({ user, status: user ? 'signed_in' : 'signed_out', signedOut: user ? null : signedOut });
  },
  async loadSession() {
    try {
      const { user, signedOut } = await sapa().call('auth.session', {});
      set({ user, status: user ? 'signed_in' : 'signed_out', signedOut: user ? null : signedOut ?? null });
    } catch (error) {
      logger.warn('session could not be read', error);
      set({ user: null, status: 'signed_out' });
    }
  },
  async login(username, password) {
    set({ pending: true, failure: null });
    try {
      const user = await sapa().call('auth.login', { username, password });
      set({ user, status: 'signed_in', pending: false, signedOut: null });
    } catch (error) {
      set({ pending: false, failure: { code: errorCodeOf(error), until: lockedUntil(errorDetailsOf(error)) } });
    }
  },
  async logout() {
    try {
      await sapa().call('auth.logout', {});
    } catch (error) {
      // Signing out locally still matters when core cannot reach the server.
      logger.warn('logout call failed', error);
    }
    set({ user: null, status: 'signed_out', failure: null });
  },
}));
