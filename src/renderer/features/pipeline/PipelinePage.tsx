// The selling pipeline (/sales/pipeline): a board with one column per stage (count, value,
// weighted value; drag a card to another column or use its "Move to stage" menu), a list,
// and the forecast by month (Σ value × probability). A new opportunity is created here.
// Won writes the contract shown on the customer's Contracts tab; lost asks for a reason.
import { Alert, Button, Group, Loader, NativeSelect, Paper, ScrollArea, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Opportunity } from '../../../shared/pipeline.js';
import { errorText } from '../../i18n/error-text.js';
import { formatDate, formatIdr } from '../../i18n/format.js';
import { sapa } from '../../platform/sapa.js';
import { useLanguage } from '../settings/useLanguage.js';
import { CustomerPicker } from './CustomerPicker.js';
import { OpportunityCard, stageLabel } from './OpportunityCard.js';
import { OwnerSelect } from './OwnerSelect.js';

const thisMonth = () => new Date().toISOString().slice(0, 7);

function NewOpportunity({ onCreated }: { onCreated: (text: string, ok: boolean) => void }) {
  const { t } = useTranslation();
  const [customerId, setCustomerId] = useState('');
  const [title, setTitle] = useState('');
  const [value, setValue] = useState('');
  const [close, setClose] = useState(new Date().toISOString().slice(0, 10));
  const [products, setProducts] = useState('');
  const create = async () => {
    try {
      const o = await sapa().call('opportunities.create', {
        customerId, title, valueIdr: Number(value.replace(/[^\d]/g, '')), expectedClose: close,
        products: products.split(',').map((p) => p.trim()).filter(Boolean).map((code) => ({ code })),
      });
      setTitle(''); setValue(''); setProducts('');
      onCreated(t('pipeline.created', { no: o.opportunityNo }), true);
    } catch (e) { onCreated(errorText(t, e), false); }
  };
  return (
    <Paper withBorder p="xs" component="form" aria-label={t('pipeline.new')} onSubmit={(e) => { e.preventDefault(); void create(); }}>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <CustomerPicker value={customerId} onChange={setCustomerId} />
        <TextInput size="xs" label={t('pipeline.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={200} />
        <TextInput size="xs" label={t('pipeline.value')} inputMode="numeric" value={value} onChange={(e) => setValue(e.currentTarget.value)} w={130} />
        <TextInput size="xs" type="date" label={t('pipeline.expectedClose')} value={close} onChange={(e) => setClose(e.currentTarget.value)} />
        <TextInput size="xs" label={t('pipeline.products')} placeholder="FIBER-100, STB-4K" value={products} onChange={(e) => setProducts(e.currentTarget.value)} />
        <Button size="xs" type="submit" disabled={!customerId || !title.trim() || !value}>{t('pipeline.create')}</Button>
      </Group>
    </Paper>
  );
}

export function PipelinePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [view, setView] = useState<'board' | 'list' | 'forecast'>('board');
  const [owner, setOwner] = useState('team');
  const [stage, setStage] = useState('');
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const settings = useQuery({ queryKey: ['sales.settings'], queryFn: () => sapa().call('sales.settings', {}) });
  const board = useQuery({ queryKey: ['opportunities.board', owner], queryFn: () => sapa().call('opportunities.board', { owner }), enabled: view === 'board' });
  const list = useQuery({
    queryKey: ['opportunities.list', owner, stage], enabled: view === 'list',
    queryFn: () => sapa().call('opportunities.list', { owner, ...(stage ? { stage } : {}), limit: 200 }),
  });
  const forecast = useQuery({
    queryKey: ['opportunities.forecast', owner], enabled: view === 'forecast',
    queryFn: () => sapa().call('opportunities.forecast', { from: thisMonth(), months: 6, owner }),
  });
  const refresh = () => { for (const key of ['opportunities.board', 'opportunities.list', 'opportunities.forecast']) void queryClient.invalidateQueries({ queryKey: [key] }); };
  const say = (text: string, ok: boolean) => { setNotice({ ok, text }); refresh(); };
  const move = async (o: Opportunity, stageCode: string, lost?: { reason: string; note: string }) => {
    try {
      const after = await sapa().call('opportunities.move', {
        id: o.id, stageCode, revision: o.revision, ...(lost ? { lostReason: lost.reason, ...(lost.note ? { lostNote: lost.note } : {}) } : {}),
      });
      say(after.contractNo
        ? t('pipeline.wonContract', { no: o.opportunityNo, contract: after.contractNo })
        : t('pipeline.moved', { no: o.opportunityNo, stage: stageLabel(settings.data, stageCode, language) }), true);
    } catch (e) { say(errorText(t, e), false); }
  };
  const byId = new Map((board.data?.columns ?? []).flatMap((c) => c.cards).map((o) => [o.id, o]));
  const error = settings.error ?? (view === 'board' ? board.error : view === 'list' ? list.error : forecast.error);

  return (
    <section aria-label={t('pipeline.heading')}>
      <Stack gap="xs" p="sm">
        <Title order={2} size="h3">{t('pipeline.heading')}</Title>
        <Group gap="xs" align="flex-end">
          <SegmentedControl size="xs" value={view} onChange={(v) => setView(v as typeof view)}
            data={[{ value: 'board', label: t('pipeline.board') }, { value: 'list', label: t('pipeline.list') }, { value: 'forecast', label: t('pipeline.forecast') }]} />
          <OwnerSelect value={owner} onChange={setOwner} />
        </Group>
        <NewOpportunity onCreated={say} />
        {notice && <Alert color={notice.ok ? 'green' : 'red'} role={notice.ok ? 'status' : 'alert'} withCloseButton onClose={() => setNotice(null)}>{notice.text}</Alert>}
        {error && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
        {view === 'board' && (board.isPending ? <Loader size="sm" aria-label={t('pipeline.loading')} /> : (
          <ScrollArea type="auto" offsetScrollbars>
            <Group align="flex-start" wrap="nowrap" gap="xs">
              {(board.data?.columns ?? []).map((col) => (
                <Paper key={col.stageCode} withBorder p="xs" w={230} component="section" bg="var(--mantine-color-gray-0)"
                  aria-label={t('pipeline.column', { stage: stageLabel(settings.data, col.stageCode, language), count: col.count })}
                  onDragOver={(e) => e.preventDefault()}
                  onDrop={(e) => {
                    e.preventDefault();
                    const o = byId.get(e.dataTransfer.getData('text/plain'));
                    if (!o || o.stageCode === col.stageCode) return;
                    if (settings.data?.stages.find((s) => s.code === col.stageCode)?.kind === 'lost') {
                      setNotice({ ok: false, text: t('pipeline.lostNeedsReason') });
                    } else void move(o, col.stageCode);
                  }}>
                  <Stack gap={4}>
                    <Text fw={600} size="sm">{stageLabel(settings.data, col.stageCode, language)} ({col.count})</Text>
                    <Text size="xs" c="dimmed">{formatIdr(col.valueIdr, language)} · {t('pipeline.weighted')} {formatIdr(col.weightedIdr, language)}</Text>
                    {col.cards.length === 0 && <Text size="xs" c="dimmed">{t('pipeline.emptyColumn')}</Text>}
                    {col.cards.map((o) => <OpportunityCard key={o.id} o={o} settings={settings.data} onMove={(x, s, l) => void move(x, s, l)} />)}
                    {col.count > col.cards.length && <Text size="xs" c="dimmed">{t('pipeline.more', { count: col.count - col.cards.length })}</Text>}
                  </Stack>
                </Paper>
              ))}
            </Group>
          </ScrollArea>
        ))}
        {view === 'list' && (
          <Stack gap="xs">
            <NativeSelect size="xs" w={200} label={t('pipeline.stage')} value={stage} onChange={(e) => setStage(e.currentTarget.value)}>
              <option value="">{t('pipeline.allStages')}</option>
              {(settings.data?.stages ?? []).map((s) => <option key={s.code} value={s.code}>{stageLabel(settings.data, s.code, language)}</option>)}
            </NativeSelect>
            {list.isPending ? <Loader size="sm" /> : (list.data?.opportunities.length ?? 0) === 0 ? <Text size="sm">{t('pipeline.none')}</Text> : (
              <Table striped withTableBorder aria-label={t('pipeline.list')}>
                <Table.Thead><Table.Tr>
                  <Table.Th>{t('pipeline.number')}</Table.Th><Table.Th>{t('pipeline.title')}</Table.Th><Table.Th>{t('pipeline.customer')}</Table.Th>
                  <Table.Th>{t('pipeline.stage')}</Table.Th><Table.Th>{t('pipeline.value')}</Table.Th><Table.Th>{t('pipeline.expectedClose')}</Table.Th><Table.Th>{t('pipeline.owner')}</Table.Th>
                </Table.Tr></Table.Thead>
                <Table.Tbody>
                  {list.data?.opportunities.map((o) => (
                    <Table.Tr key={o.id}>
                      <Table.Td>{o.opportunityNo}</Table.Td><Table.Td>{o.title}</Table.Td><Table.Td>{o.customerName}</Table.Td>
                      <Table.Td>{stageLabel(settings.data, o.stageCode, language)}</Table.Td><Table.Td>{formatIdr(o.valueIdr, language)}</Table.Td>
                      <Table.Td>{formatDate(o.expectedClose, language)}</Table.Td><Table.Td>{o.ownerName}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {list.data && <Text size="xs" c="dimmed">{t('pipeline.total', { count: list.data.total })}</Text>}
          </Stack>
        )}
        {view === 'forecast' && (forecast.isPending ? <Loader size="sm" /> : (
          <Table withTableBorder aria-label={t('pipeline.forecast')}>
            <Table.Thead><Table.Tr>
              <Table.Th>{t('pipeline.month')}</Table.Th><Table.Th>{t('pipeline.open')}</Table.Th><Table.Th>{t('pipeline.pipelineValue')}</Table.Th>
              <Table.Th>{t('pipeline.weighted')}</Table.Th><Table.Th>{t('pipeline.won')}</Table.Th>
            </Table.Tr></Table.Thead>
            <Table.Tbody>
              {forecast.data?.months.map((m) => (
                <Table.Tr key={m.month}>
                  <Table.Td>{m.month}</Table.Td><Table.Td>{m.count}</Table.Td><Table.Td>{formatIdr(m.pipelineIdr, language)}</Table.Td>
                  <Table.Td>{formatIdr(m.weightedIdr, language)}</Table.Td><Table.Td>{formatIdr(m.wonIdr, language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ))}
      </Stack>
    </section>
  );
}
