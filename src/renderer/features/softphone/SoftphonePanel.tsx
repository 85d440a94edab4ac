// The softphone on the single screen: registration, calls (ringing with the screen pop,
// in call with controls), the dial pad, audio devices and the keyboard shortcuts.
import { Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CallCard } from './CallCard.js';
import { useDevicesStore, type DeviceRole } from './devices.js';
import * as engine from './engine.js';
import { Keypad } from './Keypad.js';
import { findCall, useSoftphoneStore } from './store.js';
import { isDoNotCall } from '../telesales/dnc-guard.js';
import { WrapUpPanel } from '../wrapup/WrapUpPanel.js';
import { RegistrationBadge } from './RegistrationBadge.js';

export const SHORTCUTS = { answer: 'alt+A', hangUp: 'alt+H', hold: 'alt+O', mute: 'alt+M' } as const;

function focusedOrRinging() {
  const s = useSoftphoneStore.getState();
  return { ringing: s.calls.find((c) => c.state === 'ringing'), focused: findCall(s.focusedCallId) };
}

function DevicePicker({ role }: { role: DeviceRole }) {
  const { t } = useTranslation();
  const inputs = useDevicesStore((s) => s.inputs);
  const outputs = useDevicesStore((s) => s.outputs);
  const chosen = useDevicesStore((s) => s.chosen[role]);
  const list = role === 'microphone' ? inputs : outputs;
  const labels = list.map((d) => d.label).filter(Boolean);
  return (
    <NativeSelect
      size="xs" label={t(`softphone.device.${role}`)}
      value={chosen && labels.includes(chosen) ? chosen : ''}
      data={[{ value: '', label: t('softphone.device.default') }, ...labels.map((l) => ({ value: l, label: l }))]}
      onChange={(e) => {
        useDevicesStore.getState().choose(role, e.currentTarget.value || null);
        void engine.switchMicrophone();
      }}
    />
  );
}

/**
 * The call cards on their own: a call's change (ringing, its pop, timer state) re-renders
 * only this list and the card that changed (CallCard is memoised), not the dial pad,
 * device pickers and wrap-up of the panel — that render sat between the INVITE and the pop.
 */
function CallList() {
  const calls = useSoftphoneStore((s) => s.calls);
  const focusedCallId = useSoftphoneStore((s) => s.focusedCallId);
  return <>{calls.filter((c) => c.revealed).map((c) => <CallCard key={c.id} call={c} focused={c.id === focusedCallId} />)}</>;
}

export function SoftphonePanel() {
  const { t } = useTranslation();
  const registration = useSoftphoneStore((s) => s.registration);
  const fellBack = useDevicesStore((s) => s.fellBack);
  const [number, setNumber] = useState('');
  const [showDevices, setShowDevices] = useState(false);
  const [dialError, setDialError] = useState<boolean | 'dnc'>(false);

  useEffect(() => {
    void engine.startSoftphone();
    return () => { void engine.stopSoftphone(); };
  }, []);

  useHotkeys([
    [SHORTCUTS.answer, () => { const { ringing } = focusedOrRinging(); if (ringing) void engine.answer(ringing.id); }],
    [SHORTCUTS.hangUp, () => { const { focused } = focusedOrRinging(); if (focused) void engine.hangup(focused.id); }],
    [SHORTCUTS.hold, () => { const { focused } = focusedOrRinging(); if (focused) void engine.setHold(focused.id, !focused.held); }],
    [SHORTCUTS.mute, () => { const { focused } = focusedOrRinging(); if (focused) engine.setMute(focused.id, !focused.muted); }],
  ], []);

  const call = async () => {
    setDialError(false);
    // A number on the do-not-call list is refused here too, not only from the click-to-call buttons.
    if (await isDoNotCall(number)) { setDialError('dnc'); return; }
    const id = await engine.dial(number);
    if (id) setNumber(''); else setDialError(true);
  };

  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={t('softphone.title')}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h5">{t('softphone.title')}</Title>
          <RegistrationBadge />
        </Group>
        <CallList />
        <WrapUpPanel />
        <form onSubmit={(e) => { e.preventDefault(); void call(); }}>
          <Group gap="xs" align="end">
            <TextInput
              size="xs" label={t('softphone.numberToDial')} value={number} w={170}
              onChange={(e) => setNumber(e.currentTarget.value.slice(0, 32))}
              error={dialError === 'dnc' ? t('softphone.doNotCall', { phone: number }) : dialError ? t('softphone.cannotDial') : undefined}
            />
            <Button size="xs" type="submit" disabled={registration !== 'registered' || number.trim() === ''}>{t('softphone.call')}</Button>
          </Group>
        </form>
        <Keypad label={t('softphone.dialPad')} onDigit={(d) => setNumber((n) => (n + d).slice(0, 32))} />
        {fellBack && <Text size="xs" c="orange" role="status">{t('softphone.device.fellBack', { device: t(`softphone.device.${fellBack}`) })}</Text>}
        <Button size="xs" variant="subtle" aria-expanded={showDevices} onClick={() => { setShowDevices((v) => !v); void useDevicesStore.getState().refresh(); }}>
          {t('softphone.device.title')}
        </Button>
        {showDevices && (
          <Stack gap={4}>
            <DevicePicker role="microphone" />
            <DevicePicker role="speaker" />
            <DevicePicker role="ringer" />
          </Stack>
        )}
        <Text size="xs" c="dimmed" aria-label={t('softphone.shortcuts.title')}>
          {t('softphone.shortcuts.list', { answer: 'Alt+A', hangUp: 'Alt+H', hold: 'Alt+O', mute: 'Alt+M' })}
        </Text>
      </Stack>
    </Paper>
  );
}

