// Wrap-up after every call: disposition (the server's list, labelled in the agent's
// language; one that needs a follow-up asks for the call-back before it saves), notes and
// a follow-up call-back. The wrap-up time limit (an admin setting) counts down from the
// hang-up; at the limit the panel says time is up, and the agent can still save — nothing
// is discarded and the agent's status is not changed by it. Saving writes the call interaction through core (cache at
// once, then the outbox carries it to the server exactly once), so it is in the timeline
// before the panel closes.
// After-call work is the time from hang-up to saving.
import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { type DispositionsAnswer } from '../../../shared/softphone-api.js';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../shared/phone.js';
import { sapa } from '../../platform/sapa.js';
import { errorCodeOf } from '../../platform/errors.js';
import { invalidateCoreData } from '../../platform/query-client.js';
import { useCustomerOnScreen } from '../customer/queries.js';
import { finishWrapUp } from '../softphone/engine.js';
import { useSoftphoneStore, type CallView } from '../softphone/store.js';
import { acwClock, formatSeconds } from './acw-timer.js';
import { buildWrapUp } from './build.js';

/**
 * The list is fetched once per wrap-up (an admin's change shows at the next call); the
 * previous answer is shown meanwhile so the select is never empty between calls.
 */
let lastDispositions: DispositionsAnswer | null = null;

function useDispositions(): DispositionsAnswer {
  const [answer, setAnswer] = useState<DispositionsAnswer>(lastDispositions ?? { dispositions: [] });
  useEffect(() => {
    let live = true;
    void sapa().call('softphone.dispositions', {}).then((r) => { lastDispositions = r; if (live) setAnswer(r); });
    return () => { live = false; };
  }, []);
  return answer;
}

/** Re-renders every second while a limit runs. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function WrapUpForm({ call }: { call: CallView }) {
  const { t, i18n } = useTranslation();
  const answer = useDispositions();
  const screenCustomer = useCustomerOnScreen();
  const popCustomer = call.pop.status === 'found' && call.pop.customers.length === 1 ? call.pop.customers[0] : undefined;
  const customerId = popCustomer?.id ?? screenCustomer?.id ?? null;
  const customerName = popCustomer?.fullName ?? screenCustomer?.fullName ?? null;
  const [disposition, setDisposition] = useState('');
  const [notes, setNotes] = useState('');
  const [followUp, setFollowUp] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const indonesian = i18n.language.startsWith('id');
  const options = answer.dispositions.map((code) => {
    const item = answer.items?.find((d) => d.code === code);
    // Offline with the built-in list (no items): the app's own translations of those codes.
    const label = item ? (indonesian ? item.labelId : item.labelEn) : t(`wrapup.dispositions.${code}`, { defaultValue: code });
    return { value: code, label };
  });
  const needsFollowUp = answer.items?.find((d) => d.code === disposition)?.needsFollowUp === true;
  const missingFollowUp = needsFollowUp && !followUp;
  const limitSec = answer.wrapUpLimitSec;
  const now = useNow(Boolean(limitSec));
  const clock = acwClock(call.endedAt ?? now, limitSec, now);

  const save = async () => {
    if (!customerId || !disposition || missingFollowUp) return;
    setSaving(true);
    setError(null);
    try {
      await sapa().call('softphone.saveWrapUp', buildWrapUp(call, { customerId, disposition, notes, followUp, savedAt: Date.now() }));
      // The call is in the cache now: the timeline (and the home's recent customers) show it.
      void invalidateCoreData();
      finishWrapUp(call.id);
    } catch (e) {
      setError(errorCodeOf(e));
    } finally {
      setSaving(false);
    }
  };

  const number = call.e164 ? formatPhone(call.e164) : call.number;
  return (
    <Paper withBorder p="sm" radius="md" role="region" aria-label={t('wrapup.title')}>
      <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <Stack gap="xs">
          <Text fw={600}>{t('wrapup.title')}</Text>
          <Text size="sm">
            {t(call.direction === 'inbound' ? 'wrapup.callFrom' : 'wrapup.callTo', { number })}
            {customerName ? ` · ${customerName}` : ''}
          </Text>
          {!customerId && <Alert color="yellow" p="xs">{t('wrapup.needCustomer')}</Alert>}
          <NativeSelect
            size="xs" label={t('wrapup.disposition')} required value={disposition}
            data={[{ value: '', label: t('wrapup.chooseDisposition') }, ...options]}
            onChange={(e) => setDisposition(e.currentTarget.value)}
          />
          <Textarea size="xs" label={t('wrapup.notes')} value={notes} maxLength={10_000} autosize minRows={2} onChange={(e) => setNotes(e.currentTarget.value)} />
          <TextInput size="xs" type="datetime-local" label={t(needsFollowUp ? 'wrapup.followUpRequired' : 'wrapup.followUp')} required={needsFollowUp}
            error={missingFollowUp ? t('wrapup.followUpNeeded') : undefined} value={followUp} onChange={(e) => setFollowUp(e.currentTarget.value)} />
          {clock.limited && (
            <Text size="xs" role="timer" aria-label={t('wrapup.timer')} c={clock.over ? 'red' : clock.leftSec <= 30 ? 'orange' : 'dimmed'} fw={clock.over ? 600 : 400}>
              {clock.over ? t('wrapup.timeUp', { limit: formatSeconds(limitSec ?? 0) }) : t('wrapup.timeLeft', { time: formatSeconds(clock.leftSec) })}
            </Text>
          )}
          {error && <Alert color="red" p="xs" role="alert">{t('wrapup.saveFailed', { code: error })}</Alert>}
          <Group>
            <Button size="xs" type="submit" loading={saving} disabled={!customerId || !disposition || missingFollowUp}>{t('wrapup.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function WrapUpPanel() {
  const next = useSoftphoneStore((s) => s.wrapUps[0]);
  return next ? <WrapUpForm key={next.id} call={next} /> : null;
}
