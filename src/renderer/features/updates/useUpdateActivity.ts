// Reports the agent's activity to core (updates.reportActivity) whenever the call phase, the
// composer's draft or an import changes, and while the agent types at most every
// KEYSTROKE_REPORT_MS. Core keeps the time of the last keystroke and waits for it to go quiet.
import { useEffect } from 'react';
import { type UpdateActivity } from '../../../shared/updates-api.js';
import { logger } from '../../platform/logger.js';
import { sapa } from '../../platform/sapa.js';
import { type WsSapaClient } from '../../platform/ws-client.js';
import { useImportStore } from '../admin-import/store.js';
import { useComposerStore } from '../composer/store.js';
import { useSoftphoneStore } from '../softphone/store.js';
import { callPhaseOf, differs, isEditableTarget } from './activity.js';

export const KEYSTROKE_REPORT_MS = 5_000;

export function useUpdateActivity(): void {
  useEffect(() => {
    let lastKeystrokeAt: number | null = null;
    let lastReport: UpdateActivity | null = null;
    let lastReportAt = 0;

    const current = (): UpdateActivity => {
      const phone = useSoftphoneStore.getState();
      const importPhase = useImportStore.getState().phase;
      return {
        call: callPhaseOf(phone.calls, phone.wrapUps),
        keystrokeAgoMs: lastKeystrokeAt === null ? null : Math.max(0, Date.now() - lastKeystrokeAt),
        unsavedDraft: useComposerStore.getState().template.trim().length > 0,
        importing: importPhase === 'uploading' || importPhase === 'importing',
      };
    };
    const report = (force: boolean) => {
      const next = current();
      if (!force && !differs(lastReport, next)) return;
      lastReport = next;
      lastReportAt = Date.now();
      sapa().call('updates.reportActivity', next).catch((error: unknown) => logger.warn('activity not reported', error));
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isEditableTarget(event.target)) return;
      lastKeystrokeAt = Date.now();
      report(Date.now() - lastReportAt >= KEYSTROKE_REPORT_MS);
    };

    report(true);
    const unsubscribe = [
      useSoftphoneStore.subscribe(() => report(false)),
      useComposerStore.subscribe(() => report(false)),
      useImportStore.subscribe(() => report(false)),
    ];
    window.addEventListener('keydown', onKeyDown, true);
    // A browser host that restarted has a new core that knows nothing yet: tell it again.
    const api = sapa() as Partial<WsSapaClient>;
    const offConnection = typeof api.onConnectionChange === 'function'
      ? api.onConnectionChange((connected) => { if (connected) report(true); })
      : () => undefined;
    return () => {
      offConnection();
      unsubscribe.forEach((off) => off());
      window.removeEventListener('keydown', onKeyDown, true);
    };
  }, []);
}
