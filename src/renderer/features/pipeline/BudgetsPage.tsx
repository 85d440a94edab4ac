// Budgets (/sales/budgets): spent vs budget at a glance for a month or a quarter — a rep their
// own, a manager their teams and reps — with the state (warning from the setting's share,
// over above 100 %), the period's costs with their receipts, and (managers) setting a budget.
import { Alert, Badge, Button, Group, Loader, NativeSelect, Paper, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BUDGET_SET_KINDS, type BudgetRow, type BudgetSetKind } from '../../../shared/pipeline.js';
import { can } from '../../../shared/permissions.js';
import { periodOf } from '../../../shared/sales-money.js';
import { errorText } from '../../i18n/error-text.js';
import { formatDate, formatIdr } from '../../i18n/format.js';
import { sapa } from '../../platform/sapa.js';
import { useAuthStore } from '../auth/store.js';
import { useLanguage } from '../settings/useLanguage.js';

const STATE_COLOR = { none: 'gray', ok: 'green', warn: 'orange', over: 'red' } as const;

function SetBudget({ period, onDone }: { period: string; onDone: (text: string, ok: boolean) => void }) {
  const { t } = useTranslation();
  const people = useQuery({ queryKey: ['sales.people'], queryFn: () => sapa().call('sales.people', {}) });
  const [target, setTarget] = useState('');
  const [kind, setKind] = useState<BudgetSetKind>('prospecting');
  const [amount, setAmount] = useState('');
  const save = async () => {
    const [scope, id] = target.split(':');
    try {
      await sapa().call('budgets.set', {
        kind, period, amountIdr: Number(amount.replace(/[^\d]/g, '')), teamId: scope === 'team' ? id ?? null : null, userId: scope === 'rep' ? id ?? null : null,
      });
      setAmount('');
      onDone(t('budgets.saved'), true);
    } catch (e) { onDone(errorText(t, e), false); }
  };
  return (
    <Paper withBorder p="xs" component="form" aria-label={t('budgets.set')} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <NativeSelect size="xs" label={t('budgets.for')} value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
          <option value="">{t('budgets.choose')}</option>
          {(people.data?.teams ?? []).map((team) => <option key={team.id} value={`team:${team.id}`}>{t('budgets.teamOf', { team: team.name })}</option>)}
          {(people.data?.people ?? []).filter((p) => p.role === 'sales_rep').map((p) => <option key={p.id} value={`rep:${p.id}`}>{p.name}</option>)}
        </NativeSelect>
        <NativeSelect size="xs" label={t('budgets.budget')} value={kind} onChange={(e) => setKind(e.currentTarget.value as typeof kind)}>
          {BUDGET_SET_KINDS.map((k) => <option key={k} value={k}>{t(`budgets.kinds.${k}`)}</option>)}
        </NativeSelect>
        <TextInput size="xs" label={t('budgets.amount')} inputMode="numeric" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} w={150} />
        <Button size="xs" type="submit" disabled={!target || !amount}>{t('budgets.save')}</Button>
      </Group>
    </Paper>
  );
}

function StateBadge({ row }: { row: BudgetRow }) {
  const { t } = useTranslation();
  return <Badge color={STATE_COLOR[row.state]} size="sm">{t(`budgets.states.${row.state}`)}</Badge>;
}

export function BudgetsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const role = useAuthStore((s) => s.user?.role ?? null);
  const queryClient = useQueryClient();
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const [period, setPeriod] = useState(periodOf(today, 'quarter'));
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const summary = useQuery({ queryKey: ['budgets.summary', period], queryFn: () => sapa().call('budgets.summary', { period }), staleTime: 0 });
  const costs = useQuery({ queryKey: ['costs.list', period], queryFn: () => sapa().call('costs.list', { period }), staleTime: 0 });
  const periods = [periodOf(today, 'quarter'), periodOf(today, 'month')];
  const manager = can(role, 'budgets.manage');

  return (
    <section aria-label={t('budgets.heading')}>
      <Stack gap="xs" p="sm">
        <Title order={2} size="h3">{t('budgets.heading')}</Title>
        <Group gap="xs" align="flex-end">
          <NativeSelect size="xs" label={t('budgets.period')} value={period} onChange={(e) => setPeriod(e.currentTarget.value)}>
            {periods.map((p) => <option key={p} value={p}>{p}</option>)}
          </NativeSelect>
          {summary.data && <Text size="xs" c="dimmed">{formatDate(summary.data.start, language)} – {formatDate(summary.data.end, language)} · {t('budgets.warnAt', { percent: summary.data.warnPercent })}</Text>}
        </Group>
        {manager && <SetBudget period={period} onDone={(text, ok) => { setNotice({ ok, text }); void queryClient.invalidateQueries({ queryKey: ['budgets.summary'] }); }} />}
        {notice && <Alert color={notice.ok ? 'green' : 'red'} role={notice.ok ? 'status' : 'alert'} withCloseButton onClose={() => setNotice(null)}>{notice.text}</Alert>}
        {(summary.error ?? costs.error) && <Alert color="red" role="alert">{errorText(t, summary.error ?? costs.error)}</Alert>}
        {summary.isPending ? <Loader size="sm" aria-label={t('budgets.loading')} /> : (summary.data?.rows.length ?? 0) === 0 ? <Text size="sm">{t('budgets.empty')}</Text> : (
          <Table withTableBorder aria-label={t('budgets.spentVsBudget')}>
            <Table.Thead><Table.Tr>
              <Table.Th>{t('budgets.who')}</Table.Th><Table.Th>{t('budgets.budget')}</Table.Th><Table.Th>{t('budgets.amount')}</Table.Th>
              <Table.Th>{t('budgets.spent')}</Table.Th><Table.Th w={160}>%</Table.Th><Table.Th>{t('budgets.state')}</Table.Th>
            </Table.Tr></Table.Thead>
            <Table.Tbody>{summary.data?.rows.map((r) => (
              <Table.Tr key={`${r.kind}:${r.scope}:${r.teamId ?? r.userId}`}>
                <Table.Td>{r.scope === 'team' ? t('budgets.teamOf', { team: r.name }) : r.name}</Table.Td>
                <Table.Td>{t(`budgets.kinds.${r.kind}`)}</Table.Td>
                <Table.Td>{r.budgetIdr === null ? t('budgets.noBudget') : formatIdr(r.budgetIdr, language)}</Table.Td>
                <Table.Td>{formatIdr(r.spentIdr, language)}</Table.Td>
                <Table.Td>{r.percent === null ? '–' : (
                  <Group gap={4} wrap="nowrap"><Progress w={90} value={Math.min(r.percent, 100)} color={STATE_COLOR[r.state]} aria-hidden /><Text size="xs">{r.percent} %</Text></Group>
                )}</Table.Td>
                <Table.Td><StateBadge row={r} /></Table.Td>
              </Table.Tr>
            ))}</Table.Tbody>
          </Table>
        )}
        <Title order={3} size="h5">{t('budgets.costs')}</Title>
        {(costs.data?.costs.length ?? 0) === 0 ? <Text size="sm">{t('budgets.noCosts')}</Text> : (
          <Table withTableBorder aria-label={t('budgets.costs')}>
            <Table.Thead><Table.Tr>
              <Table.Th>{t('budgets.date')}</Table.Th><Table.Th>{t('budgets.who')}</Table.Th><Table.Th>{t('pipeline.customer')}</Table.Th>
              <Table.Th>{t('budgets.budget')}</Table.Th><Table.Th>{t('visits.category')}</Table.Th><Table.Th>{t('visits.amount')}</Table.Th><Table.Th>{t('visits.receipt')}</Table.Th>
            </Table.Tr></Table.Thead>
            <Table.Tbody>{costs.data?.costs.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{formatDate(c.spentOn, language)}</Table.Td><Table.Td>{c.ownerName}</Table.Td><Table.Td>{c.customerName ?? '–'}</Table.Td>
                <Table.Td>{t(`budgets.kinds.${c.budget}`)}</Table.Td><Table.Td>{t(`visits.categories.${c.category}`)}</Table.Td>
                <Table.Td>{formatIdr(c.amountIdr, language)}</Table.Td>
                <Table.Td>{c.receiptId === null ? t('budgets.noReceipt') : c.receiptUploaded ? t('budgets.receiptIn', { type: c.receiptType === 'application/pdf' ? 'PDF' : t('budgets.photo') }) : t('budgets.receiptWaiting')}</Table.Td>
              </Table.Tr>
            ))}</Table.Tbody>
          </Table>
        )}
      </Stack>
    </section>
  );
}
