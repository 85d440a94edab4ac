// The collectors' worklist (receivables.collect): open invoices across customers, most
// overdue first, in ageing buckets, filtered by branch, bucket, tier and open amount,
// keyset-paged ("More"); VVIP customers marked (handled with care). A promise to pay on a
// row becomes a call-back for the collector on the promised day (docs/receivables.md).
import { Alert, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TIERS } from '../../../shared/domain.js';
import { AGEING_BUCKETS, type AgeingBucket, type WorklistPage as Page, type WorklistRow } from '../../../shared/receivables.js';
import { errorText } from '../../i18n/error-text.js';
import { formatDate, formatIdr } from '../../i18n/format.js';
import { invalidateMethod, useCoreQuery } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { useLanguage } from '../settings/useLanguage.js';

interface Filters { branch: string; bucket: '' | AgeingBucket; tier: string; minOpenIdr: string }

function todayIn(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function PromiseForm({ row, onDone }: { row: WorklistRow; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [date, setDate] = useState(todayIn());
  const [amount, setAmount] = useState(String(row.openIdr));
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const amountIdr = Number(amount);
    if (!Number.isInteger(amountIdr) || amountIdr < 1) { setError(t('collections.promise.badAmount')); return; }
    setBusy(true);
    try {
      await sapa().call('receivables.promise', { receivableId: row.receivableId, promisedDate: date, amountIdr, ...(note.trim() ? { note: note.trim() } : {}) });
      void invalidateMethod('receivables.worklist');
      onDone(t('collections.promise.saved', { invoice: row.invoiceNo, date: formatDate(date, language) }));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm" component="form" aria-label={t('collections.promise.title')} onSubmit={(e: FormEvent) => void submit(e)}>
      <Stack gap="xs">
        <Text fw={600}>{t('collections.promise.heading', { invoice: row.invoiceNo, customer: row.customerName })}</Text>
        <Group align="end">
          <TextInput type="date" label={t('collections.promise.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} required />
          <TextInput label={t('collections.promise.amount')} inputMode="numeric" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} required />
          <TextInput label={t('collections.promise.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={1000} w={260} />
          <Button type="submit" loading={busy}>{t('collections.promise.save')}</Button>
        </Group>
        {error && <Alert color="red" role="alert">{error}</Alert>}
      </Stack>
    </Paper>
  );
}

export function WorklistPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [filters, setFilters] = useState<Filters>({ branch: '', bucket: '', tier: '', minOpenIdr: '' });
  const [cursor, setCursor] = useState<string | null>(null);
  const [selected, setSelected] = useState<WorklistRow | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const query = {
    limit: 50,
    ...(filters.branch.trim() ? { branch: filters.branch.trim() } : {}),
    ...(filters.bucket ? { bucket: filters.bucket } : {}),
    ...(filters.tier ? { tier: filters.tier as (typeof TIERS)[number] } : {}),
    ...(Number(filters.minOpenIdr) > 0 ? { minOpenIdr: Number(filters.minOpenIdr) } : {}),
    ...(cursor ? { cursor } : {}),
  };
  const list = useCoreQuery('receivables.worklist', query, { staleTime: 0 });
  const set = (patch: Partial<Filters>) => { setFilters((f) => ({ ...f, ...patch })); setCursor(null); };
  const page: Page | undefined = list.data;
  return (
    <Stack gap="sm" p="md">
      <Title order={2}>{t('collections.title')}</Title>
      <Group align="end" gap="sm" role="search" aria-label={t('collections.filters')}>
        <TextInput label={t('collections.branch')} value={filters.branch} onChange={(e) => set({ branch: e.currentTarget.value })} w={180} />
        <NativeSelect
          label={t('collections.bucket')} value={filters.bucket} onChange={(e) => set({ bucket: e.currentTarget.value as Filters['bucket'] })}
          data={[{ value: '', label: t('collections.any') }, ...AGEING_BUCKETS.map((b) => ({ value: b, label: t(`collections.buckets.${b}`) }))]}
        />
        <NativeSelect
          label={t('tier.label')} value={filters.tier} onChange={(e) => set({ tier: e.currentTarget.value })}
          data={[{ value: '', label: t('collections.any') }, ...TIERS.map((x) => ({ value: x, label: t(`tier.${x}`) }))]}
        />
        <TextInput label={t('collections.minOpen')} inputMode="numeric" value={filters.minOpenIdr} onChange={(e) => set({ minOpenIdr: e.currentTarget.value })} w={160} />
      </Group>
      {saved && <Alert color="green" role="status">{saved}</Alert>}
      {selected && <PromiseForm key={selected.receivableId} row={selected} onDone={(m) => { setSaved(m); setSelected(null); }} />}
      {list.error && <Alert color="red" role="alert">{errorText(t, list.error)}</Alert>}
      {page && page.rows.length === 0 && <Text c="dimmed">{t('collections.empty')}</Text>}
      {page && page.rows.length > 0 && (
        <Table striped highlightOnHover aria-label={t('collections.table')} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('collections.customer')}</Table.Th>
              <Table.Th>{t('collections.branch')}</Table.Th>
              <Table.Th>{t('tier.label')}</Table.Th>
              <Table.Th>{t('receivables.invoiceNo')}</Table.Th>
              <Table.Th>{t('receivables.dueDate')}</Table.Th>
              <Table.Th>{t('collections.daysPastDue')}</Table.Th>
              <Table.Th>{t('collections.bucket')}</Table.Th>
              <Table.Th ta="right">{t('collections.open')}</Table.Th>
              <Table.Th>{t('collections.promiseColumn')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page.rows.map((r) => (
              <Table.Tr key={r.receivableId}>
                <Table.Td>
                  {r.customerName} {r.vvip && <Badge color="grape" size="xs" title={t('collections.vvipHint')}>VVIP</Badge>}
                </Table.Td>
                <Table.Td>{r.branch ?? '—'}</Table.Td>
                <Table.Td>{t(`tier.${r.tier}`)}</Table.Td>
                <Table.Td>{r.invoiceNo}</Table.Td>
                <Table.Td>{formatDate(r.dueDate, language)}</Table.Td>
                <Table.Td>{Math.max(0, r.daysPastDue)}</Table.Td>
                <Table.Td>{t(`collections.buckets.${r.bucket}`)}</Table.Td>
                <Table.Td ta="right">{formatIdr(r.openIdr, language)}</Table.Td>
                <Table.Td>{r.promise ? formatDate(r.promise.promisedDate, language) : '—'}</Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="light" onClick={() => { setSaved(null); setSelected(r); }}
                    aria-label={t('collections.promise.open', { invoice: r.invoiceNo })}>
                    {t('collections.promise.button')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group>
        {cursor && <Button variant="default" onClick={() => setCursor(null)}>{t('collections.first')}</Button>}
        {page?.nextCursor && <Button variant="default" onClick={() => setCursor(page.nextCursor)}>{t('collections.more')}</Button>}
      </Group>
    </Stack>
  );
}
