// The "safe to install now" decision: every case that blocks a restart, and the edges of a
// mandatory update's grace period and of its bounded wait.
import { describe, expect, it } from 'vitest';
import {
  MANDATORY_MAX_WAIT_MS, TYPING_QUIET_MS, safeToInstall, type CallPhase, type InstallInputs,
} from '../../../../src/main/core/updates/safe-to-install.js';

const NOW = Date.parse('2026-12-02T09:00:00Z');
const quiet: InstallInputs = {
  now: NOW, call: 'none', outboxPending: 0, lastKeystrokeAt: null, unsavedDraft: false, importing: false,
  downloadedAt: NOW - 3_600_000, mandatoryAfter: null, postponedUntil: null,
};

describe('safeToInstall', () => {
  it('asks the agent at a quiet moment', () => {
    expect(safeToInstall(quiet)).toEqual({ verdict: 'ask' });
  });

  it.each<CallPhase>(['ringing', 'talking', 'hold', 'wrap-up'])('waits while a call is %s', (call) => {
    expect(safeToInstall({ ...quiet, call })).toEqual({ verdict: 'wait', reasons: ['call'] });
  });

  it('waits while the outbox has unsent entries', () => {
    expect(safeToInstall({ ...quiet, outboxPending: 1 })).toEqual({ verdict: 'wait', reasons: ['outbox'] });
  });

  it('waits while the agent types in the composer, and asks once the keystrokes are TYPING_QUIET_MS old', () => {
    expect(safeToInstall({ ...quiet, lastKeystrokeAt: NOW - 1_000 })).toEqual({ verdict: 'wait', reasons: ['typing'] });
    expect(safeToInstall({ ...quiet, lastKeystrokeAt: NOW - TYPING_QUIET_MS + 1 })).toEqual({ verdict: 'wait', reasons: ['typing'] });
    expect(safeToInstall({ ...quiet, lastKeystrokeAt: NOW - TYPING_QUIET_MS })).toEqual({ verdict: 'ask' });
  });

  it('waits while the composer holds an unsent draft, however old the last keystroke', () => {
    expect(safeToInstall({ ...quiet, unsavedDraft: true, lastKeystrokeAt: NOW - 3_600_000 }))
      .toEqual({ verdict: 'wait', reasons: ['typing'] });
  });

  it('waits during a CSV import', () => {
    expect(safeToInstall({ ...quiet, importing: true })).toEqual({ verdict: 'wait', reasons: ['import'] });
  });

  it('does not ask again before the time the agent chose "later" for, and asks from that moment', () => {
    expect(safeToInstall({ ...quiet, postponedUntil: NOW + 1 })).toEqual({ verdict: 'wait', reasons: ['postponed'] });
    expect(safeToInstall({ ...quiet, postponedUntil: NOW })).toEqual({ verdict: 'ask' });
  });

  it('names every reason at once', () => {
    expect(safeToInstall({ ...quiet, call: 'talking', outboxPending: 3, unsavedDraft: true, postponedUntil: NOW + 60_000 }))
      .toEqual({ verdict: 'wait', reasons: ['call', 'outbox', 'typing', 'postponed'] });
  });

  describe('a mandatory update', () => {
    const deadline = NOW;
    const mandatory = { ...quiet, mandatoryAfter: deadline };

    it('before its deadline is asked like any other, and "later" still holds', () => {
      expect(safeToInstall({ ...mandatory, now: deadline - 1 })).toEqual({ verdict: 'ask' });
      expect(safeToInstall({ ...mandatory, now: deadline - 1, postponedUntil: deadline + 3_600_000 }))
        .toEqual({ verdict: 'wait', reasons: ['postponed'] });
    });

    it('at the deadline itself installs without asking, even if the agent chose "later"', () => {
      expect(safeToInstall({ ...mandatory, now: deadline, postponedUntil: deadline + 3_600_000 }))
        .toEqual({ verdict: 'install', overdue: true, waitedOut: [] });
    });

    it.each<CallPhase>(['ringing', 'talking', 'hold', 'wrap-up'])('past its deadline still never installs while a call is %s', (call) => {
      expect(safeToInstall({ ...mandatory, now: deadline + 86_400_000, call })).toEqual({ verdict: 'wait', reasons: ['call'] });
    });

    it('past its deadline never installs during an import either', () => {
      expect(safeToInstall({ ...mandatory, now: deadline + 86_400_000, importing: true })).toEqual({ verdict: 'wait', reasons: ['import'] });
    });

    it('waits for the outbox to be flushed, at most MANDATORY_MAX_WAIT_MS after the deadline', () => {
      const blocked = { ...mandatory, outboxPending: 2 };
      expect(safeToInstall({ ...blocked, now: deadline + MANDATORY_MAX_WAIT_MS - 1 })).toEqual({ verdict: 'wait', reasons: ['outbox'] });
      expect(safeToInstall({ ...blocked, now: deadline + MANDATORY_MAX_WAIT_MS }))
        .toEqual({ verdict: 'install', overdue: true, waitedOut: ['outbox'] });
    });

    it('installs as soon as the outbox is flushed, without waiting out the bound', () => {
      expect(safeToInstall({ ...mandatory, now: deadline + 1_000, outboxPending: 0 })).toEqual({ verdict: 'install', overdue: true, waitedOut: [] });
    });

    it('waits for typing to stop, within the same bound', () => {
      const typing = { ...mandatory, now: deadline + 60_000, lastKeystrokeAt: deadline + 59_000 };
      expect(safeToInstall(typing)).toEqual({ verdict: 'wait', reasons: ['typing'] });
      expect(safeToInstall({ ...typing, now: deadline + MANDATORY_MAX_WAIT_MS, lastKeystrokeAt: deadline + MANDATORY_MAX_WAIT_MS - 1 }))
        .toEqual({ verdict: 'install', overdue: true, waitedOut: ['typing'] });
    });

    it('counts the bounded wait from the download when it finished after the deadline', () => {
      const late = { ...mandatory, downloadedAt: deadline + 3_600_000, outboxPending: 1 };
      expect(safeToInstall({ ...late, now: deadline + 3_600_000 + MANDATORY_MAX_WAIT_MS - 1 })).toEqual({ verdict: 'wait', reasons: ['outbox'] });
      expect(safeToInstall({ ...late, now: deadline + 3_600_000 + MANDATORY_MAX_WAIT_MS }).verdict).toBe('install');
    });
  });
});
