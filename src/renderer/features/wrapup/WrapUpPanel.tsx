// Wrap-up after every call: disposition (the server's configurable list), notes and an
// optional follow-up call-back. Saving writes the call interaction through core (cache at
// once, then the outbox carries it to the server exactly once), so it is in the timeline
// before the panel closes.
// After-call work is the time from hang-up to saving.
import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../shared/phone.js';
import { sapa } from '../../platform/sapa.js';
import { errorCodeOf } from '../../platform/errors.js';
import { invalidateCoreData } from '../../platform/query-client.js';
import { useCustomerOnScreen } from '../customer/queries.js';
import { finishWrapUp } from '../softphone/engine.js';
import { useSoftphoneStore, type CallView } from '../softphone/store.js';
import { buildWrapUp } from './build.js';

let cachedDispositions: string[] | null = null;

function useDispositions(): string[] {
  const [list, setList] = useState<string[]>(cachedDispositions ?? []);
  useEffect(() => {
    if (cachedDispositions) return;
    void sapa().call('softphone.dispositions', {}).then((r) => { cachedDispositions = r.dispositions; setList(r.dispositions); });
  }, []);
  return list;
}

function WrapUpForm({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const dispositions = useDispositions();
  const screenCustomer = useCustomerOnScreen();
  const popCustomer = call.pop.status === 'found' && call.pop.customers.length === 1 ? call.pop.customers[0] : undefined;
  const customerId = popCustomer?.id ?? screenCustomer?.id ?? null;
  const customerName = popCustomer?.fullName ?? screenCustomer?.fullName ?? null;
  const [disposition, setDisposition] = useState('');
  const [notes, setNotes] = useState('');
  const [followUp, setFollowUp] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    if (!customerId || !disposition) return;
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
            data={[{ value: '', label: t('wrapup.chooseDisposition') }, ...dispositions.map((d) => ({ value: d, label: t(`wrapup.dispositions.${d}`, { defaultValue: d }) }))]}
            onChange={(e) => setDisposition(e.currentTarget.value)}
          />
          <Textarea size="xs" label={t('wrapup.notes')} value={notes} maxLength={10_000} autosize minRows={2} onChange={(e) => setNotes(e.currentTarget.value)} />
          <TextInput size="xs" type="datetime-local" label={t('wrapup.followUp')} value={followUp} onChange={(e) => setFollowUp(e.currentTarget.value)} />
          {error && <Alert color="red" p="xs" role="alert">{t('wrapup.saveFailed', { code: error })}</Alert>}
          <Group>
            <Button size="xs" type="submit" loading={saving} disabled={!customerId || !disposition}>{t('wrapup.save')}</Button>
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
