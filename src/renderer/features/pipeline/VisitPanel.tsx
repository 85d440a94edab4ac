// One visit opened in the field: check in and out (the position only if the rep ticks
// "share my position" and the browser allows it), the result, notes and next step, and a
// cost with its receipt. All of it works offline: it waits in the outbox, the receipt in the
// encrypted cache, and both reach the server once when the line returns.
import { Alert, Badge, Button, Checkbox, FileInput, Group, NativeSelect, Paper, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COST_CATEGORIES, VISIT_RESULTS, type Visit } from '../../../shared/pipeline.js';
import { errorText } from '../../i18n/error-text.js';
import { formatIdr, formatTime } from '../../i18n/format.js';
import { sapa } from '../../platform/sapa.js';
import { useLanguage } from '../settings/useLanguage.js';

function position(): Promise<{ lat: number; lng: number; accuracyM: number } | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracyM: Math.min(p.coords.accuracy, 100_000) }),
      () => resolve(null), { timeout: 10_000, maximumAge: 60_000 });
  });
}

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function VisitPanel({ visit, onChanged }: { visit: Visit; onChanged: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [share, setShare] = useState(false);
  const [result, setResult] = useState(visit.result ?? '');
  const [notes, setNotes] = useState(visit.notes ?? '');
  const [nextStep, setNextStep] = useState(visit.nextStep ?? '');
  const [due, setDue] = useState(visit.nextStepDue ?? '');
  const [amount, setAmount] = useState('');
  const [category, setCategory] = useState<(typeof COST_CATEGORIES)[number]>('transport');
  const [budget, setBudget] = useState<'prospecting' | 'cost'>('prospecting');
  const [costNote, setCostNote] = useState('');
  const [receipt, setReceipt] = useState<File | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async (what: () => Promise<unknown>, done: string) => {
    try { await what(); setNotice({ ok: true, text: done }); onChanged(); } catch (e) { setNotice({ ok: false, text: errorText(t, e) }); }
  };
  const where = async () => (share ? position() : null);

  return (
    <Paper withBorder p="sm" component="section" aria-label={t('visits.opened', { customer: visit.customerName })}>
      <Stack gap="xs">
        <Group gap="xs">
          <Text fw={600}>{visit.customerName}</Text>
          <Badge size="sm">{t(`visits.statuses.${visit.status}`)}</Badge>
          {visit.pending && <Badge size="sm" color="orange">{t('visits.waiting')}</Badge>}
        </Group>
        <Text size="sm">{visit.purpose}</Text>
        {visit.address && <Text size="xs" c="dimmed">{visit.address}</Text>}
        {visit.checkInAt && <Text size="xs">{t('visits.checkedInAt', { time: formatTime(visit.checkInAt, language) })}{visit.checkInPosition ? ` · ${visit.checkInPosition.lat.toFixed(4)}, ${visit.checkInPosition.lng.toFixed(4)}` : ''}</Text>}
        {visit.checkOutAt && <Text size="xs">{t('visits.checkedOutAt', { time: formatTime(visit.checkOutAt, language) })}</Text>}
        <Group gap="xs" align="center">
          <Checkbox size="xs" label={t('visits.sharePosition')} checked={share} onChange={(e) => setShare(e.currentTarget.checked)} />
          <Button size="xs" disabled={visit.checkInAt !== null}
            onClick={() => void run(async () => sapa().call('visits.checkIn', { visitId: visit.id, position: await where() }), t('visits.checkedIn'))}>
            {t('visits.checkIn')}
          </Button>
          <Button size="xs" variant="light" disabled={visit.checkOutAt !== null}
            onClick={() => void run(async () => sapa().call('visits.checkOut', { visitId: visit.id, position: await where() }), t('visits.checkedOut'))}>
            {t('visits.checkOut')}
          </Button>
        </Group>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <NativeSelect size="xs" label={t('visits.result')} value={result} onChange={(e) => setResult(e.currentTarget.value)}>
            <option value="">{t('visits.chooseResult')}</option>
            {VISIT_RESULTS.map((r) => <option key={r} value={r}>{t(`visits.results.${r}`)}</option>)}
          </NativeSelect>
          <TextInput size="xs" label={t('visits.nextStep')} value={nextStep} onChange={(e) => setNextStep(e.currentTarget.value)} maxLength={500} />
          <TextInput size="xs" type="date" label={t('visits.nextStepDue')} value={due} onChange={(e) => setDue(e.currentTarget.value)} />
        </Group>
        <Textarea size="xs" label={t('visits.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} maxLength={5000} autosize minRows={2} />
        <Group><Button size="xs" disabled={!result}
          onClick={() => void run(() => sapa().call('visits.report', {
            visitId: visit.id, result: result as (typeof VISIT_RESULTS)[number], notes, nextStep, nextStepDue: due || null,
          }), t('visits.reported'))}>{t('visits.saveReport')}</Button></Group>
        <Paper withBorder p="xs" component="form" aria-label={t('visits.addCost')} onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await sapa().call('costs.record', {
              visitId: visit.id, budget, category, amountIdr: Number(amount.replace(/[^\d]/g, '')), spentOn: new Date().toISOString().slice(0, 10),
              note: costNote, receipt: receipt ? { fileName: receipt.name, base64: await base64Of(receipt) } : null,
            });
            setAmount(''); setCostNote(''); setReceipt(null);
          }, t('visits.costRecorded'));
        }}>
          <Text size="sm" fw={600}>{t('visits.addCost')} · {t('visits.costSoFar', { amount: formatIdr(visit.costIdr, language) })}</Text>
          <Group gap="xs" align="flex-end" wrap="wrap">
            <NativeSelect size="xs" label={t('budgets.budget')} value={budget} onChange={(e) => setBudget(e.currentTarget.value as typeof budget)}>
              <option value="prospecting">{t('budgets.kinds.prospecting')}</option><option value="cost">{t('budgets.kinds.cost')}</option>
            </NativeSelect>
            <NativeSelect size="xs" label={t('visits.category')} value={category} onChange={(e) => setCategory(e.currentTarget.value as typeof category)}>
              {COST_CATEGORIES.map((c) => <option key={c} value={c}>{t(`visits.categories.${c}`)}</option>)}
            </NativeSelect>
            <TextInput size="xs" label={t('visits.amount')} inputMode="numeric" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} w={120} />
            <TextInput size="xs" label={t('visits.costNote')} value={costNote} onChange={(e) => setCostNote(e.currentTarget.value)} maxLength={1000} />
            <FileInput size="xs" label={t('visits.receipt')} accept="image/jpeg,image/png,image/webp,application/pdf" value={receipt} onChange={setReceipt} clearable w={180} />
            <Button size="xs" type="submit" disabled={!amount}>{t('visits.recordCost')}</Button>
          </Group>
        </Paper>
        {notice && <Alert color={notice.ok ? 'green' : 'red'} role={notice.ok ? 'status' : 'alert'}>{notice.text}</Alert>}
      </Stack>
    </Paper>
  );
}
