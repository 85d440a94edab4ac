// The collectors' worklist (receivables.collect): open invoices across customers, most
// overdue first, in ageing buckets, filtered by branch, bucket, tier and open amount,
// keyset-paged ("More"); VVIP customers marked (handled with care). A promise to pay on a
// row becomes a call-back for the collector on the promised day (docs/receivables.md).
// Above the list: the open amounts per branch and ageing bucket. A row's "Reminder" sends an
// approved billing paragraph by SMS or e-mail (once; VVIP customers ask first).
import { Alert, Badge, Button, Group, Modal, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TIERS } from '../../../shared/domain.js';
import {
  AGEING_BUCKETS, type AgeingBucket, type ReminderChannel, type WorklistPage as Page, type WorklistRow,
} from '../../../shared/receivables.js';
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

function Totals() {
  const { t } = useTranslation();
  const language = useLanguage();
  const totals = useCoreQuery('receivables.totals', {}, { staleTime: 0 });
  const rows = useMemo(() => {
    const by = new Map<string, { branch: string | null; cells: Partial<Record<AgeingBucket, { openIdr: number; invoices: number }>>; total: number }>();
    for (const x of totals.data?.totals ?? []) {
      const key = x.branch ?? '';
      const row = by.get(key) ?? { branch: x.branch, cells: {}, total: 0 };
      row.cells[x.bucket] = { openIdr: x.openIdr, invoices: x.invoices };
      row.total += x.openIdr;
      by.set(key, row);
    }
    return [...by.values()];
  }, [totals.data]);
  if (totals.error) return <Alert color="red" role="alert">{errorText(t, totals.error)}</Alert>;
  if (!totals.data) return null;
  return (
    <Paper withBorder p="xs">
      <Text fw={600} size="sm" mb={4}>{t('collections.totals.title')}</Text>
      {rows.length === 0 ? <Text size="sm" c="dimmed">{t('collections.totals.empty')}</Text> : (
        <Table aria-label={t('collections.totals.table')} fz="xs" withRowBorders={false}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('collections.totals.branch')}</Table.Th>
              {AGEING_BUCKETS.map((b) => <Table.Th key={b} ta="right">{t(`collections.buckets.${b}`)}</Table.Th>)}
              <Table.Th ta="right">{t('collections.totals.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.branch ?? ''}>
                <Table.Th scope="row" fw={500}>{r.branch ?? t('collections.totals.noBranch')}</Table.Th>
                {AGEING_BUCKETS.map((b) => {
                  const c = r.cells[b];
                  return (
                    <Table.Td key={b} ta="right" title={c ? t('collections.totals.invoices', { count: c.invoices }) : undefined}>
                      {c ? formatIdr(c.openIdr, language) : '—'}
                    </Table.Td>
                  );
                })}
                <Table.Td ta="right" fw={600}>{formatIdr(r.total, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function ReminderForm({ row, onDone }: { row: WorklistRow; onDone: (message: string, ok: boolean) => void }) {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<ReminderChannel>('sms');
  const [paragraphId, setParagraphId] = useState('');
  const [blanks, setBlanks] = useState<Record<string, string>>({});
  // One key per reminder: a repeat (a second click, a retry after a timeout) sends nothing more.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const preview = useCoreQuery('receivables.reminderPreview', {
    receivableId: row.receivableId, channel, blanks, ...(paragraphId ? { paragraphId } : {}),
  }, { staleTime: 0 });
  const p = preview.data;
  const ready = Boolean(p?.text && p.to && p.missingBlanks.length === 0 && p.paragraphId === paragraphId);
  const send = async () => {
    if (!p?.text || !paragraphId) return;
    setError(null);
    setBusy(true);
    try {
      const sent = await sapa().call('receivables.remind', {
        receivableId: row.receivableId, channel, paragraphId, blanks, previewText: p.text, confirmVvip: row.vvip, idempotencyKey,
      });
      onDone(sent.status === 'failed'
        ? t('collections.remind.failed', { invoice: row.invoiceNo, error: sent.error ?? '' })
        : t('collections.remind.sent', { invoice: row.invoiceNo, to: sent.to }), sent.status !== 'failed');
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    if (row.vvip) setConfirming(true);
    else void send();
  };
  const wanted = p?.missingBlanks ?? [];
  return (
    <Paper withBorder p="sm" component="form" aria-label={t('collections.remind.title')} onSubmit={submit}>
      <Stack gap="xs">
        <Text fw={600}>{t('collections.remind.heading', { invoice: row.invoiceNo, customer: row.customerName })}</Text>
        <Group align="end">
          <NativeSelect label={t('collections.remind.channel')} value={channel}
            onChange={(e) => { setChannel(e.currentTarget.value as ReminderChannel); setParagraphId(''); setBlanks({}); }}
            data={[{ value: 'sms', label: t('collections.remind.sms') }, { value: 'email', label: t('collections.remind.email') }]} />
          <NativeSelect label={t('collections.remind.paragraph')} value={paragraphId} w={320}
            onChange={(e) => { setParagraphId(e.currentTarget.value); setBlanks({}); }}
            data={[{ value: '', label: t('collections.remind.choose') }, ...(p?.paragraphs ?? []).map((x) => ({ value: x.id, label: `${x.title} (${x.language})` }))]} />
          {Object.keys(blanks).concat(wanted.filter((w) => !(w in blanks))).map((name) => (
            <TextInput key={name} label={t('collections.remind.blank', { name })} value={blanks[name] ?? ''} maxLength={500}
              onChange={(e) => { const v = e.currentTarget.value; setBlanks((b) => ({ ...b, [name]: v })); }} />
          ))}
        </Group>
        {p && p.paragraphs.length === 0 && <Text size="sm" c="dimmed">{t('collections.remind.none')}</Text>}
        {p && (p.to ? <Text size="sm">{t('collections.remind.to', { to: p.to })}</Text> : <Alert color="yellow">{t('collections.remind.noRecipient')}</Alert>)}
        {p?.text && (
          <Stack gap={2}>
            <Text size="sm" fw={500}>{t('collections.remind.preview')}</Text>
            <Paper withBorder p="xs" bg="gray.0" aria-label={t('collections.remind.preview')} style={{ whiteSpace: 'pre-wrap' }}>
              <Text size="sm">{p.text}</Text>
            </Paper>
          </Stack>
        )}
        <Group><Button type="submit" loading={busy} disabled={!ready}>{t('collections.remind.send')}</Button></Group>
        {(error ?? (preview.error ? errorText(t, preview.error) : null)) && (
          <Alert color="red" role="alert">{error ?? errorText(t, preview.error)}</Alert>
        )}
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('collections.remind.vvipTitle')} centered>
        <Stack>
          <Text size="sm">{t('collections.remind.vvipBody', { customer: row.customerName })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} disabled={busy}>{t('collections.remind.cancel')}</Button>
            <Button onClick={() => void send()} loading={busy}>{t('collections.remind.vvipConfirm')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

export function WorklistPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [filters, setFilters] = useState<Filters>({ branch: '', bucket: '', tier: '', minOpenIdr: '' });
  const [cursor, setCursor] = useState<string | null>(null);
  const [selected, setSelected] = useState<WorklistRow | null>(null);
  const [reminding, setReminding] = useState<WorklistRow | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
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
      <Totals />
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
      {failed && <Alert color="red" role="alert">{failed}</Alert>}
      {selected && <PromiseForm key={selected.receivableId} row={selected} onDone={(m) => { setSaved(m); setSelected(null); }} />}
      {reminding && (
        <ReminderForm key={reminding.receivableId} row={reminding}
          onDone={(m, ok) => { if (ok) setSaved(m); else setFailed(m); setReminding(null); }} />
      )}
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
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="light" onClick={() => { setSaved(null); setFailed(null); setReminding(null); setSelected(r); }}
                      aria-label={t('collections.promise.open', { invoice: r.invoiceNo })}>
                      {t('collections.promise.button')}
                    </Button>
                    <Button size="compact-xs" variant="light" color="teal" onClick={() => { setSaved(null); setFailed(null); setSelected(null); setReminding(r); }}
                      aria-label={t('collections.remind.open', { invoice: r.invoiceNo })}>
                      {t('collections.remind.button')}
                    </Button>
                  </Group>
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
