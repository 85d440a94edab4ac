// Listen, whisper, barge and stop on one agent's row of the floor (decision 0024). The
// server authorizes each step (monitor.*); the lead's softphone places the monitor call and
// switches its microphone (features/softphone/monitor.ts). The pressed button is the mode;
// the line under the buttons says it in words, and why a step was refused.
import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FloorAgent } from '../../../shared/floor.js';
import { MONITOR_MODES, type MonitorMode, type MonitorSession } from '../../../shared/monitor.js';
import { errorText } from '../../i18n/error-text.js';
import { errorDetailsOf } from '../../platform/errors.js';
import { sapa } from '../../platform/sapa.js';
import { setMonitorMode, startMonitor, stopMonitor, useMonitorStore } from '../softphone/engine.js';

const LABEL: Record<MonitorMode, { short: string; long: string }> = {
  listen: { short: 'monitor.listen', long: 'monitor.listenTo' },
  whisper: { short: 'monitor.whisper', long: 'monitor.whisperTo' },
  barge: { short: 'monitor.barge', long: 'monitor.bargeInto' },
};

function useRefusalText() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    const details = errorDetailsOf(error);
    const reason = details && typeof details === 'object' && 'reason' in details && typeof details.reason === 'string' ? details.reason : null;
    if (reason) return t(`monitor.errors.${reason}`, { defaultValue: errorText(t, error) });
    if (error instanceof Error && error.message === 'not_registered') return t('monitor.errors.not_registered');
    return errorText(t, error);
  };
}

export function MonitorControls({ agent }: { agent: FloorAgent }) {
  const { t } = useTranslation();
  const refusal = useRefusalText();
  const view = useMonitorStore((s) => (s.session?.role === 'lead' && s.session.agentId === agent.userId ? s.session : null));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const live = view && view.media !== 'ended' && !view.endReason ? view : null;

  async function choose(mode: MonitorMode): Promise<void> {
    setError(null);
    setBusy(true);
    const clickedAt = performance.now();
    let started: MonitorSession | null = null;
    try {
      if (live) {
        await setMonitorMode(await sapa().call('monitor.mode', { id: live.sessionId, mode }));
      } else {
        started = await sapa().call('monitor.start', { agentId: agent.userId, mode });
        await startMonitor(started, clickedAt);
      }
    } catch (e) {
      setError(refusal(e));
      // The server opened a session the softphone could not call on: close it (audited as failed).
      if (started) await sapa().call('monitor.end', { id: started.id, reason: 'failed' }).catch(() => undefined);
    } finally {
      setBusy(false);
    }
  }

  async function stop(): Promise<void> {
    if (!live) return;
    setError(null);
    try {
      await sapa().call('monitor.end', { id: live.sessionId });
    } catch (e) {
      setError(refusal(e));
    }
    await stopMonitor(live.sessionId);
  }

  const sipError = view?.error && view.error !== 'not_registered' ? t('monitor.errors.sip', { detail: view.error }) : null;
  if (!agent.onCall && !view) return <Text size="xs" c="dimmed">—</Text>;
  return (
    <Stack gap={2} role="group" aria-label={t('monitor.controls', { agent: agent.displayName })}>
      <Group gap={4} wrap="nowrap">
        {MONITOR_MODES.map((mode) => (
          <Button key={mode} size="compact-xs" variant={live?.mode === mode ? 'filled' : 'light'} aria-pressed={live?.mode === mode}
            aria-label={t(LABEL[mode].long, { agent: agent.displayName })} disabled={busy || (!live && !agent.onCall)}
            onClick={() => void choose(mode)}>
            {t(LABEL[mode].short)}
          </Button>
        ))}
        <Button size="compact-xs" color="red" variant="light" disabled={!live}
          aria-label={t('monitor.stopFor', { agent: agent.displayName })} onClick={() => void stop()}>
          {t('monitor.stop')}
        </Button>
      </Group>
      {live && (
        <Text size="xs" c="grape" fw={600} role="status" aria-label={t('monitor.indicator', { agent: agent.displayName })}>
          {live.media === 'connecting' ? t('monitor.connecting') : t(`monitor.modes.${live.mode}`)}
        </Text>
      )}
      {!live && view?.endReason && <Text size="xs" c="dimmed" role="status">{t('monitor.ended')}: {t(`monitor.endReasons.${view.endReason}`)}</Text>}
      {(error ?? sipError) && <Text size="xs" c="red" role="alert">{error ?? sipError}</Text>}
    </Stack>
  );
}
