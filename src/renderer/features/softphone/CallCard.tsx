// One call: who it is (the screen pop), its state and timer, and its controls.
import { Alert, Badge, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../shared/phone.js';
import { TierBadge, VvipBadge } from '../customer/TierBadge.js';
import * as engine from './engine.js';
import { Keypad } from './Keypad.js';
import { useMonitorStore } from './monitor-store.js';
import { NewCustomerForm } from './NewCustomerForm.js';
import { type CallView } from './store.js';

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const mm = String(Math.floor(s / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm.slice(-2)}:${ss}` : `${mm}:${ss}`;
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** The agent is told when their lead speaks on the call (whisper, barge); a listen is silent and audited (decision 0024). */
function MonitoredBadge() {
  const { t } = useTranslation();
  const session = useMonitorStore((s) => (s.session?.role === 'agent' ? s.session : null));
  if (!session || session.mode === 'listen') return null;
  const text = t(session.mode === 'whisper' ? 'monitor.agentWhisper' : 'monitor.agentBarge', { lead: session.leadName });
  return <Badge color="grape" variant="filled" role="status" aria-label={text}>{text}</Badge>;
}

function CallerIdentity({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const shown = call.e164 ? formatPhone(call.e164) : call.number;
  if (call.pop.status === 'looking') {
    return <Text size="sm">{shown} · {t('softphone.lookingUp')}</Text>;
  }
  if (call.pop.status === 'unknown') {
    return (
      <Stack gap={4}>
        <Text fw={600} data-testid="caller-number">{shown}</Text>
        <Text size="sm" c="dimmed">{t('softphone.unknownCaller')}</Text>
        {creating ? (
          <NewCustomerForm callId={call.id} number={call.e164 ?? call.number} onClose={() => setCreating(false)} />
        ) : (
          <Button size="xs" variant="light" onClick={() => setCreating(true)}>
            {t('softphone.createCustomer')}
          </Button>
        )}
      </Stack>
    );
  }
  const first = call.pop.customers[0];
  if (!first) return null;
  return (
    <Stack gap={2} data-testid="screen-pop">
      <Group gap="xs">
        <Text fw={700} data-testid="caller-name">{first.salutation ? `${first.salutation} ` : ''}{first.fullName}</Text>
        <TierBadge tier={first.tier} size="sm" />
        {first.vvip && <VvipBadge size="sm" />}
      </Group>
      <Text size="xs" c="dimmed">{shown}{call.pop.customers.length > 1 ? ` · ${t('softphone.moreMatches', { count: call.pop.customers.length - 1 })}` : ''}</Text>
    </Stack>
  );
}

export const CallCard = memo(function CallCard({ call, focused }: { call: CallView; focused: boolean }) {
  const { t } = useTranslation();
  const now = useNow(call.state === 'active');
  const [keypad, setKeypad] = useState(false);
  const [transferTo, setTransferTo] = useState('');
  const ringing = call.state === 'ringing';
  const label = ringing ? t('softphone.incomingCall') : call.state === 'dialing' ? t('softphone.dialing') : call.consultFor ? t('softphone.consultCall') : t('softphone.inCall');
  return (
    <Paper withBorder p="sm" radius="md" aria-label={label} role="region" data-call-state={call.state} data-focused={focused}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text size="xs" tt="uppercase" fw={600} c={ringing ? 'orange' : 'dimmed'}>{label}</Text>
          {call.answeredAt && (
            <Text size="sm" ff="monospace" aria-label={t('softphone.timer')} data-testid="call-timer">
              {formatDuration(now - call.answeredAt)}
            </Text>
          )}
        </Group>
        <CallerIdentity call={call} />
        {!call.callerVerified && (
          <Badge color="yellow" variant="light" role="note" aria-label={t('softphone.callerNotVerified')} title={t('softphone.callerNotVerifiedHint')}>
            {t('softphone.callerNotVerified')}
          </Badge>
        )}
        <Group gap={6}>
          {call.held && <Badge color="orange" variant="light">{t('softphone.onHold')}</Badge>}
          {call.muted && <Badge color="red" variant="light">{t('softphone.muted')}</Badge>}
          {call.state === 'active' && <MonitoredBadge />}
          {call.recording === 'on' && <Badge color="red" variant="dot">{t('softphone.recording')}</Badge>}
          {call.recording === 'paused' && <Badge color="gray" variant="dot">{t('softphone.recordingPaused')}</Badge>}
          {call.transferState === 'transferring' && <Badge variant="light">{t('softphone.transferring')}</Badge>}
          {call.transferState === 'failed' && <Badge color="red" variant="light">{t('softphone.transferFailed')}</Badge>}
        </Group>
        {call.mediaRecovering && call.state === 'active' && (
          <Text size="xs" c="orange" role="status" aria-label={t('softphone.mediaRecovering')}>{t('softphone.mediaRecoveringHint')}</Text>
        )}
        {call.holdError && <Alert color="red" p="xs" role="alert">{t('softphone.holdFailed', { reason: call.holdError })}</Alert>}
        {ringing && (
          <Group gap="xs">
            <Button color="green" onClick={() => void engine.answer(call.id)}>{t('softphone.answer')}</Button>
            <Button color="red" variant="light" onClick={() => void engine.decline(call.id)}>{t('softphone.decline')}</Button>
          </Group>
        )}
        {call.state === 'dialing' && (
          <Button color="red" onClick={() => void engine.hangup(call.id)}>{t('softphone.hangUp')}</Button>
        )}
        {call.state === 'active' && (
          <>
            <Group gap="xs">
              <Button color="red" onClick={() => void engine.hangup(call.id)}>{t('softphone.hangUp')}</Button>
              <Button variant="light" loading={call.holdPending} onClick={() => void engine.setHold(call.id, !call.held)}>
                {call.held ? t('softphone.resume') : t('softphone.hold')}
              </Button>
              <Button variant="light" aria-pressed={call.muted} onClick={() => engine.setMute(call.id, !call.muted)}>
                {call.muted ? t('softphone.unmute') : t('softphone.mute')}
              </Button>
              <Button variant="light" aria-expanded={keypad} onClick={() => setKeypad((k) => !k)}>{t('softphone.keypad')}</Button>
              {call.recording !== 'off' && (
                <Button variant="subtle" onClick={() => engine.setRecordingPaused(call.id, call.recording === 'on')}>
                  {call.recording === 'on' ? t('softphone.pauseRecording') : t('softphone.resumeRecording')}
                </Button>
              )}
            </Group>
            {keypad && (
              <Stack gap={4}>
                <Keypad label={t('softphone.dtmfKeypad')} onDigit={(d) => void engine.sendDtmf(call.id, d)} />
                <Text size="xs" c="dimmed" aria-label={t('softphone.dtmfSent')}>{call.dtmfSent}</Text>
              </Stack>
            )}
            {call.consultFor ? (
              <Button variant="filled" onClick={() => void engine.completeTransfer(call.id)}>{t('softphone.completeTransfer')}</Button>
            ) : (
              <Group gap="xs" align="end">
                <TextInput
                  size="xs" label={t('softphone.transferTo')} value={transferTo} w={110}
                  onChange={(e) => setTransferTo(e.currentTarget.value.replace(/[^\d]/g, '').slice(0, 4))}
                />
                <Button size="xs" variant="light" disabled={transferTo.length !== 4} onClick={() => void engine.blindTransfer(call.id, transferTo)}>
                  {t('softphone.blindTransfer')}
                </Button>
                <Button size="xs" variant="light" disabled={transferTo.length !== 4} onClick={() => void engine.startConsult(call.id, transferTo)}>
                  {t('softphone.consult')}
                </Button>
              </Group>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
});
