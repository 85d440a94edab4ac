// The lead's case board (/cases, lead group): the cases of the teams they lead (an admin:
// all), by status with counts, overdue first, filtered by team, category, tier and escalated
// only, a page at a time. Each row says who holds the case and, when escalated, to whom and
// when; the customer opens from the row, and the case is reassigned from it (to an agent or a
// team queue). Every control is a native element with a name: Tab and the arrow keys work it.
import { Alert, Badge, Button, Checkbox, Group, Loader, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BOARD_STATUSES, type CaseBoardOptions, type CaseBoardRow } from '../../../shared/case-sla.js';
import { TIERS } from '../../../shared/domain.js';
import { errorText } from '../../i18n/error-text.js';
import { formatDateTime } from '../../i18n/format.js';
import { sapa } from '../../platform/sapa.js';
import { OpenCustomerButton } from '../home/OpenCustomerButton.js';
import { useLanguage } from '../settings/useLanguage.js';

const PAGE = 20;

type Status = (typeof BOARD_STATUSES)[number];
interface Filters { status: Status; teamId: string; category: string; tier: string; escalated: boolean }
const NONE: Filters = { status: 'active', teamId: '', category: '', tier: '', escalated: false };

function span(minutes: number): { h: number; m: number } {
  const abs = Math.abs(minutes);
  return { h: Math.floor(abs / 60), m: abs % 60 };
}

function Clock({ row }: { row: CaseBoardRow }) {
  const { t } = useTranslation();
  if (row.status === 'resolved' || row.status === 'closed') return <>{t('cases.clock.done')}</>;
  if (row.overdue) return <Badge color="red" variant="filled" size="sm">{t('cases.clock.overdue', span(row.minutesLeft))}</Badge>;
  return <>{t('cases.clock.left', span(row.minutesLeft))}</>;
}

function Reassign({ row, options, onDone }: { row: CaseBoardRow; options: CaseBoardOptions | undefined; onDone: (text: string, ok: boolean) => void }) {
  const { t } = useTranslation();
  if (row.status === 'closed') return null;
  const move = async (value: string) => {
    const [kind, id] = value.split(':');
    if (!id) return;
    try {
      await sapa().call('cases.assign', { caseId: row.id, to: kind === 'team' ? { teamId: id } : { assigneeId: id } });
      onDone(t('caseBoard.reassigned', { caseNo: row.caseNo }), true);
    } catch (e) {
      onDone(errorText(t, e), false);
    }
  };
  return (
    <NativeSelect size="xs" w={140} value="" aria-label={t('caseBoard.reassignCase', { caseNo: row.caseNo })}
      onChange={(e) => void move(e.currentTarget.value)}>
      <option value="">{t('caseBoard.reassign')}</option>
      <optgroup label={t('caseBoard.toAgent')}>
        {(options?.agents ?? []).filter((a) => a.id !== row.assigneeId).map((a) => <option key={a.id} value={`agent:${a.id}`}>{a.name}</option>)}
      </optgroup>
      <optgroup label={t('caseBoard.toTeam')}>
        {(options?.teams ?? []).map((team) => <option key={team.id} value={`team:${team.id}`}>{t('caseBoard.teamQueue', { team: team.name })}</option>)}
      </optgroup>
    </NativeSelect>
  );
}

export function CaseBoardPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<Filters>(NONE);
  const [offset, setOffset] = useState(0);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const options = useQuery({ queryKey: ['cases.boardOptions'], queryFn: () => sapa().call('cases.boardOptions', {}) });
  const query = {
    status: filters.status, limit: PAGE, offset,
    ...(filters.teamId ? { teamId: filters.teamId } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.tier ? { tier: filters.tier as (typeof TIERS)[number] } : {}),
    ...(filters.escalated ? { escalated: true } : {}),
  };
  const board = useQuery({
    queryKey: ['cases.board', query], queryFn: () => sapa().call('cases.board', query),
    staleTime: 0, placeholderData: keepPreviousData, refetchInterval: 30_000,
  });
  const set = (patch: Partial<Filters>) => { setFilters({ ...filters, ...patch }); setOffset(0); };
  const page = board.data;
  const rows = page?.items ?? [];
  const filtered = filters.teamId !== '' || filters.category !== '' || filters.tier !== '' || filters.escalated;
  const error = board.error ?? options.error;
  const done = (text: string, ok: boolean) => {
    setNotice({ ok, text });
    void queryClient.invalidateQueries({ queryKey: ['cases.board'] });
  };

  return (
    <section aria-label={t('caseBoard.title')}>
      <Stack gap="xs" p="sm">
        <Title order={2} size="h3">{t('caseBoard.title')}</Title>
        <Group gap="xs" align="flex-end" wrap="wrap" role="search" aria-label={t('caseBoard.filters')}>
          <NativeSelect size="xs" label={t('caseBoard.status')} value={filters.status}
            onChange={(e) => set({ status: e.currentTarget.value as Status })}>
            {BOARD_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(s === 'active' ? 'caseBoard.active' : `cases.statuses.${s}`)}{page?.counts[s] !== undefined ? ` (${page.counts[s]})` : ''}
              </option>
            ))}
          </NativeSelect>
          <NativeSelect size="xs" label={t('caseBoard.team')} value={filters.teamId} onChange={(e) => set({ teamId: e.currentTarget.value })}>
            <option value="">{t('caseBoard.allTeams')}</option>
            {(options.data?.teams ?? []).map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
          </NativeSelect>
          <NativeSelect size="xs" label={t('cases.category')} value={filters.category} onChange={(e) => set({ category: e.currentTarget.value })}>
            <option value="">{t('caseBoard.allCategories')}</option>
            {(options.data?.categories ?? []).map((c) => <option key={c} value={c}>{t(`cases.categories.${c}`, { defaultValue: c })}</option>)}
          </NativeSelect>
          <NativeSelect size="xs" label={t('caseBoard.tier')} value={filters.tier} onChange={(e) => set({ tier: e.currentTarget.value })}>
            <option value="">{t('caseBoard.allTiers')}</option>
            {TIERS.map((tier) => <option key={tier} value={tier}>{t(`tier.${tier}`, { defaultValue: tier })}</option>)}
          </NativeSelect>
          <Checkbox size="xs" mb={6} label={t('caseBoard.escalatedOnly')} checked={filters.escalated}
            onChange={(e) => set({ escalated: e.currentTarget.checked })} />
          {filtered && <Button size="compact-sm" variant="subtle" mb={4} onClick={() => set(NONE)}>{t('caseBoard.clear')}</Button>}
        </Group>
        {notice && <Alert color={notice.ok ? 'green' : 'red'} role={notice.ok ? 'status' : 'alert'} p="xs" variant="light">{notice.text}</Alert>}
        {error && (
          <Alert color="red" role="alert" variant="light" p="xs">
            {errorText(t, error)}
            <Button size="compact-sm" variant="subtle" ml="sm" onClick={() => { void board.refetch(); void options.refetch(); }}>{t('caseBoard.retry')}</Button>
          </Alert>
        )}
        {board.isPending && <Group gap="xs" role="status"><Loader size="sm" /><Text size="sm">{t('caseBoard.loading')}</Text></Group>}
        {page && rows.length === 0 && <Text size="sm" c="dimmed" role="status">{filtered ? t('caseBoard.emptyFiltered') : t('caseBoard.empty')}</Text>}
        {rows.length > 0 && (
          <>
            <Table.ScrollContainer minWidth={820} type="native">
              <Table fz="xs" striped highlightOnHover aria-label={t('caseBoard.table')} verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('caseBoard.case')}</Table.Th>
                    <Table.Th>{t('caseBoard.customer')}</Table.Th>
                    <Table.Th>{t('caseBoard.clockStatus')}</Table.Th>
                    <Table.Th>{t('caseBoard.categoryTier')}</Table.Th>
                    <Table.Th>{t('caseBoard.heldBy')}</Table.Th>
                    <Table.Th>{t('caseBoard.reassignColumn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.id} data-overdue={r.overdue || undefined} className={r.overdue ? 'sapa-overdue' : undefined}>
                      <Table.Td style={{ maxWidth: 240 }}>
                        <Text size="xs" fw={600} style={{ whiteSpace: 'nowrap' }}>{r.caseNo}</Text>
                        <Text size="xs" lineClamp={2}>{r.subject}</Text>
                      </Table.Td>
                      <Table.Td>
                        <OpenCustomerButton customerId={r.customerId} name={r.customerName} salutation={r.salutation}
                          label={t('caseBoard.openCustomer', { name: r.customerName, caseNo: r.caseNo })} />
                      </Table.Td>
                      <Table.Td>
                        <Clock row={r} />
                        <Text size="xs" c="dimmed">{t(`cases.statuses.${r.status}`)}</Text>
                      </Table.Td>
                      <Table.Td>
                        {t(`cases.categories.${r.category}`, { defaultValue: r.category })} · {t(`tier.${r.tier}`, { defaultValue: r.tier })}
                        {' · '}{t(`cases.priorities.${r.priority}`)}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs">{r.assigneeName ?? (r.teamName ? t('caseBoard.teamQueue', { team: r.teamName }) : t('caseBoard.nobody'))}</Text>
                        {r.escalationLevel > 0 && (
                          <Text size="xs" c="red.8" fw={600}>
                            {t('caseBoard.escalatedTo', {
                              who: r.escalatedToName ?? t('caseBoard.nobody'),
                              when: r.escalatedAt ? formatDateTime(r.escalatedAt, language) : '—',
                              level: t(r.escalationLevel === 1 ? 'caseBoard.level1' : 'caseBoard.level2'),
                            })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td><Reassign row={r} options={options.data} onDone={done} /></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group gap="sm">
              <Text size="sm" aria-live="polite">
                {t('caseBoard.range', { from: offset + 1, to: offset + rows.length, total: page?.total ?? rows.length })}
              </Text>
              <Button size="compact-sm" variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                {t('caseBoard.previous')}
              </Button>
              <Button size="compact-sm" variant="default" disabled={offset + rows.length >= (page?.total ?? 0)} onClick={() => setOffset(offset + PAGE)}>
                {t('caseBoard.next')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </section>
  );
}
